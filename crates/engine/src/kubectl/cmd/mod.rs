//! The kubectl verbs, one file each as kubectl's own `pkg/cmd/<verb>`
//! packages are (all under `staging/src/k8s.io/kubectl/pkg/cmd/`), and the
//! dispatch from the command table (`cli::COMMANDS`) to them. Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/cmd.go`.

// A command's error is its whole output (stderr, exit code, explanation),
// returned once per command line: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::fmt::Write as _;

use super::backend::Backend;
use super::cli::{self, Verb};
use super::{help, CommandOutput, Context};
use crate::text::Text;
use util::Cmd;

pub use edit::save_edit;

mod api_resources;
mod api_versions;
mod apply;
mod attach;
mod cluster_info;
mod componentstatus;
mod config;
mod cordon;
mod cp;
mod create;
mod debug;
mod delete;
mod describe;
mod diff;
pub(crate) mod docs;
mod drain;
mod edit;
mod events;
mod exec;
mod explain;
mod get;
mod jsonpatch;
pub(crate) mod kinds;
mod label;
mod logs;
pub(crate) mod objects;
mod patch;
mod podcmd;
mod port_forward;
mod replace;
mod resize;
mod rollout;
mod run;
mod scale;
mod set;
mod smp;
mod taint;
mod top;
mod unidiff;
mod update;
pub(crate) mod util;
mod version;
mod wait;
mod watch;

/// Finds the command word (skipping leading global flags such as
/// `-n dev`) and runs it.
pub(crate) fn dispatch<B: Backend + ?Sized>(b: &mut B, words: &[String], ctx: &Context) -> CommandOutput {
    let mut i = 0;
    let mut command_at = None;
    while let Some(w) = words.get(i) {
        if w == "-n" || w == "--namespace" {
            i += 2;
            continue;
        }
        if w.starts_with('-') && w.len() > 1 {
            if w == "-h" || w == "--help" {
                return help::top_level();
            }
            i += 1;
            continue;
        }
        command_at = Some(i);
        break;
    }
    let Some(at) = command_at else {
        // Only flags: `kubectl --foo` or `kubectl -n` fails on the flag as kubectl does.
        if let Some(help_cmd) = cli::find("help") {
            if let Err(e) = cli::parse(help_cmd, words) {
                return flag_error(&e.0, "");
            }
        }
        return help::top_level();
    };
    let name = words.get(at).map(String::as_str).unwrap_or("");
    let Some(command) = cli::find(name) else {
        return unknown_command(name);
    };
    let Some(verb) = command.verb else {
        return CommandOutput::error(
            format!("error: \"kubectl {name}\" is not available in this playground"),
            Some(Text::new(
                format!("`kubectl {name}`은(는) 실제 kubectl 명령이지만 이 플레이그라운드에서는 아직 지원하지 않습니다. `kubectl help`로 쓸 수 있는 명령을 확인하세요."),
                format!("`kubectl {name}` is a real kubectl command, but this playground does not support it yet. Run `kubectl help` to see what is available."),
            )),
        );
    };
    let mut rest: Vec<String> = words.get(..at).map(<[String]>::to_vec).unwrap_or_default();
    rest.extend(words.get(at + 1..).map(<[String]>::to_vec).unwrap_or_default());
    let inv = match cli::parse(command, &rest) {
        Ok(inv) => inv,
        Err(e) => return flag_error(&e.0, command.name),
    };
    if inv.on("help") {
        return help::command(command);
    }
    // `-n`, else the kubeconfig context's namespace, else the terminal's.
    let namespace = match inv.get("namespace").filter(|n| !n.is_empty()) {
        Some(n) => n.to_string(),
        None => b.context_namespace().unwrap_or_else(|| ctx.namespace.clone()),
    };
    let c = Cmd { inv: &inv, ctx, ns: namespace };
    run_verb(verb, b, &c)
}

/// Runs one verb: the only place that maps the command table to code.
fn run_verb<B: Backend + ?Sized>(verb: Verb, b: &mut B, c: &Cmd) -> CommandOutput {
    match verb {
        Verb::Get => get::run(b, c),
        Verb::Describe => describe::run(b, c),
        Verb::Apply => apply::run(b, c, false),
        Verb::Create => create::run(b, c),
        Verb::Run => run::run(b, c),
        Verb::Delete => delete::run(b, c),
        Verb::Label => label::run(b, c, true),
        Verb::Annotate => label::run(b, c, false),
        Verb::Logs => logs::run(b, c),
        Verb::Exec => exec::run(b, c),
        Verb::Top => top::run(b, c),
        Verb::PortForward => port_forward::run(b, c),
        Verb::Scale => scale::run(b, c),
        Verb::Rollout => rollout::run(b, c),
        Verb::Set => set::run(b, c),
        Verb::Cordon => cordon::run(b, c, true),
        Verb::Uncordon => cordon::run(b, c, false),
        Verb::Explain => explain::run(c),
        Verb::Version => version::run(c),
        Verb::Config => config::run(b, c),
        Verb::ApiResources => api_resources::run(c),
        Verb::Events => events::run(b, c),
        Verb::Patch => patch::run(b, c),
        Verb::Replace => replace::run(b, c),
        Verb::Wait => wait::run(b, c),
        Verb::Diff => diff::run(b, c),
        Verb::Edit => edit::run(b, c),
        Verb::Help => match c.inv.args.first().and_then(|a| cli::find(a)) {
            Some(cmd) => help::command(cmd),
            None => help::top_level(),
        },
        Verb::ClusterInfo => cluster_info::run(b, c),
        Verb::ApiVersions => api_versions::run(c),
        Verb::Taint => taint::run(b, c),
        Verb::Drain => drain::run(b, c),
        Verb::Cp => cp::run(b, c),
        Verb::Debug => debug::run(b, c),
        Verb::Attach => attach::run(b, c),
    }
}

/// A flag error: pflag's message and where to read about the flags.
fn flag_error(message: &str, command: &str) -> CommandOutput {
    let see = if command.is_empty() { "kubectl --help".to_string() } else { format!("kubectl {command} --help") };
    let mut out = CommandOutput::error(format!("error: {message}\nSee '{see}' for usage."), None);
    out.explain = Some(Text::new(
        format!("플래그를 잘못 썼습니다: `{message}`. `{see}`로 이 명령이 받는 플래그를 확인하세요."),
        format!("A flag is wrong: `{message}`. Run `{see}` to see the flags this command accepts."),
    ));
    out
}

/// `error: unknown command "x" for "kubectl"`, with cobra's suggestions.
fn unknown_command(name: &str) -> CommandOutput {
    let shown: String = name.chars().take(64).collect();
    let mut line = format!("error: unknown command \"{shown}\" for \"kubectl\"");
    let suggestions = cli::suggestions(&shown);
    if !suggestions.is_empty() {
        line.push_str("\n\nDid you mean this?\n");
        for s in &suggestions {
            let _ = writeln!(line, "\t{s}");
        }
    }
    let hint = suggestions.first().map(|s| format!(" `kubectl {s}`")).unwrap_or_default();
    CommandOutput::error(
        line,
        Some(Text::new(
            format!(
                "`{shown}`(이)라는 kubectl 명령은 없습니다.{}",
                if hint.is_empty() {
                    " `kubectl help`로 명령 목록을 확인하세요.".to_string()
                } else {
                    format!("{hint}을(를) 입력하려던 것인가요?")
                }
            ),
            format!(
                "kubectl has no command `{shown}`.{}",
                if hint.is_empty() {
                    " Run `kubectl help` for the list.".to_string()
                } else {
                    format!(" Did you mean{hint}?")
                }
            ),
        )),
    )
}
