//! The kubelet's file source: the manifests in a node's `staticPodPath`
//! become static pods (and their mirror pods in the API).
//!
//! Follows pkg/kubelet/config/file.go and file_linux.go. The kubelet
//! watches the directory with inotify: a file created, written, renamed or
//! removed is read at once (`consumeWatchEvent`), so a learner sees the
//! mirror pod right after the file is saved. `fileCheckFrequency` (20s,
//! `0s` in kubeadm's config means that default) is the period of the full
//! re-list, which only matters when inotify misses something. Here every
//! change is seen as the shell line that made it ends, which is what
//! inotify gives. Files whose names start with `.` are ignored; a file that
//! does not parse as a Pod is logged (`Could not process manifest file`)
//! and changes nothing.

use std::collections::BTreeMap;

use super::files::STATIC_POD_PATH;
use super::is_control_plane;
use crate::cluster::ErrorReason;
use crate::kubectl::cluster_backend::parse_object;
use crate::kubectl::Playground;
use crate::model::Pod;

/// What the kubelet runs from one manifest file.
#[derive(Clone, Debug, PartialEq)]
struct Known {
    name: String,
    namespace: String,
    text: String,
    /// The pod could not be added yet (its old mirror pod is still going).
    waiting: Option<Pod>,
}

/// Every node's manifest files as the kubelet last read them.
#[derive(Clone, Debug, Default)]
pub(crate) struct StaticPodFiles {
    known: BTreeMap<(String, String), Known>,
}

impl StaticPodFiles {
    /// Whether some static pod still waits to be added.
    pub(crate) fn waiting(&self) -> bool {
        self.known.values().any(|k| k.waiting.is_some())
    }
}

/// Starts the control plane's own static pods: kubeadm's four manifests
/// go into the control-plane node's manifest directory, and its kubelet
/// runs them (mirror pods `etcd-control-plane`, … in kube-system).
pub(crate) fn boot_control_plane(pg: &mut Playground) {
    let Some((node, internal_ip)) = pg.cluster.control_plane_nodes().into_iter().next() else { return };
    let disk = pg.node_shells.disk(&node, true);
    for (file, text) in super::control_plane::manifests(&internal_ip) {
        disk.put(&format!("{STATIC_POD_PATH}/{file}"), &text);
    }
    sync(pg, &node);
}

/// Writes a manifest file into a node's manifest directory and lets the
/// kubelet read it, as a file saved there would be (a lesson's
/// `setup.staticPods`): the file is on the node's disk, so `ssh NODE` shows
/// it and removing it stops the pod. `Err` names what went wrong: an
/// unknown node, a bad file name, or a manifest the kubelet refused.
pub(crate) fn place(pg: &mut Playground, node: &str, file: &str, text: &str) -> Result<(), String> {
    if !pg.cluster.nodes().iter().any(|n| n.name == node) {
        return Err(format!("node {node} not found"));
    }
    if file.is_empty() || file.starts_with('.') || file.contains('/') {
        return Err(format!("{file}: not a manifest file name"));
    }
    let cp = is_control_plane(pg, node);
    pg.node_shells.disk(node, cp).put(&format!("{STATIC_POD_PATH}/{file}"), text);
    let last_line = |pg: &Playground| pg.node_shells.journals.get(node).and_then(|j| j.last()).cloned();
    let before = last_line(pg);
    sync(pg, node);
    match last_line(pg) {
        Some(line) if Some(&line) != before.as_ref() => Err(line),
        _ => Ok(()),
    }
}

/// Reads a node's manifest directory and makes the cluster match it.
pub(crate) fn sync(pg: &mut Playground, node: &str) {
    let cp = is_control_plane(pg, node);
    let disk = pg.node_shells.disk(node, cp);
    let mut files: Vec<(String, String)> = Vec::new();
    for name in disk.list(STATIC_POD_PATH).unwrap_or_default() {
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{STATIC_POD_PATH}/{name}");
        if let Ok(text) = disk.read(&rel) {
            files.push((name, text.to_string()));
        }
    }
    for (file, text) in &files {
        let k = (node.to_string(), file.clone());
        let old = pg.node_shells.static_pods.known.get(&k).cloned();
        if old.as_ref().is_some_and(|o| &o.text == text && o.waiting.is_none()) {
            continue;
        }
        let path = format!("/{STATIC_POD_PATH}/{file}");
        let pod = match decode(text, &path) {
            Ok(p) => p,
            Err(err) => {
                // The store is left as it was (file_linux.go consumeWatchEvent).
                let line = klog(
                    pg,
                    node,
                    &format!(
                        "\"Could not process manifest file\" err=\"{}\" path=\"{path}\"",
                        err.replace('"', "\\\"")
                    ),
                );
                pg.node_shells.journal(node, line);
                if let Some(o) = pg.node_shells.static_pods.known.get_mut(&k) {
                    o.text = text.clone();
                }
                continue;
            }
        };
        let (name, namespace) = (pod.metadata.name.clone(), pod.metadata.namespace.clone());
        let result = match &old {
            Some(o) if o.waiting.is_none() => pg.cluster.replace_static_pod(node, &o.name, &o.namespace, pod.clone()),
            _ => pg.cluster.add_static_pod(node, pod.clone()),
        };
        let waiting = match result {
            Ok(_) => None,
            Err(e) if e.reason == ErrorReason::AlreadyExists => Some(pod),
            Err(e) => {
                let line = klog(
                    pg,
                    node,
                    &format!(
                        "\"Failed creating a mirror pod\" err=\"{}\" pod=\"{namespace}/{name}-{node}\"",
                        e.message.replace('"', "\\\"")
                    ),
                );
                pg.node_shells.journal(node, line);
                None
            }
        };
        pg.node_shells.static_pods.known.insert(k, Known { name, namespace, text: text.clone(), waiting });
    }
    let gone: Vec<(String, String)> = pg
        .node_shells
        .static_pods
        .known
        .keys()
        .filter(|(n, f)| n == node && !files.iter().any(|(name, _)| name == f))
        .cloned()
        .collect();
    for k in gone {
        if let Some(o) = pg.node_shells.static_pods.known.remove(&k) {
            if o.waiting.is_none() {
                let _ = pg.cluster.remove_static_pod(node, &o.name, &o.namespace);
            }
        }
    }
}

/// Adds the static pods that were waiting for their old mirror pod to go.
pub(crate) fn retry(pg: &mut Playground) {
    if !pg.node_shells.static_pods.waiting() {
        return;
    }
    let nodes: Vec<String> = pg
        .node_shells
        .static_pods
        .known
        .iter()
        .filter(|(_, k)| k.waiting.is_some())
        .map(|((n, _), _)| n.clone())
        .collect();
    for n in nodes {
        sync(pg, &n);
    }
}

/// A manifest file read the way the kubelet reads it (`tryDecodeSinglePod`):
/// one Pod, validated, in `default` unless it names its namespace.
fn decode(text: &str, path: &str) -> Result<Pod, String> {
    let errors: Vec<String> = crate::check(text)
        .into_iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .map(|d| if d.path.is_empty() { d.message } else { format!("{}: {}", d.path, d.message) })
        .collect();
    match parse_object(text, "default") {
        Ok(crate::cluster::ApiObject::Pod(p)) if errors.is_empty() => Ok(p),
        Ok(crate::cluster::ApiObject::Pod(_)) => Err(format!("invalid pod: [{}]", errors.join(", "))),
        Ok(_) => Err(format!("{path}: couldn't parse as pod(Object 'Kind' is not a Pod), please check config file")),
        Err(e) => Err(format!("{path}: couldn't parse as pod({}), please check config file", e.message)),
    }
}

/// A kubelet log line as `journalctl -u kubelet` prints it.
fn klog(pg: &Playground, node: &str, msg: &str) -> String {
    let now = pg.cluster.now();
    let stamp = crate::shell::format_date(now, Some("%b %d %H:%M:%S"));
    let klog_time = crate::shell::format_date(now, Some("%m%d %H:%M:%S"));
    format!(
        "{stamp} {node} kubelet[{}]: E{klog_time}.000000     {} file.go:211] {msg}",
        super::procs::KUBELET_PID,
        super::procs::KUBELET_PID
    )
}
