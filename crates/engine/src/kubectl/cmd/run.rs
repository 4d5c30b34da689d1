//! `kubectl run NAME --image=…`: builds a pod from flags and creates it.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/run/run.go`.

use serde_json::json;

use super::util::{api_error, dry_run, output, Cmd};
use crate::kubectl::backend::{Backend, SessionEnd};
use crate::kubectl::printers::{to_json, to_yaml, Output};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::names::dns1123_subdomain;
use crate::text::Text;

/// `kubectl run NAME --image=…` (cmd/run/run.go).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let Some(name) = c.inv.args.first() else {
        return CommandOutput::error(
            "error: NAME is required for run\nSee 'kubectl run -h' for help and examples",
            Some(Text::new(
                "파드 이름을 지정하세요. 예: `kubectl run nginx --image=nginx`",
                "Give the pod a name, e.g. `kubectl run nginx --image=nginx`.",
            )),
        );
    };
    let Some(image) = c.inv.get("image").filter(|i| !i.is_empty()) else {
        return CommandOutput::error(
            "error: required flag(s) \"image\" not set",
            Some(Text::new(
                "`--image` 플래그가 필요합니다. 예: `kubectl run nginx --image=nginx`",
                "The `--image` flag is required, e.g. `kubectl run nginx --image=nginx`.",
            )),
        );
    };
    // The API server's name check (IsDNS1123Subdomain), as the validator runs it.
    let name_errors = dns1123_subdomain(name);
    if !name_errors.is_empty() {
        return CommandOutput::error(
            format!("error: invalid pod name: \"{name}\": {}", name_errors.join("; ")),
            Some(Text::new(
                "파드 이름은 소문자, 숫자, '-', '.'만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다.",
                "A pod name may only use lowercase letters, digits, '-' and '.', and must start and end with a letter or digit.",
            )),
        );
    }
    let restart = c.inv.get("restart").unwrap_or("Always");
    if !["Always", "OnFailure", "Never"].contains(&restart) {
        return CommandOutput::error(format!("error: invalid restart policy: {restart}"), None);
    }
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let (stdin, tty, rm) = (c.inv.on("stdin"), c.inv.on("tty"), c.inv.on("rm"));
    let attach = stdin || c.inv.on("attach");
    if let Err(e) = attach_flags(dry, stdin, tty, rm, attach) {
        return e;
    }
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let mut labels = serde_json::Map::new();
    match c.inv.get("labels") {
        Some(l) => {
            for pair in l.split(',').filter(|p| !p.is_empty()) {
                let Some((k, v)) = pair.split_once('=') else {
                    return CommandOutput::error(format!("error: invalid label spec: {pair}"), None);
                };
                labels.insert(k.to_string(), json!(v));
            }
        }
        None => {
            labels.insert("run".to_string(), json!(name));
        }
    }
    let mut container = serde_json::Map::new();
    container.insert("name".into(), json!(name));
    container.insert("image".into(), json!(image));
    container.insert("resources".into(), json!({}));
    if let Some(p) = c.inv.get("image-pull-policy") {
        container.insert("imagePullPolicy".into(), json!(p));
    }
    if stdin {
        container.insert("stdin".into(), json!(true));
        if attach {
            container.insert("stdinOnce".into(), json!(true));
        }
    }
    if tty {
        container.insert("tty".into(), json!(true));
    }
    if let Some(port) = c.inv.get("port") {
        match port.parse::<u16>() {
            Ok(p) => {
                container.insert("ports".into(), json!([{ "containerPort": p }]));
            }
            Err(_) => return CommandOutput::error(format!("error: invalid port: {port}"), None),
        }
    }
    let env: Vec<serde_json::Value> = c
        .inv
        .raw_list("env")
        .iter()
        .map(|e| match e.split_once('=') {
            Some((k, v)) => json!({"name": k, "value": v}),
            None => json!({"name": e}),
        })
        .collect();
    if !env.is_empty() {
        container.insert("env".into(), json!(env));
    }
    if let Some(extra) = c.inv.after_dash.as_ref().filter(|a| !a.is_empty()) {
        let key = if c.inv.on("command") { "command" } else { "args" };
        container.insert(key.into(), json!(extra));
    }
    let pod = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"labels": labels, "name": name},
        "spec": {"containers": [container], "dnsPolicy": "ClusterFirst", "restartPolicy": restart},
        "status": {}
    });
    if dry {
        return match out_fmt {
            Output::Yaml => CommandOutput::ok(to_yaml(&pod)),
            Output::Json => CommandOutput::ok(to_json(&pod)),
            Output::Name => CommandOutput::ok(format!("pod/{name}\n")),
            _ => CommandOutput::ok(format!("pod/{name} created (dry run)\n")),
        };
    }
    let text = pod.to_string();
    match b.apply(&text, &c.ns, true) {
        Ok((ns, applied, _)) if attach => {
            let on_exit = match (rm, restart) {
                (true, _) => SessionEnd::Delete,
                (false, "Always") => SessionEnd::Resume,
                _ => SessionEnd::Nothing,
            };
            attached(b, &ns, &applied, on_exit, tty && !c.inv.on("quiet"))
        }
        Ok((ns, applied, _)) => {
            let stdout =
                if out_fmt == Output::Name { format!("pod/{applied}\n") } else { format!("pod/{applied} created\n") };
            CommandOutput {
                stdout,
                changed: vec![ObjectChange {
                    kind: "Pod".into(),
                    namespace: ns,
                    name: applied,
                    action: ChangeAction::Created,
                }],
                ..CommandOutput::default()
            }
        }
        Err(e) => api_error(e),
    }
}

/// The attach flags' checks (run.go `Run`), with kubectl's own messages.
fn attach_flags(dry: bool, stdin: bool, tty: bool, rm: bool, attach: bool) -> Result<(), CommandOutput> {
    let see = "See 'kubectl run -h' for help and examples";
    if dry && (attach || tty) {
        return Err(CommandOutput::error(
            format!("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\n{see}"),
            Some(Text::new(
                "`--dry-run`은 파드를 만들지 않으니 연결할 컨테이너도 없습니다. `-it`나 `--dry-run` 중 하나만 쓰세요.",
                "`--dry-run` creates no pod, so there is no container to attach to. Use either `-it` or `--dry-run`.",
            )),
        ));
    }
    if tty && !stdin {
        return Err(CommandOutput::error(
            format!("error: -i/--stdin is required for containers with -t/--tty=true\n{see}"),
            Some(Text::new(
                "`-t`(터미널)는 `-i`(표준 입력)와 함께 써야 합니다. 보통 `-it`로 씁니다.",
                "`-t` (a terminal) needs `-i` (stdin) too; it is usually written `-it`.",
            )),
        ));
    }
    if rm && !attach {
        return Err(CommandOutput::error(
            format!("error: --rm should only be used for attached containers\n{see}"),
            Some(Text::new(
                "`--rm`은 kubectl이 컨테이너에 연결해 끝날 때까지 기다릴 때(`-it`)만 쓸 수 있습니다.",
                "`--rm` only works when kubectl attaches and waits for the container to end (`-it`).",
            )),
        ));
    }
    Ok(())
}

/// The pod was created for `run -i`: attach to it.
fn attached<B: Backend + ?Sized>(b: &mut B, ns: &str, name: &str, on_exit: SessionEnd, hint: bool) -> CommandOutput {
    let mut out = CommandOutput {
        changed: vec![ObjectChange {
            kind: "Pod".into(),
            namespace: ns.to_string(),
            name: name.to_string(),
            action: ChangeAction::Created,
        }],
        ..CommandOutput::default()
    };
    attach_to(b, ns, name, on_exit, hint, &mut out);
    out
}

/// `run -i`: waits for the pod, then opens a shell session when its
/// command is a shell, else shows what the command printed once it ends
/// (and deletes the pod with `--rm`).
fn attach_to<B: Backend + ?Sized>(
    b: &mut B,
    ns: &str,
    name: &str,
    on_exit: SessionEnd,
    hint: bool,
    out: &mut CommandOutput,
) {
    let shell = b
        .pods()
        .into_iter()
        .find(|p| p.metadata.namespace == ns && p.metadata.name == name)
        .and_then(|p| super::attach::main_shell(&p, name));
    if shell.is_some() {
        super::attach::attach_session(b, ns, name, name, hint, on_exit, out);
        return;
    }
    let phase = |b: &B| {
        b.pods()
            .into_iter()
            .find(|p| p.metadata.namespace == ns && p.metadata.name == name)
            .and_then(|p| p.status.and_then(|s| s.phase))
            .unwrap_or_default()
    };
    let mut waited = 0u64;
    while !matches!(phase(b).as_str(), "Succeeded" | "Failed") && waited < super::attach::ATTACH_WAIT_MS {
        b.advance(1000);
        waited += 1000;
    }
    out.advanced_ms = out.advanced_ms.saturating_add(waited);
    if let Ok(text) = b.logs(ns, name, name, false, false) {
        out.stdout.push_str(&text);
    }
    if on_exit == SessionEnd::Delete {
        match b.delete_pod(ns, name, None) {
            Ok(()) => {
                out.stdout.push_str(&format!("pod \"{name}\" deleted from {ns} namespace\n"));
                out.changed.push(ObjectChange {
                    kind: "Pod".into(),
                    namespace: ns.to_string(),
                    name: name.to_string(),
                    action: ChangeAction::Deleted,
                });
            }
            Err(e) => out.stderr.push_str(&api_error(e).stderr),
        }
    }
}
