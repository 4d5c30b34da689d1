//! What the pod verbs (`logs`, `exec`, `port-forward`) share: finding the
//! pod an argument names and the container to use. Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/util/podcmd/podcmd.go`.

use std::fmt::Write as _;

use super::util::{api_error, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::CommandOutput;
use crate::model::Pod;
use crate::text::Text;

/// The pod named by `POD` or `pod/POD`.
pub(crate) fn find_pod<B: Backend + ?Sized>(b: &B, c: &Cmd, arg: &str) -> Result<Pod, CommandOutput> {
    let name = match arg.split_once('/') {
        Some((t, n)) => {
            match crate::kubectl::resources::resolve(t) {
                Some(r) if r.plural == "pods" => {}
                _ => {
                    return Err(CommandOutput::error(
                        format!("error: cannot attach to {t}: only pods are supported here"),
                        None,
                    ))
                }
            }
            n
        }
        None => arg,
    };
    b.pods()
        .into_iter()
        .find(|p| p.metadata.name == name && p.metadata.namespace == c.ns)
        .ok_or_else(|| api_error(StatusError::not_found("pods", name)))
}

/// The container to use: `-c`, else the `kubectl.kubernetes.io/default-container`
/// annotation, else the first; a note goes to stderr when there was a choice
/// (cmd/util/podcmd/podcmd.go `FindOrDefaultContainerByName`).
pub(crate) fn pick_container(
    pod: &Pod,
    wanted: Option<&str>,
    out: &mut CommandOutput,
) -> Result<String, CommandOutput> {
    let names: Vec<&str> = pod.spec.containers.iter().map(|c| c.name.as_str()).collect();
    let init: Vec<&str> = pod.spec.init_containers.iter().map(|c| c.name.as_str()).collect();
    let ephemeral: Vec<&str> = pod.spec.ephemeral_containers.iter().map(|c| c.container.name.as_str()).collect();
    if let Some(w) = wanted {
        if names.contains(&w) || init.contains(&w) || ephemeral.contains(&w) {
            return Ok(w.to_string());
        }
        return Err(CommandOutput::error(
            format!("error: container {w} is not valid for pod {}", pod.metadata.name),
            Some(Text::new(
                format!(
                    "{} 파드에는 `{w}` 컨테이너가 없습니다. 있는 컨테이너: {}",
                    pod.metadata.name,
                    names.join(", ")
                ),
                format!("Pod {} has no container `{w}`. Its containers: {}", pod.metadata.name, names.join(", ")),
            )),
        ));
    }
    let default = pod
        .metadata
        .annotations
        .get("kubectl.kubernetes.io/default-container")
        .filter(|d| names.contains(&d.as_str()))
        .cloned()
        .or_else(|| names.first().map(|s| s.to_string()))
        .unwrap_or_default();
    if names.len() + init.len() + ephemeral.len() > 1
        && !pod.metadata.annotations.contains_key("kubectl.kubernetes.io/default-container")
    {
        let mut all: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        all.extend(ephemeral.iter().map(|s| format!("{s} (ephem)")));
        all.extend(init.iter().map(|s| format!("{s} (init)")));
        let _ = writeln!(out.stderr, "Defaulted container \"{default}\" out of: {}", all.join(", "));
    }
    Ok(default)
}
