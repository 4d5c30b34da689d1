//! Ephemeral containers (`kubectl debug POD --image=…`): the pod's
//! `ephemeralcontainers` subresource adds one to `spec.ephemeralContainers`
//! after the API server's validation (`validateEphemeralContainers` in
//! `pkg/apis/core/validation/validation.go`), and the kubelet starts it
//! once, never restarting it, optionally in the process namespace of a
//! target container. Its state is reported in
//! `status.ephemeralContainerStatuses`.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::records::{key, pod_ref, Change, Timer};
use super::{ApiError, Cluster, EventType, ObjectRef};
use crate::kubelet::{ContainerState, ContainerStatus, Terminated};
use crate::model::EphemeralContainer;
use crate::runtime::{ContainerId, ContainerRuntime};
use crate::text::Text;

/// The most ephemeral containers one pod keeps (a bound, not upstream's).
const EPHEMERAL_MAX: usize = 16;

/// `validateEphemeralContainers`: the field errors for a new ephemeral
/// container, with the paths upstream reports, in its order: the
/// container's own checks (`validateContainerCommon`: the name), a name
/// used by any container of the pod, a target that is not a regular or
/// init container, then the fields an ephemeral container may not set
/// (`validateFieldAllowList` over `EphemeralContainerCommon`, in its field
/// order), then volume subpaths.
fn field_errors(
    ec: &EphemeralContainer,
    index: usize,
    names: &BTreeSet<String>,
    regular: &BTreeSet<String>,
) -> Vec<String> {
    let path = format!("spec.ephemeralContainers[{index}]");
    let c = &ec.container;
    let mut errs = Vec::new();
    for e in crate::names::dns1123_label(&c.name) {
        errs.push(format!("{path}.name: Invalid value: \"{}\": {e}", c.name));
    }
    if c.image.as_deref().unwrap_or("").is_empty() {
        errs.push(format!("{path}.image: Required value"));
    }
    if names.contains(&c.name) {
        errs.push(format!("{path}.name: Duplicate value: \"{}\"", c.name));
    }
    if let Some(t) = ec.target_container_name.as_deref().filter(|t| !t.is_empty()) {
        if !regular.contains(t) {
            errs.push(format!("{path}.targetContainerName: Not found: \"{t}\""));
        }
    }
    let forbidden = |field: &str| format!("{path}.{field}: Forbidden: cannot be set for an Ephemeral Container");
    let set = [
        ("ports", !c.ports.is_empty()),
        ("resources", c.resources.as_ref().is_some_and(|r| !r.limits.is_empty() || !r.requests.is_empty())),
        ("restartPolicy", c.restart_policy.is_some()),
        ("livenessProbe", c.liveness_probe.is_some()),
        ("readinessProbe", c.readiness_probe.is_some()),
        ("startupProbe", c.startup_probe.is_some()),
        ("lifecycle", c.lifecycle.is_some()),
    ];
    errs.extend(set.iter().filter(|(_, on)| *on).map(|(field, _)| forbidden(field)));
    for (i, m) in c.volume_mounts.iter().enumerate() {
        if m.sub_path.as_deref().is_some_and(|s| !s.is_empty()) {
            errs.push(forbidden(&format!("volumeMounts[{i}].subPath")));
        }
    }
    errs
}

impl<R: ContainerRuntime> Cluster<R> {
    /// The `ephemeralcontainers` subresource: adds `ec` to the pod, then its
    /// kubelet starts it.
    pub fn add_ephemeral_container(&mut self, ns: &str, name: &str, ec: EphemeralContainer) -> Result<(), ApiError> {
        let k = key(ns, name);
        let Some(p) = self.pods.get(&k) else { return Err(ApiError::not_found("pods", name)) };
        let regular: BTreeSet<String> =
            p.spec.containers.iter().chain(&p.spec.init_containers).map(|c| c.name.clone()).collect();
        let mut names = regular.clone();
        names.extend(p.spec.ephemeral_containers.iter().map(|e| e.container.name.clone()));
        let errs = field_errors(&ec, p.spec.ephemeral_containers.len(), &names, &regular);
        if !errs.is_empty() {
            let detail = if errs.len() == 1 { errs.join("") } else { format!("[{}]", errs.join(", ")) };
            return Err(ApiError::invalid(
                "Pod",
                name,
                &detail,
                Text::new(
                    format!("임시 컨테이너를 추가할 수 없습니다: {detail}. 이름은 파드 안에서 유일해야 하고, --target은 파드의 일반 컨테이너 이름이어야 합니다."),
                    format!("The ephemeral container cannot be added: {detail}. Its name must be unique in the pod, and --target must name one of the pod's regular containers."),
                ),
            ));
        }
        if p.spec.ephemeral_containers.len() >= EPHEMERAL_MAX {
            return Err(ApiError::forbidden(
                format!("pods \"{name}\" is forbidden: too many ephemeral containers in this playground"),
                Text::new("이 파드에는 임시 컨테이너가 너무 많습니다.", "This pod has too many ephemeral containers."),
            ));
        }
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", name)) };
        Rc::make_mut(&mut p.spec).ephemeral_containers.push(ec.clone());
        self.pod_changed(&k);
        self.start_ephemeral(&k, &ec);
        Ok(())
    }

    /// The kubelet's side, first half: the image is there or is pulled
    /// (upstream's pull delay), then [`Self::run_ephemeral`] creates and
    /// starts the container, once.
    fn start_ephemeral(&mut self, k: &(String, String), ec: &EphemeralContainer) {
        let now = self.now;
        let Some(p) = self.pods.get(k) else { return };
        let running = p.kube.as_ref().is_some_and(|kube| kube.sandbox_ready && !kube.sandbox_removed);
        let Some(i) = p.node.filter(|_| running) else { return };
        let uid = p.runtime_uid.clone();
        let node_name = self.infos.get(i).map(|x| x.name.clone()).unwrap_or_default();
        let c = &ec.container;
        let image = c.image.clone().unwrap_or_default();
        let obj = ObjectRef { field_path: format!("spec.ephemeralContainers{{{}}}", c.name), ..pod_ref(&p.meta) };
        let present = self.nodes.get(i).is_some_and(|n| n.images.contains(&image));
        let policy = c.image_pull_policy.as_deref().unwrap_or("IfNotPresent");
        let (wait_ms, events): (u64, Vec<(&str, String)>) = if present && policy != "Always" {
            let created = self.timings.create.draw(&mut self.rng);
            (created, vec![("Pulled", format!("Container image \"{image}\" already present on machine"))])
        } else {
            let pull = self.timings.image_pull.draw(&mut self.rng);
            let took = crate::kubelet::go_duration(pull);
            let pulled = format!(
                "Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {} bytes.",
                crate::kubelet::image_size(&image)
            );
            let created = self.timings.create.draw(&mut self.rng);
            (pull.saturating_add(created), vec![("Pulling", format!("Pulling image \"{image}\"")), ("Pulled", pulled)])
        };
        // The pull's end is recorded when it happens (run_ephemeral); the
        // start of the pull now.
        let mut events = events.into_iter();
        if let Some((reason, message)) = events.next() {
            self.events.record(now, EventType::Normal, &obj, reason, message, "kubelet", Some(&node_name));
        }
        let pending: Vec<(String, String)> = events.map(|(r, m)| (r.to_string(), m)).collect();
        self.changes.insert(Change::Events);
        let status = ContainerStatus {
            name: c.name.clone(),
            state: ContainerState::Waiting { reason: "ContainerCreating".into(), message: None },
            last_state: None,
            ready: false,
            restart_count: 0,
            image,
            started: None,
            restartable: false,
            allocated_resources: None,
            resources: None,
        };
        let list = self.ephemeral.entry(uid.clone()).or_default();
        list.retain(|s| s.name != status.name);
        list.push(status);
        self.ephemeral_pending.insert((uid.clone(), c.name.clone()), pending);
        self.push_timer(now.plus_ms(wait_ms), Timer::StartEphemeral(uid, c.name.clone()));
        self.pod_changed(k);
    }

    /// The kubelet's side, second half: create and start the container.
    pub(super) fn run_ephemeral(&mut self, uid: &str, name: &str) {
        let now = self.now;
        let pending = self.ephemeral_pending.remove(&(uid.to_string(), name.to_string())).unwrap_or_default();
        let Some(k) = self.by_runtime_uid.get(uid).cloned() else { return };
        let Some(p) = self.pods.get(&k) else { return };
        let Some(ec) = p.spec.ephemeral_containers.iter().find(|e| e.container.name == name).cloned() else { return };
        let running = p.kube.as_ref().is_some_and(|kube| kube.sandbox_ready && !kube.sandbox_removed);
        let Some(i) = p.node.filter(|_| running && p.deletion.is_none()) else { return };
        let node_name = self.infos.get(i).map(|x| x.name.clone()).unwrap_or_default();
        let obj = ObjectRef { field_path: format!("spec.ephemeralContainers{{{name}}}"), ..pod_ref(&p.meta) };
        let c = &ec.container;
        let image = c.image.clone().unwrap_or_default();
        let id = ContainerId { pod_uid: uid.to_string(), container: name.to_string() };
        let mut events: Vec<(EventType, String, String)> =
            pending.into_iter().map(|(r, m)| (EventType::Normal, r, m)).collect();
        let state = match self.runtime.start_ephemeral(&id, c, ec.target_container_name.as_deref(), c.stdin, now) {
            Ok(()) => {
                if let Some(n) = self.nodes.get_mut(i) {
                    n.images.insert(image);
                }
                events.push((EventType::Normal, "Created".into(), format!("Created container: {name}")));
                events.push((EventType::Normal, "Started".into(), format!("Started container {name}")));
                ContainerState::Running { started_at: now }
            }
            Err(e) => {
                events.push((EventType::Warning, "Failed".into(), format!("Error: {}", e.reason)));
                ContainerState::Waiting { reason: e.reason, message: Some(e.message) }
            }
        };
        for (t, reason, message) in events {
            self.events.record(now, t, &obj, &reason, message, "kubelet", Some(&node_name));
        }
        self.changes.insert(Change::Events);
        if let Some(s) = self.ephemeral.get_mut(uid).and_then(|l| l.iter_mut().find(|s| s.name == name)) {
            s.state = state;
        }
        self.pod_changed(&k);
    }

    /// An ephemeral container's program ended: it is never restarted.
    /// Returns whether `container` was an ephemeral container of the pod.
    pub(super) fn ephemeral_exited(
        &mut self,
        uid: &str,
        container: &str,
        exit_code: i32,
        at: crate::time::SimTime,
    ) -> bool {
        let Some(list) = self.ephemeral.get_mut(uid) else { return false };
        let Some(s) = list.iter_mut().find(|s| s.name == container) else { return false };
        let started_at = match &s.state {
            ContainerState::Running { started_at } => *started_at,
            _ => at,
        };
        s.state = ContainerState::Terminated(Terminated {
            exit_code,
            reason: if exit_code == 0 { "Completed" } else { "Error" }.to_string(),
            message: None,
            started_at,
            finished_at: at,
        });
        if let Some(k) = self.by_runtime_uid.get(uid).cloned() {
            self.pod_changed(&k);
        }
        true
    }

    /// A random name suffix from the cluster's seeded RNG (what a client's
    /// `utilrand.String(n)` gives: `debugger-8xzjq`, `node-debugger-w1-4kq2z`).
    pub fn name_suffix(&mut self, n: usize) -> String {
        self.rng.name_suffix(n)
    }

    /// The statuses of a pod's ephemeral containers, in the order they were added.
    pub(super) fn ephemeral_statuses(&self, uid: &str) -> Vec<ContainerStatus> {
        self.ephemeral.get(uid).cloned().unwrap_or_default()
    }
}
