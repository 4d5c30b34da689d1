//! The whole simulation as kubectl sees it: the [`Cluster`] (API, scheduler,
//! kubelets) plus the [`PodRuntime`] that runs inside its pods, so that
//! `logs`, `exec`, `top` and `port-forward` reach the programs.
//!
//! The cluster owns its runtime as a `Box<dyn ContainerRuntime>`; the
//! playground gives it a thin shared handle instead, keeping a second
//! handle for kubectl's streaming verbs. Calls never overlap (the cluster
//! only uses the runtime inside its own methods), and every borrow is
//! checked, never assumed.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::backend::{ApiError, ApplyResult, Backend, ContainerUsage, EventView, ExecOutput, WorkloadRow};
use super::{run_with, CommandOutput, Context};
use crate::cluster::Cluster;
use crate::internals::PodRuntime;
use crate::model::{Container, Node, Pod};
use crate::runtime::{ContainerId, ContainerRuntime, ProbeAction, ProbeResult, RuntimeEvent, SandboxSpec, Signal, StartError};
use crate::time::SimTime;

/// The runtime, shared between the cluster and kubectl.
#[derive(Clone, Default)]
pub struct SharedRuntime(pub Rc<RefCell<PodRuntime>>);

impl ContainerRuntime for SharedRuntime {
    fn create_sandbox(&mut self, sandbox: &SandboxSpec<'_>, now: SimTime) {
        if let Ok(mut r) = self.0.try_borrow_mut() {
            r.create_sandbox(sandbox, now);
        }
    }

    fn start(&mut self, id: &ContainerId, container: &Container, now: SimTime) -> Result<(), StartError> {
        match self.0.try_borrow_mut() {
            Ok(mut r) => r.start(id, container, now),
            Err(_) => Err(StartError { reason: "RunContainerError".into(), message: "runtime busy".into() }),
        }
    }

    fn advance(&mut self, now: SimTime) -> Vec<RuntimeEvent> {
        self.0.try_borrow_mut().map(|mut r| r.advance(now)).unwrap_or_default()
    }

    fn next_wakeup(&self) -> Option<SimTime> {
        self.0.try_borrow().ok().and_then(|r| r.next_wakeup())
    }

    fn probe(&mut self, id: &ContainerId, action: &ProbeAction, now: SimTime) -> ProbeResult {
        match self.0.try_borrow_mut() {
            Ok(mut r) => r.probe(id, action, now),
            Err(_) => ProbeResult::Failure { message: "runtime busy".into() },
        }
    }

    fn signal(&mut self, id: &ContainerId, signal: Signal, now: SimTime) {
        if let Ok(mut r) = self.0.try_borrow_mut() {
            r.signal(id, signal, now);
        }
    }

    fn remove_sandbox(&mut self, pod_uid: &str, now: SimTime) {
        if let Ok(mut r) = self.0.try_borrow_mut() {
            r.remove_sandbox(pod_uid, now);
        }
    }
}

/// The cluster and the pod runtime, driven together.
pub struct Playground {
    pub cluster: Cluster,
    pub runtime: SharedRuntime,
}

impl Playground {
    /// The default cluster (a control plane and two workers) with the pod runtime.
    pub fn new(seed: u64) -> Playground {
        Playground::with_cluster(Cluster::new(seed))
    }

    /// Puts the pod runtime under an existing cluster (call before any pod exists).
    pub fn with_cluster(mut cluster: Cluster) -> Playground {
        let runtime = SharedRuntime(Rc::new(RefCell::new(PodRuntime::new())));
        cluster.set_runtime(Box::new(runtime.clone()));
        Playground { cluster, runtime }
    }

    /// Runs one terminal line.
    pub fn run(&mut self, line: &str, ctx: &Context) -> CommandOutput {
        run_with(self, line, ctx)
    }

    fn uid(&self, namespace: &str, pod: &str) -> Result<String, ApiError> {
        self.cluster.pod(namespace, pod).map(|p| p.uid).ok_or_else(|| ApiError::not_found("pods", pod))
    }
}

/// The API server's answer for a pod that is not bound to a node yet.
fn no_host(pod: &str) -> ApiError {
    ApiError {
        reason: "BadRequest".into(),
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

    fn pods(&self) -> Vec<Pod> {
        Backend::pods(&self.cluster)
    }

    fn nodes(&self) -> Vec<Node> {
        Backend::nodes(&self.cluster)
    }

    fn node_ready(&self, name: &str) -> bool {
        Backend::node_ready(&self.cluster, name)
    }

    fn workloads(&self) -> Vec<WorkloadRow> {
        Backend::workloads(&self.cluster)
    }

    fn delete_workload(&mut self, kind: &str, namespace: &str, name: &str) -> Result<(), ApiError> {
        Backend::delete_workload(&mut self.cluster, kind, namespace, name)
    }

    fn scale(&mut self, kind: &str, namespace: &str, name: &str, replicas: i32) -> Result<(), ApiError> {
        Backend::scale(&mut self.cluster, kind, namespace, name, replicas)
    }

    fn node_internal_ip(&self, name: &str) -> Option<String> {
        Backend::node_internal_ip(&self.cluster, name)
    }

    fn events(&self) -> Vec<EventView> {
        Backend::events(&self.cluster)
    }

    fn apply(&mut self, doc: &str, namespace: &str, create_only: bool) -> Result<(String, String, ApplyResult), ApiError> {
        Backend::apply(&mut self.cluster, doc, namespace, create_only)
    }

    fn delete_pod(&mut self, namespace: &str, name: &str, grace_secs: Option<i64>) -> Result<(), ApiError> {
        Backend::delete_pod(&mut self.cluster, namespace, name, grace_secs)
    }

    fn set_pod_metadata(
        &mut self,
        namespace: &str,
        name: &str,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    ) -> Result<(), ApiError> {
        Backend::set_pod_metadata(&mut self.cluster, namespace, name, labels, annotations)
    }

    fn set_node_metadata(
        &mut self,
        name: &str,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    ) -> Result<(), ApiError> {
        Backend::set_node_metadata(&mut self.cluster, name, labels, annotations)
    }

    fn set_unschedulable(&mut self, name: &str, unschedulable: bool) -> Result<(), ApiError> {
        Backend::set_unschedulable(&mut self.cluster, name, unschedulable)
    }

    fn advance(&mut self, ms: u64) {
        self.cluster.advance_by(ms);
    }

    /// The kubelet's log endpoint: a waiting container has no log yet, and
    /// `--previous` needs a restart (messages from `pkg/kubelet/kubelet_pods.go`
    /// `validateContainerLogStatus`).
    fn logs(&self, namespace: &str, pod: &str, container: &str, previous: bool, timestamps: bool) -> Result<String, ApiError> {
        let view = self.cluster.pod(namespace, pod).ok_or_else(|| ApiError::not_found("pods", pod))?;
        if view.node.is_none() {
            return Err(no_host(pod));
        }
        let status = view.container(container);
        let restarts = status.map(|s| s.restart_count).unwrap_or(0);
        if previous && restarts == 0 {
            return Err(ApiError::new(
                "BadRequest",
                format!("previous terminated container \"{container}\" in pod \"{pod}\" not found"),
            ));
        }
        if !previous {
            let waiting = status.and_then(|s| s.state.waiting_reason().map(str::to_string));
            match (status, waiting) {
                (None, _) => {
                    return Err(ApiError::new(
                        "BadRequest",
                        format!("container \"{container}\" in pod \"{pod}\" is waiting to start: ContainerCreating"),
                    ))
                }
                (Some(_), Some(reason)) if restarts == 0 => {
                    return Err(ApiError::new(
                        "BadRequest",
                        format!("container \"{container}\" in pod \"{pod}\" is waiting to start: {reason}"),
                    ))
                }
                _ => {}
            }
        }
        let id = ContainerId { pod_uid: view.uid.clone(), container: container.to_string() };
        let lines = self.runtime.0.try_borrow().map(|r| r.logs(&id, previous)).unwrap_or_default();
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

    fn exec(&mut self, namespace: &str, pod: &str, container: &str, argv: &[String]) -> Result<ExecOutput, ApiError> {
        let view = self.cluster.pod(namespace, pod).ok_or_else(|| ApiError::not_found("pods", pod))?;
        if view.node.is_none() {
            return Err(no_host(pod));
        }
        if !view.container(container).is_some_and(|s| s.state.is_running()) {
            return Err(ApiError {
                reason: String::new(),
                message: format!("unable to upgrade connection: container not found (\"{container}\")"),
                explain: Some(crate::text::Text::new(
                    format!("{container} 컨테이너가 실행 중이 아닙니다. `kubectl get pod {pod}`로 상태를 확인하세요."),
                    format!("Container {container} is not running. Check `kubectl get pod {pod}`."),
                )),
            });
        }
        let uid = view.uid.clone();
        let now = self.cluster.now();
        let id = ContainerId { pod_uid: uid, container: container.to_string() };
        let result = match self.runtime.0.try_borrow_mut() {
            Ok(mut r) => r.exec(&id, argv, now),
            Err(_) => return Err(ApiError::unavailable("kubectl exec")),
        };
        match result {
            Ok(o) => Ok(ExecOutput { stdout: o.stdout, stderr: o.stderr, exit_code: o.exit_code }),
            Err(text) => Err(ApiError { reason: String::new(), message: text.en.clone(), explain: Some(text) }),
        }
    }

    fn pod_usage(&self, namespace: &str, pod: &str) -> Option<Vec<ContainerUsage>> {
        let view = self.cluster.pod(namespace, pod)?;
        if view.phase.as_str() != "Running" {
            return None;
        }
        let usage = self.runtime.0.try_borrow().ok()?.usage(&view.uid);
        if usage.is_empty() {
            return None;
        }
        Some(
            usage
                .into_iter()
                .map(|u| ContainerUsage { name: u.container, cpu_millis: u.cpu_millicores, memory_bytes: u.memory_bytes })
                .collect(),
        )
    }

    fn port_forward(&mut self, namespace: &str, pod: &str, local: u16, remote: u16) -> Result<Vec<String>, ApiError> {
        let uid = self.uid(namespace, pod)?;
        let now = self.cluster.now();
        let answer = match self.runtime.0.try_borrow_mut() {
            Ok(mut r) => r.port_forward_request(&uid, remote, "/", now),
            Err(_) => return Err(ApiError::unavailable("kubectl port-forward")),
        };
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
}
