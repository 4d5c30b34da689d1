//! The YAML editor: a plain textarea over a layer that draws wavy
//! underlines on the lines with problems, a line-number gutter that marks
//! them, `Apply` (also Ctrl+Enter), and the engine's diagnostics listed with
//! their line:column; choosing one moves the caret to its line.

use podplay_engine::{Diagnostic, Lang, Severity, Span, Text};
use yew::prelude::*;

use crate::i18n::Msg;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub lang: Lang,
    pub source: AttrValue,
    pub diagnostics: Vec<Diagnostic>,
    pub on_edit: Callback<String>,
    pub on_apply: Callback<()>,
    /// A troubleshooting lesson: the editor is read-only and Apply is
    /// disabled; the learner fixes things from the terminal.
    #[prop_or_default]
    pub read_only: bool,
    /// Lints the open lesson tolerates (rule, why): shown quietly.
    #[prop_or_default]
    pub tolerated: Vec<(String, Text)>,
}

/// The worst severity on each line (1-based), for the gutter and squiggles.
fn line_marks(diagnostics: &[Diagnostic], lines: usize) -> Vec<Option<Severity>> {
    let mut marks = vec![None; lines + 1];
    for d in diagnostics {
        if let Some(slot) = marks.get_mut(d.span.line as usize) {
            *slot = Some(match *slot {
                Some(s) if s <= d.severity => s,
                _ => d.severity,
            });
        }
    }
    marks
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Lint => "lint",
    }
}

/// The byte offset of a 1-based line:column (columns count characters),
/// clamped to the text.
fn offset(source: &str, line: u32, col: u32) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match source[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return source.len(),
        }
    }
    let rest = &source[start..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let col_bytes = rest[..line_end].char_indices().nth(col.saturating_sub(1) as usize).map_or(line_end, |(i, _)| i);
    start + col_bytes
}

/// The source with a quick fix applied: the text under `span` (end
/// exclusive) replaced.
pub fn apply_fix(source: &str, span: Span, replacement: &str) -> String {
    let a = offset(source, span.line, span.col);
    let b = offset(source, span.end_line, span.end_col).max(a);
    format!("{}{}{}", &source[..a], replacement, &source[b..])
}

/// Moves the editor's caret to the start of a 1-based line and focuses it.
fn go_to_line(line: u32) {
    use wasm_bindgen::JsCast;
    let Some(area) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("yaml"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let text = area.value();
    let offset: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(|l| l.encode_utf16().count()).sum();
    let _ = area.focus();
    let _ = area.set_selection_range(offset as u32, offset as u32);
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
    let onkeydown = {
        let on_apply = props.on_apply.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_apply.emit(());
            }
        })
    };
    let lines: Vec<&str> = props.source.split('\n').collect();
    // A tolerated lint is no advice: no gutter mark, no squiggle.
    let loud: Vec<Diagnostic> =
        props.diagnostics.iter().filter(|d| !props.tolerated.iter().any(|(r, _)| *r == d.rule)).cloned().collect();
    let marks = line_marks(&loud, lines.len());
    let gutter = (1..=lines.len()).map(|n| {
        let mark = marks.get(n).copied().flatten();
        // A glyph as well as colour: colour is never the only signal.
        let glyph = match mark {
            Some(Severity::Error) => "✖ ",
            Some(Severity::Warning) => "▲ ",
            Some(Severity::Lint) => "● ",
            None => "",
        };
        html! { <div class={classes!(mark.map(|_| "bad"), mark.map(severity_class))}>{ glyph }{ n }</div> }
    });
    let underlay = lines.iter().enumerate().map(|(i, line)| {
        let mark = marks.get(i + 1).copied().flatten();
        let text = if line.is_empty() { " " } else { line };
        match mark {
            Some(s) => html! { <div><span class={classes!("squiggle", severity_class(s))}>{ text }</span></div> },
            None => html! { <div>{ text }</div> },
        }
    });
    let on_apply = props.on_apply.reform(|_: MouseEvent| ());
    let read_only = props.read_only;
    let apply_title = if read_only { Msg::TroubleshootApply.get(lang) } else { Msg::ApplyShortcut.get(lang) };
    html! {
        <section class="panel editor-panel" aria-labelledby="editor-title">
            <div class="panel-head">
                <h2 id="editor-title">{ Msg::EditorTitle.get(lang) }</h2>
                <button id="apply" class="primary" type="button" onclick={on_apply} disabled={read_only}
                    title={apply_title} aria-keyshortcuts="Control+Enter">
                    { "▶ " }{ Msg::Apply.get(lang) }
                </button>
            </div>
            if read_only {
                <p id="editor-readonly" class="readonly-note" role="note">
                    { Msg::TroubleshootNote.get(lang) }
                </p>
            }
            <div class={classes!("editor", read_only.then_some("read-only"))}>
                <div class="gutter" aria-hidden="true">{ for gutter }</div>
                <div class="code">
                    <div class="underlay" aria-hidden="true">{ for underlay }</div>
                    <textarea
                        id="yaml"
                        aria-label={Msg::EditorLabel.get(lang)}
                        aria-describedby="diagnostics apply-hint"
                        spellcheck="false"
                        autocapitalize="off"
                        wrap="off"
                        rows={lines.len().to_string()}
                        cols={lines.iter().map(|l| l.chars().count()).max().unwrap_or(0).max(20).to_string()}
                        value={props.source.clone()}
                        readonly={read_only}
                        {oninput}
                        {onkeydown}
                    />
                </div>
            </div>
            <p id="apply-hint" class="hint">{ apply_title }</p>
            <Diagnostics lang={lang} diagnostics={props.diagnostics.clone()} source={props.source.clone()}
                on_edit={props.on_edit.clone()} tolerated={props.tolerated.clone()} />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_replace_exactly_their_span() {
        let src = "kind: Pod\nmetadata:\n  lables: {}\n";
        let span = Span { line: 3, col: 3, end_line: 3, end_col: 9 };
        assert_eq!(apply_fix(src, span, "labels"), "kind: Pod\nmetadata:\n  labels: {}\n");
        let ko = "a: 파드\nb: x\n";
        assert_eq!(apply_fix(ko, Span { line: 1, col: 4, end_line: 1, end_col: 6 }, "pod"), "a: pod\nb: x\n");
        assert_eq!(apply_fix("x", Span { line: 9, col: 9, end_line: 9, end_col: 9 }, "y"), "xy");
    }
}

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub lang: Lang,
    pub diagnostics: Vec<Diagnostic>,
    /// The text the diagnostics are about, for quick fixes.
    #[prop_or_default]
    pub source: AttrValue,
    #[prop_or_default]
    pub on_edit: Callback<String>,
    /// Lints the open lesson tolerates (rule, why): shown quietly, last.
    #[prop_or_default]
    pub tolerated: Vec<(String, Text)>,
}

/// The diagnostics list; a live region, so screen readers hear new problems.
#[component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let lang = props.lang;
    let why = |d: &Diagnostic| props.tolerated.iter().find(|(r, _)| *r == d.rule).map(|(_, why)| why.clone());
    let (quiet, loud): (Vec<&Diagnostic>, Vec<&Diagnostic>) = props.diagnostics.iter().partition(|d| why(d).is_some());
    let body = if loud.is_empty() {
        html! { <p class="ok">{ "✓ " }{ Msg::NoProblems.get(lang) }</p> }
    } else {
        html! {
            <ul class="diagnostics">
                { for loud.iter().map(|d| diagnostic_item(d, lang, &props.source, &props.on_edit)) }
            </ul>
        }
    };
    let quiet = (!quiet.is_empty()).then(|| {
        html! {
            <ul class="diagnostics tolerated-list">
                { for quiet.iter().map(|d| tolerated_item(d, lang, why(d).unwrap_or_default())) }
            </ul>
        }
    });
    html! {
        <div id="diagnostics" aria-live="polite">
            <h3 class="visually-hidden">{ Msg::ProblemsTitle.get(lang) }</h3>
            { body }
            { for quiet }
        </div>
    }
}

/// A lint the open lesson tolerates: muted, with the lesson's reason
/// instead of the advice, and no quick fix.
fn tolerated_item(d: &Diagnostic, lang: Lang, why: Text) -> Html {
    html! {
        <li class="tolerated" data-rule={d.rule.clone()} data-line={d.span.line.to_string()}>
            <span class="severity">{ Msg::ToleratedLabel.get(lang) }</span>
            <span class="message">{ &d.message }</span>
            <span class="explain">{ why.get(lang) }</span>
        </li>
    }
}

fn diagnostic_item(d: &Diagnostic, lang: Lang, source: &AttrValue, on_edit: &Callback<String>) -> Html {
    let fix = d.fix.as_ref().map(|fix| {
        let fixed = apply_fix(source, fix.span, &fix.replacement);
        let onclick = on_edit.reform(move |_: MouseEvent| fixed.clone());
        html! {
            <button type="button" class="fix" {onclick}>
                { "✎ " }{ Msg::QuickFix.get(lang) }{ ": " }{ fix.title.get(lang) }
            </button>
        }
    });
    let label = match d.severity {
        Severity::Error => Msg::SeverityError,
        Severity::Warning => Msg::SeverityWarning,
        Severity::Lint => Msg::SeverityLint,
    };
    // Upstream's field errors already start with the path; others get it in front.
    let path =
        if d.path.is_empty() || d.message.starts_with(&d.path) { String::new() } else { format!("{}: ", d.path) };
    let line = d.span.line;
    let onclick = Callback::from(move |_: MouseEvent| go_to_line(line));
    html! {
        <li class={severity_class(d.severity)} data-line={line.to_string()}>
            <button type="button" class="where" {onclick}
                title={Msg::GoToLine.get(lang)} aria-label={format!("{} {}:{}", Msg::GoToLine.get(lang), line, d.span.col)}>
                { format!("{}:{}", line, d.span.col) }
            </button>
            <span class="severity">{ label.get(lang) }</span>
            <span class="message">{ format!("{path}{}", d.message) }</span>
            <span class="explain">{ d.explain.get(lang) }</span>
            { for fix }
        </li>
    }
}
