//! `kubectl create`: `-f FILE` (as apply, refusing what exists) or one of
//! the generators `create namespace`, `create configmap`, `create secret
//! generic`. Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/create/create.go`,
//! whose subcommands build one object, print it for `--dry-run=client`, or
//! send it to the API server.

use super::util::Cmd;
use super::{apply, create_configmap, create_namespace, create_secret, create_serviceaccount};
use crate::kubectl::backend::Backend;
use crate::kubectl::CommandOutput;

/// `kubectl create`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    match c.inv.args.first().map(String::as_str) {
        Some("namespace" | "ns") => create_namespace::run(b, c),
        Some("configmap" | "cm") => create_configmap::run(b, c),
        Some("secret") => create_secret::run(b, c),
        Some("serviceaccount" | "sa") => create_serviceaccount::run(b, c),
        _ => apply::run(b, c, true),
    }
}
