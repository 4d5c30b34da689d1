//! One test per validation rule (part of a series: `validate_rules_*.rs`,
//! from `invalid_name` to `duplicate_env`): a minimal manifest, and a snapshot of the diagnostic
//! (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test 'validate_rules_*'`.

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
fn invalid_container_name() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: Web
    image: nginx:1.27
"#;
    assert_rule(
        source,
        "invalid-container-name",
        expect![[r#"
        Error spec.containers[0].name @ 7:11
        error[invalid-container-name]: spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
         --> 7:11
          |
        7 |   - name: Web
          |           ^^^
          = help: A container name may hold only lowercase letters, digits and `-`, and must start and end with a letter or digit (63 characters at most). For example `web`.
        error[invalid-container-name]: spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
         --> 7:11
          |
        7 |   - name: Web
          |           ^^^
          = 설명: 컨테이너 이름은 소문자, 숫자, `-`만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다(최대 63자). 예: `web`.
    "#]],
    );
}

#[test]
fn duplicate_container_name() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  initContainers:
  - name: app
    image: busybox:1.36
  containers:
  - name: app
    image: nginx:1.27
"#;
    assert_rule(
        source,
        "duplicate-container-name",
        expect![[r#"
        Error spec.containers[0].name @ 10:11
        error[duplicate-container-name]: spec.containers[0].name: Duplicate value: "app"
         --> 10:11
           |
        10 |   - name: app
           |           ^^^
          = help: Container names must be unique within the pod, init containers included. Rename one of them.
        error[duplicate-container-name]: spec.containers[0].name: Duplicate value: "app"
         --> 10:11
           |
        10 |   - name: app
           |           ^^^
          = 설명: 컨테이너 이름은 파드 안에서 초기화 컨테이너까지 포함해 모두 달라야 합니다. 둘 중 하나의 이름을 바꾸세요.
    "#]],
    );
}

#[test]
fn missing_image() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
"#;
    assert_rule(
        source,
        "missing-image",
        expect![[r#"
        Error spec.containers[0].image @ 7:5
        error[missing-image]: spec.containers[0].image: Required value
         --> 7:5
          |
        7 |   - name: web
          |     ^
          = help: Every container needs an `image` to run. For example `image: nginx:1.27`.
        error[missing-image]: spec.containers[0].image: Required value
         --> 7:5
          |
        7 |   - name: web
          |     ^
          = 설명: 컨테이너마다 실행할 이미지(`image`)를 적어야 합니다. 예: `image: nginx:1.27`.
    "#]],
    );
}

#[test]
fn invalid_port() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80800
"#;
    assert_rule(
        source,
        "invalid-port",
        expect![[r#"
        Error spec.containers[0].ports[0].containerPort @ 10:22
        error[invalid-port]: spec.containers[0].ports[0].containerPort: Invalid value: 80800: must be between 1 and 65535, inclusive
         --> 10:22
           |
        10 |     - containerPort: 80800
           |                      ^^^^^
          = help: Port numbers are 1–65535 and the protocol is `TCP`, `UDP` or `SCTP` (HTTP is not a protocol here). Port names are 15 characters at most of lowercase letters, digits and `-`, with at least one letter.
        error[invalid-port]: spec.containers[0].ports[0].containerPort: Invalid value: 80800: must be between 1 and 65535, inclusive
         --> 10:22
           |
        10 |     - containerPort: 80800
           |                      ^^^^^
          = 설명: 포트 번호는 1–65535, 프로토콜은 `TCP`, `UDP`, `SCTP` 중 하나입니다(HTTP는 프로토콜이 아닙니다). 포트 이름은 15자 이하의 소문자, 숫자, `-`이고 글자가 하나 이상 있어야 합니다.
    "#]],
    );
}

#[test]
fn invalid_port_protocol() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
      protocol: HTTP
"#;
    assert_rule(
        source,
        "invalid-port",
        expect![[r#"
        Error spec.containers[0].ports[0].protocol @ 11:17
        error[invalid-port]: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"
         --> 11:17
           |
        11 |       protocol: HTTP
           |                 ^^^^
          = help: Port numbers are 1–65535 and the protocol is `TCP`, `UDP` or `SCTP` (HTTP is not a protocol here). Port names are 15 characters at most of lowercase letters, digits and `-`, with at least one letter.
        error[invalid-port]: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"
         --> 11:17
           |
        11 |       protocol: HTTP
           |                 ^^^^
          = 설명: 포트 번호는 1–65535, 프로토콜은 `TCP`, `UDP`, `SCTP` 중 하나입니다(HTTP는 프로토콜이 아닙니다). 포트 이름은 15자 이하의 소문자, 숫자, `-`이고 글자가 하나 이상 있어야 합니다.
    "#]],
    );
}

#[test]
fn invalid_port_name() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
      name: http_web
"#;
    assert_rule(
        source,
        "invalid-port",
        expect![[r#"
        Error spec.containers[0].ports[0].name @ 11:13
        error[invalid-port]: spec.containers[0].ports[0].name: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)
         --> 11:13
           |
        11 |       name: http_web
           |             ^^^^^^^^
          = help: Port numbers are 1–65535 and the protocol is `TCP`, `UDP` or `SCTP` (HTTP is not a protocol here). Port names are 15 characters at most of lowercase letters, digits and `-`, with at least one letter.
        error[invalid-port]: spec.containers[0].ports[0].name: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)
         --> 11:13
           |
        11 |       name: http_web
           |             ^^^^^^^^
          = 설명: 포트 번호는 1–65535, 프로토콜은 `TCP`, `UDP`, `SCTP` 중 하나입니다(HTTP는 프로토콜이 아닙니다). 포트 이름은 15자 이하의 소문자, 숫자, `-`이고 글자가 하나 이상 있어야 합니다.
    "#]],
    );
}

#[test]
fn host_port_conflict() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - {name: a, image: nginx:1.27, ports: [{containerPort: 80, hostPort: 8080}]}
  - {name: b, image: nginx:1.27, ports: [{containerPort: 81, hostPort: 8080}]}
"#;
    assert_rule(
        source,
        "host-port-conflict",
        expect![[r#"
        Error spec.containers[1].ports[0].hostPort @ 8:72
        error[host-port-conflict]: spec.containers[1].ports[0].hostPort: Duplicate value: "8080/TCP"
         --> 8:72
          |
        8 |   - {name: b, image: nginx:1.27, ports: [{containerPort: 81, hostPort: 8080}]}
          |                                                                        ^^^^
          = help: The same hostPort and protocol may be used only once: a node port can be bound once. Pick another hostPort.
        error[host-port-conflict]: spec.containers[1].ports[0].hostPort: Duplicate value: "8080/TCP"
         --> 8:72
          |
        8 |   - {name: b, image: nginx:1.27, ports: [{containerPort: 81, hostPort: 8080}]}
          |                                                                        ^^^^
          = 설명: 같은 호스트 포트(hostPort)와 프로토콜을 두 번 쓸 수 없습니다. 노드의 포트는 한 번만 열 수 있습니다. 다른 hostPort를 고르세요.
    "#]],
    );
}

#[test]
fn invalid_resources() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests:
        cpu: "2"
      limits:
        cpu: "1"
"#;
    assert_rule(
        source,
        "invalid-resources",
        expect![[r#"
        Error spec.containers[0].resources.requests[cpu] @ 11:14
        error[invalid-resources]: spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1
         --> 11:14
           |
        11 |         cpu: "2"
           |              ^^^
          = help: A request may not exceed its limit, and quantities may not be negative. Resource names are `cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>` or `domain/name`.
        error[invalid-resources]: spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1
         --> 11:14
           |
        11 |         cpu: "2"
           |              ^^^
          = 설명: 요청(requests)은 제한(limits)보다 클 수 없고, 리소스 양은 음수일 수 없습니다. 리소스 이름은 `cpu`, `memory`, `ephemeral-storage`, `hugepages-<크기>` 또는 `도메인/이름`입니다.
    "#]],
    );
}

#[test]
fn invalid_restart_policy() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  restartPolicy: Sometimes
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "invalid-restart-policy",
        expect![[r#"
        Error spec.restartPolicy @ 6:18
        error[invalid-restart-policy]: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"
         --> 6:18
          |
        6 |   restartPolicy: Sometimes
          |                  ^^^^^^^^^
          = help: A pod's restartPolicy is `Always`, `OnFailure` or `Never`. A container-level `restartPolicy: Always` is allowed only on init containers, where it makes a sidecar container.
        error[invalid-restart-policy]: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"
         --> 6:18
          |
        6 |   restartPolicy: Sometimes
          |                  ^^^^^^^^^
          = 설명: 파드의 restartPolicy는 `Always`, `OnFailure`, `Never` 중 하나입니다. 컨테이너 단위 `restartPolicy: Always`는 초기화 컨테이너에만 쓸 수 있고, 그러면 사이드카 컨테이너가 됩니다.
    "#]],
    );
}

#[test]
fn sidecar_restart_policy_on_regular_container() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: log-shipper
    image: fluent/fluent-bit:3.0
    restartPolicy: Always
"#;
    assert_rule(
        source,
        "invalid-restart-policy",
        expect![[r#"
        Error spec.containers[0].restartPolicy @ 9:5
        error[invalid-restart-policy]: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers
         --> 9:5
          |
        9 |     restartPolicy: Always
          |     ^^^^^^^^^^^^^
          = help: A pod's restartPolicy is `Always`, `OnFailure` or `Never`. A container-level `restartPolicy: Always` is allowed only on init containers, where it makes a sidecar container.
        error[invalid-restart-policy]: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers
         --> 9:5
          |
        9 |     restartPolicy: Always
          |     ^^^^^^^^^^^^^
          = 설명: 파드의 restartPolicy는 `Always`, `OnFailure`, `Never` 중 하나입니다. 컨테이너 단위 `restartPolicy: Always`는 초기화 컨테이너에만 쓸 수 있고, 그러면 사이드카 컨테이너가 됩니다.
    "#]],
    );
}

#[test]
fn init_container_probe() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  initContainers:
  - name: wait-db
    image: busybox:1.36
    readinessProbe:
      exec: {command: ["true"]}
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "init-container-probe",
        expect![[r#"
        Error spec.initContainers[0].readinessProbe @ 9:5
        error[init-container-probe]: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always
         --> 9:5
          |
        9 |     readinessProbe:
          |     ^^^^^^^^^^^^^^
          = help: A plain init container runs to completion, so it cannot have probes or lifecycle hooks. If it is a long-running sidecar, add `restartPolicy: Always`.
        error[init-container-probe]: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always
         --> 9:5
          |
        9 |     readinessProbe:
          |     ^^^^^^^^^^^^^^
          = 설명: 일반 초기화 컨테이너는 끝까지 실행되고 끝나므로 프로브와 lifecycle 훅을 가질 수 없습니다. 계속 실행되는 사이드카라면 `restartPolicy: Always`를 추가하세요.
    "#]],
    );
}

#[test]
fn invalid_probe() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      periodSeconds: 5
"#;
    assert_rule(
        source,
        "invalid-probe",
        expect![[r#"
        Error spec.containers[0].livenessProbe @ 9:5
        error[invalid-probe]: spec.containers[0].livenessProbe: Required value: must specify a handler type
         --> 9:5
          |
        9 |     livenessProbe:
          |     ^^^^^^^^^^^^^
          = help: A probe needs exactly one handler: `exec`, `httpGet`, `tcpSocket` or `grpc`. Timings may not be negative, and liveness and startup probes need successThreshold 1.
        error[invalid-probe]: spec.containers[0].livenessProbe: Required value: must specify a handler type
         --> 9:5
          |
        9 |     livenessProbe:
          |     ^^^^^^^^^^^^^
          = 설명: 프로브에는 `exec`, `httpGet`, `tcpSocket`, `grpc` 중 정확히 하나의 방법이 있어야 합니다. 시간 값은 음수일 수 없고, liveness·startup 프로브의 successThreshold는 1이어야 합니다.
    "#]],
    );
}

#[test]
fn invalid_volume() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: data
    emptyDir: {}
  - name: data
    emptyDir: {}
"#;
    assert_rule(
        source,
        "invalid-volume",
        expect![[r#"
        Error spec.volumes[1].name @ 11:11
        error[invalid-volume]: spec.volumes[1].name: Duplicate value: "data"
         --> 11:11
           |
        11 |   - name: data
           |           ^^^^
          = help: Volume names must be DNS labels (lowercase letters, digits, `-`) unique in the pod, and each volume needs exactly one source such as `emptyDir` or `configMap`.
        error[invalid-volume]: spec.volumes[1].name: Duplicate value: "data"
         --> 11:11
           |
        11 |   - name: data
           |           ^^^^
          = 설명: 볼륨 이름은 파드 안에서 유일한 DNS 레이블(소문자, 숫자, `-`)이어야 하고, 볼륨마다 `emptyDir`, `configMap` 같은 소스가 정확히 하나 있어야 합니다.
    "#]],
    );
}

#[test]
fn invalid_volume_mount() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - name: cahce
      mountPath: /cache
  volumes:
  - name: cache
    emptyDir: {}
"#;
    assert_rule(
        source,
        "invalid-volume-mount",
        expect![[r#"
        Error spec.containers[0].volumeMounts[0].name @ 10:13
        error[invalid-volume-mount]: spec.containers[0].volumeMounts[0].name: Not found: "cahce"
         --> 10:13
           |
        10 |     - name: cahce
           |             ^^^^^
          = help: No volume `cahce` under `spec.volumes` (declared: cache). Did you mean `cache`?
        error[invalid-volume-mount]: spec.containers[0].volumeMounts[0].name: Not found: "cahce"
         --> 10:13
           |
        10 |     - name: cahce
           |             ^^^^^
          = 설명: `cahce` 볼륨이 `spec.volumes`에 없습니다(선언된 볼륨: cache). `cache`의 오타인가요?
    "#]],
    );
}

#[test]
fn invalid_env() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: MODE=x
      value: debug
"#;
    assert_rule(
        source,
        "invalid-env",
        expect![[r#"
        Error spec.containers[0].env[0].name @ 10:13
        error[invalid-env]: spec.containers[0].env[0].name: Invalid value: "MODE=x": a valid environment variable name must consist only of printable ASCII characters other than '='
         --> 10:13
           |
        10 |     - name: MODE=x
           |             ^^^^^^
          = help: Environment variable names are printable ASCII without `=`, and an entry may have `value` or `valueFrom`, not both.
        error[invalid-env]: spec.containers[0].env[0].name: Invalid value: "MODE=x": a valid environment variable name must consist only of printable ASCII characters other than '='
         --> 10:13
           |
        10 |     - name: MODE=x
           |             ^^^^^^
          = 설명: 환경 변수 이름은 `=`를 뺀 출력 가능한 ASCII 문자로 써야 하고, `value`와 `valueFrom`은 둘 중 하나만 쓸 수 있습니다.
    "#]],
    );
}

#[test]
fn share_process_namespace_host_pid() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  shareProcessNamespace: true
  hostPID: true
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "share-process-namespace-host-pid",
        expect![[r#"
        Error spec.shareProcessNamespace @ 6:26
        error[share-process-namespace-host-pid]: spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled
         --> 6:26
          |
        6 |   shareProcessNamespace: true
          |                          ^^^^
          = help: `shareProcessNamespace` (containers of the pod share processes) and `hostPID` (use the node's PID namespace) cannot both be on. Keep one.
        error[share-process-namespace-host-pid]: spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled
         --> 6:26
          |
        6 |   shareProcessNamespace: true
          |                          ^^^^
          = 설명: `shareProcessNamespace`(파드 안 컨테이너끼리 프로세스 공유)와 `hostPID`(노드의 프로세스 네임스페이스 사용)는 함께 켤 수 없습니다. 하나만 쓰세요.
    "#]],
    );
}

#[test]
fn invalid_dns_policy() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  dnsPolicy: ClusterDefault
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "invalid-dns-policy",
        expect![[r#"
        Error spec.dnsPolicy @ 6:14
        error[invalid-dns-policy]: spec.dnsPolicy: Unsupported value: "ClusterDefault": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"
         --> 6:14
          |
        6 |   dnsPolicy: ClusterDefault
          |              ^^^^^^^^^^^^^^
          = help: dnsPolicy is one of `ClusterFirst` (the default), `ClusterFirstWithHostNet`, `Default` and `None`.
        error[invalid-dns-policy]: spec.dnsPolicy: Unsupported value: "ClusterDefault": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"
         --> 6:14
          |
        6 |   dnsPolicy: ClusterDefault
          |              ^^^^^^^^^^^^^^
          = 설명: dnsPolicy는 `ClusterFirst`(기본값), `ClusterFirstWithHostNet`, `Default`, `None` 중 하나입니다.
    "#]],
    );
}

#[test]
fn invalid_image_pull_policy() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    imagePullPolicy: IfNotExists
"#;
    assert_rule(
        source,
        "invalid-image-pull-policy",
        expect![[r#"
        Error spec.containers[0].imagePullPolicy @ 9:22
        error[invalid-image-pull-policy]: spec.containers[0].imagePullPolicy: Unsupported value: "IfNotExists": supported values: "Always", "IfNotPresent", "Never"
         --> 9:22
          |
        9 |     imagePullPolicy: IfNotExists
          |                      ^^^^^^^^^^^
          = help: imagePullPolicy is `Always`, `IfNotPresent` or `Never`. Left out, it follows the tag (`:latest` or no tag means Always).
        error[invalid-image-pull-policy]: spec.containers[0].imagePullPolicy: Unsupported value: "IfNotExists": supported values: "Always", "IfNotPresent", "Never"
         --> 9:22
          |
        9 |     imagePullPolicy: IfNotExists
          |                      ^^^^^^^^^^^
          = 설명: imagePullPolicy는 `Always`, `IfNotPresent`, `Never` 중 하나입니다. 비워 두면 태그에 따라 정해집니다(`:latest`나 태그 없음은 Always).
    "#]],
    );
}

#[test]
fn ephemeral_on_create() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - {name: web, image: nginx:1.27}
  ephemeralContainers:
  - name: debugger
    image: busybox:1.36
"#;
    assert_rule(
        source,
        "ephemeral-on-create",
        expect![[r#"
        Error spec.ephemeralContainers @ 8:3
        error[ephemeral-on-create]: spec.ephemeralContainers: Forbidden: cannot be set on create
         --> 8:3
          |
        8 |   ephemeralContainers:
          |   ^^^^^^^^^^^^^^^^^^^
          = help: Ephemeral containers cannot be set when a pod is created. Add them to a running pod with `kubectl debug`.
        error[ephemeral-on-create]: spec.ephemeralContainers: Forbidden: cannot be set on create
         --> 8:3
          |
        8 |   ephemeralContainers:
          |   ^^^^^^^^^^^^^^^^^^^
          = 설명: 임시(ephemeral) 컨테이너는 파드를 만들 때 넣을 수 없습니다. 실행 중인 파드에 `kubectl debug`로 추가하세요.
    "#]],
    );
}

#[test]
fn negative_grace_period() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  terminationGracePeriodSeconds: -5
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "negative-grace-period",
        expect![[r#"
        Warning spec.terminationGracePeriodSeconds @ 6:34
        warning[negative-grace-period]: spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1
         --> 6:34
          |
        6 |   terminationGracePeriodSeconds: -5
          |                                  ^^
          = help: A negative terminationGracePeriodSeconds is treated as 1 second, leaving containers almost no time to shut down. Use 0 or more seconds (default 30).
        warning[negative-grace-period]: spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1
         --> 6:34
          |
        6 |   terminationGracePeriodSeconds: -5
          |                                  ^^
          = 설명: terminationGracePeriodSeconds가 음수이면 1초로 취급되어 컨테이너가 정리할 시간을 거의 얻지 못합니다. 0 이상의 초를 쓰세요(기본값 30).
    "#]],
    );
}

#[test]
fn duplicate_port_definition() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - {name: a, image: nginx:1.27, ports: [{containerPort: 80}]}
  - {name: b, image: httpd:2.4, ports: [{containerPort: 80}]}
"#;
    assert_rule(
        source,
        "duplicate-port-definition",
        expect![[r#"
        Warning spec.containers[1].ports[0].containerPort @ 8:57
        warning[duplicate-port-definition]: spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]
         --> 8:57
          |
        8 |   - {name: b, image: httpd:2.4, ports: [{containerPort: 80}]}
          |                                                         ^^
          = help: Containers of a pod share one network namespace, so two of them cannot listen on the same port; the second will fail to bind. Use another port.
        warning[duplicate-port-definition]: spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]
         --> 8:57
          |
        8 |   - {name: b, image: httpd:2.4, ports: [{containerPort: 80}]}
          |                                                         ^^
          = 설명: 파드의 컨테이너들은 네트워크 네임스페이스를 공유하므로 같은 포트를 두 컨테이너가 열 수 없습니다. 둘째 컨테이너는 포트 바인딩에 실패합니다. 다른 포트를 쓰세요.
    "#]],
    );
}

#[test]
fn duplicate_env() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    env:
    - {name: MODE, value: debug}
    - {name: MODE, value: release}
"#;
    assert_rule(
        source,
        "duplicate-env",
        expect![[r#"
        Warning spec.containers[0].env[1].name @ 11:14
        warning[duplicate-env]: spec.containers[0].env[1]: hides previous definition of "MODE", which may be dropped when using apply
         --> 11:14
           |
        11 |     - {name: MODE, value: release}
           |              ^^^^
          = help: An environment variable is defined twice, so the earlier value is hidden, and `kubectl apply` may drop one. Keep only one.
        warning[duplicate-env]: spec.containers[0].env[1]: hides previous definition of "MODE", which may be dropped when using apply
         --> 11:14
           |
        11 |     - {name: MODE, value: release}
           |              ^^^^
          = 설명: 같은 이름의 환경 변수가 두 번 정의되어 앞의 값이 가려집니다. `kubectl apply`에서 하나가 사라질 수도 있습니다. 하나만 남기세요.
    "#]],
    );
}
