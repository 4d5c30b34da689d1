//! `crictl` on a node: the CRI's view of the pods and containers the
//! kubelet runs there. Follows kubernetes-sigs/cri-tools cmd/crictl
//! (`sandbox.go`, `container.go`, `image.go`, `logs.go`, `display.go`):
//! tables through a tabwriter (minimum width 20, padding 3), IDs cut to 13
//! characters (`truncatedIDLen`), newest first, CREATED as go-units'
//! `HumanDuration` plus ` ago`.

use serde_json::json;

use crate::hash::hex_digest;
use crate::image_ref::ImageRef;
use crate::internals::node_view::{container_id, pod_id, NodeContainer, NodeSandbox};
use crate::time::SimTime;

/// The pause image kubeadm 1.35 configures.
const PAUSE_IMAGE: &str = "registry.k8s.io/pause:3.10.1";
const TRUNCATED_ID_LEN: usize = 13;

/// An image's ID (`sha256:…` of its config).
fn image_id(image: &str) -> String {
    hex_digest(&format!("{}/config", ImageRef::lenient(image).name()), 64)
}

fn short(id: &str) -> &str {
    id.get(..TRUNCATED_ID_LEN).unwrap_or(id)
}

/// go-units `HumanDuration` followed by ` ago`.
fn ago(now: SimTime, then: SimTime) -> String {
    let secs = now.as_millis().saturating_sub(then.as_millis()) / 1000;
    let mins = secs / 60;
    let hours = (secs + 1800) / 3600;
    let d = match secs {
        0 => "Less than a second".to_string(),
        1 => "1 second".to_string(),
        2..=59 => format!("{secs} seconds"),
        _ if mins == 1 => "About a minute".to_string(),
        _ if mins < 60 => format!("{mins} minutes"),
        _ if hours == 1 => "About an hour".to_string(),
        _ if hours < 48 => format!("{hours} hours"),
        _ => format!("{} days", hours / 24),
    };
    format!("{d} ago")
}

/// Go's tabwriter with crictl's settings: every column but the last is
/// padded to its widest cell plus 3, and at least 20.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max((cell.chars().count() + 3).max(20));
        }
    }
    let mut out = String::new();
    for row in rows {
        for (k, cell) in row.iter().enumerate() {
            if k + 1 == row.len() {
                out.push_str(cell);
            } else {
                let w = widths.get(k).copied().unwrap_or(20);
                out.push_str(&format!("{cell:<w$}"));
            }
        }
        out.push('\n');
    }
    out
}

/// Runs `crictl ARGS` on the node: stdout, stderr, exit code.
pub(crate) fn run(node: &str, sandboxes: &[NodeSandbox], args: &[String], now: SimTime) -> (String, String, i32) {
    let _ = node;
    let sub = args.first().map(String::as_str).unwrap_or("");
    let rest = args.get(1..).unwrap_or(&[]);
    let mut newest: Vec<&NodeSandbox> = sandboxes.iter().collect();
    newest.sort_by_key(|b| std::cmp::Reverse(b.created));
    match sub {
        "pods" => (pods(&newest, rest, now), String::new(), 0),
        "ps" => (ps(&newest, rest, now), String::new(), 0),
        "images" | "img" => (images(&newest), String::new(), 0),
        "inspectp" => by_id(rest, now, |id| inspectp(&newest, id)),
        "inspect" => by_id(rest, now, |id| inspect(&newest, id)),
        "logs" => by_id(rest, now, |id| logs(&newest, id)),
        "" | "help" | "-h" | "--help" => (HELP.to_string(), String::new(), 0),
        other => (String::new(), format!("No help topic for '{other}'\n"), 3),
    }
}

/// A subcommand that takes one ID (or a unique prefix of one); failures
/// are logrus fatal lines, as crictl prints them.
fn by_id(rest: &[String], now: SimTime, f: impl Fn(&str) -> Result<String, String>) -> (String, String, i32) {
    let fatal = |msg: &str| format!("time=\"{}\" level=fatal msg=\"{}\"\n", now.rfc3339(), msg.replace('"', "\\\""));
    let Some(id) = rest.iter().find(|a| !a.starts_with('-')) else {
        return (String::new(), fatal("ID cannot be empty"), 1);
    };
    match f(id) {
        Ok(out) => (out, String::new(), 0),
        Err(e) => (String::new(), fatal(&e), 1),
    }
}

fn pods(sbs: &[&NodeSandbox], rest: &[String], now: SimTime) -> String {
    let quiet = rest.iter().any(|a| a == "-q" || a == "--quiet");
    let name = flag_value(rest, "--name");
    let ns = flag_value(rest, "--namespace");
    let keep = |sb: &&&NodeSandbox| {
        name.as_deref().is_none_or(|n| sb.name.contains(n)) && ns.as_deref().is_none_or(|n| sb.namespace.contains(n))
    };
    if quiet {
        return sbs.iter().filter(keep).map(|sb| format!("{}\n", pod_id(&sb.uid))).collect();
    }
    let mut rows = vec![["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()];
    for sb in sbs.iter().filter(keep) {
        rows.push(vec![
            short(&pod_id(&sb.uid)).to_string(),
            ago(now, sb.created),
            "Ready".into(),
            sb.name.clone(),
            sb.namespace.clone(),
            "0".into(),
            "(default)".into(),
        ]);
    }
    table(&rows)
}

fn flag_value(rest: &[String], flag: &str) -> Option<String> {
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        if a == flag {
            return it.next().cloned();
        }
        if let Some(v) = a.strip_prefix(&format!("{flag}=")) {
            return Some(v.to_string());
        }
    }
    None
}

fn ps(sbs: &[&NodeSandbox], rest: &[String], now: SimTime) -> String {
    let all = rest.iter().any(|a| a == "-a" || a == "--all");
    let quiet = rest.iter().any(|a| a == "-q" || a == "--quiet");
    let name = flag_value(rest, "--name");
    let pod = flag_value(rest, "--pod").or_else(|| flag_value(rest, "-p"));
    let mut ctrs: Vec<(&NodeSandbox, &NodeContainer)> = sbs
        .iter()
        .flat_map(|sb| sb.containers.iter().map(move |c| (*sb, c)))
        .filter(|(_, c)| all || c.running)
        .filter(|(_, c)| name.as_deref().is_none_or(|n| c.name.contains(n)))
        .filter(|(sb, _)| pod.as_deref().is_none_or(|p| pod_id(&sb.uid).starts_with(p)))
        .collect();
    ctrs.sort_by_key(|b| std::cmp::Reverse(b.1.started_at));
    if quiet {
        return ctrs.iter().map(|(sb, c)| format!("{}\n", container_id(&sb.uid, &c.name))).collect();
    }
    let mut rows = vec![["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()];
    for (sb, c) in ctrs {
        rows.push(vec![
            short(&container_id(&sb.uid, &c.name)).to_string(),
            short(&image_id(&c.image)).to_string(),
            ago(now, c.started_at),
            if c.running { "Running" } else { "Exited" }.into(),
            c.name.clone(),
            c.restarts.to_string(),
            short(&pod_id(&sb.uid)).to_string(),
            sb.name.clone(),
            sb.namespace.clone(),
        ]);
    }
    table(&rows)
}

fn images(sbs: &[&NodeSandbox]) -> String {
    let mut seen: Vec<String> = vec![PAUSE_IMAGE.to_string()];
    for sb in sbs {
        for c in &sb.containers {
            if !seen.contains(&c.image) {
                seen.push(c.image.clone());
            }
        }
    }
    let mut list: Vec<(String, String, String)> = seen
        .iter()
        .map(|i| {
            let r = ImageRef::lenient(i);
            (r.name(), r.tag().unwrap_or("latest").to_string(), i.clone())
        })
        .collect();
    list.sort();
    list.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    let mut rows = vec![["IMAGE", "TAG", "IMAGE ID", "SIZE"].iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for (name, tag, image) in list {
        rows.push(vec![name.clone(), tag, short(&image_id(&image)).to_string(), image_size(&name).to_string()]);
    }
    table(&rows)
}

/// Compressed sizes of the images learners use (go-units `HumanSizeWithPrecision(…, 3)`).
fn image_size(name: &str) -> &'static str {
    match name.rsplit('/').next().unwrap_or(name) {
        "pause" => "320kB",
        "nginx" => "72.2MB",
        "busybox" => "2.16MB",
        "redis" => "45.4MB",
        "alpine" => "3.65MB",
        "httpd" => "58.3MB",
        _ => "31.5MB",
    }
}

fn find_pod<'a>(sbs: &[&'a NodeSandbox], id: &str) -> Result<&'a NodeSandbox, String> {
    let hits: Vec<&&NodeSandbox> = sbs.iter().filter(|sb| pod_id(&sb.uid).starts_with(id)).collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("getting the pod sandbox status for \"{id}\": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found")),
        _ => Err(format!("multiple IDs match the prefix \"{id}\"")),
    }
}

fn find_container<'a>(sbs: &[&'a NodeSandbox], id: &str) -> Result<(&'a NodeSandbox, &'a NodeContainer), String> {
    let hits: Vec<(&NodeSandbox, &NodeContainer)> = sbs
        .iter()
        .flat_map(|sb| sb.containers.iter().map(move |c| (*sb, c)))
        .filter(|(sb, c)| container_id(&sb.uid, &c.name).starts_with(id))
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "rpc error: code = NotFound desc = an error occurred when try to find container \"{id}\": not found"
        )),
        _ => Err(format!("multiple IDs match the prefix \"{id}\"")),
    }
}

fn nanos(t: SimTime) -> String {
    let base = t.rfc3339();
    format!("{}.{:03}000000Z", base.trim_end_matches('Z'), t.as_millis() % 1000)
}

/// `crictl inspectp ID`: the sandbox status and the runtime's info (trimmed
/// to what a learner looks at; field names as containerd reports them).
fn inspectp(sbs: &[&NodeSandbox], id: &str) -> Result<String, String> {
    let sb = find_pod(sbs, id)?;
    let pid = super::procs::pause_pid(sb);
    let v = json!({
        "status": {
            "id": pod_id(&sb.uid),
            "metadata": { "attempt": 0, "name": sb.name, "namespace": sb.namespace, "uid": sb.uid },
            "state": "SANDBOX_READY",
            "createdAt": nanos(sb.created),
            "network": { "additionalIps": [], "ip": sb.pod_ip },
            "linux": { "namespaces": { "options": { "ipc": "POD", "network": "POD", "pid": "CONTAINER", "targetId": "", "userNsParams": null } } },
            "labels": sb.labels,
            "annotations": sb.annotations,
            "runtimeHandler": ""
        },
        "info": {
            "pid": pid,
            "processStatus": "running",
            "image": PAUSE_IMAGE,
            "runtimeSpec": { "linux": { "namespaces": [
                { "type": "pid" },
                { "type": "ipc" },
                { "type": "uts" },
                { "type": "mount" },
                { "type": "network", "path": format!("/var/run/netns/cni-{}", &sb.uid) }
            ] } }
        }
    });
    Ok(format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default()))
}

/// `crictl inspect ID`: one container's status and its process ID on the node.
fn inspect(sbs: &[&NodeSandbox], id: &str) -> Result<String, String> {
    let (sb, c) = find_container(sbs, id)?;
    let state = if c.running { "CONTAINER_RUNNING" } else { "CONTAINER_EXITED" };
    let v = json!({
        "status": {
            "id": container_id(&sb.uid, &c.name),
            "metadata": { "attempt": c.restarts, "name": c.name },
            "state": state,
            "startedAt": nanos(c.started_at),
            "exitCode": c.exit_code.unwrap_or(0),
            "image": { "image": c.image },
            "imageRef": format!("{}@sha256:{}", ImageRef::lenient(&c.image).name(), hex_digest(&c.image, 64)),
            "labels": {
                "io.kubernetes.container.name": c.name,
                "io.kubernetes.pod.name": sb.name,
                "io.kubernetes.pod.namespace": sb.namespace,
                "io.kubernetes.pod.uid": sb.uid
            },
            "logPath": format!("/var/log/pods/{}_{}_{}/{}/{}.log", sb.namespace, sb.name, sb.uid, c.name, c.restarts)
        },
        "info": {
            "sandboxID": pod_id(&sb.uid),
            "pid": super::procs::main_pid(sb, &c.name)
        }
    });
    Ok(format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default()))
}

/// `crictl logs ID`: what the container wrote (the kubelet's log file).
fn logs(sbs: &[&NodeSandbox], id: &str) -> Result<String, String> {
    let (sb, c) = find_container(sbs, id)?;
    let _ = sb;
    Ok(c.logs.iter().map(|l| format!("{l}\n")).collect())
}

const HELP: &str = "NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options]

COMMANDS:
   images, image, img  List images
   inspect             Display the status of one or more containers
   inspectp            Display the status of one or more pods
   logs                Fetch the logs of a container
   pods                List pods
   ps                  List containers
   help, h             Shows a list of commands or help for one command
";
