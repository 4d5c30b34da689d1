//! The API's inputs: creating, updating and deleting pods and workloads
//! (`apply`, `create`, `delete_pod`), labels and annotations, static pods.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::records::{apply_label, key, pod_ref, ApiObject, ApplyOutcome, Change, PodRec};
use super::{controllers, defaults, ApiError, Cluster, EventType, MAX_PODS};
use crate::kubelet::{self, Phase};
use crate::model::{self, ObjectMeta, Pod, PodSpec, Workload};
use crate::runtime::ContainerRuntime;
use crate::scheduler::PodInfo;
use crate::text::Text;
use crate::time::SimTime;

impl<R: ContainerRuntime> Cluster<R> {
    /// `kubectl apply`: creates the object or updates it within upstream's
    /// immutability rules.
    pub fn apply(&mut self, obj: impl Into<ApiObject>) -> Result<ApplyOutcome, ApiError> {
        match obj.into() {
            ApiObject::Pod(p) => self.apply_pod(p, true),
            ApiObject::Workload(w) => {
                self.admit_workload(&w)?;
                self.apply_workload(w)
            }
            ApiObject::Data(v) => self.apply_object(v, true),
        }
    }

    /// A Namespace goes to the namespace store; a ConfigMap or Secret is
    /// admitted into its namespace, then stored.
    fn apply_object(&mut self, mut v: serde_json::Value, update_ok: bool) -> Result<ApplyOutcome, ApiError> {
        let kind = v.get("kind").and_then(serde_json::Value::as_str).unwrap_or("").to_string();
        if kind == "Namespace" {
            return self.apply_namespace(v, update_ok);
        }
        if kind == super::priority::PRIORITY_CLASS {
            return self.apply_priority_class(v, update_ok);
        }
        let name = v.pointer("/metadata/name").and_then(serde_json::Value::as_str).unwrap_or("").to_string();
        let ns = v.pointer("/metadata/namespace").and_then(serde_json::Value::as_str).unwrap_or("").to_string();
        let ns = if ns.is_empty() { "default".to_string() } else { ns };
        if let Some(m) = v.get_mut("metadata").and_then(serde_json::Value::as_object_mut) {
            m.insert("namespace".into(), ns.clone().into());
        }
        let exists = self.objects.contains_key(&(kind.clone(), ns.clone(), name.clone()));
        if !exists {
            self.admit_create(&ns, super::objects::data_resource(&kind), &name)?;
        }
        self.apply_data(v, update_ok)
    }

    /// The NamespaceLifecycle admission of a new workload.
    fn admit_workload(&self, w: &Workload) -> Result<(), ApiError> {
        let ns = if w.metadata.namespace.is_empty() { "default" } else { &w.metadata.namespace };
        let k = (w.kind.clone(), ns.to_string(), w.metadata.name.clone());
        if self.workloads.contains_key(&k) {
            return Ok(());
        }
        self.admit_create(ns, &controllers::resource_name(&w.kind), &w.metadata.name)
    }

    /// `kubectl create`: like apply, but an existing name is an error.
    pub fn create(&mut self, obj: impl Into<ApiObject>) -> Result<ApplyOutcome, ApiError> {
        match obj.into() {
            ApiObject::Pod(p) => self.apply_pod(p, false),
            ApiObject::Workload(w) => {
                let ns = if w.metadata.namespace.is_empty() { "default" } else { &w.metadata.namespace };
                let k = (w.kind.clone(), ns.to_string(), w.metadata.name.clone());
                if self.workloads.contains_key(&k) {
                    return Err(ApiError::already_exists(&controllers::resource_name(&w.kind), &w.metadata.name));
                }
                self.admit_workload(&w)?;
                self.apply_workload(w)
            }
            ApiObject::Data(v) => self.apply_object(v, false),
        }
    }

    pub(super) fn apply_pod(&mut self, mut pod: Pod, update_ok: bool) -> Result<ApplyOutcome, ApiError> {
        let classes = self.priority_class_values();
        if let Err(e) = defaults::pod(&mut pod, self.timings.default_toleration_seconds, &classes) {
            // The Priority admission only judges a create; an update keeps
            // the stored priority (`admitPod` on Update).
            let stored = self.pods.get(&key(&pod.metadata.namespace, &pod.metadata.name));
            let Some(old) = stored else { return Err(e) };
            pod.spec.priority = old.spec.priority;
            pod.spec.preemption_policy = old.spec.preemption_policy.clone();
        }
        if pod.metadata.name.is_empty() {
            if pod.metadata.generate_name.is_empty() {
                return Err(ApiError::invalid(
                    "Pod",
                    "",
                    "metadata.name: Required value: name or generateName is required",
                    Text::new("파드에는 metadata.name이 있어야 합니다.", "A pod needs metadata.name."),
                ));
            }
            pod.metadata.name = self.unique_name(&pod.metadata.namespace, &pod.metadata.generate_name);
        }
        if pod.spec.containers.is_empty() {
            return Err(ApiError::invalid(
                "Pod",
                &pod.metadata.name,
                "spec.containers: Required value",
                Text::new("파드에는 컨테이너가 하나 이상 있어야 합니다.", "A pod needs at least one container."),
            ));
        }
        let k = key(&pod.metadata.namespace, &pod.metadata.name);
        if self.pods.contains_key(&k) {
            if !update_ok {
                return Err(ApiError::already_exists("pods", &pod.metadata.name));
            }
            return self.update_pod(&k, pod);
        }
        self.admit_create(&k.0, "pods", &k.1)?;
        if !pod.spec.ephemeral_containers.is_empty() {
            // ValidatePodCreate: they arrive only through the subresource.
            return Err(ApiError::invalid(
                "Pod",
                &pod.metadata.name,
                "spec.ephemeralContainers: Forbidden: cannot be set on create",
                Text::new(
                    "ephemeralContainers는 파드를 만들 때 쓸 수 없습니다. 실행 중인 파드에 `kubectl debug 파드이름 --image=busybox:1.36`으로 추가하세요.",
                    "ephemeralContainers cannot be set when a pod is created. Add one to a running pod with `kubectl debug POD --image=busybox:1.36`.",
                ),
            ));
        }
        self.create_pod(pod, Rc::new(PodSpec::default()), false, None)?;
        Ok(ApplyOutcome::Created { kind: "pod".into(), name: k.1 })
    }

    pub(super) fn unique_name(&mut self, ns: &str, prefix: &str) -> String {
        for _ in 0..16 {
            let name = format!("{prefix}{}", self.rng.name_suffix(5));
            if !self.pods.contains_key(&key(ns, &name)) {
                return name;
            }
        }
        format!("{prefix}{}", self.pod_seq)
    }

    /// Stores a new pod. `shared` is reused as the spec when equal (pods
    /// stamped from one template share one spec in memory).
    pub(super) fn create_pod(
        &mut self,
        mut pod: Pod,
        shared: Rc<PodSpec>,
        is_static: bool,
        owner: Option<u64>,
    ) -> Result<(String, String), ApiError> {
        if self.pods.len() >= MAX_PODS {
            return Err(ApiError::forbidden(
                "exceeded quota: too many pods in the simulation".into(),
                Text::new("시뮬레이션의 파드 수 한도를 넘었습니다.", "The simulation's pod limit is reached."),
            ));
        }
        let uid = self.rng.uuid();
        if !is_static {
            let sa = pod.spec.service_account_name.clone().unwrap_or_default();
            let sa_key = ("ServiceAccount".to_string(), pod.metadata.namespace.clone(), sa);
            let automount = self
                .objects
                .get(&sa_key)
                .and_then(|v| v.get("automountServiceAccountToken"))
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(true);
            // The suffix comes from the seeded RNG through the pod's UID, so
            // that it draws nothing more from the RNG than a pod did before.
            let suffix = || crate::rng::Rng::new(crate::hash::fnv1a_64(uid.as_bytes())).name_suffix(5);
            crate::defaults::mount_service_account_token(&mut pod, automount, suffix);
        }
        pod.metadata.uid = uid.clone();
        pod.metadata.creation_timestamp = Some(self.now.rfc3339());
        // Pod generation (GA in 1.35): 1 on create, bumped by each spec
        // change (pkg/registry/core/pod/strategy.go `PrepareForCreate`).
        pod.metadata.generation = Some(1);
        let k = key(&pod.metadata.namespace, &pod.metadata.name);
        let spec = if *shared == pod.spec { shared } else { Rc::new(std::mem::take(&mut pod.spec)) };
        // Pods stamped from one template share one PodInfo.
        let info = match &self.last_info {
            Some((s, i)) if Rc::ptr_eq(s, &spec) => i.clone(),
            _ => {
                let i = Rc::new(PodInfo::new(&spec));
                self.last_info = Some((spec.clone(), i.clone()));
                i
            }
        };
        self.pod_seq += 1;
        let node_name = spec.node_name.clone().filter(|n| !n.is_empty());
        let rec = PodRec {
            meta: pod.metadata,
            spec,
            seq: self.pod_seq,
            created: self.now,
            info,
            runtime_uid: uid.clone(),
            owner,
            node: None,
            counted: false,
            pod_ip: None,
            scheduled: None,
            kube: None,
            deletion: None,
            is_static,
            reason: None,
            message: None,
            next_wake: None,
            not_ready_by_node: false,
            dirty: false,
            last_phase: Phase::Pending,
            last_ready: false,
            sched_attempts: 0,
            last_attempt: SimTime::ZERO,
            resource_version: 0,
            nominated_node: None,
            disruption: None,
        };
        self.by_runtime_uid.insert(uid, k.clone());
        self.pods.insert(k.clone(), rec);
        self.pod_changed(&k);
        match node_name.and_then(|n| self.node_index.get(&n).copied()) {
            // A pod with spec.nodeName skips the scheduler; the kubelet takes it.
            Some(i) => self.bind(&k, i, false),
            None => self.enqueue(&k, self.now),
        }
        self.controllers_dirty();
        Ok(k)
    }

    pub(super) fn update_pod(&mut self, k: &(String, String), mut pod: Pod) -> Result<ApplyOutcome, ApiError> {
        let Some(rec) = self.pods.get_mut(k) else { return Err(ApiError::not_found("pods", &k.1)) };
        // The token volume the ServiceAccount admission added on create is
        // the server's: an apply that does not name it keeps it (the patch
        // leaves fields it does not mention).
        let token = rec
            .spec
            .volumes
            .iter()
            .find_map(|v| v.name.strip_prefix(crate::defaults::SERVICE_ACCOUNT_VOLUME_PREFIX))
            .map(str::to_string);
        if let Some(suffix) = token.filter(|_| {
            !pod.spec.volumes.iter().any(|v| v.name.starts_with(crate::defaults::SERVICE_ACCOUNT_VOLUME_PREFIX))
        }) {
            crate::defaults::mount_service_account_token(&mut pod, true, || suffix);
        }
        // An update that changes nothing is a no-op for every pod, a mirror
        // pod included (applying back what `get -o yaml` printed).
        if *rec.spec == pod.spec
            && rec.meta.labels == pod.metadata.labels
            && rec.meta.annotations == pod.metadata.annotations
        {
            return Ok(ApplyOutcome::Unchanged { kind: "pod".into(), name: k.1.clone() });
        }
        if rec.is_static {
            return Err(ApiError::forbidden(
                format!("pods \"{}\" is forbidden: a mirror pod is read-only; change the static pod manifest on the node instead", k.1),
                Text::new(
                    "미러 파드는 노드의 정적 파드 매니페스트를 API에 비춰 보여 줄 뿐이라 API로 바꿀 수 없습니다. 노드의 매니페스트 디렉터리에서 파일을 고치세요.",
                    "A mirror pod only reflects a static pod manifest on the node; it cannot be changed through the API. Edit the file in the node's manifest directory.",
                ),
            ));
        }
        // Upstream ValidatePodUpdate: only images, activeDeadlineSeconds,
        // added tolerations and terminationGracePeriodSeconds may change.
        let old = &*rec.spec;
        let mut probe = pod.spec.clone();
        for (c, o) in probe.containers.iter_mut().zip(&old.containers) {
            c.image = o.image.clone();
        }
        for (c, o) in probe.init_containers.iter_mut().zip(&old.init_containers) {
            c.image = o.image.clone();
        }
        probe.active_deadline_seconds = old.active_deadline_seconds;
        probe.termination_grace_period_seconds = old.termination_grace_period_seconds;
        let tolerations_ok = old.tolerations.iter().all(|t| pod.spec.tolerations.contains(t));
        probe.tolerations = old.tolerations.clone();
        probe.node_name = old.node_name.clone();
        // An apply that does not mention ephemeral containers leaves those
        // `kubectl debug` added (the merge keeps fields it does not name).
        if probe.ephemeral_containers.is_empty() {
            probe.ephemeral_containers = old.ephemeral_containers.clone();
        }
        if probe != *old || !tolerations_ok {
            return Err(ApiError::invalid(
                "Pod",
                &k.1,
                "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
                Text::new(
                    "파드의 spec은 대부분 만든 뒤에 바꿀 수 없습니다. 이미지, activeDeadlineSeconds, 톨러레이션 추가만 됩니다. 다른 것을 바꾸려면 파드를 지우고 다시 만드세요(디플로이먼트를 쓰면 이 일을 대신 해 줍니다).",
                    "Most of a pod's spec is immutable once created: only images, activeDeadlineSeconds and added tolerations can change. Delete and recreate the pod to change anything else (a Deployment does this for you).",
                ),
            ));
        }
        let spec_changed = pod.spec.containers.iter().zip(&old.containers).any(|(a, b)| a.image != b.image)
            || pod.spec.init_containers.iter().zip(&old.init_containers).any(|(a, b)| a.image != b.image)
            || pod.spec.tolerations != old.tolerations
            || pod.spec.active_deadline_seconds != old.active_deadline_seconds;
        let meta_changed = pod.metadata.labels != rec.meta.labels || pod.metadata.annotations != rec.meta.annotations;
        if !spec_changed && !meta_changed {
            return Ok(ApplyOutcome::Unchanged { kind: "pod".into(), name: k.1.clone() });
        }
        rec.meta.labels = pod.metadata.labels;
        rec.meta.annotations = pod.metadata.annotations;
        if spec_changed {
            let mut new_spec = (*rec.spec).clone();
            for (c, n) in new_spec.containers.iter_mut().zip(&pod.spec.containers) {
                c.image = n.image.clone();
            }
            for (c, n) in new_spec.init_containers.iter_mut().zip(&pod.spec.init_containers) {
                c.image = n.image.clone();
            }
            new_spec.tolerations = pod.spec.tolerations;
            new_spec.active_deadline_seconds = pod.spec.active_deadline_seconds;
            rec.meta.generation = Some(rec.meta.generation.unwrap_or(1).saturating_add(1));
            rec.info = Rc::new(PodInfo::new(&new_spec));
            rec.spec = Rc::new(new_spec);
            let unscheduled = rec.node.is_none();
            let k2 = k.clone();
            self.restart_changed_containers(&k2);
            if unscheduled {
                // An updated pending pod goes back to the active queue.
                self.enqueue(&k2, self.now);
            }
        }
        self.pod_changed(k);
        self.controllers_dirty();
        Ok(ApplyOutcome::Configured { kind: "pod".into(), name: k.1.clone() })
    }

    /// After an image change the kubelet restarts the changed containers.
    pub(super) fn restart_changed_containers(&mut self, k: &(String, String)) {
        let now = self.now;
        let Some(p) = self.pods.get_mut(k) else { return };
        let Some(kube) = p.kube.as_mut() else { return };
        let obj = pod_ref(&p.meta);
        let host = p.node.and_then(|i| self.infos.get(i)).map(|n| n.name.clone());
        for c in kube.main.iter_mut() {
            let Some(cs) = p.spec.containers.get(c.idx) else { continue };
            let image = cs.image.clone().unwrap_or_default();
            if c.status.image == image {
                continue;
            }
            c.status.image = image;
            c.image_changed();
            if c.stage == kubelet::Stage::Running {
                self.events.record(
                    now,
                    EventType::Normal,
                    &obj,
                    "Killing",
                    format!("Container {} definition changed, will be restarted", cs.name),
                    "kubelet",
                    host.as_deref(),
                );
                self.runtime.signal(
                    &crate::runtime::ContainerId { pod_uid: p.runtime_uid.clone(), container: cs.name.clone() },
                    crate::runtime::Signal::Kill,
                    now,
                );
            }
        }
        // The kubelet syncs the pod at once, even when its next wake-up (a
        // back-off) lies later.
        if let Some(p) = self.pods.get_mut(k) {
            p.next_wake = None;
        }
        self.wake_pod(k, now);
    }

    pub(super) fn apply_workload(&mut self, w: Workload) -> Result<ApplyOutcome, ApiError> {
        let out = controllers::apply(self, w)?;
        self.controllers_dirty();
        Ok(out)
    }

    /// Deletes a ReplicaSet, Deployment or Job and (in the background) its pods.
    pub fn delete_workload(&mut self, kind: &str, ns: &str, name: &str) -> Result<(), ApiError> {
        controllers::delete(self, kind, ns, name)
    }

    /// `kubectl scale`: a Deployment's or ReplicaSet's new `spec.replicas`.
    pub fn scale_workload(&mut self, kind: &str, ns: &str, name: &str, replicas: i32) -> Result<(), ApiError> {
        controllers::scale(self, kind, ns, name, replicas)?;
        self.controllers_dirty();
        Ok(())
    }

    /// `kubectl delete pod`: graceful (Terminating for the grace period, then
    /// gone). `grace: Some(0)` is `--grace-period=0 --force`.
    pub fn delete_pod(&mut self, ns: &str, name: &str, grace: Option<i64>) -> Result<(), ApiError> {
        let k = key(ns, name);
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", name)) };
        if p.is_static {
            // The API object goes, but the kubelet recreates the mirror pod at
            // once: the static pod keeps running.
            let uid = self.rng.uuid();
            p.meta.uid = uid;
            p.meta.creation_timestamp = Some(self.now.rfc3339());
            // A new API object: its AGE starts again.
            p.created = self.now;
            self.pod_changed(&k);
            return Ok(());
        }
        let grace = grace.or(p.spec.termination_grace_period_seconds).unwrap_or(30).max(0);
        let terminal = p.kube.as_ref().is_some_and(|kp| kp.phase.is_terminal());
        if p.node.is_none() || terminal || grace == 0 {
            self.remove_pod(&k);
            return Ok(());
        }
        if let Some((_, old)) = p.deletion {
            if grace >= old {
                return Ok(());
            }
        }
        p.deletion = Some((self.now, grace));
        p.meta.deletion_timestamp =
            Some(self.now.plus_ms(u64::try_from(grace).unwrap_or(0).saturating_mul(1000)).rfc3339());
        p.meta.deletion_grace_period_seconds = Some(grace);
        let node_ready = p.node.and_then(|i| self.nodes.get(i)).is_some_and(|n| n.ready);
        if let (true, Some(kube)) = (node_ready, p.kube.as_mut()) {
            kube.start_termination(grace, true, self.now);
        }
        self.pod_changed(&k);
        let now = self.now;
        self.wake_pod(&k, now);
        self.controllers_dirty();
        Ok(())
    }

    /// Removes a pod from the API at once and releases what it held.
    pub(super) fn remove_pod(&mut self, k: &(String, String)) {
        let Some(p) = self.pods.remove(k) else { return };
        if let Some(i) = p.node {
            if p.counted {
                if let Some(info) = self.infos.get_mut(i) {
                    info.remove_pod(&p.info);
                }
            }
            if let (Some(ip), Some(n), false) =
                (p.pod_ip.as_deref(), self.nodes.get_mut(i), p.spec.host_network == Some(true))
            {
                if let Some(last) = ip.rsplit('.').next().and_then(|x| x.parse::<u8>().ok()) {
                    n.ips_used.remove(&last);
                }
            }
            // A finished pod's sandbox is already stopped; removing it now
            // also drops its exited containers and their logs.
            if p.kube.is_some() {
                self.runtime.remove_sandbox(&p.runtime_uid, self.now);
            }
        }
        self.by_runtime_uid.remove(&p.runtime_uid);
        self.unschedulable.remove(k);
        self.active_q.retain(|e| !(e.2 == k.0 && e.3 == k.1));
        self.pod_changed(k);
        self.cluster_changed();
        self.controllers_dirty();
    }

    /// `kubectl label pod`: `value: None` removes the key. Labels feed
    /// selectors, so the controllers look again.
    pub fn label_pod(
        &mut self,
        ns: &str,
        name: &str,
        key_: &str,
        value: Option<&str>,
        overwrite: bool,
    ) -> Result<(), ApiError> {
        self.set_pod_meta(ns, name, |m| &mut m.labels, key_, value, overwrite)?;
        self.controllers_dirty();
        Ok(())
    }

    /// `kubectl annotate pod`: `value: None` removes the key.
    pub fn annotate_pod(
        &mut self,
        ns: &str,
        name: &str,
        key_: &str,
        value: Option<&str>,
        overwrite: bool,
    ) -> Result<(), ApiError> {
        self.set_pod_meta(ns, name, |m| &mut m.annotations, key_, value, overwrite)
    }

    /// Sets or removes one key of a pod's labels or annotations (`field`
    /// picks which) and reports the pod changed.
    fn set_pod_meta(
        &mut self,
        ns: &str,
        name: &str,
        field: fn(&mut ObjectMeta) -> &mut BTreeMap<String, String>,
        key_: &str,
        value: Option<&str>,
        overwrite: bool,
    ) -> Result<(), ApiError> {
        let k = key(ns, name);
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", name)) };
        apply_label(field(&mut p.meta), key_, value, overwrite)?;
        self.pod_changed(&k);
        Ok(())
    }

    /// Puts a static pod manifest in a node's manifest directory: the
    /// kubelet runs it without the scheduler, and a read-only mirror pod
    /// named `<name>-<node>` appears in the API.
    pub fn add_static_pod(&mut self, node: &str, mut pod: Pod) -> Result<(String, String), ApiError> {
        let i = self.node_idx(node)?;
        // The kubelet runs a static pod whatever the API server says of its
        // mirror pod; a class it cannot resolve leaves the priority as written.
        let classes = self.priority_class_values();
        let _ = defaults::pod(&mut pod, self.timings.default_toleration_seconds, &classes);
        if pod.spec.containers.is_empty() || pod.metadata.name.is_empty() {
            return Err(ApiError::invalid(
                "Pod",
                &pod.metadata.name,
                "spec.containers: Required value",
                Text::new(
                    "정적 파드에도 이름과 컨테이너가 있어야 합니다.",
                    "A static pod needs a name and containers.",
                ),
            ));
        }
        let name = format!("{}-{node}", pod.metadata.name);
        if self.pods.contains_key(&key(&pod.metadata.namespace, &name)) {
            return Err(ApiError::already_exists("pods", &name));
        }
        pod.metadata.name = name;
        pod.spec.node_name = Some(node.to_string());
        // Static pods tolerate every NoExecute taint (kubelet's static pod defaults).
        pod.spec.tolerations.push(model::Toleration {
            operator: Some("Exists".into()),
            effect: Some("NoExecute".into()),
            ..Default::default()
        });
        let hash = format!("{:016x}", self.rng.next_u64());
        let a = &mut pod.metadata.annotations;
        a.insert("kubernetes.io/config.source".into(), "file".into());
        a.insert("kubernetes.io/config.hash".into(), hash.clone());
        a.insert("kubernetes.io/config.mirror".into(), hash);
        a.insert("kubernetes.io/config.seen".into(), self.now.rfc3339());
        let node_uid = self.nodes.get(i).map(|n| n.meta.uid.clone()).unwrap_or_default();
        pod.metadata.owner_references = vec![model::OwnerReference {
            api_version: "v1".into(),
            kind: "Node".into(),
            name: node.to_string(),
            uid: node_uid,
            controller: Some(true),
        }];
        let k = self.create_pod(pod, Rc::new(PodSpec::default()), true, None)?;
        Ok(k)
    }

    /// Removes a static pod manifest: the kubelet stops the pod and the mirror pod goes.
    pub fn remove_static_pod(&mut self, node: &str, name: &str, namespace: &str) -> Result<(), ApiError> {
        let k = key(namespace, &format!("{name}-{node}"));
        let Some(p) = self.pods.get_mut(&k) else { return Err(ApiError::not_found("pods", &k.1)) };
        p.is_static = false;
        self.delete_pod(&k.0, &k.1, None)
    }

    /// A static pod manifest that changed: the file's new content is a new
    /// pod (its UID is a hash of the file), so the kubelet stops the old one
    /// and its mirror pod goes at once; the new one is added in its place.
    /// Follows pkg/kubelet/config/common.go (`applyDefaults` hashes the file
    /// into the UID) and pkg/kubelet/pod/mirror_client.go.
    pub fn replace_static_pod(
        &mut self,
        node: &str,
        old_name: &str,
        old_namespace: &str,
        pod: Pod,
    ) -> Result<(String, String), ApiError> {
        let k = key(old_namespace, &format!("{old_name}-{node}"));
        if let Some(p) = self.pods.get_mut(&k) {
            p.is_static = false;
            self.delete_pod(&k.0, &k.1, Some(0))?;
        }
        self.add_static_pod(node, pod)
    }

    /// Notes that a pod changed, once per drain (no allocation when already noted).
    pub(super) fn pod_changed(&mut self, k: &(String, String)) {
        // Every write is a new resourceVersion.
        self.resource_version = self.resource_version.saturating_add(1);
        let rv = self.resource_version;
        match self.pods.get_mut(k) {
            Some(p) if p.dirty => p.resource_version = rv,
            Some(p) => {
                p.resource_version = rv;
                p.dirty = true;
                self.changes.insert(Change::Pod { namespace: k.0.clone(), name: k.1.clone() });
            }
            None => {
                self.changes.insert(Change::Pod { namespace: k.0.clone(), name: k.1.clone() });
            }
        }
    }
}
