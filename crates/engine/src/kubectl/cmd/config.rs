//! `kubectl config`: the kubeconfig of a kubeadm cluster, with one cluster
//! (`kubernetes`), one user (`kubernetes-admin`) and one context
//! (`kubernetes-admin@kubernetes`). Its namespace is the playground's
//! state ([`Backend::context_namespace`]), so commands without `-n` use it.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/config/` (`current_context.go`,
//! `get_contexts.go`, `use_context.go`, `create_context.go` for
//! `set-context`, `view.go` with its redacted data, `get_clusters.go`, `get_users.go`).

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::util::Cmd;
use crate::kubectl::backend::Backend;
use crate::kubectl::format::table;
use crate::kubectl::jsonpath;
use crate::kubectl::printers::{to_yaml, Output};
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// The one context of the kubeconfig kubeadm writes (`admin.conf`).
pub(crate) const CONTEXT: &str = "kubernetes-admin@kubernetes";
const CLUSTER: &str = "kubernetes";
const USER: &str = "kubernetes-admin";

/// `kubectl config SUBCOMMAND`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let args: Vec<&str> = c.inv.args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => CommandOutput::ok(HELP),
        ["current-context"] => CommandOutput::ok(format!("{CONTEXT}\n")),
        ["get-contexts", names @ ..] => get_contexts(b, c, names),
        ["get-clusters"] => CommandOutput::ok(format!("NAME\n{CLUSTER}\n")),
        ["get-users"] => CommandOutput::ok(format!("NAME\n{USER}\n")),
        ["use-context", name] => use_context(name),
        ["set-context", rest @ ..] => set_context(b, c, rest),
        ["view"] => view(b, c),
        [other, ..] => CommandOutput::error(
            format!("error: \"kubectl config {other}\" is not available in this playground"),
            Some(Text::new(
                "이 플레이그라운드의 kubeconfig에는 컨텍스트가 하나뿐입니다. `current-context`, `get-contexts`, `use-context`, `set-context --current --namespace=NS`, `view`를 쓸 수 있습니다.",
                "This playground's kubeconfig has a single context. `current-context`, `get-contexts`, `use-context`, `set-context --current --namespace=NS` and `view` are available.",
            )),
        ),
    }
}

/// `kubectl config get-contexts [NAME]`: the table with `*` on the current one.
fn get_contexts<B: Backend + ?Sized>(b: &B, c: &Cmd, names: &[&str]) -> CommandOutput {
    let ns = b.context_namespace().unwrap_or_default();
    let missing: Vec<&&str> = names.iter().filter(|n| **n != CONTEXT).collect();
    let shown = names.is_empty() || names.contains(&CONTEXT);
    let mut out = if c.inv.get("output") == Some("name") {
        CommandOutput::ok(if shown { format!("{CONTEXT}\n") } else { String::new() })
    } else {
        let mut text = String::new();
        if !c.inv.on("no-headers") {
            text.push_str("CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n");
        }
        if shown {
            let _ = writeln!(text, "*\t{CONTEXT}\t{CLUSTER}\t{USER}\t{ns}");
        }
        CommandOutput::ok(table(&text))
    };
    if let Some(name) = missing.first() {
        out.stderr = format!("error: context {name} not found\n");
        out.exit_code = 1;
        out.explain = Some(Text::new(
            format!(
                "kubeconfig에 `{name}` 컨텍스트가 없습니다. 이 플레이그라운드의 컨텍스트는 `{CONTEXT}` 하나입니다."
            ),
            format!("The kubeconfig has no context `{name}`; this playground's only context is `{CONTEXT}`."),
        ));
    }
    out
}

/// `kubectl config use-context NAME`.
fn use_context(name: &str) -> CommandOutput {
    if name == CONTEXT {
        return CommandOutput::ok(format!("Switched to context \"{CONTEXT}\".\n"));
    }
    CommandOutput::error(
        format!("error: no context exists with the name: \"{name}\""),
        Some(Text::new(
            format!("kubeconfig에 `{name}` 컨텍스트가 없습니다. `kubectl config get-contexts`로 있는 컨텍스트를 확인하세요."),
            format!("The kubeconfig has no context `{name}`. `kubectl config get-contexts` lists the ones it has."),
        )),
    )
}

/// `kubectl config set-context (NAME | --current) [--namespace=NS]`.
fn set_context<B: Backend + ?Sized>(b: &mut B, c: &Cmd, names: &[&str]) -> CommandOutput {
    let name = match (names, c.inv.on("current")) {
        ([], true) => CONTEXT,
        ([n], false) => n,
        ([_], true) => {
            return CommandOutput::error(
                "error: you cannot specify a context name and --current",
                Some(Text::new(
                    "컨텍스트 이름과 `--current` 중 하나만 쓰세요.",
                    "Give either a context name or `--current`, not both.",
                )),
            )
        }
        _ => {
            return CommandOutput::error(
                "error: you must specify a non-empty context name or --current",
                Some(Text::new(
                    "바꿀 컨텍스트를 지정하세요. 지금 컨텍스트의 네임스페이스를 바꾸려면 `kubectl config set-context --current --namespace=dev`처럼 씁니다.",
                    "Say which context to change; for the current one, `kubectl config set-context --current --namespace=dev`.",
                )),
            )
        }
    };
    if name != CONTEXT {
        return CommandOutput::error(
            format!("error: creating context \"{name}\" is not available in this playground"),
            Some(Text::new(
                format!("이 플레이그라운드의 kubeconfig에는 `{CONTEXT}` 컨텍스트 하나만 있습니다. `--current`로 그 컨텍스트를 바꾸세요."),
                format!("This playground's kubeconfig has the single context `{CONTEXT}`; change it with `--current`."),
            )),
        );
    }
    if let Some(ns) = c.inv.get("namespace") {
        b.set_context_namespace(Some(ns.to_string()).filter(|n| !n.is_empty()));
    }
    CommandOutput::ok(format!("Context \"{CONTEXT}\" modified.\n"))
}

/// The API server's address in the kubeconfig: the control-plane node's
/// InternalIP on kubeadm's port 6443.
fn server<B: Backend + ?Sized>(b: &B) -> String {
    let ip = b
        .nodes()
        .iter()
        .find(|n| n.metadata.labels.contains_key("node-role.kubernetes.io/control-plane"))
        .and_then(|n| b.node_internal_ip(&n.metadata.name))
        .unwrap_or_else(|| "127.0.0.1".to_string());
    format!("https://{ip}:6443")
}

/// `kubectl config view [--minify] [-o yaml|json|jsonpath=…]`, with the
/// certificate data redacted as kubectl does without `--raw`.
fn view<B: Backend + ?Sized>(b: &B, c: &Cmd) -> CommandOutput {
    let mut context = serde_json::Map::new();
    context.insert("cluster".into(), CLUSTER.into());
    if let Some(ns) = b.context_namespace() {
        context.insert("namespace".into(), ns.into());
    }
    context.insert("user".into(), USER.into());
    // Without `--raw` kubectl redacts the certificate data (view.go).
    let (ca, cert, key) = if c.inv.on("raw") {
        let b64 = |p: String| crate::base64::encode(p.as_bytes());
        (
            b64(crate::cluster::objects::root_ca_pem()),
            b64(crate::cluster::objects::pem("CERTIFICATE", "podplay kubernetes-admin")),
            b64(crate::cluster::objects::pem("RSA PRIVATE KEY", "podplay kubernetes-admin key")),
        )
    } else {
        ("DATA+OMITTED".to_string(), "DATA+OMITTED".to_string(), "DATA+OMITTED".to_string())
    };
    let config = json!({
        "apiVersion": "v1",
        "clusters": [{"cluster": {"certificate-authority-data": ca, "server": server(b)}, "name": CLUSTER}],
        "contexts": [{"context": Value::Object(context), "name": CONTEXT}],
        "current-context": CONTEXT,
        "kind": "Config",
        "preferences": {},
        "users": [{"name": USER, "user": {"client-certificate-data": cert, "client-key-data": key}}],
    });
    match crate::kubectl::printers::parse_output(c.inv.get("output")) {
        Ok(Output::Json) => CommandOutput::ok(json_in_go_order(&config)),
        Ok(Output::JsonPath(t)) => match jsonpath::render(&t, &config) {
            Ok(s) => CommandOutput::ok(s),
            Err(e) => CommandOutput::error(format!("error: {}", e.0), None),
        },
        Ok(_) => CommandOutput::ok(to_yaml(&config)),
        Err(e) => CommandOutput::error(format!("error: {e}"), None),
    }
}

/// `config view -o json`: the fields in the order of clientcmd's
/// `v1.Config` struct, indented by four spaces as kubectl prints it.
fn json_in_go_order(config: &Value) -> String {
    let get = |p: &str| config.pointer(p).cloned().unwrap_or(Value::Null);
    let context = get("/contexts/0/context");
    let mut ctx = serde_json::Map::new();
    ctx.insert("cluster".into(), CLUSTER.into());
    ctx.insert("user".into(), USER.into());
    if let Some(ns) = context.get("namespace") {
        ctx.insert("namespace".into(), ns.clone());
    }
    let ordered = json!({
        "kind": "Config",
        "apiVersion": "v1",
        "preferences": {},
        "clusters": [{"name": CLUSTER, "cluster": {"server": get("/clusters/0/cluster/server"), "certificate-authority-data": get("/clusters/0/cluster/certificate-authority-data")}}],
        "users": [{"name": USER, "user": {"client-certificate-data": get("/users/0/user/client-certificate-data"), "client-key-data": get("/users/0/user/client-key-data")}}],
        "contexts": [{"name": CONTEXT, "context": Value::Object(ctx)}],
        "current-context": CONTEXT,
    });
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    let _ = serde::Serialize::serialize(&ordered, &mut ser);
    let mut s = String::from_utf8_lossy(&buf).into_owned();
    s.push('\n');
    s
}

/// `kubectl config` alone (config.go `NewCmdConfig`).
const HELP: &str = "Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.

Available Commands:
  current-context   Display the current-context
  delete-cluster    Delete the specified cluster from the kubeconfig
  delete-context    Delete the specified context from the kubeconfig
  delete-user       Delete the specified user from the kubeconfig
  get-clusters      Display clusters defined in the kubeconfig
  get-contexts      Describe one or many contexts
  get-users         Display users defined in the kubeconfig
  rename-context    Rename a context from the kubeconfig file
  set               Set an individual value in a kubeconfig file
  set-cluster       Set a cluster entry in kubeconfig
  set-context       Set a context entry in kubeconfig
  set-credentials   Set a user entry in kubeconfig
  unset             Unset an individual value in a kubeconfig file
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use \"kubectl config <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";
