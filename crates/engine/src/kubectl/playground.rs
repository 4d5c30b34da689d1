//! The whole simulation as kubectl sees it: the [`Cluster`] (API, scheduler,
//! kubelets) running the [`PodRuntime`] inside its pods, so that `logs`,
//! `exec`, `top` and `port-forward` reach the programs. This is the one
//! [`Backend`] of the real simulation: the API verbs map to the cluster's
//! inputs, its pod and node views to the API objects kubectl prints
//! (shaped by [`super::cluster_backend`]).
//!
//! The cluster owns the runtime (`Cluster<PodRuntime>`), so there is one
//! owner and no shared borrow: the kubelet reaches it while the cluster
//! runs, kubectl's streaming verbs through [`Cluster::runtime_mut`].

use std::collections::BTreeMap;

use super::backend::{
    ApplyResult, Backend, ContainerMetrics, ErrorReason, EventView, ExecOutput, StatusError, WorkloadRow,
};
use super::cluster_backend::{api_shape, node_status_shape, parse_object, workload_rows, NodeHealth};
use super::{run_with, CommandOutput, Context};
use crate::cluster::{default_nodes, ApiObject, ApplyOutcome, Cluster};
use crate::internals::PodRuntime;
use crate::model::{Node, Pod};
use crate::runtime::ContainerId;
use crate::time::SimTime;

/// The cluster with the pod runtime inside it, driven together.
pub struct Playground {
    pub cluster: Cluster<PodRuntime>,
    /// The nodes' disks and the open node shell (`ssh worker-1`).
    pub(crate) node_shells: crate::node_shell::NodeShells,
    /// The open shells in containers (`kubectl exec -it POD -- sh`).
    pub(crate) container_sessions: super::session::ContainerSessions,
    /// The kubeconfig's current-context namespace, once `kubectl config
    /// set-context --current --namespace=X` set it.
    context_namespace: Option<String>,
}

impl Playground {
    /// The default cluster (a control plane and two workers) with the pod runtime.
    pub fn new(seed: u64) -> Playground {
        Playground::with_nodes(seed, default_nodes())
    }

    /// A cluster with the given nodes (a lesson's own setup, a big
    /// classroom cluster) with the pod runtime.
    /// Its control plane runs as on kubeadm: etcd, kube-apiserver,
    /// kube-controller-manager and kube-scheduler are static pods of the
    /// control-plane node, their mirror pods in kube-system.
    pub fn with_nodes(seed: u64, nodes: Vec<Node>) -> Playground {
        let mut pg = Playground {
            cluster: Cluster::with_runtime(seed, nodes, PodRuntime::new()),
            node_shells: crate::node_shell::NodeShells::default(),
            container_sessions: super::session::ContainerSessions::default(),
            context_namespace: None,
        };
        pg.boot_control_plane();
        pg
    }

    /// Starts the control plane's static pods, as on a kubeadm cluster:
    /// etcd, kube-apiserver, kube-controller-manager and kube-scheduler
    /// from `/etc/kubernetes/manifests` on the control-plane node, their
    /// mirror pods in kube-system. Every constructor calls it; calling it
    /// again rewrites the same files and changes nothing.
    pub fn boot_control_plane(&mut self) {
        crate::node_shell::boot_control_plane(self);
    }

    /// Puts a static pod manifest in `/etc/kubernetes/manifests/FILE` on a
    /// node and lets its kubelet read it: the pod runs, its mirror pod
    /// appears, and the file is there for `ssh NODE` (a lesson's
    /// `setup.staticPods`). `Err` is the kubelet's complaint, or an unknown node.
    pub fn add_static_pod_file(&mut self, node: &str, file: &str, text: &str) -> Result<(), String> {
        crate::node_shell::place_static_pod(self, node, file, text)
    }

    /// What runs inside the pods (the pod view, lesson checks).
    pub fn runtime(&self) -> &PodRuntime {
        self.cluster.runtime()
    }

    /// The next virtual time at which anything would happen (a timer of the
    /// cluster or a program's wake-up); `None` when nothing is scheduled.
    pub fn poll_timeout(&self) -> Option<SimTime> {
        self.cluster.poll_timeout()
    }

    /// Runs one terminal line: in the open node shell (or `ssh NODE`), else as kubectl.
    pub fn run(&mut self, line: &str, ctx: &Context) -> CommandOutput {
        crate::node_shell::retry_static_pods(self);
        if self.container_sessions.is_open() {
            return super::session::run_line(self, line);
        }
        if let Some(out) = crate::node_shell::run(self, line, ctx) {
            return out;
        }
        let out = run_with(self, line, ctx);
        self.sync_api_data();
        out
    }

    /// Hands the API's ConfigMaps and Secrets to the kubelet's side (what
    /// pods mount and read as env), as the kubelet's watch would.
    fn sync_api_data(&mut self) {
        let by_name = |kind: &str, decode: bool| {
            let mut out = std::collections::BTreeMap::new();
            for v in self.cluster.data_objects(kind) {
                let at = |p: &str| v.pointer(p).and_then(|x| x.as_str()).unwrap_or("").to_string();
                let data: BTreeMap<String, String> = v
                    .get("data")
                    .and_then(|d| d.as_object())
                    .map(|m| {
                        m.iter()
                            .map(|(k, x)| {
                                let text = x.as_str().unwrap_or("");
                                let value = if decode {
                                    crate::base64::decode(text)
                                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                                        .unwrap_or_default()
                                } else {
                                    text.to_string()
                                };
                                (k.clone(), value)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                out.insert((at("/metadata/namespace"), at("/metadata/name")), data);
            }
            out
        };
        let (config_maps, secrets) = (by_name("ConfigMap", false), by_name("Secret", true));
        self.cluster.runtime_mut().sync_api_data(config_maps, secrets);
    }

    /// Tab completion of the word ending at `cursor`: in the node shell
    /// (and `ssh NODE`), else kubectl's.
    pub fn complete(&self, line: &str, cursor: usize, ctx: &Context) -> Vec<String> {
        let mut cut = cursor.min(line.len());
        while cut > 0 && !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = line.get(..cut).unwrap_or("");
        if self.container_sessions.is_open() {
            return super::session::complete(self, head);
        }
        if let Some(v) = crate::node_shell::complete(self, head) {
            return v;
        }
        let mut v = super::complete(self, line, cursor, ctx);
        let first_word = !head.trim_start().contains([' ', '\t']);
        if first_word && "ssh".starts_with(head.trim_start()) {
            v.push("ssh".to_string());
            v.sort();
        }
        v
    }

    /// The prompt of the open container shell (`/ # `) or node shell
    /// (`root@worker-1:~# `), `None` while the terminal runs kubectl.
    pub fn shell_prompt(&self) -> Option<String> {
        self.container_sessions.prompt().or_else(|| self.node_shells.prompt())
    }

    /// `kubectl exec` from a working directory (an interactive session's).
    pub(crate) fn exec_at(
        &mut self,
        namespace: &str,
        pod: &str,
        container: &str,
        argv: &[String],
        cwd: Option<&str>,
    ) -> Result<ExecOutput, StatusError> {
        let view = self.cluster.pod(namespace, pod).ok_or_else(|| StatusError::not_found("pods", pod))?;
        if view.node.is_none() {
            return Err(no_host(pod));
        }
        if !view.container(container).is_some_and(|s| s.state.is_running()) {
            return Err(StatusError::client(
                format!("unable to upgrade connection: container not found (\"{container}\")"),
                crate::text::Text::new(
                    format!("{container} 컨테이너가 실행 중이 아닙니다. `kubectl get pod {pod}`로 상태를 확인하세요."),
                    format!("Container {container} is not running. Check `kubectl get pod {pod}`."),
                ),
            ));
        }
        let uid = view.uid.clone();
        let now = self.cluster.now();
        let id = ContainerId { pod_uid: uid, container: container.to_string() };
        match self.cluster.runtime_mut().exec_in(&id, argv, cwd, now) {
            Ok(o) => Ok(ExecOutput { stdout: o.stdout, stderr: o.stderr, exit_code: o.exit_code }),
            Err(text) => Err(StatusError::client(text.en.clone(), text)),
        }
    }

    fn uid(&self, namespace: &str, pod: &str) -> Result<String, StatusError> {
        self.cluster.pod(namespace, pod).map(|p| p.uid).ok_or_else(|| StatusError::not_found("pods", pod))
    }
}

/// The API server's answer for a pod that is not bound to a node yet.
fn no_host(pod: &str) -> StatusError {
    StatusError {
        reason: ErrorReason::BadRequest,
        message: format!("pod {pod} does not have a host assigned"),
        explain: Some(crate::text::Text::new(
            format!("{pod} 파드가 아직 노드에 배정되지 않았습니다(Pending). `kubectl describe pod {pod}`의 이벤트에서 이유를 확인하세요."),
            format!("Pod {pod} is not on a node yet (Pending). See the events of `kubectl describe pod {pod}` for why."),
        )),
    }
}

impl Backend for Playground {
    fn now(&self) -> SimTime {
        self.cluster.now()
    }

    fn poll_timeout(&self) -> Option<SimTime> {
        self.cluster.poll_timeout()
    }

    fn pods(&self) -> Vec<Pod> {
        self.cluster
            .pods()
            .into_iter()
            .map(|v| {
                let mut pod = v.pod;
                if pod.metadata.creation_timestamp.is_none() {
                    pod.metadata.creation_timestamp = Some(v.created.rfc3339());
                }
                api_shape(pod)
            })
            .collect()
    }

    fn nodes(&self) -> Vec<Node> {
        let events = self.cluster.events();
        let now = self.cluster.now();
        self.cluster
            .nodes()
            .into_iter()
            .map(|v| {
                let mut node = v.node;
                if node.metadata.creation_timestamp.is_none() {
                    node.metadata.creation_timestamp = Some(SimTime::ZERO.rfc3339());
                }
                // The node's readiness changes are its NodeReady / NodeNotReady events.
                let last_seen = |reason: &str| {
                    events
                        .iter()
                        .filter(|e| e.object.kind == "Node" && e.object.name == v.name && e.reason == reason)
                        .map(|e| e.last_seen)
                        .max()
                };
                let ready_since = last_seen("NodeReady").unwrap_or(SimTime::ZERO);
                let health = if v.ready {
                    NodeHealth::Ready { since: ready_since }
                } else {
                    NodeHealth::Unreachable { ready_since, lost_at: last_seen("NodeNotReady").unwrap_or(now) }
                };
                node_status_shape(&mut node, health, &v.internal_ip, now);
                node
            })
            .collect()
    }

    fn workloads(&self) -> Vec<WorkloadRow> {
        workload_rows(&self.cluster)
    }

    fn delete_workload(&mut self, kind: &str, namespace: &str, name: &str) -> Result<(), StatusError> {
        self.cluster.delete_workload(kind, namespace, name).map_err(StatusError::from)
    }

    fn scale(&mut self, kind: &str, namespace: &str, name: &str, replicas: i32) -> Result<(), StatusError> {
        self.cluster.scale_workload(kind, namespace, name, replicas).map_err(StatusError::from)
    }

    fn node_ready(&self, name: &str) -> bool {
        self.cluster.nodes().iter().find(|n| n.name == name).is_none_or(|n| n.ready)
    }

    fn node_internal_ip(&self, name: &str) -> Option<String> {
        self.cluster.nodes().into_iter().find(|n| n.name == name).map(|n| n.internal_ip)
    }

    fn events(&self) -> Vec<EventView> {
        self.cluster
            .events()
            .into_iter()
            .map(|e| EventView {
                // Events about cluster-scoped objects (nodes) are recorded in
                // the default namespace (client-go `tools/record` `makeEvent`).
                namespace: if e.object.namespace.is_empty() {
                    "default".to_string()
                } else {
                    e.object.namespace.clone()
                },
                type_: e.type_.as_str().to_string(),
                reason: e.reason.clone(),
                object_kind: e.object.kind.clone(),
                object_name: e.object.name.clone(),
                field_path: e.object.field_path.clone(),
                source: e.source.clone(),
                message: e.message.clone(),
                first_seen: e.first_seen,
                last_seen: e.last_seen,
                count: e.count,
                host: e.host.clone().unwrap_or_default(),
            })
            .collect()
    }

    fn apply(
        &mut self,
        doc: &str,
        namespace: &str,
        create_only: bool,
    ) -> Result<(String, String, ApplyResult), StatusError> {
        let object = parse_object(doc, namespace)?;
        let ns = match &object {
            ApiObject::Pod(p) => p.metadata.namespace.clone(),
            ApiObject::Workload(w) => w.metadata.namespace.clone(),
            ApiObject::Data(v) => v.pointer("/metadata/namespace").and_then(|n| n.as_str()).unwrap_or("").to_string(),
        };
        let outcome = if create_only { self.cluster.create(object) } else { self.cluster.apply(object) };
        match outcome.map_err(StatusError::from)? {
            ApplyOutcome::Created { name, .. } => Ok((ns, name, ApplyResult::Created)),
            ApplyOutcome::Configured { name, .. } => Ok((ns, name, ApplyResult::Configured)),
            ApplyOutcome::Unchanged { name, .. } => Ok((ns, name, ApplyResult::Unchanged)),
        }
    }

    fn delete_pod(&mut self, namespace: &str, name: &str, grace_secs: Option<i64>) -> Result<(), StatusError> {
        self.cluster.delete_pod(namespace, name, grace_secs).map_err(StatusError::from)
    }

    fn set_pod_metadata(
        &mut self,
        namespace: &str,
        name: &str,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    ) -> Result<(), StatusError> {
        let Some(current) = self.cluster.pod(namespace, name) else { return Err(StatusError::not_found("pods", name)) };
        let meta = current.pod.metadata;
        for (k, _) in meta.labels.iter().filter(|(k, _)| !labels.contains_key(*k)) {
            self.cluster.label_pod(namespace, name, k, None, true).map_err(StatusError::from)?;
        }
        for (k, v) in labels.iter().filter(|(k, v)| meta.labels.get(*k) != Some(v)) {
            self.cluster.label_pod(namespace, name, k, Some(v), true).map_err(StatusError::from)?;
        }
        for (k, _) in meta.annotations.iter().filter(|(k, _)| !annotations.contains_key(*k)) {
            self.cluster.annotate_pod(namespace, name, k, None, true).map_err(StatusError::from)?;
        }
        for (k, v) in annotations.iter().filter(|(k, v)| meta.annotations.get(*k) != Some(v)) {
            self.cluster.annotate_pod(namespace, name, k, Some(v), true).map_err(StatusError::from)?;
        }
        Ok(())
    }

    fn set_node_metadata(
        &mut self,
        name: &str,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    ) -> Result<(), StatusError> {
        let Some(current) = self.cluster.nodes().into_iter().find(|n| n.name == name) else {
            return Err(StatusError::not_found("nodes", name));
        };
        let meta = current.node.metadata;
        if meta.annotations != annotations {
            return Err(StatusError::unavailable("annotating nodes"));
        }
        for (k, _) in meta.labels.iter().filter(|(k, _)| !labels.contains_key(*k)) {
            self.cluster.label_node(name, k, None, true).map_err(StatusError::from)?;
        }
        for (k, v) in labels.iter().filter(|(k, v)| meta.labels.get(*k) != Some(v)) {
            self.cluster.label_node(name, k, Some(v), true).map_err(StatusError::from)?;
        }
        Ok(())
    }

    fn set_unschedulable(&mut self, name: &str, unschedulable: bool) -> Result<(), StatusError> {
        if unschedulable {
            self.cluster.cordon(name).map_err(StatusError::from)
        } else {
            self.cluster.uncordon(name).map_err(StatusError::from)
        }
    }

    fn advance(&mut self, ms: u64) {
        self.sync_api_data();
        self.cluster.advance_by(ms);
    }

    /// The kubelet's log endpoint: a waiting container has no log yet, and
    /// `--previous` needs a restart (messages from `pkg/kubelet/kubelet_pods.go`
    /// `validateContainerLogStatus`).
    fn logs(
        &self,
        namespace: &str,
        pod: &str,
        container: &str,
        previous: bool,
        timestamps: bool,
    ) -> Result<String, StatusError> {
        let view = self.cluster.pod(namespace, pod).ok_or_else(|| StatusError::not_found("pods", pod))?;
        if view.node.is_none() {
            return Err(no_host(pod));
        }
        let status = view.container(container);
        let restarts = status.map(|s| s.restart_count).unwrap_or(0);
        if previous && restarts == 0 {
            return Err(StatusError::new(
                "BadRequest",
                format!("previous terminated container \"{container}\" in pod \"{pod}\" not found"),
            ));
        }
        if !previous {
            let waiting = status.and_then(|s| s.state.waiting_reason().map(str::to_string));
            match (status, waiting) {
                (None, _) => {
                    return Err(StatusError::new(
                        "BadRequest",
                        format!("container \"{container}\" in pod \"{pod}\" is waiting to start: ContainerCreating"),
                    ))
                }
                (Some(_), Some(reason)) if restarts == 0 => {
                    return Err(StatusError::new(
                        "BadRequest",
                        format!("container \"{container}\" in pod \"{pod}\" is waiting to start: {reason}"),
                    ))
                }
                _ => {}
            }
        }
        let id = ContainerId { pod_uid: view.uid.clone(), container: container.to_string() };
        let lines = self.cluster.runtime().logs(&id, previous);
        let mut text = String::new();
        for l in lines {
            if timestamps {
                // RFC 3339 with nanoseconds, as the kubelet writes them.
                let t = l.at.rfc3339();
                let ms = l.at.as_millis() % 1000;
                text.push_str(&format!("{}.{ms:03}000000Z ", t.trim_end_matches('Z')));
            }
            text.push_str(&l.line);
            text.push('\n');
        }
        Ok(text)
    }

    fn exec(
        &mut self,
        namespace: &str,
        pod: &str,
        container: &str,
        argv: &[String],
    ) -> Result<ExecOutput, StatusError> {
        self.exec_at(namespace, pod, container, argv, None)
    }

    fn pod_usage(&self, namespace: &str, pod: &str) -> Option<Vec<ContainerMetrics>> {
        let view = self.cluster.pod(namespace, pod)?;
        if view.phase.as_str() != "Running" {
            return None;
        }
        let usage = self.cluster.runtime().usage(&view.uid);
        if usage.is_empty() {
            return None;
        }
        Some(
            usage
                .into_iter()
                .map(|u| ContainerMetrics {
                    name: u.container,
                    cpu_millis: u.cpu_millicores,
                    memory_bytes: u.memory_bytes,
                })
                .collect(),
        )
    }

    fn port_forward(
        &mut self,
        namespace: &str,
        pod: &str,
        local: u16,
        remote: u16,
    ) -> Result<Vec<String>, StatusError> {
        let uid = self.uid(namespace, pod)?;
        let now = self.cluster.now();
        let answer = self.cluster.runtime_mut().port_forward_request(&uid, remote, "/", now);
        let mut lines = vec![format!("Handling connection for {local}")];
        if let Err(text) = answer {
            // kubectl logs the failure through klog and keeps forwarding.
            lines.push(format!(
                "E0101 00:00:00.000000       1 portforward.go:424] \"Unhandled Error\" err=\"an error occurred forwarding {local} -> {remote}: {}\"",
                text.en
            ));
        }
        Ok(lines)
    }

    fn resize_pod(
        &mut self,
        namespace: &str,
        name: &str,
        resources: &[(String, Option<crate::model::ResourceRequirements>)],
    ) -> Result<bool, StatusError> {
        self.cluster.resize_pod(namespace, name, resources).map_err(StatusError::from)
    }

    fn namespaces(&self) -> Vec<serde_json::Value> {
        self.cluster.namespaces()
    }

    fn data_objects(&self, kind: &str) -> Vec<serde_json::Value> {
        self.cluster.data_objects(kind)
    }

    fn delete_namespace(&mut self, name: &str) -> Result<(), StatusError> {
        self.cluster.delete_namespace(name).map_err(StatusError::from)
    }

    fn delete_data(&mut self, kind: &str, namespace: &str, name: &str) -> Result<(), StatusError> {
        self.cluster.delete_data(kind, namespace, name).map_err(StatusError::from)
    }

    fn context_namespace(&self) -> Option<String> {
        self.context_namespace.clone()
    }

    fn set_context_namespace(&mut self, namespace: Option<String>) {
        self.context_namespace = namespace;
    }

    fn set_node_taints(&mut self, name: &str, taints: Vec<crate::model::Taint>) -> Result<(), StatusError> {
        self.cluster.set_node_taints(name, taints).map_err(StatusError::from)
    }

    fn add_ephemeral_container(
        &mut self,
        namespace: &str,
        pod: &str,
        container: crate::model::EphemeralContainer,
    ) -> Result<(), StatusError> {
        self.cluster.add_ephemeral_container(namespace, pod, container).map_err(StatusError::from)
    }

    fn name_suffix(&mut self, n: usize) -> String {
        self.cluster.name_suffix(n)
    }

    fn open_session(
        &mut self,
        namespace: &str,
        pod: &str,
        container: &str,
        program: &str,
        on_exit: super::backend::SessionEnd,
    ) -> Result<(), StatusError> {
        super::session::open(self, namespace, pod, container, program, on_exit)
    }

    fn resize_pod_spec(
        &mut self,
        namespace: &str,
        name: &str,
        spec: &crate::model::PodSpec,
    ) -> Result<bool, StatusError> {
        self.cluster.resize_pod_spec(namespace, name, spec).map_err(StatusError::from)
    }
}
