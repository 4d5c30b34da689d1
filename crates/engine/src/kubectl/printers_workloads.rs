//! The workload tables: deployments (`NAME READY UP-TO-DATE AVAILABLE AGE`),
//! replica sets and replication controllers (`NAME DESIRED CURRENT READY
//! AGE`), jobs (`NAME STATUS COMPLETIONS DURATION AGE`) and cron jobs
//! (`NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE`), each with
//! `-o wide`'s `CONTAINERS IMAGES SELECTOR`. Follows
//! `pkg/printers/internalversion/printers.go` (`printDeployment`,
//! `printReplicaSet`, `printReplicationController`, `printJob`,
//! `printCronJob`).

use std::collections::BTreeMap;

use super::backend::WorkloadRow;
use super::format::{age, human_duration};
use super::printers::{extra_cells_for, extra_headers_for, TableOptions};
use crate::model::{LabelSelector, PodTemplateSpec};
use crate::time::SimTime;

fn columns(kind: &str) -> &'static [&'static str] {
    match kind {
        "Deployment" => &["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
        "ReplicaSet" | "ReplicationController" => &["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        "CronJob" => &["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
        _ => &["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
    }
}

fn prefix(kind: &str) -> &'static str {
    match kind {
        "Deployment" => "deployment.apps/",
        "ReplicaSet" => "replicaset.apps/",
        "ReplicationController" => "replicationcontroller/",
        "CronJob" => "cronjob.batch/",
        _ => "job.batch/",
    }
}

/// `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`, `<none>` when empty.
pub(crate) fn format_selector(v: Option<&serde_json::Value>, plain_map: bool) -> String {
    let Some(v) = v else { return "<none>".into() };
    let ls: LabelSelector = if plain_map {
        LabelSelector { match_labels: serde_json::from_value(v.clone()).unwrap_or_default(), ..Default::default() }
    } else {
        serde_json::from_value(v.clone()).unwrap_or_default()
    };
    let mut parts: Vec<String> = ls.match_labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    for e in &ls.match_expressions {
        let mut values = e.values.clone();
        values.sort();
        parts.push(match e.operator.as_str() {
            "In" => format!("{} in ({})", e.key, values.join(",")),
            "NotIn" => format!("{} notin ({})", e.key, values.join(",")),
            "Exists" => e.key.clone(),
            "DoesNotExist" => format!("!{}", e.key),
            other => format!("{} {other} ({})", e.key, values.join(",")),
        });
    }
    if parts.is_empty() {
        "<none>".into()
    } else {
        parts.join(",")
    }
}

/// The pod template a row's wide columns read (a CronJob's is inside its Job template).
fn template_of(w: &WorkloadRow) -> Option<PodTemplateSpec> {
    let o = w.object.as_ref()?;
    if w.kind == "CronJob" {
        let t = o.spec.job_template.as_ref()?.pointer("/spec/template")?;
        return serde_json::from_value(t.clone()).ok();
    }
    Some(o.spec.template.clone())
}

/// `CONTAINERS`, `IMAGES` and `SELECTOR` of `-o wide`.
fn wide_cells(w: &WorkloadRow) -> [String; 3] {
    let t = template_of(w).unwrap_or_default();
    let names: Vec<&str> = t.spec.containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = t.spec.containers.iter().map(|c| c.image.as_deref().unwrap_or("")).collect();
    let selector = match (w.kind.as_str(), w.object.as_ref()) {
        ("Job", Some(o)) if o.spec.selector.is_none() => {
            format!("batch.kubernetes.io/controller-uid={}", o.metadata.uid)
        }
        ("CronJob", Some(o)) => {
            format_selector(o.spec.job_template.as_ref().and_then(|j| j.pointer("/spec/selector")), false)
        }
        (kind, Some(o)) => format_selector(o.spec.selector.as_ref(), kind == "ReplicationController"),
        (_, None) => "<none>".into(),
    };
    [names.join(","), images.join(","), selector]
}

/// The header and row cells of a workload table.
pub(crate) fn cells(
    kind: &str,
    rows: &[&WorkloadRow],
    now: SimTime,
    opts: &TableOptions,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = Vec::new();
    if opts.with_namespace {
        header.push("NAMESPACE".into());
    }
    header.extend(columns(kind).iter().map(|c| c.to_string()));
    if opts.wide {
        header.extend(["CONTAINERS", "IMAGES", "SELECTOR"].map(String::from));
    }
    extra_headers_for(&mut header, opts);
    let body = rows
        .iter()
        .map(|w| {
            let mut cells = Vec::new();
            if opts.with_namespace {
                cells.push(w.namespace.clone());
            }
            let name = if opts.with_kind { format!("{}{}", prefix(kind), w.name) } else { w.name.clone() };
            cells.push(name);
            cells.extend(status_cells(kind, w, now));
            cells.push(age(now, w.created));
            if opts.wide {
                cells.extend(wide_cells(w));
            }
            let labels = w.object.as_ref().map(|o| o.metadata.labels.clone()).unwrap_or_else(BTreeMap::new);
            extra_cells_for(&mut cells, &labels, opts);
            cells
        })
        .collect();
    (header, body)
}

/// The cells between NAME and AGE.
fn status_cells(kind: &str, w: &WorkloadRow, now: SimTime) -> Vec<String> {
    match kind {
        "Deployment" => {
            vec![format!("{}/{}", w.ready, w.desired), w.updated.to_string(), w.available.to_string()]
        }
        "ReplicaSet" | "ReplicationController" => {
            vec![w.desired.to_string(), w.current.to_string(), w.ready.to_string()]
        }
        "CronJob" => {
            let spec = w.object.as_ref().map(|o| o.spec.clone()).unwrap_or_default();
            let suspend = if spec.suspend == Some(true) { "True" } else { "False" };
            let last = w.last_schedule.map_or_else(|| "<none>".to_string(), |t| human_duration(now.since(t)));
            vec![
                spec.schedule.unwrap_or_default(),
                spec.time_zone.unwrap_or_else(|| "<none>".into()),
                suspend.into(),
                w.active.len().to_string(),
                last,
            ]
        }
        _ => {
            let duration = match (w.created, w.completed) {
                (Some(c), Some(done)) => human_duration(done.since(c)),
                (Some(c), None) => human_duration(now.since(c)),
                _ => String::new(),
            };
            vec![w.status.clone(), format!("{}/{}", w.succeeded, w.desired), duration]
        }
    }
}
