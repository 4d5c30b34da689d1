//! `podplay-engine`: a pure, deterministic, in-memory Kubernetes Pod engine.
//!
//! It validates manifests the way kube-apiserver does, simulates the
//! scheduler and the kubelet on a virtual clock, and models what happens
//! inside a pod. It has no web, clock or OS dependency: time and randomness
//! are inputs, state and events are outputs (see ARCHITECTURE.md).

pub(crate) mod base64;
pub mod cluster;
pub(crate) mod defaults;
pub(crate) mod diag;
pub mod expansion;
pub(crate) mod hash;
pub mod image_ref;
pub mod internals;
pub mod kubectl;
pub mod kubelet;
pub mod lessons;
pub mod model;
pub mod names;
pub mod node_shell;
pub(crate) mod pod_resources;
pub mod quantity;
pub mod rng;
pub mod runtime;
pub mod scheduler;
pub mod schema;
pub mod selector;
pub mod shell;
pub(crate) mod text;
pub(crate) mod time;
pub mod validate;
pub mod yaml;

// `cluster::ApiObject` stays reachable by its path: the root name `Object` is
// the validator's parsed object.
pub use cluster::{ApiError, ApplyOutcome, Cluster, PodView};
pub use diag::{Diagnostic, Fix, Severity, Span};
pub use internals::PodRuntime;
pub use schema::explain::{explain, ExplainError, Explanation};
pub use text::{Lang, Text};
/// The civil date of a day count since 1970-01-01 (podplay-node names its
/// atomic-writer directories with it).
pub use time::civil_from_days;
pub use time::SimTime;
pub use validate::{parse, qos_class, CronJob, DataObject, Located, Object, Parsed};

/// The Kubernetes version whose API and behaviour this engine follows.
///
/// The embedded field schema (`schema/k8s.schema`) is generated from the
/// PyPI `kubernetes` client 35.0.0, which carries the OpenAPI of release-1.35
/// (see `tools/schema/gen.py`); keep the two in step.
pub const KUBERNETES_VERSION: &str = "1.35";

/// Checks a YAML source and returns every diagnostic found, in source order.
///
/// This is the one entry point the editor calls on every keystroke; it never
/// panics, whatever the input.
pub fn check(source: &str) -> Vec<Diagnostic> {
    validate::check(source)
}
