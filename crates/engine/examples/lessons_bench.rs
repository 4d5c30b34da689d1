//! Measures the lesson pack: loading it (parse, check, split stories),
//! rendering every story step to HTML, and replaying every lesson's starter
//! and solution in the cluster. Prints numbers; asserts nothing.

use std::collections::BTreeMap;
use std::time::Instant;

use podplay_engine::lessons::{load_pack, render_markdown_safe, replay_solution, replay_starter, ClusterSim};

fn read(dir: &std::path::Path, key: &str, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let child = format!("{key}/{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            read(&entry.path(), &child, out);
        } else if let Ok(text) = std::fs::read_to_string(entry.path()) {
            out.insert(child, text);
        }
    }
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons");
    let mut files = BTreeMap::new();
    read(&dir, "lessons", &mut files);
    let bytes: usize = files.values().map(String::len).sum();
    println!("pack: {} files, {} bytes", files.len(), bytes);

    let runs = 50u32;
    let start = Instant::now();
    let mut pack = None;
    for _ in 0..runs {
        pack = load_pack(&files).ok();
    }
    let Some(pack) = pack else {
        eprintln!("the pack does not load");
        std::process::exit(1);
    };
    println!(
        "load_pack: {:.2} ms per load ({} lessons)",
        start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs),
        pack.lessons.len()
    );

    let start = Instant::now();
    let mut html_bytes = 0usize;
    for lesson in &pack.lessons {
        for step in lesson.steps_ko.iter().chain(&lesson.steps_en) {
            html_bytes += render_markdown_safe(&step.body).len();
        }
    }
    println!(
        "render every step (ko+en): {:.2} ms, {} bytes of HTML",
        start.elapsed().as_secs_f64() * 1000.0,
        html_bytes
    );

    let start = Instant::now();
    for lesson in &pack.lessons {
        let _ = replay_starter(lesson, &mut ClusterSim::new(7));
        let _ = replay_solution(lesson, &mut ClusterSim::new(7));
    }
    println!("replay every starter and solution: {:.2} ms", start.elapsed().as_secs_f64() * 1000.0);
}
