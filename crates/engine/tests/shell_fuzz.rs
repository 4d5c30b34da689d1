//! Property tests: any script, any argv, run as a container's program,
//! never panics and always returns within the step budget.

mod internals_support;

use internals_support::{busybox_pod, pod_from_yaml, Harness};
use podplay_engine::shell;
use proptest::prelude::*;

/// Fragments that make random scripts reach deep into the grammar.
const PIECES: &[&str] = &[
    "while ",
    "true",
    "; do ",
    "done",
    "for i in 1 2",
    "if ",
    "then ",
    "fi",
    "else ",
    "elif ",
    "echo ",
    "$(",
    ")",
    "`",
    "'",
    "\"",
    "$((",
    "))",
    "|",
    "||",
    "&&",
    ">",
    ">>",
    "<",
    "2>&1",
    "&",
    "{",
    "}",
    "(",
    "sleep 1",
    "tail -f /x",
    "cat",
    "read l",
    "break",
    "continue",
    "exit 3",
    "$x",
    "${y:-z}",
    "x=1",
    "wget -qO- localhost",
    "nc -l 80",
    "\n",
    "seq 9",
    "head -n 1",
    "nginx",
    "ps",
    "date",
    "trap 'exit' TERM",
    "!",
    ";;",
    "case",
    "#",
    "\\",
];

fn script_strategy() -> impl Strategy<Value = String> {
    prop_oneof![".{0,200}", proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|v| v.concat()),]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn parsing_never_panics(src in script_strategy()) {
        let _ = shell::parse(&src);
    }

    #[test]
    fn running_any_script_terminates_within_the_budget(src in script_strategy()) {
        let mut h = Harness::new(busybox_pod(&src));
        h.start_all();
        h.advance_ms(120_000);
        let _ = h.rt.inspect(&h.uid);
        let _ = h.rt.usage(&h.uid);
    }

    #[test]
    fn exec_of_any_argv_never_panics(argv in proptest::collection::vec(prop_oneof![".{0,20}", proptest::sample::select(PIECES).prop_map(str::to_string)], 0..6)) {
        let mut h = Harness::new(busybox_pod("sleep 3600"));
        h.start_all();
        let refs: Vec<&str> = argv.iter().map(String::as_str).collect();
        let _ = h.exec("main", &refs);
    }

    #[test]
    fn any_command_and_args_start_or_fail_cleanly(command in proptest::collection::vec(".{0,12}", 0..4), args in proptest::collection::vec(".{0,12}", 0..4)) {
        let mut pod = pod_from_yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: main, image: busybox}\n");
        if let Some(c) = pod.spec.containers.first_mut() {
            c.command = command;
            c.args = args;
        }
        let mut h = Harness::new(pod);
        h.create();
        let c = h.pod.spec.containers[0].clone();
        let id = h.id("main");
        let _ = podplay_engine::runtime::ContainerRuntime::start(&mut h.rt, &id, &c, h.now);
        h.advance_ms(10_000);
    }
}
