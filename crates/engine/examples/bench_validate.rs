//! Benchmark: manifests validated per second over the docs corpus, on one
//! thread. Run with `cargo run --release -p podplay-engine --example bench_validate`.
//!
//! Prints resources (YAML documents) per second for `check` (the editor's
//! entry point) and `parse` (typed and defaulted objects), to compare with
//! kubeconform's published ≈7.6k resources/s.

use std::time::Instant;

/// CPU time of this thread in seconds, from /proc (Linux), so that the
/// number holds on a busy machine; wall time elsewhere.
fn cpu_seconds(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| wall.elapsed().as_secs_f64())
}

fn main() {
    let dir = std::env::var("PODPLAY_CORPUS")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus").to_string());
    let Ok(index) = std::fs::read_to_string(format!("{dir}/INDEX.tsv")) else {
        eprintln!("skipped: corpus not found at {dir}");
        return;
    };
    let sources: Vec<String> = index
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter_map(|p| std::fs::read_to_string(format!("{dir}/{p}")).ok())
        .collect();
    let documents: usize = sources.iter().map(|s| podplay_engine::yaml::load(s).documents.len()).sum();
    let bytes: usize = sources.iter().map(String::len).sum();
    println!("corpus: {} files, {documents} resources, {bytes} bytes (one thread, CPU time)", sources.len());

    // Warm up (the schema is parsed once, lazily).
    for s in &sources {
        std::hint::black_box(podplay_engine::check(s));
    }
    let rounds = 40;
    let only = std::env::args().nth(1);
    for (name, f) in [
        ("check", (|s: &str| podplay_engine::check(s).len()) as fn(&str) -> usize),
        ("parse", |s: &str| podplay_engine::parse(s).objects.len()),
        ("yaml::load", |s: &str| podplay_engine::yaml::load(s).documents.len()),
    ] {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let wall = Instant::now();
        let cpu_start = cpu_seconds(wall);
        let mut n = 0usize;
        for _ in 0..rounds {
            for s in &sources {
                n += std::hint::black_box(f(s));
            }
        }
        let secs = cpu_seconds(wall) - cpu_start;
        let per_sec = (documents * rounds) as f64 / secs;
        let mib = (bytes * rounds) as f64 / secs / (1024.0 * 1024.0);
        println!(
            "{name:>11}: {per_sec:>9.0} resources/s  {mib:>6.1} MiB/s  ({:.1} µs/resource, sink {n})",
            1e6 / per_sec
        );
    }
    let start = Instant::now();
    let schema = podplay_engine::schema::schema();
    println!(
        "schema: {} types (parsed once; first parse measured in warm-up; now {:?})",
        schema.types.len(),
        start.elapsed()
    );
}
