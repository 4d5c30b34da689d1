//! The contract between the simulated kubelet (`cluster`) and what runs
//! inside containers (`internals`): the kubelet decides *when* containers
//! start, stop and get probed, following upstream; the runtime decides what
//! the program inside does (exit codes, logs, ports, files, traffic).
//!
//! Shaped like the CRI seen from the kubelet, but sans-IO: every call takes
//! the virtual time, and what happened is drained from [`ContainerRuntime::advance`].

use serde::{Deserialize, Serialize};

use crate::model::{Container, Pod};
use crate::time::SimTime;

/// Names one container of one pod instance.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ContainerId {
    /// The pod's UID: a recreated pod with the same name is another pod.
    pub pod_uid: String,
    pub container: String,
}

/// What the runtime is told about a pod when its sandbox is created.
#[derive(Clone, Debug, PartialEq)]
pub struct SandboxSpec<'a> {
    pub pod: &'a Pod,
    pub pod_uid: &'a str,
    pub pod_ip: &'a str,
    pub node_name: &'a str,
}

/// Why a container could not be started at all (the kubelet turns these
/// into `CreateContainerError`, `RunContainerError`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartError {
    pub reason: String,
    pub message: String,
}

/// A signal the kubelet sends to a container's main process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Signal {
    Term,
    Kill,
}

/// What a probe or lifecycle handler asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProbeAction {
    Exec { command: Vec<String> },
    HttpGet { port: u16, path: String, host: Option<String> },
    TcpSocket { port: u16 },
    Grpc { port: u16 },
}

/// A probe's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProbeResult {
    Success,
    Failure { message: String },
}

/// Something that happened inside the pod, drained by the kubelet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuntimeEvent {
    /// The container's main process ended. `oom_killed` marks a kill by the
    /// memory limit (exit code 137, reason `OOMKilled`).
    Exited { id: ContainerId, at: SimTime, exit_code: i32, oom_killed: bool },
    /// A line the container wrote to stdout or stderr.
    Log { id: ContainerId, at: SimTime, line: String },
    /// Something crossed a boundary: localhost, the pod network, a volume.
    Traffic(Traffic),
}

/// One animatable exchange: a request, a response, a volume read or write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Traffic {
    pub at: SimTime,
    pub pod_uid: String,
    pub kind: TrafficKind,
    /// Container name, `kubelet`, `outside`, or an external host.
    pub from: String,
    pub to: String,
    /// Port, path or file, as the UI shows it (`localhost:6379`, `/var/log/app.log`).
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrafficKind {
    /// Between containers of one pod over 127.0.0.1.
    Localhost,
    /// To or from the pod's IP on the flat pod network.
    PodNetwork,
    /// Out of the pod to a host outside the cluster.
    External,
    VolumeWrite,
    VolumeRead,
    Probe,
}

/// What runs inside the containers of every pod on the cluster.
pub trait ContainerRuntime {
    /// Creates the pod sandbox (its net/uts/ipc namespaces and volumes).
    fn create_sandbox(&mut self, sandbox: &SandboxSpec<'_>, now: SimTime);

    /// Starts one container's program. Failures that happen later (a port
    /// already in use, a crash) arrive as [`RuntimeEvent::Exited`].
    fn start(&mut self, id: &ContainerId, container: &Container, now: SimTime) -> Result<(), StartError>;

    /// Runs every program up to `now` and drains what happened, in time order.
    fn advance(&mut self, now: SimTime) -> Vec<RuntimeEvent>;

    /// The next virtual time at which some program wants to act, if any: the
    /// cluster never advances past it without calling [`Self::advance`].
    fn next_wakeup(&self) -> Option<SimTime>;

    /// Runs a probe or handler against a running container.
    fn probe(&mut self, id: &ContainerId, action: &ProbeAction, now: SimTime) -> ProbeResult;

    /// Delivers a signal to the container's main process.
    fn signal(&mut self, id: &ContainerId, signal: Signal, now: SimTime);

    /// Tears the sandbox down: the pod is gone.
    fn remove_sandbox(&mut self, pod_uid: &str, now: SimTime);

    /// Stops a finished pod's sandbox (CRI `StopPodSandbox`): its processes
    /// and network are gone, but its exited containers, and so their logs,
    /// stay until the pod is deleted, as the kubelet keeps them
    /// (`pkg/kubelet/kuberuntime/kuberuntime_gc.go` removes them only with
    /// the pod). Runtimes that keep nothing remove the sandbox.
    fn stop_sandbox(&mut self, pod_uid: &str, now: SimTime) {
        self.remove_sandbox(pod_uid, now);
    }

    /// Pulls an image; an error is an `ErrImagePull` with the registry's
    /// message. Runtimes that cannot fail a pull keep the default.
    fn pull_image(&mut self, image: &str, now: SimTime) -> Result<(), StartError> {
        let _ = (image, now);
        Ok(())
    }

    /// Starts an ephemeral container (`kubectl debug`): like [`Self::start`],
    /// but in the process namespace of `target` when one is named, and with
    /// its stdin held open when `stdin` is set (a shell waits on it instead of
    /// exiting). Runtimes without namespaces keep the default.
    fn start_ephemeral(
        &mut self,
        id: &ContainerId,
        container: &Container,
        target: Option<&str>,
        stdin: bool,
        now: SimTime,
    ) -> Result<(), StartError> {
        let _ = (target, stdin);
        self.start(id, container, now)
    }

    /// Applies new resources to a running container, as CRI
    /// `UpdateContainerResources` does for an in-place resize. Runtimes
    /// that model no limits keep the default.
    fn update_resources(&mut self, id: &ContainerId, resources: &crate::model::ResourceRequirements, now: SimTime) {
        let _ = (id, resources, now);
    }

    /// A container's memory use in bytes, when the runtime models it (the
    /// kubelet checks it before it lowers a memory limit).
    fn memory_usage(&self, id: &ContainerId) -> Option<u64> {
        let _ = id;
        None
    }

    /// Applies new pod-level resources to the pod's cgroup.
    fn update_pod_resources(
        &mut self,
        pod_uid: &str,
        resources: Option<&crate::model::ResourceRequirements>,
        now: SimTime,
    ) {
        let _ = (pod_uid, resources, now);
    }
    /// Runs a lifecycle hook's command in a running container and waits for
    /// it, as the kubelet's `RunInContainer` does through CRI `ExecSync`.
    /// Runtimes without a shell answer through [`Self::probe`].
    fn exec_sync(&mut self, id: &ContainerId, command: &[String], now: SimTime) -> ExecSyncResult {
        match self.probe(id, &ProbeAction::Exec { command: command.to_vec() }, now) {
            ProbeResult::Success => ExecSyncResult { exit_code: 0, stdout: String::new(), stderr: String::new() },
            ProbeResult::Failure { message } => ExecSyncResult { exit_code: 1, stdout: String::new(), stderr: message },
        }
    }

    /// The termination message of a container that has just exited, as the
    /// kubelet reads it (`getTerminationMessage` and
    /// `readLastStringFromContainerLogs` in
    /// `pkg/kubelet/kuberuntime/kuberuntime_container.go`): the end of the
    /// file at `path`, or, with `fallback_to_logs` and no message in the
    /// file, the end of the container's log. Runtimes without files keep
    /// the default (no message).
    fn termination_message(&mut self, id: &ContainerId, path: &str, fallback_to_logs: bool) -> Option<String> {
        let _ = (id, path, fallback_to_logs);
        None
    }
}

/// What a command run with [`ContainerRuntime::exec_sync`] left behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecSyncResult {
    pub exit_code: i32,
    pub stdout: String,
    pub stderr: String,
}
