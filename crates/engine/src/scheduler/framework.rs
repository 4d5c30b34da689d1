//! The scheduling framework's shapes: what a plugin sees of a pod
//! ([`PodInfo`]) and of a node ([`NodeInfo`]), the [`Status`] a filter
//! returns, and the [`FilterPlugin`] and [`ScorePlugin`] extension points
//! (`pkg/scheduler/framework/interface.go`, `types.go`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{PodSpec, Taint, Toleration};
use crate::quantity::Quantity;
use crate::selector::Selector;

/// The highest score a plugin gives a node (`framework.MaxNodeScore`).
pub const MAX_NODE_SCORE: i64 = 100;
/// Below this many nodes every node is checked (`minFeasibleNodesToFind`).
pub const MIN_FEASIBLE_NODES_TO_FIND: usize = 100;
/// The adaptive percentage never drops below this (`minFeasibleNodesPercentageToFind`).
pub const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND: usize = 5;
/// Upstream's default for containers without a CPU request, used in scoring only.
pub const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;
/// Upstream's default for containers without a memory request (200 MB), scoring only.
pub const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;

/// Requests or allocatable amounts of the resources the scheduler checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Resources {
    pub milli_cpu: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    /// Extended resources (`nvidia.com/gpu`, `hugepages-2Mi`), by name.
    pub scalar: Vec<(String, i64)>,
}

impl Resources {
    /// Reads a `requests`/`limits`/`allocatable` map. Unparsable quantities
    /// count as zero here: the validator reports them.
    pub fn from_map(map: &BTreeMap<String, String>) -> Resources {
        let mut r = Resources::default();
        for (k, v) in map {
            let Ok(q) = Quantity::parse(v) else { continue };
            match k.as_str() {
                "cpu" => r.milli_cpu = q.milli_value(),
                "memory" => r.memory = q.value(),
                "ephemeral-storage" => r.ephemeral_storage = q.value(),
                "pods" => {}
                other => r.scalar.push((other.to_string(), q.value())),
            }
        }
        r
    }

    pub fn scalar(&self, name: &str) -> i64 {
        self.scalar.iter().find(|(n, _)| n == name).map_or(0, |(_, v)| *v)
    }

    fn combine(&mut self, other: &Resources, f: impl Fn(i64, i64) -> i64) {
        self.milli_cpu = f(self.milli_cpu, other.milli_cpu);
        self.memory = f(self.memory, other.memory);
        self.ephemeral_storage = f(self.ephemeral_storage, other.ephemeral_storage);
        for (name, v) in &other.scalar {
            match self.scalar.iter_mut().find(|(n, _)| n == name) {
                Some((_, mine)) => *mine = f(*mine, *v),
                None => self.scalar.push((name.clone(), f(0, *v))),
            }
        }
    }

    pub fn add(&mut self, other: &Resources) {
        self.combine(other, |a, b| a.saturating_add(b));
    }

    pub fn sub(&mut self, other: &Resources) {
        self.combine(other, |a, b| a.saturating_sub(b));
    }

    fn max_with(&mut self, other: &Resources) {
        self.combine(other, i64::max);
    }

    pub fn is_zero(&self) -> bool {
        self.milli_cpu == 0
            && self.memory == 0
            && self.ephemeral_storage == 0
            && self.scalar.iter().all(|(_, v)| *v == 0)
    }
}

/// A host port a pod claims (`hostIP`, protocol, `hostPort`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HostPort {
    pub ip: String,
    pub protocol: String,
    pub port: i32,
}

impl HostPort {
    /// Two claims conflict on the same protocol and port when their IPs are
    /// equal or either is the wildcard (upstream `HostPortInfo`).
    pub fn conflicts(&self, other: &HostPort) -> bool {
        let wild = |ip: &str| ip.is_empty() || ip == "0.0.0.0";
        self.port == other.port
            && self.protocol == other.protocol
            && (self.ip == other.ip || wild(&self.ip) || wild(&other.ip))
    }
}

/// What the scheduler needs to know about a pod, computed once per pod.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodInfo {
    /// Effective requests (`resource.PodRequests`: init and sidecar rules, overhead).
    pub requests: Resources,
    /// Requests with upstream's non-zero defaults, for scoring.
    pub non_zero_milli_cpu: i64,
    pub non_zero_memory: i64,
    pub host_ports: Vec<HostPort>,
    pub tolerations: Vec<Toleration>,
    pub node_selector: BTreeMap<String, String>,
    /// Required node affinity: terms are ORed. `None` when absent.
    pub required_terms: Option<Vec<NodeTerm>>,
    /// Preferred node affinity terms with their weights.
    pub preferred_terms: Vec<(i64, NodeTerm)>,
    pub node_name: Option<String>,
    pub priority: i32,
}

/// A node selector term: label requirements and `metadata.name` field requirements, ANDed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeTerm {
    pub labels: Selector,
    pub fields: Selector,
    /// An empty term matches no node (upstream `nodeSelectorTerm` semantics).
    pub empty: bool,
}

impl NodeTerm {
    fn from_model(t: &crate::model::NodeSelectorTerm) -> NodeTerm {
        NodeTerm {
            labels: Selector::from_node_requirements(&t.match_expressions),
            fields: Selector::from_node_requirements(&t.match_fields),
            empty: t.match_expressions.is_empty() && t.match_fields.is_empty(),
        }
    }

    pub fn matches(&self, node: &NodeInfo) -> bool {
        if self.empty {
            return false;
        }
        if !self.labels.matches(&node.labels) {
            return false;
        }
        if self.fields.requirements.is_empty() && !self.fields.nothing {
            return true;
        }
        let mut fields = BTreeMap::new();
        fields.insert("metadata.name".to_string(), node.name.clone());
        self.fields.matches(&fields)
    }
}

/// Per-container requests as the scheduler counts them.
fn container_requests(c: &crate::model::Container) -> Resources {
    match &c.resources {
        // Upstream defaulting copies limits into unset requests.
        Some(r) => {
            let mut map = r.limits.clone();
            for (k, v) in &r.requests {
                map.insert(k.clone(), v.clone());
            }
            Resources::from_map(&map)
        }
        None => Resources::default(),
    }
}

/// Effective pod requests, following `k8s.io/component-helpers/resource`
/// `PodRequests`: the sum of containers and sidecars, or the largest init
/// step (an init container plus the sidecars started before it), whichever is
/// larger; plus `overhead`.
pub fn pod_requests(spec: &PodSpec) -> Resources {
    let mut reqs = Resources::default();
    for c in &spec.containers {
        reqs.add(&container_requests(c));
    }
    let mut sidecars = Resources::default();
    let mut init_max = Resources::default();
    for c in &spec.init_containers {
        let r = container_requests(c);
        if c.restart_policy.as_deref() == Some("Always") {
            reqs.add(&r);
            sidecars.add(&r);
            init_max.max_with(&sidecars);
        } else {
            let mut step = r;
            step.add(&sidecars);
            init_max.max_with(&step);
        }
    }
    reqs.max_with(&init_max);
    // Pod-level requests, when set, stand for the containers' (`PodRequests`
    // with `PodLevelResources`, in `k8s.io/component-helpers/resource/helpers.go`).
    if let Some(r) = &spec.resources {
        let pod = Resources::from_map(&r.requests);
        if r.requests.contains_key("cpu") {
            reqs.milli_cpu = pod.milli_cpu;
        }
        if r.requests.contains_key("memory") {
            reqs.memory = pod.memory;
        }
        for (name, v) in pod.scalar.iter().filter(|(n, _)| n.starts_with("hugepages-")) {
            match reqs.scalar.iter_mut().find(|(n, _)| n == name) {
                Some((_, mine)) => *mine = *v,
                None => reqs.scalar.push((name.clone(), *v)),
            }
        }
    }
    if let Some(o) = &spec.overhead {
        reqs.add(&Resources::from_map(o));
    }
    reqs
}

/// Non-zero CPU and memory requests for scoring (`schedutil.GetNonzeroRequests`).
pub fn non_zero_requests(spec: &PodSpec) -> (i64, i64) {
    let nz = |c: &crate::model::Container| {
        let r = container_requests(c);
        (
            if r.milli_cpu == 0 { DEFAULT_MILLI_CPU_REQUEST } else { r.milli_cpu },
            if r.memory == 0 { DEFAULT_MEMORY_REQUEST } else { r.memory },
        )
    };
    let (mut cpu, mut mem) = (0i64, 0i64);
    for c in &spec.containers {
        let (a, b) = nz(c);
        cpu = cpu.saturating_add(a);
        mem = mem.saturating_add(b);
    }
    let (mut sc_cpu, mut sc_mem, mut init_cpu, mut init_mem) = (0i64, 0i64, 0i64, 0i64);
    for c in &spec.init_containers {
        let (a, b) = nz(c);
        if c.restart_policy.as_deref() == Some("Always") {
            cpu = cpu.saturating_add(a);
            mem = mem.saturating_add(b);
            sc_cpu = sc_cpu.saturating_add(a);
            sc_mem = sc_mem.saturating_add(b);
            init_cpu = init_cpu.max(sc_cpu);
            init_mem = init_mem.max(sc_mem);
        } else {
            init_cpu = init_cpu.max(a.saturating_add(sc_cpu));
            init_mem = init_mem.max(b.saturating_add(sc_mem));
        }
    }
    let (mut cpu, mut mem) = (cpu.max(init_cpu), mem.max(init_mem));
    if let Some(r) = &spec.resources {
        let pod = Resources::from_map(&r.requests);
        if pod.milli_cpu > 0 {
            cpu = pod.milli_cpu;
        }
        if pod.memory > 0 {
            mem = pod.memory;
        }
    }
    (cpu, mem)
}

impl PodInfo {
    /// Precomputes everything the plugins read from a pod.
    pub fn new(spec: &PodSpec) -> PodInfo {
        let (non_zero_milli_cpu, non_zero_memory) = non_zero_requests(spec);
        let mut host_ports = Vec::new();
        for c in spec.init_containers.iter().chain(&spec.containers) {
            for p in &c.ports {
                if let Some(hp) = p.host_port.filter(|hp| *hp > 0) {
                    host_ports.push(HostPort {
                        ip: p.host_ip.clone().unwrap_or_default(),
                        protocol: p.protocol.clone().unwrap_or_else(|| "TCP".into()),
                        port: hp,
                    });
                }
            }
        }
        let na = spec.affinity.as_ref().and_then(|a| a.node_affinity.as_ref());
        let required_terms = na
            .and_then(|n| n.required_during_scheduling_ignored_during_execution.as_ref())
            .map(|sel| sel.node_selector_terms.iter().map(NodeTerm::from_model).collect());
        let preferred_terms = na
            .map(|n| {
                n.preferred_during_scheduling_ignored_during_execution
                    .iter()
                    .map(|p| (i64::from(p.weight), NodeTerm::from_model(&p.preference)))
                    .collect()
            })
            .unwrap_or_default();
        PodInfo {
            requests: pod_requests(spec),
            non_zero_milli_cpu,
            non_zero_memory,
            host_ports,
            tolerations: spec.tolerations.clone(),
            node_selector: spec.node_selector.clone(),
            required_terms,
            preferred_terms,
            node_name: spec.node_name.clone().filter(|n| !n.is_empty()),
            priority: spec.priority.unwrap_or(0),
        }
    }
}

/// A node with the aggregates of the pods on it, kept up to date by the
/// cluster so that a filter call never has to walk the node's pods.
#[derive(Clone, Debug, Default)]
pub struct NodeInfo {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub taints: Vec<Taint>,
    pub unschedulable: bool,
    pub allocatable: Resources,
    pub allowed_pods: i64,
    pub requested: Resources,
    pub non_zero_milli_cpu: i64,
    pub non_zero_memory: i64,
    pub pod_count: i64,
    pub used_ports: Vec<HostPort>,
    /// Bumped on every change that can alter a filter or score verdict; the
    /// scheduler's per-node cache is valid while it is unchanged.
    pub generation: u64,
}

impl NodeInfo {
    /// Marks the node changed (labels, taints, cordon, readiness).
    pub fn touch(&mut self) {
        self.generation = self.generation.wrapping_add(1);
    }

    /// Accounts a pod placed on this node.
    pub fn add_pod(&mut self, pod: &PodInfo) {
        self.touch();
        self.requested.add(&pod.requests);
        self.non_zero_milli_cpu = self.non_zero_milli_cpu.saturating_add(pod.non_zero_milli_cpu);
        self.non_zero_memory = self.non_zero_memory.saturating_add(pod.non_zero_memory);
        self.pod_count = self.pod_count.saturating_add(1);
        self.used_ports.extend(pod.host_ports.iter().cloned());
    }

    /// Forgets a pod that left this node.
    pub fn remove_pod(&mut self, pod: &PodInfo) {
        self.touch();
        self.requested.sub(&pod.requests);
        self.non_zero_milli_cpu = self.non_zero_milli_cpu.saturating_sub(pod.non_zero_milli_cpu);
        self.non_zero_memory = self.non_zero_memory.saturating_sub(pod.non_zero_memory);
        self.pod_count = self.pod_count.saturating_sub(1);
        for p in &pod.host_ports {
            if let Some(i) = self.used_ports.iter().position(|u| u == p) {
                self.used_ports.remove(i);
            }
        }
    }
}

/// A plugin verdict's code (`framework.Code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Code {
    Success,
    /// The node may fit after preemption or cluster changes.
    Unschedulable,
    /// Preemption cannot help on this node.
    UnschedulableAndUnresolvable,
}

/// A plugin verdict with every reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Status {
    pub code: Code,
    pub reasons: Vec<Cow<'static, str>>,
}

impl Status {
    pub const fn success() -> Status {
        Status { code: Code::Success, reasons: Vec::new() }
    }

    pub fn fail(code: Code, reason: &'static str) -> Status {
        Status { code, reasons: vec![Cow::Borrowed(reason)] }
    }

    pub fn is_success(&self) -> bool {
        self.code == Code::Success
    }
}

/// A filter extension point (`framework.FilterPlugin`).
pub trait FilterPlugin {
    fn name(&self) -> &'static str;
    /// True when this filter cannot reject the pod on any node (PreFilter
    /// `Skip`, e.g. NodePorts for a pod without host ports).
    fn skip(&self, _pod: &PodInfo) -> bool {
        false
    }
    /// Checks the pod against the node, pushing every reason it does not
    /// fit into `reasons` (left empty on success); returns the code.
    fn check(&self, pod: &PodInfo, node: &NodeInfo, reasons: &mut Vec<Cow<'static, str>>) -> Code;
    /// Says whether the pod fits the node, with every reason it does not.
    fn filter(&self, pod: &PodInfo, node: &NodeInfo) -> Status {
        let mut reasons = Vec::new();
        let code = self.check(pod, node, &mut reasons);
        Status { code, reasons }
    }
}

/// A score extension point (`framework.ScorePlugin` with `NormalizeScore`).
pub trait ScorePlugin {
    fn name(&self) -> &'static str;
    /// True when the plugin has nothing to say about this pod (PreScore `Skip`).
    fn skip(&self, _pod: &PodInfo) -> bool {
        false
    }
    fn score(&self, pod: &PodInfo, node: &NodeInfo) -> i64;
    /// True when this plugin would give every one of these nodes the same
    /// normalized score, so it cannot change the choice and the hot path
    /// may leave it out (the "why" table still shows it).
    fn constant_over(&self, _pod: &PodInfo, _nodes: &[NodeInfo], _feasible: &[usize]) -> bool {
        false
    }
    /// Maps raw scores onto `0..=MAX_NODE_SCORE`; the default keeps them.
    fn normalize(&self, _scores: &mut [i64]) {}
}

/// `helper.DefaultNormalizeScore`: scale to the maximum, optionally reversed.
pub fn default_normalize(scores: &mut [i64], reverse: bool) {
    let max = scores.iter().copied().max().unwrap_or(0);
    if max == 0 {
        if reverse {
            scores.iter_mut().for_each(|s| *s = MAX_NODE_SCORE);
        }
        return;
    }
    for s in scores.iter_mut() {
        *s = (i128::from(MAX_NODE_SCORE) * i128::from(*s) / i128::from(max)) as i64;
        if reverse {
            *s = MAX_NODE_SCORE - *s;
        }
    }
}

/// True when a toleration tolerates a taint (`v1.Toleration.ToleratesTaint`).
pub fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if let Some(e) = t.effect.as_deref().filter(|e| !e.is_empty()) {
        if e != taint.effect {
            return false;
        }
    }
    if let Some(k) = t.key.as_deref().filter(|k| !k.is_empty()) {
        if k != taint.key {
            return false;
        }
    }
    match t.operator.as_deref().unwrap_or("Equal") {
        "Exists" => true,
        "Equal" | "" => t.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or(""),
        _ => false,
    }
}
