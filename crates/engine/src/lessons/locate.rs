//! Finds where a field path (`checks[3].nme`) sits in block-style YAML text,
//! so that load errors found after parsing still point at a line and column.
//!
//! `yaml::from_str` locates decode errors at their node, but an error raised
//! inside an internally tagged enum (our checks) carries no path below the
//! enum. This scanner narrows it down. It reads
//! block style only (what lesson files use); on flow style it returns the
//! deepest position it could find.

pub(crate) use crate::yaml::decode::{parse_path, Seg};

/// A non-blank, non-comment line seen as indentation plus content. The first
/// line of a `- ` sequence item is seen twice: once as the dash, once as the
/// item's first key at the column after the dash.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    /// 1-based line number.
    number: usize,
    /// 0-based column of `text` (in characters).
    indent: usize,
    text: &'a str,
}

/// The upper bound of lines scanned, so that a huge file costs little.
const LINES_MAX: usize = 20_000;

fn lines(source: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    for (i, raw) in source.lines().take(LINES_MAX).enumerate() {
        let trimmed = raw.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = raw.chars().count() - trimmed.chars().count();
        out.push(Line { number: i + 1, indent, text: trimmed });
    }
    out
}

/// The 1-based line and column of `path` in `source`, or of its deepest
/// prefix that could be found. `None` when not even the first step exists.
pub(crate) fn locate(source: &str, path: &[Seg<'_>]) -> Option<(usize, usize)> {
    let all = lines(source);
    // The current block: a range of lines and the column its entries start at
    // (None: any column greater than the parent's).
    let mut block: &[Line<'_>] = &all;
    let mut parent_indent: Option<usize> = None;
    let mut found: Option<(usize, usize)> = None;
    // The first line of the current block may be the rest of a `- ` line.
    let mut first_override: Option<Line<'_>> = None;
    for seg in path {
        let entries = block_entries(block, parent_indent, first_override);
        let hit = match seg {
            Seg::Key(key) => entries.iter().position(|l| is_key(l.text, key)),
            Seg::Index(n) => {
                let dashes: Vec<usize> = entries
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.text == "-" || l.text.starts_with("- "))
                    .map(|(i, _)| i)
                    .collect();
                dashes.get(*n).copied()
            }
        };
        let Some(pos) = hit else { return found };
        let Some(entry) = entries.get(pos).copied() else { return found };
        found = Some((entry.number, entry.indent + 1));
        // The child block: the lines after this entry until the next entry.
        let start = block.iter().position(|l| l.number > entry.number).unwrap_or(block.len());
        let end = entries
            .get(pos + 1)
            .and_then(|next| block.iter().position(|l| l.number >= next.number))
            .unwrap_or(block.len());
        let rest = block.get(start..end.max(start)).unwrap_or(&[]);
        match seg {
            Seg::Key(_) => {
                first_override = None;
                block = rest;
                parent_indent = Some(entry.indent);
            }
            Seg::Index(_) => {
                // `- key: value`: the item's first entry is on the dash line.
                let after = entry.text.strip_prefix('-').unwrap_or("");
                let content = after.trim_start_matches(' ');
                first_override = if content.is_empty() {
                    None
                } else {
                    let shift = after.len() - content.len() + 1;
                    Some(Line { number: entry.number, indent: entry.indent + shift, text: content })
                };
                block = rest;
                parent_indent = Some(entry.indent);
                if let Some(first) = first_override {
                    found = Some((first.number, first.indent + 1));
                }
            }
        }
    }
    found
}

/// The entries of a block: the lines at the block's own (smallest) indentation.
fn block_entries<'a>(block: &[Line<'a>], parent_indent: Option<usize>, first: Option<Line<'a>>) -> Vec<Line<'a>> {
    let mut candidates: Vec<Line<'a>> = Vec::new();
    if let Some(f) = first {
        candidates.push(f);
    }
    candidates.extend(block.iter().copied().filter(|l| parent_indent.is_none_or(|p| l.indent > p)));
    // A sequence under a key may sit at the key's own indentation.
    if candidates.is_empty() && first.is_none() {
        return block
            .iter()
            .copied()
            .filter(|l| Some(l.indent) == parent_indent && (l.text == "-" || l.text.starts_with("- ")))
            .collect();
    }
    let Some(indent) = candidates.first().map(|l| l.indent) else { return Vec::new() };
    let is_dash = |l: &Line<'_>| l.text == "-" || l.text.starts_with("- ");
    let mapping = candidates.first().is_some_and(|l| !is_dash(l));
    candidates.into_iter().filter(|l| l.indent == indent && !(mapping && is_dash(l))).collect()
}

fn is_key(text: &str, key: &str) -> bool {
    let unquoted = text
        .strip_prefix('"')
        .and_then(|t| t.strip_prefix(key))
        .and_then(|t| t.strip_prefix('"'))
        .or_else(|| text.strip_prefix(key));
    match unquoted {
        Some(rest) => rest == ":" || rest.starts_with(": ") || rest.starts_with(":\t"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
id: 07-sidecar
title:
  ko: 사이드카
  en: Sidecar
checks:
  # The first goal.
  - kind: pod
    goal: {ko: a, en: b}
    name: web
  - kind: pods
    nme: x
hints:
- one
-   two
";

    #[test]
    fn paths_are_located() {
        let cases: &[(&str, Option<(usize, usize)>)] = &[
            ("id", Some((1, 1))),
            ("title.en", Some((4, 3))),
            ("checks", Some((5, 1))),
            ("checks[0]", Some((7, 5))),
            ("checks[0].name", Some((9, 5))),
            ("checks[1].kind", Some((10, 5))),
            ("checks[1].nme", Some((11, 5))),
            ("checks[2]", Some((5, 1))),
            ("hints[1]", Some((14, 5))),
            ("missing", None),
        ];
        for (path, want) in cases {
            assert_eq!(locate(DOC, &parse_path(path)), *want, "{path}");
        }
    }

    #[test]
    fn path_syntax_is_split() {
        assert_eq!(parse_path("checks[3].nme"), vec![Seg::Key("checks"), Seg::Index(3), Seg::Key("nme")]);
        assert_eq!(parse_path("a[1][2]"), vec![Seg::Key("a"), Seg::Index(1), Seg::Index(2)]);
    }
}
