//! What the API server and a real node add to the simulated [`Cluster`]'s
//! views before kubectl sees them: the upstream shape of pod and node
//! status, IDs, node conditions, workload rows, and reading one document
//! into an object. [`super::playground::Playground`], the one backend of the
//! real simulation, uses these.

use super::backend::{StatusError, WorkloadRow};
use crate::cluster::{ApiObject, Cluster, ErrorReason};
use crate::hash::hex_digest;
use crate::model::{Node, Pod, Workload};
use crate::runtime::ContainerRuntime;
use crate::time::SimTime;
use serde_json::json;

/// Fills in what the API server and the runtime add to a pod's status and
/// that the cluster's view leaves out: the upstream shape of `lastState`
/// (`lastState.terminated`), `containerID` and `imageID`.
pub fn api_shape(mut pod: Pod) -> Pod {
    let uid = pod.metadata.uid.clone();
    let spec = pod.spec.clone();
    if let Some(status) = pod.status.as_mut() {
        for cs in status
            .init_container_statuses
            .iter_mut()
            .chain(status.container_statuses.iter_mut())
            .chain(status.ephemeral_container_statuses.iter_mut())
        {
            let serde_json::Value::Object(map) = cs else { continue };
            let name = map.get("name").and_then(|v| v.as_str()).unwrap_or("").to_string();
            let image = map.get("image").and_then(|v| v.as_str()).unwrap_or("").to_string();
            if let Some(last) = map.get("lastState").cloned() {
                if last.get("exitCode").is_some() {
                    let mut wrapped = serde_json::Map::new();
                    wrapped.insert("terminated".into(), last);
                    map.insert("lastState".into(), serde_json::Value::Object(wrapped));
                }
            } else {
                map.insert("lastState".into(), serde_json::Value::Object(serde_json::Map::new()));
            }
            // A container that ran once keeps its last instance's IDs while it waits to restart.
            let restarted = map.get("restartCount").and_then(|v| v.as_u64()).unwrap_or(0) > 0;
            let running_or_done = restarted
                || map.get("state").is_some_and(|s| s.get("running").is_some() || s.get("terminated").is_some());
            if running_or_done && !map.contains_key("containerID") {
                map.insert(
                    "containerID".into(),
                    format!("containerd://{}", hex_digest(&format!("{uid}/{name}"), 64)).into(),
                );
            }
            if running_or_done && !map.contains_key("imageID") && !image.is_empty() {
                map.insert(
                    "imageID".into(),
                    format!("{}@sha256:{}", image_repository(&image), hex_digest(&image, 64)).into(),
                );
            }
            // `imageID` has no omitempty (core/v1 types.go ContainerStatus):
            // a container that never started shows it empty.
            map.entry("imageID").or_insert_with(|| "".into());
        }
        for cs in status
            .init_container_statuses
            .iter_mut()
            .chain(status.container_statuses.iter_mut())
            .chain(status.ephemeral_container_statuses.iter_mut())
        {
            if let serde_json::Value::Object(map) = cs {
                kubelet_status_fields(map, &spec);
            }
        }
    }
    pod
}

/// What the 1.35 kubelet adds to a container's status from what it
/// allocated and ran (pkg/kubelet/kubelet_pods.go
/// `convertToAPIContainerStatuses`; `resources` is the kubelet's own, from
/// `kubelet/resize.rs`): the image as containerd names it
/// (`docker.io/library/nginx:1.14.2`); `user.linux`, the process's
/// identity (SupplementalGroupsPolicy, GA), once it ran; and `volumeMounts`
/// with `recursiveReadOnly: Disabled` on read-only mounts
/// (RecursiveReadOnlyMounts, GA). `allocatedResources` stays out: its gate
/// (InPlacePodVerticalScalingAllocatedStatus) is off in 1.35.
fn kubelet_status_fields(map: &mut serde_json::Map<String, serde_json::Value>, spec: &crate::model::PodSpec) {
    if let Some(image) = map.get("image").and_then(|v| v.as_str()).filter(|i| !i.is_empty()) {
        let canonical = crate::image_ref::ImageRef::lenient(image).canonical();
        map.insert("image".into(), canonical.into());
    }
    let name = map.get("name").and_then(|v| v.as_str()).unwrap_or("");
    let init = spec.init_containers.iter().find(|c| c.name == name);
    let Some(c) = spec.containers.iter().find(|c| c.name == name).or(init) else { return };
    let ran = map.get("state").is_some_and(|s| s.get("running").is_some() || s.get("terminated").is_some());
    if ran {
        let ctx = |field: &str| {
            c.security_context
                .as_ref()
                .and_then(|s| s.get(field))
                .or_else(|| spec.security_context.as_ref().and_then(|s| s.get(field)))
                .and_then(serde_json::Value::as_i64)
        };
        let (uid, gid) = (ctx("runAsUser").unwrap_or(0), ctx("runAsGroup").unwrap_or(0));
        // The primary group, fsGroup and supplementalGroups (policy Merge).
        let mut groups = vec![gid];
        let pod_ctx = spec.security_context.as_ref();
        groups.extend(pod_ctx.and_then(|s| s.get("fsGroup")).and_then(serde_json::Value::as_i64));
        let extra = pod_ctx.and_then(|s| s.get("supplementalGroups")).and_then(serde_json::Value::as_array);
        groups.extend(extra.into_iter().flatten().filter_map(serde_json::Value::as_i64));
        groups.sort_unstable();
        groups.dedup();
        map.insert("user".into(), json!({"linux": {"uid": uid, "gid": gid, "supplementalGroups": groups}}));
    }
    if !c.volume_mounts.is_empty() && ran {
        let mounts: Vec<serde_json::Value> = c
            .volume_mounts
            .iter()
            .map(|m| {
                let mut v = json!({"name": m.name, "mountPath": m.mount_path});
                if m.read_only == Some(true) {
                    v["readOnly"] = true.into();
                    v["recursiveReadOnly"] = "Disabled".into();
                }
                v
            })
            .collect();
        map.insert("volumeMounts".into(), mounts.into());
    }
}

/// The repository an image comes from, fully qualified as containerd
/// names it: `nginx:1.27` and `docker.io/library/nginx` are both
/// `docker.io/library/nginx`; `registry.k8s.io/pause:3.9` is
/// `registry.k8s.io/pause`.
fn image_repository(image: &str) -> String {
    crate::image_ref::ImageRef::lenient(image).name()
}

/// How often the kubelet posts an unchanged node status (its heartbeat).
/// Follows `pkg/kubelet/apis/config/v1beta1/defaults.go` (`nodeStatusReportFrequency`).
pub const NODE_STATUS_REPORT_MS: u64 = 5 * 60 * 1000;

/// How often the kubelet renews its node Lease (a quarter of the 40s lease).
/// Follows `pkg/kubelet/nodelease` (`renewIntervalFraction`).
pub const NODE_LEASE_RENEW_MS: u64 = 10_000;

/// Whether a node's kubelet is posting its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeHealth {
    /// Posting, ready since `since`.
    Ready { since: SimTime },
    /// Silent since `lost_at` (the last ready stretch began at `ready_since`):
    /// the node lifecycle controller has marked every condition Unknown.
    Unreachable { ready_since: SimTime, lost_at: SimTime },
}

/// The latest heartbeat at or before `t` of a kubelet that started posting at `from`.
fn heartbeat(from: SimTime, t: SimTime) -> SimTime {
    let ms = t.since(from);
    from.plus_ms(ms - ms % NODE_STATUS_REPORT_MS)
}

/// When the kubelet last renewed the node's Lease (`RenewTime` in describe).
pub fn lease_renew_time(node: &Node, now: SimTime) -> SimTime {
    let ready = node.status.as_ref().and_then(|s| s.conditions.iter().find(|c| c.type_ == "Ready"));
    let posting = ready.is_some_and(|c| c.status == "True");
    let t = if posting {
        now
    } else {
        ready.and_then(|c| c.last_transition_time.as_deref()).and_then(super::format::parse_rfc3339).unwrap_or(now)
    };
    SimTime(t.as_millis() - t.as_millis() % NODE_LEASE_RENEW_MS)
}

/// A UUID-shaped deterministic ID (`8-4-4-4-12` hex digits).
fn uuid_of(seed: &str) -> String {
    let h = hex_digest(seed, 32);
    let part = |a: usize, b: usize| h.get(a..b).unwrap_or("").to_string();
    format!("{}-{}-{}-{}-{}", part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32))
}

/// Fills in what a real node reports in its status and the cluster's node
/// record leaves out: `spec.podCIDRs`, `status.addresses`, `status.nodeInfo`
/// and the four conditions. A posting kubelet reports MemoryPressure,
/// DiskPressure and PIDPressure False and Ready True with its own reasons
/// (`pkg/kubelet/nodestatus/setters.go`); for an unreachable node the node
/// lifecycle controller sets all four to Unknown, `NodeStatusUnknown`,
/// keeping the last heartbeat (`pkg/controller/nodelifecycle/node_lifecycle_controller.go`
/// `tryUpdateNodeHealth`).
pub fn node_status_shape(node: &mut Node, health: NodeHealth, internal_ip: &str, now: SimTime) {
    use crate::model::{NodeAddress, NodeCondition, NodeSystemInfo};
    let name = node.metadata.name.clone();
    if let Some(cidr) = node.spec.pod_cidr.clone().filter(|c| !c.is_empty()) {
        if node.spec.pod_cidrs.is_empty() {
            node.spec.pod_cidrs = vec![cidr];
        }
    }
    let label = |k: &str, default: &str| node.metadata.labels.get(k).cloned().unwrap_or_else(|| default.to_string());
    let info = NodeSystemInfo {
        machine_id: hex_digest(&format!("machine/{name}"), 32),
        system_uuid: uuid_of(&format!("system/{name}")),
        boot_id: uuid_of(&format!("boot/{name}")),
        kernel_version: NODE_KERNEL_VERSION.to_string(),
        os_image: NODE_OS_IMAGE.to_string(),
        container_runtime_version: NODE_CONTAINER_RUNTIME.to_string(),
        kubelet_version: super::printers::KUBELET_VERSION.to_string(),
        operating_system: label("kubernetes.io/os", "linux"),
        architecture: label("kubernetes.io/arch", "amd64"),
    };
    let status = node.status.get_or_insert_with(Default::default);
    if status.addresses.is_empty() {
        status.addresses = vec![
            NodeAddress { type_: "InternalIP".into(), address: internal_ip.to_string() },
            NodeAddress { type_: "Hostname".into(), address: name.clone() },
        ];
    }
    if status.node_info.is_none() {
        status.node_info = Some(info);
    }
    if !status.conditions.is_empty() {
        return;
    }
    let created = SimTime::ZERO;
    let rows: [(&str, &str, &str); 4] = [
        ("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ("Ready", "KubeletReady", "kubelet is posting ready status"),
    ];
    status.conditions = rows
        .iter()
        .map(|(type_, reason, message)| match health {
            NodeHealth::Ready { since } => NodeCondition {
                type_: type_.to_string(),
                status: if *type_ == "Ready" { "True" } else { "False" }.to_string(),
                last_heartbeat_time: Some(heartbeat(since, now).rfc3339()),
                last_transition_time: Some(if *type_ == "Ready" { since } else { created }.rfc3339()),
                reason: Some(reason.to_string()),
                message: Some(message.to_string()),
            },
            NodeHealth::Unreachable { ready_since, lost_at } => NodeCondition {
                type_: type_.to_string(),
                status: "Unknown".to_string(),
                last_heartbeat_time: Some(heartbeat(ready_since, lost_at).rfc3339()),
                last_transition_time: Some(lost_at.rfc3339()),
                reason: Some("NodeStatusUnknown".to_string()),
                message: Some("Kubelet stopped posting node status.".to_string()),
            },
        })
        .collect();
}

/// What every simulated node reports as its kernel, OS image and runtime
/// (`kubectl get nodes -o wide`, `describe node`'s System Info).
pub const NODE_KERNEL_VERSION: &str = "6.8.0-podplay";
pub const NODE_OS_IMAGE: &str = "Podplay Linux";
pub const NODE_CONTAINER_RUNTIME: &str = "containerd://2.1.0";

/// Parses one document (YAML or JSON, read as the validator reads YAML) into
/// an object the cluster accepts.
pub fn parse_object(doc: &str, namespace: &str) -> Result<ApiObject, StatusError> {
    let loaded = crate::yaml::load(doc);
    if let Some(d) = loaded.diagnostics.iter().find(|d| d.severity == crate::diag::Severity::Error) {
        return Err(StatusError {
            explain: Some(d.explain.clone()),
            ..StatusError::new("BadRequest", d.message.clone())
        });
    }
    let root = loaded.documents.first().map(|d| &d.root);
    let mut value = root.map(crate::yaml::YamlNode::to_value).unwrap_or_default();
    let kind = value.get("kind").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let api_version = value.get("apiVersion").and_then(|v| v.as_str()).unwrap_or("").to_string();
    // Pods and workloads are read through the schema, as Go's decoder reads
    // them into typed structs: a `null` member is absent, a `null` list item
    // the zero value of its type (a JSON patch may add one).
    let typed =
        matches!(kind.as_str(), "Pod" | "Deployment" | "ReplicaSet" | "Job" | "ReplicationController" | "CronJob");
    if let (true, Some(root), Some(ty)) = (typed, root, crate::schema::schema().kind(&api_version, &kind)) {
        value = crate::schema::check::model_value(root, ty);
    }
    drop_nulls(&mut value, 0);
    let decode_error = |e: serde_json::Error| {
        StatusError::new(
            "BadRequest",
            format!(
                "{kind} in version \"{}\" cannot be handled as a {kind}: {e}",
                api_version.rsplit('/').next().unwrap_or("")
            ),
        )
    };
    match kind.as_str() {
        "Pod" => {
            let mut pod: Pod = serde_json::from_value(value).map_err(decode_error)?;
            if pod.metadata.namespace.is_empty() {
                pod.metadata.namespace = namespace.to_string();
            }
            pod.status = None;
            Ok(ApiObject::Pod(pod))
        }
        "Deployment" | "ReplicaSet" | "Job" | "ReplicationController" | "CronJob" => {
            let mut w: Workload = serde_json::from_value(value).map_err(decode_error)?;
            if w.metadata.namespace.is_empty() {
                w.metadata.namespace = namespace.to_string();
            }
            Ok(ApiObject::Workload(w))
        }
        "Namespace" | "ConfigMap" | "Secret" | "ServiceAccount" | "PriorityClass" => {
            let mut value = value;
            if let Some(meta) = value.get_mut("metadata").and_then(serde_json::Value::as_object_mut) {
                let given = meta.get("namespace").and_then(serde_json::Value::as_str).unwrap_or("").to_string();
                if kind == "Namespace" || kind == "PriorityClass" {
                    meta.remove("namespace");
                } else if given.is_empty() {
                    meta.insert("namespace".into(), namespace.into());
                }
            }
            Ok(ApiObject::Data(value))
        }
        _ => Err(StatusError {
            reason: ErrorReason::BadRequest,
            message: format!("no matches for kind \"{kind}\" in version \"{api_version}\""),
            explain: Some(crate::text::Text::new(
                format!("이 플레이그라운드는 `{kind}`를 지원하지 않습니다. Pod, Deployment, ReplicaSet, ReplicationController, Job, CronJob, Namespace, ConfigMap, Secret, ServiceAccount, PriorityClass를 쓸 수 있습니다."),
                format!("This playground does not serve `{kind}`. Pod, Deployment, ReplicaSet, ReplicationController, Job, CronJob, Namespace, ConfigMap, Secret, ServiceAccount and PriorityClass are available."),
            )),
        }),
    }
}

/// Removes `null` members of objects: Go decodes `null` into a field's
/// zero value, as if the field were absent (`"volumes": null`).
fn drop_nulls(v: &mut serde_json::Value, depth: usize) {
    if depth > 200 {
        return;
    }
    match v {
        serde_json::Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            for x in m.values_mut() {
                drop_nulls(x, depth + 1);
            }
        }
        serde_json::Value::Array(items) => {
            for x in items {
                drop_nulls(x, depth + 1);
            }
        }
        _ => {}
    }
}

/// The cluster's workloads as kubectl rows.
pub fn workload_rows<R: ContainerRuntime>(c: &Cluster<R>) -> Vec<WorkloadRow> {
    c.workloads()
        .into_iter()
        .map(|w| WorkloadRow {
            kind: w.kind,
            namespace: w.namespace,
            name: w.name,
            desired: w.desired,
            current: w.current,
            ready: w.ready,
            succeeded: w.succeeded,
            status: w.status,
            created: Some(w.created),
            completed: w.completed,
            object: Some(w.object),
            available: w.available,
            updated: w.updated,
            observed_generation: w.observed_generation,
            conditions: w.conditions,
            last_schedule: w.last_schedule,
            active: w.active,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::image_repository;

    #[test]
    fn image_repositories_are_fully_qualified_once() {
        for (image, repo) in [
            ("nginx", "docker.io/library/nginx"),
            ("nginx:1.27", "docker.io/library/nginx"),
            ("docker.io/library/bash", "docker.io/library/bash"),
            ("bitnami/redis:7", "docker.io/bitnami/redis"),
            ("registry.k8s.io/pause:3.9", "registry.k8s.io/pause"),
            ("localhost:5000/app:v1", "localhost:5000/app"),
            ("busybox@sha256:abc", "docker.io/library/busybox"),
        ] {
            assert_eq!(image_repository(image), repo, "{image}");
        }
    }
}
