//! Key generation and the Multikey export format.

use rampart_cert::KeyPair;

#[test]
fn generated_keys_are_random_and_usable() {
    let a = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    let b = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(a.did(), b.did());
    assert!(a.did().starts_with("did:key:z6Mk"), "{}", a.did());
    let message = b"hello";
    let sig = ed25519_dalek::Signature::from_bytes(&a.sign(message));
    assert!(a.public_key().verify_strict(message, &sig).is_ok());
}

#[test]
fn export_import_round_trip() {
    let key = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    let json = key.to_json();
    let back = KeyPair::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.did(), key.did());
    assert_eq!(back.secret_key_multibase(), key.secret_key_multibase());
    assert!(json.contains("\"type\": \"Multikey\""), "{json}");
    assert!(
        json.contains(&format!("\"id\": \"{}\"", key.verification_method())),
        "{json}"
    );
}

#[test]
fn import_refuses_inconsistent_files() {
    let key = KeyPair::from_seed([9; 32]);
    let other = KeyPair::from_seed([8; 32]);
    let mixed = key
        .to_json()
        .replace(&key.public_key_multibase(), &other.public_key_multibase());
    assert_eq!(
        KeyPair::from_json(&mixed).map(|_| ()).map_err(|e| e.to_string()),
        Err("the key file says its public key is z6Mkfmm57fsb6VL7zVusP8zeA9SYkCKdvUhby2G7Yh8vvQ1P, but the secret key's public key is z6MkwVDfCg9LbbY6xjH3EZk8YSFQZujV5Y4y1ZWeER9tDiN3".to_string())
    );
    assert_eq!(
        KeyPair::from_json("{\"publicKeyMultibase\": \"z6Mk\"}")
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err("the key file has no secretKeyMultibase".to_string())
    );
    let public_as_secret = format!(
        "{{\"secretKeyMultibase\": \"{}\"}}",
        key.public_key_multibase()
    );
    assert_eq!(
        KeyPair::from_json(&public_as_secret)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err(
            "the key file has a secret key without the ed25519-priv multicodec prefix (0x8026)"
                .to_string()
        )
    );
}

#[test]
fn debug_never_prints_the_secret() {
    let key = KeyPair::from_seed([7; 32]);
    let shown = format!("{key:?}");
    assert!(!shown.contains(&key.secret_key_multibase()), "{shown}");
    assert!(shown.contains(&key.did()), "{shown}");
}
