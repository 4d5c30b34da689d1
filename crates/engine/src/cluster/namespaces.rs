//! Namespaces as API objects: the four a kubeadm cluster starts with, the
//! NamespaceLifecycle admission (no new content in a missing or
//! terminating namespace, three namespaces that may not be deleted) and the
//! namespace controller that empties a deleted namespace and then removes it.
//!
//! Follows `staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go`
//! (admission), `pkg/registry/core/namespace/storage/storage.go` (delete
//! sets `deletionTimestamp` and phase Terminating while the `kubernetes`
//! finalizer remains) and `pkg/controller/namespace/namespace_controller.go`
//! with `deletion/namespaced_resources_deleter.go` (the controller waits
//! `namespaceDeletionGracePeriod`, 5 s, deletes every object in the
//! namespace, and while pods are still terminating comes back after
//! `estimate/2 + 1` seconds, the estimate being the longest grace period of
//! the pods left; an empty namespace loses its finalizer and is removed).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::records::{ApplyOutcome, Change, Timer};
use super::{ApiError, Cluster};
use crate::model::ObjectMeta;
use crate::runtime::ContainerRuntime;
use crate::text::Text;
use crate::time::SimTime;

/// The namespaces a kubeadm cluster starts with.
pub const INITIAL_NAMESPACES: [&str; 4] = ["default", "kube-node-lease", "kube-public", "kube-system"];
/// The namespaces the NamespaceLifecycle plugin never lets go (`immortalNamespaces`).
const IMMORTAL: [&str; 3] = ["default", "kube-public", "kube-system"];
/// The label the API server puts on every namespace (`NamespaceDefaultLabelName`).
pub const NAME_LABEL: &str = "kubernetes.io/metadata.name";
/// How long the namespace controller waits before it acts on a deleted
/// namespace (`namespaceDeletionGracePeriod`).
pub const NAMESPACE_DELETION_GRACE_MS: u64 = 5_000;
/// The most namespaces the cluster holds.
pub const MAX_NAMESPACES: usize = 10_000;

/// A namespace as the cluster holds it.
pub(super) struct NamespaceRec {
    pub(super) meta: ObjectMeta,
    /// Set once the namespace is deleted: it is Terminating.
    pub(super) terminating: Option<SimTime>,
    /// The deletion conditions the controller reported at its last pass.
    pub(super) conditions: Vec<Value>,
}

/// A UUID-shaped ID derived from `seed` (the cluster's random stream is left alone).
pub(super) fn uid_of(seed: &str) -> String {
    let h = crate::hash::hex_digest(seed, 32);
    let part = |a: usize, b: usize| h.get(a..b).unwrap_or("").to_string();
    format!("{}-{}-{}-{}-{}", part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32))
}

/// One condition of a terminating namespace (core/v1 `NamespaceCondition`).
fn condition(type_: &str, status: &str, reason: &str, message: &str, at: SimTime) -> Value {
    json!({"lastTransitionTime": at.rfc3339(), "message": message, "reason": reason, "status": status, "type": type_})
}

impl<R: ContainerRuntime> Cluster<R> {
    /// Creates the namespaces a new cluster has, with what the control
    /// plane puts in each.
    pub(super) fn init_namespaces(&mut self) {
        for name in INITIAL_NAMESPACES {
            let _ = self.insert_namespace(ObjectMeta { name: name.to_string(), ..ObjectMeta::default() });
        }
    }

    /// Stores a new namespace (Active) and what the control plane's
    /// controllers add to it at once: the `kube-root-ca.crt` ConfigMap.
    fn insert_namespace(&mut self, mut meta: ObjectMeta) -> Result<ApplyOutcome, ApiError> {
        if self.namespaces.len() >= MAX_NAMESPACES {
            return Err(ApiError::forbidden(
                "exceeded quota: too many namespaces in the simulation".into(),
                Text::new(
                    "시뮬레이션의 네임스페이스 수 한도를 넘었습니다.",
                    "The simulation's namespace limit is reached.",
                ),
            ));
        }
        let name = meta.name.clone();
        meta.namespace.clear();
        meta.uid = uid_of(&format!("namespace/{name}/{}", self.now.as_millis()));
        meta.creation_timestamp = Some(self.now.rfc3339());
        meta.labels.insert(NAME_LABEL.to_string(), name.clone());
        self.namespaces.insert(name.clone(), NamespaceRec { meta, terminating: None, conditions: Vec::new() });
        self.publish_root_ca(&name);
        Ok(ApplyOutcome::Created { kind: "namespace".into(), name })
    }

    /// Every namespace as the API returns it, by name.
    pub fn namespaces(&self) -> Vec<Value> {
        self.namespaces.values().map(namespace_json).collect()
    }

    /// Whether a namespace exists (Active or Terminating).
    pub fn has_namespace(&self, name: &str) -> bool {
        self.namespaces.contains_key(name)
    }

    /// `kubectl create namespace` and a Namespace manifest: creates the
    /// namespace, or (with `update_ok`, as apply) updates its labels and
    /// annotations.
    pub(super) fn apply_namespace(&mut self, obj: Value, update_ok: bool) -> Result<ApplyOutcome, ApiError> {
        let meta: ObjectMeta =
            serde_json::from_value(obj.get("metadata").cloned().unwrap_or_default()).map_err(|e| {
                ApiError::bad_request(
                    format!("Namespace in version \"v1\" cannot be handled as a Namespace: {e}"),
                    bad_namespace(),
                )
            })?;
        let name = meta.name.clone();
        if name.is_empty() {
            return Err(ApiError::invalid(
                "Namespace",
                "",
                "metadata.name: Required value: name or generateName is required",
                Text::new("네임스페이스에는 metadata.name이 있어야 합니다.", "A namespace needs metadata.name."),
            ));
        }
        let problems = crate::names::dns1123_label(&name);
        if !problems.is_empty() {
            let msg = problems.join("; ");
            return Err(ApiError::invalid(
                "Namespace",
                &name,
                &format!("metadata.name: Invalid value: \"{name}\": {msg}"),
                Text::new(
                    "네임스페이스 이름은 소문자, 숫자, '-'만 쓰는 63자 이하의 DNS 레이블이어야 합니다(예: dev, team-a).",
                    "A namespace name must be a DNS label: at most 63 lowercase letters, digits and '-' (e.g. dev, team-a).",
                ),
            ));
        }
        let Some(rec) = self.namespaces.get_mut(&name) else { return self.insert_namespace(meta) };
        if !update_ok {
            return Err(ApiError::already_exists("namespaces", &name));
        }
        let mut labels = meta.labels;
        labels.insert(NAME_LABEL.to_string(), name.clone());
        if labels == rec.meta.labels && meta.annotations == rec.meta.annotations {
            return Ok(ApplyOutcome::Unchanged { kind: "namespace".into(), name });
        }
        rec.meta.labels = labels;
        rec.meta.annotations = meta.annotations;
        Ok(ApplyOutcome::Configured { kind: "namespace".into(), name })
    }

    /// `kubectl delete namespace`: the namespace turns Terminating and the
    /// namespace controller empties it, then removes it.
    pub fn delete_namespace(&mut self, name: &str) -> Result<(), ApiError> {
        if IMMORTAL.contains(&name) {
            return Err(ApiError::forbidden(
                format!("namespaces \"{name}\" is forbidden: this namespace may not be deleted"),
                Text::new(
                    format!("{name} 네임스페이스는 클러스터가 쓰는 기본 네임스페이스라서 API 서버(NamespaceLifecycle 어드미션)가 삭제를 막습니다. 직접 만든 네임스페이스만 지울 수 있습니다."),
                    format!("The {name} namespace is one the cluster itself needs, so the API server's NamespaceLifecycle admission refuses to delete it. Only namespaces you created can be deleted."),
                ),
            ));
        }
        let now = self.now;
        let Some(rec) = self.namespaces.get_mut(name) else { return Err(ApiError::not_found("namespaces", name)) };
        if rec.terminating.is_some() {
            return Ok(());
        }
        rec.terminating = Some(now);
        rec.meta.deletion_timestamp = Some(now.rfc3339());
        self.changes.insert(Change::Events);
        self.push_timer(now.plus_ms(NAMESPACE_DELETION_GRACE_MS), Timer::Namespace(name.to_string()));
        Ok(())
    }

    /// The NamespaceLifecycle admission of a create: the namespace must
    /// exist and must not be terminating. `resource` is the plural
    /// (`pods`, `configmaps`, `deployments.apps`).
    pub fn admit_create(&self, ns: &str, resource: &str, name: &str) -> Result<(), ApiError> {
        match self.namespaces.get(ns) {
            None => {
                let mut e = ApiError::not_found("namespaces", ns);
                e.explain = Text::new(
                    format!("{ns} 네임스페이스가 없어서 그 안에 오브젝트를 만들 수 없습니다. 먼저 `kubectl create namespace {ns}`로 만들거나 `kubectl get ns`로 있는 네임스페이스를 확인하세요."),
                    format!("The {ns} namespace does not exist, so nothing can be created in it. Create it first with `kubectl create namespace {ns}`, or list the existing ones with `kubectl get ns`."),
                );
                Err(e)
            }
            Some(rec) if rec.terminating.is_some() => {
                let what = if name.is_empty() { resource.to_string() } else { format!("{resource} \"{name}\"") };
                Err(ApiError::forbidden(
                    format!("{what} is forbidden: unable to create new content in namespace {ns} because it is being terminated"),
                    Text::new(
                        format!("{ns} 네임스페이스는 삭제되는 중(Terminating)이라 새 오브젝트를 만들 수 없습니다. 네임스페이스가 완전히 사라진 뒤 다시 만들거나 다른 네임스페이스를 쓰세요."),
                        format!("The {ns} namespace is being deleted (Terminating), so nothing new can be created in it. Wait until it is gone and create it again, or use another namespace."),
                    ),
                ))
            }
            Some(_) => Ok(()),
        }
    }

    /// The namespace controller's pass over a deleted namespace: deletes
    /// what it holds, then removes it once nothing is left.
    pub(super) fn sync_namespace(&mut self, name: &str) {
        let Some(since) = self.namespaces.get(name).and_then(|r| r.terminating) else { return };
        let data: Vec<(String, String)> =
            self.objects.keys().filter(|(_, ns, _)| ns == name).map(|(kind, _, n)| (kind.clone(), n.clone())).collect();
        for (kind, n) in data {
            let _ = self.delete_data(&kind, name, &n);
        }
        let workloads: Vec<(String, String)> =
            self.workloads.keys().filter(|(_, ns, _)| ns == name).map(|(k, _, n)| (k.clone(), n.clone())).collect();
        for (kind, n) in workloads {
            let _ = self.delete_workload(&kind, name, &n);
        }
        let pods: Vec<String> = self.pods.keys().filter(|(ns, _)| ns == name).map(|(_, n)| n.clone()).collect();
        for n in &pods {
            let _ = self.delete_pod(name, n, None);
        }
        let left: Vec<i64> = self
            .pods
            .iter()
            .filter(|((ns, _), _)| ns == name)
            .map(|(_, p)| p.deletion.map(|(_, g)| g).or(p.spec.termination_grace_period_seconds).unwrap_or(30))
            .collect();
        if left.is_empty() {
            self.namespaces.remove(name);
            self.changes.insert(Change::Events);
            return;
        }
        let estimate = left.iter().copied().max().unwrap_or(0).max(0);
        let now = self.now;
        if let Some(rec) = self.namespaces.get_mut(name) {
            let at = since.max(now);
            rec.conditions = vec![
                condition(
                    "NamespaceDeletionDiscoveryFailure",
                    "False",
                    "ResourcesDiscovered",
                    "All resources successfully discovered",
                    at,
                ),
                condition(
                    "NamespaceDeletionGroupVersionParsingFailure",
                    "False",
                    "ParsedGroupVersions",
                    "All legacy kube types successfully parsed",
                    at,
                ),
                condition(
                    "NamespaceDeletionContentFailure",
                    "False",
                    "ContentDeleted",
                    "All content successfully deleted, may be waiting on finalization",
                    at,
                ),
                condition(
                    "NamespaceContentRemaining",
                    "True",
                    "SomeResourcesRemain",
                    &format!("Some resources are remaining: pods. has {} resource instances", left.len()),
                    at,
                ),
                condition(
                    "NamespaceFinalizersRemaining",
                    "False",
                    "ContentHasNoFinalizers",
                    "All content-preserving finalizers finished",
                    at,
                ),
            ];
        }
        let wait_s = u64::try_from(estimate / 2 + 1).unwrap_or(1);
        self.push_timer(now.plus_ms(wait_s.saturating_mul(1000)), Timer::Namespace(name.to_string()));
    }
}

/// Our explanation of a Namespace manifest the server cannot read.
fn bad_namespace() -> Text {
    Text::new(
        "Namespace 매니페스트의 metadata를 읽을 수 없습니다. 필드 이름과 값의 형식을 확인하세요.",
        "The Namespace manifest's metadata cannot be read; check the field names and value types.",
    )
}

/// A namespace as the API returns it (core/v1 `Namespace`).
fn namespace_json(rec: &NamespaceRec) -> Value {
    let mut meta = serde_json::to_value(&rec.meta).unwrap_or_default();
    if let Some(m) = meta.as_object_mut() {
        m.remove("namespace");
    }
    let mut status = serde_json::Map::new();
    if !rec.conditions.is_empty() {
        status.insert("conditions".into(), Value::Array(rec.conditions.clone()));
    }
    status.insert("phase".into(), if rec.terminating.is_some() { "Terminating" } else { "Active" }.into());
    json!({
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": meta,
        "spec": {"finalizers": ["kubernetes"]},
        "status": Value::Object(status),
    })
}

/// The labels of a namespace's JSON (for `-l` and `--show-labels`).
pub fn labels_of(obj: &Value) -> BTreeMap<String, String> {
    obj.pointer("/metadata/labels")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{ApiObject, Cluster};

    fn ns(name: &str) -> ApiObject {
        ApiObject::Data(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}))
    }

    fn phase(c: &Cluster, name: &str) -> Option<String> {
        c.namespaces()
            .into_iter()
            .find(|v| v.pointer("/metadata/name").and_then(Value::as_str) == Some(name))
            .and_then(|v| v.pointer("/status/phase").and_then(Value::as_str).map(str::to_string))
    }

    #[test]
    fn a_cluster_starts_with_kubeadms_namespaces() {
        let c = Cluster::new(1);
        let names: Vec<String> =
            c.namespaces().iter().filter_map(|v| v.pointer("/metadata/name")?.as_str().map(str::to_string)).collect();
        assert_eq!(names, INITIAL_NAMESPACES);
        assert!(c
            .data_objects("ConfigMap")
            .iter()
            .all(|v| v.pointer("/metadata/name") == Some(&json!("kube-root-ca.crt"))));
        assert_eq!(c.data_objects("ConfigMap").len(), 4);
        assert_eq!(c.data_objects("ServiceAccount").len(), 4);
    }

    #[test]
    fn an_empty_namespace_goes_after_the_controllers_grace_period() {
        let mut c = Cluster::new(1);
        c.create(ns("dev")).unwrap();
        c.delete_namespace("dev").unwrap();
        assert_eq!(phase(&c, "dev").as_deref(), Some("Terminating"));
        c.advance_by(NAMESPACE_DELETION_GRACE_MS - 1);
        assert_eq!(phase(&c, "dev").as_deref(), Some("Terminating"), "the controller waits 5 s");
        c.advance_by(1);
        assert_eq!(phase(&c, "dev"), None, "an empty namespace goes at the controller's first pass");
        assert!(c.data_objects("ConfigMap").iter().all(|v| v.pointer("/metadata/namespace") != Some(&json!("dev"))));
    }

    #[test]
    fn admission_refuses_missing_and_terminating_namespaces() {
        let mut c = Cluster::new(1);
        let e = c.admit_create("dev", "pods", "x").unwrap_err();
        assert_eq!(e.message, "namespaces \"dev\" not found");
        c.create(ns("dev")).unwrap();
        assert!(c.admit_create("dev", "pods", "x").is_ok());
        c.delete_namespace("dev").unwrap();
        let e = c.admit_create("dev", "configmaps", "x").unwrap_err();
        assert_eq!(
            e.message,
            "configmaps \"x\" is forbidden: unable to create new content in namespace dev because it is being terminated"
        );
        for immortal in IMMORTAL {
            let e = c.delete_namespace(immortal).unwrap_err();
            assert_eq!(e.message, format!("namespaces \"{immortal}\" is forbidden: this namespace may not be deleted"));
        }
        assert!(c.delete_namespace("kube-node-lease").is_ok(), "kube-node-lease is not immortal upstream");
    }
}
