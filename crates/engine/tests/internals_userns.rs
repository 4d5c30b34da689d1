//! User namespaces (`hostUsers: false`, UserNamespacesSupport, on by
//! default since 1.33) and image volumes (ImageVolume, beta and on in
//! 1.35), played on the virtual clock through the whole simulation: what
//! a container reads in `/proc/self/uid_map`, what `id` says, which
//! namespaces the node's `lsns` lists, what the pod picture is told; and an
//! image volume pulled before the containers, mounted read-only, with its
//! events, and `ErrImagePull` when the image does not exist.

use podplay_engine::kubectl::{Context, Playground};

const USERNS: &str = "apiVersion: v1
kind: Pod
metadata:
  name: userns
spec:
  hostUsers: false
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
  - name: side
    image: busybox:1.36
    command: ['sleep', '3600']
";

const HOSTUSERS: &str = "apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
";

const IMAGE_VOLUME: &str = "apiVersion: v1
kind: Pod
metadata:
  name: imgvol
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
    volumeMounts:
    - name: site
      mountPath: /site
  volumes:
  - name: site
    image:
      reference: nginx:1.27
      pullPolicy: IfNotPresent
";

fn ctx() -> Context {
    let mut ctx = Context::with_editor("");
    ctx.files.insert("userns.yaml".into(), USERNS.into());
    ctx.files.insert("plain.yaml".into(), HOSTUSERS.into());
    ctx.files.insert("imgvol.yaml".into(), IMAGE_VOLUME.into());
    ctx
}

fn started(files: &[&str]) -> (Playground, Context) {
    let mut pg = Playground::new(7);
    let ctx = ctx();
    for f in files {
        let out = pg.run(&format!("kubectl apply -f {f}"), &ctx);
        assert_eq!(out.exit_code, 0, "{out:?}");
    }
    pg.cluster.advance_by(30_000);
    (pg, ctx)
}

fn stdout(pg: &mut Playground, ctx: &Context, line: &str) -> String {
    let out = pg.run(line, ctx);
    assert_eq!(out.exit_code, 0, "{line}: {out:?}");
    out.stdout
}

#[test]
fn uid_map_shows_the_pods_own_id_block_or_the_whole_host_range() {
    let (mut pg, ctx) = started(&["userns.yaml", "plain.yaml"]);
    let own = stdout(&mut pg, &ctx, "kubectl exec userns -c app -- cat /proc/self/uid_map");
    // `%10u %10u %10u`: container ID 0 is a 65536-aligned host ID, 65536 IDs long.
    let cols: Vec<u64> = own.split_whitespace().filter_map(|c| c.parse().ok()).collect();
    assert_eq!(own.len(), 33, "{own:?}");
    assert_eq!(cols.len(), 3, "{own:?}");
    assert_eq!((cols[0], cols[2]), (0, 65536), "{own:?}");
    assert!(cols[1] >= 65536 && cols[1] % 65536 == 0, "{own:?}");
    // The gid map is the same block, and both containers share it.
    assert_eq!(stdout(&mut pg, &ctx, "kubectl exec userns -c app -- cat /proc/self/gid_map"), own);
    assert_eq!(stdout(&mut pg, &ctx, "kubectl exec userns -c side -- cat /proc/self/uid_map"), own);
    let host = stdout(&mut pg, &ctx, "kubectl exec plain -- cat /proc/self/uid_map");
    assert_eq!(host, "         0          0 4294967295\n");
    // Inside, the process is still root.
    let id = stdout(&mut pg, &ctx, "kubectl exec userns -c app -- id");
    assert!(id.starts_with("uid=0(root) gid=0(root)"), "{id}");
}

#[test]
fn the_pods_containers_share_its_user_namespace_and_the_node_lists_it() {
    let (mut pg, ctx) = started(&["userns.yaml", "plain.yaml"]);
    let ns = |pg: &mut Playground, pod: &str, c: &str| {
        stdout(pg, &ctx, &format!("kubectl exec {pod} -c {c} -- readlink /proc/self/ns/user")).trim().to_string()
    };
    let app = ns(&mut pg, "userns", "app");
    let side = ns(&mut pg, "userns", "side");
    let plain = ns(&mut pg, "plain", "app");
    assert_eq!(app, side);
    // Without hostUsers: false the container is in the host's user namespace.
    assert_eq!(plain, "user:[4026531837]");
    assert_ne!(app, plain);
    // The pod picture is told the pod has its own user namespace.
    let uid = |pg: &mut Playground, pod: &str| {
        stdout(pg, &ctx, &format!("kubectl get pod {pod} -o jsonpath={{.metadata.uid}}"))
    };
    let (u1, u2) = (uid(&mut pg, "userns"), uid(&mut pg, "plain"));
    let inside = pg.runtime().inspect(&u1).expect("userns pod");
    let inode: u64 = app.trim_start_matches("user:[").trim_end_matches(']').parse().expect("inode");
    assert_eq!(inside.user_ns, Some(inode));
    assert!(inside.containers.iter().all(|c| c.namespaces.user == inode));
    assert_eq!(pg.runtime().inspect(&u2).expect("plain pod").user_ns, None);
    // `lsns` on the node lists the pod's user namespace beside the host's.
    let node = stdout(&mut pg, &ctx, "kubectl get pod userns -o jsonpath={.spec.nodeName}");
    pg.run(&format!("ssh {node}"), &ctx);
    let lsns = pg.run("lsns", &ctx).stdout;
    pg.run("exit", &ctx);
    let user_lines: Vec<&str> = lsns.lines().filter(|l| l.split_whitespace().nth(1) == Some("user")).collect();
    assert!(user_lines.iter().any(|l| l.starts_with("4026531837 user ")), "{lsns}");
    let line = user_lines.iter().find(|l| l.starts_with(&inode.to_string())).unwrap_or_else(|| panic!("{lsns}"));
    // The pause process and both containers' processes are in it.
    assert_eq!(line.split_whitespace().nth(2), Some("3"), "{line}");
}

#[test]
fn host_users_round_trips_through_get_yaml() {
    let (mut pg, ctx) = started(&["userns.yaml", "plain.yaml"]);
    let yaml = stdout(&mut pg, &ctx, "kubectl get pod userns -o yaml");
    assert!(yaml.contains("\n  hostUsers: false\n"), "{yaml}");
    let plain = stdout(&mut pg, &ctx, "kubectl get pod plain -o yaml");
    assert!(!plain.contains("hostUsers"), "{plain}");
    // What was printed applies back unchanged.
    let mut c2 = ctx.clone();
    c2.files.insert("back.yaml".into(), yaml);
    let out = pg.run("kubectl apply -f back.yaml", &c2);
    assert_eq!(out.stdout, "pod/userns unchanged\n", "{out:?}");
    let json = stdout(&mut pg, &ctx, "kubectl get pod userns -o jsonpath={.spec.hostUsers}");
    assert_eq!(json, "false");
}

#[test]
fn an_image_volume_is_pulled_first_then_mounted_read_only() {
    let mut pg = Playground::new(7);
    let ctx = ctx();
    pg.run("kubectl apply -f imgvol.yaml", &ctx);
    pg.cluster.advance_by(1_500);
    // The volume's image is being pulled: no container has started.
    let status = stdout(&mut pg, &ctx, "kubectl get pod imgvol -o jsonpath={.status.containerStatuses[0].state}");
    assert!(status.contains("ContainerCreating"), "{status}");
    pg.cluster.advance_by(30_000);
    let files = stdout(&mut pg, &ctx, "kubectl exec imgvol -- ls /site/usr/share/nginx/html");
    assert_eq!(files, "50x.html\nindex.html\n");
    let page = stdout(&mut pg, &ctx, "kubectl exec imgvol -- cat /site/usr/share/nginx/html/index.html");
    assert!(page.contains("Welcome to nginx!"), "{page}");
    let write = pg.run("kubectl exec imgvol -- touch /site/new", &ctx);
    assert!(write.stderr.starts_with("touch: /site/new: Read-only file system\n"), "{write:?}");
    assert_ne!(write.exit_code, 0);
    // The pull is reported on the pod (no container field path), before the container's own.
    let events = stdout(&mut pg, &ctx, "kubectl get events --field-selector involvedObject.name=imgvol -o 'jsonpath={range .items[*]}{.reason}|{.involvedObject.fieldPath}|{.message}{\"\\n\"}{end}'");
    let lines: Vec<&str> = events.lines().collect();
    let pulling =
        lines.iter().position(|l| *l == "Pulling||Pulling image \"nginx:1.27\"").unwrap_or_else(|| panic!("{events}"));
    let pulled = lines
        .iter()
        .position(|l| l.starts_with("Pulled||Successfully pulled image \"nginx:1.27\" in "))
        .unwrap_or_else(|| panic!("{events}"));
    let created =
        lines.iter().position(|l| l.starts_with("Created|spec.containers{app}|")).unwrap_or_else(|| panic!("{events}"));
    assert!(pulling < pulled && pulled < created, "{events}");
    // describe shows the volume as kubectl 1.35 does.
    let describe = stdout(&mut pg, &ctx, "kubectl describe pod imgvol");
    assert!(
        describe.contains("Volumes:\n  site:\n    Type:        Image (a container image or OCI artifact)\n    Reference:   nginx:1.27\n    PullPolicy:  IfNotPresent\n"),
        "{describe}"
    );
    // The pod picture sees a read-only image volume.
    let uid = stdout(&mut pg, &ctx, "kubectl get pod imgvol -o jsonpath={.metadata.uid}");
    let inside = pg.runtime().inspect(&uid).expect("pod");
    let v = inside.volumes.iter().find(|v| v.name == "site").expect("volume");
    assert_eq!((v.kind.as_str(), v.read_only), ("image", true));
}

#[test]
fn an_image_volume_round_trips_with_its_defaulted_pull_policy() {
    let yaml = IMAGE_VOLUME.replace("      pullPolicy: IfNotPresent\n", "").replace("nginx:1.27", "nginx");
    let mut pg = Playground::new(7);
    let mut ctx = ctx();
    ctx.files.insert("latest.yaml".into(), yaml);
    pg.run("kubectl apply -f latest.yaml", &ctx);
    let out = stdout(&mut pg, &ctx, "kubectl get pod imgvol -o yaml");
    // SetDefaults_ImageVolumeSource: no tag means latest, which is pulled Always.
    assert!(
        out.contains("  volumes:\n  - image:\n      pullPolicy: Always\n      reference: nginx\n    name: site\n"),
        "{out}"
    );
    let mut c2 = ctx.clone();
    c2.files.insert("back.yaml".into(), out);
    assert_eq!(pg.run("kubectl apply -f back.yaml", &c2).stdout, "pod/imgvol unchanged\n");
}

#[test]
fn an_image_volume_that_does_not_exist_keeps_the_containers_waiting() {
    let yaml = IMAGE_VOLUME.replace("nginx:1.27", "example.com/models:doesnotexist");
    let mut pg = Playground::new(7);
    let mut ctx = ctx();
    ctx.files.insert("bad.yaml".into(), yaml);
    pg.run("kubectl apply -f bad.yaml", &ctx);
    pg.cluster.advance_by(20_000);
    let state =
        stdout(&mut pg, &ctx, "kubectl get pod imgvol -o jsonpath={.status.containerStatuses[0].state.waiting.reason}");
    assert!(state == "ErrImagePull" || state == "ImagePullBackOff", "{state}");
    let get = stdout(&mut pg, &ctx, "kubectl get pod imgvol");
    assert!(get.contains(" 0/1 "), "{get}");
    let events = stdout(&mut pg, &ctx, "kubectl get events --field-selector involvedObject.name=imgvol -o 'jsonpath={range .items[*]}{.reason}|{.message}{\"\\n\"}{end}'");
    assert!(
        events.contains("Failed|Failed to pull image \"example.com/models:doesnotexist\": rpc error: code = NotFound"),
        "{events}"
    );
    assert!(events.contains("Failed|Error: ErrImagePull"), "{events}");
    // The container's own image is never pulled while the volume is missing.
    assert!(!events.contains("Created|"), "{events}");
    pg.cluster.advance_by(60_000);
    let events = stdout(&mut pg, &ctx, "kubectl get events --field-selector involvedObject.name=imgvol -o 'jsonpath={range .items[*]}{.reason}|{.message}{\"\\n\"}{end}'");
    assert!(events.contains("BackOff|Back-off pulling image \"example.com/models:doesnotexist\""), "{events}");
}
