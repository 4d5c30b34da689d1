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
    /// A machine-applicable fix, such as a did-you-mean replacement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// A quick fix: replace the text under `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    /// What the fix does, e.g. "replace with `labels`".
    pub title: Text,
}

impl Diagnostic {
    /// A diagnostic without a quick fix.
    pub fn new(
        severity: Severity,
        rule: impl Into<String>,
        path: impl Into<String>,
        span: Span,
        message: impl Into<String>,
        explain: Text,
    ) -> Diagnostic {
        Diagnostic { severity, rule: rule.into(), path: path.into(), span, message: message.into(), explain, fix: None }
    }

    /// Renders the diagnostic the way rustc and ruff do: a header, the
    /// location, the source line with a caret under the span, then our
    /// explanation in `lang`.
    pub fn render(&self, source: &str, lang: crate::text::Lang) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Lint => "lint",
        };
        let mut out = format!("{sev}[{}]: {}\n", self.rule, self.message);
        out.push_str(&format!(" --> {}:{}\n", self.span.line, self.span.col));
        let line_no = self.span.line as usize;
        if let Some(text) = source.lines().nth(line_no.saturating_sub(1)).filter(|_| line_no > 0) {
            let gutter = line_no.to_string();
            let pad = " ".repeat(gutter.len());
            let shown: String = text.chars().take(200).collect();
            out.push_str(&format!("{pad} |\n{gutter} | {shown}\n"));
            let start = (self.span.col as usize).saturating_sub(1).min(shown.chars().count());
            let end = if self.span.end_line == self.span.line && self.span.end_col > self.span.col {
                (self.span.end_col as usize).saturating_sub(1)
            } else {
                start + 1
            };
            let width = end.saturating_sub(start).clamp(1, 200);
            out.push_str(&format!("{pad} | {}{}\n", " ".repeat(start), "^".repeat(width)));
        }
        let label = match lang {
            crate::text::Lang::Ko => "설명",
            crate::text::Lang::En => "help",
        };
        out.push_str(&format!("  = {label}: {}\n", self.explain.get(lang)));
        if let Some(fix) = &self.fix {
            out.push_str(&format!("  = fix: {}\n", fix.title.get(lang)));
        }
        out
    }
}
