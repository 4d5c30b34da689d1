//! Scheduler preemption on the virtual clock, as kube-scheduler 1.35's
//! DefaultPreemption does it: a pending pod of a higher PriorityClass
//! evicts a lower-priority pod from a full node (the victim's
//! `DisruptionTarget` condition and `Preempted` event, the preemptor's
//! `nominatedNodeName`), then runs there; a pod with
//! `preemptionPolicy: Never` waits; a lower-priority pod never preempts a
//! higher one.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::transcript;
use podplay_engine::kubectl::{Context, Playground};

/// Two classes and two low pods, each filling most of a worker's CPU.
const SETUP: &str = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
description: Pods that must run.
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: waiting
value: 1000
preemptionPolicy: Never
---
apiVersion: v1
kind: Pod
metadata:
  name: low-1
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
    resources:
      requests: {cpu: 1500m}
---
apiVersion: v1
kind: Pod
metadata:
  name: low-2
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
    resources:
      requests: {cpu: 1500m}
";

/// `name` asking for 1.5 CPU with `class` (or none).
fn pod(name: &str, class: Option<&str>) -> String {
    let class = class.map(|c| format!("  priorityClassName: {c}\n")).unwrap_or_default();
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
{class}  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {{cpu: 1500m}}
"
    )
}

fn context() -> Context {
    let mut ctx = Context::with_editor(SETUP);
    ctx.files.insert("vip.yaml".into(), pod("vip", Some("high")));
    ctx.files.insert("patient.yaml".into(), pod("patient", Some("waiting")));
    ctx.files.insert("plain.yaml".into(), pod("plain", None));
    ctx
}

#[test]
fn a_high_priority_pod_preempts_a_low_one() {
    let mut p = Playground::new(7);
    let ctx = context();
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml",
            "+20",
            "kubectl get pods -o wide",
            "kubectl apply -f vip.yaml",
            "+1",
            "kubectl get pods -o wide",
            "kubectl get pod vip -o jsonpath={.status.nominatedNodeName}",
            "kubectl get pod low-1 -o jsonpath={.status.conditions[?(@.type==\"DisruptionTarget\")]}",
            "kubectl describe pod low-1",
            "kubectl describe pod vip",
            "+10",
            "kubectl describe pod vip",
            "+30",
            "kubectl get pods -o wide",
            "kubectl describe pod vip",
            "kubectl get events --field-selector reason=Preempted",
        ],
    );
    expect_file!["snapshots/cluster_preemption.txt"].assert_eq(&t);
}

#[test]
fn never_waits_and_lower_priority_does_not_preempt() {
    let mut p = Playground::new(7);
    let mut ctx = context();
    // A second high pod: its only possible victim is the priority-0 pod.
    ctx.files.insert("vip2.yaml".into(), pod("vip-2", Some("high")));
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml",
            "+20",
            "kubectl apply -f patient.yaml",
            "kubectl apply -f plain.yaml",
            "+2",
            "kubectl get pods -o wide",
            "kubectl get pod patient -o jsonpath={.status.conditions[0].message}",
            "kubectl get pod plain -o jsonpath={.status.conditions[0].message}",
            "kubectl get pod patient -o jsonpath={.spec.preemptionPolicy}",
            "kubectl delete pod low-1 low-2 --grace-period=0 --force",
            "+15",
            "kubectl get pods -o wide",
            // vip-2 may evict plain (priority 0) but not patient (1000, like itself).
            "kubectl apply -f vip2.yaml",
            "+2",
            "kubectl get pods -o wide",
            "kubectl get events --field-selector reason=Preempted",
            "+40",
            "kubectl get pods -o wide",
            // A priority-0 pod finds no lower-priority victims anywhere.
            "kubectl apply -f plain.yaml",
            "+2",
            "kubectl get pod plain -o jsonpath={.status.conditions[0].message}",
        ],
    );
    expect_file!["snapshots/cluster_preemption_never.txt"].assert_eq(&t);
}
