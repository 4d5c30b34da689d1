//! What the terminal runs: `clear` and `help` here, everything else through
//! the engine's kubectl (which also answers `kubectl help`).

use podplay_engine::kubectl::{CommandOutput, EDITOR_FILE};
use podplay_engine::Lang;

use crate::components::terminal::TermOutput;
use crate::i18n::{self, Msg};
use crate::sim::{Sim, FILES_MAX};

/// Runs one command line against the cluster; `editor` is `-f editor.yaml`.
pub fn run(sim: &mut Sim, line: &str, lang: Lang, editor: &str) -> TermOutput {
    let cmd = line.split_whitespace().next().unwrap_or("");
    // A node shell (`ssh worker-1`) or a container shell (`kubectl exec -it`)
    // takes every line until its `exit`.
    let in_node = sim.shell_prompt().is_some();
    match cmd {
        _ if in_node || cmd == "ssh" => {
            let out = sim.run(line, lang, editor);
            with_files(sim, out, lang)
        }
        "clear" => TermOutput { clear: true, ..TermOutput::default() },
        "help" => TermOutput { stdout: Msg::TerminalHelp.get(lang).to_string(), ..TermOutput::default() },
        "kubectl" | "k" => {
            let line = if cmd == "k" { format!("kubectl{}", &line.trim_start()[1..]) } else { line.to_string() };
            let out = sim.run(&line, lang, editor);
            with_files(sim, out, lang)
        }
        _ => TermOutput { stderr: i18n::unknown_command(lang, cmd), ..TermOutput::default() },
    }
}

/// The command's output, with the files it copied to the terminal's side
/// offered for download, or why one was not kept.
fn with_files(sim: &Sim, out: CommandOutput, lang: Lang) -> TermOutput {
    let copied = out.files.clone();
    let mut term = with_explain(out, lang);
    for (name, text) in copied {
        if sim.file(&name) == Some(text.as_str()) {
            term.files.push((name, text));
            continue;
        }
        if !term.stderr.is_empty() && !term.stderr.ends_with('\n') {
            term.stderr.push('\n');
        }
        if name == EDITOR_FILE {
            term.stderr.push_str(Msg::FileIsEditor.get(lang));
        } else {
            term.stderr.push_str(&i18n::files_full(lang, &name, FILES_MAX));
        }
        term.stderr.push('\n');
    }
    term
}

/// The command's output with our explanation after its stderr.
fn with_explain(out: CommandOutput, lang: Lang) -> TermOutput {
    let mut stderr = out.stderr;
    if let Some(explain) = out.explain {
        if !stderr.is_empty() && !stderr.ends_with('\n') {
            stderr.push('\n');
        }
        stderr.push_str(explain.get(lang));
    }
    let edit = out.edit.map(|e| {
        let kind = e.resource.split('.').next().unwrap_or("").trim_end_matches('s').to_string();
        (format!("{kind}/{}", e.name), e.text)
    });
    TermOutput { stdout: out.stdout, stderr, clear: false, edit, files: Vec::new() }
}

/// A lesson may limit the terminal to some kubectl subcommands
/// (`allowedCommands` in its `lesson.yaml`): any other is refused with the
/// list, before it reaches the cluster. `None` allows everything.
pub fn refuse(line: &str, allowed: Option<&[String]>, lang: Lang) -> Option<TermOutput> {
    let allowed = allowed?;
    let mut words = line.split_whitespace();
    if !matches!(words.next(), Some("kubectl" | "k")) {
        return None;
    }
    // The subcommand is the first word that is neither a flag nor a flag's value.
    let mut sub = None;
    let mut skip_value = false;
    for word in words {
        if skip_value {
            skip_value = false;
        } else if word.starts_with('-') {
            skip_value = !word.contains('=')
                && matches!(word, "-n" | "--namespace" | "--context" | "--kubeconfig" | "-s" | "--server");
        } else {
            sub = Some(word);
            break;
        }
    }
    let sub = sub?;
    if allowed.iter().any(|a| a == sub) {
        return None;
    }
    Some(TermOutput { stderr: i18n::not_in_lesson(lang, sub, allowed), ..TermOutput::default() })
}

const COMMANDS: [&str; 4] = ["clear", "help", "kubectl", "ssh"];

/// Completes the last word of `line`; returns whole candidate lines.
pub fn complete(sim: &mut Sim, line: &str, editor: &str) -> Vec<String> {
    let (head, word) = match line.rfind(' ') {
        Some(i) => (&line[..=i], &line[i + 1..]),
        None => ("", line),
    };
    let words: Vec<&str> = if head.trim().is_empty() { Vec::new() } else { head.split_whitespace().collect() };
    let pool: Vec<String> = match words.first() {
        _ if sim.shell_prompt().is_some() => sim.complete(line, editor),
        None => COMMANDS.iter().map(|s| s.to_string()).filter(|c| c.starts_with(word)).collect(),
        Some(&"kubectl" | &"ssh") => sim.complete(line, editor),
        Some(_) => Vec::new(),
    };
    pool.into_iter().map(|c| format!("{head}{c}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_commands_verbs_and_pod_names() {
        let mut sim = Sim::new();
        sim.apply_yaml(crate::state::STARTER_YAML, Lang::En).unwrap();
        assert_eq!(complete(&mut sim, "ku", ""), vec!["kubectl"]);
        assert!(complete(&mut sim, "kubectl g", "").contains(&"kubectl get".to_string()));
        assert!(complete(&mut sim, "kubectl logs he", "").contains(&"kubectl logs hello".to_string()));
        assert!(complete(&mut sim, "zzz", "").is_empty());
    }

    #[test]
    fn a_lesson_may_limit_the_subcommands() {
        let allowed = vec!["get".to_string(), "describe".to_string()];
        let refused = |line: &str| refuse(line, Some(&allowed), Lang::En).map(|o| o.stderr);
        assert_eq!(refused("kubectl get pods"), None);
        assert_eq!(refused("k -n default describe pod web"), None);
        assert_eq!(refused("kubectl --namespace=x get po"), None);
        assert_eq!(refused("clear"), None, "the terminal's own commands are not kubectl's");
        let said = refused("kubectl delete pod web").unwrap_or_default();
        assert!(said.contains("delete") && said.contains("get, describe"), "{said}");
        assert!(refuse("kubectl delete pod web", Some(&allowed), Lang::Ko)
            .unwrap_or_default()
            .stderr
            .contains("이 레슨에서는"));
        assert_eq!(refuse("kubectl delete pod web", None, Lang::En), None);
    }

    #[test]
    fn a_copied_file_is_offered_in_the_terminal() {
        let mut sim = Sim::new();
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: writer\n    image: busybox:1.36\n    command: [sh, -c, 'mkdir -p /shared; echo hi > /shared/index.html; sleep 3600']\n";
        sim.apply_yaml(pod, Lang::En).unwrap();
        sim.advance_by(30_000);
        let out = run(&mut sim, "kubectl cp web:/shared/index.html ./index.html -c writer", Lang::Ko, "");
        assert_eq!(out.files, vec![("index.html".to_string(), "hi\n".to_string())], "{out:?}");
        let out = run(&mut sim, "k cp web:/shared/index.html editor.yaml", Lang::En, "");
        assert!(out.files.is_empty(), "{out:?}");
        assert!(out.stderr.contains(Msg::FileIsEditor.get(Lang::En)), "{out:?}");
    }

    #[test]
    fn runs_builtins_and_kubectl() {
        let mut sim = Sim::new();
        assert!(run(&mut sim, "clear", Lang::En, "").clear);
        assert!(run(&mut sim, "help", Lang::Ko, "").stdout.contains("kubectl"));
        assert!(run(&mut sim, "rm -rf /", Lang::En, "").stderr.contains("rm: command not found"));
        let out = run(&mut sim, "kubectl apply -f editor.yaml", Lang::En, crate::state::STARTER_YAML);
        assert_eq!(out.stdout.trim(), "pod/hello created", "{out:?}");
        let out = run(&mut sim, "k get pods", Lang::En, "");
        assert!(out.stdout.contains("hello"), "{out:?}");
    }
}
