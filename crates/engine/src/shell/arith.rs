//! `$(( … ))` arithmetic: integers, variables, `+ - * / %`, comparisons,
//! `&& || !`, parentheses and `name=`/`+=` assignments. Bounded and
//! overflow-safe (wrapping, like the shell's 64-bit integers).

/// Evaluates `expr`; returns the value and the assignments it made.
pub fn eval(expr: &str, get: &dyn Fn(&str) -> Option<String>) -> Result<(i64, Vec<(String, i64)>), String> {
    let toks = lex(expr)?;
    let mut p = P { toks, pos: 0, get, assigns: Vec::new(), depth: 0 };
    if p.toks.is_empty() {
        return Ok((0, Vec::new()));
    }
    let v = p.expr()?;
    if p.pos != p.toks.len() {
        return Err(expr.trim().to_string());
    }
    Ok((v, p.assigns))
}

#[derive(Clone, Debug, PartialEq)]
enum T {
    Num(i64),
    Name(String),
    Op(&'static str),
}

const OPS: &[&str] = &[
    "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "++", "--", "<<", ">>", "+", "-", "*", "/", "%", "(", ")", "<",
    ">", "!", "=",
];

fn lex(s: &str) -> Result<Vec<T>, String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        if out.len() > 1024 {
            return Err("expression too long".into());
        }
        let c = b.get(i).copied().unwrap_or(b' ');
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
                i += 1;
            }
            let text = s.get(start..i).unwrap_or("");
            let n = if let Some(hex) = text.strip_prefix("0x") {
                i64::from_str_radix(hex, 16)
            } else {
                text.parse::<i64>()
            };
            out.push(T::Num(n.map_err(|_| text.to_string())?));
        } else if c == b'_' || c.is_ascii_alphabetic() || c == b'$' {
            if c == b'$' {
                i += 1;
            }
            let start = i;
            while b.get(i).is_some_and(|c| *c == b'_' || c.is_ascii_alphanumeric()) {
                i += 1;
            }
            out.push(T::Name(s.get(start..i).unwrap_or("").to_string()));
        } else {
            let rest = s.get(i..).unwrap_or("");
            match OPS.iter().find(|op| rest.starts_with(**op)) {
                Some(op) => {
                    out.push(T::Op(op));
                    i += op.len();
                }
                None => return Err(rest.to_string()),
            }
        }
    }
    Ok(out)
}

struct P<'a> {
    toks: Vec<T>,
    pos: usize,
    get: &'a dyn Fn(&str) -> Option<String>,
    assigns: Vec<(String, i64)>,
    depth: usize,
}

impl P<'_> {
    fn peek_op(&self) -> Option<&'static str> {
        match self.toks.get(self.pos) {
            Some(T::Op(o)) => Some(o),
            _ => None,
        }
    }

    fn var(&self, name: &str) -> i64 {
        if let Some((_, v)) = self.assigns.iter().rev().find(|(n, _)| n == name) {
            return *v;
        }
        (self.get)(name).and_then(|v| v.trim().parse().ok()).unwrap_or(0)
    }

    fn expr(&mut self) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > 64 {
            return Err("expression nested too deeply".into());
        }
        // Assignment: NAME = expr, NAME += expr, NAME -= expr.
        if let (Some(T::Name(n)), Some(T::Op(op @ ("=" | "+=" | "-=")))) =
            (self.toks.get(self.pos), self.toks.get(self.pos + 1))
        {
            let (n, op) = (n.clone(), *op);
            self.pos += 2;
            let rhs = self.expr()?;
            let v = match op {
                "+=" => self.var(&n).wrapping_add(rhs),
                "-=" => self.var(&n).wrapping_sub(rhs),
                _ => rhs,
            };
            self.assigns.push((n, v));
            self.depth -= 1;
            return Ok(v);
        }
        let v = self.binary(0)?;
        self.depth -= 1;
        Ok(v)
    }

    fn binary(&mut self, min_prec: u8) -> Result<i64, String> {
        let mut lhs = self.unary()?;
        while let Some(op) = self.peek_op() {
            let prec = match op {
                "||" => 1,
                "&&" => 2,
                "==" | "!=" => 3,
                "<" | ">" | "<=" | ">=" => 4,
                "<<" | ">>" => 5,
                "+" | "-" => 6,
                "*" | "/" | "%" => 7,
                _ => break,
            };
            if prec < min_prec {
                break;
            }
            self.pos += 1;
            let rhs = self.binary(prec + 1)?;
            lhs = match op {
                "||" => i64::from(lhs != 0 || rhs != 0),
                "&&" => i64::from(lhs != 0 && rhs != 0),
                "==" => i64::from(lhs == rhs),
                "!=" => i64::from(lhs != rhs),
                "<" => i64::from(lhs < rhs),
                ">" => i64::from(lhs > rhs),
                "<=" => i64::from(lhs <= rhs),
                ">=" => i64::from(lhs >= rhs),
                "<<" => lhs.wrapping_shl((rhs & 63) as u32),
                ">>" => lhs.wrapping_shr((rhs & 63) as u32),
                "+" => lhs.wrapping_add(rhs),
                "-" => lhs.wrapping_sub(rhs),
                "*" => lhs.wrapping_mul(rhs),
                "/" | "%" if rhs == 0 => return Err("divide by zero".into()),
                "/" => lhs.wrapping_div(rhs),
                _ => lhs.wrapping_rem(rhs),
            };
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<i64, String> {
        match self.toks.get(self.pos).cloned() {
            Some(T::Op("-")) => {
                self.pos += 1;
                Ok(self.unary()?.wrapping_neg())
            }
            Some(T::Op("+")) => {
                self.pos += 1;
                self.unary()
            }
            Some(T::Op("!")) => {
                self.pos += 1;
                Ok(i64::from(self.unary()? == 0))
            }
            Some(T::Op("(")) => {
                self.pos += 1;
                let v = self.expr()?;
                if self.peek_op() != Some(")") {
                    return Err("missing )".into());
                }
                self.pos += 1;
                Ok(v)
            }
            Some(T::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(T::Name(n)) => {
                self.pos += 1;
                match self.peek_op() {
                    Some(op @ ("++" | "--")) => {
                        self.pos += 1;
                        let old = self.var(&n);
                        let new = if op == "++" { old.wrapping_add(1) } else { old.wrapping_sub(1) };
                        self.assigns.push((n, new));
                        Ok(old)
                    }
                    _ => Ok(self.var(&n)),
                }
            }
            _ => Err("syntax error".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluates_like_the_shell() {
        let get = |n: &str| if n == "i" { Some("41".to_string()) } else { None };
        let cases: &[(&str, i64)] =
            &[("i+1", 42), ("2*(3+4)", 14), ("10%3", 1), ("i>40 && 1", 1), ("-i", -41), ("x", 0), ("", 0)];
        for (e, want) in cases {
            assert_eq!(eval(e, &get).map(|r| r.0), Ok(*want), "{e}");
        }
        assert_eq!(eval("i=i+1", &get).map(|r| r.1), Ok(vec![("i".to_string(), 42)]));
        assert!(eval("1/0", &get).is_err());
        assert!(eval("1 +", &get).is_err());
    }
}
