//! `kubectl taint NODE NAME KEY=VALUE:EFFECT … | KEY:EFFECT- | KEY-`: adds,
//! replaces and removes node taints. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/taint/taint.go` (`Complete`,
//! `Validate`, `RunTaint`, `updateTaints`) and `taint/utils.go`
//! (`parseTaints`, `reorganizeTaints`). The scheduler honours the result
//! (TaintToleration), and a `NoExecute` taint makes the cluster's
//! taint-eviction controller evict the pods that do not tolerate it.

use std::fmt::Write as _;

use super::objects::sorted_nodes;
use super::util::{api_error, dry_run, label_filter, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::resources::{self, unknown_type_line};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::model::Taint;
use crate::text::Text;

const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// A usage error: the message, then where to read the examples.
fn usage(msg: &str) -> CommandOutput {
    CommandOutput::error(format!("error: {msg}\nSee 'kubectl taint -h' for help and examples"), Some(explain_spec(msg)))
}

fn explain_spec(msg: &str) -> Text {
    Text::new(
        format!("테인트 형식이 잘못되었습니다({msg}). 추가는 `키=값:효과` 또는 `키:효과`, 삭제는 `키:효과-` 또는 `키-`로 씁니다. 효과는 NoSchedule, PreferNoSchedule, NoExecute 중 하나입니다. 예: `kubectl taint nodes worker-1 dedicated=gpu:NoSchedule`"),
        format!("The taint is malformed ({msg}). Add with `key=value:Effect` or `key:Effect`; remove with `key:Effect-` or `key-`. The effect is one of NoSchedule, PreferNoSchedule, NoExecute. Example: `kubectl taint nodes worker-1 dedicated=gpu:NoSchedule`"),
    )
}

/// Go's `Taint.ToString`: `key=value:Effect`, `key:Effect`, `key=value:` or `key`.
fn taint_string(t: &Taint) -> String {
    let value = t.value.as_deref().unwrap_or("");
    match (t.effect.is_empty(), value.is_empty()) {
        (true, true) => t.key.clone(),
        (true, false) => format!("{}={value}:", t.key),
        (false, true) => format!("{}:{}", t.key, t.effect),
        (false, false) => format!("{}={value}:{}", t.key, t.effect),
    }
}

/// `parseTaint`: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`.
fn parse_taint(spec: &str) -> Result<Taint, String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [key] => (key.to_string(), String::new(), String::new()),
        [kv, effect] => {
            if !EFFECTS.contains(effect) {
                return Err(format!("invalid taint effect: {effect}, unsupported taint effect"));
            }
            let kv: Vec<&str> = kv.split('=').collect();
            match kv.as_slice() {
                [key] => (key.to_string(), String::new(), effect.to_string()),
                [key, value] => {
                    let errs = crate::names::label_value(value);
                    if !errs.is_empty() {
                        return Err(format!("invalid taint spec: {spec}, {}", errs.join("; ")));
                    }
                    (key.to_string(), value.to_string(), effect.to_string())
                }
                _ => return Err(format!("invalid taint spec: {spec}")),
            }
        }
        _ => return Err(format!("invalid taint spec: {spec}")),
    };
    let errs = crate::names::qualified_name(&key);
    if !errs.is_empty() {
        return Err(format!("invalid taint spec: {spec}, {}", errs.join("; ")));
    }
    Ok(Taint { key, value: if value.is_empty() { None } else { Some(value) }, effect })
}

/// `parseTaints`: the taints to add and to remove.
fn parse_taints(specs: &[String]) -> Result<(Vec<Taint>, Vec<Taint>), String> {
    let mut add: Vec<Taint> = Vec::new();
    let mut remove = Vec::new();
    for spec in specs {
        if let Some(stripped) = spec.strip_suffix('-') {
            let t = parse_taint(stripped)?;
            remove.push(Taint { key: t.key, value: None, effect: t.effect });
            continue;
        }
        let t = parse_taint(spec)?;
        if t.effect.is_empty() {
            return Err(format!("invalid taint spec: {spec}"));
        }
        if add.iter().any(|a| a.key == t.key && a.effect == t.effect) {
            // Go prints the struct with %v: `{key value Effect <nil>}`.
            return Err(format!(
                "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                t.key,
                t.value.as_deref().unwrap_or(""),
                t.effect
            ));
        }
        add.push(t);
    }
    Ok((add, remove))
}

/// `reorganizeTaints`: the new list, the operation word, and the errors of
/// removals that matched nothing.
fn reorganize(
    old: &[Taint],
    overwrite: bool,
    add: &[Taint],
    remove: &[Taint],
) -> (&'static str, Vec<Taint>, Vec<String>) {
    let mut new: Vec<Taint> = add.to_vec();
    for o in old {
        if !new.iter().any(|t| t.key == o.key && t.effect == o.effect) {
            new.push(o.clone());
        }
    }
    let added = old.len() != new.len();
    let mut errs = Vec::new();
    let mut removed = false;
    for r in remove {
        let before = new.len();
        new.retain(|t| !(t.key == r.key && (r.effect.is_empty() || t.effect == r.effect)));
        removed = new.len() != before;
        if !removed {
            errs.push(format!("taint \"{}\" not found", taint_string(r)));
        }
    }
    let op = if (added && removed) || overwrite {
        "modified"
    } else if added {
        "tainted"
    } else {
        "untainted"
    };
    (op, new, errs)
}

/// Splits the arguments as `Complete` does: resources first, then taints.
fn split_args(args: &[String]) -> Result<(Vec<String>, Vec<String>), CommandOutput> {
    let mut resources = Vec::new();
    let mut taints = Vec::new();
    for a in args {
        let is_taint = a.contains('=') || a.contains(':') || a.ends_with('-');
        match (taints.is_empty(), is_taint) {
            (_, true) => taints.push(a.clone()),
            (true, false) => resources.push(a.clone()),
            (false, false) => return Err(CommandOutput::error(
                format!("error: all resources must be specified before taint changes: {a}"),
                Some(Text::new(
                    "노드 이름을 테인트보다 먼저 쓰세요. 예: `kubectl taint nodes worker-1 dedicated=gpu:NoSchedule`",
                    "Name the nodes before the taints, e.g. `kubectl taint nodes worker-1 dedicated=gpu:NoSchedule`.",
                )),
            )),
        }
    }
    Ok((resources, taints))
}

/// `kubectl taint` (cmd/taint/taint.go).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let (res_args, taint_args) = match split_args(&c.inv.args) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let Some(type_arg) = res_args.first() else {
        return CommandOutput::error(
            "error: one or more resources must be specified as <resource> <name>",
            Some(Text::new(
                "`kubectl taint nodes 노드이름 키=값:효과` 형식으로 쓰세요.",
                "Write it as `kubectl taint nodes NODE key=value:Effect`.",
            )),
        );
    };
    if taint_args.is_empty() {
        return CommandOutput::error(
            "error: at least one taint update is required",
            Some(explain_spec("at least one taint update is required")),
        );
    }
    let (add, remove) = match parse_taints(&taint_args) {
        Ok(x) => x,
        Err(e) => return usage(&e),
    };
    let type_lower = type_arg.to_lowercase();
    match resources::resolve(&type_lower) {
        None => return CommandOutput::error(unknown_type_line(&type_lower), None),
        Some(r) if r.kind != "Node" => {
            return CommandOutput::error(
                format!("error: invalid resource type {type_lower}, only node types are supported"),
                Some(Text::new(
                    "테인트는 노드에만 붙습니다. 파드가 테인트를 견디게 하려면 파드의 `spec.tolerations`를 쓰세요.",
                    "Only nodes carry taints. To let a pod stand a taint, give the pod `spec.tolerations`.",
                )),
            )
        }
        Some(_) => {}
    }
    let conflicts: Vec<String> = add
        .iter()
        .flat_map(|a| remove.iter().filter(move |r| a.key == r.key && (r.effect.is_empty() || a.effect == r.effect)))
        .map(|r| format!("{{\"{}\":\"{}\"}}", r.key, r.effect))
        .collect();
    if !conflicts.is_empty() {
        return CommandOutput::error(
            format!(
                "error: can not both modify and remove the following taint(s) in the same command: {}",
                conflicts.join(", ")
            ),
            Some(Text::new(
                "같은 명령에서 같은 테인트를 추가하면서 지울 수는 없습니다. 둘 중 하나만 쓰세요.",
                "One command cannot both add and remove the same taint; keep one of the two.",
            )),
        );
    }
    let all = c.inv.on("all");
    let selector = c.inv.get("selector").unwrap_or("");
    if all && !selector.is_empty() {
        return CommandOutput::error(
            "error: setting 'all' parameter with a non empty selector is prohibited",
            Some(Text::new("`--all`과 `-l` 중 하나만 쓰세요.", "Use either `--all` or `-l`, not both.")),
        );
    }
    if !all && selector.is_empty() && res_args.len() < 2 {
        return CommandOutput::error(
            "error: at least one resource name must be specified since 'all' parameter is not set",
            Some(Text::new(
                "테인트를 바꿀 노드 이름을 쓰거나 `--all`, `-l`로 노드를 선택하세요.",
                "Name the node to taint, or select nodes with `--all` or `-l`.",
            )),
        );
    }
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let nodes = sorted_nodes(b);
    let mut out = CommandOutput::default();
    let mut errors: Vec<String> = Vec::new();
    let chosen: Vec<crate::model::Node> = if all || !selector.is_empty() {
        nodes.into_iter().filter(|n| filter.matches(&n.metadata.labels)).collect()
    } else {
        let mut v = Vec::new();
        for name in res_args.iter().skip(1) {
            match nodes.iter().find(|n| &n.metadata.name == name) {
                Some(n) => v.push(n.clone()),
                None => {
                    let o = api_error(StatusError::not_found("nodes", name));
                    out.stderr.push_str(&o.stderr);
                    out.exit_code = 1;
                    out.explain = o.explain;
                }
            }
        }
        v
    };
    let overwrite = c.inv.on("overwrite");
    for node in chosen {
        let name = node.metadata.name.clone();
        let old = node.spec.taints.clone();
        if !overwrite {
            let exists: Vec<&str> = add
                .iter()
                .filter(|t| old.iter().any(|o| o.key == t.key && o.effect == t.effect))
                .map(|t| t.key.as_str())
                .collect();
            if !exists.is_empty() {
                errors.push(format!(
                    "node {name} already has {} taint(s) with same effect(s) and --overwrite is false",
                    exists.join(",")
                ));
                continue;
            }
        }
        let (op, new, errs) = reorganize(&old, overwrite, &add, &remove);
        if !errs.is_empty() {
            errors.push(if errs.len() == 1 { errs.join("") } else { format!("[{}]", errs.join(", ")) });
            continue;
        }
        if dry {
            let _ = writeln!(out.stdout, "node/{name} {op} (dry run)");
            continue;
        }
        match b.set_node_taints(&name, new) {
            Ok(()) => {
                let _ = writeln!(out.stdout, "node/{name} {op}");
                out.changed.push(ObjectChange {
                    kind: "Node".into(),
                    namespace: String::new(),
                    name,
                    action: ChangeAction::Tainted,
                });
            }
            Err(e) => errors.push(e.line().trim_start_matches("error: ").to_string()),
        }
    }
    if !errors.is_empty() {
        let line = if errors.len() == 1 { errors.join("") } else { format!("[{}]", errors.join(", ")) };
        let _ = writeln!(out.stderr, "error: {line}");
        out.exit_code = 1;
        if out.explain.is_none() {
            out.explain = Some(explain_error(&line));
        }
    }
    out
}

/// Our explanation of the errors `RunTaint` returns.
fn explain_error(line: &str) -> Text {
    if line.contains("--overwrite is false") {
        return Text::new(
            "노드에 같은 키와 효과의 테인트가 이미 있습니다. 값을 바꾸려면 `--overwrite`를 붙이세요. 지우려면 `키:효과-`를 씁니다.",
            "The node already has a taint with this key and effect. Add `--overwrite` to change its value, or remove it with `key:Effect-`.",
        );
    }
    if line.contains("not found") {
        return Text::new(
            "지우려는 테인트가 노드에 없습니다. `kubectl describe node 노드이름`의 Taints 줄에서 키와 효과를 확인하세요.",
            "The node has no such taint to remove. Check the key and effect on the Taints line of `kubectl describe node NODE`.",
        );
    }
    Text::new(format!("테인트를 바꾸지 못했습니다: {line}"), format!("The taints were not changed: {line}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taint_specs_parse_as_upstream() {
        let t = parse_taint("dedicated=gpu:NoSchedule").unwrap();
        assert_eq!((t.key.as_str(), t.value.as_deref(), t.effect.as_str()), ("dedicated", Some("gpu"), "NoSchedule"));
        assert_eq!(parse_taint("k:Nope").unwrap_err(), "invalid taint effect: Nope, unsupported taint effect");
        assert_eq!(parse_taint("a=b=c:NoSchedule").unwrap_err(), "invalid taint spec: a=b=c:NoSchedule");
        // `k=v` has no effect, so all of it is the key, which is not a qualified name.
        assert!(parse_taints(&["k=v".to_string()])
            .unwrap_err()
            .starts_with("invalid taint spec: k=v, name part must consist"));
        assert_eq!(
            parse_taints(&["k=v:".to_string()]).unwrap_err(),
            "invalid taint effect: , unsupported taint effect"
        );
        let (add, remove) = parse_taints(&["a:NoExecute".into(), "b-".into(), "c:NoSchedule-".into()]).unwrap();
        assert_eq!(add.len(), 1);
        assert_eq!(remove.iter().map(taint_string).collect::<Vec<_>>(), ["b", "c:NoSchedule"]);
    }
}
