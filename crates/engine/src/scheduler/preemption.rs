//! The DefaultPreemption PostFilter: when no node fits a pod, find the
//! nodes where evicting lower-priority pods would make it fit, choose the
//! fewest and least important victims on each, and pick one node.
//!
//! Follows `pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go`
//! (`PodEligibleToPreemptOthers`, `SelectVictimsOnNode`, the `preemption: `
//! prefix of its message) and `pkg/scheduler/framework/preemption/preemption.go`
//! (`Preempt`, `nodesWherePreemptionMightHelp`, `pickOneNodeForPreemption`
//! and its criteria in upstream's order). PodDisruptionBudgets are not
//! modelled: no victim ever violates one. Every node is a candidate (upstream
//! samples at least 100 nodes, more than a playground has).

use std::rc::Rc;

use super::fit_error::sorted_histogram;
use super::framework::{Code, NodeInfo, PodInfo};
use super::schedule::Scheduler;
use crate::rng::Rng;
use crate::time::SimTime;

/// A pod bound to a node, as preemption weighs it.
#[derive(Clone, Debug)]
pub struct Resident {
    /// The caller's handle of the pod (returned among the victims).
    pub id: usize,
    pub info: Rc<PodInfo>,
    pub priority: i32,
    /// `status.startTime`.
    pub start: SimTime,
    /// Being deleted after a scheduler preemption (`podTerminatingByPreemption`).
    pub terminating_by_preemption: bool,
}

/// What the preemptor asks for.
pub struct Preemptor<'a> {
    pub info: &'a PodInfo,
    pub priority: i32,
    /// `preemptionPolicy: Never`.
    pub never: bool,
    /// `status.nominatedNodeName`, as an index into the nodes.
    pub nominated: Option<usize>,
}

/// The node chosen and the pods to evict there (most important first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preemption {
    pub node: usize,
    pub victims: Vec<usize>,
}

/// `MoreImportantPod`: higher priority first, then the one that started earlier.
fn more_important(a: &Resident, b: &Resident) -> std::cmp::Ordering {
    b.priority.cmp(&a.priority).then(a.start.cmp(&b.start))
}

/// `SelectVictimsOnNode`: the victims on one node, or the reasons it cannot help.
fn victims_on_node(
    sched: &Scheduler,
    pod: &Preemptor,
    node: &NodeInfo,
    residents: &[Resident],
) -> Result<Vec<Resident>, Vec<String>> {
    let mut trial = node.clone();
    let mut potential: Vec<Resident> = residents.iter().filter(|r| r.priority < pod.priority).cloned().collect();
    if potential.is_empty() {
        return Err(vec!["No preemption victims found for incoming pod".to_string()]);
    }
    for r in &potential {
        trial.remove_pod(&r.info);
    }
    if let Some((_, st)) = sched.filter_node(pod.info, &trial) {
        return Err(st.reasons.iter().map(|r| r.to_string()).collect());
    }
    potential.sort_by(more_important);
    // Reprieve as many pods as possible, the most important first.
    let mut victims = Vec::new();
    for r in potential {
        trial.add_pod(&r.info);
        if sched.filter_node(pod.info, &trial).is_some() {
            trial.remove_pod(&r.info);
            victims.push(r);
        }
    }
    Ok(victims)
}

/// `PodEligibleToPreemptOthers`: `Err` is the reason it may not preempt.
fn eligible(pod: &Preemptor, residents: &dyn Fn(usize) -> Vec<Resident>) -> Result<(), &'static str> {
    if pod.never {
        return Err("not eligible due to preemptionPolicy=Never.");
    }
    if let Some(n) = pod.nominated {
        if residents(n).iter().any(|r| r.priority < pod.priority && r.terminating_by_preemption) {
            return Err("not eligible due to a terminating pod on the nominated node.");
        }
    }
    Ok(())
}

/// Runs preemption for a pod no node fits. `failed` holds each failed
/// node's index and filter status code; `residents` lists a node's pods.
/// `Ok` is the nomination; `Err` is the PostFilter's message
/// (`preemption: …`), to be appended to the FitError's.
pub fn preempt(
    sched: &Scheduler,
    pod: &Preemptor,
    nodes: &[NodeInfo],
    failed: &[(usize, Code)],
    residents: &dyn Fn(usize) -> Vec<Resident>,
    rng: &mut Rng,
) -> Result<Preemption, String> {
    eligible(pod, residents).map_err(|m| format!("preemption: {m}"))?;
    let mut reasons: Vec<String> = Vec::new();
    let mut candidates: Vec<(usize, Vec<Resident>)> = Vec::new();
    for &(i, code) in failed {
        let Some(node) = nodes.get(i) else { continue };
        // `nodesWherePreemptionMightHelp`: an unresolvable failure stays.
        if code == Code::UnschedulableAndUnresolvable {
            reasons.push("Preemption is not helpful for scheduling".to_string());
            continue;
        }
        match victims_on_node(sched, pod, node, &residents(i)) {
            Ok(v) => candidates.push((i, v)),
            Err(r) => reasons.extend(r),
        }
    }
    if candidates.is_empty() {
        let hist = sorted_histogram(reasons.iter().map(String::as_str));
        return Err(format!("preemption: 0/{} nodes are available: {}.", nodes.len(), hist.join(", ")));
    }
    let (node, victims) = pick_one_node(candidates, rng);
    Ok(Preemption { node, victims: victims.iter().map(|r| r.id).collect() })
}

/// `pickOneNodeForPreemption`: a node without victims at once, else by
/// upstream's criteria in order (fewest PDB violations, which never happen
/// here; the lowest highest-priority victim; the smallest sum of
/// priorities; the fewest victims; the latest start of the
/// highest-priority victims), ties broken at random.
fn pick_one_node(mut candidates: Vec<(usize, Vec<Resident>)>, rng: &mut Rng) -> (usize, Vec<Resident>) {
    if let Some(k) = candidates.iter().position(|(_, v)| v.is_empty()) {
        return candidates.into_iter().nth(k).unwrap_or_default();
    }
    let criteria: [fn(&[Resident]) -> i64; 4] = [
        |v| -v.first().map_or(0, |r| i64::from(r.priority)),
        |v| -v.iter().map(|r| i64::from(r.priority) + i64::from(i32::MAX) + 1).sum::<i64>(),
        |v| -(v.len() as i64),
        |v| {
            // `GetEarliestPodStartTime`: the earliest start among the highest-priority victims.
            let top = v.first().map_or(0, |r| r.priority);
            v.iter().filter(|r| r.priority == top).map(|r| r.start.as_millis() as i64).min().unwrap_or(i64::MIN)
        },
    ];
    for f in criteria {
        let best = candidates.iter().map(|(_, v)| f(v)).max().unwrap_or(0);
        candidates.retain(|(_, v)| f(v) == best);
        if candidates.len() == 1 {
            break;
        }
    }
    // Upstream walks a map here: which of the tied nodes wins is random.
    let k = rng.below(candidates.len() as u64) as usize;
    candidates.into_iter().nth(k).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(cpu: i64, priority: i32) -> Rc<PodInfo> {
        let mut p = PodInfo { priority, ..PodInfo::default() };
        p.requests.milli_cpu = cpu;
        Rc::new(p)
    }

    /// A node with `cpu` millicores and the given (priority, start s, cpu) pods.
    fn node(cpu: i64, pods: &[(i32, u64, i64)], first_id: usize) -> (NodeInfo, Vec<Resident>) {
        let mut n = NodeInfo { name: "n".into(), allowed_pods: 110, ..NodeInfo::default() };
        n.allocatable.milli_cpu = cpu;
        let residents: Vec<Resident> = pods
            .iter()
            .enumerate()
            .map(|(k, (priority, start_s, c))| Resident {
                id: first_id + k,
                info: pod(*c, *priority),
                priority: *priority,
                start: SimTime::from_secs(*start_s),
                terminating_by_preemption: false,
            })
            .collect();
        for r in &residents {
            n.add_pod(&r.info);
        }
        (n, residents)
    }

    #[test]
    fn the_lowest_priority_pods_go_and_the_rest_are_reprieved() {
        let sched = Scheduler::new();
        let info = pod(1000, 100);
        let preemptor = Preemptor { info: &info, priority: 100, never: false, nominated: None };
        // 2000m: a priority-5 and a priority-1 pod of 1000m each; one must go, the lower one.
        let (n, residents) = node(2000, &[(5, 0, 1000), (1, 10, 1000)], 0);
        let failed = [(0, Code::Unschedulable)];
        let got = preempt(&sched, &preemptor, &[n], &failed, &|_| residents.clone(), &mut Rng::new(1));
        assert_eq!(got, Ok(Preemption { node: 0, victims: vec![1] }));
    }

    #[test]
    fn equal_or_higher_priority_pods_are_never_victims() {
        let sched = Scheduler::new();
        let info = pod(1000, 5);
        let preemptor = Preemptor { info: &info, priority: 5, never: false, nominated: None };
        let (n, residents) = node(1000, &[(5, 0, 1000)], 0);
        let failed = [(0, Code::Unschedulable), (1, Code::UnschedulableAndUnresolvable)];
        let (n2, _) = node(1000, &[], 0);
        let got = preempt(
            &sched,
            &preemptor,
            &[n, n2],
            &failed,
            &|i| if i == 0 { residents.clone() } else { Vec::new() },
            &mut Rng::new(1),
        );
        assert_eq!(
            got,
            Err("preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.".to_string())
        );
        let never = Preemptor { info: &info, priority: 9, never: true, nominated: None };
        let got = preempt(&sched, &never, &[], &[], &|_| Vec::new(), &mut Rng::new(1));
        assert_eq!(got, Err("preemption: not eligible due to preemptionPolicy=Never.".to_string()));
    }

    #[test]
    fn the_node_with_the_least_important_victims_wins() {
        let sched = Scheduler::new();
        let info = pod(1000, 100);
        let preemptor = Preemptor { info: &info, priority: 100, never: false, nominated: None };
        // Node 0 would lose a priority-50 pod, node 1 a priority-10 pod,
        // node 2 two priority-10 pods (a larger sum).
        let (n0, r0) = node(1000, &[(50, 0, 1000)], 0);
        let (n1, r1) = node(1000, &[(10, 0, 1000)], 10);
        let (n2, r2) = node(1000, &[(10, 0, 500), (10, 0, 500)], 20);
        let all = [r0, r1, r2];
        let failed = [(0, Code::Unschedulable), (1, Code::Unschedulable), (2, Code::Unschedulable)];
        let residents = |i: usize| all.get(i).cloned().unwrap_or_default();
        let got = preempt(&sched, &preemptor, &[n0, n1, n2], &failed, &residents, &mut Rng::new(1));
        assert_eq!(got, Ok(Preemption { node: 1, victims: vec![10] }));
    }
}
