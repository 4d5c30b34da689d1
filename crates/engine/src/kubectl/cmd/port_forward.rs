//! `kubectl port-forward POD [LOCAL:]REMOTE`: the simulated connection's
//! lines. Mirrors `staging/src/k8s.io/kubectl/pkg/cmd/portforward/portforward.go`.

use super::podcmd::find_pod;
use super::util::{api_error, Cmd};
use crate::kubectl::backend::Backend;
use crate::kubectl::{CommandOutput, Watch, WatchFrame, WATCH_LINES_MAX};
use crate::text::Text;

/// `kubectl port-forward POD [LOCAL:]REMOTE` (cmd/portforward/portforward.go):
/// the simulated connection's lines are returned at once.
pub(crate) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd) -> CommandOutput {
    let (Some(arg), Some(spec)) = (c.inv.args.first(), c.inv.args.get(1)) else {
        return CommandOutput::error(
            "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples",
            Some(Text::new("예: `kubectl port-forward nginx 8080:80`", "For example: `kubectl port-forward nginx 8080:80`.")),
        );
    };
    let (local, remote) = match spec.split_once(':') {
        Some((l, r)) => (if l.is_empty() { r } else { l }, r),
        None => (spec.as_str(), spec.as_str()),
    };
    let parse = |s: &str, which: &str| -> Result<u16, CommandOutput> {
        s.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
            CommandOutput::error(
                format!("error: Error parsing {which} port '{s}': strconv.ParseUint: parsing \"{s}\": invalid syntax"),
                None,
            )
        })
    };
    let local = match parse(local, "local") {
        Ok(p) => p,
        Err(e) => return e,
    };
    let remote = match parse(remote, "remote") {
        Ok(p) => p,
        Err(e) => return e,
    };
    let pod = match find_pod(b, c, arg) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let phase = pod.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_else(|| "Pending".into());
    if phase != "Running" {
        return CommandOutput::error(
            format!("error: unable to forward port because pod is not running. Current status={phase}"),
            Some(Text::new(
                "포트 포워딩은 Running 상태인 파드에만 할 수 있습니다.",
                "Port forwarding needs a Running pod.",
            )),
        );
    }
    let mut out = CommandOutput::ok(format!(
        "Forwarding from 127.0.0.1:{local} -> {remote}\nForwarding from [::1]:{local} -> {remote}\n"
    ));
    match b.port_forward(&pod.metadata.namespace, &pod.metadata.name, local, remote) {
        Ok(lines) => {
            let now = b.now();
            let mut watch = Watch::default();
            for l in lines.into_iter().take(WATCH_LINES_MAX) {
                out.stdout.push_str(&l);
                out.stdout.push('\n');
                watch.frames.push(WatchFrame { at: now, line: l });
            }
            out.watch = Some(watch);
            out
        }
        Err(e) => api_error(e),
    }
}
