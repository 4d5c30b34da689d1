//! Plain data objects: ConfigMaps and Secrets, stored as the API returns
//! them (JSON), with what the API server does on create (a Secret's
//! `stringData` folded into base64 `data`, `type: Opaque` by default;
//! `pkg/registry/core/secret/strategy.go` `PrepareForCreate` and
//! `pkg/apis/core/v1/defaults.go` `SetDefaults_Secret`), plus the
//! `kube-root-ca.crt` ConfigMap the root-ca-cert-publisher controller puts
//! in every namespace (`pkg/controller/certificates/rootcacertpublisher/publisher.go`)
//! beside the `default` ServiceAccount (`pkg/controller/serviceaccount/serviceaccounts_controller.go`).

use serde_json::{json, Map, Value};

use super::namespaces::uid_of;
use super::records::{ApplyOutcome, Change};
use super::{ApiError, Cluster};
use crate::runtime::ContainerRuntime;
use crate::text::Text;

/// The kinds this store holds.
pub const DATA_KINDS: [&str; 3] = ["ConfigMap", "Secret", "ServiceAccount"];
/// The most data objects the cluster holds.
pub const MAX_DATA_OBJECTS: usize = 100_000;

/// The root CA ConfigMap's description (publisher.go `DescriptionAnnotation` value).
const ROOT_CA_DESCRIPTION: &str = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/// The plural the API uses in messages: `configmaps`, `secrets`, `serviceaccounts`.
pub fn data_resource(kind: &str) -> &'static str {
    match kind {
        "Secret" => "secrets",
        "ServiceAccount" => "serviceaccounts",
        _ => "configmaps",
    }
}

/// The simulated cluster CA (a self-signed certificate's PEM, the same in
/// every namespace and in the kubeconfig).
pub(crate) fn root_ca_pem() -> String {
    pem("CERTIFICATE", "podplay cluster ca")
}

/// A PEM block of `label` whose body is derived from `seed` (the
/// simulation's stand-in for a real key or certificate).
pub(crate) fn pem(label: &str, seed: &str) -> String {
    let body = crate::base64::encode(crate::hash::hex_digest(seed, 256).as_bytes());
    let mut pem = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
}

impl<R: ContainerRuntime> Cluster<R> {
    /// Puts what the control plane's controllers add to a new namespace:
    /// the `default` ServiceAccount (serviceaccounts controller) and the
    /// `kube-root-ca.crt` ConfigMap (root-ca-cert-publisher).
    pub(super) fn publish_root_ca(&mut self, ns: &str) {
        let sa =
            json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default", "namespace": ns}});
        let _ = self.apply_data(sa, false);
        let obj = json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {
                "name": "kube-root-ca.crt",
                "namespace": ns,
                "annotations": {"kubernetes.io/description": ROOT_CA_DESCRIPTION},
            },
            "data": {"ca.crt": root_ca_pem()},
        });
        let _ = self.apply_data(obj, false);
    }

    /// Every ConfigMap or Secret (`kind`) in every namespace, by namespace and name.
    pub fn data_objects(&self, kind: &str) -> Vec<Value> {
        self.objects.iter().filter(|((k, _, _), _)| k == kind).map(|(_, v)| v.clone()).collect()
    }

    /// Creates a ConfigMap or Secret, or (with `update_ok`, as apply)
    /// replaces its content. The namespace must already be admitted.
    pub(super) fn apply_data(&mut self, mut obj: Value, update_ok: bool) -> Result<ApplyOutcome, ApiError> {
        let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("").to_string();
        let name = obj.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("").to_string();
        let ns = obj.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("default").to_string();
        if name.is_empty() {
            return Err(ApiError::invalid(
                &kind,
                "",
                "metadata.name: Required value: name or generateName is required",
                Text::new("metadata.name이 있어야 합니다.", "The object needs metadata.name."),
            ));
        }
        let problems = crate::names::dns1123_subdomain(&name);
        if !problems.is_empty() {
            return Err(ApiError::invalid(
                &kind,
                &name,
                &format!("metadata.name: Invalid value: \"{name}\": {}", problems.join("; ")),
                Text::new(
                    "이름은 소문자, 숫자, '-', '.'만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다(예: app-config).",
                    "A name may only use lowercase letters, digits, '-' and '.', and must start and end with a letter or digit (e.g. app-config).",
                ),
            ));
        }
        if kind == "Secret" {
            fold_string_data(&mut obj, &name)?;
        }
        let Some(map) = obj.as_object_mut() else { return Err(ApiError::not_found(data_resource(&kind), &name)) };
        map.remove("status");
        map.insert("apiVersion".into(), "v1".into());
        let key = (kind.clone(), ns.clone(), name.clone());
        let lower = kind.to_lowercase();
        if let Some(old) = self.objects.get(&key) {
            if !update_ok {
                return Err(ApiError::already_exists(data_resource(&kind), &name));
            }
            if let (Some(m), Some(old_meta)) =
                (map.get_mut("metadata").and_then(Value::as_object_mut), old.get("metadata"))
            {
                for f in ["uid", "creationTimestamp"] {
                    if let Some(v) = old_meta.get(f) {
                        m.insert(f.into(), v.clone());
                    }
                }
            }
            if *old == obj {
                return Ok(ApplyOutcome::Unchanged { kind: lower, name });
            }
            self.objects.insert(key, obj);
            self.changes.insert(Change::Events);
            return Ok(ApplyOutcome::Configured { kind: lower, name });
        }
        if self.objects.len() >= MAX_DATA_OBJECTS {
            return Err(ApiError::forbidden(
                "exceeded quota: too many objects in the simulation".into(),
                Text::new("시뮬레이션의 오브젝트 수 한도를 넘었습니다.", "The simulation's object limit is reached."),
            ));
        }
        if let Some(m) = map.get_mut("metadata").and_then(Value::as_object_mut) {
            m.insert("namespace".into(), ns.clone().into());
            m.insert("uid".into(), uid_of(&format!("{kind}/{ns}/{name}/{}", self.now.as_millis())).into());
            m.insert("creationTimestamp".into(), self.now.rfc3339().into());
            m.remove("deletionTimestamp");
        }
        self.objects.insert(key, obj);
        self.changes.insert(Change::Events);
        Ok(ApplyOutcome::Created { kind: lower, name })
    }

    /// `kubectl delete configmap|secret`.
    pub fn delete_data(&mut self, kind: &str, ns: &str, name: &str) -> Result<(), ApiError> {
        if kind == super::priority::PRIORITY_CLASS {
            return self.delete_priority_class(name);
        }
        let key = (kind.to_string(), ns.to_string(), name.to_string());
        if self.objects.remove(&key).is_none() {
            return Err(ApiError::not_found(data_resource(kind), name));
        }
        self.changes.insert(Change::Events);
        Ok(())
    }
}

/// A Secret as the API server stores it: `stringData` base64-encoded into
/// `data` (it wins over the same key in `data`), `data` checked to be
/// base64, `type` defaulted to Opaque.
fn fold_string_data(obj: &mut Value, name: &str) -> Result<(), ApiError> {
    let Some(map) = obj.as_object_mut() else { return Ok(()) };
    let mut data: Map<String, Value> = map.get("data").and_then(Value::as_object).cloned().unwrap_or_default();
    for (k, v) in data.iter() {
        let text = v.as_str().unwrap_or("");
        if let Err(e) = crate::base64::decode(text) {
            return Err(ApiError::bad_request(
                format!("Secret in version \"v1\" cannot be handled as a Secret: {e}"),
                Text::new(
                    format!("시크릿 {name}의 data.{k} 값이 base64가 아닙니다. data에는 base64로 인코딩한 값을 쓰고, 평문은 stringData에 쓰세요."),
                    format!("The value of data.{k} in secret {name} is not base64. Put base64-encoded values in data, or plain text in stringData."),
                ),
            ));
        }
    }
    if let Some(Value::Object(plain)) = map.remove("stringData") {
        for (k, v) in plain {
            data.insert(k, crate::base64::encode(v.as_str().unwrap_or("").as_bytes()).into());
        }
    }
    if !data.is_empty() {
        map.insert("data".into(), Value::Object(data));
    }
    if map.get("type").and_then(Value::as_str).is_none_or(str::is_empty) {
        map.insert("type".into(), "Opaque".into());
    }
    Ok(())
}
