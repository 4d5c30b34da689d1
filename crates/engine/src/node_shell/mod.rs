//! A shell on a simulated node, as learners `ssh node01` on Killercoda:
//! `ssh worker-1` in the terminal opens a BusyBox-style shell on that node
//! (its own files, `/etc/kubernetes/manifests`, the kubelet's config, the
//! runtime's `crictl`, `lsns` and `/proc/<pid>/ns`), and `exit` returns to
//! kubectl. The open shell is part of the [`Playground`], so replaying the
//! terminal's lines replays it.
//!
//! Layers: `files` (what a node's disk holds at first), `procs` (the
//! node's process table and namespaces: `ps`, `lsns`, `/proc`), `crictl`,
//! `tools` (`systemctl`, `journalctl`), `host` (the [`crate::shell::Host`]
//! the shell runs in), `static_pods` (the kubelet's file source) and this
//! file (sessions and the line loop).

mod complete;
mod control_plane;
mod crictl;
mod files;
mod host;
mod procs;
mod static_pods;
mod tools;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::internals::fs::{components, Tree};
use crate::kubectl::{run_with, CommandOutput, Context, Playground};
use crate::shell::{self, Process, STEPS_PER_WAKE};
use crate::text::Text;

pub(crate) use complete::complete;
pub(crate) use static_pods::{
    boot_control_plane, place as place_static_pod, retry as retry_static_pods, StaticPodFiles,
};

/// Kubelet log lines a node keeps (`journalctl -u kubelet`).
const JOURNAL_LINES_MAX: usize = 200;
/// Shells one may open inside another (`ssh` from a node).
const SESSIONS_MAX: usize = 8;
/// Bytes of a here-document being typed before the shell gives up on it.
const PENDING_BYTES_MAX: usize = 64 * 1024;

/// One open shell on a node.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Session {
    node: String,
    cwd: String,
    /// Lines of a command whose here-document is still open.
    pending: String,
}

/// Every node's disk and kubelet journal, and the open shells.
#[derive(Clone, Debug, Default)]
pub struct NodeShells {
    disks: BTreeMap<String, Tree>,
    journals: BTreeMap<String, Vec<String>>,
    sessions: Vec<Session>,
    pub(crate) static_pods: StaticPodFiles,
}

impl NodeShells {
    /// The prompt of the open node shell (`root@worker-1:~# `, or `> ` while
    /// a here-document is being typed), `None` when the terminal runs kubectl.
    pub fn prompt(&self) -> Option<String> {
        let s = self.sessions.last()?;
        if !s.pending.is_empty() {
            return Some("> ".to_string());
        }
        let dir = if s.cwd == "/root" {
            "~".to_string()
        } else if let Some(rest) = s.cwd.strip_prefix("/root/") {
            format!("~/{rest}")
        } else {
            s.cwd.clone()
        };
        Some(format!("root@{}:{dir}# ", s.node))
    }

    /// The node whose shell is open.
    pub fn node(&self) -> Option<&str> {
        self.sessions.last().map(|s| s.node.as_str())
    }

    /// A node's disk, made on first use.
    pub(crate) fn disk(&mut self, node: &str, control_plane: bool) -> &mut Tree {
        self.disks.entry(node.to_string()).or_insert_with(|| files::node_disk(node, control_plane))
    }

    /// Adds a line to a node's kubelet journal.
    pub(crate) fn journal(&mut self, node: &str, line: String) {
        let j = self.journals.entry(node.to_string()).or_default();
        if j.len() >= JOURNAL_LINES_MAX {
            j.remove(0);
        }
        j.push(line);
    }
}

/// Runs a terminal line when it belongs to a node shell (one is open, or
/// the line is `ssh …`); `None` leaves it to kubectl.
pub(crate) fn run(pg: &mut Playground, line: &str, ctx: &Context) -> Option<CommandOutput> {
    if pg.node_shells.sessions.is_empty() {
        let words = crate::kubectl::lex::split(line).ok()?;
        if words.first().map(String::as_str) != Some("ssh") {
            return None;
        }
        return Some(ssh(pg, words.get(1..).unwrap_or(&[]), ctx));
    }
    Some(in_session(pg, line, ctx))
}

/// `ssh [user@]NODE [COMMAND…]`: opens a shell on the node, or runs one command there.
fn ssh(pg: &mut Playground, args: &[String], ctx: &Context) -> CommandOutput {
    let mut rest = args.iter().skip_while(|a| a.starts_with('-'));
    let Some(dest) = rest.next() else {
        return CommandOutput { stderr: SSH_USAGE.to_string(), exit_code: 255, ..CommandOutput::default() };
    };
    let host = dest.rsplit('@').next().unwrap_or(dest);
    let known = pg.cluster.nodes().iter().any(|n| n.name == host);
    if !known {
        let shown: String = host.chars().take(64).collect();
        return CommandOutput {
            stderr: format!("ssh: Could not resolve hostname {shown}: Name or service not known\n"),
            exit_code: 255,
            explain: Some(Text::new(
                format!("`{shown}` 노드가 없습니다. `kubectl get nodes`로 노드 이름을 확인하고 `ssh worker-1`처럼 접속하세요."),
                format!("There is no node named {shown}. See `kubectl get nodes` for the names, then connect with `ssh worker-1`."),
            )),
            ..CommandOutput::default()
        };
    }
    if pg.node_shells.sessions.len() >= SESSIONS_MAX {
        return CommandOutput::error("ssh: too many nested sessions", None);
    }
    pg.node_shells.sessions.push(Session { node: host.to_string(), cwd: "/root".into(), pending: String::new() });
    let command: Vec<String> = rest.cloned().collect();
    if !command.is_empty() {
        // `ssh NODE CMD…` runs one command and comes back.
        let out = in_session(pg, &command.join(" "), ctx);
        pg.node_shells.sessions.pop();
        return out;
    }
    CommandOutput {
        explain: Some(Text::new(
            format!("{host} 노드의 셸에 접속했습니다. 이제 이 터미널의 명령은 노드에서 실행됩니다(crictl, ls /etc/kubernetes/manifests 등). `exit`로 kubectl 터미널로 돌아옵니다."),
            format!("You are now in a shell on node {host}: commands run on the node (crictl, ls /etc/kubernetes/manifests, …). `exit` returns to the kubectl terminal."),
        )),
        ..CommandOutput::default()
    }
}

/// OpenSSH's usage text (`ssh` with no destination).
const SSH_USAGE: &str = "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
";

/// One line typed in the open node shell.
fn in_session(pg: &mut Playground, line: &str, ctx: &Context) -> CommandOutput {
    let Some(session) = pg.node_shells.sessions.last_mut() else { return CommandOutput::default() };
    if !session.pending.is_empty() {
        if session.pending.len() + line.len() > PENDING_BYTES_MAX {
            session.pending.clear();
            return CommandOutput::error("sh: here-document too long", None);
        }
        session.pending.push_str(line);
        session.pending.push('\n');
        if shell::heredoc_open(&session.pending) {
            return CommandOutput::default();
        }
        let script = std::mem::take(&mut session.pending);
        return run_script(pg, &script);
    }
    let words = crate::kubectl::lex::split(line).unwrap_or_default();
    match words.first().map(String::as_str) {
        None => return CommandOutput::default(),
        Some("exit" | "logout") if words.len() <= 2 => return exit(pg),
        Some("cd") if words.len() <= 2 && !line.contains([';', '&', '|']) => {
            return cd(pg, words.get(1).map(String::as_str))
        }
        Some("ssh") => return ssh(pg, words.get(1..).unwrap_or(&[]), ctx),
        Some("kubectl" | "k") if !line.contains(['|', ';', '>']) => return kubectl_on_node(pg, line, ctx),
        _ => {}
    }
    let text = format!("{line}\n");
    if shell::heredoc_open(&text) {
        if let Some(s) = pg.node_shells.sessions.last_mut() {
            s.pending = text;
        }
        return CommandOutput::default();
    }
    run_script(pg, &text)
}

/// `exit`: back to the previous shell, or to kubectl.
fn exit(pg: &mut Playground) -> CommandOutput {
    let Some(s) = pg.node_shells.sessions.pop() else { return CommandOutput::default() };
    CommandOutput {
        stdout: "logout\n".to_string(),
        stderr: format!("Connection to {} closed.\n", s.node),
        ..CommandOutput::default()
    }
}

/// `cd DIR` (the shell keeps its directory between lines).
fn cd(pg: &mut Playground, dir: Option<&str>) -> CommandOutput {
    let (node, cwd) = match pg.node_shells.sessions.last() {
        Some(s) => (s.node.clone(), s.cwd.clone()),
        None => return CommandOutput::default(),
    };
    let target = match dir {
        None | Some("~") => "/root".to_string(),
        Some(d) if d.starts_with('/') => format!("/{}", components(d).join("/")),
        Some(d) => format!("/{}", components(&format!("{cwd}/{}", d.replacen('~', "/root", 1))).join("/")),
    };
    let cp = is_control_plane(pg, &node);
    let rel = target.trim_start_matches('/').to_string();
    if !pg.node_shells.disk(&node, cp).is_dir(&rel) && !target.starts_with("/proc") {
        return CommandOutput {
            stderr: format!("sh: cd: can't cd to {}: No such file or directory\n", dir.unwrap_or("")),
            exit_code: 2,
            ..CommandOutput::default()
        };
    }
    if let Some(s) = pg.node_shells.sessions.last_mut() {
        s.cwd = target;
    }
    CommandOutput::default()
}

/// kubectl on a node: the control plane has the admin kubeconfig, a
/// worker has none and falls back to localhost:8080, as kubectl does.
fn kubectl_on_node(pg: &mut Playground, line: &str, ctx: &Context) -> CommandOutput {
    let node = pg.node_shells.node().unwrap_or("").to_string();
    if is_control_plane(pg, &node) {
        return run_with(pg, line, ctx);
    }
    CommandOutput {
        stderr: "E0101 00:00:00.000000    2291 memcache.go:265] \"Unhandled Error\" err=\"couldn't get current server API group list: Get \\\"http://localhost:8080/api?timeout=32s\\\": dial tcp 127.0.0.1:8080: connect: connection refused\"\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?\n".to_string(),
        exit_code: 1,
        explain: Some(Text::new(
            format!("{node} 노드에는 kubeconfig가 없어 kubectl이 기본값인 localhost:8080에 접속하려다 실패했습니다. `exit`로 나가서 kubectl 터미널에서 실행하세요."),
            format!("Node {node} has no kubeconfig, so kubectl tries its default localhost:8080 and fails. `exit` and run it in the kubectl terminal."),
        )),
        ..CommandOutput::default()
    }
}

pub(crate) fn is_control_plane(pg: &Playground, node: &str) -> bool {
    pg.cluster.control_plane_nodes().iter().any(|(name, _)| name == node)
}

/// Runs a script in the open node shell, then lets the node's kubelet see
/// what changed in its manifest directory.
fn run_script(pg: &mut Playground, script_text: &str) -> CommandOutput {
    let Some(session) = pg.node_shells.sessions.last().cloned() else { return CommandOutput::default() };
    let script = match shell::parse(script_text) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            return CommandOutput {
                stderr: format!("sh: {}\n", e.message),
                exit_code: 2,
                explain: Some(e.explain),
                ..CommandOutput::default()
            }
        }
    };
    let cp = is_control_plane(pg, &session.node);
    let now = pg.cluster.now();
    let sandboxes = pg.cluster.runtime().node_sandboxes(&session.node);
    let journal = pg.node_shells.journals.get(&session.node).cloned().unwrap_or_default();
    let mut env = BTreeMap::new();
    env.insert("HOME".to_string(), "/root".to_string());
    env.insert("PATH".to_string(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string());
    env.insert("PWD".to_string(), session.cwd.clone());
    env.insert("USER".to_string(), "root".to_string());
    env.insert("HOSTNAME".to_string(), session.node.clone());
    let disk = pg.node_shells.disk(&session.node, cp);
    let mut h = host::NodeHost::new(&session.node, &session.cwd, disk, &sandboxes, &journal, now);
    let pid = shell::Host::next_pid(&mut h);
    let mut p = Process::captured(script, env, pid, "-bash".to_string(), None);
    let mut budget = STEPS_PER_WAKE;
    p.run_to_end(now, &mut h, &mut budget);
    let exit_code = p.exit_code().unwrap_or(0);
    let (stdout, stderr) = p.take_captured();
    let explain = h.take_explain();
    static_pods::sync(pg, &session.node);
    CommandOutput { stdout, stderr, exit_code, explain, ..CommandOutput::default() }
}
