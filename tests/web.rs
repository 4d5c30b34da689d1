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
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps { initial, applied: String::new(), clock_ms: 0, bench: None, nodes: 0, journal: None },
    )
    .render();
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

/// Mounts the app with a manifest already applied and the given tab open.
fn mount_applied(source: &str, tab: podplay::state::Tab, pod: Option<&str>) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let mut initial = AppState::new(Lang::En, source.to_string());
    initial.tab = tab;
    initial.selected_pod = pod.map(str::to_string);
    let props =
        AppProps { initial, applied: source.to_string(), clock_ms: 30_000, bench: None, nodes: 0, journal: None };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    root
}

fn key(target: &web_sys::Element, key: &str, ctrl: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

async fn type_line(root: &web_sys::Element, line: &str) {
    let input: web_sys::HtmlInputElement = root.query_selector("#term-input").unwrap().unwrap().dyn_into().unwrap();
    input.set_value(line);
    input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    yew::scheduler::flush().await;
    key(&input, "Enter", false);
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_terminal_runs_kubectl_and_clears() {
    let root = mount_applied(STARTER_YAML, podplay::state::Tab::Terminal, None);
    yew::scheduler::flush().await;
    type_line(&root, "kubectl get pods").await;
    let out = text(&root, "#term-output");
    assert!(out.contains("NAME") && out.contains("hello") && out.contains("Running"), "{out}");
    type_line(&root, "kubectl get pod nope").await;
    assert!(text(&root, "#term-output").contains("NotFound"), "{}", text(&root, "#term-output"));

    let input = root.query_selector("#term-input").unwrap().unwrap();
    key(&input, "ArrowUp", false);
    yew::scheduler::flush().await;
    let value = input.clone().dyn_into::<web_sys::HtmlInputElement>().unwrap().value();
    assert_eq!(value, "kubectl get pod nope");
    key(&input, "l", true);
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "#term-output").trim(), "");
}

#[wasm_bindgen_test]
async fn a_multi_container_pod_shows_shared_and_separate_namespaces() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: duo\nspec:\n  shareProcessNamespace: true\n  containers:\n  - {name: a, image: nginx:1.27}\n  - {name: b, image: busybox:1.36, command: [sleep, '3600']}\n";
    let root = mount_applied(yaml, podplay::state::Tab::Cluster, None);
    yew::scheduler::flush().await;
    let chip: web_sys::HtmlElement =
        root.query_selector("[data-pod=duo]").unwrap().expect("a pod chip").dyn_into().unwrap();
    chip.click();
    yew::scheduler::flush().await;
    assert_eq!(root.query_selector_all(".ns-shared").unwrap().length(), 1);
    assert_eq!(root.query_selector_all("g.ns-mnt").unwrap().length(), 2);
    assert_eq!(root.query_selector_all("g.ns-pid.shared").unwrap().length(), 1);
    assert!(text(&root, "#pod-description").contains("share one process namespace"));
    assert!(text(&root, "#container-states").contains("Running"), "{}", text(&root, "#container-states"));
}
