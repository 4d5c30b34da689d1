//! The `-l` label selector as kubectl commands use it: parse once, then
//! match labels. Delegates to the engine's `selector` module and turns its
//! errors into kubectl's error line.

use std::collections::BTreeMap;

use crate::selector::Selector;
use crate::text::Text;

/// A parsed `-l` value.
pub struct LabelFilter(Option<Selector>);

impl LabelFilter {
    /// Parses `-l`; `None` (no flag) matches everything.
    /// The error is kubectl's line (`error: unable to parse requirement: …`) and our explanation.
    pub fn parse(value: Option<&str>) -> Result<LabelFilter, (String, Text)> {
        let Some(v) = value else { return Ok(LabelFilter(None)) };
        match Selector::parse(v) {
            Ok(s) => Ok(LabelFilter(Some(s))),
            Err(e) => Err((
                format!("error: unable to parse requirement: {} (at column {})", e.message.en, e.at + 1),
                Text::new(
                    format!("`{v}` 레이블 셀렉터를 해석할 수 없습니다: {} ({}번째 칸). 예: `-l app=web`, `-l 'env in (prod,dev)'`, `-l '!canary'`", e.message.ko, e.at + 1),
                    format!("The label selector `{v}` cannot be parsed: {} (column {}). Examples: `-l app=web`, `-l 'env in (prod,dev)'`, `-l '!canary'`", e.message.en, e.at + 1),
                ),
            )),
        }
    }

    /// Whether the labels match.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.0.as_ref().is_none_or(|s| s.matches(labels))
    }

    /// Whether a selector was given.
    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }
}
