//! Namespace and resource facts inside a pod: shared net/UTS/IPC, private
//! mnt and pid (unless shared), port clashes, volumes, limits, probes,
//! signals, exec and logs, asserted against the pod runtime.

mod internals_support;

use std::collections::BTreeMap;

use internals_support::{pod_from_yaml, Harness, POD_IP};
use podplay_engine::runtime::{ContainerRuntime, ProbeAction, ProbeResult, Signal, TrafficKind};
use podplay_engine::SimTime;

fn run(yaml: &str, ms: u64) -> Harness {
    let mut h = Harness::new(pod_from_yaml(yaml));
    h.start_all();
    h.advance_ms(ms);
    h
}

const TWO: &str = r#"
apiVersion: v1
kind: Pod
metadata: {name: two, labels: {app: demo}}
spec:
  containers:
  - name: web
    image: nginx:1.29
    volumeMounts: [{name: shared, mountPath: /usr/share/nginx/html}]
  - name: shell
    image: busybox:1.36
    command: ["sh", "-c", "echo hi from shell > /data/index.html; echo private > /tmp/mine; sleep 3600"]
    volumeMounts: [{name: shared, mountPath: /data}]
  volumes:
  - name: shared
    emptyDir: {}
"#;

#[test]
fn containers_share_net_uts_ipc_but_not_mnt_or_pid() {
    let h = run(TWO, 1_000);
    let view = h.rt.inspect(&h.uid).expect("pod view");
    let [web, shell] = [&view.containers[0], &view.containers[1]];
    assert_eq!(web.namespaces.net, shell.namespaces.net);
    assert_eq!(web.namespaces.uts, shell.namespaces.uts);
    assert_eq!(web.namespaces.ipc, shell.namespaces.ipc);
    assert_eq!(web.namespaces.net, view.net_ns);
    assert_ne!(web.namespaces.mnt, shell.namespaces.mnt);
    assert_ne!(web.namespaces.pid, shell.namespaces.pid);
    assert_eq!(web.namespaces.user, shell.namespaces.user);
    assert!(web.namespaces.net > 4_026_531_840, "kernel-like inode numbers");
    assert_eq!(web.hostname, "two");
    assert_eq!(web.listening, vec![80]);
    // Each container's main process is PID 1 in its own pid namespace.
    assert_eq!(web.processes.first().map(|p| (p.pid, p.command.as_str())), Some((1, "nginx -g daemon off;")));
    assert_eq!(shell.processes.first().map(|p| p.pid), Some(1));
    assert!(shell.processes.iter().any(|p| p.command == "sleep 3600"));
    assert!(!shell.processes.iter().any(|p| p.command.starts_with("nginx")));
}

#[test]
fn namespace_numbers_are_deterministic() {
    let a = run(TWO, 10).rt.inspect("uid-1");
    let b = run(TWO, 10).rt.inspect("uid-1");
    assert_eq!(a, b);
}

#[test]
fn hostname_is_the_same_in_every_container() {
    let mut h = run(TWO, 500);
    assert_eq!(h.exec("web", &["hostname"]).stdout, "two\n");
    assert_eq!(h.exec("shell", &["hostname"]).stdout, "two\n");
    assert_eq!(h.exec("shell", &["cat", "/etc/hostname"]).stdout, "two\n");
    let custom = TWO.replace("spec:\n  containers:", "spec:\n  hostname: custom-host\n  containers:");
    let mut h = run(&custom, 500);
    assert_eq!(h.exec("web", &["hostname"]).stdout, "custom-host\n");
}

#[test]
fn files_cross_containers_only_through_a_shared_volume() {
    let mut h = run(TWO, 500);
    assert_eq!(h.exec("web", &["cat", "/usr/share/nginx/html/index.html"]).stdout, "hi from shell\n");
    let private = h.exec("web", &["cat", "/tmp/mine"]);
    assert_eq!(private.stderr, "cat: can't open '/tmp/mine': No such file or directory\n");
    assert_eq!(private.exit_code, 1);
    assert_eq!(h.exec("shell", &["cat", "/tmp/mine"]).stdout, "private\n");
    // And over localhost, the shell container gets the page nginx serves from the volume.
    assert_eq!(h.exec("shell", &["wget", "-qO-", "http://localhost"]).stdout, "hi from shell\n");
    assert_eq!(h.exec("shell", &["wget", "-qO-", &format!("http://{POD_IP}:80/")]).stdout, "hi from shell\n");
}

#[test]
fn shared_process_namespace_shows_every_process_and_pause_as_pid_1() {
    let yaml = TWO.replace("spec:\n  containers:", "spec:\n  shareProcessNamespace: true\n  containers:");
    let mut h = run(&yaml, 500);
    let view = h.rt.inspect(&h.uid).expect("view");
    assert_eq!(view.containers[0].namespaces.pid, view.containers[1].namespaces.pid);
    assert_eq!(view.pid_ns, Some(view.containers[0].namespaces.pid));
    let ps = h.exec("shell", &["ps"]).stdout;
    let lines: Vec<&str> = ps.lines().collect();
    assert_eq!(lines.first(), Some(&"PID   USER     TIME  COMMAND"));
    assert_eq!(lines.get(1), Some(&"    1 root      0:00 /pause"));
    assert!(ps.contains("nginx -g daemon off;"), "{ps}");
    assert!(ps.contains("sleep 3600"), "{ps}");
    assert!(ps.contains(" ps"), "{ps}");
    // Without sharing, ps shows only the container's own processes.
    let mut h = run(TWO, 500);
    let ps = h.exec("shell", &["ps"]).stdout;
    assert!(!ps.contains("nginx") && !ps.contains("/pause"), "{ps}");
}

#[test]
fn two_containers_on_one_port_crash_loop() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: clash}
spec:
  containers:
  - {name: first, image: nginx}
  - {name: second, image: nginx}
"#;
    let mut h = run(yaml, 1_000);
    assert!(h.exits("first").is_empty());
    assert_eq!(h.exits("second").first().map(|e| e.1), Some(1));
    assert!(h
        .logs("second")
        .iter()
        .any(|l| l == "nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)"));
    // The kubelet restarts it after a back-off; it fails the same way each time.
    let second = h.pod.spec.containers[1].clone();
    for round in 0..3 {
        h.advance_ms(10_000);
        h.rt.start(&h.id("second"), &second, h.now).expect("restart");
        h.advance_ms(100);
        assert_eq!(h.exits("second").len(), round + 2);
    }
    assert!(h.exits("second").iter().all(|e| e.1 == 1));
    let prev = h.rt.logs(&h.id("second"), true);
    assert!(prev.iter().any(|l| l.line.contains("Address already in use")));
}

#[test]
fn read_only_mounts_and_sub_paths_are_honoured() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: ro}
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "echo x > /ro/file; echo rc=$?; echo in-sub > /sub/note; sleep 3600"]
    volumeMounts:
    - {name: v, mountPath: /ro, readOnly: true}
    - {name: v, mountPath: /sub, subPath: nested/dir}
  volumes:
  - {name: v, emptyDir: {}}
"#;
    let mut h = run(yaml, 500);
    assert_eq!(h.logs("a"), vec!["sh: can't create /ro/file: Read-only file system", "rc=1"]);
    assert_eq!(h.exec("a", &["cat", "/ro/nested/dir/note"]).stdout, "in-sub\n");
}

#[test]
fn config_maps_secrets_and_the_downward_api_become_files() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: cfg, labels: {tier: web}}
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    env:
    - {name: GREETING, valueFrom: {configMapKeyRef: {name: app-config, key: greeting}}}
    - {name: MY_POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    volumeMounts:
    - {name: config, mountPath: /etc/config}
    - {name: creds, mountPath: /etc/creds}
    - {name: info, mountPath: /etc/podinfo}
  volumes:
  - {name: config, configMap: {name: app-config}}
  - {name: creds, secret: {secretName: db}}
  - name: info
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
"#;
    let mut h = Harness::new(pod_from_yaml(yaml));
    h.rt.set_config_map("default", "app-config", BTreeMap::from([("greeting".to_string(), "hello".to_string())]));
    h.rt.set_secret("default", "db", BTreeMap::from([("password".to_string(), "s3cr3t".to_string())]));
    h.start_all();
    h.advance_ms(100);
    assert_eq!(h.exec("a", &["cat", "/etc/config/greeting"]).stdout, "hello");
    assert_eq!(h.exec("a", &["cat", "/etc/creds/password"]).stdout, "s3cr3t");
    assert_eq!(h.exec("a", &["cat", "/etc/podinfo/labels"]).stdout, "tier=\"web\"\n");
    assert_eq!(h.exec("a", &["sh", "-c", "echo $GREETING $MY_POD"]).stdout, "hello cfg\n");
    let ro = h.exec("a", &["sh", "-c", "echo x > /etc/config/new"]);
    assert_eq!(ro.stderr, "sh: can't create /etc/config/new: Read-only file system\n");
}

#[test]
fn memory_backed_empty_dir_counts_against_the_memory_limit() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: tmpfs}
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "i=0; while true; do seq 100000 >> /cache/f$i; i=$((i+1)); sleep 1; done"]
    resources: {limits: {memory: 5Mi}}
    volumeMounts: [{name: cache, mountPath: /cache}]
  volumes:
  - {name: cache, emptyDir: {medium: Memory}}
"#;
    let h = run(yaml, 60_000);
    let exits = h.exits("a");
    assert_eq!(exits.first().map(|e| (e.1, e.2)), Some((137, true)), "{exits:?}");
}

#[test]
fn disk_empty_dir_over_its_size_limit_asks_for_eviction() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: disk}
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "seq 100000 > /cache/big; sleep 3600"]
    volumeMounts: [{name: cache, mountPath: /cache}]
  volumes:
  - {name: cache, emptyDir: {sizeLimit: 100Ki}}
"#;
    let mut h = run(yaml, 1_000);
    let ev = h.rt.take_evictions();
    assert_eq!(
        ev,
        vec![("uid-1".to_string(), "Usage of EmptyDir volume \"cache\" exceeds the limit \"100Ki\".".to_string())]
    );
}

#[test]
fn a_spinning_program_is_throttled_at_its_cpu_limit() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: spin}
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "while true; do :; done"]
    resources: {limits: {cpu: 500m}}
"#;
    let h = run(yaml, 5_000);
    let u = h.rt.usage(&h.uid);
    assert_eq!(u.first().map(|u| (u.cpu_millicores, u.cpu_throttled)), Some((500, true)));
}

#[test]
fn probes_answer_like_the_kubelet_reports_them() {
    let mut h = run(TWO, 500);
    let web = h.id("web");
    let ok = ProbeAction::HttpGet { port: 80, path: "/".into(), host: None };
    assert_eq!(h.rt.probe(&web, &ok, h.now), ProbeResult::Success);
    let missing = ProbeAction::HttpGet { port: 80, path: "/healthz".into(), host: None };
    assert_eq!(
        h.rt.probe(&web, &missing, h.now),
        ProbeResult::Failure { message: "HTTP probe failed with statuscode: 404".into() }
    );
    let refused = ProbeAction::HttpGet { port: 8080, path: "/healthz".into(), host: None };
    assert_eq!(
        h.rt.probe(&web, &refused, h.now),
        ProbeResult::Failure {
            message: format!(
                "Get \"http://{POD_IP}:8080/healthz\": dial tcp {POD_IP}:8080: connect: connection refused"
            )
        }
    );
    assert_eq!(
        h.rt.probe(&web, &ProbeAction::TcpSocket { port: 6379 }, h.now),
        ProbeResult::Failure { message: format!("dial tcp {POD_IP}:6379: connect: connection refused") }
    );
    h.advance_ms(0);
    assert!(h.traffic(TrafficKind::Probe).iter().any(|t| t.from == "kubelet" && t.to == "web"));
}

#[test]
fn signals_follow_pid_1_rules() {
    let mut h = run(TWO, 500);
    // A shell as PID 1 has no SIGTERM handler: it keeps running until SIGKILL.
    h.rt.signal(&h.id("shell"), Signal::Term, h.now);
    h.advance_ms(1_000);
    assert!(h.exits("shell").is_empty());
    h.rt.signal(&h.id("shell"), Signal::Kill, h.now);
    h.advance_ms(0);
    assert_eq!(h.exits("shell").first().map(|e| e.1), Some(137));
    // nginx shuts down on SIGTERM and exits 0.
    h.rt.signal(&h.id("web"), Signal::Term, h.now);
    h.advance_ms(0);
    assert_eq!(h.exits("web").first().map(|e| e.1), Some(0));
    assert!(h.rt.inspect(&h.uid).is_some_and(|v| v.ports.is_empty()));
}

#[test]
fn a_trap_handles_sigterm() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: trap}
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done"]
"#;
    let mut h = run(yaml, 2_500);
    h.rt.signal(&h.id("a"), Signal::Term, h.now);
    h.advance_ms(2_000);
    assert_eq!(h.logs("a"), vec!["bye"]);
    assert_eq!(h.exits("a").first().map(|e| (e.0.as_millis(), e.1)), Some((3_000, 0)));
}

#[test]
fn start_errors_and_pull_errors_use_runtime_wording() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers:
  - {name: a, image: busybox, command: ["nosuchbinary"]}
"#;
    let mut h = Harness::new(pod_from_yaml(yaml));
    h.create();
    let c = h.pod.spec.containers[0].clone();
    let err = h.rt.start(&h.id("a"), &c, h.now).expect_err("not found");
    assert_eq!(err.reason, "StartError");
    assert!(err.message.contains("exec: \"nosuchbinary\": executable file not found in $PATH"));
    assert!(h.rt.pull("nginx:1.29").is_ok());
    assert_eq!(h.rt.pull("example/does-not-exist:1").map_err(|e| e.reason), Err("ErrImagePull".to_string()));
}

#[test]
fn busybox_without_a_command_exits_at_once() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: bb}\nspec:\n  containers:\n  - {name: a, image: busybox}\n";
    let h = run(yaml, 100);
    assert_eq!(h.exits("a").first().map(|e| (e.0.as_millis(), e.1)), Some((0, 0)));
}

#[test]
fn syntax_errors_explain_themselves_in_both_languages() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: bb}\nspec:\n  containers:\n  - {name: a, image: busybox, command: [sh, -c, 'do echo hi; done']}\n";
    let h = run(yaml, 100);
    assert_eq!(h.logs("a"), vec!["sh: syntax error: unexpected \"do\""]);
    assert_eq!(h.exits("a").first().map(|e| e.1), Some(2));
    let why = h.rt.explain(&h.id("a")).expect("explanation");
    assert!(why.ko.contains("셸 스크립트") && why.en.contains("shell script"));
}

#[test]
fn ambassador_forwards_localhost_to_the_outside() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: ambassador}
spec:
  containers:
  - {name: app, image: podplay/counter}
  - {name: ambassador, image: podplay/ambassador}
"#;
    let h = run(yaml, 3_500);
    let logs = h.logs("app");
    assert!(logs.ends_with(&["hits: 2".to_string(), "hits: 3".to_string()]), "{logs:?}");
    assert!(h
        .traffic(TrafficKind::Localhost)
        .iter()
        .any(|t| t.from == "app" && t.to == "ambassador" && t.detail == "127.0.0.1:6379 INCR hits"));
    assert!(h.traffic(TrafficKind::External).iter().any(|t| t.from == "ambassador"
        && t.to == "redis.example.com"
        && t.detail == "redis.example.com:6379 INCR hits"));
}

#[test]
fn counter_app_talks_to_redis_on_localhost() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: counter}
spec:
  containers:
  - {name: redis, image: redis:7}
  - {name: counter, image: podplay/counter:1.0}
"#;
    let mut h = run(yaml, 2_500);
    assert_eq!(h.logs("counter"), vec!["hits: 1", "hits: 2", "hits: 3"]);
    assert_eq!(h.exec("redis", &["redis-cli", "GET", "hits"]).stdout, "3\n");
    assert!(h.traffic(TrafficKind::External).is_empty());
}

#[test]
fn adapter_and_collector_images_work_on_a_shared_volume() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: patterns}
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "i=0; while true; do echo \"cpu=$i\" >> /var/log/app/metrics.log; echo line$i >> /var/log/app/app.log; i=$((i+1)); sleep 1; done"]
    volumeMounts: [{name: logs, mountPath: /var/log/app}]
  - name: adapter
    image: podplay/adapter
    volumeMounts: [{name: logs, mountPath: /var/log/app}]
  - name: collector
    image: podplay/log-collector
    args: ["/var/log/app/app.log"]
    volumeMounts: [{name: logs, mountPath: /var/log/app}]
  volumes:
  - {name: logs, emptyDir: {}}
"#;
    let h = run(yaml, 2_500);
    assert_eq!(
        h.logs("adapter"),
        vec!["{\"metric\": \"cpu=0\"}", "{\"metric\": \"cpu=1\"}", "{\"metric\": \"cpu=2\"}"]
    );
    assert!(h
        .logs("collector")
        .iter()
        .any(|l| l == "shipped 1 line(s) from /var/log/app/app.log to logging.googleapis.com"));
    assert!(h.traffic(TrafficKind::External).iter().any(|t| t.from == "collector"));
}

#[test]
fn unknown_images_listen_on_their_declared_ports() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: g}\nspec:\n  containers:\n  - name: a\n    image: example.com/team/service:2\n    ports: [{containerPort: 8080}]\n";
    let mut h = run(yaml, 100);
    assert_eq!(h.logs("a"), vec!["app: started"]);
    let answer = h.rt.port_forward_request(&h.uid, 8080, "/", h.now).expect("answers");
    assert_eq!((answer.status, answer.body.as_str()), (200, "ok\n"));
    assert!(h.rt.port_forward_request(&h.uid, 9999, "/", h.now).is_err());
}

#[test]
fn logs_carry_virtual_timestamps_and_keep_the_previous_instance() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: l}\nspec:\n  containers:\n  - {name: a, image: busybox, command: [sh, -c, 'echo first; sleep 2; echo second; exit 4']}\n";
    let mut h = run(yaml, 5_000);
    let lines = h.rt.logs(&h.id("a"), false);
    assert_eq!(
        lines.iter().map(|l| (l.at.as_millis(), l.line.as_str())).collect::<Vec<_>>(),
        vec![(0, "first"), (2_000, "second")]
    );
    assert_eq!(h.exit_of("a"), Some(4));
    assert_eq!(lines[1].render(true), "2026-01-01T00:00:02.000000000Z second");
    assert_eq!(lines[1].render(false), "second");
    let c = h.pod.spec.containers[0].clone();
    h.rt.start(&h.id("a"), &c, h.now).expect("restart");
    h.advance_ms(0);
    assert_eq!(h.logs("a"), vec!["first"]);
    assert_eq!(h.rt.logs(&h.id("a"), true).len(), 2);
}

#[test]
fn exec_runs_inside_the_containers_view() {
    let mut h = run(TWO, 500);
    let out = h.exec("shell", &["ls", "/data"]);
    assert_eq!(out.stdout, "index.html\n");
    let out = h.exec("shell", &["nosuch"]);
    assert_eq!(out.exit_code, 127);
    let out = h.exec("shell", &["sh", "-c", "tail -f /data/index.html"]);
    assert_eq!((out.stdout.as_str(), out.exit_code), ("hi from shell\n", 124));
}

#[test]
fn a_container_started_later_begins_at_its_start_time() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: late}\nspec:\n  containers:\n  - {name: a, image: busybox, command: [sh, -c, 'while true; do date +%s; sleep 1; done']}\n";
    let mut h = Harness::new(pod_from_yaml(yaml));
    h.create();
    h.advance_ms(5_000);
    let c = h.pod.spec.containers[0].clone();
    h.rt.start(&h.id("a"), &c, h.now).expect("starts");
    h.advance_ms(1_500);
    let lines = h.rt.logs(&h.id("a"), false);
    let got: Vec<(u64, &str)> = lines.iter().map(|l| (l.at.as_millis(), l.line.as_str())).collect();
    assert_eq!(got, vec![(5_000, "1767225605"), (6_000, "1767225606")]);
}

#[test]
fn proc_ns_links_show_which_namespaces_are_shared() {
    let mut h = run(TWO, 500);
    let link = |h: &mut Harness, c: &str, kind: &str| h.exec(c, &["readlink", &format!("/proc/self/ns/{kind}")]).stdout;
    for kind in ["net", "uts", "ipc"] {
        assert_eq!(link(&mut h, "web", kind), link(&mut h, "shell", kind), "{kind}");
    }
    for kind in ["mnt", "pid"] {
        assert_ne!(link(&mut h, "web", kind), link(&mut h, "shell", kind), "{kind}");
    }
    let view = h.rt.inspect(&h.uid).expect("view");
    assert_eq!(link(&mut h, "web", "net"), format!("net:[{}]\n", view.net_ns));
    let ls = h.exec("shell", &["ls", "-l", "/proc/self/ns"]).stdout;
    assert!(ls.contains(&format!("net -> net:[{}]", view.net_ns)), "{ls}");
    assert_eq!(ls.lines().count(), 7);
}

#[test]
fn pods_reach_each_other_by_pod_ip() {
    use podplay_engine::runtime::SandboxSpec;
    let mut h = run(TWO, 500);
    let server = pod_from_yaml(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: server}\nspec:\n  containers:\n  - {name: redis, image: redis}\n",
    );
    let spec = SandboxSpec { pod: &server, pod_uid: "uid-2", pod_ip: "10.244.2.9", node_name: "node-2" };
    h.rt.create_sandbox(&spec, h.now);
    let redis = podplay_engine::runtime::ContainerId { pod_uid: "uid-2".into(), container: "redis".into() };
    h.rt.start(&redis, &server.spec.containers[0], h.now).expect("redis starts");
    h.advance_ms(100);
    let out = h.exec("shell", &["redis-cli", "-h", "10.244.2.9", "PING"]);
    assert_eq!(out.stdout, "PONG\n");
    let refused = h.exec("shell", &["redis-cli", "-h", "10.244.2.9", "-p", "6380", "PING"]);
    assert_eq!(refused.stderr, "Could not connect to Redis at 10.244.2.9:6380: Connection refused\n");
    h.advance_ms(0);
    let net = h.traffic(TrafficKind::PodNetwork);
    assert!(net.iter().any(|t| t.pod_uid == "uid-1" && t.from == "shell" && t.to == "pod/server"), "{net:?}");
    assert!(net.iter().any(|t| t.pod_uid == "uid-2" && t.from == "pod/two/shell" && t.to == "redis"), "{net:?}");
}

#[test]
fn host_path_files_stay_on_their_node() {
    use podplay_engine::runtime::SandboxSpec;
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: hp}
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "cat /host/note 2>/dev/null || echo none; date > /host/note; sleep 3600"]
    volumeMounts: [{name: host, mountPath: /host}]
  volumes:
  - {name: host, hostPath: {path: /var/data}}
"#;
    let pod = pod_from_yaml(yaml);
    let mut rt = podplay_engine::internals::PodRuntime::new();
    let mut logs = Vec::new();
    for (n, node) in [(1, "node-1"), (2, "node-1"), (3, "node-2")] {
        let uid = format!("uid-{n}");
        rt.create_sandbox(
            &SandboxSpec { pod: &pod, pod_uid: &uid, pod_ip: "10.244.0.9", node_name: node },
            SimTime::from_secs(n),
        );
        let id = podplay_engine::runtime::ContainerId { pod_uid: uid.clone(), container: "a".into() };
        rt.start(&id, &pod.spec.containers[0], SimTime::from_secs(n)).expect("starts");
        rt.advance(SimTime::from_secs(n));
        logs.push(rt.logs(&id, false).into_iter().map(|l| l.line).collect::<Vec<_>>());
        rt.remove_sandbox(&uid, SimTime::from_secs(n));
    }
    assert_eq!(
        logs,
        vec![vec!["none".to_string()], vec!["Thu Jan  1 00:00:01 UTC 2026".to_string()], vec!["none".to_string()]]
    );
}

#[test]
fn a_memory_empty_dir_is_as_big_as_its_size_limit() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: tmpfs}
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "seq 1000 > /cache/ok && echo fits; seq 100000 > /cache/big || echo full"]
    volumeMounts: [{name: cache, mountPath: /cache}]
  volumes:
  - {name: cache, emptyDir: {medium: Memory, sizeLimit: 64Ki}}
"#;
    let h = run(yaml, 100);
    assert_eq!(h.logs("a"), vec!["fits", "sh: write error: No space left on device", "full"]);
}

#[test]
fn nc_talks_to_redis_over_localhost() {
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata: {name: nc}
spec:
  containers:
  - {name: redis, image: redis}
  - {name: client, image: busybox, command: ["sh", "-c", "sleep 1; echo PING | nc localhost 6379; nc -z localhost 6379 && echo open; nc -z localhost 7000 || echo closed"]}
"#;
    let h = run(yaml, 2_000);
    assert_eq!(
        h.logs("client"),
        vec!["+PONG", "open", "nc: can't connect to remote host (127.0.0.1): Connection refused", "closed"]
    );
    assert!(h.logs("redis").iter().any(|l| l.ends_with("* Ready to accept connections tcp")));
}

#[test]
fn simulation_limits_are_explained_in_both_languages() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: s}\nspec:\n  containers:\n  - {name: a, image: busybox, command: [sh, -c, \"echo x | sed '1d'; sleep 3600\"]}\n";
    let h = run(yaml, 100);
    assert_eq!(h.logs("a"), vec!["sed: this simulation supports only 's/from/to/' and 's/from/to/g' (plain text)"]);
    let why = h.rt.explain(&h.id("a")).expect("explained");
    assert!(why.ko.contains("sed") && why.en.contains("plain-text"));
}

#[test]
fn an_unknown_image_listens_on_its_declared_ports_without_a_variable_in_env() {
    let mut h = run(
        r#"
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  containers:
  - name: app
    image: example.com/team/shop:1.0
    ports: [{containerPort: 8080}]
  - name: shell
    image: busybox:1.36
    command: ["sleep", "3600"]
"#,
        10_000,
    );
    // The generic app answers on the port its manifest declares.
    let answer = h.exec("shell", &["wget", "-qO-", "http://localhost:8080/"]);
    assert_eq!(answer.exit_code, 0, "{answer:?}");
    // ...and the simulation's own bookkeeping never shows in a learner's `env`.
    for c in ["app", "shell"] {
        let env = h.exec(c, &["env"]).stdout;
        assert!(env.contains("HOSTNAME=app"), "{c}: {env}");
        assert!(!env.contains("PODPLAY"), "{c}: {env}");
    }
}
