//! Validation of manifests the way kube-apiserver does it: YAML reading,
//! decoding against the schema, then the create-time rules of
//! `pkg/apis/core/validation/validation.go`, upstream's warnings
//! (`pkg/api/pod/warnings.go`) and Podplay's own teaching lints.
//!
//! Entry points: [`check`] (every diagnostic, for the editor) and [`parse`]
//! (typed, defaulted objects plus diagnostics, for the simulation).
//!
//! The pipeline, per YAML document:
//! 1. `yaml::load`: span tree; duplicate keys, tabs, limits (rules `yaml-*`,
//!    `duplicate-key`).
//! 2. apiVersion/kind (`missing-type-meta`, `removed-api-version`,
//!    `unknown-api-version`, `wrong-shape`).
//! 3. `schema::check`: decoding against the embedded schema (`unknown-field`,
//!    `wrong-type`, `required-field`, `quantity-syntax`, `yaml11-octal`) and
//!    the tree lints (`placeholder`, `yaml11-boolean`).
//! 4. If it decodes: the typed model, the rules of `rules/` on the raw spec
//!    (metadata, object, pod spec), then defaulting (`crate::defaults`) and,
//!    for a pod, its QoS class (`qos`).
//!
//! Diagnostics are sorted by position and deduplicated.

pub mod format;
pub mod locate;
mod qos;
pub mod rules;

use crate::defaults::{default_pod, default_pod_only_fields, default_pod_spec};
use crate::diag::{Diagnostic, Severity, Span};
use crate::model::{Node as NodeObject, ObjectMeta, Pod, PodStatus, PodTemplateSpec, Workload};
use crate::schema::{self, check::check_object};
use crate::text::Text;
use crate::yaml::{self, NodeKind, YamlNode};

pub use qos::qos_class;
pub use rules::{Report, Rule, RULES};

/// A ConfigMap or Secret: its name and data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataObject {
    pub metadata: ObjectMeta,
    /// `data` (for a Secret, still base64 as written) and `stringData`.
    pub data: std::collections::BTreeMap<String, String>,
}

/// A CronJob, with the pod template of its job template reached.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CronJob {
    pub metadata: ObjectMeta,
    pub schedule: String,
    pub template: PodTemplateSpec,
}

/// One object read from a source.
// Every variant is a whole API object, read once per document: boxing the
// largest would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    Pod(Pod),
    Node(NodeObject),
    /// Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, ReplicationController.
    Workload(Workload),
    CronJob(CronJob),
    ConfigMap(DataObject),
    Secret(DataObject),
    /// Any other kind: known to be there, not simulated.
    Other {
        api_version: String,
        kind: String,
        name: String,
    },
}

/// An object with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub object: Object,
    /// 0-based index of the YAML document in the source.
    pub document: usize,
    /// The span of the whole document.
    pub span: Span,
}

/// What [`parse`] returns: the objects that passed validation (defaulted),
/// and every diagnostic, in source order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub objects: Vec<Located>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// True when no diagnostic is an error.
    pub fn is_ok(&self) -> bool {
        !self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Checks a source and returns every diagnostic, in source order.
pub fn check(source: &str) -> Vec<Diagnostic> {
    parse(source).diagnostics
}

/// Reads, validates and defaults every object of a source. An object with
/// an error is reported and left out of `objects`.
pub fn parse(source: &str) -> Parsed {
    let loaded = yaml::load(source);
    let mut out = Parsed { objects: Vec::new(), diagnostics: loaded.diagnostics };
    for doc in &loaded.documents {
        // A document with `items` is a list (`kind: List`, or what `kubectl
        // get -o yaml` prints for several objects); kubectl sends each item
        // on its own, so each is validated on its own
        // (`apimachinery/pkg/apis/meta/v1/unstructured/helpers.go`).
        let one = std::slice::from_ref(&doc.root);
        let objects = match doc.root.get("items") {
            Some(items) => match items.as_seq() {
                Some(items) => items,
                None => {
                    out.diagnostics.push(not_a_list(items));
                    continue;
                }
            },
            None => one,
        };
        for root in objects {
            let mut diags = Vec::new();
            let object = document(root, &mut diags);
            let failed = diags.iter().any(|d| d.severity == Severity::Error);
            out.diagnostics.extend(diags);
            if let (Some(object), false) = (object, failed) {
                out.objects.push(Located { object, document: doc.index, span: root.span });
            }
        }
    }
    // One diagnostic per place and message, in source order.
    out.diagnostics.sort_by_key(|d| (d.span.line, d.span.col));
    let mut seen = std::collections::HashSet::new();
    out.diagnostics.retain(|d| seen.insert((d.path.clone(), d.message.clone(), d.span)));
    out.diagnostics.truncate(MAX_DIAGNOSTICS);
    out
}

/// A list's `items` that is not a sequence.
fn not_a_list(items: &YamlNode) -> Diagnostic {
    err(
        "wrong-type",
        "items",
        items.span,
        format!("json: cannot unmarshal {} into Go struct field List.items of type []runtime.RawExtension", items.json_kind()),
        Text::new(
            "`items`가 있는 문서는 오브젝트 목록(List)으로 읽힙니다. `items`는 `- `로 시작하는 오브젝트들의 목록이어야 합니다.",
            "A document with `items` is read as a list of objects (a List). `items` must be a sequence of objects, each starting with `- `.",
        ),
    )
}

/// The most diagnostics one source reports (the editor shows them all).
pub const MAX_DIAGNOSTICS: usize = 1000;

/// APIs that were served once and are gone in the pinned version:
/// `(apiVersion, kind, removed in, use instead)`. From the Kubernetes
/// deprecated API migration guide.
const REMOVED: &[(&str, &str, &str, &str)] = &[
    ("batch/v1beta1", "CronJob", "1.25", "batch/v1"),
    ("batch/v2alpha1", "CronJob", "1.21", "batch/v1"),
    ("extensions/v1beta1", "Deployment", "1.16", "apps/v1"),
    ("extensions/v1beta1", "DaemonSet", "1.16", "apps/v1"),
    ("extensions/v1beta1", "ReplicaSet", "1.16", "apps/v1"),
    ("extensions/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1"),
    ("extensions/v1beta1", "NetworkPolicy", "1.16", "networking.k8s.io/v1"),
    ("apps/v1beta1", "Deployment", "1.16", "apps/v1"),
    ("apps/v1beta1", "StatefulSet", "1.16", "apps/v1"),
    ("apps/v1beta2", "Deployment", "1.16", "apps/v1"),
    ("apps/v1beta2", "StatefulSet", "1.16", "apps/v1"),
    ("apps/v1beta2", "DaemonSet", "1.16", "apps/v1"),
    ("apps/v1beta2", "ReplicaSet", "1.16", "apps/v1"),
    ("policy/v1beta1", "PodDisruptionBudget", "1.25", "policy/v1"),
    ("networking.k8s.io/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1"),
    ("autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.25", "autoscaling/v2"),
    ("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "autoscaling/v2"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", "1.22", "rbac.authorization.k8s.io/v1"),
    ("rbac.authorization.k8s.io/v1beta1", "RoleBinding", "1.22", "rbac.authorization.k8s.io/v1"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRole", "1.22", "rbac.authorization.k8s.io/v1"),
    ("rbac.authorization.k8s.io/v1beta1", "Role", "1.22", "rbac.authorization.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "StorageClass", "1.22", "storage.k8s.io/v1"),
    ("scheduling.k8s.io/v1beta1", "PriorityClass", "1.22", "scheduling.k8s.io/v1"),
];

fn err(rule: &str, path: &str, span: Span, message: String, explain: Text) -> Diagnostic {
    Diagnostic::new(Severity::Error, rule, path, span, message, explain)
}

/// Validates one document; returns the typed object when it decodes.
fn document(root: &YamlNode, out: &mut Vec<Diagnostic>) -> Option<Object> {
    let entries = match &root.kind {
        NodeKind::Map(entries) => entries,
        NodeKind::Scalar(_) if root.is_null() => return None,
        _ => {
            out.push(err(
                "wrong-shape",
                "",
                root.span,
                format!("json: cannot unmarshal {} into Go value of type map[string]interface {{}}", root.json_kind()),
                Text::new(
                    "매니페스트는 `apiVersion`, `kind`, `metadata`로 시작하는 매핑이어야 합니다. 맨 앞의 `- `나 들여쓰기를 확인하세요.",
                    "A manifest must be a mapping that starts with `apiVersion`, `kind` and `metadata`. Check for a leading `- ` or stray indentation.",
                ),
            ));
            return None;
        }
    };
    let _ = entries;
    let api_version = root.get("apiVersion").and_then(YamlNode::as_str).unwrap_or("");
    let kind = root.get("kind").and_then(YamlNode::as_str).unwrap_or("");
    let first_key = root.as_map().and_then(|m| m.first()).map(|(k, _)| k.span).unwrap_or(root.span);
    let mut missing = Vec::new();
    if api_version.is_empty() {
        missing.push("apiVersion not set");
    }
    if kind.is_empty() {
        missing.push("kind not set");
    }
    if !missing.is_empty() {
        let what = if api_version.is_empty() && kind.is_empty() {
            "apiVersion, kind"
        } else if api_version.is_empty() {
            "apiVersion"
        } else {
            "kind"
        };
        let guess = guess_api_version(kind);
        out.push(err(
            "missing-type-meta",
            if api_version.is_empty() { "apiVersion" } else { "kind" },
            first_key,
            format!("error validating data: [{}]", missing.join(", ")),
            Text::new(
                format!(
                    "모든 매니페스트에는 `apiVersion`과 `kind`가 있어야 합니다. 빠진 것: {what}.{}",
                    guess.map(|g| format!(" 이 종류라면 `apiVersion: {g}`입니다.")).unwrap_or_default()
                ),
                format!(
                    "Every manifest needs `apiVersion` and `kind`. Missing: {what}.{}",
                    guess.map(|g| format!(" For this kind it is `apiVersion: {g}`.")).unwrap_or_default()
                ),
            ),
        ));
        return None;
    }
    let s = schema::schema();
    let av_span = root.get("apiVersion").map(|n| n.span).unwrap_or(first_key);
    if let Some((_, _, removed, instead)) = REMOVED.iter().find(|(a, k, _, _)| *a == api_version && *k == kind) {
        out.push(err(
            "removed-api-version",
            "apiVersion",
            av_span,
            format!("no matches for kind \"{kind}\" in version \"{api_version}\""),
            Text::new(
                format!("{kind}의 `{api_version}` 버전은 쿠버네티스 {removed}에서 제거되었습니다. `apiVersion: {instead}`로 바꾸세요."),
                format!("{kind} in `{api_version}` was removed in Kubernetes {removed}. Use `apiVersion: {instead}`."),
            ),
        ));
        return None;
    }
    let Some(ty) = s.kind(api_version, kind) else {
        let versions = s.versions_of(kind);
        if !versions.is_empty() {
            out.push(err(
                "unknown-api-version",
                "apiVersion",
                av_span,
                format!("no matches for kind \"{kind}\" in version \"{api_version}\""),
                Text::new(
                    format!("{kind}의 apiVersion은 `{}`입니다.", versions.join("`, `")),
                    format!("The apiVersion of {kind} is `{}`.", versions.join("`, `")),
                ),
            ));
            return None;
        }
        // A kind the engine does not model (a CRD, …): check its metadata.
        if let Some(meta_ty) = s.type_named("V1ObjectMeta") {
            if let Some(meta) = root.get("metadata") {
                let c = check_object(meta, meta_ty, "metadata");
                out.extend(c.diagnostics);
            }
        }
        let name = root.get("metadata").and_then(|m| m.get("name")).and_then(YamlNode::as_str).unwrap_or("");
        return Some(Object::Other { api_version: api_version.into(), kind: kind.into(), name: name.into() });
    };
    let checked = check_object(root, ty, "");
    let decode_failed = checked.decode_failed;
    out.extend(checked.diagnostics);
    rules::lint_tree(root, out);
    if decode_failed {
        return None;
    }
    typed(root, ty, api_version, kind, out)
}

/// The usual apiVersion of a kind, for hints.
fn guess_api_version(kind: &str) -> Option<&'static str> {
    let s = schema::schema();
    let v = s.versions_of(kind);
    let first = v.first()?;
    // Leak-free: return the static string from the schema's own storage by
    // matching against a fixed list.
    [
        "v1",
        "apps/v1",
        "batch/v1",
        "policy/v1",
        "networking.k8s.io/v1",
        "rbac.authorization.k8s.io/v1",
        "storage.k8s.io/v1",
        "autoscaling/v2",
        "autoscaling/v1",
        "scheduling.k8s.io/v1",
        "node.k8s.io/v1",
    ]
    .into_iter()
    .find(|c| c == first)
}

/// Decodes a document into the typed model and runs the semantic rules.
fn typed(root: &YamlNode, ty: usize, api_version: &str, kind: &str, out: &mut Vec<Diagnostic>) -> Option<Object> {
    let value = schema::check::model_value(root, ty);
    // Read through the schema, so `labels: ~` is absent as Go reads it.
    let meta: ObjectMeta =
        value.get("metadata").and_then(|m| serde_json::from_value(m.clone()).ok()).unwrap_or_default();
    let mut report = Report::new(root);
    rules::run_meta(&meta, "metadata", kind, false, &mut report);
    rules::run_object(root, kind, &mut report);
    let object = match kind {
        "Pod" => {
            let mut pod: Pod = decode(value, root, out)?;
            rules::run_pod(&pod.spec, root.get("spec"), "spec", &[], kind, &mut report);
            default_pod(&mut pod);
            let qos = qos_class(&pod.spec);
            pod.status.get_or_insert_with(PodStatus::default).qos_class = Some(qos.to_string());
            Some(Object::Pod(pod))
        }
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "Job" | "ReplicationController" => {
            let mut w: Workload = decode(value, root, out)?;
            let tmpl = root.get("spec").and_then(|s| s.get("template"));
            rules::run_meta(&w.spec.template.metadata, "spec.template.metadata", "PodTemplate", true, &mut report);
            // A StatefulSet's pods also get one volume per volumeClaimTemplate.
            let claims: Vec<String> = root
                .get("spec")
                .and_then(|s| s.get("volumeClaimTemplates"))
                .and_then(YamlNode::as_seq)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|c| c.get("metadata").and_then(|m| m.get("name")).and_then(YamlNode::as_str))
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            rules::run_pod(
                &w.spec.template.spec,
                tmpl.and_then(|t| t.get("spec")),
                "spec.template.spec",
                &claims,
                kind,
                &mut report,
            );
            // Templates keep the pod-only defaults too (see `default_pod_only_fields`).
            default_pod_spec(&mut w.spec.template.spec);
            default_pod_only_fields(&mut w.spec.template.spec);
            Some(Object::Workload(w))
        }
        "CronJob" => {
            let spec = root.get("spec");
            let schedule = spec.and_then(|s| s.get("schedule")).and_then(YamlNode::as_str).unwrap_or("").to_string();
            let tmpl_node =
                spec.and_then(|s| s.get("jobTemplate")).and_then(|j| j.get("spec")).and_then(|s| s.get("template"));
            let tmpl_ty = schema::schema().type_named("V1PodTemplateSpec").unwrap_or(ty);
            let mut template: PodTemplateSpec = match tmpl_node {
                Some(t) => decode(schema::check::model_value(t, tmpl_ty), root, out)?,
                None => PodTemplateSpec::default(),
            };
            let base = "spec.jobTemplate.spec.template";
            rules::run_meta(&template.metadata, &format!("{base}.metadata"), "PodTemplate", true, &mut report);
            rules::run_pod(
                &template.spec,
                tmpl_node.and_then(|t| t.get("spec")),
                &format!("{base}.spec"),
                &[],
                kind,
                &mut report,
            );
            default_pod_spec(&mut template.spec);
            default_pod_only_fields(&mut template.spec);
            Some(Object::CronJob(CronJob { metadata: meta.clone(), schedule, template }))
        }
        "Node" => Some(Object::Node(decode(value, root, out)?)),
        "ConfigMap" | "Secret" => {
            let mut data = std::collections::BTreeMap::new();
            for field in ["data", "stringData", "binaryData"] {
                if let Some(m) = root.get(field).and_then(YamlNode::as_map) {
                    for (k, v) in m {
                        let text = v.as_scalar().map(|s| s.text.clone()).unwrap_or_default();
                        data.insert(k.as_key().unwrap_or_default(), text);
                    }
                }
            }
            let d = DataObject { metadata: meta.clone(), data };
            Some(if kind == "Secret" { Object::Secret(d) } else { Object::ConfigMap(d) })
        }
        _ => Some(Object::Other { api_version: api_version.into(), kind: kind.into(), name: meta.name.clone() }),
    };
    out.extend(report.finish());
    object
}

fn decode<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    root: &YamlNode,
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    // The schema check before this has already placed every type error at
    // its node with Go's words, so a decode error here is rare (none of our
    // tests or the docs corpus reaches it) and is reported at the document.
    // Locating it with serde_path_to_error would instantiate the whole
    // model's decoding a second time: +73 KB gzip in the app (BENCHMARKS.md).
    match serde_json::from_value::<T>(value) {
        Ok(v) => Some(v),
        Err(e) => {
            out.push(err(
                "wrong-type",
                "",
                root.span,
                format!("json: {e}"),
                Text::new("값의 종류가 필드가 받는 것과 다릅니다.", "A value is not of the kind its field takes."),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_docs_pod_is_valid_and_defaulted() {
        let p = parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.14.2\n    ports:\n    - containerPort: 80\n");
        assert!(p.is_ok(), "{:#?}", p.diagnostics);
        let Object::Pod(pod) = &p.objects[0].object else { panic!("a pod") };
        assert_eq!(pod.spec.restart_policy.as_deref(), Some("Always"));
        assert_eq!(pod.spec.containers[0].ports[0].protocol.as_deref(), Some("TCP"));
        assert_eq!(pod.spec.termination_grace_period_seconds, Some(30));
        assert_eq!(pod.spec.containers[0].image_pull_policy.as_deref(), Some("IfNotPresent"));
    }

    #[test]
    fn acronym_fields_reach_the_model() {
        let p = parse("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostPID: true\n  hostIPC: true\n  containers:\n  - name: a\n    image: busybox:1.36\n    ports: [{containerPort: 80, hostIP: 10.0.0.1, hostPort: 80}]\n");
        assert!(p.is_ok(), "{:#?}", p.diagnostics);
        let Object::Pod(pod) = &p.objects[0].object else { panic!("a pod") };
        assert_eq!((pod.spec.host_pid, pod.spec.host_ipc), (Some(true), Some(true)));
        assert_eq!(pod.spec.containers[0].ports[0].host_ip.as_deref(), Some("10.0.0.1"));
    }

    #[test]
    fn flow_style_is_read() {
        let p = parse("{apiVersion: \"v1\", kind: \"Pod\", metadata: {name: \"a\",}, spec: {containers: [{name: \"a\", image: \"busybox:1.36\",}],},}");
        assert!(p.is_ok(), "{:#?}", p.diagnostics);
        assert_eq!(p.objects.len(), 1);
    }

    #[test]
    fn removed_api_versions_are_named() {
        let d = check("apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n");
        assert_eq!(d[0].message, "no matches for kind \"CronJob\" in version \"batch/v1beta1\"");
        assert!(d[0].explain.en.contains("batch/v1"));
    }

    #[test]
    fn missing_api_version() {
        let d = check("kind: Pod\nmetadata:\n  name: x\n");
        assert_eq!(d[0].message, "error validating data: [apiVersion not set]");
        assert_eq!(d[0].span.line, 1);
    }

    #[test]
    fn unknown_kinds_pass_with_metadata_checked() {
        let p = parse("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: {anything: 1}\n");
        assert!(p.is_ok(), "{:#?}", p.diagnostics);
        assert!(matches!(&p.objects[0].object, Object::Other { kind, .. } if kind == "Widget"));
    }

    #[test]
    fn cronjob_reaches_its_template() {
        let p = parse("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: busybox:1.36}]\n");
        assert!(p.is_ok(), "{:#?}", p.diagnostics);
        let Object::CronJob(c) = &p.objects[0].object else { panic!("a cronjob") };
        assert_eq!(c.template.spec.containers[0].name, "c");
    }
}
