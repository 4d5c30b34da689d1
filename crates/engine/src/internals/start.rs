//! Starting a container: its mounts, root filesystem, environment and
//! program, each a named step of [`PodRuntime::start_container`].

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use super::catalogue::{self, Image};
use super::fs::{self, Tree};
use super::host::{push_log, EVENTS_MAX};
use super::sandbox::fill_projection;
use super::{quantity_bytes, quantity_millis, yaml_str, Ctr, Mount, PodRuntime, Sandbox, CONTAINERS_MAX};
use crate::model::Container;
use crate::runtime::{ContainerId, RuntimeEvent, StartError};
use crate::shell::ast::Script;
use crate::shell::{self, Process, SyntaxError};
use crate::time::SimTime;

/// ConfigMaps or Secrets by `(namespace, name)`.
type Store = BTreeMap<(String, String), BTreeMap<String, String>>;

/// What a container is made of before it runs.
struct Prepared {
    mounts: Vec<Mount>,
    rootfs: Tree,
    env: BTreeMap<String, String>,
    argv: Vec<String>,
    program: Result<Arc<Script>, SyntaxError>,
}

impl PodRuntime {
    /// Starts (or restarts) a container in its pod's sandbox: pulls the
    /// image, mounts its volumes, writes its root filesystem and
    /// environment, and spawns its program.
    pub(super) fn start_container(
        &mut self,
        id: &ContainerId,
        container: &Container,
        now: SimTime,
    ) -> Result<(), StartError> {
        self.start_container_in(id, container, now, None, false)
    }

    /// Starts a container, in the pid namespace of the container `target`
    /// when one is given (an ephemeral container's `targetContainerName`),
    /// and with stdin held open when `stdin` is set: a shell started with no
    /// script then waits for input instead of exiting.
    pub(super) fn start_container_in(
        &mut self,
        id: &ContainerId,
        container: &Container,
        now: SimTime,
        target: Option<&str>,
        stdin: bool,
    ) -> Result<(), StartError> {
        self.pull(container.image.as_deref().unwrap_or(""))?;
        let mnt_ns = self.inode();
        let cgroup_ns = self.inode();
        let own_pid_ns = self.inode();
        let cms = self.config_maps.clone();
        let secrets = self.secrets.clone();
        let Some(sb) = self.sandboxes.get_mut(&id.pod_uid) else {
            return Err(StartError {
                reason: "CreateContainerError".into(),
                message: format!("pod sandbox for {} not found", id.pod_uid),
            });
        };
        if sb.containers.len() >= CONTAINERS_MAX && !sb.containers.contains_key(&id.container) {
            return Err(StartError {
                reason: "CreateContainerError".into(),
                message: "too many containers in one pod".into(),
            });
        }
        let image_ref = container.image.clone().unwrap_or_default();
        let image = catalogue::lookup(&image_ref);
        let Prepared { mounts, rootfs, env, argv, mut program } = prepare(sb, container, &image, &cms, &secrets)?;
        let interactive_shell = (stdin || container.stdin)
            && matches!(argv.as_slice(), [one] if matches!(shell::base_name(one), "sh" | "bash" | "ash"));
        if interactive_shell {
            // Nobody types into the held-open terminal: the shell waits.
            if let Ok(wait) = shell::parse("pause") {
                program = Ok(Arc::new(wait));
            }
        }
        let resources = container.resources.clone().unwrap_or_default();
        let target_ns = target.and_then(|t| sb.containers.get(t)).map(|t| (t.pid_ns, t.next_pid));
        let pid_ns = match target_ns {
            Some((ns, _)) => ns,
            None => sb.shared_pid_ns.unwrap_or(own_pid_ns),
        };
        // A restart keeps the previous instance's logs for `--previous`.
        let (previous_logs, restarts) = match sb.containers.remove(&id.container) {
            Some(old) => (old.logs, old.restarts + 1),
            None => (VecDeque::new(), 0),
        };
        sb.ports.retain(|_, (owner, _)| *owner != id.container);
        let main_pid = match (target_ns, target.and_then(|t| sb.containers.get_mut(t))) {
            // The next pid of the target's namespace, which the target's own
            // later processes then count on from.
            (Some((_, next)), Some(t)) => {
                let pid = next.saturating_add(1);
                t.next_pid = pid;
                pid
            }
            _ => next_main_pid(sb),
        };
        let mut ctr = Ctr {
            name: id.container.clone(),
            image: image_ref,
            kind: image.kind,
            rootfs,
            mounts,
            mnt_ns,
            pid_ns,
            cgroup_ns,
            process: None,
            running: true,
            exit_code: None,
            oom_killed: false,
            main_pid,
            next_pid: main_pid,
            argv: argv.clone(),
            declared_ports: container.ports.iter().filter_map(|p| u16::try_from(p.container_port).ok()).collect(),
            logs: VecDeque::new(),
            previous_logs,
            base_memory_bytes: image.base_memory_bytes,
            extra_memory_bytes: 0,
            cpu_millicores: 0,
            memory_limit_bytes: quantity_bytes(resources.limits.get("memory")),
            cpu_limit_millicores: quantity_millis(resources.limits.get("cpu")),
            spin: 0,
            spin_until: None,
            restarts,
            started_at: now,
            explain: None,
            env: env.clone(),
            terminating: false,
        };
        if !spawn(&mut ctr, program, env, &argv, id, now, &mut self.events) {
            return Ok(());
        }
        if !sb.order.contains(&id.container) {
            sb.order.push(id.container.clone());
        }
        sb.containers.insert(id.container.clone(), ctr);
        self.dirty = true;
        Ok(())
    }
}

/// Everything a container needs before its process starts; fails as the
/// kubelet does when a volume or the program is missing.
fn prepare(
    sb: &mut Sandbox,
    container: &Container,
    image: &Image,
    cms: &Store,
    secrets: &Store,
) -> Result<Prepared, StartError> {
    let mounts = mount_volumes(sb, container, cms, secrets)?;
    let rootfs = container_rootfs(sb, container, image);
    let env = container_env(sb, container, cms, secrets);
    let lookup = |n: &str| env.get(n).cloned();
    let command: Vec<String> = container.command.iter().map(|a| crate::expansion::expand(a, lookup)).collect();
    let args: Vec<String> = container.args.iter().map(|a| crate::expansion::expand(a, lookup)).collect();
    let argv = catalogue::argv(image, &command, &args);
    let program = resolve_program(image, &argv)?;
    Ok(Prepared { mounts, rootfs, env, argv, program })
}

/// Mounts: every volume must exist and be ready.
fn mount_volumes(
    sb: &mut Sandbox,
    container: &Container,
    cms: &Store,
    secrets: &Store,
) -> Result<Vec<Mount>, StartError> {
    let mut mounts = Vec::new();
    for m in &container.volume_mounts {
        let Some(v) = sb.volumes.get_mut(&m.name) else {
            return Err(StartError {
                reason: "CreateContainerConfigError".into(),
                message: format!("cannot find volume \"{}\" to mount into container \"{}\"", m.name, container.name),
            });
        };
        if v.not_ready.is_some() {
            fill_projection(v, &sb.namespace, cms, secrets);
        }
        if let Some(why) = &v.not_ready {
            return Err(StartError {
                reason: "FailedMount".into(),
                message: format!("MountVolume.SetUp failed for volume \"{}\" : {why}", m.name),
            });
        }
        let sub = m.sub_path.clone().unwrap_or_default();
        if !sub.is_empty() && v.tree.get(&fs::components(&sub).join("/")).is_none() {
            let _ = v.tree.mkdir_all(&fs::components(&sub).join("/"));
        }
        mounts.push(Mount {
            path: fs::normalize(&m.mount_path),
            volume: m.name.clone(),
            sub_path: sub,
            read_only: m.read_only.unwrap_or(false),
        });
    }
    Ok(mounts)
}

/// The image's root, plus the files the kubelet writes for every container.
fn container_rootfs(sb: &Sandbox, container: &Container, image: &Image) -> Tree {
    let mut rootfs = Tree::new();
    for d in ["bin", "dev", "etc", "proc", "root", "tmp", "usr/bin", "var/log", "var/run"] {
        let _ = rootfs.mkdir_all(d);
    }
    for (path, text) in &image.files {
        rootfs.put(path, text);
    }
    rootfs.put("etc/hostname", &format!("{}\n", sb.hostname));
    // Follows pkg/kubelet/kubelet_pods.go managedHostsFileContent.
    rootfs.put(
        "etc/hosts",
        &format!("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{}\t{}\n", sb.pod_ip, sb.hostname),
    );
    rootfs.put(
        "etc/resolv.conf",
        &format!(
            "search {}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
            sb.namespace
        ),
    );
    if !container
        .volume_mounts
        .iter()
        .any(|m| fs::normalize(&m.mount_path) == "/var/run/secrets/kubernetes.io/serviceaccount")
    {
        rootfs.put("var/run/secrets/kubernetes.io/serviceaccount/namespace", &sb.namespace);
        rootfs
            .put("var/run/secrets/kubernetes.io/serviceaccount/token", "eyJhbGciOiJSUzI1NiJ9.podplay-simulated-token");
    }
    rootfs
}

/// Environment: defaults, then the container's own.
fn container_env(sb: &Sandbox, container: &Container, cms: &Store, secrets: &Store) -> BTreeMap<String, String> {
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    env.insert("PATH".into(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into());
    env.insert("HOSTNAME".into(), sb.hostname.clone());
    env.insert("HOME".into(), "/root".into());
    env.insert("KUBERNETES_SERVICE_HOST".into(), "10.96.0.1".into());
    env.insert("KUBERNETES_SERVICE_PORT".into(), "443".into());
    for e in container.env.iter().take(256) {
        let value = match (&e.value, &e.value_from) {
            (Some(v), _) => crate::expansion::expand(v, |n| env.get(n).cloned()),
            (None, Some(from)) => env_from(from, sb, cms, secrets).unwrap_or_default(),
            (None, None) => String::new(),
        };
        env.insert(e.name.clone(), value);
    }
    env
}

/// The program `argv` runs: a shell script, an image's own server, or
/// runc's error when the executable does not exist.
fn resolve_program(image: &Image, argv: &[String]) -> Result<Result<Arc<Script>, SyntaxError>, StartError> {
    match shell::program_for(argv) {
        // An image's own binary (`/usr/local/bin/etcd`): outside the shell
        // images, it runs as a generic long-running program.
        Err(shell::SpawnError::NotFound(cmd)) if image.kind != "shell" && !cmd.is_empty() => {
            shell::program_for(&["app".to_string()]).map_err(|_| StartError { reason: "StartError".into(), message: "app".into() })
        }
        Err(shell::SpawnError::NotFound(cmd)) => Err(StartError {
            reason: "StartError".into(),
            message: format!("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"{cmd}\": executable file not found in $PATH: unknown"),
        }),
        Ok(p) => Ok(p),
    }
}

/// The main process's pid: 1, or the next pid of a shared pid namespace.
fn next_main_pid(sb: &mut Sandbox) -> u32 {
    if sb.share_pid {
        sb.next_shared_pid = sb.next_shared_pid.saturating_add(1);
        sb.next_shared_pid
    } else {
        1
    }
}

/// Gives `ctr` its process. A script with a syntax error runs as BusyBox
/// does: it prints the error and exits 2, and the explanation is kept for
/// the UI. Returns false only if that stand-in cannot be built.
fn spawn(
    ctr: &mut Ctr,
    program: Result<Arc<Script>, SyntaxError>,
    env: BTreeMap<String, String>,
    argv: &[String],
    id: &ContainerId,
    now: SimTime,
    events: &mut Vec<RuntimeEvent>,
) -> bool {
    let main_pid = ctr.main_pid;
    let direct = !matches!(argv.first().map(|a| shell::base_name(a)), Some("sh" | "bash" | "ash" | "dash"));
    match program {
        Ok(script) => {
            let mut p = Process::new(script, env, main_pid, argv.join(" "));
            p.set_direct(direct);
            p.start_at(now);
            ctr.process = Some(p);
        }
        Err(e) => {
            push_log(&mut ctr.logs, now, &format!("sh: {}", e.message));
            if events.len() < EVENTS_MAX {
                events.push(RuntimeEvent::Log { id: id.clone(), at: now, line: format!("sh: {}", e.message) });
            }
            ctr.explain = Some(e.explain);
            let Ok(exit) = shell::parse("exit 2") else { return false };
            let mut p = Process::new(Arc::new(exit), BTreeMap::new(), main_pid, "sh".into());
            p.start_at(now);
            ctr.process = Some(p);
        }
    }
    true
}

/// `valueFrom` of an env var: fieldRef, configMapKeyRef, secretKeyRef.
fn env_from(
    from: &serde_json::Value,
    sb: &Sandbox,
    cms: &BTreeMap<(String, String), BTreeMap<String, String>>,
    secrets: &BTreeMap<(String, String), BTreeMap<String, String>>,
) -> Option<String> {
    if let Some(f) = from.get("fieldRef") {
        return Some(match yaml_str(f, "fieldPath")? {
            "metadata.name" => sb.name.clone(),
            "metadata.namespace" => sb.namespace.clone(),
            "metadata.uid" => sb.uid.clone(),
            "status.podIP" => sb.pod_ip.clone(),
            "spec.nodeName" => sb.node.clone(),
            p => {
                if let Some(key) = p.strip_prefix("metadata.annotations['").and_then(|r| r.strip_suffix("']")) {
                    return Some(sb.annotations.get(key).cloned().unwrap_or_default());
                }
                let key = p.strip_prefix("metadata.labels['")?.strip_suffix("']")?;
                sb.labels.get(key).cloned().unwrap_or_default()
            }
        });
    }
    if let Some(r) = from.get("configMapKeyRef") {
        return cms.get(&(sb.namespace.clone(), yaml_str(r, "name")?.to_string()))?.get(yaml_str(r, "key")?).cloned();
    }
    if let Some(r) = from.get("secretKeyRef") {
        return secrets
            .get(&(sb.namespace.clone(), yaml_str(r, "name")?.to_string()))?
            .get(yaml_str(r, "key")?)
            .cloned();
    }
    None
}
