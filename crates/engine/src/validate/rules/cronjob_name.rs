//! `cronjob-name-too-long`: a CronJob name longer than 52 characters.
//!
//! ## What it does
//! Follows `ValidateCronJobCreate` in `pkg/apis/batch/validation/validation.go`:
//! a CronJob's name may be at most 52 characters (63, the limit of a Job's
//! name label, minus the 11 characters of the `-<timestamp>` suffix the
//! controller appends to each Job it creates).
//!
//! ## Why is this bad
//! The apiserver rejects the CronJob; otherwise every Job it tried to create
//! would fail later.
//!
//! ## Example
//! ```yaml
//! metadata:
//!   name: nightly-database-backup-for-the-reporting-cluster-eu-west
//! ```
//!
//! ## Use instead
//! ```yaml
//! metadata:
//!   name: nightly-db-backup-reporting-eu-west
//! ```

use super::{At, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "cronjob-name-too-long",
    severity: Severity::Error,
    ko: "CronJob 이름은 52자 이하여야 합니다. 컨트롤러가 만드는 잡의 이름에 `-<타임스탬프>` 11자가 붙기 때문입니다.",
    en: "A CronJob's name is at most 52 characters: the controller appends an 11-character `-<timestamp>` to the name of each Job it creates.",
    check: RuleCheck::Object(check),
};

fn check(root: &YamlNode, kind: &str, r: &mut Report) {
    if kind != "CronJob" {
        return;
    }
    let Some(name) = root.get("metadata").and_then(|m| m.get("name")).and_then(YamlNode::as_str) else { return };
    if name.len() > 52 {
        let p = "metadata.name";
        r.emit(&RULE, p, fe::invalid(p, Val::Str(name), "must be no more than 52 characters"), At::Value);
    }
}
