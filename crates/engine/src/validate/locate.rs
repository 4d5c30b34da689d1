//! Finds the line and column of a field path such as
//! `spec.containers[1].ports[0].containerPort` in a document tree.

use crate::diag::Span;
use crate::yaml::YamlNode;

/// One step of a field path.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Field(&'a str),
    /// `[3]` in a list, or `[key]` in a map.
    Index(&'a str),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() && out.len() < 256 {
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').unwrap_or(r.len());
            out.push(Step::Index(&r[..end]));
            rest = r.get(end + 1..).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix('.') {
            rest = r;
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(Step::Field(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// Where a path points: the key and the value of the deepest node reached,
/// and whether the whole path was found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub key: Span,
    pub value: Span,
    pub found: bool,
}

/// Locates `path` under `root`. When the path is not all there (a missing
/// required field), the deepest part that exists is returned.
pub fn locate(root: &YamlNode, path: &str) -> Place {
    let mut node = root;
    let mut key = root.span;
    for step in steps(path) {
        let next = match step {
            Step::Field(name) => node.entry(name),
            Step::Index(i) => match (node.as_seq(), i.parse::<usize>()) {
                (Some(items), Ok(n)) => items.get(n).map(|item| (item, item)),
                _ => node.entry(i),
            },
        };
        match next {
            Some((k, v)) => {
                key = k.span;
                node = v;
            }
            None => return Place { key, value: node.span, found: false },
        }
    }
    Place { key, value: node.span, found: true }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::load;

    #[test]
    fn paths_resolve_to_spans() {
        let l = load("spec:\n  containers:\n  - name: a\n  - name: Web\n    ports: [{containerPort: 80}]\n");
        let root = &l.documents[0].root;
        let p = locate(root, "spec.containers[1].name");
        assert!(p.found);
        assert_eq!((p.value.line, p.value.col), (4, 11));
        assert_eq!((p.key.line, p.key.col), (4, 5));
        let p = locate(root, "spec.containers[1].ports[0].containerPort");
        assert_eq!((p.value.line, p.value.col), (5, 29));
        let missing = locate(root, "spec.containers[0].image");
        assert!(!missing.found);
        assert_eq!(missing.key.line, 3);
    }
}
