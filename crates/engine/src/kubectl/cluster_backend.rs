//! The simulated [`Cluster`] as kubectl's [`Backend`]: the API verbs map to
//! the cluster's inputs, pod and node views to the API objects kubectl
//! prints. Pod internals (logs, exec, top, port-forward) need the runtime
//! and are provided by [`super::playground::Playground`].

use std::collections::BTreeMap;

use super::backend::{ApiError, ApplyResult, Backend, EventView, WorkloadRow};
use crate::cluster::{self, ApplyOutcome, Cluster, ErrorReason, Object};
use crate::model::{Node, Pod, Workload};
use crate::time::SimTime;

/// Converts the cluster's error into the API error kubectl prints.
pub fn api_error(e: cluster::ApiError) -> ApiError {
    let reason = match e.reason {
        ErrorReason::AlreadyExists => "AlreadyExists",
        ErrorReason::NotFound => "NotFound",
        ErrorReason::Invalid => "Invalid",
        ErrorReason::Forbidden => "Forbidden",
        ErrorReason::BadRequest => "BadRequest",
    };
    ApiError { reason: reason.to_string(), message: e.message, explain: Some(e.explain) }
}

/// A short deterministic hex digest (FNV-1a), for the IDs the runtime
/// would report (`containerd://…`, `sha256:…`).
pub fn digest(input: &str, len: usize) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = String::new();
    let mut round = 0u64;
    while out.len() < len && round < 16 {
        for b in input.bytes().chain(round.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        out.push_str(&format!("{h:016x}"));
        round += 1;
    }
    out.truncate(len);
    out
}

/// Fills in what the API server and the runtime add to a pod's status and
/// that the cluster's view leaves out: the upstream shape of `lastState`
/// (`lastState.terminated`), `containerID` and `imageID`.
pub fn api_shape(mut pod: Pod) -> Pod {
    let uid = pod.metadata.uid.clone();
    if let Some(status) = pod.status.as_mut() {
        for cs in status.init_container_statuses.iter_mut().chain(status.container_statuses.iter_mut()) {
            let serde_yaml::Value::Mapping(map) = cs else { continue };
            // serde_yaml writes enums as YAML tags (`!running {…}`); the API
            // shape is a mapping with one key (`running: {…}`).
            if let Some(serde_yaml::Value::Tagged(tagged)) = map.get("state").cloned() {
                let mut one = serde_yaml::Mapping::new();
                one.insert(tagged.tag.to_string().trim_start_matches('!').into(), tagged.value);
                map.insert("state".into(), serde_yaml::Value::Mapping(one));
            }
            let name = map.get("name").and_then(|v| v.as_str()).unwrap_or("").to_string();
            let image = map.get("image").and_then(|v| v.as_str()).unwrap_or("").to_string();
            if let Some(last) = map.get("lastState").cloned() {
                if last.get("exitCode").is_some() {
                    let mut wrapped = serde_yaml::Mapping::new();
                    wrapped.insert("terminated".into(), last);
                    map.insert("lastState".into(), serde_yaml::Value::Mapping(wrapped));
                }
            } else {
                map.insert("lastState".into(), serde_yaml::Value::Mapping(serde_yaml::Mapping::new()));
            }
            // A container that ran once keeps its last instance's IDs while it waits to restart.
            let restarted = map.get("restartCount").and_then(|v| v.as_u64()).unwrap_or(0) > 0;
            let running_or_done =
                restarted || map.get("state").is_some_and(|s| s.get("running").is_some() || s.get("terminated").is_some());
            if running_or_done && !map.contains_key("containerID") {
                map.insert("containerID".into(), format!("containerd://{}", digest(&format!("{uid}/{name}"), 64)).into());
            }
            if running_or_done && !map.contains_key("imageID") && !image.is_empty() {
                let repo = image.split([':', '@']).next().unwrap_or(&image);
                let full = if repo.contains('/') { format!("docker.io/{repo}") } else { format!("docker.io/library/{repo}") };
                map.insert("imageID".into(), format!("{full}@sha256:{}", digest(&image, 64)).into());
            }
        }
    }
    pod
}

/// Parses one YAML document into an object the cluster accepts.
pub fn parse_object(doc: &str, namespace: &str) -> Result<Object, ApiError> {
    let value: serde_yaml::Value = serde_yaml::from_str(doc).map_err(|e| ApiError::new("BadRequest", e.to_string()))?;
    let kind = value.get("kind").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let api_version = value.get("apiVersion").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let decode_error = |e: serde_yaml::Error| {
        ApiError::new(
            "BadRequest",
            format!("{kind} in version \"{}\" cannot be handled as a {kind}: {e}", api_version.rsplit('/').next().unwrap_or("")),
        )
    };
    match kind.as_str() {
        "Pod" => {
            let mut pod: Pod = serde_yaml::from_value(value).map_err(decode_error)?;
            if pod.metadata.namespace.is_empty() {
                pod.metadata.namespace = namespace.to_string();
            }
            pod.status = None;
            Ok(Object::Pod(pod))
        }
        "Deployment" | "ReplicaSet" | "Job" => {
            let mut w: Workload = serde_yaml::from_value(value).map_err(decode_error)?;
            if w.metadata.namespace.is_empty() {
                w.metadata.namespace = namespace.to_string();
            }
            Ok(Object::Workload(w))
        }
        _ => Err(ApiError {
            reason: "BadRequest".to_string(),
            message: format!("no matches for kind \"{kind}\" in version \"{api_version}\""),
            explain: Some(crate::text::Text::new(
                format!("이 플레이그라운드는 `{kind}`를 지원하지 않습니다. Pod, Deployment, ReplicaSet, Job을 쓸 수 있습니다."),
                format!("This playground does not serve `{kind}`. Pod, Deployment, ReplicaSet and Job are available."),
            )),
        }),
    }
}

/// The cluster's workloads as kubectl rows. The cluster's view has no
/// creation time, so the time of the first event about the object (its
/// controller acts at once) stands in for it.
pub fn workload_rows(c: &Cluster) -> Vec<WorkloadRow> {
    let events = Cluster::events(c);
    c.workloads()
        .into_iter()
        .map(|w| {
            let about: Vec<&crate::cluster::Event> = events
                .iter()
                .copied()
                .filter(|e| e.object.kind == w.kind && e.object.name == w.name && e.object.namespace == w.namespace)
                .collect();
            let created = about.iter().map(|e| e.first_seen).min();
            let completed = about.iter().filter(|e| e.reason == "Completed").map(|e| e.first_seen).min();
            WorkloadRow {
                kind: w.kind,
                namespace: w.namespace,
                name: w.name,
                desired: w.desired,
                current: w.current,
                ready: w.ready,
                succeeded: w.succeeded,
                status: w.status,
                created,
                completed,
            }
        })
        .collect()
}

impl Backend for Cluster {
    fn now(&self) -> SimTime {
        Cluster::now(self)
    }

    fn pods(&self) -> Vec<Pod> {
        Cluster::pods(self)
            .into_iter()
            .map(|v| {
                let mut pod = v.pod;
                if pod.metadata.creation_timestamp.is_none() {
                    pod.metadata.creation_timestamp = Some(v.created.rfc3339());
                }
                api_shape(pod)
            })
            .collect()
    }

    fn nodes(&self) -> Vec<Node> {
        Cluster::nodes(self)
            .into_iter()
            .map(|v| {
                let mut node = v.node;
                if node.metadata.creation_timestamp.is_none() {
                    node.metadata.creation_timestamp = Some(SimTime::ZERO.rfc3339());
                }
                node
            })
            .collect()
    }

    fn workloads(&self) -> Vec<WorkloadRow> {
        workload_rows(self)
    }

    fn delete_workload(&mut self, kind: &str, namespace: &str, name: &str) -> Result<(), ApiError> {
        Cluster::delete_workload(self, kind, namespace, name).map_err(api_error)
    }

    fn node_ready(&self, name: &str) -> bool {
        Cluster::nodes(self).iter().find(|n| n.name == name).is_none_or(|n| n.ready)
    }

    fn node_internal_ip(&self, name: &str) -> Option<String> {
        Cluster::nodes(self).into_iter().find(|n| n.name == name).map(|n| n.internal_ip)
    }

    fn events(&self) -> Vec<EventView> {
        Cluster::events(self)
            .into_iter()
            .map(|e| EventView {
                namespace: e.object.namespace.clone(),
                type_: e.type_.as_str().to_string(),
                reason: e.reason.clone(),
                object_kind: e.object.kind.clone(),
                object_name: e.object.name.clone(),
                source: e.source.clone(),
                message: e.message.clone(),
                first_seen: e.first_seen,
                last_seen: e.last_seen,
                count: e.count,
            })
            .collect()
    }

    fn apply(&mut self, doc: &str, namespace: &str, create_only: bool) -> Result<(String, String, ApplyResult), ApiError> {
        let object = parse_object(doc, namespace)?;
        let ns = match &object {
            Object::Pod(p) => p.metadata.namespace.clone(),
            Object::Workload(w) => w.metadata.namespace.clone(),
        };
        let outcome = if create_only { Cluster::create(self, object) } else { Cluster::apply(self, object) };
        match outcome.map_err(api_error)? {
            ApplyOutcome::Created { name, .. } => Ok((ns, name, ApplyResult::Created)),
            ApplyOutcome::Configured { name, .. } => Ok((ns, name, ApplyResult::Configured)),
            ApplyOutcome::Unchanged { name, .. } => Ok((ns, name, ApplyResult::Unchanged)),
        }
    }

    fn delete_pod(&mut self, namespace: &str, name: &str, grace_secs: Option<i64>) -> Result<(), ApiError> {
        Cluster::delete_pod(self, namespace, name, grace_secs).map_err(api_error)
    }

    fn set_pod_metadata(
        &mut self,
        namespace: &str,
        name: &str,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    ) -> Result<(), ApiError> {
        let Some(current) = Cluster::pod(self, namespace, name) else { return Err(ApiError::not_found("pods", name)) };
        let meta = current.pod.metadata;
        for (k, _) in meta.labels.iter().filter(|(k, _)| !labels.contains_key(*k)) {
            self.label_pod(namespace, name, k, None, true).map_err(api_error)?;
        }
        for (k, v) in labels.iter().filter(|(k, v)| meta.labels.get(*k) != Some(v)) {
            self.label_pod(namespace, name, k, Some(v), true).map_err(api_error)?;
        }
        for (k, _) in meta.annotations.iter().filter(|(k, _)| !annotations.contains_key(*k)) {
            self.annotate_pod(namespace, name, k, None, true).map_err(api_error)?;
        }
        for (k, v) in annotations.iter().filter(|(k, v)| meta.annotations.get(*k) != Some(v)) {
            self.annotate_pod(namespace, name, k, Some(v), true).map_err(api_error)?;
        }
        Ok(())
    }

    fn set_node_metadata(
        &mut self,
        name: &str,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    ) -> Result<(), ApiError> {
        let Some(current) = Cluster::nodes(self).into_iter().find(|n| n.name == name) else {
            return Err(ApiError::not_found("nodes", name));
        };
        let meta = current.node.metadata;
        if meta.annotations != annotations {
            return Err(ApiError::unavailable("annotating nodes"));
        }
        for (k, _) in meta.labels.iter().filter(|(k, _)| !labels.contains_key(*k)) {
            self.label_node(name, k, None, true).map_err(api_error)?;
        }
        for (k, v) in labels.iter().filter(|(k, v)| meta.labels.get(*k) != Some(v)) {
            self.label_node(name, k, Some(v), true).map_err(api_error)?;
        }
        Ok(())
    }

    fn set_unschedulable(&mut self, name: &str, unschedulable: bool) -> Result<(), ApiError> {
        if unschedulable {
            self.cordon(name).map_err(api_error)
        } else {
            self.uncordon(name).map_err(api_error)
        }
    }

    fn advance(&mut self, ms: u64) {
        self.advance_by(ms);
    }
}
