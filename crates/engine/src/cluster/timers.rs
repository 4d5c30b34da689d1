//! Virtual time: the ordered timer queue, `advance_to` (every due timer and
//! runtime wake-up in time order, bounded), and what each timer does.

use std::cmp::Reverse;

use super::records::{pod_ref, Change, Timer};
use super::{controllers, Cluster, EventType, MAX_STEPS_PER_ADVANCE};
use crate::runtime::ContainerRuntime;
use crate::time::SimTime;

impl<R: ContainerRuntime> Cluster<R> {
    pub(super) fn push_timer(&mut self, at: SimTime, t: Timer) {
        self.timer_seq += 1;
        self.timers.insert((at.max(self.now), self.timer_seq), t);
    }

    pub(super) fn wake_pod(&mut self, k: &(String, String), at: SimTime) {
        let Some(p) = self.pods.get_mut(k) else { return };
        if p.next_wake.is_some_and(|w| w <= at && w >= self.now) {
            return;
        }
        p.next_wake = Some(at);
        let uid = p.runtime_uid.clone();
        self.push_timer(at, Timer::PodSync(uid));
    }

    pub(super) fn controllers_dirty(&mut self) {
        if self.workloads.is_empty() {
            return;
        }
        if self.controllers_timer.is_some_and(|t| t >= self.now) {
            return;
        }
        let at = self.now.plus_ms(self.timings.controller.draw(&mut self.rng));
        self.controllers_timer = Some(at);
        self.push_timer(at, Timer::Controllers);
    }

    pub(super) fn ensure_schedule_timer(&mut self, at: SimTime) {
        if self.schedule_timer.is_some_and(|t| t >= self.now && t <= at) {
            return;
        }
        self.schedule_timer = Some(at);
        self.push_timer(at, Timer::Schedule);
    }

    pub(super) fn enqueue(&mut self, k: &(String, String), not_before: SimTime) {
        let Some(p) = self.pods.get(k) else { return };
        self.active_q.insert((Reverse(p.info.priority), p.seq, k.0.clone(), k.1.clone()));
        let at = not_before.max(self.now.plus_ms(self.timings.schedule.draw(&mut self.rng)));
        self.ensure_schedule_timer(at);
    }

    /// Something that can make unschedulable pods fit happened: retry them
    /// after their back-off (1 s doubling to 10 s).
    pub(super) fn cluster_changed(&mut self) {
        let waiting: Vec<((String, String), SimTime)> = self
            .unschedulable
            .iter()
            .filter_map(|k| self.pods.get(k).map(|p| (k, p)))
            .filter(|(_, p)| p.node.is_none() && p.deletion.is_none())
            .map(|(k, p)| {
                let shift = p.sched_attempts.saturating_sub(1).min(10);
                let backoff = (self.timings.sched_backoff_initial_ms << shift).min(self.timings.sched_backoff_max_ms);
                (k.clone(), p.last_attempt.plus_ms(backoff))
            })
            .collect();
        for (k, at) in waiting {
            self.enqueue(&k, at);
        }
        self.retry_deferred_resizes();
    }

    /// Advances the clock by `ms`.
    pub fn advance_by(&mut self, ms: u64) -> u64 {
        let t = self.now.plus_ms(ms);
        self.advance_to(t)
    }

    /// The next virtual time at which anything would happen: the earliest
    /// timer or the runtime's next wake-up, in quinn-proto's
    /// `poll_timeout` style. `None`: nothing is scheduled, and advancing
    /// the clock changes nothing but the time.
    pub fn poll_timeout(&self) -> Option<SimTime> {
        let next_timer = self.timers.keys().next().map(|k| k.0);
        match (next_timer, self.runtime.next_wakeup()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Runs every due timer and runtime wakeup in time order up to `t`
    /// (bounded); returns how many steps ran.
    pub fn advance_to(&mut self, t: SimTime) -> u64 {
        let target = t.max(self.now);
        let mut steps = 0u64;
        while steps < MAX_STEPS_PER_ADVANCE {
            let Some(next) = self.poll_timeout() else { break };
            let next_rt = self.runtime.next_wakeup();
            if next > target {
                break;
            }
            self.now = self.now.max(next);
            steps += 1;
            if next_rt.is_some_and(|r| r <= self.now) {
                self.process_runtime();
            }
            while let Some(entry) = self.timers.first_entry() {
                if entry.key().0 > self.now || steps >= MAX_STEPS_PER_ADVANCE {
                    break;
                }
                let timer = entry.remove();
                steps += 1;
                self.fire(timer);
            }
        }
        self.now = target;
        self.process_runtime();
        steps
    }

    pub(super) fn fire(&mut self, t: Timer) {
        match t {
            Timer::Schedule => {
                if self.schedule_timer.is_some_and(|at| at <= self.now) || self.schedule_timer.is_none() {
                    self.run_scheduler();
                }
            }
            Timer::Controllers => {
                self.controllers_timer = None;
                controllers::reconcile(self);
            }
            Timer::PodSync(uid) => {
                let Some(k) = self.by_runtime_uid.get(&uid).cloned() else { return };
                if let Some(p) = self.pods.get_mut(&k) {
                    if p.next_wake.is_some_and(|w| w > self.now) {
                        return;
                    }
                    p.next_wake = None;
                }
                self.sync_pod(&k);
            }
            Timer::Evict(uid) => self.evict(&uid),
            Timer::Namespace(name) => self.sync_namespace(&name),
            Timer::StartEphemeral(uid, name) => self.run_ephemeral(&uid, &name),
            Timer::UnschedulableFlush(uid, attempts) => {
                let Some(k) = self.by_runtime_uid.get(&uid).cloned() else { return };
                let due = self.pods.get(&k).is_some_and(|p| p.node.is_none() && p.sched_attempts == attempts);
                if due {
                    self.enqueue(&k, self.now);
                }
            }
        }
    }

    pub(super) fn evict(&mut self, uid: &str) {
        let Some(k) = self.by_runtime_uid.get(uid).cloned() else { return };
        let Some(p) = self.pods.get(&k) else { return };
        if p.deletion.is_some() || p.is_static {
            return;
        }
        // Still on a node with an untolerated-by-now NoExecute taint?
        let Some(i) = p.node else { return };
        // A NoExecute taint the pod does not tolerate, or tolerates only
        // for a while (tolerationSeconds), still evicts it.
        let still = self.infos.get(i).is_some_and(|n| {
            n.taints.iter().filter(|t| t.effect == "NoExecute").any(|t| {
                match p.spec.tolerations.iter().find(|tol| crate::scheduler::tolerates(tol, t)) {
                    None => true,
                    Some(tol) => tol.toleration_seconds.is_some(),
                }
            })
        });
        if !still {
            return;
        }
        let obj = pod_ref(&p.meta);
        self.events.record(
            self.now,
            EventType::Normal,
            &obj,
            "TaintManagerEviction",
            format!("Marking for deletion Pod {}/{}", k.0, k.1),
            "taint-eviction-controller",
            None,
        );
        self.changes.insert(Change::Events);
        let _ = self.delete_pod(&k.0, &k.1, None);
    }
}

#[cfg(test)]
mod tests {
    use crate::cluster::Cluster;
    use crate::model::Pod;

    /// A pod whose one container sleeps 30 s and exits, never restarted.
    const SLEEPER: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: sleeper\nspec:\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'sleep 30']\n";

    fn pod(yaml: &str) -> Pod {
        let parsed = crate::parse(yaml);
        let pod = parsed.objects.into_iter().find_map(|o| match o.object {
            crate::Object::Pod(p) => Some(p),
            _ => None,
        });
        pod.expect("the fixture is a pod")
    }

    #[test]
    fn poll_timeout_is_none_when_nothing_is_scheduled() {
        let mut c = Cluster::new(1);
        assert_eq!(c.poll_timeout(), None);
        c.advance_by(60_000);
        assert_eq!(c.poll_timeout(), None, "time passing schedules nothing by itself");
    }

    #[test]
    fn poll_timeout_is_the_next_timer() {
        let mut c = Cluster::new(1);
        c.apply(pod(SLEEPER)).unwrap();
        let next_timer = c.timers.keys().next().map(|k| k.0);
        assert!(next_timer.is_some(), "a new pod waits for the scheduler");
        assert_eq!(c.poll_timeout(), next_timer);
    }

    #[test]
    fn advancing_to_poll_timeout_makes_progress_until_nothing_is_left() {
        let mut c = Cluster::new(1);
        c.apply(pod(SLEEPER)).unwrap();
        let mut steps = 0;
        while let Some(t) = c.poll_timeout() {
            assert!(steps < 1_000, "the deadlines never ran out");
            steps += 1;
            c.advance_to(t);
            assert!(c.now() >= t);
            assert!(c.poll_timeout().is_none_or(|next| next > t), "everything due at {t:?} ran");
        }
        let v = c.pod("default", "sleeper").unwrap();
        assert_eq!(v.status, "Completed", "{v:?}");
    }
}
