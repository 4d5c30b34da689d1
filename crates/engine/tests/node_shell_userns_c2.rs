//! The node's view of a pod with its own user namespace (`hostUsers:
//! false`): on the host, the containers' root is the first ID of the pod's
//! block (what `/proc/self/uid_map` shows inside), and the pause user 65535
//! is that base plus 65535; a pod in the host's user namespace runs as root.
//! BusyBox `ps` prints the user with `%-8.8s`.

mod kubectl_common;

use kubectl_common::context;
use podplay_engine::kubectl::Playground;

const PODS: &str = "apiVersion: v1
kind: Pod
metadata:
  name: isolated
spec:
  hostUsers: false
  nodeName: worker-1
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  nodeName: worker-2
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
";

fn ok(p: &mut Playground, line: &str) -> String {
    let ctx = context(PODS);
    let out = p.run(line, &ctx);
    assert_eq!(out.exit_code, 0, "{line}: {}", out.stderr);
    out.stdout
}

#[test]
fn the_host_sees_a_user_namespaced_pods_root_as_its_block_base() {
    let mut p = Playground::new(3);
    ok(&mut p, "kubectl apply -f -");
    p.cluster.advance_by(20_000);
    let map = ok(&mut p, "kubectl exec isolated -- cat /proc/self/uid_map");
    let fields: Vec<&str> = map.split_whitespace().collect();
    assert_eq!(fields.len(), 3, "{map}");
    let base: u32 = fields[1].parse().expect("a host ID");
    assert_eq!(fields[2], "65536");
    ok(&mut p, "ssh worker-1");
    let ps = ok(&mut p, "ps");
    let sleep = ps.lines().find(|l| l.ends_with("sleep 3600")).expect("the container's process");
    let user = sleep.split_whitespace().nth(1).unwrap_or_default();
    let want: String = base.to_string().chars().take(8).collect();
    assert_eq!(user, want, "{ps}");
    let pause = ps.lines().find(|l| l.ends_with("/pause")).expect("the pause process");
    let want_pause: String = (base + 65535).to_string().chars().take(8).collect();
    assert_eq!(pause.split_whitespace().nth(1), Some(want_pause.as_str()), "{ps}");
    ok(&mut p, "exit");
    ok(&mut p, "ssh worker-2");
    let ps = ok(&mut p, "ps");
    let sleep = ps.lines().find(|l| l.ends_with("sleep 3600")).expect("plain's process");
    assert_eq!(sleep.split_whitespace().nth(1), Some("root"), "{ps}");
    let pause = ps.lines().find(|l| l.ends_with("/pause")).expect("plain's pause");
    assert_eq!(pause.split_whitespace().nth(1), Some("65535"), "{ps}");
}
