//! Golden tests of the troubleshooting and node-maintenance verbs: taint,
//! drain, cluster-info, api-versions, logs with selectors, cp and debug.

mod kubectl_common;

use kubectl_common::{context, transcript, WEB};
use podplay_engine::kubectl::Playground;

#[test]
fn scratch() {
    let mut p = Playground::new(5);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl cluster-info",
            "kubectl api-versions",
            "kubectl apply -f editor.yaml",
            "+20",
            "kubectl get pods -o wide",
            "kubectl taint nodes worker-1 dedicated=gpu:NoSchedule",
            "kubectl taint nodes worker-1 dedicated=gpu:NoSchedule",
            "kubectl taint nodes worker-1 dedicated=cpu:NoSchedule --overwrite",
            "kubectl taint nodes worker-1 dedicated:NoSchedule-",
            "kubectl taint nodes worker-1 dedicated-",
            "kubectl taint nodes worker-1 dedicated=gpu:Nope",
            "kubectl taint pods web a=b:NoSchedule",
            "kubectl taint nodes worker-1",
            "kubectl taint nodes --all maint=x:NoExecute",
            "+2",
            "kubectl get pods",
            "kubectl describe node worker-1",
        ],
    );
    std::fs::write("/tmp/tsx/out.txt", t).unwrap();
}
