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
mod defaults;
mod ephemeral;
pub mod error;
pub mod events;
pub mod explain;

mod kubelets;
pub mod namespaces;
mod nodes;
pub mod objects;
mod preemption;
mod priority;
mod records;
mod resize;
mod scheduling;
mod store;
mod timers;
mod views;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::rc::Rc;

use crate::kubelet::{SimpleRuntime, Timings};
use crate::model::{self, PodSpec};
use crate::rng::Rng;
use crate::runtime::{ContainerRuntime, Traffic};
use crate::scheduler::{NodeInfo, PodInfo, Scheduler};
use crate::time::SimTime;

pub use controllers::WorkloadView;
pub use error::{ApiError, ErrorReason};
pub use events::{Event, EventLog, EventType, ObjectRef};
pub use nodes::{default_nodes, worker_node};
pub use records::{ApiObject, ApplyOutcome, Change};
pub use views::{NodeView, PodView};

use records::{NodeRec, PodRec, Timer};

/// The most events kept (oldest dropped first), like an apiserver's event TTL.
pub const MAX_EVENTS: usize = 20_000;
/// The most timer firings one `advance_to` processes.
pub const MAX_STEPS_PER_ADVANCE: u64 = 100_000_000;
/// The most pods the cluster holds.
pub const MAX_PODS: usize = 1_000_000;
/// The most nodes the cluster holds.
pub const MAX_NODES: usize = 20_000;

/// The simulated cluster. It owns the [`ContainerRuntime`] that runs inside
/// its pods: [`SimpleRuntime`] (scriptable, for scenario tests) by default,
/// the pod-internals model in the playground.
pub struct Cluster<R = SimpleRuntime> {
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
    runtime: R,
    scheduler: Scheduler,
    active_q: BTreeSet<(Reverse<i32>, u64, String, String)>,
    /// Pods that failed scheduling and wait for a cluster change.
    unschedulable: BTreeSet<(String, String)>,
    schedule_timer: Option<SimTime>,
    controllers_timer: Option<SimTime>,
    pod_seq: u64,
    /// The cluster-wide write counter (etcd's revision): each object's
    /// `metadata.resourceVersion` is its value at the object's last write.
    resource_version: u64,
    next_wid: u64,
    last_info: Option<(Rc<PodSpec>, Rc<PodInfo>)>,
    /// What crossed a boundary inside or between pods, oldest first; the
    /// newest `TRAFFIC_MAX` are kept for the UI and lesson checks.
    traffic: VecDeque<Traffic>,
    /// How many traffic events were ever recorded (the ring forgets, this does not).
    traffic_total: u64,
    /// Namespaces by name (`namespaces.rs`).
    namespaces: BTreeMap<String, namespaces::NamespaceRec>,
    /// ConfigMaps and Secrets as JSON, by (kind, namespace, name) (`objects.rs`).
    objects: BTreeMap<(String, String, String), serde_json::Value>,
    /// The statuses of ephemeral containers (`kubectl debug`), by runtime UID.
    ephemeral: BTreeMap<String, Vec<crate::kubelet::ContainerStatus>>,
    /// Events an ephemeral container's start still has to record (the pull's end).
    ephemeral_pending: BTreeMap<(String, String), Vec<(String, String)>>,
    /// Pods whose resize the kubelet deferred (`resize.rs`), retried when resources free up.
    resize_deferred: BTreeSet<(String, String)>,
}

/// How many traffic events the cluster keeps.
pub const TRAFFIC_MAX: usize = 10_000;

impl Cluster {
    /// A cluster with the default nodes and the simple runtime.
    pub fn new(seed: u64) -> Cluster {
        Cluster::with_nodes(seed, default_nodes())
    }

    /// A cluster with the given nodes (a lesson's own setup) and the simple runtime.
    pub fn with_nodes(seed: u64, nodes: Vec<model::Node>) -> Cluster {
        Cluster::with_runtime(seed, nodes, SimpleRuntime::new())
    }
}

impl<R: ContainerRuntime> Cluster<R> {
    /// A cluster with the given nodes, running `runtime` inside its pods.
    pub fn with_runtime(seed: u64, nodes: Vec<model::Node>, runtime: R) -> Cluster<R> {
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
            runtime,
            scheduler: Scheduler::new(),
            active_q: BTreeSet::new(),
            unschedulable: BTreeSet::new(),
            schedule_timer: None,
            controllers_timer: None,
            pod_seq: 0,
            resource_version: 0,
            next_wid: 0,
            last_info: None,
            traffic: VecDeque::new(),
            traffic_total: 0,
            namespaces: BTreeMap::new(),
            objects: BTreeMap::new(),
            ephemeral: BTreeMap::new(),
            ephemeral_pending: BTreeMap::new(),
            resize_deferred: BTreeSet::new(),
        };
        c.init_namespaces();
        c.init_priority_classes();
        for n in nodes {
            let _ = c.add_node(n);
        }
        c
    }

    /// Replaces what runs inside containers (before any pod exists).
    pub fn set_runtime(&mut self, runtime: R) {
        self.runtime = runtime;
    }

    /// What runs inside the containers: `logs`, `exec` and the pod view read it.
    pub fn runtime(&self) -> &R {
        &self.runtime
    }

    /// What runs inside the containers, for inputs that reach it directly
    /// (`kubectl exec`, `port-forward`); their effects reach the cluster's
    /// records at the next [`Self::advance_to`].
    pub fn runtime_mut(&mut self) -> &mut R {
        &mut self.runtime
    }

    pub fn timings(&self) -> &Timings {
        &self.timings
    }

    pub fn now(&self) -> SimTime {
        self.now
    }
}
