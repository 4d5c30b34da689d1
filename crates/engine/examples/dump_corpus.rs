//! Prints every diagnostic the validator reports over the docs corpus
//! (`cargo run --example dump_corpus -- [rule]`), for reviewing noise.

fn main() {
    let dir = std::env::var("PODPLAY_CORPUS")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus").into());
    let filter = std::env::args().nth(1);
    let Ok(index) = std::fs::read_to_string(format!("{dir}/INDEX.tsv")) else {
        eprintln!("corpus not found at {dir}");
        return;
    };
    let mut counts = std::collections::BTreeMap::new();
    for line in index.lines().skip(1) {
        let Some(path) = line.split('\t').next() else { continue };
        let Ok(src) = std::fs::read_to_string(format!("{dir}/{path}")) else { continue };
        for d in podplay_engine::check(&src) {
            *counts.entry(d.rule.clone()).or_insert(0) += 1;
            if filter.as_deref().is_none_or(|f| f == d.rule || f == "all") {
                println!("{path}\n{}", d.render(&src, podplay_engine::Lang::En));
            }
        }
    }
    println!("{counts:#?}");
}
