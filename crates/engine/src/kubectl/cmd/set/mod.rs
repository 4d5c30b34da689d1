//! `kubectl set image|env|resources`, one file per subcommand as kubectl's
//! `staging/src/k8s.io/kubectl/pkg/cmd/set/`. Each changes the pod
//! template of Deployments, ReplicaSets, ReplicationControllers and Jobs
//! (or a pod's own spec) and sends the object back as an update, so the API
//! server's rules (a pod's spec is immutable but for its images) apply.

use std::fmt::Write as _;

use super::util::{api_error, kind_ref, label_filter, Cmd};
use crate::kubectl::backend::{Backend, StatusError};
use crate::kubectl::target;
use crate::kubectl::{ChangeAction, CommandOutput, ObjectChange};
use crate::model::{PodSpec, Workload};
use crate::text::Text;

mod env;
mod image;
mod resources;

/// An object whose pod spec a subcommand changes.
pub(super) enum Object {
    Pod(Box<crate::model::Pod>),
    Workload(Box<Workload>),
}

impl Object {
    fn spec_mut(&mut self) -> &mut PodSpec {
        match self {
            Object::Pod(p) => &mut p.spec,
            Object::Workload(w) => &mut w.spec.template.spec,
        }
    }

    fn spec(&self) -> &PodSpec {
        match self {
            Object::Pod(p) => &p.spec,
            Object::Workload(w) => &w.spec.template.spec,
        }
    }

    fn kind(&self) -> &str {
        match self {
            Object::Pod(_) => "Pod",
            Object::Workload(w) => &w.kind,
        }
    }

    fn name(&self) -> &str {
        match self {
            Object::Pod(p) => &p.metadata.name,
            Object::Workload(w) => &w.metadata.name,
        }
    }

    fn namespace(&self) -> &str {
        match self {
            Object::Pod(p) => &p.metadata.namespace,
            Object::Workload(w) => &w.metadata.namespace,
        }
    }

    /// `group/version, Resource=plural`, as kubectl prints a mapping.
    fn resource(&self) -> String {
        match self.kind() {
            "Pod" => "/v1, Resource=pods".into(),
            "ReplicationController" => "/v1, Resource=replicationcontrollers".into(),
            "Job" => "batch/v1, Resource=jobs".into(),
            other => format!("apps/v1, Resource={}s", other.to_ascii_lowercase()),
        }
    }

    fn kref(&self) -> String {
        let api = match self.kind() {
            "Pod" | "ReplicationController" => "v1",
            "Job" => "batch/v1",
            _ => "apps/v1",
        };
        kind_ref(self.kind(), api)
    }
}

/// What `kubectl set` alone prints (`set.go`, cobra's group help).
const GROUP_HELP: &str = "Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use \"kubectl set <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// `kubectl set SUBCOMMAND …`.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let sub = c.inv.args.first().map(String::as_str).unwrap_or("");
    let args = c.inv.args.get(1..).unwrap_or_default();
    match sub {
        "image" => image::run(b, c, args),
        "env" => env::run(b, c, args),
        "resources" => resources::run(b, c, args),
        "" => CommandOutput::ok(GROUP_HELP),
        other => CommandOutput::error(
            format!("error: unknown command \"{other}\" for \"kubectl set\""),
            Some(Text::new(
                "set의 하위 명령 중 이 플레이그라운드에서 쓸 수 있는 것은 image, env, resources입니다.",
                "The set subcommands available here are image, env and resources.",
            )),
        ),
    }
}

/// The objects the resource arguments (`deployment/web`, `pod x`, `-l`) name.
pub(super) fn objects<B: Backend + ?Sized>(
    b: &B,
    c: &Cmd,
    args: &[String],
    sub: &str,
) -> Result<Vec<Object>, CommandOutput> {
    if args.is_empty() && c.inv.raw_list("filename").is_empty() {
        return Err(CommandOutput::error(
            format!("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl set {sub} -h' for help and examples"),
            Some(Text::new(
                format!("바꿀 대상을 지정하세요. 예: `kubectl set {sub} deployment/web …`"),
                format!("Name what to change, e.g. `kubectl set {sub} deployment/web …`."),
            )),
        ));
    }
    let filter = label_filter(c)?;
    let no_name = |_: &crate::kubectl::resources::Resource| {
        CommandOutput::error(
            format!("error: resource(s) were provided, but no name was specified\nSee 'kubectl set {sub} -h' for help and examples"),
            Some(Text::new(
                "이름이나 `-l`, `--all`로 대상을 지정하세요.",
                "Name the object, or select with `-l` or `--all`.",
            )),
        )
    };
    let targets = target::targets(b, c, target::requests(c, args)?, &filter, no_name)?;
    let pods = b.pods();
    let rows = b.workloads();
    let mut out = Vec::new();
    for t in targets {
        if t.res.kind == "Pod" {
            match pods.iter().find(|p| p.metadata.namespace == t.ns && p.metadata.name == t.name) {
                Some(p) => out.push(Object::Pod(Box::new(p.clone()))),
                None => return Err(api_error(StatusError::not_found("pods", &t.name))),
            }
            continue;
        }
        if !matches!(t.res.kind, "Deployment" | "ReplicaSet" | "ReplicationController" | "Job") {
            return Err(CommandOutput::error(
                format!("error: {}/{} the object is not a pod or does not have a pod template: *v1.{}", t.res.plural, t.name, t.res.kind),
                Some(Text::new(
                    "파드나 파드 템플릿이 있는 워크로드(디플로이먼트, 레플리카셋, 레플리케이션컨트롤러, 잡)만 바꿀 수 있습니다.",
                    "Only pods and workloads with a pod template (Deployments, ReplicaSets, ReplicationControllers, Jobs) can be changed.",
                )),
            ));
        }
        let found = rows.iter().find(|w| w.kind == t.res.kind && w.namespace == t.ns && w.name == t.name);
        match found.and_then(|w| w.object.clone()) {
            Some(w) => out.push(Object::Workload(Box::new(w))),
            None => {
                let resource = match t.res.api_version.split_once('/') {
                    Some((group, _)) => format!("{}.{group}", t.res.plural),
                    None => t.res.plural.to_string(),
                };
                return Err(api_error(StatusError::not_found(&resource, &t.name)));
            }
        }
    }
    Ok(out)
}

/// Splits `KEY=VALUE` (and, for env, `KEY-`) arguments from resource arguments.
pub(super) fn split_pairs(args: &[String], removals: bool) -> (Vec<String>, Vec<String>) {
    let (mut res, mut pairs) = (Vec::new(), Vec::new());
    for a in args {
        if a.contains('=') || (removals && a.ends_with('-') && !a.contains('/')) {
            pairs.push(a.clone());
        } else {
            res.push(a.clone());
        }
    }
    (res, pairs)
}

/// Whether a container name matches `-c` (a shell-style `*` wildcard).
pub(super) fn matches(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((pre, post)) => name.len() >= pre.len() + post.len() && name.starts_with(pre) && name.ends_with(post),
    }
}

/// Sends changed objects to the API server: `deployment.apps/web <what>`
/// for each, the server's error for a refused one.
pub(super) fn send_all<B: Backend + ?Sized>(b: &mut B, objs: &[Object], what: &str, out: &mut CommandOutput) {
    for o in objs {
        let doc = match o {
            Object::Pod(p) => serde_json::to_string(p),
            Object::Workload(w) => serde_json::to_string(w),
        }
        .unwrap_or_default();
        match b.apply(&doc, o.namespace(), false) {
            Ok((ns, name, _)) => {
                let _ = writeln!(out.stdout, "{}/{name} {what}", o.kref());
                out.changed.push(ObjectChange {
                    kind: o.kind().to_string(),
                    namespace: ns,
                    name,
                    action: ChangeAction::Configured,
                });
            }
            Err(e) => {
                let err = api_error(e);
                out.stderr.push_str(&err.stderr);
                out.exit_code = 1;
                if out.explain.is_none() {
                    out.explain = err.explain;
                }
            }
        }
    }
}
