//! Share links: the manifest (and the open lesson) packed into the URL
//! fragment as `#s=<base64url(deflate(payload))>`, so that a link recreates
//! the state on any static host, with no server involved.
//!
//! The payload is a tiny line-based format: a version line, then
//! `lesson: <id>` and `journal: <one-line JSON>` (both optional; readers
//! ignore headers they do not know), then a blank line, then the manifest
//! verbatim. The journal (see `journal.rs`) carries the cluster itself:
//! applies, terminal commands and the clock, replayed when the link opens.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::i18n::Msg;

/// The payload version this app writes; links with a larger one are refused kindly.
const VERSION: u32 = 1;
/// The most a fragment may hold, before and after decompression (a limit on everything).
const FRAGMENT_MAX: usize = 64 * 1024;
const PAYLOAD_MAX: usize = 256 * 1024;

/// What a share link carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shared {
    pub manifest: String,
    pub lesson: Option<String>,
    /// The cluster's journal as JSON (one line), if it fits in a link.
    pub journal: Option<String>,
}

/// Why a share link could not be opened. Derives `Clone, PartialEq` so it can sit in state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Not base64, not deflate, not our format: cut short or edited.
    Broken,
    /// Larger than the limits above.
    TooBig,
    /// Written by a newer version of the app.
    Newer,
}

impl ShareError {
    /// The kind message the learner reads.
    pub fn msg(self) -> Msg {
        match self {
            ShareError::Broken => Msg::ShareBroken,
            ShareError::TooBig => Msg::ShareTooBig,
            ShareError::Newer => Msg::ShareNewer,
        }
    }
}

/// Packs the state into the value of `s=` (without `#s=`). A journal that
/// would make the link longer than a link may be is left out: the link then
/// carries the manifest (and lesson) only.
pub fn encode(shared: &Shared) -> String {
    let full = pack(shared);
    if full.len() <= FRAGMENT_MAX || shared.journal.is_none() {
        return full;
    }
    pack(&Shared { journal: None, ..shared.clone() })
}

fn pack(shared: &Shared) -> String {
    let mut text = format!("podplay {VERSION}\n");
    if let Some(lesson) = &shared.lesson {
        text.push_str("lesson: ");
        text.push_str(&lesson.replace('\n', " "));
        text.push('\n');
    }
    if let Some(journal) = &shared.journal {
        text.push_str("journal: ");
        text.push_str(&journal.replace('\n', " "));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&shared.manifest);
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    URL_SAFE_NO_PAD.encode(packed)
}

/// Unpacks the value of `s=`. Never panics, whatever the input.
pub fn decode(value: &str) -> Result<Shared, ShareError> {
    if value.len() > FRAGMENT_MAX {
        return Err(ShareError::TooBig);
    }
    let packed = URL_SAFE_NO_PAD.decode(value.trim().trim_end_matches('=')).map_err(|_| ShareError::Broken)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, PAYLOAD_MAX).map_err(|e| {
        if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
            ShareError::TooBig
        } else {
            ShareError::Broken
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|_| ShareError::Broken)?;
    let (head, manifest) = text.split_once("\n\n").ok_or(ShareError::Broken)?;
    let mut lines = head.lines();
    let version: u32 =
        lines.next().and_then(|l| l.strip_prefix("podplay ")).and_then(|v| v.parse().ok()).ok_or(ShareError::Broken)?;
    if version > VERSION {
        return Err(ShareError::Newer);
    }
    let (mut lesson, mut journal) = (None, None);
    for line in lines {
        if let Some(id) = line.strip_prefix("lesson: ") {
            lesson = Some(id.to_string());
        } else if let Some(json) = line.strip_prefix("journal: ") {
            journal = Some(json.to_string());
        }
    }
    Ok(Shared { manifest: manifest.to_string(), lesson, journal })
}

/// The `s=` value in a URL fragment such as `#s=…` or `#lang=ko&s=…`, if any.
pub fn from_fragment(hash: &str) -> Option<&str> {
    hash.trim_start_matches('#').split('&').find_map(|pair| pair.strip_prefix("s="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_manifest_and_lesson() {
        let cases = [
            Shared { manifest: "apiVersion: v1\nkind: Pod\n\nmetadata: {}\n".into(), lesson: None, journal: None },
            Shared { manifest: "name: 파드\n".into(), lesson: Some("01-first-pod".into()), journal: None },
            Shared { manifest: String::new(), lesson: None, journal: None },
            Shared { manifest: "a: 1\n".into(), lesson: None, journal: Some(r#"{"version":1,"entries":[]}"#.into()) },
        ];
        for shared in cases {
            let value = encode(&shared);
            assert!(value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{value}");
            assert_eq!(decode(&value), Ok(shared));
        }
    }

    #[test]
    fn bad_links_are_refused_without_panicking() {
        let good = encode(&Shared { manifest: "kind: Pod\n".into(), lesson: None, journal: None });
        let newer = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"podplay 99\n\nx", 9));
        let cases: &[(&str, ShareError)] = &[
            ("", ShareError::Broken),
            ("!!!", ShareError::Broken),
            ("aGVsbG8", ShareError::Broken),
            (&good[..good.len() / 2], ShareError::Broken),
            (&newer, ShareError::Newer),
        ];
        for (value, want) in cases {
            assert_eq!(decode(value), Err(*want), "{value:?}");
        }
        let huge = "A".repeat(FRAGMENT_MAX + 1);
        assert_eq!(decode(&huge), Err(ShareError::TooBig));
        let bomb = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&vec![b'a'; PAYLOAD_MAX * 2], 9));
        assert_eq!(decode(&bomb), Err(ShareError::TooBig));
    }

    #[test]
    fn a_journal_too_big_for_a_link_is_left_out() {
        // Text that does not compress: the journal alone would overflow the link.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let noise: String = (0..FRAGMENT_MAX * 2)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(b'a' + (x % 26) as u8)
            })
            .collect();
        let shared = Shared { manifest: "kind: Pod\n".into(), lesson: Some("01".into()), journal: Some(noise) };
        let value = encode(&shared);
        assert!(value.len() <= FRAGMENT_MAX);
        let back = decode(&value).expect("the smaller link opens");
        assert!(back.journal.is_none(), "the journal was left out");
        assert_eq!((back.manifest, back.lesson), (shared.manifest, shared.lesson));
    }

    #[test]
    fn links_from_before_the_journal_still_open() {
        let old = URL_SAFE_NO_PAD
            .encode(miniz_oxide::deflate::compress_to_vec(b"podplay 1\nlesson: 02\nfuture: x\n\nkind: Pod\n", 9));
        assert_eq!(
            decode(&old),
            Ok(Shared { manifest: "kind: Pod\n".into(), lesson: Some("02".into()), journal: None })
        );
    }

    #[test]
    fn finds_the_value_in_a_fragment() {
        assert_eq!(from_fragment("#s=abc"), Some("abc"));
        assert_eq!(from_fragment("#lang=ko&s=abc"), Some("abc"));
        assert_eq!(from_fragment("#other"), None);
        assert_eq!(from_fragment(""), None);
    }
}
