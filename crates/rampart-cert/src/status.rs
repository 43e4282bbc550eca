//! W3C Bitstring Status List v1.0: a revocation list that is itself a signed
//! credential.
//!
//! The list is a bitstring of at least 131,072 entries (16 KiB, so that a
//! fetch does not reveal which credential is being checked). Index 0 is the
//! most significant bit of the first byte. `encodedList` is multibase
//! base64url (`u…`, no padding) of the GZIP-compressed bitstring. A set bit
//! means revoked (or suspended, for a suspension list).

use serde_json::{Value, json};

use crate::compress::{self, CompressError};
use crate::credential::{StatusEntry, VC_CONTEXT_V2};
use crate::eddsa::{self, ProofOptions};
use crate::keys::KeyPair;
use crate::multibase::{self, MultibaseError};
use crate::time::Timestamp;

/// The smallest list the spec allows, in entries (bits).
pub const MIN_ENTRIES: usize = 131_072;
/// Largest inflated list accepted when reading one: 16 MiB (134 million entries).
pub const MAX_LIST_BYTES: usize = 16 * 1024 * 1024;
pub const ENTRY_TYPE: &str = "BitstringStatusListEntry";
pub const LIST_CREDENTIAL_TYPE: &str = "BitstringStatusListCredential";
pub const LIST_TYPE: &str = "BitstringStatusList";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    #[error(
        "a status list must have at least {MIN_ENTRIES} entries in whole bytes; {0} was asked for"
    )]
    BadLength(usize),
    #[error("index {index} is outside the status list ({len} entries) (RANGE_ERROR)")]
    OutOfRange { index: usize, len: usize },
    #[error("encodedList is not multibase base64url: {0}")]
    Multibase(#[from] MultibaseError),
    #[error("encodedList does not decompress: {0}")]
    Compress(#[from] CompressError),
    #[error(
        "the decoded status list has {0} entries, fewer than the {MIN_ENTRIES} the spec requires (STATUS_LIST_LENGTH_ERROR)"
    )]
    TooShort(usize),
    #[error("signing the status list credential failed: {0}")]
    Sign(#[from] eddsa::ProofError),
}

/// A bitstring of status entries.
#[derive(Clone, PartialEq, Eq)]
pub struct StatusList {
    bytes: Vec<u8>,
}

impl std::fmt::Debug for StatusList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = self
            .bytes
            .iter()
            .map(|b| b.count_ones() as usize)
            .sum::<usize>();
        write!(f, "StatusList({} entries, {set} set)", self.len())
    }
}

impl Default for StatusList {
    fn default() -> Self {
        StatusList::new()
    }
}

impl StatusList {
    /// An all-clear list of the minimum size.
    pub fn new() -> Self {
        StatusList {
            bytes: vec![0; MIN_ENTRIES / 8],
        }
    }

    /// An all-clear list of `entries` bits (a multiple of 8, at least the minimum).
    pub fn with_len(entries: usize) -> Result<Self, StatusError> {
        if entries < MIN_ENTRIES || !entries.is_multiple_of(8) {
            return Err(StatusError::BadLength(entries));
        }
        Ok(StatusList {
            bytes: vec![0; entries / 8],
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.bytes.len() * 8
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub fn get(&self, index: usize) -> Result<bool, StatusError> {
        let byte = self.bytes.get(index / 8).ok_or(StatusError::OutOfRange {
            index,
            len: self.len(),
        })?;
        Ok(byte & (0x80 >> (index % 8)) != 0)
    }

    pub fn set(&mut self, index: usize, value: bool) -> Result<(), StatusError> {
        let len = self.len();
        let byte = self
            .bytes
            .get_mut(index / 8)
            .ok_or(StatusError::OutOfRange { index, len })?;
        let mask = 0x80 >> (index % 8);
        if value {
            *byte |= mask;
        } else {
            *byte &= !mask;
        }
        Ok(())
    }

    /// `encodedList`: `u` + base64url(gzip(bits)).
    pub fn encode(&self) -> String {
        multibase::encode_base64url(&compress::gzip(&self.bytes))
    }

    /// Reads an `encodedList`.
    pub fn decode(encoded: &str) -> Result<Self, StatusError> {
        let gz = multibase::decode_base64url(encoded)?;
        let bytes = compress::gunzip(&gz, MAX_LIST_BYTES)?;
        if bytes.len() * 8 < MIN_ENTRIES {
            return Err(StatusError::TooShort(bytes.len() * 8));
        }
        Ok(StatusList { bytes })
    }
}

/// The `credentialStatus` entry for entry `index` of the list published at
/// `list_credential_url`.
pub fn entry(list_credential_url: &str, index: usize, purpose: &str) -> StatusEntry {
    StatusEntry {
        id: format!("{list_credential_url}#{index}"),
        kind: ENTRY_TYPE.into(),
        status_purpose: purpose.into(),
        status_list_index: index.to_string(),
        status_list_credential: list_credential_url.into(),
    }
}

/// The unsigned `BitstringStatusListCredential` for `list`, published at `id`.
pub fn list_credential(
    id: &str,
    issuer: &str,
    purpose: &str,
    list: &StatusList,
    valid_from: Timestamp,
) -> Value {
    json!({
        "@context": [VC_CONTEXT_V2],
        "id": id,
        "type": ["VerifiableCredential", LIST_CREDENTIAL_TYPE],
        "issuer": issuer,
        "validFrom": valid_from.to_rfc3339(),
        "credentialSubject": {
            "id": format!("{id}#list"),
            "type": LIST_TYPE,
            "statusPurpose": purpose,
            "encodedList": list.encode(),
        }
    })
}

/// The status list credential signed by `key` (whose did:key is the issuer),
/// as JSON text.
pub fn signed_list_credential(
    id: &str,
    purpose: &str,
    list: &StatusList,
    key: &KeyPair,
    created: Timestamp,
) -> Result<String, StatusError> {
    let unsigned = list_credential(id, &key.did(), purpose, list, created);
    let signed = eddsa::add_proof(&unsigned, &ProofOptions::assertion(key, created), key)?;
    Ok(serde_json::to_string_pretty(&signed).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_msb_first() {
        let mut list = StatusList::new();
        assert_eq!(list.set(0, true), Ok(()));
        assert_eq!(list.set(9, true), Ok(()));
        assert_eq!(&list.bytes[..2], &[0x80, 0x40]);
        assert_eq!(list.get(9), Ok(true));
        assert_eq!(list.get(10), Ok(false));
        assert_eq!(
            list.get(MIN_ENTRIES),
            Err(StatusError::OutOfRange {
                index: MIN_ENTRIES,
                len: MIN_ENTRIES
            })
        );
        let decoded = StatusList::decode(&list.encode());
        assert_eq!(decoded.as_ref().map(|l| l.get(9)), Ok(Ok(true)));
    }

    #[test]
    fn too_short_lists_are_refused() {
        let short = multibase::encode_base64url(&compress::gzip(&[0u8; 100]));
        assert_eq!(StatusList::decode(&short), Err(StatusError::TooShort(800)));
        assert_eq!(StatusList::with_len(8), Err(StatusError::BadLength(8)));
    }
}
