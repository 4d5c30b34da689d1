//! `missing-image`: a container has no image, or the image has surrounding
//! spaces.
//!
//! ## What it does
//! Checks that every container names an image without leading or trailing
//! whitespace (`validateContainerCommon` in validation.go).
//!
//! ## Why is this bad
//! Without an image there is nothing to run; the apiserver rejects the pod.
//!
//! ## Example
//! ```yaml
//! containers:
//! - name: web
//! ```
//!
//! ## Use instead
//! ```yaml
//! containers:
//! - name: web
//!   image: nginx:1.27
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "missing-image",
    severity: Severity::Error,
    ko: "컨테이너마다 실행할 이미지(`image`)를 적어야 합니다. 예: `image: nginx:1.27`.",
    en: "Every container needs an `image` to run. For example `image: nginx:1.27`.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        let p = format!("{path}.image");
        match c.image.as_deref() {
            None | Some("") => r.emit(&RULE, &p, fe::required(&p, ""), At::Key),
            Some(img) if img.trim() != img => r.emit(
                &RULE,
                &p,
                fe::invalid(&p, Val::Str(img), "must not have leading or trailing whitespace"),
                At::Value,
            ),
            Some(_) => {}
        }
    }
}
