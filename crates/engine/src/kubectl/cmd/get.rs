//! `kubectl get`: lists objects of one or more types as a table, names,
//! JSON, YAML, JSONPath or custom columns, then (`-w`) watches them.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/get/get.go`.

use std::fmt::Write as _;

use super::kinds::{self, Item};
use super::objects::{field_target, sort_items};
use super::util::{label_filter, no_resources, output, Cmd};
use super::watch::{watch, Scope};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::fieldsel::FieldSelector;
use crate::kubectl::jsonpath::{self, SortField};
use crate::kubectl::printers::{self, list_of, to_json, to_yaml, Output, TableOptions};
use crate::kubectl::resources::{self, Resource};
use crate::kubectl::sel::LabelFilter;
use crate::kubectl::target::{self, Request};
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// What `get` prints, gathered over every requested type.
#[derive(Default)]
struct Printed {
    tables: Vec<String>,
    objects: Vec<serde_json::Value>,
    /// Whether one named object of one type was asked for (printed bare, not in a List).
    single: bool,
    any: bool,
}

/// `kubectl get`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    match get(b, c) {
        Ok(out) | Err(out) => out,
    }
}

fn get<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> Result<CommandOutput, CommandOutput> {
    if c.inv.args.first().is_some_and(|a| super::componentstatus::is_component_status(a)) {
        return Ok(super::componentstatus::run(c));
    }
    let out_fmt = output(c)?;
    let filter = label_filter(c)?;
    let sort_by = sort_by(c)?;
    let fields = field_selector(c)?;
    let requests = target::merge_by_type(target::requests(c, &c.inv.args)?);
    if requests.is_empty() {
        return Err(CommandOutput::error(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples",
            Some(Text::new(
                "무엇을 조회할지 리소스 종류를 지정하세요. 예: `kubectl get pods`, `kubectl get nodes`, `kubectl get events`",
                "Say which resource type to get, e.g. `kubectl get pods`, `kubectl get nodes`, `kubectl get events`.",
            )),
        ));
    }
    if fields.is_set() {
        for r in &requests {
            let (resource, supported, core) = field_target(r.res);
            let (raw, labels) = (c.inv.get("field-selector").unwrap_or(""), c.inv.get("selector").unwrap_or(""));
            if let Err((line, explain)) = fields.check(raw, labels, &resource, supported, core) {
                return Err(CommandOutput::error(format!("Error from server (BadRequest): {line}"), Some(explain)));
            }
        }
    }
    let all_ns = c.inv.on("all-namespaces");
    let ns = if all_ns { None } else { Some(c.ns.as_str()) };
    let get_all = c.inv.args.first().is_some_and(|a| a == "all");
    let multi = requests.len() > 1 || get_all;
    let opts = TableOptions {
        wide: out_fmt == Output::Wide,
        show_labels: c.inv.on("show-labels"),
        label_columns: c.inv.list("label-columns"),
        no_headers: c.inv.on("no-headers"),
        with_kind: multi,
        with_namespace: all_ns,
    };
    // kubectl watches one resource type at a time (its builder's
    // `SingleResourceType`), and `all` is several types.
    let watched: Option<Request> = match requests.as_slice() {
        [r] if !get_all => Some(r.clone()),
        _ => None,
    };
    if c.inv.on("watch") && watched.is_none() {
        return Err(CommandOutput::error(
            "error: you may only specify a single resource type",
            Some(Text::new(
                "`-w`는 한 번에 한 가지 리소스 종류만 지켜볼 수 있습니다(`all`도 여러 종류입니다). 종류마다 따로 실행하세요. 예: `kubectl get pods -w`, `kubectl get deployments -w`",
                "`-w` watches one resource type at a time (and `all` is several types). Watch each type on its own, e.g. `kubectl get pods -w`, `kubectl get deployments -w`.",
            )),
        ));
    }
    let now = b.now();
    let mut out = CommandOutput::default();
    let mut printed = Printed::default();
    for Request { res, names, .. } in requests {
        printed.single = names.len() == 1 && !multi;
        let found = select(b, res, &names, (ns, &filter, &fields), sort_by.as_ref(), &mut out);
        printed.any |= !found.is_empty();
        match &out_fmt {
            Output::Table | Output::Wide => {
                if !found.is_empty() {
                    let refs: Vec<&Item> = found.iter().collect();
                    printed.tables.push(kinds::table(res, &refs, now, &opts));
                }
            }
            Output::Name => printed.tables.extend(found.iter().map(|i| format!("{}\n", i.name_line(res)))),
            _ => printed.objects.extend(found.iter().map(|i| i.json(res))),
        }
    }
    if !printed.any && out.stderr.is_empty() && !c.inv.on("watch") {
        return nothing_found(out, &out_fmt, if all_ns { None } else { requests_ns(c, &ns) });
    }
    print(&mut out, printed, &out_fmt)?;
    if c.inv.on("watch") {
        if let Some(Request { res, names, .. }) = watched {
            let scope = Scope { ns, labels: &filter, fields: &fields, names: &names };
            watch(b, c, res, &scope, &out_fmt, &opts, &mut out);
        }
    }
    Ok(out)
}

/// `--sort-by`.
fn sort_by(c: &Cmd) -> Result<Option<SortField>, CommandOutput> {
    c.inv.get("sort-by").filter(|f| !f.is_empty()).map(SortField::parse).transpose().map_err(|e| {
        CommandOutput::error(
            format!("error: {}", e.0),
            Some(Text::new(
                "`--sort-by`에는 정렬 기준이 될 필드 하나를 JSONPath로 씁니다. 예: `--sort-by=.metadata.creationTimestamp`, `--sort-by=.status.containerStatuses[0].restartCount`",
                "`--sort-by` takes one field as a JSONPath, e.g. `--sort-by=.metadata.creationTimestamp` or `--sort-by=.status.containerStatuses[0].restartCount`.",
            )),
        )
    })
}

/// `--field-selector`.
fn field_selector(c: &Cmd) -> Result<FieldSelector, CommandOutput> {
    FieldSelector::parse(c.inv.get("field-selector")).map_err(|e| {
        CommandOutput::error(
            format!("error: {e}"),
            Some(Text::new(
                "필드 셀렉터는 `필드=값`, `필드==값`, `필드!=값`을 쉼표로 이어 씁니다. 예: `--field-selector status.phase=Running`",
                "A field selector is `field=value`, `field==value` or `field!=value`, joined by commas, e.g. `--field-selector status.phase=Running`.",
            )),
        )
    })
}

/// The objects of one type that `get` prints: those in the namespace that
/// `-l` selects, then the named ones (a missing name is a NotFound line on
/// stderr), then those `--field-selector` selects, in `--sort-by` order.
fn select<B: Backend + ?Sized>(
    b: &B,
    res: &Resource,
    names: &[String],
    (ns, filter, fields): (Option<&str>, &LabelFilter, &FieldSelector),
    sort_by: Option<&SortField>,
    out: &mut CommandOutput,
) -> Vec<Item> {
    let in_scope: Vec<Item> = kinds::list(b, res, ns).into_iter().filter(|i| filter.matches(&i.labels())).collect();
    let mut found: Vec<Item> = if names.is_empty() {
        in_scope
    } else {
        let mut found = Vec::new();
        for n in names {
            match in_scope.iter().find(|i| &i.name() == n) {
                Some(i) => found.push(i.clone()),
                None => {
                    let _ = writeln!(out.stderr, "{}", StatusError::not_found(&resource_name(res), n).line());
                    out.exit_code = 1;
                }
            }
        }
        found
    };
    found.retain(|i| fields.matches(|f| i.field(f)));
    sort_items(&mut found, sort_by, |i| i.json(res));
    found
}

/// How the API names a type in a NotFound message: `pods`, `deployments.apps`.
fn resource_name(res: &Resource) -> String {
    match res.api_version.split_once('/') {
        Some((group, _)) => format!("{}.{group}", res.plural),
        None => res.plural.to_string(),
    }
}

/// `No resources found`, or an empty List for `-o json|yaml|jsonpath`.
fn nothing_found(mut out: CommandOutput, out_fmt: &Output, ns: Option<&str>) -> Result<CommandOutput, CommandOutput> {
    out.stderr.push_str(&no_resources(ns));
    let list = list_of(Vec::new());
    let printed = match out_fmt {
        Output::Json => Some(to_json(&list)),
        Output::Yaml => Some(to_yaml(&list)),
        Output::JsonPath(t) => {
            Some(jsonpath::render(t, &list).map_err(|e| CommandOutput::error(format!("error: {}", e.0), None))?)
        }
        _ => None,
    };
    if let Some(printed) = printed {
        out.stdout = printed;
        out.stderr.clear();
    }
    Ok(out)
}

/// Writes what was gathered to stdout in the output format.
fn print(out: &mut CommandOutput, mut printed: Printed, out_fmt: &Output) -> Result<(), CommandOutput> {
    let single = printed.single;
    match out_fmt {
        Output::Table | Output::Wide => out.stdout = printed.tables.join("\n"),
        Output::Name => out.stdout = printed.tables.concat(),
        Output::CustomColumns(cols) => out.stdout = printers::custom_columns(cols, &printed.objects),
        // One named object that is missing is only an error: kubectl wraps
        // what it found in a List unless a single item was asked for
        // (`kubectl/pkg/cmd/get/get.go` printGeneric: `if singleItemImplied
        // { return err }`).
        Output::Json | Output::Yaml | Output::JsonPath(_) if single && printed.objects.is_empty() => {}
        Output::Json | Output::Yaml | Output::JsonPath(_) => {
            let root = if single && printed.objects.len() == 1 {
                printed.objects.pop().unwrap_or(serde_json::Value::Null)
            } else {
                list_of(printed.objects)
            };
            match out_fmt {
                Output::Json => out.stdout = to_json(&root),
                Output::Yaml => out.stdout = to_yaml(&root),
                Output::JsonPath(t) => {
                    out.stdout =
                        jsonpath::render(t, &root).map_err(|e| CommandOutput::error(format!("error: {}", e.0), None))?
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The namespace `No resources found in …` names: none for a cluster-scoped type.
fn requests_ns<'a>(c: &'a Cmd, ns: &Option<&'a str>) -> Option<&'a str> {
    let cluster_scoped = c
        .inv
        .args
        .first()
        .and_then(|a| resources::resolve(a.split(['/', ',']).next().unwrap_or("")))
        .is_some_and(|r| !r.namespaced);
    if cluster_scoped {
        None
    } else {
        *ns
    }
}
