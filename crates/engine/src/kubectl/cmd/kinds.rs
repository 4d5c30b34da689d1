//! The kinds the playground serves, each listed, printed and described in
//! one place: the verbs (`get`, `describe`, `delete`, `label`, `-w`) and
//! completion call these functions and never match on a type name
//! themselves. Which code path a kind takes is [`Serve`], from the table in
//! `resources.rs`. Mirrors kubectl's per-kind printers and describers
//! (`staging/src/k8s.io/kubectl/pkg/describe/describe.go` `DescriberFor`,
//! `pkg/printers/internalversion/printers.go` `AddHandlers`).

use std::collections::BTreeMap;

use super::objects::{
    event_field, event_json, node_field, node_for_output, node_ip, pod_field, pod_json, sorted_nodes, sorted_pods,
    workload_field, workload_json, workload_labels,
};
use super::util::kind_ref;
use crate::kubectl::backend::{Backend, EventView, WorkloadRow};
use crate::kubectl::data;
use crate::kubectl::describe::{describe_node_with, describe_pod_with};
use crate::kubectl::printers::{self, TableOptions};
use crate::kubectl::resources::{Resource, Serve};
use crate::model::{Node, Pod};
use crate::time::SimTime;

/// A table's header cells and row cells.
pub(crate) type Cells = (Vec<String>, Vec<Vec<String>>);

/// One object of a served kind, as the verbs handle it. A listing is
/// short-lived (one command), so the variants are not boxed.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    Pod(Pod),
    /// A node with its readiness and InternalIP, which the backend reports beside it.
    Node(Node, bool, String),
    Event(EventView),
    Workload(WorkloadRow),
    /// A namespace, ConfigMap or Secret, as the API returns it.
    Object(serde_json::Value),
}

impl Item {
    /// The object's namespace (empty for a node).
    pub(crate) fn namespace(&self) -> &str {
        match self {
            Item::Pod(p) => &p.metadata.namespace,
            Item::Node(..) => "",
            Item::Event(e) => &e.namespace,
            Item::Workload(w) => &w.namespace,
            Item::Object(v) => data::text(v, "/metadata/namespace"),
        }
    }

    /// The object's name.
    pub(crate) fn name(&self) -> String {
        match self {
            Item::Pod(p) => p.metadata.name.clone(),
            Item::Node(n, ..) => n.metadata.name.clone(),
            Item::Event(e) => e.name(),
            Item::Workload(w) => w.name.clone(),
            Item::Object(v) => data::text(v, "/metadata/name").to_string(),
        }
    }

    /// The object's labels (events have none).
    pub(crate) fn labels(&self) -> BTreeMap<String, String> {
        match self {
            Item::Pod(p) => p.metadata.labels.clone(),
            Item::Node(n, ..) => n.metadata.labels.clone(),
            Item::Event(_) => BTreeMap::new(),
            Item::Workload(w) => workload_labels(w),
            Item::Object(v) => data::string_map(v, "/metadata/labels"),
        }
    }

    /// The object's value of a field `--field-selector` can select by.
    pub(crate) fn field(&self, field: &str) -> Option<String> {
        match self {
            Item::Pod(p) => pod_field(p, field),
            Item::Node(n, ..) => node_field(n, field),
            Item::Event(e) => event_field(e, field),
            Item::Workload(w) => workload_field(w, field),
            Item::Object(v) => match field {
                "metadata.name" => Some(data::text(v, "/metadata/name").to_string()),
                "metadata.namespace" => Some(data::text(v, "/metadata/namespace").to_string()),
                "status.phase" => Some(data::text(v, "/status/phase").to_string()),
                "type" => Some(data::text(v, "/type").to_string()),
                _ => None,
            },
        }
    }

    /// The object as the API returns it to `-o json|yaml|jsonpath`.
    pub(crate) fn json(&self, res: &Resource) -> serde_json::Value {
        match self {
            Item::Pod(p) => pod_json(p),
            Item::Node(n, ..) => serde_json::to_value(node_for_output(n)).unwrap_or_default(),
            Item::Event(e) => event_json(e),
            Item::Workload(w) => workload_json(res, w),
            Item::Object(v) => v.clone(),
        }
    }

    /// `-o name`: `pod/web`, `deployment.apps/web`.
    pub(crate) fn name_line(&self, res: &Resource) -> String {
        format!("{}/{}", kind_ref(res.kind, res.api_version), self.name())
    }
}

/// Every object of `res` in namespace `ns` (all namespaces for `None` and
/// for cluster-scoped kinds), in the order kubectl lists them.
pub(crate) fn list<B: Backend + ?Sized>(b: &B, res: &Resource, ns: Option<&str>) -> Vec<Item> {
    // A cluster-scoped kind (PriorityClass) is listed whatever the namespace.
    let in_ns = |n: &str| !res.namespaced || ns.is_none_or(|want| n == want);
    match res.serve {
        Serve::Pods => sorted_pods(b).into_iter().filter(|p| in_ns(&p.metadata.namespace)).map(Item::Pod).collect(),
        Serve::Nodes => sorted_nodes(b)
            .into_iter()
            .map(|n| {
                let (ready, ip) = (b.node_ready(&n.metadata.name), node_ip(b, &n));
                Item::Node(n, ready, ip)
            })
            .collect(),
        Serve::Events => b.events().into_iter().filter(|e| in_ns(&e.namespace)).map(Item::Event).collect(),
        Serve::Workloads => {
            let mut rows: Vec<WorkloadRow> =
                b.workloads().into_iter().filter(|w| w.kind == res.kind && in_ns(&w.namespace)).collect();
            rows.sort_by(|x, y| (&x.namespace, &x.name).cmp(&(&y.namespace, &y.name)));
            rows.into_iter().map(Item::Workload).collect()
        }
        Serve::Namespaces => b.namespaces().into_iter().map(Item::Object).collect(),
        Serve::Data => b
            .data_objects(res.kind)
            .into_iter()
            .filter(|v| in_ns(data::text(v, "/metadata/namespace")))
            .map(Item::Object)
            .collect(),
        Serve::No => Vec::new(),
    }
}

/// The header and row cells of a table of `items` (all of kind `res`).
pub(crate) fn cells(res: &Resource, items: &[&Item], now: SimTime, opts: &TableOptions) -> Cells {
    match res.serve {
        Serve::Pods => {
            let pods: Vec<&Pod> =
                items.iter().filter_map(|i| if let Item::Pod(p) = i { Some(p) } else { None }).collect();
            printers::pod_cells(&pods, now, opts)
        }
        Serve::Nodes => {
            let nodes: Vec<(&Node, bool, &str)> = items
                .iter()
                .filter_map(|i| if let Item::Node(n, r, ip) = i { Some((n, *r, ip.as_str())) } else { None })
                .collect();
            let pairs: Vec<(&Node, bool)> = nodes.iter().map(|(n, r, _)| (*n, *r)).collect();
            let ips: BTreeMap<&str, &str> = nodes.iter().map(|(n, _, ip)| (n.metadata.name.as_str(), *ip)).collect();
            let ip = |n: &Node| ips.get(n.metadata.name.as_str()).map(|s| s.to_string()).unwrap_or_default();
            // Nodes have no namespace column, even with `-A`.
            let mut o = opts.clone();
            o.with_namespace = false;
            printers::node_cells(&pairs, now, &ip, &o)
        }
        Serve::Events => {
            let events: Vec<&EventView> =
                items.iter().filter_map(|i| if let Item::Event(e) = i { Some(e) } else { None }).collect();
            printers::event_cells(&events, now, opts)
        }
        Serve::Workloads => {
            let rows: Vec<&WorkloadRow> =
                items.iter().filter_map(|i| if let Item::Workload(w) = i { Some(w) } else { None }).collect();
            crate::kubectl::printers_workloads::cells(res.kind, &rows, now, opts)
        }
        Serve::Namespaces | Serve::Data => {
            let objects: Vec<&serde_json::Value> =
                items.iter().filter_map(|i| if let Item::Object(v) = i { Some(v) } else { None }).collect();
            data::cells(res.kind, &objects, now, opts)
        }
        Serve::No => (Vec::new(), Vec::new()),
    }
}

/// The table of `items`, as `kubectl get` prints it.
pub(crate) fn table(res: &Resource, items: &[&Item], now: SimTime, opts: &TableOptions) -> String {
    let (header, rows) = cells(res, items, now, opts);
    printers::assemble(header, rows, opts)
}

/// Whether `kubectl describe` can describe this kind here.
pub(crate) fn describable(res: &Resource) -> bool {
    matches!(res.serve, Serve::Pods | Serve::Nodes | Serve::Namespaces | Serve::Data | Serve::Workloads)
}

/// Whether `kubectl delete` can delete this kind here.
pub(crate) fn deletable(res: &Resource) -> bool {
    matches!(res.serve, Serve::Pods | Serve::Workloads | Serve::Namespaces | Serve::Data)
}

/// Whether `kubectl label` and `annotate` can change this kind here.
pub(crate) fn labelable(res: &Resource) -> bool {
    matches!(res.serve, Serve::Pods | Serve::Nodes | Serve::Namespaces | Serve::Data)
}

/// What a describer reads besides the object: every pod (for a node's
/// non-terminated pods), the events (`None` for `--show-events=false`) and
/// the time.
pub(crate) struct DescribeInput<'a> {
    pub(crate) pods: &'a [Pod],
    pub(crate) events: Option<&'a [EventView]>,
    pub(crate) now: SimTime,
    /// Every workload (a Deployment's describer lists its ReplicaSets).
    pub(crate) workloads: &'a [WorkloadRow],
}

/// `kubectl describe` text of one object, or `None` for a kind without a describer.
pub(crate) fn describe(item: &Item, input: &DescribeInput) -> Option<String> {
    let about = |kind: &str, name: &str, ns: Option<&str>| -> Vec<&EventView> {
        input
            .events
            .unwrap_or_default()
            .iter()
            .filter(|e| e.object_kind == kind && e.object_name == name && ns.is_none_or(|n| e.namespace == n))
            .collect()
    };
    match item {
        Item::Pod(p) => {
            let evs = about("Pod", &p.metadata.name, Some(&p.metadata.namespace));
            Some(describe_pod_with(p, input.events.map(|_| evs.as_slice()), input.now))
        }
        Item::Node(node, _, ip) => {
            let on_node: Vec<&Pod> = input
                .pods
                .iter()
                .filter(|p| p.spec.node_name.as_deref() == Some(node.metadata.name.as_str()))
                .filter(|p| {
                    let phase = p.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("");
                    phase != "Succeeded" && phase != "Failed"
                })
                .collect();
            let evs = about("Node", &node.metadata.name, None);
            Some(describe_node_with(node, &on_node, input.events.map(|_| evs.as_slice()), ip, input.now))
        }
        Item::Object(v) => {
            let kind = data::text(v, "/kind");
            let evs = about(kind, data::text(v, "/metadata/name"), Some(data::text(v, "/metadata/namespace")));
            Some(data::describe(v, input.events.map(|_| evs.as_slice()), input.now))
        }
        Item::Workload(w) => {
            let evs = about(&w.kind, &w.name, Some(&w.namespace));
            let input = crate::kubectl::describe_workloads::WorkloadInput {
                pods: input.pods,
                rows: input.workloads,
                events: input.events.map(|_| evs.as_slice()),
                now: input.now,
            };
            crate::kubectl::describe_workloads::describe(w, &input)
        }
        Item::Event(_) => None,
    }
}
