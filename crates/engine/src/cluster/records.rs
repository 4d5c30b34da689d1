//! The cluster's records: the objects it accepts (`ApiObject`), what an input
//! did (`ApplyOutcome`, `Change`), how it holds pods and nodes (`PodRec`,
//! `NodeRec`) and its timers, plus small helpers every part uses.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::error::ApiError;
use super::events::ObjectRef;
use crate::kubelet::{Condition, KubeletPod, Phase};
use crate::model::{ObjectMeta, Pod, PodSpec, Workload};
use crate::scheduler::PodInfo;
use crate::text::Text;
use crate::time::SimTime;

/// An object the API accepts.
// Both variants are whole API objects, built one per request and moved
// into the store: boxing the larger would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ApiObject {
    Pod(Pod),
    /// A ReplicaSet, Deployment or Job.
    Workload(Workload),
    /// A Namespace, ConfigMap or Secret, as JSON.
    Data(serde_json::Value),
}

impl From<Pod> for ApiObject {
    fn from(p: Pod) -> ApiObject {
        ApiObject::Pod(p)
    }
}

impl From<Workload> for ApiObject {
    fn from(w: Workload) -> ApiObject {
        ApiObject::Workload(w)
    }
}

/// What `apply` did (kubectl prints `pod/nginx created`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplyOutcome {
    Created { kind: String, name: String },
    Configured { kind: String, name: String },
    Unchanged { kind: String, name: String },
}

/// Something observable changed; drained with [`Cluster::drain_changes`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    Pod { namespace: String, name: String },
    Node { name: String },
    Workload { kind: String, namespace: String, name: String },
    Events,
}

/// A pod as the cluster holds it.
pub(super) struct PodRec {
    pub(super) meta: ObjectMeta,
    pub(super) spec: Rc<PodSpec>,
    pub(super) seq: u64,
    pub(super) created: SimTime,
    pub(super) info: Rc<PodInfo>,
    /// The UID the runtime knows (for a mirror pod: the static pod's).
    pub(super) runtime_uid: String,
    /// The controlling workload's serial number, if a controller made it.
    pub(super) owner: Option<u64>,
    pub(super) node: Option<usize>,
    /// Counted in its node's aggregates (bound, not terminal, not removed).
    pub(super) counted: bool,
    pub(super) pod_ip: Option<String>,
    pub(super) scheduled: Option<Condition>,
    pub(super) kube: Option<Box<KubeletPod>>,
    pub(super) deletion: Option<(SimTime, i64)>,
    pub(super) is_static: bool,
    pub(super) reason: Option<String>,
    pub(super) message: Option<String>,
    pub(super) next_wake: Option<SimTime>,
    pub(super) not_ready_by_node: bool,
    /// Already reported in the pending change set.
    pub(super) dirty: bool,
    pub(super) last_phase: Phase,
    pub(super) last_ready: bool,
    pub(super) sched_attempts: u32,
    pub(super) last_attempt: SimTime,
    /// The cluster's write counter at this pod's last write.
    pub(super) resource_version: u64,
    /// `status.nominatedNodeName`: where the scheduler's preemption made room.
    pub(super) nominated_node: Option<String>,
    /// The `DisruptionTarget` condition of a pod being preempted.
    pub(super) disruption: Option<Condition>,
}

/// A node as the cluster holds it (its scheduling view lives in `Cluster::infos`).
pub(super) struct NodeRec {
    pub(super) meta: ObjectMeta,
    pub(super) ready: bool,
    pub(super) ready_transition: SimTime,
    pub(super) images: BTreeSet<String>,
    pub(super) cidr: [u8; 3],
    pub(super) ips_used: BTreeSet<u8>,
    pub(super) internal_ip: String,
    pub(super) capacity: BTreeMap<String, String>,
}

/// The key of a namespaced object.
pub(super) fn key(ns: &str, name: &str) -> (String, String) {
    (ns.to_string(), name.to_string())
}

/// The event reference of a pod.
pub(super) fn pod_ref(meta: &ObjectMeta) -> ObjectRef {
    ObjectRef {
        kind: "Pod".into(),
        namespace: meta.namespace.clone(),
        name: meta.name.clone(),
        uid: meta.uid.clone(),
        field_path: String::new(),
    }
}

/// Sets or removes one label or annotation (`value: None` removes it), as
/// `kubectl label`/`annotate` do.
pub(super) fn apply_label(
    map: &mut BTreeMap<String, String>,
    key: &str,
    value: Option<&str>,
    overwrite: bool,
) -> Result<(), ApiError> {
    match value {
        None => {
            map.remove(key);
        }
        Some(v) => {
            if let Some(old) = map.get(key) {
                if old != v && !overwrite {
                    return Err(ApiError::bad_request(
                        format!("'{key}' already has a value ({old}), and --overwrite is false"),
                        Text::new(
                            format!("'{key}' 레이블에는 이미 값({old})이 있습니다. 바꾸려면 --overwrite를 쓰세요."),
                            format!("The label '{key}' already has a value ({old}); use --overwrite to change it."),
                        ),
                    ));
                }
            }
            map.insert(key.to_string(), v.to_string());
        }
    }
    Ok(())
}

/// Something the cluster does at a set time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Timer {
    Schedule,
    PodSync(String),
    Controllers,
    Evict(String),
    UnschedulableFlush(String, u32),
    /// The namespace controller's next pass over a deleted namespace.
    Namespace(String),
    /// An ephemeral container's image is pulled: create and start it
    /// (runtime UID, container name).
    StartEphemeral(String, String),
}
