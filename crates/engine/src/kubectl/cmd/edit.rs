//! `kubectl edit TYPE NAME`: opens the live object, as YAML under kubectl's
//! header comments, in the app's editor ([`EditRequest`]); saving it
//! ([`save_edit`]) writes the edited object back as an update, so the API
//! server's rules answer it. An error reopens the text with the reasons in
//! its header, as kubectl reopens its temp file. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go` and
//! `editor.go` (no editor: `unable to launch the editor "vi"`).

use serde_json::Value;

use super::update::{fetch, update, Updated};
use super::util::{api_error, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::printers::to_yaml;
use crate::kubectl::resources;
use crate::kubectl::target;
use crate::kubectl::{ChangeAction, CommandOutput, EditRequest, ObjectChange};
use crate::text::Text;

/// The comments `kubectl edit` writes above the object (`editHeader.writeTo`).
const HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
";

/// `kubectl edit (RESOURCE/NAME | -f FILENAME)`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let requests = match target::requests(c, &c.inv.args) {
        Ok(r) => r,
        Err(e) => return e,
    };
    if requests.is_empty() {
        return CommandOutput::error(
            "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
            Some(Text::new(
                "편집할 오브젝트를 지정하세요. 예: `kubectl edit pod web`",
                "Say what to edit, e.g. `kubectl edit pod web`.",
            )),
        );
    }
    let filter = match super::util::label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let targets = match target::targets(b, c, requests, &filter, |res| {
        CommandOutput::error(
            "error: resource(s) were provided, but no name was specified",
            Some(Text::new(
                format!("편집할 오브젝트의 이름을 쓰세요. 예: `kubectl edit {} web`", res.singular),
                format!("Name the object to edit, e.g. `kubectl edit {} web`.", res.singular),
            )),
        )
    }) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let Some(t) = targets.first() else {
        return CommandOutput::error(
            "error: no objects passed to edit",
            Some(Text::new("편집할 오브젝트가 없습니다.", "There is no object to edit.")),
        );
    };
    let live = match fetch(b, t.res, &t.ns, &t.name) {
        Ok(v) => v,
        Err(e) => return api_error(e),
    };
    if !c.ctx.editor {
        // kubectl runs $EDITOR (or `vi`); this terminal has none to run.
        return CommandOutput::error(
            "error: unable to launch the editor \"vi\"",
            Some(Text::new(
                "`kubectl edit`은 편집기에서 오브젝트를 엽니다. 이 터미널에는 편집기가 없으니 `kubectl get -o yaml`로 내용을 보고 `kubectl apply -f`나 `kubectl patch`로 바꾸세요.",
                "`kubectl edit` opens the object in an editor, and this terminal has none. Read it with `kubectl get -o yaml` and change it with `kubectl apply -f` or `kubectl patch`.",
            )),
        );
    }
    let group = t.res.api_version.split_once('/').map(|(g, _)| format!(".{g}")).unwrap_or_default();
    let original = to_yaml(&strip_managed(live));
    let request = EditRequest {
        resource: format!("{}{group}", t.res.plural),
        namespace: t.ns.clone(),
        name: t.name.clone(),
        text: format!("{HEADER}{original}"),
        original,
    };
    CommandOutput { edit: Some(request), ..CommandOutput::default() }
}

fn strip_managed(mut v: Value) -> Value {
    if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.remove("managedFields");
    }
    v
}

/// The edited text without its comment lines (`cmdutil.StripComments`).
fn strip_comments(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with('#')).map(|l| format!("{l}\n")).collect()
}

/// Saves the text of an edit: `pod/web edited`, `Edit cancelled, no changes
/// made.`, or the API server's refusal, with the text to reopen (its
/// header naming the reasons) in [`CommandOutput::edit`].
pub fn save_edit<B: Backend + ?Sized>(b: &mut B, request: &EditRequest, edited: &str) -> CommandOutput {
    let body = strip_comments(edited);
    if body.trim().is_empty() {
        return CommandOutput { stderr: "Edit cancelled, saved file was empty.\n".into(), ..CommandOutput::default() };
    }
    if body == request.original {
        return CommandOutput { stderr: "Edit cancelled, no changes made.\n".into(), ..CommandOutput::default() };
    }
    let plural = request.resource.split('.').next().unwrap_or("");
    let Some(res) = resources::resolve(plural).filter(|r| r.served()) else {
        return CommandOutput::error(format!("error: the server doesn't have a resource type \"{plural}\""), None);
    };
    let loaded = crate::yaml::load(&body);
    if let Some(d) = loaded.diagnostics.iter().find(|d| d.severity == crate::diag::Severity::Error) {
        return reopen(request, edited, &format!("The edited file had a syntax error: {}", d.message), &[]);
    }
    let new = loaded.documents.first().map(|d| d.root.to_value()).unwrap_or(Value::Null);
    let live = match fetch(b, res, &request.namespace, &request.name) {
        Ok(v) => v,
        Err(_) => {
            return CommandOutput::error(
                format!("error: {} \"{}\" could not be found on the server", request.resource, request.name),
                None,
            )
        }
    };
    let same = |k: &str| new.get(k) == live.get(k);
    let same_name = new.pointer("/metadata/name") == live.pointer("/metadata/name");
    if !same("apiVersion") || !same("kind") || !same_name {
        return CommandOutput::error(
            "error: At least one of apiVersion, kind and name was changed",
            Some(Text::new(
                "edit로는 apiVersion, kind, metadata.name을 바꿀 수 없습니다. 다른 오브젝트를 만들려면 `kubectl apply -f`를 쓰세요.",
                "`kubectl edit` cannot change apiVersion, kind or metadata.name. To make another object, use `kubectl apply -f`.",
            )),
        );
    }
    match update(b, res, &request.namespace, &request.name, &new) {
        Ok(Updated::Unchanged) => CommandOutput::ok(format!("{}/{} edited\n", kind_name(res), request.name)),
        Ok(Updated::Changed) => CommandOutput {
            stdout: format!("{}/{} edited\n", kind_name(res), request.name),
            changed: vec![ObjectChange {
                kind: res.kind.to_string(),
                namespace: request.namespace.clone(),
                name: request.name.clone(),
                action: ChangeAction::Configured,
            }],
            ..CommandOutput::default()
        },
        Err(e) if e.reason == "Invalid" => {
            let detail = e.message.split_once(" is invalid: ").map(|(_, d)| d.to_string()).unwrap_or(e.message.clone());
            let mut out =
                reopen(request, edited, &format!("{} \"{}\" was not valid", request.resource, request.name), &[detail]);
            out.stderr = format!("error: {} \"{}\" is invalid\n", request.resource, request.name);
            out.explain = e.explain.clone();
            out
        }
        Err(e) => edit_failed(request, e),
    }
}

/// `pod`, `deployment.apps`: the name printer's kind.
fn kind_name(res: &resources::Resource) -> String {
    super::util::kind_ref(res.kind, res.api_version)
}

fn edit_failed(request: &EditRequest, e: StatusError) -> CommandOutput {
    CommandOutput::error(
        format!("error: {} \"{}\" could not be patched: {}", request.resource, request.name, e.message),
        e.explain,
    )
}

/// The text reopened after a failed save: the header, the reasons, then
/// the edited object without its old comments.
fn reopen(request: &EditRequest, edited: &str, head: &str, details: &[String]) -> CommandOutput {
    let mut text = HEADER.to_string();
    let colon = if details.is_empty() { "" } else { ":" };
    text.push_str(&format!("# {head}{colon}\n"));
    for d in details {
        text.push_str(&format!("# * {}\n", d.replace('\n', "\n# ")));
    }
    text.push_str("#\n");
    text.push_str(&strip_comments(edited));
    CommandOutput {
        stderr: format!("error: {head}\n"),
        exit_code: 1,
        edit: Some(EditRequest { text, ..request.clone() }),
        ..CommandOutput::default()
    }
}
