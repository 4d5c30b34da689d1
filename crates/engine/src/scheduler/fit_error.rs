//! Why no node fits: upstream's `FitError` and its `0/N nodes are
//! available: …` text (`pkg/scheduler/framework/types.go`).

use std::collections::BTreeMap;

use super::framework::{Code, Status};

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
pub(super) fn sorted_histogram<'a>(reasons: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reasons {
        *counts.entry(r).or_insert(0) += 1;
    }
    let mut out: Vec<String> = counts.into_iter().map(|(r, n)| format!("{n} {r}")).collect();
    out.sort();
    out
}

impl FitError {
    pub(super) fn new(num_all_nodes: usize, node_statuses: Vec<(usize, &'static str, Status)>) -> FitError {
        // DefaultPreemption's dry run when no pod has a lower priority than
        // the preemptor: a node failed as unresolvable cannot be helped by
        // evicting pods, and every other node has no victims. The cluster
        // replaces it with the real run when lower-priority pods exist
        // (`preemption.rs`).
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
        // A successful PostFilter (a nomination) leaves no message.
        if !self.post_filter.is_empty() {
            msg.push_str(&format!(" {}", self.post_filter));
        }
        msg
    }
}
