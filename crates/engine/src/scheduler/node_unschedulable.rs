//! Filter `NodeUnschedulable`: a cordoned node (`spec.unschedulable`) takes
//! no new pods unless they tolerate `node.kubernetes.io/unschedulable`.
//! Follows `pkg/scheduler/framework/plugins/nodeunschedulable`.

use super::{tolerates, Code, FilterPlugin, NodeInfo, PodInfo, Status};
use crate::model::Taint;

pub struct NodeUnschedulable;

/// Upstream's `ErrReasonUnschedulable`.
pub const REASON: &str = "node(s) were unschedulable";

impl FilterPlugin for NodeUnschedulable {
    fn name(&self) -> &'static str {
        "NodeUnschedulable"
    }

    fn filter(&self, pod: &PodInfo, node: &NodeInfo) -> Status {
        if !node.unschedulable {
            return Status::success();
        }
        let taint = Taint { key: "node.kubernetes.io/unschedulable".into(), value: None, effect: "NoSchedule".into() };
        if pod.tolerations.iter().any(|t| tolerates(t, &taint)) {
            return Status::success();
        }
        Status::fail(Code::UnschedulableAndUnresolvable, REASON)
    }
}
