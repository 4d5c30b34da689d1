//! `invalid-pod-affinity`: a pod affinity or anti-affinity term without a
//! `topologyKey`, with a malformed label selector or namespace, or a
//! preferred term's weight outside 1–100.
//!
//! ## What it does
//! Follows `validatePodAffinity`, `validatePodAntiAffinity`,
//! `validatePodAffinityTerm` and `validateWeightedPodAffinityTerms` in
//! validation.go: every term needs a `topologyKey` that is a label name; its
//! `labelSelector` and `namespaceSelector` must be valid label selectors
//! (`In`/`NotIn` with values, `Exists`/`DoesNotExist` without); each
//! `namespaces` entry is a namespace name; `matchLabelKeys` and
//! `mismatchLabelKeys` are label names, need a `labelSelector` and do not
//! share keys; a preferred term's `weight` is 1–100.
//!
//! ## Why is this bad
//! The apiserver rejects the pod. Without a topology key the scheduler would
//! not know what "near" or "apart" means (same node, same zone, …).
//!
//! ## Example
//! ```yaml
//! podAntiAffinity:
//!   requiredDuringSchedulingIgnoredDuringExecution:
//!   - labelSelector:
//!       matchLabels: {app: web}
//! ```
//!
//! ## Use instead
//! ```yaml
//! podAntiAffinity:
//!   requiredDuringSchedulingIgnoredDuringExecution:
//!   - labelSelector:
//!       matchLabels: {app: web}
//!     topologyKey: kubernetes.io/hostname
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::validate::format::{self as fe, tree, Val};
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "invalid-pod-affinity",
    severity: Severity::Error,
    ko: "파드 (안티)어피니티의 각 조건에는 `topologyKey`(예: `kubernetes.io/hostname`)가 있어야 하고, 레이블 셀렉터는 올바른 형식이어야 하며, 선호 조건의 weight는 1–100입니다.",
    en: "Every pod (anti-)affinity term needs a `topologyKey` (e.g. `kubernetes.io/hostname`) and a well-formed label selector; a preferred term's weight is 1–100.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    let Some(affinity) = tree::map_at(spec, "affinity") else { return };
    for field in ["podAffinity", "podAntiAffinity"] {
        let Some(pa) = tree::map_at(affinity, field) else { continue };
        let base = format!("{}.affinity.{field}", ctx.path);
        for (i, t) in tree::seq_at(pa, "requiredDuringSchedulingIgnoredDuringExecution").iter().enumerate() {
            term(t, &format!("{base}.requiredDuringSchedulingIgnoredDuringExecution[{i}]"), r);
        }
        for (i, w) in tree::seq_at(pa, "preferredDuringSchedulingIgnoredDuringExecution").iter().enumerate() {
            let wp = format!("{base}.preferredDuringSchedulingIgnoredDuringExecution[{i}]");
            let weight = tree::int_at(w, "weight").unwrap_or(0);
            if !(1..=100).contains(&weight) {
                let p = format!("{wp}.weight");
                r.emit(&RULE, &p, fe::invalid(&p, Val::Int(weight), "must be in the range 1-100"), At::Value);
            }
            if let Some(t) = w.get("podAffinityTerm") {
                term(t, &format!("{wp}.podAffinityTerm"), r);
            }
        }
    }
}

fn term(t: &YamlNode, base: &str, r: &mut Report) {
    for field in ["labelSelector", "namespaceSelector"] {
        if let Some(sel) = tree::map_at(t, field) {
            for (path, msg) in fe::label_selector(sel, &format!("{base}.{field}")) {
                r.emit(&RULE, &path, msg, At::Value);
            }
        }
    }
    for (path, msg) in fe::affinity_label_keys(t, base) {
        r.emit(&RULE, &path, msg, At::Value);
    }
    for ns in tree::seq_at(t, "namespaces") {
        let name = ns.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
        // Upstream names the path `namespace`, singular.
        let p = format!("{base}.namespace");
        for msg in names::dns1123_label(name) {
            r.emit(&RULE, &p, fe::invalid(&p, Val::Str(name), &msg), At::Key);
        }
    }
    let key = tree::str_at(t, "topologyKey").unwrap_or("");
    let kp = format!("{base}.topologyKey");
    if key.is_empty() {
        r.emit(&RULE, &kp, fe::required(&kp, "can not be empty"), At::Key);
    }
    for msg in names::qualified_name(key) {
        r.emit(&RULE, &kp, fe::invalid(&kp, Val::Str(key), &msg), At::Value);
    }
}
