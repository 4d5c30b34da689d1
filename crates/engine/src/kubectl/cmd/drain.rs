//! `kubectl drain NODE`: cordons the node, then evicts its pods through the
//! eviction API and waits, in virtual time, until they are gone. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go` (`Complete`,
//! `RunDrain`, `deleteOrEvictPodsSimple`, `RunCordonOrUncordon`) and
//! `staging/src/k8s.io/kubectl/pkg/drain/` (`filters.go`: which pods may go,
//! in upstream's filter order; `drain.go`: `evictPods`, `waitForDelete`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::objects::sorted_nodes;
use super::util::{api_error, dry_run, label_filter, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::sel::LabelFilter;
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::kubelet::go_duration;
use crate::model::{Node, Pod};
use crate::text::Text;

const DAEMONSET_FATAL: &str = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMONSET_WARNING: &str = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL: &str = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_STORAGE_WARNING: &str = "deleting Pods with local storage";
const UNMANAGED_FATAL: &str = "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING: &str = "deleting Pods that declare no controller";

/// What the filters decided for one pod (`PodDeleteStatus`).
enum Verdict {
    Delete,
    Skip,
    Warn { delete: bool, message: &'static str },
    Error(&'static str),
}

/// The drain flags that decide what the filters let through.
struct Options {
    force: bool,
    ignore_daemonsets: bool,
    delete_emptydir: bool,
}

fn finished(pod: &Pod) -> bool {
    matches!(pod.status.as_ref().and_then(|s| s.phase.as_deref()), Some("Succeeded") | Some("Failed"))
}

fn controller_kind(pod: &Pod) -> Option<&str> {
    pod.metadata.owner_references.iter().find(|o| o.controller == Some(true)).map(|o| o.kind.as_str())
}

/// The filters of `makeFilters`, in order; the first that keeps a pod wins,
/// otherwise the last verdict stands (a warning of an earlier filter is
/// dropped, as upstream's TODO says).
fn verdict(pod: &Pod, o: &Options) -> Verdict {
    let mut last = Verdict::Delete;
    // daemonSetFilter
    if controller_kind(pod) == Some("DaemonSet") && !finished(pod) {
        return if o.ignore_daemonsets {
            Verdict::Warn { delete: false, message: DAEMONSET_WARNING }
        } else {
            Verdict::Error(DAEMONSET_FATAL)
        };
    }
    // mirrorPodFilter
    if pod.metadata.annotations.contains_key("kubernetes.io/config.mirror") {
        return Verdict::Skip;
    }
    // localStorageFilter
    if pod.spec.volumes.iter().any(|v| v.empty_dir.is_some()) && !finished(pod) {
        if !o.delete_emptydir {
            return Verdict::Error(LOCAL_STORAGE_FATAL);
        }
        last = Verdict::Warn { delete: true, message: LOCAL_STORAGE_WARNING };
    }
    // unreplicatedFilter
    if finished(pod) || controller_kind(pod).is_some() {
        return if matches!(last, Verdict::Warn { .. }) { Verdict::Delete } else { last };
    }
    if o.force {
        return Verdict::Warn { delete: true, message: UNMANAGED_WARNING };
    }
    Verdict::Error(UNMANAGED_FATAL)
}

/// `GetPodsForDeletion`: the pods to evict, the warnings line, or the errors.
fn pods_for_deletion(pods: &[Pod], o: &Options) -> Result<(Vec<Pod>, String), Vec<String>> {
    let mut delete = Vec::new();
    let mut warnings: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut errors: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for pod in pods {
        let id = format!("{}/{}", pod.metadata.namespace, pod.metadata.name);
        match verdict(pod, o) {
            Verdict::Delete => delete.push(pod.clone()),
            Verdict::Skip => {}
            Verdict::Warn { delete: d, message } => {
                warnings.entry(message).or_default().push(id);
                if d {
                    delete.push(pod.clone());
                }
            }
            Verdict::Error(message) => errors.entry(message).or_default().push(id),
        }
    }
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|(msg, pods)| {
                if msg.to_lowercase().starts_with("cannot delete") {
                    format!("{msg}: {}", pods.join(", "))
                } else {
                    format!("cannot delete {msg}: {}", pods.join(", "))
                }
            })
            .collect());
    }
    let warning =
        warnings.into_iter().map(|(msg, pods)| format!("{msg}: {}", pods.join(", "))).collect::<Vec<_>>().join("; ");
    Ok((delete, warning))
}

/// `utilerrors.NewAggregate(errs).Error()`: one message alone, several in brackets.
fn aggregate(errs: &[String]) -> String {
    match errs {
        [one] => one.clone(),
        _ => format!("[{}]", errs.join(", ")),
    }
}

/// Parses a Go duration (`30s`, `2m`, `1h30m`, `500ms`, or `0`) into milliseconds.
pub(crate) fn parse_go_duration(text: &str) -> Option<u64> {
    if text == "0" {
        return Some(0);
    }
    let mut rest = text;
    let mut total: u64 = 0;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let n: u64 = rest.get(..digits)?.parse().ok()?;
        rest = rest.get(digits..)?;
        let (unit_ms, len) = if rest.starts_with("ms") {
            (1u64, 2)
        } else if rest.starts_with('s') {
            (1000, 1)
        } else if rest.starts_with('m') {
            (60_000, 1)
        } else if rest.starts_with('h') {
            (3_600_000, 1)
        } else {
            return None;
        };
        rest = rest.get(len..)?;
        total = total.checked_add(n.checked_mul(unit_ms)?)?;
    }
    Some(total)
}

fn usage(msg: &str, explain: Text) -> CommandOutput {
    CommandOutput::error(format!("error: {msg}\nSee 'kubectl drain -h' for help and examples"), Some(explain))
}

/// The nodes named by the arguments or chosen by `-l`.
fn chosen_nodes<B: Backend + ?Sized>(b: &B, c: &Cmd, filter: &LabelFilter) -> Result<Vec<Node>, CommandOutput> {
    let nodes = sorted_nodes(b);
    if filter.is_set() {
        return Ok(nodes.into_iter().filter(|n| filter.matches(&n.metadata.labels)).collect());
    }
    let mut chosen = Vec::new();
    for arg in &c.inv.args {
        let name = arg.strip_prefix("node/").or_else(|| arg.strip_prefix("nodes/")).unwrap_or(arg);
        match nodes.iter().find(|n| n.metadata.name == name) {
            Some(n) => chosen.push(n.clone()),
            None => return Err(api_error(StatusError::not_found("nodes", name))),
        }
    }
    Ok(chosen)
}

/// `kubectl drain NODE` (cmd/drain/drain.go).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    if c.inv.args.is_empty() && !filter.is_set() {
        return usage(
            "USAGE: drain NODE [flags]",
            Text::new(
                "비울 노드 이름을 지정하세요. 예: `kubectl drain worker-1 --ignore-daemonsets`",
                "Name the node to drain, e.g. `kubectl drain worker-1 --ignore-daemonsets`.",
            ),
        );
    }
    if !c.inv.args.is_empty() && filter.is_set() {
        return usage(
            "error: cannot specify both a node name and a --selector option",
            Text::new(
                "노드 이름과 `-l` 셀렉터 중 하나만 쓰세요.",
                "Give either node names or a `-l` selector, not both.",
            ),
        );
    }
    let grace: Option<i64> = match c.inv.get("grace-period").map(|g| (g, g.parse::<i64>())) {
        None => None,
        Some((_, Ok(n))) if n < 0 => None,
        Some((_, Ok(n))) => Some(n),
        Some((g, Err(_))) => {
            return CommandOutput::error(
                format!("error: invalid argument \"{g}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{g}\": invalid syntax"),
                None,
            )
        }
    };
    let timeout_ms = match c.inv.get("timeout").map(|t| (t, parse_go_duration(t))) {
        None => 0,
        Some((_, Some(ms))) => ms,
        Some((t, None)) => {
            return CommandOutput::error(
                format!("error: invalid argument \"{t}\" for \"--timeout\" flag: time: invalid duration \"{t}\""),
                Some(Text::new(
                    "`--timeout`에는 30s, 2m, 1h 같은 기간을 씁니다(0은 무제한).",
                    "`--timeout` takes a duration such as 30s, 2m or 1h (0 means no limit).",
                )),
            )
        }
    };
    let pod_filter = match LabelFilter::parse(c.inv.get("pod-selector")) {
        Ok(f) => f,
        Err(_) => {
            return CommandOutput::error("error: --pod-selector=<pod_selector> must be a valid label selector", None)
        }
    };
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let nodes = match chosen_nodes(b, c, &filter) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let opts = Options {
        force: c.inv.on("force"),
        ignore_daemonsets: c.inv.on("ignore-daemonsets"),
        delete_emptydir: c.inv.on("delete-emptydir-data"),
    };
    let mut out = CommandOutput::default();
    let suffix = if dry { " (dry run)" } else { "" };
    // RunCordonOrUncordon(true)
    for n in &nodes {
        let name = &n.metadata.name;
        if n.spec.unschedulable.unwrap_or(false) {
            let _ = writeln!(out.stdout, "node/{name} already cordoned{suffix}");
            continue;
        }
        if !dry {
            if let Err(e) = b.set_unschedulable(name, true) {
                let _ = writeln!(out.stderr, "error: unable to cordon node \"{name}\": {}", e.message);
                continue;
            }
            out.changed.push(ObjectChange {
                kind: "Node".into(),
                namespace: String::new(),
                name: name.clone(),
                action: ChangeAction::Cordoned,
            });
        }
        let _ = writeln!(out.stdout, "node/{name} cordoned{suffix}");
    }
    let mut fatal = Vec::new();
    let mut remaining = Vec::new();
    let mut budget_ms = if timeout_ms > 0 { timeout_ms } else { c.ctx.watch_ms_max.min(600_000) };
    for n in &nodes {
        let name = n.metadata.name.clone();
        match drain_node(b, &mut out, &name, &opts, &pod_filter, grace, dry, timeout_ms, &mut budget_ms) {
            Ok(()) => {
                let _ = writeln!(out.stdout, "node/{name} drained{suffix}");
            }
            Err(err) => {
                let _ = writeln!(
                    out.stderr,
                    "error: unable to drain node \"{name}\" due to error: {err}, continuing command..."
                );
                fatal.push(err);
                remaining.push(name);
            }
        }
    }
    if !remaining.is_empty() {
        out.stderr.push_str("There are pending nodes to be drained:\n");
        for r in &remaining {
            let _ = writeln!(out.stderr, " {r}");
        }
        let line = aggregate(&fatal);
        let _ = writeln!(out.stderr, "error: {line}");
        out.exit_code = 1;
        out.explain = Some(explain_error(&line));
    }
    out
}

/// Drains one node: filters its pods, evicts them and waits until they are gone.
#[allow(clippy::too_many_arguments)]
fn drain_node<B: Backend + ?Sized>(
    b: &mut B,
    out: &mut CommandOutput,
    node: &str,
    opts: &Options,
    pod_filter: &LabelFilter,
    grace: Option<i64>,
    dry: bool,
    timeout_ms: u64,
    budget_ms: &mut u64,
) -> Result<(), String> {
    let mut on_node: Vec<Pod> = b
        .pods()
        .into_iter()
        .filter(|p| p.spec.node_name.as_deref() == Some(node) && pod_filter.matches(&p.metadata.labels))
        .collect();
    on_node.sort_by(|x, y| (&x.metadata.namespace, &x.metadata.name).cmp(&(&y.metadata.namespace, &y.metadata.name)));
    let (pods, warning) = pods_for_deletion(&on_node, opts).map_err(|e| aggregate(&e))?;
    if !warning.is_empty() {
        let _ = writeln!(out.stderr, "Warning: {warning}");
    }
    if dry {
        for p in &pods {
            let _ = writeln!(out.stdout, "evicting pod {}/{} (dry run)", p.metadata.namespace, p.metadata.name);
        }
        return Ok(());
    }
    // evictPods: one eviction per pod, then waitForDelete polls every second.
    let mut waiting: Vec<Pod> = Vec::new();
    let mut errors = Vec::new();
    for p in pods {
        let (ns, name) = (p.metadata.namespace.clone(), p.metadata.name.clone());
        let _ = writeln!(out.stdout, "evicting pod {ns}/{name}");
        match b.delete_pod(&ns, &name, grace) {
            Ok(()) => waiting.push(p),
            Err(e) if e.reason == "NotFound" => {}
            Err(e) => errors.push(format!("error when evicting pods/\"{name}\" -n \"{ns}\": {}", e.message)),
        }
    }
    loop {
        let live = b.pods();
        waiting.retain(|p| {
            let gone = !live.iter().any(|l| {
                l.metadata.namespace == p.metadata.namespace
                    && l.metadata.name == p.metadata.name
                    && l.metadata.uid == p.metadata.uid
            });
            if gone {
                let _ = writeln!(out.stdout, "pod/{} evicted", p.metadata.name);
                out.changed.push(ObjectChange {
                    kind: "Pod".into(),
                    namespace: p.metadata.namespace.clone(),
                    name: p.metadata.name.clone(),
                    action: ChangeAction::Evicted,
                });
            }
            !gone
        });
        if waiting.is_empty() || *budget_ms < 1000 {
            break;
        }
        b.advance(1000);
        out.advanced_ms = out.advanced_ms.saturating_add(1000);
        *budget_ms -= 1000;
    }
    for p in &waiting {
        let shown = if timeout_ms > 0 { go_duration(timeout_ms) } else { "2562047h47m16.854775807s".to_string() };
        errors.push(format!(
            "error when waiting for pod \"{}\" in namespace \"{}\" to terminate: global timeout reached: {shown}",
            p.metadata.name, p.metadata.namespace
        ));
    }
    if errors.is_empty() {
        return Ok(());
    }
    let err = aggregate(&errors);
    if !waiting.is_empty() {
        let _ = writeln!(out.stderr, "There are pending pods in node \"{node}\" when an error occurred: {err}");
        for p in &waiting {
            let _ = writeln!(out.stderr, "pod/{}", p.metadata.name);
        }
    }
    Err(err)
}

/// Our explanation of why a drain stopped.
fn explain_error(line: &str) -> Text {
    let mut ko = String::from("노드를 비우지 못했습니다. 노드는 cordon 상태(새 파드 배치 안 됨)로 남아 있습니다.");
    let mut en = String::from("The node was not drained; it stays cordoned (no new pods are scheduled there).");
    if line.contains("declare no controller") {
        ko.push_str(" 컨트롤러(ReplicaSet, Job 등)가 없는 파드는 축출하면 다시 만들어지지 않고 사라집니다. 그래도 지우려면 `--force`를 붙이세요.");
        en.push_str(" A pod with no controller (ReplicaSet, Job, …) is gone for good once evicted; nothing recreates it. Add `--force` to delete it anyway.");
    }
    if line.contains("local storage") {
        ko.push_str(" emptyDir 볼륨의 데이터는 파드와 함께 지워집니다. 괜찮다면 `--delete-emptydir-data`를 붙이세요.");
        en.push_str(
            " The data in emptyDir volumes is deleted with the pod. Add `--delete-emptydir-data` if that is fine.",
        );
    }
    if line.contains("DaemonSet") {
        ko.push_str(
            " DaemonSet 파드는 노드마다 하나씩 돌아야 하므로 축출하지 않습니다. `--ignore-daemonsets`로 건너뛰세요.",
        );
        en.push_str(" DaemonSet pods belong on every node and are not evicted; skip them with `--ignore-daemonsets`.");
    }
    if line.contains("timeout") {
        ko.push_str(
            " 파드가 --timeout 안에 종료되지 않았습니다. 종료 유예 시간(terminationGracePeriodSeconds)을 확인하세요.",
        );
        en.push_str(" The pods did not terminate within --timeout. Check their terminationGracePeriodSeconds.");
    }
    ko.push_str(" 다시 스케줄 가능하게 하려면 `kubectl uncordon 노드이름`을 실행하세요.");
    en.push_str(" Run `kubectl uncordon NODE` to make it schedulable again.");
    Text::new(ko, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_as_go_does() {
        assert_eq!(parse_go_duration("1m30s"), Some(90_000));
        assert_eq!(parse_go_duration("500ms"), Some(500));
        assert_eq!(parse_go_duration("abc"), None);
        assert_eq!(parse_go_duration(""), None);
    }
}
