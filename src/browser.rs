//! What the app reads from and writes to the browser: the starting language
//! (`?lang=`, saved choice, browser language), the share fragment, saved
//! work in localStorage, `<html lang>`, the clipboard.

use podplay_engine::Lang;

use crate::journal::Journal;
use crate::share::{self, Shared};
use crate::sim::Sim;
use crate::state::{AppState, Status, Tab, STARTER_YAML};

const KEY_LANG: &str = "podplay.lang";
const KEY_SOURCE: &str = "podplay.source";
const KEY_TAB: &str = "podplay.tab";
const KEY_LESSON: &str = "podplay.lesson";
const KEY_POD: &str = "podplay.pod";
const KEY_SPEED: &str = "podplay.speed";
const KEY_APPLIED: &str = "podplay.applied";
const KEY_CLOCK: &str = "podplay.clock";
/// The cluster's journal (see `journal.rs`); `KEY_APPLIED`/`KEY_CLOCK` are
/// read only from saves made before the journal existed.
const KEY_JOURNAL: &str = "podplay.journal";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn saved(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
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

/// Where the app starts, and the cluster to start with.
pub struct Start {
    pub state: AppState,
    /// Manifests to apply to a fresh cluster, then the clock to advance to.
    pub applied: String,
    pub clock_ms: u64,
    /// The saved journal: when present, it wins over `applied`/`clock_ms`.
    pub journal: Option<Journal>,
}

/// The state the app starts in: `?lang=` wins, then the saved choice, then
/// the browser's language. A share link (`#s=…`) wins over saved work; a
/// broken one says so and falls back to saved work.
pub fn initial_state() -> Start {
    let window = web_sys::window();
    let location = window.as_ref().map(|w| w.location());
    let query = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let hash = location.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    let lang = lang_from_query(&query)
        .or_else(|| saved(KEY_LANG).and_then(|t| Lang::from_tag(&t)))
        .or_else(|| window.as_ref().and_then(|w| w.navigator().language()).and_then(|t| Lang::from_tag(&t)))
        .unwrap_or_default();
    let source = saved(KEY_SOURCE).unwrap_or_else(|| STARTER_YAML.to_string());
    let mut state = AppState::new(lang, source);
    state.tab = saved(KEY_TAB).and_then(|t| Tab::from_id(&t)).unwrap_or_default();
    state.lesson = saved(KEY_LESSON).filter(|l| !l.is_empty());
    state.selected_pod = saved(KEY_POD).filter(|p| !p.is_empty());
    if let Some(speed) = saved(KEY_SPEED).and_then(|s| s.parse().ok()).filter(|s| crate::state::SPEEDS_X10.contains(s))
    {
        state.speed_x10 = speed;
    }
    let mut applied = saved(KEY_APPLIED).unwrap_or_default();
    let mut clock_ms = saved(KEY_CLOCK).and_then(|c| c.parse().ok()).unwrap_or(0);
    let mut journal = saved(KEY_JOURNAL).and_then(|j| Journal::from_json(&j));
    if journal.as_ref().is_some_and(|j| j.full) {
        state.status = Some(Status::Info(crate::i18n::Msg::JournalFull));
    }

    // A lesson link (`#/lesson/07-sidecar`) opens that lesson.
    if let Some(id) = lesson_from_hash(&hash) {
        state.lesson = Some(id);
        state.tab = Tab::Lessons;
    }
    if let Some(value) = share::from_fragment(&hash) {
        match share::decode(value) {
            Ok(Shared { manifest, lesson, journal: shared_journal }) => {
                let status = state.status.take();
                state = AppState { tab: Tab::Cluster, lesson, status, ..AppState::new(lang, manifest) };
                state.status = Some(Status::Info(crate::i18n::Msg::ShareOpened));
                // The link's manifest is applied to a fresh cluster when it is valid.
                applied = if state.has_errors() { String::new() } else { state.source.clone() };
                clock_ms = 0;
                // A link with the cluster's journal recreates the cluster itself.
                journal = shared_journal.and_then(|j| Journal::from_json(&j));
                if journal.is_some() {
                    applied = String::new();
                }
            }
            Err(e) => state.status = Some(Status::ShareFailed(e)),
        }
        clear_fragment();
    }
    Start { state, applied, clock_ms, journal }
}

/// Builds the cluster a start describes: saved or shared manifests applied at
/// time zero, then the clock moved to where it was.
/// A saved journal wins: it is replayed when it was made for the same node
/// count (else the learner asked for another cluster, which starts fresh),
/// then the clock moves on to where it was.
pub fn initial_cluster(applied: &str, clock_ms: u64, nodes: usize, journal: Option<&Journal>) -> Sim {
    if let Some(journal) = journal.filter(|j| j.nodes == nodes.min(crate::sim::NODES_MAX)) {
        let mut sim = Sim::replay(journal).0;
        sim.advance_to(clock_ms);
        return sim;
    }
    let mut sim = Sim::with_nodes(nodes);
    if !applied.trim().is_empty() {
        let _ = sim.apply_yaml(applied, Lang::En);
    }
    sim.advance_by(clock_ms);
    sim
}

/// Drops `#s=…` from the address bar so that a reload restores saved work,
/// not the link again.
fn clear_fragment() {
    if let Some(w) = web_sys::window() {
        let path = w.location().pathname().unwrap_or_default();
        let search = w.location().search().unwrap_or_default();
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}")));
        }
    }
}

/// The lesson a `#/lesson/<id>` fragment names.
pub fn lesson_from_hash(hash: &str) -> Option<String> {
    let id = hash.strip_prefix("#/lesson/")?.trim_end_matches('/');
    let ok = !id.is_empty() && id.len() <= 128 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| id.to_string())
}

/// The address's fragment, `#…` included.
pub fn current_hash() -> Option<String> {
    web_sys::window()?.location().hash().ok()
}

/// Puts the open lesson in the address bar (`#/lesson/<id>`), or takes a
/// lesson fragment away in the sandbox; other fragments are left alone.
pub fn set_lesson_hash(lesson: Option<&str>) {
    let Some(w) = web_sys::window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    let want = lesson.map(|id| format!("#/lesson/{id}")).unwrap_or_default();
    let ours = hash.is_empty() || hash.starts_with("#/lesson/");
    if !ours || hash == want {
        return;
    }
    let path = w.location().pathname().unwrap_or_default();
    let search = w.location().search().unwrap_or_default();
    if let Ok(history) = w.history() {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}{want}")));
    }
}

/// Saves what a reload must restore. Storage may be unavailable (private
/// mode, quota): then nothing is saved, silently.
pub fn save(state: &AppState) {
    if let Some(store) = storage() {
        let _ = store.set_item(KEY_LANG, state.lang.tag());
        let _ = store.set_item(KEY_SOURCE, &state.source);
        let _ = store.set_item(KEY_TAB, state.tab.id());
        let _ = store.set_item(KEY_LESSON, state.lesson.as_deref().unwrap_or(""));
    }
}

/// Saves the open pod and the clock's speed.
pub fn save_view(pod: Option<&str>, speed_x10: u32) {
    if let Some(store) = storage() {
        let _ = store.set_item(KEY_POD, pod.unwrap_or(""));
        let _ = store.set_item(KEY_SPEED, &speed_x10.to_string());
    }
}

/// Saves the cluster: the clock on every change (a few bytes), and the
/// journal only when it gained an entry (`saved_entries` remembers how many
/// the last save had), so that a ticking clock does not rewrite it ten
/// times a second. A reload replays the journal, then moves to the clock.
pub fn save_cluster(sim: &Sim, saved_entries: &mut Option<usize>) {
    if let Some(store) = storage() {
        let journal = sim.journal();
        let _ = store.set_item(KEY_CLOCK, &sim.now().as_millis().to_string());
        if *saved_entries != Some(journal.entries.len()) {
            let _ = store.set_item(KEY_JOURNAL, &journal.to_json());
            let _ = store.remove_item(KEY_APPLIED);
            *saved_entries = Some(journal.entries.len());
        }
    }
}

/// Sets `<html lang>` so that screen readers pronounce the right language.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The full share URL for a payload: this page's address with `#s=…`.
pub fn share_url(shared: &Shared) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or("").to_string())
        .unwrap_or_default();
    format!("{base}#s={}", share::encode(shared))
}

/// Copies text to the clipboard when the browser allows it; the link is
/// shown in a selectable field either way.
pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Moves keyboard focus to the element with this id, if it exists.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
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

    #[test]
    fn lesson_links_name_one_lesson() {
        assert_eq!(lesson_from_hash("#/lesson/07-sidecar").as_deref(), Some("07-sidecar"));
        assert_eq!(lesson_from_hash("#/lesson/07-sidecar/").as_deref(), Some("07-sidecar"));
        assert_eq!(lesson_from_hash("#/lesson/"), None);
        assert_eq!(lesson_from_hash("#/lesson/<script>"), None);
        assert_eq!(lesson_from_hash("#s=abc"), None);
        assert_eq!(lesson_from_hash(""), None);
    }
}
