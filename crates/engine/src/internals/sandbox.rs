//! Pod sandboxes: their namespaces and hostname, their volumes, and the
//! configMap, secret and downward API contents projected into them.

use std::collections::BTreeMap;

use super::fs::{self, Tree};
use super::{ns_or_default, quantity_bytes, yaml_bool, yaml_str, PodRuntime, Sandbox, Vol, VolKind, SANDBOXES_MAX};
use crate::model::{Pod, Volume};
use crate::quantity::Quantity;
use crate::runtime::SandboxSpec;
use crate::time::SimTime;

/// The host's network and UTS namespaces (a 6.x kernel's numbers; see `node_shell/procs.rs`).
const HOST_NET_NS: u64 = 4_026_531_840;
const HOST_UTS_NS: u64 = 4_026_531_838;
/// The IDs in a pod's user namespace (`userNsLength` in userns_manager.go).
pub(crate) const USERNS_IDS: u32 = 65_536;
/// The blocks a node hands out here (upstream: up to the kubelet's
/// mapping, 65535 blocks by default); block 0 is the host's.
const USERNS_BLOCKS: u32 = 1024;

impl PodRuntime {
    /// Stores a ConfigMap's data for configMap volumes and env (`ns/name`).
    pub fn set_config_map(&mut self, namespace: &str, name: &str, data: BTreeMap<String, String>) {
        self.config_maps.insert((ns_or_default(namespace), name.to_string()), data);
        self.refresh_projections();
    }

    /// Stores a Secret's data, already decoded from base64.
    pub fn set_secret(&mut self, namespace: &str, name: &str, data: BTreeMap<String, String>) {
        self.secrets.insert((ns_or_default(namespace), name.to_string()), data);
        self.refresh_projections();
    }

    /// Creates a pod's sandbox: its namespaces, hostname and volumes.
    pub(super) fn add_sandbox(&mut self, spec: &SandboxSpec<'_>, now: SimTime) {
        if self.sandboxes.len() >= SANDBOXES_MAX && !self.sandboxes.contains_key(spec.pod_uid) {
            return;
        }
        let pod = spec.pod;
        // A hostNetwork pod joins the node's network and UTS namespaces (the
        // CRI's NamespaceMode NODE; pkg/kubelet/kuberuntime/helpers.go
        // `networkNamespaceForPod`) and has the node's hostname.
        let host_network = pod.spec.host_network == Some(true);
        let (net_ns, uts_ns, ipc_ns) = if host_network {
            (HOST_NET_NS, HOST_UTS_NS, self.inode())
        } else {
            (self.inode(), self.inode(), self.inode())
        };
        let share_pid = pod.spec.share_process_namespace == Some(true);
        let shared_pid_ns = share_pid.then(|| self.inode());
        let pause_ns = [self.inode(), shared_pid_ns.unwrap_or_else(|| self.inode()), self.inode()];
        // Follows pkg/kubelet/kubelet_pods.go GeneratePodHostNameAndDomain and
        // truncatePodHostnameIfNeeded: the pod name, cut to 63 characters
        // without a trailing `-` or `.`, unless `hostname` is set.
        let hostname = if host_network {
            spec.node_name.to_string()
        } else {
            crate::names::pod_hostname(&pod.metadata.name, pod.spec.hostname.as_deref())
        };
        // `hostUsers: false`: the pod's own user namespace, mapped to a block
        // of 65536 host IDs (pkg/kubelet/userns/userns_manager.go).
        let id_base = (pod.spec.host_users == Some(false)).then(|| self.userns_block(spec.node_name, spec.pod_uid));
        let user_ns = if id_base.is_some() { self.inode() } else { super::HOST_USER_NS };
        let mut volumes = BTreeMap::new();
        for v in pod.spec.volumes.iter().take(64) {
            let vol = self.make_volume(v, pod, spec);
            volumes.insert(v.name.clone(), vol);
        }
        let sb = Sandbox {
            uid: spec.pod_uid.to_string(),
            name: pod.metadata.name.clone(),
            namespace: ns_or_default(&pod.metadata.namespace),
            node: spec.node_name.to_string(),
            pod_ip: spec.pod_ip.to_string(),
            hostname,
            labels: pod.metadata.labels.clone(),
            annotations: pod.metadata.annotations.clone(),
            net_ns,
            uts_ns,
            ipc_ns,
            shared_pid_ns,
            pause_ns,
            share_pid,
            next_shared_pid: 1,
            volumes,
            ports: BTreeMap::new(),
            redis: BTreeMap::new(),
            containers: BTreeMap::new(),
            order: Vec::new(),
            fs_version: 0,
            evictions: Vec::new(),
            created: now,
            pod_memory_limit_bytes: super::accounting::pod_limit(pod.spec.resources.as_ref(), "memory"),
            pod_cpu_limit_millicores: super::accounting::pod_limit(pod.spec.resources.as_ref(), "cpu"),
            user_ns,
            id_base,
        };
        self.sandboxes.insert(spec.pod_uid.to_string(), sb);
        if now > self.clock {
            self.clock = now;
        }
    }

    /// The first host ID of a new user namespace on `node`: the kubelet
    /// hands each pod a free block of `USERNS_IDS` IDs, never block 0 (the
    /// host's own IDs) (`UsernsManager.allocateOne`). Upstream picks a free
    /// block at random; here the pod UID picks it, so the same pod gets
    /// the same IDs on every replay.
    fn userns_block(&self, node: &str, pod_uid: &str) -> u32 {
        let used: std::collections::BTreeSet<u32> = self
            .sandboxes
            .values()
            .filter(|sb| sb.node == node && sb.uid != pod_uid)
            .filter_map(|sb| sb.id_base)
            .collect();
        let start = crate::hash::fnv1a_32(pod_uid.as_bytes()) % USERNS_BLOCKS;
        let block = (0..USERNS_BLOCKS)
            .map(|i| (start.wrapping_add(i) % USERNS_BLOCKS).saturating_add(1))
            .find(|b| !used.contains(&b.saturating_mul(USERNS_IDS)))
            .unwrap_or(1);
        block.saturating_mul(USERNS_IDS)
    }

    /// Removes a pod's sandbox; hostPath and claim contents outlive it.
    pub(super) fn drop_sandbox(&mut self, pod_uid: &str) {
        if let Some(sb) = self.sandboxes.remove(pod_uid) {
            for v in sb.volumes.into_values() {
                match v.kind {
                    VolKind::HostPath { path } => {
                        self.host_paths.insert((sb.node.clone(), path), v.tree);
                    }
                    VolKind::Claim { name } => {
                        self.claims.insert((sb.namespace.clone(), name), v.tree);
                    }
                    _ => {}
                }
            }
        }
    }

    pub(super) fn refresh_projections(&mut self) {
        let cms = self.config_maps.clone();
        let secrets = self.secrets.clone();
        for sb in self.sandboxes.values_mut() {
            let ns = sb.namespace.clone();
            for v in sb.volumes.values_mut() {
                if matches!(v.kind, VolKind::ConfigMap { .. } | VolKind::Secret { .. } | VolKind::Projected) {
                    fill_projection(v, &ns, &cms, &secrets);
                }
            }
            sb.fs_version = sb.fs_version.wrapping_add(1);
        }
        self.dirty = true;
    }

    fn make_volume(&mut self, v: &Volume, pod: &Pod, spec: &SandboxSpec<'_>) -> Vol {
        let mut vol = Vol {
            name: v.name.clone(),
            kind: VolKind::EmptyDir,
            tree: Tree::new(),
            read_only: false,
            memory: false,
            size_limit: None,
            size_limit_text: String::new(),
            over_limit: false,
            not_ready: None,
            source: v.clone(),
        };
        if let Some(ed) = &v.empty_dir {
            vol.memory = ed.medium.as_deref() == Some("Memory");
            vol.size_limit = quantity_bytes(ed.size_limit.as_ref());
            vol.size_limit_text = ed
                .size_limit
                .as_deref()
                .map(|s| Quantity::parse(s).map(|q| q.canonical()).unwrap_or_else(|_| s.to_string()))
                .unwrap_or_default();
        } else if let Some(cm) = &v.config_map {
            vol.kind = VolKind::ConfigMap { name: yaml_str(cm, "name").unwrap_or("").to_string() };
            vol.read_only = true;
        } else if let Some(s) = &v.secret {
            vol.kind = VolKind::Secret { name: yaml_str(s, "secretName").unwrap_or("").to_string() };
            vol.read_only = true;
        } else if let Some(d) = &v.downward_api {
            vol.kind = VolKind::DownwardApi;
            vol.read_only = true;
            if let Some(items) = d.get("items").and_then(|i| i.as_array()) {
                for item in items.iter().take(64) {
                    let path = yaml_str(item, "path").unwrap_or("");
                    let field = item.get("fieldRef").and_then(|f| yaml_str(f, "fieldPath")).unwrap_or("");
                    let value = downward_field(pod, spec, field);
                    if !path.is_empty() {
                        vol.tree.put(&fs::components(path).join("/"), &value);
                    }
                }
            }
        } else if let Some(hp) = &v.host_path {
            let path = yaml_str(hp, "path").unwrap_or("/").to_string();
            vol.tree = self.host_paths.get(&(spec.node_name.to_string(), path.clone())).cloned().unwrap_or_default();
            vol.kind = VolKind::HostPath { path };
        } else if let Some(pvc) = &v.persistent_volume_claim {
            let name = yaml_str(pvc, "claimName").unwrap_or("").to_string();
            vol.tree =
                self.claims.get(&(ns_or_default(&pod.metadata.namespace), name.clone())).cloned().unwrap_or_default();
            vol.read_only = yaml_bool(pvc, "readOnly");
            vol.kind = VolKind::Claim { name };
        } else if let Some(p) = &v.projected {
            vol.kind = VolKind::Projected;
            vol.read_only = true;
            // A projected volume's downwardAPI source (the token volume's
            // `namespace` file); the rest is filled from the stored objects.
            let sources = p.get("sources").and_then(|s| s.as_array()).map(Vec::as_slice).unwrap_or_default();
            for d in sources.iter().take(32).filter_map(|s| s.get("downwardAPI")) {
                for item in
                    d.get("items").and_then(|i| i.as_array()).map(Vec::as_slice).unwrap_or_default().iter().take(64)
                {
                    let path = yaml_str(item, "path").unwrap_or("");
                    let field = item.get("fieldRef").and_then(|f| yaml_str(f, "fieldPath")).unwrap_or("");
                    if !path.is_empty() {
                        vol.tree.put(&fs::components(path).join("/"), &downward_field(pod, spec, field));
                    }
                }
            }
        } else if let Some(img) = &v.image {
            // An image volume: the pulled image's filesystem, always
            // read-only (pkg/kubelet/kuberuntime `toKubeContainerImageVolumes`
            // mounts it with readonly set).
            let reference = img.reference.clone().unwrap_or_default();
            for (path, text) in super::catalogue::lookup(&reference).files {
                vol.tree.put(path, &text);
            }
            vol.kind = VolKind::Image { reference };
            vol.read_only = true;
        } else {
            vol.kind = VolKind::Other(v.other.keys().next().cloned().unwrap_or_default());
        }
        let ns = ns_or_default(&pod.metadata.namespace);
        fill_projection(&mut vol, &ns, &self.config_maps, &self.secrets);
        vol
    }
}

/// A downward API field, as `fieldRef.fieldPath` names it.
fn downward_field(pod: &Pod, spec: &SandboxSpec<'_>, field: &str) -> String {
    let kv = |m: &BTreeMap<String, String>| m.iter().map(|(k, v)| format!("{k}=\"{v}\"\n")).collect::<String>();
    match field {
        "metadata.name" => pod.metadata.name.clone(),
        "metadata.namespace" => ns_or_default(&pod.metadata.namespace),
        "metadata.uid" => spec.pod_uid.to_string(),
        "metadata.labels" => kv(&pod.metadata.labels),
        "metadata.annotations" => kv(&pod.metadata.annotations),
        "spec.nodeName" => spec.node_name.to_string(),
        "status.podIP" => spec.pod_ip.to_string(),
        "spec.serviceAccountName" => pod.spec.service_account_name.clone().unwrap_or_else(|| "default".into()),
        f => {
            if let Some(key) = f.strip_prefix("metadata.labels['").and_then(|r| r.strip_suffix("']")) {
                return pod.metadata.labels.get(key).cloned().unwrap_or_default();
            }
            if let Some(key) = f.strip_prefix("metadata.annotations['").and_then(|r| r.strip_suffix("']")) {
                return pod.metadata.annotations.get(key).cloned().unwrap_or_default();
            }
            String::new()
        }
    }
}

/// Fills a configMap, secret or projected volume from the stored objects;
/// a missing, non-optional object leaves it not ready (upstream's message).
pub(super) fn fill_projection(
    v: &mut Vol,
    ns: &str,
    cms: &BTreeMap<(String, String), BTreeMap<String, String>>,
    secrets: &BTreeMap<(String, String), BTreeMap<String, String>>,
) {
    let mut sources: Vec<(&str, serde_json::Value)> = Vec::new();
    if let Some(cm) = &v.source.config_map {
        sources.push(("configmap", cm.clone()));
    }
    if let Some(s) = &v.source.secret {
        sources.push(("secret", s.clone()));
    }
    if let Some(p) = &v.source.projected {
        for s in p.get("sources").and_then(|s| s.as_array()).cloned().unwrap_or_default().into_iter().take(32) {
            if let Some(cm) = s.get("configMap") {
                sources.push(("configmap", cm.clone()));
            }
            if let Some(sec) = s.get("secret") {
                sources.push(("secret", sec.clone()));
            }
            if let Some(tok) = s.get("serviceAccountToken") {
                let path = yaml_str(tok, "path").unwrap_or("token").to_string();
                v.tree.put(&fs::components(&path).join("/"), "eyJhbGciOiJSUzI1NiJ9.podplay-simulated-token");
            }
        }
    }
    if sources.is_empty() {
        return;
    }
    v.not_ready = None;
    for (kind, src) in sources {
        let name = yaml_str(&src, "name").or_else(|| yaml_str(&src, "secretName")).unwrap_or("").to_string();
        let optional = yaml_bool(&src, "optional");
        let store = if kind == "configmap" { cms } else { secrets };
        let Some(data) = store.get(&(ns.to_string(), name.clone())) else {
            if !optional {
                v.not_ready = Some(format!("{kind} \"{name}\" not found"));
            }
            continue;
        };
        let items = src.get("items").and_then(|i| i.as_array()).cloned().unwrap_or_default();
        if items.is_empty() {
            for (k, val) in data.iter().take(256) {
                v.tree.put(k, val);
            }
        } else {
            for item in items.iter().take(256) {
                let key = yaml_str(item, "key").unwrap_or("");
                let path = yaml_str(item, "path").unwrap_or(key);
                match data.get(key) {
                    Some(val) => v.tree.put(&fs::components(path).join("/"), val),
                    None if !optional => {
                        v.not_ready = Some(format!("configmap references non-existent config key: {key}"));
                    }
                    None => {}
                }
            }
        }
    }
}
