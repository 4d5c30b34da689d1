//! The Job controller: runs pods to completion, `parallelism` at a time,
//! with the failure backoff, and marks the Job `Complete` or `Failed`.
//! Follows `pkg/controller/job/job_controller.go` (`Completed`,
//! `BackoffLimitExceeded`).

use super::{changed, event, owned_pods, stamp_pod, Counts, BURST_REPLICAS};
use crate::cluster::{Cluster, EventType, Timer};
use crate::runtime::ContainerRuntime;

pub(super) fn reconcile<R: ContainerRuntime>(c: &mut Cluster<R>, k: &(String, String, String), n: Counts) {
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
    let (succeeded, failed, ready) = (n.succeeded, n.failed, i32::try_from(n.ready).unwrap_or(i32::MAX));
    let seen_failed = rec.seen_failed;
    let next_create_at = rec.next_create_at;
    let (initial, max) = (c.timings.job_backoff_initial_ms, c.timings.job_backoff_max_ms);
    if let Some(rec) = c.workloads.get_mut(k) {
        rec.succeeded = succeeded;
        rec.failed = failed;
        rec.replicas = i32::try_from(n.active).unwrap_or(i32::MAX);
        rec.ready = ready;
        rec.observed_generation = rec.obj.metadata.generation.unwrap_or(1);
        if failed > seen_failed {
            rec.seen_failed = failed;
            let shift = (failed - 1).clamp(0, 20) as u32;
            rec.next_create_at = now.plus_ms((initial << shift).min(max));
        }
    }
    changed(c, k);
    if succeeded >= completions {
        if let Some(rec) = c.workloads.get_mut(k) {
            rec.complete = true;
            rec.completed_at = Some(now);
        }
        event(c, k, &uid, EventType::Normal, "Completed", "Job completed".into());
        c.controllers_dirty();
        return;
    }
    if failed > backoff_limit {
        if let Some(rec) = c.workloads.get_mut(k) {
            rec.job_failed = true;
        }
        event(
            c,
            k,
            &uid,
            EventType::Warning,
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit".into(),
        );
        for p in owned_pods(c, wid).into_iter().filter(|p| !p.deleting && !p.phase.is_terminal()) {
            let _ = c.delete_pod(&p.key.0, &p.key.1, None);
        }
        c.controllers_dirty();
        return;
    }
    let want = parallelism.min(completions - succeeded).max(0) as usize;
    let create_at = c.workloads.get(k).map_or(next_create_at, |r| r.next_create_at);
    if n.active < want {
        if create_at > now {
            c.push_timer(create_at, Timer::Controllers);
            return;
        }
        for _ in 0..(want - n.active).min(BURST_REPLICAS) {
            if !stamp_pod(c, k) {
                break;
            }
        }
    }
}
