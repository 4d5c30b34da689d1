//! A simple [`ContainerRuntime`] for tests and until the pod-internals model
//! lands: it reads a container's command to guess how long it runs, and lets
//! tests script exits, OOM kills and probe answers per container name.
//! Also holds the image catalogue (`image_exists`) the kubelet pulls from.

use std::collections::{BTreeMap, BTreeSet};

use crate::hash::fnv1a_64;
use crate::image_ref::ImageRef;
use crate::model::Container;
use crate::runtime::{
    ContainerId, ContainerRuntime, ProbeAction, ProbeResult, RuntimeEvent, SandboxSpec, Signal, StartError,
};
use crate::time::SimTime;

/// True when the simulated registry has this image. Names containing
/// `doesnotexist`, `nonexistent` or `unpullable` are missing (the pod-internals
/// helper may replace this catalogue), and so are version tags newer than
/// any release of an official image (`nginx:1.72`).
pub fn image_exists(image: &str) -> bool {
    let lower = image.to_ascii_lowercase();
    !(lower.is_empty()
        || crate::internals::catalogue::unreleased_tag(image)
        || lower.contains("doesnotexist")
        || lower.contains("nonexistent")
        || lower.contains("unpullable")
        || lower.contains("does-not-exist"))
}

/// A plausible, deterministic image size in bytes for the `Pulled` event.
pub fn image_size(image: &str) -> u64 {
    let known: u64 = match ImageRef::lenient(image).short_name() {
        "busybox" => 2_156_476,
        "alpine" => 3_623_807,
        "nginx" => 72_195_292,
        "redis" => 45_112_842,
        "httpd" => 58_020_421,
        "postgres" => 158_467_235,
        "mysql" => 171_690_245,
        "perl" => 344_018_922,
        "python" => 408_413_111,
        "pause" => 320_368,
        _ => 0,
    };
    if known > 0 {
        return known;
    }
    // FNV-1a of the name, mapped onto 5..200 MB.
    5_000_000 + fnv1a_64(image.as_bytes()) % 195_000_000
}

/// How a scripted container behaves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContainerScript {
    /// Exit after this long with this code (overrides the command guess).
    pub exit: Option<(u64, i32)>,
    /// Killed by the memory limit after this long (exit 137, `OOMKilled`).
    pub oom_after_ms: Option<u64>,
    /// Keep running on SIGTERM (only SIGKILL stops it), like a shell as PID 1.
    pub ignore_sigterm: Option<bool>,
    /// Refuse to start with this `StartError` reason.
    pub start_error: Option<String>,
    /// Exits only on the first `n` runs; later runs follow the command guess.
    pub only_first_runs: Option<u32>,
}

/// A scripted probe answer: given milliseconds since the container started
/// and the probe action, succeed or fail.
pub type ProbeFn = Box<dyn Fn(u64, &ProbeAction) -> ProbeResult>;

struct Proc {
    started: SimTime,
    exit_at: Option<(SimTime, i32, bool)>,
    ignore_sigterm: bool,
}

/// The default runtime (see the module doc).
#[derive(Default)]
pub struct SimpleRuntime {
    procs: BTreeMap<ContainerId, Proc>,
    /// Pending exits in time order, so that `advance` and `next_wakeup` stay cheap.
    exits: BTreeSet<(SimTime, ContainerId)>,
    scripts: BTreeMap<String, ContainerScript>,
    probes: BTreeMap<String, ProbeFn>,
    runs: BTreeMap<String, u32>,
    pending: Vec<RuntimeEvent>,
}

/// The most processes the simple runtime tracks at once.
const MAX_PROCS: usize = 1_000_000;

impl SimpleRuntime {
    pub fn new() -> SimpleRuntime {
        SimpleRuntime::default()
    }

    /// Scripts every container with this name.
    pub fn script(&mut self, container: &str, script: ContainerScript) {
        self.scripts.insert(container.to_string(), script);
    }

    /// Scripts probe answers for every container with this name.
    pub fn script_probe(&mut self, container: &str, f: impl Fn(u64, &ProbeAction) -> ProbeResult + 'static) {
        self.probes.insert(container.to_string(), Box::new(f));
    }

    /// Guesses `(runs_for_ms, exit_code)` from the command; `None` runs forever.
    pub fn guess(container: &Container) -> Option<(u64, i32)> {
        let words: Vec<&str> = container.command.iter().chain(&container.args).map(String::as_str).collect();
        let script = words.join(" ");
        if words.is_empty() {
            return None;
        }
        let first = words.first().copied().unwrap_or("");
        let first = first.rsplit('/').next().unwrap_or(first);
        if first == "false" {
            return Some((1000, 1));
        }
        if first == "true" {
            return Some((1000, 0));
        }
        if script.contains("while true")
            || script.contains("infinity")
            || script.contains("tail -f")
            || script.contains("while :")
        {
            return None;
        }
        let tokens: Vec<&str> = script
            .split(|c: char| c.is_whitespace() || c == ';' || c == '&' || c == '|')
            .filter(|t| !t.is_empty())
            .collect();
        let mut sleep_ms: u64 = 0;
        let mut exit: Option<i32> = None;
        let mut finite_words = false;
        for (k, t) in tokens.iter().enumerate() {
            let next = tokens.get(k + 1).copied().unwrap_or("");
            match *t {
                "sleep" => {
                    let secs: f64 = next.trim_end_matches('s').parse().unwrap_or(0.0);
                    sleep_ms = sleep_ms.saturating_add((secs.max(0.0) * 1000.0) as u64);
                }
                "exit" if exit.is_none() => exit = Some(next.parse().unwrap_or(0)),
                "echo" | "printf" | "date" | "perl" | "env" | "cat" | "ls" | "true" | "wget" | "nslookup" | "curl" => {
                    finite_words = true
                }
                _ => {}
            }
        }
        if let Some(code) = exit {
            return Some((sleep_ms.max(1000), code));
        }
        if sleep_ms > 0 {
            return Some((sleep_ms, 0));
        }
        if script.contains("bpi(") {
            return Some((5000, 0));
        }
        if finite_words
            && matches!(
                first,
                "sh" | "bash"
                    | "echo"
                    | "printf"
                    | "perl"
                    | "date"
                    | "env"
                    | "cat"
                    | "ls"
                    | "wget"
                    | "curl"
                    | "nslookup"
            )
        {
            return Some((1000, 0));
        }
        None
    }
}

impl ContainerRuntime for SimpleRuntime {
    fn create_sandbox(&mut self, _sandbox: &SandboxSpec<'_>, _now: SimTime) {}

    fn start(&mut self, id: &ContainerId, container: &Container, now: SimTime) -> Result<(), StartError> {
        let script = self.scripts.get(&container.name).cloned().unwrap_or_default();
        if let Some(reason) = &script.start_error {
            return Err(StartError {
                reason: reason.clone(),
                message: format!("failed to start container \"{}\"", container.name),
            });
        }
        if self.procs.len() >= MAX_PROCS {
            return Err(StartError { reason: "RunContainerError".into(), message: "too many containers".into() });
        }
        let scripted = match script.only_first_runs {
            None => true,
            Some(n) => {
                let run = self.runs.entry(format!("{}/{}", id.pod_uid, id.container)).or_insert(0);
                *run += 1;
                *run <= n
            }
        };
        let exit_at = if let (true, Some(ms)) = (scripted, script.oom_after_ms) {
            Some((now.plus_ms(ms), 137, true))
        } else if let (true, Some((ms, code))) = (scripted, script.exit) {
            Some((now.plus_ms(ms), code, false))
        } else {
            SimpleRuntime::guess(container).map(|(ms, code)| (now.plus_ms(ms), code, false))
        };
        let shell_pid1 = matches!(
            container.command.first().map(|c| c.rsplit('/').next().unwrap_or(c)),
            Some("sh" | "bash" | "sleep")
        );
        let ignore_sigterm = script.ignore_sigterm.unwrap_or(shell_pid1);
        if let Some(old) = self.procs.insert(id.clone(), Proc { started: now, exit_at, ignore_sigterm }) {
            if let Some((t, _, _)) = old.exit_at {
                self.exits.remove(&(t, id.clone()));
            }
        }
        if let Some((t, _, _)) = exit_at {
            self.exits.insert((t, id.clone()));
        }
        Ok(())
    }

    fn advance(&mut self, now: SimTime) -> Vec<RuntimeEvent> {
        let mut out = std::mem::take(&mut self.pending);
        let mut due = Vec::new();
        while let Some(first) = self.exits.first() {
            if first.0 > now {
                break;
            }
            if let Some((_, id)) = self.exits.pop_first() {
                due.push(id);
            }
        }
        for id in due {
            if let Some(p) = self.procs.remove(&id) {
                if let Some((at, exit_code, oom_killed)) = p.exit_at {
                    out.push(RuntimeEvent::Exited { id, at, exit_code, oom_killed });
                }
            }
        }
        out.sort_by_key(|e| match e {
            RuntimeEvent::Exited { at, .. } | RuntimeEvent::Log { at, .. } => *at,
            RuntimeEvent::Traffic(t) => t.at,
        });
        out
    }

    fn next_wakeup(&self) -> Option<SimTime> {
        let pending = self.pending.iter().filter_map(|e| match e {
            RuntimeEvent::Exited { at, .. } => Some(*at),
            _ => None,
        });
        pending.chain(self.exits.first().map(|(t, _)| *t)).min()
    }

    fn probe(&mut self, id: &ContainerId, action: &ProbeAction, now: SimTime) -> ProbeResult {
        let since = self.procs.get(id).map_or(0, |p| now.since(p.started));
        match self.probes.get(&id.container) {
            Some(f) => f(since, action),
            None => ProbeResult::Success,
        }
    }

    fn signal(&mut self, id: &ContainerId, signal: Signal, now: SimTime) {
        let Some(p) = self.procs.get_mut(id) else { return };
        match signal {
            Signal::Term if p.ignore_sigterm => {}
            Signal::Term => {
                let at = now.plus_ms(100);
                if p.exit_at.is_none_or(|(t, _, _)| t > at) {
                    if let Some((t, _, _)) = p.exit_at {
                        self.exits.remove(&(t, id.clone()));
                    }
                    p.exit_at = Some((at, 143, false));
                    self.exits.insert((at, id.clone()));
                }
            }
            Signal::Kill => {
                if let Some((t, _, _)) = p.exit_at {
                    self.exits.remove(&(t, id.clone()));
                }
                self.procs.remove(id);
                self.pending.push(RuntimeEvent::Exited { id: id.clone(), at: now, exit_code: 137, oom_killed: false });
            }
        }
    }

    fn remove_sandbox(&mut self, pod_uid: &str, _now: SimTime) {
        let ids: Vec<ContainerId> = self
            .procs
            .range(ContainerId { pod_uid: pod_uid.to_string(), container: String::new() }..)
            .take_while(|(id, _)| id.pod_uid == pod_uid)
            .map(|(id, _)| id.clone())
            .collect();
        for id in ids {
            if let Some(p) = self.procs.remove(&id) {
                if let Some((t, _, _)) = p.exit_at {
                    self.exits.remove(&(t, id));
                }
            }
        }
        self.pending.retain(|e| !matches!(e, RuntimeEvent::Exited { id, .. } if id.pod_uid == pod_uid));
        if !self.runs.is_empty() {
            self.runs.retain(|k, _| !k.starts_with(&format!("{pod_uid}/")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(cmd: &[&str], args: &[&str]) -> Container {
        Container {
            name: "c".into(),
            command: cmd.iter().map(|s| s.to_string()).collect(),
            args: args.iter().map(|s| s.to_string()).collect(),
            ..Container::default()
        }
    }

    #[test]
    fn commands_are_guessed() {
        type Case<'a> = (&'a [&'a str], &'a [&'a str], Option<(u64, i32)>);
        let cases: &[Case] = &[
            (&[], &[], None),
            (&["false"], &[], Some((1000, 1))),
            (&["sh", "-c", "exit 3"], &[], Some((1000, 3))),
            (&["sh", "-c"], &["sleep 5; exit 1"], Some((5000, 1))),
            (&["sleep", "30"], &[], Some((30_000, 0))),
            (&["sleep", "infinity"], &[], None),
            (&["sh", "-c", "echo hello"], &[], Some((1000, 0))),
            (&["sh", "-c", "while true; do echo hi; sleep 1; done"], &[], None),
            (&["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"], &[], Some((5000, 0))),
            (&["nginx", "-g", "daemon off;"], &[], None),
        ];
        for (cmd, args, want) in cases {
            assert_eq!(SimpleRuntime::guess(&c(cmd, args)), *want, "{cmd:?} {args:?}");
        }
    }

    #[test]
    fn the_catalogue_knows_missing_images() {
        assert!(image_exists("nginx:1.14.2"));
        assert!(!image_exists("nginx:doesnotexist"));
        assert_eq!(image_size("docker.io/library/nginx:1.27"), 72_195_292);
    }

    // The old split cut `localhost:5000/nginx` at its port's `:` and sized `localhost`.
    #[test]
    fn image_sizes_read_the_repository_behind_a_registry_port() {
        assert_eq!(image_size("localhost:5000/nginx:1.27"), 72_195_292);
        assert_eq!(image_size("busybox@sha256:abc"), 2_156_476);
        let other = image_size("example.com/team/app:v1");
        assert!((5_000_000..200_000_000).contains(&other));
    }
}
