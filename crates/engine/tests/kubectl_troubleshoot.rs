//! Golden tests of the troubleshooting and node-maintenance verbs: taint,
//! drain, cluster-info, api-versions, logs with selectors, cp and debug.

mod kubectl_common;

use kubectl_common::{context, transcript, WEB};
use podplay_engine::kubectl::Playground;

#[test]
fn scratch() {
    let mut p = Playground::new(5);
    let mut ctx = context(WEB);
    ctx.files.insert("distroless.yaml".into(), std::fs::read_to_string("/tmp/tsx/distroless.yaml").unwrap());
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml -f distroless.yaml",
            "+20",
            "kubectl debug web -it --image=busybox:1.36 --target=nginx",
            "kubectl get pod web",
            "kubectl exec web -c debugger-lf57j -- ps",
            "kubectl exec web -c nginx -- ps",
            "kubectl exec web -c writer -- ps",
            "kubectl get pods web -o yaml",
            "kubectl describe pod web",
            "kubectl debug web --image=busybox:1.36 -c dbg -- sleep 5",
            "kubectl debug web --image=busybox:1.36 -c dbg",
            "kubectl debug web --image=busybox:1.36 --target=nope",
            "kubectl debug web -t --image=busybox",
            "kubectl debug web",
            "kubectl debug web --image=busybox --profile=bogus",
            "kubectl debug nope --image=busybox",
            "kubectl debug static-app -it --image=busybox:1.36 --target=app --profile=baseline",
            "kubectl debug node/worker-1 -it --image=busybox:1.36",
            "kubectl get pods -o wide",
            "+10",
            "kubectl logs web -c dbg",
            "kubectl get pod web -o jsonpath={.status.ephemeralContainerStatuses[*].state}",
        ],
    );
    std::fs::write("/tmp/tsx/out.txt", t).unwrap();
}
