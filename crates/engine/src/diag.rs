//! Diagnostics: what the validator reports, located to a line and column and
//! explained in both languages.

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// How serious a diagnostic is. Upstream's errors and warnings are kept
/// apart from our own teaching lints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// kube-apiserver would reject the object.
    Error,
    /// kube-apiserver would accept it but print a warning.
    Warning,
    /// Accepted by a real cluster; Podplay points out a likely mistake.
    Lint,
}

/// A place in the source, 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Span {
    /// A span covering one point.
    pub fn point(line: u32, col: u32) -> Span {
        Span { line, col, end_line: line, end_col: col }
    }
}

/// One finding about a manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The rule that produced it, e.g. `unknown-field`.
    pub rule: String,
    /// The field path as upstream prints it, e.g. `spec.containers[1].name`.
    pub path: String,
    pub span: Span,
    /// Upstream's own wording (English), as a learner meets it on a real cluster.
    pub message: String,
    /// Our explanation and fix hint, in both languages.
    pub explain: Text,
}

/// The syntax-only check, until the full validator lands: it reports where
/// the YAML itself is broken.
pub(crate) fn check_syntax(source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for document in serde_yaml::Deserializer::from_str(source) {
        if let Err(err) = serde_yaml::Value::deserialize(document) {
            let (line, col) = err
                .location()
                .map(|l| (l.line() as u32, l.column() as u32))
                .unwrap_or((1, 1));
            out.push(Diagnostic {
                severity: Severity::Error,
                rule: "yaml-syntax".into(),
                path: String::new(),
                span: Span::point(line, col),
                message: format!("error converting YAML to JSON: {err}"),
                explain: Text::new(
                    "YAML 문법이 깨졌습니다. 들여쓰기와 콜론(:) 뒤 공백을 확인하세요.",
                    "The YAML itself is broken. Check the indentation and the space after each colon.",
                ),
            });
            break;
        }
    }
    out
}



#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_yaml_is_located() {
        let diags = check_syntax("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].rule, "yaml-syntax");
        assert!(diags[0].span.line >= 4, "{:?}", diags[0].span);
    }

    #[test]
    fn valid_yaml_has_no_syntax_error() {
        assert!(check_syntax("apiVersion: v1\nkind: Pod\n").is_empty());
    }
}
