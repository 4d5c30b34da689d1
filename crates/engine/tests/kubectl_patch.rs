//! `kubectl patch`: the three patch types, the subresources and the
//! errors, with expected outputs written from kubectl's source
//! (`staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go`), the API server's
//! patch handler and the Kubernetes task "Update API Objects in Place Using
//! kubectl patch".

mod kubectl_common;

use kubectl_common::{context, WEB};
use podplay_engine::kubectl::{Context, Playground};

/// The Deployment of the task (`application/deployment-patch.yaml`).
const PATCH_DEMO: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: patch-demo
spec:
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: patch-demo-ctr
        image: nginx
      tolerations:
      - effect: NoSchedule
        key: dedicated
        value: test-team
";

/// The task's `patch-file.yaml`: a second container, merged by name.
const PATCH_FILE: &str = "spec:
  template:
    spec:
      containers:
      - name: patch-demo-ctr-2
        image: redis
";

/// The task's `patch-file-tolerations.yaml`: tolerations have no patch
/// strategy, so the list is replaced.
const PATCH_TOLERATIONS: &str = "spec:
  template:
    spec:
      tolerations:
      - effect: NoSchedule
        key: disktype
        value: ssd
";

/// The task's `patch-file-2.yaml`, applied as a JSON merge patch: the list is replaced.
const PATCH_FILE_2: &str = "spec:
  template:
    spec:
      containers:
      - name: patch-demo-ctr-3
        image: gcr.io/google-samples/hello-app:2.0
";

fn setup() -> (Playground, Context) {
    let mut p = Playground::new(7);
    let mut ctx = context(WEB);
    ctx.files.insert("deployment-patch.yaml".into(), PATCH_DEMO.into());
    ctx.files.insert("patch-file.yaml".into(), PATCH_FILE.into());
    ctx.files.insert("patch-file-tolerations.yaml".into(), PATCH_TOLERATIONS.into());
    ctx.files.insert("patch-file-2.yaml".into(), PATCH_FILE_2.into());
    let out = p.run("kubectl apply -f web.yaml", &ctx);
    assert_eq!(out.stdout, "pod/web created\n");
    p.cluster.advance_by(20_000);
    (p, ctx)
}

/// Runs a line and returns (stdout, stderr, exit code).
fn run(p: &mut Playground, ctx: &Context, line: &str) -> (String, String, i32) {
    let out = p.run(line, ctx);
    (out.stdout, out.stderr, out.exit_code)
}

fn ok(s: &str) -> (String, String, i32) {
    (s.to_string(), String::new(), 0)
}

fn err(s: &str) -> (String, String, i32) {
    (String::new(), s.to_string(), 1)
}

#[test]
fn strategic_merge_patch_of_a_pod() {
    let (mut p, ctx) = setup();
    let label = r#"kubectl patch pod web -p '{"metadata":{"labels":{"env":"prod"}}}'"#;
    assert_eq!(run(&mut p, &ctx, label), ok("pod/web patched\n"));
    assert_eq!(run(&mut p, &ctx, label), ok("pod/web patched (no change)\n"));
    assert_eq!(run(&mut p, &ctx, "kubectl get pod web -o jsonpath={.metadata.labels.env}"), ok("prod"));
    // YAML is accepted too (patch.go: `yaml.ToJSON`).
    let yaml = "kubectl patch po web -p $'metadata:\\n  labels:\\n    env: dev'";
    assert_eq!(run(&mut p, &ctx, yaml), ok("pod/web patched\n"));
    // The patch.go example: a container found by its merge key, `name`.
    let image = r#"kubectl patch pod web -p '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}'"#;
    assert_eq!(run(&mut p, &ctx, image), ok("pod/web patched\n"));
    assert_eq!(
        run(&mut p, &ctx, "kubectl get pod web -o jsonpath={.spec.containers[*].image}"),
        ok("nginx:1.28 busybox:1.36")
    );
    // null removes a key.
    let remove = r#"kubectl patch pod/web -p '{"metadata":{"labels":{"env":null}}}'"#;
    assert_eq!(run(&mut p, &ctx, remove), ok("pod/web patched\n"));
    assert_eq!(run(&mut p, &ctx, "kubectl get pod web -o jsonpath={.metadata.labels.env}"), ok(""));
    assert_eq!(run(&mut p, &ctx, "kubectl patch pod web -p '{}'"), ok("pod/web patched (no change)\n"));
}

#[test]
fn pod_update_rules_and_patch_errors() {
    let (mut p, ctx) = setup();
    let forbidden = "The Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n";
    let ports =
        r#"kubectl patch pod web -p '{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":8080}]}]}}'"#;
    assert_eq!(run(&mut p, &ctx, ports), err(forbidden));
    // A JSON merge patch replaces the whole list: the writer container would go.
    let merge =
        r#"kubectl patch pod web --type merge -p '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}'"#;
    assert_eq!(run(&mut p, &ctx, merge), err(forbidden));
    // A list item without its merge key: a 500 from strategicpatch.
    let nokey = r#"kubectl patch pod web -p '{"spec":{"containers":[{"image":"nginx:1.28"}]}}'"#;
    assert_eq!(
        run(&mut p, &ctx, nokey),
        err("Error from server: map: map[image:nginx:1.28] does not contain declared merge key: name\n")
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl patch pod nope -p '{}'"),
        err("Error from server (NotFound): pods \"nope\" not found\n")
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl patch pod web"),
        err("error: must specify --patch or --patch-file containing the contents of the patch\n")
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl patch pod web -p '{}' --patch-file x.yaml"),
        err("error: cannot specify --patch and --patch-file together\n")
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl patch pod web --type=xml -p '{}'"),
        err("error: --type must be one of [json merge strategic], not \"xml\"\n")
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl patch pod -p '{}'"),
        err("error: resource(s) were provided, but no name was specified\n")
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl patch pod web --subresource=scale -p '{}'"),
        err("Error from server (NotFound): the server could not find the requested resource\n")
    );
    let out = p.run("kubectl patch pod web -p '{\"metadata\":{\"labels\":{\"a\":\"b\"}}}' --dry-run=client", &ctx);
    assert_eq!((out.stdout.as_str(), out.exit_code), ("pod/web patched (dry run)\n", 0));
    assert_eq!(run(&mut p, &ctx, "kubectl get pod web -o jsonpath={.metadata.labels.a}"), ok(""));
}

#[test]
fn json_patch_operations_and_a_failing_test() {
    let (mut p, ctx) = setup();
    // patch.go's example: positional arrays.
    let replace = r#"kubectl patch pod web --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"nginx:1.29"}]'"#;
    assert_eq!(run(&mut p, &ctx, replace), ok("pod/web patched\n"));
    assert_eq!(run(&mut p, &ctx, "kubectl get pod web -o jsonpath={.spec.containers[0].image}"), ok("nginx:1.29"));
    let add = r#"kubectl patch pod web --type=json -p '[{"op":"test","path":"/metadata/labels/app","value":"web"},{"op":"add","path":"/metadata/labels/checked","value":"yes"}]'"#;
    assert_eq!(run(&mut p, &ctx, add), ok("pod/web patched\n"));
    // RFC 6902 section 4.6: a failing test fails the whole patch, with a 422.
    let test = r#"kubectl patch pod web --type=json -p '[{"op":"test","path":"/metadata/labels/app","value":"api"},{"op":"remove","path":"/metadata/labels/checked"}]'"#;
    let invalid = "The request is invalid: the server rejected our request due to an error in our request\n";
    assert_eq!(run(&mut p, &ctx, test), err(invalid));
    assert_eq!(run(&mut p, &ctx, "kubectl get pod web -o jsonpath={.metadata.labels.checked}"), ok("yes"));
    let missing = r#"kubectl patch pod web --type=json -p '[{"op":"remove","path":"/metadata/labels/nope"}]'"#;
    assert_eq!(run(&mut p, &ctx, missing), err(invalid));
    let object = r#"kubectl patch pod web --type=json -p '{"op":"remove","path":"/metadata/labels/app"}'"#;
    assert_eq!(
        run(&mut p, &ctx, object),
        err("Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n")
    );
    let moved = r#"kubectl patch pod web --type=json -p '[{"op":"move","from":"/metadata/labels/checked","path":"/metadata/labels/moved"}]'"#;
    assert_eq!(run(&mut p, &ctx, moved), ok("pod/web patched\n"));
    assert_eq!(run(&mut p, &ctx, "kubectl get pod web -o jsonpath={.metadata.labels.moved}"), ok("yes"));
}

#[test]
fn the_update_api_objects_in_place_task() {
    let (mut p, ctx) = setup();
    assert_eq!(run(&mut p, &ctx, "kubectl apply -f deployment-patch.yaml"), ok("deployment.apps/patch-demo created\n"));
    p.cluster.advance_by(20_000);
    let names = "kubectl get deployment patch-demo -o jsonpath={.spec.template.spec.containers[*].name}";
    assert_eq!(
        run(&mut p, &ctx, "kubectl patch deployment patch-demo --patch-file patch-file.yaml"),
        ok("deployment.apps/patch-demo patched\n")
    );
    // The task's output lists the redis container first.
    assert_eq!(run(&mut p, &ctx, names), ok("patch-demo-ctr-2 patch-demo-ctr"));
    assert_eq!(
        run(&mut p, &ctx, "kubectl patch deployment patch-demo --patch-file patch-file-tolerations.yaml"),
        ok("deployment.apps/patch-demo patched\n")
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl get deploy patch-demo -o jsonpath={.spec.template.spec.tolerations[*].key}"),
        ok("disktype")
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl patch deployment patch-demo --type merge --patch-file patch-file-2.yaml"),
        ok("deployment.apps/patch-demo patched\n")
    );
    assert_eq!(run(&mut p, &ctx, names), ok("patch-demo-ctr-3"));
    // The patch.go example for the scale subresource.
    assert_eq!(
        run(
            &mut p,
            &ctx,
            "kubectl patch deployment patch-demo --subresource='scale' --type='merge' -p '{\"spec\":{\"replicas\":3}}'"
        ),
        ok("scale.autoscaling/patch-demo patched\n")
    );
    assert_eq!(run(&mut p, &ctx, "kubectl get deploy patch-demo -o jsonpath={.spec.replicas}"), ok("3"));
}

#[test]
fn resize_and_nodes() {
    let (mut p, ctx) = setup();
    let resize = r#"kubectl patch pod web --subresource resize -p '{"spec":{"containers":[{"name":"nginx","resources":{"requests":{"cpu":"150m"}}}]}}'"#;
    assert_eq!(run(&mut p, &ctx, resize), ok("pod/web patched\n"));
    assert_eq!(
        run(&mut p, &ctx, "kubectl get pod web -o jsonpath={.spec.containers[0].resources.requests.cpu}"),
        ok("150m")
    );
    assert_eq!(run(&mut p, &ctx, resize), ok("pod/web patched (no change)\n"));
    let image = r#"kubectl patch pod web --subresource resize -p '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}'"#;
    assert_eq!(
        run(&mut p, &ctx, image),
        err("The Pod \"web\" is invalid: spec: Forbidden: only cpu and memory resources are mutable\n")
    );
    let node = r#"kubectl patch node worker-1 -p '{"spec":{"unschedulable":true}}'"#;
    assert_eq!(run(&mut p, &ctx, node), ok("node/worker-1 patched\n"));
    assert_eq!(run(&mut p, &ctx, node), ok("node/worker-1 patched (no change)\n"));
    assert_eq!(run(&mut p, &ctx, "kubectl get node worker-1 -o jsonpath={.spec.unschedulable}"), ok("true"));
}

#[test]
fn completion_of_the_new_verbs() {
    let (p, ctx) = setup();
    let complete = |line: &str| podplay_engine::kubectl::complete(&p, line, line.len(), &ctx);
    for verb in ["patch", "replace", "diff", "wait", "edit"] {
        assert!(complete(&format!("kubectl {}", &verb[..2])).contains(&verb.to_string()), "{verb}");
    }
    assert_eq!(complete("kubectl patch pod w"), ["web"]);
    assert_eq!(complete("kubectl edit pod/w"), ["pod/web"]);
    assert_eq!(complete("kubectl wait pods w"), ["web"]);
    assert_eq!(complete("kubectl patch pod web --type "), ["json", "merge", "strategic"]);
    assert_eq!(complete("kubectl patch pod web --subresource "), ["resize", "scale", "status"]);
    assert_eq!(
        complete("kubectl wait pod/web --for con"),
        ["condition=Available", "condition=Complete", "condition=Ready"]
    );
    assert_eq!(complete("kubectl patch pod web --ty"), ["--type"]);
}

#[test]
fn local_patches_print_the_patched_file() {
    let (mut p, ctx) = setup();
    let out = p.run("kubectl patch --local -f web.yaml -p '{\"metadata\":{\"labels\":{\"tier\":\"back\"}}}' -o jsonpath={.metadata.labels.tier}", &ctx);
    assert_eq!((out.stdout.as_str(), out.exit_code), ("back", 0));
    let out =
        p.run("kubectl patch --local -f web.yaml -p '{\"metadata\":{\"labels\":{\"tier\":\"back\"}}}' -o yaml", &ctx);
    assert!(out.stdout.contains("    tier: back\n"), "{}", out.stdout);
    // The live pod is untouched.
    assert_eq!(p.run("kubectl get pod web -o jsonpath={.metadata.labels.tier}", &ctx).stdout, "front");
    let out = p.run(
        "kubectl patch --local -f web.yaml --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/nope\",\"value\":1}]'",
        &ctx,
    );
    assert_eq!(out.stderr, "error: Object to be patched is missing field (/spec/nope: missing value)\n");
    let out = p.run("kubectl patch --local pod web -p '{}'", &ctx);
    assert_eq!(out.stderr, "error: cannot specify --local and server resources\n");
}
