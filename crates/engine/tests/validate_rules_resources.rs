//! Validation rule snapshots for resource requests/limits and quantities
//! (units, decimals, QoS class).
//! One test per rule case: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_resources`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

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
    assert_rule(
        source,
        "fractional-bytes",
        expect![[r#"
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
    "#]],
    );
}
