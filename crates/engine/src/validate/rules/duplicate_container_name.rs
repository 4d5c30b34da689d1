//! `duplicate-container-name`: two containers of a pod share a name.
//!
//! ## What it does
//! Checks that names are unique across `initContainers` and `containers`
//! together (validation.go keeps one set of names for both).
//!
//! ## Why is this bad
//! The kubelet tells containers apart by name; the apiserver rejects the pod.
//!
//! ## Example
//! ```yaml
//! initContainers:
//! - name: app
//! containers:
//! - name: app
//! ```
//!
//! ## Use instead
//! ```yaml
//! initContainers:
//! - name: init-app
//! containers:
//! - name: app
//! ```

use std::collections::HashSet;

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "duplicate-container-name",
    severity: Severity::Error,
    ko: "컨테이너 이름은 파드 안에서 초기화 컨테이너까지 포함해 모두 달라야 합니다. 둘 중 하나의 이름을 바꾸세요.",
    en: "Container names must be unique within the pod, init containers included. Rename one of them.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let mut seen = HashSet::new();
    for (path, c, _) in ctx.containers() {
        if c.name.is_empty() {
            continue;
        }
        if !seen.insert(c.name.as_str()) {
            let p = format!("{path}.name");
            r.emit(&RULE, &p, fe::duplicate(&p, Val::Str(&c.name)), At::Value);
        }
    }
}
