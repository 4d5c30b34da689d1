//! A container's probes as the prober runs them: the kind, the action, the
//! thresholds with upstream defaults, and the counters between ticks
//! (`pkg/kubelet/prober/worker.go`).

use crate::model::{Container, Probe};
use crate::runtime::ProbeAction;
use crate::time::SimTime;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ProbeKind {
    Startup,
    Liveness,
    Readiness,
}

impl ProbeKind {
    pub(super) fn title(self) -> &'static str {
        match self {
            ProbeKind::Startup => "Startup",
            ProbeKind::Liveness => "Liveness",
            ProbeKind::Readiness => "Readiness",
        }
    }

    pub(super) fn lower(self) -> &'static str {
        match self {
            ProbeKind::Startup => "startup",
            ProbeKind::Liveness => "liveness",
            ProbeKind::Readiness => "readiness",
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct ProbeRt {
    pub(super) kind: ProbeKind,
    pub(super) action: ProbeAction,
    pub(super) initial_ms: u64,
    pub(super) period_ms: u64,
    pub(super) success_threshold: u32,
    pub(super) failure_threshold: u32,
    pub(super) termination_grace_s: Option<i64>,
    pub(super) next_at: Option<SimTime>,
    pub(super) successes: u32,
    pub(super) failures: u32,
}

/// Upstream probe defaults: period 10 s, failureThreshold 3, successThreshold 1.
pub(super) fn probe_rt(kind: ProbeKind, p: &Probe, container: &Container) -> Option<ProbeRt> {
    let port = |v: &crate::model::IntOrString| -> u16 {
        match v {
            crate::model::IntOrString::Int(n) => u16::try_from(*n).unwrap_or(0),
            crate::model::IntOrString::String(name) => container
                .ports
                .iter()
                .find(|cp| cp.name.as_deref() == Some(name.as_str()))
                .and_then(|cp| u16::try_from(cp.container_port).ok())
                .unwrap_or(0),
        }
    };
    let action = if let Some(e) = &p.exec {
        ProbeAction::Exec { command: e.command.clone() }
    } else if let Some(h) = &p.http_get {
        ProbeAction::HttpGet {
            port: port(&h.port),
            path: h.path.clone().unwrap_or_else(|| "/".into()),
            host: h.host.clone(),
        }
    } else if let Some(t) = &p.tcp_socket {
        ProbeAction::TcpSocket { port: port(&t.port) }
    } else if let Some(g) = &p.grpc {
        let port = g.get("port").and_then(|v| v.as_u64()).and_then(|v| u16::try_from(v).ok()).unwrap_or(0);
        ProbeAction::Grpc { port }
    } else {
        return None;
    };
    let secs = |v: Option<i32>, d: i32| u64::try_from(v.unwrap_or(d).max(0)).unwrap_or(0).saturating_mul(1000);
    Some(ProbeRt {
        kind,
        action,
        initial_ms: secs(p.initial_delay_seconds, 0),
        period_ms: secs(p.period_seconds, 10).max(1000),
        success_threshold: u32::try_from(p.success_threshold.unwrap_or(1).max(1)).unwrap_or(1),
        failure_threshold: u32::try_from(p.failure_threshold.unwrap_or(3).max(1)).unwrap_or(3),
        termination_grace_s: p.termination_grace_period_seconds,
        next_at: None,
        successes: 0,
        failures: 0,
    })
}
