//! Published test vectors, byte for byte: RFC 8785 (cyberphone), W3C
//! eddsa-jcs-2022, did:key.

use rampart_cert::did;
use rampart_cert::eddsa::{self, ProofOptions};
use rampart_cert::jcs;
use rampart_cert::json;
use rampart_cert::multibase;
use rampart_cert::{KeyPair, Timestamp};
use serde_json::Value;

use crate::util::fixture;

const JCS_CASES: [&str; 6] = [
    "arrays",
    "french",
    "structures",
    "unicode",
    "values",
    "weird",
];

#[test]
fn rfc8785_cyberphone_vectors_canonicalize_exactly() {
    for name in JCS_CASES {
        let input = fixture(&format!("rfc8785-cyberphone/input/{name}.json"));
        let expected = fixture(&format!("rfc8785-cyberphone/output/{name}.json"));
        let got = jcs::canonicalize_str(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, expected, "{name}: canonical text");
        let hex: String = fixture(&format!("rfc8785-cyberphone/outhex/{name}.txt"))
            .split_whitespace()
            .collect();
        assert_eq!(hex::encode(got.as_bytes()), hex, "{name}: bytes");
    }
}

#[test]
fn canonical_form_is_a_fixed_point() {
    for name in JCS_CASES {
        let expected = fixture(&format!("rfc8785-cyberphone/output/{name}.json"));
        assert_eq!(
            jcs::canonicalize_str(&expected).as_deref(),
            Ok(expected.as_str()),
            "{name}"
        );
    }
}

fn w3c(path: &str) -> String {
    fixture(&format!("w3c-vc-di-eddsa/{path}"))
}

fn w3c_json(path: &str) -> Value {
    json::parse(&w3c(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn w3c_key() -> KeyPair {
    KeyPair::from_json(&w3c("keyPair.json")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn w3c_key_pair_imports() {
    let key = w3c_key();
    assert_eq!(
        key.public_key_multibase(),
        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    );
    assert_eq!(
        key.secret_key_multibase(),
        "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
    );
}

#[test]
fn w3c_eddsa_jcs_2022_intermediate_values() {
    let unsigned = w3c_json("unsigned.json");
    let config = w3c_json("eddsa-jcs-2022/proofConfigJCS.json");
    let input = eddsa::signing_input(&unsigned, &config).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        input.canonical_document,
        w3c("eddsa-jcs-2022/canonDocJCS.txt")
    );
    assert_eq!(
        input.canonical_proof_config,
        w3c("eddsa-jcs-2022/proofCanonJCS.txt")
    );
    assert_eq!(
        hex::encode(input.document_hash),
        w3c("eddsa-jcs-2022/docHashJCS.txt")
    );
    assert_eq!(
        hex::encode(input.proof_config_hash),
        w3c("eddsa-jcs-2022/proofHashJCS.txt")
    );
    assert_eq!(
        hex::encode(input.hash_data()),
        w3c("eddsa-jcs-2022/combinedHashJCS.txt")
    );
    let signature = w3c_key().sign(&input.hash_data());
    assert_eq!(hex::encode(signature), w3c("eddsa-jcs-2022/sigHexJCS.txt"));
    assert_eq!(
        multibase::encode_base58btc(&signature),
        w3c("eddsa-jcs-2022/sigBTC58JCS.txt")
    );
}

#[test]
fn w3c_eddsa_jcs_2022_create_proof_reproduces_signed_vector() {
    let unsigned = w3c_json("unsigned.json");
    let key = w3c_key();
    let options = ProofOptions {
        verification_method: key.verification_method(),
        proof_purpose: "assertionMethod".into(),
        created: Some(Timestamp::parse("2023-02-24T23:36:38Z").unwrap_or_else(|e| panic!("{e}"))),
    };
    let proof = eddsa::create_proof(&unsigned, &options, &key).unwrap_or_else(|e| panic!("{e}"));
    let signed = w3c_json("eddsa-jcs-2022/signedJCS.json");
    assert_eq!(Some(&proof), signed.get("proof"));
    // The secured document, canonicalized, is the same bytes too.
    let mut ours = unsigned.clone();
    if let Value::Object(m) = &mut ours {
        m.insert("proof".into(), proof);
    }
    assert_eq!(jcs::canonicalize(&ours), jcs::canonicalize(&signed));
}

#[test]
fn w3c_eddsa_jcs_2022_signed_vector_verifies_and_tampering_fails() {
    let signed = w3c_json("eddsa-jcs-2022/signedJCS.json");
    let key = w3c_key().public_key();
    let proofs = eddsa::proofs_of(&signed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        eddsa::verify_proof(&signed, proofs[0], &key, "assertionMethod"),
        Ok(())
    );

    let mut changed = signed.clone();
    changed["credentialSubject"]["alumniOf"] = "The School of Counterexamples".into();
    let proofs = eddsa::proofs_of(&changed).unwrap_or_else(|e| panic!("{e}"));
    let err = eddsa::verify_proof(&changed, proofs[0], &key, "assertionMethod");
    assert_eq!(
        err.map_err(|e| e.to_string()),
        Err("the signature does not match the document and the key z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2".into())
    );

    let proofs = eddsa::proofs_of(&signed).unwrap_or_else(|e| panic!("{e}"));
    let err = eddsa::verify_proof(&signed, proofs[0], &key, "authentication");
    assert_eq!(
        err.map_err(|e| e.to_string()),
        Err("proof.proofPurpose is \"assertionMethod\", expected \"authentication\"".into())
    );

    // The proof's @context must be a prefix of the document's.
    let mut other_context = signed.clone();
    other_context["@context"][1] = "https://example.org/other".into();
    let proofs = eddsa::proofs_of(&other_context).unwrap_or_else(|e| panic!("{e}"));
    let err = eddsa::verify_proof(&other_context, proofs[0], &key, "assertionMethod");
    assert!(
        matches!(err, Err(eddsa::ProofError::ContextMismatch { .. })),
        "{err:?}"
    );
}

#[test]
fn did_key_vectors_round_trip() {
    let vectors =
        json::parse(&fixture("did-key/ed25519-x25519.json")).unwrap_or_else(|e| panic!("{e}"));
    let Value::Object(entries) = vectors else {
        panic!("the vector file is an object")
    };
    assert_eq!(entries.len(), 5);
    for (expected_did, v) in entries {
        let seed_hex = v["seed"].as_str().unwrap_or_default();
        let seed: [u8; 32] = hex::decode(seed_hex)
            .ok()
            .and_then(|b| b.try_into().ok())
            .unwrap_or_else(|| panic!("seed {seed_hex}"));
        let key = KeyPair::from_seed(seed);
        assert_eq!(key.did(), expected_did, "seed {seed_hex}");
        let vm = &v["didDocument"]["verificationMethod"][0];
        assert_eq!(Some(key.verification_method().as_str()), vm["id"].as_str());
        // Older vectors give the key in base58, one as a JWK.
        match (
            vm["publicKeyBase58"].as_str(),
            vm["publicKeyJwk"]["x"].as_str(),
        ) {
            (Some(b58), _) => {
                assert_eq!(multibase::base58_encode(key.public_key().as_bytes()), b58)
            }
            (None, Some(x)) => assert_eq!(
                multibase::encode_base64url(key.public_key().as_bytes()),
                format!("u{x}")
            ),
            (None, None) => panic!("{expected_did}: no public key in the vector"),
        }
        // did:key → public key → did:key
        let public = did::did_key_public_key(&expected_did).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(public, key.public_key());
        assert_eq!(did::did_key(&public), expected_did);
        let resolved = did::resolve_verification_method(&key.verification_method(), &[])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resolved.controller, expected_did);
        assert_eq!(resolved.key, public);
    }
}

#[test]
fn did_key_errors_say_what_is_wrong() {
    let x25519 = "did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW";
    assert_eq!(
        did::did_key_public_key(x25519).map_err(|e| e.to_string()),
        Err("\"did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW\" is not a did:key: the multicodec prefix is ec01 (ec01 is x25519-pub, a key-agreement key that cannot sign); an Ed25519 public key has ed01".to_string())
    );
    let vm = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#key-1";
    assert_eq!(
        did::resolve_verification_method(vm, &[]).map(|_| ()).map_err(|e| e.to_string()),
        Err("the verification method \"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#key-1\" is not the did:key's own key: expected \"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp\"".to_string())
    );
}
