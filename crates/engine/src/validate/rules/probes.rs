//! `invalid-probe`: a probe without exactly one handler, with a negative
//! number, or with `successThreshold` other than 1 where it must be 1.
//!
//! ## What it does
//! Checks each probe: exactly one of `exec`, `httpGet`, `tcpSocket`, `grpc`;
//! a valid port number or IANA port name; non-negative timings;
//! `successThreshold: 1` for liveness and startup probes (`validateProbe`,
//! `validateHandler`, `validateLivenessProbe` in validation.go).
//!
//! ## Why is this bad
//! The kubelet would not know how to probe; the apiserver rejects the pod.
//!
//! ## Example
//! ```yaml
//! livenessProbe:
//!   periodSeconds: 5
//! ```
//!
//! ## Use instead
//! ```yaml
//! livenessProbe:
//!   httpGet: {path: /healthz, port: 8080}
//!   periodSeconds: 5
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::model::{IntOrString, Probe};
use crate::names;
use crate::text::Text;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-probe",
    severity: Severity::Error,
    ko: "프로브에는 `exec`, `httpGet`, `tcpSocket`, `grpc` 중 정확히 하나의 방법이 있어야 합니다. 시간 값은 음수일 수 없고, liveness·startup 프로브의 successThreshold는 1이어야 합니다.",
    en: "A probe needs exactly one handler: `exec`, `httpGet`, `tcpSocket` or `grpc`. Timings may not be negative, and liveness and startup probes need successThreshold 1.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        for (field, probe, must_be_one) in [
            ("livenessProbe", &c.liveness_probe, true),
            ("readinessProbe", &c.readiness_probe, false),
            ("startupProbe", &c.startup_probe, true),
        ] {
            if let Some(p) = probe {
                probe_rules(&format!("{path}.{field}"), p, must_be_one, r);
            }
        }
    }
}

fn probe_rules(path: &str, p: &Probe, success_must_be_one: bool, r: &mut Report) {
    let handlers = [p.exec.is_some(), p.http_get.is_some(), p.tcp_socket.is_some(), p.grpc.is_some()]
        .into_iter()
        .filter(|h| *h)
        .count();
    if handlers == 0 {
        r.emit(&RULE, path, fe::required(path, "must specify a handler type"), At::Key);
    } else if handlers > 1 {
        r.emit(&RULE, path, fe::forbidden(path, "may not specify more than 1 handler type"), At::Key);
    }
    let numbers = [
        ("initialDelaySeconds", p.initial_delay_seconds),
        ("timeoutSeconds", p.timeout_seconds),
        ("periodSeconds", p.period_seconds),
        ("successThreshold", p.success_threshold),
        ("failureThreshold", p.failure_threshold),
    ];
    for (field, v) in numbers {
        if let Some(v) = v.filter(|v| *v < 0) {
            let fp = format!("{path}.{field}");
            r.emit(&RULE, &fp, fe::invalid(&fp, Val::Int(v.into()), "must be greater than or equal to 0"), At::Value);
        }
    }
    let ports =
        [("httpGet", p.http_get.as_ref().map(|h| &h.port)), ("tcpSocket", p.tcp_socket.as_ref().map(|t| &t.port))];
    for (handler, port) in ports {
        let Some(port) = port else { continue };
        let pp = format!("{path}.{handler}.port");
        let errs = match port {
            IntOrString::Int(n) => fe::port_number(*n),
            IntOrString::String(s) => names::port_name(s),
        };
        let shown = match port {
            IntOrString::Int(n) => Val::Int(*n),
            IntOrString::String(s) => Val::Str(s),
        };
        for e in errs {
            r.emit_explained(
                &RULE,
                &pp,
                fe::invalid(&pp, shown.clone(), &e),
                At::Value,
                Text::new(
                    "프로브의 port는 1–65535 사이의 번호이거나, 컨테이너 `ports`에 선언한 이름(15자 이하의 소문자, 숫자, `-`)이어야 합니다.",
                    "A probe's port is a number from 1 to 65535, or the name of a declared container port (15 characters at most of lowercase letters, digits and `-`).",
                ),
            );
        }
    }
    if success_must_be_one {
        if let Some(v) = p.success_threshold.filter(|v| *v != 1) {
            let fp = format!("{path}.successThreshold");
            r.emit(&RULE, &fp, fe::invalid(&fp, Val::Int(v.into()), "must be 1"), At::Value);
        }
    }
}
