//! The one target resolver every verb uses: `-f FILE`, `TYPE NAME…`,
//! `TYPE/NAME…`, `TYPE1,TYPE2`, `all`, then `-l/--selector` and `--all`
//! for a type without names, in the command's namespace (`-n`). Mirrors
//! kubectl's resource builder (`staging/src/k8s.io/cli-runtime/pkg/resource/builder.go`:
//! `ResourceTypeOrNameArgs`, `FilenameParam`, `LabelSelectorParam`,
//! `SelectAllParam`): a selector applies to every listed type.

// A command's error is its whole output (stderr, exit code, explanation),
// returned once per command line: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use super::backend::Backend;
use super::cmd::docs::{load_docs, Doc};
use super::cmd::kinds;
use super::cmd::util::Cmd;
use super::resources::{self, Resource};
use super::sel::LabelFilter;
use super::CommandOutput;
use crate::text::Text;

/// One type the command line asked for, with the names given for it (none:
/// every object, by `-l` or `--all`).
#[derive(Clone, Debug)]
pub(crate) struct Request {
    pub(crate) res: &'static Resource,
    pub(crate) names: Vec<String>,
    /// The namespace an object of a `-f` file names for itself.
    pub(crate) ns: Option<String>,
}

/// One object a command acts on.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub(crate) res: &'static Resource,
    pub(crate) ns: String,
    pub(crate) name: String,
}

/// The requests of a command line: one per object of the `-f` files, else
/// what the arguments `args` say.
pub(crate) fn requests(c: &Cmd, args: &[String]) -> Result<Vec<Request>, CommandOutput> {
    let files = c.inv.raw_list("filename");
    if files.is_empty() {
        let requests = resource_args(args)?;
        if c.inv.on("all-namespaces") && requests.iter().any(|r| !r.names.is_empty() && r.res.namespaced) {
            // builder.go `visitByName`: names need one namespace.
            return Err(CommandOutput::error(
                "error: a resource cannot be retrieved by name across all namespaces",
                Some(Text::new(
                    "이름으로 찾을 때는 네임스페이스 하나를 지정해야 합니다. `-A` 대신 `-n 네임스페이스`를 쓰세요.",
                    "Looking an object up by name needs one namespace: use `-n NAMESPACE` instead of `-A`.",
                )),
            ));
        }
        return Ok(requests);
    }
    let mut out = Vec::new();
    for Doc { kind, name, namespace, .. } in load_docs(c.ctx, &files)? {
        enforce_namespace(c, &kind, &namespace)?;
        out.push(Request {
            res: resolve_type(&kind)?,
            names: vec![name],
            ns: Some(namespace).filter(|n| !n.is_empty()),
        });
    }
    Ok(out)
}

/// Joins requests of the same type (first-seen order), as `get` lists
/// each type once.
pub(crate) fn merge_by_type(requests: Vec<Request>) -> Vec<Request> {
    let mut out: Vec<Request> = Vec::new();
    for r in requests {
        match out.iter_mut().find(|o| o.res.plural == r.res.plural) {
            Some(o) => o.names.extend(r.names),
            None => out.push(r),
        }
    }
    out
}

/// The objects the requests name. A type without names takes every object
/// of the command's namespace that `-l` selects, and needs `-l` or `--all`
/// (`no_name` is the error otherwise). Named objects are not looked up: the
/// verb reports the ones that do not exist.
pub(crate) fn targets<B: Backend + ?Sized>(
    b: &B,
    c: &Cmd,
    requests: Vec<Request>,
    filter: &LabelFilter,
    no_name: impl Fn(&Resource) -> CommandOutput,
) -> Result<Vec<Target>, CommandOutput> {
    let mut out = Vec::new();
    for Request { res, names, ns } in requests {
        if names.is_empty() {
            if !filter.is_set() && !c.inv.on("all") {
                return Err(no_name(res));
            }
            let scope = (res.namespaced && !c.inv.on("all-namespaces")).then_some(c.ns.as_str());
            out.extend(
                kinds::list(b, res, scope).into_iter().filter(|o| filter.matches(&o.labels())).map(|o| Target {
                    res,
                    ns: o.namespace().to_string(),
                    name: o.name(),
                }),
            );
            continue;
        }
        let ns = ns.unwrap_or_else(|| if res.namespaced { c.ns.clone() } else { String::new() });
        out.extend(names.into_iter().map(|name| Target { res, ns: ns.clone(), name }));
    }
    Ok(out)
}

/// Splits `TYPE NAME…`, `TYPE/NAME…` and `TYPE1,TYPE2` arguments into
/// (resource, names) requests, in order.
pub(crate) fn resource_args(args: &[String]) -> Result<Vec<Request>, CommandOutput> {
    let mut out: Vec<Request> = Vec::new();
    let Some(first) = args.first() else {
        return Ok(out);
    };
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
            match out.iter_mut().find(|r| r.res.plural == res.plural) {
                Some(r) => r.names.push(name.to_string()),
                None => out.push(Request { res, names: vec![name.to_string()], ns: None }),
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
            out.extend(resources::RESOURCES.iter().filter(|r| r.in_all()).map(|res| Request {
                res,
                names: names.clone(),
                ns: None,
            }));
            continue;
        }
        out.push(Request { res: resolve_type(t)?, names: names.clone(), ns: None });
    }
    Ok(out)
}

/// The served resource type `t` names, or kubectl's error for an unknown
/// or unserved one.
pub(crate) fn resolve_type(t: &str) -> Result<&'static Resource, CommandOutput> {
    let shown: String = t.chars().take(64).collect();
    match resources::resolve(t) {
        Some(r) if r.served() => Ok(r),
        Some(r) => {
            let served: Vec<&str> = resources::RESOURCES.iter().filter(|r| r.served()).map(|r| r.plural).collect();
            let served = served.join(", ");
            Err(CommandOutput::error(
                format!("error: {} are not available in this playground", r.plural),
                Some(Text::new(
                    format!("{}({})은(는) 실제 쿠버네티스에는 있지만 이 플레이그라운드에서는 다루지 않습니다. 다루는 리소스: {served}.", r.plural, r.kind),
                    format!("{} ({}) exist in real Kubernetes, but this playground does not serve them. It serves: {served}.", r.plural, r.kind),
                )),
            ))
        }
        None => {
            let near: Vec<&str> = resources::RESOURCES
                .iter()
                .filter(|r| r.served() && strsim::levenshtein(&shown.to_lowercase(), r.plural) <= 2)
                .map(|r| r.plural)
                .collect();
            let hint = near
                .first()
                .map(|n| (format!(" `{n}`을(를) 뜻했나요?"), format!(" Did you mean `{n}`?")))
                .unwrap_or_default();
            Err(CommandOutput::error(
                resources::unknown_type_line(&shown),
                Some(Text::new(
                    format!(
                        "`{shown}`(이)라는 리소스 종류는 없습니다.{} `kubectl api-resources`로 목록을 볼 수 있습니다.",
                        hint.0
                    ),
                    format!("There is no resource type `{shown}`.{} `kubectl api-resources` lists them.", hint.1),
                )),
            ))
        }
    }
}

/// With `-n` given, an object of a file that names another namespace is
/// refused (the builder's `RequireNamespace` when the namespace is
/// enforced: `staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go`).
/// Cluster-scoped kinds have no namespace to compare.
pub(crate) fn enforce_namespace(c: &Cmd, kind: &str, object_ns: &str) -> Result<(), CommandOutput> {
    let Some(flag) = c.inv.get("namespace").filter(|n| !n.is_empty()) else { return Ok(()) };
    let namespaced = resources::resolve(kind).is_none_or(|r| r.namespaced);
    if !namespaced || object_ns.is_empty() || object_ns == flag {
        return Ok(());
    }
    Err(CommandOutput::error(
        format!("error: the namespace from the provided object \"{object_ns}\" does not match the namespace \"{flag}\". You must pass '--namespace={object_ns}' to perform this operation."),
        Some(Text::new(
            format!("파일의 metadata.namespace는 `{object_ns}`인데 `-n {flag}`을(를) 주었습니다. 둘을 맞추거나 `-n`을 빼세요."),
            format!("The file's metadata.namespace is `{object_ns}` but `-n {flag}` was given. Make them agree, or leave out `-n`."),
        )),
    ))
}

/// The kind and namespace of one document `-f` read: the document's own
/// namespace, else `-n` (or the context's); none for a cluster-scoped kind.
pub(crate) fn doc_target(c: &Cmd, doc: &super::cmd::docs::Doc) -> Result<(&'static Resource, String), CommandOutput> {
    let res = resolve_type(&doc.kind)?;
    let ns = if !res.namespaced {
        String::new()
    } else if doc.namespace.is_empty() {
        c.ns.clone()
    } else {
        doc.namespace.clone()
    };
    Ok((res, ns))
}
