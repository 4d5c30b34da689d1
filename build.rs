//! Build script: for `--features bench` only, embeds the Kubernetes docs
//! corpus (from `PODPLAY_BENCH_CORPUS`, never copied into the repo) so the
//! wasm benchmark can validate it inside the browser. Otherwise it writes an
//! empty list.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=PODPLAY_BENCH_CORPUS");
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    if std::env::var_os("CARGO_FEATURE_BENCH").is_some() {
        if let Some(dir) = std::env::var_os("PODPLAY_BENCH_CORPUS") {
            collect_yaml(Path::new(&dir), &mut files);
        }
    }
    files.sort();
    let mut out = String::from("/// Corpus manifests embedded for the wasm benchmark.\npub static CORPUS: &[&str] = &[\n");
    for f in &files {
        let _ = writeln!(out, "    include_str!({:?}),", f.display().to_string());
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("bench_corpus.rs");
    if let Err(err) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {err}", dest.display());
    }
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_yaml(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}
