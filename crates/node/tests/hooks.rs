//! Lifecycle hooks for real: postStart runs after the container starts and
//! holds back readiness until it is done; a failing postStart kills the
//! container; preStop (exec and sleep) runs before SIGTERM, within the grace
//! period.

mod common;

use common::*;

/// The runner's timestamp (seconds since start) of the first line containing `pattern`.
fn at(out: &str, pattern: &str) -> f64 {
    let line = out.lines().find(|l| l.contains(pattern)).unwrap_or_else(|| panic!("{pattern:?} missing:\n{out}"));
    line.trim_start().split('s').next().unwrap().parse().unwrap_or_else(|_| panic!("no time in {line:?}"))
}

#[test]
fn post_start_runs_before_the_container_is_ready() {
    if !can_run("post_start_runs_before_the_container_is_ready") {
        return;
    }
    let name = unique("poststart");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 2\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'until [ -f /tmp/hook-ran ]; do sleep 0.1; done; echo saw-$(cat /tmp/hook-ran); sleep 3600']\n    lifecycle:\n      postStart:\n        exec: {{command: [sh, -c, 'sleep 1; echo post-start > /tmp/hook-ran']}}\n  - name: napper\n    image: busybox\n    command: [sleep, '3600']\n    lifecycle:\n      postStart: {{sleep: {{seconds: 1}}}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    let out = pod.wait_for("[app] saw-post-start", 20);
    let out = if out.contains("condition Ready=True") { out } else { pod.wait_for("condition Ready=True", 10) };
    let started = at(&out, "container \"app\": Started (pid");
    let hook_done = at(&out, "container \"app\": PostStartHook completed: Exec lifecycle hook");
    let nap_done = at(&out, "container \"napper\": PostStartHook completed: sleep 1s");
    let ready = at(&out, "condition Ready=True");
    eprintln!("measured: app started {started}s, its postStart done {hook_done}s, napper's sleep hook done {nap_done}s, pod Ready {ready}s");
    assert!(hook_done - started >= 0.9, "the exec hook took its 1 s:\n{out}");
    assert!(ready >= hook_done && ready >= nap_done, "not ready before the hooks are done:\n{out}");
    assert!(nap_done - at(&out, "container \"napper\": Started (pid") >= 0.95, "{out}");
    let info = pod.inspect();
    assert_eq!(info["ready"], true, "{info}");
    let fp = footprint(&info);
    pod.stop();
    assert_clean(&name, &fp);
}

#[test]
fn a_failing_post_start_kills_the_container() {
    if !can_run("a_failing_post_start_kills_the_container") {
        return;
    }
    let name = unique("poststart-fail");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: busybox\n    command: [sleep, '3600']\n    lifecycle:\n      postStart:\n        exec: {{command: [sh, -c, 'echo no; exit 3']}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    let (code, out) = pod.wait_exit(20);
    assert_eq!(code, 1, "{out}");
    let order: Vec<usize> = [
        "container \"app\": Started (pid",
        // handlers.go: "Exec lifecycle hook (%v) for Container %q in Pod %q failed - error: %v, message: %q".
        &format!("container \"app\": FailedPostStartHook: Exec lifecycle hook ([sh -c echo no; exit 3]) for Container \"app\" in Pod \"{name}_default("),
        ")\" failed - error: command 'sh -c echo no; exit 3' exited with 3: , message: \"no\\n\"",
        "container \"app\": Killing: FailedPostStartHook",
        "container \"app\": Terminated: Error (exit code 137)",
        "phase Failed",
    ]
    .iter()
    .map(|p| out.find(p).unwrap_or_else(|| panic!("{p} missing:\n{out}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert!(!out.contains("condition Ready=True"), "{out}");
}

#[test]
fn pre_stop_runs_before_sigterm_within_the_grace_period() {
    if !can_run("pre_stop_runs_before_sigterm_within_the_grace_period") {
        return;
    }
    let name = unique("prestop");
    let trap = "trap \"echo got-term; cat /shared/prestop 2>/dev/null || echo no-prestop-file; exit 0\" TERM; while :; do sleep 0.1; done";
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 3\n  containers:\n  - name: execer\n    image: busybox\n    command: [sh, -c, '{trap}']\n    volumeMounts: [{{name: shared, mountPath: /shared}}]\n    lifecycle:\n      preStop:\n        exec: {{command: [sh, -c, 'echo prestop-ran-first > /shared/prestop']}}\n  - name: sleeper\n    image: busybox\n    command: [sh, -c, '{trap}']\n    volumeMounts: [{{name: shared2, mountPath: /shared}}]\n    lifecycle:\n      preStop: {{sleep: {{seconds: 1}}}}\n  - name: overstayer\n    image: busybox\n    command: [sh, -c, '{trap}']\n    lifecycle:\n      preStop:\n        exec: {{command: [sleep, '60']}}\n  volumes:\n  - {{name: shared, emptyDir: {{}}}}\n  - {{name: shared2, emptyDir: {{}}}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    pod.wait_for("all containers started", 20);
    let fp = footprint(&pod.inspect());
    let t0 = std::time::Instant::now();
    let (code, out) = pod.stop();
    let took = t0.elapsed().as_secs_f64();
    assert_eq!(code, 130, "{out}");
    // exec preStop: its file exists when the container's TERM trap runs.
    assert!(out.contains("[execer] got-term"), "{out}");
    assert!(out.contains("[execer] prestop-ran-first"), "{out}");
    assert!(at(&out, "container \"execer\": PreStopHook completed") <= at(&out, "Stopping container execer"), "{out}");
    // sleep preStop: SIGTERM about a second after the hook began.
    let began = at(&out, "container \"sleeper\": PreStopHook: sleep 1s");
    let termed = at(&out, "Stopping container sleeper");
    assert!(termed - began >= 0.95, "{out}");
    assert!(out.contains("[sleeper] no-prestop-file"), "{out}");
    // A hook longer than the grace period is cut at the deadline (3 s), not
    // after 60 s. (An exec hook: the API server refuses a sleep action longer
    // than the grace period, `validateSleepAction`.)
    assert!(out.contains("container \"overstayer\": FailedPreStopHook"), "{out}");
    assert!(took < 10.0, "took {took:.1}s:\n{out}");
    eprintln!("measured: sleeper hook {began}s -> SIGTERM {termed}s; the 60 s hook was cut, stop took {took:.2}s");
    assert_clean(&name, &fp);
}
