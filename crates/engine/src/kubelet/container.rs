//! One container's state machine: each due step (pull, create, start, exit,
//! crash-loop back-off) moves it on (`pkg/kubelet/kuberuntime/kuberuntime_manager.go`).

use super::duration::go_duration;
use super::hooks::{hold_hook_error, release_hook_error, run_handler, should_restart, HookRun};
use super::probe::{probe_rt, ProbeKind};
use super::pull::{begin, finish_pull, start_pull};
use super::termination::kill;
use super::{container_id, ContainerState, Ctr, Ctx, KubeletPod, PodIdent, Stage, Terminated};
use crate::model::Container;
use crate::time::SimTime;

impl KubeletPod {
    /// A container's process ended (reported by the runtime).
    pub fn on_exit(&mut self, container: &str, exit_code: i32, oom_killed: bool, at: SimTime) {
        self.on_exit_with_message(container, exit_code, oom_killed, at, None);
    }

    /// [`Self::on_exit`] with the termination message the runtime read
    /// (the message file, or the log's end under `FallbackToLogsOnError`).
    pub fn on_exit_with_message(
        &mut self,
        container: &str,
        exit_code: i32,
        oom_killed: bool,
        at: SimTime,
        message: Option<String>,
    ) {
        let terminating = self.term.is_some();
        let Some(c) = self.init.iter_mut().chain(self.main.iter_mut()).find(|c| c.status.name == container) else {
            return;
        };
        let restart_after = match c.stage {
            Stage::Running | Stage::PostStart { .. } => !terminating,
            Stage::Stopping { restart, .. } | Stage::PreStop { restart, .. } => restart && !terminating,
            _ => return,
        };
        let reason = if oom_killed {
            "OOMKilled"
        } else if exit_code == 0 {
            "Completed"
        } else {
            "Error"
        };
        c.status.state = ContainerState::Terminated(Terminated {
            exit_code,
            reason: reason.to_string(),
            message,
            started_at: c.started_at,
            finished_at: at,
        });
        c.status.ready = false;
        if c.status.started.is_some() {
            c.status.started = Some(false);
        }
        c.stage = if restart_after { Stage::Exited } else { Stage::Done };
        hold_hook_error(c, at);
    }
}

/// Moves one container on by one step when its current step is due.
pub(super) fn drive(c: &mut Ctr, cs: &Container, policy: &str, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
    let now = ctx.now;
    let image = cs.image.clone().unwrap_or_default();
    match c.stage {
        Stage::Idle => {
            begin(c, cs, ctx);
            true
        }
        Stage::Blocked if ctx.images.contains(&image) => {
            begin(c, cs, ctx);
            true
        }
        Stage::Pulling { until } if until <= now => {
            finish_pull(c, cs, ctx);
            true
        }
        Stage::PullFailed { until } if until <= now => {
            let msg = format!("Back-off pulling image \"{image}\"");
            c.status.state = ContainerState::Waiting { reason: "ImagePullBackOff".into(), message: Some(msg.clone()) };
            ctx.normal(c, "BackOff", msg);
            ctx.warning(c, "Failed", "Error: ImagePullBackOff".into());
            c.stage = Stage::PullBackOff { until: c.pull_retry_at.max(now) };
            true
        }
        Stage::PullBackOff { until } if until <= now => {
            start_pull(c, &image, ctx);
            true
        }
        Stage::Creating { until } if until <= now => {
            create_and_start(c, cs, id, ctx);
            true
        }
        Stage::PostStart { until } if until <= now => {
            mark_running(c, cs, ctx);
            true
        }
        Stage::HookFailed { until } if until <= now => {
            release_hook_error(c);
            true
        }
        Stage::Exited => {
            let Some(t) = c.status.state.terminated().cloned() else {
                c.stage = Stage::Done;
                return true;
            };
            if !should_restart(cs, policy, &t) {
                c.stage = Stage::Done;
                return true;
            }
            let (initial, max) = (ctx.timings.crash_backoff_initial_ms, ctx.timings.crash_backoff_max_ms);
            match c.backoff.in_backoff(t.finished_at, now, max) {
                Some(until) => {
                    // Upstream prints the back-off as a Go time.Duration ("40s",
                    // "2m40s", "5m0s"): pkg/kubelet/kuberuntime/kuberuntime_manager.go.
                    let period = go_duration(c.backoff.period_ms);
                    let who = format!("{}_{}({})", id.name, id.namespace, id.uid);
                    c.status.state = ContainerState::Waiting {
                        reason: "CrashLoopBackOff".into(),
                        message: Some(format!(
                            "back-off {period} restarting failed container={} pod={who}",
                            c.status.name
                        )),
                    };
                    c.status.last_state = Some(t);
                    ctx.warning(
                        c,
                        "BackOff",
                        format!("Back-off restarting failed container {} in pod {who}", c.status.name),
                    );
                    c.stage = Stage::CrashBackOff { until };
                }
                None => {
                    c.backoff.next(t.finished_at, now, initial, max);
                    c.pending_last = Some(t);
                    begin(c, cs, ctx);
                }
            }
            true
        }
        Stage::CrashBackOff { until } if until <= now => {
            let (initial, max) = (ctx.timings.crash_backoff_initial_ms, ctx.timings.crash_backoff_max_ms);
            let finished = c.status.last_state.as_ref().map_or(now, |t| t.finished_at);
            c.backoff.next(finished, now, initial, max);
            c.pending_last = c.status.last_state.clone();
            begin(c, cs, ctx);
            true
        }
        _ => false,
    }
}

fn create_and_start(c: &mut Ctr, cs: &Container, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) {
    let now = ctx.now;
    ctx.normal(c, "Created", format!("Created container: {}", cs.name));
    if c.runs > 0 {
        c.status.restart_count = c.status.restart_count.saturating_add(1);
    }
    c.runs = c.runs.saturating_add(1);
    match ctx.runtime.start(&container_id(id.uid, &cs.name), cs, now) {
        Err(e) => {
            ctx.warning(c, "Failed", format!("Error: {}", e.message));
            c.status.state = ContainerState::Waiting { reason: e.reason.clone(), message: Some(e.message) };
            let (initial, max) = (ctx.timings.crash_backoff_initial_ms, ctx.timings.crash_backoff_max_ms);
            c.backoff.next(now, now, initial, max);
            c.stage = Stage::CrashBackOff { until: now.plus_ms(c.backoff.period_ms) };
        }
        Ok(()) => {
            ctx.normal(c, "Started", format!("Started container {}", cs.name));
            c.started_at = now;
            if post_start(c, cs, id, ctx) {
                mark_running(c, cs, ctx);
            }
        }
    }
}

/// The container is started and its postStart hook (if any) has finished:
/// its status says Running from when it started, and its probes begin.
fn mark_running(c: &mut Ctr, cs: &Container, ctx: &mut Ctx<'_>) {
    let now = ctx.now;
    if let Some(last) = c.pending_last.take() {
        c.status.last_state = Some(last);
    }
    c.status.state = ContainerState::Running { started_at: c.started_at };
    c.stage = Stage::Running;
    c.probes.clear();
    let kinds = [
        (ProbeKind::Startup, &cs.startup_probe),
        (ProbeKind::Liveness, &cs.liveness_probe),
        (ProbeKind::Readiness, &cs.readiness_probe),
    ];
    for (kind, p) in kinds {
        if let Some(mut rt) = p.as_ref().and_then(|p| probe_rt(kind, p, cs)) {
            let ticks = rt.initial_ms.div_ceil(rt.period_ms);
            rt.next_at = Some(now.plus_ms(ticks.saturating_mul(rt.period_ms)));
            c.probes.push(rt);
        }
    }
    let has_startup = c.probes.iter().any(|p| p.kind == ProbeKind::Startup);
    let has_readiness = c.probes.iter().any(|p| p.kind == ProbeKind::Readiness);
    if c.status.started.is_some() {
        c.status.started = Some(!has_startup);
    }
    // Regular init containers never report ready while running.
    c.status.ready = !has_startup && !has_readiness && (!c.is_init || c.sidecar);
}

/// Step 4 of `startContainer`: the postStart hook. The container is not
/// Running in its status until the hook finishes; a failed hook records
/// `FailedPostStartHook` and kills the container, which then restarts as
/// its restart policy says. Returns true when the container may be marked
/// running now.
fn post_start(c: &mut Ctr, cs: &Container, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
    let Some(h) = cs.lifecycle.as_ref().and_then(|l| l.post_start.as_ref()) else { return true };
    match run_handler(h, cs, id, ctx) {
        HookRun::Done => true,
        HookRun::Sleep(ms) => {
            c.stage = Stage::PostStart { until: ctx.now.plus_ms(ms) };
            false
        }
        HookRun::Failed(msg) => {
            post_start_failed(c, cs, msg, id, ctx);
            false
        }
    }
}

/// The hook failed: event, then `killContainer` with the pod's grace period
/// (`setTerminationGracePeriod`); the preStop hook runs as for any kill.
fn post_start_failed(c: &mut Ctr, cs: &Container, msg: String, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) {
    // Upstream keeps the handler's output out of the event (it may hold secrets).
    ctx.warning(c, "FailedPostStartHook", "PostStartHook failed".into());
    c.hook_error = Some(msg);
    c.stage = Stage::Running;
    let grace_ms = u64::try_from(id.grace_seconds.max(0)).unwrap_or(0).saturating_mul(1000);
    let sigkill_at = ctx.now.plus_ms(grace_ms);
    kill(c, Some(cs), "FailedPostStartHook".into(), sigkill_at, true, id, ctx);
}
