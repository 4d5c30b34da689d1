//! The re-executed helpers: `__holder` (the pause process that owns the
//! pod's namespaces) and `__container` (a shim that joins them, builds the
//! container's mount namespace and root, and execs the user's process).
//!
//! Both run as freshly exec'd, single-threaded processes, so their `fork`
//! is safe. Each sets PR_SET_PDEATHSIG so that nothing outlives the
//! supervisor, even when it is SIGKILLed. Shapes follow kubernetes/build/pause
//! (pause.c), containerd's sandbox and youki's container init.

use std::collections::BTreeMap;
use std::ffi::CString;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::mount::{mount, umount2, MntFlags, MsFlags};
use nix::sched::{setns, unshare, CloneFlags};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{fork, ForkResult, Pid};
use serde::{Deserialize, Serialize};

/// A bind mount into a container.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Bind {
    pub src: PathBuf,
    pub dst: String,
    pub read_only: bool,
}

/// Everything a container shim needs, precomputed by the supervisor.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ShimSpec {
    pub pod: String,
    pub name: String,
    /// The pause process whose namespaces the container joins.
    pub holder_pid: i32,
    pub share_pid: bool,
    /// Namespaces to join (all three unless the pod uses the host's).
    pub join_net: bool,
    pub join_ipc: bool,
    pub join_uts: bool,
    /// `overlayfs` or `copy`.
    pub rootfs_mode: String,
    pub lower: PathBuf,
    pub upper: PathBuf,
    pub work: PathBuf,
    pub merged: PathBuf,
    pub binds: Vec<Bind>,
    pub cgroup_procs: Vec<PathBuf>,
    pub argv: Vec<String>,
    pub env: BTreeMap<String, String>,
    pub working_dir: String,
    /// With `share_pid`: the process whose pid namespace to join instead of
    /// the pause process's (an ephemeral container's `--target`).
    #[serde(default)]
    pub pid_ns_of: i32,
    /// `hostUsers: false`: the process whose user namespace the container
    /// enters last, just before exec (becoming root of that namespace).
    #[serde(default)]
    pub userns_of: i32,
    /// The host id that is root in that user namespace (the container's own
    /// copy of its image is given to it).
    #[serde(default)]
    pub userns_base: u32,
}

fn set_pdeathsig() {
    // SAFETY: prctl with PR_SET_PDEATHSIG takes an integer signal number only.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
    }
}

/// Ends a forked child immediately (no destructors, no atexit handlers).
fn hard_exit(code: i32) -> ! {
    // SAFETY: _exit is always safe to call; it never returns.
    unsafe { libc::_exit(code) }
}

/// `__holder HOSTNAME POD`: entered already inside the new net/ipc/uts (and pid)
/// namespaces (unshared by the supervisor between fork and exec). Sets the
/// hostname, brings loopback up, forks the pause process (PID 1 of the pod's
/// pid namespace), prints `pause <pid>` and waits for it.
pub fn holder_main(hostname: &str, userns_flags: Option<i32>) -> i32 {
    set_pdeathsig();
    if let Some(bits) = userns_flags {
        if let Err(e) = holder_userns(bits) {
            eprintln!("holder: {e}");
            println!("error {e}");
            return 1;
        }
    }
    if let Err(e) = nix::unistd::sethostname(hostname) {
        eprintln!("holder: sethostname: {e}");
    }
    if let Err(e) = loopback_up() {
        eprintln!("holder: loopback up: {e}");
    }
    // SAFETY: this process was just exec'd and is single-threaded.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => pause(),
        Ok(ForkResult::Parent { child }) => {
            println!("pause {}", child.as_raw());
            let _ = std::io::stdout().flush();
            loop {
                match waitpid(child, None) {
                    Ok(WaitStatus::Exited(..)) | Ok(WaitStatus::Signaled(..)) | Err(_) => return 0,
                    _ => {}
                }
            }
        }
        Err(e) => {
            eprintln!("holder: fork: {e}");
            1
        }
    }
}

/// `hostUsers: false`: a user namespace first (the holder keeps every
/// capability in it, as no exec follows), then the supervisor writes its
/// uid_map and gid_map (it says `userns`, waits for `go`), then the pod's
/// other namespaces, owned by that user namespace.
fn holder_userns(bits: i32) -> Result<(), String> {
    unshare(CloneFlags::CLONE_NEWUSER).map_err(|e| format!("unshare user: {e}"))?;
    println!("userns");
    let _ = std::io::stdout().flush();
    let mut go = String::new();
    std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut go).map_err(|e| e.to_string())?;
    if go.trim() != "go" {
        return Err(format!("the supervisor did not map the user namespace ({:?})", go.trim()));
    }
    unshare(CloneFlags::from_bits_truncate(bits)).map_err(|e| format!("unshare: {e}"))
}

/// The pause process: reaps orphans, exits on SIGTERM/SIGINT (pause.c).
fn pause() -> ! {
    set_pdeathsig();
    let mut set = SigSet::empty();
    for s in [Signal::SIGCHLD, Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP] {
        set.add(s);
    }
    let _ = set.thread_block();
    loop {
        match set.wait() {
            Ok(Signal::SIGCHLD) => {
                // Bounded: at most as many reaps as there are zombies.
                while let Ok(status) = waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
                    if status == WaitStatus::StillAlive {
                        break;
                    }
                }
            }
            Ok(_) => hard_exit(0),
            Err(_) => {}
        }
    }
}

/// Sets IFF_UP on `lo` with the classic SIOCGIFFLAGS/SIOCSIFFLAGS ioctls.
fn loopback_up() -> std::io::Result<()> {
    // SAFETY: plain socket/ioctl calls on a zeroed, correctly sized ifreq.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut req: libc::ifreq = std::mem::zeroed();
        for (i, b) in b"lo\0".iter().enumerate() {
            req.ifr_name[i] = *b as libc::c_char;
        }
        let mut result = Ok(());
        if libc::ioctl(fd, libc::SIOCGIFFLAGS, &mut req) < 0 {
            result = Err(std::io::Error::last_os_error());
        } else {
            req.ifr_ifru.ifru_flags |= (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
            if libc::ioctl(fd, libc::SIOCSIFFLAGS, &req) < 0 {
                result = Err(std::io::Error::last_os_error());
            }
        }
        libc::close(fd);
        result
    }
}

/// `__container SPEC.json POD NAME`: the shim. Joins the pod's namespaces,
/// forks the container process (into the pod's or a new pid namespace),
/// reports `started <pid>` or `error <message>` on stdout, waits, and exits
/// with the container's exit code (128+signal when killed).
pub fn container_main(spec_path: &Path) -> i32 {
    set_pdeathsig();
    let spec: ShimSpec = match fs::read(spec_path).ok().and_then(|b| serde_json::from_slice(&b).ok()) {
        Some(s) => s,
        None => {
            println!("error cannot read container spec {}", spec_path.display());
            return 128;
        }
    };
    if let Err(e) = join_pod(&spec) {
        println!("error joining the pod's namespaces: {e}");
        return 128;
    }
    let (r, w) = match nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC) {
        Ok(p) => p,
        Err(e) => {
            println!("error pipe: {e}");
            return 128;
        }
    };
    // SAFETY: single-threaded (freshly exec'd) process.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            drop(r);
            let err = container_init(&spec);
            let mut w = File::from(w);
            let _ = w.write_all(err.as_bytes());
            hard_exit(128)
        }
        Ok(ForkResult::Parent { child }) => {
            drop(w);
            let mut msg = String::new();
            let _ = File::from(r).read_to_string(&mut msg);
            if msg.is_empty() {
                println!("started {}", child.as_raw());
            } else {
                println!("error {}", msg.replace('\n', " "));
            }
            let _ = std::io::stdout().flush();
            loop {
                match waitpid(child, None) {
                    Ok(WaitStatus::Exited(_, code)) => return code,
                    Ok(WaitStatus::Signaled(_, sig, _)) => return 128 + sig as i32,
                    Ok(_) => {}
                    Err(_) => return 128,
                }
            }
        }
        Err(e) => {
            println!("error fork: {e}");
            128
        }
    }
}

fn join_pod(spec: &ShimSpec) -> Result<(), String> {
    let open = |ns: &str| -> Result<OwnedFd, String> {
        File::open(format!("/proc/{}/ns/{ns}", spec.holder_pid))
            .map(OwnedFd::from)
            .map_err(|e| format!("open {ns} namespace of pause {}: {e}", spec.holder_pid))
    };
    let mut joins = Vec::new();
    if spec.join_net {
        joins.push((open("net")?, CloneFlags::CLONE_NEWNET));
    }
    if spec.join_ipc {
        joins.push((open("ipc")?, CloneFlags::CLONE_NEWIPC));
    }
    if spec.join_uts {
        joins.push((open("uts")?, CloneFlags::CLONE_NEWUTS));
    }
    if spec.share_pid && spec.pid_ns_of > 0 {
        let f = File::open(format!("/proc/{}/ns/pid", spec.pid_ns_of))
            .map_err(|e| format!("open pid namespace of target {}: {e}", spec.pid_ns_of))?;
        joins.push((OwnedFd::from(f), CloneFlags::CLONE_NEWPID));
    } else if spec.share_pid {
        joins.push((open("pid")?, CloneFlags::CLONE_NEWPID));
    }
    for (fd, flag) in &joins {
        setns(fd, *flag).map_err(|e| format!("setns {flag:?}: {e}"))?;
    }
    if !spec.share_pid {
        unshare(CloneFlags::CLONE_NEWPID).map_err(|e| format!("unshare pid: {e}"))?;
    }
    Ok(())
}

/// In the forked container process: cgroup, mount namespace, root, exec.
/// Returns only on failure, with the reason.
fn container_init(spec: &ShimSpec) -> String {
    set_pdeathsig();
    let _ = nix::unistd::setsid();
    match build_and_exec(spec) {
        Ok(never) => match never {},
        Err(e) => e,
    }
}

enum Never {}

fn build_and_exec(spec: &ShimSpec) -> Result<Never, String> {
    for f in &spec.cgroup_procs {
        fs::write(f, "0").map_err(|e| format!("join cgroup {}: {e}", f.display()))?;
    }
    // Opened now: after pivot_root the pause process is out of sight.
    let userns = if spec.userns_of > 0 { Some(crate::userns::open(spec.userns_of)?) } else { None };
    unshare(CloneFlags::CLONE_NEWNS).map_err(|e| format!("unshare mnt: {e}"))?;
    mount(None::<&str>, "/", None::<&str>, MsFlags::MS_REC | MsFlags::MS_PRIVATE, None::<&str>)
        .map_err(|e| format!("make / private: {e}"))?;
    let root = &spec.merged;
    if spec.rootfs_mode == "overlayfs" {
        crate::rootfs::mount_overlay(&spec.lower, &spec.upper, &spec.work, root)
            .map_err(|e| format!("mount overlay: {e}"))?;
    } else {
        if !root.join("bin").exists() {
            crate::rootfs::copy_tree(&spec.lower, root).map_err(|e| format!("copy rootfs: {e}"))?;
            if spec.userns_base > 0 {
                crate::userns::chown_tree(root, spec.userns_base).map_err(|e| format!("chown rootfs: {e}"))?;
            }
        }
        mount(Some(root), root, None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>)
            .map_err(|e| format!("bind rootfs: {e}"))?;
    }
    let target = |p: &str| root.join(p.trim_start_matches('/'));
    let nosuid = MsFlags::MS_NOSUID | MsFlags::MS_NODEV;
    fs::create_dir_all(target("proc")).map_err(|e| e.to_string())?;
    mount(Some("proc"), &target("proc"), Some("proc"), nosuid | MsFlags::MS_NOEXEC, None::<&str>)
        .map_err(|e| format!("mount proc: {e}"))?;
    fs::create_dir_all(target("dev")).map_err(|e| e.to_string())?;
    mount(Some("tmpfs"), &target("dev"), Some("tmpfs"), MsFlags::MS_NOSUID, Some("mode=755,size=65536k"))
        .map_err(|e| format!("mount /dev: {e}"))?;
    for dev in ["null", "zero", "full", "random", "urandom", "tty"] {
        let t = target(&format!("dev/{dev}"));
        File::create(&t).map_err(|e| e.to_string())?;
        mount(Some(Path::new("/dev").join(dev).as_path()), &t, None::<&str>, MsFlags::MS_BIND, None::<&str>)
            .map_err(|e| format!("bind /dev/{dev}: {e}"))?;
    }
    for (link, to) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ] {
        let _ = std::os::unix::fs::symlink(to, target(&format!("dev/{link}")));
    }
    fs::create_dir_all(target("dev/shm")).map_err(|e| e.to_string())?;
    mount(Some("shm"), &target("dev/shm"), Some("tmpfs"), nosuid | MsFlags::MS_NOEXEC, Some("mode=1777,size=65536k"))
        .map_err(|e| format!("mount /dev/shm: {e}"))?;
    for b in &spec.binds {
        let t = target(&b.dst);
        if b.src.is_dir() {
            fs::create_dir_all(&t).map_err(|e| format!("mkdir {}: {e}", b.dst))?;
        } else {
            if let Some(parent) = t.parent() {
                fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            if !t.exists() {
                File::create(&t).map_err(|e| format!("create {}: {e}", b.dst))?;
            }
        }
        mount(Some(b.src.as_path()), &t, None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>)
            .map_err(|e| format!("bind {}: {e}", b.dst))?;
        if b.read_only {
            mount(
                None::<&str>,
                &t,
                None::<&str>,
                MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY,
                None::<&str>,
            )
            .map_err(|e| format!("remount {} read-only: {e}", b.dst))?;
        }
    }
    nix::unistd::chdir(root).map_err(|e| e.to_string())?;
    nix::unistd::pivot_root(".", ".").map_err(|e| format!("pivot_root: {e}"))?;
    umount2(".", MntFlags::MNT_DETACH).map_err(|e| format!("detach old root: {e}"))?;
    nix::unistd::chdir("/").map_err(|e| e.to_string())?;
    let wd = if spec.working_dir.is_empty() { "/" } else { spec.working_dir.as_str() };
    let _ = fs::create_dir_all(wd);
    nix::unistd::chdir(wd).map_err(|e| format!("chdir {wd}: {e}"))?;
    // stdout goes where stderr goes: the container's log.
    // SAFETY: dup2 on the process's own standard descriptors.
    unsafe {
        libc::dup2(2, 1);
    }
    if let Some(ns) = &userns {
        crate::userns::enter_as_root(ns)?;
    }
    let exe = resolve(&spec.argv, &spec.env)?;
    let argv: Vec<CString> = spec.argv.iter().map(|a| CString::new(a.as_str()).unwrap_or_default()).collect();
    let envp: Vec<CString> =
        spec.env.iter().map(|(k, v)| CString::new(format!("{k}={v}")).unwrap_or_default()).collect();
    let e = nix::unistd::execve(&exe, &argv, &envp).err();
    Err(format!(
        "exec {:?}: {}",
        spec.argv.first().map(String::as_str).unwrap_or(""),
        e.map(|e| e.to_string()).unwrap_or_default()
    ))
}

/// Finds argv[0] on the container's PATH, as runc does before exec.
pub fn resolve(argv: &[String], env: &BTreeMap<String, String>) -> Result<CString, String> {
    let Some(name) = argv.first() else { return Err("no command to run".into()) };
    let found = if name.contains('/') {
        Some(PathBuf::from(name))
    } else {
        env.get("PATH")
            .map(String::as_str)
            .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .split(':')
            .map(|d| Path::new(d).join(name))
            .find(|p| p.is_file())
    };
    match found {
        Some(p) => CString::new(p.to_string_lossy().as_bytes()).map_err(|e| e.to_string()),
        None => Err(format!("exec: \"{name}\": executable file not found in $PATH")),
    }
}

/// Used by `exec`: joins a running container's namespaces and cgroup, then
/// forks and execs `argv` inside it; returns the exit code. Must be called
/// before any other thread exists.
pub fn exec_in(
    pid: i32,
    cgroup_procs: &[PathBuf],
    env: &BTreeMap<String, String>,
    working_dir: &str,
    argv: &[String],
) -> Result<i32, String> {
    let mut fds = Vec::new();
    // A rootless pod lives in its own user namespace: join it first, so that
    // we hold the capabilities the other namespaces answer to.
    let user_of = |p: &str| fs::read_link(format!("{p}/ns/user")).ok();
    let other_user = user_of(&format!("/proc/{pid}")) != user_of("/proc/self");
    // Root of the host entering a hostUsers: false container: its mount
    // namespace belongs to the host's user namespace, so the pod's user
    // namespace comes last (as the container itself entered it).
    // (A rootless pod is entered by its unprivileged owner, who needs its user namespace first.)
    let host_root = nix::unistd::geteuid().is_root();
    let mut user_last = None;
    if other_user && host_root {
        user_last = Some(crate::userns::open(pid)?);
    } else if other_user {
        let f = File::open(format!("/proc/{pid}/ns/user")).map_err(|e| format!("open user namespace of {pid}: {e}"))?;
        fds.push((OwnedFd::from(f), CloneFlags::CLONE_NEWUSER));
    }
    for (ns, flag) in [
        ("ipc", CloneFlags::CLONE_NEWIPC),
        ("uts", CloneFlags::CLONE_NEWUTS),
        ("net", CloneFlags::CLONE_NEWNET),
        ("pid", CloneFlags::CLONE_NEWPID),
        ("mnt", CloneFlags::CLONE_NEWNS),
    ] {
        let f = File::open(format!("/proc/{pid}/ns/{ns}")).map_err(|e| format!("open {ns} namespace of {pid}: {e}"))?;
        fds.push((OwnedFd::from(f), flag));
    }
    for f in cgroup_procs {
        let _ = fs::write(f, "0");
    }
    for (fd, flag) in &fds {
        setns(fd, *flag).map_err(|e| format!("setns {flag:?} (fd {}): {e}", fd.as_raw_fd()))?;
    }
    if let Some(ns) = &user_last {
        crate::userns::enter_as_root(ns)?;
    }
    let wd = if working_dir.is_empty() { "/" } else { working_dir };
    // SAFETY: the caller guarantees a single-threaded process.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            set_pdeathsig();
            let _ = nix::unistd::chdir(wd);
            let result = resolve(argv, env).and_then(|exe| {
                let a: Vec<CString> = argv.iter().map(|s| CString::new(s.as_str()).unwrap_or_default()).collect();
                let e: Vec<CString> =
                    env.iter().map(|(k, v)| CString::new(format!("{k}={v}")).unwrap_or_default()).collect();
                nix::unistd::execve(&exe, &a, &e).map(|_| ()).map_err(|e| e.to_string())
            });
            if let Err(e) = result {
                eprintln!("{e}");
            }
            hard_exit(126)
        }
        Ok(ForkResult::Parent { child }) => loop {
            match waitpid(child, None) {
                Ok(WaitStatus::Exited(_, code)) => return Ok(code),
                Ok(WaitStatus::Signaled(_, sig, _)) => return Ok(128 + sig as i32),
                Ok(_) => {}
                Err(e) => return Err(e.to_string()),
            }
        },
        Err(e) => Err(format!("fork: {e}")),
    }
}
