//! `hostUsers: false`: the pod gets a user namespace of its own, mapping
//! uid and gid 0–65535 inside to a 65536-id range on the host, so that root
//! in the pod is an unprivileged id outside it. Follows
//! pkg/kubelet/userns/userns_manager.go (65536 ids per pod, ranges aligned
//! to 65536, never the host's 0–65535) and the runtime's uid_map/gid_map
//! writes (runc's libcontainer/userns).

use std::fs::{self, File};
use std::os::fd::OwnedFd;
use std::path::Path;

use nix::sched::{setns, CloneFlags};

/// Ids per pod, as the kubelet allocates them.
pub const IDS_PER_POD: u32 = 65_536;

/// The first free range for a new pod: the lowest multiple of 65536 (from
/// 65536, so never the host's own ids) that no running pod of this node uses.
pub fn allocate_base() -> u32 {
    let used: Vec<u32> = fs::read_dir(crate::state::state_root())
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| crate::state::PodState::load(&e.path()))
                .filter(|s| s.owner.alive())
                .filter_map(|s| s.userns_base)
                .collect()
        })
        .unwrap_or_default();
    (1..=1024u32).map(|n| n * IDS_PER_POD).find(|b| !used.contains(b)).unwrap_or(IDS_PER_POD)
}

/// Writes uid_map and gid_map of `pid`'s (new, still unmapped) user namespace.
pub fn write_maps(pid: i32, base: u32) -> Result<(), String> {
    let line = format!("0 {base} {IDS_PER_POD}\n");
    for file in ["uid_map", "gid_map"] {
        fs::write(format!("/proc/{pid}/{file}"), &line).map_err(|e| format!("write {file} of {pid}: {e}"))?;
    }
    Ok(())
}

/// Opens `pid`'s user namespace (before the caller's /proc stops showing it).
pub fn open(pid: i32) -> Result<OwnedFd, String> {
    File::open(format!("/proc/{pid}/ns/user"))
        .map(OwnedFd::from)
        .map_err(|e| format!("open user namespace of {pid}: {e}"))
}

/// Enters a user namespace and becomes its root (uid and gid 0, no
/// supplementary groups). Called last, just before exec: everything the
/// container needed host root for (cgroup, mounts) is done by then.
pub fn enter_as_root(ns: &OwnedFd) -> Result<(), String> {
    setns(ns, CloneFlags::CLONE_NEWUSER).map_err(|e| format!("setns user: {e}"))?;
    let root_gid = nix::unistd::Gid::from_raw(0);
    let root_uid = nix::unistd::Uid::from_raw(0);
    nix::unistd::setgroups(&[]).map_err(|e| format!("setgroups: {e}"))?;
    nix::unistd::setresgid(root_gid, root_gid, root_gid).map_err(|e| format!("setresgid 0: {e}"))?;
    nix::unistd::setresuid(root_uid, root_uid, root_uid).map_err(|e| format!("setresuid 0: {e}"))?;
    Ok(())
}

/// Gives a container's own copy of its image to the pod's root (the
/// kubelet gets the same effect with an idmapped mount of the image).
pub fn chown_tree(root: &Path, base: u32) -> std::io::Result<()> {
    let id = |v: u32| Some(base.saturating_add(v));
    let meta = fs::symlink_metadata(root)?;
    let (uid, gid) = (std::os::unix::fs::MetadataExt::uid(&meta), std::os::unix::fs::MetadataExt::gid(&meta));
    let (u, g) = (if uid < IDS_PER_POD { id(uid) } else { None }, if gid < IDS_PER_POD { id(gid) } else { None });
    std::os::unix::fs::lchown(root, u, g)?;
    if meta.is_dir() {
        for entry in fs::read_dir(root)? {
            chown_tree(&entry?.path(), base)?;
        }
    }
    Ok(())
}
