//! One test per validation rule (part of a series: `validate_rules_*.rs`,
//! from `memory_without_unit` to `invalid_toleration`): a minimal manifest, and a snapshot of the diagnostic
//! (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test 'validate_rules_*'`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

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
    assert_rule(
        source,
        "memory-without-unit",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "cpu-decimal",
        expect![[r#"
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
    assert_rule(
        source,
        "best-effort",
        expect![[r#"
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
    assert_rule(
        source,
        "yaml11-boolean",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "unknown-field",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "unknown-field",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "wrong-type",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "wrong-type",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "required-field",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "quantity-syntax",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "duplicate-key",
        expect![[r#"
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
    "#]],
    );
}

#[test]
fn yaml_tab_indent() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
	name: demo
"#;
    assert_rule(
        source,
        "yaml-tab-indent",
        expect![[r#"
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
    "#]],
    );
}

#[test]
fn yaml_syntax() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: [demo
"#;
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "yaml-escape",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "yaml11-octal",
        expect![[r#"
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
    assert_rule(
        source,
        "host-network-port-mismatch",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "selector-mismatch",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-toleration",
        expect![[r#"
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
    "#]],
    );
}
