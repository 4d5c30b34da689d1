//! `invalid-priority-class`: a PriorityClass the API server refuses.
//!
//! ## What it does
//! Follows `ValidatePriorityClass` in `pkg/apis/scheduling/validation/validation.go`:
//! a user class's `value` is at most 1000000000
//! (`HighestUserDefinablePriority`); names starting with `system-` are
//! reserved for the two system classes (`system-node-critical` 2000001000,
//! `system-cluster-critical` 2000000000, `IsKnownSystemPriorityClass` in
//! `pkg/apis/scheduling/helpers.go`); `preemptionPolicy` is
//! `PreemptLowerPriority` or `Never` (`ValidatePreemptionPolicy`).
//!
//! ## Why is this bad
//! The API server rejects the class, and every pod naming it in
//! `priorityClassName` is then refused by the Priority admission
//! (`no PriorityClass with name … was found`). Values above one billion
//! belong to system pods, so that no workload can preempt them.
//!
//! ## Example
//! ```yaml
//! apiVersion: scheduling.k8s.io/v1
//! kind: PriorityClass
//! metadata:
//!   name: system-batch
//! value: 2000000000
//! ```
//!
//! ## Use instead
//! ```yaml
//! apiVersion: scheduling.k8s.io/v1
//! kind: PriorityClass
//! metadata:
//!   name: batch-high
//! value: 1000000
//! ```

use super::{At, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "invalid-priority-class",
    severity: Severity::Error,
    ko: "PriorityClass의 value는 10억(1000000000) 이하여야 하고, 'system-'으로 시작하는 이름은 시스템 클래스(system-node-critical, system-cluster-critical)만 쓸 수 있습니다. preemptionPolicy는 PreemptLowerPriority나 Never입니다.",
    en: "A PriorityClass's value is at most one billion (1000000000), names starting with 'system-' belong to the system classes (system-node-critical, system-cluster-critical), and preemptionPolicy is PreemptLowerPriority or Never.",
    check: RuleCheck::Object(check),
};

/// `scheduling.HighestUserDefinablePriority`.
pub(crate) const HIGHEST_USER_DEFINABLE_PRIORITY: i64 = 1_000_000_000;

/// The system classes (`systemPriorityClasses`): name, value, description.
pub(crate) const SYSTEM_CLASSES: [(&str, i64, &str); 2] = [
    (
        "system-node-critical",
        2 * HIGHEST_USER_DEFINABLE_PRIORITY + 1000,
        "Used for system critical pods that must not be moved from their current node.",
    ),
    (
        "system-cluster-critical",
        2 * HIGHEST_USER_DEFINABLE_PRIORITY,
        "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
    ),
];

/// `IsKnownSystemPriorityClass`: `Err` with upstream's reason.
fn known_system_class(name: &str, value: i64, global_default: bool) -> Result<(), String> {
    let Some((n, v, _)) = SYSTEM_CLASSES.iter().find(|(n, ..)| *n == name) else {
        return Err(format!("{name} is not a known system priority class"));
    };
    if *v != value {
        return Err(format!("value of {n} PriorityClass must be {v}"));
    }
    if global_default {
        return Err(format!("globalDefault of {n} PriorityClass must be false"));
    }
    Ok(())
}

/// `ValidatePriorityClass` beyond the name's format: each error as
/// (field path, upstream's field error).
pub(crate) fn errors(name: &str, value: i64, global_default: bool, policy: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if name.starts_with("system-") {
        if let Err(e) = known_system_class(name, value, global_default) {
            let detail =
                format!("priority class names with 'system-' prefix are reserved for system use only. error: {e}");
            out.push(("metadata.name", fe::forbidden("metadata.name", &detail)));
        }
    } else if value > HIGHEST_USER_DEFINABLE_PRIORITY {
        let detail = format!("maximum allowed value of a user defined priority is {HIGHEST_USER_DEFINABLE_PRIORITY}");
        out.push(("value", fe::forbidden("value", &detail)));
    }
    match policy {
        "PreemptLowerPriority" | "Never" => {}
        "" => out.push(("preemptionPolicy", fe::required("preemptionPolicy", ""))),
        other => out.push((
            "preemptionPolicy",
            fe::not_supported("preemptionPolicy", Val::Str(other), &["PreemptLowerPriority", "Never"]),
        )),
    }
    out
}

fn check(root: &YamlNode, kind: &str, r: &mut Report) {
    if kind != "PriorityClass" {
        return;
    }
    let name = root.get("metadata").and_then(|m| m.get("name")).and_then(YamlNode::as_str).unwrap_or("");
    // Numbers and booleans are scalars that do not resolve to strings.
    let scalar = |key: &str| root.get(key).and_then(YamlNode::as_scalar).map(|s| s.text.as_str());
    let value = scalar("value").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let global_default = scalar("globalDefault") == Some("true");
    let policy = root.get("preemptionPolicy").and_then(YamlNode::as_str).unwrap_or("PreemptLowerPriority");
    for (path, message) in errors(name, value, global_default, policy) {
        r.emit(&RULE, path, message, At::Value);
    }
}
