//! `ClusterSim`: the lessons' `Sim` and `World` on the simulated `Cluster`,
//! with an editor (the last applied text) and a minimal terminal.
//!
//! What it cannot see yet is left empty, to be filled in at merge: logs,
//! traffic and files live in the pod-internals model, diagnostics in the
//! validator (today only YAML syntax), and the terminal understands only the
//! kubectl verbs that change state (`delete pod`, `label`, `annotate`); every
//! command is recorded for `command-run` checks.

use std::collections::BTreeMap;

use super::eval::{ContainerFacts, DiagnosticFacts, EventFacts, ObjectFacts, PodFacts, TrafficFacts, World};
use super::replay::Sim;
use super::schema::{ContainerStateKind, NodeSetup, NsKind, Setup};
use crate::cluster::{self, Cluster, Object, PodView};
use crate::kubelet::status::ContainerState;
use crate::model;
use crate::text::Text;

/// The upper bound of recorded commands and of documents in one apply.
const COMMANDS_MAX: usize = 10_000;
const DOCUMENTS_MAX: usize = 100;

/// A lesson's cluster, editor and terminal.
pub struct ClusterSim {
    seed: u64,
    cluster: Cluster,
    editor: String,
    commands: Vec<String>,
}

impl ClusterSim {
    /// A simulation with the default cluster.
    pub fn new(seed: u64) -> ClusterSim {
        ClusterSim { seed, cluster: Cluster::new(seed), editor: String::new(), commands: Vec::new() }
    }

    /// The cluster, for views the checks do not cover.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    fn apply_text(&mut self, yaml: &str) -> Result<(), Text> {
        let mut errors: Vec<String> = Vec::new();
        for (i, doc) in serde_yaml::Deserializer::from_str(yaml).enumerate() {
            if i >= DOCUMENTS_MAX {
                break;
            }
            let value = match <serde_yaml::Value as serde::Deserialize>::deserialize(doc) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(format!("error converting YAML to JSON: {e}"));
                    break;
                }
            };
            if value.is_null() {
                continue;
            }
            let kind = value.get("kind").and_then(|k| k.as_str()).unwrap_or("").to_string();
            let object: Result<Object, String> = match kind.as_str() {
                "Pod" => serde_yaml::from_value::<model::Pod>(value).map(Object::Pod).map_err(|e| e.to_string()),
                "ReplicaSet" | "Deployment" | "Job" => {
                    serde_yaml::from_value::<model::Workload>(value).map(Object::Workload).map_err(|e| e.to_string())
                }
                other => Err(format!("the server doesn't have a resource type \"{other}\"")),
            };
            match object {
                Ok(o) => {
                    if let Err(e) = self.cluster.apply(o) {
                        errors.push(e.to_string());
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            let all = errors.join("\n");
            Err(Text::new(all.clone(), all))
        }
    }

    /// The state-changing kubectl verbs; every other command only prints nothing.
    fn terminal(&mut self, command: &str) -> Result<String, String> {
        let words: Vec<&str> = command.split_whitespace().collect();
        let overwrite = words.contains(&"--overwrite");
        let args: Vec<&str> = words.iter().copied().filter(|w| !w.starts_with("--")).collect();
        match args.as_slice() {
            ["kubectl", "delete", "pod" | "pods" | "po", names @ ..] => {
                let mut out = String::new();
                for name in names {
                    self.cluster.delete_pod("default", name, None).map_err(|e| e.to_string())?;
                    out.push_str(&format!("pod \"{name}\" deleted\n"));
                }
                Ok(out)
            }
            ["kubectl", verb @ ("label" | "annotate"), "pod" | "pods" | "po", name, pairs @ ..] => {
                for pair in pairs {
                    let (key, value) = match pair.split_once('=') {
                        Some((k, v)) => (k, Some(v)),
                        None => (pair.trim_end_matches('-'), None),
                    };
                    let done = if *verb == "label" {
                        self.cluster.label_pod("default", name, key, value, overwrite)
                    } else {
                        self.cluster.annotate_pod("default", name, key, value, overwrite)
                    };
                    done.map_err(|e| e.to_string())?;
                }
                Ok(format!("pod/{name} {verb}ed\n"))
            }
            _ => Ok(String::new()),
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
            self.cluster = Cluster::with_nodes(self.seed, setup.nodes.iter().map(node_of).collect());
        }
        let mut errors = Vec::new();
        for s in &setup.static_pods {
            let text = files.get(&s.file).map(String::as_str).unwrap_or("");
            match serde_yaml::from_str::<model::Pod>(text) {
                Ok(pod) => {
                    if let Err(e) = self.cluster.add_static_pod(&s.node, pod) {
                        errors.push(e.to_string());
                    }
                }
                Err(e) => errors.push(format!("{}: {e}", s.file)),
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
        self.apply_text(yaml)
    }

    fn run(&mut self, command: &str) -> Result<String, Text> {
        if self.commands.len() < COMMANDS_MAX {
            self.commands.push(command.to_string());
        }
        self.terminal(command).map_err(|e| Text::new(e.clone(), e))
    }

    fn wait(&mut self, seconds: u32) {
        self.cluster.advance_by(u64::from(seconds) * 1000);
    }

    fn world(&self) -> &dyn World {
        self
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

impl World for ClusterSim {
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

    fn logs(&self, _namespace: &str, _pod: &str, _container: &str) -> Vec<String> {
        // TODO(merge): the pod-internals model holds container output.
        Vec::new()
    }

    fn traffic(&self) -> Vec<TrafficFacts> {
        // TODO(merge): the pod-internals model records traffic.
        Vec::new()
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

    fn file(&self, _namespace: &str, _pod: &str, _container: &str, _path: &str) -> Option<String> {
        // TODO(merge): the pod-internals model holds container filesystems.
        None
    }

    fn diagnostics(&self) -> Vec<DiagnosticFacts> {
        crate::check(&self.editor).into_iter().map(|d| DiagnosticFacts { rule: d.rule, path: d.path }).collect()
    }

    fn commands(&self) -> Vec<String> {
        self.commands.clone()
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
