//! How kubectl prints and describes the plain API objects the playground
//! keeps as JSON: Namespaces, ConfigMaps, Secrets and ServiceAccounts. Follows
//! `pkg/printers/internalversion/printers.go` (`printNamespace`,
//! `printConfigMap`, `printSecret`) and `staging/src/k8s.io/kubectl/pkg/describe/describe.go`
//! (`describeNamespace`, `ConfigMapDescriber`, `describeSecret`,
//! `describeServiceAccount`); ServiceAccounts print as `printServiceAccount`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use super::backend::EventView;
use super::describe::{annotations_multiline, describe_events, labels_multiline};
use super::format::{age, describe_block, parse_rfc3339, rfc1123z};
use super::printers::{extra_cells, extra_headers, TableOptions};
use crate::time::SimTime;

/// A string field of a JSON object, empty when absent.
pub(crate) fn text<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// A string map of a JSON object (labels, annotations, data).
pub(crate) fn string_map(v: &Value, pointer: &str) -> BTreeMap<String, String> {
    v.pointer(pointer)
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default()
}

/// How many keys a map field has.
fn count(v: &Value, pointer: &str) -> usize {
    v.pointer(pointer).and_then(Value::as_object).map_or(0, serde_json::Map::len)
}

/// The header and row cells of a table of namespaces, ConfigMaps or Secrets (`kind`).
pub(crate) fn cells(
    kind: &str,
    items: &[&Value],
    now: SimTime,
    opts: &TableOptions,
) -> (Vec<String>, Vec<Vec<String>>) {
    let namespaced = !matches!(kind, "Namespace" | "PriorityClass");
    let mut header: Vec<String> = Vec::new();
    if opts.with_namespace && namespaced {
        header.push("NAMESPACE".into());
    }
    let cols: &[&str] = match kind {
        "Namespace" => &["NAME", "STATUS", "AGE"],
        "Secret" => &["NAME", "TYPE", "DATA", "AGE"],
        "ServiceAccount" => &["NAME", "SECRETS", "AGE"],
        "PriorityClass" => &["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"],
        _ => &["NAME", "DATA", "AGE"],
    };
    header.extend(cols.iter().map(|c| c.to_string()));
    extra_headers(&mut header, opts);
    let rows = items
        .iter()
        .map(|v| {
            let mut row = Vec::new();
            if opts.with_namespace && namespaced {
                row.push(text(v, "/metadata/namespace").to_string());
            }
            let name = text(v, "/metadata/name");
            row.push(if opts.with_kind { format!("{}/{name}", kind.to_lowercase()) } else { name.to_string() });
            let created = parse_rfc3339(text(v, "/metadata/creationTimestamp"));
            match kind {
                "Namespace" => row.push(text(v, "/status/phase").to_string()),
                "Secret" => {
                    row.push(text(v, "/type").to_string());
                    row.push(count(v, "/data").to_string());
                }
                "ServiceAccount" => {
                    row.push(v.pointer("/secrets").and_then(Value::as_array).map_or(0, Vec::len).to_string())
                }
                "PriorityClass" => row.extend(super::priority_class::cells(v)),
                _ => row.push((count(v, "/data") + count(v, "/binaryData")).to_string()),
            }
            row.push(age(now, created));
            if kind == "PriorityClass" {
                row.push(super::priority_class::policy_cell(v));
            }
            extra_cells(&mut row, &string_map(v, "/metadata/labels"), opts);
            row
        })
        .collect();
    (header, rows)
}

/// `kubectl describe` of a namespace, ConfigMap or Secret.
pub(crate) fn describe(v: &Value, events: Option<&[&EventView]>, now: SimTime) -> String {
    if text(v, "/kind") == "PriorityClass" {
        return super::priority_class::describe(v, events, now);
    }
    let mut out = String::new();
    let _ = writeln!(out, "Name:\t{}", text(v, "/metadata/name"));
    let kind = text(v, "/kind");
    if kind != "Namespace" {
        let _ = writeln!(out, "Namespace:\t{}", text(v, "/metadata/namespace"));
    }
    labels_multiline(&mut out, "Labels", &string_map(v, "/metadata/labels"));
    annotations_multiline(&mut out, &string_map(v, "/metadata/annotations"));
    match kind {
        "Namespace" => describe_namespace(v, &mut out),
        "ServiceAccount" => {
            // describe.go `describeServiceAccount`: one block, events included.
            let names = |p: &str| -> String {
                let list: Vec<String> = v
                    .pointer(p)
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(|s| text(s, "/name").to_string()).collect())
                    .unwrap_or_default();
                if list.is_empty() {
                    "<none>".to_string()
                } else {
                    list.join("\n\t")
                }
            };
            let _ = writeln!(out, "Image pull secrets:\t{}", names("/imagePullSecrets"));
            let _ = writeln!(out, "Mountable secrets:\t{}", names("/secrets"));
            out.push_str("Tokens:\t<none>\n");
            if events.is_some_and(|e| !e.is_empty()) {
                return describe_block(&out) + &describe_events(events.unwrap_or_default(), now);
            }
            if events.is_some() {
                out.push_str("Events:\t<none>\n");
            }
        }
        "Secret" => {
            let _ = writeln!(out, "\nType:\t{}", text(v, "/type"));
            out.push_str("\nData\n====\n");
            for (k, coded) in string_map(v, "/data") {
                let bytes = crate::base64::decode(&coded).map_or(0, |b| b.len());
                let _ = writeln!(out, "{k}:\t{bytes} bytes");
            }
        }
        _ => {
            out.push_str("\nData\n====\n");
            for (k, value) in string_map(v, "/data") {
                let _ = writeln!(out, "{k}:\n----\n{value}");
            }
            out.push_str("\nBinaryData\n====\n");
            for (k, coded) in string_map(v, "/binaryData") {
                let bytes = crate::base64::decode(&coded).map_or(0, |b| b.len());
                let _ = writeln!(out, "{k}: {bytes} bytes");
            }
            out.push('\n');
            if let Some(events) = events {
                return describe_block(&out) + &describe_events(events, now);
            }
        }
    }
    describe_block(&out)
}

/// The namespace part of `describe`: its phase, the deletion conditions
/// of a terminating namespace, and the (absent) quotas and limit ranges.
fn describe_namespace(v: &Value, out: &mut String) {
    let _ = writeln!(out, "Status:\t{}", text(v, "/status/phase"));
    let conditions = v.pointer("/status/conditions").and_then(Value::as_array).cloned().unwrap_or_default();
    if !conditions.is_empty() {
        out.push_str("Conditions:\n  Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        out.push_str("  ----\t------\t------------------\t------\t-------\n");
        for c in &conditions {
            let at = parse_rfc3339(text(c, "/lastTransitionTime")).map(rfc1123z).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}\t{}\t{at}\t{}\t{}",
                text(c, "/type"),
                text(c, "/status"),
                text(c, "/reason"),
                text(c, "/message")
            );
        }
    }
    out.push_str("\nNo resource quota.\n\nNo LimitRange resource.\n");
}
