//! Helpers shared by the cluster scenario tests.
#![allow(dead_code)]

use podplay_engine::cluster::{Cluster, PodView};
use podplay_engine::model;
use podplay_engine::SimTime;

pub fn pod(yaml: &str) -> model::Pod {
    podplay_engine::yaml::from_str(yaml).expect("test pod YAML")
}

pub fn workload(yaml: &str) -> model::Workload {
    podplay_engine::yaml::from_str(yaml).expect("test workload YAML")
}

/// Advances in 100 ms steps until `pred` holds, at most `max_ms`; returns the time it held.
pub fn run_until(c: &mut Cluster, max_ms: u64, mut pred: impl FnMut(&Cluster) -> bool) -> Option<SimTime> {
    let end = c.now().plus_ms(max_ms);
    while c.now() < end {
        if pred(c) {
            return Some(c.now());
        }
        c.advance_by(100);
    }
    pred(c).then(|| c.now())
}

pub fn view(c: &Cluster, name: &str) -> PodView {
    c.pod("default", name).unwrap_or_else(|| panic!("pod {name} exists"))
}

/// `(reason, message)` of every event about a pod, in order.
pub fn pod_events(c: &Cluster, name: &str) -> Vec<(String, String)> {
    c.events_for("Pod", "default", name).into_iter().map(|e| (e.reason.clone(), e.message.clone())).collect()
}

pub fn reasons(c: &Cluster, name: &str) -> Vec<String> {
    pod_events(c, name).into_iter().map(|(r, _)| r).collect()
}
