//! `init-container-probe`: a probe or lifecycle hook on a plain init
//! container.
//!
//! ## What it does
//! Checks that init containers without `restartPolicy: Always` have no
//! liveness, readiness or startup probe and no lifecycle hooks
//! (`validateInitContainers` in validation.go).
//!
//! ## Why is this bad
//! A plain init container runs to completion before the app starts; there
//! is nothing to probe. Only sidecars (init containers with
//! `restartPolicy: Always`) may have probes.
//!
//! ## Example
//! ```yaml
//! initContainers:
//! - name: wait-db
//!   image: busybox:1.36
//!   readinessProbe: {exec: {command: [true]}}
//! ```
//!
//! ## Use instead
//! ```yaml
//! initContainers:
//! - name: wait-db
//!   image: busybox:1.36
//! ```

use super::{At, ContainerKind, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format as fe;

pub static RULE: Rule = Rule {
    code: "init-container-probe",
    severity: Severity::Error,
    ko: "일반 초기화 컨테이너는 끝까지 실행되고 끝나므로 프로브와 lifecycle 훅을 가질 수 없습니다. 계속 실행되는 사이드카라면 `restartPolicy: Always`를 추가하세요.",
    en: "A plain init container runs to completion, so it cannot have probes or lifecycle hooks. If it is a long-running sidecar, add `restartPolicy: Always`.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, kind) in ctx.containers() {
        if kind != ContainerKind::Init || c.restart_policy.as_deref() == Some("Always") {
            continue;
        }
        let present = [
            ("livenessProbe", c.liveness_probe.is_some()),
            ("readinessProbe", c.readiness_probe.is_some()),
            ("startupProbe", c.startup_probe.is_some()),
            ("lifecycle", c.lifecycle.is_some()),
        ];
        for (field, set) in present {
            if set {
                let p = format!("{path}.{field}");
                r.emit(
                    &RULE,
                    &p,
                    fe::forbidden(&p, "may not be set for init containers without restartPolicy=Always"),
                    At::Key,
                );
            }
        }
    }
}
