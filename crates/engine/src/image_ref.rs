//! Container image references (`nginx`, `bitnami/redis:7`,
//! `registry.k8s.io/pause:3.9`, `busybox@sha256:…`): their parts, and the
//! names the API server, the kubelet, containerd and the catalogue use.
//!
//! Follows `github.com/distribution/reference` (`normalize.go`
//! `ParseNormalizedNamed`, `splitDockerDomain`, `familiarizeName`;
//! `reference.go` `Parse`; the grammar of `regexp.go`), the parser behind
//! `pkg/util/parsers.ParseImageName`: a name without a registry is on
//! `docker.io`, a one-component name there is under `library/`, and a
//! reference with neither tag nor digest means the tag `latest`.
//!
//! [`ImageRef::parse`] is strict, as the API server's defaulting and the
//! kubelet are. [`ImageRef::lenient`] splits any text the same way without
//! checking the grammar, for what the simulation shows or looks up whatever
//! the learner wrote.

use std::fmt;

/// The registry of names without one.
const DEFAULT_DOMAIN: &str = "docker.io";
/// Docker Hub's old name, read as [`DEFAULT_DOMAIN`].
const LEGACY_DEFAULT_DOMAIN: &str = "index.docker.io";
/// The namespace of Docker Hub's official images.
const OFFICIAL_REPO_PREFIX: &str = "library/";
/// The longest name (domain and path) a reference may have.
const NAME_TOTAL_LENGTH_MAX: usize = 255;

/// A parsed image reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    domain: String,
    path: String,
    tag: Option<String>,
    digest: Option<String>,
}

/// Why a reference does not parse; `Display` is upstream's error text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageRefError {
    /// `ErrReferenceInvalidFormat`.
    InvalidFormat,
    /// A repository name with capitals (`Nginx`).
    Uppercase(String),
    /// `ErrNameTooLong`.
    TooLong,
    /// A bare 64-character hex string, which names an image ID, not a repository.
    Identifier(String),
}

impl fmt::Display for ImageRefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImageRefError::InvalidFormat => write!(f, "invalid reference format"),
            ImageRefError::Uppercase(repo) => {
                write!(f, "invalid reference format: repository name ({repo}) must be lowercase")
            }
            ImageRefError::TooLong => {
                write!(f, "repository name must not be more than {NAME_TOTAL_LENGTH_MAX} characters")
            }
            ImageRefError::Identifier(s) => {
                write!(f, "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings")
            }
        }
    }
}

impl ImageRef {
    /// Parses a reference as `ParseNormalizedNamed` does.
    pub fn parse(s: &str) -> Result<ImageRef, ImageRefError> {
        if s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(ImageRefError::Identifier(s.to_string()));
        }
        let r = ImageRef::lenient(s);
        if r.path.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(ImageRefError::Uppercase(r.path));
        }
        let domain_ok = r.domain.is_empty() || is_domain_and_port(&r.domain);
        let path_ok = !r.path.is_empty() && r.path.split('/').all(is_path_component);
        let tag_ok = r.tag.as_deref().is_none_or(is_tag);
        let digest_ok = r.digest.as_deref().is_none_or(is_digest);
        if !(domain_ok && path_ok && tag_ok && digest_ok) {
            return Err(ImageRefError::InvalidFormat);
        }
        if r.domain.len() + 1 + r.path.len() > NAME_TOTAL_LENGTH_MAX {
            return Err(ImageRefError::TooLong);
        }
        Ok(r)
    }

    /// Splits any text into domain, path, tag and digest the way
    /// [`ImageRef::parse`] does, without checking the grammar; never fails.
    pub fn lenient(s: &str) -> ImageRef {
        let (name_tag, digest) = match s.split_once('@') {
            Some((n, d)) => (n, Some(d.to_string())),
            None => (s, None),
        };
        let (domain, remainder) = split_docker_domain(name_tag);
        // The path holds no `:`, so the first one in the last component
        // starts the tag.
        let last_start = remainder.rfind('/').map_or(0, |i| i + 1);
        let (path, tag) = match remainder.get(last_start..).and_then(|last| last.find(':')) {
            Some(colon) => {
                let at = last_start + colon;
                (remainder.get(..at).unwrap_or("").to_string(), remainder.get(at + 1..).map(str::to_string))
            }
            None => (remainder, None),
        };
        ImageRef { domain: domain.to_string(), path, tag, digest }
    }

    /// The registry host (and port): `docker.io`, `registry.k8s.io`, `localhost:5000`.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The repository path on its registry: `library/nginx`, `bitnami/redis`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The tag as written, if any (no default).
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// The digest (`sha256:…`), if any.
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
    }

    /// The tag that is pulled: the one written, else `latest` when there is
    /// no digest either (`ParseImageName`).
    pub fn effective_tag(&self) -> Option<&str> {
        match (&self.tag, &self.digest) {
            (Some(t), _) => Some(t),
            (None, None) => Some("latest"),
            (None, Some(_)) => None,
        }
    }

    /// The fully qualified name: `docker.io/library/nginx`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.domain, self.path)
    }

    /// The fully qualified reference containerd resolves, with the default
    /// tag: `nginx` is `docker.io/library/nginx:latest`, and a digest is kept.
    pub fn canonical(&self) -> String {
        let mut out = self.name();
        if let Some(tag) = self.effective_tag() {
            out.push(':');
            out.push_str(tag);
        }
        if let Some(d) = &self.digest {
            out.push('@');
            out.push_str(d);
        }
        out
    }

    /// The name as Docker prints it (`FamiliarName`): no `docker.io/`, and
    /// no `library/` before an official image: `nginx`, `bitnami/redis`,
    /// `registry.k8s.io/pause`.
    pub fn familiar_name(&self) -> String {
        if self.domain != DEFAULT_DOMAIN {
            return self.name();
        }
        self.repository().to_string()
    }

    /// The repository without its registry, and without `library/` before
    /// an official image: `nginx`, `polinux/stress`, `team/app` for
    /// `localhost:5000/team/app`. The image catalogue is keyed by it.
    pub fn repository(&self) -> &str {
        match self.path.strip_prefix(OFFICIAL_REPO_PREFIX) {
            Some(rest) if !rest.contains('/') => rest,
            _ => &self.path,
        }
    }

    /// The last component of the path: `stress` for `polinux/stress`.
    pub fn short_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// `splitDockerDomain` (distribution/reference v0.6): the first component
/// is a registry when it is `localhost`, holds a `.` or a `:`, or has
/// capitals (a repository path never does).
fn split_docker_domain(name: &str) -> (&str, String) {
    let Some((first, rest)) = name.split_once('/') else {
        return (DEFAULT_DOMAIN, format!("{OFFICIAL_REPO_PREFIX}{name}"));
    };
    let (domain, remote) =
        if first == "localhost" || first.contains(['.', ':']) || first.bytes().any(|b| b.is_ascii_uppercase()) {
            (if first == LEGACY_DEFAULT_DOMAIN { DEFAULT_DOMAIN } else { first }, rest)
        } else {
            (DEFAULT_DOMAIN, name)
        };
    if domain == DEFAULT_DOMAIN && !remote.contains('/') {
        return (domain, format!("{OFFICIAL_REPO_PREFIX}{remote}"));
    }
    (domain, remote.to_string())
}

/// `pathComponent`: lowercase alphanumerics joined by `.`, `_`, `__` or runs of `-`.
fn is_path_component(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !b.first().is_some_and(|c| alnum(*c)) || !b.last().is_some_and(|c| alnum(*c)) {
        return false;
    }
    // Every run of separators between alphanumerics must be one of the allowed ones.
    let mut i = 0;
    while i < b.len() {
        if b.get(i).is_some_and(|c| alnum(*c)) {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(|c| !alnum(*c)) {
            i += 1;
        }
        let sep = s.get(start..i).unwrap_or("");
        if !(sep == "." || sep == "_" || sep == "__" || (!sep.is_empty() && sep.bytes().all(|c| c == b'-'))) {
            return false;
        }
    }
    true
}

/// `domainAndPort`: DNS-like labels joined by `.` (or a bracketed IPv6
/// address), then an optional `:port`.
fn is_domain_and_port(s: &str) -> bool {
    let (host, port) = match s.strip_prefix('[') {
        Some(v6) => {
            let Some((addr, rest)) = v6.split_once(']') else {
                return false;
            };
            if addr.is_empty() || !addr.bytes().all(|c| c.is_ascii_hexdigit() || c == b':') {
                return false;
            }
            match rest.strip_prefix(':') {
                Some(p) => (None, Some(p)),
                None if rest.is_empty() => (None, None),
                None => return false,
            }
        }
        None => match s.split_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(s), None),
        },
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    let label = |l: &str| {
        let b = l.as_bytes();
        !b.is_empty()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
    };
    port_ok && host.is_none_or(|h| h.split('.').all(label))
}

/// `tag`: a word character, then up to 127 word characters, `.` or `-`.
fn is_tag(s: &str) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let b = s.as_bytes();
    b.len() <= 128 && b.first().is_some_and(|c| word(*c)) && b.iter().all(|c| word(*c) || *c == b'.' || *c == b'-')
}

/// `digest` as `go-digest` accepts it: a known algorithm and its lowercase
/// hex encoding of the right length (`sha256:` and 64 digits).
fn is_digest(s: &str) -> bool {
    let Some((algorithm, hex)) = s.split_once(':') else {
        return false;
    };
    let want = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return false,
    };
    hex.len() == want && hex.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn names_normalize_like_distribution() {
        let digested = format!("busybox@{SHA}");
        for (image, name, familiar, canonical) in [
            ("nginx", "docker.io/library/nginx", "nginx", "docker.io/library/nginx:latest".to_string()),
            ("nginx:1.27", "docker.io/library/nginx", "nginx", "docker.io/library/nginx:1.27".to_string()),
            (
                "docker.io/library/redis",
                "docker.io/library/redis",
                "redis",
                "docker.io/library/redis:latest".to_string(),
            ),
            ("index.docker.io/nginx", "docker.io/library/nginx", "nginx", "docker.io/library/nginx:latest".to_string()),
            ("bitnami/redis:7", "docker.io/bitnami/redis", "bitnami/redis", "docker.io/bitnami/redis:7".to_string()),
            (
                "registry.k8s.io/pause:3.9",
                "registry.k8s.io/pause",
                "registry.k8s.io/pause",
                "registry.k8s.io/pause:3.9".to_string(),
            ),
            ("localhost:5000/app:v1", "localhost:5000/app", "localhost:5000/app", "localhost:5000/app:v1".to_string()),
            ("localhost/app", "localhost/app", "localhost/app", "localhost/app:latest".to_string()),
            (&digested, "docker.io/library/busybox", "busybox", format!("docker.io/library/busybox@{SHA}")),
        ] {
            let r = ImageRef::parse(image).unwrap_or_else(|e| panic!("{image}: {e}"));
            assert_eq!(
                (r.name(), r.familiar_name(), r.canonical()),
                (name.to_string(), familiar.to_string(), canonical),
                "{image}"
            );
        }
    }

    #[test]
    fn parts_and_default_tag() {
        let r = ImageRef::parse("localhost:5000/team/app:v1").unwrap();
        assert_eq!((r.domain(), r.path(), r.tag(), r.digest()), ("localhost:5000", "team/app", Some("v1"), None));
        assert_eq!((r.repository(), r.short_name()), ("team/app", "app"));
        assert_eq!(ImageRef::parse("nginx").unwrap().effective_tag(), Some("latest"));
        assert_eq!(ImageRef::parse(&format!("nginx@{SHA}")).unwrap().effective_tag(), None);
        assert_eq!(ImageRef::parse(&format!("nginx:latest@{SHA}")).unwrap().effective_tag(), Some("latest"));
        let stress = ImageRef::parse("polinux/stress").unwrap();
        assert_eq!((stress.repository(), stress.short_name()), ("polinux/stress", "stress"));
    }

    #[test]
    fn bad_references_are_refused_with_upstreams_words() {
        for (image, err) in [
            // Upstream's empty-name error never shows: the name is `library/` by then.
            ("", "invalid reference format"),
            ("Nginx", "invalid reference format: repository name (library/Nginx) must be lowercase"),
            ("nginx:", "invalid reference format"),
            ("nginx::1", "invalid reference format"),
            ("<image>", "invalid reference format"),
            ("nginx latest", "invalid reference format"),
            ("-nginx", "invalid reference format"),
            ("a..b", "invalid reference format"),
            ("nginx@sha256:abc", "invalid reference format"),
            ("nginx:-1", "invalid reference format"),
            ("registry.k8s.io:port/x", "invalid reference format"),
            (&"a".repeat(300), "repository name must not be more than 255 characters"),
            (
                &"0123456789abcdef".repeat(4),
                &format!(
                    "invalid repository name ({}), cannot specify 64-byte hexadecimal strings",
                    "0123456789abcdef".repeat(4)
                ),
            ),
        ] {
            assert_eq!(ImageRef::parse(image).map_err(|e| e.to_string()), Err(err.to_string()), "{image}");
        }
        for ok in ["a__b", "a---b", "a.b_c", "[::1]:5000/x", "127.0.0.1/x", "Registry/x"] {
            assert!(ImageRef::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn lenient_splits_anything() {
        let r = ImageRef::lenient("busybox@sha256:abc");
        assert_eq!((r.name(), r.digest()), ("docker.io/library/busybox".to_string(), Some("sha256:abc")));
        assert_eq!(ImageRef::lenient("Nginx:Latest").tag(), Some("Latest"));
        assert_eq!(ImageRef::lenient("").name(), "docker.io/library/");
        assert_eq!(ImageRef::lenient("a/b/c:d/e").path(), "a/b/c:d/e");
    }

    /// The kubelet's former `image_ref` test, kept with its owner.
    #[test]
    fn image_refs_are_normalized() {
        let canonical = |s: &str| ImageRef::lenient(s).canonical();
        assert_eq!(canonical("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(canonical("bitnami/redis:7"), "docker.io/bitnami/redis:7");
        assert_eq!(canonical("registry.k8s.io/pause:3.9"), "registry.k8s.io/pause:3.9");
    }
}
