//! `use_cluster()`: the cluster lives in one `Rc<RefCell<…>>` for the app's
//! lifetime (never cloned per action); every change dispatches
//! `Action::Bump`, whose revision counter makes the views re-render.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use podplay_engine::{Lang, Text};
use yew::prelude::*;

use crate::sim::{Applied, Sim};
use crate::state::{Action, AppState};

/// A handle on the cluster with domain methods. Cheap to clone; two handles
/// are equal when they see the same revision.
#[derive(Clone)]
pub struct ClusterHandle {
    sim: Rc<RefCell<Sim>>,
    dispatch: UseReducerDispatcher<AppState>,
    revision: u64,
}

impl PartialEq for ClusterHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &other.sim) && self.revision == other.revision
    }
}

impl ClusterHandle {
    /// Read access for rendering.
    pub fn read(&self) -> Ref<'_, Sim> {
        self.sim.borrow()
    }

    /// Applies a manifest (`kubectl apply -f`); the views re-render.
    pub fn apply_yaml(&self, source: &str, lang: Lang) -> Result<Applied, Text> {
        let result = self.sim.borrow_mut().apply_editor(source, lang);
        self.dispatch.dispatch(Action::Bump);
        result
    }

    /// Advances the virtual clock; the views re-render.
    pub fn advance_by(&self, ms: u64) {
        self.sim.borrow_mut().advance_by(ms);
        self.dispatch.dispatch(Action::Bump);
    }

    /// Replaces the whole cluster (a lesson's starting cluster); the views re-render.
    pub fn reset(&self, sim: Sim) {
        *self.sim.borrow_mut() = sim;
        self.dispatch.dispatch(Action::Bump);
    }

    /// Runs `f` with the cluster mutably borrowed (for the terminal), then re-renders.
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut Sim) -> R) -> R {
        let out = f(&mut self.sim.borrow_mut());
        self.dispatch.dispatch(Action::Bump);
        out
    }
}

impl ClusterHandle {
    /// Runs `f` with the cluster mutably borrowed, without re-rendering
    /// (for calls that change nothing visible, such as completion).
    pub fn peek_mut<R>(&self, f: impl FnOnce(&mut Sim) -> R) -> R {
        f(&mut self.sim.borrow_mut())
    }
}

/// The app's cluster, created once; `make` builds it on the first render
/// (restoring saved state there).
#[hook]
pub fn use_cluster(state: &UseReducerHandle<AppState>, make: impl FnOnce() -> Sim) -> ClusterHandle {
    let sim = use_mut_ref(make);
    ClusterHandle { sim, dispatch: state.dispatcher(), revision: state.revision }
}
