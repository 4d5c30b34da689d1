//! Image pulls for one container: the pull policy decision, the pull, and
//! `ErrImagePull` with its back-off (`pkg/kubelet/images/image_manager.go`).

use super::duration::go_duration;
use super::runtime::{image_exists, image_size};
use super::{ContainerState, Ctr, Ctx, Stage};
use crate::defaults::image_pull_policy;
use crate::image_ref::ImageRef;
use crate::model::Container;

/// Decides between using a present image and pulling it, per `imagePullPolicy`.
pub(super) fn begin(c: &mut Ctr, cs: &Container, ctx: &mut Ctx<'_>) {
    let image = cs.image.clone().unwrap_or_default();
    let present = ctx.images.contains(&image);
    // Pods are defaulted on create; a policy is always there, but the
    // owner of defaulting answers if one is not.
    let policy = cs.image_pull_policy.as_deref().unwrap_or_else(|| image_pull_policy(&image));
    match policy {
        "Never" if !present => {
            let msg = format!("Container image \"{image}\" is not present with pull policy of Never");
            c.status.state = ContainerState::Waiting { reason: "ErrImageNeverPull".into(), message: Some(msg.clone()) };
            ctx.warning(c, "ErrImageNeverPull", msg);
            c.stage = Stage::Blocked;
        }
        "Never" | "IfNotPresent" if present => {
            ctx.normal(c, "Pulled", format!("Container image \"{image}\" already present on machine"));
            c.stage = Stage::Creating { until: ctx.now.plus_ms(ctx.timings.create.draw(ctx.rng)) };
        }
        _ => start_pull(c, &image, ctx),
    }
}

pub(super) fn start_pull(c: &mut Ctr, image: &str, ctx: &mut Ctx<'_>) {
    ctx.normal(c, "Pulling", format!("Pulling image \"{image}\""));
    c.pull_started = ctx.now;
    // A cached image still costs a registry round trip under `Always`.
    let ms = if ctx.images.contains(image) { 300 + ctx.rng.below(500) } else { ctx.timings.image_pull.draw(ctx.rng) };
    c.stage = Stage::Pulling { until: ctx.now.plus_ms(ms) };
}

pub(super) fn finish_pull(c: &mut Ctr, cs: &Container, ctx: &mut Ctx<'_>) {
    let now = ctx.now;
    let image = cs.image.clone().unwrap_or_default();
    if image_exists(&image) {
        let took = go_duration(now.since(c.pull_started));
        ctx.images.insert(image.clone());
        ctx.normal(
            c,
            "Pulled",
            format!(
                "Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {} bytes.",
                image_size(&image)
            ),
        );
        c.stage = Stage::Creating { until: now.plus_ms(ctx.timings.create.draw(ctx.rng)) };
        return;
    }
    let r = ImageRef::lenient(&image).canonical();
    let detail = format!(
        "rpc error: code = NotFound desc = failed to pull and unpack image \"{r}\": failed to resolve reference \"{r}\": {r}: not found"
    );
    ctx.warning(c, "Failed", format!("Failed to pull image \"{image}\": {detail}"));
    ctx.warning(c, "Failed", "Error: ErrImagePull".into());
    c.status.state = ContainerState::Waiting { reason: "ErrImagePull".into(), message: Some(detail) };
    let (initial, max) = (ctx.timings.image_backoff_initial_ms, ctx.timings.image_backoff_max_ms);
    c.pull_backoff.next(now, now, initial, max);
    c.pull_retry_at = now.plus_ms(c.pull_backoff.period_ms);
    let show = ctx.timings.pull_error_to_backoff.draw(ctx.rng).min(c.pull_backoff.period_ms);
    c.stage = Stage::PullFailed { until: now.plus_ms(show) };
}
