//! Self-issued certificates, as plain logic the certificate page calls:
//!
//! 1. [`remaining`] lists the exercises of a track not yet passed.
//! 2. [`passing_evidence`] collects each exercise's passing submission (the
//!    evidence), or says which exercises have none saved.
//! 3. [`issue`] builds the Open Badges 3.0 credential, self-issued (issuer
//!    and subject are the learner's `did:key`, the name is theirs to choose),
//!    with every submission embedded (cert-spec decision 1), and signs it.
//! 4. [`bundle_of`] reads the evidence bundle for an institution back out of
//!    a credential, so the two always agree.
//! 5. [`verification_link`] and [`qr_target`] make the link that carries the
//!    credential (`/verify#c=…`), or names it by hash (`/verify#h=…`) when it
//!    is too long for a QR code (decision 7); [`parse_fragment`] reads them.

use std::collections::BTreeMap;

use rampart_cert::credential::{self, sha256_hex};
use rampart_cert::{
    CredentialInput, Evidence, IssuerInput, KeyPair, LearnerInput, OpenBadgeCredential, Timestamp,
    TrackInput, compress, multibase,
};
use rampart_course::{LessonDoc, Submission, TrackEntry};
use rampart_grade::evidence::{EvidenceBundle, ExerciseEvidence, evidence_of, submission_json};

/// The localStorage key holding the learner's signing key (Multikey JSON).
pub const KEY_STORAGE: &str = "rampart.key";
/// The localStorage key holding issued certificates: track id → credential.
pub const CERTIFICATES_STORAGE: &str = "rampart.certificates";
/// Longest link a QR code carries (decision 7); longer ones are named by hash.
pub const MAX_QR_LINK_BYTES: usize = 2000;
/// Largest credential a `#c=` link may inflate to. Larger than the
/// verifier's own limit, so an oversized credential reaches the verifier and
/// fails its well-formed check with the reason, rather than here.
pub const MAX_LINK_INFLATED_BYTES: usize = 4 * 1024 * 1024;
/// Longest name accepted on a certificate.
pub const MAX_NAME_CHARS: usize = 120;

/// Why an exercise still stands between the learner and the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Not passed yet.
    NotPassed,
    /// Passed, but no passing answer was saved (progress from before
    /// certificates existed): checking it again saves one.
    NoPassingAnswer,
}

/// An exercise the learner still has to (re)check, with where it lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remaining {
    pub lesson: String,
    pub id: String,
    pub title: String,
    pub reason: Reason,
}

impl Remaining {
    /// The route to the exercise inside its lesson.
    pub fn href(&self) -> String {
        format!("/lesson/{}#exercise-{}", self.lesson, self.id)
    }
}

/// The exercises of `track` that are not passed, in course order.
pub fn remaining(track: &TrackEntry, progress: &super::progress::Progress) -> Vec<Remaining> {
    track
        .lessons
        .iter()
        .flat_map(|l| l.exercises.iter().map(move |e| (l, e)))
        .filter(|(_, e)| !progress.passed(&e.id))
        .map(|(l, e)| Remaining {
            lesson: l.id.clone(),
            id: e.id.clone(),
            title: e.title.clone(),
            reason: Reason::NotPassed,
        })
        .collect()
}

/// Every exercise of `track` with its passing submission, in course order;
/// or the exercises that have none. `lessons` are the track's lesson
/// documents (they hold the exercises and their graders).
///
/// The passing submission is the one saved when the exercise passed. For
/// progress saved before that was kept, a quiz or spot answer's last
/// submission is used if it still passes (graded here, instantly); the other
/// kinds are graded only in the worker, so those exercises are listed to be
/// checked again (their last submission may be a later, failing edit).
pub fn passing_evidence(
    track: &TrackEntry,
    lessons: &[LessonDoc],
    progress: &super::progress::Progress,
) -> Result<Vec<ExerciseEvidence>, Vec<Remaining>> {
    let mut evidence = Vec::new();
    let mut missing = Vec::new();
    for lesson in &track.lessons {
        for r in &lesson.exercises {
            let exercise = lessons.iter().find_map(|d| d.exercise(&r.id));
            let record = progress.get(&r.id).filter(|e| e.passed);
            let answer = match (exercise, record) {
                (Some(ex), Some(rec)) => rec.passing.clone().or_else(|| {
                    rec.last.clone().filter(|last| {
                        rampart_grade::grade_on_page(ex, last).is_some_and(|v| v.passed)
                    })
                }),
                _ => None,
            };
            match (exercise, answer) {
                (Some(ex), Some(sub)) => evidence.push(evidence_of(ex, &sub)),
                _ => missing.push(Remaining {
                    lesson: lesson.id.clone(),
                    id: r.id.clone(),
                    title: r.title.clone(),
                    reason: if record.is_some() {
                        Reason::NoPassingAnswer
                    } else {
                        Reason::NotPassed
                    },
                }),
            }
        }
    }
    if missing.is_empty() {
        Ok(evidence)
    } else {
        Err(missing)
    }
}

/// The name as it will appear, or why it cannot.
pub fn check_name(name: &str) -> Result<String, String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("Enter the name to show on the certificate.".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "The name is {} characters long; a certificate shows up to {MAX_NAME_CHARS}.",
            name.chars().count()
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("The name has control characters; type it as it should be printed.".into());
    }
    Ok(name)
}

/// Builds and signs the self-issued credential for `track`: issuer and
/// subject are `key`'s did:key, `name` is shown as the issuer's and the
/// learner's name, and every submission is embedded.
pub fn issue(
    key: &KeyPair,
    id: String,
    name: &str,
    track: &TrackEntry,
    course_version: &str,
    evidence: &[ExerciseEvidence],
    now: Timestamp,
) -> Result<String, String> {
    let name = check_name(name)?;
    let did = key.did();
    let input = CredentialInput {
        id,
        issuer: IssuerInput {
            did: did.clone(),
            name: name.clone(),
            url: None,
        },
        learner: LearnerInput {
            name,
            id: Some(did),
        },
        track: TrackInput {
            id: track.id.clone(),
            name: track.title.clone(),
            description: track.summary.clone(),
            criteria: format!(
                "Pass every graded exercise of the track \u{201c}{}\u{201d} ({} exercises) in Rampart, course version {course_version}. Each passing submission is embedded in the evidence, so anyone can re-grade it with that version's graders.",
                track.title,
                evidence.len()
            ),
            course_version: course_version.to_string(),
            achievement_id: None,
        },
        valid_from: now,
        valid_until: None,
        status: None,
        evidence: evidence
            .iter()
            .map(|e| Evidence::new(&e.id, &e.grader, &submission_json(&e.submission), true))
            .collect(),
    };
    credential::issue(&input, key, now)
        .map_err(|e| format!("The certificate could not be signed: {e}"))
}

/// The evidence bundle an institution re-grades (`rampart cert issue
/// --evidence`), read from a self-issued credential.
pub fn bundle_of(credential_json: &str) -> Result<EvidenceBundle, String> {
    let cred = OpenBadgeCredential::from_json(credential_json).map_err(|e| e.to_string())?;
    let achievement = &cred.credential_subject.achievement;
    let learner = cred
        .credential_subject
        .identifier
        .iter()
        .find(|i| i.identity_type == "name")
        .map_or_else(|| cred.issuer.name.clone(), |i| i.identity_hash.clone());
    let mut bundle = EvidenceBundle::new(
        &achievement.version,
        achievement.track.as_deref().unwrap_or_default(),
        &learner,
    );
    for e in cred.evidence().map_err(|e| e.to_string())? {
        let text = e.submission.ok_or_else(|| {
            format!(
                "the evidence for {} carries no submission, only its hash",
                e.exercise
            )
        })?;
        let submission: Submission = serde_json::from_str(&text)
            .map_err(|err| format!("the submission for {} is damaged: {err}", e.exercise))?;
        bundle.exercises.push(ExerciseEvidence {
            id: e.exercise,
            grader: e.grader,
            submission,
        });
    }
    Ok(bundle)
}

/// What a stored credential says, for showing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub name: String,
    pub track: String,
    pub track_title: String,
    pub course_version: String,
    /// `validFrom`, as written (RFC 3339).
    pub issued: String,
    pub issuer: String,
    pub exercises: usize,
}

impl Summary {
    pub fn of(credential_json: &str) -> Result<Self, String> {
        let cred = OpenBadgeCredential::from_json(credential_json).map_err(|e| e.to_string())?;
        let a = &cred.credential_subject.achievement;
        Ok(Summary {
            name: cred.issuer.name.clone(),
            track: a.track.clone().unwrap_or_default(),
            track_title: a.name.clone(),
            course_version: a.version.clone(),
            issued: cred.valid_from.clone(),
            issuer: cred.issuer.id.clone(),
            exercises: cred.evidence.len(),
        })
    }

    /// The issue date as `YYYY-MM-DD`.
    pub fn issued_date(&self) -> &str {
        self.issued.get(..10).unwrap_or(&self.issued)
    }
}

/// The signing key kept in this browser: none yet, or the stored one. A
/// stored key that cannot be read is an error, never silently replaced: the
/// learner's certificates are signed with it.
pub fn key_from_storage(raw: Option<&str>) -> Result<Option<KeyPair>, String> {
    match raw {
        None => Ok(None),
        Some(text) => KeyPair::from_json(text).map(Some).map_err(|e| {
            format!(
                "The signing key stored in this browser under \"{KEY_STORAGE}\" could not be read ({e}). Import a progress file that carries your key, or remove the damaged key to start a new one."
            )
        }),
    }
}

/// Issued certificates by track id. Damaged storage reads as none.
pub fn certificates_from_storage(raw: Option<&str>) -> BTreeMap<String, String> {
    raw.and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

/// `verify_url#c=` + base64url(DEFLATE(credential)) as multibase (`u…`).
pub fn verification_link(verify_url: &str, credential_json: &str) -> String {
    let packed = multibase::encode_base64url(&compress::deflate(credential_json.as_bytes()));
    format!("{verify_url}#c={packed}")
}

/// What the printed QR code encodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrTarget {
    pub url: String,
    /// True when the URL carries the whole credential; false when it names
    /// it by its SHA-256 and the verifier asks for the file.
    pub carries_credential: bool,
}

/// The full link when it fits in [`MAX_QR_LINK_BYTES`], else
/// `verify_url#h=<sha256 hex of the credential JSON>`.
pub fn qr_target(verify_url: &str, credential_json: &str) -> QrTarget {
    let link = verification_link(verify_url, credential_json);
    if link.len() <= MAX_QR_LINK_BYTES {
        QrTarget {
            url: link,
            carries_credential: true,
        }
    } else {
        QrTarget {
            url: format!("{verify_url}#h={}", sha256_hex(credential_json.as_bytes())),
            carries_credential: false,
        }
    }
}

/// What the verify page's URL fragment holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fragment {
    None,
    /// The credential's JSON text, from `#c=…`.
    Credential(String),
    /// The SHA-256 (lower-case hex) of the credential to ask for, from `#h=…`.
    Hash(String),
}

/// Reads a fragment (without `#`).
pub fn parse_fragment(fragment: &str) -> Result<Fragment, String> {
    if let Some(packed) = fragment.strip_prefix("c=") {
        let bytes = multibase::decode_base64url(packed).map_err(|e| {
            format!("The link's credential is damaged: {e}. Copy the whole link again.")
        })?;
        let text = compress::inflate(&bytes, MAX_LINK_INFLATED_BYTES).map_err(|e| {
            format!("The link's credential is damaged: {e}. Copy the whole link again.")
        })?;
        let text = String::from_utf8(text)
            .map_err(|_| "The link's credential is not UTF-8 text.".to_string())?;
        return Ok(Fragment::Credential(text));
    }
    if let Some(hash) = fragment.strip_prefix("h=") {
        let hash = hash.to_ascii_lowercase();
        if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(Fragment::Hash(hash));
        }
        return Err(format!(
            "The link names a certificate by a fingerprint that is not a SHA-256 ({} characters); copy the whole link again.",
            hash.len()
        ));
    }
    Ok(Fragment::None)
}

/// Lower-case hex SHA-256 of a credential's text, as `#h=` links carry it.
pub fn fingerprint(credential_json: &str) -> String {
    sha256_hex(credential_json.as_bytes())
}

/// A file name for the track's downloads, e.g. `rampart-memory-safety-credential.json`.
pub fn file_name(track: &str, what: &str) -> String {
    let safe: String = track
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("rampart-{safe}-{what}.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::progress::Progress;
    use rampart_cert::{CheckName, CheckStatus, VerifyContext};
    use rampart_course::{
        Block, Exercise, ExerciseKind, ExerciseRef, KindSpec, LessonEntry, QuizOption, QuizSpec,
    };
    use rampart_grade::{GraderVersion, Verdict};

    fn quiz(id: &str) -> Exercise {
        Exercise {
            id: id.into(),
            title: format!("Quiz {id}"),
            prompt_html: String::new(),
            points: 10,
            hints: vec![],
            explains: String::new(),
            seed: 1,
            spec: KindSpec::Quiz(QuizSpec {
                multiple: false,
                options: ["a", "b"]
                    .iter()
                    .map(|o| QuizOption {
                        id: (*o).into(),
                        text_html: (*o).into(),
                        correct: *o == "a",
                        feedback: String::new(),
                    })
                    .collect(),
            }),
        }
    }

    fn track() -> (TrackEntry, Vec<LessonDoc>) {
        let exercises = vec![quiz("q1"), quiz("q2")];
        let doc = LessonDoc {
            id: "l".into(),
            title: "L".into(),
            summary: String::new(),
            minutes: 1,
            objectives: vec![],
            sources: vec![],
            toc: vec![],
            blocks: vec![Block::Exercise { id: "q1".into() }],
            exercises: exercises.clone(),
        };
        let entry = LessonEntry {
            id: "l".into(),
            title: "L".into(),
            summary: String::new(),
            minutes: 1,
            objectives: vec![],
            exercises: exercises
                .iter()
                .map(|e| ExerciseRef {
                    id: e.id.clone(),
                    kind: ExerciseKind::Quiz,
                    title: e.title.clone(),
                    points: 10,
                })
                .collect(),
            path: "lessons/l.json".into(),
            sha256: String::new(),
        };
        let track = TrackEntry {
            id: "t".into(),
            title: "Track T".into(),
            summary: "A test track.".into(),
            lessons: vec![entry],
        };
        (track, vec![doc])
    }

    fn verdict(passed: bool) -> Verdict {
        Verdict {
            passed,
            score: if passed { 10 } else { 0 },
            max_score: 10,
            findings: vec![],
            hint: None,
            grader: GraderVersion {
                kind: "quiz".into(),
                version: 1,
            },
        }
    }

    fn answer(o: &str) -> Submission {
        Submission::Quiz {
            selected: vec![o.into()],
        }
    }

    fn passed_all() -> Progress {
        let mut p = Progress::default();
        p.record("q1", &answer("a"), &verdict(true), "v1");
        p.record("q2", &answer("a"), &verdict(true), "v1");
        // A later failing edit does not replace the evidence.
        p.remember("q2", &answer("b"));
        p
    }

    #[test]
    fn remaining_lists_what_is_not_passed_with_links() {
        let (t, _) = track();
        let mut p = Progress::default();
        p.record("q1", &answer("a"), &verdict(true), "v1");
        let left = remaining(&t, &p);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].id, "q2");
        assert_eq!(left[0].href(), "/lesson/l#exercise-q2");
        assert!(remaining(&t, &passed_all()).is_empty());
    }

    #[test]
    fn evidence_uses_the_passing_answer_not_a_later_edit() {
        let (t, docs) = track();
        let evidence = passing_evidence(&t, &docs, &passed_all()).expect("complete");
        assert_eq!(evidence.len(), 2);
        assert_eq!(evidence[1].submission, answer("a"));
        assert_eq!(evidence[1].grader, "quiz@1");
    }

    #[test]
    fn old_progress_falls_back_to_a_last_answer_that_still_passes() {
        let (t, docs) = track();
        let raw = r#"{"schema":1,"exercises":{
            "q1":{"passed":true,"last":{"kind":"quiz","selected":["a"]}},
            "q2":{"passed":true,"last":{"kind":"quiz","selected":["b"]}}}}"#;
        let (p, _) = Progress::load(Some(raw));
        let missing = passing_evidence(&t, &docs, &p).expect_err("q2's last answer fails");
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].id, "q2");
        assert_eq!(missing[0].reason, Reason::NoPassingAnswer);
    }

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(check_name("  Ada   Lovelace "), Ok("Ada Lovelace".into()));
        assert!(check_name("   ").is_err());
        assert!(check_name(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
    }

    #[test]
    fn an_issued_certificate_verifies_and_its_bundle_matches() {
        let (t, docs) = track();
        let key = KeyPair::from_seed([5; 32]);
        let evidence = passing_evidence(&t, &docs, &passed_all()).expect("complete");
        let now = Timestamp::from_unix_seconds(1_750_000_000);
        let text = issue(
            &key,
            "urn:uuid:12345678-1234-4234-8234-123456789abc".into(),
            " Ada  Lovelace ",
            &t,
            "v1",
            &evidence,
            now,
        )
        .expect("issued");
        let exercises: Vec<Exercise> = docs[0].exercises.clone();
        let regrade = |e: &Evidence| {
            let ex = exercises
                .iter()
                .find(|x| x.id == e.exercise)
                .ok_or("not in the course")?;
            rampart_grade::evidence::regrade(ex, e.submission.as_deref().unwrap_or_default())
                .map(|v| v.passed)
        };
        let known = vec!["v1".to_string()];
        let ctx = VerifyContext {
            known_course_versions: Some(&known),
            regrade: Some(&regrade),
            ..VerifyContext::new(Timestamp::from_unix_seconds(1_760_000_000))
        };
        let report = rampart_cert::verify(&text, &ctx);
        for name in [
            CheckName::WellFormed,
            CheckName::Schema,
            CheckName::Signature,
            CheckName::IssuerKey,
            CheckName::Dates,
            CheckName::CourseVersion,
            CheckName::Evidence,
        ] {
            assert_eq!(report.status(name), CheckStatus::Pass, "{report}");
        }
        let cred: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(cred["issuer"]["id"], cred["credentialSubject"]["id"]);
        assert_eq!(cred["issuer"]["name"], "Ada Lovelace");

        let bundle = bundle_of(&text).expect("bundle");
        assert_eq!(bundle.track, "t");
        assert_eq!(bundle.course_version, "v1");
        assert_eq!(bundle.learner, "Ada Lovelace");
        assert_eq!(bundle.exercises, evidence);
        let back = EvidenceBundle::from_json(&bundle.to_json()).expect("readable");
        assert_eq!(back, bundle);

        let summary = Summary::of(&text).expect("summary");
        assert_eq!(summary.name, "Ada Lovelace");
        assert_eq!(summary.exercises, 2);
        assert_eq!(summary.issued_date().len(), 10);
    }

    #[test]
    fn links_round_trip_and_long_ones_are_named_by_hash_in_the_qr() {
        let url = "https://example.org/verify";
        let small = r#"{"a":"b"}"#;
        let link = verification_link(url, small);
        assert!(link.starts_with("https://example.org/verify#c=u"), "{link}");
        let fragment = link.split_once('#').expect("fragment").1;
        assert_eq!(
            parse_fragment(fragment),
            Ok(Fragment::Credential(small.into()))
        );
        assert!(qr_target(url, small).carries_credential);

        // Incompressible text makes a long link.
        let big: String = (0..64u32).map(|i| sha256_hex(&i.to_le_bytes())).collect();
        let target = qr_target(url, &big);
        assert!(!target.carries_credential);
        let fragment = target.url.split_once('#').expect("fragment").1;
        assert_eq!(
            parse_fragment(fragment),
            Ok(Fragment::Hash(fingerprint(&big)))
        );

        assert_eq!(parse_fragment(""), Ok(Fragment::None));
        assert!(parse_fragment("c=u!!!").is_err());
        assert!(parse_fragment("h=abc").is_err());
    }

    #[test]
    fn stored_keys_are_read_and_damage_is_reported() {
        let key = KeyPair::from_seed([9; 32]);
        let back = key_from_storage(Some(&key.to_json()))
            .expect("readable")
            .expect("some");
        assert_eq!(back.did(), key.did());
        assert!(key_from_storage(None).expect("none").is_none());
        assert!(key_from_storage(Some("{}")).is_err());
        assert!(certificates_from_storage(Some("not json")).is_empty());
        assert_eq!(
            file_name("memory-safety", "credential"),
            "rampart-memory-safety-credential.json"
        );
    }
}
