//! `kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key=value]`
//! (alias `cm`). Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/create/create_configmap.go`:
//! errors from the server come back as `failed to create configmap: …`.

use serde_json::{json, Map, Value};

use super::generate::{duplicate_key, finish, metadata, one_name, sources, Wrap};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;

/// `kubectl create configmap NAME`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let name = match one_name(c, "configmap", 1) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let pairs = match sources(c) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut data = Map::new();
    for (k, v) in pairs {
        if data.contains_key(&k) {
            return duplicate_key(&k, "ConfigMap", &name);
        }
        data.insert(k, Value::String(v));
    }
    let mut obj = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata(c, &name)});
    if !data.is_empty() {
        obj["data"] = Value::Object(data);
    }
    finish(b, c, obj, "configmap", Wrap::Prefix("failed to create configmap: "))
}
