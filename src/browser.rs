//! What the app reads from and writes to the browser: the starting language
//! (`?lang=`, saved choice, browser language) and saved editor text.

use podplay_engine::Lang;

use crate::state::{AppState, STARTER_YAML};

const KEY_LANG: &str = "podplay.lang";
const KEY_SOURCE: &str = "podplay.source";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The language from a `?lang=ko|en` query string, if any.
pub fn lang_from_query(search: &str) -> Option<Lang> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::from_tag(v))
}

/// The state the app starts in: `?lang=` wins, then the saved choice, then
/// the browser's language; the saved manifest, else the starter.
pub fn initial_state() -> AppState {
    let window = web_sys::window();
    let query = window.as_ref().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let store = storage();
    let saved = |key: &str| store.as_ref().and_then(|s| s.get_item(key).ok().flatten());
    let lang = lang_from_query(&query)
        .or_else(|| saved(KEY_LANG).and_then(|t| Lang::from_tag(&t)))
        .or_else(|| window.as_ref().and_then(|w| w.navigator().language()).and_then(|t| Lang::from_tag(&t)))
        .unwrap_or_default();
    let source = saved(KEY_SOURCE).unwrap_or_else(|| STARTER_YAML.to_string());
    AppState::new(lang, source)
}

/// Saves what a reload must restore. Storage may be unavailable (private
/// mode, quota): then nothing is saved, silently.
pub fn save(state: &AppState) {
    if let Some(store) = storage() {
        let _ = store.set_item(KEY_LANG, state.lang.tag());
        let _ = store.set_item(KEY_SOURCE, &state.source);
    }
}

/// Sets `<html lang>` so that screen readers pronounce the right language.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_selects_the_language() {
        assert_eq!(lang_from_query("?lang=ko"), Some(Lang::Ko));
        assert_eq!(lang_from_query("?x=1&lang=en"), Some(Lang::En));
        assert_eq!(lang_from_query("?lang=fr"), None);
        assert_eq!(lang_from_query(""), None);
    }
}
