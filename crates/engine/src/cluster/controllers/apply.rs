//! Creating and updating workloads through the API: defaults
//! (`pkg/apis/core/v1/defaults.go` `SetDefaults_ReplicationController`),
//! the checks the API server makes before it stores one
//! (`pkg/apis/apps/validation`, `pkg/apis/batch/validation`) and the
//! generation it bumps on every change to the spec.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::{bump_generation, changed, cron, next_wid, WorkloadRec};
use crate::cluster::{ApiError, ApplyOutcome, Cluster};
use crate::model::{LabelSelector, Pod, Workload};
use crate::runtime::ContainerRuntime;
use crate::selector::Selector;
use crate::text::Text;

/// The kinds whose controllers run here.
const RUN: &[&str] = &["ReplicaSet", "Deployment", "Job", "ReplicationController", "CronJob"];

/// Annotations the controllers own: an update through the API keeps them
/// (kubectl apply merges, it does not drop them).
const CONTROLLER_ANNOTATIONS: &[&str] = &["deployment.kubernetes.io/revision"];

fn selector_of(w: &Workload) -> Result<(Selector, bool), ApiError> {
    let Some(v) = &w.spec.selector else { return Ok((Selector::nothing(), false)) };
    // A ReplicationController's selector is a plain map of labels.
    let ls: LabelSelector = if w.kind == "ReplicationController" {
        let m: BTreeMap<String, String> = serde_json::from_value(v.clone()).unwrap_or_default();
        LabelSelector { match_labels: m, match_expressions: Vec::new() }
    } else {
        serde_json::from_value(v.clone()).map_err(|e| {
            ApiError::invalid(
                &w.kind,
                &w.metadata.name,
                &format!("spec.selector: Invalid value: {e}"),
                Text::new("셀렉터 형식이 잘못되었습니다.", "The selector is malformed."),
            )
        })?
    };
    if ls.match_labels.is_empty() && ls.match_expressions.is_empty() {
        return Ok((Selector::nothing(), false));
    }
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

/// `SetDefaults_ReplicationController`: the selector and the labels come
/// from the template's labels when they are not given; replicas default to 1.
fn default_rc(w: &mut Workload) {
    let labels = w.spec.template.metadata.labels.clone();
    let empty = w.spec.selector.as_ref().is_none_or(|s| s.as_object().is_none_or(|m| m.is_empty()));
    if empty && !labels.is_empty() {
        w.spec.selector = serde_json::to_value(&labels).ok();
    }
    if w.metadata.labels.is_empty() {
        w.metadata.labels = labels;
    }
    if w.spec.replicas.is_none() {
        w.spec.replicas = Some(1);
    }
}

fn qualified(kind: &str) -> String {
    match kind {
        "Deployment" | "ReplicaSet" => format!("{kind}.apps"),
        "Job" | "CronJob" => format!("{kind}.batch"),
        _ => kind.to_string(),
    }
}

fn unsupported(kind: &str) -> ApiError {
    ApiError::bad_request(
        format!("the simulation does not run {kind} controllers yet"),
        Text::new(
            format!("이 시뮬레이션은 아직 {kind} 컨트롤러를 실행하지 않습니다. 파드, 레플리카셋, 레플리케이션컨트롤러, 디플로이먼트, 잡, 크론잡을 쓸 수 있습니다."),
            format!("This simulation does not run the {kind} controller yet; Pods, ReplicaSets, ReplicationControllers, Deployments, Jobs and CronJobs work."),
        ),
    )
}

fn no_containers(kind: &str, name: &str, field: &str) -> ApiError {
    ApiError::invalid(
        &qualified(kind),
        name,
        &format!("{field}: Required value"),
        Text::new(
            "워크로드에는 이름과 컨테이너가 있는 파드 템플릿이 있어야 합니다.",
            "A workload needs a name and a pod template with containers.",
        ),
    )
}

/// Checks a CronJob: its schedule and its Job template.
fn check_cronjob(w: &Workload) -> Result<(), ApiError> {
    let name = &w.metadata.name;
    let schedule = w.spec.schedule.as_deref().unwrap_or("");
    if schedule.is_empty() {
        return Err(ApiError::invalid(
            "CronJob.batch",
            name,
            "spec.schedule: Required value",
            Text::new("크론잡에는 spec.schedule이 있어야 합니다.", "A CronJob needs spec.schedule."),
        ));
    }
    if let Err(e) = cron::Schedule::parse(schedule) {
        return Err(ApiError::invalid(
            "CronJob.batch",
            name,
            &format!("spec.schedule: Invalid value: \"{schedule}\": {e}"),
            Text::new(
                "spec.schedule은 '분 시 일 월 요일' 다섯 칸의 cron 형식이어야 합니다. 예: \"*/1 * * * *\"는 1분마다 실행합니다.",
                "spec.schedule must be a five-field cron expression 'minute hour day-of-month month day-of-week', e.g. \"*/1 * * * *\" runs every minute.",
            ),
        ));
    }
    let tmpl = cronjob_pod_template(w);
    if tmpl.is_none_or(|t| t.spec.containers.is_empty()) {
        return Err(no_containers("CronJob", name, "spec.jobTemplate.spec.template.spec.containers"));
    }
    Ok(())
}

/// A CronJob's pod template (`spec.jobTemplate.spec.template`).
pub(super) fn cronjob_pod_template(w: &Workload) -> Option<crate::model::PodTemplateSpec> {
    let v = w.spec.job_template.as_ref()?.pointer("/spec/template")?;
    serde_json::from_value(v.clone()).ok()
}

/// Checks a workload with a pod template and returns its selector.
fn check_templated(w: &Workload, tmpl_labels: &BTreeMap<String, String>) -> Result<Selector, ApiError> {
    let (kind, name) = (w.kind.as_str(), w.metadata.name.as_str());
    if name.is_empty() || w.spec.template.spec.containers.is_empty() {
        return Err(no_containers(kind, name, "spec.template.spec.containers"));
    }
    let (selector, had_selector) = selector_of(w)?;
    if kind == "Job" {
        let raw = w.spec.template.spec.restart_policy.as_deref();
        if !matches!(raw, Some("Never" | "OnFailure")) {
            return Err(ApiError::invalid(
                "Job.batch",
                name,
                "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
                Text::new(
                    "잡의 파드는 끝나야 하므로 restartPolicy를 Never나 OnFailure로 정해야 합니다.",
                    "A Job's pods must finish, so restartPolicy must be Never or OnFailure.",
                ),
            ));
        }
        return Ok(selector);
    }
    if !had_selector || !selector.matches(tmpl_labels) {
        return Err(ApiError::invalid(
            &qualified(kind),
            name,
            "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`",
            Text::new(
                "spec.selector는 파드 템플릿의 레이블과 맞아야 합니다. 그래야 컨트롤러가 자기 파드를 찾습니다.",
                "spec.selector must match the pod template's labels, or the controller could not find its own pods.",
            ),
        ));
    }
    Ok(selector)
}

pub(crate) fn apply<R: ContainerRuntime>(c: &mut Cluster<R>, mut w: Workload) -> Result<ApplyOutcome, ApiError> {
    if w.metadata.namespace.is_empty() {
        w.metadata.namespace = "default".into();
    }
    let kind = w.kind.clone();
    if !RUN.contains(&kind.as_str()) {
        return Err(unsupported(&kind));
    }
    if kind == "ReplicationController" {
        default_rc(&mut w);
    }
    let lower = kind.to_ascii_lowercase();
    let name = w.metadata.name.clone();
    let k = (kind.clone(), w.metadata.namespace.clone(), name.clone());
    // The template with the API server's pod defaults, as pods get it.
    let mut tmpl = w.spec.template.clone();
    let mut pod = Pod { spec: tmpl.spec.clone(), ..Pod::default() };
    // The template is admitted as its pods will be; a class that does not
    // exist is each pod's FailedCreate, not the workload's error (`stamp_pod`).
    let classes = c.priority_class_values();
    let _ = crate::cluster::defaults::pod(&mut pod, c.timings.default_toleration_seconds, &classes);
    tmpl.spec = pod.spec;
    let selector = if kind == "CronJob" {
        check_cronjob(&w)?;
        Selector::nothing()
    } else {
        check_templated(&w, &tmpl.metadata.labels)?
    };
    if let Some(existing) = c.workloads.get_mut(&k) {
        let mut annotations = w.metadata.annotations.clone();
        for key in CONTROLLER_ANNOTATIONS {
            if let Some(v) = existing.obj.metadata.annotations.get(*key) {
                annotations.insert((*key).to_string(), v.clone());
            }
        }
        if existing.obj.spec == w.spec
            && existing.obj.metadata.labels == w.metadata.labels
            && existing.obj.metadata.annotations == annotations
        {
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
            existing.template_annotations = tmpl.metadata.annotations;
        }
        if existing.obj.spec != w.spec {
            bump_generation(&mut existing.obj);
        }
        existing.obj.metadata.labels = w.metadata.labels;
        existing.obj.metadata.annotations = annotations;
        existing.obj.spec = w.spec;
        changed(c, &k);
        return Ok(crate::cluster::ApplyOutcome::Configured { kind: lower, name });
    }
    let uid = c.rng.uuid();
    let mut selector = selector;
    if kind == "Job" {
        for (lk, lv) in [
            ("batch.kubernetes.io/controller-uid", uid.clone()),
            ("batch.kubernetes.io/job-name", name.clone()),
            ("controller-uid", uid.clone()),
            ("job-name", name.clone()),
        ] {
            tmpl.metadata.labels.insert(lk.into(), lv);
        }
        if w.spec.selector.is_none() {
            let mut m = BTreeMap::new();
            m.insert("batch.kubernetes.io/controller-uid".to_string(), uid.clone());
            selector = Selector::from_label_selector(&LabelSelector { match_labels: m, match_expressions: Vec::new() })
                .unwrap_or_default();
        }
    }
    w.metadata.uid = uid.clone();
    w.metadata.creation_timestamp = Some(c.now.rfc3339());
    w.metadata.generation = Some(1);
    let wid = next_wid(c);
    let mut rec = WorkloadRec::new(w, uid, wid, selector, c.now);
    rec.template = Rc::new(tmpl.spec);
    rec.template_labels = tmpl.metadata.labels;
    rec.template_annotations = tmpl.metadata.annotations;
    c.workloads.insert(k.clone(), rec);
    changed(c, &k);
    Ok(ApplyOutcome::Created { kind: lower, name })
}

/// Stores a workload a controller made (a Deployment's ReplicaSet, a
/// CronJob's Job), owned by `owner_uid`.
pub(super) fn insert_owned<R: ContainerRuntime>(
    c: &mut Cluster<R>,
    w: Workload,
    owner_uid: &str,
) -> Result<(String, String, String), ApiError> {
    let k = (w.kind.clone(), w.metadata.namespace.clone(), w.metadata.name.clone());
    if c.workloads.contains_key(&k) {
        return Err(ApiError::already_exists(&super::resource_name(&k.0), &k.2));
    }
    apply(c, w)?;
    if let Some(rec) = c.workloads.get_mut(&k) {
        rec.owner_uid = Some(owner_uid.to_string());
    }
    Ok(k)
}
