//! `podplay-node debug POD --image busybox [--target C] [-c NAME] [-- CMD…]`:
//! an ephemeral container, as `kubectl debug` adds one through the
//! `ephemeralcontainers` subresource. It joins the pod's net, ipc and uts
//! namespaces and, with `--target`, the target container's pid namespace
//! (so `ps` sees the target's processes); it gets its own root from its
//! image, a cgroup under the pod's, and no ports, probes or resources.
//! Follows staging/src/k8s.io/kubectl/pkg/cmd/debug/debug.go (name,
//! defaults) and pkg/kubelet/kuberuntime (ephemeral containers share the
//! target's pid namespace through the runtime's NamespaceMode TARGET).

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use nix::mount::{mount, umount2, MntFlags, MsFlags};
use nix::sched::{unshare, CloneFlags};
use podplay_engine::model::Container;
use podplay_engine::{Lang, Text};

use crate::helper::{Bind, ShimSpec};
use crate::msg::t;
use crate::pod::{self, Image};
use crate::state::{self, ContainerState, Proc};

/// What `debug` was asked for.
#[derive(Clone, Debug, Default)]
pub struct DebugOptions {
    pub pod: String,
    pub image: String,
    pub target: Option<String>,
    pub name: Option<String>,
    pub command: Vec<String>,
    pub image_aliases: BTreeMap<String, String>,
}

/// kubectl's generated name: `debugger-` and five characters of
/// k8s.io/apimachinery's utilrand alphabet.
fn generated_name() -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let seed = fs::read_to_string("/proc/sys/kernel/random/uuid").unwrap_or_default();
    let suffix: String = seed
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .take(5)
        .map(|b| char::from(ALPHABET.get(usize::from(b) % ALPHABET.len()).copied().unwrap_or(b'x')))
        .collect();
    format!("debugger-{suffix}")
}

/// Runs the debug container in the foreground; returns its exit code. Must
/// be called before any other thread exists (it unshares and forks).
pub fn debug(opts: &DebugOptions, lang: Lang) -> i32 {
    match debug_inner(opts) {
        Ok(code) => code,
        Err(text) => {
            eprintln!("error: {}", text.get(lang));
            1
        }
    }
}

fn debug_inner(opts: &DebugOptions) -> Result<i32, Text> {
    let Some((dir, st)) = state::find_pod(&opts.pod) else {
        return Err(t(
            format!("실행 중인 파드 \"{}\"를 찾지 못했습니다.", opts.pod),
            format!("pods \"{}\" not found", opts.pod),
        ));
    };
    let holder = st
        .holder
        .filter(|h| h.alive())
        .ok_or_else(|| t("pause 프로세스가 없습니다.", "the pod's pause process is gone."))?;
    let target_pid = match &opts.target {
        Some(name) => {
            let c = st.containers.iter().find(|c| &c.name == name).ok_or_else(|| {
                let msg = format!("container {name} is not valid for pod {}", st.name);
                t(msg.clone(), msg)
            })?;
            let p = c.process.filter(|p| p.alive()).ok_or_else(|| {
                t(
                    format!("대상 컨테이너 \"{name}\"가 실행 중이 아닙니다."),
                    format!("target container \"{name}\" is not running."),
                )
            })?;
            Some(p.pid)
        }
        None => None,
    };
    let name = match &opts.name {
        Some(n) => n.clone(),
        None => {
            let n = generated_name();
            eprintln!("Defaulting debug container name to {n}.");
            n
        }
    };
    if st.containers.iter().any(|c| c.name == name) {
        let msg = format!("ephemeral container \"{name}\": the name is already used by a container of pod {}", st.name);
        return Err(t(msg.clone(), msg));
    }
    let (lower, config) = match pod::resolve_image(&opts.image, &opts.image_aliases)? {
        Image::Busybox { stand_in } => (crate::rootfs::busybox_rootfs()?, pod::busybox_config(stand_in.as_deref())),
        Image::OciLayout(p) => crate::oci::image(&p, &crate::rootfs::image_root())?,
    };
    // Every mount below lives in this process's private mount namespace.
    unshare(CloneFlags::CLONE_NEWNS)
        .and_then(|_| mount(None::<&str>, "/", None::<&str>, MsFlags::MS_REC | MsFlags::MS_PRIVATE, None::<&str>))
        .map_err(|e| t(format!("마운트 네임스페이스: {e}"), format!("private mount namespace: {e}")))?;
    let work = dir.join(format!("ephemeral-{name}"));
    let cgroups: Vec<PathBuf> = st.pod_cgroups.iter().map(|d| d.join(&name)).collect();
    let result = run_in(opts, &st, &name, holder, target_pid, &work, &cgroups, lower, config);
    let _ = crate::cgroup::remove(&cgroups);
    let _ = umount2(&work, MntFlags::MNT_DETACH);
    let _ = fs::remove_dir_all(&work);
    let _ = fs::remove_file(dir.join(format!("ephemeral-{name}.json")));
    result
}

#[allow(clippy::too_many_arguments)]
fn run_in(
    opts: &DebugOptions,
    st: &state::PodState,
    name: &str,
    holder: Proc,
    target_pid: Option<i32>,
    work: &Path,
    cgroups: &[PathBuf],
    lower: PathBuf,
    config: pod::ImageConfig,
) -> Result<i32, Text> {
    let fail = |what: String| {
        t(
            format!("임시 컨테이너를 시작하지 못했습니다: {what}"),
            format!("cannot start the ephemeral container: {what}"),
        )
    };
    fs::create_dir_all(work).map_err(|e| fail(e.to_string()))?;
    mount(Some("tmpfs"), work, Some("tmpfs"), MsFlags::MS_NOSUID | MsFlags::MS_NODEV, Some("mode=755"))
        .map_err(|e| fail(format!("tmpfs at {}: {e}", work.display())))?;
    for d in cgroups {
        fs::create_dir_all(d).map_err(|e| fail(format!("mkdir {}: {e}", d.display())))?;
    }
    // /etc/hosts and /etc/hostname as the pod's containers have them (read through a running one's root).
    let any_pid =
        target_pid.or_else(|| st.containers.iter().find_map(|c| c.process.filter(|p| p.alive()).map(|p| p.pid)));
    let hostname = podplay_engine::names::pod_hostname(&st.name, None);
    let etc = work.join("etc");
    fs::create_dir_all(&etc).map_err(|e| fail(e.to_string()))?;
    let from_pod = |f: &str| any_pid.and_then(|p| fs::read_to_string(format!("/proc/{p}/root/etc/{f}")).ok());
    fs::write(etc.join("hosts"), from_pod("hosts").unwrap_or_else(|| pod::hosts_file(&hostname)))
        .map_err(|e| fail(e.to_string()))?;
    fs::write(etc.join("hostname"), from_pod("hostname").unwrap_or_else(|| format!("{hostname}\n")))
        .map_err(|e| fail(e.to_string()))?;
    let c = Container { name: name.to_string(), command: opts.command.clone(), ..Container::default() };
    let env = pod::container_env(&c, &hostname, &config);
    let argv = pod::container_argv(&c, &config, &env);
    let cdir = work.join("c");
    let spec = ShimSpec {
        pod: st.name.clone(),
        name: name.to_string(),
        holder_pid: holder.pid,
        share_pid: target_pid.is_some() || st.share_process_namespace,
        pid_ns_of: target_pid.unwrap_or(0),
        join_net: true,
        join_ipc: true,
        join_uts: true,
        rootfs_mode: if st.userns_base.is_none() && crate::rootfs::overlay_works(&lower, work) {
            "overlayfs"
        } else {
            "copy"
        }
        .into(),
        lower,
        upper: cdir.join("upper"),
        work: cdir.join("work"),
        merged: cdir.join("merged"),
        binds: vec![
            Bind { src: etc.join("hosts"), dst: "/etc/hosts".into(), read_only: false },
            Bind { src: etc.join("hostname"), dst: "/etc/hostname".into(), read_only: false },
        ],
        cgroup_procs: crate::cgroup::procs_files(cgroups),
        working_dir: config.working_dir.clone().unwrap_or_default(),
        argv,
        env: env.clone(),
        userns_of: if st.userns_base.is_some() { holder.pid } else { 0 },
        userns_base: st.userns_base.unwrap_or(0),
    };
    for d in [&spec.upper, &spec.work, &spec.merged] {
        fs::create_dir_all(d).map_err(|e| fail(e.to_string()))?;
    }
    let spec_path = cdir.join("spec.json");
    fs::write(&spec_path, serde_json::to_vec(&spec).unwrap_or_default()).map_err(|e| fail(e.to_string()))?;
    // The container's output (its stderr, where stdout is sent too) is ours on stdout.
    let stdout = std::io::stdout();
    let out = std::os::fd::AsFd::as_fd(&stdout).try_clone_to_owned().map_err(|e| fail(e.to_string()))?;
    let mut cmd = Command::new("/proc/self/exe");
    cmd.arg("__container")
        .arg(&spec_path)
        .args([&spec.pod, &spec.name])
        .stdout(Stdio::piped())
        .stderr(Stdio::from(out));
    // SAFETY: prctl only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
            Ok(())
        });
    }
    let mut shim = cmd.spawn().map_err(|e| fail(e.to_string()))?;
    let mut line = String::new();
    if let Some(o) = shim.stdout.take() {
        let _ = BufReader::new(o).read_line(&mut line);
    }
    let Some(pid) = line.trim().strip_prefix("started ").and_then(|p| p.parse::<i32>().ok()) else {
        let _ = shim.wait();
        return Err(fail(line.trim().trim_start_matches("error ").to_string()));
    };
    // Seen by `inspect` while it runs.
    let record = ContainerState {
        name: name.to_string(),
        kind: "ephemeral".into(),
        state: "Running".into(),
        process: Some(Proc::of(pid)),
        shim: Some(Proc::of(shim.id() as i32)),
        cgroups: cgroups.to_vec(),
        rootfs_mode: spec.rootfs_mode.clone(),
        env,
        working_dir: spec.working_dir.clone(),
        ..ContainerState::default()
    };
    if let Some(dir) = work.parent() {
        let _ = fs::write(dir.join(format!("ephemeral-{name}.json")), serde_json::to_vec(&record).unwrap_or_default());
    }
    let status = shim.wait().map_err(|e| fail(e.to_string()))?;
    Ok(status.code().unwrap_or(128))
}
