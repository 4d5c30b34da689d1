//! The shape the workspace promises in ARCHITECTURE.md, checked on every
//! test run so it cannot drift:
//! - no Rust source file in `crates/` or `src/` over 1,000 lines;
//! - no function over 150 lines in `crates/*/src` outside `#[cfg(test)]`;
//! - no import cycle between files in `crates/*/src`: a file that names
//!   another through a `crate::`, `super::` or `self::` path depends on it,
//!   and no chain of such dependencies comes back to where it started.
//!   (`mod x;` declarations and re-exports written without a path prefix are
//!   the module tree, not imports.)
//!
//! The checks read source text through a small lexer that blanks strings,
//! chars and comments, so a brace in a string never counts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const FILE_LINES_MAX: usize = 1_000;
const FN_LINES_MAX: usize = 150;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The crates' source roots (`crates/*/src`).
fn crate_sources() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = std::fs::read_dir(workspace().join("crates"))
        .expect("crates/ is readable")
        .flatten()
        .map(|e| e.path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    roots.sort();
    roots
}

/// The source with strings, chars and comments replaced by spaces (newlines
/// kept), so that braces and paths can be read off it.
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !b.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            out.extend(std::iter::repeat_n(' ', j - i));
            i = j;
            while i < b.len() {
                if b[i] == '"' && (0..hashes).all(|k| b.get(i + 1 + k) == Some(&'#')) {
                    out.extend(std::iter::repeat_n(' ', 1 + hashes));
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(b[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || b.get(i + 2) == Some(&'\'')) {
            // A char literal ('x', '\n', '\u{1F600}'); a lifetime has no closing quote.
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '\'' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The code before the first `#[cfg(test)]`: tests sit at the end of a file.
fn non_test(code: &str) -> &str {
    code.find("#[cfg(test)]").map_or(code, |at| &code[..at])
}

/// `(name, first line, line count)` of every function with a body.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(found) = code[search..].find("fn ") {
        let at = search + found;
        search = at + 3;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let name: String = code[at + 3..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            continue;
        }
        // The body starts at the first `{` before any `;` (a declaration has none).
        let rest = &code[at..];
        let Some(open) = rest.find(['{', ';']) else { continue };
        if rest.as_bytes()[open] == b';' {
            continue;
        }
        let mut depth = 0usize;
        let mut end = None;
        for (k, ch) in rest[open..].char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(open + k);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { continue };
        let first = code[..at].matches('\n').count() + 1;
        let lines = rest[..end].matches('\n').count() + 1;
        out.push((name, first, lines));
    }
    out
}

#[test]
fn no_source_file_is_over_a_thousand_lines() {
    let mut roots = crate_sources();
    roots.push(workspace().join("src"));
    for dir in std::fs::read_dir(workspace().join("crates")).expect("crates/").flatten() {
        roots.push(dir.path().join("tests"));
        roots.push(dir.path().join("examples"));
    }
    let mut long = Vec::new();
    for root in roots {
        for f in rust_files(&root) {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let n = text.lines().count();
            if n > FILE_LINES_MAX {
                long.push(format!("{} ({n} lines)", f.strip_prefix(workspace()).unwrap_or(&f).display()));
            }
        }
    }
    assert!(long.is_empty(), "split these files by concern:\n{}", long.join("\n"));
}

#[test]
fn no_function_in_the_crates_is_over_150_lines() {
    let mut long = Vec::new();
    for root in crate_sources() {
        for f in rust_files(&root) {
            let code = code_only(&std::fs::read_to_string(&f).unwrap_or_default());
            for (name, line, n) in functions(non_test(&code)) {
                if n > FN_LINES_MAX {
                    long.push(format!(
                        "{}:{line} fn {name} ({n} lines)",
                        f.strip_prefix(workspace()).unwrap_or(&f).display()
                    ));
                }
            }
        }
    }
    assert!(long.is_empty(), "break these functions into named steps:\n{}", long.join("\n"));
}

/// The module path of a file under `src` (`cluster/mod.rs` → `["cluster"]`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.with_extension("").iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// Every path written with a `crate::`, `super::` or `self::` prefix, with
/// `{…}` groups expanded into one path per member.
fn prefixed_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for prefix in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(prefix) {
            let at = from + found;
            from = at + prefix.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':') {
                continue;
            }
            out.extend(expand_path(&code[at..]));
        }
    }
    out
}

/// The paths a `use` tree (or a plain path) at the start of `s` names.
fn expand_path(s: &str) -> Vec<Vec<String>> {
    let mut head = Vec::new();
    let mut rest = s;
    loop {
        let seg: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if seg.is_empty() {
            break;
        }
        rest = &rest[seg.len()..];
        head.push(seg);
        if let Some(after) = rest.strip_prefix("::") {
            rest = after.trim_start();
        } else {
            return vec![head];
        }
    }
    let Some(group) = rest.strip_prefix('{') else { return vec![head] };
    // Split the group's members at depth 0.
    let mut members = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (k, ch) in group.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' if depth == 0 => {
                members.push(&group[start..k]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                members.push(&group[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for m in members {
        let m = m.trim();
        if m.is_empty() {
            continue;
        }
        for tail in expand_path(m) {
            let mut p = head.clone();
            p.extend(tail);
            out.push(p);
        }
    }
    out
}

/// The file a module path lands in: the deepest existing prefix.
fn file_of(path: &[String], files: &BTreeSet<PathBuf>) -> Option<PathBuf> {
    for k in (0..=path.len()).rev() {
        let base: PathBuf = path[..k].iter().collect();
        let candidates = if k == 0 {
            vec![PathBuf::from("lib.rs"), PathBuf::from("main.rs")]
        } else {
            vec![base.with_extension("rs"), base.join("mod.rs")]
        };
        if let Some(f) = candidates.into_iter().find(|c| files.contains(c)) {
            return Some(f);
        }
    }
    None
}

/// The file-level dependency graph of one crate.
fn graph(root: &Path) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let files: BTreeSet<PathBuf> =
        rust_files(root).iter().filter_map(|f| f.strip_prefix(root).ok().map(Path::to_path_buf)).collect();
    let mut edges = BTreeMap::new();
    for rel in &files {
        let code = code_only(&std::fs::read_to_string(root.join(rel)).unwrap_or_default());
        let me = module_of(rel);
        let mut deps = BTreeSet::new();
        for segs in prefixed_paths(non_test(&code)) {
            let mut module = me.clone();
            let mut i = 0;
            match segs.first().map(String::as_str) {
                Some("crate") => {
                    module.clear();
                    i = 1;
                }
                _ => {
                    while let Some(s) = segs.get(i).map(String::as_str).filter(|s| *s == "super" || *s == "self") {
                        if s == "super" {
                            module.pop();
                        }
                        i += 1;
                    }
                }
            }
            module.extend(segs[i..].iter().filter(|s| *s != "self").cloned());
            if let Some(target) = file_of(&module, &files) {
                if &target != rel {
                    deps.insert(target);
                }
            }
        }
        edges.insert(rel.clone(), deps);
    }
    edges
}

/// A cycle through `start`, if its dependencies lead back to it.
fn cycle_through(start: &Path, edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    let mut stack = vec![vec![start.to_path_buf()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last()?;
        for next in edges.get(last).into_iter().flatten() {
            if next == start {
                return Some(path);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn no_import_cycle_between_files_of_a_crate() {
    let mut cycles = Vec::new();
    for root in crate_sources() {
        let edges = graph(&root);
        let mut reported = BTreeSet::new();
        for file in edges.keys() {
            if reported.contains(file) {
                continue;
            }
            if let Some(cycle) = cycle_through(file, &edges) {
                reported.extend(cycle.iter().cloned());
                let names: Vec<String> = cycle.iter().map(|p| p.display().to_string()).collect();
                cycles.push(format!(
                    "{}: {} → {}",
                    root.strip_prefix(workspace()).unwrap_or(&root).display(),
                    names.join(" → "),
                    names[0]
                ));
            }
        }
    }
    assert!(cycles.is_empty(), "break these import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checks_see_what_they_claim_to() {
    // A brace in a string or comment does not end a function.
    let code = code_only("fn a() {\n let s = \"}\"; // }\n let c = '}';\n}\nfn b<'x>(v: &'x str) { }\n");
    let fns = functions(&code);
    assert_eq!(fns, vec![("a".to_string(), 1, 4), ("b".to_string(), 5, 1)]);
    // Groups expand into one path per member.
    let paths = prefixed_paths("use crate::{kubelet::{self, status}, model::Pod};");
    assert_eq!(
        paths,
        vec![vec!["crate", "kubelet", "self"], vec!["crate", "kubelet", "status"], vec!["crate", "model", "Pod"]]
    );
    // Two files naming each other are a cycle.
    let mut edges = BTreeMap::new();
    edges.insert(PathBuf::from("a.rs"), BTreeSet::from([PathBuf::from("b.rs")]));
    edges.insert(PathBuf::from("b.rs"), BTreeSet::from([PathBuf::from("a.rs")]));
    edges.insert(PathBuf::from("c.rs"), BTreeSet::from([PathBuf::from("a.rs")]));
    assert!(cycle_through(Path::new("a.rs"), &edges).is_some());
    assert!(cycle_through(Path::new("c.rs"), &edges).is_none());
}

#[test]
fn no_two_public_types_of_a_crate_share_a_name() {
    let mut clashes = Vec::new();
    for root in crate_sources() {
        let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for f in rust_files(&root) {
            let code = code_only(&std::fs::read_to_string(&f).unwrap_or_default());
            for line in non_test(&code).lines() {
                let words: Vec<&str> = line.split_whitespace().collect();
                if let ["pub", "struct" | "enum" | "trait" | "type", name, ..] = words.as_slice() {
                    let name: String = name.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    seen.entry(name).or_default().push(f.strip_prefix(&root).unwrap_or(&f).display().to_string());
                }
            }
        }
        for (name, files) in seen {
            if files.len() > 1 {
                clashes.push(format!("{name}: {}", files.join(", ")));
            }
        }
    }
    assert!(clashes.is_empty(), "name each public type for what it is:\n{}", clashes.join("\n"));
}
