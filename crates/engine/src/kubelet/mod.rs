//! The simulated kubelet: for each pod bound to its node it creates the
//! sandbox, pulls images, runs init containers in order, native sidecars,
//! then the main containers; it probes, restarts with crash-loop back-off,
//! and stops containers gracefully (preStop, SIGTERM, grace period, SIGKILL).
//!
//! Everything happens at virtual times computed from [`timings::Timings`];
//! what a container's program does comes from the [`ContainerRuntime`].
//! Follows `pkg/kubelet/kuberuntime/kuberuntime_manager.go` (`computePodActions`),
//! `kuberuntime_container.go` (`killContainer`, sidecar stop order),
//! `pkg/kubelet/images/image_manager.go` (pull policy, events),
//! `pkg/kubelet/prober/worker.go` (probe ticks and thresholds) and
//! `k8s.io/client-go/util/flowcontrol/backoff.go` (back-off).

pub mod runtime;
pub mod status;
pub mod timings;

use std::collections::BTreeSet;

use crate::model::{Container, ObjectMeta, Pod, PodSpec, Probe};
use crate::rng::Rng;
use crate::runtime::{ContainerId, ContainerRuntime, ProbeAction, ProbeResult, SandboxSpec, Signal};
use crate::time::SimTime;

pub use runtime::{image_exists, image_size, Script, SimpleRuntime};
pub use status::{Condition, ContainerState, ContainerStatus, Phase, Terminated};
pub use timings::{Delay, Timings};

/// An event the kubelet wants recorded on the pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KEvent {
    pub warning: bool,
    pub reason: &'static str,
    pub message: String,
    /// The container it is about, as `involvedObject.fieldPath`
    /// (`spec.containers{app}`), the way the kubelet's container manager
    /// refers to a container in its events (`pkg/kubelet/container/ref.go`).
    pub field_path: String,
}

/// What the kubelet needs from the cluster for one sync.
pub struct Ctx<'a> {
    pub now: SimTime,
    pub timings: &'a Timings,
    pub rng: &'a mut Rng,
    pub runtime: &'a mut dyn ContainerRuntime,
    /// Images already present on this node.
    pub images: &'a mut BTreeSet<String>,
    pub events: Vec<KEvent>,
}

impl Ctx<'_> {
    fn normal(&mut self, on: &Ctr, reason: &'static str, message: String) {
        self.event(on.field_path(), false, reason, message);
    }

    fn warning(&mut self, on: &Ctr, reason: &'static str, message: String) {
        self.event(on.field_path(), true, reason, message);
    }

    fn event(&mut self, field_path: String, warning: bool, reason: &'static str, message: String) {
        self.events.push(KEvent { warning, reason, message, field_path });
    }
}

/// Which pod a sync is about.
pub struct PodIdent<'a> {
    pub namespace: &'a str,
    pub name: &'a str,
    pub uid: &'a str,
    pub node: &'a str,
    pub pod_ip: &'a str,
    pub is_static: bool,
    pub grace_seconds: i64,
}

/// `flowcontrol.Backoff` for one key: the period doubles per restart and is
/// forgotten when nothing happened for twice the maximum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Backoff {
    period_ms: u64,
    last_update: Option<SimTime>,
}

impl Backoff {
    fn expired(&self, event: SimTime, max_ms: u64) -> bool {
        self.last_update.is_none_or(|lu| event.since(lu) > max_ms.saturating_mul(2))
    }

    /// `IsInBackOffSince`: the end of the back-off when still in it.
    fn in_backoff(&self, event: SimTime, now: SimTime, max_ms: u64) -> Option<SimTime> {
        if self.expired(event, max_ms) {
            return None;
        }
        (now.since(event) < self.period_ms).then(|| event.plus_ms(self.period_ms))
    }

    /// `Next`: start at `initial_ms` or double up to `max_ms`.
    fn next(&mut self, event: SimTime, now: SimTime, initial_ms: u64, max_ms: u64) {
        if self.expired(event, max_ms) {
            self.period_ms = initial_ms;
        } else {
            self.period_ms = self.period_ms.saturating_mul(2).min(max_ms);
        }
        self.last_update = Some(now);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ProbeKind {
    Startup,
    Liveness,
    Readiness,
}

impl ProbeKind {
    fn title(self) -> &'static str {
        match self {
            ProbeKind::Startup => "Startup",
            ProbeKind::Liveness => "Liveness",
            ProbeKind::Readiness => "Readiness",
        }
    }

    fn lower(self) -> &'static str {
        match self {
            ProbeKind::Startup => "startup",
            ProbeKind::Liveness => "liveness",
            ProbeKind::Readiness => "readiness",
        }
    }
}

#[derive(Clone, Debug)]
struct ProbeRt {
    kind: ProbeKind,
    action: ProbeAction,
    initial_ms: u64,
    period_ms: u64,
    success_threshold: u32,
    failure_threshold: u32,
    termination_grace_s: Option<i64>,
    next_at: Option<SimTime>,
    successes: u32,
    failures: u32,
}

/// Upstream probe defaults: period 10 s, failureThreshold 3, successThreshold 1.
fn probe_rt(kind: ProbeKind, p: &Probe, container: &Container) -> Option<ProbeRt> {
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
        ProbeAction::HttpGet { port: port(&h.port), path: h.path.clone().unwrap_or_else(|| "/".into()), host: h.host.clone() }
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

/// Where a container is in its life, with the time the current step ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Not started yet (waiting for its turn).
    Idle,
    Pulling { until: SimTime },
    /// `ErrImagePull` shown; `ImagePullBackOff` follows.
    PullFailed { until: SimTime },
    PullBackOff { until: SimTime },
    /// `ErrImageNeverPull`: waits for the image to appear on the node.
    Blocked,
    Creating { until: SimTime },
    Running,
    /// A preStop `sleep` is running; SIGTERM follows.
    PreStop { until: SimTime, sigkill_at: SimTime, restart: bool },
    /// SIGTERM sent; SIGKILL at the end of the grace period.
    Stopping { sigkill_at: SimTime, restart: bool },
    /// `CrashLoopBackOff`.
    CrashBackOff { until: SimTime },
    /// Just exited: restart or not is decided on the next step.
    Exited,
    /// Terminated for good.
    Done,
}

/// One container of a pod, as the kubelet tracks it.
#[derive(Clone, Debug)]
pub struct Ctr {
    /// Index in `spec.initContainers` or `spec.containers`.
    pub idx: usize,
    pub is_init: bool,
    pub sidecar: bool,
    pub stage: Stage,
    pub status: ContainerStatus,
    runs: u32,
    started_at: SimTime,
    pull_started: SimTime,
    pull_retry_at: SimTime,
    backoff: Backoff,
    pull_backoff: Backoff,
    probes: Vec<ProbeRt>,
    pending_last: Option<Terminated>,
}

impl Ctr {
    /// `spec.containers{NAME}` or `spec.initContainers{NAME}`.
    fn field_path(&self) -> String {
        let list = if self.is_init { "initContainers" } else { "containers" };
        format!("spec.{list}{{{}}}", self.status.name)
    }

    fn new(idx: usize, c: &Container, is_init: bool, waiting: &str) -> Ctr {
        let sidecar = is_init && c.restart_policy.as_deref() == Some("Always");
        Ctr {
            idx,
            is_init,
            sidecar,
            stage: Stage::Idle,
            status: ContainerStatus {
                name: c.name.clone(),
                state: ContainerState::waiting(waiting),
                last_state: None,
                ready: false,
                restart_count: 0,
                image: c.image.clone().unwrap_or_default(),
                started: if is_init && !sidecar { None } else { Some(false) },
                restartable: sidecar,
            },
            runs: 0,
            started_at: SimTime::ZERO,
            pull_started: SimTime::ZERO,
            pull_retry_at: SimTime::ZERO,
            backoff: Backoff::default(),
            pull_backoff: Backoff::default(),
            probes: Vec::new(),
            pending_last: None,
        }
    }

    fn succeeded(&self) -> bool {
        self.stage == Stage::Done && self.status.state.terminated().is_some_and(|t| t.exit_code == 0)
    }

    fn failed_done(&self) -> bool {
        self.stage == Stage::Done && self.status.state.terminated().is_some_and(|t| t.exit_code != 0)
    }

    fn is_started(&self) -> bool {
        self.stage == Stage::Running && self.status.started == Some(true)
    }

    fn is_active(&self) -> bool {
        matches!(self.stage, Stage::Running | Stage::Stopping { .. } | Stage::PreStop { .. })
    }

    fn due(&self) -> Option<SimTime> {
        let stage = match self.stage {
            Stage::Pulling { until }
            | Stage::PullFailed { until }
            | Stage::PullBackOff { until }
            | Stage::Creating { until }
            | Stage::CrashBackOff { until } => Some(until),
            Stage::PreStop { until, .. } => Some(until),
            Stage::Stopping { sigkill_at, .. } => Some(sigkill_at),
            Stage::Exited => Some(SimTime::ZERO),
            _ => None,
        };
        let probe = if self.stage == Stage::Running { self.probes.iter().filter_map(|p| p.next_at).min() } else { None };
        match (stage, probe) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// An ongoing pod shutdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Termination {
    pub deadline: SimTime,
    /// The pod object goes away afterwards (deletion or eviction), rather
    /// than staying as a finished pod.
    pub delete: bool,
    started: bool,
}

/// The kubelet's state for one pod.
#[derive(Clone, Debug)]
pub struct KubeletPod {
    pub sandbox_due: Option<SimTime>,
    pub sandbox_ready: bool,
    pub sandbox_removed: bool,
    pub init: Vec<Ctr>,
    pub main: Vec<Ctr>,
    pub term: Option<Termination>,
    /// The pod finished (`podIsTerminal`): no container will run again.
    pub terminal: bool,
    /// Shutdown after deletion is complete: the API object can go.
    pub gone: bool,
    pub initialized: bool,
    pub conditions: Vec<Condition>,
    pub phase: Phase,
    pub start_time: SimTime,
    ready: bool,
}

/// The most steps one sync takes (each step moves at least one container on).
const MAX_STEPS_PER_SYNC: usize = 64;

fn container_id(uid: &str, name: &str) -> ContainerId {
    ContainerId { pod_uid: uid.to_string(), container: name.to_string() }
}

/// The image reference containerd resolves (`nginx` → `docker.io/library/nginx:latest`).
pub fn image_ref(image: &str) -> String {
    let (name, tagged) = match image.rsplit_once('/') {
        Some((_, last)) => (image.to_string(), last.contains(':') || last.contains('@')),
        None => (image.to_string(), image.contains(':') || image.contains('@')),
    };
    let first = name.split('/').next().unwrap_or("");
    let has_registry = name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full = if has_registry {
        name
    } else if name.contains('/') {
        format!("docker.io/{name}")
    } else {
        format!("docker.io/library/{name}")
    };
    if tagged {
        full
    } else {
        format!("{full}:latest")
    }
}

/// `imagePullPolicy` defaulting: `Always` for `:latest` or no tag, else `IfNotPresent`.
fn pull_policy(c: &Container) -> &str {
    if let Some(p) = c.image_pull_policy.as_deref() {
        return p;
    }
    let image = c.image.as_deref().unwrap_or("");
    let last = image.rsplit('/').next().unwrap_or(image);
    if image.contains('@') {
        "IfNotPresent"
    } else if !last.contains(':') || last.ends_with(":latest") {
        "Always"
    } else {
        "IfNotPresent"
    }
}

/// Go's `time.Duration.String()` for whole milliseconds (`1.234s`, `812ms`, `2m5s`).
pub fn go_duration(ms: u64) -> String {
    if ms == 0 {
        return "0s".into();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let secs = if frac == 0 {
        format!("{s}s")
    } else {
        let f = format!("{frac:03}");
        format!("{s}.{}s", f.trim_end_matches('0'))
    };
    if h > 0 {
        format!("{h}h{m}m{secs}")
    } else if m > 0 {
        format!("{m}m{secs}")
    } else {
        secs
    }
}

impl KubeletPod {
    /// A pod the kubelet has just seen: the sandbox is due after the sandbox delay.
    pub fn new(spec: &PodSpec, now: SimTime, timings: &Timings, rng: &mut Rng) -> KubeletPod {
        let has_init = !spec.init_containers.is_empty();
        let init = spec.init_containers.iter().enumerate().map(|(i, c)| Ctr::new(i, c, true, "PodInitializing")).collect();
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
        }
    }

    pub fn init_statuses(&self) -> Vec<ContainerStatus> {
        self.init.iter().map(|c| c.status.clone()).collect()
    }

    pub fn main_statuses(&self) -> Vec<ContainerStatus> {
        self.main.iter().map(|c| c.status.clone()).collect()
    }

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

    /// A container's process ended (reported by the runtime).
    pub fn on_exit(&mut self, container: &str, exit_code: i32, oom_killed: bool, at: SimTime) {
        let terminating = self.term.is_some();
        let Some(c) = self.init.iter_mut().chain(self.main.iter_mut()).find(|c| c.status.name == container) else { return };
        let restart_after = match c.stage {
            Stage::Running => !terminating,
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
            message: None,
            started_at: c.started_at,
            finished_at: at,
        });
        c.status.ready = false;
        if c.status.started.is_some() {
            c.status.started = Some(false);
        }
        c.stage = if restart_after { Stage::Exited } else { Stage::Done };
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
        if let Some(t) = &self.term {
            take(Some(t.deadline));
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
            ctx.runtime.create_sandbox(&SandboxSpec { pod: &pod, pod_uid: id.uid, pod_ip: id.pod_ip, node_name: id.node }, now);
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
        let policy = spec.restart_policy.as_deref().unwrap_or("Always");
        let init_policy = if policy == "Never" { "Never" } else { "OnFailure" };
        let mut blocked = false;
        for c in self.init.iter_mut() {
            let Some(cs) = spec.init_containers.get(c.idx) else { continue };
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
            for c in self.main.iter_mut() {
                let Some(cs) = spec.containers.get(c.idx) else { continue };
                changed |= drive(c, cs, policy, id, ctx);
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

    /// SIGKILL for containers whose grace period ended; SIGTERM after a preStop sleep.
    fn enforce_kills(&mut self, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
        let now = ctx.now;
        let mut changed = false;
        let terminating = self.term.is_some();
        for c in self.init.iter_mut().chain(self.main.iter_mut()) {
            match c.stage {
                Stage::PreStop { until, sigkill_at, restart } if until <= now => {
                    ctx.runtime.signal(&container_id(id.uid, &c.status.name), Signal::Term, now);
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
                    changed = true;
                }
                _ => {}
            }
        }
        changed
    }

    fn step_termination(&mut self, spec: &PodSpec, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
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
            let stopping = self.init.iter().any(|c| c.sidecar && matches!(c.stage, Stage::Stopping { .. } | Stage::PreStop { .. }));
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
            ctx.runtime.remove_sandbox(id.uid, now);
            self.sandbox_removed = true;
            self.terminal = true;
            if term.delete {
                self.gone = true;
            }
            changed = true;
        }
        changed
    }

    fn run_probes(&mut self, spec: &PodSpec, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
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
                        ctx.event(field_path.clone(), true, "Unhealthy", format!("{} probe failed: {message}", p.kind.title()));
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

    fn update_status(&mut self, spec: &PodSpec, id: &PodIdent<'_>, now: SimTime) {
        let init = self.init_statuses();
        let main = self.main_statuses();
        self.phase = status::get_phase(spec, &init, &main, self.terminal, self.initialized, id.is_static);
        let names = |it: &mut dyn Iterator<Item = &Ctr>| -> String {
            let v: Vec<&str> = it.map(|c| c.status.name.as_str()).collect();
            format!("containers with unready status: [{}]", v.join(" "))
        };
        status::set_condition(&mut self.conditions, "PodReadyToStartContainers", self.sandbox_ready && !self.sandbox_removed, None, None, now);
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
            status::set_condition(&mut self.conditions, "Initialized", false, Some("ContainersNotInitialized"), Some(msg), now);
        }
        let (ready, reason, msg) = if self.phase.is_terminal() {
            (false, Some("PodCompleted"), None)
        } else {
            let mut unready = self.init.iter().filter(|c| c.sidecar).chain(&self.main).filter(|c| !c.status.ready).peekable();
            if unready.peek().is_none() {
                (true, None, None)
            } else {
                (false, Some("ContainersNotReady"), Some(names(&mut unready)))
            }
        };
        self.ready = ready;
        status::set_condition(&mut self.conditions, "Ready", ready, reason, msg.clone(), now);
        status::set_condition(&mut self.conditions, "ContainersReady", ready, reason, msg, now);
    }

    /// True when the `Ready` condition is True.
    pub fn ready(&self) -> bool {
        self.ready
    }
}

/// Moves one container on by one step when its current step is due.
fn drive(c: &mut Ctr, cs: &Container, policy: &str, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
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
        Stage::Exited => {
            let Some(t) = c.status.state.terminated().cloned() else {
                c.stage = Stage::Done;
                return true;
            };
            let restart = match policy {
                "Always" => true,
                "OnFailure" => t.exit_code != 0,
                _ => false,
            };
            if !restart {
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
                        message: Some(format!("back-off {period} restarting failed container={} pod={who}", c.status.name)),
                    };
                    c.status.last_state = Some(t);
                    ctx.warning(c, "BackOff", format!("Back-off restarting failed container {} in pod {who}", c.status.name));
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

/// Decides between using a present image and pulling it, per `imagePullPolicy`.
fn begin(c: &mut Ctr, cs: &Container, ctx: &mut Ctx<'_>) {
    let image = cs.image.clone().unwrap_or_default();
    let present = ctx.images.contains(&image);
    match pull_policy(cs) {
        "Never" if !present => {
            let msg = format!("Container image \"{image}\" is not present with pull policy of Never");
            c.status.state = ContainerState::Waiting { reason: "ErrImageNeverPull".into(), message: Some(msg.clone()) };
            ctx.warning(c, "ErrImageNeverPull", msg);
            c.stage = Stage::Blocked;
        }
        "Never" | "IfNotPresent" if present => {
            ctx.normal(c, "Pulled", format!("Container image \"{image}\" already present on machine"));
            c.stage = Stage::Creating { until: ctx.now.plus_ms(ctx.timings.create.draw(ctx.rng)) };
        }
        _ => start_pull(c, &image, ctx),
    }
}

fn start_pull(c: &mut Ctr, image: &str, ctx: &mut Ctx<'_>) {
    ctx.normal(c, "Pulling", format!("Pulling image \"{image}\""));
    c.pull_started = ctx.now;
    // A cached image still costs a registry round trip under `Always`.
    let ms = if ctx.images.contains(image) { 300 + ctx.rng.below(500) } else { ctx.timings.image_pull.draw(ctx.rng) };
    c.stage = Stage::Pulling { until: ctx.now.plus_ms(ms) };
}

fn finish_pull(c: &mut Ctr, cs: &Container, ctx: &mut Ctx<'_>) {
    let now = ctx.now;
    let image = cs.image.clone().unwrap_or_default();
    if image_exists(&image) {
        let took = go_duration(now.since(c.pull_started));
        ctx.images.insert(image.clone());
        ctx.normal(
            c,
            "Pulled",
            format!("Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {} bytes.", image_size(&image)),
        );
        c.stage = Stage::Creating { until: now.plus_ms(ctx.timings.create.draw(ctx.rng)) };
        return;
    }
    let r = image_ref(&image);
    let detail = format!(
        "rpc error: code = NotFound desc = failed to pull and unpack image \"{r}\": failed to resolve reference \"{r}\": {r}: not found"
    );
    ctx.warning(c, "Failed", format!("Failed to pull image \"{image}\": {detail}"));
    ctx.warning(c, "Failed", "Error: ErrImagePull".into());
    c.status.state = ContainerState::Waiting { reason: "ErrImagePull".into(), message: Some(detail) };
    let (initial, max) = (ctx.timings.image_backoff_initial_ms, ctx.timings.image_backoff_max_ms);
    c.pull_backoff.next(now, now, initial, max);
    c.pull_retry_at = now.plus_ms(c.pull_backoff.period_ms);
    let show = ctx.timings.pull_error_to_backoff.draw(ctx.rng).min(c.pull_backoff.period_ms);
    c.stage = Stage::PullFailed { until: now.plus_ms(show) };
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
            if let Some(last) = c.pending_last.take() {
                c.status.last_state = Some(last);
            }
            c.status.state = ContainerState::Running { started_at: now };
            c.started_at = now;
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
    }
}

/// Stops a container: preStop first, then SIGTERM, SIGKILL at `sigkill_at`.
fn kill(c: &mut Ctr, cs: Option<&Container>, message: String, sigkill_at: SimTime, restart: bool, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) {
    let now = ctx.now;
    if c.stage != Stage::Running {
        if !c.is_active() {
            c.stage = if restart { c.stage } else { Stage::Done };
        }
        return;
    }
    ctx.normal(c, "Killing", message);
    let cid = container_id(id.uid, &c.status.name);
    let pre_stop = cs.and_then(|cs| cs.lifecycle.as_ref()).and_then(|l| l.pre_stop.as_ref());
    if let Some(h) = pre_stop {
        if let Some(secs) = h.sleep.as_ref().and_then(|s| s.get("seconds")).and_then(|v| v.as_u64()) {
            c.stage = Stage::PreStop { until: now.plus_ms(secs.saturating_mul(1000)).min(sigkill_at), sigkill_at, restart };
            return;
        }
        let action = if let Some(e) = &h.exec {
            Some(ProbeAction::Exec { command: e.command.clone() })
        } else {
            h.http_get.as_ref().map(|g| ProbeAction::HttpGet {
                port: match &g.port {
                    crate::model::IntOrString::Int(n) => u16::try_from(*n).unwrap_or(0),
                    crate::model::IntOrString::String(_) => 0,
                },
                path: g.path.clone().unwrap_or_else(|| "/".into()),
                host: g.host.clone(),
            })
        };
        if let Some(action) = action {
            if let ProbeResult::Failure { message } = ctx.runtime.probe(&cid, &action, now) {
                ctx.warning(c, "FailedPreStopHook", format!("PreStopHook failed: {message}"));
            }
        }
    }
    ctx.runtime.signal(&cid, Signal::Term, now);
    c.stage = Stage::Stopping { sigkill_at, restart };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(go_duration(812), "812ms");
        assert_eq!(go_duration(1234), "1.234s");
        assert_eq!(go_duration(2000), "2s");
        assert_eq!(go_duration(1500), "1.5s");
        assert_eq!(go_duration(125_000), "2m5s");
    }

    #[test]
    fn image_refs_are_normalized() {
        assert_eq!(image_ref("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(image_ref("bitnami/redis:7"), "docker.io/bitnami/redis:7");
        assert_eq!(image_ref("registry.k8s.io/pause:3.9"), "registry.k8s.io/pause:3.9");
    }

    #[test]
    fn backoff_doubles_caps_and_resets() {
        let mut b = Backoff::default();
        let t = SimTime::from_secs;
        assert_eq!(b.in_backoff(t(1), t(1), 300_000), None);
        b.next(t(1), t(1), 10_000, 300_000);
        assert_eq!(b.period_ms, 10_000);
        assert_eq!(b.in_backoff(t(3), t(3), 300_000), Some(t(13)));
        for _ in 0..10 {
            b.next(t(3), t(3), 10_000, 300_000);
        }
        assert_eq!(b.period_ms, 300_000);
        // Nothing for more than 10 minutes: forgotten.
        assert_eq!(b.in_backoff(t(700), t(700), 300_000), None);
        b.next(t(700), t(700), 10_000, 300_000);
        assert_eq!(b.period_ms, 10_000);
    }
}
