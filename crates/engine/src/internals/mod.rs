//! Inside the pod: the simulated container runtime. [`PodRuntime`] holds
//! every pod sandbox on the cluster (its shared net/UTS/IPC namespaces, its
//! volumes and port table) and runs each container's program (the shell
//! subset, or an image's server) on the virtual clock, reporting exits, log
//! lines and traffic to the kubelet through [`ContainerRuntime`].
//!
//! This file holds the types and small accessors; the work is split by
//! concern: `sandbox` (namespaces, hostname, volumes), `start` (a
//! container's start, step by step), `process` (running programs, exec,
//! signals), `traffic` (port-forward and probes), `accounting` (CPU and
//! memory), and `cri` (the [`ContainerRuntime`] impl that ties them together).

mod accounting;
mod api_data;
pub mod catalogue;
mod cri;
pub mod fs;
mod hooks;
mod host;
pub mod node_view;
mod process;
pub mod query;
mod sandbox;
mod start;
mod traffic;

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use crate::model::Volume;
use crate::quantity::Quantity;
use crate::runtime::{ContainerId, RuntimeEvent, StartError, TrafficKind};
use crate::shell::{Process, Service};
use crate::text::Text;
use crate::time::SimTime;

use fs::Tree;

/// Lines kept per container log (and per previous instance).
pub const LOG_LINES_MAX: usize = 1000;
/// Sandboxes the runtime holds.
pub const SANDBOXES_MAX: usize = 1000;
/// Containers per sandbox.
const CONTAINERS_MAX: usize = 64;
/// The first namespace inode handed out (the host's own are 4026531834–4026531841).
const FIRST_INODE: u64 = 4_026_532_200;
/// The host's user namespace, which every container of a pod without
/// `hostUsers: false` is in (the time namespace is always the host's).
pub const HOST_USER_NS: u64 = 4_026_531_837;
/// Instants one `advance` handles before it stops (spinning programs back off exponentially).
const INSTANTS_PER_ADVANCE_MAX: usize = 200_000;

/// A line of a container's log, with the virtual time it was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    pub at: SimTime,
    pub line: String,
}

impl LogLine {
    /// The line as `kubectl logs` prints it; with `--timestamps`, prefixed by
    /// the virtual time in RFC 3339 with nanoseconds, as the kubelet does.
    pub fn render(&self, timestamps: bool) -> String {
        if !timestamps {
            return self.line.clone();
        }
        let secs = self.at.rfc3339();
        let base = secs.strip_suffix('Z').unwrap_or(&secs);
        format!("{base}.{:03}000000Z {}", self.at.as_millis() % 1000, self.line)
    }
}

/// What `kubectl exec` prints and returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecResult {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

/// An answer to a request from outside the pod (`kubectl port-forward`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpAnswer {
    pub status: u16,
    pub body: String,
}

/// `kubectl top` numbers for one container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerUsage {
    pub container: String,
    pub cpu_millicores: u64,
    pub memory_bytes: u64,
    /// The program wants more CPU than its limit allows.
    pub cpu_throttled: bool,
}

/// A volume mounted into a container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mount {
    pub path: String,
    pub volume: String,
    pub sub_path: String,
    pub read_only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum VolKind {
    EmptyDir,
    ConfigMap { name: String },
    Secret { name: String },
    DownwardApi,
    HostPath { path: String },
    Claim { name: String },
    Projected,
    Other(String),
    Image { reference: String },
}

#[derive(Clone, Debug)]
pub(crate) struct Vol {
    pub name: String,
    pub kind: VolKind,
    pub tree: Tree,
    pub read_only: bool,
    pub memory: bool,
    pub size_limit: Option<u64>,
    pub size_limit_text: String,
    pub over_limit: bool,
    /// Why the volume cannot be mounted yet (a missing configMap).
    pub not_ready: Option<String>,
    source: Volume,
}

#[derive(Clone, Debug)]
pub(crate) struct Ctr {
    pub name: String,
    pub image: String,
    pub kind: &'static str,
    pub rootfs: Tree,
    pub mounts: Vec<Mount>,
    pub mnt_ns: u64,
    pub pid_ns: u64,
    pub cgroup_ns: u64,
    pub process: Option<Process>,
    pub running: bool,
    pub exit_code: Option<i32>,
    pub oom_killed: bool,
    pub main_pid: u32,
    pub next_pid: u32,
    pub argv: Vec<String>,
    /// The `containerPort`s the manifest declares (a generic app listens on them).
    pub declared_ports: Vec<u16>,
    pub logs: VecDeque<LogLine>,
    pub previous_logs: VecDeque<LogLine>,
    pub base_memory_bytes: u64,
    pub extra_memory_bytes: u64,
    pub cpu_millicores: u64,
    pub memory_limit_bytes: Option<u64>,
    pub cpu_limit_millicores: Option<u64>,
    pub spin: u32,
    pub spin_until: Option<SimTime>,
    pub restarts: u32,
    pub started_at: SimTime,
    pub explain: Option<Text>,
    pub env: BTreeMap<String, String>,
    /// Ends when the kubelet's grace period does: TERM was sent.
    pub terminating: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Sandbox {
    pub uid: String,
    pub name: String,
    pub namespace: String,
    pub node: String,
    pub pod_ip: String,
    pub hostname: String,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub net_ns: u64,
    pub uts_ns: u64,
    pub ipc_ns: u64,
    pub shared_pid_ns: Option<u64>,
    /// The pause container's own mnt, pid and cgroup namespaces.
    pub pause_ns: [u64; 3],
    pub share_pid: bool,
    pub next_shared_pid: u32,
    pub volumes: BTreeMap<String, Vol>,
    pub ports: BTreeMap<u16, (String, Service)>,
    pub redis: BTreeMap<u16, BTreeMap<String, String>>,
    pub containers: BTreeMap<String, Ctr>,
    /// Start order, for running containers deterministically.
    pub order: Vec<String>,
    pub fs_version: u64,
    pub evictions: Vec<String>,
    /// When the runtime created the sandbox (`crictl pods` CREATED).
    pub created: SimTime,
    /// The pod-level memory limit (`spec.resources.limits.memory`): the pod's cgroup.
    pub pod_memory_limit_bytes: Option<u64>,
    /// The pod-level CPU limit, which throttles containers without their own.
    pub pod_cpu_limit_millicores: Option<u64>,
    /// The pod's user namespace: the host's, or its own (`hostUsers: false`).
    pub user_ns: u64,
    /// The first host ID of the pod's 65536 IDs when it has its own user
    /// namespace (`/proc/self/uid_map`).
    pub id_base: Option<u32>,
}

/// Every pod sandbox on the cluster and the programs in them.
#[derive(Clone, Debug, Default)]
pub struct PodRuntime {
    sandboxes: BTreeMap<String, Sandbox>,
    config_maps: BTreeMap<(String, String), BTreeMap<String, String>>,
    secrets: BTreeMap<(String, String), BTreeMap<String, String>>,
    host_paths: BTreeMap<(String, String), Tree>,
    claims: BTreeMap<(String, String), Tree>,
    next_inode: u64,
    clock: SimTime,
    events: Vec<RuntimeEvent>,
    /// Bytes of log lines held in `events` since the last drain.
    event_bytes: usize,
    dirty: bool,
    outside: Outside,
    /// The logs (current, previous) of the containers of finished pods, by
    /// pod UID and container name, kept until the pod is deleted.
    exited_logs: BTreeMap<(String, String), (VecDeque<LogLine>, VecDeque<LogLine>)>,
}

/// What lives outside the cluster: hosts that answer HTTP, and Redis-like
/// stores on port 6379 (what an ambassador forwards to).
#[derive(Clone, Debug, Default)]
pub struct Outside {
    pub redis: BTreeMap<String, BTreeMap<String, String>>,
}

fn quantity_bytes(v: Option<&String>) -> Option<u64> {
    let q = Quantity::parse(v?).ok()?;
    u64::try_from(q.value()).ok()
}

fn quantity_millis(v: Option<&String>) -> Option<u64> {
    let q = Quantity::parse(v?).ok()?;
    u64::try_from(q.milli_value()).ok()
}

fn yaml_str<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(|x| x.as_str())
}

fn yaml_bool(v: &serde_json::Value, key: &str) -> bool {
    v.get(key).and_then(|x| x.as_bool()).unwrap_or(false)
}

fn ns_or_default(ns: &str) -> String {
    if ns.is_empty() {
        "default".to_string()
    } else {
        ns.to_string()
    }
}

impl PodRuntime {
    pub fn new() -> PodRuntime {
        PodRuntime { next_inode: FIRST_INODE, ..PodRuntime::default() }
    }

    fn inode(&mut self) -> u64 {
        if self.next_inode < FIRST_INODE {
            self.next_inode = FIRST_INODE;
        }
        let n = self.next_inode;
        self.next_inode += 1;
        n
    }

    /// Whether an image can be pulled; the error is containerd's message.
    pub fn pull(&self, image: &str) -> Result<(), StartError> {
        match catalogue::unpullable_reason(image) {
            None => Ok(()),
            Some(message) => Err(StartError { reason: "ErrImagePull".to_string(), message }),
        }
    }

    /// The container's log lines; `previous` gives the instance before the last restart.
    pub fn logs(&self, id: &ContainerId, previous: bool) -> Vec<LogLine> {
        let (logs, previous_logs) = match self.ctr(id) {
            Some(c) => (&c.logs, &c.previous_logs),
            None => match self.exited_logs.get(&(id.pod_uid.clone(), id.container.clone())) {
                Some((logs, previous_logs)) => (logs, previous_logs),
                None => return Vec::new(),
            },
        };
        let ring = if previous { previous_logs } else { logs };
        ring.iter().cloned().collect()
    }

    /// Keeps the logs of a finished pod's containers past its sandbox.
    fn keep_exited_logs(&mut self, pod_uid: &str) {
        let Some(sb) = self.sandboxes.get_mut(pod_uid) else { return };
        for (name, c) in &mut sb.containers {
            let kept = (std::mem::take(&mut c.logs), std::mem::take(&mut c.previous_logs));
            self.exited_logs.insert((pod_uid.to_string(), name.clone()), kept);
        }
    }

    /// Eviction reasons the kubelet should act on (emptyDir over its sizeLimit), drained.
    pub fn take_evictions(&mut self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for sb in self.sandboxes.values_mut() {
            for note in sb.evictions.drain(..) {
                out.push((sb.uid.clone(), note));
            }
        }
        out
    }

    /// The explanation (ko/en) of the last start problem of a container,
    /// such as a shell syntax error.
    pub fn explain(&self, id: &ContainerId) -> Option<Text> {
        self.ctr(id).and_then(|c| c.explain.clone())
    }

    fn ctr(&self, id: &ContainerId) -> Option<&Ctr> {
        self.sandboxes.get(&id.pod_uid)?.containers.get(&id.container)
    }
}

/// The kinds of traffic the UI animates, re-exported for convenience.
pub use crate::runtime::Traffic;

impl PodRuntime {
    /// Every kind of traffic, for legends in the UI.
    pub fn traffic_kinds() -> [TrafficKind; 6] {
        [
            TrafficKind::Localhost,
            TrafficKind::PodNetwork,
            TrafficKind::External,
            TrafficKind::VolumeWrite,
            TrafficKind::VolumeRead,
            TrafficKind::Probe,
        ]
    }
}
