//! What the API server fills in when a pod is created: the v1 defaulting
//! functions, then the admission plugins that mutate every pod.
//!
//! Defaulting follows `pkg/apis/core/v1/defaults.go` (`SetDefaults_Pod`,
//! `SetDefaults_PodSpec`, `SetDefaults_Container`, `SetDefaults_Probe`,
//! `SetDefaults_HTTPGetAction`, `defaultHostNetworkPorts`) and the
//! declarative defaults of `zz_generated.defaults.go` (a port's `protocol`
//! is `TCP`). A pod template gets only what a `PodSpec` gets
//! ([`default_pod_spec`]); requests copied from limits and host ports under
//! `hostNetwork` are for pods alone ([`default_pod_only_fields`]), as
//! upstream keeps them.
//!
//! Admission ([`admit_pod`]) follows the plugins `ServiceAccount`
//! (`plugin/pkg/admission/serviceaccount`), `Priority`
//! (`plugin/pkg/admission/priority`) and `DefaultTolerationSeconds`
//! (`plugin/pkg/admission/defaulttolerationseconds`).

use crate::image_ref::ImageRef;
use crate::model::{Container, Pod, PodSpec, Probe, Toleration, Volume, VolumeMount};

/// The annotation a mirror pod carries (`kubetypes.ConfigMirrorAnnotationKey`).
const MIRROR_POD_ANNOTATION: &str = "kubernetes.io/config.mirror";

/// Applies the defaults of a pod: everything [`default_pod_spec`] does, then
/// requests defaulted to limits and, under `hostNetwork`, each container
/// port's `hostPort` defaulted to its `containerPort` (`SetDefaults_Pod`).
pub fn default_pod(pod: &mut Pod) {
    default_pod_spec(&mut pod.spec);
    default_pod_only_fields(&mut pod.spec);
    // `SetDefaults_Pod`: only pods, not templates, get `enableServiceLinks`.
    pod.spec.enable_service_links.get_or_insert(true);
    crate::pod_resources::default_pod(&mut pod.spec);
}

/// The part of [`default_pod`] upstream keeps for pods: requests defaulted
/// to limits, and host ports under `hostNetwork`. The validator also
/// applies it to the pod templates it returns (as it always has, and as
/// `kubectl get -o yaml` of a workload shows here); upstream leaves a
/// template's requests and host ports to the pods made from it.
pub fn default_pod_only_fields(spec: &mut PodSpec) {
    let host_network = spec.host_network == Some(true);
    for c in spec.containers.iter_mut().chain(spec.init_containers.iter_mut()) {
        // Requests default to limits, per resource.
        if let Some(r) = &mut c.resources {
            for (name, limit) in &r.limits {
                if !r.requests.contains_key(name) {
                    r.requests.insert(name.clone(), limit.clone());
                }
            }
        }
        if host_network {
            for p in &mut c.ports {
                if p.host_port.is_none_or(|h| h == 0) {
                    p.host_port = Some(p.container_port);
                }
            }
        }
    }
}

/// Applies the defaults of a pod spec, also a pod template's
/// (`SetDefaults_PodSpec` and the defaults of what it holds).
pub fn default_pod_spec(spec: &mut PodSpec) {
    spec.dns_policy.get_or_insert_with(|| "ClusterFirst".into());
    spec.restart_policy.get_or_insert_with(|| "Always".into());
    spec.termination_grace_period_seconds.get_or_insert(30);
    spec.scheduler_name.get_or_insert_with(|| "default-scheduler".into());
    // `SetDefaults_PodSpec`: an absent security context is an empty one.
    spec.security_context.get_or_insert_with(|| serde_json::json!({}));
    for c in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
        default_container(c);
    }
    // SetDefaults_ImageVolumeSource: the pull policy follows the tag as a
    // container's does.
    for img in spec.volumes.iter_mut().filter_map(|v| v.image.as_mut()) {
        if img.pull_policy.is_none() {
            img.pull_policy = Some(image_pull_policy(img.reference.as_deref().unwrap_or("")).into());
        }
    }
}

/// `imagePullPolicy`'s default for an image: `Always` when the tag pulled
/// is `latest` (written, or implied by neither tag nor digest), else
/// `IfNotPresent`, also for a reference that does not parse
/// (`SetDefaults_Container` through `parsers.ParseImageName`).
pub fn image_pull_policy(image: &str) -> &'static str {
    match ImageRef::parse(image) {
        Ok(r) if r.effective_tag() == Some("latest") => "Always",
        _ => "IfNotPresent",
    }
}

fn default_container(c: &mut Container) {
    if c.image_pull_policy.is_none() {
        c.image_pull_policy = Some(image_pull_policy(c.image.as_deref().unwrap_or("")).into());
    }
    // `resources` is a struct, not a pointer, in core/v1 `Container`: the
    // API always returns it, `{}` when nothing is set.
    c.resources.get_or_insert_with(Default::default);
    c.termination_message_path.get_or_insert_with(|| "/dev/termination-log".into());
    c.termination_message_policy.get_or_insert_with(|| "File".into());
    for p in &mut c.ports {
        p.protocol.get_or_insert_with(|| "TCP".into());
    }
    for probe in [&mut c.liveness_probe, &mut c.readiness_probe, &mut c.startup_probe].into_iter().flatten() {
        default_probe(probe);
    }
    // `SetDefaults_HTTPGetAction` covers lifecycle hooks' httpGet as well.
    if let Some(l) = &mut c.lifecycle {
        for h in [&mut l.post_start, &mut l.pre_stop].into_iter().flatten() {
            if let Some(g) = &mut h.http_get {
                g.path.get_or_insert_with(|| "/".into());
                g.scheme.get_or_insert_with(|| "HTTP".into());
            }
        }
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

/// A PriorityClass as the Priority admission reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityClassValue {
    pub name: String,
    pub value: i32,
    pub global_default: bool,
    /// `PreemptLowerPriority` (the default) or `Never`.
    pub preemption_policy: String,
}

/// The mutating admission every created pod goes through, after
/// defaulting: `serviceAccountName: default` (not on mirror pods, which
/// the ServiceAccount plugin leaves alone), `priority` and
/// `preemptionPolicy` from the pod's PriorityClass among `classes` (see
/// [`admit_priority`]), and tolerations of the `not-ready` and
/// `unreachable` NoExecute taints for `toleration_seconds` (300 in
/// kube-apiserver) unless the pod already tolerates them.
///
/// `Err` is the reason the Priority admission forbids the pod (the text
/// after `pods "NAME" is forbidden: `).
pub fn admit_pod(pod: &mut Pod, toleration_seconds: i64, classes: &[PriorityClassValue]) -> Result<(), String> {
    let mirror = pod.metadata.annotations.contains_key(MIRROR_POD_ANNOTATION);
    let spec = &mut pod.spec;
    // The v1 conversion reads the deprecated `serviceAccount` when the name
    // is empty (`Convert_v1_PodSpec_To_core_PodSpec`).
    if spec.service_account_name.as_deref().is_none_or(str::is_empty) {
        spec.service_account_name = spec.service_account.clone().filter(|s| !s.is_empty());
    }
    if !mirror && spec.service_account_name.as_deref().is_none_or(str::is_empty) {
        spec.service_account_name = Some("default".into());
    }
    // ...and writes the name back into it (`Convert_core_PodSpec_To_v1_PodSpec`).
    spec.service_account = spec.service_account_name.clone();
    for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
        let tolerated = spec.tolerations.iter().any(|t| {
            t.key.as_deref().is_none_or(|k| k.is_empty() || k == key)
                && t.effect.as_deref().is_none_or(|e| e.is_empty() || e == "NoExecute")
        });
        if !tolerated {
            spec.tolerations.push(Toleration {
                key: Some(key.into()),
                operator: Some("Exists".into()),
                value: None,
                effect: Some("NoExecute".into()),
                toleration_seconds: Some(toleration_seconds),
            });
        }
    }
    admit_priority(spec, classes)
}

/// The Priority admission of a created pod (`admitPod` in
/// `plugin/pkg/admission/priority/admission.go`): a named class gives the
/// pod its value and preemption policy; without a name the global default
/// class does (and names itself in `priorityClassName`), or priority 0 and
/// `PreemptLowerPriority` when there is none. A class that does not exist,
/// or a `priority` or `preemptionPolicy` written in the pod that differs
/// from the class's, is forbidden.
pub fn admit_priority(spec: &mut PodSpec, classes: &[PriorityClassValue]) -> Result<(), String> {
    let (value, policy) = match spec.priority_class_name.as_deref().filter(|n| !n.is_empty()) {
        Some(name) => match classes.iter().find(|c| c.name == name) {
            Some(c) => (c.value, c.preemption_policy.clone()),
            None => return Err(format!("no PriorityClass with name {name} was found")),
        },
        // `getDefaultPriorityClass`: the lowest-valued global default wins.
        None => match classes.iter().filter(|c| c.global_default).min_by_key(|c| c.value) {
            Some(c) => {
                spec.priority_class_name = Some(c.name.clone());
                (c.value, c.preemption_policy.clone())
            }
            None => (0, "PreemptLowerPriority".to_string()),
        },
    };
    if let Some(given) = spec.priority.filter(|p| *p != value) {
        return Err(format!(
            "the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {value} from the given PriorityClass name"
        ));
    }
    spec.priority = Some(value);
    if let Some(given) = spec.preemption_policy.as_deref().filter(|p| *p != policy) {
        return Err(format!(
            "the string value of PreemptionPolicy ({given}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name"
        ));
    }
    spec.preemption_policy = Some(policy);
    Ok(())
}

/// Where the ServiceAccount admission mounts the API token
/// (`DefaultAPITokenMountPath`).
pub const SERVICE_ACCOUNT_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// The prefix of the token volume's name (`ServiceAccountVolumeName` + `-`).
pub const SERVICE_ACCOUNT_VOLUME_PREFIX: &str = "kube-api-access-";

/// The ServiceAccount admission's token volume on a new pod: a projected
/// volume of a bound token (3607 s), the cluster's CA (`kube-root-ca.crt`)
/// and the namespace, mounted read-only at [`SERVICE_ACCOUNT_MOUNT_PATH`]
/// in every container and init container that has nothing mounted there.
/// Nothing for a mirror pod, or when `automount` (the pod's
/// `automountServiceAccountToken`, else its ServiceAccount's) is false. An
/// existing `kube-api-access-*` volume is reused; `suffix` gives a new
/// name's five random characters. Follows
/// plugin/pkg/admission/serviceaccount/admission.go (`mountServiceAccountToken`,
/// `TokenVolumeSource`).
pub fn mount_service_account_token(pod: &mut Pod, sa_automount: bool, suffix: impl FnOnce() -> String) {
    if pod.metadata.annotations.contains_key(MIRROR_POD_ANNOTATION) {
        return;
    }
    let spec = &mut pod.spec;
    if !spec.automount_service_account_token.unwrap_or(sa_automount) {
        return;
    }
    let existing =
        spec.volumes.iter().find(|v| v.name.starts_with(SERVICE_ACCOUNT_VOLUME_PREFIX)).map(|v| v.name.clone());
    let has_volume = existing.is_some();
    let name = existing.unwrap_or_else(|| format!("{SERVICE_ACCOUNT_VOLUME_PREFIX}{}", suffix()));
    let mut needed = false;
    for c in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
        if c.volume_mounts.iter().any(|m| m.mount_path == SERVICE_ACCOUNT_MOUNT_PATH) {
            continue;
        }
        c.volume_mounts.push(VolumeMount {
            name: name.clone(),
            mount_path: SERVICE_ACCOUNT_MOUNT_PATH.into(),
            read_only: Some(true),
            ..Default::default()
        });
        needed = true;
    }
    if needed && !has_volume {
        spec.volumes.push(Volume {
            name,
            projected: Some(serde_json::json!({
                "defaultMode": 420,
                "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                    {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}
                ]
            })),
            ..Default::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(spec: &str) -> Pod {
        let mut p: Pod =
            crate::yaml::from_str(&format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec: {spec}\n"))
                .unwrap();
        default_pod(&mut p);
        p
    }

    fn system_classes() -> Vec<PriorityClassValue> {
        [("system-node-critical", 2_000_001_000), ("system-cluster-critical", 2_000_000_000)]
            .map(|(name, value)| PriorityClassValue {
                name: name.into(),
                value,
                global_default: false,
                preemption_policy: "PreemptLowerPriority".into(),
            })
            .to_vec()
    }

    fn admitted(spec: &str) -> Pod {
        let mut p = pod(spec);
        admit_pod(&mut p, 300, &system_classes()).unwrap();
        p
    }

    #[test]
    fn pod_spec_defaults() {
        let p = pod("{containers: [{name: a, image: nginx:1.27, ports: [{containerPort: 80}]}]}");
        let s = &p.spec;
        assert_eq!(s.restart_policy.as_deref(), Some("Always"));
        assert_eq!(s.dns_policy.as_deref(), Some("ClusterFirst"));
        assert_eq!(s.termination_grace_period_seconds, Some(30));
        assert_eq!(s.scheduler_name.as_deref(), Some("default-scheduler"));
        let c = &s.containers[0];
        assert_eq!(c.termination_message_path.as_deref(), Some("/dev/termination-log"));
        assert_eq!(c.termination_message_policy.as_deref(), Some("File"));
        assert_eq!(c.ports[0].protocol.as_deref(), Some("TCP"));
        assert_eq!(c.ports[0].host_port, None);
    }

    #[test]
    fn image_pull_policy_follows_the_tag() {
        let sha = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        for (image, want) in [
            ("nginx", "Always"),
            ("nginx:latest", "Always"),
            ("nginx:1.27", "IfNotPresent"),
            ("r.io/x:latest", "Always"),
            ("localhost:5000/x", "Always"),
            ("localhost:5000/x:v1", "IfNotPresent"),
            (&format!("nginx@{sha}"), "IfNotPresent"),
            // A written tag counts even beside a digest (the cluster's and
            // the kubelet's copies said IfNotPresent).
            (&format!("nginx:latest@{sha}"), "Always"),
            // A reference that does not parse has no tag (the copies said Always).
            ("Nginx", "IfNotPresent"),
            ("", "IfNotPresent"),
        ] {
            assert_eq!(image_pull_policy(image), want, "{image}");
        }
    }

    // The cluster's copy left probes as written.
    #[test]
    fn probes_get_their_defaults() {
        let p = pod("{containers: [{name: a, image: x:1, livenessProbe: {httpGet: {port: 80}}, readinessProbe: {exec: {command: [cat]}, periodSeconds: 5}}]}");
        let c = &p.spec.containers[0];
        let live = c.liveness_probe.as_ref().unwrap();
        assert_eq!(
            (live.timeout_seconds, live.period_seconds, live.success_threshold, live.failure_threshold),
            (Some(1), Some(10), Some(1), Some(3))
        );
        let get = live.http_get.as_ref().unwrap();
        assert_eq!((get.path.as_deref(), get.scheme.as_deref()), (Some("/"), Some("HTTP")));
        assert_eq!(c.readiness_probe.as_ref().unwrap().period_seconds, Some(5));
    }

    // The cluster's copy did not copy container ports to host ports.
    #[test]
    fn host_network_ports_become_host_ports() {
        let p = pod("{hostNetwork: true, initContainers: [{name: i, image: x:1, ports: [{containerPort: 9000}]}], containers: [{name: a, image: x:1, ports: [{containerPort: 8080}, {containerPort: 81, hostPort: 81}]}]}");
        let ports: Vec<_> = p.spec.containers[0].ports.iter().map(|p| p.host_port).collect();
        assert_eq!(ports, [Some(8080), Some(81)]);
        assert_eq!(p.spec.init_containers[0].ports[0].host_port, Some(9000));
    }

    // The validator's copy defaulted requests and host ports in templates too.
    #[test]
    fn templates_get_only_the_pod_spec_defaults() {
        let mut spec: PodSpec = crate::yaml::from_str("{hostNetwork: true, containers: [{name: a, image: x:1, ports: [{containerPort: 80}], resources: {limits: {cpu: 1}}}]}").unwrap();
        default_pod_spec(&mut spec);
        let c = &spec.containers[0];
        assert!(c.resources.as_ref().unwrap().requests.is_empty());
        assert_eq!(c.ports[0].host_port, None);
        assert_eq!(c.image_pull_policy.as_deref(), Some("IfNotPresent"));
    }

    #[test]
    fn requests_default_to_limits_in_pods() {
        let p = pod(
            "{containers: [{name: a, image: x:1, resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 100m}}}]}",
        );
        let r = p.spec.containers[0].resources.as_ref().unwrap();
        assert_eq!(
            (r.requests.get("cpu").map(String::as_str), r.requests.get("memory").map(String::as_str)),
            (Some("100m"), Some("1Gi"))
        );
    }

    // The validator's copy did no admission.
    #[test]
    fn admission_fills_service_account_priority_and_tolerations() {
        let p = admitted("{containers: [{name: a, image: x:1}]}");
        assert_eq!(p.spec.service_account_name.as_deref(), Some("default"));
        assert_eq!(p.spec.priority, Some(0));
        let keys: Vec<_> = p
            .spec
            .tolerations
            .iter()
            .map(|t| (t.key.as_deref(), t.operator.as_deref(), t.effect.as_deref(), t.toleration_seconds))
            .collect();
        assert_eq!(
            keys,
            [
                (Some("node.kubernetes.io/not-ready"), Some("Exists"), Some("NoExecute"), Some(300)),
                (Some("node.kubernetes.io/unreachable"), Some("Exists"), Some("NoExecute"), Some(300)),
            ]
        );
        let critical = admitted(
            "{priorityClassName: system-node-critical, serviceAccountName: robot, containers: [{name: a, image: x:1}]}",
        );
        assert_eq!(
            (critical.spec.priority, critical.spec.service_account_name.as_deref()),
            (Some(2_000_001_000), Some("robot"))
        );
    }

    // The cluster's copy only counted a key-less toleration with `operator: Exists`
    // and added its own beside an empty key.
    #[test]
    fn existing_tolerations_are_respected() {
        let own = admitted("{tolerations: [{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 5}], containers: [{name: a, image: x:1}]}");
        let keys: Vec<_> =
            own.spec.tolerations.iter().map(|t| (t.key.clone().unwrap_or_default(), t.toleration_seconds)).collect();
        assert_eq!(
            keys,
            [
                ("node.kubernetes.io/unreachable".to_string(), Some(5)),
                ("node.kubernetes.io/not-ready".to_string(), Some(300))
            ]
        );
        for all in ["{operator: Exists}", "{key: '', operator: Exists}", "{operator: Exists, effect: NoExecute}"] {
            let p = admitted(&format!("{{tolerations: [{all}], containers: [{{name: a, image: x:1}}]}}"));
            assert_eq!(p.spec.tolerations.len(), 1, "{all}");
        }
        let no_schedule =
            admitted("{tolerations: [{operator: Exists, effect: NoSchedule}], containers: [{name: a, image: x:1}]}");
        assert_eq!(no_schedule.spec.tolerations.len(), 3);
    }

    #[test]
    fn mirror_pods_keep_no_service_account() {
        let mut p = pod("{containers: [{name: a, image: x:1}]}");
        p.metadata.annotations.insert(MIRROR_POD_ANNOTATION.into(), "hash".into());
        admit_pod(&mut p, 300, &system_classes()).unwrap();
        assert_eq!(p.spec.service_account_name, None);
    }
}
