//! `kubectl explain TYPE[.field…]`: documentation of a type or field from
//! the engine's embedded schema. Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/explain/explain.go`.

use super::util::Cmd;
use crate::kubectl::target::resolve_type;
use crate::kubectl::CommandOutput;
use crate::text::{Lang, Text};

/// `kubectl explain TYPE[.field…]` (cmd/explain/explain.go).
pub(crate) fn run(c: &Cmd) -> CommandOutput {
    let Some(path) = c.inv.args.first() else {
        return CommandOutput::error(
            "You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.",
            Some(Text::new("예: `kubectl explain pod.spec.containers`", "For example: `kubectl explain pod.spec.containers`.")),
        );
    };
    let mut parts = path.split('.');
    let head = parts.next().unwrap_or("");
    let res = match crate::kubectl::resources::resolve(head) {
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
    match explain_text(&full, c.ctx.lang) {
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

/// `kubectl explain` text from the engine's embedded schema, laid out as
/// kubectl's plaintext explain template (KIND, VERSION, FIELD,
/// DESCRIPTION, FIELDS). Follows `k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl`.
/// `Err` carries the error line and our explanation.
fn explain_text(path: &str, lang: Lang) -> Result<String, (String, Text)> {
    let e = crate::explain(path, lang).map_err(|e| (format!("error: {}", e.message.en), e.message.clone()))?;
    let head = path.split('.').next().unwrap_or("");
    let res = crate::kubectl::resources::resolve(head);
    let kind = res.map(|r| r.kind).unwrap_or(head);
    let version = res.map(|r| r.api_version).unwrap_or("v1");
    let (group, version) = match version.split_once('/') {
        Some((g, v)) => (Some(g), v),
        None => (None, version),
    };
    let mut out = String::new();
    if let Some(g) = group {
        out.push_str(&format!("GROUP:      {g}\n"));
    }
    out.push_str(&format!("KIND:       {kind}\nVERSION:    {version}\n\n"));
    if let Some(field) = e.path.rsplit('.').next().filter(|_| e.path.contains('.')) {
        let req = if e.required { " -required-" } else { "" };
        out.push_str(&format!("FIELD: {field} <{}>{req}\n\n", e.type_name));
    }
    out.push_str("DESCRIPTION:\n");
    let description = if e.description.trim().is_empty() { "<empty>" } else { e.description.as_str() };
    for line in wrap(description, 76) {
        out.push_str("    ");
        out.push_str(&line);
        out.push('\n');
    }
    if !e.fields.is_empty() {
        out.push_str("    \nFIELDS:\n");
        for (name, type_name, required) in &e.fields {
            let req = if *required { " -required-" } else { "" };
            out.push_str(&format!("  {name}\t<{type_name}>{req}\n"));
        }
    }
    Ok(out)
}

/// Greedy word wrap at `width` characters; the description's own line breaks are kept.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}
