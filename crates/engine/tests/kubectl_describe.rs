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
        &["kubectl apply -f web.yaml", "+20", "kubectl delete pod web --wait=false", "kubectl get pods", "kubectl describe pod web"],
    );
    expect_file!["snapshots/kubectl_describe_terminating.txt"].assert_eq(&t);
}
