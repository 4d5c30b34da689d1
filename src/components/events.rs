//! Events and logs: a `kubectl get events`-style table and each
//! container's log of the selected pod. All text is shown as text.

use podplay_engine::Lang;
use yew::prelude::*;

use crate::i18n::Msg;

/// One row of the event table.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub age_ms: u64,
    /// `Normal` or `Warning`.
    pub kind: String,
    pub reason: String,
    pub object: String,
    /// The container the event is about (`spec.containers{app}`), or empty.
    pub subobject: String,
    pub message: String,
    pub count: u32,
}

/// The most event rows drawn, newest kept (a limit on everything).
const ROWS_MAX: usize = 200;

/// kubectl's age format: `5s`, `3m2s`, `121m`, `3h3m`, `2d4h`.
// Follows apimachinery/pkg/util/duration/duration.go HumanDuration.
pub fn age(ms: u64) -> String {
    let s = ms / 1000;
    let (m, h) = (s / 60, s / 3600);
    let with = |big: u64, unit: &str, small: u64, small_unit: &str| {
        if small == 0 {
            format!("{big}{unit}")
        } else {
            format!("{big}{unit}{small}{small_unit}")
        }
    };
    if s < 120 {
        format!("{s}s")
    } else if m < 10 {
        with(m, "m", s % 60, "s")
    } else if m < 180 {
        format!("{m}m")
    } else if h < 8 {
        with(h, "h", m % 60, "m")
    } else if h < 48 {
        format!("{h}h")
    } else if h < 24 * 8 {
        with(h / 24, "d", h % 24, "h")
    } else {
        format!("{}d", h / 24)
    }
}

#[derive(Properties, PartialEq)]
pub struct EventsProps {
    pub lang: Lang,
    pub events: Vec<EventRow>,
    /// (container, lines) of the selected pod.
    pub logs: Vec<(String, Vec<String>)>,
}

#[component]
pub fn Events(props: &EventsProps) -> Html {
    let lang = props.lang;
    let skip = props.events.len().saturating_sub(ROWS_MAX);
    html! {
        <div class="events-view">
            <h3>{ Msg::EventsTitle.get(lang) }</h3>
            if props.events.is_empty() {
                <p class="empty">{ Msg::EventsNone.get(lang) }</p>
            } else {
                <div class="table-scroll">
                    <table class="events" id="events">
                        <thead><tr>
                            <th scope="col">{ "LAST SEEN" }</th>
                            <th scope="col">{ "TYPE" }</th>
                            <th scope="col">{ "REASON" }</th>
                            <th scope="col">{ "OBJECT" }</th>
                            <th scope="col">{ "MESSAGE" }</th>
                        </tr></thead>
                        <tbody>
                            { for props.events.iter().skip(skip).map(|e| html! {
                                <tr class={classes!((e.kind == "Warning").then_some("warning"))}>
                                    <td>{ age(e.age_ms) }{ if e.count > 1 { format!(" (x{})", e.count) } else { String::new() } }</td>
                                    <td>{ if e.kind == "Warning" { "⚠ " } else { "" } }{ &e.kind }</td>
                                    <td>{ &e.reason }</td>
                                    <td>
                                        { &e.object }
                                        if !e.subobject.is_empty() {
                                            <span class="subobject">{ &e.subobject }</span>
                                        }
                                    </td>
                                    <td>{ &e.message }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <h3>{ Msg::LogsTitle.get(lang) }</h3>
            if props.logs.iter().all(|(_, l)| l.is_empty()) {
                <p class="empty">{ Msg::LogsNone.get(lang) }</p>
            }
            { for props.logs.iter().filter(|(_, l)| !l.is_empty()).map(|(c, lines)| html! {
                <section class="log" data-container={c.clone()}>
                    <h4>{ format!("{}: {c}", Msg::Container.get(lang)) }</h4>
                    <pre>{ lines.iter().rev().take(300).rev().cloned().collect::<Vec<_>>().join("\n") }</pre>
                </section>
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_like_kubectl() {
        assert_eq!(age(5_000), "5s");
        assert_eq!(age(185_000), "3m5s");
        assert_eq!(age(900_000), "15m");
        assert_eq!(age(7_300_000), "121m");
        assert_eq!(age(11_000_000), "3h3m");
        assert_eq!(age(200_000_000), "2d7h");
    }
}
