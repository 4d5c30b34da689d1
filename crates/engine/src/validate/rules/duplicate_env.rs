//! `duplicate-env`: an environment variable defined twice in a container
//! (upstream warning).
//!
//! ## What it does
//! Warns when a later `env` entry hides an earlier one with the same name
//! (unless it refers to it as `$(NAME)`), as `pkg/api/pod/warnings.go` does.
//!
//! ## Why is this bad
//! Only the last value is used, and `kubectl apply` may drop one of them.
//!
//! ## Example
//! ```yaml
//! env:
//! - {name: MODE, value: debug}
//! - {name: MODE, value: release}
//! ```
//!
//! ## Use instead
//! ```yaml
//! env:
//! - {name: MODE, value: release}
//! ```

use std::collections::HashSet;

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;

pub static RULE: Rule = Rule {
    code: "duplicate-env",
    severity: Severity::Warning,
    ko: "같은 이름의 환경 변수가 두 번 정의되어 앞의 값이 가려집니다. `kubectl apply`에서 하나가 사라질 수도 있습니다. 하나만 남기세요.",
    en: "An environment variable is defined twice, so the earlier value is hidden, and `kubectl apply` may drop one. Keep only one.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        let mut names = HashSet::new();
        for (i, e) in c.env.iter().enumerate() {
            if !names.insert(e.name.as_str()) {
                let reference = format!("$({})", e.name);
                let value = e.value.as_deref().unwrap_or("");
                let bad = e.value_from.is_some() || value == reference || !value.contains(&reference);
                if bad {
                    let p = format!("{path}.env[{i}]");
                    let msg = format!(
                        "{p}: hides previous definition of {:?}, which may be dropped when using apply",
                        e.name
                    );
                    r.emit(&RULE, &format!("{p}.name"), msg, At::Value);
                }
            }
        }
    }
}
