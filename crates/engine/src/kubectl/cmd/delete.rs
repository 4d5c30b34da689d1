//! `kubectl delete`: deletes the objects the target resolver names and,
//! like kubectl's default `--wait`, waits for deleted pods to be gone.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go`.

use std::fmt::Write as _;

use super::kinds;
use super::util::{dry_run, explain_api_error, kind_ref, label_filter, Cmd, OBJECTS_MAX};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::resources::Serve;
use crate::kubectl::target::{self, Target};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::text::Text;

/// `kubectl delete`: prints `pod "x" deleted from default namespace`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let (targets, grace, dry) = match plan(b, c) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    if targets.is_empty() {
        out.stdout = "No resources found\n".to_string();
        return out;
    }
    if grace == Some(0) {
        out.stderr.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    let mut deleted: Vec<(String, String, String)> = Vec::new();
    for t in targets.into_iter().take(OBJECTS_MAX) {
        delete_one(b, t, grace, dry, &mut out, &mut deleted);
    }
    wait_for(b, c, &deleted, &mut out);
    out
}

/// The targets, the grace period and whether this is a dry run.
fn plan<B: Backend + ?Sized>(b: &B, c: &Cmd) -> Result<(Vec<Target>, Option<i64>, bool), CommandOutput> {
    let filter = label_filter(c)?;
    let grace: Option<i64> = match c.inv.get("grace-period") {
        Some(g) => match g.parse::<i64>() {
            Ok(v) if v >= 0 => Some(v),
            Ok(_) => None,
            Err(_) => {
                return Err(CommandOutput::error(
                    format!("error: invalid argument \"{g}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{g}\": invalid syntax\nSee 'kubectl delete --help' for usage."),
                    None,
                ))
            }
        },
        None if c.inv.on("now") => Some(1),
        None if c.inv.on("force") => Some(0),
        None => None,
    };
    let from_files = !c.inv.raw_list("filename").is_empty();
    let requests = target::requests(c, &c.inv.args)?;
    if requests.is_empty() {
        return Err(CommandOutput::error(
            "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
            Some(Text::new("삭제할 대상을 지정하세요. 예: `kubectl delete pod nginx`", "Say what to delete, e.g. `kubectl delete pod nginx`.")),
        ));
    }
    if let Some(r) = requests.iter().find(|r| !from_files && !kinds::deletable(r.res)) {
        return Err(CommandOutput::error(
            format!("error: deleting {} is not available in this playground", r.res.plural),
            None,
        ));
    }
    let targets = target::targets(b, c, requests, &filter, |res| {
        let explain = (res.serve == Serve::Pods).then(|| {
            Text::new(
                "삭제할 파드 이름을 지정하세요. 모두 지우려면 `--all`, 레이블로 고르려면 `-l`을 쓰세요.",
                "Name the pod to delete; use `--all` for every pod or `-l` to select by label.",
            )
        });
        CommandOutput::error("error: resource(s) were provided, but no name was specified", explain)
    })?;
    let dry = if targets.is_empty() { false } else { dry_run(c)? };
    Ok((targets, grace, dry))
}

/// Deletes one object (or, in a dry run, says it would).
fn delete_one<B: Backend + ?Sized>(
    b: &mut B,
    Target { res, ns, name }: Target,
    grace: Option<i64>,
    dry: bool,
    out: &mut CommandOutput,
    deleted: &mut Vec<(String, String, String)>,
) {
    // What kubectl prints for a deleted object: `pod "web" deleted from
    // default namespace`, `force deleted`, `(dry run)` last (delete.go
    // `PrintObj`; the namespace part since kubectl 1.34).
    let operation = if grace == Some(0) { "force deleted" } else { "deleted" };
    let scope = if res.namespaced { format!(" from {ns} namespace") } else { String::new() };
    let done = format!("{operation}{scope}{}", if dry { " (dry run)" } else { "" });
    let kref = kind_ref(res.kind, res.api_version);
    if dry {
        // A dry run of a pod delete still asks the API server for the pod.
        if res.serve == Serve::Pods && !b.pods().iter().any(|p| p.metadata.name == name && p.metadata.namespace == ns) {
            let _ = writeln!(out.stderr, "{}", StatusError::not_found("pods", &name).line());
            out.exit_code = 1;
        } else {
            let _ = writeln!(out.stdout, "{kref} \"{name}\" {done}");
        }
        return;
    }
    // kubectl waits for the object with this UID to go (a mirror pod the
    // kubelet recreates at once is a new object).
    let uid = if res.serve == Serve::Pods {
        b.pods().into_iter().find(|p| p.metadata.namespace == ns && p.metadata.name == name).map(|p| p.metadata.uid)
    } else {
        None
    };
    let result = match res.serve {
        Serve::Pods => b.delete_pod(&ns, &name, grace),
        Serve::Namespaces => b.delete_namespace(&name),
        Serve::Data => b.delete_data(res.kind, &ns, &name),
        _ => b.delete_workload(res.kind, &ns, &name),
    };
    match result {
        Ok(()) => {
            let _ = writeln!(out.stdout, "{kref} \"{name}\" {done}");
            out.changed.push(ObjectChange {
                kind: res.kind.to_string(),
                namespace: ns.clone(),
                name: name.clone(),
                action: ChangeAction::Deleted,
            });
            if res.serve == Serve::Pods {
                deleted.push((ns, name, uid.unwrap_or_default()));
            } else if res.serve == Serve::Namespaces {
                // A deleted namespace is waited for like a pod (kubectl's
                // `--wait`); its namespace is empty.
                deleted.push((String::new(), name, String::new()));
            }
        }
        Err(e) => {
            let _ = writeln!(out.stderr, "{}", e.line());
            out.exit_code = 1;
            // Workload errors are explained from the line (errors.rs).
            if matches!(res.serve, Serve::Pods | Serve::Namespaces | Serve::Data) && out.explain.is_none() {
                out.explain = e.explain.clone().or_else(|| explain_api_error(&e));
            }
        }
    }
}

/// Waits for the deleted pods to disappear (kubectl's default `--wait=true`).
fn wait_for<B: Backend + ?Sized>(b: &mut B, c: &Cmd, deleted: &[(String, String, String)], out: &mut CommandOutput) {
    if c.inv.get("wait") == Some("false") || deleted.is_empty() {
        return;
    }
    let limit = c.ctx.watch_ms_max.clamp(1000, 600_000);
    let mut elapsed = 0u64;
    while elapsed < limit {
        let pods = b.pods();
        let namespaces = b.namespaces();
        let left = |(ns, n, uid): &(String, String, String)| {
            if ns.is_empty() {
                namespaces.iter().any(|v| v.pointer("/metadata/name").and_then(|x| x.as_str()) == Some(n.as_str()))
            } else {
                pods.iter().any(|p| &p.metadata.namespace == ns && &p.metadata.name == n && &p.metadata.uid == uid)
            }
        };
        if !deleted.iter().any(left) {
            break;
        }
        b.advance(1000);
        elapsed += 1000;
    }
    out.advanced_ms += elapsed;
}
