//! Objects as kubectl reads and prints them: sorted listings, the fields
//! `--field-selector` can select by, and the JSON the API server returns for
//! `-o json|yaml|jsonpath` (defaults it fills in made explicit). Mirrors
//! what kubectl receives from the API (`staging/src/k8s.io/kubectl/pkg/cmd/get/get.go`
//! prints these objects as they come).

use serde_json::json;

use super::util::OBJECTS_MAX;
use crate::kubectl::backend::{Backend, EventView, StatusError, WorkloadRow};
use crate::kubectl::fieldsel;
use crate::kubectl::jsonpath::SortField;
use crate::kubectl::resources::Resource;
use crate::kubectl::sel::LabelFilter;
use crate::model::{Node, Pod};

/// Every pod, sorted by namespace and name.
pub(crate) fn sorted_pods<B: Backend + ?Sized>(b: &B) -> Vec<Pod> {
    let mut pods = b.pods();
    pods.truncate(OBJECTS_MAX);
    pods.sort_by(|x, y| (&x.metadata.namespace, &x.metadata.name).cmp(&(&y.metadata.namespace, &y.metadata.name)));
    pods
}

/// Every node, sorted by name.
pub(crate) fn sorted_nodes<B: Backend + ?Sized>(b: &B) -> Vec<Node> {
    let mut nodes = b.nodes();
    nodes.truncate(OBJECTS_MAX);
    nodes.sort_by(|x, y| x.metadata.name.cmp(&y.metadata.name));
    nodes
}

/// The node's InternalIP: the host IP its pods report, or one derived from its position.
pub(crate) fn node_ip<B: Backend + ?Sized>(b: &B, node: &Node) -> String {
    if let Some(ip) = b.node_internal_ip(&node.metadata.name) {
        return ip;
    }
    if let Some(ip) = b
        .pods()
        .iter()
        .filter(|p| p.spec.node_name.as_deref() == Some(node.metadata.name.as_str()))
        .find_map(|p| p.status.as_ref().and_then(|s| s.host_ip.clone()).filter(|ip| !ip.is_empty()))
    {
        return ip;
    }
    let index = sorted_nodes(b).iter().position(|n| n.metadata.name == node.metadata.name).unwrap_or(0);
    format!("10.0.0.{}", 10 + index.min(200))
}

/// Orders `items` by `--sort-by` (if given), each item's JSON computed
/// once; the order is stable, so equal keys keep the listing's order.
pub(crate) fn sort_items<T>(items: &mut Vec<T>, by: Option<&SortField>, json: impl Fn(&T) -> serde_json::Value) {
    let Some(by) = by else { return };
    let mut keyed: Vec<(serde_json::Value, T)> = items.drain(..).map(|t| (json(&t), t)).collect();
    keyed.sort_by(|a, b| by.cmp(&a.0, &b.0));
    items.extend(keyed.into_iter().map(|(_, t)| t));
}

/// Pods of a namespace (or all) filtered by selector and names; the names
/// that were asked for but are missing are returned as NotFound lines.
pub(crate) fn select_pods(
    all: &[Pod],
    ns: Option<&str>,
    filter: &LabelFilter,
    names: &[String],
) -> (Vec<Pod>, Vec<String>) {
    let in_scope = |p: &&Pod| ns.is_none_or(|n| p.metadata.namespace == n) && filter.matches(&p.metadata.labels);
    if names.is_empty() {
        return (all.iter().filter(in_scope).cloned().collect(), Vec::new());
    }
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for n in names {
        match all.iter().filter(in_scope).find(|p| &p.metadata.name == n) {
            Some(p) => found.push(p.clone()),
            None => missing.push(StatusError::not_found("pods", n).line()),
        }
    }
    (found, missing)
}

/// Nodes filtered by selector, or by name (missing names as NotFound lines).
pub(crate) fn select_nodes(all: &[Node], filter: &LabelFilter, names: &[String]) -> (Vec<Node>, Vec<String>) {
    if names.is_empty() {
        return (all.iter().filter(|n| filter.matches(&n.metadata.labels)).cloned().collect(), Vec::new());
    }
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for n in names {
        match all.iter().find(|x| &x.metadata.name == n) {
            Some(x) => found.push(x.clone()),
            None => missing.push(StatusError::not_found("nodes", n).line()),
        }
    }
    (found, missing)
}

/// How the API server names a type in a field selector error, the fields
/// it can select by, and whether it is a core type.
pub(crate) fn field_target(res: &Resource) -> (String, &'static [&'static str], bool) {
    match res.plural {
        "pods" => ("/v1, Resource=pods".to_string(), fieldsel::POD_FIELDS, true),
        "events" => ("/v1, Resource=events".to_string(), fieldsel::EVENT_FIELDS, true),
        "nodes" => ("/v1, Resource=nodes".to_string(), fieldsel::NODE_FIELDS, true),
        plural => {
            let group = res.api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
            let name = if group.is_empty() { plural.to_string() } else { format!("{plural}.{group}") };
            (name, fieldsel::GENERIC_FIELDS, false)
        }
    }
}

/// A pod's value of a selectable field (defaults as the API server fills them).
pub(crate) fn pod_field(p: &Pod, field: &str) -> Option<String> {
    let status = p.status.as_ref();
    Some(match field {
        "metadata.name" => p.metadata.name.clone(),
        "metadata.namespace" => p.metadata.namespace.clone(),
        "spec.nodeName" => p.spec.node_name.clone().unwrap_or_default(),
        "spec.restartPolicy" => p.spec.restart_policy.clone().unwrap_or_else(|| "Always".into()),
        "spec.schedulerName" => p.spec.scheduler_name.clone().unwrap_or_else(|| "default-scheduler".into()),
        "spec.serviceAccountName" => p.spec.service_account_name.clone().unwrap_or_else(|| "default".into()),
        "spec.hostNetwork" => p.spec.host_network.unwrap_or(false).to_string(),
        "status.phase" => status.and_then(|s| s.phase.clone()).unwrap_or_default(),
        "status.podIP" => status.and_then(|s| s.pod_ip.clone()).unwrap_or_default(),
        _ => return None,
    })
}

/// A node's value of a selectable field.
pub(crate) fn node_field(n: &Node, field: &str) -> Option<String> {
    Some(match field {
        "metadata.name" => n.metadata.name.clone(),
        "spec.unschedulable" => n.spec.unschedulable.unwrap_or(false).to_string(),
        _ => return None,
    })
}

/// An event's value of a selectable field.
pub(crate) fn event_field(e: &EventView, field: &str) -> Option<String> {
    Some(match field {
        "metadata.name" => e.name(),
        "metadata.namespace" => e.namespace.clone(),
        "involvedObject.kind" => e.object_kind.clone(),
        "involvedObject.name" => e.object_name.clone(),
        "involvedObject.namespace" if e.object_kind != "Node" => e.namespace.clone(),
        "involvedObject.fieldPath" => e.field_path.clone(),
        "reason" => e.reason.clone(),
        "source" => e.source.clone(),
        "type" => e.type_.clone(),
        _ => return None,
    })
}

/// A workload's value of a selectable field.
pub(crate) fn workload_field(w: &WorkloadRow, field: &str) -> Option<String> {
    Some(match field {
        "metadata.name" => w.name.clone(),
        "metadata.namespace" => w.namespace.clone(),
        _ => return None,
    })
}

/// A workload's labels (none when the backend has only its row).
pub(crate) fn workload_labels(w: &WorkloadRow) -> std::collections::BTreeMap<String, String> {
    w.object.as_ref().map(|o| o.metadata.labels.clone()).unwrap_or_default()
}

/// The pod as `-o yaml`/`-o json` show it: defaults the API server would
/// have filled in are made explicit.
pub(crate) fn pod_for_output(p: &Pod) -> Pod {
    let mut p = p.clone();
    if p.api_version.is_empty() {
        p.api_version = "v1".into();
    }
    if p.kind.is_empty() {
        p.kind = "Pod".into();
    }
    p
}

/// The pod as the API server returns it to `-o yaml|json|jsonpath`: what
/// the typed model leaves out is added in the API's shape: `hostIPs` and
/// `podIPs` beside `hostIP` and `podIP`, and `lastProbeTime: null` on every
/// condition (a `metav1.Time` is never omitted, so a zero one prints as null).
pub(crate) fn pod_json(p: &Pod) -> serde_json::Value {
    let mut v = serde_json::to_value(pod_for_output(p)).unwrap_or_default();
    if let Some(status) = v.get_mut("status").and_then(serde_json::Value::as_object_mut) {
        for (single, plural) in [("hostIP", "hostIPs"), ("podIP", "podIPs")] {
            let ip =
                status.get(single).and_then(serde_json::Value::as_str).filter(|ip| !ip.is_empty()).map(str::to_string);
            if let Some(ip) = ip {
                status.entry(plural).or_insert_with(|| json!([{ "ip": ip }]));
            }
        }
        if let Some(conditions) = status.get_mut("conditions").and_then(serde_json::Value::as_array_mut) {
            for c in conditions.iter_mut().filter_map(serde_json::Value::as_object_mut) {
                c.entry("lastProbeTime").or_insert(serde_json::Value::Null);
            }
        }
    }
    v
}

/// The node as `-o yaml`/`-o json` show it.
pub(crate) fn node_for_output(n: &Node) -> Node {
    let mut n = n.clone();
    if n.api_version.is_empty() {
        n.api_version = "v1".into();
    }
    if n.kind.is_empty() {
        n.kind = "Node".into();
    }
    n
}

/// A workload as the API returns it (its stored object when there is one).
pub(crate) fn workload_json(res: &Resource, w: &WorkloadRow) -> serde_json::Value {
    let status = workload_status(res.kind, w);
    let created = w.created.map(|t| t.rfc3339());
    if let Some(mut object) = w.object.as_ref().and_then(|o| serde_json::to_value(o).ok()) {
        if object.pointer("/metadata/creationTimestamp").is_none_or(|t| t.is_null()) {
            if let Some(meta) = object.get_mut("metadata").and_then(|m| m.as_object_mut()) {
                meta.insert("creationTimestamp".into(), json!(created));
            }
        }
        object["status"] = status;
        return object;
    }
    let spec = if res.kind == "Job" { json!({"completions": w.desired}) } else { json!({"replicas": w.desired}) };
    json!({
        "apiVersion": res.api_version,
        "kind": res.kind,
        "metadata": {"name": w.name, "namespace": w.namespace, "creationTimestamp": created},
        "spec": spec,
        "status": status
    })
}

/// A workload's `status` as its controller writes it (zero counts are
/// omitted, as the API's `omitempty` fields are).
fn workload_status(kind: &str, w: &WorkloadRow) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    let mut put = |k: &str, v: i64, always: bool| {
        if v != 0 || always {
            m.insert(k.into(), json!(v));
        }
    };
    match kind {
        "Job" => {
            put("active", i64::from(w.current.saturating_sub(w.succeeded).max(0)), false);
            put("succeeded", i64::from(w.succeeded), false);
        }
        "CronJob" => {
            if !w.active.is_empty() {
                let ns = &w.namespace;
                let refs: Vec<serde_json::Value> = w
                    .active
                    .iter()
                    .map(|n| json!({"apiVersion": "batch/v1", "kind": "Job", "name": n, "namespace": ns}))
                    .collect();
                m.insert("active".into(), json!(refs));
            }
            if let Some(t) = w.last_schedule {
                m.insert("lastScheduleTime".into(), json!(t.rfc3339()));
            }
        }
        "Deployment" => {
            put("availableReplicas", i64::from(w.available), false);
            put("observedGeneration", w.observed_generation, false);
            put("readyReplicas", i64::from(w.ready), false);
            put("replicas", i64::from(w.current), false);
            put("unavailableReplicas", i64::from(w.desired.saturating_sub(w.available).max(0)), false);
            put("updatedReplicas", i64::from(w.updated), false);
        }
        _ => {
            put("availableReplicas", i64::from(w.available), false);
            put("fullyLabeledReplicas", i64::from(w.current), false);
            put("observedGeneration", w.observed_generation, false);
            put("readyReplicas", i64::from(w.ready), false);
            put("replicas", i64::from(w.current), true);
        }
    }
    if !w.conditions.is_empty() {
        m.insert("conditions".into(), json!(w.conditions));
    }
    serde_json::Value::Object(m)
}

/// An event as the core/v1 API returns it.
pub(crate) fn event_json(e: &EventView) -> serde_json::Value {
    let mut involved = json!({"kind": e.object_kind, "name": e.object_name});
    if e.object_kind != "Node" {
        involved["namespace"] = json!(e.namespace);
    }
    if !e.field_path.is_empty() {
        involved["fieldPath"] = json!(e.field_path);
    }
    json!({
        "apiVersion": "v1",
        "count": e.count,
        "firstTimestamp": e.first_seen.rfc3339(),
        "involvedObject": involved,
        "kind": "Event",
        "lastTimestamp": e.last_seen.rfc3339(),
        "message": e.message,
        "metadata": {"creationTimestamp": e.first_seen.rfc3339(), "name": e.name(), "namespace": e.namespace},
        "reason": e.reason,
        "source": if e.host.is_empty() { json!({"component": e.source}) } else { json!({"component": e.source, "host": e.host}) },
        "type": e.type_
    })
}
