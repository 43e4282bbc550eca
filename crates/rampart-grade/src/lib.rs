//! The grading contract, and one grader per exercise kind.
//!
//! 1. The app (or the CLI) hands [`grade`] an [`Exercise`] from the bundle and
//!    a [`Submission`].
//! 2. The submission is checked for shape and size: a wrong kind or an
//!    oversized answer is a verdict with a clear finding, never a panic.
//! 3. The kind's grader ([`quiz`], [`spot`]) compares the answer with the key
//!    and explains every choice: one [`Finding`] per option or line, each with
//!    a rule id, a message, a location where one exists and the lesson section
//!    that explains it.
//! 4. The [`Verdict`] records the grader's version, so a certificate can say
//!    which graders judged the work.
//!
//! Grading is pure and deterministic: no clock, no randomness except the
//! exercise's own seed ([`shuffled_order`]), the same result natively and in
//! wasm.

use rampart_course::{Exercise, ExerciseKind, KindSpec, Submission};
use serde::{Deserialize, Serialize};

pub mod c;
pub mod evidence;
pub mod quiz;
pub mod spot;
pub mod supply;
pub use supply::audit_verdict;

/// Largest number of answers (options or lines) a submission may carry.
pub const MAX_ANSWERS: usize = 1_000;
/// Longest option id accepted in a quiz submission.
pub const MAX_ID_LEN: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something the learner must fix.
    Error,
    /// Worth fixing, but does not fail the exercise.
    Warning,
    /// Feedback on something done right, or context.
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, e.g. `quiz.wrong-option`, `spot.missed`.
    pub rule: String,
    pub severity: Severity,
    /// Plain English: what is wrong (or right) and why.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The lesson section that explains it: `lesson-id#anchor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explains: Option<String>,
}

impl Finding {
    pub fn new(rule: &str, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.to_string(),
            severity,
            message: message.into(),
            location: None,
            explains: None,
        }
    }

    pub fn at(mut self, file: &str, line: u32) -> Self {
        self.location = Some(Location {
            file: file.to_string(),
            line,
            column: None,
        });
        self
    }

    pub fn explained_by(mut self, section: &str) -> Self {
        if !section.is_empty() {
            self.explains = Some(section.to_string());
        }
        self
    }
}

/// Which grader judged a submission, recorded in certificates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraderVersion {
    pub kind: String,
    pub version: u32,
}

impl std::fmt::Display for GraderVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.kind, self.version)
    }
}

/// A grader's version by kind name, for graders not yet reachable through [`ExerciseKind`].
pub fn grader_version_of(kind: &str, version: u32) -> GraderVersion {
    GraderVersion {
        kind: kind.to_string(),
        version,
    }
}

/// Bump a grader's version whenever the same submission could get a different verdict.
pub fn grader_version(kind: ExerciseKind) -> GraderVersion {
    let version = match kind {
        ExerciseKind::Quiz => quiz::VERSION,
        ExerciseKind::Spot => spot::VERSION,
        ExerciseKind::C => c::VERSION,
        ExerciseKind::Workflow
        | ExerciseKind::Advisories
        | ExerciseKind::Typosquat
        | ExerciseKind::Registry
        | ExerciseKind::Sbom
        | ExerciseKind::Integrity
        | ExerciseKind::Provenance => supply::VERSION,
    };
    GraderVersion {
        kind: kind.as_str().to_string(),
        version,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub passed: bool,
    pub score: u32,
    pub max_score: u32,
    pub findings: Vec<Finding>,
    /// One sentence on what to do next, when the submission did not pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    pub grader: GraderVersion,
}

impl Verdict {
    pub fn has_rule(&self, rule: &str) -> bool {
        self.findings.iter().any(|f| f.rule == rule)
    }

    /// A failing verdict with one finding, for submissions that cannot be graded.
    fn rejected(ex: &Exercise, finding: Finding) -> Self {
        Verdict {
            passed: false,
            score: 0,
            max_score: ex.points,
            findings: vec![finding.explained_by(&ex.explains)],
            hint: Some("Your answer could not be graded; see the message above.".into()),
            grader: grader_version(ex.kind()),
        }
    }
}

/// Grades `submission` against `exercise`. Never panics; bad input is a
/// failing verdict that says what was wrong with it.
pub fn grade(exercise: &Exercise, submission: &Submission) -> Verdict {
    match (&exercise.spec, submission) {
        (KindSpec::Quiz(spec), Submission::Quiz { selected }) => {
            quiz::grade(exercise, spec, selected)
        }
        (KindSpec::Spot(spec), Submission::Spot { lines }) => spot::grade(exercise, spec, lines),
        (KindSpec::C(spec), Submission::Files { files }) => match files.get(&spec.file) {
            Some(source) => c::grade(exercise, spec, source),
            None => Verdict::rejected(
                exercise,
                Finding::new(
                    "submission.missing-file",
                    Severity::Error,
                    format!("The answer has no file named `{}`.", spec.file),
                ),
            ),
        },
        (spec, Submission::Files { files }) if spec.artifact().is_some() => {
            let name = spec.artifact().map(|a| a.file.as_str()).unwrap_or_default();
            match files.get(name) {
                Some(text) => supply::grade(exercise, text),
                None => Verdict::rejected(
                    exercise,
                    Finding::new(
                        "submission.missing-file",
                        Severity::Error,
                        format!("The answer has no file named `{name}`."),
                    ),
                ),
            }
        }
        (spec, other) => Verdict::rejected(
            exercise,
            Finding::new(
                "submission.wrong-kind",
                Severity::Error,
                format!(
                    "This is a {} exercise, but the answer is a {} submission.",
                    spec.kind(),
                    other.kind_name()
                ),
            ),
        ),
    }
}

/// Grades the kinds the page grades itself, instantly: quiz and spot.
/// `None` for every other kind (and for a submission of the wrong shape),
/// which the grading worker handles. Calling this rather than [`grade`]
/// keeps the interpreter and the supply-chain parsers out of the page's wasm.
pub fn grade_on_page(exercise: &Exercise, submission: &Submission) -> Option<Verdict> {
    match (&exercise.spec, submission) {
        (KindSpec::Quiz(spec), Submission::Quiz { selected }) => {
            Some(quiz::grade(exercise, spec, selected))
        }
        (KindSpec::Spot(spec), Submission::Spot { lines }) => {
            Some(spot::grade(exercise, spec, lines))
        }
        _ => None,
    }
}

/// The files of a `c` submission: the one file the learner edits.
pub fn c_files(spec: &rampart_course::CSpec, source: &str) -> Submission {
    Submission::Files {
        files: [(spec.file.clone(), source.to_string())]
            .into_iter()
            .collect(),
    }
}

/// The files of an artifact submission: the one file the learner edits.
pub fn artifact_files(files: &rampart_course::ArtifactFiles, text: &str) -> Submission {
    Submission::Files {
        files: [(files.file.clone(), text.to_string())]
            .into_iter()
            .collect(),
    }
}

/// What a learner starts from: an empty answer for quiz and spot, the
/// vulnerable program for c, the starter artifact for the supply-chain kinds.
pub fn starter(exercise: &Exercise) -> Submission {
    if let Some(a) = exercise.spec.artifact() {
        return artifact_files(a, &a.starter);
    }
    match &exercise.spec {
        KindSpec::C(c) => c_files(c, &c.starter),
        KindSpec::Quiz(_) => Submission::Quiz {
            selected: Vec::new(),
        },
        KindSpec::Spot(_) => Submission::Spot { lines: Vec::new() },
        _ => Submission::Files {
            files: Default::default(),
        },
    }
}

/// The reference solution: the answer key, or the reference program or artifact.
pub fn solution(exercise: &Exercise) -> Submission {
    if let Some(a) = exercise.spec.artifact() {
        return artifact_files(a, &a.solution);
    }
    match &exercise.spec {
        KindSpec::C(c) => c_files(c, &c.solution),
        KindSpec::Quiz(q) => Submission::Quiz {
            selected: q.correct_ids().map(str::to_string).collect(),
        },
        KindSpec::Spot(s) => Submission::Spot {
            lines: s.vulnerable.iter().map(|v| v.line).collect(),
        },
        _ => Submission::Files {
            files: Default::default(),
        },
    }
}

/// A deterministic permutation of `0..n` from `seed` (splitmix64 driving a
/// Fisher-Yates shuffle): the order in which quiz options are shown.
pub fn shuffled_order(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = SplitMix(seed);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = usize::try_from(rng.next() % (i as u64 + 1)).unwrap_or(0);
        order.swap(i, j);
    }
    order
}

/// splitmix64: the one seeded generator graders use (option order, fuzz inputs).
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// `part` of `points`, as a share of `whole`, rounded down; 0 when `whole` is 0.
fn share(points: u32, part: usize, whole: usize) -> u32 {
    if whole == 0 {
        return 0;
    }
    let v = u64::from(points) * part.min(whole) as u64 / whole as u64;
    u32::try_from(v).unwrap_or(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffle_is_a_deterministic_permutation() {
        let a = shuffled_order(6, 42);
        assert_eq!(a, shuffled_order(6, 42));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..6).collect::<Vec<_>>());
        assert_ne!(
            a,
            shuffled_order(6, 43),
            "different seeds should usually give different orders"
        );
        assert!(shuffled_order(0, 1).is_empty());
    }

    #[test]
    fn shares_round_down() {
        assert_eq!(share(10, 1, 3), 3);
        assert_eq!(share(10, 3, 3), 10);
        assert_eq!(share(10, 5, 3), 10);
        assert_eq!(share(10, 1, 0), 0);
    }
}
