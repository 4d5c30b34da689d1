//! `invalid-volume`: a volume with a bad or repeated name, or without
//! exactly one source.
//!
//! ## What it does
//! Checks that each volume name is a DNS label, unique in the pod, and that
//! each volume has exactly one source such as `emptyDir` or `configMap`
//! (`ValidateVolumes` in validation.go).
//!
//! ## Why is this bad
//! Mounts refer to volumes by name, and the kubelet must know what to mount.
//!
//! ## Example
//! ```yaml
//! volumes:
//! - name: data
//!   emptyDir: {}
//! - name: data
//!   configMap: {name: app}
//! ```
//!
//! ## Use instead
//! ```yaml
//! volumes:
//! - name: data
//!   emptyDir: {}
//! - name: config
//!   configMap: {name: app}
//! ```

use std::collections::HashSet;

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::model::Volume;
use crate::names;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-volume",
    severity: Severity::Error,
    ko: "볼륨 이름은 파드 안에서 유일한 DNS 레이블(소문자, 숫자, `-`)이어야 하고, 볼륨마다 `emptyDir`, `configMap` 같은 소스가 정확히 하나 있어야 합니다.",
    en: "Volume names must be DNS labels (lowercase letters, digits, `-`) unique in the pod, and each volume needs exactly one source such as `emptyDir` or `configMap`.",
    check: RuleCheck::Pod(check),
};

/// How many sources a volume names.
pub fn source_count(v: &Volume) -> usize {
    let typed = [
        v.empty_dir.is_some(),
        v.config_map.is_some(),
        v.secret.is_some(),
        v.host_path.is_some(),
        v.downward_api.is_some(),
        v.projected.is_some(),
        v.persistent_volume_claim.is_some(),
        v.image.is_some(),
    ];
    typed.into_iter().filter(|b| *b).count() + v.other.values().filter(|x| !x.is_null()).count()
}

fn check(ctx: &PodCtx, r: &mut Report) {
    let mut names = HashSet::new();
    for (i, v) in ctx.spec.volumes.iter().enumerate() {
        let base = format!("{}.volumes[{i}]", ctx.path);
        let p = format!("{base}.name");
        if v.name.is_empty() {
            r.emit(&RULE, &p, fe::required(&p, ""), At::Key);
        } else {
            for e in names::dns1123_label(&v.name) {
                r.emit(&RULE, &p, fe::invalid(&p, Val::Str(&v.name), &e), At::Value);
            }
            if !names.insert(v.name.as_str()) {
                r.emit(&RULE, &p, fe::duplicate(&p, Val::Str(&v.name)), At::Value);
            }
        }
        match source_count(v) {
            0 => r.emit(&RULE, &base, fe::required(&base, "must specify a volume type"), At::Key),
            1 => {}
            _ => r.emit(&RULE, &base, fe::forbidden(&base, "may not specify more than 1 volume type"), At::Key),
        }
    }
}
