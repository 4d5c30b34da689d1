//! The pod picture of a pod with its own user namespace (`hostUsers:
//! false`): the pod's box is the user namespace too, and the text says so.
#![cfg(not(target_arch = "wasm32"))]

use podplay::app::{App, AppProps};
use podplay::state::{AppState, Tab};
use podplay_engine::Lang;
use yew::LocalServerRenderer;

const USERNS: &str = "apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  hostUsers: false
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
";

async fn render(lang: Lang, source: &str) -> String {
    let mut initial = AppState::new(lang, source.to_string());
    initial.tab = Tab::Pod;
    initial.selected_pod = Some("userns".into());
    let props =
        AppProps { initial, applied: source.to_string(), clock_ms: 30_000, bench: None, nodes: 0, journal: None };
    LocalServerRenderer::<App>::with_props(props).render().await
}

#[tokio::test]
async fn the_pods_box_is_its_user_namespace_too() {
    let html = render(Lang::En, USERNS).await;
    assert!(html.contains(r#"data-ns="net uts ipc user""#), "{html}");
    assert!(html.contains("shared: network · UTS · IPC · user"), "{html}");
    assert!(html.contains("hostUsers is false, so the pod has its own user namespace"), "{html}");
    let ko = render(Lang::Ko, USERNS).await;
    assert!(ko.contains("공유: 네트워크 · UTS · IPC · 사용자(user)"), "{ko}");
    // Without hostUsers: false the containers are in the host's user namespace.
    let host = render(Lang::En, &USERNS.replace("  hostUsers: false\n", "")).await;
    assert!(host.contains(r#"data-ns="net uts ipc""#), "{host}");
    assert!(!host.contains("own user namespace"), "{host}");
}
