//! Just enough of the ReplicaSet, Deployment and Job controllers to show
//! that controllers stamp pods from a template, replace a deleted pod with a
//! new one (new name, new UID), and that a Job completes.
//!
//! Follows `pkg/controller/replicaset/replica_set.go` (`manageReplicas`,
//! events `SuccessfulCreate`/`SuccessfulDelete`), `pkg/controller/deployment`
//! (`pod-template-hash`, `ScalingReplicaSet`; rollouts are simplified to
//! scale the new ReplicaSet up and old ones down at once) and
//! `pkg/controller/job/job_controller.go` (`Completed`, `BackoffLimitExceeded`).

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Serialize;

use super::{ApiError, ApplyOutcome, Change, Cluster, EventType, ObjectRef};
use crate::kubelet::Phase;
use crate::model::{LabelSelector, ObjectMeta, OwnerReference, Pod, PodSpec, Workload};
use crate::runtime::ContainerRuntime;
use crate::selector::Selector;
use crate::text::Text;
use crate::time::SimTime;

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
    /// For a ReplicaSet owned by a Deployment: the Deployment's UID.
    owner_uid: Option<String>,
    replicas: i32,
    ready: i32,
    succeeded: i32,
    failed: i32,
    complete: bool,
    job_failed: bool,
    next_create_at: SimTime,
    seen_failed: i32,
}

/// What `kubectl get deploy,rs,job` shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkloadView {
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub desired: i32,
    pub current: i32,
    pub ready: i32,
    pub succeeded: i32,
    pub failed: i32,
    /// Jobs: `Complete`, `Failed` or `Running`.
    pub status: String,
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
        other => format!("{}s", other.to_ascii_lowercase()),
    }
}

/// `rand.SafeEncodeString` of the template's FNV-32a hash, as `pod-template-hash`.
fn template_hash(t: &crate::model::PodTemplateSpec) -> String {
    let text = serde_json::to_string(t).unwrap_or_default();
    crate::hash::safe_encode_string(&crate::hash::fnv1a_32(text.as_bytes()).to_string())
}

fn selector_of(w: &Workload) -> Result<(Selector, bool), ApiError> {
    let Some(v) = &w.spec.selector else { return Ok((Selector::nothing(), false)) };
    let ls: LabelSelector = serde_json::from_value(v.clone()).map_err(|e| {
        ApiError::invalid(
            &w.kind,
            &w.metadata.name,
            &format!("spec.selector: Invalid value: {e}"),
            Text::new("셀렉터 형식이 잘못되었습니다.", "The selector is malformed."),
        )
    })?;
    let sel = Selector::from_label_selector(&ls).map_err(|e| {
        ApiError::invalid(
            &w.kind,
            &w.metadata.name,
            &format!("spec.selector: Invalid value: {}", e.message.en),
            e.message,
        )
    })?;
    Ok((sel, true))
}

pub(crate) fn apply<R: ContainerRuntime>(c: &mut Cluster<R>, mut w: Workload) -> Result<ApplyOutcome, ApiError> {
    if w.metadata.namespace.is_empty() {
        w.metadata.namespace = "default".into();
    }
    let kind = w.kind.clone();
    let lower = kind.to_ascii_lowercase();
    if !matches!(kind.as_str(), "ReplicaSet" | "Deployment" | "Job") {
        return Err(ApiError::bad_request(
            format!("the simulation does not run {kind} controllers yet"),
            Text::new(
                format!("이 시뮬레이션은 아직 {kind} 컨트롤러를 실행하지 않습니다. 파드, 레플리카셋, 디플로이먼트, 잡을 쓸 수 있습니다."),
                format!("This simulation does not run the {kind} controller yet; Pods, ReplicaSets, Deployments and Jobs work."),
            ),
        ));
    }
    let name = w.metadata.name.clone();
    if name.is_empty() || w.spec.template.spec.containers.is_empty() {
        return Err(ApiError::invalid(
            &kind,
            &name,
            "spec.template.spec.containers: Required value",
            Text::new(
                "워크로드에는 이름과 컨테이너가 있는 파드 템플릿이 있어야 합니다.",
                "A workload needs a name and a pod template with containers.",
            ),
        ));
    }
    let k = (kind.clone(), w.metadata.namespace.clone(), name.clone());
    let mut tmpl = w.spec.template.clone();
    let mut pod = Pod { spec: tmpl.spec.clone(), ..Pod::default() };
    super::defaults::pod(&mut pod, c.timings.default_toleration_seconds);
    tmpl.spec = pod.spec;
    let (mut selector, had_selector) = selector_of(&w)?;
    if kind == "Job" {
        let policy = tmpl.spec.restart_policy.as_deref();
        let raw = w.spec.template.spec.restart_policy.as_deref();
        if !matches!(raw, Some("Never" | "OnFailure")) || policy == Some("Always") {
            return Err(ApiError::invalid(
                "Job.batch",
                &name,
                "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
                Text::new(
                    "잡의 파드는 끝나야 하므로 restartPolicy를 Never나 OnFailure로 정해야 합니다.",
                    "A Job's pods must finish, so restartPolicy must be Never or OnFailure.",
                ),
            ));
        }
    } else if !had_selector || !selector.matches(&tmpl.metadata.labels) {
        return Err(ApiError::invalid(
            &format!("{kind}.apps"),
            &name,
            "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`",
            Text::new(
                "spec.selector는 파드 템플릿의 레이블과 맞아야 합니다. 그래야 컨트롤러가 자기 파드를 찾습니다.",
                "spec.selector must match the pod template's labels, or the controller could not find its own pods.",
            ),
        ));
    }
    if let Some(existing) = c.workloads.get_mut(&k) {
        if existing.obj.spec == w.spec && existing.obj.metadata.labels == w.metadata.labels {
            return Ok(ApplyOutcome::Unchanged { kind: lower, name });
        }
        if kind == "Job" && existing.obj.spec.template != w.spec.template {
            return Err(ApiError::invalid(
                "Job.batch",
                &name,
                "spec.template: Invalid value: field is immutable",
                Text::new(
                    "잡의 파드 템플릿은 바꿀 수 없습니다. 잡을 지우고 다시 만드세요.",
                    "A Job's pod template is immutable; delete and recreate the Job.",
                ),
            ));
        }
        if kind != "Job" {
            existing.selector = selector;
            existing.template = Rc::new(tmpl.spec);
            existing.template_labels = tmpl.metadata.labels;
        }
        existing.obj.metadata.labels = w.metadata.labels.clone();
        existing.obj.spec = w.spec;
        c.changes.insert(Change::Workload { kind: k.0, namespace: k.1, name: k.2 });
        return Ok(ApplyOutcome::Configured { kind: lower, name });
    }
    let uid = c.rng.uuid();
    if kind == "Job" {
        for (lk, lv) in [
            ("batch.kubernetes.io/controller-uid", uid.clone()),
            ("batch.kubernetes.io/job-name", name.clone()),
            ("controller-uid", uid.clone()),
            ("job-name", name.clone()),
        ] {
            tmpl.metadata.labels.insert(lk.into(), lv);
        }
        if !had_selector {
            let mut m = BTreeMap::new();
            m.insert("batch.kubernetes.io/controller-uid".to_string(), uid.clone());
            selector = Selector::from_label_selector(&LabelSelector { match_labels: m, match_expressions: Vec::new() })
                .unwrap_or_default();
        }
    }
    w.metadata.uid = uid.clone();
    w.metadata.creation_timestamp = Some(c.now.rfc3339());
    let wid = next_wid(c);
    c.workloads.insert(
        k.clone(),
        WorkloadRec {
            obj: w,
            wid,
            uid,
            selector,
            template: Rc::new(tmpl.spec),
            template_labels: tmpl.metadata.labels,
            owner_uid: None,
            replicas: 0,
            ready: 0,
            succeeded: 0,
            failed: 0,
            complete: false,
            job_failed: false,
            next_create_at: SimTime::ZERO,
            seen_failed: 0,
        },
    );
    c.changes.insert(Change::Workload { kind: k.0, namespace: k.1, name: k.2 });
    Ok(ApplyOutcome::Created { kind: lower, name })
}

/// `kubectl scale`: sets a Deployment's or ReplicaSet's `spec.replicas`
/// through its scale subresource; its controller acts on the next step.
/// A ReplicaSet a Deployment owns is scaled back by the Deployment, as
/// upstream's is.
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
        c.changes.insert(Change::Workload { kind: k.0, namespace: k.1, name: k.2 });
    }
    Ok(())
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
    // Background cascading deletion: owned ReplicaSets, then owned pods.
    let owned_rs: Vec<String> = c
        .workloads
        .iter()
        .filter(|(_, r)| r.owner_uid.as_deref() == Some(&rec.uid))
        .map(|(k, _)| k.2.clone())
        .collect();
    for rs in owned_rs {
        let _ = delete(c, "ReplicaSet", ns, &rs);
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

#[allow(clippy::too_many_arguments)]
fn event<R: ContainerRuntime>(
    c: &mut Cluster<R>,
    rec_kind: &str,
    ns: &str,
    name: &str,
    uid: &str,
    t: EventType,
    reason: &str,
    msg: String,
    source: &str,
) {
    let obj = ObjectRef {
        kind: rec_kind.into(),
        namespace: ns.into(),
        name: name.into(),
        uid: uid.into(),
        field_path: String::new(),
    };
    c.events.record(c.now, t, &obj, reason, msg, source, None);
    c.changes.insert(Change::Events);
}

/// What a controller counts among its pods.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    /// Not terminating and not finished.
    active: usize,
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
            _ => {}
        }
    }
    let mut keys: Vec<(String, String, String)> = c.workloads.keys().cloned().collect();
    // Deployments add up their ReplicaSets' counts: reconcile them last, so
    // they read this pass's counts (a stable sort keeps the rest in order).
    keys.sort_by_key(|k| k.0 == "Deployment");
    for k in &keys {
        let wid = c.workloads.get(k).map_or(0, |r| r.wid);
        let n = counts.get(&wid).copied().unwrap_or_default();
        match k.0.as_str() {
            "Deployment" => reconcile_deployment(c, k),
            "ReplicaSet" => reconcile_replicaset(c, k, n),
            "Job" => reconcile_job(c, k, n),
            _ => {}
        }
    }
}

fn stamp_pod<R: ContainerRuntime>(
    c: &mut Cluster<R>,
    k: &(String, String, String),
    api_version: &str,
    source: &str,
) -> bool {
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
            owner_references: vec![OwnerReference {
                api_version: api_version.into(),
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
    if c.create_pod(pod, shared, false, Some(wid)).is_err() {
        return false;
    }
    event(c, &k.0, &ns, &k.2, &uid, EventType::Normal, "SuccessfulCreate", format!("Created pod: {name}"), source);
    true
}

fn reconcile_replicaset<R: ContainerRuntime>(c: &mut Cluster<R>, k: &(String, String, String), n: Counts) {
    let Some(rec) = c.workloads.get(k) else { return };
    let want = rec.obj.spec.replicas.unwrap_or(1).max(0) as usize;
    let uid = rec.uid.clone();
    let rec_wid = rec.wid;
    let ready = n.ready;
    if n.active < want {
        let count = (want - n.active).min(BURST_REPLICAS);
        for _ in 0..count {
            if !stamp_pod(c, k, "apps/v1", "replicaset-controller") {
                break;
            }
        }
        if want - n.active > BURST_REPLICAS {
            c.controllers_dirty();
        }
    } else if n.active > want {
        let pods = owned_pods(c, rec_wid);
        let mut active: Vec<&Owned> = pods.iter().filter(|p| !p.deleting && !p.phase.is_terminal()).collect();
        // Upstream prefers deleting unscheduled, then pending, then not-ready, then newer pods.
        active.sort_by_key(|p| (p.bound, p.phase == Phase::Running, p.ready, std::cmp::Reverse(p.seq)));
        let victims: Vec<(String, String)> = active.iter().take(active.len() - want).map(|p| p.key.clone()).collect();
        for v in victims {
            if c.delete_pod(&v.0, &v.1, None).is_ok() {
                event(
                    c,
                    &k.0,
                    &k.1,
                    &k.2,
                    &uid,
                    EventType::Normal,
                    "SuccessfulDelete",
                    format!("Deleted pod: {}", v.1),
                    "replicaset-controller",
                );
            }
        }
    }
    if let Some(rec) = c.workloads.get_mut(k) {
        let current = n.active as i32;
        if rec.replicas != current || rec.ready != ready as i32 {
            c.changes.insert(Change::Workload { kind: k.0.clone(), namespace: k.1.clone(), name: k.2.clone() });
        }
        rec.replicas = current;
        rec.ready = ready as i32;
    }
}

fn reconcile_deployment<R: ContainerRuntime>(c: &mut Cluster<R>, k: &(String, String, String)) {
    let Some(rec) = c.workloads.get(k) else { return };
    let want = rec.obj.spec.replicas.unwrap_or(1).max(0);
    let uid = rec.uid.clone();
    let hash = template_hash(&rec.obj.spec.template);
    let rs_name = format!("{}-{hash}", k.2);
    let rs_key = ("ReplicaSet".to_string(), k.1.clone(), rs_name.clone());
    let mut labels = rec.template_labels.clone();
    labels.insert(HASH_LABEL.into(), hash.clone());
    let template = rec.template.clone();
    // The ReplicaSet's own template and selector: the Deployment's, plus
    // the hash (`deployment/sync.go` getNewReplicaSet).
    let mut rs_template = rec.obj.spec.template.clone();
    rs_template.metadata.labels = labels.clone();
    let mut rs_selector = rec.obj.spec.selector.clone().unwrap_or_else(|| serde_json::json!({}));
    if let Some(m) = rs_selector.as_object_mut() {
        let match_labels = m.entry("matchLabels").or_insert_with(|| serde_json::json!({}));
        if let Some(match_labels) = match_labels.as_object_mut() {
            match_labels.insert(HASH_LABEL.to_string(), hash.clone().into());
        }
    }
    let mut selector = rec.selector.clone();
    selector.requirements.push(crate::selector::Requirement {
        key: HASH_LABEL.into(),
        op: crate::selector::Op::Equals,
        values: vec![hash.clone()],
    });
    let ns = k.1.clone();
    let scale_event = |c: &mut Cluster<R>, rs: &str, from: i32, to: i32| {
        let dir = if to > from { "up" } else { "down" };
        event(
            c,
            "Deployment",
            &ns,
            &k.2,
            &uid,
            EventType::Normal,
            "ScalingReplicaSet",
            format!("Scaled {dir} replica set {rs} from {from} to {to}"),
            "deployment-controller",
        );
    };
    match c.workloads.get_mut(&rs_key) {
        None => {
            let mut obj = Workload {
                api_version: "apps/v1".into(),
                kind: "ReplicaSet".into(),
                metadata: ObjectMeta {
                    name: rs_name.clone(),
                    namespace: k.1.clone(),
                    labels: labels.clone(),
                    owner_references: vec![OwnerReference {
                        api_version: "apps/v1".into(),
                        kind: "Deployment".into(),
                        name: k.2.clone(),
                        uid: uid.clone(),
                        controller: Some(true),
                    }],
                    ..ObjectMeta::default()
                },
                ..Workload::default()
            };
            obj.spec.replicas = Some(want);
            obj.spec.template = rs_template;
            obj.spec.selector = Some(rs_selector);
            let rs_uid = c.rng.uuid();
            obj.metadata.uid = rs_uid.clone();
            let wid = next_wid(c);
            c.workloads.insert(
                rs_key.clone(),
                WorkloadRec {
                    obj,
                    wid,
                    uid: rs_uid,
                    selector,
                    template,
                    template_labels: labels,
                    owner_uid: Some(uid.clone()),
                    replicas: 0,
                    ready: 0,
                    succeeded: 0,
                    failed: 0,
                    complete: false,
                    job_failed: false,
                    next_create_at: SimTime::ZERO,
                    seen_failed: 0,
                },
            );
            c.changes.insert(Change::Workload {
                kind: rs_key.0.clone(),
                namespace: rs_key.1.clone(),
                name: rs_key.2.clone(),
            });
            scale_event(c, &rs_name, 0, want);
            c.controllers_dirty();
        }
        Some(rs) => {
            let old = rs.obj.spec.replicas.unwrap_or(0);
            if old != want {
                rs.obj.spec.replicas = Some(want);
                scale_event(c, &rs_name, old, want);
                c.controllers_dirty();
            }
        }
    }
    let old_sets: Vec<((String, String, String), i32)> = c
        .workloads
        .iter()
        .filter(|(rk, r)| {
            r.owner_uid.as_deref() == Some(&uid) && **rk != rs_key && r.obj.spec.replicas.unwrap_or(0) > 0
        })
        .map(|(rk, r)| (rk.clone(), r.obj.spec.replicas.unwrap_or(0)))
        .collect();
    for (rk, from) in old_sets {
        if let Some(r) = c.workloads.get_mut(&rk) {
            r.obj.spec.replicas = Some(0);
        }
        scale_event(c, &rk.2, from, 0);
        c.controllers_dirty();
    }
    let (mut replicas, mut ready) = (0, 0);
    for r in c.workloads.values().filter(|r| r.owner_uid.as_deref() == Some(&uid)) {
        replicas += r.replicas;
        ready += r.ready;
    }
    if let Some(rec) = c.workloads.get_mut(k) {
        rec.replicas = replicas;
        rec.ready = ready;
    }
}

fn reconcile_job<R: ContainerRuntime>(c: &mut Cluster<R>, k: &(String, String, String), n: Counts) {
    let now = c.now;
    let Some(rec) = c.workloads.get(k) else { return };
    if rec.complete || rec.job_failed {
        return;
    }
    let uid = rec.uid.clone();
    let wid = rec.wid;
    let completions = rec.obj.spec.completions.unwrap_or(1).max(0);
    let parallelism = rec.obj.spec.parallelism.unwrap_or(1).max(0);
    let backoff_limit = rec.obj.spec.backoff_limit.unwrap_or(6).max(0);
    let (succeeded, failed, ready) = (n.succeeded, n.failed, n.ready as i32);
    let seen_failed = rec.seen_failed;
    let next_create_at = rec.next_create_at;
    let (initial, max) = (c.timings.job_backoff_initial_ms, c.timings.job_backoff_max_ms);
    if let Some(rec) = c.workloads.get_mut(k) {
        rec.succeeded = succeeded;
        rec.failed = failed;
        rec.replicas = n.active as i32;
        rec.ready = ready;
        if failed > seen_failed {
            rec.seen_failed = failed;
            let shift = (failed - 1).clamp(0, 20) as u32;
            rec.next_create_at = now.plus_ms((initial << shift).min(max));
        }
    }
    c.changes.insert(Change::Workload { kind: k.0.clone(), namespace: k.1.clone(), name: k.2.clone() });
    if succeeded >= completions {
        if let Some(rec) = c.workloads.get_mut(k) {
            rec.complete = true;
        }
        event(c, "Job", &k.1, &k.2, &uid, EventType::Normal, "Completed", "Job completed".into(), "job-controller");
        return;
    }
    if failed > backoff_limit {
        if let Some(rec) = c.workloads.get_mut(k) {
            rec.job_failed = true;
        }
        event(
            c,
            "Job",
            &k.1,
            &k.2,
            &uid,
            EventType::Warning,
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit".into(),
            "job-controller",
        );
        for p in owned_pods(c, wid).into_iter().filter(|p| !p.deleting && !p.phase.is_terminal()) {
            let _ = c.delete_pod(&p.key.0, &p.key.1, None);
        }
        return;
    }
    let want = parallelism.min(completions - succeeded).max(0) as usize;
    let create_at = c.workloads.get(k).map_or(next_create_at, |r| r.next_create_at);
    if n.active < want {
        if create_at > now {
            c.push_timer(create_at, super::Timer::Controllers);
            return;
        }
        for _ in 0..(want - n.active).min(BURST_REPLICAS) {
            if !stamp_pod(c, k, "batch/v1", "job-controller") {
                break;
            }
        }
    }
}

pub(crate) fn views<R: ContainerRuntime>(c: &Cluster<R>) -> Vec<WorkloadView> {
    c.workloads
        .iter()
        .map(|((kind, ns, name), r)| {
            let status = if kind == "Job" {
                if r.complete {
                    "Complete"
                } else if r.job_failed {
                    "Failed"
                } else {
                    "Running"
                }
            } else {
                ""
            };
            WorkloadView {
                kind: kind.clone(),
                namespace: ns.clone(),
                name: name.clone(),
                uid: r.uid.clone(),
                desired: if kind == "Job" {
                    r.obj.spec.completions.unwrap_or(1)
                } else {
                    r.obj.spec.replicas.unwrap_or(1)
                },
                current: r.replicas,
                ready: r.ready,
                succeeded: r.succeeded,
                failed: r.failed,
                status: status.to_string(),
                object: r.obj.clone(),
            }
        })
        .collect()
}
