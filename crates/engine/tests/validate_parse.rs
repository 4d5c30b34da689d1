//! `parse`: typed, defaulted objects with their document index, for the
//! simulation; `qos_class` and `explain` through the public API.

use podplay_engine::{explain, parse, qos_class, Lang, Object, Severity};

const MULTI: &str = r#"apiVersion: v1
kind: Node
metadata:
  name: node-1
  labels: {kubernetes.io/hostname: node-1}
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources:
          limits: {cpu: 500m, memory: 128Mi}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {mode: debug, port: "8080"}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
"#;

#[test]
fn many_documents_become_typed_objects() {
    let p = parse(MULTI);
    let errors: Vec<_> = p.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(p.objects.len(), 4);
    assert_eq!(p.objects.iter().map(|o| o.document).collect::<Vec<_>>(), [0, 1, 2, 3]);
    assert_eq!(p.objects[1].span.line, 9);

    let Object::Node(node) = &p.objects[0].object else { panic!("a node") };
    assert_eq!(node.status.as_ref().unwrap().capacity["memory"], "8Gi");

    let Object::Workload(w) = &p.objects[1].object else { panic!("a workload") };
    assert_eq!(w.spec.replicas, Some(3));
    let spec = &w.spec.template.spec;
    assert_eq!(spec.restart_policy.as_deref(), Some("Always"));
    let res = spec.containers[0].resources.as_ref().unwrap();
    assert_eq!(res.requests["cpu"], "500m", "requests default to limits");
    assert_eq!(qos_class(spec), "Guaranteed");

    let Object::ConfigMap(cm) = &p.objects[2].object else { panic!("a configmap") };
    assert_eq!(cm.data["port"], "8080");
    assert!(matches!(&p.objects[3].object, Object::Other { kind, .. } if kind == "Service"));
}

#[test]
fn objects_with_errors_are_left_out_but_others_stay() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: Bad_Name}\nspec:\n  containers: [{name: a, image: busybox:1.36}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: good}\nspec:\n  containers: [{name: a, image: busybox:1.36}]\n";
    let p = parse(src);
    assert_eq!(p.objects.len(), 1);
    assert_eq!(p.objects[0].document, 1);
    assert!(p.diagnostics.iter().any(|d| d.rule == "invalid-name" && d.span.line == 3));
}

#[test]
fn quantities_written_as_numbers_reach_the_model_as_text() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: a\n    image: busybox:1.36\n    resources:\n      requests: {cpu: 0.5, memory: 134217728}\n";
    let p = parse(src);
    let Object::Pod(pod) = &p.objects[0].object else { panic!("a pod") };
    let r = pod.spec.containers[0].resources.as_ref().unwrap();
    assert_eq!((r.requests["cpu"].as_str(), r.requests["memory"].as_str()), ("0.5", "134217728"));
    assert_eq!(pod.status.as_ref().unwrap().qos_class.as_deref(), Some("Burstable"));
}

#[test]
fn explain_through_the_public_api() {
    let e = explain("pod.spec.initContainers.restartPolicy", Lang::Ko).unwrap();
    assert_eq!(e.type_name, "string");
    assert!(!e.description.is_empty());
    let en = explain("deployment.spec.template", Lang::En).unwrap();
    assert_eq!(en.type_name, "PodTemplateSpec");
}

/// A pod's `status` is the server's: nothing in it is required of a
/// manifest (what `kubectl get -o yaml` prints applies back), but its field
/// names are still checked, as strict decoding checks them.
#[test]
fn status_requires_nothing_but_its_names_are_checked() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx:1.27}]}\nstatus:\n  containerStatuses:\n  - {name: c, ready: false, restartCount: 0}\n";
    let errors: Vec<String> =
        parse(pod).diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.clone()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let typo = pod.replace("restartCount", "restartCont");
    let errors: Vec<String> =
        parse(&typo).diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.clone()).collect();
    assert_eq!(errors, ["strict decoding error: unknown field \"status.containerStatuses[0].restartCont\""]);
}
