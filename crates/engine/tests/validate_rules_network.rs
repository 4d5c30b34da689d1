//! Validation rule snapshots for container ports, host networking, DNS
//! policy/config and host aliases.
//! One test per rule case: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_network`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

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
