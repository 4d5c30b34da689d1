//! Filter `NodeName`: a pod with `spec.nodeName` fits only that node.
//! Follows `pkg/scheduler/framework/plugins/nodename`.

use std::borrow::Cow;

use super::framework::{Code, FilterPlugin, NodeInfo, PodInfo};

pub struct NodeName;

/// Upstream's `ErrReason`.
pub const REASON: &str = "node(s) didn't match the requested node name";

impl FilterPlugin for NodeName {
    fn name(&self) -> &'static str {
        "NodeName"
    }

    fn skip(&self, pod: &PodInfo) -> bool {
        pod.node_name.is_none()
    }

    fn check(&self, pod: &PodInfo, node: &NodeInfo, reasons: &mut Vec<Cow<'static, str>>) -> Code {
        match &pod.node_name {
            Some(n) if *n != node.name => {
                reasons.push(Cow::Borrowed(REASON));
                Code::UnschedulableAndUnresolvable
            }
            _ => Code::Success,
        }
    }
}
