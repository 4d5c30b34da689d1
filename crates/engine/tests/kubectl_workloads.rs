//! Golden tests of workloads through kubectl: a Deployment and a Job applied
//! from files, `get deploy,rs,job`, `get all`, and deleting them.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript};
use podplay_engine::kubectl::Playground;

const DEPLOY: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
";

const JOB: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox:1.36
        command: ['sh', '-c', 'echo 3.14159']
";

#[test]
fn deployments_replicasets_and_jobs() {
    let mut p = Playground::new(21);
    let mut ctx = context(DEPLOY);
    ctx.files.insert("job.yaml".into(), JOB.into());
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml -f job.yaml",
            "+30",
            "kubectl get deploy",
            "kubectl get rs",
            "kubectl get jobs",
            "kubectl get all",
            "kubectl get deployments.apps web -o name",
            "kubectl get deploy nope",
            "kubectl api-resources",
            "kubectl delete deploy web",
            "+40",
            "kubectl get all",
        ],
    );
    expect_file!["snapshots/kubectl_workloads.txt"].assert_eq(&t);
}

#[test]
fn every_listed_type_can_be_watched_one_at_a_time() {
    let mut p = Playground::new(21);
    let mut ctx = context(DEPLOY);
    ctx.files.insert("job.yaml".into(), JOB.into());
    ctx.watch_ms_max = 40_000;
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml",
            "kubectl get deploy -w",
            "kubectl get rs -w -o name",
            "kubectl apply -f job.yaml",
            "kubectl get jobs -w",
            "kubectl get pods -l app=web -w",
            "kubectl delete deploy web --wait=false",
            "kubectl get pods -w",
            "kubectl get nodes worker-1 -w",
            "kubectl get all -w",
            "kubectl get pods,nodes -w",
            "kubectl get job/pi -w --no-headers",
            "kubectl apply -f web.yaml",
            "+20",
            "kubectl delete pod web --grace-period=3 --wait=false",
            "kubectl get pod web -w -o wide",
            "kubectl get pods -w -o name",
        ],
    );
    expect_file!["snapshots/kubectl_watch_types.txt"].assert_eq(&t);
}
