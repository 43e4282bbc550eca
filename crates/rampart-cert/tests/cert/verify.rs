//! The verifier's report for the usual cases.

use rampart_cert::credential;
use rampart_cert::did;
use rampart_cert::eddsa::ProofOptions;
use rampart_cert::json;
use rampart_cert::{CheckName, CheckStatus, KeyPair, VerifyContext, parse_trust_list, verify};
use serde_json::json;

use crate::util::{
    World, assert_only_failing, attacker, full_credential, input, institution, issued_at, learner,
    now, statuses,
};

use CheckName::*;
use CheckStatus::*;

#[test]
fn an_institution_credential_passes_every_check() {
    let world = World::new();
    let report = verify(&full_credential(), &world.ctx());
    assert_only_failing(&report, &[], "institution credential");
    assert!(report.no_failures());
}

#[test]
fn the_report_reads_one_check_per_line() {
    let world = World::new();
    let report = verify(&full_credential(), &world.ctx());
    let text = report.to_string();
    assert_eq!(text.lines().count(), 9);
    assert_eq!(
        text,
        "pass         well-formed: strict JSON object, 3791 bytes\npass         Open Badges 3.0 schema: valid against the 1EdTech OB 3.0 AchievementCredential JSON Schema\npass         signature: the eddsa-jcs-2022 proof verifies with the key z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX\npass         key belongs to issuer: the signing key did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX#z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX is the issuer's own (did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX)\npass         issuer on this site's trust list: signed by Example University (did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX), which is on this site's trust list\npass         validity dates: valid from 2025-03-01T10:00:00Z until 2030-03-01T10:00:00Z; it is now 2026-06-15T12:00:00Z\npass         course version known: course version 3f1c9a7be2d84c6f0a51b2e39d7c8f6a4b1e0d2c9f8a7b6c5d4e3f2a1b0c9d8e is one this site knows\npass         evidence re-graded by the current graders: 2 evidence items re-graded; all pass\npass         revocation: not revoked: entry 5 of the status list https://rampart.example/status/1 (signed by the issuer) is clear\n"
    );
}

#[test]
fn offline_and_without_graders_some_checks_are_not_checked() {
    let trust = crate::util::trust_list();
    let ctx = VerifyContext {
        trust_list: &trust,
        ..VerifyContext::new(now())
    };
    let report = verify(&full_credential(), &ctx);
    assert_eq!(
        statuses(&report),
        [
            (WellFormed, Pass),
            (Schema, Pass),
            (Signature, Pass),
            (IssuerKey, Pass),
            (TrustedIssuer, Pass),
            (Dates, Pass),
            (CourseVersion, NotChecked),
            (Evidence, NotChecked),
            (Revocation, NotChecked),
        ],
        "{report}"
    );
    assert_eq!(
        report.get(Revocation).map(|c| c.message.as_str()),
        Some("offline: the status list https://rampart.example/status/1 was not fetched")
    );
}

/// What the app issues: the learner signs with their own key, and the
/// subject's id is that key's DID.
fn self_issued(me: &KeyPair) -> String {
    let mut inp = input(me, true, false);
    inp.issuer.name = "Ada Lovelace (self-issued)".into();
    inp.issuer.url = None;
    inp.valid_until = None;
    inp.learner.id = Some(me.did());
    credential::issue(&inp, me, issued_at()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_self_issued_credential_leaves_trust_not_checked_and_re_grades_the_work() {
    let me = learner();
    let world = World::new();
    let report = verify(&self_issued(&me), &world.ctx());
    assert_eq!(
        statuses(&report),
        [
            (WellFormed, Pass),
            (Schema, Pass),
            (Signature, Pass),
            (IssuerKey, Pass),
            (TrustedIssuer, NotChecked),
            (Dates, Pass),
            (CourseVersion, Pass),
            (Evidence, Pass),
            (Revocation, NotChecked),
        ],
        "{report}"
    );
    assert!(report.no_failures());
    assert_eq!(
        report.get(TrustedIssuer).map(|c| c.message.as_str()),
        Some(
            "self-issued: the learner signed with their own key; the name is self-declared, the work is re-graded below"
        )
    );
}

#[test]
fn self_issued_means_the_subject_is_the_issuer() {
    // Signed by a key that is not on the list, about someone else: an
    // untrusted issuer, not a self-issued credential.
    let stranger = attacker();
    let text = credential::issue(&input(&stranger, true, false), &stranger, issued_at())
        .unwrap_or_else(|e| panic!("{e}"));
    let world = World::new();
    let report = verify(&text, &world.ctx());
    assert_eq!(report.status(TrustedIssuer), Fail, "{report}");

    // A listed key that issues to itself is simply trusted.
    let inst = institution();
    let report = verify(&self_issued(&inst), &world.ctx());
    assert_eq!(report.status(TrustedIssuer), Pass, "{report}");

    // Claiming to be the subject does not help a credential whose issuer
    // is not the signer: the issuer-key check fails.
    let mut claimed = json::parse(&self_issued(&learner())).unwrap_or_else(|e| panic!("{e}"));
    claimed["issuer"]["id"] = json!(stranger.did());
    claimed["credentialSubject"]["id"] = json!(stranger.did());
    let report = verify(&claimed.to_string(), &world.ctx());
    assert_eq!(report.status(IssuerKey), Fail, "{report}");
    assert!(!report.no_failures());
}

#[test]
fn institution_evidence_without_submissions_is_not_checked() {
    let text = credential::issue(
        &input(&institution(), false, true),
        &institution(),
        issued_at(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let world = World::new();
    let message = Some(
        "issued by Example University after re-grading; submissions are not embedded, only their SHA-256",
    );
    let report = verify(&text, &world.ctx());
    for c in &report.checks {
        let want = if c.name == Evidence { NotChecked } else { Pass };
        assert_eq!(c.status, want, "{report}");
    }
    assert_eq!(report.get(Evidence).map(|c| c.message.as_str()), message);

    // The same without graders: the answer does not depend on them.
    let without = VerifyContext {
        regrade: None,
        ..world.ctx()
    };
    let report = verify(&text, &without);
    assert_eq!(report.get(Evidence).map(|c| c.message.as_str()), message);
}

#[test]
fn evidence_with_some_submissions_missing_is_re_graded_and_fails() {
    let mut inp = input(&institution(), true, true);
    inp.evidence[0].submission = None;
    let text =
        credential::issue(&inp, &institution(), issued_at()).unwrap_or_else(|e| panic!("{e}"));
    let world = World::new();
    let report = verify(&text, &world.ctx());
    assert_only_failing(&report, &[Evidence], "one submission missing");
    assert_eq!(
        report.get(Evidence).map(|c| c.message.as_str()),
        Some(
            "evidence[0] (exercise c-overflow, graded by c@2): could not re-grade: the credential does not carry the submission"
        )
    );
}

fn did_web_credential() -> (String, serde_json::Value) {
    let key = institution();
    let issuer = "did:web:university.example";
    let mut inp = input(&key, true, false);
    inp.issuer.did = issuer.into();
    let vm = format!("{issuer}#key-1");
    let options = ProofOptions {
        verification_method: vm.clone(),
        proof_purpose: "assertionMethod".into(),
        created: Some(issued_at()),
    };
    let signed = credential::build(&inp)
        .and_then(|c| c.sign_with(&key, &options))
        .unwrap_or_else(|e| panic!("{e}"));
    let document = json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": issuer,
        "verificationMethod": [{
            "id": vm,
            "type": "Multikey",
            "controller": issuer,
            "publicKeyMultibase": did::public_key_multibase(&key.public_key()),
        }],
        "assertionMethod": ["#key-1"],
    });
    (signed.to_json(), document)
}

#[test]
fn did_web_issuers_need_their_document() {
    let (text, document) = did_web_credential();
    let trust = parse_trust_list(
        r#"[{"did": "did:web:university.example", "name": "Example University"}]"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let versions = crate::util::known_versions();
    let base = VerifyContext {
        trust_list: &trust,
        known_course_versions: Some(&versions),
        regrade: Some(&crate::util::regrade),
        ..VerifyContext::new(now())
    };
    let offline = verify(&text, &base);
    assert_eq!(offline.status(Signature), NotChecked, "{offline}");
    assert_eq!(offline.status(IssuerKey), NotChecked, "{offline}");
    assert_eq!(offline.status(TrustedIssuer), Pass, "{offline}");
    assert_eq!(
        offline.get(IssuerKey).map(|c| c.message.as_str()),
        Some(
            "the issuer did:web:university.example is a did:web and its DID document was not supplied (checked online only)"
        )
    );

    let docs = [document.clone()];
    let online = verify(
        &text,
        &VerifyContext {
            did_documents: &docs,
            ..base
        },
    );
    assert_eq!(online.status(Signature), Pass, "{online}");
    assert_eq!(online.status(IssuerKey), Pass, "{online}");

    let mut not_for_assertions = document;
    not_for_assertions["assertionMethod"] = json!([]);
    let docs = [not_for_assertions];
    let report = verify(
        &text,
        &VerifyContext {
            did_documents: &docs,
            ..base
        },
    );
    assert_eq!(report.status(Signature), Pass, "{report}");
    assert_eq!(report.status(IssuerKey), Fail, "{report}");
}

#[test]
fn trust_lists_are_read_strictly() {
    assert_eq!(
        parse_trust_list(r#"[{"did": "https://x.example", "name": "X"}]"#).map_err(|e| e.to_string()),
        Err("issuers.json must be an array of {\"did\": …, \"name\": …}: \"https://x.example\" (X) is neither a did:key nor a did:web".to_string())
    );
    assert_eq!(
        parse_trust_list(r#"[{"did": "did:key:z6Mk", "did": "did:key:z6Mk", "name": "X"}]"#).map_err(|e| e.to_string()),
        Err("issuers.json is not valid JSON: line 1, column 26: duplicate key \"did\" in the object at [0]; JSON with repeated keys is ambiguous, so it is refused".to_string())
    );
    assert_eq!(parse_trust_list("[]"), Ok(vec![]));
}
