//! The YAML editor: a plain textarea with a line-number gutter, and the
//! engine's diagnostics listed with their line:column beneath it.

use podplay_engine::{Diagnostic, Lang, Severity};
use yew::prelude::*;

use crate::i18n::Msg;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub lang: Lang,
    pub source: AttrValue,
    pub diagnostics: Vec<Diagnostic>,
    pub on_edit: Callback<String>,
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let lang = props.lang;
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    let line_count = props.source.lines().count().max(1) + usize::from(props.source.ends_with('\n'));
    let bad_lines: Vec<u32> = props.diagnostics.iter().map(|d| d.span.line).collect();
    let gutter = (1..=line_count).map(|n| {
        let bad = bad_lines.contains(&(n as u32));
        html! { <div class={classes!(bad.then_some("bad"))}>{ n }</div> }
    });
    html! {
        <section class="panel" aria-labelledby="editor-title">
            <h2 id="editor-title">{ Msg::EditorTitle.get(lang) }</h2>
            <div class="editor">
                <div class="gutter" aria-hidden="true">{ for gutter }</div>
                <textarea
                    id="yaml"
                    aria-label={Msg::EditorLabel.get(lang)}
                    spellcheck="false"
                    autocapitalize="off"
                    rows={line_count.to_string()}
                    value={props.source.clone()}
                    {oninput}
                />
            </div>
            <Diagnostics lang={lang} diagnostics={props.diagnostics.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub lang: Lang,
    pub diagnostics: Vec<Diagnostic>,
}

/// The diagnostics list; a live region, so screen readers hear new problems.
#[component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let lang = props.lang;
    let body = if props.diagnostics.is_empty() {
        html! { <p class="ok">{ "✓ " }{ Msg::NoProblems.get(lang) }</p> }
    } else {
        html! {
            <ul class="diagnostics">
                { for props.diagnostics.iter().map(|d| diagnostic_item(d, lang)) }
            </ul>
        }
    };
    html! {
        <div id="diagnostics" aria-live="polite">
            <h3 class="visually-hidden">{ Msg::ProblemsTitle.get(lang) }</h3>
            { body }
        </div>
    }
}

fn diagnostic_item(d: &Diagnostic, lang: Lang) -> Html {
    let (class, label) = match d.severity {
        Severity::Error => ("error", Msg::SeverityError),
        Severity::Warning => ("warning", Msg::SeverityWarning),
        Severity::Lint => ("lint", Msg::SeverityLint),
    };
    let path = if d.path.is_empty() { String::new() } else { format!("{}: ", d.path) };
    html! {
        <li class={class} data-line={d.span.line.to_string()}>
            <span class="where" title={Msg::LineCol.get(lang)}>{ format!("{}:{}", d.span.line, d.span.col) }</span>
            <span class="severity">{ label.get(lang) }</span>
            <span class="message">{ format!("{path}{}", d.message) }</span>
            <span class="explain">{ d.explain.get(lang) }</span>
        </li>
    }
}
