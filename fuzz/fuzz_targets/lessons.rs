//! Fuzz target: arbitrary text as a lesson.yaml, an index.yaml and a lesson
//! story through the loader and the Markdown renderer.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use podplay_engine::lessons;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = lessons::parse_lesson("lessons/01-x/lesson.yaml", &text);
    let _ = lessons::parse_index("lessons/index.yaml", &text);
    let _ = lessons::steps(&text);
    let _ = lessons::render_markdown_safe(&text);
    let mut files = BTreeMap::new();
    files.insert(
        "lessons/index.yaml".to_string(),
        "sections:\n  - id: basics\n    title: {ko: 기초, en: Basics}\n    lessons: [01-x]\n".to_string(),
    );
    files.insert("lessons/01-x/lesson.yaml".to_string(), text.clone());
    files.insert("lessons/01-x/ko.md".to_string(), text.clone());
    files.insert("lessons/01-x/en.md".to_string(), text);
    let _ = lessons::load_pack(&files);
});
