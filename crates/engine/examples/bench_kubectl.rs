//! Benchmark (not a test): how long kubectl commands take in the playground,
//! the way a learner types them (the terminal must answer within a frame or
//! two). Prints microseconds per command for `get pods` over 10, 100 and
//! 1000 pods, `-o wide`, `-o yaml`, `describe pod`, the lexer on a 8 KiB
//! line, tab completion, `describe node`, `get events -o wide`, a 60 s
//! `get pods -w` and a `get nodes -w`. Run with
//! `cargo run --release -p podplay-engine --example bench_kubectl`.

use std::time::Instant;

use podplay_engine::kubectl::{complete, Context, Playground};

fn pod(name: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels:\n    app: bench\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      requests: {{cpu: 10m, memory: 16Mi}}\n"
    )
}

fn time<F: FnMut()>(label: &str, runs: u32, mut f: F) {
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / f64::from(runs);
    println!("{label:<46} {per:>12.1} µs/command  ({runs} runs)");
}

fn main() {
    for n in [10usize, 100, 1000] {
        let mut p = Playground::new(1);
        let mut docs = String::new();
        for i in 0..n {
            if i > 0 {
                docs.push_str("---\n");
            }
            docs.push_str(&pod(&format!("p{i:04}")));
        }
        let ctx = Context::with_editor(&docs);
        let start = Instant::now();
        let out = p.run("kubectl apply -f editor.yaml", &ctx);
        assert_eq!(out.exit_code, 0, "{}", out.stderr);
        println!(
            "{:<46} {:>12.1} ms",
            format!("apply -f ({n} pods, validation included)"),
            start.elapsed().as_secs_f64() * 1e3
        );
        p.cluster.advance_by(30_000);
        let runs = if n >= 1000 { 5 } else { 50 };
        time(&format!("get pods ({n} pods)"), runs, || {
            let _ = p.run("kubectl get pods", &ctx);
        });
        time(&format!("get pods -o wide --show-labels ({n} pods)"), runs, || {
            let _ = p.run("kubectl get pods -o wide --show-labels", &ctx);
        });
        time(&format!("get pods -o yaml ({n} pods)"), runs, || {
            let _ = p.run("kubectl get pods -o yaml", &ctx);
        });
        time(&format!("describe pod p0000 ({n} pods)"), runs, || {
            let _ = p.run("kubectl describe pod p0000", &ctx);
        });
        time(&format!("describe node worker-1 ({n} pods)"), runs, || {
            let _ = p.run("kubectl describe node worker-1", &ctx);
        });
        time(&format!("get events -o wide ({n} pods)"), runs, || {
            let _ = p.run("kubectl get events -o wide", &ctx);
        });
        time(&format!("complete 'kubectl get pods p00' ({n} pods)"), runs, || {
            let _ = complete(&p, "kubectl get pods p00", 20, &ctx);
        });
        if n <= 100 {
            let mut ctx = ctx.clone();
            ctx.watch_ms_max = 60_000;
            let _ = p.run("kubectl delete pod p0000 --wait=false", &ctx);
            time(&format!("get pods -w, 60 s virtual ({n} pods)"), 1, || {
                let _ = p.run("kubectl get pods -w", &ctx);
            });
            time(&format!("get nodes -w, until quiet ({n} pods)"), 1, || {
                let _ = p.run("kubectl get nodes -w", &ctx);
            });
        }
    }
    let mut p = Playground::new(1);
    let ctx = Context::default();
    let long = format!("kubectl get pods {}", "'a b' \"c\\\"d\" e\\ f ".repeat(400));
    let line = &long[..long.len().min(8 * 1024)];
    time("lex + reject an 8 KiB line", 1000, || {
        let _ = p.run(line, &ctx);
    });
    let huge = "x".repeat(100 * 1024);
    time("reject a 100 KiB line", 1000, || {
        let _ = p.run(&huge, &ctx);
    });
}
