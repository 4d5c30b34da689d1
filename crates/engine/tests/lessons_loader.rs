//! The lesson loader on broken packs: every problem is reported, located to
//! `file:line:col`, in Korean and English. Snapshots hold the rendered errors.

use std::collections::BTreeMap;

use expect_test::{expect, Expect};
use podplay_engine::lessons::{load_pack, parse_lesson, Check, LoadError, SolutionStep};
use podplay_engine::Lang;

const INDEX: &str = "\
sections:
  - id: basics
    title: {ko: 기초, en: Basics}
    lessons:
      - 07-sidecar
";

const LESSON: &str = "\
id: 07-sidecar
title:
  ko: 사이드카
  en: Sidecar
solution:
  - apply: solution.yaml
  - wait: 10
  - run: kubectl get pods
checks:
  - kind: pod
    goal: {ko: 파드가 있습니다, en: The pod exists}
    name: web
  - kind: command-run
    goal: {ko: 실행했습니다, en: You ran it}
    words: [kubectl, get]
hints:
  ko: [하나]
  en: [one]
";

const STORY_KO: &str = "# 사이드카\n\n## 하나\n본문입니다.\n\n## 둘\n본문입니다.\n";
const STORY_EN: &str = "# Sidecar\n\n## One\nBody.\n\n## Two\nBody.\n";

fn pack(lesson_yaml: &str) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    files.insert("lessons/index.yaml".to_string(), INDEX.to_string());
    files.insert("lessons/07-sidecar/lesson.yaml".to_string(), lesson_yaml.to_string());
    files.insert("lessons/07-sidecar/ko.md".to_string(), STORY_KO.to_string());
    files.insert("lessons/07-sidecar/en.md".to_string(), STORY_EN.to_string());
    files.insert("lessons/07-sidecar/starter.yaml".to_string(), "kind: Pod\n".to_string());
    files.insert("lessons/07-sidecar/solution.yaml".to_string(), "kind: Pod\n".to_string());
    files
}

fn render(errors: &[LoadError]) -> String {
    let mut out = String::new();
    for e in errors {
        out.push_str(&e.render(Lang::En));
        out.push('\n');
        out.push_str(&e.render(Lang::Ko));
        out.push('\n');
    }
    out
}

fn check_errors(files: &BTreeMap<String, String>, want: Expect) {
    match load_pack(files) {
        Ok(_) => panic!("the pack loaded, but it is broken"),
        Err(errors) => want.assert_eq(&render(&errors)),
    }
}

#[test]
fn a_good_pack_loads() {
    let pack = load_pack(&pack(LESSON)).expect("loads");
    let lesson = pack.lesson("07-sidecar").expect("lesson");
    assert_eq!(lesson.steps_ko.len(), 2);
    assert_eq!(lesson.steps_en[1].title, "Two");
    assert_eq!(lesson.story_title.ko, "사이드카");
    assert_eq!(lesson.section, "basics");
    assert_eq!(lesson.starter, "kind: Pod\n");
    assert!(lesson.files.contains_key("solution.yaml"));
    assert_eq!(
        lesson.lesson.solution,
        vec![
            SolutionStep::Apply("solution.yaml".into()),
            SolutionStep::Wait(10),
            SolutionStep::Run("kubectl get pods".into())
        ]
    );
    assert!(matches!(&lesson.lesson.checks[1], Check::CommandRun { words, .. } if words.len() == 2));
}

#[test]
fn a_pack_at_the_root_loads_too() {
    // A teacher pack fetched over HTTP has its index.yaml at the top.
    let files: BTreeMap<String, String> =
        pack(LESSON).into_iter().map(|(k, v)| (k.trim_start_matches("lessons/").to_string(), v)).collect();
    assert!(load_pack(&files).is_ok());
}

#[test]
fn unknown_check_kind_is_located() {
    let bad = LESSON.replace("  - kind: pod\n", "  - kind: pods\n");
    check_errors(
        &pack(&bad),
        expect![[r#"
            lessons/07-sidecar/lesson.yaml:10:5: unknown check kind "pods"; expected one of pod, container, event, scheduled, namespace-shared, log, traffic, file, diagnostic, command-run, object
            lessons/07-sidecar/lesson.yaml:10:5: 알 수 없는 검사 종류 "pods"입니다. 가능한 값: pod, container, event, scheduled, namespace-shared, log, traffic, file, diagnostic, command-run, object
        "#]],
    );
}

#[test]
fn unknown_field_in_a_check_is_located() {
    let bad = LESSON.replace("    name: web\n", "    nmae: web\n");
    let errors = load_pack(&pack(&bad)).expect_err("broken");
    assert_eq!((errors[0].line, errors[0].col), (12, 5), "{}", render(&errors));
    assert!(errors[0].message.en.starts_with("unknown field \"nmae\""), "{}", errors[0].message.en);
    assert!(errors[0].message.ko.starts_with("알 수 없는 필드 \"nmae\""), "{}", errors[0].message.ko);
}

#[test]
fn a_command_check_without_its_command_is_located_at_the_check() {
    let bad = LESSON.replace("    words: [kubectl, get]\n", "");
    check_errors(
        &pack(&bad),
        expect![[r#"
            lessons/07-sidecar/lesson.yaml:13:5: a command-run check needs command (e.g. command: kubectl get pods)
            lessons/07-sidecar/lesson.yaml:13:5: command-run 검사에는 command가 필요합니다(예: command: kubectl get pods).
        "#]],
    );
}

#[test]
fn every_bad_check_is_reported() {
    let bad = LESSON
        .replace("  - kind: pod\n", "  - kind: pods\n")
        .replace("    words: [kubectl, get]\n", "    words: [kubectl, get]\n    extra: 1\n");
    let errors = load_pack(&pack(&bad)).expect_err("broken");
    let lines: Vec<u32> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![10, 16], "{}", render(&errors));
}

#[test]
fn unknown_top_level_field_is_located() {
    let bad = LESSON.replace("hints:\n", "hintz: 1\nhints:\n");
    let errors = load_pack(&pack(&bad)).expect_err("broken");
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].line, errors[0].col), (16, 1), "{}", render(&errors));
    assert!(errors[0].message.en.contains("unknown field \"hintz\""));
}

#[test]
fn yaml_syntax_errors_are_located() {
    let bad = LESSON.replace("  en: Sidecar\n", "  en: [Sidecar\n");
    let errors = parse_lesson("lesson.yaml", &bad).expect_err("broken");
    assert!(errors[0].line >= 4, "{}", render(&errors));
    assert!(errors[0].message.ko.starts_with("YAML을 읽을 수 없습니다"));
}

#[test]
fn pack_level_problems_are_all_reported() {
    let mut files =
        pack(&LESSON.replace("  en: [one]\n", "  en: [one, two]\n").replace("id: 07-sidecar", "id: 07-sidecars"));
    files.insert(
        "lessons/07-sidecar/en.md".into(),
        "# Sidecar\n\n## One\nSee [next](#/lesson/99-nope) and [x](missing.svg).\n".into(),
    );
    files.remove("lessons/07-sidecar/solution.yaml");
    files.insert("lessons/08-stray/lesson.yaml".into(), LESSON.into());
    check_errors(
        &files,
        expect![[r#"
            lessons/08-stray/: this folder is not in index.yaml; add it to a section's lessons
            lessons/08-stray/: 이 폴더는 index.yaml에 없습니다. 섹션의 lessons 목록에 추가하세요.
            lessons/07-sidecar/lesson.yaml:1:1: id "07-sidecars" differs from the folder name "07-sidecar"
            lessons/07-sidecar/lesson.yaml:1:1: id "07-sidecars"가 폴더 이름 "07-sidecar"와 다릅니다.
            lessons/07-sidecar/lesson.yaml:16:1: hint counts differ: ko 1, en 2
            lessons/07-sidecar/lesson.yaml:16:1: 힌트 개수가 다릅니다: ko 1개, en 2개.
            lessons/07-sidecar/solution.yaml: file solution.yaml, referenced by lesson.yaml, is missing
            lessons/07-sidecar/solution.yaml: lesson.yaml이 참조하는 파일 solution.yaml이(가) 없습니다.
            lessons/07-sidecar/ko.md: step counts differ: ko.md 2, en.md 1
            lessons/07-sidecar/ko.md: 단계 수가 다릅니다: ko.md 2개, en.md 1개.
            lessons/07-sidecar/en.md: link #/lesson/99-nope: lesson "99-nope" is not in index.yaml
            lessons/07-sidecar/en.md: 링크 #/lesson/99-nope: 레슨 "99-nope"이(가) index.yaml에 없습니다.
            lessons/07-sidecar/en.md: link missing.svg: no such file
            lessons/07-sidecar/en.md: 링크 missing.svg: 파일이 없습니다.
        "#]],
    );
}

#[test]
fn index_problems_are_located() {
    let mut files = pack(LESSON);
    files.insert(
        "lessons/index.yaml".into(),
        "sections:\n  - id: a\n    title: {ko: 가, en: A}\n    lessons: [07-sidecar, 07-sidecar, Bad_Name, 09-missing]\n".into(),
    );
    let errors = load_pack(&files).expect_err("broken");
    let messages: Vec<&str> = errors.iter().map(|e| e.message.en.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "lesson \"07-sidecar\" is listed twice",
            "lesson folder name \"Bad_Name\" must look like NN-slug (two digits, lowercase letters, digits, '-')",
            "lesson \"09-missing\": lessons/09-missing/lesson.yaml is missing",
        ]
    );
    assert!(errors.iter().all(|e| e.file == "lessons/index.yaml" && e.line == 4), "{}", render(&errors));
}

#[test]
fn a_pack_without_index_is_an_error() {
    let mut files = pack(LESSON);
    files.remove("lessons/index.yaml");
    let errors = load_pack(&files).expect_err("broken");
    assert_eq!(errors[0].file, "index.yaml");
}

#[test]
fn oversized_files_are_refused() {
    let mut files = pack(LESSON);
    files.insert("lessons/07-sidecar/ko.md".into(), "가".repeat(200_000));
    let errors = load_pack(&files).expect_err("broken");
    assert!(errors[0].message.en.starts_with("file too large"), "{}", render(&errors));
}

#[test]
fn garbage_never_panics() {
    // The loader takes whatever a teacher's web server sends.
    let inputs = [
        "",
        ":",
        "- - -",
        "checks: [",
        "id: [1, {",
        "\t\tx",
        "checks:\n  - kind:\n",
        "checks: 5\n",
        "solution:\n  - fly: 1\n",
    ];
    for input in inputs {
        let _ = parse_lesson("lesson.yaml", input);
        let mut files = pack(input);
        let _ = load_pack(&files);
        files.insert("lessons/index.yaml".into(), input.to_string());
        let _ = load_pack(&files);
    }
}

#[test]
fn mangled_real_lessons_never_panic_and_errors_point_inside_the_file() {
    // Truncate every real lesson.yaml at many places and drop each line in
    // turn: the loader must answer with located errors, never panic.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons");
    let mut mangled = 0usize;
    for entry in std::fs::read_dir(&dir).expect("lessons dir") {
        let path = entry.expect("entry").path().join("lesson.yaml");
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let line_count = text.lines().count();
        let mut variants: Vec<String> =
            text.char_indices().map(|(i, _)| i).step_by(29).map(|i| text.get(..i).unwrap_or("").to_string()).collect();
        for skip in 0..line_count {
            let v: Vec<&str> = text.lines().enumerate().filter(|(i, _)| *i != skip).map(|(_, l)| l).collect();
            variants.push(v.join("\n"));
        }
        for v in variants {
            mangled += 1;
            if let Err(errors) = parse_lesson("lesson.yaml", &v) {
                let lines = v.lines().count().max(1) as u32 + 1;
                for e in errors {
                    assert!(e.line <= lines, "{} is past the end of:\n{v}", e);
                    assert!(!e.message.ko.is_empty() && !e.message.en.is_empty());
                }
            }
        }
    }
    assert!(mangled > 500, "only {mangled} variants");
}

#[test]
fn a_top_level_error_and_a_bad_check_are_both_reported() {
    let bad = LESSON
        .replace("id: 07-sidecar\n", "id: 07-sidecar\nsummary: x\n")
        .replace("  - kind: pod\n", "  - kind: pods\n");
    let errors = parse_lesson("lesson.yaml", &bad).expect_err("broken");
    let lines: Vec<u32> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![2, 11], "{}", render(&errors));
}
