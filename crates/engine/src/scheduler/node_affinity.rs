//! `NodeAffinity`: the filter checks `nodeSelector` and required node
//! affinity; the score sums the weights of matching preferred terms.
//! Follows `pkg/scheduler/framework/plugins/nodeaffinity`.

use std::borrow::Cow;

use super::framework::{default_normalize, Code, FilterPlugin, NodeInfo, PodInfo, ScorePlugin};

pub struct NodeAffinityPlugin;

/// Upstream's `ErrReasonPod`.
pub const REASON: &str = "node(s) didn't match Pod's node affinity/selector";

impl FilterPlugin for NodeAffinityPlugin {
    fn name(&self) -> &'static str {
        "NodeAffinity"
    }

    fn skip(&self, pod: &PodInfo) -> bool {
        pod.node_selector.is_empty() && pod.required_terms.is_none()
    }

    fn check(&self, pod: &PodInfo, node: &NodeInfo, reasons: &mut Vec<Cow<'static, str>>) -> Code {
        let selector_ok = pod.node_selector.iter().all(|(k, v)| node.labels.get(k) == Some(v));
        let affinity_ok = match &pod.required_terms {
            None => true,
            Some(terms) => terms.iter().any(|t| t.matches(node)),
        };
        if selector_ok && affinity_ok {
            Code::Success
        } else {
            reasons.push(Cow::Borrowed(REASON));
            Code::UnschedulableAndUnresolvable
        }
    }
}

impl ScorePlugin for NodeAffinityPlugin {
    fn name(&self) -> &'static str {
        "NodeAffinity"
    }

    fn skip(&self, pod: &PodInfo) -> bool {
        pod.preferred_terms.is_empty()
    }

    fn score(&self, pod: &PodInfo, node: &NodeInfo) -> i64 {
        pod.preferred_terms.iter().filter(|(_, t)| t.matches(node)).map(|(w, _)| *w).sum()
    }

    fn normalize(&self, scores: &mut [i64]) {
        default_normalize(scores, false);
    }
}
