//! Scenario tests of the Deployment controller on the virtual clock: a
//! rolling update stays within `maxSurge`/`maxUnavailable` at every step,
//! `Recreate` stops every old pod before a new one starts, revisions move
//! as upstream's do (a rollback reuses the old ReplicaSet under a new
//! number), old ReplicaSets beyond `revisionHistoryLimit` are deleted, and
//! the conditions and events read as upstream writes them.

mod common;

use common::*;
use podplay_engine::cluster::{Cluster, WorkloadView};

fn deploy(image: &str, strategy: &str, extra: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: 3\n{extra}  strategy:\n{strategy}  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers: [{{name: nginx, image: '{image}'}}]\n"
    )
}

const SURGE_ONE: &str = "    type: RollingUpdate\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n";
const RECREATE: &str = "    type: Recreate\n";

/// Pods that are not terminating: `(image, ready)`.
fn live(c: &Cluster) -> Vec<(String, bool)> {
    c.pods()
        .into_iter()
        .filter(|p| !p.deleting && p.pod.metadata.name.starts_with("web-"))
        .map(|p| {
            let image = p.pod.spec.containers[0].image.clone().unwrap_or_default();
            (image, p.status == "Running" && p.ready.0 == p.ready.1)
        })
        .collect()
}

fn workload(c: &Cluster, kind: &str, name: &str) -> WorkloadView {
    c.workloads().into_iter().find(|w| w.kind == kind && w.name == name).unwrap()
}

fn revision(w: &WorkloadView) -> String {
    w.object.metadata.annotations.get("deployment.kubernetes.io/revision").cloned().unwrap_or_default()
}

fn rs_by_image(c: &Cluster, image: &str) -> WorkloadView {
    c.workloads()
        .into_iter()
        .find(|w| w.kind == "ReplicaSet" && w.object.spec.template.spec.containers[0].image.as_deref() == Some(image))
        .unwrap()
}

fn settled(c: &Cluster, image: &str) -> bool {
    let pods = live(c);
    pods.len() == 3 && pods.iter().all(|(i, r)| i == image && *r) && c.pods().iter().all(|p| !p.deleting)
}

#[test]
fn surge_one_unavailable_zero_never_drops_below_replicas_or_exceeds_one_extra() {
    let mut c = Cluster::new(7);
    c.apply(common::workload(&deploy("nginx:1.27", SURGE_ONE, ""))).unwrap();
    run_until(&mut c, 60_000, |c| settled(c, "nginx:1.27")).expect("first rollout");
    c.apply(common::workload(&deploy("nginx:1.28", SURGE_ONE, ""))).unwrap();
    let mut steps = 0;
    let mut saw_surge = false;
    while !settled(&c, "nginx:1.28") {
        c.advance_by(10);
        steps += 1;
        assert!(steps < 12_000, "the rollout finishes within two minutes");
        let pods = live(&c);
        let ready = pods.iter().filter(|(_, r)| *r).count();
        assert!(ready >= 3, "at {}: only {ready} ready pods: {pods:?}", c.now());
        assert!(pods.len() <= 4, "at {}: {} pods: {pods:?}", c.now(), pods.len());
        saw_surge |= pods.len() == 4;
        let d = workload(&c, "Deployment", "web");
        assert!(d.updated <= 3 && d.current <= 4);
    }
    assert!(saw_surge, "the update used its surge");
    let d = workload(&c, "Deployment", "web");
    assert_eq!((d.current, d.updated, d.ready, d.available), (3, 3, 3, 3));
    assert_eq!(revision(&d), "2");
    let messages: Vec<String> =
        c.events_for("Deployment", "default", "web").iter().map(|e| e.message.clone()).collect();
    let old = rs_by_image(&c, "nginx:1.27").name;
    let new = rs_by_image(&c, "nginx:1.28").name;
    // Upstream's wording: creation says "to N", later scalings "to N from M".
    assert_eq!(messages[0], format!("Scaled up replica set {old} to 3"));
    assert_eq!(messages[1], format!("Scaled up replica set {new} to 1"));
    assert!(messages.contains(&format!("Scaled down replica set {old} to 2 from 3")), "{messages:?}");
    assert!(messages.contains(&format!("Scaled up replica set {new} to 2 from 1")), "{messages:?}");
    assert!(messages.contains(&format!("Scaled down replica set {old} to 0 from 1")), "{messages:?}");
    let conds: Vec<(String, String, String)> =
        d.conditions.iter().map(|c| (c.type_.clone(), c.status.clone(), c.reason.clone())).collect();
    assert_eq!(
        conds,
        [
            ("Available".into(), "True".into(), "MinimumReplicasAvailable".into()),
            ("Progressing".into(), "True".into(), "NewReplicaSetAvailable".into())
        ]
    );
    assert_eq!(d.conditions[1].message, format!("ReplicaSet \"{new}\" has successfully progressed."));
}

#[test]
fn default_budgets_are_a_quarter_rounded_as_upstream() {
    // 25% of 3: surge rounds up to 1, unavailable rounds down to 0.
    let mut c = Cluster::new(8);
    c.apply(common::workload(&deploy("nginx:1.27", "    type: RollingUpdate\n", ""))).unwrap();
    run_until(&mut c, 60_000, |c| settled(c, "nginx:1.27")).expect("first rollout");
    c.apply(common::workload(&deploy("nginx:1.28", "    type: RollingUpdate\n", ""))).unwrap();
    let mut steps = 0;
    while !settled(&c, "nginx:1.28") {
        c.advance_by(10);
        steps += 1;
        assert!(steps < 12_000);
        let pods = live(&c);
        assert!(pods.iter().filter(|(_, r)| *r).count() >= 3 && pods.len() <= 4, "{pods:?}");
    }
    let rs = rs_by_image(&c, "nginx:1.28");
    assert_eq!(rs.object.metadata.annotations.get("deployment.kubernetes.io/max-replicas").unwrap(), "4");
    assert_eq!(rs.object.metadata.annotations.get("deployment.kubernetes.io/desired-replicas").unwrap(), "3");
}

#[test]
fn recreate_stops_every_old_pod_before_a_new_one_starts() {
    let mut c = Cluster::new(9);
    c.apply(common::workload(&deploy("nginx:1.27", RECREATE, ""))).unwrap();
    run_until(&mut c, 60_000, |c| settled(c, "nginx:1.27")).expect("first rollout");
    c.apply(common::workload(&deploy("nginx:1.28", RECREATE, ""))).unwrap();
    let mut steps = 0;
    while !settled(&c, "nginx:1.28") {
        c.advance_by(10);
        steps += 1;
        assert!(steps < 12_000);
        let all: Vec<String> =
            c.pods().into_iter().map(|p| p.pod.spec.containers[0].image.clone().unwrap_or_default()).collect();
        let (old, new) = (all.iter().any(|i| i == "nginx:1.27"), all.iter().any(|i| i == "nginx:1.28"));
        assert!(!(old && new), "at {}: old and new pods together: {all:?}", c.now());
    }
}

#[test]
fn undo_reuses_the_old_replicaset_under_a_new_revision() {
    let mut c = Cluster::new(10);
    c.apply(common::workload(&deploy("nginx:1.27", SURGE_ONE, ""))).unwrap();
    run_until(&mut c, 60_000, |c| settled(c, "nginx:1.27")).unwrap();
    let first = rs_by_image(&c, "nginx:1.27");
    assert_eq!(revision(&first), "1");
    c.apply(common::workload(&deploy("nginx:1.28", SURGE_ONE, ""))).unwrap();
    run_until(&mut c, 60_000, |c| settled(c, "nginx:1.28")).unwrap();
    // Going back to the first template: no new ReplicaSet, the old one
    // becomes revision 3 and revision 1 is gone from the history.
    c.apply(common::workload(&deploy("nginx:1.27", SURGE_ONE, ""))).unwrap();
    run_until(&mut c, 60_000, |c| settled(c, "nginx:1.27")).unwrap();
    let sets: Vec<WorkloadView> = c.workloads().into_iter().filter(|w| w.kind == "ReplicaSet").collect();
    assert_eq!(sets.len(), 2);
    let back = rs_by_image(&c, "nginx:1.27");
    assert_eq!(back.name, first.name);
    assert_eq!(revision(&back), "3");
    assert_eq!(revision(&rs_by_image(&c, "nginx:1.28")), "2");
    assert_eq!(revision(&workload(&c, "Deployment", "web")), "3");
}

#[test]
fn old_replicasets_beyond_the_history_limit_are_deleted() {
    let mut c = Cluster::new(11);
    let extra = "  revisionHistoryLimit: 1\n";
    for (i, image) in ["nginx:1.25", "nginx:1.26", "nginx:1.27", "nginx:1.28"].iter().enumerate() {
        c.apply(common::workload(&deploy(image, SURGE_ONE, extra))).unwrap();
        run_until(&mut c, 60_000, |c| settled(c, image)).unwrap_or_else(|| panic!("rollout {i}"));
    }
    c.advance_by(1000);
    let mut sets: Vec<(String, String)> = c
        .workloads()
        .into_iter()
        .filter(|w| w.kind == "ReplicaSet")
        .map(|w| (revision(&w), w.object.spec.template.spec.containers[0].image.clone().unwrap_or_default()))
        .collect();
    sets.sort();
    assert_eq!(sets, [("3".into(), "nginx:1.27".into()), ("4".into(), "nginx:1.28".into())]);
}

#[test]
fn a_paused_deployment_does_not_roll_out_until_resumed() {
    let mut c = Cluster::new(12);
    c.apply(common::workload(&deploy("nginx:1.27", SURGE_ONE, ""))).unwrap();
    run_until(&mut c, 60_000, |c| settled(c, "nginx:1.27")).unwrap();
    c.apply(common::workload(&deploy("nginx:1.28", SURGE_ONE, "  paused: true\n"))).unwrap();
    c.advance_by(30_000);
    assert!(settled(&c, "nginx:1.27"), "nothing rolled out while paused");
    let d = workload(&c, "Deployment", "web");
    let p = d.conditions.iter().find(|c| c.type_ == "Progressing").unwrap();
    assert_eq!(
        (p.status.as_str(), p.reason.as_str(), p.message.as_str()),
        ("Unknown", "DeploymentPaused", "Deployment is paused")
    );
    c.apply(common::workload(&deploy("nginx:1.28", SURGE_ONE, ""))).unwrap();
    run_until(&mut c, 60_000, |c| settled(c, "nginx:1.28")).expect("rolled out after resume");
}

#[test]
fn scaling_a_settled_deployment_scales_its_replicaset() {
    let mut c = Cluster::new(13);
    c.apply(common::workload(&deploy("nginx:1.27", SURGE_ONE, ""))).unwrap();
    run_until(&mut c, 60_000, |c| settled(c, "nginx:1.27")).unwrap();
    c.scale_workload("Deployment", "default", "web", 5).unwrap();
    run_until(&mut c, 60_000, |c| live(c).iter().filter(|(_, r)| *r).count() == 5).expect("scaled up");
    let rs = rs_by_image(&c, "nginx:1.27");
    assert_eq!(rs.desired, 5);
    assert_eq!(c.workloads().iter().filter(|w| w.kind == "ReplicaSet").count(), 1);
}
