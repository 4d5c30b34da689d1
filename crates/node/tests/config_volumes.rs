//! configMap and secret volumes for real, from a ConfigMap and a Secret in
//! the same (multi-document) file: items, defaultMode, base64 `data` and
//! `stringData`, the atomic writer's `..data` layout, read-only mounts.

mod common;

use common::*;

#[test]
fn config_map_and_secret_files_appear_at_the_mount_path() {
    if !can_run("config_map_and_secret_files_appear_at_the_mount_path") {
        return;
    }
    let name = unique("cmvol");
    let yaml = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: game-config}}\ndata:\n  game.properties: |\n    enemies=aliens\n    lives=3\n  ui.properties: color=blue\n---\napiVersion: v1\nkind: Secret\nmetadata: {{name: db-creds}}\ntype: Opaque\ndata:\n  username: YWRtaW4=\n  password: b2xk\nstringData:\n  password: s3cr3t\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: [sh, -c, 'cd /etc/game; ls -A | tr \"\\n\" \" \"; echo; cat /etc/game/ui.properties; echo; cat /etc/picked/conf/game; stat -L -c \"mode %a %n\" /etc/picked/conf/game /etc/game/ui.properties /etc/secret/username; echo user=$(cat /etc/secret/username) pass=$(cat /etc/secret/password); touch /etc/game/x 2>/dev/null || echo game-read-only; grep \" /etc/secret \" /proc/mounts | cut -d\" \" -f3,4 | cut -d, -f1']\n    volumeMounts:\n    - {{name: game, mountPath: /etc/game}}\n    - {{name: picked, mountPath: /etc/picked}}\n    - {{name: secret, mountPath: /etc/secret}}\n  volumes:\n  - name: game\n    configMap: {{name: game-config}}\n  - name: picked\n    configMap:\n      name: game-config\n      defaultMode: 0600\n      items:\n      - {{key: game.properties, path: conf/game, mode: 0400}}\n  - name: secret\n    secret: {{secretName: db-creds, defaultMode: 288}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    let (code, out) = pod.wait_exit(20);
    assert_eq!(code, 0, "{out}");
    for want in [
        "[c] ..2",
        "[c] color=blue",
        "[c] enemies=aliens",
        "[c] lives=3",
        "[c] mode 400 /etc/picked/conf/game",
        "[c] mode 644 /etc/game/ui.properties",
        "[c] mode 440 /etc/secret/username",
        "[c] user=admin pass=s3cr3t",
        "[c] game-read-only",
        "[c] tmpfs ro",
    ] {
        assert!(out.contains(want), "{want:?} missing:\n{out}");
    }
    // The atomic writer's layout: ..data and one entry per key.
    let listing = out.lines().find(|l| l.starts_with("[c] ..2")).unwrap();
    assert!(
        listing.contains("..data") && listing.contains("game.properties") && listing.contains("ui.properties"),
        "{listing}"
    );
}

#[test]
fn a_missing_config_map_fails_the_volume_setup() {
    if !can_run("a_missing_config_map_fails_the_volume_setup") {
        return;
    }
    let name = unique("cmmissing");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    volumeMounts: [{{name: cfg, mountPath: /cfg}}]\n  volumes:\n  - name: cfg\n    configMap: {{name: nowhere}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    let (code, out) = pod.wait_exit(20);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("MountVolume.SetUp failed for volume \"cfg\" : configmap \"nowhere\" not found"), "{out}");
    // optional: true makes an empty volume instead.
    let name = unique("cmoptional");
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: [sh, -c, 'ls -A /cfg | grep -v \"^\\\\.\\\\.\" | wc -l']\n    volumeMounts: [{{name: cfg, mountPath: /cfg}}]\n  volumes:\n  - name: cfg\n    configMap: {{name: nowhere, optional: true}}\n"
    );
    let mut pod = start(&name, &yaml, &[], &[]);
    let (code, out) = pod.wait_exit(20);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[c] 0"), "{out}");
}
