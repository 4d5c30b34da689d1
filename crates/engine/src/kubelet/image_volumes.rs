//! Image volumes (`volumes[].image`): before any container of the pod
//! starts, the kubelet makes sure every volume image is on the node, with
//! the same pull policy, events and back-off as a container's image, but
//! reported on the pod rather than on a container
//! (`getImageVolumes` in `pkg/kubelet/kuberuntime/kuberuntime_manager.go`,
//! which calls `EnsureImageExists` of `pkg/kubelet/images/image_manager.go`
//! with the pod's own object reference).

use super::backoff::Backoff;
use super::duration::go_duration;
use super::runtime::{image_exists, image_size};
use super::{ContainerState, Ctr, Ctx};
use crate::defaults::image_pull_policy;
use crate::image_ref::ImageRef;
use crate::model::PodSpec;
use crate::time::SimTime;

/// Where the pod's volume images stand.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) enum Phase {
    /// Not looked at yet (the sandbox is not up).
    #[default]
    Idle,
    /// Pulls under way since `started`, ending at `until`.
    Pulling { started: SimTime, until: SimTime },
    /// A pull failed; `ErrImagePull` shows until `until`.
    Failed { until: SimTime },
    /// Back-off before the next try.
    BackOff { until: SimTime },
    /// Every volume image is present.
    Ready,
}

/// The pod's volume-image pulls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VolumePulls {
    phase: Phase,
    /// The images being pulled, and the one that failed.
    pulling: Vec<String>,
    failed: Option<String>,
    backoff: Backoff,
    /// When the next try starts after a failure.
    retry_at: SimTime,
}

/// The pod's image volumes: (volume name, reference, pull policy).
fn image_volumes(spec: &PodSpec) -> Vec<(&str, String, String)> {
    spec.volumes
        .iter()
        .filter_map(|v| {
            let img = v.image.as_ref()?;
            let reference = img.reference.clone().unwrap_or_default();
            let policy = img.pull_policy.clone().unwrap_or_else(|| image_pull_policy(&reference).to_string());
            Some((v.name.as_str(), reference, policy))
        })
        .take(64)
        .collect()
}

impl VolumePulls {
    /// When something is next due.
    pub(super) fn due(&self) -> Option<SimTime> {
        match self.phase {
            Phase::Pulling { until, .. } | Phase::Failed { until } | Phase::BackOff { until } => Some(until),
            Phase::Idle | Phase::Ready => None,
        }
    }

    /// Moves the pulls on; returns (changed, every volume image present).
    pub(super) fn step(&mut self, spec: &PodSpec, ctrs: &mut [&mut Ctr], ctx: &mut Ctx<'_>) -> (bool, bool) {
        let now = ctx.now;
        match self.phase.clone() {
            Phase::Ready => (false, true),
            Phase::Idle => {
                self.begin(spec, ctx);
                (true, self.phase == Phase::Ready)
            }
            Phase::Pulling { started, until } if until <= now => {
                self.finish(spec, started, ctrs, ctx);
                (true, self.phase == Phase::Ready)
            }
            Phase::Failed { until } if until <= now => {
                let image = self.failed.clone().unwrap_or_default();
                let msg = format!("Back-off pulling image \"{image}\"");
                ctx.event(String::new(), false, "BackOff", msg.clone());
                ctx.event(String::new(), true, "Failed", "Error: ImagePullBackOff".into());
                set_waiting(spec, ctrs, &image, "ImagePullBackOff", &msg);
                self.phase = Phase::BackOff { until: self.retry_at.max(now) };
                (true, false)
            }
            Phase::BackOff { until } if until <= now => {
                self.begin(spec, ctx);
                (true, self.phase == Phase::Ready)
            }
            _ => (false, false),
        }
    }

    /// The pull policy decision for every volume image
    /// (`EnsureImageExists`): present images are used, the others pulled.
    fn begin(&mut self, spec: &PodSpec, ctx: &mut Ctx<'_>) {
        let now = ctx.now;
        self.pulling.clear();
        let mut longest = 0u64;
        for (_, image, policy) in image_volumes(spec) {
            let present = ctx.images.contains(&image);
            if present && policy != "Always" {
                ctx.event(
                    String::new(),
                    false,
                    "Pulled",
                    format!("Container image \"{image}\" already present on machine"),
                );
                continue;
            }
            if policy == "Never" {
                let msg = format!("Container image \"{image}\" is not present with pull policy of Never");
                ctx.event(String::new(), true, "ErrImageNeverPull", msg);
                continue;
            }
            ctx.event(String::new(), false, "Pulling", format!("Pulling image \"{image}\""));
            let ms = if present { 300 + ctx.rng.below(500) } else { ctx.timings.image_pull.draw(ctx.rng) };
            longest = longest.max(ms);
            self.pulling.push(image);
        }
        self.phase = if self.pulling.is_empty() {
            Phase::Ready
        } else {
            Phase::Pulling { started: now, until: now.plus_ms(longest) }
        };
    }

    /// The pulls end: each image is there, or the pod waits in `ErrImagePull`.
    fn finish(&mut self, spec: &PodSpec, started: SimTime, ctrs: &mut [&mut Ctr], ctx: &mut Ctx<'_>) {
        let now = ctx.now;
        let took = go_duration(now.since(started));
        self.failed = None;
        for image in std::mem::take(&mut self.pulling) {
            if image_exists(&image) {
                ctx.images.insert(image.clone());
                let size = image_size(&image);
                let msg = format!(
                    "Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {size} bytes."
                );
                ctx.event(String::new(), false, "Pulled", msg);
                continue;
            }
            let r = ImageRef::lenient(&image).canonical();
            let detail = format!(
                "rpc error: code = NotFound desc = failed to pull and unpack image \"{r}\": failed to resolve reference \"{r}\": {r}: not found"
            );
            ctx.event(String::new(), true, "Failed", format!("Failed to pull image \"{image}\": {detail}"));
            ctx.event(String::new(), true, "Failed", "Error: ErrImagePull".into());
            set_waiting(spec, ctrs, &image, "ErrImagePull", &detail);
            if self.failed.is_none() {
                self.failed = Some(image);
            }
        }
        if self.failed.is_none() {
            self.phase = Phase::Ready;
            return;
        }
        let (initial, max) = (ctx.timings.image_backoff_initial_ms, ctx.timings.image_backoff_max_ms);
        self.backoff.next(now, now, initial, max);
        self.retry_at = now.plus_ms(self.backoff.period_ms);
        let show = ctx.timings.pull_error_to_backoff.draw(ctx.rng).min(self.backoff.period_ms);
        self.phase = Phase::Failed { until: now.plus_ms(show) };
    }
}

/// The containers that mount the volume of `image` wait with `reason`.
fn set_waiting(spec: &PodSpec, ctrs: &mut [&mut Ctr], image: &str, reason: &str, message: &str) {
    let vols: Vec<&str> = image_volumes(spec).into_iter().filter(|(_, r, _)| r == image).map(|(n, _, _)| n).collect();
    for c in ctrs.iter_mut() {
        let cs = if c.is_init { spec.init_containers.get(c.idx) } else { spec.containers.get(c.idx) };
        if cs.is_some_and(|cs| cs.volume_mounts.iter().any(|m| vols.contains(&m.name.as_str()))) {
            c.status.state = ContainerState::Waiting { reason: reason.into(), message: Some(message.into()) };
        }
    }
}
