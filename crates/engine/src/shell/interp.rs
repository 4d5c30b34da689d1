//! The resumable interpreter: a container's program as a state machine
//! stepped by virtual time.
//!
//! A [`Process`] is a set of tasks (the main shell and one task per pipeline
//! stage), each an explicit stack of frames. A task runs until it blocks
//! (`sleep`, `read` on an empty pipe, `tail -f` on a file that has not grown,
//! a server waiting for requests) or the step budget runs out; it never
//! loops on the host's stack, so a `while true` can never hang the engine.
//! This file holds the run loop and control flow; word expansion, redirections,
//! simple commands and descriptors live in the files beside it.

use std::sync::Arc;

use super::ast::*;
use super::host::Host;
use super::process::{
    Frame, Pipe, Process, RunOutcome, Sink, Source, Task, Wait, PIPES_MAX, STEPS_PER_WAKE, TASKS_MAX,
};
use crate::time::SimTime;

impl Process {
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

    /// One step of task `i`: look at the top frame and act on it.
    fn step(&mut self, i: usize, now: SimTime, host: &mut dyn Host) {
        let Some(t) = self.tasks.get_mut(i) else {
            return;
        };
        let Some(frame) = t.frames.pop() else {
            let status = t.status;
            self.finish_task(i, status, host);
            return;
        };
        match frame {
            Frame::Seq { script, idx } => {
                let Some(item) = script.items.get(idx).cloned() else {
                    return;
                };
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
            Frame::Block { pid, cmdline, cmd, state } => {
                self.resume_blocked(i, pid, cmdline, cmd, state, now, host);
            }
        }
    }

    fn spawn_background(&mut self, i: usize, script: Arc<Script>, host: &mut dyn Host) {
        let mut free = self.free_task_slots();
        if free.is_empty() && self.tasks.len() >= TASKS_MAX {
            let _ = self.write(i, 2, "sh: can't fork: Resource temporarily unavailable\n", host);
            return;
        }
        let Some(parent) = self.tasks.get(i) else {
            return;
        };
        // A background job writing into a pipe holds its write end too.
        let owns_write = match parent.out {
            Sink::Pipe(p) => Some(p),
            _ => None,
        };
        if let Some(pipe) = owns_write.and_then(|p| self.pipes.get_mut(p)) {
            pipe.writers += 1;
        }
        let Some(parent) = self.tasks.get(i) else {
            return;
        };
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
        let Some(parent) = self.tasks.get(i).cloned() else {
            return;
        };
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
                cmdline: describe_command(cmd),
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
            Command::Simple(sc) => self.run_simple(i, sc, now, host),
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
}

/// A command as `ps` shows it.
fn describe_command(cmd: &Command) -> String {
    match cmd {
        Command::Simple(sc) => sc.words.iter().map(word_text).collect::<Vec<_>>().join(" "),
        Command::Compound(Compound::Loop { until: false, .. }, _) => "sh".to_string(),
        Command::Compound(..) => "sh".to_string(),
    }
}

fn word_text(w: &Word) -> String {
    let mut s = String::new();
    for p in &w.parts {
        match p {
            WordPart::Lit(t) | WordPart::Quoted(t) => s.push_str(t),
            WordPart::Double(inner) => s.push_str(&word_text(&Word { parts: inner.clone() })),
            WordPart::Var { name, .. } => {
                s.push('$');
                s.push_str(name);
            }
            WordPart::Subst(_) => s.push_str("$(…)"),
            WordPart::Arith(e) => s.push_str(&format!("$(({e}))")),
        }
    }
    s
}
