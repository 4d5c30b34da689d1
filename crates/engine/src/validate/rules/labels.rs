//! `invalid-label`: a label key or value is not valid.
//!
//! ## What it does
//! Checks every label key (a qualified name with an optional DNS prefix, like
//! `app.kubernetes.io/name`) and value (63 characters at most, alphanumerics,
//! `-`, `_`, `.`), as `ValidateLabels` in apimachinery does.
//!
//! ## Why is this bad
//! Selectors match on labels; the apiserver rejects invalid ones.
//!
//! ## Example
//! ```yaml
//! labels:
//!   app: my app
//! ```
//!
//! ## Use instead
//! ```yaml
//! labels:
//!   app: my-app
//! ```

use super::{At, MetaCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-label",
    severity: Severity::Error,
    ko: "레이블 키는 `접두사/이름` 형식(이름 63자 이하)이고, 값은 63자 이하의 영숫자, `-`, `_`, `.`이며 영숫자로 시작하고 끝나야 합니다. 공백은 쓸 수 없습니다.",
    en: "A label key is `prefix/name` (name 63 characters at most); a value is 63 characters at most of alphanumerics, `-`, `_` and `.`, starting and ending with an alphanumeric. No spaces.",
    check: RuleCheck::Meta(check),
};

fn check(ctx: &MetaCtx, r: &mut Report) {
    let path = format!("{}.labels", ctx.path);
    for (k, v) in &ctx.meta.labels {
        for e in names::qualified_name(k) {
            r.emit(&RULE, &format!("{path}[{k}]"), fe::invalid(&path, Val::Str(k), &e), At::Key);
        }
        for e in names::label_value(v) {
            r.emit(&RULE, &format!("{path}[{k}]"), fe::invalid(&path, Val::Str(v), &e), At::Value);
        }
    }
}
