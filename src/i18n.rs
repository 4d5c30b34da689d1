//! The app's own strings, each in Korean and English.

pub use podplay_engine::{Lang, Text};

/// A message key for every string the app itself shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Tagline,
    EditorLabel,
    NoProblems,
    Problems,
    Language,
}

impl Msg {
    /// The message in the given language.
    pub fn get(self, lang: Lang) -> &'static str {
        let (ko, en) = match self {
            Msg::Tagline => ("브라우저에서 파드가 실제로 어떻게 동작하는지 배우는 놀이터", "A playground for learning how Pods really work, in your browser"),
            Msg::EditorLabel => ("파드 YAML", "Pod YAML"),
            Msg::NoProblems => ("문제 없음", "No problems"),
            Msg::Problems => ("문제", "Problems"),
            Msg::Language => ("언어", "Language"),
        };
        match lang {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}
