//! Component render tests, natively: the app rendered to an HTML string.
#![cfg(not(target_arch = "wasm32"))]

use podplay::app::{App, AppProps};
use podplay::i18n::Msg;
use podplay::state::{AppState, Tab, STARTER_YAML};
use podplay_engine::Lang;
use yew::LocalServerRenderer;

const SIDECAR: &str = "apiVersion: v1
kind: Pod
metadata:
  name: with-sidecar
spec:
  volumes:
  - name: logs
    emptyDir: {}
  containers:
  - name: app
    image: busybox:1.36
    volumeMounts:
    - {name: logs, mountPath: /var/log/app}
  - name: shipper
    image: busybox:1.36
    volumeMounts:
    - {name: logs, mountPath: /logs}
";

/// Renders the app and drops the component-name comments SSR adds.
async fn render_props(props: AppProps) -> String {
    let html = LocalServerRenderer::<App>::with_props(props).render().await;
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("-->").map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    out
}

async fn render(lang: Lang, source: &str) -> String {
    let initial = AppState::new(lang, source.to_string());
    render_props(AppProps { initial, applied: String::new(), clock_ms: 0, bench: None, nodes: 0, journal: None }).await
}

/// The app with `source` applied, showing `tab` (and `pod` selected).
async fn render_applied(lang: Lang, source: &str, tab: Tab, pod: Option<&str>) -> String {
    let mut initial = AppState::new(lang, source.to_string());
    initial.tab = tab;
    initial.selected_pod = pod.map(str::to_string);
    render_props(AppProps { initial, applied: source.to_string(), clock_ms: 0, bench: None, nodes: 0, journal: None })
        .await
}

/// The page without the manifest text (which says `kind: Pod` in any language).
fn without_editor_text(html: &str) -> String {
    match (html.find(r#"<div class="code">"#), html.find("</textarea>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    }
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[tokio::test]
async fn starter_manifest_renders_without_problems() {
    let html = render(Lang::En, STARTER_YAML).await;
    assert!(html.contains("No problems found."), "{html}");
    assert!(html.contains("name: hello"), "the editor shows the manifest");
    assert!(html.contains(r#"id="apply""#) && html.contains("Apply"), "{html}");
}

#[tokio::test]
async fn broken_yaml_shows_a_located_diagnostic_and_a_squiggle() {
    let html = render(Lang::En, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n").await;
    assert!(html.contains(r#"class="error""#), "{html}");
    assert!(html.contains(r#"class="squiggle error""#), "{html}");
    assert!(html.contains("✖"), "a glyph, not colour alone, marks the line: {html}");
    assert!(!html.contains("No problems found."));
}

#[tokio::test]
async fn every_tab_has_no_english_app_strings_in_korean() {
    for tab in Tab::ALL {
        let html = render_applied(Lang::Ko, SIDECAR, tab, Some("with-sidecar")).await;
        // kubectl's STATUS reasons (`ContainerCreating` of the control
        // plane's pods at 0 s) stay English in both languages, as kubectl
        // prints them; they contain the word "Container".
        let html = without_editor_text(&html).replace("Podplay", "").replace("ContainerCreating", "");
        for msg in Msg::ALL {
            let en = msg.get(Lang::En);
            assert!(!html.contains(en), "{tab:?}: English string {en:?} on the Korean page: {html}");
        }
        let en = render_applied(Lang::En, SIDECAR, tab, Some("with-sidecar")).await;
        assert_ne!(html, en, "{tab:?} renders the same in both languages");
    }
}

#[tokio::test]
async fn tabs_follow_the_aria_pattern() {
    let html = render_applied(Lang::En, STARTER_YAML, Tab::Terminal, None).await;
    assert_eq!(count(&html, r#"role="tab""#), Tab::ALL.len(), "{html}");
    assert_eq!(count(&html, r#"aria-selected="true""#), 1);
    assert!(html.contains(r#"id="panel-terminal" aria-labelledby="tab-terminal""#), "{html}");
    assert!(html.contains(r#"role="log""#), "the terminal output is a live region: {html}");
}

#[tokio::test]
async fn applied_pods_appear_in_the_cluster_view() {
    let html = render_applied(Lang::En, SIDECAR, Tab::Cluster, None).await;
    assert!(html.contains(r#"data-pod="with-sidecar""#), "{html}");
    assert!(html.contains(r#"data-status="Pending""#), "a fresh pod waits for the scheduler: {html}");
    assert!(html.contains("worker-1") && html.contains("control-plane"), "nodes are listed: {html}");
}

#[tokio::test]
async fn pod_view_shows_shared_and_separate_namespaces() {
    let html = render_applied(Lang::En, SIDECAR, Tab::Pod, Some("with-sidecar")).await;
    assert_eq!(count(&html, r#"class="ns-shared""#), 1, "one net/uts/ipc box: {html}");
    assert_eq!(count(&html, r#"class="ns-mnt""#), 2, "a mount namespace per container");
    assert_eq!(count(&html, r#"class="ns-pid""#), 2, "a pid namespace per container");
    // The logs volume in both containers, and the ServiceAccount admission's
    // API token volume in both, as on a real cluster.
    assert_eq!(count(&html, r#"class="mount""#), 4, "each volume is wired to both containers: {html}");
    assert!(html.contains("/var/run/secrets/kubernetes.io/serviceaccount"), "the token mount is shown: {html}");
    assert!(html.contains("hostname: with-sidecar"), "{html}");
    assert!(html.contains("Container shipper mounts volume logs at /logs."), "{html}");

    let shared = SIDECAR.replace("spec:\n", "spec:\n  shareProcessNamespace: true\n");
    let html = render_applied(Lang::En, &shared, Tab::Pod, Some("with-sidecar")).await;
    assert_eq!(count(&html, r#"class="ns-mnt""#), 2, "mount namespaces stay separate");
    assert_eq!(count(&html, r#"class="ns-pid shared""#), 1, "one merged pid box: {html}");
    assert_eq!(count(&html, r#"class="ns-pid""#), 0);
}

#[tokio::test]
async fn user_text_is_never_rendered_as_html() {
    let evil = SIDECAR.replace("name: app", "name: \"<script>alert(1)</script>\"").replace(
        "image: busybox:1.36\n    volumeMounts:\n    - {name: logs, mountPath: /logs}",
        "image: \"<img src=x onerror=alert(2)>\"",
    );
    for tab in [Tab::Cluster, Tab::Pod] {
        let html = render_applied(Lang::En, &evil, tab, Some("with-sidecar")).await;
        assert!(!html.contains("<script>alert"), "{tab:?}: {html}");
        assert!(!html.contains("<img src=x"), "{tab:?}: {html}");
        assert!(html.contains("&lt;script&gt;") || html.contains("&lt;img"), "{tab:?} shows it as text: {html}");
    }
}

const CRASHER: &str = "apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, -c, 'sleep 1; exit 3']
";

/// The pod view of `source` applied and run for `clock_ms` of virtual time.
async fn render_pod_at(lang: Lang, source: &str, pod: &str, clock_ms: u64) -> String {
    let mut initial = AppState::new(lang, source.to_string());
    initial.tab = Tab::Pod;
    initial.selected_pod = Some(pod.to_string());
    render_props(AppProps { initial, applied: source.to_string(), clock_ms, bench: None, nodes: 0, journal: None })
        .await
}

#[tokio::test]
async fn a_crash_looping_container_shows_its_backoff_countdown_and_restarts() {
    // The crasher restarts at once, exits again at about 4.4 s, then waits
    // 10 s; the second run ends at about 15.4 s and the back-off doubles to
    // 20 s. (The control plane's pods take the seeded draws first, so the
    // image pull, and with it this timeline, is what seed 1 gives now.)
    for (clock_ms, left) in [
        (6_000, "restarting in 9s (back-off 10s)"),
        (15_750, "restarting in 20s (back-off 20s)"),
        (25_750, "restarting in 10s (back-off 20s)"),
    ] {
        let html = render_pod_at(Lang::En, CRASHER, "crasher", clock_ms).await;
        assert!(html.contains(left), "{clock_ms}: {html}");
        assert!(html.contains("Last exit: Error (3)"), "{html}");
        assert!(html.contains("<progress"), "{html}");
    }
    let html = render_pod_at(Lang::Ko, CRASHER, "crasher", 25_750).await;
    assert!(html.contains("10초 후 재시작 (백오프 20초)"), "{html}");
    assert!(html.contains(r#"<td class="restarts">2</td>"#), "{html}");
    // Running again: no countdown.
    let html = render_pod_at(Lang::En, CRASHER, "crasher", 14_750).await;
    assert!(!html.contains("class=\"backoff\""), "{html}");
}

#[tokio::test]
async fn labels_and_annotations_with_markup_are_text() {
    // An invalid label value is quoted back by the validator (in the
    // diagnostics list); an annotation may hold any text and is kept.
    let evil = SIDECAR.replace(
        "  name: with-sidecar\n",
        "  name: with-sidecar\n  labels: {app: \"<script>alert(3)</script>\"}\n  annotations: {note: \"<img src=x onerror=alert(4)>\"}\n",
    );
    let html = render(Lang::En, &evil).await;
    let outside_editor = without_editor_text(&html);
    assert!(!outside_editor.contains("<script>alert"), "{outside_editor}");
    assert!(!outside_editor.contains("<img src=x"), "{outside_editor}");
    assert!(
        outside_editor.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "the diagnostic quotes the label as text: {outside_editor}"
    );
    for tab in [Tab::Cluster, Tab::Pod] {
        let html = render_applied(Lang::En, &evil, tab, Some("with-sidecar")).await;
        assert!(!html.contains("<script>alert") && !html.contains("<img src=x"), "{tab:?}: {html}");
    }
}

/// The app after `kubectl debug --target`: a pod journal replayed, the pod tab open.
async fn render_debugged(lang: Lang) -> String {
    use podplay::sim::Sim;
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - {name: nginx, image: nginx:1.27}\n  - {name: writer, image: busybox:1.36, command: [sleep, '3600']}\n";
    let mut sim = Sim::new();
    sim.apply_yaml(pod, Lang::En).unwrap();
    sim.advance_by(20_000);
    let out = sim.run("kubectl debug web -it --image=busybox:1.36 --target=nginx", Lang::En, "");
    assert_eq!(out.exit_code, 0, "{out:?}");
    sim.advance_by(5_000);
    let mut initial = AppState::new(lang, pod.to_string());
    initial.tab = Tab::Pod;
    initial.selected_pod = Some("web".to_string());
    let journal = Some(std::rc::Rc::new(sim.journal().clone()));
    render_props(AppProps { initial, applied: String::new(), clock_ms: 25_000, bench: None, nodes: 0, journal }).await
}

#[tokio::test]
async fn pod_view_draws_a_debug_container_in_its_targets_pid_namespace() {
    let html = render_debugged(Lang::En).await;
    assert_eq!(count(&html, r#"class="container ephemeral""#), 1, "one ephemeral box: {html}");
    assert_eq!(count(&html, r#"class="container""#), 2, "the spec's two containers");
    assert_eq!(count(&html, r#"class="ns-mnt""#), 3, "every container has its own mount namespace");
    assert_eq!(count(&html, r#"class="ns-pid joined""#), 1, "nginx and the debugger share one pid box: {html}");
    assert_eq!(count(&html, r#"class="ns-pid""#), 1, "the writer keeps its own pid box");
    assert!(html.contains("ephemeral (debug)"), "a label, not colour alone: {html}");
    assert!(html.contains("shared process (pid) · nginx + debugger-"), "{html}");
    assert!(html.contains("was added by kubectl debug --target=nginx"), "{html}");
    assert!(html.contains(r#"class="c-state">Running"#), "its state in its box: {html}");
    let html = render_debugged(Lang::Ko).await;
    assert!(html.contains("임시 컨테이너(디버그)"), "{html}");
    assert!(html.contains("nginx 컨테이너와 프로세스 네임스페이스를 공유"), "{html}");
}
