//! Ed25519 key pairs: generated from the platform's random source (the OS
//! natively, `crypto.getRandomValues` in the browser), exported and imported
//! as a Multikey JSON object.
//!
//! The export format is the W3C Multikey form (Controlled Identifiers 1.0),
//! the same shape as the W3C eddsa test vector's `keyPair.json`:
//!
//! ```json
//! {
//!   "type": "Multikey",
//!   "id": "did:key:z6Mk…#z6Mk…",
//!   "controller": "did:key:z6Mk…",
//!   "publicKeyMultibase": "z6Mk…",
//!   "secretKeyMultibase": "z3u2…"
//! }
//! ```
//!
//! `secretKeyMultibase` is `z` + base58btc(0x80 0x26 ‖ 32-byte seed). Import
//! also accepts the older name `privateKeyMultibase`, and checks that the
//! public key, when present, belongs to the secret key.

use std::fmt;

use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use serde_json::{Value, json};

use crate::did::{self, ED25519_PRIV_PREFIX};
use crate::json;
use crate::multibase;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the platform's random source failed: {0}")]
    Random(String),
    #[error("the key file is not valid JSON: {0}")]
    Json(#[from] json::JsonError),
    #[error("the key file {0}")]
    Format(String),
}

/// An Ed25519 signing key with its did:key identity. The secret is wiped
/// from memory when the pair is dropped; `Debug` never prints it.
#[derive(Clone)]
pub struct KeyPair {
    signing: SigningKey,
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair")
            .field("did", &self.did())
            .finish_non_exhaustive()
    }
}

impl KeyPair {
    /// A new key from the platform's cryptographic random source.
    pub fn generate() -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        let pair = KeyPair::from_seed(seed);
        seed.fill(0);
        Ok(pair)
    }

    /// The key for a 32-byte Ed25519 seed (RFC 8032 secret key).
    pub fn from_seed(seed: [u8; 32]) -> Self {
        KeyPair {
            signing: SigningKey::from_bytes(&seed),
        }
    }

    pub fn public_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// `did:key:z6Mk…`
    pub fn did(&self) -> String {
        did::did_key(&self.public_key())
    }

    /// `did:key:z6Mk…#z6Mk…`
    pub fn verification_method(&self) -> String {
        did::did_key_verification_method(&self.public_key())
    }

    /// `z6Mk…`
    pub fn public_key_multibase(&self) -> String {
        did::public_key_multibase(&self.public_key())
    }

    /// `z3u2…`: the seed behind the multicodec `ed25519-priv` prefix.
    pub fn secret_key_multibase(&self) -> String {
        let mut bytes = Vec::with_capacity(34);
        bytes.extend_from_slice(&ED25519_PRIV_PREFIX);
        bytes.extend_from_slice(self.signing.as_bytes());
        let out = multibase::encode_base58btc(&bytes);
        bytes.fill(0);
        out
    }

    /// Reads a `z3u2…` secret key.
    pub fn from_secret_key_multibase(value: &str) -> Result<Self, KeyError> {
        let mut bytes = multibase::decode_base58btc(value).map_err(|e| {
            KeyError::Format(format!("has a secret key that is not base58btc: {e}"))
        })?;
        let result = match bytes.strip_prefix(&ED25519_PRIV_PREFIX[..]) {
            Some(seed) => <[u8; 32]>::try_from(seed)
                .map(KeyPair::from_seed)
                .map_err(|_| {
                    KeyError::Format(format!(
                        "has a secret key of {} bytes; an Ed25519 seed is 32",
                        seed.len()
                    ))
                }),
            None => Err(KeyError::Format(
                "has a secret key without the ed25519-priv multicodec prefix (0x8026)".into(),
            )),
        };
        bytes.fill(0);
        result
    }

    /// The Multikey JSON object described in the module docs.
    pub fn to_json(&self) -> String {
        let value = json!({
            "type": "Multikey",
            "id": self.verification_method(),
            "controller": self.did(),
            "publicKeyMultibase": self.public_key_multibase(),
            "secretKeyMultibase": self.secret_key_multibase(),
        });
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }

    /// Reads the Multikey JSON object written by [`KeyPair::to_json`] (or the
    /// W3C test vector's `keyPair.json`).
    pub fn from_json(text: &str) -> Result<Self, KeyError> {
        let value = json::parse(text)?;
        let field = |name: &str| value.get(name).and_then(Value::as_str);
        let secret = field("secretKeyMultibase")
            .or_else(|| field("privateKeyMultibase"))
            .ok_or_else(|| KeyError::Format("has no secretKeyMultibase".into()))?;
        let pair = KeyPair::from_secret_key_multibase(secret)?;
        if let Some(public) = field("publicKeyMultibase")
            && public != pair.public_key_multibase()
        {
            return Err(KeyError::Format(format!(
                "says its public key is {public}, but the secret key's public key is {}",
                pair.public_key_multibase()
            )));
        }
        if let Some(controller) = field("controller")
            && controller != pair.did()
        {
            return Err(KeyError::Format(format!(
                "says its controller is {controller}, but the key's did:key is {}",
                pair.did()
            )));
        }
        Ok(pair)
    }

    /// An Ed25519 signature (RFC 8032) of `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

pub(crate) fn base64url_decode(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text)
}
