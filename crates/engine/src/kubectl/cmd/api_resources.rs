//! `kubectl api-resources`: the types the playground serves, from the
//! table in `resources.rs`. Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/apiresources/apiresources.go`.

use std::fmt::Write as _;

use super::util::{output, Cmd};
use crate::kubectl::format::table;
use crate::kubectl::printers::Output;
use crate::kubectl::resources::{self, Resource};
use crate::kubectl::CommandOutput;

/// `kubectl api-resources` (cmd/apiresources/apiresources.go): the types the playground serves.
pub(crate) fn run(c: &Cmd) -> CommandOutput {
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let namespaced = c.inv.get("namespaced").map(|v| v == "true");
    // `--verbs=list,get`: every verb must be supported; `--api-group=apps`
    // (the empty group is the core one).
    let verbs = c.inv.list("verbs");
    let group = c.inv.get("api-group");
    let list: Vec<&Resource> = resources::RESOURCES
        .iter()
        .filter(|r| r.served() && namespaced.is_none_or(|n| r.namespaced == n))
        .filter(|r| verbs.iter().all(|v| r.verbs.split(',').any(|have| have == v)))
        .filter(|r| group.is_none_or(|g| group_of(r) == g))
        .collect();
    match out_fmt {
        // `-o name` prints `plural.group` (apiresources.go `printName`).
        Output::Name => CommandOutput::ok(
            list.iter()
                .map(|r| match group_of(r) {
                    "" => format!("{}\n", r.plural),
                    g => format!("{}.{g}\n", r.plural),
                })
                .collect::<String>(),
        ),
        Output::Table | Output::Wide => {
            let wide = out_fmt == Output::Wide;
            let mut text = String::new();
            if !c.inv.on("no-headers") {
                text.push_str("NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND");
                text.push_str(if wide { "\tVERBS\tCATEGORIES\n" } else { "\n" });
            }
            for r in list {
                let _ = write!(
                    text,
                    "{}\t{}\t{}\t{}\t{}",
                    r.plural,
                    r.short.join(","),
                    r.api_version,
                    r.namespaced,
                    r.kind
                );
                if wide {
                    let cats = if r.in_all() { "all" } else { "" };
                    let _ = write!(text, "\t[{}]\t{cats}", r.verbs.replace(',', " "));
                }
                text.push('\n');
            }
            CommandOutput::ok(table(&text))
        }
        _ => CommandOutput::error("error: --output must be 'wide' or 'name'", None),
    }
}

/// The API group of a resource (`apps` of `apps/v1`; empty for the core `v1`).
fn group_of(r: &Resource) -> &'static str {
    r.api_version.rsplit_once('/').map_or("", |(g, _)| g)
}
