//! The syntax tree of the POSIX-shell subset that container `command`/`args` use.
//!
//! Subtrees are shared through `Arc` so that a resumable interpreter can keep
//! cheap references to the loop or list it is in the middle of.

use std::sync::Arc;

/// A whole script: a list of and-or lists run one after another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    pub items: Vec<Arc<AndOr>>,
}

/// `a && b || c`: the first pipeline, then each following one with its connector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(Connector, Pipeline)>,
    /// Ends with `&`: run in the background.
    pub background: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    And,
    Or,
}

/// `a | b | c`, optionally negated with `!`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    pub negate: bool,
    pub stages: Vec<Arc<Command>>,
}

/// One command of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Simple(SimpleCommand),
    Compound(Compound, Vec<Redirect>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimpleCommand {
    pub assigns: Vec<(String, Word)>,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Compound {
    /// `while cond; do body; done` (or `until` when `until` is set).
    Loop {
        until: bool,
        cond: Arc<Script>,
        body: Arc<Script>,
    },
    For {
        var: String,
        words: Option<Vec<Word>>,
        body: Arc<Script>,
    },
    If {
        branches: Vec<(Arc<Script>, Arc<Script>)>,
        otherwise: Option<Arc<Script>>,
    },
    /// `{ …; }` and `( … )` (a subshell is run in place: close enough here).
    Group(Arc<Script>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirectOp {
    /// `>`
    Write,
    /// `>>`
    Append,
    /// `<`
    Read,
    /// `>&N` / `2>&1`
    Dup,
    /// `<<WORD`: the target word is the body (see `shell/heredoc.rs`).
    HereDoc,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// The file descriptor redirected: 0, 1 or 2.
    pub fd: u8,
    pub op: RedirectOp,
    pub target: Word,
}

/// A word is a sequence of parts, expanded and joined at run time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    pub parts: Vec<WordPart>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordPart {
    /// Unquoted text (subject to nothing but joining; field splitting applies
    /// to expansions only).
    Lit(String),
    /// Text inside quotes: never split.
    Quoted(String),
    /// `"…"` with expansions inside: never split.
    Double(Vec<WordPart>),
    /// `$name`, `${name}`, `${name:-default}`, `$?`, `$$`, `$1`.
    Var { name: String, default: Option<Box<Word>> },
    /// `$(…)` or backquotes.
    Subst(Arc<Script>),
    /// `$((…))`, kept as text and evaluated by the arithmetic evaluator.
    Arith(String),
}

impl Word {
    /// The word as a plain literal, if it has no quotes and no expansions
    /// (reserved words are recognised only then).
    pub fn as_plain(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [WordPart::Lit(s)] => Some(s),
            _ => None,
        }
    }

    pub fn lit(s: &str) -> Word {
        Word { parts: vec![WordPart::Lit(s.to_string())] }
    }
}
