//! Benchmark: time from `podplay-node run` to "all containers started" for a
//! 2-container busybox pod, N runs (default 50, or the first argument),
//! printed as p50/p99. Needs root. Build the binary first:
//! `cargo build --release -p podplay-node --bins --examples && target/release/examples/bench_startup`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: bench-startup}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: a\n    image: busybox\n    command: [sleep, '3600']\n  - name: b\n    image: busybox\n    command: [sleep, '3600']\n";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(idx).copied().unwrap_or(f64::NAN)
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let exe = std::env::current_exe().expect("current exe");
    let bin = exe.parent().and_then(|p| p.parent()).map(|p| p.join("podplay-node")).expect("target dir");
    assert!(bin.exists(), "{} not found: build it with `cargo build --release -p podplay-node --bins`", bin.display());
    let dir = std::env::temp_dir().join(format!("podplay-node-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("pod.yaml");
    std::fs::write(&file, POD).expect("write pod");
    let (mut outside, mut inside) = (Vec::new(), Vec::new());
    for i in 0..=runs {
        let t0 = Instant::now();
        let mut child = Command::new(&bin)
            .args(["run", "--quiet", "-f"])
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn");
        let out = child.stdout.take().expect("stdout");
        let mut reader = BufReader::new(out);
        let mut line = String::new();
        let mut seen = None;
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(rest) = line.split("all containers started in ").nth(1) {
                seen = Some((
                    t0.elapsed().as_secs_f64() * 1000.0,
                    rest.trim().trim_end_matches(" ms").parse::<f64>().unwrap_or(f64::NAN),
                ));
                break;
            }
            line.clear();
        }
        // SAFETY: SIGINT to our own child.
        unsafe {
            libc::kill(child.id() as i32, libc::SIGINT);
        }
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
        let _ = child.wait();
        let (o, n) = seen.unwrap_or_else(|| panic!("run {i}: never saw all containers started"));
        // The first run builds the busybox image; it is a warm-up.
        if i > 0 {
            outside.push(o);
            inside.push(n);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    for v in [&mut outside, &mut inside] {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    }
    println!("podplay-node pod startup, 2 busybox containers, {runs} runs (after 1 warm-up)");
    println!(
        "  run → all containers started (measured by the caller): p50 {:.1} ms  p99 {:.1} ms  min {:.1}  max {:.1}",
        percentile(&outside, 0.5),
        percentile(&outside, 0.99),
        outside[0],
        outside[outside.len() - 1]
    );
    println!(
        "  inside podplay-node (from its start):                 p50 {:.1} ms  p99 {:.1} ms",
        percentile(&inside, 0.5),
        percentile(&inside, 0.99)
    );
    println!("  anchor: upstream pod-startup SLO p99 <= 5000 ms; goal <= 100 ms");
}
