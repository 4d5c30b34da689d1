//! Redirections (`>`, `>>`, `<`, `2>&1`, `/dev/null`): what they make a
//! task's descriptors point at, and the descriptors to restore afterwards.

use super::ast::{Redirect, RedirectOp};
use super::host::Host;
use super::process::{Fds, Process, Sink, Source};
use crate::time::SimTime;

impl Process {
    /// Applies redirections to task `i`, returning the descriptors to restore.
    pub(crate) fn apply_redirects(
        &mut self,
        i: usize,
        redirects: &[Redirect],
        now: SimTime,
        host: &mut dyn Host,
    ) -> Result<Fds, ()> {
        let Some(t) = self.tasks.get(i) else {
            return Err(());
        };
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
                RedirectOp::HereDoc => {
                    if let Some(t) = self.tasks.get_mut(i) {
                        t.stdin = Source::Text { text: target, pos: 0 };
                    }
                    continue;
                }
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
}
