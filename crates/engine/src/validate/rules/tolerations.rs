//! `invalid-toleration`: a toleration with an unknown operator or effect, a
//! value with `Exists`, or `tolerationSeconds` without `NoExecute`.
//!
//! ## What it does
//! Checks each toleration as `ValidateTolerations` in validation.go does
//! (operators `Equal`, `Exists`, and the numeric `Gt`, `Lt`).
//!
//! ## Why is this bad
//! The apiserver rejects the pod; a misspelt effect would otherwise silently
//! tolerate nothing.
//!
//! ## Example
//! ```yaml
//! tolerations:
//! - key: dedicated
//!   operator: Exists
//!   value: gpu
//!   effect: NoSchedul
//! ```
//!
//! ## Use instead
//! ```yaml
//! tolerations:
//! - key: dedicated
//!   operator: Equal
//!   value: gpu
//!   effect: NoSchedule
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-toleration",
    severity: Severity::Error,
    ko: "톨러레이션의 operator는 `Equal` 또는 `Exists`(이때 value는 비워 둠), effect는 `NoSchedule`, `PreferNoSchedule`, `NoExecute` 중 하나이고, tolerationSeconds는 `NoExecute`에만 씁니다.",
    en: "A toleration's operator is `Equal` or `Exists` (then value stays empty), its effect is `NoSchedule`, `PreferNoSchedule` or `NoExecute`, and tolerationSeconds goes only with `NoExecute`.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (i, t) in ctx.spec.tolerations.iter().enumerate() {
        let base = format!("{}.tolerations[{i}]", ctx.path);
        let op = t.operator.as_deref().unwrap_or("Equal");
        match op {
            // `Gt`/`Lt` compare numeric taint values (new in 1.35, behind a
            // feature gate the docs already show).
            "Equal" | "" | "Gt" | "Lt" => {}
            "Exists" => {
                if t.value.as_deref().is_some_and(|v| !v.is_empty()) {
                    let p = format!("{base}.operator");
                    r.emit(
                        &RULE,
                        &p,
                        fe::invalid(&p, Val::Str(op), "value must be empty when `operator` is 'Exists'"),
                        At::Value,
                    );
                }
            }
            other => {
                let p = format!("{base}.operator");
                r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(other), &["Equal", "Exists", "Gt", "Lt"]), At::Value);
            }
        }
        if let Some(effect) = t.effect.as_deref().filter(|e| !e.is_empty()) {
            let p = format!("{base}.effect");
            if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
                r.emit(
                    &RULE,
                    &p,
                    fe::not_supported(&p, Val::Str(effect), &["NoSchedule", "PreferNoSchedule", "NoExecute"]),
                    At::Value,
                );
            } else if t.toleration_seconds.is_some() && effect != "NoExecute" {
                r.emit(
                    &RULE,
                    &p,
                    fe::invalid(&p, Val::Str(effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"),
                    At::Value,
                );
            }
        }
    }
}
