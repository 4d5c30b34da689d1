//! `inspect`, `logs`, `exec` and `validate`: looking at a pod that `run`
//! started in another process, through its state directory and the kernel's
//! /proc/PID/ns links.

use std::path::Path;

use podplay_engine::{Diagnostic, Lang};
use serde::Serialize;

use crate::state::{self, PodState};

/// Prints diagnostics as `file:line:col: severity: message` plus our explanation.
pub fn print_diagnostics(file: &str, diags: &[Diagnostic], lang: Lang) {
    for d in diags {
        let sev = format!("{:?}", d.severity).to_lowercase();
        eprintln!("{file}:{}:{}: {sev}: {}", d.span.line, d.span.col, d.message);
        let explain = d.explain.get(lang);
        if !explain.is_empty() {
            eprintln!("  = {explain}");
        }
    }
}

/// `validate -f FILE`: the engine's diagnostics plus the node's own refusals.
pub fn validate(file: &Path, lang: Lang, allow_host: bool) -> i32 {
    let source = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return 2;
        }
    };
    match crate::pod::load_pod(&source) {
        Err(diags) => {
            print_diagnostics(&file.display().to_string(), &diags, lang);
            1
        }
        Ok(pod) => {
            let exposure = crate::pod::host_exposure(&pod);
            if !allow_host && !exposure.is_empty() {
                for (_, text) in &exposure {
                    eprintln!("error: {}", text.get(lang));
                }
                return 1;
            }
            println!("pod/{} is valid", pod.metadata.name);
            0
        }
    }
}

/// The namespaces `inspect` shows, in order.
pub const NAMESPACES: [&str; 5] = ["net", "ipc", "uts", "mnt", "pid"];

/// The inode of /proc/PID/ns/NAME (`net:[4026532…]`).
pub fn ns_inode(pid: i32, ns: &str) -> Option<u64> {
    let link = std::fs::read_link(format!("/proc/{pid}/ns/{ns}")).ok()?;
    let s = link.to_string_lossy();
    s.split_once('[')?.1.trim_end_matches(']').parse().ok()
}

#[derive(Serialize)]
pub struct NsRow {
    container: String,
    kind: String,
    state: String,
    pid: Option<i32>,
    /// Namespace name → (inode, shared with the pause process).
    namespaces: Vec<NsCell>,
    rootfs: String,
    cgroups: Vec<String>,
    restart_count: u32,
    /// `containerStatuses[].ready`.
    ready: bool,
    /// The limits the kernel enforces now, read from the cgroup files
    /// (they change with `resize`): bytes, and CFS quota per 100 ms period.
    memory_limit: Option<i64>,
    cpu_quota_us: Option<i64>,
    /// /proc/PID/uid_map of the container's process.
    uid_map: String,
    /// The inode of its user namespace (the host's unless `hostUsers: false`).
    user_ns: Option<u64>,
}

#[derive(Serialize)]
pub struct NsCell {
    ns: String,
    inode: Option<u64>,
    shared: bool,
}

/// What `inspect` shows about one pod (also served by `serve` as JSON).
#[derive(Serialize)]
pub struct InspectOut {
    pod: String,
    uid: String,
    phase: String,
    share_process_namespace: bool,
    cgroup_layout: String,
    state_dir: String,
    rows: Vec<NsRow>,
    /// The pod's Ready condition.
    ready: bool,
    /// `hostUsers: false`: the pod's user namespace maps 0 → this host id (65536 ids).
    userns_base: Option<u32>,
}

fn row(name: &str, kind: &str, state: &str, pid: Option<i32>, pause: Option<i32>) -> NsRow {
    let namespaces = NAMESPACES
        .iter()
        .map(|ns| {
            let inode = pid.and_then(|p| ns_inode(p, ns));
            let pause_inode = pause.and_then(|p| ns_inode(p, ns));
            NsCell { ns: ns.to_string(), inode, shared: inode.is_some() && inode == pause_inode && pid != pause }
        })
        .collect();
    NsRow {
        container: name.into(),
        kind: kind.into(),
        state: state.into(),
        pid,
        namespaces,
        rootfs: String::new(),
        cgroups: Vec::new(),
        restart_count: 0,
        ready: false,
        memory_limit: None,
        cpu_quota_us: None,
        uid_map: pid.and_then(|p| std::fs::read_to_string(format!("/proc/{p}/uid_map")).ok()).unwrap_or_default(),
        user_ns: pid.and_then(|p| ns_inode(p, "user")),
    }
}

/// The namespace picture of a running pod, from its state and the kernel.
pub fn inspect_data(name: &str) -> Option<InspectOut> {
    let (dir, st) = state::find_pod(name)?;
    Some(picture(&dir, &st))
}

/// Every running pod's picture.
pub fn all_pods() -> Vec<InspectOut> {
    let Ok(entries) = std::fs::read_dir(state::state_root()) else { return Vec::new() };
    let mut out: Vec<InspectOut> = entries
        .flatten()
        .filter_map(|e| PodState::load(&e.path()).filter(|s| s.owner.alive()).map(|s| picture(&e.path(), &s)))
        .collect();
    out.sort_by(|a, b| a.pod.cmp(&b.pod));
    out
}

fn picture(dir: &Path, st: &PodState) -> InspectOut {
    let pause = st.holder.filter(|h| h.alive()).map(|h| h.pid);
    let mut rows = vec![row("(pause)", "sandbox", "Running", pause, pause)];
    // Ephemeral containers (`debug`) record themselves beside state.json.
    let mut ephemeral: Vec<state::ContainerState> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| {
                    e.file_name().to_string_lossy().starts_with("ephemeral-")
                        && e.path().extension().is_some_and(|x| x == "json")
                })
                .filter_map(|e| serde_json::from_slice(&std::fs::read(e.path()).ok()?).ok())
                .collect()
        })
        .unwrap_or_default();
    ephemeral.sort_by(|a, b| a.name.cmp(&b.name));
    for c in st.containers.iter().chain(&ephemeral) {
        let pid = c.process.filter(|p| p.alive()).map(|p| p.pid);
        let mut r = row(&c.name, &c.kind, &c.state, pid, pause);
        r.rootfs = c.rootfs_mode.clone();
        r.cgroups = c.cgroups.iter().map(|p| p.display().to_string()).collect();
        r.restart_count = c.restart_count;
        r.ready = c.ready;
        (r.memory_limit, r.cpu_quota_us) = crate::cgroup::current_limits(&c.cgroups);
        rows.push(r);
    }
    InspectOut {
        pod: st.name.clone(),
        uid: st.uid.clone(),
        phase: st.phase.clone(),
        share_process_namespace: st.share_process_namespace,
        cgroup_layout: st.cgroup_layout.clone(),
        state_dir: dir.display().to_string(),
        rows,
        ready: st.ready,
        userns_base: st.userns_base,
    }
}

/// `inspect POD [--json]`.
pub fn inspect(name: &str, json: bool, lang: Lang) -> i32 {
    let Some(out) = inspect_data(name) else {
        eprintln!("{}", not_found(name).get(lang));
        return 1;
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return 0;
    }
    println!(
        "pod/{}  phase={}  ready={}  cgroups={}  shareProcessNamespace={}{}",
        out.pod,
        out.phase,
        out.ready,
        out.cgroup_layout,
        out.share_process_namespace,
        out.userns_base.map(|b| format!("  hostUsers=false (uid_map: 0 {b} 65536)")).unwrap_or_default()
    );
    println!(
        "{:<16} {:>7}  {:<5} {:<18} {:<18} {:<18} {:<18} {:<18} {:<8} LIMITS",
        "CONTAINER", "PID", "READY", "NET", "IPC", "UTS", "MNT", "PID-NS", "ROOTFS"
    );
    for r in &out.rows {
        let cells: Vec<String> = r
            .namespaces
            .iter()
            .map(|c| match c.inode {
                Some(i) if c.shared => format!("{i} shared"),
                Some(i) => i.to_string(),
                None => "-".into(),
            })
            .collect();
        let pid = r.pid.map(|p| p.to_string()).unwrap_or_else(|| "-".into());
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let limits = [
            r.memory_limit.map(|m| format!("memory={m}")),
            r.cpu_quota_us.map(|q| format!("cpu={}m", q * 1000 / crate::pod::CPU_PERIOD_US)),
        ];
        let limits: Vec<String> = limits.into_iter().flatten().collect();
        let ready = if r.kind == "sandbox" {
            "-"
        } else if r.ready {
            "true"
        } else {
            "false"
        };
        println!(
            "{:<16} {:>7}  {:<5} {:<18} {:<18} {:<18} {:<18} {:<18} {:<8} {}",
            r.container,
            pid,
            ready,
            cell(0),
            cell(1),
            cell(2),
            cell(3),
            cell(4),
            r.rootfs,
            limits.join(" ")
        );
    }
    let note = podplay_engine::Text::new(
        "shared = pause 프로세스와 같은 네임스페이스(커널이 알려 준 inode 번호). 파드의 컨테이너는 net, ipc, uts를 함께 쓰고 mnt는 각자 가집니다. pid는 shareProcessNamespace: true일 때만 함께 씁니다.",
        "shared = the same namespace as the pause process (inode numbers from the kernel). A pod's containers share net, ipc and uts and each has its own mnt; pid is shared only with shareProcessNamespace: true.",
    );
    println!("{}", note.get(lang));
    0
}

fn not_found(name: &str) -> podplay_engine::Text {
    podplay_engine::Text::new(
        format!(
            "실행 중인 파드 \"{name}\"를 찾지 못했습니다(같은 기계에서 `podplay-node run`으로 띄운 파드만 보입니다)."
        ),
        format!(
            "no running pod named \"{name}\" (only pods started with `podplay-node run` on this machine are visible)."
        ),
    )
}

/// The container a command names, or the only one that is not an init container.
pub fn pick_container<'a>(st: &'a PodState, container: Option<&str>) -> Result<&'a state::ContainerState, String> {
    match container {
        Some(c) => st
            .containers
            .iter()
            .find(|x| x.name == c)
            .ok_or_else(|| format!("container {c} is not valid for pod {}", st.name)),
        None if st.containers.iter().filter(|c| c.kind != "init").count() == 1 => {
            st.containers.iter().find(|c| c.kind != "init").ok_or_default()
        }
        None => Err(format!(
            "a container name must be specified for pod {}, choose one of: [{}]",
            st.name,
            st.containers.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(" ")
        )),
    }
}

trait OkOrDefault<'a> {
    fn ok_or_default(self) -> Result<&'a state::ContainerState, String>;
}

impl<'a> OkOrDefault<'a> for Option<&'a state::ContainerState> {
    fn ok_or_default(self) -> Result<&'a state::ContainerState, String> {
        self.ok_or_else(|| "no container".to_string())
    }
}

/// `logs POD [-c CONTAINER]`.
pub fn logs(name: &str, container: Option<&str>, lang: Lang) -> i32 {
    let Some((_, st)) = state::find_pod(name) else {
        eprintln!("{}", not_found(name).get(lang));
        return 1;
    };
    match pick_container(&st, container) {
        Ok(c) => match std::fs::read(&c.log) {
            Ok(bytes) => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(&bytes);
                0
            }
            Err(e) => {
                eprintln!("error: {}: {e}", c.log.display());
                1
            }
        },
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

/// `exec POD [-c CONTAINER] -- CMD…`: runs a command inside a running container.
pub fn exec(name: &str, container: Option<&str>, argv: &[String], lang: Lang) -> i32 {
    let Some((_, st)) = state::find_pod(name) else {
        eprintln!("{}", not_found(name).get(lang));
        return 1;
    };
    let c = match pick_container(&st, container) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let Some(p) = c.process.filter(|p| p.alive()) else {
        eprintln!("error: unable to upgrade connection: container not found (\"{}\")", c.name);
        return 1;
    };
    let procs = crate::cgroup::procs_files(&c.cgroups);
    match crate::helper::exec_in(p.pid, &procs, &c.env, &c.working_dir, argv) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            126
        }
    }
}
