//! Here-documents (`cat <<EOF > file`, `<<-EOF`, `<<'EOF'`), as a pass
//! before the lexer: each body is cut out of the lines that follow its
//! command line and put back as the word after `<<`, quoted so that it
//! expands as POSIX says (XCU 2.7.4): a quoted delimiter keeps the body
//! literal (single quotes), an unquoted one expands `$…` and backquotes
//! (double quotes, with the body's own `"` escaped). The parser then sees
//! `<<` followed by one word, the body, and the redirection feeds it to stdin.

/// Here-documents one script may hold.
const HEREDOCS_MAX: usize = 64;

/// One `<<WORD` waiting for its body.
struct Pending {
    delim: String,
    quoted: bool,
    strip_tabs: bool,
    /// Byte offset in the output where the quoted body goes.
    at: usize,
}

/// The script with every here-document body moved next to its `<<`, and
/// whether the last body is still open (its delimiter line has not come):
/// an interactive shell then keeps reading lines (`> ` prompt).
pub(crate) fn inline(src: &str) -> (String, bool) {
    if !src.contains("<<") {
        return (src.to_string(), false);
    }
    let mut out = String::with_capacity(src.len() + 16);
    let mut bodies: Vec<(usize, String)> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut open = false;
    let mut lines = src.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        scan_line(line, &mut out, &mut pending);
        if pending.is_empty() {
            continue;
        }
        // The bodies start on the lines after this command line, in order.
        for p in pending.drain(..) {
            let mut body = String::new();
            let mut closed = false;
            for l in lines.by_ref() {
                let text = l.strip_suffix('\n').unwrap_or(l);
                let text = if p.strip_tabs { text.trim_start_matches('\t') } else { text };
                if text == p.delim {
                    closed = true;
                    break;
                }
                body.push_str(text);
                body.push('\n');
            }
            open |= !closed;
            bodies.push((p.at, quote(&body, p.quoted)));
            if !out.ends_with('\n') && lines.peek().is_some() {
                out.push('\n');
            }
        }
    }
    for (at, body) in bodies.into_iter().rev() {
        if out.is_char_boundary(at) {
            out.insert_str(at, &body);
        }
    }
    (out, open)
}

/// Copies one line to `out`, noting every `<<WORD` outside quotes and
/// comments (and leaving `<<` with a space for the body in its place).
fn scan_line(line: &str, out: &mut String, pending: &mut Vec<Pending>) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let (mut single, mut double) = (false, false);
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '\\' if !single => {
                out.push(c);
                if let Some(&n) = chars.get(i) {
                    out.push(n);
                    i += 1;
                }
                continue;
            }
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && (i == 1 || chars.get(i - 2).is_some_and(|p| p.is_whitespace())) => {
                out.extend(chars.get(i - 1..).unwrap_or(&[]).iter());
                return;
            }
            '<' if !single && !double && chars.get(i) == Some(&'<') && pending.len() < HEREDOCS_MAX => {
                i += 1;
                let strip_tabs = chars.get(i) == Some(&'-');
                if strip_tabs {
                    i += 1;
                }
                while matches!(chars.get(i), Some(' ' | '\t')) {
                    i += 1;
                }
                let (delim, quoted, next) = delimiter(&chars, i);
                i = next;
                out.push_str("<< ");
                pending.push(Pending { delim, quoted, strip_tabs, at: out.len() });
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
}

/// Reads the delimiter word from `start`: quote characters are removed, and
/// any quoting makes the body literal.
fn delimiter(chars: &[char], start: usize) -> (String, bool, usize) {
    let mut i = start;
    let mut word = String::new();
    let mut quoted = false;
    let mut quote: Option<char> = None;
    while let Some(&c) = chars.get(i) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                quoted = true;
            }
            (None, '\\') => {
                quoted = true;
                if let Some(&n) = chars.get(i + 1) {
                    word.push(n);
                    i += 1;
                }
            }
            (None, ' ' | '\t' | '\n' | '\r' | ';' | '&' | '|' | '<' | '>' | '(' | ')') => break,
            (None, c) => word.push(c),
        }
        i += 1;
    }
    (word, quoted, i)
}

/// The body as one shell word with here-document semantics.
fn quote(body: &str, literal: bool) -> String {
    if literal {
        return format!("'{}'", body.replace('\'', "'\\''"));
    }
    let mut s = String::with_capacity(body.len() + 2);
    s.push('"');
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // In a here-document `\"` stays two characters.
            '\\' if chars.peek() == Some(&'"') => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn bodies_move_next_to_their_redirection() {
        let (s, open) = inline("cat <<EOF > f\na $X\n\"q\"\nEOF\necho done\n");
        assert!(!open);
        assert_eq!(s, "cat << \"a $X\n\\\"q\\\"\n\" > f\necho done\n");
        let (s, _) = inline("cat <<'EOF'\nit's $X\nEOF");
        assert_eq!(s, "cat << 'it'\\''s $X\n'\n");
        let (_, open) = inline("cat <<EOF > f\napiVersion: v1\n");
        assert!(open);
        let (s, _) = inline("echo '<<no' # <<no\n");
        assert_eq!(s, "echo '<<no' # <<no\n");
    }
}
