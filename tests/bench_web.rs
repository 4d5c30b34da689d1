//! Benchmarks inside headless Chromium (`./x bench`), printed, never asserted.
//! Each prints `bench: wasm: …` lines that `./x bench` records.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/bench_corpus.rs"));

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

#[wasm_bindgen_test]
fn validation_throughput() {
    if CORPUS.is_empty() {
        console_log!("bench: wasm: validation skipped: corpus not embedded (set PODPLAY_BENCH_CORPUS)");
        return;
    }
    let start = now_ms();
    let mut docs = 0usize;
    let mut rounds = 0;
    while now_ms() - start < 2000.0 && rounds < 10_000 {
        for source in CORPUS {
            std::hint::black_box(podplay_engine::check(source));
            docs += 1;
        }
        rounds += 1;
    }
    let secs = (now_ms() - start) / 1000.0;
    console_log!("bench: wasm: validation: {:.0} manifests/s ({} files x {} rounds in {:.2}s)", docs as f64 / secs, CORPUS.len(), rounds, secs);
}

/// How long a reload's replay takes: a session of kubectl lines with the
/// clock ticking between them, replayed from its saved journal.
#[wasm_bindgen_test]
fn journal_replay() {
    for (commands, ticks) in [(100usize, 50usize), (1_000, 10), (3_900, 10)] {
        let start = now_ms();
        let live = podplay::sim::bench_session(commands, ticks);
        let live_ms = now_ms() - start;
        let json = live.journal().to_json();
        let start = now_ms();
        let journal = podplay::journal::Journal::from_json(&json);
        let (restored, _) = podplay::sim::Sim::replay(journal.as_ref().unwrap_or(live.journal()));
        let replay_ms = now_ms() - start;
        std::hint::black_box(restored.now());
        console_log!(
            "bench: wasm: replay: {} commands, {} s virtual: journal {} entries, {} bytes; live {:.0} ms, replay {:.0} ms",
            commands,
            live.now().as_millis() / 1000,
            live.journal().entries.len(),
            json.len(),
            live_ms,
            replay_ms
        );
    }
}
