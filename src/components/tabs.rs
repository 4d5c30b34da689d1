//! The view tabs (WAI-ARIA tabs pattern): ←/→/Home/End move between tabs and
//! select them; only the selected tab is in the Tab order.

use podplay_engine::Lang;
use yew::prelude::*;

use crate::browser;
use crate::i18n::Msg;
use crate::state::Tab;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    pub lang: Lang,
    pub selected: Tab,
    pub on_select: Callback<Tab>,
}

#[component]
pub fn Tabs(props: &TabsProps) -> Html {
    let lang = props.lang;
    let selected = props.selected;
    let onkeydown = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = Tab::ALL.iter().position(|t| *t == selected).unwrap_or(0);
            let n = Tab::ALL.len();
            let next = match e.key().as_str() {
                "ArrowRight" => (i + 1) % n,
                "ArrowLeft" => (i + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            let tab = Tab::ALL[next];
            on_select.emit(tab);
            browser::focus(&format!("tab-{}", tab.id()));
        })
    };
    html! {
        <div class="tabs" role="tablist" aria-label={Msg::ViewsLabel.get(lang)} {onkeydown}>
            { for Tab::ALL.iter().map(|&tab| {
                let is = tab == selected;
                let onclick = props.on_select.reform(move |_: MouseEvent| tab);
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", tab.id())}
                        aria-selected={is.to_string()} aria-controls={format!("panel-{}", tab.id())}
                        tabindex={if is { "0" } else { "-1" }} {onclick}>
                        { tab.label().get(lang) }
                    </button>
                }
            }) }
        </div>
    }
}
