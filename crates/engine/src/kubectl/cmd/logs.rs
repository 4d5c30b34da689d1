//! `kubectl logs`: one container's log, every container's (`--all-containers`),
//! every pod a selector picks (`-l`), or the first pod of a workload
//! (`deploy/x`, `rs/x`, `job/x`); `--tail`, `--since`, `--since-time`,
//! `--timestamps`, `--prefix`, `-p`, and `-f` following for a bounded
//! stretch of virtual time. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go` (`Complete`,
//! `Validate`, `RunLogs`, `addPrefixIfNeeded`) and
//! `staging/src/k8s.io/kubectl/pkg/polymorphichelpers/logsforobject.go`
//! (container defaulting, `GetFirstPod` with `podutils.ByLogging`).

use std::fmt::Write as _;

use super::drain::parse_go_duration;
use super::podcmd::pods_for_object;
use super::util::{api_error, label_filter, Cmd};
use crate::kubectl::backend::Backend;
use crate::kubectl::{CommandOutput, Watch, WatchFrame, WATCH_LINES_MAX, WATCH_QUIET_MS};
use crate::model::Pod;
use crate::text::Text;
use crate::time::SimTime;

/// `selectorTail`: the lines per container `-l` shows when `--tail` is not given.
const SELECTOR_TAIL: i64 = 10;
/// `--max-log-requests`' default.
const MAX_FOLLOW_DEFAULT: usize = 5;

const USAGE: &str = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

fn usage_error(msg: &str) -> CommandOutput {
    CommandOutput::error(
        format!("error: {msg}\nSee 'kubectl logs -h' for help and examples"),
        Some(Text::new(
            "로그를 볼 파드를 이름이나 `-l` 셀렉터로 지정하세요. 예: `kubectl logs nginx`, `kubectl logs -l app=web`, `kubectl logs deploy/web`",
            "Name the pod, or select pods with `-l`, e.g. `kubectl logs nginx`, `kubectl logs -l app=web`, `kubectl logs deploy/web`.",
        )),
    )
}

/// One log stream: a container of a pod.
struct Stream {
    ns: String,
    pod: String,
    container: String,
    /// The text already printed (for `-f`).
    seen: String,
}

/// The log options of one run (`corev1.PodLogOptions` plus kubectl's own).
struct Opts {
    previous: bool,
    timestamps: bool,
    prefix: bool,
    tail: i64,
    since: Option<SimTime>,
}

/// Parses an RFC 3339 time (`2026-01-01T00:00:10Z`, with optional fraction
/// and offset) to virtual time; times before the virtual epoch are zero.
fn parse_rfc3339(text: &str) -> Option<SimTime> {
    let (date, rest) = text.split_once('T')?;
    let mut d = date.split('-');
    let (y, m, dd): (i64, i64, i64) = (d.next()?.parse().ok()?, d.next()?.parse().ok()?, d.next()?.parse().ok()?);
    let (clock, offset_min): (&str, i64) = if let Some(c) = rest.strip_suffix('Z') {
        (c, 0)
    } else {
        let at = rest.rfind(['+', '-'])?;
        let (c, off) = rest.split_at(at);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (oh, om) = off.get(1..)?.split_once(':')?;
        (c, sign * (oh.parse::<i64>().ok()? * 60 + om.parse::<i64>().ok()?))
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let mut t = hms.split(':');
    let (h, mi, s): (i64, i64, i64) = (t.next()?.parse().ok()?, t.next()?.parse().ok()?, t.next()?.parse().ok()?);
    // Bounded fields keep the arithmetic below far from overflow.
    if !(0..=9999).contains(&y)
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&dd)
        || !(0..=23).contains(&h)
        || !(0..=59).contains(&mi)
        || !(0..=60).contains(&s)
        || !(-1440..=1440).contains(&offset_min)
    {
        return None;
    }
    let ms_frac: i64 = format!("{frac:0<3}").get(..3)?.parse().ok()?;
    let days = crate::time::days_from_civil(y, m, dd) - crate::time::days_from_civil(2026, 1, 1);
    let secs = days * 86_400 + h * 3600 + mi * 60 + s - offset_min * 60;
    Some(SimTime(u64::try_from(secs * 1000 + ms_frac).unwrap_or(0)))
}

/// The options as `Complete` and `Validate` check them.
fn options(c: &Cmd, now: SimTime) -> Result<Opts, CommandOutput> {
    let since_flag = c.inv.get("since");
    let since_time = c.inv.get("since-time");
    if since_flag.is_some() && since_time.is_some() {
        return Err(CommandOutput::error(
            "error: at most one of `sinceTime` or `sinceSeconds` may be specified",
            Some(Text::new(
                "`--since`와 `--since-time` 중 하나만 쓰세요.",
                "Use either `--since` or `--since-time`, not both.",
            )),
        ));
    }
    let tail = match c.inv.get("tail") {
        None if c.inv.get("selector").is_some() => SELECTOR_TAIL,
        None => -1,
        Some(t) => t.parse::<i64>().map_err(|_| {
            CommandOutput::error(
                format!("error: invalid argument \"{t}\" for \"--tail\" flag: strconv.ParseInt: parsing \"{t}\": invalid syntax"),
                None,
            )
        })?,
    };
    let since = match (since_flag, since_time) {
        (Some(s), _) => match parse_go_duration(s) {
            Some(ms) => Some(ms),
            None => {
                return Err(CommandOutput::error(
                    format!("error: invalid argument \"{s}\" for \"--since\" flag: time: invalid duration \"{s}\""),
                    Some(Text::new(
                        "`--since`에는 5s, 2m, 1h 같은 기간을 씁니다.",
                        "`--since` takes a duration such as 5s, 2m or 1h.",
                    )),
                ))
            }
        }
        // `--since` counts back from the time of the request.
        .map(|ms| SimTime(now.as_millis().saturating_sub(ms))),
        (None, Some(t)) => match parse_rfc3339(t) {
            Some(at) => Some(at),
            None => {
                return Err(CommandOutput::error(
                    format!(
                    "error: parsing time \"{t}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{t}\" as \"2006\""
                ),
                    Some(Text::new(
                        "`--since-time`에는 RFC3339 시각을 씁니다. 예: `--since-time=2026-01-01T00:00:10Z`",
                        "`--since-time` takes an RFC3339 time, e.g. `--since-time=2026-01-01T00:00:10Z`.",
                    )),
                ))
            }
        },
        (None, None) => None,
    };
    Ok(Opts {
        previous: c.inv.on("previous"),
        timestamps: c.inv.on("timestamps"),
        prefix: c.inv.on("prefix") || c.inv.on("all-pods"),
        tail,
        since,
    })
}

/// The containers to read in one pod, as `logsForObjectWithClient` picks them.
fn containers_of(
    pod: &Pod,
    wanted: Option<&str>,
    all: bool,
    out: &mut CommandOutput,
) -> Result<Vec<String>, CommandOutput> {
    let names: Vec<&str> = pod.spec.containers.iter().map(|x| x.name.as_str()).collect();
    let init: Vec<&str> = pod.spec.init_containers.iter().map(|x| x.name.as_str()).collect();
    let ephemeral: Vec<&str> = pod.spec.ephemeral_containers.iter().map(|x| x.container.name.as_str()).collect();
    if all {
        return Ok(init.iter().chain(names.iter()).chain(ephemeral.iter()).map(|s| s.to_string()).collect());
    }
    let all_names = || {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.extend(ephemeral.iter().map(|s| format!("{s} (ephem)")));
        v.extend(init.iter().map(|s| format!("{s} (init)")));
        v.join(", ")
    };
    let pod_name = &pod.metadata.name;
    let mut chosen = wanted.map(str::to_string);
    if chosen.is_none() {
        if let Some(d) =
            pod.metadata.annotations.get("kubectl.kubernetes.io/default-container").filter(|d| !d.is_empty())
        {
            if names.contains(&d.as_str()) || init.contains(&d.as_str()) || ephemeral.contains(&d.as_str()) {
                chosen = Some(d.clone());
            } else {
                let _ = writeln!(out.stderr, "Default container name \"{d}\" not found in pod {pod_name}");
            }
        }
    }
    let chosen = match chosen {
        Some(x) => x,
        None => {
            let first = names.first().map(|s| s.to_string()).unwrap_or_default();
            if names.len() > 1 || !init.is_empty() || !ephemeral.is_empty() {
                let _ = writeln!(out.stderr, "Defaulted container \"{first}\" out of: {}", all_names());
            }
            first
        }
    };
    if ![&names, &init, &ephemeral].iter().any(|list| list.contains(&chosen.as_str())) {
        return Err(CommandOutput::error(
            format!("error: container {chosen} is not valid for pod {pod_name} out of: {}", all_names()),
            Some(Text::new(
                format!("{pod_name} 파드에는 `{chosen}` 컨테이너가 없습니다. 있는 컨테이너: {}", all_names()),
                format!("Pod {pod_name} has no container `{chosen}`. Its containers: {}", all_names()),
            )),
        ));
    }
    Ok(vec![chosen])
}

/// One stream's text as the kubelet returns it for these options, then
/// prefixed as `addPrefixIfNeeded` does.
fn render(raw: &str, s: &Stream, o: &Opts, tail: bool) -> String {
    let mut lines: Vec<&str> = raw
        .lines()
        .filter(|l| {
            o.since
                .is_none_or(|since| l.split_once(' ').and_then(|(t, _)| parse_rfc3339(t)).is_none_or(|at| at >= since))
        })
        .collect();
    if tail && o.tail >= 0 {
        let keep = usize::try_from(o.tail).unwrap_or(usize::MAX);
        let from = lines.len().saturating_sub(keep);
        lines = lines.split_off(from);
    }
    let mut text = String::new();
    for l in lines {
        if o.prefix {
            let _ = write!(text, "[pod/{}/{}] ", s.pod, s.container);
        }
        let body = if o.timestamps { l } else { l.split_once(' ').map(|(_, rest)| rest).unwrap_or("") };
        text.push_str(body);
        text.push('\n');
    }
    text
}

/// `kubectl logs` (cmd/logs/logs.go).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let (arg, container_arg) = match (c.inv.args.as_slice(), filter.is_set()) {
        ([], false) => return usage_error(USAGE),
        ([], true) => (None, c.inv.get("container")),
        ([_], true) => return usage_error("only a selector (-l) or a POD name is allowed"),
        ([a], false) => (Some(a.as_str()), c.inv.get("container")),
        ([a, ctr], _) => (Some(a.as_str()), Some(ctr.as_str())),
        _ => return usage_error(USAGE),
    };
    let o = match options(c, b.now()) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let max_follow = match c.inv.get("max-log-requests").map(|m| (m, m.parse::<i64>())) {
        None => MAX_FOLLOW_DEFAULT,
        Some((_, Ok(n))) if n >= 1 => usize::try_from(n).unwrap_or(MAX_FOLLOW_DEFAULT),
        Some((_, Ok(_))) => return CommandOutput::error("error: --max-log-requests must be greater than 0", None),
        Some((m, Err(_))) => {
            return CommandOutput::error(
                format!("error: invalid argument \"{m}\" for \"--max-log-requests\" flag: strconv.ParseInt: parsing \"{m}\": invalid syntax"),
                None,
            )
        }
    };
    let mut out = CommandOutput::default();
    let pods = match arg {
        Some(a) => match pods_for_object(b, c, a, &mut out, unsupported) {
            Ok(p) => p,
            Err(mut e) => {
                e.stderr = format!("{}{}", out.stderr, e.stderr);
                return e;
            }
        },
        None => {
            let mut v: Vec<Pod> = b
                .pods()
                .into_iter()
                .filter(|p| p.metadata.namespace == c.ns && filter.matches(&p.metadata.labels))
                .collect();
            v.sort_by(|x, y| x.metadata.name.cmp(&y.metadata.name));
            if v.is_empty() {
                return CommandOutput {
                    stderr: format!("No resources found in {} namespace.\n", c.ns),
                    ..CommandOutput::default()
                };
            }
            v
        }
    };
    let mut streams = Vec::new();
    for pod in &pods {
        match containers_of(pod, container_arg, c.inv.on("all-containers"), &mut out) {
            Ok(names) => streams.extend(names.into_iter().map(|ctr| Stream {
                ns: pod.metadata.namespace.clone(),
                pod: pod.metadata.name.clone(),
                container: ctr,
                seen: String::new(),
            })),
            Err(mut e) => {
                e.stderr = format!("{}{}", out.stderr, e.stderr);
                return e;
            }
        }
    }
    let follow = c.inv.on("follow") && !o.previous;
    if follow && streams.len() > 1 && streams.len() > max_follow {
        let mut e = CommandOutput::error(
            format!("error: you are attempting to follow {} log streams, but maximum allowed concurrency is {max_follow}, use --max-log-requests to increase the limit", streams.len()),
            Some(Text::new(
                format!("로그 스트림 {}개를 동시에 따라가려고 했지만 최대 {max_follow}개까지 허용됩니다. `--max-log-requests={}`로 한도를 올리거나 셀렉터를 좁히세요.", streams.len(), streams.len()),
                format!("You tried to follow {} log streams at once; at most {max_follow} are allowed. Raise the limit with `--max-log-requests={}` or narrow the selector.", streams.len(), streams.len()),
            )),
        );
        e.stderr = format!("{}{}", out.stderr, e.stderr);
        return e;
    }
    for s in streams.iter_mut() {
        match b.logs(&s.ns, &s.pod, &s.container, o.previous, true) {
            Ok(raw) => {
                out.stdout.push_str(&render(&raw, s, &o, true));
                s.seen = raw;
            }
            Err(e) => {
                let mut e = api_error(e);
                e.stdout = std::mem::take(&mut out.stdout);
                e.stderr = format!("{}{}", out.stderr, e.stderr);
                return e;
            }
        }
    }
    if follow {
        follow_streams(b, c, &mut streams, &o, &mut out);
    }
    out
}

/// `-f`: new lines of every stream as virtual time passes, bounded by the
/// context's watch limit and a quiet spell.
fn follow_streams<B: Backend + ?Sized>(b: &mut B, c: &Cmd, streams: &mut [Stream], o: &Opts, out: &mut CommandOutput) {
    let mut watch = Watch::default();
    let limit = c.ctx.watch_ms_max.min(600_000);
    let mut elapsed = 0u64;
    let mut quiet = 0u64;
    while elapsed < limit && watch.frames.len() < WATCH_LINES_MAX {
        b.advance(1000);
        elapsed += 1000;
        quiet += 1000;
        let now = b.now();
        for s in streams.iter_mut() {
            let Ok(raw) = b.logs(&s.ns, &s.pod, &s.container, false, true) else { continue };
            let new =
                if raw.starts_with(s.seen.as_str()) { raw.get(s.seen.len()..).unwrap_or("") } else { raw.as_str() };
            let text = render(new, s, o, false);
            if !text.is_empty() {
                quiet = 0;
                for line in text.lines().take(WATCH_LINES_MAX) {
                    out.stdout.push_str(line);
                    out.stdout.push('\n');
                    watch.frames.push(WatchFrame { at: now, line: line.to_string() });
                }
            }
            s.seen = raw;
        }
        if quiet >= WATCH_QUIET_MS {
            break;
        }
    }
    watch.truncated = elapsed >= limit || watch.frames.len() >= WATCH_LINES_MAX;
    out.advanced_ms += elapsed;
    out.watch = Some(watch);
}

/// `logs` of a kind that makes no pods (logsforobject.go's default case).
fn unsupported(_typed: &str, kind: &str) -> CommandOutput {
    CommandOutput::error(
        format!("error: cannot get the logs from *v1.{kind}: selector for *v1.{kind} not implemented"),
        Some(Text::new(
            "로그는 파드, 또는 파드를 만드는 워크로드(deploy, rs, job)에서만 볼 수 있습니다.",
            "Logs come from pods, or from workloads that make pods (deploy, rs, job).",
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_parse_to_virtual_time() {
        assert_eq!(parse_rfc3339("2026-01-01T00:00:10Z"), Some(SimTime(10_000)));
        assert_eq!(parse_rfc3339("2026-01-01T00:01:00.500000000Z"), Some(SimTime(60_500)));
        assert_eq!(parse_rfc3339("2026-01-01T09:00:10+09:00"), Some(SimTime(10_000)));
        assert_eq!(parse_rfc3339("2025-12-31T00:00:00Z"), Some(SimTime(0)));
        assert_eq!(parse_rfc3339("yesterday"), None);
    }
}
