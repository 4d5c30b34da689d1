//! What the troubleshooting lessons rely on, on the virtual clock: a
//! version tag no release has (`nginx:1.72`, a typo of `1.27`) is not found
//! by the registry, so the pod waits in `ImagePullBackOff`; fixing the image
//! with `kubectl set image` pulls the new one at once, as the kubelet keys
//! its pull back-off by pod and image.

mod kubectl_common;

use kubectl_common::context;
use podplay_engine::kubectl::{Context, Playground};
use serde_json::Value;

const WEB: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.72
";

fn setup() -> (Playground, Context) {
    let p = Playground::new(3);
    let mut ctx = context("");
    ctx.files.insert("web.yaml".into(), WEB.into());
    (p, ctx)
}

fn run(p: &mut Playground, ctx: &Context, line: &str) -> String {
    let out = p.run(line, ctx);
    assert_eq!(out.exit_code, 0, "{line}: {}", out.stderr);
    out.stdout
}

/// The first container's status, as `-o yaml` prints it.
fn container(p: &Playground) -> Value {
    let pod = p.cluster.pod("default", "web").expect("pod web exists");
    let status = serde_json::to_value(pod.pod.status).expect("status serializes");
    status.pointer("/containerStatuses/0").cloned().unwrap_or_default()
}

fn waiting_reason(p: &Playground) -> Option<String> {
    container(p).pointer("/state/waiting/reason").and_then(Value::as_str).map(str::to_string)
}

fn messages(p: &Playground, reason: &str) -> Vec<String> {
    p.cluster.events().iter().filter(|e| e.reason == reason).map(|e| e.message.clone()).collect()
}

#[test]
fn a_version_no_release_has_is_not_found() {
    let (mut p, ctx) = setup();
    run(&mut p, &ctx, "kubectl apply -f web.yaml");
    p.cluster.advance_by(45_000);
    assert_eq!(waiting_reason(&p).as_deref(), Some("ImagePullBackOff"));
    let failed = messages(&p, "Failed");
    let want = "Failed to pull image \"nginx:1.72\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:1.72\": failed to resolve reference \"docker.io/library/nginx:1.72\": docker.io/library/nginx:1.72: not found";
    assert!(failed.iter().any(|m| m == want), "{failed:#?}");
    assert!(!messages(&p, "Pulled").iter().any(|m| m.contains("nginx:1.72")));
}

#[test]
fn set_image_pulls_the_new_image_at_once() {
    let (mut p, ctx) = setup();
    run(&mut p, &ctx, "kubectl apply -f web.yaml");
    p.cluster.advance_by(45_000);
    assert_eq!(run(&mut p, &ctx, "kubectl set image pod/web web=nginx:1.27"), "pod/web image updated\n");
    p.cluster.advance_by(5_000);
    assert!(messages(&p, "Pulling").iter().any(|m| m == "Pulling image \"nginx:1.27\""));
    let c = container(&p);
    assert!(c.pointer("/state/running").is_some(), "{c}");
    assert_eq!(c.pointer("/restartCount").and_then(Value::as_u64), Some(0));
}
