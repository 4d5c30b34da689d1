//! Validation rule snapshots for user namespaces (`hostUsers: false`) and
//! image volumes, rendered in English and Korean. Regenerate on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_userns`.

mod validate_support;

use expect_test::expect;
use podplay_engine::check;
use validate_support::assert_rule;

fn messages(source: &str, rule: &str) -> Vec<String> {
    check(source).into_iter().filter(|d| d.rule == rule).map(|d| d.message).collect()
}

#[test]
fn host_users_false_with_host_ipc() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  hostUsers: false
  hostIPC: true
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "invalid-security-context",
        expect![[r#"
        Error spec.hostIPC @ 7:3
        error[invalid-security-context]: spec.HostIPC: Forbidden: when `pod.Spec.HostUsers` is false
         --> 7:3
          |
        7 |   hostIPC: true
          |   ^^^^^^^
          = help: `hostUsers: false` gives the pod its own user namespace, and such a pod cannot also share a namespace of the host: drop `hostIPC: true` or drop `hostUsers: false`.
        error[invalid-security-context]: spec.HostIPC: Forbidden: when `pod.Spec.HostUsers` is false
         --> 7:3
          |
        7 |   hostIPC: true
          |   ^^^^^^^
          = 설명: `hostUsers: false`는 파드에 자기만의 user 네임스페이스를 줍니다. 이 파드는 호스트의 다른 네임스페이스를 함께 쓸 수 없으므로 `hostIPC: true`를 빼거나 `hostUsers: false`를 빼세요.
    "#]],
    );
}

#[test]
fn host_users_false_forbids_every_host_namespace_with_upstreams_paths() {
    let source = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  hostUsers: false\n  hostNetwork: true\n  hostPID: true\n  hostIPC: true\n  containers:\n  - {name: web, image: nginx:1.27}\n";
    assert_eq!(
        messages(source, "invalid-security-context"),
        [
            "spec.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false",
            "spec.HostPID: Forbidden: when `pod.Spec.HostUsers` is false",
            "spec.HostIPC: Forbidden: when `pod.Spec.HostUsers` is false",
        ]
    );
    // hostUsers unset or true: the host namespaces are allowed.
    let ok = source.replace("hostUsers: false", "hostUsers: true");
    assert_eq!(messages(&ok, "invalid-security-context"), Vec::<String>::new());
    // A user namespace alone is valid.
    let alone = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  hostUsers: false\n  containers:\n  - {name: web, image: nginx:1.27}\n";
    assert_eq!(check(alone).into_iter().filter(|d| d.severity == podplay_engine::Severity::Error).count(), 0);
}

#[test]
fn image_volume_without_reference() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: data, mountPath: /data}
  volumes:
  - name: data
    image:
      pullPolicy: IfNotPresent
"#;
    assert_rule(
        source,
        "invalid-image-volume",
        expect![[r#"
        Error spec.volumes[0].image @ 13:5
        error[invalid-image-volume]: spec.volumes[0].image.reference: Required value
         --> 13:5
           |
        13 |     image:
           |     ^^^^^
          = help: Name the image to mount with `reference`, e.g. `reference: quay.io/crio/artifact:v2`.
        error[invalid-image-volume]: spec.volumes[0].image.reference: Required value
         --> 13:5
           |
        13 |     image:
           |     ^^^^^
          = 설명: image 볼륨에 마운트할 이미지를 `reference`로 지정하세요. 예: `reference: quay.io/crio/artifact:v2`
    "#]],
    );
}

#[test]
fn image_volume_with_an_unknown_pull_policy() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: data
    image:
      reference: quay.io/crio/artifact:v2
      pullPolicy: Sometimes
"#;
    assert_rule(
        source,
        "invalid-image-volume",
        expect![[r#"
        Error spec.volumes[0].image.pullPolicy @ 12:19
        error[invalid-image-volume]: spec.volumes[0].image.pullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"
         --> 12:19
           |
        12 |       pullPolicy: Sometimes
           |                   ^^^^^^^^^
          = help: An image volume needs the image to mount (`reference`), and its `pullPolicy` is `Always`, `IfNotPresent` or `Never`.
        error[invalid-image-volume]: spec.volumes[0].image.pullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"
         --> 12:19
           |
        12 |       pullPolicy: Sometimes
           |                   ^^^^^^^^^
          = 설명: image 볼륨에는 마운트할 이미지(`reference`)가 있어야 하고, `pullPolicy`는 `Always`, `IfNotPresent`, `Never` 중 하나여야 합니다.
    "#]],
    );
}

#[test]
fn image_volume_rules_follow_upstream() {
    let vol = |image: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - {{name: web, image: nginx:1.27}}\n  volumes:\n  - name: data\n    image: {image}\n")
    };
    let r = "invalid-image-volume";
    assert_eq!(messages(&vol("{reference: busybox:1.36}"), r), Vec::<String>::new());
    assert_eq!(messages(&vol("{reference: busybox:1.36, pullPolicy: Never}"), r), Vec::<String>::new());
    // An empty pull policy is defaulted before validation.
    assert_eq!(messages(&vol("{reference: busybox:1.36, pullPolicy: \"\"}"), r), Vec::<String>::new());
    assert_eq!(messages(&vol("{}"), r), ["spec.volumes[0].image.reference: Required value"]);
    assert_eq!(messages(&vol("{reference: \"\"}"), r), ["spec.volumes[0].image.reference: Required value"]);
    assert_eq!(
        messages(&vol("{reference: a, pullPolicy: always}"), r),
        ["spec.volumes[0].image.pullPolicy: Unsupported value: \"always\": supported values: \"Always\", \"IfNotPresent\", \"Never\""]
    );
    // An image volume is a volume source: one is enough, two are too many.
    let two =
        vol("{reference: a}").replace("    image: {reference: a}\n", "    image: {reference: a}\n    emptyDir: {}\n");
    assert_eq!(
        messages(&two, "invalid-volume"),
        ["spec.volumes[0]: Forbidden: may not specify more than 1 volume type"]
    );
    assert_eq!(messages(&vol("{reference: a}"), "invalid-volume"), Vec::<String>::new());
    // A pod template may leave the reference empty (`opts.ResourceIsPod`).
    let deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\nspec:\n  selector:\n    matchLabels: {app: demo}\n  template:\n    metadata:\n      labels: {app: demo}\n    spec:\n      containers:\n      - {name: web, image: nginx:1.27}\n      volumes:\n      - name: data\n        image: {}\n";
    assert_eq!(messages(deploy, r), Vec::<String>::new());
}
