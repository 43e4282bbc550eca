//! Matching lockfiles against advisories, minimum safe versions, and
//! grading triage lists and edited lockfiles.

use rampart_supply::advisories::{self, Hit, TriageEntry};
use rampart_supply::lockfile::{self, Ecosystem, Lockfile};
use rampart_supply::osv::{self, Advisory};
use rampart_supply::{Finding, Severity};

const CARGO_LOCK: &str = include_str!("fixtures/lockfile/Cargo.lock");
const PACKAGE_LOCK: &str = include_str!("fixtures/lockfile/package-lock.json");

const RUSTSEC: &[&str] = &[
    "RUSTSEC-2018-0018",
    "RUSTSEC-2019-0009",
    "RUSTSEC-2019-0012",
    "RUSTSEC-2019-0033",
    "RUSTSEC-2020-0071",
    "RUSTSEC-2021-0003",
    "RUSTSEC-2021-0145",
];
const GHSA: &[&str] = &[
    "GHSA-35jh-r3h4-6jhm",
    "GHSA-p6mc-m468-83gw",
    "GHSA-xvch-5gv4-984h",
    "GHSA-r683-j2x4-v87g",
    "GHSA-78xj-cgh5-2h22",
];

fn load(ids: &[&str]) -> Vec<Advisory> {
    ids.iter()
        .map(|id| {
            let path = format!(
                "{}/tests/fixtures/osv/{id}.json",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).expect("fixture");
            osv::parse(&text).unwrap_or_else(|e| panic!("{id}: {e}"))
        })
        .collect()
}

#[track_caller]
fn lock(name: &str, text: &str) -> Lockfile {
    lockfile::parse(name, text).unwrap_or_else(|e| panic!("{e}"))
}

fn cargo() -> (Lockfile, Vec<Advisory>) {
    (lock("Cargo.lock", CARGO_LOCK), load(RUSTSEC))
}

fn npm() -> (Lockfile, Vec<Advisory>) {
    (lock("package-lock.json", PACKAGE_LOCK), load(GHSA))
}

/// "name version -> advisories -> min_safe" per hit, for compact asserts.
fn summary(hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            format!(
                "{} {} {} -> {}",
                h.package.name,
                h.package.version,
                h.advisories.join("+"),
                h.min_safe.as_deref().unwrap_or("none")
            )
        })
        .collect()
}

/// "rule line" per finding.
fn rules(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{} {}", f.rule, f.line))
        .collect()
}

#[track_caller]
fn only<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    let matching: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(
        matching.len(),
        1,
        "expected one {rule} in {:#?}",
        rules(findings)
    );
    matching[0]
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

mod audit {
    use super::*;

    #[test]
    fn the_cargo_lockfile_against_rustsec() {
        let (lock, advisories) = cargo();
        let hits = advisories::audit(&lock, &advisories);
        assert_eq!(
            summary(&hits),
            [
                "atty 0.2.14 RUSTSEC-2021-0145 -> none",
                "smallvec 0.6.13 RUSTSEC-2021-0003 -> 0.6.14",
                "smallvec 1.6.0 RUSTSEC-2021-0003 -> 1.6.1",
                // RustSec lists time 0.2.0 to 0.2.6 as unaffected, so the
                // smallest safe version above 0.1.43 is 0.2.0 (the advisory's
                // prose recommends 0.2.23 or 0.3).
                "time 0.1.43 RUSTSEC-2020-0071 -> 0.2.0",
            ]
        );
    }

    #[test]
    fn the_npm_lockfile_against_github_advisories() {
        let (lock, advisories) = npm();
        let hits = advisories::audit(&lock, &advisories);
        assert_eq!(
            summary(&hits),
            [
                "ip 1.1.5 GHSA-78xj-cgh5-2h22 -> none",
                "lodash 4.17.15 GHSA-35jh-r3h4-6jhm+GHSA-p6mc-m468-83gw -> 4.17.21",
                "minimist 1.2.5 GHSA-xvch-5gv4-984h -> 1.2.6",
                // Taken literally, this revision of GHSA-r683-j2x4-v87g
                // affects everything below 3.1.1 (see tests/osv.rs).
                "node-fetch 2.6.1 GHSA-r683-j2x4-v87g -> 3.1.1",
                "minimist 0.0.10 GHSA-xvch-5gv4-984h -> 0.2.4",
            ]
        );
    }

    #[test]
    fn the_minimum_safe_version_clears_every_advisory() {
        let advisories = load(RUSTSEC);
        // 0.6.9 is affected by four smallvec advisories, fixed in 0.6.10,
        // 0.6.10, 0.6.13 and 0.6.14: only 0.6.14 clears them all.
        let ids: Vec<&str> = advisories
            .iter()
            .filter(|a| a.affects(Ecosystem::CratesIo, "smallvec", "0.6.9"))
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "RUSTSEC-2018-0018",
                "RUSTSEC-2019-0009",
                "RUSTSEC-2019-0012",
                "RUSTSEC-2021-0003"
            ]
        );
        let min =
            |name: &str, v: &str| advisories::min_safe(Ecosystem::CratesIo, name, v, &advisories);
        assert_eq!(min("smallvec", "0.6.9").as_deref(), Some("0.6.14"));
        assert_eq!(min("smallvec", "0.6.5").as_deref(), Some("0.6.14"));
        assert_eq!(min("smallvec", "1.0.0").as_deref(), Some("1.6.1"));
        // lodash 4.17.19: 4.17.20 fixes one advisory but not the other.
        let ghsa = load(GHSA);
        assert_eq!(
            advisories::min_safe(Ecosystem::Npm, "lodash", "4.17.19", &ghsa).as_deref(),
            Some("4.17.21")
        );
    }

    #[test]
    fn pre_releases_last_affected_and_limit() {
        let rust = load(&["RUSTSEC-2020-0071", "RAMPART-TEST-0001"]);
        let min = |name: &str, v: &str| advisories::min_safe(Ecosystem::CratesIo, name, v, &rust);
        // A pre-release is below its release, so the release can fix it.
        assert_eq!(min("time", "0.2.1-beta.1").as_deref(), Some("0.2.1"));
        assert_eq!(min("time", "0.2.23-alpha.1").as_deref(), Some("0.2.23"));
        assert_eq!(min("time", "0.2.10").as_deref(), Some("0.2.23"));
        // A limit is not a fix: above the last `fixed`, nothing is known safe.
        assert_eq!(min("rampart-limit-demo", "1.1.0").as_deref(), Some("1.2.0"));
        assert_eq!(min("rampart-limit-demo", "1.3.5"), None);
        // `last_affected` names no fixed release either.
        let ghsa = load(GHSA);
        assert_eq!(
            advisories::min_safe(Ecosystem::Npm, "ip", "1.1.5", &ghsa),
            None
        );
        // An installed version that does not parse has no minimum.
        assert_eq!(min("time", "not-a-version"), None);
    }

    #[test]
    fn withdrawn_advisories_are_ignored() {
        let (lock, mut advisories) = cargo();
        for a in &mut advisories {
            if a.id == "RUSTSEC-2020-0071" {
                a.withdrawn = Some("2024-01-01T00:00:00Z".into());
            }
        }
        let hits = advisories::audit(&lock, &advisories);
        assert!(
            hits.iter().all(|h| h.package.name != "time"),
            "{:?}",
            summary(&hits)
        );
    }

    #[test]
    fn findings_name_package_version_advisory_range_and_fix() {
        let (lock, advisories) = cargo();
        let hits = advisories::audit(&lock, &advisories);
        let findings = advisories::findings(&hits, &advisories);
        let lines: Vec<u32> = hits.iter().map(|h| h.package.line).collect();
        assert_eq!(
            rules(&findings),
            lines
                .iter()
                .map(|l| format!("advisories/affected {l}"))
                .collect::<Vec<_>>()
        );
        assert!(
            findings
                .iter()
                .all(|f| f.severity == Severity::Error && !f.why.is_empty() && !f.fix.is_empty())
        );
        let small = findings
            .iter()
            .find(|f| f.message.starts_with("smallvec 1.6.0"))
            .expect("smallvec");
        insta::assert_snapshot!(small.message, @"smallvec 1.6.0 is affected by RUSTSEC-2021-0003 (Buffer overflow in SmallVec::insert_many; affected: >= 0.6.3, < 0.6.14; >= 1.0.0, < 1.6.1); the minimum safe version is 1.6.1.");
        assert!(
            small
                .why
                .contains("Buffer overflow in SmallVec::insert_many"),
            "{}",
            small.why
        );
        assert!(
            small
                .fix
                .contains("cargo update -p smallvec@1.6.0 --precise 1.6.1"),
            "{}",
            small.fix
        );
        let atty = findings
            .iter()
            .find(|f| f.message.starts_with("atty"))
            .expect("atty");
        assert!(
            atty.message.ends_with("no fixed version yet."),
            "{}",
            atty.message
        );
        assert!(atty.fix.contains("replace atty"), "{}", atty.fix);
    }

    #[test]
    fn npm_fixes_mention_overrides_for_transitive_packages() {
        let (lock, advisories) = npm();
        let hits = advisories::audit(&lock, &advisories);
        let findings = advisories::findings(&hits, &advisories);
        let nested = findings
            .iter()
            .find(|f| f.message.starts_with("minimist 0.0.10"))
            .expect("nested");
        assert!(nested.fix.contains("\"overrides\""), "{}", nested.fix);
        assert!(
            nested.message.contains("the minimum safe version is 0.2.4"),
            "{}",
            nested.message
        );
    }
}

mod triage_parsing {
    use super::*;

    fn entry(name: &str, upgrade: Option<&str>, line: u32) -> TriageEntry {
        TriageEntry {
            name: name.into(),
            upgrade: upgrade.map(str::to_string),
            line,
        }
    }

    #[test]
    fn every_accepted_form() {
        let text = "# packages to upgrade\n\nsmallvec 1.6.1\ntime@0.2.23   # the 0.2 line\nhttp = \"0.2.3\"\n@babel/core@7.12.3\n@types/ms 2.1.1\natty\n  lodash   v4.17.21  \nleft-pad==1.3.0\n";
        let entries = advisories::parse_triage(text).expect("parses");
        assert_eq!(
            entries,
            [
                entry("smallvec", Some("1.6.1"), 3),
                entry("time", Some("0.2.23"), 4),
                entry("http", Some("0.2.3"), 5),
                entry("@babel/core", Some("7.12.3"), 6),
                entry("@types/ms", Some("2.1.1"), 7),
                entry("atty", None, 8),
                entry("lodash", Some("4.17.21"), 9),
                entry("left-pad", Some("1.3.0"), 10),
            ]
        );
        assert_eq!(advisories::parse_triage("").expect("empty"), []);
    }

    #[test]
    fn lines_that_are_not_name_and_version_are_refused() {
        let e = advisories::parse_triage("smallvec 1.6.1\nupgrade smallvec to 1.6.1\n")
            .expect_err("refused");
        assert_eq!(e.line, 2);
        insta::assert_snapshot!(e.message, @"`upgrade smallvec to 1.6.1` is not `name version`: write one package per line, e.g. `smallvec 1.6.1` or `@babel/core@7.12.3`");
        let e = advisories::parse_triage("small*vec 1.0.0").expect_err("refused");
        assert!(
            e.message.contains("`small*vec` is not a package name"),
            "{e}"
        );
        let e = advisories::parse_triage("é").expect_err("refused");
        assert_eq!(e.line, 1);
    }
}

mod triage_grading {
    use super::*;

    #[track_caller]
    fn grade(lock: &Lockfile, advisories: &[Advisory], answer: &str) -> Vec<Finding> {
        let entries = advisories::parse_triage(answer).expect("triage parses");
        advisories::grade_triage(lock, advisories, &entries)
    }

    #[test]
    fn the_right_answer_has_no_errors() {
        let (lock, advisories) = cargo();
        let findings = grade(
            &lock,
            &advisories,
            "atty\nsmallvec 0.6.14\nsmallvec 1.6.1\ntime 0.2.0\n",
        );
        assert!(errors(&findings).is_empty(), "{:#?}", findings);
        assert_eq!(
            rules(&findings),
            [
                "advisories/triaged 1",
                "advisories/triaged 2",
                "advisories/triaged 3",
                "advisories/triaged 4"
            ]
        );
        assert!(
            findings[0].message.contains("no fixed version exists yet"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[2]
                .message
                .contains("smallvec 1.6.0 (Cargo.lock line"),
            "{}",
            findings[2].message
        );
    }

    #[test]
    fn missed() {
        let (lock, advisories) = cargo();
        let findings = grade(
            &lock,
            &advisories,
            "atty\nsmallvec 0.6.14\nsmallvec 1.6.1\n",
        );
        let f = only(&findings, "advisories/missed");
        assert_eq!(f.line, 0);
        assert!(
            f.message.starts_with("time 0.1.43 (Cargo.lock line "),
            "{}",
            f.message
        );
        assert!(
            f.message
                .contains("RUSTSEC-2020-0071 (Potential segfault in the time crate"),
            "{}",
            f.message
        );
        assert!(
            !f.why.is_empty() && f.fix.contains("`time <version>`"),
            "{}",
            f.fix
        );
    }

    #[test]
    fn not_affected_explains_why() {
        let (lock, advisories) = cargo();
        let findings = grade(
            &lock,
            &advisories,
            "atty\nsmallvec 0.6.14\nsmallvec 1.6.1\ntime 0.2.0\nhttp 0.2.3\nlibc 0.2.82\nserde 1.0.0\n",
        );
        assert_eq!(
            rules(&errors(&findings).into_iter().cloned().collect::<Vec<_>>()),
            [
                "advisories/not-affected 5",
                "advisories/not-affected 6",
                "advisories/not-affected 7"
            ]
        );
        insta::assert_snapshot!(findings[4].message, @"http 0.2.2 is not affected: RUSTSEC-2019-0033 affects >= 0, < 0.1.20, and 0.2.2 is outside it (0.1.20 is the fixed version).");
        assert!(
            findings[5]
                .message
                .contains("no advisory in this exercise mentions libc"),
            "{}",
            findings[5].message
        );
        assert!(
            findings[6].message.contains("serde is not in Cargo.lock"),
            "{}",
            findings[6].message
        );
    }

    #[test]
    fn still_affected() {
        let (lock, advisories) = cargo();
        let findings = grade(
            &lock,
            &advisories,
            "atty\nsmallvec 0.6.14\nsmallvec 1.6.0\ntime 0.2.10\n",
        );
        let e = errors(&findings);
        assert_eq!(
            rules(&e.into_iter().cloned().collect::<Vec<_>>()),
            ["advisories/still-affected 3", "advisories/still-affected 4"]
        );
        assert!(findings[2].message.contains("smallvec 1.6.0 (it is the installed version) is still affected by RUSTSEC-2021-0003"), "{}", findings[2].message);
        assert!(
            findings[3]
                .message
                .contains("time 0.2.10 is still affected by RUSTSEC-2020-0071"),
            "{}",
            findings[3].message
        );
        // Every version of atty is affected.
        let findings = grade(
            &lock,
            &advisories,
            "atty 0.3.0\nsmallvec 0.6.14\nsmallvec 1.6.1\ntime 0.2.0\n",
        );
        assert_eq!(only(&findings, "advisories/still-affected").line, 1);
    }

    #[test]
    fn not_minimal_names_the_smaller_version() {
        let (lock, advisories) = cargo();
        let findings = grade(
            &lock,
            &advisories,
            "atty\nsmallvec 0.6.14\nsmallvec 1.7.0\ntime 0.3.0\n",
        );
        let e: Vec<Finding> = errors(&findings).into_iter().cloned().collect();
        assert_eq!(
            rules(&e),
            ["advisories/not-minimal 3", "advisories/not-minimal 4"]
        );
        insta::assert_snapshot!(e[0].message, @"smallvec 1.7.0 is safe, but 1.6.1 is the smallest version that no advisory affects.");
        assert_eq!(e[1].fix, "Write `time 0.2.0`.");
    }

    #[test]
    fn no_upgrade_when_a_fix_exists() {
        let (lock, advisories) = cargo();
        let findings = grade(
            &lock,
            &advisories,
            "atty\nsmallvec 0.6.14\nsmallvec\ntime 0.two\n",
        );
        let e: Vec<Finding> = errors(&findings).into_iter().cloned().collect();
        assert_eq!(
            rules(&e),
            ["advisories/no-upgrade 3", "advisories/no-upgrade 4"]
        );
        assert!(
            e[0].message
                .contains("smallvec 1.6.0 is affected by RUSTSEC-2021-0003"),
            "{}",
            e[0].message
        );
        assert!(
            e[0].message.ends_with("gives no version to upgrade to."),
            "{}",
            e[0].message
        );
        assert_eq!(e[1].message, "`0.two` is not a crates.io version.");
    }

    #[test]
    fn a_downgrade_is_refused() {
        let (lock, advisories) = cargo();
        let findings = grade(
            &lock,
            &advisories,
            "atty\nsmallvec 0.6.2\nsmallvec 1.6.1\ntime 0.2.0\n",
        );
        let f = only(&findings, "advisories/downgraded");
        assert_eq!(f.line, 2);
        assert!(
            f.message
                .contains("0.6.2 is older than the installed smallvec 0.6.13"),
            "{}",
            f.message
        );
    }

    #[test]
    fn one_line_upgrades_every_copy_of_the_same_version() {
        let text = PACKAGE_LOCK.replacen(
            "    \"node_modules/relay-cli\": {",
            "    \"node_modules/relay-cli/node_modules/minimist\": {\n      \"version\": \"1.2.5\"\n    },\n    \"node_modules/relay-cli\": {",
            1,
        );
        let lock = lock("package-lock.json", &text);
        let advisories = load(GHSA);
        assert_eq!(advisories::audit(&lock, &advisories).len(), 6);
        let right = "ip\nlodash 4.17.21\nminimist 1.2.6\nminimist 0.2.4\nnode-fetch 3.1.1\n";
        assert!(errors(&grade(&lock, &advisories, right)).is_empty());
    }

    #[test]
    fn npm_with_scoped_nested_and_unfixed_packages() {
        let (lock, advisories) = npm();
        let right = "ip\nlodash 4.17.21\nminimist 1.2.6\nminimist 0.2.4\nnode-fetch 3.1.1\n";
        assert!(errors(&grade(&lock, &advisories, right)).is_empty());
        // Above `last_affected` counts as safe even without a fixed release.
        let findings = grade(
            &lock,
            &advisories,
            "ip 1.1.9\nlodash 4.17.21\nminimist 1.2.6\nminimist 0.2.4\nnode-fetch 3.1.1\n",
        );
        assert!(errors(&findings).is_empty(), "{findings:#?}");
        assert!(
            findings[0]
                .message
                .contains("No advisory names a fixed version"),
            "{}",
            findings[0].message
        );
        // Each copy of minimist needs its own line.
        let findings = grade(
            &lock,
            &advisories,
            "ip\nlodash 4.17.21\nminimist 1.2.6\nnode-fetch 3.1.1\n",
        );
        let f = only(&findings, "advisories/missed");
        assert!(f.message.starts_with("minimist 0.0.10"), "{}", f.message);
        // lodash 4.17.20 clears one advisory but not the other.
        let findings = grade(
            &lock,
            &advisories,
            "ip\nlodash 4.17.20\nminimist 1.2.6\nminimist 0.2.4\nnode-fetch 3.1.1\n",
        );
        let f = only(&findings, "advisories/still-affected");
        assert!(f.message.contains("GHSA-35jh-r3h4-6jhm"), "{}", f.message);
        assert!(!f.message.contains("GHSA-p6mc-m468-83gw"), "{}", f.message);
        // A scoped package that no advisory mentions.
        let findings = grade(&lock, &advisories, &format!("{right}@types/ms 2.1.1\n"));
        assert_eq!(only(&findings, "advisories/not-affected").line, 6);
    }
}

mod lockfile_edits {
    use super::*;

    const SMALLVEC_1_6_1: &str = "fe0f37c9e8f3c5a4a66ad655a93c74daac4ad00c441533bf5c6e7990bb42604e";
    const SMALLVEC_0_6_14: &str =
        "b97fcaeba89edba30f044a10c6a3cc39df9c3f17d7cd829dd1446cab35f890e0";

    fn edit(text: &str, edits: &[(&str, &str)]) -> String {
        let mut out = text.to_string();
        for (from, to) in edits {
            assert!(out.contains(from), "{from:?} not in the lockfile");
            out = out.replacen(from, to, 1);
        }
        out
    }

    fn upgrade_smallvec() -> Vec<(&'static str, &'static str)> {
        vec![
            ("version = \"1.6.0\"", "version = \"1.6.1\""),
            (
                "1a55ca5f3b68e41c979bf8c46a6f1da892ca4db8f94023ce0bd32407573b1ac0",
                SMALLVEC_1_6_1,
            ),
            ("version = \"0.6.13\"", "version = \"0.6.14\""),
            (
                "f7b0758c52e15a8b5e3691eae6cc559f08eee9406e548a4477ba4e67770a82b6",
                SMALLVEC_0_6_14,
            ),
        ]
    }

    #[track_caller]
    fn grade(edited: &str) -> Vec<Finding> {
        let (original, advisories) = cargo();
        let edited = lock("Cargo.lock", edited);
        advisories::grade_lockfile_edit(&original, &edited, &advisories)
    }

    #[test]
    fn fixed_packages_are_confirmed_and_the_rest_still_affected() {
        let text = edit(CARGO_LOCK, &upgrade_smallvec());
        let findings = grade(&text);
        let edited = lock("Cargo.lock", &text);
        let line = |name: &str, v: &str| {
            edited
                .packages
                .iter()
                .find(|p| p.name == name && p.version == v)
                .map(|p| p.line)
                .expect("package")
        };
        assert_eq!(
            rules(&findings),
            [
                format!("advisories/still-affected {}", line("atty", "0.2.14")),
                format!("advisories/fixed {}", line("smallvec", "0.6.14")),
                format!("advisories/fixed {}", line("smallvec", "1.6.1")),
                format!("advisories/still-affected {}", line("time", "0.1.43")),
            ]
        );
        let time = findings.last().expect("time");
        assert!(
            time.message
                .contains("time 0.1.43 is still affected by RUSTSEC-2020-0071"),
            "{}",
            time.message
        );
        assert!(time.fix.contains("0.2.0"), "{}", time.fix);
        assert_eq!(findings[1].severity, Severity::Info);
        assert!(
            findings[1]
                .message
                .contains("smallvec 0.6.13 → 0.6.14 clears RUSTSEC-2021-0003"),
            "{}",
            findings[1].message
        );
    }

    #[test]
    fn a_larger_jump_is_fixed_but_says_what_was_smallest() {
        let text = edit(
            CARGO_LOCK,
            &[(
                "name = \"time\"\nversion = \"0.1.43\"",
                "name = \"time\"\nversion = \"0.2.23\"",
            )],
        );
        let findings = grade(&text);
        let f = findings
            .iter()
            .find(|f| f.rule == "advisories/fixed")
            .expect("fixed");
        assert!(
            f.message
                .contains("(0.2.0 would have been the smallest safe version)"),
            "{}",
            f.message
        );
        // The checksum still belongs to 0.1.43.
        let w = only(&findings, "advisories/stale-checksum");
        assert_eq!(w.severity, Severity::Warning);
        assert!(
            w.message.contains("kept the checksum of 0.1.43"),
            "{}",
            w.message
        );
    }

    #[test]
    fn removing_a_package_is_an_error() {
        let atty = "[[package]]\nname = \"atty\"\nversion = \"0.2.14\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"d9b39be18770d11421cdb1b9947a45dd3f37e93092cbf377614828a319d5fee8\"\ndependencies = [\n \"hermit-abi\",\n \"libc\",\n \"winapi\",\n]\n\n";
        let text = edit(CARGO_LOCK, &[(atty, "")]);
        let findings = grade(&text);
        let f = only(&findings, "advisories/removed-package");
        assert_eq!(f.line, 0);
        assert!(
            f.message
                .starts_with("atty (0.2.14 in the original, line 7) is gone"),
            "{}",
            f.message
        );
        assert!(f.why.contains("resolves it again"), "{}", f.why);
    }

    #[test]
    fn downgrading_is_an_error() {
        let text = edit(
            CARGO_LOCK,
            &[(
                "name = \"http\"\nversion = \"0.2.2\"",
                "name = \"http\"\nversion = \"0.2.1\"",
            )],
        );
        let findings = grade(&text);
        let f = only(&findings, "advisories/downgraded");
        assert_eq!(f.line, lock("Cargo.lock", &text).packages[4].line);
        assert_eq!(f.message, "http went from 0.2.2 down to 0.2.1.");
    }

    #[test]
    fn an_upgrade_into_another_affected_version_is_still_affected() {
        let text = edit(
            CARGO_LOCK,
            &[(
                "name = \"time\"\nversion = \"0.1.43\"",
                "name = \"time\"\nversion = \"0.2.22\"",
            )],
        );
        let findings = grade(&text);
        assert!(
            findings
                .iter()
                .any(|f| f.rule == "advisories/still-affected"
                    && f.message.starts_with("time 0.2.22"))
        );
        assert!(
            findings
                .iter()
                .all(|f| f.rule != "advisories/fixed" || !f.message.starts_with("time"))
        );
    }

    #[test]
    fn an_npm_edit() {
        let (original, advisories) = npm();
        let text = edit(
            PACKAGE_LOCK,
            &[
                ("\"version\": \"4.17.15\"", "\"version\": \"4.17.21\""),
                ("lodash-4.17.15.tgz", "lodash-4.17.21.tgz"),
                (
                    "sha512-8xOcRHvCjnocdS5cpwXQXVzmmh5e5+saE2QGoeQmbKmRS6J3VQppPOIt0MnmE+4xlZoumy0GPG0D0MVIQbNA1A==",
                    "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==",
                ),
            ],
        );
        let edited = lock("package-lock.json", &text);
        let findings = advisories::grade_lockfile_edit(&original, &edited, &advisories);
        let fixed: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.rule == "advisories/fixed")
            .collect();
        assert_eq!(fixed.len(), 1);
        assert!(
            fixed[0].message.starts_with(
                "lodash 4.17.15 → 4.17.21 clears GHSA-35jh-r3h4-6jhm, GHSA-p6mc-m468-83gw"
            ),
            "{}",
            fixed[0].message
        );
        assert!(
            findings
                .iter()
                .all(|f| f.rule != "advisories/stale-checksum")
        );
        assert_eq!(
            findings
                .iter()
                .filter(|f| f.rule == "advisories/still-affected")
                .count(),
            4,
            "{:#?}",
            rules(&findings)
        );
    }

    #[test]
    fn an_untouched_lockfile_only_repeats_what_is_affected() {
        let findings = grade(CARGO_LOCK);
        assert_eq!(findings.len(), 4);
        assert!(
            findings
                .iter()
                .all(|f| f.rule == "advisories/still-affected")
        );
    }
}

mod never_panics {
    use super::*;

    #[test]
    fn odd_triage_lists_are_parsed_or_refused() {
        let (lock, advisories) = cargo();
        for text in [
            "@",
            "@@",
            "@scope/",
            "a@",
            "=",
            "a =",
            "a = \"\"",
            "é 1",
            "smallvec v",
            "smallvec =1.6.1",
            "# only a comment",
            "smallvec 1.6.1 # trailing",
            "\u{feff}smallvec 1.6.1",
            "time 0.2.0\r\nsmallvec 1.6.1\r\n",
        ] {
            if let Ok(entries) = advisories::parse_triage(text) {
                let _ = advisories::grade_triage(&lock, &advisories, &entries);
            }
        }
        let entries =
            advisories::parse_triage("\u{feff}time 0.2.0\r\nsmallvec 1.6.1\r\n").expect("CRLF");
        assert_eq!(entries[0].name, "time");
        assert_eq!(entries[1].upgrade.as_deref(), Some("1.6.1"));
    }
}
