//! Validation rule snapshots for apiVersion, kind, document shape and object
//! metadata (names, labels, annotations, namespaces).
//! One test per rule case: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_metadata`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

#[test]
fn invalid_name() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: My_Pod
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "invalid-name",
        expect![[r#"
        Error metadata.name @ 4:9
        error[invalid-name]: metadata.name: Invalid value: "My_Pod": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
         --> 4:9
          |
        4 |   name: My_Pod
          |         ^^^^^^
          = help: A name may hold only lowercase letters, digits, `-` and `.`, and must start and end with a letter or digit (253 characters at most). For example `my-pod`.
        error[invalid-name]: metadata.name: Invalid value: "My_Pod": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
         --> 4:9
          |
        4 |   name: My_Pod
          |         ^^^^^^
          = 설명: 이름은 소문자, 숫자, `-`, `.`만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다(최대 253자). 예: `my-pod`.
    "#]],
    );
}

#[test]
fn invalid_label() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
  labels:
    app: my app
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "invalid-label",
        expect![[r#"
        Error metadata.labels[app] @ 6:10
        error[invalid-label]: metadata.labels: Invalid value: "my app": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')
         --> 6:10
          |
        6 |     app: my app
          |          ^^^^^^
          = help: A label key is `prefix/name` (name 63 characters at most); a value is 63 characters at most of alphanumerics, `-`, `_` and `.`, starting and ending with an alphanumeric. No spaces.
        error[invalid-label]: metadata.labels: Invalid value: "my app": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')
         --> 6:10
          |
        6 |     app: my app
          |          ^^^^^^
          = 설명: 레이블 키는 `접두사/이름` 형식(이름 63자 이하)이고, 값은 63자 이하의 영숫자, `-`, `_`, `.`이며 영숫자로 시작하고 끝나야 합니다. 공백은 쓸 수 없습니다.
    "#]],
    );
}

#[test]
fn invalid_annotation() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
  annotations:
    my note: hello
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "invalid-annotation",
        expect![[r#"
        Error metadata.annotations[my note] @ 6:5
        error[invalid-annotation]: metadata.annotations: Invalid value: "my note": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
         --> 6:5
          |
        6 |     my note: hello
          |     ^^^^^^^
          = help: An annotation key must be `prefix/name` (no spaces), and all annotations together may not exceed 256 KiB.
        error[invalid-annotation]: metadata.annotations: Invalid value: "my note": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
         --> 6:5
          |
        6 |     my note: hello
          |     ^^^^^^^
          = 설명: 어노테이션 키는 `접두사/이름` 형식이어야 하고(공백 불가), 어노테이션 전체 크기는 256KiB를 넘을 수 없습니다.
    "#]],
    );
}

#[test]
fn removed_api_version() {
    let source = r#"apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: hello
"#;
    assert_rule(
        source,
        "removed-api-version",
        expect![[r#"
        Error apiVersion @ 1:13
        error[removed-api-version]: no matches for kind "CronJob" in version "batch/v1beta1"
         --> 1:13
          |
        1 | apiVersion: batch/v1beta1
          |             ^^^^^^^^^^^^^
          = help: CronJob in `batch/v1beta1` was removed in Kubernetes 1.25. Use `apiVersion: batch/v1`.
        error[removed-api-version]: no matches for kind "CronJob" in version "batch/v1beta1"
         --> 1:13
          |
        1 | apiVersion: batch/v1beta1
          |             ^^^^^^^^^^^^^
          = 설명: CronJob의 `batch/v1beta1` 버전은 쿠버네티스 1.25에서 제거되었습니다. `apiVersion: batch/v1`로 바꾸세요.
    "#]],
    );
}

#[test]
fn unknown_api_version() {
    let source = r#"apiVersion: apps/v1
kind: Pod
metadata:
  name: demo
"#;
    assert_rule(
        source,
        "unknown-api-version",
        expect![[r#"
        Error apiVersion @ 1:13
        error[unknown-api-version]: no matches for kind "Pod" in version "apps/v1"
         --> 1:13
          |
        1 | apiVersion: apps/v1
          |             ^^^^^^^
          = help: The apiVersion of Pod is `v1`.
        error[unknown-api-version]: no matches for kind "Pod" in version "apps/v1"
         --> 1:13
          |
        1 | apiVersion: apps/v1
          |             ^^^^^^^
          = 설명: Pod의 apiVersion은 `v1`입니다.
    "#]],
    );
}

#[test]
fn missing_type_meta() {
    let source = r#"kind: Pod
metadata:
  name: demo
"#;
    assert_rule(
        source,
        "missing-type-meta",
        expect![[r#"
        Error apiVersion @ 1:1
        error[missing-type-meta]: error validating data: [apiVersion not set]
         --> 1:1
          |
        1 | kind: Pod
          | ^^^^
          = help: Every manifest needs `apiVersion` and `kind`. Missing: apiVersion. For this kind it is `apiVersion: v1`.
        error[missing-type-meta]: error validating data: [apiVersion not set]
         --> 1:1
          |
        1 | kind: Pod
          | ^^^^
          = 설명: 모든 매니페스트에는 `apiVersion`과 `kind`가 있어야 합니다. 빠진 것: apiVersion. 이 종류라면 `apiVersion: v1`입니다.
    "#]],
    );
}

#[test]
fn wrong_shape_document() {
    let source = r#"- apiVersion: v1
  kind: Pod
"#;
    assert_rule(
        source,
        "wrong-shape",
        expect![[r#"
        Error  @ 1:1
        error[wrong-shape]: json: cannot unmarshal array into Go value of type map[string]interface {}
         --> 1:1
          |
        1 | - apiVersion: v1
          | ^
          = help: A manifest must be a mapping that starts with `apiVersion`, `kind` and `metadata`. Check for a leading `- ` or stray indentation.
        error[wrong-shape]: json: cannot unmarshal array into Go value of type map[string]interface {}
         --> 1:1
          |
        1 | - apiVersion: v1
          | ^
          = 설명: 매니페스트는 `apiVersion`, `kind`, `metadata`로 시작하는 매핑이어야 합니다. 맨 앞의 `- `나 들여쓰기를 확인하세요.
    "#]],
    );
}

#[test]
fn invalid_namespace() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
  namespace: Team_A
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "invalid-name",
        expect![[r#"
        Error metadata.namespace @ 5:14
        error[invalid-name]: metadata.namespace: Invalid value: "Team_A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
         --> 5:14
          |
        5 |   namespace: Team_A
          |              ^^^^^^
          = help: A namespace name may hold only lowercase letters, digits and `-`, and must start and end with a letter or digit (63 characters at most). For example `team-a`.
        error[invalid-name]: metadata.namespace: Invalid value: "Team_A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
         --> 5:14
          |
        5 |   namespace: Team_A
          |              ^^^^^^
          = 설명: 네임스페이스 이름은 소문자, 숫자, `-`만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다(최대 63자). 예: `team-a`.
    "#]],
    );
}
