//! Lexer and recursive-descent parser for the shell subset.
//!
//! It follows the POSIX grammar (XCU 2.10) for the constructs learners write
//! in `command`/`args`, and reports errors the way BusyBox `ash` does
//! (`syntax error: unexpected "do"`), with an explanation in Korean and
//! English beside it. Nesting depth and input size are bounded.

use std::sync::Arc;

use super::ast::*;
use crate::text::Text;

/// Longest script accepted, in characters.
pub const SCRIPT_CHARS_MAX: usize = 64 * 1024;
/// Deepest nesting of loops, groups and substitutions.
const DEPTH_MAX: usize = 48;

/// A script that cannot run: what `sh` prints, and what we explain beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// BusyBox's own wording, without the `sh: ` prefix.
    pub message: String,
    /// Character offset in the script where the problem was found.
    pub offset: usize,
    pub explain: Text,
}

impl SyntaxError {
    fn unexpected(what: &str, offset: usize) -> SyntaxError {
        SyntaxError {
            message: format!("syntax error: unexpected {what}"),
            offset,
            explain: Text::new(
                format!("셸 스크립트 {offset}번째 글자 근처: 이 자리에는 {what} 토큰이 올 수 없습니다. 따옴표, `;`, `do`/`done`, `then`/`fi` 짝을 확인하세요."),
                format!("Near character {offset} of the shell script, {what} is not allowed here. Check quotes, `;`, and the `do`/`done`, `then`/`fi` pairs."),
            ),
        }
    }

    fn eof_expecting(expect: &str, offset: usize) -> SyntaxError {
        let message = if expect.is_empty() {
            "syntax error: unexpected end of file".to_string()
        } else {
            format!("syntax error: unexpected end of file (expecting \"{expect}\")")
        };
        let (ko, en) = if expect.is_empty() {
            (
                "스크립트가 중간에 끝났습니다. `|`, `&&`, `||` 뒤에 명령이 빠지지 않았는지 확인하세요.".to_string(),
                "The script ends too early: a command is missing after `|`, `&&` or `||`.".to_string(),
            )
        } else {
            (
                format!("스크립트가 끝났는데 `{expect}` 키워드가 없습니다. 여는 구문과 닫는 구문의 짝을 맞추세요."),
                format!("The script ends without `{expect}`: every opening keyword needs its closing one."),
            )
        };
        SyntaxError { message, offset, explain: Text::new(ko, en) }
    }

    fn unterminated(offset: usize) -> SyntaxError {
        SyntaxError {
            message: "syntax error: unterminated quoted string".to_string(),
            offset,
            explain: Text::new(
                format!("{offset}번째 글자에서 시작한 따옴표가 닫히지 않았습니다. YAML 따옴표와 셸 따옴표가 섞이지 않았는지 확인하세요."),
                format!("The quote opened at character {offset} is never closed. Check that YAML quoting and shell quoting are not mixed up."),
            ),
        }
    }

    fn unsupported(what: &str, what_ko: &str, offset: usize) -> SyntaxError {
        SyntaxError {
            message: format!("syntax error: {what} is not supported by this simulated shell"),
            offset,
            explain: Text::new(
                format!("Podplay의 모의 셸에서는 {what_ko} 구문을 지원하지 않습니다. 실제 클러스터에서는 동작할 수 있지만, 여기서는 더 단순한 형태로 바꿔 주세요."),
                format!("Podplay's simulated shell does not support {what}. It may work on a real cluster; here, please write it more simply."),
            ),
        }
    }

    fn too_big(offset: usize) -> SyntaxError {
        SyntaxError {
            message: "syntax error: script too long or nested too deeply".to_string(),
            offset,
            explain: Text::new(
                "스크립트가 너무 길거나 너무 깊게 중첩되어 있습니다.",
                "The script is too long or nested too deeply.",
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Word(Word),
    Redir(u8, RedirectOp),
    Newline,
    Semi,
    DSemi,
    Amp,
    AndAnd,
    OrOr,
    Pipe,
    LParen,
    RParen,
    Eof,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Word(w) => format!("\"{}\"", w.as_plain().unwrap_or("word")),
            Tok::Redir(..) => "redirection".to_string(),
            Tok::Newline => "newline".to_string(),
            Tok::Semi => "\";\"".to_string(),
            Tok::DSemi => "\";;\"".to_string(),
            Tok::Amp => "\"&\"".to_string(),
            Tok::AndAnd => "\"&&\"".to_string(),
            Tok::OrOr => "\"||\"".to_string(),
            Tok::Pipe => "\"|\"".to_string(),
            Tok::LParen => "\"(\"".to_string(),
            Tok::RParen => "\")\"".to_string(),
            Tok::Eof => "end of file".to_string(),
        }
    }

    fn is_plain(&self, word: &str) -> bool {
        matches!(self, Tok::Word(w) if w.as_plain() == Some(word))
    }
}

const RESERVED: &[&str] = &["do", "done", "then", "fi", "else", "elif", "}", "in", "esac"];

struct Parser {
    src: Vec<char>,
    pos: usize,
    depth: usize,
    peeked: Option<(Tok, usize)>,
}

/// Parses a script (the text after `sh -c`).
pub fn parse(src: &str) -> Result<Script, SyntaxError> {
    if src.chars().count() > SCRIPT_CHARS_MAX {
        return Err(SyntaxError::too_big(SCRIPT_CHARS_MAX));
    }
    let (src, _) = super::heredoc::inline(src);
    let mut p = Parser { src: src.chars().collect(), pos: 0, depth: 0, peeked: None };
    let script = p.list(&[], "")?;
    let (tok, at) = p.next()?;
    if tok != Tok::Eof {
        return Err(SyntaxError::unexpected(&tok.describe(), at));
    }
    Ok(script)
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

impl Parser {
    fn ch(&self, at: usize) -> Option<char> {
        self.src.get(at).copied()
    }

    fn peek(&mut self) -> Result<&Tok, SyntaxError> {
        if self.peeked.is_none() {
            let start = self.skip_blank();
            let tok = self.lex()?;
            self.peeked = Some((tok, start));
        }
        match &self.peeked {
            Some((tok, _)) => Ok(tok),
            None => Err(SyntaxError::too_big(self.pos)),
        }
    }

    fn next(&mut self) -> Result<(Tok, usize), SyntaxError> {
        self.peek()?;
        self.peeked.take().ok_or_else(|| SyntaxError::too_big(self.pos))
    }

    fn skip_blank(&mut self) -> usize {
        loop {
            match self.ch(self.pos) {
                Some(' ' | '\t' | '\r') => self.pos += 1,
                Some('\\') if self.ch(self.pos + 1) == Some('\n') => self.pos += 2,
                Some('#') => {
                    while !matches!(self.ch(self.pos), None | Some('\n')) {
                        self.pos += 1;
                    }
                }
                _ => return self.pos,
            }
        }
    }

    fn lex(&mut self) -> Result<Tok, SyntaxError> {
        let c = match self.ch(self.pos) {
            None => return Ok(Tok::Eof),
            Some(c) => c,
        };
        let n = self.ch(self.pos + 1);
        let (tok, len) = match (c, n) {
            ('\n', _) => (Tok::Newline, 1),
            (';', Some(';')) => (Tok::DSemi, 2),
            (';', _) => (Tok::Semi, 1),
            ('&', Some('&')) => (Tok::AndAnd, 2),
            ('&', Some('>')) => return Err(SyntaxError::unsupported("`&>`", "`&>`", self.pos)),
            ('&', _) => (Tok::Amp, 1),
            ('|', Some('|')) => (Tok::OrOr, 2),
            ('|', _) => (Tok::Pipe, 1),
            ('(', _) => (Tok::LParen, 1),
            (')', _) => (Tok::RParen, 1),
            ('>' | '<', _) => return self.redirect(1),
            (d @ '0'..='2', Some('>' | '<')) => {
                self.pos += 1;
                return self.redirect(d as u8 - b'0');
            }
            _ => return Ok(Tok::Word(self.word(false)?)),
        };
        self.pos += len;
        Ok(tok)
    }

    fn redirect(&mut self, fd_default: u8) -> Result<Tok, SyntaxError> {
        let c = self.ch(self.pos);
        let n = self.ch(self.pos + 1);
        let (fd, op, len) = match (c, n) {
            (Some('>'), Some('>')) => (fd_default, RedirectOp::Append, 2),
            (Some('>'), Some('&')) => (fd_default, RedirectOp::Dup, 2),
            (Some('>'), Some('|')) => (fd_default, RedirectOp::Write, 2),
            (Some('>'), _) => (fd_default, RedirectOp::Write, 1),
            // `heredoc::inline` has put the body, quoted, as the next word.
            (Some('<'), Some('<')) => (0, RedirectOp::HereDoc, 2),
            (Some('<'), _) => (if fd_default == 1 { 0 } else { fd_default }, RedirectOp::Read, 1),
            _ => return Err(SyntaxError::unexpected("redirection", self.pos)),
        };
        self.pos += len;
        Ok(Tok::Redir(fd, op))
    }

    /// Lexes one word. `in_brace` stops at an unquoted `}` (inside `${x:-…}`).
    fn word(&mut self, in_brace: bool) -> Result<Word, SyntaxError> {
        let mut parts: Vec<WordPart> = Vec::new();
        let mut lit = String::new();
        while let Some(c) = self.ch(self.pos) {
            match c {
                ' ' | '\t' | '\r' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')' if !in_brace => break,
                '}' if in_brace => break,
                '\\' => {
                    self.pos += 1;
                    match self.ch(self.pos) {
                        Some('\n') => self.pos += 1,
                        Some(e) => {
                            flush(&mut lit, &mut parts);
                            parts.push(WordPart::Quoted(e.to_string()));
                            self.pos += 1;
                        }
                        None => lit.push('\\'),
                    }
                }
                '\'' => {
                    let start = self.pos;
                    self.pos += 1;
                    let mut s = String::new();
                    loop {
                        match self.ch(self.pos) {
                            None => return Err(SyntaxError::unterminated(start)),
                            Some('\'') => break,
                            Some(x) => s.push(x),
                        }
                        self.pos += 1;
                    }
                    self.pos += 1;
                    flush(&mut lit, &mut parts);
                    parts.push(WordPart::Quoted(s));
                }
                '"' => {
                    flush(&mut lit, &mut parts);
                    let inner = self.double_quoted()?;
                    parts.push(WordPart::Double(inner));
                }
                '$' => {
                    flush(&mut lit, &mut parts);
                    let part = self.dollar()?;
                    parts.push(part);
                }
                '`' => {
                    flush(&mut lit, &mut parts);
                    let part = self.backquote()?;
                    parts.push(part);
                }
                _ => {
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut lit, &mut parts);
        Ok(Word { parts })
    }

    fn double_quoted(&mut self) -> Result<Vec<WordPart>, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut parts = Vec::new();
        let mut s = String::new();
        loop {
            match self.ch(self.pos) {
                None => return Err(SyntaxError::unterminated(start)),
                Some('"') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => {
                    match self.ch(self.pos + 1) {
                        Some(e @ ('$' | '`' | '"' | '\\')) => s.push(e),
                        Some('\n') => {}
                        Some(e) => {
                            s.push('\\');
                            s.push(e);
                        }
                        None => return Err(SyntaxError::unterminated(start)),
                    }
                    self.pos += 2;
                }
                Some('$') => {
                    if !s.is_empty() {
                        parts.push(WordPart::Quoted(std::mem::take(&mut s)));
                    }
                    parts.push(self.dollar()?);
                }
                Some('`') => {
                    if !s.is_empty() {
                        parts.push(WordPart::Quoted(std::mem::take(&mut s)));
                    }
                    parts.push(self.backquote()?);
                }
                Some(c) => {
                    s.push(c);
                    self.pos += 1;
                }
            }
        }
        if !s.is_empty() {
            parts.push(WordPart::Quoted(s));
        }
        Ok(parts)
    }

    fn dollar(&mut self) -> Result<WordPart, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        match self.ch(self.pos) {
            Some('(') if self.ch(self.pos + 1) == Some('(') => {
                self.pos += 2;
                let mut depth = 0usize;
                let mut s = String::new();
                loop {
                    match self.ch(self.pos) {
                        None => return Err(SyntaxError::eof_expecting("))", start)),
                        Some(')') if depth == 0 && self.ch(self.pos + 1) == Some(')') => {
                            self.pos += 2;
                            break;
                        }
                        Some(c) => {
                            if c == '(' {
                                depth += 1;
                            } else if c == ')' {
                                depth = depth.saturating_sub(1);
                            }
                            s.push(c);
                            self.pos += 1;
                        }
                    }
                }
                Ok(WordPart::Arith(s))
            }
            Some('(') => {
                self.pos += 1;
                self.enter(start)?;
                let script = self.list(&[], ")")?;
                let (tok, at) = self.next()?;
                self.depth -= 1;
                match tok {
                    Tok::RParen => Ok(WordPart::Subst(Arc::new(script))),
                    Tok::Eof => Err(SyntaxError::eof_expecting(")", at)),
                    other => Err(SyntaxError::unexpected(&other.describe(), at)),
                }
            }
            Some('{') => {
                self.pos += 1;
                let mut name = String::new();
                while let Some(c) = self.ch(self.pos) {
                    if c == '_' || c.is_ascii_alphanumeric() || (name.is_empty() && "?$#!@*".contains(c)) {
                        name.push(c);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                let mut default = None;
                match (self.ch(self.pos), self.ch(self.pos + 1)) {
                    (Some('}'), _) => {}
                    (Some(':'), Some('-' | '=')) => {
                        self.pos += 2;
                        self.enter(start)?;
                        default = Some(Box::new(self.word(true)?));
                        self.depth -= 1;
                    }
                    (Some('-' | '='), _) => {
                        self.pos += 1;
                        self.enter(start)?;
                        default = Some(Box::new(self.word(true)?));
                        self.depth -= 1;
                    }
                    (None, _) => return Err(SyntaxError::eof_expecting("}", start)),
                    _ => return Err(SyntaxError::unsupported("this `${…}` form", "이 형태의 `${…}`", start)),
                }
                if self.ch(self.pos) != Some('}') {
                    return Err(SyntaxError::eof_expecting("}", start));
                }
                self.pos += 1;
                if name.is_empty() {
                    return Err(SyntaxError::unexpected("\"${}\" (bad substitution)", start));
                }
                Ok(WordPart::Var { name, default })
            }
            Some(c) if "?$#!@*".contains(c) || c.is_ascii_digit() => {
                self.pos += 1;
                Ok(WordPart::Var { name: c.to_string(), default: None })
            }
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                let mut name = String::new();
                while let Some(c) = self.ch(self.pos) {
                    if c == '_' || c.is_ascii_alphanumeric() {
                        name.push(c);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                Ok(WordPart::Var { name, default: None })
            }
            _ => Ok(WordPart::Quoted("$".to_string())),
        }
    }

    fn backquote(&mut self) -> Result<WordPart, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut inner = String::new();
        loop {
            match self.ch(self.pos) {
                None => return Err(SyntaxError::unterminated(start)),
                Some('`') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') if matches!(self.ch(self.pos + 1), Some('`' | '\\' | '$')) => {
                    if let Some(e) = self.ch(self.pos + 1) {
                        inner.push(e);
                    }
                    self.pos += 2;
                }
                Some(c) => {
                    inner.push(c);
                    self.pos += 1;
                }
            }
        }
        if self.depth + 1 > DEPTH_MAX {
            return Err(SyntaxError::too_big(start));
        }
        let mut sub = Parser { src: inner.chars().collect(), pos: 0, depth: self.depth + 1, peeked: None };
        let script = sub.list(&[], "`")?;
        let (tok, at) = sub.next()?;
        if tok != Tok::Eof {
            return Err(SyntaxError::unexpected(&tok.describe(), start + at));
        }
        Ok(WordPart::Subst(Arc::new(script)))
    }

    fn enter(&mut self, at: usize) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > DEPTH_MAX {
            return Err(SyntaxError::too_big(at));
        }
        Ok(())
    }

    fn skip_newlines(&mut self) -> Result<(), SyntaxError> {
        while *self.peek()? == Tok::Newline {
            self.next()?;
        }
        Ok(())
    }

    /// A list of and-or lists, up to (not including) one of `stops`, `)` or EOF.
    fn list(&mut self, stops: &[&str], expecting: &str) -> Result<Script, SyntaxError> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines()?;
            let tok = self.peek()?;
            if matches!(tok, Tok::Eof | Tok::RParen | Tok::DSemi) || stops.iter().any(|s| tok.is_plain(s)) {
                break;
            }
            let mut and_or = self.and_or(expecting)?;
            match self.peek()? {
                Tok::Semi | Tok::Newline => {
                    self.next()?;
                }
                Tok::Amp => {
                    self.next()?;
                    and_or.background = true;
                }
                _ => {
                    items.push(Arc::new(and_or));
                    break;
                }
            }
            items.push(Arc::new(and_or));
        }
        Ok(Script { items })
    }

    fn and_or(&mut self, expecting: &str) -> Result<AndOr, SyntaxError> {
        let first = self.pipeline(expecting)?;
        let mut rest = Vec::new();
        loop {
            let conn = match self.peek()? {
                Tok::AndAnd => Connector::And,
                Tok::OrOr => Connector::Or,
                _ => break,
            };
            self.next()?;
            self.skip_newlines()?;
            rest.push((conn, self.pipeline(expecting)?));
        }
        Ok(AndOr { first, rest, background: false })
    }

    fn pipeline(&mut self, expecting: &str) -> Result<Pipeline, SyntaxError> {
        let mut negate = false;
        if self.peek()?.is_plain("!") {
            self.next()?;
            negate = true;
        }
        let mut stages = vec![Arc::new(self.command(expecting)?)];
        while *self.peek()? == Tok::Pipe {
            self.next()?;
            self.skip_newlines()?;
            stages.push(Arc::new(self.command(expecting)?));
            if stages.len() > 16 {
                return Err(SyntaxError::too_big(self.pos));
            }
        }
        Ok(Pipeline { negate, stages })
    }

    fn expect_word(&mut self, word: &str) -> Result<(), SyntaxError> {
        let (tok, at) = self.next()?;
        if tok.is_plain(word) {
            Ok(())
        } else if tok == Tok::Eof {
            Err(SyntaxError::eof_expecting(word, at))
        } else {
            Err(SyntaxError::unexpected(&tok.describe(), at))
        }
    }

    fn command(&mut self, expecting: &str) -> Result<Command, SyntaxError> {
        let (tok, at) = {
            let at = self.peeked.as_ref().map(|p| p.1).unwrap_or(self.pos);
            (self.peek()?.clone(), at)
        };
        let word = match &tok {
            Tok::Word(w) => w.as_plain().map(str::to_string),
            Tok::Eof => return Err(SyntaxError::eof_expecting(expecting, at)),
            Tok::LParen => {
                self.next()?;
                self.enter(at)?;
                let body = self.list(&[], ")")?;
                self.depth -= 1;
                let (close, cat) = self.next()?;
                match close {
                    Tok::RParen => {}
                    Tok::Eof => return Err(SyntaxError::eof_expecting(")", cat)),
                    other => return Err(SyntaxError::unexpected(&other.describe(), cat)),
                }
                let redirects = self.redirects()?;
                return Ok(Command::Compound(Compound::Group(Arc::new(body)), redirects));
            }
            Tok::Redir(..) => None,
            other => return Err(SyntaxError::unexpected(&other.describe(), at)),
        };
        let compound = match word.as_deref() {
            Some(kw @ ("while" | "until")) => {
                self.next()?;
                self.enter(at)?;
                let cond = self.list(&["do"], "do")?;
                self.expect_word("do")?;
                let body = self.list(&["done"], "done")?;
                self.expect_word("done")?;
                self.depth -= 1;
                Compound::Loop { until: kw == "until", cond: Arc::new(cond), body: Arc::new(body) }
            }
            Some("for") => {
                self.next()?;
                self.enter(at)?;
                let (name_tok, nat) = self.next()?;
                let var = match &name_tok {
                    Tok::Word(w) => match w.as_plain() {
                        Some(n) if is_name(n) => n.to_string(),
                        _ => return Err(SyntaxError::unexpected(&name_tok.describe(), nat)),
                    },
                    Tok::Eof => return Err(SyntaxError::eof_expecting("do", nat)),
                    other => return Err(SyntaxError::unexpected(&other.describe(), nat)),
                };
                self.skip_newlines()?;
                let mut words = None;
                if self.peek()?.is_plain("in") {
                    self.next()?;
                    let mut ws = Vec::new();
                    while let Tok::Word(w) = self.peek()? {
                        ws.push(w.clone());
                        self.next()?;
                    }
                    words = Some(ws);
                }
                if matches!(self.peek()?, Tok::Semi) {
                    self.next()?;
                }
                self.skip_newlines()?;
                self.expect_word("do")?;
                let body = self.list(&["done"], "done")?;
                self.expect_word("done")?;
                self.depth -= 1;
                Compound::For { var, words, body: Arc::new(body) }
            }
            Some("if") => {
                self.next()?;
                self.enter(at)?;
                let mut branches = Vec::new();
                let mut otherwise = None;
                loop {
                    let cond = self.list(&["then"], "then")?;
                    self.expect_word("then")?;
                    let body = self.list(&["elif", "else", "fi"], "fi")?;
                    branches.push((Arc::new(cond), Arc::new(body)));
                    let (t, tat) = self.next()?;
                    if t.is_plain("elif") {
                        continue;
                    } else if t.is_plain("else") {
                        otherwise = Some(Arc::new(self.list(&["fi"], "fi")?));
                        self.expect_word("fi")?;
                        break;
                    } else if t.is_plain("fi") {
                        break;
                    } else if t == Tok::Eof {
                        return Err(SyntaxError::eof_expecting("fi", tat));
                    } else {
                        return Err(SyntaxError::unexpected(&t.describe(), tat));
                    }
                }
                self.depth -= 1;
                Compound::If { branches, otherwise }
            }
            Some("{") => {
                self.next()?;
                self.enter(at)?;
                let body = self.list(&["}"], "}")?;
                self.expect_word("}")?;
                self.depth -= 1;
                Compound::Group(Arc::new(body))
            }
            Some("[[") => {
                return Err(SyntaxError::unsupported("`[[ … ]]` (a bash test)", "bash의 `[[ … ]]` 조건식", at));
            }
            Some(kw @ ("case" | "function" | "select")) => {
                return Err(SyntaxError::unsupported(&format!("`{kw}`"), &format!("`{kw}`"), at));
            }
            Some(kw) if RESERVED.contains(&kw) => {
                return Err(SyntaxError::unexpected(&format!("\"{kw}\""), at));
            }
            _ => return self.simple(),
        };
        let redirects = self.redirects()?;
        Ok(Command::Compound(compound, redirects))
    }

    fn redirects(&mut self) -> Result<Vec<Redirect>, SyntaxError> {
        let mut out = Vec::new();
        while let Tok::Redir(..) = self.peek()? {
            out.push(self.redirect_target()?);
        }
        Ok(out)
    }

    fn redirect_target(&mut self) -> Result<Redirect, SyntaxError> {
        let (tok, _) = self.next()?;
        let (fd, op) = match tok {
            Tok::Redir(fd, op) => (fd, op),
            _ => return Err(SyntaxError::unexpected("redirection", self.pos)),
        };
        let (target, at) = self.next()?;
        match target {
            Tok::Word(w) => Ok(Redirect { fd, op, target: w }),
            Tok::Eof => Err(SyntaxError::eof_expecting("", at)),
            other => Err(SyntaxError::unexpected(&other.describe(), at)),
        }
    }

    fn simple(&mut self) -> Result<Command, SyntaxError> {
        let mut cmd = SimpleCommand::default();
        loop {
            let at = self.peeked.as_ref().map(|p| p.1).unwrap_or(self.pos);
            match self.peek()?.clone() {
                Tok::Word(w) => {
                    self.next()?;
                    if cmd.words.is_empty() {
                        if let Some(WordPart::Lit(first)) = w.parts.first() {
                            if let Some((name, value)) = first.split_once('=') {
                                if is_name(name) {
                                    let mut parts = w.parts.clone();
                                    if let Some(WordPart::Lit(f)) = parts.first_mut() {
                                        *f = value.to_string();
                                    }
                                    parts.retain(|p| !matches!(p, WordPart::Lit(s) if s.is_empty()));
                                    cmd.assigns.push((name.to_string(), Word { parts }));
                                    continue;
                                }
                            }
                        }
                    }
                    cmd.words.push(w);
                    if cmd.words.len() + cmd.assigns.len() > 4096 {
                        return Err(SyntaxError::too_big(at));
                    }
                }
                Tok::Redir(..) => {
                    let r = self.redirect_target()?;
                    cmd.redirects.push(r);
                }
                Tok::LParen if cmd.words.len() == 1 && cmd.assigns.is_empty() => {
                    return Err(SyntaxError::unsupported("shell functions", "셸 함수", at));
                }
                Tok::LParen if cmd.words.is_empty() && cmd.assigns.last().is_some_and(|(_, w)| w.parts.is_empty()) => {
                    return Err(SyntaxError::unsupported("bash arrays", "bash 배열", at));
                }
                _ => break,
            }
        }
        Ok(Command::Simple(cmd))
    }
}

fn flush(lit: &mut String, parts: &mut Vec<WordPart>) {
    if !lit.is_empty() {
        parts.push(WordPart::Lit(std::mem::take(lit)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_like_busybox() {
        let cases = [
            ("while true; do echo", "syntax error: unexpected end of file (expecting \"done\")"),
            ("do echo hi", "syntax error: unexpected \"do\""),
            ("echo 'oops", "syntax error: unterminated quoted string"),
            ("echo hi |", "syntax error: unexpected end of file"),
            ("if true; then echo", "syntax error: unexpected end of file (expecting \"fi\")"),
            (";", "syntax error: unexpected \";\""),
        ];
        for (src, want) in cases {
            let err = parse(src).err().map(|e| e.message);
            assert_eq!(err.as_deref(), Some(want), "{src}");
        }
    }

    #[test]
    fn docs_scripts_parse() {
        for src in [
            "touch /var/log/app/raw.log; tail -F /var/log/app/raw.log | while read line; do echo \"adapted: $line\"; done",
            "while true; do echo \"$(date) raw event\" >> /var/log/app/raw.log; sleep 2; done",
            "i=0; while true; do\n  echo \"$i: $(date)\" >> /var/log/1.log;\n  i=$((i+1));\n  sleep 1;\ndone\n",
            "for i in 1 2 3; do echo $i; done",
            "if [ -f /x ]; then echo yes; elif true; then :; else echo no; fi",
            "echo `hostname` ${X:-def} > /tmp/o 2>&1",
        ] {
            assert!(parse(src).is_ok(), "{src}: {:?}", parse(src));
        }
    }
}
