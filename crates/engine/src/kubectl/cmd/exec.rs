//! `kubectl exec POD -- CMD…`: runs one command in a container.
//! Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go`.

use std::fmt::Write as _;

use super::podcmd::live_container;
use super::util::{api_error, Cmd};
use crate::kubectl::backend::{Backend, SessionEnd};
use crate::kubectl::CommandOutput;
use crate::model::Pod;
use crate::text::Text;
use crate::time::SimTime;

/// `kubectl exec POD [-c CTR] -- CMD…` (cmd/exec/exec.go).
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let Some(arg) = c.inv.args.first() else {
        return CommandOutput::error(
            "error: pod, type/name or --filename must be specified",
            Some(Text::new(
                "명령을 실행할 파드를 지정하세요. 예: `kubectl exec nginx -- hostname`",
                "Name the pod, e.g. `kubectl exec nginx -- hostname`.",
            )),
        );
    };
    if c.inv.args.len() > 1 {
        return CommandOutput::error(
            "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
            Some(Text::new(
                format!(
                    "실행할 명령 앞에 `--`를 넣으세요. 예: `kubectl exec {arg} -- {}`",
                    c.inv.args.get(1..).map(|a| a.join(" ")).unwrap_or_default()
                ),
                format!(
                    "Put `--` before the command, e.g. `kubectl exec {arg} -- {}`",
                    c.inv.args.get(1..).map(|a| a.join(" ")).unwrap_or_default()
                ),
            )),
        );
    }
    let argv = c.inv.after_dash.clone().unwrap_or_default();
    if argv.is_empty() {
        return CommandOutput::error(
            "error: you must specify at least one command for the container",
            Some(Text::new(
                "`--` 뒤에 실행할 명령을 쓰세요. 예: `kubectl exec nginx -- ls /`",
                "Put the command after `--`, e.g. `kubectl exec nginx -- ls /`.",
            )),
        );
    }
    let shells = ["sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash"];
    // `-t` without `-i` gets no terminal (exec.go `SetupTTY`): the shell
    // has no input and ends at once, as a plain exec.
    let interactive =
        c.inv.on("stdin") && argv.len() == 1 && argv.first().is_some_and(|a| shells.contains(&a.as_str()));
    let mut out = CommandOutput::default();
    let (pod, ctr) = match live_container(b, c, arg, "exec into", &mut out) {
        Ok(t) => t,
        Err(e) => return e,
    };
    if interactive {
        let program = argv.first().cloned().unwrap_or_default();
        open_shell(b, &pod, &ctr, &program, SessionEnd::Nothing, &mut out);
        return out;
    }
    let now = b.now();
    match b.exec(&pod.metadata.namespace, &pod.metadata.name, &ctr, &argv) {
        Ok(r) if r.stderr.starts_with("OCI runtime exec failed:") => {
            not_started(&pod, &ctr, &argv, now, &r.stderr, &mut out);
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

/// The runtime could not start the program at all. Through the CRI
/// (containerd), the kubelet reports that as an internal error of the exec
/// request, which kubectl prints as its own error line.
fn not_started(pod: &Pod, ctr: &str, argv: &[String], now: SimTime, runtime_error: &str, out: &mut CommandOutput) {
    let exec_id = crate::hash::hex_digest(
        &format!("{}/{}/{ctr}/{}/{}", pod.metadata.namespace, pod.metadata.name, argv.join(" "), now.as_millis()),
        64,
    );
    let program = argv.first().cloned().unwrap_or_default();
    out.stderr.push_str(&format!(
        "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{exec_id}\": {}\n",
        runtime_error.trim_end()
    ));
    out.exit_code = 1;
    out.explain = Some(Text::new(
        format!("`{ctr}` 컨테이너의 이미지에 `{program}` 실행 파일이 없습니다. 작은 이미지에는 bash, curl, ps 같은 도구가 없는 경우가 많습니다. `sh`나 이미지에 있는 다른 명령을 쓰세요."),
        format!("The image of container `{ctr}` has no `{program}` executable. Small images often lack tools such as bash, curl or ps; use `sh` or another command the image has."),
    ));
}

/// Opens an interactive shell (`program`) in a container of `pod`, as
/// `exec -it`, `run -it`, `debug -it` and `attach -it` do; kubectl prints
/// nothing when it opens. A shell the image lacks fails as the runtime's
/// exec does.
pub(crate) fn open_shell<B: Backend + ?Sized>(
    b: &mut B,
    pod: &Pod,
    ctr: &str,
    program: &str,
    on_exit: SessionEnd,
    out: &mut CommandOutput,
) {
    let image = pod
        .spec
        .containers
        .iter()
        .chain(&pod.spec.init_containers)
        .chain(pod.spec.ephemeral_containers.iter().map(|e| &e.container))
        .find(|c| c.name == ctr)
        .and_then(|c| c.image.clone())
        .unwrap_or_default();
    let now = b.now();
    let argv = vec![program.to_string()];
    if crate::kubectl::session::flavour(&image, program).is_none() {
        let runtime_error = format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{program}\": executable file not found in $PATH: unknown");
        not_started(pod, ctr, &argv, now, &runtime_error, out);
        out.explain = Some(crate::kubectl::session::missing_shell(ctr, program));
        return;
    }
    // A distroless image, or a container that is not running, fails as a plain exec of the shell would.
    let probe = vec![program.to_string(), "-c".to_string(), "exit 0".to_string()];
    match b.exec(&pod.metadata.namespace, &pod.metadata.name, ctr, &probe) {
        Ok(r) if r.stderr.starts_with("OCI runtime exec failed:") => {
            not_started(pod, ctr, &argv, now, &r.stderr, out);
            out.explain = Some(crate::kubectl::session::missing_shell(ctr, program));
            return;
        }
        Ok(_) => {}
        Err(e) => {
            let o = api_error(e);
            out.stderr.push_str(&o.stderr);
            out.exit_code = o.exit_code;
            out.explain = o.explain;
            return;
        }
    }
    if let Err(e) = b.open_session(&pod.metadata.namespace, &pod.metadata.name, ctr, program, on_exit) {
        let o = api_error(e);
        out.stderr.push_str(&o.stderr);
        out.exit_code = o.exit_code;
        out.explain = o.explain;
    }
}
