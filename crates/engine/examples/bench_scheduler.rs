//! Benchmark (not a test): scheduler_perf's `SchedulingBasic` shape — 5000
//! nodes, 1000 pods already scheduled, then 10,000 pods scheduled and
//! timed — and the memory and time to hold 5000 nodes + 150,000 pods for
//! one virtual minute. Run with `cargo run --release -p podplay-engine
//! --example bench_scheduler`; numbers go to BENCHMARKS.md.
//!
//! Upstream's `SchedulingBasic` 5000-node threshold is 680 pods/s (and 650 for
//! the small variants) in `test/integration/scheduler_perf/config/performance-config.yaml`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use podplay_engine::cluster::{worker_node, Cluster};
use podplay_engine::model::{self, Pod, Workload};
use podplay_engine::rng::Rng;
use podplay_engine::scheduler::{NodeInfo, PodInfo, Resources, Scheduler};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        CURRENT.fetch_sub(l.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Seconds this thread has spent on a CPU (Linux `schedstat`), so that the
/// numbers hold on a shared machine; falls back to 0 elsewhere.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

/// A stopwatch for wall and on-CPU time.
struct Watch(Instant, f64);

impl Watch {
    fn start() -> Watch {
        Watch(Instant::now(), cpu_s())
    }
    /// `(wall, cpu)` seconds since start.
    fn read(&self) -> (f64, f64) {
        (self.0.elapsed().as_secs_f64(), cpu_s() - self.1)
    }
}

fn mib(b: usize) -> f64 {
    b as f64 / (1024.0 * 1024.0)
}

/// scheduler_perf's `node-default.yaml`: 4 CPUs, 32 GiB, 110 pods.
fn nodes(n: usize) -> Vec<model::Node> {
    (0..n).map(|i| worker_node(&format!("node-{i}"), "4", "32Gi")).collect()
}

/// scheduler_perf's `pod-default.yaml`: requests cpu 100m, memory 500Mi.
fn pod(name: &str) -> Pod {
    podplay_engine::yaml::from_str(&format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - name: pause\n    image: registry.k8s.io/pause:3.10\n    resources: {{requests: {{cpu: 100m, memory: 500Mi}}, limits: {{cpu: 100m, memory: 500Mi}}}}\n"
    ))
    .expect("pod")
}

fn scheduling_basic_cluster() {
    let mut c = Cluster::with_nodes(1, nodes(5000));
    for i in 0..1000 {
        c.apply(pod(&format!("init-{i}"))).expect("apply");
    }
    c.advance_by(100);
    let scheduled_init = c.pods().iter().filter(|p| p.node.is_some()).count();
    assert_eq!(scheduled_init, 1000);
    let measured: Vec<Pod> = (0..10_000).map(|i| pod(&format!("pod-{i}"))).collect();
    let all = Watch::start();
    for p in measured {
        c.apply(p).expect("apply");
    }
    let sched = Watch::start();
    c.advance_by(50);
    let (sched_wall, sched_cpu) = sched.read();
    let (all_wall, all_cpu) = all.read();
    let scheduled = c.pod_names().len();
    assert_eq!(scheduled, 11_000);
    let bound = c.nodes().iter().map(|n| n.pods).sum::<i64>();
    assert_eq!(bound, 11_000, "every pod bound");
    println!(
        "SchedulingBasic through Cluster (queue, cycles, binding): {:.0} pods/s on-CPU ({:.0}x upstream's 680), {:.0} pods/s wall; including apply + defaulting: {:.0} pods/s on-CPU, {:.0} wall",
        10_000.0 / sched_cpu,
        10_000.0 / sched_cpu / 680.0,
        10_000.0 / sched_wall,
        10_000.0 / all_cpu,
        10_000.0 / all_wall
    );
}

fn scheduling_basic_framework() -> (f64, f64) {
    let mut infos: Vec<NodeInfo> = (0..5000)
        .map(|i| NodeInfo {
            name: format!("node-{i}"),
            allocatable: Resources { milli_cpu: 4000, memory: 32 << 30, ..Resources::default() },
            allowed_pods: 110,
            ..NodeInfo::default()
        })
        .collect();
    let spec = pod("x").spec;
    let info = PodInfo::new(&spec);
    let mut s = Scheduler::new();
    let mut rng = Rng::new(1);
    for _ in 0..1000 {
        let d = s.schedule(&info, &infos, &mut rng).expect("fits");
        infos[d.node].add_pod(&info);
    }
    let w = Watch::start();
    for _ in 0..10_000 {
        let d = s.schedule(&info, &infos, &mut rng).expect("fits");
        infos[d.node].add_pod(&info);
    }
    let (wall, cpu) = w.read();
    (10_000.0 / cpu, 10_000.0 / wall)
}

fn hold(pods: i32) {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let w = Watch::start();
    let mut c = Cluster::with_nodes(2, nodes(5000));
    let rs: Workload = podplay_engine::yaml::from_str(&format!(
        "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {{name: web}}\nspec:\n  replicas: {pods}\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers:\n      - name: pause\n        image: registry.k8s.io/pause:3.10\n        resources: {{requests: {{cpu: 100m, memory: 500Mi}}}}\n"
    ))
    .expect("rs");
    c.apply(rs).expect("apply");
    let mut steps = 0;
    for _ in 0..60 {
        steps += c.advance_by(1000);
        c.drain_changes();
    }
    let (took, took_cpu) = w.read();
    let running = c.phase_counts().get("Running").copied().unwrap_or(0);
    let held = CURRENT.load(Ordering::Relaxed) - before;
    let w2 = Watch::start();
    let mut steps2 = 0;
    for _ in 0..60 {
        steps2 += c.advance_by(1000);
        c.drain_changes();
    }
    let (wall2, cpu2) = w2.read();
    println!(
        "hold: 5000 nodes + {} pods ({} Running); first virtual minute (create, schedule, pull, start): {:.2} s on-CPU, {:.2} s wall, {} steps; second minute: {:.3} s on-CPU, {:.3} s wall, {} steps; heap held {:.0} MiB (peak {:.0} MiB), {:.0} bytes/pod",
        c.pod_count(),
        running,
        took_cpu,
        took,
        steps,
        cpu2,
        wall2,
        steps2,
        mib(held),
        mib(PEAK.load(Ordering::Relaxed) - before),
        held as f64 / f64::from(pods.max(1))
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("hold") {
        hold(args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20_000));
        return;
    }
    if args.get(1).map(String::as_str) == Some("framework") {
        println!("{:?}", scheduling_basic_framework());
        return;
    }
    let pods: i32 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(150_000);
    let (cpu, wall) = scheduling_basic_framework();
    println!(
        "SchedulingBasic 5000 nodes / 1000 init / 10000 measured, scheduler framework only: {cpu:.0} pods/s on-CPU ({:.0}x upstream's 680), {wall:.0} pods/s wall",
        cpu / 680.0
    );
    scheduling_basic_cluster();
    hold(pods);
}
