//! `invalid-host-alias`: a `hostAliases` entry whose `ip` is not an IP
//! address or whose hostname is not a DNS name.
//!
//! ## What it does
//! Follows `ValidateHostAliases` in validation.go: each `ip` must be an IPv4
//! or IPv6 address and each of its `hostnames` a DNS-1123 subdomain.
//! `hostAliases` together with `hostNetwork: true` is allowed (upstream
//! dropped that restriction; the kubelet then writes the entries into the
//! pod's own `/etc/hosts` copy).
//!
//! ## Why is this bad
//! The apiserver rejects the pod; the kubelet would write a broken line into
//! the container's `/etc/hosts`.
//!
//! ## Example
//! ```yaml
//! hostAliases:
//! - ip: 127.0.0.256
//!   hostnames: [foo_local]
//! ```
//!
//! ## Use instead
//! ```yaml
//! hostAliases:
//! - ip: 127.0.0.1
//!   hostnames: [foo.local]
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::validate::format::{self as fe, tree, Val};

pub static RULE: Rule = Rule {
    code: "invalid-host-alias",
    severity: Severity::Error,
    ko: "hostAliases의 `ip`는 IPv4 또는 IPv6 주소이고, `hostnames`의 각 이름은 소문자·숫자·`-`·`.`로 된 DNS 이름이어야 합니다.",
    en: "A hostAliases `ip` is an IPv4 or IPv6 address, and each of its `hostnames` is a DNS name of lowercase letters, digits, `-` and `.`.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    for (i, alias) in tree::seq_at(spec, "hostAliases").iter().enumerate() {
        let base = format!("{}.hostAliases[{i}]", ctx.path);
        let ip = alias.get("ip").and_then(|n| n.as_scalar()).map(|s| s.text.as_str()).unwrap_or("");
        let p = format!("{base}.ip");
        for e in fe::ip_address(ip) {
            r.emit(&RULE, &p, fe::invalid(&p, Val::Str(ip), &e), At::Value);
        }
        for (j, h) in tree::seq_at(alias, "hostnames").iter().enumerate() {
            let name = h.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
            let p = format!("{base}.hostnames[{j}]");
            for e in names::dns1123_subdomain(name) {
                r.emit(&RULE, &p, fe::invalid(&p, Val::Str(name), &e), At::Value);
            }
        }
    }
}
