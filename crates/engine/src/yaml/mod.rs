//! A span-preserving YAML document tree, built from the event API of
//! `saphyr-parser`, with the checks Kubernetes' own YAML reader makes.
//!
//! Kubernetes reads YAML through `sigs.k8s.io/yaml`, which converts YAML 1.1
//! (go-yaml) to JSON. This module keeps every key and value with its line and
//! column, rejects duplicate keys and tabs in indentation the way go-yaml does,
//! and puts a limit on everything an input controls: document size, nesting
//! depth, node count and alias expansion (a "billion laughs" bomb becomes a
//! located error, not an out-of-memory crash).

pub mod decode;
pub mod resolve;

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScanError};

use crate::diag::{Diagnostic, Severity, Span};
use crate::text::Text;

pub use decode::{from_node, from_str, DecodeError};
pub use resolve::Resolved;

/// The largest source the engine reads, in bytes.
pub const MAX_SOURCE_BYTES: usize = 4 * 1024 * 1024;
/// The deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 256;
/// The most nodes one source may expand to, aliases included.
pub const MAX_NODES: usize = 1_000_000;
/// The most YAML-level diagnostics (duplicate keys, tabs) one source reports.
pub const MAX_YAML_DIAGNOSTICS: usize = 200;
/// The most documents one source may hold.
pub const MAX_DOCUMENTS: usize = 10_000;

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A scalar as written, with its style and explicit tag (if any).
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub style: ScalarStyle,
    /// An explicit tag such as `!!str`, as `tag:yaml.org,2002:str`.
    pub tag: Option<String>,
    /// What the scalar resolves to, computed once when it is read.
    pub resolved: Resolved,
}

impl Scalar {
    /// A scalar, resolved as go-yaml resolves it.
    pub fn new(text: String, style: ScalarStyle, tag: Option<String>) -> Scalar {
        let mut s = Scalar { text, style, tag, resolved: Resolved::Str };
        s.resolved = resolve::resolve(&s);
        s
    }
}

/// The shape of a node.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A mapping, its entries in source order.
    Map(Vec<(Node, Node)>),
    Seq(Vec<Node>),
    Scalar(Scalar),
}

/// One node of the tree, with the place it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

impl Node {
    /// The value under `key` if this node is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value under `key`, if this is a mapping that has it.
    ///
    /// Keys are compared as written; field names never resolve to anything
    /// but themselves, and this keeps look-ups free of allocation.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_scalar().is_some_and(|s| s.text == key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The entries if this node is a mapping.
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items if this node is a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The scalar if this node is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The value this node resolves to as a scalar (YAML 1.1, as go-yaml).
    pub fn resolved(&self) -> Option<Resolved> {
        self.as_scalar().map(|s| s.resolved)
    }

    /// True for an empty value, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.resolved(), Some(Resolved::Null))
    }

    /// The string a scalar resolves to, if it resolves to a string.
    pub fn as_str(&self) -> Option<&str> {
        match (self.as_scalar(), self.resolved()) {
            (Some(s), Some(Resolved::Str)) => Some(&s.text),
            _ => None,
        }
    }

    /// The text of a scalar used as a mapping key, as JSON would name it.
    pub fn as_key(&self) -> Option<String> {
        let s = self.as_scalar()?;
        Some(match s.resolved {
            Resolved::Null => "null".to_string(),
            Resolved::Bool(b) => b.to_string(),
            Resolved::Int(i) => i.to_string(),
            Resolved::Float(f) => f.to_string(),
            Resolved::Str => s.text.clone(),
        })
    }

    /// A short name for the node's shape, as JSON names it.
    pub fn json_kind(&self) -> &'static str {
        match &self.kind {
            NodeKind::Map(_) => "object",
            NodeKind::Seq(_) => "array",
            NodeKind::Scalar(s) => match s.resolved {
                Resolved::Null => "null",
                Resolved::Bool(_) => "bool",
                Resolved::Int(_) | Resolved::Float(_) => "number",
                Resolved::Str => "string",
            },
        }
    }

    /// The node as a free-form JSON value, for deserialising into the typed
    /// model (the API server stores JSON: `sigs.k8s.io/yaml` turns YAML into
    /// JSON before decoding, and so do we). Keys are written as JSON writes
    /// them (as strings); a float JSON cannot hold (`.inf`, `.nan`) becomes
    /// null, the validator having already said what is wrong with it.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Map(entries) => {
                let mut m = serde_json::Map::new();
                for (k, v) in entries {
                    m.insert(k.as_key().unwrap_or_default(), v.to_value());
                }
                Value::Object(m)
            }
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            NodeKind::Scalar(s) => match s.resolved {
                Resolved::Null => Value::Null,
                Resolved::Bool(b) => Value::Bool(b),
                Resolved::Int(i) => Value::Number(i.into()),
                Resolved::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
                Resolved::Str => Value::String(s.text.clone()),
            },
        }
    }

    /// The number of nodes in this subtree.
    fn size(&self) -> usize {
        let mut n = 0usize;
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            n += 1;
            match &node.kind {
                NodeKind::Map(entries) => {
                    for (k, v) in entries {
                        stack.push(k);
                        stack.push(v);
                    }
                }
                NodeKind::Seq(items) => stack.extend(items.iter()),
                NodeKind::Scalar(_) => {}
            }
        }
        n
    }
}

/// One YAML document of a source.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// 0-based position among the documents of the source.
    pub index: usize,
    pub root: Node,
}

/// The result of reading a source: every complete document, and what is
/// wrong with the source as YAML.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Converts a parser marker (1-based line, 0-based char column) to a point.
fn point(m: &saphyr_parser::Marker) -> (u32, u32) {
    (clamp(m.line()), clamp(m.col().saturating_add(1)))
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn span_of(s: &saphyr_parser::Span) -> Span {
    let (line, col) = point(&s.start);
    let (end_line, end_col) = point(&s.end);
    Span { line: line.max(1), col: col.max(1), end_line: end_line.max(line.max(1)), end_col }
}

fn yaml_error(rule: &str, span: Span, message: String, explain: Text) -> Diagnostic {
    Diagnostic::new(Severity::Error, rule, "", span, message, explain)
}

/// Open containers while the tree is built.
enum Frame {
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        seen: HashMap<String, (u32, bool)>,
        start: Span,
        anchor: usize,
    },
    Seq {
        items: Vec<Node>,
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
    let mut out = Loaded::default();
    let mut parser = Parser::new_from_str(source);
    let mut stack: Vec<Frame> = Vec::new();
    // Anchored nodes with their sizes, so that each alias costs O(1) to weigh.
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut nodes = 0usize;
    let mut doc_index = 0usize;
    loop {
        let next = match parser.next_event() {
            None => break,
            Some(Err(err)) => {
                if err.info().contains("unknown escape") {
                    return (out, Some(err.marker().index()));
                }
                // Our own tab check has already located a tab more precisely.
                if !(has_tab_error && err.info().contains("tab")) {
                    out.diagnostics.push(at_last_line(source, scan_error(source, &err)));
                }
                break;
            }
            Some(Ok(ev)) => ev,
        };
        let (event, span) = next;
        let here = span_of(&span);
        let finished: Option<Node> = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => None,
            Event::DocumentStart(_) => {
                stack.clear();
                anchors.clear();
                None
            }
            Event::DocumentEnd => None,
            Event::Alias(id) => match anchors.get(&id) {
                Some((node, size)) => {
                    let size = *size;
                    nodes = nodes.saturating_add(size);
                    if nodes > MAX_NODES {
                        out.diagnostics.push(yaml_error(
                            "yaml-alias-bomb",
                            here,
                            format!("yaml: document expands to more than {MAX_NODES} nodes through aliases"),
                            Text::new(
                                "별칭(*alias)이 문서를 지나치게 크게 펼칩니다. 별칭을 줄이거나 값을 직접 쓰세요.",
                                "Aliases (*alias) expand this document far too much. Use fewer aliases or write the values out.",
                            ),
                        ));
                        break;
                    }
                    let mut copy = node.clone();
                    copy.span = here;
                    Some(copy)
                }
                None => {
                    out.diagnostics.push(yaml_error(
                        "yaml-syntax",
                        here,
                        "yaml: unknown anchor referenced".to_string(),
                        Text::new(
                            "정의되지 않은 앵커를 별칭으로 참조했습니다.",
                            "This alias refers to an anchor that is not defined.",
                        ),
                    ));
                    break;
                }
            },
            Event::Scalar(text, style, anchor, tag) => {
                nodes = nodes.saturating_add(1);
                let style = match style {
                    saphyr_parser::ScalarStyle::Plain => ScalarStyle::Plain,
                    saphyr_parser::ScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    saphyr_parser::ScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    saphyr_parser::ScalarStyle::Literal => ScalarStyle::Literal,
                    saphyr_parser::ScalarStyle::Folded => ScalarStyle::Folded,
                };
                let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                let node = Node { kind: NodeKind::Scalar(Scalar::new(text.into_owned(), style, tag)), span: here };
                if anchor > 0 {
                    anchors.insert(anchor, (node.clone(), node.size()));
                }
                Some(node)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    out.diagnostics.push(yaml_error(
                        "yaml-too-deep",
                        here,
                        format!("yaml: nesting is deeper than {MAX_DEPTH} levels"),
                        Text::new(
                            "중첩이 너무 깊습니다(최대 256단계).",
                            "The nesting is too deep (256 levels at most).",
                        ),
                    ));
                    break;
                }
                nodes = nodes.saturating_add(1);
                if matches!(event, Event::MappingStart(..)) {
                    stack.push(Frame::Map { entries: Vec::new(), key: None, seen: HashMap::new(), start: here, anchor });
                } else {
                    stack.push(Frame::Seq { items: Vec::new(), start: here, anchor });
                }
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Map { entries, start, anchor, .. }) => {
                    let node = Node { kind: NodeKind::Map(entries), span: join(start, here) };
                    if anchor > 0 {
                        anchors.insert(anchor, (node.clone(), node.size()));
                    }
                    Some(node)
                }
                Some(Frame::Seq { items, start, anchor }) => {
                    let node = Node { kind: NodeKind::Seq(items), span: join(start, here) };
                    if anchor > 0 {
                        anchors.insert(anchor, (node.clone(), node.size()));
                    }
                    Some(node)
                }
                None => None,
            },
        };
        if nodes > MAX_NODES {
            out.diagnostics.push(yaml_error(
                "yaml-too-large",
                here,
                format!("yaml: document has more than {MAX_NODES} nodes"),
                Text::new("문서의 노드 수가 너무 많습니다.", "The document has too many nodes."),
            ));
            break;
        }
        let Some(node) = finished else { continue };
        match stack.last_mut() {
            None => {
                if out.documents.len() >= MAX_DOCUMENTS {
                    out.diagnostics.push(yaml_error(
                        "yaml-too-large",
                        node.span,
                        format!("yaml: more than {MAX_DOCUMENTS} documents"),
                        Text::new("문서(---)가 너무 많습니다.", "There are too many documents (---)."),
                    ));
                    break;
                }
                out.documents.push(Document { index: doc_index, root: node });
                doc_index += 1;
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, seen, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if is_merge_key(&k) {
                        merge_into(entries, seen, node);
                    } else {
                        match k.as_key() {
                            Some(name) => match seen.get(&name).copied() {
                                Some((first_line, false)) => {
                                    if out.diagnostics.len() < MAX_YAML_DIAGNOSTICS {
                                        out.diagnostics.push(duplicate_key(&name, k.span, first_line));
                                    }
                                    entries.push((k, node));
                                }
                                Some((_, true)) => {
                                    // An explicit key overrides one that came from a merge.
                                    entries.retain(|(old, _)| old.as_key().as_deref() != Some(name.as_str()));
                                    seen.insert(name, (k.span.line, false));
                                    entries.push((k, node));
                                }
                                None => {
                                    seen.insert(name, (k.span.line, false));
                                    entries.push((k, node));
                                }
                            },
                            None => entries.push((k, node)),
                        }
                    }
                }
            },
        }
    }
    (out, None)
}

fn join(start: Span, end: Span) -> Span {
    if (end.end_line, end.end_col) >= (start.line, start.col) {
        Span { line: start.line, col: start.col, end_line: end.end_line, end_col: end.end_col }
    } else {
        start
    }
}

fn is_merge_key(k: &Node) -> bool {
    matches!(k.as_scalar(), Some(Scalar { text, style: ScalarStyle::Plain, .. }) if text == "<<")
}

/// Applies a `<<: *base` merge: keys already present win.
fn merge_into(entries: &mut Vec<(Node, Node)>, seen: &mut HashMap<String, (u32, bool)>, value: Node) {
    let sources: Vec<Node> = match value.kind {
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

/// An error found at the end of input points past the last line; move it to
/// the end of the last non-empty line, where the learner can see it.
fn at_last_line(source: &str, mut d: Diagnostic) -> Diagnostic {
    let lines: Vec<&str> = source.lines().collect();
    if (d.span.line as usize) <= lines.len() && lines.get((d.span.line as usize).saturating_sub(1)).is_some_and(|l| !l.trim().is_empty()) {
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
            let word = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if word && !after.is_empty() && !after.starts_with(' ') && !after.starts_with('/') && !key.contains("http") {
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
                Span { line: clamp(at), col: clamp(col), end_line: clamp(at), end_col: clamp(col + text.chars().count()) }
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
        return Some((Text::new(
            "따옴표가 닫히지 않았습니다. 여는 따옴표와 같은 종류의 따옴표로 문자열을 닫으세요.",
            "A quote is not closed. End the string with the same kind of quote it starts with.",
        ), None));
    }
    None
}

fn scan_error(source: &str, err: &ScanError) -> Diagnostic {
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
fn check_tabs(source: &str, out: &mut Vec<Diagnostic>) {
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
        assert_eq!(l.diagnostics[0].message, "yaml: unmarshal errors: line 3: mapping key \"a\" already defined at line 1");
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
            src.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
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
        assert_eq!(l.documents[0].root.get("a").and_then(Node::as_str), Some("it's"));
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
