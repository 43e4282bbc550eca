//! Rampart's certificates: W3C Verifiable Credentials 2.0 of type
//! `OpenBadgeCredential` (Open Badges 3.0), signed with Data Integrity
//! `eddsa-jcs-2022`, issued by `did:key` Ed25519 keys, revocable through a
//! Bitstring Status List, and checked by a verifier that reports each check
//! on its own. Pure Rust, no clock, no network: the same code runs natively
//! (the CLI) and in the browser.
//!
//! Issuing:
//! 1. [`KeyPair::generate`] makes a key from the platform's random source
//!    (exported and imported as Multikey JSON).
//! 2. [`credential::build`] fills in the credential from a
//!    [`CredentialInput`]: issuer, learner, track with its course version,
//!    and one [`Evidence`] per graded exercise (hash, grader version and,
//!    when self-issued, the compressed submission).
//! 3. [`OpenBadgeCredential::sign`] adds the `eddsa-jcs-2022` proof: RFC 8785
//!    canonical JSON ([`jcs`]), SHA-256, Ed25519, base58btc ([`eddsa`]).
//! 4. An institution that revokes keeps a [`StatusList`] and publishes it as
//!    a signed status list credential ([`status`]).
//!
//! Verifying: [`verify()`] parses strictly ([`json`]: duplicate keys, size and
//! depth limits), then answers nine checks, each pass, fail or not checked:
//! well-formed, OB 3.0 schema ([`schema`]), signature, key belongs to the
//! issuer ([`did`]), issuer on the trust list, validity dates, course version
//! known, evidence re-graded (through a caller's callback), revocation.
//!
//! Modules: [`json`] strict parsing · [`jcs`] RFC 8785 · [`multibase`] ·
//! [`did`] did:key and did:web documents · [`keys`] · [`eddsa`] the
//! cryptosuite · [`time`] timestamps · [`schema`] JSON Schema and the OB 3.0
//! schema · [`credential`] the data model and builder · [`status`] Bitstring
//! Status List · [`compress`] DEFLATE and GZIP · [`mod@verify`] the report.

pub mod compress;
pub mod coverage;
pub mod credential;
pub mod did;
pub mod eddsa;
pub mod jcs;
pub mod json;
pub mod keys;
pub mod multibase;
pub mod schema;
pub mod status;
pub mod time;
pub mod verify;

pub use credential::{
    CredentialError, CredentialInput, Evidence, IssuerInput, LearnerInput, OpenBadgeCredential,
    StatusEntry, TrackInput,
};
pub use ed25519_dalek::VerifyingKey;
pub use keys::{KeyError, KeyPair};
pub use status::StatusList;
pub use time::Timestamp;
pub use verify::{
    Check, CheckName, CheckStatus, Report, TrustedIssuer, VerifyContext, parse_trust_list, verify,
};
