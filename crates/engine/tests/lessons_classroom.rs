//! Classroom helpers: progress files round-trip and refuse foreign files;
//! completion summaries list every goal with its result.

mod lessons_common;

use expect_test::expect;
use lessons_common::repo_pack;
use podplay_engine::lessons::{completion_summary, CheckResult, LessonProgress, Progress};
use podplay_engine::{Lang, Text};

#[test]
fn progress_round_trips() {
    let mut p = Progress::default();
    p.lessons.insert(
        "07-sidecar".into(),
        LessonProgress {
            done: true,
            hints_shown: 2,
            solution_shown: false,
            completed_at: Some("2026-11-22T21:40:00Z".into()),
            manifest: Some("kind: Pod\n".into()),
        },
    );
    let text = p.to_text();
    assert!(text.starts_with("format: podplay-progress/v1\n"), "{text}");
    assert_eq!(Progress::from_text("progress.yaml", &text).unwrap(), p);
}

#[test]
fn foreign_files_are_refused_with_a_location() {
    let cases = [
        ("format: other/v9\n", "unknown format \"other/v9\""),
        ("format: podplay-progress/v1\nlessons:\n  01-a:\n    dun: true\n", "unknown field `dun`"),
        ("{not yaml", "not a Podplay progress file"),
        ("", "not a Podplay progress file"),
    ];
    for (text, want) in cases {
        let e = Progress::from_text("p.yaml", text).expect_err(text);
        assert!(e.message.en.contains(want), "{text}: {}", e.message.en);
        assert!(!e.message.ko.is_empty());
    }
    let e =
        Progress::from_text("p.yaml", "format: podplay-progress/v1\nlessons:\n  01-a:\n    dun: true\n").unwrap_err();
    assert_eq!(e.line, 4, "{e}");
}

#[test]
fn merging_keeps_the_most_progress() {
    let mut a = Progress::default();
    a.lessons.insert("01".into(), LessonProgress { done: true, hints_shown: 1, ..Default::default() });
    let mut b = Progress::default();
    b.lessons.insert(
        "01".into(),
        LessonProgress { done: false, hints_shown: 3, completed_at: Some("2026-01-02".into()), ..Default::default() },
    );
    b.lessons.insert("02".into(), LessonProgress { solution_shown: true, ..Default::default() });
    a.merge(&b);
    let one = &a.lessons["01"];
    assert!(one.done);
    assert_eq!(one.hints_shown, 3);
    assert_eq!(one.completed_at.as_deref(), Some("2026-01-02"));
    assert!(a.lessons["02"].solution_shown);
}

#[test]
fn a_completion_summary_lists_every_goal() {
    let pack = repo_pack();
    let lesson = pack.lesson("01-what-is-a-pod").expect("lesson 1");
    let results = vec![
        CheckResult { passed: true, detail: Text::new("pod/web: 조건에 맞는 파드 1개", "pod/web: 1 matching") },
        CheckResult {
            passed: true,
            detail: Text::new("web/nginx: running (재시작 0회)", "web/nginx: running (0 restarts)"),
        },
        CheckResult {
            passed: false,
            detail: Text::new("아직 실행하지 않았습니다: kubectl get pods", "not run yet: kubectl get pods"),
        },
    ];
    let summary = completion_summary(lesson, &results, Lang::En, "2026-11-22T21:40:00Z", "kind: Pod\n");
    expect![[r#"
        # Podplay — 01-what-is-a-pod · What a Pod is

        - When: 2026-11-22T21:40:00Z
        - Result: 2/3

        ## Checks

        - [x] Pod `web` is Running — pod/web: 1 matching
        - [x] Container `nginx` in pod `web` is running — web/nginx: running (0 restarts)
        - [ ] You listed pods with `kubectl get pods` — not run yet: kubectl get pods

        ## Manifest

        ```yaml
        kind: Pod
        ```
    "#]]
    .assert_eq(&summary);
    let ko = completion_summary(lesson, &results, Lang::Ko, "2026-11-22T21:40:00Z", "kind: Pod\n");
    assert!(ko.contains("## 검사 항목") && ko.contains("- [x] 파드 `web`이 Running 상태입니다"), "{ko}");
}

/// What the exporter writes, the importer (the engine's YAML 1.1 reader)
/// reads back as the same strings, even where YAML 1.1 and 1.2 disagree.
#[test]
fn progress_round_trips_strings_yaml_1_1_would_read_otherwise() {
    let tricky = [
        "yes",
        "on",
        "off",
        "y",
        "n",
        "~",
        "0644",
        "1_000",
        "0b101",
        "0x1F",
        "1e3",
        ".inf",
        "2026-11-22",
        "",
        " lead",
        "a: b",
        "- x",
    ];
    let mut p = Progress::default();
    for (i, s) in tricky.iter().enumerate() {
        p.lessons.insert(
            (*s).to_string(),
            LessonProgress {
                completed_at: Some((*s).to_string()),
                manifest: Some((*s).to_string()),
                hints_shown: i as u32,
                ..LessonProgress::default()
            },
        );
    }
    let text = p.to_text();
    let back = Progress::from_text("progress.yaml", &text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(back, p, "{text}");
}
