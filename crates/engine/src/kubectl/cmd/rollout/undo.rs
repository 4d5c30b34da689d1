//! `kubectl rollout undo [--to-revision=N]`: puts the template of an older
//! ReplicaSet back into the Deployment; the controller then reuses that
//! ReplicaSet under a new revision number. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_undo.go` and
//! `polymorphichelpers/rollback.go` (`DeploymentRollbacker`).

use super::{revisions, update, HASH_LABEL, REVISION};
use crate::kubectl::backend::{Backend, WorkloadRow};
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// Annotations of a ReplicaSet that do not go back onto the Deployment.
const SKIPPED: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION,
    "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
    "deprecated.deployment.rollback.to",
];

pub(super) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd, d: &WorkloadRow) -> CommandOutput {
    let Some(mut w) = d.object.clone() else { return CommandOutput::default() };
    let to: i64 = match c.inv.get("to-revision").map(str::parse::<i64>) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            let v = c.inv.get("to-revision").unwrap_or("");
            return CommandOutput::error(
                format!("error: invalid argument \"{v}\" for \"--to-revision\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax\nSee 'kubectl rollout undo --help' for usage."),
                Some(Text::new("--to-revision에는 리비전 번호를 쓰세요.", "--to-revision takes a revision number.")),
            );
        }
    };
    if w.spec.paused == Some(true) {
        return CommandOutput::error(
            "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
            Some(Text::new(
                "일시 정지된 디플로이먼트는 되돌릴 수 없습니다. `kubectl rollout resume`으로 먼저 재개하세요.",
                "A paused Deployment cannot be rolled back; resume it with `kubectl rollout resume` first.",
            )),
        );
    }
    let history = revisions(b, d);
    let current = w.metadata.annotations.get(REVISION).and_then(|r| r.parse::<i64>().ok()).unwrap_or(0);
    let target = if to == 0 {
        // The newest revision before the current one.
        history.iter().rev().find(|(r, _)| *r < current)
    } else {
        history.iter().find(|(r, _)| *r == to)
    };
    let Some((rev, rs)) = target else {
        return if to == 0 {
            CommandOutput::error(
                format!("error: no rollout history found for deployment \"{}\"", d.name),
                Some(Text::new(
                    "되돌아갈 이전 리비전이 없습니다. 템플릿을 한 번도 바꾸지 않았습니다. `kubectl rollout history`로 확인하세요.",
                    "There is no earlier revision to go back to: the template was never changed. Check with `kubectl rollout history`.",
                )),
            )
        } else {
            CommandOutput::error(
                format!("error: unable to find specified revision {to} in history"),
                Some(Text::new(
                    format!("리비전 {to}이(가) 기록에 없습니다. `kubectl rollout history`로 남아 있는 리비전을 확인하세요(revisionHistoryLimit보다 오래된 것은 지워집니다)."),
                    format!("Revision {to} is not in the history. Check which revisions remain with `kubectl rollout history` (older ones than revisionHistoryLimit are deleted)."),
                )),
            )
        };
    };
    let mut template = rs.spec.template.clone();
    template.metadata.labels.remove(HASH_LABEL);
    if template == w.spec.template {
        return CommandOutput::ok(format!(
            "deployment.apps/{} skipped rollback (current template already matches revision {rev})\n",
            d.name
        ));
    }
    w.spec.template = template;
    for (k, v) in &rs.metadata.annotations {
        if !SKIPPED.contains(&k.as_str()) {
            w.metadata.annotations.insert(k.clone(), v.clone());
        }
    }
    update(b, &w, "rolled back")
}
