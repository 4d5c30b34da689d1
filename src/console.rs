//! What the terminal runs: `clear`, `help`, and `kubectl …`. Until the
//! engine's kubectl lands on this branch, `kubectl` says so plainly; the
//! completion offers commands and pod names.

use podplay_engine::Lang;

use crate::components::terminal::TermOutput;
use crate::i18n::{self, Msg};
use crate::sim::Sim;

/// Runs one command line against the cluster.
pub fn run(_sim: &mut Sim, line: &str, lang: Lang) -> TermOutput {
    let cmd = line.split_whitespace().next().unwrap_or("");
    match cmd {
        "clear" => TermOutput { clear: true, ..TermOutput::default() },
        "help" => TermOutput { stdout: Msg::TerminalHelp.get(lang).to_string(), ..TermOutput::default() },
        "kubectl" | "k" => TermOutput { stderr: Msg::TerminalNotReady.get(lang).to_string(), ..TermOutput::default() },
        _ => TermOutput { stderr: i18n::unknown_command(lang, cmd), ..TermOutput::default() },
    }
}

const COMMANDS: [&str; 3] = ["clear", "help", "kubectl"];
const VERBS: [&str; 7] = ["apply", "delete", "describe", "exec", "explain", "get", "logs"];

/// Completes the last word of `line`; returns whole candidate lines.
pub fn complete(sim: &Sim, line: &str) -> Vec<String> {
    let (head, word) = match line.rfind(' ') {
        Some(i) => (&line[..=i], &line[i + 1..]),
        None => ("", line),
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let pool: Vec<String> = match words.as_slice() {
        [] => COMMANDS.iter().map(|s| s.to_string()).collect(),
        ["kubectl"] => VERBS.iter().map(|s| s.to_string()).collect(),
        ["kubectl", "get" | "describe" | "delete"] => vec!["pods".into(), "nodes".into(), "events".into()],
        ["kubectl", ..] => sim.pods().iter().map(|p| p.pod.metadata.name.clone()).collect(),
        _ => Vec::new(),
    };
    pool.into_iter().filter(|c| c.starts_with(word)).map(|c| format!("{head}{c}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_commands_verbs_and_pod_names() {
        let mut sim = Sim::new();
        sim.apply_yaml(crate::state::STARTER_YAML).unwrap();
        assert_eq!(complete(&sim, "ku"), vec!["kubectl"]);
        assert_eq!(complete(&sim, "kubectl g"), vec!["kubectl get"]);
        assert_eq!(complete(&sim, "kubectl logs he"), vec!["kubectl logs hello"]);
        assert!(complete(&sim, "zzz").is_empty());
    }

    #[test]
    fn runs_builtins() {
        let mut sim = Sim::new();
        assert!(run(&mut sim, "clear", Lang::En).clear);
        assert!(run(&mut sim, "help", Lang::Ko).stdout.contains("kubectl"));
        assert!(run(&mut sim, "rm -rf /", Lang::En).stderr.contains("rm: command not found"));
    }
}
