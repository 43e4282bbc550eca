//! Multibase strings: base58btc (`z…`, keys and signatures) and base64url
//! without padding (`u…`, status lists).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Longest base58 text decoded; the work grows with the square of the
/// length, and nothing this crate reads is longer than a few hundred.
pub const MAX_BASE58_CHARS: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MultibaseError {
    #[error("the multibase value is empty")]
    Empty,
    #[error("the multibase value starts with {found:?}; expected {expected:?} ({name})")]
    WrongPrefix {
        found: char,
        expected: char,
        name: &'static str,
    },
    #[error("{found:?} at position {position} is not a base58btc character")]
    BadBase58 { found: char, position: usize },
    #[error("the base58btc value is {len} characters, longer than the limit of {MAX_BASE58_CHARS}")]
    TooLong { len: usize },
    #[error("the value is not unpadded base64url: {0}")]
    BadBase64(String),
}

/// Base58 (Bitcoin alphabet) without a multibase prefix.
pub fn base58_encode(bytes: &[u8]) -> String {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    // Little-endian base-58 digits of the number the bytes spell.
    let mut digits: Vec<u8> = Vec::with_capacity(bytes.len() * 138 / 100 + 1);
    for &byte in &bytes[zeros..] {
        let mut carry = u32::from(byte);
        for d in digits.iter_mut() {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut out = String::with_capacity(zeros + digits.len());
    out.extend(std::iter::repeat_n('1', zeros));
    out.extend(
        digits
            .iter()
            .rev()
            .map(|&d| char::from(ALPHABET[usize::from(d)])),
    );
    out
}

/// Decodes base58 (Bitcoin alphabet) without a multibase prefix.
pub fn base58_decode(text: &str) -> Result<Vec<u8>, MultibaseError> {
    if text.len() > MAX_BASE58_CHARS {
        return Err(MultibaseError::TooLong { len: text.len() });
    }
    let zeros = text.bytes().take_while(|&b| b == b'1').count();
    // Little-endian base-256 bytes of the number.
    let mut bytes: Vec<u8> = Vec::with_capacity(text.len());
    for (position, c) in text.chars().enumerate().skip(zeros) {
        let value = ALPHABET
            .iter()
            .position(|&a| char::from(a) == c)
            .ok_or(MultibaseError::BadBase58 { found: c, position })?;
        let mut carry = value as u32;
        for b in bytes.iter_mut() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0u8; zeros];
    out.extend(bytes.iter().rev());
    Ok(out)
}

/// `z` + base58btc.
pub fn encode_base58btc(bytes: &[u8]) -> String {
    format!("z{}", base58_encode(bytes))
}

/// Decodes a `z`-prefixed base58btc multibase value.
pub fn decode_base58btc(text: &str) -> Result<Vec<u8>, MultibaseError> {
    let rest = strip_prefix(text, 'z', "base58btc")?;
    base58_decode(rest)
}

/// `u` + base64url without padding.
pub fn encode_base64url(bytes: &[u8]) -> String {
    format!("u{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Decodes a `u`-prefixed base64url (no padding) multibase value.
pub fn decode_base64url(text: &str) -> Result<Vec<u8>, MultibaseError> {
    let rest = strip_prefix(text, 'u', "base64url without padding")?;
    URL_SAFE_NO_PAD
        .decode(rest)
        .map_err(|e| MultibaseError::BadBase64(e.to_string()))
}

fn strip_prefix<'a>(
    text: &'a str,
    expected: char,
    name: &'static str,
) -> Result<&'a str, MultibaseError> {
    let mut chars = text.chars();
    match chars.next() {
        None => Err(MultibaseError::Empty),
        Some(c) if c == expected => Ok(chars.as_str()),
        Some(found) => Err(MultibaseError::WrongPrefix {
            found,
            expected,
            name,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_round_trips_with_leading_zeros() {
        for bytes in [
            &[][..],
            &[0],
            &[0, 0, 1],
            &[0xff; 40],
            b"Hello World!",
            &[0xed, 0x01, 0, 0, 7],
        ] {
            let text = base58_encode(bytes);
            assert_eq!(base58_decode(&text).as_deref(), Ok(bytes), "{text}");
        }
        assert_eq!(base58_encode(b"Hello World!"), "2NEpo7TZRRrLZSi2U");
    }

    #[test]
    fn rejects_wrong_prefix_and_alphabet() {
        assert!(matches!(
            decode_base58btc("u123"),
            Err(MultibaseError::WrongPrefix { found: 'u', .. })
        ));
        assert!(matches!(
            decode_base58btc("z0OIl"),
            Err(MultibaseError::BadBase58 { found: '0', .. })
        ));
    }
}
