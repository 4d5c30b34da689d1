//! Shared helper for the `validate_rules_*` integration tests.

use expect_test::Expect;
use podplay_engine::{check, Lang};

/// Finds the first diagnostic of `rule` and snapshots it in both languages.
pub fn assert_rule(source: &str, rule: &str, snapshot: Expect) {
    let diags = check(source);
    let Some(d) = diags.iter().find(|d| d.rule == rule) else {
        panic!("no `{rule}` diagnostic; got {diags:#?}");
    };
    let header = format!("{:?} {} @ {}:{}\n", d.severity, d.path, d.span.line, d.span.col);
    snapshot.assert_eq(&format!("{header}{}{}", d.render(source, Lang::En), d.render(source, Lang::Ko)));
}
