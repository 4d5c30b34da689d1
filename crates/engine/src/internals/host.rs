//! One container's view of its sandbox, given to the shell as its [`Host`]:
//! the mount table (image root plus volumes), the pod's shared port table
//! and hostname, its pid namespace, and the outside world. Every volume
//! write and read, and every request, becomes a `Traffic` event.

use std::collections::BTreeMap;

use super::fs::{components, normalize, Tree};
use super::{Ctr, LogLine, Outside, Sandbox, LOG_LINES_MAX};
use crate::runtime::{ContainerId, RuntimeEvent, Traffic, TrafficKind};
use crate::shell::format_date;
use crate::shell::{Host, NetError, Proto, Request, Response, Service};
use crate::time::SimTime;

/// Events held between two drains; past this, log events are dropped
/// (the per-container log buffers still keep the lines).
pub const EVENTS_MAX: usize = 200_000;
/// Bytes of log lines held between two drains.
pub const EVENT_BYTES_MAX: usize = 32 * 1024 * 1024;
/// A log line longer than this is cut, as the kubelet splits long lines at 16 KiB.
pub const LOG_LINE_BYTES_MAX: usize = 16 * 1024;
const FORWARD_DEPTH_MAX: u8 = 4;

/// Where nginx writes its access log.
const NGINX_ACCESS_LOG: &str = "/var/log/nginx/access.log";

/// Where a path of a container lands.
pub(crate) enum Loc {
    Root(String),
    Vol { name: String, rel: String, read_only: bool },
}

pub(crate) struct CtrHost<'a> {
    pub sb: &'a mut Sandbox,
    pub ctr: String,
    pub now: SimTime,
    pub events: &'a mut Vec<RuntimeEvent>,
    pub outside: &'a mut Outside,
    /// Bytes of log lines in `events` since the last drain (bounded).
    pub event_bytes: &'a mut usize,
    /// Every other pod, reachable by its IP on the flat pod network.
    pub others: Option<&'a mut BTreeMap<String, Sandbox>>,
    /// The working directory of an interactive session's command
    /// (`kubectl exec -it`), against which relative paths resolve; `None`
    /// is the container's `/`.
    pub cwd: Option<String>,
}

/// Resolves a path of container `ctr` through its mounts (longest mount
/// path wins; `subPath` is prepended inside the volume).
pub(crate) fn resolve(ctr: &Ctr, path: &str) -> Loc {
    let comps = components(path);
    let mut best: Option<(usize, &super::Mount)> = None;
    for m in &ctr.mounts {
        let mc = components(&m.path);
        if comps.len() >= mc.len()
            && comps.iter().zip(mc.iter()).all(|(a, b)| a == b)
            && best.is_none_or(|(n, _)| mc.len() > n)
        {
            best = Some((mc.len(), m));
        }
    }
    match best {
        Some((n, m)) => {
            let mut rel: Vec<String> = components(&m.sub_path);
            rel.extend(comps.iter().skip(n).cloned());
            Loc::Vol { name: m.volume.clone(), rel: rel.join("/"), read_only: m.read_only }
        }
        None => Loc::Root(comps.join("/")),
    }
}

/// Fake but stable addresses for outside hosts.
fn outside_addr(host: &str) -> String {
    let h = crate::hash::fnv1a_32(host.as_bytes());
    format!("93.184.{}.{}", (h >> 8) % 256, h % 254 + 1)
}

fn is_ip(host: &str) -> bool {
    host.split('.').count() == 4 && host.split('.').all(|p| p.parse::<u8>().is_ok())
}

/// Answers a Redis inline command against a store.
pub(crate) fn redis_answer(store: &mut BTreeMap<String, String>, payload: &str) -> String {
    let words: Vec<&str> = payload.split_whitespace().collect();
    let cmd = words.first().map(|w| w.to_ascii_uppercase()).unwrap_or_default();
    let arg = |k: usize| words.get(k).copied().unwrap_or("");
    match cmd.as_str() {
        "" => String::new(),
        "PING" => "PONG".to_string(),
        "SET" if words.len() >= 3 && store.len() < 10_000 => {
            store.insert(arg(1).to_string(), words.get(2..).unwrap_or(&[]).join(" "));
            "OK".to_string()
        }
        "GET" => store.get(arg(1)).cloned().unwrap_or_default(),
        "INCR" | "DECR" => {
            if store.len() >= 10_000 && !store.contains_key(arg(1)) {
                return "ERR too many keys".to_string();
            }
            let v = store.entry(arg(1).to_string()).or_insert_with(|| "0".to_string());
            match v.parse::<i64>() {
                Ok(n) => {
                    let n = if cmd == "INCR" { n.saturating_add(1) } else { n.saturating_sub(1) };
                    *v = n.to_string();
                    n.to_string()
                }
                Err(_) => "ERR value is not an integer or out of range".to_string(),
            }
        }
        "DEL" => i32::from(store.remove(arg(1)).is_some()).to_string(),
        _ => format!("ERR unknown command '{}'", arg(0)),
    }
}

/// The namespace kinds `/proc/<pid>/ns` lists, in the kernel's order.
pub(crate) const NS_KINDS: [&str; 7] = ["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"];

/// `/proc/<pid>/uid_map` (and `gid_map`) as the kernel prints it (`%10u
/// %10u %10u`): the whole ID space in the host's user namespace, or the
/// pod's block of host IDs from inside its own (`hostUsers: false`).
pub(crate) fn id_map(base: Option<u32>) -> String {
    match base {
        Some(b) => format!("{:>10} {:>10} {:>10}\n", 0, b, super::sandbox::USERNS_IDS),
        None => format!("{:>10} {:>10} {:>10}\n", 0, 0, u32::MAX),
    }
}

impl CtrHost<'_> {
    /// The namespaces of the process `pid` as this container sees it
    /// (`None` for `self`): the pause process when the pid namespace is
    /// shared and `pid` is 1, else the container owning that PID.
    fn ns_of(&self, pid: Option<u32>) -> Option<[(&'static str, u64); 7]> {
        let sb = &*self.sb;
        let ctr_ns = |c: &Ctr| {
            [
                ("cgroup", c.cgroup_ns),
                ("ipc", sb.ipc_ns),
                ("mnt", c.mnt_ns),
                ("net", sb.net_ns),
                ("pid", c.pid_ns),
                ("user", sb.user_ns),
                ("uts", sb.uts_ns),
            ]
        };
        match pid {
            Some(1) if sb.share_pid => Some([
                ("cgroup", sb.pause_ns[2]),
                ("ipc", sb.ipc_ns),
                ("mnt", sb.pause_ns[0]),
                ("net", sb.net_ns),
                ("pid", sb.pause_ns[1]),
                ("user", sb.user_ns),
                ("uts", sb.uts_ns),
            ]),
            Some(n) if sb.share_pid => {
                let owner = sb
                    .containers
                    .values()
                    .find(|c| c.process.as_ref().is_some_and(|p| p.processes().iter().any(|(pid, _)| *pid == n)));
                owner.or_else(|| self.me()).map(ctr_ns)
            }
            _ => self.me().map(ctr_ns),
        }
    }

    /// Reads under `/proc`: `ns/<kind>` links and `cmdline`.
    fn proc_read(&self, comps: &[String]) -> Option<Result<String, String>> {
        if comps.first().map(String::as_str) != Some("proc") {
            return None;
        }
        let pid = match comps.get(1).map(String::as_str) {
            Some("self") => None,
            Some(n) => match n.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => return Some(Err("No such file or directory".into())),
            },
            None => return Some(Err("Is a directory".into())),
        };
        match (comps.get(2).map(String::as_str), comps.get(3).map(String::as_str)) {
            (Some("ns"), Some(kind)) => {
                let ns = self.ns_of(pid)?;
                Some(
                    ns.iter()
                        .find(|(k, _)| *k == kind)
                        .map(|(k, v)| format!("{k}:[{v}]"))
                        .ok_or_else(|| "No such file or directory".to_string()),
                )
            }
            (Some("cmdline"), None) => Some(Ok(self.me().map(|c| c.argv.join("\0")).unwrap_or_default())),
            (Some("uid_map" | "gid_map"), None) => Some(Ok(id_map(self.sb.id_base))),
            (Some("ns") | None, None) => Some(Err("Is a directory".into())),
            _ => Some(Err("No such file or directory".into())),
        }
    }

    fn me(&self) -> Option<&Ctr> {
        self.sb.containers.get(&self.ctr)
    }

    fn id(&self, container: &str) -> ContainerId {
        ContainerId { pod_uid: self.sb.uid.clone(), container: container.to_string() }
    }

    fn traffic(&mut self, kind: TrafficKind, from: &str, to: &str, detail: String) {
        if self.events.len() >= EVENTS_MAX {
            return;
        }
        self.events.push(RuntimeEvent::Traffic(Traffic {
            at: self.now,
            pod_uid: self.sb.uid.clone(),
            kind,
            from: from.to_string(),
            to: to.to_string(),
            detail,
        }));
    }

    /// Appends a line to another container's log (server access logs).
    pub(crate) fn log_for(&mut self, container: &str, line: &str) {
        let mut cut = line.len().min(LOG_LINE_BYTES_MAX);
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let line = line.get(..cut).unwrap_or("");
        let id = self.id(container);
        let at = self.now;
        if let Some(c) = self.sb.containers.get_mut(container) {
            push_log(&mut c.logs, at, line);
        }
        if self.events.len() < EVENTS_MAX && *self.event_bytes < EVENT_BYTES_MAX {
            *self.event_bytes += line.len() + 64;
            self.events.push(RuntimeEvent::Log { id, at, line: line.to_string() });
        }
    }

    /// A path as the shell means it: relative ones from the working directory.
    fn abs(&self, path: &str) -> String {
        match &self.cwd {
            Some(cwd) if !path.starts_with('/') => format!("{cwd}/{path}"),
            _ => path.to_string(),
        }
    }

    fn loc(&self, path: &str) -> Option<Loc> {
        self.me().map(|c| resolve(c, path))
    }

    fn tree(&self, loc: &Loc) -> Option<&Tree> {
        match loc {
            Loc::Root(_) => self.me().map(|c| &c.rootfs),
            Loc::Vol { name, .. } => self.sb.volumes.get(name).map(|v| &v.tree),
        }
    }

    fn rel(loc: &Loc) -> &str {
        match loc {
            Loc::Root(r) => r,
            Loc::Vol { rel, .. } => rel,
        }
    }

    fn note_read(&mut self, loc: &Loc, path: &str) {
        if let Loc::Vol { name, .. } = loc {
            let (name, me) = (name.clone(), self.ctr.clone());
            self.traffic(TrafficKind::VolumeRead, &name, &me, normalize(path));
        }
    }

    /// Reads a file as container `owner` sees it (an HTTP server's docroot).
    fn read_as(&mut self, owner: &str, path: &str) -> Result<String, &'static str> {
        let Some(c) = self.sb.containers.get(owner) else { return Err("No such file or directory") };
        let loc = resolve(c, path);
        let result = match &loc {
            Loc::Root(rel) => c.rootfs.read(rel).map(str::to_string),
            Loc::Vol { name, rel, .. } => {
                self.sb.volumes.get(name).ok_or("No such file or directory")?.tree.read(rel).map(str::to_string)
            }
        };
        if let (Ok(_), Loc::Vol { name, .. }) = (&result, &loc) {
            let name = name.clone();
            self.traffic(TrafficKind::VolumeRead, &name, owner, normalize(path));
        }
        result
    }

    fn serve(
        &mut self,
        owner: &str,
        service: Service,
        req: &Request,
        client_ip: &str,
        depth: u8,
    ) -> Result<Response, NetError> {
        let addr = if client_ip == "127.0.0.1" { "127.0.0.1".to_string() } else { self.sb.pod_ip.clone() };
        match service {
            Service::Http { server, docroot } => {
                let Proto::Http { path } = &req.proto else {
                    return Ok(Response { status: 0, body: String::new(), addr });
                };
                let clean = path.split('?').next().unwrap_or("/");
                let mut file = format!("{}/{}", docroot.trim_end_matches('/'), clean.trim_start_matches('/'));
                let is_dir = self.sb.containers.get(owner).is_some_and(|c| match resolve(c, &file) {
                    Loc::Root(rel) => c.rootfs.is_dir(&rel),
                    Loc::Vol { name, rel, .. } => self.sb.volumes.get(&name).is_some_and(|v| v.tree.is_dir(&rel)),
                });
                if clean.ends_with('/') || is_dir {
                    file = format!("{}/index.html", file.trim_end_matches('/'));
                }
                let (status, body) = match self.read_as(owner, &file) {
                    Ok(text) => (200, text),
                    Err(_) if server.starts_with("nginx") => (404, "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.29.0</center>\r\n</body>\r\n</html>\r\n".to_string()),
                    Err(_) => (404, "<!DOCTYPE HTML>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n".to_string()),
                };
                if server.starts_with("nginx") {
                    let stamp = format_date(self.now, Some("%d/%b/%Y:%H:%M:%S +0000"));
                    let line = format!(
                        "{client_ip} - - [{stamp}] \"GET {path} HTTP/1.1\" {status} {} \"-\" \"{}\" \"-\"",
                        body.len(),
                        req.agent
                    );
                    // The official image links access.log to stdout; a volume
                    // mounted over /var/log/nginx hides the link, so nginx
                    // writes a real file there (what a log sidecar tails).
                    let on_volume = self
                        .sb
                        .containers
                        .get(owner)
                        .is_some_and(|c| matches!(resolve(c, NGINX_ACCESS_LOG), Loc::Vol { .. }));
                    if on_volume {
                        let me = std::mem::replace(&mut self.ctr, owner.to_string());
                        let _ = self.write(NGINX_ACCESS_LOG, &format!("{line}\n"), true);
                        self.ctr = me;
                    } else {
                        self.log_for(owner, &line);
                    }
                }
                Ok(Response { status, body, addr })
            }
            Service::Redis => {
                let port = req.port;
                let body = match &req.proto {
                    Proto::Line { payload } => {
                        let store = self.sb.redis.entry(port).or_default();
                        let answer = redis_answer(store, payload);
                        // Raw clients (`nc`) see the wire protocol; redis-cli prints the value.
                        if req.agent == "nc" {
                            resp_frame(&answer)
                        } else {
                            answer
                        }
                    }
                    Proto::Http { .. } => "-ERR wrong protocol".to_string(),
                    Proto::Connect => String::new(),
                };
                Ok(Response { status: 0, body, addr })
            }
            Service::Forward { host, port } => {
                if depth >= FORWARD_DEPTH_MAX {
                    return Err(NetError::Refused { addr });
                }
                let fwd = Request { host, port, proto: req.proto.clone(), agent: req.agent.clone() };
                self.route(owner, &fwd, depth + 1)
            }
            Service::Listener => Ok(Response { status: 0, body: String::new(), addr }),
        }
    }

    /// Sends a request from container `from` (or `kubelet`/`outside`).
    pub(crate) fn route(&mut self, from: &str, req: &Request, depth: u8) -> Result<Response, NetError> {
        let h = req.host.as_str();
        let local = matches!(h, "localhost" | "127.0.0.1" | "::1" | "0.0.0.0" | "[::1]");
        let pod = h == self.sb.pod_ip || h == self.sb.hostname || h == self.sb.name;
        let detail = match &req.proto {
            Proto::Http { path } => format!("{h}:{} GET {path}", req.port),
            Proto::Line { payload } => format!("{h}:{} {}", req.port, payload.chars().take(60).collect::<String>()),
            Proto::Connect => format!("{h}:{}", req.port),
        };
        if local || pod {
            let addr = if local { "127.0.0.1".to_string() } else { self.sb.pod_ip.clone() };
            let Some((owner, service)) = self.sb.ports.get(&req.port).cloned() else {
                let kind = if local { TrafficKind::Localhost } else { TrafficKind::PodNetwork };
                self.traffic(kind, from, "(nobody)", format!("{detail} — connection refused"));
                return Err(NetError::Refused { addr });
            };
            let kind = if from == "kubelet" {
                TrafficKind::Probe
            } else if local {
                TrafficKind::Localhost
            } else {
                TrafficKind::PodNetwork
            };
            self.traffic(kind, from, &owner, detail);
            let client = if local {
                "127.0.0.1".to_string()
            } else if from == "outside" || from == "kubelet" {
                "10.244.0.1".to_string()
            } else {
                self.sb.pod_ip.clone()
            };
            return self.serve(&owner, service, req, &client, depth);
        }
        // Another pod's IP: the flat pod network reaches it directly.
        let target_name = self.others.as_ref().and_then(|o| o.values().find(|s| s.pod_ip == h).map(|s| s.name.clone()));
        if let Some(target_name) = target_name {
            let me = format!("pod/{}/{from}", self.sb.name);
            let src_ip = self.sb.pod_ip.clone();
            self.traffic(TrafficKind::PodNetwork, from, &format!("pod/{target_name}"), detail.clone());
            let target = self.others.as_deref_mut().and_then(|o| o.values_mut().find(|s| s.pod_ip == h));
            let Some(target) = target else { return Err(NetError::Refused { addr: h.to_string() }) };
            let mut th = CtrHost {
                cwd: None,
                sb: target,
                ctr: String::new(),
                now: self.now,
                events: &mut *self.events,
                outside: &mut *self.outside,
                event_bytes: &mut *self.event_bytes,
                others: None,
            };
            let Some((owner, service)) = th.sb.ports.get(&req.port).cloned() else {
                th.traffic(TrafficKind::PodNetwork, &me, "(nobody)", format!("{detail} — connection refused"));
                return Err(NetError::Refused { addr: h.to_string() });
            };
            th.traffic(TrafficKind::PodNetwork, &me, &owner, detail);
            return th.serve(&owner, service, req, &src_ip, depth);
        }
        let bad = !h.contains('.')
            || h.ends_with(".local")
            || h.ends_with(".svc")
            || h.ends_with(".invalid")
            || h.ends_with(".internal")
            || (is_ip(h) && (h.starts_with("10.") || h.starts_with("192.168.") || h.starts_with("172.")));
        if bad && !is_ip(h) {
            return Err(NetError::BadAddress);
        }
        if bad {
            return Err(NetError::Refused { addr: h.to_string() });
        }
        let addr = if is_ip(h) { h.to_string() } else { outside_addr(h) };
        self.traffic(TrafficKind::External, from, h, detail);
        let body = match &req.proto {
            Proto::Line { payload } if req.port == 6379 => {
                let store = self.outside.redis.entry(h.to_string()).or_default();
                redis_answer(store, payload)
            }
            Proto::Line { .. } => "OK".to_string(),
            Proto::Connect => String::new(),
            Proto::Http { .. } => format!("<!doctype html>\n<html>\n<head><title>{h}</title></head>\n<body><h1>{h}</h1><p>Answered by the simulated outside world.</p></body>\n</html>\n"),
        };
        Ok(Response { status: if matches!(req.proto, Proto::Http { .. }) { 200 } else { 0 }, body, addr })
    }
}

/// A Redis answer as RESP shows it on the wire (`+PONG`, `:3`, `-ERR …`, `$1`).
fn resp_frame(answer: &str) -> String {
    if answer.starts_with("ERR") {
        format!("-{answer}")
    } else if answer == "PONG" || answer == "OK" {
        format!("+{answer}")
    } else if answer.parse::<i64>().is_ok() {
        format!(":{answer}")
    } else if answer.is_empty() {
        "$-1".to_string()
    } else {
        format!("${}\n{answer}", answer.len())
    }
}

pub(crate) fn push_log(ring: &mut std::collections::VecDeque<LogLine>, at: SimTime, line: &str) {
    if ring.len() >= LOG_LINES_MAX {
        ring.pop_front();
    }
    ring.push_back(LogLine { at, line: line.to_string() });
}

impl Host for CtrHost<'_> {
    fn now(&self) -> SimTime {
        self.now
    }

    fn hostname(&self) -> String {
        self.sb.hostname.clone()
    }

    fn declared_ports(&self) -> Vec<u16> {
        self.sb.containers.get(&self.ctr).map(|c| c.declared_ports.clone()).unwrap_or_default()
    }

    fn read(&mut self, path: &str) -> Result<String, String> {
        let path = &self.abs(path);
        if let Some(r) = self.proc_read(&components(path)) {
            return r;
        }
        let Some(loc) = self.loc(path) else { return Err("No such file or directory".into()) };
        let result = self
            .tree(&loc)
            .ok_or("No such file or directory")?
            .read(Self::rel(&loc))
            .map(str::to_string)
            .map_err(str::to_string);
        if result.is_ok() {
            self.note_read(&loc, path);
        }
        result
    }

    fn read_from(&mut self, path: &str, offset: usize) -> Result<String, String> {
        let path = &self.abs(path);
        let Some(loc) = self.loc(path) else { return Err("No such file or directory".into()) };
        let result = self
            .tree(&loc)
            .ok_or("No such file or directory")?
            .read_from(Self::rel(&loc), offset)
            .map_err(str::to_string);
        if result.is_ok() {
            self.note_read(&loc, path);
        }
        result
    }

    fn write(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        let path = &self.abs(path);
        let Some(loc) = self.loc(path) else { return Err("No such file or directory".into()) };
        let shown = normalize(path);
        let result = match &loc {
            Loc::Root(rel) if rel == "proc" || rel.starts_with("proc/") => Err("No such file or directory"),
            Loc::Root(rel) => match self.sb.containers.get_mut(&self.ctr) {
                Some(c) => c.rootfs.write(rel, data, append, None),
                None => Err("No such file or directory"),
            },
            Loc::Vol { name, rel, read_only } => {
                let Some(v) = self.sb.volumes.get_mut(name) else { return Err("No such file or directory".into()) };
                if *read_only || v.read_only {
                    Err("Read-only file system")
                } else {
                    let cap = if v.memory { v.size_limit.map(|l| l.min(usize::MAX as u64) as usize) } else { None };
                    let r = v.tree.write(rel, data, append, cap);
                    if r.is_ok() && !v.memory {
                        if let Some(limit) = v.size_limit {
                            if v.tree.bytes() as u64 > limit && !v.over_limit {
                                v.over_limit = true;
                                // Follows pkg/kubelet/eviction/helpers.go emptyDirMessageFmt.
                                let note = format!(
                                    "Usage of EmptyDir volume \"{}\" exceeds the limit \"{}\".",
                                    v.name, v.size_limit_text
                                );
                                self.sb.evictions.push(note);
                            }
                        }
                    }
                    r
                }
            }
        };
        self.sb.fs_version = self.sb.fs_version.wrapping_add(1);
        if result.is_ok() {
            if let Loc::Vol { name, .. } = &loc {
                let (name, me) = (name.clone(), self.ctr.clone());
                if !data.is_empty() || !append {
                    self.traffic(TrafficKind::VolumeWrite, &me, &name, shown);
                }
            }
        }
        result.map_err(str::to_string)
    }

    fn file_len(&self, path: &str) -> Option<usize> {
        let path = &self.abs(path);
        let loc = self.loc(path)?;
        self.tree(&loc)?.file_len(Self::rel(&loc))
    }

    fn is_dir(&self, path: &str) -> bool {
        let path = &self.abs(path);
        let comps = components(path);
        if comps.first().map(String::as_str) == Some("proc") {
            return comps.len() <= 2 || (comps.len() == 3 && comps.get(2).map(String::as_str) == Some("ns"));
        }
        self.loc(path).is_some_and(|loc| self.tree(&loc).is_some_and(|t| t.is_dir(Self::rel(&loc))))
    }

    fn list(&self, path: &str) -> Result<Vec<String>, String> {
        let path = &self.abs(path);
        let comps = components(path);
        if comps.first().map(String::as_str) == Some("proc") {
            match comps.len() {
                1 => return Ok(vec!["1".to_string(), "self".to_string()]),
                2 => return Ok(vec!["cmdline".to_string(), "ns".to_string()]),
                3 if comps.get(2).map(String::as_str) == Some("ns") => {
                    return Ok(NS_KINDS.iter().map(|k| k.to_string()).collect());
                }
                _ => return Err("No such file or directory".into()),
            }
        }
        let Some(loc) = self.loc(path) else { return Err("No such file or directory".into()) };
        let mut names =
            self.tree(&loc).ok_or("No such file or directory")?.list(Self::rel(&loc)).map_err(str::to_string)?;
        // Mount points appear as directories of their parent.
        if let Some(me) = self.me() {
            let here = components(path);
            for m in &me.mounts {
                let mc = components(&m.path);
                if mc.len() == here.len() + 1 && mc.iter().zip(here.iter()).all(|(a, b)| a == b) {
                    if let Some(last) = mc.last() {
                        if !names.contains(last) {
                            names.push(last.clone());
                        }
                    }
                }
            }
        }
        names.sort();
        Ok(names)
    }

    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), String> {
        let path = &self.abs(path);
        let Some(loc) = self.loc(path) else { return Err("No such file or directory".into()) };
        self.sb.fs_version = self.sb.fs_version.wrapping_add(1);
        match loc {
            Loc::Root(rel) => match self.sb.containers.get_mut(&self.ctr) {
                Some(c) => c.rootfs.mkdir(&rel, parents).map_err(str::to_string),
                None => Err("No such file or directory".into()),
            },
            Loc::Vol { name, rel, read_only } => match self.sb.volumes.get_mut(&name) {
                Some(v) if read_only || v.read_only => Err("Read-only file system".into()),
                Some(v) => v.tree.mkdir(&rel, parents).map_err(str::to_string),
                None => Err("No such file or directory".into()),
            },
        }
    }

    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), String> {
        let path = &self.abs(path);
        let Some(loc) = self.loc(path) else { return Err("No such file or directory".into()) };
        self.sb.fs_version = self.sb.fs_version.wrapping_add(1);
        match loc {
            Loc::Root(rel) => match self.sb.containers.get_mut(&self.ctr) {
                Some(c) => c.rootfs.remove(&rel, recursive).map_err(str::to_string),
                None => Err("No such file or directory".into()),
            },
            Loc::Vol { name, rel, read_only } => match self.sb.volumes.get_mut(&name) {
                Some(v) if read_only || v.read_only => Err("Read-only file system".into()),
                Some(v) if rel.is_empty() => {
                    let _ = v;
                    Err("Device or resource busy".into())
                }
                Some(v) => v.tree.remove(&rel, recursive).map_err(str::to_string),
                None => Err("No such file or directory".into()),
            },
        }
    }

    fn fs_version(&self) -> u64 {
        self.sb.fs_version
    }

    fn ps(&self, own: &[(u32, String)]) -> Vec<String> {
        let mut procs: Vec<(u32, String)> = own.to_vec();
        if self.sb.share_pid {
            procs.push((1, "/pause".to_string()));
        }
        let my_pid_ns = self.sb.containers.get(&self.ctr).map(|c| c.pid_ns);
        for (name, c) in &self.sb.containers {
            // Its own container, a shared pod namespace, or a container in the
            // same pid namespace (an ephemeral container and its target).
            if *name == self.ctr || self.sb.share_pid || Some(c.pid_ns) == my_pid_ns {
                // The program running right now is taken out and passed as `own`;
                // an `exec` sees its container's main process here.
                if let Some(p) = &c.process {
                    procs.extend(p.processes());
                }
            }
        }
        procs.sort();
        procs.dedup_by_key(|p| p.0);
        let mut lines = vec!["PID   USER     TIME  COMMAND".to_string()];
        lines.extend(procs.iter().map(|(pid, cmd)| format!("{pid:>5} root      0:00 {cmd}")));
        lines
    }

    fn request(&mut self, req: &Request) -> Result<Response, NetError> {
        let me = self.ctr.clone();
        self.route(&me, req, 0)
    }

    fn listen(&mut self, port: u16, service: Service) -> bool {
        match self.sb.ports.get(&port) {
            Some((owner, _)) if *owner != self.ctr => false,
            _ => {
                self.sb.ports.insert(port, (self.ctr.clone(), service));
                true
            }
        }
    }

    fn set_extra_memory(&mut self, bytes: u64) {
        if let Some(c) = self.sb.containers.get_mut(&self.ctr) {
            c.extra_memory_bytes = bytes;
        }
    }

    fn set_cpu(&mut self, millicores: u64) {
        if let Some(c) = self.sb.containers.get_mut(&self.ctr) {
            c.cpu_millicores = millicores;
        }
    }

    fn cwd(&self) -> String {
        self.cwd.clone().unwrap_or_else(|| "/".to_string())
    }

    fn next_pid(&mut self) -> u32 {
        if self.sb.share_pid {
            self.sb.next_shared_pid = self.sb.next_shared_pid.saturating_add(1);
            return self.sb.next_shared_pid;
        }
        match self.sb.containers.get_mut(&self.ctr) {
            Some(c) => {
                c.next_pid = c.next_pid.saturating_add(1);
                c.next_pid
            }
            None => 1,
        }
    }

    fn explain(&mut self, text: crate::text::Text) {
        if let Some(c) = self.sb.containers.get_mut(&self.ctr) {
            c.explain = Some(text);
        }
    }

    fn log(&mut self, line: &str, _stderr: bool) {
        let me = self.ctr.clone();
        self.log_for(&me, line);
    }
}
