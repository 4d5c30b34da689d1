//! What the cluster shows: read-only pod and node views (what `kubectl get`
//! prints), events, traffic, phase counts and the change set.

use std::collections::BTreeMap;

use serde::Serialize;

use super::records::{key, Change, PodRec};
use super::{controllers, Cluster, Event, WorkloadView};
use crate::kubelet::{status, Condition, ContainerStatus, Phase};
use crate::model::{self, Pod};
use crate::runtime::{ContainerRuntime, Traffic};
use crate::scheduler::Resources;
use crate::time::SimTime;

/// A read-only view of one pod (what `kubectl get pod -o yaml` and the
/// `get pods` row show).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PodView {
    pub namespace: String,
    pub name: String,
    /// The UID the runtime (logs, exec, the pod picture) knows the pod by:
    /// `metadata.uid`, except for a mirror pod deleted and recreated, which
    /// keeps its static pod's. The API object's UID is `pod.metadata.uid`.
    pub uid: String,
    pub pod: Pod,
    pub phase: Phase,
    /// kubectl's STATUS column.
    pub status: String,
    /// READY column: ready containers (incl. sidecars) / all.
    pub ready: (u32, u32),
    pub restarts: u32,
    pub node: Option<String>,
    pub pod_ip: Option<String>,
    pub qos_class: &'static str,
    pub conditions: Vec<Condition>,
    pub init_container_statuses: Vec<ContainerStatus>,
    pub container_statuses: Vec<ContainerStatus>,
    /// `kubectl debug`'s ephemeral containers.
    pub ephemeral_container_statuses: Vec<ContainerStatus>,
    pub created: SimTime,
    pub deleting: bool,
    pub is_mirror: bool,
}

impl PodView {
    /// The status of one condition type, if set.
    pub fn condition(&self, kind: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.kind == kind)
    }

    pub fn container(&self, name: &str) -> Option<&ContainerStatus> {
        self.init_container_statuses
            .iter()
            .chain(&self.container_statuses)
            .chain(&self.ephemeral_container_statuses)
            .find(|c| c.name == name)
    }
}

/// A read-only view of a node.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeView {
    pub name: String,
    pub node: model::Node,
    pub ready: bool,
    pub unschedulable: bool,
    pub pod_cidr: String,
    pub internal_ip: String,
    pub requested: Resources,
    pub allocatable: Resources,
    pub pods: i64,
    /// kubectl's STATUS column (`Ready`, `NotReady,SchedulingDisabled`, …).
    pub status: String,
}

impl<R: ContainerRuntime> Cluster<R> {
    /// The traffic kept (the newest [`TRAFFIC_MAX`]), oldest first.
    pub fn traffic(&self) -> impl Iterator<Item = &Traffic> {
        self.traffic.iter()
    }

    /// How many traffic events were ever recorded: a UI that remembers the
    /// last total it saw takes only the new ones from [`Self::traffic`].
    pub fn traffic_total(&self) -> u64 {
        self.traffic_total
    }

    /// Drains the set of changed objects since the last call.
    pub fn drain_changes(&mut self) -> Vec<Change> {
        let out: Vec<Change> = std::mem::take(&mut self.changes).into_iter().collect();
        for c in &out {
            if let Change::Pod { namespace, name } = c {
                if let Some(p) = self.pods.get_mut(&(namespace.clone(), name.clone())) {
                    p.dirty = false;
                }
            }
        }
        out
    }

    /// Every event, in order of first appearance.
    pub fn events(&self) -> Vec<&Event> {
        self.events.iter().collect()
    }

    /// Events about one object (`kubectl describe`'s Events section).
    pub fn events_for(&self, kind: &str, ns: &str, name: &str) -> Vec<&Event> {
        self.events
            .iter()
            .filter(|e| e.object.kind == kind && e.object.name == name && (kind == "Node" || e.object.namespace == ns))
            .collect()
    }

    pub fn pod_count(&self) -> usize {
        self.pods.len()
    }

    /// How many pods are in each phase (cheap: no views are built).
    pub fn phase_counts(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for p in self.pods.values() {
            let phase = p.kube.as_ref().map_or(Phase::Pending, |k| k.phase);
            *out.entry(phase.as_str()).or_insert(0) += 1;
        }
        out
    }

    /// Names of every pod, `(namespace, name)`, sorted.
    pub fn pod_names(&self) -> Vec<(String, String)> {
        self.pods.keys().cloned().collect()
    }

    /// Every pod, sorted by namespace and name.
    pub fn pods(&self) -> Vec<PodView> {
        self.pods.values().map(|p| self.view(p)).collect()
    }

    /// Pods matching a label selector (`kubectl get pods -l …`).
    pub fn pods_matching(&self, selector: &crate::selector::Selector) -> Vec<PodView> {
        self.pods.values().filter(|p| selector.matches(&p.meta.labels)).map(|p| self.view(p)).collect()
    }

    pub fn pod(&self, ns: &str, name: &str) -> Option<PodView> {
        self.pods.get(&key(ns, name)).map(|p| self.view(p))
    }

    pub(super) fn view(&self, p: &PodRec) -> PodView {
        let init = p.kube.as_ref().map(|k| k.init_statuses()).unwrap_or_default();
        let ephemeral = self.ephemeral_statuses(&p.runtime_uid);
        let main = p.kube.as_ref().map(|k| k.main_statuses()).unwrap_or_default();
        let mut conditions: Vec<Condition> = Vec::new();
        if let Some(kube) = &p.kube {
            // The resize conditions come first, as `generateAPIPodStatus` adds them.
            let kinds = ["PodResizePending", "PodResizeInProgress", "PodReadyToStartContainers", "Initialized"];
            for kind in kinds.into_iter().chain(["Ready", "ContainersReady"]) {
                if let Some(c) = kube.conditions.iter().find(|c| c.kind == kind) {
                    let mut c = c.clone();
                    if p.not_ready_by_node && (kind == "Ready" || kind == "ContainersReady") && c.status {
                        c.status = false;
                        c.reason = None;
                        c.message = None;
                    }
                    conditions.push(c);
                }
            }
        }
        if let Some(c) = &p.scheduled {
            conditions.push(c.clone());
        }
        // Appended by the scheduler's status patch, after the kubelet's.
        if let Some(c) = &p.disruption {
            conditions.push(c.clone());
        }
        let phase = p.kube.as_ref().map_or(Phase::Pending, |k| k.phase);
        let initialized = conditions.iter().any(|c| c.kind == "Initialized" && c.status);
        let ready_cond = conditions.iter().any(|c| c.kind == "Ready" && c.status);
        let deleting = p.deletion.is_some();
        let status_text = status::kubectl_status(
            &p.spec,
            phase,
            p.reason.as_deref(),
            &init,
            &main,
            initialized,
            ready_cond,
            deleting,
        );
        let total = (p.spec.containers.len() + init.iter().filter(|c| c.restartable).count()) as u32;
        let ready_n =
            (main.iter().filter(|c| c.ready).count() + init.iter().filter(|c| c.restartable && c.ready).count()) as u32;
        let restarts = main.iter().chain(init.iter()).map(|c| c.restart_count).sum();
        let node = p.node.and_then(|i| self.infos.get(i)).map(|n| n.name.clone());
        let sandbox = p.kube.as_ref().is_some_and(|k| k.sandbox_ready && !k.sandbox_removed);
        let pod_ip = if sandbox { p.pod_ip.clone() } else { None };
        let qos = status::qos_class(&p.spec);
        let to_value = |v: &ContainerStatus| serde_json::to_value(v).unwrap_or(serde_json::Value::Null);
        let mut meta = p.meta.clone();
        meta.resource_version = Some(p.resource_version.to_string());
        if p.is_static {
            meta.annotations.entry("kubernetes.io/config.mirror".into()).or_default();
        }
        let mut spec = (*p.spec).clone();
        if spec.node_name.is_none() {
            spec.node_name = node.clone();
        }
        let pod = Pod {
            api_version: "v1".into(),
            kind: "Pod".into(),
            metadata: meta,
            spec,
            status: Some(model::PodStatus {
                phase: Some(phase.as_str().into()),
                // PodObservedGenerationTracking (GA in 1.35): whoever sets a
                // condition records the generation it saw, and the kubelet
                // records it for the whole status
                // (pkg/kubelet/status/status_manager.go, pkg/api/v1/pod/util.go
                // `CalculatePodConditionObservedGeneration`).
                conditions: conditions
                    .iter()
                    .map(|c| model::PodCondition { observed_generation: p.meta.generation, ..c.to_model() })
                    .collect(),
                observed_generation: p.meta.generation.filter(|_| p.kube.is_some()),
                host_ip: p
                    .node
                    .and_then(|i| self.nodes.get(i))
                    .filter(|_| p.kube.as_ref().is_some_and(|k| !k.rejected))
                    .map(|n| n.internal_ip.clone()),
                pod_ip: pod_ip.clone(),
                start_time: p.kube.as_ref().map(|k| k.start_time.rfc3339()),
                qos_class: Some(qos.into()),
                reason: p.reason.clone(),
                message: p.message.clone(),
                init_container_statuses: init.iter().map(to_value).collect(),
                container_statuses: main.iter().map(to_value).collect(),
                ephemeral_container_statuses: ephemeral.iter().map(to_value).collect(),
                nominated_node_name: p.nominated_node.clone(),
            }),
        };
        PodView {
            namespace: p.meta.namespace.clone(),
            name: p.meta.name.clone(),
            // What the runtime knows the pod by: a recreated mirror pod has a
            // new API UID (in `pod.metadata.uid`) but the same static pod.
            uid: p.runtime_uid.clone(),
            pod,
            phase,
            status: status_text,
            ready: (ready_n, total),
            restarts,
            node,
            pod_ip,
            qos_class: qos,
            conditions,
            init_container_statuses: init,
            container_statuses: main,
            ephemeral_container_statuses: ephemeral,
            created: p.created,
            deleting,
            is_mirror: p.is_static,
        }
    }

    /// The nodes labelled `node-role.kubernetes.io/control-plane` (kubeadm's
    /// role label), as (name, internal IP), in the order they were added:
    /// without building every [`NodeView`], which a 5000-node cluster feels.
    pub(crate) fn control_plane_nodes(&self) -> Vec<(String, String)> {
        self.nodes
            .iter()
            .zip(&self.infos)
            .filter(|(_, info)| info.labels.contains_key("node-role.kubernetes.io/control-plane"))
            .map(|(n, info)| (info.name.clone(), n.internal_ip.clone()))
            .collect()
    }

    /// Every node, in the order they were added.
    pub fn nodes(&self) -> Vec<NodeView> {
        self.nodes
            .iter()
            .zip(&self.infos)
            .map(|(n, info)| {
                let mut status = if n.ready { "Ready".to_string() } else { "NotReady".to_string() };
                if info.unschedulable {
                    status.push_str(",SchedulingDisabled");
                }
                let cidr = format!("{}.{}.{}.0/24", n.cidr[0], n.cidr[1], n.cidr[2]);
                let mut meta = n.meta.clone();
                meta.labels = info.labels.clone();
                let node = model::Node {
                    api_version: "v1".into(),
                    kind: "Node".into(),
                    metadata: meta,
                    spec: model::NodeSpec {
                        pod_cidr: Some(cidr.clone()),
                        taints: info.taints.clone(),
                        unschedulable: info.unschedulable.then_some(true),
                        ..model::NodeSpec::default()
                    },
                    status: Some(model::NodeStatus {
                        capacity: n.capacity.clone(),
                        allocatable: n.capacity.clone(),
                        ..model::NodeStatus::default()
                    }),
                };
                NodeView {
                    name: info.name.clone(),
                    node,
                    ready: n.ready,
                    unschedulable: info.unschedulable,
                    pod_cidr: cidr,
                    internal_ip: n.internal_ip.clone(),
                    requested: info.requested.clone(),
                    allocatable: info.allocatable.clone(),
                    pods: info.pod_count,
                    status,
                }
            })
            .collect()
    }

    /// ReplicaSets, Deployments and Jobs with their status.
    pub fn workloads(&self) -> Vec<WorkloadView> {
        controllers::views(self)
    }
}
