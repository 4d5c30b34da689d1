//! The node shell (`ssh worker-1`): seed article 000's static-pod workflow
//! (a manifest written with a here-document into the kubelet's
//! staticPodPath, edited, removed, watched with `kubectl get pods -w`),
//! `crictl`, `lsns` and `/proc/<pid>/ns` against the inodes the pod
//! picture shows, and what ssh prints when it cannot connect.

use podplay_engine::kubectl::{CommandOutput, Context, Playground};

fn run(pg: &mut Playground, line: &str) -> CommandOutput {
    pg.run(line, &Context::default())
}

fn out(pg: &mut Playground, line: &str) -> String {
    let o = run(pg, line);
    format!("{}{}", o.stdout, o.stderr)
}

/// Seed article 000's static pod, typed line by line as a learner would.
const STATIC_WEB: &[&str] = &[
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
];

fn with_static_web() -> Playground {
    let mut pg = Playground::new(7);
    run(&mut pg, "ssh worker-1");
    for line in STATIC_WEB {
        let o = run(&mut pg, line);
        assert_eq!(o.exit_code, 0, "{line}: {}", o.stderr);
    }
    run(&mut pg, "exit");
    pg
}

#[test]
fn the_kubelet_config_names_the_static_pod_path() {
    let mut pg = Playground::new(1);
    assert_eq!(pg.shell_prompt(), None);
    run(&mut pg, "ssh worker-1");
    assert_eq!(pg.shell_prompt().as_deref(), Some("root@worker-1:~# "));
    assert_eq!(
        out(&mut pg, "grep staticPodPath /var/lib/kubelet/config.yaml"),
        "staticPodPath: /etc/kubernetes/manifests\n"
    );
    assert!(out(&mut pg, "cat /var/lib/kubelet/config.yaml").contains("kind: KubeletConfiguration\n"));
    assert_eq!(out(&mut pg, "hostname"), "worker-1\n");
    assert_eq!(out(&mut pg, "cat /etc/hostname"), "worker-1\n");
    assert_eq!(out(&mut pg, "ls /etc/kubernetes/manifests"), "");
    run(&mut pg, "cd /etc/kubernetes/manifests");
    assert_eq!(pg.shell_prompt().as_deref(), Some("root@worker-1:/etc/kubernetes/manifests# "));
    assert_eq!(out(&mut pg, "pwd"), "/etc/kubernetes/manifests\n");
    let o = run(&mut pg, "exit");
    assert_eq!(o.stdout, "logout\n");
    assert_eq!(o.stderr, "Connection to worker-1 closed.\n");
    assert_eq!(pg.shell_prompt(), None, "exit returns to kubectl");
    assert!(out(&mut pg, "kubectl get nodes").contains("worker-1"));
}

#[test]
fn a_heredoc_manifest_becomes_a_mirror_pod_then_updates_and_goes() {
    let mut pg = Playground::new(7);
    run(&mut pg, "ssh worker-1");
    let (first, rest) = STATIC_WEB.split_first().unwrap();
    run(&mut pg, first);
    assert_eq!(pg.shell_prompt().as_deref(), Some("> "), "the here-document is still open");
    for line in rest {
        run(&mut pg, line);
    }
    assert_eq!(pg.shell_prompt().as_deref(), Some("root@worker-1:~# "));
    assert!(out(&mut pg, "cat /etc/kubernetes/manifests/static-web.yaml").starts_with("apiVersion: v1\nkind: Pod\n"));
    assert_eq!(run(&mut pg, "exit").exit_code, 0);

    // inotify: the kubelet sees the file at once; the mirror pod is in the API.
    let o = run(&mut pg, "kubectl get pods -w");
    let w = o.watch.expect("a watch");
    let rows: Vec<&str> = w.frames.iter().map(|f| f.line.as_str()).collect();
    assert!(rows.iter().all(|l| l.starts_with("static-web-worker-1   ")), "{rows:?}");
    assert!(rows.iter().any(|l| l.contains("ContainerCreating")), "{rows:?}");
    assert!(rows.last().is_some_and(|l| l.contains("1/1     Running")), "{rows:?}");
    assert!(w.frames.first().is_some_and(|f| f.at.as_millis() < 2_000), "near-immediate: {:?}", w.frames.first());
    assert!(out(&mut pg, "kubectl get pods").contains("static-web-worker-1   1/1     Running"));
    let owner = out(&mut pg, "kubectl get pod static-web-worker-1 -o jsonpath={.metadata.ownerReferences[0].kind}");
    assert_eq!(owner, "Node");

    // An edit (the image) replaces the pod.
    run(&mut pg, "ssh worker-1");
    let o = run(&mut pg, "sed -i 's/image: nginx/image: nginx:1.27/' /etc/kubernetes/manifests/static-web.yaml");
    assert_eq!(o.exit_code, 0, "{}", o.stderr);
    run(&mut pg, "exit");
    let o = run(&mut pg, "kubectl get pods -w");
    assert!(o.watch.is_some_and(|w| w.frames.last().is_some_and(|f| f.line.contains("Running"))));
    assert_eq!(
        out(&mut pg, "kubectl get pod static-web-worker-1 -o jsonpath={.spec.containers[0].image}"),
        "nginx:1.27"
    );

    // rm: the kubelet stops the pod and the mirror pod goes.
    assert_eq!(run(&mut pg, "ssh worker-1 rm /etc/kubernetes/manifests/static-web.yaml").exit_code, 0);
    assert_eq!(pg.shell_prompt(), None, "`ssh NODE CMD` comes back");
    assert!(out(&mut pg, "kubectl get pods").contains("Terminating"));
    run(&mut pg, "kubectl get pods -w");
    assert_eq!(out(&mut pg, "kubectl get pods"), "No resources found in default namespace.\n");
}

#[test]
fn deleting_the_mirror_pod_does_not_stop_the_static_pod() {
    let mut pg = with_static_web();
    pg.advance(30_000);
    assert_eq!(
        out(&mut pg, "kubectl delete pod static-web-worker-1"),
        "pod \"static-web-worker-1\" deleted from default namespace\n"
    );
    // The kubelet makes a new mirror pod at once: a new object, so its AGE starts again.
    assert_eq!(
        out(&mut pg, "kubectl get pods"),
        "NAME                  READY   STATUS    RESTARTS   AGE\nstatic-web-worker-1   1/1     Running   0          0s\n"
    );
    run(&mut pg, "ssh worker-1");
    assert!(out(&mut pg, "crictl ps").contains("static-web-worker-1"));
}

#[test]
fn an_invalid_manifest_is_logged_by_the_kubelet_and_ignored() {
    let mut pg = Playground::new(3);
    run(&mut pg, "ssh worker-1");
    run(&mut pg, "echo 'apiVersion: v1' > /etc/kubernetes/manifests/bad.yaml");
    run(&mut pg, "echo 'kind: Pod' >> /etc/kubernetes/manifests/bad.yaml");
    let log = out(&mut pg, "journalctl -u kubelet");
    assert!(log.contains("\"Could not process manifest file\""), "{log}");
    assert!(log.contains("path=\"/etc/kubernetes/manifests/bad.yaml\""), "{log}");
    run(&mut pg, "exit");
    assert_eq!(out(&mut pg, "kubectl get pods"), "No resources found in default namespace.\n");
}

trait Advance {
    fn advance(&mut self, ms: u64);
}

impl Advance for Playground {
    fn advance(&mut self, ms: u64) {
        self.cluster.advance_by(ms);
    }
}

#[test]
fn crictl_lists_only_this_nodes_sandboxes_and_containers() {
    let mut pg = with_static_web();
    let other = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: elsewhere\nspec:\n  nodeName: worker-2\n  containers:\n  - name: app\n    image: busybox\n    command: ['sh', '-c', 'echo hi; sleep 3600']\n";
    pg.run("kubectl apply -f editor.yaml", &Context::with_editor(other));
    pg.advance(30_000);
    let cid =
        out(&mut pg, "kubectl get pod static-web-worker-1 -o jsonpath={.status.containerStatuses[0].containerID}");
    let cid = cid.strip_prefix("containerd://").expect("a containerd ID").to_string();
    assert_eq!(cid.len(), 64);

    run(&mut pg, "ssh worker-1");
    let pods = out(&mut pg, "crictl pods");
    let lines: Vec<&str> = pods.lines().collect();
    // tabwriter(minwidth 20, padding 3): every column but the last is 20 wide here,
    // NAME is "static-web-worker-1" (19) + 3.
    assert_eq!(
        lines.first().copied(),
        Some("POD ID              CREATED             STATE               NAME                  NAMESPACE           ATTEMPT             RUNTIME")
    );
    assert_eq!(lines.len(), 2, "only worker-1's pods: {pods}");
    let row = lines.get(1).copied().unwrap_or("");
    assert!(
        row.ends_with("Ready               static-web-worker-1   default             0                   (default)"),
        "{row}"
    );
    assert!(row.contains("29 seconds ago"), "the sandbox came up 0.8s in: {row}");
    let pod_id = row.split_whitespace().next().unwrap_or("").to_string();
    assert_eq!(pod_id.len(), 13);

    let ps = out(&mut pg, "crictl ps");
    let lines: Vec<&str> = ps.lines().collect();
    assert!(lines.first().is_some_and(|h| h.starts_with("CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD")), "{ps}");
    let row = lines.get(1).copied().unwrap_or("");
    assert!(row.starts_with(cid.get(..13).unwrap_or("")), "crictl's ID is the status's containerID: {row} / {cid}");
    assert!(
        row.contains(&format!(
            " Running             web                 0                   {pod_id}       static-web-worker-1"
        )),
        "{row}"
    );
    assert!(!ps.contains("elsewhere"));

    let inspect = out(&mut pg, &format!("crictl inspectp {pod_id}"));
    assert!(inspect.contains("\"name\": \"static-web-worker-1\""), "{inspect}");
    assert!(inspect.contains("\"state\": \"SANDBOX_READY\""), "{inspect}");
    let logs = out(&mut pg, &format!("crictl logs {}", cid.get(..13).unwrap_or("")));
    assert!(logs.contains("nginx"), "{logs}");
    assert!(out(&mut pg, "crictl images").contains("docker.io/library/nginx   latest"));
    let o = run(&mut pg, "crictl inspectp ffffffffffff");
    assert_eq!(o.exit_code, 1);
    assert!(o.stderr.contains("level=fatal"), "{}", o.stderr);
    run(&mut pg, "exit");
    run(&mut pg, "ssh worker-2");
    let ps = out(&mut pg, "crictl ps");
    assert!(ps.contains("elsewhere") && !ps.contains("static-web"), "{ps}");
}

#[test]
fn lsns_and_proc_show_the_inodes_the_pod_picture_shows() {
    let mut pg = with_static_web();
    pg.advance(30_000);
    let uid = pg.cluster.pod("default", "static-web-worker-1").map(|p| p.uid).expect("the mirror pod");
    let inside = pg.runtime().inspect(&uid).expect("the sandbox");
    let web = inside.containers.first().expect("web");
    let ns = web.namespaces.clone();
    let exec = out(&mut pg, "kubectl exec static-web-worker-1 -- ls -l /proc/self/ns");
    assert!(exec.contains(&format!("net -> net:[{}]", ns.net)), "{exec}");

    run(&mut pg, "ssh worker-1");
    let lsns = out(&mut pg, "lsns");
    let mut lines = lsns.lines();
    assert_eq!(lines.next(), Some("        NS TYPE   NPROCS  PID USER  COMMAND"));
    assert_eq!(
        lines.next().map(|l| l.split_whitespace().take(2).collect::<Vec<_>>()),
        Some(vec!["4026531834", "time"])
    );
    let net_row = lsns.lines().find(|l| l.starts_with(&format!("{} net", inside.net_ns))).expect("the pod's net ns");
    assert!(net_row.ends_with("65535 /pause"), "the pause process holds it: {net_row}");
    assert!(lsns.contains(&format!("{} mnt ", ns.mnt)), "{lsns}");
    assert!(lsns.contains(&format!("{} pid ", ns.pid)), "{lsns}");

    let only_net = out(&mut pg, "lsns -t net");
    assert_eq!(only_net.lines().count(), 3, "the host's and the pod's: {only_net}");

    // The container's main process, by its PID on the node.
    let cid = out(&mut pg, "crictl ps -q");
    let info = out(&mut pg, &format!("crictl inspect {}", cid.trim()));
    let pid: u32 = info
        .lines()
        .find_map(|l| l.trim().strip_prefix("\"pid\": "))
        .and_then(|p| p.trim_end_matches(',').parse().ok())
        .expect("info.pid");
    let links = out(&mut pg, &format!("ls -l /proc/{pid}/ns"));
    assert!(links.contains(&format!("net -> net:[{}]", ns.net)), "{links}");
    assert!(links.contains(&format!("mnt -> mnt:[{}]", ns.mnt)), "{links}");
    assert!(links.contains(&format!("uts -> uts:[{}]", ns.uts)), "{links}");
    assert!(out(&mut pg, "ps").contains(&format!("{pid} root     0:00 nginx")));
}

#[test]
fn ssh_errors_are_sshs() {
    let mut pg = Playground::new(1);
    let o = run(&mut pg, "ssh node01");
    assert_eq!(o.stderr, "ssh: Could not resolve hostname node01: Name or service not known\n");
    assert_eq!(o.exit_code, 255);
    assert!(o.explain.is_some());
    assert!(run(&mut pg, "ssh").stderr.starts_with("usage: ssh "));
    assert_eq!(pg.shell_prompt(), None);
    run(&mut pg, "ssh root@worker-2");
    assert_eq!(pg.shell_prompt().as_deref(), Some("root@worker-2:~# "));
    let o = run(&mut pg, "kubectl get pods");
    assert!(o.stderr.ends_with(
        "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n"
    ));
    let o = run(&mut pg, "vi /etc/kubernetes/manifests/x.yaml");
    assert_eq!(o.stderr, "sh: vi: not found\n");
    assert!(o.explain.is_some_and(|t| t.en.contains("sed -i")));
    assert!(out(&mut pg, "systemctl status kubelet")
        .starts_with("● kubelet.service - kubelet: The Kubernetes Node Agent\n"));
    let o = run(&mut pg, "cd /nowhere");
    assert_eq!(o.stderr, "sh: cd: can't cd to /nowhere: No such file or directory\n");
    run(&mut pg, "exit");
    assert_eq!(pg.shell_prompt(), None);
}

#[test]
fn completion_knows_nodes_and_crictl() {
    let mut pg = Playground::new(1);
    let ctx = Context::default();
    assert_eq!(pg.complete("ssh w", 5, &ctx), vec!["worker-1", "worker-2"]);
    assert!(pg.complete("s", 1, &ctx).contains(&"ssh".to_string()));
    run(&mut pg, "ssh worker-1");
    assert_eq!(pg.complete("crictl p", 8, &ctx), vec!["pods", "ps"]);
    assert!(pg.complete("ls", 2, &ctx).contains(&"lsns".to_string()));
    assert_eq!(pg.complete("systemctl status k", 18, &ctx), vec!["kubelet"]);
}

#[test]
fn the_control_planes_static_pods_run_in_kube_system() {
    let mut pg = Playground::new(1);
    // `Playground::new` booted it already; booting again changes nothing
    // (the same four pods below, not eight).
    pg.boot_control_plane();
    pg.advance(60_000);
    // What `kubectl get pods -n kube-system` lists for kubeadm's static pods
    // (a real cluster also has coredns and kube-proxy, which are not static).
    assert_eq!(
        out(&mut pg, "kubectl get pods -n kube-system"),
        "NAME                                    READY   STATUS    RESTARTS   AGE
etcd-control-plane                      1/1     Running   0          60s
kube-apiserver-control-plane            1/1     Running   0          60s
kube-controller-manager-control-plane   1/1     Running   0          60s
kube-scheduler-control-plane            1/1     Running   0          60s
"
    );
    assert_eq!(out(&mut pg, "kubectl get pods"), "No resources found in default namespace.\n");
    let field = |pg: &mut Playground, path: &str| {
        out(pg, &format!("kubectl get pod kube-apiserver-control-plane -n kube-system -o jsonpath={{{path}}}"))
    };
    assert_eq!(field(&mut pg, ".metadata.labels.component"), "kube-apiserver");
    assert_eq!(field(&mut pg, ".metadata.labels.tier"), "control-plane");
    assert_eq!(field(&mut pg, ".spec.priorityClassName"), "system-node-critical");
    assert_eq!(field(&mut pg, ".spec.hostNetwork"), "true");
    assert_eq!(field(&mut pg, ".spec.containers[0].resources.requests.cpu"), "250m");
    assert_eq!(field(&mut pg, ".status.podIP"), "172.18.0.2", "the node's address");
    let yaml = out(&mut pg, "kubectl get pod etcd-control-plane -n kube-system -o yaml");
    assert!(yaml.contains("    kubernetes.io/config.source: file\n"), "{yaml}");
    let node = out(&mut pg, "kubectl describe node control-plane");
    assert!(
        node.contains("  cpu                650m (32%)  0 (0%)\n  memory             100Mi (2%)  0 (0%)\n"),
        "{node}"
    );

    run(&mut pg, "ssh control-plane");
    assert_eq!(
        out(&mut pg, "ls /etc/kubernetes/manifests"),
        "etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n"
    );
    assert!(out(&mut pg, "cat /etc/kubernetes/manifests/etcd.yaml")
        .contains("    - --advertise-client-urls=https://172.18.0.2:2379\n"));
    assert_eq!(out(&mut pg, "crictl pods -q").lines().count(), 4);
    // hostNetwork: the pods are in the node's net namespace, not one of their own.
    let lsns = out(&mut pg, "lsns -t net");
    // systemd, containerd, kubelet, and per pod a shim, the pause process and the program.
    assert_eq!(lsns, "        NS TYPE NPROCS PID USER COMMAND\n4026531840 net      15   1 root /sbin/init\n");
    let uid = pg.cluster.pod("kube-system", "etcd-control-plane").map(|p| p.uid).expect("etcd");
    assert_eq!(
        pg.runtime().inspect(&uid).map(|i| i.hostname),
        Some("control-plane".to_string()),
        "the node's hostname"
    );
    // The control plane has the admin kubeconfig: kubectl works there.
    assert!(out(&mut pg, "kubectl get pods -A").contains("kube-system   etcd-control-plane"));
}
