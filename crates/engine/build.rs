//! Build script: stores the embedded API schema (`src/schema/k8s.schema`)
//! deflate-compressed in the binary, whatever its text holds, so the wasm
//! carries about a quarter of its bytes; `schema::schema()` inflates it once,
//! lazily, on first use.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let source = manifest.join("src/schema/k8s.schema");
    println!("cargo:rerun-if-changed={}", source.display());
    let text = std::fs::read(&source).unwrap_or_else(|e| panic!("reading {}: {e}", source.display()));
    let packed = miniz_oxide::deflate::compress_to_vec(&text, 10);
    std::fs::write(out_dir.join("k8s.schema.deflate"), packed)
        .unwrap_or_else(|e| panic!("writing the packed schema: {e}"));
}
