//! The CronJob controller: creates a Job at each scheduled time on the
//! virtual clock, keeps `status.active` and `lastScheduleTime`, and
//! deletes finished Jobs past the history limits.
//!
//! Follows `pkg/controller/cronjob/cronjob_controllerv2.go` (`syncCronJob`,
//! `cleanupFinishedJobs`) and `utils.go` (`getMostRecentScheduleTime`,
//! `getJobFromTemplate2`: the Job's name is `<cronjob>-<minutes since the
//! epoch>`).

use std::collections::BTreeMap;

use super::apply::insert_owned;
use super::cron::{minutes_hash, Schedule};
use super::{changed, event};
use crate::cluster::{Cluster, EventType, Timer};
use crate::model::{ObjectMeta, OwnerReference, Workload, WorkloadSpec};
use crate::runtime::ContainerRuntime;
use crate::time::SimTime;

type Key = (String, String, String);

/// The most missed schedules looked through to find the latest one.
const MISSED_MAX: usize = 1000;

/// The Jobs a CronJob owns that have not finished, oldest first.
pub(super) fn active_jobs<R: ContainerRuntime>(c: &Cluster<R>, uid: &str) -> Vec<String> {
    let mut jobs: Vec<(SimTime, String)> = c
        .workloads
        .iter()
        .filter(|(k, r)| k.0 == "Job" && r.owner_uid.as_deref() == Some(uid) && !r.complete && !r.job_failed)
        .map(|(k, r)| (r.created, k.2.clone()))
        .collect();
    jobs.sort();
    jobs.into_iter().map(|j| j.1).collect()
}

/// The latest schedule time in `(after, now]`, and the next one after `now`.
fn due(s: &Schedule, after: SimTime, now: SimTime) -> (Option<SimTime>, Option<SimTime>) {
    let mut latest = None;
    let mut t = after;
    for _ in 0..MISSED_MAX {
        match s.next_after(t) {
            Some(n) if n <= now => {
                latest = Some(n);
                t = n;
            }
            next => return (latest, next),
        }
    }
    (latest, s.next_after(now))
}

pub(super) fn reconcile<R: ContainerRuntime>(c: &mut Cluster<R>, k: &Key) {
    let Some(rec) = c.workloads.get(k) else { return };
    let cj = rec.obj.clone();
    let uid = rec.uid.clone();
    let after = rec.last_schedule.unwrap_or(rec.created);
    saw_finished(c, k, &uid);
    cleanup_finished(c, k, &cj, &uid);
    let Ok(schedule) = Schedule::parse(cj.spec.schedule.as_deref().unwrap_or("")) else { return };
    let now = c.now;
    let (latest, next) = due(&schedule, after, now);
    if let Some(next) = next {
        c.push_timer(next, Timer::Controllers);
    }
    let Some(at) = latest else { return };
    if cj.spec.suspend == Some(true) {
        return;
    }
    let active = active_jobs(c, &uid);
    match cj.spec.concurrency_policy.as_deref() {
        Some("Forbid") if !active.is_empty() => return,
        Some("Replace") => {
            for j in active {
                if super::delete(c, "Job", &k.1, &j).is_ok() {
                    event(c, k, &uid, EventType::Normal, "SuccessfulDelete", format!("Deleted job {j}"));
                }
            }
        }
        _ => {}
    }
    let name = format!("{}-{}", k.2, minutes_hash(at));
    let job = job_from_template(&cj, &name, &uid, at);
    if insert_owned(c, job, &uid).is_ok() {
        event(c, k, &uid, EventType::Normal, "SuccessfulCreate", format!("Created job {name}"));
    }
    if let Some(r) = c.workloads.get_mut(k) {
        r.last_schedule = Some(at);
    }
    changed(c, k);
    c.controllers_dirty();
}

/// `getJobFromTemplate2`: the Job a run creates.
fn job_from_template(cj: &Workload, name: &str, uid: &str, at: SimTime) -> Workload {
    let tmpl = cj.spec.job_template.clone().unwrap_or_default();
    let meta: ObjectMeta =
        tmpl.get("metadata").and_then(|m| serde_json::from_value(m.clone()).ok()).unwrap_or_default();
    let spec: WorkloadSpec = tmpl.get("spec").and_then(|s| serde_json::from_value(s.clone()).ok()).unwrap_or_default();
    let mut annotations: BTreeMap<String, String> = meta.annotations;
    annotations.insert("batch.kubernetes.io/cronjob-scheduled-timestamp".into(), at.rfc3339());
    Workload {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        metadata: ObjectMeta {
            name: name.to_string(),
            namespace: cj.metadata.namespace.clone(),
            labels: meta.labels,
            annotations,
            owner_references: vec![OwnerReference {
                api_version: "batch/v1".into(),
                kind: "CronJob".into(),
                name: cj.metadata.name.clone(),
                uid: uid.to_string(),
                controller: Some(true),
            }],
            ..ObjectMeta::default()
        },
        spec,
    }
}

/// Jobs that finished since the last pass: `SawCompletedJob`.
fn saw_finished<R: ContainerRuntime>(c: &mut Cluster<R>, k: &Key, uid: &str) {
    let finished: Vec<(String, &'static str)> = c
        .workloads
        .iter()
        .filter(|(jk, r)| jk.0 == "Job" && r.owner_uid.as_deref() == Some(uid) && (r.complete || r.job_failed))
        .filter(|(_, r)| !r.seen_finished)
        .map(|(jk, r)| (jk.2.clone(), if r.job_failed { "Failed" } else { "Complete" }))
        .collect();
    for (name, status) in finished {
        if let Some(r) = c.workloads.get_mut(&("Job".to_string(), k.1.clone(), name.clone())) {
            r.seen_finished = true;
        }
        let msg = format!("Saw completed job: {name}, condition: {status}");
        event(c, k, uid, EventType::Normal, "SawCompletedJob", msg);
    }
}

/// `cleanupFinishedJobs`: keeps the newest `successfulJobsHistoryLimit`
/// (3) complete and `failedJobsHistoryLimit` (1) failed Jobs.
fn cleanup_finished<R: ContainerRuntime>(c: &mut Cluster<R>, k: &Key, cj: &Workload, uid: &str) {
    for (failed, limit) in [
        (false, cj.spec.successful_jobs_history_limit.unwrap_or(3)),
        (true, cj.spec.failed_jobs_history_limit.unwrap_or(1)),
    ] {
        let mut done: Vec<(SimTime, String)> = c
            .workloads
            .iter()
            .filter(|(jk, r)| jk.0 == "Job" && r.owner_uid.as_deref() == Some(uid))
            .filter(|(_, r)| if failed { r.job_failed } else { r.complete })
            .map(|(jk, r)| (r.created, jk.2.clone()))
            .collect();
        done.sort();
        let limit = usize::try_from(limit.max(0)).unwrap_or(0);
        let extra = done.len().saturating_sub(limit);
        for (_, name) in done.into_iter().take(extra) {
            if super::delete(c, "Job", &k.1, &name).is_ok() {
                event(c, k, uid, EventType::Normal, "SuccessfulDelete", format!("Deleted job {name}"));
            }
        }
    }
}
