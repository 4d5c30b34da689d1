//! The root component.

use yew::prelude::*;

use crate::i18n::{Lang, Msg};

#[component]
pub fn App() -> Html {
    let lang = Lang::En;
    html! {
        <main>
            <h1>{ "Podplay" }</h1>
            <p>{ Msg::Tagline.get(lang) }</p>
        </main>
    }
}
