//! Standard five-field cron schedules (`minute hour day-of-month month
//! day-of-week`, plus `@hourly` and friends), as the CronJob controller
//! reads them through `github.com/robfig/cron/v3` `ParseStandard`, and the
//! next time a schedule fires on the virtual clock (UTC).

use crate::time::{civil_from_days, SimTime};

/// Unix seconds at `SimTime::ZERO` (2026-01-01T00:00:00Z).
const EPOCH_SECS: i64 = 1_767_225_600;

/// How far ahead a schedule is searched (about five years of days).
const DAYS_MAX: i64 = 366 * 5;

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// A parsed schedule: one bit per allowed value of each field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Schedule {
    minute: u64,
    hour: u64,
    dom: u64,
    month: u64,
    dow: u64,
    /// Day-of-month or day-of-week was `*`/`?`: then both must match,
    /// otherwise either may.
    dom_star: bool,
    dow_star: bool,
}

fn names(field: usize) -> &'static [&'static str] {
    match field {
        3 => MONTHS,
        4 => DAYS,
        _ => &[],
    }
}

fn number(s: &str, field: usize) -> Result<u32, String> {
    let lower = s.to_ascii_lowercase();
    if let Some(i) = names(field).iter().position(|n| *n == lower) {
        return Ok(u32::try_from(i).unwrap_or(0) + if field == 3 { 1 } else { 0 });
    }
    s.parse::<u32>().map_err(|_| format!("failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax"))
}

/// One comma-separated part of a field (`*`, `*/5`, `1-5`, `1-10/2`, `mon`).
fn range(expr: &str, field: usize, (lo, hi): (u32, u32)) -> Result<u64, String> {
    let (span, step) = match expr.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (expr, None),
    };
    let (start, end) = if span == "*" || span == "?" {
        (lo, hi)
    } else if let Some((a, b)) = span.split_once('-') {
        (number(a, field)?, number(b, field)?)
    } else {
        let n = number(span, field)?;
        (n, if step.is_some() { hi } else { n })
    };
    let step = match step {
        Some(s) => s
            .parse::<u32>()
            .map_err(|_| format!("failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax"))?,
        None => 1,
    };
    if start < lo {
        return Err(format!("beginning of range ({start}) below minimum ({lo}): {expr}"));
    }
    if end > hi {
        return Err(format!("end of range ({end}) above maximum ({hi}): {expr}"));
    }
    if start > end {
        return Err(format!("beginning of range ({start}) beyond end of range ({end}): {expr}"));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    let mut bits = 0u64;
    let mut v = start;
    while v <= end {
        bits |= 1 << v;
        v = v.saturating_add(step);
    }
    Ok(bits)
}

fn field(text: &str, i: usize, bounds: (u32, u32)) -> Result<u64, String> {
    text.split(',').try_fold(0u64, |acc, part| Ok(acc | range(part, i, bounds)?))
}

impl Schedule {
    /// Parses a schedule; the error is robfig/cron's text.
    pub(crate) fn parse(text: &str) -> Result<Schedule, String> {
        let text = text.trim();
        let expanded = match text {
            "@yearly" | "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" | "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            t if t.starts_with('@') => return Err(format!("unrecognized descriptor: {t}")),
            t => t,
        };
        let parts: Vec<&str> = expanded.split_whitespace().collect();
        let [mi, h, dom, mo, dow] = parts.as_slice() else {
            return Err(format!("expected exactly 5 fields, found {}: [{}]", parts.len(), parts.join(" ")));
        };
        let star = |f: &str| f.starts_with('*') || f.starts_with('?');
        Ok(Schedule {
            minute: field(mi, 0, (0, 59))?,
            hour: field(h, 1, (0, 23))?,
            dom: field(dom, 2, (1, 31))?,
            month: field(mo, 3, (1, 12))?,
            dow: field(dow, 4, (0, 6))?,
            dom_star: star(dom),
            dow_star: star(dow),
        })
    }

    fn day_matches(&self, days: i64) -> bool {
        let (_, m, d) = civil_from_days(days);
        if self.month & (1 << m) == 0 {
            return false;
        }
        let dow = (days + 4).rem_euclid(7);
        let dom_ok = self.dom & (1 << d) != 0;
        let dow_ok = self.dow & (1 << dow) != 0;
        if self.dom_star || self.dow_star {
            dom_ok && dow_ok
        } else {
            dom_ok || dow_ok
        }
    }

    /// The first time after `t` (strictly) the schedule fires, if within
    /// about five years.
    pub(crate) fn next_after(&self, t: SimTime) -> Option<SimTime> {
        let secs = EPOCH_SECS + i64::try_from(t.as_millis() / 1000).ok()?;
        let mut minute = secs.div_euclid(60) + 1;
        let end_day = minute.div_euclid(1440) + DAYS_MAX;
        while minute.div_euclid(1440) <= end_day {
            let day = minute.div_euclid(1440);
            if !self.day_matches(day) {
                minute = (day + 1) * 1440;
                continue;
            }
            let hour = minute.rem_euclid(1440) / 60;
            if self.hour & (1 << hour) == 0 {
                minute = day * 1440 + (hour + 1) * 60;
                continue;
            }
            if self.minute & (1 << minute.rem_euclid(60)) == 0 {
                minute += 1;
                continue;
            }
            let ms = (minute * 60 - EPOCH_SECS).checked_mul(1000)?;
            return u64::try_from(ms).ok().map(|ms| SimTime::ZERO.plus_ms(ms));
        }
        None
    }
}

/// `getTimeHashInMinutes`: the scheduled time in Unix minutes, the suffix
/// of the Job's name.
pub(crate) fn minutes_hash(t: SimTime) -> i64 {
    (EPOCH_SECS + i64::try_from(t.as_millis() / 1000).unwrap_or(0)).div_euclid(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_minute_fires_on_the_next_minute() {
        let s = Schedule::parse("*/1 * * * *").unwrap();
        assert_eq!(s.next_after(SimTime::ZERO), Some(SimTime::from_secs(60)));
        assert_eq!(s.next_after(SimTime::from_secs(61)), Some(SimTime::from_secs(120)));
    }

    #[test]
    fn hours_and_weekdays() {
        // 2026-01-01 is a Thursday; the next Monday 09:30 is 2026-01-05.
        let s = Schedule::parse("30 9 * * mon").unwrap();
        let want = ((4 * 24 + 9) * 60 + 30) * 60;
        assert_eq!(s.next_after(SimTime::ZERO), Some(SimTime::from_secs(want)));
    }

    #[test]
    fn errors_read_as_robfig_cron() {
        assert_eq!(Schedule::parse("* * *").unwrap_err(), "expected exactly 5 fields, found 3: [* * *]");
        assert_eq!(Schedule::parse("61 * * * *").unwrap_err(), "end of range (61) above maximum (59): 61");
    }
}
