//! The API server's checks of a write to a pod's `resize` subresource:
//! only the containers' cpu and memory (and `resizePolicy`) may change, and
//! not so that the pod's QoS class changes. Follows
//! `pkg/registry/core/pod/strategy.go` (`podResizeStrategy`) and
//! `pkg/apis/core/validation/validation.go` (`ValidatePodResize`).

use serde_json::Value;

use crate::kubectl::backend::{Backend, StatusError};
use crate::model::{PodSpec, ResourceRequirements};
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
    if without_resizable(live) != without_resizable(patched) {
        return Err(invalid(
            name,
            "spec: Forbidden: only cpu and memory resources are mutable",
            Text::new(
                "resize 하위 리소스로는 컨테이너의 cpu와 memory 요청·제한만 바꿀 수 있습니다. 다른 필드는 파드를 다시 만들어야 바뀝니다.",
                "The resize subresource changes only the containers' cpu and memory requests and limits. Other fields change only by recreating the pod.",
            ),
        ));
    }
    let spec_of = |v: &Value| -> PodSpec {
        v.get("spec").cloned().and_then(|s| serde_json::from_value(s).ok()).unwrap_or_default()
    };
    let (old, new) = (spec_of(live), spec_of(patched));
    let (old_qos, new_qos) = (crate::validate::qos_class(&old), crate::validate::qos_class(&new));
    if old_qos != new_qos {
        return Err(invalid(
            name,
            &format!("spec: Invalid value: \"{new_qos}\": Pod QOS Class may not change as a result of resizing"),
            Text::new(
                format!("이 크기 조정은 파드의 QoS 클래스를 {old_qos}에서 {new_qos}(으)로 바꿉니다. 크기를 조정해도 QoS 클래스는 그대로여야 합니다."),
                format!("This resize would move the pod from QoS class {old_qos} to {new_qos}; a resize must keep the class."),
            ),
        ));
    }
    let resources: Vec<(String, Option<ResourceRequirements>)> =
        new.containers.iter().map(|c| (c.name.clone(), c.resources.clone())).collect();
    if dry {
        return Ok(old != new);
    }
    b.resize_pod(ns, name, &resources)
}

fn invalid(name: &str, detail: &str, explain: Text) -> StatusError {
    StatusError {
        explain: Some(explain),
        ..StatusError::new("Invalid", format!("The Pod \"{name}\" is invalid: {detail}"))
    }
}

/// The pod without what a resize may change (status, and each container's
/// cpu and memory quantities and `resizePolicy`).
fn without_resizable(pod: &Value) -> Value {
    let mut pod = pod.clone();
    if let Some(m) = pod.as_object_mut() {
        m.remove("status");
    }
    if let Some(Value::Array(cs)) = pod.pointer_mut("/spec/containers") {
        for c in cs.iter_mut().filter_map(Value::as_object_mut) {
            c.remove("resizePolicy");
            let Some(Value::Object(r)) = c.get_mut("resources") else { continue };
            for part in ["requests", "limits"] {
                if let Some(Value::Object(q)) = r.get_mut(part) {
                    q.remove("cpu");
                    q.remove("memory");
                    if q.is_empty() {
                        r.remove(part);
                    }
                }
            }
            if r.is_empty() {
                c.remove("resources");
            }
        }
    }
    pod
}
