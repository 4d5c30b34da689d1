//! Checks a YAML tree against the schema: unknown fields (with a "did you
//! mean"), wrong types and shapes, missing required fields, bad quantities.
//!
//! These are the errors kube-apiserver reports while *decoding* a request
//! (strict field validation, `encoding/json` type errors), before
//! `validation.go` runs. Wording follows `encoding/json`'s `UnmarshalTypeError`
//! and apimachinery's strict decoding errors.

use super::{schema, Schema, Ty, TypeDef};
use crate::diag::{Diagnostic, Fix, Severity, Span};
use crate::quantity::Quantity;
use crate::text::Text;
use crate::yaml::{resolve, NodeKind, Resolved, ScalarStyle, YamlNode};

/// The most diagnostics one document's schema check reports.
const MAX_REPORTS: usize = 200;

/// What the schema check found.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// True when the object could not be decoded (a type error): semantic
    /// validation must not run on it.
    pub decode_failed: bool,
}

struct Walker<'s> {
    schema: &'s Schema,
    out: Checked,
}

/// Checks `node` as an object of type `ty`, whose path is `path` (empty for
/// the document root).
pub fn check_object(node: &YamlNode, ty: usize, path: &str) -> Checked {
    let mut w = Walker { schema: schema(), out: Checked::default() };
    let mut buf = String::with_capacity(128);
    buf.push_str(path);
    w.object(node, ty, &mut buf, "", node.span, 0);
    w.out
}

/// The tree as a value for the typed model, shaped by the schema:
/// quantities become strings (`cpu: 1` → `"1"`), as apimachinery's
/// `Quantity` decodes them, and unknown fields are dropped, as the
/// apiserver drops them.
pub fn model_value(node: &YamlNode, ty: usize) -> serde_json::Value {
    value_as(schema(), node, &Ty::Object(ty), 0)
}

fn value_as(s: &Schema, node: &YamlNode, ty: &Ty, depth: usize) -> serde_json::Value {
    use serde_json::Value;
    if depth > 300 {
        return Value::Null;
    }
    if node.is_null() {
        return zero_value(ty);
    }
    match (ty, &node.kind) {
        (Ty::Quantity, NodeKind::Scalar(sc)) => Value::String(sc.text.clone()),
        (Ty::Object(i), NodeKind::Map(entries)) => {
            let Some(def) = s.ty(*i) else { return node.to_value() };
            let mut m = serde_json::Map::new();
            for (k, v) in entries {
                let Some(name) = k.as_key() else { continue };
                // `null` decodes to the field's zero value in Go: as if absent.
                if v.is_null() {
                    continue;
                }
                if let Some(f) = def.field(&name) {
                    m.insert(name, value_as(s, v, &f.ty, depth + 1));
                }
            }
            Value::Object(m)
        }
        (Ty::List(inner), NodeKind::Seq(items)) => {
            Value::Array(items.iter().map(|it| value_as(s, it, inner, depth + 1)).collect())
        }
        (Ty::Map(inner), NodeKind::Map(entries)) => {
            let mut m = serde_json::Map::new();
            for (k, v) in entries {
                m.insert(k.as_key().unwrap_or_default(), value_as(s, v, inner, depth + 1));
            }
            Value::Object(m)
        }
        _ => node.to_value(),
    }
}

/// What Go's `encoding/json` leaves in a value of type `ty` that it reads
/// `null` into: the zero value (a `null` list item of a struct type is an
/// empty struct, of a string type an empty string). Object members that are
/// `null` never get here: they are dropped, as if absent.
fn zero_value(ty: &Ty) -> serde_json::Value {
    use serde_json::Value;
    match ty {
        Ty::String => Value::String(String::new()),
        Ty::Integer | Ty::Number | Ty::IntOrString => Value::from(0),
        Ty::Boolean => Value::Bool(false),
        Ty::Quantity => Value::String("0".into()),
        Ty::Object(_) | Ty::Map(_) => Value::Object(serde_json::Map::new()),
        Ty::List(_) => Value::Array(Vec::new()),
        Ty::Any => Value::Null,
    }
}

/// Joins a field path: `spec` + `containers` → `spec.containers`.
pub fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

/// `spec.containers[0].env[1].value` → `spec.containers.env.value`, as Go's
/// decoder names a field.
fn go_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

const INT64_FIELDS: &[&str] = &[
    "terminationGracePeriodSeconds",
    "activeDeadlineSeconds",
    "runAsUser",
    "runAsGroup",
    "fsGroup",
    "tolerationSeconds",
    "expirationSeconds",
    "deletionGracePeriodSeconds",
    "generation",
    "observedGeneration",
    "startingDeadlineSeconds",
    "supplementalGroups",
];

fn go_type(schema: &Schema, ty: &Ty, field: &str) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer if INT64_FIELDS.contains(&field) => "int64".into(),
        Ty::Integer => "int32".into(),
        Ty::Number => "float64".into(),
        Ty::Boolean => "bool".into(),
        Ty::Quantity => "resource.Quantity".into(),
        Ty::IntOrString => "intstr.IntOrString".into(),
        Ty::Any => "interface {}".into(),
        Ty::List(inner) => format!("[]{}", go_type(schema, inner, field)),
        Ty::Map(inner) => format!("map[string]{}", go_type(schema, inner, field)),
        Ty::Object(i) => format!("v1.{}", schema.ty(*i).map(|t| t.go_name.as_str()).unwrap_or("Object")),
    }
}

/// The "did you mean" candidate for an unknown field name.
pub fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = if c.to_ascii_lowercase() == lower { 0 } else { strsim::damerau_levenshtein(name, c) };
        let limit = (c.chars().count() / 3).clamp(1, 3);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

impl Walker<'_> {
    fn push(&mut self, d: Diagnostic) {
        if self.out.diagnostics.len() < MAX_REPORTS {
            self.out.diagnostics.push(d);
        }
    }

    /// `owner` is the Go struct that holds the field at `path` (for messages).
    fn type_error(&mut self, node: &YamlNode, ty: &Ty, path: &str, owner: &str) {
        self.out.decode_failed = true;
        let field = path.rsplit('.').next().unwrap_or(path);
        let field = field.split('[').next().unwrap_or(field);
        let want = go_type(self.schema, ty, field);
        let got = match node.resolved() {
            Some(Resolved::Float(_)) if matches!(ty, Ty::Integer) => {
                format!("number {}", node.as_scalar().map(|s| s.text.as_str()).unwrap_or(""))
            }
            _ => node.json_kind().to_string(),
        };
        let target = if owner.is_empty() {
            format!("Go value of type {want}")
        } else {
            format!("Go struct field {owner}.{} of type {want}", go_path(path))
        };
        let message = format!("json: cannot unmarshal {got} into {target}");
        let explain = type_hint(node, ty);
        self.push(Diagnostic::new(Severity::Error, "wrong-type", path, node.span, message, explain));
    }

    fn object(&mut self, node: &YamlNode, ty: usize, path: &mut String, owner: &str, anchor: Span, depth: usize) {
        let Some(def) = self.schema.ty(ty) else { return };
        let entries = match &node.kind {
            NodeKind::Map(entries) => entries,
            NodeKind::Scalar(_) if node.is_null() => {
                self.required(def, &[], path, anchor);
                return;
            }
            _ => {
                self.type_error(node, &Ty::Object(ty), path, owner);
                return;
            }
        };
        if depth > 64 {
            return;
        }
        let len = path.len();
        // The previous key, if its value is an object: an unknown key right
        // after it is often one of its fields indented too little.
        let mut prev: Option<(&str, usize)> = None;
        for (key, value) in entries {
            let Some(sc) = key.as_scalar() else { continue };
            let name = sc.text.as_str();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            match def.field(name) {
                Some(field) => {
                    self.value(value, &field.ty, path, &def.go_name, key.span, depth + 1);
                    prev = match &field.ty {
                        Ty::Object(i) => Some((field.name.as_str(), *i)),
                        _ => None,
                    };
                }
                None => {
                    let field_path = path.clone();
                    let under = prev
                        .filter(|(_, t)| self.schema.ty(*t).is_some_and(|d| d.field(name).is_some()))
                        .map(|(n, _)| n);
                    self.unknown(def, name, key, &field_path, under);
                    if let Some(sc) = value.as_scalar() {
                        if matches!(sc.resolved, Resolved::Int(_)) {
                            self.octal_lint(value, &sc.text, &field_path);
                        }
                    }
                }
            }
            path.truncate(len);
        }
        self.required(def, entries, path, anchor);
    }

    fn unknown(&mut self, def: &TypeDef, name: &str, key: &YamlNode, field_path: &str, under: Option<&str>) {
        let guess = suggest(name, def.fields.iter().map(|f| f.name.as_str()));
        let message = format!("strict decoding error: unknown field \"{field_path}\"");
        let explain = match (guess, under) {
            (None, Some(parent)) => Text::new(
                format!("`{}`에는 `{name}` 필드가 없지만 바로 위의 `{parent}`에는 있습니다. `{parent}` 아래로 들여쓰세요.", def.go_name),
                format!("`{}` has no field `{name}`, but `{parent}` just above has one. Indent it under `{parent}`.", def.go_name),
            ),
            (guess, _) => match guess {
            Some(g) => Text::new(
                format!("`{}`에는 `{name}` 필드가 없습니다. `{g}`의 오타인가요? 이 필드는 무시되지 않고 오류가 됩니다.", def.go_name),
                format!("`{}` has no field `{name}`. Did you mean `{g}`? Unknown fields are rejected, not ignored.", def.go_name),
            ),
            None => Text::new(
                format!("`{}`에는 `{name}` 필드가 없습니다. 철자와 들여쓰기(어느 필드 아래에 있는지)를 확인하세요.", def.go_name),
                format!("`{}` has no field `{name}`. Check the spelling and the indentation (which field it sits under).", def.go_name),
            ),
            },
        };
        let mut d = Diagnostic::new(Severity::Error, "unknown-field", field_path, key.span, message, explain);
        if let Some(g) = guess {
            d.fix = Some(Fix {
                span: key.span,
                replacement: g.to_string(),
                title: Text::new(format!("`{g}`(으)로 바꾸기"), format!("replace with `{g}`")),
            });
        }
        self.push(d);
    }

    fn required(&mut self, def: &TypeDef, entries: &[(YamlNode, YamlNode)], path: &str, anchor: Span) {
        // An object's `status` is not the client's to write: the API
        // server drops it on create and ignores it on update (a pod
        // strategy's `PrepareForCreate` resets it), so nothing in it is
        // required. Its field names are still checked (strict decoding
        // runs first). `kubectl get -o yaml` output, status and all,
        // applies as it is.
        if path == "status" || path.starts_with("status.") {
            return;
        }
        for f in def.fields.iter().filter(|f| f.required) {
            let present = entries.iter().any(|(k, v)| k.as_scalar().is_some_and(|s| s.text == f.name) && !v.is_null());
            if !present {
                let field_path = join(path, &f.name);
                self.push(Diagnostic::new(
                    Severity::Error,
                    "required-field",
                    &field_path,
                    anchor,
                    format!("{field_path}: Required value"),
                    Text::new(
                        format!("`{}` 필드는 반드시 있어야 합니다.", f.name),
                        format!("The field `{}` is required.", f.name),
                    ),
                ));
            }
        }
    }

    fn value(&mut self, node: &YamlNode, ty: &Ty, path: &mut String, owner: &str, anchor: Span, depth: usize) {
        if depth > 128 {
            return;
        }
        let scalar = node.as_scalar();
        let resolved = node.resolved();
        if resolved == Some(Resolved::Null) {
            // `null` decodes to the zero value for every type.
            return;
        }
        match ty {
            Ty::Any => {}
            Ty::String => {
                if resolved != Some(Resolved::Str) {
                    self.type_error(node, ty, path, owner);
                }
            }
            Ty::Integer => match resolved {
                Some(Resolved::Int(_)) => {
                    if let Some(s) = scalar {
                        self.octal_lint(node, &s.text, path);
                    }
                }
                _ => self.type_error(node, ty, path, owner),
            },
            Ty::Number => {
                if !matches!(resolved, Some(Resolved::Int(_) | Resolved::Float(_))) {
                    self.type_error(node, ty, path, owner);
                }
            }
            Ty::Boolean => {
                if !matches!(resolved, Some(Resolved::Bool(_))) {
                    self.type_error(node, ty, path, owner);
                }
            }
            Ty::IntOrString => {
                if !matches!(resolved, Some(Resolved::Int(_) | Resolved::Str)) {
                    self.type_error(node, ty, path, owner);
                }
            }
            Ty::Quantity => match (scalar, resolved) {
                (Some(s), Some(Resolved::Str | Resolved::Int(_) | Resolved::Float(_))) => {
                    if let Err(e) = Quantity::parse(&s.text) {
                        self.out.decode_failed = true;
                        self.push(Diagnostic::new(
                            Severity::Error,
                            "quantity-syntax",
                            path.as_str(),
                            node.span,
                            format!("{path}: Invalid value: \"{}\": {e}", s.text),
                            Text::new(
                                "리소스 양(Quantity)의 형식이 틀렸습니다. 숫자 뒤에 단위를 붙이세요: CPU는 `500m`, `1`, 메모리는 `128Mi`, `1Gi`.",
                                "This is not a resource quantity. Write a number with a unit: CPU as `500m` or `1`, memory as `128Mi` or `1Gi`.",
                            ),
                        ));
                    }
                }
                _ => self.type_error(node, ty, path, owner),
            },
            Ty::List(inner) => match &node.kind {
                NodeKind::Seq(items) => {
                    let len = path.len();
                    for (i, item) in items.iter().enumerate() {
                        use std::fmt::Write;
                        let _ = write!(path, "[{i}]");
                        match (&**inner, item.is_null()) {
                            // `null` in a list of structs is a zero struct
                            // (Go), which validation then finds empty.
                            (Ty::Object(t), true) => {
                                if let Some(def) = self.schema.ty(*t) {
                                    self.required(def, &[], path, item.span);
                                }
                            }
                            _ => self.value(item, inner, path, owner, item.span, depth + 1),
                        }
                        path.truncate(len);
                    }
                }
                _ => self.type_error(node, ty, path, owner),
            },
            Ty::Map(inner) => match &node.kind {
                NodeKind::Map(entries) => {
                    let len = path.len();
                    for (k, v) in entries {
                        path.push('[');
                        path.push_str(k.as_scalar().map(|s| s.text.as_str()).unwrap_or(""));
                        path.push(']');
                        self.value(v, inner, path, owner, k.span, depth + 1);
                        path.truncate(len);
                    }
                }
                _ => self.type_error(node, ty, path, owner),
            },
            Ty::Object(i) => self.object(node, *i, path, owner, anchor, depth + 1),
        }
    }

    /// `mode: 0644` is octal in YAML 1.1 (what kubectl reads) but decimal 644
    /// to a YAML 1.2 reader: say which number the cluster will see.
    fn octal_lint(&mut self, node: &YamlNode, text: &str, path: &str) {
        let plain = node.as_scalar().is_some_and(|s| s.style == ScalarStyle::Plain && s.tag.is_none());
        if !plain || !resolve::is_yaml11_octal(text) {
            return;
        }
        let value = resolve::int_of(text).unwrap_or_default();
        self.push(Diagnostic::new(
            Severity::Warning,
            "yaml11-octal",
            path,
            node.span,
            format!("{path}: \"{text}\" is the octal number {value} (YAML 1.1); YAML 1.2 tools read it as {}", text.trim_start_matches('0')),
            Text::new(
                format!("kubectl(YAML 1.1)은 앞자리가 0인 `{text}` 값을 8진수로 읽습니다(10진수로 {value}). YAML 1.2 도구는 다르게 읽으므로, 뜻을 분명히 하려면 10진수로 쓰세요: `{value}`."),
                format!("kubectl (YAML 1.1) reads `{text}` as an octal number, {value}; YAML 1.2 tools read it differently. Write the decimal {value} to make the meaning plain."),
            ),
        ));
    }
}

/// Our explanation of a type error, with the fix a learner most often needs.
fn type_hint(node: &YamlNode, ty: &Ty) -> Text {
    let text = node.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
    match (ty, node.resolved()) {
        (Ty::String, Some(Resolved::Bool(_))) => Text::new(
            format!("YAML 1.1에서 따옴표 없는 `{text}` 값은 문자열이 아니라 불리언(true/false)입니다. 문자열이라면 따옴표로 감싸세요: \"{text}\"."),
            format!("In YAML 1.1 `{text}` is a boolean, not a string. Quote it if you mean the text: \"{text}\"."),
        ),
        (Ty::String, Some(Resolved::Int(_) | Resolved::Float(_))) => Text::new(
            format!("이 필드는 문자열이어야 하는데 `{text}` 값은 숫자로 읽힙니다. 따옴표로 감싸세요: \"{text}\"."),
            format!("This field takes a string, but `{text}` reads as a number. Quote it: \"{text}\"."),
        ),
        (Ty::Integer, Some(Resolved::Str)) => Text::new(
            "이 필드는 정수여야 합니다. 따옴표를 빼고 숫자만 쓰세요.",
            "This field takes an integer. Drop the quotes and write just the number.",
        ),
        (Ty::List(_), _) => Text::new(
            "이 필드는 목록이어야 합니다. 각 항목 앞에 `- `를 붙이세요.",
            "This field takes a list. Start each item with `- `.",
        ),
        (Ty::Object(_), Some(Resolved::Str)) if text.contains(':') && !text.contains(": ") => Text::new(
            format!("`{text}`에는 콜론 뒤에 공백이 없어 `키: 값` 매핑이 아니라 문자열 하나로 읽혔습니다. 콜론 뒤에 공백을 넣으세요."),
            format!("`{text}` has no space after the colon, so it reads as one string, not a `key: value` mapping. Put a space after the colon."),
        ),
        (Ty::Object(_), Some(Resolved::Str)) => Text::new(
            format!("여기에는 `키: 값` 매핑이 와야 하는데 문자열이 있습니다: `{text}`. 예를 들어 컨테이너 목록이라면 `- name: web`처럼 필드를 적으세요."),
            format!("A `key: value` mapping belongs here, but there is the string `{text}`. For a list of containers, for example, write the fields: `- name: web`."),
        ),
        (Ty::Object(_), _) | (Ty::Map(_), _) => Text::new(
            "이 필드는 `키: 값` 매핑이어야 합니다. 들여쓰기와 `- ` 사용을 확인하세요.",
            "This field takes a mapping of `key: value`. Check the indentation and any stray `- `.",
        ),
        _ => Text::new(
            "값의 종류(문자열, 숫자, 불리언, 목록, 매핑)가 이 필드가 받는 것과 다릅니다.",
            "The kind of value (string, number, boolean, list, mapping) is not what this field takes.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::load;

    fn check_pod(src: &str) -> Checked {
        let l = load(src);
        let s = schema();
        check_object(&l.documents[0].root, s.kind("v1", "Pod").unwrap(), "")
    }

    #[test]
    fn unknown_field_suggests() {
        let c = check_pod("apiVersion: v1\nkind: Pod\nmetadata:\n  lables: {a: b}\n");
        assert_eq!(c.diagnostics.len(), 1, "{:?}", c.diagnostics);
        let d = &c.diagnostics[0];
        assert_eq!(d.message, "strict decoding error: unknown field \"metadata.lables\"");
        assert_eq!(d.fix.as_ref().unwrap().replacement, "labels");
        assert_eq!((d.span.line, d.span.col), (4, 3));
    }

    #[test]
    fn wrong_scalar_type_is_located() {
        let c = check_pod("spec:\n  containers:\n  - name: a\n    env:\n    - name: X\n      value: 80\n");
        assert!(c.decode_failed);
        let d = &c.diagnostics[0];
        assert_eq!(
            d.message,
            "json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string"
        );
        assert_eq!(d.path, "spec.containers[0].env[0].value");
        assert_eq!((d.span.line, d.span.col), (6, 14));
    }

    #[test]
    fn required_fields_are_reported() {
        let c = check_pod("spec:\n  containers:\n  - image: nginx\n");
        assert!(
            c.diagnostics.iter().any(|d| d.message == "spec.containers[0].name: Required value"),
            "{:?}",
            c.diagnostics
        );
    }

    #[test]
    fn suggestions() {
        let fields = ["labels", "annotations", "name", "spec", "containerPort"];
        assert_eq!(suggest("lables", fields.iter().copied()), Some("labels"));
        assert_eq!(suggest("sepc", fields.iter().copied()), Some("spec"));
        assert_eq!(suggest("containerport", fields.iter().copied()), Some("containerPort"));
        assert_eq!(suggest("zzzzzz", fields.iter().copied()), None);
    }
}
