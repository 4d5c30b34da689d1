//! `kubectl create deployment NAME --image=IMAGE… [--replicas=N]
//! [--port=P] [-- COMMAND…]`. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go`
//! (`createDeployment`, `buildPodSpec`: one container per image, named
//! after the image).

use serde_json::{json, Value};

use super::{command, one_name, required};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;
use crate::text::Text;

const EXAMPLE: &str = "kubectl create deployment web --image=nginx";

/// `parseImageName`-then-`sanitizeAndUniquify`: the container name an
/// image gets (`registry/ns/nginx:1.27` → `nginx`; `_` becomes `-`).
pub(super) fn container_name(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let base = last.split('@').next().unwrap_or(last);
    let base = base.split(':').next().unwrap_or(base);
    base.replace('_', "-")
}

fn int_flag(c: &Cmd, flag: &str, default: i64) -> Result<i64, CommandOutput> {
    match c.inv.get(flag) {
        None => Ok(default),
        Some(v) => v.parse::<i32>().map(i64::from).map_err(|_| {
            CommandOutput::error(
                format!("error: invalid argument \"{v}\" for \"--{flag}\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax\nSee 'kubectl create deployment --help' for usage."),
                Some(Text::new(format!("--{flag}에는 정수를 써야 합니다."), format!("--{flag} takes a whole number."))),
            )
        }),
    }
}

pub(super) fn build<B: Backend + ?Sized>(_b: &mut B, c: &Cmd, args: &[String]) -> Result<Value, CommandOutput> {
    let name = one_name(args, EXAMPLE)?;
    let images = c.inv.list("image");
    if images.is_empty() {
        return Err(required(&["image"], EXAMPLE));
    }
    let replicas = int_flag(c, "replicas", 1)?;
    let port = int_flag(c, "port", -1)?;
    let mut containers: Vec<Value> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for image in &images {
        let mut cname = container_name(image);
        // sanitizeAndUniquify: a repeated name gets a numeric suffix.
        let base = cname.clone();
        let mut n = 1;
        while seen.contains(&cname) {
            cname = format!("{base}-{n}");
            n += 1;
        }
        seen.push(cname.clone());
        containers.push(json!({"image": image, "name": cname, "resources": {}}));
    }
    if let Some(first) = containers.first_mut() {
        if let Some(cmd) = command(c) {
            first["command"] = json!(cmd);
        }
        if port >= 0 {
            first["ports"] = json!([{ "containerPort": port }]);
        }
    }
    Ok(json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"labels": {"app": name}, "name": name},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "strategy": {},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": containers}
            }
        },
        "status": {}
    }))
}
