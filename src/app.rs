//! The root component: owns the state reducer and lays out the panels.

use yew::prelude::*;

use crate::browser;
use crate::components::editor::Editor;
use crate::components::header::Header;
use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the app starts: from the browser in `start`, given in tests.
    pub initial: AppState,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || initial);

    // Storage and the document language are effects, never reducer work.
    use_effect_with((state.lang, state.source.clone()), {
        let state = state.clone();
        move |_| {
            browser::set_document_lang(state.lang);
            browser::save(&state);
        }
    });

    let on_lang = {
        let state = state.clone();
        Callback::from(move |lang| state.dispatch(Action::SetLang(lang)))
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |text| state.dispatch(Action::Edit(text)))
    };
    html! {
        <>
            <Header lang={state.lang} {on_lang} />
            <main class="layout">
                <Editor
                    lang={state.lang}
                    source={AttrValue::from(state.source.clone())}
                    diagnostics={state.diagnostics.clone()}
                    {on_edit}
                />
            </main>
        </>
    }
}
