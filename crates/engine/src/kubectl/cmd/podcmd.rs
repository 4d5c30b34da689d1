//! What the pod verbs (`logs`, `exec`, `port-forward`) share: finding the
//! pod an argument names and the container to use. Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/util/podcmd/podcmd.go`.

use std::fmt::Write as _;

use super::util::{api_error, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::resources::{self, Serve};
use crate::kubectl::CommandOutput;
use crate::model::Pod;
use crate::text::Text;

/// `--pod-running-timeout`'s default for logs (20 s): how long a workload's
/// first pod is waited for.
const POD_RUNNING_TIMEOUT_MS: u64 = 20_000;
/// The virtual clock's step while waiting for it.
const WAIT_STEP_MS: u64 = 200;

/// The pod named by `POD`, `pod/POD` or a workload's `TYPE/NAME`
/// (`deploy/web`: its first pod, as `AttachablePodForObject` picks it;
/// kubectl prints no note for exec and port-forward).
pub(crate) fn find_pod<B: Backend + ?Sized>(b: &mut B, c: &Cmd, arg: &str) -> Result<Pod, CommandOutput> {
    let mut notes = CommandOutput::default();
    let refuse = |typed: &str, _kind: &str| {
        CommandOutput::error(format!("error: cannot attach to {typed}: only pods are supported here"), None)
    };
    let mut pods = pods_for_object(b, c, arg, &mut notes, refuse)?;
    pods.pop().ok_or_else(|| api_error(StatusError::not_found("pods", arg)))
}

/// The pod `arg` names and the container `-c` picks (notes go to `out`),
/// refused when the pod has finished, in kubectl's words for `doing`
/// ("exec into", "attach"): `cannot exec into a container in a completed
/// pod; current phase is Succeeded` (exec.go, attach.go).
pub(crate) fn live_container<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    arg: &str,
    doing: &str,
    out: &mut CommandOutput,
) -> Result<(Pod, String), CommandOutput> {
    let pod = find_pod(b, c, arg)?;
    let ctr = pick_container(&pod, c.inv.get("container"), out)?;
    let phase = pod.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_default();
    if phase == "Succeeded" || phase == "Failed" {
        return Err(CommandOutput::error(
            format!("error: cannot {doing} a container in a completed pod; current phase is {phase}"),
            None,
        ));
    }
    Ok((pod, ctr))
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

/// `podutils.ByLogging`: the pod `kubectl logs deploy/x` reads first.
pub(crate) fn by_logging(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let assigned = |p: &Pod| p.spec.node_name.as_deref().is_some_and(|n| !n.is_empty());
    let phase = |p: &Pod| match p.status.as_ref().and_then(|s| s.phase.as_deref()) {
        Some("Unknown") => 1,
        Some("Pending") => 2,
        _ => 0,
    };
    let ready_at = |p: &Pod| -> Option<String> {
        p.status.as_ref().and_then(|s| {
            s.conditions
                .iter()
                .find(|c| c.type_ == "Ready" && c.status == "True")
                .map(|c| c.last_transition_time.clone().unwrap_or_default())
        })
    };
    let restarts = |p: &Pod| {
        p.status
            .as_ref()
            .map(|s| {
                s.container_statuses
                    .iter()
                    .filter_map(|c| c.get("restartCount").and_then(|r| r.as_i64()))
                    .max()
                    .unwrap_or(0)
            })
            .unwrap_or(0)
    };
    if assigned(a) != assigned(b) {
        return if assigned(a) { Ordering::Less } else { Ordering::Greater };
    }
    if phase(a) != phase(b) {
        return phase(a).cmp(&phase(b));
    }
    match (ready_at(a), ready_at(b)) {
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (Some(x), Some(y)) if x != y => return x.cmp(&y),
        _ => {}
    }
    if restarts(a) != restarts(b) {
        return restarts(b).cmp(&restarts(a));
    }
    a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp)
}

/// The pods `TYPE/NAME` or `POD` names: the pod itself, or the first of a
/// workload's pods (with upstream's `Found N pods` note), as
/// `polymorphichelpers.GetFirstPod` finds it: when the workload has no pod
/// yet, it waits for one on the virtual clock, up to `--pod-running-timeout`
/// (20 s), then says `timed out waiting for the condition`.
pub(crate) fn pods_for_object<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    arg: &str,
    out: &mut CommandOutput,
    unsupported: impl Fn(&str, &str) -> CommandOutput,
) -> Result<Vec<Pod>, CommandOutput> {
    let (typed, name) = match arg.split_once('/') {
        Some((t, n)) => (Some(t), n),
        None => (None, arg),
    };
    let res = match typed {
        None => resources::resolve("pods"),
        Some(t) => match resources::resolve(t) {
            Some(r) => Some(r),
            None => return Err(CommandOutput::error(resources::unknown_type_line(t), None)),
        },
    };
    let Some(res) = res else { return Err(CommandOutput::default()) };
    match res.serve {
        Serve::Pods => b
            .pods()
            .into_iter()
            .find(|p| p.metadata.name == name && p.metadata.namespace == c.ns)
            .map(|p| vec![p])
            .ok_or_else(|| api_error(StatusError::not_found("pods", name))),
        Serve::Workloads => {
            let group = res.api_version.split_once('/').map(|(g, _)| format!(".{g}")).unwrap_or_default();
            let Some(row) =
                b.workloads().into_iter().find(|w| w.kind == res.kind && w.namespace == c.ns && w.name == name)
            else {
                return Err(api_error(StatusError::not_found(&format!("{}{group}", res.plural), name)));
            };
            let selector = row
                .object
                .as_ref()
                .and_then(|w| w.spec.selector.clone())
                .and_then(|v| serde_json::from_value::<crate::model::LabelSelector>(v).ok())
                .and_then(|ls| crate::selector::Selector::from_label_selector(&ls).ok());
            let mut template_labels =
                row.object.as_ref().map(|w| w.spec.template.metadata.labels.clone()).unwrap_or_default();
            // A Job's pods carry the label the API server's defaulting puts
            // in its selector (`batch.kubernetes.io/controller-uid`,
            // pkg/registry/batch/job/strategy.go `generateSelector`).
            if res.kind == "Job" && selector.is_none() && template_labels.is_empty() {
                if let Some(uid) = row.object.as_ref().map(|w| w.metadata.uid.clone()).filter(|u| !u.is_empty()) {
                    template_labels.insert("batch.kubernetes.io/controller-uid".to_string(), uid);
                }
            }
            let matching = |b: &B| -> Vec<Pod> {
                b.pods()
                    .into_iter()
                    .filter(|p| p.metadata.namespace == c.ns)
                    .filter(|p| match &selector {
                        Some(s) => s.matches(&p.metadata.labels),
                        None => {
                            !template_labels.is_empty()
                                && template_labels.iter().all(|(k, v)| p.metadata.labels.get(k) == Some(v))
                        }
                    })
                    .collect()
            };
            let mut pods = matching(b);
            let mut waited_ms = 0;
            while pods.is_empty() && waited_ms < POD_RUNNING_TIMEOUT_MS {
                b.advance(WAIT_STEP_MS);
                waited_ms += WAIT_STEP_MS;
                pods = matching(b);
            }
            out.advanced_ms += waited_ms;
            pods.sort_by(|x, y| x.metadata.name.cmp(&y.metadata.name));
            pods.sort_by(by_logging);
            let Some(first) = pods.first().cloned() else {
                return Err(CommandOutput {
                    advanced_ms: out.advanced_ms,
                    ..CommandOutput::error(
                    "error: timed out waiting for the condition",
                    Some(Text::new(
                        format!("{name}에 속한 파드가 없습니다. `kubectl get pods`와 `kubectl describe {arg}`로 파드가 만들어졌는지 확인하세요."),
                        format!("{name} has no pods. Check with `kubectl get pods` and `kubectl describe {arg}` whether its pods were created."),
                    )),
                    )
                });
            };
            if pods.len() > 1 {
                let _ = writeln!(out.stderr, "Found {} pods, using pod/{}", pods.len(), first.metadata.name);
            }
            Ok(vec![first])
        }
        // Kinds that make no pods: each verb words its own refusal.
        _ => Err(unsupported(typed.unwrap_or(""), res.kind)),
    }
}
