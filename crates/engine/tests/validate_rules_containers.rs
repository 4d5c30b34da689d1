//! Validation rule snapshots for containers: names, images, restart policies,
//! probes, environment variables, image pull policy and ephemeral containers.
//! One test per rule case: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_containers`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

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
              = help: A pod's or container's restartPolicy is `Always`, `OnFailure` or `Never`. A container's own restartPolicy overrides the pod's; `Always` on an init container makes it a sidecar container.
            error[invalid-restart-policy]: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"
             --> 6:18
              |
            6 |   restartPolicy: Sometimes
              |                  ^^^^^^^^^
              = 설명: 파드와 컨테이너의 restartPolicy는 `Always`, `OnFailure`, `Never` 중 하나입니다. 컨테이너에 적은 restartPolicy는 파드의 것보다 우선하고, 초기화 컨테이너에 `Always`를 쓰면 사이드카 컨테이너가 됩니다.
        "#]],
    );
}

#[test]
fn unknown_restart_policy_on_an_init_container() {
    // With ContainerRestartRules on (1.35), a container's own restartPolicy
    // takes the pod's three values; `Always` on an init container is a sidecar.
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  initContainers:
  - name: log-shipper
    image: fluent/fluent-bit:3.0
    restartPolicy: Sidecar
  containers:
  - {name: web, image: nginx:1.27}
"#;
    assert_rule(
        source,
        "invalid-restart-policy",
        expect![[r#"
        Error spec.initContainers[0].restartPolicy @ 9:20
        error[invalid-restart-policy]: spec.initContainers[0].restartPolicy: Unsupported value: "Sidecar": supported values: "Always", "Never", "OnFailure"
         --> 9:20
          |
        9 |     restartPolicy: Sidecar
          |                    ^^^^^^^
          = help: A pod's or container's restartPolicy is `Always`, `OnFailure` or `Never`. A container's own restartPolicy overrides the pod's; `Always` on an init container makes it a sidecar container.
        error[invalid-restart-policy]: spec.initContainers[0].restartPolicy: Unsupported value: "Sidecar": supported values: "Always", "Never", "OnFailure"
         --> 9:20
          |
        9 |     restartPolicy: Sidecar
          |                    ^^^^^^^
          = 설명: 파드와 컨테이너의 restartPolicy는 `Always`, `OnFailure`, `Never` 중 하나입니다. 컨테이너에 적은 restartPolicy는 파드의 것보다 우선하고, 초기화 컨테이너에 `Always`를 쓰면 사이드카 컨테이너가 됩니다.
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
    assert_rule(
        source,
        "image-latest",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "placeholder",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "no-containers",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-probe",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-env",
        expect![[r#"
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
    "#]],
    );
}
