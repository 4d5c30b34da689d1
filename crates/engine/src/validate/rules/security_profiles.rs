//! `invalid-security-profile`: a `seccompProfile` or `appArmorProfile` with an
//! unknown type, or with `localhostProfile` missing for `Localhost` or set
//! for another type.
//!
//! ## What it does
//! Follows `validateSeccompProfileField` and `ValidateAppArmorProfileField`
//! in validation.go, for the pod's and every container's securityContext:
//! the type is `RuntimeDefault`, `Unconfined` or `Localhost`;
//! `localhostProfile` is required exactly when the type is `Localhost`; a
//! seccomp `localhostProfile` is a relative path without `..`.
//!
//! ## Why is this bad
//! The apiserver rejects the pod: the kubelet could not tell which profile
//! file to load.
//!
//! ## Example
//! ```yaml
//! securityContext:
//!   seccompProfile:
//!     type: Localhost
//! ```
//!
//! ## Use instead
//! ```yaml
//! securityContext:
//!   seccompProfile:
//!     type: Localhost
//!     localhostProfile: profiles/audit.json
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, tree, Val};
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "invalid-security-profile",
    severity: Severity::Error,
    ko: "seccompProfile·appArmorProfile의 type은 `RuntimeDefault`, `Unconfined`, `Localhost` 중 하나이고, `localhostProfile`은 type이 `Localhost`일 때만, 그리고 그때는 반드시 적습니다.",
    en: "The type of a seccompProfile or appArmorProfile is `RuntimeDefault`, `Unconfined` or `Localhost`; `localhostProfile` is set exactly when the type is `Localhost`.",
    check: RuleCheck::Pod(check),
};

const TYPES: &[&str] = &["Localhost", "RuntimeDefault", "Unconfined"];

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    let mut contexts = Vec::new();
    if let Some(sc) = tree::map_at(spec, "securityContext") {
        contexts.push((format!("{}.securityContext", ctx.path), sc));
    }
    for (path, c, _) in ctx.container_nodes() {
        if let Some(sc) = tree::map_at(c, "securityContext") {
            contexts.push((format!("{path}.securityContext"), sc));
        }
    }
    for (base, sc) in contexts {
        if let Some(sp) = tree::map_at(sc, "seccompProfile") {
            seccomp(sp, &format!("{base}.seccompProfile"), r);
        }
        if let Some(ap) = tree::map_at(sc, "appArmorProfile") {
            apparmor(ap, &format!("{base}.appArmorProfile"), r);
        }
    }
}

fn seccomp(sp: &YamlNode, base: &str, r: &mut Report) {
    let ty = tree::str_at(sp, "type").unwrap_or("");
    let tp = format!("{base}.type");
    let lp = format!("{base}.localhostProfile");
    match ty {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => r.emit(&RULE, &tp, fe::required(&tp, "type is required when seccompProfile is set"), At::Key),
        other => r.emit(&RULE, &tp, fe::not_supported(&tp, Val::Str(other), TYPES), At::Value),
    }
    let set = tree::is_set(sp, "localhostProfile");
    if ty == "Localhost" {
        match tree::str_at(sp, "localhostProfile") {
            None if !set => {
                r.emit(&RULE, &lp, fe::required(&lp, "must be set when seccomp type is Localhost"), At::Key)
            }
            Some(path) => {
                // Follows validation.go `validateLocalDescendingPath`.
                if path.starts_with('/') {
                    r.emit(&RULE, &lp, fe::invalid(&lp, Val::Str(path), "must be a relative path"), At::Value);
                }
                if path.split(['/', '\\']).any(|part| part == "..") {
                    r.emit(&RULE, &lp, fe::invalid(&lp, Val::Str(path), "must not contain '..'"), At::Value);
                }
            }
            None => {}
        }
    } else if set {
        // Upstream prints the whole profile (`json.Marshal` of core.SeccompProfile).
        let shown = format!(
            "{{\"Type\":{},\"LocalhostProfile\":{}}}",
            fe::json_string(ty),
            sp.get("localhostProfile").map(fe::json).unwrap_or_else(|| "null".into())
        );
        r.emit(
            &RULE,
            &lp,
            fe::invalid(&lp, Val::Raw(&shown), "can only be set when seccomp type is Localhost"),
            At::Key,
        );
    }
}

fn apparmor(ap: &YamlNode, base: &str, r: &mut Report) {
    let ty = tree::str_at(ap, "type").unwrap_or("");
    let tp = format!("{base}.type");
    let lp = format!("{base}.localhostProfile");
    let profile = tree::str_at(ap, "localhostProfile");
    let set = tree::is_set(ap, "localhostProfile");
    match ty {
        "Localhost" => match profile {
            Some(p) if p.trim() != p => {
                r.emit(&RULE, &lp, fe::invalid(&lp, Val::Str(p), "must not be padded with whitespace"), At::Value)
            }
            Some(p) if p.len() > 4095 => r.emit(&RULE, &lp, fe::too_long(&lp, 4095), At::Value),
            Some("") | None => {
                r.emit(&RULE, &lp, fe::required(&lp, "must be set when AppArmor type is Localhost"), At::Key)
            }
            Some(_) => {}
        },
        "RuntimeDefault" | "Unconfined" => {
            if set {
                let shown = ap.get("localhostProfile").map(fe::json).unwrap_or_default();
                r.emit(
                    &RULE,
                    &lp,
                    fe::invalid(&lp, Val::Raw(&shown), "can only be set when AppArmor type is Localhost"),
                    At::Key,
                );
            }
        }
        "" => r.emit(&RULE, &tp, fe::required(&tp, "type is required when appArmorProfile is set"), At::Key),
        other => r.emit(&RULE, &tp, fe::not_supported(&tp, Val::Str(other), TYPES), At::Value),
    }
}
