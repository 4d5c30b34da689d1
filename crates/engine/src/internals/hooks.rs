//! What the kubelet's lifecycle hooks and termination messages need from
//! inside a container: a hook's command run to its end (CRI `ExecSync`),
//! and the message a container leaves when it exits.
//!
//! Follows `pkg/kubelet/kuberuntime/kuberuntime_container.go`
//! (`getTerminationMessage`, `readLastStringFromContainerLogs`) and the
//! limits in `pkg/kubelet/container/runtime.go`.

use super::PodRuntime;
use crate::runtime::{ContainerId, ExecSyncResult};
use crate::time::SimTime;

/// `MaxContainerTerminationMessageLength`: the end of the message file kept.
const MESSAGE_FILE_BYTES_MAX: usize = 4 * 1024;
/// `MaxContainerTerminationMessageLogLength`: the end of the log kept.
const MESSAGE_LOG_BYTES_MAX: usize = 2 * 1024;
/// `MaxContainerTerminationMessageLogLines`: the log lines read.
const MESSAGE_LOG_LINES_MAX: usize = 80;

impl PodRuntime {
    /// Runs a hook's command as `kubectl exec` would, to its end.
    pub(super) fn hook_exec(&mut self, id: &ContainerId, command: &[String], now: SimTime) -> ExecSyncResult {
        match self.exec(id, command, now) {
            Ok(out) => ExecSyncResult { exit_code: out.exit_code, stdout: out.stdout, stderr: out.stderr },
            Err(t) => ExecSyncResult { exit_code: 126, stdout: String::new(), stderr: t.en },
        }
    }

    /// The message of a container that has just exited.
    pub(super) fn exit_message(&self, id: &ContainerId, path: &str, fallback_to_logs: bool) -> Option<String> {
        let from_file = if path.is_empty() { None } else { self.read_file(id, path).ok() };
        let from_file = from_file.map(|s| tail_bytes(&s, MESSAGE_FILE_BYTES_MAX).to_string());
        match from_file {
            Some(m) if !m.is_empty() => Some(m),
            _ if fallback_to_logs => {
                let lines = self.logs(id, false);
                let start = lines.len().saturating_sub(MESSAGE_LOG_LINES_MAX);
                let mut text = String::new();
                for l in lines.iter().skip(start) {
                    text.push_str(&l.line);
                    text.push('\n');
                }
                let text = tail_bytes(&text, MESSAGE_LOG_BYTES_MAX).to_string();
                (!text.is_empty()).then_some(text)
            }
            _ => None,
        }
    }
}

/// The last `max` bytes of `s`, starting on a character boundary.
fn tail_bytes(s: &str, max: usize) -> &str {
    let mut start = s.len().saturating_sub(max);
    while start < s.len() && !s.is_char_boundary(start) {
        start += 1;
    }
    s.get(start..).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::tail_bytes;

    #[test]
    fn tail_keeps_the_end_on_a_char_boundary() {
        assert_eq!(tail_bytes("hello", 3), "llo");
        assert_eq!(tail_bytes("hello", 10), "hello");
        assert_eq!(tail_bytes("가나", 4), "나");
    }
}
