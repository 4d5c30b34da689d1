//! `yaml11-boolean`: `yes`, `no`, `on`, `off`, `y`, `n` written unquoted.
//!
//! ## What it does
//! Flags plain scalars that YAML 1.1 (what kubectl reads, through go-yaml)
//! turns into booleans although they look like words.
//!
//! ## Why is this bad
//! `value: no` in an env var is the boolean `false`, not the text "no",
//! and the apiserver rejects it; a label `enabled: on` becomes `true`.
//! YAML 1.2 tools read these as strings, so the same file means two things.
//!
//! ## Example
//! ```yaml
//! env:
//! - name: DEBUG
//!   value: no
//! ```
//!
//! ## Use instead
//! ```yaml
//! env:
//! - name: DEBUG
//!   value: "no"
//! ```

use super::{path_of, walk_scalars, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::text::Text;
use crate::yaml::{resolve::bool_of, ScalarStyle, YamlNode};

pub static RULE: Rule = Rule {
    code: "yaml11-boolean",
    severity: Severity::Lint,
    ko: "YAML 1.1에서 yes/no/on/off는 불리언입니다.",
    en: "In YAML 1.1, yes/no/on/off are booleans.",
    check: RuleCheck::Tree(check),
};

fn check(root: &YamlNode, r: &mut Report) {
    walk_scalars(root, |segs, node| {
        let Some(s) = node.as_scalar() else { return };
        if s.style != ScalarStyle::Plain || s.tag.is_some() {
            return;
        }
        let text = s.text.as_str();
        let Some(b) = bool_of(text) else { return };
        if matches!(text.to_ascii_lowercase().as_str(), "true" | "false") {
            return;
        }
        let path = path_of(segs);
        r.emit_at(
            &RULE,
            &path,
            node.span,
            format!("{path}: {text:?} is the boolean {b} in YAML 1.1"),
            Text::new(
                format!("kubectl(YAML 1.1)은 따옴표 없는 `{text}` 값을 불리언 {b}로 읽습니다. 글자 그대로라면 \"{text}\"처럼 따옴표로 감싸고, 불리언이라면 `{b}`로 쓰세요."),
                format!("kubectl (YAML 1.1) reads an unquoted `{text}` as the boolean {b}. Quote it (\"{text}\") if you mean the word, or write `{b}` if you mean the boolean."),
            ),
        );
    });
}
