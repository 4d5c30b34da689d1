//! Text tools, streaming or on files: `cat`, `head`, `tail` (with `-f`/`-F`),
//! `grep`, `wc`, `rev`, `sed 's/…/…/'` and `seq`. On standard input each is
//! a [`Filter`] that handles a bounded number of lines per wake-up.

use std::collections::VecDeque;

use crate::shell::context::{Call, Ctx, Outcome, Resumed, OUTPUT_BYTES_MAX};
use crate::shell::process::{Blocked, Filter, Subst, Wait};
use crate::text::Text;

/// Lines a streaming command handles per wake-up before yielding.
const LINES_PER_RESUME: usize = 1000;

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

pub(super) fn cat(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let files: Vec<&String> = call.args.iter().filter(|x| !x.starts_with('-') || x.as_str() == "-").collect();
    if files.is_empty() || files.iter().all(|f| f.as_str() == "-") {
        return Outcome::Block(Blocked::Filter(Filter::Cat));
    }
    let mut code = 0;
    for f in files {
        match ctx.host.read(f) {
            Ok(text) => {
                if !ctx.out(&text) {
                    return Outcome::Exit(141);
                }
            }
            Err(e) => {
                ctx.err(&format!("cat: can't open '{f}': {e}\n"));
                code = 1;
            }
        }
    }
    Outcome::Done(code)
}

pub(super) fn head(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let (n, _, _, _, files) = head_tail_args(call.args);
    match files.first() {
        None => Outcome::Block(Blocked::Filter(Filter::Head { left: n })),
        Some(f) => match ctx.host.read(f) {
            Ok(text) => {
                let text: String = text.lines().take(n as usize).map(|l| format!("{l}\n")).collect();
                let _ = ctx.out(&text);
                Outcome::Done(0)
            }
            Err(e) => {
                ctx.err(&format!("head: {f}: {e}\n"));
                Outcome::Done(1)
            }
        },
    }
}

pub(super) fn tail(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let (n, from_start, follow, retry, files) = head_tail_args(call.args);
    let Some(f) = files.first().cloned() else {
        if from_start {
            return Outcome::Block(Blocked::Filter(Filter::Cat));
        }
        return Outcome::Block(Blocked::Filter(Filter::Tail { keep: n.min(100_000) as usize, lines: VecDeque::new() }));
    };
    let (text, offset) = match ctx.host.read(&f) {
        Ok(text) => {
            let lines: Vec<&str> = text.lines().collect();
            let shown: Vec<&str> = if from_start {
                lines.iter().skip(n.saturating_sub(1) as usize).copied().collect()
            } else {
                lines.iter().skip(lines.len().saturating_sub(n as usize)).copied().collect()
            };
            (shown.iter().map(|l| format!("{l}\n")).collect::<String>(), ctx.host.file_len(&f).unwrap_or(text.len()))
        }
        Err(e) => {
            if !follow || !retry {
                ctx.err(&format!("tail: can't open '{f}': {e}\n"));
                if !follow {
                    return Outcome::Done(1);
                }
                ctx.err("tail: no files\n");
                return Outcome::Done(1);
            }
            ctx.err(&format!("tail: can't open '{f}': {e}\n"));
            return Outcome::Block(Blocked::Follow { path: f, offset: 0, retry, missing_said: true });
        }
    };
    if !ctx.out(&text) {
        return Outcome::Exit(141);
    }
    if follow {
        Outcome::Block(Blocked::Follow { path: f, offset, retry, missing_said: false })
    } else {
        Outcome::Done(0)
    }
}

pub(super) fn rev(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    run_filter(ctx, call, Filter::Rev)
}

pub(super) fn sed(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let Some(s) = call.args.iter().find(|x| !x.starts_with('-')).and_then(|e| Subst::parse(e)) else {
        ctx.err("sed: this simulation supports only 's/from/to/' and 's/from/to/g' (plain text)\n");
        ctx.host.explain(Text::new(
            "Podplay의 sed는 정규식이 아닌 일반 문자열 치환 's/찾을말/바꿀말/'과 's/찾을말/바꿀말/g' 만 지원합니다.",
            "Podplay's sed supports only plain-text substitutions 's/from/to/' and 's/from/to/g', not regular expressions.",
        ));
        return Outcome::Done(1);
    };
    run_filter(ctx, call, Filter::Sed(s))
}

/// `rev` and `sed` on standard input or on files (after `sed`'s expression).
fn run_filter(ctx: &mut Ctx<'_>, call: &Call<'_>, filter: Filter) -> Outcome {
    let name = call.name;
    let files: Vec<&String> =
        call.args.iter().filter(|x| !x.starts_with('-')).skip(usize::from(name == "sed")).collect();
    if files.is_empty() {
        return Outcome::Block(Blocked::Filter(filter));
    }
    let mut f = filter;
    let mut o = String::new();
    // `sed -i` writes each file back instead of printing it.
    let in_place = name == "sed" && call.args.iter().any(|x| x == "-i" || x.starts_with("-i."));
    for file in files {
        match ctx.host.read(file) {
            Ok(text) if in_place => {
                let mut edited = String::new();
                for l in text.lines() {
                    edited.push_str(&filter_line(&mut f, l).0);
                }
                if let Err(e) = ctx.host.write(file, &edited, false) {
                    ctx.err(&format!("sed: can't create {file}: {e}\n"));
                    return Outcome::Done(4);
                }
            }
            Ok(text) => {
                for l in text.lines() {
                    o.push_str(&filter_line(&mut f, l).0);
                }
            }
            Err(e) => {
                ctx.err(&format!("{name}: {file}: {e}\n"));
                return Outcome::Done(1);
            }
        }
    }
    let _ = ctx.out(&o);
    Outcome::Done(0)
}

pub(super) fn grep(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    let invert = args.iter().any(|x| x.starts_with('-') && x.contains('v'));
    let ignore_case = args.iter().any(|x| x.starts_with('-') && x.contains('i'));
    let rest: Vec<&String> = args.iter().filter(|x| !x.starts_with('-')).collect();
    let Some(pattern) = rest.first().map(|s| s.to_string()) else {
        ctx.err("Usage: grep [-iv] PATTERN [FILE]...\n");
        return Outcome::Done(2);
    };
    let mut f = Filter::Grep { pattern, invert, ignore_case, matched: false };
    match rest.get(1) {
        None => Outcome::Block(Blocked::Filter(f)),
        Some(file) => match ctx.host.read(file) {
            Ok(text) => {
                let mut o = String::new();
                for l in text.lines() {
                    o.push_str(&filter_line(&mut f, l).0);
                }
                let _ = ctx.out(&o);
                Outcome::Done(filter_end(&f).1)
            }
            Err(e) => {
                ctx.err(&format!("grep: {file}: {e}\n"));
                Outcome::Done(2)
            }
        },
    }
}

pub(super) fn wc(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let only_lines = call.args.iter().any(|x| x == "-l");
    let mut f = Filter::Wc { lines: 0, words: 0, bytes: 0, only_lines };
    match call.args.iter().find(|x| !x.starts_with('-')) {
        None => Outcome::Block(Blocked::Filter(f)),
        Some(file) => match ctx.host.read(file) {
            Ok(text) => {
                for l in text.lines() {
                    filter_line(&mut f, l);
                }
                let (o, _) = filter_end(&f);
                let _ = ctx.out(&format!("{} {file}\n", o.trim_end()));
                Outcome::Done(0)
            }
            Err(e) => {
                ctx.err(&format!("wc: {file}: {e}\n"));
                Outcome::Done(1)
            }
        },
    }
}

pub(super) fn seq(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let nums: Vec<i64> = call.args.iter().filter_map(|x| x.parse().ok()).collect();
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
    if ctx.out(&text) {
        Outcome::Done(0)
    } else {
        Outcome::Exit(141)
    }
}

/// A filter on standard input: up to [`LINES_PER_RESUME`] lines per wake-up.
pub(super) fn resume_filter(ctx: &mut Ctx<'_>, state: Blocked) -> Resumed {
    let Blocked::Filter(mut f) = state else {
        return Resumed::Done(0);
    };
    for _ in 0..LINES_PER_RESUME {
        match ctx.read_line() {
            Some(Some(line)) => {
                let (text, finished) = filter_line(&mut f, &line);
                if !text.is_empty() && !ctx.out(&text) {
                    return Resumed::Exit(141);
                }
                if finished {
                    return Resumed::Done(0);
                }
            }
            Some(None) => {
                let (text, code) = filter_end(&f);
                if !text.is_empty() {
                    let _ = ctx.out(&text);
                }
                return Resumed::Done(code);
            }
            None => return Resumed::Again(Blocked::Filter(f), Wait::Stdin),
        }
    }
    Resumed::Again(Blocked::Filter(f), Wait::Ready)
}

/// `tail` on standard input (a filter) or following a file (`-f`/`-F`).
pub(super) fn resume_tail(ctx: &mut Ctx<'_>, state: Blocked) -> Resumed {
    let Blocked::Follow { path, offset, retry, missing_said } = state else {
        return resume_filter(ctx, state);
    };
    let version = ctx.host.fs_version();
    let mut offset = offset;
    let mut missing_said = missing_said;
    match ctx.host.file_len(&path) {
        Some(len) => {
            if len < offset {
                ctx.err(&format!("tail: {path}: file truncated\n"));
                offset = 0;
            }
            if len > offset {
                if let Ok(text) = ctx.host.read_from(&path, offset) {
                    let new = text.get(..OUTPUT_BYTES_MAX.min(text.len())).unwrap_or(&text).to_string();
                    offset = len;
                    if !ctx.out(&new) {
                        return Resumed::Exit(141);
                    }
                }
            }
            missing_said = false;
        }
        None => {
            if !missing_said {
                ctx.err(&format!("tail: can't open '{path}': No such file or directory\n"));
                missing_said = true;
            }
            if !retry {
                ctx.err("tail: no files\n");
                return Resumed::Done(1);
            }
            offset = 0;
        }
    }
    Resumed::Again(Blocked::Follow { path, offset, retry, missing_said }, Wait::FsChange(version))
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
