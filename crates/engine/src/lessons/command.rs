//! `command-run` checks: a command line as the check compares it. kubectl
//! lines go through kubectl's own lexer and flag parser (`kubectl::lex`,
//! `kubectl::cli::parse` with the command's flag table) and its one table of
//! resource kinds (`kubectl::resources`), so that every spelling kubectl
//! accepts for the same request compares equal: the verb path (`get`,
//! `create namespace`, `rollout status`), the resource kind after aliases
//! (`po`, `pod`, `pods`, `pod/NAME`), the object names, the flags after
//! normalisation (`-c x`, `-c=x`, `--container x`, `--container=x`) and the
//! words after `--`. Any other line (a node shell's) is compared word by word.

use std::collections::BTreeMap;

use crate::kubectl::cli::{self, Flag, Kind, KubectlCommand, GLOBAL_FLAGS};
use crate::kubectl::resources::{self, Resource};

/// The most words of a line looked at.
const WORDS_MAX: usize = 256;

/// A command line as a check compares it.
#[derive(Clone, Debug)]
pub(crate) enum Shape {
    /// A kubectl line, parsed and normalised.
    Kubectl(KubectlShape),
    /// Any other line: its words.
    Words(Vec<String>),
}

/// A kubectl line after parsing and normalisation.
#[derive(Clone, Debug)]
pub(crate) struct KubectlShape {
    command: &'static KubectlCommand,
    /// The command and its subcommand words: `get`, `create namespace`, `rollout status`.
    pub(crate) path: Vec<String>,
    /// The resource kinds named (`Pod`, `Node`), after aliases.
    pub(crate) kinds: Vec<String>,
    /// The object names and other positional words (`pod/NAME` gives `NAME`).
    pub(crate) names: Vec<String>,
    /// Flag values by long name, normalised.
    pub(crate) flags: BTreeMap<&'static str, Vec<String>>,
    /// The words after `--`, if any.
    pub(crate) after_dash: Option<Vec<String>>,
    /// A type word kubectl does not resolve (`describe crashy`).
    unknown_type: Option<String>,
}

/// Verbs whose first argument is a pod (or `TYPE/NAME`).
const POD_FIRST: &[&str] = &["logs", "exec", "attach", "port-forward", "debug"];
/// Verbs whose arguments are nodes.
const NODE_FIRST: &[&str] = &["cordon", "uncordon", "drain"];
/// Verbs whose first argument is a subcommand word.
const SUBCOMMANDS: &[&str] = &["set", "rollout", "config"];
/// Verbs whose arguments are `TYPE NAME…` or `TYPE/NAME…` (kubectl's resource builder).
const TYPE_FIRST: &[&str] =
    &["get", "describe", "delete", "label", "annotate", "edit", "scale", "wait", "patch", "top", "taint"];

/// Splits a line into words as the terminal does (quotes, escapes); a line
/// the lexer refuses is split at whitespace.
fn words(line: &str) -> Vec<String> {
    let mut w =
        crate::kubectl::lex::split(line).unwrap_or_else(|_| line.split_whitespace().map(str::to_string).collect());
    w.truncate(WORDS_MAX);
    w
}

/// Parses a line. `None`: a kubectl line kubectl itself would refuse
/// (unknown command or flag), which no check can be about.
pub(crate) fn shape(line: &str) -> Option<Shape> {
    let all = words(line);
    match all.split_first() {
        Some((first, rest)) if first == "kubectl" || first == "k" => kubectl_shape(rest).map(Shape::Kubectl),
        _ => Some(Shape::Words(all)),
    }
}

/// The index of the command word, skipping leading global flags as
/// `kubectl -n dev get pods` does (the same walk as `cmd::dispatch`).
fn command_at(words: &[String]) -> Option<usize> {
    let mut i = 0usize;
    while let Some(w) = words.get(i) {
        if w == "-n" || w == "--namespace" {
            i = i.saturating_add(2);
        } else if w.starts_with('-') && w.len() > 1 {
            i = i.saturating_add(1);
        } else {
            return Some(i);
        }
    }
    None
}

fn kubectl_shape(words: &[String]) -> Option<KubectlShape> {
    let at = command_at(words)?;
    let command = cli::find(words.get(at)?)?;
    let mut rest: Vec<String> = words.get(..at).map(<[String]>::to_vec).unwrap_or_default();
    rest.extend(words.get(at.saturating_add(1)..).map(<[String]>::to_vec).unwrap_or_default());
    let inv = cli::parse(command, &rest).ok()?;
    let mut shape = KubectlShape {
        command,
        path: vec![command.name.to_string()],
        kinds: Vec::new(),
        names: Vec::new(),
        flags: BTreeMap::new(),
        after_dash: inv.after_dash.clone(),
        unknown_type: None,
    };
    let args = inv.args.as_slice();
    let name = command.name;
    if name == "create" {
        create_args(&mut shape, args);
    } else if SUBCOMMANDS.contains(&name) {
        if let Some((sub, more)) = args.split_first() {
            shape.path.push(sub.clone());
            if name == "config" {
                shape.names.extend(more.iter().cloned());
            } else {
                resource_args(&mut shape, more);
            }
        }
    } else if POD_FIRST.contains(&name) {
        if let Some((first, more)) = args.split_first() {
            typed_name(&mut shape, first, "Pod");
            shape.names.extend(more.iter().cloned());
        }
    } else if NODE_FIRST.contains(&name) {
        for a in args {
            typed_name(&mut shape, a, "Node");
        }
    } else if TYPE_FIRST.contains(&name) {
        resource_args(&mut shape, args);
    } else if name == "explain" {
        shape.names.extend(args.iter().map(|a| explain_path(a)));
    } else {
        shape.names.extend(args.iter().cloned());
    }
    shape.kinds.sort();
    shape.kinds.dedup();
    for (long, values) in &inv.flags {
        if *long == "help" || (*long == "namespace" && values.last().is_some_and(|v| v == "default")) {
            continue;
        }
        let Some(flag) = flag_def(command, long) else { continue };
        let values = match flag.kind {
            Kind::List => inv.list(long),
            _ => values.last().map(|v| vec![normalise_value(long, v)]).unwrap_or_default(),
        };
        shape.flags.insert(flag.long, values);
    }
    Some(shape)
}

/// `create namespace x` / `create ns x`: the generator's kind joins the
/// path (and `secret`'s type: `create secret generic`); `create -f` has none.
fn create_args(shape: &mut KubectlShape, args: &[String]) {
    let Some((first, more)) = args.split_first() else { return };
    match resources::resolve(first) {
        Some(res) if !first.contains('/') => {
            shape.path.push(res.singular.to_string());
            let more = match (res.singular, more.split_first()) {
                ("secret", Some((ty, after))) => {
                    shape.path.push(ty.clone());
                    after
                }
                _ => more,
            };
            shape.names.extend(more.iter().cloned());
        }
        _ => shape.names.extend(args.iter().cloned()),
    }
}

/// `NAME` of an implied kind, or `TYPE/NAME`.
fn typed_name(shape: &mut KubectlShape, arg: &str, implied: &str) {
    match split_typed(arg) {
        Some((res, name)) => {
            shape.kinds.push(res.kind.to_string());
            shape.names.push(name.to_string());
        }
        None => {
            shape.kinds.push(implied.to_string());
            shape.names.push(arg.to_string());
        }
    }
}

/// `TYPE/NAME` with a type kubectl resolves.
fn split_typed(arg: &str) -> Option<(&'static Resource, &str)> {
    let (t, name) = arg.split_once('/')?;
    let res = resources::resolve(t).filter(|_| !t.is_empty() && !name.is_empty())?;
    Some((res, name))
}

/// kubectl's resource builder: `TYPE[,TYPE] NAME…` or `TYPE/NAME…` (other
/// positional words, such as `label`'s `key=value`, count as names).
fn resource_args(shape: &mut KubectlShape, args: &[String]) {
    let Some((first, more)) = args.split_first() else { return };
    if first.contains('/') {
        for a in args {
            match split_typed(a) {
                Some((res, name)) => {
                    shape.kinds.push(res.kind.to_string());
                    shape.names.push(name.to_string());
                }
                None => shape.names.push(a.clone()),
            }
        }
        return;
    }
    for t in first.split(',') {
        let kind = match resources::resolve(t) {
            Some(r) => r.kind.to_string(),
            None => {
                shape.unknown_type.get_or_insert_with(|| t.to_string());
                t.to_lowercase()
            }
        };
        shape.kinds.push(kind);
    }
    shape.names.extend(more.iter().cloned());
}

/// `explain po.spec` is `explain Pod.spec`.
fn explain_path(arg: &str) -> String {
    let (head, rest) = arg.split_once('.').unwrap_or((arg, ""));
    match resources::resolve(head) {
        Some(res) if rest.is_empty() => res.kind.to_string(),
        Some(res) => format!("{}.{rest}", res.kind),
        None => arg.to_string(),
    }
}

fn flag_def(command: &KubectlCommand, long: &str) -> Option<Flag> {
    command.flags.iter().chain(GLOBAL_FLAGS).find(|f| f.long == long).copied()
}

/// Selectors compare without their spaces (`env in (a, b)` is `env in
/// (a,b)`); `--for po/web` (`kubectl events`) is `--for Pod/web`.
fn normalise_value(long: &str, value: &str) -> String {
    match long {
        "selector" | "field-selector" => value.chars().filter(|c| !c.is_whitespace()).collect(),
        "for" => match split_typed(value) {
            Some((res, name)) => format!("{}/{name}", res.kind),
            None => value.to_string(),
        },
        _ => value.to_string(),
    }
}

impl KubectlShape {
    /// Whether a line the learner ran (`self`) does what the check (`want`) asks.
    fn satisfies(&self, want: &KubectlShape) -> bool {
        self.path == want.path
            && want.kinds.iter().all(|k| self.kinds.contains(k))
            && want.names.iter().all(|n| self.names.contains(n))
            && self.namespace() == want.namespace()
            && want.flags.iter().all(|(long, values)| self.flag_satisfies(long, values))
            && match (&want.after_dash, &self.after_dash) {
                (None, _) => true,
                (Some(w), Some(have)) => have.starts_with(w),
                (Some(w), None) => w.is_empty(),
            }
    }

    /// `-n`, else `default` (the terminal's namespace).
    fn namespace(&self) -> &str {
        self.flags.get("namespace").and_then(|v| v.last()).map(String::as_str).unwrap_or("default")
    }

    fn flag_satisfies(&self, long: &str, want: &[String]) -> bool {
        let have = self.flags.get(long);
        match flag_def(self.command, long).map(|f| f.kind) {
            Some(Kind::Bool) => {
                let have = have.and_then(|v| v.last()).map(String::as_str).unwrap_or("false");
                want.last().is_none_or(|w| w == have)
            }
            Some(Kind::List) => have.is_some_and(|h| want.iter().all(|w| h.contains(w))),
            _ => have.and_then(|v| v.last()) == want.last(),
        }
    }
}

/// Word by word: the same program, then the check's words in order (other
/// words may come between).
fn words_satisfy(have: &[String], want: &[String]) -> bool {
    let (Some(hf), Some(wf)) = (have.first(), want.first()) else { return false };
    if hf != wf {
        return false;
    }
    let mut tokens = have.iter().skip(1);
    want.iter().skip(1).all(|w| tokens.any(|t| t == w))
}

/// Whether a line the learner ran successfully satisfies a check's command.
/// Both are parsed the same way; see the module's documentation.
pub fn command_matches(ran: &str, check: &str) -> bool {
    match (shape(ran), shape(check)) {
        (Some(have), Some(want)) => shape_satisfies(&have, &want),
        _ => false,
    }
}

pub(crate) fn shape_satisfies(have: &Shape, want: &Shape) -> bool {
    match (have, want) {
        (Shape::Kubectl(h), Shape::Kubectl(w)) => h.satisfies(w),
        (Shape::Words(h), Shape::Words(w)) => words_satisfy(h, w),
        _ => false,
    }
}

/// Whether a terminal line applies the editor's text (`kubectl apply -f
/// editor.yaml`, `-f -`, also `create` and `replace`): the app and
/// [`ClusterSim`](super::ClusterSim) then take the editor's text as the
/// manifest last applied (`Facts::applied`), whether or not it succeeded.
pub fn applies_editor(line: &str) -> bool {
    let Some(Shape::Kubectl(s)) = shape(line) else { return false };
    let verb = s.path.first().map(String::as_str).unwrap_or("");
    matches!(verb, "apply" | "create" | "replace")
        && s.flags
            .get("filename")
            .is_some_and(|files| files.iter().any(|f| f == crate::kubectl::EDITOR_FILE || f == "-"))
}

/// Why a check's `command` can never match, if it cannot: kubectl would
/// refuse it (unknown command, flag or resource type).
pub(crate) fn problem(check: &str) -> Option<crate::text::Text> {
    use crate::text::Text;
    match shape(check) {
        None => Some(Text::new(
            format!("kubectl이 `{check}`을(를) 받아들이지 않습니다(알 수 없는 명령이나 플래그). kubectl이 실행하는 명령을 쓰세요."),
            format!("kubectl refuses `{check}` (unknown command or flag); write a command kubectl runs"),
        )),
        Some(Shape::Kubectl(KubectlShape { unknown_type: Some(t), .. })) => Some(Text::new(
            format!("`{check}`: 리소스 종류 `{t}`이(가) 없습니다. `kubectl describe pod NAME`처럼 종류를 쓰세요."),
            format!("`{check}`: there is no resource type `{t}`; name the type, as in `kubectl describe pod NAME`"),
        )),
        Some(Shape::Words(w)) if w.is_empty() => Some(Text::new("command가 비었습니다.", "command is empty")),
        Some(_) => None,
    }
}

/// The legacy `words` way: the words as whole tokens of the line, in order.
pub(crate) fn words_in_order(ran: &str, want: &[String]) -> bool {
    let mut tokens = ran.split_whitespace();
    want.iter().all(|w| tokens.any(|t| t == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOGS: &str = "kubectl logs web -c x";

    #[test]
    fn the_same_request_in_any_spelling_passes() {
        for ran in [
            "kubectl logs web -c x",
            "kubectl logs web -c=x",
            "kubectl logs web -cx",
            "kubectl logs web --container x",
            "kubectl logs web --container=x",
            "kubectl logs pod/web -c x",
            "kubectl logs pods/web -c x",
            "kubectl logs po/web --container=x",
            "kubectl logs -c x web",
            "kubectl -n default logs web -c x",
            "kubectl logs web -c x -n default",
            "kubectl logs web -c x --namespace=default",
            "kubectl logs web -c x --tail 5",
            "k logs web -c x",
            "kubectl logs web -c 'x'",
        ] {
            assert!(command_matches(ran, LOGS), "{ran} should pass {LOGS}");
        }
        for check in ["kubectl get po", "kubectl get pods", "kubectl get pod"] {
            for ran in [
                "kubectl get po",
                "kubectl get pods",
                "kubectl get pod",
                "kubectl get pods -o wide",
                "kubectl get Pods",
            ] {
                assert!(command_matches(ran, check), "{ran} should pass {check}");
            }
        }
        assert!(command_matches("kubectl get pod/web", "kubectl get pod web"));
        assert!(command_matches("kubectl get pods web", "kubectl get pod/web"));
        assert!(command_matches("kubectl describe pods", "kubectl describe pod"));
        assert!(command_matches("kubectl describe pod/crashy", "kubectl describe pod crashy"));
        assert!(command_matches("kubectl top pods", "kubectl top pod"));
        assert!(command_matches("kubectl top po", "kubectl top pod"));
        assert!(command_matches("kubectl get pods --selector app=web", "kubectl get pods -l app=web"));
        assert!(command_matches(
            "kubectl get pods -l='env in (prod, staging)'",
            "kubectl get pods -l 'env in (prod,staging)'"
        ));
        assert!(command_matches("kubectl get pods -L app -L env", "kubectl get pods -L app,env"));
        assert!(command_matches(
            "kubectl exec -it pidshare -c shell -- ps aux",
            "kubectl exec pidshare -c shell -- ps"
        ));
        assert!(command_matches(
            "kubectl exec pidshare -c shell -i -t -- ps",
            "kubectl exec -it pidshare -c shell -- ps"
        ));
        assert!(command_matches("kubectl create ns dev", "kubectl create namespace dev"));
        assert!(command_matches("kubectl rollout status deploy/web", "kubectl rollout status deployment web"));
        assert!(command_matches(
            "kubectl set image deployment/web nginx=nginx:1.27",
            "kubectl set image deploy/web nginx=nginx:1.27"
        ));
        assert!(command_matches(
            "kubectl label pods web-1 env=prod --overwrite",
            "kubectl label pod web-1 env=prod --overwrite"
        ));
        assert!(command_matches("kubectl explain pods.spec.containers", "kubectl explain pod.spec.containers"));
        assert!(command_matches("kubectl get nodes --show-labels", "kubectl get no --show-labels"));
        assert!(command_matches("kubectl get pods --all-namespaces", "kubectl get pods -A"));
        assert!(command_matches("kubectl logs web -c x --previous", "kubectl logs web -c x -p"));
        assert!(command_matches("kubectl get pods -o=wide", "kubectl get pods --output wide"));
        assert!(command_matches("kubectl events --for po/web", "kubectl events --for=pod/web"));
        assert!(command_matches("cat -n /etc/kubernetes/manifests/web.yaml", "cat /etc/kubernetes/manifests/web.yaml"));
    }

    #[test]
    fn a_different_request_does_not_pass() {
        for ran in [
            "kubectl logs web -c y",
            "kubectl logs web",
            "kubectl logs other -c x",
            "kubectl describe pod web",
            "kubectl logs deploy/web -c x",
            "kubectl logs web -c x -n dev",
            "echo kubectl logs web -c x",
            "kubectl logs web -c x --foo",
            "kubectl logz web -c x",
            "",
        ] {
            assert!(!command_matches(ran, LOGS), "{ran} should not pass {LOGS}");
        }
        assert!(!command_matches("kubectl get nodes", "kubectl get pods"));
        assert!(!command_matches("kubectl get pods", "kubectl get pod web"));
        assert!(!command_matches("kubectl get pods -l app=db", "kubectl get pods -l app=web"));
        assert!(!command_matches("kubectl exec pidshare -- ps", "kubectl exec pidshare -c shell -- ps"));
        assert!(!command_matches("kubectl exec pidshare -c shell -- ls", "kubectl exec pidshare -c shell -- ps"));
        assert!(!command_matches("kubectl exec pidshare -c shell", "kubectl exec pidshare -c shell -- ps"));
        assert!(!command_matches("kubectl logs web -c x", "kubectl logs web -c x -p"));
        assert!(!command_matches("kubectl create deployment dev --image=nginx", "kubectl create namespace dev"));
        assert!(!command_matches("kubectl rollout history deploy/web", "kubectl rollout status deploy/web"));
        assert!(!command_matches(
            "kubectl exec web -- cat /etc/kubernetes/manifests/web.yaml",
            "cat /etc/kubernetes/manifests/web.yaml"
        ));
        assert!(!command_matches("ls /etc/kubernetes/manifests", "cat /etc/kubernetes/manifests/web.yaml"));
    }

    #[test]
    fn applying_the_editor_is_recognised() {
        assert!(applies_editor("kubectl apply -f editor.yaml"));
        assert!(applies_editor("kubectl apply --filename=editor.yaml -n default"));
        assert!(applies_editor("kubectl create -f -"));
        assert!(applies_editor("kubectl replace -f editor.yaml --force"));
        assert!(!applies_editor("kubectl apply -f other.yaml"));
        assert!(!applies_editor("kubectl get -f editor.yaml"));
        assert!(!applies_editor("kubectl delete -f editor.yaml"));
    }

    #[test]
    fn commands_kubectl_refuses_are_problems() {
        assert!(problem("kubectl logs web -c x").is_none());
        assert!(problem("cat /etc/kubernetes/manifests/web.yaml").is_none());
        assert!(problem("kubectl describe crashy").is_some_and(|t| t.en.contains("no resource type `crashy`")));
        assert!(problem("kubectl get pods -L").is_some());
        assert!(problem("kubectl logz web").is_some());
    }

    #[test]
    fn hostile_lines_never_panic() {
        for line in [
            "kubectl",
            "kubectl -n",
            "kubectl --",
            "k -- --",
            "kubectl get '",
            "kubectl get //",
            "kubectl logs /",
            "\u{0}",
            "kubectl create secret",
        ] {
            let _ = command_matches(line, line);
            let _ = command_matches(line, LOGS);
        }
    }
}
