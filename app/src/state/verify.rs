//! What the verify page gathers before the worker verifies, and how it
//! words the result.
//!
//! 1. [`Needs::of`] reads, leniently, what a credential refers to: the
//!    exercises its evidence names, its status list, did:web DIDs.
//! 2. [`lesson_paths`] finds the lessons of the current course holding those
//!    exercises (the worker re-grades against them).
//! 3. [`known_versions`] is the site's course version plus
//!    `course-versions.json` (cert-spec decision 3).
//! 4. [`summary`] is the line shown above the checks.

use rampart_cert::{Check, CheckName, CheckStatus, Report};
use rampart_course::BundleManifest;
use serde_json::Value;

/// Largest file the page reads to verify. Anything between the verifier's
/// own limit (1 MiB) and this is read and refused by the well-formed check;
/// a larger file is refused without being read.
pub const MAX_FILE_BYTES: f64 = 16.0 * 1024.0 * 1024.0;

/// What a credential points at, read without judging it (the verifier does that).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    /// Exercise ids named by its evidence.
    pub exercises: Vec<String>,
    /// `credentialStatus.statusListCredential`.
    pub status_list: Option<String>,
    /// did:web DIDs of the issuer and the proof's verification method.
    pub did_web: Vec<String>,
}

impl Needs {
    pub fn of(credential_json: &str) -> Self {
        if credential_json.len() > rampart_cert::json::DEFAULT_MAX_BYTES {
            return Needs::default();
        }
        let Ok(doc) = serde_json::from_str::<Value>(credential_json) else {
            return Needs::default();
        };
        let exercises = match doc.get("evidence") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|e| e.get("name").and_then(Value::as_str))
                .map(str::to_string)
                .collect(),
            _ => vec![],
        };
        let status = match doc.get("credentialStatus") {
            Some(Value::Array(items)) => items.first(),
            other => other,
        };
        let status_list = status
            .and_then(|s| s.get("statusListCredential"))
            .and_then(Value::as_str)
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .map(str::to_string);
        let issuer = match doc.get("issuer") {
            Some(Value::String(s)) => Some(s.as_str()),
            Some(o) => o.get("id").and_then(Value::as_str),
            None => None,
        };
        let proofs: Vec<&Value> = match doc.get("proof") {
            Some(Value::Array(p)) => p.iter().collect(),
            Some(p) => vec![p],
            None => vec![],
        };
        let mut did_web: Vec<String> = issuer
            .into_iter()
            .chain(
                proofs
                    .iter()
                    .filter_map(|p| p.get("verificationMethod").and_then(Value::as_str)),
            )
            .map(|d| rampart_cert::did::split_did_url(d).0)
            .filter(|d| d.starts_with("did:web:"))
            .map(str::to_string)
            .collect();
        did_web.sort();
        did_web.dedup();
        Needs {
            exercises,
            status_list,
            did_web,
        }
    }
}

/// Bundle paths of the lessons holding `exercises`, each once, in course order.
pub fn lesson_paths(manifest: &BundleManifest, exercises: &[String]) -> Vec<String> {
    manifest
        .lessons()
        .filter(|(_, l)| l.exercises.iter().any(|e| exercises.contains(&e.id)))
        .map(|(_, l)| l.path.clone())
        .collect()
}

/// The course versions this site knows: its own first, then those in
/// `course-versions.json` (an array of strings; anything else is ignored).
pub fn known_versions(current: &str, course_versions_json: Option<&str>) -> Vec<String> {
    let mut out = vec![current.to_string()];
    if let Some(list) =
        course_versions_json.and_then(|t| serde_json::from_str::<Vec<String>>(t).ok())
    {
        for v in list {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// One sentence above the checks.
pub fn summary(report: &Report) -> String {
    let count = |s: CheckStatus| report.checks.iter().filter(|c| c.status == s).count();
    let (passed, not_checked) = (count(CheckStatus::Pass), count(CheckStatus::NotChecked));
    let failed: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| c.name.title())
        .collect();
    if failed.is_empty() {
        format!("No check failed: {passed} passed, {not_checked} not checked.")
    } else {
        format!(
            "{} check{} failed ({}); {passed} passed, {not_checked} not checked. Do not rely on this certificate.",
            failed.len(),
            if failed.len() == 1 { "" } else { "s" },
            failed.join(", ")
        )
    }
}

/// The text of a status, for people (never colour alone).
pub fn status_label(status: CheckStatus) -> &'static str {
    match status {
        CheckStatus::Pass => "Pass",
        CheckStatus::Fail => "Fail",
        CheckStatus::NotChecked => "Not checked",
    }
}

/// The report for a file too large to read: well-formed fails, the rest
/// are not checked.
pub fn unread_report(message: String) -> Report {
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
    Report { checks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_are_read_leniently() {
        let text = r#"{
            "issuer": {"id": "did:web:example.org"},
            "proof": [{"verificationMethod": "did:web:example.org#key-1"}],
            "credentialStatus": {"statusListCredential": "https://example.org/status/1"},
            "evidence": [{"name": "q1"}, {"name": "q2"}, {"nameless": true}]
        }"#;
        let needs = Needs::of(text);
        assert_eq!(needs.exercises, ["q1", "q2"]);
        assert_eq!(
            needs.status_list.as_deref(),
            Some("https://example.org/status/1")
        );
        assert_eq!(needs.did_web, ["did:web:example.org"]);
        assert_eq!(Needs::of("not json"), Needs::default());
        let local =
            Needs::of(r#"{"credentialStatus": {"statusListCredential": "file:///etc/passwd"}}"#);
        assert_eq!(local.status_list, None);
    }

    #[test]
    fn known_versions_add_the_listed_ones() {
        assert_eq!(known_versions("v2", None), ["v2"]);
        assert_eq!(known_versions("v2", Some(r#"["v1","v2"]"#)), ["v2", "v1"]);
        assert_eq!(known_versions("v2", Some("{}")), ["v2"]);
    }

    #[test]
    fn the_summary_names_failed_checks() {
        let report = unread_report("too big".into());
        let line = summary(&report);
        assert!(line.starts_with("1 check failed (well-formed)"), "{line}");
        assert!(line.contains("8 not checked"), "{line}");
        let ok = Report {
            checks: vec![Check {
                name: CheckName::Signature,
                status: CheckStatus::Pass,
                message: String::new(),
            }],
        };
        assert_eq!(summary(&ok), "No check failed: 1 passed, 0 not checked.");
    }
}
