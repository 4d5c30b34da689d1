//! `kubectl patch`: changes fields of live objects with a strategic merge
//! patch (the default), a JSON merge patch or a JSON patch, on the object
//! or on its `status`, `scale` or `resize` subresource. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go` (flags, checks,
//! `patched` / `patched (no change)`) and the API server's patch handler
//! (`staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go`) for
//! how a failed patch is answered.

use std::fmt::Write as _;

use serde_json::Value;

use super::jsonpatch::{apply_json_patch, merge_patch, JsonPatchError};
use super::smp::{strategic_merge, SmpError};
use super::update::{fetch, update, Updated};
use super::util::{api_error, kind_ref, output, Cmd};
use super::{docs, resize};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::printers::{to_json, to_yaml, Output};
use crate::kubectl::resources::{Resource, Serve};
use crate::kubectl::target::{self, Target};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::text::Text;

/// The three patch types `--type` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PatchType {
    Strategic,
    Merge,
    Json,
}

/// Applies a patch of type `t` to `doc`: the patched object, or the API
/// server's error.
pub(crate) fn apply_patch(t: PatchType, doc: &Value, patch: &Value) -> Result<Value, StatusError> {
    match t {
        PatchType::Json => apply_json_patch(doc, patch).map_err(|e| match e {
            JsonPatchError::Decode(m) => StatusError::new("BadRequest", m),
            // A 422 with no details: kubectl prints `The request is invalid: …`.
            JsonPatchError::Apply(m) => StatusError {
                explain: Some(Text::new(
                    format!("JSON 패치의 연산 하나를 적용할 수 없어 아무것도 바뀌지 않았습니다: {m}. `test` 연산이 실패했거나, 경로(path)가 오브젝트에 없습니다. `kubectl get -o yaml`로 실제 필드를 확인하세요."),
                    format!("One operation of the JSON patch does not apply, so nothing changed: {m}. A `test` failed, or a path is not in the object; check the real fields with `kubectl get -o yaml`."),
                )),
                ..StatusError::new("Invalid", "The request is invalid: the server rejected our request due to an error in our request")
            },
        }),
        PatchType::Merge => {
            if !patch.is_object() {
                return Err(StatusError::new("BadRequest", "Invalid JSON Patch"));
            }
            Ok(merge_patch(doc, patch))
        }
        PatchType::Strategic => strategic_merge(doc, patch).map_err(|e| match e {
            SmpError::BadRequest(m) => StatusError::new("BadRequest", m),
            // Any other error is a 500 without a reason: `Error from server: …`.
            SmpError::Internal(m) => StatusError {
                explain: Some(Text::new(
                    "전략적 병합 패치에서 containers, env, volumes 같은 목록의 항목은 병합 키(대개 `name`)로 기존 항목을 찾습니다. 패치의 목록 항목마다 병합 키를 쓰세요.",
                    "In a strategic merge patch, the items of lists such as containers, env and volumes find their live item by the merge key (usually `name`). Give the merge key in every list item of the patch.",
                )),
                ..StatusError::with_reason(crate::kubectl::backend::ErrorReason::Unknown, format!("Error from server: {m}"))
            },
        }),
    }
}

/// `kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let (patch, ptype) = match parse_flags(c) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let dry = match c.inv.get("dry-run") {
        None | Some("none") => "",
        Some("client") => " (dry run)",
        Some("server") => " (server dry run)",
        Some(other) => {
            return CommandOutput::error(
                format!("error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."),
                None,
            )
        }
    };
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    if c.inv.on("local") {
        return local(c, &patch, ptype, &out_fmt, dry);
    }
    let targets = match resolve(b, c) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let sub = c.inv.get("subresource").unwrap_or("");
    let mut out = CommandOutput::default();
    for t in targets {
        match patch_one(b, &t, sub, ptype, &patch, !dry.is_empty()) {
            Ok((kref, object, changed)) => {
                let what = if changed { "patched" } else { "patched (no change)" };
                print(&mut out, &out_fmt, &object, &format!("{kref}/{}", t.name), &format!("{what}{dry}"));
                if changed && dry.is_empty() {
                    out.changed.push(ObjectChange {
                        kind: t.res.kind.to_string(),
                        namespace: t.ns.clone(),
                        name: t.name.clone(),
                        action: ChangeAction::Configured,
                    });
                }
            }
            Err(e) => {
                let failed = if e.message.starts_with("Error from server: ") {
                    CommandOutput::error(e.message.clone(), e.explain.clone())
                } else {
                    api_error(e)
                };
                out.stderr.push_str(&failed.stderr);
                out.exit_code = 1;
                if out.explain.is_none() {
                    out.explain = failed.explain;
                }
            }
        }
    }
    out
}

/// `--local`: the patch applied to the objects of the `-f` files, printed,
/// with no request to the server (`getPatchedJSON`).
fn local(c: &Cmd, patch: &Value, ptype: PatchType, out_fmt: &Output, dry: &str) -> CommandOutput {
    if !c.inv.args.is_empty() {
        return CommandOutput::error("error: cannot specify --local and server resources", None);
    }
    if dry == " (server dry run)" {
        return CommandOutput::error(
            "error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?",
            None,
        );
    }
    let docs = match docs::load_docs(c.ctx, &c.inv.raw_list("filename")) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    for d in docs {
        let live: Value = serde_json::from_str(&d.json).unwrap_or(Value::Null);
        let kref = kind_ref(&d.kind, &d.api_version);
        let result = match ptype {
            // Locally the library's own message is the error.
            PatchType::Json => apply_json_patch(&live, patch).map_err(|e| match e {
                JsonPatchError::Decode(m) => m,
                JsonPatchError::Apply(m) => match m.split_once("doc is missing key: ") {
                    Some((_, key)) => format!("Object to be patched is missing field ({key})"),
                    None => m,
                },
            }),
            _ => apply_patch(ptype, &live, patch)
                .map_err(|e| e.message.trim_start_matches("Error from server: ").to_string()),
        };
        match result {
            Ok(patched) => {
                let what = if patched != live { "patched" } else { "patched (no change)" };
                print(&mut out, out_fmt, &patched, &format!("{kref}/{}", d.name), &format!("{what}{dry}"));
            }
            Err(m) => {
                let _ = writeln!(out.stderr, "error: {m}");
                out.exit_code = 1;
            }
        }
    }
    if docs_empty(&out) {
        return CommandOutput::error("error: no objects passed to patch", None);
    }
    out
}

/// Prints a patched object as `-o` asks, else `pod/web patched`.
fn print(out: &mut CommandOutput, out_fmt: &Output, object: &Value, name: &str, what: &str) {
    match out_fmt {
        Output::Yaml => out.stdout.push_str(&to_yaml(object)),
        Output::Json => out.stdout.push_str(&to_json(object)),
        Output::Name => {
            let _ = writeln!(out.stdout, "{name}");
        }
        Output::JsonPath(t) => match crate::kubectl::jsonpath::render(t, object) {
            Ok(text) => out.stdout.push_str(&text),
            Err(e) => {
                let _ = writeln!(out.stderr, "error: {}", e.0);
                out.exit_code = 1;
            }
        },
        _ => {
            let _ = writeln!(out.stdout, "{name} {what}");
        }
    }
}

fn docs_empty(out: &CommandOutput) -> bool {
    out.stdout.is_empty() && out.stderr.is_empty()
}

/// The patch (as JSON) and its type, from `-p`/`--patch-file` and `--type`
/// (`PatchOptions.Validate`, `RunPatch`).
fn parse_flags(c: &Cmd) -> Result<(Value, PatchType), CommandOutput> {
    let inline = c.inv.get("patch").filter(|p| !p.is_empty());
    let file = c.inv.get("patch-file").filter(|p| !p.is_empty());
    let how = Text::new(
        "바꿀 내용을 `-p`로 주세요. 예: `kubectl patch pod web -p '{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}'`",
        "Give the change with `-p`, e.g. `kubectl patch pod web -p '{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}'`.",
    );
    let text = match (inline, file) {
        (Some(_), Some(_)) => {
            return Err(CommandOutput::error("error: cannot specify --patch and --patch-file together", Some(how)))
        }
        (None, None) => {
            return Err(CommandOutput::error(
                "error: must specify --patch or --patch-file containing the contents of the patch",
                Some(how),
            ))
        }
        (Some(p), None) => p.to_string(),
        (None, Some(f)) => match docs::read_file(c.ctx, f) {
            Ok((_, text)) => text,
            Err(_) => {
                return Err(CommandOutput::error(
                    format!("error: unable to read patch file: open {f}: no such file or directory"),
                    Some(Text::new(
                        format!("`{f}` 파일이 없습니다. 편집기의 내용은 `--patch-file editor.yaml`로 쓸 수 있습니다."),
                        format!("There is no file `{f}`. The editor's text is `--patch-file editor.yaml`."),
                    )),
                ))
            }
        },
    };
    let ptype = match c.inv.get("type").unwrap_or("strategic").to_lowercase().as_str() {
        "strategic" => PatchType::Strategic,
        "merge" => PatchType::Merge,
        "json" => PatchType::Json,
        _ => {
            let given = c.inv.get("type").unwrap_or("");
            return Err(CommandOutput::error(
                format!("error: --type must be one of [json merge strategic], not \"{given}\""),
                Some(Text::new(
                    "`--type`은 strategic(기본값), merge, json 가운데 하나입니다.",
                    "`--type` is one of strategic (the default), merge and json.",
                )),
            ));
        }
    };
    // JSON and YAML are both accepted (`yaml.ToJSON`).
    let loaded = crate::yaml::load(&text);
    if let Some(d) = loaded.diagnostics.iter().find(|d| d.severity == crate::diag::Severity::Error) {
        let shown = inline.unwrap_or("");
        return Err(CommandOutput::error(
            format!("error: unable to parse \"{shown}\": {}", d.message),
            Some(Text::new(
                format!(
                    "패치가 올바른 JSON이나 YAML이 아닙니다: {}. 셸에서 패치 전체를 작은따옴표로 감쌌는지 확인하세요.",
                    d.explain.ko
                ),
                format!(
                    "The patch is not valid JSON or YAML: {}. Check that the whole patch is in single quotes.",
                    d.explain.en
                ),
            )),
        ));
    }
    let value = loaded.documents.first().map(|d| d.root.to_value()).unwrap_or(Value::Null);
    Ok((value, ptype))
}

/// The objects to patch (`-f` or `TYPE NAME`/`TYPE/NAME`), each checked to exist.
fn resolve<B: Backend + ?Sized>(b: &B, c: &Cmd) -> Result<Vec<Target>, CommandOutput> {
    let requests = target::requests(c, &c.inv.args)?;
    if requests.is_empty() {
        return Err(CommandOutput::error(
            "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
            Some(Text::new(
                "무엇을 패치할지 지정하세요. 예: `kubectl patch pod web -p '...'`",
                "Say what to patch, e.g. `kubectl patch pod web -p '...'`.",
            )),
        ));
    }
    let filter = crate::kubectl::sel::LabelFilter::parse(None)
        .map_err(|(line, explain)| CommandOutput::error(line, Some(explain)))?;
    target::targets(b, c, requests, &filter, |res| {
        CommandOutput::error(
            "error: resource(s) were provided, but no name was specified",
            Some(Text::new(
                format!("패치할 오브젝트의 이름을 쓰세요. 예: `kubectl patch {} web -p '...'`", res.singular),
                format!("Name the object to patch, e.g. `kubectl patch {} web -p '...'`.", res.singular),
            )),
        )
    })
}

/// Patches one object; returns how kubectl names it (`pod`,
/// `scale.autoscaling`), the object the server returned, and whether the
/// patch changed it.
fn patch_one<B: Backend + ?Sized>(
    b: &mut B,
    t: &Target,
    sub: &str,
    ptype: PatchType,
    patch: &Value,
    dry: bool,
) -> Result<(String, Value, bool), StatusError> {
    let live = fetch(b, t.res, &t.ns, &t.name)?;
    let kref = kind_ref(t.res.kind, t.res.api_version);
    match sub {
        "" => {
            let patched = apply_patch(ptype, &live, patch)?;
            if dry {
                let changed = strip_status(&patched) != strip_status(&live);
                return Ok((kref, patched, changed));
            }
            let result = update(b, t.res, &t.ns, &t.name, &patched)?;
            let after = fetch(b, t.res, &t.ns, &t.name).unwrap_or(patched);
            Ok((kref, after, result == Updated::Changed))
        }
        "scale" if t.res.serve == Serve::Workloads && t.res.kind != "Job" => {
            patch_scale(b, t, ptype, patch, &live, dry)
        }
        "status" => {
            let patched = apply_patch(ptype, &live, patch)?;
            if patched.get("status") == live.get("status") {
                return Ok((kref, live, false));
            }
            Err(StatusError::unavailable(&format!("changing the status of {} by hand", t.res.plural)))
        }
        "resize" if t.res.serve == Serve::Pods => {
            let patched = apply_patch(ptype, &live, patch)?;
            let changed = resize::resize(b, &t.ns, &t.name, &live, &patched, dry)?;
            let after = if dry { patched } else { fetch(b, t.res, &t.ns, &t.name).unwrap_or(patched) };
            Ok((kref, after, changed))
        }
        _ => Err(not_served()),
    }
}

/// The API server's answer for a subresource a kind does not have.
fn not_served() -> StatusError {
    StatusError {
        explain: Some(Text::new(
            "이 종류에는 그런 하위 리소스가 없습니다. `--subresource=scale`은 디플로이먼트와 레플리카셋, `resize`는 파드, `status`는 상태가 있는 오브젝트에 씁니다.",
            "This kind has no such subresource. `--subresource=scale` is for Deployments and ReplicaSets, `resize` for Pods, `status` for objects with a status.",
        )),
        ..StatusError::new("NotFound", "the server could not find the requested resource")
    }
}

fn strip_status(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(m) = v.as_object_mut() {
        m.remove("status");
    }
    v
}

/// `--subresource=scale`: the patch applies to the `autoscaling/v1` Scale
/// of a Deployment or ReplicaSet, and only `spec.replicas` is written back.
fn patch_scale<B: Backend + ?Sized>(
    b: &mut B,
    t: &Target,
    ptype: PatchType,
    patch: &Value,
    live: &Value,
    dry: bool,
) -> Result<(String, Value, bool), StatusError> {
    let scale = scale_of(t.res, live);
    let patched = apply_patch(ptype, &scale, patch)?;
    let want = patched.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(0);
    let want = i32::try_from(want).unwrap_or(i32::MAX);
    if want < 0 {
        return Err(StatusError::new(
            "Invalid",
            format!(
                "The Scale \"{}\" is invalid: spec.replicas: Invalid value: {want}: must be greater than or equal to 0",
                t.name
            ),
        ));
    }
    let before = scale.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(0);
    let changed = i64::from(want) != before;
    if changed && !dry {
        b.scale(t.res.kind, &t.ns, &t.name, want)?;
    }
    let mut shown = scale;
    if let Some(r) = shown.pointer_mut("/spec/replicas") {
        *r = Value::from(want);
    }
    Ok(("scale.autoscaling".to_string(), shown, changed))
}

/// A workload's Scale subresource (`autoscaling/v1` `Scale`).
fn scale_of(res: &Resource, live: &Value) -> Value {
    let meta = live.get("metadata").cloned().unwrap_or(Value::Null);
    let pick = |k: &str| meta.get(k).cloned().unwrap_or(Value::Null);
    let labels = live
        .pointer("/spec/selector/matchLabels")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or(""))).collect::<Vec<_>>().join(","))
        .unwrap_or_default();
    let _ = res;
    serde_json::json!({
        "apiVersion": "autoscaling/v1",
        "kind": "Scale",
        "metadata": {"creationTimestamp": pick("creationTimestamp"), "name": pick("name"), "namespace": pick("namespace"), "uid": pick("uid")},
        "spec": {"replicas": live.pointer("/spec/replicas").cloned().unwrap_or(Value::from(1))},
        "status": {"replicas": live.pointer("/status/replicas").cloned().unwrap_or(Value::from(0)), "selector": labels}
    })
}
