//! `kubectl label` and `kubectl annotate`: `KEY=VALUE` sets, `KEY-`
//! removes, `--list` prints, on the objects the target resolver names.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/label/label.go` and
//! `pkg/cmd/annotate/annotate.go`; label syntax is checked with the
//! validator's `IsQualifiedName` and `IsValidLabelValue`
//! (`k8s.io/apimachinery/pkg/util/validation/validation.go`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::kinds::{self, Item};
use super::util::{label_filter, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::target::{self, Target};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::names::{label_value, qualified_name};
use crate::text::Text;

/// The updates of one command line: keys to set, keys to remove.
struct Updates {
    set: Vec<(String, String)>,
    remove: Vec<String>,
}

/// `kubectl label` (`labels_mode`) or `kubectl annotate`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd, labels_mode: bool) -> CommandOutput {
    let (targets, updates) = match plan(b, c, labels_mode) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    // Every object of the targets' types (in every namespace: a target
    // names its own, from `-n`, `-A` or its file), looked up once per type.
    let mut listed: BTreeMap<&str, Vec<Item>> = BTreeMap::new();
    for Target { res, ns, name } in targets {
        let objects = listed.entry(res.plural).or_insert_with(|| kinds::list(b, res, None));
        let Some(object) = objects.iter().find(|o| o.namespace() == ns && o.name() == name).cloned() else {
            let _ = writeln!(out.stderr, "{}", StatusError::not_found(res.plural, &name).line());
            out.exit_code = 1;
            continue;
        };
        if let Err(e) = update(b, c, &object, &updates, labels_mode, &mut out) {
            return e;
        }
    }
    out
}

/// The objects to change and the updates to make.
fn plan<B: Backend + ?Sized>(b: &B, c: &Cmd, labels_mode: bool) -> Result<(Vec<Target>, Updates), CommandOutput> {
    let what = if labels_mode { "label" } else { "annotation" };
    let verb = if labels_mode { "label" } else { "annotate" };
    let filter = label_filter(c)?;
    let args = &c.inv.args;
    // Resource arguments come first; KEY=VALUE and KEY- are the updates.
    let is_update = |a: &String| a.contains('=') || (a.ends_with('-') && a.len() > 1 && !a.contains('/'));
    let split_at = args.iter().position(is_update).unwrap_or(args.len());
    let (res_args, update_args) = args.split_at(split_at);
    let requests = target::resource_args(res_args)?;
    if requests.is_empty() {
        return Err(CommandOutput::error(
            "error: one or more resources must be specified as <resource> <name> or <resource>/<name>",
            Some(Text::new(
                format!("대상을 지정하세요. 예: `kubectl {verb} pod nginx app=web`"),
                format!("Say which object, e.g. `kubectl {verb} pod nginx app=web`."),
            )),
        ));
    }
    if update_args.is_empty() && !c.inv.on("list") {
        return Err(CommandOutput::error(format!("error: at least one {what} update is required"), None));
    }
    let updates = parse_updates(update_args, labels_mode)?;
    if let Some(r) = requests.iter().find(|r| !kinds::labelable(r.res)) {
        return Err(CommandOutput::error(
            format!("error: labelling {} is not available in this playground", r.res.plural),
            None,
        ));
    }
    let targets = target::targets(b, c, requests, &filter, |_| {
        CommandOutput::error("error: resource(s) were provided, but no name was specified", None)
    })?;
    Ok((targets, updates))
}

/// `KEY=VALUE` and `KEY-` arguments.
fn parse_updates(args: &[String], labels_mode: bool) -> Result<Updates, CommandOutput> {
    let what = if labels_mode { "label" } else { "annotation" };
    let mut updates = Updates { set: Vec::new(), remove: Vec::new() };
    for u in args {
        if let Some((k, v)) = u.split_once('=') {
            if labels_mode {
                if let Some(err) = label_key_error(k).or_else(|| label_value_error(v)) {
                    return Err(CommandOutput::error(
                        format!("error: invalid label spec: {u}\n{err}"),
                        Some(Text::new(
                            "레이블 키와 값은 영숫자, '-', '_', '.'만 쓸 수 있고 값은 63자 이하여야 합니다.",
                            "Label keys and values may use letters, digits, '-', '_' and '.', and a value is at most 63 characters.",
                        )),
                    ));
                }
            } else if k.is_empty() {
                return Err(CommandOutput::error(format!("error: invalid annotation spec: {u}"), None));
            }
            updates.set.push((k.to_string(), v.to_string()));
        } else if let Some(k) = u.strip_suffix('-') {
            updates.remove.push(k.to_string());
        } else {
            return Err(CommandOutput::error(format!("error: invalid {what} spec: {u}"), None));
        }
    }
    Ok(updates)
}

/// Applies the updates to one object (or, with `--list`, prints its map).
fn update<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    object: &Item,
    updates: &Updates,
    labels_mode: bool,
    out: &mut CommandOutput,
) -> Result<(), CommandOutput> {
    let what = if labels_mode { "label" } else { "annotation" };
    let object_meta;
    let (kind, meta) = match object {
        Item::Pod(p) => ("Pod", &p.metadata),
        Item::Node(n, ..) => ("Node", &n.metadata),
        Item::Object(v) => {
            object_meta = serde_json::from_value(v.get("metadata").cloned().unwrap_or_default()).unwrap_or_default();
            (v.get("kind").and_then(|k| k.as_str()).unwrap_or(""), &object_meta)
        }
        Item::Event(_) | Item::Workload(_) => return Ok(()),
    };
    let (ns, name) = (meta.namespace.clone(), meta.name.clone());
    let (mut labels, mut annotations) = (meta.labels.clone(), meta.annotations.clone());
    if c.inv.on("list") {
        for (k, v) in if labels_mode { &labels } else { &annotations } {
            let _ = writeln!(out.stdout, "{k}={v}");
        }
        return Ok(());
    }
    let map = if labels_mode { &mut labels } else { &mut annotations };
    let before = map.clone();
    for (k, v) in &updates.set {
        if let Some(old) = map.get(k) {
            if old != v && !c.inv.on("overwrite") {
                return Err(CommandOutput::error(
                    format!("error: '{k}' already has a value ({old}), and --overwrite is false"),
                    Some(Text::new(
                        format!("`{k}`에는 이미 값({old})이 있습니다. 바꾸려면 `--overwrite`를 붙이세요."),
                        format!("`{k}` already has a value ({old}). Add `--overwrite` to replace it."),
                    )),
                ));
            }
        }
        map.insert(k.clone(), v.clone());
    }
    for k in &updates.remove {
        if map.remove(k).is_none() {
            let _ = writeln!(out.stdout, "{what} \"{k}\" not found.");
        }
    }
    let changed = *map != before;
    // Follows cmd/label/label.go `updateDataChangeMsg`: a change that
    // made the object smaller is "unlabeled" unless --overwrite was given.
    let size = |m: &BTreeMap<String, String>| m.iter().map(|(k, v)| k.len() + v.len() + 6).sum::<usize>();
    let shrank = size(map) < size(&before) && !c.inv.on("overwrite");
    let is_node = matches!(object, Item::Node(..));
    let result = match object {
        Item::Node(..) => b.set_node_metadata(&name, labels, annotations),
        // A namespace, ConfigMap, Secret or ServiceAccount: the object sent
        // back whole with its new metadata.
        Item::Object(v) => {
            let mut sent = v.clone();
            if let Some(m) = sent.get_mut("metadata").and_then(|m| m.as_object_mut()) {
                for (field, map) in [("labels", &labels), ("annotations", &annotations)] {
                    if map.is_empty() {
                        m.remove(field);
                    } else {
                        m.insert(field.into(), serde_json::to_value(map).unwrap_or_default());
                    }
                }
            }
            b.apply(&sent.to_string(), &ns, false).map(|_| ())
        }
        _ => b.set_pod_metadata(&ns, &name, labels, annotations),
    };
    if let Err(e) = result {
        let _ = writeln!(out.stderr, "{}", e.line());
        out.exit_code = 1;
        return Ok(());
    }
    let verb = match (labels_mode, changed, shrank) {
        (true, false, _) => "not labeled",
        (true, true, true) => "unlabeled",
        (true, true, false) => "labeled",
        (false, false, _) => "not annotated",
        (false, true, _) => "annotated",
    };
    // A kind of a named group prints with it (`priorityclass.scheduling.k8s.io/x`).
    let kref = crate::kubectl::resources::resolve(kind)
        .map_or_else(|| kind.to_lowercase(), |r| super::util::kind_ref(r.kind, r.api_version));
    let _ = writeln!(out.stdout, "{kref}/{name} {verb}");
    if changed {
        let action = if labels_mode { ChangeAction::Labeled } else { ChangeAction::Annotated };
        out.changed.push(ObjectChange {
            kind: kind.into(),
            namespace: if is_node { String::new() } else { ns },
            name,
            action,
        });
    }
    Ok(())
}

/// A label key's syntax error (`IsQualifiedName`), in kubectl's wording.
fn label_key_error(k: &str) -> Option<String> {
    let errs = qualified_name(k);
    (!errs.is_empty()).then(|| format!("invalid label key \"{k}\": {}", errs.join("; ")))
}

/// A label value's syntax error (`IsValidLabelValue`), in kubectl's wording.
fn label_value_error(v: &str) -> Option<String> {
    let errs = label_value(v);
    (!errs.is_empty()).then(|| format!("invalid label value: \"{v}\": {}", errs.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_syntax_follows_apimachinery_validation() {
        assert_eq!(label_key_error("app"), None);
        assert_eq!(label_key_error("example.com/app"), None);
        assert_eq!(label_value_error(""), None);
        // The old private copy took `a..b` as a DNS prefix; IsDNS1123Subdomain rejects it.
        assert!(label_key_error("a..b/app").is_some_and(|e| e.contains("prefix part a lowercase RFC 1123 subdomain")));
        // An empty name part is its own error upstream.
        assert_eq!(
            label_key_error("example.com/"),
            Some("invalid label key \"example.com/\": name part must be non-empty".to_string())
        );
        assert!(label_value_error(&"a".repeat(64)).is_some_and(|e| e.contains("must be no more than 63 characters")));
    }
}
