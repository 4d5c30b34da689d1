//! Component render tests, natively: the app rendered to an HTML string.
#![cfg(not(target_arch = "wasm32"))]

use podplay::app::{App, AppProps};
use podplay::state::{AppState, STARTER_YAML};
use podplay_engine::Lang;
use yew::LocalServerRenderer;

/// Renders the app and drops the component-name comments SSR adds.
async fn render(lang: Lang, source: &str) -> String {
    let initial = AppState::new(lang, source.to_string());
    let html = LocalServerRenderer::<App>::with_props(AppProps { initial }).render().await;
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("-->").map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn starter_manifest_renders_without_problems() {
    let html = render(Lang::En, STARTER_YAML).await;
    assert!(html.contains("No problems found."), "{html}");
    assert!(html.contains("name: hello"), "the editor shows the manifest");
}

#[tokio::test]
async fn broken_yaml_shows_a_located_diagnostic() {
    let html = render(Lang::En, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n").await;
    assert!(html.contains(r#"class="error""#), "{html}");
    assert!(!html.contains("No problems found."));
}

#[tokio::test]
async fn korean_page_has_no_english_app_strings() {
    let html = render(Lang::Ko, STARTER_YAML).await;
    assert!(html.contains("문제가 없습니다."), "{html}");
    for msg in podplay::i18n::Msg::ALL {
        let en = msg.get(Lang::En);
        assert!(!html.contains(en), "English string {en:?} on the Korean page: {html}");
    }
}
