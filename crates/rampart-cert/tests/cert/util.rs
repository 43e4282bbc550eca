//! Shared fixtures: fixed keys, a fixed clock, a credential with every
//! optional part filled in, and a verify context that can answer every check.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rampart_cert::status::{self, StatusList};
use rampart_cert::{
    CheckName, CheckStatus, CredentialInput, Evidence, IssuerInput, KeyPair, LearnerInput, Report,
    Timestamp, TrackInput, TrustedIssuer, VerifyContext,
};

pub fn fixture(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("read {}: {e}", full.display()))
}

pub fn key(byte: u8) -> KeyPair {
    KeyPair::from_seed([byte; 32])
}

/// The institution whose key signs the course's certificates.
pub fn institution() -> KeyPair {
    key(1)
}
/// Another issuer on the trust list.
pub fn other_trusted() -> KeyPair {
    key(2)
}
/// Someone not on the trust list.
pub fn attacker() -> KeyPair {
    key(3)
}
pub fn learner() -> KeyPair {
    key(4)
}

pub const COURSE_VERSION: &str = "3f1c9a7be2d84c6f0a51b2e39d7c8f6a4b1e0d2c9f8a7b6c5d4e3f2a1b0c9d8e";
pub const STATUS_URL: &str = "https://rampart.example/status/1";
pub const STATUS_INDEX: usize = 5;

pub fn t(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

pub fn issued_at() -> Timestamp {
    t("2025-03-01T10:00:00Z")
}
pub fn valid_until() -> Timestamp {
    t("2030-03-01T10:00:00Z")
}
pub fn now() -> Timestamp {
    t("2026-06-15T12:00:00Z")
}

/// Correct answers, by exercise: what the fake grader accepts.
pub fn answers() -> BTreeMap<&'static str, (&'static str, &'static str)> {
    BTreeMap::from([
        (
            "quiz-injection",
            ("quiz@1", r#"{"kind":"quiz","chosen":["b","d"]}"#),
        ),
        (
            "c-overflow",
            (
                "c@2",
                r##"{"kind":"c","files":{"main.c":"#include <string.h>\nint main(void) {\n  char buf[8];\n  strncpy(buf, \"hi\", sizeof buf - 1);\n  buf[7] = 0;\n  return 0;\n}\n"}}"##,
            ),
        ),
    ])
}

pub fn evidence(embed: bool) -> Vec<Evidence> {
    answers()
        .iter()
        .map(|(ex, (grader, sub))| Evidence::new(ex, grader, sub, embed))
        .collect()
}

pub fn input(issuer: &KeyPair, embed: bool, with_status: bool) -> CredentialInput {
    CredentialInput {
        id: "urn:uuid:6f1d5b8e-2c3a-4e7f-9a0b-1c2d3e4f5a6b".into(),
        issuer: IssuerInput {
            did: issuer.did(),
            name: "Example University".into(),
            url: Some("https://university.example".into()),
        },
        learner: LearnerInput {
            name: "Ada Lovelace".into(),
            id: Some(learner().did()),
        },
        track: TrackInput {
            id: "memory-safety".into(),
            name: "Memory safety in C".into(),
            description: "Finding and fixing memory errors in C programs.".into(),
            criteria: "Pass every exercise of the track under the recorded graders.".into(),
            course_version: COURSE_VERSION.into(),
            achievement_id: None,
        },
        valid_from: issued_at(),
        valid_until: Some(valid_until()),
        status: with_status.then(|| status::entry(STATUS_URL, STATUS_INDEX, "revocation")),
        evidence: evidence(embed),
    }
}

/// A signed institution credential with every optional part, as JSON text.
pub fn full_credential() -> String {
    let input = input(&institution(), true, true);
    rampart_cert::credential::issue(&input, &institution(), issued_at())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The institution's signed status list; entries 4 and 6 (other learners)
/// and any in `revoked` are set.
pub fn status_list(revoked: &[usize]) -> String {
    let mut list = StatusList::new();
    for &i in [4, 6].iter().chain(revoked) {
        list.set(i, true).unwrap_or_else(|e| panic!("{e}"));
    }
    status::signed_list_credential(
        STATUS_URL,
        "revocation",
        &list,
        &institution(),
        t("2025-01-01T00:00:00Z"),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

pub fn trust_list() -> Vec<TrustedIssuer> {
    vec![
        TrustedIssuer {
            did: institution().did(),
            name: "Example University".into(),
        },
        TrustedIssuer {
            did: other_trusted().did(),
            name: "Other College".into(),
        },
    ]
}

pub fn known_versions() -> Vec<String> {
    vec![
        "0000000000000000000000000000000000000000000000000000000000000000".into(),
        COURSE_VERSION.into(),
    ]
}

/// The fake current graders: an exercise passes when its grader version is
/// current and the embedded submission is the right answer.
pub fn regrade(e: &Evidence) -> Result<bool, String> {
    let answers = answers();
    let Some((grader, answer)) = answers.get(e.exercise.as_str()) else {
        return Err(format!("no exercise {} in this course version", e.exercise));
    };
    if e.grader != *grader {
        return Ok(false);
    }
    match &e.submission {
        Some(s) => Ok(s == answer),
        None => Err("the credential does not carry the submission".into()),
    }
}

/// Everything known: trust list, versions, the fetched status list, graders.
pub struct World {
    pub trust: Vec<TrustedIssuer>,
    pub versions: Vec<String>,
    pub status_list: String,
}

impl World {
    pub fn new() -> Self {
        World {
            trust: trust_list(),
            versions: known_versions(),
            status_list: status_list(&[]),
        }
    }

    pub fn ctx(&self) -> VerifyContext<'_> {
        VerifyContext {
            now: now(),
            trust_list: &self.trust,
            known_course_versions: Some(&self.versions),
            status_list_credential: Some(&self.status_list),
            did_documents: &[],
            regrade: Some(&regrade),
        }
    }
}

/// The statuses of a report, in order, for compact assertions.
pub fn statuses(report: &Report) -> Vec<(CheckName, CheckStatus)> {
    report.checks.iter().map(|c| (c.name, c.status)).collect()
}

/// Asserts that exactly the checks in `failing` fail and every other check
/// has the status `others` gives it.
#[track_caller]
pub fn assert_only_failing(report: &Report, failing: &[CheckName], context: &str) {
    for c in &report.checks {
        let want = if failing.contains(&c.name) {
            CheckStatus::Fail
        } else {
            CheckStatus::Pass
        };
        assert_eq!(
            c.status,
            want,
            "{context}: check {} is {} ({}), expected {}\nfull report:\n{report}",
            c.name.id(),
            c.status,
            c.message,
            want
        );
    }
}
