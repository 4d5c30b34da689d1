//! Scalar resolution as go-yaml v2 does it (YAML 1.1), which is what
//! `sigs.k8s.io/yaml` and therefore kubectl and kube-apiserver see.
//!
//! Follows `sigs.k8s.io/yaml/goyaml.v2/resolve.go`: `yes`/`no`/`on`/`off` are
//! booleans, `0644` is an octal integer, `1_000` is 1000. The [`Scalar`]
//! type lives here too, resolved once when it is read.

/// What a scalar means once resolved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A string: the scalar's text as written.
    Str,
}

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
        s.resolved = resolve(&s);
        s
    }
}

/// Resolves a scalar by its tag, its style and its text.
pub fn resolve(s: &Scalar) -> Resolved {
    if let Some(tag) = &s.tag {
        let suffix = tag.rsplit([':', '!']).next().unwrap_or("");
        return match suffix {
            "str" | "binary" | "timestamp" => Resolved::Str,
            "null" => Resolved::Null,
            "bool" => bool_of(&s.text).map(Resolved::Bool).unwrap_or(Resolved::Str),
            "int" => int_of(&s.text).map(Resolved::Int).unwrap_or(Resolved::Str),
            "float" => float_of(&s.text)
                .or_else(|| int_of(&s.text).map(|i| i as f64))
                .map(Resolved::Float)
                .unwrap_or(Resolved::Str),
            _ => plain(&s.text),
        };
    }
    if s.style != ScalarStyle::Plain {
        return Resolved::Str;
    }
    plain(&s.text)
}

fn plain(text: &str) -> Resolved {
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Resolved::Null;
    }
    if let Some(b) = bool_of(text) {
        return Resolved::Bool(b);
    }
    let first = text.as_bytes().first().copied().unwrap_or(b'a');
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return Resolved::Str;
    }
    if let Some(i) = int_of(text) {
        return Resolved::Int(i);
    }
    if let Some(f) = float_of(text) {
        return Resolved::Float(f);
    }
    Resolved::Str
}

/// The YAML 1.1 booleans go-yaml v2 knows.
pub fn bool_of(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => Some(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// An integer as go-yaml v2 reads it: optional sign, `0x` hex, `0b` binary,
/// a leading `0` for octal, `_` ignored.
pub fn int_of(text: &str) -> Option<i64> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    let (neg, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    if digits.is_empty() {
        return None;
    }
    let (radix, body) = if let Some(h) = digits.strip_prefix("0x") {
        (16, h)
    } else if let Some(b) = digits.strip_prefix("0b") {
        (2, b)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(body, radix).ok()?;
    let value = if neg { -magnitude } else { magnitude };
    i64::try_from(value).ok()
}

/// True when a plain scalar is an octal integer in YAML 1.1 (`0644`) but a
/// decimal or a string in YAML 1.2.
pub fn is_yaml11_octal(text: &str) -> bool {
    let digits = text.trim_start_matches(['+', '-']);
    digits.len() > 1
        && digits.starts_with('0')
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_')
        && int_of(text).is_some()
}

/// A float as go-yaml v2 reads it.
pub fn float_of(text: &str) -> Option<f64> {
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    // `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    let b = text.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let s = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        frac_digits = i - s;
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let s = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == s {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    text.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Resolved {
        Scalar::new(text.into(), ScalarStyle::Plain, None).resolved
    }

    #[test]
    fn yaml11_resolution_table() {
        let table: &[(&str, Resolved)] = &[
            ("", Resolved::Null),
            ("~", Resolved::Null),
            ("yes", Resolved::Bool(true)),
            ("Off", Resolved::Bool(false)),
            ("true", Resolved::Bool(true)),
            ("80", Resolved::Int(80)),
            ("0644", Resolved::Int(420)),
            ("01777", Resolved::Int(1023)),
            ("0x1F", Resolved::Int(31)),
            ("1_000", Resolved::Int(1000)),
            ("-3", Resolved::Int(-3)),
            ("0.5", Resolved::Float(0.5)),
            ("1e3", Resolved::Float(1000.0)),
            ("128Mi", Resolved::Str),
            ("500m", Resolved::Str),
            ("nginx:1.14", Resolved::Str),
            ("1.2.3", Resolved::Str),
            ("089", Resolved::Float(89.0)),
        ];
        for (text, want) in table {
            assert_eq!(p(text), *want, "{text}");
        }
    }

    #[test]
    fn quoted_scalars_are_strings() {
        let s = Scalar::new("yes".into(), ScalarStyle::DoubleQuoted, None);
        assert_eq!(s.resolved, Resolved::Str);
    }

    #[test]
    fn octal_detection() {
        assert!(is_yaml11_octal("0644"));
        assert!(!is_yaml11_octal("644"));
        assert!(!is_yaml11_octal("0"));
        assert!(!is_yaml11_octal("089"));
    }
}
