//! OSV advisories: parsing real records, range evaluation as the OSV
//! schema's `IsVulnerable` pseudo-code defines it, and version ordering.

use std::cmp::Ordering;

use rampart_supply::InputError;
use rampart_supply::lockfile::Ecosystem::{self, CratesIo, Npm, PyPI};
use rampart_supply::osv::{self, Advisory, Event, Pep440, RangeKind};

#[track_caller]
fn fixture(id: &str) -> Advisory {
    let path = format!(
        "{}/tests/fixtures/osv/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture");
    osv::parse(&text).unwrap_or_else(|e| panic!("{id}: {e}"))
}

/// Asserts which versions the advisory affects (`+`) and which it does
/// not (`-`).
#[track_caller]
fn check(a: &Advisory, eco: Ecosystem, name: &str, cases: &[(&str, bool)]) {
    for (version, expected) in cases {
        assert_eq!(
            a.affects(eco, name, version),
            *expected,
            "{} {name} {version}: expected {}",
            a.id,
            if *expected {
                "affected"
            } else {
                "not affected"
            }
        );
    }
}

mod parsing {
    use super::*;

    #[test]
    fn a_rustsec_record_with_nulls_and_extra_fields() {
        let a = fixture("RUSTSEC-2021-0003");
        assert_eq!(a.id, "RUSTSEC-2021-0003");
        assert_eq!(a.summary, "Buffer overflow in SmallVec::insert_many");
        assert!(a.details.contains("corrected in smallvec 0.6.14 and 1.6.1"));
        assert_eq!(a.aliases, ["CVE-2021-25900", "GHSA-43w2-9j62-hq99"]);
        assert_eq!(a.withdrawn, None);
        assert_eq!(a.affected.len(), 1);
        let aff = &a.affected[0];
        assert_eq!(
            (aff.ecosystem.as_str(), aff.name.as_str()),
            ("crates.io", "smallvec")
        );
        assert_eq!(aff.ranges[0].kind, RangeKind::Semver);
        assert_eq!(
            aff.ranges[0].events,
            [
                Event::Introduced("0.6.3".into()),
                Event::Fixed("0.6.14".into()),
                Event::Introduced("1.0.0".into()),
                Event::Fixed("1.6.1".into()),
            ]
        );
        assert!(aff.versions.is_empty());
    }

    #[test]
    fn every_fixture_parses() {
        for id in [
            "RUSTSEC-2018-0018",
            "RUSTSEC-2019-0009",
            "RUSTSEC-2019-0012",
            "RUSTSEC-2019-0033",
            "RUSTSEC-2020-0071",
            "RUSTSEC-2021-0003",
            "RUSTSEC-2021-0145",
            "GHSA-35jh-r3h4-6jhm",
            "GHSA-p6mc-m468-83gw",
            "GHSA-xvch-5gv4-984h",
            "GHSA-r683-j2x4-v87g",
            "GHSA-78xj-cgh5-2h22",
            "GHSA-r9p9-mrjm-926w",
            "PYSEC-2021-XXXX",
            "RAMPART-TEST-0001",
        ] {
            assert_eq!(fixture(id).id, id);
        }
    }

    #[test]
    fn a_git_range_is_kept_but_typed() {
        let a = fixture("PYSEC-2021-XXXX");
        let kinds: Vec<RangeKind> = a.affected[0].ranges.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RangeKind::Git, RangeKind::Ecosystem]);
        assert_eq!(a.affected[0].versions.len(), 6);
    }
}

mod malformed {
    use super::*;

    #[track_caller]
    fn refused(text: &str) -> InputError {
        match osv::parse(text) {
            Ok(a) => panic!("expected a refusal, got {}", a.id),
            Err(e) => e,
        }
    }

    const HEAD: &str = "{\n  \"id\": \"TEST-1\",\n  \"modified\": \"2024-01-01T00:00:00Z\",\n  \"affected\": [{\n    \"package\": {\"ecosystem\": \"crates.io\", \"name\": \"x\"},\n    \"ranges\": [{\n      \"type\": \"SEMVER\",\n      \"events\": [\n";
    const TAIL: &str = "\n      ]\n    }]\n  }]\n}";

    fn with_events(events: &str) -> String {
        format!("{HEAD}{events}{TAIL}")
    }

    #[test]
    fn a_well_formed_skeleton_parses() {
        let a = osv::parse(&with_events(
            "        {\"introduced\": \"0\"}, {\"fixed\": \"1.0.0\"}",
        ))
        .expect("parses");
        assert!(a.affects(CratesIo, "x", "0.9.0"));
    }

    #[test]
    fn not_an_advisory_at_all() {
        assert!(
            refused("[1]")
                .message
                .contains("an OSV advisory is a JSON object, found an array")
        );
        assert!(
            refused("{\"id\": ")
                .message
                .contains("unexpected end of file")
        );
        let e = refused("{\n\"modified\": \"2024-01-01T00:00:00Z\"}");
        insta::assert_snapshot!(e.to_string(), @"line 1: the advisory has no `id`; the OSV schema requires it");
        let e = refused("{\"id\": \"X-1\"}");
        assert!(e.message.contains("advisory X-1 has no `modified`"), "{e}");
        let e = refused("{\"id\": 7, \"modified\": \"x\"}");
        assert!(
            e.message.contains("`id` must be a string, found a number"),
            "{e}"
        );
    }

    #[test]
    fn event_versions_must_fit_the_range_type() {
        let e = refused(&with_events(
            "        {\"introduced\": \"0\"},\n        {\"fixed\": \"1.2\"}",
        ));
        assert_eq!(e.line, 10);
        insta::assert_snapshot!(e.message, @r#"advisory TEST-1: `fixed: "1.2"` is not a SemVer 2.0 version (MAJOR.MINOR.PATCH)"#);
        let npm = with_events("        {\"introduced\": \"0\"}, {\"fixed\": \"banana\"}")
            .replace("SEMVER", "ECOSYSTEM")
            .replace("crates.io", "npm");
        assert!(refused(&npm).message.contains("is not a npm version"));
        let pypi = with_events("        {\"introduced\": \"0\"}, {\"fixed\": \"1.0-beta-x\"}")
            .replace("SEMVER", "ECOSYSTEM")
            .replace("crates.io", "PyPI");
        assert!(refused(&pypi).message.contains("is not a PEP 440 version"));
        // Another ecosystem's versions are not Rampart's to judge.
        let maven = with_events("        {\"introduced\": \"0\"}, {\"fixed\": \"2.0-M1\"}")
            .replace("SEMVER", "ECOSYSTEM")
            .replace("crates.io", "Maven");
        osv::parse(&maven).expect("Maven versions are kept as text");
    }

    #[test]
    fn events_follow_the_schema_rules() {
        let e = refused(&with_events(
            "        {\"introduced\": \"0\", \"fixed\": \"1.0.0\"}",
        ));
        assert_eq!(e.line, 9);
        assert!(
            e.message.contains(
                "exactly one of introduced, fixed, last_affected or limit; this one has 2"
            ),
            "{e}"
        );
        let e = refused(&with_events(
            "        {\"introduced\": \"0\"}, {\"patched\": \"1.0.0\"}",
        ));
        assert!(e.message.contains("`patched` is not an event"), "{e}");
        let e = refused(&with_events("        {\"fixed\": \"1.0.0\"}"));
        assert!(e.message.contains("at least one `introduced`"), "{e}");
        let e = refused(&with_events(
            "        {\"introduced\": \"0\"},\n        {\"fixed\": \"1.0.0\"},\n        {\"last_affected\": \"2.0.0\"}",
        ));
        assert_eq!(e.line, 11);
        assert!(
            e.message
                .contains("`fixed` or `last_affected` events, not both"),
            "{e}"
        );
        let e = refused(&with_events("        {\"introduced\": 0}"));
        assert!(
            e.message
                .contains("`introduced` must be a string, found a number"),
            "{e}"
        );
    }

    #[test]
    fn range_types_and_shapes() {
        let e =
            refused(&with_events("        {\"introduced\": \"0\"}").replace("SEMVER", "SEMVER2"));
        assert_eq!(e.line, 7);
        assert!(
            e.message
                .contains("range type `SEMVER2` is not SEMVER, ECOSYSTEM or GIT"),
            "{e}"
        );
        let e = refused(&with_events("        {\"introduced\": \"0\"}").replace("SEMVER", "GIT"));
        assert!(e.message.contains("a GIT range needs a `repo`"), "{e}");
        let e = refused("{\"id\": \"X-1\", \"modified\": \"x\", \"affected\": {}}");
        assert!(e.message.contains("`affected` must be an array"), "{e}");
        let e = refused("{\"id\": \"X-1\", \"modified\": \"x\", \"aliases\": [\"A\", 2]}");
        assert!(
            e.message
                .contains("each entry of `aliases` must be a string"),
            "{e}"
        );
        let e = refused("{\"id\": \"X-1\", \"modified\": \"x\", \"withdrawn\": true}");
        assert!(e.message.contains("`withdrawn` must be a string"), "{e}");
        let e = refused(
            "{\"id\": \"X-1\", \"modified\": \"x\", \"affected\": [{\"package\": {\"name\": \"a\"}}]}",
        );
        assert!(e.message.contains("`package` has no `ecosystem`"), "{e}");
    }
}

mod evaluation {
    use super::*;

    #[test]
    fn introduced_zero_and_fixed() {
        let a = fixture("RUSTSEC-2019-0033");
        check(
            &a,
            CratesIo,
            "http",
            &[
                ("0.1.0", true),
                ("0.1.19", true),
                ("0.1.20", false),
                ("0.2.2", false),
            ],
        );
        assert_eq!(a.describe_range(CratesIo, "http"), ">= 0, < 0.1.20");
    }

    #[test]
    fn two_intervals_in_one_range() {
        let a = fixture("RUSTSEC-2021-0003");
        check(
            &a,
            CratesIo,
            "smallvec",
            &[
                ("0.6.2", false),
                ("0.6.3", true),
                ("0.6.13", true),
                ("0.6.14", false),
                ("0.9.0", false),
                ("1.0.0", true),
                ("1.6.0", true),
                ("1.6.1", false),
                ("2.0.0-alpha.1", false),
            ],
        );
        assert_eq!(
            a.describe_range(CratesIo, "smallvec"),
            ">= 0.6.3, < 0.6.14; >= 1.0.0, < 1.6.1"
        );
        assert_eq!(a.fixed_versions(CratesIo, "smallvec"), ["0.6.14", "1.6.1"]);
    }

    #[test]
    fn pre_releases_order_before_their_release() {
        // RustSec marks 0.2.0 to 0.2.6 unaffected by closing the range at
        // each release and reopening it at the next one's first
        // pre-release (`0.2.1-0`): the pre-releases stay affected.
        let a = fixture("RUSTSEC-2020-0071");
        check(
            &a,
            CratesIo,
            "time",
            &[
                ("0.1.43", true),
                ("0.0.1", true),
                ("0.2.0", false),
                ("0.2.1-beta.1", true),
                ("0.2.1", false),
                ("0.2.6", false),
                ("0.2.7-0", true),
                ("0.2.7", true),
                ("0.2.22", true),
                ("0.2.23-alpha.1", true),
                ("0.2.23", false),
                ("0.2.23+build.5", false),
                ("0.3.0", false),
            ],
        );
    }

    #[test]
    fn introduced_alone_means_no_fix() {
        let a = fixture("RUSTSEC-2021-0145");
        check(
            &a,
            CratesIo,
            "atty",
            &[("0.2.14", true), ("99.0.0", true), ("0.0.0", true)],
        );
        assert_eq!(
            a.describe_range(CratesIo, "atty"),
            ">= 0.0.0-0 (no fixed version)"
        );
        assert!(a.fixed_versions(CratesIo, "atty").is_empty());
    }

    #[test]
    fn last_affected_is_inclusive() {
        // The record as GitHub first published it (later revisions moved
        // to `fixed` events).
        let a = fixture("GHSA-78xj-cgh5-2h22");
        check(
            &a,
            Npm,
            "ip",
            &[
                ("0.0.1", true),
                ("1.1.5", true),
                ("1.1.8", true),
                ("1.1.9", false),
                ("2.0.0", false),
            ],
        );
        assert_eq!(a.describe_range(Npm, "ip"), ">= 0, <= 1.1.8");
    }

    #[test]
    fn limit_bounds_the_whole_range() {
        let a = fixture("RAMPART-TEST-0001");
        let name = "rampart-limit-demo";
        check(
            &a,
            CratesIo,
            name,
            &[
                ("0.1.0", true),
                ("1.1.9", true),
                ("1.2.0", false),
                ("1.2.5", false),
                ("1.3.0", true),
                ("1.3.9", true),
                ("1.4.0-rc.1", true),
                ("1.4.0", false),
                ("5.0.0", false),
            ],
        );
        assert_eq!(
            a.describe_range(CratesIo, name),
            ">= 0, < 1.2.0; >= 1.3.0, < 1.4.0 (limit)"
        );
        // Without the limit, everything from 1.3.0 on is affected.
        let mut no_limit = a.clone();
        no_limit.affected[0].ranges[0].events.pop();
        check(&no_limit, CratesIo, name, &[("5.0.0", true)]);
        // A `*` limit is infinity: the same as no limit.
        let mut star = a.clone();
        star.affected[0].ranges[0].events[3] = Event::Limit("*".into());
        check(&star, CratesIo, name, &[("5.0.0", true), ("1.2.5", false)]);
    }

    #[test]
    fn several_affected_entries_for_one_package_and_short_ecosystem_versions() {
        // GitHub writes `"introduced": "1.0"`; as npm orders versions that
        // is 1.0.0. Evaluated literally, this revision of the record covers
        // everything below 3.1.1 (its first entry spans 1.0 to 3.1.1).
        let a = fixture("GHSA-r683-j2x4-v87g");
        check(
            &a,
            Npm,
            "node-fetch",
            &[
                ("0.9.0", true),
                ("2.6.1", true),
                ("2.6.7", true),
                ("3.1.0", true),
                ("3.1.1", false),
                ("3.2.0", false),
            ],
        );
        assert_eq!(
            a.describe_range(Npm, "node-fetch"),
            ">= 1.0, < 3.1.1; >= 0, < 2.6.7"
        );
        let m = fixture("GHSA-xvch-5gv4-984h");
        check(
            &m,
            Npm,
            "minimist",
            &[
                ("0.0.10", true),
                ("0.2.4", false),
                ("0.3.0", false),
                ("1.0.0", true),
                ("1.2.5", true),
                ("1.2.6", false),
            ],
        );
    }

    #[test]
    fn entries_for_other_packages_and_ecosystems_do_not_match() {
        let a = fixture("GHSA-35jh-r3h4-6jhm");
        check(&a, Npm, "lodash", &[("4.17.20", true), ("4.17.21", false)]);
        check(&a, Npm, "lodash-es", &[("4.17.20", true)]);
        check(&a, Npm, "Lodash", &[("4.17.20", false)]);
        check(&a, CratesIo, "lodash", &[("4.17.20", false)]);
        assert!(a.mentions(Npm, "lodash-es"));
        assert!(!a.mentions(Npm, "underscore"));
        let e = fixture("GHSA-r9p9-mrjm-926w");
        check(&e, Npm, "elliptic", &[("6.5.3", true), ("6.5.4", false)]);
    }

    #[test]
    fn unparseable_installed_versions_only_match_the_versions_list() {
        let a = fixture("RUSTSEC-2021-0003");
        check(
            &a,
            CratesIo,
            "smallvec",
            &[("git+https://github.com/servo/rust-smallvec#abc", false)],
        );
    }

    #[test]
    fn pypi_uses_pep_440_and_pep_503_names() {
        let a = fixture("PYSEC-2021-XXXX");
        check(
            &a,
            PyPI,
            "pikepdf",
            &[
                ("2.7.0", false),
                ("2.8.0.dev1", false),
                ("2.8.0", true),
                ("2.8.0.post2", true),
                ("2.9.2", true),
                ("2.10.0rc1", true),
                ("2.10.0", false),
                ("2.10", false),
            ],
        );
        check(&a, PyPI, "PikePDF", &[("2.9.0", true)]);
        check(&a, PyPI, "pike_pdf", &[("2.9.0", false)]);
        // The explicit versions list matches by PEP 440 equality.
        let mut listed_only = a.clone();
        listed_only.affected[0].ranges.clear();
        check(
            &listed_only,
            PyPI,
            "pikepdf",
            &[("2.9.1", true), ("2.9.1.0", true), ("2.9.3", false)],
        );
        // GIT ranges are ignored: with only the GIT range left, nothing matches.
        let mut git_only = a.clone();
        git_only.affected[0].ranges.truncate(1);
        git_only.affected[0].versions.clear();
        check(&git_only, PyPI, "pikepdf", &[("2.9.1", false)]);
    }

    #[test]
    fn a_withdrawn_advisory_affects_nothing() {
        let mut a = fixture("RUSTSEC-2019-0033");
        a.withdrawn = Some("2024-01-01T00:00:00Z".into());
        check(&a, CratesIo, "http", &[("0.1.0", false)]);
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/osv/RUSTSEC-2019-0033.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture")
        .replacen(
            "\"id\"",
            "\"withdrawn\": \"2024-01-01T00:00:00Z\",\n  \"id\"",
            1,
        );
        let parsed = osv::parse(&text).expect("parses");
        assert_eq!(parsed.withdrawn.as_deref(), Some("2024-01-01T00:00:00Z"));
        assert!(!parsed.affects(CratesIo, "http", "0.1.0"));
    }

    #[test]
    fn events_are_sorted_before_the_walk() {
        // Out-of-order events evaluate as if sorted.
        let text = r#"{"id": "T-1", "modified": "x", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
            "ranges": [{"type": "SEMVER", "events": [{"fixed": "2.0.0"}, {"introduced": "1.0.0"}, {"introduced": "3.0.0"}]}]}]}"#;
        let a = osv::parse(text).expect("parses");
        check(
            &a,
            Npm,
            "a",
            &[
                ("0.5.0", false),
                ("1.5.0", true),
                ("2.5.0", false),
                ("3.5.0", true),
            ],
        );
        assert_eq!(
            a.describe_range(Npm, "a"),
            ">= 1.0.0, < 2.0.0; >= 3.0.0 (no fixed version)"
        );
    }
}

mod versions {
    use super::*;

    #[test]
    fn semver_precedence_with_pre_releases() {
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
        ];
        for pair in chain.windows(2) {
            assert_eq!(
                osv::compare_versions(Npm, pair[0], pair[1]),
                Some(Ordering::Less),
                "{pair:?}"
            );
        }
        assert_eq!(
            osv::compare_versions(CratesIo, "1.0.0+a", "1.0.0+b"),
            Some(Ordering::Equal)
        );
        assert_eq!(
            osv::compare_versions(Npm, "1.0", "1.0.0"),
            Some(Ordering::Equal)
        );
        assert_eq!(
            osv::compare_versions(Npm, "v1.2.3", "1.2.3"),
            Some(Ordering::Equal)
        );
        assert_eq!(osv::compare_versions(Npm, "01.2", "1.2.0"), None);
        assert_eq!(osv::compare_versions(Npm, "latest", "1.0.0"), None);
    }

    #[test]
    fn pep_440_ordering() {
        let chain = [
            "1.0.dev0",
            "1.0a1.dev1",
            "1.0a1",
            "1.0b2",
            "1.0rc1",
            "1.0",
            "1.0+local.7",
            "1.0.post1.dev0",
            "1.0.post1",
            "1.1",
            "2.0",
            "1!0.1",
        ];
        for pair in chain.windows(2) {
            assert_eq!(
                osv::compare_versions(PyPI, pair[0], pair[1]),
                Some(Ordering::Less),
                "{pair:?}"
            );
        }
    }

    #[test]
    fn pep_440_spellings_normalise() {
        for (a, b) in [
            ("1.0", "1.0.0"),
            ("1.0-alpha1", "1.0a1"),
            ("1.0.ALPHA.1", "1.0a1"),
            ("1.0c1", "1.0rc1"),
            ("1.0pre2", "1.0rc2"),
            ("1.0-1", "1.0.post1"),
            ("1.0.rev3", "1.0.post3"),
            ("1.0.DEV", "1.0.dev0"),
            ("v2.1", "2.1"),
            ("1.0b", "1.0b0"),
        ] {
            assert_eq!(
                osv::compare_versions(PyPI, a, b),
                Some(Ordering::Equal),
                "{a} vs {b}"
            );
        }
        for bad in ["", "abc", "1.0.", "1..0", "1.0+", "1.0+a..b", "1.0 beta"] {
            assert_eq!(Pep440::parse(bad), None, "{bad:?}");
        }
    }
}

mod never_panics {
    use super::*;

    #[test]
    fn truncated_and_mutated_advisories() {
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/osv/RUSTSEC-2021-0003.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture");
        for (i, _) in text.char_indices() {
            let _ = osv::parse(&text[..i]);
        }
        for (i, c) in text.char_indices().step_by(3) {
            for bad in ["\"", "0", "-", "*", "é", "null", "[]", "{}"] {
                let mutated = format!("{}{bad}{}", &text[..i], &text[i + c.len_utf8()..]);
                if let Ok(a) = osv::parse(&mutated) {
                    let _ = a.affects(CratesIo, "smallvec", "1.0.0");
                    let _ = a.describe_range(CratesIo, "smallvec");
                }
            }
        }
    }
}
