//! The span-preserving document tree: nodes with their line and column,
//! documents, and what one read of a source yields.

use crate::diag::{Diagnostic, Span};

use super::resolve::{Resolved, Scalar};

/// The shape of a node.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A mapping, its entries in source order.
    Map(Vec<(YamlNode, YamlNode)>),
    Seq(Vec<YamlNode>),
    Scalar(Scalar),
}

/// One node of the tree, with the place it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlNode {
    pub kind: NodeKind,
    pub span: Span,
}

impl YamlNode {
    /// The value under `key` if this node is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value under `key`, if this is a mapping that has it.
    ///
    /// Keys are compared as written; field names never resolve to anything
    /// but themselves, and this keeps look-ups free of allocation.
    pub fn entry(&self, key: &str) -> Option<(&YamlNode, &YamlNode)> {
        match &self.kind {
            NodeKind::Map(entries) => {
                entries.iter().find(|(k, _)| k.as_scalar().is_some_and(|s| s.text == key)).map(|(k, v)| (k, v))
            }
            _ => None,
        }
    }

    /// The entries if this node is a mapping.
    pub fn as_map(&self) -> Option<&[(YamlNode, YamlNode)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items if this node is a sequence.
    pub fn as_seq(&self) -> Option<&[YamlNode]> {
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
            NodeKind::Seq(items) => Value::Array(items.iter().map(YamlNode::to_value).collect()),
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
    pub(super) fn size(&self) -> usize {
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
    pub root: YamlNode,
}

/// The result of reading a source: every complete document, and what is
/// wrong with the source as YAML.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
}
