//! A static pod placed by a lesson's setup (`Playground::add_static_pod_file`)
//! is a file on the node, as one a learner writes: `ssh NODE` lists it, the
//! mirror pod runs, and removing the file stops the pod.

use podplay_engine::kubectl::{CommandOutput, Context, Playground};

fn run(pg: &mut Playground, line: &str) -> CommandOutput {
    pg.run(line, &Context::default())
}

const STATIC_WEB: &str = "apiVersion: v1
kind: Pod
metadata:
  name: static-web
spec:
  containers:
    - name: web
      image: nginx:1.27
";

#[test]
fn a_placed_static_pod_is_a_file_on_the_node() {
    let mut pg = Playground::new(3);
    assert_eq!(pg.add_static_pod_file("worker-2", "static-web.yaml", STATIC_WEB), Ok(()));
    pg.cluster.advance_by(10_000);
    let pods = run(&mut pg, "kubectl get pods -o wide").stdout;
    assert!(pods.contains("static-web-worker-2   1/1     Running"), "{pods}");
    let ls = run(&mut pg, "ssh worker-2 ls /etc/kubernetes/manifests");
    assert_eq!(ls.stdout, "static-web.yaml\n");
    let cat = run(&mut pg, "ssh worker-2 cat /etc/kubernetes/manifests/static-web.yaml");
    assert_eq!(cat.stdout, STATIC_WEB);
    run(&mut pg, "ssh worker-2 rm /etc/kubernetes/manifests/static-web.yaml");
    pg.cluster.advance_by(40_000);
    let after = run(&mut pg, "kubectl get pods");
    assert_eq!(after.stderr, "No resources found in default namespace.\n", "{}", after.stdout);
}

#[test]
fn placing_reports_what_the_kubelet_refused() {
    let mut pg = Playground::new(3);
    assert_eq!(pg.add_static_pod_file("worker-9", "a.yaml", STATIC_WEB), Err("node worker-9 not found".to_string()));
    assert!(pg.add_static_pod_file("worker-1", "../a.yaml", STATIC_WEB).is_err());
    let err = pg
        .add_static_pod_file("worker-1", "bad.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\n")
        .unwrap_err();
    assert!(err.contains("Could not process manifest file"), "{err}");
    assert!(err.contains("/etc/kubernetes/manifests/bad.yaml"), "{err}");
}

#[test]
fn a_recreated_mirror_pod_keeps_its_static_pods_logs() {
    let mut pg = Playground::new(3);
    let clock = "apiVersion: v1
kind: Pod
metadata:
  name: clock
spec:
  containers:
    - name: clock
      image: busybox:1.36
      command: [\"sh\", \"-c\", \"while true; do echo tick; sleep 5; done\"]
";
    assert_eq!(pg.add_static_pod_file("worker-1", "clock.yaml", clock), Ok(()));
    pg.cluster.advance_by(10_000);
    let uid = run(&mut pg, "kubectl get pod clock-worker-1 -o jsonpath={.metadata.uid}").stdout;
    let before = run(&mut pg, "kubectl logs clock-worker-1").stdout;
    assert!(before.starts_with("tick\n"), "{before}");
    let del = run(&mut pg, "kubectl delete pod clock-worker-1");
    assert_eq!(del.exit_code, 0, "{}", del.stderr);
    pg.cluster.advance_by(10_000);
    // A new API object (its own UID), the same static pod and container.
    let new_uid = run(&mut pg, "kubectl get pod clock-worker-1 -o jsonpath={.metadata.uid}").stdout;
    assert_ne!(new_uid, uid);
    let after = run(&mut pg, "kubectl logs clock-worker-1").stdout;
    assert!(after.starts_with(&before), "the log goes on: {after}");
    assert!(after.len() > before.len(), "new lines after the delete: {after}");
    let exec = run(&mut pg, "kubectl exec clock-worker-1 -- echo hi");
    assert_eq!(exec.stdout, "hi\n", "{}", exec.stderr);
}
