//! `kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key=value]`.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/create/create_secret.go`:
//! values are base64-encoded into `data`, and errors from the server come
//! back as `failed to create secret …`. The `tls` and `docker-registry`
//! generators are not available here.

use serde_json::{json, Map, Value};

use super::generate::{duplicate_key, finish, metadata, one_name, sources, Wrap};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// `kubectl create secret generic NAME`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    match c.inv.args.get(1).map(String::as_str) {
        Some("generic") => {}
        Some(other @ ("tls" | "docker-registry")) => {
            return CommandOutput::error(
                format!("error: \"kubectl create secret {other}\" is not available in this playground"),
                Some(Text::new(
                    "이 플레이그라운드에서는 `kubectl create secret generic`만 쓸 수 있습니다.",
                    "Only `kubectl create secret generic` is available in this playground.",
                )),
            )
        }
        // Without a type, kubectl prints the group's help.
        _ => return CommandOutput::ok(SECRET_HELP),
    }
    let name = match one_name(c, "secret generic", 2) {
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
            return duplicate_key(&k, "Secret", &name);
        }
        data.insert(k, Value::String(crate::base64::encode(v.as_bytes())));
    }
    let mut obj = json!({"apiVersion": "v1", "kind": "Secret", "metadata": metadata(c, &name)});
    if !data.is_empty() {
        obj["data"] = Value::Object(data);
    }
    if let Some(t) = c.inv.get("type").filter(|t| !t.is_empty()) {
        obj["type"] = Value::String(t.to_string());
    }
    finish(b, c, obj, "secret", Wrap::Prefix("failed to create secret "))
}

/// `kubectl create secret` alone (create_secret.go `NewCmdCreateSecret`).
const SECRET_HELP: &str = "Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use \"kubectl create secret <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";
