//! The supervisor's probes: startup, liveness and readiness, each on its own
//! period, run from inside the pod through the `__probe` helper. Follows
//! pkg/kubelet/prober/worker.go: readiness waits for the startup probe,
//! starts not ready, needs successThreshold successes to become ready and
//! failureThreshold failures to become not ready again; it never restarts.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

use super::{Status, Supervisor};
use crate::probe::ProbeSpec;

impl Supervisor {
    /// Runs the due probes of every running container (one at a time, each
    /// bounded by its timeout). A startup probe gates `started`;
    /// failureThreshold liveness failures kill the container, which then
    /// restarts per policy; readiness only flips `ready`.
    pub(super) fn run_probes(&mut self) {
        for i in 0..self.slots.len() {
            self.startup_or_liveness(i);
            self.readiness(i);
        }
    }

    /// The probe spec for a probe of container `i`, with its environment.
    fn probe_spec(&self, i: usize, probe: &podplay_engine::model::Probe) -> Option<ProbeSpec> {
        let slot = self.slots.get(i)?;
        let mut spec = crate::probe::spec_of(probe, &slot.c)?;
        spec.env = slot.spec.env.clone();
        spec.working_dir = slot.spec.working_dir.clone();
        spec.cgroup_procs = slot.spec.cgroup_procs.clone();
        Some(spec)
    }

    fn startup_or_liveness(&mut self, i: usize) {
        let Some(slot) = self.slots.get(i) else { return };
        let Status::Running { pid, probes, .. } = &slot.status else { return };
        if probes.next_at > Instant::now() {
            return;
        }
        let (pid, started) = (*pid, probes.started);
        let (which, probe) = match (started, &slot.c.startup_probe, &slot.c.liveness_probe) {
            (false, Some(p), _) => ("Startup", p.clone()),
            (true, _, Some(p)) => ("Liveness", p.clone()),
            _ => return,
        };
        let timing = crate::probe::timing(&probe);
        let Some(spec) = self.probe_spec(i, &probe) else { return };
        let (ok, why) = run_probe(pid, &spec);
        let name = slot.c.name.clone();
        let Some(Status::Running { probes, .. }) = self.slots.get_mut(i).map(|s| &mut s.status) else { return };
        probes.next_at = Instant::now() + Duration::from_millis(timing.period_ms);
        if ok {
            probes.failures = 0;
            if !probes.started {
                probes.started = true;
                self.event(&format!("container {name:?}: Started: startup probe succeeded"));
                self.sync_state(i);
            }
            return;
        }
        probes.failures += 1;
        let failures = probes.failures;
        self.event(&format!("container {name:?}: Unhealthy: {which} probe failed: {why}"));
        if failures >= timing.failure_threshold {
            self.event(&format!(
                "container {name:?}: Killing: Container {name} failed {} probe, will be restarted",
                which.to_lowercase()
            ));
            let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
        }
    }

    fn readiness(&mut self, i: usize) {
        let Some(slot) = self.slots.get(i) else { return };
        let Some(probe) = slot.c.readiness_probe.clone() else { return };
        let Status::Running { pid, probes, .. } = &slot.status else { return };
        // Readiness waits for the startup probe (worker.go: "startup probe has not yet succeeded").
        if !probes.started || probes.ready_next_at > Instant::now() {
            return;
        }
        let pid = *pid;
        let timing = crate::probe::timing(&probe);
        let success_threshold = probe.success_threshold.unwrap_or(1).max(1) as u32;
        let Some(spec) = self.probe_spec(i, &probe) else { return };
        let (ok, why) = run_probe(pid, &spec);
        let name = slot.c.name.clone();
        let Some(Status::Running { probes, .. }) = self.slots.get_mut(i).map(|s| &mut s.status) else { return };
        probes.ready_next_at = Instant::now() + Duration::from_millis(timing.period_ms);
        let was = probes.ready;
        if ok {
            probes.ready_failures = 0;
            probes.ready_successes = probes.ready_successes.saturating_add(1);
            if probes.ready_successes >= success_threshold {
                probes.ready = true;
            }
        } else {
            probes.ready_successes = 0;
            probes.ready_failures = probes.ready_failures.saturating_add(1);
            if probes.ready_failures >= timing.failure_threshold {
                probes.ready = false;
            }
            self.event(&format!("container {name:?}: Unhealthy: Readiness probe failed: {why}"));
        }
        let now = match self.slots.get(i).map(|s| &s.status) {
            Some(Status::Running { probes, .. }) => probes.ready,
            _ => was,
        };
        if now != was {
            self.event(&format!("container {name:?}: Ready={now}"));
            self.sync_state(i);
        }
    }
}

/// Starts one probe (or hook action) through the `__probe` helper.
pub(super) fn spawn_probe(pid: i32, spec: &ProbeSpec) -> Option<Child> {
    let json = serde_json::to_string(spec).unwrap_or_default();
    let mut cmd = Command::new("/proc/self/exe");
    cmd.args(["__probe", &pid.to_string(), &json])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    cmd.spawn().ok()
}

/// Whether a spawned probe finished: `Some((success, output))` once it did.
pub(super) fn probe_done(child: &mut Child) -> Option<(bool, String)> {
    match child.try_wait() {
        Ok(Some(status)) => {
            let mut out = String::new();
            if let Some(mut o) = child.stdout.take() {
                let _ = o.read_to_string(&mut out);
            }
            Some((status.success(), out.trim().to_string()))
        }
        Ok(None) => None,
        Err(e) => Some((false, e.to_string())),
    }
}

/// Runs one probe through the `__probe` helper, bounded by its timeout (+1 s).
pub(super) fn run_probe(pid: i32, spec: &ProbeSpec) -> (bool, String) {
    let Some(mut child) = spawn_probe(pid, spec) else { return (false, "cannot start the probe".into()) };
    let deadline = Instant::now() + Duration::from_millis(spec.timeout_ms + 1000);
    loop {
        if let Some(done) = probe_done(&mut child) {
            return done;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return (false, format!("probe timed out after {}ms", spec.timeout_ms));
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}
