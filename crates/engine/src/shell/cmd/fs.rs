//! File tools: `touch`, `mkdir`, `rm`, `ls`, `cp`/`mv`, `readlink`,
//! `basename` and `dirname`, on the container's files through the host.

use crate::shell::context::{Call, Ctx, Outcome};

/// Strips a path: `/bin/sh` → `sh`.
pub fn base_name(arg: &str) -> &str {
    arg.rsplit('/').next().unwrap_or(arg)
}

pub(super) fn touch(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let mut code = 0;
    for f in call.args.iter().filter(|x| !x.starts_with('-')) {
        if let Err(e) = ctx.host.write(f, "", true) {
            ctx.err(&format!("touch: {f}: {e}\n"));
            code = 1;
        }
    }
    Outcome::Done(code)
}

pub(super) fn mkdir(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let parents = call.args.iter().any(|x| x == "-p");
    let mut code = 0;
    for d in call.args.iter().filter(|x| !x.starts_with('-')) {
        if let Err(e) = ctx.host.mkdir(d, parents) {
            ctx.err(&format!("mkdir: can't create directory '{d}': {e}\n"));
            code = 1;
        }
    }
    Outcome::Done(code)
}

pub(super) fn rm(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    let force = args.iter().any(|x| x.starts_with('-') && x.contains('f'));
    let recursive = args.iter().any(|x| x.starts_with('-') && (x.contains('r') || x.contains('R')));
    let mut code = 0;
    for f in args.iter().filter(|x| !x.starts_with('-')) {
        if let Err(e) = ctx.host.remove(f, recursive) {
            if !(force && e.contains("No such file")) {
                ctx.err(&format!("rm: can't remove '{f}': {e}\n"));
                code = 1;
            }
        }
    }
    Outcome::Done(code)
}

pub(super) fn ls(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
    let long = args.iter().any(|x| x.starts_with('-') && x.contains('l'));
    let all = args.iter().any(|x| x.starts_with('-') && x.contains('a'));
    let mut paths: Vec<String> = args.iter().filter(|x| !x.starts_with('-')).cloned().collect();
    if paths.is_empty() {
        paths.push(".".to_string());
    }
    let mut code = 0;
    let mut text = String::new();
    let many = paths.len() > 1;
    for path in &paths {
        let host = &mut *ctx.host;
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
                ctx.err(&format!("ls: {path}: {e}\n"));
                code = 1;
            }
        }
    }
    let _ = ctx.out(&text);
    Outcome::Done(code)
}

/// `cp` and `mv` of one file.
pub(super) fn cp_mv(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let name = call.name;
    let paths: Vec<&String> = call.args.iter().filter(|x| !x.starts_with('-')).collect();
    let (Some(src), Some(dst)) = (paths.first(), paths.get(1)) else {
        ctx.err(&format!("{name}: missing file operand\n"));
        return Outcome::Done(1);
    };
    let text = match ctx.host.read(src) {
        Ok(t) => t,
        Err(e) => {
            ctx.err(&format!("{name}: can't stat '{src}': {e}\n"));
            return Outcome::Done(1);
        }
    };
    let target = if ctx.host.is_dir(dst) {
        format!("{}/{}", dst.trim_end_matches('/'), base_name(src))
    } else {
        dst.to_string()
    };
    if let Err(e) = ctx.host.write(&target, &text, false) {
        ctx.err(&format!("{name}: can't create '{target}': {e}\n"));
        return Outcome::Done(1);
    }
    if name == "mv" {
        let _ = ctx.host.remove(src, false);
    }
    Outcome::Done(0)
}

pub(super) fn basename(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let path = call.arg(0).trim_end_matches('/');
    let b = base_name(path).to_string();
    let text = match call.args.get(1) {
        Some(suffix) => b.strip_suffix(suffix.as_str()).map(str::to_string).unwrap_or(b),
        None => b,
    };
    let _ = ctx.out(&format!("{text}\n"));
    Outcome::Done(0)
}

pub(super) fn dirname(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let path = call.arg(0).trim_end_matches('/');
    let text = match path.rfind('/') {
        Some(0) => "/".to_string(),
        Some(n) => path.get(..n).unwrap_or(".").to_string(),
        None => ".".to_string(),
    };
    let _ = ctx.out(&format!("{text}\n"));
    Outcome::Done(0)
}

pub(super) fn readlink(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let Some(path) = call.args.iter().find(|x| !x.starts_with('-')) else {
        return Outcome::Done(1);
    };
    match ctx.host.read(path) {
        Ok(target) if path.starts_with("/proc/") && path.contains("/ns/") => {
            let _ = ctx.out(&format!("{target}\n"));
            Outcome::Done(0)
        }
        _ => Outcome::Done(1),
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
