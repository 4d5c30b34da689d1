//! The kubelets: running one pod's state machine at the current time, and
//! handing what the container runtime reports (exits, traffic) to them.

use super::records::{pod_ref, Change};
use super::{Cluster, EventType, ObjectRef, TRAFFIC_MAX};
use crate::kubelet::{Ctx, PodIdent};
use crate::runtime::{ContainerRuntime, RuntimeEvent};

impl<R: ContainerRuntime> Cluster<R> {
    pub(super) fn process_runtime(&mut self) {
        let events = self.runtime.advance(self.now);
        for e in events {
            if let RuntimeEvent::Traffic(t) = e {
                if self.traffic.len() >= TRAFFIC_MAX {
                    self.traffic.pop_front();
                }
                self.traffic.push_back(t);
                self.traffic_total += 1;
                continue;
            }
            if let RuntimeEvent::Exited { id, at, exit_code, oom_killed } = e {
                if self.ephemeral_exited(&id.pod_uid, &id.container, exit_code, at) {
                    continue;
                }
                let Some(k) = self.by_runtime_uid.get(&id.pod_uid).cloned() else { continue };
                let Some(p) = self.pods.get_mut(&k) else { continue };
                if p.not_ready_by_node {
                    continue;
                }
                if let Some(kube) = p.kube.as_mut() {
                    // The kubelet reads the termination message as the container exits.
                    let spec = p.spec.containers.iter().chain(&p.spec.init_containers).find(|c| c.name == id.container);
                    let message = spec.and_then(|c| {
                        let path = c.termination_message_path.as_deref().unwrap_or("/dev/termination-log");
                        let fallback =
                            c.termination_message_policy.as_deref() == Some("FallbackToLogsOnError") && exit_code != 0;
                        self.runtime.termination_message(&id, path, fallback)
                    });
                    kube.on_exit_with_message(&id.container, exit_code, oom_killed, at, message);
                }
                self.sync_pod(&k);
            }
        }
    }

    /// Runs the kubelet for one pod at the current time.
    pub(super) fn sync_pod(&mut self, k: &(String, String)) {
        let now = self.now;
        let Some(p) = self.pods.get_mut(k) else { return };
        let Some(i) = p.node else { return };
        let Some(n) = self.nodes.get_mut(i) else { return };
        if !n.ready || p.not_ready_by_node {
            return;
        }
        let Some(kube) = p.kube.as_mut() else { return };
        let node_name = self.infos.get(i).map(|x| x.name.clone()).unwrap_or_default();
        let ident = PodIdent {
            namespace: &p.meta.namespace,
            name: &p.meta.name,
            uid: &p.runtime_uid,
            node: &node_name,
            pod_ip: p.pod_ip.as_deref().unwrap_or(""),
            is_static: p.is_static,
            grace_seconds: p.deletion.map(|d| d.1).or(p.spec.termination_grace_period_seconds).unwrap_or(30),
            generation: p.meta.generation.unwrap_or(1),
        };
        let mut ctx = Ctx {
            now,
            timings: &self.timings,
            rng: &mut self.rng,
            runtime: &mut self.runtime,
            images: &mut n.images,
            events: Vec::new(),
        };
        // While a resize is pending, the kubelet runs the pod with what it allocated.
        let spec = match kube.resize.pending {
            Some(_) => std::rc::Rc::new(kube.resize.allocated.apply_to(&p.spec)),
            None => p.spec.clone(),
        };
        let next = kube.sync(&spec, &ident, &mut ctx);
        let events = ctx.events;
        let phase = kube.phase;
        let ready = kube.ready();
        let gone = kube.gone;
        let obj = pod_ref(&p.meta);
        for e in events {
            let t = if e.warning { EventType::Warning } else { EventType::Normal };
            let obj = ObjectRef { field_path: e.field_path, ..obj.clone() };
            self.events.record(now, t, &obj, e.reason, e.message, "kubelet", Some(&node_name));
            self.changes.insert(Change::Events);
        }
        self.pod_changed(k);
        if gone {
            self.remove_pod(k);
            return;
        }
        let mut freed = false;
        let mut notify = false;
        if let Some(p) = self.pods.get_mut(k) {
            if phase != p.last_phase || ready != p.last_ready {
                notify = true;
            }
            if phase.is_terminal() && p.counted {
                p.counted = false;
                if let Some(info) = self.infos.get_mut(i) {
                    info.remove_pod(&p.info);
                }
                freed = true;
            }
            p.last_phase = phase;
            p.last_ready = ready;
        }
        if freed {
            self.cluster_changed();
        }
        if notify {
            self.controllers_dirty();
        }
        if let Some(t) = next {
            self.wake_pod(k, t.max(now));
        }
    }
}
