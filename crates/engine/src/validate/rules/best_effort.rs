//! `best-effort`: no container of the pod sets requests or limits.
//!
//! ## What it does
//! Flags pods whose QoS class will be `BestEffort`.
//!
//! ## Why is this bad
//! The scheduler places the pod as if it needed nothing, and under memory
//! pressure the kubelet evicts BestEffort pods first.
//!
//! ## Example
//! ```yaml
//! containers:
//! - name: web
//!   image: nginx:1.27
//! ```
//!
//! ## Use instead
//! ```yaml
//! containers:
//! - name: web
//!   image: nginx:1.27
//!   resources:
//!     requests: {cpu: 100m, memory: 128Mi}
//!     limits: {memory: 128Mi}
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::qos_class;

pub static RULE: Rule = Rule {
    code: "best-effort",
    severity: Severity::Lint,
    ko: "어떤 컨테이너에도 requests/limits가 없어 QoS 클래스가 BestEffort가 됩니다. 스케줄러는 리소스가 필요 없다고 보고 배치하며, 노드 메모리가 부족하면 가장 먼저 축출됩니다. requests를 적으세요.",
    en: "No container sets requests or limits, so the QoS class is BestEffort: the scheduler places it as if it needed nothing, and it is evicted first under memory pressure. Set requests.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    if ctx.spec.containers.is_empty() || qos_class(ctx.spec) != "BestEffort" {
        return;
    }
    let p = format!("{}.containers", ctx.path);
    r.emit(&RULE, &p, format!("{p}: no requests or limits: QoS class BestEffort"), At::Key);
}
