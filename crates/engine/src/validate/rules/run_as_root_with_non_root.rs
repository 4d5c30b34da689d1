//! `run-as-root-with-non-root`: `runAsNonRoot: true` together with
//! `runAsUser: 0` (Podplay lint).
//!
//! ## What it does
//! Works out each container's effective `runAsNonRoot` and `runAsUser` (the
//! container's securityContext overrides the pod's) and flags the pair that
//! can never run.
//!
//! ## Why is this bad
//! The apiserver accepts the pod: validation.go checks neither field against
//! the other. The kubelet then refuses to start the container
//! (`verifyRunAsNonRoot` in `pkg/kubelet/kuberuntime`), and the pod sits in
//! `CreateContainerConfigError` with "container's runAsUser breaks non-root
//! policy".
//!
//! ## Example
//! ```yaml
//! securityContext:
//!   runAsNonRoot: true
//!   runAsUser: 0
//! ```
//!
//! ## Use instead
//! ```yaml
//! securityContext:
//!   runAsNonRoot: true
//!   runAsUser: 1000
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::tree;

pub static RULE: Rule = Rule {
    code: "run-as-root-with-non-root",
    severity: Severity::Lint,
    ko: "`runAsNonRoot: true`인데 `runAsUser: 0`(root)입니다. API 서버는 받아들이지만 kubelet이 컨테이너를 시작하지 않아 파드가 `CreateContainerConfigError`에 머뭅니다. 0이 아닌 UID를 쓰세요.",
    en: "`runAsNonRoot: true` with `runAsUser: 0` (root). The apiserver accepts it, but the kubelet will not start the container and the pod stays in `CreateContainerConfigError`. Use a non-zero UID.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    let pod_sc = tree::map_at(spec, "securityContext");
    let pod_non_root = pod_sc.and_then(|s| tree::bool_at(s, "runAsNonRoot"));
    let pod_user = pod_sc.and_then(|s| tree::int_at(s, "runAsUser"));
    for (path, c, _) in ctx.container_nodes() {
        let sc = tree::map_at(c, "securityContext");
        let non_root = sc.and_then(|s| tree::bool_at(s, "runAsNonRoot")).or(pod_non_root);
        let own_user = sc.and_then(|s| tree::int_at(s, "runAsUser"));
        if non_root != Some(true) || own_user.or(pod_user) != Some(0) {
            continue;
        }
        let p = if own_user.is_some() {
            format!("{path}.securityContext.runAsUser")
        } else {
            format!("{}.securityContext.runAsUser", ctx.path)
        };
        let name = tree::str_at(c, "name").unwrap_or("");
        r.emit(&RULE, &p, format!("{p}: container's runAsUser breaks non-root policy (container: {name})"), At::Value);
    }
}
