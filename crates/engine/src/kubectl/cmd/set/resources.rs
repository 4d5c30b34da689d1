//! `kubectl set resources (TYPE NAME | TYPE/NAME) [-c NAME]
//! --limits=cpu=200m,memory=512Mi --requests=…`. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/set/set_resources.go`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{matches, objects, send_all, Object};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;
use crate::text::Text;

/// `cpu=200m,memory=512Mi` as a resource list.
fn parse_list(text: &str) -> Result<BTreeMap<String, String>, CommandOutput> {
    let mut out = BTreeMap::new();
    for part in text.split(',').filter(|p| !p.is_empty()) {
        let Some((k, v)) = part.split_once('=') else {
            return Err(CommandOutput::error(
                format!("error: invalid argument syntax {part}"),
                Some(Text::new("`cpu=200m,memory=512Mi`처럼 적으세요.", "Write it as `cpu=200m,memory=512Mi`.")),
            ));
        };
        if crate::quantity::Quantity::parse(v).is_err() {
            return Err(CommandOutput::error(
                "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
                    .to_string(),
                Some(Text::new(
                    format!("`{v}`는 올바른 수량이 아닙니다. 예: 200m, 0.5, 512Mi, 1Gi"),
                    format!("`{v}` is not a valid quantity, e.g. 200m, 0.5, 512Mi, 1Gi."),
                )),
            ));
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

pub(super) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd, args: &[String]) -> CommandOutput {
    let limits = match parse_list(c.inv.get("limits").unwrap_or("")) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let requests = match parse_list(c.inv.get("requests").unwrap_or("")) {
        Ok(r) => r,
        Err(e) => return e,
    };
    if limits.is_empty() && requests.is_empty() {
        return CommandOutput::error(
            "error: you must specify an update to requests or limits (in the form of --requests/--limits)",
            Some(Text::new(
                "`--limits`나 `--requests`를 지정하세요. 예: `--limits=cpu=200m,memory=512Mi`",
                "Give `--limits` or `--requests`, e.g. `--limits=cpu=200m,memory=512Mi`.",
            )),
        );
    }
    let objs = match objects(b, c, args, "resources") {
        Ok(o) => o,
        Err(e) => return e,
    };
    let pattern = c.inv.get("containers").unwrap_or("*").to_string();
    let mut out = CommandOutput::default();
    let mut changed: Vec<Object> = Vec::new();
    for mut o in objs {
        let before = o.spec().clone();
        let (resource, name) = (o.resource(), o.name().to_string());
        let mut any = false;
        for ct in o.spec_mut().containers.iter_mut().filter(|ct| matches(&pattern, &ct.name)) {
            any = true;
            let r = ct.resources.get_or_insert_with(Default::default);
            r.limits.extend(limits.clone());
            r.requests.extend(requests.clone());
        }
        if !any {
            let _ =
                writeln!(out.stdout, "warning: {resource}/{name} does not have any containers matching \"{pattern}\"");
        }
        if *o.spec() != before {
            changed.push(o);
        }
    }
    send_all(b, &changed, "resource requirements updated", &mut out);
    out
}
