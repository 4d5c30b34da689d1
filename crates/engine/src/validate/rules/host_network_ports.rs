//! `host-network-port-mismatch`: with `hostNetwork: true`, a `hostPort`
//! that differs from its `containerPort`.
//!
//! ## What it does
//! Checks that, on the host network, every `hostPort` equals its
//! `containerPort` (`validateHostNetwork` in validation.go).
//!
//! ## Why is this bad
//! On the host network the container listens on the node directly; there is
//! no port mapping, so the two numbers must be the same.
//!
//! ## Example
//! ```yaml
//! hostNetwork: true
//! containers:
//! - name: web
//!   image: nginx:1.27
//!   ports: [{containerPort: 80, hostPort: 8080}]
//! ```
//!
//! ## Use instead
//! ```yaml
//!   ports: [{containerPort: 80}]
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "host-network-port-mismatch",
    severity: Severity::Error,
    ko: "`hostNetwork: true`이면 컨테이너가 노드의 네트워크를 그대로 쓰므로 포트 변환이 없습니다. hostPort는 containerPort와 같아야 합니다(생략하면 같게 채워집니다).",
    en: "With `hostNetwork: true` the container uses the node's network directly, with no port mapping: hostPort must equal containerPort (left out, it is filled in).",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    if ctx.spec.host_network != Some(true) {
        return;
    }
    for (path, c, _) in ctx.containers() {
        for (i, port) in c.ports.iter().enumerate() {
            if let Some(hp) = port.host_port.filter(|hp| *hp != 0 && *hp != port.container_port) {
                let p = format!("{path}.ports[{i}].hostPort");
                let msg = fe::invalid(&p, Val::Int(hp.into()), "must match `containerPort` when `hostNetwork` is true");
                r.emit(&RULE, &p, msg, At::Value);
            }
        }
    }
}
