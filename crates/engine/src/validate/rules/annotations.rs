//! `invalid-annotation`: an annotation key is invalid, or all annotations
//! together are too large.
//!
//! ## What it does
//! Checks annotation keys as qualified names and the total size against
//! 256 KiB, as `ValidateAnnotations` in apimachinery does.
//!
//! ## Why is this bad
//! The apiserver rejects the object.
//!
//! ## Example
//! ```yaml
//! annotations:
//!   "my note": hello
//! ```
//!
//! ## Use instead
//! ```yaml
//! annotations:
//!   example.com/note: hello
//! ```

use super::{At, MetaCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::validate::format as fe;

pub static RULE: Rule = Rule {
    code: "invalid-annotation",
    severity: Severity::Error,
    ko: "어노테이션 키는 `접두사/이름` 형식이어야 하고(공백 불가), 어노테이션 전체 크기는 256KiB를 넘을 수 없습니다.",
    en: "An annotation key must be `prefix/name` (no spaces), and all annotations together may not exceed 256 KiB.",
    check: RuleCheck::Meta(check),
};

const TOTAL_MAX: usize = 256 * 1024;

fn check(ctx: &MetaCtx, r: &mut Report) {
    let path = format!("{}.annotations", ctx.path);
    let mut total = 0usize;
    for (k, v) in &ctx.meta.annotations {
        total += k.len() + v.len();
        for e in names::qualified_name(&k.to_ascii_lowercase()) {
            r.emit(&RULE, &format!("{path}[{k}]"), fe::invalid(&path, fe::Val::Str(k), &e), At::Key);
        }
    }
    if total > TOTAL_MAX {
        r.emit(&RULE, &path, fe::too_long(&path, TOTAL_MAX), At::Key);
    }
}
