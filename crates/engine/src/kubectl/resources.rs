//! Resource types and their names as kubectl resolves them: plural, singular,
//! short names (`po`, `no`, `ev`, …) and `TYPE/NAME` arguments. The subset
//! the playground serves is what `kubectl api-resources` lists.
//! Short names follow `kubectl api-resources` on a v1.34 cluster.
//!
//! This is the playground's RESTMapper (`k8s.io/apimachinery/pkg/api/meta`
//! `RESTMapper`, as `kubectl api-resources` prints it): every kind is
//! described once, and [`Serve`] says which code path lists, prints,
//! describes and watches it (`cmd/kinds.rs` matches on it once per
//! operation).

/// How the playground serves a kind: the verbs read this instead of
/// matching on the plural name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Serve {
    /// Known to kubectl but not served here (`error: … are not available`).
    No,
    /// Pods: listed from the backend, printed by the pod printer,
    /// described with containers and events.
    Pods,
    /// Nodes: cluster-scoped, printed with readiness and InternalIP.
    Nodes,
    /// Events: no labels, watched by count rather than by object.
    Events,
    /// Deployments, ReplicaSets and Jobs: the backend's workload rows.
    Workloads,
    /// Namespaces: cluster-scoped JSON objects with a phase.
    Namespaces,
    /// ConfigMaps, Secrets and ServiceAccounts: namespaced JSON objects.
    Data,
}

/// A resource type kubectl knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resource {
    pub plural: &'static str,
    pub singular: &'static str,
    pub short: &'static [&'static str],
    pub kind: &'static str,
    pub api_version: &'static str,
    pub namespaced: bool,
    /// How (and whether) the playground serves it.
    pub serve: Serve,
    pub verbs: &'static str,
}

impl Resource {
    /// Whether the playground serves it.
    pub fn served(&self) -> bool {
        self.serve != Serve::No
    }

    /// Whether it is in the `all` category (`kubectl get all`; the
    /// CATEGORIES column of `kubectl api-resources -o wide`).
    pub fn in_all(&self) -> bool {
        matches!(self.serve, Serve::Pods | Serve::Workloads)
    }
}

#[allow(clippy::too_many_arguments)]
const fn r(
    plural: &'static str,
    singular: &'static str,
    short: &'static [&'static str],
    kind: &'static str,
    api_version: &'static str,
    namespaced: bool,
    serve: Serve,
    verbs: &'static str,
) -> Resource {
    Resource { plural, singular, short, kind, api_version, namespaced, serve, verbs }
}

const RW: &str = "create,delete,deletecollection,get,list,patch,update,watch";

/// Every resource type kubectl resolves, sorted as `api-resources` prints them.
pub const RESOURCES: &[Resource] = &[
    r("configmaps", "configmap", &["cm"], "ConfigMap", "v1", true, Serve::Data, RW),
    r("events", "event", &["ev"], "Event", "v1", true, Serve::Events, RW),
    r(
        "namespaces",
        "namespace",
        &["ns"],
        "Namespace",
        "v1",
        false,
        Serve::Namespaces,
        "create,delete,get,list,patch,update,watch",
    ),
    r("nodes", "node", &["no"], "Node", "v1", false, Serve::Nodes, RW),
    r("persistentvolumeclaims", "persistentvolumeclaim", &["pvc"], "PersistentVolumeClaim", "v1", true, Serve::No, RW),
    r("pods", "pod", &["po"], "Pod", "v1", true, Serve::Pods, RW),
    r(
        "replicationcontrollers",
        "replicationcontroller",
        &["rc"],
        "ReplicationController",
        "v1",
        true,
        Serve::Workloads,
        RW,
    ),
    r("secrets", "secret", &[], "Secret", "v1", true, Serve::Data, RW),
    r("serviceaccounts", "serviceaccount", &["sa"], "ServiceAccount", "v1", true, Serve::Data, RW),
    r(
        "services",
        "service",
        &["svc"],
        "Service",
        "v1",
        true,
        Serve::No,
        "create,delete,deletecollection,get,list,patch,update,watch",
    ),
    r("daemonsets", "daemonset", &["ds"], "DaemonSet", "apps/v1", true, Serve::No, RW),
    r("deployments", "deployment", &["deploy"], "Deployment", "apps/v1", true, Serve::Workloads, RW),
    r("replicasets", "replicaset", &["rs"], "ReplicaSet", "apps/v1", true, Serve::Workloads, RW),
    r("statefulsets", "statefulset", &["sts"], "StatefulSet", "apps/v1", true, Serve::No, RW),
    r("cronjobs", "cronjob", &["cj"], "CronJob", "batch/v1", true, Serve::Workloads, RW),
    r("jobs", "job", &[], "Job", "batch/v1", true, Serve::Workloads, RW),
    r("priorityclasses", "priorityclass", &["pc"], "PriorityClass", "scheduling.k8s.io/v1", false, Serve::Data, RW),
];

/// Resolves a type name typed by the user (`po`, `Pods`, `pod.v1`, `deploy`).
pub fn resolve(typed: &str) -> Option<&'static Resource> {
    let lower = typed.to_lowercase();
    // `pods.v1`, `deployments.apps`, `deployments.v1.apps`: keep the type part.
    let base = lower.split('.').next().unwrap_or("");
    RESOURCES.iter().find(|res| {
        res.plural == base || res.singular == base || res.short.contains(&base) || res.kind.to_lowercase() == base
    })
}

/// `error: the server doesn't have a resource type "pdos"`.
pub fn unknown_type_line(typed: &str) -> String {
    format!("error: the server doesn't have a resource type \"{typed}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve() {
        for (typed, plural) in [
            ("po", "pods"),
            ("Pod", "pods"),
            ("pods", "pods"),
            ("no", "nodes"),
            ("ev", "events"),
            ("deploy", "deployments"),
            ("rs", "replicasets"),
            ("job", "jobs"),
            ("rc", "replicationcontrollers"),
            ("cj", "cronjobs"),
            ("cm", "configmaps"),
            ("pods.v1", "pods"),
        ] {
            assert_eq!(resolve(typed).map(|r| r.plural), Some(plural), "{typed}");
        }
        assert_eq!(resolve("pdos"), None);
    }
}
