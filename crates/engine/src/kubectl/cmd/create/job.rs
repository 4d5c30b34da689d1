//! `kubectl create job NAME --image=IMAGE [-- COMMAND…]` and
//! `kubectl create job NAME --from=cronjob/X`. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go` (`createJob`,
//! `createJobFromCronJob`: the annotation `cronjob.kubernetes.io/instantiate:
//! manual` and an owner reference to the CronJob).

use serde_json::{json, Value};

use super::{command, one_name};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;
use crate::text::Text;

const EXAMPLE: &str = "kubectl create job pi --image=perl:5.34 -- perl -e 'print 1'";

pub(super) fn build<B: Backend + ?Sized>(b: &mut B, c: &Cmd, args: &[String]) -> Result<Value, CommandOutput> {
    let name = one_name(args, EXAMPLE)?;
    let image = c.inv.get("image").filter(|i| !i.is_empty());
    let from = c.inv.get("from").filter(|f| !f.is_empty());
    if image.is_some() == from.is_some() {
        return Err(CommandOutput::error(
            "error: either --image or --from must be specified",
            Some(Text::new(
                "`--image`(새 잡)나 `--from=cronjob/이름`(크론잡에서 만들기) 중 하나만 쓰세요.",
                "Use exactly one of `--image` (a new Job) or `--from=cronjob/NAME` (a Job from a CronJob).",
            )),
        ));
    }
    if let Some(from) = from {
        if command(c).is_some() {
            return Err(CommandOutput::error("error: cannot specify --from and command", None));
        }
        return from_cronjob(b, c, &name, from);
    }
    let mut container = json!({"image": image.unwrap_or_default(), "name": name, "resources": {}});
    if let Some(cmd) = command(c) {
        container["command"] = json!(cmd);
    }
    Ok(json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": name},
        "spec": {
            "template": {
                "metadata": {},
                "spec": {"containers": [container], "restartPolicy": "Never"}
            }
        },
        "status": {}
    }))
}

/// `--from=cronjob/X`: a Job built from the CronJob's job template.
fn from_cronjob<B: Backend + ?Sized>(b: &mut B, c: &Cmd, name: &str, from: &str) -> Result<Value, CommandOutput> {
    let (kind, source) = from.split_once('/').unwrap_or((from, ""));
    if !matches!(kind, "cronjob" | "cronjobs" | "cj" | "cronjob.batch" | "cronjobs.batch") || source.is_empty() {
        return Err(CommandOutput::error(
            format!("error: from must be an existing cronjob: no kind \"{kind}\" is registered for the internal version of group \"\""),
            Some(Text::new("`--from`에는 `cronjob/이름`을 쓰세요.", "`--from` takes `cronjob/NAME`.")),
        ));
    }
    let row = b.workloads().into_iter().find(|w| w.kind == "CronJob" && w.namespace == c.ns && w.name == source);
    let Some(cj) = row.and_then(|w| w.object) else {
        return Err(CommandOutput::error(
            format!("error: from must be an existing cronjob: cronjobs.batch \"{source}\" not found"),
            Some(Text::new(
                format!("`{source}` 크론잡이 이 네임스페이스에 없습니다. `kubectl get cronjobs`로 확인하세요."),
                format!("There is no CronJob `{source}` in this namespace. Check with `kubectl get cronjobs`."),
            )),
        ));
    };
    let tmpl = cj.spec.job_template.clone().unwrap_or_default();
    let mut annotations = tmpl.pointer("/metadata/annotations").cloned().unwrap_or_else(|| json!({}));
    if let Some(m) = annotations.as_object_mut() {
        m.insert("cronjob.kubernetes.io/instantiate".into(), json!("manual"));
    }
    let mut meta = json!({
        "annotations": annotations,
        "name": name,
        "ownerReferences": [{
            "apiVersion": "batch/v1",
            "controller": true,
            "kind": "CronJob",
            "name": cj.metadata.name,
            "uid": cj.metadata.uid
        }]
    });
    if let Some(labels) = tmpl.pointer("/metadata/labels") {
        meta["labels"] = labels.clone();
    }
    Ok(json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": meta,
        "spec": tmpl.get("spec").cloned().unwrap_or_else(|| json!({})),
        "status": {}
    }))
}
