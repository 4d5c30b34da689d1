//! One pod's sync: the sandbox, init containers in order, sidecars, main
//! containers, and the pod's phase and conditions afterwards
//! (`computePodActions` in `pkg/kubelet/kuberuntime/kuberuntime_manager.go`).

use super::container::drive;
use super::{status, ContainerStatus, Ctr, Ctx, KubeletPod, Phase, PodIdent, Stage, Timings, MAX_STEPS_PER_SYNC};
use crate::model::{ObjectMeta, Pod, PodSpec};
use crate::rng::Rng;
use crate::runtime::SandboxSpec;
use crate::time::SimTime;

impl KubeletPod {
    /// A pod the kubelet has just seen: the sandbox is due after the sandbox delay.
    pub fn new(spec: &PodSpec, now: SimTime, timings: &Timings, rng: &mut Rng) -> KubeletPod {
        let has_init = !spec.init_containers.is_empty();
        let init =
            spec.init_containers.iter().enumerate().map(|(i, c)| Ctr::new(i, c, true, "PodInitializing")).collect();
        let main = spec
            .containers
            .iter()
            .enumerate()
            .map(|(i, c)| Ctr::new(i, c, false, if has_init { "PodInitializing" } else { "ContainerCreating" }))
            .collect();
        KubeletPod {
            sandbox_due: Some(now.plus_ms(timings.sandbox.draw(rng))),
            sandbox_ready: false,
            sandbox_removed: false,
            init,
            main,
            term: None,
            terminal: false,
            gone: false,
            initialized: !spec.init_containers.iter().any(|_| true),
            conditions: Vec::new(),
            phase: Phase::Pending,
            start_time: now,
            ready: false,
            resize: super::resize::ResizeState::new(spec),
            volume_pulls: Default::default(),
            rejected: false,
        }
    }

    /// A pod the kubelet refused at admission (`rejectPod` in
    /// `pkg/kubelet/kubelet.go`): Failed at once, with no sandbox, no
    /// container status and no condition of the kubelet's.
    pub fn rejected(spec: &PodSpec, now: SimTime) -> KubeletPod {
        KubeletPod {
            sandbox_due: None,
            sandbox_ready: false,
            sandbox_removed: true,
            init: Vec::new(),
            main: Vec::new(),
            term: None,
            terminal: true,
            gone: false,
            initialized: false,
            conditions: Vec::new(),
            phase: Phase::Failed,
            start_time: now,
            ready: false,
            resize: super::resize::ResizeState::new(spec),
            volume_pulls: Default::default(),
            rejected: true,
        }
    }

    pub fn init_statuses(&self) -> Vec<ContainerStatus> {
        self.init.iter().map(|c| c.status.clone()).collect()
    }

    pub fn main_statuses(&self) -> Vec<ContainerStatus> {
        self.main.iter().map(|c| c.status.clone()).collect()
    }

    /// Moves the pod on as far as `ctx.now` allows and returns the next time
    /// something is due.
    pub fn sync(&mut self, spec: &PodSpec, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> Option<SimTime> {
        for _ in 0..MAX_STEPS_PER_SYNC {
            if !self.step(spec, id, ctx) {
                break;
            }
        }
        self.update_status(spec, id, ctx.now);
        self.next_due()
    }

    /// The earliest time anything of this pod is due.
    pub fn next_due(&self) -> Option<SimTime> {
        if self.sandbox_removed {
            return None;
        }
        let mut due = self.sandbox_due;
        let mut take = |t: Option<SimTime>| {
            if let Some(t) = t {
                due = Some(due.map_or(t, |d| d.min(t)));
            }
        };
        for c in self.init.iter().chain(&self.main) {
            take(c.due());
        }
        // Once the shutdown has begun, each stopping container carries its
        // own SIGKILL time, which may pass the deadline by the 2 s minimum.
        if let Some(t) = self.term.filter(|t| !t.started) {
            take(Some(t.deadline));
        }
        take(self.resize.due());
        if self.term.is_none() {
            take(self.volume_pulls.due());
        }
        due
    }

    fn step(&mut self, spec: &PodSpec, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
        let now = ctx.now;
        if let Some(due) = self.sandbox_due {
            if due > now {
                return false;
            }
            self.sandbox_due = None;
            self.sandbox_ready = true;
            let pod = Pod {
                api_version: "v1".into(),
                kind: "Pod".into(),
                metadata: ObjectMeta {
                    name: id.name.to_string(),
                    namespace: id.namespace.to_string(),
                    uid: id.uid.to_string(),
                    ..ObjectMeta::default()
                },
                spec: spec.clone(),
                status: None,
            };
            ctx.runtime.create_sandbox(
                &SandboxSpec { pod: &pod, pod_uid: id.uid, pod_ip: id.pod_ip, node_name: id.node },
                now,
            );
            return true;
        }
        if self.sandbox_removed {
            return false;
        }
        let mut changed = self.enforce_kills(id, ctx);
        if self.term.is_some() {
            return self.step_termination(spec, id, ctx) || changed;
        }
        changed |= self.run_probes(spec, id, ctx);
        changed |= self.actuate_resize(spec, id, ctx);
        // Image volumes first: no container starts before they are there.
        let mut ctrs: Vec<&mut Ctr> = self.init.iter_mut().chain(self.main.iter_mut()).collect();
        let (pulled, volumes_ready) = self.volume_pulls.step(spec, &mut ctrs, ctx);
        if !volumes_ready {
            return changed || pulled;
        }
        changed |= pulled;
        let policy = spec.restart_policy.as_deref().unwrap_or("Always");
        let init_policy = if policy == "Never" { "Never" } else { "OnFailure" };
        let mut blocked = false;
        for c in self.init.iter_mut() {
            let Some(cs) = spec.init_containers.get(c.idx) else {
                continue;
            };
            if c.sidecar {
                changed |= drive(c, cs, "Always", id, ctx);
                if !c.is_started() && !self.initialized {
                    blocked = true;
                    break;
                }
            } else {
                if c.succeeded() || self.initialized {
                    continue;
                }
                changed |= drive(c, cs, init_policy, id, ctx);
                if !c.succeeded() {
                    blocked = true;
                    break;
                }
            }
        }
        if !blocked && !self.initialized {
            self.initialized = true;
            changed = true;
        }
        if self.initialized {
            // Containers start one after another, in spec order: SyncPod's
            // loop over ContainersToStart calls startContainer, which pulls
            // the image, creates and starts the container and runs its
            // postStart hook before the next one begins; a failed pull ends
            // that container's turn (pkg/kubelet/kuberuntime/kuberuntime_manager.go,
            // kuberuntime_container.go). So an earlier container in any of
            // those steps holds back the first start of the ones after it.
            let mut earlier_starting = false;
            for c in self.main.iter_mut() {
                let Some(cs) = spec.containers.get(c.idx) else {
                    continue;
                };
                if earlier_starting && c.stage == Stage::Idle {
                    continue;
                }
                changed |= drive(c, cs, policy, id, ctx);
                earlier_starting |=
                    matches!(c.stage, Stage::Pulling { .. } | Stage::Creating { .. } | Stage::PostStart { .. });
            }
        }
        let init_failed = policy == "Never" && self.init.iter().any(|c| !c.sidecar && c.failed_done());
        let all_main_done = policy != "Always" && self.initialized && self.main.iter().all(|c| c.stage == Stage::Done);
        if !self.terminal && (init_failed || all_main_done) {
            self.terminal = true;
            self.start_termination(id.grace_seconds, false, now);
            changed = true;
        }
        changed
    }

    fn update_status(&mut self, spec: &PodSpec, id: &PodIdent<'_>, now: SimTime) {
        let init = self.init_statuses();
        let main = self.main_statuses();
        self.phase = status::get_phase(spec, &init, &main, self.terminal, self.initialized, id.is_static);
        let names = |it: &mut dyn Iterator<Item = &Ctr>| -> String {
            let v: Vec<&str> = it.map(|c| c.status.name.as_str()).collect();
            format!("containers with unready status: [{}]", v.join(" "))
        };
        status::set_condition(
            &mut self.conditions,
            "PodReadyToStartContainers",
            self.sandbox_ready && !self.sandbox_removed,
            None,
            None,
            now,
        );
        if self.initialized {
            status::set_condition(&mut self.conditions, "Initialized", true, None, None, now);
        } else {
            let pending: Vec<&str> = self
                .init
                .iter()
                .filter(|c| if c.sidecar { !c.is_started() } else { !c.succeeded() })
                .map(|c| c.status.name.as_str())
                .collect();
            let msg = format!("containers with incomplete status: [{}]", pending.join(" "));
            status::set_condition(
                &mut self.conditions,
                "Initialized",
                false,
                Some("ContainersNotInitialized"),
                Some(msg),
                now,
            );
        }
        let (ready, reason, msg) = if self.phase.is_terminal() {
            (false, Some("PodCompleted"), None)
        } else {
            let mut unready =
                self.init.iter().filter(|c| c.sidecar).chain(&self.main).filter(|c| !c.status.ready).peekable();
            if unready.peek().is_none() {
                (true, None, None)
            } else {
                (false, Some("ContainersNotReady"), Some(names(&mut unready)))
            }
        };
        self.ready = ready;
        status::set_condition(&mut self.conditions, "Ready", ready, reason, msg.clone(), now);
        status::set_condition(&mut self.conditions, "ContainersReady", ready, reason, msg, now);
        self.resize_status(now);
    }

    /// True when the `Ready` condition is True.
    pub fn ready(&self) -> bool {
        self.ready
    }
}
