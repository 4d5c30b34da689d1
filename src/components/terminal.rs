//! The terminal: a prompt, output kept as plain text (copy-friendly, never
//! HTML), history on ↑/↓, Tab completion through a callback, Ctrl+L or
//! `clear` to clear. The output is a live region (`role="log"`) so screen
//! readers hear each answer. Tab on an empty prompt moves focus on, as
//! usual, so the keyboard is never trapped.

use podplay_engine::Lang;
use yew::prelude::*;

use crate::i18n::Msg;

/// The most lines of scrollback and history kept (a limit on everything).
const SCROLLBACK_MAX: usize = 500;
const HISTORY_MAX: usize = 200;

/// What running one command line printed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TermOutput {
    pub stdout: String,
    pub stderr: String,
    /// The terminal should clear its screen (the `clear` command).
    pub clear: bool,
    /// `kubectl edit`: the object (`pod/web`) and the text to open in the editor.
    pub edit: Option<(String, String)>,
    /// Files the command copied to the terminal's files (`kubectl cp
    /// POD:/path LOCAL`): name and text, offered as download links.
    pub files: Vec<(String, String)>,
}

#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    pub lang: Lang,
    /// Runs one command line.
    pub run: Callback<String, TermOutput>,
    /// Completes the word under the cursor: the whole line in, candidate lines out.
    pub complete: Callback<String, Vec<String>>,
    /// `$`, or the node shell's prompt (`root@worker-1:~#`, `>` in a here-document).
    #[prop_or(AttrValue::Static("$"))]
    pub prompt: AttrValue,
}

#[derive(Clone, PartialEq)]
enum Line {
    /// The prompt it was typed at, and the line.
    Command(String, String),
    Out(String),
    Err(String),
    /// A file copied to the terminal's files: its name and a `data:` URL.
    File(String, String),
}

/// The lines one command adds to the scrollback.
fn lines_of(prompt: &str, line: &str, out: &TermOutput) -> Vec<Line> {
    let mut more = vec![Line::Command(prompt.to_string(), line.to_string())];
    if !out.stdout.is_empty() {
        more.push(Line::Out(out.stdout.trim_end_matches('\n').to_string()));
    }
    if !out.stderr.is_empty() {
        more.push(Line::Err(out.stderr.trim_end_matches('\n').to_string()));
    }
    more.extend(out.files.iter().map(|(name, text)| Line::File(name.clone(), data_url(text))));
    more
}

/// A `data:` URL holding `text` as UTF-8 plain text, percent-encoded, for a
/// download link (`<a download>`); nothing in it is ever parsed as HTML.
pub fn data_url(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    out.push_str("data:text/plain;charset=utf-8,");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The longest common prefix of the candidates.
pub fn common_prefix(candidates: &[String]) -> String {
    let Some(first) = candidates.first() else { return String::new() };
    let mut len = first.len();
    for c in candidates.iter().skip(1) {
        len = len.min(first.bytes().zip(c.bytes()).take_while(|(a, b)| a == b).count());
    }
    while !first.is_char_boundary(len) {
        len -= 1;
    }
    first[..len].to_string()
}

#[component]
pub fn Terminal(props: &TerminalProps) -> Html {
    let lang = props.lang;
    let lines = use_state(Vec::<Line>::new);
    let history = use_mut_ref(Vec::<String>::new);
    // Where ↑/↓ is in the history: None is the fresh line.
    let cursor = use_mut_ref(|| None::<usize>);
    let input = use_state(String::new);

    let push = {
        let lines = lines.clone();
        move |mut more: Vec<Line>, clear: bool| {
            let mut all = if clear { Vec::new() } else { (*lines).clone() };
            all.append(&mut more);
            let excess = all.len().saturating_sub(SCROLLBACK_MAX);
            all.drain(..excess);
            lines.set(all);
        }
    };

    let oninput = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            input.set(el.value());
        })
    };

    let onkeydown = {
        let input = input.clone();
        let history = history.clone();
        let cursor = cursor.clone();
        let run = props.run.clone();
        let complete = props.complete.clone();
        let prompt = props.prompt.to_string();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            match key.as_str() {
                "Enter" => {
                    e.prevent_default();
                    let line = (*input).clone();
                    input.set(String::new());
                    *cursor.borrow_mut() = None;
                    // A node shell keeps indentation (a here-document's YAML) and blank lines.
                    let node_shell = prompt != "$";
                    let trimmed = if node_shell { line.trim_end() } else { line.trim() };
                    if trimmed.is_empty() && !node_shell {
                        push(vec![Line::Command(prompt.clone(), String::new())], false);
                        return;
                    }
                    {
                        let mut h = history.borrow_mut();
                        if h.last().map(String::as_str) != Some(trimmed) {
                            h.push(trimmed.to_string());
                        }
                        let excess = h.len().saturating_sub(HISTORY_MAX);
                        h.drain(..excess);
                    }
                    let out = run.emit(trimmed.to_string());
                    if out.clear {
                        push(Vec::new(), true);
                        return;
                    }
                    push(lines_of(&prompt, trimmed, &out), false);
                }
                "ArrowUp" | "ArrowDown" => {
                    e.prevent_default();
                    let h = history.borrow();
                    if h.is_empty() {
                        return;
                    }
                    let mut c = cursor.borrow_mut();
                    let next = match (key.as_str(), *c) {
                        ("ArrowUp", None) => Some(h.len() - 1),
                        ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                        ("ArrowDown", Some(i)) if i + 1 < h.len() => Some(i + 1),
                        _ => None,
                    };
                    *c = next;
                    input.set(next.and_then(|i| h.get(i).cloned()).unwrap_or_default());
                }
                "Tab" if !input.is_empty() && !e.shift_key() => {
                    e.prevent_default();
                    let candidates = complete.emit((*input).clone());
                    match candidates.len() {
                        0 => {}
                        1 => input.set(candidates[0].clone()),
                        _ => {
                            let prefix = common_prefix(&candidates);
                            if prefix.len() > input.len() {
                                input.set(prefix);
                            } else {
                                let words: Vec<&str> =
                                    candidates.iter().map(|c| c.rsplit(' ').next().unwrap_or(c)).collect();
                                push(
                                    vec![Line::Command(prompt.clone(), (*input).clone()), Line::Out(words.join("  "))],
                                    false,
                                );
                            }
                        }
                    }
                }
                "l" | "L" if e.ctrl_key() => {
                    e.prevent_default();
                    push(Vec::new(), true);
                }
                _ => {}
            }
        })
    };

    // The "node shell" button types `ssh worker-1`, as a learner would.
    let node_shell = {
        let run = props.run.clone();
        let lines = lines.clone();
        Callback::from(move |_: MouseEvent| {
            let line = "ssh worker-1".to_string();
            let out = run.emit(line.clone());
            let mut all = (*lines).clone();
            all.extend(lines_of("$", &line, &out));
            let excess = all.len().saturating_sub(SCROLLBACK_MAX);
            all.drain(..excess);
            lines.set(all);
        })
    };
    let rendered = lines.iter().map(|line| match line {
        Line::Command(p, c) => {
            html! { <div class="cmd"><span class="prompt" aria-hidden="true">{ format!("{p} ") }</span>{ c }</div> }
        }
        Line::Out(o) => html! { <pre class="out">{ o }</pre> },
        Line::Err(e) => html! { <pre class="err">{ e }</pre> },
        Line::File(name, href) => html! {
            <div class="file">
                { Msg::FileCopied.get(lang) }{ " " }
                <a href={href.clone()} download={name.clone()} title={Msg::FileDownload.get(lang)}>{ name }</a>
            </div>
        },
    });
    html! {
        <div class="terminal">
            <p class="hint">{ Msg::TerminalWelcome.get(lang) }</p>
            <div id="term-output" class="term-output" role="log" aria-live="polite"
                aria-label={Msg::TerminalOutput.get(lang)}>
                { for rendered }
            </div>
            <div class="term-input">
                <span id="term-prompt" class="prompt" aria-hidden="true">{ props.prompt.clone() }</span>
                <input id="term-input" type="text" autocomplete="off" autocapitalize="off" spellcheck="false"
                    aria-label={Msg::TerminalInput.get(lang)} aria-describedby="term-hint"
                    value={(*input).clone()} {oninput} {onkeydown} />
            </div>
            <p id="term-hint" class="hint">{ Msg::TerminalHint.get(lang) }</p>
            if props.prompt == "$" {
                <button id="node-shell" type="button" class="node-shell" onclick={node_shell}>{ Msg::NodeShell.get(lang) }</button>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_prefix_of_candidates() {
        let c = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(common_prefix(&c(&["kubectl get pods", "kubectl get pod/x"])), "kubectl get pod");
        assert_eq!(common_prefix(&c(&["파드a", "파드b"])), "파드");
        assert_eq!(common_prefix(&[]), "");
    }

    #[test]
    fn a_copied_file_becomes_a_data_url_that_keeps_every_byte() {
        assert_eq!(data_url("<h1>hi</h1>\n"), "data:text/plain;charset=utf-8,%3Ch1%3Ehi%3C%2Fh1%3E%0A");
        assert_eq!(data_url("a b\"'#%"), "data:text/plain;charset=utf-8,a%20b%22%27%23%25");
        assert_eq!(data_url("파"), "data:text/plain;charset=utf-8,%ED%8C%8C");
    }
}
