//! Issue 19, proof 4: every alias form of every command check passes. For
//! each `command-run` check, the solution's first `run` line that meets it is
//! rewritten into every spelling kubectl accepts for the same request,
//! generated from kubectl's own tables (the resource table's plural, singular
//! and short names, `TYPE/NAME`; each flag's short, long and `=` forms from
//! the command's flag table; `-n default`), and replayed: the line must
//! succeed and the check must pass.

mod lessons_common;

use lessons_common::repo_pack;
use podplay_engine::kubectl::cli::{self, Flag, Kind, KubectlCommand, GLOBAL_FLAGS};
use podplay_engine::kubectl::lex;
use podplay_engine::kubectl::resources::{self, Resource};
use podplay_engine::lessons::{
    command_matches, evaluate, expand_placeholders, run_step, Check, ClusterSim, LoadedLesson, Replay, Sim,
    SolutionStep,
};

/// The seed every lesson test uses.
const SEED: u64 = 7;

/// Verbs whose first argument is a pod (or `TYPE/NAME`).
const POD_FIRST: &[&str] = &["logs", "exec", "attach", "port-forward"];
/// Verbs whose arguments are `TYPE NAME…` (or `TYPE/NAME…`).
const TYPE_FIRST: &[&str] = &["get", "describe", "delete", "label", "annotate", "edit", "scale", "wait", "patch"];
/// Verbs taking `TYPE NAME…` but not `TYPE/NAME` (`kubectl top pod NAME`).
const TYPE_NO_SLASH: &[&str] = &["top"];

/// A kubectl line taken apart: everything needed to spell it again.
struct Parts {
    command: &'static KubectlCommand,
    /// Subcommand words after the command (`status` of `rollout status`).
    sub: Vec<String>,
    /// The resource of a `TYPE …` argument, and how it was written.
    typed: Option<(&'static Resource, String)>,
    /// Object names (after `TYPE`, or the pod of `logs`).
    names: Vec<String>,
    /// Other positional words (`label`'s `key=value`, ports).
    rest: Vec<String>,
    /// Flags in the order given: definition and value.
    flags: Vec<(Flag, String)>,
    after_dash: Option<Vec<String>>,
}

fn quote(word: &str) -> String {
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+%{}[]".contains(c));
    if plain {
        word.to_string()
    } else if !word.contains('\'') {
        format!("'{word}'")
    } else {
        let mut out = String::from("\"");
        for c in word.chars() {
            if matches!(c, '"' | '\\' | '$' | '`') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        out
    }
}

fn flag_def(command: &KubectlCommand, long: &str) -> Option<Flag> {
    command.flags.iter().chain(GLOBAL_FLAGS).find(|f| f.long == long).copied()
}

fn parts(line: &str) -> Option<Parts> {
    let words = lex::split(line).ok()?;
    let (first, rest) = words.split_first()?;
    if first != "kubectl" {
        return None;
    }
    let (name, after) = rest.split_first()?;
    let command = cli::find(name)?;
    let inv = cli::parse(command, after).ok()?;
    let mut flags = Vec::new();
    for (long, values) in &inv.flags {
        let def = flag_def(command, long)?;
        for v in values {
            flags.push((def, v.clone()));
        }
    }
    let mut p = Parts {
        command,
        sub: Vec::new(),
        typed: None,
        names: Vec::new(),
        rest: Vec::new(),
        flags,
        after_dash: inv.after_dash.clone(),
    };
    let mut args = inv.args.clone();
    if matches!(command.name, "set" | "rollout") && !args.is_empty() {
        p.sub.push(args.remove(0));
    }
    let verb = command.name;
    let typed_verb = TYPE_FIRST.contains(&verb) || TYPE_NO_SLASH.contains(&verb) || !p.sub.is_empty();
    if POD_FIRST.contains(&verb) && !args.is_empty() {
        let pod = args.remove(0);
        if pod.contains('/') {
            let (t, n) = pod.split_once('/')?;
            p.typed = Some((resources::resolve(t)?, t.to_string()));
            p.names.push(n.to_string());
        } else {
            p.names.push(pod);
        }
        p.rest = args;
    } else if typed_verb && !args.is_empty() {
        let first = args.remove(0);
        if first.contains('/') {
            let (t, n) = first.split_once('/')?;
            p.typed = Some((resources::resolve(t)?, t.to_string()));
            p.names.push(n.to_string());
        } else if let Some(res) = resources::resolve(&first).filter(|_| !first.contains(',')) {
            p.typed = Some((res, first.clone()));
            // `label pod web k=v`: the first word after TYPE is the object.
            if matches!(verb, "label" | "annotate" | "taint" | "scale") || !p.sub.is_empty() {
                if !args.is_empty() {
                    p.names.push(args.remove(0));
                }
            } else {
                p.names.append(&mut args);
            }
        } else {
            p.rest.push(first);
        }
        p.rest.append(&mut args);
    } else {
        p.rest = args;
    }
    Some(p)
}

/// How the object part is written.
#[derive(Clone)]
enum Obj {
    /// `TYPE NAME…` with this type word (or a bare pod name when `None`).
    Spaced(Option<String>),
    /// `TYPE/NAME` with this type word.
    Slashed(String),
}

/// How each flag is written.
#[derive(Clone, Copy, PartialEq)]
enum FlagForm {
    LongSpace,
    LongEq,
    ShortSpace,
    ShortEq,
    ShortJoined,
}

fn spell_flag(flag: &Flag, value: &str, form: FlagForm) -> Vec<String> {
    let short = flag.short.map(|c| c.to_string());
    let long = flag.long;
    match (flag.kind, form, short) {
        (Kind::Bool, FlagForm::LongEq, _) => vec![format!("--{long}={value}")],
        (Kind::Bool, FlagForm::ShortSpace | FlagForm::ShortEq | FlagForm::ShortJoined, Some(s)) if value == "true" => {
            vec![format!("-{s}")]
        }
        (Kind::Bool, _, _) if value == "true" => vec![format!("--{long}")],
        (Kind::Bool, _, _) => vec![format!("--{long}={value}")],
        (Kind::OptStr(_), FlagForm::ShortSpace | FlagForm::ShortEq | FlagForm::ShortJoined, Some(s)) => {
            vec![format!("-{s}={}", quote(value))]
        }
        (Kind::OptStr(_), _, _) => vec![format!("--{long}={}", quote(value))],
        (_, FlagForm::LongSpace, _) => vec![format!("--{long}"), quote(value)],
        (_, FlagForm::LongEq, _) => vec![format!("--{long}={}", quote(value))],
        (_, FlagForm::ShortSpace, Some(s)) => vec![format!("-{s}"), quote(value)],
        (_, FlagForm::ShortEq, Some(s)) => vec![format!("-{s}={}", quote(value))],
        (_, FlagForm::ShortJoined, Some(s)) => vec![format!("-{s}{}", quote(value))],
        (_, _, None) => vec![format!("--{long}"), quote(value)],
    }
}

/// One spelling: the object form, one form per flag, whether flags come
/// first, and an explicit `-n default` form.
struct Spelling {
    obj: Obj,
    forms: Vec<FlagForm>,
    flags_first: bool,
    namespace: Option<FlagForm>,
}

fn render(p: &Parts, s: &Spelling) -> String {
    let mut objects: Vec<String> = Vec::new();
    match &s.obj {
        Obj::Spaced(Some(t)) => {
            objects.push(t.clone());
            objects.extend(p.names.iter().cloned());
        }
        Obj::Spaced(None) => objects.extend(p.names.iter().cloned()),
        Obj::Slashed(t) => objects.extend(p.names.iter().map(|n| format!("{t}/{n}"))),
    }
    objects.extend(p.rest.iter().map(|w| quote(w)));
    let mut flags: Vec<String> = Vec::new();
    for (i, (flag, value)) in p.flags.iter().enumerate() {
        let form = s.forms.get(i).copied().unwrap_or(FlagForm::LongSpace);
        flags.extend(spell_flag(flag, value, form));
    }
    if let Some(form) = s.namespace {
        let ns = flag_def(p.command, "namespace").expect("namespace is global");
        flags.extend(spell_flag(&ns, "default", form));
    }
    let mut words = vec!["kubectl".to_string(), p.command.name.to_string()];
    words.extend(p.sub.iter().cloned());
    if s.flags_first {
        words.extend(flags);
        words.extend(objects);
    } else {
        words.extend(objects);
        words.extend(flags);
    }
    if let Some(after) = &p.after_dash {
        words.push("--".to_string());
        words.extend(after.iter().map(|w| quote(w)));
    }
    words.join(" ")
}

/// Every name kubectl resolves to this resource: plural, singular, short names.
fn type_words(res: &Resource) -> Vec<String> {
    let mut out = vec![res.plural.to_string(), res.singular.to_string()];
    out.extend(res.short.iter().map(|s| s.to_string()));
    out
}

/// Every alias form of a kubectl line, one variation at a time.
fn alias_forms(line: &str) -> Vec<String> {
    let Some(p) = parts(line) else { return Vec::new() };
    let verb = p.command.name;
    let pod = resources::resolve("pod").expect("pods are a resource");
    let base_obj = match &p.typed {
        Some((_, t)) if POD_FIRST.contains(&verb) => Obj::Slashed(t.clone()),
        Some((_, t)) if line.contains(&format!("{t}/")) => Obj::Slashed(t.clone()),
        Some((_, t)) => Obj::Spaced(Some(t.clone())),
        None => Obj::Spaced(None),
    };
    let base = || Spelling {
        obj: base_obj.clone(),
        forms: vec![FlagForm::ShortSpace; p.flags.len()],
        flags_first: false,
        namespace: None,
    };
    let mut out = Vec::new();
    // The object: every type word, spaced and slashed.
    let slash_ok = !TYPE_NO_SLASH.contains(&verb) && !p.names.is_empty();
    let res = p.typed.as_ref().map(|(r, _)| *r).or_else(|| POD_FIRST.contains(&verb).then_some(pod));
    if let Some(res) = res {
        for t in type_words(res) {
            if p.typed.is_some() && !POD_FIRST.contains(&verb) {
                out.push(render(&p, &Spelling { obj: Obj::Spaced(Some(t.clone())), ..base() }));
            }
            if slash_ok && (p.names.len() == 1 || !matches!(verb, "label" | "annotate")) {
                out.push(render(&p, &Spelling { obj: Obj::Slashed(t), ..base() }));
            }
        }
        if POD_FIRST.contains(&verb) {
            out.push(render(&p, &Spelling { obj: Obj::Spaced(None), ..base() }));
        }
    }
    // Each flag in each form, the others as given.
    for i in 0..p.flags.len() {
        for form in
            [FlagForm::LongSpace, FlagForm::LongEq, FlagForm::ShortSpace, FlagForm::ShortEq, FlagForm::ShortJoined]
        {
            let mut s = base();
            if let Some(f) = s.forms.get_mut(i) {
                *f = form;
            }
            out.push(render(&p, &s));
        }
    }
    // Every flag long, every flag `=`, flags before the objects.
    out.push(render(&p, &Spelling { forms: vec![FlagForm::LongEq; p.flags.len()], ..base() }));
    out.push(render(&p, &Spelling { flags_first: true, ..base() }));
    // `-n default` is the terminal's namespace, in every form.
    if !p.flags.iter().any(|(f, _)| f.long == "namespace" || f.long == "all-namespaces") {
        for form in [FlagForm::ShortSpace, FlagForm::ShortEq, FlagForm::LongSpace, FlagForm::LongEq] {
            out.push(render(&p, &Spelling { namespace: Some(form), ..base() }));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Replays a solution up to step `upto` (excluded) on a fresh cluster.
fn replay_until(lesson: &LoadedLesson, upto: usize) -> (ClusterSim, Replay) {
    let mut sim = ClusterSim::new(SEED);
    let mut out = Replay::default();
    let mut files = lesson.files.clone();
    files.insert(lesson.lesson.starter.clone(), lesson.starter.clone());
    if let Err(e) = sim.setup(&lesson.lesson.setup, &files) {
        out.errors.push(e);
    }
    sim.load_editor(&lesson.starter);
    for step in lesson.lesson.solution.iter().take(upto) {
        run_step(lesson, step, &mut sim, &mut out);
    }
    (sim, out)
}

#[test]
fn alias_forms_are_generated_from_kubectl_tables() {
    let forms = alias_forms("kubectl logs web -c x");
    for want in [
        "kubectl logs web -c x",
        "kubectl logs pod/web -c x",
        "kubectl logs pods/web -c x",
        "kubectl logs po/web -c x",
        "kubectl logs web --container x",
        "kubectl logs web --container=x",
        "kubectl logs web -c=x",
        "kubectl logs web -cx",
        "kubectl logs -c x web",
        "kubectl logs web -c x -n default",
        "kubectl logs web -c x --namespace=default",
    ] {
        assert!(forms.iter().any(|f| f == want), "{want} missing from {forms:#?}");
    }
    let forms = alias_forms("kubectl get pods -l app=web");
    for want in
        ["kubectl get po -l app=web", "kubectl get pods --selector app=web", "kubectl get pods --selector=app=web"]
    {
        assert!(forms.iter().any(|f| f == want), "{want} missing from {forms:#?}");
    }
    let forms = alias_forms("kubectl describe pod crashy");
    for want in ["kubectl describe pods crashy", "kubectl describe po crashy", "kubectl describe pod/crashy"] {
        assert!(forms.iter().any(|f| f == want), "{want} missing from {forms:#?}");
    }
    let forms = alias_forms("kubectl top pod");
    assert!(forms.iter().any(|f| f == "kubectl top pods") && forms.iter().any(|f| f == "kubectl top po"), "{forms:#?}");
    let quoted = alias_forms("kubectl exec web -c sh -- sh -c \"echo 'a b' \\$HOME\"");
    assert!(!quoted.is_empty());
    for f in quoted {
        assert_eq!(lex::split(&f).expect("lexes").last().map(String::as_str), Some("echo 'a b' $HOME"), "{f}");
    }
    for f in alias_forms("kubectl exec client -c shell -- wget -qO- http://10.0.0.1") {
        assert!(f.ends_with("-- wget -qO- http://10.0.0.1"), "{f}");
        assert!(command_matches(&f, "kubectl exec client -c shell -- wget"), "{f}");
    }
}

#[test]
fn every_alias_form_of_every_command_check_passes() {
    let pack = repo_pack();
    let mut failures = Vec::new();
    let mut tried = 0usize;
    for lesson in &pack.lessons {
        let id = lesson.lesson.id.as_str();
        for (i, check) in lesson.lesson.checks.iter().enumerate() {
            let Check::CommandRun { .. } = check else { continue };
            let Some(want) = check.command_line() else { continue };
            if !(want.starts_with("kubectl ") || want.starts_with("k ")) {
                continue; // node-shell lines match word by word
            }
            let label = check.id().map(|s| format!("`{s}`")).unwrap_or_else(|| format!("{}", i + 1));
            // The solution's first run line that meets the check.
            let mut found = None;
            for (at, step) in lesson.lesson.solution.iter().enumerate() {
                let SolutionStep::Run(line) = step else { continue };
                let (sim, _) = replay_until(lesson, at);
                let Ok(line) = expand_placeholders(line, podplay_engine::lessons::Sim::world(&sim)) else { continue };
                if command_matches(&line, &want) {
                    found = Some((at, line));
                    break;
                }
            }
            let Some((at, line)) = found else {
                let legacy = matches!(check, Check::CommandRun { command: None, .. });
                let advice = if legacy { " (legacy `words`: write the full line as `command:`)" } else { "" };
                failures.push(format!("{id}: check {label} (`{want}`): no solution `run` line meets it{advice}"));
                continue;
            };
            let forms = alias_forms(&line);
            if forms.len() < 2 {
                failures.push(format!("{id}: check {label}: no alias forms generated for `{line}`"));
            }
            for form in forms {
                tried += 1;
                let (mut sim, _) = replay_until(lesson, at);
                if let Err(e) = sim.run(&form) {
                    failures.push(format!("{id}: check {label}: `{form}` failed: {}", e.en));
                    continue;
                }
                let result = evaluate(check, sim.world());
                if !result.passed {
                    failures.push(format!("{id}: check {label} (`{want}`) fails after `{form}`: {}", result.detail.en));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(tried > 0 || !lessons_common::is_repo_pack(), "no alias form was tried");
}
