//! `kubectl replace -f FILE`: writes each object of the files over the live
//! one (an update, so the API server's immutability rules apply), or with
//! `--force` deletes it, waits for it to be gone and creates it again.
//! Follows `staging/src/k8s.io/kubectl/pkg/cmd/replace/replace.go`.

use std::fmt::Write as _;

use serde_json::Value;

use super::docs::Doc;
use super::update::{fetch, update, valid_docs};
use super::util::{api_error, explain_api_error, kind_ref, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::resources::{Resource, Serve};
use crate::kubectl::target::doc_target;
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::text::Text;

/// `kubectl replace -f FILENAME [--force]`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let files = c.inv.raw_list("filename");
    if files.is_empty() {
        return CommandOutput::error(
            "error: must specify one of -f and -k",
            Some(Text::new(
                "교체할 오브젝트가 든 파일을 `-f`로 지정하세요. 예: `kubectl replace -f editor.yaml`",
                "Name the file with the objects to replace with `-f`, e.g. `kubectl replace -f editor.yaml`.",
            )),
        );
    }
    let force = c.inv.on("force");
    let grace = c.inv.get("grace-period").and_then(|g| g.parse::<i64>().ok());
    if grace.is_some_and(|g| g >= 0) && !force {
        return CommandOutput::error(
            "error: --grace-period must have --force specified",
            Some(Text::new(
                "`--grace-period`는 `--force`와 함께 씁니다. replace는 지우지 않고 바꾸므로 유예 시간이 필요 없습니다.",
                "`--grace-period` goes with `--force`: a plain replace changes the object without deleting it, so there is nothing to wait for.",
            )),
        );
    }
    let dry = c.inv.get("dry-run").filter(|d| *d != "none");
    if dry.is_some() && force {
        return CommandOutput::error(
            "error: --dry-run can not be used when --force is set",
            Some(Text::new(
                "`--force`는 오브젝트를 실제로 지웠다가 다시 만들므로 `--dry-run`과 함께 쓸 수 없습니다.",
                "`--force` really deletes and recreates the object, so it cannot be a dry run.",
            )),
        );
    }
    let docs = match valid_docs(c, &files) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    let mut objects = Vec::new();
    for doc in docs {
        let (res, ns) = match doc_target(c, &doc) {
            Ok(t) => t,
            Err(e) => return e,
        };
        objects.push((res, ns, doc));
    }
    if force {
        force_replace(b, c, &objects, grace, &mut out);
        return out;
    }
    for (res, ns, doc) in &objects {
        replace_one(b, res, ns, doc, dry, &mut out);
    }
    out
}

/// One object: a PUT over the live object.
fn replace_one<B: Backend + ?Sized>(
    b: &mut B,
    res: &'static Resource,
    ns: &str,
    doc: &Doc,
    dry: Option<&str>,
    out: &mut CommandOutput,
) {
    let kref = kind_ref(res.kind, res.api_version);
    let new: Value = serde_json::from_str(&doc.json).unwrap_or(Value::Null);
    let result = match fetch(b, res, ns, &doc.name) {
        Err(e) => Err(e),
        Ok(_) if dry.is_some() => Ok(()),
        Ok(_) => update(b, res, ns, &doc.name, &new).map(|_| ()),
    };
    match result {
        Ok(()) => {
            let suffix = match dry {
                Some("server") => " (server dry run)",
                Some(_) => " (dry run)",
                None => "",
            };
            let _ = writeln!(out.stdout, "{kref}/{} replaced{suffix}", doc.name);
            if dry.is_none() {
                out.changed.push(ObjectChange {
                    kind: res.kind.to_string(),
                    namespace: ns.to_string(),
                    name: doc.name.clone(),
                    action: ChangeAction::Configured,
                });
            }
        }
        Err(e) => fail(out, &doc.file, e),
    }
}

/// An error as `cmdutil.AddSourceToErr("replacing", file, err)` words it
/// (an Invalid error prints its details instead).
fn fail(out: &mut CommandOutput, file: &str, e: StatusError) {
    let line = if e.reason == "Invalid" || e.message.starts_with("Error from server") {
        api_error(e.clone()).stderr
    } else {
        format!("Error from server ({}): error when replacing \"{file}\": {}\n", e.reason, e.message)
    };
    out.stderr.push_str(&line);
    out.exit_code = 1;
    if out.explain.is_none() {
        out.explain = e.explain.clone().or_else(|| explain_api_error(&e));
    }
}

/// `--force`: delete every object (a missing one is fine), wait until they
/// are gone, then create them from the files (`forceReplace`).
fn force_replace<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    objects: &[(&'static Resource, String, Doc)],
    grace: Option<i64>,
    out: &mut CommandOutput,
) {
    // `--grace-period=0` becomes 1 so that the pod is really gone first.
    let grace = grace.map(|g| g.max(1));
    let mut waiting = Vec::new();
    for (res, ns, doc) in objects {
        let kref = kind_ref(res.kind, res.api_version);
        let gone = match res.serve {
            Serve::Pods => b.delete_pod(ns, &doc.name, grace),
            Serve::Workloads => b.delete_workload(res.kind, ns, &doc.name),
            _ => Err(StatusError::unavailable(&format!("replacing {} with --force", res.plural))),
        };
        match gone {
            Ok(()) => {
                let _ = writeln!(out.stdout, "{kref} \"{}\" deleted from {ns} namespace", doc.name);
                waiting.push((*res, ns.clone(), doc.name.clone()));
            }
            Err(e) if e.reason == "NotFound" => {}
            Err(e) => return fail(out, &doc.file, e),
        }
    }
    let limit = c.ctx.watch_ms_max.clamp(1000, 300_000);
    let mut elapsed = 0u64;
    while elapsed < limit && waiting.iter().any(|(res, ns, name)| fetch(b, res, ns, name).is_ok()) {
        b.advance(1000);
        elapsed += 1000;
    }
    out.advanced_ms += elapsed;
    if let Some((res, _, name)) = waiting.iter().find(|(res, ns, name)| fetch(b, res, ns, name).is_ok()) {
        out.stderr.push_str(&format!("error: timed out waiting for the condition on {}/{name}\n", res.plural));
        out.exit_code = 1;
        return;
    }
    for (res, ns, doc) in objects {
        match b.apply(&doc.json, ns, true) {
            Ok((applied_ns, name, _)) => {
                let _ = writeln!(out.stdout, "{}/{name} replaced", kind_ref(res.kind, res.api_version));
                out.changed.push(ObjectChange {
                    kind: res.kind.to_string(),
                    namespace: applied_ns,
                    name,
                    action: ChangeAction::Created,
                });
            }
            Err(e) => {
                let line = if e.reason == "Invalid" { api_error(e.clone()).stderr } else { format!("{}\n", e.line()) };
                out.stderr.push_str(&line);
                out.exit_code = 1;
            }
        }
    }
}
