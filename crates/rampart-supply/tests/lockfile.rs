//! Lockfiles: Cargo.lock and package-lock.json, and refusing everything
//! else with a message that says what the file is.

use rampart_supply::InputError;
use rampart_supply::lockfile::{self, Ecosystem, Lockfile, LockfileKind, Package};

const CARGO_LOCK: &str = include_str!("fixtures/lockfile/Cargo.lock");
const CARGO_LOCK_V4: &str = include_str!("fixtures/lockfile/Cargo-v4.lock");
const PACKAGE_LOCK: &str = include_str!("fixtures/lockfile/package-lock.json");
const PACKAGE_LOCK_V2: &str = include_str!("fixtures/lockfile/package-lock-v2.json");

#[track_caller]
fn parse(name: &str, text: &str) -> Lockfile {
    lockfile::parse(name, text).unwrap_or_else(|e| panic!("{name} should parse: {e}"))
}

#[track_caller]
fn refuse(name: &str, text: &str) -> InputError {
    match lockfile::parse(name, text) {
        Ok(l) => panic!(
            "{name} should be refused, got {} packages",
            l.packages.len()
        ),
        Err(e) => e,
    }
}

#[track_caller]
fn package<'a>(lock: &'a Lockfile, name: &str, version: &str) -> &'a Package {
    lock.packages
        .iter()
        .find(|p| p.name == name && p.version == version)
        .unwrap_or_else(|| panic!("{name} {version} not in the lockfile"))
}

/// 1-based line of the first line containing `needle` after the first
/// line containing `after`.
#[track_caller]
fn line_of(text: &str, after: &str, needle: &str) -> u32 {
    let start = text
        .lines()
        .position(|l| l.contains(after))
        .expect("anchor");
    let i = text
        .lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i)
        .expect("needle");
    u32::try_from(i + 1).expect("line")
}

mod cargo {
    use super::*;

    #[test]
    fn reads_every_package_of_a_version_3_lockfile() {
        let lock = parse("Cargo.lock", CARGO_LOCK);
        assert_eq!(lock.kind, LockfileKind::CargoLock);
        assert_eq!(lock.ecosystem(), Ecosystem::CratesIo);
        let names: Vec<String> = lock
            .packages
            .iter()
            .map(|p| format!("{} {}", p.name, p.version))
            .collect();
        assert_eq!(
            names,
            [
                "atty 0.2.14",
                "bytes 1.0.0",
                "fnv 1.0.7",
                "hermit-abi 0.1.17",
                "http 0.2.2",
                "itoa 0.4.7",
                "libc 0.2.81",
                "log-shipper 0.1.0",
                "maybe-uninit 2.0.0",
                "shipper-core 0.1.0",
                "smallvec 0.6.13",
                "smallvec 1.6.0",
                "time 0.1.43",
                "winapi 0.3.9",
                "winapi-i686-pc-windows-gnu 0.4.0",
                "winapi-x86_64-pc-windows-gnu 0.4.0",
            ]
        );
    }

    #[test]
    fn registry_packages_carry_source_and_sha256_checksum() {
        let lock = parse("Cargo.lock", CARGO_LOCK);
        let time = package(&lock, "time", "0.1.43");
        assert_eq!(time.ecosystem, Ecosystem::CratesIo);
        assert_eq!(
            time.source.as_deref(),
            Some("registry+https://github.com/rust-lang/crates.io-index")
        );
        let sum = time.checksum.as_ref().expect("checksum");
        assert_eq!(sum.algorithm, "SHA-256");
        assert_eq!(
            sum.hex,
            "ca8a50ef2360fbd1eeb0ecd46795a87a19024eb4b53c5dc916ca1fd95fe62438"
        );
    }

    #[test]
    fn the_root_and_path_packages_have_no_source_or_checksum() {
        let lock = parse("Cargo.lock", CARGO_LOCK);
        for name in ["log-shipper", "shipper-core"] {
            let p = package(&lock, name, "0.1.0");
            assert_eq!((&p.source, &p.checksum), (&None, &None), "{name}");
        }
    }

    #[test]
    fn a_package_line_is_the_line_of_its_version() {
        let lock = parse("Cargo.lock", CARGO_LOCK);
        let small = package(&lock, "smallvec", "1.6.0");
        assert_eq!(
            small.line,
            line_of(CARGO_LOCK, "name = \"smallvec\"", "version = \"1.6.0\"")
        );
        let atty = package(&lock, "atty", "0.2.14");
        assert_eq!(atty.line, 7);
    }

    #[test]
    fn version_4_with_git_and_path_packages() {
        let lock = parse("Cargo.lock", CARGO_LOCK_V4);
        assert_eq!(lock.packages.len(), 6);
        let log = package(&lock, "log", "0.4.22");
        assert!(
            log.source
                .as_deref()
                .is_some_and(|s| s.starts_with("git+https://"))
        );
        assert_eq!(log.checksum, None);
        let serde = package(&lock, "serde", "1.0.219");
        assert_eq!(
            serde.checksum.as_ref().map(|c| c.hex.as_str()),
            Some("5f0e2c6ed6606019b4e29e69dbaba95b11854410e5347d525002456dbbb786b6")
        );
        assert_eq!(package(&lock, "report-macros", "0.3.0").source, None);
    }

    #[test]
    fn format_2_without_a_version_key_is_read_too() {
        let v2 = CARGO_LOCK.replace("version = 3\n", "");
        assert_eq!(parse("Cargo.lock", &v2).packages.len(), 16);
    }

    #[test]
    fn the_content_decides_not_the_file_name() {
        let lock = parse("package-lock.json", CARGO_LOCK);
        assert_eq!(lock.kind, LockfileKind::CargoLock);
        let lock = parse("Cargo.lock", PACKAGE_LOCK);
        assert_eq!(lock.kind, LockfileKind::PackageLockV3);
    }

    #[test]
    fn format_1_and_unknown_versions_are_refused() {
        let v1 = "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[metadata]\n\"checksum a 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)\" = \"0000000000000000000000000000000000000000000000000000000000000000\"\n";
        let e = refuse("Cargo.lock", v1);
        assert!(e.message.contains("old version 1 format"), "{e}");
        let v5 = CARGO_LOCK.replace("version = 3", "version = 5");
        let e = refuse("Cargo.lock", &v5);
        assert_eq!(e.line, 3);
        assert!(e.message.contains("versions 2, 3 and 4"), "{e}");
    }

    #[test]
    fn a_bad_checksum_is_refused_at_its_line() {
        let text = CARGO_LOCK.replace(
            "ca8a50ef2360fbd1eeb0ecd46795a87a19024eb4b53c5dc916ca1fd95fe62438",
            "ca8a50ef",
        );
        let e = refuse("Cargo.lock", &text);
        assert_eq!(e.line, line_of(&text, "name = \"time\"", "checksum"));
        insta::assert_snapshot!(e.message, @"the checksum of time 0.1.43 is not a SHA-256 hash (64 hex digits): `ca8a50ef`");
    }

    #[test]
    fn missing_fields_and_wrong_types_are_refused() {
        let e = refuse("Cargo.lock", "version = 3\n\n[[package]]\nname = \"a\"\n");
        assert!(e.message.contains("for a has no `version`"), "{e}");
        assert_eq!(e.line, 4);
        let e = refuse(
            "Cargo.lock",
            "version = 3\n\n[[package]]\nversion = \"1.0.0\"\n",
        );
        assert!(e.message.contains("no `name`"), "{e}");
        let e = refuse(
            "Cargo.lock",
            "version = 3\n\n[[package]]\nname = \"a\"\nversion = 1\n",
        );
        assert!(e.message.contains("`version` must be a string"), "{e}");
        assert_eq!(e.line, 5);
    }

    #[test]
    fn toml_syntax_errors_give_the_line() {
        let text = CARGO_LOCK.replace("name = \"fnv\"", "name = \"fnv");
        let e = refuse("Cargo.lock", &text);
        assert_eq!(e.line, line_of(CARGO_LOCK, "name = \"fnv\"", "fnv"));
        assert!(
            e.message.starts_with("this Cargo.lock is not valid TOML"),
            "{e}"
        );
    }
}

mod npm {
    use super::*;

    #[test]
    fn reads_a_version_3_lockfile_with_scoped_nested_and_workspace_packages() {
        let lock = parse("package-lock.json", PACKAGE_LOCK);
        assert_eq!(lock.kind, LockfileKind::PackageLockV3);
        assert_eq!(lock.ecosystem(), Ecosystem::Npm);
        let names: Vec<String> = lock
            .packages
            .iter()
            .map(|p| format!("{} {}", p.name, p.version))
            .collect();
        // The root "" entry and the `link: true` entry are skipped; the
        // workspace folder is the project's own package.
        assert_eq!(
            names,
            [
                "@types/ms 2.1.0",
                "ip 1.1.5",
                "lodash 4.17.15",
                "minimist 1.2.5",
                "node-fetch 2.6.1",
                "optimist 0.6.1",
                "minimist 0.0.10",
                "wordwrap 0.0.3",
                "relay-cli 0.1.0",
            ]
        );
        let cli = package(&lock, "relay-cli", "0.1.0");
        assert_eq!((&cli.source, &cli.checksum), (&None, &None));
    }

    #[test]
    fn integrity_becomes_hex_of_the_strongest_hash() {
        let lock = parse("package-lock.json", PACKAGE_LOCK);
        let lodash = package(&lock, "lodash", "4.17.15");
        let sum = lodash.checksum.as_ref().expect("integrity");
        assert_eq!(sum.algorithm, "SHA-512");
        assert_eq!(sum.hex.len(), 128);
        assert!(sum.hex.starts_with("f3139c447bc28e7a"), "{}", sum.hex);
        // Old packages still carry sha1 integrity; ip 1.1.5's matches the
        // sha1 in yarn's resolved URL (#bdded70114290828c0a039e72ef25f5aaec4354a).
        let ip = package(&lock, "ip", "1.1.5");
        let sum = ip.checksum.as_ref().expect("integrity");
        assert_eq!(sum.algorithm, "SHA-1");
        assert_eq!(sum.hex, "bdded70114290828c0a039e72ef25f5aaec4354a");
        assert_eq!(
            ip.source.as_deref(),
            Some("https://registry.npmjs.org/ip/-/ip-1.1.5.tgz")
        );
    }

    #[test]
    fn lines_point_at_the_version_of_each_entry() {
        let lock = parse("package-lock.json", PACKAGE_LOCK);
        let nested = package(&lock, "minimist", "0.0.10");
        assert_eq!(
            nested.line,
            line_of(
                PACKAGE_LOCK,
                "\"node_modules/optimist/node_modules/minimist\"",
                "\"version\""
            )
        );
        let scoped = package(&lock, "@types/ms", "2.1.0");
        assert_eq!(scoped.line, 26);
    }

    #[test]
    fn version_2_lockfiles_are_read_from_packages() {
        let lock = parse("package-lock.json", PACKAGE_LOCK_V2);
        assert_eq!(lock.kind, LockfileKind::PackageLockV2);
        assert_eq!(lock.packages.len(), 2);
        assert_eq!(
            package(&lock, "lodash", "4.17.21")
                .checksum
                .as_ref()
                .map(|c| c.hex.len()),
            Some(128)
        );
    }

    #[test]
    fn several_hashes_in_integrity_keep_the_strongest() {
        let text = r#"{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0",
            "integrity": "sha1-3j+YVD2/lggr5IrRoMfNqDYwHc8= sha512-FM9nNUYrRBAELZQT3xeZQ7fmMOBg6nWNmJKTcgsJeaLstP/UODVpGsr5OhXhhXg6f+qtJ8uiZ+PUxkDWcgIXLw=="}}}"#;
        let lock = parse("package-lock.json", text);
        assert_eq!(
            lock.packages[0]
                .checksum
                .as_ref()
                .map(|c| c.algorithm.as_str()),
            Some("SHA-512")
        );
    }

    #[test]
    fn an_alias_entry_is_named_after_the_real_package() {
        let text = r#"{"lockfileVersion": 3, "packages": {"node_modules/old-lodash": {"name": "lodash", "version": "4.17.15"}}}"#;
        let lock = parse("package-lock.json", text);
        assert_eq!(lock.packages[0].name, "lodash");
    }

    #[test]
    fn broken_entries_are_refused_with_their_line() {
        let e = refuse(
            "package-lock.json",
            "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/a\": {\"version\": \"1.0.0\",\n \"integrity\": \"sha512-not*base64\"}}}",
        );
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("\"integrity\" of \"node_modules/a\""),
            "{e}"
        );
        let e = refuse(
            "package-lock.json",
            "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/a\": {\"resolved\": \"x\"}}}",
        );
        assert_eq!(e.line, 2);
        assert!(e.message.contains("has no \"version\""), "{e}");
        let e = refuse(
            "package-lock.json",
            "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/a\": {\"version\": \"1.0.0\", \"integrity\": \"sha512-AAAA\"}}}",
        );
        assert!(e.message.contains("decodes to 3 bytes"), "{e}");
        let e = refuse("package-lock.json", "{\"lockfileVersion\": 3}");
        assert!(e.message.contains("no \"packages\" object"), "{e}");
    }

    #[test]
    fn malformed_json_is_reported_as_such() {
        let e = refuse(
            "package-lock.json",
            "{\"lockfileVersion\": 3,\n \"packages\": {,}}",
        );
        assert_eq!(e.line, 2);
        assert!(e.message.starts_with("this JSON is not well-formed"), "{e}");
        let e = refuse("package-lock.json", "[1, 2]");
        assert!(e.message.contains("holds an array at the top"), "{e}");
    }
}

mod other_files {
    use super::*;

    #[track_caller]
    fn says(name: &str, text: &str, expected: &str) {
        let e = refuse(name, text);
        assert!(
            e.message.contains(expected),
            "{name}: expected the message to contain {expected:?}, got {:?}",
            e.message
        );
        assert!(
            e.message.contains("Cargo.lock") && e.message.contains("package-lock.json"),
            "{name}: the message should say what Rampart reads: {}",
            e.message
        );
    }

    #[test]
    fn lockfiles_and_manifests_of_other_tools_are_named() {
        let dir = "fixtures/lockfile/other-tools";
        let read = |f: &str| {
            std::fs::read_to_string(format!("{}/tests/{dir}/{f}", env!("CARGO_MANIFEST_DIR")))
                .expect("fixture")
        };
        says("yarn.lock", &read("yarn.lock"), "yarn.lock");
        // Content alone gives them away, whatever the file is called.
        says("lockfile", &read("yarn.lock"), "yarn.lock");
        says("lockfile", &read("yarn-berry.lock"), "yarn.lock");
        says("lockfile", &read("pnpm-lock.yaml"), "pnpm-lock.yaml");
        says("lockfile", &read("Cargo.toml"), "Cargo.toml (the manifest)");
        says(
            "lockfile",
            &read("package.json"),
            "package.json (npm's manifest)",
        );
        says("lockfile", &read("requirements.txt"), "requirements.txt");
        says("lockfile", &read("poetry.lock"), "poetry.lock");
        let e = refuse("package-lock.json", &read("package-lock-v1.json"));
        assert_eq!(e.line, 4);
        insta::assert_snapshot!(e.message, @"this is an npm lockfileVersion 1 file (written by npm 6 or older); Rampart reads lockfileVersion 2 and 3: regenerate it with npm 7 or later (`npm install --package-lock-only`)");
    }

    #[test]
    fn other_json_documents_are_named() {
        says(
            "x.json",
            r#"{"bomFormat": "CycloneDX", "specVersion": "1.6"}"#,
            "CycloneDX SBOM",
        );
        says(
            "x.json",
            r#"{"id": "GHSA-x", "affected": []}"#,
            "OSV advisory",
        );
        says("x.json", r#"{"_meta": {}, "default": {}}"#, "Pipfile.lock");
        says(
            "x.json",
            r#"{"packages": [], "content-hash": "x"}"#,
            "composer.lock",
        );
        says(
            "x.json",
            r#"{"hello": "world"}"#,
            "without a lockfileVersion",
        );
        says(
            "x.json",
            r#"{"lockfileVersion": 9, "packages": {}}"#,
            "lockfileVersion 9",
        );
    }

    #[test]
    fn garbage_empty_and_binary_files() {
        let notes = "this is not a lockfile at all, just some notes\nabout the release\n";
        says(
            "notes.txt",
            notes,
            "neither JSON (package-lock.json) nor TOML (Cargo.lock)",
        );
        says("Cargo.lock", "", "the file is empty");
        says("Cargo.lock", "  \n\t\n", "the file is empty");
        says("Cargo.lock", "\u{0}\u{1}ELF\u{0}\u{0}", "binary file");
        says(
            "x.toml",
            "[tool.black]\nline-length = 100\n",
            "pyproject.toml",
        );
        says(
            "x.toml",
            "title = \"not a lockfile\"\n",
            "no [[package]] entries",
        );
    }

    #[test]
    fn ten_megabytes_of_junk_is_refused_by_size() {
        let junk = "x".repeat(10 * 1024 * 1024);
        let e = refuse("Cargo.lock", &junk);
        assert!(
            e.message
                .contains("10.0 MiB; Rampart reads files up to 8 MiB"),
            "{e}"
        );
    }

    #[test]
    fn junk_just_under_the_limit_is_refused_quickly_and_without_a_panic() {
        let junk: String = (0..7 * 1024 * 1024)
            .map(|i| (b'!' + (i % 90) as u8) as char)
            .collect();
        let start = std::time::Instant::now();
        refuse("Cargo.lock", &junk);
        refuse("package-lock.json", &format!("{{{junk}"));
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    }
}

mod scale {
    use super::*;

    #[test]
    fn large_valid_lockfiles_parse_in_linear_time() {
        let mut cargo = String::from("version = 4\n");
        let mut npm =
            String::from("{\"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"big\"}");
        for i in 0..20_000 {
            cargo.push_str(&format!(
                "\n[[package]]\nname = \"crate-{i}\"\nversion = \"1.0.{i}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"{:064x}\"\n",
                i
            ));
            npm.push_str(&format!(
                ",\n\"node_modules/pkg-{i}\": {{\"version\": \"1.0.{i}\", \"resolved\": \"https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.0.{i}.tgz\", \"integrity\": \"sha512-FM9nNUYrRBAELZQT3xeZQ7fmMOBg6nWNmJKTcgsJeaLstP/UODVpGsr5OhXhhXg6f+qtJ8uiZ+PUxkDWcgIXLw==\"}}"
            ));
        }
        npm.push_str("}}");
        let start = std::time::Instant::now();
        let c = parse("Cargo.lock", &cargo);
        let n = parse("package-lock.json", &npm);
        assert_eq!((c.packages.len(), n.packages.len()), (20_000, 20_000));
        assert_eq!(c.packages[19_999].line, 6 * 19_999 + 5);
        assert_eq!(n.packages[19_999].line, 20_001);
        assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
    }
}

mod purls {
    use super::*;

    fn pkg(eco: Ecosystem, name: &str, version: &str) -> Package {
        Package {
            name: name.into(),
            version: version.into(),
            ecosystem: eco,
            checksum: None,
            source: None,
            line: 0,
        }
    }

    #[test]
    fn purls_follow_the_purl_spec() {
        let cases = [
            (
                Ecosystem::CratesIo,
                "serde",
                "1.0.1",
                "pkg:cargo/serde@1.0.1",
            ),
            (
                Ecosystem::Npm,
                "lodash",
                "4.17.21",
                "pkg:npm/lodash@4.17.21",
            ),
            (
                Ecosystem::Npm,
                "@babel/core",
                "7.0.0",
                "pkg:npm/%40babel/core@7.0.0",
            ),
            (
                Ecosystem::PyPI,
                "Django_REST",
                "3.0",
                "pkg:pypi/django-rest@3.0",
            ),
            (
                Ecosystem::CratesIo,
                "wasi",
                "0.9.0+wasi-snapshot-preview1",
                "pkg:cargo/wasi@0.9.0%2Bwasi-snapshot-preview1",
            ),
        ];
        for (eco, name, version, expected) in cases {
            assert_eq!(lockfile::purl(&pkg(eco, name, version)), expected);
        }
    }

    #[test]
    fn ecosystem_names() {
        assert_eq!(Ecosystem::CratesIo.osv_name(), "crates.io");
        assert_eq!(Ecosystem::Npm.purl_type(), "npm");
        assert_eq!(Ecosystem::from_osv_name("PyPI"), Some(Ecosystem::PyPI));
        assert_eq!(Ecosystem::from_osv_name("Go"), None);
        assert_eq!(
            Ecosystem::PyPI.normalize_name("Foo__Bar.baz"),
            "foo-bar-baz"
        );
        assert_eq!(Ecosystem::CratesIo.normalize_name("Foo_Bar"), "Foo_Bar");
    }
}

mod hostile {
    use super::*;

    #[test]
    fn deeply_nested_toml_and_json_are_refused_without_overflowing_the_stack() {
        let toml = format!("a = {}", "[".repeat(1_000_000));
        refuse("Cargo.lock", &toml);
        let inline = format!("a = {}", "{b = ".repeat(300_000));
        refuse("Cargo.lock", &inline);
        let json = format!(
            "{{\"lockfileVersion\": 3, \"packages\": {}",
            "[".repeat(1_000_000)
        );
        let e = refuse("package-lock.json", &json);
        assert!(e.message.contains("nested more than 256 levels"), "{e}");
    }
}

mod never_panics {
    use super::*;

    /// Every prefix of every fixture, and every fixture with one character
    /// replaced by a troublesome one: each is parsed or refused, never a
    /// panic.
    #[test]
    fn truncated_and_mutated_lockfiles() {
        for (name, text) in [
            ("Cargo.lock", CARGO_LOCK),
            ("Cargo.lock", CARGO_LOCK_V4),
            ("package-lock.json", PACKAGE_LOCK),
            ("package-lock.json", PACKAGE_LOCK_V2),
        ] {
            for (i, _) in text.char_indices() {
                let _ = lockfile::parse(name, &text[..i]);
            }
            for (i, c) in text.char_indices().step_by(7) {
                for bad in ["\"", "{", "]", "\\", "\u{0}", "é", "\n", "=", "#"] {
                    let mutated = format!("{}{bad}{}", &text[..i], &text[i + c.len_utf8()..]);
                    let _ = lockfile::parse(name, &mutated);
                }
            }
        }
    }
}
