//! `invalid-container-restart-rules`: `restartPolicyRules` without a
//! container `restartPolicy`, with too many rules or exit codes, or with an
//! unknown action or operator.
//!
//! ## What it does
//! Checks each container's `restartPolicyRules` (ContainerRestartRules,
//! beta and on by default in 1.35): the container must set its own
//! `restartPolicy`; at most 20 rules; each rule's `action` is `Restart`
//! and it has `exitCodes` with operator `In` or `NotIn` and at most 255
//! values. Follows `validateContainerRestartPolicy` in
//! `pkg/apis/core/validation/validation.go` and the field docs of
//! `ContainerRestartRule` in `staging/src/k8s.io/api/core/v1/types.go`.
//!
//! ## Why is this bad
//! The kubelet reads the rules in order on each exit and falls back to the
//! container's own policy; without that policy, or with a rule it cannot
//! read, the apiserver rejects the pod.
//!
//! ## Example
//! ```yaml
//! containers:
//! - name: trainer
//!   image: busybox:1.36
//!   restartPolicyRules:
//!   - action: Restart
//!     exitCodes: {operator: In, values: [42]}
//! ```
//!
//! ## Use instead
//! ```yaml
//! containers:
//! - name: trainer
//!   image: busybox:1.36
//!   restartPolicy: Never
//!   restartPolicyRules:
//!   - action: Restart
//!     exitCodes: {operator: In, values: [42]}
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-container-restart-rules",
    severity: Severity::Error,
    ko: "restartPolicyRules를 쓰려면 컨테이너에 restartPolicy도 직접 적어야 합니다(파드의 값과 같더라도). 규칙은 20개까지, 각 규칙은 `action: Restart`와 `exitCodes`(operator는 `In` 또는 `NotIn`, values는 255개까지)를 가집니다.",
    en: "restartPolicyRules need the container's own restartPolicy (even when it matches the pod's). At most 20 rules; each has `action: Restart` and `exitCodes` (operator `In` or `NotIn`, at most 255 values).",
    check: RuleCheck::Pod(check),
};

/// At most this many rules per container.
const RULES_MAX: usize = 20;
/// At most this many exit codes per rule.
const VALUES_MAX: usize = 255;

fn too_many(path: &str, n: usize, max: usize) -> String {
    format!("{path}: Too many: {n}: must have at most {max} items")
}

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        let rules = &c.restart_policy_rules;
        if rules.is_empty() {
            continue;
        }
        if c.restart_policy.is_none() {
            let p = format!("{path}.restartPolicy");
            let at = format!("{path}.restartPolicyRules");
            r.emit(&RULE, &at, fe::required(&p, "must specify restartPolicy when restart rules are used"), At::Key);
        }
        let rp = format!("{path}.restartPolicyRules");
        if rules.len() > RULES_MAX {
            r.emit(&RULE, &rp, too_many(&rp, rules.len(), RULES_MAX), At::Key);
        }
        for (i, rule) in rules.iter().enumerate() {
            let ip = format!("{rp}[{i}]");
            if rule.action != "Restart" {
                let p = format!("{ip}.action");
                let msg = if rule.action.is_empty() {
                    fe::required(&p, "")
                } else {
                    fe::not_supported(&p, Val::Str(&rule.action), &["Restart"])
                };
                let at = if rule.action.is_empty() { ip.clone() } else { p };
                r.emit(&RULE, &at, msg, At::Value);
            }
            let Some(codes) = &rule.exit_codes else {
                let p = format!("{ip}.exitCodes");
                r.emit(&RULE, &ip, fe::required(&p, "must be specified"), At::Key);
                continue;
            };
            if !matches!(codes.operator.as_str(), "In" | "NotIn") {
                let p = format!("{ip}.exitCodes.operator");
                r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(&codes.operator), &["In", "NotIn"]), At::Value);
            }
            if codes.values.len() > VALUES_MAX {
                let p = format!("{ip}.exitCodes.values");
                r.emit(&RULE, &p, too_many(&p, codes.values.len(), VALUES_MAX), At::Key);
            }
        }
    }
}
