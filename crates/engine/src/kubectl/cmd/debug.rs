//! `kubectl debug`: an ephemeral container in a running pod (`POD
//! --image=… [--target=CTR]`), or a privileged pod on a node
//! (`node/NAME`) in the host's namespaces with its root at `/host`.
//! Follows `staging/src/k8s.io/kubectl/pkg/cmd/debug/debug.go`
//! (`Validate`, `visitPod`, `debugByEphemeralContainer`,
//! `generateDebugContainer`, `computeDebugContainerName`,
//! `generateNodeDebugPod`) and `debug/profiles.go` (the security settings
//! of each `--profile`). With `-it` the terminal opens a shell session in
//! the debug container once it runs (`super::attach`).

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::util::{api_error, Cmd};
use crate::kubectl::backend::{Backend, SessionEnd, StatusError};
use crate::kubectl::{resources, ChangeAction, CommandOutput, ObjectChange};
use crate::model::{Container, EphemeralContainer};
use crate::text::Text;

const PROFILES: [&str; 6] = ["legacy", "general", "baseline", "restricted", "netadmin", "sysadmin"];

fn fail(line: String, ko: String, en: String) -> CommandOutput {
    CommandOutput::error(line, Some(Text::new(ko, en)))
}

/// The container's `securityContext` for a profile (profiles.go:
/// `allowProcessTracing`, `disallowRoot`, `dropCapabilities`,
/// `allowNetadminCapability`, `setPrivileged`).
fn security_context(profile: &str) -> Option<Value> {
    match profile {
        "general" => Some(json!({"capabilities": {"add": ["SYS_PTRACE"]}})),
        "restricted" => Some(json!({
            "allowPrivilegeEscalation": false,
            "capabilities": {"drop": ["ALL"]},
            "runAsNonRoot": true,
            "seccompProfile": {"type": "RuntimeDefault"}
        })),
        "netadmin" => Some(json!({"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}})),
        "sysadmin" => Some(json!({"privileged": true})),
        _ => None,
    }
}

/// The options `Validate` checks, in its order.
struct Opts {
    image: String,
    profile: String,
    stdin: bool,
    tty: bool,
    quiet: bool,
    attach: bool,
}

fn validate(c: &Cmd, out: &mut CommandOutput) -> Result<Opts, CommandOutput> {
    let image = c.inv.get("image").unwrap_or("").to_string();
    if image.is_empty() {
        return Err(fail(
            "error: you must specify --image when not using --copy-to.".into(),
            "디버그 컨테이너의 이미지를 `--image`로 지정하세요. 예: `kubectl debug web -it --image=busybox:1.36`"
                .into(),
            "Give the debug container an image with `--image`, e.g. `kubectl debug web -it --image=busybox:1.36`."
                .into(),
        ));
    }
    if image.contains(' ') || image.chars().any(|ch| ch.is_ascii_uppercase()) {
        return Err(CommandOutput::error(
            format!("error: invalid image name \"{image}\": invalid reference format"),
            None,
        ));
    }
    if c.inv.args.is_empty() {
        return Err(fail(
            "error: NAME or filename is required for debug".into(),
            "디버그할 파드(또는 `node/노드이름`)를 지정하세요.".into(),
            "Name the pod to debug (or `node/NODE`).".into(),
        ));
    }
    if let Some(policy) = c.inv.get("image-pull-policy") {
        if !["Always", "IfNotPresent", "Never", ""].contains(&policy) {
            return Err(CommandOutput::error(format!("error: invalid image pull policy: {policy}"), None));
        }
    }
    let quiet = c.inv.on("quiet");
    if let Some(t) = c.inv.get("target") {
        if !quiet {
            let _ = writeln!(
                out.stdout,
                "Targeting container \"{t}\". If you don't see processes from this container it may be because the container runtime doesn't support this feature."
            );
        }
    }
    let (stdin, tty) = (c.inv.on("stdin"), c.inv.on("tty"));
    if tty && !stdin {
        return Err(CommandOutput::error("error: -i/--stdin is required for containers with -t/--tty=true", None));
    }
    let profile = c.inv.get("profile").unwrap_or("general").to_string();
    if !PROFILES.contains(&profile.as_str()) {
        return Err(fail(
            format!("error: unknown profile: {profile}"),
            format!("프로파일은 {} 중 하나입니다.", PROFILES.join(", ")),
            format!("The profile is one of {}.", PROFILES.join(", ")),
        ));
    }
    if profile == "legacy" {
        out.stderr.push_str("Legacy profile is planned to be deprecated in the near future. It is recommended to specify other profiles such as \"--profile=general\".\n");
    }
    let attach = match c.inv.get("attach") {
        Some(v) => v == "true",
        None => stdin,
    };
    Ok(Opts { image, profile, stdin, tty, quiet, attach })
}

/// `kubectl debug` (cmd/debug/debug.go).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let mut out = CommandOutput::default();
    let o = match validate(c, &mut out) {
        Ok(o) => o,
        Err(mut e) => {
            e.stdout = std::mem::take(&mut out.stdout);
            return e;
        }
    };
    let Some(arg) = c.inv.args.first() else { return out };
    let (typed, name) = match arg.split_once('/') {
        Some((t, n)) => (t, n),
        None => ("pods", arg.as_str()),
    };
    let result = match resources::resolve(typed).map(|r| r.kind) {
        Some("Pod") => debug_pod(b, c, &o, name, &mut out),
        Some("Node") => debug_node(b, c, &o, name, &mut out),
        Some(_) | None => {
            let r = resources::resolve(typed);
            match r {
                Some(r) => Err(CommandOutput::error(
                    format!("error: \"{}, Kind={}\" not supported by debug", r.api_version, r.kind),
                    Some(Text::new(
                        "kubectl debug는 파드와 노드만 디버그합니다. 워크로드의 파드를 `kubectl get pods`로 찾아 그 파드를 지정하세요.",
                        "kubectl debug works on pods and nodes. Find the workload's pods with `kubectl get pods` and name one.",
                    )),
                )),
                None => Err(CommandOutput::error(resources::unknown_type_line(typed), None)),
            }
        }
    };
    match result {
        Ok(()) => out,
        Err(mut e) => {
            e.stdout = format!("{}{}", out.stdout, e.stdout);
            e.stderr = format!("{}{}", out.stderr, e.stderr);
            e
        }
    }
}

/// `debugByEphemeralContainer`.
fn debug_pod<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    o: &Opts,
    name: &str,
    out: &mut CommandOutput,
) -> Result<(), CommandOutput> {
    let Some(pod) = b.pods().into_iter().find(|p| p.metadata.namespace == c.ns && p.metadata.name == name) else {
        return Err(api_error(StatusError::not_found("pods", name)));
    };
    let taken = |n: &str| {
        pod.spec.containers.iter().chain(&pod.spec.init_containers).any(|x| x.name == n)
            || pod.spec.ephemeral_containers.iter().any(|e| e.container.name == n)
    };
    let ctr_name = match c.inv.get("container").filter(|n| !n.is_empty()) {
        Some(n) => n.to_string(),
        None => {
            let mut n = String::new();
            for _ in 0..8 {
                n = format!("debugger-{}", b.name_suffix(5));
                if !taken(&n) {
                    break;
                }
            }
            if !o.quiet {
                let _ = writeln!(out.stdout, "Defaulting debug container name to {n}.");
            }
            n
        }
    };
    let ec = EphemeralContainer {
        container: Container {
            name: ctr_name.clone(),
            image: Some(o.image.clone()),
            command: c.inv.after_dash.clone().unwrap_or_default(),
            image_pull_policy: Some(
                c.inv
                    .get("image-pull-policy")
                    .map(str::to_string)
                    .unwrap_or_else(|| crate::defaults::image_pull_policy(&o.image).to_string()),
            ),
            security_context: security_context(&o.profile),
            termination_message_path: Some("/dev/termination-log".into()),
            termination_message_policy: Some("File".into()),
            stdin: o.stdin,
            tty: o.tty,
            ..Container::default()
        },
        target_container_name: c.inv.get("target").map(str::to_string),
    };
    b.add_ephemeral_container(&c.ns, name, ec).map_err(api_error)?;
    out.changed.push(ObjectChange {
        kind: "Pod".into(),
        namespace: c.ns.clone(),
        name: name.to_string(),
        action: ChangeAction::Updated,
    });
    if o.attach {
        attach(b, o, &c.ns, name, &ctr_name, out);
    } else {
        out.explain = Some(Text::new(
            format!("`{name}` 파드에 임시 컨테이너 `{ctr_name}`을(를) 추가했습니다. 임시 컨테이너는 다시 시작되지 않고, 파드가 지워질 때까지 spec.ephemeralContainers에 남습니다. 안에서 명령을 실행하려면 `kubectl exec {name} -c {ctr_name} -- ps`를 쓰세요."),
            format!("Added the ephemeral container `{ctr_name}` to pod `{name}`. Ephemeral containers are never restarted and stay in spec.ephemeralContainers until the pod is deleted. Run commands in it with `kubectl exec {name} -c {ctr_name} -- ps`."),
        ));
    }
    Ok(())
}

/// What `-i` does after creating the container: wait until it runs, then
/// attach; with `-t` the terminal opens a shell session in it.
fn attach<B: Backend + ?Sized>(b: &mut B, o: &Opts, ns: &str, pod: &str, ctr: &str, out: &mut CommandOutput) {
    super::attach::attach_session(b, ns, pod, ctr, o.tty && !o.quiet, SessionEnd::Nothing, out);
}

/// `visitNode` with `generateNodeDebugPod` and the profile's node settings.
fn debug_node<B: Backend + ?Sized>(
    b: &mut B,
    c: &Cmd,
    o: &Opts,
    node: &str,
    out: &mut CommandOutput,
) -> Result<(), CommandOutput> {
    if !b.nodes().iter().any(|n| n.metadata.name == node) {
        return Err(api_error(StatusError::not_found("nodes", node)));
    }
    let ctr = c.inv.get("container").filter(|n| !n.is_empty()).unwrap_or("debugger").to_string();
    let pod_name = format!("node-debugger-{node}-{}", b.name_suffix(5));
    if !o.quiet {
        let _ = writeln!(out.stdout, "Creating debugging pod {pod_name} with container {ctr} on node {node}.");
    }
    let mut container = json!({
        "name": ctr,
        "image": o.image,
        "stdin": o.stdin,
        "tty": o.tty,
        "terminationMessagePolicy": "File",
    });
    if let Some(cmd) = c.inv.after_dash.as_ref().filter(|a| !a.is_empty()) {
        container["command"] = json!(cmd);
    }
    if let Some(p) = c.inv.get("image-pull-policy") {
        container["imagePullPolicy"] = json!(p);
    }
    let mut spec = json!({
        "containers": [],
        "nodeName": node,
        "restartPolicy": "Never",
        "tolerations": [{"operator": "Exists"}],
    });
    // profiles.go: `useHostNamespaces` and `mountRootPartition` for the
    // profiles that reach into the node.
    if matches!(o.profile.as_str(), "legacy" | "general" | "sysadmin" | "netadmin") {
        spec["hostIPC"] = json!(true);
        spec["hostNetwork"] = json!(true);
        spec["hostPID"] = json!(true);
    }
    if matches!(o.profile.as_str(), "legacy" | "general" | "sysadmin") {
        container["volumeMounts"] = json!([{"mountPath": "/host", "name": "host-root"}]);
        spec["volumes"] = json!([{"name": "host-root", "hostPath": {"path": "/", "type": ""}}]);
    }
    if let Some(sc) = security_context(&o.profile).filter(|_| o.profile != "general") {
        container["securityContext"] = sc;
    }
    spec["containers"] = json!([container]);
    let doc =
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": pod_name, "namespace": c.ns}, "spec": spec});
    b.apply(&doc.to_string(), &c.ns, true).map_err(api_error)?;
    out.changed.push(ObjectChange {
        kind: "Pod".into(),
        namespace: c.ns.clone(),
        name: pod_name.clone(),
        action: ChangeAction::Created,
    });
    if o.attach {
        attach(b, o, &c.ns, &pod_name, &ctr, out);
    } else {
        out.explain = Some(Text::new(
            format!("`{node}` 노드에 디버그 파드 `{pod_name}`을(를) 만들었습니다. 호스트의 PID·네트워크·IPC 네임스페이스를 공유하고, 노드의 루트 파일시스템이 /host에 마운트됩니다. 다 쓰면 `kubectl delete pod {pod_name}`로 지우세요."),
            format!("Created the debug pod `{pod_name}` on node `{node}`. It shares the host's PID, network and IPC namespaces and mounts the node's root filesystem at /host. Delete it with `kubectl delete pod {pod_name}` when done."),
        ));
    }
    Ok(())
}
