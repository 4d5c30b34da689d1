//! Resources as in-place resize and pod-level resources see them: the
//! defaults the API server fills in (`resizePolicy`, pod-level requests),
//! and small quantity helpers shared by validation, QoS, the scheduler and
//! the kubelet.
//!
//! Defaulting follows `pkg/apis/core/v1/defaults.go` (`setDefaultResizePolicy`
//! and `defaultPodRequests`, both called from `SetDefaults_Pod`, so pod
//! templates do not get them).

use std::collections::BTreeMap;

use crate::model::{Container, ContainerResizePolicy, PodSpec};
use crate::quantity::Quantity;

/// The resources a pod may name at pod level (`supportedPodLevelResources`
/// in `pkg/apis/core/validation`), besides `hugepages-*`.
pub(crate) const POD_LEVEL_RESOURCES: [&str; 2] = ["cpu", "memory"];

/// Whether `name` may be set in `spec.resources`.
pub(crate) fn pod_level_supported(name: &str) -> bool {
    POD_LEVEL_RESOURCES.contains(&name) || name.starts_with("hugepages-")
}

/// Applies the pod-only defaults of in-place resize and pod-level resources.
pub(crate) fn default_pod(spec: &mut PodSpec) {
    for c in &mut spec.containers {
        default_resize_policy(c);
    }
    for c in spec.init_containers.iter_mut().filter(|c| c.restart_policy.as_deref() == Some("Always")) {
        default_resize_policy(c);
    }
    default_pod_requests(spec);
}

/// `setDefaultResizePolicy`: a container that sets cpu (or memory) requests
/// or limits gets `NotRequired` for that resource unless it names one.
fn default_resize_policy(c: &mut Container) {
    let Some(r) = &c.resources else { return };
    let mut add = Vec::new();
    for name in ["cpu", "memory"] {
        let set = r.requests.contains_key(name) || r.limits.contains_key(name);
        if set && !c.resize_policy.iter().any(|p| p.resource_name == name) {
            add.push(ContainerResizePolicy { resource_name: name.into(), restart_policy: "NotRequired".into() });
        }
    }
    c.resize_policy.extend(add);
}

/// `defaultPodRequests`: with pod-level limits set, a missing pod-level
/// request is the containers' aggregate request (cpu and memory) or, when no
/// container requests it, the pod-level limit.
fn default_pod_requests(spec: &mut PodSpec) {
    let aggregate = aggregate_container_requests(spec);
    let Some(r) = &mut spec.resources else { return };
    if r.limits.is_empty() {
        return;
    }
    for (name, total) in aggregate {
        if POD_LEVEL_RESOURCES.contains(&name.as_str()) && !r.requests.contains_key(&name) {
            r.requests.insert(name, total);
        }
    }
    for (name, limit) in &r.limits {
        if pod_level_supported(name) && !r.requests.contains_key(name) {
            r.requests.insert(name.clone(), limit.clone());
        }
    }
}

/// The containers' effective cpu and memory requests, as quantities
/// (`AggregateContainerRequests`: the sum of regular containers and
/// sidecars, or the largest init step, whichever is larger).
pub(crate) fn aggregate_container_requests(spec: &PodSpec) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for name in POD_LEVEL_RESOURCES {
        let get = |c: &Container| -> Option<i64> {
            let v = c.resources.as_ref()?.requests.get(name)?;
            Quantity::parse(v).ok().map(|q| amount(name, &q))
        };
        let mut any = false;
        let mut sum = 0i64;
        let mut sidecars = 0i64;
        let mut init_max = 0i64;
        for c in &spec.containers {
            if let Some(v) = get(c) {
                any = true;
                sum = sum.saturating_add(v);
            }
        }
        for c in &spec.init_containers {
            let v = get(c);
            any |= v.is_some();
            let v = v.unwrap_or(0);
            if c.restart_policy.as_deref() == Some("Always") {
                sum = sum.saturating_add(v);
                sidecars = sidecars.saturating_add(v);
                init_max = init_max.max(sidecars);
            } else {
                init_max = init_max.max(v.saturating_add(sidecars));
            }
        }
        if any {
            out.insert(name.to_string(), quantity_string(name, sum.max(init_max)));
        }
    }
    out
}

/// A quantity as the kubelet and scheduler count it: millicores for cpu,
/// bytes otherwise.
pub(crate) fn amount(name: &str, q: &Quantity) -> i64 {
    if name == "cpu" {
        q.milli_value()
    } else {
        q.value()
    }
}

/// The canonical quantity of an amount from [`amount`].
pub(crate) fn quantity_string(name: &str, v: i64) -> String {
    let text = if name == "cpu" {
        format!("{v}m")
    } else if v % 1024 == 0 {
        format!("{}Ki", v / 1024)
    } else {
        v.to_string()
    };
    Quantity::parse(&text).map(|q| q.canonical()).unwrap_or(text)
}

/// The amount of `name` in a requests or limits map, if set and parsable.
pub(crate) fn amount_in(map: &BTreeMap<String, String>, name: &str) -> Option<i64> {
    map.get(name).and_then(|v| Quantity::parse(v).ok()).map(|q| amount(name, &q))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(src: &str) -> PodSpec {
        let mut s: PodSpec = crate::yaml::from_str(src).unwrap();
        crate::defaults::default_pod_only_fields(&mut s);
        default_pod(&mut s);
        s
    }

    #[test]
    fn resize_policy_defaults_only_for_resources_set() {
        let s = spec("containers: [{name: a, image: x, resources: {limits: {memory: 1Gi}}}, {name: b, image: x}]");
        let names: Vec<&str> = s.containers[0].resize_policy.iter().map(|p| p.resource_name.as_str()).collect();
        assert_eq!(names, ["memory"]);
        assert!(s.containers[1].resize_policy.is_empty());
        let s = spec(
            "containers: [{name: a, image: x, resources: {requests: {cpu: 1, memory: 1Gi}}, resizePolicy: [{resourceName: memory, restartPolicy: RestartContainer}]}]",
        );
        let got: Vec<(&str, &str)> = s.containers[0]
            .resize_policy
            .iter()
            .map(|p| (p.resource_name.as_str(), p.restart_policy.as_str()))
            .collect();
        assert_eq!(got, [("memory", "RestartContainer"), ("cpu", "NotRequired")]);
    }

    #[test]
    fn pod_requests_default_from_containers_then_limits() {
        let s = spec(
            "resources: {limits: {cpu: 2, memory: 1Gi}}\ncontainers: [{name: a, image: x, resources: {requests: {cpu: 100m}}}, {name: b, image: x, resources: {requests: {cpu: 200m}}}]",
        );
        let r = s.resources.unwrap();
        assert_eq!(r.requests.get("cpu").map(String::as_str), Some("300m"));
        assert_eq!(r.requests.get("memory").map(String::as_str), Some("1Gi"));
    }
}
