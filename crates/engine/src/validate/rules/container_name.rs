//! `invalid-container-name`: a container name is not a DNS label.
//!
//! ## What it does
//! Checks that each container and init container name is a lowercase
//! RFC 1123 label (`validateContainers` → `ValidateDNS1123Label`).
//!
//! ## Why is this bad
//! The name appears in `kubectl logs -c`, events and the container's
//! environment; the apiserver rejects upper case, `_` and dots.
//!
//! ## Example
//! ```yaml
//! containers:
//! - name: Web
//! ```
//!
//! ## Use instead
//! ```yaml
//! containers:
//! - name: web
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-container-name",
    severity: Severity::Error,
    ko: "컨테이너 이름은 소문자, 숫자, `-`만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다(최대 63자). 예: `web`.",
    en: "A container name may hold only lowercase letters, digits and `-`, and must start and end with a letter or digit (63 characters at most). For example `web`.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        if c.name.is_empty() {
            continue; // Reported as a missing required field.
        }
        let p = format!("{path}.name");
        for e in names::dns1123_label(&c.name) {
            r.emit(&RULE, &p, fe::invalid(&p, Val::Str(&c.name), &e), At::Value);
        }
    }
}
