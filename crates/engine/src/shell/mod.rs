//! The POSIX-shell subset that simulated containers run for `command`/`args`
//! (`sh -c '…'`): a lexer/parser to a syntax tree, and a resumable
//! interpreter stepped by virtual time through the [`Host`] it runs in.
//!
//! Layers, each using only those above it: `ast`, `parser`, `arith` and
//! `host`; `process` (the data of a running program); `io`, `context` (what
//! a command sees); `cmd` (the command registry and its families); and the
//! interpreter proper: `expand`, `redirect`, `simple` and `interp`.

pub mod arith;
pub mod ast;
mod cmd;
mod context;
mod expand;
mod heredoc;
pub mod host;
mod interp;
mod io;
pub mod parser;
mod process;
mod redirect;
mod simple;

pub use cmd::{base_name, command_kind, commands, format_date, is_command, parse_bytes, program_for, CommandKind};
pub use host::{Host, NetError, Proto, Request, Response, Service};
pub use parser::{parse, SyntaxError};

/// Whether a script's last here-document is still waiting for its delimiter line.
pub(crate) fn heredoc_open(src: &str) -> bool {
    heredoc::inline(src).1
}
pub use process::{Process, RunOutcome, SpawnError, PIPE_BYTES_MAX, STEPS_PER_WAKE};
