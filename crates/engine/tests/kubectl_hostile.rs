//! Hostile input never panics: a table of nasty lines (unterminated quotes,
//! 100 KB lines, unknown flags, control characters, NUL, bad selectors,
//! bad templates) each gives an error line, and property tests feed
//! arbitrary lines and arbitrary mixes of kubectl words to the interpreter.

mod kubectl_common;

use kubectl_common::{context, WEB};
use podplay_engine::kubectl::{complete, Playground};
use proptest::prelude::*;

fn hostile_lines() -> Vec<String> {
    let mut v: Vec<String> = [
        "kubectl get pods 'unterminated",
        "kubectl get pods \"unterminated",
        "kubectl get pods \\",
        "kubectl get pods --foo",
        "kubectl get pods -Z",
        "kubectl get pods -owide -Q",
        "kubectl get pods\u{0}",
        "kubectl\u{0}get pods",
        "kubectl get pods \u{7}",
        "kubectl get pods '\u{1b}[31m'",
        "kubectl get pods -l '!!!'",
        "kubectl get pods -l 'a in (b'",
        "kubectl get pods -l 'a notin b)'",
        "kubectl get pods -l ',,,'",
        "kubectl get pods -l 'a=b=c'",
        "kubectl get pods -o 'jsonpath={range .items[*]}'",
        "kubectl get pods -o 'jsonpath={end}'",
        "kubectl get pods -o 'jsonpath={.a[?(@.x>1)]}'",
        "kubectl get pods -o 'jsonpath={{{{'",
        "kubectl get pods -o go-template",
        "kubectl get pods -n",
        "kubectl get pods --namespace",
        "kubectl get ---",
        "kubectl get --=x",
        "kubectl run",
        "kubectl run x",
        "kubectl run x --image=",
        "kubectl run -- --image=x",
        "kubectl run x --image=nginx --port=99999",
        "kubectl exec -- ls",
        "kubectl exec web -c",
        "kubectl logs web --tail=-x",
        "kubectl delete pods --grace-period=",
        "kubectl label pod web =x",
        "kubectl label pod web -",
        "kubectl annotate pod web =",
        "kubectl port-forward web 0:0",
        "kubectl port-forward web 70000",
        "kubectl top pod -l '=='",
        "kubectl explain pod..spec",
        "kubectl explain ...",
        "kubectl apply -f",
        "kubectl apply -f ''",
        "kubectl apply -f /etc/passwd",
        "kubectl get pod/",
        "kubectl get /web",
        "kubectl get ,,,",
        "kubectl describe pod/",
        "kubectl cordon ''",
        "kubectl version -o",
        "kubectl -n",
        "kubectl --namespace",
        "kubectl -",
        "kubectl 🚀",
        "🚀 kubectl",
        "kubectl get 파드",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push(format!("kubectl get pods {}", "x".repeat(100 * 1024)));
    v.push(format!("kubectl get pods -l {}", "a=b,".repeat(20_000)));
    v.push("kubectl get ".to_string() + &"po ".repeat(5_000));
    v.push("'".repeat(10_000));
    v.push("\\".repeat(10_001));
    v.push("\u{0}".repeat(1000));
    v
}

#[test]
fn hostile_lines_give_one_error_and_never_panic() {
    let mut p = Playground::new(13);
    let ctx = context(WEB);
    let _ = p.run("kubectl apply -f editor.yaml", &ctx);
    p.cluster.advance_by(10_000);
    for line in hostile_lines() {
        let out = p.run(&line, &ctx);
        let shown: String = line.chars().take(60).collect();
        assert_ne!(out.exit_code, 0, "{shown:?} should fail: {}", out.stdout);
        assert!(!out.stderr.is_empty(), "{shown:?} prints an error");
        assert!(out.stderr.len() < 4096, "{shown:?}: the error line stays short ({} bytes)", out.stderr.len());
        let explain = out.explain.unwrap_or_else(|| panic!("{shown:?} has no explanation"));
        assert!(!explain.ko.is_empty() && !explain.en.is_empty());
        // The terminal must never receive raw control characters.
        assert!(!out.stderr.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{shown:?}: {:?}", out.stderr);
    }
}

#[test]
fn completion_survives_hostile_lines() {
    let mut p = Playground::new(13);
    let ctx = context(WEB);
    let _ = p.run("kubectl apply -f editor.yaml", &ctx);
    for line in hostile_lines() {
        for cursor in [0, 1, line.len() / 2, line.len(), usize::MAX] {
            let c = complete(&p, &line, cursor, &ctx);
            assert!(c.len() <= 100);
        }
    }
}

const WORDS: &[&str] = &[
    "kubectl",
    "get",
    "describe",
    "apply",
    "create",
    "run",
    "delete",
    "logs",
    "exec",
    "top",
    "label",
    "annotate",
    "explain",
    "cordon",
    "uncordon",
    "port-forward",
    "version",
    "api-resources",
    "help",
    "pods",
    "po",
    "pod/web",
    "web",
    "nodes",
    "worker-1",
    "events",
    "all",
    "-n",
    "default",
    "-o",
    "wide",
    "yaml",
    "json",
    "name",
    "jsonpath={.items[*].metadata.name}",
    "-l",
    "app=web",
    "-L",
    "app",
    "--show-labels",
    "-w",
    "-f",
    "editor.yaml",
    "-",
    "--",
    "ls",
    "/shared",
    "-c",
    "nginx",
    "--image=nginx",
    "--restart=Never",
    "--dry-run=client",
    "--previous",
    "--tail=3",
    "8080:80",
    "a=b",
    "a-",
    "--overwrite",
    "--grace-period=0",
    "--force",
    "--all",
    "-A",
    "-it",
    "x",
    "'",
    "\"",
    "\\",
    "--foo",
    "-Z",
    "pod.spec.containers",
    "--containers",
    "--wait=false",
    "--no-headers",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_lines_never_panic(line in "\\PC{0,200}") {
        let mut p = Playground::new(1);
        let mut ctx = context(WEB);
        ctx.watch_ms_max = 3_000;
        let out = p.run(&line, &ctx);
        prop_assert!(out.exit_code == 0 || !out.stderr.is_empty());
        let _ = complete(&p, &line, line.len(), &ctx);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let line = String::from_utf8_lossy(&bytes).to_string();
        let mut p = Playground::new(1);
        let ctx = context(WEB);
        let _ = p.run(&line, &ctx);
        let _ = complete(&p, &line, bytes.len() / 2, &ctx);
    }

    #[test]
    fn kubectl_word_salad_never_panics(words in proptest::collection::vec(proptest::sample::select(WORDS), 0..10)) {
        let mut p = Playground::new(2);
        let mut ctx = context(WEB);
        ctx.watch_ms_max = 3_000;
        let _ = p.run("kubectl apply -f editor.yaml", &ctx);
        p.cluster.advance_by(5_000);
        let line = format!("kubectl {}", words.join(" "));
        let out = p.run(&line, &ctx);
        prop_assert!(out.exit_code == 0 || !out.stderr.is_empty(), "{line}: exit {} without a message", out.exit_code);
        prop_assert!(out.advanced_ms <= 600_000);
        let _ = complete(&p, &line, line.len(), &ctx);
    }
}
