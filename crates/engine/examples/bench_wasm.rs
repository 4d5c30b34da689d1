//! The scheduler benchmark for wasm32: the same SchedulingBasic shape and the
//! 150,000-pod hold as `bench_scheduler`, exported as functions that
//! `examples/bench_wasm.mjs` calls and times from JavaScript (wasm has no clock).
//!
//! Build: `cargo build --release --target wasm32-unknown-unknown -p podplay-engine --example bench_wasm`
//! Run:   `node crates/engine/examples/bench_wasm.mjs target/wasm32-unknown-unknown/release/examples/bench_wasm.wasm`

use std::cell::RefCell;

use podplay_engine::cluster::{worker_node, Cluster};
use podplay_engine::model::{self, Pod, Workload};

thread_local! {
    static CLUSTER: RefCell<Option<Cluster>> = const { RefCell::new(None) };
}

fn nodes(n: usize) -> Vec<model::Node> {
    (0..n).map(|i| worker_node(&format!("node-{i}"), "4", "32Gi")).collect()
}

fn pod(name: &str) -> Option<Pod> {
    podplay_engine::yaml::from_str(&format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - name: pause\n    image: registry.k8s.io/pause:3.10\n    resources: {{requests: {{cpu: 100m, memory: 500Mi}}, limits: {{cpu: 100m, memory: 500Mi}}}}\n"
    ))
    .ok()
}

/// 5000 nodes, 1000 pods scheduled, 10,000 more applied (not yet scheduled).
#[no_mangle]
pub extern "C" fn basic_setup() -> u32 {
    let mut c = Cluster::with_nodes(1, nodes(5000));
    for i in 0..1000 {
        if let Some(p) = pod(&format!("init-{i}")) {
            let _ = c.apply(p);
        }
    }
    c.advance_by(100);
    for i in 0..10_000 {
        if let Some(p) = pod(&format!("pod-{i}")) {
            let _ = c.apply(p);
        }
    }
    let n = c.pod_count() as u32;
    CLUSTER.with(|cell| *cell.borrow_mut() = Some(c));
    n
}

/// Runs the scheduling cycles for the 10,000 queued pods; returns how many pods are bound.
#[no_mangle]
pub extern "C" fn basic_run() -> u32 {
    CLUSTER.with(|cell| {
        let mut b = cell.borrow_mut();
        let Some(c) = b.as_mut() else { return 0 };
        c.advance_by(50);
        c.nodes().iter().map(|n| n.pods).sum::<i64>() as u32
    })
}

/// 5000 nodes and a ReplicaSet of `pods` replicas.
#[no_mangle]
pub extern "C" fn hold_setup(pods: u32) -> u32 {
    let Ok(rs) = podplay_engine::yaml::from_str::<Workload>(&format!(
        "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {{name: web}}\nspec:\n  replicas: {pods}\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers:\n      - name: pause\n        image: registry.k8s.io/pause:3.10\n        resources: {{requests: {{cpu: 100m, memory: 500Mi}}}}\n"
    )) else {
        return 0;
    };
    CLUSTER.with(|cell| *cell.borrow_mut() = None);
    let mut c = Cluster::with_nodes(2, nodes(5000));
    let _ = c.apply(rs);
    CLUSTER.with(|cell| *cell.borrow_mut() = Some(c));
    1
}

/// Advances one virtual second; returns how many timer steps ran.
#[no_mangle]
pub extern "C" fn hold_step() -> u32 {
    CLUSTER.with(|cell| {
        let mut b = cell.borrow_mut();
        let Some(c) = b.as_mut() else { return 0 };
        let steps = c.advance_by(1000);
        c.drain_changes();
        steps as u32
    })
}

/// How many pods are Running.
#[no_mangle]
pub extern "C" fn hold_running() -> u32 {
    CLUSTER.with(|cell| {
        let b = cell.borrow();
        let Some(c) = b.as_ref() else { return 0 };
        c.phase_counts().get("Running").copied().unwrap_or(0) as u32
    })
}
