//! Evidence: the passing submissions of a track, as the app exports them
//! for an institution (`rampart cert issue --evidence`), and re-grading a
//! submission found in a certificate.
//!
//! A submission is hashed and embedded as its JSON text from
//! [`submission_json`]; that text is deterministic (maps are sorted), so the
//! same answer always has the same hash.

use rampart_course::{Exercise, Submission};
use serde::{Deserialize, Serialize};

use crate::{Verdict, grade, grader_version};

/// The `format` tag of an evidence bundle.
pub const BUNDLE_FORMAT: &str = "rampart-evidence";
/// The bundle schema version.
pub const BUNDLE_VERSION: u32 = 1;
/// Largest submission text re-graded (a C program or an SBOM is far smaller).
pub const MAX_SUBMISSION: usize = 2 * 1024 * 1024;

/// A learner's evidence for one track, exported by the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceBundle {
    pub format: String,
    pub version: u32,
    /// The course version id the work was done under.
    pub course_version: String,
    /// The track id.
    pub track: String,
    /// The name the learner asks to appear on the certificate (self-declared).
    #[serde(default)]
    pub learner: String,
    pub exercises: Vec<ExerciseEvidence>,
}

/// One exercise's passing submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseEvidence {
    pub id: String,
    /// `kind@version` of the grader that passed it.
    pub grader: String,
    pub submission: Submission,
}

impl EvidenceBundle {
    pub fn new(course_version: &str, track: &str, learner: &str) -> Self {
        EvidenceBundle {
            format: BUNDLE_FORMAT.to_string(),
            version: BUNDLE_VERSION,
            course_version: course_version.to_string(),
            track: track.to_string(),
            learner: learner.to_string(),
            exercises: Vec::new(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a bundle, saying plainly what is wrong with one that is not.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| format!("the evidence file is not JSON ({e})"))?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(BUNDLE_FORMAT) => {}
            Some(other) => {
                return Err(format!(
                    "this is a `{other}` file, not Rampart evidence: export it from the certificate page of the track"
                ));
            }
            None => {
                return Err(
                    "this file has no `format`; Rampart evidence says \"format\": \"rampart-evidence\""
                        .into(),
                );
            }
        }
        let bundle: EvidenceBundle = serde_json::from_value(value)
            .map_err(|e| format!("the evidence file is damaged: {e}"))?;
        if bundle.version > BUNDLE_VERSION {
            return Err(format!(
                "the evidence is version {}, newer than this Rampart reads ({BUNDLE_VERSION}); update Rampart",
                bundle.version
            ));
        }
        Ok(bundle)
    }
}

/// The JSON text of a submission, as hashed and embedded in certificates.
pub fn submission_json(submission: &Submission) -> String {
    serde_json::to_string(submission).unwrap_or_default()
}

/// Evidence for `exercise` from a passing `submission`.
pub fn evidence_of(exercise: &Exercise, submission: &Submission) -> ExerciseEvidence {
    ExerciseEvidence {
        id: exercise.id.clone(),
        grader: grader_version(exercise.kind()).to_string(),
        submission: submission.clone(),
    }
}

/// Re-grades a submission's JSON text (from a certificate) with the
/// current graders. `Err` when the text is not a submission at all.
pub fn regrade(exercise: &Exercise, submission_json: &str) -> Result<Verdict, String> {
    if submission_json.len() > MAX_SUBMISSION {
        return Err(format!(
            "the submission is {} bytes; Rampart re-grades submissions up to {MAX_SUBMISSION} bytes",
            submission_json.len()
        ));
    }
    let submission: Submission = serde_json::from_str(submission_json)
        .map_err(|e| format!("the submission is not one Rampart can read ({e})"))?;
    Ok(grade(exercise, &submission))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_course::{KindSpec, QuizOption, QuizSpec};

    fn quiz() -> Exercise {
        Exercise {
            id: "q".into(),
            title: "Q".into(),
            prompt_html: String::new(),
            points: 10,
            hints: vec![],
            explains: String::new(),
            seed: 1,
            spec: KindSpec::Quiz(QuizSpec {
                multiple: false,
                options: ["a", "b"]
                    .iter()
                    .map(|id| QuizOption {
                        id: (*id).into(),
                        text_html: (*id).into(),
                        correct: *id == "a",
                        feedback: String::new(),
                    })
                    .collect(),
            }),
        }
    }

    #[test]
    fn a_bundle_round_trips_and_its_submissions_regrade() {
        let ex = quiz();
        let right = Submission::Quiz {
            selected: vec!["a".into()],
        };
        let mut b = EvidenceBundle::new("v1", "t", "Ada");
        b.exercises.push(evidence_of(&ex, &right));
        let back = EvidenceBundle::from_json(&b.to_json()).expect("round trip");
        assert_eq!(back, b);
        assert_eq!(back.exercises[0].grader, "quiz@1");
        let text = submission_json(&back.exercises[0].submission);
        assert!(regrade(&ex, &text).expect("readable").passed);
        let wrong = submission_json(&Submission::Quiz {
            selected: vec!["b".into()],
        });
        assert!(!regrade(&ex, &wrong).expect("readable").passed);
        assert!(regrade(&ex, "{\"kind\":\"essay\"}").is_err());
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert!(
            EvidenceBundle::from_json("[]")
                .expect_err("not a bundle")
                .contains("no `format`")
        );
        assert!(
            EvidenceBundle::from_json("{\"format\":\"rampart-progress\"}")
                .expect_err("progress, not evidence")
                .contains("not Rampart evidence")
        );
        assert!(
            EvidenceBundle::from_json("nope")
                .expect_err("not JSON")
                .contains("not JSON")
        );
    }
}
