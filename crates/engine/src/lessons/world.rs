//! `ClusterSim`: the lessons' `Sim` and `World` on the whole simulation, the
//! kubectl [`Playground`] (cluster, scheduler, kubelets and the pod-internals
//! runtime), with an editor, the manifest last applied and a terminal.
//!
//! Applying and commands go through kubectl exactly as the learner's terminal
//! does, so a lesson's solution is replayed the way a learner would type it.

use std::collections::BTreeMap;

use super::eval::{ContainerFacts, DiagnosticFacts, EventFacts, ObjectFacts, PodFacts, TrafficFacts, World};
use super::replay::Sim;
use super::schema::{ContainerStateKind, NodeSetup, NsKind, Setup};
use crate::cluster::{self, Cluster, PodView};
use crate::internals::PodRuntime;
use crate::kubectl::{Context, Playground, EDITOR_FILE};
use crate::kubelet::status::ContainerState;
use crate::model;
use crate::runtime::ContainerId;
use crate::text::Text;

/// The upper bound of recorded commands.
const COMMANDS_MAX: usize = 10_000;

/// A lesson's cluster, editor and terminal.
pub struct ClusterSim {
    seed: u64,
    pg: Playground,
    /// The editor's text (`-f editor.yaml`).
    editor: String,
    /// The manifest last applied (or tried); `None` before any apply.
    applied: Option<String>,
    /// Lesson files `-f` can name besides the editor.
    files: BTreeMap<String, String>,
    /// The terminal lines that succeeded, oldest first.
    commands: Vec<String>,
}

impl ClusterSim {
    /// A simulation with the default cluster.
    pub fn new(seed: u64) -> ClusterSim {
        ClusterSim {
            seed,
            pg: Playground::new(seed),
            editor: String::new(),
            applied: None,
            files: BTreeMap::new(),
            commands: Vec::new(),
        }
    }

    /// The cluster, for views the checks do not cover.
    pub fn cluster(&self) -> &Cluster<PodRuntime> {
        &self.pg.cluster
    }

    /// The whole simulation.
    pub fn playground(&mut self) -> &mut Playground {
        &mut self.pg
    }

    /// The simulation, given up: the app takes a lesson's set-up cluster
    /// and runs it on its own from there.
    pub fn into_playground(self) -> Playground {
        self.pg
    }

    fn context(&self) -> Context {
        let mut ctx = Context::with_editor(&self.editor);
        for (name, text) in &self.files {
            ctx.files.entry(name.clone()).or_insert_with(|| text.clone());
        }
        ctx
    }

    /// Runs one kubectl line; a failure carries kubectl's error and our explanation.
    fn kubectl(&mut self, line: &str) -> Result<String, Text> {
        let ctx = self.context();
        let out = self.pg.run(line, &ctx);
        // What the command set off inside pods (an exec's request) reaches the
        // cluster's records without moving the clock.
        self.pg.cluster.advance_by(0);
        if out.exit_code == 0 {
            Ok(out.stdout)
        } else {
            let err = out.stderr.trim_end().to_string();
            Err(match out.explain {
                Some(explain) => Text::new(format!("{err}\n{}", explain.ko), format!("{err}\n{}", explain.en)),
                None => Text::new(err.clone(), err),
            })
        }
    }

    fn apply_text(&mut self, yaml: &str) -> Result<(), Text> {
        if yaml.trim().is_empty() {
            return Ok(());
        }
        let ctx = {
            let mut c = self.context();
            c.files.insert(EDITOR_FILE.to_string(), yaml.to_string());
            c
        };
        let out = self.pg.run(&format!("kubectl apply -f {EDITOR_FILE}"), &ctx);
        if out.exit_code == 0 {
            Ok(())
        } else {
            let err = out.stderr.trim_end().to_string();
            Err(Text::new(err.clone(), err))
        }
    }
}

fn node_of(setup: &NodeSetup) -> model::Node {
    let cpu = setup.capacity.get("cpu").map(String::as_str).unwrap_or("2");
    let memory = setup.capacity.get("memory").map(String::as_str).unwrap_or("4Gi");
    let mut node = cluster::worker_node(&setup.name, cpu, memory);
    node.metadata.labels.extend(setup.labels.clone());
    node.spec.taints = setup
        .taints
        .iter()
        .map(|t| model::Taint {
            key: t.key.clone(),
            value: (!t.value.is_empty()).then(|| t.value.clone()),
            effect: t.effect.clone(),
        })
        .collect();
    if let (Some(pods), Some(status)) = (setup.capacity.get("pods"), node.status.as_mut()) {
        status.capacity.insert("pods".into(), pods.clone());
        status.allocatable.insert("pods".into(), pods.clone());
    }
    node
}

impl Sim for ClusterSim {
    fn setup(&mut self, setup: &Setup, files: &BTreeMap<String, String>) -> Result<(), Text> {
        if !setup.nodes.is_empty() {
            self.pg = Playground::with_nodes(self.seed, setup.nodes.iter().map(node_of).collect());
        }
        self.files = files.clone();
        let mut errors = Vec::new();
        for s in &setup.static_pods {
            let text = files.get(&s.file).map(String::as_str).unwrap_or("");
            let parsed = crate::parse(text);
            let pod = parsed.objects.into_iter().find_map(|o| match o.object {
                crate::Object::Pod(pod) => Some(pod),
                _ => None,
            });
            match pod {
                Some(pod) => {
                    if let Err(e) = self.pg.cluster.add_static_pod(&s.node, pod) {
                        errors.push(e.to_string());
                    }
                }
                None => errors.push(format!("{}: no valid Pod in the file", s.file)),
            }
        }
        for file in &setup.apply {
            let text = files.get(file).cloned().unwrap_or_default();
            if let Err(e) = self.apply_text(&text) {
                errors.push(e.en);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            let all = errors.join("\n");
            Err(Text::new(all.clone(), all))
        }
    }

    fn apply(&mut self, yaml: &str) -> Result<(), Text> {
        self.editor = yaml.to_string();
        self.applied = Some(yaml.to_string());
        self.apply_text(yaml)
    }

    /// Runs the line, then records it if it succeeded (exit code 0). A line
    /// that applies the editor (`kubectl apply -f editor.yaml`) makes the
    /// editor's text the manifest last applied, as the Apply button does.
    fn run(&mut self, command: &str) -> Result<String, Text> {
        if super::command::applies_editor(command) {
            self.applied = Some(self.editor.clone());
        }
        let out = self.kubectl(command);
        if out.is_ok() && self.commands.len() < COMMANDS_MAX {
            self.commands.push(command.to_string());
        }
        out
    }

    fn wait(&mut self, seconds: u32) {
        self.pg.cluster.advance_by(u64::from(seconds) * 1000);
    }

    fn world(&self) -> &dyn World {
        self
    }

    fn load_editor(&mut self, yaml: &str) {
        self.editor = yaml.to_string();
    }
}

fn container_facts(status: &crate::kubelet::status::ContainerStatus) -> ContainerFacts {
    let (state, reason, exit_code) = match &status.state {
        ContainerState::Waiting { reason, .. } => (ContainerStateKind::Waiting, Some(reason.clone()), None),
        ContainerState::Running { .. } => (ContainerStateKind::Running, None, None),
        ContainerState::Terminated(t) => (ContainerStateKind::Terminated, Some(t.reason.clone()), Some(t.exit_code)),
    };
    let last = status.last_state.as_ref();
    ContainerFacts {
        name: status.name.clone(),
        state,
        reason: reason.filter(|r| !r.is_empty()),
        last_reason: last.map(|t| t.reason.clone()),
        exit_code: exit_code.or_else(|| last.map(|t| t.exit_code)),
        restart_count: status.restart_count,
        ready: status.ready,
    }
}

fn pod_facts(v: &PodView, node_labels: &BTreeMap<String, BTreeMap<String, String>>) -> PodFacts {
    let meta = &v.pod.metadata;
    let unschedulable = v.condition("PodScheduled").filter(|c| !c.status).and_then(|c| c.message.clone());
    PodFacts {
        namespace: v.namespace.clone(),
        name: v.name.clone(),
        uid: v.uid.clone(),
        labels: meta.labels.clone(),
        annotations: meta.annotations.clone(),
        phase: v.phase.as_str().to_string(),
        qos_class: v.qos_class.to_string(),
        true_conditions: v.conditions.iter().filter(|c| c.status).map(|c| c.kind.to_string()).collect(),
        owner_kind: meta
            .owner_references
            .iter()
            .find(|o| o.controller == Some(true))
            .or(meta.owner_references.first())
            .map(|o| o.kind.clone()),
        node: v.node.clone(),
        pod_ip: v.pod_ip.clone(),
        node_labels: v.node.as_ref().and_then(|n| node_labels.get(n)).cloned().unwrap_or_default(),
        unschedulable_message: unschedulable,
        containers: v.init_container_statuses.iter().chain(&v.container_statuses).map(container_facts).collect(),
    }
}

/// What lesson checks see, borrowed from a running simulation: the cluster,
/// the pod runtime inside it, the manifest last applied and the commands
/// that succeeded. The app and [`ClusterSim`] both judge lessons through
/// this one view.
pub struct Facts<'a> {
    /// The cluster.
    pub cluster: &'a Cluster<PodRuntime>,
    /// The pod-internals runtime under it (logs, files).
    pub runtime: &'a PodRuntime,
    /// The text the learner last applied, or tried to apply (the Apply
    /// button, or `kubectl apply -f editor.yaml` in the terminal), even if
    /// the apply failed; `None` before any apply. `diagnostic` checks judge
    /// it, never the live editor text.
    pub applied: Option<&'a str>,
    /// The terminal lines that succeeded (exit code 0), oldest first:
    /// record a line after running it, and only if it succeeded.
    pub commands: &'a [String],
}

impl Facts<'_> {
    /// The runtime's name for a container of a pod, if the pod exists.
    fn container_id(&self, namespace: &str, pod: &str, container: &str) -> Option<ContainerId> {
        let v = self.cluster.pod(namespace, pod)?;
        Some(ContainerId { pod_uid: v.uid, container: container.to_string() })
    }
}

impl World for Facts<'_> {
    fn pods(&self) -> Vec<PodFacts> {
        let node_labels: BTreeMap<String, BTreeMap<String, String>> =
            self.cluster.nodes().into_iter().map(|n| (n.name.clone(), n.node.metadata.labels.clone())).collect();
        self.cluster.pods().iter().filter(|v| !v.deleting).map(|v| pod_facts(v, &node_labels)).collect()
    }

    fn events(&self) -> Vec<EventFacts> {
        self.cluster
            .events()
            .into_iter()
            .map(|e| EventFacts {
                reason: e.reason.clone(),
                object_kind: e.object.kind.clone(),
                object_name: e.object.name.clone(),
                message: e.message.clone(),
                count: e.count,
            })
            .collect()
    }

    fn logs(&self, namespace: &str, pod: &str, container: &str) -> Vec<String> {
        let Some(id) = self.container_id(namespace, pod, container) else { return Vec::new() };
        self.runtime.logs(&id, false).into_iter().map(|l| l.line).collect()
    }

    fn traffic(&self) -> Vec<TrafficFacts> {
        // Traffic names pods by UID; checks name them by pod name.
        let names: BTreeMap<String, (String, String)> =
            self.cluster.pods().into_iter().map(|p| (p.uid, (p.namespace, p.name))).collect();
        self.cluster
            .traffic()
            .map(|t| {
                let (namespace, pod) = names.get(&t.pod_uid).cloned().unwrap_or_default();
                TrafficFacts {
                    namespace,
                    pod,
                    kind: super::eval::traffic_kind_name(t.kind).to_string(),
                    from: t.from.clone(),
                    to: t.to.clone(),
                    detail: t.detail.clone(),
                }
            })
            .collect()
    }

    fn shares_namespace(&self, namespace: &str, pod: &str, a: &str, b: &str, ns: NsKind) -> Option<bool> {
        // Follows the CRI sandbox model: net, uts and ipc belong to the pod
        // sandbox; pid is shared only with shareProcessNamespace; each
        // container has its own mount namespace. Both must be running.
        let v = self.cluster.pod(namespace, pod)?;
        let running = |name: &str| v.container(name).is_some_and(|c| c.state.is_running());
        if !running(a) || !running(b) {
            return None;
        }
        Some(match ns {
            NsKind::Net | NsKind::Uts | NsKind::Ipc => true,
            NsKind::Pid => v.pod.spec.share_process_namespace == Some(true),
            NsKind::Mnt => a == b,
        })
    }

    fn file(&self, namespace: &str, pod: &str, container: &str, path: &str) -> Option<String> {
        let id = self.container_id(namespace, pod, container)?;
        self.runtime.read_file(&id, path).ok()
    }

    fn diagnostics(&self) -> Option<Vec<DiagnosticFacts>> {
        let applied = self.applied?;
        Some(crate::check(applied).into_iter().map(|d| DiagnosticFacts { rule: d.rule, path: d.path }).collect())
    }

    fn commands(&self) -> Vec<String> {
        self.commands.to_vec()
    }

    fn objects(&self) -> Vec<ObjectFacts> {
        let mut out: Vec<ObjectFacts> = self
            .cluster
            .workloads()
            .into_iter()
            .map(|w| ObjectFacts { kind: w.kind, namespace: w.namespace, name: w.name })
            .collect();
        out.extend(self.cluster.pods().into_iter().map(|p| ObjectFacts {
            kind: "Pod".into(),
            namespace: p.namespace,
            name: p.name,
        }));
        out.extend(self.cluster.nodes().into_iter().map(|n| ObjectFacts {
            kind: "Node".into(),
            namespace: String::new(),
            name: n.name,
        }));
        out
    }
}

impl ClusterSim {
    /// Lends the simulation's facts to `f`.
    fn facts<T>(&self, f: impl FnOnce(&Facts<'_>) -> T) -> T {
        f(&Facts {
            cluster: &self.pg.cluster,
            runtime: self.pg.runtime(),
            applied: self.applied.as_deref(),
            commands: &self.commands,
        })
    }
}

impl World for ClusterSim {
    fn pods(&self) -> Vec<PodFacts> {
        self.facts(|f| f.pods())
    }

    fn events(&self) -> Vec<EventFacts> {
        self.facts(|f| f.events())
    }

    fn logs(&self, namespace: &str, pod: &str, container: &str) -> Vec<String> {
        self.facts(|f| f.logs(namespace, pod, container))
    }

    fn traffic(&self) -> Vec<TrafficFacts> {
        self.facts(|f| f.traffic())
    }

    fn shares_namespace(&self, namespace: &str, pod: &str, a: &str, b: &str, ns: NsKind) -> Option<bool> {
        self.facts(|f| f.shares_namespace(namespace, pod, a, b, ns))
    }

    fn file(&self, namespace: &str, pod: &str, container: &str, path: &str) -> Option<String> {
        self.facts(|f| f.file(namespace, pod, container, path))
    }

    fn diagnostics(&self) -> Option<Vec<DiagnosticFacts>> {
        self.facts(|f| f.diagnostics())
    }

    fn commands(&self) -> Vec<String> {
        self.commands.clone()
    }

    fn objects(&self) -> Vec<ObjectFacts> {
        self.facts(|f| f.objects())
    }
}
