//! A minimal, deterministic zip writer: what an LMS upload needs and no more.
//!
//! Entries are written in the order given (the caller sorts them), every
//! timestamp is the DOS epoch (1980-01-01 00:00), permissions are a plain
//! 0644, and each file is deflated unless storing it is smaller. So the
//! same files give the same bytes on every machine. No zip64, directory
//! entries, encryption or extra fields: a package larger than 4 GiB or
//! with more than 65,535 files is refused instead.
//!
//! Hand-written (about a hundred lines) on `flate2`, which the CLI already
//! links through syntect, rather than the `zip` crate: that would add a
//! dependency tree to review for four fixed record layouts (APPNOTE.TXT
//! 4.3.7, 4.3.12 and 4.3.16).

use std::io::Write;

use anyhow::{Context, bail};
use flate2::Compression;
use flate2::write::DeflateEncoder;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
/// 2.0: deflate. The high byte of "version made by" is 3 (Unix), so the
/// external attributes carry a Unix mode.
const VERSION_NEEDED: u16 = 20;
const VERSION_MADE_BY: u16 = (3 << 8) | 20;
/// General purpose flag 11: the name is UTF-8.
const FLAG_UTF8: u16 = 1 << 11;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// 1980-01-01 in MS-DOS date format (year - 1980, month, day); time 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// A regular file, rw-r--r--.
const UNIX_FILE_MODE: u32 = 0o100_644;

/// One file of the archive: its path inside it (with `/`) and its bytes.
pub struct Entry {
    pub name: String,
    pub data: Vec<u8>,
}

/// The archive's bytes.
pub fn write(entries: &[Entry]) -> anyhow::Result<Vec<u8>> {
    if entries.len() > usize::from(u16::MAX) {
        bail!(
            "{} files are more than a zip without zip64 holds (65,535)",
            entries.len()
        );
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let name = entry.name.as_bytes();
        let name_len = u16::try_from(name.len())
            .with_context(|| format!("the path {} is too long for a zip", entry.name))?;
        let crc = {
            let mut crc = flate2::Crc::new();
            crc.update(&entry.data);
            crc.sum()
        };
        let deflated = deflate(&entry.data)?;
        let (method, body) = if deflated.len() < entry.data.len() {
            (DEFLATED, deflated.as_slice())
        } else {
            (STORED, entry.data.as_slice())
        };
        let too_big = || format!("{} is larger than a zip without zip64 holds", entry.name);
        let compressed = u32::try_from(body.len()).with_context(too_big)?;
        let size = u32::try_from(entry.data.len()).with_context(too_big)?;
        let offset = u32::try_from(out.len()).with_context(too_big)?;
        let flags = if entry.name.is_ascii() { 0 } else { FLAG_UTF8 };

        put32(&mut out, LOCAL_HEADER);
        put16(&mut out, VERSION_NEEDED);
        put16(&mut out, flags);
        put16(&mut out, method);
        put16(&mut out, DOS_TIME);
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, compressed);
        put32(&mut out, size);
        put16(&mut out, name_len);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(body);

        put32(&mut central, CENTRAL_HEADER);
        put16(&mut central, VERSION_MADE_BY);
        put16(&mut central, VERSION_NEEDED);
        put16(&mut central, flags);
        put16(&mut central, method);
        put16(&mut central, DOS_TIME);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, compressed);
        put32(&mut central, size);
        put16(&mut central, name_len);
        put16(&mut central, 0); // extra field length
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk number start
        put16(&mut central, 0); // internal attributes
        put32(&mut central, UNIX_FILE_MODE << 16);
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let too_big = || "the package is larger than a zip without zip64 holds (4 GiB)".to_string();
    let central_offset = u32::try_from(out.len()).with_context(too_big)?;
    let central_size = u32::try_from(central.len()).with_context(too_big)?;
    let count = u16::try_from(entries.len()).with_context(too_big)?;
    out.extend_from_slice(&central);
    put32(&mut out, END_OF_CENTRAL_DIRECTORY);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk with the central directory
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // comment length
    Ok(out)
}

fn deflate(data: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data).context("deflate failed")?;
    encoder.finish().context("deflate failed")
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}
