//! Defaulting as kube-apiserver applies it on create, and the pod's QoS
//! class.
//!
//! Follows `pkg/apis/core/v1/defaults.go` (`SetDefaults_Pod`,
//! `SetDefaults_PodSpec`, `SetDefaults_Container`, `SetDefaults_Probe`, …)
//! and `pkg/apis/core/helper/qos/qos.go` (`GetPodQOS`).

use crate::model::{Container, Pod, PodSpec, PodStatus, Probe};
use crate::quantity::Quantity;

/// Applies the pod defaults, and sets `status.qosClass` as the apiserver does.
pub fn default_pod(pod: &mut Pod) {
    default_pod_spec(&mut pod.spec);
    let qos = qos_class(&pod.spec);
    pod.status.get_or_insert_with(PodStatus::default).qos_class = Some(qos.to_string());
}

/// Applies the defaults of a pod spec (also used for pod templates).
pub fn default_pod_spec(spec: &mut PodSpec) {
    spec.restart_policy.get_or_insert_with(|| "Always".into());
    spec.dns_policy.get_or_insert_with(|| "ClusterFirst".into());
    spec.termination_grace_period_seconds.get_or_insert(30);
    spec.scheduler_name.get_or_insert_with(|| "default-scheduler".into());
    let host_network = spec.host_network.unwrap_or(false);
    for c in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
        default_container(c, host_network);
    }
}

/// The tag an image reference names, if any (a digest counts as pinned).
pub fn image_tag(image: &str) -> Option<&str> {
    if image.contains('@') {
        return Some("@digest");
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split_once(':').map(|(_, t)| t)
}

fn default_container(c: &mut Container, host_network: bool) {
    if c.image_pull_policy.is_none() {
        let tag = c.image.as_deref().and_then(image_tag);
        let policy = if matches!(tag, None | Some("latest")) { "Always" } else { "IfNotPresent" };
        c.image_pull_policy = Some(policy.into());
    }
    c.termination_message_path.get_or_insert_with(|| "/dev/termination-log".into());
    c.termination_message_policy.get_or_insert_with(|| "File".into());
    for p in &mut c.ports {
        p.protocol.get_or_insert_with(|| "TCP".into());
        if host_network && p.host_port.is_none() {
            p.host_port = Some(p.container_port);
        }
    }
    // Requests default to limits, per resource (SetDefaults_Pod).
    if let Some(r) = &mut c.resources {
        for (name, limit) in &r.limits {
            if !r.requests.contains_key(name) {
                r.requests.insert(name.clone(), limit.clone());
            }
        }
    }
    for probe in [&mut c.liveness_probe, &mut c.readiness_probe, &mut c.startup_probe].into_iter().flatten() {
        default_probe(probe);
    }
}

fn default_probe(p: &mut Probe) {
    p.timeout_seconds.get_or_insert(1);
    p.period_seconds.get_or_insert(10);
    p.success_threshold.get_or_insert(1);
    p.failure_threshold.get_or_insert(3);
    if let Some(h) = &mut p.http_get {
        h.path.get_or_insert_with(|| "/".into());
        h.scheme.get_or_insert_with(|| "HTTP".into());
    }
}

/// The QoS class of a pod: `Guaranteed`, `Burstable` or `BestEffort`.
///
/// Only CPU and memory count; init containers count too. Call it on a
/// defaulted spec (requests filled in from limits).
pub fn qos_class(spec: &PodSpec) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(src: &str) -> PodSpec {
        let mut s: PodSpec = crate::yaml::from_str(src).unwrap();
        default_pod_spec(&mut s);
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
        ];
        for (src, want) in table {
            assert_eq!(qos_class(&spec(src)), want, "{src}");
        }
    }

    #[test]
    fn image_pull_policy_follows_the_tag() {
        let s = spec("containers: [{name: a, image: nginx}, {name: b, image: nginx:1.27}, {name: c, image: 'r.io/x:latest'}, {name: d, image: 'localhost:5000/x'}]");
        let got: Vec<_> = s.containers.iter().map(|c| c.image_pull_policy.clone().unwrap()).collect();
        assert_eq!(got, ["Always", "IfNotPresent", "Always", "Always"]);
    }
}
