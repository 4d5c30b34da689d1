//! What the cluster's API server does to a pod before storing it: the
//! request's type and namespace, then the one owner of defaulting and
//! admission ([`crate::defaults`]).

use crate::model::Pod;

/// Fills in what the request left to the server, then defaults and admits
/// the pod as kube-apiserver does (`default_toleration_seconds` is the
/// `DefaultTolerationSeconds` plugin's setting, 300 upstream).
pub(crate) fn pod(p: &mut Pod, default_toleration_seconds: i64) {
    if p.api_version.is_empty() {
        p.api_version = "v1".into();
    }
    if p.kind.is_empty() {
        p.kind = "Pod".into();
    }
    if p.metadata.namespace.is_empty() {
        p.metadata.namespace = "default".into();
    }
    crate::defaults::default_pod(p);
    crate::defaults::admit_pod(p, default_toleration_seconds);
}
