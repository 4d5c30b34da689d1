//! In-place pod resize through the `resize` subresource: the API side only
//! (the new `resources` of the pod's containers are stored, and the node's
//! accounting follows them). What the kubelet does about a resize
//! (`status.resize`, container restarts per `resizePolicy`) is not modelled
//! here. Follows `pkg/registry/core/pod/strategy.go` (`podResizeStrategy`:
//! only the containers' resources change).

use std::rc::Rc;

use super::records::key;
use super::{ApiError, Cluster};
use crate::model::ResourceRequirements;
use crate::runtime::ContainerRuntime;
use crate::scheduler::PodInfo;

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
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", name)) };
        let mut spec = (*p.spec).clone();
        let mut changed = false;
        for c in spec.containers.iter_mut() {
            if let Some((_, r)) = resources.iter().find(|(n, _)| *n == c.name) {
                if c.resources != *r {
                    c.resources = r.clone();
                    changed = true;
                }
            }
        }
        if !changed {
            return Ok(false);
        }
        let info = Rc::new(PodInfo::new(&spec));
        if let (true, Some(node)) = (p.counted, p.node.and_then(|i| self.infos.get_mut(i))) {
            node.remove_pod(&p.info);
            node.add_pod(&info);
        }
        p.info = info;
        p.spec = Rc::new(spec);
        self.pod_changed(&k);
        Ok(true)
    }
}
