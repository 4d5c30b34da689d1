//! Property tests: no input can panic the validator. Arbitrary bytes,
//! arbitrary YAML-ish trees built from real field names (rendered in block
//! and flow style), and random edits of a valid manifest all go through
//! `check` and `parse`, which must return diagnostics, never panic.

use podplay_engine::{check, parse, Lang};
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "apiVersion", "kind", "metadata", "name", "labels", "annotations", "spec", "containers", "initContainers",
    "image", "ports", "containerPort", "hostPort", "protocol", "resources", "limits", "requests", "cpu", "memory",
    "volumes", "volumeMounts", "mountPath", "emptyDir", "env", "value", "valueFrom", "restartPolicy",
    "livenessProbe", "httpGet", "port", "template", "selector", "replicas", "jobTemplate", "schedule",
    "shareProcessNamespace", "hostPID", "ephemeralContainers", "status", "<<", "lables", "sepc", "x",
];
const SCALARS: &[&str] = &[
    "v1", "Pod", "apps/v1", "Deployment", "batch/v1", "CronJob", "Job", "StatefulSet", "Node", "demo", "Web",
    "nginx", "nginx:1.27", "0.1", "16", "128Mi", "500m", "-1", "0", "80", "80800", "yes", "no", "on", "0644",
    "01777", "~", "null", "''", "\"\"", "<your-image>", "$ITEM", "a b", "TCP", "HTTP", "Always", "1e400",
    ".inf", "0x1F", "99999999999999999999", "\"\\'\"", "true", "{}", "[]", "&a x", "*a", "!!str 1", "|\n  text",
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
