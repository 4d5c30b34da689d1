//! The query API the UI and `kubectl exec`/`describe` use to look inside a
//! pod: which namespaces each container is in (stable fake inode numbers,
//! equal when shared), its processes, mounts, files and listening ports.

use serde::{Deserialize, Serialize};

use super::accounting::memory_of;
use super::host::{resolve, Loc};
use super::{Mount, PodRuntime};
use crate::runtime::ContainerId;
use crate::text::Text;

/// Namespace inode numbers, as `ls -l /proc/<pid>/ns` shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namespaces {
    pub net: u64,
    pub uts: u64,
    pub ipc: u64,
    pub pid: u64,
    pub mnt: u64,
    pub cgroup: u64,
    pub user: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessView {
    pub pid: u32,
    pub command: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerView {
    pub name: String,
    pub image: String,
    /// The catalogue entry the image behaves as (`nginx`, `shell`, `generic`, …).
    pub behaves_as: String,
    pub running: bool,
    pub exit_code: Option<i32>,
    pub oom_killed: bool,
    pub restarts: u32,
    /// When this instance started, on the virtual clock.
    pub started_at: crate::time::SimTime,
    /// The main process's PID in its pid namespace (1 unless the namespace is shared).
    pub main_pid: u32,
    pub hostname: String,
    pub namespaces: Namespaces,
    /// What `ps` shows inside this container (every container's processes
    /// and the pause process when the pid namespace is shared).
    pub processes: Vec<ProcessView>,
    pub mounts: Vec<Mount>,
    /// Ports this container's programs listen on.
    pub listening: Vec<u16>,
    pub memory_bytes: u64,
    pub cpu_millicores: u64,
    pub command: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeView {
    pub name: String,
    /// `emptyDir`, `configMap`, `secret`, `downwardAPI`, `hostPath`, …
    pub kind: String,
    pub memory: bool,
    pub read_only: bool,
    pub bytes: u64,
    pub files: Vec<String>,
    /// Why it cannot be mounted yet, if so.
    pub not_ready: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortView {
    pub port: u16,
    pub container: String,
    pub program: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodInside {
    pub pod_uid: String,
    pub name: String,
    pub hostname: String,
    pub pod_ip: String,
    pub share_process_namespace: bool,
    /// The sandbox's own (pause) namespaces: net, uts, ipc (and pid when shared).
    pub net_ns: u64,
    pub uts_ns: u64,
    pub ipc_ns: u64,
    pub pid_ns: Option<u64>,
    pub containers: Vec<ContainerView>,
    pub volumes: Vec<VolumeView>,
    pub ports: Vec<PortView>,
    /// The pod's own user namespace (`hostUsers: false`), shared by its
    /// containers; `None` when they are in the host's.
    pub user_ns: Option<u64>,
}

impl PodRuntime {
    /// Everything about one pod's insides, for the UI.
    pub fn inspect(&self, pod_uid: &str) -> Option<PodInside> {
        let sb = self.sandboxes.get(pod_uid)?;
        let mut containers = Vec::new();
        for name in &sb.order {
            let Some(c) = sb.containers.get(name) else { continue };
            let mut procs: Vec<(u32, String)> = c.process.as_ref().map(|p| p.processes()).unwrap_or_default();
            if sb.share_pid {
                procs.push((1, "/pause".to_string()));
                for (other, oc) in &sb.containers {
                    if other != name {
                        procs.extend(oc.process.as_ref().map(|p| p.processes()).unwrap_or_default());
                    }
                }
            }
            procs.sort();
            procs.dedup_by_key(|p| p.0);
            containers.push(ContainerView {
                name: c.name.clone(),
                image: c.image.clone(),
                behaves_as: c.kind.to_string(),
                running: c.running,
                exit_code: c.exit_code,
                oom_killed: c.oom_killed,
                restarts: c.restarts,
                started_at: c.started_at,
                main_pid: c.main_pid,
                hostname: sb.hostname.clone(),
                namespaces: Namespaces {
                    net: sb.net_ns,
                    uts: sb.uts_ns,
                    ipc: sb.ipc_ns,
                    pid: c.pid_ns,
                    mnt: c.mnt_ns,
                    cgroup: c.cgroup_ns,
                    user: sb.user_ns,
                },
                processes: procs.into_iter().map(|(pid, command)| ProcessView { pid, command }).collect(),
                mounts: c.mounts.clone(),
                listening: sb.ports.iter().filter(|(_, (o, _))| *o == c.name).map(|(p, _)| *p).collect(),
                memory_bytes: if c.running { memory_of(sb, c) } else { 0 },
                cpu_millicores: if c.running { c.cpu_millicores } else { 0 },
                command: c.argv.clone(),
            });
        }
        let volumes = sb
            .volumes
            .values()
            .map(|v| VolumeView {
                name: v.name.clone(),
                kind: match &v.kind {
                    super::VolKind::EmptyDir => "emptyDir".to_string(),
                    super::VolKind::ConfigMap { .. } => "configMap".to_string(),
                    super::VolKind::Secret { .. } => "secret".to_string(),
                    super::VolKind::DownwardApi => "downwardAPI".to_string(),
                    super::VolKind::HostPath { .. } => "hostPath".to_string(),
                    super::VolKind::Claim { .. } => "persistentVolumeClaim".to_string(),
                    super::VolKind::Projected => "projected".to_string(),
                    super::VolKind::Other(k) => k.clone(),
                    super::VolKind::Image { .. } => "image".to_string(),
                },
                memory: v.memory,
                read_only: v.read_only,
                bytes: v.tree.bytes() as u64,
                files: v.tree.files().map(|(p, _)| format!("/{p}")).take(1000).collect(),
                not_ready: v.not_ready.clone(),
            })
            .collect();
        let ports = sb
            .ports
            .iter()
            .map(|(port, (owner, service))| PortView {
                port: *port,
                container: owner.clone(),
                program: match service {
                    crate::shell::Service::Http { server, .. } => server.clone(),
                    crate::shell::Service::Redis => "redis".to_string(),
                    crate::shell::Service::Forward { host, port } => format!("proxy → {host}:{port}"),
                    crate::shell::Service::Listener => "nc -l".to_string(),
                },
            })
            .collect();
        Some(PodInside {
            pod_uid: sb.uid.clone(),
            name: sb.name.clone(),
            hostname: sb.hostname.clone(),
            pod_ip: sb.pod_ip.clone(),
            share_process_namespace: sb.share_pid,
            net_ns: sb.net_ns,
            uts_ns: sb.uts_ns,
            ipc_ns: sb.ipc_ns,
            pid_ns: sb.shared_pid_ns,
            containers,
            volumes,
            ports,
            user_ns: sb.id_base.map(|_| sb.user_ns),
        })
    }

    /// Reads a file as a container sees it (through its mounts).
    pub fn read_file(&self, id: &ContainerId, path: &str) -> Result<String, Text> {
        let c = self.sandboxes.get(&id.pod_uid).and_then(|sb| sb.containers.get(&id.container).map(|c| (sb, c)));
        let Some((sb, c)) = c else {
            return Err(Text::new("컨테이너를 찾을 수 없습니다.", "container not found"));
        };
        let result = match resolve(c, path) {
            Loc::Root(rel) => c.rootfs.read(&rel).map(str::to_string),
            Loc::Vol { name, rel, .. } => sb
                .volumes
                .get(&name)
                .map_or(Err("No such file or directory"), |v| v.tree.read(&rel).map(str::to_string)),
        };
        result.map_err(|e| {
            Text::new(
                format!("{path}: 파일을 읽을 수 없습니다 ({e}). 이 컨테이너의 파일시스템과 볼륨 마운트를 확인하세요."),
                format!("{path}: {e}"),
            )
        })
    }
}
