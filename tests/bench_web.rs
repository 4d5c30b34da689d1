//! Benchmarks inside headless Chromium (`./x bench`), printed, never asserted.
//! Each prints `bench: wasm: …` lines that `./x bench` records.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/bench_corpus.rs"));

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

#[wasm_bindgen_test]
fn validation_throughput() {
    if CORPUS.is_empty() {
        console_log!("bench: wasm: validation skipped: corpus not embedded (set PODPLAY_BENCH_CORPUS)");
        return;
    }
    let start = now_ms();
    let mut docs = 0usize;
    let mut rounds = 0;
    while now_ms() - start < 2000.0 && rounds < 10_000 {
        for source in CORPUS {
            std::hint::black_box(podplay_engine::check(source));
            docs += 1;
        }
        rounds += 1;
    }
    let secs = (now_ms() - start) / 1000.0;
    console_log!(
        "bench: wasm: validation: {:.0} manifests/s ({} files x {} rounds in {:.2}s)",
        docs as f64 / secs,
        CORPUS.len(),
        rounds,
        secs
    );
}

/// How long a reload's replay takes: a session of kubectl lines with the
/// clock ticking between them, replayed from its saved journal.
#[wasm_bindgen_test]
fn journal_replay() {
    for (commands, ticks) in [(100usize, 50usize), (1_000, 10), (3_900, 10)] {
        let start = now_ms();
        let live = podplay::sim::bench_session(commands, ticks);
        let live_ms = now_ms() - start;
        let json = live.journal().to_json();
        let start = now_ms();
        let journal = podplay::journal::Journal::from_json(&json);
        let (restored, _) = podplay::sim::Sim::replay(journal.as_ref().unwrap_or(live.journal()));
        let replay_ms = now_ms() - start;
        std::hint::black_box(restored.now());
        console_log!(
            "bench: wasm: replay: {} commands, {} s virtual: journal {} entries, {} bytes; live {:.0} ms, replay {:.0} ms",
            commands,
            live.now().as_millis() / 1000,
            live.journal().entries.len(),
            json.len(),
            live_ms,
            replay_ms
        );
    }
}

/// Bytes of this module's wasm linear memory (it only grows).
fn wasm_memory_mib() -> f64 {
    core::arch::wasm32::memory_size(0) as f64 * 65536.0 / 1048576.0
}

/// scheduler_perf's `node-default.yaml` shape: 4 CPUs, 32 GiB, 110 pods.
fn perf_nodes(n: usize) -> Vec<podplay_engine::model::Node> {
    (0..n).map(|i| podplay_engine::cluster::worker_node(&format!("node-{i}"), "4", "32Gi")).collect()
}

/// scheduler_perf's `pod-default.yaml` shape: requests cpu 100m, memory 500Mi.
fn perf_pod(name: &str) -> Option<podplay_engine::model::Pod> {
    podplay_engine::yaml::from_str(&format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - name: pause\n    image: registry.k8s.io/pause:3.10\n    resources: {{requests: {{cpu: 100m, memory: 500Mi}}, limits: {{cpu: 100m, memory: 500Mi}}}}\n"
    ))
    .ok()
}

/// The same SchedulingBasic shape as `crates/engine/examples/bench_scheduler.rs`
/// (5000 nodes, 1000 pods scheduled first, then 10,000 measured), through the
/// whole `Cluster`, on the page's main thread. Anchor: upstream's 680 pods/s.
#[wasm_bindgen_test]
fn scheduling_basic() {
    use podplay_engine::cluster::Cluster;
    let mut c = Cluster::with_nodes(1, perf_nodes(5000));
    for i in 0..1000 {
        if let Some(p) = perf_pod(&format!("init-{i}")) {
            let _ = c.apply(p);
        }
    }
    c.advance_by(100);
    let measured: Vec<_> = (0..10_000).filter_map(|i| perf_pod(&format!("pod-{i}"))).collect();
    let all = now_ms();
    for p in measured {
        let _ = c.apply(p);
    }
    let sched = now_ms();
    c.advance_by(50);
    let end = now_ms();
    let bound: i64 = c.nodes().iter().map(|n| n.pods).sum();
    let pods_s = 10_000.0 / ((end - sched) / 1000.0);
    console_log!(
        "bench: wasm: SchedulingBasic through Cluster (5000 nodes, 1000 + 10000 pods, {} bound): {:.0} pods/s wall ({:.0}x upstream's 680); including apply + defaulting: {:.0} pods/s; wasm memory {:.0} MiB",
        bound,
        pods_s,
        pods_s / 680.0,
        10_000.0 / ((end - all) / 1000.0),
        wasm_memory_mib()
    );
}

/// 5000 nodes and a ReplicaSet of `PODPLAY_BENCH_PODS` (default 150,000)
/// replicas, created and advanced one virtual minute in 1 s steps, then a
/// second minute; wall time per minute, the longest step (a browser main
/// thread would block that long) and the wasm memory.
#[wasm_bindgen_test]
fn hold_150k() {
    use podplay_engine::cluster::Cluster;
    let pods: u32 = option_env!("PODPLAY_BENCH_PODS").and_then(|s| s.parse().ok()).unwrap_or(150_000);
    let Ok(rs) = podplay_engine::yaml::from_str::<podplay_engine::model::Workload>(&format!(
        "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {{name: web}}\nspec:\n  replicas: {pods}\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers:\n      - name: pause\n        image: registry.k8s.io/pause:3.10\n        resources: {{requests: {{cpu: 100m, memory: 500Mi}}}}\n"
    )) else {
        console_log!("bench: wasm: hold skipped: the ReplicaSet did not parse");
        return;
    };
    let memory_before = wasm_memory_mib();
    let start = now_ms();
    let mut c = Cluster::with_nodes(2, perf_nodes(5000));
    let _ = c.apply(rs);
    let mut longest_step = 0.0f64;
    for _ in 0..60 {
        let t = now_ms();
        c.advance_by(1000);
        c.drain_changes();
        longest_step = longest_step.max(now_ms() - t);
    }
    let first = now_ms() - start;
    let running = c.phase_counts().get("Running").copied().unwrap_or(0);
    let second_start = now_ms();
    for _ in 0..60 {
        c.advance_by(1000);
        c.drain_changes();
    }
    let second = now_ms() - second_start;
    console_log!(
        "bench: wasm: hold 5000 nodes + {} pods ({} Running) in Chromium: first virtual minute {:.1} s wall (longest 1 s step {:.0} ms), second minute {:.3} s; wasm memory {:.0} MiB (was {:.0} MiB before)",
        c.pod_count(),
        running,
        first / 1000.0,
        longest_step,
        second / 1000.0,
        wasm_memory_mib(),
        memory_before
    );
}
