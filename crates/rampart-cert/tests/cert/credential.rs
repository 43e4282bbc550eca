//! The builder and the evidence round trip.

use rampart_cert::credential::{self, OpenBadgeCredential, evidence_of};
use rampart_cert::{Evidence, json};

use crate::util::{answers, attacker, input, institution, issued_at, learner};

#[test]
fn evidence_round_trips_with_and_without_submissions() {
    for embed in [true, false] {
        let built = credential::build(&input(&institution(), embed, false))
            .unwrap_or_else(|e| panic!("{e}"));
        let back = built.evidence().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, crate::util::evidence(embed));
        for (e, (ex, (grader, sub))) in back.iter().zip(answers()) {
            assert_eq!(e.exercise, ex);
            assert_eq!(e.grader, grader);
            assert_eq!(e.submission_sha256, credential::sha256_hex(sub.as_bytes()));
            assert_eq!(e.submission.as_deref(), embed.then_some(sub));
        }
    }
}

#[test]
fn the_credential_reads_as_documented() {
    let text = credential::issue(
        &input(&institution(), true, true),
        &institution(),
        issued_at(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let v = json::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["@context"][0], "https://www.w3.org/ns/credentials/v2");
    assert_eq!(
        v["@context"][1],
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    );
    assert_eq!(v["@context"][2]["rampart"], credential::RAMPART_VOCAB);
    assert_eq!(
        v["type"],
        serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(v["issuer"]["id"], institution().did());
    assert_eq!(
        v["credentialSubject"]["achievement"]["name"],
        "Memory safety in C"
    );
    assert_eq!(
        v["credentialSubject"]["achievement"]["version"],
        crate::util::COURSE_VERSION
    );
    assert_eq!(
        v["credentialSubject"]["achievement"]["rampart:track"],
        "memory-safety"
    );
    assert_eq!(
        v["credentialSubject"]["identifier"][0]["identityHash"],
        "Ada Lovelace"
    );
    assert_eq!(v["credentialSubject"]["id"], learner().did());
    assert_eq!(v["credentialStatus"]["statusListIndex"], "5");
    assert_eq!(v["evidence"][0]["name"], "c-overflow");
    assert_eq!(v["evidence"][0]["rampart:grader"], "c@2");
    assert!(
        v["evidence"][0]["rampart:submission"]
            .as_str()
            .is_some_and(|s| s.starts_with('u'))
    );
    assert_eq!(v["proof"][0]["cryptosuite"], "eddsa-jcs-2022");
    assert_eq!(
        v["proof"][0]["verificationMethod"],
        institution().verification_method()
    );
    assert_eq!(v["proof"][0]["@context"], v["@context"]);
    assert_eq!(v["proof"][0]["created"], "2025-03-01T10:00:00Z");
    let typed = OpenBadgeCredential::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(typed.to_json(), text);
}

#[test]
fn signing_with_someone_elses_key_is_refused() {
    let built =
        credential::build(&input(&institution(), false, false)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        built.sign(&attacker(), issued_at()).map(|_| ()).map_err(|e| e.to_string()),
        Err("the issuer is did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX but the key is did:key:z6MkvRXNYcE7MMduynWTgeKbDaT1iijDSC8pZqXZc8rHPrf2; sign with the issuer's key, or use sign_with for a did:web issuer".to_string())
    );
}

#[test]
fn builder_refuses_empty_and_inverted_input() {
    let mut bad = input(&institution(), false, false);
    bad.learner.name = "  ".into();
    assert_eq!(
        credential::build(&bad)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err("the learner's name is empty; fill it in before issuing".to_string())
    );
    let mut inverted = input(&institution(), false, false);
    inverted.valid_until = Some(inverted.valid_from);
    assert_eq!(
        credential::build(&inverted)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err(
            "validUntil 2025-03-01T10:00:00Z is not after validFrom 2025-03-01T10:00:00Z"
                .to_string()
        )
    );
}

#[test]
fn evidence_errors_name_the_item_and_field() {
    let built =
        credential::build(&input(&institution(), true, false)).unwrap_or_else(|e| panic!("{e}"));
    let mut v = built.to_value();
    v["evidence"][1]["rampart:submissionSha256"] = credential::sha256_hex(b"something else").into();
    assert_eq!(
        evidence_of(&v).map(|_| ()).map_err(|e| e.to_string()),
        Err("evidence[1]: the embedded submission hashes to 7a17c1b4588da49632232fc23a8d4dfcba3f442a816510c4a0d6c092ac1493f6, but rampart:submissionSha256 says f41f3fa625ff120ddca7ef456bf66371ecea23c129f4e4c32367101edb516cf8".to_string())
    );
    v["evidence"][1]["rampart:grader"] = "quiz".into();
    assert_eq!(
        evidence_of(&v).map(|_| ()).map_err(|e| e.to_string()),
        Err(
            "evidence[1]: rampart:grader is \"quiz\"; expected kind@version such as \"quiz@1\""
                .to_string()
        )
    );
}

#[test]
fn submissions_are_capped_when_inflated() {
    let huge = format!(
        "{{\"kind\":\"c\",\"files\":{{\"main.c\":\"{}\"}}}}",
        " ".repeat(2 * 1024 * 1024)
    );
    let item = Evidence::new("c-overflow", "c@2", &huge, true).to_item();
    let value = serde_json::to_value(&item).unwrap_or_default();
    assert!(
        value["rampart:submission"]
            .as_str()
            .is_some_and(|s| s.len() < 10_000),
        "compresses well"
    );
    assert_eq!(
        Evidence::from_value(&value, credential::MAX_SUBMISSION_BYTES),
        Err(
            "rampart:submission does not inflate: the data inflates to more than 262144 bytes"
                .to_string()
        )
    );
}

#[test]
fn urn_uuids_are_version_4() {
    let id = credential::new_urn_uuid().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(id.len(), "urn:uuid:".len() + 36, "{id}");
    assert_eq!(&id[23..24], "4", "{id}");
    assert!(matches!(&id[28..29], "8" | "9" | "a" | "b"), "{id}");
}
