//! `invalid-resources`: a resource name or quantity is not allowed, or a
//! request is larger than its limit.
//!
//! ## What it does
//! Checks requests and limits of each container: known resource names
//! (`cpu`, `memory`, `ephemeral-storage`, `hugepages-*`, or a
//! `domain/name`), non-negative quantities, and requests ≤ limits
//! (`ValidateResourceRequirements` in validation.go).
//!
//! ## Why is this bad
//! A request above its limit can never be satisfied; the apiserver rejects
//! the pod.
//!
//! ## Example
//! ```yaml
//! resources:
//!   requests: {cpu: "2"}
//!   limits: {cpu: "1"}
//! ```
//!
//! ## Use instead
//! ```yaml
//! resources:
//!   requests: {cpu: "1"}
//!   limits: {cpu: "2"}
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::quantity::Quantity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-resources",
    severity: Severity::Error,
    ko: "요청(requests)은 제한(limits)보다 클 수 없고, 리소스 양은 음수일 수 없습니다. 리소스 이름은 `cpu`, `memory`, `ephemeral-storage`, `hugepages-<크기>` 또는 `도메인/이름`입니다.",
    en: "A request may not exceed its limit, and quantities may not be negative. Resource names are `cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>` or `domain/name`.",
    check: RuleCheck::Pod(check),
};

fn standard(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || name.starts_with("hugepages-") || name.contains('/')
}

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        let Some(res) = &c.resources else { continue };
        for (field, map) in [("limits", &res.limits), ("requests", &res.requests)] {
            for (name, value) in map {
                let p = format!("{path}.resources.{field}[{name}]");
                if !standard(name) {
                    r.emit(
                        &RULE,
                        &p,
                        fe::invalid(&p, Val::Str(name), "must be a standard resource for containers"),
                        At::Key,
                    );
                    continue;
                }
                if name.contains('/') {
                    for e in names::qualified_name(name) {
                        r.emit(&RULE, &p, fe::invalid(&p, Val::Str(name), &e), At::Key);
                    }
                }
                if let Ok(q) = Quantity::parse(value) {
                    if q.is_negative() {
                        r.emit(
                            &RULE,
                            &p,
                            fe::invalid(&p, Val::Str(value), "must be greater than or equal to 0"),
                            At::Value,
                        );
                    }
                }
            }
        }
        for (name, req) in &res.requests {
            let (Some(lim), Ok(rq)) = (res.limits.get(name), Quantity::parse(req)) else { continue };
            let Ok(lq) = Quantity::parse(lim) else { continue };
            if rq.cmp_value(&lq) == std::cmp::Ordering::Greater {
                let p = format!("{path}.resources.requests[{name}]");
                let shown = rq.canonical();
                let detail = format!("must be less than or equal to {name} limit of {}", lq.canonical());
                r.emit(&RULE, &p, fe::invalid(&p, Val::Str(&shown), &detail), At::Value);
            }
        }
    }
}
