//! Issue 19, proof 10: the repository's pack is a course, not a sketch: at
//! least 26 lessons, 4 troubleshooting lessons and 6 predict steps in all;
//! every lesson has graded hints (at least 3), at least 3 wrong answers and
//! a debrief. Teacher packs (`PODPLAY_LESSONS`) are not held to these.

mod lessons_common;

use lessons_common::{is_repo_pack, repo_pack};
use podplay_engine::lessons::LessonMode;

const LESSONS_MIN: usize = 26;
const TROUBLESHOOT_MIN: usize = 4;
const PREDICT_MIN: usize = 6;
const HINTS_MIN: usize = 3;
const WRONG_ANSWERS_MIN: usize = 3;

#[test]
fn the_course_is_big_enough() {
    if !is_repo_pack() {
        return;
    }
    let pack = repo_pack();
    let lessons = pack.lessons.len();
    let troubleshoot = pack.lessons.iter().filter(|l| l.lesson.mode == LessonMode::Troubleshoot).count();
    let predict: usize = pack.lessons.iter().map(|l| l.lesson.predict.len()).sum();
    let mut failures = Vec::new();
    if lessons < LESSONS_MIN {
        failures.push(format!("{lessons} lessons, at least {LESSONS_MIN} needed"));
    }
    if troubleshoot < TROUBLESHOOT_MIN {
        failures.push(format!("{troubleshoot} troubleshoot lessons, at least {TROUBLESHOOT_MIN} needed"));
    }
    if predict < PREDICT_MIN {
        failures.push(format!("{predict} predict steps, at least {PREDICT_MIN} needed"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_lesson_has_graded_hints_wrong_answers_and_a_debrief() {
    if !is_repo_pack() {
        return;
    }
    let mut failures = Vec::new();
    for l in repo_pack().lessons {
        let id = &l.lesson.id;
        let hints = l.lesson.hints.en.len();
        if hints < HINTS_MIN {
            failures.push(format!("{id}: {hints} hints, at least {HINTS_MIN} (concept, pointer, answer)"));
        }
        let wrong = l.lesson.wrong_answers.len();
        if wrong < WRONG_ANSWERS_MIN {
            failures.push(format!("{id}: {wrong} wrong answers, at least {WRONG_ANSWERS_MIN}"));
        }
        if l.lesson.debrief.is_none() {
            failures.push(format!("{id}: no debrief"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
