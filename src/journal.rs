//! The journal: everything that changed the cluster, in order (the seed, the
//! node count, each kubectl line with the editor text it could read, and how
//! far the clock moved between them). The engine is deterministic, so
//! replaying the journal on a fresh cluster gives back the same cluster:
//! that is what a reload restores. Its size is capped; past the cap, later
//! commands are not recorded and the journal says so.

use serde::{Deserialize, Serialize};

/// The format this app writes; a journal with a larger version is not replayed.
pub const VERSION: u32 = 1;
/// The most entries a journal keeps.
pub const ENTRIES_MAX: usize = 4_000;
/// The most text (lines and editor texts, in bytes) a journal keeps; it must
/// fit in localStorage (about 5 MB of UTF-16) beside the rest.
pub const BYTES_MAX: usize = 768 * 1024;
/// What one entry costs beyond its text (its JSON tags and numbers).
const ENTRY_OVERHEAD: usize = 32;

/// One recorded input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "lowercase")]
pub enum Entry {
    /// The virtual clock moved forward by `ms`.
    Advance { ms: u64 },
    /// A kubectl line (the terminal's, or the Apply button's
    /// `kubectl apply -f editor.yaml`). `editor` is the editor's text when it
    /// changed since the previous `Run`; `None` means unchanged.
    Run {
        line: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        editor: Option<String>,
    },
}

impl Entry {
    fn bytes(&self) -> usize {
        ENTRY_OVERHEAD
            + match self {
                Entry::Advance { .. } => 0,
                Entry::Run { line, editor } => line.len() + editor.as_ref().map_or(0, String::len),
            }
    }
}

/// The inputs that made a cluster, replayable.
/// A lesson's starting cluster, carried whole so that a journal replays
/// without the lesson pack (a teacher's pack may be gone by the next visit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonStart {
    pub id: String,
    pub setup: podplay_engine::lessons::Setup,
    /// The setup's files by name (static pods and manifests to apply).
    #[serde(default)]
    pub files: std::collections::BTreeMap<String, String>,
}

impl Eq for LessonStart {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    pub version: u32,
    pub seed: u64,
    /// The node count asked for (`?nodes=`; 0 is the default three).
    pub nodes: usize,
    pub entries: Vec<Entry>,
    /// Set once the cap was reached: commands after it were not recorded
    /// (clock advances still are).
    #[serde(default)]
    pub full: bool,
    /// The lesson whose cluster this journal starts from (its set-up nodes,
    /// static pods and manifests), instead of the default cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<LessonStart>,
    /// The editor text the last recorded `Run` read.
    #[serde(skip)]
    last_editor: Option<String>,
    #[serde(skip)]
    bytes: usize,
}

impl Journal {
    pub fn new(seed: u64, nodes: usize) -> Journal {
        Journal {
            version: VERSION,
            seed,
            nodes,
            entries: Vec::new(),
            full: false,
            lesson: None,
            last_editor: None,
            bytes: 0,
        }
    }

    /// Records a clock advance, merged into the previous one when that was an advance too.
    pub fn advance(&mut self, ms: u64) {
        if ms == 0 {
            return;
        }
        if let Some(Entry::Advance { ms: last }) = self.entries.last_mut() {
            *last = last.saturating_add(ms);
            return;
        }
        // An advance is always recorded, even past the cap, so the clock survives a reload.
        self.push(Entry::Advance { ms }, true);
    }

    /// Records a kubectl line run with `editor` as the editor's text.
    pub fn run(&mut self, line: &str, editor: &str) {
        if self.full {
            return;
        }
        let changed = self.last_editor.as_deref() != Some(editor);
        let entry = Entry::Run { line: line.to_string(), editor: changed.then(|| editor.to_string()) };
        if self.push(entry, false) && changed {
            self.last_editor = Some(editor.to_string());
        }
    }

    fn push(&mut self, entry: Entry, always: bool) -> bool {
        let bytes = entry.bytes();
        let fits = self.entries.len() < ENTRIES_MAX && self.bytes.saturating_add(bytes) <= BYTES_MAX;
        if !fits {
            self.full = true;
            if !always {
                return false;
            }
        }
        self.bytes = self.bytes.saturating_add(bytes);
        self.entries.push(entry);
        true
    }

    /// The virtual time the journal ends at.
    pub fn clock_ms(&self) -> u64 {
        self.entries
            .iter()
            .map(|e| match e {
                Entry::Advance { ms } => *ms,
                Entry::Run { .. } => 0,
            })
            .fold(0, u64::saturating_add)
    }

    /// The journal as saved text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A saved journal, if it is one this app can replay (right version,
    /// within the caps). Anything else is ignored: the app starts fresh.
    pub fn from_json(text: &str) -> Option<Journal> {
        if text.len() > BYTES_MAX.saturating_mul(2) {
            return None;
        }
        let mut journal: Journal = serde_json::from_str(text).ok()?;
        if journal.version != VERSION || journal.entries.len() > ENTRIES_MAX.saturating_add(1) {
            return None;
        }
        journal.bytes = journal.entries.iter().map(Entry::bytes).sum();
        journal.last_editor = journal.entries.iter().rev().find_map(|e| match e {
            Entry::Run { editor: Some(text), .. } => Some(text.clone()),
            _ => None,
        });
        Some(journal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_merge_and_editor_text_is_kept_only_when_it_changed() {
        let mut j = Journal::new(7, 0);
        j.advance(100);
        j.advance(100);
        j.run("kubectl apply -f editor.yaml", "a: 1");
        j.run("kubectl get pods", "a: 1");
        j.advance(0);
        j.advance(50);
        j.run("kubectl apply -f editor.yaml", "a: 2");
        assert_eq!(
            j.entries,
            vec![
                Entry::Advance { ms: 200 },
                Entry::Run { line: "kubectl apply -f editor.yaml".into(), editor: Some("a: 1".into()) },
                Entry::Run { line: "kubectl get pods".into(), editor: None },
                Entry::Advance { ms: 50 },
                Entry::Run { line: "kubectl apply -f editor.yaml".into(), editor: Some("a: 2".into()) },
            ]
        );
        assert_eq!(j.clock_ms(), 250);
        let back = Journal::from_json(&j.to_json()).expect("round trip");
        assert_eq!(back.entries, j.entries);
        // The reloaded journal knows the last editor text, so it is not stored again.
        let mut back = back;
        back.run("kubectl get pods", "a: 2");
        assert_eq!(back.entries.last(), Some(&Entry::Run { line: "kubectl get pods".into(), editor: None }));
    }

    #[test]
    fn the_cap_stops_commands_but_not_the_clock() {
        let mut j = Journal::new(7, 0);
        let big = "x".repeat(BYTES_MAX / 3);
        for i in 0..5 {
            j.run(&format!("kubectl apply -f editor.yaml # {i}"), &format!("{big}{i}"));
        }
        assert!(j.full);
        assert_eq!(j.entries.len(), 2, "only what fits is kept");
        j.advance(1_000);
        j.run("kubectl get pods", "");
        assert_eq!(j.entries.len(), 3);
        assert_eq!(j.clock_ms(), 1_000);
        let mut many = Journal::new(7, 0);
        for _ in 0..ENTRIES_MAX + 10 {
            many.run("kubectl get pods", "");
        }
        assert_eq!(many.entries.len(), ENTRIES_MAX);
        assert!(many.full);
    }

    #[test]
    fn foreign_or_broken_text_is_refused() {
        for text in ["", "{", "[]", r#"{"version":99,"seed":1,"nodes":0,"entries":[]}"#, r#"{"version":1}"#] {
            assert_eq!(Journal::from_json(text), None, "{text}");
        }
        assert!(Journal::from_json(r#"{"version":1,"seed":1,"nodes":0,"entries":[{"k":"advance","ms":5}]}"#).is_some());
    }
}
