//! Standard base64 (RFC 4648, with padding), as Go's `encoding/base64`
//! `StdEncoding` writes and reads it: a Secret's `data` is stored this way.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes `bytes` with padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = chunk.first().copied().unwrap_or(0);
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        let sym = |shift: u32| char::from(ALPHABET.get(((n >> shift) & 63) as usize).copied().unwrap_or(b'A'));
        out.push(sym(18));
        out.push(sym(12));
        out.push(if chunk.len() > 1 { sym(6) } else { '=' });
        out.push(if chunk.len() > 2 { sym(0) } else { '=' });
    }
    out
}

/// Decodes padded standard base64; the error is Go's
/// `illegal base64 data at input byte N`.
pub(crate) fn decode(text: &str) -> Result<Vec<u8>, String> {
    let bytes = text.as_bytes();
    let illegal = |i: usize| format!("illegal base64 data at input byte {i}");
    if bytes.len() % 4 != 0 {
        // Go reports the first byte past the last whole quantum.
        let at = bytes.iter().position(|b| !ALPHABET.contains(b) && *b != b'=').unwrap_or(bytes.len() / 4 * 4);
        return Err(illegal(at));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (q, quad) in bytes.chunks(4).enumerate() {
        let last = (q + 1) * 4 == bytes.len();
        let mut n = 0u32;
        let mut pad = 0;
        for (j, b) in quad.iter().enumerate() {
            let i = q * 4 + j;
            let v = if *b == b'=' {
                if !last || j < 2 {
                    return Err(illegal(i));
                }
                pad += 1;
                0
            } else {
                if pad > 0 {
                    return Err(illegal(i));
                }
                ALPHABET.iter().position(|a| a == b).ok_or_else(|| illegal(i))? as u32
            };
            n = (n << 6) | v;
        }
        out.push((n >> 16) as u8);
        if pad < 2 {
            out.push((n >> 8) as u8);
        }
        if pad < 1 {
            out.push(n as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_matches_go() {
        for (plain, coded) in [("", ""), ("b", "Yg=="), ("ab", "YWI="), ("abc", "YWJj"), ("s3cr3t!", "czNjcjN0IQ==")] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(decode("abc"), Err("illegal base64 data at input byte 0".to_string()));
        assert_eq!(decode("ab!d"), Err("illegal base64 data at input byte 2".to_string()));
        assert_eq!(decode("a==b"), Err("illegal base64 data at input byte 1".to_string()));
    }
}
