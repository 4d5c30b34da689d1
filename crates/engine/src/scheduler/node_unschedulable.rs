//! Filter `NodeUnschedulable`: a cordoned node (`spec.unschedulable`) takes
//! no new pods unless they tolerate `node.kubernetes.io/unschedulable`.
//! Follows `pkg/scheduler/framework/plugins/nodeunschedulable`.

use std::borrow::Cow;

use super::framework::{tolerates, Code, FilterPlugin, NodeInfo, PodInfo};
use crate::model::Taint;

pub struct NodeUnschedulable;

/// Upstream's `ErrReasonUnschedulable`.
pub const REASON: &str = "node(s) were unschedulable";

impl FilterPlugin for NodeUnschedulable {
    fn name(&self) -> &'static str {
        "NodeUnschedulable"
    }

    fn check(&self, pod: &PodInfo, node: &NodeInfo, reasons: &mut Vec<Cow<'static, str>>) -> Code {
        if !node.unschedulable {
            return Code::Success;
        }
        let taint = Taint { key: "node.kubernetes.io/unschedulable".into(), value: None, effect: "NoSchedule".into() };
        if pod.tolerations.iter().any(|t| tolerates(t, &taint)) {
            return Code::Success;
        }
        reasons.push(Cow::Borrowed(REASON));
        Code::UnschedulableAndUnresolvable
    }
}
