//! `kubectl api-versions`: every `group/version` the API server serves,
//! sorted, one a line. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/apiresources/apiversions.go`
//! (`RunAPIVersions`: `discovery.GroupVersionResources`, then
//! `sort.Strings`).

use std::collections::BTreeSet;

use super::util::Cmd;
use crate::kubectl::resources::RESOURCES;
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// The versions of the kinds the playground serves, plus `policy/v1`,
/// where the pods' `eviction` subresource (used by `kubectl drain`) lives.
pub(crate) fn served_versions() -> BTreeSet<&'static str> {
    let mut set: BTreeSet<&'static str> = RESOURCES.iter().filter(|r| r.served()).map(|r| r.api_version).collect();
    set.insert("policy/v1");
    set
}

/// `kubectl api-versions` (cmd/apiresources/apiversions.go).
pub(crate) fn run(c: &Cmd) -> CommandOutput {
    if let Some(arg) = c.inv.args.first() {
        return CommandOutput::error(
            format!("error: unexpected arguments: [{arg}]\nSee 'kubectl api-versions -h' for help and examples"),
            Some(Text::new(
                "`kubectl api-versions`는 인자를 받지 않습니다.",
                "`kubectl api-versions` takes no arguments.",
            )),
        );
    }
    // Go's sort.Strings orders bytes, as a BTreeSet of &str does.
    let text: String = served_versions().into_iter().map(|v| format!("{v}\n")).collect();
    CommandOutput::ok(text)
}
