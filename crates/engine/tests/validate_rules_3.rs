//! One test per validation rule (part of a series: `validate_rules_*.rs`,
//! from `workload_restart_policy` to `invalid_cronjob_spec`): a minimal manifest, and a snapshot of the diagnostic
//! (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test 'validate_rules_*'`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

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
    assert_rule(
        source,
        "workload-restart-policy",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "yaml-syntax",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "unknown-field",
        expect![[r#"
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
    assert_rule(
        source,
        "invalid-dns-config",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-host-alias",
        expect![[r#"
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
    assert_rule(
        source,
        "invalid-cron-schedule",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-cron-schedule",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "cronjob-name-too-long",
        expect![[r#"
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
    "#]],
    );
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
    assert_rule(
        source,
        "invalid-cronjob-spec",
        expect![[r#"
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
    "#]],
    );
}
