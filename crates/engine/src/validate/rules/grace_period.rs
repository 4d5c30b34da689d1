//! `negative-grace-period`: a negative `terminationGracePeriodSeconds`
//! (upstream warning).
//!
//! ## What it does
//! Warns when `terminationGracePeriodSeconds` is below zero, as
//! `pkg/api/pod/warnings.go` does.
//!
//! ## Why is this bad
//! The apiserver accepts it for compatibility, but the kubelet treats it as
//! 1 second: the containers get almost no time to shut down.
//!
//! ## Example
//! ```yaml
//! terminationGracePeriodSeconds: -5
//! ```
//!
//! ## Use instead
//! ```yaml
//! terminationGracePeriodSeconds: 5
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;

pub static RULE: Rule = Rule {
    code: "negative-grace-period",
    severity: Severity::Warning,
    ko: "terminationGracePeriodSeconds가 음수이면 1초로 취급되어 컨테이너가 정리할 시간을 거의 얻지 못합니다. 0 이상의 초를 쓰세요(기본값 30).",
    en: "A negative terminationGracePeriodSeconds is treated as 1 second, leaving containers almost no time to shut down. Use 0 or more seconds (default 30).",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    if ctx.spec.termination_grace_period_seconds.is_some_and(|v| v < 0) {
        let p = format!("{}.terminationGracePeriodSeconds", ctx.path);
        let msg = format!("{p}: must be >= 0; negative values are invalid and will be treated as 1");
        r.emit(&RULE, &p, msg, At::Value);
    }
}
