//! Property tests: no input can panic the validator. Arbitrary bytes,
//! arbitrary YAML-ish trees built from real field names (rendered in block
//! and flow style), and random edits of a valid manifest all go through
//! `check` and `parse`, which must return diagnostics, never panic.

use podplay_engine::{check, parse, Lang};
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "labels",
    "annotations",
    "spec",
    "containers",
    "initContainers",
    "image",
    "ports",
    "containerPort",
    "hostPort",
    "protocol",
    "resources",
    "limits",
    "requests",
    "cpu",
    "memory",
    "volumes",
    "volumeMounts",
    "mountPath",
    "emptyDir",
    "env",
    "value",
    "valueFrom",
    "restartPolicy",
    "livenessProbe",
    "httpGet",
    "port",
    "template",
    "selector",
    "replicas",
    "jobTemplate",
    "schedule",
    "shareProcessNamespace",
    "hostPID",
    "ephemeralContainers",
    "status",
    "<<",
    "lables",
    "sepc",
    "x",
];
const SCALARS: &[&str] = &[
    "v1",
    "Pod",
    "apps/v1",
    "Deployment",
    "batch/v1",
    "CronJob",
    "Job",
    "StatefulSet",
    "Node",
    "demo",
    "Web",
    "nginx",
    "nginx:1.27",
    "0.1",
    "16",
    "128Mi",
    "500m",
    "-1",
    "0",
    "80",
    "80800",
    "yes",
    "no",
    "on",
    "0644",
    "01777",
    "~",
    "null",
    "''",
    "\"\"",
    "<your-image>",
    "$ITEM",
    "a b",
    "TCP",
    "HTTP",
    "Always",
    "1e400",
    ".inf",
    "0x1F",
    "99999999999999999999",
    "\"\\'\"",
    "true",
    "{}",
    "[]",
    "&a x",
    "*a",
    "!!str 1",
    "|\n  text",
];

#[derive(Clone, Debug)]
enum Tree {
    Scalar(usize),
    Map(Vec<(usize, Tree)>),
    Seq(Vec<Tree>),
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = (0..SCALARS.len()).prop_map(Tree::Scalar);
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec((0..KEYS.len(), inner.clone()), 0..6).prop_map(Tree::Map),
            prop::collection::vec(inner, 0..4).prop_map(Tree::Seq),
        ]
    })
}

fn block(t: &Tree, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match t {
        Tree::Scalar(i) => {
            out.push(' ');
            out.push_str(SCALARS[*i]);
            out.push('\n');
        }
        Tree::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Tree::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Tree::Map(entries) => {
            out.push('\n');
            for (k, v) in entries {
                out.push_str(&format!("{pad}{}:", KEYS[*k]));
                block(v, indent + 2, out);
            }
        }
        Tree::Seq(items) => {
            out.push('\n');
            for v in items {
                out.push_str(&format!("{pad}-"));
                block(v, indent + 2, out);
            }
        }
    }
}

fn flow(t: &Tree, out: &mut String) {
    match t {
        Tree::Scalar(i) => out.push_str(SCALARS[*i]),
        Tree::Map(entries) => {
            out.push('{');
            for (k, v) in entries {
                out.push_str(KEYS[*k]);
                out.push_str(": ");
                flow(v, out);
                out.push_str(", ");
            }
            out.push('}');
        }
        Tree::Seq(items) => {
            out.push('[');
            for v in items {
                flow(v, out);
                out.push_str(", ");
            }
            out.push(']');
        }
    }
}

/// Runs everything a caller can run on a source.
fn exercise(source: &str) {
    let diags = check(source);
    for d in &diags {
        let _ = d.render(source, Lang::Ko);
        let _ = d.render(source, Lang::En);
    }
    let parsed = parse(source);
    assert_eq!(parsed.diagnostics.len(), diags.len());
}

const VALID: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n  labels: {app: web}\nspec:\n  initContainers:\n  - name: init\n    image: busybox:1.36\n    restartPolicy: Always\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    resources:\n      limits: {cpu: 500m, memory: 128Mi}\n    volumeMounts:\n    - {name: data, mountPath: /data}\n  volumes:\n  - name: data\n    emptyDir: {}\n";

proptest! {
    // `PODPLAY_FUZZ_CASES=20000 cargo test --release --test validate_fuzz` for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PODPLAY_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        exercise(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_trees_never_panic(t in tree(), pod in any::<bool>()) {
        let mut src = String::new();
        if pod {
            src.push_str("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:");
            block(&t, 2, &mut src);
        } else {
            src.push_str("root:");
            block(&t, 2, &mut src);
        }
        exercise(&src);
        let mut f = String::from("{apiVersion: v1, kind: Pod, metadata: {name: demo}, spec: ");
        flow(&t, &mut f);
        f.push('}');
        exercise(&f);
    }

    #[test]
    fn edited_manifests_never_panic(edits in prop::collection::vec((0usize..400, any::<char>(), any::<bool>()), 1..8)) {
        let mut chars: Vec<char> = VALID.chars().collect();
        for (at, c, insert) in edits {
            let at = at % (chars.len() + 1);
            if insert || at >= chars.len() {
                chars.insert(at, c);
            } else {
                chars.remove(at);
            }
        }
        let src: String = chars.into_iter().collect();
        exercise(&src);
    }
}

/// A YAML single-quoted scalar.
fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Strings and integers that poke the pod-level rules (names, IPs, IDs,
/// cron fields, selectors) at their edges.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9._/*?,@+ -]{0,24}",
        prop::sample::select(vec![
            "",
            ".",
            "..",
            "-",
            "*/0",
            "@every ",
            "@every 1.5.3h",
            "TZ=",
            "CRON_TZ=UTC",
            "1-2-3/4/5",
            "mon-sun",
            "99999999999999999999",
            "-5",
            "::1",
            "1.2.3.4",
            "010.0.0.1",
            "fe80::1%eth0",
            "Localhost",
            "Unmasked",
            "net/ipv4/ip_forward",
            "kernel.shm_rmid_forced",
            "CAP_SYS_ADMIN",
            "Gt",
            "In",
            "Exists",
            "DoNotSchedule",
        ])
        .prop_map(str::to_string),
        "\\PC{0,12}",
    ]
}

fn number() -> impl Strategy<Value = i64> {
    // Mostly int32 (what most of these fields are), so that the typed
    // model decodes and the rules run; sometimes beyond.
    prop_oneof![
        4 => any::<i32>().prop_map(i64::from),
        2 => prop::sample::select(vec![0i64, -1, 1, 100, 101, 2_147_483_647]),
        1 => prop::sample::select(vec![2_147_483_648i64, i64::MIN, i64::MAX]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PODPLAY_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    /// Type-correct pods whose securityContext, sysctls, DNS, host aliases,
    /// affinity and spread constraints carry arbitrary contents, so that
    /// the rules behind the schema check really run on them.
    #[test]
    fn pod_level_rules_never_panic(w in prop::collection::vec(word(), 24), n in prop::collection::vec(number(), 8), lists in prop::collection::vec(0usize..40, 4)) {
        let many = |k: usize, f: &dyn Fn(usize) -> String| (0..lists[k % 4]).map(f).collect::<Vec<_>>().join(", ");
        let src = format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: demo}}\nspec:\n  hostUsers: {hu}\n  hostNetwork: {hn}\n  dnsPolicy: {dp}\n  dnsConfig: {{nameservers: [{ns}], searches: [{se}], options: [{{name: {o}}}]}}\n  hostAliases: [{{ip: {ip}, hostnames: [{hn2}]}}]\n  securityContext:\n    runAsUser: {n0}\n    fsGroup: {n1}\n    supplementalGroups: [{n2}]\n    fsGroupChangePolicy: {fp}\n    seccompProfile: {{type: {st}, localhostProfile: {sl}}}\n    appArmorProfile: {{type: {at}, localhostProfile: {al}}}\n    sysctls: [{sy}]\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: [{{matchExpressions: [{{key: {k1}, operator: {op}, values: [{vals}]}}], matchFields: [{{key: {k2}, operator: {op2}, values: [{vals}]}}]}}]\n      preferredDuringSchedulingIgnoredDuringExecution: [{{weight: {n3}, preference: {{}}}}]\n    podAntiAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution: [{{topologyKey: {tk}, labelSelector: {{matchExpressions: [{{key: {k1}, operator: {op}, values: [{vals}]}}]}}, matchLabelKeys: [{k2}], mismatchLabelKeys: [{k2}], namespaces: [{k1}]}}]\n  topologySpreadConstraints: [{tsc}]\n  containers:\n  - name: web\n    image: nginx:1.27\n    securityContext: {{runAsGroup: {n4}, procMount: {pm}, allowPrivilegeEscalation: {ape}, privileged: {pr}, capabilities: {{add: [{cap}]}}, runAsNonRoot: {rnr}}}\n",
            hu = n[5] % 2 == 0, hn = n[6] % 2 == 0, ape = n[7] % 2 == 0, pr = n[5] % 3 == 0, rnr = n[6] % 3 == 0,
            dp = q(&w[0]), ns = many(0, &|i| q(&w[(i + 1) % 24])), se = many(1, &|i| q(&w[(i + 2) % 24])), o = q(&w[3]),
            ip = q(&w[4]), hn2 = q(&w[5]), n0 = n[0], n1 = n[1], n2 = n[2], n3 = n[3], n4 = n[4],
            fp = q(&w[6]), st = q(&w[7]), sl = q(&w[8]), at = q(&w[9]), al = q(&w[10]),
            sy = many(2, &|i| format!("{{name: {}, value: '1'}}", q(&w[(i + 11) % 24]))),
            k1 = q(&w[12]), k2 = q(&w[13]), op = q(&w[14]), op2 = q(&w[15]), vals = many(3, &|i| q(&w[(i + 16) % 24])),
            tk = q(&w[17]), pm = q(&w[18]), cap = q(&w[19]),
            tsc = many(0, &|i| format!("{{maxSkew: {}, topologyKey: {}, whenUnsatisfiable: {}, minDomains: {}, nodeTaintsPolicy: {}, matchLabelKeys: [{}]}}", n[i % 8], q(&w[(i + 20) % 24]), q(&w[(i + 21) % 24]), n[(i + 1) % 8], q(&w[22]), q(&w[23]))),
        );
        exercise(&src);
    }

    /// CronJobs with arbitrary schedules, names and time zones.
    #[test]
    fn cronjob_rules_never_panic(schedule in word(), name in "[a-z0-9-]{0,80}", zone in word(), limit in number()) {
        let src = format!(
            "apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: {}}}\nspec:\n  schedule: {}\n  timeZone: {}\n  failedJobsHistoryLimit: {limit}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{{name: c, image: busybox:1.36}}]\n",
            q(&name), q(&schedule), q(&zone),
        );
        exercise(&src);
    }
}

#[test]
fn the_valid_manifest_is_valid() {
    let p = parse(VALID);
    assert!(p.is_ok(), "{:#?}", p.diagnostics);
}

#[test]
fn pathological_inputs_are_bounded() {
    let inputs = [
        "[".repeat(50_000),
        "{a: ".repeat(50_000),
        "- ".repeat(50_000),
        format!("a: &a [{}]\nb: &b [{}]\nc: &c [{}]\n", "x, ".repeat(1000), "*a, ".repeat(1000), "*b, ".repeat(1000)),
        "a: b\n".repeat(100_000),
        "\t".repeat(1000),
        "x".repeat(5 * 1024 * 1024),
    ];
    for src in &inputs {
        let diags = check(src);
        for d in &diags {
            assert!(!d.render(src, Lang::En).is_empty());
        }
    }
}
