//! What a node's container runtime holds, as a shell on that node sees it
//! (`crictl pods`, `crictl ps`, `lsns`, `/proc/<pid>/ns`): the sandboxes on
//! one node with their namespace inodes (the same numbers the pod picture
//! and `kubectl exec … ls -l /proc/self/ns` show) and their containers.

use std::collections::BTreeMap;

use super::PodRuntime;
use crate::time::SimTime;

/// One pod sandbox on a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeSandbox {
    /// The pod UID the kubelet created the sandbox for.
    pub uid: String,
    pub name: String,
    pub namespace: String,
    pub pod_ip: String,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub created: SimTime,
    pub net_ns: u64,
    pub uts_ns: u64,
    pub ipc_ns: u64,
    /// The pause process's mnt, pid and cgroup namespaces.
    pub pause_ns: [u64; 3],
    pub containers: Vec<NodeContainer>,
    /// The pod's user namespace (the host's unless `hostUsers: false`).
    pub user_ns: u64,
    /// The first host ID of its ID block when it has its own.
    pub id_base: Option<u32>,
}

/// One container of a sandbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeContainer {
    pub name: String,
    pub image: String,
    pub running: bool,
    pub exit_code: Option<i32>,
    pub restarts: u32,
    pub started_at: SimTime,
    pub mnt_ns: u64,
    pub pid_ns: u64,
    pub cgroup_ns: u64,
    pub argv: Vec<String>,
    /// Its processes, with their PIDs inside the container's pid namespace.
    pub processes: Vec<(u32, String)>,
    /// Its log lines (what `crictl logs` reads).
    pub logs: Vec<String>,
}

/// A sandbox's 64-hex ID (crictl shows 13 characters and takes any unique prefix).
pub fn pod_id(uid: &str) -> String {
    crate::hash::hex_digest(&format!("sandbox/{uid}"), 64)
}

/// A container's 64-hex ID: the one the pod's status shows as
/// `containerd://…` (`kubectl/cluster_backend.rs` `api_shape`).
pub fn container_id(uid: &str, name: &str) -> String {
    crate::hash::hex_digest(&format!("{uid}/{name}"), 64)
}

impl NodeContainer {
    /// The seven `/proc/<pid>/ns` links of this container's processes, in
    /// the kernel's order, given its sandbox.
    pub fn namespaces(&self, sb: &NodeSandbox) -> [(&'static str, u64); 7] {
        [
            ("cgroup", self.cgroup_ns),
            ("ipc", sb.ipc_ns),
            ("mnt", self.mnt_ns),
            ("net", sb.net_ns),
            ("pid", self.pid_ns),
            ("user", sb.user_ns),
            ("uts", sb.uts_ns),
        ]
    }
}

impl NodeSandbox {
    /// The pause process's `/proc/<pid>/ns` links.
    pub fn pause_namespaces(&self) -> [(&'static str, u64); 7] {
        [
            ("cgroup", self.pause_ns[2]),
            ("ipc", self.ipc_ns),
            ("mnt", self.pause_ns[0]),
            ("net", self.net_ns),
            ("pid", self.pause_ns[1]),
            ("user", self.user_ns),
            ("uts", self.uts_ns),
        ]
    }
}

impl PodRuntime {
    /// The sandboxes on `node`, oldest first.
    pub fn node_sandboxes(&self, node: &str) -> Vec<NodeSandbox> {
        let mut out: Vec<NodeSandbox> = self
            .sandboxes
            .values()
            .filter(|sb| sb.node == node)
            .map(|sb| NodeSandbox {
                uid: sb.uid.clone(),
                name: sb.name.clone(),
                namespace: sb.namespace.clone(),
                pod_ip: sb.pod_ip.clone(),
                labels: sb.labels.clone(),
                annotations: sb.annotations.clone(),
                created: sb.created,
                net_ns: sb.net_ns,
                uts_ns: sb.uts_ns,
                ipc_ns: sb.ipc_ns,
                pause_ns: sb.pause_ns,
                user_ns: sb.user_ns,
                id_base: sb.id_base,
                containers: sb
                    .order
                    .iter()
                    .filter_map(|n| sb.containers.get(n))
                    .map(|c| NodeContainer {
                        name: c.name.clone(),
                        image: c.image.clone(),
                        running: c.running,
                        exit_code: c.exit_code,
                        restarts: c.restarts,
                        started_at: c.started_at,
                        mnt_ns: c.mnt_ns,
                        pid_ns: c.pid_ns,
                        cgroup_ns: c.cgroup_ns,
                        argv: c.argv.clone(),
                        processes: c.process.as_ref().map(|p| p.processes()).unwrap_or_default(),
                        logs: c.logs.iter().map(|l| l.line.clone()).collect(),
                    })
                    .collect(),
            })
            .collect();
        out.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.uid.cmp(&b.uid)));
        out
    }
}
