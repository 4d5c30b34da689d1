//! `deprecated-node-label`: a node selector or affinity on a deprecated node
//! label (upstream warning).
//!
//! ## What it does
//! Warns when `nodeSelector`, node affinity terms or topology spread
//! constraints use `beta.kubernetes.io/arch`, `beta.kubernetes.io/os`,
//! `failure-domain.beta.kubernetes.io/region|zone` or
//! `beta.kubernetes.io/instance-type`, as `pkg/api/pod/warnings.go` does.
//!
//! ## Why is this bad
//! Nodes may stop carrying the old labels; the pod would then fit nowhere.
//!
//! ## Example
//! ```yaml
//! nodeSelector:
//!   beta.kubernetes.io/os: linux
//! ```
//!
//! ## Use instead
//! ```yaml
//! nodeSelector:
//!   kubernetes.io/os: linux
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "deprecated-node-label",
    severity: Severity::Warning,
    ko: "더 이상 쓰지 않는(deprecated) 노드 레이블입니다. 노드에서 이 레이블이 사라지면 파드가 배치될 곳이 없어집니다. 메시지에 나온 새 레이블을 쓰세요.",
    en: "This node label is deprecated. If nodes stop carrying it, the pod fits nowhere. Use the new label named in the message.",
    check: RuleCheck::Pod(check),
};

/// Deprecated node labels and upstream's message for each.
const DEPRECATED: &[(&str, &str)] = &[
    ("beta.kubernetes.io/arch", "deprecated since v1.14; use \"kubernetes.io/arch\" instead"),
    ("beta.kubernetes.io/os", "deprecated since v1.14; use \"kubernetes.io/os\" instead"),
    (
        "failure-domain.beta.kubernetes.io/region",
        "deprecated since v1.17; use \"topology.kubernetes.io/region\" instead",
    ),
    ("failure-domain.beta.kubernetes.io/zone", "deprecated since v1.17; use \"topology.kubernetes.io/zone\" instead"),
    ("beta.kubernetes.io/instance-type", "deprecated since v1.17; use \"node.kubernetes.io/instance-type\" instead"),
];

fn message_for(key: &str) -> Option<&'static str> {
    DEPRECATED.iter().find(|(k, _)| *k == key).map(|(_, m)| *m)
}

fn check(ctx: &PodCtx, r: &mut Report) {
    for key in ctx.spec.node_selector.keys() {
        if let Some(msg) = message_for(key) {
            let p = format!("{}.nodeSelector[{key}]", ctx.path);
            r.emit(&RULE, &p, format!("{p}: {msg}"), At::Key);
        }
    }
    if let Some(na) = ctx.spec.affinity.as_ref().and_then(|a| a.node_affinity.as_ref()) {
        let base = format!("{}.affinity.nodeAffinity", ctx.path);
        if let Some(req) = &na.required_during_scheduling_ignored_during_execution {
            for (i, t) in req.node_selector_terms.iter().enumerate() {
                for (j, e) in t.match_expressions.iter().enumerate() {
                    if let Some(msg) = message_for(&e.key) {
                        let p = format!("{base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[{i}].matchExpressions[{j}].key");
                        r.emit(&RULE, &p, format!("{p}: {} is {msg}", e.key), At::Value);
                    }
                }
            }
        }
        for (i, t) in na.preferred_during_scheduling_ignored_during_execution.iter().enumerate() {
            for (j, e) in t.preference.match_expressions.iter().enumerate() {
                if let Some(msg) = message_for(&e.key) {
                    let p = format!("{base}.preferredDuringSchedulingIgnoredDuringExecution[{i}].preference.matchExpressions[{j}].key");
                    r.emit(&RULE, &p, format!("{p}: {} is {msg}", e.key), At::Value);
                }
            }
        }
    }
    let spread = ctx.node.and_then(|n| n.get("topologySpreadConstraints")).and_then(YamlNode::as_seq).unwrap_or(&[]);
    for (i, c) in spread.iter().enumerate() {
        let Some(key) = c.get("topologyKey").and_then(YamlNode::as_str) else { continue };
        if let Some(msg) = message_for(key) {
            let p = format!("{}.topologySpreadConstraints[{i}].topologyKey", ctx.path);
            r.emit(&RULE, &p, format!("{p}: {key} is {msg}"), At::Value);
        }
    }
}
