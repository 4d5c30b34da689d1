//! Tab completion for the terminal: commands, resource types, object names,
//! flags and flag values, for the word under the cursor. Candidates replace
//! that word; they are sorted and deduplicated.

use super::backend::Backend;
use super::cli::{self, Kind};
use super::cmd::kinds;
use super::resources::RESOURCES;
use super::Context;

/// The most candidates returned.
const CANDIDATES_MAX: usize = 100;

/// Completes the word that ends at byte offset `cursor` of `line`
/// (clamped to the line and to a character boundary).
pub fn complete<B: Backend + ?Sized>(backend: &B, line: &str, cursor: usize, ctx: &Context) -> Vec<String> {
    let mut cut = cursor.min(line.len());
    while cut > 0 && !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = line.get(..cut).unwrap_or("");
    let Ok(mut words) = super::lex::split(head) else { return Vec::new() };
    let partial =
        if head.is_empty() || head.ends_with([' ', '\t']) { String::new() } else { words.pop().unwrap_or_default() };
    let mut out: Vec<String> =
        candidates(backend, &words, &partial, ctx).into_iter().filter(|c| c.starts_with(partial.as_str())).collect();
    out.sort();
    out.dedup();
    out.truncate(CANDIDATES_MAX);
    out
}

fn candidates<B: Backend + ?Sized>(b: &B, words: &[String], partial: &str, ctx: &Context) -> Vec<String> {
    if words.is_empty() {
        return vec!["kubectl".to_string(), "clear".to_string(), "help".to_string()];
    }
    // The command is the first word after `kubectl` that is not a flag or a flag's value.
    let rest = words.get(1..).unwrap_or(&[]);
    let mut i = 0;
    let mut command = None;
    while let Some(w) = rest.get(i) {
        if w == "-n" || w == "--namespace" {
            i += 2;
            continue;
        }
        if w.starts_with('-') {
            i += 1;
            continue;
        }
        command = cli::find(w);
        i += 1;
        break;
    }
    let Some(command) = command else {
        return cli::COMMANDS.iter().filter(|c| c.implemented()).map(|c| c.name.to_string()).collect();
    };
    let after: Vec<&String> = rest.get(i..).unwrap_or(&[]).iter().collect();
    // A flag's value?
    if let Some(prev) = after.last() {
        let flag = if let Some(long) = prev.strip_prefix("--") {
            command.flags.iter().chain(cli::GLOBAL_FLAGS).find(|f| f.long == long && !long.contains('='))
        } else if prev.len() == 2 && prev.starts_with('-') {
            let c = prev.chars().nth(1).unwrap_or(' ');
            command.flags.iter().chain(cli::GLOBAL_FLAGS).find(|f| f.short == Some(c))
        } else {
            None
        };
        if let Some(f) = flag.filter(|f| matches!(f.kind, Kind::Str | Kind::List)) {
            return flag_values(b, f.long, &after, ctx);
        }
    }
    if partial.starts_with('-') {
        return command
            .flags
            .iter()
            .chain(cli::GLOBAL_FLAGS)
            .flat_map(|f| {
                let mut v = vec![format!("--{}", f.long)];
                if let Some(s) = f.short {
                    v.push(format!("-{s}"));
                }
                v
            })
            .collect();
    }
    let positionals: Vec<&String> = positionals(command, &after);
    let ns = namespace_of(b, &after, ctx);
    // Names of one type, from the same listing `get` uses.
    let names_of = |plural: &str| -> Vec<String> {
        match super::resources::resolve(plural).filter(|r| r.served()) {
            Some(r) => kinds::list(b, r, r.namespaced.then_some(ns.as_str())).iter().map(kinds::Item::name).collect(),
            None => Vec::new(),
        }
    };
    let pods = || names_of("pods");
    let nodes = || names_of("nodes");
    match command.name {
        // `TYPE/NAME`: complete the name after the slash.
        "get" | "describe" | "delete" | "label" | "annotate" | "logs" | "exec" | "port-forward" | "patch" | "edit"
        | "wait" | "debug" | "rollout" | "set" | "scale"
            if partial.contains('/') =>
        {
            let (t, _) = partial.split_once('/').unwrap_or((partial, ""));
            match super::resources::resolve(t) {
                Some(r) => names_of(r.plural).into_iter().map(|n| format!("{t}/{n}")).collect(),
                None => Vec::new(),
            }
        }
        "get" | "describe" | "delete" | "label" | "annotate" | "explain" | "patch" | "edit" | "wait" => {
            match positionals.first() {
                None => RESOURCES
                    .iter()
                    .filter(|r| r.served())
                    .flat_map(|r| std::iter::once(r.plural.to_string()).chain(r.short.iter().map(|s| s.to_string())))
                    .chain(["all".to_string()])
                    .collect(),
                Some(t) if command.name != "explain" => match super::resources::resolve(t) {
                    Some(r) => names_of(r.plural),
                    None => Vec::new(),
                },
                _ => Vec::new(),
            }
        }
        "logs" | "exec" | "port-forward" if positionals.is_empty() => pods(),
        "top" => match positionals.first() {
            None => vec!["pod".to_string(), "node".to_string()],
            Some(t) if t.starts_with("po") => pods(),
            Some(_) => nodes(),
        },
        "cordon" | "uncordon" | "drain" if positionals.is_empty() => nodes(),
        // `kubectl taint nodes NODE key=value:Effect`.
        "taint" => match positionals.len() {
            0 => vec!["nodes".to_string()],
            1 => nodes(),
            _ => ["NoSchedule", "PreferNoSchedule", "NoExecute"]
                .iter()
                .map(|e| format!("{partial}:{e}"))
                .filter(|_| partial.contains('=') && !partial.contains(':'))
                .collect(),
        },
        "debug" if positionals.is_empty() => {
            let mut v = pods();
            v.extend(nodes().into_iter().map(|n| format!("node/{n}")));
            v
        }
        // `POD:/path` or a local file, either way round.
        "cp" if positionals.len() < 2 => {
            let mut v: Vec<String> = pods().into_iter().map(|p| format!("{p}:/")).collect();
            v.extend(ctx.files.keys().cloned());
            v
        }
        "scale" => match positionals.first() {
            None => vec!["deployment".to_string(), "replicaset".to_string(), "replicationcontroller".to_string()],
            Some(t) => match super::resources::resolve(t) {
                Some(r) => names_of(r.plural),
                None => Vec::new(),
            },
        },
        // `rollout SUB TYPE NAME`, `set SUB TYPE NAME`, `create SUB NAME`.
        "rollout" | "set" | "create" => sub_and_target(command.name, &positionals, &names_of),
        "help" => cli::COMMANDS.iter().filter(|c| c.implemented()).map(|c| c.name.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The subcommands of `rollout`, `set` and `create`, then the types and
/// names they act on.
fn sub_and_target(command: &str, positionals: &[&String], names_of: &dyn Fn(&str) -> Vec<String>) -> Vec<String> {
    let subs: &[&str] = match command {
        "rollout" => &["history", "pause", "restart", "resume", "status", "undo"],
        "set" => &["env", "image", "resources"],
        _ => &["cronjob", "deployment", "job"],
    };
    let types: &[&str] = match command {
        "rollout" => &["deployment"],
        "set" => &["deployment", "pod", "replicaset", "replicationcontroller"],
        _ => &[],
    };
    match positionals {
        [] => subs.iter().map(|s| s.to_string()).collect(),
        [_] => types.iter().map(|s| s.to_string()).collect(),
        [_, t] if !types.is_empty() => names_of(t),
        _ => Vec::new(),
    }
}

/// Positional words (skipping flags and their values).
fn positionals<'a>(command: &cli::KubectlCommand, words: &[&'a String]) -> Vec<&'a String> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(w) = words.get(i) {
        i += 1;
        if w.as_str() == "--" {
            break;
        }
        if let Some(long) = w.strip_prefix("--") {
            let takes = command
                .flags
                .iter()
                .chain(cli::GLOBAL_FLAGS)
                .any(|f| f.long == long && matches!(f.kind, Kind::Str | Kind::List));
            if takes {
                i += 1;
            }
            continue;
        }
        if w.starts_with('-') && w.len() == 2 {
            let c = w.chars().nth(1).unwrap_or(' ');
            let takes = command
                .flags
                .iter()
                .chain(cli::GLOBAL_FLAGS)
                .any(|f| f.short == Some(c) && matches!(f.kind, Kind::Str | Kind::List));
            if takes {
                i += 1;
            }
            continue;
        }
        if w.starts_with('-') {
            continue;
        }
        out.push(*w);
    }
    out
}

/// The namespace a line works in: its `-n`, else the kubeconfig context's, else the terminal's.
fn namespace_of<B: Backend + ?Sized>(b: &B, words: &[&String], ctx: &Context) -> String {
    let mut ns = b.context_namespace().unwrap_or_else(|| ctx.namespace.clone());
    for pair in words.windows(2) {
        if let [flag, value] = pair {
            if flag.as_str() == "-n" || flag.as_str() == "--namespace" {
                ns = value.to_string();
            }
        }
    }
    ns
}

fn flag_values<B: Backend + ?Sized>(b: &B, long: &str, words: &[&String], ctx: &Context) -> Vec<String> {
    match long {
        // The namespaces the API server has (a backend without them: those of its pods).
        "namespace" => {
            let listed: Vec<String> = b
                .namespaces()
                .iter()
                .filter_map(|v| v.pointer("/metadata/name").and_then(|n| n.as_str()).map(str::to_string))
                .collect();
            if !listed.is_empty() {
                return listed;
            }
            let mut ns: Vec<String> = b.pods().into_iter().map(|p| p.metadata.namespace).collect();
            ns.extend(["default".to_string(), "kube-system".to_string()]);
            ns
        }
        "output" => ["wide", "yaml", "json", "name", "jsonpath=", "custom-columns="].map(String::from).to_vec(),
        "filename" => {
            let mut f: Vec<String> = ctx.files.keys().cloned().collect();
            f.push("-".into());
            f
        }
        "restart" => ["Always", "OnFailure", "Never"].map(String::from).to_vec(),
        "profile" => ["general", "baseline", "restricted", "netadmin", "sysadmin", "legacy"].map(String::from).to_vec(),
        "image" => ["busybox:1.36", "alpine:3.20"].map(String::from).to_vec(),
        "target" => {
            let ns = namespace_of(b, words, ctx);
            let pods = b.pods();
            words
                .iter()
                .filter_map(|w| pods.iter().find(|p| p.metadata.namespace == ns && &p.metadata.name == *w))
                .flat_map(|p| p.spec.containers.iter().map(|c| c.name.clone()))
                .collect()
        }
        "dry-run" => ["client", "server", "none"].map(String::from).to_vec(),
        // `kubectl patch`: the patch types, and the subresources cmdutil offers.
        "type" => ["json", "merge", "strategic"].map(String::from).to_vec(),
        "subresource" => ["status", "scale", "resize"].map(String::from).to_vec(),
        "patch-file" => ctx.files.keys().cloned().collect(),
        "for" => ["condition=Ready", "condition=Available", "condition=Complete", "delete", "create", "jsonpath="]
            .map(String::from)
            .to_vec(),
        "container" => {
            // Containers of the pod named earlier on the line.
            let ns = namespace_of(b, words, ctx);
            let pods = b.pods();
            words
                .iter()
                .filter_map(|w| pods.iter().find(|p| p.metadata.namespace == ns && &p.metadata.name == *w))
                .flat_map(|p| p.spec.containers.iter().chain(p.spec.init_containers.iter()).map(|c| c.name.clone()))
                .collect()
        }
        _ => Vec::new(),
    }
}
