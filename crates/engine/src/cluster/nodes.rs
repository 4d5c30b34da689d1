//! Nodes: the default setup, adding nodes, cordon, labels, taints, and
//! readiness with the node lifecycle and taint-eviction controllers' reactions.

use std::collections::{BTreeMap, BTreeSet};

use super::records::{apply_label, pod_ref, Change, NodeRec, Timer};
use super::{ApiError, Cluster, EventType, ObjectRef, MAX_NODES};
use crate::model::{self, ObjectMeta, Taint};
use crate::runtime::ContainerRuntime;
use crate::scheduler::{NodeInfo, Resources};
use crate::text::Text;

/// One node as a kubeadm-style setup registers it.
fn node_spec(name: &str, control_plane: bool, cpu: &str, memory: &str) -> model::Node {
    let mut labels = BTreeMap::new();
    labels.insert("kubernetes.io/hostname".to_string(), name.to_string());
    labels.insert("kubernetes.io/os".to_string(), "linux".to_string());
    labels.insert("kubernetes.io/arch".to_string(), "amd64".to_string());
    let mut taints = Vec::new();
    if control_plane {
        labels.insert("node-role.kubernetes.io/control-plane".to_string(), String::new());
        taints.push(Taint {
            key: "node-role.kubernetes.io/control-plane".into(),
            value: None,
            effect: "NoSchedule".into(),
        });
    }
    let mut alloc = BTreeMap::new();
    alloc.insert("cpu".to_string(), cpu.to_string());
    alloc.insert("memory".to_string(), memory.to_string());
    alloc.insert("pods".to_string(), "110".to_string());
    alloc.insert("ephemeral-storage".to_string(), "20Gi".to_string());
    model::Node {
        api_version: "v1".into(),
        kind: "Node".into(),
        metadata: ObjectMeta { name: name.into(), labels, ..ObjectMeta::default() },
        spec: model::NodeSpec { pod_cidr: None, taints, unschedulable: None, ..model::NodeSpec::default() },
        status: Some(model::NodeStatus { capacity: alloc.clone(), allocatable: alloc, ..model::NodeStatus::default() }),
    }
}

/// The default setup: a control-plane node tainted `NoSchedule` and two
/// workers, each with 2 CPUs and 4 GiB.
pub fn default_nodes() -> Vec<model::Node> {
    vec![
        node_spec("control-plane", true, "2", "4Gi"),
        node_spec("worker-1", false, "2", "4Gi"),
        node_spec("worker-2", false, "2", "4Gi"),
    ]
}

/// A worker node with the given allocatable cpu and memory (for setups and benchmarks).
pub fn worker_node(name: &str, cpu: &str, memory: &str) -> model::Node {
    node_spec(name, false, cpu, memory)
}

impl<R: ContainerRuntime> Cluster<R> {
    /// Adds a node (or refuses a duplicate name).
    pub fn add_node(&mut self, node: model::Node) -> Result<(), ApiError> {
        let name = node.metadata.name.clone();
        if self.node_index.contains_key(&name) {
            return Err(ApiError::already_exists("nodes", &name));
        }
        if self.nodes.len() >= MAX_NODES || name.is_empty() {
            return Err(ApiError::bad_request(
                "node name is empty or too many nodes".into(),
                Text::new(
                    "노드 이름이 비었거나 노드가 너무 많습니다.",
                    "The node name is empty or there are too many nodes.",
                ),
            ));
        }
        let i = self.nodes.len();
        let status = node.status.clone().unwrap_or_default();
        let alloc_map =
            if status.allocatable.is_empty() { status.capacity.clone() } else { status.allocatable.clone() };
        let allowed_pods =
            alloc_map.get("pods").and_then(|p| crate::quantity::Quantity::parse(p).ok()).map_or(110, |q| q.value());
        let cidr = node
            .spec
            .pod_cidr
            .as_deref()
            .and_then(|c| {
                let ip = c.split('/').next()?;
                let o: Vec<u8> = ip.split('.').filter_map(|x| x.parse().ok()).collect();
                Some([*o.first()?, *o.get(1)?, *o.get(2)?])
            })
            .unwrap_or_else(|| {
                let n = 244 * 256 + i;
                [10, ((n / 256) % 256) as u8, (n % 256) as u8]
            });
        let mut labels = node.metadata.labels.clone();
        labels.entry("kubernetes.io/hostname".into()).or_insert_with(|| name.clone());
        self.infos.push(NodeInfo {
            name: name.clone(),
            labels,
            taints: node.spec.taints.clone(),
            unschedulable: node.spec.unschedulable.unwrap_or(false),
            allocatable: Resources::from_map(&alloc_map),
            allowed_pods,
            ..NodeInfo::default()
        });
        let mut meta = node.metadata.clone();
        if meta.uid.is_empty() {
            meta.uid = self.rng.uuid();
        }
        meta.creation_timestamp = Some(self.now.rfc3339());
        self.nodes.push(NodeRec {
            meta,
            ready: true,
            ready_transition: self.now,
            images: BTreeSet::new(),
            cidr,
            ips_used: BTreeSet::new(),
            internal_ip: format!("172.18.{}.{}", (i / 250) % 256, i % 250 + 2),
            capacity: if status.capacity.is_empty() { alloc_map } else { status.capacity },
        });
        self.node_index.insert(name.clone(), i);
        self.changes.insert(Change::Node { name });
        self.cluster_changed();
        Ok(())
    }

    pub(super) fn node_idx(&self, name: &str) -> Result<usize, ApiError> {
        self.node_index.get(name).copied().ok_or_else(|| ApiError::not_found("nodes", name))
    }

    pub(super) fn node_event(&mut self, i: usize, type_: EventType, reason: &str, message: String, source: &str) {
        let Some(n) = self.nodes.get(i) else { return };
        let obj = ObjectRef {
            kind: "Node".into(),
            namespace: String::new(),
            name: n.meta.name.clone(),
            uid: n.meta.uid.clone(),
            field_path: String::new(),
        };
        let host = n.meta.name.clone();
        self.events.record(self.now, type_, &obj, reason, message, source, Some(&host));
        self.changes.insert(Change::Events);
    }

    /// `kubectl cordon`: no new pods on this node.
    pub fn cordon(&mut self, name: &str) -> Result<(), ApiError> {
        self.set_unschedulable(name, true)
    }

    /// `kubectl uncordon`.
    pub fn uncordon(&mut self, name: &str) -> Result<(), ApiError> {
        self.set_unschedulable(name, false)
    }

    pub(super) fn set_unschedulable(&mut self, name: &str, value: bool) -> Result<(), ApiError> {
        let i = self.node_idx(name)?;
        let Some(info) = self.infos.get_mut(i) else { return Ok(()) };
        if info.unschedulable == value {
            return Ok(());
        }
        info.unschedulable = value;
        info.touch();
        let (reason, status) =
            if value { ("NodeNotSchedulable", "NodeNotSchedulable") } else { ("NodeSchedulable", "NodeSchedulable") };
        self.node_event(i, EventType::Normal, reason, format!("Node {name} status is now: {status}"), "kubelet");
        self.changes.insert(Change::Node { name: name.to_string() });
        if !value {
            self.cluster_changed();
        }
        Ok(())
    }

    /// Labels a node (`kubectl label node`): `value: None` removes the key.
    pub fn label_node(&mut self, name: &str, key: &str, value: Option<&str>, overwrite: bool) -> Result<(), ApiError> {
        let i = self.node_idx(name)?;
        let Some(info) = self.infos.get_mut(i) else { return Ok(()) };
        apply_label(&mut info.labels, key, value, overwrite)?;
        info.touch();
        self.changes.insert(Change::Node { name: name.to_string() });
        self.cluster_changed();
        Ok(())
    }

    /// Adds a taint to a node (`kubectl taint nodes n key=value:Effect`).
    pub fn taint_node(&mut self, name: &str, taint: Taint) -> Result<(), ApiError> {
        let i = self.node_idx(name)?;
        if let Some(info) = self.infos.get_mut(i) {
            info.taints.retain(|t| !(t.key == taint.key && t.effect == taint.effect));
            info.taints.push(taint);
            info.touch();
        }
        self.changes.insert(Change::Node { name: name.to_string() });
        self.cluster_changed();
        self.check_noexecute(i);
        Ok(())
    }

    /// Replaces a node's taints (`kubectl taint`, which patches
    /// `spec.taints` whole). A new `NoExecute` taint makes the taint-eviction
    /// controller evict the pods that do not tolerate it; a removed
    /// `NoSchedule` taint lets pending pods be scheduled.
    pub fn set_node_taints(&mut self, name: &str, taints: Vec<Taint>) -> Result<(), ApiError> {
        let i = self.node_idx(name)?;
        if let Some(info) = self.infos.get_mut(i) {
            if info.taints == taints {
                return Ok(());
            }
            info.taints = taints;
            info.touch();
        }
        self.changes.insert(Change::Node { name: name.to_string() });
        self.cluster_changed();
        self.check_noexecute(i);
        Ok(())
    }

    /// A node's kubelet stops (or resumes) reporting. NotReady: the node
    /// lifecycle controller taints it `unreachable`, marks its pods not
    /// Ready, and the taint-eviction controller deletes them when their
    /// toleration (300 s by default) runs out.
    pub fn set_node_ready(&mut self, name: &str, ready: bool) -> Result<(), ApiError> {
        let i = self.node_idx(name)?;
        let Some(n) = self.nodes.get_mut(i) else { return Ok(()) };
        if n.ready == ready {
            return Ok(());
        }
        n.ready = ready;
        n.ready_transition = self.now;
        let unreachable = ["NoSchedule", "NoExecute"].map(|e| Taint {
            key: "node.kubernetes.io/unreachable".into(),
            value: None,
            effect: e.into(),
        });
        let on_node: Vec<(String, String)> =
            self.pods.iter().filter(|(_, p)| p.node == Some(i)).map(|(k, _)| k.clone()).collect();
        if ready {
            if let Some(info) = self.infos.get_mut(i) {
                info.taints.retain(|t| t.key != "node.kubernetes.io/unreachable");
                info.touch();
            }
            self.node_event(
                i,
                EventType::Normal,
                "NodeReady",
                format!("Node {name} status is now: NodeReady"),
                "kubelet",
            );
            for k in on_node {
                if let Some(p) = self.pods.get_mut(&k) {
                    p.not_ready_by_node = false;
                    p.next_wake = None;
                    let uid = p.runtime_uid.clone();
                    let deleting = p.deletion;
                    if let (Some((_, grace)), Some(kube)) = (deleting, p.kube.as_mut()) {
                        kube.start_termination(grace, true, self.now);
                    }
                    self.push_timer(self.now, Timer::PodSync(uid));
                }
            }
            self.cluster_changed();
        } else {
            if let Some(info) = self.infos.get_mut(i) {
                for t in unreachable {
                    if !info.taints.iter().any(|x| x.key == t.key && x.effect == t.effect) {
                        info.taints.push(t);
                        info.touch();
                    }
                }
            }
            self.node_event(
                i,
                EventType::Normal,
                "NodeNotReady",
                format!("Node {name} status is now: NodeNotReady"),
                "node-controller",
            );
            for k in on_node {
                let Some(p) = self.pods.get_mut(&k) else { continue };
                p.not_ready_by_node = true;
                let obj = pod_ref(&p.meta);
                self.events.record(
                    self.now,
                    EventType::Warning,
                    &obj,
                    "NodeNotReady",
                    "Node is not ready".into(),
                    "node-controller",
                    None,
                );
                self.pod_changed(&k);
            }
            self.changes.insert(Change::Events);
            self.check_noexecute(i);
        }
        self.changes.insert(Change::Node { name: name.to_string() });
        self.controllers_dirty();
        Ok(())
    }

    /// Schedules evictions for pods on a node with `NoExecute` taints, per their tolerations.
    pub(super) fn check_noexecute(&mut self, i: usize) {
        let Some(info) = self.infos.get(i) else { return };
        let taints: Vec<Taint> = info.taints.iter().filter(|t| t.effect == "NoExecute").cloned().collect();
        if taints.is_empty() {
            return;
        }
        let mut evictions = Vec::new();
        for p in self.pods.values().filter(|p| p.node == Some(i) && !p.is_static && p.deletion.is_none()) {
            // The shortest toleration among the taints decides; an untolerated taint evicts now.
            let mut wait: Option<i64> = None;
            let mut forever = true;
            for taint in &taints {
                match p.spec.tolerations.iter().find(|t| crate::scheduler::tolerates(t, taint)) {
                    None => {
                        wait = Some(0);
                        forever = false;
                    }
                    Some(t) => {
                        if let Some(s) = t.toleration_seconds {
                            wait = Some(wait.map_or(s, |w| w.min(s)));
                            forever = false;
                        }
                    }
                }
            }
            if !forever {
                let secs = u64::try_from(wait.unwrap_or(0).max(0)).unwrap_or(0);
                evictions.push((self.now.plus_ms(secs.saturating_mul(1000)), p.meta.uid.clone()));
            }
        }
        for (at, uid) in evictions {
            self.push_timer(at, Timer::Evict(uid));
        }
    }
}
