//! One scheduling cycle (`pkg/scheduler/schedule_one.go`): node sampling
//! with `percentageOfNodesToScore`, a rotating start index, filters, scores
//! and `selectHost`'s tie-break, plus the table behind the decision.

use std::borrow::Cow;

use super::balanced_allocation::BalancedAllocation;
use super::fit_error::FitError;
use super::framework::{
    Code, FilterPlugin, NodeInfo, PodInfo, ScorePlugin, Status, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND,
    MIN_FEASIBLE_NODES_TO_FIND,
};
use super::node_affinity::NodeAffinityPlugin;
use super::node_name::NodeName;
use super::node_ports::NodePorts;
use super::node_resources_fit::NodeResourcesFit;
use super::node_unschedulable::NodeUnschedulable;
use super::table::{FilterVerdict, NodeRow, SchedulingTable, ScoreCell};
use super::taint_toleration::TaintToleration;
use crate::rng::Rng;

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
                Box::new(NodeAffinityPlugin),
                Box::new(NodePorts),
                Box::new(NodeResourcesFit),
            ],
            scores: vec![
                (Box::new(TaintToleration), 3),
                (Box::new(NodeAffinityPlugin), 2),
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
    fn run_filters(
        &self,
        active: &[usize],
        pod: &PodInfo,
        node: &NodeInfo,
        reasons: &mut Vec<Cow<'static, str>>,
    ) -> Option<(&'static str, Status)> {
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

    /// Every filter the pod does not skip, on one node: the first failure
    /// (preemption's `RunFilterPluginsWithNominatedPods` on a trial node).
    pub(crate) fn filter_node(&self, pod: &PodInfo, node: &NodeInfo) -> Option<(&'static str, Status)> {
        let active: Vec<usize> =
            (0..self.filters.len()).filter(|i| self.filters.get(*i).is_some_and(|f| !f.skip(pod))).collect();
        self.run_filters(&active, pod, node, &mut Vec::new())
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
        let chosen = if feasible.len() == 1 {
            feasible.first().copied().unwrap_or(0)
        } else {
            self.pick(pod, nodes, &feasible, rng)
        };
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
                let filters: Vec<FilterVerdict> = self
                    .filters
                    .iter()
                    .map(|f| FilterVerdict { plugin: f.name(), status: f.filter(pod, node) })
                    .collect();
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
                    row.scores.push(ScoreCell {
                        plugin: plugin.name(),
                        raw: r,
                        normalized: s,
                        weight: *weight,
                        weighted,
                        skipped,
                    });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PodSpec, Taint};
    use crate::scheduler::*;

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
        let spec: PodSpec =
            crate::yaml::from_str("containers:\n- {name: a, resources: {requests: {cpu: 100m, memory: 500Mi}}}\n")
                .unwrap();
        let other: PodSpec =
            crate::yaml::from_str("containers:\n- {name: a, resources: {requests: {cpu: 300m}}}\n").unwrap();
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
        let spec: PodSpec =
            crate::yaml::from_str("containers:\n- name: a\n  resources: {requests: {cpu: '3'}}\n").unwrap();
        let pod = PodInfo::new(&spec);
        let mut cp = node("cp", 4000);
        cp.taints.push(Taint {
            key: "node-role.kubernetes.io/control-plane".into(),
            value: None,
            effect: "NoSchedule".into(),
        });
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
        let spec: PodSpec =
            crate::yaml::from_str("containers:\n- {name: a, resources: {requests: {cpu: 500m, memory: 256Mi}}}\n")
                .unwrap();
        let pod = PodInfo::new(&spec);
        let mut busy = node("busy", 4000);
        busy.add_pod(&PodInfo::new(
            &crate::yaml::from_str("containers:\n- {name: a, resources: {requests: {cpu: '3', memory: 4Gi}}}\n")
                .unwrap(),
        ));
        let nodes = vec![busy, node("idle", 4000)];
        let d = Scheduler::new().schedule(&pod, &nodes, &mut Rng::new(3)).unwrap();
        assert_eq!(d.node, 1);
        let t = Scheduler::new().table(&pod, &nodes);
        assert_eq!(t.best, vec!["idle".to_string()]);
        assert!(t.rows.iter().all(|r| r.scores.len() == 4));
    }
}
