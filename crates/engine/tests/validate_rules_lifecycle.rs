//! Validation rule snapshots for container lifecycle (Kubernetes 1.35):
//! lifecycle hooks and their `sleep` action, container-level restart
//! policies and `restartPolicyRules`. One test per rule case: a minimal
//! manifest, and a snapshot of the diagnostic rendered in English and
//! Korean. Expected texts follow `pkg/apis/core/validation/validation.go`.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_lifecycle`.

mod validate_support;

use expect_test::expect;
use podplay_engine::validate::check;
use validate_support::assert_rule;

/// The codes of every finding of a manifest.
fn codes(source: &str) -> Vec<String> {
    check(source).iter().map(|d| d.rule.to_string()).collect()
}

#[test]
fn sleep_longer_than_the_grace_period() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  terminationGracePeriodSeconds: 20
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        sleep: {seconds: 45}
"#;
    assert_rule(
        source,
        "invalid-lifecycle-hook",
        expect![[r#"
        Error spec.containers[0].lifecycle.preStop.sleep.seconds @ 12:26
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.preStop.sleep: Invalid value: 45: must be non-negative and less than terminationGracePeriodSeconds (20)
         --> 12:26
           |
        12 |         sleep: {seconds: 45}
           |                          ^^
          = help: A sleep hook may last from 0 seconds up to the pod's grace period (20 s). To wait longer, raise terminationGracePeriodSeconds.
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.preStop.sleep: Invalid value: 45: must be non-negative and less than terminationGracePeriodSeconds (20)
         --> 12:26
           |
        12 |         sleep: {seconds: 45}
           |                          ^^
          = 설명: sleep 훅은 0초부터 파드의 유예 기간(20초)까지만 쓸 수 있습니다. 더 오래 기다려야 한다면 terminationGracePeriodSeconds를 늘리세요.
    "#]],
    );
}

#[test]
fn negative_sleep_against_the_default_grace_period() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      postStart:
        sleep:
          seconds: -1
"#;
    assert_rule(
        source,
        "invalid-lifecycle-hook",
        expect![[r#"
        Error spec.containers[0].lifecycle.postStart.sleep.seconds @ 12:20
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.postStart.sleep: Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (30)
         --> 12:20
           |
        12 |           seconds: -1
           |                    ^^
          = help: A sleep hook may last from 0 seconds up to the pod's grace period (30 s). To wait longer, raise terminationGracePeriodSeconds.
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.postStart.sleep: Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (30)
         --> 12:20
           |
        12 |           seconds: -1
           |                    ^^
          = 설명: sleep 훅은 0초부터 파드의 유예 기간(30초)까지만 쓸 수 있습니다. 더 오래 기다려야 한다면 terminationGracePeriodSeconds를 늘리세요.
    "#]],
    );
}

#[test]
fn sleep_zero_and_sleep_equal_to_the_grace_period_are_valid() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  terminationGracePeriodSeconds: 10
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      postStart:
        sleep: {seconds: 0}
      preStop:
        sleep: {seconds: 10}
"#;
    assert!(!codes(source).iter().any(|c| c == "invalid-lifecycle-hook"), "{:?}", codes(source));
}

#[test]
fn hook_without_a_handler() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      postStart: {}
"#;
    assert_rule(
        source,
        "invalid-lifecycle-hook",
        expect![[r#"
        Error spec.containers[0].lifecycle.postStart @ 10:7
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.postStart: Required value: must specify a handler type
         --> 10:7
           |
        10 |       postStart: {}
           |       ^^^^^^^^^
          = help: A lifecycle hook (postStart, preStop) needs exactly one handler: `exec`, `httpGet` or `sleep`. `sleep.seconds` must be 0 or more and at most the pod's terminationGracePeriodSeconds (default 30).
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.postStart: Required value: must specify a handler type
         --> 10:7
           |
        10 |       postStart: {}
           |       ^^^^^^^^^
          = 설명: lifecycle 훅(postStart, preStop)에는 `exec`, `httpGet`, `sleep` 중 정확히 하나의 방법이 있어야 합니다. `sleep.seconds`는 0 이상이고 파드의 terminationGracePeriodSeconds(기본 30) 이하여야 합니다.
    "#]],
    );
}

#[test]
fn hook_with_two_handlers() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        exec: {command: [nginx, -s, quit]}
        sleep: {seconds: 5}
"#;
    assert_rule(
        source,
        "invalid-lifecycle-hook",
        expect![[r#"
        Error spec.containers[0].lifecycle.preStop.sleep @ 12:9
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.preStop.sleep: Forbidden: may not specify more than 1 handler type
         --> 12:9
           |
        12 |         sleep: {seconds: 5}
           |         ^^^^^
          = help: A lifecycle hook (postStart, preStop) needs exactly one handler: `exec`, `httpGet` or `sleep`. `sleep.seconds` must be 0 or more and at most the pod's terminationGracePeriodSeconds (default 30).
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.preStop.sleep: Forbidden: may not specify more than 1 handler type
         --> 12:9
           |
        12 |         sleep: {seconds: 5}
           |         ^^^^^
          = 설명: lifecycle 훅(postStart, preStop)에는 `exec`, `httpGet`, `sleep` 중 정확히 하나의 방법이 있어야 합니다. `sleep.seconds`는 0 이상이고 파드의 terminationGracePeriodSeconds(기본 30) 이하여야 합니다.
    "#]],
    );
}

#[test]
fn hook_exec_without_a_command() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      postStart:
        exec: {command: []}
"#;
    assert_rule(
        source,
        "invalid-lifecycle-hook",
        expect![[r#"
        Error spec.containers[0].lifecycle.postStart.exec @ 11:9
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.postStart.exec.command: Required value
         --> 11:9
           |
        11 |         exec: {command: []}
           |         ^^^^
          = help: A lifecycle hook (postStart, preStop) needs exactly one handler: `exec`, `httpGet` or `sleep`. `sleep.seconds` must be 0 or more and at most the pod's terminationGracePeriodSeconds (default 30).
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.postStart.exec.command: Required value
         --> 11:9
           |
        11 |         exec: {command: []}
           |         ^^^^
          = 설명: lifecycle 훅(postStart, preStop)에는 `exec`, `httpGet`, `sleep` 중 정확히 하나의 방법이 있어야 합니다. `sleep.seconds`는 0 이상이고 파드의 terminationGracePeriodSeconds(기본 30) 이하여야 합니다.
    "#]],
    );
}

#[test]
fn hook_http_get_with_a_bad_port() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        httpGet: {path: /drain, port: 70000}
"#;
    assert_rule(
        source,
        "invalid-lifecycle-hook",
        expect![[r#"
        Error spec.containers[0].lifecycle.preStop.httpGet.port @ 11:39
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.preStop.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive
         --> 11:39
           |
        11 |         httpGet: {path: /drain, port: 70000}
           |                                       ^^^^^
          = help: A lifecycle hook (postStart, preStop) needs exactly one handler: `exec`, `httpGet` or `sleep`. `sleep.seconds` must be 0 or more and at most the pod's terminationGracePeriodSeconds (default 30).
        error[invalid-lifecycle-hook]: spec.containers[0].lifecycle.preStop.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive
         --> 11:39
           |
        11 |         httpGet: {path: /drain, port: 70000}
           |                                       ^^^^^
          = 설명: lifecycle 훅(postStart, preStop)에는 `exec`, `httpGet`, `sleep` 중 정확히 하나의 방법이 있어야 합니다. `sleep.seconds`는 0 이상이고 파드의 terminationGracePeriodSeconds(기본 30) 이하여야 합니다.
    "#]],
    );
}

#[test]
fn container_restart_policy_unknown_value() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: worker
    image: busybox:1.36
    restartPolicy: Sometimes
"#;
    assert_rule(
        source,
        "invalid-restart-policy",
        expect![[r#"
        Error spec.containers[0].restartPolicy @ 9:20
        error[invalid-restart-policy]: spec.containers[0].restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"
         --> 9:20
          |
        9 |     restartPolicy: Sometimes
          |                    ^^^^^^^^^
          = help: A pod's or container's restartPolicy is `Always`, `OnFailure` or `Never`. A container's own restartPolicy overrides the pod's; `Always` on an init container makes it a sidecar container.
        error[invalid-restart-policy]: spec.containers[0].restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"
         --> 9:20
          |
        9 |     restartPolicy: Sometimes
          |                    ^^^^^^^^^
          = 설명: 파드와 컨테이너의 restartPolicy는 `Always`, `OnFailure`, `Never` 중 하나입니다. 컨테이너에 적은 restartPolicy는 파드의 것보다 우선하고, 초기화 컨테이너에 `Always`를 쓰면 사이드카 컨테이너가 됩니다.
    "#]],
    );
}

#[test]
fn container_restart_policy_on_a_regular_container_is_valid_in_1_35() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  restartPolicy: Always
  containers:
  - name: once
    image: busybox:1.36
    command: [sh, -c, "echo done"]
    restartPolicy: Never
  initContainers:
  - name: setup
    image: busybox:1.36
    restartPolicy: OnFailure
"#;
    let found = codes(source);
    assert!(
        !found.iter().any(|c| c == "invalid-restart-policy" || c == "invalid-container-restart-rules"),
        "{found:?}"
    );
}

#[test]
fn restart_rules_without_a_container_restart_policy() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  restartPolicy: Never
  containers:
  - name: trainer
    image: busybox:1.36
    restartPolicyRules:
    - action: Restart
      exitCodes: {operator: In, values: [42]}
"#;
    assert_rule(
        source,
        "invalid-container-restart-rules",
        expect![[r#"
        Error spec.containers[0].restartPolicyRules @ 10:5
        error[invalid-container-restart-rules]: spec.containers[0].restartPolicy: Required value: must specify restartPolicy when restart rules are used
         --> 10:5
           |
        10 |     restartPolicyRules:
           |     ^^^^^^^^^^^^^^^^^^
          = help: restartPolicyRules need the container's own restartPolicy (even when it matches the pod's). At most 20 rules; each has `action: Restart` and `exitCodes` (operator `In` or `NotIn`, at most 255 values).
        error[invalid-container-restart-rules]: spec.containers[0].restartPolicy: Required value: must specify restartPolicy when restart rules are used
         --> 10:5
           |
        10 |     restartPolicyRules:
           |     ^^^^^^^^^^^^^^^^^^
          = 설명: restartPolicyRules를 쓰려면 컨테이너에 restartPolicy도 직접 적어야 합니다(파드의 값과 같더라도). 규칙은 20개까지, 각 규칙은 `action: Restart`와 `exitCodes`(operator는 `In` 또는 `NotIn`, values는 255개까지)를 가집니다.
    "#]],
    );
}

#[test]
fn restart_rule_with_unknown_action_and_operator() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: trainer
    image: busybox:1.36
    restartPolicy: Never
    restartPolicyRules:
    - action: Ignore
      exitCodes: {operator: Equals, values: [42]}
"#;
    assert_rule(
        source,
        "invalid-container-restart-rules",
        expect![[r#"
        Error spec.containers[0].restartPolicyRules[0].action @ 11:15
        error[invalid-container-restart-rules]: spec.containers[0].restartPolicyRules[0].action: Unsupported value: "Ignore": supported values: "Restart"
         --> 11:15
           |
        11 |     - action: Ignore
           |               ^^^^^^
          = help: restartPolicyRules need the container's own restartPolicy (even when it matches the pod's). At most 20 rules; each has `action: Restart` and `exitCodes` (operator `In` or `NotIn`, at most 255 values).
        error[invalid-container-restart-rules]: spec.containers[0].restartPolicyRules[0].action: Unsupported value: "Ignore": supported values: "Restart"
         --> 11:15
           |
        11 |     - action: Ignore
           |               ^^^^^^
          = 설명: restartPolicyRules를 쓰려면 컨테이너에 restartPolicy도 직접 적어야 합니다(파드의 값과 같더라도). 규칙은 20개까지, 각 규칙은 `action: Restart`와 `exitCodes`(operator는 `In` 또는 `NotIn`, values는 255개까지)를 가집니다.
    "#]],
    );
}

#[test]
fn restart_rule_without_exit_codes() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: trainer
    image: busybox:1.36
    restartPolicy: Never
    restartPolicyRules:
    - action: Restart
"#;
    assert_rule(
        source,
        "invalid-container-restart-rules",
        expect![[r#"
        Error spec.containers[0].restartPolicyRules[0] @ 11:7
        error[invalid-container-restart-rules]: spec.containers[0].restartPolicyRules[0].exitCodes: Required value: must be specified
         --> 11:7
           |
        11 |     - action: Restart
           |       ^
          = help: restartPolicyRules need the container's own restartPolicy (even when it matches the pod's). At most 20 rules; each has `action: Restart` and `exitCodes` (operator `In` or `NotIn`, at most 255 values).
        error[invalid-container-restart-rules]: spec.containers[0].restartPolicyRules[0].exitCodes: Required value: must be specified
         --> 11:7
           |
        11 |     - action: Restart
           |       ^
          = 설명: restartPolicyRules를 쓰려면 컨테이너에 restartPolicy도 직접 적어야 합니다(파드의 값과 같더라도). 규칙은 20개까지, 각 규칙은 `action: Restart`와 `exitCodes`(operator는 `In` 또는 `NotIn`, values는 255개까지)를 가집니다.
    "#]],
    );
}

#[test]
fn more_than_twenty_restart_rules() {
    let mut source = String::from(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: trainer\n    image: busybox:1.36\n    restartPolicy: Never\n    restartPolicyRules:\n",
    );
    for code in 0..21 {
        source.push_str(&format!("    - {{action: Restart, exitCodes: {{operator: In, values: [{code}]}}}}\n"));
    }
    assert_rule(
        &source,
        "invalid-container-restart-rules",
        expect![[r#"
        Error spec.containers[0].restartPolicyRules @ 10:5
        error[invalid-container-restart-rules]: spec.containers[0].restartPolicyRules: Too many: 21: must have at most 20 items
         --> 10:5
           |
        10 |     restartPolicyRules:
           |     ^^^^^^^^^^^^^^^^^^
          = help: restartPolicyRules need the container's own restartPolicy (even when it matches the pod's). At most 20 rules; each has `action: Restart` and `exitCodes` (operator `In` or `NotIn`, at most 255 values).
        error[invalid-container-restart-rules]: spec.containers[0].restartPolicyRules: Too many: 21: must have at most 20 items
         --> 10:5
           |
        10 |     restartPolicyRules:
           |     ^^^^^^^^^^^^^^^^^^
          = 설명: restartPolicyRules를 쓰려면 컨테이너에 restartPolicy도 직접 적어야 합니다(파드의 값과 같더라도). 규칙은 20개까지, 각 규칙은 `action: Restart`와 `exitCodes`(operator는 `In` 또는 `NotIn`, values는 255개까지)를 가집니다.
    "#]],
    );
}

#[test]
fn valid_restart_rules_pass() {
    let source = r#"apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  restartPolicy: Never
  containers:
  - name: trainer
    image: busybox:1.36
    restartPolicy: Never
    restartPolicyRules:
    - action: Restart
      exitCodes:
        operator: In
        values: [42]
    - action: Restart
      exitCodes:
        operator: NotIn
        values: [0, 1]
"#;
    let found = codes(source);
    assert!(!found.iter().any(|c| c.contains("restart")), "{found:?}");
}
