//! Container cgroups, v1 and v2 both: detect the layout, create one cgroup
//! per container under a `podplay` parent, write limits, read OOM kills and
//! remove them again. Follows runc's libcontainer/cgroups (fs and fs2).

use std::fs;
use std::path::{Path, PathBuf};

use crate::pod::{Limits, CPU_PERIOD_US};

/// Where cgroups are mounted; `PODPLAY_NODE_CGROUP_ROOT` overrides it (tests
/// point it at a hybrid machine's empty v2 mount to exercise the v2 paths).
fn root() -> PathBuf {
    std::env::var_os("PODPLAY_NODE_CGROUP_ROOT").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/sys/fs/cgroup"))
}
const CGROUP2_SUPER_MAGIC: i64 = 0x6367_7270;
/// The v1 controllers podplay-node uses.
const V1_CONTROLLERS: [&str; 3] = ["memory", "cpu", "pids"];

/// The cgroup layout of this machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Unified hierarchy at /sys/fs/cgroup.
    V2,
    /// Legacy (or hybrid) hierarchies: one mount per controller.
    V1,
    /// No usable cgroups: limits cannot be enforced.
    None,
}

impl Layout {
    pub fn name(&self) -> &'static str {
        match self {
            Layout::V2 => "v2",
            Layout::V1 => "v1",
            Layout::None => "none",
        }
    }
}

/// Detects the layout: cgroup2 mounted at /sys/fs/cgroup means v2; otherwise
/// per-controller v1 mounts (a hybrid's empty v2 at /sys/fs/cgroup/unified is ignored).
pub fn detect() -> Layout {
    if let Ok(st) = nix::sys::statfs::statfs(&root()) {
        // The cast is needed where f_type is not an i64 (32-bit and some 64-bit targets).
        #[allow(clippy::unnecessary_cast)]
        if st.filesystem_type().0 as i64 == CGROUP2_SUPER_MAGIC {
            return Layout::V2;
        }
    }
    if root().join("memory/memory.limit_in_bytes").exists() {
        return Layout::V1;
    }
    Layout::None
}

/// The directories (one per v1 controller, or one v2 directory) of a cgroup
/// relative to the `podplay` parent, e.g. `<pod-dir>/<container>`.
pub fn dirs(layout: &Layout, rel: &str) -> Vec<PathBuf> {
    match layout {
        Layout::V2 => vec![root().join("podplay").join(rel)],
        Layout::V1 => {
            V1_CONTROLLERS.iter().map(|c| root().join(c).join(own_v1_path(c)).join("podplay").join(rel)).collect()
        }
        Layout::None => Vec::new(),
    }
}

/// This process's own cgroup path for a v1 controller (from /proc/self/cgroup):
/// pods nest under it, so a confined supervisor stays confined.
fn own_v1_path(controller: &str) -> String {
    let text = fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
    for line in text.lines() {
        let mut parts = line.splitn(3, ':');
        let (_, ctrls, path) = (parts.next(), parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        if ctrls.split(',').any(|c| c == controller) {
            return path.trim_start_matches('/').to_string();
        }
    }
    String::new()
}

/// Creates a container cgroup and writes its limits. Returns the directories made.
pub fn create(layout: &Layout, rel: &str, limits: &Limits) -> Result<Vec<PathBuf>, String> {
    let made = create_inner(layout, rel, limits);
    if made.is_err() {
        let _ = remove(&dirs(layout, rel));
    }
    made
}

fn create_inner(layout: &Layout, rel: &str, limits: &Limits) -> Result<Vec<PathBuf>, String> {
    let dirs = dirs(layout, rel);
    if *layout == Layout::V2 {
        // Enable controllers down the path; the root is exempt from the
        // no-internal-processes rule, and podplay's own levels hold no process.
        let mut path = root();
        for part in Path::new("podplay").join(rel).components() {
            // One at a time: a write naming an unavailable controller changes nothing.
            for ctrl in ["+memory", "+cpu", "+pids"] {
                let _ = fs::write(path.join("cgroup.subtree_control"), ctrl);
            }
            path.push(part);
            fs::create_dir_all(&path).map_err(|e| format!("mkdir {}: {e}", path.display()))?;
        }
    }
    for d in &dirs {
        fs::create_dir_all(d).map_err(|e| format!("mkdir {}: {e}", d.display()))?;
    }
    let write = |dir: &Path, file: &str, value: String| -> Result<(), String> {
        fs::write(dir.join(file), &value).map_err(|e| format!("write {value} to {}: {e}", dir.join(file).display()))
    };
    match layout {
        Layout::V1 => {
            for d in &dirs {
                let ctrl = d
                    .strip_prefix(root())
                    .ok()
                    .and_then(|p| p.components().next())
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .unwrap_or_default();
                match ctrl.as_str() {
                    "memory" => {
                        if let Some(m) = limits.memory_bytes {
                            write(d, "memory.limit_in_bytes", m.to_string())?;
                            // No swap beyond the limit, so a hog is OOM-killed rather than swapped.
                            if d.join("memory.memsw.limit_in_bytes").exists() {
                                write(d, "memory.memsw.limit_in_bytes", m.to_string())?;
                            }
                        }
                    }
                    "cpu" => {
                        if let Some(q) = limits.cpu_quota_us {
                            write(d, "cpu.cfs_period_us", CPU_PERIOD_US.to_string())?;
                            write(d, "cpu.cfs_quota_us", q.to_string())?;
                        }
                        if let Some(s) = limits.cpu_shares {
                            write(d, "cpu.shares", s.to_string())?;
                        }
                    }
                    "pids" => {
                        if let Some(p) = limits.pids_max {
                            write(d, "pids.max", p.to_string())?;
                        }
                    }
                    _ => {}
                }
            }
        }
        Layout::V2 => {
            if let Some(d) = dirs.first() {
                if let Some(m) = limits.memory_bytes {
                    write(d, "memory.max", m.to_string())?;
                    let _ = fs::write(d.join("memory.swap.max"), "0");
                    // The kubelet kills the whole container on OOM in v2 (memory.oom.group).
                    let _ = fs::write(d.join("memory.oom.group"), "1");
                }
                if let Some(q) = limits.cpu_quota_us {
                    write(d, "cpu.max", format!("{q} {CPU_PERIOD_US}"))?;
                }
                if let Some(s) = limits.cpu_shares {
                    // runc's ConvertCPUSharesToCgroupV2Value.
                    let weight = 1 + ((s.clamp(2, 262_144) - 2) * 9999) / 262_142;
                    let _ = fs::write(d.join("cpu.weight"), weight.to_string());
                }
                if let Some(p) = limits.pids_max {
                    write(d, "pids.max", p.to_string())?;
                }
            }
        }
        Layout::None => {}
    }
    Ok(dirs)
}

/// The files a process writes `0` into to join the cgroup (itself).
pub fn procs_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    dirs.iter().map(|d| d.join("cgroup.procs")).collect()
}

/// How many OOM kills the kernel has recorded in this cgroup.
pub fn oom_kills(dirs: &[PathBuf]) -> u64 {
    for d in dirs {
        for file in ["memory.oom_control", "memory.events"] {
            if let Ok(text) = fs::read_to_string(d.join(file)) {
                for line in text.lines() {
                    if let Some(n) = line.strip_prefix("oom_kill ") {
                        return n.trim().parse().unwrap_or(0);
                    }
                }
            }
        }
    }
    0
}

/// The memory limit (bytes) and CFS quota (µs per 100 ms) written in a
/// container's cgroup files now; `None` for unlimited or unreadable.
pub fn current_limits(dirs: &[PathBuf]) -> (Option<i64>, Option<i64>) {
    let read = |file: &str| dirs.iter().find_map(|d| fs::read_to_string(d.join(file)).ok());
    let memory = read("memory.max")
        .or_else(|| read("memory.limit_in_bytes"))
        .and_then(|v| v.trim().parse::<i64>().ok())
        // v1 says "unlimited" with the largest page-aligned value.
        .filter(|m| *m < i64::MAX / 2);
    let cpu = match read("cpu.max") {
        Some(v) => v.split_whitespace().next().and_then(|q| q.parse::<i64>().ok()),
        None => read("cpu.cfs_quota_us").and_then(|v| v.trim().parse::<i64>().ok()).filter(|q| *q > 0),
    };
    (memory, cpu)
}

/// Kills whatever is left in the cgroups and removes them, children first.
/// Bounded: gives up after about a second per directory.
pub fn remove(dirs: &[PathBuf]) -> Result<(), String> {
    let mut errors = Vec::new();
    for d in dirs {
        if !d.exists() {
            continue;
        }
        // Child cgroups first (a cgroup directory holds only files and child cgroups).
        let children: Vec<PathBuf> = fs::read_dir(d)
            .map(|rd| {
                rd.flatten().filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false)).map(|e| e.path()).collect()
            })
            .unwrap_or_default();
        if !children.is_empty() {
            if let Err(e) = remove(&children) {
                errors.push(e);
            }
        }
        let mut ok = false;
        for _ in 0..100 {
            if let Ok(text) = fs::read_to_string(d.join("cgroup.procs")) {
                for pid in text.lines().filter_map(|l| l.trim().parse::<i32>().ok()) {
                    let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL);
                }
            }
            if fs::remove_dir(d).is_ok() || !d.exists() {
                ok = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        if !ok {
            errors.push(format!("cannot remove cgroup {}", d.display()));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}
