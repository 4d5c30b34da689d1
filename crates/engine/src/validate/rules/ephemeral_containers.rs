//! `ephemeral-on-create`: `ephemeralContainers` in a new pod.
//!
//! ## What it does
//! Checks that a pod being created has no ephemeral containers
//! (`ValidatePodCreate` in validation.go).
//!
//! ## Why is this bad
//! Ephemeral containers are added to a running pod with `kubectl debug`
//! (the `ephemeralcontainers` subresource), never at creation.
//!
//! ## Example
//! ```yaml
//! spec:
//!   ephemeralContainers:
//!   - name: debugger
//!     image: busybox:1.36
//! ```
//!
//! ## Use instead
//! ```sh
//! kubectl debug -it mypod --image=busybox:1.36
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format as fe;

pub static RULE: Rule = Rule {
    code: "ephemeral-on-create",
    severity: Severity::Error,
    ko: "임시(ephemeral) 컨테이너는 파드를 만들 때 넣을 수 없습니다. 실행 중인 파드에 `kubectl debug`로 추가하세요.",
    en: "Ephemeral containers cannot be set when a pod is created. Add them to a running pod with `kubectl debug`.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let set =
        ctx.node.and_then(|n| n.get("ephemeralContainers")).and_then(|e| e.as_seq()).is_some_and(|s| !s.is_empty());
    if set {
        let p = format!("{}.ephemeralContainers", ctx.path);
        r.emit(&RULE, &p, fe::forbidden(&p, "cannot be set on create"), At::Key);
    }
}
