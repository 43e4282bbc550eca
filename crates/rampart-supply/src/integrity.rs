//! Release integrity: SHA-256 checksums files and Ed25519 signatures, and
//! grading which downloaded artifacts a learner would install.
//!
//! 1. [`parse_checksums`] reads a checksums file in GNU coreutils format
//!    (`<hex>  <name>` or `<hex> *<name>`, as `sha256sum` writes it:
//!    <https://www.gnu.org/software/coreutils/manual/html_node/md5sum-invocation.html>)
//!    or BSD format (`SHA256 (<name>) = <hex>`, as `shasum --tag` and BSD
//!    `sha256` write it).
//! 2. [`verify_ed25519`] checks a detached Ed25519 signature (RFC 8032)
//!    over the exact bytes of the checksums file, with ed25519-dalek's
//!    `verify_strict` (which also refuses small-order keys and malleable
//!    signatures). Keys and signatures are text: hex or base64, `#` comment
//!    lines ignored; a PEM `PUBLIC KEY` (as `openssl pkey -pubout` writes
//!    it) and signify's two-line format are read too.
//! 3. [`check`] decides, per artifact, whether it can be trusted: only when
//!    the signature verifies (when one is given) and the artifact's SHA-256
//!    equals its line. A checksums file fetched from the same server as
//!    the artifact proves little on its own: on 20 February 2016 attackers
//!    who had taken over the Linux Mint website pointed its download link
//!    at a backdoored ISO (Linux Mint blog, 21 February 2016), and a
//!    checksum published on a site is only as trustworthy as the site. A
//!    signature made with a key you already hold is what an attacker on
//!    that server cannot forge.
//! 4. [`grade_accept`] compares the learner's list of artifacts to install
//!    with those verdicts.

use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::{Finding, InputError, Severity, check_size, sort_findings};

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// One line of a checksums file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecksumEntry {
    /// Lower-case hex SHA-256.
    pub hex: String,
    pub name: String,
    pub line: u32,
}

/// What an all-hex digest of this many digits probably is.
fn digest_by_length(digits: usize) -> Option<&'static str> {
    match digits {
        32 => Some("an MD5"),
        40 => Some("a SHA-1"),
        56 => Some("a SHA-224"),
        96 => Some("a SHA-384"),
        128 => Some("a SHA-512"),
        _ => None,
    }
}

fn check_hex(hex: &str, line: u32) -> Result<String, InputError> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(InputError::new(
            line,
            format!("`{hex}` is not a hex digest: a SHA-256 is 64 hex digits (0-9, a-f)"),
        ));
    }
    if hex.len() != 64 {
        let what = digest_by_length(hex.len())
            .map_or(String::new(), |w| format!(", which looks like {w} digest"));
        return Err(InputError::new(
            line,
            format!(
                "the digest has {} hex digits{what}; a SHA-256 has 64",
                hex.len()
            ),
        ));
    }
    Ok(hex.to_ascii_lowercase())
}

/// Reads a checksums file: GNU lines `<hex>  <name>` / `<hex> *<name>`
/// (a leading `\` marks a name with `\\` and `\n` escapes), BSD lines
/// `SHA256 (<name>) = <hex>`; blank lines and `#` comments are skipped.
pub fn parse_checksums(text: &str) -> Result<Vec<ChecksumEntry>, InputError> {
    check_size("checksums file", text)?;
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let (escaped, l) = match l.strip_prefix('\\') {
            Some(rest) => (true, rest),
            None => (false, l),
        };
        let (hex, name) = if let Some(entry) = bsd_line(l, line)? {
            entry
        } else if let Some((hex, rest)) = l.split_once(' ') {
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) || hex.is_empty() {
                return Err(unreadable_line(line));
            }
            // `  name` (text mode) or ` *name` (binary mode); one space is
            // accepted too, as some tools write it.
            let name = rest
                .strip_prefix(' ')
                .or_else(|| rest.strip_prefix('*'))
                .unwrap_or(rest);
            (check_hex(hex, line)?, name.to_string())
        } else {
            return Err(unreadable_line(line));
        };
        let name = if escaped { unescape(&name) } else { name };
        if name.is_empty() {
            return Err(InputError::new(
                line,
                "the line has a digest but no file name",
            ));
        }
        out.push(ChecksumEntry { hex, name, line });
    }
    if out.is_empty() {
        return Err(InputError::new(
            0,
            "the checksums file lists no files: expected lines like `<64 hex digits>  <file name>`",
        ));
    }
    Ok(out)
}

fn unreadable_line(line: u32) -> InputError {
    InputError::new(
        line,
        "this line is neither `<64 hex digits>  <file name>` (GNU sha256sum) nor \
         `SHA256 (<file name>) = <64 hex digits>` (BSD)",
    )
}

/// A BSD-style line `ALG (name) = hex` (also `ALG(name)= hex`, as OpenSSL
/// writes it); `None` when the line is not in that shape.
fn bsd_line(l: &str, line: u32) -> Result<Option<(String, String)>, InputError> {
    let Some(open) = l.find('(') else {
        return Ok(None);
    };
    let alg = l[..open].trim();
    if alg.is_empty() || !alg.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Ok(None);
    }
    let Some(eq) = l.rfind('=') else {
        return Ok(None);
    };
    let Some(close) = l[..eq].rfind(')') else {
        return Ok(None);
    };
    if close < open || !l[close + 1..eq].trim().is_empty() {
        return Ok(None);
    }
    let upper = alg.to_ascii_uppercase();
    if !matches!(upper.as_str(), "SHA256" | "SHA2-256" | "SHA-256") {
        return Err(InputError::new(
            line,
            format!(
                "this is {alg} line; Rampart checks SHA-256 (`SHA256 (<file name>) = <hex>`)",
                alg = if upper.starts_with(['A', 'E', 'I', 'O', 'U']) {
                    format!("an {alg}")
                } else {
                    format!("a {alg}")
                }
            ),
        ));
    }
    let name = l[open + 1..close].to_string();
    let hex = check_hex(l[eq + 1..].trim(), line)?;
    Ok(Some((hex, name)))
}

/// GNU coreutils escapes: `\\` is a backslash, `\n` a newline.
fn unescape(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut chars = name.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Keys and signatures

/// The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410, section 4):
/// SEQUENCE, AlgorithmIdentifier id-Ed25519 (1.3.101.112), BIT STRING of 32
/// bytes.
const SPKI_ED25519_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];

/// Decodes key or signature text into exactly `len` bytes.
fn decode_material(text: &str, what: &str, len: usize) -> Result<Vec<u8>, InputError> {
    check_size(what, text)?;
    let mut pem = false;
    let mut body = String::new();
    for l in text.lines() {
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with("untrusted comment:") {
            continue;
        }
        if t.starts_with("-----BEGIN") {
            if !t.contains("PUBLIC KEY") {
                return Err(InputError::new(
                    0,
                    format!(
                        "the {what} is a PEM `{}` block; give the public key (`-----BEGIN PUBLIC KEY-----`), never a private key",
                        t.trim_matches('-').trim_start_matches("BEGIN ")
                    ),
                ));
            }
            pem = true;
            continue;
        }
        if t.starts_with("-----END") {
            continue;
        }
        body.extend(t.chars().filter(|c| !c.is_whitespace()));
    }
    if body.is_empty() {
        return Err(InputError::new(0, format!("the {what} file is empty")));
    }
    let hex_expected = len * 2;
    let b64_expected = len.div_ceil(3) * 4;
    let name = if len == 32 {
        "an Ed25519 public key"
    } else {
        "an Ed25519 signature"
    };
    if !pem && body.bytes().all(|b| b.is_ascii_hexdigit()) {
        if body.len() != hex_expected {
            return Err(InputError::new(
                0,
                format!(
                    "the {what} is {} hex digits; {name} is {len} bytes: {hex_expected} hex digits \
                     or {b64_expected} base64 characters",
                    body.len()
                ),
            ));
        }
        return hex::decode(&body)
            .map_err(|e| InputError::new(0, format!("the {what} is not valid hex: {e}")));
    }
    let engines = [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::STANDARD_NO_PAD,
        base64::engine::general_purpose::URL_SAFE,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    let bytes = engines
        .iter()
        .find_map(|e| e.decode(&body).ok())
        .ok_or_else(|| {
            InputError::new(
                0,
                format!(
                    "the {what} is neither hex nor base64: {name} is {len} bytes, written as \
                     {hex_expected} hex digits or {b64_expected} base64 characters"
                ),
            )
        })?;
    if pem {
        return match bytes.strip_prefix(&SPKI_ED25519_PREFIX[..]) {
            Some(key) if key.len() == 32 && len == 32 => Ok(key.to_vec()),
            _ => Err(InputError::new(
                0,
                format!("the {what} is a PEM public key, but not an Ed25519 one"),
            )),
        };
    }
    if bytes.len() == len {
        return Ok(bytes);
    }
    // signify: "Ed", an 8-byte key number, then the key or signature.
    if bytes.len() == len + 10 && bytes.starts_with(b"Ed") {
        return Ok(bytes[10..].to_vec());
    }
    if bytes.len() == len + 10 && bytes.starts_with(b"ED") {
        return Err(InputError::new(
            0,
            format!(
                "the {what} is a minisign pre-hashed (ED) one; Rampart checks plain Ed25519 signatures"
            ),
        ));
    }
    Err(InputError::new(
        0,
        format!(
            "the {what} decodes to {} bytes; {name} is {len} bytes ({hex_expected} hex digits or \
             {b64_expected} base64 characters)",
            bytes.len()
        ),
    ))
}

fn public_key(text: &str) -> Result<VerifyingKey, InputError> {
    let bytes = decode_material(text, "public key", 32)?;
    let mut key = [0u8; 32];
    key.copy_from_slice(&bytes);
    VerifyingKey::from_bytes(&key).map_err(|_| {
        InputError::new(
            0,
            "the public key is 32 bytes but not a point on the Ed25519 curve: it is damaged or not an Ed25519 key",
        )
    })
}

fn signature(text: &str) -> Result<Signature, InputError> {
    let bytes = decode_material(text, "signature", 64)?;
    let mut sig = [0u8; 64];
    sig.copy_from_slice(&bytes);
    Ok(Signature::from_bytes(&sig))
}

/// Whether `signature` is a valid Ed25519 signature of exactly `message`
/// by `public_key` (both given as text: hex or base64). A key or signature
/// that cannot be read is an [`InputError`]; one that reads but does not
/// verify is `Ok(false)`.
pub fn verify_ed25519(
    public_key_text: &str,
    message: &[u8],
    signature_text: &str,
) -> Result<bool, InputError> {
    let key = public_key(public_key_text)?;
    let sig = signature(signature_text)?;
    Ok(key.verify_strict(message, &sig).is_ok())
}

// ---------------------------------------------------------------------------
// Verdicts

/// Whether one downloaded artifact can be trusted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtifactStatus {
    pub name: String,
    /// Lower-case hex SHA-256 of the artifact's bytes.
    pub sha256: String,
    pub trusted: bool,
    /// A sentence naming the file, the line and the exact problem.
    pub reason: String,
    /// The checksums line for this artifact, when there is one.
    pub line: Option<u32>,
}

/// The names the files go by in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileNames<'a> {
    pub checksums: &'a str,
    pub signature: &'a str,
    pub public_key: &'a str,
}

impl Default for FileNames<'_> {
    fn default() -> Self {
        FileNames {
            checksums: "SHA256SUMS",
            signature: "the signature",
            public_key: "the public key",
        }
    }
}

/// Two digests shortened so that they still look different: the first
/// twelve characters when they differ there, else both in full.
pub(crate) fn shown_pair(a: &str, b: &str) -> (String, String) {
    let same = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    if same < 12 && a.len() > 12 && b.len() > 12 && a.is_char_boundary(12) && b.is_char_boundary(12)
    {
        (format!("{}…", &a[..12]), format!("{}…", &b[..12]))
    } else {
        (a.to_string(), b.to_string())
    }
}

/// Where two digests start to differ, in words.
pub(crate) fn first_difference(a: &str, b: &str) -> String {
    let same = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    match same {
        0 => "they differ from the first character".to_string(),
        1 => "they agree on the first character and differ from character 2".to_string(),
        n => format!(
            "they agree on the first {n} characters and differ from character {}",
            n + 1
        ),
    }
}

/// Decides for each artifact (name and bytes) whether it can be trusted:
/// the signature over the checksums file must verify (when `signature` =
/// `(public key text, signature text)` is given) and the artifact's SHA-256
/// must equal its line in the checksums file. Messages call the files
/// `SHA256SUMS`, "the signature" and "the public key"; [`check_named`]
/// takes their real names.
pub fn check(
    artifacts: &[(&str, &[u8])],
    checksums: &str,
    signature: Option<(&str, &str)>,
) -> Result<Vec<ArtifactStatus>, InputError> {
    check_named(artifacts, checksums, signature, FileNames::default())
}

/// [`check`], naming the files as the learner sees them.
pub fn check_named(
    artifacts: &[(&str, &[u8])],
    checksums: &str,
    signature: Option<(&str, &str)>,
    files: FileNames<'_>,
) -> Result<Vec<ArtifactStatus>, InputError> {
    let entries = parse_checksums(checksums).map_err(|e| InputError {
        message: format!("{}: {}", files.checksums, e.message),
        ..e
    })?;
    let signed = match signature {
        Some((key, sig)) => Some(verify_ed25519(key, checksums.as_bytes(), sig)?),
        None => None,
    };
    let sums = files.checksums;
    let mut out = Vec::new();
    for (name, bytes) in artifacts {
        let sha256 = sha256_hex(bytes);
        let exact: Vec<&ChecksumEntry> = entries
            .iter()
            .filter(|e| e.name.strip_prefix("./").unwrap_or(&e.name) == *name)
            .collect();
        let listed: Vec<&ChecksumEntry> = if exact.is_empty() {
            entries
                .iter()
                .filter(|e| e.name.rsplit('/').next() == Some(*name))
                .collect()
        } else {
            exact
        };
        let (trusted, reason, line) = if signed == Some(false) {
            (
                false,
                format!(
                    "{} does not verify with {}, so no line of {sums} can be trusted",
                    files.signature, files.public_key
                ),
                listed.first().map(|e| e.line),
            )
        } else if listed.is_empty() {
            (
                false,
                format!("`{name}` is not listed in {sums}, so nothing vouches for it"),
                None,
            )
        } else if listed.iter().any(|e| e.hex != listed[0].hex) {
            let lines: Vec<String> = listed.iter().map(|e| e.line.to_string()).collect();
            (
                false,
                format!(
                    "{sums} lists `{name}` more than once with different hashes (lines {}), so it cannot say which file is genuine",
                    lines.join(" and ")
                ),
                Some(listed[0].line),
            )
        } else if listed[0].hex != sha256 {
            let e = listed[0];
            let (actual, expected) = shown_pair(&sha256, &e.hex);
            (
                false,
                format!(
                    "`{name}` has SHA-256 {actual} but {sums} line {} lists {expected}: {}",
                    e.line,
                    first_difference(&sha256, &e.hex)
                ),
                Some(e.line),
            )
        } else {
            let e = listed[0];
            let how = match signed {
                Some(_) => format!(
                    ", and {} verifies with {}",
                    files.signature, files.public_key
                ),
                None => format!(
                    " (nothing signs {sums}, so this only shows the download is the file the list names)"
                ),
            };
            (
                true,
                format!("`{name}` matches {sums} line {}{how}", e.line),
                Some(e.line),
            )
        };
        out.push(ArtifactStatus {
            name: (*name).to_string(),
            sha256,
            trusted,
            reason,
            line,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Grading the learner's answer

/// The artifact names the learner would install: one a line, `#`
/// comments and blank lines ignored.
fn answer_names(answer: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for (i, raw) in answer.lines().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut t = raw.trim();
        if let Some(at) = t.find(" #") {
            t = &t[..at];
        }
        if t.starts_with('#') {
            continue;
        }
        let t = t
            .trim()
            .trim_start_matches("- ")
            .trim_start_matches("* ")
            .trim();
        let t = t.strip_prefix("./").unwrap_or(t);
        if !t.is_empty() {
            out.push((line, t.to_string()));
        }
    }
    out
}

/// The closest artifact name to a mistyped one, if any is close.
fn closest<'a>(name: &str, statuses: &'a [ArtifactStatus]) -> Option<&'a str> {
    statuses
        .iter()
        .map(|s| (edit_distance(name, &s.name), s.name.as_str()))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Longest line read as a file name; a longer one is reported, not compared.
const MAX_NAME: usize = 255;

/// Grades the learner's list of artifacts to install against the verdicts
/// of [`check`]: installing an untrusted artifact, leaving out a trusted
/// one, or naming a file that is not an artifact are errors; every artifact
/// judged right gets an `integrity/correct` note.
pub fn grade_accept(statuses: &[ArtifactStatus], answer: &str) -> Vec<Finding> {
    if let Err(e) = crate::check_size("list of files to install", answer) {
        return vec![e.into_finding("integrity")];
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (line, name) in answer_names(answer) {
        if !seen.insert(name.clone()) {
            continue;
        }
        match statuses.iter().find(|s| s.name == name) {
            None if name.len() > MAX_NAME => out.push(
                Finding::new(
                    "integrity/unknown-artifact",
                    Severity::Error,
                    line,
                    format!("line {line} is {} characters long: that is not the name of a downloaded file", name.len()),
                )
                .fix("Write each artifact's file name exactly as it is downloaded, one per line."),
            ),
            None => {
                let all: Vec<String> = statuses.iter().map(|s| format!("`{}`", s.name)).collect();
                let hint = closest(&name, statuses).map_or(String::new(), |c| format!(" Did you mean `{c}`?"));
                out.push(
                    Finding::new(
                        "integrity/unknown-artifact",
                        Severity::Error,
                        line,
                        format!("`{name}` is not one of the downloaded artifacts ({}).{hint}", all.join(", ")),
                    )
                    .why("The list must name the exact files you would install, so each one can be checked.")
                    .fix("Write each artifact's file name exactly as it is downloaded, one per line."),
                );
            }
            Some(s) if !s.trusted => out.push(
                Finding::new("integrity/accepted-untrusted", Severity::Error, line, s.reason.clone())
                    .why(
                        "A digest that differs means different bytes: a corrupted download, a \
                         compromised mirror or a substituted file. A checksums list whose signature \
                         fails may have been rewritten by whoever substituted the file, as anyone who \
                         controls the download site can (Linux Mint's site was, in February 2016).",
                    )
                    .fix(format!("Remove `{}` from the list; download it again from the official source and check it before installing.", s.name)),
            ),
            Some(s) => out.push(Finding::new(
                "integrity/correct",
                Severity::Info,
                line,
                format!("Installing is right: {}.", s.reason),
            )),
        }
    }
    for s in statuses.iter().filter(|s| !seen.contains(&s.name)) {
        if s.trusted {
            out.push(
                Finding::new(
                    "integrity/rejected-trusted",
                    Severity::Error,
                    0,
                    format!("`{}` is genuine but not in your list: {}", s.name, s.reason),
                )
                .why("Refusing everything is not verification: the point is to install what checks out and only that.")
                .fix(format!("Add `{}` to the list.", s.name)),
            );
        } else {
            out.push(Finding::new(
                "integrity/correct",
                Severity::Info,
                0,
                format!("Leaving out `{}` is right: {}.", s.name, s.reason),
            ));
        }
    }
    sort_findings(&mut out);
    out
}
