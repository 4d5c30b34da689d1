//! The ReplicaSet and ReplicationController controllers: keep
//! `spec.replicas` pods that match the selector, creating from the template
//! and deleting the least useful pods first.
//!
//! Follows `pkg/controller/replicaset/replica_set.go` (`manageReplicas`,
//! events `SuccessfulCreate`/`SuccessfulDelete`); the ReplicationController
//! is the same controller behind an adapter
//! (`pkg/controller/replication/replication_controller.go`).

use super::{changed, event, owned_pods, stamp_pod, Counts, Owned, BURST_REPLICAS};
use crate::cluster::{Cluster, EventType};
use crate::kubelet::Phase;
use crate::runtime::ContainerRuntime;

pub(super) fn reconcile<R: ContainerRuntime>(c: &mut Cluster<R>, k: &(String, String, String), n: Counts) {
    let Some(rec) = c.workloads.get(k) else { return };
    let want = rec.obj.spec.replicas.unwrap_or(1).max(0) as usize;
    let uid = rec.uid.clone();
    let rec_wid = rec.wid;
    let ready = n.ready;
    if n.active < want {
        let count = (want - n.active).min(BURST_REPLICAS);
        for _ in 0..count {
            if !stamp_pod(c, k) {
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
        let victims: Vec<(String, String)> =
            active.iter().take(active.len().saturating_sub(want)).map(|p| p.key.clone()).collect();
        for v in victims {
            if c.delete_pod(&v.0, &v.1, None).is_ok() {
                event(c, k, &uid, EventType::Normal, "SuccessfulDelete", format!("Deleted pod: {}", v.1));
            }
        }
    }
    let Some(rec) = c.workloads.get_mut(k) else { return };
    let current = i32::try_from(n.active).unwrap_or(i32::MAX);
    let ready = i32::try_from(ready).unwrap_or(i32::MAX);
    let generation = rec.obj.metadata.generation.unwrap_or(1);
    let moved = rec.replicas != current || rec.ready != ready || rec.observed_generation != generation;
    rec.replicas = current;
    rec.ready = ready;
    // No minReadySeconds here: a ready pod is available at once.
    rec.available = ready;
    rec.observed_generation = generation;
    rec.alive = i32::try_from(n.active + n.terminating).unwrap_or(i32::MAX);
    if moved {
        changed(c, k);
    }
}
