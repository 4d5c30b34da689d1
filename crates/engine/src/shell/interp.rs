//! The resumable interpreter: a container's program as a state machine
//! stepped by virtual time.
//!
//! A [`Process`] is a set of tasks (the main shell and one task per pipeline
//! stage), each an explicit stack of frames. A task runs until it blocks
//! (`sleep`, `read` on an empty pipe, `tail -f` on a file that has not grown,
//! a server waiting for requests) or the step budget runs out; it never
//! loops on the host's stack, so a `while true` can never hang the engine.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::ast::*;
use super::builtins;
use super::host::Host;
use super::parser::{self, SyntaxError};
use crate::time::SimTime;

/// Steps one process may take at one instant before it counts as spinning.
pub const STEPS_PER_WAKE: u32 = 10_000;
/// Bytes a pipe buffers before its writer waits.
pub const PIPE_BYTES_MAX: usize = 64 * 1024;
const TASKS_MAX: usize = 64;
const PIPES_MAX: usize = 128;
const FRAMES_MAX: usize = 256;
const VARS_MAX: usize = 1024;
const VALUE_BYTES_MAX: usize = 64 * 1024;
const CAPTURE_BYTES_MAX: usize = 1024 * 1024;
const PARTIAL_LINE_MAX: usize = 16 * 1024;

/// Where a file descriptor points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Sink {
    Log,
    Pipe(usize),
    File(String),
    Capture,
    Null,
}

/// Where standard input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Null,
    Pipe(usize),
    Text { text: String, pos: usize },
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Pipe {
    pub buf: String,
    pub writers: usize,
    pub readers: usize,
}

/// Why a task is not running.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Wait {
    Ready,
    Until(SimTime),
    Stdin,
    FsChange(u64),
    Children(Vec<usize>),
    Forever,
}

/// The saved descriptors of a redirection, restored when its command ends.
#[derive(Clone, Debug)]
pub(crate) struct Fds {
    pub stdin: Source,
    pub out: Sink,
    pub err: Sink,
}

#[derive(Clone, Debug)]
pub(crate) enum Frame {
    Seq {
        script: Arc<Script>,
        idx: usize,
    },
    AndOr {
        node: Arc<AndOr>,
        next: Option<usize>,
    },
    Negate,
    Loop {
        until: bool,
        cond: Arc<Script>,
        body: Arc<Script>,
        in_body: bool,
        started: bool,
    },
    For {
        var: String,
        items: Vec<String>,
        idx: usize,
        body: Arc<Script>,
    },
    If {
        branches: Vec<(Arc<Script>, Arc<Script>)>,
        otherwise: Option<Arc<Script>>,
        idx: usize,
        phase: u8,
    },
    Restore(Box<Fds>),
    /// A pipeline's stages run as child tasks; this waits for all of them.
    Pipeline {
        children: Vec<usize>,
        negate: bool,
    },
    /// A command that blocks, with its process entry for `ps`.
    Block {
        pid: u32,
        cmdline: String,
        state: builtins::Blocked,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Task {
    pub frames: Vec<Frame>,
    pub vars: BTreeMap<String, String>,
    pub stdin: Source,
    pub out: Sink,
    pub err: Sink,
    pub status: i32,
    pub wait: Wait,
    pub pid: u32,
    pub cmdline: String,
    pub exited: Option<i32>,
    /// Pipe ends this task holds, released when it exits.
    pub owns_write: Option<usize>,
    pub owns_read: Option<usize>,
}

/// What one call to [`Process::run`] ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// Every task is blocked (or the process exited).
    Idle,
    /// The budget ran out while tasks could still run: the program spins.
    Spinning,
}

/// One running program (a container's main process or an `exec`).
#[derive(Clone, Debug)]
pub struct Process {
    pub(crate) tasks: Vec<Task>,
    pub(crate) pipes: Vec<Pipe>,
    pub(crate) partial: [String; 2],
    pub(crate) captured: [String; 2],
    /// Sleeps finish at once (used for `$(…)`, `exec` and probes).
    pub(crate) instant: bool,
    pub(crate) pending_term: bool,
    pub(crate) trap_term: Option<Arc<Script>>,
    pub(crate) rng: u64,
    /// The program is one command run directly (not `sh -c`): a blocking
    /// command keeps the main PID.
    pub(crate) direct: bool,
    /// A write to a redirected file failed during the current command.
    pub(crate) write_error: bool,
    /// Steps left for command substitutions at this wake-up.
    pub(crate) sub_budget: u32,
    /// Work done by the current step beyond one step (see [`Process::charge`]).
    pub(crate) cost: u32,
    exit: Option<i32>,
}

/// Why a program could not be started at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpawnError {
    /// `exec: "foo": executable file not found in $PATH`.
    NotFound(String),
}

/// What the program is, from its argv: a shell script, or one command.
pub fn program_for(argv: &[String]) -> Result<Result<Arc<Script>, SyntaxError>, SpawnError> {
    let Some(first) = argv.first() else {
        return Err(SpawnError::NotFound(String::new()));
    };
    let name = builtins::base_name(first);
    if matches!(name, "sh" | "bash" | "ash" | "dash") {
        let rest = argv.get(1..).unwrap_or(&[]);
        // `sh -c 'script' [name args…]`; flags such as `-e`/`-x` before `-c` are accepted.
        let mut i = 0;
        while let Some(a) = rest.get(i) {
            if a == "-c" {
                let script = rest.get(i + 1).cloned().unwrap_or_default();
                return Ok(parser::parse(&script).map(Arc::new));
            }
            if a.starts_with('-') {
                i += 1;
                continue;
            }
            break;
        }
        // `sh` with no `-c` reads commands from stdin: a container has none, so it exits 0.
        return Ok(Ok(Arc::new(Script::default())));
    }
    if !builtins::is_command(name) {
        return Err(SpawnError::NotFound(first.clone()));
    }
    let words = argv.iter().map(|a| Word { parts: vec![WordPart::Quoted(a.clone())] }).collect();
    let cmd = Command::Simple(SimpleCommand { assigns: vec![], words, redirects: vec![] });
    let pipeline = Pipeline { negate: false, stages: vec![Arc::new(cmd)] };
    Ok(Ok(Arc::new(Script { items: vec![Arc::new(AndOr { first: pipeline, rest: vec![], background: false })] })))
}

impl Process {
    /// Starts a script as PID `pid`, with `env` as its variables.
    pub fn new(script: Arc<Script>, env: BTreeMap<String, String>, pid: u32, cmdline: String) -> Process {
        let task = Task {
            frames: vec![Frame::Seq { script, idx: 0 }],
            vars: env,
            stdin: Source::Null,
            out: Sink::Log,
            err: Sink::Log,
            status: 0,
            wait: Wait::Ready,
            pid,
            cmdline,
            exited: None,
            owns_write: None,
            owns_read: None,
        };
        Process {
            tasks: vec![task],
            pipes: Vec::new(),
            partial: [String::new(), String::new()],
            captured: [String::new(), String::new()],
            instant: false,
            pending_term: false,
            trap_term: None,
            rng: u64::from(pid).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            direct: false,
            write_error: false,
            sub_budget: STEPS_PER_WAKE,
            cost: 0,
            exit: None,
        }
    }

    /// A process whose output is captured instead of logged and whose
    /// sleeps take no time (for `$(…)`, `kubectl exec` and exec probes).
    pub fn captured(
        script: Arc<Script>,
        env: BTreeMap<String, String>,
        pid: u32,
        cmdline: String,
        stdin: Option<String>,
    ) -> Process {
        let mut p = Process::new(script, env, pid, cmdline);
        p.instant = true;
        if let Some(t) = p.tasks.first_mut() {
            t.out = Sink::Capture;
            t.err = Sink::Capture;
            t.stdin = match stdin {
                Some(text) => Source::Text { text, pos: 0 },
                None => Source::Null,
            };
        }
        p
    }

    /// Makes the program begin at `at` on the virtual clock (not at once).
    pub fn start_at(&mut self, at: SimTime) {
        if let Some(t) = self.tasks.first_mut() {
            t.wait = Wait::Until(at);
        }
    }

    /// Marks the program as one command run directly, without a shell.
    pub fn set_direct(&mut self, direct: bool) {
        self.direct = direct;
    }

    /// The main process's exit code, once it has exited.
    pub fn exit_code(&self) -> Option<i32> {
        self.exit
    }

    /// Output captured by [`Process::captured`] (stdout, stderr).
    pub fn take_captured(&mut self) -> (String, String) {
        (std::mem::take(&mut self.captured[0]), std::mem::take(&mut self.captured[1]))
    }

    /// The earliest virtual time a sleeping task wakes at.
    pub fn wakeup(&self) -> Option<SimTime> {
        if self.exit.is_some() {
            return None;
        }
        self.tasks
            .iter()
            .filter(|t| t.exited.is_none())
            .filter_map(|t| match t.wait {
                Wait::Until(at) => Some(at),
                _ => None,
            })
            .min()
    }

    /// Whether some task could run right now (a pipe filled, a file grew, …).
    pub fn runnable(&self, now: SimTime, fs_version: u64) -> bool {
        self.exit.is_none() && (0..self.tasks.len()).any(|i| self.task_runnable(i, now, fs_version))
    }

    fn task_runnable(&self, i: usize, now: SimTime, fs_version: u64) -> bool {
        let Some(t) = self.tasks.get(i) else { return false };
        if t.exited.is_some() {
            return false;
        }
        match &t.wait {
            Wait::Ready => true,
            Wait::Until(at) => *at <= now || self.instant,
            Wait::Stdin => match &t.stdin {
                Source::Pipe(p) => self.pipes.get(*p).is_none_or(|p| p.buf.contains('\n') || p.writers == 0),
                _ => true,
            },
            Wait::FsChange(v) => fs_version != *v,
            Wait::Children(ids) => ids.iter().all(|c| self.tasks.get(*c).is_none_or(|t| t.exited.is_some())),
            Wait::Forever => false,
        }
    }

    /// The processes this program shows in `ps`: (PID, command line).
    pub fn processes(&self) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        if self.exit.is_some() {
            return out;
        }
        for t in &self.tasks {
            if t.exited.is_some() {
                continue;
            }
            out.push((t.pid, t.cmdline.clone()));
            for f in &t.frames {
                if let Frame::Block { pid, cmdline, .. } = f {
                    if *pid != t.pid {
                        out.push((*pid, cmdline.clone()));
                    }
                }
            }
        }
        out.sort();
        out.dedup_by_key(|p| p.0);
        out
    }

    /// Ends the program now with `code` (SIGKILL, OOM, or a fatal error).
    pub fn kill(&mut self, code: i32, host: &mut dyn Host) {
        for i in 0..self.tasks.len() {
            self.finish_task(i, code, host);
        }
        self.flush_partial(host);
        if self.exit.is_none() {
            self.exit = Some(code);
        }
    }

    /// SIGTERM: runs a `trap … TERM` handler after the current command, or
    /// ends the program unless it is PID 1 (which ignores unhandled signals).
    pub fn terminate(&mut self, is_pid1: bool, host: &mut dyn Host) {
        if self.trap_term.is_some() {
            self.pending_term = true;
        } else if !is_pid1 {
            self.kill(143, host);
        }
    }

    /// Runs every task that can run at `now`, within `budget` steps.
    pub fn run(&mut self, now: SimTime, host: &mut dyn Host, budget: &mut u32) -> RunOutcome {
        if !self.instant {
            self.sub_budget = STEPS_PER_WAKE;
        }
        let mut progressed = true;
        while progressed && self.exit.is_none() {
            progressed = false;
            let mut i = 0;
            while i < self.tasks.len() && self.exit.is_none() {
                if self.task_runnable(i, now, host.fs_version()) {
                    if *budget == 0 {
                        return RunOutcome::Spinning;
                    }
                    progressed = true;
                    self.run_task(i, now, host, budget);
                }
                i += 1;
            }
        }
        RunOutcome::Idle
    }

    /// Runs to the end or until nothing can run (for captured processes).
    pub fn run_to_end(&mut self, now: SimTime, host: &mut dyn Host, budget: &mut u32) {
        for _ in 0..64 {
            if self.run(now, host, budget) == RunOutcome::Spinning || self.exit.is_some() {
                break;
            }
            if !self.runnable(now, host.fs_version()) {
                break;
            }
        }
        if self.exit.is_none() {
            // Still blocked (a `tail -f`, a server): end it as `timeout` would.
            self.kill(124, host);
        }
        self.flush_partial(host);
    }

    fn run_task(&mut self, i: usize, now: SimTime, host: &mut dyn Host, budget: &mut u32) {
        if let Some(t) = self.tasks.get_mut(i) {
            t.wait = Wait::Ready;
        }
        if i == 0 && self.pending_term {
            self.pending_term = false;
            if let (Some(trap), Some(t)) = (self.trap_term.clone(), self.tasks.get_mut(0)) {
                t.frames.clear();
                t.frames.push(Frame::Seq { script: trap, idx: 0 });
            }
        }
        while *budget > 0 {
            let Some(t) = self.tasks.get(i) else { return };
            if t.exited.is_some() || t.wait != Wait::Ready {
                return;
            }
            *budget -= 1;
            self.step(i, now, host);
            // Big strings cost more than one step: one step per 256 bytes moved.
            let extra = std::mem::take(&mut self.cost);
            *budget = budget.saturating_sub(extra);
        }
    }

    pub(crate) fn task(&mut self, i: usize) -> Option<&mut Task> {
        self.tasks.get_mut(i)
    }

    /// Ends task `i` with `code`, releasing its pipe ends.
    pub(crate) fn finish_task(&mut self, i: usize, code: i32, host: &mut dyn Host) {
        let Some(t) = self.tasks.get_mut(i) else { return };
        if t.exited.is_some() {
            return;
        }
        t.exited = Some(code);
        t.frames.clear();
        let (w, r) = (t.owns_write.take(), t.owns_read.take());
        if let Some(p) = w.and_then(|w| self.pipes.get_mut(w)) {
            p.writers = p.writers.saturating_sub(1);
        }
        if let Some(p) = r.and_then(|r| self.pipes.get_mut(r)) {
            p.readers = p.readers.saturating_sub(1);
        }
        if i == 0 {
            self.exit = Some(code);
            self.flush_partial(host);
            for j in 1..self.tasks.len() {
                self.finish_task(j, code, host);
            }
        }
    }

    fn flush_partial(&mut self, host: &mut dyn Host) {
        for fd in 0..2 {
            if let Some(rest) = self.partial.get_mut(fd) {
                if !rest.is_empty() {
                    let line = std::mem::take(rest);
                    host.log(&line, fd == 1);
                }
            }
        }
    }

    /// Writes to the task's stdout (`fd` 1) or stderr (`fd` 2). Returns
    /// false if the reader of its pipe is gone (SIGPIPE).
    pub(crate) fn write(&mut self, i: usize, fd: u8, text: &str, host: &mut dyn Host) -> bool {
        if text.is_empty() {
            return true;
        }
        self.charge(text.len());
        let sink = match self.tasks.get(i) {
            Some(t) if fd == 2 => t.err.clone(),
            Some(t) => t.out.clone(),
            None => return true,
        };
        match sink {
            Sink::Null => true,
            Sink::Log => {
                let slot = usize::from(fd == 2);
                let mut buf = std::mem::take(&mut self.partial[slot]);
                buf.push_str(text);
                while let Some(pos) = buf.find('\n') {
                    let line: String = buf.drain(..=pos).collect();
                    host.log(line.trim_end_matches('\n'), fd == 2);
                }
                if buf.len() > PARTIAL_LINE_MAX {
                    host.log(&buf, fd == 2);
                    buf.clear();
                }
                self.partial[slot] = buf;
                true
            }
            Sink::Capture => {
                let slot = usize::from(fd == 2);
                let c = &mut self.captured[slot];
                if c.len() < CAPTURE_BYTES_MAX {
                    c.push_str(text);
                }
                true
            }
            Sink::File(path) => {
                if let Err(e) = host.write(&path, text, true) {
                    // Reported once per command; the command then fails.
                    if !self.write_error {
                        self.write_error = true;
                        let _ = self.write(i, 2, &format!("sh: write error: {e}\n"), host);
                    }
                }
                true
            }
            Sink::Pipe(p) => match self.pipes.get_mut(p) {
                Some(pipe) if pipe.readers > 0 => {
                    if pipe.buf.len() < PIPE_BYTES_MAX * 2 {
                        pipe.buf.push_str(text);
                    }
                    true
                }
                _ => false,
            },
        }
    }

    /// Reads one line from the task's stdin: `Some(Some(line))`, `Some(None)` at
    /// end of input, `None` if it must wait.
    pub(crate) fn read_line(&mut self, i: usize) -> Option<Option<String>> {
        let src = self.tasks.get_mut(i).map(|t| &mut t.stdin)?;
        match src {
            Source::Null => Some(None),
            Source::Text { text, pos } => {
                let rest = text.get(*pos..).unwrap_or("");
                if rest.is_empty() {
                    return Some(None);
                }
                let (line, used) = match rest.find('\n') {
                    Some(n) => (rest.get(..n).unwrap_or("").to_string(), n + 1),
                    None => (rest.to_string(), rest.len()),
                };
                *pos += used;
                Some(Some(line))
            }
            Source::Pipe(p) => {
                let p = *p;
                let pipe = self.pipes.get_mut(p)?;
                if let Some(n) = pipe.buf.find('\n') {
                    let line: String = pipe.buf.drain(..=n).collect();
                    return Some(Some(line.trim_end_matches('\n').to_string()));
                }
                if pipe.writers == 0 {
                    if pipe.buf.is_empty() {
                        return Some(None);
                    }
                    return Some(Some(std::mem::take(&mut pipe.buf)));
                }
                None
            }
        }
    }

    pub(crate) fn next_random(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn push(&mut self, i: usize, frame: Frame, host: &mut dyn Host) {
        let Some(t) = self.tasks.get_mut(i) else { return };
        if t.frames.len() >= FRAMES_MAX {
            let _ = self.write(i, 2, "sh: nesting too deep\n", host);
            self.finish_task(i, 2, host);
            return;
        }
        t.frames.push(frame);
    }

    fn set_status(&mut self, i: usize, status: i32) {
        if let Some(t) = self.tasks.get_mut(i) {
            t.status = status;
        }
    }

    fn status(&self, i: usize) -> i32 {
        self.tasks.get(i).map_or(0, |t| t.status)
    }

    /// One step of task `i`: look at the top frame and act on it.
    fn step(&mut self, i: usize, now: SimTime, host: &mut dyn Host) {
        let Some(t) = self.tasks.get_mut(i) else { return };
        let Some(frame) = t.frames.pop() else {
            let status = t.status;
            self.finish_task(i, status, host);
            return;
        };
        match frame {
            Frame::Seq { script, idx } => {
                let Some(item) = script.items.get(idx).cloned() else { return };
                self.push(i, Frame::Seq { script, idx: idx + 1 }, host);
                if item.background {
                    let single =
                        Arc::new(Script { items: vec![Arc::new(AndOr { background: false, ..(*item).clone() })] });
                    self.spawn_background(i, single, host);
                    self.set_status(i, 0);
                } else {
                    self.push(i, Frame::AndOr { node: item, next: None }, host);
                }
            }
            Frame::AndOr { node, next } => match next {
                None => {
                    let first = node.first.clone();
                    self.push(i, Frame::AndOr { node, next: Some(0) }, host);
                    self.start_pipeline(i, &first, now, host);
                }
                Some(k) => {
                    if let Some((conn, p)) = node.rest.get(k).cloned() {
                        self.push(i, Frame::AndOr { node, next: Some(k + 1) }, host);
                        let ok = self.status(i) == 0;
                        if (conn == Connector::And) == ok {
                            self.start_pipeline(i, &p, now, host);
                        }
                    }
                }
            },
            Frame::Negate => {
                let s = self.status(i);
                self.set_status(i, i32::from(s == 0));
            }
            Frame::Loop { until, cond, body, in_body, started } => {
                if !started || in_body {
                    self.push(i, Frame::Loop { until, cond: cond.clone(), body, in_body: false, started: true }, host);
                    self.push(i, Frame::Seq { script: cond, idx: 0 }, host);
                } else {
                    let ok = self.status(i) == 0;
                    if ok != until {
                        self.push(
                            i,
                            Frame::Loop { until, cond, body: body.clone(), in_body: true, started: true },
                            host,
                        );
                        self.push(i, Frame::Seq { script: body, idx: 0 }, host);
                    } else {
                        self.set_status(i, 0);
                    }
                }
            }
            Frame::For { var, items, idx, body } => {
                if let Some(v) = items.get(idx).cloned() {
                    self.set_var(i, &var, v);
                    self.push(i, Frame::For { var, items, idx: idx + 1, body: body.clone() }, host);
                    self.push(i, Frame::Seq { script: body, idx: 0 }, host);
                }
            }
            Frame::If { branches, otherwise, idx, phase } => match phase {
                0 => {
                    if let Some((cond, _)) = branches.get(idx).cloned() {
                        self.push(i, Frame::If { branches, otherwise, idx, phase: 1 }, host);
                        self.push(i, Frame::Seq { script: cond, idx: 0 }, host);
                    } else if let Some(o) = otherwise {
                        self.push(i, Frame::Seq { script: o, idx: 0 }, host);
                    } else {
                        self.set_status(i, 0);
                    }
                }
                1 => {
                    if self.status(i) == 0 {
                        if let Some((_, body)) = branches.get(idx).cloned() {
                            self.push(i, Frame::Seq { script: body, idx: 0 }, host);
                        }
                    } else {
                        self.push(i, Frame::If { branches, otherwise, idx: idx + 1, phase: 0 }, host);
                    }
                }
                _ => {}
            },
            Frame::Restore(fds) => {
                if let Some(t) = self.tasks.get_mut(i) {
                    t.stdin = fds.stdin;
                    t.out = fds.out;
                    t.err = fds.err;
                }
            }
            Frame::Pipeline { children, negate } => {
                let all_done = children.iter().all(|c| self.tasks.get(*c).is_none_or(|t| t.exited.is_some()));
                if !all_done {
                    self.push(i, Frame::Pipeline { children: children.clone(), negate }, host);
                    if let Some(t) = self.tasks.get_mut(i) {
                        t.wait = Wait::Children(children);
                    }
                    return;
                }
                let last = children.last().and_then(|c| self.tasks.get(*c)).and_then(|t| t.exited).unwrap_or(0);
                self.set_status(i, if negate { i32::from(last == 0) } else { last });
            }
            Frame::Block { pid, cmdline, state } => {
                builtins::resume(self, i, pid, cmdline, state, now, host);
            }
        }
    }

    /// Counts work proportional to the bytes handled against the step budget.
    pub(crate) fn charge(&mut self, bytes: usize) {
        self.cost = self.cost.saturating_add(u32::try_from(bytes / 256).unwrap_or(u32::MAX));
    }

    pub(crate) fn set_var(&mut self, i: usize, name: &str, value: String) {
        self.charge(value.len());
        let Some(t) = self.tasks.get_mut(i) else { return };
        if t.vars.len() >= VARS_MAX && !t.vars.contains_key(name) {
            return;
        }
        let mut value = value;
        if value.len() > VALUE_BYTES_MAX {
            let mut cut = VALUE_BYTES_MAX;
            while !value.is_char_boundary(cut) {
                cut -= 1;
            }
            value.truncate(cut);
        }
        t.vars.insert(name.to_string(), value);
    }

    pub(crate) fn get_var(&self, i: usize, name: &str) -> Option<String> {
        let t = self.tasks.get(i)?;
        match name {
            "?" => Some(t.status.to_string()),
            "$" => Some(self.tasks.first().map_or(1, |t| t.pid).to_string()),
            "#" => Some("0".to_string()),
            "0" => Some("sh".to_string()),
            "RANDOM" => None,
            _ => t.vars.get(name).cloned(),
        }
    }

    fn spawn_background(&mut self, i: usize, script: Arc<Script>, host: &mut dyn Host) {
        let mut free = self.free_task_slots();
        if free.is_empty() && self.tasks.len() >= TASKS_MAX {
            let _ = self.write(i, 2, "sh: can't fork: Resource temporarily unavailable\n", host);
            return;
        }
        let Some(parent) = self.tasks.get(i) else { return };
        // A background job writing into a pipe holds its write end too.
        let owns_write = match parent.out {
            Sink::Pipe(p) => Some(p),
            _ => None,
        };
        if let Some(pipe) = owns_write.and_then(|p| self.pipes.get_mut(p)) {
            pipe.writers += 1;
        }
        let Some(parent) = self.tasks.get(i) else { return };
        let child = Task {
            frames: vec![Frame::Seq { script, idx: 0 }],
            vars: parent.vars.clone(),
            stdin: Source::Null,
            out: parent.out.clone(),
            err: parent.err.clone(),
            status: 0,
            wait: Wait::Ready,
            pid: host.next_pid(),
            cmdline: parent.cmdline.clone(),
            exited: None,
            owns_write,
            owns_read: None,
        };
        self.place_task(child, &mut free);
    }

    /// Slots of exited tasks that no pipeline waits on any more.
    fn free_task_slots(&self) -> Vec<usize> {
        let mut referenced = std::collections::BTreeSet::new();
        for t in self.tasks.iter().filter(|t| t.exited.is_none()) {
            for f in &t.frames {
                if let Frame::Pipeline { children, .. } = f {
                    referenced.extend(children.iter().copied());
                }
            }
            if let Wait::Children(ids) = &t.wait {
                referenced.extend(ids.iter().copied());
            }
        }
        let mut free: Vec<usize> = (1..self.tasks.len())
            .filter(|k| self.tasks.get(*k).is_some_and(|t| t.exited.is_some()) && !referenced.contains(k))
            .collect();
        free.reverse();
        free
    }

    fn place_task(&mut self, task: Task, free: &mut Vec<usize>) -> Option<usize> {
        if let Some(k) = free.pop() {
            if let Some(slot) = self.tasks.get_mut(k) {
                *slot = task;
                return Some(k);
            }
        }
        if self.tasks.len() < TASKS_MAX {
            self.tasks.push(task);
            return Some(self.tasks.len() - 1);
        }
        None
    }

    /// A pipe no live task reads or writes, reused, or a new one.
    fn alloc_pipe(&mut self) -> Option<usize> {
        let in_use = |k: usize| {
            self.tasks.iter().filter(|t| t.exited.is_none()).any(|t| {
                t.stdin == Source::Pipe(k)
                    || t.out == Sink::Pipe(k)
                    || t.err == Sink::Pipe(k)
                    || t.frames.iter().any(|f| match f {
                        Frame::Restore(fds) => {
                            fds.stdin == Source::Pipe(k) || fds.out == Sink::Pipe(k) || fds.err == Sink::Pipe(k)
                        }
                        _ => false,
                    })
            })
        };
        let reuse = (0..self.pipes.len())
            .find(|k| self.pipes.get(*k).is_some_and(|p| p.writers == 0 && p.readers == 0) && !in_use(*k));
        let fresh = Pipe { buf: String::new(), writers: 1, readers: 1 };
        match reuse {
            Some(k) => {
                if let Some(p) = self.pipes.get_mut(k) {
                    *p = fresh;
                }
                Some(k)
            }
            None if self.pipes.len() < PIPES_MAX => {
                self.pipes.push(fresh);
                Some(self.pipes.len() - 1)
            }
            None => None,
        }
    }

    fn start_pipeline(&mut self, i: usize, p: &Pipeline, now: SimTime, host: &mut dyn Host) {
        if p.stages.len() <= 1 {
            if p.negate {
                self.push(i, Frame::Negate, host);
            }
            if let Some(cmd) = p.stages.first() {
                self.start_command(i, cmd, now, host);
            }
            return;
        }
        let n = p.stages.len();
        let mut free = self.free_task_slots();
        let mut pipes = Vec::new();
        if free.len() + TASKS_MAX.saturating_sub(self.tasks.len()) >= n {
            for _ in 0..n - 1 {
                match self.alloc_pipe() {
                    Some(k) => pipes.push(k),
                    None => break,
                }
            }
        }
        if pipes.len() + 1 != n {
            for k in pipes {
                if let Some(pipe) = self.pipes.get_mut(k) {
                    pipe.writers = 0;
                    pipe.readers = 0;
                }
            }
            let _ = self.write(i, 2, "sh: can't fork: Resource temporarily unavailable\n", host);
            self.set_status(i, 2);
            return;
        }
        let Some(parent) = self.tasks.get(i).cloned() else { return };
        let mut children = Vec::new();
        for (k, cmd) in p.stages.iter().enumerate() {
            let read_pipe = if k == 0 { None } else { pipes.get(k - 1).copied() };
            let write_pipe = if k + 1 == n { None } else { pipes.get(k).copied() };
            let stdin = match read_pipe {
                Some(r) => Source::Pipe(r),
                None => parent.stdin.clone(),
            };
            let out = match write_pipe {
                Some(w) => Sink::Pipe(w),
                None => parent.out.clone(),
            };
            let pipeline = Pipeline { negate: false, stages: vec![cmd.clone()] };
            let and_or = AndOr { first: pipeline, rest: vec![], background: false };
            let child = Task {
                frames: vec![Frame::Seq { script: Arc::new(Script { items: vec![Arc::new(and_or)] }), idx: 0 }],
                vars: parent.vars.clone(),
                stdin,
                out,
                err: parent.err.clone(),
                status: 0,
                wait: Wait::Ready,
                pid: host.next_pid(),
                cmdline: builtins::describe_command(cmd),
                exited: None,
                owns_write: write_pipe,
                owns_read: read_pipe,
            };
            if let Some(slot) = self.place_task(child, &mut free) {
                children.push(slot);
            }
        }
        self.push(i, Frame::Pipeline { children: children.clone(), negate: p.negate }, host);
        if let Some(t) = self.tasks.get_mut(i) {
            t.wait = Wait::Children(children);
        }
    }

    fn start_command(&mut self, i: usize, cmd: &Arc<Command>, now: SimTime, host: &mut dyn Host) {
        match &**cmd {
            Command::Simple(sc) => builtins::run_simple(self, i, sc, now, host),
            Command::Compound(c, redirects) => {
                if !redirects.is_empty() {
                    match self.apply_redirects(i, redirects, now, host) {
                        Ok(saved) => self.push(i, Frame::Restore(Box::new(saved)), host),
                        Err(()) => {
                            self.set_status(i, 1);
                            return;
                        }
                    }
                }
                let frame = match c {
                    Compound::Loop { until, cond, body } => Frame::Loop {
                        until: *until,
                        cond: cond.clone(),
                        body: body.clone(),
                        in_body: false,
                        started: false,
                    },
                    Compound::For { var, words, body } => {
                        let items = match words {
                            Some(ws) => {
                                let mut items = Vec::new();
                                for w in ws {
                                    items.extend(self.expand(i, w, now, host));
                                }
                                items
                            }
                            None => Vec::new(),
                        };
                        self.set_status(i, 0);
                        Frame::For { var: var.clone(), items, idx: 0, body: body.clone() }
                    }
                    Compound::If { branches, otherwise } => {
                        Frame::If { branches: branches.clone(), otherwise: otherwise.clone(), idx: 0, phase: 0 }
                    }
                    Compound::Group(s) => Frame::Seq { script: s.clone(), idx: 0 },
                };
                self.push(i, frame, host);
            }
        }
    }

    /// Applies redirections to task `i`, returning the descriptors to restore.
    pub(crate) fn apply_redirects(
        &mut self,
        i: usize,
        redirects: &[Redirect],
        now: SimTime,
        host: &mut dyn Host,
    ) -> Result<Fds, ()> {
        let Some(t) = self.tasks.get(i) else { return Err(()) };
        let saved = Fds { stdin: t.stdin.clone(), out: t.out.clone(), err: t.err.clone() };
        for r in redirects {
            let target = self.expand_joined(i, &r.target, now, host);
            let sink_or_source = match r.op {
                RedirectOp::Write | RedirectOp::Append => {
                    if target == "/dev/null" {
                        Ok(Sink::Null)
                    } else if target == "/dev/stdout" {
                        Ok(self.tasks.get(i).map_or(Sink::Log, |t| t.out.clone()))
                    } else if target == "/dev/stderr" {
                        Ok(self.tasks.get(i).map_or(Sink::Log, |t| t.err.clone()))
                    } else {
                        match host.write(&target, "", r.op == RedirectOp::Append) {
                            Ok(()) => Ok(Sink::File(target.clone())),
                            Err(e) => Err(format!("sh: can't create {target}: {e}\n")),
                        }
                    }
                }
                RedirectOp::Dup => match target.as_str() {
                    "1" => Ok(self.tasks.get(i).map_or(Sink::Log, |t| t.out.clone())),
                    "2" => Ok(self.tasks.get(i).map_or(Sink::Log, |t| t.err.clone())),
                    _ => Err(format!("sh: {target}: bad file descriptor\n")),
                },
                RedirectOp::Read => {
                    if target == "/dev/null" {
                        if let Some(t) = self.tasks.get_mut(i) {
                            t.stdin = Source::Null;
                        }
                        continue;
                    }
                    match host.read(&target) {
                        Ok(text) => {
                            if let Some(t) = self.tasks.get_mut(i) {
                                t.stdin = Source::Text { text, pos: 0 };
                            }
                            continue;
                        }
                        Err(e) => Err(format!("sh: can't open {target}: {e}\n")),
                    }
                }
            };
            match sink_or_source {
                Ok(sink) => {
                    if let Some(t) = self.tasks.get_mut(i) {
                        if r.fd == 2 {
                            t.err = sink;
                        } else {
                            t.out = sink;
                        }
                    }
                }
                Err(msg) => {
                    if let Some(t) = self.tasks.get_mut(i) {
                        t.stdin = saved.stdin.clone();
                        t.out = saved.out.clone();
                        t.err = saved.err.clone();
                    }
                    let _ = self.write(i, 2, &msg, host);
                    return Err(());
                }
            }
        }
        Ok(saved)
    }

    /// Expands a word without field splitting (assignments, redirect targets).
    pub(crate) fn expand_joined(&mut self, i: usize, w: &Word, now: SimTime, host: &mut dyn Host) -> String {
        let mut out = String::new();
        for part in &w.parts {
            let (text, _) = self.expand_part(i, part, now, host);
            out.push_str(&text);
            if out.len() > VALUE_BYTES_MAX {
                break;
            }
        }
        out
    }

    /// Expands a word into fields (parameter expansion, `$(…)`, `$((…))`,
    /// field splitting of unquoted expansions, globbing of `*`).
    pub(crate) fn expand(&mut self, i: usize, w: &Word, now: SimTime, host: &mut dyn Host) -> Vec<String> {
        let mut fields: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut have = false;
        let mut glob = false;
        for part in &w.parts {
            match part {
                WordPart::Lit(s) => {
                    cur.push_str(s);
                    have = true;
                    glob |= s.contains('*') || s.contains('?');
                }
                WordPart::Quoted(_) | WordPart::Double(_) => {
                    let (text, _) = self.expand_part(i, part, now, host);
                    cur.push_str(&text);
                    have = true;
                }
                _ => {
                    let (text, _) = self.expand_part(i, part, now, host);
                    let mut pieces = text.split([' ', '\t', '\n']).peekable();
                    let starts_blank = text.starts_with([' ', '\t', '\n']);
                    if starts_blank && have {
                        fields.push(std::mem::take(&mut cur));
                        have = false;
                    }
                    let mut first = true;
                    while let Some(piece) = pieces.next() {
                        if piece.is_empty() {
                            continue;
                        }
                        if !first && have {
                            fields.push(std::mem::take(&mut cur));
                        }
                        cur.push_str(piece);
                        have = true;
                        first = false;
                        if pieces.peek().is_none() && text.ends_with([' ', '\t', '\n']) {
                            fields.push(std::mem::take(&mut cur));
                            have = false;
                        }
                    }
                    if fields.len() > 4096 {
                        break;
                    }
                }
            }
        }
        if have {
            fields.push(cur);
        }
        self.charge(fields.iter().map(String::len).sum());
        if glob {
            let mut out = Vec::new();
            for f in fields {
                let matches = glob_expand(&f, host);
                if matches.is_empty() {
                    out.push(f);
                } else {
                    out.extend(matches);
                }
            }
            return out;
        }
        fields
    }

    fn expand_part(&mut self, i: usize, part: &WordPart, now: SimTime, host: &mut dyn Host) -> (String, bool) {
        match part {
            WordPart::Lit(s) | WordPart::Quoted(s) => (s.clone(), true),
            WordPart::Double(parts) => {
                let mut out = String::new();
                for p in parts {
                    out.push_str(&self.expand_part(i, p, now, host).0);
                }
                (out, true)
            }
            WordPart::Var { name, default } => {
                let value = if name == "RANDOM" {
                    Some((self.next_random() % 32768).to_string())
                } else {
                    self.get_var(i, name)
                };
                match (value, default) {
                    (Some(v), _) if !v.is_empty() => (v, false),
                    (_, Some(d)) => (self.expand_joined(i, d, now, host), false),
                    (v, None) => (v.unwrap_or_default(), false),
                }
            }
            WordPart::Arith(expr) => {
                let expr = expr.clone();
                match super::arith::eval(&expr, &|name: &str| self.get_var(i, name)) {
                    Ok((v, assigns)) => {
                        for (name, val) in assigns {
                            self.set_var(i, &name, val.to_string());
                        }
                        (v.to_string(), false)
                    }
                    Err(e) => {
                        let _ = self.write(i, 2, &format!("sh: arithmetic syntax error: {e}\n"), host);
                        (String::new(), false)
                    }
                }
            }
            WordPart::Subst(script) => {
                let env = self.tasks.get(i).map(|t| t.vars.clone()).unwrap_or_default();
                let pid = host.next_pid();
                let mut sub = Process::captured(script.clone(), env, pid, "sh".to_string(), None);
                if let Some(t) = sub.tasks.first_mut() {
                    if let Some(parent) = self.tasks.get(i) {
                        t.err = match parent.err {
                            Sink::Log => Sink::Log,
                            _ => Sink::Null,
                        };
                    }
                }
                // Substitutions spend the program's own budget: a loop of
                // spinning `$(…)` cannot multiply the work of one wake-up.
                let mut budget = self.sub_budget.min(2_000);
                sub.sub_budget = budget / 2;
                let before = budget;
                if budget > 0 {
                    sub.run_to_end(now, host, &mut budget);
                }
                self.sub_budget = self.sub_budget.saturating_sub(before - budget).saturating_sub(1);
                let code = sub.exit_code().unwrap_or(0);
                self.set_status(i, code);
                let (mut out, _) = sub.take_captured();
                while out.ends_with('\n') {
                    out.pop();
                }
                (out, false)
            }
        }
    }
}

/// Expands `*` and `?` in the last path segment against the directory.
fn glob_expand(pattern: &str, host: &dyn Host) -> Vec<String> {
    let (dir, pat) = match pattern.rfind('/') {
        Some(0) => ("/", pattern.get(1..).unwrap_or("")),
        Some(n) => (pattern.get(..n).unwrap_or(""), pattern.get(n + 1..).unwrap_or("")),
        None => (".", pattern),
    };
    if dir.contains(['*', '?']) {
        return Vec::new();
    }
    let Ok(names) = host.list(if dir == "." { "/" } else { dir }) else { return Vec::new() };
    names
        .into_iter()
        .filter(|n| !n.starts_with('.') && wildcard(pat.as_bytes(), n.as_bytes()))
        .map(|n| {
            if dir == "." {
                n
            } else if dir == "/" {
                format!("/{n}")
            } else {
                format!("{dir}/{n}")
            }
        })
        .collect()
}

/// `*`/`?` matching, iterative with one backtrack point (linear time).
pub(crate) fn wildcard(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, si));
                pi += 1;
            }
            Some(c) if *c == b'?' || Some(c) == s.get(si) => {
                pi += 1;
                si += 1;
            }
            _ => match star {
                Some((sp, ss)) => {
                    pi = sp + 1;
                    si = ss + 1;
                    star = Some((sp, ss + 1));
                }
                None => return false,
            },
        }
    }
    while p.get(pi) == Some(&b'*') {
        pi += 1;
    }
    pi == p.len()
}
