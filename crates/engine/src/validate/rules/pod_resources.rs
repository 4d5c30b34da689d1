//! `invalid-pod-resources`: pod-level `spec.resources` names a resource
//! other than cpu, memory or hugepages, asks for more than its limit, asks
//! for less than its containers together, or is below a container's limit.
//!
//! ## What it does
//! Checks `spec.resources` as `validatePodResources` and
//! `validatePodResourceConsistency` in `pkg/apis/core/validation/validation.go`
//! do (the `PodLevelResources` feature, beta and on since 1.34): supported
//! names, requests ≤ limits, pod requests ≥ the sum of the containers'
//! requests, and each container limit ≤ the pod limit.
//!
//! ## Why is this bad
//! The API server rejects the pod. Pod-level resources are one budget the
//! containers share: it cannot be smaller than what the containers already
//! ask for on their own.
//!
//! ## Example
//! ```yaml
//! resources:
//!   requests: {cpu: 100m}
//! containers:
//! - name: app
//!   image: nginx:1.27
//!   resources:
//!     requests: {cpu: 200m}
//! ```
//!
//! ## Use instead
//! ```yaml
//! resources:
//!   requests: {cpu: 200m}
//! containers:
//! - name: app
//!   image: nginx:1.27
//!   resources:
//!     requests: {cpu: 200m}
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::pod_resources::{aggregate_container_requests, pod_level_supported, POD_LEVEL_RESOURCES};
use crate::quantity::Quantity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-pod-resources",
    severity: Severity::Error,
    ko: "파드 수준 resources에는 cpu, memory, hugepages-<크기>만 적을 수 있습니다. 파드 요청은 파드 제한 이하이면서 컨테이너 요청의 합 이상이어야 하고, 각 컨테이너의 제한은 파드 제한 이하여야 합니다. 파드 수준 값은 컨테이너들이 공유하는 전체 예산입니다.",
    en: "Pod-level resources take only cpu, memory and hugepages-<size>. The pod's requests must be at most its limits and at least the sum of the containers' requests, and no container limit may exceed the pod's. Pod-level values are one budget the containers share.",
    check: RuleCheck::Pod(check),
};

fn parse(v: &str) -> Option<Quantity> {
    Quantity::parse(v).ok()
}

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(res) = &ctx.spec.resources else { return };
    let base = format!("{}.resources", ctx.path);
    let mut supported: Vec<&str> = POD_LEVEL_RESOURCES.to_vec();
    supported.sort_unstable();
    for (field, map) in [("requests", &res.requests), ("limits", &res.limits)] {
        for name in map.keys().filter(|n| !pod_level_supported(n)) {
            let p = format!("{base}.{field}[{name}]");
            r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(name), &supported), At::Key);
        }
    }
    for (name, req) in &res.requests {
        let (Some(lim), Some(rq)) = (res.limits.get(name).and_then(|l| parse(l)), parse(req)) else { continue };
        if rq.cmp_value(&lim).is_gt() {
            let p = format!("{base}.requests[{name}]");
            let detail = format!("must be less than or equal to {name} limit of {}", lim.canonical());
            r.emit(&RULE, &p, fe::invalid(&p, Val::Str(&rq.canonical()), &detail), At::Value);
        }
    }
    for (name, total) in aggregate_container_requests(ctx.spec) {
        let (Some(pod), Some(sum)) = (res.requests.get(&name).and_then(|v| parse(v)), parse(&total)) else {
            continue;
        };
        if pod.cmp_value(&sum).is_lt() {
            let p = format!("{base}.requests[{name}]");
            let detail =
                format!("must be greater than or equal to aggregate container requests of {}", sum.canonical());
            r.emit(&RULE, &p, fe::invalid(&p, Val::Str(&pod.canonical()), &detail), At::Value);
        }
    }
    for (i, c) in ctx.spec.containers.iter().enumerate() {
        let Some(cr) = &c.resources else { continue };
        for (name, lim) in &cr.limits {
            let (Some(cl), Some(pl)) = (parse(lim), res.limits.get(name).and_then(|v| parse(v))) else { continue };
            if cl.cmp_value(&pl).is_gt() {
                let p = format!("{}.containers[{i}].resources.limits[{name}]", ctx.path);
                let detail = format!("must be less than or equal to pod limits of {}", pl.canonical());
                r.emit(&RULE, &p, fe::invalid(&p, Val::Str(&cl.canonical()), &detail), At::Value);
            }
        }
    }
}
