//! What every verb shares: the parsed command ([`Cmd`]), the common flags
//! (`-o`, `-l`, `--dry-run`) and how an API error prints. Mirrors kubectl's
//! `staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go` (cmdutil).

use crate::kubectl::backend::StatusError;
use crate::kubectl::cli::Invocation;
use crate::kubectl::printers::{self, Output};
use crate::kubectl::sel::LabelFilter;
use crate::kubectl::{CommandOutput, Context};
use crate::text::Text;

/// The most objects one command acts on.
pub(crate) const OBJECTS_MAX: usize = 500;

/// One parsed command line and what it runs in: the verb's options.
pub(crate) struct Cmd<'a> {
    pub(crate) inv: &'a Invocation,
    pub(crate) ctx: &'a Context,
    /// The namespace (`-n`, else the context's).
    pub(crate) ns: String,
}

/// An API error as kubectl prints it, with our explanation.
pub(crate) fn api_error(e: StatusError) -> CommandOutput {
    let explain = e.explain.clone().or_else(|| explain_api_error(&e));
    let line = if e.reason == "Invalid" { format!("The {}", e.message.trim_start_matches("The ")) } else { e.line() };
    CommandOutput::error(line, explain)
}

/// Our explanation of the API errors a learner meets most (NotFound, AlreadyExists).
pub(crate) fn explain_api_error(e: &StatusError) -> Option<Text> {
    match e.reason.as_str() {
        "NotFound" => Some(Text::new(
            format!("API 서버에서 찾을 수 없습니다: {}. 이름과 네임스페이스(-n)를 확인하고 `kubectl get pods`로 목록을 보세요.", e.message),
            format!("The API server has no such object: {}. Check the name and the namespace (-n); `kubectl get pods` lists what exists.", e.message),
        )),
        "AlreadyExists" => Some(Text::new(
            format!("같은 이름의 오브젝트가 이미 있습니다: {}. 바꾸려면 `kubectl apply -f`를 쓰거나 먼저 삭제하세요.", e.message),
            format!("An object with this name already exists: {}. Use `kubectl apply -f` to change it, or delete it first.", e.message),
        )),
        _ => None,
    }
}

/// `-o/--output`.
pub(crate) fn output(c: &Cmd) -> Result<Output, CommandOutput> {
    printers::parse_output(c.inv.get("output")).map_err(|e| CommandOutput::error(format!("error: {e}"), None))
}

/// `-l/--selector`.
pub(crate) fn label_filter(c: &Cmd) -> Result<LabelFilter, CommandOutput> {
    LabelFilter::parse(c.inv.get("selector")).map_err(|(line, explain)| CommandOutput::error(line, Some(explain)))
}

/// `No resources found in NS namespace.`, or without a namespace for
/// cluster-scoped types.
pub(crate) fn no_resources(ns: Option<&str>) -> String {
    match ns {
        Some(ns) => format!("No resources found in {ns} namespace.\n"),
        None => "No resources found\n".to_string(),
    }
}

/// `pod`, `deployment.apps`: how kubectl names a kind in `pod/x created`.
pub(crate) fn kind_ref(kind: &str, api_version: &str) -> String {
    match api_version.split_once('/') {
        Some((group, _)) => format!("{}.{group}", kind.to_lowercase()),
        None => kind.to_lowercase(),
    }
}

/// `--dry-run`: whether nothing should be changed.
pub(crate) fn dry_run(c: &Cmd) -> Result<bool, CommandOutput> {
    match c.inv.get("dry-run") {
        None | Some("none") => Ok(false),
        Some("client") | Some("server") => Ok(true),
        Some(other) => Err(CommandOutput::error(
            format!("error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."),
            None,
        )),
    }
}
