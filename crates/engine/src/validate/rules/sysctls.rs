//! `invalid-sysctl`: a pod sysctl with a malformed or repeated name, or a
//! network or IPC sysctl on a pod that shares the host's namespace.
//!
//! ## What it does
//! Follows `validateSysctls` and `ValidateHostSysctl` in validation.go: each
//! `spec.securityContext.sysctls[].name` must match `IsValidSysctlName`
//! (at most 253 characters, dot- or slash-separated segments of lowercase
//! letters, digits, `-` and `_`), appear once, and not be a `net.*` sysctl
//! with `hostNetwork: true` or an IPC sysctl (`kernel.shm*`, `kernel.msg*`,
//! `kernel.sem`, `fs.mqueue.*`) with `hostIPC: true`.
//!
//! ## Why is this bad
//! The apiserver rejects the pod. A sysctl set inside a namespace the pod
//! shares with the node would change the node itself.
//!
//! ## Example
//! ```yaml
//! securityContext:
//!   sysctls:
//!   - name: net.ipv4.ip_local_port_range
//!     value: "32768 60999"
//!   - name: net.ipv4.ip_local_port_range
//!     value: "1024 65535"
//! ```
//!
//! ## Use instead
//! ```yaml
//! securityContext:
//!   sysctls:
//!   - name: net.ipv4.ip_local_port_range
//!     value: "1024 65535"
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, tree, Val};

pub static RULE: Rule = Rule {
    code: "invalid-sysctl",
    severity: Severity::Error,
    ko: "sysctl 이름은 소문자·숫자·`-`·`_`로 된 조각을 `.`이나 `/`로 이은 것(253자 이하)이고, 한 번씩만 적습니다. hostNetwork 파드에는 `net.*`, hostIPC 파드에는 IPC sysctl을 쓸 수 없습니다.",
    en: "A sysctl name is segments of lowercase letters, digits, `-` and `_` joined by `.` or `/` (253 characters at most), each listed once. A hostNetwork pod cannot set `net.*` sysctls, nor a hostIPC pod IPC ones.",
    check: RuleCheck::Pod(check),
};

/// `SysctlContainSlashFmt` as upstream prints it.
const REGEX: &str = r"^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$";

/// `IsValidSysctlName`: segments of `[a-z0-9]([-_a-z0-9]*[a-z0-9])?`
/// separated by `.` or `/`.
pub fn is_valid_sysctl_name(name: &str) -> bool {
    name.len() <= 253
        && name.split(['.', '/']).all(|seg| {
            let b = seg.as_bytes();
            !b.is_empty()
                && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_')
                && b.first().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && b.last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The namespace a sysctl belongs to (`pkg/util/sysctl` `GetNamespace`):
/// slashes read as dots.
fn namespace(name: &str) -> Option<&'static str> {
    let dotted = name.replace('/', ".");
    if dotted.starts_with("net.") {
        Some("net")
    } else if dotted == "kernel.sem"
        || dotted.starts_with("kernel.shm")
        || dotted.starts_with("kernel.msg")
        || dotted.starts_with("fs.mqueue.")
    {
        Some("ipc")
    } else {
        None
    }
}

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    let Some(sc) = tree::map_at(spec, "securityContext") else { return };
    let host_network = tree::bool_at(spec, "hostNetwork") == Some(true);
    let host_ipc = tree::bool_at(spec, "hostIPC") == Some(true);
    let mut seen = std::collections::HashSet::new();
    for (i, s) in tree::seq_at(sc, "sysctls").iter().enumerate() {
        let p = format!("{}.securityContext.sysctls[{i}].name", ctx.path);
        let name = tree::str_at(s, "name").unwrap_or("");
        if name.is_empty() {
            r.emit(&RULE, &p, fe::required(&p, ""), At::Key);
        } else if !is_valid_sysctl_name(name) {
            let detail = format!("must have at most 253 characters and match regex {REGEX}");
            r.emit(&RULE, &p, fe::invalid(&p, Val::Str(name), &detail), At::Value);
        } else if seen.contains(name) {
            r.emit(&RULE, &p, fe::duplicate(&p, Val::Str(name)), At::Value);
        }
        match namespace(name) {
            Some("net") if host_network => r.emit(
                &RULE,
                &p,
                fe::invalid(&p, Val::Str(name), "may not be specified when 'hostNetwork' is true"),
                At::Value,
            ),
            Some("ipc") if host_ipc => r.emit(
                &RULE,
                &p,
                fe::invalid(&p, Val::Str(name), "may not be specified when 'hostIPC' is true"),
                At::Value,
            ),
            _ => {}
        }
        seen.insert(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sysctl_names() {
        for (name, ok) in [
            ("net.ipv4.ip_local_port_range", true),
            ("net/ipv4/conf/eth0.100/forwarding", true),
            ("kernel.shm_rmid_forced", true),
            ("Net.ipv4", false),
            ("net..ipv4", false),
            ("net.ipv4.", false),
            ("-net", false),
            ("", false),
        ] {
            assert_eq!(is_valid_sysctl_name(name), ok, "{name}");
        }
        assert_eq!(namespace("net/ipv4/ip_forward"), Some("net"));
        assert_eq!(namespace("kernel.sem"), Some("ipc"));
        assert_eq!(namespace("kernel.semx"), None);
    }
}
