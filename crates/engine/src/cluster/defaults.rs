//! What the cluster's API server does to a pod before storing it: the
//! request's type and namespace, then the one owner of defaulting and
//! admission ([`crate::defaults`]).

use super::ApiError;
use crate::defaults::PriorityClassValue;
use crate::model::Pod;
use crate::text::Text;

/// Fills in what the request left to the server, then defaults and admits
/// the pod as kube-apiserver does (`default_toleration_seconds` is the
/// `DefaultTolerationSeconds` plugin's setting, 300 upstream; `classes`
/// are the cluster's PriorityClasses). A pod the Priority admission
/// refuses is `Forbidden`.
pub(crate) fn pod(
    p: &mut Pod,
    default_toleration_seconds: i64,
    classes: &[PriorityClassValue],
) -> Result<(), ApiError> {
    if p.api_version.is_empty() {
        p.api_version = "v1".into();
    }
    if p.kind.is_empty() {
        p.kind = "Pod".into();
    }
    if p.metadata.namespace.is_empty() {
        p.metadata.namespace = "default".into();
    }
    crate::defaults::default_pod(p);
    crate::defaults::admit_pod(p, default_toleration_seconds, classes).map_err(|e| forbidden(&pod_name(p), &e))
}

/// The name an admission error names: the pod's, or its `generateName`.
pub(crate) fn pod_name(p: &Pod) -> String {
    if p.metadata.name.is_empty() {
        p.metadata.generate_name.clone()
    } else {
        p.metadata.name.clone()
    }
}

/// `pods "NAME" is forbidden: REASON` (`admission.NewForbidden`), explained.
pub(crate) fn forbidden(name: &str, reason: &str) -> ApiError {
    let explain = if reason.starts_with("no PriorityClass") {
        Text::new(
            "priorityClassName에 쓴 PriorityClass가 클러스터에 없습니다. `kubectl get priorityclasses`로 있는 클래스를 확인하거나, 먼저 `kubectl create priorityclass 이름 --value=1000`으로 만드세요.",
            "The PriorityClass named in priorityClassName does not exist in the cluster. List the classes with `kubectl get priorityclasses`, or create one first with `kubectl create priorityclass NAME --value=1000`.",
        )
    } else {
        Text::new(
            "priority와 preemptionPolicy는 Priority 어드미션 컨트롤러가 priorityClassName에서 채웁니다. 파드에 직접 쓰지 말고 priorityClassName만 쓰세요.",
            "The Priority admission controller fills priority and preemptionPolicy from priorityClassName. Leave them out of the pod and set only priorityClassName.",
        )
    };
    ApiError::forbidden(format!("pods \"{name}\" is forbidden: {reason}"), explain)
}
