//! Dependency-confusion checks of npm, pip and Cargo registry configuration.

use rampart_supply::registry::{self, Private};
use rampart_supply::{Finding, Severity};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("fixtures/registry/", $name))
    };
}

fn npm_private() -> Private {
    Private {
        patterns: vec!["@acme/*".into(), "acme-*".into()],
        registry: "https://npm.acme.example/".into(),
        registry_name: None,
    }
}

fn pip_private() -> Private {
    Private {
        patterns: vec!["acme-*".into()],
        registry: "https://pypi.acme.example/simple/".into(),
        registry_name: None,
    }
}

fn cargo_private() -> Private {
    Private {
        patterns: vec!["acme-*".into()],
        registry: "sparse+https://cargo.acme.example/index/".into(),
        registry_name: Some("acme".into()),
    }
}

#[track_caller]
fn run(
    file: &str,
    text: &str,
    private: Option<&Private>,
    manifests: &[(&str, &str)],
) -> Vec<Finding> {
    registry::audit(file, text, private, manifests).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// (rule, severity, line) of every finding, in order.
fn summary(findings: &[Finding]) -> Vec<(&str, Severity, u32)> {
    findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity, f.line))
        .collect()
}

#[track_caller]
fn one<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    let hits: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(hits.len(), 1, "one {rule}: {findings:#?}");
    assert!(!hits[0].why.is_empty() && !hits[0].fix.is_empty());
    hits[0]
}

fn errors(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

// ---------------------------------------------------------------------------
// npm

#[test]
fn npm_starter_leaks_a_token_and_routes_private_names_to_the_public_registry() {
    let p = npm_private();
    let findings = run(
        ".npmrc",
        fixture!("starter.npmrc"),
        Some(&p),
        &[("package.json", fixture!("starter.package.json"))],
    );
    assert_eq!(
        summary(&findings),
        [
            ("registry/unmapped-scope", Severity::Error, 0),
            ("registry/unscoped-private", Severity::Warning, 0),
            ("registry/private-from-public", Severity::Error, 2),
            ("registry/token-in-file", Severity::Error, 3),
        ]
    );
    assert_eq!(
        one(&findings, "registry/unmapped-scope").message,
        "the private scope `@acme` has no `@acme:registry=` line, so npm asks the default registry \
         `https://registry.npmjs.org/` for it (1 package uses it: `@acme/ui` (package.json line 5))"
    );
    assert_eq!(
        one(&findings, "registry/private-from-public").message,
        "the private package `acme-billing` (package.json line 6) has no scope, so npm fetches it from \
         the default registry `https://registry.npmjs.org/`, where anyone can publish that name"
    );
    let token = one(&findings, "registry/token-in-file");
    assert_eq!(
        token.message,
        "`//npm.acme.example/:_authToken` holds a literal credential (`npm_…`)"
    );
    assert!(
        !token.message.contains("9f8e7d6c"),
        "the message must not repeat the secret"
    );
    assert!(
        token
            .fix
            .contains("//npm.acme.example/:_authToken=${NPM_TOKEN}")
    );
    assert!(
        one(&findings, "registry/unmapped-scope")
            .why
            .contains("Birsan")
    );
}

#[test]
fn npm_solution_maps_the_scope_and_reads_the_token_from_the_environment() {
    let p = npm_private();
    let findings = run(
        ".npmrc",
        fixture!("solution.npmrc"),
        Some(&p),
        &[("package.json", fixture!("solution.package.json"))],
    );
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn npm_scope_mapped_to_the_wrong_registry_plain_http_and_strict_ssl() {
    let p = npm_private();
    let findings = run(
        ".npmrc",
        fixture!("insecure.npmrc"),
        Some(&p),
        &[("package.json", fixture!("solution.package.json"))],
    );
    assert_eq!(
        summary(&findings),
        [
            ("registry/insecure-url", Severity::Error, 1),
            ("registry/insecure-url", Severity::Error, 2),
            ("registry/unmapped-scope", Severity::Error, 3),
            ("registry/token-in-file", Severity::Warning, 4),
        ]
    );
    assert_eq!(
        findings[0].message,
        "The default registry `http://registry.example.com/` uses plain HTTP"
    );
    assert_eq!(findings[0].fix, "Use `https://registry.example.com/`.");
    assert!(findings[2].message.starts_with(
        "the private scope `@acme` is mapped to `https://registry.npmjs.org/`, not to the private registry `https://npm.acme.example/`"
    ));
}

#[test]
fn a_private_default_registry_serves_unscoped_names_with_a_warning() {
    let p = npm_private();
    let npmrc = "registry=https://npm.acme.example\n//npm.acme.example/:_authToken=${NPM_TOKEN}\n";
    let findings = run(
        ".npmrc",
        npmrc,
        Some(&p),
        &[("package.json", fixture!("starter.package.json"))],
    );
    assert_eq!(
        summary(&findings),
        [("registry/unscoped-private", Severity::Warning, 0)]
    );
}

#[test]
fn without_manifests_the_patterns_themselves_must_be_routed() {
    let p = npm_private();
    let findings = run(
        ".npmrc",
        "@acme:registry=https://npm.acme.example/\n",
        Some(&p),
        &[],
    );
    assert_eq!(
        summary(&findings),
        [
            ("registry/private-from-public", Severity::Error, 0),
            ("registry/unscoped-private", Severity::Warning, 0),
        ]
    );
    assert_eq!(
        findings[0].message,
        "private packages matching `acme-*` have no scope, so npm fetches them from the default \
         registry `https://registry.npmjs.org/`, where anyone can publish that name"
    );
    assert_eq!(
        findings[1].message,
        "private packages matching `acme-*` are not in an npm scope"
    );
}

#[test]
fn npm_audit_mode_applies_only_the_generic_rules() {
    let findings = run(".npmrc", fixture!("starter.npmrc"), None, &[]);
    assert_eq!(
        summary(&findings),
        [("registry/token-in-file", Severity::Error, 3)]
    );
    assert!(run(".npmrc", fixture!("solution.npmrc"), None, &[]).is_empty());
}

#[test]
fn loopback_http_is_fine() {
    assert!(run(".npmrc", "registry=http://localhost:4873/\n", None, &[]).is_empty());
}

// ---------------------------------------------------------------------------
// pip

#[test]
fn extra_index_url_merges_indexes_and_pip_takes_the_highest_version() {
    let p = pip_private();
    let findings = run(
        "requirements.txt",
        fixture!("extra-index.requirements.txt"),
        Some(&p),
        &[],
    );
    assert_eq!(
        summary(&findings),
        [("registry/extra-index-url", Severity::Error, 1)]
    );
    assert_eq!(
        findings[0].message,
        "`--extra-index-url https://pypi.acme.example/simple` makes pip merge it with \
         `https://pypi.org/simple` and install the highest version of each package from either index: \
         `acme-ledger` (requirements.txt line 2) could come from either"
    );
    assert!(findings[0].why.contains("CVE-2018-20225"));
    assert!(
        findings[0]
            .fix
            .contains("--index-url https://pypi.acme.example/simple/")
    );
}

#[test]
fn a_single_index_url_to_the_proxy_is_the_fix() {
    let p = pip_private();
    assert!(
        run(
            "requirements.txt",
            fixture!("single-index.requirements.txt"),
            Some(&p),
            &[]
        )
        .is_empty()
    );
}

#[test]
fn hash_pinning_turns_the_extra_index_into_a_warning() {
    let p = pip_private();
    let findings = run(
        "requirements.txt",
        fixture!("hashed.requirements.txt"),
        Some(&p),
        &[],
    );
    assert_eq!(
        summary(&findings),
        [("registry/extra-index-url", Severity::Warning, 3)]
    );
    assert!(findings[0].why.contains("pinned with `==` and `--hash`"));
}

#[test]
fn a_private_package_with_no_private_index_resolves_from_pypi() {
    let p = pip_private();
    let findings = run(
        "requirements.txt",
        fixture!("public-only.requirements.txt"),
        Some(&p),
        &[],
    );
    assert_eq!(
        summary(&findings),
        [("registry/private-from-public", Severity::Error, 2)]
    );
    // `acme_ledger` matches `acme-*`: PyPI compares names after PEP 503.
    assert_eq!(findings[0].column, Some(1));
    assert!(
        findings[0]
            .message
            .starts_with("the private package `acme_ledger`")
    );
}

#[test]
fn pip_conf_credentials_plain_http_trusted_host_and_extra_indexes() {
    let p = pip_private();
    let findings = run(
        "pip.conf",
        fixture!("pip.conf"),
        Some(&p),
        &[("requirements.txt", fixture!("public-only.requirements.txt"))],
    );
    assert_eq!(
        summary(&findings),
        [
            ("registry/token-in-file", Severity::Error, 2),
            ("registry/extra-index-url", Severity::Error, 4),
            ("registry/extra-index-url", Severity::Error, 5),
            ("registry/insecure-url", Severity::Error, 5),
            ("registry/insecure-url", Severity::Error, 6),
        ]
    );
    assert_eq!(
        findings[0].message,
        "`https://ci:…@pypi.acme.example/simple` holds a literal credential (`…`)"
    );
    assert_eq!(
        findings[4].message,
        "`trusted-host mirror.example.net` turns off HTTPS certificate checks for `mirror.example.net`"
    );
}

#[test]
fn pip_audit_mode_still_reports_extra_index_url() {
    let findings = run(
        "requirements.txt",
        fixture!("extra-index.requirements.txt"),
        None,
        &[],
    );
    assert_eq!(
        summary(&findings),
        [("registry/extra-index-url", Severity::Error, 1)]
    );
    assert!(!findings[0].message.contains("could come from either"));
    let findings = run(
        "pip.ini",
        "[global]\nindex-url = https://pypi.acme.example/simple\n",
        None,
        &[],
    );
    assert!(findings.is_empty());
}

#[test]
fn requirements_option_spellings() {
    let text = "-i https://pypi.acme.example/simple\n--extra-index-url=https://pypi.org/simple\n--trusted-host pypi.acme.example\n";
    let findings = run("requirements.txt", text, None, &[]);
    assert_eq!(
        summary(&findings),
        [
            ("registry/extra-index-url", Severity::Error, 2),
            ("registry/insecure-url", Severity::Error, 3),
        ]
    );
}

// ---------------------------------------------------------------------------
// Cargo

#[test]
fn cargo_config_token_and_a_default_registry_that_moves_nothing() {
    let p = cargo_private();
    let findings = run(
        ".cargo/config.toml",
        fixture!("starter.config.toml"),
        Some(&p),
        &[("Cargo.toml", fixture!("starter.Cargo.toml"))],
    );
    assert_eq!(
        summary(&findings),
        [
            ("registry/token-in-file", Severity::Error, 3),
            ("registry/private-from-public", Severity::Error, 6),
            ("registry/private-from-public", Severity::Error, 6),
        ]
    );
    assert_eq!(
        findings[1].message,
        "the private crate `acme-auth` (Cargo.toml line 8) names no registry, so Cargo resolves it from \
         crates.io (`[registry] default = \"acme\"` only chooses where `cargo publish` goes; it does not \
         move dependencies)"
    );
    assert!(
        findings[2]
            .message
            .starts_with("the private crate `acme-log` (Cargo.toml line 9)")
    );
    assert!(findings[0].fix.contains("cargo login"));
    assert_eq!(
        findings[0].message,
        "`registries.acme.token` holds a literal credential (`cio…`)"
    );
}

#[test]
fn cargo_config_solution_and_a_mirror_for_everything_pass() {
    let p = cargo_private();
    let manifests = [("Cargo.toml", fixture!("solution.Cargo.toml"))];
    assert!(
        run(
            ".cargo/config.toml",
            fixture!("solution.config.toml"),
            Some(&p),
            &manifests
        )
        .is_empty()
    );
    // A source replacement sends every crate, `acme-auth` included, to the
    // private mirror; the `acme` name still has to be defined for `acme-db`.
    let findings = run(
        ".cargo/config.toml",
        fixture!("mirror.config.toml"),
        Some(&p),
        &[("Cargo.toml", fixture!("starter.Cargo.toml"))],
    );
    assert_eq!(
        summary(&findings),
        [("registry/unmapped-scope", Severity::Error, 0)]
    );
}

#[test]
fn cargo_registry_over_plain_http_pointing_elsewhere() {
    let p = cargo_private();
    let findings = run(
        "config.toml",
        fixture!("wrong-index.config.toml"),
        Some(&p),
        &[],
    );
    assert_eq!(
        summary(&findings),
        [
            ("registry/insecure-url", Severity::Error, 2),
            ("registry/unmapped-scope", Severity::Error, 2),
        ]
    );
}

#[test]
fn cargo_toml_private_crates_must_name_the_private_registry() {
    let p = cargo_private();
    let findings = run("Cargo.toml", fixture!("starter.Cargo.toml"), Some(&p), &[]);
    assert_eq!(
        summary(&findings),
        [
            ("registry/private-from-public", Severity::Error, 8),
            ("registry/private-from-public", Severity::Error, 9),
            ("registry/insecure-url", Severity::Error, 11),
        ]
    );
    assert_eq!(
        findings[0].message,
        "the private crate `acme-auth` names no registry, so Cargo resolves it from crates.io, where anyone can publish `acme-auth`"
    );
    assert_eq!(findings[0].column, Some(1));
    assert_eq!(
        findings[1].message,
        "the private crate `acme-log` comes from the registry `mirror`, not from `acme`"
    );
    assert!(findings[0].fix.contains("registry = \"acme\""));
    assert!(run("Cargo.toml", fixture!("solution.Cargo.toml"), Some(&p), &[]).is_empty());
}

#[test]
fn cargo_audit_mode_reports_only_plain_http_sources() {
    let findings = run("Cargo.toml", fixture!("starter.Cargo.toml"), None, &[]);
    assert_eq!(
        summary(&findings),
        [("registry/insecure-url", Severity::Error, 11)]
    );
    assert_eq!(
        errors(&run(
            "config.toml",
            fixture!("solution.config.toml"),
            None,
            &[]
        )),
        0
    );
}

// ---------------------------------------------------------------------------
// Bad input

#[test]
fn unknown_files_are_refused_with_the_list_of_known_ones() {
    let err = registry::audit("settings.yaml", "", None, &[]).expect_err("refused");
    assert!(
        err.message.contains(
            ".npmrc, pip.conf, pip.ini, requirements.txt, .cargo/config.toml or Cargo.toml"
        ),
        "{}",
        err.message
    );
}

#[test]
fn malformed_cargo_config_is_an_input_error_with_its_line() {
    let err = registry::audit(
        ".cargo/config.toml",
        "[registries.acme]\nindex = \n",
        None,
        &[],
    )
    .expect_err("refused");
    assert_eq!(err.line, 2);
    assert!(
        err.message
            .starts_with(".cargo/config.toml is not valid TOML"),
        "{}",
        err.message
    );
}

#[test]
fn a_broken_manifest_names_itself() {
    let p = npm_private();
    let err = registry::audit(".npmrc", "", Some(&p), &[("package.json", "{ nope")])
        .expect_err("refused");
    assert!(
        err.message
            .starts_with("the given manifest package.json could not be read"),
        "{}",
        err.message
    );
}

#[test]
fn ten_megabytes_is_refused() {
    let big = "# padding\n".repeat(1024 * 1024 + 1);
    let err = registry::audit(".npmrc", &big, None, &[]).expect_err("refused");
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
    const SPICE: [&str; 14] = [
        "=", "\n", "[", "]", "\"", "@", ":", "//", "http://", "${", "}", " ", "é", "\t",
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
fn mangled_configurations_never_panic() {
    let mut rng = Rng(0x5eed_0000_1111_2222);
    let (npm, pip, cargo) = (npm_private(), pip_private(), cargo_private());
    let inputs: [(&str, &str, &Private, &str, &str); 6] = [
        (
            ".npmrc",
            fixture!("starter.npmrc"),
            &npm,
            "package.json",
            fixture!("starter.package.json"),
        ),
        (
            ".npmrc",
            fixture!("insecure.npmrc"),
            &npm,
            "package.json",
            fixture!("solution.package.json"),
        ),
        (
            "pip.conf",
            fixture!("pip.conf"),
            &pip,
            "requirements.txt",
            fixture!("public-only.requirements.txt"),
        ),
        (
            "requirements.txt",
            fixture!("hashed.requirements.txt"),
            &pip,
            "requirements.txt",
            fixture!("extra-index.requirements.txt"),
        ),
        (
            ".cargo/config.toml",
            fixture!("starter.config.toml"),
            &cargo,
            "Cargo.toml",
            fixture!("starter.Cargo.toml"),
        ),
        (
            "Cargo.toml",
            fixture!("starter.Cargo.toml"),
            &cargo,
            "Cargo.toml",
            fixture!("solution.Cargo.toml"),
        ),
    ];
    for _ in 0..100 {
        for (file, text, private, manifest, body) in inputs {
            let mangled = mutate(&mut rng, text);
            let body = mutate(&mut rng, body);
            let _ = registry::audit(file, &mangled, Some(private), &[(manifest, &body)]);
            let _ = registry::audit(file, &mangled, None, &[]);
        }
    }
}
