//! The state directory of each running pod (/run/podplay-node/<pod>-<id>/):
//! state.json with PIDs and cgroups, per-container logs, disk emptyDirs.
//! A pod whose owner died (even by SIGKILL) is swept at the next start.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Where pods keep their state; `PODPLAY_NODE_STATE_DIR` overrides it.
pub fn state_root() -> PathBuf {
    std::env::var_os("PODPLAY_NODE_STATE_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/run/podplay-node"))
}

/// A process, identified by PID and start time (so a reused PID is not mistaken for it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proc {
    pub pid: i32,
    pub start: u64,
}

impl Proc {
    /// The process with this PID as it is now.
    pub fn of(pid: i32) -> Proc {
        Proc { pid, start: start_time(pid).unwrap_or(0) }
    }

    /// Whether this very process still exists.
    pub fn alive(&self) -> bool {
        self.pid > 0 && start_time(self.pid) == Some(self.start)
    }
}

/// Field 22 of /proc/PID/stat: start time in clock ticks since boot.
pub fn start_time(pid: i32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_comm = stat.rsplit_once(')')?.1;
    after_comm.split_whitespace().nth(19)?.parse().ok()
}

/// One container as `inspect`, `logs` and `exec` need it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ContainerState {
    pub name: String,
    /// `init`, `sidecar` or `regular`.
    pub kind: String,
    /// `Waiting`, `Running` or `Terminated`.
    pub state: String,
    pub reason: String,
    pub restart_count: u32,
    /// The container's main process (host PID), while running.
    pub process: Option<Proc>,
    /// The shim that waits for it.
    pub shim: Option<Proc>,
    pub exit_code: Option<i32>,
    pub cgroups: Vec<PathBuf>,
    pub log: PathBuf,
    /// `overlayfs` or `copy` (the fallback when overlayfs is not available).
    pub rootfs_mode: String,
    pub env: BTreeMap<String, String>,
    pub working_dir: String,
    /// The startup probe passed (or there is none) and postStart is done.
    #[serde(default)]
    pub started: bool,
    /// The readiness probe's verdict (`containerStatuses[].ready`).
    #[serde(default)]
    pub ready: bool,
    /// The uid_map of the container's user namespace (`hostUsers: false`).
    #[serde(default)]
    pub uid_map: String,
}

/// state.json.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PodState {
    pub name: String,
    pub uid: String,
    pub owner: Proc,
    /// The pause process: PID 1 of the pod's pid namespace, owner of net/ipc/uts.
    pub holder: Option<Proc>,
    /// The holder's parent (waits for the pause process).
    pub holder_outer: Option<Proc>,
    pub share_process_namespace: bool,
    pub cgroup_layout: String,
    /// The pod-level cgroup directories (parents of the containers' ones).
    pub pod_cgroups: Vec<PathBuf>,
    pub phase: String,
    pub containers: Vec<ContainerState>,
    /// The pod's Ready condition: every regular container ready.
    #[serde(default)]
    pub ready: bool,
    /// `hostUsers: false`: the pod's user namespace maps 0 → this host uid/gid (65536 ids).
    #[serde(default)]
    pub userns_base: Option<u32>,
}

impl PodState {
    /// Writes state.json atomically.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let tmp = dir.join("state.json.tmp");
        fs::write(&tmp, serde_json::to_vec_pretty(self).unwrap_or_default())?;
        fs::rename(tmp, dir.join("state.json"))
    }

    pub fn load(dir: &Path) -> Option<PodState> {
        serde_json::from_slice(&fs::read(dir.join("state.json")).ok()?).ok()
    }

    /// Every process this pod recorded.
    pub fn processes(&self) -> Vec<Proc> {
        let mut out: Vec<Proc> = self.holder.iter().chain(&self.holder_outer).copied().collect();
        for c in &self.containers {
            out.extend(c.process.iter().chain(&c.shim).copied());
        }
        out
    }
}

/// Finds a running pod's state directory by pod name.
pub fn find_pod(name: &str) -> Option<(PathBuf, PodState)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(state_root()).ok()?.flatten() {
        if let Some(st) = PodState::load(&entry.path()) {
            if st.name == name && st.owner.alive() {
                found.push((entry.path(), st));
            }
        }
    }
    found.pop()
}

/// Removes the state of pods whose owner is gone: kills recorded processes
/// that still live, removes their cgroups and directories. Returns the pods swept.
pub fn sweep() -> Vec<String> {
    let mut swept = Vec::new();
    let Ok(entries) = fs::read_dir(state_root()) else { return swept };
    for entry in entries.flatten() {
        let dir = entry.path();
        let Some(st) = PodState::load(&dir) else {
            // A directory without state.json: a start that died before writing it;
            // only remove it if it is older than a minute (its owner may be starting now).
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|d| d.as_secs() > 60);
            if old {
                let _ = fs::remove_dir_all(&dir);
            }
            continue;
        };
        if st.owner.alive() {
            continue;
        }
        for p in st.processes() {
            if p.alive() {
                let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(p.pid), nix::sys::signal::Signal::SIGKILL);
            }
        }
        let mut cgroups: Vec<PathBuf> = st.containers.iter().flat_map(|c| c.cgroups.clone()).collect();
        cgroups.extend(st.pod_cgroups.clone());
        let _ = crate::cgroup::remove(&cgroups);
        let _ = fs::remove_dir_all(&dir);
        swept.push(st.name);
    }
    swept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_process_is_known_by_pid_and_start_time() {
        let me = Proc::of(std::process::id() as i32);
        assert!(me.start > 0);
        assert!(me.alive());
        assert!(!Proc { start: me.start + 1, ..me }.alive(), "a reused PID is another process");
        assert!(!Proc { pid: 0, start: 0 }.alive());
    }

    #[test]
    fn state_round_trips_through_json() {
        let dir = std::env::temp_dir().join(format!("podplay-node-state-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let st = PodState {
            name: "p".into(),
            phase: "Running".into(),
            containers: vec![ContainerState { name: "c".into(), ..ContainerState::default() }],
            ..PodState::default()
        };
        st.save(&dir).unwrap();
        let back = PodState::load(&dir).unwrap();
        assert_eq!((back.name.as_str(), back.phase.as_str(), back.containers.len()), ("p", "Running", 1));
        let _ = fs::remove_dir_all(&dir);
    }
}
