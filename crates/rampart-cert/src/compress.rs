//! Raw DEFLATE (evidence submissions) and GZIP (status lists, RFC 1952) over
//! `miniz_oxide`, with a cap on every inflated size: the input comes from a
//! credential someone else wrote, and a few kilobytes can inflate to gigabytes.

use miniz_oxide::inflate::{self, TINFLStatus};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompressError {
    #[error("the data inflates to more than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the data is not valid DEFLATE: {0}")]
    Corrupt(String),
    #[error("the data is not GZIP: {0}")]
    NotGzip(&'static str),
    #[error("the GZIP checksum does not match its content")]
    Checksum,
}

/// Raw DEFLATE at the best compression.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, 9)
}

/// Inflates raw DEFLATE, refusing output larger than `limit` bytes.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, CompressError> {
    inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => CompressError::TooLarge { limit },
        status => CompressError::Corrupt(format!("{status:?}")),
    })
}

/// A single-member GZIP file: fixed header (no name, mtime 0), DEFLATE, CRC-32, size.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let body = deflate(data);
    let mut out = Vec::with_capacity(body.len() + 18);
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// Reads a single-member GZIP file, refusing output larger than `limit` bytes.
pub fn gunzip(data: &[u8], limit: usize) -> Result<Vec<u8>, CompressError> {
    const FHCRC: u8 = 2;
    const FEXTRA: u8 = 4;
    const FNAME: u8 = 8;
    const FCOMMENT: u8 = 16;
    if data.len() < 18 || data[0] != 0x1f || data[1] != 0x8b {
        return Err(CompressError::NotGzip("the magic bytes 1f 8b are missing"));
    }
    if data[2] != 8 {
        return Err(CompressError::NotGzip(
            "the compression method is not DEFLATE",
        ));
    }
    let flags = data[3];
    let mut pos = 10;
    let truncated = CompressError::NotGzip("the header is truncated");
    if flags & FEXTRA != 0 {
        let len = data.get(pos..pos + 2).ok_or(truncated.clone())?;
        pos += 2 + usize::from(u16::from_le_bytes([len[0], len[1]]));
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let end = data
                .get(pos..)
                .and_then(|rest| rest.iter().position(|&b| b == 0))
                .ok_or(truncated.clone())?;
            pos += end + 1;
        }
    }
    if flags & FHCRC != 0 {
        pos += 2;
    }
    if pos + 8 > data.len() {
        return Err(truncated);
    }
    let trailer = &data[data.len() - 8..];
    let body = &data[pos..data.len() - 8];
    let out = inflate(body, limit)?;
    let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
    if crc != crc32(&out) || size != out.len() as u32 {
        return Err(CompressError::Checksum);
    }
    Ok(out)
}

/// CRC-32 (IEEE 802.3, reflected, as GZIP uses it), bit by bit: status lists
/// are small and this runs once per verification.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn gzip_round_trip_and_limit() {
        let data = vec![7u8; 100_000];
        let gz = gzip(&data);
        assert_eq!(gunzip(&gz, 100_000).as_deref(), Ok(&data[..]));
        assert_eq!(
            gunzip(&gz, 99_999),
            Err(CompressError::TooLarge { limit: 99_999 })
        );
        let mut bad = gz.clone();
        let n = bad.len();
        bad[n - 8] ^= 1;
        assert_eq!(gunzip(&bad, 100_000), Err(CompressError::Checksum));
    }
}
