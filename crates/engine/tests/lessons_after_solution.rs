//! Issue 19, proofs 6 to 9, after each lesson's reference solution: every
//! prediction's `verify` holds (the answer is what the simulation does); the
//! solution's manifests carry no diagnostic but the rules the lesson
//! tolerates; the debrief and the predictions' explanations render with a
//! value for every placeholder; hooks point at things that exist.

mod lessons_common;

use std::collections::BTreeSet;

use lessons_common::repo_pack;
use podplay_engine::lessons::{
    render_placeholders, replay_solution, ClusterSim, HookTarget, LoadedLesson, SolutionStep,
};

/// The seed every lesson test uses.
const SEED: u64 = 7;

fn solved(lesson: &LoadedLesson) -> (ClusterSim, podplay_engine::lessons::Replay) {
    let mut sim = ClusterSim::new(SEED);
    let replay = replay_solution(lesson, &mut sim);
    (sim, replay)
}

#[test]
fn every_prediction_is_what_the_simulation_does() {
    let mut failures = Vec::new();
    for lesson in &repo_pack().lessons {
        let id = lesson.lesson.id.as_str();
        if lesson.lesson.predict.is_empty() {
            continue;
        }
        let (_, replay) = solved(lesson);
        for (p, result) in lesson.lesson.predict.iter().zip(&replay.verify) {
            if usize::try_from(p.answer).map_or(true, |a| a >= p.choices.len()) {
                failures.push(format!("{id}: predict `{}`: answer {} out of range", p.id, p.answer));
            }
            if !result.passed {
                failures
                    .push(format!("{id}: predict `{}`: verify fails after the solution: {}", p.id, result.detail.en));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn solution_manifests_carry_no_diagnostic_but_tolerated_ones() {
    let mut failures = Vec::new();
    for lesson in &repo_pack().lessons {
        let id = lesson.lesson.id.as_str();
        let tolerated: BTreeSet<&str> = lesson.lesson.tolerates.iter().map(|t| t.rule.as_str()).collect();
        let mut used = BTreeSet::new();
        for step in &lesson.lesson.solution {
            let SolutionStep::Apply(file) = step else { continue };
            let text = if file == &lesson.lesson.starter { &lesson.starter } else { &lesson.files[file] };
            for d in podplay_engine::check(text) {
                if tolerated.contains(d.rule.as_str()) {
                    used.insert(d.rule.clone());
                } else {
                    failures.push(format!("{id}: {file}:{}:{}: {} ({})", d.span.line, d.span.col, d.rule, d.message));
                }
            }
        }
        // A tolerated rule the solution never triggers is noise (troubleshoot
        // lessons, which apply nothing, tolerate what their setup shows).
        for rule in tolerated {
            let setup_shows =
                lesson.lesson.setup.apply.iter().any(|f| {
                    lesson.files.get(f).is_some_and(|t| podplay_engine::check(t).iter().any(|d| d.rule == rule))
                });
            if !used.contains(rule) && !setup_shows {
                failures.push(format!("{id}: tolerates `{rule}`, which no solution or setup manifest shows"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every `{{…}}` of a text, each rendered alone.
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start..];
        let Some(end) = after.find("}}") else { break };
        out.push(&after[..end + 2]);
        rest = &after[end + 2..];
    }
    out
}

#[test]
fn debriefs_and_explanations_render_with_this_runs_values() {
    let mut failures = Vec::new();
    for lesson in &repo_pack().lessons {
        let id = lesson.lesson.id.as_str();
        let mut texts: Vec<(String, &str)> = Vec::new();
        if let Some(d) = &lesson.lesson.debrief {
            texts.push(("debrief.ko".into(), &d.ko));
            texts.push(("debrief.en".into(), &d.en));
        }
        for p in &lesson.lesson.predict {
            texts.push((format!("predict `{}` explain.ko", p.id), &p.explain.ko));
            texts.push((format!("predict `{}` explain.en", p.id), &p.explain.en));
        }
        if texts.is_empty() {
            continue;
        }
        let (sim, _) = solved(lesson);
        for (what, text) in texts {
            let rendered = render_placeholders(text, &sim);
            if rendered.contains("{{") {
                failures.push(format!("{id}: {what}: `{{{{` left after rendering: {rendered}"));
            }
            for ph in placeholders(text) {
                if render_placeholders(ph, &sim) == "-" {
                    failures.push(format!("{id}: {what}: {ph} has no value after the solution"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hooks_point_at_what_exists_after_the_solution() {
    let mut failures = Vec::new();
    for lesson in &repo_pack().lessons {
        let id = lesson.lesson.id.as_str();
        if lesson.lesson.hooks.is_empty() {
            continue;
        }
        let (sim, _) = solved(lesson);
        let cluster = sim.cluster();
        for h in &lesson.lesson.hooks {
            let Some(target) = h.target() else {
                failures.push(format!("{id}: hook `{}` does not parse", h.target));
                continue;
            };
            if let HookTarget::Node(n) = &target {
                if !cluster.nodes().iter().any(|v| &v.name == n) {
                    failures.push(format!("{id}: hook `{}`: no node {n}", h.target));
                }
                continue;
            }
            let pod_name = h.pod.clone().unwrap_or_default();
            let (ns, name) = pod_name.split_once('/').unwrap_or(("default", pod_name.as_str()));
            let Some(pod) = cluster.pod(ns, name) else {
                failures.push(format!("{id}: hook `{}`: no pod {pod_name} after the solution", h.target));
                continue;
            };
            let spec = &pod.pod.spec;
            let containers: Vec<&podplay_engine::model::Container> =
                spec.init_containers.iter().chain(&spec.containers).collect();
            let ok = match &target {
                HookTarget::Container(c) => {
                    containers.iter().any(|x| &x.name == c)
                        || pod.ephemeral_container_statuses.iter().any(|s| &s.name == c)
                }
                HookTarget::Volume(v) => spec.volumes.iter().any(|x| &x.name == v),
                HookTarget::Probe => containers
                    .iter()
                    .any(|c| c.liveness_probe.is_some() || c.readiness_probe.is_some() || c.startup_probe.is_some()),
                HookTarget::Traffic(t) => cluster
                    .traffic()
                    .any(|x| x.pod_uid == pod.uid && podplay_engine::lessons::traffic_kind_name(x.kind) == t),
                HookTarget::Pid => spec.share_process_namespace == Some(true),
                _ => true,
            };
            if !ok {
                failures.push(format!("{id}: hook `{}` on pod {pod_name}: nothing there after the solution", h.target));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
