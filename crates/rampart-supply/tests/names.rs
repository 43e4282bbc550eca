//! Typosquat detection on real manifest formats, with historic cases.

use rampart_supply::lockfile::Ecosystem;
use rampart_supply::names::{self, Dep};
use rampart_supply::{Finding, Severity};

const NPM: &str = include_str!("fixtures/names/typosquats.package.json");
const NPM_CLEAN: &str = include_str!("fixtures/names/clean.package.json");
const CARGO: &str = include_str!("fixtures/names/typosquats.Cargo.toml");
const CARGO_CLEAN: &str = include_str!("fixtures/names/clean.Cargo.toml");
const PIP: &str = include_str!("fixtures/names/typosquats.requirements.txt");
const PIP_CLEAN: &str = include_str!("fixtures/names/clean.requirements.txt");
const PYPROJECT: &str = include_str!("fixtures/names/typosquats.pyproject.toml");

#[track_caller]
fn audit(file: &str, text: &str) -> Vec<Finding> {
    names::audit(file, text, &[]).expect("the fixture parses")
}

/// The finding at `line`, which must exist and be the only one there.
#[track_caller]
fn at(findings: &[Finding], line: u32) -> &Finding {
    let here: Vec<&Finding> = findings.iter().filter(|f| f.line == line).collect();
    assert_eq!(
        here.len(),
        1,
        "expected one finding on line {line}, got {here:#?}"
    );
    here[0]
}

#[track_caller]
fn assert_finding(findings: &[Finding], line: u32, column: u32, rule: &str, message: &str) {
    let f = at(findings, line);
    assert_eq!(f.rule, rule, "rule on line {line}: {f:#?}");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.column, Some(column), "column on line {line}");
    assert_eq!(f.message, message);
    assert!(
        !f.why.is_empty() && !f.fix.is_empty(),
        "why and fix on line {line}"
    );
}

#[track_caller]
fn assert_clean(file: &str, text: &str) {
    let findings = audit(file, text);
    assert!(findings.is_empty(), "{file}: {findings:#?}");
}

// ---------------------------------------------------------------------------
// Parsing

#[test]
fn package_json_names_with_positions() {
    let (eco, deps) = names::parse_manifest("package.json", NPM).expect("parses");
    assert_eq!(eco, Ecosystem::Npm);
    assert_eq!(
        deps[0],
        Dep {
            name: "express".into(),
            line: 6,
            column: 6
        }
    );
    assert_eq!(deps.len(), 20);
    // `\u0435xpress` is decoded; an `npm:` alias names the package it installs.
    assert!(
        deps.iter()
            .any(|d| d.name == "\u{0435}xpress" && d.line == 21)
    );
    let alias = deps.iter().find(|d| d.line == 25).expect("the alias");
    assert_eq!((alias.name.as_str(), alias.column), ("node-fecth", 24));
}

#[test]
fn cargo_toml_names_renames_and_targets() {
    let (eco, deps) = names::parse_manifest("Cargo.toml", CARGO).expect("parses");
    assert_eq!(eco, Ecosystem::CratesIo);
    let names: Vec<(&str, u32, u32)> = deps
        .iter()
        .map(|d| (d.name.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        names,
        [
            ("serde", 7, 1),
            ("rust-decimal", 8, 1),
            ("rustdecimal", 9, 1),
            ("tokio", 10, 1),
            ("rustdecimal", 11, 20),
            ("serde_josn", 12, 1),
            ("my-local", 13, 1),
            ("tempfiel", 16, 1),
            ("windows-sys", 19, 1),
            ("wnidows-sys", 20, 1),
        ]
    );
}

#[test]
fn requirements_txt_skips_options_urls_and_continuations() {
    let (eco, deps) = names::parse_manifest("requirements.txt", PIP).expect("parses");
    assert_eq!(eco, Ecosystem::PyPI);
    let names: Vec<&str> = deps.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "requests",
            "colourama",
            "jeIlyfish",
            "python3-dateutil",
            "python_dateutil",
            "reqeusts",
            "urlib3",
            "setup-tools",
            "Django",
            "numpy",
            "c0lorama"
        ]
    );
    let last = deps.last().expect("a dependency");
    assert_eq!((last.line, last.column), (17, 3));
}

#[test]
fn pyproject_reads_project_optional_and_poetry_tables() {
    let (eco, deps) = names::parse_manifest("pyproject.toml", PYPROJECT).expect("parses");
    assert_eq!(eco, Ecosystem::PyPI);
    let names: Vec<(&str, u32, u32)> = deps
        .iter()
        .map(|d| (d.name.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        names,
        [
            ("requests", 5, 6),
            ("colourama", 6, 6),
            ("pandas", 7, 6),
            ("pytset", 11, 9),
            ("black", 11, 22),
            ("numpyy", 15, 1),
        ]
    );
}

#[test]
fn format_is_detected_from_content_when_the_name_says_nothing() {
    let (eco, _) = names::parse_manifest("upload", NPM_CLEAN).expect("parses");
    assert_eq!(eco, Ecosystem::Npm);
    let (eco, _) = names::parse_manifest("manifest", CARGO_CLEAN).expect("parses");
    assert_eq!(eco, Ecosystem::CratesIo);
}

// ---------------------------------------------------------------------------
// npm

#[test]
fn crossenv_npm_2017_is_cross_env_without_its_hyphen() {
    // August 2017: `crossenv` (user hacktask) copied cross-env and sent the
    // installing machine's environment variables to its author.
    let findings = audit("package.json", NPM);
    assert_finding(
        &findings,
        10,
        6,
        "names/separator",
        "`crossenv` is the popular `cross-env` without its `-`",
    );
    assert!(at(&findings, 10).why.contains("crossenv for cross-env"));
    assert_eq!(
        at(&findings, 10).fix,
        "If you meant `cross-env`, write `cross-env`; otherwise check who publishes `crossenv` before keeping it."
    );
    assert_finding(
        &findings,
        20,
        6,
        "names/separator",
        "`cross_env` writes `_` where the popular `cross-env` has `-`",
    );
}

#[test]
fn electorn_swaps_two_letters_of_electron() {
    // `electorn` is listed as malicious in the OpenSSF malicious-packages
    // database (MAL-0000-electorn, reported 2025 by Amazon Inspector).
    let findings = audit("package.json", NPM);
    assert_finding(
        &findings,
        11,
        6,
        "names/typosquat",
        "`electorn` swaps two letters of the popular `electron`",
    );
}

#[test]
fn mongose_drops_an_o_and_lodahs_swaps() {
    let findings = audit("package.json", NPM);
    assert_finding(
        &findings,
        12,
        6,
        "names/typosquat",
        "`mongose` drops one `o` of the popular `mongoose`",
    );
    assert_finding(
        &findings,
        13,
        6,
        "names/typosquat",
        "`lodahs` swaps two letters of the popular `lodash`",
    );
}

#[test]
fn scope_confusion_in_every_shape() {
    let findings = audit("package.json", NPM);
    assert_finding(
        &findings,
        16,
        6,
        "names/scope-confusion",
        "`@types-node` looks like the popular `@types/node` but has no `/`, so it is not in the `@types` scope: anyone could have published it",
    );
    assert_finding(
        &findings,
        17,
        6,
        "names/scope-confusion",
        "`types-node` is an unscoped look-alike of the popular `@types/node`: it is outside the `@types` scope, which only that scope's owners can publish to",
    );
    assert_eq!(at(&findings, 18).rule, "names/scope-confusion");
    assert_eq!(
        at(&findings, 19).message,
        "`babel-core` is an unscoped look-alike of the popular `@babel/core`: it is outside the `@babel` scope, which only that scope's owners can publish to"
    );
    assert_finding(
        &findings,
        23,
        6,
        "names/scope-confusion",
        "`@typess/node` is in the scope `@typess`, not `@types`: it imitates the popular `@types/node`",
    );
}

#[test]
fn right_scope_local_and_git_dependencies_are_never_flagged() {
    let findings = audit("package.json", NPM);
    // `@types/nodee` is odd but only DefinitelyTyped can publish in `@types`;
    // `file:` and `github:` dependencies come from no registry.
    for line in [6, 7, 8, 9, 24, 26, 27] {
        assert!(
            findings.iter().all(|f| f.line != line),
            "line {line}: {findings:#?}"
        );
    }
}

#[test]
fn cyrillic_e_and_rn_for_m_are_homoglyphs() {
    let findings = audit("package.json", NPM);
    assert_finding(
        &findings,
        21,
        6,
        "names/homoglyph",
        "`\u{0435}xpress` writes Cyrillic `\u{0435}` (U+0435) where `express` has `e`: it looks like the popular `express` but is a different package",
    );
    assert_finding(
        &findings,
        22,
        6,
        "names/homoglyph",
        "`rnoment` writes `rn` where `moment` has `m`: it looks like the popular `moment` but is a different package",
    );
}

#[test]
fn an_npm_alias_is_checked_under_the_name_it_installs() {
    let findings = audit("package.json", NPM);
    assert_finding(
        &findings,
        25,
        24,
        "names/typosquat",
        "`node-fecth` swaps two letters of the popular `node-fetch`",
    );
}

#[test]
fn npm_fixture_has_no_other_findings() {
    let lines: Vec<u32> = audit("package.json", NPM).iter().map(|f| f.line).collect();
    assert_eq!(lines, [10, 11, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 25]);
}

#[test]
fn clean_package_json_has_no_findings() {
    assert_clean("package.json", NPM_CLEAN);
}

// ---------------------------------------------------------------------------
// crates.io

#[test]
fn rustdecimal_crates_io_2022_is_rust_decimal_without_its_underscore() {
    // RUSTSEC-2022-0042: `rustdecimal` copied rust_decimal and ran a payload
    // in GitLab CI. `rust-decimal` is the same crate as `rust_decimal` on
    // crates.io, so it is not reported.
    let findings = audit("Cargo.toml", CARGO);
    assert_finding(
        &findings,
        9,
        1,
        "names/separator",
        "`rustdecimal` is the popular `rust_decimal` without its `_`",
    );
    assert!(findings.iter().all(|f| f.line != 8));
    assert!(at(&findings, 9).why.contains("build script"));
    // A rename is checked under the crate it really pulls in.
    assert_finding(
        &findings,
        11,
        20,
        "names/separator",
        "`rustdecimal` is the popular `rust_decimal` without its `_`",
    );
}

#[test]
fn crate_swaps_and_target_tables() {
    let findings = audit("Cargo.toml", CARGO);
    assert_finding(
        &findings,
        12,
        1,
        "names/typosquat",
        "`serde_josn` swaps two letters of the popular `serde_json`",
    );
    assert_finding(
        &findings,
        16,
        1,
        "names/typosquat",
        "`tempfiel` swaps two letters of the popular `tempfile`",
    );
    assert_finding(
        &findings,
        20,
        1,
        "names/typosquat",
        "`wnidows-sys` swaps two letters of the popular `windows-sys`",
    );
    let lines: Vec<u32> = findings.iter().map(|f| f.line).collect();
    assert_eq!(
        lines,
        [9, 11, 12, 16, 20],
        "path dependencies are not checked"
    );
}

#[test]
fn clean_cargo_toml_has_no_findings() {
    assert_clean("Cargo.toml", CARGO_CLEAN);
}

// ---------------------------------------------------------------------------
// PyPI

#[test]
fn colourama_pypi_2018_adds_a_u_to_colorama() {
    // October 2018: `colourama` replaced cryptocurrency addresses in the
    // Windows clipboard (reported in Bertus's "Detecting Cyber Attacks in
    // the Python Package Index").
    let findings = audit("requirements.txt", PIP);
    assert_finding(
        &findings,
        6,
        1,
        "names/typosquat",
        "`colourama` adds `u` to the popular `colorama`",
    );
}

#[test]
fn jeilyfish_pypi_2019_uses_a_capital_i_for_an_l() {
    // December 2019: `jeIlyfish` (capital i) stole SSH and GPG keys; it had
    // been on PyPI for about a year. `python3-dateutil` shipped with it.
    let findings = audit("requirements.txt", PIP);
    assert_finding(
        &findings,
        7,
        1,
        "names/homoglyph",
        "`jeIlyfish` writes capital `I` where `jellyfish` has `l`: it looks like the popular `jellyfish` but is a different package",
    );
    assert_finding(
        &findings,
        8,
        1,
        "names/typosquat",
        "`python3-dateutil` adds `3` to the popular `python-dateutil`",
    );
}

#[test]
fn pypi_normalisation_and_the_2017_sk_csirt_names() {
    let findings = audit("requirements.txt", PIP);
    // PEP 503: python_dateutil is python-dateutil.
    assert!(findings.iter().all(|f| f.line != 9));
    assert_finding(
        &findings,
        10,
        1,
        "names/typosquat",
        "`reqeusts` swaps two letters of the popular `requests`",
    );
    // urlib3 and setup-tools were among the typosquats SK-CSIRT reported in 2017.
    assert_finding(
        &findings,
        11,
        1,
        "names/typosquat",
        "`urlib3` drops one `l` of the popular `urllib3`",
    );
    assert_finding(
        &findings,
        12,
        1,
        "names/separator",
        "`setup-tools` adds `-` to the popular `setuptools`",
    );
    assert_finding(
        &findings,
        17,
        3,
        "names/homoglyph",
        "`c0lorama` writes the digit `0` where `colorama` has `o`: it looks like the popular `colorama` but is a different package",
    );
    let lines: Vec<u32> = findings.iter().map(|f| f.line).collect();
    assert_eq!(
        lines,
        [6, 7, 8, 10, 11, 12, 17],
        "editable and URL requirements are not checked"
    );
}

#[test]
fn pyproject_dependencies_are_checked() {
    let findings = audit("pyproject.toml", PYPROJECT);
    let got: Vec<(u32, u32, &str)> = findings
        .iter()
        .map(|f| (f.line, f.column.unwrap_or(0), f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (6, 6, "`colourama` adds `u` to the popular `colorama`"),
            (11, 9, "`pytset` swaps two letters of the popular `pytest`"),
            (15, 1, "`numpyy` doubles the `y` of the popular `numpy`"),
        ]
    );
}

#[test]
fn clean_requirements_have_no_findings() {
    // `scapy` is one letter from `scrapy`, and popular in its own right.
    assert_clean("requirements.txt", PIP_CLEAN);
}

// ---------------------------------------------------------------------------
// The lists and the thresholds

#[test]
fn popular_names_are_never_flagged() {
    let npm: Vec<String> = names::popular(Ecosystem::Npm)
        .iter()
        .map(|n| format!("\"{n}\": \"*\""))
        .collect();
    assert_clean(
        "package.json",
        &format!("{{\"dependencies\": {{{}}}}}", npm.join(",\n")),
    );
    let pypi = names::popular(Ecosystem::PyPI).join("\n");
    assert_clean("requirements.txt", &pypi);
    let crates: Vec<String> = names::popular(Ecosystem::CratesIo)
        .iter()
        .map(|n| format!("{n} = \"*\""))
        .collect();
    assert_clean(
        "Cargo.toml",
        &format!("[dependencies]\n{}", crates.join("\n")),
    );
}

#[test]
fn the_lists_have_a_few_hundred_names_each() {
    for eco in [Ecosystem::Npm, Ecosystem::PyPI, Ecosystem::CratesIo] {
        let n = names::popular(eco).len();
        assert!((250..=600).contains(&n), "{eco:?}: {n}");
    }
    assert_eq!(names::popular(Ecosystem::PyPI)[5], "requests");
}

#[test]
fn short_names_need_look_alike_characters() {
    // `ms`, `qs` and `ws` are popular; one edit from them is most of npm.
    assert_clean(
        "package.json",
        r#"{"dependencies": {"mss": "1", "qsx": "1", "wsx": "1", "m5": "1"}}"#,
    );
    let findings = audit("package.json", r#"{"dependencies": {"vvs": "1"}}"#);
    assert_eq!(findings[0].rule, "names/homoglyph");
    assert_eq!(
        findings[0].message,
        "`vvs` writes `vv` where `ws` has `w`: it looks like the popular `ws` but is a different package"
    );
}

#[test]
fn four_and_five_letter_names_only_report_slips() {
    // A plain substitution in a short name is usually another word
    // (`scapy`/`scipy`), but a swap, a drop or a doubled letter is a slip.
    let findings = audit("requirements.txt", "scipi\nnumyp\nnmupy\nnumpyy\n");
    let got: Vec<(u32, &str)> = findings
        .iter()
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "`numyp` swaps two letters of the popular `numpy`"),
            (3, "`nmupy` swaps two letters of the popular `numpy`"),
            (4, "`numpyy` doubles the `y` of the popular `numpy`"),
        ]
    );
}

#[test]
fn long_names_may_be_two_slips_away() {
    let findings = audit("requirements.txt", "python-dateutill\npyhton-dateutl\n");
    assert_eq!(
        findings[0].message,
        "`python-dateutill` doubles the `l` of the popular `python-dateutil`"
    );
    assert_eq!(
        findings[1].message,
        "`pyhton-dateutl` is two slips of the finger away from the popular `python-dateutil`"
    );
}

#[test]
fn plural_s_first_letter_and_version_digits_are_not_slips() {
    assert_clean("requirements.txt", "request\nbrequests\npsycopg\nattr\n");
}

#[test]
fn keyboard_neighbours_count_as_slips_distant_keys_do_not() {
    let findings = audit("requirements.txt", "requesrs\nrequepts\n");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    // `t` and `r` are neighbours on the keyboard; `p` is nowhere near `s`.
    assert_eq!(
        findings[0].message,
        "`requesrs` has `r` where the popular `requests` has `t`"
    );
}

#[test]
fn extra_popular_names_come_from_the_exercise() {
    let text = "acme-utils\nacme-utlis\n";
    let findings =
        names::audit("requirements.txt", text, &["acme-utils".to_string()]).expect("parses");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].line, 2);
    assert_eq!(
        findings[0].message,
        "`acme-utlis` swaps two letters of the popular `acme-utils`"
    );
}

#[test]
fn a_non_ascii_name_is_flagged_even_without_a_popular_match() {
    let findings = audit("requirements.txt", "z\u{0430}pfel\n");
    assert_eq!(findings[0].rule, "names/homoglyph");
    assert!(
        findings[0].message.contains("Cyrillic `\u{0430}` (U+0430)"),
        "{}",
        findings[0].message
    );
}

#[test]
fn an_invisible_character_is_a_homoglyph() {
    let findings = audit(
        "package.json",
        "{\"dependencies\": {\"lod\u{200B}ash\": \"4\"}}",
    );
    assert_eq!(findings[0].rule, "names/homoglyph");
    assert!(
        findings[0]
            .message
            .contains("an invisible zero-width space (U+200B)"),
        "{}",
        findings[0].message
    );
}

// ---------------------------------------------------------------------------
// Bad input

#[test]
fn malformed_json_is_an_input_error_with_its_position() {
    let err = names::audit("package.json", "{\n  \"dependencies\": {\"a\": }\n}", &[])
        .expect_err("refused");
    assert_eq!(err.line, 2);
    assert!(err.column.is_some());
    assert!(
        err.message.starts_with("package.json is not valid JSON: "),
        "{}",
        err.message
    );
}

#[test]
fn malformed_toml_is_an_input_error_with_its_line() {
    let err = names::audit("Cargo.toml", "[dependencies]\nserde = \n", &[]).expect_err("refused");
    assert_eq!(err.line, 2);
    assert!(
        err.message.starts_with("Cargo.toml is not valid TOML: "),
        "{}",
        err.message
    );
}

#[test]
fn lockfiles_and_unknown_files_are_refused_with_the_expected_names() {
    let err = names::audit("Cargo.lock", "# lock", &[]).expect_err("refused");
    assert!(err.message.contains("is a lockfile"), "{}", err.message);
    let err = names::audit("notes.md", "hello", &[]).expect_err("refused");
    assert!(
        err.message
            .contains("package.json, Cargo.toml, requirements.txt or pyproject.toml")
    );
}

#[test]
fn ten_megabytes_is_refused() {
    let big = "requests\n".repeat(10 * 1024 * 1024 / 9 + 1);
    let err = names::audit("requirements.txt", &big, &[]).expect_err("refused");
    assert!(
        err.message.contains("Rampart reads files up to 8 MiB"),
        "{}",
        err.message
    );
}

#[test]
fn a_json_array_is_not_a_package_json() {
    let err = names::audit("package.json", "[]", &[]).expect_err("refused");
    assert!(err.message.contains("JSON object"));
}

// ---------------------------------------------------------------------------
// Robustness

/// Deterministic xorshift, so a failure reproduces.
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

/// `text` with a few characters deleted, duplicated or replaced by
/// characters that matter to the parsers.
fn mutate(rng: &mut Rng, text: &str) -> String {
    const SPICE: [&str; 16] = [
        "\"", "{", "}", "[", "]", "=", "\n", "\\", "@", "/", "#", " -", "é", "\u{0430}",
        "\u{200B}", "npm:",
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
fn an_alias_to_a_non_ascii_name_is_read() {
    let findings = audit(
        "package.json",
        "{\"dependencies\": {\"x\": \"npm:\u{00e9}xpress@4\"}}",
    );
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, "names/homoglyph");
}

#[test]
fn mangled_manifests_never_panic() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let inputs = [
        ("package.json", NPM),
        ("Cargo.toml", CARGO),
        ("requirements.txt", PIP),
        ("pyproject.toml", PYPROJECT),
    ];
    for _ in 0..150 {
        for (file, text) in inputs {
            let mangled = mutate(&mut rng, text);
            // Either result is fine; a panic is not.
            let _ = names::audit(file, &mangled, &["acme-utils".to_string()]);
        }
    }
}
