//! [`ContainerRuntime`] for [`PodRuntime`]: the calls the kubelet makes,
//! each handed to the file that owns its concern.

use super::{PodRuntime, INSTANTS_PER_ADVANCE_MAX};
use crate::model::Container;
use crate::runtime::{
    ContainerId, ContainerRuntime, ExecSyncResult, ProbeAction, ProbeResult, RuntimeEvent, SandboxSpec, Signal,
    StartError,
};
use crate::time::SimTime;

impl ContainerRuntime for PodRuntime {
    fn create_sandbox(&mut self, spec: &SandboxSpec<'_>, now: SimTime) {
        self.add_sandbox(spec, now);
    }

    fn start(&mut self, id: &ContainerId, container: &Container, now: SimTime) -> Result<(), StartError> {
        self.start_container(id, container, now)
    }

    fn advance(&mut self, now: SimTime) -> Vec<RuntimeEvent> {
        if self.dirty {
            self.dirty = false;
            let t = self.clock.min(now);
            self.run_instant(t, true);
        }
        for _ in 0..INSTANTS_PER_ADVANCE_MAX {
            match self.earliest() {
                Some(t) if t <= now => {
                    let t = t.max(self.clock);
                    self.clock = t;
                    self.run_instant(t, false);
                }
                _ => break,
            }
        }
        if now > self.clock {
            self.clock = now;
        }
        self.event_bytes = 0;
        std::mem::take(&mut self.events)
    }

    fn next_wakeup(&self) -> Option<SimTime> {
        if self.dirty {
            return Some(self.clock);
        }
        self.earliest()
    }

    fn probe(&mut self, id: &ContainerId, action: &ProbeAction, now: SimTime) -> ProbeResult {
        self.run_probe(id, action, now)
    }

    fn signal(&mut self, id: &ContainerId, signal: Signal, now: SimTime) {
        self.send_signal(id, signal, now);
    }

    fn pull_image(&mut self, image: &str, _now: SimTime) -> Result<(), StartError> {
        self.pull(image)
    }

    fn remove_sandbox(&mut self, pod_uid: &str, _now: SimTime) {
        self.drop_sandbox(pod_uid);
        self.exited_logs.retain(|(uid, _), _| uid != pod_uid);
    }

    fn stop_sandbox(&mut self, pod_uid: &str, _now: SimTime) {
        self.keep_exited_logs(pod_uid);
        self.drop_sandbox(pod_uid);
    }

    fn start_ephemeral(
        &mut self,
        id: &ContainerId,
        container: &Container,
        target: Option<&str>,
        stdin: bool,
        now: SimTime,
    ) -> Result<(), StartError> {
        self.start_container_in(id, container, now, target, stdin)
    }

    fn update_resources(&mut self, id: &ContainerId, resources: &crate::model::ResourceRequirements, now: SimTime) {
        self.set_limits(id, resources, now);
    }

    fn memory_usage(&self, id: &ContainerId) -> Option<u64> {
        self.memory_bytes(id)
    }

    fn update_pod_resources(
        &mut self,
        pod_uid: &str,
        resources: Option<&crate::model::ResourceRequirements>,
        _now: SimTime,
    ) {
        self.set_pod_limits(pod_uid, resources);
    }

    fn exec_sync(&mut self, id: &ContainerId, command: &[String], now: SimTime) -> ExecSyncResult {
        self.hook_exec(id, command, now)
    }

    fn termination_message(&mut self, id: &ContainerId, path: &str, fallback_to_logs: bool) -> Option<String> {
        self.exit_message(id, path, fallback_to_logs)
    }
}
