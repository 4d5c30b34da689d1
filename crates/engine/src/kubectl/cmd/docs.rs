//! `-f FILE`: reading the files a command names (the editor's text, a
//! lesson's files), splitting them into objects and validating them as the
//! API server would. Mirrors kubectl's file visitor
//! (`staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go`,
//! `FileVisitor` and `StreamVisitor`).

use super::util::OBJECTS_MAX;
use crate::diag::{Diagnostic, Severity};
use crate::kubectl::{CommandOutput, Context, EDITOR_FILE};
use crate::text::Text;

/// One object of a `-f` file.
pub(crate) struct Doc {
    pub(crate) file: String,
    pub(crate) kind: String,
    pub(crate) api_version: String,
    pub(crate) name: String,
    pub(crate) namespace: String,
    /// The object as JSON (Kubernetes converts YAML to JSON before decoding).
    pub(crate) json: String,
    /// Which YAML document of its file it is in (counting the non-empty ones).
    pub(crate) document: usize,
    /// For an item of a `List`, the lines it spans; `None` for a whole document.
    pub(crate) lines: Option<(u32, u32)>,
}

/// The text of a file `-f` names (`-` is the editor).
pub(crate) fn read_file(ctx: &Context, name: &str) -> Result<(String, String), CommandOutput> {
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

/// Every object of the named files, in order (a `List`'s items one by one).
pub(crate) fn load_docs(ctx: &Context, files: &[String]) -> Result<Vec<Doc>, CommandOutput> {
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
fn doc_of(
    file: &str,
    node: &crate::yaml::YamlNode,
    document: usize,
    lines: Option<(u32, u32)>,
) -> Result<Doc, CommandOutput> {
    let value = node.to_value();
    let get = |k: &str| value.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let meta =
        |k: &str| value.get("metadata").and_then(|m| m.get(k)).and_then(|v| v.as_str()).unwrap_or("").to_string();
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

/// Runs the engine's validator over a `-f` file, as the API server's
/// validation would. YAML errors fail the whole file; other errors are
/// returned per document (documents without content are skipped, as the
/// YAML decoder skips them).
pub(crate) fn validate_file(file: &str, text: &str) -> Result<Vec<Vec<Diagnostic>>, CommandOutput> {
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
        .map(|(from, to)| {
            errors.iter().filter(|d| d.span.line >= *from && d.span.line < *to).map(|d| (*d).clone()).collect()
        })
        .collect())
}

/// kubectl's answer to a file that is not YAML (`error converting YAML to JSON`).
fn yaml_syntax_error(file: &str, d: &Diagnostic) -> CommandOutput {
    let msg = if d.message.starts_with("yaml:") {
        d.message.clone()
    } else {
        format!("yaml: line {}: {}", d.span.line, d.message)
    };
    CommandOutput::error(
        format!("error: error parsing {file}: error converting YAML to JSON: {msg}"),
        Some(located_explain(file, d)),
    )
}

/// Our explanation of a diagnostic, with its file, line and column.
pub(crate) fn located_explain(file: &str, d: &Diagnostic) -> Text {
    Text::new(
        format!("{file} {}:{} — {}", d.span.line, d.span.col, d.explain.ko),
        format!("{file} {}:{} — {}", d.span.line, d.span.col, d.explain.en),
    )
}

/// `The Pod "x" is invalid: …` for one document's validation errors
/// (a single error inline, several as a bulleted list, as apimachinery's
/// `errors.NewInvalid` formats an aggregate).
pub(crate) fn invalid_line(kind: &str, name: &str, errors: &[Diagnostic]) -> String {
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
