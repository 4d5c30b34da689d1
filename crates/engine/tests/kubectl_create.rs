//! `kubectl create deployment|job|cronjob`: the objects `--dry-run=client
//! -o yaml` prints, byte for byte, and what creating them does; a CronJob
//! creating a Job each minute on the virtual clock, and `create job --from`.
//!
//! The expected YAML is kubectl's (confirmed with the kubectl client on
//! this machine) less the `creationTimestamp: null` lines: since
//! Kubernetes 1.34 `ObjectMeta.creationTimestamp` is `omitzero`
//! (apimachinery `pkg/apis/meta/v1/types.go`), so kubectl 1.35 prints
//! `metadata: {}` where the template's metadata is otherwise empty.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript};
use podplay_engine::kubectl::Playground;

fn run(line: &str) -> String {
    let mut p = Playground::new(1);
    let out = p.run(line, &context(""));
    assert_eq!(out.exit_code, 0, "{line}: {}", out.stderr);
    out.stdout
}

#[test]
fn create_deployment_dry_run_yaml() {
    assert_eq!(
        run("kubectl create deployment web --image=nginx --replicas=2 --dry-run=client -o yaml"),
        "apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
"
    );
    assert_eq!(
        run("kubectl create deployment web --image=nginx --port=80 --dry-run=client -o yaml -- sleep 10"),
        "apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - command:
        - sleep
        - \"10\"
        image: nginx
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
"
    );
    let two =
        run("kubectl create deployment web --image=nginx --image=registry.k8s.io/pause:3.9 --dry-run=client -o yaml");
    assert!(two.contains("      - image: nginx\n        name: nginx\n        resources: {}\n      - image: registry.k8s.io/pause:3.9\n        name: pause\n"), "{two}");
}

#[test]
fn create_job_and_cronjob_dry_run_yaml() {
    assert_eq!(
        run("kubectl create job pi --image=perl --dry-run=client -o yaml -- perl -e 1"),
        "apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    metadata: {}
    spec:
      containers:
      - command:
        - perl
        - -e
        - \"1\"
        image: perl
        name: pi
        resources: {}
      restartPolicy: Never
status: {}
"
    );
    assert_eq!(
        run(
            "kubectl create cronjob hello --image=busybox --schedule='*/1 * * * *' --dry-run=client -o yaml -- echo hi"
        ),
        "apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  jobTemplate:
    metadata:
      name: hello
    spec:
      template:
        metadata: {}
        spec:
          containers:
          - command:
            - echo
            - hi
            image: busybox
            name: hello
            resources: {}
          restartPolicy: OnFailure
  schedule: '*/1 * * * *'
status: {}
"
    );
    assert_eq!(
        run("kubectl create deploy web --image=nginx --dry-run=client"),
        "deployment.apps/web created (dry run)\n"
    );
    assert_eq!(run("kubectl create job pi --image=perl --dry-run=client -o name"), "job.batch/pi\n");
}

#[test]
fn create_errors_and_objects() {
    let mut p = Playground::new(2);
    let ctx = context("");
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80",
            "kubectl create deployment web --image=nginx:1.27",
            "kubectl create deployment --image=nginx",
            "kubectl create deployment web2",
            "kubectl create deployment Web --image=nginx",
            "kubectl create job",
            "kubectl create job pi",
            "kubectl create job pi --image=busybox:1.36 -- sh -c 'echo 3.14'",
            "kubectl create cronjob hello --image=busybox:1.36",
            "kubectl create cronjob hello --image=busybox:1.36 --schedule='* * *'",
            "kubectl create cj hello --image=busybox:1.36 --schedule='*/1 * * * *' -- date",
            "+20",
            "kubectl get deploy,job,cj",
            "kubectl create job manual --from=cronjob/hello",
            "kubectl create job x --from=cronjob/nope",
            "kubectl create job x --from=deployment/web",
            "kubectl get job manual -o jsonpath={.metadata.annotations}",
            "kubectl create -f nothing.yaml",
        ],
    );
    expect_file!["snapshots/kubectl_create.txt"].assert_eq(&t);
}

#[test]
fn a_cronjob_creates_a_job_each_minute_and_keeps_three() {
    let mut p = Playground::new(3);
    let ctx = context("");
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create cronjob tick --image=busybox:1.36 --schedule='*/1 * * * *' -- date",
            "+59",
            "kubectl get cronjobs",
            "kubectl get jobs",
            "+2",
            "kubectl get cj",
            "kubectl get jobs",
            "+60",
            "kubectl get jobs",
            "+180",
            "kubectl get jobs",
            "kubectl get cj -o wide",
            "kubectl describe cj tick",
        ],
    );
    expect_file!["snapshots/kubectl_cronjob.txt"].assert_eq(&t);
}
