//! Golden tests of the troubleshooting and node-maintenance verbs: taint,
//! drain, cluster-info, api-versions, logs with selectors, cp and debug.

mod kubectl_common;

use kubectl_common::{context, transcript, WEB};
use podplay_engine::kubectl::Playground;

#[test]
fn scratch() {
    let mut p = Playground::new(5);
    let mut ctx = context(WEB);
    ctx.files.insert("deploy.yaml".into(), std::fs::read_to_string("/tmp/tsx/deploy.yaml").unwrap());
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml -f deploy.yaml",
            "+20",
            "kubectl get pods -o wide",
            "kubectl drain worker-1",
            "kubectl drain worker-1 --delete-emptydir-data",
            "kubectl drain worker-1 --delete-emptydir-data --force --dry-run=client",
            "kubectl drain worker-1 --delete-emptydir-data --force",
            "kubectl get pods -o wide",
            "kubectl get nodes",
            "kubectl uncordon worker-1",
            "kubectl drain",
            "kubectl drain nope",
            "kubectl drain worker-2 --timeout=abc",
            "kubectl drain worker-2 --timeout=5s --grace-period=30",
        ],
    );
    std::fs::write("/tmp/tsx/out.txt", t).unwrap();
}
