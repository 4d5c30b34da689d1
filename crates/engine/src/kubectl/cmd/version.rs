//! `kubectl version`: the pinned client and server versions. Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/version/version.go`.

use std::fmt::Write as _;

use serde_json::json;

use super::util::{output, Cmd};
use crate::kubectl::printers::{to_json, to_yaml, Output};
use crate::kubectl::CommandOutput;

/// The client and server version `kubectl version` prints.
const CLIENT_VERSION: &str = "v1.35.0";
/// The kustomize version `kubectl version` prints.
const KUSTOMIZE_VERSION: &str = "v5.7.1";

/// `kubectl version` (cmd/version/version.go).
pub(crate) fn run(c: &Cmd) -> CommandOutput {
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let client_only = c.inv.on("client");
    let info = |v: &str| {
        json!({"major": "1", "minor": "35", "gitVersion": v, "gitCommit": "podplay", "gitTreeState": "clean",
               "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.24.6", "compiler": "gc", "platform": "wasm/js"})
    };
    let mut v = json!({"clientVersion": info(CLIENT_VERSION), "kustomizeVersion": KUSTOMIZE_VERSION});
    if !client_only {
        if let Some(m) = v.as_object_mut() {
            m.insert("serverVersion".into(), info(CLIENT_VERSION));
        }
    }
    match out_fmt {
        Output::Json => CommandOutput::ok(to_json(&v)),
        Output::Yaml => CommandOutput::ok(to_yaml(&v)),
        Output::Table => {
            let mut s = format!("Client Version: {CLIENT_VERSION}\nKustomize Version: {KUSTOMIZE_VERSION}\n");
            if !client_only {
                let _ = writeln!(s, "Server Version: {CLIENT_VERSION}");
            }
            CommandOutput::ok(s)
        }
        _ => CommandOutput::error("error: --output must be 'yaml' or 'json'", None),
    }
}

#[cfg(test)]
mod version_tests {
    #[test]
    fn kubectl_version_is_the_pinned_kubernetes_version() {
        assert!(super::CLIENT_VERSION.starts_with(&format!("v{}.", crate::KUBERNETES_VERSION)));
    }
}
