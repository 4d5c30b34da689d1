//! `kubectl create serviceaccount NAME` (alias `sa`). Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/create/create_serviceaccount.go`.

use serde_json::json;

use super::generate::{finish, metadata, one_name, Wrap};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;

/// `kubectl create serviceaccount NAME`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let name = match one_name(c, "serviceaccount", 1) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let obj = json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata(c, &name)});
    finish(b, c, obj, "serviceaccount", Wrap::None)
}
