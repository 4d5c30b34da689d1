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

//!
//! This file holds the types; the work is split by concern:
//! `sync` (one pod's sync and its status), `container` (one container's
//! state machine), `pull` (image pulls), `prober` (probe ticks),
//! `termination` (preStop, SIGTERM, SIGKILL), `hooks` (lifecycle handlers,
//! PostStartHookError, container restart rules), with the leaf helpers
//! `backoff`, `probe`, `image` and `duration`.

mod backoff;
mod container;
mod duration;
mod hooks;
mod image_volumes;
mod probe;
mod prober;
mod pull;
pub mod resize;
pub mod runtime;
pub mod status;
mod sync;
mod termination;
pub mod timings;

use std::collections::BTreeSet;

use crate::model::Container;
use crate::rng::Rng;
use crate::runtime::{ContainerId, ContainerRuntime};
use crate::time::SimTime;

use backoff::Backoff;
use probe::ProbeRt;

pub use duration::go_duration;
pub use runtime::{image_exists, image_size, ContainerScript, SimpleRuntime};
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
    /// `metadata.generation`, which resize events report.
    pub generation: i64,
}

/// Where a container is in its life, with the time the current step ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Not started yet (waiting for its turn).
    Idle,
    Pulling {
        until: SimTime,
    },
    /// `ErrImagePull` shown; `ImagePullBackOff` follows.
    PullFailed {
        until: SimTime,
    },
    PullBackOff {
        until: SimTime,
    },
    /// `ErrImageNeverPull`: waits for the image to appear on the node.
    Blocked,
    Creating {
        until: SimTime,
    },
    Running,
    /// Started, with its postStart `sleep` running: not Running in its
    /// status until the hook ends.
    PostStart {
        until: SimTime,
    },
    /// Killed after a failed postStart hook: shows `PostStartHookError`
    /// until the next sync restarts it.
    HookFailed {
        until: SimTime,
    },
    /// A preStop `sleep` is running; SIGTERM follows.
    PreStop {
        until: SimTime,
        sigkill_at: SimTime,
        restart: bool,
    },
    /// SIGTERM sent; SIGKILL at the end of the grace period.
    Stopping {
        sigkill_at: SimTime,
        restart: bool,
    },
    /// `CrashLoopBackOff`.
    CrashBackOff {
        until: SimTime,
    },
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
    /// The message of a failed postStart hook, until the kill ends.
    hook_error: Option<String>,
    /// The exit and the earlier last state, held while `PostStartHookError` shows.
    hook_exit: Option<(Terminated, Option<Terminated>)>,
}

impl Ctr {
    /// The spec's image changed: a pull waiting out its back-off starts over
    /// at once, since the kubelet keys pull back-off by pod and image
    /// (`pkg/kubelet/images/image_manager.go`, `backOffKey`).
    pub(crate) fn image_changed(&mut self) {
        if matches!(self.stage, Stage::PullFailed { .. } | Stage::PullBackOff { .. } | Stage::Blocked) {
            self.stage = Stage::Idle;
            self.pull_backoff = Backoff::default();
            self.pull_retry_at = SimTime::ZERO;
        }
    }

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
                allocated_resources: None,
                resources: None,
            },
            runs: 0,
            started_at: SimTime::ZERO,
            pull_started: SimTime::ZERO,
            pull_retry_at: SimTime::ZERO,
            backoff: Backoff::default(),
            pull_backoff: Backoff::default(),
            probes: Vec::new(),
            pending_last: None,
            hook_error: None,
            hook_exit: None,
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
        matches!(self.stage, Stage::Running | Stage::PostStart { .. } | Stage::Stopping { .. } | Stage::PreStop { .. })
    }

    fn due(&self) -> Option<SimTime> {
        let stage = match self.stage {
            Stage::Pulling { until }
            | Stage::PullFailed { until }
            | Stage::PullBackOff { until }
            | Stage::Creating { until }
            | Stage::PostStart { until }
            | Stage::HookFailed { until }
            | Stage::CrashBackOff { until } => Some(until),
            Stage::PreStop { until, .. } => Some(until),
            Stage::Stopping { sigkill_at, .. } => Some(sigkill_at),
            Stage::Exited => Some(SimTime::ZERO),
            _ => None,
        };
        let probe =
            if self.stage == Stage::Running { self.probes.iter().filter_map(|p| p.next_at).min() } else { None };
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
    /// In-place resize: allocated and actual resources, pending and in-progress resizes.
    pub resize: resize::ResizeState,
    /// The pod's image volumes, pulled before any container starts.
    volume_pulls: image_volumes::VolumePulls,
    /// Refused at admission: Failed with no host IP and no container status.
    pub rejected: bool,
}

/// The most steps one sync takes (each step moves at least one container on).
const MAX_STEPS_PER_SYNC: usize = 64;

fn container_id(uid: &str, name: &str) -> ContainerId {
    ContainerId { pod_uid: uid.to_string(), container: name.to_string() }
}
