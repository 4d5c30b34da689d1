//! `kubectl rollout` and `kubectl set` on the virtual clock: rollout
//! status's progress lines, history and one revision's template, undo
//! (revision numbers move as upstream's do), restart, pause/resume and
//! their errors; `set image|env|resources` on a Deployment and on a pod.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript, WEB};
use podplay_engine::kubectl::Playground;

#[test]
fn rollout_lifecycle() {
    let mut p = Playground::new(5);
    let ctx = context("");
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create deployment web --image=nginx:1.27 --replicas=3",
            "kubectl rollout status deployment/web",
            "kubectl set image deployment/web nginx=nginx:1.28",
            "kubectl rollout status deploy/web",
            "kubectl get deploy web",
            "kubectl rollout history deployment/web",
            "kubectl rollout history deployment/web --revision=1",
            "kubectl rollout history deployment/web --revision=7",
            "kubectl rollout undo deployment/web",
            "kubectl rollout status deployment web --timeout=2m",
            "kubectl rollout history deploy web",
            "kubectl rollout undo deployment/web --to-revision=5",
            "kubectl rollout undo deployment/web --to-revision=3",
            "kubectl rollout pause deployment/web",
            "kubectl rollout pause deployment/web",
            "kubectl rollout restart deployment/web",
            "kubectl rollout undo deployment/web",
            "kubectl rollout resume deployment/web",
            "kubectl rollout resume deployment/web",
            "kubectl rollout restart deployment/web",
            "kubectl rollout status deployment/web --watch=false",
            "+60",
            "kubectl rollout status deployment/web",
            "kubectl get deploy web -o jsonpath={.spec.template.metadata.annotations}",
            "kubectl rollout status deployment/nope",
            "kubectl rollout status rs/web",
            "kubectl rollout frobnicate deployment/web",
            "kubectl describe deployment web",
        ],
    );
    expect_file!["snapshots/kubectl_rollout.txt"].assert_eq(&t);
}

#[test]
fn rollout_status_times_out_when_pods_never_become_ready() {
    let mut p = Playground::new(6);
    let ctx = context("");
    let _ = p.run("kubectl create deployment web --image=nginx:1.27 --replicas=2", &ctx);
    p.cluster.advance_by(30_000);
    let _ = p.run("kubectl set image deployment/web nginx=nginx:does-not-exist", &ctx);
    let out = p.run("kubectl rollout status deployment/web --timeout=20s", &ctx);
    assert_eq!(out.exit_code, 1);
    assert_eq!(out.stderr, "error: timed out waiting for the condition\n");
    assert_eq!(out.advanced_ms, 20_000);
    assert!(out
        .stdout
        .contains("Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...\n"));
    // maxUnavailable 25% of 2 rounds down to 0: both old pods keep serving.
    let ready = p.run("kubectl get deploy web", &ctx);
    assert!(ready.stdout.contains("web    2/2     1            2"), "{}", ready.stdout);
}

#[test]
fn set_on_deployments_and_pods() {
    let mut p = Playground::new(7);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create deployment web --image=nginx:1.27",
            "kubectl apply -f editor.yaml",
            "+30",
            "kubectl set env deploy/web MODE=prod LEVEL=2",
            "kubectl set env deploy/web --list",
            "kubectl set env deploy/web LEVEL-",
            "kubectl set env deployment web --list",
            "kubectl set resources deployment web -c=nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m",
            "kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].resources}",
            "kubectl set image deploy/web nginx=nginx:1.28",
            "kubectl set image deploy/web nginx=nginx:1.28",
            "kubectl set image deploy/web nope=nginx:1.28",
            "kubectl set image pod/web nginx=nginx:1.28",
            "kubectl get pod web -o jsonpath={.spec.containers[0].image}",
            "kubectl set env pod/web A=1",
            "kubectl set resources pod web --limits=cpu=1",
            "kubectl set image deploy/nope nginx=nginx:1.28",
            "kubectl set image deploy/web",
            "kubectl set",
            "kubectl rollout",
        ],
    );
    expect_file!["snapshots/kubectl_set.txt"].assert_eq(&t);
}

#[test]
fn rollout_status_reports_an_exceeded_progress_deadline() {
    let deploy = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  progressDeadlineSeconds: 30
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
    let mut p = Playground::new(8);
    let ctx = context(deploy);
    let _ = p.run("kubectl apply -f editor.yaml", &ctx);
    p.cluster.advance_by(20_000);
    let _ = p.run("kubectl set image deployment/web nginx=nginx:does-not-exist", &ctx);
    let out = p.run("kubectl rollout status deployment/web", &ctx);
    assert_eq!(out.stderr, "error: deployment \"web\" exceeded its progress deadline\n");
    assert_eq!(out.exit_code, 1);
    assert!((30_000..=31_000).contains(&out.advanced_ms), "{}", out.advanced_ms);
    let d = p.run("kubectl get deploy web -o jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}", &ctx);
    assert_eq!(d.stdout, "ProgressDeadlineExceeded");
}

#[test]
fn history_shows_each_revisions_change_cause() {
    let deploy = |image: &str, cause: &str| {
        format!(
            "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    kubernetes.io/change-cause: {cause}
spec:
  replicas: 1
  selector:
    matchLabels: {{app: web}}
  template:
    metadata:
      labels: {{app: web}}
    spec:
      containers:
      - name: nginx
        image: {image}
"
        )
    };
    let mut p = Playground::new(9);
    let mut ctx = context("");
    ctx.files.insert("v1.yaml".into(), deploy("nginx:1.27", "first"));
    ctx.files.insert("v2.yaml".into(), deploy("nginx:1.28", "bump to 1.28"));
    assert_eq!(p.run("kubectl apply -f v1.yaml", &ctx).exit_code, 0);
    p.cluster.advance_by(20_000);
    assert_eq!(p.run("kubectl apply -f v2.yaml", &ctx).stdout, "deployment.apps/web configured\n");
    p.cluster.advance_by(20_000);
    let out = p.run("kubectl rollout history deployment/web", &ctx);
    assert_eq!(out.stdout, "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         first\n2         bump to 1.28\n\n");
    // The controller's revision annotation survives the learner's apply.
    let rev = p.run("kubectl get deploy web -o jsonpath={.metadata.annotations}", &ctx);
    assert_eq!(
        rev.stdout,
        "{\"deployment.kubernetes.io/revision\":\"2\",\"kubernetes.io/change-cause\":\"bump to 1.28\"}"
    );
}
