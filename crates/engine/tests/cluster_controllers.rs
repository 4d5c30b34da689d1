//! Scenario tests of controllers, static pods and node failure: a
//! ReplicaSet replaces a deleted pod (new name, new UID), a Job completes, a
//! Deployment makes a ReplicaSet, a static pod gets a read-only mirror pod,
//! and a NotReady node's pods are evicted after the toleration timeout.

mod common;

use common::*;
use podplay_engine::cluster::Cluster;
use podplay_engine::kubelet::Phase;

const RS: &str = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: frontend}\nspec:\n  replicas: 3\n  selector: {matchLabels: {tier: frontend}}\n  template:\n    metadata: {labels: {tier: frontend}}\n    spec:\n      containers: [{name: php-redis, image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5'}]\n";

fn running(c: &Cluster, prefix: &str) -> Vec<(String, String)> {
    c.pods()
        .into_iter()
        .filter(|p| p.name.starts_with(prefix) && p.status == "Running")
        .map(|p| (p.name, p.uid))
        .collect()
}

#[test]
fn a_replicaset_replaces_a_deleted_pod_with_a_new_one() {
    let mut c = Cluster::new(1);
    c.apply(workload(RS)).unwrap();
    run_until(&mut c, 30_000, |c| running(c, "frontend-").len() == 3).expect("three replicas run");
    let before = running(&c, "frontend-");
    let (victim, victim_uid) = before[0].clone();
    assert!(victim.len() == "frontend-".len() + 5, "generated name {victim}");
    c.delete_pod("default", &victim, None).unwrap();
    run_until(&mut c, 60_000, |c| running(c, "frontend-").len() == 3 && c.pod("default", &victim).is_none())
        .expect("replaced");
    let after = running(&c, "frontend-");
    let new: Vec<_> = after.iter().filter(|p| !before.contains(p)).collect();
    assert_eq!(new.len(), 1);
    assert_ne!(new[0].0, victim);
    assert_ne!(new[0].1, victim_uid);
    let rs_events: Vec<String> =
        c.events_for("ReplicaSet", "default", "frontend").iter().map(|e| e.message.clone()).collect();
    assert_eq!(rs_events.len(), 4, "{rs_events:?}");
    assert!(rs_events.iter().all(|m| m.starts_with("Created pod: frontend-")));
    let w = c.workloads().into_iter().find(|w| w.name == "frontend").unwrap();
    assert_eq!((w.desired, w.current, w.ready), (3, 3, 3));
}

#[test]
fn scaling_down_deletes_pods() {
    let mut c = Cluster::new(2);
    c.apply(workload(RS)).unwrap();
    run_until(&mut c, 30_000, |c| running(c, "frontend-").len() == 3).unwrap();
    c.apply(workload(&RS.replace("replicas: 3", "replicas: 1"))).unwrap();
    run_until(&mut c, 60_000, |c| c.pods().len() == 1).expect("scaled down");
    let deletes =
        c.events_for("ReplicaSet", "default", "frontend").iter().filter(|e| e.reason == "SuccessfulDelete").count();
    assert_eq!(deletes, 2);
}

#[test]
fn a_deployment_owns_a_replicaset_named_with_the_template_hash() {
    let mut c = Cluster::new(3);
    let d = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nginx-deployment, labels: {app: nginx}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: nginx}}\n  template:\n    metadata: {labels: {app: nginx}}\n    spec:\n      containers: [{name: nginx, image: 'nginx:1.14.2', ports: [{containerPort: 80}]}]\n";
    c.apply(workload(d)).unwrap();
    run_until(&mut c, 30_000, |c| running(c, "nginx-deployment-").len() == 2).expect("deployment pods run");
    let rs = c.workloads().into_iter().find(|w| w.kind == "ReplicaSet").unwrap();
    assert!(rs.name.starts_with("nginx-deployment-"));
    let hash = rs.name.trim_start_matches("nginx-deployment-").to_string();
    let p = &c.pods()[0];
    assert_eq!(p.pod.metadata.labels.get("pod-template-hash"), Some(&hash));
    assert!(p.name.starts_with(&rs.name));
    let ev = c.events_for("Deployment", "default", "nginx-deployment");
    assert_eq!(ev[0].message, format!("Scaled up replica set {} to 2", rs.name));
    // A new template makes a new ReplicaSet; the old one scales to zero.
    c.apply(workload(&d.replace("nginx:1.14.2", "nginx:1.16.1"))).unwrap();
    run_until(&mut c, 60_000, |c| {
        let ps = c.pods();
        ps.len() == 2
            && ps
                .iter()
                .all(|p| p.status == "Running" && p.pod.spec.containers[0].image.as_deref() == Some("nginx:1.16.1"))
    })
    .expect("rolled over");
    assert_eq!(c.workloads().iter().filter(|w| w.kind == "ReplicaSet").count(), 2);
    // Deleting the Deployment removes everything it owns.
    c.delete_workload("Deployment", "default", "nginx-deployment").unwrap();
    run_until(&mut c, 60_000, |c| c.pods().is_empty()).expect("cascade");
}

#[test]
fn a_job_runs_to_completion() {
    let mut c = Cluster::new(4);
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  completions: 2\n  template:\n    spec:\n      containers: [{name: pi, image: 'perl:5.34.0', command: [perl, '-Mbignum=bpi', '-wle', 'print bpi(2000)']}]\n      restartPolicy: Never\n  backoffLimit: 4\n";
    c.apply(workload(job)).unwrap();
    run_until(&mut c, 120_000, |c| c.workloads().iter().any(|w| w.status == "Complete")).expect("complete");
    let w = c.workloads().into_iter().next().unwrap();
    assert_eq!((w.succeeded, w.failed), (2, 0));
    let pods = c.pods();
    assert_eq!(pods.len(), 2);
    assert!(pods.iter().all(|p| p.phase == Phase::Succeeded && p.status == "Completed"));
    assert_eq!(pods[0].pod.metadata.labels.get("job-name").map(String::as_str), Some("pi"));
    let ev: Vec<String> = c.events_for("Job", "default", "pi").iter().map(|e| e.reason.clone()).collect();
    assert_eq!(ev, ["SuccessfulCreate", "SuccessfulCreate", "Completed"]);
}

#[test]
fn a_failing_job_hits_its_backoff_limit() {
    let mut c = Cluster::new(5);
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: bad}\nspec:\n  backoffLimit: 1\n  template:\n    spec:\n      containers: [{name: x, image: 'busybox:1.36', command: [sh, -c, 'exit 1']}]\n      restartPolicy: Never\n";
    c.apply(workload(job)).unwrap();
    run_until(&mut c, 300_000, |c| c.workloads().iter().any(|w| w.status == "Failed")).expect("job fails");
    let ev = c.events_for("Job", "default", "bad");
    let last = ev.last().unwrap();
    assert_eq!(
        (last.reason.as_str(), last.message.as_str()),
        ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
    );
    // Jobs refuse restartPolicy Always, with upstream's text.
    let err = c
        .apply(workload(
            &job.replace("restartPolicy: Never", "restartPolicy: Always").replace("name: bad", "name: bad2"),
        ))
        .unwrap_err();
    assert_eq!(err.message, "Job.batch \"bad2\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
}

#[test]
fn static_pods_run_without_the_scheduler_and_mirror_read_only() {
    let mut c = Cluster::new(6);
    let p = pod("apiVersion: v1\nkind: Pod\nmetadata: {name: static-web, labels: {role: myrole}}\nspec:\n  containers: [{name: web, image: 'nginx:1.27', ports: [{name: web, containerPort: 80}]}]\n");
    c.add_static_pod("control-plane", p.clone()).unwrap();
    run_until(&mut c, 10_000, |c| view(c, "static-web-control-plane").status == "Running")
        .expect("static pod runs on the tainted node");
    let v = view(&c, "static-web-control-plane");
    assert!(v.is_mirror);
    assert_eq!(v.node.as_deref(), Some("control-plane"));
    assert!(v.pod.metadata.annotations.contains_key("kubernetes.io/config.mirror"));
    assert_eq!(v.pod.metadata.owner_references[0].kind, "Node");
    assert!(!reasons(&c, "static-web-control-plane").contains(&"Scheduled".to_string()), "no scheduler involved");
    // Deleting the mirror pod does not stop the static pod: the kubelet recreates the mirror.
    let uid = v.pod.metadata.uid.clone();
    c.delete_pod("default", "static-web-control-plane", None).unwrap();
    c.advance_by(5000);
    let v2 = view(&c, "static-web-control-plane");
    // A new API object; the runtime still knows the same static pod.
    assert_ne!(v2.pod.metadata.uid, uid);
    assert_eq!(v2.uid, v.uid);
    assert_eq!((v2.status.as_str(), v2.restarts), ("Running", 0));
    // Updating it through the API is refused.
    let mut changed = p.clone();
    changed.metadata.name = "static-web-control-plane".into();
    assert!(c.apply(changed).unwrap_err().message.contains("mirror pod"));
    // Removing the manifest stops it.
    c.remove_static_pod("control-plane", "static-web", "default").unwrap();
    run_until(&mut c, 40_000, |c| c.pod("default", "static-web-control-plane").is_none())
        .expect("gone with its manifest");
}

#[test]
fn a_not_ready_node_loses_its_pods_after_the_toleration_timeout() {
    let mut c = Cluster::new(7);
    c.cordon("worker-2").unwrap();
    c.apply(workload(&RS.replace("replicas: 3", "replicas: 1"))).unwrap();
    run_until(&mut c, 30_000, |c| running(c, "frontend-").len() == 1).unwrap();
    c.uncordon("worker-2").unwrap();
    let (name, _) = running(&c, "frontend-")[0].clone();
    assert_eq!(view(&c, &name).node.as_deref(), Some("worker-1"));
    let t0 = c.now();
    c.set_node_ready("worker-1", false).unwrap();
    let v = view(&c, &name);
    assert_eq!(v.ready, (1, 1), "container statuses are stale, as the kubelet is unreachable");
    assert!(!v.condition("Ready").unwrap().status, "but the pod is marked not Ready");
    assert!(reasons(&c, &name).contains(&"NodeNotReady".to_string()));
    assert_eq!(c.nodes()[1].status, "NotReady");
    c.advance_by(299_000);
    assert!(!view(&c, &name).deleting, "tolerated for 300 s");
    let t = run_until(&mut c, 5_000, |c| view(c, &name).deleting).expect("evicted");
    assert!(t.since(t0) >= 300_000);
    assert_eq!(view(&c, &name).status, "Terminating");
    let ev = pod_events(&c, &name);
    assert!(ev.contains(&("TaintManagerEviction".into(), format!("Marking for deletion Pod default/{name}"))));
    // The ReplicaSet makes a replacement on the healthy node.
    run_until(&mut c, 30_000, |c| {
        c.pods().iter().any(|p| p.name != name && p.status == "Running" && p.node.as_deref() == Some("worker-2"))
    })
    .expect("replacement");
    // The old pod stays Terminating until the node comes back.
    c.advance_by(60_000);
    assert!(c.pod("default", &name).is_some());
    c.set_node_ready("worker-1", true).unwrap();
    run_until(&mut c, 40_000, |c| c.pod("default", &name).is_none()).expect("cleaned up when the node returns");
}

#[test]
fn drain_changes_reports_what_moved() {
    use podplay_engine::cluster::Change;
    let mut c = Cluster::new(8);
    c.drain_changes();
    c.apply(workload(RS)).unwrap();
    c.advance_by(10_000);
    let ch = c.drain_changes();
    assert!(ch.contains(&Change::Events));
    assert!(ch.iter().filter(|x| matches!(x, Change::Pod { .. })).count() == 3);
    assert!(c.drain_changes().is_empty());
}

#[test]
fn unknown_kinds_are_refused_politely() {
    let mut c = Cluster::new(9);
    let err = c.apply(workload("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: nginx}]\n")).unwrap_err();
    assert!(err.message.contains("StatefulSet"));
    assert!(!err.explain.ko.is_empty());
}
