//! The data of a running program: its tasks (the main shell and one per
//! pipeline stage or background job), their frames, descriptors and
//! variables, the pipes between them, and the state a blocked command keeps
//! between wake-ups. The interpreter (`interp.rs` and its neighbours) steps
//! this data; commands see it only through [`crate::shell::context::Ctx`].

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use super::ast::{AndOr, Script};
use super::host::Host;
use crate::time::SimTime;

/// Steps one process may take at one instant before it counts as spinning.
pub const STEPS_PER_WAKE: u32 = 10_000;
/// Bytes a pipe buffers before its writer waits.
pub const PIPE_BYTES_MAX: usize = 64 * 1024;
pub(super) const TASKS_MAX: usize = 64;
pub(super) const PIPES_MAX: usize = 128;
const FRAMES_MAX: usize = 256;
const VARS_MAX: usize = 1024;
pub(super) const VALUE_BYTES_MAX: usize = 64 * 1024;
pub(super) const CAPTURE_BYTES_MAX: usize = 1024 * 1024;
pub(super) const PARTIAL_LINE_MAX: usize = 16 * 1024;

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
    /// A command that blocks, with its process entry for `ps`, the name of
    /// its entry in the command registry (whose `resume` wakes it) and what
    /// it waits with.
    Block {
        pid: u32,
        cmdline: String,
        cmd: &'static str,
        state: Blocked,
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
    pub(super) exit: Option<i32>,
}

/// Why a program could not be started at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpawnError {
    /// `exec: "foo": executable file not found in $PATH`.
    NotFound(String),
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

    pub(super) fn task_runnable(&self, i: usize, now: SimTime, fs_version: u64) -> bool {
        let Some(t) = self.tasks.get(i) else {
            return false;
        };
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

    pub(crate) fn task(&mut self, i: usize) -> Option<&mut Task> {
        self.tasks.get_mut(i)
    }

    /// Ends task `i` with `code`, releasing its pipe ends.
    pub(crate) fn finish_task(&mut self, i: usize, code: i32, host: &mut dyn Host) {
        let Some(t) = self.tasks.get_mut(i) else {
            return;
        };
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

    pub(crate) fn next_random(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    pub(super) fn push(&mut self, i: usize, frame: Frame, host: &mut dyn Host) {
        let Some(t) = self.tasks.get_mut(i) else {
            return;
        };
        if t.frames.len() >= FRAMES_MAX {
            let _ = self.write(i, 2, "sh: nesting too deep\n", host);
            self.finish_task(i, 2, host);
            return;
        }
        t.frames.push(frame);
    }

    pub(super) fn set_status(&mut self, i: usize, status: i32) {
        if let Some(t) = self.tasks.get_mut(i) {
            t.status = status;
        }
    }

    pub(super) fn status(&self, i: usize) -> i32 {
        self.tasks.get(i).map_or(0, |t| t.status)
    }

    /// Counts work proportional to the bytes handled against the step budget.
    pub(crate) fn charge(&mut self, bytes: usize) {
        self.cost = self.cost.saturating_add(u32::try_from(bytes / 256).unwrap_or(u32::MAX));
    }

    pub(crate) fn set_var(&mut self, i: usize, name: &str, value: String) {
        self.charge(value.len());
        let Some(t) = self.tasks.get_mut(i) else {
            return;
        };
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
}

/// The state of a command that waits for time, input, a file or requests.
#[derive(Clone, Debug)]
pub(crate) enum Blocked {
    Sleep {
        until: SimTime,
    },
    Read {
        vars: Vec<String>,
    },
    Filter(Filter),
    Follow {
        path: String,
        offset: usize,
        retry: bool,
        missing_said: bool,
    },
    /// Follows several files and ships each new line to an external host.
    Collect {
        paths: Vec<String>,
        offsets: BTreeMap<String, usize>,
        ship_to: String,
    },
    Nc {
        host: String,
        port: u16,
        input: String,
    },
    Serve,
}

#[derive(Clone, Debug)]
pub(crate) enum Filter {
    Cat,
    Head { left: u64 },
    Tail { keep: usize, lines: VecDeque<String> },
    Grep { pattern: String, invert: bool, ignore_case: bool, matched: bool },
    Wc { lines: u64, words: u64, bytes: u64, only_lines: bool },
    Rev,
    Sed(Subst),
}

/// A `sed 's/from/to/[g]'` substitution (plain text, not regular expressions).
/// Parsing and applying it live with `sed` in `cmd/text.rs`.
#[derive(Clone, Debug)]
pub(crate) struct Subst {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) global: bool,
}
