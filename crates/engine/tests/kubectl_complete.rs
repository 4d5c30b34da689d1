//! Tab completion: commands, resource types, object names, flags and flag values.

mod kubectl_common;

use kubectl_common::{context, WEB};
use podplay_engine::kubectl::{complete, Playground};

#[test]
fn completes_each_kind_of_word() {
    let mut p = Playground::new(4);
    let mut ctx = context(WEB);
    ctx.files.insert(
        "deploy.yaml".into(),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hello\nspec:\n  selector:\n    matchLabels: {app: hello}\n  template:\n    metadata:\n      labels: {app: hello}\n    spec:\n      containers:\n      - name: a\n        image: nginx:1.27\n".into(),
    );
    let _ = p.run("kubectl apply -f editor.yaml -f crash.yaml -f deploy.yaml", &ctx);
    let c = |line: &str| complete(&p, line, line.len(), &ctx);
    let cases: &[(&str, &[&str])] = &[
        ("", &["clear", "help", "kubectl"]),
        ("kub", &["kubectl"]),
        ("kubectl ge", &["get"]),
        ("kubectl de", &["debug", "delete", "describe"]),
        (
            "kubectl get ",
            &[
                "all",
                "cj",
                "cm",
                "configmaps",
                "cronjobs",
                "deploy",
                "deployments",
                "ev",
                "events",
                "jobs",
                "namespaces",
                "no",
                "nodes",
                "ns",
                "pc",
                "po",
                "pods",
                "priorityclasses",
                "rc",
                "replicasets",
                "replicationcontrollers",
                "rs",
                "sa",
                "secrets",
                "serviceaccounts",
            ],
        ),
        ("kubectl get po", &["po", "pods"]),
        ("kubectl get pods ", &["crash", "web"]),
        ("kubectl describe pod w", &["web"]),
        ("kubectl get nodes w", &["worker-1", "worker-2"]),
        ("kubectl logs c", &["crash"]),
        ("kubectl exec web -c ", &["nginx", "writer"]),
        ("kubectl get pods -o ", &["custom-columns=", "json", "jsonpath=", "name", "wide", "yaml"]),
        ("kubectl get pod/w", &["pod/web"]),
        ("kubectl logs po/c", &["po/crash"]),
        ("kubectl describe node/worker-", &["node/worker-1", "node/worker-2"]),
        ("kubectl get deploy ", &["hello"]),
        ("kubectl delete deployments h", &["hello"]),
        ("kubectl apply -f ", &["-", "crash.yaml", "deploy.yaml", "editor.yaml", "huge.yaml", "web.yaml"]),
        ("kubectl run x --restart ", &["Always", "Never", "OnFailure"]),
        ("kubectl get pods --sh", &["--show-labels"]),
        ("kubectl top ", &["node", "pod"]),
        ("kubectl cordon ", &["control-plane", "worker-1", "worker-2"]),
        ("kubectl -n default get pods w", &["web"]),
        (
            "kubectl get pods -n kube-system ",
            &[
                "etcd-control-plane",
                "kube-apiserver-control-plane",
                "kube-controller-manager-control-plane",
                "kube-scheduler-control-plane",
            ],
        ),
        ("kubectl get pods -n ", &["default", "kube-node-lease", "kube-public", "kube-system"]),
        ("kubectl get pods -n kube-p", &["kube-public"]),
        ("kubectl rollout ", &["history", "pause", "restart", "resume", "status", "undo"]),
        ("kubectl rollout status ", &["deployment"]),
        ("kubectl rollout undo deployment ", &["hello"]),
        ("kubectl rollout history deploy/h", &["deploy/hello"]),
        ("kubectl set ", &["env", "image", "resources"]),
        ("kubectl set image deploy/", &["deploy/hello"]),
        ("kubectl create ", &["cronjob", "deployment", "job"]),
    ];
    for (line, want) in cases {
        assert_eq!(c(line), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{line:?}");
    }
    // The cursor may sit in the middle of the line.
    assert_eq!(complete(&p, "kubectl ge pods", 10, &ctx), vec!["get".to_string()]);
}
