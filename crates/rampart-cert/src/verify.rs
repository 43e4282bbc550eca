//! Verification: one [`Check`] per question, each answered on its own, so a
//! reader sees exactly what holds and what does not.
//!
//! | check | passes when |
//! |---|---|
//! | well-formed | the text is strict JSON (no duplicate keys, within size and depth limits) and an object |
//! | schema | it validates against 1EdTech's OB 3.0 AchievementCredential schema |
//! | signature | its one `eddsa-jcs-2022` proof verifies with the key its verification method names |
//! | issuer-key | that verification method belongs to the credential's `issuer` |
//! | trusted-issuer | the DID that signed is on this site's trust list (`issuers.json`); not checked for a self-issued credential (subject `id` = issuer) |
//! | dates | `validFrom` ≤ now, and now ≤ `validUntil` when there is one |
//! | course-version | `credentialSubject.achievement.version` is a course version this site knows |
//! | evidence | every evidence item is intact and passes the current graders; not checked when no item embeds its submission (hash-only, institution-issued) |
//! | revocation | the Bitstring Status List entry is clear, in a list the credential's issuer signed |
//!
//! A check that cannot be answered with what the caller supplied (offline,
//! no graders, a did:web without its document) is "not checked", never a
//! pass. Nothing here reads a clock or the network: the caller passes "now",
//! the fetched status list and resolved DID documents in [`VerifyContext`].

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::credential::{Evidence, evidence_of, short};
use crate::did::{self, DidError, ResolvedKey};
use crate::eddsa::{self, ASSERTION_METHOD};
use crate::json::{self, JsonError};
use crate::schema;
use crate::status::{self, StatusList};
use crate::time::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckName {
    WellFormed,
    Schema,
    Signature,
    IssuerKey,
    TrustedIssuer,
    Dates,
    CourseVersion,
    Evidence,
    Revocation,
}

impl CheckName {
    /// Every check, in report order.
    pub const ALL: [CheckName; 9] = [
        CheckName::WellFormed,
        CheckName::Schema,
        CheckName::Signature,
        CheckName::IssuerKey,
        CheckName::TrustedIssuer,
        CheckName::Dates,
        CheckName::CourseVersion,
        CheckName::Evidence,
        CheckName::Revocation,
    ];

    /// The stable id, e.g. `issuer-key`.
    pub fn id(self) -> &'static str {
        match self {
            CheckName::WellFormed => "well-formed",
            CheckName::Schema => "schema",
            CheckName::Signature => "signature",
            CheckName::IssuerKey => "issuer-key",
            CheckName::TrustedIssuer => "trusted-issuer",
            CheckName::Dates => "dates",
            CheckName::CourseVersion => "course-version",
            CheckName::Evidence => "evidence",
            CheckName::Revocation => "revocation",
        }
    }

    /// What the check asks, for people.
    pub fn title(self) -> &'static str {
        match self {
            CheckName::WellFormed => "well-formed",
            CheckName::Schema => "Open Badges 3.0 schema",
            CheckName::Signature => "signature",
            CheckName::IssuerKey => "key belongs to issuer",
            CheckName::TrustedIssuer => "issuer on this site's trust list",
            CheckName::Dates => "validity dates",
            CheckName::CourseVersion => "course version known",
            CheckName::Evidence => "evidence re-graded by the current graders",
            CheckName::Revocation => "revocation",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStatus {
    Pass,
    Fail,
    NotChecked,
}

impl fmt::Display for CheckStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::NotChecked => "not checked",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub name: CheckName,
    pub status: CheckStatus,
    pub message: String,
}

/// The result of [`verify`]: the nine checks, in [`CheckName::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub checks: Vec<Check>,
}

impl Report {
    /// The check called `name`.
    pub fn get(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.name == name)
    }

    /// The status of check `name` (not checked if absent).
    pub fn status(&self, name: CheckName) -> CheckStatus {
        self.get(name).map_or(CheckStatus::NotChecked, |c| c.status)
    }

    /// True when no check failed. "Not checked" is not a failure, so a UI
    /// must show those too.
    pub fn no_failures(&self) -> bool {
        self.checks.iter().all(|c| c.status != CheckStatus::Fail)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.checks {
            writeln!(
                f,
                "{:<11}  {}: {}",
                c.status.to_string(),
                c.name.title(),
                c.message
            )?;
        }
        Ok(())
    }
}

/// One entry of the site's `issuers.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedIssuer {
    pub did: String,
    pub name: String,
}

/// Reads `issuers.json`: a JSON array of `{"did": …, "name": …}`.
pub fn parse_trust_list(text: &str) -> Result<Vec<TrustedIssuer>, TrustListError> {
    let value = json::parse(text)?;
    let list: Vec<TrustedIssuer> =
        serde_json::from_value(value).map_err(|e| TrustListError::Shape(e.to_string()))?;
    for entry in &list {
        if !entry.did.starts_with("did:key:") && !entry.did.starts_with("did:web:") {
            return Err(TrustListError::Shape(format!(
                "{:?} ({}) is neither a did:key nor a did:web",
                entry.did, entry.name
            )));
        }
    }
    Ok(list)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustListError {
    #[error("issuers.json is not valid JSON: {0}")]
    Json(#[from] JsonError),
    #[error("issuers.json must be an array of {{\"did\": …, \"name\": …}}: {0}")]
    Shape(String),
}

/// Re-grades one evidence item with the current graders: `Ok(true)` passes,
/// `Ok(false)` fails, `Err` says why it could not be graded.
pub type Regrader<'a> = &'a dyn Fn(&Evidence) -> Result<bool, String>;

/// What the verifier knows besides the credential.
#[derive(Clone, Copy)]
pub struct VerifyContext<'a> {
    /// The instant to judge validity dates at.
    pub now: Timestamp,
    /// The site's `issuers.json`.
    pub trust_list: &'a [TrustedIssuer],
    /// Course version ids this site knows; `None` leaves the check not checked.
    pub known_course_versions: Option<&'a [String]>,
    /// The JSON text fetched from the credential's `statusListCredential`
    /// URL; `None` (offline) leaves revocation not checked.
    pub status_list_credential: Option<&'a str>,
    /// Resolved DID documents for `did:web` issuers.
    pub did_documents: &'a [Value],
    /// The re-grader; `None` leaves evidence not checked.
    pub regrade: Option<Regrader<'a>>,
}

impl<'a> VerifyContext<'a> {
    /// A context that knows only the time: every check that needs more is
    /// "not checked" (and the trust list is empty).
    pub fn new(now: Timestamp) -> Self {
        VerifyContext {
            now,
            trust_list: &[],
            known_course_versions: None,
            status_list_credential: None,
            did_documents: &[],
            regrade: None,
        }
    }
}

impl fmt::Debug for VerifyContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyContext")
            .field("now", &self.now)
            .field("trust_list", &self.trust_list)
            .field("known_course_versions", &self.known_course_versions)
            .field(
                "status_list_credential",
                &self.status_list_credential.map(str::len),
            )
            .field("did_documents", &self.did_documents.len())
            .field("regrade", &self.regrade.is_some())
            .finish()
    }
}

type Outcome = (CheckStatus, String);

fn pass(message: impl Into<String>) -> Outcome {
    (CheckStatus::Pass, message.into())
}
fn fail(message: impl Into<String>) -> Outcome {
    (CheckStatus::Fail, message.into())
}
fn not_checked(message: impl Into<String>) -> Outcome {
    (CheckStatus::NotChecked, message.into())
}

/// Verifies a credential's JSON text; see the module docs for the checks.
pub fn verify(credential_json: &str, ctx: &VerifyContext<'_>) -> Report {
    let parsed = match json::parse(credential_json) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(other) => Err(format!(
            "expected a JSON object, found {}",
            match other {
                Value::Array(_) => "an array",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                _ => "null",
            }
        )),
        Err(e) => Err(format!("the credential is not strict JSON: {e}")),
    };
    let doc = match parsed {
        Ok(doc) => doc,
        Err(message) => {
            let mut checks = vec![Check {
                name: CheckName::WellFormed,
                status: CheckStatus::Fail,
                message,
            }];
            checks.extend(CheckName::ALL[1..].iter().map(|&name| Check {
                name,
                status: CheckStatus::NotChecked,
                message: "skipped: the credential is not well-formed".into(),
            }));
            return Report { checks };
        }
    };
    let signer = Signer::of(&doc, ctx.did_documents);
    let outcomes: [Outcome; 9] = [
        pass(format!(
            "strict JSON object, {} bytes",
            credential_json.len()
        )),
        check_schema(&doc),
        check_signature(&doc, &signer),
        check_issuer_key(&doc, &signer),
        check_trusted_issuer(&doc, &signer, ctx.trust_list),
        check_dates(&doc, ctx.now),
        check_course_version(&doc, ctx.known_course_versions),
        check_evidence(&doc, ctx.regrade),
        check_revocation(&doc, ctx),
    ];
    Report {
        checks: CheckName::ALL
            .iter()
            .zip(outcomes)
            .map(|(&name, (status, message))| Check {
                name,
                status,
                message,
            })
            .collect(),
    }
}

/// The single proof and what its verification method resolves to.
struct Signer<'d> {
    proof: Result<&'d Value, String>,
    /// `proof.verificationMethod`.
    vm: Result<String, String>,
    /// The DID part of the verification method.
    did: Result<String, String>,
    /// The resolved key; `None` when there is no verification method.
    key: Option<Result<ResolvedKey, DidError>>,
}

impl<'d> Signer<'d> {
    fn of(doc: &'d Value, documents: &[Value]) -> Self {
        let proof = single_proof(doc);
        let vm = proof
            .clone()
            .and_then(|p| match p.get("verificationMethod") {
                Some(Value::String(s)) => Ok(s.clone()),
                Some(other) => Err(format!(
                    "proof.verificationMethod must be a string, found {}",
                    short(other)
                )),
                None => Err("proof.verificationMethod is missing".into()),
            });
        let did = vm.clone().map(|vm| did::split_did_url(&vm).0.to_string());
        let key = vm
            .as_ref()
            .ok()
            .map(|vm| did::resolve_verification_method(vm, documents));
        Signer {
            proof,
            vm,
            did,
            key,
        }
    }
}

fn single_proof(doc: &Value) -> Result<&Value, String> {
    match eddsa::proofs_of(doc) {
        Err(e) => Err(e.to_string()),
        Ok(proofs) if proofs.len() > 1 => Err(format!(
            "the credential has {} proofs; Rampart verifies credentials with exactly one",
            proofs.len()
        )),
        Ok(proofs) => match proofs.first() {
            Some(p @ Value::Object(_)) => Ok(p),
            Some(other) => Err(format!(
                "the proof must be an object, found {}",
                short(other)
            )),
            None => Err("the document has no proof".into()),
        },
    }
}

fn issuer_id(doc: &Value) -> Result<&str, String> {
    match doc.get("issuer") {
        Some(Value::String(s)) => Ok(s),
        Some(Value::Object(o)) => match o.get("id") {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(format!(
                "issuer.id must be a string, found {}",
                short(other)
            )),
            None => Err("issuer.id is missing".into()),
        },
        Some(other) => Err(format!(
            "issuer must be a string or an object with an id, found {}",
            short(other)
        )),
        None => Err("the credential has no issuer".into()),
    }
}

/// The issuer's `name`, or its id when it has none.
fn issuer_name(doc: &Value) -> String {
    match doc.pointer("/issuer/name") {
        Some(Value::String(name)) if !name.trim().is_empty() => name.clone(),
        _ => issuer_id(doc).unwrap_or("the issuer").to_string(),
    }
}

fn check_schema(doc: &Value) -> Outcome {
    let errors = schema::validate_achievement_credential(doc);
    if errors.is_empty() {
        return pass("valid against the 1EdTech OB 3.0 AchievementCredential JSON Schema");
    }
    let shown: Vec<String> = errors.iter().take(10).map(ToString::to_string).collect();
    let more = if errors.len() > shown.len() {
        format!("; and {} more", errors.len() - shown.len())
    } else {
        String::new()
    };
    fail(format!(
        "{} problem{} against the OB 3.0 schema: {}{more}",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        shown.join("; ")
    ))
}

fn check_signature(doc: &Value, signer: &Signer<'_>) -> Outcome {
    let proof = match &signer.proof {
        Ok(p) => *p,
        Err(e) => return fail(e.clone()),
    };
    let key = match &signer.key {
        None => return fail(signer.vm.clone().err().unwrap_or_default()),
        Some(Ok(k)) => k,
        Some(Err(e @ DidError::NotResolved { .. })) => {
            return not_checked(format!("{e}, so its key is unknown"));
        }
        Some(Err(e)) => return fail(format!("the signing key cannot be found: {e}")),
    };
    match eddsa::verify_proof(doc, proof, &key.key, ASSERTION_METHOD) {
        Ok(()) => pass(format!(
            "the eddsa-jcs-2022 proof verifies with the key {}",
            did::public_key_multibase(&key.key)
        )),
        Err(e) => fail(e.to_string()),
    }
}

fn check_issuer_key(doc: &Value, signer: &Signer<'_>) -> Outcome {
    let issuer = match issuer_id(doc) {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    let (vm, vm_did) = match (&signer.vm, &signer.did) {
        (Ok(vm), Ok(did)) => (vm, did),
        (Err(e), _) | (_, Err(e)) => {
            return fail(format!("no signing key to compare with the issuer: {e}"));
        }
    };
    if vm_did != issuer {
        return fail(format!(
            "the proof's verificationMethod {vm} belongs to {vm_did}, but the issuer is {issuer}"
        ));
    }
    match &signer.key {
        Some(Ok(key)) if key.assertion_method => pass(format!(
            "the signing key {vm} is the issuer's own ({issuer})"
        )),
        Some(Ok(_)) => fail(format!(
            "the DID document of {issuer} does not list {vm} under assertionMethod"
        )),
        Some(Err(DidError::NotResolved { did, .. })) => not_checked(format!(
            "the issuer {did} is a did:web and its DID document was not supplied (checked online only)"
        )),
        Some(Err(e)) => fail(format!(
            "the verificationMethod {vm} is not a key of the issuer: {e}"
        )),
        None => fail("the proof has no verificationMethod"),
    }
}

/// Whether the credential is self-issued: its subject's `id` is the issuer's
/// DID (the app's certificates, where a learner signs with their own key).
fn is_self_issued(doc: &Value) -> bool {
    match (doc.pointer("/credentialSubject/id"), issuer_id(doc)) {
        (Some(Value::String(subject)), Ok(issuer)) => subject == issuer,
        _ => false,
    }
}

fn check_trusted_issuer(doc: &Value, signer: &Signer<'_>, trust_list: &[TrustedIssuer]) -> Outcome {
    let did = match &signer.did {
        Ok(did) => did,
        Err(e) => return fail(format!("no signer to look up: {e}")),
    };
    match trust_list.iter().find(|t| &t.did == did) {
        Some(t) => pass(format!(
            "signed by {} ({did}), which is on this site's trust list",
            t.name
        )),
        // A learner's own key is never on a trust list, and that is not a
        // failure: what such a credential proves is the re-graded work. A
        // listed key that self-issues still passes above.
        None if is_self_issued(doc) => not_checked(
            "self-issued: the learner signed with their own key; the name is self-declared, the work is re-graded below",
        ),
        None => fail(format!(
            "signed by {did}, which is not on this site's trust list (issuers.json){}",
            if trust_list.is_empty() {
                "; the list is empty"
            } else {
                ""
            }
        )),
    }
}

fn check_dates(doc: &Value, now: Timestamp) -> Outcome {
    let read = |name: &str| -> Result<Option<Timestamp>, String> {
        match doc.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Timestamp::parse(s)
                .map(Some)
                .map_err(|e| format!("{name} is not valid: {e}")),
            Some(other) => Err(format!("{name} must be a string, found {}", short(other))),
        }
    };
    let from = match read("validFrom") {
        Ok(Some(t)) => t,
        Ok(None) => return fail("validFrom is missing"),
        Err(e) => return fail(e),
    };
    let until = match read("validUntil") {
        Ok(u) => u,
        Err(e) => return fail(e),
    };
    if let Some(until) = until {
        if until < from {
            return fail(format!("validUntil {until} is before validFrom {from}"));
        }
        if now > until {
            return fail(format!("expired: valid until {until}, and it is now {now}"));
        }
    }
    if now < from {
        return fail(format!(
            "not yet valid: valid from {from}, and it is now {now}"
        ));
    }
    match until {
        Some(until) => pass(format!("valid from {from} until {until}; it is now {now}")),
        None => pass(format!(
            "valid from {from}, with no end date; it is now {now}"
        )),
    }
}

fn check_course_version(doc: &Value, known: Option<&[String]>) -> Outcome {
    let version = match doc.pointer("/credentialSubject/achievement/version") {
        Some(Value::String(s)) => s,
        Some(other) => {
            return fail(format!(
                "credentialSubject.achievement.version must be a string, found {}",
                short(other)
            ));
        }
        None => {
            return fail(
                "credentialSubject.achievement.version (the course version id) is missing",
            );
        }
    };
    let Some(known) = known else {
        return not_checked(format!(
            "course version {version}: no list of known course versions was supplied"
        ));
    };
    if known.iter().any(|k| k == version) {
        pass(format!("course version {version} is one this site knows"))
    } else {
        let shown: Vec<&str> = known.iter().take(5).map(String::as_str).collect();
        fail(format!(
            "course version {version:?} (credentialSubject.achievement.version) is not one this site knows; known: {}",
            if shown.is_empty() {
                "none".to_string()
            } else {
                shown.join(", ")
            }
        ))
    }
}

fn check_evidence(doc: &Value, regrade: Option<Regrader<'_>>) -> Outcome {
    match doc.get("evidence") {
        None => return not_checked("the credential carries no evidence to re-grade"),
        Some(Value::Array(items)) if items.is_empty() => {
            return not_checked("the credential carries no evidence to re-grade");
        }
        _ => {}
    }
    let evidence = match evidence_of(doc) {
        Ok(e) => e,
        Err(e) => return fail(e.to_string()),
    };
    // An institution re-grades before it signs and records only hashes, so
    // there is nothing here to re-grade; the trust list says whether its
    // word counts.
    if evidence.iter().all(|e| e.submission.is_none()) {
        return not_checked(format!(
            "issued by {} after re-grading; submissions are not embedded, only their SHA-256",
            issuer_name(doc)
        ));
    }
    let Some(regrade) = regrade else {
        return not_checked("no graders were supplied to re-grade the evidence");
    };
    let mut problems = Vec::new();
    for (i, e) in evidence.iter().enumerate() {
        match regrade(e) {
            Ok(true) => {}
            Ok(false) => problems.push(format!(
                "evidence[{i}] (exercise {}, graded by {}): the current graders do not pass this submission",
                e.exercise, e.grader
            )),
            Err(why) => problems.push(format!(
                "evidence[{i}] (exercise {}, graded by {}): could not re-grade: {why}",
                e.exercise, e.grader
            )),
        }
    }
    if problems.is_empty() {
        pass(format!(
            "{} evidence item{} re-graded; all pass",
            evidence.len(),
            if evidence.len() == 1 { "" } else { "s" }
        ))
    } else {
        fail(problems.join("; "))
    }
}

fn check_revocation(doc: &Value, ctx: &VerifyContext<'_>) -> Outcome {
    let entry = match doc.get("credentialStatus") {
        None => {
            return not_checked("the credential has no credentialStatus, so it cannot be revoked");
        }
        Some(Value::Array(items)) if items.len() == 1 => &items[0],
        Some(Value::Array(items)) => {
            return fail(format!(
                "credentialStatus has {} entries; exactly one BitstringStatusListEntry is supported",
                items.len()
            ));
        }
        Some(other) => other,
    };
    let text = |name: &str| -> Result<&str, String> {
        match entry.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(format!(
                "credentialStatus.{name} must be a string, found {}",
                short(other)
            )),
            None => Err(format!("credentialStatus.{name} is missing")),
        }
    };
    let parsed = (|| -> Result<(&str, usize, &str), String> {
        let kind = text("type")?;
        if kind != status::ENTRY_TYPE {
            return Err(format!(
                "credentialStatus.type is {kind:?}; only {:?} is supported",
                status::ENTRY_TYPE
            ));
        }
        let purpose = text("statusPurpose")?;
        if purpose != "revocation" && purpose != "suspension" {
            return Err(format!(
                "credentialStatus.statusPurpose is {purpose:?}; expected \"revocation\" or \"suspension\""
            ));
        }
        let index_text = text("statusListIndex")?;
        let index = if index_text.bytes().all(|b| b.is_ascii_digit()) {
            index_text.parse::<usize>().ok()
        } else {
            None
        }
        .ok_or_else(|| {
            format!("credentialStatus.statusListIndex is {index_text:?}; expected a base-10 integer in a string")
        })?;
        let url = text("statusListCredential")?;
        Ok((purpose, index, url))
    })();
    let (purpose, index, url) = match parsed {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let Some(list_text) = ctx.status_list_credential else {
        return not_checked(format!("offline: the status list {url} was not fetched"));
    };
    let issuer = match issuer_id(doc) {
        Ok(issuer) => issuer,
        Err(e) => {
            return fail(format!(
                "no issuer to compare the status list's signer with: {e}"
            ));
        }
    };
    match read_status_list(list_text, url, purpose, issuer, ctx) {
        Err(outcome) => outcome,
        Ok(list) => match list.get(index) {
            Err(e) => fail(format!("credentialStatus.statusListIndex: {e}")),
            Ok(true) => fail(format!(
                "{}: entry {index} of the status list {url} is set",
                if purpose == "revocation" {
                    "revoked"
                } else {
                    "suspended"
                }
            )),
            Ok(false) => pass(format!(
                "not {}: entry {index} of the status list {url} (signed by the issuer) is clear",
                if purpose == "revocation" {
                    "revoked"
                } else {
                    "suspended"
                }
            )),
        },
    }
}

/// Checks the fetched status list credential and decodes its bitstring.
fn read_status_list(
    text: &str,
    url: &str,
    purpose: &str,
    issuer: &str,
    ctx: &VerifyContext<'_>,
) -> Result<StatusList, Outcome> {
    let list = json::parse(text).map_err(|e| {
        fail(format!(
            "the status list credential from {url} is not strict JSON: {e}"
        ))
    })?;
    let id = list.get("id").and_then(Value::as_str).unwrap_or("(none)");
    if id != url {
        return Err(fail(format!(
            "the status list credential supplied has id {id}, but the credential's statusListCredential is {url}"
        )));
    }
    let has = |v: Option<&Value>, wanted: &str| match v {
        Some(Value::String(s)) => s == wanted,
        Some(Value::Array(items)) => items.iter().any(|i| i.as_str() == Some(wanted)),
        _ => false,
    };
    if !has(list.get("type"), status::LIST_CREDENTIAL_TYPE) {
        return Err(fail(format!(
            "the status list {url} is not a {}",
            status::LIST_CREDENTIAL_TYPE
        )));
    }
    let signer = Signer::of(&list, ctx.did_documents);
    let proof = signer
        .proof
        .map_err(|e| fail(format!("the status list {url}: {e}")))?;
    let key = match signer.key {
        Some(Ok(k)) => k,
        Some(Err(e @ DidError::NotResolved { .. })) => {
            return Err(not_checked(format!(
                "the status list {url} cannot be verified: {e}"
            )));
        }
        Some(Err(e)) => {
            return Err(fail(format!(
                "the status list {url} has no usable signing key: {e}"
            )));
        }
        None => {
            let why = signer.vm.err().unwrap_or_default();
            return Err(fail(format!("the status list {url}: {why}")));
        }
    };
    eddsa::verify_proof(&list, proof, &key.key, ASSERTION_METHOD)
        .map_err(|e| fail(format!("the status list {url} does not verify: {e}")))?;
    if key.controller != issuer {
        return Err(fail(format!(
            "the status list {url} is signed by {}, but the credential's issuer is {issuer}; only the issuer can revoke its credentials",
            key.controller
        )));
    }
    match issuer_id(&list) {
        Ok(list_issuer) if list_issuer == key.controller => {}
        Ok(list_issuer) => {
            return Err(fail(format!(
                "the status list {url} names {list_issuer} as issuer but is signed by {}",
                key.controller
            )));
        }
        Err(e) => return Err(fail(format!("the status list {url}: {e}"))),
    }
    let (dates, message) = check_dates_of_list(&list, ctx.now);
    if dates != CheckStatus::Pass {
        return Err(fail(format!(
            "the status list {url} is not current: {message}"
        )));
    }
    let subject = list.get("credentialSubject").unwrap_or(&Value::Null);
    if !has(subject.get("type"), status::LIST_TYPE) {
        return Err(fail(format!(
            "the status list {url}: credentialSubject.type is not {}",
            status::LIST_TYPE
        )));
    }
    if !has(subject.get("statusPurpose"), purpose) {
        return Err(fail(format!(
            "the status list {url} is not a {purpose} list (its statusPurpose is {})",
            subject.get("statusPurpose").map_or("missing".into(), short)
        )));
    }
    let encoded = subject
        .get("encodedList")
        .and_then(Value::as_str)
        .ok_or_else(|| fail(format!("the status list {url} has no encodedList")))?;
    StatusList::decode(encoded).map_err(|e| fail(format!("the status list {url}: {e}")))
}

fn check_dates_of_list(list: &Value, now: Timestamp) -> Outcome {
    if list.get("validFrom").is_none() {
        // A status list without validFrom is current as long as it is served.
        return match list.get("validUntil") {
            None => pass("no validity dates"),
            Some(_) => {
                let mut with_from = list.clone();
                if let Value::Object(m) = &mut with_from {
                    m.insert(
                        "validFrom".into(),
                        Value::String("0001-01-01T00:00:00Z".into()),
                    );
                }
                check_dates(&with_from, now)
            }
        };
    }
    check_dates(list, now)
}
