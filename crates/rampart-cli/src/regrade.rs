//! Re-grading a learner's submissions for one track with the course's own
//! graders, never trusting what the file says about them. One code path for
//! every command that judges work:
//!
//! - `cert issue` signs only when every exercise of the track passes;
//! - `cert verify` and `class grade` hand [`Grader::regrade_evidence`] to
//!   the certificate verifier as its re-grading hook;
//! - `class grade` reports each exercise of each learner ([`TrackGrade`]).
//!
//! Grading is pure and deterministic, so a [`Grader`] remembers each
//! verdict by exercise and submission text: a class where most learners
//! hand in the same answer grades it once.

use std::cell::RefCell;
use std::collections::HashMap;

use rampart_cert::Evidence;
use rampart_course::{Exercise, TrackEntry};
use rampart_grade::{Severity, Verdict};

use crate::cert::course::SiteCourse;

/// A course's graders, with the verdicts given so far.
pub struct Grader<'c> {
    course: &'c SiteCourse,
    /// (exercise id, submission JSON text) → verdict, or why it cannot be graded.
    verdicts: RefCell<HashMap<(String, String), Result<Verdict, String>>>,
}

/// One submission as a file carries it.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub exercise: String,
    /// The submission's JSON text ([`rampart_grade::evidence::submission_json`]);
    /// `None` when the file records only its hash.
    pub json: Option<String>,
}

/// What became of one exercise of the track.
#[derive(Debug, Clone)]
pub enum Outcome {
    Passed(Verdict),
    Failed(Verdict),
    /// The submission is not one the graders can read, or is not there.
    Ungradable(String),
    /// The file has no submission for it.
    Missing,
    /// The file has this many submissions for it (more than one).
    Repeated(usize),
    /// The track lists it, but the course has no such exercise.
    NotInCourse,
}

/// One exercise of the track, in track order.
#[derive(Debug, Clone)]
pub struct ExerciseGrade {
    pub id: String,
    pub outcome: Outcome,
    /// The submission's JSON text, when there was exactly one.
    pub submission: Option<String>,
}

impl ExerciseGrade {
    pub fn passed(&self) -> bool {
        matches!(self.outcome, Outcome::Passed(_))
    }

    /// Why it does not pass, e.g. `join-size-fix: fails: join.c line 12: …`;
    /// `None` when it passes.
    pub fn problem(&self) -> Option<String> {
        let id = &self.id;
        Some(match &self.outcome {
            Outcome::Passed(_) => return None,
            Outcome::Failed(v) => format!("{id}: fails: {}", first_error(v)),
            Outcome::Ungradable(why) => format!("{id}: cannot be graded: {why}"),
            Outcome::Missing => format!("{id}: missing: the evidence has no submission for it"),
            Outcome::Repeated(n) => {
                format!("{id}: appears {n} times in the evidence; export it again from the app")
            }
            Outcome::NotInCourse => {
                format!("{id}: listed by the track, but the course has no such exercise")
            }
        })
    }
}

/// Every exercise of a track, re-graded.
#[derive(Debug, Clone)]
pub struct TrackGrade {
    pub exercises: Vec<ExerciseGrade>,
    /// Exercises the file carries that are not part of the track, in file
    /// order (each once): ignored.
    pub ignored: Vec<String>,
}

impl TrackGrade {
    pub fn passed(&self) -> usize {
        self.exercises.iter().filter(|e| e.passed()).count()
    }

    pub fn total(&self) -> usize {
        self.exercises.len()
    }

    pub fn all_pass(&self) -> bool {
        self.exercises.iter().all(ExerciseGrade::passed)
    }
}

impl<'c> Grader<'c> {
    pub fn new(course: &'c SiteCourse) -> Self {
        Grader {
            course,
            verdicts: RefCell::new(HashMap::new()),
        }
    }

    pub fn course(&self) -> &'c SiteCourse {
        self.course
    }

    /// The current graders' verdict on `json`, a submission's JSON text;
    /// `Err` when it is not a submission at all.
    pub fn verdict(&self, exercise: &Exercise, json: &str) -> Result<Verdict, String> {
        let key = (exercise.id.clone(), json.to_string());
        if let Some(known) = self.verdicts.borrow().get(&key) {
            return known.clone();
        }
        let verdict = rampart_grade::evidence::regrade(exercise, json);
        self.verdicts.borrow_mut().insert(key, verdict.clone());
        verdict
    }

    /// Re-grades one evidence item of a certificate (cert-spec decision 4):
    /// the verifier's re-grading hook.
    pub fn regrade_evidence(&self, e: &Evidence) -> Result<bool, String> {
        let exercise = self
            .course
            .exercises
            .get(&e.exercise)
            .ok_or_else(|| format!("exercise {} is not in this course", e.exercise))?;
        let text = e.submission.as_deref().ok_or_else(|| {
            "the credential carries only the submission's hash, not the submission".to_string()
        })?;
        self.verdict(exercise, text).map(|v| v.passed)
    }

    /// Re-grades `submitted` against every exercise of `track`.
    pub fn grade_track(&self, track: &TrackEntry, submitted: &[Submitted]) -> TrackGrade {
        let mut exercises = Vec::new();
        for id in track.exercise_ids() {
            let found: Vec<&Submitted> = submitted.iter().filter(|s| s.exercise == id).collect();
            let (outcome, submission) = match (self.course.exercises.get(id), found.as_slice()) {
                (None, _) => (Outcome::NotInCourse, None),
                (Some(_), []) => (Outcome::Missing, None),
                (Some(_), [_, _, ..]) => (Outcome::Repeated(found.len()), None),
                (Some(_), [Submitted { json: None, .. }]) => (
                    Outcome::Ungradable(
                        "the file records only the submission's hash, not the submission".into(),
                    ),
                    None,
                ),
                (
                    Some(exercise),
                    [
                        Submitted {
                            json: Some(json), ..
                        },
                    ],
                ) => {
                    let outcome = match self.verdict(exercise, json) {
                        Ok(v) if v.passed => Outcome::Passed(v),
                        Ok(v) => Outcome::Failed(v),
                        Err(why) => Outcome::Ungradable(why),
                    };
                    (outcome, Some(json.clone()))
                }
            };
            exercises.push(ExerciseGrade {
                id: id.to_string(),
                outcome,
                submission,
            });
        }
        let mut ignored: Vec<String> = Vec::new();
        for s in submitted {
            if !track.exercise_ids().any(|id| id == s.exercise) && !ignored.contains(&s.exercise) {
                ignored.push(s.exercise.clone());
            }
        }
        TrackGrade { exercises, ignored }
    }
}

/// The grader's first error (or what it said instead), with where it is:
/// `join.c line 12: the copy writes past the end of buf`.
pub fn first_error(v: &Verdict) -> String {
    let finding = v
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
        .or_else(|| v.findings.first());
    match finding {
        Some(f) => match &f.location {
            Some(at) if at.file.is_empty() => format!("line {}: {}", at.line, f.message),
            Some(at) => format!("{} line {}: {}", at.file, at.line, f.message),
            None => f.message.clone(),
        },
        None => v
            .hint
            .clone()
            .unwrap_or_else(|| format!("scored {} of {}", v.score, v.max_score)),
    }
}
