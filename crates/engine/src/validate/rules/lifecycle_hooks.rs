//! `invalid-lifecycle-hook`: a `postStart` or `preStop` hook without exactly
//! one handler, with an empty command, a bad port, or a `sleep` outside
//! 0 … terminationGracePeriodSeconds.
//!
//! ## What it does
//! Checks each lifecycle hook of the regular and sidecar containers:
//! exactly one of `exec`, `httpGet`, `tcpSocket`, `sleep`; a command for
//! `exec`; a valid port for `httpGet` and `tcpSocket`; `sleep.seconds`
//! not negative and not over the pod's grace period (zero is allowed since
//! PodLifecycleSleepActionAllowZero went GA in 1.34). Follows
//! `validateLifecycle`, `validateHandler` and `validateSleepAction` in
//! `pkg/apis/core/validation/validation.go`.
//!
//! ## Why is this bad
//! The kubelet would not know what to run when the container starts or
//! stops; a sleep longer than the grace period would be cut by SIGKILL.
//!
//! ## Example
//! ```yaml
//! terminationGracePeriodSeconds: 30
//! containers:
//! - name: web
//!   image: nginx:1.27
//!   lifecycle:
//!     preStop:
//!       sleep: {seconds: 60}
//! ```
//!
//! ## Use instead
//! ```yaml
//! terminationGracePeriodSeconds: 90
//! containers:
//! - name: web
//!   image: nginx:1.27
//!   lifecycle:
//!     preStop:
//!       sleep: {seconds: 60}
//! ```

use super::{At, ContainerKind, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::model::{IntOrString, LifecycleHandler};
use crate::names;
use crate::text::Text;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-lifecycle-hook",
    severity: Severity::Error,
    ko: "lifecycle 훅(postStart, preStop)에는 `exec`, `httpGet`, `sleep` 중 정확히 하나의 방법이 있어야 합니다. `sleep.seconds`는 0 이상이고 파드의 terminationGracePeriodSeconds(기본 30) 이하여야 합니다.",
    en: "A lifecycle hook (postStart, preStop) needs exactly one handler: `exec`, `httpGet` or `sleep`. `sleep.seconds` must be 0 or more and at most the pod's terminationGracePeriodSeconds (default 30).",
    check: RuleCheck::Pod(check),
};

/// The grace period the API server validates against: the pod's, defaulted to 30.
const DEFAULT_GRACE_SECONDS: i64 = 30;

fn check(ctx: &PodCtx, r: &mut Report) {
    let grace = ctx.spec.termination_grace_period_seconds.unwrap_or(DEFAULT_GRACE_SECONDS);
    for (path, c, kind) in ctx.containers() {
        // Plain init containers may not have hooks at all (`init-container-probe`).
        if kind == ContainerKind::Init && c.restart_policy.as_deref() != Some("Always") {
            continue;
        }
        let Some(l) = &c.lifecycle else { continue };
        for (hook, h) in [("postStart", &l.post_start), ("preStop", &l.pre_stop)] {
            if let Some(h) = h {
                handler(&format!("{path}.lifecycle.{hook}"), h, grace, r);
            }
        }
    }
}

fn handler(path: &str, h: &LifecycleHandler, grace: i64, r: &mut Report) {
    let set = [
        ("exec", h.exec.is_some()),
        ("httpGet", h.http_get.is_some()),
        ("tcpSocket", h.tcp_socket.is_some()),
        ("sleep", h.sleep.is_some()),
    ];
    let mut counted = false;
    for (name, present) in set {
        if !present {
            continue;
        }
        if counted {
            let p = format!("{path}.{name}");
            r.emit(&RULE, &p, fe::forbidden(&p, "may not specify more than 1 handler type"), At::Key);
            continue;
        }
        counted = true;
        match name {
            "exec" if h.exec.as_ref().is_some_and(|e| e.command.is_empty()) => {
                let p = format!("{path}.exec.command");
                let at = format!("{path}.exec");
                r.emit(&RULE, &at, fe::required(&p, ""), At::Key);
            }
            "httpGet" | "tcpSocket" => {
                let port = if name == "httpGet" {
                    h.http_get.as_ref().map(|g| &g.port)
                } else {
                    h.tcp_socket.as_ref().map(|t| &t.port)
                };
                if let Some(port) = port {
                    check_port(&format!("{path}.{name}.port"), port, r);
                }
                if let Some(scheme) = h.http_get.as_ref().and_then(|g| g.scheme.as_deref()) {
                    if name == "httpGet" && !matches!(scheme, "HTTP" | "HTTPS") {
                        let p = format!("{path}.httpGet.scheme");
                        r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(scheme), &["HTTP", "HTTPS"]), At::Value);
                    }
                }
            }
            "sleep" => {
                let secs = h.sleep.as_ref().map_or(0, |s| s.seconds);
                if secs < 0 || secs > grace {
                    let p = format!("{path}.sleep");
                    let detail = format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})");
                    let at = format!("{p}.seconds");
                    r.emit_explained(
                        &RULE,
                        &at,
                        fe::invalid(&p, Val::Int(secs), &detail),
                        At::Value,
                        Text::new(
                            format!("sleep 훅은 0초부터 파드의 유예 기간({grace}초)까지만 쓸 수 있습니다. 더 오래 기다려야 한다면 terminationGracePeriodSeconds를 늘리세요."),
                            format!("A sleep hook may last from 0 seconds up to the pod's grace period ({grace} s). To wait longer, raise terminationGracePeriodSeconds."),
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    if !counted {
        r.emit(&RULE, path, fe::required(path, "must specify a handler type"), At::Key);
    }
}

fn check_port(path: &str, port: &IntOrString, r: &mut Report) {
    let (errs, shown) = match port {
        IntOrString::Int(n) => (fe::port_number(*n), Val::Int(*n)),
        IntOrString::String(s) => (names::port_name(s), Val::Str(s)),
    };
    for e in errs {
        r.emit(&RULE, path, fe::invalid(path, shown.clone(), &e), At::Value);
    }
}
