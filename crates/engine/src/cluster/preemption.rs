//! The scheduler's PostFilter in the cluster: when no node fits a pod,
//! DefaultPreemption (`crate::scheduler::preempt`) picks a node and the
//! victims on it; the scheduler nominates the node
//! (`status.nominatedNodeName`), marks each victim with the
//! `DisruptionTarget` condition, deletes it gracefully and records
//! `Preempted` on it. Follows `pkg/scheduler/framework/preemption/preemption.go`
//! (`prepareCandidate`, the executor's `PreemptPod`) and
//! `pkg/scheduler/schedule_one.go` (`handleSchedulingFailure` writes the
//! nomination).

use std::collections::BTreeMap;

use super::records::{pod_ref, Change};
use super::{Cluster, EventType};
use crate::kubelet::Condition;
use crate::runtime::ContainerRuntime;
use crate::scheduler::{preempt, FitError, Preemptor, Resident};

/// `v1.PodReasonPreemptionByScheduler`.
const REASON_PREEMPTION: &str = "PreemptionByScheduler";

impl<R: ContainerRuntime> Cluster<R> {
    /// Runs the PostFilter for the pod `k` that `fit` says no node fits, and
    /// returns its message for the FitError (empty after a nomination).
    pub(super) fn post_filter(&mut self, k: &(String, String), fit: &FitError) -> String {
        let Some(p) = self.pods.get(k) else { return fit.post_filter.clone() };
        let priority = p.info.priority;
        let never = p.spec.preemption_policy.as_deref() == Some("Never");
        // No pod can have a lower priority than the lowest class (or 0):
        // then no node has victims, which the FitError already says.
        let floor = self.priority_class_values().iter().map(|c| c.value).min().unwrap_or(0).min(0);
        if priority <= floor && !never {
            return fit.post_filter.clone();
        }
        let info = p.info.clone();
        let nominated = p.nominated_node.as_ref().and_then(|n| self.node_index.get(n).copied());
        let scheduler_name = p.spec.scheduler_name.clone().unwrap_or_else(|| "default-scheduler".into());
        let preemptor_uid = p.meta.uid.clone();
        // The lower-priority pods on each node, in one pass over the pods.
        let mut keys: Vec<(String, String)> = Vec::new();
        let mut by_node: BTreeMap<usize, Vec<Resident>> = BTreeMap::new();
        if !never {
            for (pk, r) in &self.pods {
                let (Some(i), true) = (r.node, r.counted) else { continue };
                if r.info.priority >= priority {
                    continue;
                }
                by_node.entry(i).or_default().push(Resident {
                    id: keys.len(),
                    info: r.info.clone(),
                    priority: r.info.priority,
                    start: r.kube.as_ref().map_or(r.created, |kp| kp.start_time),
                    terminating_by_preemption: r.deletion.is_some() && r.disruption.is_some(),
                });
                keys.push(pk.clone());
            }
        }
        let failed: Vec<_> = fit.node_statuses.iter().map(|(i, _, st)| (*i, st.code)).collect();
        let pod = Preemptor { info: &info, priority, never, nominated };
        let residents = |i: usize| by_node.get(&i).cloned().unwrap_or_default();
        let chosen = match preempt(&self.scheduler, &pod, &self.infos, &failed, &residents, &mut self.rng) {
            Ok(c) => c,
            Err(msg) => return msg,
        };
        let Some(node_name) = self.infos.get(chosen.node).map(|n| n.name.clone()) else { return String::new() };
        if let Some(p) = self.pods.get_mut(k) {
            p.nominated_node = Some(node_name.clone());
        }
        self.pod_changed(k);
        for id in chosen.victims {
            let Some(vk) = keys.get(id).cloned() else { continue };
            self.preempt_victim(&vk, &scheduler_name, &preemptor_uid, &node_name);
        }
        String::new()
    }

    /// Marks a victim `DisruptionTarget`, deletes it with its grace period
    /// and records `Preempted` on it.
    fn preempt_victim(&mut self, k: &(String, String), scheduler: &str, preemptor_uid: &str, node: &str) {
        let now = self.now;
        let Some(v) = self.pods.get_mut(k) else { return };
        v.disruption = Some(Condition {
            kind: "DisruptionTarget",
            status: true,
            reason: Some(REASON_PREEMPTION),
            message: Some(format!("{scheduler}: preempting to accommodate a higher priority pod")),
            last_transition: now,
        });
        let obj = pod_ref(&v.meta);
        self.pod_changed(k);
        let _ = self.delete_pod(&k.0, &k.1, None);
        self.events.record(
            now,
            EventType::Normal,
            &obj,
            "Preempted",
            format!("Preempted by pod {preemptor_uid} on node {node}"),
            "default-scheduler",
            None,
        );
        self.changes.insert(Change::Events);
    }
}
