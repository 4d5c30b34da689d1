//! Validation rule snapshots for PriorityClass objects
//! (`invalid-priority-class`): a user value above one billion, a reserved
//! `system-` name, an unknown preemption policy.
//! One test per rule case: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_preempt`.

mod validate_support;

use expect_test::expect;
use podplay_engine::check;
use validate_support::assert_rule;

#[test]
fn user_value_above_one_billion() {
    let source = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: urgent
value: 2000000000
";
    assert_rule(
        source,
        "invalid-priority-class",
        expect![[r#"
        Error value @ 5:8
        error[invalid-priority-class]: value: Forbidden: maximum allowed value of a user defined priority is 1000000000
         --> 5:8
          |
        5 | value: 2000000000
          |        ^^^^^^^^^^
          = help: A PriorityClass's value is at most one billion (1000000000), names starting with 'system-' belong to the system classes (system-node-critical, system-cluster-critical), and preemptionPolicy is PreemptLowerPriority or Never.
        error[invalid-priority-class]: value: Forbidden: maximum allowed value of a user defined priority is 1000000000
         --> 5:8
          |
        5 | value: 2000000000
          |        ^^^^^^^^^^
          = 설명: PriorityClass의 value는 10억(1000000000) 이하여야 하고, 'system-'으로 시작하는 이름은 시스템 클래스(system-node-critical, system-cluster-critical)만 쓸 수 있습니다. preemptionPolicy는 PreemptLowerPriority나 Never입니다.
    "#]],
    );
}

#[test]
fn system_prefix_is_reserved() {
    let source = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: system-batch
value: 1000
";
    assert_rule(
        source,
        "invalid-priority-class",
        expect![[r#"
        Error metadata.name @ 4:9
        error[invalid-priority-class]: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-batch is not a known system priority class
         --> 4:9
          |
        4 |   name: system-batch
          |         ^^^^^^^^^^^^
          = help: A PriorityClass's value is at most one billion (1000000000), names starting with 'system-' belong to the system classes (system-node-critical, system-cluster-critical), and preemptionPolicy is PreemptLowerPriority or Never.
        error[invalid-priority-class]: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-batch is not a known system priority class
         --> 4:9
          |
        4 |   name: system-batch
          |         ^^^^^^^^^^^^
          = 설명: PriorityClass의 value는 10억(1000000000) 이하여야 하고, 'system-'으로 시작하는 이름은 시스템 클래스(system-node-critical, system-cluster-critical)만 쓸 수 있습니다. preemptionPolicy는 PreemptLowerPriority나 Never입니다.
    "#]],
    );
}

#[test]
fn system_class_with_another_value() {
    let source = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: system-node-critical
value: 1000
";
    assert_rule(
        source,
        "invalid-priority-class",
        expect![[r#"
        Error metadata.name @ 4:9
        error[invalid-priority-class]: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000
         --> 4:9
          |
        4 |   name: system-node-critical
          |         ^^^^^^^^^^^^^^^^^^^^
          = help: A PriorityClass's value is at most one billion (1000000000), names starting with 'system-' belong to the system classes (system-node-critical, system-cluster-critical), and preemptionPolicy is PreemptLowerPriority or Never.
        error[invalid-priority-class]: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000
         --> 4:9
          |
        4 |   name: system-node-critical
          |         ^^^^^^^^^^^^^^^^^^^^
          = 설명: PriorityClass의 value는 10억(1000000000) 이하여야 하고, 'system-'으로 시작하는 이름은 시스템 클래스(system-node-critical, system-cluster-critical)만 쓸 수 있습니다. preemptionPolicy는 PreemptLowerPriority나 Never입니다.
    "#]],
    );
}

#[test]
fn unknown_preemption_policy() {
    let source = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: batch
value: 100
preemptionPolicy: Sometimes
";
    assert_rule(
        source,
        "invalid-priority-class",
        expect![[r#"
        Error preemptionPolicy @ 6:19
        error[invalid-priority-class]: preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"
         --> 6:19
          |
        6 | preemptionPolicy: Sometimes
          |                   ^^^^^^^^^
          = help: A PriorityClass's value is at most one billion (1000000000), names starting with 'system-' belong to the system classes (system-node-critical, system-cluster-critical), and preemptionPolicy is PreemptLowerPriority or Never.
        error[invalid-priority-class]: preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"
         --> 6:19
          |
        6 | preemptionPolicy: Sometimes
          |                   ^^^^^^^^^
          = 설명: PriorityClass의 value는 10억(1000000000) 이하여야 하고, 'system-'으로 시작하는 이름은 시스템 클래스(system-node-critical, system-cluster-critical)만 쓸 수 있습니다. preemptionPolicy는 PreemptLowerPriority나 Never입니다.
    "#]],
    );
}

#[test]
fn valid_classes_pass() {
    for source in [
        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 1000000000\nglobalDefault: true\ndescription: top\n",
        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: low\nvalue: -10\npreemptionPolicy: Never\n",
        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: system-cluster-critical\nvalue: 2000000000\n",
    ] {
        let diags = check(source);
        assert!(diags.iter().all(|d| d.rule != "invalid-priority-class"), "{source}: {diags:#?}");
    }
}
