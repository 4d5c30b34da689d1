//! Scenario tests of the kubelet lifecycle: a plain pod, failing commands
//! under each restartPolicy (with back-off times), init containers, native
//! sidecars, probes, graceful deletion and determinism.

mod common;

use common::*;
use podplay_engine::cluster::Cluster;
use podplay_engine::kubelet::{ContainerScript as Script, ContainerState, Phase, SimpleRuntime};
use podplay_engine::runtime::{ProbeAction, ProbeResult};

const NGINX: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n  labels: {app: web}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    ports: [{containerPort: 80}]\n";

#[test]
fn a_plain_pod_is_scheduled_pulled_started_and_ready() {
    let mut c = Cluster::new(1);
    c.apply(pod(NGINX)).unwrap();
    let v = view(&c, "nginx");
    assert_eq!((v.phase, v.status.as_str()), (Phase::Pending, "Pending"));
    run_until(&mut c, 10_000, |c| view(c, "nginx").status == "Running").expect("pod runs");
    let v = view(&c, "nginx");
    assert_eq!(v.ready, (1, 1));
    assert!(v.node.as_deref().is_some_and(|n| n.starts_with("worker-")), "never on the tainted control plane");
    let ip = v.pod_ip.clone().unwrap();
    assert!(ip.starts_with("10.244.") && ip.ends_with(".2"), "{ip}");
    assert_eq!(v.qos_class, "BestEffort");
    let conds: Vec<(String, bool)> = v.conditions.iter().map(|c| (c.kind.to_string(), c.status)).collect();
    let want: Vec<(String, bool)> =
        ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]
            .iter()
            .map(|k| (k.to_string(), true))
            .collect();
    assert_eq!(conds, want);
    let ev = pod_events(&c, "nginx");
    let node = v.node.unwrap();
    assert_eq!(ev[0], ("Scheduled".into(), format!("Successfully assigned default/nginx to {node}")));
    assert_eq!(ev[1], ("Pulling".into(), "Pulling image \"nginx:1.27\"".into()));
    assert_eq!(ev[2].0, "Pulled");
    assert!(ev[2].1.starts_with("Successfully pulled image \"nginx:1.27\" in "), "{}", ev[2].1);
    assert!(ev[2].1.ends_with("Image size: 72195292 bytes."), "{}", ev[2].1);
    assert_eq!(ev[3], ("Created".into(), "Created container: nginx".into()));
    assert_eq!(ev[4], ("Started".into(), "Started container nginx".into()));
    assert_eq!(ev.len(), 5);
    // Every event explains itself in both languages.
    for e in c.events() {
        let t = e.explain();
        assert!(!t.ko.is_empty() && !t.en.is_empty());
    }
}

#[test]
fn a_second_pod_on_the_same_node_finds_the_image_present() {
    let mut c = Cluster::new(2);
    c.cordon("worker-2").unwrap();
    c.apply(pod(NGINX)).unwrap();
    run_until(&mut c, 10_000, |c| view(c, "nginx").status == "Running").unwrap();
    c.apply(pod(&NGINX.replace("name: nginx\n  labels", "name: nginx2\n  labels"))).unwrap();
    run_until(&mut c, 10_000, |c| view(c, "nginx2").status == "Running").unwrap();
    let ev = pod_events(&c, "nginx2");
    assert!(
        ev.contains(&("Pulled".into(), "Container image \"nginx:1.27\" already present on machine".into())),
        "{ev:?}"
    );
}

fn failing(policy: &str, cmd: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: crash}}\nspec:\n  restartPolicy: {policy}\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"{cmd}\"]\n"
    )
}

/// Times (in whole seconds since the first start) at which the container started.
fn start_times(c: &Cluster) -> Vec<u64> {
    c.events_for("Pod", "default", "crash")
        .iter()
        .filter(|e| e.reason == "Started")
        .map(|e| e.first_seen.as_millis() / 1000)
        .collect()
}

#[test]
fn always_restarts_with_crash_loop_backoff_doubling() {
    let mut c = Cluster::new(3);
    c.apply(pod(&failing("Always", "exit 1"))).unwrap();
    // Record every container start by watching restartCount grow.
    let mut starts: Vec<u64> = Vec::new();
    let mut seen_backoff = false;
    for _ in 0..(400 * 10) {
        c.advance_by(100);
        let v = view(&c, "crash");
        if let Some(cs) = v.container_statuses.first() {
            if let ContainerState::Running { started_at } = cs.state {
                let t = started_at.as_millis();
                if starts.last() != Some(&t) {
                    starts.push(t);
                }
            }
            if v.status == "CrashLoopBackOff" {
                seen_backoff = true;
                assert_eq!(v.phase, Phase::Running);
                let msg = match &cs.state {
                    ContainerState::Waiting { message, .. } => message.clone().unwrap_or_default(),
                    _ => String::new(),
                };
                assert!(
                    msg.starts_with("back-off ") && msg.contains("restarting failed container=app pod=crash_default("),
                    "{msg}"
                );
            }
        }
    }
    assert!(seen_backoff);
    // Each run lasts ~1 s; gaps between starts are run time + back-off: 0, 10, 20, 40, 80, 160.
    let gaps: Vec<u64> = starts.windows(2).map(|w| (w[1] - w[0]) / 1000).collect();
    let backoffs: Vec<u64> = gaps.iter().map(|g| g.saturating_sub(1)).collect();
    assert_eq!(&backoffs[..6], &[0, 10, 20, 40, 80, 160], "gaps {gaps:?}");
    let v = view(&c, "crash");
    assert_eq!(v.restarts as usize, starts.len() - 1);
    let last = v.container_statuses[0].last_state.clone().expect("lastState");
    assert_eq!((last.exit_code, last.reason.as_str()), (1, "Error"));
    let ev = pod_events(&c, "crash");
    let backoff = ev.iter().find(|(r, _)| r == "BackOff").expect("BackOff event");
    assert!(backoff.1.starts_with("Back-off restarting failed container app in pod crash_default("), "{}", backoff.1);
    let bo = c.events_for("Pod", "default", "crash").into_iter().find(|e| e.reason == "BackOff").unwrap();
    assert!(bo.count >= 5, "deduplicated with a count, got {}", bo.count);
    let _ = start_times(&c);
}

#[test]
fn backoff_caps_at_five_minutes() {
    let mut c = Cluster::new(4);
    c.apply(pod(&failing("Always", "exit 2"))).unwrap();
    let mut starts: Vec<u64> = Vec::new();
    for _ in 0..(1500 * 2) {
        c.advance_by(500);
        let v = view(&c, "crash");
        if let Some(ContainerState::Running { started_at }) = v.container_statuses.first().map(|s| s.state.clone()) {
            if starts.last() != Some(&started_at.as_millis()) {
                starts.push(started_at.as_millis());
            }
        }
    }
    let gaps: Vec<u64> = starts.windows(2).map(|w| (w[1] - w[0] + 500) / 1000).collect();
    assert!(gaps.len() >= 8, "{gaps:?}");
    assert!(gaps[6..].iter().all(|g| (300..=302).contains(g)), "capped at 300 s: {gaps:?}");
}

#[test]
fn on_failure_restarts_failures_and_never_does_not() {
    let cases = [
        ("OnFailure", "exit 1", Phase::Running, true),
        ("OnFailure", "exit 0", Phase::Succeeded, false),
        ("Never", "exit 1", Phase::Failed, false),
        ("Never", "exit 0", Phase::Succeeded, false),
        ("Always", "exit 0", Phase::Running, true),
    ];
    for (policy, cmd, want_phase, restarts) in cases {
        let mut c = Cluster::new(5);
        c.apply(pod(&failing(policy, cmd))).unwrap();
        c.advance_by(30_000);
        let v = view(&c, "crash");
        assert_eq!(v.phase, want_phase, "{policy} {cmd}");
        assert_eq!(v.restarts > 0, restarts, "{policy} {cmd}: restarts {}", v.restarts);
        let want_status = match (want_phase, cmd) {
            (Phase::Succeeded, _) => "Completed",
            (Phase::Failed, _) => "Error",
            _ => "",
        };
        if !want_status.is_empty() {
            assert_eq!(v.status, want_status, "{policy} {cmd}");
            assert_eq!(v.condition("Ready").unwrap().reason, Some("PodCompleted"));
        }
    }
}

#[test]
fn unpullable_image_backs_off() {
    let mut c = Cluster::new(6);
    c.apply(pod(&NGINX.replace("nginx:1.27", "nginx:doesnotexist"))).unwrap();
    run_until(&mut c, 10_000, |c| view(c, "nginx").status == "ErrImagePull").expect("ErrImagePull");
    run_until(&mut c, 10_000, |c| view(c, "nginx").status == "ImagePullBackOff").expect("ImagePullBackOff");
    c.advance_by(60_000);
    let ev = pod_events(&c, "nginx");
    assert!(ev.iter().any(|(r, m)| r == "Failed"
        && m.starts_with("Failed to pull image \"nginx:doesnotexist\": rpc error: code = NotFound")));
    assert!(ev.iter().any(|(r, m)| r == "Failed" && m == "Error: ErrImagePull"));
    assert!(ev.iter().any(|(r, m)| r == "BackOff" && m == "Back-off pulling image \"nginx:doesnotexist\""));
    let pulling = c.events_for("Pod", "default", "nginx").into_iter().find(|e| e.reason == "Pulling").unwrap();
    // Pulls at ~0, ~10 s, ~30 s (back-off 10 s, then 20 s): three within a minute.
    assert_eq!(pulling.count, 3, "pull attempts");
    assert_eq!(view(&c, "nginx").phase, Phase::Pending);
}

#[test]
fn init_containers_run_in_order_then_the_app() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: myapp}\nspec:\n  initContainers:\n  - {name: init-a, image: busybox:1.36, command: [sh, -c, 'sleep 3']}\n  - {name: init-b, image: busybox:1.36, command: [sh, -c, 'sleep 2']}\n  containers:\n  - {name: app, image: busybox:1.36, command: [sh, -c, 'sleep 3600']}\n";
    let mut c = Cluster::new(7);
    c.apply(pod(yaml)).unwrap();
    let mut seen = Vec::new();
    for _ in 0..300 {
        c.advance_by(100);
        let s = view(&c, "myapp").status;
        if seen.last() != Some(&s) {
            seen.push(s);
        }
    }
    assert_eq!(seen, vec!["Init:0/2", "Init:1/2", "PodInitializing", "Running"], "STATUS column sequence");
    let started: Vec<String> =
        pod_events(&c, "myapp").into_iter().filter(|(r, _)| r == "Started").map(|(_, m)| m).collect();
    assert_eq!(started, vec!["Started container init-a", "Started container init-b", "Started container app"]);
    let v = view(&c, "myapp");
    assert!(v.condition("Initialized").unwrap().status);
    assert_eq!(v.init_container_statuses[0].state.terminated().unwrap().reason, "Completed");
}

#[test]
fn failing_init_container_under_never_fails_the_pod() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n  initContainers:\n  - {name: init, image: busybox:1.36, command: [sh, -c, 'exit 3']}\n  containers:\n  - {name: app, image: busybox:1.36}\n";
    let mut c = Cluster::new(8);
    c.apply(pod(yaml)).unwrap();
    c.advance_by(20_000);
    let v = view(&c, "p");
    assert_eq!((v.phase, v.status.as_str()), (Phase::Failed, "Init:Error"));
    let init = v.condition("Initialized").unwrap();
    assert_eq!(init.message.as_deref(), Some("containers with incomplete status: [init]"));
}

const SIDECAR_JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: logs}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - {name: shipper, image: busybox:1.36, restartPolicy: Always, command: [sh, -c, 'tail -f /dev/null']}\n      containers:\n      - {name: main, image: busybox:1.36, command: [sh, -c, 'sleep 5']}\n";

#[test]
fn native_sidecars_start_first_stop_last_and_let_jobs_complete() {
    let mut c = Cluster::new(9);
    c.apply(workload(SIDECAR_JOB)).unwrap();
    let done = run_until(&mut c, 60_000, |c| c.workloads().iter().any(|w| w.name == "logs" && w.status == "Complete"));
    assert!(done.is_some(), "the Job completes although its sidecar never exits");
    let (ns, name) = c.pod_names().into_iter().find(|(_, n)| n.starts_with("logs-")).unwrap();
    let v = c.pod(&ns, &name).unwrap();
    assert_eq!((v.phase, v.status.as_str()), (Phase::Succeeded, "Completed"));
    let ev: Vec<(String, String)> =
        c.events_for("Pod", &ns, &name).into_iter().map(|e| (e.reason.clone(), e.message.clone())).collect();
    let pos =
        |r: &str, m: &str| ev.iter().position(|(a, b)| a == r && b == m).unwrap_or_else(|| panic!("{r} {m} in {ev:?}"));
    assert!(pos("Started", "Started container shipper") < pos("Started", "Started container main"));
    assert!(pos("Killing", "Stopping container shipper") > pos("Started", "Started container main"));
    let job_ev: Vec<String> = c.events_for("Job", "default", "logs").iter().map(|e| e.reason.clone()).collect();
    assert_eq!(job_ev, vec!["SuccessfulCreate", "Completed"]);
}

#[test]
fn liveness_failures_restart_the_container() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: live}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    livenessProbe:\n      httpGet: {path: /healthz, port: 80}\n      initialDelaySeconds: 3\n      periodSeconds: 3\n";
    let mut rt = SimpleRuntime::new();
    // Healthy for 20 s after each start, then failing.
    rt.script_probe("web", |since_ms, action| match action {
        ProbeAction::HttpGet { .. } if since_ms > 20_000 => {
            ProbeResult::Failure { message: "HTTP probe failed with statuscode: 500".into() }
        }
        _ => ProbeResult::Success,
    });
    let mut c = Cluster::new(10);
    c.set_runtime(rt);
    c.apply(pod(yaml)).unwrap();
    run_until(&mut c, 120_000, |c| view(c, "live").restarts >= 1).expect("restarted by liveness");
    let ev = pod_events(&c, "live");
    assert!(
        ev.contains(&("Unhealthy".into(), "Liveness probe failed: HTTP probe failed with statuscode: 500".into())),
        "{ev:?}"
    );
    assert!(
        ev.contains(&("Killing".into(), "Container web failed liveness probe, will be restarted".into())),
        "{ev:?}"
    );
    let unhealthy = c.events_for("Pod", "default", "live").into_iter().find(|e| e.reason == "Unhealthy").unwrap();
    assert_eq!(unhealthy.count, 3, "failureThreshold 3 failures before the kill");
}

#[test]
fn readiness_gates_ready_and_startup_gates_both() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: r}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    startupProbe:\n      tcpSocket: {port: 80}\n      periodSeconds: 2\n      failureThreshold: 10\n    readinessProbe:\n      httpGet: {path: /ready, port: 80}\n      periodSeconds: 2\n";
    let mut rt = SimpleRuntime::new();
    rt.script_probe("web", |since_ms, action| match action {
        ProbeAction::TcpSocket { .. } if since_ms < 6_000 => {
            ProbeResult::Failure { message: "dial tcp 10.244.1.2:80: connect: connection refused".into() }
        }
        ProbeAction::HttpGet { .. } if since_ms < 12_000 => {
            ProbeResult::Failure { message: "HTTP probe failed with statuscode: 503".into() }
        }
        _ => ProbeResult::Success,
    });
    let mut c = Cluster::new(11);
    c.set_runtime(rt);
    c.apply(pod(yaml)).unwrap();
    run_until(&mut c, 10_000, |c| view(c, "r").status == "Running").unwrap();
    let v = view(&c, "r");
    assert_eq!(v.ready, (0, 1));
    assert_eq!(v.container_statuses[0].started, Some(false));
    assert_eq!(v.condition("Ready").unwrap().message.as_deref(), Some("containers with unready status: [web]"));
    run_until(&mut c, 30_000, |c| view(c, "r").ready == (1, 1)).expect("becomes ready");
    let ev = reasons(&c, "r");
    assert!(ev.iter().any(|r| r == "Unhealthy"));
    let msgs = pod_events(&c, "r");
    assert!(msgs.iter().any(|(_, m)| m.starts_with("Startup probe failed: dial tcp")));
    assert!(msgs.iter().any(|(_, m)| m == "Readiness probe failed: HTTP probe failed with statuscode: 503"));
    assert_eq!(view(&c, "r").restarts, 0, "startup failures below the threshold do not restart");
}

#[test]
fn delete_is_graceful_and_sigkill_comes_after_the_grace_period() {
    // nginx exits on SIGTERM at once; `sleep` as PID 1 ignores it and is killed after 30 s.
    for (yaml, name, gone_after_s) in [
        (NGINX.to_string(), "nginx", 0u64),
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: sleeper}\nspec:\n  containers:\n  - {name: s, image: busybox:1.36, command: [sleep, '3600']}\n".to_string(),
            "sleeper",
            30,
        ),
    ] {
        let mut c = Cluster::new(12);
        c.apply(pod(&yaml)).unwrap();
        run_until(&mut c, 10_000, |c| view(c, name).status == "Running").unwrap();
        let t0 = c.now();
        c.delete_pod("default", name, None).unwrap();
        assert_eq!(view(&c, name).status, "Terminating");
        let gone = run_until(&mut c, 40_000, |c| c.pod("default", name).is_none()).expect("pod goes away");
        let took_s = gone.since(t0) / 1000;
        assert!(took_s >= gone_after_s && took_s <= gone_after_s + 1, "{name}: {took_s}s");
        let ev = pod_events(&c, name);
        assert!(ev.iter().any(|(r, m)| r == "Killing" && m == &format!("Stopping container {}", if name == "nginx" { "nginx" } else { "s" })));
    }
}

#[test]
fn deleting_twice_and_deleting_nothing() {
    let mut c = Cluster::new(13);
    assert_eq!(c.delete_pod("default", "ghost", None).unwrap_err().message, "pods \"ghost\" not found");
    c.apply(pod(NGINX)).unwrap();
    let err = c.create(pod(NGINX)).unwrap_err();
    assert_eq!(err.message, "pods \"nginx\" already exists");
    // An unscheduled pod goes at once.
    let mut big = pod(NGINX);
    big.metadata.name = "big".into();
    big.spec.node_selector.insert("disk".into(), "ssd".into());
    c.apply(big).unwrap();
    c.advance_by(1000);
    c.delete_pod("default", "big", None).unwrap();
    assert!(c.pod("default", "big").is_none());
}

#[test]
fn pod_updates_follow_upstream_immutability() {
    let mut c = Cluster::new(14);
    c.apply(pod(NGINX)).unwrap();
    run_until(&mut c, 10_000, |c| view(c, "nginx").status == "Running").unwrap();
    let err = c.apply(pod(&NGINX.replace("containerPort: 80", "containerPort: 8080"))).unwrap_err();
    assert!(err.message.starts_with("Pod \"nginx\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`"), "{}", err.message);
    assert!(!err.explain.ko.is_empty());
    // An image change restarts the container.
    c.apply(pod(&NGINX.replace("nginx:1.27", "nginx:1.28"))).unwrap();
    run_until(&mut c, 20_000, |c| view(c, "nginx").restarts == 1 && view(c, "nginx").status == "Running")
        .expect("restarted with the new image");
    assert!(pod_events(&c, "nginx")
        .contains(&("Killing".into(), "Container nginx definition changed, will be restarted".into())));
    assert_eq!(view(&c, "nginx").container_statuses[0].image, "nginx:1.28");
}

#[test]
fn oom_killed_containers_report_it() {
    let mut rt = SimpleRuntime::new();
    rt.script("hog", Script { oom_after_ms: Some(2000), ..Script::default() });
    let mut c = Cluster::new(15);
    c.set_runtime(rt);
    c.apply(pod("apiVersion: v1\nkind: Pod\nmetadata: {name: hog}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: hog\n    image: busybox:1.36\n    resources: {limits: {memory: 64Mi, cpu: 100m}}\n")).unwrap();
    c.advance_by(20_000);
    let v = view(&c, "hog");
    assert_eq!((v.phase, v.status.as_str(), v.qos_class), (Phase::Failed, "OOMKilled", "Guaranteed"));
    assert_eq!(v.container_statuses[0].state.terminated().unwrap().exit_code, 137);
}

#[test]
fn same_seed_same_inputs_same_event_log() {
    let run = |seed: u64| {
        let mut c = Cluster::new(seed);
        c.apply(pod(NGINX)).unwrap();
        c.apply(pod(&failing("Always", "exit 1"))).unwrap();
        c.apply(workload(SIDECAR_JOB)).unwrap();
        c.advance_by(45_000);
        c.delete_pod("default", "nginx", None).unwrap();
        c.advance_by(60_000);
        c.events().iter().map(|e| format!("{e:?}")).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(run(42), run(42));
    assert_ne!(run(42), run(43), "the seed matters (jitter, names, UIDs)");
}

#[test]
fn host_network_pods_use_the_node_ip_and_others_get_one_from_the_node_cidr() {
    let mut c = Cluster::new(16);
    c.cordon("worker-2").unwrap();
    c.apply(pod(NGINX)).unwrap();
    c.apply(pod("apiVersion: v1\nkind: Pod\nmetadata: {name: hn}\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: nginx:1.27}]\n")).unwrap();
    run_until(&mut c, 10_000, |c| view(c, "nginx").pod_ip.is_some() && view(c, "hn").pod_ip.is_some()).unwrap();
    let node = c.nodes().into_iter().find(|n| n.name == "worker-1").unwrap();
    assert_eq!(view(&c, "hn").pod_ip.as_deref(), Some(node.internal_ip.as_str()));
    let ip = view(&c, "nginx").pod_ip.unwrap();
    assert_eq!(format!("{}0/24", ip.trim_end_matches(char::is_numeric)), node.pod_cidr);
}

#[test]
fn prestop_sleep_delays_sigterm_within_the_grace_period() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  terminationGracePeriodSeconds: 20\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    lifecycle:\n      preStop:\n        sleep: {seconds: 5}\n";
    let mut c = Cluster::new(17);
    c.apply(pod(yaml)).unwrap();
    run_until(&mut c, 10_000, |c| view(c, "web").status == "Running").unwrap();
    let t0 = c.now();
    c.delete_pod("default", "web", None).unwrap();
    c.advance_by(4_000);
    assert_eq!(view(&c, "web").status, "Terminating", "still in preStop");
    assert!(view(&c, "web").container_statuses[0].state.is_running());
    let gone = run_until(&mut c, 30_000, |c| c.pod("default", "web").is_none()).expect("gone after preStop + SIGTERM");
    let s = gone.since(t0) / 1000;
    assert!((5..=6).contains(&s), "{s}s");
}

#[test]
fn backoff_resets_after_ten_minutes_of_running() {
    for (cmd, want_backoff) in [("sleep 660; exit 1", false), ("sleep 30; exit 1", true)] {
        let mut c = Cluster::new(18);
        c.apply(pod(&failing("Always", cmd))).unwrap();
        let mut seen_backoff = false;
        for _ in 0..1400 {
            c.advance_by(1000);
            seen_backoff |= view(&c, "crash").status == "CrashLoopBackOff";
        }
        assert_eq!(seen_backoff, want_backoff, "{cmd}");
        assert!(view(&c, "crash").restarts >= 2, "{cmd}");
    }
}
