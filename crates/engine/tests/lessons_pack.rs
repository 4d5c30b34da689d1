//! The repository's lessons: every lesson loads, exists in both languages
//! with the same steps and hints, and refers only to files that exist.

mod lessons_common;

use std::collections::BTreeSet;

use lessons_common::{is_repo_pack, prefix, repo_files, repo_pack};
use podplay_engine::lessons::{code_blocks, steps, Check, SolutionStep, CHECK_KINDS};

#[test]
fn the_pack_loads_without_errors() {
    let pack = repo_pack();
    assert!(!pack.lessons.is_empty());
}

#[test]
fn every_index_entry_has_a_folder_and_every_folder_is_indexed() {
    let files = repo_files();
    let pack = repo_pack();
    let indexed: BTreeSet<String> = pack.sections.iter().flat_map(|s| s.lessons.iter().cloned()).collect();
    let folders: BTreeSet<String> = files
        .keys()
        .filter_map(|k| k.strip_prefix(prefix().as_str()))
        .filter_map(|k| k.split_once('/').map(|(d, _)| d.to_string()))
        .collect();
    assert_eq!(indexed, folders);
}

#[test]
fn both_languages_have_the_same_steps_and_hints() {
    for l in repo_pack().lessons {
        let id = &l.lesson.id;
        assert_eq!(l.steps_ko.len(), l.steps_en.len(), "{id}: step counts");
        assert!(l.steps_ko.len() >= 2, "{id}: a story has at least two steps");
        assert_eq!(l.lesson.hints.ko.len(), l.lesson.hints.en.len(), "{id}: hint counts");
        assert!(!l.lesson.hints.en.is_empty(), "{id}: at least one hint");
        assert!(!l.story_title.ko.is_empty() && !l.story_title.en.is_empty(), "{id}: `#` titles");
        for s in l.steps_ko.iter().chain(&l.steps_en) {
            assert!(!s.title.is_empty() && !s.body.is_empty(), "{id}: empty step {s:?}");
        }
        // The same code blocks appear in both languages (the Korean text
        // translates the prose, not the manifests).
        let ko_code: Vec<String> = code_blocks(&l.files_md("ko")).into_iter().map(|(_, c)| c).collect();
        let en_code: Vec<String> = code_blocks(&l.files_md("en")).into_iter().map(|(_, c)| c).collect();
        assert_eq!(ko_code.len(), en_code.len(), "{id}: code block counts differ");
    }
}

/// Access to a lesson's raw story (the loader keeps only steps, so re-read).
trait Md {
    fn files_md(&self, lang: &str) -> String;
}

impl Md for podplay_engine::lessons::LoadedLesson {
    fn files_md(&self, lang: &str) -> String {
        let files = repo_files();
        files.get(&format!("{}{}/{lang}.md", prefix(), self.lesson.id)).cloned().unwrap_or_default()
    }
}

#[test]
fn korean_text_uses_the_korean_docs_terms() {
    // The Korean Kubernetes docs write these in Hangul; a Korean story that
    // says "Pod" or "sidecar" in running text reads like a translation.
    let banned = [" Pod ", " sidecar", " Sidecar", " container ", " node "];
    for l in repo_pack().lessons {
        let md = l.files_md("ko");
        let prose: String = strip_code(&md);
        for word in banned {
            assert!(!prose.contains(word), "{}: ko.md uses {word:?} in prose", l.lesson.id);
        }
        assert!(prose.contains("니다"), "{}: ko.md should be written in 합니다체", l.lesson.id);
    }
}

fn strip_code(md: &str) -> String {
    let mut out = String::new();
    let mut fence = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
            continue;
        }
        if !fence {
            // Inline code spans are code, not prose.
            let mut inside = false;
            for ch in line.chars() {
                if ch == '`' {
                    inside = !inside;
                } else if !inside {
                    out.push(ch);
                }
            }
            out.push('\n');
        }
    }
    out
}

#[test]
fn every_yaml_file_and_snippet_parses() {
    for (path, text) in repo_files() {
        if path.ends_with(".yaml") {
            let errors: Vec<_> = podplay_engine::yaml::load(&text)
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == podplay_engine::Severity::Error)
                .map(|d| format!("{}:{}: {}", d.span.line, d.span.col, d.message))
                .collect();
            assert!(errors.is_empty(), "{path}: {errors:?}");
        }
        if path.ends_with(".md") {
            for (info, code) in code_blocks(&text) {
                if info == "yaml" {
                    let v: Result<serde_json::Value, _> = podplay_engine::yaml::from_str(&code);
                    assert!(v.is_ok(), "{path}: yaml snippet does not parse: {v:?}\n{code}");
                }
            }
        }
    }
}

#[test]
fn every_check_kind_is_known_and_used() {
    if !is_repo_pack() {
        return;
    }
    let mut used = BTreeSet::new();
    for l in repo_pack().lessons {
        for c in &l.lesson.checks {
            assert!(CHECK_KINDS.contains(&c.kind()));
            used.insert(c.kind());
        }
    }
    let all: BTreeSet<&str> = CHECK_KINDS.iter().copied().collect();
    assert_eq!(used, all, "every check kind is used by some lesson");
}

#[test]
fn every_lesson_ends_with_an_exercise_its_solution_touches() {
    for l in repo_pack().lessons {
        let id = &l.lesson.id;
        assert!(!l.lesson.checks.is_empty(), "{id}");
        // Each command-run check is met by a `run` step of the solution
        // (legacy `words` checks are judged by the replay test alone).
        for c in &l.lesson.checks {
            if let Check::CommandRun { command: Some(command), .. } = c {
                let met = l.lesson.solution.iter().any(|s| match s {
                    SolutionStep::Run(cmd) => podplay_engine::lessons::command_matches(cmd, command),
                    _ => false,
                });
                assert!(met, "{id}: no solution step runs {command:?}");
            }
        }
    }
}

#[test]
fn the_course_covers_the_curriculum() {
    if !is_repo_pack() {
        return;
    }
    let pack = repo_pack();
    assert!(pack.lessons.len() >= 18, "17 lessons and a final challenge");
    assert_eq!(steps("## a\nb\n").len(), 1);
}

#[test]
fn the_authoring_guide_documents_every_check_kind_and_its_example_loads() {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../LESSONS.md")).expect("LESSONS.md");
    let (en, ko) = guide.split_once("## 한국어").expect("a Korean part");
    for kind in CHECK_KINDS {
        let row = format!("| `{kind}` |");
        assert!(en.contains(&row) && ko.contains(&row), "LESSONS.md lacks {kind} in both languages");
    }
    let examples: Vec<String> = code_blocks(&guide)
        .into_iter()
        .filter(|(info, code)| info == "yaml" && code.starts_with("id: "))
        .map(|(_, code)| code)
        .collect();
    assert_eq!(examples.len(), 2, "one example lesson per language");
    for example in examples {
        let lesson = podplay_engine::lessons::parse_lesson("LESSONS.md", &example).expect("the example lesson parses");
        assert_eq!(lesson.hints.ko.len(), lesson.hints.en.len());
    }
}
