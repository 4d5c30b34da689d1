//! Table tests of the shell subset: each script runs as a busybox
//! container's `sh -c`, and its log lines, exit code and virtual run time
//! are compared with what BusyBox `sh` does.

mod internals_support;

use internals_support::{busybox_pod, Harness};

struct Case {
    script: &'static str,
    logs: &'static [&'static str],
    exit: i32,
    /// Virtual milliseconds from start to exit.
    took_ms: u64,
}

const CASES: &[Case] = &[
    Case { script: "echo hello", logs: &["hello"], exit: 0, took_ms: 0 },
    Case { script: "echo a; echo b", logs: &["a", "b"], exit: 0, took_ms: 0 },
    Case { script: "true && echo yes || echo no", logs: &["yes"], exit: 0, took_ms: 0 },
    Case { script: "false && echo yes || echo no", logs: &["no"], exit: 0, took_ms: 0 },
    Case { script: "exit 3", logs: &[], exit: 3, took_ms: 0 },
    Case { script: "false", logs: &[], exit: 1, took_ms: 0 },
    Case { script: "echo start; sleep 2; echo end", logs: &["start", "end"], exit: 0, took_ms: 2000 },
    Case { script: "sleep 0.5", logs: &[], exit: 0, took_ms: 500 },
    Case { script: "for i in 1 2 3; do echo n$i; done", logs: &["n1", "n2", "n3"], exit: 0, took_ms: 0 },
    Case {
        script: "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); sleep 1; done",
        logs: &["0", "1", "2"],
        exit: 0,
        took_ms: 3000,
    },
    Case { script: "i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i", logs: &["2"], exit: 0, took_ms: 0 },
    Case {
        script: "if [ -f /etc/hostname ]; then echo file; else echo none; fi",
        logs: &["file"],
        exit: 0,
        took_ms: 0,
    },
    Case { script: "if [ -f /nope ]; then echo a; elif true; then echo b; fi", logs: &["b"], exit: 0, took_ms: 0 },
    Case { script: "X=world; echo \"hello $X\" '$X'", logs: &["hello world $X"], exit: 0, took_ms: 0 },
    Case { script: "echo ${MISSING:-fallback}", logs: &["fallback"], exit: 0, took_ms: 0 },
    Case { script: "echo $(echo inner) `echo back`", logs: &["inner back"], exit: 0, took_ms: 0 },
    Case { script: "date", logs: &["Thu Jan  1 00:00:00 UTC 2026"], exit: 0, took_ms: 0 },
    Case { script: "sleep 61; date +%H:%M:%S", logs: &["00:01:01"], exit: 0, took_ms: 61_000 },
    Case { script: "hostname", logs: &["sh-test"], exit: 0, took_ms: 0 },
    Case { script: "echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f", logs: &["one", "two"], exit: 0, took_ms: 0 },
    Case { script: "echo x > /tmp/f; echo y > /tmp/f; cat /tmp/f", logs: &["y"], exit: 0, took_ms: 0 },
    Case { script: "cat /nope", logs: &["cat: can't open '/nope': No such file or directory"], exit: 1, took_ms: 0 },
    Case { script: "touch /tmp/a; ls /tmp", logs: &["a"], exit: 0, took_ms: 0 },
    Case {
        script: "printf 'a\\nb\\n' > /tmp/l; head -n 1 /tmp/l; tail -n 1 /tmp/l",
        logs: &["a", "b"],
        exit: 0,
        took_ms: 0,
    },
    Case { script: "seq 5 | head -n 2", logs: &["1", "2"], exit: 0, took_ms: 0 },
    Case {
        script: "seq 3 | while read n; do echo got $n; done",
        logs: &["got 1", "got 2", "got 3"],
        exit: 0,
        took_ms: 0,
    },
    Case { script: "echo abc | grep b", logs: &["abc"], exit: 0, took_ms: 0 },
    Case { script: "echo abc | grep z", logs: &[], exit: 1, took_ms: 0 },
    Case { script: "seq 4 | wc -l", logs: &["4"], exit: 0, took_ms: 0 },
    Case { script: "! false && echo negated", logs: &["negated"], exit: 0, took_ms: 0 },
    Case { script: "nosuchcmd", logs: &["sh: nosuchcmd: not found"], exit: 127, took_ms: 0 },
    Case { script: "while true; do echo tick; break; done; echo after", logs: &["tick", "after"], exit: 0, took_ms: 0 },
    Case {
        script: "for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done",
        logs: &["1", "3"],
        exit: 0,
        took_ms: 0,
    },
    Case {
        script: "echo hi > /proc/x || echo failed",
        logs: &["sh: can't create /proc/x: No such file or directory", "failed"],
        exit: 0,
        took_ms: 0,
    },
    Case {
        script: "wget -qO- http://localhost:80",
        logs: &["wget: can't connect to remote host (127.0.0.1): Connection refused"],
        exit: 1,
        took_ms: 0,
    },
    Case { script: "echo $((7 * 6))", logs: &["42"], exit: 0, took_ms: 0 },
    Case {
        script: "{ echo grouped; echo twice; } > /tmp/g; cat /tmp/g",
        logs: &["grouped", "twice"],
        exit: 0,
        took_ms: 0,
    },
    Case {
        script: "while true; do echo",
        logs: &["sh: syntax error: unexpected end of file (expecting \"done\")"],
        exit: 2,
        took_ms: 0,
    },
    Case { script: "echo 'unterminated", logs: &["sh: syntax error: unterminated quoted string"], exit: 2, took_ms: 0 },
    Case { script: "sleep 3600 & echo bg", logs: &["bg"], exit: 0, took_ms: 0 },
    Case { script: "cat /etc/hosts | grep sh-test", logs: &["10.244.1.7\tsh-test"], exit: 0, took_ms: 0 },
];

#[test]
fn scripts_produce_busybox_logs_exit_codes_and_durations() {
    let mut failures = Vec::new();
    for case in CASES {
        let mut h = Harness::new(busybox_pod(case.script));
        h.start_all();
        h.advance_ms(70_000);
        let logs = h.logs("main");
        let exits = h.exits("main");
        let got_exit = exits.first().map(|e| (e.0.as_millis(), e.1));
        if logs != case.logs || got_exit != Some((case.took_ms, case.exit)) {
            failures.push(format!(
                "{:?}\n  logs: {:?} (want {:?})\n  exit: {:?} (want {:?})",
                case.script,
                logs,
                case.logs,
                got_exit,
                (case.took_ms, case.exit)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_endless_loop_logs_once_per_virtual_second() {
    let mut h = Harness::new(busybox_pod("while true; do echo hi; sleep 1; done"));
    h.start_all();
    h.advance_ms(10_500);
    assert_eq!(h.logs("main").len(), 11);
    assert!(h.exits("main").is_empty());
    let times: Vec<u64> = h.rt.logs(&h.id("main"), false).iter().map(|l| l.at.as_millis()).collect();
    assert_eq!(times.get(..3), Some(&[0, 1000, 2000][..]));
}

#[test]
fn a_busy_loop_spins_without_hanging_and_burns_cpu() {
    let mut h = Harness::new(busybox_pod("while true; do :; done"));
    h.start_all();
    h.advance_ms(3_600_000);
    assert!(h.exits("main").is_empty());
    let usage = h.rt.usage(&h.uid);
    assert_eq!(usage.first().map(|u| u.cpu_millicores), Some(1000));
}

#[test]
fn pipelines_in_a_long_loop_never_run_out_of_processes() {
    let mut h = Harness::new(busybox_pod("while true; do seq 3 | grep 2 | head -n 1; sleep 1; done"));
    h.start_all();
    h.advance_ms(300_500);
    let logs = h.logs("main");
    assert_eq!(logs.len(), 301);
    assert!(logs.iter().all(|l| l == "2"), "{:?}", logs.iter().find(|l| *l != "2"));
}

#[test]
fn spinning_substitutions_share_the_programs_budget() {
    let mut h = Harness::new(busybox_pod("while true; do x=$(while true; do :; done); done"));
    h.start_all();
    h.advance_ms(3_600_000);
    assert!(h.exits("main").is_empty());
    assert_eq!(h.rt.usage(&h.uid).first().map(|u| u.cpu_millicores), Some(1000));
}

#[test]
fn runaway_output_stays_bounded() {
    let mut h = Harness::new(busybox_pod("x=aaaaaaaa; while true; do echo $x; x=$x$x; done"));
    h.start_all();
    h.advance_ms(600_000);
    let logs = h.logs("main");
    assert!((10..=1000).contains(&logs.len()), "the log buffer is bounded: {}", logs.len());
    assert!(logs.iter().all(|l| l.len() <= 16 * 1024));
    let held: usize = h
        .events
        .iter()
        .map(|e| match e {
            podplay_engine::runtime::RuntimeEvent::Log { line, .. } => line.len(),
            _ => 0,
        })
        .sum();
    assert!(held <= 64 * 1024 * 1024, "{held}");
}
