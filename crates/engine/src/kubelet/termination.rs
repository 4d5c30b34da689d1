//! Stopping containers and pods: preStop, SIGTERM, the grace period, SIGKILL,
//! and the sidecar stop order (`pkg/kubelet/kuberuntime/kuberuntime_container.go`).

use super::hooks::{hold_hook_error, run_handler, HookRun};
use super::{container_id, ContainerState, Ctr, Ctx, KubeletPod, PodIdent, Stage, Terminated, Termination};
use crate::model::{Container, PodSpec};
use crate::runtime::Signal;
use crate::time::SimTime;

/// `minimumGracePeriodInSeconds`: the least time SIGTERM gets before
/// SIGKILL, even when the preStop hook used up the grace period.
const MINIMUM_GRACE_MS: u64 = 2000;

impl KubeletPod {
    /// Begins a graceful shutdown (deletion, eviction). Idempotent: a second
    /// call can only shorten the deadline, as upstream.
    pub fn start_termination(&mut self, grace_seconds: i64, delete: bool, now: SimTime) {
        let deadline = now.plus_ms(u64::try_from(grace_seconds.max(0)).unwrap_or(0).saturating_mul(1000));
        match &mut self.term {
            Some(t) => {
                t.delete |= delete;
                if deadline < t.deadline {
                    t.deadline = deadline;
                    for c in self.init.iter_mut().chain(self.main.iter_mut()) {
                        if let Stage::Stopping { sigkill_at, .. } | Stage::PreStop { sigkill_at, .. } = &mut c.stage {
                            *sigkill_at = (*sigkill_at).min(deadline);
                        }
                    }
                }
            }
            None => self.term = Some(Termination { deadline, delete, started: false }),
        }
    }

    /// SIGKILL for containers whose grace period ended; SIGTERM after a preStop sleep.
    pub(super) fn enforce_kills(&mut self, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
        let now = ctx.now;
        let mut changed = false;
        let terminating = self.term.is_some();
        for c in self.init.iter_mut().chain(self.main.iter_mut()) {
            match c.stage {
                Stage::PreStop { until, sigkill_at, restart } if until <= now => {
                    ctx.runtime.signal(&container_id(id.uid, &c.status.name), Signal::Term, now);
                    let sigkill_at = sigkill_at.max(now.plus_ms(MINIMUM_GRACE_MS));
                    c.stage = Stage::Stopping { sigkill_at, restart };
                    changed = true;
                }
                Stage::Stopping { sigkill_at, restart } if sigkill_at <= now => {
                    ctx.runtime.signal(&container_id(id.uid, &c.status.name), Signal::Kill, now);
                    c.status.state = ContainerState::Terminated(Terminated {
                        exit_code: 137,
                        reason: "Error".into(),
                        message: None,
                        started_at: c.started_at,
                        finished_at: now,
                    });
                    c.status.ready = false;
                    if c.status.started.is_some() {
                        c.status.started = Some(false);
                    }
                    c.stage = if restart && !terminating { Stage::Exited } else { Stage::Done };
                    hold_hook_error(c, now);
                    changed = true;
                }
                _ => {}
            }
        }
        changed
    }

    pub(super) fn step_termination(&mut self, spec: &PodSpec, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
        let now = ctx.now;
        let Some(term) = self.term else { return false };
        let mut changed = false;
        if !term.started {
            self.term = Some(Termination { started: true, ..term });
            changed = true;
            for c in self.main.iter_mut().chain(self.init.iter_mut().filter(|c| !c.sidecar)) {
                let cs = if c.is_init { spec.init_containers.get(c.idx) } else { spec.containers.get(c.idx) };
                let msg = format!("Stopping container {}", c.status.name);
                kill(c, cs, msg, term.deadline, false, id, ctx);
            }
        }
        let regular_active = self.main.iter().chain(self.init.iter().filter(|c| !c.sidecar)).any(Ctr::is_active);
        if !regular_active {
            // Sidecars stop after the main containers, in reverse order, one at a time.
            let stopping = self
                .init
                .iter()
                .any(|c| c.sidecar && matches!(c.stage, Stage::Stopping { .. } | Stage::PreStop { .. }));
            if !stopping {
                if let Some(c) = self.init.iter_mut().rev().find(|c| c.sidecar && c.stage == Stage::Running) {
                    let cs = spec.init_containers.get(c.idx);
                    let msg = format!("Stopping container {}", c.status.name);
                    kill(c, cs, msg, term.deadline, false, id, ctx);
                    changed = true;
                }
            }
        }
        for c in self.init.iter_mut().chain(self.main.iter_mut()) {
            if !c.is_active() && c.stage != Stage::Done {
                c.stage = Stage::Done;
                changed = true;
            }
        }
        if self.init.iter().chain(&self.main).all(|c| c.stage == Stage::Done) {
            if term.delete {
                ctx.runtime.remove_sandbox(id.uid, now);
            } else {
                ctx.runtime.stop_sandbox(id.uid, now);
            }
            self.sandbox_removed = true;
            self.terminal = true;
            if term.delete {
                self.gone = true;
            }
            changed = true;
        }
        changed
    }
}

/// Stops a container (`killContainer`): preStop first, within the grace
/// period, then SIGTERM, and SIGKILL at `sigkill_at` (at least 2 s after
/// SIGTERM).
pub(super) fn kill(
    c: &mut Ctr,
    cs: Option<&Container>,
    message: String,
    sigkill_at: SimTime,
    restart: bool,
    id: &PodIdent<'_>,
    ctx: &mut Ctx<'_>,
) {
    let now = ctx.now;
    if !matches!(c.stage, Stage::Running | Stage::PostStart { .. }) {
        if !c.is_active() {
            c.stage = if restart { c.stage } else { Stage::Done };
        }
        return;
    }
    ctx.normal(c, "Killing", message);
    let cid = container_id(id.uid, &c.status.name);
    let pre_stop = cs.and_then(|cs| Some((cs, cs.lifecycle.as_ref()?.pre_stop.as_ref()?)));
    // No preStop without time for it (`gracePeriod > 0`).
    if let Some((cs, h)) = pre_stop.filter(|_| sigkill_at > now) {
        match run_handler(h, cs, id, ctx) {
            HookRun::Sleep(ms) => {
                c.stage = Stage::PreStop { until: now.plus_ms(ms).min(sigkill_at), sigkill_at, restart };
                return;
            }
            // Upstream keeps the handler's output out of the event (it may hold secrets).
            HookRun::Failed(_) => ctx.warning(c, "FailedPreStopHook", "PreStopHook failed".into()),
            HookRun::Done => {}
        }
    }
    ctx.runtime.signal(&cid, Signal::Term, now);
    c.stage = Stage::Stopping { sigkill_at: sigkill_at.max(now.plus_ms(MINIMUM_GRACE_MS)), restart };
}
