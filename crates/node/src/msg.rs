//! User-facing messages of `podplay-node`, in Korean and English.

use podplay_engine::{Lang, Text};

/// Picks the language: `--lang` first, then `LANG`/`LC_ALL` (`ko_KR.UTF-8` → Korean), English otherwise.
pub fn pick_lang(flag: Option<&str>) -> Lang {
    if let Some(lang) = flag.and_then(Lang::from_tag) {
        return lang;
    }
    for var in ["LC_ALL", "LANG"] {
        if let Ok(value) = std::env::var(var) {
            if let Some(lang) = Lang::from_tag(&value) {
                return lang;
            }
        }
    }
    Lang::En
}

/// Shorthand for a bilingual message.
pub fn t(ko: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(ko, en)
}

pub fn not_root() -> Text {
    t(
        "podplay-node는 실제 네임스페이스, 마운트, cgroup을 만들기 때문에 root 권한이 필요합니다. 사용자 네임스페이스(rootless)도 시도했지만 이 기계에서는 쓸 수 없습니다. `sudo podplay-node …`로 다시 실행하세요.",
        "podplay-node creates real namespaces, mounts and cgroups, so it needs root. A user namespace (rootless mode) was tried and is not usable here. Run it again as `sudo podplay-node …`.",
    )
}

pub fn busybox_missing(path: &str) -> Text {
    t(
        format!("내장 busybox 이미지를 만들 {path} 파일이 없습니다. Debian/Ubuntu에서는 `apt-get install -y busybox-static`으로 설치하세요."),
        format!("{path} is missing, so the built-in busybox image cannot be assembled. On Debian/Ubuntu install it with `apt-get install -y busybox-static`."),
    )
}

pub fn refused(field: &str) -> Text {
    t(
        format!(
            "{field}: 호스트를 노출하는 설정이라 기본으로 거부합니다. 정말 필요하면 --allow-host 플래그를 붙이세요."
        ),
        format!(
            "{field}: this exposes the host, so it is refused by default. Pass --allow-host if you really mean it."
        ),
    )
}

pub fn err_image_pull(image: &str) -> Text {
    t(
        format!("이미지 \"{image}\"가 이 노드에 없습니다(레지스트리 없이 동작합니다). 내장 busybox 이미지를 쓰거나, --image {image}=busybox 로 busybox를 대신 쓰세요."),
        format!("image \"{image}\" is not on this node (there is no registry). Use the built-in busybox image, or stand busybox in with --image {image}=busybox."),
    )
}
