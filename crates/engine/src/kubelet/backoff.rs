//! `flowcontrol.Backoff` as the kubelet uses it for crash-loop and image-pull
//! back-off (`k8s.io/client-go/util/flowcontrol/backoff.go`).

use crate::time::SimTime;

/// `flowcontrol.Backoff` for one key: the period doubles per restart and is
/// forgotten when nothing happened for twice the maximum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Backoff {
    pub(super) period_ms: u64,
    last_update: Option<SimTime>,
}

impl Backoff {
    fn expired(&self, event: SimTime, max_ms: u64) -> bool {
        self.last_update.is_none_or(|lu| event.since(lu) > max_ms.saturating_mul(2))
    }

    /// `IsInBackOffSince`: the end of the back-off when still in it.
    pub(super) fn in_backoff(&self, event: SimTime, now: SimTime, max_ms: u64) -> Option<SimTime> {
        if self.expired(event, max_ms) {
            return None;
        }
        (now.since(event) < self.period_ms).then(|| event.plus_ms(self.period_ms))
    }

    /// `Next`: start at `initial_ms` or double up to `max_ms`.
    pub(super) fn next(&mut self, event: SimTime, now: SimTime, initial_ms: u64, max_ms: u64) {
        if self.expired(event, max_ms) {
            self.period_ms = initial_ms;
        } else {
            self.period_ms = self.period_ms.saturating_mul(2).min(max_ms);
        }
        self.last_update = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_caps_and_resets() {
        let mut b = Backoff::default();
        let t = SimTime::from_secs;
        assert_eq!(b.in_backoff(t(1), t(1), 300_000), None);
        b.next(t(1), t(1), 10_000, 300_000);
        assert_eq!(b.period_ms, 10_000);
        assert_eq!(b.in_backoff(t(3), t(3), 300_000), Some(t(13)));
        for _ in 0..10 {
            b.next(t(3), t(3), 10_000, 300_000);
        }
        assert_eq!(b.period_ms, 300_000);
        // Nothing for more than 10 minutes: forgotten.
        assert_eq!(b.in_backoff(t(700), t(700), 300_000), None);
        b.next(t(700), t(700), 10_000, 300_000);
        assert_eq!(b.period_ms, 10_000);
    }
}
