//! Image names as the kubelet reads them: the reference containerd resolves
//! and the defaulted `imagePullPolicy`.

use crate::model::Container;

/// The image reference containerd resolves (`nginx` → `docker.io/library/nginx:latest`).
pub fn image_ref(image: &str) -> String {
    let (name, tagged) = match image.rsplit_once('/') {
        Some((_, last)) => (image.to_string(), last.contains(':') || last.contains('@')),
        None => (image.to_string(), image.contains(':') || image.contains('@')),
    };
    let first = name.split('/').next().unwrap_or("");
    let has_registry = name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full = if has_registry {
        name
    } else if name.contains('/') {
        format!("docker.io/{name}")
    } else {
        format!("docker.io/library/{name}")
    };
    if tagged {
        full
    } else {
        format!("{full}:latest")
    }
}

/// `imagePullPolicy` defaulting: `Always` for `:latest` or no tag, else `IfNotPresent`.
pub(super) fn pull_policy(c: &Container) -> &str {
    if let Some(p) = c.image_pull_policy.as_deref() {
        return p;
    }
    let image = c.image.as_deref().unwrap_or("");
    let last = image.rsplit('/').next().unwrap_or(image);
    if image.contains('@') {
        "IfNotPresent"
    } else if !last.contains(':') || last.ends_with(":latest") {
        "Always"
    } else {
        "IfNotPresent"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_refs_are_normalized() {
        assert_eq!(image_ref("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(image_ref("bitnami/redis:7"), "docker.io/bitnami/redis:7");
        assert_eq!(image_ref("registry.k8s.io/pause:3.9"), "registry.k8s.io/pause:3.9");
    }
}
