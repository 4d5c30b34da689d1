//! Interactive shells in containers, as learners type them:
//! `kubectl exec -it POD -- sh`, `kubectl run -it … -- sh`,
//! `kubectl debug -it …` and `kubectl attach -it`. The open session is
//! [`Playground`] state (so replaying the terminal's lines replays it);
//! each line typed in it runs in the container the way
//! `kubectl exec POD -c C -- sh -c LINE` does (through [`Backend::exec`]),
//! the shell's working directory carries over between lines, and `exit`
//! returns to kubectl (or to the node shell kubectl was run from).
//!
//! The prompt is the image's shell's own: BusyBox `ash` shows the
//! directory (`/ # `), Debian's `dash` shows `# ` and `bash` shows
//! `root@HOSTNAME:DIR# `.

use std::fmt::Write as _;

use super::backend::{Backend, SessionEnd as OnExit, StatusError};
use super::{CommandOutput, Playground};
use crate::internals::fs::components;
use crate::text::Text;

/// Sessions one may open inside another (`kubectl exec -it` from a node shell).
const SESSIONS_MAX: usize = 8;
/// Longest line a session passes to the container's shell.
const LINE_BYTES_MAX: usize = 64 * 1024;

/// Which shell answers in the container (its prompt and its builtins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// BusyBox `sh`/`ash` (busybox, alpine-based images).
    Ash,
    /// Debian's `/bin/sh` (dash).
    Dash,
    /// GNU bash (Debian- and Ubuntu-based images).
    Bash,
}

/// The shell `program` starts in a container of `image`, or `None` when
/// the image has no such program (BusyBox and Alpine images have no bash,
/// Debian images no `ash`).
pub(crate) fn flavour(image: &str, program: &str) -> Option<Flavour> {
    let base = program.rsplit('/').next().unwrap_or(program);
    let lower = image.to_ascii_lowercase();
    let busybox = lower.contains("busybox") || lower.contains("alpine") || lower.starts_with("curlimages/");
    match (busybox, base) {
        (true, "sh" | "ash") => Some(Flavour::Ash),
        (false, "sh") => Some(Flavour::Dash),
        (false, "bash") => Some(Flavour::Bash),
        _ => None,
    }
}

/// One open shell in a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Session {
    pub(crate) namespace: String,
    pub(crate) pod: String,
    pub(crate) container: String,
    pub(crate) program: String,
    pub(crate) flavour: Flavour,
    pub(crate) cwd: String,
    pub(crate) on_exit: OnExit,
}

/// The open container shells, innermost last.
#[derive(Clone, Debug, Default)]
pub struct ContainerSessions {
    open: Vec<Session>,
}

impl ContainerSessions {
    /// Whether a container shell has the terminal.
    pub(crate) fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    /// Opens a session (the last one opened has the terminal).
    pub(crate) fn push(&mut self, s: Session) -> Result<(), StatusError> {
        if self.open.len() >= SESSIONS_MAX {
            return Err(StatusError::client(
                "too many nested sessions",
                Text::new(
                    "셸 안에서 셸을 너무 많이 열었습니다. `exit`로 몇 개를 닫으세요.",
                    "Too many shells opened inside one another. Close some with `exit`.",
                ),
            ));
        }
        self.open.push(s);
        Ok(())
    }

    /// The shell's prompt, as the image's shell prints it.
    pub fn prompt(&self) -> Option<String> {
        let s = self.open.last()?;
        let dir = || {
            if s.cwd == "/root" {
                "~".to_string()
            } else if let Some(rest) = s.cwd.strip_prefix("/root/") {
                format!("~/{rest}")
            } else {
                s.cwd.clone()
            }
        };
        Some(match s.flavour {
            Flavour::Ash => format!("{} # ", dir()),
            Flavour::Dash => "# ".to_string(),
            Flavour::Bash => format!("root@{}:{}# ", s.pod, dir()),
        })
    }
}

/// Quotes a word for the container's shell.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Runs one line typed in the open container shell.
pub(crate) fn run_line(pg: &mut Playground, line: &str) -> CommandOutput {
    let Some(s) = pg.container_sessions.open.last().cloned() else { return CommandOutput::default() };
    let words = super::lex::split(line).unwrap_or_default();
    match words.first().map(String::as_str) {
        None => return CommandOutput::default(),
        Some("exit") if words.len() <= 2 && !line.contains([';', '&', '|']) => {
            let code = words.get(1).map_or(Some(0), |w| w.parse::<i32>().ok());
            return match code {
                Some(code) => exit(pg, code.rem_euclid(256)),
                None => shell_error(&s, &format!("exit: Illegal number: {}", words.get(1).map_or("", |w| w)), 2),
            };
        }
        Some("cd") if words.len() <= 2 && !line.contains([';', '&', '|', '>', '<']) => {
            return cd(pg, &s, words.get(1).map(String::as_str));
        }
        _ => {}
    }
    if line.len() > LINE_BYTES_MAX {
        return shell_error(&s, "line too long", 2);
    }
    let argv = vec![s.program.clone(), "-c".to_string(), line.to_string()];
    match pg.exec_at(&s.namespace, &s.pod, &s.container, &argv, Some(&s.cwd)) {
        Ok(r) => {
            CommandOutput { stdout: r.stdout, stderr: r.stderr, exit_code: r.exit_code, ..CommandOutput::default() }
        }
        Err(e) => lost(pg, e),
    }
}

/// A message from the container's shell (`sh: …`, `bash: …`).
fn shell_error(s: &Session, message: &str, code: i32) -> CommandOutput {
    let name = s.program.rsplit('/').next().unwrap_or(&s.program);
    CommandOutput { stderr: format!("{name}: {message}\n"), exit_code: code, ..CommandOutput::default() }
}

/// `cd [DIR]`: the shell keeps its directory between lines.
fn cd(pg: &mut Playground, s: &Session, dir: Option<&str>) -> CommandOutput {
    let target = match dir {
        None | Some("~") => "/root".to_string(),
        Some("-") => s.cwd.clone(),
        Some(d) if d.starts_with('/') => format!("/{}", components(d).join("/")),
        Some(d) => format!("/{}", components(&format!("{}/{}", s.cwd, d.replacen('~', "/root", 1))).join("/")),
    };
    let argv = vec![s.program.clone(), "-c".to_string(), format!("test -d {}", quote(&target))];
    match pg.exec_at(&s.namespace, &s.pod, &s.container, &argv, None) {
        Ok(r) if r.exit_code == 0 => {
            if let Some(open) = pg.container_sessions.open.last_mut() {
                open.cwd = target;
            }
            CommandOutput::default()
        }
        Ok(_) => {
            let shown = dir.unwrap_or("");
            // Each shell words it its own way (BusyBox ash, dash, bash).
            let (message, code) = match s.flavour {
                Flavour::Ash => (format!("sh: cd: can't cd to {shown}: No such file or directory\n"), 2),
                Flavour::Dash => (format!("sh: 1: cd: can't cd to {shown}\n"), 2),
                Flavour::Bash => (format!("bash: cd: {shown}: No such file or directory\n"), 1),
            };
            CommandOutput { stderr: message, exit_code: code, ..CommandOutput::default() }
        }
        Err(e) => lost(pg, e),
    }
}

/// The container went away under the session: kubectl ends with the
/// stream's error.
fn lost(pg: &mut Playground, e: StatusError) -> CommandOutput {
    pg.container_sessions.open.pop();
    let mut out = super::cmd::util::api_error(e);
    let explain = Text::new(
        "컨테이너가 더 이상 실행 중이 아니어서 셸 세션이 끝났습니다. kubectl 터미널로 돌아왔습니다.",
        "The container is no longer running, so the shell session ended. You are back at the kubectl terminal.",
    );
    out.explain = Some(out.explain.map_or(explain.clone(), |e| {
        Text::new(format!("{} {}", e.ko, explain.ko), format!("{} {}", e.en, explain.en))
    }));
    out
}

/// `exit [N]`: ends the session; kubectl reports a non-zero status, and
/// `run --rm` deletes the pod.
fn exit(pg: &mut Playground, code: i32) -> CommandOutput {
    let Some(s) = pg.container_sessions.open.pop() else { return CommandOutput::default() };
    let mut out = CommandOutput::default();
    match s.on_exit {
        OnExit::Nothing => {}
        OnExit::Resume => {
            // Follows staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go:
            // the hint after a session on a pod that restarts.
            let _ = writeln!(
                out.stdout,
                "Session ended, resume using 'kubectl attach {} -c {} -i -t' command when the pod is running",
                s.pod, s.container
            );
        }
        OnExit::Delete => {
            // Follows staging/src/k8s.io/kubectl/pkg/cmd/run/run.go
            // `removeCreatedObjects`: deleted through the delete printer.
            match Backend::delete_pod(pg, &s.namespace, &s.pod, None) {
                Ok(()) => {
                    let _ = writeln!(out.stdout, "pod \"{}\" deleted from {} namespace", s.pod, s.namespace);
                    out.changed.push(super::ObjectChange {
                        kind: "Pod".into(),
                        namespace: s.namespace.clone(),
                        name: s.pod.clone(),
                        action: super::ChangeAction::Deleted,
                    });
                }
                Err(e) => {
                    let e = super::cmd::util::api_error(e);
                    out.stderr.push_str(&e.stderr);
                }
            }
        }
    }
    if code != 0 {
        if s.on_exit == OnExit::Nothing {
            // exec.go: the remote command's status becomes kubectl's.
            let _ = writeln!(out.stderr, "command terminated with exit code {code}");
        }
        out.exit_code = code;
    }
    out
}

/// Opens a shell in a running container (the [`Backend::open_session`] of
/// the playground): it starts where the container's processes start.
pub(crate) fn open(
    pg: &mut Playground,
    namespace: &str,
    pod: &str,
    container: &str,
    program: &str,
    on_exit: OnExit,
) -> Result<(), StatusError> {
    let view = pg.cluster.pod(namespace, pod).ok_or_else(|| StatusError::not_found("pods", pod))?;
    let spec = &view.pod.spec;
    let image = spec
        .containers
        .iter()
        .chain(&spec.init_containers)
        .chain(spec.ephemeral_containers.iter().map(|e| &e.container))
        .find(|c| c.name == container)
        .and_then(|c| c.image.clone())
        .unwrap_or_default();
    let Some(flavour) = flavour(&image, program) else {
        return Err(StatusError::client(
            format!("exec: \"{program}\": executable file not found in $PATH"),
            missing_shell(container, program),
        ));
    };
    let argv = vec![program.to_string(), "-c".to_string(), "pwd".to_string()];
    let start = Backend::exec(pg, namespace, pod, container, &argv)?;
    let cwd = start.stdout.trim_end();
    let cwd = if cwd.starts_with('/') { cwd.to_string() } else { "/".to_string() };
    pg.container_sessions.push(Session {
        namespace: namespace.to_string(),
        pod: pod.to_string(),
        container: container.to_string(),
        program: program.to_string(),
        flavour,
        cwd,
        on_exit,
    })
}

/// Our explanation when the image has no such shell.
pub(crate) fn missing_shell(container: &str, program: &str) -> Text {
    Text::new(
        format!("`{container}` 컨테이너의 이미지에 `{program}`이(가) 없습니다. busybox나 alpine 기반 이미지에는 bash가 없으니 `sh`를 쓰세요. distroless 이미지에는 셸이 아예 없으니 `kubectl debug -it POD --image=busybox:1.36 --target={container}`로 디버그 컨테이너를 붙이세요."),
        format!("The image of container `{container}` has no `{program}`. BusyBox- and Alpine-based images have no bash: use `sh`. Distroless images have no shell at all: attach a debug container with `kubectl debug -it POD --image=busybox:1.36 --target={container}`."),
    )
}

/// Tab completion inside a container shell: the shell's commands for the
/// first word (and `exit`).
pub(crate) fn complete(pg: &Playground, head: &str) -> Vec<String> {
    if !pg.container_sessions.is_open() {
        return Vec::new();
    }
    let trimmed = head.trim_start();
    if trimmed.contains([' ', '\t']) {
        return Vec::new();
    }
    let mut v: Vec<String> = crate::shell::commands().filter(|c| c.starts_with(trimmed)).map(str::to_string).collect();
    if "exit".starts_with(trimmed) {
        v.push("exit".to_string());
    }
    v.sort();
    v.dedup();
    v
}
