//! Runs kubectl lines given as arguments against a fresh playground (a
//! learner's terminal, for trying commands by hand): `cargo run --example
//! try_kubectl -- "kubectl explain pod.spec.containers.resources"`.

use podplay_engine::kubectl::{Context, Playground};

fn main() {
    let mut pg = Playground::new(1);
    let ctx = Context::default();
    for line in std::env::args().skip(1) {
        let out = pg.run(&line, &ctx);
        println!("$ {line}\n{}{}", out.stdout, out.stderr);
    }
}
