//! The Deployment controller: a ReplicaSet per pod template (told apart by
//! `pod-template-hash`), revisions, rolling updates within `maxSurge` and
//! `maxUnavailable`, `Recreate`, pausing, proportional-free scaling and
//! the history limit.
//!
//! Follows `pkg/controller/deployment/deployment_controller.go`
//! (`syncDeployment`), `sync.go` (`getNewReplicaSet`, `scale`,
//! `cleanupDeployment`, `calculateStatus`), `rolling.go` (`rolloutRolling`,
//! `reconcileNewReplicaSet`, `reconcileOldReplicaSets`,
//! `cleanupUnhealthyReplicas`, `scaleDownOldReplicaSetsForRollingUpdate`),
//! `recreate.go` and `progress.go` (`syncRolloutStatus`).

use super::rollout::{
    self, complete, condition, revision_of, set_condition, Strategy, Totals, CHANGE_CAUSE, DESIRED_REPLICAS,
    MAX_REPLICAS, REVISION,
};
use super::{apply::insert_owned, changed, event, HASH_LABEL};
use crate::cluster::{Cluster, EventType};
use crate::model::{ObjectMeta, OwnerReference, PodTemplateSpec, Workload};
use crate::runtime::ContainerRuntime;
use crate::time::SimTime;

type Key = (String, String, String);

/// One of the Deployment's ReplicaSets, as the controller sees it.
#[derive(Clone, Debug)]
struct Rs {
    key: Key,
    spec: i32,
    replicas: i32,
    ready: i32,
    available: i32,
    /// Pods not finished, terminating ones included.
    alive: i32,
    revision: i64,
    /// `deployment.kubernetes.io/desired-replicas`: the size it was made for.
    desired: Option<i32>,
    created: (SimTime, u64),
    /// Its template is the Deployment's (ignoring the hash label).
    current: bool,
}

/// The Deployment's template as its ReplicaSet would carry it, less the hash.
fn same_template(rs: &PodTemplateSpec, d: &PodTemplateSpec) -> bool {
    let mut t = rs.clone();
    t.metadata.labels.remove(HASH_LABEL);
    t == *d
}

/// The ReplicaSets the Deployment owns, oldest first.
fn owned_sets<R: ContainerRuntime>(c: &Cluster<R>, uid: &str, d: &Workload) -> Vec<Rs> {
    let mut sets: Vec<Rs> = c
        .workloads
        .iter()
        .filter(|(k, r)| k.0 == "ReplicaSet" && r.owner_uid.as_deref() == Some(uid))
        .map(|(k, r)| Rs {
            key: k.clone(),
            spec: r.obj.spec.replicas.unwrap_or(1).max(0),
            replicas: r.replicas,
            ready: r.ready,
            available: r.available,
            alive: r.alive,
            revision: revision_of(&r.obj),
            desired: r.obj.metadata.annotations.get(DESIRED_REPLICAS).and_then(|v| v.parse().ok()),
            created: (r.created, r.wid),
            current: same_template(&r.obj.spec.template, &d.spec.template),
        })
        .collect();
    sets.sort_by_key(|s| s.created);
    sets
}

/// The controller's state for one pass over one Deployment.
struct Pass {
    k: Key,
    uid: String,
    d: Workload,
    want: i32,
    strategy: Strategy,
    sets: Vec<Rs>,
    new: Option<usize>,
}

impl Pass {
    fn max_surge(&self) -> i32 {
        match self.strategy {
            Strategy::Rolling { max_surge, .. } => max_surge,
            Strategy::Recreate => 0,
        }
    }

    fn max_unavailable(&self) -> i32 {
        match self.strategy {
            Strategy::Rolling { max_unavailable, .. } => max_unavailable,
            Strategy::Recreate => 0,
        }
    }

    fn new_rs(&self) -> Option<&Rs> {
        self.new.and_then(|i| self.sets.get(i))
    }

    fn olds(&self) -> impl Iterator<Item = (usize, &Rs)> {
        self.sets.iter().enumerate().filter(move |(i, _)| Some(*i) != self.new)
    }

    /// `scaleReplicaSetAndRecordEvent`: sets a ReplicaSet's replicas and its
    /// desired/max annotations, and says so in an event.
    fn scale<R: ContainerRuntime>(&mut self, c: &mut Cluster<R>, i: usize, to: i32) -> bool {
        let max = self.want.saturating_add(self.max_surge());
        let Some(rs) = self.sets.get_mut(i) else { return false };
        let from = rs.spec;
        let Some(rec) = c.workloads.get_mut(&rs.key) else { return false };
        let a = &mut rec.obj.metadata.annotations;
        let desired_changed = a.get(DESIRED_REPLICAS) != Some(&self.want.to_string());
        a.insert(DESIRED_REPLICAS.into(), self.want.to_string());
        a.insert(MAX_REPLICAS.into(), max.to_string());
        if from == to {
            if desired_changed {
                changed(c, &rs.key.clone());
            }
            return false;
        }
        rec.obj.spec.replicas = Some(to);
        super::bump_generation(&mut rec.obj);
        rs.spec = to;
        rs.desired = Some(self.want);
        let name = rs.key.2.clone();
        let rs_key = rs.key.clone();
        changed(c, &rs_key);
        let dir = if to > from { "up" } else { "down" };
        let msg = format!("Scaled {dir} replica set {name} to {to} from {from}");
        event(c, &self.k, &self.uid, EventType::Normal, "ScalingReplicaSet", msg);
        c.controllers_dirty();
        true
    }
}

pub(super) fn reconcile<R: ContainerRuntime>(c: &mut Cluster<R>, k: &Key) {
    let Some(rec) = c.workloads.get(k) else { return };
    let d = rec.obj.clone();
    let uid = rec.uid.clone();
    let sets = owned_sets(c, &uid, &d);
    let new = sets.iter().position(|s| s.current);
    let mut p = Pass {
        k: k.clone(),
        uid,
        want: d.spec.replicas.unwrap_or(1).max(0),
        strategy: rollout::strategy(&d),
        d,
        sets,
        new,
    };
    sync_revision(c, &mut p);
    let paused = p.d.spec.paused == Some(true);
    if paused || is_scaling_event(&p) {
        if !scale_active(c, &mut p) && !paused {
            roll(c, &mut p);
        } else if paused {
            cleanup(c, &p);
        }
    } else {
        roll(c, &mut p);
    }
    sync_status(c, &p, paused);
}

/// `getNewReplicaSet` for a ReplicaSet that exists: it takes the next
/// revision (so `rollout undo` moves an old one to the top) and the
/// Deployment takes its revision and change-cause.
fn sync_revision<R: ContainerRuntime>(c: &mut Cluster<R>, p: &mut Pass) {
    let max_old = p.olds().map(|(_, s)| s.revision).max().unwrap_or(0);
    let Some(i) = p.new else { return };
    let Some(rs) = p.sets.get_mut(i) else { return };
    let cause = p.d.metadata.annotations.get(CHANGE_CAUSE).cloned();
    if rs.revision <= max_old {
        rs.revision = max_old.saturating_add(1);
    }
    let revision = rs.revision.to_string();
    let key = rs.key.clone();
    if let Some(r) = c.workloads.get_mut(&key) {
        let a = &mut r.obj.metadata.annotations;
        let mut moved = a.get(REVISION) != Some(&revision);
        a.insert(REVISION.into(), revision.clone());
        if let Some(cause) = cause {
            moved |= a.get(CHANGE_CAUSE) != Some(&cause);
            a.insert(CHANGE_CAUSE.into(), cause);
        }
        if moved {
            changed(c, &key);
        }
    }
    set_deployment_revision(c, p, &revision);
    if let Some(r) = c.workloads.get_mut(&p.k) {
        if condition(&r.conditions, "Progressing").is_none() {
            let msg = format!("Found new replica set \"{}\"", key.2);
            set_condition(&mut r.conditions, c.now, "Progressing", "True", "FoundNewReplicaSet", msg);
            r.progress_at = c.now;
        }
    }
}

fn set_deployment_revision<R: ContainerRuntime>(c: &mut Cluster<R>, p: &mut Pass, revision: &str) {
    if let Some(r) = c.workloads.get_mut(&p.k) {
        if r.obj.metadata.annotations.get(REVISION).map(String::as_str) != Some(revision) {
            r.obj.metadata.annotations.insert(REVISION.into(), revision.to_string());
            p.d.metadata.annotations.insert(REVISION.into(), revision.to_string());
            changed(c, &p.k);
        }
    }
}

/// `isScalingEvent`: an active ReplicaSet was made for another size.
fn is_scaling_event(p: &Pass) -> bool {
    p.sets.iter().filter(|s| s.spec > 0).any(|s| s.desired.is_some_and(|d| d != p.want))
}

/// `scale`: with one active ReplicaSet (or none), it takes the new size.
/// Returns whether it handled the Deployment.
fn scale_active<R: ContainerRuntime>(c: &mut Cluster<R>, p: &mut Pass) -> bool {
    let active: Vec<usize> = p.sets.iter().enumerate().filter(|(_, s)| s.spec > 0).map(|(i, _)| i).collect();
    let target = match active.as_slice() {
        [one] => Some(*one),
        [] => p.new.or(p.sets.iter().enumerate().max_by_key(|(_, s)| s.created).map(|(i, _)| i)),
        _ => None,
    };
    let Some(i) = target else { return false };
    p.scale(c, i, p.want);
    true
}

/// One rollout step: `rolloutRolling` or `rolloutRecreate`.
fn roll<R: ContainerRuntime>(c: &mut Cluster<R>, p: &mut Pass) {
    match p.strategy {
        Strategy::Rolling { .. } => roll_rolling(c, p),
        Strategy::Recreate => roll_recreate(c, p),
    }
}

fn roll_rolling<R: ContainerRuntime>(c: &mut Cluster<R>, p: &mut Pass) {
    if p.new.is_none() {
        let all = total(p.sets.iter().map(|s| s.spec));
        let count = new_rs_replicas(p.want, p.max_surge(), all, 0);
        create_new_rs(c, p, count);
        return;
    }
    // reconcileNewReplicaSet.
    if let Some(n) = p.new_rs().cloned() {
        let i = p.new.unwrap_or(0);
        if n.spec > p.want {
            p.scale(c, i, p.want);
            return;
        }
        if n.spec < p.want {
            let all = total(p.sets.iter().map(|s| s.spec));
            let count = new_rs_replicas(p.want, p.max_surge(), all, n.spec);
            if p.scale(c, i, count) {
                return;
            }
        }
    }
    if reconcile_old(c, p) {
        return;
    }
    if complete(p.want, totals(p)) {
        cleanup(c, p);
    }
}

/// A sum of counts, widened so that no input can overflow it.
fn total(counts: impl Iterator<Item = i32>) -> i64 {
    counts.map(i64::from).sum()
}

/// An `i64` count back as a replica count (clamped to `0..=i32::MAX`).
fn narrow(v: i64) -> i32 {
    i32::try_from(v.max(0)).unwrap_or(i32::MAX)
}

/// `NewRSNewReplicas` for a rolling update: grow up to the surge budget.
fn new_rs_replicas(want: i32, max_surge: i32, all: i64, new_spec: i32) -> i32 {
    let max_total = i64::from(want) + i64::from(max_surge);
    if all >= max_total {
        return new_spec;
    }
    let up = (max_total - all).min(i64::from(want) - i64::from(new_spec)).max(0);
    narrow(i64::from(new_spec) + up)
}

/// `reconcileOldReplicaSets`: scale old ReplicaSets down as far as the
/// unavailability budget allows, unhealthy ones first.
fn reconcile_old<R: ContainerRuntime>(c: &mut Cluster<R>, p: &mut Pass) -> bool {
    let old_pods = total(p.olds().map(|(_, s)| s.spec));
    if old_pods == 0 {
        return false;
    }
    let all = total(p.sets.iter().map(|s| s.spec));
    let min_available = i64::from(p.want) - i64::from(p.max_unavailable());
    let new_unavailable = p.new_rs().map_or(0, |n| i64::from(n.spec) - i64::from(n.available));
    let max_scaled_down = all - min_available - new_unavailable;
    if max_scaled_down <= 0 {
        return false;
    }
    // cleanupUnhealthyReplicas, oldest first.
    let olds: Vec<usize> = p.olds().map(|(i, _)| i).collect();
    let mut cleaned = 0i64;
    for &i in &olds {
        let Some(s) = p.sets.get(i).cloned() else { continue };
        if cleaned >= max_scaled_down || s.spec == 0 || s.spec == s.available {
            continue;
        }
        let down = (max_scaled_down - cleaned).min(i64::from(s.spec) - i64::from(s.available)).max(0);
        p.scale(c, i, narrow(i64::from(s.spec) - down));
        cleaned += down;
    }
    // scaleDownOldReplicaSetsForRollingUpdate.
    let available = total(p.sets.iter().map(|s| s.available));
    let mut scaled = 0i64;
    if available > min_available {
        let budget = available - min_available;
        for &i in &olds {
            let Some(s) = p.sets.get(i).cloned() else { continue };
            if scaled >= budget {
                break;
            }
            if s.spec == 0 {
                continue;
            }
            let down = i64::from(s.spec).min(budget - scaled);
            p.scale(c, i, narrow(i64::from(s.spec) - down));
            scaled += down;
        }
    }
    cleaned + scaled > 0
}

/// `rolloutRecreate`: every old pod goes before the new ReplicaSet grows.
fn roll_recreate<R: ContainerRuntime>(c: &mut Cluster<R>, p: &mut Pass) {
    let olds: Vec<usize> = p.olds().filter(|(_, s)| s.spec > 0).map(|(i, _)| i).collect();
    if !olds.is_empty() {
        for i in olds {
            p.scale(c, i, 0);
        }
        return;
    }
    // oldPodsRunning: terminating pods still count.
    if p.olds().any(|(_, s)| s.replicas > 0 || s.alive > 0) {
        return;
    }
    match p.new {
        None => create_new_rs(c, p, p.want),
        Some(i) => {
            p.scale(c, i, p.want);
        }
    }
    if complete(p.want, totals(p)) {
        cleanup(c, p);
    }
}

/// Creates the ReplicaSet for the Deployment's current template, with the
/// next revision (`getNewReplicaSet`).
fn create_new_rs<R: ContainerRuntime>(c: &mut Cluster<R>, p: &mut Pass, count: i32) {
    let hash = super::template_hash(&p.d.spec.template);
    let name = format!("{}-{hash}", p.k.2);
    let revision = p.sets.iter().map(|s| s.revision).max().unwrap_or(0).saturating_add(1);
    let mut template = p.d.spec.template.clone();
    template.metadata.labels.insert(HASH_LABEL.into(), hash.clone());
    let mut selector = p.d.spec.selector.clone().unwrap_or_else(|| serde_json::json!({}));
    if let Some(m) = selector.as_object_mut() {
        let ml = m.entry("matchLabels").or_insert_with(|| serde_json::json!({}));
        if let Some(ml) = ml.as_object_mut() {
            ml.insert(HASH_LABEL.to_string(), hash.clone().into());
        }
    }
    let mut annotations = std::collections::BTreeMap::new();
    annotations.insert(DESIRED_REPLICAS.to_string(), p.want.to_string());
    annotations.insert(MAX_REPLICAS.to_string(), p.want.saturating_add(p.max_surge()).to_string());
    annotations.insert(REVISION.to_string(), revision.to_string());
    if let Some(cause) = p.d.metadata.annotations.get(CHANGE_CAUSE) {
        annotations.insert(CHANGE_CAUSE.to_string(), cause.clone());
    }
    let mut obj = Workload {
        api_version: "apps/v1".into(),
        kind: "ReplicaSet".into(),
        metadata: ObjectMeta {
            name: name.clone(),
            namespace: p.k.1.clone(),
            labels: template.metadata.labels.clone(),
            annotations,
            owner_references: vec![OwnerReference {
                api_version: "apps/v1".into(),
                kind: "Deployment".into(),
                name: p.k.2.clone(),
                uid: p.uid.clone(),
                controller: Some(true),
            }],
            ..ObjectMeta::default()
        },
        ..Workload::default()
    };
    obj.spec.replicas = Some(count);
    obj.spec.template = template;
    obj.spec.selector = Some(selector);
    obj.spec.min_ready_seconds = p.d.spec.min_ready_seconds;
    let Ok(key) = insert_owned(c, obj, &p.uid) else { return };
    let created = c.workloads.get(&key).map_or((c.now, 0), |r| (r.created, r.wid));
    p.sets.push(Rs {
        key,
        spec: count,
        replicas: 0,
        ready: 0,
        available: 0,
        alive: 0,
        revision,
        desired: Some(p.want),
        created,
        current: true,
    });
    p.new = Some(p.sets.len() - 1);
    if count > 0 {
        let msg = format!("Scaled up replica set {name} to {count}");
        event(c, &p.k, &p.uid, EventType::Normal, "ScalingReplicaSet", msg);
    }
    set_deployment_revision(c, p, &revision.to_string());
    if let Some(r) = c.workloads.get_mut(&p.k) {
        let msg = format!("Created new replica set \"{name}\"");
        set_condition(&mut r.conditions, c.now, "Progressing", "True", "NewReplicaSetCreated", msg);
        r.progress_at = c.now;
    }
    c.controllers_dirty();
}

/// `cleanupDeployment`: old ReplicaSets with no pods beyond
/// `revisionHistoryLimit` (default 10) go, oldest revision first.
fn cleanup<R: ContainerRuntime>(c: &mut Cluster<R>, p: &Pass) {
    let limit = usize::try_from(p.d.spec.revision_history_limit.unwrap_or(10).max(0)).unwrap_or(10);
    let mut olds: Vec<&Rs> = p.olds().map(|(_, s)| s).collect();
    if olds.len() <= limit {
        return;
    }
    olds.sort_by_key(|s| (s.revision, s.created));
    let extra = olds.len() - limit;
    let doomed: Vec<Key> =
        olds.iter().filter(|s| s.spec == 0 && s.replicas == 0).take(extra).map(|s| s.key.clone()).collect();
    for k in doomed {
        let _ = super::delete(c, &k.0, &k.1, &k.2);
    }
}

fn totals(p: &Pass) -> Totals {
    let mut t = Totals::default();
    for s in &p.sets {
        t.replicas = t.replicas.saturating_add(s.replicas);
        t.ready = t.ready.saturating_add(s.ready);
        t.available = t.available.saturating_add(s.available);
    }
    t.updated = p.new_rs().map_or(0, |n| n.replicas);
    t
}

/// `syncRolloutStatus`: the counts, `Available`, and (unless paused)
/// `Progressing`.
fn sync_status<R: ContainerRuntime>(c: &mut Cluster<R>, p: &Pass, paused: bool) {
    let t = totals(p);
    let now = c.now;
    let new_name = p.new_rs().map(|n| n.key.2.clone());
    let min_ok = t.available >= p.want.saturating_sub(p.max_unavailable());
    let mut wake = None;
    let Some(r) = c.workloads.get_mut(&p.k) else { return };
    let before = (r.replicas, r.updated, r.ready, r.available, r.observed_generation, r.conditions.clone());
    let progressed = t.updated > r.updated
        || t.ready > r.ready
        || t.available > r.available
        || t.replicas.saturating_sub(t.updated) < r.replicas.saturating_sub(r.updated);
    r.replicas = t.replicas;
    r.updated = t.updated;
    r.ready = t.ready;
    r.available = t.available;
    r.observed_generation = r.obj.metadata.generation.unwrap_or(1);
    let conds = &mut r.conditions;
    if min_ok {
        set_condition(
            conds,
            now,
            "Available",
            "True",
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.".into(),
        );
    } else {
        set_condition(
            conds,
            now,
            "Available",
            "False",
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.".into(),
        );
    }
    let prog = condition(conds, "Progressing").map(|c| (c.reason.clone(), c.status.clone()));
    if paused {
        if prog.as_ref().is_none_or(|c| c.0 != "DeploymentPaused") {
            set_condition(conds, now, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused".into());
        }
    } else if prog.as_ref().is_some_and(|c| c.0 == "DeploymentPaused") {
        set_condition(conds, now, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed".into());
        r.progress_at = now;
    } else {
        let done = prog.as_ref().is_some_and(|c| c.0 == "NewReplicaSetAvailable") && t.replicas == t.updated;
        let what = match &new_name {
            Some(n) => format!("ReplicaSet \"{n}\""),
            None => format!("Deployment \"{}\"", p.k.2),
        };
        if !done && complete(p.want, t) {
            let msg = format!("{what} has successfully progressed.");
            set_condition(conds, now, "Progressing", "True", "NewReplicaSetAvailable", msg);
        } else if !done && progressed {
            let transition =
                condition(conds, "Progressing").filter(|c| c.status == "True").map(|c| c.last_transition_time.clone());
            conds.retain(|c| c.type_ != "Progressing");
            let msg = format!("{what} is progressing.");
            set_condition(conds, now, "Progressing", "True", "ReplicaSetUpdated", msg);
            if let (Some(tt), Some(last)) = (transition, conds.last_mut()) {
                last.last_transition_time = tt;
            }
            r.progress_at = now;
        } else if !done && !complete(p.want, t) && prog.as_ref().is_some_and(|c| c.0 != "ProgressDeadlineExceeded") {
            // DeploymentTimedOut: no progress for progressDeadlineSeconds.
            let deadline_ms =
                u64::try_from(p.d.spec.progress_deadline_seconds.unwrap_or(600).max(0)).unwrap_or(600) * 1000;
            let at = r.progress_at.plus_ms(deadline_ms);
            if now >= at {
                let msg = format!("{what} has timed out progressing.");
                set_condition(conds, now, "Progressing", "False", "ProgressDeadlineExceeded", msg);
            } else {
                wake = Some(at);
            }
        }
    }
    let after = (r.replicas, r.updated, r.ready, r.available, r.observed_generation, r.conditions.clone());
    if before != after {
        changed(c, &p.k);
    }
    if let Some(at) = wake {
        c.push_timer(at, crate::cluster::Timer::Controllers);
    }
}
