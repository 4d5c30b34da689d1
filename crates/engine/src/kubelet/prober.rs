//! The prober: runs due startup, liveness and readiness probes and acts on
//! their thresholds (`pkg/kubelet/prober/worker.go`).

use super::probe::ProbeKind;
use super::termination::kill;
use super::{container_id, Ctx, KubeletPod, PodIdent, Stage};
use crate::model::PodSpec;
use crate::runtime::ProbeResult;

impl KubeletPod {
    pub(super) fn run_probes(&mut self, spec: &PodSpec, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
        let now = ctx.now;
        let mut changed = false;
        for c in self.init.iter_mut().filter(|c| c.sidecar).chain(self.main.iter_mut()) {
            if c.stage != Stage::Running {
                continue;
            }
            let cs = if c.is_init { spec.init_containers.get(c.idx) } else { spec.containers.get(c.idx) };
            let started = c.status.started != Some(false);
            let mut kill_for: Option<(ProbeKind, Option<i64>)> = None;
            let field_path = c.field_path();
            for p in c.probes.iter_mut() {
                let Some(at) = p.next_at else { continue };
                if at > now {
                    continue;
                }
                p.next_at = Some(at.plus_ms(p.period_ms).max(now.plus_ms(1)));
                if p.kind != ProbeKind::Startup && !started {
                    continue;
                }
                if p.kind == ProbeKind::Startup && started {
                    p.next_at = None;
                    continue;
                }
                changed = true;
                match ctx.runtime.probe(&container_id(id.uid, &c.status.name), &p.action, now) {
                    ProbeResult::Success => {
                        p.failures = 0;
                        p.successes = p.successes.saturating_add(1);
                        if p.successes >= p.success_threshold {
                            match p.kind {
                                ProbeKind::Readiness => c.status.ready = true,
                                ProbeKind::Startup => {
                                    c.status.started = Some(true);
                                    p.next_at = None;
                                }
                                ProbeKind::Liveness => {}
                            }
                        }
                    }
                    ProbeResult::Failure { message } => {
                        p.successes = 0;
                        p.failures = p.failures.saturating_add(1);
                        ctx.event(
                            field_path.clone(),
                            true,
                            "Unhealthy",
                            format!("{} probe failed: {message}", p.kind.title()),
                        );
                        if p.failures >= p.failure_threshold {
                            match p.kind {
                                ProbeKind::Readiness => c.status.ready = false,
                                kind => {
                                    kill_for = Some((kind, p.termination_grace_s));
                                    p.failures = 0;
                                }
                            }
                        }
                    }
                }
            }
            // When startup just succeeded, liveness and readiness begin on their next tick.
            if c.status.started == Some(true) && !started {
                if !c.probes.iter().any(|p| p.kind == ProbeKind::Readiness) {
                    c.status.ready = true;
                }
                for p in c.probes.iter_mut().filter(|p| p.kind != ProbeKind::Startup) {
                    p.next_at = Some(now.plus_ms(1));
                }
            }
            if let Some((kind, grace)) = kill_for {
                let msg = format!("Container {} failed {} probe, will be restarted", c.status.name, kind.lower());
                let grace = grace.unwrap_or(id.grace_seconds);
                let deadline = now.plus_ms(u64::try_from(grace.max(0)).unwrap_or(0).saturating_mul(1000));
                kill(c, cs, msg, deadline, true, id, ctx);
            }
        }
        changed
    }
}
