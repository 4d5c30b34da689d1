//! Validation rule snapshots for workload objects: Deployment selectors, Job
//! restart policy and CronJob schedules, names and specs.
//! One test per rule case: a minimal manifest, and a snapshot of the
//! diagnostic (severity, path, line:column) rendered in English and Korean.
//! Regenerate snapshots on purpose with
//! `UPDATE_EXPECT=1 cargo test -p podplay-engine --test validate_rules_workloads`.

mod validate_support;

use expect_test::expect;
use validate_support::assert_rule;

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
