//! Namespaces, ConfigMaps, Secrets and the kubeconfig context, as kubectl
//! 1.35 shows them against a kubeadm cluster: the four initial namespaces,
//! `create|get|describe|delete ns`, the NamespaceLifecycle admission
//! errors, the Terminating lifecycle on the virtual clock, `create
//! configmap|secret generic`, `-n`/`-A` and the context namespace.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript, WEB};
use podplay_engine::kubectl::Playground;

/// A ConfigMap and a Secret in the `dev` namespace, as the editor holds them.
const DATA: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: dev
data:
  mode: debug
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: dev
stringData:
  password: s3cr3t
";

#[test]
fn namespaces_are_api_objects() {
    let mut p = Playground::new(11);
    let mut ctx = context(WEB);
    ctx.files.insert("data.yaml".into(), DATA.into());
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl get ns",
            "kubectl get namespaces --show-labels",
            "kubectl get namespace default -o yaml",
            "kubectl describe ns kube-system",
            "kubectl run x --image=nginx -n dev",
            "kubectl apply -f data.yaml",
            "kubectl create namespace dev --dry-run=client -o yaml",
            "kubectl create ns dev",
            "kubectl create ns dev",
            "kubectl create ns Dev",
            "+3",
            "kubectl get ns dev -o name",
            "kubectl label ns dev env=prod",
            "kubectl label namespace dev env=test",
            "kubectl label namespace dev env=test --overwrite",
            "kubectl get ns -l env=test",
            "kubectl label ns dev env-",
            "kubectl annotate ns dev owner=team-a",
            "kubectl get ns dev -o jsonpath={.metadata.annotations.owner}",
            "kubectl get ns",
            "kubectl get cm -n dev",
            "kubectl apply -f data.yaml",
            "kubectl apply -f data.yaml -n prod",
            "kubectl run x --image=nginx -n dev",
            "kubectl get cm,secret -n dev",
            "kubectl get secrets -A",
            "kubectl delete ns default",
            "kubectl delete ns kube-system",
            "kubectl delete ns kube-public",
            "kubectl delete ns nope",
        ],
    );
    expect_file!["snapshots/kubectl_namespaces.txt"].assert_eq(&t);
}

/// Deleting a namespace turns it Terminating: new content is refused with
/// upstream's words, the namespace controller deletes what it holds after
/// its 5 s grace, waits for the pods' graceful termination, then removes it.
#[test]
fn a_deleted_namespace_terminates_then_goes() {
    let mut p = Playground::new(11);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create ns dev",
            "kubectl apply -f editor.yaml -n dev",
            "kubectl create configmap app --from-literal=a=b -n dev",
            "+20",
            "kubectl get pods -n dev",
            "kubectl delete ns dev --wait=false",
            "kubectl get ns dev",
            "kubectl run late --image=nginx -n dev",
            "kubectl create configmap late --from-literal=a=b -n dev",
            "kubectl create secret generic late --from-literal=a=b -n dev",
            "+6",
            "kubectl get pods,cm -n dev",
            "kubectl describe ns dev",
            "+40",
            "kubectl get ns dev",
            "kubectl get pods -n dev",
            "kubectl create ns dev",
            "kubectl delete ns dev",
            "kubectl get ns",
        ],
    );
    expect_file!["snapshots/kubectl_namespaces_terminating.txt"].assert_eq(&t);
}

#[test]
fn configmaps_and_secrets() {
    let mut p = Playground::new(11);
    let mut ctx = context(WEB);
    ctx.files.insert("app.conf".into(), "port=8080\n".into());
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create configmap x --from-literal=a=b --from-literal=c=d --dry-run=client -o yaml",
            "kubectl create cm x --from-literal=a=b -n dev --dry-run=client -o yaml",
            "kubectl create cm x --from-file=app.conf --from-file=k2=app.conf --dry-run=client -o yaml",
            "kubectl create secret generic s --from-literal=user=admin --dry-run=client -o yaml",
            "kubectl create secret generic s --from-literal=user=admin --dry-run=client",
            "kubectl create secret generic s --type=kubernetes.io/basic-auth --from-literal=username=a --dry-run=client -o yaml",
            "kubectl create cm x --from-literal=a=b --from-literal=a=c",
            "kubectl create secret generic x --from-literal=a=b --from-literal=a=c",
            "kubectl create cm x --from-literal=ab",
            "kubectl create cm",
            "kubectl create cm Bad_Name --from-literal=a=b",
            "kubectl create cm x --from-file=nope.txt",
            "kubectl create cm app --from-literal=mode=debug --from-file=app.conf",
            "kubectl create cm app --from-literal=mode=debug",
            "kubectl create secret generic db --from-literal=user=admin --from-literal=password=s3cr3t",
            "kubectl create secret generic db2 --from-literal=a=b -n nope",
            "kubectl create cm app2 --from-literal=a=b -n nope",
            "kubectl get cm",
            "kubectl get configmaps app -o yaml",
            "kubectl get secret",
            "kubectl get secret db -o jsonpath={.data.user}",
            "kubectl describe cm app",
            "kubectl describe secret db",
            "kubectl get cm -A",
            "kubectl label cm app tier=web",
            "kubectl get cm app --show-labels",
            "kubectl delete cm app",
            "kubectl delete secret db",
            "kubectl delete secret db",
            "kubectl get cm app",
            "kubectl get sa",
            "kubectl get serviceaccounts -A",
            "kubectl describe sa default",
            "kubectl create serviceaccount robot -n kube-system --dry-run=client -o yaml",
            "kubectl create sa robot",
            "kubectl get sa robot -o yaml",
            "kubectl create cm printed --from-literal=k=v -o yaml",
            "kubectl create ns printed -o name",
        ],
    );
    expect_file!["snapshots/kubectl_configmaps_secrets.txt"].assert_eq(&t);
}

#[test]
fn the_context_namespace() {
    let mut p = Playground::new(11);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl config current-context",
            "kubectl config get-contexts",
            "kubectl config view --minify",
            "kubectl create ns dev",
            "kubectl config set-context --current --namespace=dev",
            "kubectl config get-contexts",
            "kubectl config view --minify -o jsonpath={.contexts[0].context.namespace}",
            "kubectl config view -o json",
            "kubectl config view --raw",
            "kubectl run web --image=nginx",
            "kubectl get pods",
            "kubectl get pods -n default",
            "kubectl get pods -A",
            "kubectl config use-context nope",
            "kubectl config use-context kubernetes-admin@kubernetes",
            "kubectl config set-context --namespace=x",
            "kubectl config get-contexts nope",
            "kubectl config get-clusters",
            "kubectl config get-users",
            "kubectl config set-context --current --namespace=",
            "kubectl config view --minify",
            "kubectl get pods",
        ],
    );
    expect_file!["snapshots/kubectl_config.txt"].assert_eq(&t);
}

/// Every new error path prints kubectl's line and carries our own
/// explanation in Korean and English.
#[test]
fn namespace_errors_are_explained_in_korean_and_english() {
    let mut p = Playground::new(11);
    let mut ctx = context(WEB);
    ctx.files.insert("data.yaml".into(), DATA.into());
    ctx.files.insert(
        "bad-secret.yaml".into(),
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\ndata:\n  k: not*base64\n".into(),
    );
    for setup in
        ["kubectl create ns gone", "kubectl create cm taken --from-literal=a=b", "kubectl delete ns gone --wait=false"]
    {
        assert_eq!(p.run(setup, &ctx).exit_code, 0, "{setup}");
    }
    let lines = [
        "kubectl run x --image=nginx -n dev",
        "kubectl apply -f data.yaml",
        "kubectl apply -f data.yaml -n prod",
        "kubectl run x --image=nginx -n gone",
        "kubectl create cm x --from-literal=a=b -n gone",
        "kubectl create secret generic x --from-literal=a=b -n gone",
        "kubectl create ns default",
        "kubectl create ns Bad_Name",
        "kubectl create ns",
        "kubectl create cm taken --from-literal=a=b",
        "kubectl create cm x --from-literal=novalue",
        "kubectl create cm x --from-file=nope.txt",
        "kubectl create cm x --from-literal=a=b --from-literal=a=c",
        "kubectl create secret generic x --from-literal=a=b --from-literal=a=c",
        "kubectl create secret tls x",
        "kubectl apply -f bad-secret.yaml",
        "kubectl delete ns default",
        "kubectl delete ns kube-system",
        "kubectl delete ns nope",
        "kubectl delete cm nope",
        "kubectl delete secret nope",
        "kubectl get ns nope",
        "kubectl describe cm nope",
        "kubectl config use-context nope",
        "kubectl config set-context --namespace=x",
        "kubectl config set-context other --namespace=x",
        "kubectl config get-contexts nope",
        "kubectl config rename-context a b",
    ];
    let mut missing = Vec::new();
    for line in lines {
        let out = p.run(line, &ctx);
        if out.exit_code == 0 || out.stderr.trim().is_empty() {
            missing.push(format!("{line}: should fail with an error line, got {out:?}"));
            continue;
        }
        let Some(e) = &out.explain else {
            missing.push(format!("{line}: no explanation"));
            continue;
        };
        let hangul = e.ko.chars().any(|c| ('가'..='힣').contains(&c));
        if !hangul || e.en.trim().is_empty() || e.en.starts_with("kubectl reported an error:") {
            missing.push(format!("{line}: ko={:?} en={:?} for {:?}", e.ko, e.en, out.stderr));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Completion offers the cluster's namespaces after `-n`, and names from
/// the context's namespace when the line has no `-n`.
#[test]
fn completion_knows_namespaces() {
    let mut p = Playground::new(11);
    let ctx = context(WEB);
    for line in ["kubectl create ns dev", "kubectl run api --image=nginx -n dev"] {
        assert_eq!(p.run(line, &ctx).exit_code, 0, "{line}");
    }
    let c = |p: &Playground, line: &str| podplay_engine::kubectl::complete(p, line, line.len(), &ctx);
    assert_eq!(c(&p, "kubectl get pods -n "), ["default", "dev", "kube-node-lease", "kube-public", "kube-system"]);
    assert_eq!(c(&p, "kubectl get pods --namespace d"), ["default", "dev"]);
    assert_eq!(c(&p, "kubectl get pods -n dev a"), ["api"]);
    assert!(c(&p, "kubectl get pods a").is_empty(), "api is not in the default namespace");
    p.run("kubectl config set-context --current --namespace=dev", &ctx);
    assert_eq!(c(&p, "kubectl get pods a"), ["api"]);
    assert_eq!(c(&p, "kubectl delete ns d"), ["default", "dev"]);
}

/// `-n`, `--namespace` and `-A` on the verbs that take them.
#[test]
fn every_verb_honours_the_namespace_flags() {
    let mut p = Playground::new(11);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create ns dev",
            "kubectl run a --image=nginx -n dev",
            "kubectl run b --image=nginx",
            "+10",
            "kubectl get pods",
            "kubectl -n dev get pods",
            "kubectl get pods --namespace dev",
            "kubectl get pods -ndev -o name",
            "kubectl get pods --namespace=dev -o wide",
            "kubectl get pods -A",
            "kubectl get pods --all-namespaces -o name",
            "kubectl get pod a -A",
            "kubectl get pod a",
            "kubectl label pods --all -A tier=x",
            "kubectl get pods -A --show-labels",
            "kubectl annotate pod a -n dev note=y",
            "kubectl get pod a -n dev -o jsonpath={.metadata.annotations.note}",
            "kubectl logs a -n dev",
            "kubectl exec a -n dev -- hostname",
            "kubectl top pods -A",
            "kubectl delete pod a",
            "kubectl delete pods --all -A --wait=false",
        ],
    );
    expect_file!["snapshots/kubectl_namespaces_verbs.txt"].assert_eq(&t);
}

/// A pod mounts the ConfigMaps and reads the Secrets the API holds: the
/// kubelet's side is kept in step with every kubectl line.
#[test]
fn pods_read_configmaps_and_secrets_from_the_api() {
    let pod = "apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 3600']
    env:
    - name: PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
    volumeMounts:
    - name: config
      mountPath: /etc/config
  volumes:
  - name: config
    configMap:
      name: app
";
    let mut p = Playground::new(11);
    let ctx = context(pod);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create configmap app --from-literal=mode=debug",
            "kubectl create secret generic db --from-literal=password=s3cr3t",
            "kubectl apply -f editor.yaml",
            "+20",
            "kubectl get pod reader",
            "kubectl exec reader -- cat /etc/config/mode",
            "kubectl exec reader -- printenv PASSWORD",
        ],
    );
    expect_file!["snapshots/kubectl_namespaces_pod_data.txt"].assert_eq(&t);
}
