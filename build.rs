//! Build script. It embeds the lesson pack (`lessons/`, deflated) into the app, so that
//! a static `dist/` carries its lessons with it and needs no fetches; and, for
//! `--features bench` only, the Kubernetes docs corpus (from
//! `PODPLAY_BENCH_CORPUS`, never copied into the repo) so that the wasm
//! benchmark can validate it inside the browser.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    embed_lessons(&out_dir);
    embed_bench_corpus(&out_dir);
}

fn embed_lessons(out_dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lessons = root.join("lessons");
    println!("cargo:rerun-if-changed={}", lessons.display());
    let mut files = Vec::new();
    collect_lessons(&lessons, &lessons, &mut files);
    files.sort();
    // One deflated blob of `path NUL text NUL` records: the wasm carries a
    // quarter of the text's bytes, and `src/lessons.rs` inflates it once.
    let mut blob = Vec::new();
    for (rel, abs) in &files {
        match fs::read(abs) {
            Ok(text) => {
                blob.extend_from_slice(rel.as_bytes());
                blob.push(0);
                blob.extend_from_slice(&text);
                blob.push(0);
            }
            Err(err) => println!("cargo:warning=cannot read {abs}: {err}"),
        }
    }
    let packed = miniz_oxide::deflate::compress_to_vec(&blob, 10);
    if let Err(err) = fs::write(out_dir.join("lessons.deflate"), packed) {
        println!("cargo:warning=cannot write the lesson pack: {err}");
    }
}

/// Text files only (YAML, JSON manifests and Markdown); folders are walked, at most 4 deep.
fn collect_lessons(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            if path.strip_prefix(base).map(|p| p.components().count() < 4).unwrap_or(false) {
                collect_lessons(base, &path, out);
            }
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json" | "md")) {
            let rel = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}

fn embed_bench_corpus(out_dir: &Path) {
    println!("cargo:rerun-if-env-changed=PODPLAY_BENCH_CORPUS");
    let mut files = Vec::new();
    if std::env::var_os("CARGO_FEATURE_BENCH").is_some() {
        if let Some(dir) = std::env::var_os("PODPLAY_BENCH_CORPUS") {
            collect_yaml(Path::new(&dir), &mut files);
        }
    }
    files.sort();
    let mut out =
        String::from("/// Corpus manifests embedded for the wasm benchmark.\npub static CORPUS: &[&str] = &[\n");
    for f in &files {
        let _ = writeln!(out, "    include_str!({:?}),", f.display().to_string());
    }
    out.push_str("];\n");
    write(&out_dir.join("bench_corpus.rs"), &out);
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_yaml(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn write(dest: &Path, text: &str) {
    if let Err(err) = fs::write(dest, text) {
        println!("cargo:warning=cannot write {}: {err}", dest.display());
    }
}
