//! Scenario tests of the scheduler: unschedulable pods by cpu, selector and
//! taint with upstream's exact FailedScheduling text, retries when the
//! cluster changes, cordon, and the per-node "why" table.

mod common;

use common::*;
use podplay_engine::cluster::{worker_node, Cluster};
use podplay_engine::kubelet::Phase;
use podplay_engine::model::Taint;

fn pending_message(c: &Cluster, name: &str) -> String {
    let v = view(c, name);
    assert_eq!(v.phase, Phase::Pending);
    let cond = v.condition("PodScheduled").expect("PodScheduled");
    assert!(!cond.status);
    assert_eq!(cond.reason, Some("Unschedulable"));
    cond.message.clone().unwrap_or_default()
}

#[test]
fn failed_scheduling_messages_are_upstreams() {
    let cases = [
        (
            "resources: {requests: {cpu: '3'}}",
            "",
            "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
        ),
        (
            "resources: {requests: {cpu: '3', memory: 8Gi}}",
            "",
            "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
        ),
        (
            "resources: {}",
            "  nodeSelector: {disktype: ssd}\n",
            "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
        ),
        (
            "resources: {}",
            "  nodeSelector: {node-role.kubernetes.io/control-plane: ''}\n",
            "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
        ),
    ];
    for (resources, extra, want) in cases {
        let mut c = Cluster::new(1);
        let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{extra}  containers:\n  - name: a\n    image: nginx:1.27\n    {resources}\n");
        c.apply(pod(&yaml)).unwrap();
        c.advance_by(2000);
        assert_eq!(pending_message(&c, "p"), want, "{resources} {extra}");
        assert_eq!(view(&c, "p").status, "Pending");
        let ev = c.events_for("Pod", "default", "p");
        assert_eq!(ev.len(), 1);
        assert_eq!(
            (ev[0].reason.as_str(), ev[0].message.as_str(), ev[0].type_.as_str()),
            ("FailedScheduling", want, "Warning")
        );
    }
}

#[test]
fn all_tainted_nodes_say_preemption_is_not_helpful() {
    let mut c = Cluster::new(2);
    for n in ["worker-1", "worker-2"] {
        c.taint_node(n, Taint { key: "dedicated".into(), value: Some("gpu".into()), effect: "NoSchedule".into() })
            .unwrap();
    }
    c.apply(pod(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx:1.27}]\n",
    ))
    .unwrap();
    c.advance_by(1000);
    assert_eq!(
        pending_message(&c, "p"),
        "0/3 nodes are available: 3 node(s) had untolerated taint(s). preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    );
    // A toleration lets it in (a new pod; tolerations can be added to the old one too).
    let tolerating = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]\n  containers: [{name: a, image: nginx:1.27}]\n";
    c.apply(pod(tolerating)).unwrap();
    run_until(&mut c, 20_000, |c| view(c, "p").node.is_some()).expect("scheduled after the toleration was added");
}

#[test]
fn a_pending_pod_is_retried_when_the_cluster_changes() {
    let mut c = Cluster::new(3);
    c.apply(pod("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: {disktype: ssd}\n  containers: [{name: a, image: nginx:1.27}]\n")).unwrap();
    c.advance_by(30_000);
    assert!(view(&c, "p").node.is_none());
    c.label_node("worker-2", "disktype", Some("ssd"), false).unwrap();
    let t = run_until(&mut c, 20_000, |c| view(c, "p").node.as_deref() == Some("worker-2")).expect("retried");
    assert!(t.as_millis() <= 30_000 + 11_000, "retried within the back-off");
    assert_eq!(reasons(&c, "p")[..2], ["FailedScheduling".to_string(), "Scheduled".to_string()]);
    // Overwriting a label needs --overwrite, as kubectl.
    let err = c.label_node("worker-2", "disktype", Some("hdd"), false).unwrap_err();
    assert_eq!(err.message, "'disktype' already has a value (ssd), and --overwrite is false");
}

#[test]
fn unschedulable_pods_are_retried_every_five_minutes_and_counted() {
    let mut c = Cluster::new(4);
    c.apply(pod("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: {disktype: ssd}\n  containers: [{name: a, image: nginx:1.27}]\n")).unwrap();
    c.advance_by(11 * 60_000);
    let ev = c.events_for("Pod", "default", "p");
    assert_eq!(ev.len(), 1, "one deduplicated event");
    assert_eq!(ev[0].count, 3, "first attempt plus two 5-minute flushes");
}

#[test]
fn freed_resources_let_a_pending_pod_in() {
    let mut c = Cluster::new(5);
    let big = |name: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers: [{{name: a, image: nginx:1.27, resources: {{requests: {{cpu: 1500m}}}}}}]\n")
    };
    for n in ["a", "b", "c"] {
        c.apply(pod(&big(n))).unwrap();
    }
    c.advance_by(5000);
    let placed: Vec<_> = ["a", "b", "c"].iter().filter(|n| view(&c, n).node.is_some()).collect();
    assert_eq!(placed.len(), 2);
    let waiting = ["a", "b", "c"].into_iter().find(|n| view(&c, n).node.is_none()).unwrap();
    let victim = ["a", "b", "c"].into_iter().find(|n| *n != waiting).unwrap();
    c.delete_pod("default", victim, None).unwrap();
    run_until(&mut c, 60_000, |c| view(c, waiting).node.is_some())
        .expect("scheduled once the deleted pod freed its cpu");
}

#[test]
fn cordoned_nodes_take_no_new_pods() {
    let mut c = Cluster::new(6);
    c.cordon("worker-1").unwrap();
    c.cordon("worker-2").unwrap();
    c.apply(pod(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx:1.27}]\n",
    ))
    .unwrap();
    c.advance_by(1000);
    assert_eq!(
        pending_message(&c, "p"),
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    );
    assert_eq!(c.nodes()[1].status, "Ready,SchedulingDisabled");
    c.uncordon("worker-1").unwrap();
    run_until(&mut c, 20_000, |c| view(c, "p").node.as_deref() == Some("worker-1")).expect("scheduled after uncordon");
}

#[test]
fn host_ports_conflict_per_node() {
    let mut c = Cluster::new(7);
    let hp = |name: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers: [{{name: a, image: nginx:1.27, ports: [{{containerPort: 80, hostPort: 8080}}]}}]\n")
    };
    for n in ["a", "b", "c"] {
        c.apply(pod(&hp(n))).unwrap();
        c.advance_by(500);
    }
    assert_eq!(
        pending_message(&c, "c"),
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
    );
}

#[test]
fn required_and_preferred_node_affinity() {
    let mut c = Cluster::new(8);
    c.label_node("worker-1", "zone", Some("a"), false).unwrap();
    c.label_node("worker-2", "zone", Some("b"), false).unwrap();
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions: [{key: zone, operator: In, values: [a, b]}]\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 50\n        preference:\n          matchExpressions: [{key: zone, operator: In, values: [b]}]\n  containers: [{name: a, image: nginx:1.27}]\n";
    c.apply(pod(yaml)).unwrap();
    c.advance_by(1000);
    assert_eq!(view(&c, "p").node.as_deref(), Some("worker-2"));
    let t = c.scheduling_table("default", "p").unwrap();
    assert_eq!(t.best, vec!["worker-2".to_string()]);
    let w2 = t.rows.iter().find(|r| r.node == "worker-2").unwrap();
    let aff = w2.scores.iter().find(|s| s.plugin == "NodeAffinity").unwrap();
    assert_eq!((aff.raw, aff.normalized, aff.weight, aff.weighted), (50, 100, 2, 200));
}

#[test]
fn the_table_explains_every_node() {
    let mut c = Cluster::new(9);
    c.apply(pod("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx:1.27, resources: {requests: {cpu: '3'}}}]\n")).unwrap();
    c.advance_by(1000);
    let t = c.scheduling_table("default", "p").unwrap();
    assert!(t.best.is_empty());
    assert_eq!(t.message.as_deref(), Some(pending_message(&c, "p").as_str()));
    let cp = &t.rows[0];
    assert_eq!((cp.node.as_str(), cp.first_failure), ("control-plane", Some("TaintToleration")));
    // The table shows every filter's verdict, not only the first failure.
    let fit = cp.filters.iter().find(|f| f.plugin == "NodeResourcesFit").unwrap();
    assert_eq!(fit.status.reasons, vec!["Insufficient cpu"]);
    assert_eq!(t.rows[1].first_failure, Some("NodeResourcesFit"));
    let names: Vec<&str> = cp.filters.iter().map(|f| f.plugin).collect();
    assert_eq!(
        names,
        ["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit"]
    );
}

#[test]
fn least_allocated_spreads_pods() {
    let mut c = Cluster::with_nodes(10, vec![worker_node("a", "4", "8Gi"), worker_node("b", "4", "8Gi")]);
    for i in 0..6 {
        c.apply(pod(&format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}}}\nspec:\n  containers: [{{name: a, image: nginx:1.27, resources: {{requests: {{cpu: 500m, memory: 512Mi}}}}}}]\n"))).unwrap();
        c.advance_by(200);
    }
    let on_a = (0..6).filter(|i| view(&c, &format!("p{i}")).node.as_deref() == Some("a")).count();
    assert_eq!(on_a, 3, "LeastAllocated + BalancedAllocation alternate between equal nodes");
    let n = &c.nodes()[0];
    assert_eq!(n.requested.milli_cpu, 1500);
}

#[test]
fn no_nodes_at_all() {
    let mut c = Cluster::with_nodes(11, vec![]);
    c.apply(pod(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx:1.27}]\n",
    ))
    .unwrap();
    c.advance_by(1000);
    assert_eq!(pending_message(&c, "p"), "no nodes available to schedule pods");
}

#[test]
fn label_selectors_pick_pods_like_kubectl() {
    use podplay_engine::selector::Selector;
    let mut c = Cluster::new(12);
    for (name, env) in [("a", "prod"), ("b", "debug"), ("c", "test")] {
        c.apply(pod(&format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, labels: {{app: crane, env: {env}}}}}\nspec:\n  containers: [{{name: a, image: nginx:1.27}}]\n"))).unwrap();
    }
    c.apply(pod(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nspec:\n  containers: [{name: a, image: nginx:1.27}]\n",
    ))
    .unwrap();
    let names = |c: &Cluster, sel: &str| -> Vec<String> {
        c.pods_matching(&Selector::parse(sel).unwrap()).into_iter().map(|p| p.name).collect()
    };
    assert_eq!(names(&c, "env in (prod,debug)"), ["a", "b"]);
    assert_eq!(names(&c, "!env"), ["d"]);
    assert_eq!(names(&c, "app=crane,env=debug"), ["b"]);
    c.label_pod("default", "d", "env", Some("prod"), false).unwrap();
    assert_eq!(names(&c, "env=prod"), ["a", "d"]);
}

#[test]
fn absurd_values_do_not_panic() {
    let mut c = Cluster::with_nodes(13, vec![worker_node("huge", "9e15", "8Ei"), worker_node("tiny", "0", "0")]);
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  terminationGracePeriodSeconds: 9223372036854775807\n  containers:\n  - name: a\n    image: busybox\n    command: [sh, -c, 'sleep 1e400']\n    resources: {requests: {cpu: '9e15', memory: 8Ei}}\n    livenessProbe: {exec: {command: [x]}, periodSeconds: 2147483647, initialDelaySeconds: -5, failureThreshold: -1}\n";
    c.apply(pod(yaml)).unwrap();
    c.advance_by(20_000);
    c.delete_pod("default", "p", None).unwrap();
    c.advance_by(60_000);
    let _ = c.scheduling_table("default", "p");
    let _ = c.pods();
}
