//! `kubectl events`: the event table of a namespace (or all of them, or one
//! object's with `--for TYPE/NAME`), oldest first, filtered by `--types`.
//! Follows `staging/src/k8s.io/kubectl/pkg/cmd/events/events.go` (flags,
//! `Validate`, the "No events found" lines on stderr, `SortableEvents`) and
//! `event_printer.go` (columns, `Kind/name` objects, `getInterval`'s
//! `5s (x3 over 40s)`).

use super::objects::event_json;
use super::util::{output, Cmd};
use crate::kubectl::backend::{Backend, EventView};
use crate::kubectl::format::human_duration;
use crate::kubectl::printers::{assemble, to_json, to_yaml, Output, TableOptions};
use crate::kubectl::{resources, CommandOutput};
use crate::text::Text;
use crate::time::SimTime;

/// `kubectl events`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    match events(b, c) {
        Ok(out) | Err(out) => out,
    }
}

fn events<B: Backend + ?Sized>(b: &B, c: &Cmd) -> Result<CommandOutput, CommandOutput> {
    let out_fmt = output(c)?;
    let types = c.inv.list("types");
    if types.iter().any(|t| !t.eq_ignore_ascii_case("Normal") && !t.eq_ignore_ascii_case("Warning")) {
        return Err(CommandOutput::error(
            "error: valid --types are Normal or Warning",
            Some(Text::new(
                "이벤트 종류는 Normal과 Warning 두 가지뿐입니다. 예: `kubectl events --types=Warning`",
                "Events are of two types only, Normal and Warning, e.g. `kubectl events --types=Warning`.",
            )),
        ));
    }
    let for_object = match c.inv.get("for").filter(|f| !f.is_empty()) {
        Some(f) => Some(for_object(f)?),
        None => None,
    };
    let all_ns = c.inv.on("all-namespaces");
    let mut list: Vec<EventView> = b
        .events()
        .into_iter()
        .filter(|e| all_ns || e.namespace == c.ns)
        .filter(|e| types.is_empty() || types.iter().any(|t| t.eq_ignore_ascii_case(&e.type_)))
        .filter(|e| for_object.as_ref().is_none_or(|(kind, name)| &e.object_kind == kind && &e.object_name == name))
        .collect();
    if list.is_empty() {
        let line =
            if all_ns { "No events found.\n".to_string() } else { format!("No events found in {} namespace.\n", c.ns) };
        return Ok(CommandOutput { stderr: line, ..CommandOutput::default() });
    }
    // Oldest first by the last time each was seen (a stable sort keeps
    // the recording order of ties, as Go's sort of an already-ordered list).
    list.sort_by_key(|e| e.last_seen);
    let stdout = match out_fmt {
        Output::Json | Output::Yaml => {
            let items: Vec<serde_json::Value> = list.iter().map(event_json).collect();
            let doc = serde_json::json!({"apiVersion": "v1", "items": items, "kind": "EventList", "metadata": {}});
            if out_fmt == Output::Json {
                to_json(&doc)
            } else {
                to_yaml(&doc)
            }
        }
        Output::Name => list.iter().map(|e| format!("event/{}\n", e.name())).collect(),
        _ => table(&list, b.now(), all_ns, c.inv.on("no-headers")),
    };
    Ok(CommandOutput::ok(stdout))
}

/// `--for pod/web`: the involved object's kind and name.
fn for_object(typed: &str) -> Result<(String, String), CommandOutput> {
    let Some((kind, name)) = typed.split_once('/') else {
        return Err(CommandOutput::error(
            "error: --for must be in resource/name form",
            Some(Text::new(
                "`--for`에는 `pod/web`처럼 종류/이름 형식으로 적습니다.",
                "`--for` takes a TYPE/NAME, such as `pod/web`.",
            )),
        ));
    };
    if name.contains('/') {
        return Err(CommandOutput::error(
            "error: arguments in resource/name form may not have more than one slash",
            None,
        ));
    }
    match resources::resolve(kind) {
        Some(res) => Ok((res.kind.to_string(), name.to_string())),
        None => Err(CommandOutput::error(format!("error: the server doesn't have a resource type \"{kind}\""), None)),
    }
}

/// The table `event_printer.go` prints: `LAST SEEN TYPE REASON OBJECT MESSAGE`,
/// the object as `Kind/name`.
fn table(list: &[EventView], now: SimTime, all_ns: bool, no_headers: bool) -> String {
    let mut header = Vec::new();
    if all_ns {
        header.push("NAMESPACE".to_string());
    }
    header.extend(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"].map(String::from));
    let rows = list
        .iter()
        .map(|e| {
            let mut cells = Vec::new();
            if all_ns {
                cells.push(e.namespace.clone());
            }
            let first = human_duration(now.since(e.first_seen));
            let interval = if e.count > 1 {
                format!("{} (x{} over {first})", human_duration(now.since(e.last_seen)), e.count)
            } else {
                first
            };
            cells.extend([
                interval,
                e.type_.clone(),
                e.reason.clone(),
                format!("{}/{}", e.object_kind, e.object_name),
                e.message.trim().to_string(),
            ]);
            cells
        })
        .collect();
    let opts = TableOptions { no_headers, ..TableOptions::default() };
    assemble(header, rows, &opts)
}
