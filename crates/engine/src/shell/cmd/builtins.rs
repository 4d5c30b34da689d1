//! The shell's own builtins: `echo`, `printf`, `exit`, `true`/`false`,
//! `test`/`[`, `read`, `export`, `unset`, `pwd`, `break`/`continue`,
//! `trap` and `sh -c` run from inside a script.

use std::sync::Arc;

use crate::shell::ast::Script;
use crate::shell::context::{Call, Ctx, Outcome, Resumed, OUTPUT_BYTES_MAX};
use crate::shell::host::Host;
use crate::shell::parser::{self, SyntaxError};
use crate::shell::process::{Blocked, Wait};

/// `true`, `:`, `set`, `cd`, `wait`, `sync`: succeed and do nothing.
pub(super) fn succeed(_: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    Outcome::Done(0)
}

pub(super) fn fail(_: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    Outcome::Done(1)
}

pub(super) fn echo(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let args = call.args;
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
    if ctx.out(&text) {
        Outcome::Done(0)
    } else {
        Outcome::Exit(141)
    }
}

pub(super) fn printf(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let text = printf_text(call.args);
    if ctx.out(&text) {
        Outcome::Done(0)
    } else {
        Outcome::Exit(141)
    }
}

pub(super) fn exit(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let code = if call.args.is_empty() {
        ctx.status()
    } else {
        call.arg(0).parse::<i64>().map(|c| (c & 255) as i32).unwrap_or(2)
    };
    Outcome::Exit(code)
}

pub(super) fn pwd(ctx: &mut Ctx<'_>, _: &Call<'_>) -> Outcome {
    let text = format!("{}\n", ctx.host.cwd());
    let _ = ctx.out(&text);
    Outcome::Done(0)
}

pub(super) fn export(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    for x in call.args {
        if let Some((k, v)) = x.split_once('=') {
            ctx.set_var(k, v.to_string());
        }
    }
    Outcome::Done(0)
}

pub(super) fn unset(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    for x in call.args {
        ctx.unset_var(x);
    }
    Outcome::Done(0)
}

/// `test` and `[`.
pub(super) fn test(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let name = call.name;
    let mut targs: Vec<String> = call.args.to_vec();
    if name == "[" {
        if targs.last().map(String::as_str) != Some("]") {
            ctx.err("sh: [: missing ]\n");
            return Outcome::Done(2);
        }
        targs.pop();
    }
    match eval_test(&targs, ctx.host) {
        Ok(b) => Outcome::Done(i32::from(!b)),
        Err(e) => {
            ctx.err(&format!("sh: {name}: {e}\n"));
            Outcome::Done(2)
        }
    }
}

pub(super) fn read(_: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let vars: Vec<String> = call.args.iter().filter(|x| !x.starts_with('-')).cloned().collect();
    let vars = if vars.is_empty() { vec!["REPLY".to_string()] } else { vars };
    Outcome::Block(Blocked::Read { vars })
}

/// `read` waits for a line of standard input.
pub(super) fn resume_read(ctx: &mut Ctx<'_>, state: Blocked) -> Resumed {
    let Blocked::Read { vars } = state else {
        return Resumed::Done(0);
    };
    match ctx.read_line() {
        Some(Some(line)) => {
            assign_read(ctx, &vars, &line);
            Resumed::Done(0)
        }
        Some(None) => Resumed::Done(1),
        None => Resumed::Again(Blocked::Read { vars }, Wait::Stdin),
    }
}

fn assign_read(ctx: &mut Ctx<'_>, vars: &[String], line: &str) {
    let mut rest = line.trim_start();
    for (k, v) in vars.iter().enumerate() {
        if k + 1 == vars.len() {
            ctx.set_var(v, rest.trim_end().to_string());
        } else {
            let (head, tail) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
            ctx.set_var(v, head.to_string());
            rest = tail.trim_start();
        }
    }
}

/// `break` and `continue`.
pub(super) fn break_continue(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    ctx.unwind_loop(call.name == "continue");
    Outcome::Done(0)
}

pub(super) fn trap(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    let is_term = call.args.iter().skip(1).any(|s| matches!(s.as_str(), "TERM" | "SIGTERM" | "15" | "INT" | "SIGINT"));
    if is_term {
        if call.arg(0) == "-" {
            ctx.set_trap_term(None);
        } else if let Ok(script) = parser::parse(call.arg(0)) {
            ctx.set_trap_term(Some(Arc::new(script)));
        }
    }
    Outcome::Done(0)
}

/// `sh`, `bash`, `ash` inside a script: runs the script of `-c` in this task.
pub(super) fn sh(ctx: &mut Ctx<'_>, call: &Call<'_>) -> Outcome {
    match shell_script(call.argv) {
        Ok(script) => {
            ctx.run_script(script);
            Outcome::Done(0)
        }
        Err(e) => {
            ctx.err(&format!("sh: {}\n", e.message));
            Outcome::Done(2)
        }
    }
}

/// The script a shell's argv runs: `sh -c 'script' [name args…]`; flags such
/// as `-e`/`-x` before `-c` are accepted.
pub(super) fn shell_script(argv: &[String]) -> Result<Arc<Script>, SyntaxError> {
    let rest = argv.get(1..).unwrap_or(&[]);
    let mut i = 0;
    while let Some(a) = rest.get(i) {
        if a == "-c" {
            let script = rest.get(i + 1).cloned().unwrap_or_default();
            return parser::parse(&script).map(Arc::new);
        }
        if a.starts_with('-') {
            i += 1;
            continue;
        }
        break;
    }
    // `sh` with no `-c` reads commands from stdin: a container has none, so it exits 0.
    Ok(Arc::new(Script::default()))
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

fn printf_text(args: &[String]) -> String {
    let Some(fmt) = args.first() else {
        return String::new();
    };
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
