//! Golden tests of the troubleshooting and node-maintenance verbs: taint,
//! drain, cluster-info, api-versions, get cs, logs with selectors and
//! TYPE/NAME, cp and debug. The key lines are asserted word for word as
//! kubectl 1.35's source prints them; the transcripts keep the rest.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript, WEB};
use podplay_engine::kubectl::{Context, Playground};

/// Three replicas that print a numbered tick every two seconds.
const TICKER: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: app
        image: busybox:1.36
        command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 2; done']
";

/// A distroless image: its program and nothing else (no shell, no tar).
const DISTROLESS: &str = "apiVersion: v1
kind: Pod
metadata:
  name: static-app
spec:
  containers:
  - name: app
    image: gcr.io/distroless/static-debian12
";

fn ctx() -> Context {
    let mut ctx = context(WEB);
    ctx.files.insert("ticker.yaml".into(), TICKER.into());
    ctx.files.insert("distroless.yaml".into(), DISTROLESS.into());
    ctx
}

#[test]
fn cluster_info_api_versions_and_component_statuses() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    let out = p.run("kubectl cluster-info", &ctx);
    // clusterinfo.go: the control plane, each cluster-service, then the dump hint.
    assert_eq!(
        out.stdout,
        "Kubernetes control plane is running at https://172.18.0.2:6443\n\
         CoreDNS is running at https://172.18.0.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\
         \n\
         To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
    );
    let out = p.run("kubectl api-versions", &ctx);
    assert_eq!(out.stdout, "apps/v1\nbatch/v1\npolicy/v1\nscheduling.k8s.io/v1\nv1\n");
    let out = p.run("kubectl get cs", &ctx);
    assert_eq!(out.stderr, "Warning: v1 ComponentStatus is deprecated in v1.19+\n");
    assert_eq!(
        out.stdout,
        "NAME                 STATUS    MESSAGE   ERROR\n\
         scheduler            Healthy   ok        \n\
         controller-manager   Healthy   ok        \n\
         etcd-0               Healthy   ok        \n"
    );
    let out = p.run("kubectl get componentstatuses etcd-0 -o name", &ctx);
    assert_eq!(out.stdout, "componentstatus/etcd-0\n");
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl api-versions extra",
            "kubectl cluster-info dump",
            "kubectl get cs nope",
            "kubectl get cs scheduler -o yaml",
        ],
    );
    expect_file!["snapshots/kubectl_troubleshoot_info.txt"].assert_eq(&t);
}

#[test]
fn taint_adds_replaces_removes_and_noexecute_evicts() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    p.run("kubectl apply -f ticker.yaml", &ctx);
    p.cluster.advance_by(20_000);
    let out = p.run("kubectl taint nodes worker-1 dedicated=gpu:NoSchedule", &ctx);
    assert_eq!(out.stdout, "node/worker-1 tainted\n");
    let out = p.run("kubectl taint nodes worker-1 dedicated=gpu:NoSchedule", &ctx);
    assert_eq!(
        out.stderr,
        "error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n"
    );
    let out = p.run("kubectl taint nodes worker-1 dedicated=cpu:NoSchedule --overwrite", &ctx);
    assert_eq!(out.stdout, "node/worker-1 modified\n");
    let out = p.run("kubectl taint nodes worker-1 dedicated:NoSchedule-", &ctx);
    assert_eq!(out.stdout, "node/worker-1 untainted\n");
    let out = p.run("kubectl taint nodes worker-1 dedicated-", &ctx);
    assert_eq!(out.stderr, "error: taint \"dedicated\" not found\n");
    let out = p.run("kubectl taint nodes worker-1 dedicated=gpu:Sometimes", &ctx);
    assert_eq!(
        out.stderr,
        "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n"
    );
    let on = |p: &Playground, node: &str| {
        p.cluster.pods().iter().filter(|v| v.node.as_deref() == Some(node) && !v.deleting).count()
    };
    assert!(on(&p, "worker-1") > 0, "the ticker runs on worker-1 before the NoExecute taint");
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl taint nodes worker-1 maintenance=now:NoExecute",
            "+40",
            "kubectl get pods -o wide",
            "kubectl describe node worker-1",
            "kubectl taint node worker-1 maintenance:NoExecute-",
            "kubectl taint nodes -l kubernetes.io/hostname=worker-2 team=a:PreferNoSchedule",
            "kubectl taint nodes --all team-",
            "kubectl taint pods web a=b:NoSchedule",
            "kubectl taint nodes worker-1",
            "kubectl taint nodes a=b:NoSchedule",
            "kubectl taint nodes worker-1 a=b:NoSchedule worker-2",
            "kubectl taint nodes worker-1 a=b:NoSchedule a-",
            "kubectl taint nodes nope a=b:NoSchedule",
            "kubectl taint nodes worker-1 'bad key=b:NoSchedule'",
        ],
    );
    assert_eq!(on(&p, "worker-1"), 0, "NoExecute evicted every pod that does not tolerate it");
    expect_file!["snapshots/kubectl_troubleshoot_taint.txt"].assert_eq(&t);
}

#[test]
fn drain_cordons_evicts_and_refuses_bare_pods_without_force() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    p.run("kubectl apply -f editor.yaml -f ticker.yaml", &ctx);
    p.cluster.advance_by(20_000);
    let web_node = p.cluster.pod("default", "web").and_then(|v| v.node).unwrap_or_default();
    let out = p.run(&format!("kubectl drain {web_node}"), &ctx);
    // drain.go RunDrain: the error per node, the pending nodes, then the aggregate.
    assert_eq!(
        out.stderr,
        format!(
            "error: unable to drain node \"{web_node}\" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/web, continuing command...\n\
             There are pending nodes to be drained:\n \
             {web_node}\n\
             error: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/web\n"
        )
    );
    assert_eq!(out.stdout, format!("node/{web_node} cordoned\n"));
    let out = p.run(&format!("kubectl drain {web_node} --delete-emptydir-data"), &ctx);
    assert!(
        out.stderr.contains("cannot delete Pods that declare no controller (use --force to override): default/web"),
        "{}",
        out.stderr
    );
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl get pods -o wide",
            "kubectl drain worker-1 --dry-run=client --force --delete-emptydir-data",
            "kubectl drain worker-1 --force --delete-emptydir-data --ignore-daemonsets",
            "kubectl drain worker-2 --force --delete-emptydir-data --grace-period=5",
            "kubectl get pods -o wide",
            "kubectl get nodes",
            "kubectl uncordon worker-1 worker-2",
            "kubectl drain",
            "kubectl drain nope",
            "kubectl drain worker-1 -l kubernetes.io/os=linux",
            "kubectl drain worker-1 --timeout=soon",
        ],
    );
    assert!(p.cluster.pod("default", "web").is_none(), "--force evicts the bare pod for good");
    expect_file!["snapshots/kubectl_troubleshoot_drain.txt"].assert_eq(&t);
}

#[test]
fn drain_times_out_in_virtual_time() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    p.run("kubectl apply -f editor.yaml", &ctx);
    p.cluster.advance_by(20_000);
    let node = p.cluster.pod("default", "web").and_then(|v| v.node).unwrap_or_default();
    // The writer's shell ignores SIGTERM; its 30 s grace outlasts a 5 s timeout.
    let out = p.run(&format!("kubectl drain {node} --force --delete-emptydir-data --timeout=5s"), &ctx);
    assert_eq!(out.exit_code, 1, "{out:?}");
    assert!(
        out.stderr.contains(
            "error when waiting for pod \"web\" in namespace \"default\" to terminate: global timeout reached: 5s"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(out.advanced_ms, 5_000);
}

#[test]
fn logs_by_selector_type_name_and_time() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    p.run("kubectl apply -f editor.yaml -f ticker.yaml", &ctx);
    p.cluster.advance_by(30_000);
    let out = p.run("kubectl logs -l app=api -f --max-log-requests=2", &ctx);
    assert_eq!(
        out.stderr,
        "error: you are attempting to follow 3 log streams, but maximum allowed concurrency is 2, use --max-log-requests to increase the limit\n"
    );
    let out = p.run("kubectl logs -l app=api", &ctx);
    assert_eq!(out.stdout.lines().count(), 30, "ten lines (the selector's default tail) from each of three pods");
    let out = p.run("kubectl logs deploy/api --tail=1", &ctx);
    assert!(out.stderr.starts_with("Found 3 pods, using pod/api-"), "{}", out.stderr);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl logs -l app=api --tail=2 --prefix",
            "kubectl logs -l app=web --tail=1 --prefix",
            "kubectl logs -l app=web --all-containers --tail=1 --prefix",
            "kubectl logs deploy/api --tail=1",
            "kubectl logs deployment/api --since=5s",
            "kubectl logs rs/nope",
            "kubectl logs node/worker-1",
            "kubectl logs web -c writer --since-time=2026-01-01T00:00:25Z --timestamps",
            "kubectl logs web -c writer --since=5s --since-time=2026-01-01T00:00:25Z",
            "kubectl logs web --since=abc",
            "kubectl logs web -l app=web",
            "kubectl logs -l app=nope",
            "kubectl logs web --all-containers --tail=1",
            "kubectl logs web writer --tail=1",
            "kubectl logs -l app=api -f --tail=0 --prefix",
        ],
    );
    expect_file!["snapshots/kubectl_troubleshoot_logs.txt"].assert_eq(&t);
}

#[test]
fn cp_copies_both_ways_and_needs_tar() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    p.run("kubectl apply -f editor.yaml -f distroless.yaml", &ctx);
    p.cluster.advance_by(20_000);
    let out = p.run("kubectl cp web:/etc/nginx/conf.d/default.conf nginx.conf", &ctx);
    assert_eq!(out.exit_code, 0, "{out:?}");
    // The exec's ErrOut is kubectl's stdout in copyFromPod: both notes land there.
    assert_eq!(
        out.stdout,
        "Defaulted container \"nginx\" out of: nginx, writer\ntar: removing leading '/' from member names\n"
    );
    assert!(out.files.get("nginx.conf").is_some_and(|f| f.contains("listen       80;")), "{:?}", out.files);
    let out = p.run("kubectl cp editor.yaml web:/shared/pod.yaml -c writer", &ctx);
    assert_eq!(out.exit_code, 0, "{out:?}");
    // The shared volume carries the copied file to the other container.
    let out = p.run("kubectl exec web -c nginx -- cat /usr/share/nginx/html/pod.yaml", &ctx);
    assert_eq!(out.stdout, WEB);
    let out = p.run("kubectl cp static-app:/etc/hostname hostname", &ctx);
    assert!(
        out.stderr.ends_with(
            "OCI runtime exec failed: exec failed: unable to start container process: exec: \"tar\": executable file not found in $PATH: unknown\n"
        ),
        "{}",
        out.stderr
    );
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl cp web:/etc/os-release . -c writer",
            "kubectl cp editor.yaml web:/tmp -c writer",
            "kubectl exec web -c writer -- ls /tmp",
            "kubectl cp editor.yaml default/web:/tmp/again.yaml",
            "kubectl cp web:/nope x -c writer",
            "kubectl cp editor.yaml web:/nodir/x -c writer",
            "kubectl cp nofile.yaml web:/tmp/x",
            "kubectl cp editor.yaml static-app:/tmp/x",
            "kubectl exec static-app -- sh",
            "kubectl cp a b",
            "kubectl cp a:/x b:/y",
            "kubectl cp web:/x",
            "kubectl cp nope:/x y",
        ],
    );
    expect_file!["snapshots/kubectl_troubleshoot_cp.txt"].assert_eq(&t);
}

#[test]
fn debug_adds_an_ephemeral_container_in_the_targets_pid_namespace() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    p.run("kubectl apply -f editor.yaml", &ctx);
    p.cluster.advance_by(20_000);
    let out = p.run("kubectl debug web -it --image=busybox:1.36 --target=nginx", &ctx);
    assert_eq!(out.exit_code, 0, "{out:?}");
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("Targeting container \"nginx\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.")
    );
    let named = lines.next().unwrap_or_default();
    let name = named
        .strip_prefix("Defaulting debug container name to ")
        .and_then(|n| n.strip_suffix('.'))
        .unwrap_or_default()
        .to_string();
    assert!(name.starts_with("debugger-") && name.len() == "debugger-".len() + 5, "{named}");
    assert_eq!(out.stderr, "If you don't see a command prompt, try pressing enter.\n");
    // `-it` opened a shell in the debugger; leave it to use kubectl again.
    assert_eq!(p.shell_prompt().as_deref(), Some("/ # "));
    p.run("exit", &ctx);
    // The debugger sees the target's processes: nginx is pid 1 of its namespace.
    let ps = p.run(&format!("kubectl exec web -c {name} -- ps"), &ctx);
    assert!(ps.stdout.contains("    1 root      0:00 nginx -g daemon off;"), "{}", ps.stdout);
    // The writer has its own pid namespace and does not see nginx.
    let ps = p.run("kubectl exec web -c writer -- ps", &ctx);
    assert!(!ps.stdout.contains("nginx"), "{}", ps.stdout);
    let yaml = p.run("kubectl get pod web -o yaml", &ctx).stdout;
    assert!(yaml.contains("  ephemeralContainers:\n  - image: busybox:1.36\n"), "{yaml}");
    assert!(yaml.contains("    targetContainerName: nginx\n"), "{yaml}");
    assert!(yaml.contains("  ephemeralContainerStatuses:\n"), "{yaml}");
    let describe = p.run("kubectl describe pod web", &ctx).stdout;
    assert!(describe.contains(&format!("Ephemeral Containers:\n  {name}:\n")), "{describe}");
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl debug web --image=busybox:1.36 -c dbg -- sleep 5",
            "kubectl debug web --image=busybox:1.36 -c dbg",
            "kubectl debug web --image=busybox:1.36 --target=nope -q",
            "kubectl debug web -t --image=busybox:1.36",
            "kubectl debug web",
            "kubectl debug web --image=busybox:1.36 --profile=bogus",
            "kubectl debug nope --image=busybox:1.36",
            "kubectl debug deploy/web --image=busybox:1.36",
            "+10",
            "kubectl get pod web -o jsonpath={.status.ephemeralContainerStatuses[1].state}",
            "kubectl logs web -c nope",
            "kubectl debug node/worker-1 -it --image=busybox:1.36",
            "exit",
            "kubectl get pods -o wide",
        ],
    );
    expect_file!["snapshots/kubectl_troubleshoot_debug.txt"].assert_eq(&t);
    let node_pod = p.cluster.pods().into_iter().find(|v| v.name.starts_with("node-debugger-worker-1-"));
    let spec = node_pod.map(|v| v.pod.spec).unwrap_or_default();
    assert_eq!((spec.host_pid, spec.host_network, spec.host_ipc), (Some(true), Some(true), Some(true)));
    assert!(spec.containers.iter().any(|c| c.volume_mounts.iter().any(|m| m.mount_path == "/host")));
}

#[test]
fn explain_covers_the_served_kinds() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    for (kind, version) in [
        ("pods", "v1"),
        ("nodes", "v1"),
        ("events", "v1"),
        ("namespaces", "v1"),
        ("configmaps", "v1"),
        ("secrets", "v1"),
        ("deployments", "apps/v1"),
        ("replicasets", "apps/v1"),
        ("jobs", "batch/v1"),
        ("cronjobs", "batch/v1"),
    ] {
        let out = p.run(&format!("kubectl explain {kind}"), &ctx);
        assert_eq!(out.exit_code, 0, "{kind}: {out:?}");
        let group = version.split_once('/').map(|(g, _)| g).unwrap_or("");
        let v = version.rsplit('/').next().unwrap_or(version);
        let head =
            if group.is_empty() { "KIND:       ".to_string() } else { format!("GROUP:      {group}\nKIND:       ") };
        assert!(out.stdout.starts_with(&head), "{kind}: {}", out.stdout);
        assert!(out.stdout.contains(&format!("VERSION:    {v}\n")), "{kind}: {}", out.stdout);
    }
    let out = p.run("kubectl explain events.involvedObject", &ctx);
    assert!(out.stdout.contains("FIELD: involvedObject <ObjectReference>"), "{}", out.stdout);
}

#[test]
fn reapplying_a_debugged_pod_keeps_its_ephemeral_containers() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    p.run("kubectl apply -f editor.yaml", &ctx);
    p.cluster.advance_by(20_000);
    p.run("kubectl debug web --image=busybox:1.36 -c dbg -- sleep 3600", &ctx);
    let out = p.run("kubectl apply -f editor.yaml", &ctx);
    assert_eq!(out.stdout, "pod/web unchanged\n", "{out:?}");
    let yaml = p.run("kubectl get pod web -o yaml", &ctx).stdout;
    assert!(yaml.contains("    name: dbg\n"), "{yaml}");
}

#[test]
fn ephemeral_containers_cannot_be_set_on_create() {
    let mut p = Playground::new(5);
    let mut ctx = ctx();
    let with_ephemeral = format!("{WEB}  ephemeralContainers:\n  - name: dbg\n    image: busybox:1.36\n");
    ctx.files.insert("eph.yaml".into(), with_ephemeral);
    let out = p.run("kubectl apply -f eph.yaml", &ctx);
    assert_eq!(
        out.stderr,
        "The Pod \"web\" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create\n"
    );
}

#[test]
fn noexecute_honours_toleration_seconds() {
    let mut p = Playground::new(5);
    let mut ctx = ctx();
    let pod = |name: &str, toleration: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  nodeName: worker-1\n  tolerations:\n{toleration}  containers:\n  - name: app\n    image: nginx:1.27\n"
        )
    };
    ctx.files.insert(
        "brief.yaml".into(),
        pod("brief", "  - {key: maintenance, operator: Exists, effect: NoExecute, tolerationSeconds: 30}\n"),
    );
    ctx.files
        .insert("forever.yaml".into(), pod("forever", "  - {key: maintenance, operator: Exists, effect: NoExecute}\n"));
    ctx.files.insert("none.yaml".into(), pod("none", ""));
    p.run("kubectl apply -f brief.yaml -f forever.yaml -f none.yaml", &ctx);
    p.cluster.advance_by(10_000);
    let out = p.run("kubectl taint nodes worker-1 maintenance=now:NoExecute", &ctx);
    assert_eq!(out.stdout, "node/worker-1 tainted\n");
    let alive = |p: &Playground, name: &str| p.cluster.pod("default", name).is_some_and(|v| !v.deleting);
    p.cluster.advance_by(5_000);
    assert!(!alive(&p, "none"), "an untolerated NoExecute taint evicts at once");
    assert!(alive(&p, "brief") && alive(&p, "forever"));
    p.cluster.advance_by(30_000);
    assert!(!alive(&p, "brief"), "tolerationSeconds ran out");
    assert!(alive(&p, "forever"), "a toleration without tolerationSeconds lasts");
    let events = p.run("kubectl get events --field-selector reason=TaintManagerEviction", &ctx).stdout;
    assert!(events.contains("Marking for deletion Pod default/brief"), "{events}");
}

#[test]
fn logs_honour_the_default_container_annotation() {
    let mut p = Playground::new(5);
    let mut ctx = ctx();
    let annotated = |value: &str| {
        WEB.replace(
            "  labels:\n",
            &format!("  annotations:\n    kubectl.kubernetes.io/default-container: {value}\n  labels:\n"),
        )
    };
    ctx.files.insert("good.yaml".into(), annotated("writer"));
    p.run("kubectl apply -f good.yaml", &ctx);
    p.cluster.advance_by(20_000);
    let out = p.run("kubectl logs web --tail=1", &ctx);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("wrote\n", ""));
    p.run("kubectl delete pod web --now", &ctx);
    p.cluster.advance_by(20_000);
    ctx.files.insert("bad.yaml".into(), annotated("sidecar").replace("name: web\n", "name: web2\n"));
    p.run("kubectl apply -f bad.yaml", &ctx);
    p.cluster.advance_by(20_000);
    let out = p.run("kubectl logs web2 --tail=1", &ctx);
    assert_eq!(
        out.stderr,
        "Default container name \"sidecar\" not found in pod web2\nDefaulted container \"nginx\" out of: nginx, writer\n"
    );
}

#[test]
fn the_node_debugger_sees_the_host_root() {
    let mut p = Playground::new(5);
    let ctx = ctx();
    let out = p.run("kubectl debug node/worker-1 --image=busybox:1.36 -- sleep 3600", &ctx);
    assert_eq!(out.exit_code, 0, "{out:?}");
    p.cluster.advance_by(10_000);
    let name =
        p.cluster.pods().into_iter().map(|v| v.name).find(|n| n.starts_with("node-debugger-")).unwrap_or_default();
    let ls = p.run(&format!("kubectl exec {name} -- ls /host"), &ctx);
    assert_eq!(ls.exit_code, 0, "{ls:?}");
}
