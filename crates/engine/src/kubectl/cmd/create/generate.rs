//! What the `kubectl create` generators share (`create namespace`,
//! `create configmap`, `create secret generic`): the one NAME, the
//! `--from-literal`/`--from-file` sources, the generated metadata, and
//! printing or sending the object. Mirrors the shared parts of
//! `staging/src/k8s.io/kubectl/pkg/cmd/create/` and `pkg/util/configmap.go`.

use serde_json::Value;

use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::cmd::util::{api_error, dry_run, explain_api_error, output, Cmd};
use crate::kubectl::printers::{to_json, to_yaml, Output};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::text::Text;

/// The one NAME a generator takes (`exactly one NAME is required, got N`).
pub(crate) fn one_name(c: &Cmd, sub: &str, skip: usize) -> Result<String, CommandOutput> {
    let names: Vec<&String> = c.inv.args.iter().skip(skip).collect();
    match names.as_slice() {
        [name] => Ok(name.to_string()),
        _ => Err(CommandOutput::error(
            format!(
                "error: exactly one NAME is required, got {}\nSee 'kubectl create {sub} -h' for help and examples",
                names.len()
            ),
            Some(Text::new(
                format!("만들 오브젝트의 이름을 하나만 쓰세요. 예: `kubectl create {sub} NAME`"),
                format!("Give exactly one name for the new object, e.g. `kubectl create {sub} NAME`."),
            )),
        )),
    }
}

/// How a generator's API error is printed: as is (`create namespace`),
/// or wrapped as `failed to create configmap: …`.
#[derive(Clone, Copy)]
pub(crate) enum Wrap {
    None,
    Prefix(&'static str),
}

/// Prints a generated object (`--dry-run=client`), or creates it and prints
/// `kind/name created`. `kref` is `namespace`, `configmap`, `secret`.
pub(crate) fn finish<B: Backend + ?Sized>(b: &mut B, c: &Cmd, obj: Value, kref: &str, wrap: Wrap) -> CommandOutput {
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let name = obj.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("").to_string();
    if dry {
        return match out_fmt {
            Output::Yaml => CommandOutput::ok(to_yaml(&obj)),
            Output::Json => CommandOutput::ok(to_json(&obj)),
            Output::Name => CommandOutput::ok(format!("{kref}/{name}\n")),
            _ => CommandOutput::ok(format!("{kref}/{name} created (dry run)\n")),
        };
    }
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("").to_string();
    match b.apply(&obj.to_string(), &c.ns, true) {
        Ok((ns, applied, _)) => {
            let all = if kind == "Namespace" { b.namespaces() } else { b.data_objects(&kind) };
            let stored = all.into_iter().find(|v| {
                v.pointer("/metadata/name").and_then(Value::as_str) == Some(applied.as_str())
                    && (kind == "Namespace"
                        || kind == "PriorityClass"
                        || v.pointer("/metadata/namespace").and_then(Value::as_str) == Some(&ns))
            });
            // `-o yaml|json` prints what the server stored.
            let stdout = match (&out_fmt, stored) {
                (Output::Yaml, Some(v)) => to_yaml(&v),
                (Output::Json, Some(v)) => to_json(&v),
                (Output::Name, _) => format!("{kref}/{applied}\n"),
                _ => format!("{kref}/{applied} created\n"),
            };
            CommandOutput {
                stdout,
                changed: vec![ObjectChange { kind, namespace: ns, name: applied, action: ChangeAction::Created }],
                ..CommandOutput::default()
            }
        }
        Err(e) => match wrap {
            Wrap::None => api_error(e),
            Wrap::Prefix(p) => wrapped(p, e),
        },
    }
}

/// `error: failed to create configmap: configmaps "x" already exists`.
fn wrapped(prefix: &str, e: StatusError) -> CommandOutput {
    let explain = e.explain.clone().or_else(|| explain_api_error(&e));
    CommandOutput::error(format!("error: {prefix}{}", e.message), explain)
}

/// `--from-literal=key=value` and `--from-file=[key=]path` as (key, value)
/// pairs, in kubectl's order (files first, then literals), with its errors.
/// Follows `staging/src/k8s.io/kubectl/pkg/util/configmap.go` and
/// `pkg/cmd/util/helpers.go` `ParseLiteralSource`, `ParseFileSource`.
pub(crate) fn sources(c: &Cmd) -> Result<Vec<(String, String)>, CommandOutput> {
    let mut out: Vec<(String, String)> = Vec::new();
    for spec in c.inv.list("from-file") {
        let (key, path) = match spec.split_once('=') {
            Some((k, p)) if !k.is_empty() && !p.is_empty() => (k.to_string(), p.to_string()),
            Some(_) => {
                return Err(CommandOutput::error(
                    format!("error: key names or file paths cannot be empty: {spec}"),
                    None,
                ))
            }
            None => (spec.rsplit('/').next().unwrap_or(&spec).to_string(), spec.clone()),
        };
        let text = match crate::kubectl::cmd::docs::read_file(c.ctx, &path) {
            Ok((_, text)) => text,
            Err(e) => {
                let line = format!("error: error reading {path}: no such file or directory");
                return Err(CommandOutput::error(line, e.explain));
            }
        };
        out.push((key, text));
    }
    for spec in c.inv.raw_list("from-literal") {
        match spec.split_once('=') {
            Some((k, v)) if !k.is_empty() => out.push((k.to_string(), v.to_string())),
            _ => {
                return Err(CommandOutput::error(
                    format!("error: invalid literal source {spec}, expected key=value"),
                    Some(Text::new(
                        "`--from-literal`에는 `키=값`을 씁니다. 예: `--from-literal=mode=debug`",
                        "`--from-literal` takes `key=value`, e.g. `--from-literal=mode=debug`.",
                    )),
                ))
            }
        }
    }
    Ok(out)
}

/// `metadata` of a generated object: the name, and the namespace when `-n` named one.
pub(crate) fn metadata(c: &Cmd, name: &str) -> Value {
    let mut meta = serde_json::Map::new();
    meta.insert("name".into(), name.into());
    if c.inv.get("namespace").is_some_and(|n| !n.is_empty()) {
        meta.insert("namespace".into(), c.ns.clone().into());
    }
    Value::Object(meta)
}

/// The error for a key given twice: the ConfigMap's wording
/// (`util/configmap.go`) or the Secret's (`util/secret.go`).
pub(crate) fn duplicate_key(key: &str, kind: &str, name: &str) -> CommandOutput {
    let line = if kind == "ConfigMap" {
        format!(
            "error: cannot add key \"{key}\", another key by that name already exists in Data for ConfigMap \"{name}\""
        )
    } else {
        format!("error: cannot add key {key}, another key by that name already exists")
    };
    CommandOutput::error(
        line,
        Some(Text::new(
            format!("`{key}` 키를 두 번 넣었습니다. 키는 한 번씩만 쓸 수 있습니다."),
            format!("The key `{key}` was given twice; each key can appear only once."),
        )),
    )
}
