//! Guided lessons as data: the format of `lessons/` (index.yaml, and per
//! lesson `lesson.yaml`, `ko.md`, `en.md`, starter and solution files), a pure
//! loader with located bilingual errors, the stories' Markdown, and the
//! evaluation of each lesson's checks against a `World`.
//!
//! The loader never touches the filesystem: it takes a map path → text, so
//! the app can embed the files at build time and a teacher pack can arrive
//! over HTTP. See LESSONS.md for the authoring guide.

mod classroom;
mod command;
mod eval;
mod lint;
mod loader;
mod locate;
mod markdown;
mod placeholders;
mod replay;
mod schema;
mod world;

pub use classroom::{completion_summary, LessonProgress, Progress, PROGRESS_FORMAT};
pub use command::{applies_editor, command_matches};
pub use eval::{
    evaluate, evaluate_all, traffic_kind_name, CheckResult, ContainerFacts, DiagnosticFacts, EventFacts, ObjectFacts,
    PodFacts, TrafficFacts, World,
};
pub use loader::{load_pack, parse_index, parse_lesson, LoadError, LoadedLesson, Pack, FILE_BYTES_MAX, LESSONS_MAX};
pub use markdown::{code_blocks, links, render_markdown_safe, steps, title, Step, STEPS_MAX};
pub use placeholders::render_placeholders;
pub use replay::{
    expand_placeholders, replay_open, replay_solution, replay_starter, replay_steps, run_step, Replay, Sim,
    STARTER_WAIT_SECONDS,
};
pub use schema::{
    Check, ContainerStateKind, HintGrade, Hints, HookTarget, Index, Lesson, LessonHook, LessonMode, NodeSetup, NsKind,
    Par, Prediction, Section, Setup, SolutionStep, StaticPodSetup, TaintSetup, Tolerated, WrongAnswer, CHECK_KINDS,
    TRAFFIC_TYPES,
};
pub use world::{ClusterSim, Facts};
