//! `invalid-image-pull-policy`: an unknown `imagePullPolicy`.
//!
//! ## What it does
//! Checks `imagePullPolicy` against Always, IfNotPresent and Never
//! (`validatePullPolicy` in validation.go).
//!
//! ## Why is this bad
//! The apiserver rejects the pod.
//!
//! ## Example
//! ```yaml
//! imagePullPolicy: IfNotExists
//! ```
//!
//! ## Use instead
//! ```yaml
//! imagePullPolicy: IfNotPresent
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-image-pull-policy",
    severity: Severity::Error,
    ko: "imagePullPolicy는 `Always`, `IfNotPresent`, `Never` 중 하나입니다. 비워 두면 태그에 따라 정해집니다(`:latest`나 태그 없음은 Always).",
    en: "imagePullPolicy is `Always`, `IfNotPresent` or `Never`. Left out, it follows the tag (`:latest` or no tag means Always).",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        if let Some(v) = c.image_pull_policy.as_deref() {
            if !matches!(v, "Always" | "IfNotPresent" | "Never") {
                let p = format!("{path}.imagePullPolicy");
                r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(v), &["Always", "IfNotPresent", "Never"]), At::Value);
            }
        }
    }
}
