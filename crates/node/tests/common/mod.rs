//! Test harness: runs the real `podplay-node` binary on small manifests,
//! waits on its output with deadlines, and asserts that nothing is left
//! behind (process, mount, cgroup, state directory).

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "../../../engine/tests/support/corpus.rs"]
mod corpus_support;

pub const BIN: &str = env!("CARGO_BIN_EXE_podplay-node");

/// Whether the machine can run real pods. Not root: skip loudly. Root but no
/// /bin/busybox: fail in CI (CI=true), skip loudly elsewhere.
pub fn can_run(test: &str) -> bool {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("\n*** skipped {test}: podplay-node integration tests need root (CAP_SYS_ADMIN) ***\n");
        return false;
    }
    if !Path::new("/bin/busybox").exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{test}: /bin/busybox is missing in CI; install busybox-static");
        }
        eprintln!("\n*** skipped {test}: /bin/busybox is missing (apt-get install -y busybox-static) ***\n");
        return false;
    }
    true
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A pod name unique to this test process and call.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// A running `podplay-node run`.
pub struct PodRun {
    pub name: String,
    /// A command the binary runs under (e.g. `setpriv` to drop root), also for `inspect`.
    pub prefix: Vec<String>,
    pub dir: PathBuf,
    pub out: PathBuf,
    pub child: Child,
}

/// Writes the manifest and starts `podplay-node run -f` on it.
pub fn start(name: &str, yaml: &str, args: &[&str], env: &[(&str, &str)]) -> PodRun {
    start_as(&[], name, yaml, args, env)
}

fn command(prefix: &[String]) -> Command {
    match prefix.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(BIN);
            c
        }
        None => Command::new(BIN),
    }
}

/// Like `start`, with the binary run under `prefix`.
pub fn start_as(prefix: &[&str], name: &str, yaml: &str, args: &[&str], env: &[(&str, &str)]) -> PodRun {
    let prefix: Vec<String> = prefix.iter().map(|s| s.to_string()).collect();
    let dir = std::env::temp_dir().join(format!("podplay-node-test-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("pod.yaml");
    fs::write(&file, yaml).unwrap();
    let out = dir.join("out.txt");
    let log = fs::File::create(&out).unwrap();
    let mut cmd = command(&prefix);
    cmd.arg("run").arg("-f").arg(&file).args(args).stdin(Stdio::null()).stdout(log.try_clone().unwrap()).stderr(log);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().unwrap();
    PodRun { name: name.to_string(), prefix, dir, out, child }
}

impl PodRun {
    pub fn output(&self) -> String {
        fs::read_to_string(&self.out).unwrap_or_default()
    }

    /// Waits until the output contains `pattern`; panics with the output after `secs`.
    pub fn wait_for(&mut self, pattern: &str, secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let out = self.output();
            if out.contains(pattern) {
                return out;
            }
            if Instant::now() > deadline {
                panic!("pod {}: {pattern:?} not seen within {secs}s; output:\n{out}", self.name);
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                let out = self.output();
                if out.contains(pattern) {
                    return out;
                }
                panic!("pod {}: run exited ({status}) before {pattern:?}; output:\n{out}", self.name);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `inspect --json` of this pod.
    pub fn inspect(&self) -> serde_json::Value {
        let out = command(&self.prefix).args(["inspect", &self.name, "--json"]).output().unwrap();
        assert!(out.status.success(), "inspect failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Waits for `run` to exit on its own; returns (exit code, output).
    pub fn wait_exit(&mut self, secs: u64) -> (i32, String) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return (status.code().unwrap_or(-1), self.output());
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("pod {}: run did not exit within {secs}s; output:\n{}", self.name, self.output());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Ctrl-C: SIGINT to the runner, then wait for it.
    pub fn stop(&mut self) -> (i32, String) {
        // SAFETY: kill on our own child's pid.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        self.wait_exit(20)
    }
}

/// A test that fails midway must not leave its pod running: Ctrl-C, a
/// bounded wait, then SIGKILL and a sweep.
impl Drop for PodRun {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            // SAFETY: kill on our own child's pid.
            unsafe {
                libc::kill(self.child.id() as i32, libc::SIGINT);
            }
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
                std::thread::sleep(Duration::from_millis(20));
            }
            if let Ok(None) = self.child.try_wait() {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let _ = command(&self.prefix).arg("sweep").output();
            }
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Everything `inspect --json` recorded: pids, cgroups and the state dir.
pub struct Footprint {
    pub pids: Vec<i32>,
    pub cgroups: Vec<PathBuf>,
    pub state_dir: PathBuf,
    pub net_inode: Option<u64>,
}

pub fn footprint(inspect: &serde_json::Value) -> Footprint {
    let rows = inspect["rows"].as_array().cloned().unwrap_or_default();
    let pids = rows.iter().filter_map(|r| r["pid"].as_i64()).map(|p| p as i32).collect();
    let mut cgroups: Vec<PathBuf> = rows
        .iter()
        .flat_map(|r| r["cgroups"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c.as_str().map(PathBuf::from))
        .collect();
    // The pod-level directories are the containers' parents.
    let parents: Vec<PathBuf> = cgroups.iter().filter_map(|c| c.parent().map(Path::to_path_buf)).collect();
    cgroups.extend(parents);
    let net_inode = rows.first().and_then(|r| r["namespaces"][0]["inode"].as_u64());
    Footprint { pids, cgroups, state_dir: PathBuf::from(inspect["state_dir"].as_str().unwrap_or("")), net_inode }
}

fn processes_named(name: &str) -> Vec<i32> {
    let mut out = Vec::new();
    for e in fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else { continue };
        if let Ok(cmd) = fs::read(e.path().join("cmdline")) {
            if String::from_utf8_lossy(&cmd).contains(name) {
                out.push(pid);
            }
        }
    }
    out
}

fn processes_in_net(inode: u64) -> Vec<i32> {
    let want = format!("net:[{inode}]");
    let mut out = Vec::new();
    for e in fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else { continue };
        if fs::read_link(e.path().join("ns/net")).map(|l| l.to_string_lossy() == want).unwrap_or(false) {
            out.push(pid);
        }
    }
    out
}

/// Asserts (waiting up to 10 s) that no process of the pod is left: none
/// naming it on its command line, none in its net namespace.
pub fn assert_no_processes(name: &str, fp: &Footprint) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let named = processes_named(name);
        let in_net = fp.net_inode.map(processes_in_net).unwrap_or_default();
        if named.is_empty() && in_net.is_empty() {
            return;
        }
        if Instant::now() > deadline {
            panic!("pod {name} left processes: named {named:?}, in its net namespace {in_net:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Asserts (waiting up to 10 s for the kernel to finish) that the pod left
/// no process, mount, cgroup or state directory behind.
pub fn assert_clean(name: &str, fp: &Footprint) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut left = Vec::new();
        let named = processes_named(name);
        if !named.is_empty() {
            left.push(format!("processes naming the pod: {named:?}"));
        }
        if let Some(inode) = fp.net_inode {
            let in_net = processes_in_net(inode);
            if !in_net.is_empty() {
                left.push(format!("processes in the pod's net namespace: {in_net:?}"));
            }
        }
        let mounts = fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        let sd = fp.state_dir.display().to_string();
        if !sd.is_empty() && mounts.lines().any(|l| l.contains(&sd)) {
            left.push(format!("mounts under {sd}"));
        }
        if !sd.is_empty() && fp.state_dir.exists() {
            left.push(format!("state directory {sd}"));
        }
        let cg: Vec<&PathBuf> = fp.cgroups.iter().filter(|c| c.exists()).collect();
        if !cg.is_empty() {
            left.push(format!("cgroups {cg:?}"));
        }
        if left.is_empty() {
            return;
        }
        if Instant::now() > deadline {
            panic!("pod {name} leaked: {}", left.join("; "));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs the binary under `prefix` to completion with arguments.
pub fn cli_as(prefix: &[&str], args: &[&str]) -> Output {
    let prefix: Vec<String> = prefix.iter().map(|s| s.to_string()).collect();
    command(&prefix).args(args).output().unwrap()
}

/// Runs the binary to completion with arguments.
pub fn cli(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

/// The Kubernetes docs corpus (env PODPLAY_CORPUS, else <workspace>/../shared/corpus).
pub fn corpus() -> Option<PathBuf> {
    corpus_support::corpus_dir()
}
