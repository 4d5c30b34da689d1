//! `kubectl rollout history [--revision=N]`: the revisions of a
//! Deployment (its ReplicaSets) with their change-cause, or one
//! revision's pod template. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_history.go` and
//! `polymorphichelpers/history.go` (`DeploymentHistoryViewer`,
//! `printTemplate` with `describe.DescribePodTemplate`).

use std::fmt::Write as _;

use super::revisions;
use crate::kubectl::backend::{Backend, WorkloadRow};
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::format::describe_block;
use crate::kubectl::CommandOutput;
use crate::text::Text;

const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

pub(super) fn run<B: Backend + ?Sized>(c: &Cmd, b: &B, d: &WorkloadRow) -> CommandOutput {
    let revision: i64 = c.inv.get("revision").and_then(|r| r.parse().ok()).unwrap_or(0);
    let history = revisions(b, d);
    if history.is_empty() {
        return CommandOutput::ok(format!("deployment.apps/{} \nNo rollout history found.\n", d.name));
    }
    if revision > 0 {
        let Some((_, rs)) = history.iter().find(|(r, _)| *r == revision) else {
            return CommandOutput::error(
                "error: unable to find the specified revision",
                Some(Text::new(
                    format!("리비전 {revision}이(가) 기록에 없습니다. `kubectl rollout history`로 남아 있는 리비전을 확인하세요."),
                    format!("Revision {revision} is not in the history. See which remain with `kubectl rollout history`."),
                )),
            );
        };
        return CommandOutput::ok(format!(
            "deployment.apps/{} with revision #{revision}\n{}\n",
            d.name,
            crate::kubectl::describe_workloads::pod_template(&rs.spec.template)
        ));
    }
    let mut text = String::from("REVISION\tCHANGE-CAUSE\n");
    for (r, rs) in &history {
        let cause = rs.metadata.annotations.get(CHANGE_CAUSE).filter(|c| !c.is_empty()).cloned();
        let _ = writeln!(text, "{r}\t{}", cause.unwrap_or_else(|| "<none>".into()));
    }
    let mut table = describe_block(&text);
    if !table.ends_with('\n') {
        table.push('\n');
    }
    CommandOutput::ok(format!("deployment.apps/{} \n{table}\n", d.name))
}
