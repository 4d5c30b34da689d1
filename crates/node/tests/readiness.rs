//! Readiness probes for real: exec and httpGet readiness run on their
//! period, and `inspect` reports each container's ready and the pod's Ready
//! condition as they change.

mod common;

use std::time::{Duration, Instant};

use common::*;

fn wait_ready(pod: &PodRun, want: bool, secs: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let info = pod.inspect();
        if info["ready"] == want {
            return info;
        }
        assert!(Instant::now() < deadline, "pod never became ready={want}: {info}\n{}", pod.output());
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn readiness_probes_flip_ready_over_time() {
    if !can_run("readiness_probes_flip_ready_over_time") {
        return;
    }
    let name = unique("ready");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: file\n    image: busybox\n    command: [sh, -c, 'sleep 1.5; touch /tmp/ready; sleep 3; rm /tmp/ready; sleep 3600']\n    readinessProbe: {{exec: {{command: [test, -f, /tmp/ready]}}, periodSeconds: 1, failureThreshold: 1}}\n  - name: web\n    image: busybox\n    command: [sh, -c, 'mkdir -p /www; echo ok > /www/index.html; sleep 1; exec httpd -f -p 8080 -h /www']\n    readinessProbe: {{httpGet: {{path: /index.html, port: 8080}}, periodSeconds: 1}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let t0 = Instant::now();
    let first = pod.inspect();
    assert_eq!(first["ready"], false, "not ready before any probe passed: {first}");
    assert_eq!(first["rows"][1]["ready"], false, "{first}");
    let fp = footprint(&first);
    let ready = wait_ready(&pod, true, 15);
    let became_ready = t0.elapsed().as_secs_f64();
    assert_eq!(ready["rows"][1]["ready"], true, "{ready}");
    assert_eq!(ready["rows"][2]["ready"], true, "{ready}");
    let table = String::from_utf8(cli(&["inspect", &name]).stdout).unwrap();
    assert!(table.contains("ready=true"), "{table}");
    // /tmp/ready goes away: one failure (failureThreshold 1) makes it not ready; nothing restarts.
    let not_ready = wait_ready(&pod, false, 15);
    let became_unready = t0.elapsed().as_secs_f64();
    assert_eq!(not_ready["rows"][1]["ready"], false, "{not_ready}");
    assert_eq!(not_ready["rows"][2]["ready"], true, "{not_ready}");
    assert_eq!(not_ready["rows"][1]["restart_count"], 0, "{not_ready}");
    let out = pod.output();
    assert!(out.contains("container \"file\": Unhealthy: Readiness probe failed: command [\"test\", \"-f\", \"/tmp/ready\"] exited with 1"), "{out}");
    assert!(out.contains("container \"file\": Ready=true") && out.contains("container \"file\": Ready=false"), "{out}");
    assert!(out.contains("container \"web\": Ready=true"), "{out}");
    eprintln!("measured: pod Ready=True after {became_ready:.2}s, Ready=False again after {became_unready:.2}s");
    pod.stop();
    assert_clean(&name, &fp);
}
