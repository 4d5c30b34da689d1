//! Scenario tests of container lifecycle as the 1.35 kubelet runs it, on the
//! virtual clock through the learner's terminal: postStart (exec writes a
//! file, sleep holds the container in ContainerCreating, a failure kills and
//! restarts it), preStop within the grace period (and cut by it), sleep 0,
//! container restart rules, termination messages, and the new fields'
//! `-o yaml` round trip. Expected texts follow
//! `pkg/kubelet/kuberuntime/kuberuntime_container.go`,
//! `pkg/kubelet/lifecycle/handlers.go` and `pkg/kubelet/events/event.go`.

use podplay_engine::kubectl::{Context, Playground};

/// A playground with `yaml` applied from the editor.
fn applied(yaml: &str) -> (Playground, Context) {
    let mut pg = Playground::new(1);
    let ctx = Context::with_editor(yaml);
    let out = pg.run("kubectl apply -f editor.yaml", &ctx);
    assert_eq!(out.exit_code, 0, "{}{}", out.stdout, out.stderr);
    (pg, ctx)
}

fn run(pg: &mut Playground, ctx: &Context, line: &str) -> String {
    let out = pg.run(line, ctx);
    format!("{}{}", out.stdout, out.stderr)
}

/// A JSONPath of one pod.
fn jp(pg: &mut Playground, ctx: &Context, pod: &str, path: &str) -> String {
    run(pg, ctx, &format!("kubectl get pod {pod} -o jsonpath={{{path}}}"))
}

/// The STATUS column of `kubectl get pod NAME`.
fn status(pg: &mut Playground, ctx: &Context, pod: &str) -> String {
    let out = run(pg, ctx, &format!("kubectl get pod {pod} --no-headers"));
    out.split_whitespace().nth(2).unwrap_or("").to_string()
}

/// Advances the clock second by second until `pred` holds (at most `max_s`).
fn wait_for(pg: &mut Playground, max_s: u64, mut pred: impl FnMut(&mut Playground) -> bool) -> u64 {
    for s in 0..=max_s {
        if pred(pg) {
            return s;
        }
        pg.cluster.advance_by(1000);
    }
    panic!("condition not met within {max_s} s");
}

fn events(pg: &mut Playground, ctx: &Context) -> String {
    run(pg, ctx, "kubectl get events")
}

/// The docs' `pods/lifecycle-events.yaml`, as YAML.
const LIFECYCLE_DEMO: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
"#;

#[test]
fn post_start_exec_writes_a_file_that_exec_reads() {
    let (mut pg, ctx) = applied(LIFECYCLE_DEMO);
    wait_for(&mut pg, 30, |pg| status(pg, &ctx, "lifecycle-demo") == "Running");
    let out = run(&mut pg, &ctx, "kubectl exec lifecycle-demo -- cat /usr/share/message");
    assert_eq!(out, "Hello from the postStart handler\n");
    // The preStop hook (`nginx -s quit` and a wait) succeeds: no FailedPreStopHook.
    run(&mut pg, &ctx, "kubectl delete pod lifecycle-demo --wait=false");
    pg.cluster.advance_by(1000);
    let ev = events(&mut pg, &ctx);
    assert!(ev.contains("Killing") && !ev.contains("FailedPreStopHook"), "{ev}");
}

const HOOK_FAILS: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: hookfail
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, "sleep 3600"]
    lifecycle:
      postStart:
        exec:
          command: [cat, /etc/app/ready]
"#;

#[test]
fn a_failing_post_start_hook_kills_the_container_and_it_restarts_into_crash_loop_back_off() {
    let (mut pg, ctx) = applied(HOOK_FAILS);
    // While the kill runs the status still says ContainerCreating.
    wait_for(&mut pg, 30, |pg| events(pg, &ctx).contains("FailedPostStartHook"));
    assert_eq!(status(&mut pg, &ctx, "hookfail"), "ContainerCreating");
    let ev = events(&mut pg, &ctx);
    assert!(ev.contains("Warning   FailedPostStartHook   pod/hookfail   PostStartHook failed"), "{ev}");
    assert!(ev.contains("Normal    Killing               pod/hookfail   FailedPostStartHook"), "{ev}");
    // Once killed, the reason cache shows PostStartHookError with the handler's message.
    wait_for(&mut pg, 30, |pg| status(pg, &ctx, "hookfail") == "PostStartHookError");
    let uid = jp(&mut pg, &ctx, "hookfail", ".metadata.uid");
    let msg = jp(&mut pg, &ctx, "hookfail", ".status.containerStatuses[0].state.waiting.message");
    assert_eq!(
        msg,
        format!(
            "Exec lifecycle hook ([cat /etc/app/ready]) for Container \"app\" in Pod \"hookfail_default({uid})\" failed - error: command 'cat /etc/app/ready' exited with 1: cat: can't open '/etc/app/ready': No such file or directory\n, message: \"cat: can't open '/etc/app/ready': No such file or directory\\n\""
        )
    );
    // sh as PID 1 ignores SIGTERM: SIGKILL at the end of the 5 s grace period.
    let last = jp(&mut pg, &ctx, "hookfail", ".status.containerStatuses[0].lastState.terminated.exitCode");
    assert_eq!(last, "137");
    wait_for(&mut pg, 120, |pg| status(pg, &ctx, "hookfail") == "CrashLoopBackOff");
    let restarts = jp(&mut pg, &ctx, "hookfail", ".status.containerStatuses[0].restartCount");
    assert!(restarts.parse::<u32>().unwrap_or(0) >= 1, "{restarts}");
    let started = jp(&mut pg, &ctx, "hookfail", ".status.containerStatuses[0].started");
    assert_eq!(started, "false");
}

#[test]
fn a_post_start_sleep_holds_the_container_in_container_creating() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: slow\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    lifecycle:\n      postStart:\n        sleep: {seconds: 20}\n";
    let (mut pg, ctx) = applied(yaml);
    wait_for(&mut pg, 30, |pg| events(pg, &ctx).contains("Started container web"));
    assert_eq!(status(&mut pg, &ctx, "slow"), "ContainerCreating");
    pg.cluster.advance_by(15_000);
    assert_eq!(status(&mut pg, &ctx, "slow"), "ContainerCreating");
    let waited = wait_for(&mut pg, 10, |pg| status(pg, &ctx, "slow") == "Running");
    assert!(waited <= 6, "{waited}");
}

/// nginx exits on SIGTERM at once; the preStop sleep is the only delay.
fn pre_stop_sleep(name: &str, grace: u32, secs: u32, command: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  terminationGracePeriodSeconds: {grace}\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [sh, -c, {command:?}]\n    lifecycle:\n      preStop:\n        sleep: {{seconds: {secs}}}\n"
    )
}

/// A program that exits on SIGTERM (a shell trap).
const POLITE: &str = "trap 'exit 0' TERM; while true; do sleep 1; done";
/// A program that ignores SIGTERM (sh as PID 1 without a trap).
const STUBBORN: &str = "sleep 3600";

/// Deletes without waiting and returns how many seconds the pod lasted.
fn seconds_until_gone(pg: &mut Playground, ctx: &Context, name: &str, grace: Option<u32>) -> u64 {
    let flag = grace.map(|g| format!(" --grace-period={g}")).unwrap_or_default();
    let out = run(pg, ctx, &format!("kubectl delete pod {name} --wait=false{flag}"));
    assert!(out.contains("deleted"), "{out}");
    wait_for(pg, 120, |pg| {
        run(pg, ctx, "kubectl get pods --no-headers").trim().is_empty()
            || !run(pg, ctx, "kubectl get pods").contains(name)
    })
}

#[test]
fn a_pre_stop_sleep_delays_termination_by_its_seconds() {
    let (mut pg, ctx) = applied(&pre_stop_sleep("drain", 30, 10, POLITE));
    wait_for(&mut pg, 30, |pg| status(pg, &ctx, "drain") == "Running");
    let lasted = seconds_until_gone(&mut pg, &ctx, "drain", None);
    assert!((10..=12).contains(&lasted), "the pod lasted {lasted} s");
}

#[test]
fn a_pre_stop_sleep_of_zero_is_valid_and_does_not_delay() {
    let (mut pg, ctx) = applied(&pre_stop_sleep("zero", 30, 0, POLITE));
    wait_for(&mut pg, 30, |pg| status(pg, &ctx, "zero") == "Running");
    let lasted = seconds_until_gone(&mut pg, &ctx, "zero", None);
    assert!(lasted <= 2, "the pod lasted {lasted} s");
}

#[test]
fn a_pre_stop_longer_than_the_grace_period_is_cut_and_sigkill_follows_two_seconds_later() {
    // The hook (20 s) is cut at the 3 s grace period of the delete; the
    // container ignores SIGTERM and gets SIGKILL 2 s after it.
    let (mut pg, ctx) = applied(&pre_stop_sleep("cut", 30, 20, STUBBORN));
    wait_for(&mut pg, 30, |pg| status(pg, &ctx, "cut") == "Running");
    let lasted = seconds_until_gone(&mut pg, &ctx, "cut", Some(3));
    assert!((5..=6).contains(&lasted), "the pod lasted {lasted} s");
}

const RESTART_RULES: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: NAME
spec:
  restartPolicy: Never
  containers:
  - name: trainer
    image: busybox:1.36
    command: [sh, -c, "sleep 2; exit CODE"]
    restartPolicy: Never
    restartPolicyRules:
    - action: Restart
      exitCodes:
        operator: In
        values: [42]
"#;

#[test]
fn restart_rules_restart_on_a_listed_exit_code() {
    let (mut pg, ctx) = applied(&RESTART_RULES.replace("NAME", "retry").replace("CODE", "42"));
    wait_for(&mut pg, 60, |pg| {
        jp(pg, &ctx, "retry", ".status.containerStatuses[0].restartCount").parse::<u32>().unwrap_or(0) >= 2
    });
    assert_eq!(jp(&mut pg, &ctx, "retry", ".status.phase"), "Running");
    assert_eq!(jp(&mut pg, &ctx, "retry", ".status.containerStatuses[0].lastState.terminated.exitCode"), "42");
}

#[test]
fn restart_rules_do_not_restart_on_another_exit_code() {
    let (mut pg, ctx) = applied(&RESTART_RULES.replace("NAME", "once").replace("CODE", "1"));
    wait_for(&mut pg, 60, |pg| jp(pg, &ctx, "once", ".status.phase") == "Failed");
    assert_eq!(jp(&mut pg, &ctx, "once", ".status.containerStatuses[0].restartCount"), "0");
    assert_eq!(status(&mut pg, &ctx, "once"), "Error");
}

#[test]
fn a_container_with_restart_policy_never_in_an_always_pod_stays_terminated() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: mixed\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n  - name: job\n    image: busybox:1.36\n    command: [sh, -c, 'exit 3']\n    restartPolicy: Never\n";
    let (mut pg, ctx) = applied(yaml);
    wait_for(&mut pg, 60, |pg| {
        jp(pg, &ctx, "mixed", ".status.containerStatuses[?(@.name==\"job\")].state.terminated.exitCode") == "3"
    });
    pg.cluster.advance_by(60_000);
    assert_eq!(jp(&mut pg, &ctx, "mixed", ".status.containerStatuses[?(@.name==\"job\")].restartCount"), "0");
    assert_eq!(jp(&mut pg, &ctx, "mixed", ".status.phase"), "Running");
}

#[test]
fn fallback_to_logs_on_error_makes_the_log_tail_the_termination_message() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [sh, -c, 'echo starting; echo \"fatal: config missing\"; exit 3']\n    terminationMessagePolicy: FallbackToLogsOnError\n";
    let (mut pg, ctx) = applied(yaml);
    wait_for(&mut pg, 60, |pg| jp(pg, &ctx, "crash", ".status.phase") == "Failed");
    let msg = jp(&mut pg, &ctx, "crash", ".status.containerStatuses[0].state.terminated.message");
    assert_eq!(msg, "starting\nfatal: config missing\n");
    let yaml_out = run(&mut pg, &ctx, "kubectl get pod crash -o yaml");
    assert!(
        yaml_out.contains("        message: |\n          starting\n          fatal: config missing\n"),
        "{yaml_out}"
    );
    let describe = run(&mut pg, &ctx, "kubectl describe pod crash");
    // describe prints the message as it is (`describeContainerState`), its
    // last newline included, so a blank line follows it.
    assert!(describe.contains("    State:      Terminated\n      Reason:   Error\n      Message:  starting\nfatal: config missing\n\n      Exit Code:    3\n"), "{describe}");
}

#[test]
fn a_successful_exit_under_fallback_to_logs_leaves_no_message() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [sh, -c, 'echo all good']\n    terminationMessagePolicy: FallbackToLogsOnError\n";
    let (mut pg, ctx) = applied(yaml);
    wait_for(&mut pg, 60, |pg| jp(pg, &ctx, "ok", ".status.phase") == "Succeeded");
    assert_eq!(jp(&mut pg, &ctx, "ok", ".status.containerStatuses[0].state.terminated.message"), "");
}

#[test]
fn the_file_policy_reads_the_termination_message_path() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: note\nspec:\n  restartPolicy: Never\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [sh, -c, 'echo \"wrote 3 rows\" > /dev/termination-log']\n";
    let (mut pg, ctx) = applied(yaml);
    wait_for(&mut pg, 60, |pg| jp(pg, &ctx, "note", ".status.phase") == "Succeeded");
    assert_eq!(jp(&mut pg, &ctx, "note", ".status.containerStatuses[0].state.terminated.message"), "wrote 3 rows\n");
}

#[test]
fn the_new_fields_round_trip_through_get_o_yaml() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: fields
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, "sleep 3600"]
    restartPolicy: Never
    restartPolicyRules:
    - action: Restart
      exitCodes:
        operator: NotIn
        values: [0, 1]
    terminationMessagePolicy: FallbackToLogsOnError
    lifecycle:
      postStart:
        sleep:
          seconds: 0
      preStop:
        httpGet:
          path: /drain
          port: 8080
"#;
    let (mut pg, ctx) = applied(yaml);
    let out = run(&mut pg, &ctx, "kubectl get pod fields -o yaml");
    for want in [
        "    lifecycle:\n      postStart:\n        sleep:\n          seconds: 0\n      preStop:\n        httpGet:\n          path: /drain\n          port: 8080\n          scheme: HTTP\n",
        "    restartPolicy: Never\n    restartPolicyRules:\n    - action: Restart\n      exitCodes:\n        operator: NotIn\n        values:\n        - 0\n        - 1\n",
        "    terminationMessagePolicy: FallbackToLogsOnError\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let ctx2 = Context::with_editor(&out);
    let again = run(&mut pg, &ctx2, "kubectl apply -f editor.yaml");
    assert!(again.starts_with("pod/fields "), "{again}");
    let after = run(&mut pg, &ctx, "kubectl get pod fields -o yaml");
    let spec = |s: &str| {
        s.split("\nstatus:")
            .next()
            .unwrap_or("")
            .lines()
            .filter(|l| {
                !l.contains("resourceVersion")
                    && !l.contains("generation")
                    && !l.contains("kubectl.kubernetes.io/last-applied-configuration")
                    && !l.trim_start().starts_with('{')
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(spec(&after), spec(&out));
}
