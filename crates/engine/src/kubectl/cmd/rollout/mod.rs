//! `kubectl rollout status|history|undo|restart|pause|resume`, one file per
//! subcommand as kubectl's `staging/src/k8s.io/kubectl/pkg/cmd/rollout/`.
//! Each acts on Deployments (the kinds with rollouts this playground
//! serves); what they change is sent back to the API server as an update.

use std::fmt::Write as _;

use super::util::Cmd;
use crate::kubectl::backend::{Backend, StatusError, WorkloadRow};
use crate::kubectl::target;
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::model::Workload;
use crate::text::Text;

mod history;
mod pause;
mod restart;
mod status;
mod undo;

pub(crate) const REVISION: &str = "deployment.kubernetes.io/revision";
const HASH_LABEL: &str = "pod-template-hash";

/// What `kubectl rollout` alone prints (`rollout.go`, cobra's group help).
const GROUP_HELP: &str = "Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use \"kubectl rollout <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// `kubectl rollout SUBCOMMAND …`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let Some(sub) = c.inv.args.first() else {
        // A command group run alone prints its help (cobra).
        return CommandOutput::ok(GROUP_HELP);
    };
    let args = c.inv.args.get(1..).unwrap_or_default();
    let targets = match deployments(b, c, sub, args) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    for row in targets {
        let one = match sub.as_str() {
            "status" => status::run(b, c, &row),
            "history" => history::run(c, b, &row),
            "undo" => undo::run(b, c, &row),
            "restart" => restart::run(b, &row),
            "pause" => pause::run(b, &row, true),
            "resume" => pause::run(b, &row, false),
            _ => unreachable_sub(sub),
        };
        out.stdout.push_str(&one.stdout);
        out.stderr.push_str(&one.stderr);
        out.advanced_ms += one.advanced_ms;
        out.changed.extend(one.changed);
        if one.exit_code != 0 {
            out.exit_code = one.exit_code;
        }
        if out.explain.is_none() {
            out.explain = one.explain;
        }
        if one.watch.is_some() {
            out.watch = one.watch;
        }
    }
    out
}

fn unreachable_sub(sub: &str) -> CommandOutput {
    CommandOutput::error(
        format!("error: unknown command \"{sub}\" for \"kubectl rollout\""),
        Some(Text::new(
            "rollout의 하위 명령은 status, history, undo, restart, pause, resume입니다.",
            "rollout's subcommands are status, history, undo, restart, pause and resume.",
        )),
    )
}

/// The Deployments the arguments name (`deployment/web`, `deploy web`).
fn deployments<B: Backend + ?Sized>(
    b: &B,
    c: &Cmd,
    sub: &str,
    args: &[String],
) -> Result<Vec<WorkloadRow>, CommandOutput> {
    if !matches!(sub, "status" | "history" | "undo" | "restart" | "pause" | "resume") {
        return Err(unreachable_sub(sub));
    }
    let requests = target::requests(c, args)?;
    if requests.is_empty() {
        return Err(CommandOutput::error(
            format!("error: required resource not specified\nSee 'kubectl rollout {sub} -h' for help and examples"),
            Some(Text::new(
                format!("대상 디플로이먼트를 지정하세요. 예: `kubectl rollout {sub} deployment/web`"),
                format!("Name the Deployment, e.g. `kubectl rollout {sub} deployment/web`."),
            )),
        ));
    }
    let rows = b.workloads();
    let mut out = Vec::new();
    let mut err = CommandOutput::default();
    for r in requests {
        if r.res.kind != "Deployment" {
            let group = r.res.api_version.split_once('/').map_or("", |g| g.0);
            let group_kind = if group.is_empty() { r.res.kind.to_string() } else { format!("{}.{group}", r.res.kind) };
            let resource =
                if group.is_empty() { r.res.plural.to_string() } else { format!("{}.{group}", r.res.plural) };
            let line = match sub {
                "status" => format!("error: no status viewer has been implemented for {group_kind}"),
                "history" => format!("error: no history viewer has been implemented for \"{group_kind}\""),
                "undo" => format!("error: no rollbacker has been implemented for \"{group_kind}\""),
                other => {
                    let verb = match other {
                        "pause" => "pausing",
                        "resume" => "resuming",
                        _ => "restarting",
                    };
                    format!("error: {resource} \"{}\" {verb} is not supported", r.names.join(","))
                }
            };
            let _ = writeln!(err.stderr, "{line}");
            err.exit_code = 1;
            err.explain = Some(Text::new(
                "롤아웃은 디플로이먼트(그리고 데몬셋, 스테이트풀셋)에만 있습니다. 이 플레이그라운드에서는 디플로이먼트를 쓰세요.",
                "Rollouts exist for Deployments (and DaemonSets, StatefulSets); use a Deployment here.",
            ));
            continue;
        }
        let ns = r.ns.clone().unwrap_or_else(|| c.ns.clone());
        for name in &r.names {
            match rows.iter().find(|w| w.kind == "Deployment" && w.namespace == ns && &w.name == name) {
                Some(w) => out.push(w.clone()),
                None => {
                    let e = StatusError::not_found("deployments.apps", name);
                    let _ = writeln!(err.stderr, "{}", e.line());
                    err.exit_code = 1;
                    err.explain = Some(Text::new(
                        format!("`{name}` 디플로이먼트가 `{ns}` 네임스페이스에 없습니다. `kubectl get deployments`로 이름을 확인하세요."),
                        format!("There is no Deployment `{name}` in namespace `{ns}`. Check the name with `kubectl get deployments`."),
                    ));
                }
            }
        }
    }
    if err.exit_code != 0 {
        return Err(err);
    }
    Ok(out)
}

/// The ReplicaSets a Deployment owns, with their revisions, oldest revision first.
pub(super) fn revisions<B: Backend + ?Sized>(b: &B, d: &WorkloadRow) -> Vec<(i64, Workload)> {
    let uid = d.object.as_ref().map(|o| o.metadata.uid.clone()).unwrap_or_default();
    let mut out: Vec<(i64, Workload)> = b
        .workloads()
        .into_iter()
        .filter(|w| w.kind == "ReplicaSet" && w.namespace == d.namespace)
        .filter_map(|w| w.object)
        .filter(|o| o.metadata.owner_references.iter().any(|r| r.uid == uid && r.controller == Some(true)))
        .filter_map(|o| {
            let rev = o.metadata.annotations.get(REVISION).and_then(|r| r.parse::<i64>().ok())?;
            Some((rev, o))
        })
        .collect();
    out.sort_by_key(|(r, _)| *r);
    out
}

/// Sends the changed Deployment to the API server and says `deployment.apps/NAME <what>`.
pub(super) fn update<B: Backend + ?Sized>(b: &mut B, w: &Workload, what: &str) -> CommandOutput {
    let doc = serde_json::to_string(w).unwrap_or_default();
    match b.apply(&doc, &w.metadata.namespace, false) {
        Ok((ns, name, _)) => CommandOutput {
            stdout: format!("deployment.apps/{name} {what}\n"),
            changed: vec![ObjectChange {
                kind: "Deployment".into(),
                namespace: ns,
                name,
                action: ChangeAction::Configured,
            }],
            ..CommandOutput::default()
        },
        Err(e) => super::util::api_error(e),
    }
}

/// `error: deployments.apps "web" <problem>`, as the pause/resume/restart
/// helpers report a patch they refuse.
pub(super) fn refused(name: &str, problem: &str, explain: Text) -> CommandOutput {
    CommandOutput::error(format!("error: deployments.apps \"{name}\" {problem}"), Some(explain))
}
