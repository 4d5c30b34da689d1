//! `TaintToleration`: the filter refuses nodes with a `NoSchedule` or
//! `NoExecute` taint the pod does not tolerate; the score counts untolerated
//! `PreferNoSchedule` taints (fewer is better, normalized in reverse).
//! Follows `pkg/scheduler/framework/plugins/tainttoleration`.

use super::{default_normalize, tolerates, Code, FilterPlugin, NodeInfo, PodInfo, ScorePlugin, Status};

pub struct TaintToleration;

/// Upstream's filter reason (since v1.33 it no longer names the taint).
pub const REASON: &str = "node(s) had untolerated taint(s)";

impl FilterPlugin for TaintToleration {
    fn name(&self) -> &'static str {
        "TaintToleration"
    }

    fn filter(&self, pod: &PodInfo, node: &NodeInfo) -> Status {
        let untolerated = node
            .taints
            .iter()
            .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
            .any(|taint| !pod.tolerations.iter().any(|t| tolerates(t, taint)));
        if untolerated {
            Status::fail(Code::UnschedulableAndUnresolvable, REASON)
        } else {
            Status::success()
        }
    }
}

impl ScorePlugin for TaintToleration {
    fn name(&self) -> &'static str {
        "TaintToleration"
    }

    fn score(&self, pod: &PodInfo, node: &NodeInfo) -> i64 {
        let prefer = |t: &&crate::model::Toleration| {
            let e = t.effect.as_deref().unwrap_or("");
            e.is_empty() || e == "PreferNoSchedule"
        };
        node.taints
            .iter()
            .filter(|t| t.effect == "PreferNoSchedule")
            .filter(|taint| !pod.tolerations.iter().filter(prefer).any(|t| tolerates(t, taint)))
            .count() as i64
    }

    fn normalize(&self, scores: &mut [i64]) {
        default_normalize(scores, true);
    }
}
