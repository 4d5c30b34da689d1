//! Golden tests of the commands that change the cluster: apply, create,
//! run, delete, label, annotate, cordon and uncordon, with their errors and
//! the `changed` list the UI highlights.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, transcript, WEB};
use podplay_engine::kubectl::{ChangeAction, Playground};

const INVALID: &str = "apiVersion: v1
kind: Pod
metadata:
  name: Bad_Name
spec:
  containers:
  - name: app
    imagee: nginx
";

const TWO: &str = "apiVersion: v1
kind: Pod
metadata:
  name: one
spec:
  containers:
  - name: app
    image: nginx:1.27
---
# a comment-only document is skipped
---
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: app
    image: nginx:1.27
";

#[test]
fn apply_create_and_run() {
    let mut p = Playground::new(3);
    let mut ctx = context(WEB);
    ctx.files.insert("invalid.yaml".into(), INVALID.into());
    ctx.files.insert("two.yaml".into(), TWO.into());
    ctx.files.insert("broken.yaml".into(), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: {}\n".into());
    ctx.files.insert("nokind.yaml".into(), "apiVersion: v1\nmetadata:\n  name: x\n".into());
    ctx.files.insert(
        "svc.yaml".into(),
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n".into(),
    );
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f editor.yaml",
            "kubectl apply -f editor.yaml",
            "kubectl create -f editor.yaml",
            "kubectl apply -f -",
            "kubectl apply -f two.yaml",
            "kubectl apply -f invalid.yaml",
            "kubectl apply -f broken.yaml",
            "kubectl apply -f nokind.yaml",
            "kubectl apply -f svc.yaml",
            "kubectl apply -f missing.yaml",
            "kubectl apply",
            "kubectl apply -f web.yaml --dry-run=client",
            "kubectl create -f two.yaml --dry-run=client -o yaml",
            "kubectl apply -f web.yaml --dry-run=bogus",
            "kubectl run nginx --image=nginx",
            "kubectl run nginx --image=nginx",
            "kubectl run once --image=busybox --restart=Never -- echo hello",
            "kubectl run dry --image=nginx:1.27 --port=80 --labels=app=dry,tier=web --env=A=1 --dry-run=client -o yaml",
            "kubectl run dry --image=busybox --command --dry-run=client -o json -- sleep 3600",
            "kubectl run noimage",
            "kubectl run",
            "kubectl run Bad --image=nginx",
            "kubectl run x --image=nginx --restart=Sometimes",
            "kubectl get pods",
        ],
    );
    expect_file!["snapshots/kubectl_apply_run.txt"].assert_eq(&t);
}

#[test]
fn delete_label_annotate_cordon() {
    let mut p = Playground::new(3);
    let ctx = context(WEB);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl apply -f web.yaml -f crash.yaml",
            "+15",
            "kubectl label pod web env=dev",
            "kubectl label pod web env=prod",
            "kubectl label pod web env=prod --overwrite",
            "kubectl label pods web env- tier-",
            "kubectl label pod web nothere-",
            "kubectl label pod web gone=soon",
            "kubectl label pod web gone- --overwrite",
            "kubectl label pod web 'bad key=x'",
            "kubectl label pod web app=has_trailing_",
            "kubectl label pod web",
            "kubectl label pods --all team=a",
            "kubectl label po -l app=crash team=b --overwrite",
            "kubectl label --list pod web",
            "kubectl get pods --show-labels",
            "kubectl annotate pod web note='hello world'",
            "kubectl annotate pod web note=again",
            "kubectl annotate pod web note- ",
            "kubectl label node worker-2 disk=ssd",
            "kubectl get nodes -L disk",
            "kubectl cordon worker-2",
            "kubectl cordon worker-2",
            "kubectl get nodes",
            "kubectl uncordon node/worker-2",
            "kubectl cordon nope",
            "kubectl cordon",
            "kubectl delete pod nope",
            "kubectl delete pod",
            "kubectl delete",
            "kubectl delete pod crash --grace-period=abc",
            "kubectl delete pod crash --dry-run=client",
            "kubectl delete pod crash",
            "kubectl delete -f web.yaml",
            "kubectl get pods",
            "kubectl apply -f web.yaml -f crash.yaml",
            "+10",
            "kubectl delete pods -l app=web --grace-period=0 --force",
            "kubectl delete pods --all --wait=false",
            "kubectl get pods",
            "kubectl delete pods --all",
        ],
    );
    expect_file!["snapshots/kubectl_delete_label_cordon.txt"].assert_eq(&t);
}

#[test]
fn changes_are_reported_for_the_ui() {
    let mut p = Playground::new(3);
    let ctx = context(WEB);
    let out = p.run("kubectl apply -f editor.yaml -f crash.yaml", &ctx);
    let got: Vec<(String, ChangeAction)> = out.changed.iter().map(|c| (c.name.clone(), c.action)).collect();
    assert_eq!(got, vec![("web".to_string(), ChangeAction::Created), ("crash".to_string(), ChangeAction::Created)]);
    let out = p.run("kubectl label pod web a=b", &ctx);
    assert_eq!(out.changed.first().map(|c| c.action), Some(ChangeAction::Labeled));
    p.cluster.advance_by(20_000);
    let out = p.run("kubectl delete pod web", &ctx);
    assert_eq!(out.changed.first().map(|c| (c.namespace.as_str(), c.action)), Some(("default", ChangeAction::Deleted)));
    assert!(out.advanced_ms > 0, "delete waits for the running pod to go, on the virtual clock");
    assert!(p.run("kubectl get pod web", &ctx).stderr.contains("NotFound"));
    let out = p.run("kubectl cordon worker-1", &ctx);
    assert_eq!(out.changed.first().map(|c| (c.kind.as_str(), c.action)), Some(("Node", ChangeAction::Cordoned)));
    let out = p.run("kubectl get pods", &ctx);
    assert!(out.changed.is_empty(), "reading changes nothing");
}

/// `run` and a JSON file go through the same reader as YAML.
#[test]
fn json_manifests_apply_too() {
    let json = r#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "from-json"}, "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]}}"#;
    let mut p = Playground::new(1);
    let out = p.run("kubectl apply -f editor.yaml", &context(json));
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    let out = p.run("kubectl run other --image=busybox:1.36 --restart=Never", &context(""));
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    let names = p.run("kubectl get pods -o name", &context(""));
    assert_eq!(names.stdout, "pod/from-json\npod/other\n");
}

/// A `List` (what `kubectl get -o yaml` prints for several objects) is
/// applied item by item, as kubectl's resource builder flattens it: each
/// item is validated on its own, a bad item is refused with its own error
/// and its neighbours are still created; `get`/`delete -f` see the items.
#[test]
fn a_list_applies_item_by_item() {
    let list = "apiVersion: v1
kind: List
metadata: {resourceVersion: \"\"}
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: first}
  spec: {containers: [{name: c, image: nginx:1.27}]}
- apiVersion: v1
  kind: Pod
  metadata: {name: Bad_Name}
  spec: {containers: [{name: c, image: nginx:1.27}]}
- apiVersion: v1
  kind: Pod
  metadata: {name: third}
  spec: {containers: [{name: c, imagee: nginx:1.27}]}
- apiVersion: v1
  kind: Pod
  metadata: {name: fourth}
  spec: {containers: [{name: c, image: nginx:1.27}]}
";
    let mut p = Playground::new(3);
    let ctx = context(list);
    let out = p.run("kubectl apply -f editor.yaml", &ctx);
    assert_eq!(out.stdout, "pod/first created\npod/fourth created\n");
    let errors: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(errors.len(), 2, "{}", out.stderr);
    assert!(errors[0].contains("\"Bad_Name\" is invalid"), "{}", out.stderr);
    assert!(errors[1].contains("unknown field \"spec.containers[0].imagee\""), "{}", out.stderr);
    assert_eq!(out.exit_code, 1);
    // The editor's diagnostics point into the items.
    let parsed = podplay_engine::parse(list);
    let lines: Vec<u32> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == podplay_engine::Severity::Error)
        .map(|d| d.span.line)
        .collect();
    assert_eq!(lines, [11, 16, 16], "Bad_Name; imagee unknown and image missing");
    assert_eq!(parsed.objects.len(), 2);

    let out = p.run("kubectl get -f editor.yaml -o name", &ctx);
    assert_eq!(out.stdout, "pod/first\npod/fourth\n");
    let out = p.run("kubectl delete -f editor.yaml", &ctx);
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);

    // `items` must be a list of objects.
    let parsed = podplay_engine::parse("apiVersion: v1\nkind: List\nitems: 5\n");
    assert_eq!(parsed.diagnostics.len(), 1);
    assert_eq!((parsed.diagnostics[0].rule.as_str(), parsed.diagnostics[0].span.line), ("wrong-type", 3));
    // An empty list sends nothing.
    let out = p.run("kubectl apply -f editor.yaml", &context("apiVersion: v1\nkind: List\nitems: []\n"));
    assert_eq!(out.stderr, "error: no objects passed to apply\n");
}

/// `kubectl run` checks the name with the API server's DNS-1123 subdomain
/// rule (the validator's), which rejects an empty label between dots; the
/// old private check accepted `a..b`.
#[test]
fn run_rejects_names_the_api_server_rejects() {
    let mut p = Playground::new(7);
    let out = p.run("kubectl run a..b --image=nginx", &context(""));
    assert_eq!(out.exit_code, 1);
    assert_eq!(
        out.stderr,
        "error: invalid pod name: \"a..b\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n"
    );
    assert!(p.run("kubectl get pods -o name", &context("")).stdout.is_empty());
    assert_eq!(p.run("kubectl run a.b --image=nginx", &context("")).exit_code, 0);
}
