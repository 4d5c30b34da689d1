//! The lesson format's newer fields (issue 19): mode, tolerates, predict,
//! debrief, hooks, wrongAnswers, check ids and `command`. A lesson using all
//! of them loads; each mistake is a located, bilingual load error.

use std::collections::BTreeMap;

use expect_test::{expect, Expect};
use podplay_engine::lessons::{load_pack, parse_lesson, Check, HookTarget, LessonMode, LoadError, Par, SolutionStep};
use podplay_engine::Lang;

const INDEX: &str = "\
sections:
  - id: basics
    title: {ko: 기초, en: Basics}
    lessons:
      - 11-resources
";

const LESSON: &str = "\
id: 11-resources
title: {ko: 리소스, en: Resources}
solution:
  - apply: solution.yaml
  - wait: 60
  - run: kubectl top pod
tolerates:
  - rule: best-effort
    why: {ko: 요청량은 11장에서 다룹니다, en: Requests come in lesson 11}
checks:
  - id: running
    kind: pod
    goal: {ko: 실행 중입니다, en: It runs}
    name: memhog
    phase: Running
  - id: read-top
    kind: command-run
    goal: {ko: top을 봤습니다, en: You ran top}
    command: kubectl top pod
predict:
  - id: qos
    step: 2
    question: {ko: QoS 클래스는?, en: Which QoS class?}
    choices:
      - {ko: Guaranteed, en: Guaranteed}
      - {ko: Burstable, en: Burstable}
    answer: 1
    explain: {ko: \"이번 실행: {{qos memhog}}\", en: \"This run: {{qos memhog}}\"}
    verify:
      kind: pod
      name: memhog
      qosClass: Burstable
debrief:
  ko: \"`stress`는 {{restarts memhog stress}}번 재시작했습니다.\"
  en: \"`stress` restarted {{restarts memhog stress}} times.\"
hooks:
  - step: 1
    target: shared-net
    pod: memhog
  - step: 2
    target: node:worker-1
wrongAnswers:
  - why: {ko: 단위를 빠뜨렸습니다, en: left the unit out}
    steps:
      - apply: wrong-unit.yaml
      - wait: 60
    fails: [running]
hints:
  ko: [개념, 위치, 답]
  en: [concept, pointer, answer]
";

const STORY_KO: &str = "# 리소스\n\n## 하나\n본문입니다.\n\n## 둘\n본문입니다.\n";
const STORY_EN: &str = "# Resources\n\n## One\nBody.\n\n## Two\nBody.\n";

fn pack(lesson_yaml: &str) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    files.insert("lessons/index.yaml".to_string(), INDEX.to_string());
    files.insert("lessons/11-resources/lesson.yaml".to_string(), lesson_yaml.to_string());
    files.insert("lessons/11-resources/ko.md".to_string(), STORY_KO.to_string());
    files.insert("lessons/11-resources/en.md".to_string(), STORY_EN.to_string());
    files.insert("lessons/11-resources/starter.yaml".to_string(), "kind: Pod\n".to_string());
    files.insert("lessons/11-resources/solution.yaml".to_string(), "kind: Pod\n".to_string());
    files.insert("lessons/11-resources/wrong-unit.yaml".to_string(), "kind: Pod\n".to_string());
    files.insert("lessons/11-resources/broken.yaml".to_string(), "kind: Pod\n".to_string());
    files
}

fn render(errors: &[LoadError]) -> String {
    let mut out = String::new();
    for e in errors {
        out.push_str(&e.render(Lang::En));
        out.push('\n');
        out.push_str(&e.render(Lang::Ko));
        out.push('\n');
    }
    out
}

fn check_errors(files: &BTreeMap<String, String>, want: Expect) {
    match load_pack(files) {
        Ok(_) => panic!("the pack loaded, but it is broken"),
        Err(errors) => want.assert_eq(&render(&errors)),
    }
}

#[test]
fn a_lesson_with_every_new_field_loads() {
    let pack = load_pack(&pack(LESSON)).unwrap_or_else(|e| panic!("{}", render(&e)));
    let l = &pack.lesson("11-resources").expect("lesson").lesson;
    assert_eq!(l.mode, LessonMode::Guided);
    assert_eq!(l.tolerates[0].rule, "best-effort");
    assert_eq!(l.checks[0].id(), Some("running"));
    assert_eq!(l.checks[1].command_line().as_deref(), Some("kubectl top pod"));
    assert_eq!(l.predict[0].answer, 1);
    assert_eq!(l.predict[0].verify.goal().en, "", "a verify check needs no goal");
    assert!(l.debrief.as_ref().is_some_and(|d| d.en.contains("{{restarts memhog stress}}")));
    assert_eq!(l.hooks[0].target(), Some(HookTarget::SharedNet));
    assert_eq!(l.hooks[1].target(), Some(HookTarget::Node("worker-1".into())));
    assert_eq!(l.wrong_answers[0].fails, vec!["running".to_string()]);
    assert_eq!(l.wrong_answers[0].steps[0], SolutionStep::Apply("wrong-unit.yaml".into()));
    assert_eq!(l.par(), Par { applies: 1, commands: 1 });
    // Teacher packs are fetched by this list: wrong answers' files are in it.
    assert!(l.referenced_files().contains(&"wrong-unit.yaml".to_string()));
    assert!(l.check("running").is_some_and(|c| matches!(c, Check::Pod { .. })));
}

#[test]
fn legacy_words_still_load_as_the_command() {
    let legacy = LESSON.replace("    command: kubectl top pod\n", "    words: [kubectl, top, pod]\n");
    let pack = load_pack(&pack(&legacy)).unwrap_or_else(|e| panic!("{}", render(&e)));
    let check = &pack.lesson("11-resources").expect("lesson").lesson.checks[1];
    assert_eq!(check.command_line().as_deref(), Some("kubectl top pod"));
}

#[test]
fn a_troubleshoot_lesson_may_omit_its_starter() {
    let t = LESSON
        .replace(
            "solution:\n  - apply: solution.yaml\n",
            "mode: troubleshoot\nsetup:\n  apply: [broken.yaml]\nsolution:\n",
        )
        .replace("      - apply: wrong-unit.yaml\n", "      - run: kubectl delete pod memhog\n");
    let mut files = pack(&t);
    files.remove("lessons/11-resources/starter.yaml");
    files.remove("lessons/11-resources/solution.yaml");
    files.remove("lessons/11-resources/wrong-unit.yaml");
    let pack = load_pack(&files).unwrap_or_else(|e| panic!("{}", render(&e)));
    let l = pack.lesson("11-resources").expect("lesson");
    assert_eq!(l.lesson.mode, LessonMode::Troubleshoot);
    assert_eq!(l.lesson.starter, "", "no starter: the editor starts empty");
    assert_eq!(l.starter, "");
    assert_eq!(l.lesson.par(), Par { applies: 0, commands: 1 });
    // A guided lesson still defaults to starter.yaml.
    let guided = parse_lesson("x", LESSON).expect("parses");
    assert_eq!(guided.starter, "starter.yaml");
}

#[test]
fn check_ids_must_be_well_formed_and_unique() {
    let bad = LESSON
        .replace("  - id: read-top\n", "  - id: running\n")
        .replace("  - id: running\n    kind: pod\n", "  - id: Running_1\n    kind: pod\n");
    check_errors(
        &pack(&bad),
        expect![[r#"
            lessons/11-resources/lesson.yaml:11:5: check id "Running_1" must be lowercase letters, digits and '-', starting with a letter (e.g. pod-running)
            lessons/11-resources/lesson.yaml:11:5: 검사 id "Running_1"은(는) 소문자, 숫자, '-'로 쓰고 소문자로 시작해야 합니다(예: pod-running).
        "#]],
    );
    let dup = LESSON.replace("  - id: read-top\n", "  - id: running\n");
    check_errors(
        &pack(&dup),
        expect![[r#"
            lessons/11-resources/lesson.yaml:16:5: duplicate check id "running"
            lessons/11-resources/lesson.yaml:16:5: 검사 id "running"가 중복됩니다.
        "#]],
    );
}

#[test]
fn wrong_answers_must_name_known_checks() {
    let unknown = LESSON.replace("    fails: [running]\n", "    fails: [runing]\n");
    check_errors(
        &pack(&unknown),
        expect![[r#"
            lessons/11-resources/lesson.yaml:47:5: fails names "runing", which no check has; check ids: read-top, running
            lessons/11-resources/lesson.yaml:47:5: fails의 "runing"는 checks에 없는 id입니다. 있는 id: read-top, running
        "#]],
    );
    let empty = LESSON.replace("    fails: [running]\n", "    fails: []\n");
    check_errors(
        &pack(&empty),
        expect![[r#"
            lessons/11-resources/lesson.yaml:47:5: fails is empty; name at least one check id this attempt must fail
            lessons/11-resources/lesson.yaml:47:5: fails가 비었습니다. 이 시도가 통과하면 안 되는 검사 id를 하나 이상 쓰세요.
        "#]],
    );
    let mut missing_file = pack(LESSON);
    missing_file.remove("lessons/11-resources/wrong-unit.yaml");
    check_errors(
        &missing_file,
        expect![[r#"
            lessons/11-resources/wrong-unit.yaml: file wrong-unit.yaml, referenced by lesson.yaml, is missing
            lessons/11-resources/wrong-unit.yaml: lesson.yaml이 참조하는 파일 wrong-unit.yaml이(가) 없습니다.
        "#]],
    );
}

#[test]
fn predictions_are_checked() {
    let bad = LESSON.replace("    answer: 1\n", "    answer: 2\n").replace("    step: 2\n", "    step: 3\n");
    check_errors(
        &pack(&bad),
        expect![[r#"
            lessons/11-resources/lesson.yaml:22:5: step 3 is outside the story's steps (1 to 2)
            lessons/11-resources/lesson.yaml:22:5: step 3은(는) 이야기의 단계 범위(1~2) 밖입니다.
            lessons/11-resources/lesson.yaml:27:5: answer 2 is out of range (0 to 1); it counts from 0
            lessons/11-resources/lesson.yaml:27:5: answer 2은(는) 선택지 범위(0~1) 밖입니다. 0부터 셉니다.
        "#]],
    );
    let one_choice =
        LESSON.replace("      - {ko: Burstable, en: Burstable}\n", "").replace("    answer: 1\n", "    answer: 0\n");
    check_errors(
        &pack(&one_choice),
        expect![[r#"
            lessons/11-resources/lesson.yaml:24:5: a prediction needs 2 to 5 choices, not 1
            lessons/11-resources/lesson.yaml:24:5: 선택지는 2~5개여야 합니다. 지금 1개입니다.
        "#]],
    );
}

#[test]
fn unknown_placeholders_are_load_errors() {
    let bad = LESSON
        .replace("{{restarts memhog stress}} times", "{{restart memhog}} times")
        .replace("\"This run: {{qos memhog}}\"", "\"This run: {{traffic http}} {{qos\"");
    check_errors(
        &pack(&bad),
        expect![[r#"
            lessons/11-resources/lesson.yaml:28:5: {{traffic http}}: the traffic type must be one of localhost, pod-network, external, volume-write, volume-read, probe
            lessons/11-resources/lesson.yaml:28:5: {{traffic http}}: 트래픽 종류는 localhost, pod-network, external, volume-write, volume-read, probe 중 하나여야 합니다.
            lessons/11-resources/lesson.yaml:28:5: unclosed placeholder `{{`
            lessons/11-resources/lesson.yaml:28:5: 닫히지 않은 자리표시자 `{{`가 있습니다.
            lessons/11-resources/lesson.yaml:35:3: unknown placeholder {{restart memhog}}; expected one of: restarts POD CONTAINER, exitCode POD CONTAINER, reason POD CONTAINER, node POD, qos POD, phase POD, podIP POD, events REASON, traffic TYPE, lastLog POD CONTAINER
            lessons/11-resources/lesson.yaml:35:3: 알 수 없는 자리표시자 {{restart memhog}}입니다. 쓸 수 있는 형식: restarts POD CONTAINER, exitCode POD CONTAINER, reason POD CONTAINER, node POD, qos POD, phase POD, podIP POD, events REASON, traffic TYPE, lastLog POD CONTAINER
        "#]],
    );
}

#[test]
fn hooks_are_checked() {
    let bad = LESSON
        .replace("    target: shared-net\n", "    target: \"volume:\"\n")
        .replace("    target: node:worker-1\n", "    target: probe\n");
    check_errors(
        &pack(&bad),
        expect![[r#"
            lessons/11-resources/lesson.yaml:38:5: unknown hook target "volume:"; expected shared-net, uts, ipc, pid, mnt, volume:NAME, container:NAME, traffic:TYPE, probe or node:NAME
            lessons/11-resources/lesson.yaml:38:5: hook target "volume:"을(를) 알 수 없습니다. 가능한 값: shared-net, uts, ipc, pid, mnt, volume:NAME, container:NAME, traffic:TYPE, probe, node:NAME
            lessons/11-resources/lesson.yaml:41:5: hook target "probe" needs pod
            lessons/11-resources/lesson.yaml:41:5: hook target "probe"에는 pod가 필요합니다.
        "#]],
    );
}

#[test]
fn tolerated_rules_must_exist() {
    let bad = LESSON.replace("  - rule: best-effort\n", "  - rule: best-efort\n");
    check_errors(
        &pack(&bad),
        expect![[r#"
            lessons/11-resources/lesson.yaml:8:5: no validation rule "best-efort"
            lessons/11-resources/lesson.yaml:8:5: 검증 규칙 "best-efort"이(가) 없습니다.
        "#]],
    );
}

#[test]
fn a_troubleshoot_lesson_is_fixed_from_the_terminal() {
    let bad = LESSON.replace("solution:\n", "mode: troubleshoot\nsolution:\n");
    check_errors(
        &pack(&bad),
        expect![[r#"
            lessons/11-resources/lesson.yaml:3:1: a troubleshoot lesson needs setup.apply (the broken cluster)
            lessons/11-resources/lesson.yaml:3:1: troubleshoot 레슨에는 고장 난 클러스터를 만드는 setup.apply가 필요합니다.
            lessons/11-resources/lesson.yaml:5:5: a troubleshoot lesson is fixed from the terminal: the solution uses run steps, not apply
            lessons/11-resources/lesson.yaml:5:5: troubleshoot 레슨은 터미널로만 고칩니다. 풀이에 apply 단계를 쓰지 말고 run 단계(kubectl ...)를 쓰세요.
        "#]],
    );
}

#[test]
fn a_command_kubectl_refuses_is_a_load_error() {
    let bad = LESSON.replace("    command: kubectl top pod\n", "    command: kubectl describe memhog\n");
    check_errors(
        &pack(&bad),
        expect![[r#"
        lessons/11-resources/lesson.yaml:19:5: `kubectl describe memhog`: there is no resource type `memhog`; name the type, as in `kubectl describe pod NAME`
        lessons/11-resources/lesson.yaml:19:5: `kubectl describe memhog`: 리소스 종류 `memhog`이(가) 없습니다. `kubectl describe pod NAME`처럼 종류를 쓰세요.
    "#]],
    );
    let bad = LESSON.replace("    command: kubectl top pod\n", "    command: kubectl top pod --bogus\n");
    check_errors(
        &pack(&bad),
        expect![[r#"
        lessons/11-resources/lesson.yaml:19:5: kubectl refuses `kubectl top pod --bogus` (unknown command or flag); write a command kubectl runs
        lessons/11-resources/lesson.yaml:19:5: kubectl이 `kubectl top pod --bogus`을(를) 받아들이지 않습니다(알 수 없는 명령이나 플래그). kubectl이 실행하는 명령을 쓰세요.
    "#]],
    );
}
