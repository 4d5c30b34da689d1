//! `kubectl rollout restart`: stamps the pod template with
//! `kubectl.kubernetes.io/restartedAt`, so the Deployment rolls out new
//! pods. Follows `staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_restart.go`
//! and `polymorphichelpers/objectrestarter.go`.

use super::{refused, update};
use crate::kubectl::backend::{Backend, WorkloadRow};
use crate::kubectl::CommandOutput;
use crate::text::Text;

pub(super) fn run<B: Backend + ?Sized>(b: &mut B, d: &WorkloadRow) -> CommandOutput {
    let Some(mut w) = d.object.clone() else { return CommandOutput::default() };
    if w.spec.paused == Some(true) {
        return refused(
            &d.name,
            "can't restart paused deployment (run rollout resume first)",
            Text::new(
                "일시 정지된 디플로이먼트는 재시작할 수 없습니다. 먼저 `kubectl rollout resume`을 실행하세요.",
                "A paused Deployment cannot be restarted; run `kubectl rollout resume` first.",
            ),
        );
    }
    w.spec.template.metadata.annotations.insert("kubectl.kubernetes.io/restartedAt".into(), b.now().rfc3339());
    update(b, &w, "restarted")
}
