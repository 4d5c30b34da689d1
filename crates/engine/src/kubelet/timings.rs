//! Every delay the simulated control plane and kubelet use, in one place, as
//! data (in the spirit of KWOK's stages): a base and a jitter drawn from the
//! seeded RNG. Backoff constants are upstream's.

use serde::{Deserialize, Serialize};

/// A delay: `base_ms` plus a uniform jitter in `0..=jitter_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delay {
    pub base_ms: u64,
    pub jitter_ms: u64,
}

impl Delay {
    pub const fn fixed(ms: u64) -> Delay {
        Delay { base_ms: ms, jitter_ms: 0 }
    }

    pub const fn between(lo_ms: u64, hi_ms: u64) -> Delay {
        Delay { base_ms: lo_ms, jitter_ms: hi_ms.saturating_sub(lo_ms) }
    }

    /// Draws one delay from the seeded RNG.
    pub fn draw(self, rng: &mut crate::rng::Rng) -> u64 {
        rng.jitter(self.base_ms, self.jitter_ms)
    }
}

/// All timings of the simulation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timings {
    /// From a pod entering the scheduling queue to its scheduling cycle.
    pub schedule: Delay,
    /// From binding to the kubelet creating the sandbox (pod IP assigned).
    pub sandbox: Delay,
    /// Pulling an image that is not on the node yet (upstream: network bound).
    pub image_pull: Delay,
    /// Creating a container after its image is present.
    pub create: Delay,
    /// After `ErrImagePull`, the next sync shows `ImagePullBackOff`.
    pub pull_error_to_backoff: Delay,
    /// Image pull back-off: 10 s doubling to 300 s (`kubelet.go` `backOffPeriod`, `MaxContainerBackOff`).
    pub image_backoff_initial_ms: u64,
    pub image_backoff_max_ms: u64,
    /// Crash-loop back-off: 10 s doubling to 300 s, forgotten after 2 × max (10 min).
    pub crash_backoff_initial_ms: u64,
    pub crash_backoff_max_ms: u64,
    /// A controller noticing a change and acting (ReplicaSet, Job, Deployment).
    pub controller: Delay,
    /// Scheduler retry back-off for unschedulable pods after a cluster change: 1 s doubling to 10 s.
    pub sched_backoff_initial_ms: u64,
    pub sched_backoff_max_ms: u64,
    /// Unschedulable pods are retried at least this often (`podMaxInUnschedulablePodsDuration`, 5 min).
    pub sched_unschedulable_flush_ms: u64,
    /// `DefaultTolerationSeconds` for `not-ready`/`unreachable` (300 s).
    pub default_toleration_seconds: i64,
    /// Job pod re-creation back-off after a failure: 10 s doubling to 6 min.
    pub job_backoff_initial_ms: u64,
    pub job_backoff_max_ms: u64,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            schedule: Delay::between(5, 30),
            sandbox: Delay::between(300, 900),
            image_pull: Delay::between(1000, 3000),
            create: Delay::between(50, 250),
            pull_error_to_backoff: Delay::between(1000, 2000),
            image_backoff_initial_ms: 10_000,
            image_backoff_max_ms: 300_000,
            crash_backoff_initial_ms: 10_000,
            crash_backoff_max_ms: 300_000,
            controller: Delay::between(5, 30),
            sched_backoff_initial_ms: 1_000,
            sched_backoff_max_ms: 10_000,
            sched_unschedulable_flush_ms: 300_000,
            default_toleration_seconds: 300,
            job_backoff_initial_ms: 10_000,
            job_backoff_max_ms: 360_000,
        }
    }
}
