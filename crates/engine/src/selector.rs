//! Label selectors as `kubectl -l` and workload `spec.selector` use them:
//! equality-based (`app=crane`, `env!=prod`) and set-based
//! (`env in (prod,debug)`, `tier notin (db)`, `env`, `!env`).
//!
//! Follows `k8s.io/apimachinery/pkg/labels/selector.go` (grammar and
//! matching rules); the parser is ours.

use std::collections::BTreeMap;

use crate::model::{LabelSelector, NodeSelectorRequirement};
use crate::text::Text;

/// The most requirements one selector may hold, and the longest input we parse.
const MAX_REQUIREMENTS: usize = 64;
const MAX_INPUT_LEN: usize = 4096;

/// One requirement's operator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    /// Numeric comparisons, only in node selector requirements.
    Gt,
    Lt,
}

/// `key op values`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub key: String,
    pub op: Op,
    pub values: Vec<String>,
}

impl Requirement {
    /// True when the labels satisfy this requirement (upstream `Requirement.Matches`).
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let value = labels.get(&self.key);
        match self.op {
            Op::Equals | Op::In => value.is_some_and(|v| self.values.iter().any(|w| w == v)),
            Op::NotEquals | Op::NotIn => value.is_none_or(|v| !self.values.iter().any(|w| w == v)),
            Op::Exists => value.is_some(),
            Op::DoesNotExist => value.is_none(),
            Op::Gt | Op::Lt => {
                let (Some(v), Some(w)) = (value, self.values.first()) else { return false };
                let (Ok(v), Ok(w)) = (v.parse::<i64>(), w.parse::<i64>()) else { return false };
                if self.op == Op::Gt {
                    v > w
                } else {
                    v < w
                }
            }
        }
    }
}

/// A parsed selector: every requirement must hold (AND). The empty selector
/// matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector {
    pub requirements: Vec<Requirement>,
    /// `true` for a selector that matches nothing (a nil `LabelSelector`).
    pub nothing: bool,
}

/// Why a selector string could not be parsed, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectorError {
    /// Byte offset in the input where the problem was found.
    pub at: usize,
    pub message: Text,
}

impl Selector {
    /// A selector that matches every object.
    pub fn everything() -> Selector {
        Selector::default()
    }

    /// A selector that matches no object.
    pub fn nothing() -> Selector {
        Selector { requirements: Vec::new(), nothing: true }
    }

    /// True when every requirement holds for `labels`.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        !self.nothing && self.requirements.iter().all(|r| r.matches(labels))
    }

    /// Parses the `kubectl -l` syntax, e.g. `app=crane,env in (prod,debug),!canary`.
    pub fn parse(input: &str) -> Result<Selector, SelectorError> {
        if input.len() > MAX_INPUT_LEN {
            return Err(err(0, "셀렉터가 너무 깁니다", "selector is too long"));
        }
        let mut p = Parser { s: input.as_bytes(), i: 0 };
        let mut requirements = Vec::new();
        p.skip_ws();
        if p.at_end() {
            return Ok(Selector::everything());
        }
        loop {
            if requirements.len() >= MAX_REQUIREMENTS {
                return Err(err(p.i, "요구 조건이 너무 많습니다", "too many requirements"));
            }
            requirements.push(p.requirement(input)?);
            p.skip_ws();
            if p.at_end() {
                break;
            }
            if !p.eat(b',') {
                return Err(err(p.i, "요구 조건 사이에는 ','가 와야 합니다", "expected ',' between requirements"));
            }
        }
        Ok(Selector { requirements, nothing: false })
    }

    /// Converts a `metav1.LabelSelector` (`matchLabels` + `matchExpressions`).
    /// An empty selector matches everything, as upstream's `LabelSelectorAsSelector`.
    pub fn from_label_selector(ls: &LabelSelector) -> Result<Selector, SelectorError> {
        let mut requirements: Vec<Requirement> = ls
            .match_labels
            .iter()
            .map(|(k, v)| Requirement { key: k.clone(), op: Op::Equals, values: vec![v.clone()] })
            .collect();
        for e in ls.match_expressions.iter().take(MAX_REQUIREMENTS) {
            let op = match e.operator.as_str() {
                "In" => Op::In,
                "NotIn" => Op::NotIn,
                "Exists" => Op::Exists,
                "DoesNotExist" => Op::DoesNotExist,
                other => {
                    return Err(err(
                        0,
                        &format!("\"{other}\"은(는) 올바른 셀렉터 연산자가 아닙니다"),
                        &format!("\"{other}\" is not a valid label selector operator"),
                    ))
                }
            };
            requirements.push(Requirement { key: e.key.clone(), op, values: e.values.clone() });
        }
        Ok(Selector { requirements, nothing: false })
    }

    /// Converts node selector requirements (node affinity `matchExpressions`),
    /// which also know `Gt` and `Lt`. Unknown operators make the term match nothing.
    pub fn from_node_requirements(reqs: &[NodeSelectorRequirement]) -> Selector {
        let mut requirements = Vec::new();
        for e in reqs.iter().take(MAX_REQUIREMENTS) {
            let op = match e.operator.as_str() {
                "In" => Op::In,
                "NotIn" => Op::NotIn,
                "Exists" => Op::Exists,
                "DoesNotExist" => Op::DoesNotExist,
                "Gt" => Op::Gt,
                "Lt" => Op::Lt,
                _ => return Selector::nothing(),
            };
            requirements.push(Requirement { key: e.key.clone(), op, values: e.values.clone() });
        }
        Selector { requirements, nothing: false }
    }
}

impl std::fmt::Display for Selector {
    /// Prints the selector the way `kubectl` and `LabelSelectorAsSelector().String()` do.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .requirements
            .iter()
            .map(|r| match r.op {
                Op::Equals => format!("{}={}", r.key, r.values.join(",")),
                Op::NotEquals => format!("{}!={}", r.key, r.values.join(",")),
                Op::In => format!("{} in ({})", r.key, r.values.join(",")),
                Op::NotIn => format!("{} notin ({})", r.key, r.values.join(",")),
                Op::Exists => r.key.clone(),
                Op::DoesNotExist => format!("!{}", r.key),
                Op::Gt => format!("{}>{}", r.key, r.values.join(",")),
                Op::Lt => format!("{}<{}", r.key, r.values.join(",")),
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

fn err(at: usize, ko: &str, en: &str) -> SelectorError {
    SelectorError { at, message: Text::new(ko, en) }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    /// A key or value: letters, digits, `-`, `_`, `.`, `/`.
    fn word(&mut self, input: &str) -> String {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'/')) {
            self.i += 1;
        }
        input.get(start..self.i).unwrap_or("").to_string()
    }

    fn requirement(&mut self, input: &str) -> Result<Requirement, SelectorError> {
        self.skip_ws();
        if self.eat(b'!') {
            self.skip_ws();
            let key = self.word(input);
            if key.is_empty() {
                return Err(err(self.i, "'!' 뒤에 레이블 키가 와야 합니다", "expected a label key after '!'"));
            }
            return Ok(Requirement { key, op: Op::DoesNotExist, values: Vec::new() });
        }
        let key_at = self.i;
        let key = self.word(input);
        if key.is_empty() {
            return Err(err(key_at, "레이블 키가 와야 합니다", "expected a label key"));
        }
        self.skip_ws();
        let op = match (self.peek(), self.s.get(self.i + 1).copied()) {
            (None, _) | (Some(b','), _) => return Ok(Requirement { key, op: Op::Exists, values: Vec::new() }),
            (Some(b'='), Some(b'=')) => {
                self.i += 2;
                Op::Equals
            }
            (Some(b'='), _) => {
                self.i += 1;
                Op::Equals
            }
            (Some(b'!'), Some(b'=')) => {
                self.i += 2;
                Op::NotEquals
            }
            _ => {
                let op_at = self.i;
                match self.word(input).as_str() {
                    "in" => Op::In,
                    "notin" => Op::NotIn,
                    _ => {
                        return Err(err(
                            op_at,
                            "연산자는 '=', '==', '!=', 'in', 'notin' 중 하나여야 합니다",
                            "expected one of '=', '==', '!=', 'in', 'notin'",
                        ))
                    }
                }
            }
        };
        self.skip_ws();
        let values = if matches!(op, Op::In | Op::NotIn) {
            if !self.eat(b'(') {
                return Err(err(self.i, "'in'/'notin' 뒤에는 '('가 와야 합니다", "expected '(' after 'in'/'notin'"));
            }
            let mut values = Vec::new();
            loop {
                self.skip_ws();
                let v = self.word(input);
                if !v.is_empty() {
                    values.push(v);
                }
                self.skip_ws();
                if self.eat(b')') {
                    break;
                }
                if !self.eat(b',') || values.len() > MAX_REQUIREMENTS {
                    return Err(err(self.i, "값 목록은 ')'로 닫아야 합니다", "expected ',' or ')' in the value set"));
                }
            }
            if values.is_empty() {
                return Err(err(self.i, "값 목록이 비어 있습니다", "the value set is empty"));
            }
            values
        } else {
            vec![self.word(input)]
        };
        Ok(Requirement { key, op, values })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn kubectl_selectors_match_like_upstream() {
        let crane_debug = labels(&[("app", "crane"), ("env", "debug")]);
        let crane_prod = labels(&[("app", "crane"), ("env", "prod")]);
        let bare = labels(&[("app", "crane")]);
        let cases: &[(&str, [bool; 3])] = &[
            ("", [true, true, true]),
            ("app=crane,env=debug", [true, false, false]),
            ("app==crane", [true, true, true]),
            ("env!=prod", [true, false, true]),
            ("env in (prod,debug)", [true, true, false]),
            ("env notin (prod)", [true, false, true]),
            ("env", [true, true, false]),
            ("!env", [false, false, true]),
            ("app=crane, env in (debug), !canary", [true, false, false]),
        ];
        for (sel, want) in cases {
            let s = Selector::parse(sel).unwrap_or_else(|e| panic!("{sel}: {e:?}"));
            let got = [s.matches(&crane_debug), s.matches(&crane_prod), s.matches(&bare)];
            assert_eq!(&got, want, "selector {sel:?}");
        }
    }

    #[test]
    fn bad_selectors_say_where() {
        for bad in ["env in prod", "=x", "env in (a", "a b", "!"] {
            let e = Selector::parse(bad).expect_err(bad);
            assert!(!e.message.en.is_empty() && !e.message.ko.is_empty());
        }
    }

    #[test]
    fn label_selectors_and_display_round_trip() {
        let ls: LabelSelector = crate::yaml::from_str(
            "matchLabels: {app: web}\nmatchExpressions:\n- {key: tier, operator: In, values: [fe, be]}\n",
        )
        .unwrap();
        let s = Selector::from_label_selector(&ls).unwrap();
        assert_eq!(s.to_string(), "app=web,tier in (fe,be)");
        assert_eq!(Selector::parse(&s.to_string()).unwrap(), s);
        assert!(s.matches(&labels(&[("app", "web"), ("tier", "fe")])));
        assert!(!s.matches(&labels(&[("app", "web")])));
    }

    #[test]
    fn node_requirements_know_gt_and_lt() {
        let req = |op: &str, v: &str| NodeSelectorRequirement {
            key: "cores".into(),
            operator: op.into(),
            values: vec![v.into()],
        };
        let node = labels(&[("cores", "8")]);
        assert!(Selector::from_node_requirements(&[req("Gt", "4")]).matches(&node));
        assert!(!Selector::from_node_requirements(&[req("Lt", "4")]).matches(&node));
        assert!(!Selector::from_node_requirements(&[req("Bogus", "4")]).matches(&node));
    }
}
