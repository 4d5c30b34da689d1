//! `kubectl get -w`: one bounded watch over virtual time. Any change to an
//! object prints it again, as the API's watch events do; events print
//! when they are new or their count goes up. Mirrors `watch` in
//! `staging/src/k8s.io/kubectl/pkg/cmd/get/get.go`.

use std::collections::BTreeMap;

use super::kinds::{self, Item};
use super::objects::event_field;
use super::util::Cmd;
use crate::kubectl::backend::{Backend, EventView};
use crate::kubectl::fieldsel::FieldSelector;
use crate::kubectl::printers::{self, to_json, to_yaml, Output, TableOptions};
use crate::kubectl::resources::{Resource, Serve};
use crate::kubectl::sel::LabelFilter;
use crate::kubectl::{CommandOutput, Watch, WatchFrame, WATCH_LINES_MAX, WATCH_QUIET_MS};
use crate::time::SimTime;

/// The virtual time between two looks at the cluster during a watch.
const WATCH_STEP_MS: u64 = 200;

/// How far a watch moves the clock before it looks again: whole
/// [`WATCH_STEP_MS`] steps up to the cluster's next deadline
/// ([`Backend::poll_timeout`]: nothing can change before it), so idle
/// stretches cost one step instead of hundreds and what is printed is what
/// looking every step would print; never past `left_ms` (the watch's time
/// limit or the end of its quiet window, both whole steps).
pub(crate) fn next_step<B: Backend + ?Sized>(b: &B, left_ms: u64) -> u64 {
    let until = b.poll_timeout().map_or(left_ms, |t| t.since(b.now()));
    let steps = until.div_ceil(WATCH_STEP_MS).max(1);
    steps.saturating_mul(WATCH_STEP_MS).min(left_ms.max(WATCH_STEP_MS))
}

/// What makes an event the same event when its count goes up.
type EventKey = (String, String, String, String, String);

/// What a watch selects: the namespace (`None`: all), `-l`, `--field-selector`
/// and the names asked for (none: every object).
pub(crate) struct Scope<'a> {
    pub(crate) ns: Option<&'a str>,
    pub(crate) labels: &'a LabelFilter,
    pub(crate) fields: &'a FieldSelector,
    pub(crate) names: &'a [String],
}

/// `kubectl get TYPE -w` for any served type.
pub(crate) fn watch<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    res: &Resource,
    scope: &Scope,
    out_fmt: &Output,
    opts: &TableOptions,
    out: &mut CommandOutput,
) {
    if res.serve == Serve::Events {
        watch_events(b, c, (scope.ns, scope.fields), opts, out);
    } else {
        watch_objects(b, c, res, scope, out_fmt, opts, out);
    }
}

/// The watched objects, keyed by namespace and name, in listing order.
fn watched<B: Backend + ?Sized>(b: &B, res: &Resource, scope: &Scope) -> Vec<((String, String), Item)> {
    kinds::list(b, res, scope.ns)
        .into_iter()
        .filter(|o| scope.names.is_empty() || scope.names.contains(&o.name()))
        .filter(|o| scope.labels.matches(&o.labels()) && scope.fields.matches(|f| o.field(f)))
        .map(|o| ((o.namespace().to_string(), o.name()), o))
        .collect()
}

/// Advances virtual time in small steps and prints
/// an object again whenever the API would send a watch event for it: when
/// it is added, when anything in it changes (so, as on a real cluster, a
/// row may repeat when only a condition or a heartbeat changed) and, once
/// more with its last state, when it is deleted. Follows
/// `staging/src/k8s.io/kubectl/pkg/cmd/get/get.go` (`watch`): one resource
/// type, the tabwriter's remembered column widths, no header until the first
/// row. Bounded by the context's `watch_ms_max`, by [`WATCH_QUIET_MS`]
/// without an event and by [`WATCH_LINES_MAX`].
fn watch_objects<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    res: &Resource,
    scope: &Scope,
    out_fmt: &Output,
    opts: &TableOptions,
    out: &mut CommandOutput,
) {
    let first = watched(b, res, scope);
    let mut last: BTreeMap<(String, String), Item> = first.iter().cloned().collect();
    // Column widths are those of the first table (kubectl's tabwriter remembers them).
    let first_refs: Vec<&Item> = first.iter().map(|w| &w.1).collect();
    let (header, first_rows) = kinds::cells(res, &first_refs, b.now(), opts);
    let mut widths = column_widths(if opts.no_headers { &[] } else { &header }, &first_rows);
    let mut header_printed = !first_rows.is_empty();
    let mut watch = Watch::default();
    let (mut quiet_ms, mut elapsed) = (0u64, 0u64);
    let limit = c.ctx.watch_ms_max.min(600_000);
    while elapsed < limit && !watch.truncated {
        let step = next_step(b, (limit - elapsed).min(WATCH_QUIET_MS.saturating_sub(quiet_ms)));
        b.advance(step);
        elapsed += step;
        quiet_ms += step;
        let now = b.now();
        let current = watched(b, res, scope);
        let mut events: Vec<Item> = Vec::new();
        for (key, object) in &current {
            if last.get(key) != Some(object) {
                last.insert(key.clone(), object.clone());
                events.push(object.clone());
            }
        }
        // A DELETED event carries the object's last state.
        let gone: Vec<(String, String)> =
            last.keys().filter(|k| !current.iter().any(|w| &w.0 == *k)).cloned().collect();
        for k in gone {
            if let Some(o) = last.remove(&k) {
                events.push(o);
            }
        }
        if events.is_empty() {
            if quiet_ms >= WATCH_QUIET_MS {
                break;
            }
            continue;
        }
        quiet_ms = 0;
        let mut lines: Vec<String> = Vec::new();
        match out_fmt {
            Output::Table | Output::Wide => {
                let refs: Vec<&Item> = events.iter().collect();
                let (hdr, rows) = kinds::cells(res, &refs, now, opts);
                if !header_printed {
                    widths = column_widths(if opts.no_headers { &[] } else { &hdr }, &rows);
                    if !opts.no_headers {
                        lines.push(pad_row(&hdr, &widths));
                    }
                    header_printed = true;
                }
                lines.extend(rows.iter().map(|r| pad_row(r, &widths)));
            }
            other => lines.extend(event_lines(res, &events, other)),
        }
        emit_watch_lines(out, &mut watch, lines, now);
    }
    finish_watch(out, watch, elapsed >= limit, elapsed);
}

/// The lines of one batch of watch events in a non-table output format.
fn event_lines(res: &Resource, events: &[Item], out_fmt: &Output) -> Vec<String> {
    let mut lines = Vec::new();
    match out_fmt {
        Output::Table | Output::Wide => {}
        Output::Name => lines.extend(events.iter().map(|o| o.name_line(res))),
        Output::Json => lines
            .extend(events.iter().flat_map(|o| to_json(&o.json(res)).lines().map(str::to_string).collect::<Vec<_>>())),
        Output::Yaml => {
            for o in events {
                lines.push("---".to_string());
                lines.extend(to_yaml(&o.json(res)).lines().map(str::to_string));
            }
        }
        Output::JsonPath(t) => {
            for o in events {
                if let Ok(text) = crate::kubectl::jsonpath::render(t, &o.json(res)) {
                    lines.extend(text.lines().map(str::to_string));
                }
            }
        }
        Output::CustomColumns(cols) => {
            let objects: Vec<serde_json::Value> = events.iter().map(|o| o.json(res)).collect();
            let text = printers::custom_columns(cols, &objects);
            // The header was printed with the first table.
            lines.extend(text.lines().skip(1).map(str::to_string));
        }
    }
    lines
}

/// Prints one batch of watch lines at virtual time `now`, up to the watch's
/// line limit (past it the watch is marked truncated).
fn emit_watch_lines(out: &mut CommandOutput, watch: &mut Watch, lines: Vec<String>, now: SimTime) {
    for line in lines {
        if watch.frames.len() >= WATCH_LINES_MAX {
            watch.truncated = true;
            break;
        }
        out.stdout.push_str(&line);
        out.stdout.push('\n');
        watch.frames.push(WatchFrame { at: now, line });
    }
}

/// Ends a watch: the virtual time it took, and whether it hit its time limit.
fn finish_watch(out: &mut CommandOutput, mut watch: Watch, timed_out: bool, elapsed: u64) {
    if timed_out {
        watch.truncated = true;
    }
    out.advanced_ms += elapsed;
    out.watch = Some(watch);
}

/// `kubectl get events -w`: prints each new or repeated event as a row, on
/// the virtual clock, with the same bounds as the pod watch.
fn watch_events<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    (ns, fields): (Option<&str>, &FieldSelector),
    opts: &TableOptions,
    out: &mut CommandOutput,
) {
    fn selected<'a>(evs: &'a [EventView], ns: Option<&str>, fields: &FieldSelector) -> Vec<&'a EventView> {
        evs.iter().filter(|e| ns.is_none_or(|n| e.namespace == n) && fields.matches(|f| event_field(e, f))).collect()
    }
    let key = |e: &EventView| {
        (e.namespace.clone(), e.object_kind.clone(), e.object_name.clone(), e.reason.clone(), e.message.clone())
    };
    let mut seen: BTreeMap<EventKey, u32> =
        b.events().iter().filter(|e| ns.is_none_or(|n| e.namespace == n)).map(|e| (key(e), e.count)).collect();
    // Column widths are those of the first table (kubectl's tabwriter remembers them).
    let (header, first_rows) = {
        let evs = b.events();
        printers::event_cells(&selected(&evs, ns, fields), b.now(), opts)
    };
    let mut widths = column_widths(&header, &first_rows);
    let mut header_printed = !first_rows.is_empty() && !opts.no_headers;
    let mut watch = Watch::default();
    let limit = c.ctx.watch_ms_max.min(600_000);
    let (mut elapsed, mut quiet) = (0u64, 0u64);
    while elapsed < limit && !watch.truncated {
        let step = next_step(b, (limit - elapsed).min(WATCH_QUIET_MS.saturating_sub(quiet)));
        b.advance(step);
        elapsed += step;
        quiet += step;
        let now = b.now();
        let evs = b.events();
        let fresh: Vec<&EventView> =
            selected(&evs, ns, fields).into_iter().filter(|e| seen.get(&key(e)) != Some(&e.count)).collect();
        if fresh.is_empty() {
            if quiet >= WATCH_QUIET_MS {
                break;
            }
            continue;
        }
        quiet = 0;
        for e in &fresh {
            seen.insert(key(e), e.count);
        }
        let (hdr, rows) = printers::event_cells(&fresh, now, opts);
        let mut lines = Vec::new();
        if !header_printed && !opts.no_headers {
            widths = column_widths(&hdr, &rows);
            lines.push(pad_row(&hdr, &widths));
            header_printed = true;
        }
        lines.extend(rows.iter().map(|r| pad_row(r, &widths)));
        emit_watch_lines(out, &mut watch, lines, now);
    }
    finish_watch(out, watch, elapsed >= limit, elapsed);
}

/// The widths tabwriter gives the columns of a table (min 6, padding 3).
fn column_widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let columns = rows.iter().map(Vec::len).chain(std::iter::once(header.len())).max().unwrap_or(0);
    let mut widths = vec![6usize; columns];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count() + 3);
        }
    }
    widths
}

/// Pads every cell but the last to its column width (tabwriter with remembered widths).
fn pad_row(cells: &[String], widths: &[usize]) -> String {
    let mut s = String::new();
    for (i, cell) in cells.iter().enumerate() {
        s.push_str(cell);
        if i + 1 < cells.len() {
            let w = widths.get(i).copied().unwrap_or(0).max(cell.chars().count() + 3);
            s.extend(std::iter::repeat_n(' ', w - cell.chars().count()));
        }
    }
    s
}
