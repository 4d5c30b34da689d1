//! Build script: embeds the lesson pack (`lessons/`) into the app, so that a
//! static `dist/` carries its lessons with it and needs no fetches.

use std::fs;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lessons = root.join("lessons");
    println!("cargo:rerun-if-changed={}", lessons.display());
    let mut files = Vec::new();
    collect(&lessons, &lessons, &mut files);
    files.sort();
    let mut out = String::from("/// Every file of the lesson pack: (path under `lessons/`, text).\npub static FILES: &[(&str, &str)] = &[\n");
    for (rel, abs) in &files {
        out.push_str(&format!("    ({rel:?}, include_str!({abs:?})),\n"));
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lessons.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// Text files only (YAML and Markdown); folders are walked, at most 4 deep.
fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            if path.strip_prefix(base).map(|p| p.components().count() < 4).unwrap_or(false) {
                collect(base, &path, out);
            }
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "md")) {
            let rel = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
