//! PriorityClasses and the Priority admission as kubectl 1.35 shows them:
//! the two system classes, `create priorityclass` (client dry run as
//! kubectl prints it), `get|describe|delete pc`, `apply -f` with upstream's
//! validation and admission errors, an `-o yaml` round trip, and what a
//! pod's `priorityClassName` gives it (or why it is forbidden).

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::transcript;
use podplay_engine::kubectl::{Context, Playground};

/// A class as a learner writes it.
const CLASS: &str = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: batch
value: 500
description: Batch jobs that may wait.
preemptionPolicy: Never
";

/// A pod naming `class`, with `extra` lines in its spec.
fn pod(name: &str, class: &str, extra: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  priorityClassName: {class}
{extra}  containers:
  - name: app
    image: nginx:1.27
"
    )
}

fn context() -> Context {
    let mut ctx = Context::with_editor(CLASS);
    ctx.files.insert("huge.yaml".into(), CLASS.replace("batch", "huge").replace("500", "2000000000"));
    ctx.files.insert("system.yaml".into(), CLASS.replace("batch", "system-mine"));
    ctx.files.insert("changed.yaml".into(), CLASS.replace("500", "600"));
    ctx.files.insert("relabelled.yaml".into(), CLASS.replace("Batch jobs", "Nightly jobs"));
    ctx.files.insert("foo.yaml".into(), pod("x", "foo", ""));
    ctx.files.insert("batch-pod.yaml".into(), pod("worker", "batch", ""));
    ctx.files.insert("forced.yaml".into(), pod("forced", "batch", "  priority: 7\n"));
    ctx.files.insert("policy.yaml".into(), pod("policy", "batch", "  preemptionPolicy: PreemptLowerPriority\n"));
    ctx.files.insert(
        "default.yaml".into(),
        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: everyday\nvalue: 100\nglobalDefault: true\n"
            .into(),
    );
    ctx
}

#[test]
fn priority_classes_are_api_objects() {
    let mut p = Playground::new(3);
    let ctx = context();
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl get priorityclasses",
            "kubectl describe pc system-node-critical",
            "kubectl get pc system-cluster-critical -o yaml",
            "kubectl create priorityclass high --value=1000 --dry-run=client -o yaml",
            "kubectl create priorityclass high --value=1000 --global-default --description=\"Pods that must run\" --preemption-policy=Never --dry-run=client -o yaml",
            "kubectl create priorityclass high --value=1000 --description=\"Pods that must run\"",
            "kubectl create priorityclass high --value=1000",
            "kubectl create pc",
            "kubectl create pc huge --value=abc",
            "kubectl create pc huge --value=2000000000",
            "kubectl create pc system-mine --value=5",
            "+30",
            "kubectl get pc",
            "kubectl describe priorityclass high",
            "kubectl get pc high -o yaml",
            "kubectl apply -f editor.yaml",
            "kubectl apply -f editor.yaml",
            "kubectl apply -f relabelled.yaml",
            "kubectl apply -f changed.yaml",
            "kubectl apply -f huge.yaml",
            "kubectl apply -f system.yaml",
            "kubectl get pc batch -o wide",
            "kubectl label pc batch tier=low",
            "kubectl get pc -l tier=low --show-labels",
            "kubectl delete pc system-node-critical",
            "kubectl delete priorityclass high",
            "kubectl get pc high",
            "kubectl get pc",
        ],
    );
    expect_file!["snapshots/kubectl_priorityclass.txt"].assert_eq(&t);
}

#[test]
fn priority_admission() {
    let mut p = Playground::new(3);
    let ctx = context();
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f foo.yaml",
            "kubectl apply -f editor.yaml",
            "kubectl apply -f batch-pod.yaml",
            "kubectl get pod worker -o jsonpath='{.spec.priority} {.spec.preemptionPolicy}'",
            "kubectl apply -f forced.yaml",
            "kubectl apply -f policy.yaml",
            "kubectl run plain --image=nginx:1.27",
            "kubectl get pod plain -o jsonpath='{.spec.priority} {.spec.preemptionPolicy}'",
            "kubectl apply -f default.yaml",
            "kubectl create pc second --value=1 --global-default",
            "kubectl run later --image=nginx:1.27",
            "kubectl get pod later -o jsonpath='{.spec.priorityClassName} {.spec.priority}'",
            "kubectl create deployment web --image=nginx:1.27",
            "+5",
            "kubectl get pods -l app=web -o jsonpath={.items[0].spec.priority}",
            "kubectl get pods -n kube-system -o custom-columns=NAME:.metadata.name,PRIORITY:.spec.priority,CLASS:.spec.priorityClassName",
        ],
    );
    expect_file!["snapshots/kubectl_priority_admission.txt"].assert_eq(&t);
}

#[test]
fn yaml_round_trips() {
    let mut p = Playground::new(3);
    let mut ctx = context();
    let created = p.run("kubectl apply -f editor.yaml", &ctx);
    assert_eq!(created.stdout, "priorityclass.scheduling.k8s.io/batch created\n");
    let printed = p.run("kubectl get pc batch -o yaml", &ctx).stdout;
    ctx.files.insert("printed.yaml".into(), printed.clone());
    let again = p.run("kubectl apply -f printed.yaml", &ctx);
    assert_eq!((again.stdout.as_str(), again.exit_code), ("priorityclass.scheduling.k8s.io/batch unchanged\n", 0));
    assert_eq!(p.run("kubectl get pc batch -o yaml", &ctx).stdout, printed);
    // A pod printed with its resolved priority applies back unchanged.
    assert_eq!(p.run("kubectl apply -f batch-pod.yaml", &ctx).exit_code, 0);
    let pod = p.run("kubectl get pod worker -o yaml", &ctx).stdout;
    assert!(pod.contains("  priority: 500\n  priorityClassName: batch\n"), "{pod}");
    assert!(pod.contains("  preemptionPolicy: Never\n"), "{pod}");
    ctx.files.insert("pod.yaml".into(), pod);
    let again = p.run("kubectl apply -f pod.yaml", &ctx);
    assert_eq!((again.stdout.as_str(), again.stderr.as_str()), ("pod/worker unchanged\n", ""));
}

#[test]
fn a_controller_pod_with_an_unknown_class_fails_to_create() {
    let mut p = Playground::new(3);
    let mut ctx = context();
    ctx.files.insert(
        "deploy.yaml".into(),
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      priorityClassName: missing
      containers:
      - name: app
        image: nginx:1.27
"
        .into(),
    );
    assert_eq!(p.run("kubectl apply -f deploy.yaml", &ctx).stdout, "deployment.apps/web created\n");
    p.cluster.advance_by(5_000);
    assert_eq!(p.run("kubectl get pods -l app=web", &ctx).stderr, "No resources found in default namespace.\n");
    let events = p.run("kubectl get events --field-selector reason=FailedCreate", &ctx).stdout;
    assert!(
        events.contains("Error creating: pods \"web-")
            && events.contains("\" is forbidden: no PriorityClass with name missing was found"),
        "{events}"
    );
    // Once the class exists, the ReplicaSet's next try succeeds.
    assert_eq!(p.run("kubectl create pc missing --value=10", &ctx).exit_code, 0);
    p.cluster.advance_by(20_000);
    let prio = p.run("kubectl get pods -l app=web -o jsonpath={.items[*].spec.priority}", &ctx).stdout;
    assert_eq!(prio, "10");
}
