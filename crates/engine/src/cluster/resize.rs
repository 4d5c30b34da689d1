//! In-place pod resize: the API side stores the new desired resources
//! (the `resize` subresource; its checks live in `kubectl/cmd/resize.rs`),
//! then the pod's kubelet admits the resize against its node, or leaves it
//! `Deferred` (retried whenever resources are freed) or `Infeasible`.
//! The kubelet's own state machine is `kubelet/resize.rs`.
//!
//! Follows `pkg/registry/core/pod/strategy.go` (`podResizeStrategy`: only
//! resources and resize policies change) and
//! `pkg/kubelet/allocation/allocation_manager.go` (`handlePodResourcesResize`,
//! `RetryPendingResizes`). Node accounting follows what the scheduler counts
//! (`pkg/api/v1/resource/helpers.go` with in-place resize): the desired
//! resources, except for an Infeasible resize, where the allocated ones.

use std::rc::Rc;

use super::records::{key, pod_ref, Change, PodRec};
use super::{ApiError, Cluster, EventType};
use crate::kubelet::resize::{admit, Allocation};
use crate::model::{PodSpec, ResourceRequirements};
use crate::runtime::ContainerRuntime;
use crate::scheduler::{pod_requests, PodInfo, Resources};

impl<R: ContainerRuntime> Cluster<R> {
    /// Stores new resources for the named containers of a pod (one entry
    /// per container, by name). Returns whether anything changed.
    pub fn resize_pod(
        &mut self,
        ns: &str,
        name: &str,
        resources: &[(String, Option<ResourceRequirements>)],
    ) -> Result<bool, ApiError> {
        let k = key(ns, name);
        let Some(p) = self.pods.get(&k) else { return Err(ApiError::not_found("pods", name)) };
        let mut spec = (*p.spec).clone();
        for c in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
            if let Some((_, r)) = resources.iter().find(|(n, _)| *n == c.name) {
                c.resources.clone_from(r);
            }
        }
        self.resize_pod_spec(ns, name, &spec)
    }

    /// Stores what a resize may change from `new` (each container's
    /// resources and resize policy, and the pod-level resources), then lets
    /// the pod's kubelet act on it. Returns whether anything changed.
    pub fn resize_pod_spec(&mut self, ns: &str, name: &str, new: &PodSpec) -> Result<bool, ApiError> {
        let k = key(ns, name);
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", name)) };
        let mut spec = (*p.spec).clone();
        let all_new: Vec<_> = new.init_containers.iter().chain(&new.containers).collect();
        for c in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
            if let Some(n) = all_new.iter().find(|n| n.name == c.name) {
                c.resources.clone_from(&n.resources);
                c.resize_policy.clone_from(&n.resize_policy);
            }
        }
        spec.resources.clone_from(&new.resources);
        if spec == *p.spec {
            return Ok(false);
        }
        p.spec = Rc::new(spec);
        // A resize changes the spec, so it bumps the generation (GA in 1.35),
        // which the kubelet's resize events report.
        p.meta.generation = Some(p.meta.generation.unwrap_or(1).saturating_add(1));
        self.kubelet_resize(&k);
        self.pod_changed(&k);
        Ok(true)
    }

    /// The kubelet sees the pod's new desired resources: admits them if the
    /// node has room, else records why not; then recounts the node.
    pub(super) fn kubelet_resize(&mut self, k: &(String, String)) {
        let now = self.now;
        let Some(p) = self.pods.get(k) else { return };
        let Some(i) = p.node else { return };
        if p.kube.as_ref().is_none_or(|kube| kube.terminal) {
            self.recount(k);
            return;
        }
        let desired = pod_requests(&p.spec);
        let used = self.allocated_on_node(i, k);
        let allocatable = self.infos.get(i).map(|n| n.allocatable.clone()).unwrap_or_default();
        let admission = admit(&desired, &used, &allocatable);
        let want = Allocation::of(&p.spec);
        let node_name = self.infos.get(i).map(|n| n.name.clone()).unwrap_or_default();
        let Some(p) = self.pods.get_mut(k) else { return };
        let obj = pod_ref(&p.meta);
        let generation = p.meta.generation.unwrap_or(1);
        let spec = Rc::clone(&p.spec);
        let Some(kube) = p.kube.as_mut() else { return };
        let event = kube.resize_requested(want, admission, now, &spec, generation);
        let next = kube.next_due();
        let deferred = kube.resize.pending.as_ref().is_some_and(|(r, _)| *r == "Deferred");
        if deferred {
            self.resize_deferred.insert(k.clone());
        } else {
            self.resize_deferred.remove(k);
        }
        if let Some(e) = event {
            let t = if e.warning { EventType::Warning } else { EventType::Normal };
            self.events.record(now, t, &obj, e.reason, e.message, "kubelet", Some(&node_name));
            self.changes.insert(Change::Events);
        }
        let before = self.pods.get(k).map(|p| p.info.requests.clone());
        self.recount(k);
        if let Some(t) = next {
            self.wake_pod(k, t.max(now));
        }
        // The kubelet writes the pod's status (conditions) at once.
        self.sync_pod(k);
        // A resize down frees room: pending pods and resizes try again.
        let after = self.pods.get(k).map(|p| p.info.requests.clone());
        if let (Some(b), Some(a)) = (before, after) {
            if a.milli_cpu < b.milli_cpu || a.memory < b.memory {
                self.cluster_changed();
            }
        }
    }

    /// Tries the Deferred resizes again (`RetryPendingResizes`): called when
    /// resources may have been freed.
    pub(super) fn retry_deferred_resizes(&mut self) {
        let keys: Vec<(String, String)> = self.resize_deferred.iter().cloned().collect();
        for k in keys {
            if self.pods.contains_key(&k) {
                self.kubelet_resize(&k);
            } else {
                self.resize_deferred.remove(&k);
            }
        }
    }

    /// What the kubelet has allocated to the pods on node `i` other than `skip`.
    fn allocated_on_node(&self, i: usize, skip: &(String, String)) -> Resources {
        let mut used = Resources::default();
        for (k, p) in &self.pods {
            if p.node != Some(i) || !p.counted || k == skip {
                continue;
            }
            used.add(&pod_requests(&allocated_spec(p)));
        }
        used
    }

    /// Counts the pod on its node by what the scheduler sees: the desired
    /// resources, or the allocated ones while the resize is Infeasible.
    fn recount(&mut self, k: &(String, String)) {
        let Some(p) = self.pods.get_mut(k) else { return };
        let infeasible =
            p.kube.as_ref().is_some_and(|kube| kube.resize.pending.as_ref().is_some_and(|(r, _)| *r == "Infeasible"));
        let counted_spec = if infeasible { Rc::new(allocated_spec(p)) } else { p.spec.clone() };
        let info = Rc::new(PodInfo::new(&counted_spec));
        if let (true, Some(node)) = (p.counted, p.node.and_then(|i| self.infos.get_mut(i))) {
            node.remove_pod(&p.info);
            node.add_pod(&info);
        }
        p.info = info;
    }
}

/// The spec with the resources the kubelet allocated (the spec itself when
/// no resize is pending).
pub(super) fn allocated_spec(p: &PodRec) -> PodSpec {
    match p.kube.as_ref() {
        Some(kube) if kube.resize.pending.is_some() => kube.resize.allocated.apply_to(&p.spec),
        _ => (*p.spec).clone(),
    }
}
