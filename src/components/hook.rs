//! Visual hooks: parts of the pictures a lesson's story can point at. Each
//! drawn part carries `data-hook` with the targets it stands for (a
//! space-separated list, as `class` is: the pod's shared box is
//! `shared-net uts ipc`); "Show me" highlights the parts whose list holds
//! the step's target. The names are the lesson format's (`shared-net`,
//! `uts`, `ipc`, `pid`, `mnt`, `volume:NAME`, `container:NAME`,
//! `traffic:TYPE`, `probe`, `node:NAME`); a pod's parts are scoped by the
//! pod view's own `data-pod`.

/// The class that makes a part pulse (or, with reduced motion, outlined)
/// when it is the highlighted target.
pub fn hooked(tokens: &str, highlight: Option<&str>) -> Option<&'static str> {
    let target = highlight?;
    tokens.split_whitespace().any(|t| t == target).then_some("hooked")
}

#[cfg(test)]
mod tests {
    use super::hooked;

    #[test]
    fn a_part_is_highlighted_only_for_a_target_it_stands_for() {
        assert_eq!(hooked("shared-net uts ipc", Some("uts")), Some("hooked"));
        assert_eq!(hooked("shared-net uts ipc", Some("pid")), None);
        assert_eq!(hooked("volume:logs", Some("volume:log")), None);
        assert_eq!(hooked("volume:logs", None), None);
    }
}
