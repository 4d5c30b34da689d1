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

/// `-o yaml|json|jsonpath` print a workload whole: a Deployment's selector
/// and template, and the ReplicaSet it made with the Deployment's template
/// and selector plus the `pod-template-hash`, and its owner.
#[test]
fn workloads_print_whole() {
    let mut p = Playground::new(1);
    let ctx = context(DEPLOY);
    p.run("kubectl apply -f editor.yaml", &ctx);
    p.cluster.advance_by(10_000);
    let get = |p: &mut Playground, line: &str| p.run(line, &ctx).stdout;
    assert_eq!(
        get(&mut p, "kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}"),
        "nginx:1.27"
    );
    assert_eq!(get(&mut p, "kubectl get deploy web -o jsonpath={.spec.selector.matchLabels.app}"), "web");
    let rs = get(&mut p, "kubectl get rs -o jsonpath={.items[0].metadata.name}");
    let hash = rs.strip_prefix("web-").unwrap_or_default().to_string();
    assert!(!hash.is_empty(), "{rs}");
    for (path, want) in [
        ("{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}", "Deployment/web".to_string()),
        ("{.spec.selector.matchLabels.pod-template-hash}", hash.clone()),
        ("{.spec.template.metadata.labels.pod-template-hash}", hash.clone()),
        ("{.spec.template.spec.containers[0].image}", "nginx:1.27".to_string()),
        ("{.status.readyReplicas}", "2".to_string()),
    ] {
        assert_eq!(get(&mut p, &format!("kubectl get rs {rs} -o jsonpath={path}")), want, "{path}");
    }
    let yaml = get(&mut p, "kubectl get deploy web -o yaml");
    assert!(yaml.contains("  selector:\n    matchLabels:\n      app: web\n  template:\n"), "{yaml}");
}

/// `kubectl scale` changes a Deployment's replicas through its scale
/// subresource; the controllers follow on the next steps. A ReplicaSet a
/// Deployment owns is scaled back by it; pods have no scale subresource.
#[test]
fn scale_changes_replicas() {
    let mut p = Playground::new(1);
    let ctx = context(DEPLOY);
    p.run("kubectl apply -f editor.yaml", &ctx);
    p.cluster.advance_by(10_000);
    let running = |p: &mut Playground| p.run("kubectl get pods -o name", &ctx).stdout.lines().count();
    assert_eq!(running(&mut p), 2);

    let out = p.run("kubectl scale deployment web --replicas=4", &ctx);
    assert_eq!((out.stdout.as_str(), out.exit_code), ("deployment.apps/web scaled\n", 0));
    assert_eq!(out.changed.len(), 1);
    p.cluster.advance_by(10_000);
    assert_eq!(running(&mut p), 4);
    assert_eq!(p.run("kubectl get deploy web -o jsonpath={.spec.replicas}", &ctx).stdout, "4");

    let out = p.run("kubectl scale --replicas=1 -o name deploy/web", &ctx);
    assert_eq!(out.stdout, "deployment.apps/web\n");
    p.cluster.advance_by(60_000);
    assert_eq!(running(&mut p), 1);

    // The Deployment owns its ReplicaSet's size.
    let rs = p.run("kubectl get rs -o name", &ctx).stdout.trim().to_string();
    assert_eq!(p.run(&format!("kubectl scale {rs} --replicas=5"), &ctx).exit_code, 0);
    p.cluster.advance_by(60_000);
    assert_eq!(p.run(&format!("kubectl get {rs} -o jsonpath={{.spec.replicas}}"), &ctx).stdout, "1");

    for (line, stderr) in [
        ("kubectl scale deployment web", "error: required flag(s) \"replicas\" not set\n"),
        ("kubectl scale deployment web --replicas=-1", "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n"),
        ("kubectl scale deployment web --replicas=two", "error: invalid argument \"two\" for \"--replicas\" flag: strconv.ParseInt: parsing \"two\": invalid syntax\n"),
        ("kubectl scale deployment web --replicas=3 --current-replicas=2", "error: Expected replicas to be 2, was 1\n"),
        ("kubectl scale deployment nope --replicas=3", "Error from server (NotFound): deployments.apps \"nope\" not found\n"),
        ("kubectl scale pod x --replicas=3", "Error from server (NotFound): the server could not find the requested resource\n"),
    ] {
        let out = p.run(line, &ctx);
        assert_eq!((out.stderr.as_str(), out.exit_code), (stderr, 1), "{line}");
        assert!(out.explain.is_some() || line.contains("current-replicas"), "{line}: says why in both languages");
    }
    let out = p.run("kubectl scale deployment --all --replicas=2", &ctx);
    assert_eq!(out.stdout, "deployment.apps/web scaled\n");
}

/// A Deployment named `name` labelled `app: app` (its pods too).
fn deployment(name: &str, app: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels: {{app: {app}}}
spec:
  replicas: 1
  selector:
    matchLabels: {{app: {app}}}
  template:
    metadata:
      labels: {{app: {app}}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
"
    )
}

/// One target resolver: `-l` applies to every listed type, so `delete` and
/// `scale` select the same Deployments (the old `delete` refused `-l` for
/// workloads with "no name was specified" while `scale` honoured it).
#[test]
fn a_selector_picks_workloads_for_delete_as_for_scale() {
    let mut p = Playground::new(21);
    let mut ctx = context(&deployment("a1", "a"));
    ctx.files.insert("b1.yaml".into(), deployment("b1", "b"));
    assert_eq!(p.run("kubectl apply -f editor.yaml -f b1.yaml", &ctx).exit_code, 0);
    let scaled = p.run("kubectl scale deploy -l app=a --replicas=2", &ctx);
    assert_eq!(scaled.stdout, "deployment.apps/a1 scaled\n");
    let out = p.run("kubectl delete deploy -l app=a", &ctx);
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "deployment.apps \"a1\" deleted from default namespace\n");
    let names = p.run("kubectl get deploy -o name", &ctx);
    assert_eq!(names.stdout, "deployment.apps/b1\n");
}
