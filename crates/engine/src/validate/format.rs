//! Upstream's field-error wording, the number, IP and ID checks of
//! apimachinery's `pkg/util/validation/validation.go` (its name checks live
//! in `crate::names`), written our own way.
//!
//! Messages follow `k8s.io/apimachinery/pkg/util/validation/field/errors.go`
//! (`<path>: Invalid value: "Web": <detail>`), so that what a learner reads
//! here is what a real cluster prints.

use crate::names::{label_value, qualified_name};
use crate::yaml::{NodeKind, Resolved, YamlNode};

/// A value as `field.Error` prints it.
#[derive(Clone, Debug, PartialEq)]
pub enum Val<'a> {
    Str(&'a str),
    Int(i64),
    Bool(bool),
    /// Printed as given: a value upstream renders as JSON (`json.Marshal`).
    Raw(&'a str),
}

impl std::fmt::Display for Val<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Val::Str(s) => write!(f, "{s:?}"),
            Val::Int(i) => write!(f, "{i}"),
            Val::Bool(b) => write!(f, "{b}"),
            Val::Raw(r) => write!(f, "{r}"),
        }
    }
}

fn with_detail(head: String, detail: &str) -> String {
    if detail.is_empty() {
        head
    } else {
        format!("{head}: {detail}")
    }
}

/// `field.Invalid`.
pub fn invalid(path: &str, value: Val, detail: &str) -> String {
    with_detail(format!("{path}: Invalid value: {value}"), detail)
}

/// `field.Required`.
pub fn required(path: &str, detail: &str) -> String {
    with_detail(format!("{path}: Required value"), detail)
}

/// `field.Duplicate`.
pub fn duplicate(path: &str, value: Val) -> String {
    format!("{path}: Duplicate value: {value}")
}

/// `field.NotFound`.
pub fn not_found(path: &str, value: Val) -> String {
    format!("{path}: Not found: {value}")
}

/// `field.Forbidden`.
pub fn forbidden(path: &str, detail: &str) -> String {
    with_detail(format!("{path}: Forbidden"), detail)
}

/// `field.TooLong`.
pub fn too_long(path: &str, max: usize) -> String {
    format!("{path}: Too long: may not be more than {max} bytes")
}

/// `field.NotSupported`.
pub fn not_supported(path: &str, value: Val, supported: &[&str]) -> String {
    let list: Vec<String> = supported.iter().map(|s| format!("{s:?}")).collect();
    format!("{path}: Unsupported value: {value}: supported values: {}", list.join(", "))
}

/// `IsValidPortNum`.
pub fn port_number(p: i64) -> Vec<String> {
    if (1..=65535).contains(&p) {
        Vec::new()
    } else {
        vec!["must be between 1 and 65535, inclusive".to_string()]
    }
}

/// `IsValidIPForLegacyField` without the strict-parsing gate: an IPv4 or
/// IPv6 address as Go's `netutils.ParseIPSloppy` reads it (IPv4 octets may
/// carry leading zeros).
pub fn ip_address(s: &str) -> Vec<String> {
    let sloppy_v4 = || {
        let parts: Vec<&str> = s.split('.').collect();
        parts.len() == 4
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.len() <= 3
                    && p.bytes().all(|c| c.is_ascii_digit())
                    && p.parse::<u16>().is_ok_and(|n| n <= 255)
            })
    };
    if s.parse::<std::net::Ipv6Addr>().is_ok() || sloppy_v4() {
        Vec::new()
    } else {
        vec!["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)".to_string()]
    }
}

/// `IsValidUserID` / `IsValidGroupID`.
pub fn id_range(id: i64) -> Vec<String> {
    if (0..=2_147_483_647).contains(&id) {
        Vec::new()
    } else {
        vec!["must be between 0 and 2147483647, inclusive".to_string()]
    }
}

/// A tree value as Go's `json.Marshal` prints it in a field error.
pub fn json(node: &YamlNode) -> String {
    let mut out = String::new();
    json_into(node, &mut out, 0);
    out
}

fn json_into(node: &YamlNode, out: &mut String, depth: usize) {
    if depth > 32 || out.len() > 4096 {
        out.push_str("...");
        return;
    }
    match &node.kind {
        NodeKind::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&json_string(&k.as_key().unwrap_or_default()));
                out.push(':');
                json_into(v, out, depth + 1);
            }
            out.push('}');
        }
        NodeKind::Seq(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_into(v, out, depth + 1);
            }
            out.push(']');
        }
        NodeKind::Scalar(s) => match s.resolved {
            Resolved::Null => out.push_str("null"),
            Resolved::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            Resolved::Int(i) => out.push_str(&i.to_string()),
            Resolved::Float(f) => out.push_str(&f.to_string()),
            Resolved::Str => out.push_str(&json_string(&s.text)),
        },
    }
}

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    serde_json_escape(s)
}

fn serde_json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Small readers over a decoded tree (types were checked by the schema).
pub mod tree {
    use crate::yaml::{Resolved, YamlNode};

    /// The string under `key`, if any.
    pub fn str_at<'n>(node: &'n YamlNode, key: &str) -> Option<&'n str> {
        node.get(key).and_then(YamlNode::as_str)
    }

    /// The integer under `key`, if any.
    pub fn int_at(node: &YamlNode, key: &str) -> Option<i64> {
        match node.get(key).and_then(YamlNode::resolved) {
            Some(Resolved::Int(i)) => Some(i),
            _ => None,
        }
    }

    /// The boolean under `key`, if any.
    pub fn bool_at(node: &YamlNode, key: &str) -> Option<bool> {
        match node.get(key).and_then(YamlNode::resolved) {
            Some(Resolved::Bool(b)) => Some(b),
            _ => None,
        }
    }

    /// The items of the list under `key` (none when absent or null).
    pub fn seq_at<'n>(node: &'n YamlNode, key: &str) -> &'n [YamlNode] {
        node.get(key).and_then(YamlNode::as_seq).unwrap_or(&[])
    }

    /// The mapping under `key`, when present and not null.
    pub fn map_at<'n>(node: &'n YamlNode, key: &str) -> Option<&'n YamlNode> {
        node.get(key).filter(|n| n.as_map().is_some())
    }

    /// True when `key` is present with a non-null value (a Go pointer that is set).
    pub fn is_set(node: &YamlNode, key: &str) -> bool {
        node.get(key).is_some_and(|v| !v.is_null())
    }
}

/// `ValidateLabelSelector` (apimachinery `metav1validation`): every problem of
/// a LabelSelector as `(field path, message)`.
pub fn label_selector(node: &YamlNode, path: &str) -> Vec<(String, String)> {
    let mut errs = Vec::new();
    if let Some(labels) = node.get("matchLabels").and_then(YamlNode::as_map) {
        for (k, v) in labels {
            let key = k.as_key().unwrap_or_default();
            let p = format!("{path}.matchLabels");
            for e in qualified_name(&key) {
                errs.push((format!("{p}[{key}]"), invalid(&p, Val::Str(&key), &e)));
            }
            let value = v.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
            for e in label_value(value) {
                errs.push((format!("{p}[{key}]"), invalid(&p, Val::Str(value), &e)));
            }
        }
    }
    for (i, req) in tree::seq_at(node, "matchExpressions").iter().enumerate() {
        let rp = format!("{path}.matchExpressions[{i}]");
        let op = tree::str_at(req, "operator").unwrap_or("");
        let values = tree::seq_at(req, "values");
        match op {
            "In" | "NotIn" => {
                if values.is_empty() {
                    let p = format!("{rp}.values");
                    errs.push((p.clone(), required(&p, "must be specified when `operator` is 'In' or 'NotIn'")));
                }
            }
            "Exists" | "DoesNotExist" => {
                if !values.is_empty() {
                    let p = format!("{rp}.values");
                    errs.push((
                        p.clone(),
                        forbidden(&p, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
                    ));
                }
            }
            other => {
                let p = format!("{rp}.operator");
                errs.push((p.clone(), invalid(&p, Val::Str(other), "not a valid selector operator")));
            }
        }
        let key = tree::str_at(req, "key").unwrap_or("");
        let kp = format!("{rp}.key");
        for e in qualified_name(key) {
            errs.push((kp.clone(), invalid(&kp, Val::Str(key), &e)));
        }
        for (j, v) in values.iter().enumerate() {
            let value = v.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
            let vp = format!("{rp}.values[{j}]");
            for e in label_value(value) {
                errs.push((vp.clone(), invalid(&vp, Val::Str(value), &e)));
            }
        }
    }
    errs
}

/// The keys a label selector names (`matchLabels` and `matchExpressions`).
fn selector_keys(selector: &YamlNode) -> Vec<String> {
    let mut keys: Vec<String> = selector
        .get("matchLabels")
        .and_then(YamlNode::as_map)
        .map(|m| m.iter().filter_map(|(k, _)| k.as_key()).collect())
        .unwrap_or_default();
    keys.extend(
        tree::seq_at(selector, "matchExpressions").iter().filter_map(|e| tree::str_at(e, "key").map(str::to_string)),
    );
    keys
}

fn key_texts(node: &YamlNode, field: &str) -> Vec<String> {
    tree::seq_at(node, field).iter().map(|k| k.as_scalar().map(|s| s.text.clone()).unwrap_or_default()).collect()
}

/// `validateMatchLabelKeysAndMismatchLabelKeys` of a pod affinity term at
/// `path`: `(field path, message)` for each problem.
pub fn affinity_label_keys(term: &YamlNode, path: &str) -> Vec<(String, String)> {
    let mut errs = Vec::new();
    let selector = tree::map_at(term, "labelSelector");
    let matching = key_texts(term, "matchLabelKeys");
    let mismatching = key_texts(term, "mismatchLabelKeys");
    for (field, keys) in [("matchLabelKeys", &matching), ("mismatchLabelKeys", &mismatching)] {
        if keys.is_empty() {
            continue;
        }
        let fp = format!("{path}.{field}");
        if selector.is_none() {
            errs.push((fp.clone(), forbidden(&fp, "must not be specified when labelSelector is not set")));
            continue;
        }
        for (i, key) in keys.iter().enumerate() {
            let kp = format!("{fp}[{i}]");
            for e in qualified_name(key) {
                errs.push((kp.clone(), invalid(&kp, Val::Str(key), &e)));
            }
        }
    }
    // A key both in matchLabelKeys and, more than once, in the selector.
    if let Some(sel) = selector {
        let mut seen: Vec<String> = sel
            .get("matchLabels")
            .and_then(YamlNode::as_map)
            .map(|m| m.iter().filter_map(|(k, _)| k.as_key()).collect())
            .unwrap_or_default();
        for e in tree::seq_at(sel, "matchExpressions") {
            let key = tree::str_at(e, "key").unwrap_or("");
            if let Some(i) = matching.iter().rposition(|k| k == key) {
                if seen.iter().any(|s| s == key) {
                    // Upstream indexes the term's own path here.
                    let kp = format!("{path}[{i}]");
                    errs.push((
                        format!("{path}.matchLabelKeys[{i}]"),
                        invalid(&kp, Val::Str(key), "exists in both matchLabelKeys and labelSelector"),
                    ));
                }
            }
            seen.push(key.to_string());
        }
    }
    for (i, key) in matching.iter().enumerate() {
        if mismatching.contains(key) {
            let kp = format!("{path}.matchLabelKeys[{i}]");
            errs.push((kp.clone(), invalid(&kp, Val::Str(key), "exists in both matchLabelKeys and mismatchLabelKeys")));
        }
    }
    errs
}

/// `validateMatchLabelKeysInTopologySpread` of the constraint at `path`.
pub fn spread_label_keys(constraint: &YamlNode, path: &str) -> Vec<(String, String)> {
    let keys = key_texts(constraint, "matchLabelKeys");
    if keys.is_empty() {
        return Vec::new();
    }
    let mut errs = Vec::new();
    let fp = format!("{path}.matchLabelKeys");
    let selector_keys = match tree::map_at(constraint, "labelSelector") {
        Some(sel) => selector_keys(sel),
        None => {
            errs.push((fp.clone(), forbidden(&fp, "must not be specified when labelSelector is not set")));
            Vec::new()
        }
    };
    for (i, key) in keys.iter().enumerate() {
        let kp = format!("{fp}[{i}]");
        for e in qualified_name(key) {
            errs.push((kp.clone(), invalid(&kp, Val::Str(key), &e)));
        }
        if selector_keys.contains(key) {
            errs.push((kp.clone(), invalid(&kp, Val::Str(key), "exists in both matchLabelKeys and labelSelector")));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_addresses_and_ids() {
        for (ip, ok) in [
            ("10.0.0.1", true),
            ("010.0.0.1", true),
            ("2001:db8::1", true),
            ("::1", true),
            ("1.2.3", false),
            ("256.1.1.1", false),
            ("", false),
            ("foo", false),
        ] {
            assert_eq!(ip_address(ip).is_empty(), ok, "{ip}");
        }
        assert!(id_range(0).is_empty() && id_range(2_147_483_647).is_empty());
        assert_eq!(id_range(-1), ["must be between 0 and 2147483647, inclusive"]);
        assert!(!id_range(2_147_483_648).is_empty());
    }

    #[test]
    fn json_is_go_like() {
        let l = crate::yaml::load("a: {x: \"<b>\", z: [1, true, null]}\n");
        let a = l.documents[0].root.get("a").unwrap();
        assert_eq!(json(a), r#"{"x":"\u003cb\u003e","z":[1,true,null]}"#);
    }

    #[test]
    fn field_errors_read_like_upstream() {
        assert_eq!(
            invalid("spec.containers[0].name", Val::Str("Web"), "x"),
            "spec.containers[0].name: Invalid value: \"Web\": x"
        );
        assert_eq!(required("spec.containers", ""), "spec.containers: Required value");
        assert_eq!(
            not_supported("spec.restartPolicy", Val::Str("Sometimes"), &["Always", "Never", "OnFailure"]),
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\""
        );
    }
}
