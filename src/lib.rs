//! Podplay, the Yew app: wraps `podplay-engine` in an editor, views, a
//! terminal and lessons. `main.rs` only calls [`start`]; everything else lives
//! here so that tests can import it.

pub mod app;
pub mod browser;
pub mod components;
pub mod console;
pub mod hooks;
pub mod i18n;
pub mod journal;
pub mod lesson_extras;
pub mod lessons;
pub mod present;
pub mod share;
pub mod sim;
pub mod state;

/// `?bench=50x500`: pods × packets for the frame benchmark scene.
pub fn bench_from_query(search: &str) -> Option<(usize, usize)> {
    let value = search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix("bench="))?;
    let (pods, packets) = value.split_once('x')?;
    Some((pods.parse().ok()?, packets.parse().ok()?))
}

/// `?nodes=5000`: how many nodes the cluster starts with.
pub fn nodes_from_query(search: &str) -> usize {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix("nodes="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Installs the panic reporter, reads the browser's starting state and
/// mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    let start = browser::initial_state();
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let props = app::AppProps {
        initial: start.state,
        applied: start.applied,
        clock_ms: start.clock_ms,
        bench: bench_from_query(&search),
        nodes: nodes_from_query(&search),
        journal: start.journal.map(std::rc::Rc::new),
    };
    yew::Renderer::<app::App>::with_props(props).render();
}
