//! `podplay-node run`: the supervisor — a small kubelet. It prepares the
//! pod (state directory, cgroups, volumes, the holder), starts init
//! containers, native sidecars and containers in upstream order, restarts
//! them with the kubelet's back-off, streams status and logs, and tears
//! everything down on completion, Ctrl-C or SIGTERM.
//!
//! Order and termination follow pkg/kubelet/kuberuntime/kuberuntime_manager.go
//! (computePodActions) and kuberuntime_container.go (killContainersWithSyncResult).

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nix::mount::{mount, umount2, MntFlags, MsFlags};
use nix::sched::{unshare, CloneFlags};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use podplay_engine::model::{Container, Pod};
use podplay_engine::{Lang, Text};

use crate::cgroup::{self, Layout};
use crate::helper::{Bind, ShimSpec};
use crate::msg::{self, t};
use crate::pod::{self, Image};
use crate::state::{self, ContainerState, PodState, Proc};

mod hooks;
mod probes;

/// Options of `run`.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub file: PathBuf,
    pub lang: Lang,
    pub allow_host: bool,
    /// `--image NAME=busybox`: images busybox stands in for.
    pub image_aliases: BTreeMap<String, String>,
    pub pids_limit: Option<i64>,
    /// Overrides `terminationGracePeriodSeconds`.
    pub grace_seconds: Option<u64>,
    pub quiet_logs: bool,
    /// Restart back-off base (10 s unless `PODPLAY_NODE_BACKOFF_MS` says otherwise).
    pub backoff_base_ms: u64,
}

static SIGNALS: AtomicUsize = AtomicUsize::new(0);

/// Set when `run` entered its own user namespace (not root).
static ROOTLESS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    SIGNALS.fetch_add(1, Ordering::SeqCst);
}

fn install_signal_handlers() {
    let action = nix::sys::signal::SigAction::new(
        nix::sys::signal::SigHandler::Handler(on_signal),
        nix::sys::signal::SaFlags::empty(),
        nix::sys::signal::SigSet::empty(),
    );
    for s in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
        // SAFETY: the handler only touches an atomic counter.
        let _ = unsafe { nix::sys::signal::sigaction(s, &action) };
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Init,
    Sidecar,
    Regular,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Init => "init",
            Kind::Sidecar => "sidecar",
            Kind::Regular => "regular",
        }
    }
}

/// A shim spawned but not yet confirmed.
struct Launch {
    shim: Child,
    oom_before: u64,
}

/// Probe progress of a running container.
#[derive(Clone, Copy, Debug)]
struct Probing {
    /// startupProbe passed (or there is none).
    started: bool,
    next_at: Instant,
    failures: u32,
    /// The readiness probe's verdict (true at once without a probe).
    ready: bool,
    ready_next_at: Instant,
    ready_failures: u32,
    ready_successes: u32,
}

enum Status {
    NotStarted,
    /// Waiting to be (re)started at `until` (CrashLoopBackOff), or forever (ErrImagePull).
    Waiting {
        reason: String,
        until: Option<Instant>,
    },
    Running {
        shim: Child,
        pid: i32,
        since: Instant,
        oom_before: u64,
        probes: Probing,
    },
    Terminated {
        code: i32,
        reason: String,
    },
}

struct Slot {
    c: Container,
    kind: Kind,
    image: Result<Image, Text>,
    status: Status,
    restarts: u32,
    /// Restarts counted for back-off (reset after a long healthy run).
    backoff_step: u32,
    cgroups: Vec<PathBuf>,
    log: PathBuf,
    log_offset: u64,
    spec: ShimSpec,
}

/// The supervisor's view of one pod.
struct Supervisor {
    opts: RunOptions,
    pod: Pod,
    dir: PathBuf,
    rw: PathBuf,
    t0: Instant,
    layout: Layout,
    state: PodState,
    slots: Vec<Slot>,
    holder_outer: Option<Child>,
    pod_cgroup_rel: String,
    all_started_reported: bool,
    /// Set once teardown begins: nothing restarts after that.
    terminating: bool,
    /// ConfigMaps, Secrets and hostUsers from the same file.
    extras: crate::manifest::Extras,
}

/// Runs a pod in the foreground; returns the process exit code.
pub fn run(opts: RunOptions) -> i32 {
    let t0 = Instant::now();
    let lang = opts.lang;
    let source = match fs::read_to_string(&opts.file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", opts.file.display());
            return 2;
        }
    };
    let pod = match pod::load_pod(&source) {
        Ok(p) => p,
        Err(diags) => {
            crate::inspect::print_diagnostics(&opts.file.display().to_string(), &diags, lang);
            return 1;
        }
    };
    let exposure = pod::host_exposure(&pod);
    if !exposure.is_empty() && !opts.allow_host {
        for (_, text) in &exposure {
            eprintln!("error: {}", text.get(lang));
        }
        return 1;
    }
    let rootless = !nix::unistd::geteuid().is_root();
    if rootless {
        if let Err(e) = enter_user_namespace() {
            eprintln!("error: {} ({e})", msg::not_root().get(lang));
            return 1;
        }
        ROOTLESS.store(true, Ordering::SeqCst);
    }
    // Private mount namespace before any thread exists: every mount this pod
    // makes (tmpfs layers, overlays, binds) lives and dies with it.
    if let Err(e) = unshare(CloneFlags::CLONE_NEWNS)
        .and_then(|_| mount(None::<&str>, "/", None::<&str>, MsFlags::MS_REC | MsFlags::MS_PRIVATE, None::<&str>))
    {
        eprintln!("error: cannot create a private mount namespace: {e}");
        return 1;
    }
    install_signal_handlers();
    for name in state::sweep() {
        println!("swept stale state of pod/{name} (its podplay-node was killed)");
    }
    let extras = crate::manifest::extras(&source);
    let mut sup = match Supervisor::prepare(opts, pod, extras, t0) {
        Ok(s) => s,
        Err(text) => {
            eprintln!("error: {}", text.get(lang));
            return 1;
        }
    };
    let code = sup.main_loop();
    sup.teardown();
    code
}

/// Not root: become root of a new user namespace that maps only our own
/// uid and gid (what `unshare --user --map-root-user` does). Must run before
/// any thread exists.
fn enter_user_namespace() -> Result<(), String> {
    let (uid, gid) = (nix::unistd::getuid(), nix::unistd::getgid());
    unshare(CloneFlags::CLONE_NEWUSER).map_err(|e| format!("unshare(CLONE_NEWUSER): {e}"))?;
    fs::write("/proc/self/setgroups", "deny").map_err(|e| format!("setgroups: {e}"))?;
    fs::write("/proc/self/uid_map", format!("0 {uid} 1")).map_err(|e| format!("uid_map: {e}"))?;
    fs::write("/proc/self/gid_map", format!("0 {gid} 1")).map_err(|e| format!("gid_map: {e}"))?;
    Ok(())
}

/// Where a user who is not root keeps state and images (unless the
/// `PODPLAY_NODE_*_DIR` variables say otherwise): under $XDG_RUNTIME_DIR, else
/// /tmp/podplay-node-<uid>. Called first thing, before any thread exists.
pub fn default_dirs_for_user() {
    if nix::unistd::geteuid().is_root() {
        return;
    }
    let uid = nix::unistd::getuid();
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(|d| PathBuf::from(d).join("podplay-node"))
        .unwrap_or_else(|| PathBuf::from(format!("/tmp/podplay-node-{uid}")));
    for (var, sub) in [("PODPLAY_NODE_STATE_DIR", "run"), ("PODPLAY_NODE_IMAGE_DIR", "images")] {
        if std::env::var_os(var).is_none() {
            // Single-threaded at this point (start of main).
            std::env::set_var(var, base.join(sub));
        }
    }
}

fn random_uid() -> String {
    fs::read_to_string("/proc/sys/kernel/random/uuid")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| format!("{:x}", std::process::id()))
}

impl Supervisor {
    fn prepare(opts: RunOptions, pod: Pod, extras: crate::manifest::Extras, t0: Instant) -> Result<Supervisor, Text> {
        let fail =
            |what: String| t(format!("파드를 준비하지 못했습니다: {what}"), format!("cannot prepare the pod: {what}"));
        let uid = random_uid();
        let short: String = uid.chars().filter(|c| c.is_ascii_hexdigit()).take(8).collect();
        let dir = state::state_root().join(format!("{}-{short}", pod.metadata.name));
        let rw = dir.join("rw");
        for d in [dir.join("logs"), dir.join("volumes"), rw.clone()] {
            fs::create_dir_all(&d).map_err(|e| fail(format!("{}: {e}", d.display())))?;
        }
        // state.json holds the containers' env: readable by the owner only.
        let _ = fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o700));
        mount(Some("tmpfs"), &rw, Some("tmpfs"), MsFlags::MS_NOSUID | MsFlags::MS_NODEV, Some("mode=755"))
            .map_err(|e| fail(format!("tmpfs at {}: {e}", rw.display())))?;
        // Without real root, cgroups are not ours to write (no delegation support yet).
        let layout = if ROOTLESS.load(Ordering::SeqCst) { Layout::None } else { cgroup::detect() };
        let share = pod.spec.share_process_namespace == Some(true) || pod.spec.host_pid == Some(true);
        let mut state = PodState {
            name: pod.metadata.name.clone(),
            uid,
            owner: Proc::of(std::process::id() as i32),
            share_process_namespace: share,
            cgroup_layout: layout.name().to_string(),
            phase: "Pending".into(),
            ..PodState::default()
        };
        let pod_cgroup_rel = dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        state.pod_cgroups = cgroup::dirs(&layout, &pod_cgroup_rel);
        state.save(&dir).map_err(|e| fail(format!("state.json: {e}")))?;
        let mut sup = Supervisor {
            opts,
            pod,
            dir,
            rw,
            t0,
            layout,
            state,
            slots: Vec::new(),
            holder_outer: None,
            pod_cgroup_rel,
            all_started_reported: false,
            terminating: false,
            extras,
        };
        // From here on, teardown cleans up whatever was made.
        if let Err(e) = sup.prepare_rest() {
            sup.teardown();
            return Err(e);
        }
        Ok(sup)
    }

    fn prepare_rest(&mut self) -> Result<(), Text> {
        let fail =
            |what: String| t(format!("파드를 준비하지 못했습니다: {what}"), format!("cannot prepare the pod: {what}"));
        if self.layout == Layout::None {
            self.say(&t(
                "cgroup을 쓸 수 없어(root가 아니거나 cgroup이 없음) 메모리, CPU, pids 제한 없이 실행합니다.",
                "cgroups are not usable (not root, or none mounted): running without memory, CPU and pids limits.",
            ));
        }
        let hostname = podplay_engine::names::pod_hostname(&self.pod.metadata.name, self.pod.spec.hostname.as_deref());
        let etc = self.rw.join("etc");
        fs::create_dir_all(&etc).map_err(|e| fail(e.to_string()))?;
        fs::write(etc.join("hosts"), pod::hosts_file(&hostname)).map_err(|e| fail(e.to_string()))?;
        fs::write(etc.join("hostname"), format!("{hostname}\n")).map_err(|e| fail(e.to_string()))?;
        let volumes = crate::volumes::prepare(&self.pod, &self.rw, &self.dir, &self.extras)?;
        // Images, read-only lower layers, and the writable-layer mode.
        let mut busybox: Option<PathBuf> = None;
        let mut mode: Option<String> = None;
        let spec = self.pod.spec.clone();
        let list: Vec<(Container, Kind)> = spec
            .init_containers
            .iter()
            .map(|c| (c.clone(), if pod::is_sidecar(c) { Kind::Sidecar } else { Kind::Init }))
            .chain(spec.containers.iter().map(|c| (c.clone(), Kind::Regular)))
            .collect();
        for (c, kind) in list {
            let image = pod::resolve_image(c.image.as_deref().unwrap_or(""), &self.opts.image_aliases);
            let (lower, image_config) = match &image {
                Ok(Image::Busybox { stand_in }) => {
                    if busybox.is_none() {
                        busybox = Some(crate::rootfs::busybox_rootfs()?);
                    }
                    (busybox.clone().unwrap_or_default(), pod::busybox_config(stand_in.as_deref()))
                }
                Ok(Image::OciLayout(p)) => crate::oci::image(p, &crate::rootfs::image_root())?,
                Err(_) => (PathBuf::new(), pod::ImageConfig::default()),
            };
            if image.is_ok() && mode.is_none() {
                // PODPLAY_NODE_ROOTFS=copy forces the fallback (to see it, or to test it).
                // hostUsers: false: each container's own copy of its image, given to the pod's
                // root (the kubelet uses an idmapped mount of the image for that).
                let userns = self.extras.host_users == Some(false) && !ROOTLESS.load(Ordering::SeqCst);
                let forced_copy = userns || std::env::var("PODPLAY_NODE_ROOTFS").as_deref() == Ok("copy");
                let overlay = !forced_copy && crate::rootfs::overlay_works(&lower, &self.rw);
                if !overlay && !forced_copy {
                    self.say(&t(
                        "overlayfs를 쓸 수 없어 컨테이너마다 이미지를 tmpfs에 복사해 쓰기 가능한 레이어로 씁니다.",
                        "overlayfs is not available here: each container gets a copy of the image on tmpfs as its writable layer.",
                    ));
                }
                mode = Some(if overlay { "overlayfs" } else { "copy" }.to_string());
            }
            let env = pod::container_env(&c, &hostname, &image_config);
            let argv = pod::container_argv(&c, &image_config, &env);
            let limits =
                pod::limits_of(&c, self.opts.pids_limit).map_err(|e| fail(format!("container {:?}: {e}", c.name)))?;
            let rel = format!("{}/{}", self.pod_cgroup_rel, c.name);
            let cgroups = cgroup::create(&self.layout, &rel, &limits).map_err(fail)?;
            let mut binds = vec![
                Bind { src: etc.join("hosts"), dst: "/etc/hosts".into(), read_only: false },
                Bind { src: etc.join("hostname"), dst: "/etc/hostname".into(), read_only: false },
            ];
            for m in &c.volume_mounts {
                let Some(src) = volumes.paths.get(&m.name) else {
                    return Err(fail(format!(
                        "container {:?}: volumeMounts {:?}: not found in spec.volumes",
                        c.name, m.name
                    )));
                };
                let src = match &m.sub_path {
                    Some(sp) if !sp.is_empty() && !sp.contains("..") => {
                        let p = src.join(sp);
                        let _ = fs::create_dir_all(&p);
                        p
                    }
                    _ => src.clone(),
                };
                let read_only = m.read_only == Some(true) || volumes.read_only.contains(&m.name);
                binds.push(Bind { src, dst: m.mount_path.clone(), read_only });
            }
            let cdir = self.rw.join("containers").join(&c.name);
            let shim = ShimSpec {
                pod: self.pod.metadata.name.clone(),
                name: c.name.clone(),
                holder_pid: 0,
                share_pid: self.state.share_process_namespace,
                join_net: spec.host_network != Some(true),
                join_ipc: spec.host_ipc != Some(true),
                join_uts: spec.host_network != Some(true),
                rootfs_mode: mode.clone().unwrap_or_default(),
                lower,
                upper: cdir.join("upper"),
                work: cdir.join("work"),
                merged: cdir.join("merged"),
                binds,
                pid_ns_of: 0,
                userns_of: 0,
                userns_base: 0,
                cgroup_procs: cgroup::procs_files(&cgroups),
                working_dir: c.working_dir.clone().or(image_config.working_dir.clone()).unwrap_or_default(),
                argv,
                env: env.clone(),
            };
            let log = self.dir.join("logs").join(format!("{}.log", c.name));
            self.state.containers.push(ContainerState {
                name: c.name.clone(),
                kind: kind.name().into(),
                state: "Waiting".into(),
                reason: if kind == Kind::Regular && !spec.init_containers.is_empty() {
                    "PodInitializing".into()
                } else {
                    "ContainerCreating".into()
                },
                cgroups: cgroups.clone(),
                log: log.clone(),
                rootfs_mode: shim.rootfs_mode.clone(),
                env,
                working_dir: shim.working_dir.clone(),
                ..ContainerState::default()
            });
            self.slots.push(Slot {
                c,
                kind,
                image,
                status: Status::NotStarted,
                restarts: 0,
                backoff_step: 0,
                cgroups,
                log,
                log_offset: 0,
                spec: shim,
            });
        }
        // The sandbox last, once everything that can fail has been checked.
        let holder_pid = self.start_holder(&hostname)?;
        for slot in &mut self.slots {
            slot.spec.holder_pid = holder_pid;
            if let Some(base) = self.state.userns_base {
                slot.spec.userns_of = holder_pid;
                slot.spec.userns_base = base;
            }
        }
        self.save();
        Ok(())
    }

    /// Starts the holder (pause) in new net, ipc, uts and pid namespaces.
    fn start_holder(&mut self, hostname: &str) -> Result<i32, Text> {
        let spec = &self.pod.spec;
        let mut flags = CloneFlags::empty();
        if spec.host_network != Some(true) {
            flags |= CloneFlags::CLONE_NEWNET | CloneFlags::CLONE_NEWUTS;
        }
        if spec.host_ipc != Some(true) {
            flags |= CloneFlags::CLONE_NEWIPC;
        }
        if spec.host_pid != Some(true) {
            flags |= CloneFlags::CLONE_NEWPID;
        }
        // hostUsers: false makes a user namespace first; the holder unshares the rest itself.
        let userns = self.extras.host_users == Some(false) && !ROOTLESS.load(Ordering::SeqCst);
        let bits = if userns { 0 } else { flags.bits() };
        let mut cmd = Command::new("/proc/self/exe");
        cmd.args(["__holder", hostname, &self.pod.metadata.name])
            .stdin(if userns { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .process_group(0);
        if userns {
            cmd.arg(flags.bits().to_string());
        }
        // SAFETY: only async-signal-safe syscalls (prctl, unshare) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
                if bits != 0 && libc::unshare(bits) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let fail = |what: String| {
            t(
                format!("pause 프로세스를 시작하지 못했습니다: {what}"),
                format!("cannot start the pause process: {what}"),
            )
        };
        let mut child = cmd.spawn().map_err(|e| fail(e.to_string()))?;
        self.state.holder_outer = Some(Proc::of(child.id() as i32));
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let mut out = BufReader::new(out);
            let _ = out.read_line(&mut line);
            if userns && line.trim() == "userns" {
                line.clear();
                let base = crate::userns::allocate_base();
                let mapped = crate::userns::write_maps(child.id() as i32, base);
                let answer = if mapped.is_ok() { "go\n" } else { "no\n" };
                if let Some(mut stdin) = child.stdin.take() {
                    let _ = std::io::Write::write_all(&mut stdin, answer.as_bytes());
                }
                if let Err(e) = mapped {
                    let _ = child.wait();
                    return Err(fail(e));
                }
                self.state.userns_base = Some(base);
                self.event(&format!(
                    "user namespace (hostUsers: false): uid_map and gid_map \"0 {base} {}\"",
                    crate::userns::IDS_PER_POD
                ));
                let _ = out.read_line(&mut line);
            }
        }
        self.holder_outer = Some(child);
        let pid: i32 = line
            .trim()
            .strip_prefix("pause ")
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| fail(format!("unexpected answer {line:?}")))?;
        self.state.holder = Some(Proc::of(pid));
        self.save();
        self.event(&format!(
            "sandbox started: pause pid {pid} owns the pod's net, ipc, uts{} namespaces",
            if self.state.share_process_namespace { " and pid" } else { "" }
        ));
        Ok(pid)
    }

    fn save(&self) {
        let _ = self.state.save(&self.dir);
    }

    fn elapsed(&self) -> f64 {
        self.t0.elapsed().as_secs_f64()
    }

    /// Prints one status line, kubectl-style (upstream wording, English).
    fn event(&self, text: &str) {
        println!("{:>8.3}s  pod/{}  {text}", self.elapsed(), self.pod.metadata.name);
    }

    /// Prints one of our own explanations, in the chosen language.
    fn say(&self, text: &Text) {
        println!("{:>8.3}s  pod/{}  {}", self.elapsed(), self.pod.metadata.name, text.get(self.opts.lang));
    }

    fn sync_state(&mut self, i: usize) {
        let Some(slot) = self.slots.get(i) else { return };
        let Some(cs) = self.state.containers.get_mut(i) else { return };
        cs.restart_count = slot.restarts;
        match &slot.status {
            Status::NotStarted => {}
            Status::Waiting { reason, .. } => {
                cs.state = "Waiting".into();
                cs.reason = reason.clone();
                (cs.started, cs.ready) = (false, false);
                cs.process = None;
                cs.shim = None;
            }
            Status::Running { shim, pid, probes, .. } => {
                cs.state = "Running".into();
                cs.reason = String::new();
                cs.started = probes.started;
                cs.ready = probes.started && probes.ready;
                cs.process = Some(Proc::of(*pid));
                cs.shim = Some(Proc::of(shim.id() as i32));
            }
            Status::Terminated { code, reason } => {
                cs.state = "Terminated".into();
                cs.reason = reason.clone();
                (cs.started, cs.ready) = (false, false);
                cs.exit_code = Some(*code);
                cs.process = None;
                cs.shim = None;
            }
        }
        // The pod's Ready condition: every container that is not a plain init container is ready.
        let mut serving = self.state.containers.iter().filter(|c| c.kind != "init").peekable();
        let ready = serving.peek().is_some() && serving.all(|c| c.ready);
        if ready != self.state.ready {
            self.state.ready = ready;
            self.event(&format!("condition Ready={}", if ready { "True" } else { "False" }));
        }
        self.save();
    }

    /// Starts (or restarts) container `i`.
    fn start(&mut self, i: usize) {
        if let Some(launch) = self.launch(i) {
            self.confirm(i, launch);
        }
    }

    /// Starts several containers: all shims are spawned first, so that their
    /// setup (namespaces, mounts) runs side by side, then each is confirmed
    /// in order.
    fn start_all(&mut self, indices: std::ops::Range<usize>) {
        let launched: Vec<(usize, Launch)> = indices.filter_map(|i| self.launch(i).map(|l| (i, l))).collect();
        for (i, launch) in launched {
            self.confirm(i, launch);
        }
    }

    /// Spawns the shim of container `i`, or records why it cannot start.
    fn launch(&mut self, i: usize) -> Option<Launch> {
        let slot = self.slots.get_mut(i)?;
        if let Err(text) = &slot.image {
            let (name, text) = (slot.c.name.clone(), text.clone());
            slot.status = Status::Waiting { reason: "ErrImagePull".into(), until: None };
            self.event(&format!("container {name:?}: Waiting: ErrImagePull"));
            self.say(&text);
            self.sync_state(i);
            return None;
        }
        // A new container each time: a fresh writable layer, as the kubelet creates one.
        let spec = &slot.spec;
        let cdir = spec.merged.parent().map(Path::to_path_buf).unwrap_or_default();
        let _ = fs::remove_dir_all(&cdir);
        for d in [&spec.upper, &spec.work, &spec.merged] {
            let _ = fs::create_dir_all(d);
        }
        let spec_path = cdir.join("spec.json");
        let _ = fs::write(&spec_path, serde_json::to_vec(spec).unwrap_or_default());
        let log = OpenOptions::new().create(true).append(true).open(&slot.log);
        let oom_before = cgroup::oom_kills(&slot.cgroups);
        let mut cmd = Command::new("/proc/self/exe");
        cmd.arg("__container")
            .arg(&spec_path)
            .args([&spec.pod, &spec.name])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .process_group(0);
        if let Ok(f) = log {
            cmd.stderr(f);
        }
        // SAFETY: prctl only, between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
                Ok(())
            });
        }
        let name = slot.c.name.clone();
        match cmd.spawn() {
            Ok(shim) => Some(Launch { shim, oom_before }),
            Err(e) => {
                slot.status = Status::Terminated { code: 128, reason: "StartError".into() };
                self.event(&format!("container {name:?}: StartError: {e}"));
                self.after_exit(i, 128);
                None
            }
        }
    }

    /// Waits for the shim's word: `started PID` or `error …`.
    fn confirm(&mut self, i: usize, launch: Launch) {
        let Launch { mut shim, oom_before } = launch;
        let Some(slot) = self.slots.get_mut(i) else { return };
        let name = slot.c.name.clone();
        let mut line = String::new();
        if let Some(out) = shim.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        let line = line.trim().to_string();
        if let Some(pid) = line.strip_prefix("started ").and_then(|p| p.parse::<i32>().ok()) {
            let now = Instant::now();
            let first = slot
                .c
                .startup_probe
                .as_ref()
                .or(slot.c.liveness_probe.as_ref())
                .map(|p| crate::probe::timing(p).initial_delay_ms)
                .unwrap_or(0);
            let ready_first =
                slot.c.readiness_probe.as_ref().map(|p| crate::probe::timing(p).initial_delay_ms).unwrap_or(0);
            let probes = Probing {
                started: slot.c.startup_probe.is_none(),
                next_at: now + Duration::from_millis(first),
                failures: 0,
                ready: slot.c.readiness_probe.is_none()
                    && slot.c.lifecycle.as_ref().and_then(|l| l.post_start.as_ref()).is_none(),
                ready_next_at: now + Duration::from_millis(ready_first),
                ready_failures: 0,
                ready_successes: 0,
            };
            slot.status = Status::Running { shim, pid, since: now, oom_before, probes };
            self.event(&format!("container {name:?}: Started (pid {pid})"));
            self.sync_state(i);
            // The kubelet runs postStart before it considers the container
            // started; the container is not ready until the hook is done.
            self.post_start(i);
            self.sync_state(i);
        } else {
            let _ = shim.wait();
            let why = line.strip_prefix("error ").unwrap_or(&line).to_string();
            slot.status = Status::Terminated { code: 128, reason: "StartError".into() };
            self.event(&format!("container {name:?}: Terminated: StartError (exit code 128): {why}"));
            self.after_exit(i, 128);
        }
    }

    /// After container `i` ended with `code`: restart with back-off, or stay terminated.
    fn after_exit(&mut self, i: usize, code: i32) {
        let policy = self.pod.spec.restart_policy.clone().unwrap_or_else(|| "Always".into());
        let terminating = self.terminating || SIGNALS.load(Ordering::SeqCst) > 0;
        let Some(slot) = self.slots.get_mut(i) else { return };
        let restart = !terminating
            && match slot.kind {
                Kind::Sidecar => true,
                Kind::Init => code != 0 && policy != "Never",
                Kind::Regular => pod::should_restart(&policy, code),
            };
        if restart {
            let delay = pod::backoff_ms(self.opts.backoff_base_ms, slot.backoff_step);
            slot.backoff_step = slot.backoff_step.saturating_add(1);
            slot.status = Status::Waiting {
                reason: "CrashLoopBackOff".into(),
                until: Some(Instant::now() + Duration::from_millis(delay)),
            };
            let (name, first) = (slot.c.name.clone(), slot.backoff_step == 1);
            self.event(&format!(
                "container {name:?}: Waiting: CrashLoopBackOff: back-off {} restarting failed container={name} pod={}",
                fmt_ms(delay),
                self.pod.metadata.name
            ));
            if first {
                self.say(&t(
                    format!("컨테이너가 끝나서 restartPolicy에 따라 다시 시작합니다. kubelet처럼 재시작 사이의 대기 시간을 {}부터 두 배씩 늘립니다(최대 {}).", fmt_ms(self.opts.backoff_base_ms), fmt_ms(self.opts.backoff_base_ms.saturating_mul(30))),
                    format!("the container ended and restartPolicy restarts it. Like the kubelet, the wait between restarts starts at {} and doubles up to {}.", fmt_ms(self.opts.backoff_base_ms), fmt_ms(self.opts.backoff_base_ms.saturating_mul(30))),
                ));
            }
        }
        self.sync_state(i);
    }

    /// Checks running containers for exits; returns true if anything changed.
    fn reap(&mut self) -> bool {
        let mut changed = false;
        for i in 0..self.slots.len() {
            let Some(slot) = self.slots.get_mut(i) else { continue };
            let Status::Running { shim, since, oom_before, .. } = &mut slot.status else { continue };
            let Ok(Some(status)) = shim.try_wait() else { continue };
            let code = status
                .code()
                .unwrap_or_else(|| 128 + std::os::unix::process::ExitStatusExt::signal(&status).unwrap_or(9));
            let oom = code == 137 && cgroup::oom_kills(&slot.cgroups) > *oom_before;
            let reason = pod::terminated_reason(code, oom).to_string();
            // The back-off forgets a container that ran well for twice the cap (kubelet's backoff GC).
            if since.elapsed() >= Duration::from_millis(pod::backoff_ms(self.opts.backoff_base_ms, 30) * 2) {
                slot.backoff_step = 0;
            }
            let name = slot.c.name.clone();
            slot.status = Status::Terminated { code, reason: reason.clone() };
            // The container has written its last line: show it before the termination.
            self.pump_logs();
            self.event(&format!("container {name:?}: Terminated: {reason} (exit code {code})"));
            if oom {
                self.say(&t(
                    format!("컨테이너 \"{name}\"가 메모리 제한을 넘어 커널의 OOM killer에게 종료되었습니다(SIGKILL, 128+9=137)."),
                    format!("container \"{name}\" went over its memory limit and the kernel's OOM killer ended it (SIGKILL, 128+9=137)."),
                ));
            }
            self.after_exit(i, code);
            changed = true;
        }
        changed
    }

    fn main_loop(&mut self) -> i32 {
        let n_init = self.slots.iter().take_while(|s| s.kind != Kind::Regular).count();
        let mut next_init = 0usize;
        let mut regular_started = false;
        loop {
            if SIGNALS.load(Ordering::SeqCst) > 0 {
                self.say(&t(
                    "종료 신호를 받았습니다. 파드를 정리합니다.",
                    "received a termination signal: deleting the pod.",
                ));
                return 130;
            }
            self.reap();
            self.run_probes();
            self.pump_logs();
            let now = Instant::now();
            // Back-off timers.
            for i in 0..self.slots.len() {
                let due = matches!(self.slots.get(i).map(|s| &s.status), Some(Status::Waiting { until: Some(u), .. }) if *u <= now);
                if due {
                    if let Some(s) = self.slots.get_mut(i) {
                        s.restarts += 1;
                    }
                    self.start(i);
                }
            }
            // Init containers in order; a sidecar counts as done once started.
            while next_init < n_init {
                let done = match self.slots.get(next_init).map(|s| (&s.status, s.kind)) {
                    Some((Status::NotStarted, _)) => {
                        self.start(next_init);
                        false
                    }
                    Some((Status::Running { probes, .. }, Kind::Sidecar)) => probes.started,
                    Some((Status::Terminated { code: 0, .. }, Kind::Init)) => true,
                    Some((Status::Terminated { .. }, Kind::Init)) => {
                        // Failed and not restarting (restartPolicy Never): the pod fails.
                        self.state.phase = "Failed".into();
                        self.save();
                        self.event("Failed: an init container failed and restartPolicy is Never");
                        return 1;
                    }
                    _ => false,
                };
                if !done {
                    break;
                }
                next_init += 1;
            }
            if next_init >= n_init && !regular_started {
                regular_started = true;
                self.state.phase = "Running".into();
                self.start_all(n_init..self.slots.len());
            }
            if regular_started
                && !self.all_started_reported
                && self.slots.iter().skip(n_init).all(|s| matches!(s.status, Status::Running { .. }))
            {
                self.all_started_reported = true;
                self.event(&format!("all containers started in {:.1} ms", self.t0.elapsed().as_secs_f64() * 1000.0));
            }
            // Pod completion: every regular container terminated for good.
            if regular_started && self.slots.iter().skip(n_init).all(|s| matches!(s.status, Status::Terminated { .. }))
            {
                let ok = self.slots.iter().skip(n_init).all(|s| matches!(s.status, Status::Terminated { code: 0, .. }));
                self.state.phase = if ok { "Succeeded" } else { "Failed" }.into();
                self.save();
                self.event(&format!("phase {}", self.state.phase));
                return if ok { 0 } else { 1 };
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Streams new complete log lines as `[container] line`.
    fn pump_logs(&mut self) {
        if self.opts.quiet_logs {
            return;
        }
        for slot in &mut self.slots {
            let Ok(mut f) = File::open(&slot.log) else { continue };
            let Ok(len) = f.metadata().map(|m| m.len()) else { continue };
            if len <= slot.log_offset || f.seek(SeekFrom::Start(slot.log_offset)).is_err() {
                continue;
            }
            // Bounded: at most 64 KiB per container per tick.
            let mut buf = Vec::new();
            let _ = f.take(64 * 1024).read_to_end(&mut buf);
            let upto = buf.iter().rposition(|b| *b == b'\n').map(|p| p + 1).unwrap_or(if buf.len() >= 64 * 1024 {
                buf.len()
            } else {
                0
            });
            for line in String::from_utf8_lossy(&buf[..upto]).lines() {
                println!("[{}] {line}", slot.c.name);
            }
            slot.log_offset += upto as u64;
        }
    }

    /// Graceful termination: SIGTERM to regular containers, then sidecars in
    /// reverse order, SIGKILL at the grace deadline; then the pause process,
    /// cgroups, mounts and the state directory.
    fn teardown(&mut self) {
        self.terminating = true;
        let grace = Duration::from_secs(
            self.opts
                .grace_seconds
                .unwrap_or_else(|| self.pod.spec.termination_grace_period_seconds.unwrap_or(30).max(0) as u64),
        );
        let deadline = Instant::now() + grace;
        let signals_at_start = SIGNALS.load(Ordering::SeqCst);
        for group in [vec![Kind::Regular, Kind::Init], vec![Kind::Sidecar]] {
            let mut order: Vec<usize> =
                (0..self.slots.len()).filter(|i| self.slots.get(*i).is_some_and(|s| group.contains(&s.kind))).collect();
            order.reverse();
            self.pre_stop_then_term(&order, deadline);
            loop {
                self.reap();
                self.pump_logs();
                let running =
                    order.iter().any(|i| matches!(self.slots.get(*i).map(|s| &s.status), Some(Status::Running { .. })));
                if !running {
                    break;
                }
                // A second Ctrl-C, or the deadline, kills at once.
                if Instant::now() >= deadline || SIGNALS.load(Ordering::SeqCst) > signals_at_start.max(1) {
                    for i in &order {
                        if let Some(Status::Running { pid, .. }) = self.slots.get(*i).map(|s| &s.status) {
                            let _ = kill(Pid::from_raw(*pid), Signal::SIGKILL);
                        }
                    }
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        self.pump_logs();
        if let Some(h) = self.state.holder {
            if h.alive() {
                let _ = kill(Pid::from_raw(h.pid), Signal::SIGKILL);
            }
        }
        if let Some(mut outer) = self.holder_outer.take() {
            let _ = outer.wait();
        }
        let mut cgroups: Vec<PathBuf> = self.slots.iter().flat_map(|s| s.cgroups.clone()).collect();
        cgroups.extend(self.state.pod_cgroups.clone());
        if let Err(e) = cgroup::remove(&cgroups) {
            eprintln!("warning: {e}");
        }
        let _ = umount2(&self.rw, MntFlags::MNT_DETACH);
        let _ = fs::remove_dir_all(&self.dir);
        self.print_summary();
    }

    fn print_summary(&self) {
        println!("NAME\tKIND\tSTATE\tREASON\tEXIT\tRESTARTS");
        for (slot, cs) in self.slots.iter().zip(&self.state.containers) {
            let exit = cs.exit_code.map(|c| c.to_string()).unwrap_or_else(|| "-".into());
            println!("{}\t{}\t{}\t{}\t{}\t{}", slot.c.name, cs.kind, cs.state, cs.reason, exit, slot.restarts);
        }
        println!("pod/{} deleted", self.pod.metadata.name);
    }
}

/// Formats a back-off like Go's time.Duration (10s, 5m0s, 200ms).
pub fn fmt_ms(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms % 1000 != 0 {
        format!("{}s", ms as f64 / 1000.0)
    } else if ms < 60_000 {
        format!("{}s", ms / 1000)
    } else {
        format!("{}m{}s", ms / 60_000, (ms % 60_000) / 1000)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_print_like_go() {
        for (ms, want) in [(200, "200ms"), (10_000, "10s"), (300_000, "5m0s"), (1_500, "1.5s"), (80_000, "1m20s")] {
            assert_eq!(super::fmt_ms(ms), want);
        }
    }
}
