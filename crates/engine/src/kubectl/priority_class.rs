//! How kubectl prints and describes a PriorityClass (kept as JSON beside
//! the other data objects, `data.rs`). Follows
//! `pkg/printers/internalversion/printers.go` `printPriorityClass` (NAME,
//! VALUE, GLOBAL-DEFAULT, AGE, PREEMPTIONPOLICY) and
//! `staging/src/k8s.io/kubectl/pkg/describe/describe.go` `describePriorityClass`.

use std::fmt::Write as _;

use serde_json::Value;

use super::backend::EventView;
use super::describe::describe_events;
use super::format::describe_block;
use super::printers::format_labels;
use crate::time::SimTime;

/// The VALUE and GLOBAL-DEFAULT cells.
pub(crate) fn cells(v: &Value) -> [String; 2] {
    [value(v).to_string(), global_default(v).to_string()]
}

/// The PREEMPTIONPOLICY cell, printed after AGE.
pub(crate) fn policy_cell(v: &Value) -> String {
    text(v, "/preemptionPolicy").to_string()
}

/// A string field, empty when absent.
fn text<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// The annotations as a map, for `labels.FormatLabels`.
fn annotations(v: &Value) -> std::collections::BTreeMap<String, String> {
    v.pointer("/metadata/annotations")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, x)| (k.clone(), x.as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default()
}

fn value(v: &Value) -> i64 {
    v.get("value").and_then(Value::as_i64).unwrap_or(0)
}

fn global_default(v: &Value) -> bool {
    v.get("globalDefault").and_then(Value::as_bool).unwrap_or(false)
}

/// `kubectl describe priorityclass NAME`.
pub(crate) fn describe(v: &Value, events: Option<&[&EventView]>, now: SimTime) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Name:\t{}", text(v, "/metadata/name"));
    let _ = writeln!(out, "Value:\t{}", value(v));
    let _ = writeln!(out, "GlobalDefault:\t{}", global_default(v));
    let _ = writeln!(out, "PreemptionPolicy:\t{}", text(v, "/preemptionPolicy"));
    let _ = writeln!(out, "Description:\t{}", text(v, "/description"));
    let _ = writeln!(out, "Annotations:\t{}", format_labels(&annotations(v)));
    // `DescribeEvents` writes into the same tabwriter: an empty list's
    // `Events:\t<none>` is aligned with the fields above.
    match events {
        Some(events) if !events.is_empty() => describe_block(&out) + &describe_events(events, now),
        Some(_) => {
            out.push_str("Events:\t<none>\n");
            describe_block(&out)
        }
        None => describe_block(&out),
    }
}
