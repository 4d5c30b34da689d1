//! Golden tests of `kubectl describe pod|node`, including a pending pod
//! with FailedScheduling, a crash-looping pod, a terminating pod and errors.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript, WEB};
use podplay_engine::kubectl::Playground;

#[test]
fn describe_pods_and_nodes() {
    let mut p = Playground::new(11);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml -f crash.yaml -f huge.yaml",
            "+40",
            "kubectl describe pod web",
            "kubectl describe pods crash",
            "kubectl describe po huge",
            "kubectl describe pod/cra",
            "kubectl describe pod web --show-events=false",
            "kubectl describe node worker-1",
            "kubectl describe nodes -l node-role.kubernetes.io/control-plane",
            "kubectl describe pod nope",
            "kubectl describe",
            "kubectl describe deploy web",
        ],
    );
    expect_file!["snapshots/kubectl_describe.txt"].assert_eq(&t);
}

#[test]
fn describe_a_terminating_pod() {
    let mut p = Playground::new(11);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f web.yaml",
            "+20",
            "kubectl delete pod web --wait=false",
            "kubectl get pods",
            "kubectl describe pod web",
        ],
    );
    expect_file!["snapshots/kubectl_describe_terminating.txt"].assert_eq(&t);
}

#[test]
fn describe_a_node_that_was_lost_and_came_back() {
    let mut p = Playground::new(11);
    let ctx = context(WEB);
    let mut t = transcript(&mut p, &ctx, &["kubectl apply -f web.yaml", "+20"]);
    // Where web runs: the node whose kubelet goes silent.
    let node = p.cluster.pod("default", "web").and_then(|v| v.node).expect("web is scheduled");
    p.cluster.set_node_ready(&node, false).expect("a known node");
    t.push_str(&format!("(node {node} stops posting status)\n"));
    t.push_str(&transcript(
        &mut p,
        &ctx,
        &[
            "+30",
            &format!("kubectl describe node {node}"),
            "kubectl get nodes",
            &format!("kubectl get node {node} -o yaml"),
        ],
    ));
    p.cluster.set_node_ready(&node, true).expect("a known node");
    t.push_str(&format!("(node {node} is back)\n"));
    t.push_str(&transcript(
        &mut p,
        &ctx,
        &[
            "+650",
            &format!("kubectl describe node {node}"),
            "kubectl get nodes -o wide",
            "kubectl get events",
            "kubectl get events -A",
        ],
    ));
    expect_file!["snapshots/kubectl_describe_node_lost.txt"].assert_eq(&t);
}
