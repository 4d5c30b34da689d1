//! The app's own strings, each in Korean and English. Nothing the app shows
//! is written inline in one language: it names a [`Msg`].

pub use podplay_engine::{Lang, Text};

/// A message key for every string the app itself shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Tagline,
    EditorTitle,
    EditorLabel,
    NoProblems,
    ProblemsTitle,
    Language,
    KubernetesVersion,
    SeverityError,
    SeverityWarning,
    SeverityLint,
    LineCol,
}

impl Msg {
    /// Every key, for tests that check both languages are complete.
    pub const ALL: &'static [Msg] = &[
        Msg::Tagline,
        Msg::EditorTitle,
        Msg::EditorLabel,
        Msg::NoProblems,
        Msg::ProblemsTitle,
        Msg::Language,
        Msg::KubernetesVersion,
        Msg::SeverityError,
        Msg::SeverityWarning,
        Msg::SeverityLint,
        Msg::LineCol,
    ];

    /// The message in the given language.
    pub fn get(self, lang: Lang) -> &'static str {
        let (ko, en) = match self {
            Msg::Tagline => (
                "파드가 실제로 어떻게 동작하는지 브라우저에서 직접 다뤄 보며 배우는 놀이터",
                "A playground for learning how Pods really work, right in your browser",
            ),
            Msg::EditorTitle => ("매니페스트", "Manifest"),
            Msg::EditorLabel => ("파드 YAML 편집기", "Pod YAML editor"),
            Msg::NoProblems => ("문제가 없습니다.", "No problems found."),
            Msg::ProblemsTitle => ("진단 결과", "Diagnostics"),
            Msg::Language => ("언어", "Language"),
            Msg::KubernetesVersion => ("기준 쿠버네티스 버전", "Kubernetes version"),
            Msg::SeverityError => ("오류", "error"),
            Msg::SeverityWarning => ("경고", "warning"),
            Msg::SeverityLint => ("참고", "note"),
            Msg::LineCol => ("줄:열", "line:col"),
        };
        match lang {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_differs_between_languages() {
        for msg in Msg::ALL {
            let (ko, en) = (msg.get(Lang::Ko), msg.get(Lang::En));
            assert!(!ko.is_empty() && !en.is_empty(), "{msg:?} is empty");
            assert_ne!(ko, en, "{msg:?} is not translated");
        }
    }
}
