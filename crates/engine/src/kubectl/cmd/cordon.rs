//! `kubectl cordon` and `kubectl uncordon`: marks nodes (un)schedulable.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go`
//! (`RunCordonOrUncordon`).

use std::fmt::Write as _;

use super::objects::sorted_nodes;
use super::util::{api_error, dry_run, label_filter, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::resources;
use crate::kubectl::target::{self, Request};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::model::Node;
use crate::text::Text;

/// `kubectl cordon|uncordon NODE` (cmd/drain/drain.go `RunCordonOrUncordon`).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd, on: bool) -> CommandOutput {
    let verb = if on { "cordon" } else { "uncordon" };
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    // `NODE…` (or `node/NODE`) names nodes; without them, `-l` selects them.
    let names: Vec<String> = c
        .inv
        .args
        .iter()
        .map(|n| n.strip_prefix("node/").or_else(|| n.strip_prefix("nodes/")).unwrap_or(n).to_string())
        .collect();
    let Some(res) = resources::resolve("nodes") else {
        return CommandOutput::default();
    };
    let requests = vec![Request { res, names, ns: None }];
    let targets = match target::targets(b, c, requests, &filter, |_| {
        CommandOutput::error(
            format!("error: USAGE: {verb} NODE [flags]\nSee 'kubectl {verb} -h' for help and examples"),
            Some(Text::new(
                format!("노드 이름을 지정하세요. 예: `kubectl {verb} worker-1`"),
                format!("Name the node, e.g. `kubectl {verb} worker-1`."),
            )),
        )
    }) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let nodes = sorted_nodes(b);
    let mut chosen: Vec<Node> = Vec::new();
    for t in targets {
        match nodes.iter().find(|n| n.metadata.name == t.name) {
            Some(n) => chosen.push(n.clone()),
            None => return api_error(StatusError::not_found("nodes", &t.name)),
        }
    }
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
                out.changed.push(ObjectChange {
                    kind: "Node".into(),
                    namespace: String::new(),
                    name: n.metadata.name.clone(),
                    action: if on { ChangeAction::Cordoned } else { ChangeAction::Uncordoned },
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
