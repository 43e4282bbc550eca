//! SLSA provenance: genuine artifacts pass a good policy, each forgery
//! fails the rule that catches it, weak policies are flagged.

use rampart_supply::provenance::{self, Policy, Statement};
use rampart_supply::{Finding, Severity};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("fixtures/provenance/", $name))
    };
}

const ARTIFACT: &str = "tool-1.2.0-linux-amd64.tar.gz";
const BYTES: &str = fixture!("tool-1.2.0-linux-amd64.tar.gz");
const FORK_BYTES: &str = fixture!("fork/tool-1.2.0-linux-amd64.tar.gz");

#[track_caller]
fn statement(text: &str) -> Statement {
    provenance::parse_statement(text).unwrap_or_else(|e| panic!("statement: {e}"))
}

#[track_caller]
fn policy(text: &str) -> Policy {
    provenance::parse_policy(text).unwrap_or_else(|e| panic!("policy: {e}"))
}

fn good() -> Policy {
    policy(fixture!("policy.toml"))
}

#[track_caller]
fn verdict(p: &Policy, statement_text: &str, bytes: &str) -> Vec<Finding> {
    provenance::evaluate(p, &statement(statement_text), ARTIFACT, bytes.as_bytes())
}

/// The single finding, which must have this rule and line.
#[track_caller]
fn only<'a>(findings: &'a [Finding], rule: &str, line: u32) -> &'a Finding {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(
        (f.rule.as_str(), f.line, f.severity),
        (rule, line, Severity::Error)
    );
    assert!(!f.why.is_empty() && !f.fix.is_empty());
    f
}

// ---------------------------------------------------------------------------
// Reading statements

#[test]
fn a_github_actions_statement_yields_builder_source_and_commit() {
    let st = statement(fixture!("genuine.intoto.json"));
    assert_eq!(st.subjects.len(), 1);
    assert_eq!(st.subjects[0].name, ARTIFACT);
    assert_eq!(
        st.subjects[0].sha256,
        rampart_supply::integrity::sha256_hex(BYTES.as_bytes())
    );
    assert_eq!(st.predicate_type, "https://slsa.dev/provenance/v1");
    assert_eq!(
        st.builder_id,
        "https://github.com/actions/runner/github-hosted"
    );
    assert_eq!(
        st.build_type,
        "https://actions.github.io/buildtypes/workflow/v1"
    );
    assert_eq!(
        st.source_repo.as_deref(),
        Some("https://github.com/acme/tool")
    );
    assert_eq!(st.source_ref.as_deref(), Some("refs/tags/v1.2.0"));
    assert_eq!(
        st.source_commit.as_deref(),
        Some("7f3c2a9e41d05b8c6e2f1a0d9b8c7e6f5a4b3c2d")
    );
}

#[test]
fn a_dsse_envelope_decodes_to_the_same_statement() {
    assert_eq!(
        statement(fixture!("genuine.dsse.json")),
        statement(fixture!("genuine.intoto.json"))
    );
    // A Sigstore bundle keeps the envelope under `dsseEnvelope`.
    let bundle = format!(
        "{{\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\", \"dsseEnvelope\": {}}}",
        fixture!("genuine.dsse.json")
    );
    assert_eq!(
        statement(&bundle),
        statement(fixture!("genuine.intoto.json"))
    );
}

#[test]
fn the_source_can_come_from_resolved_dependencies_alone() {
    let st = statement(fixture!("generator.intoto.json"));
    assert_eq!(
        st.source_repo.as_deref(),
        Some("https://github.com/acme/tool.git")
    );
    assert_eq!(st.source_ref.as_deref(), Some("refs/tags/v1.2.0"));
    assert!(
        st.builder_id
            .ends_with("generator_generic_slsa3.yml@refs/tags/v2.0.0")
    );
}

#[test]
fn v0_2_provenance_is_read_for_what_it_says() {
    let st = statement(fixture!("v0.2.intoto.json"));
    assert_eq!(st.predicate_type, "https://slsa.dev/provenance/v0.2");
    assert!(st.builder_id.contains("slsa-github-generator"));
    assert_eq!(
        st.source_repo.as_deref(),
        Some("https://github.com/acme/tool")
    );
    assert_eq!(st.source_ref.as_deref(), Some("refs/tags/v1.2.0"));
}

// ---------------------------------------------------------------------------
// Accepting the genuine artifact

#[test]
fn the_genuine_artifact_is_accepted() {
    assert_eq!(verdict(&good(), fixture!("genuine.intoto.json"), BYTES), []);
    assert_eq!(verdict(&good(), fixture!("genuine.dsse.json"), BYTES), []);
    assert!(provenance::lint_policy(&good()).is_empty());
}

#[test]
fn repository_urls_are_compared_as_urls() {
    // `github.com/Acme/Tool.git` (slsa-verifier's --source-uri form, other
    // case, `.git`) is the same repository as `https://github.com/acme/tool`.
    let p = policy(fixture!("prefix-policy.toml"));
    assert_eq!(verdict(&p, fixture!("genuine.intoto.json"), BYTES), []);
    assert!(provenance::lint_policy(&p).is_empty());
    let generator = policy(
        "builder_id = \"https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.0.0\"\n\
         source_repo = \"git+https://github.com/acme/tool\"\nsource_ref = \"refs/tags/v1.2.0\"\n",
    );
    assert_eq!(
        verdict(&generator, fixture!("generator.intoto.json"), BYTES),
        []
    );
}

// ---------------------------------------------------------------------------
// Forgeries, one rule each

#[test]
fn a_self_hosted_runner_is_the_wrong_builder() {
    let findings = verdict(&good(), fixture!("forged-self-hosted.intoto.json"), BYTES);
    let f = only(&findings, "provenance/wrong-builder", 2);
    assert_eq!(
        f.message,
        "the artifact was built by `https://github.com/actions/runner/self-hosted`, but the policy trusts only \
         `https://github.com/actions/runner/github-hosted` (a self-hosted runner: whoever controls that machine \
         controls what it builds)"
    );
}

#[test]
fn a_fork_is_the_wrong_source() {
    let findings = verdict(&good(), fixture!("forged-fork.intoto.json"), FORK_BYTES);
    let f = only(&findings, "provenance/wrong-source", 3);
    assert_eq!(
        f.message,
        "the artifact was built from `https://github.com/acme-dev/tool`, but the policy requires \
         `https://github.com/acme/tool` (same repository name, another owner: a fork or a look-alike)"
    );
}

#[test]
fn a_branch_build_is_the_wrong_ref() {
    let findings = verdict(&good(), fixture!("forged-branch.intoto.json"), BYTES);
    let f = only(&findings, "provenance/wrong-ref", 4);
    assert_eq!(
        f.message,
        "the artifact was built from `refs/heads/main`, but the policy requires `refs/tags/v1.2.0` (a branch, \
         which anyone with push access can move, not a release tag)"
    );
    let prefix = policy(fixture!("prefix-policy.toml"));
    let findings = verdict(&prefix, fixture!("forged-branch.intoto.json"), BYTES);
    assert!(
        only(&findings, "provenance/wrong-ref", 3)
            .message
            .contains("which does not start with `refs/tags/`")
    );
}

#[test]
fn other_bytes_are_a_digest_mismatch() {
    let findings = verdict(&good(), fixture!("forged-digest.intoto.json"), BYTES);
    let f = only(&findings, "provenance/digest-mismatch", 0);
    assert_eq!(
        f.message,
        "`tool-1.2.0-linux-amd64.tar.gz` has SHA-256 9f748c2732af… but the statement's subject \
         `tool-1.2.0-linux-amd64.tar.gz` lists 33df013acac5…: they differ from the first character"
    );
    // The fork's own statement fits the fork's bytes, not the release's.
    let findings = verdict(&good(), fixture!("forged-fork.intoto.json"), BYTES);
    assert_eq!(findings[0].rule, "provenance/digest-mismatch");
}

#[test]
fn a_statement_about_another_file_has_no_subject_for_this_one() {
    let findings = verdict(&good(), fixture!("forged-other-subject.intoto.json"), BYTES);
    let f = only(&findings, "provenance/no-subject", 0);
    assert_eq!(
        f.message,
        "the statement is not about `tool-1.2.0-linux-amd64.tar.gz`: its subjects are `tool-1.2.0-darwin-arm64.tar.gz`"
    );
}

#[test]
fn a_renamed_file_is_noticed() {
    let st = statement(fixture!("genuine.intoto.json"));
    let findings = provenance::evaluate(&good(), &st, "tool.tar.gz", BYTES.as_bytes());
    assert!(
        only(&findings, "provenance/no-subject", 0)
            .message
            .ends_with(
                "(`tool-1.2.0-linux-amd64.tar.gz` has the same SHA-256: the file was renamed)"
            )
    );
}

#[test]
fn an_sbom_is_not_provenance() {
    let findings = verdict(&good(), fixture!("forged-predicate.intoto.json"), BYTES);
    let f = only(&findings, "provenance/wrong-predicate", 0);
    assert_eq!(
        f.message,
        "the statement's predicate is `https://spdx.dev/Document`, not SLSA Provenance v1 (`https://slsa.dev/provenance/v1`)"
    );
}

#[test]
fn v0_2_provenance_is_the_wrong_predicate() {
    let findings = verdict(&good(), fixture!("v0.2.intoto.json"), BYTES);
    let f = only(&findings, "provenance/wrong-predicate", 0);
    assert_eq!(
        f.message,
        "the statement is SLSA Provenance v0.2 (`https://slsa.dev/provenance/v0.2`), not v1 (`https://slsa.dev/provenance/v1`)"
    );
}

#[test]
fn a_builder_at_another_version_says_so() {
    let p = policy(
        "builder_id = \"https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v1.10.0\"\n",
    );
    let findings = verdict(&p, fixture!("generator.intoto.json"), BYTES);
    assert!(
        only(&findings, "provenance/wrong-builder", 1)
            .message
            .ends_with("(the same builder at another version: the policy names it exactly)")
    );
}

#[test]
fn the_exercise_accepts_exactly_the_genuine_artifacts() {
    let cases = [
        (fixture!("genuine.intoto.json"), BYTES, true),
        (fixture!("genuine.dsse.json"), BYTES, true),
        (fixture!("forged-self-hosted.intoto.json"), BYTES, false),
        (fixture!("forged-fork.intoto.json"), FORK_BYTES, false),
        (fixture!("forged-branch.intoto.json"), BYTES, false),
        (fixture!("forged-digest.intoto.json"), BYTES, false),
        (fixture!("forged-other-subject.intoto.json"), BYTES, false),
        (fixture!("forged-predicate.intoto.json"), BYTES, false),
        (fixture!("v0.2.intoto.json"), BYTES, false),
    ];
    for (i, (st, bytes, genuine)) in cases.iter().enumerate() {
        assert_eq!(verdict(&good(), st, bytes).is_empty(), *genuine, "case {i}");
    }
    // The weak policy lets the self-hosted, fork and branch builds through.
    let weak = policy(fixture!("weak-policy.toml"));
    let through: Vec<usize> = cases
        .iter()
        .enumerate()
        .filter(|(_, (st, bytes, _))| verdict(&weak, st, bytes).is_empty())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(through, [0, 1, 3, 4]);
}

// ---------------------------------------------------------------------------
// Policies

fn lint_rules(p: &Policy) -> Vec<(u32, String)> {
    provenance::lint_policy(p)
        .into_iter()
        .map(|f| (f.line, f.message))
        .collect()
}

#[test]
fn weak_policies_are_flagged() {
    assert_eq!(
        lint_rules(&policy(fixture!("weak-policy.toml"))),
        [
            (0, "the policy has no `source_ref` or `source_ref_prefix`, so it accepts a build of any branch or tag".to_string()),
            (0, "the policy names no `source_repo`, so it accepts artifacts built from any repository".to_string()),
        ]
    );
    assert_eq!(lint_rules(&policy("")).len(), 3);
    let branches = policy(
        "builder_id = \"https://github.com/actions/runner/github-hosted\"\nsource_repo = \"https://github.com/acme/tool\"\nsource_ref_prefix = \"refs/heads/\"\n",
    );
    assert_eq!(
        lint_rules(&branches),
        [(
            3,
            "`source_ref_prefix = \"refs/heads/\"` accepts builds of any branch".to_string()
        )]
    );
    let self_hosted = policy(
        "builder_id = \"https://github.com/actions/runner/self-hosted\"\nsource_repo = \"https://github.com/acme/tool\"\nsource_ref = \"refs/tags/v1.2.0\"\n",
    );
    let findings = provenance::lint_policy(&self_hosted);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (findings[0].rule.as_str(), findings[0].line),
        ("provenance/weak-policy", 1)
    );
    assert_eq!(findings[0].severity, Severity::Error);
}

#[test]
fn unknown_keys_are_errors_with_their_line() {
    let err = provenance::parse_policy(fixture!("typo-policy.toml")).expect_err("refused");
    assert_eq!(err.line, 3);
    assert_eq!(
        err.message,
        "unknown key `source_branch` (for a branch write `source_ref = \"refs/heads/…\"`): a policy takes builder_id, source_repo, and source_ref or source_ref_prefix"
    );
}

#[test]
fn policy_values_are_checked() {
    let cases = [
        (
            "builder_id = 3\n",
            1,
            "`builder_id` must be a string in double quotes",
        ),
        (
            "source_ref = \"\"\n",
            1,
            "`source_ref` is empty; leave the key out or give a value",
        ),
        (
            "# tag\nsource_ref = \"v1.2.0\"\n",
            2,
            "`source_ref = \"v1.2.0\"` is not a full git ref: write `refs/tags/v1.2.0` for a tag or `refs/heads/v1.2.0` for a branch (a bare name could be either)",
        ),
        (
            "source_repo = \"acme\"\n",
            1,
            "`source_repo = \"acme\"` is not a repository URL such as `https://github.com/owner/repo`",
        ),
        (
            "source_ref = \"refs/tags/v1\"\nsource_ref_prefix = \"refs/tags/\"\n",
            2,
            "give `source_ref` or `source_ref_prefix`, not both",
        ),
        (
            "[policy]\nbuilder_id = \"x\"\n",
            1,
            "unknown key `policy`: a policy takes builder_id, source_repo, and source_ref or source_ref_prefix",
        ),
    ];
    for (text, line, message) in cases {
        let err = provenance::parse_policy(text).expect_err(text);
        assert_eq!((err.line, err.message.as_str()), (line, message), "{text}");
    }
    let err = provenance::parse_policy("builder_id = \"unterminated\n").expect_err("toml");
    assert_eq!(err.line, 1);
    assert!(
        err.message.starts_with("the policy is not valid TOML"),
        "{}",
        err.message
    );
}

// ---------------------------------------------------------------------------
// Bad statements

#[test]
fn malformed_statements_are_input_errors() {
    let genuine = fixture!("genuine.intoto.json");
    let cases: Vec<(String, &str)> = vec![
        ("{\n  \"_type\": \n}".to_string(), "the provenance statement is not valid JSON"),
        (genuine.replace("https://in-toto.io/Statement/v1", "https://example.com/Statement"), "the statement's `_type` is `https://example.com/Statement`, not an in-toto statement"),
        (genuine.replace("\"subject\"", "\"subjects\""), "the statement has no `subject` list"),
        (genuine.replace("9f748c27", "9f748c2"), "which is not 64 hex digits"),
        (genuine.replace("\"runDetails\"", "\"details\""), "the SLSA v1 predicate has no `runDetails.builder.id`"),
        ("{\"payloadType\": \"application/json\", \"payload\": \"e30=\", \"signatures\": []}".to_string(), "the DSSE envelope's payloadType is `application/json`"),
        ("{\"payloadType\": \"application/vnd.in-toto+json\", \"payload\": \"%%%\", \"signatures\": []}".to_string(), "the DSSE payload is not valid base64"),
        ("{\"payloadType\": \"application/vnd.in-toto+json\", \"payload\": \"bm90IGpzb24=\", \"signatures\": []}".to_string(), "the DSSE payload is not valid JSON"),
        ("{\"payloadType\": \"application/vnd.in-toto+json\", \"payload\": \"e30=\"}".to_string(), "the DSSE envelope has no `signatures` list"),
        ("[]".to_string(), "must be a JSON object"),
    ];
    for (text, expected) in cases {
        let err = provenance::parse_statement(&text).expect_err(expected);
        assert!(
            err.message.contains(expected),
            "expected {expected:?} in {:?}",
            err.message
        );
    }
    let err = provenance::parse_statement("{\n  \"_type\": \n}").expect_err("json");
    assert_eq!(err.line, 3);
    assert!(err.column.is_some());
}

#[test]
fn ten_megabytes_is_refused() {
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(10 * 1024 * 1024));
    let err = provenance::parse_statement(&big).expect_err("refused");
    assert!(err.message.contains("up to 8 MiB"), "{}", err.message);
    let err = provenance::parse_policy(&format!("# {}\n", "x".repeat(10 * 1024 * 1024)))
        .expect_err("refused");
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
        "\"", "{", "}", "[", "]", ":", ",", "@", "git+", "=", "\n", "é",
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
fn mangled_statements_and_policies_never_panic() {
    let mut rng = Rng(0x5eed_6666_7777_8888);
    let statements = [
        fixture!("genuine.intoto.json"),
        fixture!("genuine.dsse.json"),
        fixture!("generator.intoto.json"),
        fixture!("v0.2.intoto.json"),
    ];
    for _ in 0..100 {
        for text in statements {
            let st = provenance::parse_statement(&mutate(&mut rng, text));
            let p = provenance::parse_policy(&mutate(&mut rng, fixture!("policy.toml")));
            if let (Ok(st), Ok(p)) = (st, p) {
                let _ = provenance::lint_policy(&p);
                let _ = provenance::evaluate(&p, &st, ARTIFACT, BYTES.as_bytes());
            }
        }
    }
}
