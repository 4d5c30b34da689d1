//! Check evaluation against a fake `World`: each check kind passes on the
//! facts it asks for and fails, saying why, on facts that differ.

use std::collections::BTreeMap;

use podplay_engine::lessons::{
    evaluate, expand_placeholders, render_placeholders, Check, ContainerFacts, ContainerStateKind, DiagnosticFacts,
    EventFacts, NsKind, ObjectFacts, PodFacts, TrafficFacts, World,
};

#[derive(Default)]
struct Fake {
    pods: Vec<PodFacts>,
    events: Vec<EventFacts>,
    logs: BTreeMap<(String, String), Vec<String>>,
    traffic: Vec<TrafficFacts>,
    /// (pod, container a, container b, ns) → shared
    shared: Vec<(String, String, String, NsKind, bool)>,
    files: BTreeMap<(String, String, String), String>,
    diagnostics: Option<Vec<DiagnosticFacts>>,
    commands: Vec<String>,
    objects: Vec<ObjectFacts>,
}

impl World for Fake {
    fn pods(&self) -> Vec<PodFacts> {
        self.pods.clone()
    }
    fn events(&self) -> Vec<EventFacts> {
        self.events.clone()
    }
    fn logs(&self, _ns: &str, pod: &str, container: &str) -> Vec<String> {
        self.logs.get(&(pod.to_string(), container.to_string())).cloned().unwrap_or_default()
    }
    fn traffic(&self) -> Vec<TrafficFacts> {
        self.traffic.clone()
    }
    fn shares_namespace(&self, _ns: &str, pod: &str, a: &str, b: &str, ns: NsKind) -> Option<bool> {
        self.shared.iter().find(|s| s.0 == pod && s.1 == a && s.2 == b && s.3 == ns).map(|s| s.4)
    }
    fn file(&self, _ns: &str, pod: &str, container: &str, path: &str) -> Option<String> {
        self.files.get(&(pod.to_string(), container.to_string(), path.to_string())).cloned()
    }
    fn diagnostics(&self) -> Option<Vec<DiagnosticFacts>> {
        self.diagnostics.clone()
    }
    fn commands(&self) -> Vec<String> {
        self.commands.clone()
    }
    fn objects(&self) -> Vec<ObjectFacts> {
        self.objects.clone()
    }
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn world() -> Fake {
    let web = PodFacts {
        namespace: "default".into(),
        name: "web".into(),
        uid: "u1".into(),
        labels: labels(&[("app", "web"), ("env", "prod")]),
        annotations: labels(&[("owner", "team-a")]),
        phase: "Running".into(),
        qos_class: "Burstable".into(),
        true_conditions: vec!["PodScheduled".into(), "Ready".into()],
        owner_kind: Some("ReplicaSet".into()),
        node: Some("worker-1".into()),
        pod_ip: Some("10.244.1.5".into()),
        node_labels: labels(&[("disktype", "ssd")]),
        unschedulable_message: None,
        containers: vec![
            ContainerFacts {
                name: "nginx".into(),
                state: ContainerStateKind::Running,
                reason: None,
                last_reason: None,
                exit_code: None,
                restart_count: 0,
                ready: true,
            },
            ContainerFacts {
                name: "app".into(),
                state: ContainerStateKind::Waiting,
                reason: Some("CrashLoopBackOff".into()),
                last_reason: Some("OOMKilled".into()),
                exit_code: Some(137),
                restart_count: 3,
                ready: false,
            },
        ],
    };
    let mut web2 = web.clone();
    web2.name = "web-2".into();
    web2.labels = labels(&[("app", "web"), ("env", "dev")]);
    let big = PodFacts {
        namespace: "default".into(),
        name: "big".into(),
        phase: "Pending".into(),
        unschedulable_message: Some("0/2 nodes are available: 2 Insufficient cpu.".into()),
        ..PodFacts::default()
    };
    let mut logs = BTreeMap::new();
    logs.insert(("web".to_string(), "app".to_string()), vec!["tick 1".to_string(), "tick 2".to_string()]);
    let mut files = BTreeMap::new();
    files.insert(("web".into(), "nginx".into(), "/data/log.txt".into()), "line 1\nline 2\n".into());
    Fake {
        pods: vec![web, web2, big],
        events: vec![
            EventFacts {
                reason: "SuccessfulCreate".into(),
                object_kind: "ReplicaSet".into(),
                object_name: "web".into(),
                message: "Created pod: web-abcde".into(),
                count: 3,
            },
            EventFacts {
                reason: "SuccessfulCreate".into(),
                object_kind: "ReplicaSet".into(),
                object_name: "web".into(),
                message: "Created pod: web-fghij".into(),
                count: 1,
            },
            EventFacts {
                reason: "FailedScheduling".into(),
                object_kind: "Pod".into(),
                object_name: "big".into(),
                message: "0/2 nodes are available: 2 Insufficient cpu.".into(),
                count: 1,
            },
        ],
        logs,
        traffic: vec![TrafficFacts {
            namespace: "default".into(),
            pod: "web".into(),
            kind: "localhost".into(),
            from: "app".into(),
            to: "nginx".into(),
            detail: "localhost:80 GET / 200".into(),
        }],
        shared: vec![
            ("web".into(), "nginx".into(), "app".into(), NsKind::Net, true),
            ("web".into(), "nginx".into(), "app".into(), NsKind::Mnt, false),
        ],
        files,
        diagnostics: Some(vec![DiagnosticFacts { rule: "unknown-field".into(), path: "metadata.lables".into() }]),
        commands: vec![
            "kubectl get pods -l 'env in (prod)'".into(),
            "kubectl label pod web env=prod --overwrite".into(),
        ],
        objects: vec![ObjectFacts { kind: "Job".into(), namespace: "default".into(), name: "hello".into() }],
    }
}

/// One check written as lesson YAML, whether it should pass, and a piece of
/// the English detail.
const CASES: &[(&str, bool, &str)] = &[
    // pod
    ("kind: pod\nname: web\nphase: Running", true, "1 matching"),
    ("kind: pod\nname: web\nphase: Succeeded", false, "phase is Running, want Succeeded"),
    ("kind: pod\nname: nope", false, "no such pod"),
    ("kind: pod\nname: nope\nexists: false", true, "gone"),
    ("kind: pod\nname: web\nexists: false", false, "still exists"),
    ("kind: pod\nlabels: {app: web}\ncount: 2", true, "2 matching"),
    ("kind: pod\nlabels: {app: web, env: prod}\ncount: 2", false, "1 matching, 2 needed"),
    ("kind: pod\nlabels: {app: web}\ncount: 3", false, "2 matching, 3 needed"),
    ("kind: pod\nname: web\nqosClass: Guaranteed", false, "QoS class is Burstable"),
    ("kind: pod\nname: web\ncondition: Ready\nownerKind: ReplicaSet", true, ""),
    ("kind: pod\nname: web\nownerKind: Node", false, "owner is ReplicaSet, want Node"),
    ("kind: pod\nname: web\nannotations: {owner: team-a}", true, ""),
    ("kind: pod\nname: web\nannotations: {owner: team-b}", false, "lacks annotations owner=team-b"),
    ("kind: pod\nname: web\nnamespace: kube-system", false, "no such pod"),
    // container
    (
        "kind: container\npod: web\ncontainer: app\nstate: waiting\nreason: CrashLoopBackOff\nminRestarts: 2",
        true,
        "3 restarts",
    ),
    ("kind: container\npod: web\ncontainer: app\nminRestarts: 5", false, "3 restarts, at least 5 needed"),
    ("kind: container\npod: web\ncontainer: app\nmaxRestarts: 0", false, "at most 0"),
    ("kind: container\npod: web\ncontainer: app\nlastReason: OOMKilled\nexitCode: 137", true, ""),
    ("kind: container\npod: web\ncontainer: app\nstate: running", false, "state is waiting, want running"),
    ("kind: container\npod: web\ncontainer: nginx\nready: true", true, ""),
    ("kind: container\npod: web\ncontainer: sidecar", false, "no status for container sidecar"),
    // event
    ("kind: event\nreason: SuccessfulCreate\nobject: replicaset/web\nminCount: 4", true, "4 times"),
    (
        "kind: event\nreason: SuccessfulCreate\nobject: replicasets/web\nminCount: 5",
        false,
        "4 times, at least 5 needed",
    ),
    ("kind: event\nreason: FailedScheduling\nobject: big\nmessage: Insufficient cpu", true, ""),
    ("kind: event\nreason: FailedScheduling\nobject: pod/web", false, "0 times"),
    // scheduled
    ("kind: scheduled\npod: web\nnode: worker-1\nnodeLabels: {disktype: ssd}", true, "on node worker-1"),
    ("kind: scheduled\npod: web\nnode: worker-2", false, "bound to worker-1, want worker-2"),
    ("kind: scheduled\npod: web\nnodeLabels: {disktype: hdd}", false, "lacks labels disktype=hdd"),
    ("kind: scheduled\npod: big\npending: true\nmessage: Insufficient cpu", true, "Pending"),
    ("kind: scheduled\npod: big\npending: true\nmessage: Insufficient memory", false, "lacks \"Insufficient memory\""),
    ("kind: scheduled\npod: web\npending: true", false, "already bound"),
    ("kind: scheduled\npod: big\nnode: worker-1", false, "not scheduled yet"),
    // namespace-shared
    ("kind: namespace-shared\npod: web\ncontainers: [nginx, app]\nns: net", true, "net namespace"),
    ("kind: namespace-shared\npod: web\ncontainers: [nginx, app]\nns: mnt\nshared: false", true, ""),
    ("kind: namespace-shared\npod: web\ncontainers: [nginx, app]\nns: mnt", false, "do not share the mnt namespace"),
    ("kind: namespace-shared\npod: web\ncontainers: [nginx, app]\nns: pid", false, "not running yet"),
    // log
    ("kind: log\npod: web\ncontainer: app\ncontains: tick 2", true, ""),
    ("kind: log\npod: web\ncontainer: app\ncontains: tick 3", false, "has not logged \"tick 3\" yet"),
    // traffic
    (
        "kind: traffic\npod: web\ntype: localhost\nfrom: app\nto: nginx\ncontains: GET /",
        true,
        "saw localhost app → nginx",
    ),
    ("kind: traffic\npod: web\ntype: external", false, "no external * → * traffic yet"),
    // file
    ("kind: file\npod: web\ncontainer: nginx\npath: /data/log.txt\ncontains: line 2", true, ""),
    ("kind: file\npod: web\ncontainer: app\npath: /data/log.txt", false, "no file /data/log.txt"),
    ("kind: file\npod: web\ncontainer: nginx\npath: /data/log.txt\ncontains: line 9", false, "lacks \"line 9\""),
    // diagnostic
    ("kind: diagnostic\nrule: unknown-field\npath: metadata.lables\npresent: true", true, "is shown"),
    ("kind: diagnostic\nrule: unknown-field\npath: metadata.lables\npresent: false", false, "is still there"),
    ("kind: diagnostic\nrule: memory-without-unit\npresent: false", true, "is gone"),
    // command-run
    ("kind: command-run\nwords: [kubectl, get, pods, -l, in]", true, "ran:"),
    ("kind: command-run\nwords: [kubectl, label, --overwrite]", true, ""),
    // cobra finds the command past leading flags: the same request.
    ("kind: command-run\nwords: [kubectl, --overwrite, label]", true, ""),
    ("kind: command-run\nwords: [kubectl, annotate, --overwrite]", false, "not run yet"),
    // `get pod` is `get pods` (aliases), extra flags allowed.
    ("kind: command-run\nwords: [kubectl, get, pod]", true, "ran:"),
    ("kind: command-run\ncommand: kubectl get po", true, "ran: kubectl get po"),
    ("kind: command-run\ncommand: kubectl label pods/web env=prod", true, ""),
    ("kind: command-run\ncommand: kubectl get pods -l 'env in (prod, staging)'", false, "not run yet"),
    ("kind: command-run\ncommand: kubectl get pods -l 'env in ( prod )'", true, ""),
    ("kind: command-run\ncommand: kubectl get nodes", false, "not run yet"),
    // object
    ("kind: object\nobject: Job\nname: hello", true, "exists"),
    ("kind: object\nobject: job\nname: hello\nexists: false", false, "still exists"),
    ("kind: object\nobject: ReplicaSet\nname: web", false, "not found"),
];

#[test]
fn every_check_kind_evaluates() {
    let w = world();
    for (yaml, want, detail) in CASES {
        let full = format!("{yaml}\ngoal: {{ko: 목표, en: goal}}\n");
        let check: Check = podplay_engine::yaml::from_str(&full).unwrap_or_else(|e| panic!("{yaml}: {e}"));
        let got = evaluate(&check, &w);
        assert_eq!(got.passed, *want, "{yaml}\n→ {:?}", got.detail);
        assert!(got.detail.en.contains(detail), "{yaml}\n→ {:?} lacks {detail:?}", got.detail.en);
        assert!(!got.detail.ko.is_empty());
    }
}

#[test]
fn placeholders_expand_from_the_world() {
    let w = world();
    assert_eq!(
        expand_placeholders("kubectl exec client -- wget -qO- http://{{podIP web}}", &w).unwrap(),
        "kubectl exec client -- wget -qO- http://10.244.1.5"
    );
    assert_eq!(
        expand_placeholders("kubectl delete pod {{pod app=web,env=dev}}", &w).unwrap(),
        "kubectl delete pod web-2"
    );
    assert_eq!(expand_placeholders("no placeholders", &w).unwrap(), "no placeholders");
    assert!(expand_placeholders("kubectl delete pod {{pod app=nope}}", &w).is_err());
    assert!(expand_placeholders("{{what x}}", &w).is_err());
    assert!(expand_placeholders("{{podIP web", &w).is_err());
}

#[test]
fn a_diagnostic_check_fails_before_anything_is_applied() {
    let w = Fake { diagnostics: None, ..Fake::default() };
    for present in ["true", "false"] {
        let yaml =
            format!("kind: diagnostic\nrule: memory-without-unit\npresent: {present}\ngoal: {{ko: 목표, en: goal}}\n");
        let check: Check = podplay_engine::yaml::from_str(&yaml).expect("check");
        let got = evaluate(&check, &w);
        assert!(!got.passed, "present: {present}");
        assert_eq!(got.detail.en, "nothing applied yet: fix the manifest, then apply it");
        assert!(got.detail.ko.contains("적용하지 않았습니다"));
    }
}

#[test]
fn placeholders_render_this_runs_numbers() {
    let w = world();
    let text = "{{restarts web app}} restarts, exit {{exitCode web app}}, {{reason web app}}; \
                node {{node web}}, {{qos web}}, {{phase web}}, {{podIP web}}; \
                {{events SuccessfulCreate}} creates, {{traffic localhost}} localhost, {{traffic external}} external; \
                last: {{lastLog web app}}; {{restarts nope app}} {{node kube-system/web}} {{qos default/web}}";
    assert_eq!(
        render_placeholders(text, &w),
        "3 restarts, exit 137, CrashLoopBackOff; node worker-1, Burstable, Running, 10.244.1.5; \
         4 creates, 1 localhost, 0 external; last: tick 2; - - Burstable"
    );
    // Unknown or unclosed placeholders stay as written; hostile input is bounded.
    assert_eq!(render_placeholders("{{what}} {{qos web", &w), "{{what}} {{qos web");
    let hostile = "{{qos web}}".repeat(10_000) + &"{{".repeat(10_000);
    let out = render_placeholders(&hostile, &w);
    assert!(out.starts_with("BurstableBurstable") && out.len() < hostile.len() * 2);
}
