//! `memory-without-unit`: a memory quantity written as a bare small number.
//!
//! ## What it does
//! Flags memory requests and limits below 1Mi written without a unit, such
//! as `memory: 16` or `memory: 512`.
//!
//! ## Why is this bad
//! A quantity without a unit counts bytes: `memory: 16` is 16 bytes, not
//! 16 MiB. No container runs in that; it is OOMKilled or never starts.
//!
//! ## Example
//! ```yaml
//! limits:
//!   memory: 16
//! ```
//!
//! ## Use instead
//! ```yaml
//! limits:
//!   memory: 16Mi
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::{Fix, Severity};
use crate::quantity::Quantity;
use crate::text::Text;
use crate::validate::locate::locate;

pub static RULE: Rule = Rule {
    code: "memory-without-unit",
    severity: Severity::Lint,
    ko: "단위 없는 메모리 값은 바이트입니다.",
    en: "A memory value without a unit counts bytes.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        let Some(res) = &c.resources else { continue };
        for (field, map) in [("requests", &res.requests), ("limits", &res.limits)] {
            let Some(v) = map.get("memory") else { continue };
            let bare = v.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            let Ok(q) = Quantity::parse(v) else { continue };
            if bare && !q.is_zero() && q.value() < 1024 * 1024 {
                let p = format!("{path}.resources.{field}[memory]");
                r.emit_explained(
                    &RULE,
                    &p,
                    format!("{p}: {v:?} is {} bytes", q.value()),
                    At::Value,
                    Text::new(
                        format!("메모리 값 `{v}`에 단위가 없어 {v}바이트를 뜻합니다. 이 정도 메모리로는 어떤 컨테이너도 실행되지 않습니다. `{v}Mi`처럼 단위를 붙이세요."),
                        format!("`{v}` without a unit is {v} bytes; no container runs in that. Add a unit, such as `{v}Mi`."),
                    ),
                );
                let place = locate(r.root(), &p);
                if let Some(d) = r.last_mut() {
                    d.fix = Some(Fix {
                        span: place.value,
                        replacement: format!("{v}Mi"),
                        title: Text::new(format!("`{v}Mi`(메비바이트)로 바꾸기"), format!("write `{v}Mi` (mebibytes)")),
                    });
                }
            }
        }
    }
}
