//! Container lifecycle hooks: running a `postStart` or `preStop` handler
//! (exec, httpGet, sleep), what a failed `postStart` does to the container,
//! and which exits restart a container (its own `restartPolicy` and
//! `restartPolicyRules`).
//!
//! Follows `pkg/kubelet/lifecycle/handlers.go` (`handlerRunner.Run` and its
//! messages), `pkg/kubelet/kuberuntime/kuberuntime_container.go`
//! (`startContainer` step 4, `killContainer`, `executePreStopHook`),
//! `pkg/api/v1/pod/util.go` (`ContainerShouldRestart`) as
//! `pkg/kubelet/container/helpers.go` calls it with ContainerRestartRules on
//! (beta and on by default in 1.35), and the events of
//! `pkg/kubelet/events/event.go`.

use super::{container_id, ContainerState, Ctr, Ctx, PodIdent, Stage, Terminated};
use crate::model::{Container, IntOrString, LifecycleHandler};
use crate::runtime::{ProbeAction, ProbeResult};
use crate::time::SimTime;

/// How long a container killed by its failed postStart hook shows
/// `PostStartHookError` before the next sync restarts it: the PLEG relist
/// period (`pkg/kubelet/kubelet.go`, `genericPlegRelistPeriod`).
const PLEG_RELIST_MS: u64 = 1000;

/// What running a handler came to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum HookRun {
    /// The handler finished well.
    Done,
    /// A `sleep` handler: it finishes after this many milliseconds.
    Sleep(u64),
    /// The handler failed, with the kubelet's message (`handlers.go`).
    Failed(String),
}

/// `format.Pod`: `name_namespace(uid)`.
fn pod_name(id: &PodIdent<'_>) -> String {
    format!("{}_{}({})", id.name, id.namespace, id.uid)
}

/// Runs a handler against a running container now (exec and httpGet take
/// no virtual time), or says how long its `sleep` lasts.
pub(super) fn run_handler(h: &LifecycleHandler, cs: &Container, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> HookRun {
    let cid = container_id(id.uid, &cs.name);
    let now = ctx.now;
    if let Some(e) = &h.exec {
        let out = ctx.runtime.exec_sync(&cid, &e.command, now);
        if out.exit_code == 0 {
            return HookRun::Done;
        }
        // The error is CRI ExecSync's (`pkg/kubelet/cri/remote/remote_runtime.go`),
        // the output is stdout then stderr (`RunInContainer`).
        let err = format!("command '{}' exited with {}: {}", e.command.join(" "), out.exit_code, out.stderr);
        let output = format!("{}{}", out.stdout, out.stderr);
        return HookRun::Failed(format!(
            "Exec lifecycle hook ([{}]) for Container \"{}\" in Pod \"{}\" failed - error: {err}, message: {}",
            e.command.join(" "),
            cs.name,
            pod_name(id),
            go_quote(&output)
        ));
    }
    if let Some(g) = &h.http_get {
        let port = match &g.port {
            IntOrString::Int(n) => u16::try_from(*n).unwrap_or(0),
            IntOrString::String(name) => cs
                .ports
                .iter()
                .find(|p| p.name.as_deref() == Some(name.as_str()))
                .and_then(|p| u16::try_from(p.container_port).ok())
                .unwrap_or(0),
        };
        let path = g.path.clone().unwrap_or_else(|| "/".into());
        let action = ProbeAction::HttpGet { port, path: path.clone(), host: g.host.clone() };
        return match ctx.runtime.probe(&cid, &action, now) {
            ProbeResult::Success => HookRun::Done,
            // A hook only fails when no answer comes back: any status code
            // is an answer (`runHTTPHandler` checks the error, not the code).
            ProbeResult::Failure { message } if message.starts_with("HTTP probe failed with statuscode") => {
                HookRun::Done
            }
            ProbeResult::Failure { message } => HookRun::Failed(format!(
                "HTTP lifecycle hook ({path}) for Container \"{}\" in Pod \"{}\" failed - error: {message}",
                cs.name,
                pod_name(id)
            )),
        };
    }
    if let Some(s) = &h.sleep {
        return HookRun::Sleep(u64::try_from(s.seconds.max(0)).unwrap_or(0).saturating_mul(1000));
    }
    // tcpSocket is kept in the API for compatibility only: the handler
    // runner has no case for it, so the hook fails at run time.
    HookRun::Failed(format!("Cannot run handler: invalid handler: {}", go_handler(h)))
}

/// Go's `%v` of a `*v1.LifecycleHandler` holding only a tcpSocket, as the
/// generated `String()` prints it.
fn go_handler(h: &LifecycleHandler) -> String {
    let tcp = match &h.tcp_socket {
        Some(t) => {
            let port = match &t.port {
                IntOrString::Int(n) => format!("{{0 {n} }}"),
                IntOrString::String(s) => format!("{{1 0 {s}}}"),
            };
            format!("&TCPSocketAction{{Port:{port},Host:{},}}", t.host.clone().unwrap_or_default())
        }
        None => "nil".to_string(),
    };
    format!("&LifecycleHandler{{Exec:nil,HTTPGet:nil,TCPSocket:{tcp},Sleep:nil,}}")
}

/// Go's `%q` of a string.
fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// After the kill of a container whose postStart failed, its status shows
/// `PostStartHookError` (the reason cache of `convertToAPIContainerStatuses`)
/// until the next sync decides on the restart.
pub(super) fn hold_hook_error(c: &mut Ctr, at: SimTime) {
    let Some(msg) = c.hook_error.take() else { return };
    if c.stage != Stage::Exited {
        return;
    }
    let Some(t) = c.status.state.terminated().cloned() else { return };
    let before = c.status.last_state.replace(t.clone());
    c.hook_exit = Some((t, before));
    c.status.state = ContainerState::Waiting { reason: "PostStartHookError".into(), message: Some(msg) };
    c.stage = Stage::HookFailed { until: at.plus_ms(PLEG_RELIST_MS) };
}

/// The sync after `PostStartHookError`: the exit is looked at as any other.
pub(super) fn release_hook_error(c: &mut Ctr) {
    if let Some((t, before)) = c.hook_exit.take() {
        c.status.state = ContainerState::Terminated(t);
        c.status.last_state = before;
    }
    c.stage = Stage::Exited;
}

/// `ContainerShouldRestart`: the container's own rules and policy first,
/// then the pod's policy (`pod_policy`, already the init containers' one
/// for init containers).
pub(super) fn should_restart(cs: &Container, pod_policy: &str, t: &Terminated) -> bool {
    let by_policy = |policy: &str| match policy {
        "Always" => true,
        "OnFailure" => t.exit_code != 0,
        _ => false,
    };
    let Some(own) = cs.restart_policy.as_deref() else { return by_policy(pod_policy) };
    for rule in &cs.restart_policy_rules {
        let Some(codes) = &rule.exit_codes else { continue };
        let listed = codes.values.contains(&t.exit_code);
        let matches = match codes.operator.as_str() {
            "In" => listed,
            "NotIn" => !listed,
            _ => false,
        };
        if matches {
            return rule.action == "Restart";
        }
    }
    by_policy(own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ContainerRestartRule, ContainerRestartRuleOnExitCodes};

    fn exited(code: i32) -> Terminated {
        Terminated {
            exit_code: code,
            reason: "Error".into(),
            message: None,
            started_at: SimTime::ZERO,
            finished_at: SimTime::ZERO,
        }
    }

    #[test]
    fn container_rules_override_the_pod_policy() {
        let mut c = Container { restart_policy: Some("Never".into()), ..Container::default() };
        c.restart_policy_rules = vec![ContainerRestartRule {
            action: "Restart".into(),
            exit_codes: Some(ContainerRestartRuleOnExitCodes { operator: "In".into(), values: vec![42] }),
        }];
        assert!(should_restart(&c, "Never", &exited(42)));
        assert!(!should_restart(&c, "Always", &exited(1)));
        let plain = Container::default();
        assert!(should_restart(&plain, "OnFailure", &exited(1)));
        assert!(!should_restart(&plain, "OnFailure", &exited(0)));
    }

    #[test]
    fn go_quote_escapes_as_go() {
        assert_eq!(go_quote("a\"b\n"), "\"a\\\"b\\n\"");
    }
}
