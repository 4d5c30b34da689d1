//! Local OCI image layouts (`oci:/path[:tag]`): index.json → manifest →
//! config and layers, each blob checked against its sha256 digest, layers
//! unpacked in order with whiteouts applied, cached in the node's image store
//! by manifest digest. Follows the OCI image-spec (image-layout.md,
//! layer.md "Whiteouts").

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::pod::ImageConfig;

fn fail(what: String) -> podplay_engine::Text {
    podplay_engine::Text::new(
        format!("로컬 OCI 이미지를 읽지 못했습니다: {what}"),
        format!("cannot read the local OCI image: {what}"),
    )
}

#[derive(Deserialize)]
struct Descriptor {
    #[serde(rename = "mediaType", default)]
    media_type: String,
    digest: String,
    #[serde(default)]
    annotations: std::collections::BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Index {
    manifests: Vec<Descriptor>,
}

#[derive(Deserialize)]
struct Manifest {
    config: Descriptor,
    layers: Vec<Descriptor>,
}

#[derive(Deserialize, Default)]
struct ConfigFile {
    #[serde(default)]
    config: RunConfig,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct RunConfig {
    entrypoint: Option<Vec<String>>,
    cmd: Option<Vec<String>>,
    env: Option<Vec<String>>,
    working_dir: Option<String>,
}

/// Splits `/path/to/layout[:tag]` into the layout directory and an optional tag.
pub fn split_reference(reference: &str) -> (PathBuf, Option<String>) {
    if let Some((dir, tag)) = reference.rsplit_once(':') {
        if !tag.contains('/') && Path::new(dir).join("index.json").exists() {
            return (PathBuf::from(dir), Some(tag.to_string()));
        }
    }
    (PathBuf::from(reference), None)
}

/// Reads a blob, checking its digest. Bounded to 1 GiB.
fn blob(layout: &Path, digest: &str) -> Result<Vec<u8>, podplay_engine::Text> {
    let hex = digest.strip_prefix("sha256:").ok_or_else(|| fail(format!("unsupported digest {digest}")))?;
    if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(fail(format!("bad digest {digest}")));
    }
    let path = layout.join("blobs/sha256").join(hex);
    let mut bytes = Vec::new();
    fs::File::open(&path)
        .and_then(|f| f.take(1 << 30).read_to_end(&mut bytes))
        .map_err(|e| fail(format!("{}: {e}", path.display())))?;
    let got = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect::<String>();
    if got != hex {
        return Err(fail(format!("blob {digest} has digest sha256:{got}")));
    }
    Ok(bytes)
}

/// Unpacks (once) and returns the rootfs and run config of a local OCI image.
pub fn image(reference: &str, store: &Path) -> Result<(PathBuf, ImageConfig), podplay_engine::Text> {
    let (layout, tag) = split_reference(reference);
    let index: Index = serde_json::from_slice(
        &fs::read(layout.join("index.json")).map_err(|e| fail(format!("{}/index.json: {e}", layout.display())))?,
    )
    .map_err(|e| fail(format!("index.json: {e}")))?;
    let chosen = match &tag {
        Some(t) => index.manifests.iter().find(|m| m.annotations.get("org.opencontainers.image.ref.name") == Some(t)),
        None => index.manifests.first(),
    }
    .ok_or_else(|| {
        fail(format!("no manifest{} in index.json", tag.as_ref().map(|t| format!(" tagged {t}")).unwrap_or_default()))
    })?;
    if chosen.media_type.contains("index") {
        return Err(fail("multi-platform image indexes are not supported; point at a single-platform manifest".into()));
    }
    let manifest: Manifest =
        serde_json::from_slice(&blob(&layout, &chosen.digest)?).map_err(|e| fail(format!("manifest: {e}")))?;
    let config: ConfigFile =
        serde_json::from_slice(&blob(&layout, &manifest.config.digest)?).map_err(|e| fail(format!("config: {e}")))?;
    let rc = config.config;
    let image_config = ImageConfig {
        entrypoint: rc.entrypoint.unwrap_or_default(),
        cmd: rc.cmd.unwrap_or_default(),
        env: rc
            .env
            .unwrap_or_default()
            .iter()
            .filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
            .collect(),
        working_dir: rc.working_dir.filter(|w| !w.is_empty()),
    };
    let key = chosen.digest.trim_start_matches("sha256:").chars().take(16).collect::<String>();
    let dir = store.join(format!("oci-{key}"));
    let rootfs = dir.join("rootfs");
    if rootfs.exists() {
        return Ok((rootfs, image_config));
    }
    let tmp = store.join(format!(".tmp-oci-{key}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).map_err(|e| fail(e.to_string()))?;
    for layer in &manifest.layers {
        let bytes = blob(&layout, &layer.digest)?;
        unpack_layer(&bytes, &tmp).map_err(|e| fail(format!("layer {}: {e}", layer.digest)))?;
    }
    fs::create_dir_all(&dir).map_err(|e| fail(e.to_string()))?;
    if fs::rename(&tmp, &rootfs).is_err() && !rootfs.exists() {
        return Err(fail(format!("cannot store {}", rootfs.display())));
    }
    let _ = fs::remove_dir_all(&tmp);
    Ok((rootfs, image_config))
}

/// Applies one layer (tar or tar+gzip) onto `root`, with whiteouts.
pub fn unpack_layer(bytes: &[u8], root: &Path) -> std::io::Result<()> {
    let reader: Box<dyn Read + '_> = if bytes.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::GzDecoder::new(bytes))
    } else if bytes.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        return Err(std::io::Error::other("zstd layers are not supported"));
    } else {
        Box::new(bytes)
    };
    let mut archive = tar::Archive::new(reader);
    archive.set_preserve_permissions(true);
    archive.set_unpack_xattrs(false);
    for entry in archive.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.into_owned();
        if path.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let parent = root.join(path.parent().unwrap_or(Path::new("")));
        if name == ".wh..wh..opq" {
            // Opaque directory: hide everything the lower layers put there.
            if let Ok(rd) = fs::read_dir(&parent) {
                for e in rd.flatten() {
                    let p = e.path();
                    let _ = if p.is_dir() && !p.is_symlink() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
                }
            }
        } else if let Some(hidden) = name.strip_prefix(".wh.") {
            let p = parent.join(hidden);
            let _ = if p.is_dir() && !p.is_symlink() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
        } else {
            // Device nodes fail without privilege; an image's /dev is replaced anyway.
            let is_device = matches!(
                entry.header().entry_type(),
                tar::EntryType::Char | tar::EntryType::Block | tar::EntryType::Fifo
            );
            match entry.unpack_in(root) {
                Ok(_) => {}
                Err(_) if is_device => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}
