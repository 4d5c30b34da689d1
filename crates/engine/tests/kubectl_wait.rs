//! `kubectl wait`: conditions met on the virtual clock, the timeout
//! advancing exactly its length, and the errors, as
//! `staging/src/k8s.io/kubectl/pkg/cmd/wait/` words them.

mod kubectl_common;

use kubectl_common::{context, WEB};
use podplay_engine::kubectl::{CommandOutput, Context, Playground};

fn setup() -> (Playground, Context) {
    let mut p = Playground::new(11);
    let ctx = context(WEB);
    assert_eq!(p.run("kubectl apply -f web.yaml", &ctx).stdout, "pod/web created\n");
    (p, ctx)
}

fn parts(out: &CommandOutput) -> (&str, &str, i32) {
    (out.stdout.as_str(), out.stderr.as_str(), out.exit_code)
}

#[test]
fn waits_until_ready_on_the_virtual_clock() {
    let (mut p, ctx) = setup();
    let before = p.cluster.now();
    let out = p.run("kubectl wait --for=condition=Ready pod/web", &ctx);
    assert_eq!(parts(&out), ("pod/web condition met\n", "", 0));
    assert!(out.advanced_ms > 0 && out.advanced_ms < 30_000, "advanced {} ms", out.advanced_ms);
    assert_eq!(p.cluster.now().since(before), out.advanced_ms);
    // Met already: no time passes. Names and values compare case-insensitively.
    let out = p.run("kubectl wait --for condition=ready=TRUE pods web", &ctx);
    assert_eq!((parts(&out), out.advanced_ms), (("pod/web condition met\n", "", 0), 0));
    let out = p.run("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web", &ctx);
    assert_eq!(parts(&out), ("pod/web condition met\n", "", 0));
    let out = p.run("kubectl wait --for=jsonpath=.status.phase pod/web", &ctx);
    assert_eq!(parts(&out), ("pod/web condition met\n", "", 0));
}

#[test]
fn a_timeout_advances_exactly_the_timeout() {
    let (mut p, ctx) = setup();
    p.run("kubectl apply -f crash.yaml", &ctx);
    let out = p.run("kubectl wait --for=condition=Ready pod/crash --timeout=10s", &ctx);
    assert_eq!(parts(&out), ("", "error: timed out waiting for the condition on pods/crash\n", 1));
    assert_eq!(out.advanced_ms, 10_000);
    // The default is 30s.
    let out = p.run("kubectl wait --for=condition=Ready pod/crash", &ctx);
    assert_eq!(
        (out.stderr.as_str(), out.advanced_ms),
        ("error: timed out waiting for the condition on pods/crash\n", 30_000)
    );
    let out = p.run("kubectl wait --for=condition=Ready pod/crash --timeout=1m30s", &ctx);
    assert_eq!(out.advanced_ms, 90_000);
    // Zero checks once.
    let out = p.run("kubectl wait --for=condition=Ready pod/crash --timeout=0", &ctx);
    assert_eq!((parts(&out), out.advanced_ms), (("", "error: condition not met for pods/crash\n", 1), 0));
}

#[test]
fn waits_for_a_deletion() {
    let (mut p, ctx) = setup();
    p.run("kubectl wait --for=condition=Ready pod/web", &ctx);
    let out = p.run("kubectl delete pod web --wait=false", &ctx);
    assert_eq!(out.stdout, "pod \"web\" deleted from default namespace\n");
    let out = p.run("kubectl wait --for=delete pod/web --timeout=60s", &ctx);
    assert_eq!(parts(&out), ("pod/web condition met\n", "", 0));
    assert!(out.advanced_ms > 0 && out.advanced_ms <= 31_000, "advanced {} ms", out.advanced_ms);
    // Already gone: nothing to wait for, nothing printed.
    let out = p.run("kubectl wait --for=delete pod/web", &ctx);
    assert_eq!((parts(&out), out.advanced_ms), (("", "", 0), 0));
}

#[test]
fn errors() {
    let (mut p, ctx) = setup();
    let cases = [
        ("kubectl wait --for=condition=Ready pod/nope", "Error from server (NotFound): pods \"nope\" not found\n"),
        ("kubectl wait --for=foo pod/web", "error: unrecognized condition: \"foo\"\n"),
        ("kubectl wait --for=condition=Ready pods -l app=nope", "error: no matching resources found\n"),
        (
            "kubectl wait --for=condition=Ready pod/web --timeout=abc",
            "error: invalid argument \"abc\" for \"--timeout\" flag: time: invalid duration \"abc\"\nSee 'kubectl wait --help' for usage.\n",
        ),
        (
            "kubectl wait --for=jsonpath='{.status.phase}'= pod/web",
            "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n",
        ),
    ];
    for (line, want) in cases {
        let out = p.run(line, &ctx);
        assert_eq!((out.stderr.as_str(), out.exit_code), (want, 1), "{line}");
    }
    let out = p.run("kubectl wait --for=condition=Ready pods --all --timeout=60s", &ctx);
    assert_eq!(parts(&out), ("pod/web condition met\n", "", 0));
}
