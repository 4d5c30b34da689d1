//! `selector-mismatch`: a workload whose `selector` does not select the pods
//! of its own template.
//!
//! ## What it does
//! Checks that every `spec.selector.matchLabels` pair of a Deployment,
//! ReplicaSet, StatefulSet or DaemonSet appears in
//! `spec.template.metadata.labels` (`ValidateDeploymentSpec` and friends in
//! `pkg/apis/apps/validation`).
//!
//! ## Why is this bad
//! The controller finds its pods by the selector. If the template's labels do
//! not match, every pod it creates would be invisible to it; the apiserver
//! rejects the object.
//!
//! ## Example
//! ```yaml
//! selector:
//!   matchLabels: {app: web}
//! template:
//!   metadata:
//!     labels: {app: frontend}
//! ```
//!
//! ## Use instead
//! ```yaml
//! selector:
//!   matchLabels: {app: web}
//! template:
//!   metadata:
//!     labels: {app: web}
//! ```

use super::{At, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "selector-mismatch",
    severity: Severity::Error,
    ko: "`spec.selector.matchLabels`의 모든 레이블이 `spec.template.metadata.labels`에도 있어야 합니다. 컨트롤러는 셀렉터로 자기 파드를 찾기 때문입니다.",
    en: "Every label in `spec.selector.matchLabels` must also be in `spec.template.metadata.labels`: the controller finds its pods through the selector.",
    check: RuleCheck::Object(check),
};

fn pairs(node: Option<&YamlNode>) -> Vec<(String, String)> {
    node.and_then(YamlNode::as_map)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.as_key()?, v.as_scalar()?.text.clone()))).collect())
        .unwrap_or_default()
}

fn check(root: &YamlNode, kind: &str, r: &mut Report) {
    if !matches!(kind, "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet") {
        return;
    }
    let spec = root.get("spec");
    let selector = spec.and_then(|s| s.get("selector"));
    if selector.and_then(|s| s.get("matchExpressions")).is_some_and(|e| !e.is_null()) {
        return;
    }
    let wanted = pairs(selector.and_then(|s| s.get("matchLabels")));
    if wanted.is_empty() {
        return;
    }
    let labels =
        pairs(spec.and_then(|s| s.get("template")).and_then(|t| t.get("metadata")).and_then(|m| m.get("labels")));
    if wanted.iter().all(|w| labels.contains(w)) {
        return;
    }
    let mut sorted = labels.clone();
    sorted.sort();
    let shown: Vec<String> = sorted.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
    let p = "spec.template.metadata.labels";
    let msg = format!(
        "{p}: Invalid value: map[string]string{{{}}}: `selector` does not match template `labels`",
        shown.join(", ")
    );
    r.emit(&RULE, p, msg, At::Key);
}
