//! The table printers of `kubectl get`: the columns of pods, nodes and events,
//! `-o wide`, `--show-labels`, `-L`, and the other output formats (`-o name`,
//! `json`, `yaml`, `jsonpath=…`).
//! Follows `pkg/printers/internalversion/printers.go` (`printPod`,
//! `printNode`, `printEvent`) and `k8s.io/cli-runtime/pkg/printers`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value as Yaml;

use super::backend::EventView;
use super::format::{age, human_duration, parse_rfc3339, table};
use crate::model::{Node, Pod};
use crate::time::SimTime;

/// What `-o` asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Table,
    Wide,
    Name,
    Json,
    Yaml,
    JsonPath(String),
    /// `custom-columns=HEADER:.path,…`: one column per (header, JSONPath).
    CustomColumns(Vec<(String, String)>),
}

/// Parses the `-o` value; the error is kubectl's line without `error: `.
pub fn parse_output(value: Option<&str>) -> Result<Output, String> {
    let Some(v) = value else { return Ok(Output::Table) };
    match v {
        "" => Ok(Output::Table),
        "wide" => Ok(Output::Wide),
        "name" => Ok(Output::Name),
        "json" => Ok(Output::Json),
        "yaml" => Ok(Output::Yaml),
        _ => {
            if let Some(t) = v.strip_prefix("jsonpath=") {
                // kubectl builds the printer, and so parses the template, before any request.
                super::jsonpath::render(t, &serde_json::Value::Null).map_err(|e| e.0)?;
                return Ok(Output::JsonPath(t.to_string()));
            }
            if v == "jsonpath" {
                return Err("template format specified but no template given".to_string());
            }
            if let Some(spec) = v.strip_prefix("custom-columns=") {
                return parse_custom_columns(spec).map(Output::CustomColumns);
            }
            if v == "custom-columns" {
                return Err("custom-columns format specified but no custom columns given".to_string());
            }
            Err(format!(
                "unable to match a printer suitable for the output format \"{v}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
            ))
        }
    }
}

/// Parses `HEADER:.path,…` as kubectl's `NewCustomColumnsPrinterFromSpec`
/// does (k8s.io/kubectl/pkg/cmd/get/customcolumn.go): every part needs a
/// header and a JSONPath, which is checked before any request.
fn parse_custom_columns(spec: &str) -> Result<Vec<(String, String)>, String> {
    const COLUMNS_MAX: usize = 64;
    let mut cols = Vec::new();
    for part in spec.split(',').take(COLUMNS_MAX) {
        let Some((header, path)) = part.split_once(':') else {
            return Err(format!("unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"));
        };
        let template = if path.starts_with('{') { path.to_string() } else { format!("{{{path}}}") };
        super::jsonpath::render(&template, &serde_json::Value::Null).map_err(|e| e.0)?;
        cols.push((header.to_string(), template));
    }
    Ok(cols)
}

/// Renders objects as custom columns; an empty value prints `<none>`.
pub fn custom_columns(cols: &[(String, String)], objects: &[serde_json::Value]) -> String {
    let mut text = cols.iter().map(|(h, _)| h.as_str()).collect::<Vec<_>>().join("\t");
    for obj in objects {
        text.push('\n');
        let row: Vec<String> = cols
            .iter()
            .map(|(_, t)| match super::jsonpath::render(t, obj) {
                Ok(v) if !v.is_empty() => v,
                _ => "<none>".to_string(),
            })
            .collect();
        text.push_str(&row.join("\t"));
    }
    text.push('\n');
    table(&text)
}

/// A value of the pod status as the API shows it (`containerStatuses[i]`).
fn field<'a>(v: &'a Yaml, path: &[&str]) -> Option<&'a Yaml> {
    let mut cur = v;
    for key in path {
        cur = cur.get(*key)?;
    }
    Some(cur)
}

fn field_str<'a>(v: &'a Yaml, path: &[&str]) -> Option<&'a str> {
    field(v, path).and_then(Yaml::as_str)
}

fn field_i64(v: &Yaml, path: &[&str]) -> Option<i64> {
    field(v, path).and_then(Yaml::as_i64)
}

/// The columns `kubectl get pods` computes for one pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodRow {
    pub ready: String,
    pub status: String,
    pub restarts: String,
    pub age: String,
    pub ip: String,
    pub node: String,
}

/// Computes READY, STATUS and RESTARTS the way kubectl does from the pod's
/// status. Follows printers.go `printPod` (init containers first, then
/// containers from last to first; `Terminating` when a deletion timestamp is set).
pub fn pod_row(pod: &Pod, now: SimTime) -> PodRow {
    let status = pod.status.clone().unwrap_or_default();
    let mut restarts: i64 = 0;
    let mut ready_containers = 0;
    let mut total = pod.spec.containers.len();
    let mut last_restart: Option<SimTime> = None;
    let mut reason = status.phase.clone().unwrap_or_default();
    if let Some(r) = status.reason.as_deref().filter(|r| !r.is_empty()) {
        reason = r.to_string();
    }
    // Sidecars (restartable init containers) count towards READY.
    let sidecars: Vec<&str> = pod
        .spec
        .init_containers
        .iter()
        .filter(|c| c.restart_policy.as_deref() == Some("Always"))
        .map(|c| c.name.as_str())
        .collect();
    total += sidecars.len();
    let note_restart = |cs: &Yaml, last: &mut Option<SimTime>| {
        if let Some(t) = field_str(cs, &["lastState", "terminated", "finishedAt"]).and_then(parse_rfc3339) {
            if last.is_none_or(|l| t > l) {
                *last = Some(t);
            }
        }
    };
    let mut initializing = false;
    let init_total = pod.spec.init_containers.len();
    for (i, cs) in status.init_container_statuses.iter().enumerate() {
        restarts += field_i64(cs, &["restartCount"]).unwrap_or(0);
        note_restart(cs, &mut last_restart);
        let name = field_str(cs, &["name"]).unwrap_or("");
        let terminated = field(cs, &["state", "terminated"]);
        let exit = terminated.and_then(|t| field_i64(t, &["exitCode"])).unwrap_or(0);
        let waiting_reason = field_str(cs, &["state", "waiting", "reason"]).unwrap_or("");
        let started = field(cs, &["started"]).and_then(Yaml::as_bool).unwrap_or(false);
        if terminated.is_some() && exit == 0 {
            continue;
        }
        if sidecars.contains(&name) && started {
            if field(cs, &["ready"]).and_then(Yaml::as_bool).unwrap_or(false) {
                ready_containers += 1;
            }
            continue;
        }
        if let Some(t) = terminated {
            let r = field_str(t, &["reason"]).unwrap_or("");
            reason = if r.is_empty() {
                match field_i64(t, &["signal"]).unwrap_or(0) {
                    0 => format!("Init:ExitCode:{exit}"),
                    sig => format!("Init:Signal:{sig}"),
                }
            } else {
                format!("Init:{r}")
            };
        } else if !waiting_reason.is_empty() && waiting_reason != "PodInitializing" {
            reason = format!("Init:{waiting_reason}");
        } else {
            reason = format!("Init:{i}/{init_total}");
        }
        initializing = true;
        break;
    }
    let initialized = status.conditions.iter().any(|c| c.type_ == "Initialized" && c.status == "True");
    if !initializing || initialized {
        restarts = 0;
        // Restartable init containers' restarts still count.
        for cs in &status.init_container_statuses {
            if sidecars.contains(&field_str(cs, &["name"]).unwrap_or("")) {
                restarts += field_i64(cs, &["restartCount"]).unwrap_or(0);
            }
        }
        let mut has_running = false;
        for cs in status.container_statuses.iter().rev() {
            restarts += field_i64(cs, &["restartCount"]).unwrap_or(0);
            note_restart(cs, &mut last_restart);
            let waiting = field_str(cs, &["state", "waiting", "reason"]).unwrap_or("");
            let terminated = field(cs, &["state", "terminated"]);
            if !waiting.is_empty() {
                reason = waiting.to_string();
            } else if let Some(t) = terminated {
                let r = field_str(t, &["reason"]).unwrap_or("");
                reason = if !r.is_empty() {
                    r.to_string()
                } else {
                    match field_i64(t, &["signal"]).unwrap_or(0) {
                        0 => format!("ExitCode:{}", field_i64(t, &["exitCode"]).unwrap_or(0)),
                        sig => format!("Signal:{sig}"),
                    }
                };
            } else if field(cs, &["ready"]).and_then(Yaml::as_bool).unwrap_or(false)
                && field(cs, &["state", "running"]).is_some()
            {
                has_running = true;
                ready_containers += 1;
            }
        }
        if reason == "Completed" && has_running {
            let ready = status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True");
            reason = if ready { "Running".to_string() } else { "NotReady".to_string() };
        }
    }
    let phase = status.phase.as_deref().unwrap_or("");
    if pod.metadata.deletion_timestamp.is_some() {
        if status.reason.as_deref() == Some("NodeLost") {
            reason = "Unknown".to_string();
        } else if phase != "Succeeded" && phase != "Failed" {
            reason = "Terminating".to_string();
        }
    }
    let restarts_text = match last_restart {
        Some(t) if restarts != 0 => format!("{restarts} ({} ago)", human_duration(now.since(t))),
        _ => restarts.to_string(),
    };
    let created = pod.metadata.creation_timestamp.as_deref().and_then(parse_rfc3339);
    PodRow {
        ready: format!("{ready_containers}/{total}"),
        status: reason,
        restarts: restarts_text,
        age: age(now, created),
        ip: status.pod_ip.filter(|s| !s.is_empty()).unwrap_or_else(|| "<none>".to_string()),
        node: pod.spec.node_name.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "<none>".to_string()),
    }
}

/// Options of a table.
#[derive(Clone, Debug, Default)]
pub struct TableOptions {
    pub wide: bool,
    pub show_labels: bool,
    pub label_columns: Vec<String>,
    pub no_headers: bool,
    /// Prefix names with `pod/` (as `get all` and multi-type gets do).
    pub with_kind: bool,
    /// Add a NAMESPACE column first (`-A`).
    pub with_namespace: bool,
}

/// `app=web,tier=front`, or `<none>`. Follows `labels.FormatLabels`.
pub fn format_labels(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        return "<none>".to_string();
    }
    labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}

/// The header cells of the `-L` columns: the last path segment, upper-cased.
fn label_column_header(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_uppercase()
}

pub(crate) fn assemble(header: Vec<String>, rows: Vec<Vec<String>>, opts: &TableOptions) -> String {
    let mut text = String::new();
    if !opts.no_headers {
        text.push_str(&header.join("\t"));
        text.push('\n');
    }
    for row in rows {
        text.push_str(&row.join("\t"));
        text.push('\n');
    }
    table(&text)
}

pub(crate) fn extra_cells(cells: &mut Vec<String>, labels: &BTreeMap<String, String>, opts: &TableOptions) {
    for key in &opts.label_columns {
        cells.push(labels.get(key).cloned().unwrap_or_default());
    }
    if opts.show_labels {
        cells.push(format_labels(labels));
    }
}

pub(crate) fn extra_headers(header: &mut Vec<String>, opts: &TableOptions) {
    for key in &opts.label_columns {
        header.push(label_column_header(key));
    }
    if opts.show_labels {
        header.push("LABELS".to_string());
    }
}

/// The header and row cells of a pod table.
pub fn pod_cells(pods: &[&Pod], now: SimTime, opts: &TableOptions) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = Vec::new();
    if opts.with_namespace {
        header.push("NAMESPACE".into());
    }
    header.extend(["NAME", "READY", "STATUS", "RESTARTS", "AGE"].map(String::from));
    if opts.wide {
        header.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"].map(String::from));
    }
    extra_headers(&mut header, opts);
    let rows = pods
        .iter()
        .map(|pod| {
            let row = pod_row(pod, now);
            let mut cells = Vec::new();
            if opts.with_namespace {
                cells.push(pod.metadata.namespace.clone());
            }
            let name = if opts.with_kind { format!("pod/{}", pod.metadata.name) } else { pod.metadata.name.clone() };
            cells.extend([name, row.ready, row.status, row.restarts, row.age]);
            if opts.wide {
                // printers.go `printPod`: the nominated node, else `<none>`.
                let nominated = pod
                    .status
                    .as_ref()
                    .and_then(|s| s.nominated_node_name.clone())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "<none>".to_string());
                cells.extend([row.ip, row.node, nominated, "<none>".to_string()]);
            }
            extra_cells(&mut cells, &pod.metadata.labels, opts);
            cells
        })
        .collect();
    (header, rows)
}

/// The pod table.
pub fn pods_table(pods: &[&Pod], now: SimTime, opts: &TableOptions) -> String {
    let (header, rows) = pod_cells(pods, now, opts);
    assemble(header, rows, opts)
}

/// The STATUS of a node: `Ready`, `NotReady`, plus `,SchedulingDisabled`
/// when cordoned. Follows printers.go `printNode`.
pub fn node_status(node: &Node, ready: bool) -> String {
    let mut s = if ready { "Ready".to_string() } else { "NotReady".to_string() };
    if node.spec.unschedulable == Some(true) {
        s.push_str(",SchedulingDisabled");
    }
    s
}

/// ROLES from `node-role.kubernetes.io/<role>` labels (and `kubernetes.io/role`).
pub fn node_roles(node: &Node) -> String {
    let mut roles: Vec<String> = Vec::new();
    for (k, v) in &node.metadata.labels {
        if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.push(role.to_string());
            }
        } else if k == "kubernetes.io/role" && !v.is_empty() {
            roles.push(v.clone());
        }
    }
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        "<none>".to_string()
    } else {
        roles.join(",")
    }
}

/// The node table (`NAME STATUS ROLES AGE VERSION`).
pub fn nodes_table(
    nodes: &[(&Node, bool)],
    now: SimTime,
    internal_ip: &dyn Fn(&Node) -> String,
    opts: &TableOptions,
) -> String {
    let (header, rows) = node_cells(nodes, now, internal_ip, opts);
    assemble(header, rows, opts)
}

/// The header and row cells of a node table.
pub fn node_cells(
    nodes: &[(&Node, bool)],
    now: SimTime,
    internal_ip: &dyn Fn(&Node) -> String,
    opts: &TableOptions,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = ["NAME", "STATUS", "ROLES", "AGE", "VERSION"].map(String::from).to_vec();
    if opts.wide {
        header.extend(
            ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"].map(String::from),
        );
    }
    extra_headers(&mut header, opts);
    let rows = nodes
        .iter()
        .map(|(node, ready)| {
            let created = node.metadata.creation_timestamp.as_deref().and_then(parse_rfc3339);
            let name = if opts.with_kind { format!("node/{}", node.metadata.name) } else { node.metadata.name.clone() };
            let mut cells =
                vec![name, node_status(node, *ready), node_roles(node), age(now, created), KUBELET_VERSION.to_string()];
            if opts.wide {
                // Follows printers.go `printNode`: EXTERNAL-IP is `<none>`
                // without an ExternalIP address, the rest is `status.nodeInfo`.
                let status = node.status.clone().unwrap_or_default();
                let address = |t: &str| status.addresses.iter().find(|a| a.type_ == t).map(|a| a.address.clone());
                let info = status.node_info.clone().unwrap_or_default();
                let or_unknown = |s: String| if s.is_empty() { "<unknown>".to_string() } else { s };
                cells.extend([
                    address("InternalIP").unwrap_or_else(|| internal_ip(node)),
                    address("ExternalIP").unwrap_or_else(|| "<none>".to_string()),
                    or_unknown(info.os_image),
                    or_unknown(info.kernel_version),
                    or_unknown(info.container_runtime_version),
                ]);
            }
            extra_cells(&mut cells, &node.metadata.labels, opts);
            cells
        })
        .collect();
    (header, rows)
}

pub(crate) fn extra_headers_for(header: &mut Vec<String>, opts: &TableOptions) {
    extra_headers(header, opts);
}

pub(crate) fn extra_cells_for(cells: &mut Vec<String>, labels: &BTreeMap<String, String>, opts: &TableOptions) {
    extra_cells(cells, labels, opts);
}

/// The kubelet version every simulated node reports.
pub const KUBELET_VERSION: &str = "v1.35.0";

/// `pod/nginx`, `node/worker-1`: the OBJECT column and `-o name`.
pub fn object_ref(kind: &str, name: &str) -> String {
    format!("{}/{name}", kind.to_lowercase())
}

/// The event table (`LAST SEEN TYPE REASON OBJECT MESSAGE`).
/// Follows printers.go `printEvent` (LAST SEEN shows `<unknown>` only
/// without a timestamp; repeated events read `5s (x3 over 40s)` in
/// describe only, the table shows the last time).
pub fn events_table(events: &[&EventView], now: SimTime, opts: &TableOptions) -> String {
    let (header, rows) = event_cells(events, now, opts);
    assemble(header, rows, opts)
}

/// The header and row cells of an event table.
pub fn event_cells(events: &[&EventView], now: SimTime, opts: &TableOptions) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = Vec::new();
    if opts.with_namespace {
        header.push("NAMESPACE".into());
    }
    if opts.wide {
        header.extend(
            ["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"]
                .map(String::from),
        );
    } else {
        header.extend(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"].map(String::from));
    }
    let rows = events
        .iter()
        .map(|e| {
            let mut cells = Vec::new();
            if opts.with_namespace {
                cells.push(e.namespace.clone());
            }
            let last = human_duration(now.since(e.last_seen));
            let object = object_ref(&e.object_kind, &e.object_name);
            let message = e.message.trim().to_string();
            if opts.wide {
                cells.extend([
                    last,
                    e.type_.clone(),
                    e.reason.clone(),
                    object,
                    e.field_path.clone(),
                    e.source_text(),
                    message,
                    human_duration(now.since(e.first_seen)),
                    e.count.max(1).to_string(),
                    e.name(),
                ]);
            } else {
                cells.extend([last, e.type_.clone(), e.reason.clone(), object, message]);
            }
            cells
        })
        .collect();
    (header, rows)
}

/// Serializes as `kubectl -o json` does: four-space indentation, keys
/// sorted (kubectl prints the object as an unstructured map, and Go's
/// `encoding/json` writes a map's keys in order).
pub fn to_json<T: Serialize>(value: &T) -> String {
    let Ok(mut value) = serde_json::to_value(value) else { return "{}\n".to_string() };
    value.sort_all_objects();
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    if value.serialize(&mut ser).is_err() {
        return "{}\n".to_string();
    }
    let mut s = String::from_utf8(buf).unwrap_or_default();
    s.push('\n');
    s
}

/// Serializes as `kubectl -o yaml` does: keys sorted (the JSON→YAML
/// conversion of sigs.k8s.io/yaml sorts them), sequences not indented,
/// go-yaml's quoting (see [`super::yaml_out`]).
pub fn to_yaml<T: Serialize>(value: &T) -> String {
    let json = match serde_json::to_value(value) {
        Ok(v) => v,
        Err(_) => return "{}\n".to_string(),
    };
    super::yaml_out::to_yaml(&json)
}

/// The `List` wrapper kubectl prints around several objects.
pub fn list_of(items: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(yaml: &str) -> Pod {
        crate::yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn pod_status_column_follows_print_pod() {
        let base = "metadata: {name: p, creationTimestamp: '2026-01-01T00:00:00Z'}\nspec: {containers: [{name: a}], initContainers: [{name: i1}, {name: i2}]}\n";
        let cases = [
            ("status: {phase: Pending}", "0/1", "Pending", "0"),
            ("status: {phase: Pending, initContainerStatuses: [{name: i1, state: {running: {}}}, {name: i2, state: {waiting: {reason: PodInitializing}}}]}", "0/1", "Init:0/2", "0"),
            ("status: {phase: Pending, initContainerStatuses: [{name: i1, state: {terminated: {exitCode: 0}}}, {name: i2, state: {waiting: {reason: CrashLoopBackOff}}, restartCount: 3}]}", "0/1", "Init:CrashLoopBackOff", "3"),
            ("status: {phase: Running, conditions: [{type: Initialized, status: 'True'}], containerStatuses: [{name: a, ready: true, restartCount: 0, state: {running: {}}}]}", "1/1", "Running", "0"),
            ("status: {phase: Running, conditions: [{type: Initialized, status: 'True'}], containerStatuses: [{name: a, ready: false, restartCount: 4, state: {waiting: {reason: CrashLoopBackOff}}, lastState: {terminated: {exitCode: 1, finishedAt: '2026-01-01T00:01:00Z'}}}]}", "0/1", "CrashLoopBackOff", "4 (60s ago)"),
            ("status: {phase: Failed, conditions: [{type: Initialized, status: 'True'}], containerStatuses: [{name: a, state: {terminated: {exitCode: 137}}}]}", "0/1", "ExitCode:137", "0"),
            ("status: {phase: Succeeded, conditions: [{type: Initialized, status: 'True'}], containerStatuses: [{name: a, state: {terminated: {exitCode: 0, reason: Completed}}}]}", "0/1", "Completed", "0"),
        ];
        for (status, ready, want, restarts) in cases {
            let p = pod(&format!("{base}{status}"));
            let row = pod_row(&p, SimTime::from_secs(120));
            assert_eq!(
                (row.ready.as_str(), row.status.as_str(), row.restarts.as_str()),
                (ready, want, restarts),
                "{status}"
            );
        }
    }

    #[test]
    fn output_formats_parse() {
        assert_eq!(parse_output(Some("jsonpath={.a}")), Ok(Output::JsonPath("{.a}".into())));
        assert!(parse_output(Some("xml")).unwrap_err().contains("allowed formats are"));
    }
}

#[cfg(test)]
mod custom_columns_tests {
    use super::*;

    #[test]
    fn custom_columns_print_a_table_with_none_for_missing_values() {
        let Ok(Output::CustomColumns(cols)) =
            parse_output(Some("custom-columns=NAME:.metadata.name,UID:.metadata.uid"))
        else {
            panic!("custom-columns should parse");
        };
        let objects = vec![
            serde_json::json!({"metadata": {"name": "web", "uid": "1234"}}),
            serde_json::json!({"metadata": {"name": "db"}}),
        ];
        assert_eq!(custom_columns(&cols, &objects), "NAME   UID\nweb    1234\ndb     <none>\n");
    }

    #[test]
    fn custom_columns_need_a_header_and_a_path() {
        assert_eq!(
            parse_output(Some("custom-columns=NAME")),
            Err("unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>".to_string())
        );
    }
}
