//! The kubelet's admission of pods bound by hand (`spec.nodeName`): no
//! scheduler filter runs, so the kubelet refuses a pod that does not fit
//! the node's room (`OutOfcpu`, `OutOfmemory`) or its node selector
//! (`NodeAffinity`), and the pod ends Failed with `Pod was rejected: …`;
//! a NoSchedule taint does not stop it. Expected texts follow
//! `pkg/kubelet/lifecycle/predicate.go` and `rejectPod` in
//! `pkg/kubelet/kubelet.go`.

mod kubectl_common;

use kubectl_common::context;
use podplay_engine::kubectl::Playground;

fn pod(name: &str, node: &str, extra: &str, requests: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  nodeName: {node}
{extra}  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {{{requests}}}
"
    )
}

fn run(files: &[(&str, String)], lines: &[&str]) -> (Playground, Vec<String>) {
    let mut p = Playground::new(7);
    let mut ctx = context("");
    for (n, body) in files {
        ctx.files.insert((*n).into(), body.clone());
    }
    let mut outs = Vec::new();
    for line in lines {
        if let Some(secs) = line.strip_prefix("sleep ").and_then(|s| s.parse::<u64>().ok()) {
            p.cluster.advance_by(secs * 1000);
            continue;
        }
        let out = p.run(line, &ctx);
        outs.push(format!("{}{}", out.stdout, out.stderr));
    }
    (p, outs)
}

#[test]
fn a_pod_bound_to_a_full_node_is_rejected_out_of_cpu() {
    let files = [
        ("hog.yaml", pod("hog", "worker-1", "", "cpu: 1500m")),
        ("pinned.yaml", pod("pinned", "worker-1", "", "cpu: '1'")),
    ];
    let (p, outs) = run(
        &files,
        &[
            "kubectl apply -f hog.yaml",
            "sleep 10",
            "kubectl apply -f pinned.yaml",
            "sleep 10",
            "kubectl get pod pinned",
        ],
    );
    let v = p.cluster.pod("default", "pinned").expect("pinned exists");
    let status = v.pod.status.clone().expect("status");
    assert_eq!(status.phase.as_deref(), Some("Failed"));
    assert_eq!(status.reason.as_deref(), Some("OutOfcpu"));
    assert_eq!(
        status.message.as_deref(),
        Some("Pod was rejected: Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000")
    );
    assert_eq!(status.host_ip, None, "a rejected pod gets no host IP");
    assert!(status.container_statuses.is_empty(), "no container was created");
    assert_eq!(v.pod_ip, None);
    let ev = p
        .cluster
        .events()
        .into_iter()
        .find(|e| e.reason == "OutOfcpu")
        .map(|e| (e.type_.as_str().to_string(), e.message.clone()))
        .expect("an OutOfcpu event");
    assert_eq!(
        ev,
        (
            "Warning".to_string(),
            "Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000".into()
        )
    );
    let table = outs.last().cloned().unwrap_or_default();
    assert!(table.contains("pinned   0/1     OutOfcpu   0"), "{table}");
    // The rejected pod takes no room: the hog alone is counted.
    let w1 = p.cluster.nodes().into_iter().find(|n| n.name == "worker-1").expect("worker-1");
    assert_eq!(w1.requested.milli_cpu, 1500);
}

#[test]
fn out_of_memory_and_node_affinity_are_the_kubelets_reasons() {
    let files = [
        ("big.yaml", pod("big", "worker-2", "", "memory: 5Gi")),
        ("sel.yaml", pod("sel", "worker-1", "  nodeSelector:\n    disktype: ssd\n", "cpu: 100m")),
    ];
    let (p, _) = run(&files, &["kubectl apply -f big.yaml", "kubectl apply -f sel.yaml", "sleep 10"]);
    let reason = |n: &str| p.cluster.pod("default", n).and_then(|v| v.pod.status).and_then(|s| s.reason);
    let message = |n: &str| p.cluster.pod("default", n).and_then(|v| v.pod.status).and_then(|s| s.message);
    assert_eq!(reason("big").as_deref(), Some("OutOfmemory"));
    assert_eq!(
        message("big").as_deref(),
        Some("Pod was rejected: Node didn't have enough resource: memory, requested: 5368709120, used: 0, capacity: 4294967296")
    );
    assert_eq!(reason("sel").as_deref(), Some("NodeAffinity"));
    assert_eq!(
        message("sel").as_deref(),
        Some("Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector")
    );
}

#[test]
fn a_noschedule_taint_does_not_stop_a_pod_bound_by_hand() {
    let files = [("cp.yaml", pod("cp", "control-plane", "", "cpu: 100m"))];
    let (p, _) = run(&files, &["kubectl apply -f cp.yaml", "sleep 20"]);
    let v = p.cluster.pod("default", "cp").expect("cp exists");
    assert_eq!(v.phase.as_str(), "Running");
    assert_eq!(v.node.as_deref(), Some("control-plane"));
    assert!(!p.cluster.events().iter().any(|e| e.reason == "Scheduled"), "no scheduler took part");
}

#[test]
fn a_pod_that_fits_is_admitted_and_a_rejected_one_can_be_deleted() {
    let files = [
        ("hog.yaml", pod("hog", "worker-1", "", "cpu: 1500m")),
        ("small.yaml", pod("small", "worker-1", "", "cpu: 500m")),
        ("pinned.yaml", pod("pinned", "worker-1", "", "cpu: 600m")),
    ];
    let (p, outs) = run(
        &files,
        &[
            "kubectl apply -f hog.yaml",
            "kubectl apply -f small.yaml",
            "kubectl apply -f pinned.yaml",
            "sleep 10",
            "kubectl delete pod pinned",
            "sleep 5",
            "kubectl get pods",
        ],
    );
    assert_eq!(p.cluster.pod("default", "small").map(|v| v.phase.as_str().to_string()).as_deref(), Some("Running"));
    assert!(p.cluster.pod("default", "pinned").is_none(), "{outs:?}");
}
