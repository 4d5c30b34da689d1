//! What the app shows of a lesson beyond its story and goals (issue 19's
//! lesson kinds): its mode, predict-the-outcome questions, the debrief,
//! visual hooks, tolerated lints and the par. The engine owns their meaning
//! (`lesson.yaml`, the placeholder renderer, `Lesson::par()`); this module
//! only reads them out of a loaded lesson into plain data the components
//! take as props, and judges the live parts (a predict's `verify`, the
//! placeholders) against the app's cluster.

use podplay_engine::lessons::{Check, LessonMode, LoadedLesson};
use podplay_engine::Text;

use crate::sim::Sim;
use crate::state::Tab;

/// One predict-the-outcome question, as the lesson states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Predict {
    pub id: String,
    /// The 1-based story step where it is asked.
    pub step: usize,
    pub question: Text,
    pub choices: Vec<Text>,
    /// The 0-based index of the right choice.
    pub answer: usize,
    /// The explanation, placeholders not yet filled.
    pub explain: Text,
    /// The check that proves the answer on the live cluster.
    pub verify: Option<Check>,
}

/// A story step pointing at part of the picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hook {
    /// The 1-based story step.
    pub step: usize,
    /// `shared-net`, `uts`, `ipc`, `pid`, `mnt`, `volume:NAME`,
    /// `container:NAME`, `traffic:TYPE`, `probe` or `node:NAME`.
    pub target: String,
    /// The pod it is in (none for `node:NAME`).
    pub pod: Option<String>,
}

impl Hook {
    /// The view that draws this target.
    pub fn tab(&self) -> Tab {
        if self.target.starts_with("node:") {
            Tab::Cluster
        } else if self.target.starts_with("traffic:") || self.target == "probe" {
            Tab::Traffic
        } else {
            Tab::Pod
        }
    }
}

/// A lint the lesson ignores on purpose, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Tolerated {
    pub rule: String,
    pub why: Text,
}

/// The fewest applies and commands the reference solution needs (`Lesson::par()`).
pub use podplay_engine::lessons::Par;

/// Everything of issue 19's lesson format the app shows, for one lesson.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extras {
    /// `mode: troubleshoot`: fixed from the terminal only.
    pub troubleshoot: bool,
    pub predicts: Vec<Predict>,
    /// Shown on completion, placeholders not yet filled.
    pub debrief: Option<Text>,
    pub hooks: Vec<Hook>,
    pub tolerates: Vec<Tolerated>,
    pub par: Par,
}

/// Reads a loaded lesson's new fields.
pub fn extras(l: &LoadedLesson) -> Extras {
    let lesson = &l.lesson;
    let step = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    Extras {
        troubleshoot: lesson.mode == LessonMode::Troubleshoot,
        predicts: lesson
            .predict
            .iter()
            .map(|p| Predict {
                id: p.id.clone(),
                step: step(p.step),
                question: p.question.clone(),
                choices: p.choices.clone(),
                answer: step(p.answer),
                explain: p.explain.clone(),
                verify: Some((*p.verify).clone()),
            })
            .collect(),
        debrief: lesson.debrief.clone(),
        hooks: lesson
            .hooks
            .iter()
            .map(|h| Hook { step: step(h.step), target: h.target.clone(), pod: h.pod.clone() })
            .collect(),
        tolerates: lesson.tolerates.iter().map(|t| Tolerated { rule: t.rule.clone(), why: t.why.clone() }).collect(),
        par: lesson.par(),
    }
}

/// Fills a text's placeholders (`{{restarts POD CONTAINER}}`, …) from this
/// run's cluster, in both languages, with the engine's renderer.
pub fn render(text: &Text, sim: &Sim) -> Text {
    Text::new(sim.render_placeholders(&text.ko), sim.render_placeholders(&text.en))
}

/// Whether a predict's `verify` check holds on the live cluster now.
pub fn verified(predict: &Predict, sim: &Sim) -> bool {
    predict
        .verify
        .as_ref()
        .is_some_and(|check| sim.lesson_results(std::slice::from_ref(check)).iter().all(|r| r.passed))
}
