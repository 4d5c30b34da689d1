//! `workload-restart-policy`: a pod template whose `restartPolicy` its
//! controller does not allow.
//!
//! ## What it does
//! Checks that Deployments, ReplicaSets, StatefulSets, DaemonSets and
//! ReplicationControllers use `restartPolicy: Always`, and that Jobs and
//! CronJobs use `OnFailure` or `Never` (apps and batch validation; a
//! template without one is defaulted to `Always` first).
//!
//! ## Why is this bad
//! A Deployment keeps pods running forever, so they must restart; a Job runs
//! to completion, so its pods must not restart forever.
//!
//! ## Example
//! ```yaml
//! kind: Job
//! spec:
//!   template:
//!     spec:
//!       containers: [{name: pi, image: perl:5.34}]
//! ```
//!
//! ## Use instead
//! ```yaml
//!       restartPolicy: Never
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "workload-restart-policy",
    severity: Severity::Error,
    ko: "디플로이먼트·레플리카셋·스테이트풀셋·데몬셋의 파드 템플릿은 `restartPolicy: Always`만, 잡과 크론잡은 `OnFailure` 또는 `Never`만 쓸 수 있습니다. 잡에서 생략하면 기본값 Always가 되어 거부되므로 꼭 적으세요.",
    en: "Pod templates of Deployments, ReplicaSets, StatefulSets and DaemonSets allow only `restartPolicy: Always`; Jobs and CronJobs allow only `OnFailure` or `Never`. A Job without one defaults to Always and is rejected, so always set it.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let policy = ctx.spec.restart_policy.as_deref().unwrap_or("Always");
    let allowed: &[&str] = match ctx.kind {
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "ReplicationController" => &["Always"],
        "Job" | "CronJob" => &["OnFailure", "Never"],
        _ => return,
    };
    if !allowed.contains(&policy) && matches!(policy, "Always" | "OnFailure" | "Never") {
        let p = format!("{}.restartPolicy", ctx.path);
        r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(policy), allowed), At::Value);
    }
}
