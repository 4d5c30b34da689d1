//! `invalid-security-context`: a pod or container `securityContext` with a
//! user or group ID out of range, an unknown policy value, or settings that
//! contradict each other.
//!
//! ## What it does
//! Follows `validatePodSpecSecurityContext` and `ValidateSecurityContext` in
//! `pkg/apis/core/validation/validation.go`:
//! - `runAsUser`, `runAsGroup`, `fsGroup` and every `supplementalGroups`
//!   entry must be between 0 and 2147483647;
//! - `fsGroupChangePolicy` is `Always` or `OnRootMismatch`,
//!   `supplementalGroupsPolicy` is `Merge` or `Strict`, `seLinuxChangePolicy`
//!   is `MountOption` or `Recursive`, `procMount` is `Default` or `Unmasked`
//!   (and `Unmasked` needs `hostUsers: false`);
//! - `hostUsers: false` (a user namespace) cannot go with `hostNetwork`,
//!   `hostPID` or `hostIPC`;
//! - `allowPrivilegeEscalation: false` cannot go with `privileged: true` or
//!   with `capabilities.add: [CAP_SYS_ADMIN]`.
//!
//! `runAsNonRoot: true` with `runAsUser: 0` passes validation; the kubelet
//! refuses to start such a container (see `run-as-root-with-non-root`).
//! `windowsOptions` is not checked (Podplay runs Linux pods). Capability
//! names are not checked either: the apiserver accepts any string in
//! `capabilities.add`/`drop`, and the container runtime rejects unknown ones
//! when the container starts (only the literal `CAP_SYS_ADMIN` matters here).
//!
//! ## Why is this bad
//! The apiserver rejects the pod. A privileged container, or one with
//! CAP_SYS_ADMIN, can always gain privileges, so forbidding escalation at the
//! same time is a contradiction.
//!
//! ## Example
//! ```yaml
//! securityContext:
//!   privileged: true
//!   allowPrivilegeEscalation: false
//! ```
//!
//! ## Use instead
//! ```yaml
//! securityContext:
//!   allowPrivilegeEscalation: false
//!   capabilities:
//!     add: [NET_ADMIN]
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::text::Text;
use crate::validate::format::{self as fe, tree, Val};
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "invalid-security-context",
    severity: Severity::Error,
    ko: "securityContext의 사용자·그룹 ID는 0부터 2147483647 사이여야 하고, 정책 필드에는 정해진 값만 쓸 수 있습니다.",
    en: "User and group IDs in a securityContext are between 0 and 2147483647, and policy fields take only their listed values.",
    check: RuleCheck::Pod(check),
};

fn escalation_text() -> Text {
    Text::new(
        "특권(privileged) 컨테이너나 CAP_SYS_ADMIN을 가진 컨테이너는 언제든 권한을 올릴 수 있으므로 `allowPrivilegeEscalation: false`와 함께 쓸 수 없습니다. 둘 중 하나를 빼세요.",
        "A privileged container, or one with CAP_SYS_ADMIN, can always gain privileges, so it cannot also set `allowPrivilegeEscalation: false`. Drop one of the two.",
    )
}

/// Why `hostUsers: false` refuses a host namespace (validation.go
/// `validateHostUsers`: permissions inside would not match the host's).
fn host_users_text(field: &str) -> Text {
    Text::new(
        format!("`hostUsers: false`는 파드에 자기만의 user 네임스페이스를 줍니다. 이 파드는 호스트의 다른 네임스페이스를 함께 쓸 수 없으므로 `{field}: true`를 빼거나 `hostUsers: false`를 빼세요."),
        format!("`hostUsers: false` gives the pod its own user namespace, and such a pod cannot also share a namespace of the host: drop `{field}: true` or drop `hostUsers: false`."),
    )
}

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    if let Some(sc) = tree::map_at(spec, "securityContext") {
        let base = format!("{}.securityContext", ctx.path);
        ids(sc, &base, true, r);
        let policies: [(&str, &[&str]); 3] = [
            ("fsGroupChangePolicy", &["Always", "OnRootMismatch"]),
            ("supplementalGroupsPolicy", &["Merge", "Strict"]),
            ("seLinuxChangePolicy", &["MountOption", "Recursive"]),
        ];
        for (field, allowed) in policies {
            if let Some(v) = tree::str_at(sc, field).filter(|v| !allowed.contains(v)) {
                let p = format!("{base}.{field}");
                r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(v), allowed), At::Value);
            }
        }
    }
    // Follows validation.go `ValidatePodSpec`: hostUsers defaults to true.
    let host_users = tree::bool_at(spec, "hostUsers").unwrap_or(true);
    if !host_users {
        // `validateHostUsers`: a user namespace does not mix with the host's
        // other namespaces (upstream spells two of the paths in Go case).
        for (field, shown) in [("hostNetwork", "hostNetwork"), ("hostPID", "HostPID"), ("hostIPC", "HostIPC")] {
            if tree::bool_at(spec, field) == Some(true) {
                let p = format!("{}.{shown}", ctx.path);
                let at = format!("{}.{field}", ctx.path);
                let msg = fe::forbidden(&p, "when `pod.Spec.HostUsers` is false");
                r.emit_explained(&RULE, &at, msg, At::Key, host_users_text(field));
            }
        }
    }
    for (path, c, _) in ctx.container_nodes() {
        let Some(sc) = tree::map_at(c, "securityContext") else { continue };
        let base = format!("{path}.securityContext");
        ids(sc, &base, false, r);
        if let Some(pm) = tree::str_at(sc, "procMount") {
            let p = format!("{base}.procMount");
            if !matches!(pm, "Default" | "Unmasked") {
                r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(pm), &["Default", "Unmasked"]), At::Value);
            } else if pm == "Unmasked" && host_users {
                r.emit(
                    &RULE,
                    &p,
                    fe::invalid(&p, Val::Str(pm), "`hostUsers` must be false to use `Unmasked`"),
                    At::Value,
                );
            }
        }
        if tree::bool_at(sc, "allowPrivilegeEscalation") == Some(false) {
            if tree::bool_at(sc, "privileged") == Some(true) {
                let shown = go_security_context(sc);
                let msg = fe::invalid(
                    &base,
                    Val::Raw(&shown),
                    "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
                );
                r.emit_explained(&RULE, &base, msg, At::Key, escalation_text());
            }
            let adds = tree::map_at(sc, "capabilities").map(|c| tree::seq_at(c, "add")).unwrap_or(&[]);
            for _ in adds.iter().filter(|a| a.as_str() == Some("CAP_SYS_ADMIN")) {
                let shown = go_security_context(sc);
                let msg = fe::invalid(
                    &base,
                    Val::Raw(&shown),
                    "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
                );
                r.emit_explained(&RULE, &base, msg, At::Key, escalation_text());
            }
        }
    }
}

/// The user and group ID ranges (`IsValidUserID`, `IsValidGroupID`).
fn ids(sc: &YamlNode, base: &str, pod: bool, r: &mut Report) {
    let fields: &[&str] = if pod { &["fsGroup", "runAsUser", "runAsGroup"] } else { &["runAsUser", "runAsGroup"] };
    for field in fields {
        if let Some(id) = tree::int_at(sc, field) {
            let p = format!("{base}.{field}");
            for e in fe::id_range(id) {
                r.emit(&RULE, &p, fe::invalid(&p, Val::Int(id), &e), At::Value);
            }
        }
    }
    if pod {
        for (i, g) in tree::seq_at(sc, "supplementalGroups").iter().enumerate() {
            let Some(crate::yaml::Resolved::Int(id)) = g.resolved() else { continue };
            let p = format!("{base}.supplementalGroups[{i}]");
            for e in fe::id_range(id) {
                r.emit(&RULE, &p, fe::invalid(&p, Val::Int(id), &e), At::Value);
            }
        }
    }
}

/// The container securityContext as upstream prints it in this error:
/// `json.Marshal` of the internal `core.SecurityContext`, whose fields have
/// no JSON tags (Go field names, in struct order; unset pointers are null).
fn go_security_context(sc: &YamlNode) -> String {
    let scalar = |key: &str| sc.get(key).filter(|v| !v.is_null()).map(fe::json).unwrap_or_else(|| "null".into());
    let strings = |node: Option<&YamlNode>, fields: &[(&str, &str)]| -> String {
        let Some(n) = node.filter(|n| n.as_map().is_some()) else { return "null".into() };
        let parts: Vec<String> = fields
            .iter()
            .map(|(go, json)| {
                format!(
                    "\"{go}\":{}",
                    n.get(json).filter(|v| !v.is_null()).map(fe::json).unwrap_or_else(|| "null".into())
                )
            })
            .collect();
        format!("{{{}}}", parts.join(","))
    };
    let caps = strings(sc.get("capabilities"), &[("Add", "add"), ("Drop", "drop")]);
    let selinux = match sc.get("seLinuxOptions").filter(|n| n.as_map().is_some()) {
        Some(n) => {
            let parts: Vec<String> = [("User", "user"), ("Role", "role"), ("Type", "type"), ("Level", "level")]
                .iter()
                .map(|(go, json)| format!("\"{go}\":{}", fe::json_string(tree::str_at(n, json).unwrap_or(""))))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        None => "null".into(),
    };
    let windows = strings(
        sc.get("windowsOptions"),
        &[
            ("GMSACredentialSpecName", "gmsaCredentialSpecName"),
            ("GMSACredentialSpec", "gmsaCredentialSpec"),
            ("RunAsUserName", "runAsUserName"),
            ("HostProcess", "hostProcess"),
        ],
    );
    let profile = |key: &str| match sc.get(key).filter(|n| n.as_map().is_some()) {
        Some(n) => format!(
            "{{\"Type\":{},\"LocalhostProfile\":{}}}",
            fe::json_string(tree::str_at(n, "type").unwrap_or("")),
            n.get("localhostProfile").filter(|v| !v.is_null()).map(fe::json).unwrap_or_else(|| "null".into())
        ),
        None => "null".into(),
    };
    format!(
        "{{\"Capabilities\":{caps},\"Privileged\":{},\"SELinuxOptions\":{selinux},\"WindowsOptions\":{windows},\"RunAsUser\":{},\"RunAsGroup\":{},\"RunAsNonRoot\":{},\"ReadOnlyRootFilesystem\":{},\"AllowPrivilegeEscalation\":{},\"ProcMount\":{},\"SeccompProfile\":{},\"AppArmorProfile\":{}}}",
        scalar("privileged"),
        scalar("runAsUser"),
        scalar("runAsGroup"),
        scalar("runAsNonRoot"),
        scalar("readOnlyRootFilesystem"),
        scalar("allowPrivilegeEscalation"),
        scalar("procMount"),
        profile("seccompProfile"),
        profile("appArmorProfile"),
    )
}
