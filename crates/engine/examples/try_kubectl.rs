//! Runs kubectl lines given as arguments against a fresh playground (a
//! learner's terminal, for trying commands by hand): `cargo run --example
//! try_kubectl -- "kubectl explain pod.spec.containers.resources"`.
//! `PODPLAY_EDITOR=FILE` puts FILE's text in the editor (`-f editor.yaml`,
//! `-f -`); `sleep N` advances the virtual clock by N seconds.

use podplay_engine::kubectl::{Context, Playground};

fn main() {
    let mut pg = Playground::new(1);
    let mut ctx = Context::default();
    if let Some(text) = std::env::var_os("PODPLAY_EDITOR").and_then(|f| std::fs::read_to_string(f).ok()) {
        ctx.files.insert("editor.yaml".into(), text);
    }
    for line in std::env::args().skip(1) {
        if let Some(secs) = line.strip_prefix("sleep ").and_then(|s| s.parse::<u64>().ok()) {
            pg.cluster.advance_by(secs * 1000);
            continue;
        }
        let out = pg.run(&line, &ctx);
        println!("$ {line}\n{}{}", out.stdout, out.stderr);
    }
}
