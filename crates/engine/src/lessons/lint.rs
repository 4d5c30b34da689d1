//! The loader's checks of a lesson's newer fields (check ids, wrong answers,
//! predictions, debrief, hooks, tolerated rules, troubleshoot mode), each
//! problem located in `lesson.yaml` and explained in both languages.

use std::collections::BTreeSet;

use super::locate::{locate, Seg};
use super::placeholders;
use super::schema::{Check, Lesson, LessonMode, SolutionStep};
use crate::text::Text;

/// Choices a prediction may have.
const CHOICES_MIN: usize = 2;
const CHOICES_MAX: usize = 5;

/// An id: lowercase letters, digits and dashes, starting with a letter, not
/// ending with a dash, at most 63 characters.
pub(super) fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.first().is_some_and(u8::is_ascii_lowercase)
        && !id.ends_with('-')
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn both(t: &Text) -> bool {
    !t.ko.trim().is_empty() && !t.en.trim().is_empty()
}

/// One problem: where in `lesson.yaml` (1-based line and column), and what.
pub(super) struct Problem {
    pub(super) pos: Option<(usize, usize)>,
    pub(super) message: Text,
}

/// Collects located problems of one `lesson.yaml`.
struct Lint<'a> {
    text: &'a str,
    out: Vec<Problem>,
}

impl Lint<'_> {
    fn at(&mut self, path: &[Seg<'_>], ko: impl Into<String>, en: impl Into<String>) {
        self.out.push(Problem { pos: locate(self.text, path), message: Text::new(ko, en) });
    }

    fn text(&mut self, path: &[Seg<'_>], t: Text) {
        self.at(path, t.ko, t.en);
    }
}

/// Every problem of the newer fields; `story_steps` is the story's number of
/// `##` steps (0 when the story is missing, then steps are not checked).
pub(super) fn problems(text: &str, lesson: &Lesson, story_steps: usize) -> Vec<Problem> {
    let mut l = Lint { text, out: Vec::new() };
    check_ids(&mut l, lesson);
    for (i, check) in lesson.checks.iter().enumerate() {
        command_check(&mut l, &[Seg::Key("checks"), Seg::Index(i)], check);
    }
    wrong_answers(&mut l, lesson);
    predictions(&mut l, lesson, story_steps);
    if let Some(debrief) = &lesson.debrief {
        if !both(debrief) {
            l.at(
                &[Seg::Key("debrief")],
                "debrief는 한국어(ko)와 영어(en) 모두 필요합니다.",
                "the debrief needs both Korean (ko) and English (en)",
            );
        }
        for (lang, body) in [("ko", &debrief.ko), ("en", &debrief.en)] {
            for p in placeholders::problems(body) {
                l.text(&[Seg::Key("debrief"), Seg::Key(lang)], p);
            }
        }
    }
    hooks(&mut l, lesson, story_steps);
    tolerates(&mut l, lesson);
    troubleshoot(&mut l, lesson);
    l.out
}

fn check_ids(l: &mut Lint<'_>, lesson: &Lesson) {
    let mut seen = BTreeSet::new();
    for (i, check) in lesson.checks.iter().enumerate() {
        let Some(id) = check.id() else { continue };
        let path = [Seg::Key("checks"), Seg::Index(i), Seg::Key("id")];
        if !valid_id(id) {
            l.at(
                &path,
                format!("검사 id \"{id}\"은(는) 소문자, 숫자, '-'로 쓰고 소문자로 시작해야 합니다(예: pod-running)."),
                format!("check id \"{id}\" must be lowercase letters, digits and '-', starting with a letter (e.g. pod-running)"),
            );
        } else if !seen.insert(id) {
            l.at(&path, format!("검사 id \"{id}\"가 중복됩니다."), format!("duplicate check id \"{id}\""));
        }
    }
}

/// A `command-run` check names its command once: `command`, or legacy `words`.
fn command_check(l: &mut Lint<'_>, at: &[Seg<'_>], check: &Check) {
    let Check::CommandRun { command, words, .. } = check else { return };
    let mut path = at.to_vec();
    match (command, words.is_empty()) {
        (Some(c), true) if c.trim().is_empty() => {
            path.push(Seg::Key("command"));
            l.at(&path, "command가 비었습니다.", "command is empty");
        }
        (Some(c), true) => {
            if let Some(why) = super::command::problem(c) {
                path.push(Seg::Key("command"));
                l.text(&path, why);
            }
        }
        (Some(_), false) => {
            path.push(Seg::Key("words"));
            l.at(
                &path,
                "command와 words를 함께 쓸 수 없습니다. command만 쓰세요.",
                "command and words cannot both be given; keep command",
            );
        }
        (None, true) => l.at(
            &path,
            "command-run 검사에는 command가 필요합니다(예: command: kubectl get pods).",
            "a command-run check needs command (e.g. command: kubectl get pods)",
        ),
        (None, false) => {}
    }
}

fn steps_problems(l: &mut Lint<'_>, at: &[Seg<'_>], steps: &[SolutionStep]) {
    for (j, step) in steps.iter().enumerate() {
        let mut path = at.to_vec();
        path.push(Seg::Index(j));
        match step {
            SolutionStep::Run(c) if c.trim().is_empty() => l.at(&path, "run 명령이 비었습니다.", "run is empty"),
            SolutionStep::Apply(f) if f.trim().is_empty() => {
                l.at(&path, "apply 파일 이름이 비었습니다.", "apply names no file")
            }
            _ => {}
        }
    }
}

fn wrong_answers(l: &mut Lint<'_>, lesson: &Lesson) {
    let ids: BTreeSet<&str> = lesson.checks.iter().filter_map(Check::id).collect();
    for (i, w) in lesson.wrong_answers.iter().enumerate() {
        let at = |k: &'static str| [Seg::Key("wrongAnswers"), Seg::Index(i), Seg::Key(k)];
        if !both(&w.why) {
            l.at(
                &at("why"),
                "why는 한국어(ko)와 영어(en) 모두 필요합니다.",
                "why needs both Korean (ko) and English (en)",
            );
        }
        if w.steps.is_empty() {
            l.at(
                &at("steps"),
                "steps가 비었습니다. 틀린 시도를 단계로 쓰세요.",
                "steps is empty; write the wrong attempt as steps",
            );
        }
        steps_problems(l, &at("steps"), &w.steps);
        if w.fails.is_empty() {
            l.at(
                &at("fails"),
                "fails가 비었습니다. 이 시도가 통과하면 안 되는 검사 id를 하나 이상 쓰세요.",
                "fails is empty; name at least one check id this attempt must fail",
            );
        }
        for (j, id) in w.fails.iter().enumerate() {
            if !ids.contains(id.as_str()) {
                let known: Vec<&str> = ids.iter().copied().collect();
                let known = if known.is_empty() { "-".to_string() } else { known.join(", ") };
                l.at(
                    &[Seg::Key("wrongAnswers"), Seg::Index(i), Seg::Key("fails"), Seg::Index(j)],
                    format!("fails의 \"{id}\"는 checks에 없는 id입니다. 있는 id: {known}"),
                    format!("fails names \"{id}\", which no check has; check ids: {known}"),
                );
            }
        }
    }
}

fn step_in_story(l: &mut Lint<'_>, path: &[Seg<'_>], step: u32, story_steps: usize) {
    let fits = usize::try_from(step).is_ok_and(|s| s >= 1 && (story_steps == 0 || s <= story_steps));
    if !fits {
        l.at(
            path,
            format!("step {step}은(는) 이야기의 단계 범위(1~{story_steps}) 밖입니다."),
            format!("step {step} is outside the story's steps (1 to {story_steps})"),
        );
    }
}

fn predictions(l: &mut Lint<'_>, lesson: &Lesson, story_steps: usize) {
    let mut seen = BTreeSet::new();
    for (i, p) in lesson.predict.iter().enumerate() {
        let at = |k: &'static str| [Seg::Key("predict"), Seg::Index(i), Seg::Key(k)];
        if !valid_id(&p.id) {
            l.at(
                &at("id"),
                format!("예측 id \"{}\"은(는) 소문자, 숫자, '-'로 쓰고 소문자로 시작해야 합니다.", p.id),
                format!("predict id \"{}\" must be lowercase letters, digits and '-', starting with a letter", p.id),
            );
        } else if !seen.insert(p.id.as_str()) {
            l.at(
                &at("id"),
                format!("예측 id \"{}\"가 중복됩니다.", p.id),
                format!("duplicate predict id \"{}\"", p.id),
            );
        }
        step_in_story(l, &at("step"), p.step, story_steps);
        if !both(&p.question) {
            l.at(
                &at("question"),
                "question은 한국어(ko)와 영어(en) 모두 필요합니다.",
                "the question needs both Korean (ko) and English (en)",
            );
        }
        let n = p.choices.len();
        if !(CHOICES_MIN..=CHOICES_MAX).contains(&n) {
            l.at(
                &at("choices"),
                format!("선택지는 {CHOICES_MIN}~{CHOICES_MAX}개여야 합니다. 지금 {n}개입니다."),
                format!("a prediction needs {CHOICES_MIN} to {CHOICES_MAX} choices, not {n}"),
            );
        }
        for (j, c) in p.choices.iter().enumerate() {
            if !both(c) {
                l.at(
                    &[Seg::Key("predict"), Seg::Index(i), Seg::Key("choices"), Seg::Index(j)],
                    "선택지는 한국어(ko)와 영어(en) 모두 필요합니다.",
                    "a choice needs both Korean (ko) and English (en)",
                );
            }
        }
        if usize::try_from(p.answer).map_or(true, |a| a >= n) {
            l.at(
                &at("answer"),
                format!("answer {}은(는) 선택지 범위(0~{}) 밖입니다. 0부터 셉니다.", p.answer, n.saturating_sub(1)),
                format!("answer {} is out of range (0 to {}); it counts from 0", p.answer, n.saturating_sub(1)),
            );
        }
        if !both(&p.explain) {
            l.at(
                &at("explain"),
                "explain은 한국어(ko)와 영어(en) 모두 필요합니다.",
                "explain needs both Korean (ko) and English (en)",
            );
        }
        for (lang, body) in [("ko", &p.explain.ko), ("en", &p.explain.en)] {
            for e in placeholders::problems(body) {
                l.text(&[Seg::Key("predict"), Seg::Index(i), Seg::Key("explain"), Seg::Key(lang)], e);
            }
        }
        command_check(l, &at("verify"), &p.verify);
    }
}

fn hooks(l: &mut Lint<'_>, lesson: &Lesson, story_steps: usize) {
    for (i, h) in lesson.hooks.iter().enumerate() {
        let at = |k: &'static str| [Seg::Key("hooks"), Seg::Index(i), Seg::Key(k)];
        step_in_story(l, &at("step"), h.step, story_steps);
        match h.target() {
            None => l.at(
                &at("target"),
                format!("hook target \"{}\"을(를) 알 수 없습니다. 가능한 값: shared-net, uts, ipc, pid, mnt, volume:NAME, container:NAME, traffic:TYPE, probe, node:NAME", h.target),
                format!("unknown hook target \"{}\"; expected shared-net, uts, ipc, pid, mnt, volume:NAME, container:NAME, traffic:TYPE, probe or node:NAME", h.target),
            ),
            Some(super::schema::HookTarget::Node(_)) => {}
            Some(_) if h.pod.as_deref().is_none_or(|p| p.trim().is_empty()) => l.at(
                &at("target"),
                format!("hook target \"{}\"에는 pod가 필요합니다.", h.target),
                format!("hook target \"{}\" needs pod", h.target),
            ),
            Some(_) => {}
        }
    }
}

fn tolerates(l: &mut Lint<'_>, lesson: &Lesson) {
    let mut seen = BTreeSet::new();
    for (i, t) in lesson.tolerates.iter().enumerate() {
        let at = |k: &'static str| [Seg::Key("tolerates"), Seg::Index(i), Seg::Key(k)];
        if !crate::validate::RULES.iter().any(|r| r.code == t.rule) {
            l.at(
                &at("rule"),
                format!("검증 규칙 \"{}\"이(가) 없습니다.", t.rule),
                format!("no validation rule \"{}\"", t.rule),
            );
        } else if !seen.insert(t.rule.as_str()) {
            l.at(
                &at("rule"),
                format!("규칙 \"{}\"이(가) 두 번 나옵니다.", t.rule),
                format!("rule \"{}\" is listed twice", t.rule),
            );
        }
        if !both(&t.why) {
            l.at(
                &at("why"),
                "why는 한국어(ko)와 영어(en) 모두 필요합니다.",
                "why needs both Korean (ko) and English (en)",
            );
        }
    }
}

fn troubleshoot(l: &mut Lint<'_>, lesson: &Lesson) {
    if lesson.mode != LessonMode::Troubleshoot {
        return;
    }
    if lesson.setup.apply.is_empty() {
        l.at(
            &[Seg::Key("mode")],
            "troubleshoot 레슨에는 고장 난 클러스터를 만드는 setup.apply가 필요합니다.",
            "a troubleshoot lesson needs setup.apply (the broken cluster)",
        );
    }
    for (i, step) in lesson.solution.iter().enumerate() {
        if matches!(step, SolutionStep::Apply(_)) {
            l.at(
                &[Seg::Key("solution"), Seg::Index(i)],
                "troubleshoot 레슨은 터미널로만 고칩니다. 풀이에 apply 단계를 쓰지 말고 run 단계(kubectl ...)를 쓰세요.",
                "a troubleshoot lesson is fixed from the terminal: the solution uses run steps, not apply",
            );
        }
    }
}
