//! The lesson pack: embedded at build time (see `build.rs`), or a teacher's
//! pack fetched at run time from the same static host (`?pack=packs/demo/`).
//! Either way it goes through the engine's loader, which checks it and
//! renders its Markdown safely.

use std::collections::BTreeMap;
use std::rc::Rc;

use podplay_engine::lessons::{load_pack, parse_index, parse_lesson, Pack, FILE_BYTES_MAX, LESSONS_MAX};
use podplay_engine::{Lang, Text};
use yew::prelude::*;

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

/// A loaded pack, or every problem found in it (already in both languages).
pub type Loaded = Result<Pack, Vec<Text>>;

/// The embedded pack, or the loader's errors.
pub fn load() -> Loaded {
    load_pack(&files()).map_err(|errors| errors.iter().map(located).collect())
}

/// A loader error as one line per language, `file:line:col: message`.
fn located(e: &podplay_engine::lessons::LoadError) -> Text {
    Text::new(e.render(Lang::Ko), e.render(Lang::En))
}

/// The `?pack=` parameter, when it names a folder on this same host: a
/// relative path without a scheme, `//` or `..`, so that a shared link can
/// never make the app fetch from elsewhere.
pub fn pack_from_query(search: &str) -> Option<Result<String, Text>> {
    let raw = search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "pack")
        .map(|(_, v)| v.replace("%2F", "/").replace("%2f", "/"))?;
    let same_host = !raw.is_empty()
        && !raw.contains("://")
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.split('/').any(|seg| seg == "..")
        && raw.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    Some(if same_host {
        Ok(if raw.ends_with('/') { raw } else { format!("{raw}/") })
    } else {
        Err(Text::new(
            format!("?pack={raw}: 레슨 팩은 같은 사이트 안의 상대 경로(예: packs/demo/)로만 불러올 수 있습니다."),
            format!("?pack={raw}: a lesson pack must be a relative path on this same site (e.g. packs/demo/)"),
        ))
    })
}

/// Fetches one file of a pack as text, with a size limit.
async fn fetch_text(base: &str, file: &str) -> Result<String, Text> {
    let url = format!("{base}{file}");
    let failed = |why: String| {
        Text::new(format!("{file}: 내려받지 못했습니다 ({why})."), format!("{file}: could not fetch it ({why})"))
    };
    let response = gloo::net::http::Request::get(&url).send().await.map_err(|e| failed(e.to_string()))?;
    if !response.ok() {
        return Err(failed(format!("HTTP {}", response.status())));
    }
    let text = response.text().await.map_err(|e| failed(e.to_string()))?;
    if text.len() > FILE_BYTES_MAX {
        return Err(Text::new(
            format!("{file}: 파일이 너무 큽니다. 최대 {FILE_BYTES_MAX} 바이트입니다."),
            format!("{file}: file too large; at most {FILE_BYTES_MAX} bytes"),
        ));
    }
    Ok(text)
}

/// Fetches a teacher's pack: `index.yaml`, then each lesson's `lesson.yaml`,
/// then the files each lesson refers to, and loads them all. Every fetch or
/// load problem is reported, located to its file (and line where known).
pub async fn fetch_pack(base: String) -> Loaded {
    let mut files = BTreeMap::new();
    let index_text = fetch_text(&base, "index.yaml").await.map_err(|e| vec![e])?;
    let index =
        parse_index("index.yaml", &index_text).map_err(|errors| errors.iter().map(located).collect::<Vec<_>>())?;
    files.insert("index.yaml".to_string(), index_text);
    let mut errors = Vec::new();
    for path in index.lesson_yaml_paths().into_iter().take(LESSONS_MAX) {
        let text = match fetch_text(&base, &path).await {
            Ok(text) => text,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let folder = path.trim_end_matches("lesson.yaml").to_string();
        if let Ok(lesson) = parse_lesson(&path, &text) {
            for file in lesson.referenced_files() {
                let key = format!("{folder}{file}");
                match fetch_text(&base, &key).await {
                    Ok(text) => {
                        files.insert(key, text);
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        // A lesson.yaml the loader rejects is kept: load_pack locates the errors.
        files.insert(path, text);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    load_pack(&files).map_err(|errors| errors.iter().map(located).collect())
}

/// The page's query string; empty where there is no page (server-side
/// rendering in the native component tests).
fn page_query() -> String {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    #[cfg(not(target_arch = "wasm32"))]
    return String::new();
}

/// The pack the app teaches from: the embedded one, unless the page was
/// opened with `?pack=…`, which is fetched and replaces it once loaded.
#[hook]
pub fn use_pack() -> Rc<Loaded> {
    let pack = use_state(|| match pack_from_query(&page_query()) {
        Some(Ok(_)) => Rc::new(Err(vec![Text::new("레슨 팩을 불러오는 중…", "Loading the lesson pack…")])),
        Some(Err(why)) => Rc::new(Err(vec![why])),
        None => Rc::new(load()),
    });
    {
        let pack = pack.clone();
        use_effect_with((), move |_| {
            if let Some(Ok(base)) = pack_from_query(&page_query()) {
                yew::platform::spawn_local(async move { pack.set(Rc::new(fetch_pack(base).await)) });
            }
        });
    }
    (*pack).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_file_is_embedded_verbatim() {
        let files = files();
        let story =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/01-what-is-a-pod/en.md")).unwrap();
        assert_eq!(files.get("01-what-is-a-pod/en.md"), Some(&story));
        assert!(files.contains_key("index.yaml"), "{:?}", files.keys().collect::<Vec<_>>());
    }

    #[test]
    fn the_embedded_pack_loads_in_both_languages() {
        let pack =
            load().unwrap_or_else(|e| panic!("{}", e.iter().map(|t| t.en.clone()).collect::<Vec<_>>().join("\n")));
        assert!(!pack.lessons.is_empty());
        for lesson in &pack.lessons {
            assert!(!lesson.steps(Lang::Ko).is_empty() && !lesson.steps(Lang::En).is_empty(), "{}", lesson.lesson.id);
            // A troubleshooting lesson may start with an empty, read-only editor.
            let troubleshoot = lesson.lesson.mode == podplay_engine::lessons::LessonMode::Troubleshoot;
            assert!(!lesson.starter.is_empty() || troubleshoot, "{}", lesson.lesson.id);
        }
    }

    #[test]
    fn only_same_site_relative_packs_are_fetched() {
        let table = [
            ("?pack=packs/demo/", Some(Ok("packs/demo/"))),
            ("?lang=ko&pack=packs/demo", Some(Ok("packs/demo/"))),
            ("?pack=packs%2Fdemo", Some(Ok("packs/demo/"))),
            ("?pack=https://evil.example/p/", Some(Err(()))),
            ("?pack=//evil.example/p/", Some(Err(()))),
            ("?pack=../secret/", Some(Err(()))),
            ("?pack=a/../../b", Some(Err(()))),
            ("?pack=", Some(Err(()))),
            ("?lang=en", None),
        ];
        for (query, want) in table {
            let got = pack_from_query(query).map(|r| r.map_err(|_| ()));
            let want = want.map(|r| r.map(String::from));
            assert_eq!(got, want, "{query}");
        }
    }
}
