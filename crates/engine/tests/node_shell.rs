//! The node shell (`ssh worker-1`): seed article 000's static-pod workflow
//! (a manifest written with a here-document into the kubelet's
//! staticPodPath, edited, removed, watched with `kubectl get pods -A -w`),
//! `crictl`, `lsns` and `/proc/<pid>/ns` against the inodes the pod
//! picture shows, and the errors ssh prints.

use podplay_engine::kubectl::{CommandOutput, Context, Playground};

fn run(pg: &mut Playground, line: &str) -> CommandOutput {
    pg.run(line, &Context::default())
}

fn all(out: &CommandOutput) -> String {
    let mut s = format!("{}{}", out.stdout, out.stderr);
    if let Some(w) = &out.watch {
        for f in &w.frames {
            s.push_str(&format!("[{}] {}\n", f.at.as_millis(), f.line));
        }
    }
    s
}

#[test]
fn explore() {
    let mut pg = Playground::new(7);
    for line in [
        "ssh worker-1",
        "cat /var/lib/kubelet/config.yaml | grep staticPodPath",
        "cat <<EOF > /etc/kubernetes/manifests/static-web.yaml",
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: static-web",
        "  labels:",
        "    role: myrole",
        "spec:",
        "  containers:",
        "  - name: web",
        "    image: nginx",
        "    ports:",
        "    - name: web",
        "      containerPort: 80",
        "      protocol: TCP",
        "EOF",
        "ls -l /etc/kubernetes/manifests",
        "exit",
        "kubectl get pods -A -w",
        "ssh worker-1",
        "crictl pods",
        "crictl ps",
        "crictl images",
        "lsns",
        "ps",
        "sed -i 's/image: nginx/image: nginx:1.27/' /etc/kubernetes/manifests/static-web.yaml",
        "exit",
        "kubectl get pods -A -w",
        "ssh worker-1 rm /etc/kubernetes/manifests/static-web.yaml",
        "kubectl get pods -A -w",
        "kubectl get pods -A",
        "kubectl get events",
        "ssh node01",
        "systemctl status kubelet",
    ] {
        println!("{} {line}", pg.shell_prompt().unwrap_or("$ ".into()));
        let out = run(&mut pg, line);
        print!("{}", all(&out));
    }
}
