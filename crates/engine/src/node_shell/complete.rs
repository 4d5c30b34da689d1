//! Tab completion in and into a node shell: `ssh <node>`, the node's
//! commands, `crictl <subcommand>`, `crictl inspectp|logs <ID>` and
//! `systemctl status kubelet`.

use crate::kubectl::Playground;

/// What the node shell's first word may be, beyond the shell's own commands.
const NODE_TOOLS: &[&str] = &["crictl", "lsns", "systemctl", "journalctl", "exit", "ssh", "kubectl"];
/// crictl's subcommands this shell has.
const CRICTL: &[&str] = &["images", "inspect", "inspectp", "logs", "pods", "ps"];

/// Candidates for the word being typed at the end of `line` (`None` when
/// the line is kubectl's to complete).
pub(crate) fn complete(pg: &Playground, line: &str) -> Option<Vec<String>> {
    let open = pg.node_shells.node().map(str::to_string);
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let partial = if line.is_empty() || line.ends_with([' ', '\t']) { "" } else { words.pop().unwrap_or("") };
    let nodes = || pg.cluster.nodes().into_iter().map(|n| n.name).collect::<Vec<_>>();
    let pool: Vec<String> = match (open.as_deref(), words.as_slice()) {
        (None, []) => return None,
        (_, ["ssh"]) => nodes(),
        (None, _) => return None,
        (Some(_), []) => {
            let mut v: Vec<String> = crate::shell::commands().map(str::to_string).collect();
            v.extend(NODE_TOOLS.iter().map(|s| s.to_string()));
            v
        }
        (Some(_), ["crictl"]) => CRICTL.iter().map(|s| s.to_string()).collect(),
        (Some(node), ["crictl", "inspectp"]) => pg
            .cluster
            .runtime()
            .node_sandboxes(node)
            .iter()
            .map(|sb| crate::internals::node_view::pod_id(&sb.uid))
            .collect(),
        (Some(node), ["crictl", "logs" | "inspect"]) => pg
            .cluster
            .runtime()
            .node_sandboxes(node)
            .iter()
            .flat_map(|sb| {
                sb.containers
                    .iter()
                    .map(|c| crate::internals::node_view::container_id(&sb.uid, &c.name))
                    .collect::<Vec<_>>()
            })
            .collect(),
        (Some(_), ["systemctl"]) => vec!["status".into(), "restart".into(), "is-active".into()],
        (Some(_), ["systemctl", _]) => vec!["kubelet".into(), "containerd".into()],
        (Some(_), _) => Vec::new(),
    };
    let mut out: Vec<String> = pool.into_iter().filter(|c| c.starts_with(partial)).collect();
    out.sort();
    out.dedup();
    out.truncate(100);
    Some(out)
}
