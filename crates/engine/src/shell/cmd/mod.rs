//! The commands the simulated containers know, in one registry: a
//! BusyBox-like set (echo, sleep, cat, tail, wget, …), the shell's own
//! builtins and the servers that images run (nginx, httpd, redis-server,
//! socat, stress, a log collector). Each entry names the command, its kind,
//! the function that runs it and, if it can block, the function that wakes
//! it. Dispatch, lookups (`is_command`, `command_kind`) and the list of
//! names all read [`COMMANDS`]; messages follow the real tools.

mod builtins;
mod fs;
mod net;
mod proc;
mod server;
mod text;

use std::sync::Arc;

use crate::shell::ast::{AndOr, Command, Pipeline, Script, SimpleCommand, Word, WordPart};
use crate::shell::context::{Call, Ctx, Outcome, Resumed};
use crate::shell::parser::SyntaxError;
use crate::shell::process::{Blocked, SpawnError};

pub use fs::base_name;
pub use proc::format_date;
pub use server::parse_bytes;

/// What a command is, as `type` would tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandKind {
    /// Part of the shell itself (`cd`, `export`, `exit`, `read`, `trap`, …).
    Builtin,
    /// A BusyBox-like tool that does its work and ends (`cat`, `grep`, `wget`, …),
    /// or waits for time or input (`sleep`, `tail -f`, `nc`).
    Tool,
    /// A long-running program an image starts (`nginx`, `redis-server`, `pause`, …).
    Server,
    /// A shell that runs a script (`sh -c '…'`).
    Shell,
}

/// Runs a command with its expanded arguments.
pub(crate) type RunFn = fn(&mut Ctx<'_>, &Call<'_>) -> Outcome;
/// Wakes a command that blocked, with the state it blocked in.
pub(crate) type ResumeFn = fn(&mut Ctx<'_>, Blocked) -> Resumed;

/// One command of the registry.
pub(crate) struct CommandSpec {
    pub name: &'static str,
    pub kind: CommandKind,
    pub run: RunFn,
    /// Set for the commands that can block.
    pub resume: Option<ResumeFn>,
}

const fn spec(name: &'static str, kind: CommandKind, run: RunFn, resume: Option<ResumeFn>) -> CommandSpec {
    CommandSpec { name, kind, run, resume }
}

use CommandKind::{Builtin, Server, Shell, Tool};

/// Every command the shell knows, in the order they were added.
pub(crate) const COMMANDS: &[CommandSpec] = &[
    spec("echo", Builtin, builtins::echo, None),
    spec("printf", Builtin, builtins::printf, None),
    spec("sleep", Tool, proc::sleep, Some(proc::resume_sleep)),
    spec("exit", Builtin, builtins::exit, None),
    spec("true", Builtin, builtins::succeed, None),
    spec("false", Builtin, builtins::fail, None),
    spec(":", Builtin, builtins::succeed, None),
    spec("date", Tool, proc::date, None),
    spec("cat", Tool, text::cat, Some(text::resume_filter)),
    spec("touch", Tool, fs::touch, None),
    spec("tail", Tool, text::tail, Some(text::resume_tail)),
    spec("head", Tool, text::head, Some(text::resume_filter)),
    spec("ls", Tool, fs::ls, None),
    spec("hostname", Tool, proc::hostname, None),
    spec("ps", Tool, proc::ps, None),
    spec("wget", Tool, net::wget, None),
    spec("curl", Tool, net::curl, None),
    spec("nc", Tool, net::nc, Some(net::resume_nc)),
    spec("redis-cli", Tool, net::redis_cli, None),
    spec("test", Builtin, builtins::test, None),
    spec("[", Builtin, builtins::test, None),
    spec("read", Builtin, builtins::read, Some(builtins::resume_read)),
    spec("export", Builtin, builtins::export, None),
    spec("unset", Builtin, builtins::unset, None),
    spec("set", Builtin, builtins::succeed, None),
    spec("cd", Builtin, builtins::succeed, None),
    spec("pwd", Builtin, builtins::pwd, None),
    spec("rm", Tool, fs::rm, None),
    spec("mkdir", Tool, fs::mkdir, None),
    spec("env", Tool, proc::env, None),
    spec("printenv", Tool, proc::env, None),
    spec("wc", Tool, text::wc, Some(text::resume_filter)),
    spec("grep", Tool, text::grep, Some(text::resume_filter)),
    spec("seq", Tool, text::seq, None),
    spec("id", Tool, proc::id, None),
    spec("whoami", Tool, proc::whoami, None),
    spec("uname", Tool, proc::uname, None),
    spec("break", Builtin, builtins::break_continue, None),
    spec("continue", Builtin, builtins::break_continue, None),
    spec("trap", Builtin, builtins::trap, None),
    spec("sh", Shell, builtins::sh, None),
    spec("bash", Shell, builtins::sh, None),
    spec("ash", Shell, builtins::sh, None),
    spec("exec", Builtin, exec, None),
    spec("nginx", Server, server::nginx, Some(server::resume_serve)),
    spec("httpd", Server, server::httpd, Some(server::resume_serve)),
    spec("httpd-foreground", Server, server::httpd, Some(server::resume_serve)),
    spec("redis-server", Server, server::redis_server, Some(server::resume_serve)),
    spec("socat", Server, server::socat, Some(server::resume_serve)),
    spec("python", Server, server::python, Some(server::resume_serve)),
    spec("python3", Server, server::python, Some(server::resume_serve)),
    spec("stress", Server, server::stress, Some(server::resume_stress)),
    spec("fluentd", Server, server::collector, Some(server::resume_collect)),
    spec("log-collector", Server, server::collector, Some(server::resume_collect)),
    spec("app", Server, server::app, Some(server::resume_serve)),
    spec("pause", Server, server::pause, Some(server::resume_serve)),
    spec("sync", Tool, builtins::succeed, None),
    spec("nslookup", Tool, net::nslookup, None),
    spec("kill", Builtin, proc::kill, None),
    spec("wait", Builtin, builtins::succeed, None),
    spec("readlink", Tool, fs::readlink, None),
    spec("rev", Tool, text::rev, Some(text::resume_filter)),
    spec("sed", Tool, text::sed, Some(text::resume_filter)),
    spec("cp", Tool, fs::cp_mv, None),
    spec("mv", Tool, fs::cp_mv, None),
    spec("basename", Tool, fs::basename, None),
    spec("dirname", Tool, fs::dirname, None),
    spec("etcd", Server, server::control_plane, Some(server::resume_serve)),
    spec("kube-apiserver", Server, server::control_plane, Some(server::resume_serve)),
    spec("kube-controller-manager", Server, server::control_plane, Some(server::resume_serve)),
    spec("kube-scheduler", Server, server::control_plane, Some(server::resume_serve)),
];

fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Whether a command name is known (as a builtin or a simulated binary).
pub fn is_command(name: &str) -> bool {
    find(base_name(name)).is_some()
}

/// What kind of command a name is, if the shell knows it.
pub fn command_kind(name: &str) -> Option<CommandKind> {
    find(base_name(name)).map(|c| c.kind)
}

/// Every command the shell knows, for help texts and the UI.
pub fn commands() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().map(|c| c.name)
}

/// Runs one command with expanded arguments; returns the name of the
/// registry entry that ran (what a blocked command resumes through).
pub(crate) fn run(ctx: &mut Ctx<'_>, argv: &[String]) -> (&'static str, Outcome) {
    let name = argv.first().map(|a| base_name(a)).unwrap_or("");
    let args = argv.get(1..).unwrap_or(&[]);
    let Some(spec) = find(name) else {
        if let Some((out, err, code)) = ctx.host.tool(argv) {
            let _ = ctx.out(&out);
            ctx.err(&err);
            return ("", Outcome::Done(code));
        }
        ctx.err(&format!("sh: {name}: not found\n"));
        return ("", Outcome::Done(127));
    };
    if spec.name == "exec" {
        // `exec CMD…` runs CMD in place of the shell's next step.
        if args.is_empty() {
            return (spec.name, Outcome::Done(0));
        }
        return run(ctx, args);
    }
    (spec.name, (spec.run)(ctx, &Call { name, argv, args }))
}

/// `exec` itself: [`run`] handles it, since it dispatches through the registry.
fn exec(_: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    Outcome::Done(0)
}

/// Wakes a blocked command through the registry entry it ran as.
pub(crate) fn resume(ctx: &mut Ctx<'_>, cmd: &str, state: Blocked) -> Resumed {
    match find(cmd).and_then(|c| c.resume) {
        Some(resume) => resume(ctx, state),
        // Only commands with a `resume` block, so this does not happen.
        None => Resumed::Done(0),
    }
}

/// What the program is, from its argv: a shell script, or one command.
pub fn program_for(argv: &[String]) -> Result<Result<Arc<Script>, SyntaxError>, SpawnError> {
    let Some(first) = argv.first() else {
        return Err(SpawnError::NotFound(String::new()));
    };
    let name = base_name(first);
    // `dash` starts a container's script but is not a command inside one.
    if name == "dash" || command_kind(name) == Some(CommandKind::Shell) {
        return Ok(builtins::shell_script(argv));
    }
    if !is_command(name) {
        return Err(SpawnError::NotFound(first.clone()));
    }
    let words = argv.iter().map(|a| Word { parts: vec![WordPart::Quoted(a.clone())] }).collect();
    let cmd = Command::Simple(SimpleCommand { assigns: vec![], words, redirects: vec![] });
    let pipeline = Pipeline { negate: false, stages: vec![Arc::new(cmd)] };
    Ok(Ok(Arc::new(Script { items: vec![Arc::new(AndOr { first: pipeline, rest: vec![], background: false })] })))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the shell knew before the registry, in their order.
    const NAMES_BEFORE: &[&str] = &[
        "echo",
        "printf",
        "sleep",
        "exit",
        "true",
        "false",
        ":",
        "date",
        "cat",
        "touch",
        "tail",
        "head",
        "ls",
        "hostname",
        "ps",
        "wget",
        "curl",
        "nc",
        "redis-cli",
        "test",
        "[",
        "read",
        "export",
        "unset",
        "set",
        "cd",
        "pwd",
        "rm",
        "mkdir",
        "env",
        "printenv",
        "wc",
        "grep",
        "seq",
        "id",
        "whoami",
        "uname",
        "break",
        "continue",
        "trap",
        "sh",
        "bash",
        "ash",
        "exec",
        "nginx",
        "httpd",
        "httpd-foreground",
        "redis-server",
        "socat",
        "python",
        "python3",
        "stress",
        "fluentd",
        "log-collector",
        "app",
        "pause",
        "sync",
        "nslookup",
        "kill",
        "wait",
        "readlink",
        "rev",
        "sed",
        "cp",
        "mv",
        "basename",
        "dirname",
        "etcd",
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
    ];

    #[test]
    fn registry_lists_the_same_commands_once_each() {
        assert_eq!(commands().collect::<Vec<_>>(), NAMES_BEFORE);
        for name in NAMES_BEFORE {
            assert!(is_command(&format!("/bin/{name}")), "{name}");
        }
        assert!(!is_command("dash"));
        assert!(!is_command("vi"));
    }

    #[test]
    fn kinds_follow_what_the_command_is() {
        assert_eq!(command_kind("cd"), Some(CommandKind::Builtin));
        assert_eq!(command_kind("/bin/cat"), Some(CommandKind::Tool));
        assert_eq!(command_kind("nginx"), Some(CommandKind::Server));
        assert_eq!(command_kind("bash"), Some(CommandKind::Shell));
        assert_eq!(command_kind("dash"), None);
    }

    #[test]
    fn program_for_starts_shells_and_known_commands() {
        let argv = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(matches!(program_for(&argv(&["/bin/dash", "-c", "echo hi"])), Ok(Ok(_))));
        assert!(matches!(program_for(&argv(&["sh", "-e", "-c", "if"])), Ok(Err(_))));
        assert!(matches!(program_for(&argv(&["nginx"])), Ok(Ok(_))));
        assert_eq!(program_for(&argv(&["vi"])).err(), Some(SpawnError::NotFound("vi".to_string())));
        assert_eq!(program_for(&[]).err(), Some(SpawnError::NotFound(String::new())));
    }
}
