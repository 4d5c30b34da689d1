//! `placeholder`: a value that is a placeholder such as `<your-image>`.
//!
//! ## What it does
//! Flags string values holding `<...>` placeholders, as found in
//! documentation examples that expect you to fill them in.
//!
//! ## Why is this bad
//! The cluster takes the text literally: `image: <your-image>` fails to
//! pull with `InvalidImageName`, a `<name>` reference finds nothing.
//!
//! ## Example
//! ```yaml
//! image: <your-private-image>
//! ```
//!
//! ## Use instead
//! ```yaml
//! image: registry.example.com/team/app:1.0
//! ```

use super::{path_of, walk_scalars, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::text::Text;
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "placeholder",
    severity: Severity::Warning,
    ko: "`<...>` 자리표시자가 남아 있습니다. 실제 값으로 바꾸세요.",
    en: "A `<...>` placeholder is left in. Replace it with a real value.",
    check: RuleCheck::Tree(check),
};

/// The first `<...>` placeholder in a text, if any.
fn placeholder(text: &str) -> Option<&str> {
    let start = text.find('<')?;
    let rest = &text[start + 1..];
    let end = rest.find('>')?;
    let inner = &rest[..end];
    let ok = !inner.is_empty()
        && inner.len() <= 64
        && inner.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.'));
    ok.then(|| &text[start..start + end + 2])
}

fn check(root: &YamlNode, r: &mut Report) {
    walk_scalars(root, |segs, node| {
        let Some(text) = node.as_str() else { return };
        // Multi-line scripts often hold `<` redirections and HTML; skip them.
        if text.contains('\n') {
            return;
        }
        if let Some(p) = placeholder(text) {
            let path = path_of(segs);
            r.emit_at(
                &RULE,
                &path,
                node.span,
                format!("{path}: {text:?} holds the placeholder {p}"),
                Text::new(
                    format!("`{p}` 같은 자리표시자는 문서 예제에서 채워 넣으라고 둔 것입니다. 클러스터는 이 글자를 그대로 씁니다. 실제 값으로 바꾸세요."),
                    format!("`{p}` is a placeholder from a documentation example; the cluster would take it literally. Replace it with a real value."),
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::placeholder;

    #[test]
    fn finds_placeholders() {
        assert_eq!(placeholder("<your-private-image>"), Some("<your-private-image>"));
        assert_eq!(placeholder("--cloud-provider=<YOUR_CLOUD_PROVIDER>"), Some("<YOUR_CLOUD_PROVIDER>"));
        assert_eq!(placeholder("echo a > b"), None);
        assert_eq!(placeholder("a < b"), None);
    }
}
