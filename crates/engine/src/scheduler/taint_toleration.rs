//! `TaintToleration`: the filter refuses nodes with a `NoSchedule` or
//! `NoExecute` taint the pod does not tolerate; the score counts untolerated
//! `PreferNoSchedule` taints (fewer is better, normalized in reverse).
//! Follows `pkg/scheduler/framework/plugins/tainttoleration`.

use std::borrow::Cow;

use super::framework::{default_normalize, tolerates, Code, FilterPlugin, NodeInfo, PodInfo, ScorePlugin};

pub struct TaintToleration;

/// Upstream's filter reason (since v1.33 it no longer names the taint).
pub const REASON: &str = "node(s) had untolerated taint(s)";

impl FilterPlugin for TaintToleration {
    fn name(&self) -> &'static str {
        "TaintToleration"
    }

    fn check(&self, pod: &PodInfo, node: &NodeInfo, reasons: &mut Vec<Cow<'static, str>>) -> Code {
        let untolerated = node
            .taints
            .iter()
            .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
            .any(|taint| !pod.tolerations.iter().any(|t| tolerates(t, taint)));
        if untolerated {
            reasons.push(Cow::Borrowed(REASON));
            Code::UnschedulableAndUnresolvable
        } else {
            Code::Success
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

    /// Without `PreferNoSchedule` taints every raw score is 0 and every
    /// normalized score 100: the plugin cannot change the choice.
    fn constant_over(&self, _pod: &PodInfo, nodes: &[NodeInfo], feasible: &[usize]) -> bool {
        feasible.iter().all(|i| nodes.get(*i).is_none_or(|n| n.taints.iter().all(|t| t.effect != "PreferNoSchedule")))
    }

    fn normalize(&self, scores: &mut [i64]) {
        default_normalize(scores, true);
    }
}
