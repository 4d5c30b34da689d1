//! `kubectl rollout pause|resume`: sets `spec.paused`. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_pause.go`,
//! `rollout_resume.go` and `polymorphichelpers/objectpauser.go`,
//! `objectresumer.go` (`is already paused`, `is not paused`).

use super::{refused, update};
use crate::kubectl::backend::{Backend, WorkloadRow};
use crate::kubectl::CommandOutput;
use crate::text::Text;

pub(super) fn run<B: Backend + ?Sized>(b: &mut B, d: &WorkloadRow, pause: bool) -> CommandOutput {
    let Some(mut w) = d.object.clone() else { return CommandOutput::default() };
    let paused = w.spec.paused == Some(true);
    if pause && paused {
        return refused(
            &d.name,
            "is already paused",
            Text::new(
                "이미 일시 정지된 디플로이먼트입니다. 다시 진행하려면 `kubectl rollout resume`을 쓰세요.",
                "The Deployment is already paused. Use `kubectl rollout resume` to continue it.",
            ),
        );
    }
    if !pause && !paused {
        return refused(
            &d.name,
            "is not paused",
            Text::new(
                "일시 정지되지 않은 디플로이먼트입니다. 멈추려면 `kubectl rollout pause`를 쓰세요.",
                "The Deployment is not paused. Use `kubectl rollout pause` to pause it.",
            ),
        );
    }
    w.spec.paused = if pause { Some(true) } else { None };
    update(b, &w, if pause { "paused" } else { "resumed" })
}
