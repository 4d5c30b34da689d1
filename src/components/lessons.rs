//! The lesson panel: the course by section, and the open lesson's story
//! step by step, with buttons that put its starter (or the solution) into
//! the editor. The story's Markdown is rendered by the engine, which escapes
//! any raw HTML in it; no learner text ever goes through here.

use std::rc::Rc;

use podplay_engine::lessons::{render_markdown_safe, Pack};
use podplay_engine::{Lang, Text};
use yew::prelude::*;

use crate::i18n::Msg;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub lang: Lang,
    pub pack: Rc<Result<Pack, Vec<String>>>,
    pub selected: Option<AttrValue>,
    pub on_select: Callback<String>,
    /// Puts text into the editor.
    pub on_edit: Callback<String>,
    /// The open lesson's goals, judged against the cluster now.
    #[prop_or_default]
    pub goals: Vec<Goal>,
}

/// One goal of the open lesson and whether the engine's check holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub text: Text,
    pub passed: bool,
    /// Why it holds or what is still missing.
    pub detail: Text,
}

#[component]
pub fn Lessons(props: &LessonsProps) -> Html {
    let lang = props.lang;
    let pack = match &*props.pack {
        Ok(pack) => pack,
        Err(errors) => {
            return html! {
                <div class="lessons">
                    <p class="empty">{ Msg::LessonsNone.get(lang) }</p>
                    <pre class="load-errors">{ errors.join("\n") }</pre>
                </div>
            }
        }
    };
    let nav = pack.sections.iter().map(|section| {
        html! {
            <li>
                <span class="section-title">{ section.title.get(lang) }</span>
                <ol>
                    { for section.lessons.iter().filter_map(|id| pack.lesson(id)).map(|l| {
                        let id = l.lesson.id.clone();
                        let is = props.selected.as_deref() == Some(id.as_str());
                        let onclick = props.on_select.reform(move |_: MouseEvent| id.clone());
                        html! {
                            <li>
                                <button type="button" class={classes!("lesson-link", is.then_some("selected"))}
                                    data-lesson={l.lesson.id.clone()} aria-current={if is { "true" } else { "false" }} {onclick}>
                                    { l.lesson.title.get(lang) }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </li>
        }
    });
    let open = props.selected.as_deref().and_then(|id| pack.lesson(id));
    let body = match open {
        None => html! { <p class="empty">{ Msg::LessonPick.get(lang) }</p> },
        Some(l) => {
            let starter = l.starter.clone();
            let load = props.on_edit.reform(move |_: MouseEvent| starter.clone());
            let solution = l.files.get("solution.yaml").cloned().map(|text| {
                let onclick = props.on_edit.reform(move |_: MouseEvent| text.clone());
                html! { <button type="button" id="lesson-solution" {onclick}>{ Msg::LessonSolution.get(lang) }</button> }
            });
            html! {
                <article class="lesson" id="lesson">
                    <h3>{ l.lesson.title.get(lang) }</h3>
                    <div class="lesson-actions">
                        <button type="button" id="lesson-starter" class="primary" onclick={load}>{ Msg::LessonStarter.get(lang) }</button>
                        { for solution }
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
                    <ol class="steps">
                        { for l.steps(lang).iter().map(|step| html! {
                            <li class="step">
                                <h4>{ &step.title }</h4>
                                // Rendered by the engine from the pack's own Markdown, raw HTML escaped.
                                { Html::from_html_unchecked(AttrValue::from(render_markdown_safe(&step.body))) }
                            </li>
                        }) }
                    </ol>
                </article>
            }
        }
    };
    html! {
        <div class="lessons">
            <nav aria-label={Msg::TabLessons.get(lang)}><ol class="course">{ for nav }</ol></nav>
            { body }
        </div>
    }
}

/// Goal texts use Markdown's `code` spans; they become `<code>` text nodes
/// (the text itself is never parsed as HTML).
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
