//! `cpu-decimal`: a CPU quantity written as a decimal fraction.
//!
//! ## What it does
//! Points out CPU values such as `0.1` or `0.5` and shows the millicore
//! form the apiserver stores (`100m`, `500m`).
//!
//! ## Why is this bad
//! Nothing is wrong: `0.1` and `100m` are equal. But `kubectl get -o yaml`
//! will show `100m`, and the millicore form is what the docs and most
//! teams write, so it is worth knowing they are the same.
//!
//! ## Example
//! ```yaml
//! requests:
//!   cpu: 0.1
//! ```
//!
//! ## Use instead
//! ```yaml
//! requests:
//!   cpu: 100m
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::{Fix, Severity};
use crate::quantity::Quantity;
use crate::text::Text;
use crate::validate::locate::locate;

pub static RULE: Rule = Rule {
    code: "cpu-decimal",
    severity: Severity::Lint,
    ko: "CPU 0.1은 100m(밀리코어)와 같습니다.",
    en: "CPU 0.1 is the same as 100m (millicores).",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        let Some(res) = &c.resources else { continue };
        for (field, map) in [("requests", &res.requests), ("limits", &res.limits)] {
            let Some(v) = map.get("cpu") else { continue };
            if !v.contains('.') {
                continue;
            }
            let Ok(q) = Quantity::parse(v) else { continue };
            let canonical = q.canonical();
            let p = format!("{path}.resources.{field}[cpu]");
            let explain = Text::new(
                format!("CPU `{v}` = `{canonical}`입니다(1 CPU = 1000m). API 서버는 `{canonical}` 형태로 저장하고 `kubectl get -o yaml`도 그렇게 보여 줍니다."),
                format!("CPU `{v}` is `{canonical}` (1 CPU = 1000m). The apiserver stores `{canonical}`, and `kubectl get -o yaml` shows it that way."),
            );
            r.emit_explained(&RULE, &p, format!("{p}: {v:?} is stored as {canonical:?}"), At::Value, explain);
            let place = locate(r.root(), &p);
            if let Some(d) = r.last_mut() {
                d.fix = Some(Fix {
                    span: place.value,
                    replacement: canonical.clone(),
                    title: Text::new(format!("`{canonical}` 형태로 바꾸기"), format!("write `{canonical}`")),
                });
            }
        }
    }
}
