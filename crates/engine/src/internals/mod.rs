//! Inside the pod: the simulated container runtime. [`PodRuntime`] holds
//! every pod sandbox on the cluster (its shared net/UTS/IPC namespaces, its
//! volumes and port table) and runs each container's program (the shell
//! subset, or an image's server) on the virtual clock, reporting exits, log
//! lines and traffic to the kubelet through [`ContainerRuntime`].

pub mod catalogue;
pub mod fs;
mod host;
pub mod query;

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use crate::model::{Container, Pod, Volume};
use crate::quantity::Quantity;
use crate::runtime::{
    ContainerId, ContainerRuntime, ProbeAction, ProbeResult, RuntimeEvent, SandboxSpec, Signal, StartError, TrafficKind,
};
use crate::shell::{self, Process, Proto, Request, RunOutcome, Service, STEPS_PER_WAKE};
use crate::text::Text;
use crate::time::SimTime;

use fs::Tree;
pub use host::Outside;
use host::{push_log, CtrHost, EVENTS_MAX};

/// Lines kept per container log (and per previous instance).
pub const LOG_LINES_MAX: usize = 1000;
/// Sandboxes the runtime holds.
pub const SANDBOXES_MAX: usize = 1000;
/// Containers per sandbox.
const CONTAINERS_MAX: usize = 64;
/// The first namespace inode handed out (the host's own are 4026531834–4026531841).
const FIRST_INODE: u64 = 4_026_532_200;
/// The host's user and time namespaces, shared by every container (no user namespaces).
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
pub struct ExecOutput {
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

    /// Stores a ConfigMap's data for configMap volumes and env (`ns/name`).
    pub fn set_config_map(&mut self, namespace: &str, name: &str, data: BTreeMap<String, String>) {
        self.config_maps.insert((ns_or_default(namespace), name.to_string()), data);
        self.refresh_projections();
    }

    /// Stores a Secret's data, already decoded from base64.
    pub fn set_secret(&mut self, namespace: &str, name: &str, data: BTreeMap<String, String>) {
        self.secrets.insert((ns_or_default(namespace), name.to_string()), data);
        self.refresh_projections();
    }

    pub fn remove_config_map(&mut self, namespace: &str, name: &str) {
        self.config_maps.remove(&(ns_or_default(namespace), name.to_string()));
    }

    pub fn remove_secret(&mut self, namespace: &str, name: &str) {
        self.secrets.remove(&(ns_or_default(namespace), name.to_string()));
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
        let Some(c) = self.ctr(id) else { return Vec::new() };
        let ring = if previous { &c.previous_logs } else { &c.logs };
        ring.iter().cloned().collect()
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

    /// CPU and memory per container, as `kubectl top pod --containers` shows.
    pub fn usage(&self, pod_uid: &str) -> Vec<ContainerUsage> {
        let Some(sb) = self.sandboxes.get(pod_uid) else { return Vec::new() };
        sb.order
            .iter()
            .filter_map(|n| sb.containers.get(n))
            .map(|c| {
                let want = if c.running { c.cpu_millicores } else { 0 };
                let cpu = c.cpu_limit_millicores.map_or(want, |l| want.min(l));
                ContainerUsage {
                    container: c.name.clone(),
                    cpu_millicores: cpu,
                    memory_bytes: if c.running { memory_of(sb, c) } else { 0 },
                    cpu_throttled: c.cpu_limit_millicores.is_some_and(|l| want > l),
                }
            })
            .collect()
    }

    fn ctr(&self, id: &ContainerId) -> Option<&Ctr> {
        self.sandboxes.get(&id.pod_uid)?.containers.get(&id.container)
    }

    /// Runs a command in a running container, as `kubectl exec` does: in the
    /// container's mount view, with the pod's hostname and the container's
    /// pid namespace. Sleeps take no virtual time; a command that would
    /// block forever (`tail -f`) is ended, with what it printed so far.
    pub fn exec(&mut self, id: &ContainerId, argv: &[String], now: SimTime) -> Result<ExecOutput, Text> {
        let Some(sb) = self.sandboxes.get(&id.pod_uid) else {
            return Err(Text::new("파드를 찾을 수 없습니다.", "pod not found"));
        };
        let Some(c) = sb.containers.get(&id.container) else {
            return Err(Text::new(
                format!("{} 컨테이너를 찾을 수 없습니다.", id.container),
                format!("container {} not found", id.container),
            ));
        };
        if !c.running {
            return Err(Text::new(
                "컨테이너가 실행 중이 아니어서 exec 할 수 없습니다.",
                "unable to upgrade connection: container not found (\"".to_string() + &id.container + "\")",
            ));
        }
        let env = c.env.clone();
        self.dirty = true;
        self.clock = self.clock.max(now);
        let script = match shell::program_for(argv) {
            Err(_) => {
                let first = argv.first().cloned().unwrap_or_default();
                return Ok(ExecOutput {
                    stdout: String::new(),
                    stderr: format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{first}\": executable file not found in $PATH: unknown"),
                    exit_code: 127,
                });
            }
            Ok(Err(e)) => {
                return Ok(ExecOutput { stdout: String::new(), stderr: format!("sh: {}\n", e.message), exit_code: 2 });
            }
            Ok(Ok(s)) => s,
        };
        // The pod is taken out of the map while the command runs, so that
        // requests to other pods' IPs can reach them.
        let Some(mut sb) = self.sandboxes.remove(&id.pod_uid) else {
            return Err(Text::new("파드를 찾을 수 없습니다.", "pod not found"));
        };
        let mut h = CtrHost {
            sb: &mut sb,
            ctr: id.container.clone(),
            now,
            events: &mut self.events,
            outside: &mut self.outside,
            event_bytes: &mut self.event_bytes,
            others: Some(&mut self.sandboxes),
        };
        let pid = shell::Host::next_pid(&mut h);
        let mut p = Process::captured(script, env, pid, argv.join(" "), None);
        let mut budget = STEPS_PER_WAKE;
        p.run_to_end(now, &mut h, &mut budget);
        let exit_code = p.exit_code().unwrap_or(0);
        let (stdout, stderr) = p.take_captured();
        self.sandboxes.insert(id.pod_uid.clone(), sb);
        Ok(ExecOutput { stdout, stderr, exit_code })
    }

    /// A request from outside the pod to one of its ports (`kubectl
    /// port-forward` or the pod IP), answered by whichever container listens.
    pub fn port_forward_request(
        &mut self,
        pod_uid: &str,
        port: u16,
        path: &str,
        now: SimTime,
    ) -> Result<HttpAnswer, Text> {
        let Some(sb) = self.sandboxes.get_mut(pod_uid) else {
            return Err(Text::new("파드를 찾을 수 없습니다.", "pod not found"));
        };
        let pod_ip = sb.pod_ip.clone();
        self.dirty = true;
        self.clock = self.clock.max(now);
        let mut h = CtrHost {
            sb,
            ctr: String::new(),
            now,
            events: &mut self.events,
            outside: &mut self.outside,
            event_bytes: &mut self.event_bytes,
            others: None,
        };
        let req = Request {
            host: pod_ip.clone(),
            port,
            proto: Proto::Http { path: path.to_string() },
            agent: "kubectl".to_string(),
        };
        match h.route("outside", &req, 0) {
            Ok(r) => Ok(HttpAnswer { status: r.status, body: r.body }),
            Err(_) => Err(Text::new(
                format!("파드의 {port}번 포트에서 수신 대기 중인 컨테이너가 없습니다."),
                format!("error forwarding port {port} to pod {pod_uid}, uid : failed to execute portforward in network namespace: failed to connect to localhost:{port} inside namespace: connection refused"),
            )),
        }
    }

    fn refresh_projections(&mut self) {
        let cms = self.config_maps.clone();
        let secrets = self.secrets.clone();
        for sb in self.sandboxes.values_mut() {
            let ns = sb.namespace.clone();
            for v in sb.volumes.values_mut() {
                if matches!(v.kind, VolKind::ConfigMap { .. } | VolKind::Secret { .. } | VolKind::Projected) {
                    fill_projection(v, &ns, &cms, &secrets);
                }
            }
            sb.fs_version = sb.fs_version.wrapping_add(1);
        }
        self.dirty = true;
    }

    fn make_volume(&mut self, v: &Volume, pod: &Pod, spec: &SandboxSpec<'_>) -> Vol {
        let mut vol = Vol {
            name: v.name.clone(),
            kind: VolKind::EmptyDir,
            tree: Tree::new(),
            read_only: false,
            memory: false,
            size_limit: None,
            size_limit_text: String::new(),
            over_limit: false,
            not_ready: None,
            source: v.clone(),
        };
        if let Some(ed) = &v.empty_dir {
            vol.memory = ed.medium.as_deref() == Some("Memory");
            vol.size_limit = quantity_bytes(ed.size_limit.as_ref());
            vol.size_limit_text = ed
                .size_limit
                .as_deref()
                .map(|s| Quantity::parse(s).map(|q| q.canonical()).unwrap_or_else(|_| s.to_string()))
                .unwrap_or_default();
        } else if let Some(cm) = &v.config_map {
            vol.kind = VolKind::ConfigMap { name: yaml_str(cm, "name").unwrap_or("").to_string() };
            vol.read_only = true;
        } else if let Some(s) = &v.secret {
            vol.kind = VolKind::Secret { name: yaml_str(s, "secretName").unwrap_or("").to_string() };
            vol.read_only = true;
        } else if let Some(d) = &v.downward_api {
            vol.kind = VolKind::DownwardApi;
            vol.read_only = true;
            if let Some(items) = d.get("items").and_then(|i| i.as_array()) {
                for item in items.iter().take(64) {
                    let path = yaml_str(item, "path").unwrap_or("");
                    let field = item.get("fieldRef").and_then(|f| yaml_str(f, "fieldPath")).unwrap_or("");
                    let value = downward_field(pod, spec, field);
                    if !path.is_empty() {
                        vol.tree.put(&fs::components(path).join("/"), &value);
                    }
                }
            }
        } else if let Some(hp) = &v.host_path {
            let path = yaml_str(hp, "path").unwrap_or("/").to_string();
            vol.tree = self.host_paths.get(&(spec.node_name.to_string(), path.clone())).cloned().unwrap_or_default();
            vol.kind = VolKind::HostPath { path };
        } else if let Some(pvc) = &v.persistent_volume_claim {
            let name = yaml_str(pvc, "claimName").unwrap_or("").to_string();
            vol.tree =
                self.claims.get(&(ns_or_default(&pod.metadata.namespace), name.clone())).cloned().unwrap_or_default();
            vol.read_only = yaml_bool(pvc, "readOnly");
            vol.kind = VolKind::Claim { name };
        } else if v.projected.is_some() {
            vol.kind = VolKind::Projected;
            vol.read_only = true;
        } else {
            vol.kind = VolKind::Other(v.other.keys().next().cloned().unwrap_or_default());
        }
        let ns = ns_or_default(&pod.metadata.namespace);
        fill_projection(&mut vol, &ns, &self.config_maps, &self.secrets);
        vol
    }

    fn start_inner(&mut self, id: &ContainerId, container: &Container, now: SimTime) -> Result<(), StartError> {
        self.pull(container.image.as_deref().unwrap_or(""))?;
        let mnt_ns = self.inode();
        let cgroup_ns = self.inode();
        let own_pid_ns = self.inode();
        let cms = self.config_maps.clone();
        let secrets = self.secrets.clone();
        let Some(sb) = self.sandboxes.get_mut(&id.pod_uid) else {
            return Err(StartError {
                reason: "CreateContainerError".into(),
                message: format!("pod sandbox for {} not found", id.pod_uid),
            });
        };
        if sb.containers.len() >= CONTAINERS_MAX && !sb.containers.contains_key(&id.container) {
            return Err(StartError {
                reason: "CreateContainerError".into(),
                message: "too many containers in one pod".into(),
            });
        }
        let image_ref = container.image.clone().unwrap_or_default();
        let image = catalogue::lookup(&image_ref);
        // Mounts: every volume must exist and be ready.
        let mut mounts = Vec::new();
        for m in &container.volume_mounts {
            let Some(v) = sb.volumes.get_mut(&m.name) else {
                return Err(StartError {
                    reason: "CreateContainerConfigError".into(),
                    message: format!(
                        "cannot find volume \"{}\" to mount into container \"{}\"",
                        m.name, container.name
                    ),
                });
            };
            if v.not_ready.is_some() {
                fill_projection(v, &sb.namespace, &cms, &secrets);
            }
            if let Some(why) = &v.not_ready {
                return Err(StartError {
                    reason: "FailedMount".into(),
                    message: format!("MountVolume.SetUp failed for volume \"{}\" : {why}", m.name),
                });
            }
            let sub = m.sub_path.clone().unwrap_or_default();
            if !sub.is_empty() && v.tree.get(&fs::components(&sub).join("/")).is_none() {
                let _ = v.tree.mkdir_all(&fs::components(&sub).join("/"));
            }
            mounts.push(Mount {
                path: fs::normalize(&m.mount_path),
                volume: m.name.clone(),
                sub_path: sub,
                read_only: m.read_only.unwrap_or(false),
            });
        }
        // The image's root, plus the files the kubelet writes for every container.
        let mut rootfs = Tree::new();
        for d in ["bin", "dev", "etc", "proc", "root", "tmp", "usr/bin", "var/log", "var/run"] {
            let _ = rootfs.mkdir_all(d);
        }
        for (path, text) in &image.files {
            rootfs.put(path, text);
        }
        rootfs.put("etc/hostname", &format!("{}\n", sb.hostname));
        // Follows pkg/kubelet/kubelet_pods.go managedHostsFileContent.
        rootfs.put(
            "etc/hosts",
            &format!("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{}\t{}\n", sb.pod_ip, sb.hostname),
        );
        rootfs.put(
            "etc/resolv.conf",
            &format!(
                "search {}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
                sb.namespace
            ),
        );
        if !container
            .volume_mounts
            .iter()
            .any(|m| fs::normalize(&m.mount_path) == "/var/run/secrets/kubernetes.io/serviceaccount")
        {
            rootfs.put("var/run/secrets/kubernetes.io/serviceaccount/namespace", &sb.namespace);
            rootfs.put(
                "var/run/secrets/kubernetes.io/serviceaccount/token",
                "eyJhbGciOiJSUzI1NiJ9.podplay-simulated-token",
            );
        }
        // Environment: defaults, then the container's own.
        let mut env: BTreeMap<String, String> = BTreeMap::new();
        env.insert("PATH".into(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into());
        env.insert("HOSTNAME".into(), sb.hostname.clone());
        env.insert("HOME".into(), "/root".into());
        env.insert("KUBERNETES_SERVICE_HOST".into(), "10.96.0.1".into());
        env.insert("KUBERNETES_SERVICE_PORT".into(), "443".into());
        let ports: Vec<String> = container.ports.iter().map(|p| p.container_port.to_string()).collect();
        env.insert("PODPLAY_PORTS".into(), ports.join(","));
        for e in container.env.iter().take(256) {
            let value = match (&e.value, &e.value_from) {
                (Some(v), _) => crate::expansion::expand(v, |n| env.get(n).cloned()),
                (None, Some(from)) => env_from(from, sb, &cms, &secrets).unwrap_or_default(),
                (None, None) => String::new(),
            };
            env.insert(e.name.clone(), value);
        }
        let lookup = |n: &str| env.get(n).cloned();
        let command: Vec<String> = container.command.iter().map(|a| crate::expansion::expand(a, lookup)).collect();
        let args: Vec<String> = container.args.iter().map(|a| crate::expansion::expand(a, lookup)).collect();
        let argv = catalogue::argv(&image, &command, &args);
        let program = match shell::program_for(&argv) {
            // An image's own binary (`/usr/local/bin/etcd`): outside the shell
            // images, it runs as a generic long-running program.
            Err(shell::SpawnError::NotFound(cmd)) if image.kind != "shell" && !cmd.is_empty() => {
                shell::program_for(&["app".to_string()])
                    .map_err(|_| StartError { reason: "StartError".into(), message: "app".into() })?
            }
            Err(shell::SpawnError::NotFound(cmd)) => {
                return Err(StartError {
                    reason: "StartError".into(),
                    message: format!("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"{cmd}\": executable file not found in $PATH: unknown"),
                });
            }
            Ok(p) => p,
        };
        let resources = container.resources.clone().unwrap_or_default();
        let mem_limit = quantity_bytes(resources.limits.get("memory"));
        let cpu_limit = quantity_millis(resources.limits.get("cpu"));
        let pid_ns = sb.shared_pid_ns.unwrap_or(own_pid_ns);
        // A restart keeps the previous instance's logs for `--previous`.
        let (previous_logs, restarts) = match sb.containers.remove(&id.container) {
            Some(old) => (old.logs, old.restarts + 1),
            None => (VecDeque::new(), 0),
        };
        for (_, (owner, _)) in sb.ports.iter().filter(|(_, (o, _))| *o == id.container) {
            let _ = owner;
        }
        sb.ports.retain(|_, (owner, _)| *owner != id.container);
        let main_pid = if sb.share_pid {
            sb.next_shared_pid = sb.next_shared_pid.saturating_add(1);
            sb.next_shared_pid
        } else {
            1
        };
        let cmdline = argv.join(" ");
        let mut ctr = Ctr {
            name: id.container.clone(),
            image: image_ref,
            kind: image.kind,
            rootfs,
            mounts,
            mnt_ns,
            pid_ns,
            cgroup_ns,
            process: None,
            running: true,
            exit_code: None,
            oom_killed: false,
            main_pid,
            next_pid: main_pid,
            argv: argv.clone(),
            logs: VecDeque::new(),
            previous_logs,
            base_memory_bytes: image.base_memory_bytes,
            extra_memory_bytes: 0,
            cpu_millicores: 0,
            memory_limit_bytes: mem_limit,
            cpu_limit_millicores: cpu_limit,
            spin: 0,
            spin_until: None,
            restarts,
            started_at: now,
            explain: None,
            env: env.clone(),
            terminating: false,
        };
        let direct =
            !matches!(argv.first().map(|a| shell::builtins::base_name(a)), Some("sh" | "bash" | "ash" | "dash"));
        match program {
            Ok(script) => {
                let mut p = Process::new(script, env, main_pid, cmdline);
                p.set_direct(direct);
                p.start_at(now);
                ctr.process = Some(p);
            }
            Err(e) => {
                // BusyBox prints the error and exits 2; the explanation is kept for the UI.
                push_log(&mut ctr.logs, now, &format!("sh: {}", e.message));
                if self.events.len() < EVENTS_MAX {
                    self.events.push(RuntimeEvent::Log { id: id.clone(), at: now, line: format!("sh: {}", e.message) });
                }
                ctr.explain = Some(e.explain);
                let Ok(exit) = shell::parse("exit 2") else { return Ok(()) };
                let mut p = Process::new(std::sync::Arc::new(exit), BTreeMap::new(), main_pid, "sh".into());
                p.start_at(now);
                ctr.process = Some(p);
            }
        }
        if !sb.order.contains(&id.container) {
            sb.order.push(id.container.clone());
        }
        sb.containers.insert(id.container.clone(), ctr);
        self.dirty = true;
        Ok(())
    }

    /// Runs one container's program at `t`; returns whether it did anything.
    fn run_container(&mut self, uid: &str, name: &str, t: SimTime, force: bool) -> bool {
        // Cheap checks first, without moving anything.
        {
            let Some(sb) = self.sandboxes.get(uid) else { return false };
            let Some(c) = sb.containers.get(name) else { return false };
            if !c.running || c.spin_until.is_some_and(|s| s > t) {
                return false;
            }
            let Some(p) = c.process.as_ref() else { return false };
            let due = c.spin_until.is_some_and(|s| s <= t) || p.wakeup().is_some_and(|w| w <= t);
            if !force && !due && !p.runnable(t, sb.fs_version) {
                return false;
            }
        }
        // The pod is taken out of the map while its program runs, so that
        // requests to other pods' IPs can reach them.
        let Some(mut sb) = self.sandboxes.remove(uid) else { return false };
        let Some(mut p) = sb.containers.get_mut(name).and_then(|c| c.process.take()) else {
            self.sandboxes.insert(uid.to_string(), sb);
            return false;
        };
        let mut h = CtrHost {
            sb: &mut sb,
            ctr: name.to_string(),
            now: t,
            events: &mut self.events,
            outside: &mut self.outside,
            event_bytes: &mut self.event_bytes,
            others: Some(&mut self.sandboxes),
        };
        let mut budget = STEPS_PER_WAKE;
        let outcome = p.run(t, &mut h, &mut budget);
        if let Some(c) = h.sb.containers.get_mut(name) {
            match outcome {
                RunOutcome::Spinning => {
                    c.spin = c.spin.saturating_add(1);
                    c.spin_until = Some(t.plus_ms(1000u64 << c.spin.min(6)));
                    c.cpu_millicores = 1000;
                }
                RunOutcome::Idle => {
                    if c.spin > 0 {
                        c.cpu_millicores = 0;
                    }
                    c.spin = 0;
                    c.spin_until = None;
                }
            }
        }
        let mem = memory_of_parts(h.sb, name);
        let over = h.sb.containers.get(name).is_some_and(|c| c.memory_limit_bytes.is_some_and(|l| mem > l));
        if over && p.exit_code().is_none() {
            if let Some(c) = h.sb.containers.get_mut(name) {
                c.oom_killed = true;
            }
            p.kill(137, &mut h);
        }
        if let Some(code) = p.exit_code() {
            let mut oom = false;
            if let Some(c) = h.sb.containers.get_mut(name) {
                c.running = false;
                c.exit_code = Some(code);
                c.cpu_millicores = 0;
                oom = c.oom_killed;
            }
            h.sb.ports.retain(|_, (owner, _)| owner != name);
            h.events.push(RuntimeEvent::Exited {
                id: ContainerId { pod_uid: uid.to_string(), container: name.to_string() },
                at: t,
                exit_code: code,
                oom_killed: oom,
            });
        }
        if let Some(c) = sb.containers.get_mut(name) {
            c.process = Some(p);
        }
        self.sandboxes.insert(uid.to_string(), sb);
        true
    }

    /// The earliest time any program wants to run, and whether something can run at `self.clock`.
    fn earliest(&self) -> Option<SimTime> {
        let mut best: Option<SimTime> = None;
        for sb in self.sandboxes.values() {
            for c in sb.containers.values() {
                if !c.running {
                    continue;
                }
                let w = match (c.spin_until, c.process.as_ref().and_then(|p| p.wakeup())) {
                    (Some(s), _) => Some(s),
                    (None, w) => w,
                };
                if let Some(w) = w {
                    best = Some(best.map_or(w, |b: SimTime| b.min(w)));
                }
            }
        }
        best
    }

    fn run_instant(&mut self, t: SimTime, force: bool) {
        let uids: Vec<String> = self.sandboxes.keys().cloned().collect();
        for uid in uids {
            let Some(sb) = self.sandboxes.get(&uid) else { continue };
            // Pods do not share files or clocks: only a pod with something due runs.
            if !force && !sandbox_due(sb, t) {
                continue;
            }
            let names = sb.order.clone();
            for pass in 0..32 {
                let mut any = false;
                for name in &names {
                    any |= self.run_container(&uid, name, t, force && pass == 0);
                }
                if !any {
                    break;
                }
            }
        }
    }
}

/// Whether some program of the pod wants to run at or before `t`.
fn sandbox_due(sb: &Sandbox, t: SimTime) -> bool {
    sb.containers.values().any(|c| {
        c.running
            && match c.spin_until {
                Some(s) => s <= t,
                None => c.process.as_ref().and_then(|p| p.wakeup()).is_some_and(|w| w <= t),
            }
    })
}

fn ns_or_default(ns: &str) -> String {
    if ns.is_empty() {
        "default".to_string()
    } else {
        ns.to_string()
    }
}

fn memory_of(sb: &Sandbox, c: &Ctr) -> u64 {
    let tmpfs: u64 = c
        .mounts
        .iter()
        .filter_map(|m| sb.volumes.get(&m.volume))
        .filter(|v| v.memory)
        .map(|v| v.tree.bytes() as u64)
        .sum();
    c.base_memory_bytes.saturating_add(c.extra_memory_bytes).saturating_add(tmpfs)
}

fn memory_of_parts(sb: &Sandbox, name: &str) -> u64 {
    sb.containers.get(name).map_or(0, |c| memory_of(sb, c))
}

/// A downward API field, as `fieldRef.fieldPath` names it.
fn downward_field(pod: &Pod, spec: &SandboxSpec<'_>, field: &str) -> String {
    let kv = |m: &BTreeMap<String, String>| m.iter().map(|(k, v)| format!("{k}=\"{v}\"\n")).collect::<String>();
    match field {
        "metadata.name" => pod.metadata.name.clone(),
        "metadata.namespace" => ns_or_default(&pod.metadata.namespace),
        "metadata.uid" => spec.pod_uid.to_string(),
        "metadata.labels" => kv(&pod.metadata.labels),
        "metadata.annotations" => kv(&pod.metadata.annotations),
        "spec.nodeName" => spec.node_name.to_string(),
        "status.podIP" => spec.pod_ip.to_string(),
        "spec.serviceAccountName" => pod.spec.service_account_name.clone().unwrap_or_else(|| "default".into()),
        f => {
            if let Some(key) = f.strip_prefix("metadata.labels['").and_then(|r| r.strip_suffix("']")) {
                return pod.metadata.labels.get(key).cloned().unwrap_or_default();
            }
            if let Some(key) = f.strip_prefix("metadata.annotations['").and_then(|r| r.strip_suffix("']")) {
                return pod.metadata.annotations.get(key).cloned().unwrap_or_default();
            }
            String::new()
        }
    }
}

/// `valueFrom` of an env var: fieldRef, configMapKeyRef, secretKeyRef.
fn env_from(
    from: &serde_json::Value,
    sb: &Sandbox,
    cms: &BTreeMap<(String, String), BTreeMap<String, String>>,
    secrets: &BTreeMap<(String, String), BTreeMap<String, String>>,
) -> Option<String> {
    if let Some(f) = from.get("fieldRef") {
        return Some(match yaml_str(f, "fieldPath")? {
            "metadata.name" => sb.name.clone(),
            "metadata.namespace" => sb.namespace.clone(),
            "metadata.uid" => sb.uid.clone(),
            "status.podIP" => sb.pod_ip.clone(),
            "spec.nodeName" => sb.node.clone(),
            p => {
                if let Some(key) = p.strip_prefix("metadata.annotations['").and_then(|r| r.strip_suffix("']")) {
                    return Some(sb.annotations.get(key).cloned().unwrap_or_default());
                }
                let key = p.strip_prefix("metadata.labels['")?.strip_suffix("']")?;
                sb.labels.get(key).cloned().unwrap_or_default()
            }
        });
    }
    if let Some(r) = from.get("configMapKeyRef") {
        return cms.get(&(sb.namespace.clone(), yaml_str(r, "name")?.to_string()))?.get(yaml_str(r, "key")?).cloned();
    }
    if let Some(r) = from.get("secretKeyRef") {
        return secrets
            .get(&(sb.namespace.clone(), yaml_str(r, "name")?.to_string()))?
            .get(yaml_str(r, "key")?)
            .cloned();
    }
    None
}

/// Fills a configMap, secret or projected volume from the stored objects;
/// a missing, non-optional object leaves it not ready (upstream's message).
fn fill_projection(
    v: &mut Vol,
    ns: &str,
    cms: &BTreeMap<(String, String), BTreeMap<String, String>>,
    secrets: &BTreeMap<(String, String), BTreeMap<String, String>>,
) {
    let mut sources: Vec<(&str, serde_json::Value)> = Vec::new();
    if let Some(cm) = &v.source.config_map {
        sources.push(("configmap", cm.clone()));
    }
    if let Some(s) = &v.source.secret {
        sources.push(("secret", s.clone()));
    }
    if let Some(p) = &v.source.projected {
        for s in p.get("sources").and_then(|s| s.as_array()).cloned().unwrap_or_default().into_iter().take(32) {
            if let Some(cm) = s.get("configMap") {
                sources.push(("configmap", cm.clone()));
            }
            if let Some(sec) = s.get("secret") {
                sources.push(("secret", sec.clone()));
            }
            if let Some(tok) = s.get("serviceAccountToken") {
                let path = yaml_str(tok, "path").unwrap_or("token").to_string();
                v.tree.put(&fs::components(&path).join("/"), "eyJhbGciOiJSUzI1NiJ9.podplay-simulated-token");
            }
        }
    }
    if sources.is_empty() {
        return;
    }
    v.not_ready = None;
    for (kind, src) in sources {
        let name = yaml_str(&src, "name").or_else(|| yaml_str(&src, "secretName")).unwrap_or("").to_string();
        let optional = yaml_bool(&src, "optional");
        let store = if kind == "configmap" { cms } else { secrets };
        let Some(data) = store.get(&(ns.to_string(), name.clone())) else {
            if !optional {
                v.not_ready = Some(format!("{kind} \"{name}\" not found"));
            }
            continue;
        };
        let items = src.get("items").and_then(|i| i.as_array()).cloned().unwrap_or_default();
        if items.is_empty() {
            for (k, val) in data.iter().take(256) {
                v.tree.put(k, val);
            }
        } else {
            for item in items.iter().take(256) {
                let key = yaml_str(item, "key").unwrap_or("");
                let path = yaml_str(item, "path").unwrap_or(key);
                match data.get(key) {
                    Some(val) => v.tree.put(&fs::components(path).join("/"), val),
                    None if !optional => {
                        v.not_ready = Some(format!("configmap references non-existent config key: {key}"));
                    }
                    None => {}
                }
            }
        }
    }
}

impl ContainerRuntime for PodRuntime {
    fn create_sandbox(&mut self, spec: &SandboxSpec<'_>, now: SimTime) {
        if self.sandboxes.len() >= SANDBOXES_MAX && !self.sandboxes.contains_key(spec.pod_uid) {
            return;
        }
        let pod = spec.pod;
        let (net_ns, uts_ns, ipc_ns) = (self.inode(), self.inode(), self.inode());
        let share_pid = pod.spec.share_process_namespace == Some(true);
        let shared_pid_ns = share_pid.then(|| self.inode());
        let pause_ns = [self.inode(), shared_pid_ns.unwrap_or_else(|| self.inode()), self.inode()];
        // Follows pkg/kubelet/kubelet_pods.go GeneratePodHostNameAndDomain and
        // truncatePodHostnameIfNeeded: the pod name, cut to 63 characters
        // without a trailing `-` or `.`, unless `hostname` is set.
        let hostname = match &pod.spec.hostname {
            Some(h) if !h.is_empty() => h.clone(),
            _ => {
                let cut: String = pod.metadata.name.chars().take(63).collect();
                cut.trim_end_matches(['-', '.']).to_string()
            }
        };
        let mut volumes = BTreeMap::new();
        for v in pod.spec.volumes.iter().take(64) {
            let vol = self.make_volume(v, pod, spec);
            volumes.insert(v.name.clone(), vol);
        }
        let sb = Sandbox {
            uid: spec.pod_uid.to_string(),
            name: pod.metadata.name.clone(),
            namespace: ns_or_default(&pod.metadata.namespace),
            node: spec.node_name.to_string(),
            pod_ip: spec.pod_ip.to_string(),
            hostname,
            labels: pod.metadata.labels.clone(),
            annotations: pod.metadata.annotations.clone(),
            net_ns,
            uts_ns,
            ipc_ns,
            shared_pid_ns,
            pause_ns,
            share_pid,
            next_shared_pid: 1,
            volumes,
            ports: BTreeMap::new(),
            redis: BTreeMap::new(),
            containers: BTreeMap::new(),
            order: Vec::new(),
            fs_version: 0,
            evictions: Vec::new(),
        };
        self.sandboxes.insert(spec.pod_uid.to_string(), sb);
        if now > self.clock {
            self.clock = now;
        }
    }

    fn start(&mut self, id: &ContainerId, container: &Container, now: SimTime) -> Result<(), StartError> {
        self.start_inner(id, container, now)
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
        let running = self.ctr(id).is_some_and(|c| c.running);
        if !running {
            return ProbeResult::Failure { message: format!("container \"{}\" is not running", id.container) };
        }
        // A probe is a request like any other: it can write logs and files
        // that waiting programs (`tail -F`) must see at the next wake-up.
        self.dirty = true;
        self.clock = self.clock.max(now);
        let Some(sb) = self.sandboxes.get_mut(&id.pod_uid) else {
            return ProbeResult::Failure { message: "pod not found".into() };
        };
        let pod_ip = sb.pod_ip.clone();
        match action {
            ProbeAction::Exec { command } => match self.exec(id, command, now) {
                Ok(out) if out.exit_code == 0 => ProbeResult::Success,
                Ok(out) => {
                    let msg = format!("{}{}", out.stdout, out.stderr);
                    ProbeResult::Failure { message: msg.trim_end().to_string() }
                }
                Err(t) => ProbeResult::Failure { message: t.en },
            },
            // Failure wording follows pkg/probe/http/http.go and pkg/probe/tcp/tcp.go.
            // HTTP, TCP and gRPC probes are one request from the kubelet;
            // only what counts as success and the failure wording differ.
            ProbeAction::HttpGet { .. } | ProbeAction::TcpSocket { .. } | ProbeAction::Grpc { .. } => {
                let (target, port, proto) = match action {
                    ProbeAction::HttpGet { port, path, host } => {
                        (host.clone().unwrap_or_else(|| pod_ip.clone()), *port, Proto::Http { path: path.clone() })
                    }
                    ProbeAction::TcpSocket { port } | ProbeAction::Grpc { port } => (pod_ip.clone(), *port, Proto::Connect),
                    ProbeAction::Exec { .. } => return ProbeResult::Failure { message: "not a network probe".into() },
                };
                let req = Request {
                    host: target.clone(),
                    port,
                    proto,
                    agent: format!("kube-probe/{}", crate::KUBERNETES_VERSION),
                };
                let mut h = CtrHost {
                    sb,
                    ctr: id.container.clone(),
                    now,
                    events: &mut self.events,
                    outside: &mut self.outside,
                    event_bytes: &mut self.event_bytes,
                    others: None,
                };
                let answer = h.route("kubelet", &req, 0);
                match (action, answer) {
                    (ProbeAction::HttpGet { .. }, Ok(r)) if (200..400).contains(&r.status) => ProbeResult::Success,
                    (ProbeAction::HttpGet { .. }, Ok(r)) => {
                        ProbeResult::Failure { message: format!("HTTP probe failed with statuscode: {}", r.status) }
                    }
                    (ProbeAction::HttpGet { path, .. }, Err(_)) => ProbeResult::Failure {
                        message: format!("Get \"http://{target}:{port}{path}\": dial tcp {target}:{port}: connect: connection refused"),
                    },
                    (_, Ok(_)) => ProbeResult::Success,
                    (ProbeAction::Grpc { .. }, Err(_)) => ProbeResult::Failure {
                        message: format!("timeout: failed to connect service \"{target}:{port}\" within 1s: context deadline exceeded"),
                    },
                    (_, Err(_)) => ProbeResult::Failure { message: format!("dial tcp {target}:{port}: connect: connection refused") },
                }
            }
        }
    }

    fn signal(&mut self, id: &ContainerId, signal: Signal, now: SimTime) {
        let Some(sb) = self.sandboxes.get_mut(&id.pod_uid) else { return };
        let share_pid = sb.share_pid;
        let Some(c) = sb.containers.get_mut(&id.container) else { return };
        if !c.running {
            return;
        }
        let Some(mut p) = c.process.take() else { return };
        c.terminating = true;
        let server = matches!(
            c.argv.first().map(|a| shell::builtins::base_name(a)),
            Some(
                "nginx"
                    | "httpd"
                    | "httpd-foreground"
                    | "redis-server"
                    | "socat"
                    | "app"
                    | "fluentd"
                    | "log-collector"
                    | "python"
                    | "python3"
            )
        );
        let kind = c.kind;
        let mut h = CtrHost {
            sb,
            ctr: id.container.clone(),
            now,
            events: &mut self.events,
            outside: &mut self.outside,
            event_bytes: &mut self.event_bytes,
            others: None,
        };
        match signal {
            Signal::Kill => p.kill(137, &mut h),
            Signal::Term if server => {
                if kind == "nginx" {
                    let stamp = shell::builtins::format_date(now, Some("%Y/%m/%d %H:%M:%S"));
                    shell::Host::log(
                        &mut h,
                        &format!("{stamp} [notice] 1#1: signal 15 (SIGTERM) received, exiting"),
                        true,
                    );
                }
                p.kill(0, &mut h);
            }
            // PID 1 ignores signals it has no handler for: a shell keeps running until SIGKILL.
            Signal::Term => p.terminate(!share_pid, &mut h),
        }
        if let Some(c) = self.sandboxes.get_mut(&id.pod_uid).and_then(|sb| sb.containers.get_mut(&id.container)) {
            c.process = Some(p);
        }
        self.dirty = true;
        if now > self.clock {
            self.clock = now;
        }
        // Report the exit (if any) right away, at `now`.
        self.run_container(&id.pod_uid, &id.container, now, true);
    }

    fn pull_image(&mut self, image: &str, _now: SimTime) -> Result<(), StartError> {
        self.pull(image)
    }

    fn remove_sandbox(&mut self, pod_uid: &str, _now: SimTime) {
        if let Some(sb) = self.sandboxes.remove(pod_uid) {
            for v in sb.volumes.into_values() {
                match v.kind {
                    VolKind::HostPath { path } => {
                        self.host_paths.insert((sb.node.clone(), path), v.tree);
                    }
                    VolKind::Claim { name } => {
                        self.claims.insert((sb.namespace.clone(), name), v.tree);
                    }
                    _ => {}
                }
            }
        }
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
