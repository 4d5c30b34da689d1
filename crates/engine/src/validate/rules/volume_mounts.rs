//! `invalid-volume-mount`: a mount of an undeclared volume, or two mounts
//! at one path.
//!
//! ## What it does
//! Checks that every `volumeMounts[].name` matches a volume in
//! `spec.volumes`, that `mountPath` is set, and that mount paths are unique
//! in the container (`ValidateVolumeMounts` in validation.go).
//!
//! ## Why is this bad
//! The kubelet cannot mount a volume the pod does not declare.
//!
//! ## Example
//! ```yaml
//! volumeMounts:
//! - name: cache
//!   mountPath: /cache
//! # no volume named "cache" under spec.volumes
//! ```
//!
//! ## Use instead
//! ```yaml
//! volumes:
//! - name: cache
//!   emptyDir: {}
//! ```

use std::collections::HashSet;

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::text::Text;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-volume-mount",
    severity: Severity::Error,
    ko: "volumeMounts의 `name`은 `spec.volumes`에 선언한 볼륨 이름과 같아야 하고, 한 컨테이너 안에서 mountPath는 겹칠 수 없습니다.",
    en: "A volumeMount's `name` must match a volume declared under `spec.volumes`, and mount paths must be unique in a container.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let declared: Vec<&str> =
        ctx.spec.volumes.iter().map(|v| v.name.as_str()).chain(ctx.extra_volumes.iter().map(String::as_str)).collect();
    for (path, c, _) in ctx.containers() {
        let mut paths = HashSet::new();
        for (i, m) in c.volume_mounts.iter().enumerate() {
            let base = format!("{path}.volumeMounts[{i}]");
            let np = format!("{base}.name");
            if m.name.is_empty() {
                r.emit(&RULE, &np, fe::required(&np, ""), At::Key);
            } else if !declared.contains(&m.name.as_str()) {
                let guess = crate::schema::check::suggest(&m.name, declared.iter().copied());
                let declared_list = if declared.is_empty() { "-".to_string() } else { declared.join(", ") };
                let explain = Text::new(
                    format!(
                        "`{}` 볼륨이 `spec.volumes`에 없습니다(선언된 볼륨: {declared_list}).{}",
                        m.name,
                        guess.map(|g| format!(" `{g}`의 오타인가요?")).unwrap_or_else(|| " 볼륨을 선언하세요.".into())
                    ),
                    format!(
                        "No volume `{}` under `spec.volumes` (declared: {declared_list}).{}",
                        m.name,
                        guess.map(|g| format!(" Did you mean `{g}`?")).unwrap_or_else(|| " Declare the volume.".into())
                    ),
                );
                r.emit_explained(&RULE, &np, fe::not_found(&np, Val::Str(&m.name)), At::Value, explain);
            }
            let mp = format!("{base}.mountPath");
            if m.mount_path.is_empty() {
                r.emit(&RULE, &mp, fe::required(&mp, ""), At::Key);
            } else if !paths.insert(m.mount_path.as_str()) {
                r.emit(&RULE, &mp, fe::invalid(&mp, Val::Str(&m.mount_path), "must be unique"), At::Value);
            }
        }
    }
}
