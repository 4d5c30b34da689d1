//! Every YAML text the engine reads goes through one parser (`yaml::load`,
//! go-yaml's YAML 1.1 as Kubernetes reads it): what `kubectl apply` stores,
//! what the validator checks, lesson files and progress files agree.

mod kubectl_common;

use kubectl_common::context;
use podplay_engine::kubectl::Playground;
use podplay_engine::lessons::{parse_lesson, LessonProgress, Progress};
use podplay_engine::Severity;

const CONFIGMAP_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts:
    - {name: conf, mountPath: /etc/conf}
  volumes:
  - name: conf
    configMap:
      name: web-conf
      defaultMode: 0644
";

fn pod_with_annotation(value: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    feature: {value}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n")
}

#[test]
fn octal_file_modes_are_stored_as_kubernetes_stores_them() {
    let mut p = Playground::new(3);
    let ctx = context(CONFIGMAP_POD);
    let out = p.run("kubectl apply -f editor.yaml", &ctx);
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    let out = p.run("kubectl get pod web -o jsonpath={.spec.volumes[0].configMap.defaultMode}", &ctx);
    assert_eq!(out.stdout, "420");
    let out = p.run("kubectl get pod web -o yaml", &ctx);
    assert!(out.stdout.contains("defaultMode: 420"), "{}", out.stdout);
    // The dry run prints what would be sent: the same number.
    let out = p.run("kubectl apply -f editor.yaml --dry-run=client -o json", &ctx);
    assert!(out.stdout.contains("\"defaultMode\": 420"), "{}", out.stdout);
}

#[test]
fn yaml_11_booleans_mean_the_same_to_the_validator_and_to_apply() {
    // (value as written, accepted?, stored annotation)
    let table: &[(&str, bool, &str)] = &[
        ("on", false, ""),
        ("yes", false, ""),
        ("'on'", true, "on"),
        ("\"yes\"", true, "yes"),
        ("'0644'", true, "0644"),
        ("'1_000'", true, "1_000"),
    ];
    for (value, accepted, stored) in table {
        let text = pod_with_annotation(value);
        let validator_ok = !podplay_engine::check(&text).iter().any(|d| d.severity == Severity::Error);
        assert_eq!(validator_ok, *accepted, "validator on {value}");
        let mut p = Playground::new(3);
        let ctx = context(&text);
        let out = p.run("kubectl apply -f editor.yaml", &ctx);
        assert_eq!(out.exit_code == 0, *accepted, "apply of {value}: {}{}", out.stdout, out.stderr);
        let got = p.run("kubectl get pod web -o jsonpath={.metadata.annotations.feature}", &ctx);
        assert_eq!(got.stdout, *stored, "stored annotation for {value}");
    }
}

#[test]
fn a_yaml_11_boolean_the_validator_accepts_is_stored_as_a_boolean() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  shareProcessNamespace: yes\n  containers:\n  - name: app\n    image: nginx:1.27\n    volumeMounts:\n    - {name: data, mountPath: /data, readOnly: on}\n  volumes:\n  - name: data\n    emptyDir: {}\n";
    assert!(
        !podplay_engine::check(text).iter().any(|d| d.severity == Severity::Error),
        "{:?}",
        podplay_engine::check(text)
    );
    let mut p = Playground::new(3);
    let ctx = context(text);
    let out = p.run("kubectl apply -f editor.yaml", &ctx);
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    let out = p.run(
        "kubectl get pod web -o jsonpath={.spec.shareProcessNamespace}/{.spec.containers[0].volumeMounts[0].readOnly}",
        &ctx,
    );
    assert_eq!(out.stdout, "true/true");
}

#[test]
fn kubectl_run_keeps_label_values_that_look_like_booleans() {
    let mut p = Playground::new(3);
    let ctx = context("");
    let out = p.run("kubectl run web --image=nginx --labels=flag=yes,mode=0644", &ctx);
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    let out = p.run("kubectl get pod web -o jsonpath={.metadata.labels.flag}/{.metadata.labels.mode}", &ctx);
    assert_eq!(out.stdout, "yes/0644");
}

#[test]
fn broken_yaml_in_a_file_is_reported_like_kubectl() {
    let mut p = Playground::new(3);
    let ctx = context("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [web\n");
    for line in ["kubectl apply -f editor.yaml", "kubectl delete -f editor.yaml", "kubectl get -f editor.yaml"] {
        let out = p.run(line, &ctx);
        assert_eq!(out.exit_code, 1, "{line}");
        assert!(
            out.stderr.starts_with("error: error parsing editor.yaml: error converting YAML to JSON: yaml: line "),
            "{line}: {}",
            out.stderr
        );
        let explain = out.explain.expect("explained");
        assert!(explain.en.starts_with("editor.yaml 4:") || explain.en.starts_with("editor.yaml 5:"), "{}", explain.en);
        assert!(!explain.ko.is_empty());
    }
}

const LESSON_BAD_TYPE: &str = "id: 01-first
title: {ko: 첫 파드, en: First pod}
solution:
- apply: solution.yaml
checks:
- kind: pod
  goal: {ko: 파드가 있다, en: The pod exists}
  name: web
hints:
  ko: [하나]
  en: {one: two}
";

#[test]
fn a_lesson_decode_error_points_at_its_line_and_column() {
    let errors = parse_lesson("lessons/01-first/lesson.yaml", LESSON_BAD_TYPE).expect_err("bad hints");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!((e.line, e.col), (11, 7), "{e}");
    assert!(e.message.en.contains("invalid type: map, expected a sequence"), "{e}");
    assert!(!e.message.ko.is_empty());
}

#[test]
fn progress_files_round_trip_through_our_reader() {
    let mut p = Progress::default();
    // Ids and texts that YAML 1.1 would read as booleans or numbers.
    for (id, manifest) in
        [("on", "yes"), ("01-first", "0644"), ("02-second", "apiVersion: v1\nkind: Pod\n"), ("1_000", "~")]
    {
        p.lessons.insert(
            id.to_string(),
            LessonProgress {
                done: true,
                hints_shown: 2,
                solution_shown: false,
                completed_at: Some("2026-11-23T03:00:00Z".into()),
                manifest: Some(manifest.into()),
            },
        );
    }
    let text = p.to_text();
    assert_eq!(Progress::from_text("progress.yaml", &text).expect(&text), p);
}

#[test]
fn a_progress_file_written_before_the_change_still_imports() {
    // What the exporter wrote before (serde_yaml's emitter, unchanged).
    let old = "format: podplay-progress/v1\nlessons:\n  01-first-pod:\n    done: true\n    hintsShown: 1\n    solutionShown: false\n    completedAt: 2026-11-22T10:00:00Z\n    manifest: |\n      apiVersion: v1\n      kind: Pod\n";
    let p = Progress::from_text("old.yaml", old).expect("imports");
    let l = p.lessons.get("01-first-pod").expect("lesson");
    assert!(l.done);
    assert_eq!(l.hints_shown, 1);
    assert_eq!(l.completed_at.as_deref(), Some("2026-11-22T10:00:00Z"));
    assert_eq!(l.manifest.as_deref(), Some("apiVersion: v1\nkind: Pod\n"));
    // A wrong type is located.
    let e = Progress::from_text("p.yaml", "format: podplay-progress/v1\nlessons:\n  a:\n    hintsShown: many\n")
        .unwrap_err();
    assert_eq!((e.line, e.col), (4, 17), "{e}");
}

#[test]
fn the_cluster_parses_yaml_and_json_objects_with_one_reader() {
    use podplay_engine::kubectl::cluster_backend::parse_object;
    for doc in [
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostNetwork: on\n  containers: [{name: c, image: nginx}]\n",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"hostNetwork\":true,\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}",
    ] {
        let object = parse_object(doc, "default").expect(doc);
        let podplay_engine::cluster::ApiObject::Pod(pod) = object else { panic!("{doc}: not a pod") };
        assert_eq!(pod.spec.host_network, Some(true), "{doc}");
    }
    let e = parse_object("kind: Pod\nmetadata: [a\n", "default").expect_err("broken");
    assert_eq!(e.reason, "BadRequest");
    assert!(e.message.starts_with("yaml: line "), "{}", e.message);
    assert!(e.explain.is_some());
}

/// A quantity may be a bare number (`cpu: 1`, `{"memory": 1073741824}`):
/// apimachinery's `Quantity.UnmarshalJSON` parses an unquoted value too.
#[test]
fn bare_number_quantities_are_accepted_by_apply() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: yaml-pod}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: 1, memory: 0.5}, limits: {cpu: 2}}\n";
    let json = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"json-pod"},"spec":{"containers":[{"name":"c","image":"nginx","resources":{"requests":{"cpu":1,"memory":1073741824}}}]}}"#;
    let mut p = Playground::new(3);
    for (doc, name, cpu) in [(yaml, "yaml-pod", "1"), (json, "json-pod", "1")] {
        let ctx = context(doc);
        let out = p.run("kubectl apply -f editor.yaml", &ctx);
        assert_eq!(out.exit_code, 0, "{doc}: {}", out.stderr);
        let out =
            p.run(&format!("kubectl get pod {name} -o jsonpath={{.spec.containers[0].resources.requests.cpu}}"), &ctx);
        assert_eq!(out.stdout, cpu);
    }
    let out = p.run("kubectl get pod yaml-pod -o yaml", &context(""));
    assert!(out.stdout.contains("cpu: \"2\""), "a quantity prints as a string: {}", out.stdout);
    let out =
        p.run("kubectl get pod json-pod -o jsonpath={.spec.containers[0].resources.requests.memory}", &context(""));
    assert_eq!(out.stdout, "1073741824");
}
