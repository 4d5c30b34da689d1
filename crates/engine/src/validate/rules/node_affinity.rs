//! `invalid-node-affinity`: node affinity with no terms, an unknown
//! operator, the wrong number of values for its operator, or a preferred
//! term's weight outside 1–100.
//!
//! ## What it does
//! Follows `validateNodeAffinity`, `ValidateNodeSelector`,
//! `ValidateNodeSelectorRequirement`, `ValidateNodeFieldSelectorRequirement`
//! and `ValidatePreferredSchedulingTerms` in validation.go:
//! - `requiredDuringSchedulingIgnoredDuringExecution` needs at least one
//!   entry in `nodeSelectorTerms`;
//! - `In`/`NotIn` need values, `Exists`/`DoesNotExist` take none, `Gt`/`Lt`
//!   take exactly one, any other operator is invalid; keys are label names
//!   and, in required terms, values are label values;
//! - `matchFields` only knows `metadata.name`, with `In` or `NotIn` and one
//!   value;
//! - a preferred term's `weight` is 1–100.
//!
//! ## Why is this bad
//! The apiserver rejects the pod; the scheduler could not evaluate the term.
//!
//! ## Example
//! ```yaml
//! nodeAffinity:
//!   requiredDuringSchedulingIgnoredDuringExecution:
//!     nodeSelectorTerms:
//!     - matchExpressions:
//!       - {key: disktype, operator: In}
//! ```
//!
//! ## Use instead
//! ```yaml
//! nodeAffinity:
//!   requiredDuringSchedulingIgnoredDuringExecution:
//!     nodeSelectorTerms:
//!     - matchExpressions:
//!       - {key: disktype, operator: In, values: [ssd]}
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::validate::format::{self as fe, tree, Val};
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "invalid-node-affinity",
    severity: Severity::Error,
    ko: "노드 어피니티의 operator는 `In`, `NotIn`(values 필요), `Exists`, `DoesNotExist`(values 없음), `Gt`, `Lt`(값 하나) 중 하나입니다. 필수 조건에는 nodeSelectorTerms가 하나 이상 있어야 하고, 선호 조건의 weight는 1–100입니다.",
    en: "A node affinity operator is `In`, `NotIn` (with values), `Exists`, `DoesNotExist` (without values), `Gt` or `Lt` (one value). The required part needs at least one nodeSelectorTerm, and a preferred term's weight is 1–100.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    let Some(na) = tree::map_at(spec, "affinity").and_then(|a| tree::map_at(a, "nodeAffinity")) else { return };
    let base = format!("{}.affinity.nodeAffinity", ctx.path);
    if let Some(req) = tree::map_at(na, "requiredDuringSchedulingIgnoredDuringExecution") {
        let tp = format!("{base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
        let terms = tree::seq_at(req, "nodeSelectorTerms");
        if terms.is_empty() {
            r.emit(&RULE, &tp, fe::required(&tp, "must have at least one node selector term"), At::Key);
        }
        for (i, t) in terms.iter().enumerate() {
            term(t, &format!("{tp}[{i}]"), true, r);
        }
    }
    for (i, p) in tree::seq_at(na, "preferredDuringSchedulingIgnoredDuringExecution").iter().enumerate() {
        let pp = format!("{base}.preferredDuringSchedulingIgnoredDuringExecution[{i}]");
        let weight = tree::int_at(p, "weight").unwrap_or(0);
        if !(1..=100).contains(&weight) {
            let wp = format!("{pp}.weight");
            r.emit(&RULE, &wp, fe::invalid(&wp, Val::Int(weight), "must be in the range 1-100"), At::Value);
        }
        // Upstream always allows invalid label values in preferred terms.
        if let Some(pref) = p.get("preference") {
            term(pref, &format!("{pp}.preference"), false, r);
        }
    }
}

/// `ValidateNodeSelectorTerm`; `check_values` checks `In`/`NotIn` values
/// as label values (required terms only).
fn term(t: &YamlNode, base: &str, check_values: bool, r: &mut Report) {
    for (j, e) in tree::seq_at(t, "matchExpressions").iter().enumerate() {
        let ep = format!("{base}.matchExpressions[{j}]");
        let op = tree::str_at(e, "operator").unwrap_or("");
        let n = tree::seq_at(e, "values").len();
        let vp = format!("{ep}.values");
        match op {
            "In" | "NotIn" if n == 0 => {
                r.emit(&RULE, &vp, fe::required(&vp, "must be specified when `operator` is 'In' or 'NotIn'"), At::Key)
            }
            "Exists" | "DoesNotExist" if n > 0 => r.emit(
                &RULE,
                &vp,
                fe::forbidden(&vp, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
                At::Key,
            ),
            "Gt" | "Lt" if n != 1 => r.emit(
                &RULE,
                &vp,
                fe::required(&vp, "must be specified single value when `operator` is 'Lt' or 'Gt'"),
                At::Key,
            ),
            "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
            other => {
                let op_path = format!("{ep}.operator");
                r.emit(
                    &RULE,
                    &op_path,
                    fe::invalid(&op_path, Val::Str(other), "not a valid selector operator"),
                    At::Value,
                );
            }
        }
        let key = tree::str_at(e, "key").unwrap_or("");
        let kp = format!("{ep}.key");
        for msg in names::qualified_name(key) {
            r.emit(&RULE, &kp, fe::invalid(&kp, Val::Str(key), &msg), At::Value);
        }
        if check_values {
            for (k, v) in tree::seq_at(e, "values").iter().enumerate() {
                let value = v.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
                let vp = format!("{ep}.values[{k}]");
                for msg in names::label_value(value) {
                    r.emit(&RULE, &vp, fe::invalid(&vp, Val::Str(value), &msg), At::Value);
                }
            }
        }
    }
    for (j, f) in tree::seq_at(t, "matchFields").iter().enumerate() {
        let fp = format!("{base}.matchFields[{j}]");
        let op = tree::str_at(f, "operator").unwrap_or("");
        let values = tree::seq_at(f, "values");
        match op {
            "In" | "NotIn" => {
                if values.len() != 1 {
                    let vp = format!("{fp}.values");
                    r.emit(
                        &RULE,
                        &vp,
                        fe::required(
                            &vp,
                            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                        ),
                        At::Key,
                    );
                }
            }
            other => {
                let op_path = format!("{fp}.operator");
                r.emit(
                    &RULE,
                    &op_path,
                    fe::invalid(&op_path, Val::Str(other), "not a valid selector operator"),
                    At::Value,
                );
            }
        }
        let key = tree::str_at(f, "key").unwrap_or("");
        if key != "metadata.name" {
            let kp = format!("{fp}.key");
            r.emit(&RULE, &kp, fe::invalid(&kp, Val::Str(key), "not a valid field selector key"), At::Value);
        } else {
            for (k, v) in values.iter().enumerate() {
                let name = v.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
                let vp = format!("{fp}.values[{k}]");
                for msg in names::dns1123_subdomain(name) {
                    r.emit(&RULE, &vp, fe::invalid(&vp, Val::Str(name), &msg), At::Value);
                }
            }
        }
    }
}
