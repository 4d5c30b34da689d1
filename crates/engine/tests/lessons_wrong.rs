//! Issue 19, proof 3: every wrong answer a lesson ships fails every goal it
//! names in `fails`, replayed from a fresh cluster with the same seed as the
//! solution. A check that passes wrong work cannot be trusted.

mod lessons_common;

use lessons_common::repo_pack;
use podplay_engine::lessons::{replay_steps, ClusterSim};

/// The seed every lesson test uses.
const SEED: u64 = 7;

#[test]
fn every_wrong_answer_fails_the_goals_it_names() {
    let pack = repo_pack();
    let mut failures = Vec::new();
    let mut judged = 0usize;
    for lesson in &pack.lessons {
        let id = lesson.lesson.id.as_str();
        for (w, wrong) in lesson.lesson.wrong_answers.iter().enumerate() {
            let replay = replay_steps(lesson, &wrong.steps, &mut ClusterSim::new(SEED));
            for fail_id in &wrong.fails {
                let Some(i) = lesson.lesson.checks.iter().position(|c| c.id() == Some(fail_id.as_str())) else {
                    failures.push(format!("{id}: wrong answer {} names unknown check `{fail_id}`", w + 1));
                    continue;
                };
                judged += 1;
                if let Some(result) = replay.results.get(i).filter(|r| r.passed) {
                    failures.push(format!(
                        "{id}: wrong answer {} (\"{}\") passes check `{fail_id}`: {}",
                        w + 1,
                        wrong.why.en,
                        result.detail.en
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if lessons_common::is_repo_pack() {
        assert!(judged > 0, "no wrong answer was judged");
    }
}

#[test]
fn the_solution_passes_what_its_wrong_answers_fail() {
    // A wrong answer is only a proof if the same check passes the right
    // work: the targeted checks pass after the solution on the same seed.
    let pack = repo_pack();
    let mut failures = Vec::new();
    for lesson in &pack.lessons {
        let id = lesson.lesson.id.as_str();
        if lesson.lesson.wrong_answers.is_empty() {
            continue;
        }
        let solution = replay_steps(lesson, &lesson.lesson.solution, &mut ClusterSim::new(SEED));
        for wrong in &lesson.lesson.wrong_answers {
            for fail_id in &wrong.fails {
                let i = lesson.lesson.checks.iter().position(|c| c.id() == Some(fail_id.as_str()));
                if let Some(r) = i.and_then(|i| solution.results.get(i)).filter(|r| !r.passed) {
                    failures.push(format!("{id}: the solution fails `{fail_id}`: {}", r.detail.en));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
