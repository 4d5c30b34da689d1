//! The app's handle on the engine: the engine's kubectl [`Playground`]
//! (the cluster with the pod-internals runtime under it), plus the
//! [`Journal`] of every input, so that a reload can replay it, and the
//! terminal lines run (for lesson checks). The pod view looks inside pods
//! through the playground's runtime; traffic is the cluster's own.

use podplay_engine::cluster::NodeView;
use podplay_engine::internals::query::PodInside as Inside;
use podplay_engine::internals::LogLine;
use std::collections::BTreeMap;

use podplay_engine::kubectl::{self, CommandOutput, Context, EventView, Playground, EDITOR_FILE};
use podplay_engine::lessons::{evaluate_all, Check, CheckResult, Facts};
use podplay_engine::runtime::{ContainerId, Traffic};
use podplay_engine::scheduler::SchedulingTable;
use podplay_engine::{Lang, PodView, SimTime, Text};

use crate::journal::{Entry, Journal, LessonStart};

/// The most nodes `?nodes=` may ask for.
pub const NODES_MAX: usize = 10_000;
/// The cluster's seed: the same inputs always give the same run.
pub const SEED: u64 = 7;
/// The most terminal lines kept for lesson checks.
const COMMANDS_MAX: usize = 1_000;
/// The most files the terminal keeps (`kubectl cp POD:/path LOCAL`), and
/// their most bytes in all: each command hands all of them to kubectl.
pub const FILES_MAX: usize = 32;
pub const FILES_BYTES_MAX: usize = 1024 * 1024;

/// What an Apply did: kubectl's words, and the pods it touched.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// kubectl's stdout (`pod/hello created`).
    pub said: String,
    /// The pods created, configured or left unchanged, in order.
    pub pods: Vec<String>,
}

pub struct Sim {
    pg: Playground,
    journal: Journal,
    /// The terminal lines that ran and succeeded (exit code 0), newest last:
    /// what lesson `command-run` checks see. A failed line never counts.
    commands: Vec<String>,
    /// The manifest the learner last applied (or tried to apply) from the
    /// editor: what lesson `diagnostic` checks judge, never the live text.
    applied: Option<String>,
    /// This cluster's work, for the lesson's par: applies from the editor
    /// and other commands, each counted only when it succeeded.
    tally: Tally,
    /// The terminal's own files, by name: what `kubectl cp POD:/path LOCAL`
    /// copied out of pods. Commands can name them (`apply -f`, `cp` back
    /// in) beside `editor.yaml`. The journal's `cp` lines rebuild them.
    files: BTreeMap<String, String>,
}

impl Default for Sim {
    fn default() -> Sim {
        Sim::new()
    }
}

/// What the learner did on this cluster since it was built (a lesson
/// opened or started over): the numbers set beside the lesson's par.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Succeeded applies of the editor's manifest (`Apply`, or the same
    /// `kubectl apply -f editor.yaml` typed in the terminal).
    pub applies: u32,
    /// Every other terminal line that succeeded.
    pub commands: u32,
}

/// Whether a terminal line sends the editor's manifest to the cluster
/// (`kubectl apply|create|replace -f editor.yaml`), by the engine's own
/// reading of the line: the manifest a lesson's diagnostic checks then judge.
fn sends_editor(line: &str) -> bool {
    podplay_engine::lessons::applies_editor(line)
}

/// What a replay could not redo, for the status line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Replayed {
    /// The saved journal had reached its cap: later commands were lost.
    pub truncated: bool,
}

impl Sim {
    pub fn new() -> Sim {
        Sim::with_nodes(0)
    }

    /// A cluster with `nodes` nodes in all (at least the default three; more
    /// are 4-CPU, 8 GiB workers), for classrooms that want a big cluster
    /// (`?nodes=5000`). Capped at [`NODES_MAX`].
    pub fn with_nodes(nodes: usize) -> Sim {
        Sim::with_seed(SEED, nodes)
    }

    fn with_seed(seed: u64, nodes: usize) -> Sim {
        let nodes = nodes.min(NODES_MAX);
        let mut list = podplay_engine::cluster::default_nodes();
        for i in list.len()..nodes {
            list.push(podplay_engine::cluster::worker_node(&format!("worker-{i}"), "4", "8Gi"));
        }
        let pg = Playground::with_nodes(seed, list);
        Sim {
            pg,
            journal: Journal::new(seed, nodes),
            commands: Vec::new(),
            applied: None,
            tally: Tally::default(),
            files: BTreeMap::new(),
        }
    }

    /// A lesson's starting cluster: its nodes (none: the default ones), its
    /// static pods and set-up manifests, built the way the lesson replay
    /// tests build it. A set-up problem comes back beside the cluster.
    pub fn for_lesson(start: LessonStart) -> (Sim, Option<Text>) {
        Sim::lesson_seeded(SEED, start)
    }

    fn lesson_seeded(seed: u64, start: LessonStart) -> (Sim, Option<Text>) {
        use podplay_engine::lessons::Sim as _;
        let mut built = podplay_engine::lessons::ClusterSim::new(seed);
        let problem = built.setup(&start.setup, &start.files).err();
        let mut journal = Journal::new(seed, 0);
        journal.lesson = Some(start);
        let sim = Sim {
            pg: built.into_playground(),
            journal,
            commands: Vec::new(),
            applied: None,
            tally: Tally::default(),
            files: BTreeMap::new(),
        };
        (sim, problem)
    }

    /// The lesson this cluster was set up for, if any.
    pub fn lesson(&self) -> Option<&str> {
        self.journal.lesson.as_ref().map(|l| l.id.as_str())
    }

    /// Rebuilds the cluster a journal describes by replaying its inputs on a
    /// fresh cluster with the same seed (the engine is deterministic).
    pub fn replay(journal: &Journal) -> (Sim, Replayed) {
        let mut sim = match &journal.lesson {
            Some(start) => Sim::lesson_seeded(journal.seed, start.clone()).0,
            None => Sim::with_seed(journal.seed, journal.nodes),
        };
        let mut editor = String::new();
        for entry in &journal.entries {
            match entry {
                Entry::Advance { ms } => sim.advance_by(*ms),
                Entry::Run { line, editor: text } => {
                    if let Some(text) = text {
                        editor.clone_from(text);
                    }
                    sim.run(line, Lang::En, &editor);
                }
            }
        }
        sim.journal.full |= journal.full;
        (sim, Replayed { truncated: journal.full })
    }

    /// Everything done to this cluster so far, replayable.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// The whole simulation, for views that need more than this type offers.
    pub fn playground(&self) -> &Playground {
        &self.pg
    }

    pub fn now(&self) -> SimTime {
        self.pg.cluster.now()
    }

    /// Judges a lesson's checks against this cluster, the manifest last
    /// applied and the commands that succeeded, exactly as the engine's
    /// lesson replay does.
    pub fn lesson_results(&self, checks: &[Check]) -> Vec<CheckResult> {
        let facts = self.facts();
        evaluate_all(checks, &facts)
    }

    /// Fills debrief and explain placeholders from this run, as the
    /// engine's lesson tests do.
    pub fn render_placeholders(&self, text: &str) -> String {
        let facts = self.facts();
        podplay_engine::lessons::render_placeholders(text, &facts)
    }

    /// What lesson checks see: the cluster, the manifest last applied and
    /// the commands that succeeded.
    fn facts(&self) -> Facts<'_> {
        Facts {
            cluster: &self.pg.cluster,
            runtime: self.pg.runtime(),
            applied: self.applied.as_deref(),
            commands: &self.commands,
        }
    }

    /// The terminal lines that succeeded, oldest first (what command checks see).
    pub fn succeeded_commands(&self) -> &[String] {
        &self.commands
    }

    /// The manifest last applied (or tried) from the editor, if any.
    pub fn applied_manifest(&self) -> Option<&str> {
        self.applied.as_deref()
    }

    /// The learner's applies and commands on this cluster, for the par.
    pub fn tally(&self) -> Tally {
        self.tally
    }

    /// Moves the virtual clock forward.
    pub fn advance_by(&mut self, ms: u64) {
        self.pg.cluster.advance_by(ms);
        self.journal.advance(ms);
    }

    /// Moves the virtual clock forward to `ms` (never back).
    pub fn advance_to(&mut self, ms: u64) {
        let now = self.now().as_millis();
        self.advance_by(ms.saturating_sub(now));
    }

    /// Runs one terminal line through kubectl; `editor` is `-f editor.yaml`.
    pub fn run(&mut self, line: &str, lang: Lang, editor: &str) -> CommandOutput {
        // A node shell keeps a line's indentation (a here-document's YAML).
        let line = if self.pg.shell_prompt().is_some() { line.trim_end() } else { line.trim() };
        self.journal.run(line, editor);
        let sends = self.pg.shell_prompt().is_none() && sends_editor(line);
        if sends {
            self.applied = Some(editor.to_string());
        }
        let mut ctx = self.context(editor);
        ctx.lang = lang;
        // `kubectl edit` opens the object in the app's editor.
        ctx.editor = true;
        let out = self.pg.run(line, &ctx);
        // Recorded for lesson checks after it ran, and only if it succeeded.
        if out.exit_code == 0 {
            if self.commands.len() >= COMMANDS_MAX {
                self.commands.remove(0);
            }
            self.commands.push(line.to_string());
            let count = if sends { &mut self.tally.applies } else { &mut self.tally.commands };
            *count = count.saturating_add(1);
        }
        self.keep_files(&out.files);
        // What the command set off inside pods (an exec's request) reaches
        // the cluster's records without moving the clock, as in the lessons' replay.
        // A watch or a waiting delete moves the clock itself; replaying the
        // line moves it again, so the journal records only the line.
        self.pg.cluster.advance_by(0);
        out
    }

    /// What kubectl can read: the editor's text as `editor.yaml`, and the
    /// terminal's files (the editor wins a clash of names).
    fn context(&self, editor: &str) -> Context {
        let mut ctx = Context::with_editor(editor);
        for (name, text) in &self.files {
            ctx.files.entry(name.clone()).or_insert_with(|| text.clone());
        }
        ctx
    }

    /// Keeps the files a command copied to the terminal's side, within
    /// [`FILES_MAX`] and [`FILES_BYTES_MAX`]; `editor.yaml` is the editor's
    /// text and is never replaced this way. A file that would break a limit
    /// is not kept ([`Sim::file`] tells).
    fn keep_files(&mut self, copied: &BTreeMap<String, String>) {
        for (name, text) in copied {
            if name == EDITOR_FILE {
                continue;
            }
            let others: usize = self.files.iter().filter(|(n, _)| *n != name).map(|(_, t)| t.len()).sum();
            let count = self.files.len() + usize::from(!self.files.contains_key(name));
            if count <= FILES_MAX && others.saturating_add(text.len()) <= FILES_BYTES_MAX {
                self.files.insert(name.clone(), text.clone());
            }
        }
    }

    /// One of the terminal's files, by name.
    pub fn file(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }

    /// The names of the terminal's files.
    pub fn file_names(&self) -> Vec<String> {
        self.files.keys().cloned().collect()
    }

    /// Tab completion candidates for the word ending at the end of `line`.
    pub fn complete(&mut self, line: &str, editor: &str) -> Vec<String> {
        let ctx = self.context(editor);
        self.pg.complete(line, line.len(), &ctx)
    }

    /// The prompt of the open container shell (`/ # `, after `kubectl exec
    /// -it`) or node shell (`root@worker-1:~# `).
    pub fn shell_prompt(&self) -> Option<String> {
        self.pg.shell_prompt()
    }

    /// `kubectl apply -f` of the editor's text. Ok is kubectl's stdout
    /// (`pod/hello created`); Err is its error with the explanation.
    pub fn apply_yaml(&mut self, source: &str, lang: Lang) -> Result<String, Text> {
        self.apply_editor(source, lang).map(|applied| applied.said)
    }

    /// `kubectl apply -f` of the editor's text, with the pods it created or
    /// changed as the command reports them (never parsed out of its output).
    pub fn apply_editor(&mut self, source: &str, lang: Lang) -> Result<Applied, Text> {
        self.editor_command("kubectl apply -f editor.yaml", source, lang)
    }

    /// Saves what `kubectl edit` opened in the editor: an update of the
    /// live object (`kubectl replace -f editor.yaml`, so the journal
    /// replays it and the API server's rules answer it).
    pub fn save_edit(&mut self, source: &str, lang: Lang) -> Result<Applied, Text> {
        self.editor_command("kubectl replace -f editor.yaml", source, lang)
    }

    fn editor_command(&mut self, line: &str, source: &str, lang: Lang) -> Result<Applied, Text> {
        let out = self.run(line, lang, source);
        if out.exit_code != 0 {
            let message = out.stderr.trim().to_string();
            return Err(match out.explain {
                Some(t) => Text::new(format!("{message}\n{}", t.ko), format!("{message}\n{}", t.en)),
                None => Text::new(message.clone(), message),
            });
        }
        let pods = out.changed.iter().filter(|c| c.kind == "Pod").map(|c| c.name.clone()).collect();
        Ok(Applied { said: out.stdout.trim().to_string(), pods })
    }

    pub fn pods(&self) -> Vec<PodView> {
        self.pg.cluster.pods()
    }

    /// A pod by name, in any namespace (the first found).
    pub fn pod(&self, name: &str) -> Option<PodView> {
        let (ns, _) = self.pg.cluster.pod_names().into_iter().find(|(_, n)| n == name)?;
        self.pg.cluster.pod(&ns, name)
    }

    pub fn nodes(&self) -> Vec<NodeView> {
        self.pg.cluster.nodes()
    }

    pub fn events(&self) -> Vec<EventView> {
        kubectl::Backend::events(&self.pg)
    }

    pub fn scheduling_table(&self, namespace: &str, name: &str) -> Option<SchedulingTable> {
        self.pg.cluster.scheduling_table(namespace, name)
    }

    fn uid(&self, namespace: &str, name: &str) -> Option<String> {
        self.pg.cluster.pod(namespace, name).map(|p| p.uid)
    }

    /// What is inside a pod: namespaces, processes, volumes (from the runtime).
    pub fn inside(&self, namespace: &str, name: &str) -> Option<Inside> {
        let uid = self.uid(namespace, name)?;
        self.pg.runtime().inspect(&uid)
    }

    /// One container's log lines (current instance).
    pub fn logs(&self, namespace: &str, name: &str, container: &str) -> Vec<LogLine> {
        let Some(pod_uid) = self.uid(namespace, name) else { return Vec::new() };
        self.pg.runtime().logs(&ContainerId { pod_uid, container: container.to_string() }, false)
    }

    /// The traffic of one pod the cluster kept, oldest first.
    pub fn traffic(&self, namespace: &str, name: &str) -> Vec<Traffic> {
        let Some(uid) = self.uid(namespace, name) else { return Vec::new() };
        self.pg.cluster.traffic().filter(|t| t.pod_uid == uid).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::STARTER_YAML;

    #[test]
    fn an_apply_reports_the_pods_it_touched() {
        let mut sim = Sim::new();
        let applied = sim.apply_editor(STARTER_YAML, Lang::En).unwrap();
        assert_eq!(applied.said, "pod/hello created");
        assert_eq!(applied.pods, vec!["hello".to_string()], "{applied:?}");
    }

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
        assert_eq!(sim.journal().entries.len(), 2, "one apply and one advance: {:?}", sim.journal());
    }

    #[test]
    fn kubectl_edit_opens_the_pod_and_saving_updates_it() {
        let mut sim = Sim::new();
        sim.apply_yaml(STARTER_YAML, Lang::En).unwrap();
        sim.advance_by(30_000);
        let out = sim.run("kubectl edit pod hello", Lang::En, "");
        let text = out.edit.map(|e| e.text).unwrap_or_default();
        assert!(text.starts_with("# Please edit the object below."), "{text}");
        let edited = text.replace("  labels:\n", "  labels:\n    edited: \"yes\"\n");
        assert_ne!(edited, text);
        let saved = sim.save_edit(&edited, Lang::En).unwrap();
        assert_eq!(saved.said, "pod/hello replaced");
        let out = sim.run("kubectl get pod hello -o jsonpath={.metadata.labels.edited}", Lang::En, "");
        assert_eq!(out.stdout, "yes");
    }

    #[test]
    fn refuses_what_it_cannot_apply() {
        let mut sim = Sim::new();
        assert!(sim.apply_yaml("kind: Pod\nmetadata: {}\nspec: {containers: []}\n", Lang::En).is_err());
        // Only the control plane's own pods (kube-system) run: none was applied.
        assert!(sim.pods().iter().all(|p| p.namespace == "kube-system"));
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

    /// Namespaces and the kubeconfig context's namespace are state the
    /// journal's kubectl lines rebuild: a reload (or a share link) replays
    /// them and gets both back.
    #[test]
    fn replaying_the_journal_restores_namespaces_and_the_context_namespace() {
        let mut sim = Sim::new();
        for line in [
            "kubectl create namespace dev",
            "kubectl config set-context --current --namespace=dev",
            "kubectl run web --image=nginx",
        ] {
            let out = sim.run(line, Lang::En, "");
            assert_eq!(out.exit_code, 0, "{line}: {out:?}");
        }
        let saved = Journal::from_json(&sim.journal().to_json()).expect("the journal reads back");
        let (mut again, _) = Sim::replay(&saved);
        let ns = again.run("kubectl get ns dev -o name", Lang::En, "");
        assert_eq!(ns.stdout, "namespace/dev\n", "{ns:?}");
        let context = again.run("kubectl config get-contexts -o name", Lang::En, "");
        assert_eq!(context.exit_code, 0);
        let view = again.run("kubectl config view --minify -o jsonpath={.contexts[0].context.namespace}", Lang::En, "");
        assert_eq!(view.stdout, "dev", "{view:?}");
        let pods = again.run("kubectl get pods -o name", Lang::En, "");
        assert_eq!(pods.stdout, "pod/web\n", "the pod went to the context's namespace: {pods:?}");
    }

    /// A shell session in a container (`kubectl run -it … -- sh`) is state
    /// the journal's lines rebuild: the replayed terminal is still in the
    /// container, in the directory the learner moved to.
    #[test]
    fn replaying_the_journal_reopens_a_container_session() {
        let mut sim = Sim::new();
        for line in ["kubectl run box -it --image=busybox:1.36 --restart=Never -- sh", "mkdir /data", "cd /data"] {
            let out = sim.run(line, Lang::En, "");
            assert_eq!(out.exit_code, 0, "{line}: {out:?}");
        }
        assert_eq!(sim.shell_prompt().as_deref(), Some("/data # "));
        let saved = Journal::from_json(&sim.journal().to_json()).expect("the journal reads back");
        let (mut again, _) = Sim::replay(&saved);
        assert_eq!(again.shell_prompt().as_deref(), Some("/data # "));
        assert_eq!(again.run("pwd", Lang::En, "").stdout, "/data\n");
        again.run("exit", Lang::En, "");
        assert_eq!(again.shell_prompt(), None);
    }
}

#[cfg(test)]
mod lesson_record_tests {
    use super::*;
    use crate::state::STARTER_YAML;

    /// A command counts for lesson checks only after it ran and only if it
    /// succeeded; the journal still keeps every line for replay.
    #[test]
    fn only_succeeded_commands_count_and_the_journal_keeps_them_all() {
        let mut sim = Sim::new();
        let failed = sim.run("kubectl logs nosuchpod", Lang::En, "");
        assert_ne!(failed.exit_code, 0);
        assert!(sim.succeeded_commands().is_empty(), "{:?}", sim.succeeded_commands());
        sim.apply_yaml(STARTER_YAML, Lang::En).unwrap();
        sim.advance_by(30_000);
        let ok = sim.run("kubectl get pods", Lang::En, "");
        assert_eq!(ok.exit_code, 0);
        assert_eq!(sim.succeeded_commands(), ["kubectl apply -f editor.yaml", "kubectl get pods"]);
        assert_eq!(sim.tally(), Tally { applies: 1, commands: 1 });
        let lines = sim.journal().entries.iter().filter(|e| matches!(e, Entry::Run { .. })).count();
        assert_eq!(lines, 3, "the failed line is journaled too");
        // A reload replays to the same record.
        let (again, _) = Sim::replay(sim.journal());
        assert_eq!(again.succeeded_commands(), sim.succeeded_commands());
        assert_eq!(again.tally(), sim.tally());
    }

    /// Diagnostic checks judge the manifest last applied (or tried), not
    /// what the editor holds now.
    #[test]
    fn the_applied_manifest_is_what_was_sent_even_when_it_failed() {
        let mut sim = Sim::new();
        assert_eq!(sim.applied_manifest(), None);
        sim.apply_yaml(STARTER_YAML, Lang::En).unwrap();
        assert_eq!(sim.applied_manifest(), Some(STARTER_YAML));
        let broken = "kind: Pod\nmetadata: {}\nspec: {containers: []}\n";
        assert!(sim.apply_yaml(broken, Lang::En).is_err());
        assert_eq!(sim.applied_manifest(), Some(broken), "a failed apply was still tried");
        assert_eq!(sim.tally().applies, 1, "only the apply that succeeded counts toward par");
        sim.run("kubectl get pods", Lang::En, "changed: text\n");
        assert_eq!(sim.applied_manifest(), Some(broken), "other commands do not apply the editor");
        assert!(sends_editor("kubectl apply -f editor.yaml") && sends_editor("kubectl create --filename=editor.yaml"));
        assert!(!sends_editor("kubectl apply -f other.yaml") && !sends_editor("kubectl get -f editor.yaml"));
    }
}

#[cfg(test)]
mod file_tests {
    use super::*;

    const WRITER: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: writer\n    image: busybox:1.36\n    command: [sh, -c, 'mkdir -p /shared; echo hello > /shared/index.html; sleep 3600']\n";
    const CM: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: copied\ndata:\n  a: b\n";

    /// `kubectl cp POD:/path LOCAL` gives the terminal a file that later
    /// commands can name, and a reload (the journal replayed) gives it back.
    #[test]
    fn a_file_copied_out_of_a_pod_is_kept_and_replay_recreates_it() {
        let mut sim = Sim::new();
        sim.apply_yaml(WRITER, Lang::En).unwrap();
        sim.advance_by(30_000);
        let out = sim.run("kubectl cp web:/shared/index.html ./index.html -c writer", Lang::En, "");
        assert_eq!(out.exit_code, 0, "{out:?}");
        assert_eq!(sim.file("index.html"), Some("hello\n"));
        // The copied file goes back into the pod under another name.
        let out = sim.run("kubectl cp index.html web:/tmp/x -c writer", Lang::En, "");
        assert_eq!(out.exit_code, 0, "{out:?}");
        let out = sim.run("kubectl exec web -- cat /tmp/x", Lang::En, "");
        assert_eq!(out.stdout, "hello\n", "{out:?}");
        // A manifest copied out of the pod can be applied by its name.
        sim.run("kubectl cp editor.yaml web:/tmp/cm.yaml", Lang::En, CM);
        let out = sim.run("kubectl cp web:/tmp/cm.yaml cm.yaml", Lang::En, "");
        assert_eq!(out.exit_code, 0, "{out:?}");
        let out = sim.run("kubectl apply -f cm.yaml", Lang::En, "");
        assert_eq!(out.stdout, "configmap/copied created\n", "{out:?}");
        assert!(sim.complete("kubectl apply -f c", "").contains(&"cm.yaml".to_string()));
        assert_eq!(sim.file_names(), vec!["cm.yaml".to_string(), "index.html".to_string()]);

        let saved = Journal::from_json(&sim.journal().to_json()).expect("the journal reads back");
        let (mut again, _) = Sim::replay(&saved);
        assert_eq!(again.file("index.html"), Some("hello\n"), "the replayed cp copied it again");
        assert_eq!(again.file("cm.yaml"), sim.file("cm.yaml"));
        let out = again.run("kubectl get configmap copied -o name", Lang::En, "");
        assert_eq!(out.stdout, "configmap/copied\n", "{out:?}");
    }

    #[test]
    fn the_editor_keeps_its_name_and_the_files_stay_bounded() {
        let mut sim = Sim::new();
        sim.apply_yaml(WRITER, Lang::En).unwrap();
        sim.advance_by(30_000);
        let out = sim.run("kubectl cp web:/shared/index.html editor.yaml", Lang::En, "kind: Pod\n");
        assert_eq!(out.files.get("editor.yaml").map(String::as_str), Some("hello\n"));
        assert_eq!(sim.file("editor.yaml"), None, "editor.yaml is the editor's text");
        for i in 0..FILES_MAX + 3 {
            sim.run(&format!("kubectl cp web:/shared/index.html f{i}.html"), Lang::En, "");
        }
        assert_eq!(sim.file_names().len(), FILES_MAX);
        assert_eq!(sim.file(&format!("f{}.html", FILES_MAX)), None, "past the cap nothing new is kept");
        // A name already kept is still overwritten.
        sim.run("kubectl cp web:/shared/index.html f0.html", Lang::En, "");
        assert_eq!(sim.file("f0.html"), Some("hello\n"));
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
        assert!(
            traffic.iter().any(|t| t.from == "app" && t.to == "logs"),
            "volume writes show up as traffic: {traffic:?}"
        );
    }
}

#[cfg(test)]
mod replay_tests {
    use super::*;
    use crate::journal::Journal;
    use crate::state::STARTER_YAML;

    const CRASHER: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crasher\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sh, -c, 'echo up; sleep 3; exit 1']\n";
    const DUO: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: duo\nspec:\n  volumes: [{name: logs, emptyDir: {}}]\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [sh, -c, 'while true; do echo tick >> /var/log/app.log; sleep 2; done']\n    volumeMounts: [{name: logs, mountPath: /var/log}]\n  - name: shipper\n    image: busybox:1.36\n    command: [sh, -c, 'tail -F /logs/app.log']\n    volumeMounts: [{name: logs, mountPath: /logs}]\n    livenessProbe: {exec: {command: [cat, /logs/app.log]}, periodSeconds: 3}\n";
    const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: nginx, image: nginx:1.27}]\n";

    /// Everything a learner can see of the cluster, as text.
    fn fingerprint(sim: &mut Sim) -> String {
        let mut out = format!("clock {}\n", sim.now().as_millis());
        for line in [
            "kubectl get pods -A -o yaml",
            "kubectl get pods --show-labels",
            "kubectl get events",
            "kubectl logs duo -c shipper",
        ] {
            let o = sim.playground_run(line);
            out.push_str(&format!("$ {line}\n{}{}\n", o.stdout, o.stderr));
        }
        out.push_str(&format!("traffic {}\n", sim.traffic("default", "duo").len()));
        out
    }

    impl Sim {
        /// Runs a line without recording it (for looking only).
        fn playground_run(&mut self, line: &str) -> CommandOutput {
            self.pg.run(line, &Context::default())
        }
    }

    /// Learner-like work: applies from the editor, terminal commands that
    /// change things, and the clock ticking in small steps between them.
    fn session() -> Sim {
        let mut sim = Sim::new();
        let tick = |sim: &mut Sim, ms: u64| {
            for _ in 0..ms / 100 {
                sim.advance_by(100);
            }
        };
        sim.apply_yaml(STARTER_YAML, Lang::En).unwrap();
        tick(&mut sim, 4_300);
        sim.apply_yaml(CRASHER, Lang::En).unwrap();
        sim.run("kubectl apply -f editor.yaml", Lang::Ko, DUO);
        tick(&mut sim, 12_700);
        sim.run("kubectl label pod hello tier=front", Lang::En, "");
        sim.run("kubectl exec duo -c app -- sh -c 'echo manual >> /var/log/app.log'", Lang::En, "");
        tick(&mut sim, 900);
        sim.apply_yaml(DEPLOY, Lang::En).unwrap();
        tick(&mut sim, 20_000);
        sim.run("kubectl delete pod crasher", Lang::En, "");
        sim.run("kubectl scale deployment web --replicas=3", Lang::En, "");
        tick(&mut sim, 61_000);
        sim
    }

    #[test]
    fn replaying_the_journal_gives_back_the_same_cluster() {
        let mut live = session();
        let saved = live.journal().to_json();
        let journal = Journal::from_json(&saved).expect("the saved journal reads back");
        let (mut restored, report) = Sim::replay(&journal);
        assert!(!report.truncated);
        let (a, b) = (fingerprint(&mut live), fingerprint(&mut restored));
        assert!(a.contains("tier=front") && !a.contains("name: crasher") && a.contains("manual"), "{a}");
        assert_eq!(a, b, "the replayed cluster differs from the live one");
        // The restored cluster goes on recording: its journal is the same.
        assert_eq!(restored.journal().entries, live.journal().entries);
        // And it keeps evolving the same way.
        live.advance_by(30_000);
        restored.advance_by(30_000);
        assert_eq!(fingerprint(&mut live), fingerprint(&mut restored));
    }

    #[test]
    fn a_stale_journal_and_the_saved_clock_restore_the_same_cluster() {
        // The app rewrites the journal only when it gains an entry; while the
        // clock ticks only the clock is saved. Replay + advance must agree.
        let mut live = Sim::new();
        live.apply_yaml(CRASHER, Lang::En).unwrap();
        live.advance_by(100);
        let stale = live.journal().to_json();
        for _ in 0..450 {
            live.advance_by(100);
        }
        let (mut restored, _) = Sim::replay(&Journal::from_json(&stale).unwrap());
        restored.advance_to(live.now().as_millis());
        let seen = fingerprint(&mut live);
        assert!(seen.contains("restartCount: 3"), "the crash loop ran: {seen}");
        assert_eq!(fingerprint(&mut live), fingerprint(&mut restored));
    }

    #[test]
    fn a_journal_for_a_big_cluster_keeps_its_nodes() {
        let mut sim = Sim::with_nodes(50);
        sim.apply_yaml(STARTER_YAML, Lang::En).unwrap();
        sim.advance_by(5_000);
        let (restored, _) = Sim::replay(sim.journal());
        assert_eq!(restored.nodes().len(), 50);
        assert_eq!(restored.pod("hello").map(|p| p.node), sim.pod("hello").map(|p| p.node));
    }
}

#[cfg(test)]
mod image_tests {
    use super::*;

    #[test]
    fn an_image_the_catalogue_lacks_fails_to_pull() {
        let mut sim = Sim::new();
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers:\n  - name: web\n    image: nginx:doesnotexist\n";
        sim.apply_yaml(yaml, Lang::En).unwrap();
        sim.advance_by(30_000);
        let status = sim.pod("typo").map(|p| p.status).unwrap_or_default();
        assert!(status == "ErrImagePull" || status == "ImagePullBackOff", "{status}");
    }
}

/// A long learner-like session for the replay benchmark (`./x bench`):
/// a few pods (one crash-looping, one with a sidecar, a Deployment), then
/// `commands` kubectl lines, each after `ticks` clock ticks of 100 ms.
#[cfg(any(test, feature = "bench"))]
pub fn bench_session(commands: usize, ticks: usize) -> Sim {
    let mut sim = Sim::new();
    let pod = |name: &str, script: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: main\n    image: busybox:1.36\n    command: [sh, -c, '{script}']\n")
    };
    let _ = sim.apply_yaml(&pod("crasher", "sleep 2; exit 1"), Lang::En);
    let _ = sim.apply_yaml(&pod("ticker", "while true; do echo tick; sleep 1; done"), Lang::En);
    let deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: nginx, image: nginx:1.27}]\n";
    let _ = sim.apply_yaml(deploy, Lang::En);
    for i in 0..commands {
        for _ in 0..ticks {
            sim.advance_by(100);
        }
        let line = match i % 4 {
            0 => format!("kubectl label pod ticker n={i} --overwrite"),
            1 => "kubectl get pods -o wide".to_string(),
            2 => "kubectl exec ticker -- sh -c 'echo hi >> /tmp/x'".to_string(),
            _ => "kubectl logs ticker --tail=5".to_string(),
        };
        sim.run(&line, Lang::En, "");
    }
    sim
}

#[cfg(test)]
mod bench_session_tests {
    use super::*;

    #[test]
    fn the_bench_session_replays_to_the_same_cluster() {
        let live = bench_session(40, 10);
        assert_eq!(live.now().as_millis(), 40 * 10 * 100);
        let (restored, _) = Sim::replay(live.journal());
        assert_eq!(format!("{:?}", restored.pods()), format!("{:?}", live.pods()));
    }
}
