//! `podplay-node`: runs a Pod for real on a Linux machine (real namespaces,
//! processes and shared volumes). This is the command-line entry point.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("validate") => validate(&args[1..]),
        Some("--version") | Some("version") => {
            println!("podplay-node {} (Kubernetes {})", env!("CARGO_PKG_VERSION"), podplay_engine::KUBERNETES_VERSION);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: podplay-node validate -f FILE");
            ExitCode::from(2)
        }
    }
}

/// `validate -f FILE`: the same diagnostics the browser shows.
fn validate(args: &[String]) -> ExitCode {
    let Some(path) = args.iter().position(|a| a == "-f").and_then(|i| args.get(i + 1)) else {
        eprintln!("error: validate needs -f FILE");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(err) => {
            eprintln!("error: cannot read {path}: {err}");
            return ExitCode::from(2);
        }
    };
    let diags = podplay_engine::check(&source);
    for d in &diags {
        println!("{path}:{}:{}: {:?}: {}", d.span.line, d.span.col, d.severity, d.message);
    }
    if diags.iter().any(|d| d.severity == podplay_engine::Severity::Error) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
