//! Check evaluation: the `World` a check looks at (plain facts the cluster
//! simulation reports) and `evaluate`, which decides pass or fail and says
//! why in both languages.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::schema::{Check, ContainerStateKind, NsKind};
use crate::text::Text;

/// What a check may ask of the cluster. The cluster simulation implements it;
/// tests use a fake. Every method is cheap to call and never fails: what does
/// not exist is `None` or empty.
pub trait World {
    /// Every pod in every namespace.
    fn pods(&self) -> Vec<PodFacts>;
    /// Every event recorded so far, oldest first.
    fn events(&self) -> Vec<EventFacts>;
    /// The log lines of one container (current run), as `kubectl logs -c` prints them.
    fn logs(&self, namespace: &str, pod: &str, container: &str) -> Vec<String>;
    /// The traffic observed so far, oldest first.
    fn traffic(&self) -> Vec<TrafficFacts>;
    /// Whether two containers of a pod share a namespace; `None` when the pod
    /// or a container does not exist (or is not running).
    fn shares_namespace(&self, namespace: &str, pod: &str, a: &str, b: &str, ns: NsKind) -> Option<bool>;
    /// The content of a file in a container's filesystem; `None` if absent.
    fn file(&self, namespace: &str, pod: &str, container: &str, path: &str) -> Option<String>;
    /// The diagnostics of the manifest the learner last applied (or tried to
    /// apply), never the live editor text; `None` before anything was applied.
    fn diagnostics(&self) -> Option<Vec<DiagnosticFacts>>;
    /// Every terminal command the learner ran **successfully** (exit code 0),
    /// oldest first. A command is recorded after it ran, and only if it
    /// succeeded: a failing command never ticks a `command-run` check.
    fn commands(&self) -> Vec<String>;
    /// Every API object: kind, namespace (empty when cluster-scoped) and name.
    fn objects(&self) -> Vec<ObjectFacts>;
}

/// What a check needs to know about one pod.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodFacts {
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// `metadata.uid`.
    pub uid: String,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    /// `metadata.annotations`.
    pub annotations: BTreeMap<String, String>,
    /// `status.phase`.
    pub phase: String,
    /// `status.qosClass`.
    pub qos_class: String,
    /// The conditions that are `True`, e.g. `PodScheduled`, `Ready`.
    pub true_conditions: Vec<String>,
    /// The controller owner's kind, e.g. `ReplicaSet`, `Job`, `Node`.
    pub owner_kind: Option<String>,
    /// The node it is bound to.
    pub node: Option<String>,
    /// `status.podIP`, once it has one.
    pub pod_ip: Option<String>,
    /// The labels of that node.
    pub node_labels: BTreeMap<String, String>,
    /// The `PodScheduled=False` condition's message, e.g.
    /// `0/2 nodes are available: 2 Insufficient cpu. …`.
    pub unschedulable_message: Option<String>,
    /// Init containers, sidecars included, then regular containers.
    pub containers: Vec<ContainerFacts>,
}

/// What a check needs to know about one container's status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerFacts {
    /// The container's name.
    pub name: String,
    /// Which of `state.waiting`, `state.running`, `state.terminated` is set.
    pub state: ContainerStateKind,
    /// The current state's reason (`CrashLoopBackOff`, `Completed`, `OOMKilled`), if any.
    pub reason: Option<String>,
    /// `lastState.terminated.reason`, if any.
    pub last_reason: Option<String>,
    /// The exit code of the current termination, else of the last one.
    pub exit_code: Option<i32>,
    /// `restartCount`.
    pub restart_count: u32,
    /// `ready`.
    pub ready: bool,
}

/// One event, aggregated the way `kubectl get events` shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFacts {
    /// The event's reason, e.g. `BackOff`.
    pub reason: String,
    /// The involved object's kind, e.g. `Pod`.
    pub object_kind: String,
    /// The involved object's name.
    pub object_name: String,
    /// The event's message.
    pub message: String,
    /// How many times it happened (at least 1).
    pub count: u32,
}

/// One observed piece of traffic.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficFacts {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod where it was seen.
    pub pod: String,
    /// `http`, `tcp`, `file`, …
    pub kind: String,
    /// The sender: a container name, `pod/NAME/CONTAINER`, `kubelet`, `outside`.
    pub from: String,
    /// The receiver: a container name, `pod/NAME`, a host.
    pub to: String,
    /// A one-line description, e.g. `GET / 200` or the shipped log line.
    pub detail: String,
}

/// The name a `traffic` check uses for each kind of traffic the runtime reports.
pub fn traffic_kind_name(kind: crate::runtime::TrafficKind) -> &'static str {
    use crate::runtime::TrafficKind;
    match kind {
        TrafficKind::Localhost => "localhost",
        TrafficKind::PodNetwork => "pod-network",
        TrafficKind::External => "external",
        TrafficKind::VolumeWrite => "volume-write",
        TrafficKind::VolumeRead => "volume-read",
        TrafficKind::Probe => "probe",
    }
}

/// One diagnostic of the manifest last applied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticFacts {
    /// The rule, e.g. `unknown-field`.
    pub rule: String,
    /// The field path, e.g. `metadata.lables`.
    pub path: String,
}

/// One API object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectFacts {
    /// The kind, e.g. `Job`.
    pub kind: String,
    /// Empty for cluster-scoped kinds.
    pub namespace: String,
    /// The object's name.
    pub name: String,
}

/// The outcome of one check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// Whether the check holds.
    pub passed: bool,
    /// Why it passed or what is still missing, in both languages.
    pub detail: Text,
}

fn pass(ko: impl Into<String>, en: impl Into<String>) -> CheckResult {
    CheckResult { passed: true, detail: Text::new(ko, en) }
}

fn fail(ko: impl Into<String>, en: impl Into<String>) -> CheckResult {
    CheckResult { passed: false, detail: Text::new(ko, en) }
}

fn ns_of(namespace: &Option<String>) -> &str {
    namespace.as_deref().filter(|n| !n.is_empty()).unwrap_or("default")
}

fn subset(want: &BTreeMap<String, String>, have: &BTreeMap<String, String>) -> bool {
    want.iter().all(|(k, v)| have.get(k) == Some(v))
}

fn state_name(s: ContainerStateKind) -> &'static str {
    match s {
        ContainerStateKind::Waiting => "waiting",
        ContainerStateKind::Running => "running",
        ContainerStateKind::Terminated => "terminated",
    }
}

fn ns_name(ns: NsKind) -> &'static str {
    match ns {
        NsKind::Net => "net",
        NsKind::Uts => "uts",
        NsKind::Ipc => "ipc",
        NsKind::Pid => "pid",
        NsKind::Mnt => "mnt",
    }
}

/// Evaluates one check against the world: one function per kind of check.
pub fn evaluate(check: &Check, world: &dyn World) -> CheckResult {
    match check {
        Check::Pod {
            name,
            namespace,
            labels,
            annotations,
            phase,
            qos_class,
            condition,
            owner_kind,
            count,
            exists,
            ..
        } => {
            let require = PodWant { annotations, phase, qos_class, condition, owner_kind };
            check_pod(world, name, namespace, labels, count, exists, &require)
        }
        Check::Container {
            pod,
            container,
            namespace,
            state,
            reason,
            last_reason,
            exit_code,
            min_restarts,
            max_restarts,
            ready,
            ..
        } => {
            let want = ContainerWant { state, reason, last_reason, exit_code, min_restarts, max_restarts, ready };
            check_container(world, pod, container, namespace, &want)
        }
        Check::Event { reason, object, message, min_count, .. } => {
            check_event(world, reason, object, message, min_count)
        }
        Check::Scheduled { pod, namespace, node, node_labels, pending, message, .. } => {
            check_scheduled(world, pod, namespace, node, node_labels, pending, message)
        }
        Check::NamespaceShared { pod, namespace, containers, ns, shared, .. } => {
            check_namespace_shared(world, pod, namespace, containers, ns, shared)
        }
        Check::Log { pod, container, namespace, contains, .. } => check_log(world, pod, container, namespace, contains),
        Check::Traffic { pod, namespace, traffic_type, from, to, contains, .. } => {
            check_traffic(world, pod, namespace, traffic_type, from, to, contains)
        }
        Check::File { pod, container, namespace, path, contains, .. } => {
            check_file(world, pod, container, namespace, path, contains)
        }
        Check::Diagnostic { rule, path, present, .. } => check_diagnostic(world, rule, path, present),
        Check::CommandRun { command, words, .. } => check_command_run(world, command.as_deref(), words),
        Check::Object { object_kind, name, namespace, exists, .. } => {
            check_object(world, object_kind, name, namespace, exists)
        }
    }
}

/// What a `pod` check requires of each pod it selects.
#[derive(Clone, Copy)]
struct PodWant<'a> {
    annotations: &'a BTreeMap<String, String>,
    phase: &'a Option<String>,
    qos_class: &'a Option<String>,
    condition: &'a Option<String>,
    owner_kind: &'a Option<String>,
}

/// What a `container` check requires of the container's status.
#[derive(Clone, Copy)]
struct ContainerWant<'a> {
    state: &'a Option<ContainerStateKind>,
    reason: &'a Option<String>,
    last_reason: &'a Option<String>,
    exit_code: &'a Option<i32>,
    min_restarts: &'a Option<u32>,
    max_restarts: &'a Option<u32>,
    ready: &'a Option<bool>,
}

/// `pod`: enough selected pods exist (or none, with `exists: false`) and match.
fn check_pod(
    world: &dyn World,
    name: &Option<String>,
    namespace: &Option<String>,
    labels: &BTreeMap<String, String>,
    count: &Option<u32>,
    exists: &Option<bool>,
    require: &PodWant<'_>,
) -> CheckResult {
    let ns = ns_of(namespace);
    let pods = world.pods();
    let candidates: Vec<&PodFacts> = pods
        .iter()
        .filter(|p| p.namespace == ns)
        .filter(|p| name.as_ref().is_none_or(|n| &p.name == n))
        .filter(|p| subset(labels, &p.labels))
        .collect();
    let what = match name {
        Some(n) => format!("pod/{n}"),
        None => format!("pods {}", selector_text(labels)),
    };
    if *exists == Some(false) {
        return if candidates.is_empty() {
            pass(format!("{what}: 없습니다."), format!("{what}: gone."))
        } else {
            fail(format!("{what}: 아직 있습니다."), format!("{what}: still exists."))
        };
    }
    let want = count.unwrap_or(1).max(1) as usize;
    let mut matching = 0usize;
    let mut first_miss: Option<Text> = None;
    for p in &candidates {
        match pod_mismatch(p, require) {
            None => matching += 1,
            Some(why) => {
                if first_miss.is_none() {
                    first_miss = Some(why);
                }
            }
        }
    }
    if matching >= want {
        pass(format!("{what}: 조건에 맞는 파드 {matching}개"), format!("{what}: {matching} matching"))
    } else if candidates.is_empty() {
        fail(format!("{what}: 파드가 없습니다."), format!("{what}: no such pod."))
    } else if let Some(why) = first_miss.filter(|_| matching == 0 || want == 1) {
        CheckResult { passed: false, detail: why }
    } else {
        fail(
            format!("{what}: 조건에 맞는 파드가 {matching}개입니다. {want}개가 필요합니다."),
            format!("{what}: {matching} matching, {want} needed."),
        )
    }
}

/// `container`: one container's status has the wanted state, reasons and counts.
fn check_container(
    world: &dyn World,
    pod: &String,
    container: &String,
    namespace: &Option<String>,
    want: &ContainerWant<'_>,
) -> CheckResult {
    let ns = ns_of(namespace);
    let pods = world.pods();
    let Some(p) = pods.iter().find(|p| p.namespace == ns && &p.name == pod) else {
        return fail(format!("pod/{pod}: 파드가 없습니다."), format!("pod/{pod}: no such pod."));
    };
    let Some(c) = p.containers.iter().find(|c| &c.name == container) else {
        return fail(
            format!("pod/{pod}: 컨테이너 {container}의 상태가 아직 없습니다."),
            format!("pod/{pod}: no status for container {container} yet."),
        );
    };
    let who = format!("{pod}/{container}");
    if let Some(miss) = container_mismatch(c, &who, want) {
        return miss;
    }
    pass(
        format!("{who}: {} (재시작 {}회)", state_name(c.state), c.restart_count),
        format!("{who}: {} ({} restarts)", state_name(c.state), c.restart_count),
    )
}

/// The first way a container's status differs from what is wanted.
fn container_mismatch(c: &ContainerFacts, who: &str, want: &ContainerWant<'_>) -> Option<CheckResult> {
    let ContainerWant { state, reason, last_reason, exit_code, min_restarts, max_restarts, ready } = *want;
    if let Some(s) = state {
        if c.state != *s {
            return Some(fail(
                format!("{who}: 상태가 {}입니다. {}이어야 합니다.", state_name(c.state), state_name(*s)),
                format!("{who}: state is {}, want {}.", state_name(c.state), state_name(*s)),
            ));
        }
    }
    if let Some(r) = reason {
        if c.reason.as_ref() != Some(r) {
            let have = c.reason.clone().unwrap_or_else(|| "-".into());
            return Some(fail(
                format!("{who}: reason이 {have}입니다. {r}이어야 합니다."),
                format!("{who}: reason is {have}, want {r}."),
            ));
        }
    }
    if let Some(r) = last_reason {
        if c.last_reason.as_ref() != Some(r) {
            let have = c.last_reason.clone().unwrap_or_else(|| "-".into());
            return Some(fail(
                format!("{who}: lastState의 reason이 {have}입니다. {r}이어야 합니다."),
                format!("{who}: last state reason is {have}, want {r}."),
            ));
        }
    }
    if let Some(code) = exit_code {
        if c.exit_code != Some(*code) {
            let have = c.exit_code.map(|x| x.to_string()).unwrap_or_else(|| "-".into());
            return Some(fail(
                format!("{who}: 종료 코드가 {have}입니다. {code}이어야 합니다."),
                format!("{who}: exit code is {have}, want {code}."),
            ));
        }
    }
    if let Some(n) = min_restarts {
        if c.restart_count < *n {
            return Some(fail(
                format!("{who}: 재시작 {}회, 최소 {n}회가 필요합니다.", c.restart_count),
                format!("{who}: {} restarts, at least {n} needed.", c.restart_count),
            ));
        }
    }
    if let Some(n) = max_restarts {
        if c.restart_count > *n {
            return Some(fail(
                format!("{who}: 재시작 {}회, 최대 {n}회까지입니다.", c.restart_count),
                format!("{who}: {} restarts, at most {n} allowed.", c.restart_count),
            ));
        }
    }
    if let Some(r) = ready {
        if c.ready != *r {
            return Some(fail(format!("{who}: ready가 {}입니다.", c.ready), format!("{who}: ready is {}.", c.ready)));
        }
    }
    None
}

/// `event`: events with the reason (and object, message) were seen often enough.
fn check_event(
    world: &dyn World,
    reason: &String,
    object: &Option<String>,
    message: &Option<String>,
    min_count: &Option<u32>,
) -> CheckResult {
    let want = min_count.unwrap_or(1).max(1);
    let total: u32 = world
        .events()
        .iter()
        .filter(|e| &e.reason == reason)
        .filter(|e| object.as_ref().is_none_or(|o| object_matches(o, &e.object_kind, &e.object_name)))
        .filter(|e| message.as_ref().is_none_or(|m| e.message.contains(m.as_str())))
        .fold(0u32, |acc, e| acc.saturating_add(e.count.max(1)));
    if total >= want {
        pass(format!("이벤트 {reason}: {total}번"), format!("event {reason}: {total} times"))
    } else {
        fail(
            format!("이벤트 {reason}: {total}번, {want}번 이상이 필요합니다."),
            format!("event {reason}: {total} times, at least {want} needed."),
        )
    }
}

/// `scheduled`: the pod is bound (to the node, to labelled nodes) or pending.
fn check_scheduled(
    world: &dyn World,
    pod: &String,
    namespace: &Option<String>,
    node: &Option<String>,
    node_labels: &BTreeMap<String, String>,
    pending: &Option<bool>,
    message: &Option<String>,
) -> CheckResult {
    let ns = ns_of(namespace);
    let pods = world.pods();
    let Some(p) = pods.iter().find(|p| p.namespace == ns && &p.name == pod) else {
        return fail(format!("pod/{pod}: 파드가 없습니다."), format!("pod/{pod}: no such pod."));
    };
    if *pending == Some(true) {
        if let Some(n) = &p.node {
            return fail(
                format!("pod/{pod}: 이미 노드 {n}에 배치됐습니다."),
                format!("pod/{pod}: already bound to node {n}."),
            );
        }
    } else if node.is_some() || !node_labels.is_empty() || *pending == Some(false) {
        let Some(bound) = &p.node else {
            return fail(
                format!("pod/{pod}: 아직 노드에 배치되지 않았습니다."),
                format!("pod/{pod}: not scheduled yet."),
            );
        };
        if let Some(n) = node {
            if bound != n {
                return fail(
                    format!("pod/{pod}: 노드 {bound}에 배치됐습니다. {n}이어야 합니다."),
                    format!("pod/{pod}: bound to {bound}, want {n}."),
                );
            }
        }
        if !subset(node_labels, &p.node_labels) {
            return fail(
                format!("pod/{pod}: 노드 {bound}에 레이블 {}이(가) 없습니다.", selector_text(node_labels)),
                format!("pod/{pod}: node {bound} lacks labels {}.", selector_text(node_labels)),
            );
        }
    }
    if let Some(m) = message {
        let have = p.unschedulable_message.clone().unwrap_or_default();
        if !have.contains(m.as_str()) {
            return fail(
                format!("pod/{pod}: 스케줄러 메시지에 \"{m}\"이(가) 없습니다."),
                format!("pod/{pod}: the scheduler's message lacks \"{m}\"."),
            );
        }
    }
    match &p.node {
        Some(n) => pass(format!("pod/{pod}: 노드 {n}"), format!("pod/{pod}: on node {n}")),
        None => pass(format!("pod/{pod}: Pending"), format!("pod/{pod}: Pending")),
    }
}

/// `namespaceShared`: the first container shares (or not) a namespace with the others.
fn check_namespace_shared(
    world: &dyn World,
    pod: &String,
    namespace: &Option<String>,
    containers: &[String],
    ns: &NsKind,
    shared: &Option<bool>,
) -> CheckResult {
    let want = shared.unwrap_or(true);
    let space = ns_of(namespace);
    let Some((first, rest)) = containers.split_first() else {
        return fail("컨테이너 목록이 비었습니다.", "No containers to compare.");
    };
    if rest.is_empty() {
        return fail("컨테이너가 둘 이상 필요합니다.", "At least two containers are needed.");
    }
    for other in rest {
        match world.shares_namespace(space, pod, first, other, *ns) {
            None => {
                return fail(
                    format!("pod/{pod}: {first}와(과) {other}가 아직 실행 중이 아닙니다."),
                    format!("pod/{pod}: {first} and {other} are not running yet."),
                )
            }
            Some(s) if s != want => {
                let (ko, en) =
                    if s { ("공유합니다", "share") } else { ("공유하지 않습니다", "do not share") };
                return fail(
                    format!("pod/{pod}: {first}와(과) {other}가 {} 네임스페이스를 {ko}.", ns_name(*ns)),
                    format!("pod/{pod}: {first} and {other} {en} the {} namespace.", ns_name(*ns)),
                );
            }
            Some(_) => {}
        }
    }
    pass(
        format!("pod/{pod}: {} 네임스페이스 확인", ns_name(*ns)),
        format!("pod/{pod}: {} namespace as expected", ns_name(*ns)),
    )
}

/// `log`: the container logged a line with the text.
fn check_log(
    world: &dyn World,
    pod: &String,
    container: &String,
    namespace: &Option<String>,
    contains: &String,
) -> CheckResult {
    let lines = world.logs(ns_of(namespace), pod, container);
    if lines.iter().any(|l| l.contains(contains.as_str())) {
        pass(format!("{pod}/{container} 로그에 \"{contains}\""), format!("{pod}/{container} logged \"{contains}\""))
    } else {
        fail(
            format!("{pod}/{container} 로그에 \"{contains}\"이(가) 아직 없습니다."),
            format!("{pod}/{container} has not logged \"{contains}\" yet."),
        )
    }
}

/// `traffic`: traffic of the kind, between the ends, was seen in the pod.
fn check_traffic(
    world: &dyn World,
    pod: &String,
    namespace: &Option<String>,
    traffic_type: &Option<String>,
    from: &Option<String>,
    to: &Option<String>,
    contains: &Option<String>,
) -> CheckResult {
    let ns = ns_of(namespace);
    let hit = world.traffic().iter().any(|t| {
        t.namespace == ns
            && &t.pod == pod
            && traffic_type.as_ref().is_none_or(|k| &t.kind == k)
            && from.as_ref().is_none_or(|f| &t.from == f || t.from.ends_with(&format!("/{f}")))
            && to.as_ref().is_none_or(|d| &t.to == d || t.to.ends_with(&format!("/{d}")))
            && contains.as_ref().is_none_or(|c| t.detail.contains(c.as_str()))
    });
    let what = format!(
        "{} {} → {}",
        traffic_type.as_deref().unwrap_or("*"),
        from.as_deref().unwrap_or("*"),
        to.as_deref().unwrap_or("*")
    );
    if hit {
        pass(format!("pod/{pod}: {what} 트래픽 확인"), format!("pod/{pod}: saw {what}"))
    } else {
        fail(format!("pod/{pod}: {what} 트래픽이 아직 없습니다."), format!("pod/{pod}: no {what} traffic yet."))
    }
}

/// `file`: the file exists in the container (and holds the text).
fn check_file(
    world: &dyn World,
    pod: &String,
    container: &String,
    namespace: &Option<String>,
    path: &String,
    contains: &Option<String>,
) -> CheckResult {
    match world.file(ns_of(namespace), pod, container, path) {
        None => {
            fail(format!("{pod}/{container}: {path} 파일이 없습니다."), format!("{pod}/{container}: no file {path}."))
        }
        Some(text) => match contains {
            Some(c) if !text.contains(c.as_str()) => fail(
                format!("{pod}/{container}: {path}에 \"{c}\"이(가) 없습니다."),
                format!("{pod}/{container}: {path} lacks \"{c}\"."),
            ),
            _ => pass(format!("{pod}/{container}: {path} 확인"), format!("{pod}/{container}: {path} is there")),
        },
    }
}

/// `diagnostic`: a diagnostic of the rule (at the path) is shown, or gone,
/// in the manifest last applied; nothing applied yet fails either way.
fn check_diagnostic(world: &dyn World, rule: &Option<String>, path: &Option<String>, present: &bool) -> CheckResult {
    let Some(diagnostics) = world.diagnostics() else {
        return fail(
            "아직 아무것도 적용하지 않았습니다. 매니페스트를 고친 뒤 적용하세요.",
            "nothing applied yet: fix the manifest, then apply it",
        );
    };
    let found = diagnostics
        .iter()
        .any(|d| rule.as_ref().is_none_or(|r| &d.rule == r) && path.as_ref().is_none_or(|p| &d.path == p));
    let what = match (rule, path) {
        (Some(r), Some(p)) => format!("{r} @ {p}"),
        (Some(r), None) => r.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => "*".to_string(),
    };
    match (found, *present) {
        (true, true) => pass(format!("진단 {what}이(가) 보입니다."), format!("diagnostic {what} is shown")),
        (false, false) => pass(format!("진단 {what}이(가) 사라졌습니다."), format!("diagnostic {what} is gone")),
        (false, true) => fail(format!("진단 {what}이(가) 없습니다."), format!("no diagnostic {what}")),
        (true, false) => fail(format!("진단 {what}이(가) 아직 있습니다."), format!("diagnostic {what} is still there")),
    }
}

/// `command-run`: a command that does what the check's command does ran
/// successfully (the world lists only those). Legacy `words` also pass the
/// old way: the words as whole tokens, in order.
fn check_command_run(world: &dyn World, command: Option<&str>, words: &[String]) -> CheckResult {
    let wanted = command.map(str::to_string).unwrap_or_else(|| words.join(" "));
    let shape = super::command::shape(&wanted);
    let ran = world.commands();
    let hit = ran.iter().any(|line| {
        let parsed = match (&shape, super::command::shape(line)) {
            (Some(want), Some(have)) => super::command::shape_satisfies(&have, want),
            _ => false,
        };
        parsed || (command.is_none() && !words.is_empty() && super::command::words_in_order(line, words))
    });
    if hit {
        pass(format!("실행함: {wanted}"), format!("ran: {wanted}"))
    } else {
        fail(format!("아직 실행하지 않았습니다: {wanted}"), format!("not run yet: {wanted}"))
    }
}

/// `object`: an object of the kind and name exists, or is gone.
fn check_object(
    world: &dyn World,
    object_kind: &str,
    name: &String,
    namespace: &Option<String>,
    exists: &Option<bool>,
) -> CheckResult {
    let want = exists.unwrap_or(true);
    let ns = ns_of(namespace);
    let found = world.objects().iter().any(|o| {
        o.kind.eq_ignore_ascii_case(object_kind) && &o.name == name && (o.namespace.is_empty() || o.namespace == ns)
    });
    let what = format!("{}/{name}", object_kind.to_ascii_lowercase());
    match (found, want) {
        (true, true) => pass(format!("{what}: 있습니다."), format!("{what}: exists")),
        (false, false) => pass(format!("{what}: 없습니다."), format!("{what}: gone")),
        (false, true) => fail(format!("{what}: 없습니다."), format!("{what}: not found")),
        (true, false) => fail(format!("{what}: 아직 있습니다."), format!("{what}: still exists")),
    }
}

/// Evaluates every check of a lesson, in order.
pub fn evaluate_all(checks: &[Check], world: &dyn World) -> Vec<CheckResult> {
    checks.iter().map(|c| evaluate(c, world)).collect()
}

fn pod_mismatch(p: &PodFacts, want: &PodWant<'_>) -> Option<Text> {
    let PodWant { annotations, phase, qos_class, condition, owner_kind } = *want;
    let who = format!("pod/{}", p.name);
    if let Some(ph) = phase {
        if &p.phase != ph {
            return Some(Text::new(
                format!("{who}: phase가 {}입니다. {ph}이어야 합니다.", p.phase),
                format!("{who}: phase is {}, want {ph}.", p.phase),
            ));
        }
    }
    if !subset(annotations, &p.annotations) {
        return Some(Text::new(
            format!("{who}: 어노테이션 {}이(가) 없습니다.", selector_text(annotations)),
            format!("{who}: lacks annotations {}.", selector_text(annotations)),
        ));
    }
    if let Some(q) = qos_class {
        if &p.qos_class != q {
            return Some(Text::new(
                format!("{who}: QoS 클래스가 {}입니다. {q}이어야 합니다.", p.qos_class),
                format!("{who}: QoS class is {}, want {q}.", p.qos_class),
            ));
        }
    }
    if let Some(c) = condition {
        if !p.true_conditions.iter().any(|t| t == c) {
            return Some(Text::new(
                format!("{who}: 컨디션 {c}이(가) True가 아닙니다."),
                format!("{who}: condition {c} is not True."),
            ));
        }
    }
    if let Some(k) = owner_kind {
        if p.owner_kind.as_ref() != Some(k) {
            let have = p.owner_kind.clone().unwrap_or_else(|| "-".into());
            return Some(Text::new(
                format!("{who}: 소유자가 {have}입니다. {k}이어야 합니다."),
                format!("{who}: owner is {have}, want {k}."),
            ));
        }
    }
    None
}

fn selector_text(labels: &BTreeMap<String, String>) -> String {
    labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}

/// `kind/name`, `kind.group/name` or a bare name against an event's object.
fn object_matches(pattern: &str, kind: &str, name: &str) -> bool {
    match pattern.split_once('/') {
        Some((k, n)) => {
            let k = k.split('.').next().unwrap_or(k);
            let plural = |s: &str| s.strip_suffix('s').map(str::to_string).unwrap_or_else(|| s.to_string());
            (k.eq_ignore_ascii_case(kind) || plural(k).eq_ignore_ascii_case(kind)) && n == name
        }
        None => pattern == name,
    }
}
