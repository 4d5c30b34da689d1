//! The Kubernetes docs' multi-container examples, run against the pod
//! runtime: the sidecar, adapter and localhost patterns come out of the
//! manifests themselves, with the logs and traffic the docs describe.

mod internals_support;

use std::collections::BTreeMap;

use internals_support::{corpus_pod, Harness};
use podplay_engine::runtime::{ContainerRuntime, ProbeAction, ProbeResult, TrafficKind};

#[test]
fn adapter_rewrites_the_apps_raw_events() {
    let Some(pod) = corpus_pod("website/pods/multi-container/adapter.yaml") else { return };
    let mut h = Harness::new(pod);
    h.start_all();
    h.advance_ms(10_000);
    let adapted = h.logs("adapter");
    assert!(adapted.len() >= 5, "{adapted:?}");
    assert_eq!(adapted.first().map(String::as_str), Some("adapted: Thu Jan  1 00:00:00 UTC 2026 raw event"));
    assert_eq!(adapted.get(1).map(String::as_str), Some("adapted: Thu Jan  1 00:00:02 UTC 2026 raw event"));
    assert!(h.logs("main-app").is_empty(), "the app writes to the volume, not to stdout");
    let writes = h.traffic(TrafficKind::VolumeWrite);
    assert!(writes.iter().any(|t| t.from == "main-app" && t.to == "shared-logs" && t.detail == "/var/log/app/raw.log"));
    let reads = h.traffic(TrafficKind::VolumeRead);
    assert!(reads.iter().any(|t| t.from == "shared-logs" && t.to == "adapter"));
}

#[test]
fn localhost_client_reaches_nginx_in_the_same_pod() {
    let Some(pod) = corpus_pod("website/pods/multi-container/localhost.yaml") else { return };
    let mut h = Harness::new(pod);
    h.start_all();
    h.advance_ms(12_000);
    let client = h.logs("client");
    // The sidecar starts before nginx listens: its first try is refused, like on a real node.
    assert_eq!(
        client.first().map(String::as_str),
        Some("wget: can't connect to remote host (127.0.0.1): Connection refused")
    );
    let html: Vec<&String> = client.iter().filter(|l| l.starts_with("<!DOCTYPE html>")).collect();
    assert_eq!(html.len(), 2, "one page every 5 s after nginx is up: {client:?}");
    assert!(client.iter().any(|l| l == "<title>Welcome to nginx!</title>"));
    let local = h.traffic(TrafficKind::Localhost);
    assert!(local.iter().any(|t| t.from == "client" && t.to == "web" && t.detail == "localhost:80 GET /"));
    let web = h.logs("web");
    assert!(
        web.iter().any(|l| l.starts_with("127.0.0.1 - - [01/Jan/2026:00:00:05 +0000] \"GET / HTTP/1.1\" 200")),
        "{web:?}"
    );
}

#[test]
fn two_containers_share_files_through_an_empty_dir() {
    let Some(pod) = corpus_pod("website/pods/two-container-pod.yaml") else { return };
    let mut h = Harness::new(pod);
    h.start_all();
    h.advance_ms(1_000);
    assert_eq!(h.exit_of("debian-container"), Some(0));
    let out = h.exec("nginx-container", &["curl", "localhost"]);
    assert_eq!(out.stdout, "Hello from the debian container\n");
    assert_eq!(out.exit_code, 0);
    let pf = h.rt.port_forward_request(&h.uid, 80, "/", h.now).expect("nginx answers");
    assert_eq!(pf.body, "Hello from the debian container\n");
    h.advance_ms(0);
    assert!(h.traffic(TrafficKind::PodNetwork).iter().any(|t| t.from == "outside" && t.to == "nginx-container"));
}

#[test]
fn streaming_sidecars_turn_files_into_container_logs() {
    let Some(pod) = corpus_pod("website/admin/logging/two-files-counter-pod-streaming-sidecar.yaml") else { return };
    let mut h = Harness::new(pod);
    h.start_all();
    h.advance_ms(3_500);
    assert_eq!(
        h.logs("count-log-1"),
        vec![
            "0: Thu Jan  1 00:00:00 UTC 2026",
            "1: Thu Jan  1 00:00:01 UTC 2026",
            "2: Thu Jan  1 00:00:02 UTC 2026",
            "3: Thu Jan  1 00:00:03 UTC 2026"
        ]
    );
    assert_eq!(h.logs("count-log-2").get(1).map(String::as_str), Some("Thu Jan  1 00:00:01 UTC 2026 INFO 1"));
}

#[test]
fn agent_sidecar_waits_for_its_config_map_then_ships_logs() {
    let Some(pod) = corpus_pod("website/admin/logging/two-files-counter-pod-agent-sidecar.yaml") else { return };
    let mut h = Harness::new(pod.clone());
    h.create();
    let agent = pod.spec.containers.get(1).cloned().unwrap_or_default();
    let err = h.rt.start(&h.id("count-agent"), &agent, h.now).expect_err("configMap missing");
    assert_eq!(
        err.message,
        "MountVolume.SetUp failed for volume \"config-volume\" : configmap \"fluentd-config\" not found"
    );
    let conf = "<source>\n  type tail\n  path /var/log/1.log\n  tag count.format1\n</source>\n<source>\n  type tail\n  path /var/log/2.log\n  tag count.format2\n</source>\n<match **>\n  type google_cloud\n</match>\n";
    h.rt.set_config_map("default", "fluentd-config", BTreeMap::from([("fluentd.conf".to_string(), conf.to_string())]));
    let count = pod.spec.containers.first().cloned().unwrap_or_default();
    h.rt.start(&h.id("count"), &count, h.now).expect("count starts");
    h.rt.start(&h.id("count-agent"), &agent, h.now).expect("agent starts");
    h.advance_ms(3_000);
    let shipped = h.traffic(TrafficKind::External);
    assert!(shipped.iter().any(|t| t.from == "count-agent" && t.to == "logging.googleapis.com"), "{shipped:?}");
    assert!(h.logs("count-agent").iter().any(|l| l.starts_with("shipped 1 line(s) from /var/log/1.log")));
}

#[test]
fn startup_coordination_sidecar_writes_config_the_app_reads() {
    let Some(pod) = corpus_pod("website/pods/multi-container/startup-coordination.yaml") else { return };
    let mut h = Harness::new(pod);
    h.start_all();
    h.advance_ms(1_000);
    let probe = ProbeAction::Exec { command: vec!["test".into(), "-f".into(), "/config/app.conf".into()] };
    assert_eq!(h.rt.probe(&h.id("config-sidecar"), &probe, h.now), ProbeResult::Success);
    assert_eq!(h.logs("main-app"), vec!["greeting=hello"]);
}

#[test]
fn deployment_sidecar_ships_the_apps_log_file() {
    for file in ["website/application/deployment-sidecar.yaml", "website/application/deployment-sidecar-legacy.yaml"] {
        let Some(pod) = corpus_pod(file) else { return };
        let shipper =
            pod.spec.init_containers.first().or(pod.spec.containers.get(1)).map(|c| c.name.clone()).unwrap_or_default();
        let mut h = Harness::new(pod);
        h.start_all();
        h.advance_ms(4_500);
        let logs = h.logs(&shipper);
        assert!(logs.iter().filter(|l| *l == "logging").count() >= 4, "{file}: {logs:?}");
    }
}

#[test]
fn resources_example_runs_setup_then_reports_usage() {
    let Some(pod) = corpus_pod("website/pods/multi-container/resources.yaml") else { return };
    let mut h = Harness::new(pod);
    h.start_all();
    h.advance_ms(2_000);
    assert_eq!(h.logs("setup"), vec!["setting up"]);
    let usage = h.rt.usage(&h.uid);
    let names: Vec<&str> = usage.iter().map(|u| u.container.as_str()).collect();
    assert_eq!(names, vec!["setup", "log-shipper", "app"]);
    assert!(usage.iter().all(|u| u.memory_bytes <= 128 << 20));
    assert_eq!(usage.first().map(|u| u.memory_bytes), Some(0), "setup has exited");
}

#[test]
fn stress_uses_the_memory_it_is_told_to() {
    let Some(pod) = corpus_pod("website/pods/resource/memory-request-limit.yaml") else { return };
    let mut h = Harness::new(pod.clone());
    h.start_all();
    h.advance_ms(5_000);
    let mem = h.rt.usage(&h.uid).first().map(|u| u.memory_bytes).unwrap_or(0);
    assert!((150 << 20..200 << 20).contains(&mem), "{mem}");
    assert!(h.exits("memory-demo-ctr").is_empty());
    // The docs' second exercise: 250M against a 100Mi limit is OOMKilled.
    let mut over = pod;
    if let Some(c) = over.spec.containers.first_mut() {
        c.args = vec!["--vm".into(), "1".into(), "--vm-bytes".into(), "250M".into(), "--vm-hang".into(), "1".into()];
        c.resources.get_or_insert_with(Default::default).limits.insert("memory".into(), "100Mi".into());
    }
    let mut h = Harness::new(over);
    h.start_all();
    h.advance_ms(1_000);
    assert_eq!(h.exits("memory-demo-ctr").first().map(|e| (e.1, e.2)), Some((137, true)));
}

#[test]
fn liveness_exec_probe_fails_after_the_file_is_removed() {
    let Some(pod) = corpus_pod("website/pods/probe/exec-liveness.yaml") else { return };
    let mut h = Harness::new(pod);
    h.start_all();
    let probe = ProbeAction::Exec { command: vec!["cat".into(), "/tmp/healthy".into()] };
    h.advance_ms(5_000);
    assert_eq!(h.rt.probe(&h.id("liveness"), &probe, h.now), ProbeResult::Success);
    h.advance_ms(30_000);
    assert_eq!(
        h.rt.probe(&h.id("liveness"), &probe, h.now),
        ProbeResult::Failure { message: "cat: can't open '/tmp/healthy': No such file or directory".into() }
    );
}
