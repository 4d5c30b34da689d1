//! `fractional-bytes`: a memory or ephemeral-storage quantity that is not a
//! whole number of bytes (upstream warning).
//!
//! ## What it does
//! Warns when a memory or ephemeral-storage request or limit has a fraction
//! of a byte, such as `memory: 100m` or `memory: 1.5`, as
//! `pkg/api/pod/warnings.go` does.
//!
//! ## Why is this bad
//! `m` means milli, not mega: `memory: 100m` is a tenth of a byte. Memory
//! is counted in whole bytes; write `100Mi` (mebibytes) or `100M`
//! (megabytes).
//!
//! ## Example
//! ```yaml
//! limits:
//!   memory: 100m
//! ```
//!
//! ## Use instead
//! ```yaml
//! limits:
//!   memory: 100Mi
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::quantity::Quantity;

pub static RULE: Rule = Rule {
    code: "fractional-bytes",
    severity: Severity::Warning,
    ko: "메모리와 임시 스토리지는 바이트 단위의 정수여야 합니다. `m`은 메가가 아니라 밀리(1/1000)라서 `100m`은 0.1바이트입니다. `100Mi`(메비바이트)나 `100M`(메가바이트)으로 쓰세요.",
    en: "Memory and ephemeral storage are whole bytes. `m` means milli (1/1000), not mega: `100m` is a tenth of a byte. Write `100Mi` (mebibytes) or `100M` (megabytes).",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        let Some(res) = &c.resources else { continue };
        for (field, map) in [("limits", &res.limits), ("requests", &res.requests)] {
            for name in ["memory", "ephemeral-storage"] {
                let Some(q) = map.get(name).and_then(|v| Quantity::parse(v).ok()) else { continue };
                if q.milli_value() % 1000 != 0 {
                    let p = format!("{path}.resources.{field}[{name}]");
                    let msg = format!("{p}: fractional byte value {:?} is invalid, must be an integer", q.canonical());
                    r.emit(&RULE, &p, msg, At::Value);
                }
            }
        }
    }
}
