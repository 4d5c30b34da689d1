//! kubectl in the browser: a command-line interpreter that speaks kubectl
//! against the simulated cluster and prints what kubectl prints.
//!
//! Entry points: [`run_with`] (any [`Backend`]) and [`complete`] for tab
//! completion. A line goes through the shell-like lexer ([`lex`]), the
//! cobra/pflag-like flag parser ([`cli`]), then one verb in `cmd/` (one
//! file per verb, as kubectl's `pkg/cmd/<verb>`), which finds its objects
//! through one target resolver (`target.rs`) and one table of kinds
//! ([`resources`]), and prints with [`printers`] and [`describe`].

pub mod backend;
pub mod cli;
pub mod cluster_backend;
mod cmd;
pub mod complete;
pub(crate) mod data;
pub mod describe;
mod describe_workloads;
pub mod errors;
pub mod fieldsel;
pub mod format;
pub mod help;
pub mod jsonpath;
pub mod lex;
pub mod playground;
pub mod printers;
pub(crate) mod printers_workloads;
mod priority_class;
pub mod resources;
pub mod sel;
pub(crate) mod session;
pub(crate) mod target;
pub mod yaml_out;

use std::collections::BTreeMap;

pub use backend::{ApplyResult, Backend, ContainerMetrics, EventView, ExecOutput, StatusError};
pub use cmd::save_edit;
pub use complete::complete;
pub use playground::Playground;

use crate::text::{Lang, Text};
use crate::time::SimTime;

/// What the terminal passes along with a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Context {
    /// The namespace commands use without `-n`.
    pub namespace: String,
    /// The learner's language, for explanations.
    pub lang: Lang,
    /// Files `-f` can name: `editor.yaml` (the editor's text, also `-f -`)
    /// and the lesson's files, by name.
    pub files: BTreeMap<String, String>,
    /// The longest a `-w` watch, `logs -f` or a waiting delete advances virtual time.
    pub watch_ms_max: u64,
    /// Whether the terminal has an editor `kubectl edit` can open (the
    /// app's); without one, `edit` fails as kubectl does when `vi` is missing.
    pub editor: bool,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            namespace: "default".to_string(),
            lang: Lang::En,
            files: BTreeMap::new(),
            watch_ms_max: 60_000,
            editor: false,
        }
    }
}

impl Context {
    /// A context with the editor's text as `editor.yaml`.
    pub fn with_editor(editor: &str) -> Context {
        let mut ctx = Context::default();
        ctx.files.insert(EDITOR_FILE.to_string(), editor.to_string());
        ctx
    }
}

/// The file name under which the editor's text is available to `-f`.
pub const EDITOR_FILE: &str = "editor.yaml";

/// What a command did to one object (for the UI to highlight).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeAction {
    Created,
    Configured,
    Unchanged,
    Deleted,
    Labeled,
    Annotated,
    Cordoned,
    Uncordoned,
    /// `kubectl taint` changed a node's taints.
    Tainted,
    /// `kubectl drain` evicted a pod.
    Evicted,
    /// `kubectl debug` added an ephemeral container, or `kubectl cp` wrote into a container.
    Updated,
}

/// One object a command created, changed or deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectChange {
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub action: ChangeAction,
}

/// One line a watch (or `logs -f`, `port-forward`) printed, with the virtual
/// time at which it appeared, so the UI can replay it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WatchFrame {
    pub at: SimTime,
    pub line: String,
}

/// The bounded watch of `get -w` and friends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Watch {
    pub frames: Vec<WatchFrame>,
    /// Whether the watch stopped at its time or line limit rather than
    /// because nothing changed any more.
    pub truncated: bool,
}

/// The result of one command line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommandOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    pub changed: Vec<ObjectChange>,
    /// Our explanation of an error (or of a command), in both languages.
    pub explain: Option<Text>,
    pub watch: Option<Watch>,
    /// How far the command advanced virtual time (watch, waiting delete, `logs -f`).
    pub advanced_ms: u64,
    /// The terminal should be cleared (`clear`).
    pub clear: bool,
    /// Files the command wrote on the terminal's side (`kubectl cp POD:/path
    /// LOCAL`), by name, so the app can offer them.
    pub files: BTreeMap<String, String>,
    /// `kubectl edit`: the object to open in the editor.
    pub edit: Option<EditRequest>,
}

/// What `kubectl edit` asks the UI to open: the live object as YAML under
/// kubectl's header comments. Saving it goes through [`save_edit`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditRequest {
    /// The resource as kubectl names it in messages (`pods`, `deployments.apps`).
    pub resource: String,
    pub namespace: String,
    pub name: String,
    /// The text to open: the header comments, then the object.
    pub text: String,
    /// The object as it was opened (YAML without the comments), to tell an
    /// unchanged save.
    pub original: String,
}

impl CommandOutput {
    /// A failed command: one error line on stderr, exit code 1.
    pub fn error(line: impl Into<String>, explain: Option<Text>) -> CommandOutput {
        let mut line = line.into();
        if !line.ends_with('\n') {
            line.push('\n');
        }
        CommandOutput { stderr: line, exit_code: 1, explain, ..CommandOutput::default() }
    }

    /// A successful command printing `text`.
    pub fn ok(text: impl Into<String>) -> CommandOutput {
        CommandOutput { stdout: text.into(), ..CommandOutput::default() }
    }
}

/// Runs one terminal line against any backend. Never panics.
pub fn run_with<B: Backend + ?Sized>(backend: &mut B, line: &str, ctx: &Context) -> CommandOutput {
    let words = match lex::split(line) {
        Ok(w) => w,
        Err(e) => return CommandOutput::error(e.line(), Some(e.explain())),
    };
    let Some((first, rest)) = words.split_first() else { return CommandOutput::default() };
    match first.as_str() {
        "kubectl" | "k" => {}
        "clear" => return CommandOutput { clear: true, ..CommandOutput::default() },
        "help" => return help::top_level(),
        other => {
            let shown: String = other.chars().take(64).collect();
            return CommandOutput {
                stderr: format!("sh: {shown}: command not found\n"),
                exit_code: 127,
                explain: Some(Text::new(
                    format!("이 터미널은 kubectl 명령만 실행합니다. `kubectl {shown}`처럼 kubectl로 시작해 보세요. 파드 안에서 명령을 실행하려면 `kubectl exec 파드이름 -- {shown}`을 사용하세요."),
                    format!("This terminal runs kubectl commands only. Start the line with kubectl. To run a command inside a pod, use `kubectl exec POD -- {shown}`."),
                )),
                ..CommandOutput::default()
            };
        }
    }
    let mut out = cmd::dispatch(backend, rest, ctx);
    if out.exit_code != 0 && out.explain.is_none() {
        out.explain = Some(errors::explain_stderr(&out.stderr));
    }
    out
}

/// How many seconds the watch may stay quiet before it stops.
pub(crate) const WATCH_QUIET_MS: u64 = 15_000;
/// The most lines a watch prints.
pub(crate) const WATCH_LINES_MAX: usize = 200;
