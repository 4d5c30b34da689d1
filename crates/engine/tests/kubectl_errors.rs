//! Golden tests of the informational commands (help, version,
//! api-resources, explain) and of every error line kubectl prints, with our
//! Korean and English explanations beside them.

mod kubectl_common;

use expect_test::expect_file;
use kubectl_common::{context, render, WEB};
use podplay_engine::kubectl::Playground;
use podplay_engine::Lang;

const LINES: &[&str] = &[
    "kubectl version",
    "kubectl version --client",
    "kubectl version -o json",
    "kubectl version -o wide",
    "kubectl api-resources",
    "kubectl api-resources -o wide",
    "kubectl api-resources -o name --namespaced=false",
    "kubectl explain pods",
    "kubectl explain po.spec.containers.livenessProbe",
    "kubectl explain pod.spec.nope",
    "kubectl explain",
    "kubectl explain pdos",
    "kubectl get --help",
    "kubectl gti pods",
    "kubectl aply -f editor.yaml",
    "kubectl zzzzzzzz",
    "kubectl drain worker-1",
    "kubectl get",
    "kubectl get pdos",
    "kubectl get deploy",
    "kubectl get pods --foo",
    "kubectl get pods -x",
    "kubectl get pods -n",
    "kubectl get pods --show-labels=maybe",
    "kubectl get pods -o xml",
    "kubectl get pods -o jsonpath",
    "kubectl get pods -o 'jsonpath={.items[0'",
    "kubectl get pods -l 'app in (a'",
    "kubectl get pods -l '=x'",
    "kubectl get pod pod/web",
    "kubectl --foo",
    "kubectl -n dev get pods",
    "kubectl get nodes nope",
    "ls -l",
    "kubectl get pods 'unterminated",
    "kubectl get pods \"also",
    "kubectl get pods \\",
    "kubectl get\u{1}pods",
    "",
    "   ",
    "clear",
];

#[test]
fn informational_commands_and_errors() {
    let mut p = Playground::new(9);
    let ctx = context(WEB);
    let mut t = String::new();
    for line in LINES {
        let out = p.run(line, &ctx);
        t.push_str(&render(&line.escape_debug().to_string(), &out));
        if out.clear {
            t.push_str("[clear]\n");
        }
        if let Some(e) = &out.explain {
            if out.exit_code != 0 {
                t.push_str(&format!("[ko] {}\n[en] {}\n", e.get(Lang::Ko), e.get(Lang::En)));
            }
        }
        t.push('\n');
    }
    expect_file!["snapshots/kubectl_errors.txt"].assert_eq(&t);
}

#[test]
fn help_lists_commands_in_english_with_korean_beside() {
    let mut p = Playground::new(9);
    let ctx = context(WEB);
    let out = p.run("kubectl help", &ctx);
    let mut t = out.stdout.clone();
    t.push_str("---- ko ----\n");
    t.push_str(out.explain.as_ref().map(|e| e.ko.as_str()).unwrap_or(""));
    expect_file!["snapshots/kubectl_help.txt"].assert_eq(&t);
    assert_eq!(p.run("help", &ctx).stdout, out.stdout);
    assert_eq!(p.run("kubectl", &ctx).stdout, out.stdout);
    assert!(p.run("kubectl logs --help", &ctx).stdout.contains("--previous"));
}

#[test]
fn every_error_has_an_explanation_in_both_languages() {
    let mut p = Playground::new(9);
    let ctx = context(WEB);
    for line in LINES {
        let out = p.run(line, &ctx);
        if out.exit_code != 0 && !line.starts_with("kubectl get pods -l") {
            let e = out.explain.unwrap_or_else(|| panic!("no explanation for {line:?}: {}", out.stderr));
            assert!(!e.ko.is_empty() && !e.en.is_empty(), "{line:?}");
            assert!(e.ko.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)), "Korean text for {line:?}: {}", e.ko);
        }
    }
}
