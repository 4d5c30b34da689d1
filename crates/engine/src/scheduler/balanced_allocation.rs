//! Score `NodeResourcesBalancedAllocation`: prefers nodes whose cpu and
//! memory would be used in equal shares after placing the pod (one minus the
//! standard deviation of the shares). Skipped for pods that request nothing.
//! Follows `pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go`.

use super::framework::{NodeInfo, PodInfo, ScorePlugin, MAX_NODE_SCORE};

pub struct BalancedAllocation;

impl ScorePlugin for BalancedAllocation {
    fn name(&self) -> &'static str {
        "NodeResourcesBalancedAllocation"
    }

    fn skip(&self, pod: &PodInfo) -> bool {
        pod.requests.milli_cpu == 0 && pod.requests.memory == 0
    }

    fn score(&self, pod: &PodInfo, node: &NodeInfo) -> i64 {
        let share = |req: i64, cap: i64| if cap <= 0 { None } else { Some((req as f64 / cap as f64).min(1.0)) };
        let cpu = share(node.requested.milli_cpu + pod.requests.milli_cpu, node.allocatable.milli_cpu);
        let mem = share(node.requested.memory + pod.requests.memory, node.allocatable.memory);
        let std = match (cpu, mem) {
            (Some(a), Some(b)) => ((a - b) / 2.0).abs(),
            _ => 0.0,
        };
        ((1.0 - std) * MAX_NODE_SCORE as f64) as i64
    }
}
