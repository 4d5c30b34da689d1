//! Golden tests of `kubectl get`: tables, `-o wide|name|yaml|json|jsonpath`,
//! `--show-labels`, `-L`, `-l`, `-A`, `-w` and its errors.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript, CRASH, WEB};
use podplay_engine::kubectl::Playground;

#[test]
fn get_pods_in_every_format() {
    let mut p = Playground::new(7);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl get pods",
            "kubectl apply -f editor.yaml",
            "kubectl get pods",
            "+30",
            "kubectl get pods",
            "kubectl get po -o wide",
            "kubectl get pod web -o name",
            "kubectl get pods --show-labels",
            "kubectl get pods -L app,tier -L missing",
            "kubectl get pods -l app=web",
            "kubectl get pods -l app=nope",
            "kubectl get pods -l 'tier in (front,back)' --no-headers",
            "kubectl get pods -A",
            "kubectl get pods -n kube-system",
            "kubectl get pod web -o jsonpath={.status.podIP}",
            "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}'",
            "kubectl get pods -o jsonpath='{.items[*].spec.containers[*].name}'",
            "kubectl get pod/web",
            "kubectl get pods web nope",
            "kubectl get all",
        ],
    );
    expect_file!["snapshots/kubectl_get_pods.txt"].assert_eq(&t);
}

#[test]
fn get_pod_as_yaml_and_json_shows_status_as_upstream() {
    let mut p = Playground::new(7);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &["kubectl apply -f editor.yaml", "+20", "kubectl get pod web -o yaml", "kubectl get pod web -o json"],
    );
    expect_file!["snapshots/kubectl_get_yaml_json.txt"].assert_eq(&t);
}

#[test]
fn get_nodes_events_and_watch() {
    let mut p = Playground::new(7);
    let ctx = context(CRASH);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl get nodes",
            "kubectl get no -o wide --show-labels",
            "kubectl get nodes -o name",
            "kubectl get events",
            "kubectl apply -f editor.yaml",
            "kubectl get pods -w",
            "kubectl get events",
            "kubectl get ev -A",
            "kubectl get pods,nodes",
            "kubectl get nodes -w",
            "kubectl apply -f web.yaml",
            "kubectl get events -w",
        ],
    );
    expect_file!["snapshots/kubectl_get_nodes_events_watch.txt"].assert_eq(&t);
}

#[test]
fn watch_is_bounded_and_reports_its_frames() {
    let mut p = Playground::new(7);
    let mut ctx = context(CRASH);
    ctx.watch_ms_max = 120_000;
    let _ = p.run("kubectl apply -f editor.yaml", &ctx);
    let out = p.run("kubectl get pods -w", &ctx);
    let watch = out.watch.expect("a watch");
    assert!(out.advanced_ms <= 120_000, "the watch stops at its limit");
    assert!(!watch.frames.is_empty());
    assert!(watch.frames.windows(2).all(|w| w[0].at <= w[1].at), "frames are in time order");
    assert!(watch.frames.iter().any(|f| f.line.contains("CrashLoopBackOff")), "{:?}", watch.frames);
    assert!(out.stdout.ends_with(&format!("{}\n", watch.frames.last().unwrap().line)));
}

#[test]
fn events_wide_name_and_json() {
    let mut p = Playground::new(7);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml",
            "+15",
            "kubectl get events -o wide",
            "kubectl get ev -o name",
            "kubectl get events -o jsonpath='{.items[0]}'",
        ],
    );
    expect_file!["snapshots/kubectl_get_events_wide.txt"].assert_eq(&t);
}

#[test]
fn field_selectors() {
    let mut p = Playground::new(7);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml -f crash.yaml",
            "+15",
            "kubectl get events --field-selector involvedObject.name=web,reason=Pulled",
            "kubectl get events --field-selector type=Warning",
            "kubectl get pods --field-selector status.phase=Running",
            "kubectl get pods --field-selector=status.phase!=Running,spec.restartPolicy=Always",
            "kubectl get pods -A --field-selector metadata.namespace=kube-system",
            "kubectl get nodes --field-selector spec.unschedulable=false,metadata.name!=control-plane",
            "kubectl get pods --field-selector foo=bar -l app=web",
            "kubectl get deploy --field-selector spec.replicas=2",
            "kubectl get pods --field-selector oops",
            "kubectl get events -w --field-selector type=Warning",
        ],
    );
    expect_file!["snapshots/kubectl_get_field_selector.txt"].assert_eq(&t);
}

/// The kubelet's events name the container they are about
/// (`involvedObject.fieldPath`), so two containers that restart from the same
/// image count their events apart, as client-go's correlator keys them
/// (`tools/record/events_cache.go` `getEventKey` includes the field path).
#[test]
fn container_events_carry_their_field_path() {
    const TWO_CRASHING: &str = "apiVersion: v1
kind: Pod
metadata:
  name: twins
spec:
  initContainers:
  - name: prep
    image: busybox:1.36
    command: ['sh', '-c', 'true']
  containers:
  - name: a
    image: busybox:1.36
    command: ['sh', '-c', 'exit 1']
  - name: b
    image: busybox:1.36
    command: ['sh', '-c', 'exit 1']
";
    let mut p = Playground::new(7);
    let ctx = context(TWO_CRASHING);
    p.run("kubectl apply -f editor.yaml", &ctx);
    p.cluster.advance_by(60_000);

    let present = "Container image \"busybox:1.36\" already present on machine";
    let pulled: Vec<(String, u32)> = p
        .cluster
        .events()
        .into_iter()
        .filter(|e| e.reason == "Pulled" && e.message == present)
        .map(|e| (e.object.field_path.clone(), e.count))
        .collect();
    let paths: Vec<&str> = pulled.iter().map(|(f, _)| f.as_str()).collect();
    assert!(paths.contains(&"spec.containers{a}") && paths.contains(&"spec.containers{b}"), "{pulled:?}");
    assert_eq!(paths.len(), 2, "one event per container, not one merged: {pulled:?}");
    assert!(pulled.iter().all(|(_, n)| *n >= 2), "each container restarted and counted its own: {pulled:?}");

    let wide =
        p.run("kubectl get events -o wide --field-selector involvedObject.fieldPath=spec.initContainers{prep}", &ctx);
    assert_eq!(wide.exit_code, 0, "{}", wide.stderr);
    let rows: Vec<&str> = wide.stdout.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.contains("spec.initContainers{prep}")), "{}", wide.stdout);
    assert!(rows.iter().any(|r| r.contains("Started container prep")), "{}", wide.stdout);

    let json =
        p.run("kubectl get events --field-selector reason=Scheduled -o jsonpath={.items[0].involvedObject}", &ctx);
    assert!(!json.stdout.contains("fieldPath"), "a pod-level event has no field path: {}", json.stdout);
    let json = p.run(
        "kubectl get events --field-selector reason=BackOff -o jsonpath={.items[*].involvedObject.fieldPath}",
        &ctx,
    );
    assert_eq!(
        {
            // Which container backs off first depends on the pulls.
            let mut paths = json.stdout.split_whitespace().collect::<Vec<_>>();
            paths.sort();
            paths
        },
        ["spec.containers{a}", "spec.containers{b}"],
        "{}",
        json.stdout
    );
}

/// One named object that is missing is only an error, whatever the output
/// format; several names print a List of those found, and an unnamed get
/// that finds nothing prints an empty List (kubectl get.go printGeneric).
#[test]
fn a_missing_named_object_prints_no_list() {
    let mut p = Playground::new(3);
    let ctx = context(WEB);
    p.run("kubectl apply -f editor.yaml", &ctx);
    for format in ["yaml", "json", "jsonpath={.kind}"] {
        let out = p.run(&format!("kubectl get pod nope -o {format}"), &ctx);
        assert_eq!((out.stdout.as_str(), out.exit_code), ("", 1), "-o {format}");
        assert_eq!(out.stderr, "Error from server (NotFound): pods \"nope\" not found\n");
    }
    let out = p.run("kubectl get pod web nope -o jsonpath={.kind}", &ctx);
    assert_eq!((out.stdout.as_str(), out.exit_code), ("List", 1));
    let out = p.run("kubectl get pods -n elsewhere -o jsonpath={.kind}", &ctx);
    assert_eq!((out.stdout.as_str(), out.exit_code), ("List", 0));
}

/// `--sort-by` orders any listing by a JSONPath field, as kubectl's
/// RuntimeSort does: natural order for names, numbers by value, objects
/// without the field first; a bad path is an error that says how to write one.
#[test]
fn sort_by_orders_listings() {
    let mut p = Playground::new(3);
    let pods: String = ["web-10", "web-9", "api"]
        .iter()
        .map(|n| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {n}}}\nspec: {{containers: [{{name: c, image: nginx:1.27}}]}}\n---\n"))
        .collect();
    let ctx = context(&pods);
    p.run("kubectl apply -f editor.yaml", &ctx);
    p.run("kubectl apply -f crash.yaml", &ctx);
    p.cluster.advance_by(120_000);
    let names = |p: &mut Playground, line: &str| {
        p.run(line, &ctx)
            .stdout
            .lines()
            .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&mut p, "kubectl get pods"), ["NAME", "api", "crash", "web-10", "web-9"]);
    assert_eq!(names(&mut p, "kubectl get pods --sort-by=.metadata.name"), ["NAME", "api", "crash", "web-9", "web-10"]);
    let by_restarts = names(&mut p, "kubectl get pods --sort-by={.status.containerStatuses[0].restartCount} -o name");
    assert_eq!(by_restarts.last().map(String::as_str), Some("pod/crash"), "{by_restarts:?}");
    let out = p.run(
        "kubectl get events --sort-by=.metadata.creationTimestamp -o jsonpath={.items[*].metadata.creationTimestamp}",
        &ctx,
    );
    let stamps: Vec<&str> = out.stdout.split(' ').collect();
    assert!(stamps.len() > 5 && stamps.windows(2).all(|w| w[0] <= w[1]), "{stamps:?}");
    let out = p.run("kubectl get pods --sort-by={.metadata[}", &ctx);
    assert_eq!(out.exit_code, 1);
    assert!(out.stderr.starts_with("error: error parsing jsonpath"), "{}", out.stderr);
    assert!(out.explain.is_some());
}
