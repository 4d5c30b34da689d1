//! Podplay, the Yew app: wraps `podplay-engine` in an editor, views, a
//! terminal and lessons. `main.rs` only calls [`start`]; everything else lives
//! here so that tests can import it.

pub mod app;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod state;

/// Installs the panic reporter, reads the browser's starting state and
/// mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    let initial = browser::initial_state();
    yew::Renderer::<app::App>::with_props(app::AppProps { initial }).render();
}
