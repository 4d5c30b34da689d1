//! Running containers' programs on the virtual clock: one container at an
//! instant, every due pod at an instant, `kubectl exec`, and signals.

use super::accounting::memory_of_parts;
use super::host::CtrHost;
use super::{ExecResult, PodRuntime, Sandbox};
use crate::runtime::{ContainerId, RuntimeEvent, Signal};
use crate::shell::{self, Process, RunOutcome, STEPS_PER_WAKE};
use crate::text::Text;
use crate::time::SimTime;

impl PodRuntime {
    /// Runs a command in a running container, as `kubectl exec` does: in the
    /// container's mount view, with the pod's hostname and the container's
    /// pid namespace. Sleeps take no virtual time; a command that would
    /// block forever (`tail -f`) is ended, with what it printed so far.
    pub fn exec(&mut self, id: &ContainerId, argv: &[String], now: SimTime) -> Result<ExecResult, Text> {
        self.exec_in(id, argv, None, now)
    }

    /// [`PodRuntime::exec`] from a working directory (an interactive
    /// session's `cd`): relative paths resolve from `cwd`, `pwd` prints it.
    pub fn exec_in(
        &mut self,
        id: &ContainerId,
        argv: &[String],
        cwd: Option<&str>,
        now: SimTime,
    ) -> Result<ExecResult, Text> {
        let Some(sb) = self.sandboxes.get(&id.pod_uid) else {
            return Err(Text::new("파드를 찾을 수 없습니다.", "pod not found"));
        };
        let Some(c) = sb.containers.get(&id.container) else {
            return Err(Text::new(
                format!("{} 컨테이너를 찾을 수 없습니다.", id.container),
                format!("container {} not found", id.container),
            ));
        };
        if !c.running {
            return Err(Text::new(
                "컨테이너가 실행 중이 아니어서 exec 할 수 없습니다.",
                "unable to upgrade connection: container not found (\"".to_string() + &id.container + "\")",
            ));
        }
        let env = c.env.clone();
        self.dirty = true;
        self.clock = self.clock.max(now);
        // A distroless or scratch image has no userland: nothing but its own
        // program can be started in it (so no shell, no `tar` for `kubectl cp`).
        let found = if super::catalogue::ships_userland(&c.image) {
            shell::program_for(argv)
        } else {
            Err(shell::SpawnError::NotFound(String::new()))
        };
        let script = match found {
            Err(_) => {
                let first = argv.first().cloned().unwrap_or_default();
                return Ok(ExecResult {
                    stdout: String::new(),
                    stderr: format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{first}\": executable file not found in $PATH: unknown"),
                    exit_code: 127,
                });
            }
            Ok(Err(e)) => {
                return Ok(ExecResult { stdout: String::new(), stderr: format!("sh: {}\n", e.message), exit_code: 2 });
            }
            Ok(Ok(s)) => s,
        };
        // The pod is taken out of the map while the command runs, so that
        // requests to other pods' IPs can reach them.
        let Some(mut sb) = self.sandboxes.remove(&id.pod_uid) else {
            return Err(Text::new("파드를 찾을 수 없습니다.", "pod not found"));
        };
        let mut h = CtrHost {
            cwd: cwd.map(str::to_string),
            sb: &mut sb,
            ctr: id.container.clone(),
            now,
            events: &mut self.events,
            outside: &mut self.outside,
            event_bytes: &mut self.event_bytes,
            others: Some(&mut self.sandboxes),
        };
        let pid = shell::Host::next_pid(&mut h);
        let mut p = Process::captured(script, env, pid, argv.join(" "), None);
        let mut budget = STEPS_PER_WAKE;
        p.run_to_end(now, &mut h, &mut budget);
        let exit_code = p.exit_code().unwrap_or(0);
        let (stdout, stderr) = p.take_captured();
        self.sandboxes.insert(id.pod_uid.clone(), sb);
        Ok(ExecResult { stdout, stderr, exit_code })
    }

    /// Sends SIGTERM or SIGKILL to a container's main process.
    pub(super) fn send_signal(&mut self, id: &ContainerId, signal: Signal, now: SimTime) {
        let Some(sb) = self.sandboxes.get_mut(&id.pod_uid) else { return };
        let share_pid = sb.share_pid;
        let Some(c) = sb.containers.get_mut(&id.container) else { return };
        if !c.running {
            return;
        }
        let Some(mut p) = c.process.take() else { return };
        c.terminating = true;
        let server = matches!(
            c.argv.first().map(|a| shell::base_name(a)),
            Some(
                "nginx"
                    | "httpd"
                    | "httpd-foreground"
                    | "redis-server"
                    | "socat"
                    | "app"
                    | "fluentd"
                    | "log-collector"
                    | "python"
                    | "python3"
            )
        );
        let kind = c.kind;
        let mut h = CtrHost {
            cwd: None,
            sb,
            ctr: id.container.clone(),
            now,
            events: &mut self.events,
            outside: &mut self.outside,
            event_bytes: &mut self.event_bytes,
            others: None,
        };
        match signal {
            Signal::Kill => p.kill(137, &mut h),
            Signal::Term if server => {
                if kind == "nginx" {
                    let stamp = shell::format_date(now, Some("%Y/%m/%d %H:%M:%S"));
                    shell::Host::log(
                        &mut h,
                        &format!("{stamp} [notice] 1#1: signal 15 (SIGTERM) received, exiting"),
                        true,
                    );
                }
                p.kill(0, &mut h);
            }
            // PID 1 ignores signals it has no handler for: a shell keeps running until SIGKILL.
            Signal::Term => p.terminate(!share_pid, &mut h),
        }
        if let Some(c) = self.sandboxes.get_mut(&id.pod_uid).and_then(|sb| sb.containers.get_mut(&id.container)) {
            c.process = Some(p);
        }
        self.dirty = true;
        if now > self.clock {
            self.clock = now;
        }
        // Report the exit (if any) right away, at `now`.
        self.run_container(&id.pod_uid, &id.container, now, true);
    }

    /// Runs one container's program at `t`; returns whether it did anything.
    pub(super) fn run_container(&mut self, uid: &str, name: &str, t: SimTime, force: bool) -> bool {
        // Cheap checks first, without moving anything.
        {
            let Some(sb) = self.sandboxes.get(uid) else { return false };
            let Some(c) = sb.containers.get(name) else { return false };
            if !c.running || c.spin_until.is_some_and(|s| s > t) {
                return false;
            }
            let Some(p) = c.process.as_ref() else { return false };
            let due = c.spin_until.is_some_and(|s| s <= t) || p.wakeup().is_some_and(|w| w <= t);
            if !force && !due && !p.runnable(t, sb.fs_version) {
                return false;
            }
        }
        // The pod is taken out of the map while its program runs, so that
        // requests to other pods' IPs can reach them.
        let Some(mut sb) = self.sandboxes.remove(uid) else { return false };
        let Some(mut p) = sb.containers.get_mut(name).and_then(|c| c.process.take()) else {
            self.sandboxes.insert(uid.to_string(), sb);
            return false;
        };
        let mut h = CtrHost {
            cwd: None,
            sb: &mut sb,
            ctr: name.to_string(),
            now: t,
            events: &mut self.events,
            outside: &mut self.outside,
            event_bytes: &mut self.event_bytes,
            others: Some(&mut self.sandboxes),
        };
        let mut budget = STEPS_PER_WAKE;
        let outcome = p.run(t, &mut h, &mut budget);
        if let Some(c) = h.sb.containers.get_mut(name) {
            match outcome {
                RunOutcome::Spinning => {
                    c.spin = c.spin.saturating_add(1);
                    c.spin_until = Some(t.plus_ms(1000u64 << c.spin.min(6)));
                    c.cpu_millicores = 1000;
                }
                RunOutcome::Idle => {
                    if c.spin > 0 {
                        c.cpu_millicores = 0;
                    }
                    c.spin = 0;
                    c.spin_until = None;
                }
            }
        }
        let mem = memory_of_parts(h.sb, name);
        let over = super::accounting::over_memory_limit(h.sb, name, mem);
        if over && p.exit_code().is_none() {
            if let Some(c) = h.sb.containers.get_mut(name) {
                c.oom_killed = true;
            }
            p.kill(137, &mut h);
        }
        if let Some(code) = p.exit_code() {
            let mut oom = false;
            if let Some(c) = h.sb.containers.get_mut(name) {
                c.running = false;
                c.exit_code = Some(code);
                c.cpu_millicores = 0;
                oom = c.oom_killed;
            }
            h.sb.ports.retain(|_, (owner, _)| owner != name);
            h.events.push(RuntimeEvent::Exited {
                id: ContainerId { pod_uid: uid.to_string(), container: name.to_string() },
                at: t,
                exit_code: code,
                oom_killed: oom,
            });
        }
        if let Some(c) = sb.containers.get_mut(name) {
            c.process = Some(p);
        }
        self.sandboxes.insert(uid.to_string(), sb);
        true
    }

    /// The earliest time any program wants to run, and whether something can run at `self.clock`.
    pub(super) fn earliest(&self) -> Option<SimTime> {
        let mut best: Option<SimTime> = None;
        for sb in self.sandboxes.values() {
            for c in sb.containers.values() {
                if !c.running {
                    continue;
                }
                let w = match (c.spin_until, c.process.as_ref().and_then(|p| p.wakeup())) {
                    (Some(s), _) => Some(s),
                    (None, w) => w,
                };
                if let Some(w) = w {
                    best = Some(best.map_or(w, |b: SimTime| b.min(w)));
                }
            }
        }
        best
    }

    pub(super) fn run_instant(&mut self, t: SimTime, force: bool) {
        let uids: Vec<String> = self.sandboxes.keys().cloned().collect();
        for uid in uids {
            let Some(sb) = self.sandboxes.get(&uid) else { continue };
            // Pods do not share files or clocks: only a pod with something due runs.
            if !force && !sandbox_due(sb, t) {
                continue;
            }
            let names = sb.order.clone();
            for pass in 0..32 {
                let mut any = false;
                for name in &names {
                    any |= self.run_container(&uid, name, t, force && pass == 0);
                }
                if !any {
                    break;
                }
            }
        }
    }
}

/// Whether some program of the pod wants to run at or before `t`.
fn sandbox_due(sb: &Sandbox, t: SimTime) -> bool {
    sb.containers.values().any(|c| {
        c.running
            && match c.spin_until {
                Some(s) => s <= t,
                None => c.process.as_ref().and_then(|p| p.wakeup()).is_some_and(|w| w <= t),
            }
    })
}
