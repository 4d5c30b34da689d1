//! Validation rule snapshots for pod-level spec: volumes and mounts, process
//! namespace, grace period, security contexts, sysctls, and scheduling
//! (tolerations, node labels, affinity, topology spread).
//! One test per rule case: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_pod`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

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
    assert_rule(
        source,
        "deprecated-node-label",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-security-context",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-security-context",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-security-profile",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "run-as-root-with-non-root",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-sysctl",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-node-affinity",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-pod-affinity",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-topology-spread",
        expect![[r#"
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
    "#]],
    );
}
