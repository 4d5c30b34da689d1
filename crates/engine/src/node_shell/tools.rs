//! systemd's tools on a node, as far as a learner uses them for the
//! kubelet: `systemctl status|restart|is-active kubelet|containerd` and
//! `journalctl -u kubelet` (the kubelet's log: manifests it could not read).

use crate::time::SimTime;

const KUBELET_CMDLINE: &str = "/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10.1";

fn unit_name(arg: &str) -> &str {
    arg.strip_suffix(".service").unwrap_or(arg)
}

/// `systemctl VERB UNIT`.
pub(crate) fn systemctl(node: &str, args: &[String], now: SimTime) -> (String, String, i32) {
    let words: Vec<&str> = args.iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
    let verb = words.first().copied().unwrap_or("list-units");
    let unit = words.get(1).map(|u| unit_name(u)).unwrap_or("");
    let known = matches!(unit, "kubelet" | "containerd");
    match verb {
        "status" if unit.is_empty() => (format!("● {node}\n    State: running\n    Units: 312 loaded (incl. loaded aliases)\n     Jobs: 0 queued\n   Failed: 0 units\n"), String::new(), 0),
        "status" if known => (status(node, unit, now), String::new(), 0),
        "is-active" if known => ("active\n".into(), String::new(), 0),
        "is-enabled" if known => ("enabled\n".into(), String::new(), 0),
        "restart" | "start" | "stop" | "enable" | "daemon-reload" if known || verb == "daemon-reload" => {
            (String::new(), String::new(), 0)
        }
        "status" | "is-active" | "restart" | "start" | "stop" => {
            (String::new(), format!("Unit {unit}.service could not be found.\n"), 4)
        }
        _ => (String::new(), format!("Unknown command verb '{verb}'.\n"), 1),
    }
}

/// `systemctl status kubelet|containerd`.
fn status(node: &str, unit: &str, now: SimTime) -> String {
    let since = crate::shell::format_date(SimTime::ZERO, Some("%a %Y-%m-%d %H:%M:%S UTC"));
    let mins = now.as_millis() / 60_000;
    let ago = if mins == 0 { format!("{}s ago", now.as_millis() / 1000) } else { format!("{mins}min ago") };
    let _ = node;
    if unit == "containerd" {
        return format!(
            "● containerd.service - containerd container runtime
     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)
     Active: active (running) since {since}; {ago}
       Docs: https://containerd.io
   Main PID: 612 (containerd)
     CGroup: /system.slice/containerd.service
             └─612 /usr/bin/containerd
"
        );
    }
    format!(
        "● kubelet.service - kubelet: The Kubernetes Node Agent
     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)
    Drop-In: /usr/lib/systemd/system/kubelet.service.d
             └─10-kubeadm.conf
     Active: active (running) since {since}; {ago}
       Docs: https://kubernetes.io/docs/
   Main PID: 745 (kubelet)
     CGroup: /system.slice/kubelet.service
             └─745 {KUBELET_CMDLINE}
"
    )
}

/// `journalctl -u kubelet`: the kubelet's log lines kept on this node.
pub(crate) fn journalctl(journal: &[String], args: &[String]) -> (String, String, i32) {
    let unit = args
        .iter()
        .position(|a| a == "-u" || a == "--unit")
        .and_then(|i| args.get(i + 1))
        .map(|u| unit_name(u).to_string())
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--unit=").map(|u| unit_name(u).to_string())));
    let lines: Vec<&String> = match unit.as_deref() {
        Some("kubelet") | None => journal.iter().collect(),
        Some(_) => Vec::new(),
    };
    if lines.is_empty() {
        return ("-- No entries --\n".into(), String::new(), 0);
    }
    (lines.iter().map(|l| format!("{l}\n")).collect(), String::new(), 0)
}
