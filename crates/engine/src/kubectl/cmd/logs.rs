//! `kubectl logs`: a container's log, `--tail`, `-p`, and `-f` following
//! for a bounded stretch of virtual time. Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go`.

use super::podcmd::{find_pod, pick_container};
use super::util::{api_error, Cmd};
use crate::kubectl::backend::Backend;
use crate::kubectl::{CommandOutput, Watch, WatchFrame, WATCH_LINES_MAX, WATCH_QUIET_MS};
use crate::text::Text;

/// `kubectl logs` (cmd/logs/logs.go). `-f` follows for a bounded stretch of virtual time.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let Some(arg) = c.inv.args.first() else {
        return CommandOutput::error(
            "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
            Some(Text::new("로그를 볼 파드 이름을 지정하세요. 예: `kubectl logs nginx`", "Name the pod, e.g. `kubectl logs nginx`.")),
        );
    };
    let pod = match find_pod(b, c, arg) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    let container_arg = c.inv.get("container").or_else(|| c.inv.args.get(1).map(String::as_str));
    let containers: Vec<String> = if c.inv.on("all-containers") {
        pod.spec.init_containers.iter().chain(pod.spec.containers.iter()).map(|x| x.name.clone()).collect()
    } else {
        match pick_container(&pod, container_arg, &mut out) {
            Ok(n) => vec![n],
            Err(e) => return e,
        }
    };
    let tail: Option<usize> = match c.inv.get("tail") {
        Some(t) => match t.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n as usize),
            Ok(_) => None,
            Err(_) => return CommandOutput::error(format!("error: invalid argument \"{t}\" for \"--tail\" flag: strconv.ParseInt: parsing \"{t}\": invalid syntax"), None),
        },
        None => None,
    };
    let previous = c.inv.on("previous");
    let ns = pod.metadata.namespace.clone();
    let mut texts = Vec::new();
    for ctr in &containers {
        match b.logs(&ns, &pod.metadata.name, ctr, previous, c.inv.on("timestamps")) {
            Ok(t) => texts.push((ctr.clone(), t)),
            Err(e) => {
                let mut o = api_error(e);
                o.stderr = format!("{}{}", out.stderr, o.stderr);
                return o;
            }
        }
    }
    for (_, t) in &texts {
        out.stdout.push_str(&tail_lines(t, tail));
    }
    if c.inv.on("follow") && !previous {
        let mut watch = Watch::default();
        let limit = c.ctx.watch_ms_max.min(600_000);
        let mut elapsed = 0u64;
        let mut quiet = 0u64;
        while elapsed < limit && watch.frames.len() < WATCH_LINES_MAX {
            b.advance(1000);
            elapsed += 1000;
            quiet += 1000;
            let now = b.now();
            for (ctr, seen) in texts.iter_mut() {
                let Ok(t) = b.logs(&ns, &pod.metadata.name, ctr, false, c.inv.on("timestamps")) else {
                    continue;
                };
                let new = if t.starts_with(seen.as_str()) {
                    t.get(seen.len()..).unwrap_or("").to_string()
                } else {
                    t.clone()
                };
                if !new.is_empty() {
                    quiet = 0;
                    for line in new.lines().take(WATCH_LINES_MAX) {
                        out.stdout.push_str(line);
                        out.stdout.push('\n');
                        watch.frames.push(WatchFrame { at: now, line: line.to_string() });
                    }
                }
                *seen = t;
            }
            if quiet >= WATCH_QUIET_MS {
                break;
            }
        }
        watch.truncated = elapsed >= limit || watch.frames.len() >= WATCH_LINES_MAX;
        out.advanced_ms += elapsed;
        out.watch = Some(watch);
    }
    out
}

fn tail_lines(text: &str, tail: Option<usize>) -> String {
    let Some(n) = tail else {
        return text.to_string();
    };
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.len().saturating_sub(n);
    let mut s = lines.get(from..).unwrap_or(&[]).join("\n");
    if !s.is_empty() {
        s.push('\n');
    }
    s
}
