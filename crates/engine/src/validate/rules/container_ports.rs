//! `invalid-port`: a container port is out of range, has an unknown
//! protocol, or a bad or repeated name.
//!
//! ## What it does
//! Checks `containerPort` and `hostPort` (1–65535), `protocol` (TCP, UDP,
//! SCTP) and port names (IANA_SVC_NAME: 15 characters at most, lowercase
//! letters, digits, `-`; unique in the container), as
//! `validateContainerPorts` in validation.go.
//!
//! ## Why is this bad
//! Services and probes refer to ports by number or name; the apiserver
//! rejects invalid ones.
//!
//! ## Example
//! ```yaml
//! ports:
//! - containerPort: 80800
//!   name: HTTP_WEB
//!   protocol: HTTP
//! ```
//!
//! ## Use instead
//! ```yaml
//! ports:
//! - containerPort: 8080
//!   name: http-web
//!   protocol: TCP
//! ```

use std::collections::HashSet;

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-port",
    severity: Severity::Error,
    ko: "포트 번호는 1–65535, 프로토콜은 `TCP`, `UDP`, `SCTP` 중 하나입니다(HTTP는 프로토콜이 아닙니다). 포트 이름은 15자 이하의 소문자, 숫자, `-`이고 글자가 하나 이상 있어야 합니다.",
    en: "Port numbers are 1–65535 and the protocol is `TCP`, `UDP` or `SCTP` (HTTP is not a protocol here). Port names are 15 characters at most of lowercase letters, digits and `-`, with at least one letter.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        let mut names = HashSet::new();
        for (i, port) in c.ports.iter().enumerate() {
            let base = format!("{path}.ports[{i}]");
            if let Some(name) = port.name.as_deref().filter(|n| !n.is_empty()) {
                let p = format!("{base}.name");
                for e in names::port_name(name) {
                    r.emit(&RULE, &p, fe::invalid(&p, Val::Str(name), &e), At::Value);
                }
                if !names.insert(name) {
                    r.emit(&RULE, &p, fe::duplicate(&p, Val::Str(name)), At::Value);
                }
            }
            let p = format!("{base}.containerPort");
            if port.container_port == 0 {
                r.emit(&RULE, &p, fe::required(&p, ""), At::Key);
            } else {
                for e in fe::port_number(i64::from(port.container_port)) {
                    r.emit(&RULE, &p, fe::invalid(&p, Val::Int(port.container_port.into()), &e), At::Value);
                }
            }
            if let Some(hp) = port.host_port.filter(|h| *h != 0) {
                let p = format!("{base}.hostPort");
                for e in fe::port_number(i64::from(hp)) {
                    r.emit(&RULE, &p, fe::invalid(&p, Val::Int(hp.into()), &e), At::Value);
                }
            }
            if let Some(proto) = port.protocol.as_deref() {
                if !matches!(proto, "TCP" | "UDP" | "SCTP") {
                    let p = format!("{base}.protocol");
                    r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(proto), &["SCTP", "TCP", "UDP"]), At::Value);
                }
            }
        }
    }
}
