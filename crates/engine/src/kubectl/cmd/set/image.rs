//! `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE…`: `*`
//! names every container. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go`.

use std::fmt::Write as _;

use super::{objects, send_all, split_pairs, Object};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;
use crate::text::Text;

pub(super) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd, args: &[String]) -> CommandOutput {
    let (res, pairs) = split_pairs(args, false);
    if pairs.is_empty() {
        return CommandOutput::error(
            "error: at least one image update is required\nSee 'kubectl set image -h' for help and examples",
            Some(Text::new(
                "`컨테이너=이미지`를 적으세요. 예: `kubectl set image deployment/web nginx=nginx:1.27`",
                "Give `container=image`, e.g. `kubectl set image deployment/web nginx=nginx:1.27`.",
            )),
        );
    }
    let mut objs = match objects(b, c, &res, "image") {
        Ok(o) => o,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    let mut changed: Vec<Object> = Vec::new();
    for mut o in objs.drain(..) {
        let before = o.spec().clone();
        for pair in &pairs {
            let (name, image) = pair.split_once('=').unwrap_or((pair, ""));
            let spec = o.spec_mut();
            let mut found = false;
            for ct in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
                if name == "*" || ct.name == name {
                    ct.image = Some(image.to_string());
                    found = true;
                }
            }
            if !found {
                let _ = writeln!(out.stderr, "error: unable to find container named \"{name}\"");
                out.exit_code = 1;
                out.explain = Some(Text::new(
                    format!("`{name}`라는 컨테이너가 없습니다. 컨테이너 이름(이미지 이름이 아님)을 `컨테이너=이미지`의 왼쪽에 쓰세요."),
                    format!("There is no container named `{name}`. The left side of `container=image` is the container's name, not the image."),
                ));
            }
        }
        // Nothing changed: no patch is sent and nothing is printed.
        if *o.spec() != before {
            changed.push(o);
        }
    }
    if out.exit_code != 0 {
        return out;
    }
    send_all(b, &changed, "image updated", &mut out);
    out
}
