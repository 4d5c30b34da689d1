//! `kubectl diff -f FILE`: what applying the files would change, as a
//! unified diff between the live objects and the merged ones, exit code 1
//! when they differ. Follows `staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go`:
//! each object is written as YAML (without `managedFields`) to
//! `LIVE-<n>/<group.>version.Kind.namespace.name` and
//! `MERGED-<n>/…` in the temp directory, and `diff -u -N` compares the two
//! directories.
//!
//! The temp directory names are derived from the virtual clock (a digest
//! of the time, standing in for `os.MkdirTemp`'s random number), so the
//! same cluster at the same time prints the same diff. The files' times are
//! the virtual clock's.
//!
//! The merged object is the live one with the file's object applied as a
//! strategic merge patch, `metadata.generation` bumped when the spec
//! changes, as the server's dry run would return it; fields the file no
//! longer names are not removed (the playground keeps no
//! `last-applied-configuration`).

use std::fmt::Write as _;

use serde_json::Value;

use super::smp::strategic_merge;
use super::unidiff::hunks;
use super::update::{fetch, valid_docs};
use super::util::Cmd;
use crate::kubectl::backend::Backend;
use crate::kubectl::printers::to_yaml;
use crate::kubectl::target::doc_target;
use crate::kubectl::CommandOutput;
use crate::text::Text;
use crate::time::SimTime;

/// `kubectl diff -f FILENAME`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let files = c.inv.raw_list("filename");
    if files.is_empty() {
        return CommandOutput::error(
            "error: must specify one of -f and -k",
            Some(Text::new(
                "비교할 파일을 `-f`로 지정하세요. 예: `kubectl diff -f editor.yaml`",
                "Name the file to compare with `-f`, e.g. `kubectl diff -f editor.yaml`.",
            )),
        );
    }
    let docs = match valid_docs(c, &files) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let now = b.now();
    let (live_dir, merged_dir) = (temp_dir("LIVE", now), temp_dir("MERGED", now));
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for doc in docs {
        let (res, ns) = match doc_target(c, &doc) {
            Ok(t) => t,
            Err(e) => return e,
        };
        let mut file_obj: Value = serde_json::from_str(&doc.json).unwrap_or(Value::Null);
        if let Some(m) = file_obj.as_object_mut() {
            m.remove("status");
        }
        let (live, merged) = match fetch(b, res, &ns, &doc.name) {
            Ok(live) => {
                let merged = match strategic_merge(&live, &file_obj) {
                    Ok(m) => bump_generation(&live, m),
                    Err(_) => file_obj.clone(),
                };
                (Some(live), merged)
            }
            Err(_) => {
                if res.namespaced {
                    if let Some(meta) = file_obj.get_mut("metadata").and_then(Value::as_object_mut) {
                        meta.insert("namespace".into(), Value::from(ns.clone()));
                    }
                }
                (None, file_obj)
            }
        };
        let group = res.api_version.split_once('/').map(|(g, _)| format!("{g}.")).unwrap_or_default();
        let version = res.api_version.rsplit('/').next().unwrap_or("v1");
        let name = format!("{group}{version}.{}.{ns}.{}", res.kind, doc.name);
        let show = |v: &Value| {
            let mut v = v.clone();
            if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
                meta.remove("managedFields");
            }
            to_yaml(&v)
        };
        pairs.push((name, live.as_ref().map(show).unwrap_or_default(), show(&merged)));
    }
    // `diff` walks the directories in name order.
    pairs.sort_by(|x, y| x.0.cmp(&y.0));
    let mut out = CommandOutput::default();
    for (name, live, merged) in pairs {
        let body = hunks(&live, &merged);
        if body.is_empty() {
            continue;
        }
        let live_time = if live.is_empty() { "1970-01-01 00:00:00.000000000 +0000".to_string() } else { stamp(now) };
        let _ = writeln!(out.stdout, "diff -u -N {live_dir}/{name} {merged_dir}/{name}");
        let _ = writeln!(out.stdout, "--- {live_dir}/{name}\t{live_time}");
        let _ = writeln!(out.stdout, "+++ {merged_dir}/{name}\t{}", stamp(now));
        out.stdout.push_str(&body);
        out.exit_code = 1;
    }
    out
}

/// The server bumps `metadata.generation` when the spec changes.
fn bump_generation(live: &Value, mut merged: Value) -> Value {
    if live.get("spec") == merged.get("spec") {
        return merged;
    }
    if let Some(g) = merged.pointer_mut("/metadata/generation") {
        if let Some(n) = g.as_i64() {
            *g = Value::from(n.saturating_add(1));
        }
    }
    merged
}

/// `/tmp/LIVE-<n>`: a number derived from the virtual time.
fn temp_dir(prefix: &str, now: SimTime) -> String {
    let mut h = crate::hash::Fnv1a64::new();
    h.write(prefix.as_bytes());
    h.write(&now.as_millis().to_le_bytes());
    format!("/tmp/{prefix}-{}", h.finish() % 4_294_967_296)
}

/// A file time as GNU diff prints it: `2026-01-01 00:00:05.000000000 +0000`.
fn stamp(t: SimTime) -> String {
    let iso = t.rfc3339();
    let (date, time) = iso.trim_end_matches('Z').split_once('T').unwrap_or((&iso, ""));
    format!("{date} {time}.{:03}000000 +0000", t.as_millis() % 1000)
}
