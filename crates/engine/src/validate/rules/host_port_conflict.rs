//! `host-port-conflict`: two containers of a pod claim the same host port.
//!
//! ## What it does
//! Checks that each `hostPort`/`protocol`/`hostIP` triple is used once in
//! the pod (`AccumulateUniqueHostPorts` in validation.go).
//!
//! ## Why is this bad
//! A node port can be bound once; the apiserver rejects the pod.
//!
//! ## Example
//! ```yaml
//! containers:
//! - {name: a, image: nginx:1.27, ports: [{containerPort: 80, hostPort: 8080}]}
//! - {name: b, image: nginx:1.27, ports: [{containerPort: 81, hostPort: 8080}]}
//! ```
//!
//! ## Use instead
//! ```yaml
//! - {name: b, image: nginx:1.27, ports: [{containerPort: 81, hostPort: 8081}]}
//! ```

use std::collections::HashSet;

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "host-port-conflict",
    severity: Severity::Error,
    ko: "같은 호스트 포트(hostPort)와 프로토콜을 두 번 쓸 수 없습니다. 노드의 포트는 한 번만 열 수 있습니다. 다른 hostPort를 고르세요.",
    en: "The same hostPort and protocol may be used only once: a node port can be bound once. Pick another hostPort.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let mut seen = HashSet::new();
    for (path, c, _) in ctx.containers() {
        for (i, port) in c.ports.iter().enumerate() {
            let Some(hp) = port.host_port.filter(|h| *h != 0) else { continue };
            let proto = port.protocol.as_deref().unwrap_or("TCP");
            let key = format!("{}/{}/{}", port.host_ip.as_deref().unwrap_or(""), proto, hp);
            if !seen.insert(key.clone()) {
                let p = format!("{path}.ports[{i}].hostPort");
                let shown = format!("{hp}/{proto}");
                r.emit(&RULE, &p, fe::duplicate(&p, Val::Str(&shown)), At::Value);
            }
        }
    }
}
