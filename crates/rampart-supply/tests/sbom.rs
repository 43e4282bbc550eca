//! CycloneDX SBOMs: the schema checks against CycloneDX's own test
//! vectors, purls, and agreement with a lockfile.

use rampart_supply::lockfile::{self, Lockfile};
use rampart_supply::sbom;
use rampart_supply::{Finding, Severity};

const CARGO_LOCK: &str = include_str!("fixtures/lockfile/Cargo.lock");
const PACKAGE_LOCK: &str = include_str!("fixtures/lockfile/package-lock.json");
const CARGO_BOM: &str = include_str!("fixtures/sbom/log-shipper.cdx.json");
const NPM_BOM: &str = include_str!("fixtures/sbom/webhook-relay.cdx.json");

fn cargo_lock() -> Lockfile {
    lockfile::parse("Cargo.lock", CARGO_LOCK).expect("lockfile")
}

fn npm_lock() -> Lockfile {
    lockfile::parse("package-lock.json", PACKAGE_LOCK).expect("lockfile")
}

#[track_caller]
fn audit(text: &str, lock: Option<&Lockfile>) -> Vec<Finding> {
    sbom::audit(text, lock).unwrap_or_else(|e| panic!("{e}"))
}

fn rules(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{} {}", f.rule, f.line))
        .collect()
}

#[track_caller]
fn only<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    let matching: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(matching.len(), 1, "expected one {rule} in {:#?}", findings);
    matching[0]
}

/// Replaces `from` (which must occur exactly once) with `to`.
#[track_caller]
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

/// 1-based line of the first line containing `needle`.
#[track_caller]
fn line_of(text: &str, needle: &str) -> u32 {
    let i = text
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle");
    u32::try_from(i + 1).expect("line")
}

mod cyclonedx_test_vectors {
    use super::*;

    fn vectors(prefix: &str) -> Vec<(String, String)> {
        let dir = format!(
            "{}/tests/fixtures/sbom/cyclonedx-1.6",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("vectors")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(prefix) && n.ends_with(".json"))
            .map(|n| {
                let text = std::fs::read_to_string(format!("{dir}/{n}")).expect("vector");
                (n, text)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_valid_vector_passes_the_schema_checks() {
        let valid = vectors("valid-");
        assert_eq!(valid.len(), 14);
        for (name, text) in valid {
            let findings = audit(&text, None);
            let schema: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.rule == "sbom/schema")
                .collect();
            assert!(schema.is_empty(), "{name}: {schema:#?}");
            // Nor does anything else fire: their purls and hashes are sound.
            assert!(findings.is_empty(), "{name}: {findings:#?}");
        }
    }

    /// Every invalid vector, the line the schema error must point at, and
    /// a phrase of its message. No vector is a known gap: each is about
    /// something the structural checks cover (the timestamp one is
    /// invalid only through `format: date-time`, which Rampart checks).
    const INVALID: &[(&str, u32, &str)] = &[
        (
            "invalid-bomformat-1.6.json",
            3,
            "bomFormat is \"AnotherFormat\"",
        ),
        (
            "invalid-component-type-1.6.json",
            9,
            "components[0].type is \"foo\"",
        ),
        (
            "invalid-dependency-1.6.json",
            28,
            "dependencies[0] has no \"ref\"",
        ),
        (
            "invalid-empty-component-1.6.json",
            8,
            "components[0] has no \"name\"",
        ),
        (
            "invalid-hash-alg-1.6.json",
            15,
            "components[0].hashes[0].alg is \"FOO\"",
        ),
        (
            "invalid-hash-md5-1.6.json",
            16,
            "components[0].hashes[0].content \"foo\"",
        ),
        (
            "invalid-hash-sha256-1.6.json",
            24,
            "components[0].hashes[2].content \"foo\"",
        ),
        (
            "invalid-license-id-1.6.json",
            17,
            "license.id \"Apache-2\" is not an SPDX license id",
        ),
        (
            "invalid-license-missing-id-and-name-1.6.json",
            15,
            "has neither \"id\" nor \"name\"",
        ),
        (
            "invalid-metadata-timestamp-1.6.json",
            8,
            "not an RFC 3339 date-time",
        ),
        (
            "invalid-missing-component-type-1.6.json",
            8,
            "components[0] has no \"type\"",
        ),
        (
            "invalid-scope-1.6.json",
            12,
            "components[0].scope is \"foo\"",
        ),
        (
            "invalid-serialnumber-1.6.json",
            5,
            "serialNumber \"urn:uuid:3e671687-395b-41f5-a30f\"",
        ),
    ];

    #[test]
    fn every_invalid_vector_fails_at_the_offending_line() {
        let invalid = vectors("invalid-");
        assert_eq!(
            invalid.len(),
            INVALID.len(),
            "a new vector needs an entry here"
        );
        for (name, text) in invalid {
            let (_, line, phrase) = INVALID
                .iter()
                .find(|(n, _, _)| *n == name)
                .unwrap_or_else(|| panic!("{name} has no expectation"));
            let findings = audit(&text, None);
            let hit = findings
                .iter()
                .find(|f| f.rule == "sbom/schema" && f.message.contains(phrase));
            let Some(hit) = hit else {
                panic!("{name}: no sbom/schema finding containing {phrase:?} in {findings:#?}");
            };
            assert_eq!(hit.line, *line, "{name}: {}", hit.message);
            assert_eq!(hit.severity, Severity::Error);
            assert!(!hit.why.is_empty() && !hit.fix.is_empty(), "{name}");
        }
    }

    #[test]
    fn the_dependency_vector_has_a_second_error_for_the_empty_ref() {
        let text = vectors("invalid-dependency").remove(0).1;
        let findings = audit(&text, None);
        let empty = findings
            .iter()
            .find(|f| f.message.contains("dependencies[1].ref is empty"))
            .expect("empty ref");
        assert_eq!(empty.line, 32);
    }

    #[test]
    fn a_near_miss_license_id_gets_a_suggestion() {
        let text = vectors("invalid-license-id").remove(0).1;
        let findings = audit(&text, None);
        assert!(
            findings[0].fix.contains("Did you mean \"Apache-2.0\"?"),
            "{}",
            findings[0].fix
        );
    }
}

mod schema {
    use super::*;

    const MINIMAL: &str = "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n  \"version\": 1,\n  \"components\": [\n    {\n      \"type\": \"library\",\n      \"name\": \"a\"\n    }\n  ]\n}";

    #[test]
    fn the_minimal_document_is_clean() {
        assert!(audit(MINIMAL, None).is_empty());
    }

    #[test]
    fn required_top_level_fields_and_supported_versions() {
        let f = audit("{}", None);
        assert_eq!(
            f.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(),
            [
                "the BOM has no \"bomFormat\"; the schema requires it.",
                "the BOM has no \"specVersion\"; the schema requires it."
            ]
        );
        let f = audit(&edit(MINIMAL, "\"1.6\"", "\"1.4\""), None);
        assert!(
            only(&f, "sbom/schema")
                .message
                .contains("Rampart validates CycloneDX 1.5 and 1.6")
        );
        let f = audit(&edit(MINIMAL, "\"version\": 1", "\"version\": 0"), None);
        assert_eq!(only(&f, "sbom/schema").line, 4);
        let f = audit(&edit(MINIMAL, "\"version\": 1", "\"version\": \"1\""), None);
        assert!(only(&f, "sbom/schema").message.contains("found a string"));
    }

    #[test]
    fn unknown_keys_are_reported_at_the_key() {
        let text = edit(
            MINIMAL,
            "\"name\": \"a\"",
            "\"name\": \"a\",\n      \"checksum\": \"abc\"",
        );
        let f = audit(&text, None);
        let hit = only(&f, "sbom/schema");
        assert_eq!((hit.line, hit.column), (9, Some(7)));
        insta::assert_snapshot!(hit.message, @r#"components[0] has the key "checksum", which CycloneDX 1.6 does not define."#);
        assert!(
            hit.fix
                .starts_with("Remove \"checksum\" or fix its spelling"),
            "{}",
            hit.fix
        );
    }

    #[test]
    fn keys_added_in_1_6_are_refused_in_a_1_5_document() {
        let text = edit(
            MINIMAL,
            "\"name\": \"a\"",
            "\"name\": \"a\",\n      \"tags\": [\"x\"]",
        );
        assert!(audit(&text, None).is_empty());
        let f = audit(&edit(&text, "\"1.6\"", "\"1.5\""), None);
        assert!(
            only(&f, "sbom/schema")
                .message
                .ends_with("(it was added in CycloneDX 1.6).")
        );
        let crypto = edit(MINIMAL, "\"library\"", "\"cryptographic-asset\"");
        assert!(audit(&crypto, None).is_empty());
        assert_eq!(
            rules(&audit(&edit(&crypto, "\"1.6\"", "\"1.5\""), None)),
            ["sbom/schema 7"]
        );
    }

    #[test]
    fn types_enums_and_patterns() {
        let cases = [
            (
                "\"name\": \"a\"",
                "\"name\": 7",
                "components[0].name must be a string, found a number.",
            ),
            (
                "\"type\": \"library\"",
                "\"type\": \"Library\"",
                "components[0].type is \"Library\"",
            ),
            (
                "\"name\": \"a\"",
                "\"name\": \"a\", \"mime-type\": \"Text/Plain\"",
                "is not a lowercase type/subtype",
            ),
            (
                "\"name\": \"a\"",
                "\"name\": \"a\", \"modified\": \"no\"",
                "must be true or false",
            ),
            (
                "\"name\": \"a\"",
                "\"name\": \"a\", \"hashes\": {}",
                "components[0].hashes must be an array",
            ),
            (
                "\"name\": \"a\"",
                "\"name\": \"a\", \"externalReferences\": [{\"type\": \"homepage\", \"url\": \"https://x\"}]",
                "externalReferences[0].type is \"homepage\"",
            ),
            (
                "\"name\": \"a\"",
                "\"name\": \"a\", \"licenses\": [{\"license\": {\"id\": \"MIT\", \"name\": \"MIT\"}}]",
                "has both \"id\" and \"name\"",
            ),
            (
                "\"name\": \"a\"",
                "\"name\": \"a\", \"licenses\": [{\"expression\": \"MIT\"}, {\"license\": {\"id\": \"MIT\"}}]",
                "mixes an SPDX expression with other entries",
            ),
            (
                "\"name\": \"a\"",
                "\"name\": \"a\", \"bom-ref\": \"\"",
                "components[0].bom-ref is empty",
            ),
        ];
        for (from, to, phrase) in cases {
            let f = audit(&edit(MINIMAL, from, to), None);
            assert!(
                f.iter()
                    .any(|f| f.rule == "sbom/schema" && f.message.contains(phrase)),
                "{to}: {f:#?}"
            );
        }
    }

    #[test]
    fn timestamps_are_rfc_3339() {
        let with = |ts: &str| {
            edit(
                MINIMAL,
                "\"version\": 1,",
                &format!("\"version\": 1,\n  \"metadata\": {{\"timestamp\": \"{ts}\"}},"),
            )
        };
        for good in [
            "2020-04-13T20:20:39+00:00",
            "2020-04-13T20:20:39Z",
            "2020-04-13t20:20:39.123z",
            "2016-12-31T23:59:60Z",
        ] {
            assert!(audit(&with(good), None).is_empty(), "{good}");
        }
        for bad in [
            "2020-04-13",
            "2020-04-13 20:20:39Z",
            "2020-13-01T00:00:00Z",
            "2020-04-13T20:20:39",
            "2020-04-13T25:00:00Z",
            "2020-04-13T20:20:39+0100",
        ] {
            assert_eq!(rules(&audit(&with(bad), None)), ["sbom/schema 5"], "{bad}");
        }
    }

    #[test]
    fn bom_refs_are_unique_and_dependencies_point_at_them() {
        let text = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n\"components\": [\n{\"type\": \"library\", \"name\": \"a\", \"bom-ref\": \"x\"},\n{\"type\": \"library\", \"name\": \"b\", \"bom-ref\": \"x\"}],\n\"dependencies\": [{\"ref\": \"x\", \"dependsOn\": [\"y\", \"x\", \"x\"]}]}";
        let f = audit(text, None);
        let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "bom-ref \"x\" is used twice (first at line 3); every bom-ref must be unique within the BOM.",
                "the dependency graph refers to \"y\", but no component or service has that bom-ref.",
                "dependencies[0].dependsOn lists \"x\" twice; the schema requires unique items.",
            ]
        );
    }

    #[test]
    fn identical_components_break_unique_items() {
        let text = edit(
            MINIMAL,
            "\"name\": \"a\"\n    }",
            "\"name\": \"a\"\n    },\n    {\"name\": \"a\", \"type\": \"library\"}",
        );
        let f = audit(&text, None);
        assert!(
            only(&f, "sbom/schema")
                .message
                .contains("components[1] is an exact copy of components[0]")
        );
    }

    #[test]
    fn unreadable_input_is_an_input_error() {
        assert!(sbom::audit("{\"bomFormat\": ", None).is_err());
        let e = sbom::audit("[]", None).expect_err("array");
        assert!(
            e.message
                .contains("a CycloneDX SBOM is a JSON object, found an array"),
            "{e}"
        );
        let big = format!("{{\"x\": \"{}\"}}", "a".repeat(9 * 1024 * 1024));
        assert!(
            sbom::audit(&big, None)
                .expect_err("too big")
                .message
                .contains("8 MiB")
        );
    }
}

mod purls {
    use super::*;

    fn with_purl(purl: &str) -> String {
        format!(
            "{{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [{{\"type\": \"library\", \"name\": \"x\", \"purl\": \"{purl}\"}}]}}"
        )
    }

    #[test]
    fn valid_purls_per_the_spec() {
        for purl in [
            "pkg:cargo/serde@1.0.130",
            "pkg:npm/%40babel/core@7.12.3",
            "pkg:npm/lodash@4.17.21?repository_url=https://registry.example",
            "pkg://npm/lodash@4.17.21",
            "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?packaging=sources",
            "pkg:golang/google.golang.org/genproto#googleapis/api/annotations",
            "pkg:cargo/wasi@0.10.0+wasi-snapshot-preview1",
            "pkg:gem/ruby-advisory-db-check@0.12.4",
        ] {
            assert!(audit(&with_purl(purl), None).is_empty(), "{purl}");
        }
    }

    #[test]
    fn invalid_purls() {
        for (purl, phrase) in [
            ("cargo/serde@1.0.130", "does not start with the scheme pkg:"),
            ("npm:lodash@4.17.21", "the scheme is `npm`"),
            (
                "pkg:npm/@babel/core@7.12.3",
                "must be percent-encoded as %40",
            ),
            ("pkg:npm", "no name"),
            ("pkg:1npm/lodash@1.0.0", "is not a purl type"),
            ("pkg:npm/lodash@", "no version"),
            ("pkg:npm/lod ash@1.0.0", "space"),
            ("pkg:npm/lodash@1.0.0%zz", "not a valid percent-escape"),
            ("pkg:npm/lodash@1.0.0?a=1&a=2", "appears twice"),
            ("pkg:npm/lodash@1.0.0?1a=b", "qualifier key"),
            ("pkg:npm/lodásh@1.0.0", "ASCII"),
        ] {
            let f = audit(&with_purl(purl), None);
            let hit = only(&f, "sbom/bad-purl");
            assert!(hit.message.contains(phrase), "{purl}: {}", hit.message);
        }
    }
}

mod against_a_lockfile {
    use super::*;

    #[test]
    fn a_complete_sbom_is_clean() {
        let lock = cargo_lock();
        assert!(
            audit(CARGO_BOM, Some(&lock)).is_empty(),
            "{:#?}",
            audit(CARGO_BOM, Some(&lock))
        );
        let lock = npm_lock();
        assert!(
            audit(NPM_BOM, Some(&lock)).is_empty(),
            "{:#?}",
            audit(NPM_BOM, Some(&lock))
        );
    }

    #[test]
    fn a_missing_component() {
        let lock = cargo_lock();
        let start = CARGO_BOM
            .find(
                "    {\n      \"type\": \"library\",\n      \"bom-ref\": \"pkg:cargo/time@0.1.43\"",
            )
            .expect("time");
        let end = start + CARGO_BOM[start..].find("    },\n").expect("end") + "    },\n".len();
        let mut text = CARGO_BOM.to_string();
        text.replace_range(start..end, "");
        let f = audit(&text, Some(&lock));
        let hit = only(&f, "sbom/missing-component");
        assert_eq!(hit.line, line_of(&text, "\"components\": ["));
        assert!(
            hit.message.starts_with("time 0.1.43 (Cargo.lock line "),
            "{}",
            hit.message
        );
        assert!(
            hit.fix.contains("\"purl\": \"pkg:cargo/time@0.1.43\""),
            "{}",
            hit.fix
        );
        // The dependency graph still names it, so the schema check notices too.
        assert!(
            f.iter()
                .any(|f| f.rule == "sbom/schema" && f.message.contains("pkg:cargo/time@0.1.43"))
        );
    }

    #[test]
    fn a_wrong_version() {
        let lock = cargo_lock();
        let text = edit(
            CARGO_BOM,
            "\"version\": \"0.1.43\"",
            "\"version\": \"0.1.44\"",
        );
        let f = audit(&text, Some(&lock));
        let hit = only(&f, "sbom/wrong-version");
        assert_eq!(hit.line, line_of(&text, "\"version\": \"0.1.44\""));
        insta::assert_snapshot!(hit.message, @"components[11] (time) has version 0.1.44, but its purl and Cargo.lock say time 0.1.43 (line 101).");
    }

    #[test]
    fn purls_must_name_the_lockfile_package() {
        let lock = cargo_lock();
        for (to, phrase) in [
            (
                "\"purl\": \"pkg:cargo/time@0.1.44\"",
                "names version 0.1.44",
            ),
            ("\"purl\": \"pkg:crates/time@0.1.43\"", "has type `crates`"),
            (
                "\"purl\": \"pkg:cargo/chrono@0.1.43\"",
                "names the package chrono",
            ),
            ("\"purl\": \"pkg:cargo/time\"", "has no version"),
        ] {
            let text = edit(CARGO_BOM, "\"purl\": \"pkg:cargo/time@0.1.43\"", to);
            let f = audit(&text, Some(&lock));
            let hit = only(&f, "sbom/bad-purl");
            assert!(hit.message.contains(phrase), "{to}: {}", hit.message);
            assert_eq!(hit.fix, "Set \"purl\": \"pkg:cargo/time@0.1.43\".");
            assert_eq!(hit.line, line_of(&text, to));
        }
        let text = edit(
            CARGO_BOM,
            "      \"purl\": \"pkg:cargo/time@0.1.43\",\n",
            "",
        );
        let hit = audit(&text, Some(&lock))
            .into_iter()
            .find(|f| f.rule == "sbom/bad-purl")
            .expect("no purl");
        assert!(
            hit.message.ends_with("(time 0.1.43) has no purl."),
            "{}",
            hit.message
        );
    }

    #[test]
    fn hashes_must_match_the_lockfile_checksum() {
        let lock = cargo_lock();
        let sum = "ca8a50ef2360fbd1eeb0ecd46795a87a19024eb4b53c5dc916ca1fd95fe62438";
        let wrong = "ca8a50ef2360fbd1eeb0ecd46795a87a19024eb4b53c5dc916ca1fd95fe62439";
        let text = edit(CARGO_BOM, sum, wrong);
        let f = audit(&text, Some(&lock));
        let hit = only(&f, "sbom/wrong-hash");
        assert_eq!(hit.line, line_of(&text, wrong));
        assert!(
            hit.message
                .contains("does not match the `checksum` in Cargo.lock"),
            "{}",
            hit.message
        );
        assert_eq!(hit.fix, format!("Set \"content\" to \"{sum}\"."));
        // Upper-case hex is the same digest.
        assert!(audit(&edit(CARGO_BOM, sum, &sum.to_uppercase()), Some(&lock)).is_empty());
        // A hash of another algorithm does not stand in for the lockfile's.
        let text = edit(
            CARGO_BOM,
            &format!("\"alg\": \"SHA-256\",\n          \"content\": \"{sum}\""),
            "\"alg\": \"SHA-1\",\n          \"content\": \"25ed8e31b995bb927966616df2a42b979a2717f0\"",
        );
        let hit = only(&audit(&text, Some(&lock)), "sbom/missing-hash").clone();
        assert!(
            hit.message
                .contains("has no SHA-256 hash; Cargo.lock pins it to SHA-256 ca8a50ef"),
            "{}",
            hit.message
        );
    }

    #[test]
    fn git_and_path_packages_need_no_hash_and_the_project_may_be_left_out() {
        let lock = cargo_lock();
        let start = CARGO_BOM.find("    {\n      \"type\": \"library\",\n      \"bom-ref\": \"pkg:cargo/shipper-core@0.1.0\"").expect("shipper-core");
        let end = start + CARGO_BOM[start..].find("    },\n").expect("end") + "    },\n".len();
        let mut text = CARGO_BOM.to_string();
        text.replace_range(start..end, "");
        let f = audit(&text, Some(&lock));
        // No missing-component: only the dependency graph's dangling refs
        // to it remain.
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(
            f.iter().all(|f| f.rule == "sbom/schema"
                && f.message
                    .contains("refers to \"pkg:cargo/shipper-core@0.1.0\"")),
            "{f:#?}"
        );
    }

    #[test]
    fn one_component_covers_copies_of_the_same_version() {
        let text = edit(
            PACKAGE_LOCK,
            "    \"node_modules/relay-cli\": {",
            "    \"node_modules/optimist/node_modules/wordwrap\": {\n      \"version\": \"0.0.3\",\n      \"resolved\": \"https://registry.npmjs.org/wordwrap/-/wordwrap-0.0.3.tgz\",\n      \"integrity\": \"sha1-o9XabNXAvAAI03I0u68b7WMFkQc=\"\n    },\n    \"node_modules/relay-cli\": {",
        );
        let lock = lockfile::parse("package-lock.json", &text).expect("lockfile");
        assert_eq!(
            lock.packages
                .iter()
                .filter(|p| p.name == "wordwrap")
                .count(),
            2
        );
        assert!(audit(NPM_BOM, Some(&lock)).is_empty());
    }

    #[test]
    fn the_project_itself_needs_no_purl() {
        let lock = cargo_lock();
        let text = edit(
            CARGO_BOM,
            "      \"version\": \"0.1.0\",\n      \"purl\": \"pkg:cargo/log-shipper@0.1.0\"\n",
            "      \"version\": \"0.1.0\"\n",
        );
        assert!(audit(&text, Some(&lock)).is_empty());
    }

    #[test]
    fn components_not_in_the_lockfile_are_warnings() {
        let lock = cargo_lock();
        let text = edit(
            CARGO_BOM,
            "  \"components\": [\n",
            "  \"components\": [\n    {\"type\": \"library\", \"name\": \"openssl\", \"version\": \"0.10.38\", \"purl\": \"pkg:cargo/openssl@0.10.38\"},\n",
        );
        let f = audit(&text, Some(&lock));
        let hit = only(&f, "sbom/extra-component");
        assert_eq!((hit.severity, hit.line), (Severity::Warning, 18));
        assert_eq!(
            hit.message,
            "components[0] (openssl 0.10.38) is not in Cargo.lock."
        );
    }

    #[test]
    fn npm_scopes_integrity_and_old_sha1_hashes() {
        let lock = npm_lock();
        // The scoped package is matched through group + name and its purl.
        let text = edit(
            NPM_BOM,
            "\"purl\": \"pkg:npm/%40types/ms@2.1.0\"",
            "\"purl\": \"pkg:npm/@types/ms@2.1.0\"",
        );
        let hit = only(&audit(&text, Some(&lock)), "sbom/bad-purl").clone();
        assert!(hit.message.contains("%40"), "{}", hit.message);
        // sha1 integrity (ip 1.1.5) becomes a SHA-1 hash in hex.
        assert!(NPM_BOM.contains("bdded70114290828c0a039e72ef25f5aaec4354a"));
        let text = edit(
            NPM_BOM,
            "bdded70114290828c0a039e72ef25f5aaec4354a",
            "bdded70114290828c0a039e72ef25f5aaec4354b",
        );
        let hit = only(&audit(&text, Some(&lock)), "sbom/wrong-hash").clone();
        assert!(
            hit.message
                .contains("the `integrity` in package-lock.json (base64 there, hex here)"),
            "{}",
            hit.message
        );
        // Both copies of minimist must be there.
        let text = edit(NPM_BOM, "\"version\": \"0.0.10\"", "\"version\": \"1.2.5\"");
        let f = audit(&text, Some(&lock));
        assert!(f.iter().any(|f| f.rule == "sbom/wrong-version"), "{f:#?}");
    }

    #[test]
    fn a_hash_whose_length_does_not_fit_its_algorithm() {
        let sum = "ca8a50ef2360fbd1eeb0ecd46795a87a19024eb4b53c5dc916ca1fd95fe62438";
        let text = edit(CARGO_BOM, sum, &sum[..40]);
        let f = audit(&text, None);
        let hit = only(&f, "sbom/wrong-hash");
        assert!(
            hit.message
                .contains("a SHA-256 digest has 64 hex digits; this one has 40"),
            "{}",
            hit.message
        );
    }

    #[test]
    fn every_finding_says_why_and_how_to_fix() {
        let lock = cargo_lock();
        let mut text = edit(
            CARGO_BOM,
            "\"version\": \"0.1.43\"",
            "\"version\": \"0.1.44\"",
        );
        text = edit(
            &text,
            "\"purl\": \"pkg:cargo/atty@0.2.14\"",
            "\"purl\": \"pkg:cargo/atty@0.2.15\"",
        );
        text = edit(
            &text,
            "d9b39be18770d11421cdb1b9947a45dd3f37e93092cbf377614828a319d5fee8",
            "09b39be18770d11421cdb1b9947a45dd3f37e93092cbf377614828a319d5fee8",
        );
        let f = audit(&text, Some(&lock));
        assert!(f.len() >= 3);
        for finding in &f {
            assert!(
                !finding.why.is_empty() && !finding.fix.is_empty(),
                "{finding:#?}"
            );
        }
    }
}

mod never_panics {
    use super::*;

    #[test]
    fn truncated_and_mutated_sboms() {
        let lock = npm_lock();
        for (i, _) in NPM_BOM.char_indices() {
            let _ = sbom::audit(&NPM_BOM[..i], Some(&lock));
        }
        for (i, c) in NPM_BOM.char_indices().step_by(5) {
            for bad in ["\"", "%", "@", "é", "1", "[]", "{}", "null"] {
                let mutated = format!("{}{bad}{}", &NPM_BOM[..i], &NPM_BOM[i + c.len_utf8()..]);
                let _ = sbom::audit(&mutated, Some(&lock));
            }
        }
    }
}
