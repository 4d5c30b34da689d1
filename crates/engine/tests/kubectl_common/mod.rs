//! Shared fixtures of the kubectl tests: a playground with lesson-like
//! files, and a transcript format for golden snapshots.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use podplay_engine::kubectl::{CommandOutput, Context, Playground};

/// A two-container pod (web server and a writer sidecar sharing a volume).
pub const WEB: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    tier: front
spec:
  volumes:
  - name: shared
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
    resources:
      requests: {cpu: 100m, memory: 64Mi}
      limits: {cpu: 200m, memory: 128Mi}
    volumeMounts:
    - name: shared
      mountPath: /usr/share/nginx/html
  - name: writer
    image: busybox:1.36
    command: ['sh', '-c', 'while true; do date >> /shared/index.html; echo wrote; sleep 5; done']
    volumeMounts:
    - name: shared
      mountPath: /shared
";

/// A pod whose container exits with 1 (CrashLoopBackOff).
pub const CRASH: &str = "apiVersion: v1
kind: Pod
metadata:
  name: crash
  labels:
    app: crash
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'echo starting; exit 1']
";

/// A pod that can never be scheduled.
pub const HUGE: &str = "apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: '64'}
";

/// A context with the editor holding `editor` and lesson files `web.yaml`,
/// `crash.yaml`, `huge.yaml`.
pub fn context(editor: &str) -> Context {
    let mut ctx = Context::with_editor(editor);
    ctx.files.insert("web.yaml".into(), WEB.into());
    ctx.files.insert("crash.yaml".into(), CRASH.into());
    ctx.files.insert("huge.yaml".into(), HUGE.into());
    ctx
}

/// Renders one command's result: the line, stdout as is, stderr after a
/// marker, and the exit code when not zero.
pub fn render(line: &str, out: &CommandOutput) -> String {
    let mut s = format!("$ {line}\n{}", out.stdout);
    if !out.stdout.is_empty() && !out.stdout.ends_with('\n') {
        s.push_str("⏎ (no newline)\n");
    }
    if !out.stderr.is_empty() {
        s.push_str("[stderr]\n");
        s.push_str(&out.stderr);
    }
    if out.exit_code != 0 {
        s.push_str(&format!("[exit {}]\n", out.exit_code));
    }
    if out.advanced_ms != 0 {
        s.push_str(&format!("[advanced {} ms]\n", out.advanced_ms));
    }
    s
}

/// Runs each line in order; `+N` lines advance virtual time by N seconds.
pub fn transcript(p: &mut Playground, ctx: &Context, lines: &[&str]) -> String {
    let mut s = String::new();
    for line in lines {
        if let Some(secs) = line.strip_prefix('+').and_then(|n| n.parse::<u64>().ok()) {
            p.cluster.advance_by(secs * 1000);
            s.push_str(&format!("(+{secs}s)\n"));
            continue;
        }
        let out = p.run(line, ctx);
        s.push_str(&render(line, &out));
        s.push('\n');
    }
    s
}
