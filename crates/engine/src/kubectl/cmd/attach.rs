//! `kubectl attach POD -it [-c CTR]`, and the attach step `run -it` and
//! `debug -it` end with: wait until the container runs, then hand the
//! terminal to a shell in it. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go` (the prompt hint
//! and the "Session ended" hint for pods that restart).

use std::fmt::Write as _;

use serde_json::Value;

use super::exec::open_shell;
use super::podcmd::live_container;
use super::util::{api_error, Cmd};
use crate::kubectl::backend::{Backend, SessionEnd};
use crate::kubectl::CommandOutput;
use crate::model::Pod;
use crate::text::Text;

/// How long kubectl waits for the container to run before it attaches.
pub(crate) const ATTACH_WAIT_MS: u64 = 60_000;

/// The pod, once container `ctr` runs (advancing the virtual clock as
/// kubectl's watch waits), or `None` after the wait.
pub(crate) fn wait_running<B: Backend + ?Sized>(
    b: &mut B,
    ns: &str,
    pod: &str,
    ctr: &str,
    out: &mut CommandOutput,
) -> Option<Pod> {
    let running = |b: &B| {
        b.pods().into_iter().find(|p| p.metadata.namespace == ns && p.metadata.name == pod).filter(|p| {
            p.status.as_ref().is_some_and(|s| {
                s.container_statuses.iter().chain(&s.ephemeral_container_statuses).any(|st| {
                    st.get("name").and_then(Value::as_str) == Some(ctr)
                        && st.get("state").and_then(|x| x.get("running")).is_some()
                })
            })
        })
    };
    let mut waited = 0u64;
    let mut found = running(b);
    while found.is_none() && waited < ATTACH_WAIT_MS {
        b.advance(1000);
        waited += 1000;
        found = running(b);
    }
    out.advanced_ms = out.advanced_ms.saturating_add(waited);
    found
}

/// The shell a container's main process is, when it is one (`sh`, `bash`).
pub(crate) fn main_shell(pod: &Pod, ctr: &str) -> Option<String> {
    let c = pod
        .spec
        .containers
        .iter()
        .chain(pod.spec.ephemeral_containers.iter().map(|e| &e.container))
        .find(|c| c.name == ctr)?;
    let first = c.command.first().or_else(|| c.args.first());
    match first {
        Some(p) if c.command.len() + c.args.len() == 1 => {
            let base = p.rsplit('/').next().unwrap_or(p);
            matches!(base, "sh" | "bash" | "ash").then(|| p.clone())
        }
        Some(_) => None,
        None => {
            let image = c.image.clone().unwrap_or_default();
            let lower = image.to_ascii_lowercase();
            if lower.contains("busybox") || lower.contains("alpine") {
                Some("sh".to_string())
            } else if lower.contains("debian") || lower.contains("ubuntu") {
                Some("bash".to_string())
            } else {
                None
            }
        }
    }
}

/// Waits for container `ctr` of `pod` to run, prints attach's hint and
/// opens the session (`-it`): the tail of `run -it` and `debug -it`.
pub(crate) fn attach_session<B: Backend + ?Sized>(
    b: &mut B,
    ns: &str,
    pod: &str,
    ctr: &str,
    hint: bool,
    on_exit: SessionEnd,
    out: &mut CommandOutput,
) {
    let Some(p) = wait_running(b, ns, pod, ctr, out) else {
        let _ = writeln!(out.stderr, "error: timed out waiting for the condition");
        out.exit_code = 1;
        return;
    };
    if hint {
        out.stderr.push_str("If you don't see a command prompt, try pressing enter.\n");
    }
    let program = main_shell(&p, ctr).unwrap_or_else(|| "sh".to_string());
    open_shell(b, &p, ctr, &program, on_exit, out);
}

/// `kubectl attach (POD | TYPE/NAME) -c CONTAINER [-i] [-t]` (attach.go).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let Some(arg) = c.inv.args.first() else {
        return CommandOutput::error(
            "error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 0: []\nSee 'kubectl attach -h' for help and examples",
            Some(Text::new(
                "연결할 파드를 지정하세요. 예: `kubectl attach web -it`",
                "Name the pod to attach to, e.g. `kubectl attach web -it`.",
            )),
        );
    };
    let mut out = CommandOutput::default();
    let (pod, ctr) = match live_container(b, c, arg, "attach", &mut out) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let (ns, name) = (pod.metadata.namespace.clone(), pod.metadata.name.clone());
    if !c.inv.on("stdin") {
        // Without -i, attach streams the main process's output.
        match b.logs(&ns, &name, &ctr, false, false) {
            Ok(text) => out.stdout = text,
            Err(e) => return api_error(e),
        }
        out.explain = Some(Text::new(
            format!("실제 `kubectl attach`는 `{ctr}` 컨테이너의 주 프로세스 출력을 Ctrl+C를 누를 때까지 계속 보여 줍니다. 여기서는 지금까지의 출력을 보여 줍니다."),
            format!("A real `kubectl attach` keeps streaming the output of container `{ctr}`'s main process until Ctrl+C. Here it shows the output so far."),
        ));
        return out;
    }
    let hint = c.inv.on("tty") && !c.inv.on("quiet");
    let restarts = pod.spec.restart_policy.as_deref().is_none_or(|r| r == "Always");
    let on_exit = if restarts { SessionEnd::Resume } else { SessionEnd::Nothing };
    attach_session(b, &ns, &name, &ctr, hint, on_exit, &mut out);
    if out.exit_code == 0 && main_shell(&pod, &ctr).is_none() {
        out.explain = Some(Text::new(
            format!("실제 `kubectl attach`는 `{ctr}` 컨테이너의 주 프로세스의 표준 입력에 연결합니다. 주 프로세스가 셸이 아니므로, 이 터미널은 대신 같은 컨테이너에서 셸을 엽니다. `exit`로 kubectl 터미널로 돌아옵니다."),
            format!("A real `kubectl attach` connects to the stdin of container `{ctr}`'s main process. That process is not a shell, so this terminal opens a shell in the same container instead. `exit` returns to the kubectl terminal."),
        ));
    }
    out
}
