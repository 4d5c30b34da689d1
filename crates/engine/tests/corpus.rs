//! Every manifest of the Kubernetes documentation corpus (../shared/corpus):
//! files not tagged `quirk:` validate with no error; each quirk file gets a
//! located error or warning that names its real problem; and every object
//! of a kind the playground serves is stored by `kubectl apply -f`, the path
//! the app's Apply button takes.

#[path = "support/corpus.rs"]
mod corpus_support;
mod kubectl_common;

use corpus_support::corpus_dir;

use podplay_engine::kubectl::Playground;
use podplay_engine::{parse, Diagnostic, Lang, Severity};

/// Whether a diagnostic names the problem a quirk tag describes.
fn names_quirk(quirk: &str, d: &Diagnostic) -> bool {
    let text = format!("{} {} {} {}", d.rule, d.path, d.message, d.explain.en);
    match quirk.split('(').next().unwrap_or("") {
        "placeholder" => d.rule == "placeholder",
        "removed-apiVersion" => d.rule == "removed-api-version" && d.message.contains("v1beta1"),
        "template-variable" => text.contains("$ITEM") && text.contains("template variable"),
        "yaml1.1-octal-literal" => d.rule == "yaml11-octal",
        "PyYAML-parse-error" | "escape-backslash-quote-in-double-quoted" => {
            text.contains("escape") || d.rule == "yaml-tab-indent"
        }
        "duplicate-key" => d.rule == "duplicate-key",
        "tab-indentation" => d.rule == "yaml-tab-indent",
        "schema-invalid" => d.rule == "wrong-type" && d.path.contains("nodeAffinity"),
        "ephemeralContainers-not-allowed-on-create" => d.rule == "ephemeral-on-create",
        "missing-apiVersion" => d.rule == "missing-type-meta",
        _ => false,
    }
}

/// Files that use a field no released Kubernetes API has (checked against
/// the OpenAPI of 1.34 to 1.37): the docs page describes a feature still in
/// development. A real cluster rejects them under strict field validation,
/// and so does Podplay; the test pins exactly that error.
const UNRELEASED_FIELDS: &[(&str, &str)] = &[(
    "website/pods/security/security-context-7.yaml",
    "strict decoding error: unknown field \"spec.containers[0].securityContext.cgroupOptions\"",
)];

#[test]
fn the_docs_corpus_validates() {
    let Some(dir) = corpus_dir() else { return };
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).expect("INDEX.tsv is readable");
    let mut failures = Vec::new();
    let mut files = 0;
    for line in index.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(path), Some(features)) = (cols.first(), cols.get(3)) else { continue };
        let source = std::fs::read_to_string(dir.join(path)).expect("corpus file is readable");
        files += 1;
        let parsed = parse(&source);
        let quirks: Vec<&str> = features.split(';').filter_map(|f| f.strip_prefix("quirk:")).collect();
        if let Some((_, message)) = UNRELEASED_FIELDS.iter().find(|(p, _)| p == path) {
            let errors: Vec<&str> = parsed
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message.as_str())
                .collect();
            if errors != [*message] {
                failures.push(format!("{path}: expected only {message:?}, got {errors:?}"));
            }
        } else if quirks.is_empty() {
            for d in parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
                failures.push(format!("{path}: unexpected error\n{}", d.render(&source, Lang::En)));
            }
            if parsed.objects.is_empty() {
                failures.push(format!("{path}: no object read"));
            }
        } else {
            let located = |d: &&Diagnostic| d.severity != Severity::Lint && d.span.line > 0;
            let named = parsed.diagnostics.iter().filter(located).any(|d| quirks.iter().any(|q| names_quirk(q, d)));
            if !named {
                let got: Vec<String> = parsed.diagnostics.iter().map(|d| d.render(&source, Lang::En)).collect();
                failures.push(format!("{path}: quirks {quirks:?} not named; got:\n{}", got.join("")));
            }
        }
    }
    assert!(files > 100, "only {files} corpus files read");
    assert!(failures.is_empty(), "{} of {files} files failed:\n\n{}", failures.len(), failures.join("\n"));
}

/// The kinds the playground's cluster serves.
const SERVED: [&str; 10] = [
    "Pod",
    "Deployment",
    "ReplicaSet",
    "Job",
    "ReplicationController",
    "CronJob",
    "Namespace",
    "ConfigMap",
    "Secret",
    "ServiceAccount",
];

/// Creates the namespaces a docs file's objects name but do not create
/// themselves, as the docs page has the reader do first
/// (`kubectl create namespace qos-example`): a real cluster refuses objects
/// in a namespace that does not exist.
fn create_namespaces(p: &mut Playground, source: &str) {
    let ctx = kubectl_common::context("");
    let creates_own = |ns: &str| source.contains("kind: Namespace") && source.contains(&format!("name: {ns}"));
    for line in source.lines() {
        let Some(ns) = line.trim().strip_prefix("namespace:").map(str::trim) else { continue };
        let ns = ns.trim_end_matches(',').trim_matches('"').trim_matches('\'');
        if !ns.is_empty() && !creates_own(ns) {
            p.run(&format!("kubectl create namespace {ns}"), &ctx);
        }
    }
}

/// The corpus files a real cluster accepts as they stand (no `quirk:`, no
/// unreleased field) that hold at least one served kind: (path, the served
/// kinds it holds, one per object, its text).
fn clean_served_files(dir: &std::path::Path) -> Vec<(String, Vec<String>, String)> {
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).expect("INDEX.tsv is readable");
    let mut out = Vec::new();
    for line in index.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(path), Some(kinds), Some(features)) = (cols.first(), cols.get(1), cols.get(3)) else { continue };
        let served: Vec<String> = kinds.split(',').filter(|k| SERVED.contains(k)).map(String::from).collect();
        if features.contains("quirk:") || served.is_empty() || UNRELEASED_FIELDS.iter().any(|(p, _)| p == path) {
            continue;
        }
        let source = std::fs::read_to_string(dir.join(path)).expect("corpus file is readable");
        out.push((path.to_string(), served, source));
    }
    out
}

/// What `kubectl apply -f` stores must be what the validator accepted: a
/// file the validator passes must not meet a decode error on the way into
/// the cluster (in 2026-11 `cpu: 1` did: the validator read it as a
/// quantity, apply's decoder wanted a string). Kinds the playground does not
/// serve (Service, ConfigMap, …) are answered "no matches for kind", as a
/// cluster without that API would; every other document must be created.
#[test]
fn every_clean_corpus_file_is_applied() {
    let Some(dir) = corpus_dir() else { return };
    let mut failures = Vec::new();
    let mut created = 0;
    for (path, served, source) in clean_served_files(&dir) {
        let mut p = Playground::new(3);
        create_namespaces(&mut p, &source);
        let out = p.run("kubectl apply -f editor.yaml", &kubectl_common::context(&source));
        let wanted = served.len();
        let made = out.stdout.lines().filter(|l| l.ends_with(" created")).count();
        let refused: Vec<&str> = out.stderr.lines().filter(|l| !l.contains("no matches for kind")).collect();
        if made != wanted || !refused.is_empty() {
            failures.push(format!("{path}: {made} of {wanted} created\n{}{}", out.stdout, out.stderr));
        }
        created += made;
    }
    assert!(created > 50, "only {created} objects created");
    assert!(failures.is_empty(), "{} files:\n\n{}", failures.len(), failures.join("\n"));
}

/// What `kubectl get -o yaml` and `-o json` print reads back: applying the
/// printed list again leaves every object as it was (`unchanged`), for
/// every docs file with pods or workloads. This ties our YAML printer's
/// quoting to our YAML reader, both to the model, checks that a `List`
/// applies item by item, as kubectl applies it, and that a workload prints
/// whole (its selector and template, a ReplicaSet's too).
/// The kinds `printed_objects_apply_back_unchanged` prints and applies back.
const PRINTED: &str =
    "pods,deployments,replicasets,jobs,replicationcontrollers,cronjobs,configmaps,secrets,serviceaccounts";

#[test]
fn printed_objects_apply_back_unchanged() {
    let Some(dir) = corpus_dir() else { return };
    let mut failures = Vec::new();
    let mut checked = 0;
    for (path, _, source) in clean_served_files(&dir) {
        for format in ["yaml", "json"] {
            let mut p = Playground::new(3);
            create_namespaces(&mut p, &source);
            p.run("kubectl apply -f editor.yaml", &kubectl_common::context(&source));
            // Let the controllers and kubelets act, so that what is printed
            // includes what they made (ReplicaSets, pods, statuses).
            p.cluster.advance_by(30_000);
            let printed = p.run(&format!("kubectl get {PRINTED} -A -o {format}"), &kubectl_common::context(""));
            let objects = p
                .run(&format!("kubectl get {PRINTED} -A -o name"), &kubectl_common::context(""))
                .stdout
                .lines()
                .count();
            let again = p.run("kubectl apply -f editor.yaml", &kubectl_common::context(&printed.stdout));
            let unchanged = again.stdout.lines().filter(|l| l.ends_with(" unchanged")).count();
            if objects == 0 || unchanged != objects || !again.stderr.is_empty() {
                failures.push(format!(
                    "{path} (-o {format}): {objects} objects, {unchanged} unchanged\n{}{}",
                    again.stdout, again.stderr
                ));
            }
            checked += objects;
        }
    }
    assert!(checked > 300, "only {checked} objects checked");
    assert!(failures.is_empty(), "{} of {checked}:\n\n{}", failures.len(), failures.join("\n"));
}
