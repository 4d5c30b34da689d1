//! Benchmark of the pod runtime: prints how fast pods with sidecar,
//! adapter and localhost traffic run on the virtual clock.
//! Run with `cargo run --release -p podplay-engine --example internals_bench`.

use std::time::Instant;

use podplay_engine::internals::PodRuntime;
use podplay_engine::model::Pod;
use podplay_engine::runtime::{ContainerId, ContainerRuntime, SandboxSpec};
use podplay_engine::SimTime;

const POD: &str = r#"
apiVersion: v1
kind: Pod
metadata: {name: bench}
spec:
  containers:
  - name: main-app
    image: busybox
    command: ["sh", "-c", 'while true; do echo "$(date) raw event" >> /var/log/app/raw.log; sleep 2; done']
    volumeMounts: [{name: shared-logs, mountPath: /var/log/app}]
  - name: adapter
    image: busybox
    command: ["sh", "-c", 'touch /var/log/app/raw.log; tail -F /var/log/app/raw.log | while read line; do echo "adapted: $line"; done']
    volumeMounts: [{name: shared-logs, mountPath: /var/log/app}]
  - name: web
    image: nginx
  - name: client
    image: busybox
    command: ["sh", "-c", 'while true; do wget -qO- http://localhost:80 | head -n 4; sleep 5; done']
  volumes:
  - {name: shared-logs, emptyDir: {}}
"#;

fn main() {
    let pod: Pod = match podplay_engine::yaml::from_str(POD) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("bad manifest: {e}");
            return;
        }
    };
    for pods in [1usize, 10, 50] {
        let mut rt = PodRuntime::new();
        for n in 0..pods {
            let uid = format!("uid-{n}");
            let ip = format!("10.244.0.{}", n + 2);
            rt.create_sandbox(
                &SandboxSpec { pod: &pod, pod_uid: &uid, pod_ip: &ip, node_name: "node-1" },
                SimTime::ZERO,
            );
            for c in &pod.spec.containers {
                let id = ContainerId { pod_uid: uid.clone(), container: c.name.clone() };
                if let Err(e) = rt.start(&id, c, SimTime::ZERO) {
                    eprintln!("start failed: {e:?}");
                }
            }
        }
        let virtual_secs = 3600u64;
        let started = Instant::now();
        let mut events = 0usize;
        let mut wakeups = 0usize;
        let end = SimTime::from_secs(virtual_secs);
        while let Some(t) = rt.next_wakeup() {
            if t > end || wakeups > 10_000_000 {
                break;
            }
            events += rt.advance(t).len();
            wakeups += 1;
        }
        let wall = started.elapsed().as_secs_f64();
        println!(
            "{pods:>3} pods x 4 containers, {virtual_secs} virtual s: {wall:.3} s wall, {wakeups} wake-ups, {events} events, {:.0} virtual s per wall s, {:.0} events/s",
            virtual_secs as f64 / wall.max(1e-9),
            events as f64 / wall.max(1e-9)
        );
    }
    let script = "i=0; while true; do\n  echo \"$i: $(date)\" >> /var/log/1.log;\n  echo \"$(date) INFO $i\" >> /var/log/2.log;\n  i=$((i+1));\n  sleep 1;\ndone\n";
    let started = Instant::now();
    let n = 20_000;
    for _ in 0..n {
        let _ = podplay_engine::shell::parse(script);
    }
    let wall = started.elapsed().as_secs_f64();
    println!("parse docs counter script: {:.1} µs each", wall * 1e6 / n as f64);
}
