//! `kubectl describe`: the long, human-readable view of objects with their
//! events. A name that matches nothing exactly is used as a prefix.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go`; the
//! text itself is `kubectl/describe.rs`.

use std::fmt::Write as _;

use super::kinds::{self, DescribeInput, Item};
use super::objects::sorted_pods;
use super::util::{explain_api_error, label_filter, no_resources, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::target::{self, Request};
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// `kubectl describe`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let requests = match target::requests(c, &c.inv.args) {
        Ok(r) => r,
        Err(e) => return e,
    };
    if requests.is_empty() {
        return CommandOutput::error(
            "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples",
            Some(Text::new("무엇을 볼지 지정하세요. 예: `kubectl describe pod nginx`", "Say what to describe, e.g. `kubectl describe pod nginx`.")),
        );
    }
    let all_ns = c.inv.on("all-namespaces");
    let ns = if all_ns { None } else { Some(c.ns.as_str()) };
    let show_events = c.inv.get("show-events") != Some("false");
    let events = b.events();
    let pods = sorted_pods(b);
    let workloads = b.workloads();
    let input = DescribeInput {
        pods: &pods,
        events: show_events.then_some(events.as_slice()),
        now: b.now(),
        workloads: &workloads,
    };
    let mut out = CommandOutput::default();
    let mut sections: Vec<String> = Vec::new();
    for Request { res, names, .. } in requests {
        if !kinds::describable(res) {
            let _ = writeln!(out.stderr, "error: describing {} is not available in this playground", res.plural);
            out.exit_code = 1;
            continue;
        }
        let in_scope: Vec<Item> = kinds::list(b, res, ns).into_iter().filter(|i| filter.matches(&i.labels())).collect();
        let all: Vec<&Item> = in_scope.iter().collect();
        let resource = match res.api_version.split_once('/') {
            Some((group, _)) => format!("{}.{group}", res.plural),
            None => res.plural.to_string(),
        };
        let chosen = if names.is_empty() { all } else { pick_by_name(&all, &names, &resource, &mut out) };
        sections.extend(chosen.into_iter().filter_map(|i| kinds::describe(i, &input)));
    }
    if sections.is_empty() && out.stderr.is_empty() {
        out.stderr = no_resources(ns);
    }
    out.stdout = sections.join("\n\n");
    if !out.stdout.is_empty() && !out.stdout.ends_with('\n') {
        out.stdout.push('\n');
    }
    if let Some(first) = out.stderr.lines().next() {
        if first.contains("NotFound") {
            out.explain = explain_api_error(&StatusError::new(
                "NotFound",
                first.trim_start_matches("Error from server (NotFound): "),
            ));
        }
    }
    out
}

/// `kubectl describe NAME…`: each name picks the object of exactly that
/// name, else every object whose name starts with it (describe's prefix
/// match); a name that picks nothing is a NotFound line.
fn pick_by_name<'a>(all: &[&'a Item], names: &[String], plural: &str, out: &mut CommandOutput) -> Vec<&'a Item> {
    let mut chosen = Vec::new();
    for n in names {
        let exact: Vec<&Item> = all.iter().copied().filter(|x| &x.name() == n).collect();
        let hits = if exact.is_empty() {
            all.iter().copied().filter(|x| x.name().starts_with(n.as_str())).collect()
        } else {
            exact
        };
        if hits.is_empty() {
            let _ = writeln!(out.stderr, "{}", StatusError::not_found(plural, n).line());
            out.exit_code = 1;
        }
        chosen.extend(hits);
    }
    chosen
}
