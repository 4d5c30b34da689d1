//! Resource types and their names as kubectl resolves them: plural, singular,
//! short names (`po`, `no`, `ev`, …) and `TYPE/NAME` arguments. The subset
//! the playground serves is what `kubectl api-resources` lists.
//! Short names follow `kubectl api-resources` on a v1.34 cluster.

/// A resource type kubectl knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resource {
    pub plural: &'static str,
    pub singular: &'static str,
    pub short: &'static [&'static str],
    pub kind: &'static str,
    pub api_version: &'static str,
    pub namespaced: bool,
    /// Whether the playground serves it.
    pub served: bool,
    pub verbs: &'static str,
}

#[allow(clippy::too_many_arguments)]
const fn r(
    plural: &'static str,
    singular: &'static str,
    short: &'static [&'static str],
    kind: &'static str,
    api_version: &'static str,
    namespaced: bool,
    served: bool,
    verbs: &'static str,
) -> Resource {
    Resource { plural, singular, short, kind, api_version, namespaced, served, verbs }
}

const RW: &str = "create,delete,deletecollection,get,list,patch,update,watch";

/// Every resource type kubectl resolves, sorted as `api-resources` prints them.
pub const RESOURCES: &[Resource] = &[
    r("configmaps", "configmap", &["cm"], "ConfigMap", "v1", true, false, RW),
    r("events", "event", &["ev"], "Event", "v1", true, true, RW),
    r("namespaces", "namespace", &["ns"], "Namespace", "v1", false, false, "create,delete,get,list,patch,update,watch"),
    r("nodes", "node", &["no"], "Node", "v1", false, true, RW),
    r("persistentvolumeclaims", "persistentvolumeclaim", &["pvc"], "PersistentVolumeClaim", "v1", true, false, RW),
    r("pods", "pod", &["po"], "Pod", "v1", true, true, RW),
    r("secrets", "secret", &[], "Secret", "v1", true, false, RW),
    r("serviceaccounts", "serviceaccount", &["sa"], "ServiceAccount", "v1", true, false, RW),
    r("services", "service", &["svc"], "Service", "v1", true, false, "create,delete,deletecollection,get,list,patch,update,watch"),
    r("daemonsets", "daemonset", &["ds"], "DaemonSet", "apps/v1", true, false, RW),
    r("deployments", "deployment", &["deploy"], "Deployment", "apps/v1", true, true, RW),
    r("replicasets", "replicaset", &["rs"], "ReplicaSet", "apps/v1", true, true, RW),
    r("statefulsets", "statefulset", &["sts"], "StatefulSet", "apps/v1", true, false, RW),
    r("cronjobs", "cronjob", &["cj"], "CronJob", "batch/v1", true, false, RW),
    r("jobs", "job", &[], "Job", "batch/v1", true, true, RW),
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
        for (typed, plural) in [("po", "pods"), ("Pod", "pods"), ("pods", "pods"), ("no", "nodes"), ("ev", "events"), ("deploy", "deployments"), ("rs", "replicasets"), ("job", "jobs"), ("cm", "configmaps"), ("pods.v1", "pods")] {
            assert_eq!(resolve(typed).map(|r| r.plural), Some(plural), "{typed}");
        }
        assert_eq!(resolve("pdos"), None);
    }
}
