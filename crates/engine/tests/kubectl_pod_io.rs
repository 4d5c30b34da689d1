//! Golden tests of the commands that reach into pods: logs, exec, top and
//! port-forward, backed by the pod-internals runtime.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript, WEB};
use podplay_engine::kubectl::Playground;

#[test]
fn logs_exec_top_port_forward() {
    let mut p = Playground::new(5);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml -f crash.yaml",
            "kubectl logs web -c writer",
            "kubectl top pod",
            "+20",
            "kubectl logs web",
            "kubectl logs web -c writer --tail=2",
            "kubectl logs pod/web -c writer --tail 1 --timestamps",
            "kubectl logs web -c nope",
            "kubectl logs crash",
            "kubectl logs crash -p",
            "kubectl logs web -c writer -p",
            "kubectl logs nope",
            "kubectl logs",
            "kubectl exec web -- hostname",
            "kubectl exec web -c writer -- ls /shared",
            "kubectl exec web -c writer -- cat /shared/index.html",
            "kubectl exec web -c writer -- ps",
            "kubectl exec web -c writer -- wget -qO- localhost:80",
            "kubectl exec web -c writer -- cat /nope",
            "kubectl exec web -c writer -- nosuchcommand",
            "kubectl exec -it web -c writer -- sh -c 'echo $HOSTNAME; exit 3'",
            "kubectl exec -it web -c writer -- bash",
            "kubectl exec web ls",
            "kubectl exec web",
            "kubectl exec",
            "kubectl exec nope -- ls",
            "kubectl top pod",
            "kubectl top pod --containers",
            "kubectl top pods web",
            "kubectl top node",
            "kubectl top",
            "kubectl top deploy",
            "kubectl port-forward web 8080:80",
            "kubectl port-forward pod/web 9090:9090",
            "kubectl port-forward web abc:80",
            "kubectl port-forward web",
            "kubectl apply -f huge.yaml",
            "kubectl port-forward huge 8080:80",
            "kubectl exec huge -- ls",
        ],
    );
    expect_file!["snapshots/kubectl_pod_io.txt"].assert_eq(&t);
}

#[test]
fn logs_follow_streams_new_lines_on_the_virtual_clock() {
    let mut p = Playground::new(5);
    let mut ctx = context(WEB);
    ctx.watch_ms_max = 12_000;
    let _ = p.run("kubectl apply -f editor.yaml", &ctx);
    p.cluster.advance_by(10_000);
    let before = p.run("kubectl logs web -c writer", &ctx).stdout.lines().count();
    let out = p.run("kubectl logs -f web -c writer", &ctx);
    let watch = out.watch.expect("a follow");
    assert_eq!(out.advanced_ms, 12_000);
    assert!(watch.truncated);
    assert_eq!(out.stdout.lines().count(), before + watch.frames.len());
    assert!(watch.frames.len() >= 2, "a line every 5 s: {:?}", watch.frames);
}

/// A finished pod's containers and their logs stay until the pod is deleted
/// (the kubelet stops the sandbox; `kuberuntime_gc.go` removes exited
/// containers only with their pod), so `kubectl logs` of a Completed pod
/// prints what it wrote.
#[test]
fn a_completed_pod_keeps_its_logs_until_it_is_deleted() {
    let mut p = Playground::new(5);
    let ctx = context(WEB);
    let run = p.run("kubectl run once --image=busybox:1.36 --restart=Never -- sh -c 'echo hi; echo bye'", &ctx);
    assert_eq!(run.stdout, "pod/once created\n");
    p.cluster.advance_by(20_000);
    let got = p.run("kubectl get pod once -o jsonpath={.status.phase}", &ctx);
    assert_eq!(got.stdout, "Succeeded");
    let logs = p.run("kubectl logs once", &ctx);
    assert_eq!((logs.stdout.as_str(), logs.exit_code), ("hi\nbye\n", 0));
    assert_eq!(p.run("kubectl delete pod once", &ctx).exit_code, 0);
    p.cluster.advance_by(5_000);
    let gone = p.run("kubectl logs once", &ctx);
    assert_eq!(gone.stderr, "Error from server (NotFound): pods \"once\" not found\n");
}
