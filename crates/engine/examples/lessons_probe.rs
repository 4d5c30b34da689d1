//! Prints every lesson's starter and solution replay in the cluster, what
//! passes at open, each wrong answer's verdicts, each prediction's verify and
//! the rendered debrief (a development aid for lesson authors).

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
        // At open nothing should pass; each wrong answer fails what it names.
        let open = podplay_engine::lessons::replay_open(lesson, &mut podplay_engine::lessons::ClusterSim::new(1));
        for (c, res) in lesson.lesson.checks.iter().zip(&open.results).filter(|(_, r)| r.passed) {
            println!("  passes at open: {} ({})", c.goal().en, res.detail.en);
        }
        for (p, v) in lesson.lesson.predict.iter().zip(&r.verify) {
            println!("  predict {}: verify {}", p.id, if v.passed { "pass" } else { "FAIL" });
        }
        for w in &lesson.lesson.wrong_answers {
            let mut sim = podplay_engine::lessons::ClusterSim::new(1);
            let wr = podplay_engine::lessons::replay_steps(lesson, &w.steps, &mut sim);
            let verdicts: Vec<String> = w
                .fails
                .iter()
                .map(|id| {
                    let pos = lesson.lesson.checks.iter().position(|c| c.id() == Some(id.as_str()));
                    let passed = pos.and_then(|i| wr.results.get(i)).is_some_and(|r| r.passed);
                    format!("{id}:{}", if passed { "PASSES(bad)" } else { "fails" })
                })
                .collect();
            println!("  wrong \"{}\": {}", w.why.en, verdicts.join(" "));
        }
        if let Some(d) = &lesson.lesson.debrief {
            println!("  debrief: {}", podplay_engine::lessons::render_placeholders(&d.en, &sim_after(lesson)));
        }
    }
}

/// The cluster after the reference solution.
fn sim_after(lesson: &podplay_engine::lessons::LoadedLesson) -> podplay_engine::lessons::ClusterSim {
    let mut sim = podplay_engine::lessons::ClusterSim::new(1);
    let _ = podplay_engine::lessons::replay_solution(lesson, &mut sim);
    sim
}
