//! Replaying lessons: every starter must fail its checks and every solution
//! must pass them, in the engine, natively, on the whole simulation
//! (`ClusterSim`: cluster, pod internals, validator and kubectl).

mod lessons_common;

use std::cell::RefCell;
use std::collections::BTreeMap;

use lessons_common::repo_pack;
use podplay_engine::lessons::{
    replay_solution, replay_starter, ClusterSim, DiagnosticFacts, EventFacts, NsKind, ObjectFacts, PodFacts, Setup,
    Sim, TrafficFacts, World, STARTER_WAIT_SECONDS,
};
use podplay_engine::Text;

/// Check kinds `ClusterSim` cannot see (none: every check is replayed).
const NEEDS_INTERNALS: &[&str] = &[];

/// (lesson, check index, why) the simulation gets wrong (none known).
const KNOWN_GAPS: &[(&str, usize, &str)] = &[];

fn judged(id: &str, i: usize, kind: &str) -> bool {
    !NEEDS_INTERNALS.contains(&kind) && !KNOWN_GAPS.iter().any(|(l, c, _)| *l == id && *c == i)
}

#[test]
fn starters_fail_and_solutions_pass() {
    let pack = repo_pack();
    let mut failures = Vec::new();
    let mut judged_checks = 0usize;
    for lesson in &pack.lessons {
        let id = lesson.lesson.id.as_str();
        let checks = &lesson.lesson.checks;
        let starter = replay_starter(lesson, &mut ClusterSim::new(7));
        let starter_fails =
            checks.iter().zip(&starter.results).enumerate().any(|(i, (c, r))| judged(id, i, c.kind()) && !r.passed);
        if !starter_fails {
            failures.push(format!("{id}: the starter passes every check the cluster can judge"));
        }
        let solution = replay_solution(lesson, &mut ClusterSim::new(7));
        for (i, (check, result)) in checks.iter().zip(&solution.results).enumerate() {
            if !judged(id, i, check.kind()) {
                continue;
            }
            judged_checks += 1;
            if !result.passed {
                failures.push(format!("{id}: the solution fails \"{}\": {}", check.goal().en, result.detail.en));
            }
        }
        for e in &solution.errors {
            failures.push(format!("{id}: a solution step failed: {}", e.en));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(judged_checks >= 60, "only {judged_checks} checks judged");
}

/// A fake that records what the replay asked for and passes checks only
/// after the solution's last step ran.
#[derive(Default)]
struct Recorder {
    log: RefCell<Vec<String>>,
    pods: Vec<PodFacts>,
    commands: Vec<String>,
}

impl World for Recorder {
    fn pods(&self) -> Vec<PodFacts> {
        self.pods.clone()
    }
    fn events(&self) -> Vec<EventFacts> {
        Vec::new()
    }
    fn logs(&self, _: &str, _: &str, _: &str) -> Vec<String> {
        Vec::new()
    }
    fn traffic(&self) -> Vec<TrafficFacts> {
        Vec::new()
    }
    fn shares_namespace(&self, _: &str, _: &str, _: &str, _: &str, _: NsKind) -> Option<bool> {
        None
    }
    fn file(&self, _: &str, _: &str, _: &str, _: &str) -> Option<String> {
        None
    }
    fn diagnostics(&self) -> Option<Vec<DiagnosticFacts>> {
        None
    }
    fn commands(&self) -> Vec<String> {
        self.commands.clone()
    }
    fn objects(&self) -> Vec<ObjectFacts> {
        Vec::new()
    }
}

impl Sim for Recorder {
    fn setup(&mut self, setup: &Setup, files: &BTreeMap<String, String>) -> Result<(), Text> {
        self.log.borrow_mut().push(format!("setup nodes={} files={}", setup.nodes.len(), files.len()));
        Ok(())
    }
    fn apply(&mut self, yaml: &str) -> Result<(), Text> {
        let first = yaml.lines().find(|l| l.starts_with("kind:")).unwrap_or("?").to_string();
        self.log.borrow_mut().push(format!("apply {first}"));
        // Pods appear with an IP so that placeholders resolve.
        self.pods.push(PodFacts {
            namespace: "default".into(),
            name: "web".into(),
            pod_ip: Some("10.244.1.9".into()),
            labels: [("app".to_string(), "web".to_string())].into_iter().collect(),
            ..PodFacts::default()
        });
        Ok(())
    }
    fn run(&mut self, command: &str) -> Result<String, Text> {
        self.log.borrow_mut().push(format!("run {command}"));
        self.commands.push(command.to_string());
        Ok(String::new())
    }
    fn wait(&mut self, seconds: u32) {
        self.log.borrow_mut().push(format!("wait {seconds}"));
    }
    fn world(&self) -> &dyn World {
        self
    }
}

#[test]
fn a_solution_replays_in_order_with_placeholders() {
    let pack = repo_pack();
    let lesson = pack.lesson("17-logs-exec-network").expect("lesson 17");
    let mut sim = Recorder::default();
    let replay = replay_solution(lesson, &mut sim);
    let log = sim.log.borrow().clone();
    assert_eq!(log.first().map(String::as_str), Some("setup nodes=0 files=1"));
    assert_eq!(log.get(1).map(String::as_str), Some("apply kind: Pod"));
    assert_eq!(log.get(2).map(String::as_str), Some("wait 20"));
    assert_eq!(log.last().map(String::as_str), Some("run kubectl exec client -c shell -- wget -qO- http://10.244.1.9"));
    assert!(replay.errors.is_empty(), "{:?}", replay.errors);
    // The fake records commands, so the command-run checks pass; the rest
    // need a real cluster.
    let passed: Vec<bool> = replay.results.iter().map(|r| r.passed).collect();
    assert_eq!(passed, vec![false, true, true, true, false]);
}

#[test]
fn a_starter_replay_applies_the_starter_and_waits() {
    let pack = repo_pack();
    let lesson = pack.lesson("14-static-pods").expect("lesson 14");
    let mut sim = Recorder::default();
    let replay = replay_starter(lesson, &mut sim);
    let log = sim.log.borrow().clone();
    // The static pod manifest and the starter reach setup.
    assert_eq!(
        log,
        vec![
            "setup nodes=0 files=2".to_string(),
            "apply kind: Pod".to_string(),
            format!("wait {STARTER_WAIT_SECONDS}")
        ]
    );
    assert!(!replay.all_passed());
}
