//! `kubectl replace` (and `--force`) and `kubectl diff`, with expected
//! outputs written from `staging/src/k8s.io/kubectl/pkg/cmd/replace/replace.go`
//! and `pkg/cmd/diff/diff.go` (GNU `diff -u -N` over the LIVE and MERGED
//! directories).

mod kubectl_common;

use kubectl_common::{context, WEB};
use podplay_engine::kubectl::{save_edit, Context, Playground};

fn setup() -> (Playground, Context) {
    let mut p = Playground::new(5);
    let ctx = context(WEB);
    assert_eq!(p.run("kubectl apply -f web.yaml", &ctx).stdout, "pod/web created\n");
    p.cluster.advance_by(20_000);
    (p, ctx)
}

/// Runs a line and returns (stdout, stderr, exit code).
fn run(p: &mut Playground, ctx: &Context, line: &str) -> (String, String, i32) {
    let out = p.run(line, ctx);
    (out.stdout, out.stderr, out.exit_code)
}

#[test]
fn replace_updates_the_live_object() {
    let (mut p, mut ctx) = setup();
    ctx.files.insert("new.yaml".into(), WEB.replace("nginx:1.27", "nginx:1.28").replace("tier: front", "tier: back"));
    ctx.files.insert("ports.yaml".into(), WEB.replace("containerPort: 80", "containerPort: 8080"));
    ctx.files.insert("other.yaml".into(), WEB.replace("name: web", "name: other"));
    assert_eq!(run(&mut p, &ctx, "kubectl replace -f new.yaml"), ("pod/web replaced\n".into(), String::new(), 0));
    assert_eq!(p.run("kubectl get pod web -o jsonpath={.metadata.labels.tier}", &ctx).stdout, "back");
    assert_eq!(p.run("kubectl get pod web -o jsonpath={.spec.containers[0].image}", &ctx).stdout, "nginx:1.28");
    // The pod update rule, as the API server words it.
    let (_, stderr, code) = run(&mut p, &ctx, "kubectl replace -f ports.yaml");
    assert_eq!(code, 1);
    assert_eq!(stderr, "The Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n");
    // replace never creates (cmdutil.AddSourceToErr("replacing", …)).
    assert_eq!(
        run(&mut p, &ctx, "kubectl replace -f other.yaml"),
        (
            String::new(),
            "Error from server (NotFound): error when replacing \"other.yaml\": pods \"other\" not found\n".into(),
            1
        )
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl replace -f new.yaml --dry-run=client"),
        ("pod/web replaced (dry run)\n".into(), String::new(), 0)
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl replace"),
        (String::new(), "error: must specify one of -f and -k\n".into(), 1)
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl replace -f new.yaml --grace-period=5"),
        (String::new(), "error: --grace-period must have --force specified\n".into(), 1)
    );
    assert_eq!(
        run(&mut p, &ctx, "kubectl replace -f new.yaml --force --dry-run=client"),
        (String::new(), "error: --dry-run can not be used when --force is set\n".into(), 1)
    );
}

#[test]
fn replace_force_deletes_waits_and_creates() {
    let (mut p, mut ctx) = setup();
    ctx.files.insert("ports.yaml".into(), WEB.replace("containerPort: 80", "containerPort: 8080"));
    let uid = p.run("kubectl get pod web -o jsonpath={.metadata.uid}", &ctx).stdout;
    let out = p.run("kubectl replace --force -f ports.yaml", &ctx);
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str(), out.exit_code),
        ("pod \"web\" deleted from default namespace\npod/web replaced\n", "", 0)
    );
    // The pod's 30 s grace period passed on the virtual clock before the create.
    assert_eq!(out.advanced_ms, 30_000);
    assert_ne!(p.run("kubectl get pod web -o jsonpath={.metadata.uid}", &ctx).stdout, uid);
    assert_eq!(
        p.run("kubectl get pod web -o jsonpath={.spec.containers[0].ports[0].containerPort}", &ctx).stdout,
        "8080"
    );
}

#[test]
fn diff_prints_a_unified_diff_and_exits_1_on_a_difference() {
    let (mut p, mut ctx) = setup();
    ctx.files.insert("new.yaml".into(), WEB.replace("nginx:1.27", "nginx:1.28"));
    ctx.files.insert(
        "other.yaml".into(),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: other\nspec:\n  containers:\n  - name: app\n    image: nginx\n"
            .into(),
    );
    // No difference: no output, exit 0.
    assert_eq!(run(&mut p, &ctx, "kubectl diff -f web.yaml"), (String::new(), String::new(), 0));
    let (stdout, stderr, code) = run(&mut p, &ctx, "kubectl diff -f new.yaml");
    assert_eq!((stderr.as_str(), code), ("", 1));
    let lines: Vec<&str> = stdout.lines().collect();
    let header = lines.first().copied().unwrap_or("");
    assert!(header.starts_with("diff -u -N /tmp/LIVE-") && header.ends_with("/v1.Pod.default.web"), "{header}");
    assert!(header.contains(" /tmp/MERGED-"), "{header}");
    assert!(lines
        .get(1)
        .is_some_and(|l| l.starts_with("--- /tmp/LIVE-") && l.ends_with("\t2026-01-01 00:00:20.000000000 +0000")));
    assert!(lines.get(2).is_some_and(|l| l.starts_with("+++ /tmp/MERGED-")));
    assert!(lines.get(3).is_some_and(|l| l.starts_with("@@ -") && l.ends_with(" @@")));
    let changed: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with(['-', '+']) && !l.starts_with("---") && !l.starts_with("+++"))
        .collect();
    // The dry-run update bumps the pod's generation (pod generation, GA in 1.35).
    assert_eq!(changed, ["-  generation: 1", "+  generation: 2", "-  - image: nginx:1.27", "+  - image: nginx:1.28"]);
    // Same clock, same names: the output is deterministic.
    assert_eq!(run(&mut p, &ctx, "kubectl diff -f new.yaml").0, stdout);
    // A new object: the live side is empty (`diff -N`).
    let (stdout, _, code) = run(&mut p, &ctx, "kubectl diff -f other.yaml");
    assert_eq!(code, 1);
    assert!(stdout.contains("\t1970-01-01 00:00:00.000000000 +0000\n"), "{stdout}");
    assert!(stdout.contains("\n@@ -0,0 +1,"), "{stdout}");
    assert!(stdout.contains("\n+  name: other\n"), "{stdout}");
    assert_eq!(run(&mut p, &ctx, "kubectl diff"), (String::new(), "error: must specify one of -f and -k\n".into(), 1));
}

#[test]
fn edit_opens_the_live_object_and_saving_updates_it() {
    let (mut p, mut ctx) = setup();
    // No editor (tests, a terminal without the app): kubectl's own failure.
    let out = p.run("kubectl edit pod web", &ctx);
    assert_eq!(
        (out.stderr.as_str(), out.exit_code, out.edit.is_none()),
        ("error: unable to launch the editor \"vi\"\n", 1, true)
    );
    let out = p.run("kubectl edit pod nope", &ctx);
    assert_eq!(out.stderr, "Error from server (NotFound): pods \"nope\" not found\n");
    ctx.editor = true;
    let out = p.run("kubectl edit pod/web", &ctx);
    assert_eq!((out.stdout.as_str(), out.exit_code), ("", 0));
    let Some(req) = out.edit else { panic!("no edit request") };
    assert!(req.text.starts_with("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: v1\nkind: Pod\n"), "{}", req.text);
    assert_eq!((req.resource.as_str(), req.namespace.as_str(), req.name.as_str()), ("pods", "default", "web"));
    let out = save_edit(&mut p, &req, &req.text);
    assert_eq!((out.stderr.as_str(), out.exit_code), ("Edit cancelled, no changes made.\n", 0));
    let out = save_edit(&mut p, &req, "# only comments\n");
    assert_eq!(out.stderr, "Edit cancelled, saved file was empty.\n");
    let out = save_edit(&mut p, &req, &req.text.replace("image: nginx:1.27", "image: nginx:1.28"));
    assert_eq!((out.stdout.as_str(), out.exit_code), ("pod/web edited\n", 0));
    assert_eq!(p.run("kubectl get pod web -o jsonpath={.spec.containers[0].image}", &ctx).stdout, "nginx:1.28");
    // An immutable field: kubectl's error, and the text reopened with the reason.
    let out = save_edit(&mut p, &req, &req.text.replace("containerPort: 80", "containerPort: 8080"));
    assert_eq!((out.stderr.as_str(), out.exit_code), ("error: pods \"web\" is invalid\n", 1));
    let reopened = out.edit.map(|r| r.text).unwrap_or_default();
    assert!(reopened.contains("#\n# pods \"web\" was not valid:\n# * spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`"), "{reopened}");
    assert!(reopened.contains("containerPort: 8080"));
    let out = save_edit(&mut p, &req, &req.text.replace("name: web\n", "name: web2\n"));
    assert_eq!(out.stderr, "error: At least one of apiVersion, kind and name was changed\n");
}
