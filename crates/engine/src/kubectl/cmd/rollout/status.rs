//! `kubectl rollout status [--watch=false] [--timeout=D]`: waits on the
//! virtual clock until the Deployment's rollout finishes, printing
//! kubectl's progress line each time the Deployment changes. Follows
//! `staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_status.go` and
//! `polymorphichelpers/rollout_status.go` (`DeploymentStatusViewer`).

use crate::kubectl::backend::{Backend, WorkloadRow};
use crate::kubectl::cmd::util::Cmd;
use crate::kubectl::{CommandOutput, Watch, WatchFrame, WATCH_LINES_MAX};
use crate::text::Text;

/// The virtual time between two looks at the Deployment.
const STEP_MS: u64 = 200;

/// `DeploymentStatusViewer.Status`: the line, whether the rollout is done,
/// or an error when its progress deadline passed.
fn status(d: &WorkloadRow) -> Result<(String, bool), String> {
    let name = &d.name;
    let generation = d.object.as_ref().and_then(|o| o.metadata.generation).unwrap_or(1);
    if generation > d.observed_generation {
        return Ok(("Waiting for deployment spec update to be observed...\n".into(), false));
    }
    if d.conditions.iter().any(|c| c.type_ == "Progressing" && c.reason == "ProgressDeadlineExceeded") {
        return Err(format!("deployment {name:?} exceeded its progress deadline"));
    }
    let want = d.desired;
    if d.updated < want {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} out of {want} new replicas have been updated...\n",
                d.updated
            ),
            false,
        ));
    }
    if d.current > d.updated {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...\n",
                d.current.saturating_sub(d.updated)
            ),
            false,
        ));
    }
    if d.available < d.updated {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} of {} updated replicas are available...\n",
                d.available, d.updated
            ),
            false,
        ));
    }
    Ok((format!("deployment \"{name}\" successfully rolled out\n"), true))
}

/// `--timeout`: a Go duration (`90s`, `5m`, `1h`); 0 waits for ever.
fn timeout_ms(text: &str) -> Option<u64> {
    if text == "0" {
        return Some(0);
    }
    let mut total = 0u64;
    let mut num = String::new();
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch.is_ascii_digit() {
            num.push(ch);
            continue;
        }
        let unit = if ch == 'm' && chars.peek() == Some(&'s') {
            chars.next();
            1
        } else {
            match ch {
                'h' => 3_600_000,
                'm' => 60_000,
                's' => 1000,
                _ => return None,
            }
        };
        let n: u64 = num.parse().ok()?;
        total = total.saturating_add(n.saturating_mul(unit));
        num.clear();
    }
    num.is_empty().then_some(total)
}

fn find<B: Backend + ?Sized>(b: &B, d: &WorkloadRow) -> Option<WorkloadRow> {
    b.workloads().into_iter().find(|w| w.kind == "Deployment" && w.namespace == d.namespace && w.name == d.name)
}

pub(super) fn run<B: Backend + ?Sized>(b: &mut B, c: &Cmd, d: &WorkloadRow) -> CommandOutput {
    let timeout = match c.inv.get("timeout").map(timeout_ms) {
        None => 0,
        Some(Some(t)) => t,
        Some(None) => {
            let v = c.inv.get("timeout").unwrap_or("");
            return CommandOutput::error(
                format!("error: invalid argument \"{v}\" for \"--timeout\" flag: time: invalid duration \"{v}\"\nSee 'kubectl rollout status --help' for usage."),
                Some(Text::new("--timeout에는 30s, 5m 같은 시간을 쓰세요.", "--timeout takes a duration such as 30s or 5m.")),
            );
        }
    };
    let watch = c.inv.get("watch") != Some("false");
    let mut out = CommandOutput::default();
    let mut frames = Watch::default();
    let mut row = d.clone();
    let mut last_seen: Option<WorkloadRow> = None;
    let limit = if timeout == 0 { c.ctx.watch_ms_max.min(600_000) } else { timeout.min(600_000) };
    let mut elapsed = 0u64;
    loop {
        if last_seen.as_ref() != Some(&row) {
            match status(&row) {
                Err(e) => {
                    out.stderr = format!("error: {e}\n");
                    out.exit_code = 1;
                    break;
                }
                Ok((line, done)) => {
                    if frames.frames.len() < WATCH_LINES_MAX {
                        out.stdout.push_str(&line);
                        frames.frames.push(WatchFrame { at: b.now(), line: line.trim_end().to_string() });
                    }
                    if done || !watch {
                        break;
                    }
                }
            }
            last_seen = Some(row.clone());
        }
        if elapsed >= limit {
            if timeout > 0 {
                out.stderr = "error: timed out waiting for the condition\n".into();
                out.exit_code = 1;
                out.explain = Some(Text::new(
                    "정해진 시간 안에 롤아웃이 끝나지 않았습니다. `kubectl describe deployment`와 `kubectl get pods`로 새 파드가 왜 준비되지 않는지 확인하세요.",
                    "The rollout did not finish in time. Use `kubectl describe deployment` and `kubectl get pods` to see why the new pods are not ready.",
                ));
            } else {
                frames.truncated = true;
            }
            break;
        }
        let until = b.poll_timeout().map_or(limit - elapsed, |t| t.since(b.now()));
        let step = until.div_ceil(STEP_MS).max(1).saturating_mul(STEP_MS).min(limit - elapsed).max(1);
        b.advance(step);
        elapsed += step;
        match find(b, d) {
            Some(r) => row = r,
            None => {
                out.stderr = format!("error: deployments.apps \"{}\" not found\n", d.name);
                out.exit_code = 1;
                break;
            }
        }
    }
    out.advanced_ms = elapsed;
    out.watch = Some(frames);
    out
}

#[cfg(test)]
mod tests {
    use super::timeout_ms;

    #[test]
    fn go_durations() {
        assert_eq!(timeout_ms("90s"), Some(90_000));
        assert_eq!(timeout_ms("1m30s"), Some(90_000));
        assert_eq!(timeout_ms("0"), Some(0));
        assert_eq!(timeout_ms("10"), None);
    }
}
