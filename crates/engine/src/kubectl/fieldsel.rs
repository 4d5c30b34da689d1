//! `--field-selector`: the few fields the API server can select each type
//! by (`status.phase=Running`, `involvedObject.name=web`, `spec.nodeName=…`),
//! with `=`, `==` and `!=`. Follows `k8s.io/apimachinery/pkg/fields/selector.go`
//! (`ParseSelector`) and the field label conversions the API server registers
//! per type (`pkg/apis/core/v1/conversion.go`, the generic registry's
//! `metadata.name` and `metadata.namespace`).

use crate::text::Text;

/// The most terms one selector may have.
const TERMS_MAX: usize = 32;

/// One `field=value` or `field!=value` term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub field: String,
    pub value: String,
    pub negated: bool,
}

/// A parsed `--field-selector`; empty selects everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSelector(pub Vec<Term>);

/// Why a selector is refused: the text after `Error from server (BadRequest): `
/// and our explanation.
pub type FieldError = (String, Text);

impl FieldSelector {
    /// Parses the flag's value, as `fields.ParseSelector` does.
    pub fn parse(value: Option<&str>) -> Result<FieldSelector, String> {
        let Some(v) = value.filter(|v| !v.trim().is_empty()) else { return Ok(FieldSelector::default()) };
        let mut terms = Vec::new();
        for part in v.split(',').take(TERMS_MAX) {
            let (field, value, negated) = if let Some((f, val)) = part.split_once("!=") {
                (f, val, true)
            } else if let Some((f, val)) = part.split_once("==") {
                (f, val, false)
            } else if let Some((f, val)) = part.split_once('=') {
                (f, val, false)
            } else {
                return Err(format!("invalid selector: '{v}'; can't understand '{part}'"));
            };
            terms.push(Term { field: field.trim().to_string(), value: value.trim().to_string(), negated });
        }
        Ok(FieldSelector(terms))
    }

    pub fn is_set(&self) -> bool {
        !self.0.is_empty()
    }

    /// Checks every field against what the type supports: `supported` is
    /// the type's list, `resource` how the error names it.
    /// `labels` is the `-l` value, which the error quotes too.
    pub fn check(
        &self,
        raw: &str,
        labels: &str,
        resource: &str,
        supported: &[&str],
        core: bool,
    ) -> Result<(), FieldError> {
        for t in &self.0 {
            if supported.contains(&t.field.as_str()) {
                continue;
            }
            let reason = if core {
                format!("field label not supported: {}", t.field)
            } else {
                format!("\"{}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"", t.field)
            };
            let line = format!("Unable to find \"{resource}\" that match label selector \"{labels}\", field selector \"{raw}\": {reason}");
            let list = supported.join(", ");
            return Err((
                line,
                Text::new(
                    format!("이 종류는 `{}` 필드로 고를 수 없습니다. 필드 셀렉터로 쓸 수 있는 필드: {list}", t.field),
                    format!(
                        "This type cannot be selected by `{}`. Fields a field selector can use here: {list}",
                        t.field
                    ),
                ),
            ));
        }
        Ok(())
    }

    /// Whether an object with these field values matches (`value_of` gives
    /// a field's value, `None` for a field the object lacks).
    pub fn matches(&self, value_of: impl Fn(&str) -> Option<String>) -> bool {
        self.0.iter().all(|t| {
            let v = value_of(&t.field).unwrap_or_default();
            (v == t.value) != t.negated
        })
    }
}

/// The fields pods can be selected by.
pub const POD_FIELDS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName",
];

/// The fields events can be selected by.
pub const EVENT_FIELDS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.fieldPath",
    "reason",
    "source",
    "type",
];

/// The fields nodes can be selected by.
pub const NODE_FIELDS: &[&str] = &["metadata.name", "spec.unschedulable"];

/// The fields every other type can be selected by.
pub const GENERIC_FIELDS: &[&str] = &["metadata.name", "metadata.namespace"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_parse_and_match() {
        let s = FieldSelector::parse(Some("status.phase=Running,spec.nodeName!=worker-1")).unwrap();
        let pod = |phase: &str, node: &str| {
            let (phase, node) = (phase.to_string(), node.to_string());
            move |f: &str| match f {
                "status.phase" => Some(phase.clone()),
                "spec.nodeName" => Some(node.clone()),
                _ => None,
            }
        };
        assert!(s.matches(pod("Running", "worker-2")));
        assert!(!s.matches(pod("Running", "worker-1")));
        assert!(!s.matches(pod("Pending", "worker-2")));
        assert_eq!(
            FieldSelector::parse(Some("oops")),
            Err("invalid selector: 'oops'; can't understand 'oops'".to_string())
        );
        let s = FieldSelector::parse(Some("foo.bar=baz")).unwrap();
        let (line, _) = s.check("foo.bar=baz", "", "/v1, Resource=pods", POD_FIELDS, true).unwrap_err();
        assert!(line.ends_with("field label not supported: foo.bar"), "{line}");
    }
}
