//! Fuzz target: arbitrary terminal lines through kubectl, against a
//! playground with a running pod (so get/describe/logs/exec have targets).
#![no_main]

use libfuzzer_sys::fuzz_target;
use podplay_engine::kubectl::{Context, Playground};

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers:\n  - {name: nginx, image: \"nginx:1.27\", ports: [{containerPort: 80}]}\n  - {name: sh, image: \"busybox:1.36\", command: [sh, -c, \"while true; do date; sleep 5; done\"]}\n";

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let mut pg = Playground::new(1);
    let ctx = Context::with_editor(POD);
    let _ = pg.run("kubectl apply -f editor.yaml", &ctx);
    pg.cluster.advance_by(10_000);
    let _ = pg.run(&line, &ctx);
    let _ = podplay_engine::kubectl::complete(&pg, &line, line.len(), &ctx);
});
