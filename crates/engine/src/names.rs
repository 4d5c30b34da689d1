//! Names and label syntax: DNS-1123 labels and subdomains, DNS-1035
//! labels, qualified names (label and annotation keys, with an optional
//! DNS prefix), label values, port and environment variable names, and the
//! hostname a pod's containers see.
//!
//! The checks follow `k8s.io/apimachinery/pkg/util/validation/validation.go`
//! (`IsDNS1123Label`, `IsDNS1123Subdomain`, `IsQualifiedName`,
//! `IsValidLabelValue`, …), written our own way; each returns every problem
//! with upstream's message text, empty when the name is valid, so that what
//! a learner reads here is what a real cluster prints.

const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUALIFIED_NAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

fn is_label_chars(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// `IsDNS1123Label`: every problem, as upstream lists them.
pub fn dns1123_label(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !is_label_chars(s) {
        // A valid subdomain that is not a label can only have dots in it.
        if !s.is_empty() && s.split('.').all(is_label_chars) {
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(DNS1123_LABEL_MSG.to_string());
        }
    }
    errs
}

const DNS1035_LABEL_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/// `IsDNS1035Label` (Service names).
pub fn dns1035_label(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !is_label_chars(s) || !s.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        errs.push(DNS1035_LABEL_MSG.to_string());
    }
    errs
}

/// `IsValidPathSegmentName` (RBAC object names).
pub fn path_segment_name(s: &str) -> Vec<String> {
    if s == "." || s == ".." {
        return vec![format!("may not be '{s}'")];
    }
    let mut errs = Vec::new();
    for bad in ["/", "%"] {
        if s.contains(bad) {
            errs.push(format!("may not contain '{bad}'"));
        }
    }
    errs
}

/// `IsDNS1123Subdomain`.
pub fn dns1123_subdomain(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    if s.is_empty() || !s.split('.').all(is_label_chars) {
        errs.push(DNS1123_SUBDOMAIN_MSG.to_string());
    }
    errs
}

const DNS1123_SUBDOMAIN_UNDERSCORE_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')";

/// `IsDNS1123SubdomainWithUnderscore` (DNS search domains under
/// RelaxedDNSSearchValidation): each label may start with `_` and hold `_`.
pub fn dns1123_subdomain_with_underscore(s: &str) -> Vec<String> {
    let label = |l: &str| {
        let body = l.strip_prefix('_').unwrap_or(l);
        let b = body.as_bytes();
        !b.is_empty()
            && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_')
            && b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
    };
    let mut errs = Vec::new();
    if s.len() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    if s.is_empty() || !s.split('.').all(label) {
        errs.push(DNS1123_SUBDOMAIN_UNDERSCORE_MSG.to_string());
    }
    errs
}

fn is_qualified_part(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// `IsQualifiedName` (label and annotation keys).
pub fn qualified_name(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = s.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                for e in dns1123_subdomain(prefix) {
                    errs.push(format!("prefix part {e}"));
                }
            }
            name
        }
        _ => {
            errs.push(format!("a qualified name {QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        errs.push("name part must be no more than 63 characters".to_string());
    }
    if !name.is_empty() && !is_qualified_part(name) {
        errs.push(format!("name part {QUALIFIED_NAME_MSG}"));
    }
    errs
}

/// `IsValidLabelValue`.
pub fn label_value(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !s.is_empty() && !is_qualified_part(s) {
        errs.push(LABEL_VALUE_MSG.to_string());
    }
    errs
}

/// `IsValidPortName` (IANA_SVC_NAME).
pub fn port_name(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > 15 {
        errs.push("must be no more than 15 characters".to_string());
    }
    if !s.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-') {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string());
    }
    if !s.bytes().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if s.contains("--") {
        errs.push("must not contain consecutive hyphens".to_string());
    }
    if s.starts_with('-') || s.ends_with('-') {
        errs.push("must not begin or end with a hyphen".to_string());
    }
    errs
}

/// `IsEnvVarName` with RelaxedEnvironmentVariableValidation (on by default
/// since 1.32).
pub fn env_var_name(s: &str) -> Vec<String> {
    if s.is_empty() || !s.bytes().all(|c| (0x20..=0x7e).contains(&c) && c != b'=') {
        vec!["a valid environment variable name must consist only of printable ASCII characters other than '='"
            .to_string()]
    } else {
        Vec::new()
    }
}

/// The hostname a pod's containers see: `spec.hostname` when set, else
/// the pod's name; cut to 63 characters, and then without a trailing `-`
/// or `.`.
///
/// Follows `pkg/kubelet/kubelet_pods.go` (`GeneratePodHostNameAndDomain`,
/// `truncatePodHostnameIfNeeded`): only a cut name is trimmed.
pub fn pod_hostname(pod_name: &str, spec_hostname: Option<&str>) -> String {
    const HOSTNAME_MAX_LEN: usize = 63;
    let hostname = spec_hostname.filter(|h| !h.is_empty()).unwrap_or(pod_name);
    if hostname.len() <= HOSTNAME_MAX_LEN {
        return hostname.to_string();
    }
    // Names are ASCII once validated; a cut inside a character backs off to its start.
    let mut end = HOSTNAME_MAX_LEN;
    while !hostname.is_char_boundary(end) {
        end -= 1;
    }
    hostname.get(..end).unwrap_or("").trim_end_matches(['-', '.']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(dns1123_label("web-1").is_empty());
        assert_eq!(dns1123_label("Web").len(), 1);
        assert_eq!(dns1123_label(&"a".repeat(64)).len(), 1);
        assert_eq!(dns1123_label("a.b"), ["must not contain dots"]);
        assert!(dns1123_subdomain_with_underscore("_sip._tcp.example.com").is_empty());
        assert!(!dns1123_subdomain_with_underscore("Example.com").is_empty());
        assert!(!dns1123_subdomain_with_underscore("a_.com").is_empty());
        assert!(dns1123_subdomain("a.b-c.d").is_empty());
        assert!(!dns1123_subdomain("process-item-$ITEM").is_empty());
        assert!(qualified_name("app.kubernetes.io/name").is_empty());
        assert!(!qualified_name("a/b/c").is_empty());
        assert!(!qualified_name("-a").is_empty());
        assert!(label_value("").is_empty());
        assert!(!label_value("a b").is_empty());
        assert!(port_name("http-web").is_empty());
        assert!(!port_name("8080").is_empty());
        assert!(env_var_name("MY_VAR.x-1").is_empty());
        assert!(!env_var_name("A=B").is_empty());
    }

    // kubectl's own copy accepted an empty label between dots as a DNS name.
    #[test]
    fn empty_labels_between_dots_are_refused() {
        assert!(!dns1123_subdomain("a..b").is_empty());
        assert!(!dns1123_label("a..b").is_empty());
        assert!(!qualified_name("a..b/key").is_empty());
    }

    #[test]
    fn upstream_messages_are_kept() {
        assert_eq!(
            dns1123_label("Web"),
            ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
        );
        assert_eq!(label_value(&"v".repeat(64)), ["must be no more than 63 characters"]);
        assert_eq!(qualified_name("/x"), ["prefix part must be non-empty"]);
    }

    #[test]
    fn hostnames_follow_the_kubelet() {
        assert_eq!(pod_hostname("web", None), "web");
        assert_eq!(pod_hostname("web", Some("")), "web");
        assert_eq!(pod_hostname("web", Some("front")), "front");
        // A 70-character name is cut to 63, and the cut loses its trailing `-` and `.`.
        let name = format!("{}-.{}", "a".repeat(61), "b".repeat(7));
        assert_eq!(name.len(), 70);
        assert_eq!(pod_hostname(&name, None), "a".repeat(61));
        let exact = "c".repeat(63);
        assert_eq!(pod_hostname(&exact, None), exact);
        assert_eq!(pod_hostname(&"d".repeat(64), None), "d".repeat(63));
    }
}
