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
use crate::model::PodTemplateSpec;
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
            describe_template(&rs.spec.template)
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

/// `DescribePodTemplate` as a history viewer prints it (tabs kept, no tabwriter).
fn describe_template(t: &PodTemplateSpec) -> String {
    let mut s = String::from("Pod Template:\n");
    let labels: Vec<String> = t.metadata.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let _ = writeln!(s, "  Labels:\t{}", if labels.is_empty() { "<none>".into() } else { labels.join("\n\t") });
    if !t.metadata.annotations.is_empty() {
        let a: Vec<String> = t.metadata.annotations.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let _ = writeln!(s, "  Annotations:\t{}", a.join("\n\t"));
    }
    s.push_str("  Containers:\n");
    for c in &t.spec.containers {
        let _ = writeln!(s, "   {}:", c.name);
        let _ = writeln!(s, "    Image:\t{}", c.image.as_deref().unwrap_or(""));
        let ports: Vec<String> = c
            .ports
            .iter()
            .map(|p| format!("{}/{}", p.container_port, p.protocol.as_deref().unwrap_or("TCP")))
            .collect();
        let host: Vec<String> = c
            .ports
            .iter()
            .map(|p| format!("{}/{}", p.host_port.unwrap_or(0), p.protocol.as_deref().unwrap_or("TCP")))
            .collect();
        let none = |v: Vec<String>| if v.is_empty() { "<none>".to_string() } else { v.join(", ") };
        let _ = writeln!(s, "    Port:\t{}", none(ports));
        let _ = writeln!(s, "    Host Port:\t{}", none(host));
        if !c.command.is_empty() {
            s.push_str("    Command:\n");
            for a in &c.command {
                let _ = writeln!(s, "      {a}");
            }
        }
        let env: Vec<String> =
            c.env.iter().map(|e| format!("{}:\t{}", e.name, e.value.clone().unwrap_or_default())).collect();
        if env.is_empty() {
            s.push_str("    Environment:\t<none>\n");
        } else {
            s.push_str("    Environment:\n");
            for e in env {
                let _ = writeln!(s, "      {e}");
            }
        }
        s.push_str("    Mounts:\t<none>\n");
    }
    s.push_str("  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n");
    s
}
