//! `kubectl debug` (being built).

use super::util::Cmd;
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::CommandOutput;

pub(crate) fn run<B: Backend + ?Sized>(_b: &mut B, _c: &Cmd) -> CommandOutput {
    super::util::api_error(StatusError::unavailable("kubectl debug"))
}
