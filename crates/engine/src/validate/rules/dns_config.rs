//! `invalid-dns-config`: a `dnsConfig` with too many or malformed
//! nameservers or search domains, an option without a name, or
//! `dnsPolicy: None` without nameservers.
//!
//! ## What it does
//! Follows `validatePodDNSConfig` in validation.go: with `dnsPolicy: None`
//! the pod must give `dnsConfig.nameservers`; at most 3 nameservers, each an
//! IP address; at most 32 search domains of at most 2048 characters in all,
//! each a DNS subdomain that may contain `_` (a trailing `.` is allowed, and
//! `.` alone); every option has a name.
//!
//! ## Why is this bad
//! The apiserver rejects the pod. The container's `/etc/resolv.conf` is
//! built from these values, and glibc reads at most three nameservers.
//!
//! ## Example
//! ```yaml
//! dnsPolicy: None
//! dnsConfig:
//!   searches: [svc.cluster.local]
//! ```
//!
//! ## Use instead
//! ```yaml
//! dnsPolicy: None
//! dnsConfig:
//!   nameservers: [10.96.0.10]
//!   searches: [svc.cluster.local]
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::validate::format::{self as fe, tree, Val};

pub static RULE: Rule = Rule {
    code: "invalid-dns-config",
    severity: Severity::Error,
    ko: "`dnsPolicy: None`이면 `dnsConfig.nameservers`가 꼭 있어야 합니다. 네임서버는 IP 주소로 3개까지, search 도메인은 32개(모두 합쳐 2048자)까지 쓸 수 있고, options 항목에는 name이 있어야 합니다.",
    en: "With `dnsPolicy: None`, `dnsConfig.nameservers` is required. Give at most 3 nameservers as IP addresses and at most 32 search domains (2048 characters in all); every option needs a name.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    let base = format!("{}.dnsConfig", ctx.path);
    let config = tree::map_at(spec, "dnsConfig");
    if tree::str_at(spec, "dnsPolicy") == Some("None") {
        let Some(config) = config else {
            r.emit(&RULE, &base, fe::required(&base, "must provide `dnsConfig` when `dnsPolicy` is None"), At::Key);
            return;
        };
        if tree::seq_at(config, "nameservers").is_empty() {
            let p = format!("{base}.nameservers");
            r.emit(
                &RULE,
                &p,
                fe::required(&p, "must provide at least one DNS nameserver when `dnsPolicy` is None"),
                At::Key,
            );
            return;
        }
    }
    let Some(config) = config else { return };
    let nameservers = tree::seq_at(config, "nameservers");
    if nameservers.len() > 3 {
        let p = format!("{base}.nameservers");
        let shown = config.get("nameservers").map(fe::json).unwrap_or_default();
        r.emit(&RULE, &p, fe::invalid(&p, Val::Raw(&shown), "must not have more than 3 nameservers"), At::Key);
    }
    for (i, ns) in nameservers.iter().enumerate() {
        let text = ns.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
        let p = format!("{base}.nameservers[{i}]");
        for e in fe::ip_address(text) {
            r.emit(&RULE, &p, fe::invalid(&p, Val::Str(text), &e), At::Value);
        }
    }
    let searches = tree::seq_at(config, "searches");
    let texts: Vec<&str> = searches.iter().map(|s| s.as_scalar().map(|s| s.text.as_str()).unwrap_or("")).collect();
    let shown = config.get("searches").map(fe::json).unwrap_or_default();
    let sp = format!("{base}.searches");
    if searches.len() > 32 {
        r.emit(&RULE, &sp, fe::invalid(&sp, Val::Raw(&shown), "must not have more than 32 search paths"), At::Key);
    }
    let joined = texts.iter().map(|t| t.len()).sum::<usize>() + texts.len().saturating_sub(1);
    if joined > 2048 {
        r.emit(
            &RULE,
            &sp,
            fe::invalid(
                &sp,
                Val::Raw(&shown),
                "must not have more than 2048 characters (including spaces) in the search list",
            ),
            At::Key,
        );
    }
    for (i, search) in texts.iter().enumerate() {
        // RelaxedDNSSearchValidation (on by default in 1.35): a lone "." is
        // allowed, a trailing dot is ignored, and labels may hold `_`.
        if *search == "." {
            continue;
        }
        let trimmed = search.strip_suffix('.').unwrap_or(search);
        let p = format!("{sp}[{i}]");
        for e in names::dns1123_subdomain_with_underscore(trimmed) {
            r.emit(&RULE, &p, fe::invalid(&p, Val::Str(trimmed), &e), At::Value);
        }
    }
    for (i, option) in tree::seq_at(config, "options").iter().enumerate() {
        if tree::str_at(option, "name").unwrap_or("").is_empty() {
            let p = format!("{base}.options[{i}]");
            r.emit(&RULE, &p, fe::required(&p, "must not be empty"), At::Key);
        }
    }
}
