//! The lesson panel: the lesson map by section (done lessons ticked), the
//! open lesson's story step by step, its goals ticking live, hints one at a
//! time, the solution only after every hint, previous/next, the completion
//! summary, and progress export/import. With no lesson open it is the
//! sandbox. The story's Markdown is rendered by the engine, which escapes any
//! raw HTML in it; no learner or pack text is ever parsed as HTML here.

use std::rc::Rc;

use podplay_engine::lessons::{completion_summary, CheckResult, HintGrade, LoadedLesson, Pack, Progress};
use podplay_engine::{Lang, Text};
use yew::prelude::*;

use crate::components::predict::PredictCard;
use crate::i18n::{self, Msg};
use crate::lesson_extras::{Extras, Hook};
use crate::lessons::Loaded;
use crate::sim::Tally;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub lang: Lang,
    pub pack: Rc<Loaded>,
    /// The open lesson's id; `None` is the sandbox.
    pub selected: Option<AttrValue>,
    pub on_select: Callback<String>,
    /// Closes the lesson: the sandbox.
    #[prop_or_default]
    pub on_sandbox: Callback<()>,
    /// Starts the lesson over: its cluster, and its starter in the editor.
    #[prop_or_default]
    pub on_start: Callback<String>,
    /// Puts text into the editor.
    pub on_edit: Callback<String>,
    /// The open lesson's goals, judged against the cluster now.
    #[prop_or_default]
    pub goals: Vec<Goal>,
    /// The virtual clock now, as the clock shows it (for the summary).
    #[prop_or_default]
    pub now: AttrValue,
    /// The editor's text (the manifest the summary carries).
    #[prop_or_default]
    pub manifest: AttrValue,
    /// The open lesson's predicts, debrief, hooks and par, judged live.
    #[prop_or_default]
    pub live: LessonLive,
    /// "Show me": a story step's visual hook, to show in its view.
    #[prop_or_default]
    pub on_hook: Callback<Hook>,
}

/// What the open lesson shows beyond its goals, judged against the
/// cluster now: each predict's `verify`, the filled-in explanations and
/// debrief, and the learner's work for the par.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonLive {
    pub extras: Rc<Extras>,
    /// Per predict, in order: its `verify` check holds now.
    pub verified: Vec<bool>,
    /// Per predict, in order: its explanation with this run's numbers.
    pub explains: Vec<Text>,
    /// The debrief with this run's numbers.
    pub debrief: Option<Text>,
    /// The learner's applies and commands since the lesson was opened or started over.
    pub tally: Tally,
}

/// The label of the `i`th of `n` hints; the engine owns the grading rule.
pub fn hint_grade(i: usize, n: usize) -> Msg {
    match HintGrade::of(i, n) {
        HintGrade::Concept => Msg::HintConcept,
        HintGrade::Pointer => Msg::HintPointer,
        HintGrade::Answer => Msg::HintAnswer,
    }
}

/// Where the learner's predict answers are kept, beside the progress:
/// `lesson-id predict-id choice` per line (`-` before an answer), then
/// `revealed` once the simulation has shown the outcome.
const KEY_PREDICTS: &str = "podplay.predictions";

/// One predict question's state for the learner: the locked answer, and
/// whether the outcome was shown (it stays shown).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pick {
    pub choice: Option<usize>,
    pub revealed: bool,
}

/// The learner's predict answers, by (lesson id, predict id).
pub type Picks = std::collections::BTreeMap<(String, String), Pick>;

/// The answers as a reducer, so that loading, picking and revealing in
/// one render all apply in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PickBook(pub Picks);

/// A change to the learner's answers.
pub enum PickAction {
    /// The saved answers, read once: merged under what is already there.
    Load(Picks),
    /// The learner picked a choice; ignored once one is picked or revealed.
    Choose((String, String), usize),
    /// These questions' outcomes were shown.
    Reveal(Vec<(String, String)>),
}

impl Reducible for PickBook {
    type Action = PickAction;

    fn reduce(self: Rc<Self>, action: PickAction) -> Rc<Self> {
        let mut next = self.0.clone();
        match action {
            PickAction::Load(saved) => {
                for (key, old) in saved {
                    let now = next.entry(key).or_default();
                    now.choice = old.choice.or(now.choice);
                    now.revealed |= old.revealed;
                }
            }
            PickAction::Choose(key, choice) => {
                let now = next.entry(key).or_default();
                if now.choice.is_some() || now.revealed {
                    return self;
                }
                now.choice = Some(choice);
            }
            PickAction::Reveal(keys) => {
                for key in keys {
                    next.entry(key).or_default().revealed = true;
                }
            }
        }
        if next == self.0 {
            self
        } else {
            Rc::new(PickBook(next))
        }
    }
}

/// Reads the saved answers; lines that do not parse are skipped.
pub fn picks_from_text(text: &str) -> Picks {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let (lesson, id, choice) = (words.next()?, words.next()?, words.next()?);
            let choice = if choice == "-" { None } else { Some(choice.parse().ok()?) };
            let revealed = words.next() == Some("revealed");
            Some(((lesson.to_string(), id.to_string()), Pick { choice, revealed }))
        })
        .collect()
}

/// The saved form of the answers.
pub fn picks_to_text(picks: &Picks) -> String {
    picks
        .iter()
        .map(|((lesson, id), pick)| {
            let choice = pick.choice.map_or("-".to_string(), |c| c.to_string());
            let revealed = if pick.revealed { " revealed" } else { "" };
            format!("{lesson} {id} {choice}{revealed}\n")
        })
        .collect()
}

/// One goal of the open lesson and whether the engine's check holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub text: Text,
    pub passed: bool,
    /// Why it holds or what is still missing.
    pub detail: Text,
}

/// Where progress is kept between visits.
const KEY_PROGRESS: &str = "podplay.progress";

/// What the progress controls last said.
#[derive(Clone, PartialEq)]
enum Notice {
    Said(Msg),
    Failed(Text),
}

#[component]
pub fn Lessons(props: &LessonsProps) -> Html {
    let lang = props.lang;
    let progress = use_state(Progress::default);
    let loaded = use_mut_ref(|| false);
    let notice = use_state(|| None::<Notice>);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let picks = use_reducer(PickBook::default);
    let picks_loaded = use_mut_ref(|| false);
    // The answers come from storage once, then are saved on every change.
    {
        let picks = picks.clone();
        use_effect_with((*picks).clone(), move |now| {
            if !*picks_loaded.borrow() {
                *picks_loaded.borrow_mut() = true;
                if let Some(saved) = storage_get(KEY_PREDICTS) {
                    picks.dispatch(PickAction::Load(picks_from_text(&saved)));
                }
            } else {
                storage_set(KEY_PREDICTS, &picks_to_text(&now.0));
            }
        });
    }
    // A predict's outcome, once the simulation has shown it (its `verify`
    // held), stays revealed even when the cluster moves on.
    {
        let picks = picks.clone();
        let lesson = props.selected.as_ref().map(|s| s.to_string());
        let shown: Vec<String> = props
            .live
            .extras
            .predicts
            .iter()
            .zip(&props.live.verified)
            .filter(|(_, v)| **v)
            .map(|(p, _)| p.id.clone())
            .collect();
        use_effect_with((lesson, shown), move |(lesson, shown)| {
            let Some(lesson) = lesson else { return };
            let fresh: Vec<_> = shown
                .iter()
                .map(|id| (lesson.clone(), id.clone()))
                .filter(|key| !picks.0.get(key).is_some_and(|p| p.revealed))
                .collect();
            if !fresh.is_empty() {
                picks.dispatch(PickAction::Reveal(fresh));
            }
        });
    }

    // Progress comes from storage once, then is saved on every change.
    {
        let progress = progress.clone();
        let loaded = loaded.clone();
        use_effect_with((*progress).clone(), move |now| {
            if !*loaded.borrow() {
                *loaded.borrow_mut() = true;
                if let Some(saved) = storage_get(KEY_PROGRESS).and_then(|t| Progress::from_text(KEY_PROGRESS, &t).ok())
                {
                    progress.set(saved);
                }
            } else {
                storage_set(KEY_PROGRESS, &now.to_text());
            }
        });
    }

    let pack = match &*props.pack {
        Ok(pack) => pack,
        Err(errors) => {
            return html! {
                <div class="lessons">
                    <p class="empty">{ Msg::LessonsNone.get(lang) }</p>
                    <pre class="load-errors" id="pack-errors">{ errors.iter().map(|e| e.get(lang)).collect::<Vec<_>>().join("\n") }</pre>
                </div>
            }
        }
    };
    let open = props.selected.as_deref().and_then(|id| pack.lesson(id));
    let all_passed = !props.goals.is_empty() && props.goals.iter().all(|g| g.passed);

    // A lesson whose goals all hold is done: remembered with when and what.
    {
        let progress = progress.clone();
        let id = open.map(|l| l.lesson.id.clone());
        let (now, manifest) = (props.now.to_string(), props.manifest.to_string());
        use_effect_with((id, all_passed), move |(id, all_passed)| {
            if let (Some(id), true) = (id, *all_passed) {
                if !progress.lessons.get(id).is_some_and(|p| p.done) {
                    let mut next = (*progress).clone();
                    let entry = next.lessons.entry(id.clone()).or_default();
                    entry.done = true;
                    entry.completed_at = Some(now);
                    entry.manifest = Some(manifest);
                    progress.set(next);
                }
            }
        });
    }

    let done = |id: &str| progress.lessons.get(id).is_some_and(|p| p.done);
    let nav = pack.sections.iter().map(|section| {
        html! {
            <li>
                <span class="section-title">{ section.title.get(lang) }</span>
                <ol>
                    { for section.lessons.iter().filter_map(|id| pack.lesson(id)).map(|l| {
                        let id = l.lesson.id.clone();
                        let is = props.selected.as_deref() == Some(id.as_str());
                        let is_done = done(&id);
                        let onclick = props.on_select.reform(move |_: MouseEvent| id.clone());
                        html! {
                            <li>
                                <button type="button" class={classes!("lesson-link", is.then_some("selected"), is_done.then_some("finished"))}
                                    data-lesson={l.lesson.id.clone()} data-finished={is_done.to_string()}
                                    aria-current={if is { "true" } else { "false" }} {onclick}>
                                    <span class="mark" aria-hidden="true">{ if is_done { "✓ " } else { "" } }</span>
                                    { l.lesson.title.get(lang) }
                                    if is_done { <span class="visually-hidden">{ " (" }{ Msg::LessonDoneMark.get(lang) }{ ")" }</span> }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </li>
        }
    });
    let done_count = pack.lessons.iter().filter(|l| done(&l.lesson.id)).count();

    let body = match (props.selected.as_deref(), open) {
        (None, _) => html! { <p class="empty" id="sandbox-mode">{ Msg::SandboxOn.get(lang) }</p> },
        (Some(_), None) => {
            html! { <p class="problem" id="lesson-unknown" role="alert">{ Msg::LessonUnknown.get(lang) }</p> }
        }
        (Some(_), Some(l)) => lesson_body(props, pack, l, &progress, &picks, all_passed),
    };

    let export_href = format!("data:application/yaml;charset=utf-8,{}", percent_encode(&progress.to_text()));
    let on_import = {
        let progress = progress.clone();
        let notice = notice.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let name = file.name();
            let (progress, notice) = (progress.clone(), notice.clone());
            let task = gloo::file::callbacks::read_as_text(&file, move |read| {
                let parsed = read
                    .map_err(|e| {
                        Text::new(format!("{name}: 읽지 못했습니다 ({e})."), format!("{name}: could not read it ({e})"))
                    })
                    .and_then(|text| {
                        Progress::from_text(&name, &text).map_err(|e| Text::new(e.render(Lang::Ko), e.render(Lang::En)))
                    });
                match parsed {
                    Ok(theirs) => {
                        let mut next = (*progress).clone();
                        next.merge(&theirs);
                        progress.set(next);
                        notice.set(Some(Notice::Said(Msg::ProgressImported)));
                    }
                    Err(why) => notice.set(Some(Notice::Failed(why))),
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let notice_html = notice.as_ref().map(|n| match n {
        Notice::Said(m) => html! { <p id="progress-notice" class="info" role="status">{ m.get(lang) }</p> },
        Notice::Failed(t) => html! { <p id="progress-notice" class="problem" role="alert">{ t.get(lang) }</p> },
    });
    let on_sandbox = props.on_sandbox.reform(|_: MouseEvent| ());
    html! {
        <div class="lessons">
            <nav aria-label={Msg::LessonMap.get(lang)} id="lesson-map">
                <button type="button" id="sandbox" class={classes!(props.selected.is_none().then_some("selected"))}
                    aria-pressed={props.selected.is_none().to_string()} onclick={on_sandbox}>{ Msg::Sandbox.get(lang) }</button>
                <ol class="course">{ for nav }</ol>
                <section class="progress" aria-labelledby="progress-title">
                    <h4 id="progress-title">{ Msg::ProgressTitle.get(lang) }</h4>
                    <p id="progress-count">{ format!("{}: {done_count}/{}", Msg::ProgressCount.get(lang), pack.lessons.len()) }</p>
                    <a id="progress-export" class="button" href={export_href} download="podplay-progress.yaml">{ Msg::ProgressExport.get(lang) }</a>
                    <label class="button" for="progress-import">{ Msg::ProgressImport.get(lang) }</label>
                    <input type="file" id="progress-import" class="visually-hidden" accept=".yaml,.yml,.json,.txt" onchange={on_import} />
                    { for notice_html }
                </section>
            </nav>
            { body }
        </div>
    }
}

/// The open lesson: actions, goals, hints, summary and story.
fn lesson_body(
    props: &LessonsProps,
    pack: &Pack,
    l: &LoadedLesson,
    progress: &UseStateHandle<Progress>,
    picks: &UseReducerHandle<PickBook>,
    all_passed: bool,
) -> Html {
    let lang = props.lang;
    let id = l.lesson.id.clone();
    let mine = progress.lessons.get(&id).cloned().unwrap_or_default();
    let hints: &[String] = match lang {
        Lang::Ko => &l.lesson.hints.ko,
        Lang::En => &l.lesson.hints.en,
    };
    let shown = usize::try_from(mine.hints_shown).unwrap_or(usize::MAX).min(hints.len());
    let update = |change: fn(&mut podplay_engine::lessons::LessonProgress)| {
        let progress = progress.clone();
        let id = id.clone();
        move || {
            let mut next = (*progress).clone();
            change(next.lessons.entry(id.clone()).or_default());
            progress.set(next);
        }
    };

    let load = {
        let id = id.clone();
        props.on_start.reform(move |_: MouseEvent| id.clone())
    };
    let next_hint = {
        let bump = update(|p| p.hints_shown = p.hints_shown.saturating_add(1));
        Callback::from(move |_: MouseEvent| bump())
    };
    let solution = l.files.get("solution.yaml").cloned().map(|text| {
        if shown < hints.len() {
            return html! { <p class="hint-lock" id="solution-locked">{ Msg::LessonHintsLeft.get(lang) }</p> };
        }
        let on_edit = props.on_edit.clone();
        let mark = update(|p| p.solution_shown = true);
        let onclick = Callback::from(move |_: MouseEvent| {
            mark();
            on_edit.emit(text.clone());
        });
        html! { <button type="button" id="lesson-solution" {onclick}>{ Msg::LessonSolution.get(lang) }</button> }
    });
    // A troubleshooting lesson is solved in the terminal: after the last
    // hint its solution is the lines to type, not a manifest.
    let terminal_solution = (props.live.extras.troubleshoot && !l.files.contains_key("solution.yaml")).then(|| {
        use podplay_engine::lessons::SolutionStep;
        if shown < hints.len() {
            return html! { <p class="hint-lock" id="solution-locked">{ Msg::LessonHintsLeft.get(lang) }</p> };
        }
        let lines: Vec<String> = l
            .lesson
            .solution
            .iter()
            .map(|step| match step {
                SolutionStep::Run(line) => format!("$ {line}"),
                SolutionStep::Apply(file) => format!("$ kubectl apply -f {file}"),
                SolutionStep::Wait(s) => i18n::wait_seconds(lang, *s),
            })
            .collect();
        html! {
            <details class="terminal-solution" id="lesson-solution-steps">
                <summary>{ Msg::LessonSolution.get(lang) }</summary>
                <pre>{ lines.join("\n") }</pre>
            </details>
        }
    });
    let order: Vec<&str> = pack.lessons.iter().map(|x| x.lesson.id.as_str()).collect();
    let at = order.iter().position(|x| *x == id);
    let step = |delta: isize, msg: Msg, el_id: &'static str| {
        let target = at.and_then(|i| i.checked_add_signed(delta)).and_then(|i| order.get(i)).map(|s| s.to_string());
        target.map(|t| {
            let onclick = props.on_select.reform(move |_: MouseEvent| t.clone());
            html! { <button type="button" id={el_id} {onclick}>{ msg.get(lang) }</button> }
        })
    };
    let tally = props.live.tally;
    let debrief = props.live.debrief.as_ref().filter(|_| all_passed || mine.done).map(|d| {
        html! {
            <section class="debrief" id="lesson-debrief" aria-labelledby="debrief-title">
                <h4 id="debrief-title">{ Msg::Debrief.get(lang) }</h4>
                // Rendered by the engine from the pack's Markdown, raw HTML escaped.
                { Html::from_html_unchecked(AttrValue::from(podplay_engine::lessons::render_markdown_safe(d.get(lang)))) }
            </section>
        }
    });
    let summary = (all_passed || mine.done).then(|| {
        let results: Vec<CheckResult> =
            props.goals.iter().map(|g| CheckResult { passed: g.passed, detail: g.detail.clone() }).collect();
        let when = mine.completed_at.clone().unwrap_or_else(|| props.now.to_string());
        let manifest = mine.manifest.clone().unwrap_or_else(|| props.manifest.to_string());
        let mut text = completion_summary(l, &results, lang, &when, &manifest);
        let par = props.live.extras.par;
        let par_line = i18n::par_line(lang, (tally.applies, tally.commands), (par.applies, par.commands));
        // The par goes under the result line of the summary's header.
        let at = text.find("\n\n## ").map_or(text.len(), |at| at + 1);
        text.insert_str(at, &format!("- {par_line}\n"));
        let copy = {
            let text = text.clone();
            Callback::from(move |_: MouseEvent| copy_to_clipboard(&text))
        };
        html! {
            <section class="summary" aria-labelledby="summary-title">
                <p class="info" role="status">{ Msg::LessonComplete.get(lang) }</p>
                <p class="par" id="lesson-par">{ par_line }</p>
                <h4 id="summary-title">{ Msg::LessonSummary.get(lang) }</h4>
                <textarea id="lesson-summary" readonly=true rows="8" aria-labelledby="summary-title" value={text} />
                <button type="button" id="copy-summary" onclick={copy}>{ Msg::CopySummary.get(lang) }</button>
            </section>
        }
    });
    html! {
        <article class="lesson" id="lesson">
            <h3>{ l.lesson.title.get(lang) }</h3>
            <div class="lesson-actions">
                <button type="button" id="lesson-starter" class="primary" onclick={load}>{ Msg::LessonStarter.get(lang) }</button>
                { for step(-1, Msg::LessonPrev, "lesson-prev") }
                { for step(1, Msg::LessonNext, "lesson-next") }
            </div>
            <section class="goals" aria-labelledby="goals-title">
                <h4 id="goals-title">{ format!("{} ({}/{})", Msg::LessonGoals.get(lang), props.goals.iter().filter(|g| g.passed).count(), props.goals.len()) }</h4>
                // A live region: the checklist ticks as the engine's checks pass.
                <ul id="lesson-goals" aria-live="polite">
                    { for props.goals.iter().map(|g| {
                        let (mark, state) = if g.passed { ("✓", Msg::GoalDone) } else { ("○", Msg::GoalOpen) };
                        html! {
                            <li class={classes!("goal", g.passed.then_some("done"))} data-passed={g.passed.to_string()} title={g.detail.get(lang).to_string()}>
                                <span class="mark" aria-hidden="true">{ mark }</span>
                                <span class="visually-hidden">{ state.get(lang) }{ ": " }</span>
                                { inline_code(g.text.get(lang)) }
                            </li>
                        }
                    }) }
                </ul>
            </section>
            { for debrief }
            { for summary }
            <section class="hints" aria-labelledby="hints-title">
                <h4 id="hints-title" class="visually-hidden">{ Msg::LessonHint.get(lang) }</h4>
                <ol id="lesson-hints" aria-live="polite">
                    { for hints.iter().take(shown).enumerate().map(|(i, h)| {
                        let grade = hint_grade(i, hints.len());
                        html! {
                            <li class="hint" data-grade={grade_id(grade)}>
                                <span class="grade">{ grade.get(lang) }</span>{ " " }{ inline_code(h) }
                            </li>
                        }
                    }) }
                </ol>
                if shown < hints.len() {
                    <button type="button" id="lesson-hint" onclick={next_hint}>
                        { format!("{} ({}/{})", Msg::LessonNextHint.get(lang), shown, hints.len()) }
                    </button>
                }
                { for solution }
                { for terminal_solution }
            </section>
            <ol class="steps">
                { for l.steps(lang).iter().enumerate().map(|(i, step)| html! {
                    <li class="step" data-step={(i + 1).to_string()}>
                        <h4>{ &step.title }</h4>
                        // Rendered by the engine from the pack's own Markdown, raw HTML escaped.
                        { Html::from_html_unchecked(AttrValue::from(podplay_engine::lessons::render_markdown_safe(&step.body))) }
                        { step_extras(props, &id, i + 1, picks, all_passed || mine.done) }
                    </li>
                }) }
            </ol>
        </article>
    }
}

/// A hint grade's stable name, for styling and tests.
fn grade_id(grade: Msg) -> &'static str {
    match grade {
        Msg::HintConcept => "concept",
        Msg::HintAnswer => "answer",
        _ => "pointer",
    }
}

/// What a story step carries besides its text: its predict cards and its
/// "Show me" button for the step's visual hooks.
fn step_extras(
    props: &LessonsProps,
    lesson: &str,
    step: usize,
    picks: &UseReducerHandle<PickBook>,
    done: bool,
) -> Html {
    let lang = props.lang;
    let live = &props.live;
    let cards = live.extras.predicts.iter().enumerate().filter(|(_, p)| p.step == step).map(|(i, p)| {
        let key = (lesson.to_string(), p.id.clone());
        let pick = picks.0.get(&key).copied().unwrap_or_default();
        let picked = pick.choice;
        let revealed = done || pick.revealed || live.verified.get(i).copied().unwrap_or(false);
        let on_pick = {
            let picks = picks.clone();
            // Locked: the first answer stays; none is taken after the reveal.
            Callback::from(move |choice: usize| picks.dispatch(PickAction::Choose(key.clone(), choice)))
        };
        html! {
            <PredictCard {lang} id={p.id.clone()} question={p.question.clone()} choices={p.choices.clone()}
                answer={p.answer} {picked} {revealed} explain={live.explains.get(i).cloned().unwrap_or_default()} {on_pick} />
        }
    });
    let hooks: Vec<Hook> = live.extras.hooks.iter().filter(|h| h.step == step).cloned().collect();
    let show = hooks.first().cloned().map(|first| {
        let on_hook = props.on_hook.clone();
        let targets = hooks.iter().map(|h| h.target.clone()).collect::<Vec<_>>().join(" ");
        let onclick = Callback::from(move |_: MouseEvent| on_hook.emit(first.clone()));
        html! {
            <button type="button" class="show-hook" data-hooks={targets} {onclick}>
                <span aria-hidden="true">{ "◎ " }</span>{ Msg::ShowHook.get(lang) }
            </button>
        }
    });
    html! { <>{ for cards }{ for show }</> }
}

/// Goal and hint texts use Markdown's `code` spans; they become `<code>`
/// text nodes (the text itself is never parsed as HTML).
fn inline_code(text: &str) -> Html {
    let parts = text.split('`').enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            html! { <code>{ part }</code> }
        } else {
            html! { { part } }
        }
    });
    html! { <>{ for parts }</> }
}

/// Percent-encodes text for a `data:` URL (RFC 3986 unreserved kept).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn storage_get(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

fn storage_set(key: &str, value: &str) {
    if let Some(store) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = store.set_item(key, value);
    }
}

fn copy_to_clipboard(text: &str) {
    crate::browser::copy_to_clipboard(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_graded_concept_pointer_answer() {
        let grades: Vec<Msg> = (0..4).map(|i| hint_grade(i, 4)).collect();
        assert_eq!(grades, vec![Msg::HintConcept, Msg::HintPointer, Msg::HintPointer, Msg::HintAnswer]);
        assert_eq!((hint_grade(0, 2), hint_grade(1, 2)), (Msg::HintConcept, Msg::HintAnswer));
        assert_eq!(hint_grade(0, 1), Msg::HintConcept);
    }

    #[test]
    fn predict_answers_round_trip_and_bad_lines_are_skipped() {
        let mut picks = Picks::new();
        picks.insert(("04-restart-policy".into(), "restarts".into()), Pick { choice: Some(2), revealed: false });
        picks.insert(("11-resources".into(), "qos".into()), Pick { choice: Some(0), revealed: true });
        picks.insert(("12-scheduling".into(), "node".into()), Pick { choice: None, revealed: true });
        let text = picks_to_text(&picks);
        assert_eq!(text, "04-restart-policy restarts 2\n11-resources qos 0 revealed\n12-scheduling node - revealed\n");
        assert_eq!(picks_from_text(&text), picks);
        assert_eq!(picks_from_text("garbage\na b notanumber\nx y 1\n").len(), 1);
    }

    #[test]
    fn a_pick_is_locked_and_a_reveal_stays() {
        let key = ("04-restart-policy".to_string(), "restarts".to_string());
        let book = Rc::new(PickBook::default());
        let book = book.reduce(PickAction::Choose(key.clone(), 2));
        let book = book.reduce(PickAction::Choose(key.clone(), 0));
        assert_eq!(book.0.get(&key), Some(&Pick { choice: Some(2), revealed: false }), "the first answer stays");
        let book = book.reduce(PickAction::Reveal(vec![key.clone()]));
        let other = ("04-restart-policy".to_string(), "other".to_string());
        let book = book.reduce(PickAction::Reveal(vec![other.clone()]));
        let book = book.reduce(PickAction::Choose(other.clone(), 1));
        assert_eq!(book.0.get(&other), Some(&Pick { choice: None, revealed: true }), "no answer after the reveal");
        // Saved answers load under what the page already holds.
        let mut saved = Picks::new();
        saved.insert(key.clone(), Pick { choice: Some(1), revealed: false });
        let book = book.reduce(PickAction::Load(saved));
        assert_eq!(book.0.get(&key), Some(&Pick { choice: Some(1), revealed: true }));
    }

    #[test]
    fn data_urls_escape_everything_but_unreserved_bytes() {
        assert_eq!(percent_encode("a b/ç#%"), "a%20b%2F%C3%A7%23%25");
        assert_eq!(percent_encode("format: podplay-progress/v1\n"), "format%3A%20podplay-progress%2Fv1%0A");
    }
}
