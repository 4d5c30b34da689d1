//! `kubectl explain` for the fields Kubernetes 1.35 added or changed, in
//! English (the schema's text, from the 1.35 OpenAPI) and Korean (ours);
//! a kind alone prints its type's description, not `<empty>`; and
//! `kubectl debug` with and without `--target` (the ephemeral container
//! shares its target's pid namespace, or has its own).

use expect_test::expect;
use podplay_engine::kubectl::{Context, Playground};
use podplay_engine::Lang;

fn explain(line: &str, lang: Lang) -> String {
    let mut pg = Playground::new(1);
    let mut ctx = Context::with_editor("");
    ctx.lang = lang;
    let out = pg.run(line, &ctx);
    assert_eq!(out.exit_code, 0, "{out:?}");
    out.stdout
}

#[test]
fn explain_host_users_in_english() {
    // The 1.35 OpenAPI text (k8s-openapi v1_35 and the 1.35 Python client
    // both still call the field alpha-level).
    expect![[r#"
        KIND:       Pod
        VERSION:    v1

        FIELD: hostUsers <boolean>

        DESCRIPTION:
            Use the host's user namespace. Optional: Default to true. If set to true or
            not present, the pod will be run in the host user namespace, useful for when
            the pod needs a feature only available to the host user namespace, such as
            loading a kernel module with CAP_SYS_MODULE. When set to false, a new userns
            is created for the pod. Setting false is useful for mitigating container
            breakout vulnerabilities even allowing users to run their containers as root
            without actually having root privileges on the host. This field is
            alpha-level and is only honored by servers that enable the
            UserNamespacesSupport feature.
    "#]]
    .assert_eq(&explain("kubectl explain pod.spec.hostUsers", Lang::En));
}

#[test]
fn explain_host_users_in_korean() {
    expect![[r#"
        KIND:       Pod
        VERSION:    v1

        FIELD: hostUsers <boolean>

        DESCRIPTION:
            호스트의 사용자(user) 네임스페이스를 쓸지 정합니다. 기본값은 true입니다. false로 두면 파드만의 user 네임스페이스가
            만들어져, 컨테이너 안의 root(UID 0)가 호스트에서는 권한 없는 UID로 매핑됩니다. 컨테이너 탈출 취약점의 피해를 줄여 줍니다.
            hostNetwork, hostPID, hostIPC와 함께 쓸 수 없습니다.
    "#]].assert_eq(&explain("kubectl explain pod.spec.hostUsers", Lang::Ko));
}

#[test]
fn explain_a_kind_prints_its_description() {
    // kubectl prints the kind's schema description, then a line of four
    // spaces, then the fields.
    let pod = explain("kubectl explain pod", Lang::En);
    assert!(
        pod.starts_with("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n"),
        "{pod}"
    );
    let deploy = explain("kubectl explain deployments", Lang::En);
    assert!(
        deploy.contains("DESCRIPTION:\n    Deployment enables declarative updates for Pods and ReplicaSets.\n"),
        "{deploy}"
    );
    let svc = explain("kubectl explain svc", Lang::En);
    assert!(!svc.contains("<empty>"), "{svc}");
}

#[test]
fn the_new_fields_of_1_35_are_in_the_schema() {
    for (path, words) in [
        ("pod.spec.volumes.image", "OCI object"),
        ("pod.spec.volumes.image.reference", "Required: Image or artifact reference to be used"),
        ("pod.spec.volumes.image.pullPolicy", "Policy for pulling OCI objects"),
        ("pod.spec.resources", "Resources is the total amount of CPU and Memory resources required by all"),
        ("pod.spec.containers.resizePolicy", "Resources resize policy for the container"),
        ("pod.spec.containers.restartPolicyRules", "Represents a list of rules to be checked"),
        ("pod.spec.containers.lifecycle.preStop.sleep", "Sleep represents a duration"),
        ("pod.spec.ephemeralContainers", "List of ephemeral containers run in this pod"),
        (
            "pod.spec.ephemeralContainers.targetContainerName",
            "the name of the container from PodSpec that this ephemeral container targets",
        ),
        ("pod.status.observedGeneration", "the .metadata.generation that the pod status was set based upon"),
    ] {
        let en = explain(&format!("kubectl explain {path}"), Lang::En);
        assert!(en.replace("\n    ", " ").contains(words), "{path}:\n{en}");
        // Every one of them has a Korean description of its own.
        let ko = explain(&format!("kubectl explain {path}"), Lang::Ko);
        let desc = |s: &str| s.split("DESCRIPTION:\n").nth(1).unwrap_or("").to_string();
        if path != "pod.status.observedGeneration" {
            assert_ne!(desc(&ko), desc(&en), "{path} has no Korean description");
        }
    }
}

const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
";

#[test]
fn a_debug_container_with_target_sees_the_targets_processes_and_without_it_does_not() {
    let mut pg = Playground::new(3);
    let ctx = Context::with_editor(POD);
    pg.run("kubectl apply -f editor.yaml", &ctx);
    pg.cluster.advance_by(20_000);
    let out = pg.run("kubectl debug web --image=busybox:1.36 --target=app -c shared -- ps", &ctx);
    assert_eq!(out.exit_code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "Targeting container \"app\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n"
    );
    let out = pg.run("kubectl debug web --image=busybox:1.36 -c alone -- ps", &ctx);
    assert_eq!((out.exit_code, out.stdout.as_str()), (0, ""), "{out:?}");
    pg.cluster.advance_by(20_000);
    let shared = pg.run("kubectl logs web -c shared", &ctx).stdout;
    assert!(shared.contains("    1 root      0:00 nginx -g daemon off;\n"), "{shared}");
    assert!(shared.lines().any(|l| l.ends_with(" ps")), "{shared}");
    let alone = pg.run("kubectl logs web -c alone", &ctx).stdout;
    assert!(!alone.contains("nginx"), "{alone}");
    assert!(alone.contains("    1 root      0:00 ps\n"), "{alone}");
    // Both ran once and ended; their statuses stay in the pod.
    let states = pg
        .run("kubectl get pod web -o 'jsonpath={range .status.ephemeralContainerStatuses[*]}{.name}={.state.terminated.reason} {end}'", &ctx)
        .stdout;
    assert_eq!(states, "shared=Completed alone=Completed ");
    // The target is in the stored spec; a second container may not reuse a name.
    let target = pg.run("kubectl get pod web -o jsonpath={.spec.ephemeralContainers[0].targetContainerName}", &ctx);
    assert_eq!(target.stdout, "app");
    let again = pg.run("kubectl debug web --image=busybox:1.36 -c alone", &ctx);
    assert_eq!(again.exit_code, 1);
    assert!(again.stderr.contains("spec.ephemeralContainers[2].name: Duplicate value: \"alone\""), "{again:?}");
}

#[test]
fn ephemeral_containers_cannot_be_set_when_the_pod_is_created() {
    let src = format!("{POD}  ephemeralContainers:\n  - name: dbg\n    image: busybox:1.36\n");
    let mut pg = Playground::new(3);
    let ctx = Context::with_editor(&src);
    let out = pg.run("kubectl apply -f editor.yaml", &ctx);
    assert_eq!(out.exit_code, 1);
    assert!(out.stderr.contains("spec.ephemeralContainers: Forbidden: cannot be set on create"), "{out:?}");
}
