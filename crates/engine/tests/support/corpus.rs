//! Where the Kubernetes docs corpus is, for every test that reads it (the
//! engine's and, by `#[path]`, the node crate's): `PODPLAY_CORPUS`, else
//! `../shared/corpus` beside the workspace.
//!
//! In a learner's clone without it, the tests that need it say "skipped" out
//! loud and pass. Under CI (`CI=true`) a missing corpus is a failure: CI must
//! not go green by reading nothing.

use std::path::PathBuf;

/// The corpus directory, or `None` (with a loud note) when it is absent
/// outside CI.
///
/// # Panics
///
/// Under `CI=true` when the corpus is missing.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("PODPLAY_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
    };
    if dir.join("INDEX.tsv").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the docs corpus is missing at {} and CI=true: CI must read it (set PODPLAY_CORPUS or lay ../shared beside the clone)",
        dir.display()
    );
    eprintln!("\n\n*** skipped: corpus not found at {} ***\n", dir.display());
    None
}
