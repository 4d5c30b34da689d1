//! Test helper: reads the repository's `lessons/` folder into the map of
//! path → text that `podplay_engine::lessons::load_pack` takes.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use expect_test::Expect;
use podplay_engine::lessons::{load_pack, LoadError, Pack};
use podplay_engine::Lang;

/// The pack under test: `PODPLAY_LESSONS` if set (a teacher checking their
/// own pack), else the repository's `lessons/` folder.
pub fn lessons_dir() -> PathBuf {
    match std::env::var_os("PODPLAY_LESSONS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons"),
    }
}

/// The key prefix of the pack's files: its folder name and a slash.
pub fn prefix() -> String {
    let dir = lessons_dir();
    format!("{}/", dir.file_name().and_then(|n| n.to_str()).unwrap_or("lessons"))
}

/// Whether the pack under test is the repository's own.
pub fn is_repo_pack() -> bool {
    std::env::var_os("PODPLAY_LESSONS").is_none()
}

/// Every file under `dir`, keyed by its path relative to `dir`'s parent
/// with `/` separators (so `lessons/index.yaml`, `lessons/01-…/lesson.yaml`).
pub fn read_pack_files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let prefix = dir.file_name().and_then(|n| n.to_str()).unwrap_or("lessons").to_string();
    let mut stack = vec![(dir.to_path_buf(), prefix)];
    while let Some((path, key)) = stack.pop() {
        let entries = std::fs::read_dir(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        for entry in entries {
            let entry = entry.expect("dir entry");
            let name = entry.file_name().to_string_lossy().to_string();
            let child_key = format!("{key}/{name}");
            if entry.file_type().expect("file type").is_dir() {
                stack.push((entry.path(), child_key));
            } else {
                let text = std::fs::read_to_string(entry.path())
                    .unwrap_or_else(|e| panic!("read {}: {e}", entry.path().display()));
                out.insert(child_key, text);
            }
        }
    }
    out
}

/// The repository's lesson files.
pub fn repo_files() -> BTreeMap<String, String> {
    read_pack_files(&lessons_dir())
}

/// The repository's lesson pack, loaded; panics with every located error.
pub fn repo_pack() -> Pack {
    match load_pack(&repo_files()) {
        Ok(pack) => pack,
        Err(errors) => {
            let all: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("lesson pack does not load:\n{}", all.join("\n"));
        }
    }
}

/// Load errors rendered as the app shows them, English then Korean.
pub fn render(errors: &[LoadError]) -> String {
    let mut out = String::new();
    for e in errors {
        out.push_str(&e.render(Lang::En));
        out.push('\n');
        out.push_str(&e.render(Lang::Ko));
        out.push('\n');
    }
    out
}

/// Asserts that a pack does not load, with exactly these errors.
pub fn check_errors(files: &BTreeMap<String, String>, want: Expect) {
    match load_pack(files) {
        Ok(_) => panic!("the pack loaded, but it is broken"),
        Err(errors) => want.assert_eq(&render(&errors)),
    }
}
