//! The kubelet's admission check for a pod bound without the scheduler
//! (`spec.nodeName` set by hand): the node must have room for the pod's
//! requests and match its node selector and required affinity. The first
//! failure decides the pod's reason (`OutOfcpu`, `OutOfmemory`, `OutOfpods`,
//! `NodeAffinity`). Follows `pkg/kubelet/lifecycle/predicate.go`
//! (`generalFilter`, `InsufficientResourceError`, `PredicateFailureError`)
//! and `scheduler.AdmissionCheck` (resources first, then node affinity).
//! NoSchedule taints are the scheduler's business, not the kubelet's.

use std::borrow::Cow;

use super::framework::{Code, FilterPlugin, NodeInfo, PodInfo};
use super::node_affinity::NodeAffinityPlugin;

/// Why the kubelet refused a pod: the pod's `status.reason` and the
/// predicate's message (the event's message; the pod's status message is
/// `Pod was rejected: ` and this).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub reason: String,
    pub message: String,
}

/// `InsufficientResourceError`: its reason and message.
fn insufficient(resource: &str, requested: i64, used: i64, capacity: i64) -> Rejection {
    let reason = match resource {
        "cpu" => "OutOfcpu".to_string(),
        "memory" => "OutOfmemory".to_string(),
        "pods" => "OutOfpods".to_string(),
        other => format!("OutOf{other}"),
    };
    Rejection {
        reason,
        message: format!(
            "Node didn't have enough resource: {resource}, requested: {requested}, used: {used}, capacity: {capacity}"
        ),
    }
}

/// The kubelet's verdict on `pod` joining `node` (which holds the pods
/// already admitted there): `None` admits it.
pub fn admission_check(pod: &PodInfo, node: &NodeInfo) -> Option<Rejection> {
    // `fitsRequest`: the pod count, then cpu, memory, ephemeral storage and
    // extended resources, each against what is left of the allocatable.
    if node.pod_count.saturating_add(1) > node.allowed_pods {
        return Some(insufficient("pods", 1, node.pod_count, node.allowed_pods));
    }
    let (req, alloc, used) = (&pod.requests, &node.allocatable, &node.requested);
    let checks = [
        ("cpu", req.milli_cpu, used.milli_cpu, alloc.milli_cpu),
        ("memory", req.memory, used.memory, alloc.memory),
        ("ephemeral-storage", req.ephemeral_storage, used.ephemeral_storage, alloc.ephemeral_storage),
    ];
    for (name, want, has, cap) in checks {
        if want > 0 && want > cap.saturating_sub(has) {
            return Some(insufficient(name, want, has, cap));
        }
    }
    for (name, want) in &req.scalar {
        let (has, cap) = (used.scalar(name), alloc.scalar(name));
        if *want > 0 && *want > cap.saturating_sub(has) {
            return Some(insufficient(name, *want, has, cap));
        }
    }
    let affinity = NodeAffinityPlugin;
    let mut reasons: Vec<Cow<'static, str>> = Vec::new();
    if !affinity.skip(pod) && affinity.check(pod, node, &mut reasons) != Code::Success {
        let desc = reasons.first().map(|r| r.to_string()).unwrap_or_default();
        return Some(Rejection {
            reason: "NodeAffinity".into(),
            message: format!("Predicate NodeAffinity failed: {desc}"),
        });
    }
    None
}
