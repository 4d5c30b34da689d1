//! `kubectl create`: `create -f FILE` (in `apply.rs`) and the generators,
//! one file per subcommand as kubectl's `pkg/cmd/create/create_<kind>.go`:
//! `create deployment`, `create job`, `create cronjob` build an object in
//! [`subcommand`]; `create namespace`, `create configmap`, `create secret
//! generic` and `create serviceaccount` run through [`generate`].

use serde_json::Value;

use super::util::{api_error, dry_run, kind_ref, output, Cmd};
use crate::kubectl::backend::Backend;
use crate::kubectl::printers::{to_json, to_yaml, Output};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::text::Text;

mod configmap;
mod cronjob;
mod deployment;
mod generate;
mod job;
mod namespace;
mod priorityclass;
mod secret;
mod serviceaccount;

/// A generator: builds the object from the command line (after the
/// subcommand word), or fails with kubectl's error.
type Generator<B> = fn(&mut B, &Cmd, &[String]) -> Result<Value, CommandOutput>;

/// The generator a subcommand word names (with its aliases), and its name
/// as `kubectl create <name> -h` spells it.
fn subcommand<B: Backend + ?Sized>(word: &str) -> Option<(&'static str, Generator<B>)> {
    Some(match word {
        "deployment" | "deploy" => ("deployment", deployment::build),
        "job" => ("job", job::build),
        "cronjob" | "cj" => ("cronjob", cronjob::build),
        _ => return None,
    })
}

/// `kubectl create`: a generator subcommand, else `create -f`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    match c.inv.args.first().map(String::as_str) {
        Some("namespace" | "ns") => return namespace::run(b, c),
        Some("configmap" | "cm") => return configmap::run(b, c),
        Some("secret") => return secret::run(b, c),
        Some("serviceaccount" | "sa") => return serviceaccount::run(b, c),
        Some("priorityclass" | "pc") => return priorityclass::run(b, c),
        _ => {}
    }
    let Some((name, build)) = c.inv.args.first().and_then(|w| subcommand::<B>(w)) else {
        return super::apply::run(b, c, true);
    };
    let rest = c.inv.args.get(1..).unwrap_or_default().to_vec();
    match build(b, c, &rest) {
        Ok(obj) => send(b, c, &obj, name),
        Err(mut e) => {
            if e.stderr.starts_with("error: exactly one NAME") && !e.stderr.contains("See '") {
                e.stderr.push_str(&format!("See 'kubectl create {name} -h' for help and examples\n"));
            }
            e
        }
    }
}

/// `error: exactly one NAME is required, got N` (`cmdutil.NameFromCommandArgs`).
pub(super) fn one_name(args: &[String], example: &str) -> Result<String, CommandOutput> {
    match args {
        [one] => Ok(one.clone()),
        _ => Err(CommandOutput::error(
            format!("error: exactly one NAME is required, got {}", args.len()),
            Some(Text::new(
                format!("이름을 하나만 지정하세요. 예: `{example}`"),
                format!("Give exactly one name, e.g. `{example}`."),
            )),
        )),
    }
}

/// `error: required flag(s) "image" not set` (cobra's check of required flags).
pub(super) fn required(missing: &[&str], example: &str) -> CommandOutput {
    let names: Vec<String> = missing.iter().map(|m| format!("\"{m}\"")).collect();
    CommandOutput::error(
        format!("error: required flag(s) {} not set", names.join(", ")),
        Some(Text::new(
            format!("필요한 플래그가 빠졌습니다: {}. 예: `{example}`", missing.join(", ")),
            format!("A required flag is missing: {}. For example: `{example}`.", missing.join(", ")),
        )),
    )
}

/// The command after `--`, if any.
pub(super) fn command(c: &Cmd) -> Option<Vec<String>> {
    c.inv.after_dash.clone().filter(|a| !a.is_empty())
}

/// Prints the object (`--dry-run=client`) or sends it to the API server,
/// then says what happened as kubectl does (`deployment.apps/web created`).
fn send<B: Backend + ?Sized>(b: &mut B, c: &Cmd, obj: &Value, sub: &str) -> CommandOutput {
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("").to_string();
    let api_version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let name = obj.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("").to_string();
    let kref = kind_ref(&kind, api_version);
    if dry {
        return match out_fmt {
            Output::Yaml => CommandOutput::ok(to_yaml(obj)),
            Output::Json => CommandOutput::ok(to_json(obj)),
            Output::Name => CommandOutput::ok(format!("{kref}/{name}\n")),
            _ => CommandOutput::ok(format!("{kref}/{name} created (dry run)\n")),
        };
    }
    // The API server checks the name first (`ValidateObjectMeta`).
    let name_errors = crate::names::dns1123_subdomain(&name);
    if !name_errors.is_empty() {
        let group_kind = match api_version.split_once('/') {
            Some((group, _)) => format!("{kind}.{group}"),
            None => kind.clone(),
        };
        return CommandOutput::error(
            format!(
                "error: failed to create {sub}: {group_kind} \"{name}\" is invalid: metadata.name: Invalid value: \"{name}\": {}",
                name_errors.join("; ")
            ),
            Some(Text::new(
                "이름은 소문자, 숫자, '-', '.'만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다.",
                "A name may only use lowercase letters, digits, '-' and '.', and must start and end with a letter or digit.",
            )),
        );
    }
    match b.apply(&obj.to_string(), &c.ns, true) {
        Ok((ns, applied, _)) => {
            let stdout = match out_fmt {
                Output::Name => format!("{kref}/{applied}\n"),
                _ => format!("{kref}/{applied} created\n"),
            };
            CommandOutput {
                stdout,
                changed: vec![ObjectChange { kind, namespace: ns, name: applied, action: ChangeAction::Created }],
                ..CommandOutput::default()
            }
        }
        Err(e) => {
            // `failed to create deployment: <the API server's message>`.
            let explain = api_error(e.clone()).explain;
            let message = e.message.strip_prefix("The ").unwrap_or(&e.message).to_string();
            CommandOutput::error(format!("error: failed to create {sub}: {message}"), explain)
        }
    }
}
