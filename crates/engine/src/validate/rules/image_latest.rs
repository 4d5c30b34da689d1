//! `image-latest`: an image without a tag, or tagged `:latest`.
//!
//! ## What it does
//! Flags container images with no tag or the `latest` tag.
//!
//! ## Why is this bad
//! No tag means `:latest`, which moves: two nodes may run different code,
//! and a rollback has nothing to go back to. It also makes
//! `imagePullPolicy` default to `Always`, so every start pulls.
//!
//! ## Example
//! ```yaml
//! image: nginx
//! ```
//!
//! ## Use instead
//! ```yaml
//! image: nginx:1.27.2
//! ```

use super::{At, PodCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::image_ref::ImageRef;

pub static RULE: Rule = Rule {
    code: "image-latest",
    severity: Severity::Lint,
    ko: "태그가 없으면 `:latest`를 뜻합니다. latest는 계속 바뀌어 노드마다 다른 버전이 돌 수 있고, imagePullPolicy 기본값도 `Always`가 됩니다. `nginx:1.27.2`처럼 버전을 고정하세요.",
    en: "No tag means `:latest`, which moves: nodes may run different versions, and imagePullPolicy defaults to `Always`. Pin a version such as `nginx:1.27.2`.",
    check: RuleCheck::Pod(check),
};

fn check(ctx: &PodCtx, r: &mut Report) {
    for (path, c, _) in ctx.containers() {
        let Some(image) = c.image.as_deref().filter(|i| !i.is_empty()) else { continue };
        // A digest pins the image whatever the tag says.
        let reference = ImageRef::lenient(image);
        if reference.digest().is_none() && matches!(reference.tag(), None | Some("latest")) {
            let p = format!("{path}.image");
            r.emit(&RULE, &p, format!("{p}: {image:?} has no pinned tag (means :latest)"), At::Value);
        }
    }
}
