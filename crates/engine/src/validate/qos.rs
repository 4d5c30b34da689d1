//! The QoS class of a pod, which the API server records in
//! `status.qosClass` when it creates the pod.
//!
//! Follows `pkg/apis/core/helper/qos/qos.go` (`GetPodQOS`).

use std::collections::BTreeMap;

use crate::model::PodSpec;
use crate::quantity::Quantity;

/// The QoS class of a pod: `Guaranteed`, `Burstable` or `BestEffort`.
///
/// Only CPU and memory count; init containers count too. Call it on a
/// defaulted spec (requests filled in from limits).
pub fn qos_class(spec: &PodSpec) -> &'static str {
    if let Some(r) = spec.resources.as_ref().filter(|r| !r.requests.is_empty() || !r.limits.is_empty()) {
        return pod_level_qos(&r.requests, &r.limits);
    }
    let mut any = false;
    let mut guaranteed = true;
    for c in spec.init_containers.iter().chain(spec.containers.iter()) {
        let (requests, limits) = match &c.resources {
            Some(r) => (&r.requests, &r.limits),
            None => {
                guaranteed = false;
                continue;
            }
        };
        let nonzero = |v: &String| Quantity::parse(v).map(|q| !q.is_zero()).unwrap_or(false);
        for name in ["cpu", "memory"] {
            // A missing request is the limit, as defaulting makes it; so the
            // class is the same before and after defaulting.
            let req = requests.get(name).or(limits.get(name)).filter(|v| nonzero(v));
            let lim = limits.get(name).filter(|v| nonzero(v));
            if req.is_some() || lim.is_some() {
                any = true;
            }
            match (req, lim) {
                (Some(r), Some(l)) => {
                    let equal = match (Quantity::parse(r), Quantity::parse(l)) {
                        (Ok(r), Ok(l)) => r.cmp_value(&l) == std::cmp::Ordering::Equal,
                        _ => false,
                    };
                    if !equal {
                        guaranteed = false;
                    }
                }
                _ => guaranteed = false,
            }
        }
    }
    if !any {
        "BestEffort"
    } else if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// The class from pod-level resources, which decide it alone when set
/// (`ComputePodQOS` with `PodLevelResources`): Guaranteed needs cpu and
/// memory limits, each equal to its request.
fn pod_level_qos(requests: &BTreeMap<String, String>, limits: &BTreeMap<String, String>) -> &'static str {
    let positive = |map: &BTreeMap<String, String>| -> BTreeMap<&'static str, Quantity> {
        ["cpu", "memory"]
            .into_iter()
            .filter_map(|n| {
                let q = Quantity::parse(map.get(n)?).ok()?;
                (!q.is_zero() && !q.is_negative()).then_some((n, q))
            })
            .collect()
    };
    // A missing request is the limit, as defaulting makes it.
    let mut reqs = positive(requests);
    let lims = positive(limits);
    for (n, q) in &lims {
        if !requests.contains_key(*n) {
            reqs.insert(n, *q);
        }
    }
    if reqs.is_empty() && lims.is_empty() {
        return "BestEffort";
    }
    let guaranteed = lims.len() == 2
        && reqs.len() == lims.len()
        && reqs.iter().all(|(n, r)| lims.get(n).is_some_and(|l| l.cmp_value(r) == std::cmp::Ordering::Equal));
    if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(src: &str) -> PodSpec {
        let mut s: PodSpec = crate::yaml::from_str(src).unwrap();
        crate::defaults::default_pod_spec(&mut s);
        s
    }

    #[test]
    fn qos_classes() {
        let table = [
            ("containers: [{name: a, image: x}]", "BestEffort"),
            ("containers: [{name: a, image: x, resources: {limits: {cpu: 1, memory: 1Gi}}}]", "Guaranteed"),
            ("containers: [{name: a, image: x, resources: {requests: {cpu: 1000m, memory: 1Gi}, limits: {cpu: 1, memory: 1024Mi}}}]", "Guaranteed"),
            ("containers: [{name: a, image: x, resources: {requests: {cpu: 100m}}}]", "Burstable"),
            ("containers: [{name: a, image: x, resources: {limits: {cpu: 1, memory: 1Gi}}}, {name: b, image: z}]", "Burstable"),
            ("resources: {limits: {cpu: 1, memory: 1Gi}}\ncontainers: [{name: a, image: x}, {name: b, image: z}]", "Guaranteed"),
            ("resources: {limits: {memory: 1Gi}}\ncontainers: [{name: a, image: x, resources: {limits: {cpu: 1, memory: 1Gi}}}]", "Burstable"),
            ("resources: {requests: {cpu: 1}, limits: {cpu: 2, memory: 1Gi}}\ncontainers: [{name: a, image: x}]", "Burstable"),
        ];
        for (src, want) in table {
            assert_eq!(qos_class(&spec(src)), want, "{src}");
        }
    }
}
