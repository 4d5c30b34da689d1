//! Go's `time.Duration` text, which the kubelet prints in its events and
//! back-off messages.

/// Go's `time.Duration.String()` for whole milliseconds (`1.234s`, `812ms`, `2m5s`).
pub fn go_duration(ms: u64) -> String {
    if ms == 0 {
        return "0s".into();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let secs = if frac == 0 {
        format!("{s}s")
    } else {
        let f = format!("{frac:03}");
        format!("{s}.{}s", f.trim_end_matches('0'))
    };
    if h > 0 {
        format!("{h}h{m}m{secs}")
    } else if m > 0 {
        format!("{m}m{secs}")
    } else {
        secs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(go_duration(812), "812ms");
        assert_eq!(go_duration(1234), "1.234s");
        assert_eq!(go_duration(2000), "2s");
        assert_eq!(go_duration(1500), "1.5s");
        assert_eq!(go_duration(125_000), "2m5s");
    }
}
