//! What a command receives and returns: [`Ctx`], the narrow view of the
//! running program a command works through (its output, input, variables,
//! the host), and the outcomes of running and resuming it. Commands depend
//! on this file, never on the interpreter.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::ast::Script;
use super::host::Host;
use super::process::{Blocked, Frame, Process, Source, Wait};
use crate::time::SimTime;

/// Bytes one command writes at once at most (`seq`, `printf`, a followed file).
pub(crate) const OUTPUT_BYTES_MAX: usize = 256 * 1024;

/// What running a command did.
pub(crate) enum Outcome {
    /// It finished with this status.
    Done(i32),
    /// It waits (for time, input, a file or requests) in this state.
    Block(Blocked),
    /// It ends the task (`exit`, a server that failed to start, SIGPIPE).
    Exit(i32),
}

/// What waking a blocked command did.
pub(crate) enum Resumed {
    /// It finished with this status.
    Done(i32),
    /// It waits again, in this state, for this.
    Again(Blocked, Wait),
    /// It ends the task (SIGPIPE: the reader of its pipe is gone).
    Exit(i32),
}

/// A command line as a command sees it: its name without a path, the whole
/// argv (as `ps` shows it) and the arguments after the name.
pub(crate) struct Call<'a> {
    pub name: &'a str,
    pub argv: &'a [String],
    pub args: &'a [String],
}

impl Call<'_> {
    /// Argument `k` (after the name), or `""`.
    pub fn arg(&self, k: usize) -> &str {
        self.args.get(k).map(String::as_str).unwrap_or("")
    }
}

/// One task of a running program, as the command running in it sees it.
pub(crate) struct Ctx<'a> {
    process: &'a mut Process,
    task: usize,
    /// The virtual time the command runs (or wakes) at.
    pub now: SimTime,
    /// The container's files, network and process table.
    pub host: &'a mut dyn Host,
}

impl<'a> Ctx<'a> {
    pub fn new(process: &'a mut Process, task: usize, now: SimTime, host: &'a mut dyn Host) -> Ctx<'a> {
        Ctx { process, task, now, host }
    }

    /// Writes to standard output; false if the reader of its pipe is gone.
    pub fn out(&mut self, text: &str) -> bool {
        self.process.write(self.task, 1, text, self.host)
    }

    /// Writes to standard error.
    pub fn err(&mut self, text: &str) {
        let _ = self.process.write(self.task, 2, text, self.host);
    }

    /// Reads one line of standard input: `Some(Some(line))`, `Some(None)` at
    /// end of input, `None` if it must wait.
    pub fn read_line(&mut self) -> Option<Option<String>> {
        self.process.read_line(self.task)
    }

    /// Whether standard input is empty for good (no pipe, no text).
    pub fn stdin_is_null(&mut self) -> bool {
        self.process.task(self.task).is_some_and(|t| matches!(t.stdin, Source::Null))
    }

    /// The status of the last command (`$?`).
    pub fn status(&mut self) -> i32 {
        self.process.task(self.task).map_or(0, |t| t.status)
    }

    /// The task's variables.
    pub fn vars(&mut self) -> BTreeMap<String, String> {
        self.process.task(self.task).map(|t| t.vars.clone()).unwrap_or_default()
    }

    /// One variable of the task's environment, as set (no `$?`-style specials).
    pub fn env_var(&mut self, name: &str) -> Option<String> {
        self.process.task(self.task).and_then(|t| t.vars.get(name).cloned())
    }

    pub fn set_var(&mut self, name: &str, value: String) {
        self.process.set_var(self.task, name, value);
    }

    pub fn unset_var(&mut self, name: &str) {
        if let Some(t) = self.process.task(self.task) {
            t.vars.remove(name);
        }
    }

    /// The command line of the task (the program, or a pipeline stage).
    pub fn task_cmdline(&mut self) -> Option<String> {
        self.process.task(self.task).map(|t| t.cmdline.clone())
    }

    /// The program's processes, as `ps` lists them.
    pub fn processes(&self) -> Vec<(u32, String)> {
        self.process.processes()
    }

    /// Sleeps take no time (`$(…)`, `exec` and probes).
    pub fn instant(&self) -> bool {
        self.process.instant
    }

    /// Sets (or with `None` clears) the `trap … TERM` handler.
    pub fn set_trap_term(&mut self, script: Option<Arc<Script>>) {
        self.process.trap_term = script;
    }

    /// Runs `script` in this task next (`sh -c` inside a script).
    pub fn run_script(&mut self, script: Arc<Script>) {
        if let Some(t) = self.process.task(self.task) {
            t.frames.push(Frame::Seq { script, idx: 0 });
        }
    }

    /// `break` (`keep` false) or `continue` (`keep` true): unwinds the task's
    /// frames to the innermost loop, restoring redirections on the way.
    pub fn unwind_loop(&mut self, keep: bool) {
        let Some(t) = self.process.task(self.task) else {
            return;
        };
        let depth = t.frames.iter().filter(|f| matches!(f, Frame::Loop { .. } | Frame::For { .. })).count();
        if depth == 0 {
            return;
        }
        while let Some(f) = t.frames.pop() {
            match f {
                Frame::Loop { until, cond, body, .. } => {
                    if keep {
                        t.frames.push(Frame::Loop { until, cond, body, in_body: true, started: true });
                    }
                    break;
                }
                f @ Frame::For { .. } => {
                    if keep {
                        t.frames.push(f);
                    }
                    break;
                }
                Frame::Restore(saved) => {
                    t.stdin = saved.stdin;
                    t.out = saved.out;
                    t.err = saved.err;
                }
                _ => {}
            }
        }
    }
}
