//! The command table: the kubectl lines learners type (the kubectl cheat
//! sheet, the Pod docs and the seed articles), each with what kubectl 1.35
//! prints for it, in `tables/kubectl_lines.txt`.
//!
//! The file is a transcript: a `$ ` line is typed into the terminal, the
//! lines after it (up to the next `$ ` or `+N`) are its expected output,
//! stderr after `[stderr]`, a non-zero exit code as `[exit N]`. `+N` moves
//! the clock N seconds. `# ` lines are comments. Every command's block ends
//! with one blank line. Every line runs against one
//! playground, in order, from a fixed seed, so pod names and ages are fixed.
//!
//! Each mismatch is reported with its line number, so a wrong answer points
//! at one command. `UPDATE_EXPECT=1` rewrites the file from what the
//! playground prints; a changed block must then be checked against kubectl's
//! source before it is committed.

#[path = "kubectl_common/mod.rs"]
mod common;

use std::fmt::Write as _;

use common::render;
use podplay_engine::kubectl::Playground;

const TABLE: &str = "tests/tables/kubectl_lines.txt";

/// A ReplicationController in JSON, as seed article 003 writes one (with
/// `"volumes": null`, which the API server reads as absent).
const KUBIA_RC: &str = r#"{
  "kind": "ReplicationController",
  "apiVersion": "v1",
  "metadata": {"name": "kubia"},
  "spec": {
    "replicas": 3,
    "template": {
      "metadata": {"labels": {"app": "kubia"}},
      "spec": {
        "volumes": null,
        "containers": [{"name": "kubia", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}]
      }
    }
  }
}
"#;

/// The least number of command lines the table holds (issue #17).
const LINES_MIN: usize = 150;

enum Step {
    Comment(String),
    Advance(u64),
    Command { at: usize, line: String, want: String },
}

fn parse(text: &str) -> Vec<Step> {
    let lines: Vec<&str> = text.lines().collect();
    let mut steps = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        i += 1;
        if let Some(cmd) = line.strip_prefix("$ ") {
            let at = i;
            let mut want = String::new();
            // A block runs to the next command, or to a blank line followed
            // by a comment or a clock step (output may itself start with `# `).
            // Every block ends with one blank line, which is not part of the output.
            while let Some(next) = lines.get(i) {
                let after = lines.get(i + 1).copied();
                let ends =
                    after.is_none_or(|a| a.starts_with("$ ") || a.starts_with("# ") || parse_advance(a).is_some());
                if next.is_empty() && ends {
                    i += 1;
                    break;
                }
                want.push_str(next);
                want.push('\n');
                i += 1;
            }
            steps.push(Step::Command { at, line: cmd.to_string(), want });
        } else if let Some(secs) = parse_advance(line) {
            steps.push(Step::Advance(secs));
        } else if line.starts_with("# ") || *line == "#" {
            steps.push(Step::Comment(line.to_string()));
        }
    }
    steps
}

fn parse_advance(line: &str) -> Option<u64> {
    line.strip_prefix('+').and_then(|n| n.trim().parse().ok())
}

/// `render` prints `$ line` first; the table keeps it on its own.
fn output_of(line: &str, rendered: &str) -> String {
    rendered.strip_prefix(&format!("$ {line}\n")).unwrap_or(rendered).to_string()
}

#[test]
fn every_line_prints_what_kubectl_prints() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE);
    let text = std::fs::read_to_string(&path).expect("the command table exists");
    let steps = parse(&text);
    let mut p = Playground::new(7);
    let mut ctx = common::context("");
    ctx.files.insert("kubia-rc.json".into(), KUBIA_RC.into());
    let mut failures = Vec::new();
    let mut rewritten = String::new();
    let mut count = 0;
    for step in &steps {
        match step {
            Step::Comment(c) => {
                let _ = writeln!(rewritten, "{c}");
            }
            Step::Advance(secs) => {
                p.cluster.advance_by(secs * 1000);
                let _ = writeln!(rewritten, "+{secs}");
            }
            Step::Command { at, line, want } => {
                count += 1;
                let got = output_of(line, &render(line, &p.run(line, &ctx)));
                if &got != want {
                    failures.push(format!("line {at}: $ {line}\n--- want\n{want}--- got\n{got}"));
                }
                let _ = writeln!(rewritten, "$ {line}\n{got}");
            }
        }
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, rewritten).expect("the table can be rewritten");
        return;
    }
    assert!(count >= LINES_MIN, "the table has {count} command lines; it must have at least {LINES_MIN}");
    assert!(failures.is_empty(), "{} of {count} lines differ:\n\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_table_parser_keeps_blocks_apart() {
    let steps =
        parse("# setup\n$ kubectl get ns\nNAME STATUS\n\n+5\n$ kubectl version --client\n[exit 1]\n\n$ kubectl x\n\n$ kubectl set env d --list\n# container c\nA=1\n\n");
    let commands: Vec<_> = steps
        .iter()
        .filter_map(|s| match s {
            Step::Command { line, want, .. } => Some((line.as_str(), want.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        commands,
        [
            ("kubectl get ns", "NAME STATUS\n"),
            ("kubectl version --client", "[exit 1]\n"),
            ("kubectl x", ""),
            ("kubectl set env d --list", "# container c\nA=1\n")
        ]
    );
    assert!(steps.iter().any(|s| matches!(s, Step::Advance(5))));
}
