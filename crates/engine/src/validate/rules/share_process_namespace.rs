//! `share-process-namespace-host-pid`: `shareProcessNamespace` together
//! with `hostPID`.
//!
//! ## What it does
//! Checks that a pod does not ask for both a shared pod PID namespace and
//! the host's PID namespace (`validatePodSpecSecurityContext` in
//! validation.go).
//!
//! ## Why is this bad
//! The two settings contradict each other; the apiserver rejects the pod.
//!
//! ## Example
//! ```yaml
//! spec:
//!   shareProcessNamespace: true
//!   hostPID: true
//! ```
//!
//! ## Use instead
//! ```yaml
//! spec:
//!   shareProcessNamespace: true
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "share-process-namespace-host-pid",
    severity: Severity::Error,
    ko: "`shareProcessNamespace`(파드 안 컨테이너끼리 프로세스 공유)와 `hostPID`(노드의 프로세스 네임스페이스 사용)는 함께 켤 수 없습니다. 하나만 쓰세요.",
    en: "`shareProcessNamespace` (containers of the pod share processes) and `hostPID` (use the node's PID namespace) cannot both be on. Keep one.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    if ctx.spec.share_process_namespace == Some(true) && ctx.spec.host_pid == Some(true) {
        let p = format!("{}.securityContext.shareProcessNamespace", ctx.path);
        let at = format!("{}.shareProcessNamespace", ctx.path);
        r.emit(
            &RULE,
            &at,
            fe::invalid(&p, Val::Bool(true), "ShareProcessNamespace and HostPID cannot both be enabled"),
            At::Value,
        );
    }
}
