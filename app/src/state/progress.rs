//! A learner's progress: plain data, versioned, with loading that recovers
//! what it can from damaged or older data and says so, and an export format
//! that import refuses when it is not Rampart's. The export also carries the
//! learner's certificate signing key, when they have one, so that moving to
//! another browser keeps their identity.

use std::collections::BTreeMap;

use rampart_cert::KeyPair;
use rampart_course::Submission;
use rampart_grade::Verdict;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The localStorage key holding progress.
pub const STORAGE_KEY: &str = "rampart.progress";
/// Where a copy of unreadable stored data is kept, so nothing is lost.
pub const BACKUP_KEY: &str = "rampart.progress.backup";
/// The current schema. Bump it, and add a migration, when the shape changes.
pub const SCHEMA: u32 = 1;
/// The `format` tag of exported files.
pub const EXPORT_FORMAT: &str = "rampart-progress";
/// Largest import accepted (progress for a whole course is a few hundred KB).
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseProgress {
    #[serde(default)]
    pub attempts: u32,
    #[serde(default)]
    pub passed: bool,
    #[serde(default)]
    pub best_score: u32,
    #[serde(default)]
    pub max_score: u32,
    #[serde(default)]
    pub hints_used: u32,
    /// The last submission checked, restored into the exercise on return.
    #[serde(default)]
    pub last: Option<Submission>,
    /// The course version under which the exercise was first passed.
    #[serde(default)]
    pub passed_in: Option<String>,
    /// The latest submission that passed: what a certificate embeds as
    /// evidence. `last` may be a later edit that no longer passes. Absent in
    /// progress saved before certificates existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passing: Option<Submission>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub schema: u32,
    #[serde(default)]
    pub exercises: BTreeMap<String, ExerciseProgress>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            schema: SCHEMA,
            exercises: BTreeMap::new(),
        }
    }
}

/// Something the learner should be told about their stored progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub message: String,
    /// Raw stored data to keep under [`BACKUP_KEY`] before anything is overwritten.
    pub backup: Option<String>,
}

impl Progress {
    pub fn get(&self, id: &str) -> Option<&ExerciseProgress> {
        self.exercises.get(id)
    }

    pub fn passed(&self, id: &str) -> bool {
        self.get(id).is_some_and(|e| e.passed)
    }

    /// How many of `ids` are passed.
    pub fn count_passed<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        ids.into_iter().filter(|id| self.passed(id)).count()
    }

    /// Records a checked submission and its verdict.
    pub fn record(
        &mut self,
        id: &str,
        submission: &Submission,
        verdict: &Verdict,
        course_version: &str,
    ) {
        let e = self.exercises.entry(id.to_string()).or_default();
        e.attempts = e.attempts.saturating_add(1);
        e.best_score = e.best_score.max(verdict.score);
        e.max_score = verdict.max_score;
        e.last = Some(submission.clone());
        if verdict.passed {
            e.passing = Some(submission.clone());
        }
        if verdict.passed && !e.passed {
            e.passed = true;
            e.passed_in = Some(course_version.to_string());
        }
    }

    /// Keeps the learner's current answer (such as the program being edited)
    /// without counting an attempt.
    pub fn remember(&mut self, id: &str, submission: &Submission) {
        // A pass, once recorded, stays recorded whatever is edited afterwards.
        self.exercises.entry(id.to_string()).or_default().last = Some(submission.clone());
    }

    /// Records that the learner has now seen `count` hints of an exercise.
    pub fn hints_seen(&mut self, id: &str, count: u32) {
        let e = self.exercises.entry(id.to_string()).or_default();
        e.hints_used = e.hints_used.max(count);
    }

    /// Merges `other` into `self`, never losing a pass, a hint count or an attempt.
    pub fn merge(&mut self, other: &Progress) {
        for (id, theirs) in &other.exercises {
            let mine = self.exercises.entry(id.clone()).or_default();
            mine.attempts = mine.attempts.max(theirs.attempts);
            mine.best_score = mine.best_score.max(theirs.best_score);
            mine.max_score = mine.max_score.max(theirs.max_score);
            mine.hints_used = mine.hints_used.max(theirs.hints_used);
            if theirs.passed && !mine.passed {
                mine.passed = true;
                mine.passed_in.clone_from(&theirs.passed_in);
                mine.last.clone_from(&theirs.last);
            }
            if mine.last.is_none() {
                mine.last.clone_from(&theirs.last);
            }
            if mine.passing.is_none() {
                mine.passing.clone_from(&theirs.passing);
            }
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads stored progress. Missing data is a fresh start; damaged or older
    /// data is recovered as far as possible, with a notice for the learner.
    pub fn load(raw: Option<&str>) -> (Progress, Option<Notice>) {
        let Some(raw) = raw else {
            return (Progress::default(), None);
        };
        let value: Value = match serde_json::from_str(raw) {
            Ok(v) => v,
            Err(_) => {
                return (
                    Progress::default(),
                    Some(Notice {
                        message: format!(
                            "Your saved progress could not be read (it is not valid JSON), so Rampart started afresh. A copy was kept in this browser's storage under \"{BACKUP_KEY}\"."
                        ),
                        backup: Some(raw.to_string()),
                    }),
                );
            }
        };
        match recover(&value) {
            Ok((progress, dropped, migrated_from)) => {
                let notice = if dropped > 0 {
                    Some(Notice {
                        message: format!(
                            "Part of your saved progress could not be read: {dropped} exercise record(s) were damaged and skipped; everything else was kept. A copy of the original was kept under \"{BACKUP_KEY}\"."
                        ),
                        backup: Some(raw.to_string()),
                    })
                } else {
                    migrated_from.map(|from| Notice {
                        message: format!(
                            "Your saved progress was updated from an older format (version {from}) to the current one; nothing was lost."
                        ),
                        backup: Some(raw.to_string()),
                    })
                };
                (progress, notice)
            }
            Err(why) => (
                Progress::default(),
                Some(Notice {
                    message: format!(
                        "Your saved progress could not be read ({why}), so Rampart started afresh. A copy was kept in this browser's storage under \"{BACKUP_KEY}\"."
                    ),
                    backup: Some(raw.to_string()),
                }),
            ),
        }
    }

    /// The exported file's contents.
    pub fn export(&self, course_version: &str) -> String {
        self.export_with_key(course_version, None)
    }

    /// The exported file's contents, with the learner's signing key (as
    /// Multikey JSON, secret included) when they have one.
    pub fn export_with_key(&self, course_version: &str, key: Option<&KeyPair>) -> String {
        let doc = ExportDoc {
            format: EXPORT_FORMAT.to_string(),
            schema: SCHEMA,
            course: course_version.to_string(),
            progress: self.clone(),
            key: key.and_then(|k| serde_json::from_str(&k.to_json()).ok()),
        };
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    /// Parses an exported file. Anything that is not Rampart progress is
    /// refused with a sentence saying why; nothing is half-imported.
    pub fn import(text: &str) -> Result<Progress, String> {
        Self::import_with_key(text).map(|i| i.progress)
    }

    /// Like [`Progress::import`], also reading the signing key the file
    /// carries. A damaged key refuses the whole file.
    pub fn import_with_key(text: &str) -> Result<Imported, String> {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(format!(
                "Could not import: the file is {} bytes, larger than any Rampart progress file.",
                text.len()
            ));
        }
        let value: Value = serde_json::from_str(text)
            .map_err(|e| format!("Could not import: the file is not JSON ({e})."))?;
        if value.get("format").and_then(Value::as_str) != Some(EXPORT_FORMAT) {
            return Err(format!(
                "Could not import: this file is not Rampart progress (it has no \"format\": \"{EXPORT_FORMAT}\")."
            ));
        }
        let inner = value
            .get("progress")
            .ok_or_else(|| "Could not import: the file has no \"progress\" section.".to_string())?;
        let key = match value.get("key") {
            None | Some(Value::Null) => None,
            Some(k) => Some(KeyPair::from_json(&k.to_string()).map_err(|e| {
                format!("Could not import: the signing key in the file is damaged ({e}). Nothing was changed.")
            })?),
        };
        match recover(inner) {
            Ok((progress, 0, _)) => Ok(Imported { progress, key }),
            Ok((_, dropped, _)) => Err(format!(
                "Could not import: {dropped} exercise record(s) in the file are damaged. Nothing was changed."
            )),
            Err(why) => Err(format!("Could not import: {why}.")),
        }
    }
}

#[derive(Serialize)]
struct ExportDoc {
    format: String,
    schema: u32,
    course: String,
    progress: Progress,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<Value>,
}

/// What an exported file holds.
#[derive(Debug, Clone)]
pub struct Imported {
    pub progress: Progress,
    /// The certificate signing key, if the file carries one.
    pub key: Option<KeyPair>,
}

/// Reads a progress value of any known schema, skipping damaged records.
/// Returns the progress, how many records were skipped, and the schema it was
/// migrated from (if older).
fn recover(value: &Value) -> Result<(Progress, usize, Option<u32>), String> {
    let obj = value.as_object().ok_or("it is not a JSON object")?;
    let schema = match obj.get("schema") {
        // Before schema numbers existed (version 0), records sat under "completed" as id -> bool.
        None => 0,
        Some(s) => s
            .as_u64()
            .and_then(|s| u32::try_from(s).ok())
            .ok_or("its schema number is not a number")?,
    };
    if schema > SCHEMA {
        return Err(format!(
            "it was saved by a newer version of Rampart (schema {schema}; this one reads up to {SCHEMA})"
        ));
    }
    let mut progress = Progress::default();
    let mut dropped = 0;
    if schema == 0 {
        let completed = obj
            .get("completed")
            .and_then(Value::as_object)
            .ok_or("it has neither a schema number nor the older \"completed\" list")?;
        for (id, done) in completed {
            match done.as_bool() {
                Some(passed) => {
                    progress.exercises.insert(
                        id.clone(),
                        ExerciseProgress {
                            passed,
                            attempts: u32::from(passed),
                            ..Default::default()
                        },
                    );
                }
                None => dropped += 1,
            }
        }
        return Ok((progress, dropped, Some(0)));
    }
    let exercises = match obj.get("exercises") {
        None => return Ok((progress, 0, None)),
        Some(e) => e.as_object().ok_or("its \"exercises\" is not an object")?,
    };
    for (id, record) in exercises {
        match serde_json::from_value::<ExerciseProgress>(record.clone()) {
            Ok(r) if id.len() <= 64 => {
                progress.exercises.insert(id.clone(), r);
            }
            _ => dropped += 1,
        }
    }
    Ok((progress, dropped, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_grade::GraderVersion;

    fn verdict(passed: bool, score: u32) -> Verdict {
        Verdict {
            passed,
            score,
            max_score: 10,
            findings: vec![],
            hint: None,
            grader: GraderVersion {
                kind: "quiz".into(),
                version: 1,
            },
        }
    }

    fn answer(id: &str) -> Submission {
        Submission::Quiz {
            selected: vec![id.to_string()],
        }
    }

    #[test]
    fn recording_keeps_the_pass_and_the_best_score() {
        let mut p = Progress::default();
        p.record("q", &answer("a"), &verdict(false, 0), "v1");
        p.record("q", &answer("b"), &verdict(true, 10), "v1");
        p.record("q", &answer("a"), &verdict(false, 0), "v2");
        let e = p.get("q").expect("recorded");
        assert_eq!(e.attempts, 3);
        assert!(e.passed);
        assert_eq!(e.best_score, 10);
        assert_eq!(e.passed_in.as_deref(), Some("v1"));
        assert_eq!(e.last, Some(answer("a")));
    }

    #[test]
    fn remembering_an_edit_keeps_the_pass_and_counts_no_attempt() {
        let mut p = Progress::default();
        p.record("q", &answer("b"), &verdict(true, 10), "v1");
        p.remember("q", &answer("a"));
        let e = p.get("q").expect("recorded");
        assert!(e.passed);
        assert_eq!(e.attempts, 1);
        assert_eq!(e.last, Some(answer("a")));
    }

    #[test]
    fn round_trips_through_storage() {
        let mut p = Progress::default();
        p.record("q", &answer("b"), &verdict(true, 10), "v1");
        p.hints_seen("q", 2);
        let (back, notice) = Progress::load(Some(&p.to_json()));
        assert_eq!(back, p);
        assert!(notice.is_none());
        assert_eq!(Progress::load(None), (Progress::default(), None));
    }

    #[test]
    fn corrupt_storage_starts_afresh_with_a_notice_and_a_backup() {
        let (p, notice) = Progress::load(Some("{not json"));
        assert_eq!(p, Progress::default());
        let notice = notice.expect("a notice");
        assert!(notice.message.contains("could not be read"));
        assert_eq!(notice.backup.as_deref(), Some("{not json"));
    }

    #[test]
    fn damaged_records_are_skipped_and_the_rest_kept() {
        let raw = r#"{"schema":1,"exercises":{"good":{"attempts":2,"passed":true},"bad":{"attempts":"many"},"worse":7}}"#;
        let (p, notice) = Progress::load(Some(raw));
        assert!(p.passed("good"));
        assert_eq!(p.exercises.len(), 1);
        let notice = notice.expect("a notice");
        assert!(
            notice.message.contains("2 exercise record(s)"),
            "{}",
            notice.message
        );
        assert_eq!(notice.backup.as_deref(), Some(raw));
    }

    #[test]
    fn older_schema_is_migrated_with_a_notice() {
        let (p, notice) = Progress::load(Some(r#"{"completed":{"a":true,"b":false}}"#));
        assert!(p.passed("a"));
        assert!(!p.passed("b"));
        assert!(notice.expect("notice").message.contains("older format"));
    }

    #[test]
    fn newer_schema_is_kept_aside_not_misread() {
        let raw = r#"{"schema":99,"exercises":{}}"#;
        let (p, notice) = Progress::load(Some(raw));
        assert_eq!(p, Progress::default());
        let n = notice.expect("notice");
        assert!(n.message.contains("newer version"));
        assert_eq!(n.backup.as_deref(), Some(raw));
    }

    #[test]
    fn export_then_import_round_trips() {
        let mut p = Progress::default();
        p.record("q", &answer("b"), &verdict(true, 10), "v1");
        let file = p.export("v1");
        assert_eq!(Progress::import(&file), Ok(p));
    }

    #[test]
    fn foreign_or_malformed_imports_are_refused_with_a_reason() {
        let e = Progress::import(r#"{"hello":1}"#).expect_err("foreign");
        assert!(e.starts_with("Could not import"), "{e}");
        assert!(e.contains("not Rampart progress"));
        let e = Progress::import("PK\u{3}\u{4} zip bytes").expect_err("not json");
        assert!(e.contains("not JSON"));
        let e = Progress::import(r#"{"format":"rampart-progress","progress":{"schema":1,"exercises":{"q":{"passed":"yes"}}}}"#)
            .expect_err("damaged");
        assert!(e.contains("damaged"));
        let big = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert!(Progress::import(&big).is_err());
    }

    #[test]
    fn the_passing_submission_survives_later_failing_checks_and_edits() {
        let mut p = Progress::default();
        p.record("q", &answer("a"), &verdict(false, 0), "v1");
        assert_eq!(p.get("q").and_then(|e| e.passing.clone()), None);
        p.record("q", &answer("b"), &verdict(true, 10), "v1");
        p.record("q", &answer("c"), &verdict(false, 0), "v1");
        p.remember("q", &answer("d"));
        let e = p.get("q").expect("recorded");
        assert_eq!(e.last, Some(answer("d")));
        assert_eq!(e.passing, Some(answer("b")));
        // A later pass replaces it.
        p.record("q", &answer("e"), &verdict(true, 10), "v1");
        assert_eq!(
            p.get("q").and_then(|e| e.passing.clone()),
            Some(answer("e"))
        );
    }

    #[test]
    fn progress_saved_before_passing_existed_still_loads() {
        let raw = r#"{"schema":1,"exercises":{"q":{"attempts":1,"passed":true,"last":{"kind":"quiz","selected":["a"]}}}}"#;
        let (p, notice) = Progress::load(Some(raw));
        assert!(notice.is_none());
        let e = p.get("q").expect("kept");
        assert!(e.passed);
        assert_eq!(e.passing, None);
        assert_eq!(e.last, Some(answer("a")));
    }

    #[test]
    fn the_signing_key_travels_with_the_export() {
        let mut p = Progress::default();
        p.record("q", &answer("b"), &verdict(true, 10), "v1");
        let key = KeyPair::from_seed([3; 32]);
        let file = p.export_with_key("v1", Some(&key));
        let imported = Progress::import_with_key(&file).expect("imports");
        assert_eq!(imported.progress, p);
        assert_eq!(imported.key.map(|k| k.did()), Some(key.did()));
        // Without a key, none comes back.
        let plain = Progress::import_with_key(&p.export("v1")).expect("imports");
        assert!(plain.key.is_none());
        // A damaged key refuses the whole file.
        let mut doc: Value = serde_json::from_str(&file).expect("json");
        doc["key"]["secretKeyMultibase"] = Value::String("z0not-base58".into());
        let e = Progress::import_with_key(&doc.to_string()).expect_err("damaged key");
        assert!(e.contains("signing key"), "{e}");
    }

    #[test]
    fn merge_never_loses_a_pass() {
        let mut a = Progress::default();
        a.record("x", &answer("a"), &verdict(false, 0), "v1");
        let mut b = Progress::default();
        b.record("x", &answer("b"), &verdict(true, 10), "v1");
        b.record("y", &answer("b"), &verdict(false, 3), "v1");
        a.merge(&b);
        assert!(a.passed("x"));
        assert_eq!(a.get("x").and_then(|e| e.last.clone()), Some(answer("b")));
        assert_eq!(
            a.get("x").and_then(|e| e.passing.clone()),
            Some(answer("b"))
        );
        assert_eq!(a.get("y").map(|e| e.best_score), Some(3));
        let before = a.clone();
        a.merge(&Progress::default());
        assert_eq!(a, before);
    }
}
