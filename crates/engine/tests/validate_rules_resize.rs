//! Validation rule snapshots for in-place resize (`resizePolicy`) and
//! pod-level resources (`spec.resources`).
//! One test per rule case: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_resize`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

#[test]
fn resize_policy_unsupported_resource() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    resizePolicy:
    - resourceName: storage
      restartPolicy: NotRequired
"#;
    assert_rule(
        source,
        "invalid-resize-policy",
        expect![[r#"
        Error spec.containers[0].resizePolicy @ 9:5
        error[invalid-resize-policy]: spec.containers[0].resizePolicy: Unsupported value: "storage": supported values: "cpu", "memory"
         --> 9:5
          |
        9 |     resizePolicy:
          |     ^^^^^^^^^^^^
          = help: A resizePolicy's resourceName is `cpu` or `memory`, each once; its restartPolicy is `NotRequired` (applied in place) or `RestartContainer` (applied by restarting the container). With the pod's restartPolicy Never nothing restarts, so only NotRequired is allowed, and init containers other than sidecars may not have one.
        error[invalid-resize-policy]: spec.containers[0].resizePolicy: Unsupported value: "storage": supported values: "cpu", "memory"
         --> 9:5
          |
        9 |     resizePolicy:
          |     ^^^^^^^^^^^^
          = 설명: resizePolicy의 resourceName은 `cpu`나 `memory`이고 한 번씩만 적습니다. restartPolicy는 `NotRequired`(재시작 없이 바로 적용)나 `RestartContainer`(컨테이너를 다시 시작해 적용)입니다. 파드의 restartPolicy가 Never면 재시작할 수 없으니 NotRequired만 되고, 사이드카가 아닌 초기화 컨테이너에는 적을 수 없습니다.
    "#]],
    );
}

#[test]
fn resize_policy_unsupported_policy() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    resizePolicy:
    - resourceName: cpu
      restartPolicy: Always
"#;
    assert_rule(
        source,
        "invalid-resize-policy",
        expect![[r#"
        Error spec.containers[0].resizePolicy @ 9:5
        error[invalid-resize-policy]: spec.containers[0].resizePolicy: Unsupported value: "Always": supported values: "NotRequired", "RestartContainer"
         --> 9:5
          |
        9 |     resizePolicy:
          |     ^^^^^^^^^^^^
          = help: A resizePolicy's resourceName is `cpu` or `memory`, each once; its restartPolicy is `NotRequired` (applied in place) or `RestartContainer` (applied by restarting the container). With the pod's restartPolicy Never nothing restarts, so only NotRequired is allowed, and init containers other than sidecars may not have one.
        error[invalid-resize-policy]: spec.containers[0].resizePolicy: Unsupported value: "Always": supported values: "NotRequired", "RestartContainer"
         --> 9:5
          |
        9 |     resizePolicy:
          |     ^^^^^^^^^^^^
          = 설명: resizePolicy의 resourceName은 `cpu`나 `memory`이고 한 번씩만 적습니다. restartPolicy는 `NotRequired`(재시작 없이 바로 적용)나 `RestartContainer`(컨테이너를 다시 시작해 적용)입니다. 파드의 restartPolicy가 Never면 재시작할 수 없으니 NotRequired만 되고, 사이드카가 아닌 초기화 컨테이너에는 적을 수 없습니다.
    "#]],
    );
}

#[test]
fn resize_policy_duplicate() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    resizePolicy:
    - resourceName: cpu
      restartPolicy: NotRequired
    - resourceName: cpu
      restartPolicy: RestartContainer
"#;
    assert_rule(
        source,
        "invalid-resize-policy",
        expect![[r#"
        Error spec.containers[0].resizePolicy[1] @ 12:7
        error[invalid-resize-policy]: spec.containers[0].resizePolicy[1]: Duplicate value: "cpu"
         --> 12:7
           |
        12 |     - resourceName: cpu
           |       ^
          = help: A resizePolicy's resourceName is `cpu` or `memory`, each once; its restartPolicy is `NotRequired` (applied in place) or `RestartContainer` (applied by restarting the container). With the pod's restartPolicy Never nothing restarts, so only NotRequired is allowed, and init containers other than sidecars may not have one.
        error[invalid-resize-policy]: spec.containers[0].resizePolicy[1]: Duplicate value: "cpu"
         --> 12:7
           |
        12 |     - resourceName: cpu
           |       ^
          = 설명: resizePolicy의 resourceName은 `cpu`나 `memory`이고 한 번씩만 적습니다. restartPolicy는 `NotRequired`(재시작 없이 바로 적용)나 `RestartContainer`(컨테이너를 다시 시작해 적용)입니다. 파드의 restartPolicy가 Never면 재시작할 수 없으니 NotRequired만 되고, 사이드카가 아닌 초기화 컨테이너에는 적을 수 없습니다.
    "#]],
    );
}

#[test]
fn resize_policy_restart_under_never() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  restartPolicy: Never
  containers:
  - name: web
    image: nginx:1.27
    resizePolicy:
    - resourceName: memory
      restartPolicy: RestartContainer
"#;
    assert_rule(
        source,
        "invalid-resize-policy",
        expect![[r#"
        Error spec.containers[0].resizePolicy @ 10:5
        error[invalid-resize-policy]: spec.containers[0].resizePolicy: Invalid value: "RestartContainer": must be 'NotRequired' when `restartPolicy` is 'Never'
         --> 10:5
           |
        10 |     resizePolicy:
           |     ^^^^^^^^^^^^
          = help: A resizePolicy's resourceName is `cpu` or `memory`, each once; its restartPolicy is `NotRequired` (applied in place) or `RestartContainer` (applied by restarting the container). With the pod's restartPolicy Never nothing restarts, so only NotRequired is allowed, and init containers other than sidecars may not have one.
        error[invalid-resize-policy]: spec.containers[0].resizePolicy: Invalid value: "RestartContainer": must be 'NotRequired' when `restartPolicy` is 'Never'
         --> 10:5
           |
        10 |     resizePolicy:
           |     ^^^^^^^^^^^^
          = 설명: resizePolicy의 resourceName은 `cpu`나 `memory`이고 한 번씩만 적습니다. restartPolicy는 `NotRequired`(재시작 없이 바로 적용)나 `RestartContainer`(컨테이너를 다시 시작해 적용)입니다. 파드의 restartPolicy가 Never면 재시작할 수 없으니 NotRequired만 되고, 사이드카가 아닌 초기화 컨테이너에는 적을 수 없습니다.
    "#]],
    );
}

#[test]
fn resize_policy_on_init_container() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    resizePolicy:
    - resourceName: cpu
      restartPolicy: NotRequired
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(
        source,
        "invalid-resize-policy",
        expect![[r#"
        Error spec.initContainers[0].resizePolicy @ 9:5
        error[invalid-resize-policy]: spec.initContainers[0].resizePolicy: Invalid value: [{"resourceName":"cpu","restartPolicy":"NotRequired"}]: must not be set for init containers
         --> 9:5
          |
        9 |     resizePolicy:
          |     ^^^^^^^^^^^^
          = help: A resizePolicy's resourceName is `cpu` or `memory`, each once; its restartPolicy is `NotRequired` (applied in place) or `RestartContainer` (applied by restarting the container). With the pod's restartPolicy Never nothing restarts, so only NotRequired is allowed, and init containers other than sidecars may not have one.
        error[invalid-resize-policy]: spec.initContainers[0].resizePolicy: Invalid value: [{"resourceName":"cpu","restartPolicy":"NotRequired"}]: must not be set for init containers
         --> 9:5
          |
        9 |     resizePolicy:
          |     ^^^^^^^^^^^^
          = 설명: resizePolicy의 resourceName은 `cpu`나 `memory`이고 한 번씩만 적습니다. restartPolicy는 `NotRequired`(재시작 없이 바로 적용)나 `RestartContainer`(컨테이너를 다시 시작해 적용)입니다. 파드의 restartPolicy가 Never면 재시작할 수 없으니 NotRequired만 되고, 사이드카가 아닌 초기화 컨테이너에는 적을 수 없습니다.
    "#]],
    );
}

#[test]
fn pod_resources_unsupported_name() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  resources:
    limits:
      ephemeral-storage: 1Gi
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(
        source,
        "invalid-pod-resources",
        expect![[r#"
        Error spec.resources.limits[ephemeral-storage] @ 8:7
        error[invalid-pod-resources]: spec.resources.limits[ephemeral-storage]: Unsupported value: "ephemeral-storage": supported values: "cpu", "memory"
         --> 8:7
          |
        8 |       ephemeral-storage: 1Gi
          |       ^^^^^^^^^^^^^^^^^
          = help: Pod-level resources take only cpu, memory and hugepages-<size>. The pod's requests must be at most its limits and at least the sum of the containers' requests, and no container limit may exceed the pod's. Pod-level values are one budget the containers share.
        error[invalid-pod-resources]: spec.resources.limits[ephemeral-storage]: Unsupported value: "ephemeral-storage": supported values: "cpu", "memory"
         --> 8:7
          |
        8 |       ephemeral-storage: 1Gi
          |       ^^^^^^^^^^^^^^^^^
          = 설명: 파드 수준 resources에는 cpu, memory, hugepages-<크기>만 적을 수 있습니다. 파드 요청은 파드 제한 이하이면서 컨테이너 요청의 합 이상이어야 하고, 각 컨테이너의 제한은 파드 제한 이하여야 합니다. 파드 수준 값은 컨테이너들이 공유하는 전체 예산입니다.
    "#]],
    );
}

#[test]
fn pod_resources_request_over_limit() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  resources:
    requests:
      memory: 1Gi
    limits:
      memory: 512Mi
  containers:
  - name: web
    image: nginx:1.27
"#;
    assert_rule(
        source,
        "invalid-pod-resources",
        expect![[r#"
        Error spec.resources.requests[memory] @ 8:15
        error[invalid-pod-resources]: spec.resources.requests[memory]: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi
         --> 8:15
          |
        8 |       memory: 1Gi
          |               ^^^
          = help: Pod-level resources take only cpu, memory and hugepages-<size>. The pod's requests must be at most its limits and at least the sum of the containers' requests, and no container limit may exceed the pod's. Pod-level values are one budget the containers share.
        error[invalid-pod-resources]: spec.resources.requests[memory]: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi
         --> 8:15
          |
        8 |       memory: 1Gi
          |               ^^^
          = 설명: 파드 수준 resources에는 cpu, memory, hugepages-<크기>만 적을 수 있습니다. 파드 요청은 파드 제한 이하이면서 컨테이너 요청의 합 이상이어야 하고, 각 컨테이너의 제한은 파드 제한 이하여야 합니다. 파드 수준 값은 컨테이너들이 공유하는 전체 예산입니다.
    "#]],
    );
}

#[test]
fn pod_resources_below_container_requests() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  resources:
    requests:
      cpu: 100m
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests:
        cpu: 200m
"#;
    assert_rule(
        source,
        "invalid-pod-resources",
        expect![[r#"
        Error spec.resources.requests[cpu] @ 8:12
        error[invalid-pod-resources]: spec.resources.requests[cpu]: Invalid value: "100m": must be greater than or equal to aggregate container requests of 200m
         --> 8:12
          |
        8 |       cpu: 100m
          |            ^^^^
          = help: Pod-level resources take only cpu, memory and hugepages-<size>. The pod's requests must be at most its limits and at least the sum of the containers' requests, and no container limit may exceed the pod's. Pod-level values are one budget the containers share.
        error[invalid-pod-resources]: spec.resources.requests[cpu]: Invalid value: "100m": must be greater than or equal to aggregate container requests of 200m
         --> 8:12
          |
        8 |       cpu: 100m
          |            ^^^^
          = 설명: 파드 수준 resources에는 cpu, memory, hugepages-<크기>만 적을 수 있습니다. 파드 요청은 파드 제한 이하이면서 컨테이너 요청의 합 이상이어야 하고, 각 컨테이너의 제한은 파드 제한 이하여야 합니다. 파드 수준 값은 컨테이너들이 공유하는 전체 예산입니다.
    "#]],
    );
}

#[test]
fn pod_resources_container_limit_over_pod_limit() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  resources:
    limits:
      memory: 256Mi
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits:
        memory: 512Mi
"#;
    assert_rule(
        source,
        "invalid-pod-resources",
        expect![[r#"
        Error spec.containers[0].resources.limits[memory] @ 14:17
        error[invalid-pod-resources]: spec.containers[0].resources.limits[memory]: Invalid value: "512Mi": must be less than or equal to pod limits of 256Mi
         --> 14:17
           |
        14 |         memory: 512Mi
           |                 ^^^^^
          = help: Pod-level resources take only cpu, memory and hugepages-<size>. The pod's requests must be at most its limits and at least the sum of the containers' requests, and no container limit may exceed the pod's. Pod-level values are one budget the containers share.
        error[invalid-pod-resources]: spec.containers[0].resources.limits[memory]: Invalid value: "512Mi": must be less than or equal to pod limits of 256Mi
         --> 14:17
           |
        14 |         memory: 512Mi
           |                 ^^^^^
          = 설명: 파드 수준 resources에는 cpu, memory, hugepages-<크기>만 적을 수 있습니다. 파드 요청은 파드 제한 이하이면서 컨테이너 요청의 합 이상이어야 하고, 각 컨테이너의 제한은 파드 제한 이하여야 합니다. 파드 수준 값은 컨테이너들이 공유하는 전체 예산입니다.
    "#]],
    );
}
