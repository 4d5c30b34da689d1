//! Pod status as the API shows it: container states, the phase exactly as
//! the kubelet's `getPhase` computes it, conditions, QoS class, and kubectl's
//! STATUS column.
//!
//! Follows `pkg/kubelet/kubelet_pods.go` (`getPhase`),
//! `pkg/kubelet/status/generate.go` (conditions),
//! `pkg/apis/core/v1/helper/qos` (QoS) and kubectl's
//! `pkg/printers/internalversion/printers.go` (`printPod`).

use serde::{Deserialize, Serialize};

use crate::model::PodSpec;
use crate::time::SimTime;

/// A pod phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Pending,
    Running,
    Succeeded,
    Failed,
    Unknown,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "Pending",
            Phase::Running => "Running",
            Phase::Succeeded => "Succeeded",
            Phase::Failed => "Failed",
            Phase::Unknown => "Unknown",
        }
    }

    pub fn is_terminal(self) -> bool {
        matches!(self, Phase::Succeeded | Phase::Failed)
    }
}

/// `containerStatuses[].state.terminated`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Terminated {
    pub exit_code: i32,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(serialize_with = "ser_time")]
    pub started_at: SimTime,
    #[serde(serialize_with = "ser_time")]
    pub finished_at: SimTime,
}

fn ser_time<S: serde::Serializer>(t: &SimTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.rfc3339())
}

/// `containerStatuses[].state`: exactly one of the three.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContainerState {
    Waiting {
        reason: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    Running {
        #[serde(rename = "startedAt", serialize_with = "ser_time")]
        started_at: SimTime,
    },
    Terminated(Terminated),
}

impl ContainerState {
    pub fn waiting(reason: &str) -> ContainerState {
        ContainerState::Waiting { reason: reason.to_string(), message: None }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, ContainerState::Running { .. })
    }

    pub fn terminated(&self) -> Option<&Terminated> {
        match self {
            ContainerState::Terminated(t) => Some(t),
            _ => None,
        }
    }

    pub fn waiting_reason(&self) -> Option<&str> {
        match self {
            ContainerState::Waiting { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

/// One `containerStatuses[]` / `initContainerStatuses[]` entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStatus {
    pub name: String,
    pub state: ContainerState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_state: Option<Terminated>,
    pub ready: bool,
    pub restart_count: u32,
    pub image: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<bool>,
    /// True for an init container with `restartPolicy: Always` (a sidecar).
    #[serde(skip)]
    pub restartable: bool,
    /// The requests the kubelet admitted. Kept for the kubelet's own
    /// accounting only: the API field `allocatedResources` needs
    /// InPlacePodVerticalScalingAllocatedStatus, deprecated and off in 1.35
    /// (`pkg/features/kube_features.go`), so it is never serialized.
    #[serde(skip)]
    pub allocated_resources: Option<std::collections::BTreeMap<String, String>>,
    /// The resources the container runs with (`resources`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub resources: Option<StatusResources>,
}

/// `containerStatuses[].resources`: the requests and limits a container runs with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusResources {
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub limits: std::collections::BTreeMap<String, String>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub requests: std::collections::BTreeMap<String, String>,
}

/// A pod condition with its transition time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Condition {
    pub kind: &'static str,
    pub status: bool,
    pub reason: Option<&'static str>,
    pub message: Option<String>,
    pub last_transition: SimTime,
}

impl Condition {
    pub fn to_model(&self) -> crate::model::PodCondition {
        crate::model::PodCondition {
            type_: self.kind.to_string(),
            status: if self.status { "True" } else { "False" }.to_string(),
            reason: self.reason.map(str::to_string),
            message: self.message.clone(),
            last_transition_time: Some(self.last_transition.rfc3339()),
            observed_generation: None,
        }
    }
}

/// Sets a condition, keeping its transition time when the status is unchanged.
pub fn set_condition(
    list: &mut Vec<Condition>,
    kind: &'static str,
    status: bool,
    reason: Option<&'static str>,
    message: Option<String>,
    now: SimTime,
) {
    match list.iter_mut().find(|c| c.kind == kind) {
        Some(c) => {
            if c.status != status {
                c.last_transition = now;
            }
            c.status = status;
            c.reason = reason;
            if c.message != message {
                c.message = message;
            }
        }
        None => list.push(Condition { kind, status, reason, message, last_transition: now }),
    }
}

/// The pod phase from its container statuses, as upstream's `getPhase`.
pub fn get_phase(
    spec: &PodSpec,
    init: &[ContainerStatus],
    main: &[ContainerStatus],
    pod_is_terminal: bool,
    pod_has_initialized: bool,
    is_static: bool,
) -> Phase {
    let policy = spec.restart_policy.as_deref().unwrap_or("Always");
    let mut pending_regular_init = 0;
    let mut pending_restartable_init = 0;
    let mut failed_init = 0;
    for (k, c) in spec.init_containers.iter().enumerate() {
        if c.restart_policy.as_deref() == Some("Always") {
            continue;
        }
        let Some(st) = init.get(k) else {
            pending_regular_init += 1;
            continue;
        };
        match &st.state {
            ContainerState::Running { .. } => pending_regular_init += 1,
            ContainerState::Terminated(t) => {
                if t.exit_code != 0 {
                    failed_init += 1;
                }
            }
            ContainerState::Waiting { .. } => match &st.last_state {
                Some(t) if t.exit_code != 0 => failed_init += 1,
                Some(_) => {}
                None => pending_regular_init += 1,
            },
        }
    }
    let (mut unknown, mut running, mut waiting, mut stopped, mut succeeded) = (0, 0, 0, 0, 0);
    for (k, c) in spec.init_containers.iter().enumerate() {
        if c.restart_policy.as_deref() != Some("Always") {
            continue;
        }
        let Some(st) = init.get(k) else {
            unknown += 1;
            continue;
        };
        match &st.state {
            ContainerState::Running { .. } => {
                if st.started != Some(true) {
                    pending_restartable_init += 1;
                }
                running += 1;
            }
            ContainerState::Terminated(_) => {}
            ContainerState::Waiting { .. } => {
                if st.last_state.is_none() {
                    pending_restartable_init += 1;
                }
            }
        }
    }
    for (k, _) in spec.containers.iter().enumerate() {
        let Some(st) = main.get(k) else {
            unknown += 1;
            continue;
        };
        match &st.state {
            ContainerState::Running { .. } => running += 1,
            ContainerState::Terminated(t) => {
                stopped += 1;
                if t.exit_code == 0 {
                    succeeded += 1;
                }
            }
            ContainerState::Waiting { .. } => {
                if st.last_state.is_some() {
                    stopped += 1;
                } else {
                    waiting += 1;
                }
            }
        }
    }
    if failed_init > 0 && policy == "Never" {
        return Phase::Failed;
    }
    if pending_regular_init > 0 || (pending_restartable_init > 0 && !pod_has_initialized) {
        return Phase::Pending;
    }
    if waiting > 0 {
        return Phase::Pending;
    }
    if running > 0 && unknown == 0 {
        return Phase::Running;
    }
    if running == 0 && stopped > 0 && unknown == 0 {
        if pod_is_terminal && !is_static {
            return if stopped == succeeded { Phase::Succeeded } else { Phase::Failed };
        }
        if policy == "Always" {
            return Phase::Running;
        }
        if stopped == succeeded {
            return Phase::Succeeded;
        }
        if policy == "Never" {
            return Phase::Failed;
        }
        return Phase::Running;
    }
    Phase::Pending
}

/// What kubectl's `get pods` prints in the STATUS column (`printPod`).
#[allow(clippy::too_many_arguments)]
pub fn kubectl_status(
    spec: &PodSpec,
    phase: Phase,
    pod_reason: Option<&str>,
    init: &[ContainerStatus],
    main: &[ContainerStatus],
    initialized: bool,
    ready_condition: bool,
    deleting: bool,
) -> String {
    let mut reason = pod_reason.map(str::to_string).unwrap_or_else(|| phase.as_str().to_string());
    let mut initializing = false;
    let total_init = spec.init_containers.len();
    for (i, c) in init.iter().enumerate() {
        match &c.state {
            ContainerState::Terminated(t) if t.exit_code == 0 => continue,
            _ if c.restartable && c.started == Some(true) => continue,
            ContainerState::Terminated(t) => {
                reason = if t.reason.is_empty() {
                    format!("Init:ExitCode:{}", t.exit_code)
                } else {
                    format!("Init:{}", t.reason)
                };
                initializing = true;
            }
            ContainerState::Waiting { reason: r, .. } if !r.is_empty() && r != "PodInitializing" => {
                reason = format!("Init:{r}");
                initializing = true;
            }
            _ => {
                reason = format!("Init:{i}/{total_init}");
                initializing = true;
            }
        }
        break;
    }
    if !initializing || initialized {
        let mut has_running = false;
        for c in main.iter().rev() {
            match &c.state {
                ContainerState::Waiting { reason: r, .. } if !r.is_empty() => reason = r.clone(),
                ContainerState::Terminated(t) if !t.reason.is_empty() => reason = t.reason.clone(),
                ContainerState::Terminated(t) => reason = format!("ExitCode:{}", t.exit_code),
                ContainerState::Running { .. } if c.ready => has_running = true,
                _ => {}
            }
        }
        if reason == "Completed" && has_running {
            reason = if ready_condition { "Running".into() } else { "NotReady".into() };
        }
    }
    if deleting && pod_reason == Some("NodeLost") {
        reason = "Unknown".into();
    } else if deleting && !phase.is_terminal() {
        reason = "Terminating".into();
    }
    reason
}

/// The pod's QoS class (`pkg/apis/core/helper/qos/qos.go`): the
/// validator's one implementation, shared.
pub fn qos_class(spec: &PodSpec) -> &'static str {
    crate::validate::qos_class(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(yaml: &str) -> PodSpec {
        crate::yaml::from_str(yaml).unwrap()
    }

    fn st(name: &str, state: ContainerState, last: Option<i32>) -> ContainerStatus {
        ContainerStatus {
            name: name.into(),
            state,
            last_state: last.map(|code| Terminated {
                exit_code: code,
                reason: "Error".into(),
                message: None,
                started_at: SimTime(0),
                finished_at: SimTime(0),
            }),
            ready: false,
            restart_count: 0,
            image: "busybox".into(),
            started: None,
            restartable: false,
            allocated_resources: None,
            resources: None,
        }
    }

    fn term(code: i32) -> ContainerState {
        ContainerState::Terminated(Terminated {
            exit_code: code,
            reason: if code == 0 { "Completed".into() } else { "Error".into() },
            message: None,
            started_at: SimTime(0),
            finished_at: SimTime(0),
        })
    }

    #[test]
    fn get_phase_table() {
        let run = || ContainerState::Running { started_at: SimTime(0) };
        let cases = [
            (
                "containers: [{name: a}]",
                vec![st("a", ContainerState::waiting("ContainerCreating"), None)],
                Phase::Pending,
            ),
            ("containers: [{name: a}]", vec![st("a", run(), None)], Phase::Running),
            ("containers: [{name: a}]", vec![st("a", term(0), None)], Phase::Running),
            ("restartPolicy: Never\ncontainers: [{name: a}]", vec![st("a", term(0), None)], Phase::Succeeded),
            ("restartPolicy: Never\ncontainers: [{name: a}]", vec![st("a", term(1), None)], Phase::Failed),
            ("restartPolicy: OnFailure\ncontainers: [{name: a}]", vec![st("a", term(1), None)], Phase::Running),
            (
                "containers: [{name: a}]",
                vec![st("a", ContainerState::waiting("CrashLoopBackOff"), Some(1))],
                Phase::Running,
            ),
        ];
        for (yaml, main, want) in cases {
            assert_eq!(get_phase(&spec(yaml), &[], &main, false, true, false), want, "{yaml} {main:?}");
        }
    }

    #[test]
    fn init_failure_under_never_fails_the_pod() {
        let s = spec("restartPolicy: Never\ninitContainers: [{name: i}]\ncontainers: [{name: a}]");
        let init = vec![st("i", term(1), None)];
        let main = vec![st("a", ContainerState::waiting("PodInitializing"), None)];
        assert_eq!(get_phase(&s, &init, &main, false, false, false), Phase::Failed);
        assert_eq!(kubectl_status(&s, Phase::Failed, None, &init, &main, false, false, false), "Init:Error");
    }

    #[test]
    fn kubectl_status_column() {
        let s = spec("initContainers: [{name: i1}, {name: i2}]\ncontainers: [{name: a}]");
        let init = vec![
            st("i1", ContainerState::Running { started_at: SimTime(0) }, None),
            st("i2", ContainerState::waiting("PodInitializing"), None),
        ];
        let main = vec![st("a", ContainerState::waiting("PodInitializing"), None)];
        assert_eq!(kubectl_status(&s, Phase::Pending, None, &init, &main, false, false, false), "Init:0/2");
        let s = spec("containers: [{name: a}]");
        let main = vec![st("a", ContainerState::waiting("CrashLoopBackOff"), Some(1))];
        assert_eq!(kubectl_status(&s, Phase::Running, None, &[], &main, true, false, false), "CrashLoopBackOff");
        let main = vec![st("a", term(0), None)];
        assert_eq!(kubectl_status(&s, Phase::Succeeded, None, &[], &main, true, false, false), "Completed");
        let main = vec![st("a", ContainerState::Running { started_at: SimTime(0) }, None)];
        assert_eq!(kubectl_status(&s, Phase::Running, None, &[], &main, true, true, true), "Terminating");
    }

    #[test]
    fn qos_classes() {
        let cases = [
            ("containers: [{name: a}]", "BestEffort"),
            ("containers: [{name: a, resources: {limits: {cpu: '1', memory: 1Gi}}}]", "Guaranteed"),
            ("containers: [{name: a, resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: '1', memory: 1Gi}}}]", "Burstable"),
            ("containers: [{name: a, resources: {requests: {memory: 1Gi}}}]", "Burstable"),
        ];
        for (yaml, want) in cases {
            assert_eq!(qos_class(&spec(yaml)), want, "{yaml}");
        }
    }
}
