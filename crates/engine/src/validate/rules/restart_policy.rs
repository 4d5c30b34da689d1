//! `invalid-restart-policy`: an unknown pod `restartPolicy`, or a container
//! `restartPolicy` where it is not allowed.
//!
//! ## What it does
//! Checks the pod's `restartPolicy` (Always, OnFailure, Never) and that a
//! container-level `restartPolicy` appears only on init containers and only
//! as `Always` (a sidecar). Follows `validateRestartPolicy` and
//! `validateInitContainerRestartPolicy` in validation.go.
//!
//! ## Why is this bad
//! `restartPolicy: Always` on an init container is what makes it a sidecar;
//! on a regular container it means nothing and is rejected.
//!
//! ## Example
//! ```yaml
//! containers:
//! - name: log-shipper
//!   image: fluent-bit:3.0
//!   restartPolicy: Always
//! ```
//!
//! ## Use instead
//! ```yaml
//! initContainers:
//! - name: log-shipper
//!   image: fluent-bit:3.0
//!   restartPolicy: Always
//! ```

use super::{At, ContainerKind, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-restart-policy",
    severity: Severity::Error,
    ko: "파드의 restartPolicy는 `Always`, `OnFailure`, `Never` 중 하나입니다. 컨테이너 단위 `restartPolicy: Always`는 초기화 컨테이너에만 쓸 수 있고, 그러면 사이드카 컨테이너가 됩니다.",
    en: "A pod's restartPolicy is `Always`, `OnFailure` or `Never`. A container-level `restartPolicy: Always` is allowed only on init containers, where it makes a sidecar container.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    if let Some(policy) = ctx.spec.restart_policy.as_deref() {
        if !matches!(policy, "Always" | "OnFailure" | "Never") {
            let p = format!("{}.restartPolicy", ctx.path);
            r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(policy), &["Always", "Never", "OnFailure"]), At::Value);
        }
    }
    for (path, c, kind) in ctx.containers() {
        let Some(policy) = c.restart_policy.as_deref() else { continue };
        let p = format!("{path}.restartPolicy");
        match kind {
            ContainerKind::Init if policy != "Always" => {
                r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(policy), &["Always"]), At::Value)
            }
            ContainerKind::Init => {}
            ContainerKind::Regular => {
                r.emit(&RULE, &p, fe::forbidden(&p, "may not be set for non-init containers"), At::Key)
            }
        }
    }
}
