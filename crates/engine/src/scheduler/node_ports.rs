//! Filter `NodePorts`: a `hostPort` can be taken by one pod per node (per
//! protocol and host IP). Follows `pkg/scheduler/framework/plugins/nodeports`.

use std::borrow::Cow;

use super::framework::{Code, FilterPlugin, NodeInfo, PodInfo};

pub struct NodePorts;

/// Upstream's `ErrReason`.
pub const REASON: &str = "node(s) didn't have free ports for the requested pod ports";

impl FilterPlugin for NodePorts {
    fn name(&self) -> &'static str {
        "NodePorts"
    }

    fn skip(&self, pod: &PodInfo) -> bool {
        pod.host_ports.is_empty()
    }

    fn check(&self, pod: &PodInfo, node: &NodeInfo, reasons: &mut Vec<Cow<'static, str>>) -> Code {
        let conflict = pod.host_ports.iter().any(|want| node.used_ports.iter().any(|used| used.conflicts(want)));
        if conflict {
            reasons.push(Cow::Borrowed(REASON));
            Code::Unschedulable
        } else {
            Code::Success
        }
    }
}
