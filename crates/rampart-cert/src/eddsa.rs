//! Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C Data
//! Integrity EdDSA Cryptosuites v1.0, section 3.3).
//!
//! Creating a proof:
//! 1. The proof configuration is the proof options (`type`,
//!    `cryptosuite`, `created`, `verificationMethod`, `proofPurpose`) plus
//!    the document's `@context`, when it has one.
//! 2. The document (without `proof`) and the proof configuration are each
//!    canonicalized with RFC 8785 and hashed with SHA-256.
//! 3. Ed25519 signs `hash(proof configuration) ‖ hash(document)`; the
//!    signature becomes `proofValue`, multibase base58btc.
//!
//! Verifying reverses this: the proof without `proofValue` is the proof
//! configuration, the proof's `@context` must be a prefix of the document's
//! and replaces it, and the signature is checked with the strict Ed25519
//! rules (no small-order keys, canonical `S`).

use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::jcs;
use crate::keys::KeyPair;
use crate::multibase;
use crate::time::Timestamp;

pub const PROOF_TYPE: &str = "DataIntegrityProof";
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The proof purpose of a credential's proof.
pub const ASSERTION_METHOD: &str = "assertionMethod";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("the document must be a JSON object")]
    NotAnObject,
    #[error("the document has no proof")]
    NoProof,
    #[error("the document already has a proof; adding a second one is not supported")]
    AlreadySigned,
    #[error("{field} {problem}")]
    Field { field: String, problem: String },
    #[error("the proof's @context {proof} is not the start of the document's @context {document}")]
    ContextMismatch { proof: String, document: String },
    #[error("the signature does not match the document and the key {key}")]
    BadSignature { key: String },
}

fn field_err(field: &str, problem: impl Into<String>) -> ProofError {
    ProofError::Field {
        field: field.to_string(),
        problem: problem.into(),
    }
}

/// What the signer states in the proof besides the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofOptions {
    pub verification_method: String,
    pub proof_purpose: String,
    pub created: Option<Timestamp>,
}

impl ProofOptions {
    /// Options for a credential signed by `key` (its did:key method), made at `created`.
    pub fn assertion(key: &KeyPair, created: Timestamp) -> Self {
        ProofOptions {
            verification_method: key.verification_method(),
            proof_purpose: ASSERTION_METHOD.to_string(),
            created: Some(created),
        }
    }
}

/// Everything the signature covers, step by step, so tests can compare each
/// stage with the W3C vectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningInput {
    pub canonical_document: String,
    pub canonical_proof_config: String,
    pub document_hash: [u8; 32],
    pub proof_config_hash: [u8; 32],
}

impl SigningInput {
    /// `hash(proof configuration) ‖ hash(document)`: the 64 bytes signed.
    pub fn hash_data(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&self.proof_config_hash);
        out[32..].copy_from_slice(&self.document_hash);
        out
    }
}

/// Canonicalizes and hashes `unsecured_document` (which must have no
/// `proof`) and `proof_config` (a proof without `proofValue`), after checking
/// the configuration's `type`, `cryptosuite` and `created`.
pub fn signing_input(
    unsecured_document: &Value,
    proof_config: &Value,
) -> Result<SigningInput, ProofError> {
    check_config(proof_config, "proof")?;
    let canonical_document = jcs::canonicalize(unsecured_document);
    let canonical_proof_config = jcs::canonicalize(proof_config);
    Ok(SigningInput {
        document_hash: Sha256::digest(canonical_document.as_bytes()).into(),
        proof_config_hash: Sha256::digest(canonical_proof_config.as_bytes()).into(),
        canonical_document,
        canonical_proof_config,
    })
}

fn check_config(config: &Value, at: &str) -> Result<(), ProofError> {
    let Value::Object(map) = config else {
        return Err(field_err(at, "must be a JSON object"));
    };
    let text = |name: &str| -> Result<&str, ProofError> {
        match map.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(field_err(
                &format!("{at}.{name}"),
                format!("must be a string, found {other}"),
            )),
            None => Err(field_err(&format!("{at}.{name}"), "is missing")),
        }
    };
    let ty = text("type")?;
    if ty != PROOF_TYPE {
        return Err(field_err(
            &format!("{at}.type"),
            format!("is {ty:?}, expected {PROOF_TYPE:?}"),
        ));
    }
    let suite = text("cryptosuite")?;
    if suite != CRYPTOSUITE {
        return Err(field_err(
            &format!("{at}.cryptosuite"),
            format!("is {suite:?}, expected {CRYPTOSUITE:?}"),
        ));
    }
    if map.contains_key("created") {
        let created = text("created")?;
        Timestamp::parse(created)
            .map_err(|e| field_err(&format!("{at}.created"), format!("is not valid: {e}")))?;
    }
    text("verificationMethod")?;
    text("proofPurpose")?;
    Ok(())
}

/// Makes an `eddsa-jcs-2022` proof for `unsecured_document` (an object
/// without `proof`). The returned proof carries the document's `@context`,
/// as the cryptosuite specifies.
pub fn create_proof(
    unsecured_document: &Value,
    options: &ProofOptions,
    key: &KeyPair,
) -> Result<Value, ProofError> {
    let Value::Object(doc) = unsecured_document else {
        return Err(ProofError::NotAnObject);
    };
    if doc.contains_key("proof") {
        return Err(ProofError::AlreadySigned);
    }
    let mut proof = Map::new();
    proof.insert("type".into(), PROOF_TYPE.into());
    proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
    if let Some(created) = options.created {
        proof.insert("created".into(), created.to_rfc3339().into());
    }
    proof.insert(
        "verificationMethod".into(),
        options.verification_method.clone().into(),
    );
    proof.insert("proofPurpose".into(), options.proof_purpose.clone().into());
    if let Some(context) = doc.get("@context") {
        proof.insert("@context".into(), context.clone());
    }
    let mut proof = Value::Object(proof);
    let input = signing_input(unsecured_document, &proof)?;
    let signature = key.sign(&input.hash_data());
    if let Value::Object(map) = &mut proof {
        map.insert(
            "proofValue".into(),
            multibase::encode_base58btc(&signature).into(),
        );
    }
    Ok(proof)
}

/// `document` with a one-element `proof` array added (Open Badges 3.0 wants
/// an array).
pub fn add_proof(
    document: &Value,
    options: &ProofOptions,
    key: &KeyPair,
) -> Result<Value, ProofError> {
    let proof = create_proof(document, options, key)?;
    let mut signed = document.clone();
    if let Value::Object(map) = &mut signed {
        map.insert("proof".into(), Value::Array(vec![proof]));
    }
    Ok(signed)
}

/// The proofs of `document`: its `proof` value, an object or an array of
/// objects.
pub fn proofs_of(document: &Value) -> Result<Vec<&Value>, ProofError> {
    match document.get("proof") {
        None => Err(ProofError::NoProof),
        Some(Value::Array(items)) if items.is_empty() => Err(ProofError::NoProof),
        Some(Value::Array(items)) => Ok(items.iter().collect()),
        Some(p @ Value::Object(_)) => Ok(vec![p]),
        Some(other) => Err(field_err(
            "proof",
            format!("must be an object or an array of objects, found {other}"),
        )),
    }
}

/// Checks one `proof` of `secured_document` against `public_key`.
/// `expected_purpose` is the proof purpose the caller relies on.
pub fn verify_proof(
    secured_document: &Value,
    proof: &Value,
    public_key: &VerifyingKey,
    expected_purpose: &str,
) -> Result<(), ProofError> {
    let Value::Object(doc) = secured_document else {
        return Err(ProofError::NotAnObject);
    };
    let Value::Object(proof_map) = proof else {
        return Err(field_err("proof", "must be a JSON object"));
    };
    let mut unsecured = doc.clone();
    unsecured.remove("proof");
    let mut options = proof_map.clone();
    let proof_value = match options.remove("proofValue") {
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(field_err(
                "proof.proofValue",
                format!("must be a string, found {other}"),
            ));
        }
        None => return Err(field_err("proof.proofValue", "is missing")),
    };
    let options = Value::Object(options);
    check_config(&options, "proof")?;
    let purpose = options
        .get("proofPurpose")
        .and_then(Value::as_str)
        .unwrap_or("");
    if purpose != expected_purpose {
        return Err(field_err(
            "proof.proofPurpose",
            format!("is {purpose:?}, expected {expected_purpose:?}"),
        ));
    }
    let signature = multibase::decode_base58btc(&proof_value).map_err(|e| {
        field_err(
            "proof.proofValue",
            format!("is not multibase base58btc: {e}"),
        )
    })?;
    let signature: [u8; 64] = signature.as_slice().try_into().map_err(|_| {
        field_err(
            "proof.proofValue",
            format!(
                "decodes to {} bytes; an Ed25519 signature is 64",
                signature.len()
            ),
        )
    })?;
    if let Some(proof_context) = options.get("@context") {
        let as_list = |v: &Value| match v {
            Value::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        let wanted = as_list(proof_context);
        let have = doc.get("@context").map(as_list).unwrap_or_default();
        if have.len() < wanted.len() || have[..wanted.len()] != wanted[..] {
            return Err(ProofError::ContextMismatch {
                proof: proof_context.to_string(),
                document: doc
                    .get("@context")
                    .map_or("(none)".into(), Value::to_string),
            });
        }
        unsecured.insert("@context".into(), proof_context.clone());
    }
    let input = signing_input(&Value::Object(unsecured), &options)?;
    public_key
        .verify_strict(&input.hash_data(), &Signature::from_bytes(&signature))
        .map_err(|_| ProofError::BadSignature {
            key: crate::did::public_key_multibase(public_key),
        })
}
