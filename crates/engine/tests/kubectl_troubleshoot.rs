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
            "kubectl cp web:/usr/share/nginx/html/index.html index.html",
            "kubectl cp web:/etc/os-release . -c writer",
            "kubectl cp editor.yaml web:/tmp/pod.yaml -c writer",
            "kubectl exec web -c writer -- head -3 /tmp/pod.yaml",
            "kubectl cp editor.yaml web:/tmp -c writer",
            "kubectl exec web -c writer -- ls /tmp",
            "kubectl cp editor.yaml default/web:/shared/x.yaml -c writer",
            "kubectl exec web -c nginx -- ls /usr/share/nginx/html",
            "kubectl cp web:/nope x -c writer",
            "kubectl cp editor.yaml web:/nodir/x -c writer",
            "kubectl cp nofile.yaml web:/tmp/x",
            "kubectl cp static-app:/etc/hostname h",
            "kubectl cp editor.yaml static-app:/tmp/x",
            "kubectl exec static-app -- sh",
            "kubectl cp a b",
            "kubectl cp a:/x b:/y",
            "kubectl cp web:/x",
            "kubectl cp nope:/x y",
        ],
    );
    std::fs::write("/tmp/tsx/out.txt", t).unwrap();
}
