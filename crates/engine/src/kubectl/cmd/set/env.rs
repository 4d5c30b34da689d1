//! `kubectl set env (TYPE NAME | TYPE/NAME) KEY=VALUE… KEY-… [-c NAME]
//! [--list]`. Follows `staging/src/k8s.io/kubectl/pkg/cmd/set/set_env.go`
//! (`updateEnv`, the `# <resource> <name>, container <c>` listing).

use std::fmt::Write as _;

use super::{matches, objects, send_all, split_pairs, Object};
use crate::kubectl::backend::Backend;
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::CommandOutput;
use crate::model::EnvVar;
use crate::text::Text;

pub(super) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd, args: &[String]) -> CommandOutput {
    let (res, mut pairs) = split_pairs(args, true);
    pairs.extend(c.inv.raw_list("env"));
    let list = c.inv.on("list");
    if pairs.is_empty() && !list {
        return CommandOutput::error(
            "error: at least one environment variable must be provided",
            Some(Text::new(
                "`이름=값`(설정)이나 `이름-`(삭제)을 적으세요. 예: `kubectl set env deployment/web MODE=prod`",
                "Give `NAME=value` to set or `NAME-` to remove, e.g. `kubectl set env deployment/web MODE=prod`.",
            )),
        );
    }
    let (mut set, mut remove): (Vec<EnvVar>, Vec<String>) = (Vec::new(), Vec::new());
    for p in &pairs {
        match p.split_once('=') {
            Some((k, v)) => set.push(EnvVar { name: k.to_string(), value: Some(v.to_string()), ..EnvVar::default() }),
            None => remove.push(p.trim_end_matches('-').to_string()),
        }
    }
    let objs = match objects(b, c, &res, "env") {
        Ok(o) => o,
        Err(e) => return e,
    };
    let pattern = c.inv.get("containers").unwrap_or("*").to_string();
    let overwrite = c.inv.get("overwrite") != Some("false");
    let mut out = CommandOutput::default();
    let mut changed: Vec<Object> = Vec::new();
    for mut o in objs {
        let before = o.spec().clone();
        let (resource, name) = (o.resource(), o.name().to_string());
        let spec = o.spec_mut();
        let mut any = false;
        for ct in spec.containers.iter_mut().filter(|ct| matches(&pattern, &ct.name)) {
            any = true;
            if !overwrite {
                if let Some(e) = set.iter().find(|e| ct.env.iter().any(|x| x.name == e.name)) {
                    let _ = writeln!(
                        out.stderr,
                        "error: '{}' already has a value ({}), and --overwrite is false",
                        e.name,
                        ct.env.iter().find(|x| x.name == e.name).and_then(|x| x.value.clone()).unwrap_or_default()
                    );
                    out.exit_code = 1;
                    return out;
                }
            }
            for e in &set {
                match ct.env.iter_mut().find(|x| x.name == e.name) {
                    Some(x) => *x = e.clone(),
                    None => ct.env.push(e.clone()),
                }
            }
            ct.env.retain(|x| !remove.contains(&x.name));
            if list {
                let _ = writeln!(out.stdout, "# {resource} {name}, container {}", ct.name);
                for e in &ct.env {
                    match &e.value_from {
                        None => {
                            let _ = writeln!(out.stdout, "{}={}", e.name, e.value.clone().unwrap_or_default());
                        }
                        Some(_) => {
                            let _ = writeln!(out.stdout, "# {} from a reference", e.name);
                        }
                    }
                }
            }
        }
        if !any {
            let _ =
                writeln!(out.stdout, "warning: {resource}/{name} does not have any containers matching \"{pattern}\"");
        }
        if !list && *o.spec() != before {
            changed.push(o);
        }
    }
    if !list {
        send_all(b, &changed, "env updated", &mut out);
    }
    out
}
