//! Browser tests: the app mounted in real headless Chromium.
#![cfg(target_arch = "wasm32")]

use podplay::app::{App, AppProps};
use podplay::state::{AppState, STARTER_YAML};
use podplay_engine::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount(lang: Lang, source: &str) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let initial = AppState::new(lang, source.to_string());
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { initial, applied: String::new(), clock_ms: 0, bench: None }).render();
    root
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn typing_broken_yaml_shows_its_line() {
    let root = mount(Lang::En, STARTER_YAML);
    yew::scheduler::flush().await;
    assert!(text(&root, "#diagnostics").contains("No problems found."));

    let area: web_sys::HtmlTextAreaElement = root.query_selector("#yaml").unwrap().unwrap().dyn_into().unwrap();
    area.set_value("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n");
    let event = web_sys::InputEvent::new("input").unwrap();
    area.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;

    let item = root.query_selector("#diagnostics li.error").unwrap().expect("an error item");
    let line: u32 = item.get_attribute("data-line").unwrap().parse().unwrap();
    assert!(line >= 4, "located on the broken line, got {line}");
    assert!(root.query_selector(".gutter .bad").unwrap().is_some(), "the gutter marks the line");
}

#[wasm_bindgen_test]
async fn switching_language_changes_the_strings() {
    let root = mount(Lang::En, STARTER_YAML);
    yew::scheduler::flush().await;
    assert!(text(&root, "header").contains("Language"));

    let select: web_sys::HtmlSelectElement = root.query_selector("#lang").unwrap().unwrap().dyn_into().unwrap();
    select.set_value("ko");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;

    assert!(text(&root, "header").contains("언어"));
    assert!(text(&root, "#diagnostics").contains("문제가 없습니다."));
    let html_lang = web_sys::window().unwrap().document().unwrap().document_element().unwrap().get_attribute("lang");
    assert_eq!(html_lang.as_deref(), Some("ko"));
}
