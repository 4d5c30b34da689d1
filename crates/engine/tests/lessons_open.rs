//! Issue 19, proof 2: when a lesson opens (its cluster set up, the starter
//! in the editor, nothing applied, no time passed) no goal is met yet, and
//! no prediction's `verify` holds. Also proof 5 at the lesson level: a
//! check's own command, run while it cannot succeed, does not tick it.

mod lessons_common;

use lessons_common::repo_pack;
use podplay_engine::lessons::{
    evaluate, evaluate_all, replay_open, Check, ClusterSim, Sim, World, STARTER_WAIT_SECONDS,
};

/// The seed every lesson test uses.
const SEED: u64 = 7;

fn name(check: &Check, i: usize) -> String {
    match check.id() {
        Some(id) => format!("check `{id}`"),
        None => format!("check {} ({})", i + 1, check.goal().en),
    }
}

/// Judges a lesson as it opens (`idle` 0) or after the learner left it
/// alone for `idle` seconds (the app's clock runs; nothing applied).
fn open_failures(idle: u32) -> Vec<String> {
    let pack = repo_pack();
    let when = if idle == 0 { "at open".to_string() } else { format!("after {idle} s idle at open") };
    let mut failures = Vec::new();
    for lesson in &pack.lessons {
        let id = lesson.lesson.id.as_str();
        let mut sim = ClusterSim::new(SEED);
        let mut open = replay_open(lesson, &mut sim);
        if idle > 0 {
            sim.wait(idle);
            open.results = evaluate_all(&lesson.lesson.checks, sim.world());
            open.verify = lesson.lesson.predict.iter().map(|p| evaluate(&p.verify, sim.world())).collect();
        }
        for e in &open.errors {
            failures.push(format!("{id}: the setup failed: {}", e.en));
        }
        for (i, (check, result)) in lesson.lesson.checks.iter().zip(&open.results).enumerate() {
            if result.passed {
                failures.push(format!("{id}: {} already passes {when}: {}", name(check, i), result.detail.en));
            }
        }
        for (p, result) in lesson.lesson.predict.iter().zip(&open.verify) {
            if result.passed {
                failures.push(format!("{id}: predict `{}`: verify already passes {when}: {}", p.id, result.detail.en));
            }
        }
    }
    failures
}

#[test]
fn no_goal_is_met_when_a_lesson_opens() {
    let failures = open_failures(0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_goal_is_met_by_leaving_a_lesson_alone() {
    let failures = open_failures(STARTER_WAIT_SECONDS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_command_that_fails_at_open_does_not_tick_its_check() {
    let pack = repo_pack();
    let mut failures = Vec::new();
    let mut tried = 0usize;
    for lesson in &pack.lessons {
        let id = lesson.lesson.id.as_str();
        for (i, check) in lesson.lesson.checks.iter().enumerate() {
            let Some(line) = check.command_line() else { continue };
            let mut sim = ClusterSim::new(SEED);
            let _ = replay_open(lesson, &mut sim);
            if sim.run(&line).is_ok() {
                continue; // it can succeed at open (e.g. `kubectl get pods`)
            }
            tried += 1;
            assert!(sim.commands().is_empty(), "{id}: a failed command was recorded");
            let result = evaluate(check, sim.world());
            if result.passed {
                failures.push(format!("{id}: {} passes after `{line}` failed", name(check, i)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(tried > 0, "no command check could fail at open");
}

#[test]
fn a_failing_command_never_counts() {
    let pack = repo_pack();
    let lesson = pack.lessons.first().expect("a lesson");
    let mut sim = ClusterSim::new(SEED);
    let _ = replay_open(lesson, &mut sim);
    assert!(sim.run("kubectl logs nosuchpod").is_err());
    assert!(sim.run("kubectl get pods --nosuchflag").is_err());
    assert!(sim.commands().is_empty(), "{:?}", sim.commands());
    let check: Check = podplay_engine::yaml::from_str(
        "kind: command-run\ngoal: {ko: 로그, en: logs}\ncommand: kubectl logs nosuchpod\n",
    )
    .expect("check");
    assert!(!evaluate(&check, sim.world()).passed);
    assert!(sim.run("kubectl get pods").is_ok());
    assert_eq!(sim.commands(), vec!["kubectl get pods".to_string()]);
}

#[test]
fn a_diagnostic_check_reads_the_manifest_last_applied() {
    const BAD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: m\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    resources:\n      limits: {memory: 64}\n";
    let good = BAD.replace("{memory: 64}", "{memory: 64Mi}");
    let check: Check = podplay_engine::yaml::from_str(
        "kind: diagnostic\ngoal: {ko: 고침, en: fixed}\nrule: memory-without-unit\npresent: false\n",
    )
    .expect("check");
    let mut sim = ClusterSim::new(SEED);
    // Nothing applied: fails, even with a clean editor.
    sim.load_editor(&good);
    let r = evaluate(&check, sim.world());
    assert!(!r.passed && r.detail.en.starts_with("nothing applied yet"), "{r:?}");
    // The bad manifest applied, then fixed in the editor only: still fails.
    let _ = sim.apply(BAD);
    sim.load_editor(&good);
    assert!(!evaluate(&check, sim.world()).passed);
    // Applied from the terminal (tried: the API server may refuse the
    // change to a running pod): the manifest judged is the fixed one.
    let _ = sim.run("kubectl apply -f editor.yaml");
    assert!(evaluate(&check, sim.world()).passed);
}
