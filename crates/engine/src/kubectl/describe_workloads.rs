//! `kubectl describe deployment|replicaset|replicationcontroller|job|cronjob`:
//! the workload describers, with the pod template block that `rollout
//! history --revision` prints too. Follows `k8s.io/kubectl/pkg/describe/describe.go`
//! (`DeploymentDescriber`, `ReplicaSetDescriber`,
//! `ReplicationControllerDescriber`, `JobDescriber`, `CronJobDescriber`,
//! `DescribePodTemplate`, `printReplicaSetsByLabels`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::backend::{EventView, WorkloadRow};
use super::describe::describe_events;
use super::format::{describe_block, parse_rfc3339, rfc1123z};
use super::printers_workloads::format_selector;
use crate::model::{Pod, PodTemplateSpec, Workload};
use crate::time::SimTime;

fn multiline(out: &mut String, indent: &str, title: &str, items: &[String]) {
    let _ = write!(out, "{indent}{title}:\t");
    if items.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    for (i, item) in items.iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        let _ = writeln!(out, "{item}");
    }
}

fn labels(m: &BTreeMap<String, String>) -> Vec<String> {
    m.iter().map(|(k, v)| format!("{k}={v}")).collect()
}

fn annotations(m: &BTreeMap<String, String>) -> Vec<String> {
    m.iter()
        .filter(|(k, _)| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
        .map(|(k, v)| format!("{k}: {v}"))
        .collect()
}

/// `DescribePodTemplate`, with `\t` between label and value (the caller's
/// tab writer aligns them).
pub(crate) fn pod_template(t: &PodTemplateSpec) -> String {
    let mut s = String::from("Pod Template:\n");
    multiline(&mut s, "  ", "Labels", &labels(&t.metadata.labels));
    if !t.metadata.annotations.is_empty() {
        multiline(&mut s, "  ", "Annotations", &annotations(&t.metadata.annotations));
    }
    s.push_str("  Containers:\n");
    for c in &t.spec.containers {
        let _ = writeln!(s, "   {}:", c.name);
        let _ = writeln!(s, "    Image:\t{}", c.image.as_deref().unwrap_or(""));
        let proto = |p: &crate::model::ContainerPort| p.protocol.clone().unwrap_or_else(|| "TCP".into());
        let ports: Vec<String> = c.ports.iter().map(|p| format!("{}/{}", p.container_port, proto(p))).collect();
        let host: Vec<String> = c.ports.iter().map(|p| format!("{}/{}", p.host_port.unwrap_or(0), proto(p))).collect();
        let none = |v: Vec<String>| if v.is_empty() { "<none>".to_string() } else { v.join(", ") };
        let _ = writeln!(s, "    {}:\t{}", if ports.len() > 1 { "Ports" } else { "Port" }, none(ports));
        let _ = writeln!(s, "    Host {}:\t{}", if host.len() > 1 { "Ports" } else { "Port" }, none(host));
        for (title, words) in [("Command", &c.command), ("Args", &c.args)] {
            if !words.is_empty() {
                let _ = writeln!(s, "    {title}:");
                for w in words {
                    let _ = writeln!(s, "      {w}");
                }
            }
        }
        if let Some(r) = &c.resources {
            for (title, list) in [("Limits", &r.limits), ("Requests", &r.requests)] {
                if !list.is_empty() {
                    let _ = writeln!(s, "    {title}:");
                    for (k, v) in list {
                        let _ = writeln!(s, "      {k}:\t{v}");
                    }
                }
            }
        }
        if c.env.is_empty() {
            s.push_str("    Environment:\t<none>\n");
        } else {
            s.push_str("    Environment:\n");
            for e in &c.env {
                let _ = writeln!(s, "      {}:\t{}", e.name, e.value.clone().unwrap_or_default());
            }
        }
        s.push_str("    Mounts:\t<none>\n");
    }
    let volumes: Vec<String> = t.spec.volumes.iter().map(|v| format!("   {}:", v.name)).collect();
    if volumes.is_empty() {
        s.push_str("  Volumes:\t<none>\n");
    } else {
        s.push_str("  Volumes:\n");
        for v in volumes {
            let _ = writeln!(s, "{v}");
        }
    }
    let selectors: Vec<String> = t.spec.node_selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let _ =
        writeln!(s, "  Node-Selectors:\t{}", if selectors.is_empty() { "<none>".into() } else { selectors.join(",") });
    s.push_str("  Tolerations:\t<none>\n");
    s
}

/// What the workload describers read besides the object.
pub(crate) struct WorkloadInput<'a> {
    pub(crate) pods: &'a [Pod],
    pub(crate) rows: &'a [WorkloadRow],
    pub(crate) events: Option<&'a [&'a EventView]>,
    pub(crate) now: SimTime,
}

fn header(out: &mut String, o: &Workload, with_time: bool) {
    let _ = writeln!(out, "Name:\t{}", o.metadata.name);
    let _ = writeln!(out, "Namespace:\t{}", o.metadata.namespace);
    if with_time {
        let created = o.metadata.creation_timestamp.as_deref().and_then(parse_rfc3339).unwrap_or(SimTime::ZERO);
        let _ = writeln!(out, "CreationTimestamp:\t{}", rfc1123z(created));
    }
}

/// `Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed`.
fn pods_status(pods: &[Pod], uid: &str) -> String {
    let mut n = [0usize; 4];
    for p in pods.iter().filter(|p| p.metadata.owner_references.iter().any(|r| r.uid == uid)) {
        let phase = p.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("Pending");
        let i = match phase {
            "Running" => 0,
            "Succeeded" => 2,
            "Failed" => 3,
            _ => 1,
        };
        if let Some(x) = n.get_mut(i) {
            *x += 1;
        }
    }
    let [running, waiting, succeeded, failed] = n;
    format!("{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed")
}

fn finish(out: String, input: &WorkloadInput) -> String {
    let Some(events) = input.events else { return describe_block(&out) };
    if events.is_empty() {
        return describe_block(&format!("{out}Events:\t<none>\n"));
    }
    let mut text = describe_block(&out);
    text.push_str(&describe_events(events, input.now));
    text
}

/// The describer of one workload.
pub(crate) fn describe(w: &WorkloadRow, input: &WorkloadInput) -> Option<String> {
    let o = w.object.as_ref()?;
    let mut out = String::new();
    match w.kind.as_str() {
        "Deployment" => deployment(&mut out, w, o, input),
        "ReplicaSet" | "ReplicationController" => {
            header(&mut out, o, false);
            let selector = format_selector(o.spec.selector.as_ref(), w.kind == "ReplicationController");
            let _ = writeln!(out, "Selector:\t{selector}");
            multiline(&mut out, "", "Labels", &labels(&o.metadata.labels));
            multiline(&mut out, "", "Annotations", &annotations(&o.metadata.annotations));
            if let Some(owner) = o.metadata.owner_references.iter().find(|r| r.controller == Some(true)) {
                let _ = writeln!(out, "Controlled By:\t{}/{}", owner.kind, owner.name);
            }
            let _ = writeln!(out, "Replicas:\t{} current / {} desired", w.current, w.desired);
            let _ = writeln!(out, "Pods Status:\t{}", pods_status(input.pods, &o.metadata.uid));
            out.push_str(&pod_template(&o.spec.template));
        }
        "CronJob" => cronjob(&mut out, w, o),
        _ => {
            header(&mut out, o, false);
            let _ = writeln!(out, "Selector:\tbatch.kubernetes.io/controller-uid={}", o.metadata.uid);
            multiline(&mut out, "", "Labels", &labels(&o.metadata.labels));
            multiline(&mut out, "", "Annotations", &annotations(&o.metadata.annotations));
            let _ = writeln!(out, "Parallelism:\t{}", o.spec.parallelism.unwrap_or(1));
            let _ = writeln!(out, "Completions:\t{}", o.spec.completions.unwrap_or(1));
            let _ = writeln!(out, "Completion Mode:\tNonIndexed");
            let _ = writeln!(out, "Suspend:\tfalse");
            let _ = writeln!(out, "Backoff Limit:\t{}", o.spec.backoff_limit.unwrap_or(6));
            if let Some(t) = w.created {
                let _ = writeln!(out, "Start Time:\t{}", rfc1123z(t));
            }
            if let Some(t) = w.completed {
                let _ = writeln!(out, "Completed At:\t{}", rfc1123z(t));
            }
            let _ = writeln!(
                out,
                "Pods Statuses:\t{} Active ({} Ready) / {} Succeeded / 0 Failed",
                (w.current).max(0),
                w.ready,
                w.succeeded
            );
            out.push_str(&pod_template(&o.spec.template));
        }
    }
    Some(finish(out, input))
}

fn deployment(out: &mut String, w: &WorkloadRow, o: &Workload, input: &WorkloadInput) {
    header(out, o, true);
    multiline(out, "", "Labels", &labels(&o.metadata.labels));
    multiline(out, "", "Annotations", &annotations(&o.metadata.annotations));
    let _ = writeln!(out, "Selector:\t{}", format_selector(o.spec.selector.as_ref(), false));
    let unavailable = w.desired.saturating_sub(w.available).max(0);
    let _ = writeln!(
        out,
        "Replicas:\t{} desired | {} updated | {} total | {} available | {unavailable} unavailable",
        w.desired, w.updated, w.current, w.available
    );
    if o.spec.paused == Some(true) {
        out.push_str("Pause:\ttrue\n");
    }
    let strategy = o.spec.strategy.as_ref();
    let recreate = strategy.and_then(|s| s.get("type")).and_then(|t| t.as_str()) == Some("Recreate");
    let _ = writeln!(out, "StrategyType:\t{}", if recreate { "Recreate" } else { "RollingUpdate" });
    let _ = writeln!(out, "MinReadySeconds:\t{}", o.spec.min_ready_seconds.unwrap_or(0));
    if !recreate {
        let ru = strategy.and_then(|s| s.get("rollingUpdate"));
        let text = |k: &str| match ru.and_then(|r| r.get(k)) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => "25%".into(),
        };
        let _ = writeln!(
            out,
            "RollingUpdateStrategy:\t{} max unavailable, {} max surge",
            text("maxUnavailable"),
            text("maxSurge")
        );
    }
    out.push_str(&pod_template(&o.spec.template));
    if !w.conditions.is_empty() {
        out.push_str("Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n");
        for c in &w.conditions {
            let _ = writeln!(out, "  {}\t{}\t{}", c.type_, c.status, c.reason);
        }
    }
    let revision = |r: &WorkloadRow| {
        r.object.as_ref().and_then(|o| o.metadata.annotations.get("deployment.kubernetes.io/revision").cloned())
    };
    let own = revision(w);
    let sets: Vec<&WorkloadRow> = input
        .rows
        .iter()
        .filter(|r| r.kind == "ReplicaSet" && r.namespace == w.namespace)
        .filter(|r| {
            r.object.as_ref().is_some_and(|x| x.metadata.owner_references.iter().any(|o2| o2.uid == o.metadata.uid))
        })
        .collect();
    let line = |r: &WorkloadRow| format!("{} ({}/{} replicas created)", r.name, r.current, r.desired);
    let new = sets.iter().find(|r| revision(r) == own && own.is_some());
    let old: Vec<String> =
        sets.iter().filter(|r| new.is_none_or(|n| n.name != r.name) && r.desired > 0).map(|r| line(r)).collect();
    let _ = writeln!(out, "OldReplicaSets:\t{}", if old.is_empty() { "<none>".into() } else { old.join(", ") });
    let _ = writeln!(out, "NewReplicaSet:\t{}", new.map_or_else(|| "<none>".into(), |n| line(n)));
}

fn cronjob(out: &mut String, w: &WorkloadRow, o: &Workload) {
    header(out, o, false);
    multiline(out, "", "Labels", &labels(&o.metadata.labels));
    multiline(out, "", "Annotations", &annotations(&o.metadata.annotations));
    let _ = writeln!(out, "Schedule:\t{}", o.spec.schedule.clone().unwrap_or_default());
    let _ =
        writeln!(out, "Concurrency Policy:\t{}", o.spec.concurrency_policy.clone().unwrap_or_else(|| "Allow".into()));
    let _ = writeln!(out, "Suspend:\t{}", if o.spec.suspend == Some(true) { "True" } else { "False" });
    let _ = writeln!(out, "Successful Job History Limit:\t{}", o.spec.successful_jobs_history_limit.unwrap_or(3));
    let _ = writeln!(out, "Failed Job History Limit:\t{}", o.spec.failed_jobs_history_limit.unwrap_or(1));
    let _ = writeln!(
        out,
        "Starting Deadline Seconds:\t{}",
        o.spec.starting_deadline_seconds.map_or("<unset>".into(), |s| format!("{s}s"))
    );
    let _ = writeln!(out, "Selector:\t<unset>");
    let tmpl: PodTemplateSpec = o
        .spec
        .job_template
        .as_ref()
        .and_then(|j| j.pointer("/spec/template"))
        .and_then(|t| serde_json::from_value(t.clone()).ok())
        .unwrap_or_default();
    let _ = writeln!(out, "Parallelism:\t<unset>");
    let _ = writeln!(out, "Completions:\t<unset>");
    out.push_str(&pod_template(&tmpl));
    let last = w.last_schedule.map_or("<unset>".to_string(), rfc1123z);
    let _ = writeln!(out, "Last Schedule Time:\t{last}");
    let _ = writeln!(out, "Active Jobs:\t{}", if w.active.is_empty() { "<none>".into() } else { w.active.join(", ") });
}
