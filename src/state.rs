//! The app's state as plain data, changed only through [`Action`]s (the
//! todomvc reducer shape). Effects such as storage live in components.

use std::rc::Rc;

use podplay_engine::{Diagnostic, Lang};
use yew::Reducible;

/// The starter manifest shown on a first visit.
pub const STARTER_YAML: &str = "apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
      limits:
        memory: 128Mi
";

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    /// The editor's text.
    pub source: String,
    /// What the engine says about `source`.
    pub diagnostics: Vec<Diagnostic>,
}

impl AppState {
    /// A state whose diagnostics are computed from its source.
    pub fn new(lang: Lang, source: String) -> AppState {
        let diagnostics = podplay_engine::check(&source);
        AppState { lang, source, diagnostics }
    }
}

pub enum Action {
    SetLang(Lang),
    Edit(String),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetLang(lang) if lang != self.lang => Rc::new(AppState { lang, ..(*self).clone() }),
            Action::SetLang(_) => self,
            Action::Edit(source) if source != self.source => Rc::new(AppState::new(self.lang, source)),
            Action::Edit(_) => self,
        }
    }
}
