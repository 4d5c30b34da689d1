//! Interactive shells in containers, typed as learners type them:
//! `kubectl exec -it POD -- sh`, `kubectl run -it --rm … -- sh`,
//! `kubectl debug -it --target`, `kubectl attach -it`. Expected output is
//! what kubectl 1.35 and the images' shells print (busybox `ash` shows
//! `/ # `, Debian's dash `# `, bash `root@HOST:/# `).

mod kubectl_common;

use kubectl_common::context;
use podplay_engine::kubectl::{CommandOutput, Context, Playground};

fn run(pg: &mut Playground, ctx: &Context, line: &str) -> CommandOutput {
    pg.run(line, ctx)
}

/// The `web` pod (nginx + busybox writer), running.
fn web() -> (Playground, Context) {
    let ctx = context("");
    let mut pg = Playground::new(3);
    let o = pg.run("kubectl apply -f web.yaml", &ctx);
    assert_eq!(o.exit_code, 0, "{}", o.stderr);
    pg.cluster.advance_by(10_000);
    (pg, ctx)
}

#[test]
fn exec_it_into_busybox_keeps_the_directory_between_lines() {
    let (mut pg, ctx) = web();
    let o = run(&mut pg, &ctx, "kubectl exec -it web -c writer -- sh");
    assert_eq!((o.stdout.as_str(), o.stderr.as_str(), o.exit_code), ("", "", 0));
    assert_eq!(pg.shell_prompt().as_deref(), Some("/ # "));
    assert_eq!(run(&mut pg, &ctx, "cd /shared").exit_code, 0);
    assert_eq!(pg.shell_prompt().as_deref(), Some("/shared # "));
    assert_eq!(run(&mut pg, &ctx, "ls").stdout, "index.html\n");
    assert_eq!(run(&mut pg, &ctx, "pwd").stdout, "/shared\n");
    assert_eq!(run(&mut pg, &ctx, "hostname").stdout, "web\n");
    let o = run(&mut pg, &ctx, "cd /nowhere");
    assert_ne!(o.exit_code, 0);
    assert!(o.stderr.contains("/nowhere"), "{}", o.stderr);
    assert_eq!(pg.shell_prompt().as_deref(), Some("/shared # "));
    // `kubectl` and `ssh` are commands the container lacks.
    let o = run(&mut pg, &ctx, "kubectl get pods");
    assert_eq!(o.exit_code, 127, "{o:?}");
    let o = run(&mut pg, &ctx, "exit");
    assert_eq!((o.stdout.as_str(), o.stderr.as_str(), o.exit_code), ("", "", 0));
    assert_eq!(pg.shell_prompt(), None);
    assert_eq!(run(&mut pg, &ctx, "kubectl get pod web -o name").stdout, "pod/web\n");
}

#[test]
fn exec_it_into_nginx_uses_the_images_shells_and_the_default_container() {
    let (mut pg, ctx) = web();
    let o = run(&mut pg, &ctx, "kubectl exec -it web -- sh");
    assert_eq!(o.stderr, "Defaulted container \"nginx\" out of: nginx, writer\n");
    assert_eq!(o.exit_code, 0);
    assert_eq!(pg.shell_prompt().as_deref(), Some("# "));
    assert_eq!(run(&mut pg, &ctx, "cat /etc/hostname").stdout.trim_end(), "web");
    run(&mut pg, &ctx, "exit");
    let o = run(&mut pg, &ctx, "kubectl exec --stdin --tty web -c nginx -- /bin/bash");
    assert_eq!(o.exit_code, 0, "{}", o.stderr);
    assert_eq!(pg.shell_prompt().as_deref(), Some("root@web:/# "));
    run(&mut pg, &ctx, "cd /usr/share/nginx/html");
    assert_eq!(pg.shell_prompt().as_deref(), Some("root@web:/usr/share/nginx/html# "));
    assert_eq!(run(&mut pg, &ctx, "ls").stdout, "index.html\n");
}

#[test]
fn exit_n_is_kubectls_exit_code() {
    let (mut pg, ctx) = web();
    run(&mut pg, &ctx, "kubectl exec -i -t web -c writer -- sh");
    let o = run(&mut pg, &ctx, "exit 3");
    assert_eq!(o.stderr, "command terminated with exit code 3\n");
    assert_eq!(o.exit_code, 3);
    assert_eq!(pg.shell_prompt(), None);
}

#[test]
fn a_shell_the_image_lacks_is_the_runtimes_error() {
    let (mut pg, ctx) = web();
    let o = run(&mut pg, &ctx, "kubectl exec -it web -c writer -- bash");
    assert!(o.stderr.starts_with("error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \""), "{}", o.stderr);
    assert!(o.stderr.ends_with("\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"bash\": executable file not found in $PATH: unknown\n"), "{}", o.stderr);
    assert_eq!(o.exit_code, 1);
    assert!(o.explain.is_some());
    assert_eq!(pg.shell_prompt(), None);
}

#[test]
fn tty_without_stdin_is_a_plain_exec() {
    let (mut pg, ctx) = web();
    let o = run(&mut pg, &ctx, "kubectl exec -t web -c writer -- sh");
    assert_eq!(o.exit_code, 0, "{}", o.stderr);
    assert_eq!(pg.shell_prompt(), None);
}

#[test]
fn a_session_opened_from_a_node_shell_returns_to_it() {
    let (mut pg, ctx) = web();
    run(&mut pg, &ctx, "ssh control-plane");
    let node_prompt = pg.shell_prompt();
    let o = run(&mut pg, &ctx, "kubectl exec -it web -c writer -- sh");
    assert_eq!(o.exit_code, 0, "{}", o.stderr);
    assert_eq!(pg.shell_prompt().as_deref(), Some("/ # "));
    let o = run(&mut pg, &ctx, "ssh worker-1");
    assert_eq!(o.exit_code, 127, "{o:?}");
    run(&mut pg, &ctx, "exit");
    assert_eq!(pg.shell_prompt(), node_prompt);
}

#[test]
fn run_it_rm_opens_a_shell_and_deletes_the_pod_on_exit() {
    let ctx = context("");
    let mut pg = Playground::new(5);
    let o = run(&mut pg, &ctx, "kubectl run tmp -it --rm --image=busybox:1.36 --restart=Never -- sh");
    assert_eq!(o.stdout, "");
    assert_eq!(o.stderr, "If you don't see a command prompt, try pressing enter.\n");
    assert_eq!(o.exit_code, 0);
    assert!(o.advanced_ms > 0);
    assert_eq!(pg.shell_prompt().as_deref(), Some("/ # "));
    assert_eq!(run(&mut pg, &ctx, "hostname").stdout, "tmp\n");
    let o = run(&mut pg, &ctx, "exit");
    assert_eq!(o.stdout, "pod \"tmp\" deleted from default namespace\n");
    assert_eq!(pg.shell_prompt(), None);
    pg.cluster.advance_by(40_000);
    let o = run(&mut pg, &ctx, "kubectl get pod tmp");
    assert_eq!(o.stderr, "Error from server (NotFound): pods \"tmp\" not found\n");
}

#[test]
fn run_attach_flags_are_checked_as_kubectl_does() {
    let ctx = context("");
    let mut pg = Playground::new(5);
    let o = run(&mut pg, &ctx, "kubectl run x -t --image=busybox");
    assert_eq!(
        o.stderr,
        "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n"
    );
    let o = run(&mut pg, &ctx, "kubectl run x --rm --image=busybox");
    assert_eq!(
        o.stderr,
        "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n"
    );
    let o = run(&mut pg, &ctx, "kubectl run x -it --image=busybox --dry-run=client -o yaml");
    assert_eq!(o.stderr, "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n");
}

#[test]
fn run_it_without_rm_says_how_to_attach_again() {
    let ctx = context("");
    let mut pg = Playground::new(5);
    let o = run(&mut pg, &ctx, "kubectl run box -i -t --image=busybox:1.36");
    assert_eq!(o.exit_code, 0, "{}", o.stderr);
    assert_eq!(pg.shell_prompt().as_deref(), Some("/ # "));
    let o = run(&mut pg, &ctx, "exit");
    assert_eq!(
        o.stdout,
        "Session ended, resume using 'kubectl attach box -c box -i -t' command when the pod is running\n"
    );
    let o = run(&mut pg, &ctx, "kubectl attach box -c box -i -t");
    assert_eq!(o.stderr, "If you don't see a command prompt, try pressing enter.\n");
    assert_eq!(pg.shell_prompt().as_deref(), Some("/ # "));
    run(&mut pg, &ctx, "exit");
    assert_eq!(pg.shell_prompt(), None);
}

#[test]
fn attach_to_a_server_opens_a_shell_and_says_what_a_real_attach_reaches() {
    let (mut pg, ctx) = web();
    let o = run(&mut pg, &ctx, "kubectl attach web -it");
    assert_eq!(
        o.stderr,
        "Defaulted container \"nginx\" out of: nginx, writer\nIf you don't see a command prompt, try pressing enter.\n"
    );
    assert!(o.explain.as_ref().is_some_and(|e| e.en.contains("stdin of container `nginx`'s main process")));
    assert_eq!(pg.shell_prompt().as_deref(), Some("# "));
    run(&mut pg, &ctx, "exit");
}

#[test]
fn debug_it_with_target_sees_the_targets_processes() {
    let (mut pg, ctx) = web();
    let o = run(&mut pg, &ctx, "kubectl debug web -it --image=busybox:1.36 --target=nginx");
    assert!(o.stdout.starts_with("Targeting container \"nginx\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\nDefaulting debug container name to debugger-"), "{}", o.stdout);
    assert_eq!(o.stderr, "If you don't see a command prompt, try pressing enter.\n");
    assert_eq!(o.exit_code, 0);
    assert!(o.explain.is_none());
    assert_eq!(pg.shell_prompt().as_deref(), Some("/ # "));
    let ps = run(&mut pg, &ctx, "ps").stdout;
    assert!(ps.contains("    1 root      0:00 nginx -g daemon off;\n"), "{ps}");
    run(&mut pg, &ctx, "exit");
    assert_eq!(pg.shell_prompt(), None);
}
