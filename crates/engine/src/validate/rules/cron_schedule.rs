//! `invalid-cron-schedule`: a CronJob `schedule` that is not a standard
//! five-field cron expression or descriptor, or that names a time zone.
//!
//! ## What it does
//! Follows `validateScheduleFormat` in `pkg/apis/batch/validation/validation.go`,
//! which parses the schedule with `robfig/cron/v3`'s `ParseStandard`: five
//! fields (minute 0–59, hour 0–23, day of month 1–31, month 1–12 or
//! `JAN`–`DEC`, day of week 0–6 or `SUN`–`SAT`), each a list of `*`, `?`,
//! numbers, names and `a-b` ranges with optional `/step`; or a descriptor
//! (`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`,
//! `@hourly`, `@every <duration>`). The error text is the parser's own.
//! A schedule may not contain `TZ` (`TZ=` or `CRON_TZ=` prefixes): the time
//! zone goes in `spec.timeZone`.
//!
//! ## Why is this bad
//! The apiserver rejects the CronJob; the controller could not compute when
//! to run it.
//!
//! ## Example
//! ```yaml
//! spec:
//!   schedule: "TZ=Asia/Seoul 0 9 * * 1-5 *"
//! ```
//!
//! ## Use instead
//! ```yaml
//! spec:
//!   schedule: "0 9 * * MON-FRI"
//!   timeZone: Asia/Seoul
//! ```

use super::{At, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::text::Text;
use crate::validate::format::{self as fe, Val};
use crate::yaml::YamlNode;

pub static RULE: Rule = Rule {
    code: "invalid-cron-schedule",
    severity: Severity::Error,
    ko: "schedule은 다섯 필드(분 0–59, 시 0–23, 일 1–31, 월 1–12 또는 JAN–DEC, 요일 0–6 또는 SUN–SAT)로 된 cron 식이거나 `@hourly`, `@daily` 같은 이름입니다. 시간대는 schedule에 `TZ=`로 적지 말고 `spec.timeZone`에 적습니다.",
    en: "A schedule is a five-field cron expression (minute 0–59, hour 0–23, day 1–31, month 1–12 or JAN–DEC, weekday 0–6 or SUN–SAT) or a descriptor such as `@hourly` or `@daily`. Put the time zone in `spec.timeZone`, not `TZ=` in the schedule.",
    check: RuleCheck::Object(check),
};

fn check(root: &YamlNode, kind: &str, r: &mut Report) {
    if kind != "CronJob" {
        return;
    }
    let Some(spec) = root.get("spec") else { return };
    let Some(node) = spec.get("schedule") else { return };
    let p = "spec.schedule";
    let schedule = node.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
    if schedule.is_empty() {
        r.emit(&RULE, p, fe::required(p, ""), At::Key);
        return;
    }
    if let Err(e) = parse_standard(schedule) {
        r.emit(&RULE, p, fe::invalid(p, Val::Str(schedule), &e), At::Value);
    }
    if schedule.contains("TZ") {
        r.emit_explained(
            &RULE,
            p,
            fe::invalid(p, Val::Str(schedule), "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"),
            At::Value,
            Text::new(
                "schedule에 `TZ=`나 `CRON_TZ=`를 쓸 수 없습니다. 시간대는 `spec.timeZone: Asia/Seoul`처럼 따로 적으세요.",
                "`TZ=` and `CRON_TZ=` are not allowed in a schedule. Put the time zone in its own field, e.g. `spec.timeZone: Asia/Seoul`.",
            ),
        );
    }
}

/// One cron field's bounds and names.
struct Bounds {
    min: u64,
    max: u64,
    names: &'static [(&'static str, u64)],
}

const MINUTES: Bounds = Bounds { min: 0, max: 59, names: &[] };
const HOURS: Bounds = Bounds { min: 0, max: 23, names: &[] };
const DOM: Bounds = Bounds { min: 1, max: 31, names: &[] };
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
};
const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &[("sun", 0), ("mon", 1), ("tue", 2), ("wed", 3), ("thu", 4), ("fri", 5), ("sat", 6)],
};

/// `cron.ParseStandard` of `robfig/cron/v3` (the parser the apiserver
/// uses): `Ok` or the parser's own error text. Time zone prefixes are
/// skipped (their zone is not looked up; the `TZ` rule reports them).
pub fn parse_standard(spec: &str) -> Result<(), String> {
    if spec.is_empty() {
        return Err("empty spec string".into());
    }
    let mut spec = spec;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        match spec.find(' ') {
            Some(i) => spec = spec.get(i..).unwrap_or("").trim(),
            None => return Ok(()),
        }
    }
    if spec.starts_with('@') {
        return descriptor(spec);
    }
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!("expected exactly 5 fields, found {}: [{}]", fields.len(), fields.join(" ")));
    }
    for (field, bounds) in fields.iter().zip([&MINUTES, &HOURS, &DOM, &MONTHS, &DOW]) {
        // Empty parts between commas are skipped, as strings.FieldsFunc does.
        for expr in field.split(',').filter(|e| !e.is_empty()) {
            range(expr, bounds)?;
        }
    }
    Ok(())
}

fn descriptor(spec: &str) -> Result<(), String> {
    match spec {
        "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily" | "@midnight" | "@hourly" => Ok(()),
        _ => match spec.strip_prefix("@every ") {
            Some(d) => go_duration(d).map_err(|e| format!("failed to parse duration {spec}: {e}")),
            None => Err(format!("unrecognized descriptor: {spec}")),
        },
    }
}

/// `getRange`: `*`, `?`, `n`, `a-b`, each with an optional `/step`.
fn range(expr: &str, b: &Bounds) -> Result<(), String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_high: Vec<&str> = range_and_step.first().copied().unwrap_or("").split('-').collect();
    let single = low_high.len() == 1;
    let (start, mut end);
    let first = low_high.first().copied().unwrap_or("");
    if first == "*" || first == "?" {
        start = b.min;
        end = b.max;
    } else {
        start = int_or_name(first, b.names)?;
        end = match low_high.as_slice() {
            [_] => start,
            [_, high] => int_or_name(high, b.names)?,
            _ => return Err(format!("too many hyphens: {expr}")),
        };
    }
    let step = match range_and_step.as_slice() {
        [_] => 1,
        [_, step] => {
            let s = must_parse_int(step)?;
            // "N/step" means "N-max/step".
            if single {
                end = b.max;
            }
            s
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < b.min {
        return Err(format!("beginning of range ({start}) below minimum ({}): {expr}", b.min));
    }
    if end > b.max {
        return Err(format!("end of range ({end}) above maximum ({}): {expr}", b.max));
    }
    if start > end {
        return Err(format!("beginning of range ({start}) beyond end of range ({end}): {expr}"));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    Ok(())
}

fn int_or_name(expr: &str, names: &[(&str, u64)]) -> Result<u64, String> {
    let lower = expr.to_ascii_lowercase();
    if let Some((_, n)) = names.iter().find(|(name, _)| *name == lower) {
        return Ok(*n);
    }
    must_parse_int(expr)
}

/// `mustParseInt`: Go's `strconv.Atoi`, then no negatives.
fn must_parse_int(expr: &str) -> Result<u64, String> {
    let digits = expr.strip_prefix(['+', '-']).unwrap_or(expr);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(format!("failed to parse int from {expr}: strconv.Atoi: parsing {expr:?}: invalid syntax"));
    }
    let Ok(n) = expr.parse::<i64>() else {
        return Err(format!("failed to parse int from {expr}: strconv.Atoi: parsing {expr:?}: value out of range"));
    };
    if n < 0 {
        return Err(format!("negative number ({n}) not allowed: {expr}"));
    }
    Ok(n.unsigned_abs())
}

/// Go's `time.ParseDuration` grammar: `[-+]` then one or more
/// `<decimal><unit>` (units ns, us, µs, μs, ms, s, m, h); `0` alone is fine.
fn go_duration(s: &str) -> Result<(), String> {
    let quoted = format!("{s:?}");
    let mut rest = s.strip_prefix(['+', '-']).unwrap_or(s);
    if rest == "0" {
        return Ok(());
    }
    if rest.is_empty() {
        return Err(format!("time: invalid duration {quoted}"));
    }
    let mut parts = 0;
    while !rest.is_empty() && parts < 64 {
        parts += 1;
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let num = rest.get(..num_len).unwrap_or("");
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return Err(format!("time: invalid duration {quoted}"));
        }
        rest = rest.get(num_len..).unwrap_or("");
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = rest.get(..unit_len).unwrap_or("");
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration {quoted}"));
        }
        if !matches!(unit, "ns" | "us" | "µs" | "μs" | "ms" | "s" | "m" | "h") {
            return Err(format!("time: unknown unit {unit:?} in duration {quoted}"));
        }
        rest = rest.get(unit_len..).unwrap_or("");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_parse_as_robfig_cron_does() {
        let table: &[(&str, Result<(), &str>)] = &[
            ("*/5 * * * *", Ok(())),
            ("0 9 * * MON-FRI", Ok(())),
            ("0 0 1 jan,jul *", Ok(())),
            ("30 2 * * 0,6", Ok(())),
            ("0 0 ? * *", Ok(())),
            ("5/15 * * * *", Ok(())),
            ("@hourly", Ok(())),
            ("@every 1h30m", Ok(())),
            ("TZ=Asia/Seoul 0 9 * * *", Ok(())),
            ("* * * *", Err("expected exactly 5 fields, found 4: [* * * *]")),
            ("0 0 * * * *", Err("expected exactly 5 fields, found 6: [0 0 * * * *]")),
            ("60 * * * *", Err("end of range (60) above maximum (59): 60")),
            ("* 24 * * *", Err("end of range (24) above maximum (23): 24")),
            ("* * 0 * *", Err("beginning of range (0) below minimum (1): 0")),
            ("* * * * 7", Err("end of range (7) above maximum (6): 7")),
            ("* * * 13 *", Err("end of range (13) above maximum (12): 13")),
            ("5-3 * * * *", Err("beginning of range (5) beyond end of range (3): 5-3")),
            ("*/0 * * * *", Err("step of range should be a positive number: */0")),
            ("1-2-3 * * * *", Err("too many hyphens: 1-2-3")),
            ("*/2/3 * * * *", Err("too many slashes: */2/3")),
            ("x * * * *", Err("failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")),
            (
                "* * * * FRIDAY",
                Err("failed to parse int from FRIDAY: strconv.Atoi: parsing \"FRIDAY\": invalid syntax"),
            ),
            ("@fortnightly", Err("unrecognized descriptor: @fortnightly")),
            ("@every 5", Err("failed to parse duration @every 5: time: missing unit in duration \"5\"")),
            ("@every 5y", Err("failed to parse duration @every 5y: time: unknown unit \"y\" in duration \"5y\"")),
            ("", Err("empty spec string")),
        ];
        for (spec, want) in table {
            assert_eq!(parse_standard(spec), want.map_err(str::to_string), "{spec}");
        }
    }
}
