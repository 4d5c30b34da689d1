//! `invalid-topology-spread`: a topology spread constraint with a
//! non-positive `maxSkew`, no `topologyKey`, an unknown `whenUnsatisfiable`
//! or node policy, `minDomains` without `DoNotSchedule`, or the same
//! `{topologyKey, whenUnsatisfiable}` pair twice.
//!
//! ## What it does
//! Follows `validateTopologySpreadConstraints` in validation.go: `maxSkew`
//! and `minDomains` are greater than zero; `topologyKey` is not empty;
//! `whenUnsatisfiable` is `DoNotSchedule` or `ScheduleAnyway`; `minDomains`
//! only goes with `DoNotSchedule`; `nodeAffinityPolicy` and
//! `nodeTaintsPolicy` are `Honor` or `Ignore`; no two constraints share a
//! `{topologyKey, whenUnsatisfiable}` pair; `matchLabelKeys` are label names
//! not already in the `labelSelector` (which they need); the `labelSelector`
//! is valid.
//!
//! ## Why is this bad
//! The apiserver rejects the pod. Two constraints on the same key and action
//! would contradict each other.
//!
//! ## Example
//! ```yaml
//! topologySpreadConstraints:
//! - maxSkew: 0
//!   topologyKey: topology.kubernetes.io/zone
//!   whenUnsatisfiable: ScheduleAnyway
//!   minDomains: 3
//! ```
//!
//! ## Use instead
//! ```yaml
//! topologySpreadConstraints:
//! - maxSkew: 1
//!   topologyKey: topology.kubernetes.io/zone
//!   whenUnsatisfiable: DoNotSchedule
//!   minDomains: 3
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, tree, Val};

pub static RULE: Rule = Rule {
    code: "invalid-topology-spread",
    severity: Severity::Error,
    ko: "토폴로지 분배 제약의 maxSkew는 1 이상, topologyKey는 필수, whenUnsatisfiable은 `DoNotSchedule` 또는 `ScheduleAnyway`입니다. minDomains는 `DoNotSchedule`과만 쓰고, 같은 {topologyKey, whenUnsatisfiable} 쌍을 두 번 쓸 수 없습니다.",
    en: "A topology spread constraint has maxSkew of at least 1, a topologyKey, and whenUnsatisfiable `DoNotSchedule` or `ScheduleAnyway`. minDomains goes only with `DoNotSchedule`, and no {topologyKey, whenUnsatisfiable} pair may repeat.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    let constraints = tree::seq_at(spec, "topologySpreadConstraints");
    let pairs: Vec<(&str, &str)> = constraints
        .iter()
        .map(|c| (tree::str_at(c, "topologyKey").unwrap_or(""), tree::str_at(c, "whenUnsatisfiable").unwrap_or("")))
        .collect();
    for (i, c) in constraints.iter().enumerate() {
        let base = format!("{}.topologySpreadConstraints[{i}]", ctx.path);
        if let Some(skew) = tree::int_at(c, "maxSkew").filter(|s| *s <= 0) {
            let p = format!("{base}.maxSkew");
            r.emit(&RULE, &p, fe::invalid(&p, Val::Int(skew), "must be greater than zero"), At::Value);
        }
        let (key, action) = pairs.get(i).copied().unwrap_or(("", ""));
        if key.is_empty() {
            let p = format!("{base}.topologyKey");
            r.emit(&RULE, &p, fe::required(&p, "can not be empty"), At::Key);
        }
        if !matches!(action, "DoNotSchedule" | "ScheduleAnyway") {
            let p = format!("{base}.whenUnsatisfiable");
            r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(action), &["DoNotSchedule", "ScheduleAnyway"]), At::Value);
        }
        // Upstream compares each constraint with the ones after it.
        if pairs.iter().skip(i + 1).any(|p| *p == (key, action)) {
            let p = format!("{base}.{{topologyKey, whenUnsatisfiable}}");
            let shown = format!("{{{key}, {action}}}");
            r.emit(&RULE, &p, fe::duplicate(&p, Val::Str(&shown)), At::Key);
        }
        if let Some(min) = tree::int_at(c, "minDomains") {
            let p = format!("{base}.minDomains");
            if min <= 0 {
                r.emit(&RULE, &p, fe::invalid(&p, Val::Int(min), "must be greater than zero"), At::Value);
            }
            if action != "DoNotSchedule" {
                let detail = format!("can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {action}");
                r.emit(&RULE, &p, fe::invalid(&p, Val::Int(min), &detail), At::Value);
            }
        }
        for field in ["nodeAffinityPolicy", "nodeTaintsPolicy"] {
            if let Some(v) = tree::str_at(c, field).filter(|v| !matches!(*v, "Honor" | "Ignore")) {
                let p = format!("{base}.{field}");
                r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(v), &["Honor", "Ignore"]), At::Value);
            }
        }
        for (path, msg) in fe::spread_label_keys(c, &base) {
            r.emit(&RULE, &path, msg, At::Value);
        }
        if let Some(sel) = tree::map_at(c, "labelSelector") {
            for (path, msg) in fe::label_selector(sel, &format!("{base}.labelSelector")) {
                r.emit(&RULE, &path, msg, At::Value);
            }
        }
    }
}
