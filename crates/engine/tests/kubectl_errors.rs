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

/// Every error path of every command, with a setup that reaches it. Each
/// must print kubectl's English line on stderr, fail, and carry our own
/// explanation (not merely the line quoted back) in Korean and English.
const ERROR_PATHS: &[&str] = &[
    // apply / create / run
    "kubectl apply",
    "kubectl apply -f nope.yaml",
    "kubectl apply -f empty.yaml",
    "kubectl apply -f bad-yaml.yaml",
    "kubectl apply -f invalid.yaml",
    "kubectl apply -f unknown-field.yaml",
    "kubectl apply -f service.yaml",
    "kubectl apply -f web.yaml --dry-run=maybe",
    "kubectl create -f web.yaml",
    "kubectl run",
    "kubectl run x",
    "kubectl run Bad_Name --image=nginx",
    "kubectl run x --image=nginx --restart=Sometimes",
    "kubectl run x --image=nginx --labels=oops",
    "kubectl run x --image=nginx --port=http",
    "kubectl run web --image=nginx",
    // get / describe
    "kubectl get pods nope",
    "kubectl get pods -o 'custom-columns=NAME'",
    "kubectl get pods -o custom-columns",
    "kubectl get pods -o 'jsonpath={.items[*]'",
    "kubectl get pod/web/x",
    "kubectl get all -w",
    "kubectl get svc",
    "kubectl get pods --field-selector foo=bar",
    "kubectl get pods --field-selector oops",
    "kubectl describe",
    "kubectl describe pod nope",
    "kubectl describe deploy web",
    // delete / label / annotate / cordon
    "kubectl delete",
    "kubectl delete pod",
    "kubectl delete pod nope",
    "kubectl delete pod web --grace-period=soon",
    "kubectl delete svc x",
    "kubectl delete deploy",
    "kubectl label pod web",
    "kubectl label pod",
    "kubectl label pod web app=other",
    "kubectl label pod web 'bad key=x'",
    "kubectl label pod web novalue",
    "kubectl label svc x a=b",
    "kubectl label pod -l",
    "kubectl label pod nope a=b",
    "kubectl annotate pod web =x",
    "kubectl annotate pod web",
    "kubectl cordon",
    "kubectl cordon nope",
    "kubectl uncordon --dry-run=later worker-1",
    // logs / exec / top / port-forward
    "kubectl logs",
    "kubectl logs nope",
    "kubectl logs web -c nope",
    "kubectl logs web -c nginx --tail=lots",
    "kubectl logs web -c nginx --previous",
    "kubectl logs deploy/web",
    "kubectl logs huge",
    "kubectl exec",
    "kubectl exec web ls",
    "kubectl exec web --",
    "kubectl exec -it web -c writer -- bash",
    "kubectl exec web -c writer -- cat /nope",
    "kubectl exec web -c writer -- nosuchcommand",
    "kubectl exec huge -- ls",
    "kubectl top services",
    "kubectl top pod huge",
    "kubectl port-forward",
    "kubectl port-forward web 80:http",
    "kubectl port-forward web x",
    "kubectl port-forward huge 8080:80",
    // explain / version / api-resources / unknown
    "kubectl explain",
    "kubectl explain pdos",
    "kubectl explain pod..spec",
    "kubectl explain pod.spec.nope",
    "kubectl version -o wide",
    "kubectl api-resources -o json",
    "kubectl gti pods",
    "kubectl rollout status deploy/web",
    "kubectl get pods --foo",
    "kubectl get pods 'open",
    "ls",
];

#[test]
fn every_error_path_is_explained_in_korean_and_english() {
    let mut p = Playground::new(9);
    let mut ctx = context(WEB);
    ctx.files.insert("empty.yaml".into(), "# nothing here\n".into());
    ctx.files.insert("bad-yaml.yaml".into(), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n".into());
    ctx.files.insert(
        "invalid.yaml".into(),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web\nspec:\n  containers:\n  - name: a\n    image: nginx\n"
            .into(),
    );
    ctx.files.insert("unknown-field.yaml".into(), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: u\nspec:\n  containers:\n  - name: a\n    image: nginx\n    imagePullPolice: Always\n".into());
    ctx.files.insert(
        "service.yaml".into(),
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n".into(),
    );
    let setup = p.run("kubectl apply -f web.yaml -f huge.yaml", &ctx);
    assert_eq!(setup.exit_code, 0, "{setup:?}");
    p.cluster.advance_by(30_000);
    let mut missing = Vec::new();
    for line in ERROR_PATHS {
        let out = p.run(line, &ctx);
        if out.exit_code == 0 || out.stderr.trim().is_empty() {
            missing.push(format!("{line}: should fail with an error line, got {out:?}"));
            continue;
        }
        let Some(e) = &out.explain else {
            missing.push(format!("{line}: no explanation"));
            continue;
        };
        let hangul = e.ko.chars().any(|c| ('가'..='힣').contains(&c));
        if !hangul || e.en.trim().is_empty() {
            missing.push(format!("{line}: ko={:?} en={:?}", e.ko, e.en));
        }
        if e.en.starts_with("kubectl reported an error:") {
            missing.push(format!("{line}: only the generic explanation for {:?}", out.stderr));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
