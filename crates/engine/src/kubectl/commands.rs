//! The kubectl commands: each takes the parsed invocation, talks to the
//! [`Backend`] and prints what kubectl prints. Sources followed are named on
//! each command (all under `staging/src/k8s.io/kubectl/pkg/cmd/`).

// A command's error is its whole output (stderr, exit code, explanation),
// returned once per command line: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::json;

use super::backend::{ApiError, ApplyResult, Backend, EventView};
use super::cli::{self, Invocation};
use super::describe::{describe_node_with, describe_pod_with};
use super::fieldsel::{self, FieldSelector};
use super::format::table;
use super::printers::{self, list_of, to_json, to_yaml, Output, TableOptions};
use super::resources::{self, Resource};
use super::sel::LabelFilter;
use super::{help, Change, ChangeAction, CommandOutput, Context, Watch, WatchFrame, EDITOR_FILE, WATCH_LINES_MAX, WATCH_QUIET_MS};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Node, Pod};
use crate::text::Text;
use crate::time::SimTime;

/// The client and server version `kubectl version` prints.
pub const CLIENT_VERSION: &str = "v1.35.0";
pub const KUSTOMIZE_VERSION: &str = "v5.7.1";

/// The most objects one command acts on.
const OBJECTS_MAX: usize = 500;

/// Finds the command word (skipping leading global flags such as
/// `-n dev`) and runs it.
pub fn dispatch<B: Backend + ?Sized>(b: &mut B, words: &[String], ctx: &Context) -> CommandOutput {
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
    if !command.implemented {
        return CommandOutput::error(
            format!("error: \"kubectl {name}\" is not available in this playground"),
            Some(Text::new(
                format!("`kubectl {name}`은(는) 실제 kubectl 명령이지만 이 플레이그라운드에서는 아직 지원하지 않습니다. `kubectl help`로 쓸 수 있는 명령을 확인하세요."),
                format!("`kubectl {name}` is a real kubectl command, but this playground does not support it yet. Run `kubectl help` to see what is available."),
            )),
        );
    }
    let mut rest: Vec<String> = words.get(..at).map(<[String]>::to_vec).unwrap_or_default();
    rest.extend(words.get(at + 1..).map(<[String]>::to_vec).unwrap_or_default());
    let inv = match cli::parse(command, &rest) {
        Ok(inv) => inv,
        Err(e) => return flag_error(&e.0, command.name),
    };
    if inv.on("help") {
        return help::command(command);
    }
    let namespace = inv.get("namespace").filter(|n| !n.is_empty()).unwrap_or(&ctx.namespace).to_string();
    let c = Cmd { inv: &inv, ctx, ns: namespace };
    match command.name {
        "get" => get(b, &c),
        "describe" => describe(b, &c),
        "apply" => apply(b, &c, false),
        "create" => apply(b, &c, true),
        "run" => run_pod(b, &c),
        "delete" => delete(b, &c),
        "label" => relabel(b, &c, true),
        "annotate" => relabel(b, &c, false),
        "logs" => logs(b, &c),
        "exec" => exec(b, &c),
        "top" => top(b, &c),
        "port-forward" => port_forward(b, &c),
        "scale" => scale(b, &c),
        "cordon" => cordon(b, &c, true),
        "uncordon" => cordon(b, &c, false),
        "explain" => explain(b, &c),
        "version" => version(&c),
        "api-resources" => api_resources(&c),
        "help" => match inv.args.first().and_then(|a| cli::find(a)) {
            Some(cmd) => help::command(cmd),
            None => help::top_level(),
        },
        _ => help::top_level(),
    }
}

struct Cmd<'a> {
    inv: &'a Invocation,
    ctx: &'a Context,
    ns: String,
}

fn flag_error(message: &str, command: &str) -> CommandOutput {
    let see = if command.is_empty() { "kubectl --help".to_string() } else { format!("kubectl {command} --help") };
    let mut out = CommandOutput::error(format!("error: {message}\nSee '{see}' for usage."), None);
    out.explain = Some(Text::new(
        format!("플래그를 잘못 썼습니다: `{message}`. `{see}`로 이 명령이 받는 플래그를 확인하세요."),
        format!("A flag is wrong: `{message}`. Run `{see}` to see the flags this command accepts."),
    ));
    out
}

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
            format!("`{shown}`(이)라는 kubectl 명령은 없습니다.{}", if hint.is_empty() { " `kubectl help`로 명령 목록을 확인하세요.".to_string() } else { format!("{hint}을(를) 입력하려던 것인가요?") }),
            format!("kubectl has no command `{shown}`.{}", if hint.is_empty() { " Run `kubectl help` for the list.".to_string() } else { format!(" Did you mean{hint}?") }),
        )),
    )
}

fn api_error(e: ApiError) -> CommandOutput {
    let explain = e.explain.clone().or_else(|| explain_api_error(&e));
    let line = if e.reason == "Invalid" { format!("The {}", e.message.trim_start_matches("The ")) } else { e.line() };
    CommandOutput::error(line, explain)
}

fn explain_api_error(e: &ApiError) -> Option<Text> {
    match e.reason.as_str() {
        "NotFound" => Some(Text::new(
            format!("API 서버에서 찾을 수 없습니다: {}. 이름과 네임스페이스(-n)를 확인하고 `kubectl get pods`로 목록을 보세요.", e.message),
            format!("The API server has no such object: {}. Check the name and the namespace (-n); `kubectl get pods` lists what exists.", e.message),
        )),
        "AlreadyExists" => Some(Text::new(
            format!("같은 이름의 오브젝트가 이미 있습니다: {}. 바꾸려면 `kubectl apply -f`를 쓰거나 먼저 삭제하세요.", e.message),
            format!("An object with this name already exists: {}. Use `kubectl apply -f` to change it, or delete it first.", e.message),
        )),
        _ => None,
    }
}

fn output(c: &Cmd) -> Result<Output, CommandOutput> {
    printers::parse_output(c.inv.get("output")).map_err(|e| CommandOutput::error(format!("error: {e}"), None))
}

fn label_filter(c: &Cmd) -> Result<LabelFilter, CommandOutput> {
    LabelFilter::parse(c.inv.get("selector")).map_err(|(line, explain)| CommandOutput::error(line, Some(explain)))
}

fn sorted_pods<B: Backend + ?Sized>(b: &B) -> Vec<Pod> {
    let mut pods = b.pods();
    pods.truncate(OBJECTS_MAX);
    pods.sort_by(|x, y| (&x.metadata.namespace, &x.metadata.name).cmp(&(&y.metadata.namespace, &y.metadata.name)));
    pods
}

fn sorted_nodes<B: Backend + ?Sized>(b: &B) -> Vec<Node> {
    let mut nodes = b.nodes();
    nodes.truncate(OBJECTS_MAX);
    nodes.sort_by(|x, y| x.metadata.name.cmp(&y.metadata.name));
    nodes
}

/// The node's InternalIP: the host IP its pods report, or one derived from its position.
fn node_ip<B: Backend + ?Sized>(b: &B, node: &Node) -> String {
    if let Some(ip) = b.node_internal_ip(&node.metadata.name) {
        return ip;
    }
    if let Some(ip) = b.pods().iter().filter(|p| p.spec.node_name.as_deref() == Some(node.metadata.name.as_str())).find_map(|p| {
        p.status.as_ref().and_then(|s| s.host_ip.clone()).filter(|ip| !ip.is_empty())
    }) {
        return ip;
    }
    let index = sorted_nodes(b).iter().position(|n| n.metadata.name == node.metadata.name).unwrap_or(0);
    format!("10.0.0.{}", 10 + index.min(200))
}

/// Splits `TYPE NAME…`, `TYPE/NAME…` and `TYPE1,TYPE2` arguments into
/// (resource, names) requests, in order.
fn resource_args(args: &[String]) -> Result<Vec<(&'static Resource, Vec<String>)>, CommandOutput> {
    let mut out: Vec<(&'static Resource, Vec<String>)> = Vec::new();
    let Some(first) = args.first() else { return Ok(out) };
    if first.contains('/') {
        for a in args {
            if a.split_once('/').is_some_and(|(t, n)| t.is_empty() || n.is_empty() || n.contains('/')) {
                return Err(CommandOutput::error(
                    "error: arguments in resource/name form must have a single resource and name",
                    Some(Text::new(
                        "종류/이름 형식은 `pod/web`처럼 종류와 이름을 하나씩 써야 합니다.",
                        "The type/name form needs one type and one name, like `pod/web`.",
                    )),
                ));
            }
            let Some((t, name)) = a.split_once('/') else {
                return Err(CommandOutput::error(
                    "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
                    None,
                ));
            };
            let res = resolve_type(t)?;
            match out.iter_mut().find(|(r, _)| r.plural == res.plural) {
                Some((_, names)) => names.push(name.to_string()),
                None => out.push((res, vec![name.to_string()])),
            }
        }
        return Ok(out);
    }
    let names: Vec<String> = args.get(1..).map(<[String]>::to_vec).unwrap_or_default();
    if names.iter().any(|n| n.contains('/')) {
        return Err(CommandOutput::error(
            "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
            None,
        ));
    }
    for t in first.split(',') {
        if t == "all" {
            // The "all" category: what `kubectl api-resources -o wide` lists under CATEGORIES.
            for r in ["pods", "deployments", "replicasets", "jobs"] {
                if let Some(res) = resources::resolve(r) {
                    out.push((res, names.clone()));
                }
            }
            continue;
        }
        out.push((resolve_type(t)?, names.clone()));
    }
    Ok(out)
}

fn resolve_type(t: &str) -> Result<&'static Resource, CommandOutput> {
    let shown: String = t.chars().take(64).collect();
    match resources::resolve(t) {
        Some(r) if r.served => Ok(r),
        Some(r) => Err(CommandOutput::error(
            format!("error: {} are not available in this playground", r.plural),
            Some(Text::new(
                format!("{}({})은(는) 실제 쿠버네티스에는 있지만 이 플레이그라운드는 파드, 노드, 이벤트와 디플로이먼트, 레플리카셋, 잡만 다룹니다.", r.plural, r.kind),
                format!("{} ({}) exist in real Kubernetes, but this playground only serves pods, nodes, events, deployments, replicasets and jobs.", r.plural, r.kind),
            )),
        )),
        None => {
            let near: Vec<&str> = resources::RESOURCES
                .iter()
                .filter(|r| r.served && strsim::levenshtein(&shown.to_lowercase(), r.plural) <= 2)
                .map(|r| r.plural)
                .collect();
            let hint = near.first().map(|n| (format!(" `{n}`을(를) 뜻했나요?"), format!(" Did you mean `{n}`?"))).unwrap_or_default();
            Err(CommandOutput::error(
                resources::unknown_type_line(&shown),
                Some(Text::new(
                    format!("`{shown}`(이)라는 리소스 종류는 없습니다.{} `kubectl api-resources`로 목록을 볼 수 있습니다.", hint.0),
                    format!("There is no resource type `{shown}`.{} `kubectl api-resources` lists them.", hint.1),
                )),
            ))
        }
    }
}

fn no_resources(ns: Option<&str>) -> String {
    match ns {
        Some(ns) => format!("No resources found in {ns} namespace.\n"),
        None => "No resources found\n".to_string(),
    }
}

/// One object of a `-f` file.
struct Doc {
    file: String,
    kind: String,
    api_version: String,
    name: String,
    namespace: String,
    /// The object as JSON (Kubernetes converts YAML to JSON before decoding).
    json: String,
    /// Which YAML document of its file it is in (counting the non-empty ones).
    document: usize,
    /// For an item of a `List`, the lines it spans; `None` for a whole document.
    lines: Option<(u32, u32)>,
}

fn read_file(ctx: &Context, name: &str) -> Result<(String, String), CommandOutput> {
    let key = if name == "-" { EDITOR_FILE } else { name.trim_start_matches("./") };
    match ctx.files.get(key) {
        Some(text) => Ok((key.to_string(), text.clone())),
        None => {
            let mut known: Vec<&str> = ctx.files.keys().map(String::as_str).collect();
            known.truncate(10);
            Err(CommandOutput::error(
                format!("error: the path \"{name}\" does not exist"),
                Some(Text::new(
                    format!("`{name}` 파일이 없습니다. 편집기의 내용은 `-f editor.yaml` 또는 `-f -`로 쓸 수 있습니다. 있는 파일: {}", known.join(", ")),
                    format!("There is no file `{name}`. The editor's text is `-f editor.yaml` (or `-f -`). Files available: {}", known.join(", ")),
                )),
            ))
        }
    }
}

fn load_docs(ctx: &Context, files: &[String]) -> Result<Vec<Doc>, CommandOutput> {
    let mut docs = Vec::new();
    for f in files {
        let (file, text) = read_file(ctx, f)?;
        // The validator's reader, so that what is stored is what was
        // validated: YAML 1.1 as go-yaml reads it (`0644` is 420).
        let loaded = crate::yaml::load(&text);
        if let Some(d) = loaded.diagnostics.iter().find(|d| d.severity == Severity::Error) {
            return Err(yaml_syntax_error(&file, d));
        }
        let mut document = 0;
        for yaml_doc in &loaded.documents {
            if yaml_doc.root.is_null() {
                continue;
            }
            // A document with `items` is a list (`kind: List`, or what
            // `kubectl get -o yaml` prints for several objects): kubectl
            // sends each item on its own (`apimachinery/pkg/apis/meta/v1/
            // unstructured/helpers.go` decodes any object with `items` as a
            // list, and the resource builder flattens it).
            match yaml_doc.root.get("items") {
                Some(items) => {
                    for item in items.as_seq().unwrap_or_default() {
                        let lines = Some((item.span.line, item.span.end_line));
                        docs.push(doc_of(&file, item, document, lines)?);
                    }
                }
                None => docs.push(doc_of(&file, &yaml_doc.root, document, None)?),
            }
            document += 1;
            if docs.len() >= OBJECTS_MAX {
                docs.truncate(OBJECTS_MAX);
                break;
            }
        }
    }
    if docs.is_empty() {
        return Err(CommandOutput::error("error: no objects passed to apply", None));
    }
    Ok(docs)
}

/// One object of a `-f` file, which must say its `apiVersion` and `kind`.
fn doc_of(file: &str, node: &crate::yaml::Node, document: usize, lines: Option<(u32, u32)>) -> Result<Doc, CommandOutput> {
    let value = node.to_value();
    let get = |k: &str| value.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let meta = |k: &str| value.get("metadata").and_then(|m| m.get(k)).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let (kind, api_version) = (get("kind"), get("apiVersion"));
    for (missing, what) in [(api_version.is_empty(), "apiVersion"), (kind.is_empty(), "kind")] {
        if missing {
            return Err(CommandOutput::error(
                format!("error: error validating \"{file}\": error validating data: {what} not set; if you choose to ignore these errors, turn validation off with --validate=false"),
                Some(Text::new(
                    format!("{file}의 오브젝트에 `{what}` 필드가 없습니다. 파드라면 `apiVersion: v1`과 `kind: Pod`를 맨 위에 쓰세요."),
                    format!("An object in {file} has no `{what}`. For a pod, start with `apiVersion: v1` and `kind: Pod`."),
                )),
            ));
        }
    }
    Ok(Doc {
        file: file.to_string(),
        name: meta("name"),
        namespace: meta("namespace"),
        json: serde_json::to_string(&value).unwrap_or_default(),
        kind,
        api_version,
        document,
        lines,
    })
}

/// The objects of `-f` files as (resource, namespace, name) targets; an
/// object without a namespace is in the command's.
fn file_targets(c: &Cmd, files: &[String]) -> Result<Vec<(&'static Resource, String, String)>, CommandOutput> {
    let mut targets = Vec::new();
    for Doc { kind, name, namespace, .. } in load_docs(c.ctx, files)? {
        let res = resolve_type(&kind)?;
        targets.push((res, if namespace.is_empty() { c.ns.clone() } else { namespace }, name));
    }
    Ok(targets)
}

/// Runs the engine's validator over a `-f` file, as the API server's
/// validation would. YAML errors fail the whole file; other errors are
/// returned per document (documents without content are skipped, as the
/// YAML decoder skips them).
fn validate_file(file: &str, text: &str) -> Result<Vec<Vec<Diagnostic>>, CommandOutput> {
    let parsed = crate::parse(text);
    let errors: Vec<&Diagnostic> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    if let Some(d) = errors.iter().find(|d| d.rule.starts_with("yaml")) {
        return Err(yaml_syntax_error(file, d));
    }
    // Document line ranges: a document starts after each `---` line.
    let mut ranges: Vec<(u32, u32, bool)> = Vec::new();
    let mut start = 1u32;
    let mut content = false;
    let mut line_no = 0u32;
    for line in text.lines() {
        line_no += 1;
        if line == "---" || line.starts_with("--- ") {
            ranges.push((start, line_no, content));
            start = line_no + 1;
            content = false;
            continue;
        }
        let t = line.trim();
        if !t.is_empty() && !t.starts_with('#') {
            content = true;
        }
    }
    ranges.push((start, u32::MAX, content));
    let docs: Vec<(u32, u32)> = ranges.into_iter().filter(|r| r.2).map(|r| (r.0, r.1)).collect();
    Ok(docs
        .iter()
        .map(|(from, to)| errors.iter().filter(|d| d.span.line >= *from && d.span.line < *to).map(|d| (*d).clone()).collect())
        .collect())
}

/// kubectl's answer to a file that is not YAML (`error converting YAML to JSON`).
fn yaml_syntax_error(file: &str, d: &Diagnostic) -> CommandOutput {
    let msg = if d.message.starts_with("yaml:") { d.message.clone() } else { format!("yaml: line {}: {}", d.span.line, d.message) };
    CommandOutput::error(format!("error: error parsing {file}: error converting YAML to JSON: {msg}"), Some(located_explain(file, d)))
}

fn located_explain(file: &str, d: &Diagnostic) -> Text {
    Text::new(
        format!("{file} {}:{} — {}", d.span.line, d.span.col, d.explain.ko),
        format!("{file} {}:{} — {}", d.span.line, d.span.col, d.explain.en),
    )
}

/// `The Pod "x" is invalid: …` for one document's validation errors
/// (a single error inline, several as a bulleted list, as apimachinery's
/// `errors.NewInvalid` formats an aggregate).
fn invalid_line(kind: &str, name: &str, errors: &[Diagnostic]) -> String {
    match errors {
        [one] if !one.path.is_empty() => format!("The {kind} \"{name}\" is invalid: {}", one.message),
        [one] => format!("error: error validating data: {}; if you choose to ignore these errors, turn validation off with --validate=false", one.message),
        many => {
            let mut s = format!("The {kind} \"{name}\" is invalid: ");
            for d in many {
                s.push_str("\n* ");
                s.push_str(&d.message);
            }
            s
        }
    }
}

/// `pod`, `deployment.apps`: how kubectl names a kind in `pod/x created`.
fn kind_ref(kind: &str, api_version: &str) -> String {
    match api_version.split_once('/') {
        Some((group, _)) => format!("{}.{group}", kind.to_lowercase()),
        None => kind.to_lowercase(),
    }
}

fn dry_run(c: &Cmd) -> Result<bool, CommandOutput> {
    match c.inv.get("dry-run") {
        None | Some("none") => Ok(false),
        Some("client") | Some("server") => Ok(true),
        Some(other) => Err(CommandOutput::error(
            format!("error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."),
            None,
        )),
    }
}

/// `kubectl apply -f` and `kubectl create -f` (cmd/apply/apply.go, cmd/create/create.go).
fn apply<B: Backend + ?Sized>(b: &mut B, c: &Cmd, create_only: bool) -> CommandOutput {
    let files = c.inv.raw_list("filename");
    if files.is_empty() {
        let verb = if create_only { "create" } else { "apply" };
        return CommandOutput::error(
            "error: must specify one of -f and -k",
            Some(Text::new(
                format!("적용할 파일을 `-f`로 지정하세요. 편집기의 내용은 `kubectl {verb} -f editor.yaml`입니다."),
                format!("Name the file to {verb} with `-f`. The editor's text is `kubectl {verb} -f editor.yaml`."),
            )),
        );
    }
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let mut doc_errors: BTreeMap<String, Vec<Vec<Diagnostic>>> = BTreeMap::new();
    for f in &files {
        let (file, text) = match read_file(c.ctx, f) {
            Ok(t) => t,
            Err(e) => return e,
        };
        match validate_file(&file, &text) {
            Ok(errs) => {
                doc_errors.insert(file, errs);
            }
            Err(e) => return e,
        }
    }
    let docs = match load_docs(c.ctx, &files) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    for Doc { file, kind, api_version, name, namespace: ns, json: text, document, lines } in docs {
        let mut errors = doc_errors.get(&file).and_then(|e| e.get(document)).cloned().unwrap_or_default();
        if let Some((from, to)) = lines {
            errors.retain(|d| (from..=to).contains(&d.span.line));
        }
        if !errors.is_empty() {
            let strict: Vec<&str> =
                errors.iter().filter_map(|d| d.message.strip_prefix("strict decoding error: ")).collect();
            let line = if strict.is_empty() {
                invalid_line(&kind, &name, &errors)
            } else {
                // Strict decoding fails before validation runs (apiserver's
                // `strict decoding error`, reported as BadRequest).
                format!(
                    "Error from server (BadRequest): error when creating \"{file}\": {kind} in version \"{}\" cannot be handled as a {kind}: strict decoding error: {}",
                    api_version.rsplit('/').next().unwrap_or(""),
                    strict.join(", ")
                )
            };
            let _ = writeln!(out.stderr, "{line}");
            out.exit_code = 1;
            if out.explain.is_none() {
                out.explain = errors.first().map(|d| located_explain(&file, d));
            }
            continue;
        }
        let ns = if ns.is_empty() { c.ns.clone() } else { ns };
        let kref = kind_ref(&kind, &api_version);
        if dry {
            let exists = kind == "Pod" && b.pods().iter().any(|p| p.metadata.name == name && p.metadata.namespace == ns);
            if matches!(out_fmt, Output::Yaml | Output::Json) {
                let value: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
                // kubectl's YAML printer separates objects with `---`.
                if out_fmt == Output::Yaml && !out.stdout.is_empty() {
                    out.stdout.push_str("---\n");
                }
                out.stdout.push_str(&if out_fmt == Output::Json { to_json(&value) } else { to_yaml(&value) });
                continue;
            }
            if exists && create_only {
                out.stderr.push_str(&format!(
                    "Error from server (AlreadyExists): error when creating \"{file}\": {}s \"{name}\" already exists\n",
                    kind.to_lowercase()
                ));
                out.exit_code = 1;
                continue;
            }
            let verb = if exists { "configured" } else { "created" };
            let _ = writeln!(out.stdout, "{kref}/{name} {verb} (dry run)");
            continue;
        }
        match b.apply(&text, &ns, create_only) {
            Ok((applied_ns, applied_name, result)) => {
                let (verb, action) = match result {
                    ApplyResult::Created => ("created", ChangeAction::Created),
                    ApplyResult::Configured => ("configured", ChangeAction::Configured),
                    ApplyResult::Unchanged => ("unchanged", ChangeAction::Unchanged),
                };
                if out_fmt == Output::Name {
                    let _ = writeln!(out.stdout, "{kref}/{applied_name}");
                } else {
                    let _ = writeln!(out.stdout, "{kref}/{applied_name} {verb}");
                }
                out.changed.push(Change { kind: kind.clone(), namespace: applied_ns, name: applied_name, action });
            }
            Err(e) => {
                let line = if e.reason == "Invalid" {
                    e.message.clone()
                } else if create_only {
                    format!("Error from server ({}): error when creating \"{file}\": {}", e.reason, e.message)
                } else {
                    e.line()
                };
                let _ = writeln!(out.stderr, "{line}");
                out.exit_code = 1;
                if out.explain.is_none() {
                    out.explain = e.explain.clone().or_else(|| explain_api_error(&e));
                }
            }
        }
    }
    out
}

/// `kubectl run NAME --image=…` (cmd/run/run.go).
fn run_pod<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let Some(name) = c.inv.args.first() else {
        return CommandOutput::error(
            "error: NAME is required for run\nSee 'kubectl run -h' for help and examples",
            Some(Text::new("파드 이름을 지정하세요. 예: `kubectl run nginx --image=nginx`", "Give the pod a name, e.g. `kubectl run nginx --image=nginx`.")),
        );
    };
    let Some(image) = c.inv.get("image").filter(|i| !i.is_empty()) else {
        return CommandOutput::error(
            "error: required flag(s) \"image\" not set",
            Some(Text::new(
                "`--image` 플래그가 필요합니다. 예: `kubectl run nginx --image=nginx`",
                "The `--image` flag is required, e.g. `kubectl run nginx --image=nginx`.",
            )),
        );
    };
    if !is_dns_label(name) {
        return CommandOutput::error(
            format!("error: invalid pod name: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
            Some(Text::new(
                "파드 이름은 소문자, 숫자, '-', '.'만 쓸 수 있고 영숫자로 시작하고 끝나야 합니다.",
                "A pod name may only use lowercase letters, digits, '-' and '.', and must start and end with a letter or digit.",
            )),
        );
    }
    let restart = c.inv.get("restart").unwrap_or("Always");
    if !["Always", "OnFailure", "Never"].contains(&restart) {
        return CommandOutput::error(format!("error: invalid restart policy: {restart}"), None);
    }
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let mut labels = serde_json::Map::new();
    match c.inv.get("labels") {
        Some(l) => {
            for pair in l.split(',').filter(|p| !p.is_empty()) {
                let Some((k, v)) = pair.split_once('=') else {
                    return CommandOutput::error(format!("error: invalid label spec: {pair}"), None);
                };
                labels.insert(k.to_string(), json!(v));
            }
        }
        None => {
            labels.insert("run".to_string(), json!(name));
        }
    }
    let mut container = serde_json::Map::new();
    container.insert("name".into(), json!(name));
    container.insert("image".into(), json!(image));
    container.insert("resources".into(), json!({}));
    if let Some(p) = c.inv.get("image-pull-policy") {
        container.insert("imagePullPolicy".into(), json!(p));
    }
    if let Some(port) = c.inv.get("port") {
        match port.parse::<u16>() {
            Ok(p) => {
                container.insert("ports".into(), json!([{ "containerPort": p }]));
            }
            Err(_) => return CommandOutput::error(format!("error: invalid port: {port}"), None),
        }
    }
    let env: Vec<serde_json::Value> = c
        .inv
        .raw_list("env")
        .iter()
        .map(|e| match e.split_once('=') {
            Some((k, v)) => json!({"name": k, "value": v}),
            None => json!({"name": e}),
        })
        .collect();
    if !env.is_empty() {
        container.insert("env".into(), json!(env));
    }
    if let Some(extra) = c.inv.after_dash.as_ref().filter(|a| !a.is_empty()) {
        let key = if c.inv.on("command") { "command" } else { "args" };
        container.insert(key.into(), json!(extra));
    }
    let pod = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"labels": labels, "name": name},
        "spec": {"containers": [container], "dnsPolicy": "ClusterFirst", "restartPolicy": restart},
        "status": {}
    });
    if dry {
        return match out_fmt {
            Output::Yaml => CommandOutput::ok(to_yaml(&pod)),
            Output::Json => CommandOutput::ok(to_json(&pod)),
            Output::Name => CommandOutput::ok(format!("pod/{name}\n")),
            _ => CommandOutput::ok(format!("pod/{name} created (dry run)\n")),
        };
    }
    let text = pod.to_string();
    match b.apply(&text, &c.ns, true) {
        Ok((ns, applied, _)) => {
            let stdout = if out_fmt == Output::Name { format!("pod/{applied}\n") } else { format!("pod/{applied} created\n") };
            CommandOutput {
                stdout,
                changed: vec![Change { kind: "Pod".into(), namespace: ns, name: applied, action: ChangeAction::Created }],
                ..CommandOutput::default()
            }
        }
        Err(e) => api_error(e),
    }
}

fn is_dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Pods of a namespace (or all) filtered by selector and names; the names
/// that were asked for but are missing are returned as NotFound lines.
/// Orders `items` by `--sort-by` (if given), each item's JSON computed
/// once; the order is stable, so equal keys keep the listing's order.
fn sort_items<T>(items: &mut Vec<T>, by: Option<&super::jsonpath::SortField>, json: impl Fn(&T) -> serde_json::Value) {
    let Some(by) = by else { return };
    let mut keyed: Vec<(serde_json::Value, T)> = items.drain(..).map(|t| (json(&t), t)).collect();
    keyed.sort_by(|a, b| by.cmp(&a.0, &b.0));
    items.extend(keyed.into_iter().map(|(_, t)| t));
}

fn select_pods(all: &[Pod], ns: Option<&str>, filter: &LabelFilter, names: &[String]) -> (Vec<Pod>, Vec<String>) {
    let in_scope = |p: &&Pod| ns.is_none_or(|n| p.metadata.namespace == n) && filter.matches(&p.metadata.labels);
    if names.is_empty() {
        return (all.iter().filter(in_scope).cloned().collect(), Vec::new());
    }
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for n in names {
        match all.iter().filter(in_scope).find(|p| &p.metadata.name == n) {
            Some(p) => found.push(p.clone()),
            None => missing.push(ApiError::not_found("pods", n).line()),
        }
    }
    (found, missing)
}

fn select_nodes(all: &[Node], filter: &LabelFilter, names: &[String]) -> (Vec<Node>, Vec<String>) {
    if names.is_empty() {
        return (all.iter().filter(|n| filter.matches(&n.metadata.labels)).cloned().collect(), Vec::new());
    }
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for n in names {
        match all.iter().find(|x| &x.metadata.name == n) {
            Some(x) => found.push(x.clone()),
            None => missing.push(ApiError::not_found("nodes", n).line()),
        }
    }
    (found, missing)
}

fn events_in<'a>(events: &'a [EventView], ns: Option<&str>) -> Vec<&'a EventView> {
    events.iter().filter(|e| ns.is_none_or(|n| e.namespace == n)).collect()
}

/// `kubectl get` (cmd/get/get.go).
fn get<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let sort_by = match c.inv.get("sort-by").filter(|f| !f.is_empty()).map(super::jsonpath::SortField::parse).transpose() {
        Ok(s) => s,
        Err(e) => {
            return CommandOutput::error(
                format!("error: {}", e.0),
                Some(Text::new(
                    "`--sort-by`에는 정렬 기준이 될 필드 하나를 JSONPath로 씁니다. 예: `--sort-by=.metadata.creationTimestamp`, `--sort-by=.status.containerStatuses[0].restartCount`",
                    "`--sort-by` takes one field as a JSONPath, e.g. `--sort-by=.metadata.creationTimestamp` or `--sort-by=.status.containerStatuses[0].restartCount`.",
                )),
            )
        }
    };
    let field_raw = c.inv.get("field-selector").unwrap_or("");
    let fields = match FieldSelector::parse(c.inv.get("field-selector")) {
        Ok(f) => f,
        Err(e) => {
            return CommandOutput::error(
                format!("error: {e}"),
                Some(Text::new(
                    "필드 셀렉터는 `필드=값`, `필드==값`, `필드!=값`을 쉼표로 이어 씁니다. 예: `--field-selector status.phase=Running`",
                    "A field selector is `field=value`, `field==value` or `field!=value`, joined by commas, e.g. `--field-selector status.phase=Running`.",
                )),
            )
        }
    };
    let files = c.inv.raw_list("filename");
    let mut requests = if !files.is_empty() {
        let docs = match load_docs(c.ctx, &files) {
            Ok(d) => d,
            Err(e) => return e,
        };
        let mut reqs: Vec<(&'static Resource, Vec<String>)> = Vec::new();
        for Doc { kind, name, .. } in docs {
            let res = match resolve_type(&kind) {
                Ok(r) => r,
                Err(e) => return e,
            };
            match reqs.iter_mut().find(|(r, _)| r.plural == res.plural) {
                Some((_, names)) => names.push(name),
                None => reqs.push((res, vec![name])),
            }
        }
        reqs
    } else {
        match resource_args(&c.inv.args) {
            Ok(r) => r,
            Err(e) => return e,
        }
    };
    if requests.is_empty() {
        return CommandOutput::error(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples",
            Some(Text::new(
                "무엇을 조회할지 리소스 종류를 지정하세요. 예: `kubectl get pods`, `kubectl get nodes`, `kubectl get events`",
                "Say which resource type to get, e.g. `kubectl get pods`, `kubectl get nodes`, `kubectl get events`.",
            )),
        );
    }
    if fields.is_set() {
        for (res, _) in &requests {
            let (resource, supported, core) = field_target(res);
            if let Err((line, explain)) = fields.check(field_raw, c.inv.get("selector").unwrap_or(""), &resource, supported, core) {
                return CommandOutput::error(format!("Error from server (BadRequest): {line}"), Some(explain));
            }
        }
    }
    let all_ns = c.inv.on("all-namespaces");
    let ns = if all_ns { None } else { Some(c.ns.as_str()) };
    let multi = requests.len() > 1 || c.inv.args.first().is_some_and(|a| a == "all" || a.contains('/') && requests.len() > 1);
    let get_all = c.inv.args.first().is_some_and(|a| a == "all");
    let opts = TableOptions {
        wide: out_fmt == Output::Wide,
        show_labels: c.inv.on("show-labels"),
        label_columns: c.inv.list("label-columns"),
        no_headers: c.inv.on("no-headers"),
        with_kind: multi || get_all,
        with_namespace: all_ns,
    };
    let now = b.now();
    // kubectl watches one resource type at a time (its builder's
    // `SingleResourceType`), and `all` is several types.
    let watched: Option<(&'static Resource, Vec<String>)> = match requests.as_slice() {
        [(r, names)] if !get_all => Some((*r, names.clone())),
        _ => None,
    };
    if c.inv.on("watch") && watched.is_none() {
        return CommandOutput::error(
            "error: you may only specify a single resource type",
            Some(Text::new(
                "`-w`는 한 번에 한 가지 리소스 종류만 지켜볼 수 있습니다(`all`도 여러 종류입니다). 종류마다 따로 실행하세요. 예: `kubectl get pods -w`, `kubectl get deployments -w`",
                "`-w` watches one resource type at a time (and `all` is several types). Watch each type on its own, e.g. `kubectl get pods -w`, `kubectl get deployments -w`.",
            )),
        );
    }
    // Read only what was asked for: listing views costs time on big clusters.
    let wants = |plural: &str| requests.iter().any(|(r, _)| r.plural == plural);
    let pods = if wants("pods") { sorted_pods(b) } else { Vec::new() };
    let nodes = if wants("nodes") { sorted_nodes(b) } else { Vec::new() };
    let events = if wants("events") { b.events() } else { Vec::new() };
    let mut out = CommandOutput::default();
    let mut objects: Vec<serde_json::Value> = Vec::new();
    let mut tables: Vec<String> = Vec::new();
    let mut single = false;
    let mut any = false;
    for (res, names) in requests.drain(..) {
        single = names.len() == 1 && !multi;
        match res.plural {
            "pods" => {
                let (mut found, missing) = select_pods(&pods, ns, &filter, &names);
                found.retain(|p| fields.matches(|f| pod_field(p, f)));
                sort_items(&mut found, sort_by.as_ref(), pod_json);
                for m in missing {
                    let _ = writeln!(out.stderr, "{m}");
                    out.exit_code = 1;
                }
                any |= !found.is_empty();
                let refs: Vec<&Pod> = found.iter().collect();
                match &out_fmt {
                    Output::Table | Output::Wide => {
                        if !refs.is_empty() {
                            tables.push(printers::pods_table(&refs, now, &opts));
                        }
                    }
                    Output::Name => found.iter().for_each(|p| tables.push(format!("pod/{}\n", p.metadata.name))),
                    _ => objects.extend(found.iter().map(pod_json)),
                }
            }
            "nodes" => {
                let (mut found, missing) = select_nodes(&nodes, &filter, &names);
                found.retain(|n| fields.matches(|f| node_field(n, f)));
                sort_items(&mut found, sort_by.as_ref(), |n| serde_json::to_value(node_for_output(n)).unwrap_or_default());
                for m in missing {
                    let _ = writeln!(out.stderr, "{m}");
                    out.exit_code = 1;
                }
                any |= !found.is_empty();
                match &out_fmt {
                    Output::Table | Output::Wide => {
                        if !found.is_empty() {
                            let pairs: Vec<(&Node, bool)> = found.iter().map(|n| (n, b.node_ready(&n.metadata.name))).collect();
                            let ip = |n: &Node| node_ip(b, n);
                            let mut o = opts.clone();
                            o.with_namespace = false;
                            tables.push(printers::nodes_table(&pairs, now, &ip, &o));
                        }
                    }
                    Output::Name => found.iter().for_each(|n| tables.push(format!("node/{}\n", n.metadata.name))),
                    _ => objects.extend(found.iter().filter_map(|n| serde_json::to_value(node_for_output(n)).ok())),
                }
            }
            "events" => {
                let mut evs = events_in(&events, ns);
                evs.retain(|e| fields.matches(|f| event_field(e, f)));
                sort_items(&mut evs, sort_by.as_ref(), |e| event_json(e));
                any |= !evs.is_empty();
                match &out_fmt {
                    Output::Table | Output::Wide => {
                        if !evs.is_empty() {
                            tables.push(printers::events_table(&evs, now, &opts));
                        }
                    }
                    Output::Name => evs.iter().for_each(|e| tables.push(format!("event/{}\n", e.name()))),
                    _ => objects.extend(evs.iter().map(|e| event_json(e))),
                }
            }
            "deployments" | "replicasets" | "jobs" => {
                let all_rows = b.workloads();
                let mut rows: Vec<&super::backend::WorkloadRow> = all_rows
                    .iter()
                    .filter(|w| w.kind == res.kind && ns.is_none_or(|n| w.namespace == n))
                    .filter(|w| names.is_empty() || names.contains(&w.name))
                    .filter(|w| fields.matches(|f| workload_field(w, f)))
                    .collect();
                rows.sort_by(|x, y| (&x.namespace, &x.name).cmp(&(&y.namespace, &y.name)));
                sort_items(&mut rows, sort_by.as_ref(), |w| workload_json(res, w));
                for n in names.iter().filter(|n| !rows.iter().any(|w| &w.name == *n)) {
                    let group = res.api_version.split('/').next().unwrap_or("");
                    let _ = writeln!(out.stderr, "{}", ApiError::not_found(&format!("{}.{group}", res.plural), n).line());
                    out.exit_code = 1;
                }
                any |= !rows.is_empty();
                let prefix = kind_ref(res.kind, res.api_version);
                match &out_fmt {
                    Output::Table | Output::Wide => {
                        if !rows.is_empty() {
                            tables.push(printers::workloads_table(res.kind, &rows, now, &opts));
                        }
                    }
                    Output::Name => rows.iter().for_each(|w| tables.push(format!("{prefix}/{}\n", w.name))),
                    _ => objects.extend(rows.iter().map(|w| workload_json(res, w))),
                }
            }
            _ => {}
        }
    }
    if !any && out.stderr.is_empty() && !c.inv.on("watch") {
        out.stderr.push_str(&no_resources(if all_ns { None } else { requests_ns(c, &ns) }));
        // kubectl prints an empty List for -o json/yaml/jsonpath.
        let list = list_of(Vec::new());
        let printed = match &out_fmt {
            Output::Json => Some(to_json(&list)),
            Output::Yaml => Some(to_yaml(&list)),
            Output::JsonPath(t) => match super::jsonpath::render(t, &list) {
                Ok(s) => Some(s),
                Err(e) => return CommandOutput::error(format!("error: {}", e.0), None),
            },
            _ => None,
        };
        if let Some(printed) = printed {
            out.stdout = printed;
            out.stderr.clear();
        }
        return out;
    }
    match &out_fmt {
        Output::Table | Output::Wide => out.stdout = tables.join("\n"),
        Output::Name => out.stdout = tables.concat(),
        Output::CustomColumns(cols) => out.stdout = printers::custom_columns(cols, &objects),
        // One named object that is missing is only an error: kubectl wraps
        // what it found in a List unless a single item was asked for
        // (`kubectl/pkg/cmd/get/get.go` printGeneric: `if singleItemImplied
        // { return err }`).
        Output::Json | Output::Yaml | Output::JsonPath(_) if single && objects.is_empty() => {}
        Output::Json | Output::Yaml | Output::JsonPath(_) => {
            let root = if single && objects.len() == 1 {
                objects.pop().unwrap_or(serde_json::Value::Null)
            } else {
                list_of(objects)
            };
            match &out_fmt {
                Output::Json => out.stdout = to_json(&root),
                Output::Yaml => out.stdout = to_yaml(&root),
                Output::JsonPath(t) => match super::jsonpath::render(t, &root) {
                    Ok(s) => out.stdout = s,
                    Err(e) => return CommandOutput::error(format!("error: {}", e.0), None),
                },
                _ => {}
            }
        }
    }
    if c.inv.on("watch") {
        if let Some((res, names)) = watched {
            if res.plural == "events" {
                watch_events(b, c, (ns, &fields), &opts, &mut out);
            } else {
                watch_resource(b, c, res, &names, (&filter, &fields), ns, &out_fmt, &opts, &mut out);
            }
        }
    }
    out
}

/// How the API server names a type in a field selector error, the fields
/// it can select by, and whether it is a core type.
fn field_target(res: &Resource) -> (String, &'static [&'static str], bool) {
    match res.plural {
        "pods" => ("/v1, Resource=pods".to_string(), fieldsel::POD_FIELDS, true),
        "events" => ("/v1, Resource=events".to_string(), fieldsel::EVENT_FIELDS, true),
        "nodes" => ("/v1, Resource=nodes".to_string(), fieldsel::NODE_FIELDS, true),
        plural => {
            let group = res.api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
            let name = if group.is_empty() { plural.to_string() } else { format!("{plural}.{group}") };
            (name, fieldsel::GENERIC_FIELDS, false)
        }
    }
}

/// A pod's value of a selectable field (defaults as the API server fills them).
fn pod_field(p: &Pod, field: &str) -> Option<String> {
    let status = p.status.as_ref();
    Some(match field {
        "metadata.name" => p.metadata.name.clone(),
        "metadata.namespace" => p.metadata.namespace.clone(),
        "spec.nodeName" => p.spec.node_name.clone().unwrap_or_default(),
        "spec.restartPolicy" => p.spec.restart_policy.clone().unwrap_or_else(|| "Always".into()),
        "spec.schedulerName" => p.spec.scheduler_name.clone().unwrap_or_else(|| "default-scheduler".into()),
        "spec.serviceAccountName" => p.spec.service_account_name.clone().unwrap_or_else(|| "default".into()),
        "spec.hostNetwork" => p.spec.host_network.unwrap_or(false).to_string(),
        "status.phase" => status.and_then(|s| s.phase.clone()).unwrap_or_default(),
        "status.podIP" => status.and_then(|s| s.pod_ip.clone()).unwrap_or_default(),
        _ => return None,
    })
}

fn node_field(n: &Node, field: &str) -> Option<String> {
    Some(match field {
        "metadata.name" => n.metadata.name.clone(),
        "spec.unschedulable" => n.spec.unschedulable.unwrap_or(false).to_string(),
        _ => return None,
    })
}

fn event_field(e: &EventView, field: &str) -> Option<String> {
    Some(match field {
        "metadata.name" => e.name(),
        "metadata.namespace" => e.namespace.clone(),
        "involvedObject.kind" => e.object_kind.clone(),
        "involvedObject.name" => e.object_name.clone(),
        "involvedObject.namespace" if e.object_kind != "Node" => e.namespace.clone(),
        "involvedObject.fieldPath" => e.field_path.clone(),
        "reason" => e.reason.clone(),
        "source" => e.source.clone(),
        "type" => e.type_.clone(),
        _ => return None,
    })
}

fn workload_field(w: &super::backend::WorkloadRow, field: &str) -> Option<String> {
    Some(match field {
        "metadata.name" => w.name.clone(),
        "metadata.namespace" => w.namespace.clone(),
        _ => return None,
    })
}

fn requests_ns<'a>(c: &'a Cmd, ns: &Option<&'a str>) -> Option<&'a str> {
    // Cluster-scoped types print "No resources found" without a namespace.
    let cluster_scoped = c.inv.args.first().and_then(|a| resources::resolve(a.split(['/', ',']).next().unwrap_or(""))).is_some_and(|r| !r.namespaced);
    if cluster_scoped {
        None
    } else {
        *ns
    }
}

/// The pod as `-o yaml`/`-o json` show it: defaults the API server would
/// have filled in are made explicit.
fn pod_for_output(p: &Pod) -> Pod {
    let mut p = p.clone();
    if p.api_version.is_empty() {
        p.api_version = "v1".into();
    }
    if p.kind.is_empty() {
        p.kind = "Pod".into();
    }
    p
}

/// The pod as the API server returns it to `-o yaml|json|jsonpath`: what
/// the typed model leaves out is added in the API's shape: `hostIPs` and
/// `podIPs` beside `hostIP` and `podIP`, and `lastProbeTime: null` on every
/// condition (a `metav1.Time` is never omitted, so a zero one prints as null).
fn pod_json(p: &Pod) -> serde_json::Value {
    let mut v = serde_json::to_value(pod_for_output(p)).unwrap_or_default();
    if let Some(status) = v.get_mut("status").and_then(serde_json::Value::as_object_mut) {
        for (single, plural) in [("hostIP", "hostIPs"), ("podIP", "podIPs")] {
            let ip = status.get(single).and_then(serde_json::Value::as_str).filter(|ip| !ip.is_empty()).map(str::to_string);
            if let Some(ip) = ip {
                status.entry(plural).or_insert_with(|| json!([{ "ip": ip }]));
            }
        }
        if let Some(conditions) = status.get_mut("conditions").and_then(serde_json::Value::as_array_mut) {
            for c in conditions.iter_mut().filter_map(serde_json::Value::as_object_mut) {
                c.entry("lastProbeTime").or_insert(serde_json::Value::Null);
            }
        }
    }
    v
}

fn node_for_output(n: &Node) -> Node {
    let mut n = n.clone();
    if n.api_version.is_empty() {
        n.api_version = "v1".into();
    }
    if n.kind.is_empty() {
        n.kind = "Node".into();
    }
    n
}

fn workload_json(res: &Resource, w: &super::backend::WorkloadRow) -> serde_json::Value {
    let status = if res.kind == "Job" {
        json!({"active": (w.current - w.succeeded).max(0), "succeeded": w.succeeded})
    } else {
        json!({"replicas": w.current, "readyReplicas": w.ready, "availableReplicas": w.ready})
    };
    let created = w.created.map(|t| t.rfc3339());
    if let Some(mut object) = w.object.as_ref().and_then(|o| serde_json::to_value(o).ok()) {
        if object.pointer("/metadata/creationTimestamp").is_none_or(|t| t.is_null()) {
            if let Some(meta) = object.get_mut("metadata").and_then(|m| m.as_object_mut()) {
                meta.insert("creationTimestamp".into(), json!(created));
            }
        }
        object["status"] = status;
        return object;
    }
    let spec = if res.kind == "Job" { json!({"completions": w.desired}) } else { json!({"replicas": w.desired}) };
    json!({
        "apiVersion": res.api_version,
        "kind": res.kind,
        "metadata": {"name": w.name, "namespace": w.namespace, "creationTimestamp": created},
        "spec": spec,
        "status": status
    })
}

fn event_json(e: &EventView) -> serde_json::Value {
    let mut involved = json!({"kind": e.object_kind, "name": e.object_name});
    if e.object_kind != "Node" {
        involved["namespace"] = json!(e.namespace);
    }
    if !e.field_path.is_empty() {
        involved["fieldPath"] = json!(e.field_path);
    }
    json!({
        "apiVersion": "v1",
        "count": e.count,
        "firstTimestamp": e.first_seen.rfc3339(),
        "involvedObject": involved,
        "kind": "Event",
        "lastTimestamp": e.last_seen.rfc3339(),
        "message": e.message,
        "metadata": {"creationTimestamp": e.first_seen.rfc3339(), "name": e.name(), "namespace": e.namespace},
        "reason": e.reason,
        "source": if e.host.is_empty() { json!({"component": e.source}) } else { json!({"component": e.source, "host": e.host}) },
        "type": e.type_
    })
}

/// What one watched object looks like to a watch: its identity, its
/// object (any change to it is a watch event, as the API's MODIFIED events
/// are), and how it prints.
struct Watched<T> {
    key: (String, String),
    object: T,
}

/// A table's header cells and row cells.
type Cells = (Vec<String>, Vec<Vec<String>>);

/// How a watch reads and prints one resource type.
struct WatchKind<'f, B: ?Sized, T> {
    /// The watched objects, in the order kubectl lists them.
    list: &'f dyn Fn(&B) -> Vec<Watched<T>>,
    /// The header and row cells of a table of these objects.
    cells: &'f dyn Fn(&B, &[&T], SimTime) -> Cells,
    /// `-o name`: `pod/web`.
    name: &'f dyn Fn(&T) -> String,
    /// `-o json|yaml|jsonpath`: the object as the API returns it.
    json: &'f dyn Fn(&T) -> serde_json::Value,
}

/// `kubectl get TYPE -w`: advances virtual time in small steps and prints
/// an object again whenever the API would send a watch event for it: when
/// it is added, when anything in it changes (so, as on a real cluster, a
/// row may repeat when only a condition or a heartbeat changed) and, once
/// more with its last state, when it is deleted. Follows
/// `staging/src/k8s.io/kubectl/pkg/cmd/get/get.go` (`watch`): one resource
/// type, the tabwriter's remembered column widths, no header until the first
/// row. Bounded by the context's `watch_ms_max`, by [`WATCH_QUIET_MS`]
/// without an event and by [`WATCH_LINES_MAX`].
fn watch_objects<B: Backend + ?Sized, T: PartialEq + Clone>(
    b: &mut B,
    c: &Cmd,
    kind: &WatchKind<'_, B, T>,
    out_fmt: &Output,
    opts: &TableOptions,
    out: &mut CommandOutput,
) {
    let first = (kind.list)(b);
    let mut last: BTreeMap<(String, String), T> = first.iter().map(|w| (w.key.clone(), w.object.clone())).collect();
    // Column widths are those of the first table (kubectl's tabwriter remembers them).
    let first_refs: Vec<&T> = first.iter().map(|w| &w.object).collect();
    let (header, first_rows) = (kind.cells)(b, &first_refs, b.now());
    let mut widths = column_widths(if opts.no_headers { &[] } else { &header }, &first_rows);
    let mut header_printed = !first_rows.is_empty();
    let mut watch = Watch::default();
    let (mut quiet_ms, mut elapsed) = (0u64, 0u64);
    let limit = c.ctx.watch_ms_max.min(600_000);
    while elapsed < limit && !watch.truncated {
        b.advance(WATCH_STEP_MS);
        elapsed += WATCH_STEP_MS;
        quiet_ms += WATCH_STEP_MS;
        let now = b.now();
        let current = (kind.list)(b);
        let mut events: Vec<T> = Vec::new();
        for w in &current {
            if last.get(&w.key) != Some(&w.object) {
                last.insert(w.key.clone(), w.object.clone());
                events.push(w.object.clone());
            }
        }
        // A DELETED event carries the object's last state.
        let gone: Vec<(String, String)> = last.keys().filter(|k| !current.iter().any(|w| &w.key == *k)).cloned().collect();
        for k in gone {
            if let Some(o) = last.remove(&k) {
                events.push(o);
            }
        }
        if events.is_empty() {
            if quiet_ms >= WATCH_QUIET_MS {
                break;
            }
            continue;
        }
        quiet_ms = 0;
        let mut lines: Vec<String> = Vec::new();
        match out_fmt {
            Output::Table | Output::Wide => {
                let refs: Vec<&T> = events.iter().collect();
                let (hdr, rows) = (kind.cells)(b, &refs, now);
                if !header_printed {
                    widths = column_widths(if opts.no_headers { &[] } else { &hdr }, &rows);
                    if !opts.no_headers {
                        lines.push(pad_row(&hdr, &widths));
                    }
                    header_printed = true;
                }
                lines.extend(rows.iter().map(|r| pad_row(r, &widths)));
            }
            Output::Name => lines.extend(events.iter().map(|o| (kind.name)(o))),
            Output::Json => lines.extend(events.iter().flat_map(|o| to_json(&(kind.json)(o)).lines().map(str::to_string).collect::<Vec<_>>())),
            Output::Yaml => {
                for o in &events {
                    lines.push("---".to_string());
                    lines.extend(to_yaml(&(kind.json)(o)).lines().map(str::to_string));
                }
            }
            Output::JsonPath(t) => {
                for o in &events {
                    if let Ok(text) = super::jsonpath::render(t, &(kind.json)(o)) {
                        lines.extend(text.lines().map(str::to_string));
                    }
                }
            }
            Output::CustomColumns(cols) => {
                let objects: Vec<serde_json::Value> = events.iter().map(|o| (kind.json)(o)).collect();
                let text = printers::custom_columns(cols, &objects);
                // The header was printed with the first table.
                lines.extend(text.lines().skip(1).map(str::to_string));
            }
        }
        emit_watch_lines(out, &mut watch, lines, now);
    }
    finish_watch(out, watch, elapsed >= limit, elapsed);
}

/// Prints one batch of watch lines at virtual time `now`, up to the watch's
/// line limit (past it the watch is marked truncated).
fn emit_watch_lines(out: &mut CommandOutput, watch: &mut Watch, lines: Vec<String>, now: SimTime) {
    for line in lines {
        if watch.frames.len() >= WATCH_LINES_MAX {
            watch.truncated = true;
            break;
        }
        out.stdout.push_str(&line);
        out.stdout.push('\n');
        watch.frames.push(WatchFrame { at: now, line });
    }
}

/// Ends a watch: the virtual time it took, and whether it hit its time limit.
fn finish_watch(out: &mut CommandOutput, mut watch: Watch, timed_out: bool, elapsed: u64) {
    if timed_out {
        watch.truncated = true;
    }
    out.advanced_ms += elapsed;
    out.watch = Some(watch);
}

/// `kubectl get -w` for pods, nodes, deployments, replicasets and jobs.
#[allow(clippy::too_many_arguments)]
fn watch_resource<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    res: &Resource,
    names: &[String],
    (filter, fields): (&LabelFilter, &FieldSelector),
    ns: Option<&str>,
    out_fmt: &Output,
    opts: &TableOptions,
    out: &mut CommandOutput,
) {
    let wanted = |name: &str| names.is_empty() || names.iter().any(|n| n == name);
    match res.plural {
        "pods" => {
            let list = |b: &B| -> Vec<Watched<Pod>> {
                let (found, _) = select_pods(&sorted_pods(b), ns, filter, &[]);
                found
                    .into_iter()
                    .filter(|p| wanted(&p.metadata.name) && fields.matches(|f| pod_field(p, f)))
                    .map(|p| Watched { key: (p.metadata.namespace.clone(), p.metadata.name.clone()), object: p })
                    .collect()
            };
            let cells = |_: &B, pods: &[&Pod], now: SimTime| printers::pod_cells(pods, now, opts);
            let name = |p: &Pod| format!("pod/{}", p.metadata.name);
            let json = |p: &Pod| pod_json(p);
            watch_objects(b, c, &WatchKind { list: &list, cells: &cells, name: &name, json: &json }, out_fmt, opts, out);
        }
        "nodes" => {
            // A node prints with its readiness and address, which the backend reports beside it.
            let list = |b: &B| -> Vec<Watched<(Node, bool, String)>> {
                let (found, _) = select_nodes(&sorted_nodes(b), filter, &[]);
                found
                    .into_iter()
                    .filter(|n| wanted(&n.metadata.name) && fields.matches(|f| node_field(n, f)))
                    .map(|n| {
                        let (ready, ip) = (b.node_ready(&n.metadata.name), node_ip(b, &n));
                        Watched { key: (String::new(), n.metadata.name.clone()), object: (n, ready, ip) }
                    })
                    .collect()
            };
            let mut o = opts.clone();
            o.with_namespace = false;
            let cells = |_: &B, nodes: &[&(Node, bool, String)], now: SimTime| {
                let pairs: Vec<(&Node, bool)> = nodes.iter().map(|(n, r, _)| (n, *r)).collect();
                let ips: BTreeMap<String, String> = nodes.iter().map(|(n, _, ip)| (n.metadata.name.clone(), ip.clone())).collect();
                let ip = |n: &Node| ips.get(&n.metadata.name).cloned().unwrap_or_default();
                printers::node_cells(&pairs, now, &ip, &o)
            };
            let name = |n: &(Node, bool, String)| format!("node/{}", n.0.metadata.name);
            let json = |n: &(Node, bool, String)| serde_json::to_value(node_for_output(&n.0)).unwrap_or_default();
            watch_objects(b, c, &WatchKind { list: &list, cells: &cells, name: &name, json: &json }, out_fmt, &o, out);
        }
        _ => {
            let list = |b: &B| -> Vec<Watched<super::backend::WorkloadRow>> {
                let mut rows: Vec<super::backend::WorkloadRow> = b
                    .workloads()
                    .into_iter()
                    .filter(|w| w.kind == res.kind && ns.is_none_or(|n| w.namespace == n) && wanted(&w.name))
                    .filter(|w| fields.matches(|f| workload_field(w, f)))
                    .collect();
                rows.sort_by(|x, y| (&x.namespace, &x.name).cmp(&(&y.namespace, &y.name)));
                rows.into_iter().map(|w| Watched { key: (w.namespace.clone(), w.name.clone()), object: w }).collect()
            };
            let cells = |_: &B, rows: &[&super::backend::WorkloadRow], now: SimTime| printers::workload_cells(res.kind, rows, now, opts);
            let prefix = kind_ref(res.kind, res.api_version);
            let name = |w: &super::backend::WorkloadRow| format!("{prefix}/{}", w.name);
            let json = |w: &super::backend::WorkloadRow| workload_json(res, w);
            watch_objects(b, c, &WatchKind { list: &list, cells: &cells, name: &name, json: &json }, out_fmt, opts, out);
        }
    }
}

/// An object as label and annotate see it: namespace, name, labels, annotations.
type Labelled = (String, String, BTreeMap<String, String>, BTreeMap<String, String>);

/// The virtual time between two looks at the cluster during a watch.
const WATCH_STEP_MS: u64 = 200;

/// What makes an event the same event when its count goes up.
type EventKey = (String, String, String, String, String);

/// `kubectl get events -w`: prints each new or repeated event as a row, on
/// the virtual clock, with the same bounds as the pod watch.
fn watch_events<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    (ns, fields): (Option<&str>, &FieldSelector),
    opts: &TableOptions,
    out: &mut CommandOutput,
) {
    fn selected<'a>(evs: &'a [EventView], ns: Option<&str>, fields: &FieldSelector) -> Vec<&'a EventView> {
        events_in(evs, ns).into_iter().filter(|e| fields.matches(|f| event_field(e, f))).collect()
    }
    let key = |e: &EventView| (e.namespace.clone(), e.object_kind.clone(), e.object_name.clone(), e.reason.clone(), e.message.clone());
    let mut seen: BTreeMap<EventKey, u32> =
        b.events().iter().filter(|e| ns.is_none_or(|n| e.namespace == n)).map(|e| (key(e), e.count)).collect();
    // Column widths are those of the first table (kubectl's tabwriter remembers them).
    let (header, first_rows) = {
        let evs = b.events();
        printers::event_cells(&selected(&evs, ns, fields), b.now(), opts)
    };
    let mut widths = column_widths(&header, &first_rows);
    let mut header_printed = !first_rows.is_empty() && !opts.no_headers;
    let mut watch = Watch::default();
    let limit = c.ctx.watch_ms_max.min(600_000);
    let (mut elapsed, mut quiet) = (0u64, 0u64);
    while elapsed < limit && !watch.truncated {
        b.advance(WATCH_STEP_MS);
        elapsed += WATCH_STEP_MS;
        quiet += WATCH_STEP_MS;
        let now = b.now();
        let evs = b.events();
        let fresh: Vec<&EventView> = selected(&evs, ns, fields)
            .into_iter()
            .filter(|e| seen.get(&key(e)) != Some(&e.count))
            .collect();
        if fresh.is_empty() {
            if quiet >= WATCH_QUIET_MS {
                break;
            }
            continue;
        }
        quiet = 0;
        for e in &fresh {
            seen.insert(key(e), e.count);
        }
        let (hdr, rows) = printers::event_cells(&fresh, now, opts);
        let mut lines = Vec::new();
        if !header_printed && !opts.no_headers {
            widths = column_widths(&hdr, &rows);
            lines.push(pad_row(&hdr, &widths));
            header_printed = true;
        }
        lines.extend(rows.iter().map(|r| pad_row(r, &widths)));
        emit_watch_lines(out, &mut watch, lines, now);
    }
    finish_watch(out, watch, elapsed >= limit, elapsed);
}

/// The widths tabwriter gives the columns of a table (min 6, padding 3).
fn column_widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let columns = rows.iter().map(Vec::len).chain(std::iter::once(header.len())).max().unwrap_or(0);
    let mut widths = vec![6usize; columns];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count() + 3);
        }
    }
    widths
}

/// Pads every cell but the last to its column width (tabwriter with remembered widths).
fn pad_row(cells: &[String], widths: &[usize]) -> String {
    let mut s = String::new();
    for (i, cell) in cells.iter().enumerate() {
        s.push_str(cell);
        if i + 1 < cells.len() {
            let w = widths.get(i).copied().unwrap_or(0).max(cell.chars().count() + 3);
            s.extend(std::iter::repeat_n(' ', w - cell.chars().count()));
        }
    }
    s
}

/// `kubectl describe` (cmd/describe/describe.go). Without an exact match a
/// name is used as a prefix, as kubectl does.
fn describe<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let files = c.inv.raw_list("filename");
    let requests = if !files.is_empty() {
        match load_docs(c.ctx, &files) {
            Ok(docs) => {
                let mut reqs: Vec<(&'static Resource, Vec<String>)> = Vec::new();
                for Doc { kind, name, .. } in docs {
                    match resolve_type(&kind) {
                        Ok(r) => reqs.push((r, vec![name])),
                        Err(e) => return e,
                    }
                }
                reqs
            }
            Err(e) => return e,
        }
    } else {
        match resource_args(&c.inv.args) {
            Ok(r) => r,
            Err(e) => return e,
        }
    };
    if requests.is_empty() {
        return CommandOutput::error(
            "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples",
            Some(Text::new("무엇을 볼지 지정하세요. 예: `kubectl describe pod nginx`", "Say what to describe, e.g. `kubectl describe pod nginx`.")),
        );
    }
    let all_ns = c.inv.on("all-namespaces");
    let ns = if all_ns { None } else { Some(c.ns.as_str()) };
    let show_events = c.inv.get("show-events") != Some("false");
    let now = b.now();
    let events = b.events();
    let pods = sorted_pods(b);
    let nodes = if requests.iter().any(|(r, _)| r.plural == "nodes") { sorted_nodes(b) } else { Vec::new() };
    let mut out = CommandOutput::default();
    let mut sections: Vec<String> = Vec::new();
    for (res, names) in requests {
        match res.plural {
            "pods" => {
                let in_scope: Vec<&Pod> = pods
                    .iter()
                    .filter(|p| ns.is_none_or(|n| p.metadata.namespace == n) && filter.matches(&p.metadata.labels))
                    .collect();
                let chosen: Vec<&Pod> = if names.is_empty() {
                    in_scope.clone()
                } else {
                    pick_by_name(&in_scope, &names, |p| &p.metadata.name, "pods", &mut out)
                };
                for p in chosen {
                    let evs: Vec<&EventView> = events
                        .iter()
                        .filter(|e| e.object_kind == "Pod" && e.object_name == p.metadata.name && e.namespace == p.metadata.namespace)
                        .collect();
                    sections.push(describe_pod_with(p, show_events.then_some(evs.as_slice()), now));
                }
            }
            "nodes" => {
                let chosen: Vec<&Node> = if names.is_empty() {
                    nodes.iter().filter(|n| filter.matches(&n.metadata.labels)).collect()
                } else {
                    let all: Vec<&Node> = nodes.iter().collect();
                    pick_by_name(&all, &names, |n| &n.metadata.name, "nodes", &mut out)
                };
                for node in chosen {
                    let on_node: Vec<&Pod> = pods
                        .iter()
                        .filter(|p| p.spec.node_name.as_deref() == Some(node.metadata.name.as_str()))
                        .filter(|p| {
                            let phase = p.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("");
                            phase != "Succeeded" && phase != "Failed"
                        })
                        .collect();
                    let evs: Vec<&EventView> =
                        events.iter().filter(|e| e.object_kind == "Node" && e.object_name == node.metadata.name).collect();
                    sections.push(describe_node_with(node, &on_node, show_events.then_some(evs.as_slice()), &node_ip(b, node), now));
                }
            }
            other => {
                let _ = writeln!(out.stderr, "error: describing {other} is not available in this playground");
                out.exit_code = 1;
            }
        }
    }
    if sections.is_empty() && out.stderr.is_empty() {
        out.stderr = no_resources(ns);
    }
    out.stdout = sections.join("\n\n");
    if !out.stdout.is_empty() && !out.stdout.ends_with('\n') {
        out.stdout.push('\n');
    }
    if let Some(first) = out.stderr.lines().next() {
        if first.contains("NotFound") {
            out.explain = explain_api_error(&ApiError::new("NotFound", first.trim_start_matches("Error from server (NotFound): ")));
        }
    }
    out
}

/// `kubectl delete` (cmd/delete/delete.go): prints `pod "x" deleted` and,
/// like kubectl's default `--wait`, waits for the pod to be gone.
fn delete<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let grace: Option<i64> = match c.inv.get("grace-period") {
        Some(g) => match g.parse::<i64>() {
            Ok(v) if v >= 0 => Some(v),
            Ok(_) => None,
            Err(_) => {
                return CommandOutput::error(
                    format!("error: invalid argument \"{g}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{g}\": invalid syntax\nSee 'kubectl delete --help' for usage."),
                    None,
                )
            }
        },
        None if c.inv.on("now") => Some(1),
        None if c.inv.on("force") => Some(0),
        None => None,
    };
    if c.inv.on("force") && grace.is_some_and(|g| g > 0) && c.inv.get("grace-period").is_none() {
        // --force without --grace-period means 0 in current kubectl.
    }
    let files = c.inv.raw_list("filename");
    let mut targets: Vec<(&'static Resource, String, String)> = Vec::new();
    if !files.is_empty() {
        match file_targets(c, &files) {
            Ok(t) => targets = t,
            Err(e) => return e,
        }
    } else {
        let requests = match resource_args(&c.inv.args) {
            Ok(r) => r,
            Err(e) => return e,
        };
        if requests.is_empty() {
            return CommandOutput::error(
                "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
                Some(Text::new("삭제할 대상을 지정하세요. 예: `kubectl delete pod nginx`", "Say what to delete, e.g. `kubectl delete pod nginx`.")),
            );
        }
        let pods = sorted_pods(b);
        for (res, names) in requests {
            if res.plural != "pods" && !["deployments", "replicasets", "jobs"].contains(&res.plural) {
                return CommandOutput::error(format!("error: deleting {} is not available in this playground", res.plural), None);
            }
            if res.plural != "pods" {
                if names.is_empty() && !c.inv.on("all") {
                    return CommandOutput::error("error: resource(s) were provided, but no name was specified", None);
                }
                let rows = b.workloads();
                let chosen: Vec<String> = if names.is_empty() {
                    rows.iter().filter(|w| w.kind == res.kind && w.namespace == c.ns).map(|w| w.name.clone()).collect()
                } else {
                    names
                };
                for n in chosen {
                    targets.push((res, c.ns.clone(), n));
                }
                continue;
            }
            if names.is_empty() {
                if !filter.is_set() && !c.inv.on("all") {
                    return CommandOutput::error(
                        "error: resource(s) were provided, but no name was specified",
                        Some(Text::new(
                            "삭제할 파드 이름을 지정하세요. 모두 지우려면 `--all`, 레이블로 고르려면 `-l`을 쓰세요.",
                            "Name the pod to delete; use `--all` for every pod or `-l` to select by label.",
                        )),
                    );
                }
                for p in pods.iter().filter(|p| p.metadata.namespace == c.ns && filter.matches(&p.metadata.labels)) {
                    targets.push((res, p.metadata.namespace.clone(), p.metadata.name.clone()));
                }
            } else {
                for n in names {
                    targets.push((res, c.ns.clone(), n));
                }
            }
        }
    }
    let mut out = CommandOutput::default();
    if targets.is_empty() {
        out.stdout = "No resources found\n".to_string();
        return out;
    }
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let mut deleted: Vec<(String, String)> = Vec::new();
    if grace == Some(0) {
        out.stderr.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    // What kubectl prints for a deleted object: `pod "web" deleted from
    // default namespace`, `force deleted`, `(dry run)` last (delete.go
    // `PrintObj`; the namespace part since kubectl 1.34).
    let done = |ns: &str, dry: bool| {
        let operation = if grace == Some(0) { "force deleted" } else { "deleted" };
        format!("{operation} from {ns} namespace{}", if dry { " (dry run)" } else { "" })
    };
    for (res, ns, name) in targets.into_iter().take(OBJECTS_MAX) {
        if res.plural != "pods" {
            let kref = kind_ref(res.kind, res.api_version);
            if dry {
                let _ = writeln!(out.stdout, "{kref} \"{name}\" {}", done(&ns, true));
                continue;
            }
            match b.delete_workload(res.kind, &ns, &name) {
                Ok(()) => {
                    let _ = writeln!(out.stdout, "{kref} \"{name}\" {}", done(&ns, false));
                    out.changed.push(Change { kind: res.kind.to_string(), namespace: ns, name, action: ChangeAction::Deleted });
                }
                Err(e) => {
                    let _ = writeln!(out.stderr, "{}", e.line());
                    out.exit_code = 1;
                }
            }
            continue;
        }
        let verb = done(&ns, dry);
        if dry {
            if b.pods().iter().any(|p| p.metadata.name == name && p.metadata.namespace == ns) {
                let _ = writeln!(out.stdout, "pod \"{name}\" {verb}");
            } else {
                let _ = writeln!(out.stderr, "{}", ApiError::not_found("pods", &name).line());
                out.exit_code = 1;
            }
            continue;
        }
        match b.delete_pod(&ns, &name, grace) {
            Ok(()) => {
                let _ = writeln!(out.stdout, "pod \"{name}\" {verb}");
                out.changed.push(Change { kind: "Pod".into(), namespace: ns.clone(), name: name.clone(), action: ChangeAction::Deleted });
                deleted.push((ns, name));
            }
            Err(e) => {
                let _ = writeln!(out.stderr, "{}", e.line());
                out.exit_code = 1;
                if out.explain.is_none() {
                    out.explain = e.explain.clone().or_else(|| explain_api_error(&e));
                }
            }
        }
    }
    // Wait for the deleted pods to disappear (kubectl's default --wait=true).
    let wait = c.inv.get("wait") != Some("false");
    if wait && !deleted.is_empty() {
        let limit = c.ctx.watch_ms_max.clamp(1000, 600_000);
        let mut elapsed = 0u64;
        while elapsed < limit {
            let pods = b.pods();
            if !deleted.iter().any(|(ns, n)| pods.iter().any(|p| &p.metadata.namespace == ns && &p.metadata.name == n)) {
                break;
            }
            b.advance(1000);
            elapsed += 1000;
        }
        out.advanced_ms += elapsed;
    }
    out
}

/// `kubectl label` and `kubectl annotate` (cmd/label/label.go, cmd/annotate/annotate.go).
fn relabel<B: Backend + ?Sized>(b: &mut B, c: &Cmd, labels_mode: bool) -> CommandOutput {
    let what = if labels_mode { "label" } else { "annotation" };
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let args = &c.inv.args;
    // Resource arguments come first; KEY=VALUE and KEY- are the updates.
    let is_update = |a: &String| a.contains('=') || (a.ends_with('-') && a.len() > 1 && !a.contains('/'));
    let split_at = args.iter().position(is_update).unwrap_or(args.len());
    let (res_args, updates) = args.split_at(split_at);
    let requests = match resource_args(res_args) {
        Ok(r) => r,
        Err(e) => return e,
    };
    if requests.is_empty() {
        return CommandOutput::error(
            "error: one or more resources must be specified as <resource> <name> or <resource>/<name>",
            Some(Text::new(
                format!("대상을 지정하세요. 예: `kubectl {} pod nginx app=web`", if labels_mode { "label" } else { "annotate" }),
                format!("Say which object, e.g. `kubectl {} pod nginx app=web`.", if labels_mode { "label" } else { "annotate" }),
            )),
        );
    }
    if updates.is_empty() && !c.inv.on("list") {
        return CommandOutput::error(format!("error: at least one {what} update is required"), None);
    }
    let mut set: Vec<(String, String)> = Vec::new();
    let mut remove: Vec<String> = Vec::new();
    for u in updates {
        if let Some((k, v)) = u.split_once('=') {
            if labels_mode {
                if let Some(err) = label_key_error(k).or_else(|| label_value_error(v)) {
                    return CommandOutput::error(
                        format!("error: invalid label spec: {u}\n{err}"),
                        Some(Text::new(
                            "레이블 키와 값은 영숫자, '-', '_', '.'만 쓸 수 있고 값은 63자 이하여야 합니다.",
                            "Label keys and values may use letters, digits, '-', '_' and '.', and a value is at most 63 characters.",
                        )),
                    );
                }
            } else if k.is_empty() {
                return CommandOutput::error(format!("error: invalid annotation spec: {u}"), None);
            }
            set.push((k.to_string(), v.to_string()));
        } else if let Some(k) = u.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return CommandOutput::error(format!("error: invalid {what} spec: {u}"), None);
        }
    }
    let mut out = CommandOutput::default();
    for (res, names) in requests {
        let is_node = res.plural == "nodes";
        if res.plural != "pods" && !is_node {
            return CommandOutput::error(format!("error: labelling {} is not available in this playground", res.plural), None);
        }
        let objects: Vec<Labelled> = if is_node {
            b.nodes().into_iter().map(|n| (String::new(), n.metadata.name, n.metadata.labels, n.metadata.annotations)).collect()
        } else {
            sorted_pods(b)
                .into_iter()
                .filter(|p| p.metadata.namespace == c.ns)
                .map(|p| (p.metadata.namespace, p.metadata.name, p.metadata.labels, p.metadata.annotations))
                .collect()
        };
        let chosen: Vec<_> = if names.is_empty() {
            if !filter.is_set() && !c.inv.on("all") {
                return CommandOutput::error("error: resource(s) were provided, but no name was specified", None);
            }
            objects.into_iter().filter(|o| filter.matches(&o.2)).collect()
        } else {
            let mut chosen = Vec::new();
            for n in &names {
                match objects.iter().find(|o| &o.1 == n) {
                    Some(o) => chosen.push(o.clone()),
                    None => {
                        let _ = writeln!(out.stderr, "{}", ApiError::not_found(res.plural, n).line());
                        out.exit_code = 1;
                    }
                }
            }
            chosen
        };
        let kind = if is_node { "node" } else { "pod" };
        for (ns, name, mut labels, mut annotations) in chosen {
            if c.inv.on("list") {
                let map = if labels_mode { &labels } else { &annotations };
                for (k, v) in map {
                    let _ = writeln!(out.stdout, "{k}={v}");
                }
                continue;
            }
            let map = if labels_mode { &mut labels } else { &mut annotations };
            let before = map.clone();
            for (k, v) in &set {
                if let Some(old) = map.get(k) {
                    if old != v && !c.inv.on("overwrite") {
                        return CommandOutput::error(
                            format!("error: '{k}' already has a value ({old}), and --overwrite is false"),
                            Some(Text::new(
                                format!("`{k}`에는 이미 값({old})이 있습니다. 바꾸려면 `--overwrite`를 붙이세요."),
                                format!("`{k}` already has a value ({old}). Add `--overwrite` to replace it."),
                            )),
                        );
                    }
                }
                map.insert(k.clone(), v.clone());
            }
            for k in &remove {
                if map.remove(k).is_none() {
                    let _ = writeln!(out.stdout, "{what} \"{k}\" not found.");
                }
            }
            let changed = *map != before;
            // Follows cmd/label/label.go `updateDataChangeMsg`: a change that
            // made the object smaller is "unlabeled" unless --overwrite was given.
            let size = |m: &BTreeMap<String, String>| m.iter().map(|(k, v)| k.len() + v.len() + 6).sum::<usize>();
            let shrank = size(map) < size(&before) && !c.inv.on("overwrite");
            let result = if is_node {
                b.set_node_metadata(&name, labels, annotations)
            } else {
                b.set_pod_metadata(&ns, &name, labels, annotations)
            };
            if let Err(e) = result {
                let _ = writeln!(out.stderr, "{}", e.line());
                out.exit_code = 1;
                continue;
            }
            let verb = match (labels_mode, changed, shrank) {
                (true, false, _) => "not labeled",
                (true, true, true) => "unlabeled",
                (true, true, false) => "labeled",
                (false, false, _) => "not annotated",
                (false, true, _) => "annotated",
            };
            let _ = writeln!(out.stdout, "{kind}/{name} {verb}");
            if changed {
                out.changed.push(Change {
                    kind: if is_node { "Node".into() } else { "Pod".into() },
                    namespace: ns,
                    name,
                    action: if labels_mode { ChangeAction::Labeled } else { ChangeAction::Annotated },
                });
            }
        }
    }
    out
}

/// Follows `k8s.io/apimachinery/pkg/util/validation` `IsQualifiedName`.
fn label_key_error(k: &str) -> Option<String> {
    let (prefix, name) = match k.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, k),
    };
    if let Some(p) = prefix {
        if p.is_empty() || p.len() > 253 || !is_dns_label(p) {
            return Some(format!("invalid label key \"{k}\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        }
    }
    if name.is_empty() || name.len() > 63 || !label_chars_ok(name) {
        return Some(format!("invalid label key \"{k}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
    }
    None
}

fn label_chars_ok(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Follows `IsValidLabelValue`.
fn label_value_error(v: &str) -> Option<String> {
    if v.is_empty() {
        return None;
    }
    if v.len() > 63 {
        return Some(format!("invalid label value: \"{v}\": must be no more than 63 characters"));
    }
    if !label_chars_ok(v) {
        return Some(format!("invalid label value: \"{v}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
    }
    None
}

/// The pod named by `POD` or `pod/POD`.
fn find_pod<B: Backend + ?Sized>(b: &B, c: &Cmd, arg: &str) -> Result<Pod, CommandOutput> {
    let name = match arg.split_once('/') {
        Some((t, n)) => {
            match resources::resolve(t) {
                Some(r) if r.plural == "pods" => {}
                _ => return Err(CommandOutput::error(format!("error: cannot attach to {t}: only pods are supported here"), None)),
            }
            n
        }
        None => arg,
    };
    b.pods()
        .into_iter()
        .find(|p| p.metadata.name == name && p.metadata.namespace == c.ns)
        .ok_or_else(|| api_error(ApiError::not_found("pods", name)))
}

/// The container to use: `-c`, else the `kubectl.kubernetes.io/default-container`
/// annotation, else the first; a note goes to stderr when there was a choice
/// (cmd/util/podcmd/podcmd.go `FindOrDefaultContainerByName`).
fn pick_container(pod: &Pod, wanted: Option<&str>, out: &mut CommandOutput) -> Result<String, CommandOutput> {
    let names: Vec<&str> = pod.spec.containers.iter().map(|c| c.name.as_str()).collect();
    let init: Vec<&str> = pod.spec.init_containers.iter().map(|c| c.name.as_str()).collect();
    if let Some(w) = wanted {
        if names.contains(&w) || init.contains(&w) {
            return Ok(w.to_string());
        }
        return Err(CommandOutput::error(
            format!("error: container {w} is not valid for pod {}", pod.metadata.name),
            Some(Text::new(
                format!("{} 파드에는 `{w}` 컨테이너가 없습니다. 있는 컨테이너: {}", pod.metadata.name, names.join(", ")),
                format!("Pod {} has no container `{w}`. Its containers: {}", pod.metadata.name, names.join(", ")),
            )),
        ));
    }
    let default = pod
        .metadata
        .annotations
        .get("kubectl.kubernetes.io/default-container")
        .filter(|d| names.contains(&d.as_str()))
        .cloned()
        .or_else(|| names.first().map(|s| s.to_string()))
        .unwrap_or_default();
    if names.len() + init.len() > 1 && !pod.metadata.annotations.contains_key("kubectl.kubernetes.io/default-container") {
        let mut all: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        all.extend(init.iter().map(|s| format!("{s} (init)")));
        let _ = writeln!(out.stderr, "Defaulted container \"{default}\" out of: {}", all.join(", "));
    }
    Ok(default)
}

/// `kubectl logs` (cmd/logs/logs.go). `-f` follows for a bounded stretch of virtual time.
fn logs<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let Some(arg) = c.inv.args.first() else {
        return CommandOutput::error(
            "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
            Some(Text::new("로그를 볼 파드 이름을 지정하세요. 예: `kubectl logs nginx`", "Name the pod, e.g. `kubectl logs nginx`.")),
        );
    };
    let pod = match find_pod(b, c, arg) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    let container_arg = c.inv.get("container").or_else(|| c.inv.args.get(1).map(String::as_str));
    let containers: Vec<String> = if c.inv.on("all-containers") {
        pod.spec.init_containers.iter().chain(pod.spec.containers.iter()).map(|x| x.name.clone()).collect()
    } else {
        match pick_container(&pod, container_arg, &mut out) {
            Ok(n) => vec![n],
            Err(e) => return e,
        }
    };
    let tail: Option<usize> = match c.inv.get("tail") {
        Some(t) => match t.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n as usize),
            Ok(_) => None,
            Err(_) => return CommandOutput::error(format!("error: invalid argument \"{t}\" for \"--tail\" flag: strconv.ParseInt: parsing \"{t}\": invalid syntax"), None),
        },
        None => None,
    };
    let previous = c.inv.on("previous");
    let ns = pod.metadata.namespace.clone();
    let mut texts = Vec::new();
    for ctr in &containers {
        match b.logs(&ns, &pod.metadata.name, ctr, previous, c.inv.on("timestamps")) {
            Ok(t) => texts.push((ctr.clone(), t)),
            Err(e) => {
                let mut o = api_error(e);
                o.stderr = format!("{}{}", out.stderr, o.stderr);
                return o;
            }
        }
    }
    for (_, t) in &texts {
        out.stdout.push_str(&tail_lines(t, tail));
    }
    if c.inv.on("follow") && !previous {
        let mut watch = Watch::default();
        let limit = c.ctx.watch_ms_max.min(600_000);
        let mut elapsed = 0u64;
        let mut quiet = 0u64;
        while elapsed < limit && watch.frames.len() < WATCH_LINES_MAX {
            b.advance(1000);
            elapsed += 1000;
            quiet += 1000;
            let now = b.now();
            for (ctr, seen) in texts.iter_mut() {
                let Ok(t) = b.logs(&ns, &pod.metadata.name, ctr, false, c.inv.on("timestamps")) else { continue };
                let new = if t.starts_with(seen.as_str()) { t.get(seen.len()..).unwrap_or("").to_string() } else { t.clone() };
                if !new.is_empty() {
                    quiet = 0;
                    for line in new.lines().take(WATCH_LINES_MAX) {
                        out.stdout.push_str(line);
                        out.stdout.push('\n');
                        watch.frames.push(WatchFrame { at: now, line: line.to_string() });
                    }
                }
                *seen = t;
            }
            if quiet >= WATCH_QUIET_MS {
                break;
            }
        }
        watch.truncated = elapsed >= limit || watch.frames.len() >= WATCH_LINES_MAX;
        out.advanced_ms += elapsed;
        out.watch = Some(watch);
    }
    out
}

fn tail_lines(text: &str, tail: Option<usize>) -> String {
    let Some(n) = tail else { return text.to_string() };
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.len().saturating_sub(n);
    let mut s = lines.get(from..).unwrap_or(&[]).join("\n");
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

/// `kubectl exec POD [-c CTR] -- CMD…` (cmd/exec/exec.go).
fn exec<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let Some(arg) = c.inv.args.first() else {
        return CommandOutput::error(
            "error: pod, type/name or --filename must be specified",
            Some(Text::new("명령을 실행할 파드를 지정하세요. 예: `kubectl exec nginx -- hostname`", "Name the pod, e.g. `kubectl exec nginx -- hostname`.")),
        );
    };
    if c.inv.args.len() > 1 {
        return CommandOutput::error(
            "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
            Some(Text::new(
                format!("실행할 명령 앞에 `--`를 넣으세요. 예: `kubectl exec {arg} -- {}`", c.inv.args.get(1..).map(|a| a.join(" ")).unwrap_or_default()),
                format!("Put `--` before the command, e.g. `kubectl exec {arg} -- {}`", c.inv.args.get(1..).map(|a| a.join(" ")).unwrap_or_default()),
            )),
        );
    }
    let argv = c.inv.after_dash.clone().unwrap_or_default();
    if argv.is_empty() {
        return CommandOutput::error(
            "error: you must specify at least one command for the container",
            Some(Text::new("`--` 뒤에 실행할 명령을 쓰세요. 예: `kubectl exec nginx -- ls /`", "Put the command after `--`, e.g. `kubectl exec nginx -- ls /`.")),
        );
    }
    let shells = ["sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash"];
    if c.inv.on("stdin") && argv.len() == 1 && argv.first().is_some_and(|a| shells.contains(&a.as_str())) {
        return CommandOutput::error(
            "error: interactive sessions are not available in this terminal: run one command at a time",
            Some(Text::new(
                format!("이 터미널에서는 대화형 셸을 열 수 없습니다. 명령을 하나씩 실행하세요. 예: `kubectl exec {arg} -- ls /`, `kubectl exec {arg} -- sh -c 'ps; hostname'`"),
                format!("This terminal cannot open an interactive shell. Run one command at a time, e.g. `kubectl exec {arg} -- ls /` or `kubectl exec {arg} -- sh -c 'ps; hostname'`."),
            )),
        );
    }
    let pod = match find_pod(b, c, arg) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    let ctr = match pick_container(&pod, c.inv.get("container"), &mut out) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let phase = pod.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_default();
    if phase == "Succeeded" || phase == "Failed" {
        return CommandOutput::error(
            format!("error: cannot exec into a container in a completed pod; current phase is {phase}"),
            None,
        );
    }
    let now = b.now();
    match b.exec(&pod.metadata.namespace, &pod.metadata.name, &ctr, &argv) {
        Ok(r) if r.stderr.starts_with("OCI runtime exec failed:") => {
            // The runtime could not start the program at all. Through the CRI
            // (containerd), the kubelet reports that as an internal error of
            // the exec request, which kubectl prints as its own error line.
            let exec_id = super::cluster_backend::digest(
                &format!("{}/{}/{ctr}/{}/{}", pod.metadata.namespace, pod.metadata.name, argv.join(" "), now.as_millis()),
                64,
            );
            let program = argv.first().cloned().unwrap_or_default();
            out.stderr.push_str(&format!(
                "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{exec_id}\": {}\n",
                r.stderr.trim_end()
            ));
            out.exit_code = 1;
            out.explain = Some(Text::new(
                format!("`{ctr}` 컨테이너의 이미지에 `{program}` 실행 파일이 없습니다. 작은 이미지에는 bash, curl, ps 같은 도구가 없는 경우가 많습니다. `sh`나 이미지에 있는 다른 명령을 쓰세요."),
                format!("The image of container `{ctr}` has no `{program}` executable. Small images often lack tools such as bash, curl or ps; use `sh` or another command the image has."),
            ));
            out
        }
        Ok(r) => {
            out.stdout = r.stdout;
            out.stderr.push_str(&r.stderr);
            if !out.stderr.is_empty() && !out.stderr.ends_with('\n') {
                out.stderr.push('\n');
            }
            if r.exit_code != 0 {
                let _ = writeln!(out.stderr, "command terminated with exit code {}", r.exit_code);
                out.exit_code = r.exit_code;
            }
            out
        }
        Err(e) => {
            let mut o = api_error(e);
            o.stderr = format!("{}{}", out.stderr, o.stderr);
            o
        }
    }
}

/// `kubectl top pod|node` (cmd/top/top_pod.go, top_node.go): CPU in
/// millicores (`12m`) and memory in mebibytes (`35Mi`).
fn top<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let kind = c.inv.args.first().map(String::as_str).unwrap_or("");
    // `kubectl top` alone is a parent command: cobra prints its help.
    if kind.is_empty() {
        return help::command(c.inv.command);
    }
    let res = resources::resolve(kind).map(|r| r.plural);
    let names: Vec<String> = c.inv.args.get(1..).map(<[String]>::to_vec).unwrap_or_default();
    let mib = |bytes: u64| format!("{}Mi", bytes / (1024 * 1024));
    match res {
        Some("pods") => {
            let all_ns = c.inv.on("all-namespaces");
            let ns = if all_ns { None } else { Some(c.ns.as_str()) };
            let (pods, missing) = select_pods(&sorted_pods(b), ns, &filter, &names);
            let mut out = CommandOutput::default();
            for m in missing {
                let _ = writeln!(out.stderr, "{m}");
                out.exit_code = 1;
            }
            let containers = c.inv.on("containers");
            let mut text = String::new();
            if !c.inv.on("no-headers") {
                if all_ns {
                    text.push_str("NAMESPACE\t");
                }
                text.push_str(if containers { "POD\tNAME\tCPU(cores)\tMEMORY(bytes)\n" } else { "NAME\tCPU(cores)\tMEMORY(bytes)\n" });
            }
            let mut rows = 0;
            for p in &pods {
                let Some(mut usage) = b.pod_usage(&p.metadata.namespace, &p.metadata.name) else { continue };
                // Containers in the pod's own order, as metrics-server lists them.
                let order = |n: &str| p.spec.containers.iter().position(|c| c.name == n).unwrap_or(usize::MAX);
                usage.sort_by_key(|u| order(&u.name));
                rows += 1;
                let prefix = if all_ns { format!("{}\t", p.metadata.namespace) } else { String::new() };
                if containers {
                    for u in usage {
                        let _ = writeln!(text, "{prefix}{}\t{}\t{}m\t{}", p.metadata.name, u.name, u.cpu_millis, mib(u.memory_bytes));
                    }
                } else {
                    let cpu: u64 = usage.iter().map(|u| u.cpu_millis).sum();
                    let mem: u64 = usage.iter().map(|u| u.memory_bytes).sum();
                    let _ = writeln!(text, "{prefix}{}\t{cpu}m\t{}", p.metadata.name, mib(mem));
                }
            }
            if rows == 0 {
                if pods.is_empty() && out.stderr.is_empty() {
                    out.stderr = no_resources(ns);
                    return out;
                }
                if !pods.is_empty() {
                    return CommandOutput::error(
                        "error: Metrics not available for pod(s) yet",
                        Some(Text::new(
                            "아직 사용량 정보가 없습니다. 파드가 Running 상태가 되고 잠시 뒤에 다시 시도하세요.",
                            "No usage yet. Try again a little after the pod is Running.",
                        )),
                    );
                }
                return out;
            }
            out.stdout = table(&text);
            out
        }
        Some("nodes") => {
            let (nodes, missing) = select_nodes(&sorted_nodes(b), &filter, &names);
            let mut out = CommandOutput::default();
            for m in missing {
                let _ = writeln!(out.stderr, "{m}");
                out.exit_code = 1;
            }
            let pods = sorted_pods(b);
            let mut text = String::new();
            if !c.inv.on("no-headers") {
                text.push_str("NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\n");
            }
            for n in &nodes {
                let (mut cpu, mut mem) = (0u64, 0u64);
                for p in pods.iter().filter(|p| p.spec.node_name.as_deref() == Some(n.metadata.name.as_str())) {
                    for u in b.pod_usage(&p.metadata.namespace, &p.metadata.name).unwrap_or_default() {
                        cpu = cpu.saturating_add(u.cpu_millis);
                        mem = mem.saturating_add(u.memory_bytes);
                    }
                }
                let status = n.status.clone().unwrap_or_default();
                let alloc = if status.allocatable.is_empty() { status.capacity } else { status.allocatable };
                let q = |k: &str, milli: bool| {
                    alloc
                        .get(k)
                        .and_then(|v| crate::quantity::Quantity::parse(v).ok())
                        .map(|q| if milli { q.milli_value() } else { q.value() })
                        .unwrap_or(0)
                        .max(0) as u64
                };
                let pct = |v: u64, of: u64| v.saturating_mul(100).checked_div(of).unwrap_or(0);
                let _ = writeln!(
                    text,
                    "{}\t{cpu}m\t{}%\t{}\t{}%",
                    n.metadata.name,
                    pct(cpu, q("cpu", true)),
                    mib(mem),
                    pct(mem, q("memory", false))
                );
            }
            out.stdout = table(&text);
            out
        }
        _ => CommandOutput::error(
            if kind.is_empty() {
                "error: unknown command \"\" for \"kubectl top\"\nUse \"kubectl top pod\" or \"kubectl top node\".".to_string()
            } else {
                format!("error: unknown command \"{kind}\" for \"kubectl top\"\n\nDid you mean this?\n\tpod\n\tnode")
            },
            Some(Text::new("`kubectl top pod` 또는 `kubectl top node`를 쓰세요.", "Use `kubectl top pod` or `kubectl top node`.")),
        ),
    }
}

/// `kubectl port-forward POD [LOCAL:]REMOTE` (cmd/portforward/portforward.go):
/// the simulated connection's lines are returned at once.
fn port_forward<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let (Some(arg), Some(spec)) = (c.inv.args.first(), c.inv.args.get(1)) else {
        return CommandOutput::error(
            "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples",
            Some(Text::new("예: `kubectl port-forward nginx 8080:80`", "For example: `kubectl port-forward nginx 8080:80`.")),
        );
    };
    let (local, remote) = match spec.split_once(':') {
        Some((l, r)) => (if l.is_empty() { r } else { l }, r),
        None => (spec.as_str(), spec.as_str()),
    };
    let parse = |s: &str, which: &str| -> Result<u16, CommandOutput> {
        s.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
            CommandOutput::error(format!("error: Error parsing {which} port '{s}': strconv.ParseUint: parsing \"{s}\": invalid syntax"), None)
        })
    };
    let local = match parse(local, "local") {
        Ok(p) => p,
        Err(e) => return e,
    };
    let remote = match parse(remote, "remote") {
        Ok(p) => p,
        Err(e) => return e,
    };
    let pod = match find_pod(b, c, arg) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let phase = pod.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_else(|| "Pending".into());
    if phase != "Running" {
        return CommandOutput::error(
            format!("error: unable to forward port because pod is not running. Current status={phase}"),
            Some(Text::new("포트 포워딩은 Running 상태인 파드에만 할 수 있습니다.", "Port forwarding needs a Running pod.")),
        );
    }
    let mut out = CommandOutput::ok(format!("Forwarding from 127.0.0.1:{local} -> {remote}\nForwarding from [::1]:{local} -> {remote}\n"));
    match b.port_forward(&pod.metadata.namespace, &pod.metadata.name, local, remote) {
        Ok(lines) => {
            let now = b.now();
            let mut watch = Watch::default();
            for l in lines.into_iter().take(WATCH_LINES_MAX) {
                out.stdout.push_str(&l);
                out.stdout.push('\n');
                watch.frames.push(WatchFrame { at: now, line: l });
            }
            out.watch = Some(watch);
            out
        }
        Err(e) => api_error(e),
    }
}

/// `kubectl cordon|uncordon NODE` (cmd/drain/drain.go `RunCordonOrUncordon`).
fn cordon<B: Backend + ?Sized>(b: &mut B, c: &Cmd, on: bool) -> CommandOutput {
    let verb = if on { "cordon" } else { "uncordon" };
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let nodes = sorted_nodes(b);
    let chosen: Vec<Node> = if let Some(name) = c.inv.args.first() {
        let name = name.strip_prefix("node/").or_else(|| name.strip_prefix("nodes/")).unwrap_or(name);
        match nodes.iter().find(|n| n.metadata.name == name) {
            Some(n) => vec![n.clone()],
            None => return api_error(ApiError::not_found("nodes", name)),
        }
    } else if filter.is_set() {
        nodes.into_iter().filter(|n| filter.matches(&n.metadata.labels)).collect()
    } else {
        return CommandOutput::error(
            "error: USAGE: ".to_string() + verb + " NODE [flags]\nSee 'kubectl " + verb + " -h' for help and examples",
            Some(Text::new(format!("노드 이름을 지정하세요. 예: `kubectl {verb} worker-1`"), format!("Name the node, e.g. `kubectl {verb} worker-1`."))),
        );
    };
    let dry = match dry_run(c) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    for n in chosen {
        let already = n.spec.unschedulable.unwrap_or(false) == on;
        let done = if on { "cordoned" } else { "uncordoned" };
        if already {
            let _ = writeln!(out.stdout, "node/{} already {done}", n.metadata.name);
            continue;
        }
        if dry {
            let _ = writeln!(out.stdout, "node/{} {done} (dry run)", n.metadata.name);
            continue;
        }
        match b.set_unschedulable(&n.metadata.name, on) {
            Ok(()) => {
                let _ = writeln!(out.stdout, "node/{} {done}", n.metadata.name);
                out.changed.push(Change {
                    kind: "Node".into(),
                    namespace: String::new(),
                    name: n.metadata.name.clone(),
                    action: if on { ChangeAction::Cordoned } else { ChangeAction::Uncordoned },
                });
            }
            Err(e) => {
                let _ = writeln!(out.stderr, "{}", e.line());
                out.exit_code = 1;
            }
        }
    }
    out
}

/// `kubectl scale --replicas=N (TYPE NAME | TYPE/NAME | -f FILE | TYPE -l …
/// | TYPE --all)`: Deployments and ReplicaSets, through their scale
/// subresource (`kubectl/pkg/cmd/scale/scale.go`).
fn scale<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let how = Text::new(
        "`--replicas`에 원하는 레플리카 수를 씁니다. 예: `kubectl scale deployment web --replicas=3`",
        "Give the number of replicas you want with `--replicas`, e.g. `kubectl scale deployment web --replicas=3`.",
    );
    let Some(raw) = c.inv.get("replicas") else {
        return CommandOutput::error("error: required flag(s) \"replicas\" not set", Some(how));
    };
    let count = |flag: &str, raw: &str| {
        raw.parse::<i32>().map_err(|_| {
            CommandOutput::error(format!("error: invalid argument \"{raw}\" for \"--{flag}\" flag: strconv.ParseInt: parsing \"{raw}\": invalid syntax"), Some(how.clone()))
        })
    };
    let replicas = match count("replicas", raw) {
        Ok(n) if n >= 0 => n,
        Ok(_) => return CommandOutput::error("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0", Some(how)),
        Err(e) => return e,
    };
    let current = match c.inv.get("current-replicas").map(|raw| count("current-replicas", raw)).transpose() {
        Ok(n) => n.filter(|n| *n >= 0),
        Err(e) => return e,
    };
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let filter = match label_filter(c) {
        Ok(f) => f,
        Err(e) => return e,
    };
    // (resource, namespace, name) of every target.
    let mut targets: Vec<(&'static Resource, String, String)> = Vec::new();
    let files = c.inv.raw_list("filename");
    if !files.is_empty() {
        match file_targets(c, &files) {
            Ok(t) => targets = t,
            Err(e) => return e,
        }
    } else {
        let requests = match resource_args(&c.inv.args) {
            Ok(r) => r,
            Err(e) => return e,
        };
        if requests.is_empty() {
            return CommandOutput::error(
                "error: required resource not specified",
                Some(Text::new(
                    "무엇의 크기를 바꿀지 지정하세요. 예: `kubectl scale deployment web --replicas=3`",
                    "Say what to scale, e.g. `kubectl scale deployment web --replicas=3`.",
                )),
            );
        }
        let rows = b.workloads();
        for (res, names) in requests {
            if names.is_empty() {
                if !c.inv.on("all") && !filter.is_set() {
                    return CommandOutput::error(
                        "error: resource(s) were provided, but no name was specified",
                        Some(Text::new(
                            format!("이름을 지정하거나 `--all`, `-l`을 쓰세요. 예: `kubectl scale {} web --replicas=3`", res.singular),
                            format!("Name the object, or use `--all` or `-l`, e.g. `kubectl scale {} web --replicas=3`.", res.singular),
                        )),
                    );
                }
                let labels = |w: &super::backend::WorkloadRow| w.object.as_ref().map(|o| o.metadata.labels.clone()).unwrap_or_default();
                targets.extend(
                    rows.iter()
                        .filter(|w| w.kind == res.kind && w.namespace == c.ns && filter.matches(&labels(w)))
                        .map(|w| (res, w.namespace.clone(), w.name.clone())),
                );
            } else {
                targets.extend(names.into_iter().map(|n| (res, c.ns.clone(), n)));
            }
        }
    }
    let mut out = CommandOutput::default();
    let rows = b.workloads();
    for (res, ns, name) in targets {
        // Only these kinds have a scale subresource here; the API answers
        // 404 for the others' `/scale`.
        if !matches!(res.kind, "Deployment" | "ReplicaSet") {
            let _ = writeln!(out.stderr, "Error from server (NotFound): the server could not find the requested resource");
            out.exit_code = 1;
            if out.explain.is_none() {
                out.explain = Some(Text::new(
                    format!("{}에는 레플리카 수가 없습니다. 디플로이먼트와 레플리카셋의 크기를 바꿀 수 있습니다.", res.kind),
                    format!("A {} has no replica count to scale. Deployments and ReplicaSets can be scaled.", res.kind),
                ));
            }
            continue;
        }
        let kref = kind_ref(res.kind, res.api_version);
        if let Some(want) = current {
            let now = rows.iter().find(|w| w.kind == res.kind && w.namespace == ns && w.name == name).map(|w| w.desired);
            if let Some(now) = now.filter(|now| *now != want) {
                let _ = writeln!(out.stderr, "error: Expected replicas to be {want}, was {now}");
                out.exit_code = 1;
                continue;
            }
        }
        match b.scale(res.kind, &ns, &name, replicas) {
            Ok(()) => {
                if out_fmt == Output::Name {
                    let _ = writeln!(out.stdout, "{kref}/{name}");
                } else {
                    let _ = writeln!(out.stdout, "{kref}/{name} scaled");
                }
                out.changed.push(Change { kind: res.kind.to_string(), namespace: ns, name, action: ChangeAction::Configured });
            }
            Err(e) => {
                let _ = writeln!(out.stderr, "{}", e.line());
                out.exit_code = 1;
                if out.explain.is_none() {
                    out.explain = e.explain.clone();
                }
            }
        }
    }
    out
}

/// `kubectl explain TYPE[.field…]` (cmd/explain/explain.go).
fn explain<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let Some(path) = c.inv.args.first() else {
        return CommandOutput::error(
            "You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.",
            Some(Text::new("예: `kubectl explain pod.spec.containers`", "For example: `kubectl explain pod.spec.containers`.")),
        );
    };
    let mut parts = path.split('.');
    let head = parts.next().unwrap_or("");
    let res = match resources::resolve(head) {
        Some(r) => r,
        None => return resolve_type(head).err().unwrap_or_default(),
    };
    let rest: Vec<&str> = parts.collect();
    if rest.iter().any(|p| p.is_empty()) {
        return CommandOutput::error(
            format!("error: invalid field path \"{path}\": a field name is empty"),
            Some(Text::new(
                format!("`{path}`에 빈 필드 이름이 있습니다. 점(.)은 필드 이름 사이에 하나씩만 씁니다. 예: `pod.spec.containers`"),
                format!("`{path}` has an empty field name. Put one dot between field names, e.g. `pod.spec.containers`."),
            )),
        );
    }
    let full = std::iter::once(res.singular).chain(rest.iter().copied()).collect::<Vec<_>>().join(".");
    if let Some(text) = b.explain(&full) {
        return CommandOutput::ok(if text.ends_with('\n') { text } else { text + "\n" });
    }
    match super::explain_text(&full, c.ctx.lang) {
        Ok(text) => CommandOutput::ok(text),
        Err((line, explain)) => {
            // Point at the level above, whose FIELDS list what exists.
            let parent = full.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_else(|| full.clone());
            CommandOutput::error(
                line,
                Some(Text::new(
                    format!("{} `kubectl explain {parent}`의 FIELDS에서 쓸 수 있는 필드를 확인하세요.", explain.ko),
                    format!(
                        "{}{} The FIELDS of `kubectl explain {parent}` list the fields that exist.",
                        explain.en,
                        if explain.en.ends_with('.') { "" } else { "." }
                    ),
                )),
            )
        }
    }
}

/// `kubectl describe NAME…`: each name picks the object of exactly that
/// name, else every object whose name starts with it (describe's prefix
/// match); a name that picks nothing is a NotFound line.
fn pick_by_name<'a, T>(
    all: &[&'a T],
    names: &[String],
    name_of: impl Fn(&T) -> &str,
    plural: &str,
    out: &mut CommandOutput,
) -> Vec<&'a T> {
    let mut chosen = Vec::new();
    for n in names {
        let exact: Vec<&T> = all.iter().copied().filter(|x| name_of(x) == n).collect();
        let hits = if exact.is_empty() { all.iter().copied().filter(|x| name_of(x).starts_with(n.as_str())).collect() } else { exact };
        if hits.is_empty() {
            let _ = writeln!(out.stderr, "{}", ApiError::not_found(plural, n).line());
            out.exit_code = 1;
        }
        chosen.extend(hits);
    }
    chosen
}

/// `kubectl version` (cmd/version/version.go).
fn version(c: &Cmd) -> CommandOutput {
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let client_only = c.inv.on("client");
    let info = |v: &str| {
        json!({"major": "1", "minor": "35", "gitVersion": v, "gitCommit": "podplay", "gitTreeState": "clean",
               "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.24.6", "compiler": "gc", "platform": "wasm/js"})
    };
    let mut v = json!({"clientVersion": info(CLIENT_VERSION), "kustomizeVersion": KUSTOMIZE_VERSION});
    if !client_only {
        if let Some(m) = v.as_object_mut() {
            m.insert("serverVersion".into(), info(CLIENT_VERSION));
        }
    }
    match out_fmt {
        Output::Json => CommandOutput::ok(to_json(&v)),
        Output::Yaml => CommandOutput::ok(to_yaml(&v)),
        Output::Table => {
            let mut s = format!("Client Version: {CLIENT_VERSION}\nKustomize Version: {KUSTOMIZE_VERSION}\n");
            if !client_only {
                let _ = writeln!(s, "Server Version: {CLIENT_VERSION}");
            }
            CommandOutput::ok(s)
        }
        _ => CommandOutput::error("error: --output must be 'yaml' or 'json'", None),
    }
}

/// `kubectl api-resources` (cmd/apiresources/apiresources.go): the types the playground serves.
fn api_resources(c: &Cmd) -> CommandOutput {
    let out_fmt = match output(c) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let namespaced = c.inv.get("namespaced").map(|v| v == "true");
    let list: Vec<&Resource> =
        resources::RESOURCES.iter().filter(|r| r.served && namespaced.is_none_or(|n| r.namespaced == n)).collect();
    match out_fmt {
        Output::Name => CommandOutput::ok(list.iter().map(|r| format!("{}\n", r.plural)).collect::<String>()),
        Output::Table | Output::Wide => {
            let wide = out_fmt == Output::Wide;
            let mut text = String::new();
            if !c.inv.on("no-headers") {
                text.push_str("NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND");
                text.push_str(if wide { "\tVERBS\tCATEGORIES\n" } else { "\n" });
            }
            for r in list {
                let _ = write!(text, "{}\t{}\t{}\t{}\t{}", r.plural, r.short.join(","), r.api_version, r.namespaced, r.kind);
                if wide {
                    let cats = if ["pods", "deployments", "replicasets", "jobs"].contains(&r.plural) { "all" } else { "" };
                    let _ = write!(text, "\t[{}]\t{cats}", r.verbs.replace(',', " "));
                }
                text.push('\n');
            }
            CommandOutput::ok(table(&text))
        }
        _ => CommandOutput::error("error: --output must be 'wide' or 'name'", None),
    }
}

#[cfg(test)]
mod version_tests {
    #[test]
    fn kubectl_version_is_the_pinned_kubernetes_version() {
        assert!(super::CLIENT_VERSION.starts_with(&format!("v{}.", crate::KUBERNETES_VERSION)));
    }
}
