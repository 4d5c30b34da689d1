//! Scheduling: the scheduler's run over the active queue, binding a pod to
//! a node (its IP, its kubelet state), and the "why here / why Pending" table.

use super::records::{key, pod_ref, Change, Timer};
use super::{Cluster, EventType};
use crate::kubelet::{Condition, KubeletPod};
use crate::runtime::ContainerRuntime;
use crate::scheduler::SchedulingTable;

impl<R: ContainerRuntime> Cluster<R> {
    pub(super) fn bind(&mut self, k: &(String, String), i: usize, via_scheduler: bool) {
        let now = self.now;
        // A pod bound by hand (`spec.nodeName`) meets no scheduler filter:
        // the kubelet's admission alone decides (static pods aside).
        if !via_scheduler {
            let rejection = match (self.pods.get(k), self.infos.get(i)) {
                (Some(p), Some(info)) if !p.is_static => crate::scheduler::admission_check(&p.info, info),
                _ => None,
            };
            if let Some(r) = rejection {
                self.reject(k, i, r);
                return;
            }
        }
        let Some(p) = self.pods.get_mut(k) else { return };
        let Some(n) = self.nodes.get_mut(i) else { return };
        let Some(info) = self.infos.get_mut(i) else { return };
        p.node = Some(i);
        p.counted = true;
        // Bound: the nomination has served (`ClearingNominatedNodeNameAfterBinding`).
        p.nominated_node = None;
        self.unschedulable.remove(k);
        info.add_pod(&p.info);
        if p.spec.host_network == Some(true) {
            // hostNetwork pods share the node's network namespace and IP.
            p.pod_ip = Some(n.internal_ip.clone());
        } else {
            // Flat pod network: the next free address of the node's /24 (.1 is the bridge).
            let free = (2u8..=254).find(|x| !n.ips_used.contains(x)).unwrap_or(254);
            n.ips_used.insert(free);
            p.pod_ip = Some(format!("{}.{}.{}.{free}", n.cidr[0], n.cidr[1], n.cidr[2]));
        }
        p.scheduled =
            Some(Condition { kind: "PodScheduled", status: true, reason: None, message: None, last_transition: now });
        p.message = None;
        let kube = KubeletPod::new(&p.spec, now, &self.timings, &mut self.rng);
        let due = kube.sandbox_due.unwrap_or(now);
        p.kube = Some(Box::new(kube));
        let node_name = info.name.clone();
        if via_scheduler {
            let obj = pod_ref(&p.meta);
            self.events.record(
                now,
                EventType::Normal,
                &obj,
                "Scheduled",
                format!("Successfully assigned {}/{} to {node_name}", k.0, k.1),
                "default-scheduler",
                None,
            );
            self.changes.insert(Change::Events);
        }
        self.pod_changed(k);
        self.wake_pod(k, due);
    }

    /// The kubelet refuses a pod at admission (`rejectPod` in
    /// `pkg/kubelet/kubelet.go`): a Warning event with the predicate's
    /// reason and message, and the pod Failed with `Pod was rejected: …`.
    /// It takes no room on the node and gets no IP.
    fn reject(&mut self, k: &(String, String), i: usize, r: crate::scheduler::Rejection) {
        let now = self.now;
        let node_name = self.infos.get(i).map(|n| n.name.clone());
        let Some(p) = self.pods.get_mut(k) else { return };
        p.node = Some(i);
        p.reason = Some(r.reason.clone());
        p.message = Some(format!("Pod was rejected: {}", r.message));
        p.kube = Some(Box::new(KubeletPod::rejected(&p.spec, now)));
        let obj = pod_ref(&p.meta);
        self.events.record(now, EventType::Warning, &obj, &r.reason, r.message, "kubelet", node_name.as_deref());
        self.changes.insert(Change::Events);
        self.pod_changed(k);
    }

    pub(super) fn run_scheduler(&mut self) {
        self.schedule_timer = None;
        let queue = std::mem::take(&mut self.active_q);
        for (_, _, ns, name) in queue {
            let k = (ns, name);
            let Some(p) = self.pods.get(&k) else { continue };
            if p.node.is_some() || p.deletion.is_some() {
                continue;
            }
            // `evaluateNominatedNode`: a pod nominated by an earlier
            // preemption takes its node as soon as the node fits it.
            let nominated = p.nominated_node.as_ref().and_then(|n| self.node_index.get(n).copied());
            if let Some(i) = nominated {
                let fits = self.infos.get(i).is_some_and(|n| self.scheduler.filter_node(&p.info, n).is_none());
                if fits {
                    self.bind(&k, i, true);
                    continue;
                }
            }
            let result = self.scheduler.schedule(&p.info, &self.infos, &mut self.rng);
            match result {
                Ok(d) => self.bind(&k, d.node, true),
                Err(mut fit) => {
                    fit.post_filter = self.post_filter(&k, &fit);
                    let msg = fit.message();
                    let now = self.now;
                    let flush = self.timings.sched_unschedulable_flush_ms;
                    let Some(p) = self.pods.get_mut(&k) else { continue };
                    p.sched_attempts = p.sched_attempts.saturating_add(1);
                    p.last_attempt = now;
                    let changed = p.scheduled.as_ref().is_none_or(|c| c.message.as_deref() != Some(&msg));
                    let since = p.scheduled.as_ref().filter(|c| !c.status).map_or(now, |c| c.last_transition);
                    p.scheduled = Some(Condition {
                        kind: "PodScheduled",
                        status: false,
                        reason: Some("Unschedulable"),
                        message: Some(msg.clone()),
                        last_transition: since,
                    });
                    let obj = pod_ref(&p.meta);
                    let attempts = p.sched_attempts;
                    self.events.record(
                        now,
                        EventType::Warning,
                        &obj,
                        "FailedScheduling",
                        msg,
                        "default-scheduler",
                        None,
                    );
                    self.changes.insert(Change::Events);
                    if changed {
                        self.pod_changed(&k);
                    }
                    let uid = self.pods.get(&k).map(|p| p.runtime_uid.clone()).unwrap_or_default();
                    self.unschedulable.insert(k.clone());
                    self.push_timer(now.plus_ms(flush), Timer::UnschedulableFlush(uid, attempts));
                }
            }
        }
    }

    /// The per-node filter and score table for a pod ("why here / why Pending"),
    /// computed against the current cluster without the pod itself.
    pub fn scheduling_table(&self, ns: &str, name: &str) -> Option<SchedulingTable> {
        let p = self.pods.get(&key(ns, name))?;
        let mut infos = self.infos.clone();
        if let (Some(i), true) = (p.node, p.counted) {
            if let Some(n) = infos.get_mut(i) {
                n.remove_pod(&p.info);
            }
        }
        Some(self.scheduler.table(&p.info, &infos))
    }
}
