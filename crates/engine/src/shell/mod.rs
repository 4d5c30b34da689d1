//! The POSIX-shell subset that simulated containers run for `command`/`args`
//! (`sh -c '…'`): a lexer/parser to a syntax tree, and a resumable
//! interpreter stepped by virtual time through the [`Host`] it runs in.

pub mod arith;
pub mod ast;
pub mod builtins;
pub mod host;
pub mod interp;
pub mod parser;

pub use host::{Host, NetError, Proto, Request, Response, Service};
pub use interp::{program_for, Process, RunOutcome, SpawnError, STEPS_PER_WAKE};
pub use parser::{parse, SyntaxError};
