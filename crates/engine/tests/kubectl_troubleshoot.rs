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
            "+30",
            "kubectl logs -l app=api",
            "kubectl logs -l app=api --tail=2 --prefix",
            "kubectl logs -l app=web --prefix --tail=1",
            "kubectl logs -l app=web --all-containers --prefix --tail=1",
            "kubectl logs deploy/api --tail=1",
            "kubectl logs deployment/api --since=5s",
            "kubectl logs web -c writer --since-time=2026-01-01T00:00:25Z --timestamps",
            "kubectl logs web -c writer --since=5s --since-time=2026-01-01T00:00:25Z",
            "kubectl logs web --since=abc",
            "kubectl logs web -l app=web",
            "kubectl logs -l app=nope",
            "kubectl logs -l app=api -f --max-log-requests=2",
            "kubectl logs node/worker-1",
            "kubectl logs deploy/nope",
            "kubectl logs rs/nope",
            "kubectl logs -l app=api -f --tail=0",
        ],
    );
    std::fs::write("/tmp/tsx/out.txt", t).unwrap();
}
