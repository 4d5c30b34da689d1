//! YAML syntax diagnostics: where the parser stopped and why, in go-yaml's
//! words with a hint for the learner, and tabs in indentation.

use saphyr_parser::ScanError;

use super::limits::MAX_YAML_DIAGNOSTICS;
use crate::diag::{Diagnostic, Severity, Span};
use crate::text::Text;

/// Converts a parser marker (1-based line, 0-based char column) to a point.
fn point(m: &saphyr_parser::Marker) -> (u32, u32) {
    (clamp(m.line()), clamp(m.col().saturating_add(1)))
}

pub(super) fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(super) fn span_of(s: &saphyr_parser::Span) -> Span {
    let (line, col) = point(&s.start);
    let (end_line, end_col) = point(&s.end);
    Span { line: line.max(1), col: col.max(1), end_line: end_line.max(line.max(1)), end_col }
}

pub(super) fn yaml_error(rule: &str, span: Span, message: String, explain: Text) -> Diagnostic {
    Diagnostic::new(Severity::Error, rule, "", span, message, explain)
}

/// An error found at the end of input points past the last line; move it to
/// the end of the last non-empty line, where the learner can see it.
pub(super) fn at_last_line(source: &str, mut d: Diagnostic) -> Diagnostic {
    let lines: Vec<&str> = source.lines().collect();
    if (d.span.line as usize) <= lines.len()
        && lines.get((d.span.line as usize).saturating_sub(1)).is_some_and(|l| !l.trim().is_empty())
    {
        return d;
    }
    let upto = (d.span.line as usize).min(lines.len());
    if let Some((i, l)) = lines.iter().enumerate().take(upto).rev().find(|(_, l)| !l.trim().is_empty()) {
        let col = clamp(l.chars().count() + 1);
        let old = format!("yaml: line {}:", d.span.line);
        if let Some(rest) = d.message.strip_prefix(&old) {
            d.message = format!("yaml: line {}:{rest}", i + 1);
        }
        d.span = Span { line: clamp(i + 1), col, end_line: clamp(i + 1), end_col: col };
    }
    d
}

/// The indentation (leading spaces) of a line, and whether it has content.
fn indent_of(line: &str) -> (usize, bool) {
    let indent = line.bytes().take_while(|b| *b == b' ').count();
    let rest = line.get(indent..).unwrap_or("").trim();
    (indent, !rest.is_empty() && !rest.starts_with('#'))
}

/// A `key:value` without a space after the colon, on one of the lines
/// before `line`: go-yaml reads it as one plain string.
fn missing_space_after_colon(lines: &[&str], line: usize) -> Option<(usize, String)> {
    let start = line.saturating_sub(4);
    for i in (start..line.min(lines.len())).rev() {
        let text = lines.get(i)?.trim_start().trim_start_matches("- ");
        if text.starts_with('#') || text.starts_with('"') || text.starts_with('\'') {
            continue;
        }
        if let Some(pos) = text.find(':') {
            let (key, after) = text.split_at(pos);
            let after = &after[1..];
            let word =
                !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if word && !after.is_empty() && !after.starts_with(' ') && !after.starts_with('/') && !key.contains("http")
            {
                return Some((i + 1, format!("{key}:{after}")));
            }
        }
    }
    None
}

/// Our explanation of a scanner error, made specific with what the source
/// shows around it.
fn syntax_hint(source: &str, line: usize, col: usize, info: &str) -> Option<(Text, Option<Span>)> {
    let lines: Vec<&str> = source.lines().collect();
    if info.contains("mapping values are not allowed") {
        if let Some((at, text)) = missing_space_after_colon(&lines, line) {
            // Point at the real mistake, not where the parser noticed it.
            let span = lines.get(at - 1).and_then(|l| l.find(text.as_str())).map(|byte| {
                let l = lines.get(at - 1).copied().unwrap_or("");
                let col = l.get(..byte).map(|p| p.chars().count()).unwrap_or(0) + 1;
                Span {
                    line: clamp(at),
                    col: clamp(col),
                    end_line: clamp(at),
                    end_col: clamp(col + text.chars().count()),
                }
            });
            let hint = Text::new(
                format!("{at}번째 줄의 `{text}`에는 콜론 뒤에 공백이 없어 YAML이 `키: 값`이 아니라 문자열 하나로 읽습니다. 콜론 뒤에 공백을 넣으세요."),
                format!("`{text}` on line {at} has no space after the colon, so YAML reads it as one string, not `key: value`. Put a space after the colon."),
            );
            return Some((hint, span));
        }
        let (here, _) = indent_of(lines.get(line.saturating_sub(1)).copied().unwrap_or(""));
        let prev = (1..line).rev().filter_map(|l| lines.get(l - 1).map(|t| (l, indent_of(t)))).find(|(_, (_, c))| *c);
        if let Some((pl, (pi, _))) = prev {
            if here > pi {
                return Some((Text::new(
                    format!("{line}번째 줄이 {pl}번째 줄보다 더 깊이({here}칸) 들여써져 있습니다. 같은 매핑의 키라면 {pi}칸으로 맞추세요."),
                    format!("Line {line} is indented deeper ({here} spaces) than line {pl} ({pi} spaces). If it is a key of the same mapping, indent it by {pi}."),
                ), None));
            }
        }
    }
    if info.contains("did not find expected key") || info.contains("did not find expected '-'") {
        let (here, _) = indent_of(lines.get(line.saturating_sub(1)).copied().unwrap_or(""));
        let _ = col;
        return Some((Text::new(
            format!("{line}번째 줄의 들여쓰기({here}칸)가 위쪽 키들과 맞지 않습니다. 같은 매핑의 키는 같은 칸에서 시작해야 합니다."),
            format!("The indentation of line {line} ({here} spaces) does not line up with the keys above it. Keys of one mapping must start in the same column."),
        ), None));
    }
    if info.contains("end of stream") && info.contains("quoted") {
        return Some((
            Text::new(
                "따옴표가 닫히지 않았습니다. 여는 따옴표와 같은 종류의 따옴표로 문자열을 닫으세요.",
                "A quote is not closed. End the string with the same kind of quote it starts with.",
            ),
            None,
        ));
    }
    None
}

pub(super) fn scan_error(source: &str, err: &ScanError) -> Diagnostic {
    let m = err.marker();
    let (line, col) = point(m);
    let info = err.info();
    let mut span = Span::point(line.max(1), col.max(1));
    let explain = if let Some((hint, better)) = syntax_hint(source, line as usize, col as usize, info) {
        if let Some(better) = better {
            span = better;
        }
        hint
    } else if info.contains("escape") {
        Text::new(
            "큰따옴표 문자열 안에 YAML이 모르는 이스케이프(\\ 다음 글자)가 있습니다. 백슬래시를 빼거나 작은따옴표 문자열을 쓰세요.",
            "A double-quoted string holds an escape YAML does not know (the character after \\). Drop the backslash, or use a single-quoted string.",
        )
    } else if info.contains("tab") {
        tab_text()
    } else {
        Text::new(
            "YAML 문법이 깨졌습니다. 들여쓰기와 콜론(:) 뒤 공백, 괄호 짝을 확인하세요.",
            "The YAML itself is broken. Check the indentation, the space after each colon, and that brackets are closed.",
        )
    };
    yaml_error("yaml-syntax", span, format!("yaml: line {line}: {info}"), explain)
}

fn tab_text() -> Text {
    Text::new(
        "YAML 들여쓰기에는 탭을 쓸 수 없습니다. 탭을 공백으로 바꾸세요.",
        "YAML indentation cannot use tabs. Replace the tab with spaces.",
    )
}

/// go-yaml rejects a tab where indentation is expected; report each such
/// line at the tab (the parser alone accepts some of them).
pub(super) fn check_tabs(source: &str, out: &mut Vec<Diagnostic>) {
    // Fast path: most sources have no tab at all.
    if !source.as_bytes().contains(&b'\t') {
        return;
    }
    let mut in_block_scalar: Option<usize> = None;
    for (i, line) in source.lines().enumerate().take(1_000_000) {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        let rest = &bytes[indent..];
        let blank = rest.iter().all(|b| b.is_ascii_whitespace());
        if let Some(min) = in_block_scalar {
            if blank || indent >= min {
                continue;
            }
            in_block_scalar = None;
        }
        if rest.first() == Some(&b'\t') && !blank && out.len() < MAX_YAML_DIAGNOSTICS {
            out.push(yaml_error(
                "yaml-tab-indent",
                Span { line: clamp(i + 1), col: clamp(indent + 1), end_line: clamp(i + 1), end_col: clamp(indent + 2) },
                format!("yaml: line {}: found character that cannot start any token", i + 1),
                tab_text(),
            ));
        }
        let t = line.trim_end();
        if ["|", ">", "|-", ">-", "|+", ">+"].iter().any(|m| t.ends_with(m)) {
            in_block_scalar = Some(indent + 1);
        }
    }
}
