//! `kubectl cordon` and `kubectl uncordon`: marks nodes (un)schedulable.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go`
//! (`RunCordonOrUncordon`).

use std::fmt::Write as _;

use super::objects::sorted_nodes;
use super::util::{api_error, dry_run, label_filter, Cmd};
use crate::kubectl::backend::{ApiError, Backend};
use crate::kubectl::{Change, ChangeAction, CommandOutput};
use crate::model::Node;
use crate::text::Text;

/// `kubectl cordon|uncordon NODE` (cmd/drain/drain.go `RunCordonOrUncordon`).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd, on: bool) -> CommandOutput {
    let verb = if on { "cordon" } else { "uncordon" };
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let nodes = sorted_nodes(b);
    let chosen: Vec<Node> = if let Some(name) = c.inv.args.first() {
        let name = name
            .strip_prefix("node/")
            .or_else(|| name.strip_prefix("nodes/"))
            .unwrap_or(name);
        match nodes.iter().find(|n| n.metadata.name == name) {
            Some(n) => vec![n.clone()],
            None => return api_error(ApiError::not_found("nodes", name)),
        }
    } else if filter.is_set() {
        nodes
            .into_iter()
            .filter(|n| filter.matches(&n.metadata.labels))
            .collect()
    } else {
        return CommandOutput::error(
            "error: USAGE: ".to_string()
                + verb
                + " NODE [flags]\nSee 'kubectl "
                + verb
                + " -h' for help and examples",
            Some(Text::new(
                format!("노드 이름을 지정하세요. 예: `kubectl {verb} worker-1`"),
                format!("Name the node, e.g. `kubectl {verb} worker-1`."),
            )),
        );
    };
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    for n in chosen {
        let already = n.spec.unschedulable.unwrap_or(false) == on;
        let done = if on { "cordoned" } else { "uncordoned" };
        if already {
            let _ = writeln!(out.stdout, "node/{} already {done}", n.metadata.name);
            continue;
        }
        if dry {
            let _ = writeln!(out.stdout, "node/{} {done} (dry run)", n.metadata.name);
            continue;
        }
        match b.set_unschedulable(&n.metadata.name, on) {
            Ok(()) => {
                let _ = writeln!(out.stdout, "node/{} {done}", n.metadata.name);
                out.changed.push(Change {
                    kind: "Node".into(),
                    namespace: String::new(),
                    name: n.metadata.name.clone(),
                    action: if on {
                        ChangeAction::Cordoned
                    } else {
                        ChangeAction::Uncordoned
                    },
                });
            }
            Err(e) => {
                let _ = writeln!(out.stderr, "{}", e.line());
                out.exit_code = 1;
            }
        }
    }
    out
}
