//! A predict-the-outcome card: the question a story step asks before its
//! Apply, with its choices. The learner picks one; the pick is locked. The
//! answer (right or wrong, the right choice, and why, with this run's
//! numbers) is revealed once the simulation has shown it: when the
//! question's `verify` check holds on the live cluster, or when the lesson
//! is complete. Apply is never blocked: the card only asks first.

use podplay_engine::{Lang, Text};
use yew::prelude::*;

use crate::i18n::Msg;

#[derive(Properties, PartialEq)]
pub struct PredictCardProps {
    pub lang: Lang,
    /// The question's id in its lesson (`restarts`).
    pub id: AttrValue,
    pub question: Text,
    pub choices: Vec<Text>,
    /// The 0-based index of the right choice.
    pub answer: usize,
    /// The learner's pick, once made (locked from then on).
    #[prop_or_default]
    pub picked: Option<usize>,
    /// The simulation has shown the outcome: the answer is revealed.
    #[prop_or_default]
    pub revealed: bool,
    /// Why, with this run's numbers filled in (Markdown).
    #[prop_or_default]
    pub explain: Text,
    pub on_pick: Callback<usize>,
}

/// Where the card is: waiting for a pick, locked, or revealed.
pub fn card_state(picked: Option<usize>, revealed: bool) -> &'static str {
    match (picked, revealed) {
        (_, true) => "revealed",
        (Some(_), false) => "locked",
        (None, false) => "open",
    }
}

#[component]
pub fn PredictCard(props: &PredictCardProps) -> Html {
    let lang = props.lang;
    let state = card_state(props.picked, props.revealed);
    let locked = state != "open";
    let title_id = format!("predict-{}-title", props.id);
    let choices = props.choices.iter().enumerate().map(|(i, choice)| {
        let chosen = props.picked == Some(i);
        let right = props.revealed && i == props.answer;
        let wrong = props.revealed && chosen && i != props.answer;
        let onclick = props.on_pick.reform(move |_: MouseEvent| i);
        // A mark as well as colour: colour is never the only signal.
        let mark = if right {
            "✓ "
        } else if wrong {
            "✗ "
        } else if chosen {
            "● "
        } else {
            "○ "
        };
        html! {
            <li>
                <button type="button" class={classes!("predict-choice", chosen.then_some("chosen"), right.then_some("right"), wrong.then_some("wrong"))}
                    data-choice={i.to_string()} role="radio" aria-checked={chosen.to_string()} disabled={locked} {onclick}>
                    <span class="mark" aria-hidden="true">{ mark }</span>
                    { choice.get(lang) }
                    if right { <span class="visually-hidden">{ " (" }{ Msg::PredictRightChoice.get(lang) }{ ")" }</span> }
                </button>
            </li>
        }
    });
    let answer = props.choices.get(props.answer).map(|c| c.get(lang).to_string()).unwrap_or_default();
    let verdict = props.revealed.then(|| {
        let (class, text) = match props.picked {
            Some(p) if p == props.answer => ("right", Msg::PredictRight.get(lang).to_string()),
            Some(_) => ("wrong", crate::i18n::predict_wrong(lang, &answer)),
            None => ("unanswered", crate::i18n::predict_unanswered(lang, &answer)),
        };
        html! {
            <>
                <p class={classes!("predict-verdict", class)} data-verdict={class} role="status">{ text }</p>
                <div class="predict-explain">
                    // Rendered by the engine from the pack's Markdown, raw HTML escaped.
                    { Html::from_html_unchecked(AttrValue::from(podplay_engine::lessons::render_markdown_safe(props.explain.get(lang)))) }
                </div>
            </>
        }
    });
    html! {
        <section class={classes!("predict", state)} data-predict={props.id.clone()} data-state={state} aria-labelledby={title_id.clone()}>
            <h5 id={title_id.clone()}>{ Msg::PredictTitle.get(lang) }</h5>
            <p class="predict-question">{ props.question.get(lang) }</p>
            <ul class="predict-choices" role="radiogroup" aria-labelledby={title_id}>{ for choices }</ul>
            if state == "open" {
                <p class="predict-ask">{ Msg::PredictAsk.get(lang) }</p>
            }
            if state == "locked" {
                <p class="predict-locked" role="status">{ Msg::PredictLocked.get(lang) }</p>
            }
            { for verdict }
        </section>
    }
}
