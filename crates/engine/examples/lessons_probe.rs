//! Prints every lesson's starter and solution replay in the cluster (a
//! development aid for lesson authors).

use std::collections::BTreeMap;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons");
    let mut files = BTreeMap::new();
    let mut stack = vec![(dir.clone(), "lessons".to_string())];
    while let Some((path, key)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&path) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let child = format!("{key}/{name}");
            if entry.path().is_dir() {
                stack.push((entry.path(), child));
            } else if let Ok(text) = std::fs::read_to_string(entry.path()) {
                files.insert(child, text);
            }
        }
    }
    let pack = match podplay_engine::lessons::load_pack(&files) {
        Ok(p) => p,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    };
    let only = std::env::args().nth(1);
    for lesson in &pack.lessons {
        if only.as_ref().is_some_and(|o| !lesson.lesson.id.starts_with(o.as_str())) {
            continue;
        }
        println!("== {}", lesson.lesson.id);
        let mut sim = podplay_engine::lessons::ClusterSim::new(1);
        let s = podplay_engine::lessons::replay_starter(lesson, &mut sim);
        let mut sim = podplay_engine::lessons::ClusterSim::new(1);
        let r = podplay_engine::lessons::replay_solution(lesson, &mut sim);
        for (i, c) in lesson.lesson.checks.iter().enumerate() {
            let st = s.results.get(i).map(|r| if r.passed { "pass" } else { "FAIL" }).unwrap_or("?");
            let so = r
                .results
                .get(i)
                .map(|r| (if r.passed { "pass" } else { "FAIL" }, r.detail.en.clone()))
                .unwrap_or(("?", String::new()));
            println!("  [{st} → {}] {:<16} {}", so.0, c.kind(), so.1);
        }
        for e in &r.errors {
            println!("  solution error: {}", e.en);
        }
    }
}
