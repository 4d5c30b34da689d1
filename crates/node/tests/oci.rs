//! A local OCI image layout runs as a pod: the layout is built here from
//! busybox (two layers, the second with a whiteout), referenced as
//! `oci:/path:tag`, and its config's Entrypoint, Cmd, Env and WorkingDir apply.

mod common;

use std::path::Path;

use common::*;
use sha2::{Digest, Sha256};

fn put_blob(layout: &Path, bytes: &[u8]) -> (String, usize) {
    let hex: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(layout.join("blobs/sha256").join(&hex), bytes).unwrap();
    (format!("sha256:{hex}"), bytes.len())
}

fn header(path: &str, kind: tar::EntryType, size: u64, mode: u32) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_path(path).unwrap();
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(mode);
    h.set_mtime(0);
    h
}

fn build_layout(layout: &Path) {
    std::fs::create_dir_all(layout.join("blobs/sha256")).unwrap();
    // Layer 1 (gzip): busybox, a few applets, /etc/gone.txt.
    let mut tar1 = tar::Builder::new(Vec::new());
    for dir in ["bin/", "etc/", "tmp/"] {
        let mut h = header(dir, tar::EntryType::Directory, 0, 0o755);
        h.set_cksum();
        tar1.append(&h, std::io::empty()).unwrap();
    }
    let busybox = std::fs::read("/bin/busybox").unwrap();
    let mut h = header("bin/busybox", tar::EntryType::Regular, busybox.len() as u64, 0o755);
    h.set_cksum();
    tar1.append(&h, busybox.as_slice()).unwrap();
    for applet in ["sh", "echo", "cat", "ls", "sleep", "pwd"] {
        let mut h = header(&format!("bin/{applet}"), tar::EntryType::Symlink, 0, 0o777);
        h.set_link_name("/bin/busybox").unwrap();
        h.set_cksum();
        tar1.append(&h, std::io::empty()).unwrap();
    }
    let mut h = header("etc/gone.txt", tar::EntryType::Regular, 5, 0o644);
    h.set_cksum();
    tar1.append(&h, &b"gone\n"[..]).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &tar1.into_inner().unwrap()).unwrap();
    let layer1 = put_blob(layout, &gz.finish().unwrap());
    // Layer 2 (plain tar): a whiteout for gone.txt and a new file.
    let mut tar2 = tar::Builder::new(Vec::new());
    let mut h = header("etc/.wh.gone.txt", tar::EntryType::Regular, 0, 0o644);
    h.set_cksum();
    tar2.append(&h, std::io::empty()).unwrap();
    let mut h = header("etc/added.txt", tar::EntryType::Regular, 6, 0o644);
    h.set_cksum();
    tar2.append(&h, &b"added\n"[..]).unwrap();
    let layer2 = put_blob(layout, &tar2.into_inner().unwrap());
    let config = serde_json::json!({
        "architecture": "amd64", "os": "linux",
        "config": {"Entrypoint": ["/bin/sh", "-c"], "Cmd": ["echo from-oci $GREETING; cat /etc/added.txt; ls /etc; sleep 3600"], "Env": ["PATH=/bin", "GREETING=hi"], "WorkingDir": "/tmp"},
        "rootfs": {"type": "layers", "diff_ids": []}
    });
    let config = put_blob(layout, config.to_string().as_bytes());
    let manifest = serde_json::json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config.0, "size": config.1},
        "layers": [
            {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer1.0, "size": layer1.1},
            {"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer2.0, "size": layer2.1}
        ]
    });
    let manifest = put_blob(layout, manifest.to_string().as_bytes());
    let index = serde_json::json!({
        "schemaVersion": 2,
        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest.0, "size": manifest.1, "annotations": {"org.opencontainers.image.ref.name": "v1"}}]
    });
    std::fs::write(layout.join("index.json"), index.to_string()).unwrap();
    std::fs::write(layout.join("oci-layout"), r#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
}

#[test]
fn a_local_oci_layout_runs_with_its_config_and_whiteouts() {
    if !can_run("a_local_oci_layout_runs_with_its_config_and_whiteouts") {
        return;
    }
    let name = unique("oci");
    let layout = std::env::temp_dir().join(format!("podplay-node-oci-{name}"));
    build_layout(&layout);
    let yaml = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: c\n    image: oci:{}:v1\n", layout.display());
    // A store of its own, so that the test leaves no image behind.
    let store = std::env::temp_dir().join(format!("podplay-node-oci-store-{name}"));
    let mut pod = start(&name, &yaml, &[], &[("PODPLAY_NODE_IMAGE_DIR", store.to_str().unwrap())]);
    let out = pod.wait_for("[c] added", 20);
    assert!(out.contains("[c] from-oci hi"), "{out}");
    pod.wait_for("[c] hosts", 20);
    let out = pod.output();
    assert!(!out.contains("gone.txt"), "the whiteout hid gone.txt:\n{out}");
    let exec = cli(&["exec", &name, "--", "pwd"]);
    assert_eq!(String::from_utf8_lossy(&exec.stdout), "/tmp\n");
    let fp = footprint(&pod.inspect());
    pod.stop();
    assert_clean(&name, &fp);
    assert!(
        std::fs::read_dir(&store).unwrap().flatten().any(|e| e.file_name().to_string_lossy().starts_with("oci-")),
        "unpacked into the store"
    );
    let _ = std::fs::remove_dir_all(&store);
    // A tampered blob is refused by digest.
    let name2 = unique("ocibad");
    let blobs: Vec<_> = std::fs::read_dir(layout.join("blobs/sha256")).unwrap().flatten().map(|e| e.path()).collect();
    let biggest = blobs.iter().max_by_key(|p| std::fs::metadata(p).unwrap().len()).unwrap();
    let mut bytes = std::fs::read(biggest).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(biggest, bytes).unwrap();
    let store = std::env::temp_dir().join(format!("podplay-node-oci-store-{name2}"));
    let yaml2 = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name2}}}\nspec:\n  containers:\n  - name: c\n    image: oci:{}:v1\n", layout.display());
    let mut pod = start(&name2, &yaml2, &[], &[("PODPLAY_NODE_IMAGE_DIR", store.to_str().unwrap())]);
    let (code, out) = pod.wait_exit(20);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("has digest sha256:"), "{out}");
    let _ = std::fs::remove_dir_all(&layout);
    let _ = std::fs::remove_dir_all(&store);
}
