//! JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7386) over JSON values,
//! with the messages of the library kubectl and the API server use
//! (`github.com/evanphx/json-patch`, v4: `patch.go` `Apply`, `merge.go`
//! `MergePatch`). Pure functions: the API server's wording around them is
//! `patch.rs`'s.

use serde_json::{Map, Value};

/// The most operations one JSON patch may hold (the API server's
/// `maxJSONPatchOperations` in `apiserver/pkg/endpoints/handlers/patch.go`).
pub(crate) const OPERATIONS_MAX: usize = 10_000;

/// Why a JSON patch was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum JsonPatchError {
    /// The patch is not a list of operations (`DecodePatch`): a 400.
    Decode(String),
    /// An operation does not apply to the document (`Apply`): a 422; the
    /// text is the library's.
    Apply(String),
}

/// RFC 7386: `patch` merged into `doc` (objects merge key by key, `null`
/// removes, anything else replaces).
pub(crate) fn merge_patch(doc: &Value, patch: &Value) -> Value {
    let Value::Object(p) = patch else { return patch.clone() };
    let mut out = match doc {
        Value::Object(d) => d.clone(),
        _ => Map::new(),
    };
    for (k, v) in p {
        if v.is_null() {
            out.remove(k);
            continue;
        }
        let merged = merge_patch(out.get(k).unwrap_or(&Value::Null), v);
        out.insert(k.clone(), merged);
    }
    Value::Object(out)
}

/// RFC 6902: applies every operation of `patch` (a JSON array) to `doc`, in order.
pub(crate) fn apply_json_patch(doc: &Value, patch: &Value) -> Result<Value, JsonPatchError> {
    let Value::Array(ops) = patch else {
        let what = if patch.is_object() { "object" } else { json_type(patch) };
        return Err(JsonPatchError::Decode(format!(
            "json: cannot unmarshal {what} into Go value of type jsonpatch.Patch"
        )));
    };
    let mut doc = doc.clone();
    for op in ops.iter().take(OPERATIONS_MAX) {
        let Value::Object(op) = op else {
            return Err(JsonPatchError::Decode(format!(
                "json: cannot unmarshal {} into Go value of type jsonpatch.Operation",
                json_type(op)
            )));
        };
        apply_op(&mut doc, op)?;
    }
    Ok(doc)
}

/// The JSON type's name as Go's decoder says it.
fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn apply_op(doc: &mut Value, op: &Map<String, Value>) -> Result<(), JsonPatchError> {
    let kind = op.get("op").and_then(Value::as_str).unwrap_or("unknown");
    let path = op.get("path").and_then(Value::as_str);
    let missing_path = || JsonPatchError::Apply(format!("{kind} operation failed to decode path: missing value"));
    match kind {
        "add" => {
            let path = path.ok_or_else(missing_path)?;
            let value = op.get("value").cloned().ok_or_else(|| {
                JsonPatchError::Apply("add operation failed to decode value: missing value".to_string())
            })?;
            add(doc, path, value)
        }
        "remove" => {
            let path = path.ok_or_else(missing_path)?;
            remove(doc, path).map(|_| ()).ok_or_else(|| {
                JsonPatchError::Apply(format!(
                    "remove operation does not apply: doc is missing path: \"{path}\": missing value"
                ))
            })
        }
        "replace" => {
            let path = path.ok_or_else(missing_path)?;
            let value = op.get("value").cloned().unwrap_or(Value::Null);
            match pointer_mut(doc, path) {
                Some(slot) => {
                    *slot = value;
                    Ok(())
                }
                None => Err(JsonPatchError::Apply(format!(
                    "replace operation does not apply: doc is missing key: {path}: missing value"
                ))),
            }
        }
        "move" | "copy" => {
            let from = op.get("from").and_then(Value::as_str).ok_or_else(|| {
                JsonPatchError::Apply(format!("{kind} operation failed to decode from: missing value"))
            })?;
            let path = path.ok_or_else(missing_path)?;
            let value = if kind == "move" {
                if path.starts_with(&format!("{from}/")) {
                    return Err(JsonPatchError::Apply(
                        "move operation does not apply: from path cannot be a prefix of the to path".to_string(),
                    ));
                }
                remove(doc, from)
            } else {
                doc.pointer(from).cloned()
            };
            let value = value.ok_or_else(|| {
                JsonPatchError::Apply(format!(
                    "{kind} operation does not apply: doc is missing from path: {from}: missing value"
                ))
            })?;
            add(doc, path, value)
        }
        "test" => {
            let path = path.ok_or_else(missing_path)?;
            let want = op.get("value").unwrap_or(&Value::Null);
            let have = doc.pointer(path);
            let equal = match have {
                Some(v) => v == want,
                None => want.is_null(),
            };
            if equal {
                Ok(())
            } else {
                Err(JsonPatchError::Apply(format!("testing value {path} failed: test failed")))
            }
        }
        other => Err(JsonPatchError::Apply(format!("Unexpected kind: {other}"))),
    }
}

/// Splits a JSON pointer into its parent and its last token (unescaped).
fn split_last(path: &str) -> Option<(&str, String)> {
    let at = path.rfind('/')?;
    let parent = path.get(..at)?;
    let last = path.get(at + 1..)?.replace("~1", "/").replace("~0", "~");
    Some((parent, last))
}

/// The value at `path`; `""` is the whole document.
fn pointer_mut<'a>(doc: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    if path.is_empty() {
        return Some(doc);
    }
    doc.pointer_mut(path)
}

/// An array index token: `0`, `12` (no sign, no leading zeros past one digit).
fn index(token: &str, len: usize, allow_end: bool) -> Option<usize> {
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_digit()) || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    let i: usize = token.parse().ok()?;
    if i < len || (allow_end && i == len) {
        Some(i)
    } else {
        None
    }
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<(), JsonPatchError> {
    if path.is_empty() {
        *doc = value;
        return Ok(());
    }
    let missing = || {
        JsonPatchError::Apply(format!("add operation does not apply: doc is missing path: \"{path}\": missing value"))
    };
    let (parent, last) = split_last(path).ok_or_else(missing)?;
    match pointer_mut(doc, parent).ok_or_else(missing)? {
        Value::Object(m) => {
            m.insert(last, value);
            Ok(())
        }
        Value::Array(a) => {
            let at = if last == "-" { Some(a.len()) } else { index(&last, a.len(), true) };
            let at = at.ok_or_else(|| {
                JsonPatchError::Apply(format!("add operation does not apply: index out of bounds: {last}"))
            })?;
            a.insert(at, value);
            Ok(())
        }
        _ => Err(missing()),
    }
}

fn remove(doc: &mut Value, path: &str) -> Option<Value> {
    let (parent, last) = split_last(path)?;
    match pointer_mut(doc, parent)? {
        Value::Object(m) => m.remove(&last),
        Value::Array(a) => {
            let at = index(&last, a.len(), false)?;
            Some(a.remove(at))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rfc6902_appendix_a_examples() {
        let doc = json!({"foo": ["bar", "baz"]});
        let out = apply_json_patch(&doc, &json!([{"op": "add", "path": "/foo/1", "value": "qux"}]));
        assert_eq!(out, Ok(json!({"foo": ["bar", "qux", "baz"]})));
        let out = apply_json_patch(&doc, &json!([{"op": "remove", "path": "/foo/0"}]));
        assert_eq!(out, Ok(json!({"foo": ["baz"]})));
        let out = apply_json_patch(&doc, &json!([{"op": "add", "path": "/foo/-", "value": "x"}]));
        assert_eq!(out, Ok(json!({"foo": ["bar", "baz", "x"]})));
        let doc = json!({"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}});
        let out = apply_json_patch(&doc, &json!([{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}]));
        assert_eq!(out, Ok(json!({"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}})));
        let out = apply_json_patch(&doc, &json!([{"op": "copy", "from": "/foo/bar", "path": "/a~1b"}]));
        assert_eq!(out.ok().and_then(|v| v.get("a/b").cloned()), Some(json!("baz")));
        // A.9: a failing test leaves nothing applied.
        let out = apply_json_patch(&json!({"baz": "qux"}), &json!([{"op": "test", "path": "/baz", "value": "bar"}]));
        assert_eq!(out, Err(JsonPatchError::Apply("testing value /baz failed: test failed".into())));
        // A.12: adding to a nonexistent target.
        let out = apply_json_patch(&json!({"foo": "bar"}), &json!([{"op": "add", "path": "/baz/bat", "value": "qux"}]));
        assert!(matches!(out, Err(JsonPatchError::Apply(_))));
        let out = apply_json_patch(&json!({}), &json!({"op": "add"}));
        assert_eq!(
            out,
            Err(JsonPatchError::Decode("json: cannot unmarshal object into Go value of type jsonpatch.Patch".into()))
        );
    }

    #[test]
    fn rfc7386_examples() {
        let doc = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        let out = merge_patch(&doc, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(out, json!({"a": "z", "c": {"d": "e"}}));
        assert_eq!(merge_patch(&json!({"a": ["b"]}), &json!({"a": ["c"]})), json!({"a": ["c"]}));
        assert_eq!(merge_patch(&json!({"e": null}), &json!({"a": 1})), json!({"e": null, "a": 1}));
    }
}
