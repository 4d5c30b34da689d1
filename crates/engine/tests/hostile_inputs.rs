//! Hostile inputs: each is answered with a diagnostic, never a panic, and
//! without unbounded work (the limits live in `yaml`). No timing is asserted.

use podplay_engine::{check, Severity};

fn errors(source: &str) -> Vec<String> {
    check(source).into_iter().filter(|d| d.severity == Severity::Error).map(|d| d.message).collect()
}

#[test]
fn billion_laughs_is_refused() {
    let mut doc = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(", ");
        doc.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    let errs = errors(&doc);
    assert!(!errs.is_empty(), "an alias bomb must be an error");
}

#[test]
fn ten_megabyte_document_is_refused() {
    let line = "# padding padding padding padding padding padding padding padding\n";
    let doc = format!("apiVersion: v1\nkind: Pod\n{}", line.repeat(10 * 1024 * 1024 / line.len()));
    assert!(doc.len() >= 10 * 1024 * 1024);
    let errs = errors(&doc);
    assert!(errs.iter().any(|m| m.contains("limit")), "{errs:?}");
}

#[test]
fn ten_thousand_deep_nesting_is_refused() {
    let flow = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(!errors(&flow).is_empty());
    let mut block = String::new();
    for depth in 0..10_000 {
        block.push_str(&" ".repeat(depth));
        block.push_str("a:\n");
    }
    assert!(!errors(&block).is_empty());
}

#[test]
fn huge_quantities_are_located_errors() {
    let doc = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    resources:\n      limits:\n        cpu: \"999999999999999999999999999999999999999999999\"\n        memory: 1e999999\n";
    let diags = check(doc);
    let bad: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Error && d.path.contains("resources")).collect();
    assert_eq!(bad.len(), 2, "{diags:#?}");
    assert_eq!(bad[0].span.line, 11);
}

#[test]
fn a_hundred_thousand_containers_are_checked() {
    let mut doc = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: many\nspec:\n  containers:\n");
    for i in 0..100_000 {
        doc.push_str(&format!("  - {{name: c{i}, image: \"busybox:1.36\"}}\n"));
    }
    // Duplicate one name far down: the rule must still find it.
    doc.push_str("  - {name: c5, image: \"busybox:1.36\"}\n");
    let errs = errors(&doc);
    assert!(errs.iter().any(|m| m.contains("Duplicate value")), "{:?}", errs.iter().take(3).collect::<Vec<_>>());
}

#[test]
fn nul_bytes_and_lossy_utf8_are_errors_not_panics() {
    assert!(!errors("apiVersion: v1\nkind: Pod\0\nmetadata: {name: x}\n").is_empty());
    let bytes = b"apiVersion: v1\nkind: \xff\xfePod\nmetadata:\n  name: x\n";
    let text = String::from_utf8_lossy(bytes);
    let _ = check(&text);
}
