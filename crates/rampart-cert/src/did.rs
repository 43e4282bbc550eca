//! `did:key` for Ed25519 (`did:key:z6Mk…`) and Multikey values, plus reading
//! an Ed25519 key out of an already fetched `did:web` DID document.
//!
//! A `did:key` is `did:key:` + multibase base58btc of the multicodec
//! `ed25519-pub` prefix (0xed 0x01) and the 32-byte public key; its one
//! verification method is `did:key:X#X`.

use ed25519_dalek::VerifyingKey;
use serde_json::Value;

use crate::multibase::{self, MultibaseError};

/// Multicodec `ed25519-pub` (0xed) as an unsigned varint.
pub const ED25519_PUB_PREFIX: [u8; 2] = [0xed, 0x01];
/// Multicodec `ed25519-priv` (0x1300) as an unsigned varint.
pub const ED25519_PRIV_PREFIX: [u8; 2] = [0x80, 0x26];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DidError {
    #[error("{value:?} is not a did:key: {reason}")]
    BadDidKey { value: String, reason: String },
    #[error("{value:?} is not an Ed25519 Multikey (z6Mk…): {reason}")]
    BadMultikey { value: String, reason: String },
    #[error("the verification method {vm:?} is not the did:key's own key: expected {expected:?}")]
    FragmentMismatch { vm: String, expected: String },
    #[error("{value:?} is not a did:web: {reason}")]
    BadDidWeb { value: String, reason: String },
    #[error("the DID document for {did} {reason}")]
    Document { did: String, reason: String },
    #[error(
        "the verification method {vm:?} uses an unsupported DID method; only did:key and did:web are accepted"
    )]
    UnsupportedMethod { vm: String },
    #[error(
        "the verification method {vm:?} is a did:web and no resolved DID document for {did} was supplied"
    )]
    NotResolved { vm: String, did: String },
}

/// `z6Mk…`: the Multikey form of an Ed25519 public key.
pub fn public_key_multibase(key: &VerifyingKey) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&ED25519_PUB_PREFIX);
    bytes.extend_from_slice(key.as_bytes());
    multibase::encode_base58btc(&bytes)
}

/// Reads a `z6Mk…` Multikey value.
pub fn parse_public_key_multibase(value: &str) -> Result<VerifyingKey, DidError> {
    decode_multikey(value).map_err(|reason| DidError::BadMultikey {
        value: value.to_string(),
        reason,
    })
}

fn decode_multikey(value: &str) -> Result<VerifyingKey, String> {
    let bytes = multibase::decode_base58btc(value).map_err(|e: MultibaseError| e.to_string())?;
    let Some(key) = bytes.strip_prefix(&ED25519_PUB_PREFIX[..]) else {
        let prefix = hex::encode(bytes.get(..2).unwrap_or(&bytes));
        let hint = if prefix == "ec01" {
            " (ec01 is x25519-pub, a key-agreement key that cannot sign)"
        } else {
            ""
        };
        return Err(format!(
            "the multicodec prefix is {prefix}{hint}; an Ed25519 public key has ed01"
        ));
    };
    let key: [u8; 32] = key
        .try_into()
        .map_err(|_| format!("the key is {} bytes, expected 32", key.len()))?;
    VerifyingKey::from_bytes(&key).map_err(|_| "the bytes are not an Ed25519 point".into())
}

/// `did:key:z6Mk…` for `key`.
pub fn did_key(key: &VerifyingKey) -> String {
    format!("did:key:{}", public_key_multibase(key))
}

/// `did:key:z6Mk…#z6Mk…`, the verification method id of a did:key.
pub fn did_key_verification_method(key: &VerifyingKey) -> String {
    let mb = public_key_multibase(key);
    format!("did:key:{mb}#{mb}")
}

/// The public key a `did:key` (without fragment) stands for.
pub fn did_key_public_key(did: &str) -> Result<VerifyingKey, DidError> {
    let Some(mb) = did.strip_prefix("did:key:") else {
        return Err(DidError::BadDidKey {
            value: did.to_string(),
            reason: "it does not start with \"did:key:\"".into(),
        });
    };
    decode_multikey(mb).map_err(|reason| DidError::BadDidKey {
        value: did.to_string(),
        reason,
    })
}

/// Splits a DID URL into the DID and the fragment (without `#`).
pub fn split_did_url(url: &str) -> (&str, Option<&str>) {
    match url.split_once('#') {
        Some((did, frag)) => (did, Some(frag)),
        None => (url, None),
    }
}

/// Where a `did:web` document lives: `did:web:example.com` →
/// `https://example.com/.well-known/did.json`, `did:web:example.com:a:b` →
/// `https://example.com/a/b/did.json` (`%3A` in the host is a port).
pub fn did_web_document_url(did: &str) -> Result<String, DidError> {
    let bad = |reason: &str| DidError::BadDidWeb {
        value: did.to_string(),
        reason: reason.to_string(),
    };
    let rest = did
        .strip_prefix("did:web:")
        .ok_or_else(|| bad("it does not start with \"did:web:\""))?;
    let mut parts = rest.split(':');
    let host = parts
        .next()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| bad("no host"))?;
    let host = host.replace("%3A", ":").replace("%3a", ":");
    if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    {
        return Err(bad("the host has characters a host name cannot have"));
    }
    let path: Vec<&str> = parts.collect();
    if path
        .iter()
        .any(|p| p.is_empty() || p.contains(['/', '?', '#']))
    {
        return Err(bad("a path segment is empty or has '/', '?' or '#'"));
    }
    Ok(if path.is_empty() {
        format!("https://{host}/.well-known/did.json")
    } else {
        format!("https://{host}/{}/did.json", path.join("/"))
    })
}

/// A public key found for a verification method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedKey {
    /// The DID that controls the key.
    pub controller: String,
    pub key: VerifyingKey,
    /// Whether the DID lists the method under `assertionMethod` (always true
    /// for did:key).
    pub assertion_method: bool,
}

/// Finds the Ed25519 key for the verification method `vm`: a `did:key` is
/// decoded locally, a `did:web` is looked up in `documents` (already fetched
/// and parsed DID documents).
pub fn resolve_verification_method(vm: &str, documents: &[Value]) -> Result<ResolvedKey, DidError> {
    let (did, fragment) = split_did_url(vm);
    if did.starts_with("did:key:") {
        let key = did_key_public_key(did)?;
        let expected = did_key_verification_method(&key);
        if fragment.is_none() || vm != expected {
            return Err(DidError::FragmentMismatch {
                vm: vm.to_string(),
                expected,
            });
        }
        return Ok(ResolvedKey {
            controller: did.to_string(),
            key,
            assertion_method: true,
        });
    }
    if !did.starts_with("did:web:") {
        return Err(DidError::UnsupportedMethod { vm: vm.to_string() });
    }
    did_web_document_url(did)?;
    let doc = documents
        .iter()
        .find(|d| d.get("id").and_then(Value::as_str) == Some(did))
        .ok_or_else(|| DidError::NotResolved {
            vm: vm.to_string(),
            did: did.to_string(),
        })?;
    let doc_err = |reason: String| DidError::Document {
        did: did.to_string(),
        reason,
    };
    let Some(fragment) = fragment else {
        return Err(doc_err(format!(
            "cannot be used: the verification method {vm:?} has no #fragment"
        )));
    };
    let same = |id: &str| id == vm || id.strip_prefix('#') == Some(fragment);
    let mut methods = Vec::new();
    for list in ["verificationMethod", "assertionMethod"] {
        if let Some(Value::Array(items)) = doc.get(list) {
            methods.extend(items.iter().filter(|m| m.is_object()));
        }
    }
    let method = methods
        .into_iter()
        .find(|m| m.get("id").and_then(Value::as_str).is_some_and(same))
        .ok_or_else(|| doc_err(format!("has no verification method with id {vm:?}")))?;
    let controller = method
        .get("controller")
        .and_then(Value::as_str)
        .unwrap_or(did);
    if controller != did {
        return Err(doc_err(format!(
            "says {vm:?} is controlled by {controller:?}, not by {did}"
        )));
    }
    let key =
        key_of_method(method).map_err(|reason| doc_err(format!("lists {vm:?} but {reason}")))?;
    let assertion_method = match doc.get("assertionMethod") {
        Some(Value::Array(items)) => items.iter().any(|item| match item {
            Value::String(s) => same(s),
            Value::Object(_) => item.get("id").and_then(Value::as_str).is_some_and(same),
            _ => false,
        }),
        _ => false,
    };
    Ok(ResolvedKey {
        controller: did.to_string(),
        key,
        assertion_method,
    })
}

fn key_of_method(method: &Value) -> Result<VerifyingKey, String> {
    let kind = method.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "Multikey" | "Ed25519VerificationKey2020" => {
            let mb = method
                .get("publicKeyMultibase")
                .and_then(Value::as_str)
                .ok_or("it has no publicKeyMultibase")?;
            parse_public_key_multibase(mb).map_err(|e| e.to_string())
        }
        "JsonWebKey" | "JsonWebKey2020" => {
            let jwk = method.get("publicKeyJwk").ok_or("it has no publicKeyJwk")?;
            let field = |name: &str| jwk.get(name).and_then(Value::as_str).unwrap_or("");
            if field("kty") != "OKP" || field("crv") != "Ed25519" {
                return Err("its publicKeyJwk is not an OKP Ed25519 key".into());
            }
            let x = crate::keys::base64url_decode(field("x"))
                .map_err(|e| format!("its publicKeyJwk.x is not base64url: {e}"))?;
            let x: [u8; 32] = x
                .as_slice()
                .try_into()
                .map_err(|_| format!("its publicKeyJwk.x is {} bytes, expected 32", x.len()))?;
            VerifyingKey::from_bytes(&x).map_err(|_| "its key is not an Ed25519 point".into())
        }
        other => Err(format!(
            "its type is {other:?}; expected Multikey, Ed25519VerificationKey2020 or JsonWebKey"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_web_urls() {
        assert_eq!(
            did_web_document_url("did:web:example.com").as_deref(),
            Ok("https://example.com/.well-known/did.json")
        );
        assert_eq!(
            did_web_document_url("did:web:example.com%3A3000:user:alice").as_deref(),
            Ok("https://example.com:3000/user/alice/did.json")
        );
        assert!(did_web_document_url("did:web:").is_err());
        assert!(did_web_document_url("did:web:a/b").is_err());
    }
}
