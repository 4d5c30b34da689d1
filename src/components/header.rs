//! The top bar: name, tagline, pinned Kubernetes version, language switch, Share.

use podplay_engine::{Lang, KUBERNETES_VERSION};
use yew::prelude::*;

use crate::i18n::Msg;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub on_lang: Callback<Lang>,
    pub on_share: Callback<()>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let on_change = {
        let on_lang = props.on_lang.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::from_tag(&select.value()) {
                on_lang.emit(l);
            }
        })
    };
    let on_share = props.on_share.reform(|_: MouseEvent| ());
    html! {
        <header class="top">
            <h1>{ "Podplay" }</h1>
            <p class="tagline">{ Msg::Tagline.get(lang) }</p>
            <span class="version">{ format!("{} {}", Msg::KubernetesVersion.get(lang), KUBERNETES_VERSION) }</span>
            <button id="share" type="button" onclick={on_share}>{ "⇪ " }{ Msg::Share.get(lang) }</button>
            <label>
                { Msg::Language.get(lang) }{ " " }
                <select id="lang" onchange={on_change}>
                    <option value="ko" selected={lang == Lang::Ko}>{ "한국어" }</option>
                    <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                </select>
            </label>
        </header>
    }
}
