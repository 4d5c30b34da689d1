//! `invalid-resize-policy`: a container's `resizePolicy` names an unknown
//! resource or policy, repeats a resource, asks for restarts where none can
//! happen, or sits on an init container that is not a sidecar.
//!
//! ## What it does
//! Checks each container's `resizePolicy` as `validateResizePolicy` and
//! `validateInitContainers` in `pkg/apis/core/validation/validation.go` do:
//! `resourceName` is `cpu` or `memory`, each at most once; `restartPolicy`
//! is `NotRequired` or `RestartContainer`, and only `NotRequired` when the
//! pod's `restartPolicy` is `Never`; an init container without
//! `restartPolicy: Always` may not have one.
//!
//! ## Why is this bad
//! The API server rejects the pod. The policy only matters when the pod is
//! resized in place (`kubectl patch --subresource resize`), and an init
//! container that has finished is never resized.
//!
//! ## Example
//! ```yaml
//! restartPolicy: Never
//! containers:
//! - name: app
//!   image: nginx:1.27
//!   resizePolicy:
//!   - resourceName: memory
//!     restartPolicy: RestartContainer
//! ```
//!
//! ## Use instead
//! ```yaml
//! restartPolicy: Never
//! containers:
//! - name: app
//!   image: nginx:1.27
//!   resizePolicy:
//!   - resourceName: memory
//!     restartPolicy: NotRequired
//! ```

use std::collections::BTreeSet;

use super::{At, ContainerKind, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::model::ContainerResizePolicy;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-resize-policy",
    severity: Severity::Error,
    ko: "resizePolicy의 resourceName은 `cpu`나 `memory`이고 한 번씩만 적습니다. restartPolicy는 `NotRequired`(재시작 없이 바로 적용)나 `RestartContainer`(컨테이너를 다시 시작해 적용)입니다. 파드의 restartPolicy가 Never면 재시작할 수 없으니 NotRequired만 되고, 사이드카가 아닌 초기화 컨테이너에는 적을 수 없습니다.",
    en: "A resizePolicy's resourceName is `cpu` or `memory`, each once; its restartPolicy is `NotRequired` (applied in place) or `RestartContainer` (applied by restarting the container). With the pod's restartPolicy Never nothing restarts, so only NotRequired is allowed, and init containers other than sidecars may not have one.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let pod_policy = ctx.spec.restart_policy.as_deref().unwrap_or("Always");
    for (path, c, kind) in ctx.containers() {
        if c.resize_policy.is_empty() {
            continue;
        }
        let p = format!("{path}.resizePolicy");
        if kind == ContainerKind::Init && c.restart_policy.as_deref() != Some("Always") {
            let shown = json(&c.resize_policy);
            r.emit(&RULE, &p, fe::invalid(&p, Val::Raw(&shown), "must not be set for init containers"), At::Key);
            continue;
        }
        let mut seen = BTreeSet::new();
        for (i, pol) in c.resize_policy.iter().enumerate() {
            let name = pol.resource_name.as_str();
            if !seen.insert(name) {
                let pi = format!("{p}[{i}]");
                r.emit(&RULE, &pi, fe::duplicate(&pi, Val::Str(name)), At::Key);
            }
            match name {
                "cpu" | "memory" => {}
                "" => r.emit(&RULE, &p, fe::required(&p, ""), At::Key),
                other => r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(other), &["cpu", "memory"]), At::Key),
            }
            match pol.restart_policy.as_str() {
                "NotRequired" | "RestartContainer" => {}
                "" => r.emit(&RULE, &p, fe::required(&p, ""), At::Key),
                other => r.emit(
                    &RULE,
                    &p,
                    fe::not_supported(&p, Val::Str(other), &["NotRequired", "RestartContainer"]),
                    At::Key,
                ),
            }
            if pod_policy == "Never" && pol.restart_policy != "NotRequired" {
                let detail = "must be 'NotRequired' when `restartPolicy` is 'Never'";
                r.emit(&RULE, &p, fe::invalid(&p, Val::Str(&pol.restart_policy), detail), At::Key);
            }
        }
    }
}

/// The list as upstream's field error prints a non-scalar value (JSON).
fn json(list: &[ContainerResizePolicy]) -> String {
    serde_json::to_string(list).unwrap_or_default()
}
