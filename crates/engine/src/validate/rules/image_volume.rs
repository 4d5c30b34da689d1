//! `invalid-image-volume`: an `image` volume without a reference, or with a
//! pull policy that does not exist.
//!
//! ## What it does
//! Follows `validateImageVolumeSource` in
//! `pkg/apis/core/validation/validation.go` (ImageVolume, beta and on by
//! default in 1.35): in a Pod, `image.reference` is required (a pod
//! template may leave it empty, for a controller to fill in), and
//! `image.pullPolicy` is `Always`, `IfNotPresent` or `Never`
//! (`validatePullPolicy`). An empty pull policy is defaulted before
//! validation, as a container's is: `Always` for `:latest` or no tag, else
//! `IfNotPresent`.
//!
//! ## Why is this bad
//! The API server rejects the pod: the kubelet would not know which image to
//! pull for the volume, or when to pull it.
//!
//! ## Example
//! ```yaml
//! volumes:
//! - name: models
//!   image:
//!     pullPolicy: Sometimes
//! ```
//!
//! ## Use instead
//! ```yaml
//! volumes:
//! - name: models
//!   image:
//!     reference: quay.io/crio/artifact:v2
//!     pullPolicy: IfNotPresent
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::text::Text;
use crate::validate::format::{self as fe, tree, Val};

pub static RULE: Rule = Rule {
    code: "invalid-image-volume",
    severity: Severity::Error,
    ko: "image 볼륨에는 마운트할 이미지(`reference`)가 있어야 하고, `pullPolicy`는 `Always`, `IfNotPresent`, `Never` 중 하나여야 합니다.",
    en: "An image volume needs the image to mount (`reference`), and its `pullPolicy` is `Always`, `IfNotPresent` or `Never`.",
    check: RuleCheck::Pod(check),
};

const POLICIES: [&str; 3] = ["Always", "IfNotPresent", "Never"];

fn check(ctx: &PodCtx, r: &mut Report) {
    let Some(spec) = ctx.node else { return };
    for (i, v) in tree::seq_at(spec, "volumes").iter().enumerate() {
        let Some(img) = tree::map_at(v, "image") else { continue };
        let base = format!("{}.volumes[{i}].image", ctx.path);
        let reference = tree::str_at(img, "reference").unwrap_or("");
        if ctx.kind == "Pod" && reference.is_empty() {
            let p = format!("{base}.reference");
            let explain = Text::new(
                "image 볼륨에 마운트할 이미지를 `reference`로 지정하세요. 예: `reference: quay.io/crio/artifact:v2`",
                "Name the image to mount with `reference`, e.g. `reference: quay.io/crio/artifact:v2`.",
            );
            let at = if img.get("reference").is_some() { At::Value } else { At::Key };
            let located = if img.get("reference").is_some() { p.clone() } else { base.clone() };
            r.emit_explained(&RULE, &located, fe::required(&p, ""), at, explain);
        }
        if let Some(policy) = tree::str_at(img, "pullPolicy").filter(|p| !p.is_empty() && !POLICIES.contains(p)) {
            let p = format!("{base}.pullPolicy");
            r.emit(&RULE, &p, fe::not_supported(&p, Val::Str(policy), &POLICIES), At::Value);
        }
    }
}
