//! Events and logs: a kubectl-style event table and per-container logs.
//! Both fill in when the engine's cluster and pod internals land here.

use podplay_engine::Lang;
use yew::prelude::*;

use crate::i18n::Msg;

#[derive(Properties, PartialEq)]
pub struct EventsProps {
    pub lang: Lang,
}

#[component]
pub fn Events(props: &EventsProps) -> Html {
    let lang = props.lang;
    html! {
        <div class="events-view">
            <h3>{ Msg::EventsTitle.get(lang) }</h3>
            <p class="empty">{ Msg::EventsNone.get(lang) }</p>
            <h3>{ Msg::LogsTitle.get(lang) }</h3>
            <p class="empty">{ Msg::LogsNone.get(lang) }</p>
        </div>
    }
}
