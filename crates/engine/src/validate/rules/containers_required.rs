//! `no-containers`: a pod spec with an empty `containers` list.
//!
//! ## What it does
//! Checks that a pod has at least one regular container (`validateContainers`
//! in validation.go; a missing list is reported by the schema check).
//!
//! ## Why is this bad
//! A pod exists to run containers; init containers alone are not enough.
//!
//! ## Example
//! ```yaml
//! spec:
//!   containers: []
//! ```
//!
//! ## Use instead
//! ```yaml
//! spec:
//!   containers:
//!   - name: web
//!     image: nginx:1.27
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format as fe;

pub static RULE: Rule = Rule {
    code: "no-containers",
    severity: Severity::Error,
    ko: "파드에는 일반 컨테이너가 하나 이상 있어야 합니다. 초기화 컨테이너만으로는 파드를 만들 수 없습니다.",
    en: "A pod needs at least one regular container; init containers alone are not enough.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let listed = ctx.node.and_then(|n| n.get("containers")).is_some_and(|c| !c.is_null());
    if listed && ctx.spec.containers.is_empty() {
        let p = format!("{}.containers", ctx.path);
        r.emit(&RULE, &p, fe::required(&p, ""), At::Key);
    }
}
