//! Classroom helpers: a learner's progress as a file they can export and
//! import, and a lesson's completion summary they can paste or share.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::eval::CheckResult;
use super::loader::{LoadError, LoadedLesson};
use crate::text::{Lang, Text};

/// The `format` line every progress file starts with.
pub const PROGRESS_FORMAT: &str = "podplay-progress/v1";

/// The upper bound of lessons in a progress file, and of its size in bytes.
pub const PROGRESS_LESSONS_MAX: usize = 1_000;
pub const PROGRESS_BYTES_MAX: usize = 1024 * 1024;

/// A learner's progress over every lesson (saved locally, exported as a file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// Always `podplay-progress/v1`.
    pub format: String,
    /// Per lesson id.
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonProgress>,
}

/// A learner's progress in one lesson.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", default)]
pub struct LessonProgress {
    /// Every check passed at least once.
    pub done: bool,
    /// How many hints were revealed.
    pub hints_shown: u32,
    /// Whether the solution was revealed.
    pub solution_shown: bool,
    /// When the lesson was completed, as the app's clock wrote it (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<String>,
    /// The editor's text, so that the learner can pick up where they left off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest: Option<String>,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress { format: PROGRESS_FORMAT.to_string(), lessons: BTreeMap::new() }
    }
}

impl Progress {
    /// The progress file's text: YAML as kubectl writes it, quoting every
    /// string YAML 1.1 would read as something else (`"yes"`, `"0644"`), so
    /// that `from_text` reads back exactly what was written.
    pub fn to_text(&self) -> String {
        crate::kubectl::printers::to_yaml(self)
    }

    /// Reads a progress file; `file` names it in errors.
    pub fn from_text(file: &str, text: &str) -> Result<Progress, LoadError> {
        let err = |line: usize, col: usize, ko: String, en: String| LoadError {
            file: file.to_string(),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
            message: Text::new(ko, en),
        };
        if text.len() > PROGRESS_BYTES_MAX {
            return Err(err(
                0,
                0,
                format!("진행 파일이 너무 큽니다. 최대 {PROGRESS_BYTES_MAX} 바이트입니다."),
                format!("the progress file is too large; at most {PROGRESS_BYTES_MAX} bytes"),
            ));
        }
        let progress: Progress = crate::yaml::from_str(text).map_err(|e| {
            let (line, col) = e.position().unwrap_or((0, 0));
            let why = e.to_text();
            err(
                line as usize,
                col as usize,
                format!("Podplay 진행 파일이 아닙니다: {why}"),
                format!("not a Podplay progress file: {why}"),
            )
        })?;
        if progress.format != PROGRESS_FORMAT {
            return Err(err(
                1,
                1,
                format!("알 수 없는 형식 \"{}\"입니다. \"{PROGRESS_FORMAT}\"이어야 합니다.", progress.format),
                format!("unknown format \"{}\"; expected \"{PROGRESS_FORMAT}\"", progress.format),
            ));
        }
        if progress.lessons.len() > PROGRESS_LESSONS_MAX {
            return Err(err(
                0,
                0,
                format!("레슨이 너무 많습니다. 최대 {PROGRESS_LESSONS_MAX}개입니다."),
                format!("too many lessons; at most {PROGRESS_LESSONS_MAX}"),
            ));
        }
        Ok(progress)
    }

    /// Merges an imported file into this one: a lesson done in either is
    /// done; counters keep the larger value; the newer text wins where both
    /// have one (the imported one, when in doubt).
    pub fn merge(&mut self, other: &Progress) {
        for (id, theirs) in &other.lessons {
            let mine = self.lessons.entry(id.clone()).or_default();
            mine.done |= theirs.done;
            mine.hints_shown = mine.hints_shown.max(theirs.hints_shown);
            mine.solution_shown |= theirs.solution_shown;
            if theirs.completed_at.is_some() && (mine.completed_at.is_none() || theirs.completed_at > mine.completed_at)
            {
                mine.completed_at = theirs.completed_at.clone();
            }
            if theirs.manifest.is_some() {
                mine.manifest = theirs.manifest.clone();
            }
        }
    }
}

/// A lesson's completion summary in Markdown: which goals were checked, with
/// what result, when, and the manifest, for a learner to paste or share.
pub fn completion_summary(
    lesson: &LoadedLesson,
    results: &[CheckResult],
    lang: Lang,
    completed_at: &str,
    manifest: &str,
) -> String {
    let l = &lesson.lesson;
    let passed = results.iter().filter(|r| r.passed).count();
    let (h_checks, h_manifest, h_when, h_result) = match lang {
        Lang::Ko => ("검사 항목", "매니페스트", "시각", "결과"),
        Lang::En => ("Checks", "Manifest", "When", "Result"),
    };
    let mut out = format!("# Podplay — {} · {}\n\n", l.id, l.title.get(lang));
    out.push_str(&format!("- {h_when}: {completed_at}\n"));
    out.push_str(&format!("- {h_result}: {passed}/{}\n\n", l.checks.len()));
    out.push_str(&format!("## {h_checks}\n\n"));
    for (i, check) in l.checks.iter().enumerate() {
        let result = results.get(i);
        let mark = if result.is_some_and(|r| r.passed) { "x" } else { " " };
        let detail = result.map(|r| r.detail.get(lang).to_string()).unwrap_or_default();
        out.push_str(&format!("- [{mark}] {} — {detail}\n", check.goal().get(lang)));
    }
    let fence = if manifest.contains("```") { "~~~~" } else { "```" };
    out.push_str(&format!("\n## {h_manifest}\n\n{fence}yaml\n{}\n{fence}\n", manifest.trim_end()));
    out
}
