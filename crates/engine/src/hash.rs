//! FNV-1a hashing, the engine's one deterministic hash: IDs and digests the
//! runtime would report, event correlation keys, `pod-template-hash`.
//!
//! FNV-1a is the hash Go's `hash/fnv` provides (`fnv.New64a`, `fnv.New32a`);
//! the ReplicaSet controller hashes pod templates with `fnv.New32a`
//! (`pkg/controller/controller_utils.go` `ComputeHash`) and encodes the sum
//! with apimachinery's `rand.SafeEncodeString`
//! (`k8s.io/apimachinery/pkg/util/rand/rand.go`). Never `std`'s `Hasher`:
//! its output may change between Rust releases, and ours must not.

/// The 64-bit FNV offset basis.
const OFFSET_64: u64 = 0xcbf2_9ce4_8422_2325;
/// The 64-bit FNV prime.
const PRIME_64: u64 = 0x0000_0100_0000_01b3;
/// The 32-bit FNV offset basis.
const OFFSET_32: u32 = 0x811c_9dc5;
/// The 32-bit FNV prime.
const PRIME_32: u32 = 0x0100_0193;

/// A streaming 64-bit FNV-1a hasher, for hashing several parts in turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fnv1a64(u64);

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64(OFFSET_64)
    }
}

impl Fnv1a64 {
    /// A hasher in its initial state (the offset basis).
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Feeds bytes into the hash.
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(PRIME_64);
        }
    }

    /// The hash of everything written so far.
    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}

/// The 64-bit FNV-1a hash of `bytes` (Go's `fnv.New64a`).
pub(crate) fn fnv1a_64(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a64::new();
    h.write(bytes);
    h.finish()
}

/// The 32-bit FNV-1a hash of `bytes` (Go's `fnv.New32a`).
pub(crate) fn fnv1a_32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(OFFSET_32, |h, b| (h ^ u32::from(*b)).wrapping_mul(PRIME_32))
}

/// A deterministic lowercase hex digest of `len` characters (at most 256):
/// the 64-bit FNV-1a state is printed after each round over `input` and the
/// round number, until there are enough digits. It stands in for the
/// SHA-256 IDs a runtime reports (`containerd://…`, `sha256:…`).
pub(crate) fn hex_digest(input: &str, len: usize) -> String {
    let mut h = Fnv1a64::new();
    let mut out = String::new();
    let mut round = 0u64;
    while out.len() < len && round < 16 {
        h.write(input.as_bytes());
        h.write(&round.to_le_bytes());
        out.push_str(&format!("{:016x}", h.finish()));
        round += 1;
    }
    out.truncate(len);
    out
}

/// apimachinery's `rand.SafeEncodeString`: each byte of `s` mapped onto an
/// alphabet without vowels or look-alike characters, so that a hash printed
/// in decimal cannot spell words (`pod-template-hash`).
pub(crate) fn safe_encode_string(s: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    s.bytes().map(|b| ALPHANUMS.get(usize::from(b) % ALPHANUMS.len()).copied().unwrap_or(b'x') as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference vectors from the FNV test suite (Landon Curt Noll's
    // `fnv_test.c`, also those of Go's `hash/fnv` tests).
    #[test]
    fn fnv1a_64_matches_the_reference_vectors() {
        for (input, want) in [
            ("", 0xcbf2_9ce4_8422_2325u64),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("abc", 0xe71f_a219_0541_574b),
            ("foobar", 0x8594_4171_f739_67e8),
        ] {
            assert_eq!(fnv1a_64(input.as_bytes()), want, "{input:?}");
        }
    }

    #[test]
    fn fnv1a_32_matches_the_reference_vectors() {
        for (input, want) in [
            ("", 0x811c_9dc5u32),
            ("a", 0xe40c_292c),
            ("ab", 0x4d25_05ca),
            ("abc", 0x1a47_e90b),
            ("foobar", 0xbf9c_f968),
        ] {
            assert_eq!(fnv1a_32(input.as_bytes()), want, "{input:?}");
        }
    }

    #[test]
    fn streaming_equals_one_shot() {
        let mut h = Fnv1a64::new();
        h.write(b"foo");
        h.write(b"bar");
        assert_eq!(h.finish(), fnv1a_64(b"foobar"));
    }

    #[test]
    fn hex_digests_have_the_asked_length_and_are_stable() {
        let d = hex_digest("default/web", 64);
        assert_eq!(d.len(), 64);
        assert!(d.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(d, hex_digest("default/web", 64));
        assert_eq!(&hex_digest("default/web", 32), d.get(..32).unwrap());
        assert_ne!(hex_digest("default/api", 64), d);
        assert_eq!(hex_digest("x", 1000).len(), 256);
    }

    #[test]
    fn safe_encoding_uses_the_safe_alphabet() {
        // '0' is byte 48: 48 % 27 = 21 → '4'; '9' is 57: 57 % 27 = 3 → 'f'.
        assert_eq!(safe_encode_string("09"), "4f");
        assert!(safe_encode_string("3141592653").bytes().all(|b| b"bcdfghjklmnpqrstvwxz2456789".contains(&b)));
    }
}
