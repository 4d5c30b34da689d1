//! PriorityClasses (`scheduling.k8s.io/v1`): cluster-scoped objects kept as
//! the API's JSON beside ConfigMaps, the two system classes every cluster
//! starts with, and what the API server checks on create, update and
//! delete.
//!
//! Follows `pkg/apis/scheduling/helpers.go` (`SystemPriorityClasses`,
//! `IsKnownSystemPriorityClass`), `pkg/apis/scheduling/v1/defaults.go`
//! (`preemptionPolicy` defaults to `PreemptLowerPriority`),
//! `pkg/apis/scheduling/validation/validation.go` (`ValidatePriorityClass`,
//! `ValidatePriorityClassUpdate`), the Priority admission's
//! `validatePriorityClass` (one global default,
//! `plugin/pkg/admission/priority/admission.go`) and
//! `pkg/registry/scheduling/priorityclass/storage/storage.go` (system
//! classes cannot be deleted).

use serde_json::{json, Value};

use super::namespaces::uid_of;
use super::records::{ApplyOutcome, Change};
use super::{ApiError, Cluster};
use crate::defaults::PriorityClassValue;
use crate::runtime::ContainerRuntime;
use crate::text::Text;

/// The kind, as the store keys it.
pub const PRIORITY_CLASS: &str = "PriorityClass";
/// The kind in `is invalid` messages, as kubectl prints them from the
/// status details (`The PriorityClass "x" is invalid: …`).
const GROUP_KIND: &str = "PriorityClass";
/// The group-qualified resource in `is forbidden` and `not found` messages.
const RESOURCE: &str = "priorityclasses.scheduling.k8s.io";
use crate::validate::rules::priority_class::{errors as class_errors, SYSTEM_CLASSES};

/// What a PriorityClass's JSON says, read leniently.
fn read(v: &Value) -> (String, Option<i64>, bool, Option<String>) {
    let name = v.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("").to_string();
    let value = match v.get("value") {
        None => Some(0),
        Some(x) => x.as_i64().filter(|n| i32::try_from(*n).is_ok()),
    };
    let global_default = v.get("globalDefault").and_then(Value::as_bool).unwrap_or(false);
    let policy = v.get("preemptionPolicy").and_then(Value::as_str).map(str::to_string);
    (name, value, global_default, policy)
}

/// Joins field errors as `is invalid: ` prints them (one bare, several in brackets).
fn joined(errors: &[String]) -> String {
    match errors {
        [one] => one.clone(),
        _ => format!("[{}]", errors.join(", ")),
    }
}

/// The learner's explanation of a refused PriorityClass.
fn explain_invalid() -> Text {
    Text::new(
        "PriorityClass의 value는 10억(1000000000) 이하여야 하고, 'system-'으로 시작하는 이름은 시스템 클래스(system-node-critical, system-cluster-critical)만 쓸 수 있습니다. 한 번 만든 클래스의 value와 preemptionPolicy는 바꿀 수 없으니, 바꾸려면 지우고 다시 만드세요.",
        "A PriorityClass's value must be at most one billion (1000000000), and names starting with 'system-' belong to the system classes (system-node-critical, system-cluster-critical). A class's value and preemptionPolicy cannot change after it is created: delete it and create it again.",
    )
}

impl<R: ContainerRuntime> Cluster<R> {
    /// Creates the system classes the API server makes at start
    /// (`SystemPriorityClasses`, added by the scheduling REST storage's post-start hook).
    pub(super) fn init_priority_classes(&mut self) {
        for (name, value, description) in SYSTEM_CLASSES {
            let obj = json!({
                "apiVersion": "scheduling.k8s.io/v1",
                "kind": PRIORITY_CLASS,
                "metadata": {"name": name},
                "value": value,
                "description": description,
            });
            let _ = self.apply_priority_class(obj, false);
        }
    }

    /// Every PriorityClass as the Priority admission reads it.
    pub(super) fn priority_class_values(&self) -> Vec<PriorityClassValue> {
        let from = (PRIORITY_CLASS.to_string(), String::new(), String::new());
        self.objects
            .range(from..)
            .take_while(|((k, _, _), _)| k == PRIORITY_CLASS)
            .map(|(_, v)| {
                let (name, value, global_default, policy) = read(v);
                PriorityClassValue {
                    name,
                    value: value.and_then(|n| i32::try_from(n).ok()).unwrap_or(0),
                    global_default,
                    preemption_policy: policy.unwrap_or_else(|| "PreemptLowerPriority".into()),
                }
            })
            .collect()
    }

    /// Creates a PriorityClass, or (with `update_ok`, as apply) updates it
    /// within the rules of `ValidatePriorityClassUpdate`.
    pub(super) fn apply_priority_class(&mut self, mut obj: Value, update_ok: bool) -> Result<ApplyOutcome, ApiError> {
        let (name, value, global_default, policy) = read(&obj);
        let Some(value) = value else {
            return Err(ApiError::bad_request(
                "PriorityClass in version \"v1\" cannot be handled as a PriorityClass: json: cannot unmarshal value into Go struct field PriorityClass.value of type int32".into(),
                Text::new("value는 32비트 정수여야 합니다.", "value must be a 32-bit integer."),
            ));
        };
        let policy = policy.unwrap_or_else(|| "PreemptLowerPriority".into());
        let Some(map) = obj.as_object_mut() else { return Err(ApiError::not_found(RESOURCE, &name)) };
        map.remove("status");
        map.insert("apiVersion".into(), "scheduling.k8s.io/v1".into());
        map.insert("preemptionPolicy".into(), policy.clone().into());
        if let Some(m) = map.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("namespace");
        }
        let key = (PRIORITY_CLASS.to_string(), String::new(), name.clone());
        if let Some(old) = self.objects.get(&key).cloned() {
            if !update_ok {
                return Err(ApiError::already_exists(RESOURCE, &name));
            }
            return self.update_priority_class(key, old, obj, (value, global_default, &policy));
        }
        let mut errors = Vec::new();
        if name.is_empty() {
            errors.push("metadata.name: Required value: name or generateName is required".to_string());
        } else {
            let problems = crate::names::dns1123_subdomain(&name);
            if !problems.is_empty() {
                errors.push(format!("metadata.name: Invalid value: \"{name}\": {}", problems.join("; ")));
            }
        }
        errors.extend(class_errors(&name, value, global_default, &policy).into_iter().map(|(_, e)| e));
        if !errors.is_empty() {
            return Err(ApiError::invalid(GROUP_KIND, &name, &joined(&errors), explain_invalid()));
        }
        self.admit_global_default(&name, global_default)?;
        if let Some(m) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
            m.insert("uid".into(), uid_of(&format!("{PRIORITY_CLASS}/{name}/{}", self.now.as_millis())).into());
            m.insert("creationTimestamp".into(), self.now.rfc3339().into());
        }
        self.objects.insert(key, obj);
        self.changes.insert(Change::Events);
        Ok(ApplyOutcome::Created { kind: "priorityclass.scheduling.k8s.io".into(), name })
    }

    /// An update: value and preemptionPolicy stay, the global default stays one.
    fn update_priority_class(
        &mut self,
        key: (String, String, String),
        old: Value,
        mut obj: Value,
        (value, global_default, policy): (i64, bool, &str),
    ) -> Result<ApplyOutcome, ApiError> {
        let name = key.2.clone();
        let (_, old_value, _, old_policy) = read(&old);
        let mut errors = Vec::new();
        if Some(value) != old_value {
            errors.push("value: Forbidden: may not be changed in an update.".to_string());
        }
        if old_policy.as_deref() != Some(policy) {
            errors.push(format!("preemptionPolicy: Invalid value: \"{policy}\": field is immutable"));
        }
        if !errors.is_empty() {
            return Err(ApiError::invalid(GROUP_KIND, &name, &joined(&errors), explain_invalid()));
        }
        self.admit_global_default(&name, global_default)?;
        if let (Some(m), Some(old_meta)) = (obj.get_mut("metadata").and_then(Value::as_object_mut), old.get("metadata"))
        {
            for f in ["uid", "creationTimestamp"] {
                if let Some(v) = old_meta.get(f) {
                    m.insert(f.into(), v.clone());
                }
            }
        }
        let kind = "priorityclass.scheduling.k8s.io".to_string();
        if old == obj {
            return Ok(ApplyOutcome::Unchanged { kind, name });
        }
        self.objects.insert(key, obj);
        self.changes.insert(Change::Events);
        Ok(ApplyOutcome::Configured { kind, name })
    }

    /// The Priority admission's `validatePriorityClass`: only one class may
    /// be the global default.
    fn admit_global_default(&self, name: &str, global_default: bool) -> Result<(), ApiError> {
        if !global_default {
            return Ok(());
        }
        let current = self.priority_class_values().into_iter().filter(|c| c.global_default).min_by_key(|c| c.value);
        match current {
            Some(d) if d.name != name => Err(ApiError::forbidden(
                format!(
                    "{RESOURCE} \"{name}\" is forbidden: PriorityClass {} is already marked as default. Only one default can exist",
                    d.name
                ),
                Text::new(
                    format!("globalDefault: true인 PriorityClass는 하나만 있을 수 있습니다. 이미 {}가 기본 클래스입니다.", d.name),
                    format!("Only one PriorityClass may have globalDefault: true, and {} already is the default.", d.name),
                ),
            )),
            _ => Ok(()),
        }
    }

    /// `kubectl delete priorityclass NAME`: the system classes stay.
    pub(super) fn delete_priority_class(&mut self, name: &str) -> Result<(), ApiError> {
        if SYSTEM_CLASSES.iter().any(|(n, ..)| *n == name) {
            return Err(ApiError::forbidden(
                format!("{RESOURCE} \"{name}\" is forbidden: this is a system priority class and cannot be deleted"),
                Text::new(
                    "system-node-critical과 system-cluster-critical은 API 서버가 관리하는 시스템 클래스라서 지울 수 없습니다.",
                    "system-node-critical and system-cluster-critical are system classes the API server keeps; they cannot be deleted.",
                ),
            ));
        }
        if self.objects.remove(&(PRIORITY_CLASS.to_string(), String::new(), name.to_string())).is_none() {
            return Err(ApiError::not_found(RESOURCE, name));
        }
        self.changes.insert(Change::Events);
        Ok(())
    }
}
