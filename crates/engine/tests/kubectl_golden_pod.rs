//! Golden `-o yaml` / `-o json` of the docs' simple pod
//! (https://kubernetes.io/examples/pods/simple-pod.yaml) after it runs, as a
//! 1.35 API server returns it: what defaulting (`pkg/apis/core/v1/defaults.go`),
//! the ServiceAccount and Priority admission plugins and the kubelet
//! (`convertToAPIContainerStatuses`, PodObservedGenerationTracking) add.
//! Also: seed article 003's JSON (`"volumes": null`) applies and runs, Go's
//! null decoding, and a `-o yaml` round trip of a pod using many fields.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::transcript;
use podplay_engine::kubectl::{Context, Playground};

const SIMPLE_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
    ports:
    - containerPort: 80
";

#[test]
fn the_docs_simple_pod_as_the_api_server_returns_it() {
    let mut p = Playground::new(1);
    let ctx = Context::with_editor(SIMPLE_POD);
    let t = transcript(
        &mut p,
        &ctx,
        &[
            "kubectl create -f editor.yaml",
            "+30",
            "kubectl get pod nginx -o yaml",
            "kubectl get pod nginx -o json",
            "kubectl describe pod nginx",
            "kubectl exec nginx -- ls /var/run/secrets/kubernetes.io/serviceaccount",
            "kubectl exec nginx -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace",
        ],
    );
    expect_file!["snapshots/kubectl_golden_pod.txt"].assert_eq(&t);
}

/// Seed 003's pod template as a pod, in the JSON `kubectl get -o json` printed.
const SEED_003_JSON: &str = r#"{
  "kind": "Pod",
  "apiVersion": "v1",
  "metadata": {
    "name": "crane",
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
"#;

#[test]
fn seed_003_json_with_null_volumes_applies_and_runs() {
    assert!(podplay_engine::check(SEED_003_JSON).iter().all(|d| d.severity != podplay_engine::Severity::Error));
    let mut p = Playground::new(3);
    let ctx = Context::with_editor(SEED_003_JSON);
    let out = p.run("kubectl apply -f editor.yaml", &ctx);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("pod/crane created\n", ""));
    p.cluster.advance_by(30_000);
    let out = p.run("kubectl get pod crane -o jsonpath={.status.phase}", &ctx);
    assert_eq!(out.stdout, "Running");
    // `null` left the field absent: the only volume is the admission's.
    let out = p.run("kubectl get pod crane -o jsonpath={.spec.volumes[*].name}", &ctx);
    assert!(out.stdout.starts_with("kube-api-access-") && !out.stdout.contains(' '), "{}", out.stdout);
}

#[test]
fn null_and_empty_values_decode_as_go_does() {
    let errors = |src: &str| -> Vec<(String, u32, u32)> {
        podplay_engine::check(src)
            .into_iter()
            .filter(|d| d.severity == podplay_engine::Severity::Error)
            .map(|d| (d.message, d.span.line, d.span.col))
            .collect()
    };
    // `~`, `null` and an empty value are absent; a required one is missing.
    let head = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: ~\n";
    assert_eq!(
        errors(&format!("{head}spec:\n  volumes: null\n  nodeSelector:\n  containers:\n  - name: a\n    image: nginx:1.27\n    command:\n")),
        []
    );
    assert_eq!(
        errors(&format!("{head}spec:\n  containers: null\n")),
        [("spec.containers: Required value".to_string(), 6, 1)]
    );
    // `null` in a list of structs is an empty struct (Go), not a decode error at 1:1.
    let e = errors(&format!("{head}spec:\n  containers:\n  - null\n"));
    assert!(e.iter().any(|(m, l, _)| m == "spec.containers[0].name: Required value" && *l == 8), "{e:?}");
    assert!(e.iter().all(|(m, l, c)| !m.contains("invalid type") && (*l, *c) != (1, 1)), "{e:?}");
    // `[]` where an object belongs, `{}` where a list belongs: Go's wording, at the node.
    assert_eq!(
        errors("apiVersion: v1\nkind: Pod\nmetadata: []\nspec:\n  containers: {}\n"),
        [
            ("json: cannot unmarshal array into Go struct field Pod.metadata of type v1.ObjectMeta".to_string(), 3, 11),
            (
                "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container"
                    .to_string(),
                5,
                15
            ),
        ]
    );
    // Seed 002's Job with its indentation lost: `metadata:` is empty, not a type error.
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\nname: hello\nspec:\ntemplate:\n";
    let e = errors(job);
    assert!(e.iter().all(|(m, _, _)| !m.contains("null")), "{e:?}");
}

/// A pod using many 1.35 fields, typed or not by the model.
const MANY_FIELDS: &str = "apiVersion: v1
kind: Pod
metadata:
  name: many
  labels: {app: many}
spec:
  hostname: many
  os: {name: linux}
  readinessGates:
  - conditionType: example.com/ready
  dnsConfig:
    options:
    - name: ndots
      value: '2'
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ['sh', '-c', 'true']
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: 100m, memory: 64Mi}
      limits: {cpu: 200m, memory: 128Mi}
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
    startupProbe:
      tcpSocket: {port: 80}
    env:
    - name: MODE
      value: demo
";

#[test]
fn get_o_yaml_applies_back_unchanged() {
    let mut p = Playground::new(5);
    let ctx = Context::with_editor(MANY_FIELDS);
    let out = p.run("kubectl apply -f editor.yaml", &ctx);
    assert_eq!(out.stderr, "");
    p.cluster.advance_by(30_000);
    let first = p.run("kubectl get pod many -o yaml", &ctx).stdout;
    for field in ["os:", "readinessGates:", "dnsConfig:", "allowPrivilegeEscalation: false", "hostname: many"] {
        assert!(first.contains(field), "{field} is kept:\n{first}");
    }
    let again = Context::with_editor(&first);
    let out = p.run("kubectl apply -f editor.yaml", &again);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("pod/many unchanged\n", ""));
    let second = p.run("kubectl get pod many -o yaml", &ctx).stdout;
    assert_eq!(first, second);
}

#[test]
fn no_token_volume_when_automount_is_off_or_for_mirror_pods() {
    let mut p = Playground::new(9);
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: quiet}\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - {name: a, image: nginx:1.27}\n";
    let sa = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\nautomountServiceAccountToken: false\n";
    let robot = "apiVersion: v1\nkind: Pod\nmetadata: {name: robot}\nspec:\n  serviceAccountName: robot\n  containers:\n  - {name: a, image: nginx:1.27}\n";
    for doc in [pod, sa, robot] {
        let out = p.run("kubectl apply -f editor.yaml", &Context::with_editor(doc));
        assert_eq!(out.stderr, "", "{doc}");
    }
    let ctx = Context::default();
    for name in ["quiet", "robot"] {
        let out = p.run(&format!("kubectl get pod {name} -o jsonpath={{.spec.volumes}}"), &ctx);
        assert_eq!(out.stdout, "", "{name} has no token volume");
    }
    // A mount the learner put at the token's path keeps the admission's off
    // that container (and, with no container needing it, no volume is added).
    let own = "apiVersion: v1\nkind: Pod\nmetadata: {name: own}\nspec:\n  volumes:\n  - {name: mine, emptyDir: {}}\n  containers:\n  - name: a\n    image: nginx:1.27\n    volumeMounts:\n    - {name: mine, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}\n";
    p.run("kubectl apply -f editor.yaml", &Context::with_editor(own));
    let out = p.run("kubectl get pod own -o jsonpath={.spec.volumes[*].name}", &ctx);
    assert_eq!(out.stdout, "mine");
    // Static pods' mirror pods get no token (the admission leaves mirror pods alone).
    for v in p.cluster.pods().into_iter().filter(|v| v.is_mirror) {
        assert!(v.pod.spec.volumes.iter().all(|vol| !vol.name.starts_with("kube-api-access-")), "{}", v.name);
    }
}

#[test]
fn a_spec_update_bumps_the_generation_and_keeps_the_token_volume() {
    let mut p = Playground::new(11);
    p.run("kubectl apply -f editor.yaml", &Context::with_editor(SIMPLE_POD));
    p.cluster.advance_by(30_000);
    let ctx = Context::default();
    let volume = p.run("kubectl get pod nginx -o jsonpath={.spec.volumes[0].name}", &ctx).stdout;
    // The manifest does not name the token volume: the apply keeps it.
    let newer = SIMPLE_POD.replace("nginx:1.14.2", "nginx:1.16.1");
    let out = p.run("kubectl apply -f editor.yaml", &Context::with_editor(&newer));
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("pod/nginx configured\n", ""));
    let out = p.run("kubectl get pod nginx -o jsonpath={.metadata.generation}/{.spec.volumes[0].name}", &ctx);
    assert_eq!(out.stdout, format!("2/{volume}"));
    // A label is metadata: no new generation.
    p.run("kubectl label pod nginx tier=web", &ctx);
    let out = p.run("kubectl get pod nginx -o jsonpath={.metadata.generation}", &ctx);
    assert_eq!(out.stdout, "2");
}

#[test]
fn a_null_list_item_in_a_patch_is_no_serde_error() {
    let mut p = Playground::new(13);
    p.run("kubectl apply -f editor.yaml", &Context::with_editor(SIMPLE_POD));
    let ctx = Context::default();
    let line = r#"kubectl patch pod nginx --type=json -p '[{"op":"add","path":"/spec/tolerations/-","value":null}]'"#;
    let out = p.run(line, &ctx);
    assert!(!out.stderr.contains("invalid type"), "{}", out.stderr);
}
