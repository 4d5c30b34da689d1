//! What `patch`, `replace` and `edit` share: reading one live object as the
//! API returns it, and writing a whole new version of it back (an HTTP PUT,
//! `rest.Update`), validated as the API server validates an update. Follows
//! `staging/src/k8s.io/apiserver/pkg/registry/rest/update.go` (`BeforeUpdate`):
//! the server keeps what the client may not change (status on the main
//! resource) and validates the rest.

use std::collections::BTreeMap;

use serde_json::Value;

use super::docs::{invalid_line, load_docs, located_explain, read_file, validate_file, Doc};
use super::kinds;
use super::util::Cmd;
use crate::kubectl::backend::{ApplyResult, Backend, StatusError};
use crate::kubectl::resources::{Resource, Serve};
use crate::kubectl::CommandOutput;

/// The live object `res`/`name` in `ns`, as `get -o json` shows it.
pub(crate) fn fetch<B: Backend + ?Sized>(b: &B, res: &Resource, ns: &str, name: &str) -> Result<Value, StatusError> {
    let scope = res.namespaced.then_some(ns);
    kinds::list(b, res, scope)
        .into_iter()
        .find(|o| o.name() == name)
        .map(|o| o.json(res))
        .ok_or_else(|| StatusError::not_found(res.plural, name))
}

/// Whether an update changed the object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Updated {
    Changed,
    Unchanged,
}

/// Writes `new` (a whole object of kind `res`) over the live `name` in
/// `ns`: the API server's update, with its validation and immutability
/// rules (the backend's). `file` names where the object came from, for a
/// validation error's explanation.
pub(crate) fn update<B: Backend + ?Sized>(
    b: &mut B,
    res: &Resource,
    ns: &str,
    name: &str,
    new: &Value,
) -> Result<Updated, StatusError> {
    let new_name = new.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    if new_name != name {
        return Err(StatusError::new(
            "BadRequest",
            format!("the name of the object ({new_name}) does not match the name on the URL ({name})"),
        ));
    }
    let new_ns = new.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("");
    if res.namespaced && !new_ns.is_empty() && new_ns != ns {
        // `rest.EnsureObjectNamespaceMatchesRequestNamespace`.
        return Err(StatusError::new(
            "BadRequest",
            "the namespace of the provided object does not match the namespace sent on the request",
        ));
    }
    match res.serve {
        Serve::Pods | Serve::Workloads | Serve::Data | Serve::Namespaces => update_by_apply(b, res, ns, name, new),
        Serve::Nodes => update_node(b, res, name, new),
        Serve::Events | Serve::No => Err(StatusError::unavailable(&format!("updating {}", res.plural))),
    }
}

/// Pods and workloads: validated as a create would be, then stored through
/// the backend's update (which keeps the immutable fields' rules).
fn update_by_apply<B: Backend + ?Sized>(
    b: &mut B,
    res: &Resource,
    ns: &str,
    name: &str,
    new: &Value,
) -> Result<Updated, StatusError> {
    let mut new = new.clone();
    if let Some(m) = new.as_object_mut() {
        // Status belongs to its subresource: an update of the main resource keeps the live one.
        m.remove("status");
    }
    let text = serde_json::to_string(&new).unwrap_or_default();
    if let Ok(errs) = validate_file("object", &text) {
        if let Some(errors) = errs.first().filter(|e| !e.is_empty()) {
            let mut e = StatusError::new("Invalid", invalid_line(res.kind, name, errors));
            e.explain = errors.first().map(|d| d.explain.clone());
            return Err(e);
        }
    }
    match b.apply(&text, ns, false)? {
        (_, _, ApplyResult::Unchanged) => Ok(Updated::Unchanged),
        _ => Ok(Updated::Changed),
    }
}

/// Nodes: what the backend lets change (labels, annotations, `spec.unschedulable`).
fn update_node<B: Backend + ?Sized>(
    b: &mut B,
    res: &Resource,
    name: &str,
    new: &Value,
) -> Result<Updated, StatusError> {
    let live = fetch(b, res, "", name)?;
    let strings = |v: &Value, p: &str| -> BTreeMap<String, String> {
        v.pointer(p)
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect())
            .unwrap_or_default()
    };
    let unsched = |v: &Value| v.pointer("/spec/unschedulable").and_then(Value::as_bool).unwrap_or(false);
    let mut rest_live = live.clone();
    let mut rest_new = new.clone();
    for v in [&mut rest_live, &mut rest_new] {
        if let Some(m) = v.pointer_mut("/metadata").and_then(Value::as_object_mut) {
            m.remove("labels");
            m.remove("annotations");
        }
        if let Some(m) = v.pointer_mut("/spec").and_then(Value::as_object_mut) {
            m.remove("unschedulable");
        }
        if let Some(m) = v.as_object_mut() {
            m.remove("status");
        }
    }
    if rest_live != rest_new {
        return Err(StatusError::unavailable("changing node fields other than labels and spec.unschedulable"));
    }
    let (labels, annotations) = (strings(new, "/metadata/labels"), strings(new, "/metadata/annotations"));
    let mut changed = false;
    if labels != strings(&live, "/metadata/labels") || annotations != strings(&live, "/metadata/annotations") {
        b.set_node_metadata(name, labels, annotations)?;
        changed = true;
    }
    if unsched(new) != unsched(&live) {
        b.set_unschedulable(name, unsched(new))?;
        changed = true;
    }
    Ok(if changed { Updated::Changed } else { Updated::Unchanged })
}

/// The objects of the files, each validated as the API server would; the
/// first invalid one fails the command.
pub(crate) fn valid_docs(c: &Cmd, files: &[String]) -> Result<Vec<Doc>, CommandOutput> {
    let mut errors_by_file = Vec::new();
    for f in files {
        let (file, text) = read_file(c.ctx, f)?;
        errors_by_file.push((file.clone(), validate_file(&file, &text)?));
    }
    let docs = load_docs(c.ctx, files)?;
    for d in &docs {
        let errors = errors_by_file.iter().find(|(f, _)| *f == d.file).and_then(|(_, e)| e.get(d.document));
        let mut errors = errors.cloned().unwrap_or_default();
        if let Some((from, to)) = d.lines {
            errors.retain(|e| (from..=to).contains(&e.span.line));
        }
        if let Some(first) = errors.first() {
            return Err(CommandOutput::error(
                invalid_line(&d.kind, &d.name, &errors),
                Some(located_explain(&d.file, first)),
            ));
        }
    }
    Ok(docs)
}
