//! Filter `NodeName`: a pod with `spec.nodeName` fits only that node.
//! Follows `pkg/scheduler/framework/plugins/nodename`.

use super::{Code, FilterPlugin, NodeInfo, PodInfo, Status};

pub struct NodeName;

/// Upstream's `ErrReason`.
pub const REASON: &str = "node(s) didn't match the requested node name";

impl FilterPlugin for NodeName {
    fn name(&self) -> &'static str {
        "NodeName"
    }

    fn filter(&self, pod: &PodInfo, node: &NodeInfo) -> Status {
        match &pod.node_name {
            Some(n) if *n != node.name => Status::fail(Code::UnschedulableAndUnresolvable, REASON),
            _ => Status::success(),
        }
    }
}
