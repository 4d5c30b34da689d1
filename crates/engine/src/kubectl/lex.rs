//! Splits a terminal line into words the way a POSIX shell would before it
//! hands them to kubectl: whitespace separates words, single quotes keep
//! everything literally, double quotes allow `\"`, `\\`, `\$` and `` \` ``
//! escapes, and a backslash outside quotes escapes the next character.
//! Follows the quoting rules of POSIX.1-2017 "Shell Command Language" §2.2.

use crate::text::Text;

/// The longest line the terminal accepts, in bytes.
pub const LINE_BYTES_MAX: usize = 8 * 1024;
/// The most words a line may have.
pub const WORDS_MAX: usize = 256;

/// Why a line could not be split into words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LexError {
    /// The line is longer than [`LINE_BYTES_MAX`].
    TooLong { bytes: usize },
    /// The line has more than [`WORDS_MAX`] words.
    TooManyWords,
    /// A quote opened at this byte offset is never closed.
    UnterminatedQuote { quote: char, at: usize },
    /// The line ends with a lone backslash.
    TrailingBackslash,
    /// A control character (other than tab) at this byte offset.
    ControlChar { ch: char, at: usize },
}

impl LexError {
    /// The error line the terminal prints (kubectl never sees such a line,
    /// so this is our wording, in the shell's style).
    pub fn line(&self) -> String {
        match self {
            LexError::TooLong { bytes } => {
                format!("error: the command line is too long ({bytes} bytes, at most {LINE_BYTES_MAX})")
            }
            LexError::TooManyWords => format!("error: the command line has more than {WORDS_MAX} words"),
            LexError::UnterminatedQuote { quote, at } => {
                format!("error: unexpected end of line: the {quote} quote at column {} is never closed", at + 1)
            }
            LexError::TrailingBackslash => "error: unexpected end of line after a backslash (\\)".to_string(),
            LexError::ControlChar { ch, at } => {
                format!("error: control character U+{:04X} at column {} is not allowed", *ch as u32, at + 1)
            }
        }
    }

    /// What went wrong, for the learner, in both languages.
    pub fn explain(&self) -> Text {
        match self {
            LexError::TooLong { .. } => Text::new(
                format!("명령줄이 너무 깁니다. 한 줄은 최대 {LINE_BYTES_MAX}바이트까지 입력할 수 있습니다. 긴 매니페스트는 편집기에 넣고 `kubectl apply -f editor.yaml`로 적용하세요."),
                format!("The command line is too long: at most {LINE_BYTES_MAX} bytes. Put long manifests in the editor and run `kubectl apply -f editor.yaml`."),
            ),
            LexError::TooManyWords => Text::new(
                format!("단어가 너무 많습니다. 한 명령에는 최대 {WORDS_MAX}개의 단어를 쓸 수 있습니다."),
                format!("Too many words: a command may have at most {WORDS_MAX}."),
            ),
            LexError::UnterminatedQuote { quote, at } => Text::new(
                format!("{}번째 칸에서 연 따옴표 {quote}가 닫히지 않았습니다. 같은 따옴표로 닫아 주세요.", at + 1),
                format!("The {quote} quote opened at column {} is never closed. Close it with the same quote.", at + 1),
            ),
            LexError::TrailingBackslash => Text::new(
                "줄 끝의 백슬래시(\\) 뒤에 문자가 없습니다. 여러 줄 입력은 지원하지 않으니 한 줄로 입력하세요.",
                "Nothing follows the backslash (\\) at the end of the line. Multi-line input is not supported: type the command on one line.",
            ),
            LexError::ControlChar { at, .. } => Text::new(
                format!("{}번째 칸에 제어 문자가 있습니다. 명령줄에는 보이는 문자와 공백만 쓸 수 있습니다.", at + 1),
                format!("There is a control character at column {}. A command line may only contain printable characters and spaces.", at + 1),
            ),
        }
    }
}

/// Splits `line` into words. Never panics; every limit is checked.
pub fn split(line: &str) -> Result<Vec<String>, LexError> {
    if line.len() > LINE_BYTES_MAX {
        return Err(LexError::TooLong { bytes: line.len() });
    }
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    // Whether the current word exists even if it is empty (`''` is a word).
    let mut in_word = false;
    let mut chars = line.char_indices().peekable();
    while let Some((at, ch)) = chars.next() {
        if ch.is_control() && ch != '\t' {
            return Err(LexError::ControlChar { ch, at });
        }
        match ch {
            ' ' | '\t' => {
                if in_word {
                    push_word(&mut words, &mut word)?;
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                let mut closed = false;
                for (at2, c) in chars.by_ref() {
                    if c == '\'' {
                        closed = true;
                        break;
                    }
                    if c.is_control() && c != '\t' {
                        return Err(LexError::ControlChar { ch: c, at: at2 });
                    }
                    word.push(c);
                }
                if !closed {
                    return Err(LexError::UnterminatedQuote { quote: '\'', at });
                }
            }
            '"' => {
                in_word = true;
                let mut closed = false;
                while let Some((at2, c)) = chars.next() {
                    if c.is_control() && c != '\t' {
                        return Err(LexError::ControlChar { ch: c, at: at2 });
                    }
                    match c {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.peek().map(|&(_, n)| n) {
                            Some(n @ ('"' | '\\' | '$' | '`')) => {
                                word.push(n);
                                chars.next();
                            }
                            _ => word.push('\\'),
                        },
                        _ => word.push(c),
                    }
                }
                if !closed {
                    return Err(LexError::UnterminatedQuote { quote: '"', at });
                }
            }
            // Bash's ANSI-C quoting, `$'spec:\n unschedulable: true'` (the
            // `kubectl patch` examples use it for YAML patches).
            '$' if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                in_word = true;
                let mut closed = false;
                while let Some((at2, c)) = chars.next() {
                    if c.is_control() && c != '\t' {
                        return Err(LexError::ControlChar { ch: c, at: at2 });
                    }
                    match c {
                        '\'' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.next().map(|(_, n)| n) {
                            Some('n') => word.push('\n'),
                            Some('t') => word.push('\t'),
                            Some(n @ ('\'' | '"' | '\\')) => word.push(n),
                            Some(n) => {
                                word.push('\\');
                                word.push(n);
                            }
                            None => word.push('\\'),
                        },
                        _ => word.push(c),
                    }
                }
                if !closed {
                    return Err(LexError::UnterminatedQuote { quote: '\'', at });
                }
            }
            '\\' => match chars.next() {
                Some((at2, c)) => {
                    if c.is_control() && c != '\t' {
                        return Err(LexError::ControlChar { ch: c, at: at2 });
                    }
                    in_word = true;
                    word.push(c);
                }
                None => return Err(LexError::TrailingBackslash),
            },
            _ => {
                in_word = true;
                word.push(ch);
            }
        }
    }
    if in_word {
        push_word(&mut words, &mut word)?;
    }
    Ok(words)
}

fn push_word(words: &mut Vec<String>, word: &mut String) -> Result<(), LexError> {
    if words.len() >= WORDS_MAX {
        return Err(LexError::TooManyWords);
    }
    words.push(std::mem::take(word));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_the_shell() {
        let cases: &[(&str, &[&str])] = &[
            ("kubectl get pods", &["kubectl", "get", "pods"]),
            ("  a   b\t c ", &["a", "b", "c"]),
            ("a 'b c' d", &["a", "b c", "d"]),
            (r#"a "b \"c\" \n" d"#, &["a", r#"b "c" \n"#, "d"]),
            (r"a\ b c", &["a b", "c"]),
            ("a '' b", &["a", "", "b"]),
            ("x=\"1 2\"y", &["x=1 2y"]),
            ("-l 'app in (a,b)'", &["-l", "app in (a,b)"]),
        ];
        for (line, want) in cases {
            assert_eq!(split(line).unwrap(), want.to_vec(), "{line}");
        }
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(matches!(split("a 'b"), Err(LexError::UnterminatedQuote { quote: '\'', at: 2 })));
        assert!(matches!(split("a \"b"), Err(LexError::UnterminatedQuote { quote: '"', at: 2 })));
        assert_eq!(split("a \\"), Err(LexError::TrailingBackslash));
        assert!(matches!(split("a\u{0}b"), Err(LexError::ControlChar { ch: '\u{0}', at: 1 })));
        assert!(matches!(split(&"x".repeat(100_000)), Err(LexError::TooLong { .. })));
        assert_eq!(split(&"a ".repeat(300)), Err(LexError::TooManyWords));
    }
}
