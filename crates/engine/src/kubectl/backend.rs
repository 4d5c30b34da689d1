//! What kubectl needs from a cluster: the API server's verbs (list, apply,
//! delete, patch metadata, cordon) plus the kubelet's streaming endpoints
//! (logs, exec, port-forward) and metrics-server (top), as one trait.
//!
//! kubectl itself is a client: it renders what the API returns. Keeping the
//! interpreter behind this trait lets it be tested against a small fake
//! and driven by the real simulation, [`super::Playground`], in the app.

use std::collections::BTreeMap;

pub use crate::cluster::ErrorReason;
use crate::model::{Node, Pod, Taint};
use crate::text::Text;
use crate::time::SimTime;

/// An error as the API server reports it (`metav1.Status` with a reason).
#[derive(Clone, Debug, PartialEq)]
pub struct StatusError {
    /// `NotFound`, `AlreadyExists`, `Invalid`, `BadRequest`, `Forbidden`, …;
    /// [`ErrorReason::Unknown`] for a client-side error (printed as
    /// `error: …`). Compares with the reason's name (`e.reason == "Invalid"`).
    pub reason: ErrorReason,
    /// The server's message, verbatim (`pods "x" not found`).
    pub message: String,
    /// Our explanation for the learner, if any.
    pub explain: Option<Text>,
}

impl StatusError {
    /// An error with the reason named as the API spells it (`"NotFound"`).
    pub fn new(reason: &str, message: impl Into<String>) -> StatusError {
        StatusError::with_reason(ErrorReason::from_name(reason), message)
    }

    /// An error with a typed reason.
    pub fn with_reason(reason: ErrorReason, message: impl Into<String>) -> StatusError {
        StatusError { reason, message: message.into(), explain: None }
    }

    /// An error kubectl reports itself, with no server reason (`error: …`).
    pub fn client(message: impl Into<String>, explain: Text) -> StatusError {
        StatusError { explain: Some(explain), ..StatusError::with_reason(ErrorReason::Unknown, message) }
    }

    /// `pods "x" not found`, as `Error from server (NotFound)` prints it.
    pub fn not_found(resource: &str, name: &str) -> StatusError {
        StatusError::new("NotFound", format!("{resource} \"{name}\" not found"))
    }

    /// A feature of the simulation another part of the engine does not provide yet.
    pub fn unavailable(what: &str) -> StatusError {
        StatusError {
            reason: ErrorReason::ServiceUnavailable,
            message: format!("{what} is not available in this playground yet"),
            explain: Some(Text::new(
                format!("{what} 기능은 아직 이 플레이그라운드에서 지원하지 않습니다."),
                format!("{what} is not supported by this playground yet."),
            )),
        }
    }

    /// The line kubectl prints: `Error from server (NotFound): pods "x" not found`.
    pub fn line(&self) -> String {
        if self.reason == ErrorReason::Unknown {
            return format!("error: {}", self.message);
        }
        format!("Error from server ({}): {}", self.reason, self.message)
    }
}

/// One event, as `kubectl get events` and `describe` show it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventView {
    pub namespace: String,
    /// `Normal` or `Warning`.
    pub type_: String,
    pub reason: String,
    /// The involved object's kind (`Pod`, `Node`) and name.
    pub object_kind: String,
    pub object_name: String,
    /// The part of the object it is about (`spec.containers{app}`), or empty.
    pub field_path: String,
    /// The reporting component (`default-scheduler`, `kubelet`).
    pub source: String,
    pub message: String,
    pub first_seen: SimTime,
    pub last_seen: SimTime,
    pub count: u32,
    /// The node that reported it (kubelet events), empty otherwise.
    pub host: String,
}

impl EventView {
    /// The event object's name: the involved object's name and the first
    /// time in Unix nanoseconds, in hex, as client-go's event recorder names
    /// events (`tools/record/event.go` `makeEvent`).
    /// The virtual clock counts milliseconds, so events recorded in the same
    /// millisecond are told apart by a digest of their reason and message
    /// standing in for the nanoseconds.
    pub fn name(&self) -> String {
        let mut h = crate::hash::Fnv1a64::new();
        h.write(self.reason.as_bytes());
        h.write(self.message.as_bytes());
        let h = h.finish();
        format!("{}.{:x}", self.object_name, self.first_seen.unix_nanos().saturating_add(h % 1_000_000))
    }

    /// The SOURCE column: `kubelet, worker-1`, or the component alone.
    /// Follows printers.go `formatEventSource`.
    pub fn source_text(&self) -> String {
        if self.host.is_empty() {
            self.source.clone()
        } else {
            format!("{}, {}", self.source, self.host)
        }
    }
}

/// One workload (Deployment, ReplicaSet or Job) with its status counts, as
/// `kubectl get deploy,rs,job` shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkloadRow {
    /// `Deployment`, `ReplicaSet` or `Job`.
    pub kind: String,
    pub namespace: String,
    pub name: String,
    /// Replicas asked for (Jobs: completions).
    pub desired: i32,
    pub current: i32,
    pub ready: i32,
    pub succeeded: i32,
    /// Jobs: `Running`, `Complete` or `Failed`.
    pub status: String,
    pub created: Option<SimTime>,
    /// Jobs: when the job completed.
    pub completed: Option<SimTime>,
    /// The object itself, for `-o yaml|json|jsonpath`, when the backend
    /// has it.
    pub object: Option<crate::model::Workload>,
    /// Pods that have been ready long enough (`availableReplicas`).
    pub available: i32,
    /// Deployments: pods of the newest ReplicaSet (`updatedReplicas`, UP-TO-DATE).
    pub updated: i32,
    /// The generation the controller last acted on.
    pub observed_generation: i64,
    /// `status.conditions` (Deployments: `Available`, `Progressing`).
    pub conditions: Vec<crate::cluster::controllers::WorkloadCondition>,
    /// CronJobs: when a Job was last scheduled, and the Jobs still running.
    pub last_schedule: Option<SimTime>,
    pub active: Vec<String>,
}

/// What an apply or create did to one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplyResult {
    Created,
    Configured,
    Unchanged,
}

/// What happens to the pod when an interactive session ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionEnd {
    /// `kubectl exec -it`: nothing.
    Nothing,
    /// `kubectl run -it`, `attach -it` on a pod that restarts: kubectl
    /// says how to attach again.
    Resume,
    /// `kubectl run -it --rm`: the pod is deleted.
    Delete,
}

/// What `kubectl exec` got back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExecOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

/// The usage of one container, as metrics-server reports it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContainerMetrics {
    pub name: String,
    pub cpu_millis: u64,
    pub memory_bytes: u64,
}

impl From<crate::cluster::ApiError> for StatusError {
    /// The cluster's error as kubectl prints it, with its explanation.
    fn from(e: crate::cluster::ApiError) -> StatusError {
        StatusError { reason: e.reason, message: e.message, explain: Some(e.explain) }
    }
}

/// The cluster, as kubectl sees it. Every method is total: errors are values.
pub trait Backend {
    /// The current virtual time.
    fn now(&self) -> SimTime;
    /// The next virtual time at which anything would happen (a timer or a
    /// program's wake-up), in quinn-proto's `poll_timeout` style; `None`
    /// when nothing is scheduled. A watch can sleep until then.
    fn poll_timeout(&self) -> Option<SimTime> {
        None
    }
    /// Every pod in every namespace, with its status.
    fn pods(&self) -> Vec<Pod>;
    /// Every node.
    fn nodes(&self) -> Vec<Node>;
    /// Every workload in every namespace.
    fn workloads(&self) -> Vec<WorkloadRow> {
        Vec::new()
    }
    /// Deletes a workload (its pods go with it).
    fn delete_workload(&mut self, _kind: &str, _namespace: &str, _name: &str) -> Result<(), StatusError> {
        Err(StatusError::unavailable("deleting workloads"))
    }
    /// Whether the node's Ready condition is true.
    /// `kubectl scale`: sets a Deployment's or ReplicaSet's replicas.
    fn scale(&mut self, _kind: &str, _namespace: &str, _name: &str, _replicas: i32) -> Result<(), StatusError> {
        Err(StatusError::unavailable("kubectl scale"))
    }

    fn node_ready(&self, _name: &str) -> bool {
        true
    }
    /// The node's InternalIP address, if the cluster knows it.
    fn node_internal_ip(&self, _name: &str) -> Option<String> {
        None
    }
    /// Every event in every namespace, oldest first.
    fn events(&self) -> Vec<EventView>;
    /// Applies (or, with `create_only`, creates) one object given as the text
    /// of a single document: JSON, as kubectl sends it (YAML is read too).
    /// `namespace` is the default for objects without one.
    fn apply(
        &mut self,
        doc: &str,
        namespace: &str,
        create_only: bool,
    ) -> Result<(String, String, ApplyResult), StatusError>;
    /// Deletes a pod. `grace_secs` overrides the pod's grace period.
    fn delete_pod(&mut self, namespace: &str, name: &str, grace_secs: Option<i64>) -> Result<(), StatusError>;
    /// Replaces a pod's labels and annotations.
    fn set_pod_metadata(
        &mut self,
        namespace: &str,
        name: &str,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    ) -> Result<(), StatusError>;
    /// Replaces a node's labels and annotations.
    fn set_node_metadata(
        &mut self,
        _name: &str,
        _labels: BTreeMap<String, String>,
        _annotations: BTreeMap<String, String>,
    ) -> Result<(), StatusError> {
        Err(StatusError::unavailable("labelling nodes"))
    }
    /// Marks a node (un)schedulable.
    fn set_unschedulable(&mut self, name: &str, unschedulable: bool) -> Result<(), StatusError>;
    /// Advances virtual time by `ms`.
    fn advance(&mut self, ms: u64);
    /// A container's log (the current or the previous instance), each line
    /// prefixed with its RFC 3339 time when `timestamps` is set.
    fn logs(
        &self,
        _namespace: &str,
        _pod: &str,
        _container: &str,
        _previous: bool,
        _timestamps: bool,
    ) -> Result<String, StatusError> {
        Err(StatusError::unavailable("kubectl logs"))
    }
    /// Runs a command in a container.
    fn exec(
        &mut self,
        _namespace: &str,
        _pod: &str,
        _container: &str,
        _argv: &[String],
    ) -> Result<ExecOutput, StatusError> {
        Err(StatusError::unavailable("kubectl exec"))
    }
    /// The usage of every container of a pod (metrics-server).
    fn pod_usage(&self, _namespace: &str, _pod: &str) -> Option<Vec<ContainerMetrics>> {
        None
    }
    /// Simulates a connection through `kubectl port-forward` and returns the
    /// lines it prints (`Handling connection for 8080`).
    fn port_forward(
        &mut self,
        _namespace: &str,
        _pod: &str,
        _local: u16,
        _remote: u16,
    ) -> Result<Vec<String>, StatusError> {
        Ok(Vec::new())
    }
    /// `kubectl patch --subresource=resize`: new resources for a pod's
    /// containers (by name); whether anything changed.
    fn resize_pod(
        &mut self,
        _namespace: &str,
        _name: &str,
        _resources: &[(String, Option<crate::model::ResourceRequirements>)],
    ) -> Result<bool, StatusError> {
        Err(StatusError::unavailable("resizing pods"))
    }
    /// Every namespace, as the API returns it (JSON).
    fn namespaces(&self) -> Vec<serde_json::Value> {
        Vec::new()
    }
    /// Every ConfigMap or Secret (`kind`) in every namespace, as JSON.
    fn data_objects(&self, _kind: &str) -> Vec<serde_json::Value> {
        Vec::new()
    }
    /// Deletes a namespace: it turns Terminating, then goes with what it holds.
    fn delete_namespace(&mut self, _name: &str) -> Result<(), StatusError> {
        Err(StatusError::unavailable("deleting namespaces"))
    }
    /// Deletes a ConfigMap or Secret.
    fn delete_data(&mut self, _kind: &str, _namespace: &str, _name: &str) -> Result<(), StatusError> {
        Err(StatusError::unavailable("deleting configmaps and secrets"))
    }
    /// The namespace of the kubeconfig's current context, when one is set
    /// (`kubectl config set-context --current --namespace=X`).
    fn context_namespace(&self) -> Option<String> {
        None
    }
    /// Sets (or, with `None`, clears) the current context's namespace.
    fn set_context_namespace(&mut self, _namespace: Option<String>) {}
    /// `kubectl taint`: replaces a node's `spec.taints`.
    fn set_node_taints(&mut self, _name: &str, _taints: Vec<Taint>) -> Result<(), StatusError> {
        Err(StatusError::unavailable("kubectl taint"))
    }
    /// `kubectl debug`: adds an ephemeral container through the pod's
    /// `ephemeralcontainers` subresource.
    fn add_ephemeral_container(
        &mut self,
        _namespace: &str,
        _pod: &str,
        _container: crate::model::EphemeralContainer,
    ) -> Result<(), StatusError> {
        Err(StatusError::unavailable("ephemeral containers"))
    }
    /// A random suffix of `n` characters from the simulation's seeded RNG,
    /// for the names kubectl makes up (`debugger-8xzjq`).
    fn name_suffix(&mut self, n: usize) -> String {
        "bcdfghjklmnpqrstvwxz2456789".chars().cycle().skip(self.now().as_millis() as usize % 27).take(n).collect()
    }
    /// `kubectl exec -it … -- sh` (and `run`/`debug`/`attach -it`): opens
    /// an interactive shell (`program`) in a running container; the
    /// terminal's next lines run in it until `exit`. `delete_on_exit` is
    /// `run --rm`, `resume_hint` the attach hint for a pod that restarts.
    fn open_session(
        &mut self,
        _namespace: &str,
        _pod: &str,
        _container: &str,
        _program: &str,
        _on_exit: SessionEnd,
    ) -> Result<(), StatusError> {
        Err(StatusError::unavailable("interactive sessions"))
    }
    /// The `resize` subresource with pod-level resources and resize
    /// policies too: stores what a resize may change from `spec`; whether
    /// anything changed. Backends without pod-level resources resize the
    /// containers alone.
    fn resize_pod_spec(
        &mut self,
        namespace: &str,
        name: &str,
        spec: &crate::model::PodSpec,
    ) -> Result<bool, StatusError> {
        let resources: Vec<(String, Option<crate::model::ResourceRequirements>)> =
            spec.containers.iter().map(|c| (c.name.clone(), c.resources.clone())).collect();
        self.resize_pod(namespace, name, &resources)
    }
}
