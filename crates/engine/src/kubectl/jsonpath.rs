//! The subset of kubectl's JSONPath templates the playground supports:
//! literal text, `{.a.b}`, `{.items[0]}`, `{.items[*].metadata.name}`,
//! `{['key']}`, simple filters `[?(@.name=="x")]`, `{range …}…{end}` and
//! quoted literals such as `{"\n"}`. Missing keys print nothing, as with
//! `kubectl get -o jsonpath` (which sets `AllowMissingKeys(true)`).
//! Follows `k8s.io/client-go/util/jsonpath/{parser,jsonpath}.go`.

use serde_json::Value;

/// The largest number of template nodes and loop iterations evaluated.
const STEPS_MAX: usize = 100_000;

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Field(String),
    Index(i64),
    All,
    /// `..`: the value and every value below it (client-go's `RecursiveNode`).
    Recursive,
    Filter {
        path: Vec<Step>,
        value: String,
        negate: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    Path(Vec<Step>),
    Range(Vec<Step>, Vec<Node>),
}

/// A parse error, printed as `error: error parsing jsonpath …, <reason>`.
#[derive(Debug, PartialEq, Eq)]
pub struct JsonPathError(pub String);

/// Evaluates `template` against `root` and returns the printed text.
pub fn render(template: &str, root: &Value) -> Result<String, JsonPathError> {
    let nodes = parse(template)?;
    let mut out = String::new();
    let mut steps = 0usize;
    eval(&nodes, root, &mut out, &mut steps);
    Ok(out)
}

/// A `--sort-by` field: a JSONPath to one value, with or without its braces
/// (`.metadata.name` or `{.metadata.name}`, as kubectl's
/// `RelaxedJSONPathExpression` accepts both).
#[derive(Clone, Debug, PartialEq)]
pub struct SortField(Vec<Step>);

impl SortField {
    pub fn parse(field: &str) -> Result<SortField, JsonPathError> {
        let inner = field.trim();
        let inner = inner.strip_prefix('{').and_then(|f| f.strip_suffix('}')).unwrap_or(inner);
        let inner = inner.strip_prefix('.').map(|rest| format!(".{rest}")).unwrap_or_else(|| format!(".{inner}"));
        parse_path(&inner)
            .map(SortField)
            .map_err(|why| JsonPathError(format!("error parsing jsonpath {{{inner}}}, {why}")))
    }

    /// Orders two objects by the field, as kubectl's `RuntimeSort` does
    /// (`kubectl/pkg/cmd/get/sorter.go`): an object without the field
    /// first; numbers by value; two quantities (`100m`, `1Gi`) by amount;
    /// other text in natural order (`pod-2` before `pod-10`); lists item
    /// by item. Values that cannot be compared keep their order.
    pub fn cmp(&self, a: &Value, b: &Value) -> std::cmp::Ordering {
        let mut budget = 0;
        let x = select(vec![a], &self.0, &mut budget).first().copied();
        let y = select(vec![b], &self.0, &mut budget).first().copied();
        match (x, y) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => cmp_values(x, y, 0),
        }
    }
}

fn cmp_values(a: &Value, b: &Value, depth: usize) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => x.as_f64().unwrap_or(0.0).total_cmp(&y.as_f64().unwrap_or(0.0)),
        },
        (Value::String(x), Value::String(y)) => {
            match (crate::quantity::Quantity::parse(x), crate::quantity::Quantity::parse(y)) {
                (Ok(qx), Ok(qy)) => qx.cmp_value(&qy),
                _ => natural_cmp(x, y),
            }
        }
        (Value::Array(x), Value::Array(y)) if depth < 8 => {
            for (i, j) in x.iter().zip(y) {
                let o = cmp_values(i, j, depth + 1);
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        }
        _ => Ordering::Equal,
    }
}

/// Natural order: runs of digits compare by value, the rest as text.
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut x, mut y) = (a, b);
    loop {
        let (Some(cx), Some(cy)) = (x.chars().next(), y.chars().next()) else { return x.len().cmp(&y.len()) };
        if cx.is_ascii_digit() && cy.is_ascii_digit() {
            let end_x = x.find(|c: char| !c.is_ascii_digit()).unwrap_or(x.len());
            let end_y = y.find(|c: char| !c.is_ascii_digit()).unwrap_or(y.len());
            let (dx, dy) = (x.get(..end_x).unwrap_or(""), y.get(..end_y).unwrap_or(""));
            let (tx, ty) = (dx.trim_start_matches('0'), dy.trim_start_matches('0'));
            let o = tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty)).then_with(|| dx.len().cmp(&dy.len()));
            if o != Ordering::Equal {
                return o;
            }
            x = x.get(end_x..).unwrap_or("");
            y = y.get(end_y..).unwrap_or("");
        } else {
            if cx != cy {
                return cx.cmp(&cy);
            }
            x = x.get(cx.len_utf8()..).unwrap_or("");
            y = y.get(cy.len_utf8()..).unwrap_or("");
        }
    }
}

fn parse(template: &str) -> Result<Vec<Node>, JsonPathError> {
    let err = |why: &str| JsonPathError(format!("error parsing jsonpath {template}, {why}"));
    // A stack of open ranges: (path, body so far).
    let mut stack: Vec<(Vec<Step>, Vec<Node>)> = vec![(Vec::new(), Vec::new())];
    let mut rest = template;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            push(&mut stack, Node::Text(rest.to_string()));
            break;
        };
        if open > 0 {
            push(&mut stack, Node::Text(rest.get(..open).unwrap_or("").to_string()));
        }
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = find_close(after) else { return Err(err("unclosed action")) };
        let action = after.get(..close).unwrap_or("").trim();
        rest = after.get(close + 1..).unwrap_or("");
        if action == "end" {
            if stack.len() < 2 {
                return Err(err("not in range, nothing to end"));
            }
            let Some((path, body)) = stack.pop() else { return Err(err("not in range, nothing to end")) };
            push(&mut stack, Node::Range(path, body));
        } else if let Some(p) = action.strip_prefix("range") {
            if stack.len() > 16 {
                return Err(err("ranges nested too deeply"));
            }
            stack.push((parse_path(p.trim()).map_err(|e| err(&e))?, Vec::new()));
        } else if let Some(lit) = quoted(action) {
            push(&mut stack, Node::Text(lit));
        } else {
            push(&mut stack, Node::Path(parse_path(action).map_err(|e| err(&e))?));
        }
    }
    if stack.len() != 1 {
        return Err(err("unclosed range"));
    }
    Ok(stack.pop().map(|(_, body)| body).unwrap_or_default())
}

fn push(stack: &mut [(Vec<Step>, Vec<Node>)], node: Node) {
    if let Some((_, body)) = stack.last_mut() {
        body.push(node);
    }
}

/// The offset of the `}` closing an action, skipping quoted text.
fn find_close(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '}' => return Some(i),
                _ => {}
            },
        }
    }
    None
}

/// A quoted literal action (`"\n"`, `'\t'`), with its escapes resolved.
fn quoted(action: &str) -> Option<String> {
    let q = action.chars().next()?;
    if (q != '"' && q != '\'') || action.len() < 2 || !action.ends_with(q) {
        return None;
    }
    let inner = action.get(1..action.len() - 1)?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

fn parse_path(p: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    if chars.first() == Some(&'@') || chars.first() == Some(&'$') {
        i = 1;
    }
    while i < chars.len() {
        match chars.get(i) {
            Some('.') => {
                i += 1;
                if chars.get(i) == Some(&'.') {
                    steps.push(Step::Recursive);
                    continue;
                }
                let start = i;
                while i < chars.len() && !matches!(chars.get(i), Some('.') | Some('[')) {
                    i += 1;
                }
                let name: String = chars.get(start..i).map(|c| c.iter().collect()).unwrap_or_default();
                if name.is_empty() {
                    if i < chars.len() {
                        continue;
                    }
                    // A bare `.` (or `{.}`) selects the current value.
                    break;
                }
                if name.chars().any(|c| c.is_whitespace() || c == '(' || c == ')') {
                    return Err(format!("unrecognized character in action: {name}"));
                }
                steps.push(Step::Field(name));
            }
            Some('[') => {
                let start = i + 1;
                let mut depth = 0;
                let mut end = None;
                for (j, c) in chars.iter().enumerate().skip(start) {
                    match c {
                        '[' => depth += 1,
                        ']' if depth == 0 => {
                            end = Some(j);
                            break;
                        }
                        ']' => depth -= 1,
                        _ => {}
                    }
                }
                let Some(end) = end else { return Err("unterminated array".to_string()) };
                let inner: String = chars.get(start..end).map(|c| c.iter().collect()).unwrap_or_default();
                steps.push(parse_subscript(inner.trim())?);
                i = end + 1;
            }
            Some(c) if c.is_whitespace() => return Err(format!("unrecognized character in action: {c}")),
            Some(_) if steps.is_empty() && i == 0 => {
                // kubectl accepts `{metadata.name}` like `{.metadata.name}`.
                let start = i;
                while i < chars.len() && !matches!(chars.get(i), Some('.') | Some('[')) {
                    i += 1;
                }
                steps.push(Step::Field(chars.get(start..i).map(|c| c.iter().collect()).unwrap_or_default()));
            }
            Some(c) => return Err(format!("unrecognized character in action: {c}")),
            None => break,
        }
    }
    Ok(steps)
}

fn parse_subscript(inner: &str) -> Result<Step, String> {
    if inner == "*" {
        return Ok(Step::All);
    }
    if let Some(lit) = quoted(inner) {
        return Ok(Step::Field(lit));
    }
    if let Ok(n) = inner.parse::<i64>() {
        return Ok(Step::Index(n));
    }
    if let Some(filter) = inner.strip_prefix("?(").and_then(|f| f.strip_suffix(')')) {
        let (lhs, rhs, negate) = if let Some((l, r)) = filter.split_once("!=") {
            (l, r, true)
        } else if let Some((l, r)) = filter.split_once("==") {
            (l, r, false)
        } else {
            return Err(format!("unsupported filter: {filter}"));
        };
        let path = parse_path(lhs.trim())?;
        let rhs = rhs.trim();
        let value = quoted(rhs).unwrap_or_else(|| rhs.to_string());
        return Ok(Step::Filter { path, value, negate });
    }
    Err(format!("invalid array index {inner}"))
}

fn select<'a>(values: Vec<&'a Value>, steps: &[Step], budget: &mut usize) -> Vec<&'a Value> {
    let mut current = values;
    for step in steps {
        let mut next = Vec::new();
        for v in current {
            *budget += 1;
            if *budget > STEPS_MAX {
                return Vec::new();
            }
            match step {
                Step::Field(name) => {
                    if let Some(x) = v.get(name.as_str()) {
                        next.push(x);
                    }
                }
                Step::Index(n) => {
                    if let Value::Array(items) = v {
                        let len = items.len() as i64;
                        let idx = if *n < 0 { len + n } else { *n };
                        if let Some(x) = usize::try_from(idx).ok().and_then(|i| items.get(i)) {
                            next.push(x);
                        }
                    }
                }
                Step::All => match v {
                    Value::Array(items) => next.extend(items.iter()),
                    Value::Object(map) => next.extend(map.values()),
                    _ => {}
                },
                Step::Recursive => descend(v, &mut next, budget),
                Step::Filter { path, value, negate } => {
                    if let Value::Array(items) = v {
                        for item in items {
                            let got = select(vec![item], path, budget);
                            let hit = got.iter().any(|g| text_of(g) == *value);
                            if hit != *negate {
                                next.push(item);
                            }
                        }
                    }
                }
            }
        }
        current = next;
    }
    current
}

/// `v` and everything below it, depth first in document order (client-go
/// `evalRecursive`), within the step budget.
fn descend<'a>(v: &'a Value, out: &mut Vec<&'a Value>, budget: &mut usize) {
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        *budget += 1;
        if *budget > STEPS_MAX {
            return;
        }
        out.push(x);
        match x {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => stack.extend(map.values().rev()),
            _ => {}
        }
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        // A map prints with its keys in order, as Go's encoding/json
        // writes the unstructured maps kubectl holds.
        other => {
            let mut sorted = other.clone();
            sorted.sort_all_objects();
            serde_json::to_string(&sorted).unwrap_or_default()
        }
    }
}

fn eval(nodes: &[Node], current: &Value, out: &mut String, steps: &mut usize) {
    for node in nodes {
        *steps += 1;
        if *steps > STEPS_MAX {
            return;
        }
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Path(path) => {
                let got = select(vec![current], path, steps);
                let texts: Vec<String> = got.iter().map(|v| text_of(v)).collect();
                out.push_str(&texts.join(" "));
            }
            Node::Range(path, body) => {
                let got = select(vec![current], path, steps);
                // `range` over one array iterates its items.
                let items: Vec<&Value> = match got.as_slice() {
                    [Value::Array(items)] => items.iter().collect(),
                    _ => got,
                };
                for item in items {
                    eval(body, item, out, steps);
                    if *steps > STEPS_MAX {
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_print_with_sorted_keys() {
        let v: Value = serde_json::from_str(r#"{"spec": {"b": 1, "a": {"d": 2, "c": 3}}}"#).unwrap();
        assert_eq!(render("{.spec}", &v).unwrap(), r#"{"a":{"c":3,"d":2},"b":1}"#);
    }

    #[test]
    fn sort_fields_order_like_kubectl() {
        use std::cmp::Ordering::*;
        let f = SortField::parse(".metadata.name").unwrap();
        assert_eq!(f, SortField::parse("{.metadata.name}").unwrap());
        assert_eq!(f, SortField::parse("metadata.name").unwrap());
        let named = |n: &str| json!({"metadata": {"name": n}});
        assert_eq!(f.cmp(&named("pod-2"), &named("pod-10")), Less, "natural order");
        assert_eq!(f.cmp(&named("b"), &named("a")), Greater);
        assert_eq!(f.cmp(&json!({}), &named("a")), Less, "a missing field sorts first");
        let cpu = SortField::parse(".cpu").unwrap();
        assert_eq!(cpu.cmp(&json!({"cpu": "500m"}), &json!({"cpu": "2"})), Less, "quantities by amount");
        assert_eq!(cpu.cmp(&json!({"cpu": 10}), &json!({"cpu": 9})), Greater, "numbers by value");
        let restarts = SortField::parse(".status.containerStatuses[0].restartCount").unwrap();
        assert_eq!(
            restarts.cmp(
                &json!({"status": {"containerStatuses": [{"restartCount": 3}]}}),
                &json!({"status": {"containerStatuses": [{"restartCount": 12}]}})
            ),
            Less
        );
        assert!(SortField::parse("{.metadata[}").is_err());
    }
    use serde_json::json;

    #[test]
    fn templates_render_like_kubectl() {
        let list = json!({"kind": "List", "items": [
            {"metadata": {"name": "a"}, "status": {"podIP": "10.0.0.1", "containerStatuses": [{"name": "app", "ready": true}]}},
            {"metadata": {"name": "b"}, "status": {}}
        ]});
        let cases = [
            ("{.items[*].metadata.name}", "a b"),
            ("{.items[0].status.podIP}", "10.0.0.1"),
            ("{.items[-1].metadata.name}", "b"),
            ("{.kind}", "List"),
            ("{.nope}", ""),
            ("{range .items[*]}{.metadata.name}{\"\\n\"}{end}", "a\nb\n"),
            ("{range .items[*]}[{.metadata.name}:{.status.podIP}] {end}", "[a:10.0.0.1] [b:] "),
            ("{.items[0].status.containerStatuses[?(@.name==\"app\")].ready}", "true"),
            ("{.items[0].metadata}", "{\"name\":\"a\"}"),
            ("names: {.items[*].metadata.name}", "names: a b"),
            ("{.items[0]['metadata']['name']}", "a"),
        ];
        for (t, want) in cases {
            assert_eq!(render(t, &list).unwrap(), want, "{t}");
        }
    }

    #[test]
    fn bad_templates_are_errors() {
        for t in ["{.a", "{range .items[*]}{.x}", "{end}", "{.a b}", "{.items[}"] {
            assert!(render(t, &json!({})).is_err(), "{t}");
        }
    }

    #[test]
    fn recursive_descent_finds_a_key_at_any_depth() {
        let config = serde_json::json!({"contexts": [{"context": {"cluster": "k", "namespace": "dev"}, "name": "a"}], "kind": "Config"});
        assert_eq!(render("{..namespace}", &config).unwrap(), "dev");
        assert_eq!(render("{.contexts..cluster}", &config).unwrap(), "k");
        assert_eq!(render("{..nothing}", &config).unwrap(), "");
    }
}
