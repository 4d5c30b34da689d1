//! Simple commands: expanding the words, applying assignments and
//! redirections, running the command from the registry, and waking a
//! command that blocked.

use super::ast::SimpleCommand;
use super::cmd;
use super::context::{Ctx, Outcome, Resumed};
use super::host::Host;
use super::process::{Blocked, Fds, Frame, Process, Wait};
use crate::time::SimTime;

impl Process {
    /// Runs one simple command in task `i`.
    pub(super) fn run_simple(&mut self, i: usize, sc: &SimpleCommand, now: SimTime, host: &mut dyn Host) {
        let mut argv: Vec<String> = Vec::new();
        for w in &sc.words {
            argv.extend(self.expand(i, w, now, host));
            if argv.len() > 4096 {
                break;
            }
        }
        if argv.is_empty() {
            self.run_assignments(i, sc, now, host);
            return;
        }
        for (name, w) in &sc.assigns {
            let v = self.expand_joined(i, w, now, host);
            self.set_var(i, name, v);
        }
        let saved = if sc.redirects.is_empty() {
            None
        } else {
            match self.apply_redirects(i, &sc.redirects, now, host) {
                Ok(saved) => Some(saved),
                Err(()) => {
                    self.set_status(i, 1);
                    return;
                }
            }
        };
        self.write_error = false;
        let (cmd, outcome) = cmd::run(&mut Ctx::new(self, i, now, host), &argv);
        let outcome = match outcome {
            Outcome::Done(0) if self.write_error => Outcome::Done(1),
            other => other,
        };
        match outcome {
            Outcome::Done(code) => {
                if let Some(saved) = saved {
                    self.restore(i, saved);
                }
                self.set_status(i, code);
            }
            Outcome::Exit(code) => self.finish_task(i, code, host),
            Outcome::Block(state) => {
                if let Some(saved) = saved {
                    if let Some(t) = self.task(i) {
                        t.frames.push(Frame::Restore(Box::new(saved)));
                    }
                }
                let direct = self.direct && i == 0;
                let pid = if i == 0 && !direct { host.next_pid() } else { self.task(i).map_or(0, |t| t.pid) };
                let cmdline = argv.join(" ");
                if let Some(t) = self.task(i) {
                    t.frames.push(Frame::Block { pid, cmdline, cmd, state });
                    t.wait = Wait::Ready;
                }
            }
        }
    }

    /// A command of only assignments (and redirections): `X=1 >file`.
    fn run_assignments(&mut self, i: usize, sc: &SimpleCommand, now: SimTime, host: &mut dyn Host) {
        let mut status = 0;
        for (name, w) in &sc.assigns {
            let v = self.expand_joined(i, w, now, host);
            status = self.task(i).map_or(0, |t| t.status);
            self.set_var(i, name, v);
        }
        if !sc.redirects.is_empty() {
            match self.apply_redirects(i, &sc.redirects, now, host) {
                Ok(saved) => self.restore(i, saved),
                Err(()) => status = 1,
            }
        }
        self.set_status(i, status);
    }

    fn restore(&mut self, i: usize, saved: Fds) {
        if let Some(t) = self.task(i) {
            t.stdin = saved.stdin;
            t.out = saved.out;
            t.err = saved.err;
        }
    }

    /// Wakes a blocked command through its registry entry: it either
    /// finishes (setting the status) or pushes itself back with what it
    /// waits for.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn resume_blocked(
        &mut self,
        i: usize,
        pid: u32,
        cmdline: String,
        cmd: &'static str,
        state: Blocked,
        now: SimTime,
        host: &mut dyn Host,
    ) {
        match cmd::resume(&mut Ctx::new(self, i, now, host), cmd, state) {
            Resumed::Done(code) => self.set_status(i, code),
            Resumed::Again(state, wait) => {
                if let Some(t) = self.task(i) {
                    t.frames.push(Frame::Block { pid, cmdline, cmd, state });
                    t.wait = wait;
                }
            }
            Resumed::Exit(code) => self.finish_task(i, code, host),
        }
    }
}
