//! Lifecycle hooks: postStart after a container starts (the container is not
//! started, nor ready, until it is done; a failure kills the container), and
//! preStop before the stop signal, within the grace period. Actions are exec,
//! httpGet, tcpSocket (run like probes, from inside the pod) and sleep.
//! Follows pkg/kubelet/kuberuntime/kuberuntime_container.go (startContainer,
//! executePreStopHook) and pkg/kubelet/lifecycle/handlers.go.

use std::process::Child;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use podplay_engine::model::{LifecycleHandler, Probe};

use super::probes::{probe_done, run_probe, spawn_probe};
use super::{Status, Supervisor, SIGNALS};
use crate::probe::ProbeSpec;

/// What a hook does.
enum Action {
    Sleep(Duration),
    Probe(ProbeSpec),
}

/// How long an exec or HTTP postStart may take before it counts as failed.
const POST_START_TIMEOUT_MS: u64 = 120_000;

fn action_of(h: &LifecycleHandler, c: &podplay_engine::model::Container) -> Option<(Action, String)> {
    if let Some(sleep) = &h.sleep {
        let secs = u64::try_from(sleep.seconds).unwrap_or(0);
        return Some((Action::Sleep(Duration::from_secs(secs)), format!("sleep {secs}s")));
    }
    let probe = Probe {
        exec: h.exec.clone(),
        http_get: h.http_get.clone(),
        tcp_socket: h.tcp_socket.clone(),
        ..Probe::default()
    };
    let spec = crate::probe::spec_of(&probe, c)?;
    let desc = match spec.kind.as_str() {
        // Go's %v of a []string: [sh -c echo hi].
        "exec" => format!("Exec lifecycle hook ([{}])", spec.command.join(" ")),
        "http" => format!("Http lifecycle hook ({}) on port {}", spec.path, spec.port),
        _ => format!("TCP lifecycle hook on port {}", spec.port),
    };
    Some((Action::Probe(spec), desc))
}

/// A preStop hook under way.
enum Pending {
    Running(Child, String),
    SleepUntil(Instant, String),
}

impl Supervisor {
    fn hook(&self, i: usize, post_start: bool) -> Option<(i32, String, Action, String)> {
        let slot = self.slots.get(i)?;
        let Status::Running { pid, .. } = &slot.status else { return None };
        let lifecycle = slot.c.lifecycle.as_ref()?;
        let h = if post_start { lifecycle.post_start.as_ref()? } else { lifecycle.pre_stop.as_ref()? };
        let (mut action, desc) = action_of(h, &slot.c)?;
        if let Action::Probe(spec) = &mut action {
            spec.env = slot.spec.env.clone();
            spec.working_dir = slot.spec.working_dir.clone();
            spec.cgroup_procs = slot.spec.cgroup_procs.clone();
            spec.timeout_ms = POST_START_TIMEOUT_MS;
        }
        Some((*pid, slot.c.name.clone(), action, desc))
    }

    /// Runs container `i`'s postStart hook, if it has one, and waits for it.
    pub(super) fn post_start(&mut self, i: usize) {
        let Some((pid, name, action, desc)) = self.hook(i, true) else { return };
        let (ok, why) = match action {
            Action::Sleep(d) => {
                std::thread::sleep(d);
                (true, String::new())
            }
            Action::Probe(spec) => run_probe(pid, &spec),
        };
        // format.Pod: name_namespace(uid).
        let pod = format!("{}_default({})", self.pod.metadata.name, self.state.uid);
        if ok {
            self.event(&format!("container {name:?}: PostStartHook completed: {desc}"));
            let ready = self.slots.get(i).is_some_and(|s| s.c.readiness_probe.is_none());
            if let Some(Status::Running { probes, .. }) = self.slots.get_mut(i).map(|s| &mut s.status) {
                probes.ready = ready;
            }
            return;
        }
        // The helper prints the command's output, then its own error line
        // ("command [...] exited with N"); handlers.go words it as
        // "error: command 'sh -c …' exited with N: , message: \"<output>\"".
        let (output, error) = why.rsplit_once('\n').unwrap_or(("", why.as_str()));
        let command = self.slots.get(i).and_then(|s| s.c.lifecycle.as_ref()).and_then(|l| l.post_start.as_ref());
        let error = match (command.and_then(|h| h.exec.as_ref()), error.rsplit_once("exited with ")) {
            (Some(exec), Some((_, code))) => format!("command '{}' exited with {code}: ", exec.command.join(" ")),
            _ => error.to_string(),
        };
        let message = if output.is_empty() { String::new() } else { format!("{output}\n") };
        self.event(&format!(
            "container {name:?}: FailedPostStartHook: {desc} for Container {name:?} in Pod {pod:?} failed - error: {error}, message: {message:?}"
        ));
        self.event(&format!("container {name:?}: Killing: FailedPostStartHook"));
        let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
    }

    /// Runs the preStop hooks of the running containers in `order` side by
    /// side; each container gets SIGTERM once its hook is done (at once
    /// without one), or at the grace `deadline` if the hook is still running.
    pub(super) fn pre_stop_then_term(&mut self, order: &[usize], deadline: Instant) {
        let mut pending: Vec<(usize, Pending)> = Vec::new();
        for &i in order {
            match self.hook(i, false) {
                Some((pid, name, action, desc)) => {
                    self.event(&format!("container {name:?}: PreStopHook: {desc}"));
                    let p = match action {
                        Action::Sleep(d) => Pending::SleepUntil(Instant::now() + d, desc),
                        Action::Probe(spec) => match spawn_probe(pid, &spec) {
                            Some(child) => Pending::Running(child, desc),
                            None => Pending::SleepUntil(Instant::now(), desc),
                        },
                    };
                    pending.push((i, p));
                }
                None => self.term(i),
            }
        }
        let signals_at_start = SIGNALS.load(Ordering::SeqCst);
        while !pending.is_empty() {
            let cut = Instant::now() >= deadline || SIGNALS.load(Ordering::SeqCst) > signals_at_start.max(1);
            let mut still = Vec::new();
            for (i, mut p) in pending {
                let done = match p {
                    _ if cut => Some((false, "the grace period ended before the hook finished".to_string())),
                    Pending::SleepUntil(t, _) if Instant::now() >= t => Some((true, String::new())),
                    Pending::SleepUntil(..) => None,
                    Pending::Running(ref mut child, _) => probe_done(child),
                };
                match done {
                    None => still.push((i, p)),
                    Some((ok, why)) => {
                        let desc = match p {
                            Pending::Running(mut child, desc) => {
                                let _ = child.kill();
                                let _ = child.wait();
                                desc
                            }
                            Pending::SleepUntil(_, desc) => desc,
                        };
                        let name = self.slots.get(i).map(|s| s.c.name.clone()).unwrap_or_default();
                        if ok {
                            self.event(&format!("container {name:?}: PreStopHook completed: {desc}"));
                        } else {
                            self.event(&format!(
                                "container {name:?}: FailedPreStopHook: PreStopHook failed: {desc}: {why}"
                            ));
                        }
                        self.term(i);
                    }
                }
            }
            pending = still;
            self.reap();
            self.pump_logs();
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// SIGTERM to container `i`, if it runs.
    fn term(&mut self, i: usize) {
        if let Some(slot) = self.slots.get(i) {
            if let Status::Running { pid, .. } = &slot.status {
                let _ = kill(Pid::from_raw(*pid), Signal::SIGTERM);
                self.event(&format!("container {:?}: Killing: Stopping container {}", slot.c.name, slot.c.name));
            }
        }
    }
}
