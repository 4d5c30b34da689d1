//! Podplay, the Yew app: wraps `podplay-engine` in an editor, views, a
//! terminal and lessons. `main.rs` only calls [`start`].

pub mod app;
pub mod i18n;

/// Installs the panic reporter and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<app::App>::new().render();
}
