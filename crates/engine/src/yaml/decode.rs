//! Typed decoding of YAML text through this module's reader, so that every
//! file the engine reads (lesson packs, progress files) is read with the
//! same YAML dialect as the manifests it validates, and a decode error still
//! says where it is.

use serde::de::DeserializeOwned;

use super::load::load;
use super::node::YamlNode;
use crate::diag::{Diagnostic, Severity, Span};

/// Why a text could not be decoded into a type.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// The text is not YAML (or breaks one of the reader's limits).
    Syntax(Box<Diagnostic>),
    /// The YAML does not fit the type. `path` is serde's field path
    /// (`checks[3].kind`, empty for the document itself), `message` serde's
    /// text, and `span` where the path's node sits (the deepest part of the
    /// path that exists), if the document has one.
    Decode { path: String, message: String, span: Option<Span> },
}

impl DecodeError {
    /// `path: message`, as serde decoders word an error with its path.
    pub fn to_text(&self) -> String {
        match self {
            DecodeError::Syntax(d) => d.message.clone(),
            DecodeError::Decode { path, message, .. } if path.is_empty() => message.clone(),
            DecodeError::Decode { path, message, .. } => format!("{path}: {message}"),
        }
    }

    /// The 1-based line and column, if known.
    pub fn position(&self) -> Option<(u32, u32)> {
        match self {
            DecodeError::Syntax(d) => Some((d.span.line, d.span.col)),
            DecodeError::Decode { span, .. } => span.map(|s| (s.line, s.col)),
        }
    }
}

impl std::fmt::Display for DecodeError {
    /// `line:col: path: message` when the place is known.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position() {
            Some((line, col)) => write!(f, "{line}:{col}: {}", self.to_text()),
            None => f.write_str(&self.to_text()),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Reads the first document of `source` into `T`. An empty source is a null
/// document (as `sigs.k8s.io/yaml` reads it).
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, DecodeError> {
    let loaded = load(source);
    if let Some(d) = loaded.diagnostics.iter().find(|d| d.severity == Severity::Error) {
        return Err(DecodeError::Syntax(Box::new(d.clone())));
    }
    from_node(loaded.documents.first().map(|d| &d.root))
}

/// Decodes one node (none: null) into `T`, locating an error in its tree.
pub fn from_node<T: DeserializeOwned>(root: Option<&YamlNode>) -> Result<T, DecodeError> {
    let value = root.map(YamlNode::to_value).unwrap_or_default();
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut path = e.path().to_string();
        let message = e.into_inner().to_string();
        if path == "." {
            path.clear();
        }
        // An unknown field's path ends with the field, which the message
        // names already: point at its key, and keep the path to its mapping
        // (`checks[1]: unknown field `nme``).
        // (Inside an internally tagged enum serde loses the path: then it
        // ends at the enum.)
        let field = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
            .filter(|f| path == *f || path.ends_with(&format!(".{f}")));
        let span = root.map(|r| span_at(r, &path, field.is_some()));
        if let Some(f) = field {
            path.truncate(path.len() - f.len());
            if path.ends_with('.') {
                path.pop();
            }
        }
        DecodeError::Decode { path, message, span }
    })
}

/// The span of the deepest node `path` (`a.b[2].c`) reaches from `root`; of
/// the last key itself rather than its value when `at_key`.
fn span_at(root: &YamlNode, path: &str, at_key: bool) -> Span {
    let segs = parse_path(path);
    let mut node = root;
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        match seg {
            Seg::Key(key) => match node.entry(key) {
                Some((k, _)) if at_key && last => return k.span,
                Some((_, next)) => node = next,
                None => return node.span,
            },
            Seg::Index(n) => match node.as_seq().and_then(|items| items.get(*n)) {
                Some(next) => node = next,
                None => return node.span,
            },
        }
    }
    node.span
}

/// One step of a path into a YAML document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index, 0-based.
    Index(usize),
}

/// Parses a serde path such as `checks[3].nme` into segments.
pub(crate) fn parse_path(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(i) => (part.get(..i).unwrap_or(""), part.get(i..).unwrap_or("")),
            None => (part, ""),
        };
        if !name.is_empty() {
            out.push(Seg::Key(name));
        }
        while let Some(stripped) = rest.strip_prefix('[') {
            let Some(close) = stripped.find(']') else { break };
            if let Ok(n) = stripped.get(..close).unwrap_or("").parse::<usize>() {
                out.push(Seg::Index(n));
            }
            rest = stripped.get(close + 1..).unwrap_or("");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[allow(dead_code)]
        mode: u32,
    }

    #[derive(Debug, Deserialize)]
    struct Doc {
        items: Vec<Item>,
    }

    #[test]
    fn reads_yaml_1_1_as_go_yaml_does() {
        let d: Doc = from_str("items:\n- mode: 0644\n").unwrap();
        assert_eq!(d.items[0].mode, 420);
        let m: BTreeMap<String, bool> = from_str("a: on\nb: no\n").unwrap();
        assert_eq!(m, BTreeMap::from([("a".to_string(), true), ("b".to_string(), false)]));
    }

    #[test]
    fn decode_errors_are_located_at_their_node() {
        let e = from_str::<Doc>("items:\n- mode: 1\n- mode: x\n").unwrap_err();
        assert_eq!(e.to_text(), "items[1].mode: invalid type: string \"x\", expected u32");
        assert_eq!(e.position(), Some((3, 9)));
        let e = from_str::<Doc>("items:\n- mode: 1\n- {mode: 2, nme: 3}\n").unwrap_err();
        assert!(e.to_text().starts_with("items[1]: unknown field `nme`"), "{}", e.to_text());
        assert_eq!(e.position(), Some((3, 13)), "at the key `nme`");
    }

    #[test]
    fn syntax_errors_come_from_the_reader() {
        let e = from_str::<Doc>("items:\n- mode: [1\n").unwrap_err();
        assert!(matches!(e, DecodeError::Syntax(_)), "{e:?}");
        assert!(e.position().is_some_and(|(line, _)| line >= 2));
    }
}
