//! The workload controllers: ReplicaSet and ReplicationController
//! (`replicaset.rs`), Deployment with rolling updates and revisions
//! (`deployment.rs`, `rollout.rs`), Job (`job.rs`) and CronJob
//! (`cronjob.rs`, `cron.rs`). This file holds what they share: the stored
//! record, creating and updating workloads through the API, `scale`,
//! cascading `delete`, stamping pods from a template and the views kubectl
//! reads.
//!
//! Follows `pkg/controller/replicaset/replica_set.go`,
//! `pkg/controller/deployment/`, `pkg/controller/job/job_controller.go` and
//! `pkg/controller/cronjob/cronjob_controllerv2.go`; validation follows
//! `pkg/apis/*/validation` and defaults `pkg/apis/core/v1/defaults.go`.

mod apply;
mod cron;
mod cronjob;
mod deployment;
mod job;
mod replicaset;
mod rollout;

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Serialize;

use super::{ApiError, Change, Cluster, EventType, ObjectRef};
use crate::kubelet::Phase;
use crate::model::{ObjectMeta, OwnerReference, Pod, PodSpec, Workload};
use crate::runtime::ContainerRuntime;
use crate::selector::Selector;
use crate::time::SimTime;

pub(crate) use apply::apply;

/// The label that tells a Deployment's ReplicaSets apart.
const HASH_LABEL: &str = "pod-template-hash";

/// Pods a ReplicaSet creates per reconcile (upstream `burstReplicas`).
const BURST_REPLICAS: usize = 500;

pub(crate) struct WorkloadRec {
    obj: Workload,
    uid: String,
    /// Serial number pods use to point at their controller cheaply.
    wid: u64,
    selector: Selector,
    template: Rc<PodSpec>,
    template_labels: BTreeMap<String, String>,
    template_annotations: BTreeMap<String, String>,
    /// The controlling owner's UID (a Deployment's ReplicaSet, a CronJob's Job).
    owner_uid: Option<String>,
    created: SimTime,
    replicas: i32,
    ready: i32,
    available: i32,
    /// ReplicaSets: pods not finished, terminating ones included.
    alive: i32,
    /// Deployments: pods of the newest ReplicaSet.
    updated: i32,
    succeeded: i32,
    failed: i32,
    complete: bool,
    job_failed: bool,
    completed_at: Option<SimTime>,
    next_create_at: SimTime,
    seen_failed: i32,
    observed_generation: i64,
    conditions: Vec<WorkloadCondition>,
    /// Deployments: when `Progressing` was last updated (its deadline counts from it).
    progress_at: SimTime,
    /// CronJobs: the last time a Job was scheduled.
    last_schedule: Option<SimTime>,
    /// Jobs: the owning CronJob has seen it finish.
    seen_finished: bool,
}

impl WorkloadRec {
    fn new(obj: Workload, uid: String, wid: u64, selector: Selector, created: SimTime) -> WorkloadRec {
        let tmpl = obj.spec.template.clone();
        WorkloadRec {
            obj,
            uid,
            wid,
            selector,
            template: Rc::new(tmpl.spec),
            template_labels: tmpl.metadata.labels,
            template_annotations: tmpl.metadata.annotations,
            owner_uid: None,
            created,
            replicas: 0,
            ready: 0,
            available: 0,
            alive: 0,
            updated: 0,
            succeeded: 0,
            failed: 0,
            complete: false,
            job_failed: false,
            completed_at: None,
            next_create_at: SimTime::ZERO,
            seen_failed: 0,
            observed_generation: 0,
            conditions: Vec::new(),
            progress_at: created,
            last_schedule: None,
            seen_finished: false,
        }
    }
}

/// One entry of a workload's `status.conditions` (Deployments:
/// `Available` and `Progressing`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadCondition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    pub last_update_time: String,
    pub last_transition_time: String,
    pub reason: String,
    pub message: String,
}

/// What `kubectl get deploy,rs,rc,job,cj` shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkloadView {
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub desired: i32,
    pub current: i32,
    pub ready: i32,
    pub available: i32,
    /// Deployments: pods of the newest ReplicaSet (UP-TO-DATE).
    pub updated: i32,
    pub succeeded: i32,
    pub failed: i32,
    /// Jobs: `Complete`, `Failed` or `Running`.
    pub status: String,
    pub created: SimTime,
    /// Jobs: when the job completed.
    pub completed: Option<SimTime>,
    pub observed_generation: i64,
    pub conditions: Vec<WorkloadCondition>,
    /// CronJobs: when a Job was last scheduled, and the Jobs still running.
    pub last_schedule: Option<SimTime>,
    pub active: Vec<String>,
    /// The object as the API server holds it (what `kubectl get -o yaml`
    /// prints, less its status): as applied, with its UID and creation
    /// time.
    pub object: Workload,
}

/// The lowercase plural resource name (`deployments.apps`).
pub fn resource_name(kind: &str) -> String {
    match kind {
        "Deployment" => "deployments.apps".into(),
        "ReplicaSet" => "replicasets.apps".into(),
        "Job" => "jobs.batch".into(),
        "CronJob" => "cronjobs.batch".into(),
        other => format!("{}s", other.to_ascii_lowercase()),
    }
}

/// `rand.SafeEncodeString` of the template's FNV-32a hash, as `pod-template-hash`.
fn template_hash(t: &crate::model::PodTemplateSpec) -> String {
    let text = serde_json::to_string(t).unwrap_or_default();
    crate::hash::safe_encode_string(&crate::hash::fnv1a_32(text.as_bytes()).to_string())
}

/// The API version of a workload kind.
fn api_version_of(kind: &str) -> &'static str {
    match kind {
        "Job" | "CronJob" => "batch/v1",
        "ReplicationController" => "v1",
        _ => "apps/v1",
    }
}

/// The controller that acts for a kind, as its events name it.
fn source_of(kind: &str) -> &'static str {
    match kind {
        "Job" => "job-controller",
        "CronJob" => "cronjob-controller",
        "ReplicationController" => "replication-controller",
        "Deployment" => "deployment-controller",
        _ => "replicaset-controller",
    }
}

/// `kubectl scale`: sets a Deployment's, ReplicaSet's or
/// ReplicationController's `spec.replicas` through its scale subresource;
/// its controller acts on the next step. A ReplicaSet a Deployment owns is
/// scaled back by the Deployment, as upstream's is.
pub(crate) fn scale<R: ContainerRuntime>(
    c: &mut Cluster<R>,
    kind: &str,
    ns: &str,
    name: &str,
    replicas: i32,
) -> Result<(), ApiError> {
    let k = (kind.to_string(), ns.to_string(), name.to_string());
    let Some(rec) = c.workloads.get_mut(&k) else { return Err(ApiError::not_found(&resource_name(kind), name)) };
    if rec.obj.spec.replicas != Some(replicas) {
        rec.obj.spec.replicas = Some(replicas);
        bump_generation(&mut rec.obj);
        c.changes.insert(Change::Workload { kind: k.0, namespace: k.1, name: k.2 });
    }
    Ok(())
}

fn bump_generation(w: &mut Workload) {
    w.metadata.generation = Some(w.metadata.generation.unwrap_or(0).saturating_add(1));
}

pub(crate) fn delete<R: ContainerRuntime>(
    c: &mut Cluster<R>,
    kind: &str,
    ns: &str,
    name: &str,
) -> Result<(), ApiError> {
    let k = (kind.to_string(), ns.to_string(), name.to_string());
    let Some(rec) = c.workloads.remove(&k) else { return Err(ApiError::not_found(&resource_name(kind), name)) };
    c.changes.insert(Change::Workload { kind: k.0, namespace: k.1, name: k.2 });
    // Background cascading deletion: owned workloads (a Deployment's
    // ReplicaSets, a CronJob's Jobs), then owned pods.
    let owned: Vec<(String, String)> = c
        .workloads
        .iter()
        .filter(|(_, r)| r.owner_uid.as_deref() == Some(&rec.uid))
        .map(|(k, _)| (k.0.clone(), k.2.clone()))
        .collect();
    for (kind, child) in owned {
        let _ = delete(c, &kind, ns, &child);
    }
    let pods: Vec<(String, String)> = c
        .pods
        .iter()
        .filter(|(_, p)| p.meta.owner_references.iter().any(|o| o.uid == rec.uid))
        .map(|(k, _)| k.clone())
        .collect();
    for (pns, pname) in pods {
        let _ = c.delete_pod(&pns, &pname, None);
    }
    Ok(())
}

struct Owned {
    key: (String, String),
    phase: Phase,
    deleting: bool,
    ready: bool,
    bound: bool,
    seq: u64,
}

/// Records an event about a workload.
fn event<R: ContainerRuntime>(
    c: &mut Cluster<R>,
    k: &(String, String, String),
    uid: &str,
    t: EventType,
    reason: &str,
    msg: String,
) {
    let obj = ObjectRef {
        kind: k.0.clone(),
        namespace: k.1.clone(),
        name: k.2.clone(),
        uid: uid.into(),
        field_path: String::new(),
    };
    c.events.record(c.now, t, &obj, reason, msg, source_of(&k.0), None);
    c.changes.insert(Change::Events);
}

fn changed<R: ContainerRuntime>(c: &mut Cluster<R>, k: &(String, String, String)) {
    c.changes.insert(Change::Workload { kind: k.0.clone(), namespace: k.1.clone(), name: k.2.clone() });
}

/// What a controller counts among its pods.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    /// Not terminating and not finished.
    active: usize,
    /// Terminating but not finished (upstream's `oldPodsRunning` counts them).
    terminating: usize,
    ready: usize,
    succeeded: i32,
    failed: i32,
}

fn next_wid<R: ContainerRuntime>(c: &mut Cluster<R>) -> u64 {
    c.next_wid += 1;
    c.next_wid
}

/// The pods a controller owns, in detail (only needed when it deletes some).
fn owned_pods<R: ContainerRuntime>(c: &Cluster<R>, wid: u64) -> Vec<Owned> {
    c.pods
        .iter()
        .filter(|(_, p)| p.owner == Some(wid))
        .map(|(k, p)| Owned {
            key: k.clone(),
            phase: p.kube.as_ref().map_or(Phase::Pending, |k| k.phase),
            deleting: p.deletion.is_some(),
            ready: p.kube.as_ref().is_some_and(|k| k.ready()) && !p.not_ready_by_node,
            bound: p.node.is_some(),
            seq: p.seq,
        })
        .collect()
}

/// One pass of every controller. Counting walks the pods once without
/// copying them; details are gathered only for controllers that delete.
pub(crate) fn reconcile<R: ContainerRuntime>(c: &mut Cluster<R>) {
    let mut counts: BTreeMap<u64, Counts> = c.workloads.values().map(|r| (r.wid, Counts::default())).collect();
    for p in c.pods.values() {
        let Some(wid) = p.owner else { continue };
        let Some(n) = counts.get_mut(&wid) else { continue };
        let phase = p.kube.as_ref().map_or(Phase::Pending, |k| k.phase);
        match phase {
            Phase::Succeeded => n.succeeded += 1,
            Phase::Failed => n.failed += 1,
            _ if p.deletion.is_none() => {
                n.active += 1;
                if p.kube.as_ref().is_some_and(|k| k.ready()) && !p.not_ready_by_node {
                    n.ready += 1;
                }
            }
            _ => n.terminating += 1,
        }
    }
    let mut keys: Vec<(String, String, String)> = c.workloads.keys().cloned().collect();
    // Owners read their children's counts: CronJobs and Deployments go
    // after Jobs and ReplicaSets (a stable sort keeps the rest in order).
    keys.sort_by_key(|k| match k.0.as_str() {
        "Deployment" => 1,
        "CronJob" => 2,
        _ => 0,
    });
    for k in &keys {
        let wid = c.workloads.get(k).map_or(0, |r| r.wid);
        let n = counts.get(&wid).copied().unwrap_or_default();
        match k.0.as_str() {
            "Deployment" => deployment::reconcile(c, k),
            "ReplicaSet" | "ReplicationController" => replicaset::reconcile(c, k, n),
            "Job" => job::reconcile(c, k, n),
            "CronJob" => cronjob::reconcile(c, k),
            _ => {}
        }
    }
}

/// Creates one pod from a workload's template, named `<name>-<suffix>`.
fn stamp_pod<R: ContainerRuntime>(c: &mut Cluster<R>, k: &(String, String, String)) -> bool {
    let ns = k.1.clone();
    let prefix = format!("{}-", k.2);
    let name = c.unique_name(&ns, &prefix);
    let Some(rec) = c.workloads.get(k) else { return false };
    let pod = Pod {
        api_version: "v1".into(),
        kind: "Pod".into(),
        metadata: ObjectMeta {
            name: name.clone(),
            generate_name: prefix,
            namespace: ns.clone(),
            labels: rec.template_labels.clone(),
            annotations: rec.template_annotations.clone(),
            owner_references: vec![OwnerReference {
                api_version: api_version_of(&k.0).into(),
                kind: k.0.clone(),
                name: k.2.clone(),
                uid: rec.uid.clone(),
                controller: Some(true),
            }],
            ..ObjectMeta::default()
        },
        spec: (*rec.template).clone(),
        status: None,
    };
    let shared = rec.template.clone();
    let uid = rec.uid.clone();
    let wid = rec.wid;
    let mut pod = pod;
    // The Priority admission judges every pod a controller creates.
    if let Err(reason) = crate::defaults::admit_priority(&mut pod.spec, &c.priority_class_values()) {
        let e = crate::cluster::defaults::forbidden(&format!("{}-", k.2), &reason);
        event(c, k, &uid, EventType::Warning, "FailedCreate", format!("Error creating: {}", e.message));
        return false;
    }
    if c.create_pod(pod, shared, false, Some(wid)).is_err() {
        return false;
    }
    event(c, k, &uid, EventType::Normal, "SuccessfulCreate", format!("Created pod: {name}"));
    true
}

pub(crate) fn views<R: ContainerRuntime>(c: &Cluster<R>) -> Vec<WorkloadView> {
    c.workloads
        .iter()
        .map(|((kind, ns, name), r)| {
            let status = match (kind.as_str(), r.complete, r.job_failed) {
                ("Job", true, _) => "Complete",
                ("Job", _, true) => "Failed",
                ("Job", _, _) => "Running",
                _ => "",
            };
            let active = if kind == "CronJob" { cronjob::active_jobs(c, &r.uid) } else { Vec::new() };
            WorkloadView {
                kind: kind.clone(),
                namespace: ns.clone(),
                name: name.clone(),
                uid: r.uid.clone(),
                desired: match kind.as_str() {
                    "Job" => r.obj.spec.completions.unwrap_or(1),
                    _ => r.obj.spec.replicas.unwrap_or(1),
                },
                current: r.replicas,
                ready: r.ready,
                available: r.available,
                updated: r.updated,
                succeeded: r.succeeded,
                failed: r.failed,
                status: status.to_string(),
                created: r.created,
                completed: r.completed_at,
                observed_generation: r.observed_generation,
                conditions: r.conditions.clone(),
                last_schedule: r.last_schedule,
                active,
                object: r.obj.clone(),
            }
        })
        .collect()
}
