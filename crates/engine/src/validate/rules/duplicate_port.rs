//! `duplicate-port-definition`: the same containerPort and protocol listed
//! twice in a pod (upstream warning).
//!
//! ## What it does
//! Warns when two port entries of the pod's containers have the same
//! `containerPort`/`protocol` (and the same host binding), as
//! `pkg/api/pod/warnings.go` does.
//!
//! ## Why is this bad
//! Containers of a pod share one network namespace: two of them cannot
//! listen on the same port. The second one will fail to bind.
//!
//! ## Example
//! ```yaml
//! containers:
//! - {name: a, image: nginx:1.27, ports: [{containerPort: 80}]}
//! - {name: b, image: httpd:2.4, ports: [{containerPort: 80}]}
//! ```
//!
//! ## Use instead
//! ```yaml
//! - {name: b, image: httpd:2.4, ports: [{containerPort: 8080}]}
//! ```

use std::collections::HashMap;

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;

pub static RULE: Rule = Rule {
    code: "duplicate-port-definition",
    severity: Severity::Warning,
    ko: "파드의 컨테이너들은 네트워크 네임스페이스를 공유하므로 같은 포트를 두 컨테이너가 열 수 없습니다. 둘째 컨테이너는 포트 바인딩에 실패합니다. 다른 포트를 쓰세요.",
    en: "Containers of a pod share one network namespace, so two of them cannot listen on the same port; the second will fail to bind. Use another port.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    let mut seen: HashMap<String, Vec<(String, i32, String)>> = HashMap::new();
    for (path, c, _) in ctx.containers() {
        for (i, port) in c.ports.iter().enumerate() {
            let here = format!("{path}.ports[{i}]");
            let key = format!("{}/{}", port.container_port, port.protocol.as_deref().unwrap_or("TCP"));
            let host_port = port.host_port.unwrap_or(0);
            let host_ip = port.host_ip.clone().unwrap_or_default();
            let others = seen.entry(key).or_default();
            for (other, other_hp, other_ip) in others.iter() {
                let msg = if host_ip == *other_ip && host_port == *other_hp {
                    format!("{here}: duplicate port definition with {other}")
                } else if host_port == 0 || *other_hp == 0 {
                    format!("{here}: overlapping port definition with {other}")
                } else {
                    continue;
                };
                r.emit(&RULE, &format!("{here}.containerPort"), msg, At::Value);
            }
            if others.len() < 64 {
                others.push((here, host_port, host_ip));
            }
        }
    }
}
