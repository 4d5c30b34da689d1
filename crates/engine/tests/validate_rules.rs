//! One test per validation rule: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules`.

use expect_test::{expect, Expect};
use podplay_engine::{check, Lang};

/// Finds the first diagnostic of `rule` and snapshots it in both languages.
fn assert_rule(source: &str, rule: &str, snapshot: Expect) {
    let diags = check(source);
    let Some(d) = diags.iter().find(|d| d.rule == rule) else {
        panic!("no `{rule}` diagnostic; got {diags:#?}");
    };
    let header = format!("{:?} {} @ {}:{}\n", d.severity, d.path, d.span.line, d.span.col);
    snapshot.assert_eq(&format!("{header}{}{}", d.render(source, Lang::En), d.render(source, Lang::Ko)));
}

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
    assert_rule(source, "invalid-name", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-label", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-annotation", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-container-name", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "duplicate-container-name", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "missing-image", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-port", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-port", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-port", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "host-port-conflict", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-resources", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-restart-policy", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-restart-policy", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "init-container-probe", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-probe", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-volume", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-volume-mount", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-env", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "share-process-namespace-host-pid", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-dns-policy", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "invalid-image-pull-policy", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "ephemeral-on-create", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "negative-grace-period", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "duplicate-port-definition", expect![[r#"
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
    "#]]);
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
    assert_rule(source, "duplicate-env", expect![[r#"
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
    "#]]);
}

#[test]
fn memory_without_unit() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits:
        memory: 16
"#;
    assert_rule(source, "memory-without-unit", expect![[r#"
        Lint spec.containers[0].resources.limits[memory] @ 11:17
        lint[memory-without-unit]: spec.containers[0].resources.limits[memory]: "16" is 16 bytes
         --> 11:17
           |
        11 |         memory: 16
           |                 ^^
          = help: `16` without a unit is 16 bytes; no container runs in that. Add a unit, such as `16Mi`.
          = fix: write `16Mi` (mebibytes)
        lint[memory-without-unit]: spec.containers[0].resources.limits[memory]: "16" is 16 bytes
         --> 11:17
           |
        11 |         memory: 16
           |                 ^^
          = 설명: 메모리 값 `16`에 단위가 없어 16바이트를 뜻합니다. 이 정도 메모리로는 어떤 컨테이너도 실행되지 않습니다. `16Mi`처럼 단위를 붙이세요.
          = fix: `16Mi`(메비바이트)로 바꾸기
    "#]]);
}

#[test]
fn cpu_decimal() {
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
        cpu: 0.1
"#;
    assert_rule(source, "cpu-decimal", expect![[r#"
        Lint spec.containers[0].resources.requests[cpu] @ 11:14
        lint[cpu-decimal]: spec.containers[0].resources.requests[cpu]: "0.1" is stored as "100m"
         --> 11:14
           |
        11 |         cpu: 0.1
           |              ^^^
          = help: CPU `0.1` is `100m` (1 CPU = 1000m). The apiserver stores `100m`, and `kubectl get -o yaml` shows it that way.
          = fix: write `100m`
        lint[cpu-decimal]: spec.containers[0].resources.requests[cpu]: "0.1" is stored as "100m"
         --> 11:14
           |
        11 |         cpu: 0.1
           |              ^^^
          = 설명: CPU `0.1` = `100m`입니다(1 CPU = 1000m). API 서버는 `100m` 형태로 저장하고 `kubectl get -o yaml`도 그렇게 보여 줍니다.
          = fix: `100m` 형태로 바꾸기
    "#]]);
}

#[test]
fn image_latest() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx
"#;
    assert_rule(source, "image-latest", expect![[r#"
        Lint spec.containers[0].image @ 8:12
        lint[image-latest]: spec.containers[0].image: "nginx" has no pinned tag (means :latest)
         --> 8:12
          |
        8 |     image: nginx
          |            ^^^^^
          = help: No tag means `:latest`, which moves: nodes may run different versions, and imagePullPolicy defaults to `Always`. Pin a version such as `nginx:1.27.2`.
        lint[image-latest]: spec.containers[0].image: "nginx" has no pinned tag (means :latest)
         --> 8:12
          |
        8 |     image: nginx
          |            ^^^^^
          = 설명: 태그가 없으면 `:latest`를 뜻합니다. latest는 계속 바뀌어 노드마다 다른 버전이 돌 수 있고, imagePullPolicy 기본값도 `Always`가 됩니다. `nginx:1.27.2`처럼 버전을 고정하세요.
    "#]]);
}

#[test]
fn best_effort() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(source, "best-effort", expect![[r#"
        Lint spec.containers @ 6:3
        lint[best-effort]: spec.containers: no requests or limits: QoS class BestEffort
         --> 6:3
          |
        6 |   containers:
          |   ^^^^^^^^^^
          = help: No container sets requests or limits, so the QoS class is BestEffort: the scheduler places it as if it needed nothing, and it is evicted first under memory pressure. Set requests.
        lint[best-effort]: spec.containers: no requests or limits: QoS class BestEffort
         --> 6:3
          |
        6 |   containers:
          |   ^^^^^^^^^^
          = 설명: 어떤 컨테이너에도 requests/limits가 없어 QoS 클래스가 BestEffort가 됩니다. 스케줄러는 리소스가 필요 없다고 보고 배치하며, 노드 메모리가 부족하면 가장 먼저 축출됩니다. requests를 적으세요.
    "#]]);
}

#[test]
fn placeholder() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: <your-private-image>
"#;
    assert_rule(source, "placeholder", expect![[r#"
        Warning spec.containers[0].image @ 8:12
        warning[placeholder]: spec.containers[0].image: "<your-private-image>" holds the placeholder <your-private-image>
         --> 8:12
          |
        8 |     image: <your-private-image>
          |            ^^^^^^^^^^^^^^^^^^^^
          = help: `<your-private-image>` is a placeholder from a documentation example; the cluster would take it literally. Replace it with a real value.
        warning[placeholder]: spec.containers[0].image: "<your-private-image>" holds the placeholder <your-private-image>
         --> 8:12
          |
        8 |     image: <your-private-image>
          |            ^^^^^^^^^^^^^^^^^^^^
          = 설명: `<your-private-image>` 같은 자리표시자는 문서 예제에서 채워 넣으라고 둔 것입니다. 클러스터는 이 글자를 그대로 씁니다. 실제 값으로 바꾸세요.
    "#]]);
}

#[test]
fn yaml11_boolean() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  hostNetwork: yes
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(source, "yaml11-boolean", expect![[r#"
        Lint spec.hostNetwork @ 6:16
        lint[yaml11-boolean]: spec.hostNetwork: "yes" is the boolean true in YAML 1.1
         --> 6:16
          |
        6 |   hostNetwork: yes
          |                ^^^
          = help: kubectl (YAML 1.1) reads an unquoted `yes` as the boolean true. Quote it ("yes") if you mean the word, or write `true` if you mean the boolean.
        lint[yaml11-boolean]: spec.hostNetwork: "yes" is the boolean true in YAML 1.1
         --> 6:16
          |
        6 |   hostNetwork: yes
          |                ^^^
          = 설명: kubectl(YAML 1.1)은 따옴표 없는 `yes` 값을 불리언 true로 읽습니다. 글자 그대로라면 "yes"처럼 따옴표로 감싸고, 불리언이라면 `true`로 쓰세요.
    "#]]);
}

#[test]
fn unknown_field() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
  lables:
    app: web
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(source, "unknown-field", expect![[r#"
        Error metadata.lables @ 5:3
        error[unknown-field]: strict decoding error: unknown field "metadata.lables"
         --> 5:3
          |
        5 |   lables:
          |   ^^^^^^
          = help: `ObjectMeta` has no field `lables`. Did you mean `labels`? Unknown fields are rejected, not ignored.
          = fix: replace with `labels`
        error[unknown-field]: strict decoding error: unknown field "metadata.lables"
         --> 5:3
          |
        5 |   lables:
          |   ^^^^^^
          = 설명: `ObjectMeta`에는 `lables` 필드가 없습니다. `labels`의 오타인가요? 이 필드는 무시되지 않고 오류가 됩니다.
          = fix: `labels`(으)로 바꾸기
    "#]]);
}

#[test]
fn unknown_field_sepc() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
sepc:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(source, "unknown-field", expect![[r#"
        Error sepc @ 5:1
        error[unknown-field]: strict decoding error: unknown field "sepc"
         --> 5:1
          |
        5 | sepc:
          | ^^^^
          = help: `Pod` has no field `sepc`. Did you mean `spec`? Unknown fields are rejected, not ignored.
          = fix: replace with `spec`
        error[unknown-field]: strict decoding error: unknown field "sepc"
         --> 5:1
          |
        5 | sepc:
          | ^^^^
          = 설명: `Pod`에는 `sepc` 필드가 없습니다. `spec`의 오타인가요? 이 필드는 무시되지 않고 오류가 됩니다.
          = fix: `spec`(으)로 바꾸기
    "#]]);
}

#[test]
fn wrong_type() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: DEBUG
      value: no
"#;
    assert_rule(source, "wrong-type", expect![[r#"
        Error spec.containers[0].env[0].value @ 11:14
        error[wrong-type]: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string
         --> 11:14
           |
        11 |       value: no
           |              ^^
          = help: In YAML 1.1 `no` is a boolean, not a string. Quote it if you mean the text: "no".
        error[wrong-type]: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string
         --> 11:14
           |
        11 |       value: no
           |              ^^
          = 설명: YAML 1.1에서 따옴표 없는 `no` 값은 문자열이 아니라 불리언(true/false)입니다. 문자열이라면 따옴표로 감싸세요: "no".
    "#]]);
}

#[test]
fn wrong_shape_containers() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
    name: web
    image: nginx:1.27
"#;
    assert_rule(source, "wrong-type", expect![[r#"
        Error spec.containers @ 7:5
        error[wrong-type]: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container
         --> 7:5
          |
        7 |     name: web
          |     ^
          = help: This field takes a list. Start each item with `- `.
        error[wrong-type]: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container
         --> 7:5
          |
        7 |     name: web
          |     ^
          = 설명: 이 필드는 목록이어야 합니다. 각 항목 앞에 `- `를 붙이세요.
    "#]]);
}

#[test]
fn required_field() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - image: nginx:1.27
"#;
    assert_rule(source, "required-field", expect![[r#"
        Error spec.containers[0].name @ 7:5
        error[required-field]: spec.containers[0].name: Required value
         --> 7:5
          |
        7 |   - image: nginx:1.27
          |     ^
          = help: The field `name` is required.
        error[required-field]: spec.containers[0].name: Required value
         --> 7:5
          |
        7 |   - image: nginx:1.27
          |     ^
          = 설명: `name` 필드는 반드시 있어야 합니다.
    "#]]);
}

#[test]
fn quantity_syntax() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits:
        memory: 128MB
"#;
    assert_rule(source, "quantity-syntax", expect![[r#"
        Error spec.containers[0].resources.limits[memory] @ 11:17
        error[quantity-syntax]: spec.containers[0].resources.limits[memory]: Invalid value: "128MB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
         --> 11:17
           |
        11 |         memory: 128MB
           |                 ^^^^^
          = help: This is not a resource quantity. Write a number with a unit: CPU as `500m` or `1`, memory as `128Mi` or `1Gi`.
        error[quantity-syntax]: spec.containers[0].resources.limits[memory]: Invalid value: "128MB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
         --> 11:17
           |
        11 |         memory: 128MB
           |                 ^^^^^
          = 설명: 리소스 양(Quantity)의 형식이 틀렸습니다. 숫자 뒤에 단위를 붙이세요: CPU는 `500m`, `1`, 메모리는 `128Mi`, `1Gi`.
    "#]]);
}

#[test]
fn duplicate_key() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    image: nginx:1.28
"#;
    assert_rule(source, "duplicate-key", expect![[r#"
        Error  @ 9:5
        error[duplicate-key]: yaml: unmarshal errors: line 9: mapping key "image" already defined at line 8
         --> 9:5
          |
        9 |     image: nginx:1.28
          |     ^^^^^
          = help: The key `image` appears twice in the same mapping (first at line 8). Merge them into one; for a list, put all items under one key.
        error[duplicate-key]: yaml: unmarshal errors: line 9: mapping key "image" already defined at line 8
         --> 9:5
          |
        9 |     image: nginx:1.28
          |     ^^^^^
          = 설명: `image` 키가 같은 매핑에 두 번 나옵니다(8번째 줄에 이미 있음). 하나로 합치세요. 목록이라면 항목을 한 키 아래에 모으세요.
    "#]]);
}

#[test]
fn yaml_tab_indent() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
	name: demo
"#;
    assert_rule(source, "yaml-tab-indent", expect![[r#"
        Error  @ 4:1
        error[yaml-tab-indent]: yaml: line 4: found character that cannot start any token
         --> 4:1
          |
        4 | 	name: demo
          | ^
          = help: YAML indentation cannot use tabs. Replace the tab with spaces.
        error[yaml-tab-indent]: yaml: line 4: found character that cannot start any token
         --> 4:1
          |
        4 | 	name: demo
          | ^
          = 설명: YAML 들여쓰기에는 탭을 쓸 수 없습니다. 탭을 공백으로 바꾸세요.
    "#]]);
}

#[test]
fn yaml_syntax() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: [demo
"#;
    assert_rule(source, "yaml-syntax", expect![[r#"
        Error  @ 4:14
        error[yaml-syntax]: yaml: line 4: while parsing a flow sequence, expected ',' or ']'
         --> 4:14
          |
        4 |   name: [demo
          |              ^
          = help: The YAML itself is broken. Check the indentation, the space after each colon, and that brackets are closed.
        error[yaml-syntax]: yaml: line 4: while parsing a flow sequence, expected ',' or ']'
         --> 4:14
          |
        4 |   name: [demo
          |              ^
          = 설명: YAML 문법이 깨졌습니다. 들여쓰기와 콜론(:) 뒤 공백, 괄호 짝을 확인하세요.
    "#]]);
}

#[test]
fn yaml_escape() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    command: ["sh", "-c", "echo \'hi\'"]
"#;
    assert_rule(source, "yaml-escape", expect![[r#"
        Warning  @ 9:33
        warning[yaml-escape]: yaml: line 9: "\'" is not a YAML 1.2 escape; go-yaml reads it as "'"
         --> 9:33
          |
        9 |     command: ["sh", "-c", "echo \'hi\'"]
          |                                 ^^
          = help: `\'` inside a double-quoted string is not a YAML 1.2 escape. kubectl (go-yaml) reads it as `'`, but other YAML tools fail. Write `'` as is: it needs no escape inside double quotes.
        warning[yaml-escape]: yaml: line 9: "\'" is not a YAML 1.2 escape; go-yaml reads it as "'"
         --> 9:33
          |
        9 |     command: ["sh", "-c", "echo \'hi\'"]
          |                                 ^^
          = 설명: 큰따옴표 문자열 안의 `\'`(백슬래시와 작은따옴표)는 YAML 1.2에 없는 이스케이프입니다. kubectl(go-yaml)은 작은따옴표로 읽지만 다른 YAML 도구는 오류를 냅니다. 작은따옴표를 그대로 쓰세요(큰따옴표 안에서는 이스케이프가 필요 없습니다).
    "#]]);
}

#[test]
fn yaml11_octal() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: cfg
    configMap:
      name: app
      defaultMode: 0644
"#;
    assert_rule(source, "yaml11-octal", expect![[r#"
        Warning spec.volumes[0].configMap.defaultMode @ 12:20
        warning[yaml11-octal]: spec.volumes[0].configMap.defaultMode: "0644" is the octal number 420 (YAML 1.1); YAML 1.2 tools read it as 644
         --> 12:20
           |
        12 |       defaultMode: 0644
           |                    ^^^^
          = help: kubectl (YAML 1.1) reads `0644` as an octal number, 420; YAML 1.2 tools read it differently. Write the decimal 420 to make the meaning plain.
        warning[yaml11-octal]: spec.volumes[0].configMap.defaultMode: "0644" is the octal number 420 (YAML 1.1); YAML 1.2 tools read it as 644
         --> 12:20
           |
        12 |       defaultMode: 0644
           |                    ^^^^
          = 설명: kubectl(YAML 1.1)은 앞자리가 0인 `0644` 값을 8진수로 읽습니다(10진수로 420). YAML 1.2 도구는 다르게 읽으므로, 뜻을 분명히 하려면 10진수로 쓰세요: `420`.
    "#]]);
}

#[test]
fn removed_api_version() {
    let source = r#"apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: hello
"#;
    assert_rule(source, "removed-api-version", expect![[r#"
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
    "#]]);
}

#[test]
fn unknown_api_version() {
    let source = r#"apiVersion: apps/v1
kind: Pod
metadata:
  name: demo
"#;
    assert_rule(source, "unknown-api-version", expect![[r#"
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
    "#]]);
}

#[test]
fn missing_type_meta() {
    let source = r#"kind: Pod
metadata:
  name: demo
"#;
    assert_rule(source, "missing-type-meta", expect![[r#"
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
    "#]]);
}

#[test]
fn wrong_shape_document() {
    let source = r#"- apiVersion: v1
  kind: Pod
"#;
    assert_rule(source, "wrong-shape", expect![[r#"
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
    "#]]);
}

#[test]
fn no_containers() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers: []
"#;
    assert_rule(source, "no-containers", expect![[r#"
        Error spec.containers @ 6:3
        error[no-containers]: spec.containers: Required value
         --> 6:3
          |
        6 |   containers: []
          |   ^^^^^^^^^^
          = help: A pod needs at least one regular container; init containers alone are not enough.
        error[no-containers]: spec.containers: Required value
         --> 6:3
          |
        6 |   containers: []
          |   ^^^^^^^^^^
          = 설명: 파드에는 일반 컨테이너가 하나 이상 있어야 합니다. 초기화 컨테이너만으로는 파드를 만들 수 없습니다.
    "#]]);
}

#[test]
fn host_network_port_mismatch() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  hostNetwork: true
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80, hostPort: 8080}]
"#;
    assert_rule(source, "host-network-port-mismatch", expect![[r#"
        Error spec.containers[0].ports[0].hostPort @ 10:43
        error[host-network-port-mismatch]: spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true
         --> 10:43
           |
        10 |     ports: [{containerPort: 80, hostPort: 8080}]
           |                                           ^^^^
          = help: With `hostNetwork: true` the container uses the node's network directly, with no port mapping: hostPort must equal containerPort (left out, it is filled in).
        error[host-network-port-mismatch]: spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true
         --> 10:43
           |
        10 |     ports: [{containerPort: 80, hostPort: 8080}]
           |                                           ^^^^
          = 설명: `hostNetwork: true`이면 컨테이너가 노드의 네트워크를 그대로 쓰므로 포트 변환이 없습니다. hostPort는 containerPort와 같아야 합니다(생략하면 같게 채워집니다).
    "#]]);
}

#[test]
fn selector_mismatch() {
    let source = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: frontend}
    spec:
      containers:
      - {name: web, image: nginx:1.27}
"#;
    assert_rule(source, "selector-mismatch", expect![[r#"
        Error spec.template.metadata.labels @ 10:7
        error[selector-mismatch]: spec.template.metadata.labels: Invalid value: map[string]string{"app":"frontend"}: `selector` does not match template `labels`
         --> 10:7
           |
        10 |       labels: {app: frontend}
           |       ^^^^^^
          = help: Every label in `spec.selector.matchLabels` must also be in `spec.template.metadata.labels`: the controller finds its pods through the selector.
        error[selector-mismatch]: spec.template.metadata.labels: Invalid value: map[string]string{"app":"frontend"}: `selector` does not match template `labels`
         --> 10:7
           |
        10 |       labels: {app: frontend}
           |       ^^^^^^
          = 설명: `spec.selector.matchLabels`의 모든 레이블이 `spec.template.metadata.labels`에도 있어야 합니다. 컨트롤러는 셀렉터로 자기 파드를 찾기 때문입니다.
    "#]]);
}

#[test]
fn invalid_toleration() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - {name: web, image: nginx:1.27}
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedul
"#;
    assert_rule(source, "invalid-toleration", expect![[r#"
        Error spec.tolerations[0].effect @ 12:13
        error[invalid-toleration]: spec.tolerations[0].effect: Unsupported value: "NoSchedul": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"
         --> 12:13
           |
        12 |     effect: NoSchedul
           |             ^^^^^^^^^
          = help: A toleration's operator is `Equal` or `Exists` (then value stays empty), its effect is `NoSchedule`, `PreferNoSchedule` or `NoExecute`, and tolerationSeconds goes only with `NoExecute`.
        error[invalid-toleration]: spec.tolerations[0].effect: Unsupported value: "NoSchedul": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"
         --> 12:13
           |
        12 |     effect: NoSchedul
           |             ^^^^^^^^^
          = 설명: 톨러레이션의 operator는 `Equal` 또는 `Exists`(이때 value는 비워 둠), effect는 `NoSchedule`, `PreferNoSchedule`, `NoExecute` 중 하나이고, tolerationSeconds는 `NoExecute`에만 씁니다.
    "#]]);
}

#[test]
fn workload_restart_policy() {
    let source = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - {name: pi, image: perl:5.34}
"#;
    assert_rule(source, "workload-restart-policy", expect![[r#"
        Error spec.template.spec.restartPolicy @ 7:5
        error[workload-restart-policy]: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"
         --> 7:5
          |
        7 |     spec:
          |     ^^^^
          = help: Pod templates of Deployments, ReplicaSets, StatefulSets and DaemonSets allow only `restartPolicy: Always`; Jobs and CronJobs allow only `OnFailure` or `Never`. A Job without one defaults to Always and is rejected, so always set it.
        error[workload-restart-policy]: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"
         --> 7:5
          |
        7 |     spec:
          |     ^^^^
          = 설명: 디플로이먼트·레플리카셋·스테이트풀셋·데몬셋의 파드 템플릿은 `restartPolicy: Always`만, 잡과 크론잡은 `OnFailure` 또는 `Never`만 쓸 수 있습니다. 잡에서 생략하면 기본값 Always가 되어 거부되므로 꼭 적으세요.
    "#]]);
}

#[test]
fn yaml_syntax_bad_indentation() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
   image: nginx:1.27
"#;
    assert_rule(source, "yaml-syntax", expect![[r#"
        Error  @ 8:4
        error[yaml-syntax]: yaml: line 8: while parsing a block mapping, did not find expected key
         --> 8:4
          |
        8 |    image: nginx:1.27
          |    ^
          = help: The indentation of line 8 (3 spaces) does not line up with the keys above it. Keys of one mapping must start in the same column.
        error[yaml-syntax]: yaml: line 8: while parsing a block mapping, did not find expected key
         --> 8:4
          |
        8 |    image: nginx:1.27
          |    ^
          = 설명: 8번째 줄의 들여쓰기(3칸)가 위쪽 키들과 맞지 않습니다. 같은 매핑의 키는 같은 칸에서 시작해야 합니다.
    "#]]);
}

#[test]
fn yaml_syntax_missing_space_after_colon() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name:web
    image: nginx:1.27
"#;
    assert_rule(source, "yaml-syntax", expect![[r#"
        Error  @ 7:5
        error[yaml-syntax]: yaml: line 8: mapping values are not allowed in this context
         --> 7:5
          |
        7 |   - name:web
          |     ^^^^^^^^
          = help: `name:web` on line 7 has no space after the colon, so YAML reads it as one string, not `key: value`. Put a space after the colon.
        error[yaml-syntax]: yaml: line 8: mapping values are not allowed in this context
         --> 7:5
          |
        7 |   - name:web
          |     ^^^^^^^^
          = 설명: 7번째 줄의 `name:web`에는 콜론 뒤에 공백이 없어 YAML이 `키: 값`이 아니라 문자열 하나로 읽습니다. 콜론 뒤에 공백을 넣으세요.
    "#]]);
}

#[test]
fn yaml_syntax_over_indented() {
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
"#;
    assert_rule(source, "yaml-syntax", expect![[r#"
        Error  @ 9:12
        error[yaml-syntax]: yaml: line 9: mapping values are not allowed in this context
         --> 9:12
          |
        9 |       ports:
          |            ^
          = help: Line 9 is indented deeper (6 spaces) than line 8 (4 spaces). If it is a key of the same mapping, indent it by 4.
        error[yaml-syntax]: yaml: line 9: mapping values are not allowed in this context
         --> 9:12
          |
        9 |       ports:
          |            ^
          = 설명: 9번째 줄이 8번째 줄보다 더 깊이(6칸) 들여써져 있습니다. 같은 매핑의 키라면 4칸으로 맞추세요.
    "#]]);
}

#[test]
fn yaml_syntax_unclosed_quote() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: "nginx:1.27
"#;
    assert_rule(source, "yaml-syntax", expect![[r#"
        Error  @ 8:12
        error[yaml-syntax]: yaml: line 8: while scanning a quoted scalar, found unexpected end of stream
         --> 8:12
          |
        8 |     image: "nginx:1.27
          |            ^
          = help: A quote is not closed. End the string with the same kind of quote it starts with.
        error[yaml-syntax]: yaml: line 8: while scanning a quoted scalar, found unexpected end of stream
         --> 8:12
          |
        8 |     image: "nginx:1.27
          |            ^
          = 설명: 따옴표가 닫히지 않았습니다. 여는 따옴표와 같은 종류의 따옴표로 문자열을 닫으세요.
    "#]]);
}

#[test]
fn unknown_field_indented_too_little() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
name: demo
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(source, "unknown-field", expect![[r#"
        Error name @ 4:1
        error[unknown-field]: strict decoding error: unknown field "name"
         --> 4:1
          |
        4 | name: demo
          | ^^^^
          = help: `Pod` has no field `name`, but `metadata` just above has one. Indent it under `metadata`.
        error[unknown-field]: strict decoding error: unknown field "name"
         --> 4:1
          |
        4 | name: demo
          | ^^^^
          = 설명: `Pod`에는 `name` 필드가 없지만 바로 위의 `metadata`에는 있습니다. `metadata` 아래로 들여쓰세요.
    "#]]);
}

#[test]
fn invalid_probe_port() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: health_port}
"#;
    assert_rule(source, "invalid-probe", expect![[r#"
        Error spec.containers[0].livenessProbe.httpGet.port @ 10:39
        error[invalid-probe]: spec.containers[0].livenessProbe.httpGet.port: Invalid value: "health_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)
         --> 10:39
           |
        10 |       httpGet: {path: /healthz, port: health_port}
           |                                       ^^^^^^^^^^^
          = help: A probe's port is a number from 1 to 65535, or the name of a declared container port (15 characters at most of lowercase letters, digits and `-`).
        error[invalid-probe]: spec.containers[0].livenessProbe.httpGet.port: Invalid value: "health_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)
         --> 10:39
           |
        10 |       httpGet: {path: /healthz, port: health_port}
           |                                       ^^^^^^^^^^^
          = 설명: 프로브의 port는 1–65535 사이의 번호이거나, 컨테이너 `ports`에 선언한 이름(15자 이하의 소문자, 숫자, `-`)이어야 합니다.
    "#]]);
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
    assert_rule(source, "invalid-name", expect![[r#"
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
    "#]]);
}

#[test]
fn invalid_env_value_from() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: MODE
      valueFrom: {}
"#;
    assert_rule(source, "invalid-env", expect![[r#"
        Error spec.containers[0].env[0].valueFrom @ 11:7
        error[invalid-env]: spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`
         --> 11:7
           |
        11 |       valueFrom: {}
           |       ^^^^^^^^^
          = help: `valueFrom` names exactly one place to take the value from: one of `configMapKeyRef`, `secretKeyRef`, `fieldRef` or `resourceFieldRef`.
        error[invalid-env]: spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`
         --> 11:7
           |
        11 |       valueFrom: {}
           |       ^^^^^^^^^
          = 설명: `valueFrom`에는 값을 가져올 곳을 하나만 적습니다: `configMapKeyRef`, `secretKeyRef`, `fieldRef`, `resourceFieldRef` 중 하나.
    "#]]);
}

#[test]
fn deprecated_node_label() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  nodeSelector:
    beta.kubernetes.io/os: linux
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(source, "deprecated-node-label", expect![[r#"
        Warning spec.nodeSelector[beta.kubernetes.io/os] @ 7:5
        warning[deprecated-node-label]: spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead
         --> 7:5
          |
        7 |     beta.kubernetes.io/os: linux
          |     ^^^^^^^^^^^^^^^^^^^^^
          = help: This node label is deprecated. If nodes stop carrying it, the pod fits nowhere. Use the new label named in the message.
        warning[deprecated-node-label]: spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead
         --> 7:5
          |
        7 |     beta.kubernetes.io/os: linux
          |     ^^^^^^^^^^^^^^^^^^^^^
          = 설명: 더 이상 쓰지 않는(deprecated) 노드 레이블입니다. 노드에서 이 레이블이 사라지면 파드가 배치될 곳이 없어집니다. 메시지에 나온 새 레이블을 쓰세요.
    "#]]);
}

#[test]
fn fractional_bytes() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits:
        memory: 100m
"#;
    assert_rule(source, "fractional-bytes", expect![[r#"
        Warning spec.containers[0].resources.limits[memory] @ 11:17
        warning[fractional-bytes]: spec.containers[0].resources.limits[memory]: fractional byte value "100m" is invalid, must be an integer
         --> 11:17
           |
        11 |         memory: 100m
           |                 ^^^^
          = help: Memory and ephemeral storage are whole bytes. `m` means milli (1/1000), not mega: `100m` is a tenth of a byte. Write `100Mi` (mebibytes) or `100M` (megabytes).
        warning[fractional-bytes]: spec.containers[0].resources.limits[memory]: fractional byte value "100m" is invalid, must be an integer
         --> 11:17
           |
        11 |         memory: 100m
           |                 ^^^^
          = 설명: 메모리와 임시 스토리지는 바이트 단위의 정수여야 합니다. `m`은 메가가 아니라 밀리(1/1000)라서 `100m`은 0.1바이트입니다. `100Mi`(메비바이트)나 `100M`(메가바이트)으로 쓰세요.
    "#]]);
}

#[test]
fn invalid_security_context() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  securityContext:
    runAsUser: -1
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(source, "invalid-security-context", expect![[r#"
        Error spec.securityContext.runAsUser @ 7:16
        error[invalid-security-context]: spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive
         --> 7:16
          |
        7 |     runAsUser: -1
          |                ^^
          = help: User and group IDs in a securityContext are between 0 and 2147483647, and policy fields take only their listed values.
        error[invalid-security-context]: spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive
         --> 7:16
          |
        7 |     runAsUser: -1
          |                ^^
          = 설명: securityContext의 사용자·그룹 ID는 0부터 2147483647 사이여야 하고, 정책 필드에는 정해진 값만 쓸 수 있습니다.
    "#]]);
}

#[test]
fn invalid_security_context_privilege_escalation() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      privileged: true
      allowPrivilegeEscalation: false
"#;
    assert_rule(source, "invalid-security-context", expect![[r#"
        Error spec.containers[0].securityContext @ 9:5
        error[invalid-security-context]: spec.containers[0].securityContext: Invalid value: {"Capabilities":null,"Privileged":true,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true
         --> 9:5
          |
        9 |     securityContext:
          |     ^^^^^^^^^^^^^^^
          = help: A privileged container, or one with CAP_SYS_ADMIN, can always gain privileges, so it cannot also set `allowPrivilegeEscalation: false`. Drop one of the two.
        error[invalid-security-context]: spec.containers[0].securityContext: Invalid value: {"Capabilities":null,"Privileged":true,"SELinuxOptions":null,"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true
         --> 9:5
          |
        9 |     securityContext:
          |     ^^^^^^^^^^^^^^^
          = 설명: 특권(privileged) 컨테이너나 CAP_SYS_ADMIN을 가진 컨테이너는 언제든 권한을 올릴 수 있으므로 `allowPrivilegeEscalation: false`와 함께 쓸 수 없습니다. 둘 중 하나를 빼세요.
    "#]]);
}

#[test]
fn invalid_security_profile() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  securityContext:
    seccompProfile:
      type: Localhost
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(source, "invalid-security-profile", expect![[r#"
        Error spec.securityContext.seccompProfile.localhostProfile @ 7:5
        error[invalid-security-profile]: spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost
         --> 7:5
          |
        7 |     seccompProfile:
          |     ^^^^^^^^^^^^^^
          = help: The type of a seccompProfile or appArmorProfile is `RuntimeDefault`, `Unconfined` or `Localhost`; `localhostProfile` is set exactly when the type is `Localhost`.
        error[invalid-security-profile]: spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost
         --> 7:5
          |
        7 |     seccompProfile:
          |     ^^^^^^^^^^^^^^
          = 설명: seccompProfile·appArmorProfile의 type은 `RuntimeDefault`, `Unconfined`, `Localhost` 중 하나이고, `localhostProfile`은 type이 `Localhost`일 때만, 그리고 그때는 반드시 적습니다.
    "#]]);
}

#[test]
fn run_as_root_with_non_root() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      runAsUser: 0
"#;
    assert_rule(source, "run-as-root-with-non-root", expect![[r#"
        Lint spec.containers[0].securityContext.runAsUser @ 12:18
        lint[run-as-root-with-non-root]: spec.containers[0].securityContext.runAsUser: container's runAsUser breaks non-root policy (container: web)
         --> 12:18
           |
        12 |       runAsUser: 0
           |                  ^
          = help: `runAsNonRoot: true` with `runAsUser: 0` (root). The apiserver accepts it, but the kubelet will not start the container and the pod stays in `CreateContainerConfigError`. Use a non-zero UID.
        lint[run-as-root-with-non-root]: spec.containers[0].securityContext.runAsUser: container's runAsUser breaks non-root policy (container: web)
         --> 12:18
           |
        12 |       runAsUser: 0
           |                  ^
          = 설명: `runAsNonRoot: true`인데 `runAsUser: 0`(root)입니다. API 서버는 받아들이지만 kubelet이 컨테이너를 시작하지 않아 파드가 `CreateContainerConfigError`에 머뭅니다. 0이 아닌 UID를 쓰세요.
    "#]]);
}

#[test]
fn invalid_sysctl() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  securityContext:
    sysctls:
    - name: net.ipv4.ip_local_port_range
      value: "32768 60999"
    - name: net.ipv4.ip_local_port_range
      value: "1024 65535"
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(source, "invalid-sysctl", expect![[r#"
        Error spec.securityContext.sysctls[1].name @ 10:13
        error[invalid-sysctl]: spec.securityContext.sysctls[1].name: Duplicate value: "net.ipv4.ip_local_port_range"
         --> 10:13
           |
        10 |     - name: net.ipv4.ip_local_port_range
           |             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = help: A sysctl name is segments of lowercase letters, digits, `-` and `_` joined by `.` or `/` (253 characters at most), each listed once. A hostNetwork pod cannot set `net.*` sysctls, nor a hostIPC pod IPC ones.
        error[invalid-sysctl]: spec.securityContext.sysctls[1].name: Duplicate value: "net.ipv4.ip_local_port_range"
         --> 10:13
           |
        10 |     - name: net.ipv4.ip_local_port_range
           |             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = 설명: sysctl 이름은 소문자·숫자·`-`·`_`로 된 조각을 `.`이나 `/`로 이은 것(253자 이하)이고, 한 번씩만 적습니다. hostNetwork 파드에는 `net.*`, hostIPC 파드에는 IPC sysctl을 쓸 수 없습니다.
    "#]]);
}

#[test]
fn invalid_dns_config() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  dnsPolicy: None
  dnsConfig:
    searches: [svc.cluster.local]
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(source, "invalid-dns-config", expect![[r#"
        Error spec.dnsConfig.nameservers @ 7:3
        error[invalid-dns-config]: spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None
         --> 7:3
          |
        7 |   dnsConfig:
          |   ^^^^^^^^^
          = help: With `dnsPolicy: None`, `dnsConfig.nameservers` is required. Give at most 3 nameservers as IP addresses and at most 32 search domains (2048 characters in all); every option needs a name.
        error[invalid-dns-config]: spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None
         --> 7:3
          |
        7 |   dnsConfig:
          |   ^^^^^^^^^
          = 설명: `dnsPolicy: None`이면 `dnsConfig.nameservers`가 꼭 있어야 합니다. 네임서버는 IP 주소로 3개까지, search 도메인은 32개(모두 합쳐 2048자)까지 쓸 수 있고, options 항목에는 name이 있어야 합니다.
    "#]]);
}

#[test]
fn invalid_host_alias() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  hostAliases:
  - ip: 127.0.0.256
    hostnames: [foo.local]
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(source, "invalid-host-alias", expect![[r#"
        Error spec.hostAliases[0].ip @ 7:9
        error[invalid-host-alias]: spec.hostAliases[0].ip: Invalid value: "127.0.0.256": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)
         --> 7:9
          |
        7 |   - ip: 127.0.0.256
          |         ^^^^^^^^^^^
          = help: A hostAliases `ip` is an IPv4 or IPv6 address, and each of its `hostnames` is a DNS name of lowercase letters, digits, `-` and `.`.
        error[invalid-host-alias]: spec.hostAliases[0].ip: Invalid value: "127.0.0.256": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)
         --> 7:9
          |
        7 |   - ip: 127.0.0.256
          |         ^^^^^^^^^^^
          = 설명: hostAliases의 `ip`는 IPv4 또는 IPv6 주소이고, `hostnames`의 각 이름은 소문자·숫자·`-`·`.`로 된 DNS 이름이어야 합니다.
    "#]]);
}

#[test]
fn invalid_node_affinity() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: disktype, operator: In}
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(source, "invalid-node-affinity", expect![[r#"
        Error spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values @ 11:13
        error[invalid-node-affinity]: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'
         --> 11:13
           |
        11 |           - {key: disktype, operator: In}
           |             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = help: A node affinity operator is `In`, `NotIn` (with values), `Exists`, `DoesNotExist` (without values), `Gt` or `Lt` (one value). The required part needs at least one nodeSelectorTerm, and a preferred term's weight is 1–100.
        error[invalid-node-affinity]: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'
         --> 11:13
           |
        11 |           - {key: disktype, operator: In}
           |             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = 설명: 노드 어피니티의 operator는 `In`, `NotIn`(values 필요), `Exists`, `DoesNotExist`(values 없음), `Gt`, `Lt`(값 하나) 중 하나입니다. 필수 조건에는 nodeSelectorTerms가 하나 이상 있어야 하고, 선호 조건의 weight는 1–100입니다.
    "#]]);
}

#[test]
fn invalid_pod_affinity() {
    let source = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels: {app: web}
      containers:
      - name: web
        image: nginx:1.27
"#;
    assert_rule(source, "invalid-pod-affinity", expect![[r#"
        Error spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey @ 15:13
        error[invalid-pod-affinity]: spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty
         --> 15:13
           |
        15 |           - labelSelector:
           |             ^
          = help: Every pod (anti-)affinity term needs a `topologyKey` (e.g. `kubernetes.io/hostname`) and a well-formed label selector; a preferred term's weight is 1–100.
        error[invalid-pod-affinity]: spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty
         --> 15:13
           |
        15 |           - labelSelector:
           |             ^
          = 설명: 파드 (안티)어피니티의 각 조건에는 `topologyKey`(예: `kubernetes.io/hostname`)가 있어야 하고, 레이블 셀렉터는 올바른 형식이어야 하며, 선호 조건의 weight는 1–100입니다.
    "#]]);
}

#[test]
fn invalid_topology_spread() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
  labels: {app: web}
spec:
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    minDomains: 3
    labelSelector:
      matchLabels: {app: web}
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(source, "invalid-topology-spread", expect![[r#"
        Error spec.topologySpreadConstraints[0].minDomains @ 11:17
        error[invalid-topology-spread]: spec.topologySpreadConstraints[0].minDomains: Invalid value: 3: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway
         --> 11:17
           |
        11 |     minDomains: 3
           |                 ^
          = help: A topology spread constraint has maxSkew of at least 1, a topologyKey, and whenUnsatisfiable `DoNotSchedule` or `ScheduleAnyway`. minDomains goes only with `DoNotSchedule`, and no {topologyKey, whenUnsatisfiable} pair may repeat.
        error[invalid-topology-spread]: spec.topologySpreadConstraints[0].minDomains: Invalid value: 3: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway
         --> 11:17
           |
        11 |     minDomains: 3
           |                 ^
          = 설명: 토폴로지 분배 제약의 maxSkew는 1 이상, topologyKey는 필수, whenUnsatisfiable은 `DoNotSchedule` 또는 `ScheduleAnyway`입니다. minDomains는 `DoNotSchedule`과만 쓰고, 같은 {topologyKey, whenUnsatisfiable} 쌍을 두 번 쓸 수 없습니다.
    "#]]);
}

#[test]
fn invalid_cron_schedule() {
    let source = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 9 * * 1-7"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
"#;
    assert_rule(source, "invalid-cron-schedule", expect![[r#"
        Error spec.schedule @ 6:13
        error[invalid-cron-schedule]: spec.schedule: Invalid value: "0 9 * * 1-7": end of range (7) above maximum (6): 1-7
         --> 6:13
          |
        6 |   schedule: "0 9 * * 1-7"
          |             ^^^^^^^^^^^^^
          = help: A schedule is a five-field cron expression (minute 0–59, hour 0–23, day 1–31, month 1–12 or JAN–DEC, weekday 0–6 or SUN–SAT) or a descriptor such as `@hourly` or `@daily`. Put the time zone in `spec.timeZone`, not `TZ=` in the schedule.
        error[invalid-cron-schedule]: spec.schedule: Invalid value: "0 9 * * 1-7": end of range (7) above maximum (6): 1-7
         --> 6:13
          |
        6 |   schedule: "0 9 * * 1-7"
          |             ^^^^^^^^^^^^^
          = 설명: schedule은 다섯 필드(분 0–59, 시 0–23, 일 1–31, 월 1–12 또는 JAN–DEC, 요일 0–6 또는 SUN–SAT)로 된 cron 식이거나 `@hourly`, `@daily` 같은 이름입니다. 시간대는 schedule에 `TZ=`로 적지 말고 `spec.timeZone`에 적습니다.
    "#]]);
}

#[test]
fn invalid_cron_schedule_time_zone() {
    let source = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "TZ=Asia/Seoul 0 9 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
"#;
    assert_rule(source, "invalid-cron-schedule", expect![[r#"
        Error spec.schedule @ 6:13
        error[invalid-cron-schedule]: spec.schedule: Invalid value: "TZ=Asia/Seoul 0 9 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead
         --> 6:13
          |
        6 |   schedule: "TZ=Asia/Seoul 0 9 * * *"
          |             ^^^^^^^^^^^^^^^^^^^^^^^^^
          = help: `TZ=` and `CRON_TZ=` are not allowed in a schedule. Put the time zone in its own field, e.g. `spec.timeZone: Asia/Seoul`.
        error[invalid-cron-schedule]: spec.schedule: Invalid value: "TZ=Asia/Seoul 0 9 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead
         --> 6:13
          |
        6 |   schedule: "TZ=Asia/Seoul 0 9 * * *"
          |             ^^^^^^^^^^^^^^^^^^^^^^^^^
          = 설명: schedule에 `TZ=`나 `CRON_TZ=`를 쓸 수 없습니다. 시간대는 `spec.timeZone: Asia/Seoul`처럼 따로 적으세요.
    "#]]);
}

#[test]
fn cronjob_name_too_long() {
    let source = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-database-backup-for-the-reporting-cluster-eu-west
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: busybox:1.36
"#;
    assert_rule(source, "cronjob-name-too-long", expect![[r#"
        Error metadata.name @ 4:9
        error[cronjob-name-too-long]: metadata.name: Invalid value: "nightly-database-backup-for-the-reporting-cluster-eu-west": must be no more than 52 characters
         --> 4:9
          |
        4 |   name: nightly-database-backup-for-the-reporting-cluster-eu-west
          |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = help: A CronJob's name is at most 52 characters: the controller appends an 11-character `-<timestamp>` to the name of each Job it creates.
        error[cronjob-name-too-long]: metadata.name: Invalid value: "nightly-database-backup-for-the-reporting-cluster-eu-west": must be no more than 52 characters
         --> 4:9
          |
        4 |   name: nightly-database-backup-for-the-reporting-cluster-eu-west
          |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = 설명: CronJob 이름은 52자 이하여야 합니다. 컨트롤러가 만드는 잡의 이름에 `-<타임스탬프>` 11자가 붙기 때문입니다.
    "#]]);
}

#[test]
fn invalid_cronjob_spec() {
    let source = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
spec:
  schedule: "0 3 * * *"
  timeZone: Local
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: cleanup
            image: busybox:1.36
"#;
    assert_rule(source, "invalid-cronjob-spec", expect![[r#"
        Error spec.timeZone @ 7:13
        error[invalid-cronjob-spec]: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones
         --> 7:13
          |
        7 |   timeZone: Local
          |             ^^^^^
          = help: concurrencyPolicy is `Allow`, `Forbid` or `Replace`; deadlines and history limits are not negative. timeZone is an IANA zone name such as `Asia/Seoul` (not `Local`), and the job template's selector is generated by the controller, so leave it out.
        error[invalid-cronjob-spec]: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones
         --> 7:13
          |
        7 |   timeZone: Local
          |             ^^^^^
          = 설명: concurrencyPolicy는 `Allow`, `Forbid`, `Replace` 중 하나이고, 기한과 기록 개수는 음수일 수 없습니다. timeZone은 `Asia/Seoul` 같은 IANA 시간대 이름(`Local` 불가)이며, 잡 템플릿의 selector는 컨트롤러가 만들어 주므로 적지 않습니다.
    "#]]);
}
