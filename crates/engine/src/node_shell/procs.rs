//! A node's process table as the host sees it: systemd, containerd and the
//! kubelet in the host's namespaces, and per pod a containerd shim, the
//! pause process and the containers' processes in the pod's namespaces
//! (the inodes the runtime gave them, the same numbers the pod picture and
//! `kubectl exec … ls -l /proc/self/ns` show). `ps`, `/proc/<pid>/ns` and
//! `lsns` (util-linux's columns: NS TYPE NPROCS PID USER COMMAND) read it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::internals::node_view::NodeSandbox;
use crate::internals::HOST_USER_NS;

pub(crate) const KUBELET_PID: u32 = 745;
const CONTAINERD_PID: u32 = 612;

/// The host's own namespaces (a 6.x kernel numbers them from 4026531834).
const HOST_NS: [(&str, u64); 8] = [
    ("time", 4_026_531_834),
    ("cgroup", 4_026_531_835),
    ("pid", 4_026_531_836),
    ("user", HOST_USER_NS),
    ("uts", 4_026_531_838),
    ("ipc", 4_026_531_839),
    ("net", 4_026_531_840),
    ("mnt", 4_026_531_841),
];

/// One process on the node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HostProc {
    pub pid: u32,
    /// The user as `ps` names it: a name, or the host UID of a process in a
    /// pod's own user namespace (`hostUsers: false`).
    pub user: Cow<'static, str>,
    pub command: String,
    /// `(kind, inode)` for the seven `/proc/<pid>/ns` kinds and `time`.
    pub ns: Vec<(&'static str, u64)>,
}

fn host_ns() -> Vec<(&'static str, u64)> {
    HOST_NS.to_vec()
}

/// A stable PID base for a sandbox (PIDs on a real node grow over time;
/// here they only need to be stable and distinct).
fn pid_base(uid: &str) -> u32 {
    2000 + (crate::hash::fnv1a_32(uid.as_bytes()) % 300) * 100
}

/// Every process on the node, by PID.
pub(crate) fn processes(node: &str, sandboxes: &[NodeSandbox]) -> Vec<HostProc> {
    let _ = node;
    let mut out = vec![
        HostProc { pid: 1, user: "root".into(), command: "/sbin/init".into(), ns: host_ns() },
        HostProc {
            pid: CONTAINERD_PID,
            user: "root".into(),
            command: "/usr/bin/containerd".into(),
            ns: host_ns(),
        },
        HostProc {
            pid: KUBELET_PID,
            user: "root".into(),
            command: "/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10.1".into(),
            ns: host_ns(),
        },
    ];
    for sb in sandboxes {
        let base = pid_base(&sb.uid);
        out.push(HostProc {
            pid: base,
            user: "root".into(),
            command: format!(
                "/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id {} -address /run/containerd/containerd.sock",
                crate::internals::node_view::pod_id(&sb.uid)
            ),
            ns: host_ns(),
        });
        // In a pod's own user namespace, IDs inside are the block's IDs on
        // the host: root is `id_base`, the pause user 65535 is `id_base + 65535`.
        let host_uid = |inside: u32| -> Cow<'static, str> {
            match sb.id_base {
                Some(b) => b.saturating_add(inside).to_string().into(),
                None if inside == 0 => "root".into(),
                None => inside.to_string().into(),
            }
        };
        out.push(HostProc {
            pid: base + 2,
            user: host_uid(65535),
            command: "/pause".into(),
            ns: with_time(sb.pause_namespaces()),
        });
        for (ci, c) in sb.containers.iter().enumerate().take(8) {
            let ns = with_time(c.namespaces(sb));
            for (pi, (_, cmd)) in c.processes.iter().enumerate().take(9) {
                let pid = base + 10 + (ci as u32) * 10 + pi as u32;
                out.push(HostProc { pid, user: host_uid(0), command: cmd.clone(), ns: ns.clone() });
            }
        }
    }
    out.sort_by_key(|p| p.pid);
    out.dedup_by_key(|p| p.pid);
    out
}

fn with_time(ns: [(&'static str, u64); 7]) -> Vec<(&'static str, u64)> {
    let mut v = ns.to_vec();
    v.push(("time", 4_026_531_834));
    v
}

/// The host PID of a container's main process (for `crictl inspect`).
pub(crate) fn main_pid(sb: &NodeSandbox, container: &str) -> u32 {
    let ci = sb.containers.iter().position(|c| c.name == container).unwrap_or(0);
    pid_base(&sb.uid) + 10 + (ci as u32) * 10
}

/// The pause process's host PID (`crictl inspectp` `info.pid`).
pub(crate) fn pause_pid(sb: &NodeSandbox) -> u32 {
    pid_base(&sb.uid) + 2
}

/// `ps` lines (BusyBox's columns).
pub(crate) fn ps_lines(procs: &[HostProc]) -> Vec<String> {
    let mut lines = vec!["PID   USER     TIME  COMMAND".to_string()];
    lines.extend(procs.iter().map(|p| format!("{:>5} {:<8.8} 0:00 {}", p.pid, p.user, p.command)));
    lines
}

/// `lsns`: one line per namespace, sorted by inode, with the lowest PID in
/// it and that process's user and command (util-linux sys-utils/lsns.c).
pub(crate) fn lsns(procs: &[HostProc], args: &[String]) -> (String, String, i32) {
    let mut type_filter: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-t" | "--type" => type_filter = it.next().cloned(),
            s if s.starts_with("--type=") => type_filter = Some(s.trim_start_matches("--type=").to_string()),
            s if s.starts_with('-') => {
                return (
                    String::new(),
                    format!("lsns: unrecognized option '{s}'\nTry 'lsns --help' for more information.\n"),
                    1,
                )
            }
            _ => {}
        }
    }
    if let Some(t) = &type_filter {
        if !HOST_NS.iter().any(|(k, _)| k == t) {
            return (String::new(), format!("lsns: unknown namespace type: {t}\n"), 1);
        }
    }
    // inode -> (type, nprocs, lowest pid, user, command)
    let mut rows: BTreeMap<u64, (&str, usize, u32, &str, &str)> = BTreeMap::new();
    for p in procs {
        for (kind, inode) in &p.ns {
            if type_filter.as_deref().is_some_and(|t| t != *kind) {
                continue;
            }
            let e = rows.entry(*inode).or_insert((kind, 0, p.pid, &p.user, &p.command));
            e.1 += 1;
            if p.pid < e.2 {
                e.2 = p.pid;
                e.3 = &p.user;
                e.4 = &p.command;
            }
        }
    }
    let table: Vec<[String; 6]> = rows
        .iter()
        .map(|(ns, (kind, n, pid, user, cmd))| {
            [ns.to_string(), kind.to_string(), n.to_string(), pid.to_string(), user.to_string(), cmd.to_string()]
        })
        .collect();
    let header = ["NS", "TYPE", "NPROCS", "PID", "USER", "COMMAND"].map(str::to_string);
    let mut widths = [0usize; 6];
    for row in std::iter::once(&header).chain(table.iter()) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let right = [true, false, true, true, false, false];
    let mut text = String::new();
    for row in std::iter::once(&header).chain(table.iter()) {
        let mut cells: Vec<String> = Vec::new();
        for (k, cell) in row.iter().enumerate() {
            let w = widths.get(k).copied().unwrap_or(0);
            let last = k + 1 == row.len();
            cells.push(match (right.get(k).copied().unwrap_or(false), last) {
                (true, _) => format!("{cell:>w$}"),
                (false, true) => cell.clone(),
                (false, false) => format!("{cell:<w$}"),
            });
        }
        text.push_str(&cells.join(" "));
        text.push('\n');
    }
    (text, String::new(), 0)
}

/// Reads under `/proc` on the node: `/proc/<pid>/ns/<kind>` links and `cmdline`.
pub(crate) fn proc_read(procs: &[HostProc], comps: &[String]) -> Result<String, String> {
    let p = proc_of(procs, comps.get(1))?;
    match (comps.get(2).map(String::as_str), comps.get(3).map(String::as_str)) {
        (Some("ns"), Some(kind)) => {
            p.ns.iter()
                .find(|(k, _)| *k == kind)
                .map(|(k, v)| format!("{k}:[{v}]"))
                .ok_or_else(|| "No such file or directory".to_string())
        }
        (Some("cmdline"), None) => Ok(p.command.replace(' ', "\0")),
        (Some("comm"), None) => {
            Ok(format!("{}\n", p.command.split(' ').next().unwrap_or("").rsplit('/').next().unwrap_or("")))
        }
        (Some("ns") | None, None) => Err("Is a directory".into()),
        _ => Err("No such file or directory".into()),
    }
}

/// Lists under `/proc` on the node.
pub(crate) fn proc_list(procs: &[HostProc], comps: &[String]) -> Result<Vec<String>, String> {
    match comps.len() {
        1 => {
            let mut v: Vec<String> = procs.iter().map(|p| p.pid.to_string()).collect();
            v.push("self".into());
            Ok(v)
        }
        2 => proc_of(procs, comps.get(1)).map(|_| vec!["cmdline".into(), "comm".into(), "ns".into()]),
        3 if comps.get(2).map(String::as_str) == Some("ns") => {
            let p = proc_of(procs, comps.get(1))?;
            let mut kinds: Vec<String> = p.ns.iter().map(|(k, _)| k.to_string()).collect();
            kinds.sort();
            Ok(kinds)
        }
        _ => Err("Not a directory".into()),
    }
}

/// Whether a `/proc` path is a directory.
pub(crate) fn proc_is_dir(procs: &[HostProc], comps: &[String]) -> bool {
    match comps.len() {
        1 => true,
        2 => proc_of(procs, comps.get(1)).is_ok(),
        3 => comps.get(2).map(String::as_str) == Some("ns") && proc_of(procs, comps.get(1)).is_ok(),
        _ => false,
    }
}

fn proc_of<'a>(procs: &'a [HostProc], pid: Option<&String>) -> Result<&'a HostProc, String> {
    let pid = match pid.map(String::as_str) {
        // The shell itself runs in the host's namespaces, like PID 1.
        Some("self") => 1,
        Some(n) => n.parse::<u32>().map_err(|_| "No such file or directory".to_string())?,
        None => return Err("Is a directory".into()),
    };
    procs.iter().find(|p| p.pid == pid).ok_or_else(|| "No such file or directory".to_string())
}
