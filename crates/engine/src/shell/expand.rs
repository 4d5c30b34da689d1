//! Word expansion: parameters (`$X`, `${X:-d}`), command substitution
//! `$(…)`, arithmetic `$((…))`, field splitting of unquoted expansions and
//! globbing of `*`/`?`.

use super::arith;
use super::ast::{Word, WordPart};
use super::host::Host;
use super::process::{Process, Sink, VALUE_BYTES_MAX};
use crate::time::SimTime;

impl Process {
    /// Expands a word without field splitting (assignments, redirect targets).
    pub(crate) fn expand_joined(&mut self, i: usize, w: &Word, now: SimTime, host: &mut dyn Host) -> String {
        let mut out = String::new();
        for part in &w.parts {
            let (text, _) = self.expand_part(i, part, now, host);
            out.push_str(&text);
            if out.len() > VALUE_BYTES_MAX {
                break;
            }
        }
        out
    }

    /// Expands a word into fields (parameter expansion, `$(…)`, `$((…))`,
    /// field splitting of unquoted expansions, globbing of `*`).
    pub(crate) fn expand(&mut self, i: usize, w: &Word, now: SimTime, host: &mut dyn Host) -> Vec<String> {
        let mut fields: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut have = false;
        let mut glob = false;
        for part in &w.parts {
            match part {
                WordPart::Lit(s) => {
                    cur.push_str(s);
                    have = true;
                    glob |= s.contains('*') || s.contains('?');
                }
                WordPart::Quoted(_) | WordPart::Double(_) => {
                    let (text, _) = self.expand_part(i, part, now, host);
                    cur.push_str(&text);
                    have = true;
                }
                _ => {
                    let (text, _) = self.expand_part(i, part, now, host);
                    let mut pieces = text.split([' ', '\t', '\n']).peekable();
                    let starts_blank = text.starts_with([' ', '\t', '\n']);
                    if starts_blank && have {
                        fields.push(std::mem::take(&mut cur));
                        have = false;
                    }
                    let mut first = true;
                    while let Some(piece) = pieces.next() {
                        if piece.is_empty() {
                            continue;
                        }
                        if !first && have {
                            fields.push(std::mem::take(&mut cur));
                        }
                        cur.push_str(piece);
                        have = true;
                        first = false;
                        if pieces.peek().is_none() && text.ends_with([' ', '\t', '\n']) {
                            fields.push(std::mem::take(&mut cur));
                            have = false;
                        }
                    }
                    if fields.len() > 4096 {
                        break;
                    }
                }
            }
        }
        if have {
            fields.push(cur);
        }
        self.charge(fields.iter().map(String::len).sum());
        if glob {
            let mut out = Vec::new();
            for f in fields {
                let matches = glob_expand(&f, host);
                if matches.is_empty() {
                    out.push(f);
                } else {
                    out.extend(matches);
                }
            }
            return out;
        }
        fields
    }

    fn expand_part(&mut self, i: usize, part: &WordPart, now: SimTime, host: &mut dyn Host) -> (String, bool) {
        match part {
            WordPart::Lit(s) | WordPart::Quoted(s) => (s.clone(), true),
            WordPart::Double(parts) => {
                let mut out = String::new();
                for p in parts {
                    out.push_str(&self.expand_part(i, p, now, host).0);
                }
                (out, true)
            }
            WordPart::Var { name, default } => {
                let value = if name == "RANDOM" {
                    Some((self.next_random() % 32768).to_string())
                } else {
                    self.get_var(i, name)
                };
                match (value, default) {
                    (Some(v), _) if !v.is_empty() => (v, false),
                    (_, Some(d)) => (self.expand_joined(i, d, now, host), false),
                    (v, None) => (v.unwrap_or_default(), false),
                }
            }
            WordPart::Arith(expr) => {
                let expr = expr.clone();
                match arith::eval(&expr, &|name: &str| self.get_var(i, name)) {
                    Ok((v, assigns)) => {
                        for (name, val) in assigns {
                            self.set_var(i, &name, val.to_string());
                        }
                        (v.to_string(), false)
                    }
                    Err(e) => {
                        let _ = self.write(i, 2, &format!("sh: arithmetic syntax error: {e}\n"), host);
                        (String::new(), false)
                    }
                }
            }
            WordPart::Subst(script) => {
                let env = self.tasks.get(i).map(|t| t.vars.clone()).unwrap_or_default();
                let pid = host.next_pid();
                let mut sub = Process::captured(script.clone(), env, pid, "sh".to_string(), None);
                if let Some(t) = sub.tasks.first_mut() {
                    if let Some(parent) = self.tasks.get(i) {
                        t.err = match parent.err {
                            Sink::Log => Sink::Log,
                            _ => Sink::Null,
                        };
                    }
                }
                // Substitutions spend the program's own budget: a loop of
                // spinning `$(…)` cannot multiply the work of one wake-up.
                let mut budget = self.sub_budget.min(2_000);
                sub.sub_budget = budget / 2;
                let before = budget;
                if budget > 0 {
                    sub.run_to_end(now, host, &mut budget);
                }
                self.sub_budget = self.sub_budget.saturating_sub(before - budget).saturating_sub(1);
                let code = sub.exit_code().unwrap_or(0);
                self.set_status(i, code);
                let (mut out, _) = sub.take_captured();
                while out.ends_with('\n') {
                    out.pop();
                }
                (out, false)
            }
        }
    }
}

/// Expands `*` and `?` in the last path segment against the directory.
fn glob_expand(pattern: &str, host: &dyn Host) -> Vec<String> {
    let (dir, pat) = match pattern.rfind('/') {
        Some(0) => ("/", pattern.get(1..).unwrap_or("")),
        Some(n) => (pattern.get(..n).unwrap_or(""), pattern.get(n + 1..).unwrap_or("")),
        None => (".", pattern),
    };
    if dir.contains(['*', '?']) {
        return Vec::new();
    }
    let Ok(names) = host.list(if dir == "." { "/" } else { dir }) else {
        return Vec::new();
    };
    names
        .into_iter()
        .filter(|n| !n.starts_with('.') && wildcard(pat.as_bytes(), n.as_bytes()))
        .map(|n| {
            if dir == "." {
                n
            } else if dir == "/" {
                format!("/{n}")
            } else {
                format!("{dir}/{n}")
            }
        })
        .collect()
}

/// `*`/`?` matching, iterative with one backtrack point (linear time).
pub(crate) fn wildcard(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, si));
                pi += 1;
            }
            Some(c) if *c == b'?' || Some(c) == s.get(si) => {
                pi += 1;
                si += 1;
            }
            _ => match star {
                Some((sp, ss)) => {
                    pi = sp + 1;
                    si = ss + 1;
                    star = Some((sp, ss + 1));
                }
                None => return false,
            },
        }
    }
    while p.get(pi) == Some(&b'*') {
        pi += 1;
    }
    pi == p.len()
}
