//! What the Deployment controller computes about a rollout: the surge and
//! unavailability budgets, revisions, conditions and status. Follows
//! `pkg/controller/deployment/util/deployment_util.go` (`ResolveFenceposts`,
//! `MaxRevision`, `SetNewReplicaSetAnnotations`, `NewRSNewReplicas`,
//! `DeploymentComplete`) and `pkg/controller/deployment/progress.go`.

use super::WorkloadCondition;
use crate::model::Workload;
use crate::time::SimTime;

pub(super) const REVISION: &str = "deployment.kubernetes.io/revision";
pub(super) const DESIRED_REPLICAS: &str = "deployment.kubernetes.io/desired-replicas";
pub(super) const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
pub(super) const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// A Deployment's strategy: `Recreate`, or a rolling update's budgets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Strategy {
    Recreate,
    Rolling { max_surge: i32, max_unavailable: i32 },
}

/// An `IntOrString` budget (`1`, `"25%"`) against `total`: percentages
/// round up for the surge and down for unavailability, as
/// `intstr.GetScaledValueFromIntOrPercent` is called.
fn scaled(v: Option<&serde_json::Value>, total: i32, round_up: bool) -> i32 {
    let pct = |p: i64| {
        let num = i64::from(total).saturating_mul(p);
        let v = if round_up { num.saturating_add(99).div_euclid(100) } else { num.div_euclid(100) };
        i32::try_from(v).unwrap_or(0)
    };
    match v {
        None => pct(25),
        Some(serde_json::Value::Number(n)) => n.as_i64().and_then(|n| i32::try_from(n).ok()).unwrap_or(0),
        Some(serde_json::Value::String(s)) => match s.strip_suffix('%').and_then(|p| p.parse::<i64>().ok()) {
            Some(p) => pct(p),
            None => s.parse::<i32>().unwrap_or(0),
        },
        Some(_) => 0,
    }
}

/// `ResolveFenceposts`: the surge and unavailability for `replicas`; both
/// zero is not allowed, so unavailability becomes 1.
pub(super) fn strategy(d: &Workload) -> Strategy {
    let s = d.spec.strategy.as_ref();
    if s.and_then(|s| s.get("type")).and_then(|t| t.as_str()) == Some("Recreate") {
        return Strategy::Recreate;
    }
    let replicas = d.spec.replicas.unwrap_or(1).max(0);
    let ru = s.and_then(|s| s.get("rollingUpdate"));
    let max_surge = scaled(ru.and_then(|r| r.get("maxSurge")), replicas, true).max(0);
    let mut max_unavailable = scaled(ru.and_then(|r| r.get("maxUnavailable")), replicas, false).max(0);
    if max_surge == 0 && max_unavailable == 0 {
        max_unavailable = 1;
    }
    Strategy::Rolling { max_surge, max_unavailable: max_unavailable.min(replicas) }
}

/// The revision a ReplicaSet carries (0 without one).
pub(super) fn revision_of(w: &Workload) -> i64 {
    w.metadata.annotations.get(REVISION).and_then(|r| r.parse().ok()).unwrap_or(0)
}

/// `SetDeploymentCondition`: a condition with the same status and reason
/// is left alone; otherwise it replaces the old one (moved to the end),
/// keeping the transition time when only the reason changed.
pub(super) fn set_condition(
    conds: &mut Vec<WorkloadCondition>,
    now: SimTime,
    type_: &str,
    status: &str,
    reason: &str,
    message: String,
) {
    let old = conds.iter().position(|c| c.type_ == type_);
    let mut transition = now.rfc3339();
    if let Some(i) = old {
        if let Some(o) = conds.get(i) {
            if o.status == status && o.reason == reason {
                return;
            }
            if o.status == status {
                transition = o.last_transition_time.clone();
            }
        }
        conds.remove(i);
    }
    conds.push(WorkloadCondition {
        type_: type_.into(),
        status: status.into(),
        last_update_time: now.rfc3339(),
        last_transition_time: transition,
        reason: reason.into(),
        message,
    });
}

/// The condition of a type, if any.
pub(super) fn condition<'a>(conds: &'a [WorkloadCondition], type_: &str) -> Option<&'a WorkloadCondition> {
    conds.iter().find(|c| c.type_ == type_)
}

/// A Deployment's status counts, summed over its ReplicaSets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Totals {
    pub(super) replicas: i32,
    pub(super) updated: i32,
    pub(super) ready: i32,
    pub(super) available: i32,
}

/// `DeploymentComplete`: every replica is updated and available, and no old
/// one is left.
pub(super) fn complete(want: i32, t: Totals) -> bool {
    t.updated == want && t.replicas == want && t.available == want
}
