//! Reading a source into documents: `saphyr-parser` events become
//! span-preserving trees, with duplicate keys, merge keys, aliases and every
//! limit checked on the way.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

use super::limits::{MAX_DEPTH, MAX_DOCUMENTS, MAX_NODES, MAX_SOURCE_BYTES, MAX_YAML_DIAGNOSTICS};
use super::node::{Document, Loaded, NodeKind, YamlNode};
use super::resolve::{Scalar, ScalarStyle};
use super::syntax::{at_last_line, check_tabs, clamp, scan_error, span_of, yaml_error};
use crate::diag::{Diagnostic, Severity, Span};
use crate::text::Text;

/// Open containers while the tree is built.
enum Frame {
    Map {
        entries: Vec<(YamlNode, YamlNode)>,
        key: Option<YamlNode>,
        seen: HashMap<String, (u32, bool)>,
        start: Span,
        anchor: usize,
    },
    Seq {
        items: Vec<YamlNode>,
        start: Span,
        anchor: usize,
    },
}

/// Reads every document of `source` into span-preserving trees.
///
/// Never panics. A document cut short by a syntax error is dropped; the
/// documents before it are kept.
pub fn load(source: &str) -> Loaded {
    let mut out = Loaded::default();
    if source.len() > MAX_SOURCE_BYTES {
        out.diagnostics.push(yaml_error(
            "yaml-too-large",
            Span::point(1, 1),
            format!("the source is {} bytes; the limit is {} bytes", source.len(), MAX_SOURCE_BYTES),
            Text::new(
                "매니페스트가 너무 큽니다(최대 4 MiB). 여러 파일로 나누세요.",
                "The manifest is too large (4 MiB at most). Split it into several files.",
            ),
        ));
        return out;
    }
    check_tabs(source, &mut out.diagnostics);
    let has_tab_error = !out.diagnostics.is_empty();
    // go-yaml (libyaml) accepts `\'` in double-quoted strings although YAML
    // 1.2 does not; rewrite each one as `\x27` (same meaning) and warn.
    let mut text = std::borrow::Cow::Borrowed(source);
    let mut rewritten: Vec<(usize, usize)> = Vec::new();
    for _ in 0..64 {
        let (loaded, escape_at) = load_once(&text, has_tab_error);
        let Some(char_index) = escape_at else {
            out.documents = loaded.documents;
            out.diagnostics.extend(loaded.diagnostics);
            return out;
        };
        let byte_start = text.char_indices().nth(char_index).map(|(b, _)| b).unwrap_or(text.len());
        let Some(rel) = text.get(byte_start..).and_then(|t| t.find("\\'")) else {
            out.documents = loaded.documents;
            out.diagnostics.extend(loaded.diagnostics);
            return out;
        };
        let at = byte_start + rel;
        let line = text[..at].matches('\n').count() + 1;
        let col_now = text[..at].rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
        // Each earlier rewrite on this line made it two characters longer.
        let shift = rewritten.iter().filter(|(l, c)| *l == line && *c < col_now).count() * 2;
        rewritten.push((line, col_now));
        let col = col_now - shift;
        out.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "yaml-escape",
            "",
            Span { line: clamp(line), col: clamp(col), end_line: clamp(line), end_col: clamp(col + 2) },
            format!("yaml: line {line}: \"\\'\" is not a YAML 1.2 escape; go-yaml reads it as \"'\""),
            Text::new(
                "큰따옴표 문자열 안의 `\\'`(백슬래시와 작은따옴표)는 YAML 1.2에 없는 이스케이프입니다. kubectl(go-yaml)은 작은따옴표로 읽지만 다른 YAML 도구는 오류를 냅니다. 작은따옴표를 그대로 쓰세요(큰따옴표 안에서는 이스케이프가 필요 없습니다).",
                "`\\'` inside a double-quoted string is not a YAML 1.2 escape. kubectl (go-yaml) reads it as `'`, but other YAML tools fail. Write `'` as is: it needs no escape inside double quotes.",
            ),
        ));
        let mut owned = text.into_owned();
        owned.replace_range(at..at + 2, "\\x27");
        text = std::borrow::Cow::Owned(owned);
    }
    out
}

/// One parse of the source. Returns the char index where a `\'` escape
/// stopped the parser, if that is what stopped it.
fn load_once(source: &str, has_tab_error: bool) -> (Loaded, Option<usize>) {
    let mut parser = Parser::new_from_str(source);
    let mut b = Builder::default();
    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Err(err)) => {
                if err.info().contains("unknown escape") {
                    return (b.out, Some(err.marker().index()));
                }
                // Our own tab check has already located a tab more precisely.
                if !(has_tab_error && err.info().contains("tab")) {
                    b.out.diagnostics.push(at_last_line(source, scan_error(source, &err)));
                }
                break;
            }
            Some(Ok(ev)) => ev,
        };
        if b.event(event, span_of(&span)).is_err() {
            break;
        }
    }
    (b.out, None)
}

/// A limit or an error ended the parse; its diagnostic is recorded.
struct Stop;

/// The documents being built from parser events.
#[derive(Default)]
struct Builder {
    out: Loaded,
    stack: Vec<Frame>,
    /// Anchored nodes with their sizes, so that each alias costs O(1) to weigh.
    anchors: HashMap<usize, (YamlNode, usize)>,
    nodes: usize,
    doc_index: usize,
}

impl Builder {
    /// Takes one parser event; a node that is now complete is attached to
    /// its parent (or becomes a document).
    fn event(&mut self, event: Event<'_>, here: Span) -> Result<(), Stop> {
        let finished: Option<YamlNode> = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => None,
            Event::DocumentStart(_) => {
                self.stack.clear();
                self.anchors.clear();
                None
            }
            Event::DocumentEnd => None,
            Event::Alias(id) => Some(self.alias(id, here)?),
            Event::Scalar(text, style, anchor, tag) => {
                self.nodes = self.nodes.saturating_add(1);
                let style = match style {
                    saphyr_parser::ScalarStyle::Plain => ScalarStyle::Plain,
                    saphyr_parser::ScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    saphyr_parser::ScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    saphyr_parser::ScalarStyle::Literal => ScalarStyle::Literal,
                    saphyr_parser::ScalarStyle::Folded => ScalarStyle::Folded,
                };
                let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                let node = YamlNode { kind: NodeKind::Scalar(Scalar::new(text.into_owned(), style, tag)), span: here };
                Some(self.anchored(anchor, node))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.open(matches!(event, Event::MappingStart(..)), anchor, here)?;
                None
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(here),
        };
        if self.nodes > MAX_NODES {
            self.out.diagnostics.push(yaml_error(
                "yaml-too-large",
                here,
                format!("yaml: document has more than {MAX_NODES} nodes"),
                Text::new("문서의 노드 수가 너무 많습니다.", "The document has too many nodes."),
            ));
            return Err(Stop);
        }
        match finished {
            Some(node) => self.attach(node),
            None => Ok(()),
        }
    }

    /// A copy of an anchored node, weighed by its size against `MAX_NODES`.
    fn alias(&mut self, id: usize, here: Span) -> Result<YamlNode, Stop> {
        let Some((node, size)) = self.anchors.get(&id) else {
            self.out.diagnostics.push(yaml_error(
                "yaml-syntax",
                here,
                "yaml: unknown anchor referenced".to_string(),
                Text::new(
                    "정의되지 않은 앵커를 별칭으로 참조했습니다.",
                    "This alias refers to an anchor that is not defined.",
                ),
            ));
            return Err(Stop);
        };
        self.nodes = self.nodes.saturating_add(*size);
        if self.nodes > MAX_NODES {
            self.out.diagnostics.push(yaml_error(
                "yaml-alias-bomb",
                here,
                format!("yaml: document expands to more than {MAX_NODES} nodes through aliases"),
                Text::new(
                    "별칭(*alias)이 문서를 지나치게 크게 펼칩니다. 별칭을 줄이거나 값을 직접 쓰세요.",
                    "Aliases (*alias) expand this document far too much. Use fewer aliases or write the values out.",
                ),
            ));
            return Err(Stop);
        }
        let mut copy = node.clone();
        copy.span = here;
        Ok(copy)
    }

    /// Remembers `node` under its anchor, if it has one.
    fn anchored(&mut self, anchor: usize, node: YamlNode) -> YamlNode {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), node.size()));
        }
        node
    }

    /// Opens a mapping or a sequence, within `MAX_DEPTH`.
    fn open(&mut self, map: bool, anchor: usize, here: Span) -> Result<(), Stop> {
        if self.stack.len() >= MAX_DEPTH {
            self.out.diagnostics.push(yaml_error(
                "yaml-too-deep",
                here,
                format!("yaml: nesting is deeper than {MAX_DEPTH} levels"),
                Text::new("중첩이 너무 깊습니다(최대 256단계).", "The nesting is too deep (256 levels at most)."),
            ));
            return Err(Stop);
        }
        self.nodes = self.nodes.saturating_add(1);
        if map {
            self.stack.push(Frame::Map { entries: Vec::new(), key: None, seen: HashMap::new(), start: here, anchor });
        } else {
            self.stack.push(Frame::Seq { items: Vec::new(), start: here, anchor });
        }
        Ok(())
    }

    /// Closes the innermost mapping or sequence into a node.
    fn close(&mut self, here: Span) -> Option<YamlNode> {
        match self.stack.pop()? {
            Frame::Map { entries, start, anchor, .. } => {
                Some(self.anchored(anchor, YamlNode { kind: NodeKind::Map(entries), span: join(start, here) }))
            }
            Frame::Seq { items, start, anchor } => {
                Some(self.anchored(anchor, YamlNode { kind: NodeKind::Seq(items), span: join(start, here) }))
            }
        }
    }

    /// Puts a complete node where it belongs: a new document, a sequence
    /// item, a mapping key, or the value of the pending key.
    fn attach(&mut self, node: YamlNode) -> Result<(), Stop> {
        match self.stack.last_mut() {
            None => {
                if self.out.documents.len() >= MAX_DOCUMENTS {
                    self.out.diagnostics.push(yaml_error(
                        "yaml-too-large",
                        node.span,
                        format!("yaml: more than {MAX_DOCUMENTS} documents"),
                        Text::new("문서(---)가 너무 많습니다.", "There are too many documents (---)."),
                    ));
                    return Err(Stop);
                }
                self.out.documents.push(Document { index: self.doc_index, root: node });
                self.doc_index += 1;
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, seen, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) if is_merge_key(&k) => merge_into(entries, seen, node),
                Some(k) => add_entry(entries, seen, &mut self.out.diagnostics, k, node),
            },
        }
        Ok(())
    }
}

/// Adds `k: node` to a mapping; a key written twice is an error, and an
/// explicit key overrides one that came from a merge.
fn add_entry(
    entries: &mut Vec<(YamlNode, YamlNode)>,
    seen: &mut HashMap<String, (u32, bool)>,
    diagnostics: &mut Vec<Diagnostic>,
    k: YamlNode,
    node: YamlNode,
) {
    let Some(name) = k.as_key() else {
        entries.push((k, node));
        return;
    };
    match seen.get(&name).copied() {
        Some((first_line, false)) => {
            if diagnostics.len() < MAX_YAML_DIAGNOSTICS {
                diagnostics.push(duplicate_key(&name, k.span, first_line));
            }
            entries.push((k, node));
        }
        Some((_, true)) => {
            entries.retain(|(old, _)| old.as_key().as_deref() != Some(name.as_str()));
            seen.insert(name, (k.span.line, false));
            entries.push((k, node));
        }
        None => {
            seen.insert(name, (k.span.line, false));
            entries.push((k, node));
        }
    }
}

fn join(start: Span, end: Span) -> Span {
    if (end.end_line, end.end_col) >= (start.line, start.col) {
        Span { line: start.line, col: start.col, end_line: end.end_line, end_col: end.end_col }
    } else {
        start
    }
}

fn is_merge_key(k: &YamlNode) -> bool {
    matches!(k.as_scalar(), Some(Scalar { text, style: ScalarStyle::Plain, .. }) if text == "<<")
}

/// Applies a `<<: *base` merge: keys already present win.
fn merge_into(entries: &mut Vec<(YamlNode, YamlNode)>, seen: &mut HashMap<String, (u32, bool)>, value: YamlNode) {
    let sources: Vec<YamlNode> = match value.kind {
        NodeKind::Seq(items) => items,
        _ => vec![value],
    };
    for source in sources {
        if let NodeKind::Map(more) = source.kind {
            for (k, v) in more {
                if let Some(name) = k.as_key() {
                    if let std::collections::hash_map::Entry::Vacant(slot) = seen.entry(name) {
                        slot.insert((k.span.line, true));
                        entries.push((k, v));
                    }
                }
            }
        }
    }
}

fn duplicate_key(name: &str, at: Span, first_line: u32) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "duplicate-key",
        "",
        at,
        format!(
            "yaml: unmarshal errors: line {}: mapping key \"{}\" already defined at line {}",
            at.line, name, first_line
        ),
        Text::new(
            format!("`{name}` 키가 같은 매핑에 두 번 나옵니다({first_line}번째 줄에 이미 있음). 하나로 합치세요. 목록이라면 항목을 한 키 아래에 모으세요."),
            format!("The key `{name}` appears twice in the same mapping (first at line {first_line}). Merge them into one; for a list, put all items under one key."),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_flow_keep_spans() {
        let src = "a: 1\nb:\n  c: [x, {d: y}]\n";
        let l = load(src);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let root = &l.documents[0].root;
        let (k, v) = root.entry("b").unwrap();
        assert_eq!((k.span.line, k.span.col), (2, 1));
        let c = v.get("c").unwrap();
        assert_eq!((c.span.line, c.span.col), (3, 6));
        let d = c.as_seq().unwrap()[1].get("d").unwrap();
        assert_eq!((d.span.line, d.span.col, d.span.end_col), (3, 14, 15));
    }

    #[test]
    fn multiple_documents_are_indexed() {
        let l = load("---\na: 1\n---\nb: 2\n");
        assert_eq!(l.documents.len(), 2);
        assert_eq!(l.documents[1].index, 1);
        assert_eq!(l.documents[1].root.entry("b").unwrap().0.span.line, 4);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let l = load("a: 1\nb: 2\na: 3\n");
        assert_eq!(l.diagnostics.len(), 1);
        assert_eq!(
            l.diagnostics[0].message,
            "yaml: unmarshal errors: line 3: mapping key \"a\" already defined at line 1"
        );
        assert_eq!(l.diagnostics[0].span.line, 3);
    }

    #[test]
    fn tabs_in_indentation_are_located() {
        let l = load("a:\n  b: 1\n\tc: 2\n");
        assert!(l.diagnostics.iter().any(|d| d.rule == "yaml-tab-indent" && d.span.line == 3), "{:?}", l.diagnostics);
    }

    #[test]
    fn billion_laughs_is_bounded() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let l = load(&src);
        assert!(l.diagnostics.iter().any(|d| d.rule == "yaml-alias-bomb"), "{:?}", l.diagnostics);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let src = "[".repeat(100_000);
        let l = load(&src);
        // Either our limit or the parser's own recursion limit stops it.
        assert!(
            l.diagnostics.iter().any(|d| d.rule == "yaml-too-deep" || d.message.contains("recursion limit")),
            "{:?}",
            l.diagnostics
        );
    }

    #[test]
    fn merge_keys_merge() {
        let l = load("base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n");
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let m = l.documents[0].root.get("m").unwrap();
        assert_eq!(m.get("b").unwrap().as_key().as_deref(), Some("3"));
        assert_eq!(m.get("a").unwrap().as_key().as_deref(), Some("1"));
        assert_eq!(m.as_map().unwrap().len(), 2);
    }

    #[test]
    fn backslash_quote_is_read_like_go_yaml() {
        let l = load("a: \"it\\'s\"\n");
        assert_eq!(l.documents.len(), 1, "{:?}", l.diagnostics);
        assert_eq!(l.documents[0].root.get("a").and_then(YamlNode::as_str), Some("it's"));
        assert_eq!(l.diagnostics.len(), 1);
        assert_eq!((l.diagnostics[0].rule.as_str(), l.diagnostics[0].span.col), ("yaml-escape", 7));
    }

    #[test]
    fn syntax_errors_are_located() {
        let l = load("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n");
        assert_eq!(l.diagnostics.len(), 1);
        assert!(l.diagnostics[0].span.line >= 4);
    }
}
