//! Commands about time and processes: `sleep`, `date`, `hostname`, `id`,
//! `whoami`, `uname`, `ps`, `env`/`printenv` and `kill`.

use crate::shell::context::{Call, Ctx, Outcome, Resumed};
use crate::shell::process::{Blocked, Wait};
use crate::text::Text;
use crate::time::SimTime;

pub(super) fn sleep(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    if args.is_empty() {
        ctx.err("sleep: missing operand\n");
        return Outcome::Done(1);
    }
    let mut total = 0u64;
    for x in args {
        match parse_duration_ms(x) {
            Some(ms) => total = total.saturating_add(ms),
            None => {
                ctx.err(&format!("sleep: invalid number '{x}'\n"));
                return Outcome::Done(1);
            }
        }
    }
    Outcome::Block(Blocked::Sleep { until: ctx.now.plus_ms(total) })
}

/// `sleep` waits for its time (at once when sleeps take no time).
pub(super) fn resume_sleep(ctx: &mut Ctx<'_>, state: Blocked) -> Resumed {
    let Blocked::Sleep { until } = state else {
        return Resumed::Done(0);
    };
    if ctx.now >= until || ctx.instant() {
        Resumed::Done(0)
    } else {
        Resumed::Again(Blocked::Sleep { until }, Wait::Until(until))
    }
}

pub(super) fn date(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let fmt = call.args.iter().find_map(|x| x.strip_prefix('+'));
    let text = format!("{}\n", format_date(ctx.now, fmt));
    let _ = ctx.out(&text);
    Outcome::Done(0)
}

pub(super) fn hostname(ctx: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    let text = format!("{}\n", ctx.host.hostname());
    let _ = ctx.out(&text);
    Outcome::Done(0)
}

pub(super) fn id(ctx: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    let _ = ctx.out("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n");
    Outcome::Done(0)
}

pub(super) fn whoami(ctx: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    let _ = ctx.out("root\n");
    Outcome::Done(0)
}

pub(super) fn uname(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let text = if call.args.iter().any(|x| x == "-a") {
        format!("Linux {} 6.8.0-podplay #1 SMP x86_64 GNU/Linux\n", ctx.host.hostname())
    } else {
        "Linux\n".to_string()
    };
    let _ = ctx.out(&text);
    Outcome::Done(0)
}

pub(super) fn ps(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let mut own = ctx.processes();
    // `kubectl exec pod -- ps` runs ps as the process itself: it is
    // already listed. Inside a shell, ps is a child of its own.
    let cmdline = call.argv.join(" ");
    if ctx.task_cmdline().is_none_or(|c| c != cmdline) {
        let pid = ctx.host.next_pid();
        own.push((pid, cmdline));
    }
    let lines = ctx.host.ps(&own);
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let _ = ctx.out(&text);
    Outcome::Done(0)
}

/// `env` and `printenv [NAME]`.
pub(super) fn env(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let vars = ctx.vars();
    if call.name == "printenv" && !call.args.is_empty() {
        return match vars.get(call.arg(0)) {
            Some(v) => {
                let _ = ctx.out(&format!("{v}\n"));
                Outcome::Done(0)
            }
            None => Outcome::Done(1),
        };
    }
    let text: String = vars.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
    let _ = ctx.out(&text);
    Outcome::Done(0)
}

pub(super) fn kill(ctx: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    ctx.err("sh: kill: not supported in this simulation\n");
    ctx.host.explain(Text::new(
        "Podplay의 모의 셸은 kill을 지원하지 않습니다. 컨테이너를 멈추려면 파드를 삭제하거나 kubelet이 보내는 신호를 이용하세요.",
        "Podplay's simulated shell does not support kill. To stop a container, delete the pod or let the kubelet signal it.",
    ));
    Outcome::Done(1)
}

/// Parses `sleep`'s argument: seconds with an optional `s`/`m`/`h`/`d`
/// suffix, fractions allowed, or `infinity`. Returns milliseconds.
pub(super) fn parse_duration_ms(arg: &str) -> Option<u64> {
    if arg == "infinity" || arg == "inf" {
        return Some(u64::MAX / 4);
    }
    let (num, mult) = match arg.char_indices().last() {
        Some((k, 's')) => (arg.get(..k)?, 1000.0),
        Some((k, 'm')) => (arg.get(..k)?, 60_000.0),
        Some((k, 'h')) => (arg.get(..k)?, 3_600_000.0),
        Some((k, 'd')) => (arg.get(..k)?, 86_400_000.0),
        _ => (arg, 1000.0),
    };
    let v: f64 = num.parse().ok()?;
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    Some((v * mult).min((u64::MAX / 4) as f64) as u64)
}

/// BusyBox `date` output: `Thu Jan  1 00:00:05 UTC 2026`, or a `+FORMAT`.
pub fn format_date(now: SimTime, format: Option<&str>) -> String {
    let secs = now.as_millis() / 1000;
    let days = secs / 86_400;
    let rfc = now.rfc3339();
    let num = |a: usize, b: usize| rfc.get(a..b).unwrap_or("00").to_string();
    let (y, mo, d, h, mi, s) = (num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19));
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let wd = WEEKDAYS.get((days % 7) as usize).copied().unwrap_or("Thu");
    let mon = mo.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).copied().unwrap_or("Jan");
    let epoch = 1_767_225_600u64 + secs;
    match format {
        None => format!("{wd} {mon} {:>2} {h}:{mi}:{s} UTC {y}", d.trim_start_matches('0')),
        Some(f) => {
            let mut outp = String::new();
            let mut chars = f.chars();
            while let Some(c) = chars.next() {
                if c != '%' {
                    outp.push(c);
                    continue;
                }
                match chars.next() {
                    Some('Y') => outp.push_str(&y),
                    Some('m') => outp.push_str(&mo),
                    Some('d') => outp.push_str(&d),
                    Some('H') => outp.push_str(&h),
                    Some('M') => outp.push_str(&mi),
                    Some('S') => outp.push_str(&s),
                    Some('s') => outp.push_str(&epoch.to_string()),
                    Some('T') => outp.push_str(&format!("{h}:{mi}:{s}")),
                    Some('F') => outp.push_str(&format!("{y}-{mo}-{d}")),
                    Some('a') => outp.push_str(wd),
                    Some('b') => outp.push_str(mon),
                    Some('Z') => outp.push_str("UTC"),
                    Some('%') => outp.push('%'),
                    Some(o) => {
                        outp.push('%');
                        outp.push(o);
                    }
                    None => outp.push('%'),
                }
            }
            outp
        }
    }
}
