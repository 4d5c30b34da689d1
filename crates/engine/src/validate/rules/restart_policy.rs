//! `invalid-restart-policy`: an unknown pod or container `restartPolicy`.
//!
//! ## What it does
//! Checks the pod's `restartPolicy` (Always, OnFailure, Never) and each
//! container's own `restartPolicy` (the same three values). With
//! ContainerRestartRules (beta, on by default in 1.35) a regular container
//! may carry its own policy; on an init container `Always` makes it a
//! sidecar. Follows `validateRestartPolicy` and
//! `validateContainerRestartPolicy` in validation.go.
//!
//! ## Why is this bad
//! The kubelet would not know when to restart the container; the apiserver
//! rejects the pod.
//!
//! ## Example
//! ```yaml
//! containers:
//! - name: worker
//!   image: busybox:1.36
//!   restartPolicy: Sometimes
//! ```
//!
//! ## Use instead
//! ```yaml
//! containers:
//! - name: worker
//!   image: busybox:1.36
//!   restartPolicy: OnFailure
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-restart-policy",
    severity: Severity::Error,
    ko: "파드와 컨테이너의 restartPolicy는 `Always`, `OnFailure`, `Never` 중 하나입니다. 컨테이너에 적은 restartPolicy는 파드의 것보다 우선하고, 초기화 컨테이너에 `Always`를 쓰면 사이드카 컨테이너가 됩니다.",
    en: "A pod's or container's restartPolicy is `Always`, `OnFailure` or `Never`. A container's own restartPolicy overrides the pod's; `Always` on an init container makes it a sidecar container.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    if let Some(policy) = ctx.spec.restart_policy.as_deref() {
        if !matches!(policy, "Always" | "OnFailure" | "Never") {
            let p = format!("{}.restartPolicy", ctx.path);
            r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(policy), &["Always", "Never", "OnFailure"]), At::Value);
        }
    }
    // ContainerRestartRules is on in 1.35: init and regular containers take
    // the same three values (`supportedContainerRestartPolicies`).
    for (path, c, _) in ctx.containers() {
        let Some(policy) = c.restart_policy.as_deref() else { continue };
        if !matches!(policy, "Always" | "OnFailure" | "Never") {
            let p = format!("{path}.restartPolicy");
            r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(policy), &["Always", "Never", "OnFailure"]), At::Value);
        }
    }
}
