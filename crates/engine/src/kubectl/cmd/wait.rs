//! `kubectl wait --for=…`: moves the virtual clock until each object meets
//! the conditions (`create`, `delete`, `condition=NAME[=VALUE]`,
//! `jsonpath=EXPR[=VALUE]`) or the timeout (30s by default) runs out.
//! Follows `staging/src/k8s.io/kubectl/pkg/cmd/wait/` (`wait.go`,
//! `condition.go`, `delete.go`, `json.go`): every condition of every
//! object shares one deadline, objects are waited for in turn, and the
//! first failure ends the command.

use std::fmt::Write as _;

use serde_json::Value;

use super::update::fetch;
use super::util::{api_error, kind_ref, label_filter, Cmd};
use super::watch::next_step;
use crate::kubectl::backend::Backend;
use crate::kubectl::jsonpath;
use crate::kubectl::target::{self, Target};
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// The longest wait the playground runs: a longer (or negative, a week
/// upstream) `--timeout` waits an hour of virtual time, which bounds the
/// work one command line does in the browser.
const WAIT_MS_MAX: u64 = 3600 * 1000;

/// One `--for` condition.
#[derive(Clone, Debug, PartialEq, Eq)]
enum For {
    Create,
    Delete,
    /// `condition=NAME[=VALUE]` (VALUE defaults to `true`; both compared
    /// case-insensitively).
    Condition(String, String),
    /// `jsonpath=EXPR[=VALUE]`: VALUE `None` waits for the field to exist.
    JsonPath(String, Option<String>),
}

/// `kubectl wait ([-f FILENAME] | TYPE NAME | TYPE/NAME | TYPE (-l label | --all)) --for=…`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let conditions = match parse_for(&c.inv.raw_list("for")) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let timeout_ms = match c.inv.get("timeout").map(parse_duration).transpose() {
        Ok(t) => t.unwrap_or(Some(30_000)),
        Err(e) => return e,
    }
    .unwrap_or(WAIT_MS_MAX);
    let timeout_ms = timeout_ms.min(WAIT_MS_MAX);
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let requests = match target::requests(c, &c.inv.args) {
        Ok(r) if r.is_empty() => {
            return CommandOutput::error(
                "error: resource name must be provided",
                Some(Text::new(
                    "무엇을 기다릴지 지정하세요. 예: `kubectl wait --for=condition=Ready pod/web`",
                    "Say what to wait for, e.g. `kubectl wait --for=condition=Ready pod/web`.",
                )),
            )
        }
        Ok(r) => r,
        Err(e) => return e,
    };
    let targets = match target::targets(b, c, requests, &filter, |_| {
        CommandOutput::error(
            "error: resource(s) were provided, but no name was specified",
            Some(Text::new(
                "이름이나 `-l`, `--all`로 기다릴 오브젝트를 지정하세요.",
                "Name the objects to wait for, or select them with `-l` or `--all`.",
            )),
        )
    }) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let deleting = conditions.contains(&For::Delete);
    if targets.is_empty() && !deleting {
        return CommandOutput::error(
            "error: no matching resources found",
            Some(Text::new(
                "셀렉터에 맞는 오브젝트가 없습니다. `kubectl get`으로 레이블을 확인하세요.",
                "No object matches. Check the labels with `kubectl get --show-labels`.",
            )),
        );
    }
    let start = b.now();
    let mut out = CommandOutput::default();
    for t in &targets {
        if let Err(e) = wait_one(b, t, &conditions, timeout_ms.saturating_sub(b.now().since(start)), &mut out) {
            out.stderr.push_str(&e.stderr);
            out.exit_code = 1;
            out.explain = e.explain;
            break;
        }
    }
    out.advanced_ms += b.now().since(start);
    out
}

/// Waits for every condition on one object, printing `pod/web condition met` for each.
fn wait_one<B: Backend + ?Sized>(
    b: &mut B,
    t: &Target,
    conditions: &[For],
    mut left: u64,
    out: &mut CommandOutput,
) -> Result<(), CommandOutput> {
    let kref = kind_ref(t.res.kind, t.res.api_version);
    // Waiting for a deletion that already happened: the object is not
    // visited at all (`IgnoreErrors(apierrors.IsNotFound)`).
    if conditions.contains(&For::Delete) && fetch(b, t.res, &t.ns, &t.name).is_err() {
        return Ok(());
    }
    let once = left == 0;
    // `create` is waited for first, whatever the order of the flags.
    let mut ordered: Vec<&For> = conditions.iter().filter(|f| **f == For::Create).collect();
    ordered.extend(conditions.iter().filter(|f| **f != For::Create));
    for cond in ordered {
        loop {
            let live = fetch(b, t.res, &t.ns, &t.name).ok();
            let met = match (cond, &live) {
                (For::Delete, None) => true,
                (For::Delete, Some(_)) => false,
                (For::Create, l) => l.is_some(),
                (_, None) if *cond != For::Create => {
                    // The object is not there: NotFound, as the first GET says.
                    return Err(api_error(crate::kubectl::StatusError::not_found(t.res.plural, &t.name)));
                }
                (For::Condition(name, want), Some(v)) => condition_met(v, name, want),
                (For::JsonPath(expr, want), Some(v)) => jsonpath_met(v, expr, want.as_deref()),
                _ => false,
            };
            if met {
                let _ = writeln!(out.stdout, "{kref}/{} condition met", t.name);
                break;
            }
            if once {
                return Err(CommandOutput::error(
                    format!("error: condition not met for {}/{}", t.res.plural, t.name),
                    Some(Text::new(
                        "`--timeout=0`은 기다리지 않고 한 번만 확인합니다. 지금은 조건을 만족하지 않습니다.",
                        "`--timeout=0` checks once without waiting, and the condition does not hold now.",
                    )),
                ));
            }
            if left == 0 {
                return Err(timed_out(t));
            }
            let step = next_step(b, left).min(left);
            b.advance(step);
            left -= step;
        }
    }
    Ok(())
}

/// `timed out waiting for the condition on pods/web` (`wait.ErrorInterrupted`
/// extended with the object, `condition.go` `extendErrWaitTimeout`).
fn timed_out(t: &Target) -> CommandOutput {
    CommandOutput::error(
        format!("error: timed out waiting for the condition on {}/{}", t.res.plural, t.name),
        Some(Text::new(
            format!("제한 시간 안에 {}/{}이(가) 조건을 만족하지 않았습니다. `kubectl describe`로 상태와 이벤트를 보거나 `--timeout`을 늘리세요.", t.res.plural, t.name),
            format!("{}/{} did not meet the condition in time. See its state and events with `kubectl describe`, or give a longer `--timeout`.", t.res.plural, t.name),
        )),
    )
}

/// Whether `status.conditions` has `name` with status `want` (both
/// compared case-insensitively), with an up-to-date `observedGeneration`
/// where the object reports one (`ConditionalWait.checkCondition`).
fn condition_met(obj: &Value, name: &str, want: &str) -> bool {
    let generation = obj.pointer("/metadata/generation").and_then(Value::as_i64);
    let conditions = obj.pointer("/status/conditions").and_then(Value::as_array).cloned();
    let conditions = conditions.unwrap_or_else(|| derived_conditions(obj));
    conditions.iter().any(|c| {
        let kind = c.get("type").and_then(Value::as_str).unwrap_or("");
        let status = c.get("status").and_then(Value::as_str).unwrap_or("");
        let observed =
            c.get("observedGeneration").or_else(|| obj.pointer("/status/observedGeneration")).and_then(Value::as_i64);
        let current = match (observed, generation) {
            (Some(o), Some(g)) => o == g,
            _ => true,
        };
        kind.eq_ignore_ascii_case(name) && status.eq_ignore_ascii_case(want) && current
    })
}

/// The conditions a Deployment or Job controller would report, for the
/// workloads whose status here carries only counts: `Available` (at least
/// `replicas - maxUnavailable` ready, maxUnavailable 25% rounded down, as
/// `deploymentutil.MaxUnavailable`) and a Job's `Complete`.
fn derived_conditions(obj: &Value) -> Vec<Value> {
    let num = |p: &str| obj.pointer(p).and_then(Value::as_i64).unwrap_or(0);
    let status = |ok: bool| if ok { "True" } else { "False" };
    match obj.get("kind").and_then(Value::as_str) {
        Some("Deployment") => {
            let want = obj.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1);
            let ready = num("/status/availableReplicas");
            let max_unavailable = want.saturating_mul(25) / 100;
            vec![serde_json::json!({"type": "Available", "status": status(ready >= want - max_unavailable)})]
        }
        Some("Job") => {
            let want = obj.pointer("/spec/completions").and_then(Value::as_i64).unwrap_or(1);
            vec![serde_json::json!({"type": "Complete", "status": status(num("/status/succeeded") >= want)})]
        }
        _ => Vec::new(),
    }
}

/// Whether the JSONPath `expr` gives `want` (any value when `None`).
fn jsonpath_met(obj: &Value, expr: &str, want: Option<&str>) -> bool {
    match jsonpath::render(expr, obj) {
        Ok(got) => match want {
            Some(w) => got == w,
            None => !got.is_empty(),
        },
        Err(_) => false,
    }
}

/// The `--for` values (`conditionFuncsFor`, `processJSONPathInput`).
fn parse_for(values: &[String]) -> Result<Vec<For>, CommandOutput> {
    let how = Text::new(
        "`--for`에는 delete, create, condition=이름[=값], jsonpath='{경로}'=값 가운데 하나를 씁니다. 예: `--for=condition=Ready`",
        "`--for` takes delete, create, condition=NAME[=VALUE] or jsonpath='{PATH}'=VALUE, e.g. `--for=condition=Ready`.",
    );
    if values.is_empty() {
        return Err(CommandOutput::error("error: unrecognized condition: \"[]\"", Some(how)));
    }
    let mut out = Vec::new();
    for v in values {
        let lower = v.to_lowercase();
        if lower == "delete" {
            out.push(For::Delete);
        } else if lower == "create" {
            out.push(For::Create);
        } else if let Some(rest) = v.strip_prefix("condition=") {
            let (name, value) = rest.split_once('=').unwrap_or((rest, "true"));
            out.push(For::Condition(name.to_string(), value.to_string()));
        } else if let Some(rest) = v.strip_prefix("jsonpath=") {
            out.push(parse_jsonpath(rest)?);
        } else {
            return Err(CommandOutput::error(format!("error: unrecognized condition: \"{v}\""), Some(how)));
        }
    }
    Ok(out)
}

/// `jsonpath=EXPR[=VALUE]`: a single `=` splits (a `==` does not), the
/// expression is relaxed as `get -o jsonpath` relaxes it.
fn parse_jsonpath(input: &str) -> Result<For, CommandOutput> {
    let mut parts: Vec<String> = vec![String::new()];
    let mut chars = input.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '=' {
            if chars.peek() == Some(&'=') {
                chars.next();
                if let Some(p) = parts.last_mut() {
                    p.push_str("==");
                }
                continue;
            }
            parts.push(String::new());
            continue;
        }
        if let Some(p) = parts.last_mut() {
            p.push(ch);
        }
    }
    let format_error = "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'";
    let (expr, value) = match parts.as_slice() {
        [e] => (e.clone(), None),
        [e, v] => (e.clone(), Some(v.trim_matches(|c| c == '\'' || c == '"').to_string())),
        _ => return Err(CommandOutput::error(format_error, Some(jsonpath_help()))),
    };
    if expr.is_empty() {
        return Err(CommandOutput::error("error: jsonpath expression cannot be empty", Some(jsonpath_help())));
    }
    if value.as_deref() == Some("") {
        return Err(CommandOutput::error(
            "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
            Some(jsonpath_help()),
        ));
    }
    // `RelaxedJSONPathExpression`: `.a.b` and `a.b` mean `{.a.b}`.
    let relaxed = if expr.starts_with('{') { expr } else { format!("{{.{}}}", expr.trim_start_matches('.')) };
    Ok(For::JsonPath(relaxed, value))
}

fn jsonpath_help() -> Text {
    Text::new(
        "`--for=jsonpath='{경로}'=값`처럼 JSONPath와 기다릴 값을 씁니다. 예: `--for=jsonpath='{.status.phase}'=Running`",
        "Give a JSONPath and the value to wait for, e.g. `--for=jsonpath='{.status.phase}'=Running`.",
    )
}

/// A Go duration (`30s`, `1m30s`, `500ms`, `0`); `Ok(None)` for a negative
/// one (wait as long as allowed).
fn parse_duration(raw: &str) -> Result<Option<u64>, CommandOutput> {
    let bad = || {
        CommandOutput::error(
            format!("error: invalid argument \"{raw}\" for \"--timeout\" flag: time: invalid duration \"{raw}\"\nSee 'kubectl wait --help' for usage."),
            Some(Text::new(
                "`--timeout`은 30s, 2m, 1m30s처럼 단위를 붙여 씁니다.",
                "`--timeout` takes a unit, like 30s, 2m or 1m30s.",
            )),
        )
    };
    let (negative, body) = match raw.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, raw.strip_prefix('+').unwrap_or(raw)),
    };
    if body == "0" {
        return Ok(Some(0));
    }
    let mut total: f64 = 0.0;
    let mut rest = body;
    if rest.is_empty() {
        return Err(bad());
    }
    while !rest.is_empty() {
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let (num, tail) = rest.split_at(num_len);
        let unit_len = tail.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(tail.len());
        let (unit, next) = tail.split_at(unit_len);
        let n: f64 = num.parse().map_err(|_| bad())?;
        let ms = match unit {
            "ns" => 1e-6,
            "us" | "µs" => 1e-3,
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            _ => return Err(bad()),
        };
        total += n * ms;
        rest = next;
    }
    if negative {
        return Ok(None);
    }
    // Bounded above by the caller; a fraction of a millisecond rounds up.
    Ok(Some(total.ceil().min(u64::MAX as f64) as u64))
}
