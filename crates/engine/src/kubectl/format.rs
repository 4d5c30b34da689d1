//! Text layout helpers shared by the printers: Go's `text/tabwriter` column
//! algorithm, apimachinery's `duration.HumanDuration` for AGE, and the
//! timestamp formats `describe` uses.

use crate::time::{civil_from_days, days_from_civil, SimTime};

/// Lays out tab-separated text the way Go's `text/tabwriter` does with a space
/// pad character and no flags: a cell is text terminated by a tab; the text
/// after the last tab of a line is not a cell and is never padded; a column
/// block is a run of consecutive lines that have a cell in that column, and
/// every cell of a block is padded to the widest cell plus `padding`, at
/// least `min_width`. Widths are counted in characters (runes), as Go does.
/// Follows `src/text/tabwriter/tabwriter.go` (`format`, `writeLines`).
pub fn tabwrite(text: &str, min_width: usize, padding: usize) -> String {
    let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut widths: Vec<usize> = Vec::new();
    format_block(&lines, 0, lines.len(), &mut widths, min_width, padding, &mut out);
    out
}

fn format_block(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    widths: &mut Vec<usize>,
    min_width: usize,
    padding: usize,
    out: &mut String,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        let cells = lines.get(this).map(Vec::len).unwrap_or(0);
        if column + 1 >= cells {
            this += 1;
            continue;
        }
        // This line starts a block of lines that have a cell in `column`.
        write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut width = min_width;
        while this < line1 {
            let Some(line) = lines.get(this) else { break };
            if column + 1 >= line.len() {
                break;
            }
            let w = line.get(column).map(|c| c.chars().count()).unwrap_or(0) + padding;
            width = width.max(w);
            this += 1;
        }
        widths.push(width);
        format_block(lines, line0, this, widths, min_width, padding, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, out);
}

fn write_lines(lines: &[Vec<&str>], from: usize, to: usize, widths: &[usize], out: &mut String) {
    for i in from..to {
        let Some(line) = lines.get(i) else { break };
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if let Some(&w) = widths.get(j) {
                if j + 1 < line.len() {
                    let n = w.saturating_sub(cell.chars().count());
                    out.extend(std::iter::repeat_n(' ', n));
                }
            }
        }
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
}

/// kubectl's table writer: minimum width 6, padding 3
/// (`k8s.io/cli-runtime/pkg/printers/tabwriter.go`).
pub fn table(text: &str) -> String {
    tabwrite(text, 6, 3)
}

/// kubectl describe's writer: minimum width 0, padding 2
/// (`k8s.io/kubectl/pkg/describe/describe.go`, `tabbedString`).
pub fn describe_block(text: &str) -> String {
    tabwrite(text, 0, 2)
}

/// A duration as AGE columns show it: `5s`, `3m2s`, `2d`.
/// Follows `k8s.io/apimachinery/pkg/util/duration/duration.go` `HumanDuration`.
pub fn human_duration(ms: u64) -> String {
    let seconds = ms / 1000;
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 { format!("{minutes}m") } else { format!("{minutes}m{s}s") };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 { format!("{hours}h") } else { format!("{hours}h{m}m") };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 { format!("{}d", hours / 24) } else { format!("{}d{h}h", hours / 24) };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 { format!("{}y", hours / 24 / 365) } else { format!("{}y{dy}d", hours / 24 / 365) };
    }
    format!("{}y", hours / 24 / 365)
}

/// The time since `then`, or `<unknown>` when there is no timestamp, as
/// printers.go `translateTimestampSince` does.
pub fn age(now: SimTime, then: Option<SimTime>) -> String {
    match then {
        Some(t) => human_duration(now.since(t)),
        None => "<unknown>".to_string(),
    }
}

/// Parses the RFC 3339 timestamps the engine writes (`SimTime::rfc3339`,
/// epoch 2026-01-01T00:00:00Z) back into virtual time. Returns `None` for
/// anything else, including times before the epoch.
pub fn parse_rfc3339(s: &str) -> Option<SimTime> {
    let b = s.as_bytes();
    if b.len() < 20 || b.get(4) != Some(&b'-') || b.get(10) != Some(&b'T') {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> { s.get(from..to)?.parse::<i64>().ok() };
    let (y, m, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hh, mm, ss) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let days = days_from_civil(y, m, d) - days_from_civil(2026, 1, 1);
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
    u64::try_from(secs).ok().map(SimTime::from_secs)
}

/// The date `describe` prints for Start Time and Started:
/// Go's `time.RFC1123Z`, `Thu, 01 Jan 2026 00:00:05 +0000`.
pub fn rfc1123z(t: SimTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let secs = t.as_millis() / 1000;
    let days = (secs / 86_400) as i64 + days_from_civil(2026, 1, 1);
    let (y, m, d) = civil_from_days(days);
    let rem = secs % 86_400;
    let weekday = DAYS.get(days.rem_euclid(7) as usize).copied().unwrap_or("Thu");
    let month = MONTHS.get((m - 1).clamp(0, 11) as usize).copied().unwrap_or("Jan");
    format!("{weekday}, {d:02} {month} {y:04} {:02}:{:02}:{:02} +0000", rem / 3600, rem / 60 % 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_duration_matches_apimachinery() {
        let s = 1000u64;
        let cases = [
            (0, "0s"),
            (5 * s, "5s"),
            (119 * s, "119s"),
            (120 * s, "2m"),
            (182 * s, "3m2s"),
            (600 * s, "10m"),
            (179 * 60 * s, "179m"),
            (3 * 3600 * s, "3h"),
            ((3 * 3600 + 25 * 60) * s, "3h25m"),
            (8 * 3600 * s, "8h"),
            (47 * 3600 * s, "47h"),
            (48 * 3600 * s, "2d"),
            (50 * 3600 * s, "2d2h"),
            (8 * 86_400 * s, "8d"),
            (800 * 86_400 * s, "2y70d"),
            (3650 * 86_400 * s, "10y"),
        ];
        for (ms, want) in cases {
            assert_eq!(human_duration(ms), want, "{ms}");
        }
    }

    #[test]
    fn tabwriter_pads_columns_but_not_the_last_cell() {
        let t = table("NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nnginx\t1/1\tRunning\t0\t5s\n");
        assert_eq!(t, "NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          5s\n");
        // A line without tabs ends a column block.
        let d = describe_block("Name:\tx\nLonger key:\ty\nIPs:\n  IP:\tz\n");
        assert_eq!(d, "Name:        x\nLonger key:  y\nIPs:\n  IP:  z\n");
    }

    #[test]
    fn timestamps_round_trip() {
        let t = SimTime::from_secs(86_400 * 40 + 3723);
        assert_eq!(parse_rfc3339(&t.rfc3339()), Some(t));
        assert_eq!(parse_rfc3339("garbage"), None);
        assert_eq!(parse_rfc3339("2025-01-01T00:00:00Z"), None);
        assert_eq!(rfc1123z(SimTime::from_secs(5)), "Thu, 01 Jan 2026 00:00:05 +0000");
    }
}
