//! A pod's volumes on the real node: `emptyDir` on disk or in memory (a
//! tmpfs sized by `sizeLimit`), `hostPath` when allowed, and `configMap` and
//! `secret` volumes from the objects given in the same file. Follows the
//! kubelet's `pkg/volume/emptydir/empty_dir.go` (medium `Memory` → tmpfs),
//! `pkg/volume/configmap`, `pkg/volume/secret` and `pkg/volume/util/atomic_writer.go`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use nix::mount::{mount, MsFlags};
use podplay_engine::model::Pod;
use podplay_engine::Text;

use crate::manifest::{Data, Extras};
use crate::msg::t;

/// The pod's volumes: where each lives, and which are always mounted read-only.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub paths: BTreeMap<String, PathBuf>,
    /// configMap and secret volumes: the kubelet mounts them read-only.
    pub read_only: std::collections::BTreeSet<String>,
}

/// Makes every volume of `pod` and returns where each one lives: tmpfs
/// volumes (and secrets) under `rw`, disk-backed ones under the pod's state `dir`.
pub fn prepare(pod: &Pod, rw: &Path, dir: &Path, extras: &Extras) -> Result<Prepared, Text> {
    let fail =
        |what: String| t(format!("파드를 준비하지 못했습니다: {what}"), format!("cannot prepare the pod: {what}"));
    let mut volumes: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut read_only = std::collections::BTreeSet::new();
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
        } else if let Some(src) = &v.config_map {
            read_only.insert(v.name.clone());
            let p = dir.join("volumes").join(&v.name);
            projected(&v.name, src, "configmap", "name", &extras.config_maps, &p)?;
            p
        } else if let Some(src) = &v.secret {
            // Secrets live in memory (a tmpfs), never on the node's disk.
            read_only.insert(v.name.clone());
            let p = rw.join("volumes").join(&v.name);
            projected(&v.name, src, "secret", "secretName", &extras.secrets, &p)?;
            p
        } else if let Some(hp) = &v.host_path {
            PathBuf::from(hp.get("path").and_then(|p| p.as_str()).unwrap_or("/nonexistent"))
        } else {
            return Err(t(
                format!("볼륨 \"{}\": podplay-node는 emptyDir, configMap, secret(과 --allow-host일 때 hostPath)만 지원합니다.", v.name),
                format!("volume \"{}\": podplay-node supports emptyDir, configMap, secret (and hostPath with --allow-host) only.", v.name),
            ));
        };
        volumes.insert(v.name.clone(), path);
    }
    Ok(Prepared { paths: volumes, read_only })
}

/// The atomic writer's directory name: `..2006_01_02_15_04_05.` (UTC) and a
/// unique suffix (Go's os.MkdirTemp adds digits; we use the nanoseconds).
fn stamp_of(secs: u64, nanos: u32) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (y, m, d) = podplay_engine::civil_from_days(days);
    format!("..{y:04}_{m:02}_{d:02}_{:02}_{:02}_{:02}.{nanos:09}", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Writes a configMap or secret volume at `dir` as the kubelet's atomic
/// writer lays it out: the files in a timestamped directory, `..data`
/// pointing at it, and one symlink per top-level name through `..data`.
fn projected(
    volume: &str,
    src: &serde_json::Value,
    kind: &str,
    name_field: &str,
    objects: &BTreeMap<String, Data>,
    dir: &Path,
) -> Result<(), Text> {
    let object = src[name_field].as_str().unwrap_or_default();
    let optional = src["optional"].as_bool() == Some(true);
    let setup_failed = |what: String| {
        t(
            format!("MountVolume.SetUp failed for volume \"{volume}\" : {what} (podplay-node는 같은 파일에 있는 ConfigMap과 Secret만 읽습니다)"),
            format!("MountVolume.SetUp failed for volume \"{volume}\" : {what} (podplay-node reads ConfigMaps and Secrets from the same file only)"),
        )
    };
    let empty = Data::new();
    let data = match objects.get(object) {
        Some(d) => d,
        None if optional => &empty,
        None => return Err(setup_failed(format!("{kind} \"{object}\" not found"))),
    };
    let default_mode = src["defaultMode"].as_u64().map(|m| m as u32).unwrap_or(0o644);
    // (path in the volume, bytes, mode)
    let mut files: Vec<(String, &[u8], u32)> = Vec::new();
    match src["items"].as_array() {
        Some(items) if !items.is_empty() => {
            for item in items {
                let key = item["key"].as_str().unwrap_or_default();
                let path = item["path"].as_str().unwrap_or(key);
                let mode = item["mode"].as_u64().map(|m| m as u32).unwrap_or(default_mode);
                match data.get(key) {
                    Some(bytes) => files.push((path.to_string(), bytes, mode)),
                    None if optional => {}
                    None => {
                        let what = if kind == "secret" { "secret key" } else { "config key" };
                        return Err(setup_failed(format!("{kind} references non-existent {what}: {key}")));
                    }
                }
            }
        }
        _ => files.extend(data.iter().map(|(k, v)| (k.clone(), v.as_slice(), default_mode))),
    }
    let fail = |e: std::io::Error| setup_failed(e.to_string());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| stamp_of(d.as_secs(), d.subsec_nanos()))
        .unwrap_or_else(|_| "..0".into());
    let ts = dir.join(&stamp);
    fs::create_dir_all(&ts).map_err(fail)?;
    let mut top = std::collections::BTreeSet::new();
    for (path, bytes, mode) in files {
        if path.starts_with('/') || path.split('/').any(|c| c == ".." || c.is_empty()) {
            continue;
        }
        let f = ts.join(&path);
        if let Some(parent) = f.parent() {
            fs::create_dir_all(parent).map_err(fail)?;
        }
        fs::write(&f, bytes).map_err(fail)?;
        fs::set_permissions(&f, std::os::unix::fs::PermissionsExt::from_mode(mode & 0o777)).map_err(fail)?;
        top.insert(path.split('/').next().unwrap_or_default().to_string());
    }
    std::os::unix::fs::symlink(&stamp, dir.join("..data")).map_err(fail)?;
    for name in top {
        std::os::unix::fs::symlink(Path::new("..data").join(&name), dir.join(&name)).map_err(fail)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_atomic_writer_directory_is_named_by_utc_time() {
        assert_eq!(super::stamp_of(0, 5), "..1970_01_01_00_00_00.000000005");
        assert_eq!(super::stamp_of(1_796_315_888, 0), "..2026_12_03_16_38_08.000000000");
        assert_eq!(super::stamp_of(951_782_400, 1), "..2000_02_29_00_00_00.000000001");
    }
}
