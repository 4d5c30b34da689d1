//! The lesson format: serde types for `lessons/index.yaml` and each
//! `lessons/NN-slug/lesson.yaml`, with a doc comment on every field (the
//! authoring guide, LESSONS.md, is generated from the same words).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// `index.yaml`: the course order, grouped in sections.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    /// The sections, in course order. Each lesson folder appears in exactly one section.
    pub sections: Vec<Section>,
}

/// One section of the lesson map, e.g. "Basics" or "Patterns".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// A short stable identifier, lowercase with dashes, e.g. `basics`.
    pub id: String,
    /// The section's title in both languages.
    pub title: Text,
    /// Lesson folder names (`NN-slug`) in order; each is also the lesson's `id`.
    pub lessons: Vec<String>,
}

/// `lesson.yaml`: everything about one lesson except its story and files.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Lesson {
    /// The lesson's identifier; must equal its folder name, e.g. `07-sidecar`.
    /// Deep links use it: `#/lesson/07-sidecar`.
    pub id: String,
    /// The lesson's title in both languages.
    pub title: Text,
    /// The cluster the lesson starts from. Omitted: the default cluster, empty.
    #[serde(default)]
    pub setup: Setup,
    /// The file the editor starts with, relative to the lesson folder.
    /// Deliberately broken or incomplete, so that it fails at least one check.
    /// Omitted: `starter.yaml`, except in a troubleshoot lesson, where it is
    /// empty (no starter: the editor starts empty).
    #[serde(default = "default_starter")]
    pub starter: String,
    /// The reference solution, replayed by the tests: apply files, run
    /// commands and let time pass, in order. Every check must pass at the end.
    pub solution: Vec<SolutionStep>,
    /// The `kubectl` subcommands the terminal accepts in this lesson, e.g.
    /// `[get, describe, logs]`. Omitted: every command Podplay knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_commands: Option<Vec<String>>,
    /// The goals: predicates on cluster state and history that tick live in
    /// the lesson's checklist. The lesson is done when all pass.
    pub checks: Vec<Check>,
    /// Hints, shown one at a time; the same number in both languages.
    /// "Show solution" becomes available after the last one. Graded: the
    /// first names the concept, the middle ones point where to look, the
    /// last gives the answer.
    pub hints: Hints,
    /// `guided` (the default: a story, a starter to fix) or `troubleshoot`
    /// (a broken cluster from `setup.apply`, fixed from the terminal).
    #[serde(default)]
    pub mode: LessonMode,
    /// Validation rules this lesson ignores on purpose, each with why. The
    /// editor shows them quietly instead of as advice to act on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tolerates: Vec<Tolerated>,
    /// Predict-the-outcome questions, asked at a story step before its Apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predict: Vec<Prediction>,
    /// Shown when the lesson is complete: Markdown with placeholders
    /// (`{{restarts POD CONTAINER}}`, …) filled from this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debrief: Option<Text>,
    /// Visual hooks: a story step points at part of the pod picture or the
    /// cluster view.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hooks: Vec<LessonHook>,
    /// Wrong answers: attempts a learner might make, each replayed by the
    /// tests to prove that it fails the goals it names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wrong_answers: Vec<WrongAnswer>,
}

/// How a lesson is played.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LessonMode {
    /// A story in steps; the learner edits a starter manifest and applies it.
    #[default]
    Guided,
    /// A broken cluster (`setup.apply`) fixed from the terminal only; the
    /// editor starts empty unless the lesson names a starter.
    Troubleshoot,
}

/// A validation rule a lesson tolerates, and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerated {
    /// The rule's name, e.g. `best-effort`.
    pub rule: String,
    /// Why the lesson leaves it, in both languages.
    pub why: Text,
}

/// A predict-the-outcome question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prediction {
    /// A stable name, lowercase letters, digits and dashes, unique among the
    /// lesson's predictions.
    pub id: String,
    /// The 1-based story step (`##`) where the question is asked, before
    /// that step's Apply.
    pub step: u32,
    /// The question, in both languages.
    pub question: Text,
    /// Two to five choices.
    pub choices: Vec<Text>,
    /// The 0-based index of the right choice.
    pub answer: u32,
    /// Why, shown after the learner answers; may use debrief placeholders.
    pub explain: Text,
    /// One check (same format as `checks`, `goal` optional) that holds after
    /// the solution and fails when the lesson opens: proof that the answer
    /// is what the simulation does.
    pub verify: Box<Check>,
}

/// A visual hook: a story step points at part of the picture.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonHook {
    /// The 1-based story step (`##`) the hook belongs to.
    pub step: u32,
    /// What to point at: `shared-net`, `uts`, `ipc`, `pid`, `mnt`,
    /// `volume:NAME`, `container:NAME`, `traffic:TYPE`, `probe` or
    /// `node:NAME`.
    pub target: String,
    /// The pod whose picture holds the target; omitted for `node:NAME`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<String>,
}

/// What a hook points at, parsed from `target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HookTarget {
    /// The pod's shared network namespace (the shared IP box).
    SharedNet,
    /// The shared UTS namespace (hostname).
    Uts,
    /// The shared IPC namespace.
    Ipc,
    /// The PID namespace (`shareProcessNamespace`).
    Pid,
    /// The containers' own mount namespaces.
    Mnt,
    /// A volume of the pod, by name.
    Volume(String),
    /// A container of the pod, by name.
    Container(String),
    /// Traffic of one type: localhost, pod-network, external, volume-write,
    /// volume-read or probe.
    Traffic(String),
    /// The pod's probes.
    Probe,
    /// A node of the cluster view, by name.
    Node(String),
}

/// The traffic types a `traffic:TYPE` hook or `{{traffic TYPE}}` may name.
pub const TRAFFIC_TYPES: &[&str] = &["localhost", "pod-network", "external", "volume-write", "volume-read", "probe"];

impl LessonHook {
    /// The parsed target; `None` when it is malformed (the loader rejects it).
    pub fn target(&self) -> Option<HookTarget> {
        let t = self.target.as_str();
        Some(match t {
            "shared-net" => HookTarget::SharedNet,
            "uts" => HookTarget::Uts,
            "ipc" => HookTarget::Ipc,
            "pid" => HookTarget::Pid,
            "mnt" => HookTarget::Mnt,
            "probe" => HookTarget::Probe,
            _ => {
                let (kind, name) = t.split_once(':')?;
                if name.is_empty() || name.contains(char::is_whitespace) {
                    return None;
                }
                match kind {
                    "volume" => HookTarget::Volume(name.to_string()),
                    "container" => HookTarget::Container(name.to_string()),
                    "traffic" if TRAFFIC_TYPES.contains(&name) => HookTarget::Traffic(name.to_string()),
                    "node" => HookTarget::Node(name.to_string()),
                    _ => return None,
                }
            }
        })
    }
}

/// A wrong answer the tests replay: it must fail every goal it names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrongAnswer {
    /// What the attempt gets wrong, in both languages.
    pub why: Text,
    /// The attempt, from the lesson's fresh setup: the same step kinds as
    /// `solution` (files live in the lesson folder).
    pub steps: Vec<SolutionStep>,
    /// The `id`s of checks this attempt must fail; at least one.
    pub fails: Vec<String>,
}

/// Par: the fewest applies and commands the reference solution needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Par {
    /// The solution's `apply` steps.
    pub applies: u32,
    /// The solution's `run` steps.
    pub commands: u32,
}

fn default_starter() -> String {
    "starter.yaml".to_string()
}

/// Hints in both languages, as two lists of the same length.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hints {
    /// Korean hints, in the order they are revealed.
    pub ko: Vec<String>,
    /// English hints, in the same order.
    pub en: Vec<String>,
}

/// What a hint gives away, by its place in the list (LESSONS.md, graded
/// hints): the first the concept, the last the answer, those between a
/// pointer to where to look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HintGrade {
    /// The idea the lesson rests on.
    Concept,
    /// Where to look.
    Pointer,
    /// The answer.
    Answer,
}

impl HintGrade {
    /// The grade of the `i`th (0-based) of `n` hints.
    pub fn of(i: usize, n: usize) -> HintGrade {
        if i == 0 {
            HintGrade::Concept
        } else if i + 1 >= n {
            HintGrade::Answer
        } else {
            HintGrade::Pointer
        }
    }
}

/// The cluster a lesson starts from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Setup {
    /// The nodes. Omitted or empty: the default cluster's nodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeSetup>,
    /// Manifest files (relative to the lesson folder) applied before the
    /// learner starts, e.g. a broken pod to investigate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apply: Vec<String>,
    /// Static pod manifests placed in a node's manifest directory
    /// (`/etc/kubernetes/manifests`) before the learner starts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub static_pods: Vec<StaticPodSetup>,
}

/// One node of a lesson's cluster.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeSetup {
    /// The node's name, e.g. `node-1`.
    pub name: String,
    /// The node's labels, e.g. `disktype: ssd`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// The node's taints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<TaintSetup>,
    /// Allocatable resources as quantities, e.g. `cpu: "2"`, `memory: 4Gi`,
    /// `pods: "110"`. Omitted: the simulation's default node size.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub capacity: BTreeMap<String, String>,
}

/// A node taint, as in `k8s.io/api/core/v1.Taint`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaintSetup {
    /// The taint key, e.g. `dedicated`.
    pub key: String,
    /// The taint value; may be empty.
    #[serde(default)]
    pub value: String,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: String,
}

/// A static pod manifest placed on a node.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaticPodSetup {
    /// The node whose kubelet runs it.
    pub node: String,
    /// The manifest file, relative to the lesson folder.
    pub file: String,
}

/// One step of a reference solution. Written as a one-key map:
/// `- apply: solution.yaml`, `- run: kubectl get pods`, `- wait: 30`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SolutionStep {
    /// Apply a manifest file from the lesson folder, as the editor's "apply" does.
    Apply(String),
    /// Run one terminal command, e.g. `kubectl label pod web tier=frontend`.
    Run(String),
    /// Let this many seconds of simulated time pass.
    Wait(u32),
}

/// A container state, as in `k8s.io/api/core/v1.ContainerState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerStateKind {
    /// Not running yet, or waiting to restart (`ContainerCreating`, `CrashLoopBackOff`).
    Waiting,
    /// Running.
    Running,
    /// Ended, with an exit code and a reason (`Completed`, `Error`, `OOMKilled`).
    Terminated,
}

/// A Linux namespace that containers of a pod may share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NsKind {
    /// Network: one IP, one `localhost`, one port space.
    Net,
    /// UTS: one hostname.
    Uts,
    /// IPC: System V IPC and POSIX message queues.
    Ipc,
    /// PID: processes see each other (`shareProcessNamespace`).
    Pid,
    /// Mount: the filesystem. Never shared between containers.
    Mnt,
}

/// One goal of a lesson: a declarative predicate on cluster state and
/// history, written as a map tagged by `kind:`. Every check has a `goal`, the
/// checklist line the learner sees. Pods are looked up in `namespace`
/// (default `default`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Check {
    /// Pods exist with these facts. With `name`, that pod; without, every pod
    /// carrying `labels`; at least `count` of them must match all the rest.
    #[serde(rename_all = "camelCase")]
    Pod {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The pod's name. Omitted: match pods by `labels`.
        #[serde(default)]
        name: Option<String>,
        /// The namespace; default `default`.
        #[serde(default)]
        namespace: Option<String>,
        /// Labels the pod must carry (a subset match).
        #[serde(default)]
        labels: BTreeMap<String, String>,
        /// Annotations the pod must carry (a subset match).
        #[serde(default)]
        annotations: BTreeMap<String, String>,
        /// `status.phase`: Pending, Running, Succeeded, Failed or Unknown.
        #[serde(default)]
        phase: Option<String>,
        /// `status.qosClass`: Guaranteed, Burstable or BestEffort.
        #[serde(default)]
        qos_class: Option<String>,
        /// A pod condition that must be `True`, e.g. `Ready`, `PodScheduled`.
        #[serde(default)]
        condition: Option<String>,
        /// The kind of the pod's controller owner, e.g. `ReplicaSet`, `Job`,
        /// or `Node` for a mirror pod.
        #[serde(default)]
        owner_kind: Option<String>,
        /// How many pods must match; default 1.
        #[serde(default)]
        count: Option<u32>,
        /// `false`: no pod may match (e.g. the pod was deleted).
        #[serde(default)]
        exists: Option<bool>,
    },
    /// A container (or init container) of a pod is in a given state.
    #[serde(rename_all = "camelCase")]
    Container {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The pod's name.
        pod: String,
        /// The container's name (regular, init or sidecar container).
        container: String,
        /// The namespace; default `default`.
        #[serde(default)]
        namespace: Option<String>,
        /// The current state: waiting, running or terminated.
        #[serde(default)]
        state: Option<ContainerStateKind>,
        /// The current state's reason, e.g. `CrashLoopBackOff`, `Completed`, `OOMKilled`.
        #[serde(default)]
        reason: Option<String>,
        /// The reason of `lastState.terminated`, e.g. `OOMKilled` after a restart.
        #[serde(default)]
        last_reason: Option<String>,
        /// The exit code of the current or last termination.
        #[serde(default)]
        exit_code: Option<i32>,
        /// `restartCount` must be at least this.
        #[serde(default)]
        min_restarts: Option<u32>,
        /// `restartCount` must be at most this.
        #[serde(default)]
        max_restarts: Option<u32>,
        /// The `ready` flag.
        #[serde(default)]
        ready: Option<bool>,
    },
    /// An event was recorded (as `kubectl get events` shows it).
    #[serde(rename_all = "camelCase")]
    Event {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The event's reason, e.g. `FailedScheduling`, `BackOff`, `SuccessfulCreate`.
        reason: String,
        /// The involved object as `kind/name` (`pod/web`, `replicaset/web`)
        /// or a bare name. Omitted: any object.
        #[serde(default)]
        object: Option<String>,
        /// A substring of the event's message.
        #[serde(default)]
        message: Option<String>,
        /// At least this many matching events (counting repeats); default 1.
        #[serde(default)]
        min_count: Option<u32>,
    },
    /// Where the scheduler put a pod, or why it could not.
    #[serde(rename_all = "camelCase")]
    Scheduled {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The pod's name.
        pod: String,
        /// The namespace; default `default`.
        #[serde(default)]
        namespace: Option<String>,
        /// The pod must be bound to this node.
        #[serde(default)]
        node: Option<String>,
        /// The pod must be bound to a node carrying these labels.
        #[serde(default)]
        node_labels: BTreeMap<String, String>,
        /// `true`: the pod must still be unscheduled (Pending, no node).
        #[serde(default)]
        pending: Option<bool>,
        /// A substring of the scheduler's message, e.g. `Insufficient cpu`.
        #[serde(default)]
        message: Option<String>,
    },
    /// Two or more containers of a pod share (or do not share) a Linux namespace.
    NamespaceShared {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The pod's name.
        pod: String,
        /// The namespace; default `default`.
        #[serde(default)]
        namespace: Option<String>,
        /// The containers compared, at least two.
        containers: Vec<String>,
        /// Which namespace: net, uts, ipc, pid or mnt.
        ns: NsKind,
        /// Whether they must share it; default true.
        #[serde(default)]
        shared: Option<bool>,
    },
    /// A container's log (what `kubectl logs -c` prints) contains a line.
    Log {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The pod's name.
        pod: String,
        /// The container's name.
        container: String,
        /// The namespace; default `default`.
        #[serde(default)]
        namespace: Option<String>,
        /// A substring that some log line must contain.
        contains: String,
    },
    /// Traffic inside or between pods was observed, e.g. a sidecar shipped a
    /// log line, a request went through an ambassador on localhost.
    Traffic {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The pod where it happened.
        pod: String,
        /// The namespace; default `default`.
        #[serde(default)]
        namespace: Option<String>,
        /// The traffic kind as the simulation names it, e.g. `http`, `tcp`, `file`.
        #[serde(default, rename = "type")]
        traffic_type: Option<String>,
        /// The sending container (or `pod-name/container`).
        #[serde(default)]
        from: Option<String>,
        /// The receiving container, address or `host:port`.
        #[serde(default)]
        to: Option<String>,
        /// A substring of the traffic's detail line.
        #[serde(default)]
        contains: Option<String>,
    },
    /// A file exists in a container's filesystem (and contains a substring).
    File {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The pod's name.
        pod: String,
        /// The container's name.
        container: String,
        /// The namespace; default `default`.
        #[serde(default)]
        namespace: Option<String>,
        /// The absolute path, e.g. `/usr/share/nginx/html/index.html`.
        path: String,
        /// A substring the file must contain.
        #[serde(default)]
        contains: Option<String>,
    },
    /// A validation diagnostic in the editor's YAML: `present: false` means
    /// the learner must fix it. Matched by rule and/or field path.
    Diagnostic {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The rule name, e.g. `unknown-field`, `invalid-quantity`.
        #[serde(default)]
        rule: Option<String>,
        /// The field path as upstream prints it, e.g. `metadata.lables`.
        #[serde(default)]
        path: Option<String>,
        /// Whether it must be present (true) or absent (false).
        present: bool,
    },
    /// The learner ran this command successfully (exit code 0). A kubectl
    /// line is compared after parsing with kubectl's own parser: the verb
    /// path, the resource kind after aliases (`po`, `pods`, `pod/NAME`), the
    /// object names, the flags after normalisation (`-c x`, `-c=x`,
    /// `--container x`) and the words after `--` (a prefix). Any other line
    /// (a node shell's) matches word by word, in order.
    CommandRun {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The command, e.g. `kubectl logs duo -c client`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        command: Option<String>,
        /// Legacy form of `command`: the words, joined with spaces.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        words: Vec<String>,
    },
    /// An API object exists (or not), any kind, e.g. a Job or a ReplicaSet.
    Object {
        /// The checklist line. Required in `checks`; optional in a
        /// predict's `verify`.
        #[serde(default)]
        goal: Text,
        /// A stable name for this check (lowercase letters, digits and
        /// dashes, unique in the lesson), so that a wrong answer's `fails`
        /// can name it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// The kind as in the manifest, e.g. `ReplicaSet`, `Job`, `Node`.
        #[serde(rename = "object")]
        object_kind: String,
        /// The object's name.
        name: String,
        /// The namespace; default `default` (ignored for cluster-scoped kinds).
        #[serde(default)]
        namespace: Option<String>,
        /// Whether it must exist; default true.
        #[serde(default)]
        exists: Option<bool>,
    },
}

/// Every check kind, as written after `kind:`.
pub const CHECK_KINDS: &[&str] = &[
    "pod",
    "container",
    "event",
    "scheduled",
    "namespace-shared",
    "log",
    "traffic",
    "file",
    "diagnostic",
    "command-run",
    "object",
];

impl Check {
    /// The checklist line of this goal.
    pub fn goal(&self) -> &Text {
        match self {
            Check::Pod { goal, .. }
            | Check::Container { goal, .. }
            | Check::Event { goal, .. }
            | Check::Scheduled { goal, .. }
            | Check::NamespaceShared { goal, .. }
            | Check::Log { goal, .. }
            | Check::Traffic { goal, .. }
            | Check::File { goal, .. }
            | Check::Diagnostic { goal, .. }
            | Check::CommandRun { goal, .. }
            | Check::Object { goal, .. } => goal,
        }
    }

    /// The check's `id`, if it has one.
    pub fn id(&self) -> Option<&str> {
        match self {
            Check::Pod { id, .. }
            | Check::Container { id, .. }
            | Check::Event { id, .. }
            | Check::Scheduled { id, .. }
            | Check::NamespaceShared { id, .. }
            | Check::Log { id, .. }
            | Check::Traffic { id, .. }
            | Check::File { id, .. }
            | Check::Diagnostic { id, .. }
            | Check::CommandRun { id, .. }
            | Check::Object { id, .. } => id.as_deref(),
        }
    }

    /// A `command-run` check's command: `command`, else the legacy `words`
    /// joined with spaces. `None` for other kinds.
    pub fn command_line(&self) -> Option<String> {
        match self {
            Check::CommandRun { command: Some(c), .. } => Some(c.clone()),
            Check::CommandRun { words, .. } => Some(words.join(" ")),
            _ => None,
        }
    }

    /// The `kind:` this check was written with.
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Pod { .. } => "pod",
            Check::Container { .. } => "container",
            Check::Event { .. } => "event",
            Check::Scheduled { .. } => "scheduled",
            Check::NamespaceShared { .. } => "namespace-shared",
            Check::Log { .. } => "log",
            Check::Traffic { .. } => "traffic",
            Check::File { .. } => "file",
            Check::Diagnostic { .. } => "diagnostic",
            Check::CommandRun { .. } => "command-run",
            Check::Object { .. } => "object",
        }
    }
}

impl Index {
    /// The `lesson.yaml` path of every lesson, relative to the pack root, in
    /// course order: the second round of fetching a teacher pack over HTTP.
    pub fn lesson_yaml_paths(&self) -> Vec<String> {
        self.sections.iter().flat_map(|s| s.lessons.iter().map(|id| format!("{id}/lesson.yaml"))).collect()
    }
}

impl Lesson {
    /// Every file this lesson refers to, relative to its folder: the story in
    /// both languages, the starter, setup files and applied solution files.
    /// A teacher pack served over HTTP is fetched with exactly this list.
    /// Wrong answers' applied files are in the list too. An empty starter
    /// (a troubleshoot lesson without one) is not.
    pub fn referenced_files(&self) -> Vec<String> {
        let mut out = vec!["ko.md".to_string(), "en.md".to_string()];
        if !self.starter.is_empty() {
            out.push(self.starter.clone());
        }
        out.extend(self.setup.apply.iter().cloned());
        out.extend(self.setup.static_pods.iter().map(|s| s.file.clone()));
        let wrong = self.wrong_answers.iter().flat_map(|w| &w.steps);
        for step in self.solution.iter().chain(wrong) {
            if let SolutionStep::Apply(file) = step {
                out.push(file.clone());
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        out.retain(|f| seen.insert(f.clone()));
        out
    }

    /// Par, derived from the reference solution: its `apply` steps and its
    /// `run` steps. The app shows it beside the learner's own counts.
    pub fn par(&self) -> Par {
        let count = |want: fn(&SolutionStep) -> bool| {
            u32::try_from(self.solution.iter().filter(|s| want(s)).count()).unwrap_or(u32::MAX)
        };
        Par {
            applies: count(|s| matches!(s, SolutionStep::Apply(_))),
            commands: count(|s| matches!(s, SolutionStep::Run(_))),
        }
    }

    /// The check with this `id`.
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id() == Some(id))
    }

    /// Whether the lesson tolerates diagnostics of this rule, and why: the
    /// editor shows those quietly.
    pub fn tolerated(&self, rule: &str) -> Option<&Tolerated> {
        self.tolerates.iter().find(|t| t.rule == rule)
    }
}
