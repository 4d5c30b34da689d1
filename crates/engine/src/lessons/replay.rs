//! Replaying a lesson: build its cluster, apply the starter or run the
//! reference solution step by step, then evaluate every check. The tests use
//! it to prove that each starter fails and each solution passes; the app can
//! use it for "show solution".

use std::collections::BTreeMap;

use super::eval::{evaluate_all, CheckResult, World};
use super::loader::LoadedLesson;
use super::placeholders::{self, Piece};
use super::schema::{Setup, SolutionStep};
use crate::text::Text;

/// What a replay drives: a cluster with an editor and a terminal. The app's
/// cluster implements it (the lead wires it at merge); tests may fake it.
pub trait Sim {
    /// Builds the lesson's starting cluster: its nodes (none: the default
    /// cluster), static pods, then the setup manifests. `files` holds the
    /// lesson folder's files by name.
    fn setup(&mut self, setup: &Setup, files: &BTreeMap<String, String>) -> Result<(), Text>;
    /// Puts `yaml` in the editor and applies it, as the Apply button does.
    fn apply(&mut self, yaml: &str) -> Result<(), Text>;
    /// Runs one terminal command and returns what it printed.
    fn run(&mut self, command: &str) -> Result<String, Text>;
    /// Lets this many seconds of simulated time pass.
    fn wait(&mut self, seconds: u32);
    /// The state and history the checks look at.
    fn world(&self) -> &dyn World;
    /// Puts `yaml` in the editor without applying it (the lesson opening).
    fn load_editor(&mut self, _yaml: &str) {}
}

/// The outcome of a replay.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replay {
    /// One result per check, in the lesson's order.
    pub results: Vec<CheckResult>,
    /// What happened, one line per step (commands and their output).
    pub transcript: Vec<String>,
    /// Steps that failed (a rejected manifest, an unknown command).
    pub errors: Vec<Text>,
    /// One result per prediction's `verify` check, in the lesson's order.
    pub verify: Vec<CheckResult>,
}

impl Replay {
    /// Whether every check passed.
    pub fn all_passed(&self) -> bool {
        !self.results.is_empty() && self.results.iter().all(|r| r.passed)
    }
}

/// How long a starter replay lets time pass before checking, in seconds.
pub const STARTER_WAIT_SECONDS: u32 = 90;

fn do_setup(lesson: &LoadedLesson, sim: &mut dyn Sim, out: &mut Replay) {
    let mut files = lesson.files.clone();
    files.insert(lesson.lesson.starter.clone(), lesson.starter.clone());
    if let Err(e) = sim.setup(&lesson.lesson.setup, &files) {
        out.errors.push(e);
    }
}

/// Evaluates the checks and the predictions' `verify` checks.
fn judge(lesson: &LoadedLesson, sim: &dyn Sim, out: &mut Replay) {
    out.results = evaluate_all(&lesson.lesson.checks, sim.world());
    out.verify = lesson.lesson.predict.iter().map(|p| super::eval::evaluate(&p.verify, sim.world())).collect();
}

/// The lesson as it opens: the cluster set up, the starter in the editor,
/// nothing applied, no time passed. No check (and no prediction's
/// `verify`) may pass here.
pub fn replay_open(lesson: &LoadedLesson, sim: &mut dyn Sim) -> Replay {
    let mut out = Replay::default();
    do_setup(lesson, sim, &mut out);
    sim.load_editor(&lesson.starter);
    judge(lesson, sim, &mut out);
    out
}

/// Builds the cluster, applies the starter as shipped, lets time pass and
/// evaluates the checks. A good lesson fails at least one of them here. A
/// lesson without a starter (troubleshoot) applies nothing.
pub fn replay_starter(lesson: &LoadedLesson, sim: &mut dyn Sim) -> Replay {
    let mut out = Replay::default();
    do_setup(lesson, sim, &mut out);
    if lesson.lesson.starter.is_empty() {
        sim.load_editor("");
    } else if let Err(e) = sim.apply(&lesson.starter) {
        out.transcript.push(format!("apply {}: {}", lesson.lesson.starter, e.en));
        out.errors.push(e);
    }
    sim.wait(STARTER_WAIT_SECONDS);
    judge(lesson, sim, &mut out);
    out
}

/// Builds the cluster, runs the reference solution step by step and
/// evaluates the checks. Every check must pass.
pub fn replay_solution(lesson: &LoadedLesson, sim: &mut dyn Sim) -> Replay {
    replay_steps(lesson, &lesson.lesson.solution, sim)
}

/// Builds the cluster from a fresh setup and runs `steps` (the solution's,
/// a wrong answer's, or any other attempt), then evaluates the checks.
pub fn replay_steps(lesson: &LoadedLesson, steps: &[SolutionStep], sim: &mut dyn Sim) -> Replay {
    let mut out = Replay::default();
    do_setup(lesson, sim, &mut out);
    sim.load_editor(&lesson.starter);
    for step in steps {
        run_step(lesson, step, sim, &mut out);
    }
    judge(lesson, sim, &mut out);
    out
}

/// Runs one step of a solution or an attempt.
pub fn run_step(lesson: &LoadedLesson, step: &SolutionStep, sim: &mut dyn Sim, out: &mut Replay) {
    match step {
        SolutionStep::Apply(file) => {
            let text = if file == &lesson.lesson.starter {
                Some(lesson.starter.clone())
            } else {
                lesson.files.get(file).cloned()
            };
            match text {
                Some(yaml) => {
                    if let Err(e) = sim.apply(&yaml) {
                        out.transcript.push(format!("apply {file}: {}", e.en));
                        out.errors.push(e);
                    } else {
                        out.transcript.push(format!("apply {file}"));
                    }
                }
                None => out.errors.push(Text::new(
                    format!("적용할 파일 {file}이(가) 없습니다."),
                    format!("the step applies {file}, which is missing"),
                )),
            }
        }
        SolutionStep::Run(command) => match expand_placeholders(command, sim.world()) {
            Ok(cmd) => match sim.run(&cmd) {
                Ok(printed) => out.transcript.push(format!("$ {cmd}\n{printed}")),
                Err(e) => {
                    out.transcript.push(format!("$ {cmd}\n{}", e.en));
                    out.errors.push(e);
                }
            },
            Err(e) => out.errors.push(e),
        },
        SolutionStep::Wait(seconds) => {
            sim.wait(*seconds);
            out.transcript.push(format!("wait {seconds}s"));
        }
    }
}

/// Expands the placeholders a solution command may hold, since names and
/// IPs the cluster makes up cannot be written in advance:
/// `{{pod KEY=VALUE,…}}` (the first pod in `default`, by name, carrying
/// these labels) and every debrief placeholder (`{{podIP NAME}}`,
/// `{{node NAME}}`, …; see `placeholders.rs`, which also splits the text).
/// Unlike a debrief, a command cannot run with a value missing: that is an error.
pub fn expand_placeholders(command: &str, world: &dyn World) -> Result<String, Text> {
    let (parts, unclosed) = placeholders::pieces(command);
    if unclosed {
        return Err(Text::new(
            format!("닫히지 않은 자리표시자: {command}"),
            format!("unclosed placeholder: {command}"),
        ));
    }
    let mut out = String::with_capacity(command.len());
    for part in parts {
        match part {
            Piece::Plain(text) => out.push_str(text),
            Piece::Inner(inner) => out.push_str(&resolve(inner.trim(), world)?),
        }
    }
    Ok(out)
}

fn resolve(inner: &str, world: &dyn World) -> Result<String, Text> {
    let found = match inner.strip_prefix("pod ") {
        Some(selector) => {
            let want: Vec<(&str, &str)> = selector.trim().split(',').filter_map(|kv| kv.split_once('=')).collect();
            let mut pods = world.pods();
            pods.retain(|p| p.namespace == "default");
            pods.sort_by(|a, b| a.name.cmp(&b.name));
            pods.iter()
                .find(|p| want.iter().all(|(k, v)| p.labels.get(*k).map(String::as_str) == Some(*v)))
                .map(|p| p.name.clone())
        }
        None => placeholders::fill(inner, world)
            .map_err(|e| Text::new(format!("{} (또는 pod KEY=VALUE)", e.ko), format!("{} (or pod KEY=VALUE)", e.en)))?,
    };
    found.ok_or_else(|| {
        Text::new(
            format!("자리표시자 {{{{{inner}}}}}에 맞는 값이 없습니다."),
            format!("no value for placeholder {{{{{inner}}}}}"),
        )
    })
}
