//! The embedded Kubernetes API schema: every field of every type reachable
//! from the kinds the engine knows, with its JSON type, whether it is
//! required, and upstream's description.
//!
//! `k8s.schema` is generated from the PyPI `kubernetes` client (see its
//! header and `tools/schema/gen.py`); it is parsed once, lazily, and a broken
//! line is skipped rather than trusted, so loading can never panic.

pub mod check;
pub mod explain;

use std::collections::HashMap;
use std::sync::OnceLock;

/// The generated schema text (`k8s.schema`), deflated by `build.rs`.
const SCHEMA_DEFLATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/k8s.schema.deflate"));

/// The most the schema may inflate to: a bound, so a corrupt build can not
/// exhaust memory.
const SCHEMA_TEXT_MAX: usize = 64 << 20;

/// The schema text, inflated. A failure (only a corrupt build could cause
/// one) gives an empty schema, never a panic.
fn schema_text() -> String {
    miniz_oxide::inflate::decompress_to_vec_with_limit(SCHEMA_DEFLATED, SCHEMA_TEXT_MAX)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// The JSON type of a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    /// `resource.Quantity`: a string or a number.
    Quantity,
    /// `intstr.IntOrString`.
    IntOrString,
    /// Free-form JSON.
    Any,
    List(Box<Ty>),
    /// A map from string keys.
    Map(Box<Ty>),
    /// A named object type, by its index in [`Schema::types`].
    Object(usize),
}

/// One field of an object type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub description: String,
}

/// An object type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDef {
    /// The client's name, e.g. `V1Container`.
    pub name: String,
    /// The Go struct name, e.g. `Container` (used in upstream's messages).
    pub go_name: String,
    pub fields: Vec<Field>,
    /// The type's own description (what `kubectl explain <kind>` prints).
    pub description: String,
}

impl TypeDef {
    /// The field named `name` (fields are kept sorted by name).
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.binary_search_by(|f| f.name.as_str().cmp(name)).ok().and_then(|i| self.fields.get(i))
    }
}

/// The whole schema.
#[derive(Debug, Default)]
pub struct Schema {
    pub types: Vec<TypeDef>,
    by_name: HashMap<String, usize>,
    /// `(apiVersion, kind)` → type index.
    kinds: Vec<(String, String, usize)>,
    /// The generator line, e.g. `Generated from PyPI kubernetes@35.1.0`.
    pub source: String,
}

impl Schema {
    /// The type of a top-level kind.
    pub fn kind(&self, api_version: &str, kind: &str) -> Option<usize> {
        self.kinds.iter().find(|(a, k, _)| a == api_version && k == kind).map(|(_, _, t)| *t)
    }

    /// The apiVersions that serve `kind`.
    pub fn versions_of(&self, kind: &str) -> Vec<&str> {
        self.kinds.iter().filter(|(_, k, _)| k == kind).map(|(a, _, _)| a.as_str()).collect()
    }

    /// Every kind, as `(apiVersion, kind)`.
    pub fn kinds(&self) -> impl Iterator<Item = (&str, &str)> {
        self.kinds.iter().map(|(a, k, _)| (a.as_str(), k.as_str()))
    }

    /// The type at `index`.
    pub fn ty(&self, index: usize) -> Option<&TypeDef> {
        self.types.get(index)
    }

    /// The index of the type named `name` (client name, e.g. `V1PodSpec`).
    pub fn type_named(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    fn parse(text: &str) -> Schema {
        let mut schema = Schema::default();
        // First pass: type names, so that field types can refer forward.
        for line in text.lines() {
            let mut cols = line.split('\t');
            if cols.next() == Some("T") {
                if let (Some(name), Some(go)) = (cols.next(), cols.next()) {
                    let description = cols.next().unwrap_or("").to_string();
                    schema.by_name.insert(name.to_string(), schema.types.len());
                    schema.types.push(TypeDef {
                        name: name.into(),
                        go_name: go.into(),
                        fields: Vec::new(),
                        description,
                    });
                }
            }
        }
        let mut current: Option<usize> = None;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("# Generated from ") {
                schema.source = rest.trim_end_matches('.').to_string();
            }
            let mut cols = line.splitn(5, '\t');
            match cols.next() {
                Some("K") => {
                    if let (Some(api), Some(kind), Some(ty)) = (cols.next(), cols.next(), cols.next()) {
                        if let Some(idx) = schema.type_named(ty) {
                            schema.kinds.push((api.into(), kind.into(), idx));
                        }
                    }
                }
                Some("T") => current = cols.next().and_then(|n| schema.type_named(n)),
                Some("F") => {
                    let (Some(name), Some(ty), Some(req)) = (cols.next(), cols.next(), cols.next()) else {
                        continue;
                    };
                    let desc = cols.next().unwrap_or("");
                    let Some(ty) = schema.parse_ty(ty) else { continue };
                    if let Some(t) = current.and_then(|i| schema.types.get_mut(i)) {
                        t.fields.push(Field { name: name.into(), ty, required: req == "r", description: desc.into() });
                    }
                }
                _ => {}
            }
        }
        for t in &mut schema.types {
            t.fields.sort_by(|a, b| a.name.cmp(&b.name));
        }
        schema
    }

    fn parse_ty(&self, code: &str) -> Option<Ty> {
        Some(match code {
            "s" => Ty::String,
            "i" => Ty::Integer,
            "n" => Ty::Number,
            "b" => Ty::Boolean,
            "q" => Ty::Quantity,
            "o" => Ty::IntOrString,
            "a" => Ty::Any,
            _ => {
                if let Some(inner) = code.strip_prefix('[') {
                    Ty::List(Box::new(self.parse_ty(inner)?))
                } else if let Some(inner) = code.strip_prefix('{') {
                    Ty::Map(Box::new(self.parse_ty(inner)?))
                } else {
                    Ty::Object(self.type_named(code)?)
                }
            }
        })
    }
}

/// The schema, parsed on first use.
pub fn schema() -> &'static Schema {
    static CELL: OnceLock<Schema> = OnceLock::new();
    CELL.get_or_init(|| Schema::parse(&schema_text()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_schema_knows_the_pod() {
        let s = schema();
        let pod = s.ty(s.kind("v1", "Pod").unwrap()).unwrap();
        assert_eq!(pod.go_name, "Pod");
        let Ty::Object(spec) = pod.field("spec").unwrap().ty else { panic!("spec is an object") };
        let spec = s.ty(spec).unwrap();
        assert!(spec.field("containers").unwrap().required);
        assert!(spec.field("shareProcessNamespace").is_some());
        assert!(s.source.starts_with("PyPI kubernetes@35."), "{}", s.source);
    }

    #[test]
    fn the_schema_is_of_the_pinned_version() {
        let want = format!("release-{})", crate::KUBERNETES_VERSION);
        assert!(schema().source.ends_with(&want), "{} vs {want}", schema().source);
    }

    #[test]
    fn the_packed_schema_inflates_to_the_source_text() {
        assert_eq!(schema_text(), include_str!("k8s.schema"));
    }

    #[test]
    fn every_field_type_resolves() {
        // A field whose type failed to parse is skipped; the generator emits
        // none, so the count of F lines equals the count of fields.
        let lines = schema_text().lines().filter(|l| l.starts_with("F\t")).count();
        let fields: usize = schema().types.iter().map(|t| t.fields.len()).sum();
        assert_eq!(lines, fields);
    }
}
