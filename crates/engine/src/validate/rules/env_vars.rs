//! `invalid-env`: an environment variable with a bad name, or with both
//! `value` and `valueFrom`.
//!
//! ## What it does
//! Checks env var names (printable ASCII except `=`, the relaxed rule on by
//! default since 1.32), that `value` and `valueFrom` are not both set, and
//! that `valueFrom` names exactly one source (`ValidateEnv` in
//! validation.go).
//!
//! ## Why is this bad
//! The apiserver rejects the pod.
//!
//! ## Example
//! ```yaml
//! env:
//! - name: MODE
//!   value: debug
//!   valueFrom: {configMapKeyRef: {name: app, key: mode}}
//! ```
//!
//! ## Use instead
//! ```yaml
//! env:
//! - name: MODE
//!   valueFrom: {configMapKeyRef: {name: app, key: mode}}
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::text::Text;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-env",
    severity: Severity::Error,
    ko: "환경 변수 이름은 `=`를 뺀 출력 가능한 ASCII 문자로 써야 하고, `value`와 `valueFrom`은 둘 중 하나만 쓸 수 있습니다.",
    en: "Environment variable names are printable ASCII without `=`, and an entry may have `value` or `valueFrom`, not both.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        for (i, e) in c.env.iter().enumerate() {
            let base = format!("{path}.env[{i}]");
            let np = format!("{base}.name");
            if e.name.is_empty() {
                r.emit(&RULE, &np, fe::required(&np, ""), At::Key);
            } else {
                for msg in names::env_var_name(&e.name) {
                    r.emit(&RULE, &np, fe::invalid(&np, Val::Str(&e.name), &msg), At::Value);
                }
            }
            if let Some(serde_json::Value::Object(m)) = &e.value_from {
                let sources = m.values().filter(|v| !v.is_null()).count();
                let vp = format!("{base}.valueFrom");
                let explain = Text::new(
                    "`valueFrom`에는 값을 가져올 곳을 하나만 적습니다: `configMapKeyRef`, `secretKeyRef`, `fieldRef`, `resourceFieldRef` 중 하나.",
                    "`valueFrom` names exactly one place to take the value from: one of `configMapKeyRef`, `secretKeyRef`, `fieldRef` or `resourceFieldRef`.",
                );
                if sources == 0 {
                    let msg = fe::invalid(
                        &vp,
                        Val::Str(""),
                        "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
                    );
                    r.emit_explained(&RULE, &vp, msg, At::Key, explain);
                } else if sources > 1 {
                    let msg = fe::invalid(&vp, Val::Str(""), "may not have more than one field specified at a time");
                    r.emit_explained(&RULE, &vp, msg, At::Key, explain);
                }
            }
            let has_value = e.value.as_deref().is_some_and(|v| !v.is_empty());
            if has_value && e.value_from.as_ref().is_some_and(|v| !v.is_null()) {
                let vp = format!("{base}.valueFrom");
                r.emit(
                    &RULE,
                    &vp,
                    fe::invalid(&vp, Val::Str(""), "may not be specified when `value` is not empty"),
                    At::Key,
                );
            }
        }
    }
}
