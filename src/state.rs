//! The app's state as plain data, changed only through [`Action`]s (the
//! todomvc reducer shape). Timers, storage and the cluster itself live in
//! effects and hooks, never in the reducer: the cluster sits in an
//! `Rc<RefCell<…>>` (see `hooks::use_cluster`) and `revision` counts its
//! changes so that views re-render.

use std::rc::Rc;

use podplay_engine::{Diagnostic, Lang, Text};
use yew::Reducible;

use crate::i18n::Msg;
use crate::share::ShareError;

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
";

/// The views beside the editor, in tab order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Cluster,
    Pod,
    Traffic,
    Events,
    Terminal,
    Lessons,
}

impl Tab {
    pub const ALL: [Tab; 6] = [Tab::Cluster, Tab::Pod, Tab::Traffic, Tab::Events, Tab::Terminal, Tab::Lessons];

    /// The stable id used in element ids and storage.
    pub fn id(self) -> &'static str {
        match self {
            Tab::Cluster => "cluster",
            Tab::Pod => "pod",
            Tab::Traffic => "traffic",
            Tab::Events => "events",
            Tab::Terminal => "terminal",
            Tab::Lessons => "lessons",
        }
    }

    pub fn from_id(id: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.id() == id)
    }

    pub fn label(self) -> Msg {
        match self {
            Tab::Cluster => Msg::TabCluster,
            Tab::Pod => Msg::TabPod,
            Tab::Traffic => Msg::TabTraffic,
            Tab::Events => Msg::TabEvents,
            Tab::Terminal => Msg::TabTerminal,
            Tab::Lessons => Msg::TabLessons,
        }
    }
}

/// The clock speeds offered, in tenths (0.5× … 10×).
pub const SPEEDS_X10: [u32; 6] = [5, 10, 20, 30, 50, 100];

/// A one-line message above the views: the outcome of the last action.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Info(Msg),
    Problem(Msg),
    ShareFailed(ShareError),
    /// kubectl's answer to `apply -f editor.yaml`.
    Applied(String),
    /// An error the engine explained, in both languages.
    Rejected(Text),
    /// `kubectl edit` opened this object (`pod/web`) in the editor.
    Editing(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    /// The editor's text.
    pub source: String,
    /// What the engine says about `source`.
    pub diagnostics: Vec<Diagnostic>,
    pub tab: Tab,
    /// The pod the pod view shows.
    pub selected_pod: Option<String>,
    pub playing: bool,
    /// Clock speed in tenths: 10 is real time.
    pub speed_x10: u32,
    /// Bumped on every change to the cluster, which lives outside the state.
    pub revision: u64,
    pub status: Option<Status>,
    /// The open lesson's id, if any.
    pub lesson: Option<String>,
    /// The object `kubectl edit` opened in the editor (`pod/web`): `Apply`
    /// saves it as an update instead of applying.
    pub editing: Option<String>,
    /// A lesson's visual hook being shown ("Show me"): its target as the
    /// views' `data-hook` attributes name it (`volume:logs`, `node:worker-1`).
    pub highlight: Option<String>,
}

impl AppState {
    /// A state whose diagnostics are computed from its source.
    pub fn new(lang: Lang, source: String) -> AppState {
        let diagnostics = podplay_engine::check(&source);
        AppState {
            lang,
            source,
            diagnostics,
            tab: Tab::default(),
            selected_pod: None,
            playing: false,
            speed_x10: 10,
            revision: 0,
            status: None,
            lesson: None,
            editing: None,
            highlight: None,
        }
    }

    /// Whether the editor's text has errors that block `Apply`.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == podplay_engine::Severity::Error)
    }
}

pub enum Action {
    SetLang(Lang),
    Edit(String),
    SelectTab(Tab),
    /// Opens a pod in the pod view.
    SelectPod(String),
    SetPlaying(bool),
    SetSpeed(u32),
    /// The cluster changed: views re-render.
    Bump,
    SetStatus(Option<Status>),
    /// Opens a lesson (saved, and carried by share links).
    OpenLesson(String),
    /// Closes the lesson: the free sandbox.
    CloseLesson,
    /// `kubectl edit` opened an object (`pod/web`) with this text in the editor.
    StartEdit(String, String),
    /// The edit was saved (or given up): `Apply` applies again.
    EndEdit,
    /// "Show me": opens the view that draws a lesson's hook target (in
    /// this pod, if any) and highlights it.
    ShowHook {
        tab: Tab,
        pod: Option<String>,
        target: String,
    },
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) => next.lang = lang,
            Action::Edit(source) => {
                if source == self.source {
                    return self;
                }
                next.diagnostics = podplay_engine::check(&source);
                next.source = source;
            }
            Action::SelectTab(tab) => {
                next.tab = tab;
                next.highlight = None;
            }
            Action::SelectPod(name) => {
                next.selected_pod = Some(name);
                next.tab = Tab::Pod;
                next.highlight = None;
            }
            Action::ShowHook { tab, pod, target } => {
                next.tab = tab;
                if pod.is_some() {
                    next.selected_pod = pod;
                }
                next.highlight = Some(target);
            }
            Action::SetPlaying(playing) => next.playing = playing,
            Action::SetSpeed(speed) if SPEEDS_X10.contains(&speed) => next.speed_x10 = speed,
            Action::SetSpeed(_) => return self,
            Action::Bump => next.revision = next.revision.wrapping_add(1),
            Action::SetStatus(status) => next.status = status,
            Action::OpenLesson(id) => {
                next.lesson = Some(id);
                next.highlight = None;
            }
            Action::CloseLesson => {
                next.lesson = None;
                next.highlight = None;
            }
            Action::StartEdit(target, text) => {
                next.diagnostics = podplay_engine::check(&text);
                next.source = text;
                next.status = Some(Status::Editing(target.clone()));
                next.editing = Some(target);
            }
            Action::EndEdit => next.editing = None,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: AppState, action: Action) -> AppState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn actions_change_only_what_they_name() {
        let start = AppState::new(Lang::En, STARTER_YAML.into());
        let s = reduce(start.clone(), Action::SelectPod("hello".into()));
        assert_eq!((s.tab, s.selected_pod.as_deref()), (Tab::Pod, Some("hello")));
        let s = reduce(start.clone(), Action::SetSpeed(7));
        assert_eq!(s.speed_x10, 10, "speeds outside the menu are refused");
        let s = reduce(start.clone(), Action::SetSpeed(100));
        assert_eq!(s.speed_x10, 100);
        let s = reduce(start.clone(), Action::Bump);
        assert_eq!(s.revision, 1);
        let s = reduce(start, Action::Edit("a: [".into()));
        assert!(s.has_errors());
    }

    #[test]
    fn an_edit_opens_in_the_editor_until_it_is_saved() {
        let start = AppState::new(Lang::En, STARTER_YAML.into());
        let s = reduce(start, Action::StartEdit("pod/web".into(), "kind: Pod\n".into()));
        assert_eq!((s.source.as_str(), s.editing.as_deref()), ("kind: Pod\n", Some("pod/web")));
        assert_eq!(s.status, Some(Status::Editing("pod/web".into())));
        let s = reduce(s, Action::EndEdit);
        assert_eq!(s.editing, None);
    }

    #[test]
    fn show_me_opens_the_view_and_highlights_until_the_learner_moves_on() {
        let start = AppState::new(Lang::En, STARTER_YAML.into());
        let s =
            reduce(start, Action::ShowHook { tab: Tab::Pod, pod: Some("duo".into()), target: "volume:logs".into() });
        assert_eq!(
            (s.tab, s.selected_pod.as_deref(), s.highlight.as_deref()),
            (Tab::Pod, Some("duo"), Some("volume:logs"))
        );
        let s = reduce(s, Action::SelectTab(Tab::Lessons));
        assert_eq!(s.highlight, None);
    }

    #[test]
    fn tabs_round_trip_through_their_ids() {
        for tab in Tab::ALL {
            assert_eq!(Tab::from_id(tab.id()), Some(tab));
        }
    }
}
