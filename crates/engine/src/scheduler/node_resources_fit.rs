//! `NodeResourcesFit`: the filter checks requests against what is left of
//! the node's allocatable (pods count, cpu, memory, ephemeral storage,
//! extended resources), reporting every shortage; the score is
//! `LeastAllocated` over cpu and memory (weights 1 and 1).
//! Follows `pkg/scheduler/framework/plugins/noderesources/fit.go` and
//! `least_allocated.go`.

use std::borrow::Cow;

use super::framework::{Code, FilterPlugin, NodeInfo, PodInfo, ScorePlugin, MAX_NODE_SCORE};

pub struct NodeResourcesFit;

impl FilterPlugin for NodeResourcesFit {
    fn name(&self) -> &'static str {
        "NodeResourcesFit"
    }

    fn check(&self, pod: &PodInfo, node: &NodeInfo, reasons: &mut Vec<Cow<'static, str>>) -> Code {
        if node.pod_count.saturating_add(1) > node.allowed_pods {
            reasons.push(Cow::Borrowed("Too many pods"));
        }
        let req = &pod.requests;
        if !req.is_zero() {
            let (alloc, used) = (&node.allocatable, &node.requested);
            if req.milli_cpu > 0 && req.milli_cpu > alloc.milli_cpu.saturating_sub(used.milli_cpu) {
                reasons.push(Cow::Borrowed("Insufficient cpu"));
            }
            if req.memory > 0 && req.memory > alloc.memory.saturating_sub(used.memory) {
                reasons.push(Cow::Borrowed("Insufficient memory"));
            }
            if req.ephemeral_storage > 0
                && req.ephemeral_storage > alloc.ephemeral_storage.saturating_sub(used.ephemeral_storage)
            {
                reasons.push(Cow::Borrowed("Insufficient ephemeral-storage"));
            }
            for (name, want) in &req.scalar {
                if *want > 0 && *want > alloc.scalar(name).saturating_sub(used.scalar(name)) {
                    reasons.push(Cow::Owned(format!("Insufficient {name}")));
                }
            }
        }
        if reasons.is_empty() {
            Code::Success
        } else {
            Code::Unschedulable
        }
    }
}

/// `leastRequestedScore`: the free share of a resource after placing the pod.
fn least_requested(requested: i64, capacity: i64) -> i64 {
    if capacity <= 0 || requested > capacity {
        return 0;
    }
    // In i128: absurd quantities must not overflow.
    ((i128::from(capacity) - i128::from(requested)) * i128::from(MAX_NODE_SCORE) / i128::from(capacity)) as i64
}

impl ScorePlugin for NodeResourcesFit {
    fn name(&self) -> &'static str {
        "NodeResourcesFit"
    }

    fn score(&self, pod: &PodInfo, node: &NodeInfo) -> i64 {
        let cpu =
            least_requested(node.non_zero_milli_cpu.saturating_add(pod.non_zero_milli_cpu), node.allocatable.milli_cpu);
        let mem = least_requested(node.non_zero_memory.saturating_add(pod.non_zero_memory), node.allocatable.memory);
        (cpu + mem) / 2
    }
}
