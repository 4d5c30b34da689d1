//! The API server's checks of a write to a pod's `resize` subresource:
//! only the containers' cpu and memory, and `resizePolicy`, may change
//! (pod-level resources only with a gate that is off in 1.35); containers may not be added, removed or reordered; requests
//! and limits may not be removed; the QoS class stays. Follows
//! `pkg/registry/core/pod/strategy.go` (`podResizeStrategy`) and
//! `pkg/apis/core/validation/validation.go` (`ValidatePodResize`,
//! `validateContainerResize`, `validatePodLevelResourcesResize`). Since 1.34
//! a memory limit may be lowered with either policy; the kubelet checks it
//! against what the container uses (`kubelet/resize.rs`).

use serde_json::Value;

use crate::kubectl::backend::{Backend, StatusError};
use crate::model::{Container, PodSpec, ResourceRequirements};
use crate::text::Text;

/// Checks and stores a resize from `live` to `patched` (whole pods as JSON);
/// whether anything changed.
pub(crate) fn resize<B: Backend + ?Sized>(
    b: &mut B,
    ns: &str,
    name: &str,
    live: &Value,
    patched: &Value,
    dry: bool,
) -> Result<bool, StatusError> {
    let spec_of = |v: &Value| -> PodSpec {
        v.get("spec").cloned().and_then(|s| serde_json::from_value(s).ok()).unwrap_or_default()
    };
    let (old, mut new) = (spec_of(live), spec_of(patched));
    // Resizing pod-level resources needs InPlacePodLevelResourcesVerticalScaling,
    // alpha and off in 1.35: `dropNonResizeUpdates` keeps the stored
    // `spec.resources`, so a change to them is dropped without an error.
    new.resources = old.resources.clone();
    // The new pod is validated as a whole first (`validatePodMetadataAndSpec`).
    let mut whole = patched.clone();
    if let Some(spec) = whole.get_mut("spec").and_then(Value::as_object_mut) {
        match live.pointer("/spec/resources") {
            Some(r) => spec.insert("resources".into(), r.clone()),
            None => spec.remove("resources"),
        };
    }
    if let Some(m) = whole.as_object_mut() {
        m.remove("status");
    }
    if let Ok(errs) = super::docs::validate_file("object", &serde_json::to_string(&whole).unwrap_or_default()) {
        if let Some(errors) = errs.first().filter(|e| !e.is_empty()) {
            let mut e = StatusError::new("Invalid", super::docs::invalid_line("Pod", name, errors));
            e.explain = errors.first().map(|d| d.explain.clone());
            return Err(e);
        }
    }
    let mirror = live.pointer("/metadata/annotations/kubernetes.io~1config.mirror").is_some();
    let errors = if mirror { vec![Finding::static_pod()] } else { findings(live, patched, &old, &new) };
    if let Some(first) = errors.first() {
        let explain = first.explain.clone();
        let details: Vec<String> = errors.into_iter().map(|f| f.message).collect();
        let detail =
            if details.len() == 1 { details.concat() } else { details.iter().map(|d| format!("\n* {d}")).collect() };
        return Err(StatusError {
            explain: Some(explain),
            ..StatusError::new("Invalid", format!("The Pod \"{name}\" is invalid: {detail}"))
        });
    }
    if dry {
        return Ok(old != new);
    }
    b.resize_pod_spec(ns, name, &new)
}

/// One field error with our explanation.
struct Finding {
    message: String,
    explain: Text,
}

impl Finding {
    fn static_pod() -> Finding {
        Finding {
            message: ": Forbidden: static pods cannot be resized".into(),
            explain: Text::new(
                "스태틱 파드(미러 파드)는 노드의 매니페스트 파일이 정하므로 resize로 바꿀 수 없습니다. 노드의 파일을 고치세요.",
                "A static pod (shown as a mirror pod) is defined by the manifest file on its node, so it cannot be resized; edit that file instead.",
            ),
        }
    }
}

/// Every error `ValidatePodResize` reports, in its order.
fn findings(live: &Value, patched: &Value, old: &PodSpec, new: &PodSpec) -> Vec<Finding> {
    let mut out = Vec::new();
    let (old_qos, new_qos) = (crate::validate::qos_class(old), crate::validate::qos_class(new));
    if old_qos != new_qos {
        out.push(Finding {
            message: format!("spec: Invalid value: \"{new_qos}\": Pod QOS Class may not change as a result of resizing"),
            explain: Text::new(
                format!("이 크기 조정은 파드의 QoS 클래스를 {old_qos}에서 {new_qos}(으)로 바꿉니다. 크기를 조정해도 QoS 클래스는 그대로여야 합니다. Guaranteed 파드는 requests와 limits를 함께 바꾸세요."),
                format!("This resize would move the pod from QoS class {old_qos} to {new_qos}; a resize must keep the class. For a Guaranteed pod, change requests and limits together."),
            ),
        });
    }
    if let (Some(o), n) = (&old.resources, &new.resources) {
        let removed = |a: &std::collections::BTreeMap<String, String>,
                       b: Option<&std::collections::BTreeMap<String, String>>| {
            a.keys().any(|k| b.is_none_or(|b| !b.contains_key(k)))
        };
        if n.is_none() {
            out.push(removed_finding("spec.resources", "pod-level resources cannot be removed"));
        } else {
            if removed(&o.requests, n.as_ref().map(|r| &r.requests)) {
                out.push(removed_finding("spec.resources.requests", "pod-level resource requests cannot be removed"));
            }
            if removed(&o.limits, n.as_ref().map(|r| &r.limits)) {
                out.push(removed_finding("spec.resources.limits", "pod-level resource limits cannot be removed"));
            }
        }
    }
    let order = ordering(old, new);
    if !order.is_empty() {
        out.extend(order);
        return out;
    }
    for (list, olds, news) in [
        ("initContainers", &old.init_containers, &new.init_containers),
        ("containers", &old.containers, &new.containers),
    ] {
        for (i, (o, n)) in olds.iter().zip(news).enumerate() {
            out.extend(container_resize(&format!("spec.{list}[{i}].resources"), o, n));
        }
    }
    for (i, (o, n)) in old.init_containers.iter().zip(&new.init_containers).enumerate() {
        let sidecar = n.restart_policy.as_deref() == Some("Always");
        if !sidecar && o != n && n.resize_policy.iter().any(|p| p.restart_policy == "RestartContainer") {
            out.push(Finding {
                message: format!("spec.initContainers[{i}]: Forbidden: non-sidecar init containers with a resize policy of RestartContainer cannot be resized"),
                explain: Text::new(
                    "사이드카가 아닌 초기화 컨테이너는 다시 시작하지 않으므로 RestartContainer 정책으로 크기를 조정할 수 없습니다.",
                    "An init container that is not a sidecar is never restarted, so it cannot be resized with a RestartContainer policy.",
                ),
            });
        }
    }
    if without_resizable(live) != without_resizable(patched) {
        out.push(Finding {
            message: "spec: Forbidden: only cpu and memory resources are mutable".into(),
            explain: Text::new(
                "resize 하위 리소스로는 컨테이너(와 파드 수준)의 cpu와 memory 요청·제한, resizePolicy만 바꿀 수 있습니다. 다른 필드는 파드를 다시 만들어야 바뀝니다.",
                "The resize subresource changes only the cpu and memory requests and limits of containers (and of the pod), and resizePolicy. Other fields change only by recreating the pod.",
            ),
        });
    }
    out
}

fn removed_finding(path: &str, what: &str) -> Finding {
    Finding {
        message: format!("{path}: Forbidden: {what}"),
        explain: Text::new(
            "크기 조정으로 이미 있는 requests나 limits를 없앨 수는 없습니다. 값을 바꾸는 것만 됩니다. QoS 클래스와 노드 예약이 그 값에 기대고 있기 때문입니다.",
            "A resize may change requests and limits but not remove them: the QoS class and the node's accounting rely on them.",
        ),
    }
}

/// Containers added, removed, renamed or reordered.
fn ordering(old: &PodSpec, new: &PodSpec) -> Vec<Finding> {
    let mut out = Vec::new();
    let explain = || {
        Text::new(
            "크기 조정으로는 컨테이너를 더하거나 빼거나, 이름이나 순서를 바꿀 수 없습니다. 같은 컨테이너 목록에서 resources만 바꾸세요.",
            "A resize may not add, remove, rename or reorder containers: change only the resources of the same list.",
        )
    };
    for (list, olds, news) in [
        ("containers", &old.containers, &new.containers),
        ("initContainers", &old.init_containers, &new.init_containers),
    ] {
        if olds.len() != news.len() {
            out.push(Finding {
                message: format!("spec.{list}: Forbidden: {list} may not be added or removed on resize"),
                explain: explain(),
            });
            continue;
        }
        for (i, (o, n)) in olds.iter().zip(news).enumerate() {
            if o.name != n.name {
                out.push(Finding {
                    message: format!(
                        "spec.{list}[{i}].name: Forbidden: {list} may not be renamed or reordered on resize"
                    ),
                    explain: explain(),
                });
            }
        }
    }
    out
}

/// `validateContainerResize`: requests and limits may not be removed.
fn container_resize(path: &str, old: &Container, new: &Container) -> Vec<Finding> {
    let empty = ResourceRequirements::default();
    let o = old.resources.as_ref().unwrap_or(&empty);
    let n = new.resources.as_ref().unwrap_or(&empty);
    let mut out = Vec::new();
    if o.requests.keys().any(|k| !n.requests.contains_key(k)) {
        out.push(removed_finding(&format!("{path}.requests"), "resource requests cannot be removed"));
    }
    if o.limits.keys().any(|k| !n.limits.contains_key(k)) {
        out.push(removed_finding(&format!("{path}.limits"), "resource limits cannot be removed"));
    }
    out
}

/// The pod without what a resize may change (status, each container's and
/// the pod's cpu and memory quantities, and `resizePolicy`).
fn without_resizable(pod: &Value) -> Value {
    let mut pod = pod.clone();
    if let Some(m) = pod.as_object_mut() {
        m.remove("status");
    }
    let strip = |r: &mut serde_json::Map<String, Value>| {
        for part in ["requests", "limits"] {
            if let Some(Value::Object(q)) = r.get_mut(part) {
                q.remove("cpu");
                q.remove("memory");
                if q.is_empty() {
                    r.remove(part);
                }
            }
        }
    };
    for list in ["/spec/containers", "/spec/initContainers"] {
        if let Some(Value::Array(cs)) = pod.pointer_mut(list) {
            for c in cs.iter_mut().filter_map(Value::as_object_mut) {
                c.remove("resizePolicy");
                let Some(Value::Object(r)) = c.get_mut("resources") else { continue };
                strip(r);
                if r.is_empty() {
                    c.remove("resources");
                }
            }
        }
    }
    if let Some(Value::Object(spec)) = pod.get_mut("spec") {
        if let Some(Value::Object(r)) = spec.get_mut("resources") {
            strip(r);
            if r.is_empty() {
                spec.remove("resources");
            }
        }
    }
    pod
}
