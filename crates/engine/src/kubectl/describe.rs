//! `kubectl describe pod|node`: the sections, their order, indentation and
//! alignment as kubectl prints them.
//! Follows `k8s.io/kubectl/pkg/describe/describe.go` (`describePod`,
//! `describeContainers`, `describeStatus`, `DescribeProbe`, `describeVolumes`,
//! `printLabelsMultiline`, `printTolerationsMultiline`, `DescribeEvents`,
//! `describeNode`, `describeNodeLease`, `describeNodeResource`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value as Yaml;

use super::backend::EventView;
use super::format::{describe_block, human_duration, parse_rfc3339, rfc1123z};
use super::printers::node_roles;
use crate::model::{Container, IntOrString, Node, Pod, Probe, Volume};
use crate::quantity::Quantity;
use crate::time::SimTime;

/// One indentation level of describe's `PrefixWriter`.
const L1: &str = "  ";
const L2: &str = "    ";
const L3: &str = "      ";

fn s(v: &Yaml, path: &[&str]) -> String {
    let mut cur = v;
    for k in path {
        match cur.get(*k) {
            Some(x) => cur = x,
            None => return String::new(),
        }
    }
    match cur {
        Yaml::String(x) => x.clone(),
        Yaml::Number(n) => n.to_string(),
        Yaml::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn time_of(v: &Yaml, path: &[&str]) -> String {
    let raw = s(v, path);
    parse_rfc3339(&raw).map(rfc1123z).unwrap_or(raw)
}

pub(crate) fn labels_multiline(out: &mut String, title: &str, labels: &BTreeMap<String, String>) {
    let _ = write!(out, "{title}:\t");
    if labels.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        let _ = writeln!(out, "{k}={v}");
    }
}

pub(crate) fn annotations_multiline(out: &mut String, annotations: &BTreeMap<String, String>) {
    let shown: Vec<(&String, &String)> =
        annotations.iter().filter(|(k, _)| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration").collect();
    out.push_str("Annotations:\t");
    if shown.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    for (i, (k, v)) in shown.iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        let _ = writeln!(out, "{k}: {v}");
    }
}

fn tolerations_multiline(out: &mut String, pod: &Pod) {
    out.push_str("Tolerations:\t");
    if pod.spec.tolerations.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    let mut tols = pod.spec.tolerations.clone();
    tols.sort_by(|a, b| a.key.cmp(&b.key));
    for (i, t) in tols.iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        let key = t.key.as_deref().unwrap_or("");
        let value = t.value.as_deref().unwrap_or("");
        let effect = t.effect.as_deref().unwrap_or("");
        out.push_str(key);
        if !value.is_empty() {
            let _ = write!(out, "={value}");
        }
        if !effect.is_empty() {
            let _ = write!(out, ":{effect}");
        }
        if t.operator.as_deref() == Some("Exists") && value.is_empty() {
            out.push_str(if !key.is_empty() || !effect.is_empty() { " op=Exists" } else { "op=Exists" });
        }
        if let Some(secs) = t.toleration_seconds {
            let _ = write!(out, " for {secs}s");
        }
        out.push('\n');
    }
}

fn port_of(p: &IntOrString) -> String {
    match p {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

/// `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`.
pub fn describe_probe(p: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        p.initial_delay_seconds.unwrap_or(0),
        p.timeout_seconds.unwrap_or(1),
        p.period_seconds.unwrap_or(10),
        p.success_threshold.unwrap_or(1),
        p.failure_threshold.unwrap_or(3)
    );
    if let Some(e) = &p.exec {
        return format!("exec [{}] {attrs}", e.command.join(" "));
    }
    if let Some(h) = &p.http_get {
        let scheme = h.scheme.as_deref().unwrap_or("HTTP").to_lowercase();
        let host = h.host.as_deref().unwrap_or("");
        let path = h.path.as_deref().unwrap_or("");
        return format!("http-get {scheme}://{host}:{}{path} {attrs}", port_of(&h.port));
    }
    if let Some(t) = &p.tcp_socket {
        return format!("tcp-socket {}:{} {attrs}", t.host.as_deref().unwrap_or(""), port_of(&t.port));
    }
    if let Some(g) = &p.grpc {
        return format!("grpc <pod>:{} {} {attrs}", s(g, &["port"]), s(g, &["service"]));
    }
    format!("unknown {attrs}")
}

fn describe_state(out: &mut String, name: &str, state: Option<&Yaml>) {
    let state = state.cloned().unwrap_or(Yaml::Null);
    if let Some(r) = state.get("running") {
        let _ = writeln!(out, "{L2}{name}:\tRunning");
        let _ = writeln!(out, "{L3}Started:\t{}", time_of(r, &["startedAt"]));
    } else if let Some(w) = state.get("waiting") {
        let _ = writeln!(out, "{L2}{name}:\tWaiting");
        let reason = s(w, &["reason"]);
        if !reason.is_empty() {
            let _ = writeln!(out, "{L3}Reason:\t{reason}");
        }
    } else if let Some(t) = state.get("terminated") {
        let _ = writeln!(out, "{L2}{name}:\tTerminated");
        let reason = s(t, &["reason"]);
        if !reason.is_empty() {
            let _ = writeln!(out, "{L3}Reason:\t{reason}");
        }
        let message = s(t, &["message"]);
        if !message.is_empty() {
            let _ = writeln!(out, "{L3}Message:\t{message}");
        }
        let code = s(t, &["exitCode"]);
        let _ = writeln!(out, "{L3}Exit Code:\t{}", if code.is_empty() { "0".to_string() } else { code });
        let signal = s(t, &["signal"]);
        if !signal.is_empty() && signal != "0" {
            let _ = writeln!(out, "{L3}Signal:\t{signal}");
        }
        let _ = writeln!(out, "{L3}Started:\t{}", time_of(t, &["startedAt"]));
        let _ = writeln!(out, "{L3}Finished:\t{}", time_of(t, &["finishedAt"]));
    } else {
        let _ = writeln!(out, "{L2}{name}:\tWaiting");
    }
}

fn describe_containers(out: &mut String, label: &str, containers: &[Container], statuses: &[Yaml]) {
    let _ = writeln!(out, "{label}:");
    for c in containers {
        let status = statuses.iter().find(|st| s(st, &["name"]) == c.name);
        let _ = writeln!(out, "{L1}{}:", c.name);
        if let Some(st) = status {
            let _ = writeln!(out, "{L2}Container ID:\t{}", s(st, &["containerID"]));
        }
        let _ = writeln!(out, "{L2}Image:\t{}", c.image.as_deref().unwrap_or(""));
        if let Some(st) = status {
            let _ = writeln!(out, "{L2}Image ID:\t{}", s(st, &["imageID"]));
        }
        let ports: Vec<String> = c
            .ports
            .iter()
            .map(|p| format!("{}/{}", p.container_port, p.protocol.as_deref().unwrap_or("TCP")))
            .collect();
        let host_ports: Vec<String> = c
            .ports
            .iter()
            .map(|p| format!("{}/{}", p.host_port.unwrap_or(0), p.protocol.as_deref().unwrap_or("TCP")))
            .collect();
        let none_if_empty = |v: &[String]| if v.is_empty() { "<none>".to_string() } else { v.join(", ") };
        let _ = writeln!(out, "{L2}{}:\t{}", if ports.len() > 1 { "Ports" } else { "Port" }, none_if_empty(&ports));
        let _ = writeln!(
            out,
            "{L2}{}:\t{}",
            if host_ports.len() > 1 { "Host Ports" } else { "Host Port" },
            none_if_empty(&host_ports)
        );
        for (title, words) in [("Command", &c.command), ("Args", &c.args)] {
            if !words.is_empty() {
                let _ = writeln!(out, "{L2}{title}:");
                for w in words.iter() {
                    for line in w.split('\n') {
                        let _ = writeln!(out, "{L3}{line}");
                    }
                }
            }
        }
        if let Some(st) = status {
            describe_state(out, "State", st.get("state"));
            if st.get("lastState").and_then(|l| l.get("terminated")).is_some() {
                describe_state(out, "Last State", st.get("lastState"));
            }
            let ready = st.get("ready").and_then(Yaml::as_bool).unwrap_or(false);
            let _ = writeln!(out, "{L2}Ready:\t{}", if ready { "True" } else { "False" });
            let _ = writeln!(out, "{L2}Restart Count:\t{}", st.get("restartCount").and_then(Yaml::as_i64).unwrap_or(0));
        }
        if let Some(res) = &c.resources {
            for (title, list) in [("Limits", &res.limits), ("Requests", &res.requests)] {
                if !list.is_empty() {
                    let _ = writeln!(out, "{L2}{title}:");
                    for (k, v) in list.iter() {
                        let q = Quantity::parse(v).map(|q| q.canonical()).unwrap_or_else(|_| v.clone());
                        let _ = writeln!(out, "{L3}{k}:\t{q}");
                    }
                }
            }
        }
        for (title, probe) in
            [("Liveness", &c.liveness_probe), ("Readiness", &c.readiness_probe), ("Startup", &c.startup_probe)]
        {
            if let Some(p) = probe {
                let _ = writeln!(out, "{L2}{title}:\t{}", describe_probe(p));
            }
        }
        if c.env.is_empty() {
            let _ = writeln!(out, "{L2}Environment:\t<none>");
        } else {
            let _ = writeln!(out, "{L2}Environment:");
            for e in &c.env {
                match (&e.value, &e.value_from) {
                    (_, Some(from)) => {
                        let text = if let Some(f) = from.get("fieldRef") {
                            format!(
                                " ({}:{})",
                                s(f, &["apiVersion"])
                                    .chars()
                                    .next()
                                    .map(|_| s(f, &["apiVersion"]))
                                    .unwrap_or_else(|| "v1".into()),
                                s(f, &["fieldPath"])
                            )
                        } else if let Some(r) = from.get("resourceFieldRef") {
                            format!("{} ({})", s(r, &["divisor"]), s(r, &["resource"]))
                        } else if let Some(k) = from.get("configMapKeyRef") {
                            format!("<set to the key '{}' of config map '{}'>", s(k, &["key"]), s(k, &["name"]))
                        } else if let Some(k) = from.get("secretKeyRef") {
                            format!("<set to the key '{}' in secret '{}'>", s(k, &["key"]), s(k, &["name"]))
                        } else {
                            String::new()
                        };
                        let _ = writeln!(out, "{L3}{}:\t{text}", e.name);
                    }
                    (value, None) => {
                        let value = value.as_deref().unwrap_or("");
                        for (i, line) in value.split('\n').enumerate() {
                            if i == 0 {
                                let _ = writeln!(out, "{L3}{}:\t{line}", e.name);
                            } else {
                                let _ = writeln!(out, "{L3}\t{line}");
                            }
                        }
                    }
                }
            }
        }
        if c.volume_mounts.is_empty() {
            let _ = writeln!(out, "{L2}Mounts:\t<none>");
        } else {
            let _ = writeln!(out, "{L2}Mounts:");
            let mut mounts = c.volume_mounts.clone();
            mounts.sort_by(|a, b| a.mount_path.cmp(&b.mount_path));
            for m in mounts {
                let mut flags = vec![if m.read_only == Some(true) { "ro".to_string() } else { "rw".to_string() }];
                if let Some(sp) = m.sub_path.as_deref().filter(|x| !x.is_empty()) {
                    flags.push(format!("path={sp:?}"));
                }
                let _ = writeln!(out, "{L3}{} from {} ({})", m.mount_path, m.name, flags.join(","));
            }
        }
    }
}

fn describe_volume(out: &mut String, v: &Volume) {
    let _ = writeln!(out, "{L1}{}:", v.name);
    if let Some(e) = &v.empty_dir {
        let limit = e.size_limit.clone().filter(|x| !x.is_empty() && x != "0").unwrap_or_else(|| "<unset>".into());
        let _ = writeln!(out, "{L2}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
        let _ = writeln!(out, "{L2}Medium:\t{}", e.medium.as_deref().unwrap_or(""));
        let _ = writeln!(out, "{L2}SizeLimit:\t{limit}");
    } else if let Some(h) = &v.host_path {
        let _ = writeln!(out, "{L2}Type:\tHostPath (bare host directory volume)");
        let _ = writeln!(out, "{L2}Path:\t{}", s(h, &["path"]));
        let _ = writeln!(out, "{L2}HostPathType:\t{}", s(h, &["type"]));
    } else if let Some(c) = &v.config_map {
        let optional = s(c, &["optional"]);
        let _ = writeln!(out, "{L2}Type:\tConfigMap (a volume populated by a ConfigMap)");
        let _ = writeln!(out, "{L2}Name:\t{}", s(c, &["name"]));
        let _ = writeln!(out, "{L2}Optional:\t{}", if optional.is_empty() { "false".into() } else { optional });
    } else if let Some(c) = &v.secret {
        let optional = s(c, &["optional"]);
        let _ = writeln!(out, "{L2}Type:\tSecret (a volume populated by a Secret)");
        let _ = writeln!(out, "{L2}SecretName:\t{}", s(c, &["secretName"]));
        let _ = writeln!(out, "{L2}Optional:\t{}", if optional.is_empty() { "false".into() } else { optional });
    } else if v.downward_api.is_some() {
        let _ = writeln!(out, "{L2}Type:\tDownwardAPI (a volume populated by information about the pod)");
    } else if let Some(p) = &v.projected {
        // Follows staging/src/k8s.io/kubectl/pkg/describe/describe.go
        // `printProjectedVolumeSource`: one line (or two) per source.
        let _ = writeln!(out, "{L2}Type:\tProjected (a volume that contains injected data from multiple sources)");
        let sources = p.get("sources").and_then(|x| x.as_array()).map(Vec::as_slice).unwrap_or_default();
        for src in sources.iter().take(32) {
            let optional = |x: &serde_json::Value| x.get("optional").and_then(serde_json::Value::as_bool) == Some(true);
            if let Some(sec) = src.get("secret") {
                let _ = writeln!(out, "{L2}SecretName:\t{}", s(sec, &["name"]));
                let _ = writeln!(out, "{L2}Optional:\t{}", optional(sec));
            } else if src.get("downwardAPI").is_some() {
                let _ = writeln!(out, "{L2}DownwardAPI:\ttrue");
            } else if let Some(cm) = src.get("configMap") {
                let _ = writeln!(out, "{L2}ConfigMapName:\t{}", s(cm, &["name"]));
                let _ = writeln!(out, "{L2}Optional:\t{}", optional(cm));
            } else if let Some(tok) = src.get("serviceAccountToken") {
                let secs = tok.get("expirationSeconds").and_then(serde_json::Value::as_i64).unwrap_or(3600);
                let _ = writeln!(out, "{L2}TokenExpirationSeconds:\t{secs}");
            }
        }
    } else if let Some(p) = &v.persistent_volume_claim {
        let _ = writeln!(
            out,
            "{L2}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)"
        );
        let _ = writeln!(out, "{L2}ClaimName:\t{}", s(p, &["claimName"]));
        let ro = s(p, &["readOnly"]);
        let _ = writeln!(out, "{L2}ReadOnly:\t{}", if ro.is_empty() { "false".into() } else { ro });
    } else if let Some(img) = &v.image {
        // Follows describe.go `printImageVolumeSource`.
        let _ = writeln!(out, "{L2}Type:\tImage (a container image or OCI artifact)");
        let _ = writeln!(out, "{L2}Reference:\t{}", img.reference.as_deref().unwrap_or(""));
        let _ = writeln!(out, "{L2}PullPolicy:\t{}", img.pull_policy.as_deref().unwrap_or(""));
    } else {
        let _ = writeln!(out, "{L1}<unknown>");
    }
}

/// The Events section: `Events:  <none>` or a table with Age as
/// `5s` or `5s (x3 over 40s)`.
pub fn describe_events(events: &[&EventView], now: SimTime) -> String {
    if events.is_empty() {
        return describe_block("Events:\t<none>\n");
    }
    let mut out = String::from("Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    let _ = writeln!(out, "{L1}----\t------\t----\t----\t-------");
    for e in events {
        let first = human_duration(now.since(e.first_seen));
        let interval = if e.count > 1 {
            format!("{} (x{} over {first})", human_duration(now.since(e.last_seen)), e.count)
        } else {
            first
        };
        let _ = writeln!(out, "{L1}{}\t{}\t{interval}\t{}\t{}", e.type_, e.reason, e.source, e.message.trim());
    }
    describe_block(&out)
}

/// `kubectl describe pod`; `None` for `--show-events=false` (no Events section).
pub fn describe_pod_with(pod: &Pod, events: Option<&[&EventView]>, now: SimTime) -> String {
    let status = pod.status.clone().unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(out, "Name:\t{}", pod.metadata.name);
    let _ = writeln!(out, "Namespace:\t{}", pod.metadata.namespace);
    let _ = writeln!(out, "Priority:\t{}", pod.spec.priority.unwrap_or(0));
    if let Some(pc) = pod.spec.priority_class_name.as_deref().filter(|x| !x.is_empty()) {
        let _ = writeln!(out, "Priority Class Name:\t{pc}");
    }
    let _ = writeln!(out, "Service Account:\t{}", pod.spec.service_account_name.as_deref().unwrap_or("default"));
    match pod.spec.node_name.as_deref().filter(|n| !n.is_empty()) {
        Some(node) => {
            let _ = writeln!(out, "Node:\t{node}/{}", status.host_ip.as_deref().unwrap_or(""));
        }
        None => out.push_str("Node:\t<none>\n"),
    }
    if let Some(t) = status.start_time.as_deref() {
        let _ = writeln!(out, "Start Time:\t{}", parse_rfc3339(t).map(rfc1123z).unwrap_or_else(|| t.to_string()));
    }
    labels_multiline(&mut out, "Labels", &pod.metadata.labels);
    annotations_multiline(&mut out, &pod.metadata.annotations);
    let phase = status.phase.clone().unwrap_or_default();
    match pod.metadata.deletion_timestamp.as_deref().and_then(parse_rfc3339) {
        Some(t) if phase != "Failed" && phase != "Succeeded" => {
            // The deletion timestamp lies `grace` seconds ahead, so kubectl's
            // HumanDuration of a negative span prints `<invalid>`.
            let lasts = if t.as_millis() > now.as_millis().saturating_add(1999) {
                "<invalid>".to_string()
            } else {
                human_duration(now.since(t))
            };
            let _ = writeln!(out, "Status:\tTerminating (lasts {lasts})");
            let _ = writeln!(
                out,
                "Termination Grace Period:\t{}s",
                pod.metadata.deletion_grace_period_seconds.unwrap_or(30)
            );
        }
        _ => {
            let _ = writeln!(out, "Status:\t{phase}");
        }
    }
    if let Some(r) = status.reason.as_deref().filter(|x| !x.is_empty()) {
        let _ = writeln!(out, "Reason:\t{r}");
    }
    if let Some(m) = status.message.as_deref().filter(|x| !x.is_empty()) {
        let _ = writeln!(out, "Message:\t{m}");
    }
    let ip = status.pod_ip.clone().unwrap_or_default();
    let _ = writeln!(out, "IP:\t{ip}");
    if ip.is_empty() {
        out.push_str("IPs:\t<none>\n");
    } else {
        let _ = writeln!(out, "IPs:\n{L1}IP:\t{ip}");
    }
    if let Some(owner) = pod.metadata.owner_references.iter().find(|o| o.controller == Some(true)) {
        let _ = writeln!(out, "Controlled By:\t{}/{}", owner.kind, owner.name);
    }
    if let Some(n) = status.nominated_node_name.as_deref().filter(|n| !n.is_empty()) {
        let _ = writeln!(out, "NominatedNodeName:\t{n}");
    }
    if !pod.spec.init_containers.is_empty() {
        describe_containers(&mut out, "Init Containers", &pod.spec.init_containers, &status.init_container_statuses);
    }
    describe_containers(&mut out, "Containers", &pod.spec.containers, &status.container_statuses);
    if !pod.spec.ephemeral_containers.is_empty() {
        // describe.go converts each EphemeralContainer to a Container and
        // prints it like the others.
        let ephemeral: Vec<Container> = pod.spec.ephemeral_containers.iter().map(|e| e.container.clone()).collect();
        describe_containers(&mut out, "Ephemeral Containers", &ephemeral, &status.ephemeral_container_statuses);
    }
    if !status.conditions.is_empty() {
        out.push_str("Conditions:\n  Type\tStatus\n");
        for c in &status.conditions {
            let _ = writeln!(out, "{L1}{} \t{} ", c.type_, c.status);
        }
    }
    if pod.spec.volumes.is_empty() {
        out.push_str("Volumes:\t<none>\n");
    } else {
        out.push_str("Volumes:\n");
        for v in &pod.spec.volumes {
            describe_volume(&mut out, v);
        }
    }
    let qos = status.qos_class.clone().unwrap_or_else(|| qos_class(pod).to_string());
    let _ = writeln!(out, "QoS Class:\t{qos}");
    labels_multiline(&mut out, "Node-Selectors", &pod.spec.node_selector);
    tolerations_multiline(&mut out, pod);
    finish_with_events(out, events, now)
}

/// The pod's QoS class, when its status does not say (the validator's rule).
pub fn qos_class(pod: &Pod) -> &'static str {
    crate::validate::qos_class(&pod.spec)
}

/// The sum of a resource's requests and limits over a pod's containers.
fn pod_requests_limits(pod: &Pod, resource: &str) -> (i64, i64, bool) {
    let (mut req, mut lim, mut binary) = (0i64, 0i64, false);
    for c in &pod.spec.containers {
        let res = c.resources.clone().unwrap_or_default();
        let value = |q: &str| -> i64 {
            Quantity::parse(q).map(|q| if resource == "cpu" { q.milli_value() } else { q.value() }).unwrap_or(0)
        };
        if let Some(r) = res.requests.get(resource).or(res.limits.get(resource)) {
            binary |= r.ends_with('i');
            req = req.saturating_add(value(r));
        }
        if let Some(l) = res.limits.get(resource) {
            binary |= l.ends_with('i');
            lim = lim.saturating_add(value(l));
        }
    }
    (req, lim, binary)
}

fn quantity_text(resource: &str, v: i64, binary: bool) -> String {
    if v == 0 {
        return "0".to_string();
    }
    let text = if resource == "cpu" {
        format!("{v}m")
    } else if binary && v % 1024 == 0 {
        format!("{}Ki", v / 1024)
    } else {
        v.to_string()
    };
    Quantity::parse(&text).map(|q| q.canonical()).unwrap_or(text)
}

fn percent(v: i64, of: i64) -> i64 {
    if of <= 0 {
        0
    } else {
        ((v as i128 * 100) / of as i128) as i64
    }
}

/// `kubectl describe node`; `None` for `--show-events=false` (no Events section).
pub fn describe_node_with(
    node: &Node,
    pods: &[&Pod],
    events: Option<&[&EventView]>,
    internal_ip: &str,
    now: SimTime,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Name:\t{}", node.metadata.name);
    let _ = writeln!(out, "Roles:\t{}", node_roles(node));
    labels_multiline(&mut out, "Labels", &node.metadata.labels);
    annotations_multiline(&mut out, &node.metadata.annotations);
    let created = node.metadata.creation_timestamp.as_deref().and_then(parse_rfc3339).unwrap_or(SimTime::ZERO);
    let _ = writeln!(out, "CreationTimestamp:\t{}", rfc1123z(created));
    out.push_str("Taints:\t");
    if node.spec.taints.is_empty() {
        out.push_str("<none>\n");
    } else {
        for (i, t) in node.spec.taints.iter().enumerate() {
            if i != 0 {
                out.push('\t');
            }
            match t.value.as_deref().filter(|v| !v.is_empty()) {
                Some(v) => {
                    let _ = writeln!(out, "{}={v}:{}", t.key, t.effect);
                }
                None => {
                    let _ = writeln!(out, "{}:{}", t.key, t.effect);
                }
            }
        }
    }
    let _ = writeln!(out, "Unschedulable:\t{}", node.spec.unschedulable.unwrap_or(false));
    // The kubelet's Lease in kube-node-lease: it holds it under the node's
    // name and renews it every 10s; `AcquireTime` is never set by the kubelet.
    out.push_str("Lease:\n");
    let _ = writeln!(out, "{L1}HolderIdentity:\t{}", node.metadata.name);
    let _ = writeln!(out, "{L1}AcquireTime:\t<unset>");
    let _ = writeln!(out, "{L1}RenewTime:\t{}", rfc1123z(super::cluster_backend::lease_renew_time(node, now)));
    let status = node.status.clone().unwrap_or_default();
    if !status.conditions.is_empty() {
        out.push_str("Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        let _ = writeln!(out, "{L1}----\t------\t-----------------\t------------------\t------\t-------");
        let when = |t: &Option<String>| {
            let raw = t.clone().unwrap_or_default();
            parse_rfc3339(&raw).map(rfc1123z).unwrap_or(raw)
        };
        for c in &status.conditions {
            let _ = writeln!(
                out,
                "{L1}{} \t{} \t{} \t{} \t{} \t{}",
                c.type_,
                c.status,
                when(&c.last_heartbeat_time),
                when(&c.last_transition_time),
                c.reason.as_deref().unwrap_or(""),
                c.message.as_deref().unwrap_or("")
            );
        }
    }
    out.push_str("Addresses:\n");
    if status.addresses.is_empty() {
        let _ = writeln!(out, "{L1}InternalIP:\t{internal_ip}");
        let _ = writeln!(out, "{L1}Hostname:\t{}", node.metadata.name);
    }
    for a in &status.addresses {
        let _ = writeln!(out, "{L1}{}:\t{}", a.type_, a.address);
    }
    for (title, list) in [("Capacity", &status.capacity), ("Allocatable", &status.allocatable)] {
        if !list.is_empty() {
            let _ = writeln!(out, "{title}:");
            for (k, v) in list.iter() {
                let q = Quantity::parse(v).map(|q| q.canonical()).unwrap_or_else(|_| v.clone());
                let _ = writeln!(out, "{L1}{k}:\t{q}");
            }
        }
    }
    let info = status.node_info.clone().unwrap_or_default();
    out.push_str("System Info:\n");
    for (title, value) in [
        ("Machine ID", &info.machine_id),
        ("System UUID", &info.system_uuid),
        ("Boot ID", &info.boot_id),
        ("Kernel Version", &info.kernel_version),
        ("OS Image", &info.os_image),
        ("Operating System", &info.operating_system),
        ("Architecture", &info.architecture),
        ("Container Runtime Version", &info.container_runtime_version),
        ("Kubelet Version", &info.kubelet_version),
    ] {
        let _ = writeln!(out, "{L1}{title}:\t{value}");
    }
    if let Some(cidr) = node.spec.pod_cidr.as_deref().filter(|c| !c.is_empty()) {
        let _ = writeln!(out, "PodCIDR:\t{cidr}");
    }
    if !node.spec.pod_cidrs.is_empty() {
        let _ = writeln!(out, "PodCIDRs:\t{}", node.spec.pod_cidrs.join(","));
    }
    let alloc = if status.allocatable.is_empty() { &status.capacity } else { &status.allocatable };
    node_pods_and_allocated(&mut out, alloc, pods, now);
    finish_with_events(out, events, now)
}

/// A node's `Non-terminated Pods` table and its `Allocated resources`
/// totals, as shares of what the node can allocate (`alloc`).
fn node_pods_and_allocated(out: &mut String, alloc: &BTreeMap<String, String>, pods: &[&Pod], now: SimTime) {
    let alloc_cpu = alloc.get("cpu").and_then(|q| Quantity::parse(q).ok()).map(|q| q.milli_value()).unwrap_or(0);
    let alloc_mem = alloc.get("memory").and_then(|q| Quantity::parse(q).ok()).map(|q| q.value()).unwrap_or(0);
    let _ = writeln!(*out, "Non-terminated Pods:\t({} in total)", pods.len());
    let _ = writeln!(*out, "{L1}Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge");
    let _ = writeln!(*out, "{L1}---------\t----\t\t------------\t----------\t---------------\t-------------\t---");
    let (mut cpu_req, mut cpu_lim, mut mem_req, mut mem_lim, mut mem_bin) = (0i64, 0i64, 0i64, 0i64, false);
    for pod in pods {
        let (cr, cl, _) = pod_requests_limits(pod, "cpu");
        let (mr, ml, mb) = pod_requests_limits(pod, "memory");
        cpu_req = cpu_req.saturating_add(cr);
        cpu_lim = cpu_lim.saturating_add(cl);
        mem_req = mem_req.saturating_add(mr);
        mem_lim = mem_lim.saturating_add(ml);
        mem_bin |= mb;
        let created = pod.metadata.creation_timestamp.as_deref().and_then(parse_rfc3339);
        let _ = writeln!(
            out,
            "{L1}{}\t{}\t\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}",
            pod.metadata.namespace,
            pod.metadata.name,
            quantity_text("cpu", cr, false),
            percent(cr, alloc_cpu),
            quantity_text("cpu", cl, false),
            percent(cl, alloc_cpu),
            quantity_text("memory", mr, mb),
            percent(mr, alloc_mem),
            quantity_text("memory", ml, mb),
            percent(ml, alloc_mem),
            super::format::age(now, created)
        );
    }
    out.push_str("Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    let _ = writeln!(*out, "{L1}Resource\tRequests\tLimits");
    let _ = writeln!(*out, "{L1}--------\t--------\t------");
    let _ = writeln!(
        *out,
        "{L1}cpu\t{} ({}%)\t{} ({}%)",
        quantity_text("cpu", cpu_req, false),
        percent(cpu_req, alloc_cpu),
        quantity_text("cpu", cpu_lim, false),
        percent(cpu_lim, alloc_cpu)
    );
    let _ = writeln!(
        *out,
        "{L1}memory\t{} ({}%)\t{} ({}%)",
        quantity_text("memory", mem_req, mem_bin),
        percent(mem_req, alloc_mem),
        quantity_text("memory", mem_lim, mem_bin),
        percent(mem_lim, alloc_mem)
    );
    let (eph_req, eph_lim, eph_bin) = pods.iter().fold((0i64, 0i64, false), |acc, p| {
        let (r, l, b) = pod_requests_limits(p, "ephemeral-storage");
        (acc.0.saturating_add(r), acc.1.saturating_add(l), acc.2 || b)
    });
    let alloc_eph =
        alloc.get("ephemeral-storage").and_then(|q| Quantity::parse(q).ok()).map(|q| q.value()).unwrap_or(0);
    let _ = writeln!(
        *out,
        "{L1}ephemeral-storage\t{} ({}%)\t{} ({}%)",
        quantity_text("memory", eph_req, eph_bin),
        percent(eph_req, alloc_eph),
        quantity_text("memory", eph_lim, eph_bin),
        percent(eph_lim, alloc_eph)
    );
}

/// Ends a description: without events, `Events:  <none>` joins the last
/// column block (kubectl writes it before flushing); with events the
/// writer is flushed first, so the events table aligns on its own.
fn finish_with_events(mut out: String, events: Option<&[&EventView]>, now: SimTime) -> String {
    let Some(events) = events else { return describe_block(&out) };
    if events.is_empty() {
        out.push_str("Events:\t<none>\n");
        return describe_block(&out);
    }
    let mut text = describe_block(&out);
    text.push_str(&describe_events(events, now));
    text
}
