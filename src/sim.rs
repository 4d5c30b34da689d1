//! The app's handle on the engine: a `Cluster` whose container runtime is
//! the engine's `PodRuntime`, shared with the app through an
//! `Rc<RefCell<…>>` so that the pod view can look inside pods. A thin tap
//! around the runtime copies the traffic events the kubelet drains (the
//! cluster keeps none) and remembers each pod's runtime UID. Commands go
//! through kubectl, with `logs`/`exec`/`top` answered by the runtime.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use podplay_engine::cluster::NodeView;
use podplay_engine::internals::query::PodView as Inside;
use podplay_engine::internals::{LogLine, PodRuntime};
use podplay_engine::lessons::{evaluate_all, Check, CheckResult, Facts};
use podplay_engine::kubectl::{self, ApiError, ApplyResult, Backend, CommandOutput, Context, EventView, ExecOutput};
use podplay_engine::model::{Container, Node, Pod};
use podplay_engine::runtime::{
    ContainerId, ContainerRuntime, ProbeAction, ProbeResult, RuntimeEvent, SandboxSpec, Signal, StartError, Traffic,
};
use podplay_engine::scheduler::SchedulingTable;
use podplay_engine::{Cluster, Lang, PodView, SimTime, Text};

/// The most traffic events kept for the timeline (a limit on everything).
pub const TRAFFIC_MAX: usize = 2_000;
/// The most text the applied log keeps; past it, only the latest manifest is kept.
const APPLIED_LOG_MAX: usize = 256 * 1024;
/// The most nodes `?nodes=` may ask for.
pub const NODES_MAX: usize = 10_000;
/// The cluster's seed: the same inputs always give the same run.
const SEED: u64 = 7;

#[derive(Default)]
struct Tap {
    traffic: VecDeque<Traffic>,
    /// (namespace, name) → the runtime's pod UID.
    uids: BTreeMap<(String, String), String>,
}

/// The runtime the cluster drives: the shared `PodRuntime`, observed.
struct Tapped {
    inner: Rc<RefCell<PodRuntime>>,
    tap: Rc<RefCell<Tap>>,
}

impl ContainerRuntime for Tapped {
    fn create_sandbox(&mut self, sandbox: &SandboxSpec<'_>, now: SimTime) {
        let meta = &sandbox.pod.metadata;
        let ns = if meta.namespace.is_empty() { "default" } else { &meta.namespace };
        self.tap.borrow_mut().uids.insert((ns.to_string(), meta.name.clone()), sandbox.pod_uid.to_string());
        self.inner.borrow_mut().create_sandbox(sandbox, now);
    }
    fn start(&mut self, id: &ContainerId, container: &Container, now: SimTime) -> Result<(), StartError> {
        self.inner.borrow_mut().start(id, container, now)
    }
    fn advance(&mut self, now: SimTime) -> Vec<RuntimeEvent> {
        let events = self.inner.borrow_mut().advance(now);
        let mut tap = self.tap.borrow_mut();
        for e in &events {
            if let RuntimeEvent::Traffic(t) = e {
                if tap.traffic.len() >= TRAFFIC_MAX {
                    tap.traffic.pop_front();
                }
                tap.traffic.push_back(t.clone());
            }
        }
        events
    }
    fn next_wakeup(&self) -> Option<SimTime> {
        self.inner.borrow().next_wakeup()
    }
    fn probe(&mut self, id: &ContainerId, action: &ProbeAction, now: SimTime) -> ProbeResult {
        self.inner.borrow_mut().probe(id, action, now)
    }
    fn signal(&mut self, id: &ContainerId, signal: Signal, now: SimTime) {
        self.inner.borrow_mut().signal(id, signal, now)
    }
    fn remove_sandbox(&mut self, pod_uid: &str, now: SimTime) {
        self.tap.borrow_mut().uids.retain(|_, uid| uid != pod_uid);
        self.inner.borrow_mut().remove_sandbox(pod_uid, now)
    }
    fn pull_image(&mut self, image: &str, now: SimTime) -> Result<(), StartError> {
        self.inner.borrow_mut().pull_image(image, now)
    }
}

pub struct Sim {
    cluster: Cluster,
    runtime: Rc<RefCell<PodRuntime>>,
    tap: Rc<RefCell<Tap>>,
    /// Every manifest applied so far, as one multi-document YAML: applying it
    /// to a fresh cluster recreates the pods (what a reload restores).
    applied_log: String,
    /// The terminal lines run, newest last (lesson `command-run` checks).
    commands: Vec<String>,
}

/// The most terminal lines kept for lesson checks.
const COMMANDS_MAX: usize = 1_000;

impl Default for Sim {
    fn default() -> Sim {
        Sim::new()
    }
}

/// kubectl's view of the cluster, with the runtime answering what the
/// cluster alone cannot (logs, exec, top).
struct AppBackend<'a> {
    cluster: &'a mut Cluster,
    runtime: &'a Rc<RefCell<PodRuntime>>,
    tap: &'a Rc<RefCell<Tap>>,
}

impl AppBackend<'_> {
    fn id(&self, namespace: &str, pod: &str, container: &str) -> Result<ContainerId, ApiError> {
        let uid = self.tap.borrow().uids.get(&(namespace.to_string(), pod.to_string())).cloned();
        match uid {
            Some(pod_uid) => Ok(ContainerId { pod_uid, container: container.to_string() }),
            None => Err(ApiError::not_found("pods", pod)),
        }
    }
}

impl Backend for AppBackend<'_> {
    fn now(&self) -> SimTime {
        Backend::now(&*self.cluster)
    }
    fn pods(&self) -> Vec<Pod> {
        Backend::pods(&*self.cluster)
    }
    fn nodes(&self) -> Vec<Node> {
        Backend::nodes(&*self.cluster)
    }
    fn workloads(&self) -> Vec<kubectl::backend::WorkloadRow> {
        Backend::workloads(&*self.cluster)
    }
    fn delete_workload(&mut self, kind: &str, namespace: &str, name: &str) -> Result<(), ApiError> {
        Backend::delete_workload(self.cluster, kind, namespace, name)
    }
    fn explain(&self, path: &str) -> Option<String> {
        Backend::explain(&*self.cluster, path)
    }
    fn port_forward(&mut self, namespace: &str, pod: &str, local: u16, remote: u16) -> Result<Vec<String>, ApiError> {
        Backend::port_forward(self.cluster, namespace, pod, local, remote)
    }
    fn node_ready(&self, name: &str) -> bool {
        Backend::node_ready(&*self.cluster, name)
    }
    fn node_internal_ip(&self, name: &str) -> Option<String> {
        Backend::node_internal_ip(&*self.cluster, name)
    }
    fn events(&self) -> Vec<EventView> {
        Backend::events(&*self.cluster)
    }
    fn apply(&mut self, doc: &str, namespace: &str, create_only: bool) -> Result<(String, String, ApplyResult), ApiError> {
        Backend::apply(self.cluster, doc, namespace, create_only)
    }
    fn delete_pod(&mut self, namespace: &str, name: &str, grace_secs: Option<i64>) -> Result<(), ApiError> {
        Backend::delete_pod(self.cluster, namespace, name, grace_secs)
    }
    fn set_pod_metadata(
        &mut self,
        namespace: &str,
        name: &str,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    ) -> Result<(), ApiError> {
        Backend::set_pod_metadata(self.cluster, namespace, name, labels, annotations)
    }
    fn set_node_metadata(
        &mut self,
        name: &str,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    ) -> Result<(), ApiError> {
        Backend::set_node_metadata(self.cluster, name, labels, annotations)
    }
    fn set_unschedulable(&mut self, name: &str, unschedulable: bool) -> Result<(), ApiError> {
        Backend::set_unschedulable(self.cluster, name, unschedulable)
    }
    fn advance(&mut self, ms: u64) {
        self.cluster.advance_by(ms);
    }
    fn logs(&self, namespace: &str, pod: &str, container: &str, previous: bool, timestamps: bool) -> Result<String, ApiError> {
        let id = self.id(namespace, pod, container)?;
        let lines = self.runtime.borrow().logs(&id, previous);
        Ok(lines
            .iter()
            .map(|l| if timestamps { format!("{} {}\n", l.at.rfc3339(), l.line) } else { format!("{}\n", l.line) })
            .collect())
    }
    fn exec(&mut self, namespace: &str, pod: &str, container: &str, argv: &[String]) -> Result<ExecOutput, ApiError> {
        let id = self.id(namespace, pod, container)?;
        let now = self.cluster.now();
        match self.runtime.borrow_mut().exec(&id, argv, now) {
            Ok(out) => Ok(ExecOutput { stdout: out.stdout, stderr: out.stderr, exit_code: out.exit_code }),
            Err(why) => Err(ApiError::new("BadRequest", why.en)),
        }
    }
    fn pod_usage(&self, namespace: &str, pod: &str) -> Option<Vec<kubectl::ContainerUsage>> {
        let uid = self.tap.borrow().uids.get(&(namespace.to_string(), pod.to_string())).cloned()?;
        let usage = self.runtime.borrow().usage(&uid);
        Some(
            usage
                .into_iter()
                .map(|u| kubectl::ContainerUsage { name: u.container, cpu_millis: u.cpu_millicores, memory_bytes: u.memory_bytes })
                .collect(),
        )
    }
}

impl Sim {
    pub fn new() -> Sim {
        Sim::with_nodes(0)
    }

    /// A cluster with `nodes` nodes in all (at least the default three; more
    /// are 4-CPU, 8 GiB workers), for classrooms that want a big cluster
    /// (`?nodes=5000`). Capped at [`NODES_MAX`].
    pub fn with_nodes(nodes: usize) -> Sim {
        let runtime = Rc::new(RefCell::new(PodRuntime::new()));
        let tap = Rc::new(RefCell::new(Tap::default()));
        let mut list = podplay_engine::cluster::default_nodes();
        for i in list.len()..nodes.min(NODES_MAX) {
            list.push(podplay_engine::cluster::worker_node(&format!("worker-{i}"), "4", "8Gi"));
        }
        let mut cluster = Cluster::with_nodes(SEED, list);
        cluster.set_runtime(Box::new(Tapped { inner: runtime.clone(), tap: tap.clone() }));
        Sim { cluster, runtime, tap, applied_log: String::new(), commands: Vec::new() }
    }

    pub fn now(&self) -> SimTime {
        self.cluster.now()
    }

    /// Judges a lesson's checks against this cluster, the editor's text and
    /// the commands run, exactly as the engine's lesson replay does.
    pub fn lesson_results(&self, checks: &[Check], editor: &str) -> Vec<CheckResult> {
        let Ok(runtime) = self.runtime.try_borrow() else { return Vec::new() };
        let facts = Facts { cluster: &self.cluster, runtime: &runtime, editor, commands: &self.commands };
        evaluate_all(checks, &facts)
    }

    pub fn applied_log(&self) -> &str {
        &self.applied_log
    }

    /// Moves the virtual clock forward.
    pub fn advance_by(&mut self, ms: u64) {
        self.cluster.advance_by(ms);
    }

    /// Runs one terminal line through kubectl; `editor` is `-f editor.yaml`.
    pub fn run(&mut self, line: &str, lang: Lang, editor: &str) -> CommandOutput {
        if self.commands.len() >= COMMANDS_MAX {
            self.commands.remove(0);
        }
        self.commands.push(line.trim().to_string());
        let mut ctx = Context::with_editor(editor);
        ctx.lang = lang;
        let mut backend = AppBackend { cluster: &mut self.cluster, runtime: &self.runtime, tap: &self.tap };
        kubectl::run_with(&mut backend, line, &ctx)
    }

    /// Tab completion candidates for the word ending at the end of `line`.
    pub fn complete(&mut self, line: &str, editor: &str) -> Vec<String> {
        let ctx = Context::with_editor(editor);
        let backend = AppBackend { cluster: &mut self.cluster, runtime: &self.runtime, tap: &self.tap };
        kubectl::complete(&backend, line, line.len(), &ctx)
    }

    /// `kubectl apply -f` of the editor's text. Ok is kubectl's stdout
    /// (`pod/hello created`); Err is its error with the explanation.
    pub fn apply_yaml(&mut self, source: &str, lang: Lang) -> Result<String, Text> {
        let out = self.run("kubectl apply -f editor.yaml", lang, source);
        if out.exit_code != 0 {
            let message = out.stderr.trim().to_string();
            return Err(match out.explain {
                Some(t) => Text::new(format!("{message}\n{}", t.ko), format!("{message}\n{}", t.en)),
                None => Text::new(message.clone(), message),
            });
        }
        if !self.applied_log.is_empty() && self.applied_log.len() + source.len() < APPLIED_LOG_MAX {
            self.applied_log.push_str("\n---\n");
        } else {
            self.applied_log.clear();
        }
        self.applied_log.push_str(source);
        Ok(out.stdout.trim().to_string())
    }

    pub fn pods(&self) -> Vec<PodView> {
        self.cluster.pods()
    }

    /// A pod by name, in any namespace (the first found).
    pub fn pod(&self, name: &str) -> Option<PodView> {
        let (ns, _) = self.cluster.pod_names().into_iter().find(|(_, n)| n == name)?;
        self.cluster.pod(&ns, name)
    }

    pub fn nodes(&self) -> Vec<NodeView> {
        self.cluster.nodes()
    }

    pub fn events(&self) -> Vec<EventView> {
        Backend::events(&self.cluster)
    }

    pub fn scheduling_table(&self, namespace: &str, name: &str) -> Option<SchedulingTable> {
        self.cluster.scheduling_table(namespace, name)
    }

    /// What is inside a pod: namespaces, processes, volumes (from the runtime).
    pub fn inside(&self, namespace: &str, name: &str) -> Option<Inside> {
        let uid = self.tap.borrow().uids.get(&(namespace.to_string(), name.to_string())).cloned()?;
        self.runtime.borrow().inspect(&uid)
    }

    /// One container's log lines (current instance).
    pub fn logs(&self, namespace: &str, name: &str, container: &str) -> Vec<LogLine> {
        let Some(pod_uid) = self.tap.borrow().uids.get(&(namespace.to_string(), name.to_string())).cloned() else {
            return Vec::new();
        };
        self.runtime.borrow().logs(&ContainerId { pod_uid, container: container.to_string() }, false)
    }

    /// The traffic of one pod seen so far, oldest first.
    pub fn traffic(&self, namespace: &str, name: &str) -> Vec<Traffic> {
        let tap = self.tap.borrow();
        let Some(uid) = tap.uids.get(&(namespace.to_string(), name.to_string())) else { return Vec::new() };
        tap.traffic.iter().filter(|t| &t.pod_uid == uid).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::STARTER_YAML;

    #[test]
    fn an_applied_pod_reaches_running() {
        let mut sim = Sim::new();
        let out = sim.apply_yaml(STARTER_YAML, Lang::En).unwrap();
        assert_eq!(out, "pod/hello created");
        sim.advance_by(30_000);
        let pod = sim.pod("hello").unwrap();
        assert_eq!(pod.status, "Running", "{pod:?}");
        let inside = sim.inside(&pod.namespace, "hello").expect("the runtime knows the pod");
        assert_eq!(inside.containers.len(), 1);
        assert!(sim.applied_log().contains("name: hello"));
    }

    #[test]
    fn refuses_what_it_cannot_apply() {
        let mut sim = Sim::new();
        assert!(sim.apply_yaml("kind: Pod\nmetadata: {}\nspec: {containers: []}\n", Lang::En).is_err());
        assert!(sim.pods().is_empty());
    }

    #[test]
    fn kubectl_logs_and_exec_reach_the_runtime() {
        let mut sim = Sim::new();
        sim.apply_yaml(STARTER_YAML, Lang::En).unwrap();
        sim.advance_by(30_000);
        let out = sim.run("kubectl get pods", Lang::En, "");
        assert!(out.stdout.contains("hello") && out.stdout.contains("Running"), "{out:?}");
        let out = sim.run("kubectl exec hello -- hostname", Lang::En, "");
        assert_eq!(out.stdout.trim(), "hello", "{out:?}");
        assert!(sim.complete("kubectl get po", "").contains(&"pods".to_string()));
    }
}

#[cfg(test)]
mod traffic_tests {
    use super::*;

    #[test]
    fn a_sidecar_writing_to_a_shared_volume_makes_traffic() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: duo\nspec:\n  volumes: [{name: logs, emptyDir: {}}]\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [sh, -c, 'while true; do echo tick >> /var/log/app.log; sleep 2; done']\n    volumeMounts: [{name: logs, mountPath: /var/log}]\n  - name: shipper\n    image: busybox:1.36\n    command: [sh, -c, 'tail -F /logs/app.log']\n    volumeMounts: [{name: logs, mountPath: /logs}]\n";
        let mut sim = Sim::new();
        sim.apply_yaml(yaml, Lang::En).unwrap();
        sim.advance_by(30_000);
        let traffic = sim.traffic("default", "duo");
        assert!(traffic.iter().any(|t| t.from == "app" && t.to == "logs"), "volume writes show up as traffic: {traffic:?}");
    }
}
