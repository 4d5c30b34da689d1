//! `invalid-name`: the object's `metadata.name` is missing or not a valid name.
//!
//! ## What it does
//! Checks that an object has a name (or `generateName`) and that the name is
//! a lowercase RFC 1123 subdomain (a DNS label for Services and Namespaces).
//!
//! ## Why is this bad
//! The name becomes part of URLs, DNS records and host names; the apiserver
//! rejects anything else. Follows `ValidateObjectMeta` with
//! `ValidatePodName` / `NameIsDNSSubdomain` in validation.go.
//!
//! ## Example
//! ```yaml
//! metadata:
//!   name: My_Pod
//! ```
//!
//! ## Use instead
//! ```yaml
//! metadata:
//!   name: my-pod
//! ```

use super::{At, MetaCtx, Report, Rule, RuleCheck};
use crate::diag::Severity;
use crate::names;
use crate::text::Text;
use crate::validate::format::{self as fe, Val};

pub static RULE: Rule = Rule {
    code: "invalid-name",
    severity: Severity::Error,
    ko: "이름은 소문자, 숫자, `-`, `.`만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다(최대 253자). 예: `my-pod`.",
    en: "A name may hold only lowercase letters, digits, `-` and `.`, and must start and end with a letter or digit (253 characters at most). For example `my-pod`.",
    check: RuleCheck::Meta(check),
};

fn check(ctx: &MetaCtx, r: &mut Report) {
    if ctx.template {
        return;
    }
    if !ctx.meta.namespace.is_empty() {
        let p = format!("{}.namespace", ctx.path);
        for e in names::dns1123_label(&ctx.meta.namespace) {
            r.emit_explained(
                &RULE,
                &p,
                fe::invalid(&p, Val::Str(&ctx.meta.namespace), &e),
                At::Value,
                Text::new(
                    "네임스페이스 이름은 소문자, 숫자, `-`만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다(최대 63자). 예: `team-a`.",
                    "A namespace name may hold only lowercase letters, digits and `-`, and must start and end with a letter or digit (63 characters at most). For example `team-a`.",
                ),
            );
        }
    }
    let path = format!("{}.name", ctx.path);
    let name = ctx.meta.name.as_str();
    if name.is_empty() {
        if ctx.meta.generate_name.is_empty() {
            r.emit_explained(
                &RULE,
                &path,
                fe::required(&path, "name or generateName is required"),
                At::Key,
                Text::new(
                    "오브젝트에는 이름이 있어야 합니다. `metadata` 아래에 두 칸 들여써서 `name: my-pod`처럼 적으세요.",
                    "An object needs a name. Write `name: my-pod` under `metadata`, indented by two spaces.",
                ),
            );
        }
        return;
    }
    // Each kind has its own name rule (see each kind's Validate*Name upstream).
    let errs = match ctx.kind {
        "Service" => names::dns1035_label(name),
        "Namespace" => names::dns1123_label(name),
        "ClusterRole" | "ClusterRoleBinding" | "Role" | "RoleBinding" => names::path_segment_name(name),
        _ => names::dns1123_subdomain(name),
    };
    for e in errs {
        let message = fe::invalid(&path, Val::Str(name), &e);
        if name.contains('$') || name.contains("{{") {
            r.emit_explained(
                &RULE,
                &path,
                message,
                At::Value,
                Text::new(
                    "이름에 `$`나 `{{`가 있습니다. 템플릿 변수(예: `$ITEM`)는 kubectl이 치환하지 않습니다. 먼저 `sed` 같은 도구로 실제 값으로 바꾼 뒤 적용하세요.",
                    "The name holds `$` or `{{`. kubectl does not expand template variables such as `$ITEM`; replace them with real values (e.g. with `sed`) before applying.",
                ),
            );
        } else {
            r.emit(&RULE, &path, message, At::Value);
        }
    }
}
