//! Images without a registry: the built-in busybox image (assembled once from
//! Debian's busybox-static into the node's image store) and local OCI layout
//! directories; plus the per-container writable layer (overlayfs, or a copy
//! when overlayfs is not available).

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::msg;

/// The static busybox the built-in image is made from.
pub const BUSYBOX: &str = "/bin/busybox";

/// The image store; `PODPLAY_NODE_IMAGE_DIR` overrides it.
pub fn image_root() -> PathBuf {
    std::env::var_os("PODPLAY_NODE_IMAGE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/lib/podplay-node/images"))
}

/// Makes sure the busybox image exists and returns its rootfs (the read-only
/// lower layer). Rebuilt when /bin/busybox changes; built in a temporary
/// directory and renamed, so concurrent starts never see half an image.
pub fn busybox_rootfs() -> Result<PathBuf, podplay_engine::Text> {
    let meta = fs::metadata(BUSYBOX).map_err(|_| msg::busybox_missing(BUSYBOX))?;
    let stamp = format!(
        "{}-{}",
        meta.len(),
        meta.modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs())
            .unwrap_or(0)
    );
    let dir = image_root().join(format!("busybox-{stamp}"));
    let rootfs = dir.join("rootfs");
    if rootfs.join("bin/sh").exists() {
        return Ok(rootfs);
    }
    let fail = |what: String| {
        msg::t(
            format!("busybox 이미지를 만들지 못했습니다: {what}"),
            format!("cannot assemble the busybox image: {what}"),
        )
    };
    let tmp = image_root().join(format!(".tmp-busybox-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let troot = tmp.join("rootfs");
    for d in
        ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "proc", "dev", "sys", "tmp", "root", "var/log", "var/www", "home"]
    {
        fs::create_dir_all(troot.join(d)).map_err(|e| fail(format!("{d}: {e}")))?;
    }
    fs::set_permissions(troot.join("tmp"), fs::Permissions::from_mode(0o1777)).map_err(|e| fail(e.to_string()))?;
    fs::copy(BUSYBOX, troot.join("bin/busybox")).map_err(|e| fail(e.to_string()))?;
    let list = std::process::Command::new(BUSYBOX).arg("--list-full").output().map_err(|e| fail(e.to_string()))?;
    for applet in String::from_utf8_lossy(&list.stdout).lines() {
        let applet = applet.trim();
        if applet.is_empty() || applet == "bin/busybox" || applet.contains("..") {
            continue;
        }
        let _ = symlink("/bin/busybox", troot.join(applet));
    }
    fs::write(
        troot.join("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n",
    )
    .map_err(|e| fail(e.to_string()))?;
    fs::write(troot.join("etc/group"), "root:x:0:\nnogroup:x:65534:\n").map_err(|e| fail(e.to_string()))?;
    // The files the kubelet bind-mounts over must exist in the image.
    for f in ["etc/hosts", "etc/hostname", "etc/resolv.conf"] {
        fs::write(troot.join(f), "").map_err(|e| fail(e.to_string()))?;
    }
    fs::create_dir_all(&dir).map_err(|e| fail(e.to_string()))?;
    match fs::rename(&troot, &rootfs) {
        Ok(()) => {}
        Err(_) if rootfs.join("bin/sh").exists() => {} // Another start won the race.
        Err(e) => return Err(fail(e.to_string())),
    }
    let _ = fs::remove_dir_all(&tmp);
    Ok(rootfs)
}

/// Whether this kernel lets us mount overlayfs with upper and work on `scratch`
/// (a tmpfs), probed once per pod with a real mount.
pub fn overlay_works(lower: &Path, scratch: &Path) -> bool {
    let probe = scratch.join(".overlay-probe");
    let (upper, work, merged) = (probe.join("u"), probe.join("w"), probe.join("m"));
    if [&upper, &work, &merged].iter().any(|d| fs::create_dir_all(d).is_err()) {
        return false;
    }
    let ok = mount_overlay(lower, &upper, &work, &merged).is_ok();
    if ok {
        let _ = nix::mount::umount2(&merged, nix::mount::MntFlags::MNT_DETACH);
    }
    let _ = fs::remove_dir_all(&probe);
    ok
}

/// Mounts `lower` (read-only) + `upper` (writable) at `merged`.
pub fn mount_overlay(lower: &Path, upper: &Path, work: &Path, merged: &Path) -> nix::Result<()> {
    let data = format!("lowerdir={},upperdir={},workdir={}", lower.display(), upper.display(), work.display());
    nix::mount::mount(Some("overlay"), merged, Some("overlay"), nix::mount::MsFlags::empty(), Some(data.as_str()))
}

/// Copies a tree (directories, files, symlinks) — the fallback writable layer.
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let ft = entry.file_type()?;
        if ft.is_symlink() {
            symlink(fs::read_link(&src)?, &dst)?;
        } else if ft.is_dir() {
            copy_tree(&src, &dst)?;
            fs::set_permissions(&dst, fs::metadata(&src)?.permissions())?;
        } else if ft.is_file() {
            fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}
