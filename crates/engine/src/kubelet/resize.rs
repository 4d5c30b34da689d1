//! In-place pod resize on the kubelet's side. The kubelet keeps the
//! resources it admitted (allocated) apart from the pod's spec (desired)
//! and from what the runtime runs with (actual). A resize it cannot admit
//! now is `Deferred`, one that can never fit the node is `Infeasible`
//! (condition `PodResizePending`); an admitted one is `PodResizeInProgress`
//! until the runtime has applied it, restarting the containers whose
//! `resizePolicy` says `RestartContainer`.
//!
//! Follows `pkg/kubelet/allocation/allocation_manager.go`
//! (`handlePodResourcesResize`, `canResizePod`), `pkg/kubelet/status/status_manager.go`
//! (`SetPodResizePendingCondition`, `SetPodResizeInProgressCondition`) and
//! `pkg/kubelet/kuberuntime/kuberuntime_manager.go` (`computePodResizeAction`,
//! `doPodResizeAction`).

use std::collections::BTreeMap;

use super::termination::kill;
use super::{container_id, status, Condition, Ctx, KubeletPod, PodIdent};
use crate::model::{PodSpec, ResourceRequirements};
use crate::scheduler::Resources;
use crate::time::SimTime;

/// From admission to the runtime having applied a resize (the next pod
/// sync after the allocation is written).
pub const RESIZE_ACTUATION_MS: u64 = 1_000;
/// How soon a resize that failed to apply is tried again.
pub const RESIZE_RETRY_MS: u64 = 10_000;

/// Resources per container (by name) and at pod level.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Allocation {
    pub containers: BTreeMap<String, ResourceRequirements>,
    pub pod: Option<ResourceRequirements>,
}

impl Allocation {
    /// The resources a spec asks for.
    pub fn of(spec: &PodSpec) -> Allocation {
        let containers = spec
            .init_containers
            .iter()
            .chain(&spec.containers)
            .map(|c| (c.name.clone(), c.resources.clone().unwrap_or_default()))
            .collect();
        Allocation { containers, pod: spec.resources.clone() }
    }

    /// `spec` with these resources in place of its own.
    pub fn apply_to(&self, spec: &PodSpec) -> PodSpec {
        let mut out = spec.clone();
        for c in out.init_containers.iter_mut().chain(out.containers.iter_mut()) {
            if let Some(r) = self.containers.get(&c.name) {
                let empty = r.requests.is_empty() && r.limits.is_empty();
                c.resources = if empty && c.resources.is_none() { None } else { Some(r.clone()) };
            }
        }
        out.resources.clone_from(&self.pod);
        out
    }
}

/// The kubelet's resize bookkeeping for one pod.
#[derive(Clone, Debug, Default)]
pub struct ResizeState {
    /// What the kubelet admitted.
    pub allocated: Allocation,
    /// What the runtime was given and runs with.
    pub actual: Allocation,
    /// A resize not admitted: reason (`Deferred` or `Infeasible`) and message.
    pub pending: Option<(&'static str, String)>,
    /// An admitted resize not yet applied: when it is tried, and the error
    /// of the last try.
    pub in_progress: Option<(SimTime, Option<String>)>,
}

impl ResizeState {
    /// A pod as the kubelet admits it: allocated and actual are its spec's.
    pub fn new(spec: &PodSpec) -> ResizeState {
        let a = Allocation::of(spec);
        ResizeState { allocated: a.clone(), actual: a, pending: None, in_progress: None }
    }

    /// When the in-progress resize is due.
    pub fn due(&self) -> Option<SimTime> {
        self.in_progress.as_ref().map(|(t, _)| *t)
    }
}

/// The kubelet's answer to a resize (`canResizePod`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Admission {
    Fits,
    Deferred(String),
    Infeasible(String),
}

/// Whether a pod asking for `desired` fits a node with `allocatable`, where
/// the other pods are allocated `used`. Beyond the node's allocatable it
/// never fits (Infeasible, memory reported first, as upstream); beyond
/// what is free now it waits (Deferred, the admission predicate's message).
pub fn admit(desired: &Resources, used: &Resources, allocatable: &Resources) -> Admission {
    if desired.memory > allocatable.memory {
        let m = format!("memory, requested: {}, capacity: {}", desired.memory, allocatable.memory);
        return Admission::Infeasible(format!("Node didn't have enough capacity: {m}"));
    }
    if desired.milli_cpu > allocatable.milli_cpu {
        let m = format!("cpu, requested: {}, capacity: {}", desired.milli_cpu, allocatable.milli_cpu);
        return Admission::Infeasible(format!("Node didn't have enough capacity: {m}"));
    }
    let checks = [
        ("cpu", desired.milli_cpu, used.milli_cpu, allocatable.milli_cpu),
        ("memory", desired.memory, used.memory, allocatable.memory),
    ];
    for (name, want, used, cap) in checks {
        if want.saturating_add(used) > cap {
            return Admission::Deferred(format!(
                "Node didn't have enough resource: {name}, requested: {want}, used: {used}, capacity: {cap}"
            ));
        }
    }
    Admission::Fits
}

/// An event the cluster records for a resize decision.
pub struct ResizeEvent {
    pub warning: bool,
    pub reason: &'static str,
    pub message: String,
}

impl KubeletPod {
    /// The pod's spec now asks for `desired`: admit it, or leave it pending.
    /// Returns the event to record when the decision is new.
    pub fn resize_requested(
        &mut self,
        desired: Allocation,
        admission: Admission,
        now: SimTime,
        spec: &PodSpec,
        generation: i64,
    ) -> Option<ResizeEvent> {
        let r = &mut self.resize;
        if desired == r.allocated {
            r.pending = None;
            return None;
        }
        let (reason, message, warning) = match admission {
            Admission::Fits => {
                let message = resize_message("Pod resize started", &desired, spec, generation, "");
                r.allocated = desired;
                r.pending = None;
                r.in_progress = Some((now.plus_ms(RESIZE_ACTUATION_MS), None));
                return Some(ResizeEvent { warning: false, reason: "ResizeStarted", message });
            }
            Admission::Deferred(m) => ("Deferred", m, false),
            Admission::Infeasible(m) => ("Infeasible", m, true),
        };
        let same = r.pending.as_ref().is_some_and(|(a, b)| *a == reason && *b == message);
        let event = resize_message(&format!("Pod resize {reason}"), &desired, spec, generation, &message);
        r.pending = Some((reason, message));
        let event_reason = if warning { "ResizeInfeasible" } else { "ResizeDeferred" };
        (!same).then_some(ResizeEvent { warning, reason: event_reason, message: event })
    }

    /// Applies an admitted resize once it is due: updates running containers
    /// in place or restarts them, as their `resizePolicy` says, and the
    /// pod-level cgroup. A memory limit below what the container uses now is
    /// not applied; the resize stays in progress with the error and is
    /// tried again.
    pub(super) fn actuate_resize(&mut self, spec: &PodSpec, id: &PodIdent<'_>, ctx: &mut Ctx<'_>) -> bool {
        let now = ctx.now;
        match self.resize.in_progress {
            Some((due, _)) if due <= now => {}
            _ => return false,
        }
        let mut updates = Vec::new();
        let mut restarts = Vec::new();
        for c in self.init.iter().filter(|c| c.sidecar).chain(&self.main) {
            let name = &c.status.name;
            let new = self.resize.allocated.containers.get(name).cloned().unwrap_or_default();
            let old = self.resize.actual.containers.get(name).cloned().unwrap_or_default();
            if new == old || !c.is_active() {
                continue;
            }
            let cs = spec.init_containers.iter().chain(&spec.containers).find(|x| &x.name == name);
            let restart = ["cpu", "memory"].into_iter().any(|res| {
                let differs =
                    new.requests.get(res) != old.requests.get(res) || new.limits.get(res) != old.limits.get(res);
                differs
                    && cs.is_some_and(|cs| {
                        cs.resize_policy
                            .iter()
                            .any(|p| p.resource_name == res && p.restart_policy == "RestartContainer")
                    })
            });
            if restart {
                restarts.push(name.clone());
                continue;
            }
            let limit = crate::pod_resources::amount_in(&new.limits, "memory");
            let usage = ctx.runtime.memory_usage(&container_id(id.uid, name));
            if let (Some(limit), Some(usage)) = (limit, usage) {
                if i64::try_from(usage).unwrap_or(i64::MAX) > limit {
                    let msg = format!(
                        "aborting attempt to set container {name} memory limit ({limit}) below current usage ({usage})"
                    );
                    self.resize.in_progress = Some((now.plus_ms(RESIZE_RETRY_MS), Some(msg)));
                    return true;
                }
            }
            updates.push((name.clone(), new));
        }
        for (name, r) in &updates {
            ctx.runtime.update_resources(&container_id(id.uid, name), r, now);
        }
        let grace = spec.termination_grace_period_seconds.unwrap_or(30).max(0) as u64;
        for name in &restarts {
            let cs = spec.init_containers.iter().chain(&spec.containers).find(|x| &x.name == name);
            if let Some(c) = self.init.iter_mut().chain(self.main.iter_mut()).find(|c| &c.status.name == name) {
                let msg = format!("Container {name} resize requires restart");
                kill(c, cs, msg, now.plus_ms(grace.saturating_mul(1000)), true, id, ctx);
            }
        }
        if self.resize.allocated.pod != self.resize.actual.pod {
            ctx.runtime.update_pod_resources(id.uid, self.resize.allocated.pod.as_ref(), now);
        }
        self.resize.actual = self.resize.allocated.clone();
        self.resize.in_progress = None;
        let message = resize_message("Pod resize completed", &self.resize.allocated, spec, id.generation, "");
        ctx.event(String::new(), false, "ResizeCompleted", message);
        true
    }

    /// Writes the resize conditions (first, as `generateAPIPodStatus` lists
    /// them) and each container's `allocatedResources` and `resources`.
    pub(super) fn resize_status(&mut self, now: SimTime) {
        let old: Vec<Condition> = self.conditions.iter().filter(|c| c.kind.starts_with("PodResize")).cloned().collect();
        self.conditions.retain(|c| !c.kind.starts_with("PodResize"));
        let mut fresh = Vec::new();
        if let Some((reason, message)) = &self.resize.pending {
            fresh.push(("PodResizePending", Some(*reason), Some(message.clone())));
        }
        if let Some((_, error)) = &self.resize.in_progress {
            fresh.push(("PodResizeInProgress", error.as_ref().map(|_| "Error"), error.clone()));
        }
        let mut list = old;
        list.retain(|c| fresh.iter().any(|(k, _, _)| *k == c.kind));
        for (kind, reason, message) in fresh {
            status::set_condition(&mut list, kind, true, reason, message, now);
        }
        list.append(&mut self.conditions);
        self.conditions = list;
        let r = &self.resize;
        let init = self.init.iter_mut().map(|c| (c, false));
        for (c, main) in init.chain(self.main.iter_mut().map(|c| (c, true))) {
            let name = &c.status.name;
            let allocated = r.allocated.containers.get(name);
            c.status.allocated_resources = allocated.map(|a| a.requests.clone()).filter(|m| !m.is_empty());
            // `resources` is reported for every container that can be resized
            // (not a regular init container), `{}` when it sets none
            // (`convertToAPIContainerStatuses`).
            let resizable = main || c.sidecar;
            let shown = if c.status.state.is_running() { r.actual.containers.get(name) } else { allocated };
            c.status.resources = resizable.then(|| {
                let x = shown.cloned().unwrap_or_default();
                status::StatusResources { limits: x.limits, requests: x.requests }
            });
        }
    }
}

/// A resize event's message: `PREFIX: ` and the JSON summary of the
/// containers' resources in `a` (init containers, then containers, by the
/// spec's order), the pod's generation and the error, if any. Follows
/// `pkg/kubelet/events/resize.go` (`podResizeMessage`): Go marshals a
/// struct's `omitempty` field even when empty, so `resources` is always
/// there; `limits` come before `requests`.
fn resize_message(prefix: &str, a: &Allocation, spec: &PodSpec, generation: i64, error: &str) -> String {
    let entry = |c: &crate::model::Container| {
        let r = a.containers.get(&c.name).cloned().unwrap_or_default();
        let mut res = serde_json::Map::new();
        if !r.limits.is_empty() {
            res.insert("limits".into(), serde_json::json!(r.limits));
        }
        if !r.requests.is_empty() {
            res.insert("requests".into(), serde_json::json!(r.requests));
        }
        serde_json::json!({"name": c.name, "resources": res})
    };
    let mut summary = serde_json::Map::new();
    if !spec.init_containers.is_empty() {
        summary.insert("initContainers".into(), spec.init_containers.iter().map(entry).collect());
    }
    if !spec.containers.is_empty() {
        summary.insert("containers".into(), spec.containers.iter().map(entry).collect());
    }
    summary.insert("generation".into(), generation.into());
    if !error.is_empty() {
        summary.insert("error".into(), error.into());
    }
    format!("{prefix}: {}", serde_json::Value::Object(summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(cpu: i64, mem: i64) -> Resources {
        Resources { milli_cpu: cpu, memory: mem, ..Resources::default() }
    }

    #[test]
    fn admission_messages() {
        let node = res(4000, 8 << 30);
        assert_eq!(admit(&res(500, 0), &res(3000, 0), &node), Admission::Fits);
        assert_eq!(
            admit(&res(1500, 0), &res(3000, 0), &node),
            Admission::Deferred(
                "Node didn't have enough resource: cpu, requested: 1500, used: 3000, capacity: 4000".into()
            )
        );
        assert_eq!(
            admit(&res(5000, 0), &res(0, 0), &node),
            Admission::Infeasible("Node didn't have enough capacity: cpu, requested: 5000, capacity: 4000".into())
        );
    }
}
