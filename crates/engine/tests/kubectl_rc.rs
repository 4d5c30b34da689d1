//! ReplicationControllers through kubectl: seed article 003's
//! controller (JSON, no selector: it is defaulted from the template's
//! labels), `get rc` (and `-o wide`), `describe rc`, `scale rc`, a deleted
//! pod replaced, and `delete rc`.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript};
use podplay_engine::kubectl::Playground;

/// The ReplicationController of seed article 003, as written there.
const CRANE: &str = r#"{
  "kind": "ReplicationController",
  "apiVersion": "v1",
  "metadata": {
    "name": "crane"
  },
  "spec": {
    "replicas": 1,
    "template": {
      "metadata": {
        "labels": {
          "app": "crane"
        }
      },
      "spec": {
        "volumes": null,
        "containers": [
          {
            "name": "crane",
            "image": "heejeong/crane",
            "imagePullPolicy": "Always",
            "ports": [
              {
                "containerPort": 7070
              }
            ]
          }
        ]
      }
    }
  }
}
"#;

#[test]
fn seed_003_replication_controller() {
    let mut p = Playground::new(3);
    let mut ctx = context("");
    ctx.files.insert("crane.json".into(), CRANE.into());
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create -f crane.json",
            "+20",
            "kubectl get rc",
            "kubectl get replicationcontrollers -o wide",
            "kubectl get rc crane -o jsonpath={.spec.selector}",
            "kubectl scale rc crane --replicas=3",
            "+20",
            "kubectl get rc crane",
            "kubectl get pods -l app=crane -o name",
            "kubectl describe rc crane",
            "kubectl get all",
            "kubectl delete rc crane",
            "+40",
            "kubectl get pods",
        ],
    );
    expect_file!["snapshots/kubectl_rc.txt"].assert_eq(&t);
}

#[test]
fn a_deleted_pod_is_replaced() {
    let mut p = Playground::new(4);
    let mut ctx = context("");
    ctx.files.insert("crane.json".into(), CRANE.replace("\"replicas\": 1", "\"replicas\": 2"));
    let _ = p.run("kubectl apply -f crane.json", &ctx);
    p.cluster.advance_by(20_000);
    let names = |p: &Playground| -> Vec<String> {
        let mut v: Vec<String> =
            p.cluster.pods().into_iter().filter(|x| !x.deleting && x.namespace == "default").map(|x| x.name).collect();
        v.sort();
        v
    };
    let before = names(&p);
    assert_eq!(before.len(), 2);
    let victim = before[0].clone();
    let out = p.run(&format!("kubectl delete pod {victim}"), &ctx);
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    p.cluster.advance_by(40_000);
    let after = names(&p);
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(!after.contains(&victim));
    assert!(after.iter().all(|n| n.starts_with("crane-")));
    let ev = p.run("kubectl get events --field-selector involvedObject.kind=ReplicationController -o name", &ctx);
    assert_eq!(ev.exit_code, 0);
    let created = p
        .cluster
        .events_for("ReplicationController", "default", "crane")
        .iter()
        .filter(|e| e.reason == "SuccessfulCreate" && e.source == "replication-controller")
        .count();
    assert_eq!(created, 3);
}
