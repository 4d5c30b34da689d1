//! Fuzz target: arbitrary text as a container's `sh -c` script, parsed and
//! then run for a virtual minute inside a simulated pod.
#![no_main]

use libfuzzer_sys::fuzz_target;
use podplay_engine::model::{Container, Pod};
use podplay_engine::runtime::{ContainerId, ContainerRuntime, SandboxSpec};
use podplay_engine::{shell, PodRuntime, SimTime};

fuzz_target!(|data: &[u8]| {
    let script = String::from_utf8_lossy(data).into_owned();
    let _ = shell::parse(&script);

    let container = Container {
        name: "main".into(),
        image: Some("busybox:1.36".into()),
        command: vec!["sh".into(), "-c".into(), script],
        ..Container::default()
    };
    let mut pod = Pod::default();
    pod.metadata.name = "fuzz".into();
    pod.spec.containers.push(container.clone());

    let mut rt = PodRuntime::new();
    let spec = SandboxSpec { pod: &pod, pod_uid: "uid", pod_ip: "10.244.1.2", node_name: "node-1" };
    rt.create_sandbox(&spec, SimTime::ZERO);
    let id = ContainerId { pod_uid: "uid".into(), container: "main".into() };
    if rt.start(&id, &container, SimTime::ZERO).is_err() {
        return;
    }
    let end = SimTime::from_secs(60);
    let mut now = SimTime::ZERO;
    // Jump from wake-up to wake-up; the loop is bounded like the engine's.
    for _ in 0..10_000 {
        match rt.next_wakeup() {
            Some(t) if t <= end => {
                now = t.max(now);
                let _ = rt.advance(now);
            }
            _ => break,
        }
    }
    let _ = rt.exec(&id, &["ps".to_string()], now);
});
