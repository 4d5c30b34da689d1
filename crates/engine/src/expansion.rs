//! `$(VAR)` expansion in a container's `command`, `args` and `env` values,
//! as the kubelet does it.
//!
//! Follows `third_party/forked/golang/expansion/expand.go` (`Expand`,
//! `tryReadVariableName`) with the kubelet's mapping
//! (`MappingFuncFor`): `$(NAME)` becomes the variable's value; an unknown
//! name is left as written, `$(NAME)`; `$$` is one literal `$` (so
//! `$$(NAME)` is the text `$(NAME)`); a `$(` with no closing `)` and a `$`
//! before anything else stay as they are. The name runs to the first `)`,
//! whatever it holds: references do not nest.

/// Expands every `$(NAME)` in `input` with `lookup` (see the module doc).
pub fn expand(input: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(at) = rest.find('$') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + 1..).unwrap_or("");
        if let Some(tail) = after.strip_prefix('$') {
            // An escaped operator.
            out.push('$');
            rest = tail;
        } else if let Some(body) = after.strip_prefix('(') {
            match body.find(')') {
                Some(end) => {
                    let name = body.get(..end).unwrap_or("");
                    match lookup(name) {
                        Some(value) => out.push_str(&value),
                        None => {
                            out.push_str("$(");
                            out.push_str(name);
                            out.push(')');
                        }
                    }
                    rest = body.get(end + 1..).unwrap_or("");
                }
                None => {
                    // An unterminated reference is copied, and the scan
                    // goes on after its `$(`.
                    out.push_str("$(");
                    rest = body;
                }
            }
        } else {
            // A lone `$` (also the last character) is copied as it is.
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::expand;

    // The cases of upstream's `expand_test.go` that our variables can reach.
    #[test]
    fn expands_like_the_kubelet() {
        let lookup = |name: &str| match name {
            "VAR_A" => Some("A".to_string()),
            "VAR_B" => Some("B".to_string()),
            "VAR_REF" => Some("$(VAR_A)".to_string()),
            "VAR_EMPTY" => Some(String::new()),
            _ => None,
        };
        for (input, want) in [
            ("$(VAR_A)", "A"),
            ("___$(VAR_B)___", "___B___"),
            ("$(VAR_A)-$(VAR_B)", "A-B"),
            ("$(VAR_A)$(VAR_B)", "AB"),
            ("$(VAR_EMPTY)", ""),
            // Escapes.
            ("$$(VAR_B)", "$(VAR_B)"),
            ("$$$(VAR_A)", "$A"),
            ("$$$$(VAR_A)", "$$(VAR_A)"),
            ("$$", "$"),
            ("f000-$$VAR_A", "f000-$VAR_A"),
            // Unknown references stay as written.
            ("$(UNKNOWN)", "$(UNKNOWN)"),
            ("$()", "$()"),
            // A value is not expanded again.
            ("$(VAR_REF)", "$(VAR_A)"),
            // Unterminated references and lone operators.
            ("$(VAR_A", "$(VAR_A"),
            ("$(VAR_A$(VAR_B)", "$(VAR_A$(VAR_B)"),
            ("$(", "$("),
            ("$", "$"),
            ("a$", "a$"),
            ("$VAR_A", "$VAR_A"),
            ("$(VAR_A$(VAR_B", "$(VAR_A$(VAR_B"),
            // Nesting is not a thing: the name runs to the first `)`.
            ("$($(VAR_A))", "$($(VAR_A))"),
            ("$(VAR_A)$", "A$"),
            ("héllo $(VAR_A) wörld", "héllo A wörld"),
        ] {
            assert_eq!(expand(input, lookup), want, "{input}");
        }
    }

    #[test]
    fn env_refs_expand_like_the_kubelet() {
        let env = |n: &str| (n == "MSG").then(|| "hi".to_string());
        assert_eq!(expand("echo $(MSG) $(NOPE) $$(MSG)", env), "echo hi $(NOPE) $(MSG)");
    }
}
