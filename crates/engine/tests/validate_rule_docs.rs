//! Every rule lives in its own file under `src/validate/rules/`, documented
//! like a ruff rule, and is registered once in `RULES`.

use podplay_engine::validate::RULES;

#[test]
fn every_rule_file_is_documented_and_registered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/validate/rules");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("rules directory") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n == "mod.rs") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).expect("rule file");
        for heading in ["## What it does", "## Why is this bad", "## Example", "## Use instead"] {
            assert!(text.contains(&format!("//! {heading}")), "{} lacks `{heading}`", path.display());
        }
        let code = text
            .split("code: \"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{} has no rule code", path.display()));
        assert!(text.starts_with(&format!("//! `{code}`")), "{} should start with its code", path.display());
        assert!(RULES.iter().any(|r| r.code == code), "{code} is not registered in RULES");
    }
    assert_eq!(files, RULES.len(), "one file per rule");
}
