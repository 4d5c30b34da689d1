//! `kubectl scale`: sets the replicas of Deployments and ReplicaSets
//! through their scale subresource. Mirrors
//! `staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go`.

use std::fmt::Write as _;

use super::util::{kind_ref, label_filter, output, Cmd};
use crate::kubectl::backend::Backend;
use crate::kubectl::printers::Output;
use crate::kubectl::target::{self, Target};
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::text::Text;

/// `kubectl scale --replicas=N (TYPE NAME | TYPE/NAME | -f FILE | TYPE -l …
/// | TYPE --all)`: Deployments and ReplicaSets, through their scale
/// subresource (`kubectl/pkg/cmd/scale/scale.go`).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
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
        Ok(_) => {
            return CommandOutput::error(
                "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
                Some(how),
            )
        }
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
    let requests = match target::requests(c, &c.inv.args) {
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
    let targets = match target::targets(b, c, requests, &filter, |res| {
        CommandOutput::error(
            "error: resource(s) were provided, but no name was specified",
            Some(Text::new(
                format!(
                    "이름을 지정하거나 `--all`, `-l`을 쓰세요. 예: `kubectl scale {} web --replicas=3`",
                    res.singular
                ),
                format!(
                    "Name the object, or use `--all` or `-l`, e.g. `kubectl scale {} web --replicas=3`.",
                    res.singular
                ),
            )),
        )
    }) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let mut out = CommandOutput::default();
    let rows = b.workloads();
    for Target { res, ns, name } in targets {
        // Only these kinds have a scale subresource here; the API answers
        // 404 for the others' `/scale`.
        if !matches!(res.kind, "Deployment" | "ReplicaSet" | "ReplicationController") {
            let _ =
                writeln!(out.stderr, "Error from server (NotFound): the server could not find the requested resource");
            out.exit_code = 1;
            if out.explain.is_none() {
                out.explain = Some(Text::new(
                    format!(
                        "{}에는 레플리카 수가 없습니다. 디플로이먼트, 레플리카셋, 레플리케이션컨트롤러의 크기를 바꿀 수 있습니다.",
                        res.kind
                    ),
                    format!("A {} has no replica count to scale. Deployments, ReplicaSets and ReplicationControllers can be scaled.", res.kind),
                ));
            }
            continue;
        }
        let kref = kind_ref(res.kind, res.api_version);
        if let Some(want) = current {
            let now =
                rows.iter().find(|w| w.kind == res.kind && w.namespace == ns && w.name == name).map(|w| w.desired);
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
                out.changed.push(ObjectChange {
                    kind: res.kind.to_string(),
                    namespace: ns,
                    name,
                    action: ChangeAction::Configured,
                });
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
