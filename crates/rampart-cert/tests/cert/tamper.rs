//! Tampering with a signed credential: every change fails the signature (or
//! the check about what was changed) and nothing else.

use rampart_cert::credential::OpenBadgeCredential;
use rampart_cert::eddsa::ProofOptions;
use rampart_cert::{CheckName, Timestamp, VerifyContext, json, multibase, verify};
use serde_json::Value;

use crate::util::{
    World, assert_only_failing, attacker, full_credential, issued_at, other_trusted, status_list,
    valid_until,
};

use CheckName::*;

/// JSON pointers of every leaf (string, number, boolean, null).
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                leaves(child, format!("{at}/{}", escape(k)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                leaves(child, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

/// A change an attacker might hope goes unnoticed: dates move by a second,
/// numbers in strings move by one, other strings change their last
/// character for a neighbour of the same kind, booleans flip.
fn mutate(v: &Value) -> Value {
    match v {
        Value::Bool(b) => Value::Bool(!b),
        Value::Null => Value::Bool(false),
        Value::Number(n) => Value::from(n.as_f64().unwrap_or(0.0) + 1.0),
        Value::String(s) => {
            if let Ok(t) = Timestamp::parse(s) {
                return t.plus_seconds(1).to_rfc3339().into();
            }
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                return s
                    .parse::<u128>()
                    .map(|n| (n + 1).to_string())
                    .unwrap_or_default()
                    .into();
            }
            let mut chars: Vec<char> = s.chars().collect();
            match chars.last_mut() {
                Some(c @ ('a'..='y' | 'A'..='Y' | '0'..='8')) => *c = char::from(*c as u8 + 1),
                Some(c @ 'z') => *c = 'a',
                Some(c @ 'Z') => *c = 'A',
                Some(c @ '9') => *c = '0',
                _ => chars.push('x'),
            }
            Value::String(chars.into_iter().collect())
        }
        other => other.clone(),
    }
}

/// The checks besides the signature that a change at `pointer` must fail.
fn also_failing(pointer: &str) -> Vec<CheckName> {
    let parts: Vec<&str> = pointer.split('/').skip(1).collect();
    match parts.as_slice() {
        // The OB contexts are fixed by the schema; the inline one is free.
        ["@context", "0" | "1"] => vec![Schema],
        ["type", _] => vec![Schema],
        ["issuer", "id"] => vec![IssuerKey, Revocation],
        ["issuer", "type", _] => vec![Schema],
        ["credentialSubject", "type", _] => vec![Schema],
        ["credentialSubject", "achievement", "type", _] => vec![Schema],
        ["credentialSubject", "achievement", "version"] => vec![CourseVersion],
        [
            "credentialSubject",
            "identifier",
            _,
            "type" | "identityType",
        ] => vec![Schema],
        ["evidence", _, "type", _] => vec![Schema],
        [
            "evidence",
            _,
            "name" | "rampart:grader" | "rampart:submissionSha256" | "rampart:submission",
        ] => {
            vec![Evidence]
        }
        // Index 5 moves to 6, which is another learner's revoked entry.
        [
            "credentialStatus",
            "type" | "statusPurpose" | "statusListIndex" | "statusListCredential",
        ] => {
            vec![Revocation]
        }
        ["proof", _, "verificationMethod"] => vec![IssuerKey],
        _ => vec![],
    }
}

fn with(v: &Value, pointer: &str, new: Value) -> String {
    let mut changed = v.clone();
    if let Some(slot) = changed.pointer_mut(pointer) {
        *slot = new;
    }
    serde_json::to_string_pretty(&changed).unwrap_or_default()
}

#[test]
fn every_single_field_change_fails_the_signature_and_only_what_it_touches() {
    let world = World::new();
    let original = json::parse(&full_credential()).unwrap_or_else(|e| panic!("{e}"));
    let mut pointers = Vec::new();
    leaves(&original, String::new(), &mut pointers);
    assert!(pointers.len() > 40, "{} leaves", pointers.len());
    let mut covered = std::collections::BTreeSet::new();
    for pointer in &pointers {
        let old = original.pointer(pointer).cloned().unwrap_or(Value::Null);
        let new = mutate(&old);
        assert_ne!(old, new, "{pointer}");
        let report = verify(&with(&original, pointer, new.clone()), &world.ctx());
        let mut failing = vec![Signature];
        failing.extend(also_failing(pointer));
        covered.extend(failing.iter().map(|c| c.id()));
        assert_only_failing(&report, &failing, &format!("{pointer}: {old} -> {new}"));
    }
    // The mutations reach every check a field can break.
    assert_eq!(
        covered.into_iter().collect::<Vec<_>>(),
        [
            "course-version",
            "evidence",
            "issuer-key",
            "revocation",
            "schema",
            "signature"
        ]
    );
}

#[test]
fn every_bit_flip_in_the_signature_fails_only_the_signature() {
    let world = World::new();
    let original = json::parse(&full_credential()).unwrap_or_else(|e| panic!("{e}"));
    let proof_value = original["proof"][0]["proofValue"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let signature = multibase::decode_base58btc(&proof_value).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(signature.len(), 64);
    for byte in 0..64 {
        for bit in 0..8 {
            let mut flipped = signature.clone();
            flipped[byte] ^= 1 << bit;
            let text = with(
                &original,
                "/proof/0/proofValue",
                multibase::encode_base58btc(&flipped).into(),
            );
            let report = verify(&text, &world.ctx());
            assert_only_failing(&report, &[Signature], &format!("byte {byte} bit {bit}"));
        }
    }
}

#[test]
fn every_character_change_in_the_proof_value_fails_only_the_signature() {
    let world = World::new();
    let original = json::parse(&full_credential()).unwrap_or_else(|e| panic!("{e}"));
    let proof_value = original["proof"][0]["proofValue"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    for (i, c) in proof_value.char_indices() {
        // A neighbour in the base58 alphabet (or outside it for the prefix).
        let replacement = match c {
            'z' if i == 0 => 'u',
            '9' => 'A',
            'z' => '1',
            'H' => 'J',
            'N' => 'P',
            'Z' => 'a',
            'k' => 'm',
            other => char::from(other as u8 + 1),
        };
        let mut changed = proof_value.clone();
        changed.replace_range(i..i + 1, &replacement.to_string());
        let text = with(&original, "/proof/0/proofValue", changed.clone().into());
        let report = verify(&text, &world.ctx());
        assert_only_failing(&report, &[Signature], &format!("position {i}: {changed}"));
    }
}

#[test]
fn a_swapped_issuer_fails_signature_issuer_key_and_revocation() {
    let world = World::new();
    let original = json::parse(&full_credential()).unwrap_or_else(|e| panic!("{e}"));
    let text = with(&original, "/issuer/id", other_trusted().did().into());
    let report = verify(&text, &world.ctx());
    // Still signed by a trusted key, so trusted-issuer passes; the status
    // list was signed by someone other than the claimed issuer.
    assert_only_failing(
        &report,
        &[Signature, IssuerKey, Revocation],
        "swapped issuer",
    );
    assert_eq!(
        report.get(IssuerKey).map(|c| c.message.clone()),
        Some(format!(
            "the proof's verificationMethod {} belongs to {}, but the issuer is {}",
            crate::util::institution().verification_method(),
            crate::util::institution().did(),
            other_trusted().did()
        ))
    );
}

#[test]
fn re_signed_with_another_key_fails_issuer_key_and_trust_but_the_signature_holds() {
    let world = World::new();
    let credential =
        OpenBadgeCredential::from_json(&full_credential()).unwrap_or_else(|e| panic!("{e}"));
    let forger = attacker();
    let forged = credential
        .sign_with(&forger, &ProofOptions::assertion(&forger, issued_at()))
        .unwrap_or_else(|e| panic!("{e}"));
    let report = verify(&forged.to_json(), &world.ctx());
    assert_only_failing(&report, &[IssuerKey, TrustedIssuer], "re-signed");
    assert_eq!(
        report.get(TrustedIssuer).map(|c| c.message.clone()),
        Some(format!(
            "signed by {}, which is not on this site's trust list (issuers.json)",
            forger.did()
        ))
    );
}

#[test]
fn evidence_that_no_longer_passes_fails_only_evidence() {
    let world = World::new();
    let strict = |_: &rampart_cert::Evidence| Ok(false);
    let ctx = VerifyContext {
        regrade: Some(&strict),
        ..world.ctx()
    };
    let report = verify(&full_credential(), &ctx);
    assert_only_failing(&report, &[Evidence], "graders now stricter");
    assert_eq!(
        report.get(Evidence).map(|c| c.message.as_str()),
        Some(
            "evidence[0] (exercise c-overflow, graded by c@2): the current graders do not pass this submission; \
             evidence[1] (exercise quiz-injection, graded by quiz@1): the current graders do not pass this submission"
        )
    );
}

#[test]
fn a_revoked_credential_fails_only_revocation() {
    let mut world = World::new();
    world.status_list = status_list(&[crate::util::STATUS_INDEX]);
    let report = verify(&full_credential(), &world.ctx());
    assert_only_failing(&report, &[Revocation], "revoked");
    assert_eq!(
        report.get(Revocation).map(|c| c.message.as_str()),
        Some("revoked: entry 5 of the status list https://rampart.example/status/1 is set")
    );
}

#[test]
fn a_status_list_signed_by_someone_else_fails_only_revocation() {
    let mut world = World::new();
    let list = rampart_cert::StatusList::new();
    world.status_list = rampart_cert::status::signed_list_credential(
        crate::util::STATUS_URL,
        "revocation",
        &list,
        &attacker(),
        issued_at(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let report = verify(&full_credential(), &world.ctx());
    assert_only_failing(&report, &[Revocation], "forged status list");
}

#[test]
fn expired_and_not_yet_valid_fail_only_dates() {
    let world = World::new();
    for (now, label, message) in [
        (
            valid_until().plus_seconds(86_400),
            "expired",
            "expired: valid until 2030-03-01T10:00:00Z, and it is now 2030-03-02T10:00:00Z",
        ),
        (
            issued_at().plus_seconds(-1),
            "not yet valid",
            "not yet valid: valid from 2025-03-01T10:00:00Z, and it is now 2025-03-01T09:59:59Z",
        ),
    ] {
        let ctx = VerifyContext { now, ..world.ctx() };
        let report = verify(&full_credential(), &ctx);
        assert_only_failing(&report, &[Dates], label);
        assert_eq!(report.get(Dates).map(|c| c.message.as_str()), Some(message));
    }
}

#[test]
fn an_unknown_course_version_fails_only_course_version() {
    let mut world = World::new();
    world.versions = vec!["abc".into()];
    let report = verify(&full_credential(), &world.ctx());
    assert_only_failing(&report, &[CourseVersion], "unknown version");
}
