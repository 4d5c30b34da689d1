//! The simulated cluster: an API with pods, nodes and a few workload
//! controllers, the scheduler and one kubelet per node, all driven by a
//! virtual clock. Sans-IO in quinn-proto's style: inputs (`apply`,
//! `delete_pod`, `cordon`, `advance_to`, …) change state; state, events and
//! change notifications are read out. Same seed and same inputs give the
//! same event log.
//!
//! Timers live in one ordered queue keyed by `(time, sequence)`; nothing
//! iterates a hash map, so no order depends on hashing.

pub mod controllers;
pub mod defaults;
pub mod error;
pub mod events;
pub mod explain;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::rc::Rc;

use serde::Serialize;

use crate::kubelet::{self, status, Condition, ContainerStatus, Ctx, KubeletPod, Phase, PodIdent, SimpleRuntime, Timings};
use crate::model::{self, ObjectMeta, Pod, PodSpec, Taint, Workload};
use crate::rng::Rng;
use crate::runtime::{ContainerRuntime, RuntimeEvent, Traffic};
use crate::scheduler::{NodeInfo, PodInfo, Resources, SchedulingTable, Scheduler};
use crate::text::Text;
use crate::time::SimTime;

pub use controllers::WorkloadView;
pub use error::{ApiError, ErrorReason};
pub use events::{Event, EventLog, EventType, ObjectRef};

/// The most events kept (oldest dropped first), like an apiserver's event TTL.
pub const MAX_EVENTS: usize = 20_000;
/// The most timer firings one `advance_to` processes.
pub const MAX_STEPS_PER_ADVANCE: u64 = 100_000_000;
/// The most pods the cluster holds.
pub const MAX_PODS: usize = 1_000_000;
/// The most nodes the cluster holds.
pub const MAX_NODES: usize = 20_000;

/// An object the API accepts.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    Pod(Pod),
    /// A ReplicaSet, Deployment or Job.
    Workload(Workload),
}

impl From<Pod> for Object {
    fn from(p: Pod) -> Object {
        Object::Pod(p)
    }
}

impl From<Workload> for Object {
    fn from(w: Workload) -> Object {
        Object::Workload(w)
    }
}

/// What `apply` did (kubectl prints `pod/nginx created`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplyOutcome {
    Created { kind: String, name: String },
    Configured { kind: String, name: String },
    Unchanged { kind: String, name: String },
}

/// Something observable changed; drained with [`Cluster::drain_changes`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    Pod { namespace: String, name: String },
    Node { name: String },
    Workload { kind: String, namespace: String, name: String },
    Events,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Timer {
    Schedule,
    PodSync(String),
    Controllers,
    Evict(String),
    UnschedulableFlush(String, u32),
}

/// A pod as the cluster holds it.
struct PodRec {
    meta: ObjectMeta,
    spec: Rc<PodSpec>,
    seq: u64,
    created: SimTime,
    info: Rc<PodInfo>,
    /// The UID the runtime knows (for a mirror pod: the static pod's).
    runtime_uid: String,
    /// The controlling workload's serial number, if a controller made it.
    owner: Option<u64>,
    node: Option<usize>,
    /// Counted in its node's aggregates (bound, not terminal, not removed).
    counted: bool,
    pod_ip: Option<String>,
    scheduled: Option<Condition>,
    kube: Option<Box<KubeletPod>>,
    deletion: Option<(SimTime, i64)>,
    is_static: bool,
    reason: Option<String>,
    message: Option<String>,
    next_wake: Option<SimTime>,
    not_ready_by_node: bool,
    /// Already reported in the pending change set.
    dirty: bool,
    last_phase: Phase,
    last_ready: bool,
    sched_attempts: u32,
    last_attempt: SimTime,
}

struct NodeRec {
    meta: ObjectMeta,
    ready: bool,
    ready_transition: SimTime,
    images: BTreeSet<String>,
    cidr: [u8; 3],
    ips_used: BTreeSet<u8>,
    internal_ip: String,
    capacity: BTreeMap<String, String>,
}

/// A read-only view of one pod (what `kubectl get pod -o yaml` and the
/// `get pods` row show).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PodView {
    pub namespace: String,
    pub name: String,
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
        self.init_container_statuses.iter().chain(&self.container_statuses).find(|c| c.name == name)
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

/// The simulated cluster.
pub struct Cluster {
    now: SimTime,
    rng: Rng,
    timings: Timings,
    nodes: Vec<NodeRec>,
    infos: Vec<NodeInfo>,
    node_index: BTreeMap<String, usize>,
    pods: BTreeMap<(String, String), PodRec>,
    /// Lookup only (never iterated): runtime UID → pod key.
    by_runtime_uid: HashMap<String, (String, String)>,
    workloads: BTreeMap<(String, String, String), controllers::WorkloadRec>,
    timers: BTreeMap<(SimTime, u64), Timer>,
    timer_seq: u64,
    events: EventLog,
    changes: BTreeSet<Change>,
    runtime: Box<dyn ContainerRuntime>,
    scheduler: Scheduler,
    active_q: BTreeSet<(Reverse<i32>, u64, String, String)>,
    /// Pods that failed scheduling and wait for a cluster change.
    unschedulable: BTreeSet<(String, String)>,
    schedule_timer: Option<SimTime>,
    controllers_timer: Option<SimTime>,
    pod_seq: u64,
    next_wid: u64,
    last_info: Option<(Rc<PodSpec>, Rc<PodInfo>)>,
    /// What crossed a boundary inside or between pods, oldest first; the
    /// newest `TRAFFIC_MAX` are kept for the UI and lesson checks.
    traffic: VecDeque<Traffic>,
    /// How many traffic events were ever recorded (the ring forgets, this does not).
    traffic_total: u64,
}

/// How many traffic events the cluster keeps.
pub const TRAFFIC_MAX: usize = 10_000;

fn node_spec(name: &str, control_plane: bool, cpu: &str, memory: &str) -> model::Node {
    let mut labels = BTreeMap::new();
    labels.insert("kubernetes.io/hostname".to_string(), name.to_string());
    labels.insert("kubernetes.io/os".to_string(), "linux".to_string());
    labels.insert("kubernetes.io/arch".to_string(), "amd64".to_string());
    let mut taints = Vec::new();
    if control_plane {
        labels.insert("node-role.kubernetes.io/control-plane".to_string(), String::new());
        taints.push(Taint { key: "node-role.kubernetes.io/control-plane".into(), value: None, effect: "NoSchedule".into() });
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

fn key(ns: &str, name: &str) -> (String, String) {
    (ns.to_string(), name.to_string())
}

fn pod_ref(meta: &ObjectMeta) -> ObjectRef {
    ObjectRef { kind: "Pod".into(), namespace: meta.namespace.clone(), name: meta.name.clone(), uid: meta.uid.clone(), field_path: String::new() }
}

impl Cluster {
    /// A cluster with the default nodes and the simple runtime.
    pub fn new(seed: u64) -> Cluster {
        Cluster::with_nodes(seed, default_nodes())
    }

    /// A cluster with the given nodes (a lesson's own setup).
    pub fn with_nodes(seed: u64, nodes: Vec<model::Node>) -> Cluster {
        let mut c = Cluster {
            now: SimTime::ZERO,
            rng: Rng::new(seed),
            timings: Timings::default(),
            nodes: Vec::new(),
            infos: Vec::new(),
            node_index: BTreeMap::new(),
            pods: BTreeMap::new(),
            by_runtime_uid: HashMap::new(),
            workloads: BTreeMap::new(),
            timers: BTreeMap::new(),
            timer_seq: 0,
            events: EventLog::new(MAX_EVENTS),
            changes: BTreeSet::new(),
            runtime: Box::new(SimpleRuntime::new()),
            scheduler: Scheduler::new(),
            active_q: BTreeSet::new(),
            unschedulable: BTreeSet::new(),
            schedule_timer: None,
            controllers_timer: None,
            pod_seq: 0,
            next_wid: 0,
            last_info: None,
            traffic: VecDeque::new(),
            traffic_total: 0,
        };
        for n in nodes {
            let _ = c.add_node(n);
        }
        c
    }

    /// Replaces what runs inside containers (the pod-internals model).
    pub fn set_runtime(&mut self, runtime: Box<dyn ContainerRuntime>) {
        self.runtime = runtime;
    }

    /// Replaces the timing table (before the first input, for lessons and tests).
    pub fn set_timings(&mut self, timings: Timings) {
        self.timings = timings;
    }

    pub fn timings(&self) -> &Timings {
        &self.timings
    }

    /// The scheduler's configuration (e.g. `percentage_of_nodes_to_score`).
    pub fn scheduler_mut(&mut self) -> &mut Scheduler {
        &mut self.scheduler
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    // ----- nodes -----

    /// Adds a node (or refuses a duplicate name).
    pub fn add_node(&mut self, node: model::Node) -> Result<(), ApiError> {
        let name = node.metadata.name.clone();
        if self.node_index.contains_key(&name) {
            return Err(ApiError::already_exists("nodes", &name));
        }
        if self.nodes.len() >= MAX_NODES || name.is_empty() {
            return Err(ApiError::bad_request(
                "node name is empty or too many nodes".into(),
                Text::new("노드 이름이 비었거나 노드가 너무 많습니다.", "The node name is empty or there are too many nodes."),
            ));
        }
        let i = self.nodes.len();
        let status = node.status.clone().unwrap_or_default();
        let alloc_map = if status.allocatable.is_empty() { status.capacity.clone() } else { status.allocatable.clone() };
        let allowed_pods = alloc_map.get("pods").and_then(|p| crate::quantity::Quantity::parse(p).ok()).map_or(110, |q| q.value());
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

    fn node_idx(&self, name: &str) -> Result<usize, ApiError> {
        self.node_index.get(name).copied().ok_or_else(|| ApiError::not_found("nodes", name))
    }

    fn node_event(&mut self, i: usize, type_: EventType, reason: &str, message: String, source: &str) {
        let Some(n) = self.nodes.get(i) else { return };
        let obj = ObjectRef { kind: "Node".into(), namespace: String::new(), name: n.meta.name.clone(), uid: n.meta.uid.clone(), field_path: String::new() };
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

    fn set_unschedulable(&mut self, name: &str, value: bool) -> Result<(), ApiError> {
        let i = self.node_idx(name)?;
        let Some(info) = self.infos.get_mut(i) else { return Ok(()) };
        if info.unschedulable == value {
            return Ok(());
        }
        info.unschedulable = value;
        info.touch();
        let (reason, status) = if value { ("NodeNotSchedulable", "NodeNotSchedulable") } else { ("NodeSchedulable", "NodeSchedulable") };
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

    /// Removes a node's taints with this key (`kubectl taint nodes n key-`).
    pub fn untaint_node(&mut self, name: &str, key: &str) -> Result<(), ApiError> {
        let i = self.node_idx(name)?;
        if let Some(info) = self.infos.get_mut(i) {
            info.taints.retain(|t| t.key != key);
            info.touch();
        }
        self.changes.insert(Change::Node { name: name.to_string() });
        self.cluster_changed();
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
        let on_node: Vec<(String, String)> = self.pods.iter().filter(|(_, p)| p.node == Some(i)).map(|(k, _)| k.clone()).collect();
        if ready {
            if let Some(info) = self.infos.get_mut(i) {
                info.taints.retain(|t| t.key != "node.kubernetes.io/unreachable");
                info.touch();
            }
            self.node_event(i, EventType::Normal, "NodeReady", format!("Node {name} status is now: NodeReady"), "kubelet");
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
            self.node_event(i, EventType::Normal, "NodeNotReady", format!("Node {name} status is now: NodeNotReady"), "node-controller");
            for k in on_node {
                let Some(p) = self.pods.get_mut(&k) else { continue };
                p.not_ready_by_node = true;
                let obj = pod_ref(&p.meta);
                self.events.record(self.now, EventType::Warning, &obj, "NodeNotReady", "Node is not ready".into(), "node-controller", None);
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
    fn check_noexecute(&mut self, i: usize) {
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

    // ----- timers -----

    fn push_timer(&mut self, at: SimTime, t: Timer) {
        self.timer_seq += 1;
        self.timers.insert((at.max(self.now), self.timer_seq), t);
    }

    fn wake_pod(&mut self, k: &(String, String), at: SimTime) {
        let Some(p) = self.pods.get_mut(k) else { return };
        if p.next_wake.is_some_and(|w| w <= at && w >= self.now) {
            return;
        }
        p.next_wake = Some(at);
        let uid = p.runtime_uid.clone();
        self.push_timer(at, Timer::PodSync(uid));
    }

    fn controllers_dirty(&mut self) {
        if self.workloads.is_empty() {
            return;
        }
        if self.controllers_timer.is_some_and(|t| t >= self.now) {
            return;
        }
        let at = self.now.plus_ms(self.timings.controller.draw(&mut self.rng));
        self.controllers_timer = Some(at);
        self.push_timer(at, Timer::Controllers);
    }

    fn ensure_schedule_timer(&mut self, at: SimTime) {
        if self.schedule_timer.is_some_and(|t| t >= self.now && t <= at) {
            return;
        }
        self.schedule_timer = Some(at);
        self.push_timer(at, Timer::Schedule);
    }

    fn enqueue(&mut self, k: &(String, String), not_before: SimTime) {
        let Some(p) = self.pods.get(k) else { return };
        self.active_q.insert((Reverse(p.info.priority), p.seq, k.0.clone(), k.1.clone()));
        let at = not_before.max(self.now.plus_ms(self.timings.schedule.draw(&mut self.rng)));
        self.ensure_schedule_timer(at);
    }

    /// Something that can make unschedulable pods fit happened: retry them
    /// after their back-off (1 s doubling to 10 s).
    fn cluster_changed(&mut self) {
        let waiting: Vec<((String, String), SimTime)> = self
            .unschedulable
            .iter()
            .filter_map(|k| self.pods.get(k).map(|p| (k, p)))
            .filter(|(_, p)| p.node.is_none() && p.deletion.is_none())
            .map(|(k, p)| {
                let shift = p.sched_attempts.saturating_sub(1).min(10);
                let backoff = (self.timings.sched_backoff_initial_ms << shift).min(self.timings.sched_backoff_max_ms);
                (k.clone(), p.last_attempt.plus_ms(backoff))
            })
            .collect();
        for (k, at) in waiting {
            self.enqueue(&k, at);
        }
    }

    // ----- inputs: API -----

    /// `kubectl apply`: creates the object or updates it within upstream's
    /// immutability rules.
    pub fn apply(&mut self, obj: impl Into<Object>) -> Result<ApplyOutcome, ApiError> {
        match obj.into() {
            Object::Pod(p) => self.apply_pod(p, true),
            Object::Workload(w) => self.apply_workload(w),
        }
    }

    /// `kubectl create`: like apply, but an existing name is an error.
    pub fn create(&mut self, obj: impl Into<Object>) -> Result<ApplyOutcome, ApiError> {
        match obj.into() {
            Object::Pod(p) => self.apply_pod(p, false),
            Object::Workload(w) => {
                let ns = if w.metadata.namespace.is_empty() { "default" } else { &w.metadata.namespace };
                let k = (w.kind.clone(), ns.to_string(), w.metadata.name.clone());
                if self.workloads.contains_key(&k) {
                    return Err(ApiError::already_exists(&controllers::resource_name(&w.kind), &w.metadata.name));
                }
                self.apply_workload(w)
            }
        }
    }

    fn apply_pod(&mut self, mut pod: Pod, update_ok: bool) -> Result<ApplyOutcome, ApiError> {
        defaults::pod(&mut pod, self.timings.default_toleration_seconds);
        if pod.metadata.name.is_empty() {
            if pod.metadata.generate_name.is_empty() {
                return Err(ApiError::invalid(
                    "Pod",
                    "",
                    "metadata.name: Required value: name or generateName is required",
                    Text::new("파드에는 metadata.name이 있어야 합니다.", "A pod needs metadata.name."),
                ));
            }
            pod.metadata.name = self.unique_name(&pod.metadata.namespace, &pod.metadata.generate_name);
        }
        if pod.spec.containers.is_empty() {
            return Err(ApiError::invalid(
                "Pod",
                &pod.metadata.name,
                "spec.containers: Required value",
                Text::new("파드에는 컨테이너가 하나 이상 있어야 합니다.", "A pod needs at least one container."),
            ));
        }
        let k = key(&pod.metadata.namespace, &pod.metadata.name);
        if self.pods.contains_key(&k) {
            if !update_ok {
                return Err(ApiError::already_exists("pods", &pod.metadata.name));
            }
            return self.update_pod(&k, pod);
        }
        self.create_pod(pod, Rc::new(PodSpec::default()), false, None)?;
        Ok(ApplyOutcome::Created { kind: "pod".into(), name: k.1 })
    }

    fn unique_name(&mut self, ns: &str, prefix: &str) -> String {
        for _ in 0..16 {
            let name = format!("{prefix}{}", self.rng.name_suffix(5));
            if !self.pods.contains_key(&key(ns, &name)) {
                return name;
            }
        }
        format!("{prefix}{}", self.pod_seq)
    }

    /// Stores a new pod. `shared` is reused as the spec when equal (pods
    /// stamped from one template share one spec in memory).
    fn create_pod(&mut self, mut pod: Pod, shared: Rc<PodSpec>, is_static: bool, owner: Option<u64>) -> Result<(String, String), ApiError> {
        if self.pods.len() >= MAX_PODS {
            return Err(ApiError::forbidden(
                "exceeded quota: too many pods in the simulation".into(),
                Text::new("시뮬레이션의 파드 수 한도를 넘었습니다.", "The simulation's pod limit is reached."),
            ));
        }
        let uid = self.rng.uuid();
        pod.metadata.uid = uid.clone();
        pod.metadata.creation_timestamp = Some(self.now.rfc3339());
        let k = key(&pod.metadata.namespace, &pod.metadata.name);
        let spec = if *shared == pod.spec { shared } else { Rc::new(std::mem::take(&mut pod.spec)) };
        // Pods stamped from one template share one PodInfo.
        let info = match &self.last_info {
            Some((s, i)) if Rc::ptr_eq(s, &spec) => i.clone(),
            _ => {
                let i = Rc::new(PodInfo::new(&spec));
                self.last_info = Some((spec.clone(), i.clone()));
                i
            }
        };
        self.pod_seq += 1;
        let node_name = spec.node_name.clone().filter(|n| !n.is_empty());
        let rec = PodRec {
            meta: pod.metadata,
            spec,
            seq: self.pod_seq,
            created: self.now,
            info,
            runtime_uid: uid.clone(),
            owner,
            node: None,
            counted: false,
            pod_ip: None,
            scheduled: None,
            kube: None,
            deletion: None,
            is_static,
            reason: None,
            message: None,
            next_wake: None,
            not_ready_by_node: false,
            dirty: false,
            last_phase: Phase::Pending,
            last_ready: false,
            sched_attempts: 0,
            last_attempt: SimTime::ZERO,
        };
        self.by_runtime_uid.insert(uid, k.clone());
        self.pods.insert(k.clone(), rec);
        self.pod_changed(&k);
        match node_name.and_then(|n| self.node_index.get(&n).copied()) {
            // A pod with spec.nodeName skips the scheduler; the kubelet takes it.
            Some(i) => self.bind(&k, i, false),
            None => self.enqueue(&k, self.now),
        }
        self.controllers_dirty();
        Ok(k)
    }

    fn update_pod(&mut self, k: &(String, String), pod: Pod) -> Result<ApplyOutcome, ApiError> {
        let Some(rec) = self.pods.get_mut(k) else { return Err(ApiError::not_found("pods", &k.1)) };
        if rec.is_static {
            return Err(ApiError::forbidden(
                format!("pods \"{}\" is forbidden: a mirror pod is read-only; change the static pod manifest on the node instead", k.1),
                Text::new(
                    "미러 파드는 노드의 정적 파드 매니페스트를 API에 비춰 보여 줄 뿐이라 API로 바꿀 수 없습니다. 노드의 매니페스트 디렉터리에서 파일을 고치세요.",
                    "A mirror pod only reflects a static pod manifest on the node; it cannot be changed through the API. Edit the file in the node's manifest directory.",
                ),
            ));
        }
        // Upstream ValidatePodUpdate: only images, activeDeadlineSeconds,
        // added tolerations and terminationGracePeriodSeconds may change.
        let old = &*rec.spec;
        let mut probe = pod.spec.clone();
        for (c, o) in probe.containers.iter_mut().zip(&old.containers) {
            c.image = o.image.clone();
        }
        for (c, o) in probe.init_containers.iter_mut().zip(&old.init_containers) {
            c.image = o.image.clone();
        }
        probe.active_deadline_seconds = old.active_deadline_seconds;
        probe.termination_grace_period_seconds = old.termination_grace_period_seconds;
        let tolerations_ok = old.tolerations.iter().all(|t| pod.spec.tolerations.contains(t));
        probe.tolerations = old.tolerations.clone();
        probe.node_name = old.node_name.clone();
        if probe != *old || !tolerations_ok {
            return Err(ApiError::invalid(
                "Pod",
                &k.1,
                "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
                Text::new(
                    "파드의 spec은 대부분 만든 뒤에 바꿀 수 없습니다. 이미지, activeDeadlineSeconds, 톨러레이션 추가만 됩니다. 다른 것을 바꾸려면 파드를 지우고 다시 만드세요(디플로이먼트를 쓰면 이 일을 대신 해 줍니다).",
                    "Most of a pod's spec is immutable once created: only images, activeDeadlineSeconds and added tolerations can change. Delete and recreate the pod to change anything else (a Deployment does this for you).",
                ),
            ));
        }
        let spec_changed = pod.spec.containers.iter().zip(&old.containers).any(|(a, b)| a.image != b.image)
            || pod.spec.init_containers.iter().zip(&old.init_containers).any(|(a, b)| a.image != b.image)
            || pod.spec.tolerations != old.tolerations
            || pod.spec.active_deadline_seconds != old.active_deadline_seconds;
        let meta_changed = pod.metadata.labels != rec.meta.labels || pod.metadata.annotations != rec.meta.annotations;
        if !spec_changed && !meta_changed {
            return Ok(ApplyOutcome::Unchanged { kind: "pod".into(), name: k.1.clone() });
        }
        rec.meta.labels = pod.metadata.labels;
        rec.meta.annotations = pod.metadata.annotations;
        if spec_changed {
            let mut new_spec = (*rec.spec).clone();
            for (c, n) in new_spec.containers.iter_mut().zip(&pod.spec.containers) {
                c.image = n.image.clone();
            }
            for (c, n) in new_spec.init_containers.iter_mut().zip(&pod.spec.init_containers) {
                c.image = n.image.clone();
            }
            new_spec.tolerations = pod.spec.tolerations;
            new_spec.active_deadline_seconds = pod.spec.active_deadline_seconds;
            rec.info = Rc::new(PodInfo::new(&new_spec));
            rec.spec = Rc::new(new_spec);
            let unscheduled = rec.node.is_none();
            let k2 = k.clone();
            self.restart_changed_containers(&k2);
            if unscheduled {
                // An updated pending pod goes back to the active queue.
                self.enqueue(&k2, self.now);
            }
        }
        self.pod_changed(k);
        self.controllers_dirty();
        Ok(ApplyOutcome::Configured { kind: "pod".into(), name: k.1.clone() })
    }

    /// After an image change the kubelet restarts the changed containers.
    fn restart_changed_containers(&mut self, k: &(String, String)) {
        let now = self.now;
        let Some(p) = self.pods.get_mut(k) else { return };
        let Some(kube) = p.kube.as_mut() else { return };
        let obj = pod_ref(&p.meta);
        let host = p.node.and_then(|i| self.infos.get(i)).map(|n| n.name.clone());
        for c in kube.main.iter_mut() {
            let Some(cs) = p.spec.containers.get(c.idx) else { continue };
            let image = cs.image.clone().unwrap_or_default();
            if c.status.image == image {
                continue;
            }
            c.status.image = image;
            if c.stage == kubelet::Stage::Running {
                self.events.record(
                    now,
                    EventType::Normal,
                    &obj,
                    "Killing",
                    format!("Container {} definition changed, will be restarted", cs.name),
                    "kubelet",
                    host.as_deref(),
                );
                self.runtime.signal(
                    &crate::runtime::ContainerId { pod_uid: p.runtime_uid.clone(), container: cs.name.clone() },
                    crate::runtime::Signal::Kill,
                    now,
                );
            }
        }
        let uid = p.runtime_uid.clone();
        self.push_timer(now, Timer::PodSync(uid));
    }

    fn apply_workload(&mut self, w: Workload) -> Result<ApplyOutcome, ApiError> {
        let out = controllers::apply(self, w)?;
        self.controllers_dirty();
        Ok(out)
    }

    /// Deletes a ReplicaSet, Deployment or Job and (in the background) its pods.
    pub fn delete_workload(&mut self, kind: &str, ns: &str, name: &str) -> Result<(), ApiError> {
        controllers::delete(self, kind, ns, name)
    }

    /// `kubectl scale`: a Deployment's or ReplicaSet's new `spec.replicas`.
    pub fn scale_workload(&mut self, kind: &str, ns: &str, name: &str, replicas: i32) -> Result<(), ApiError> {
        controllers::scale(self, kind, ns, name, replicas)?;
        self.controllers_dirty();
        Ok(())
    }

    /// `kubectl delete pod`: graceful (Terminating for the grace period, then
    /// gone). `grace: Some(0)` is `--grace-period=0 --force`.
    pub fn delete_pod(&mut self, ns: &str, name: &str, grace: Option<i64>) -> Result<(), ApiError> {
        let k = key(ns, name);
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", name)) };
        if p.is_static {
            // The API object goes, but the kubelet recreates the mirror pod at
            // once: the static pod keeps running.
            let uid = self.rng.uuid();
            p.meta.uid = uid;
            p.meta.creation_timestamp = Some(self.now.rfc3339());
            self.pod_changed(&k);
            return Ok(());
        }
        let grace = grace.or(p.spec.termination_grace_period_seconds).unwrap_or(30).max(0);
        let terminal = p.kube.as_ref().is_some_and(|kp| kp.phase.is_terminal());
        if p.node.is_none() || terminal || grace == 0 {
            self.remove_pod(&k);
            return Ok(());
        }
        if let Some((_, old)) = p.deletion {
            if grace >= old {
                return Ok(());
            }
        }
        p.deletion = Some((self.now, grace));
        p.meta.deletion_timestamp = Some(self.now.plus_ms(u64::try_from(grace).unwrap_or(0).saturating_mul(1000)).rfc3339());
        p.meta.deletion_grace_period_seconds = Some(grace);
        let node_ready = p.node.and_then(|i| self.nodes.get(i)).is_some_and(|n| n.ready);
        if let (true, Some(kube)) = (node_ready, p.kube.as_mut()) {
            kube.start_termination(grace, true, self.now);
        }
        self.pod_changed(&k);
        let now = self.now;
        self.wake_pod(&k, now);
        self.controllers_dirty();
        Ok(())
    }

    /// Removes a pod from the API at once and releases what it held.
    fn remove_pod(&mut self, k: &(String, String)) {
        let Some(p) = self.pods.remove(k) else { return };
        if let Some(i) = p.node {
            if p.counted {
                if let Some(info) = self.infos.get_mut(i) {
                    info.remove_pod(&p.info);
                }
            }
            if let (Some(ip), Some(n), false) = (p.pod_ip.as_deref(), self.nodes.get_mut(i), p.spec.host_network == Some(true)) {
                if let Some(last) = ip.rsplit('.').next().and_then(|x| x.parse::<u8>().ok()) {
                    n.ips_used.remove(&last);
                }
            }
            if p.kube.as_ref().is_some_and(|kp| !kp.sandbox_removed) {
                self.runtime.remove_sandbox(&p.runtime_uid, self.now);
            }
        }
        self.by_runtime_uid.remove(&p.runtime_uid);
        self.unschedulable.remove(k);
        self.active_q.retain(|e| !(e.2 == k.0 && e.3 == k.1));
        self.pod_changed(k);
        self.cluster_changed();
        self.controllers_dirty();
    }

    /// `kubectl label pod`: `value: None` removes the key.
    pub fn label_pod(&mut self, ns: &str, name: &str, key_: &str, value: Option<&str>, overwrite: bool) -> Result<(), ApiError> {
        let k = key(ns, name);
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", name)) };
        apply_label(&mut p.meta.labels, key_, value, overwrite)?;
        self.pod_changed(&k);
        self.controllers_dirty();
        Ok(())
    }

    /// `kubectl annotate pod`: `value: None` removes the key.
    pub fn annotate_pod(&mut self, ns: &str, name: &str, key_: &str, value: Option<&str>, overwrite: bool) -> Result<(), ApiError> {
        let k = key(ns, name);
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", name)) };
        apply_label(&mut p.meta.annotations, key_, value, overwrite)?;
        self.pod_changed(&k);
        Ok(())
    }

    /// Puts a static pod manifest in a node's manifest directory: the
    /// kubelet runs it without the scheduler, and a read-only mirror pod
    /// named `<name>-<node>` appears in the API.
    pub fn add_static_pod(&mut self, node: &str, mut pod: Pod) -> Result<(String, String), ApiError> {
        let i = self.node_idx(node)?;
        defaults::pod(&mut pod, self.timings.default_toleration_seconds);
        if pod.spec.containers.is_empty() || pod.metadata.name.is_empty() {
            return Err(ApiError::invalid(
                "Pod",
                &pod.metadata.name,
                "spec.containers: Required value",
                Text::new("정적 파드에도 이름과 컨테이너가 있어야 합니다.", "A static pod needs a name and containers."),
            ));
        }
        let name = format!("{}-{node}", pod.metadata.name);
        if self.pods.contains_key(&key(&pod.metadata.namespace, &name)) {
            return Err(ApiError::already_exists("pods", &name));
        }
        pod.metadata.name = name;
        pod.spec.node_name = Some(node.to_string());
        // Static pods tolerate every NoExecute taint (kubelet's static pod defaults).
        pod.spec.tolerations.push(model::Toleration { operator: Some("Exists".into()), effect: Some("NoExecute".into()), ..Default::default() });
        let hash = format!("{:016x}", self.rng.next_u64());
        let a = &mut pod.metadata.annotations;
        a.insert("kubernetes.io/config.source".into(), "file".into());
        a.insert("kubernetes.io/config.hash".into(), hash.clone());
        a.insert("kubernetes.io/config.mirror".into(), hash);
        a.insert("kubernetes.io/config.seen".into(), self.now.rfc3339());
        let node_uid = self.nodes.get(i).map(|n| n.meta.uid.clone()).unwrap_or_default();
        pod.metadata.owner_references = vec![model::OwnerReference {
            api_version: "v1".into(),
            kind: "Node".into(),
            name: node.to_string(),
            uid: node_uid,
            controller: Some(true),
        }];
        let k = self.create_pod(pod, Rc::new(PodSpec::default()), true, None)?;
        Ok(k)
    }

    /// Removes a static pod manifest: the kubelet stops the pod and the mirror pod goes.
    pub fn remove_static_pod(&mut self, node: &str, name: &str, namespace: &str) -> Result<(), ApiError> {
        let k = key(namespace, &format!("{name}-{node}"));
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", &k.1)) };
        p.is_static = false;
        self.delete_pod(&k.0, &k.1, None)
    }

    // ----- scheduling -----

    fn bind(&mut self, k: &(String, String), i: usize, via_scheduler: bool) {
        let now = self.now;
        let Some(p) = self.pods.get_mut(k) else { return };
        let Some(n) = self.nodes.get_mut(i) else { return };
        let Some(info) = self.infos.get_mut(i) else { return };
        p.node = Some(i);
        p.counted = true;
        self.unschedulable.remove(k);
        info.add_pod(&p.info);
        if p.spec.host_network == Some(true) {
            // hostNetwork pods share the node's network namespace and IP.
            p.pod_ip = Some(n.internal_ip.clone());
        } else {
            // Flat pod network: the next free address of the node's /24 (.1 is the bridge).
            let free = (2u8..=254).find(|x| !n.ips_used.contains(x)).unwrap_or(254);
            n.ips_used.insert(free);
            p.pod_ip = Some(format!("{}.{}.{}.{free}", n.cidr[0], n.cidr[1], n.cidr[2]));
        }
        p.scheduled = Some(Condition { kind: "PodScheduled", status: true, reason: None, message: None, last_transition: now });
        p.message = None;
        let kube = KubeletPod::new(&p.spec, now, &self.timings, &mut self.rng);
        let due = kube.sandbox_due.unwrap_or(now);
        p.kube = Some(Box::new(kube));
        let node_name = info.name.clone();
        if via_scheduler {
            let obj = pod_ref(&p.meta);
            self.events.record(
                now,
                EventType::Normal,
                &obj,
                "Scheduled",
                format!("Successfully assigned {}/{} to {node_name}", k.0, k.1),
                "default-scheduler",
                None,
            );
            self.changes.insert(Change::Events);
        }
        self.pod_changed(k);
        self.wake_pod(k, due);
    }

    fn run_scheduler(&mut self) {
        self.schedule_timer = None;
        let queue = std::mem::take(&mut self.active_q);
        for (_, _, ns, name) in queue {
            let k = (ns, name);
            let Some(p) = self.pods.get(&k) else { continue };
            if p.node.is_some() || p.deletion.is_some() {
                continue;
            }
            let result = self.scheduler.schedule(&p.info, &self.infos, &mut self.rng);
            match result {
                Ok(d) => self.bind(&k, d.node, true),
                Err(fit) => {
                    let msg = fit.message();
                    let now = self.now;
                    let flush = self.timings.sched_unschedulable_flush_ms;
                    let Some(p) = self.pods.get_mut(&k) else { continue };
                    p.sched_attempts = p.sched_attempts.saturating_add(1);
                    p.last_attempt = now;
                    let changed = p.scheduled.as_ref().is_none_or(|c| c.message.as_deref() != Some(&msg));
                    let since = p.scheduled.as_ref().filter(|c| !c.status).map_or(now, |c| c.last_transition);
                    p.scheduled = Some(Condition {
                        kind: "PodScheduled",
                        status: false,
                        reason: Some("Unschedulable"),
                        message: Some(msg.clone()),
                        last_transition: since,
                    });
                    let obj = pod_ref(&p.meta);
                    let attempts = p.sched_attempts;
                    self.events.record(now, EventType::Warning, &obj, "FailedScheduling", msg, "default-scheduler", None);
                    self.changes.insert(Change::Events);
                    if changed {
                        self.pod_changed(&k);
                    }
                    let uid = self.pods.get(&k).map(|p| p.runtime_uid.clone()).unwrap_or_default();
                    self.unschedulable.insert(k.clone());
                    self.push_timer(now.plus_ms(flush), Timer::UnschedulableFlush(uid, attempts));
                }
            }
        }
    }

    /// The per-node filter and score table for a pod ("why here / why Pending"),
    /// computed against the current cluster without the pod itself.
    pub fn scheduling_table(&self, ns: &str, name: &str) -> Option<SchedulingTable> {
        let p = self.pods.get(&key(ns, name))?;
        let mut infos = self.infos.clone();
        if let (Some(i), true) = (p.node, p.counted) {
            if let Some(n) = infos.get_mut(i) {
                n.remove_pod(&p.info);
            }
        }
        Some(self.scheduler.table(&p.info, &infos))
    }

    // ----- time -----

    /// Advances the clock by `ms`.
    pub fn advance_by(&mut self, ms: u64) -> u64 {
        let t = self.now.plus_ms(ms);
        self.advance_to(t)
    }

    /// Runs every due timer and runtime wakeup in time order up to `t`
    /// (bounded); returns how many steps ran.
    pub fn advance_to(&mut self, t: SimTime) -> u64 {
        let target = t.max(self.now);
        let mut steps = 0u64;
        while steps < MAX_STEPS_PER_ADVANCE {
            let next_timer = self.timers.keys().next().map(|k| k.0);
            let next_rt = self.runtime.next_wakeup();
            let next = match (next_timer, next_rt) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => match a.or(b) {
                    Some(x) => x,
                    None => break,
                },
            };
            if next > target {
                break;
            }
            self.now = self.now.max(next);
            steps += 1;
            if next_rt.is_some_and(|r| r <= self.now) {
                self.process_runtime();
            }
            while let Some(entry) = self.timers.first_entry() {
                if entry.key().0 > self.now || steps >= MAX_STEPS_PER_ADVANCE {
                    break;
                }
                let timer = entry.remove();
                steps += 1;
                self.fire(timer);
            }
        }
        self.now = target;
        self.process_runtime();
        steps
    }

    fn process_runtime(&mut self) {
        let events = self.runtime.advance(self.now);
        for e in events {
            if let RuntimeEvent::Traffic(t) = e {
                if self.traffic.len() >= TRAFFIC_MAX {
                    self.traffic.pop_front();
                }
                self.traffic.push_back(t);
                self.traffic_total += 1;
                continue;
            }
            if let RuntimeEvent::Exited { id, at, exit_code, oom_killed } = e {
                let Some(k) = self.by_runtime_uid.get(&id.pod_uid).cloned() else { continue };
                let Some(p) = self.pods.get_mut(&k) else { continue };
                if p.not_ready_by_node {
                    continue;
                }
                if let Some(kube) = p.kube.as_mut() {
                    kube.on_exit(&id.container, exit_code, oom_killed, at);
                }
                self.sync_pod(&k);
            }
        }
    }

    fn fire(&mut self, t: Timer) {
        match t {
            Timer::Schedule => {
                if self.schedule_timer.is_some_and(|at| at <= self.now) || self.schedule_timer.is_none() {
                    self.run_scheduler();
                }
            }
            Timer::Controllers => {
                self.controllers_timer = None;
                controllers::reconcile(self);
            }
            Timer::PodSync(uid) => {
                let Some(k) = self.by_runtime_uid.get(&uid).cloned() else { return };
                if let Some(p) = self.pods.get_mut(&k) {
                    if p.next_wake.is_some_and(|w| w > self.now) {
                        return;
                    }
                    p.next_wake = None;
                }
                self.sync_pod(&k);
            }
            Timer::Evict(uid) => self.evict(&uid),
            Timer::UnschedulableFlush(uid, attempts) => {
                let Some(k) = self.by_runtime_uid.get(&uid).cloned() else { return };
                let due = self.pods.get(&k).is_some_and(|p| p.node.is_none() && p.sched_attempts == attempts);
                if due {
                    self.enqueue(&k, self.now);
                }
            }
        }
    }

    fn evict(&mut self, uid: &str) {
        let Some(k) = self.by_runtime_uid.get(uid).cloned() else { return };
        let Some(p) = self.pods.get(&k) else { return };
        if p.deletion.is_some() || p.is_static {
            return;
        }
        // Still on a node with an untolerated-by-now NoExecute taint?
        let Some(i) = p.node else { return };
        let still = self.infos.get(i).is_some_and(|n| n.taints.iter().any(|t| t.effect == "NoExecute"));
        if !still {
            return;
        }
        let obj = pod_ref(&p.meta);
        self.events.record(
            self.now,
            EventType::Normal,
            &obj,
            "TaintManagerEviction",
            format!("Marking for deletion Pod {}/{}", k.0, k.1),
            "taint-eviction-controller",
            None,
        );
        self.changes.insert(Change::Events);
        let _ = self.delete_pod(&k.0, &k.1, None);
    }

    /// Runs the kubelet for one pod at the current time.
    fn sync_pod(&mut self, k: &(String, String)) {
        let now = self.now;
        let Some(p) = self.pods.get_mut(k) else { return };
        let Some(i) = p.node else { return };
        let Some(n) = self.nodes.get_mut(i) else { return };
        if !n.ready || p.not_ready_by_node {
            return;
        }
        let Some(kube) = p.kube.as_mut() else { return };
        let node_name = self.infos.get(i).map(|x| x.name.clone()).unwrap_or_default();
        let ident = PodIdent {
            namespace: &p.meta.namespace,
            name: &p.meta.name,
            uid: &p.runtime_uid,
            node: &node_name,
            pod_ip: p.pod_ip.as_deref().unwrap_or(""),
            is_static: p.is_static,
            grace_seconds: p.deletion.map(|d| d.1).or(p.spec.termination_grace_period_seconds).unwrap_or(30),
        };
        let mut ctx = Ctx { now, timings: &self.timings, rng: &mut self.rng, runtime: &mut *self.runtime, images: &mut n.images, events: Vec::new() };
        let next = kube.sync(&p.spec, &ident, &mut ctx);
        let events = ctx.events;
        let phase = kube.phase;
        let ready = kube.ready();
        let gone = kube.gone;
        let obj = pod_ref(&p.meta);
        for e in events {
            let t = if e.warning { EventType::Warning } else { EventType::Normal };
            let obj = ObjectRef { field_path: e.field_path, ..obj.clone() };
            self.events.record(now, t, &obj, e.reason, e.message, "kubelet", Some(&node_name));
            self.changes.insert(Change::Events);
        }
        self.pod_changed(k);
        if gone {
            self.remove_pod(k);
            return;
        }
        let mut freed = false;
        let mut notify = false;
        if let Some(p) = self.pods.get_mut(k) {
            if phase != p.last_phase || ready != p.last_ready {
                notify = true;
            }
            if phase.is_terminal() && p.counted {
                p.counted = false;
                if let Some(info) = self.infos.get_mut(i) {
                    info.remove_pod(&p.info);
                }
                freed = true;
            }
            p.last_phase = phase;
            p.last_ready = ready;
        }
        if freed {
            self.cluster_changed();
        }
        if notify {
            self.controllers_dirty();
        }
        if let Some(t) = next {
            self.wake_pod(k, t.max(now));
        }
    }

    // ----- outputs -----

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

    /// Notes that a pod changed, once per drain (no allocation when already noted).
    fn pod_changed(&mut self, k: &(String, String)) {
        match self.pods.get_mut(k) {
            Some(p) if p.dirty => {}
            Some(p) => {
                p.dirty = true;
                self.changes.insert(Change::Pod { namespace: k.0.clone(), name: k.1.clone() });
            }
            None => {
                self.changes.insert(Change::Pod { namespace: k.0.clone(), name: k.1.clone() });
            }
        }
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

    fn view(&self, p: &PodRec) -> PodView {
        let init = p.kube.as_ref().map(|k| k.init_statuses()).unwrap_or_default();
        let main = p.kube.as_ref().map(|k| k.main_statuses()).unwrap_or_default();
        let mut conditions: Vec<Condition> = Vec::new();
        if let Some(kube) = &p.kube {
            for kind in ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"] {
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
        let phase = p.kube.as_ref().map_or(Phase::Pending, |k| k.phase);
        let initialized = conditions.iter().any(|c| c.kind == "Initialized" && c.status);
        let ready_cond = conditions.iter().any(|c| c.kind == "Ready" && c.status);
        let deleting = p.deletion.is_some();
        let status_text =
            status::kubectl_status(&p.spec, phase, p.reason.as_deref(), &init, &main, initialized, ready_cond, deleting);
        let total = (p.spec.containers.len() + init.iter().filter(|c| c.restartable).count()) as u32;
        let ready_n = (main.iter().filter(|c| c.ready).count() + init.iter().filter(|c| c.restartable && c.ready).count()) as u32;
        let restarts = main.iter().chain(init.iter()).map(|c| c.restart_count).sum();
        let node = p.node.and_then(|i| self.infos.get(i)).map(|n| n.name.clone());
        let sandbox = p.kube.as_ref().is_some_and(|k| k.sandbox_ready && !k.sandbox_removed);
        let pod_ip = if sandbox { p.pod_ip.clone() } else { None };
        let qos = status::qos_class(&p.spec);
        let to_value = |v: &ContainerStatus| serde_json::to_value(v).unwrap_or(serde_json::Value::Null);
        let mut meta = p.meta.clone();
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
                conditions: conditions.iter().map(Condition::to_model).collect(),
                host_ip: p.node.and_then(|i| self.nodes.get(i)).filter(|_| p.kube.is_some()).map(|n| n.internal_ip.clone()),
                pod_ip: pod_ip.clone(),
                start_time: p.kube.as_ref().map(|k| k.start_time.rfc3339()),
                qos_class: Some(qos.into()),
                reason: p.reason.clone(),
                message: p.message.clone(),
                init_container_statuses: init.iter().map(to_value).collect(),
                container_statuses: main.iter().map(to_value).collect(),
            }),
        };
        PodView {
            namespace: p.meta.namespace.clone(),
            name: p.meta.name.clone(),
            uid: p.meta.uid.clone(),
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
            created: p.created,
            deleting,
            is_mirror: p.is_static,
        }
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

fn apply_label(map: &mut BTreeMap<String, String>, key: &str, value: Option<&str>, overwrite: bool) -> Result<(), ApiError> {
    match value {
        None => {
            map.remove(key);
        }
        Some(v) => {
            if let Some(old) = map.get(key) {
                if old != v && !overwrite {
                    return Err(ApiError::bad_request(
                        format!("'{key}' already has a value ({old}), and --overwrite is false"),
                        Text::new(
                            format!("'{key}' 레이블에는 이미 값({old})이 있습니다. 바꾸려면 --overwrite를 쓰세요."),
                            format!("The label '{key}' already has a value ({old}); use --overwrite to change it."),
                        ),
                    ));
                }
            }
            map.insert(key.to_string(), v.to_string());
        }
    }
    Ok(())
}
