//! `kubectl create namespace NAME` (alias `ns`). Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/create/create_namespace.go`: the
//! generated object is `{metadata: {name}, spec: {}, status: {}}`.

use serde_json::json;

use super::generate::{finish, one_name, Wrap};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;

/// `kubectl create namespace NAME`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let name = match one_name(c, "namespace", 1) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let obj = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}, "spec": {}, "status": {}});
    finish(b, c, obj, "namespace", Wrap::None)
}
