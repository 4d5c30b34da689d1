//! CPU and memory accounting, as `kubectl top` and the OOM killer see it.

use super::{ContainerUsage, Ctr, PodRuntime, Sandbox};

impl PodRuntime {
    /// CPU and memory per container, as `kubectl top pod --containers` shows.
    pub fn usage(&self, pod_uid: &str) -> Vec<ContainerUsage> {
        let Some(sb) = self.sandboxes.get(pod_uid) else { return Vec::new() };
        sb.order
            .iter()
            .filter_map(|n| sb.containers.get(n))
            .map(|c| {
                let want = if c.running { c.cpu_millicores } else { 0 };
                let cpu = c.cpu_limit_millicores.map_or(want, |l| want.min(l));
                ContainerUsage {
                    container: c.name.clone(),
                    cpu_millicores: cpu,
                    memory_bytes: if c.running { memory_of(sb, c) } else { 0 },
                    cpu_throttled: c.cpu_limit_millicores.is_some_and(|l| want > l),
                }
            })
            .collect()
    }
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
