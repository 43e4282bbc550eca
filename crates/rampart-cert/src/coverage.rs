//! Does the evidence cover the whole track? A certificate says a track was
//! completed; evidence for one exercise, however well it re-grades, does not
//! show that. The verifier knows the track's exercises in the current
//! course, so it asks for every one of them.

use serde_json::Value;

use crate::credential::evidence_of;
use crate::json;
use crate::verify::{CheckName, CheckStatus, Report};

/// The track id a credential names (`credentialSubject.achievement["rampart:track"]`).
pub fn track_of(credential_json: &str) -> Option<String> {
    let doc = json::parse(credential_json).ok()?;
    let subject = doc.get("credentialSubject")?;
    let subject = match subject {
        Value::Array(items) => items.first()?,
        other => other,
    };
    subject
        .get("achievement")?
        .get("rampart:track")?
        .as_str()
        .map(str::to_string)
}

impl Report {
    /// Fails the evidence check when the credential's evidence leaves out
    /// any exercise of `required` (the track's exercises in this course),
    /// naming the ones missing. Call after [`crate::verify`].
    pub fn require_evidence_for(&mut self, credential_json: &str, required: &[String]) {
        let Some(check) = self
            .checks
            .iter_mut()
            .find(|c| c.name == CheckName::Evidence)
        else {
            return;
        };
        let Ok(doc) = json::parse(credential_json) else {
            return; // well-formed already failed
        };
        let present: Vec<String> = match evidence_of(&doc) {
            Ok(e) => e.into_iter().map(|e| e.exercise).collect(),
            Err(_) => return, // the evidence check already says why
        };
        let missing: Vec<&str> = required
            .iter()
            .filter(|id| !present.contains(id))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            return;
        }
        let gap = format!(
            "the evidence covers {} of the track's {} exercises; missing: {}",
            required.len() - missing.len(),
            required.len(),
            missing.join(", ")
        );
        check.message = match check.status {
            CheckStatus::Fail => format!("{gap}; {}", check.message),
            _ => gap,
        };
        check.status = CheckStatus::Fail;
    }
}
