//! CPU and memory accounting, as `kubectl top` and the OOM killer see it,
//! and the limits an in-place resize changes while the container runs
//! (CRI `UpdateContainerResources`, the pod cgroup for pod-level resources).

use super::{quantity_bytes, quantity_millis, ContainerUsage, Ctr, PodRuntime, Sandbox};
use crate::model::ResourceRequirements;
use crate::runtime::ContainerId;
use crate::time::SimTime;

impl PodRuntime {
    /// CPU and memory per container, as `kubectl top pod --containers` shows.
    pub fn usage(&self, pod_uid: &str) -> Vec<ContainerUsage> {
        let Some(sb) = self.sandboxes.get(pod_uid) else { return Vec::new() };
        sb.order
            .iter()
            .filter_map(|n| sb.containers.get(n))
            .map(|c| {
                let want = if c.running { c.cpu_millicores } else { 0 };
                let limit = cpu_limit(sb, c);
                let cpu = limit.map_or(want, |l| want.min(l));
                ContainerUsage {
                    container: c.name.clone(),
                    cpu_millicores: cpu,
                    memory_bytes: if c.running { memory_of(sb, c) } else { 0 },
                    cpu_throttled: limit.is_some_and(|l| want > l),
                }
            })
            .collect()
    }

    /// New cpu and memory limits for a running container. The cgroup
    /// takes them at once: a CPU limit throttles from now on, and memory
    /// above a new, lower limit is OOM-killed when the container next runs.
    pub(super) fn set_limits(&mut self, id: &ContainerId, resources: &ResourceRequirements, _now: SimTime) {
        let Some(c) = self.sandboxes.get_mut(&id.pod_uid).and_then(|sb| sb.containers.get_mut(&id.container)) else {
            return;
        };
        c.memory_limit_bytes = quantity_bytes(resources.limits.get("memory"));
        c.cpu_limit_millicores = quantity_millis(resources.limits.get("cpu"));
        self.dirty = true;
    }

    /// A running container's memory use.
    pub(super) fn memory_bytes(&self, id: &ContainerId) -> Option<u64> {
        let sb = self.sandboxes.get(&id.pod_uid)?;
        let c = sb.containers.get(&id.container).filter(|c| c.running)?;
        Some(memory_of(sb, c))
    }

    /// New pod-level limits (the pod cgroup).
    pub(super) fn set_pod_limits(&mut self, pod_uid: &str, resources: Option<&ResourceRequirements>) {
        let Some(sb) = self.sandboxes.get_mut(pod_uid) else { return };
        sb.pod_memory_limit_bytes = pod_limit(resources, "memory");
        sb.pod_cpu_limit_millicores = pod_limit(resources, "cpu");
        self.dirty = true;
    }
}

/// A pod-level limit: bytes for memory, millicores for cpu.
pub(super) fn pod_limit(resources: Option<&ResourceRequirements>, name: &str) -> Option<u64> {
    crate::pod_resources::amount_in(&resources?.limits, name).and_then(|v| u64::try_from(v).ok())
}

/// The CPU limit a container runs under: its own, or the pod's when it has none.
fn cpu_limit(sb: &Sandbox, c: &Ctr) -> Option<u64> {
    c.cpu_limit_millicores.or(sb.pod_cpu_limit_millicores)
}

/// Whether the OOM killer takes container `name` using `mem` bytes: over
/// its own memory limit, or, without one, with the pod's containers
/// together over the pod-level limit (the pod cgroup).
pub(super) fn over_memory_limit(sb: &Sandbox, name: &str, mem: u64) -> bool {
    let Some(c) = sb.containers.get(name) else { return false };
    if let Some(l) = c.memory_limit_bytes {
        return mem > l;
    }
    let Some(pod) = sb.pod_memory_limit_bytes else { return false };
    let total = sb
        .containers
        .values()
        .filter(|x| x.running && x.name != name)
        .fold(mem, |acc, x| acc.saturating_add(memory_of(sb, x)));
    total > pod
}

pub(super) fn memory_of(sb: &Sandbox, c: &Ctr) -> u64 {
    let tmpfs: u64 = c
        .mounts
        .iter()
        .filter_map(|m| sb.volumes.get(&m.volume))
        .filter(|v| v.memory)
        .map(|v| v.tree.bytes() as u64)
        .sum();
    c.base_memory_bytes.saturating_add(c.extra_memory_bytes).saturating_add(tmpfs)
}

pub(super) fn memory_of_parts(sb: &Sandbox, name: &str) -> u64 {
    sb.containers.get(name).map_or(0, |c| memory_of(sb, c))
}
