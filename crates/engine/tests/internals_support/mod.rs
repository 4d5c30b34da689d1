//! Test harness for the pod runtime: reads manifests (inline or from the
//! docs corpus), plays the kubelet's part in the simplest way (init
//! containers in order, then the app containers) and drives the virtual clock.
#![allow(dead_code)]

use std::path::PathBuf;

#[path = "../support/corpus.rs"]
mod corpus_support;

use podplay_engine::internals::{LogLine, PodRuntime};
use podplay_engine::model::Pod;
use podplay_engine::runtime::{ContainerId, ContainerRuntime, RuntimeEvent, SandboxSpec, Traffic, TrafficKind};
use podplay_engine::SimTime;

pub const POD_IP: &str = "10.244.1.7";

/// The docs corpus, or `None` (and a loud note) when it is absent.
pub fn corpus() -> Option<PathBuf> {
    corpus_support::corpus_dir()
}

/// Reads a corpus manifest's pod (a Pod, or the template of a workload).
pub fn corpus_pod(rel: &str) -> Option<Pod> {
    let dir = corpus()?;
    let text = std::fs::read_to_string(dir.join(rel)).ok()?;
    Some(pod_from_yaml(&text))
}

pub fn pod_from_yaml(text: &str) -> Pod {
    let value: serde_json::Value = podplay_engine::yaml::from_str(text).expect("manifest parses");
    let kind = value.get("kind").and_then(|k| k.as_str()).unwrap_or("Pod");
    if kind == "Pod" {
        return serde_json::from_value(value).expect("pod");
    }
    let template = value.get("spec").and_then(|s| s.get("template")).cloned().expect("template");
    let mut pod: Pod = serde_json::from_value(template).expect("template pod");
    if pod.metadata.name.is_empty() {
        pod.metadata.name =
            value.get("metadata").and_then(|m| m.get("name")).and_then(|n| n.as_str()).unwrap_or("pod").to_string()
                + "-abc12";
    }
    pod
}

pub struct Harness {
    pub rt: PodRuntime,
    pub pod: Pod,
    pub uid: String,
    pub now: SimTime,
    pub events: Vec<RuntimeEvent>,
}

impl Harness {
    pub fn new(pod: Pod) -> Harness {
        Harness { rt: PodRuntime::new(), pod, uid: "uid-1".to_string(), now: SimTime::ZERO, events: Vec::new() }
    }

    pub fn id(&self, container: &str) -> ContainerId {
        ContainerId { pod_uid: self.uid.clone(), container: container.to_string() }
    }

    pub fn create(&mut self) {
        let pod = self.pod.clone();
        let spec = SandboxSpec { pod: &pod, pod_uid: &self.uid, pod_ip: POD_IP, node_name: "node-1" };
        self.rt.create_sandbox(&spec, self.now);
    }

    /// Creates the sandbox and starts every container: regular init
    /// containers one after another (each must exit 0), sidecars (init
    /// containers with `restartPolicy: Always`) left running, then the app.
    pub fn start_all(&mut self) {
        self.create();
        let pod = self.pod.clone();
        for c in &pod.spec.init_containers {
            let id = self.id(&c.name);
            self.rt.start(&id, c, self.now).expect("init container starts");
            if c.restart_policy.as_deref() != Some("Always") {
                for _ in 0..600 {
                    if self.exit_of(&c.name).is_some() {
                        break;
                    }
                    self.advance_ms(100);
                }
                assert_eq!(self.exit_of(&c.name), Some(0), "init container {} must succeed", c.name);
            }
        }
        for c in &pod.spec.containers {
            let id = self.id(&c.name);
            self.rt.start(&id, c, self.now).expect("container starts");
        }
        self.advance_ms(0);
    }

    /// Advances the clock by `ms`, jumping from wake-up to wake-up.
    pub fn advance_ms(&mut self, ms: u64) {
        let target = self.now.plus_ms(ms);
        for _ in 0..1_000_000 {
            match self.rt.next_wakeup() {
                Some(t) if t <= target => {
                    let t = t.max(self.now);
                    self.now = t;
                    let ev = self.rt.advance(t);
                    self.events.extend(ev);
                    if self.rt.next_wakeup() == Some(t) {
                        // Nothing more can happen at this instant unless something changed.
                        let ev = self.rt.advance(t);
                        self.events.extend(ev);
                        if self.rt.next_wakeup() == Some(t) {
                            break;
                        }
                    }
                }
                _ => break,
            }
        }
        self.now = target;
        let ev = self.rt.advance(target);
        self.events.extend(ev);
    }

    pub fn logs(&self, container: &str) -> Vec<String> {
        self.rt.logs(&self.id(container), false).into_iter().map(|l: LogLine| l.line).collect()
    }

    pub fn exit_of(&self, container: &str) -> Option<i32> {
        self.events.iter().rev().find_map(|e| match e {
            RuntimeEvent::Exited { id, exit_code, .. } if id.container == container => Some(*exit_code),
            _ => None,
        })
    }

    pub fn exits(&self, container: &str) -> Vec<(SimTime, i32, bool)> {
        self.events
            .iter()
            .filter_map(|e| match e {
                RuntimeEvent::Exited { id, at, exit_code, oom_killed } if id.container == container => {
                    Some((*at, *exit_code, *oom_killed))
                }
                _ => None,
            })
            .collect()
    }

    pub fn traffic(&self, kind: TrafficKind) -> Vec<Traffic> {
        self.events
            .iter()
            .filter_map(|e| match e {
                RuntimeEvent::Traffic(t) if t.kind == kind => Some(t.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn exec(&mut self, container: &str, argv: &[&str]) -> podplay_engine::internals::ExecResult {
        let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        let id = self.id(container);
        self.rt.exec(&id, &argv, self.now).expect("exec runs")
    }
}

/// A one-container busybox pod running `sh -c script`.
pub fn busybox_pod(script: &str) -> Pod {
    let mut pod = pod_from_yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: sh-test}\nspec:\n  containers:\n  - {name: main, image: busybox:1.36}\n");
    if let Some(c) = pod.spec.containers.first_mut() {
        c.command = vec!["sh".to_string(), "-c".to_string(), script.to_string()];
    }
    pod
}
