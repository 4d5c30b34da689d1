//! The lesson pack, embedded at build time (see `build.rs`) and loaded
//! through the engine's loader, which checks it and renders its Markdown
//! safely.

use std::collections::BTreeMap;

use podplay_engine::lessons::{load_pack, Pack};
use podplay_engine::Lang;

/// Every file of the lesson pack as `path NUL text NUL` records, deflated by `build.rs`.
const PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lessons.deflate"));

/// The most the pack may inflate to (a bound against a corrupt build).
const PACK_BYTES_MAX: usize = 16 << 20;

/// The embedded files, path → text. A corrupt blob gives no files (the
/// loader then reports the missing index), never a panic.
fn files() -> BTreeMap<String, String> {
    let Ok(blob) = miniz_oxide::inflate::decompress_to_vec_with_limit(PACKED, PACK_BYTES_MAX) else {
        return BTreeMap::new();
    };
    let mut parts = blob.split(|b| *b == 0);
    let mut files = BTreeMap::new();
    while let (Some(path), Some(text)) = (parts.next(), parts.next()) {
        if path.is_empty() {
            break;
        }
        files.insert(String::from_utf8_lossy(path).into_owned(), String::from_utf8_lossy(text).into_owned());
    }
    files
}

/// The embedded pack, or the loader's errors (in the given language).
pub fn load(lang: Lang) -> Result<Pack, Vec<String>> {
    load_pack(&files()).map_err(|errors| errors.iter().map(|e| e.render(lang)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_file_is_embedded_verbatim() {
        let files = files();
        let story = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/01-what-is-a-pod/en.md")).unwrap();
        assert_eq!(files.get("01-what-is-a-pod/en.md"), Some(&story));
        assert!(files.contains_key("index.yaml"), "{:?}", files.keys().collect::<Vec<_>>());
    }

    #[test]
    fn the_embedded_pack_loads_in_both_languages() {
        let pack = load(Lang::En).unwrap_or_else(|e| panic!("{}", e.join("\n")));
        assert!(!pack.lessons.is_empty());
        for lesson in &pack.lessons {
            assert!(!lesson.steps(Lang::Ko).is_empty() && !lesson.steps(Lang::En).is_empty(), "{}", lesson.lesson.id);
            assert!(!lesson.starter.is_empty() || lesson.lesson.id.is_empty(), "{}", lesson.lesson.id);
        }
    }
}
