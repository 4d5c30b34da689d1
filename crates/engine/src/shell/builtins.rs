//! The commands the simulated containers know: a BusyBox-like set (echo,
//! sleep, cat, tail, wget, …) plus the servers that images run (nginx,
//! httpd, redis-server, socat, stress, a log collector). Each either ends at
//! once or blocks with a resumable state; messages follow the real tools.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use super::ast::*;
use super::host::{Host, NetError, Proto, Request, Service};
use super::interp::{Frame, Process, Wait};
use super::parser;
use crate::text::Text;
use crate::time::SimTime;

/// Lines a streaming command handles per wake-up before yielding.
const LINES_PER_RESUME: usize = 1000;
const OUTPUT_BYTES_MAX: usize = 256 * 1024;

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
#[derive(Clone, Debug)]
pub(crate) struct Subst {
    from: String,
    to: String,
    global: bool,
}

impl Subst {
    /// Parses `s/from/to/` or `s/from/to/g` with any delimiter.
    fn parse(expr: &str) -> Option<Subst> {
        let rest = expr.strip_prefix('s')?;
        let delim = rest.chars().next()?;
        let parts: Vec<&str> = rest.get(delim.len_utf8()..)?.split(delim).collect();
        match parts.as_slice() {
            [from, to, flags] if !from.is_empty() && flags.chars().all(|c| c == 'g') => {
                Some(Subst { from: from.to_string(), to: to.to_string(), global: *flags == "g" })
            }
            _ => None,
        }
    }

    fn apply(&self, line: &str) -> String {
        if self.global {
            line.replace(&self.from, &self.to)
        } else {
            line.replacen(&self.from, &self.to, 1)
        }
    }
}

/// What running a command did.
enum Outcome {
    Done(i32),
    Block(Blocked),
    Exit(i32),
}

const COMMANDS: &[&str] = &[
    "echo",
    "printf",
    "sleep",
    "exit",
    "true",
    "false",
    ":",
    "date",
    "cat",
    "touch",
    "tail",
    "head",
    "ls",
    "hostname",
    "ps",
    "wget",
    "curl",
    "nc",
    "redis-cli",
    "test",
    "[",
    "read",
    "export",
    "unset",
    "set",
    "cd",
    "pwd",
    "rm",
    "mkdir",
    "env",
    "printenv",
    "wc",
    "grep",
    "seq",
    "id",
    "whoami",
    "uname",
    "break",
    "continue",
    "trap",
    "sh",
    "bash",
    "ash",
    "exec",
    "nginx",
    "httpd",
    "httpd-foreground",
    "redis-server",
    "socat",
    "python",
    "python3",
    "stress",
    "fluentd",
    "log-collector",
    "app",
    "pause",
    "sync",
    "nslookup",
    "kill",
    "wait",
    "readlink",
    "rev",
    "sed",
    "cp",
    "mv",
    "basename",
    "dirname",
];

/// Strips a path: `/bin/sh` → `sh`.
pub fn base_name(arg: &str) -> &str {
    arg.rsplit('/').next().unwrap_or(arg)
}

/// Whether a command name is known (as a builtin or a simulated binary).
pub fn is_command(name: &str) -> bool {
    COMMANDS.contains(&base_name(name))
}

/// Every command the shell knows, for help texts and the UI.
pub fn commands() -> &'static [&'static str] {
    COMMANDS
}

/// A command as `ps` shows it.
pub(crate) fn describe_command(cmd: &Command) -> String {
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

/// Runs one simple command in task `i`.
pub(crate) fn run_simple(p: &mut Process, i: usize, sc: &SimpleCommand, now: SimTime, host: &mut dyn Host) {
    let mut argv: Vec<String> = Vec::new();
    for w in &sc.words {
        argv.extend(p.expand(i, w, now, host));
        if argv.len() > 4096 {
            break;
        }
    }
    if argv.is_empty() {
        let mut status = 0;
        for (name, w) in &sc.assigns {
            let v = p.expand_joined(i, w, now, host);
            status = p.task(i).map_or(0, |t| t.status);
            p.set_var(i, name, v);
        }
        if !sc.redirects.is_empty() {
            match p.apply_redirects(i, &sc.redirects, now, host) {
                Ok(saved) => restore(p, i, saved),
                Err(()) => status = 1,
            }
        }
        if let Some(t) = p.task(i) {
            t.status = status;
        }
        return;
    }
    for (name, w) in &sc.assigns {
        let v = p.expand_joined(i, w, now, host);
        p.set_var(i, name, v);
    }
    let saved = if sc.redirects.is_empty() {
        None
    } else {
        match p.apply_redirects(i, &sc.redirects, now, host) {
            Ok(saved) => Some(saved),
            Err(()) => {
                if let Some(t) = p.task(i) {
                    t.status = 1;
                }
                return;
            }
        }
    };
    p.write_error = false;
    let outcome = exec(p, i, &argv, now, host);
    let outcome = match outcome {
        Outcome::Done(0) if p.write_error => Outcome::Done(1),
        other => other,
    };
    match outcome {
        Outcome::Done(code) => {
            if let Some(saved) = saved {
                restore(p, i, saved);
            }
            if let Some(t) = p.task(i) {
                t.status = code;
            }
        }
        Outcome::Exit(code) => p.finish_task(i, code, host),
        Outcome::Block(state) => {
            if let Some(saved) = saved {
                if let Some(t) = p.task(i) {
                    t.frames.push(Frame::Restore(Box::new(saved)));
                }
            }
            let direct = p.direct && i == 0;
            let pid = if i == 0 && !direct { host.next_pid() } else { p.task(i).map_or(0, |t| t.pid) };
            let cmdline = argv.join(" ");
            if let Some(t) = p.task(i) {
                t.frames.push(Frame::Block { pid, cmdline, state });
                t.wait = Wait::Ready;
            }
        }
    }
}

fn restore(p: &mut Process, i: usize, saved: super::interp::Fds) {
    if let Some(t) = p.task(i) {
        t.stdin = saved.stdin;
        t.out = saved.out;
        t.err = saved.err;
    }
}

fn out(p: &mut Process, i: usize, text: &str, host: &mut dyn Host) -> bool {
    p.write(i, 1, text, host)
}

fn err(p: &mut Process, i: usize, text: &str, host: &mut dyn Host) {
    let _ = p.write(i, 2, text, host);
}

/// Resumes a blocked command: it either finishes (setting the status) or
/// pushes itself back with what it waits for.
pub(crate) fn resume(
    p: &mut Process,
    i: usize,
    pid: u32,
    cmdline: String,
    state: Blocked,
    now: SimTime,
    host: &mut dyn Host,
) {
    let done = |p: &mut Process, code: i32| {
        if let Some(t) = p.task(i) {
            t.status = code;
        }
    };
    let again = |p: &mut Process, state: Blocked, wait: Wait| {
        if let Some(t) = p.task(i) {
            t.frames.push(Frame::Block { pid, cmdline: cmdline.clone(), state });
            t.wait = wait;
        }
    };
    match state {
        Blocked::Sleep { until } => {
            if now >= until || p.instant {
                done(p, 0);
            } else {
                again(p, Blocked::Sleep { until }, Wait::Until(until));
            }
        }
        Blocked::Read { vars } => match p.read_line(i) {
            Some(Some(line)) => {
                assign_read(p, i, &vars, &line);
                done(p, 0);
            }
            Some(None) => done(p, 1),
            None => again(p, Blocked::Read { vars }, Wait::Stdin),
        },
        Blocked::Filter(mut f) => {
            for _ in 0..LINES_PER_RESUME {
                match p.read_line(i) {
                    Some(Some(line)) => {
                        let (text, finished) = filter_line(&mut f, &line);
                        if !text.is_empty() && !out(p, i, &text, host) {
                            p.finish_task(i, 141, host);
                            return;
                        }
                        if finished {
                            done(p, 0);
                            return;
                        }
                    }
                    Some(None) => {
                        let (text, code) = filter_end(&f);
                        if !text.is_empty() {
                            let _ = out(p, i, &text, host);
                        }
                        done(p, code);
                        return;
                    }
                    None => {
                        again(p, Blocked::Filter(f), Wait::Stdin);
                        return;
                    }
                }
            }
            again(p, Blocked::Filter(f), Wait::Ready);
        }
        Blocked::Follow { path, offset, retry, missing_said } => {
            let version = host.fs_version();
            let mut offset = offset;
            let mut missing_said = missing_said;
            match host.file_len(&path) {
                Some(len) => {
                    if len < offset {
                        err(p, i, &format!("tail: {path}: file truncated\n"), host);
                        offset = 0;
                    }
                    if len > offset {
                        if let Ok(text) = host.read_from(&path, offset) {
                            let new = text.get(..OUTPUT_BYTES_MAX.min(text.len())).unwrap_or(&text).to_string();
                            offset = len;
                            if !out(p, i, &new, host) {
                                p.finish_task(i, 141, host);
                                return;
                            }
                        }
                    }
                    missing_said = false;
                }
                None => {
                    if !missing_said {
                        err(p, i, &format!("tail: can't open '{path}': No such file or directory\n"), host);
                        missing_said = true;
                    }
                    if !retry {
                        err(p, i, "tail: no files\n", host);
                        done(p, 1);
                        return;
                    }
                    offset = 0;
                }
            }
            again(p, Blocked::Follow { path, offset, retry, missing_said }, Wait::FsChange(version));
        }
        Blocked::Collect { paths, mut offsets, ship_to } => {
            let version = host.fs_version();
            let mut files = Vec::new();
            for pat in &paths {
                if pat.contains('*') {
                    let (dir, name) = pat.rsplit_once('/').unwrap_or(("/", pat));
                    let dir = if dir.is_empty() { "/" } else { dir };
                    if let Ok(names) = host.list(dir) {
                        for n in names {
                            if super::interp::wildcard(name.as_bytes(), n.as_bytes()) {
                                files.push(format!("{}/{n}", dir.trim_end_matches('/')));
                            }
                        }
                    }
                } else {
                    files.push(pat.clone());
                }
            }
            for f in files.into_iter().take(64) {
                let Some(len) = host.file_len(&f) else { continue };
                let off = offsets.get(&f).copied().unwrap_or(0);
                if len == off {
                    continue;
                }
                let off = if len < off { 0 } else { off };
                let Ok(text) = host.read_from(&f, off) else { continue };
                let new = text.as_str();
                let count = new.lines().count();
                offsets.insert(f.clone(), len);
                if count == 0 {
                    continue;
                }
                let req = Request {
                    host: ship_to.clone(),
                    port: 443,
                    proto: Proto::Line { payload: format!("{count} lines from {f}") },
                    agent: "fluentd".to_string(),
                };
                let _ = host.request(&req);
                let _ = out(p, i, &format!("shipped {count} line(s) from {f} to {ship_to}\n"), host);
            }
            again(p, Blocked::Collect { paths, offsets, ship_to }, Wait::FsChange(version));
        }
        Blocked::Nc { host: h, port, mut input } => loop {
            match p.read_line(i) {
                Some(Some(line)) => {
                    if input.len() < OUTPUT_BYTES_MAX {
                        input.push_str(&line);
                        input.push('\n');
                    }
                }
                Some(None) => {
                    let code = nc_send(p, i, &h, port, &input, host);
                    done(p, code);
                    return;
                }
                None => {
                    again(p, Blocked::Nc { host: h, port, input }, Wait::Stdin);
                    return;
                }
            }
        },
        Blocked::Serve => again(p, Blocked::Serve, Wait::Forever),
    }
}

fn assign_read(p: &mut Process, i: usize, vars: &[String], line: &str) {
    let mut rest = line.trim_start();
    for (k, v) in vars.iter().enumerate() {
        if k + 1 == vars.len() {
            p.set_var(i, v, rest.trim_end().to_string());
        } else {
            let (head, tail) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
            p.set_var(i, v, head.to_string());
            rest = tail.trim_start();
        }
    }
}

fn filter_line(f: &mut Filter, line: &str) -> (String, bool) {
    match f {
        Filter::Cat => (format!("{line}\n"), false),
        Filter::Head { left } => {
            if *left == 0 {
                return (String::new(), true);
            }
            *left -= 1;
            (format!("{line}\n"), *left == 0)
        }
        Filter::Tail { keep, lines } => {
            lines.push_back(line.to_string());
            while lines.len() > *keep {
                lines.pop_front();
            }
            (String::new(), false)
        }
        Filter::Grep { pattern, invert, ignore_case, matched } => {
            let hit = if *ignore_case {
                line.to_lowercase().contains(&pattern.to_lowercase())
            } else {
                line.contains(pattern.as_str())
            };
            if hit != *invert {
                *matched = true;
                (format!("{line}\n"), false)
            } else {
                (String::new(), false)
            }
        }
        Filter::Rev => (format!("{}\n", line.chars().rev().collect::<String>()), false),
        Filter::Sed(s) => (format!("{}\n", s.apply(line)), false),
        Filter::Wc { lines, words, bytes, .. } => {
            *lines += 1;
            *words += line.split_whitespace().count() as u64;
            *bytes += line.len() as u64 + 1;
            (String::new(), false)
        }
    }
}

fn filter_end(f: &Filter) -> (String, i32) {
    match f {
        Filter::Tail { lines, .. } => (lines.iter().map(|l| format!("{l}\n")).collect(), 0),
        Filter::Grep { matched, .. } => (String::new(), if *matched { 0 } else { 1 }),
        Filter::Wc { lines, words, bytes, only_lines } => {
            if *only_lines {
                (format!("{lines}\n"), 0)
            } else {
                (format!("{lines:>9} {words:>9} {bytes:>9}\n"), 0)
            }
        }
        _ => (String::new(), 0),
    }
}

/// Parses `sleep`'s argument: seconds with an optional `s`/`m`/`h`/`d`
/// suffix, fractions allowed, or `infinity`. Returns milliseconds.
fn parse_duration_ms(arg: &str) -> Option<u64> {
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

struct Url {
    host: String,
    port: u16,
    path: String,
}

fn parse_url(raw: &str) -> Option<Url> {
    let (default_port, rest) = if let Some(r) = raw.strip_prefix("http://") {
        (80, r)
    } else if let Some(r) = raw.strip_prefix("https://") {
        (443, r)
    } else {
        (80, raw)
    };
    let (hostport, path) = match rest.find('/') {
        Some(n) => (rest.get(..n)?, rest.get(n..)?),
        None => (rest, "/"),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().ok()?),
        None => (hostport, default_port),
    };
    if host.is_empty() {
        return None;
    }
    Some(Url { host: host.to_string(), port, path: path.to_string() })
}

fn status_text(code: u16) -> &'static str {
    match code {
        200 => "OK",
        404 => "Not Found",
        403 => "Forbidden",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

fn wget(p: &mut Process, i: usize, args: &[String], host: &mut dyn Host) -> i32 {
    let mut quiet = false;
    let mut output: Option<String> = None;
    let mut spider = false;
    let mut url = None;
    let mut k = 0;
    while let Some(a) = args.get(k) {
        k += 1;
        if a == "--spider" {
            spider = true;
        } else if a.starts_with("--") {
            continue;
        } else if let Some(flags) = a.strip_prefix('-') {
            for (n, c) in flags.char_indices() {
                match c {
                    'q' => quiet = true,
                    'O' => {
                        let rest = flags.get(n + 1..).unwrap_or("");
                        output = Some(if rest.is_empty() {
                            k += 1;
                            args.get(k - 1).cloned().unwrap_or_default()
                        } else {
                            rest.to_string()
                        });
                        break;
                    }
                    'T' | 'U' | 'Y' | 'P' => {
                        if flags.get(n + 1..).unwrap_or("").is_empty() {
                            k += 1;
                        }
                        break;
                    }
                    _ => {}
                }
            }
        } else {
            url = Some(a.clone());
        }
    }
    let Some(raw) = url else {
        err(p, i, "BusyBox v1.27.2 (2017-10-02 19:09:26 UTC) multi-call binary.\n\nUsage: wget [-c|--continue] [--spider] [-q|--quiet] [-O|--output-document FILE] URL...\n", host);
        return 1;
    };
    let Some(u) = parse_url(&raw) else {
        err(p, i, &format!("wget: bad address '{raw}'\n"), host);
        return 1;
    };
    let req = Request {
        host: u.host.clone(),
        port: u.port,
        proto: Proto::Http { path: u.path.clone() },
        agent: "Wget".to_string(),
    };
    match host.request(&req) {
        Err(NetError::BadAddress) => {
            err(p, i, &format!("wget: bad address '{}'\n", u.host), host);
            1
        }
        Err(NetError::Refused { addr }) => {
            if !quiet {
                err(p, i, &format!("Connecting to {}:{} ({addr}:{})\n", u.host, u.port, u.port), host);
            }
            err(p, i, &format!("wget: can't connect to remote host ({addr}): Connection refused\n"), host);
            1
        }
        Ok(resp) => {
            if !quiet {
                err(p, i, &format!("Connecting to {}:{} ({}:{})\n", u.host, u.port, resp.addr, u.port), host);
            }
            if resp.status >= 400 {
                err(
                    p,
                    i,
                    &format!("wget: server returned error: HTTP/1.1 {} {}\n", resp.status, status_text(resp.status)),
                    host,
                );
                return 1;
            }
            if spider {
                return 0;
            }
            let file = output.unwrap_or_else(|| {
                let name = u.path.rsplit('/').next().unwrap_or("");
                if name.is_empty() {
                    "index.html".to_string()
                } else {
                    name.to_string()
                }
            });
            if file == "-" {
                if !out(p, i, &resp.body, host) {
                    return 141;
                }
            } else {
                let path = if file.starts_with('/') { file.clone() } else { format!("/{file}") };
                if let Err(e) = host.write(&path, &resp.body, false) {
                    err(p, i, &format!("wget: can't open '{file}': {e}\n"), host);
                    return 1;
                }
                if !quiet {
                    err(p, i, &format!("saving to '{file}'\n'{file}' saved\n"), host);
                }
            }
            0
        }
    }
}

fn curl(p: &mut Process, i: usize, args: &[String], host: &mut dyn Host) -> i32 {
    let mut fail = false;
    let mut output: Option<String> = None;
    let mut url = None;
    let mut k = 0;
    while let Some(a) = args.get(k) {
        k += 1;
        match a.as_str() {
            "-o" | "--output" => {
                output = args.get(k).cloned();
                k += 1;
            }
            "-m" | "--max-time" | "-H" | "-X" | "-d" | "--connect-timeout" | "-w" => k += 1,
            "-f" | "--fail" | "-sf" | "-fs" | "-fsS" | "-sSf" | "-fsSL" | "-sfL" => fail = true,
            s if s.starts_with('-') => {}
            _ => url = Some(a.clone()),
        }
    }
    let Some(raw) = url else {
        err(p, i, "curl: try 'curl --help' or 'curl --manual' for more information\n", host);
        return 2;
    };
    let Some(u) = parse_url(&raw) else {
        err(p, i, "curl: (3) URL rejected: Bad hostname\n", host);
        return 3;
    };
    let req = Request {
        host: u.host.clone(),
        port: u.port,
        proto: Proto::Http { path: u.path.clone() },
        agent: "curl/8.5.0".to_string(),
    };
    match host.request(&req) {
        Err(NetError::BadAddress) => {
            err(p, i, &format!("curl: (6) Could not resolve host: {}\n", u.host), host);
            6
        }
        Err(NetError::Refused { .. }) => {
            err(
                p,
                i,
                &format!(
                    "curl: (7) Failed to connect to {} port {} after 0 ms: Couldn't connect to server\n",
                    u.host, u.port
                ),
                host,
            );
            7
        }
        Ok(resp) => {
            if fail && resp.status >= 400 {
                err(p, i, &format!("curl: (22) The requested URL returned error: {}\n", resp.status), host);
                return 22;
            }
            match output {
                Some(f) if f != "-" => {
                    let path = if f.starts_with('/') { f.clone() } else { format!("/{f}") };
                    if let Err(e) = host.write(&path, &resp.body, false) {
                        err(p, i, &format!("curl: (23) Failure writing output to destination: {e}\n"), host);
                        return 23;
                    }
                }
                _ => {
                    if !out(p, i, &resp.body, host) {
                        return 141;
                    }
                }
            }
            0
        }
    }
}

fn nc_send(p: &mut Process, i: usize, h: &str, port: u16, input: &str, host: &mut dyn Host) -> i32 {
    let proto = if input.is_empty() { Proto::Connect } else { Proto::Line { payload: input.trim_end().to_string() } };
    let req = Request { host: h.to_string(), port, proto, agent: "nc".to_string() };
    match host.request(&req) {
        Ok(resp) => {
            let mut body = resp.body;
            if !body.is_empty() && !body.ends_with('\n') {
                body.push('\n');
            }
            let _ = out(p, i, &body, host);
            0
        }
        Err(NetError::Refused { addr }) => {
            err(p, i, &format!("nc: can't connect to remote host ({addr}): Connection refused\n"), host);
            1
        }
        Err(NetError::BadAddress) => {
            err(p, i, &format!("nc: bad address '{h}'\n"), host);
            1
        }
    }
}

/// Evaluates `test`/`[` expressions with the file checks answered by the host.
fn eval_test(args: &[String], host: &dyn Host) -> Result<bool, String> {
    let file = |a: &str, k: char| match k {
        'f' => host.file_len(a).is_some(),
        'd' => host.is_dir(a),
        's' => host.file_len(a).is_some_and(|l| l > 0),
        _ => host.file_len(a).is_some() || host.is_dir(a),
    };
    let num = |s: &str| s.trim().parse::<i64>().map_err(|_| format!("{s}: integer expression expected"));
    let a = |k: usize| args.get(k).map(String::as_str).unwrap_or("");
    match args.len() {
        0 => Ok(false),
        1 => Ok(!a(0).is_empty()),
        2 if a(0) == "!" => Ok(a(1).is_empty()),
        2 => match a(0) {
            "-z" => Ok(a(1).is_empty()),
            "-n" => Ok(!a(1).is_empty()),
            "-f" => Ok(file(a(1), 'f')),
            "-d" => Ok(file(a(1), 'd')),
            "-s" => Ok(file(a(1), 's')),
            "-e" | "-r" | "-w" | "-x" | "-L" | "-h" => Ok(file(a(1), 'e')),
            op => Err(format!("{op}: unknown operand")),
        },
        3 if a(0) == "!" => eval_test(args.get(1..).unwrap_or(&[]), host).map(|b| !b),
        3 => match a(1) {
            "=" | "==" => Ok(a(0) == a(2)),
            "!=" => Ok(a(0) != a(2)),
            "-eq" => Ok(num(a(0))? == num(a(2))?),
            "-ne" => Ok(num(a(0))? != num(a(2))?),
            "-lt" => Ok(num(a(0))? < num(a(2))?),
            "-le" => Ok(num(a(0))? <= num(a(2))?),
            "-gt" => Ok(num(a(0))? > num(a(2))?),
            "-ge" => Ok(num(a(0))? >= num(a(2))?),
            op => Err(format!("{op}: unknown operand")),
        },
        _ => {
            if let Some(k) = args.iter().position(|x| x == "-a" || x == "-o") {
                let l = eval_test(args.get(..k).unwrap_or(&[]), host)?;
                let r = eval_test(args.get(k + 1..).unwrap_or(&[]), host)?;
                return Ok(if a(k) == "-a" { l && r } else { l || r });
            }
            Err("syntax error".to_string())
        }
    }
}

fn echo_text(args: &[String], escapes: bool) -> String {
    let joined = args.join(" ");
    if !escapes {
        return joined;
    }
    joined.replace("\\n", "\n").replace("\\t", "\t")
}

fn printf(args: &[String]) -> String {
    let Some(fmt) = args.first() else { return String::new() };
    let mut rest = args.iter().skip(1);
    let mut o = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => o.push('\n'),
                Some('t') => o.push('\t'),
                Some('\\') => o.push('\\'),
                Some(x) => {
                    o.push('\\');
                    o.push(x);
                }
                None => o.push('\\'),
            },
            '%' => {
                let mut spec = String::new();
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_digit() || d == '-' || d == '.' {
                        spec.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                match chars.next() {
                    Some('s') => o.push_str(rest.next().map(String::as_str).unwrap_or("")),
                    Some('d' | 'i') => {
                        o.push_str(&rest.next().and_then(|v| v.trim().parse::<i64>().ok()).unwrap_or(0).to_string())
                    }
                    Some('%') => o.push('%'),
                    Some(x) => {
                        o.push('%');
                        o.push(x);
                    }
                    None => o.push('%'),
                }
            }
            _ => o.push(c),
        }
        if o.len() > OUTPUT_BYTES_MAX {
            break;
        }
    }
    o
}

/// Parses `-n N`, `-N`, `-n+N`, `-nN` and `-f`/`-F` as `head`/`tail` take them.
/// Returns (count, from_start, follow, retry, files).
fn head_tail_args(args: &[String]) -> (u64, bool, bool, bool, Vec<String>) {
    let mut n = 10u64;
    let mut from_start = false;
    let (mut follow, mut retry) = (false, false);
    let mut files = Vec::new();
    let mut k = 0;
    let set_n = |v: &str, n: &mut u64, from_start: &mut bool| {
        let v = v.trim();
        if let Some(pos) = v.strip_prefix('+') {
            *from_start = true;
            *n = pos.parse().unwrap_or(1);
        } else {
            *n = v.parse().unwrap_or(10);
        }
    };
    while let Some(a) = args.get(k) {
        k += 1;
        if a == "-n" || a == "--lines" {
            let v = args.get(k).cloned().unwrap_or_default();
            k += 1;
            set_n(&v, &mut n, &mut from_start);
        } else if let Some(v) = a.strip_prefix("-n") {
            set_n(v, &mut n, &mut from_start);
        } else if a.len() > 1 && a.starts_with('-') {
            for c in a.chars().skip(1) {
                match c {
                    'f' => follow = true,
                    'F' => {
                        follow = true;
                        retry = true;
                    }
                    d if d.is_ascii_digit() => {}
                    _ => {}
                }
            }
            let digits: String = a.chars().skip(1).filter(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                n = digits.parse().unwrap_or(10);
            }
        } else if let Some(pos) = a.strip_prefix('+') {
            from_start = true;
            n = pos.parse().unwrap_or(1);
        } else {
            files.push(a.clone());
        }
    }
    (n, from_start, follow, retry, files)
}

/// Runs one command with expanded arguments.
fn exec(p: &mut Process, i: usize, argv: &[String], now: SimTime, host: &mut dyn Host) -> Outcome {
    let name = argv.first().map(|a| base_name(a)).unwrap_or("");
    let args = argv.get(1..).unwrap_or(&[]);
    let a = |k: usize| args.get(k).map(String::as_str).unwrap_or("");
    match name {
        "echo" => {
            let (mut newline, mut escapes, mut skip) = (true, false, 0);
            for x in args {
                match x.as_str() {
                    "-n" => newline = false,
                    "-e" => escapes = true,
                    "-ne" | "-en" => {
                        newline = false;
                        escapes = true;
                    }
                    _ => break,
                }
                skip += 1;
            }
            let mut text = echo_text(args.get(skip..).unwrap_or(&[]), escapes);
            if newline {
                text.push('\n');
            }
            if out(p, i, &text, host) {
                Outcome::Done(0)
            } else {
                Outcome::Exit(141)
            }
        }
        "printf" => {
            let text = printf(args);
            if out(p, i, &text, host) {
                Outcome::Done(0)
            } else {
                Outcome::Exit(141)
            }
        }
        "true" | ":" | "sync" | "set" | "cd" | "wait" => Outcome::Done(0),
        "false" => Outcome::Done(1),
        "exit" => {
            let code = if args.is_empty() {
                p.task(i).map_or(0, |t| t.status)
            } else {
                a(0).parse::<i64>().map(|c| (c & 255) as i32).unwrap_or(2)
            };
            Outcome::Exit(code)
        }
        "sleep" => {
            if args.is_empty() {
                err(p, i, "sleep: missing operand\n", host);
                return Outcome::Done(1);
            }
            let mut total = 0u64;
            for x in args {
                match parse_duration_ms(x) {
                    Some(ms) => total = total.saturating_add(ms),
                    None => {
                        err(p, i, &format!("sleep: invalid number '{x}'\n"), host);
                        return Outcome::Done(1);
                    }
                }
            }
            Outcome::Block(Blocked::Sleep { until: now.plus_ms(total) })
        }
        "date" => {
            let fmt = args.iter().find_map(|x| x.strip_prefix('+'));
            let text = format!("{}\n", format_date(now, fmt));
            let _ = out(p, i, &text, host);
            Outcome::Done(0)
        }
        "hostname" => {
            let text = format!("{}\n", host.hostname());
            let _ = out(p, i, &text, host);
            Outcome::Done(0)
        }
        "id" => {
            let _ = out(p, i, "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n", host);
            Outcome::Done(0)
        }
        "whoami" => {
            let _ = out(p, i, "root\n", host);
            Outcome::Done(0)
        }
        "uname" => {
            let text = if args.iter().any(|x| x == "-a") {
                format!("Linux {} 6.8.0-podplay #1 SMP x86_64 GNU/Linux\n", host.hostname())
            } else {
                "Linux\n".to_string()
            };
            let _ = out(p, i, &text, host);
            Outcome::Done(0)
        }
        "pwd" => {
            let _ = out(p, i, "/\n", host);
            Outcome::Done(0)
        }
        "ps" => {
            let mut own = p.processes();
            // `kubectl exec pod -- ps` runs ps as the process itself: it is
            // already listed. Inside a shell, ps is a child of its own.
            let cmdline = argv.join(" ");
            if p.task(i).is_none_or(|t| t.cmdline != cmdline) {
                let pid = host.next_pid();
                own.push((pid, cmdline));
            }
            let lines = host.ps(&own);
            let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            let _ = out(p, i, &text, host);
            Outcome::Done(0)
        }
        "env" | "printenv" => {
            let vars = p.task(i).map(|t| t.vars.clone()).unwrap_or_default();
            if name == "printenv" && !args.is_empty() {
                return match vars.get(a(0)) {
                    Some(v) => {
                        let _ = out(p, i, &format!("{v}\n"), host);
                        Outcome::Done(0)
                    }
                    None => Outcome::Done(1),
                };
            }
            let text: String = vars.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
            let _ = out(p, i, &text, host);
            Outcome::Done(0)
        }
        "export" => {
            for x in args {
                if let Some((k, v)) = x.split_once('=') {
                    p.set_var(i, k, v.to_string());
                }
            }
            Outcome::Done(0)
        }
        "unset" => {
            if let Some(t) = p.task(i) {
                for x in args {
                    t.vars.remove(x);
                }
            }
            Outcome::Done(0)
        }
        "seq" => {
            let nums: Vec<i64> = args.iter().filter_map(|x| x.parse().ok()).collect();
            let (from, to) = match nums.as_slice() {
                [n] => (1, *n),
                [a, b, ..] => (*a, *b),
                _ => return Outcome::Done(1),
            };
            let mut text = String::new();
            let mut v = from;
            while v <= to && text.len() < OUTPUT_BYTES_MAX {
                text.push_str(&format!("{v}\n"));
                v += 1;
            }
            if out(p, i, &text, host) {
                Outcome::Done(0)
            } else {
                Outcome::Exit(141)
            }
        }
        "test" | "[" => {
            let mut targs: Vec<String> = args.to_vec();
            if name == "[" {
                if targs.last().map(String::as_str) != Some("]") {
                    err(p, i, "sh: [: missing ]\n", host);
                    return Outcome::Done(2);
                }
                targs.pop();
            }
            match eval_test(&targs, host) {
                Ok(b) => Outcome::Done(i32::from(!b)),
                Err(e) => {
                    err(p, i, &format!("sh: {name}: {e}\n"), host);
                    Outcome::Done(2)
                }
            }
        }
        "read" => {
            let vars: Vec<String> = args.iter().filter(|x| !x.starts_with('-')).cloned().collect();
            let vars = if vars.is_empty() { vec!["REPLY".to_string()] } else { vars };
            Outcome::Block(Blocked::Read { vars })
        }
        "break" | "continue" => {
            let Some(t) = p.task(i) else { return Outcome::Done(0) };
            let depth = t.frames.iter().filter(|f| matches!(f, Frame::Loop { .. } | Frame::For { .. })).count();
            if depth == 0 {
                return Outcome::Done(0);
            }
            while let Some(f) = t.frames.pop() {
                match f {
                    Frame::Loop { until, cond, body, .. } => {
                        if name == "continue" {
                            t.frames.push(Frame::Loop { until, cond, body, in_body: true, started: true });
                        }
                        break;
                    }
                    f @ Frame::For { .. } => {
                        if name == "continue" {
                            t.frames.push(f);
                        }
                        break;
                    }
                    Frame::Restore(saved) => {
                        t.stdin = saved.stdin;
                        t.out = saved.out;
                        t.err = saved.err;
                    }
                    _ => {}
                }
            }
            Outcome::Done(0)
        }
        "trap" => {
            let is_term =
                args.iter().skip(1).any(|s| matches!(s.as_str(), "TERM" | "SIGTERM" | "15" | "INT" | "SIGINT"));
            if is_term {
                if a(0) == "-" {
                    p.trap_term = None;
                } else if let Ok(script) = parser::parse(a(0)) {
                    p.trap_term = Some(Arc::new(script));
                }
            }
            Outcome::Done(0)
        }
        "kill" => {
            err(p, i, "sh: kill: not supported in this simulation\n", host);
            host.explain(Text::new(
                "Podplay의 모의 셸은 kill을 지원하지 않습니다. 컨테이너를 멈추려면 파드를 삭제하거나 kubelet이 보내는 신호를 이용하세요.",
                "Podplay's simulated shell does not support kill. To stop a container, delete the pod or let the kubelet signal it.",
            ));
            Outcome::Done(1)
        }
        "sh" | "bash" | "ash" | "exec" => {
            if name == "exec" {
                if args.is_empty() {
                    return Outcome::Done(0);
                }
                return exec(p, i, args, now, host);
            }
            match super::interp::program_for(argv) {
                Ok(Ok(script)) => {
                    if let Some(t) = p.task(i) {
                        t.frames.push(Frame::Seq { script, idx: 0 });
                    }
                    Outcome::Done(0)
                }
                Ok(Err(e)) => {
                    err(p, i, &format!("sh: {}\n", e.message), host);
                    Outcome::Done(2)
                }
                Err(_) => Outcome::Done(127),
            }
        }
        "cat" => {
            let files: Vec<&String> = args.iter().filter(|x| !x.starts_with('-') || x.as_str() == "-").collect();
            if files.is_empty() || files.iter().all(|f| f.as_str() == "-") {
                return Outcome::Block(Blocked::Filter(Filter::Cat));
            }
            let mut code = 0;
            for f in files {
                match host.read(f) {
                    Ok(text) => {
                        if !out(p, i, &text, host) {
                            return Outcome::Exit(141);
                        }
                    }
                    Err(e) => {
                        err(p, i, &format!("cat: can't open '{f}': {e}\n"), host);
                        code = 1;
                    }
                }
            }
            Outcome::Done(code)
        }
        "touch" => {
            let mut code = 0;
            for f in args.iter().filter(|x| !x.starts_with('-')) {
                if let Err(e) = host.write(f, "", true) {
                    err(p, i, &format!("touch: {f}: {e}\n"), host);
                    code = 1;
                }
            }
            Outcome::Done(code)
        }
        "mkdir" => {
            let parents = args.iter().any(|x| x == "-p");
            let mut code = 0;
            for d in args.iter().filter(|x| !x.starts_with('-')) {
                if let Err(e) = host.mkdir(d, parents) {
                    err(p, i, &format!("mkdir: can't create directory '{d}': {e}\n"), host);
                    code = 1;
                }
            }
            Outcome::Done(code)
        }
        "rm" => {
            let force = args.iter().any(|x| x.starts_with('-') && x.contains('f'));
            let recursive = args.iter().any(|x| x.starts_with('-') && (x.contains('r') || x.contains('R')));
            let mut code = 0;
            for f in args.iter().filter(|x| !x.starts_with('-')) {
                if let Err(e) = host.remove(f, recursive) {
                    if !(force && e.contains("No such file")) {
                        err(p, i, &format!("rm: can't remove '{f}': {e}\n"), host);
                        code = 1;
                    }
                }
            }
            Outcome::Done(code)
        }
        "ls" => {
            let long = args.iter().any(|x| x.starts_with('-') && x.contains('l'));
            let all = args.iter().any(|x| x.starts_with('-') && x.contains('a'));
            let mut paths: Vec<String> = args.iter().filter(|x| !x.starts_with('-')).cloned().collect();
            if paths.is_empty() {
                paths.push("/".to_string());
            }
            let mut code = 0;
            let mut text = String::new();
            let many = paths.len() > 1;
            for path in &paths {
                if host.file_len(path).is_some() {
                    text.push_str(&ls_line(path, host.file_len(path).unwrap_or(0), false, long));
                    continue;
                }
                match host.list(path) {
                    Ok(names) => {
                        if many {
                            text.push_str(&format!("{path}:\n"));
                        }
                        for n in names.iter().filter(|n| all || !n.starts_with('.')) {
                            let full = format!("{}/{n}", path.trim_end_matches('/'));
                            if long && full.starts_with("/proc/") && full.contains("/ns/") {
                                let target = host.read(&full).unwrap_or_default();
                                text.push_str(&format!(
                                    "lrwxrwxrwx    1 root     root             0 Jan  1 00:00 {n} -> {target}\n"
                                ));
                                continue;
                            }
                            let dir = host.is_dir(&full);
                            text.push_str(&ls_line(n, host.file_len(&full).unwrap_or(4096), dir, long));
                        }
                    }
                    Err(e) => {
                        err(p, i, &format!("ls: {path}: {e}\n"), host);
                        code = 1;
                    }
                }
            }
            let _ = out(p, i, &text, host);
            Outcome::Done(code)
        }
        "head" | "tail" => {
            let (n, from_start, follow, retry, files) = head_tail_args(args);
            if name == "head" {
                match files.first() {
                    None => return Outcome::Block(Blocked::Filter(Filter::Head { left: n })),
                    Some(f) => match host.read(f) {
                        Ok(text) => {
                            let text: String = text.lines().take(n as usize).map(|l| format!("{l}\n")).collect();
                            let _ = out(p, i, &text, host);
                            return Outcome::Done(0);
                        }
                        Err(e) => {
                            err(p, i, &format!("head: {f}: {e}\n"), host);
                            return Outcome::Done(1);
                        }
                    },
                }
            }
            let Some(f) = files.first().cloned() else {
                if from_start {
                    return Outcome::Block(Blocked::Filter(Filter::Cat));
                }
                return Outcome::Block(Blocked::Filter(Filter::Tail {
                    keep: n.min(100_000) as usize,
                    lines: VecDeque::new(),
                }));
            };
            let (text, offset) = match host.read(&f) {
                Ok(text) => {
                    let lines: Vec<&str> = text.lines().collect();
                    let shown: Vec<&str> = if from_start {
                        lines.iter().skip(n.saturating_sub(1) as usize).copied().collect()
                    } else {
                        lines.iter().skip(lines.len().saturating_sub(n as usize)).copied().collect()
                    };
                    (
                        shown.iter().map(|l| format!("{l}\n")).collect::<String>(),
                        host.file_len(&f).unwrap_or(text.len()),
                    )
                }
                Err(e) => {
                    if !follow || !retry {
                        err(p, i, &format!("tail: can't open '{f}': {e}\n"), host);
                        if !follow {
                            return Outcome::Done(1);
                        }
                        err(p, i, "tail: no files\n", host);
                        return Outcome::Done(1);
                    }
                    err(p, i, &format!("tail: can't open '{f}': {e}\n"), host);
                    return Outcome::Block(Blocked::Follow { path: f, offset: 0, retry, missing_said: true });
                }
            };
            if !out(p, i, &text, host) {
                return Outcome::Exit(141);
            }
            if follow {
                Outcome::Block(Blocked::Follow { path: f, offset, retry, missing_said: false })
            } else {
                Outcome::Done(0)
            }
        }
        "rev" | "sed" => {
            let filter = if name == "rev" {
                Filter::Rev
            } else {
                let Some(s) = args.iter().find(|x| !x.starts_with('-')).and_then(|e| Subst::parse(e)) else {
                    err(p, i, "sed: this simulation supports only 's/from/to/' and 's/from/to/g' (plain text)\n", host);
                    host.explain(Text::new(
                        "Podplay의 sed는 정규식이 아닌 일반 문자열 치환 's/찾을말/바꿀말/'과 's/찾을말/바꿀말/g' 만 지원합니다.",
                        "Podplay's sed supports only plain-text substitutions 's/from/to/' and 's/from/to/g', not regular expressions.",
                    ));
                    return Outcome::Done(1);
                };
                Filter::Sed(s)
            };
            let files: Vec<&String> =
                args.iter().filter(|x| !x.starts_with('-')).skip(usize::from(name == "sed")).collect();
            if files.is_empty() {
                return Outcome::Block(Blocked::Filter(filter));
            }
            let mut f = filter;
            let mut o = String::new();
            for file in files {
                match host.read(file) {
                    Ok(text) => {
                        for l in text.lines() {
                            o.push_str(&filter_line(&mut f, l).0);
                        }
                    }
                    Err(e) => {
                        err(p, i, &format!("{name}: {file}: {e}\n"), host);
                        return Outcome::Done(1);
                    }
                }
            }
            let _ = out(p, i, &o, host);
            Outcome::Done(0)
        }
        "cp" | "mv" => {
            let paths: Vec<&String> = args.iter().filter(|x| !x.starts_with('-')).collect();
            let (Some(src), Some(dst)) = (paths.first(), paths.get(1)) else {
                err(p, i, &format!("{name}: missing file operand\n"), host);
                return Outcome::Done(1);
            };
            let text = match host.read(src) {
                Ok(t) => t,
                Err(e) => {
                    err(p, i, &format!("{name}: can't stat '{src}': {e}\n"), host);
                    return Outcome::Done(1);
                }
            };
            let target = if host.is_dir(dst) {
                format!("{}/{}", dst.trim_end_matches('/'), base_name(src))
            } else {
                dst.to_string()
            };
            if let Err(e) = host.write(&target, &text, false) {
                err(p, i, &format!("{name}: can't create '{target}': {e}\n"), host);
                return Outcome::Done(1);
            }
            if name == "mv" {
                let _ = host.remove(src, false);
            }
            Outcome::Done(0)
        }
        "basename" | "dirname" => {
            let path = a(0).trim_end_matches('/');
            let text = if name == "basename" {
                let b = base_name(path).to_string();
                match args.get(1) {
                    Some(suffix) => b.strip_suffix(suffix.as_str()).map(str::to_string).unwrap_or(b),
                    None => b,
                }
            } else {
                match path.rfind('/') {
                    Some(0) => "/".to_string(),
                    Some(n) => path.get(..n).unwrap_or(".").to_string(),
                    None => ".".to_string(),
                }
            };
            let _ = out(p, i, &format!("{text}\n"), host);
            Outcome::Done(0)
        }
        "grep" => {
            let invert = args.iter().any(|x| x.starts_with('-') && x.contains('v'));
            let ignore_case = args.iter().any(|x| x.starts_with('-') && x.contains('i'));
            let rest: Vec<&String> = args.iter().filter(|x| !x.starts_with('-')).collect();
            let Some(pattern) = rest.first().map(|s| s.to_string()) else {
                err(p, i, "Usage: grep [-iv] PATTERN [FILE]...\n", host);
                return Outcome::Done(2);
            };
            let mut f = Filter::Grep { pattern, invert, ignore_case, matched: false };
            match rest.get(1) {
                None => Outcome::Block(Blocked::Filter(f)),
                Some(file) => match host.read(file) {
                    Ok(text) => {
                        let mut o = String::new();
                        for l in text.lines() {
                            o.push_str(&filter_line(&mut f, l).0);
                        }
                        let _ = out(p, i, &o, host);
                        Outcome::Done(filter_end(&f).1)
                    }
                    Err(e) => {
                        err(p, i, &format!("grep: {file}: {e}\n"), host);
                        Outcome::Done(2)
                    }
                },
            }
        }
        "wc" => {
            let only_lines = args.iter().any(|x| x == "-l");
            let mut f = Filter::Wc { lines: 0, words: 0, bytes: 0, only_lines };
            match args.iter().find(|x| !x.starts_with('-')) {
                None => Outcome::Block(Blocked::Filter(f)),
                Some(file) => match host.read(file) {
                    Ok(text) => {
                        for l in text.lines() {
                            filter_line(&mut f, l);
                        }
                        let (o, _) = filter_end(&f);
                        let _ = out(p, i, &format!("{} {file}\n", o.trim_end()), host);
                        Outcome::Done(0)
                    }
                    Err(e) => {
                        err(p, i, &format!("wc: {file}: {e}\n"), host);
                        Outcome::Done(1)
                    }
                },
            }
        }
        "readlink" => {
            let Some(path) = args.iter().find(|x| !x.starts_with('-')) else { return Outcome::Done(1) };
            match host.read(path) {
                Ok(target) if path.starts_with("/proc/") && path.contains("/ns/") => {
                    let _ = out(p, i, &format!("{target}\n"), host);
                    Outcome::Done(0)
                }
                _ => Outcome::Done(1),
            }
        }
        "wget" => Outcome::Done(wget(p, i, args, host)),
        "curl" => Outcome::Done(curl(p, i, args, host)),
        "nslookup" => {
            let h = a(0);
            let text = if h.is_empty() {
                String::new()
            } else {
                format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find {h}: NXDOMAIN\n")
            };
            let _ = out(p, i, &text, host);
            Outcome::Done(1)
        }
        "nc" => {
            let listen = args.iter().any(|x| x.starts_with('-') && x.contains('l'));
            let zero = args.iter().any(|x| x.starts_with('-') && x.contains('z'));
            let mut positional: Vec<&String> = Vec::new();
            let mut port_flag = None;
            let mut k = 0;
            while let Some(x) = args.get(k) {
                k += 1;
                if x == "-p" {
                    port_flag = args.get(k).and_then(|v| v.parse::<u16>().ok());
                    k += 1;
                } else if x == "-w" || x == "-i" {
                    k += 1;
                } else if !x.starts_with('-') {
                    positional.push(x);
                }
            }
            if listen {
                let port = port_flag.or_else(|| positional.last().and_then(|v| v.parse().ok())).unwrap_or(0);
                if !host.listen(port, Service::Listener) {
                    err(p, i, "nc: bind: Address already in use\n", host);
                    return Outcome::Done(1);
                }
                return Outcome::Block(Blocked::Serve);
            }
            let (Some(h), Some(port)) = (positional.first(), positional.get(1).and_then(|v| v.parse::<u16>().ok()))
            else {
                err(p, i, "BusyBox v1.27.2 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n", host);
                return Outcome::Done(1);
            };
            if zero || p.task(i).is_some_and(|t| matches!(t.stdin, super::interp::Source::Null)) {
                return Outcome::Done(nc_send(p, i, h, port, "", host));
            }
            Outcome::Block(Blocked::Nc { host: h.to_string(), port, input: String::new() })
        }
        "redis-cli" => {
            let mut h = "127.0.0.1".to_string();
            let mut port = 6379u16;
            let mut cmd: Vec<String> = Vec::new();
            let mut k = 0;
            while let Some(x) = args.get(k) {
                k += 1;
                match x.as_str() {
                    "-h" => {
                        h = args.get(k).cloned().unwrap_or(h);
                        k += 1;
                    }
                    "-p" => {
                        port = args.get(k).and_then(|v| v.parse().ok()).unwrap_or(port);
                        k += 1;
                    }
                    _ => cmd.push(x.clone()),
                }
            }
            if cmd.is_empty() {
                cmd.push("PING".to_string());
            }
            let req = Request {
                host: h.clone(),
                port,
                proto: Proto::Line { payload: cmd.join(" ") },
                agent: "redis-cli".to_string(),
            };
            match host.request(&req) {
                Ok(resp) => {
                    let _ = out(p, i, &format!("{}\n", resp.body.trim_end()), host);
                    Outcome::Done(0)
                }
                Err(_) => {
                    err(p, i, &format!("Could not connect to Redis at {h}:{port}: Connection refused\n"), host);
                    Outcome::Done(1)
                }
            }
        }
        "nginx" => {
            let conf = host.read("/etc/nginx/conf.d/default.conf").unwrap_or_default();
            let mut ports: Vec<u16> = conf
                .lines()
                .filter_map(|l| l.trim().strip_prefix("listen"))
                .filter_map(|v| {
                    v.trim()
                        .trim_end_matches(';')
                        .split_whitespace()
                        .next()
                        .and_then(|p| p.rsplit(':').next())
                        .and_then(|p| p.parse().ok())
                })
                .collect();
            if ports.is_empty() {
                ports.push(80);
            }
            let docroot = conf
                .lines()
                .filter_map(|l| l.trim().strip_prefix("root "))
                .map(|v| v.trim().trim_end_matches(';').to_string())
                .next()
                .unwrap_or_else(|| "/usr/share/nginx/html".to_string());
            for port in ports {
                if !host.listen(port, Service::Http { server: "nginx/1.29.0".into(), docroot: docroot.clone() }) {
                    let stamp = format_date(now, Some("%Y/%m/%d %H:%M:%S"));
                    err(
                        p,
                        i,
                        &format!("{stamp} [emerg] 1#1: bind() to 0.0.0.0:{port} failed (98: Address already in use)\n"),
                        host,
                    );
                    err(
                        p,
                        i,
                        &format!("nginx: [emerg] bind() to 0.0.0.0:{port} failed (98: Address already in use)\n"),
                        host,
                    );
                    err(p, i, &format!("{stamp} [emerg] 1#1: still could not bind()\n"), host);
                    return Outcome::Exit(1);
                }
            }
            let stamp = format_date(now, Some("%Y/%m/%d %H:%M:%S"));
            err(
                p,
                i,
                &format!("{stamp} [notice] 1#1: nginx/1.29.0\n{stamp} [notice] 1#1: start worker processes\n"),
                host,
            );
            host.set_cpu(1);
            Outcome::Block(Blocked::Serve)
        }
        "httpd" | "httpd-foreground" => {
            if !host
                .listen(80, Service::Http { server: "Apache/2.4".into(), docroot: "/usr/local/apache2/htdocs".into() })
            {
                err(p, i, "(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80\nno listening sockets available, shutting down\nAH00015: Unable to open logs\n", host);
                return Outcome::Exit(1);
            }
            err(p, i, "AH00094: Command line: 'httpd -D FOREGROUND'\n", host);
            Outcome::Block(Blocked::Serve)
        }
        "python" | "python3" => {
            if a(0) == "-m" && a(1) == "http.server" {
                let port = a(2).parse().unwrap_or(8000);
                if !host
                    .listen(port, Service::Http { server: "SimpleHTTP/0.6 Python/3.12".into(), docroot: "/".into() })
                {
                    err(p, i, "OSError: [Errno 98] Address already in use\n", host);
                    return Outcome::Exit(1);
                }
                let _ = out(p, i, &format!("Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ...\n"), host);
                return Outcome::Block(Blocked::Serve);
            }
            err(p, i, "python: this simulation only runs `python -m http.server [PORT]`\n", host);
            host.explain(Text::new(
                "Podplay는 python 프로그램을 실행하지 않습니다. `python -m http.server [포트]`만 흉내 냅니다.",
                "Podplay does not run python programs; it only imitates `python -m http.server [PORT]`.",
            ));
            Outcome::Done(1)
        }
        "redis-server" => {
            let port = args
                .iter()
                .position(|x| x == "--port")
                .and_then(|k| args.get(k + 1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(6379);
            let stamp = format_date(now, Some("%d %b %Y %H:%M:%S.000"));
            if !host.listen(port, Service::Redis) {
                err(p, i, &format!("1:M {stamp} # Warning: Could not create server TCP listening socket *:{port}: bind: Address already in use\n1:M {stamp} # Failed listening on port {port} (tcp), aborting.\n"), host);
                return Outcome::Exit(1);
            }
            let _ = out(
                p,
                i,
                &format!("1:M {stamp} * Server initialized\n1:M {stamp} * Ready to accept connections tcp\n"),
                host,
            );
            host.set_cpu(2);
            Outcome::Block(Blocked::Serve)
        }
        "socat" => {
            let listen =
                args.iter().find_map(|x| x.strip_prefix("TCP-LISTEN:").or_else(|| x.strip_prefix("TCP4-LISTEN:")));
            let target = args.iter().find_map(|x| x.strip_prefix("TCP:").or_else(|| x.strip_prefix("TCP4:")));
            let (Some(l), Some(t)) = (listen, target) else {
                err(p, i, "socat: this simulation runs `socat TCP-LISTEN:PORT,fork TCP:HOST:PORT`\n", host);
                host.explain(Text::new(
                    "Podplay의 socat은 `socat TCP-LISTEN:포트,fork TCP:호스트:포트` 형태(앰배서더 프록시)만 지원합니다.",
                    "Podplay's socat supports only `socat TCP-LISTEN:PORT,fork TCP:HOST:PORT` (an ambassador proxy).",
                ));
                return Outcome::Done(1);
            };
            let lport: u16 = l.split(',').next().and_then(|v| v.parse().ok()).unwrap_or(0);
            let (th, tp) = t.rsplit_once(':').unwrap_or((t, "80"));
            let tport: u16 = tp.split(',').next().and_then(|v| v.parse().ok()).unwrap_or(80);
            if !host.listen(lport, Service::Forward { host: th.to_string(), port: tport }) {
                let stamp = format_date(now, Some("%Y/%m/%d %H:%M:%S"));
                err(p, i, &format!("{stamp} socat[1] E bind(5, {{AF=2 0.0.0.0:{lport}}}, 16): Address in use\n"), host);
                return Outcome::Exit(1);
            }
            Outcome::Block(Blocked::Serve)
        }
        "stress" => {
            let mut vm = 0u64;
            let mut cpu = 0u64;
            let mut bytes = 256u64 << 20;
            let mut timeout = None;
            let mut k = 0;
            while let Some(x) = args.get(k) {
                k += 1;
                let v = args.get(k).map(String::as_str).unwrap_or("");
                match x.as_str() {
                    "--vm" | "-m" => {
                        vm = v.parse().unwrap_or(1);
                        k += 1;
                    }
                    "--cpu" | "-c" => {
                        cpu = v.parse().unwrap_or(1);
                        k += 1;
                    }
                    "--vm-bytes" => {
                        bytes = parse_bytes(v).unwrap_or(bytes);
                        k += 1;
                    }
                    "--timeout" | "-t" => {
                        timeout = parse_duration_ms(v);
                        k += 1;
                    }
                    _ => {}
                }
            }
            let _ = out(p, i, &format!("stress: info: [1] dispatching hogs: {cpu} cpu, 0 io, {vm} vm, 0 hdd\n"), host);
            host.set_extra_memory(vm.min(64).saturating_mul(bytes));
            host.set_cpu((cpu.min(64) * 1000).saturating_add(if vm > 0 { 100 } else { 0 }));
            match timeout {
                Some(ms) => Outcome::Block(Blocked::Sleep { until: now.plus_ms(ms) }),
                None => Outcome::Block(Blocked::Serve),
            }
        }
        "fluentd" | "log-collector" => {
            let conf = host.read("/etc/fluentd-config/fluentd.conf").unwrap_or_default();
            let mut paths: Vec<String> =
                conf.lines().filter_map(|l| l.trim().strip_prefix("path ")).map(|v| v.trim().to_string()).collect();
            if paths.is_empty() {
                paths = args.iter().filter(|x| x.starts_with('/')).cloned().collect();
            }
            if paths.is_empty() {
                paths.push("/var/log/*.log".to_string());
            }
            let ship_to = p
                .task(i)
                .and_then(|t| t.vars.get("SHIP_TO").cloned())
                .unwrap_or_else(|| "logging.googleapis.com".to_string());
            let _ = out(p, i, &format!("{name}: following {}\n", paths.join(", ")), host);
            Outcome::Block(Blocked::Collect { paths, offsets: BTreeMap::new(), ship_to })
        }
        "app" => {
            let ports = p.task(i).and_then(|t| t.vars.get("PODPLAY_PORTS").cloned()).unwrap_or_default();
            for port in ports.split(',').filter_map(|v| v.trim().parse::<u16>().ok()) {
                if !host.listen(port, Service::Http { server: "app".into(), docroot: "/app/www".into() }) {
                    err(p, i, &format!("listen tcp :{port}: bind: address already in use\n"), host);
                    return Outcome::Exit(1);
                }
            }
            let _ = out(p, i, "app: started\n", host);
            Outcome::Block(Blocked::Serve)
        }
        "pause" => Outcome::Block(Blocked::Serve),
        _ => {
            err(p, i, &format!("sh: {name}: not found\n"), host);
            Outcome::Done(127)
        }
    }
}

fn ls_line(name: &str, size: usize, dir: bool, long: bool) -> String {
    if !long {
        return format!("{name}\n");
    }
    let mode = if dir { "drwxr-xr-x" } else { "-rw-r--r--" };
    let links = if dir { 2 } else { 1 };
    format!("{mode}    {links} root     root     {size:>9} Jan  1 00:00 {name}\n")
}

/// Parses `150M`, `1G`, `512k`, `100Mi`, plain bytes.
pub fn parse_bytes(v: &str) -> Option<u64> {
    let v = v.trim();
    let split = v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len());
    let (num, unit) = v.split_at(split);
    let n: u64 = num.parse().ok()?;
    let mult: u64 = match unit.to_ascii_lowercase().trim_end_matches(['i', 'b']) {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(mult)
}
