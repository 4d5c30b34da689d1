//! The lesson pack, embedded at build time (see `build.rs`) and loaded
//! through the engine's loader, which checks it and renders its Markdown
//! safely.

use std::collections::BTreeMap;

use podplay_engine::lessons::{load_pack, Pack};
use podplay_engine::Lang;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/lessons.rs"));
}

/// The embedded pack, or the loader's errors (in the given language).
pub fn load(lang: Lang) -> Result<Pack, Vec<String>> {
    let files: BTreeMap<String, String> =
        embedded::FILES.iter().map(|(path, text)| (path.to_string(), text.to_string())).collect();
    load_pack(&files).map_err(|errors| errors.iter().map(|e| e.render(lang)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

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
