//! A pod's volumes on the real node: `emptyDir` on disk or in memory (a
//! tmpfs sized by `sizeLimit`), and `hostPath` when allowed. Follows the
//! kubelet's `pkg/volume/emptydir/empty_dir.go` (medium `Memory` → tmpfs).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use nix::mount::{mount, MsFlags};
use podplay_engine::model::Pod;
use podplay_engine::Text;

use crate::msg::t;

/// Makes every volume of `pod` and returns where each one lives: tmpfs
/// volumes under `rw`, disk-backed ones under the pod's state `dir`.
pub fn prepare(pod: &Pod, rw: &Path, dir: &Path) -> Result<BTreeMap<String, PathBuf>, Text> {
    let fail =
        |what: String| t(format!("파드를 준비하지 못했습니다: {what}"), format!("cannot prepare the pod: {what}"));
    let mut volumes: BTreeMap<String, PathBuf> = BTreeMap::new();
    for v in &pod.spec.volumes {
        let path = if let Some(ed) = &v.empty_dir {
            if ed.medium.as_deref() == Some("Memory") {
                let p = rw.join("volumes").join(&v.name);
                fs::create_dir_all(&p).map_err(|e| fail(e.to_string()))?;
                let size = ed
                    .size_limit
                    .as_deref()
                    .and_then(|s| podplay_engine::quantity::Quantity::parse(s).ok())
                    .map(|q| format!(",size={}", q.value()))
                    .unwrap_or_default();
                mount(
                    Some("tmpfs"),
                    &p,
                    Some("tmpfs"),
                    MsFlags::MS_NOSUID | MsFlags::MS_NODEV,
                    Some(format!("mode=777{size}").as_str()),
                )
                .map_err(|e| fail(format!("tmpfs for emptyDir {}: {e}", v.name)))?;
                p
            } else {
                let p = dir.join("volumes").join(&v.name);
                fs::create_dir_all(&p).map_err(|e| fail(e.to_string()))?;
                let _ = fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o777));
                p
            }
        } else if let Some(hp) = &v.host_path {
            PathBuf::from(hp.get("path").and_then(|p| p.as_str()).unwrap_or("/nonexistent"))
        } else {
            return Err(t(
                format!("볼륨 \"{}\": podplay-node는 emptyDir(과 --allow-host일 때 hostPath)만 지원합니다.", v.name),
                format!("volume \"{}\": podplay-node supports emptyDir (and hostPath with --allow-host) only.", v.name),
            ));
        };
        volumes.insert(v.name.clone(), path);
    }
    Ok(volumes)
}
