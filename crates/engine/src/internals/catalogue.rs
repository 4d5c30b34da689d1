//! The image catalogue: what each known image contains and runs when the
//! pod spec gives no `command`/`args`, its base memory, and whether it can
//! be pulled. Unknown images behave like a generic long-running program.

use crate::image_ref::ImageRef;
use crate::text::Text;

/// One image's behaviour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// The catalogue entry's name (`nginx`, `busybox`, `generic`, …).
    pub kind: &'static str,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    /// Files the image ships (path, content).
    pub files: Vec<(&'static str, String)>,
    pub base_memory_bytes: u64,
    pub pullable: bool,
    pub describe: Text,
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

const NGINX_INDEX: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n";

/// Images the simulation refuses to pull, to teach `ErrImagePull`.
pub fn unpullable_reason(image: &str) -> Option<String> {
    let reference = ImageRef::lenient(image);
    let repo = reference.repository();
    let tag = reference.tag();
    if image.is_empty() {
        return Some("image name is empty".to_string());
    }
    if image.contains('<')
        || image.contains(' ')
        || repo.contains("does-not-exist")
        || repo.contains("nonexistent")
        || tag == Some("doesnotexist")
        || tag == Some("notexist")
    {
        return Some(format!(
            "failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found"
        ));
    }
    if unreleased_tag(image) {
        return Some(format!(
            "failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found"
        ));
    }
    if repo.starts_with("private") || image.contains("private-registry") {
        return Some(format!(
            "failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
        ));
    }
    None
}

/// A bound above the newest `major.minor` each official Docker Hub image the
/// catalogue knows has published: Kubernetes 1.35 came out with nginx 1.29,
/// busybox 1.37, redis 8.4 and alpine 3.23 (December 2025), and the bounds
/// leave room for the releases since, so that a real tag a learner types
/// (`nginx:1.30`) is never refused here while a real cluster pulls it.
const NEWEST_RELEASES: &[(&str, u64, u64)] =
    &[("nginx", 1, 31), ("busybox", 1, 38), ("redis", 8, 8), ("httpd", 2, 4), ("alpine", 3, 25)];

/// Whether a version tag (`1.72`, `1.72.0`, `2`, `1.27-alpine`) names a
/// release newer than any the official image has, as a typo like `1.72`
/// for `1.27` does: Docker Hub has no such tag, so the pull fails with
/// `not found`. Tags that are not versions (`latest`, `alpine`) and
/// images the catalogue does not know are left alone.
pub(crate) fn unreleased_tag(image: &str) -> bool {
    let reference = ImageRef::lenient(image);
    // Only Docker Hub's official images: `registry.k8s.io/busybox` has tags of its own.
    let repo = reference.familiar_name();
    let Some(tag) = reference.tag() else { return false };
    let Some(&(_, major_max, minor_max)) = NEWEST_RELEASES.iter().find(|(r, _, _)| *r == repo.as_str()) else {
        return false;
    };
    let version = tag.split('-').next().unwrap_or("");
    let mut parts = version.split('.');
    let Some(Ok(major)) = parts.next().map(str::parse::<u64>) else { return false };
    let minor = match parts.next() {
        None => None,
        Some(m) => match m.parse::<u64>() {
            Ok(m) => Some(m),
            Err(_) => return false,
        },
    };
    major > major_max || (major == major_max && minor.is_some_and(|m| m > minor_max))
}

/// Looks an image up; unknown images get the generic program.
pub fn lookup(image: &str) -> Image {
    let last = ImageRef::lenient(image).short_name().to_string();
    let pullable = unpullable_reason(image).is_none();
    let mib = 1u64 << 20;
    let mut img = match last.as_str() {
        "nginx" | "nginx-unprivileged" => Image {
            kind: "nginx",
            entrypoint: s(&["/docker-entrypoint.sh"]),
            cmd: s(&["nginx", "-g", "daemon off;"]),
            files: vec![
                ("usr/share/nginx/html/index.html", NGINX_INDEX.to_string()),
                ("usr/share/nginx/html/50x.html", "<html><body><h1>An error occurred.</h1></body></html>\n".to_string()),
                ("etc/nginx/conf.d/default.conf", "server {\n    listen       80;\n    server_name  localhost;\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n".to_string()),
                ("var/log/nginx/access.log", String::new()),
            ],
            base_memory_bytes: 8 * mib,
            pullable,
            describe: Text::new("nginx 웹 서버: 80번 포트에서 /usr/share/nginx/html의 파일을 제공합니다.", "nginx web server: serves /usr/share/nginx/html on port 80."),
        },
        "httpd" => Image {
            kind: "httpd",
            entrypoint: vec![],
            cmd: s(&["httpd-foreground"]),
            files: vec![("usr/local/apache2/htdocs/index.html", "<html><body><h1>It works!</h1></body></html>\n".to_string())],
            base_memory_bytes: 10 * mib,
            pullable,
            describe: Text::new("Apache httpd 웹 서버: 80번 포트에서 htdocs를 제공합니다.", "Apache httpd: serves htdocs on port 80."),
        },
        "busybox" | "alpine" | "debian" | "ubuntu" | "curl" | "busybox-curl" | "dnsutils" | "jessie-dnsutils" | "shell" => Image {
            kind: "shell",
            entrypoint: vec![],
            cmd: s(&[if last == "debian" || last == "ubuntu" { "bash" } else { "sh" }]),
            files: vec![],
            base_memory_bytes: mib,
            pullable,
            describe: Text::new(
                "셸 이미지: 명령이 없으면 `sh`가 입력 없이 바로 끝납니다(그래서 재시작을 반복합니다).",
                "A shell image: without a command, `sh` has no input and exits at once (so it restarts over and over).",
            ),
        },
        "redis" => Image {
            kind: "redis",
            entrypoint: s(&["docker-entrypoint.sh"]),
            cmd: s(&["redis-server"]),
            files: vec![],
            base_memory_bytes: 4 * mib,
            pullable,
            describe: Text::new("Redis: 6379번 포트에서 PING, GET, SET, INCR에 답합니다.", "Redis: answers PING, GET, SET, INCR on port 6379."),
        },
        "stress" => Image {
            kind: "stress",
            entrypoint: s(&["stress"]),
            cmd: s(&["--vm", "1", "--vm-bytes", "128M"]),
            files: vec![],
            base_memory_bytes: mib,
            pullable,
            describe: Text::new("stress: `--vm-bytes`만큼 메모리를, `--cpu`만큼 CPU를 씁니다.", "stress: uses `--vm-bytes` of memory and `--cpu` cores."),
        },
        "fluentd-gcp" | "fluentd" | "fluent-bit" | "log-collector" => Image {
            kind: "log-collector",
            entrypoint: s(&["fluentd"]),
            cmd: vec![],
            files: vec![],
            base_memory_bytes: 40 * mib,
            pullable,
            describe: Text::new(
                "로그 수집기: 공유 볼륨의 로그 파일을 따라 읽고 외부로 보냅니다.",
                "A log collector: follows log files on a shared volume and ships them out.",
            ),
        },
        "socat" | "ambassador" => Image {
            kind: "ambassador",
            // Like alpine/socat: ENTRYPOINT ["socat"], so `args:` are socat's addresses.
            entrypoint: s(&["socat"]),
            cmd: s(&["TCP-LISTEN:6379,fork,reuseaddr", "TCP:redis.example.com:6379"]),
            files: vec![],
            base_memory_bytes: 2 * mib,
            pullable,
            describe: Text::new(
                "앰배서더 프록시: localhost에서 받아 외부 호스트로 전달합니다.",
                "An ambassador proxy: listens on localhost and forwards to an outside host.",
            ),
        },
        "adapter" => Image {
            kind: "adapter",
            entrypoint: s(&["sh", "-c"]),
            cmd: s(&["touch /var/log/app/metrics.log; tail -F /var/log/app/metrics.log | while read line; do echo \"{\\\"metric\\\": \\\"$line\\\"}\"; done"]),
            files: vec![],
            base_memory_bytes: 2 * mib,
            pullable,
            describe: Text::new(
                "어댑터: 앱이 남긴 원시 출력을 읽어 표준 형식(JSON)으로 바꿉니다.",
                "An adapter: reads the app's raw output and rewrites it in a standard format (JSON).",
            ),
        },
        "counter" => Image {
            kind: "counter",
            entrypoint: s(&["sh", "-c"]),
            cmd: s(&["while true; do n=$(redis-cli INCR hits); echo \"hits: $n\"; sleep 1; done"]),
            files: vec![],
            base_memory_bytes: 6 * mib,
            pullable,
            describe: Text::new(
                "카운터 앱: 매초 localhost:6379의 Redis에 INCR를 보내고 결과를 로그로 남깁니다.",
                "The counter app: sends INCR to Redis on localhost:6379 every second and logs the count.",
            ),
        },
        "pause" => Image {
            kind: "pause",
            entrypoint: s(&["/pause"]),
            cmd: vec![],
            files: vec![],
            base_memory_bytes: 256 * 1024,
            pullable,
            describe: Text::new("pause: 아무것도 하지 않고 네임스페이스를 붙잡고 있습니다.", "pause: does nothing, holds the namespaces."),
        },
        _ => Image {
            kind: "generic",
            entrypoint: s(&["app"]),
            cmd: vec![],
            files: vec![("app/www/index.html", "ok\n".to_string())],
            base_memory_bytes: 16 * mib,
            pullable,
            describe: Text::new(
                "알 수 없는 이미지: 선언한 포트에서 답하며 계속 실행되는 일반 프로그램처럼 동작합니다.",
                "An unknown image: behaves like a generic long-running program answering on its declared ports.",
            ),
        },
    };
    img.files.push(("etc/os-release", format!("NAME=\"{}\"\nID={}\n", last, img.kind)));
    img
}

/// Whether an image ships the usual userland (a shell, `tar`, `ls`, …).
/// Distroless and scratch-based images (`gcr.io/distroless/*`, the pause
/// image, `*-scratch`) ship only their own program, so `kubectl cp`, which
/// runs `tar` inside the container, cannot work with them.
pub fn ships_userland(image: &str) -> bool {
    let reference = ImageRef::lenient(image);
    let repo = reference.repository().to_string();
    let kind = lookup(image).kind;
    !(kind == "pause" || repo.contains("distroless") || repo.contains("scratch"))
}

/// The argv a container runs, Docker's way: `command` replaces the
/// entrypoint (and drops the image's cmd), `args` replaces the cmd.
pub fn argv(image: &Image, command: &[String], args: &[String]) -> Vec<String> {
    let mut out: Vec<String> = if command.is_empty() { image.entrypoint.clone() } else { command.to_vec() };
    if !args.is_empty() {
        out.extend(args.iter().cloned());
    } else if command.is_empty() {
        out.extend(image.cmd.iter().cloned());
    }
    // The nginx and redis entrypoint scripts end in `exec "$@"`: run the command itself.
    if matches!(out.first().map(String::as_str), Some("/docker-entrypoint.sh" | "docker-entrypoint.sh"))
        && out.len() > 1
    {
        out.remove(0);
    }
    if out.first().map(String::as_str) == Some("/pause") {
        out = vec!["pause".to_string()];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_tags_newer_than_any_release_are_not_found() {
        for image in
            ["nginx:1.72", "nginx:2.0", "busybox:1.63", "redis:9", "alpine:3.99", "docker.io/library/nginx:1.72"]
        {
            let reason = unpullable_reason(image).unwrap_or_default();
            assert!(reason.ends_with(&format!("{image}: not found")), "{image}: {reason}");
        }
        for image in [
            "nginx:1.27",
            "nginx:1.29.1",
            "nginx:1.30",
            "registry.k8s.io/busybox:1.99",
            "nginx:1",
            "nginx:1.27-alpine",
            "nginx:latest",
            "busybox:1.36",
            "busybox:1.37",
            "redis:7.4",
            "redis:8",
            "httpd:2.4",
            "alpine:3.20",
            "example/app:99.0",
            "nginx:mainline",
        ] {
            assert_eq!(unpullable_reason(image), None, "{image}");
        }
    }

    #[test]
    fn repositories_strip_registry_and_tag() {
        let repository = |image: &str| ImageRef::lenient(image).repository().to_string();
        assert_eq!(repository("registry.k8s.io/busybox:1.27.2"), "busybox");
        assert_eq!(repository("nginx:1.29"), "nginx");
        assert_eq!(repository("docker.io/library/redis"), "redis");
        assert_eq!(repository("polinux/stress"), "polinux/stress");
        assert_eq!(repository("localhost:5000/app:v1"), "app");
    }

    #[test]
    fn command_and_args_follow_docker_rules() {
        let nginx = lookup("nginx");
        assert_eq!(argv(&nginx, &[], &[]), vec!["nginx", "-g", "daemon off;"]);
        let bb = lookup("busybox");
        assert_eq!(argv(&bb, &[], &["sleep".into(), "10".into()]), vec!["sleep", "10"]);
        assert_eq!(lookup("polinux/stress").kind, "stress");
        assert_eq!(lookup("example/whatever").kind, "generic");
    }
}
