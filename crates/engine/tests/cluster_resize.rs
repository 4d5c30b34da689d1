//! In-place pod resize and pod-level resources on the virtual clock:
//! the kubelet's admission (Deferred, Infeasible, InProgress, done), the
//! restarts `resizePolicy` asks for, limits changing live inside the pod
//! (throttling, the OOM killer), the `resize` subresource's refusals, and
//! pod-level resources in scheduling, QoS and the pod cgroup.

mod kubectl_common;

use kubectl_common::context;
use podplay_engine::cluster::PodView;
use podplay_engine::kubectl::{Context, Playground};
use podplay_engine::kubelet::ContainerStatus;
use serde_json::Value;

/// A Burstable pod on worker-1 (2 CPUs): cpu NotRequired, memory RestartContainer.
const WEB: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  nodeName: worker-1
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: 500m, memory: 128Mi}
      limits: {cpu: '1', memory: 256Mi}
    resizePolicy:
    - resourceName: memory
      restartPolicy: RestartContainer
";

/// One CPU taken on worker-1.
const HOG: &str = "apiVersion: v1
kind: Pod
metadata:
  name: hog
spec:
  nodeName: worker-1
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: '1'}
";

/// stress holding 150M, under a 400Mi limit; the policy is given per test.
fn stress(policy: &str, args: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: stress
spec:
  containers:
  - name: app
    image: polinux/stress
    command: ['stress']
    args: [{args}]
    resources:
      requests: {{cpu: 250m, memory: 100Mi}}
      limits: {{cpu: 500m, memory: 400Mi}}
    resizePolicy:
    - resourceName: memory
      restartPolicy: {policy}
"
    )
}

fn setup(files: &[(&str, &str)]) -> (Playground, Context) {
    let p = Playground::new(11);
    let mut ctx = context("");
    for (name, body) in files {
        ctx.files.insert((*name).into(), (*body).into());
    }
    (p, ctx)
}

fn ok(p: &mut Playground, ctx: &Context, line: &str) -> String {
    let out = p.run(line, ctx);
    assert_eq!(out.exit_code, 0, "{line}: {}", out.stderr);
    out.stdout
}

fn view(p: &Playground, name: &str) -> PodView {
    p.cluster.pod("default", name).expect("pod exists")
}

/// The pod's status as JSON (what `-o yaml` prints).
fn status(p: &Playground, name: &str) -> Value {
    serde_json::to_value(view(p, name).pod.status).expect("status serializes")
}

/// `(type, reason, message)` of the resize conditions.
fn resize_conditions(p: &Playground, name: &str) -> Vec<(String, Option<String>, Option<String>)> {
    view(p, name)
        .conditions
        .iter()
        .filter(|c| c.kind.starts_with("PodResize"))
        .map(|c| (c.kind.to_string(), c.reason.map(str::to_string), c.message.clone()))
        .collect()
}

/// The CPU the scheduler counts as requested on a node, in millicores.
fn requested_cpu(p: &Playground, node: &str) -> i64 {
    p.cluster.nodes().iter().find(|n| n.name == node).map_or(-1, |n| n.requested.milli_cpu)
}

/// Whether the container was (or is) OOM-killed.
fn oom_killed(c: &ContainerStatus) -> bool {
    let last = c.last_state.as_ref().is_some_and(|t| t.reason == "OOMKilled");
    last || c.state.terminated().is_some_and(|t| t.reason == "OOMKilled")
}

fn events(p: &Playground, reason: &str) -> Vec<String> {
    p.cluster.events().iter().filter(|e| e.reason == reason).map(|e| e.message.clone()).collect()
}

fn patch(container: &str, resources: &str) -> String {
    format!(
        "kubectl patch pod {} --subresource resize -p '{{\"spec\":{{\"containers\":[{{\"name\":\"app\",\"resources\":{resources}}}]}}}}'",
        container
    )
}

#[test]
fn deferred_then_in_progress_then_done() {
    let (mut p, ctx) = setup(&[("web.yaml", WEB), ("hog.yaml", HOG)]);
    ok(&mut p, &ctx, "kubectl apply -f web.yaml");
    ok(&mut p, &ctx, "kubectl apply -f hog.yaml");
    p.cluster.advance_by(10_000);
    let out = ok(&mut p, &ctx, &patch("web", r#"{"requests":{"cpu":"1500m"},"limits":{"cpu":"2"}}"#));
    assert_eq!(out, "pod/web patched\n");
    // 500m + 1 CPU of hog's are allocated: 1500m does not fit the 2 CPUs now.
    let deferred = "Node didn't have enough resource: cpu, requested: 1500, used: 1000, capacity: 2000";
    assert_eq!(
        resize_conditions(&p, "web"),
        [("PodResizePending".into(), Some("Deferred".into()), Some(deferred.into()))]
    );
    // The event carries the desired resources, the generation the resize
    // made and the reason (`pkg/kubelet/events/resize.go`).
    assert_eq!(
        events(&p, "ResizeDeferred"),
        [format!(
            r#"Pod resize Deferred: {{"containers":[{{"name":"app","resources":{{"limits":{{"cpu":"2","memory":"256Mi"}},"requests":{{"cpu":"1500m","memory":"128Mi"}}}}}}],"generation":2,"error":"{deferred}"}}"#
        )]
    );
    assert_eq!(ok(&mut p, &ctx, "kubectl get pod web -o jsonpath={.metadata.generation}"), "2");
    // The scheduler counts the desired resources: nothing else takes the room.
    assert_eq!(requested_cpu(&p, "worker-1"), 2500);
    let st = status(&p, "web");
    assert_eq!(st["conditions"][0]["type"], "PodResizePending", "resize conditions come first");
    // `allocatedResources` needs a gate that is off in 1.35: it never shows.
    assert!(st["containerStatuses"][0].get("allocatedResources").is_none());
    assert_eq!(st["containerStatuses"][0]["resources"]["requests"]["cpu"], "500m");
    assert_eq!(
        ok(&mut p, &ctx, "kubectl get pod web -o jsonpath={.spec.containers[0].resources.requests.cpu}"),
        "1500m"
    );
    // Freeing the CPU lets the kubelet admit it: in progress, then applied.
    ok(&mut p, &ctx, "kubectl delete pod hog --wait=false");
    p.cluster.advance_by(500);
    assert!(p.cluster.pod("default", "hog").is_none(), "hog is gone");
    assert_eq!(resize_conditions(&p, "web"), [("PodResizeInProgress".into(), None, None)]);
    assert_eq!(
        events(&p, "ResizeStarted"),
        [
            r#"Pod resize started: {"containers":[{"name":"app","resources":{"limits":{"cpu":"2","memory":"256Mi"},"requests":{"cpu":"1500m","memory":"128Mi"}}}],"generation":2}"#
        ]
    );
    let st = status(&p, "web");
    assert_eq!(st["containerStatuses"][0]["resources"]["requests"]["cpu"], "500m", "not applied yet");
    p.cluster.advance_by(1_000);
    assert!(resize_conditions(&p, "web").is_empty());
    let st = status(&p, "web");
    assert_eq!(st["containerStatuses"][0]["resources"]["requests"]["cpu"], "1500m");
    assert_eq!(st["containerStatuses"][0]["resources"]["limits"]["cpu"], "2");
    assert_eq!(st["containerStatuses"][0]["restartCount"], 0, "cpu is NotRequired");
    assert_eq!(
        events(&p, "ResizeCompleted"),
        [
            r#"Pod resize completed: {"containers":[{"name":"app","resources":{"limits":{"cpu":"2","memory":"256Mi"},"requests":{"cpu":"1500m","memory":"128Mi"}}}],"generation":2}"#
        ]
    );
    assert_eq!(requested_cpu(&p, "worker-1"), 1500);
}

#[test]
fn infeasible_keeps_the_allocation() {
    let (mut p, ctx) = setup(&[("web.yaml", WEB)]);
    ok(&mut p, &ctx, "kubectl apply -f web.yaml");
    p.cluster.advance_by(10_000);
    ok(&mut p, &ctx, &patch("web", r#"{"requests":{"cpu":"3"},"limits":{"cpu":"3"}}"#));
    let msg = "Node didn't have enough capacity: cpu, requested: 3000, capacity: 2000";
    assert_eq!(
        resize_conditions(&p, "web"),
        [("PodResizePending".into(), Some("Infeasible".into()), Some(msg.into()))]
    );
    let warned: Vec<_> = p
        .cluster
        .events()
        .iter()
        .filter(|e| e.reason == "ResizeInfeasible")
        .map(|e| (format!("{:?}", e.type_), e.message.clone()))
        .collect();
    assert_eq!(
        warned,
        [(
            "Warning".to_string(),
            format!(
                r#"Pod resize Infeasible: {{"containers":[{{"name":"app","resources":{{"limits":{{"cpu":"3","memory":"256Mi"}},"requests":{{"cpu":"3","memory":"128Mi"}}}}}}],"generation":2,"error":"{msg}"}}"#
            )
        )]
    );
    p.cluster.advance_by(30_000);
    assert_eq!(resize_conditions(&p, "web").len(), 1, "never admitted");
    let st = status(&p, "web");
    assert_eq!(st["containerStatuses"][0]["resources"]["requests"]["cpu"], "500m");
    // The scheduler counts what is allocated, not the spec the node can never run.
    assert_eq!(requested_cpu(&p, "worker-1"), 500);
    // A resize back within reach clears it.
    ok(&mut p, &ctx, &patch("web", r#"{"requests":{"cpu":"600m"},"limits":{"cpu":"1"}}"#));
    p.cluster.advance_by(2_000);
    assert!(resize_conditions(&p, "web").is_empty());
    assert_eq!(status(&p, "web")["containerStatuses"][0]["resources"]["requests"]["cpu"], "600m");
}

#[test]
fn restart_container_policy_restarts_and_not_required_does_not() {
    let (mut p, ctx) = setup(&[("web.yaml", WEB)]);
    ok(&mut p, &ctx, "kubectl apply -f web.yaml");
    p.cluster.advance_by(10_000);
    ok(&mut p, &ctx, &patch("web", r#"{"requests":{"cpu":"600m"}}"#));
    p.cluster.advance_by(2_000);
    assert_eq!(view(&p, "web").container("app").map(|c| c.restart_count), Some(0));
    assert!(events(&p, "Killing").is_empty());
    ok(&mut p, &ctx, &patch("web", r#"{"limits":{"memory":"300Mi"}}"#));
    p.cluster.advance_by(5_000);
    assert_eq!(events(&p, "Killing"), ["Container app resize requires restart"]);
    let v = view(&p, "web");
    assert_eq!(v.container("app").map(|c| c.restart_count), Some(1));
    assert!(v.container("app").is_some_and(|c| c.state.is_running()));
    let st = status(&p, "web");
    assert_eq!(st["containerStatuses"][0]["resources"]["limits"]["memory"], "300Mi");
}

#[test]
fn a_lower_memory_limit_oom_kills_at_the_new_limit() {
    let src = stress("RestartContainer", "'--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'");
    let (mut p, ctx) = setup(&[("stress.yaml", &src)]);
    ok(&mut p, &ctx, "kubectl apply -f stress.yaml");
    p.cluster.advance_by(15_000);
    assert!(view(&p, "stress").container("app").is_some_and(|c| c.state.is_running()), "150M fits 400Mi");
    ok(&mut p, &ctx, &patch("stress", r#"{"limits":{"memory":"100Mi"}}"#));
    // stress ignores SIGTERM: it is killed at the end of the 30s grace period.
    p.cluster.advance_by(40_000);
    assert_eq!(events(&p, "Killing"), ["Container app resize requires restart"]);
    let v = view(&p, "stress");
    let c = v.container("app").expect("container");
    assert!(oom_killed(c), "{c:?}");
    assert!(c.restart_count >= 1);
}

#[test]
fn a_memory_limit_below_usage_is_not_applied_in_place() {
    let src = stress("NotRequired", "'--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'");
    let (mut p, ctx) = setup(&[("stress.yaml", &src)]);
    ok(&mut p, &ctx, "kubectl apply -f stress.yaml");
    p.cluster.advance_by(15_000);
    ok(&mut p, &ctx, &patch("stress", r#"{"limits":{"memory":"100Mi"}}"#));
    p.cluster.advance_by(3_000);
    let conds = resize_conditions(&p, "stress");
    assert_eq!(conds.len(), 1, "{conds:?}");
    let (kind, reason, message) = &conds[0];
    assert_eq!((kind.as_str(), reason.as_deref()), ("PodResizeInProgress", Some("Error")));
    assert!(message.as_deref().is_some_and(|m| m.contains("below current usage")), "{message:?}");
    assert!(view(&p, "stress").container("app").is_some_and(|c| c.state.is_running() && c.restart_count == 0));
    // A limit above what it uses applies, in place.
    ok(&mut p, &ctx, &patch("stress", r#"{"limits":{"memory":"200Mi"}}"#));
    p.cluster.advance_by(2_000);
    assert!(resize_conditions(&p, "stress").is_empty());
    assert_eq!(status(&p, "stress")["containerStatuses"][0]["resources"]["limits"]["memory"], "200Mi");
    assert_eq!(view(&p, "stress").container("app").map(|c| c.restart_count), Some(0));
}

#[test]
fn a_cpu_limit_change_changes_throttling() {
    let src = stress("NotRequired", "'--cpu', '1'");
    let (mut p, ctx) = setup(&[("stress.yaml", &src)]);
    ok(&mut p, &ctx, "kubectl apply -f stress.yaml");
    p.cluster.advance_by(15_000);
    let uid = view(&p, "stress").uid;
    let usage = p.runtime().usage(&uid);
    assert_eq!(usage.first().map(|u| (u.cpu_millicores, u.cpu_throttled)), Some((500, true)));
    ok(&mut p, &ctx, &patch("stress", r#"{"limits":{"cpu":"2"}}"#));
    p.cluster.advance_by(2_000);
    let usage = p.runtime().usage(&uid);
    assert_eq!(usage.first().map(|u| (u.cpu_millicores, u.cpu_throttled)), Some((1000, false)));
}

#[test]
fn the_resize_subresource_refuses_what_upstream_refuses() {
    let (mut p, ctx) = setup(&[("web.yaml", WEB)]);
    ok(&mut p, &ctx, "kubectl apply -f web.yaml");
    p.cluster.advance_by(10_000);
    let cases = [
        (
            r#"{"requests":{"cpu":"1","memory":"256Mi"}}"#,
            "The Pod \"web\" is invalid: spec: Invalid value: \"Guaranteed\": Pod QOS Class may not change as a result of resizing\n",
        ),
        (
            r#"{"requests":{"cpu":null}}"#,
            "The Pod \"web\" is invalid: spec.containers[0].resources.requests: Forbidden: resource requests cannot be removed\n",
        ),
        (
            r#"{"requests":{"cpu":"2"}}"#,
            "The Pod \"web\" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1\n",
        ),
        (
            r#"{"limits":{"ephemeral-storage":"1Gi"}}"#,
            "The Pod \"web\" is invalid: spec: Forbidden: only cpu and memory resources are mutable\n",
        ),
    ];
    for (resources, want) in cases {
        let out = p.run(&patch("web", resources), &ctx);
        assert_eq!((out.stderr.as_str(), out.exit_code), (want, 1), "{resources}");
        assert!(out.explain.is_some(), "explained: {resources}");
    }
    // A memory limit decrease is allowed by the API since 1.34.
    assert_eq!(ok(&mut p, &ctx, &patch("web", r#"{"limits":{"memory":"200Mi"}}"#)), "pod/web patched\n");
}

/// Pod-level resources: the pod's budget, shared by containers without their own.
const POD_LEVEL: &str = "apiVersion: v1
kind: Pod
metadata:
  name: shared
spec:
  resources:
    limits: {cpu: '1', memory: 100Mi}
  containers:
  - name: app
    image: polinux/stress
    command: ['stress']
    args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1']
";

#[test]
fn pod_level_resources_qos_defaults_and_oom_at_the_pod_limit() {
    let (mut p, ctx) = setup(&[("shared.yaml", POD_LEVEL)]);
    ok(&mut p, &ctx, "kubectl apply -f shared.yaml");
    assert_eq!(ok(&mut p, &ctx, "kubectl get pod shared -o jsonpath={.status.qosClass}"), "Guaranteed");
    assert_eq!(
        ok(&mut p, &ctx, "kubectl get pod shared -o jsonpath={.spec.resources.requests}"),
        r#"{"cpu":"1","memory":"100Mi"}"#
    );
    p.cluster.advance_by(15_000);
    let v = view(&p, "shared");
    let c = v.container("app").expect("container");
    assert!(oom_killed(c), "150M in a 100Mi pod is OOM-killed: {c:?}");
}

#[test]
fn pod_level_requests_decide_scheduling() {
    let big = "apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  resources:
    requests: {cpu: '3'}
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: 100m}
";
    let (mut p, ctx) = setup(&[("big.yaml", big)]);
    ok(&mut p, &ctx, "kubectl apply -f big.yaml");
    p.cluster.advance_by(5_000);
    let v = view(&p, "big");
    assert_eq!(v.node, None, "3 CPUs fit no 2-CPU node");
    let scheduled = v.condition("PodScheduled").and_then(|c| c.message.clone()).unwrap_or_default();
    assert!(scheduled.contains("Insufficient cpu"), "{scheduled}");
}

#[test]
fn resize_policy_and_pod_resources_round_trip_through_yaml() {
    let src = "apiVersion: v1
kind: Pod
metadata:
  name: rt
spec:
  resources:
    requests: {cpu: 500m, memory: 256Mi}
    limits: {cpu: '1', memory: 512Mi}
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: 200m, memory: 128Mi}
    resizePolicy:
    - resourceName: cpu
      restartPolicy: RestartContainer
";
    let (mut p, mut ctx) = setup(&[("rt.yaml", src)]);
    ok(&mut p, &ctx, "kubectl apply -f rt.yaml");
    p.cluster.advance_by(10_000);
    let printed = ok(&mut p, &ctx, "kubectl get pod rt -o yaml");
    for want in [
        "    resizePolicy:\n    - resourceName: cpu\n      restartPolicy: RestartContainer\n    - resourceName: memory\n      restartPolicy: NotRequired\n",
        "  resources:\n    limits:\n      cpu: \"1\"\n      memory: 512Mi\n    requests:\n      cpu: 500m\n      memory: 256Mi\n",
    ] {
        assert!(printed.contains(want), "{want}\nnot in\n{printed}");
    }
    ctx.files.insert("printed.yaml".into(), printed.clone());
    assert_eq!(ok(&mut p, &ctx, "kubectl apply -f printed.yaml"), "pod/rt unchanged\n");
    assert_eq!(ok(&mut p, &ctx, "kubectl get pod rt -o yaml"), printed);
}

#[test]
fn a_resize_down_lets_a_deferred_resize_through() {
    let (mut p, ctx) = setup(&[("web.yaml", WEB), ("hog.yaml", HOG)]);
    ok(&mut p, &ctx, "kubectl apply -f web.yaml");
    ok(&mut p, &ctx, "kubectl apply -f hog.yaml");
    p.cluster.advance_by(10_000);
    ok(&mut p, &ctx, &patch("web", r#"{"requests":{"cpu":"1500m"},"limits":{"cpu":"2"}}"#));
    assert_eq!(resize_conditions(&p, "web").first().and_then(|c| c.1.clone()).as_deref(), Some("Deferred"));
    // hog gives back half of its CPU: 1500m + 500m now fit the 2 CPUs.
    ok(&mut p, &ctx, &patch("hog", r#"{"requests":{"cpu":"500m"}}"#));
    assert_eq!(resize_conditions(&p, "web"), [("PodResizeInProgress".into(), None, None)]);
    p.cluster.advance_by(2_000);
    assert!(resize_conditions(&p, "web").is_empty());
    assert_eq!(requested_cpu(&p, "worker-1"), 2000);
}

#[test]
fn pod_level_resources_are_not_resized_in_place_in_1_35() {
    // InPlacePodLevelResourcesVerticalScaling is alpha and off in 1.35: the
    // resize subresource drops a change to `spec.resources`.
    let (mut p, ctx) = setup(&[("shared.yaml", POD_LEVEL)]);
    ok(&mut p, &ctx, "kubectl apply -f shared.yaml");
    p.cluster.advance_by(2_000);
    let before = ok(&mut p, &ctx, "kubectl get pod shared -o jsonpath={.spec.resources}");
    let line = r#"kubectl patch pod shared --subresource resize -p '{"spec":{"resources":{"limits":{"cpu":"2","memory":"200Mi"},"requests":{"cpu":"2","memory":"200Mi"}}}}'"#;
    assert_eq!(ok(&mut p, &ctx, line), "pod/shared patched (no change)\n");
    assert_eq!(ok(&mut p, &ctx, "kubectl get pod shared -o jsonpath={.spec.resources}"), before);
}
