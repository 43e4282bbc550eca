//! The OB 3.0 schema: the embedded copy is the official file, every
//! credential this crate produces validates, and the schema's known demands
//! (arrays for proof, evidence, credentialSchema and nested types) hold.

use rampart_cert::credential::{self, OpenBadgeCredential};
use rampart_cert::schema::{self, validate_achievement_credential};
use rampart_cert::{KeyPair, json};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::util::{fixture, input, institution, issued_at, learner};

#[test]
fn embedded_schema_is_the_official_file() {
    let embedded = include_bytes!("../../data/ob_v3p0_achievementcredential_schema.json");
    assert_eq!(
        hex::encode(Sha256::digest(embedded)),
        "5753fb3ecf7d024ed273dd364bd683f483eb47257e718e6618832cf89eb2083a"
    );
}

fn errors(v: &Value) -> Vec<String> {
    validate_achievement_credential(v)
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn signed(input: &rampart_cert::CredentialInput, key: &KeyPair) -> Value {
    let text = credential::issue(input, key, issued_at()).unwrap_or_else(|e| panic!("{e}"));
    json::parse(&text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_kind_of_produced_credential_validates() {
    let inst = institution();
    let me = learner();
    let mut cases = Vec::new();
    for embed in [false, true] {
        for status in [false, true] {
            cases.push(signed(&input(&inst, embed, status), &inst));
        }
    }
    let mut self_issued = input(&me, true, false);
    self_issued.valid_until = None;
    self_issued.issuer.url = None;
    self_issued.learner.id = Some(me.did());
    cases.push(signed(&self_issued, &me));
    let mut bare = input(&inst, false, false);
    bare.evidence.clear();
    bare.learner.id = None;
    cases.push(signed(&bare, &inst));
    // Unsigned too: the schema does not require a proof.
    cases.push(
        credential::build(&input(&inst, true, true))
            .map(|c| c.to_value())
            .unwrap_or_else(|e| panic!("{e}")),
    );
    for (i, case) in cases.iter().enumerate() {
        assert_eq!(errors(case), Vec::<String>::new(), "case {i}");
        // And it survives the typed model unchanged.
        let typed: OpenBadgeCredential =
            serde_json::from_value(case.clone()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&typed.to_value(), case, "case {i}");
    }
}

#[test]
fn the_schema_wants_arrays() {
    let base = signed(&input(&institution(), true, true), &institution());
    let mut single_proof = base.clone();
    single_proof["proof"] = base["proof"][0].clone();
    assert_eq!(
        errors(&single_proof),
        ["proof: expected an array, found an object (schema rule #/properties/proof/type)"]
    );

    let mut single_evidence = base.clone();
    single_evidence["evidence"] = base["evidence"][0].clone();
    assert_eq!(
        errors(&single_evidence),
        ["evidence: expected an array, found an object (schema rule #/properties/evidence/type)"]
    );

    let mut single_schema = base.clone();
    single_schema["credentialSchema"] = base["credentialSchema"][0].clone();
    assert_eq!(
        errors(&single_schema),
        [
            "credentialSchema: expected an array, found an object (schema rule #/properties/credentialSchema/type)"
        ]
    );

    let mut string_type = base.clone();
    string_type["credentialSubject"]["achievement"]["type"] = "Achievement".into();
    assert_eq!(
        errors(&string_type),
        [
            "credentialSubject.achievement.type: expected an array, found a string \"Achievement\" (schema rule #/$defs/Achievement/properties/type/type)"
        ]
    );
}

#[test]
fn other_schema_demands() {
    let base = signed(&input(&institution(), true, true), &institution());
    let mut no_status_id = base.clone();
    if let Some(Value::Object(s)) = no_status_id.get_mut("credentialStatus") {
        s.remove("id");
    }
    assert_eq!(
        errors(&no_status_id),
        [
            "credentialStatus: the required property \"id\" is missing (schema rule #/$defs/CredentialStatus/required)"
        ]
    );

    let mut wrong_context = base.clone();
    wrong_context["@context"][1] =
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.jsonld".into();
    assert_eq!(
        errors(&wrong_context),
        [
            "@context[1]: a string \"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.jsonld\" does not match the pattern ^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$ (schema rule #/properties/@context/items/1/pattern)"
        ]
    );

    let mut missing = base.clone();
    if let Value::Object(m) = &mut missing {
        m.remove("validFrom");
        m.remove("issuer");
    }
    assert_eq!(
        errors(&missing),
        [
            "the top level: the required property \"issuer\" is missing (schema rule #/required)",
            "the top level: the required property \"validFrom\" is missing (schema rule #/required)"
        ]
    );

    let mut bad_date = base.clone();
    bad_date["validUntil"] = "next year".into();
    assert_eq!(
        errors(&bad_date),
        [
            "validUntil: expected a date-time: \"next year\" is not a date-time with a time zone such as 2025-01-31T12:00:00Z: too short (schema rule #/properties/validUntil/format)"
        ]
    );

    let mut not_ob = base.clone();
    not_ob["type"] = serde_json::json!(["VerifiableCredential"]);
    assert_eq!(
        errors(&not_ob),
        [
            "type: must contain one of \"AchievementCredential\", \"OpenBadgeCredential\", found [\"VerifiableCredential\"] (schema rule #/properties/type/allOf/1/contains)"
        ]
    );
}

#[test]
fn the_w3c_vector_is_not_an_open_badge() {
    let alumni = json::parse(&fixture("w3c-vc-di-eddsa/eddsa-jcs-2022/signedJCS.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        errors(&alumni),
        [
            "@context[1]: a string \"https://www.w3.org/ns/credentials/examples/v2\" does not match the pattern ^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$ (schema rule #/properties/@context/items/1/pattern)",
            "credentialSubject: the required property \"type\" is missing (schema rule #/$defs/AchievementSubject/required)",
            "credentialSubject: the required property \"achievement\" is missing (schema rule #/$defs/AchievementSubject/required)",
            "proof: expected an array, found an object (schema rule #/properties/proof/type)",
            "type: must contain one of \"AchievementCredential\", \"OpenBadgeCredential\", found [\"VerifiableCredential\",\"AlumniCredential\"] (schema rule #/properties/type/allOf/1/contains)"
        ]
    );
}

#[test]
fn schema_constants_match_the_schema_file() {
    let built =
        credential::build(&input(&institution(), false, false)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        built.credential_schema[0].id,
        schema::ACHIEVEMENT_CREDENTIAL_SCHEMA_URL
    );
    assert_eq!(
        built.credential_schema[0].kind,
        "1EdTechJsonSchemaValidator2019"
    );
}
