//! A kube-scheduler in the framework's shape: filter plugins say which nodes
//! can run a pod (with every reason a node fails), score plugins rank the
//! feasible ones, and a failed cycle becomes upstream's `FitError` text.
//!
//! Follows `pkg/scheduler/schedule_one.go` (node sampling with
//! `percentageOfNodesToScore`, rotating start index, `selectHost` tie-break)
//! and `pkg/scheduler/framework/types.go` (`FitError.Error`). Plugins live one
//! per file; default weights come from
//! `pkg/scheduler/apis/config/v1/default_plugins.go`.

mod balanced_allocation;
mod node_affinity;
mod node_name;
mod node_ports;
mod node_resources_fit;
mod node_unschedulable;
mod taint_toleration;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{PodSpec, Taint, Toleration};
use crate::quantity::Quantity;
use crate::rng::Rng;
use crate::selector::Selector;

pub use balanced_allocation::BalancedAllocation;
pub use node_affinity::NodeAffinity;
pub use node_name::NodeName;
pub use node_ports::NodePorts;
pub use node_resources_fit::NodeResourcesFit;
pub use node_unschedulable::NodeUnschedulable;
pub use taint_toleration::TaintToleration;

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
        self.milli_cpu == 0 && self.memory == 0 && self.ephemeral_storage == 0 && self.scalar.iter().all(|(_, v)| *v == 0)
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
    (cpu.max(init_cpu), mem.max(init_mem))
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

/// The outcome of one successful scheduling cycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Index of the chosen node in the slice given to [`Scheduler::schedule`].
    pub node: usize,
    /// Nodes checked by filters (sampling may stop early).
    pub evaluated: usize,
    /// Nodes that passed every filter among those.
    pub feasible: usize,
}

/// Why no node fits: upstream's `FitError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FitError {
    pub num_all_nodes: usize,
    /// For each node that failed: the first failing plugin's status.
    pub node_statuses: Vec<(usize, &'static str, Status)>,
    /// The preemption (PostFilter) summary, as DefaultPreemption words it.
    pub post_filter: String,
}

/// `"N reason"` strings sorted like upstream's `sortReasonsHistogram`.
fn sorted_histogram<'a>(reasons: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reasons {
        *counts.entry(r).or_insert(0) += 1;
    }
    let mut out: Vec<String> = counts.into_iter().map(|(r, n)| format!("{n} {r}")).collect();
    out.sort();
    out
}

impl FitError {
    fn new(num_all_nodes: usize, node_statuses: Vec<(usize, &'static str, Status)>) -> FitError {
        // DefaultPreemption's dry run: a node failed as unresolvable cannot be
        // helped by evicting pods. This simulation does not preempt, so every
        // other node reports that no victims were found.
        let preemption = node_statuses.iter().map(|(_, _, st)| {
            if st.code == Code::UnschedulableAndUnresolvable {
                "Preemption is not helpful for scheduling"
            } else {
                "No preemption victims found for incoming pod"
            }
        });
        let hist = sorted_histogram(preemption);
        let post_filter = format!("preemption: 0/{num_all_nodes} nodes are available: {}.", hist.join(", "));
        FitError { num_all_nodes, node_statuses, post_filter }
    }

    /// The text of the `FailedScheduling` event and the `PodScheduled` condition.
    pub fn message(&self) -> String {
        if self.num_all_nodes == 0 {
            return "no nodes available to schedule pods".to_string();
        }
        let reasons = self.node_statuses.iter().flat_map(|(_, _, st)| st.reasons.iter().map(|r| r.as_ref()));
        let hist = sorted_histogram(reasons);
        let mut msg = format!("0/{} nodes are available:", self.num_all_nodes);
        if !hist.is_empty() {
            msg.push_str(&format!(" {}.", hist.join(", ")));
        }
        msg.push_str(&format!(" {}", self.post_filter));
        msg
    }
}

/// One filter's verdict on one node, for the "why" table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FilterVerdict {
    pub plugin: &'static str,
    pub status: Status,
}

/// One score plugin's numbers on one node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreCell {
    pub plugin: &'static str,
    pub raw: i64,
    pub normalized: i64,
    pub weight: i64,
    pub weighted: i64,
    /// The plugin skipped this pod (PreScore `Skip`): it adds nothing.
    pub skipped: bool,
}

/// One node's row in the table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeRow {
    pub node: String,
    /// Every filter, in framework order (upstream stops at the first failure;
    /// the table shows them all and marks that one).
    pub filters: Vec<FilterVerdict>,
    pub first_failure: Option<&'static str>,
    pub feasible: bool,
    pub scores: Vec<ScoreCell>,
    pub total: Option<i64>,
}

/// The per-node table behind a scheduling decision: "why here / why Pending".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SchedulingTable {
    pub rows: Vec<NodeRow>,
    /// The best-scoring feasible node(s) in this table.
    pub best: Vec<String>,
    /// The FitError text when no node is feasible.
    pub message: Option<String>,
    /// How many nodes upstream would check before stopping (sampling).
    pub nodes_to_find: usize,
}

/// Per-node verdicts for the last pod shape scheduled: consecutive pods with
/// an equal `PodInfo` (replicas of one template) reuse a node's filter pass
/// and raw scores while the node's `generation` is unchanged. Decisions are
/// exactly those of recomputing (an equivalence cache, as kube-scheduler once
/// had); only nodes that changed are checked again.
#[derive(Default)]
struct VerdictCache {
    pod: Option<PodInfo>,
    /// Node generation the entry was computed at; `u64::MAX` = no entry.
    generation: Vec<u64>,
    /// `scores.len()` raw scores per node.
    raw: Vec<i64>,
}

/// The scheduler: plugins in framework order and the sampling state.
pub struct Scheduler {
    filters: Vec<Box<dyn FilterPlugin>>,
    scores: Vec<(Box<dyn ScorePlugin>, i64)>,
    /// `percentageOfNodesToScore`: 0 means adaptive (`50 - nodes/125`, at least 5%).
    pub percentage_of_nodes_to_score: usize,
    next_start_node_index: usize,
    /// Scratch buffers reused across cycles (no allocation per filter call).
    feasible: Vec<usize>,
    active: Vec<usize>,
    cache: VerdictCache,
    raw: Vec<i64>,
    totals: Vec<i64>,
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler::new()
    }
}

impl Scheduler {
    /// The default profile: upstream's filter order and score weights.
    pub fn new() -> Scheduler {
        Scheduler {
            filters: vec![
                Box::new(NodeUnschedulable),
                Box::new(NodeName),
                Box::new(TaintToleration),
                Box::new(NodeAffinity),
                Box::new(NodePorts),
                Box::new(NodeResourcesFit),
            ],
            scores: vec![
                (Box::new(TaintToleration), 3),
                (Box::new(NodeAffinity), 2),
                (Box::new(NodeResourcesFit), 1),
                (Box::new(BalancedAllocation), 1),
            ],
            percentage_of_nodes_to_score: 0,
            next_start_node_index: 0,
            feasible: Vec::new(),
            active: Vec::new(),
            cache: VerdictCache::default(),
            raw: Vec::new(),
            totals: Vec::new(),
        }
    }

    /// `numFeasibleNodesToFind`: how many feasible nodes end the filter phase.
    pub fn num_feasible_nodes_to_find(&self, num_all_nodes: usize) -> usize {
        if num_all_nodes < MIN_FEASIBLE_NODES_TO_FIND {
            return num_all_nodes;
        }
        let mut percentage = self.percentage_of_nodes_to_score;
        if percentage == 0 {
            percentage = 50usize.saturating_sub(num_all_nodes / 125).max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
        }
        let n = num_all_nodes * percentage.min(100) / 100;
        n.max(MIN_FEASIBLE_NODES_TO_FIND)
    }

    /// Runs the active filters in order and stops at the first failure, as
    /// upstream's `RunFilterPlugins`. `reasons` is a reused scratch buffer.
    fn run_filters(&self, active: &[usize], pod: &PodInfo, node: &NodeInfo, reasons: &mut Vec<Cow<'static, str>>) -> Option<(&'static str, Status)> {
        for &fi in active {
            let Some(f) = self.filters.get(fi) else { continue };
            if !reasons.is_empty() {
                reasons.clear();
            }
            let code = f.check(pod, node, reasons);
            if code != Code::Success {
                return Some((f.name(), Status { code, reasons: std::mem::take(reasons) }));
            }
        }
        None
    }

    /// One scheduling cycle: filter (with sampling), score, pick the best
    /// node (ties broken with the seeded RNG).
    pub fn schedule(&mut self, pod: &PodInfo, nodes: &[NodeInfo], rng: &mut Rng) -> Result<Decision, FitError> {
        let n = nodes.len();
        if n == 0 {
            return Err(FitError { num_all_nodes: 0, node_statuses: Vec::new(), post_filter: String::new() });
        }
        let to_find = self.num_feasible_nodes_to_find(n);
        let mut feasible = std::mem::take(&mut self.feasible);
        feasible.clear();
        let mut failures = Vec::new();
        let start = self.next_start_node_index % n;
        let mut processed = 0;
        let mut active = std::mem::take(&mut self.active);
        active.clear();
        active.extend((0..self.filters.len()).filter(|i| self.filters.get(*i).is_some_and(|f| !f.skip(pod))));
        let mut reasons = Vec::new();
        let k_scores = self.scores.len();
        let mut cache = std::mem::take(&mut self.cache);
        if cache.pod.as_ref() != Some(pod) || cache.generation.len() != n {
            cache.pod = Some(pod.clone());
            cache.generation.clear();
            cache.generation.resize(n, u64::MAX);
            cache.raw.clear();
            cache.raw.resize(n * k_scores, 0);
        }
        for k in 0..n {
            let i = (start + k) % n;
            processed += 1;
            let Some(node) = nodes.get(i) else { continue };
            if cache.generation.get(i) == Some(&node.generation) {
                feasible.push(i);
                if feasible.len() >= to_find {
                    break;
                }
                continue;
            }
            match self.run_filters(&active, pod, node, &mut reasons) {
                None => {
                    for (p, (plugin, _)) in self.scores.iter().enumerate() {
                        let v = if plugin.skip(pod) { 0 } else { plugin.score(pod, node) };
                        if let Some(slot) = cache.raw.get_mut(i * k_scores + p) {
                            *slot = v;
                        }
                    }
                    if let Some(g) = cache.generation.get_mut(i) {
                        *g = node.generation;
                    }
                    feasible.push(i);
                    if feasible.len() >= to_find {
                        break;
                    }
                }
                Some((plugin, st)) => {
                    if let Some(g) = cache.generation.get_mut(i) {
                        *g = u64::MAX;
                    }
                    failures.push((i, plugin, st));
                }
            }
        }
        self.cache = cache;
        self.next_start_node_index = (start + processed) % n;
        self.active = active;
        if feasible.is_empty() {
            self.feasible = feasible;
            failures.sort_by_key(|(i, _, _)| *i);
            return Err(FitError::new(n, failures));
        }
        let chosen = if feasible.len() == 1 { feasible.first().copied().unwrap_or(0) } else { self.pick(pod, nodes, &feasible, rng) };
        let decision = Decision { node: chosen, evaluated: processed, feasible: feasible.len() };
        self.feasible = feasible;
        Ok(decision)
    }

    /// Scores the feasible nodes and selects the host (`selectHost`).
    fn pick(&mut self, pod: &PodInfo, nodes: &[NodeInfo], feasible: &[usize], rng: &mut Rng) -> usize {
        let mut totals = std::mem::take(&mut self.totals);
        let mut raw = std::mem::take(&mut self.raw);
        totals.clear();
        totals.resize(feasible.len(), 0);
        let k_scores = self.scores.len();
        for (p, (plugin, weight)) in self.scores.iter().enumerate() {
            if plugin.skip(pod) || plugin.constant_over(pod, nodes, feasible) {
                continue;
            }
            raw.clear();
            // Raw scores were computed (or found still valid) in the filter phase.
            raw.extend(feasible.iter().map(|i| self.cache.raw.get(i * k_scores + p).copied().unwrap_or(0)));
            plugin.normalize(&mut raw);
            for (t, s) in totals.iter_mut().zip(raw.iter()) {
                *t = t.saturating_add(s.saturating_mul(*weight));
            }
        }
        // `selectHost`: the best score wins; ties are broken uniformly at
        // random (one draw from the seeded RNG instead of one per tie).
        let best_score = totals.iter().copied().max().unwrap_or(0);
        let ties = totals.iter().filter(|t| **t == best_score).count() as u64;
        let nth = rng.below(ties) as usize;
        let best = totals.iter().enumerate().filter(|(_, t)| **t == best_score).nth(nth).map_or(0, |(k, _)| k);
        self.totals = totals;
        self.raw = raw;
        feasible.get(best).copied().unwrap_or(0)
    }

    /// The full per-node table for one pod against the given nodes: every
    /// filter on every node and every score on every feasible node.
    pub fn table(&self, pod: &PodInfo, nodes: &[NodeInfo]) -> SchedulingTable {
        let mut rows: Vec<NodeRow> = nodes
            .iter()
            .map(|node| {
                let filters: Vec<FilterVerdict> =
                    self.filters.iter().map(|f| FilterVerdict { plugin: f.name(), status: f.filter(pod, node) }).collect();
                let first_failure = filters.iter().find(|v| !v.status.is_success()).map(|v| v.plugin);
                NodeRow {
                    node: node.name.clone(),
                    feasible: first_failure.is_none(),
                    first_failure,
                    filters,
                    scores: Vec::new(),
                    total: None,
                }
            })
            .collect();
        let feasible: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.feasible).map(|(i, _)| i).collect();
        for (plugin, weight) in &self.scores {
            let skipped = plugin.skip(pod);
            let raw: Vec<i64> = feasible
                .iter()
                .map(|i| if skipped { 0 } else { nodes.get(*i).map_or(0, |n| plugin.score(pod, n)) })
                .collect();
            let mut norm = raw.clone();
            if !skipped {
                plugin.normalize(&mut norm);
            }
            for (k, i) in feasible.iter().enumerate() {
                let (r, s) = (raw.get(k).copied().unwrap_or(0), norm.get(k).copied().unwrap_or(0));
                if let Some(row) = rows.get_mut(*i) {
                    let weighted = if skipped { 0 } else { s * weight };
                    row.scores.push(ScoreCell { plugin: plugin.name(), raw: r, normalized: s, weight: *weight, weighted, skipped });
                    row.total = Some(row.total.unwrap_or(0) + weighted);
                }
            }
        }
        let top = rows.iter().filter_map(|r| r.total).max();
        let best = rows.iter().filter(|r| r.total.is_some() && r.total == top).map(|r| r.node.clone()).collect();
        let message = if feasible.is_empty() {
            let failures = rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let v = r.filters.iter().find(|v| !v.status.is_success())?;
                    Some((i, v.plugin, v.status.clone()))
                })
                .collect();
            Some(FitError::new(nodes.len(), failures).message())
        } else {
            None
        };
        SchedulingTable { rows, best, message, nodes_to_find: self.num_feasible_nodes_to_find(nodes.len()) }
    }
}

/// A learner-facing explanation of a filter reason or plugin (the reason
/// text itself stays upstream's), for the "why Pending" table.
pub fn explain(reason_or_plugin: &str) -> crate::text::Text {
    use crate::text::Text;
    let r = reason_or_plugin;
    let (ko, en) = if r.starts_with("Insufficient ") || r == "NodeResourcesFit" {
        (
            "노드의 할당 가능(allocatable) 자원에서 이미 배치된 파드들의 요청(requests)을 뺀 나머지가 이 파드의 요청보다 작습니다. 실제 사용량이 아니라 requests의 합으로 판단합니다.",
            "What is left of the node's allocatable resources after the requests of pods already there is less than this pod requests. The scheduler counts requests, not actual usage.",
        )
    } else if r == "Too many pods" {
        ("노드가 받을 수 있는 파드 수(allocatable pods, 보통 110)에 도달했습니다.", "The node already runs as many pods as it allows (allocatable pods, usually 110).")
    } else if r == taint_toleration::REASON || r == "TaintToleration" {
        (
            "노드에 NoSchedule/NoExecute 테인트가 있는데 파드에 맞는 톨러레이션이 없습니다. 컨트롤 플레인 노드가 보통 이렇게 막혀 있습니다.",
            "The node has a NoSchedule/NoExecute taint the pod does not tolerate; control-plane nodes are usually tainted this way.",
        )
    } else if r == node_affinity::REASON || r == "NodeAffinity" {
        (
            "파드의 nodeSelector나 필수 노드 어피니티가 이 노드의 레이블과 맞지 않습니다.",
            "The pod's nodeSelector or required node affinity does not match this node's labels.",
        )
    } else if r == node_unschedulable::REASON || r == "NodeUnschedulable" {
        ("노드가 cordon되어(spec.unschedulable) 새 파드를 받지 않습니다.", "The node is cordoned (spec.unschedulable) and takes no new pods.")
    } else if r == node_name::REASON || r == "NodeName" {
        ("파드의 spec.nodeName이 다른 노드를 가리킵니다.", "The pod's spec.nodeName names another node.")
    } else if r == node_ports::REASON || r == "NodePorts" {
        ("파드가 요청한 hostPort를 이 노드의 다른 파드가 이미 쓰고 있습니다.", "Another pod on this node already uses a hostPort this pod asks for.")
    } else if r == "NodeResourcesBalancedAllocation" {
        ("CPU와 메모리가 비슷한 비율로 쓰이게 되는 노드에 높은 점수를 줍니다.", "Scores nodes higher when CPU and memory would end up used in similar proportions.")
    } else if r.contains("Preemption is not helpful") {
        ("이 노드에서는 다른 파드를 내보내도(선점) 해결되지 않는 이유로 탈락했습니다.", "Evicting other pods (preemption) would not help on this node.")
    } else if r.contains("No preemption victims") {
        ("우선순위가 더 낮은 파드가 없어 선점으로 자리를 만들 수 없습니다.", "No lower-priority pods could be evicted to make room.")
    } else {
        ("스케줄러 플러그인의 판단입니다.", "A scheduler plugin's verdict.")
    };
    Text::new(ko, en)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str, cpu: i64) -> NodeInfo {
        NodeInfo {
            name: name.into(),
            allocatable: Resources { milli_cpu: cpu, memory: 8 << 30, ..Resources::default() },
            allowed_pods: 110,
            ..NodeInfo::default()
        }
    }

    #[test]
    fn every_filter_reason_is_explained() {
        let generic = explain("something else");
        for r in [
            "Insufficient cpu",
            "Too many pods",
            taint_toleration::REASON,
            node_affinity::REASON,
            node_unschedulable::REASON,
            node_name::REASON,
            node_ports::REASON,
            "Preemption is not helpful for scheduling",
            "No preemption victims found for incoming pod",
            "NodeResourcesBalancedAllocation",
        ] {
            let t = explain(r);
            assert_ne!(t, generic, "{r}");
            assert!(!t.ko.is_empty() && !t.en.is_empty());
        }
    }

    #[test]
    fn the_verdict_cache_changes_no_decision() {
        let spec: PodSpec = crate::yaml::from_str("containers:\n- {name: a, resources: {requests: {cpu: 100m, memory: 500Mi}}}\n").unwrap();
        let other: PodSpec = crate::yaml::from_str("containers:\n- {name: a, resources: {requests: {cpu: 300m}}}\n").unwrap();
        let (a, b) = (PodInfo::new(&spec), PodInfo::new(&other));
        let mut nodes: Vec<NodeInfo> = (0..300).map(|i| node(&format!("n{i}"), 1000 + (i % 7) * 500)).collect();
        let (mut cached, mut fresh) = (Scheduler::new(), Scheduler::new());
        let (mut r1, mut r2) = (Rng::new(9), Rng::new(9));
        let mut placed = 0;
        for round in 0..600 {
            let pod = if round % 5 == 4 { &b } else { &a };
            if round == 200 {
                nodes[3].taints.push(Taint { key: "x".into(), value: None, effect: "PreferNoSchedule".into() });
                nodes[3].touch();
            }
            fresh.cache = VerdictCache::default();
            let d1 = cached.schedule(pod, &nodes, &mut r1).map(|d| d.node).map_err(|e| e.message());
            let d2 = fresh.schedule(pod, &nodes, &mut r2).map(|d| d.node).map_err(|e| e.message());
            assert_eq!(d1, d2, "round {round}");
            if let Ok(i) = d1 {
                nodes[i].add_pod(pod);
                placed += 1;
            }
        }
        assert!(placed > 300, "the scenario fills nodes up: {placed}");
    }

    #[test]
    fn sampling_follows_upstream_percentages() {
        let s = Scheduler::new();
        assert_eq!(s.num_feasible_nodes_to_find(3), 3);
        assert_eq!(s.num_feasible_nodes_to_find(100), 100);
        assert_eq!(s.num_feasible_nodes_to_find(1000), 420);
        assert_eq!(s.num_feasible_nodes_to_find(5000), 500);
        assert_eq!(s.num_feasible_nodes_to_find(6000), 300);
    }

    #[test]
    fn fit_error_histogram_is_sorted_like_upstream() {
        let spec: PodSpec = crate::yaml::from_str("containers:\n- name: a\n  resources: {requests: {cpu: '3'}}\n").unwrap();
        let pod = PodInfo::new(&spec);
        let mut cp = node("cp", 4000);
        cp.taints.push(Taint { key: "node-role.kubernetes.io/control-plane".into(), value: None, effect: "NoSchedule".into() });
        let nodes = vec![cp, node("w1", 2000), node("w2", 2000)];
        let err = Scheduler::new().schedule(&pod, &nodes, &mut Rng::new(1)).unwrap_err();
        assert_eq!(
            err.message(),
            "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. \
             preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, \
             2 No preemption victims found for incoming pod."
        );
    }

    #[test]
    fn init_and_sidecar_requests_follow_pod_requests() {
        let spec: PodSpec = crate::yaml::from_str(
            "initContainers:\n- {name: i1, resources: {requests: {cpu: '2'}}}\n- {name: sc, restartPolicy: Always, resources: {requests: {cpu: 500m}}}\n- {name: i2, resources: {requests: {cpu: '1'}}}\ncontainers:\n- {name: a, resources: {requests: {cpu: 200m}}}\n",
        )
        .unwrap();
        // max(0.2 + 0.5, 2, 0.5 + 1) = 2 cores.
        assert_eq!(pod_requests(&spec).milli_cpu, 2000);
    }

    #[test]
    fn least_allocated_prefers_the_emptier_node() {
        let spec: PodSpec = crate::yaml::from_str("containers:\n- {name: a, resources: {requests: {cpu: 500m, memory: 256Mi}}}\n").unwrap();
        let pod = PodInfo::new(&spec);
        let mut busy = node("busy", 4000);
        busy.add_pod(&PodInfo::new(&crate::yaml::from_str("containers:\n- {name: a, resources: {requests: {cpu: '3', memory: 4Gi}}}\n").unwrap()));
        let nodes = vec![busy, node("idle", 4000)];
        let d = Scheduler::new().schedule(&pod, &nodes, &mut Rng::new(3)).unwrap();
        assert_eq!(d.node, 1);
        let t = Scheduler::new().table(&pod, &nodes);
        assert_eq!(t.best, vec!["idle".to_string()]);
        assert!(t.rows.iter().all(|r| r.scores.len() == 4));
    }
}
