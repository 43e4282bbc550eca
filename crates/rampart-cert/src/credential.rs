//! The Open Badges 3.0 `OpenBadgeCredential` Rampart issues, as plain serde
//! types, and the builder that fills it in.
//!
//! Shape (every nested `type` an array, as the 1EdTech schema wants):
//!
//! - `@context`: the VC 2.0 context, the OB 3.0.3 context, and an inline
//!   context that maps the prefix `rampart:` to [`RAMPART_VOCAB`], so the
//!   extension properties below are defined terms for JSON-LD readers.
//! - `issuer`: a `Profile` whose `id` is the signer's `did:key` (or `did:web`).
//! - `credentialSubject`: an `AchievementSubject` with the learner as an
//!   `IdentityObject` (identity type `name`, not hashed) and, when known, the
//!   learner's own DID as `id`. Its `achievement` names the track (`name`),
//!   the course version id (`version`), the track id (`rampart:track`) and
//!   the `criteria`.
//! - `evidence`: one `Evidence` per graded exercise: `name` is the exercise
//!   id, `rampart:grader` the grader as `kind@version`,
//!   `rampart:submissionSha256` the hex SHA-256 of the submission's JSON text
//!   and, in self-issued credentials, `rampart:submission` the submission
//!   itself: multibase base64url (`u…`) of its raw-DEFLATE-compressed UTF-8
//!   JSON. `narrative` says the same for people.
//! - `credentialSchema`: the 1EdTech AchievementCredential schema.
//! - `credentialStatus`: a `BitstringStatusListEntry` when the issuer keeps a
//!   status list.
//! - `proof`: one `eddsa-jcs-2022` Data Integrity proof, in an array.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::compress;
use crate::eddsa::{self, ProofError, ProofOptions};
use crate::json::{self, JsonError};
use crate::keys::KeyPair;
use crate::multibase;
use crate::schema::{ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, SCHEMA_VALIDATOR_TYPE};
use crate::time::Timestamp;

pub const VC_CONTEXT_V2: &str = "https://www.w3.org/ns/credentials/v2";
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The IRI the `rampart:` prefix stands for.
pub const RAMPART_VOCAB: &str = "urn:rampart:cert:1#";
/// Largest submission accepted inside one evidence item, once inflated.
pub const MAX_SUBMISSION_BYTES: usize = 256 * 1024;
/// Largest total of inflated submissions read from one credential.
pub const MAX_TOTAL_SUBMISSION_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    #[error("the credential is not valid JSON: {0}")]
    Json(#[from] JsonError),
    #[error("the credential does not have the expected shape: {0}")]
    Shape(String),
    #[error("{0}")]
    Input(String),
    #[error("signing failed: {0}")]
    Proof(#[from] ProofError),
    #[error("{at}: {problem}")]
    Evidence { at: String, problem: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenBadgeCredential {
    #[serde(rename = "@context")]
    pub context: Vec<Value>,
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub issuer: Profile,
    #[serde(rename = "validFrom")]
    pub valid_from: String,
    #[serde(
        rename = "validUntil",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_until: Option<String>,
    #[serde(rename = "credentialSubject")]
    pub credential_subject: AchievementSubject,
    #[serde(rename = "credentialSchema", default)]
    pub credential_schema: Vec<CredentialSchema>,
    #[serde(
        rename = "credentialStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub credential_status: Option<StatusEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proof: Vec<Proof>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AchievementSubject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub achievement: Achievement,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<IdentityObject>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Achievement {
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// The track's title.
    pub name: String,
    pub description: String,
    pub criteria: Criteria,
    /// The course version id the track was taken under.
    pub version: String,
    /// The track id.
    #[serde(
        rename = "rampart:track",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub track: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criteria {
    pub narrative: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityObject {
    #[serde(rename = "type")]
    pub kind: String,
    pub hashed: bool,
    #[serde(rename = "identityHash")]
    pub identity_hash: String,
    #[serde(rename = "identityType")]
    pub identity_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialSchema {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// A `BitstringStatusListEntry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEntry {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(rename = "statusPurpose")]
    pub status_purpose: String,
    /// A base-10 integer, as a string (the spec's choice).
    #[serde(rename = "statusListIndex")]
    pub status_list_index: String,
    #[serde(rename = "statusListCredential")]
    pub status_list_credential: String,
}

/// One evidence item as it appears in the credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// The exercise id.
    pub name: String,
    pub narrative: String,
    #[serde(rename = "rampart:grader")]
    pub grader: String,
    #[serde(rename = "rampart:submissionSha256")]
    pub submission_sha256: String,
    #[serde(
        rename = "rampart:submission",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub submission: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proof {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(rename = "type")]
    pub kind: String,
    pub cryptosuite: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(rename = "verificationMethod")]
    pub verification_method: String,
    #[serde(rename = "proofPurpose")]
    pub proof_purpose: String,
    #[serde(rename = "proofValue")]
    pub proof_value: String,
}

/// One graded exercise, the way the app, the CLI and a re-grader see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub exercise: String,
    /// `kind@version`, e.g. `quiz@1`.
    pub grader: String,
    /// Lower-case hex SHA-256 of the submission's JSON text.
    pub submission_sha256: String,
    /// The submission's JSON text, when the credential carries it.
    pub submission: Option<String>,
}

impl Evidence {
    /// Evidence for `submission_json`; `embed` keeps the submission itself
    /// (self-issued credentials), otherwise only its hash is recorded.
    pub fn new(exercise: &str, grader: &str, submission_json: &str, embed: bool) -> Self {
        Evidence {
            exercise: exercise.to_string(),
            grader: grader.to_string(),
            submission_sha256: sha256_hex(submission_json.as_bytes()),
            submission: embed.then(|| submission_json.to_string()),
        }
    }

    /// The credential's form of this evidence.
    pub fn to_item(&self) -> EvidenceItem {
        let mut narrative = format!(
            "Exercise {} passed grader {}. SHA-256 of the submission: {}.",
            self.exercise, self.grader, self.submission_sha256
        );
        if self.submission.is_some() {
            narrative.push_str(
                " The submission is embedded in rampart:submission (DEFLATE, multibase base64url).",
            );
        }
        EvidenceItem {
            id: None,
            types: vec!["Evidence".into()],
            name: self.exercise.clone(),
            narrative,
            grader: self.grader.clone(),
            submission_sha256: self.submission_sha256.clone(),
            submission: self
                .submission
                .as_ref()
                .map(|s| multibase::encode_base64url(&compress::deflate(s.as_bytes()))),
        }
    }

    /// Reads one evidence item of a credential (any JSON value), inflating
    /// the submission within `limit` bytes and checking it against its hash.
    pub fn from_value(item: &Value, limit: usize) -> Result<Self, String> {
        let text = |name: &str| -> Result<String, String> {
            match item.get(name) {
                Some(Value::String(s)) => Ok(s.clone()),
                Some(other) => Err(format!("{name} must be a string, found {other}")),
                None => Err(format!("{name} is missing")),
            }
        };
        if !item.is_object() {
            return Err(format!("must be an object, found {item}"));
        }
        let exercise = text("name")?;
        let grader = text("rampart:grader")?;
        match grader.split_once('@') {
            Some((kind, version))
                if !kind.is_empty()
                    && !version.is_empty()
                    && version.bytes().all(|b| b.is_ascii_digit()) => {}
            _ => {
                return Err(format!(
                    "rampart:grader is {grader:?}; expected kind@version such as \"quiz@1\""
                ));
            }
        }
        let sha = text("rampart:submissionSha256")?;
        if sha.len() != 64 || !sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(format!(
                "rampart:submissionSha256 is {sha:?}; expected 64 lower-case hex digits"
            ));
        }
        let submission = match item.get("rampart:submission") {
            None => None,
            Some(Value::String(packed)) => {
                let deflated = multibase::decode_base64url(packed)
                    .map_err(|e| format!("rampart:submission is not multibase base64url: {e}"))?;
                let bytes = compress::inflate(&deflated, limit)
                    .map_err(|e| format!("rampart:submission does not inflate: {e}"))?;
                let json_text = String::from_utf8(bytes)
                    .map_err(|_| "rampart:submission is not UTF-8 text".to_string())?;
                let actual = sha256_hex(json_text.as_bytes());
                if actual != sha {
                    return Err(format!(
                        "the embedded submission hashes to {actual}, but rampart:submissionSha256 says {sha}"
                    ));
                }
                Some(json_text)
            }
            Some(other) => {
                return Err(format!(
                    "rampart:submission must be a string, found {other}"
                ));
            }
        };
        Ok(Evidence {
            exercise,
            grader,
            submission_sha256: sha,
            submission,
        })
    }
}

/// Every evidence item of `credential` (a parsed credential), in order; the
/// error names the item.
pub fn evidence_of(credential: &Value) -> Result<Vec<Evidence>, CredentialError> {
    let items = match credential.get("evidence") {
        None => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(CredentialError::Evidence {
                at: "evidence".into(),
                problem: format!("must be an array, found {}", short(other)),
            });
        }
    };
    let mut budget = MAX_TOTAL_SUBMISSION_BYTES;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let evidence =
            Evidence::from_value(item, budget.min(MAX_SUBMISSION_BYTES)).map_err(|problem| {
                CredentialError::Evidence {
                    at: format!("evidence[{i}]"),
                    problem,
                }
            })?;
        budget -= evidence.submission.as_ref().map_or(0, String::len);
        out.push(evidence);
    }
    Ok(out)
}

pub(crate) fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(77).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Who issues the credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerInput {
    /// `did:key:z6Mk…` (or `did:web:…`).
    pub did: String,
    pub name: String,
    pub url: Option<String>,
}

/// Who earned it. The name is self-claimed in self-issued credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerInput {
    pub name: String,
    /// The learner's DID, when they have one (self-issued: the issuer's).
    pub id: Option<String>,
}

/// What was earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackInput {
    pub id: String,
    pub name: String,
    pub description: String,
    /// What completing the track requires, for `criteria.narrative`.
    pub criteria: String,
    pub course_version: String,
    /// The achievement's id; defaults to `urn:rampart:track:<id>:<course version>`.
    pub achievement_id: Option<String>,
}

/// Everything [`build`] needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialInput {
    /// The credential's id, e.g. `urn:uuid:…` ([`new_urn_uuid`]).
    pub id: String,
    pub issuer: IssuerInput,
    pub learner: LearnerInput,
    pub track: TrackInput,
    pub valid_from: Timestamp,
    pub valid_until: Option<Timestamp>,
    pub status: Option<StatusEntry>,
    pub evidence: Vec<Evidence>,
}

/// The unsigned credential for `input`.
pub fn build(input: &CredentialInput) -> Result<OpenBadgeCredential, CredentialError> {
    let nonempty = |value: &str, what: &str| {
        if value.trim().is_empty() {
            Err(CredentialError::Input(format!(
                "{what} is empty; fill it in before issuing"
            )))
        } else {
            Ok(())
        }
    };
    nonempty(&input.id, "the credential id")?;
    nonempty(&input.issuer.did, "the issuer's DID")?;
    nonempty(&input.issuer.name, "the issuer's name")?;
    nonempty(&input.learner.name, "the learner's name")?;
    nonempty(&input.track.id, "the track id")?;
    nonempty(&input.track.name, "the track name")?;
    nonempty(&input.track.course_version, "the course version id")?;
    if !input.issuer.did.starts_with("did:key:") && !input.issuer.did.starts_with("did:web:") {
        return Err(CredentialError::Input(format!(
            "the issuer {:?} is neither a did:key nor a did:web",
            input.issuer.did
        )));
    }
    if let Some(until) = input.valid_until
        && until <= input.valid_from
    {
        return Err(CredentialError::Input(format!(
            "validUntil {until} is not after validFrom {}",
            input.valid_from
        )));
    }
    let track = &input.track;
    Ok(OpenBadgeCredential {
        context: vec![
            VC_CONTEXT_V2.into(),
            OB_CONTEXT.into(),
            json!({ "rampart": RAMPART_VOCAB }),
        ],
        id: input.id.clone(),
        types: vec!["VerifiableCredential".into(), "OpenBadgeCredential".into()],
        name: track.name.clone(),
        description: None,
        issuer: Profile {
            id: input.issuer.did.clone(),
            types: vec!["Profile".into()],
            name: input.issuer.name.clone(),
            url: input.issuer.url.clone(),
        },
        valid_from: input.valid_from.to_rfc3339(),
        valid_until: input.valid_until.map(|t| t.to_rfc3339()),
        credential_subject: AchievementSubject {
            id: input.learner.id.clone(),
            types: vec!["AchievementSubject".into()],
            achievement: Achievement {
                id: track.achievement_id.clone().unwrap_or_else(|| {
                    format!("urn:rampart:track:{}:{}", track.id, track.course_version)
                }),
                types: vec!["Achievement".into()],
                name: track.name.clone(),
                description: track.description.clone(),
                criteria: Criteria {
                    narrative: track.criteria.clone(),
                },
                version: track.course_version.clone(),
                track: Some(track.id.clone()),
            },
            identifier: vec![IdentityObject {
                kind: "IdentityObject".into(),
                hashed: false,
                identity_hash: input.learner.name.clone(),
                identity_type: "name".into(),
            }],
        },
        credential_schema: vec![CredentialSchema {
            id: ACHIEVEMENT_CREDENTIAL_SCHEMA_URL.into(),
            kind: SCHEMA_VALIDATOR_TYPE.into(),
        }],
        credential_status: input.status.clone(),
        evidence: input.evidence.iter().map(Evidence::to_item).collect(),
        proof: Vec::new(),
    })
}

impl OpenBadgeCredential {
    /// The credential as a JSON value.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a credential strictly (duplicate keys and oversize input refused)
    /// into the typed model. Unknown properties are dropped, so verify the
    /// original text with [`crate::verify()`], not a re-serialization of this.
    pub fn from_json(text: &str) -> Result<Self, CredentialError> {
        let value = json::parse(text)?;
        serde_json::from_value(value).map_err(|e| CredentialError::Shape(e.to_string()))
    }

    /// The evidence items, read back (inflated and hash-checked).
    pub fn evidence(&self) -> Result<Vec<Evidence>, CredentialError> {
        evidence_of(&self.to_value())
    }

    /// This credential signed by `key` with its did:key verification method.
    /// The issuer must be that did:key.
    pub fn sign(&self, key: &KeyPair, created: Timestamp) -> Result<Self, CredentialError> {
        if self.issuer.id != key.did() {
            return Err(CredentialError::Input(format!(
                "the issuer is {} but the key is {}; sign with the issuer's key, or use sign_with for a did:web issuer",
                self.issuer.id,
                key.did()
            )));
        }
        self.sign_with(key, &ProofOptions::assertion(key, created))
    }

    /// This credential signed by `key` with explicit proof options (for
    /// example a did:web verification method).
    pub fn sign_with(
        &self,
        key: &KeyPair,
        options: &ProofOptions,
    ) -> Result<Self, CredentialError> {
        let mut unsigned = self.clone();
        unsigned.proof.clear();
        let signed = eddsa::add_proof(&unsigned.to_value(), options, key)?;
        serde_json::from_value(signed).map_err(|e| CredentialError::Shape(e.to_string()))
    }
}

/// Builds and signs in one step, returning the credential's JSON text.
pub fn issue(
    input: &CredentialInput,
    key: &KeyPair,
    created: Timestamp,
) -> Result<String, CredentialError> {
    Ok(build(input)?.sign(key, created)?.to_json())
}

/// A random `urn:uuid:` (version 4) for a credential id.
pub fn new_urn_uuid() -> Result<String, crate::keys::KeyError> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| crate::keys::KeyError::Random(e.to_string()))?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    Ok(format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    ))
}
