//! Filter `NodePorts`: a `hostPort` can be taken by one pod per node (per
//! protocol and host IP). Follows `pkg/scheduler/framework/plugins/nodeports`.

use super::{Code, FilterPlugin, NodeInfo, PodInfo, Status};

pub struct NodePorts;

/// Upstream's `ErrReason`.
pub const REASON: &str = "node(s) didn't have free ports for the requested pod ports";

impl FilterPlugin for NodePorts {
    fn name(&self) -> &'static str {
        "NodePorts"
    }

    fn filter(&self, pod: &PodInfo, node: &NodeInfo) -> Status {
        let conflict = pod.host_ports.iter().any(|want| node.used_ports.iter().any(|used| used.conflicts(want)));
        if conflict {
            Status::fail(Code::Unschedulable, REASON)
        } else {
            Status::success()
        }
    }
}
