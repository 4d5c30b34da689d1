//! `kubectl create cronjob NAME --image=IMAGE --schedule='*/1 * * * *'
//! [--restart=OnFailure] [-- COMMAND…]`. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/create/create_cronjob.go`
//! (`createCronJob`).

use serde_json::{json, Value};

use super::{command, one_name, required};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;

const EXAMPLE: &str = "kubectl create cronjob hello --image=busybox --schedule=\"*/1 * * * *\" -- date";

pub(super) fn build<B: Backend + ?Sized>(_b: &mut B, c: &Cmd, args: &[String]) -> Result<Value, CommandOutput> {
    let image = c.inv.get("image").filter(|i| !i.is_empty());
    let schedule = c.inv.get("schedule").filter(|s| !s.is_empty());
    let missing: Vec<&str> = [("image", image.is_none()), ("schedule", schedule.is_none())]
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(n, _)| n)
        .collect();
    if !missing.is_empty() {
        return Err(required(&missing, EXAMPLE));
    }
    let name = one_name(args, EXAMPLE)?;
    let restart = c.inv.get("restart").unwrap_or("OnFailure");
    let mut container = json!({"image": image.unwrap_or_default(), "name": name, "resources": {}});
    if let Some(cmd) = command(c) {
        container["command"] = json!(cmd);
    }
    Ok(json!({
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": name},
        "spec": {
            "jobTemplate": {
                "metadata": {"name": name},
                "spec": {
                    "template": {
                        "metadata": {},
                        "spec": {"containers": [container], "restartPolicy": restart}
                    }
                }
            },
            "schedule": schedule.unwrap_or_default()
        },
        "status": {}
    }))
}
