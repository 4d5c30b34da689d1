//! YAML output as `kubectl -o yaml` writes it: keys sorted (JSON → YAML
//! through a map), sequences not indented under their key, and go-yaml's
//! scalar styles: plain when the text reads back as a string, `"double
//! quoted"` when it would read back as something else (`"True"`, `"80"`,
//! `""`, a timestamp), `'single quoted'` when an indicator forbids plain
//! text, and `|-` literal blocks for multi-line text.
//! Follows `sigs.k8s.io/yaml` (JSONToYAML) and go-yaml v2 `encode.go`
//! `stringv`, `resolve.go` and `emitterc.go` `yaml_emitter_analyze_scalar`.
//! Unlike go-yaml we never fold long lines.

use serde_json::Value;

/// The deepest nesting written; deeper values are cut (they cannot come
/// from the engine's objects, which are shallow).
const DEPTH_MAX: usize = 64;

/// Renders a JSON value as kubectl's YAML.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => write_map(&mut out, m, 0, 0),
        Value::Array(a) if !a.is_empty() => write_seq(&mut out, a, 0, 0),
        other => {
            out.push_str(&scalar(other, 0));
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_map(out: &mut String, m: &serde_json::Map<String, Value>, indent: usize, depth: usize) {
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort();
    for (i, k) in keys.into_iter().enumerate() {
        // The first key of a map inside a sequence item follows the `- `.
        if i > 0 || !out.ends_with("- ") {
            pad(out, indent);
        }
        out.push_str(&string_scalar(k, indent));
        out.push(':');
        let v = m.get(k).unwrap_or(&Value::Null);
        write_value_after_key(out, v, indent, depth + 1);
    }
}

fn write_value_after_key(out: &mut String, v: &Value, indent: usize, depth: usize) {
    if depth > DEPTH_MAX {
        out.push_str(" null\n");
        return;
    }
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            write_map(out, m, indent + 2, depth);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            write_seq(out, a, indent, depth);
        }
        Value::String(s) if s.contains('\n') => {
            out.push(' ');
            literal(out, s, indent + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other, indent));
            out.push('\n');
        }
    }
}

fn write_seq(out: &mut String, a: &[Value], indent: usize, depth: usize) {
    for item in a {
        if !out.ends_with("- ") {
            pad(out, indent);
        }
        out.push_str("- ");
        if depth > DEPTH_MAX {
            out.push_str("null\n");
            continue;
        }
        match item {
            Value::Object(m) if !m.is_empty() => write_map(out, m, indent + 2, depth + 1),
            Value::Array(inner) if !inner.is_empty() => write_seq(out, inner, indent + 2, depth + 1),
            Value::String(s) if s.contains('\n') => literal(out, s, indent + 2),
            other => {
                out.push_str(&scalar(other, indent));
                out.push('\n');
            }
        }
    }
}

/// A `|` literal block with go-yaml's chomping indicator.
fn literal(out: &mut String, s: &str, indent: usize) {
    let trailing = s.len() - s.trim_end_matches('\n').len();
    out.push_str(match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    });
    out.push('\n');
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

fn scalar(v: &Value, indent: usize) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_scalar(s, indent),
        Value::Object(_) => "{}".to_string(),
        Value::Array(_) => "[]".to_string(),
    }
}

/// The style go-yaml picks for a string.
fn string_scalar(s: &str, _indent: usize) -> String {
    if !resolves_to_string(s) {
        return double_quoted(s);
    }
    if s.chars().any(|c| c.is_control() && c != '\t') {
        return double_quoted(s);
    }
    if plain_allowed(s) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", c as u32 & 0xff)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether go-yaml's resolver reads the plain text back as a string (not a
/// bool, null, int, float or timestamp). Follows go-yaml v2 `resolve.go`.
fn resolves_to_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
        "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", ".inf", ".Inf", ".INF", "+.inf",
        "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<",
    ];
    if SPECIAL.contains(&s) {
        return false;
    }
    let Some(first) = s.chars().next() else { return false };
    if !(first.is_ascii_digit() || first == '-' || first == '+' || first == '.') {
        return true;
    }
    let plain = s.replace('_', "");
    let body = plain.trim_start_matches(['-', '+']);
    let is_int = !body.is_empty()
        && (body.chars().all(|c| c.is_ascii_digit())
            || body.strip_prefix("0x").is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || body.strip_prefix("0o").is_some_and(|h| !h.is_empty() && h.chars().all(|c| ('0'..='7').contains(&c)))
            || body.strip_prefix("0b").is_some_and(|h| !h.is_empty() && h.chars().all(|c| c == '0' || c == '1')));
    if is_int || body.parse::<f64>().is_ok_and(|_| body.chars().all(|c| c.is_ascii_digit() || "eE.+-".contains(c))) {
        return false;
    }
    // Sexagesimal numbers (`1:20`) and timestamps (`2026-01-01`, `…T00:00:00Z`).
    if body.split(':').count() > 1
        && body.split(':').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == '.'))
    {
        return false;
    }
    let b = s.as_bytes();
    if b.len() >= 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && s.get(..4).is_some_and(|y| y.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    true
}

/// Whether the emitter may write the string plain in block context
/// (no leading or trailing space, no indicator at the start, no `: ` or ` #`).
fn plain_allowed(s: &str) -> bool {
    if s.starts_with(' ') || s.ends_with(' ') || s.starts_with('\t') || s.ends_with('\t') {
        return false;
    }
    let chars: Vec<char> = s.chars().collect();
    let followed_by_space = |i: usize| chars.get(i + 1).is_none_or(|c| *c == ' ' || *c == '\t');
    if let Some(&c0) = chars.first() {
        if "#,[]{}&*!|>'\"%@`".contains(c0) {
            return false;
        }
        if (c0 == '-' || c0 == '?' || c0 == ':') && followed_by_space(0) {
            return false;
        }
    }
    for (i, &c) in chars.iter().enumerate() {
        if c == ':' && followed_by_space(i) {
            return false;
        }
        if c == '#' && i > 0 && chars.get(i - 1).is_some_and(|p| *p == ' ' || *p == '\t') {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalars_take_go_yaml_styles() {
        let cases = [
            ("web", "web"),
            ("True", "\"True\""),
            ("80", "\"80\""),
            ("", "\"\""),
            ("2026-01-01T00:00:00Z", "\"2026-01-01T00:00:00Z\""),
            ("1.5", "\"1.5\""),
            ("-c", "-c"),
            ("a: b", "'a: b'"),
            ("*", "'*'"),
            ("x #y", "'x #y'"),
            ("500m", "500m"),
            ("10.244.1.2", "10.244.1.2"),
            ("it's", "it's"),
            ("no", "\"no\""),
        ];
        for (s, want) in cases {
            assert_eq!(string_scalar(s, 0), want, "{s}");
        }
    }

    #[test]
    fn documents_look_like_kubectl() {
        let v = json!({"b": [{"y": 1, "x": "T"}, "s"], "a": {}, "c": "l1\nl2", "d": [], "e": {"k": null}});
        assert_eq!(to_yaml(&v), "a: {}\nb:\n- x: T\n  \"y\": 1\n- s\nc: |-\n  l1\n  l2\nd: []\ne:\n  k: null\n");
    }
}
