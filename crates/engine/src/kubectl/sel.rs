//! The `-l` label selector as kubectl commands use it: parse once, then
//! match labels. A small interim parser until the engine's `selector`
//! module (branch `cluster`) is merged; grammar of
//! `k8s.io/apimachinery/pkg/labels/selector.go`.

use std::collections::BTreeMap;

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
                    format!("레이블 셀렉터 `{v}`를 해석할 수 없습니다: {} ({}번째 칸). 예: `-l app=web`, `-l 'env in (prod,dev)'`, `-l '!canary'`", e.message.ko, e.at + 1),
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

/// The interim selector: a conjunction of requirements.
pub struct Selector(Vec<(String, Op, Vec<String>)>);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Op {
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// A selector error with the byte offset where it was found.
pub struct SelectorError {
    pub at: usize,
    pub message: Text,
}

fn bad(at: usize, ko: &str, en: &str) -> SelectorError {
    SelectorError { at, message: Text::new(ko, en) }
}

impl Selector {
    pub fn parse(input: &str) -> Result<Selector, SelectorError> {
        if input.len() > 4096 {
            return Err(bad(0, "셀렉터가 너무 깁니다", "selector is too long"));
        }
        let mut reqs = Vec::new();
        let mut depth = 0i32;
        let mut start = 0usize;
        let mut parts = Vec::new();
        for (i, c) in input.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push((start, input.get(start..i).unwrap_or("")));
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push((start, input.get(start..).unwrap_or("")));
        if input.trim().is_empty() {
            return Ok(Selector(reqs));
        }
        for (at, part) in parts {
            let p = part.trim();
            if p.is_empty() {
                return Err(bad(at, "빈 요구 조건이 있습니다", "found '', expected: identifier"));
            }
            let valid_key = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
            let valid_value = |v: &str| v.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
            let req = if let Some(k) = p.strip_prefix('!') {
                (k.trim().to_string(), Op::DoesNotExist, Vec::new())
            } else if let Some((k, v)) = p.split_once("!=") {
                (k.trim().to_string(), Op::NotIn, vec![v.trim().to_string()])
            } else if let Some((k, v)) = p.split_once("==").or_else(|| p.split_once('=')) {
                (k.trim().to_string(), Op::In, vec![v.trim().to_string()])
            } else if let Some((k, rest)) = p.split_once(" notin ").or_else(|| p.split_once(" in ")) {
                let op = if p.contains(" notin ") { Op::NotIn } else { Op::In };
                let rest = rest.trim();
                let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
                    return Err(bad(at, "값 목록은 괄호로 감싸야 합니다", "found '', expected: ',' or ')'"));
                };
                (k.trim().to_string(), op, inner.split(',').map(|v| v.trim().to_string()).collect())
            } else {
                (p.to_string(), Op::Exists, Vec::new())
            };
            if !valid_key(&req.0) {
                return Err(bad(at, "레이블 키가 올바르지 않습니다", "invalid label key"));
            }
            if req.2.iter().any(|v| !valid_value(v)) {
                return Err(bad(at, "레이블 값이 올바르지 않습니다", "invalid label value"));
            }
            reqs.push(req);
        }
        Ok(Selector(reqs))
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.0.iter().all(|(k, op, vals)| {
            let v = labels.get(k);
            match op {
                Op::In => v.is_some_and(|v| vals.contains(v)),
                Op::NotIn => v.is_none_or(|v| !vals.contains(v)),
                Op::Exists => v.is_some(),
                Op::DoesNotExist => v.is_none(),
            }
        })
    }
}
