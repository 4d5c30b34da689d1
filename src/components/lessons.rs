//! The lesson panel's place in the layout; it fills in when the lesson pack lands here.

use podplay_engine::Lang;
use yew::prelude::*;

use crate::i18n::Msg;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub lang: Lang,
}

#[component]
pub fn Lessons(props: &LessonsProps) -> Html {
    html! { <p class="empty">{ Msg::LessonsNone.get(props.lang) }</p> }
}
