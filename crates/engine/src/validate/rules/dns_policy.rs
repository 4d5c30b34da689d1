//! `invalid-dns-policy`: an unknown `dnsPolicy`.
//!
//! ## What it does
//! Checks `dnsPolicy` against ClusterFirstWithHostNet, ClusterFirst,
//! Default and None (`validateDNSPolicy` in validation.go).
//!
//! ## Why is this bad
//! The apiserver rejects the pod.
//!
//! ## Example
//! ```yaml
//! dnsPolicy: ClusterDefault
//! ```
//!
//! ## Use instead
//! ```yaml
//! dnsPolicy: ClusterFirst
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-dns-policy",
    severity: Severity::Error,
    ko: "dnsPolicy는 `ClusterFirst`(기본값), `ClusterFirstWithHostNet`, `Default`, `None` 중 하나입니다.",
    en: "dnsPolicy is one of `ClusterFirst` (the default), `ClusterFirstWithHostNet`, `Default` and `None`.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    if let Some(v) = ctx.spec.dns_policy.as_deref() {
        if !matches!(v, "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None") {
            let p = format!("{}.dnsPolicy", ctx.path);
            r.emit(
                &RULE,
                &p,
                fe::not_supported(&p, Val::Str(v), &["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]),
                At::Value,
            );
        }
    }
}
