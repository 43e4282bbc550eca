//! What the app tells an LMS about a learner, as plain data: the SCORM
//! data model elements and values for the learner's progress on the tracks
//! the site shows. `crate::lms` sends them.
//!
//! The score is the share of the shown tracks' exercises passed (each
//! exercise counts once, whatever its points, as on the home page), so 100
//! means the same as a certificate: every exercise passed.
//!
//! SCORM 1.2 reports `cmi.core.lesson_status` "incomplete" until every
//! exercise passes, then "passed", not "completed". The SCORM 1.2 RTE
//! (3.4.4, `cmi.core.lesson_status`) defines "completed" as having
//! experienced the content and "passed" as having met the mastery
//! requirements; finishing Rampart means every exercise passed its grader,
//! which is a mastery judgement, and LMSs count "passed" as complete too
//! (Moodle's "completed" completion rule accepts it). "failed" is never
//! sent: an exercise not yet passed can still be. The manifest sets no
//! `adlcp:masteryscore`, so the LMS does not override the status from the
//! score. SCORM 2004 separates the two: `cmi.completion_status`
//! incomplete/completed and `cmi.success_status` unknown/passed.

use rampart_course::BundleManifest;
use rampart_course::site::{Lms, SiteInfo};

use super::progress::Progress;

/// The learner's standing on the shown tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub passed: usize,
    pub total: usize,
}

impl Report {
    /// Counts the exercises of the tracks `site` shows, and those passed.
    pub fn compute(manifest: &BundleManifest, progress: &Progress, site: &SiteInfo) -> Report {
        let ids: Vec<&str> = manifest
            .tracks
            .iter()
            .filter(|t| site.shows_track(&t.id))
            .flat_map(|t| t.exercise_ids())
            .collect();
        Report {
            passed: progress.count_passed(ids.iter().copied()),
            total: ids.len(),
        }
    }

    /// Every shown exercise passed (trivially so when there are none).
    pub fn finished(&self) -> bool {
        self.passed >= self.total
    }

    /// The whole percent passed, rounded down so that 100 means finished.
    pub fn percent(&self) -> usize {
        (self.passed * 100).checked_div(self.total).unwrap_or(100)
    }

    /// The data model elements to set, in order, for `lms`.
    pub fn values(&self, lms: Lms) -> Vec<(&'static str, String)> {
        let raw = self.percent().to_string();
        match lms {
            Lms::Scorm12 => vec![
                (
                    "cmi.core.lesson_status",
                    if self.finished() {
                        "passed"
                    } else {
                        "incomplete"
                    }
                    .to_string(),
                ),
                ("cmi.core.score.min", "0".to_string()),
                ("cmi.core.score.max", "100".to_string()),
                ("cmi.core.score.raw", raw),
            ],
            Lms::Scorm2004 => {
                let scaled = self.scaled();
                vec![
                    (
                        "cmi.completion_status",
                        if self.finished() {
                            "completed"
                        } else {
                            "incomplete"
                        }
                        .to_string(),
                    ),
                    (
                        "cmi.success_status",
                        if self.finished() { "passed" } else { "unknown" }.to_string(),
                    ),
                    ("cmi.score.min", "0".to_string()),
                    ("cmi.score.max", "100".to_string()),
                    ("cmi.score.raw", raw),
                    ("cmi.score.scaled", scaled.clone()),
                    ("cmi.progress_measure", scaled),
                ]
            }
        }
    }

    /// The share passed, 0 to 1, with at most four decimals.
    fn scaled(&self) -> String {
        if self.total == 0 || self.finished() {
            return "1".to_string();
        }
        // Rounded down, like the percent, so 1 means finished.
        let ten_thousandths = self.passed * 10_000 / self.total;
        let text = format!("0.{ten_thousandths:04}");
        let text = text.trim_end_matches('0');
        if text == "0." {
            "0".to_string()
        } else {
            text.to_string()
        }
    }
}

/// The element and value that end a session: "suspend" while unfinished,
/// so the LMS resumes the attempt next time instead of starting anew.
pub fn exit_value(lms: Lms, report: &Report) -> (&'static str, &'static str) {
    let value = if report.finished() { "" } else { "suspend" };
    match lms {
        Lms::Scorm12 => ("cmi.core.exit", value),
        Lms::Scorm2004 => ("cmi.exit", value),
    }
}

/// The session's length as the LMS expects it: SCORM 1.2 `CMITimespan`
/// (`HHHH:MM:SS.SS`) for `cmi.core.session_time`, SCORM 2004 an ISO 8601
/// duration (`PT1H2M3.5S`) for `cmi.session_time`.
pub fn session_time(lms: Lms, millis: f64) -> (&'static str, String) {
    // Whole hundredths of a second; a negative or absurd clock reads as 0.
    let centis = if millis.is_finite() && millis > 0.0 {
        (millis / 10.0).min(9999.0 * 360_000.0) as u64
    } else {
        0
    };
    let (hours, rest) = (centis / 360_000, centis % 360_000);
    let (minutes, rest) = (rest / 6_000, rest % 6_000);
    let (seconds, hundredths) = (rest / 100, rest % 100);
    match lms {
        Lms::Scorm12 => (
            "cmi.core.session_time",
            format!("{hours:04}:{minutes:02}:{seconds:02}.{hundredths:02}"),
        ),
        Lms::Scorm2004 => (
            "cmi.session_time",
            format!("PT{hours}H{minutes}M{seconds}.{hundredths:02}S"),
        ),
    }
}

/// Whether an LMS API call's result means success: SCORM returns the
/// strings "true"/"false" (some runtimes return booleans).
pub fn succeeded(result: Option<&str>, as_bool: Option<bool>) -> bool {
    result
        .map(|s| s.trim() == "true")
        .or(as_bool)
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_course::{ExerciseKind, ExerciseRef, LessonEntry, TrackEntry};
    use rampart_grade::{GraderVersion, Verdict};

    fn verdict(passed: bool) -> Verdict {
        Verdict {
            passed,
            score: if passed { 3 } else { 1 },
            max_score: 3,
            findings: vec![],
            hint: None,
            grader: GraderVersion {
                kind: "quiz".into(),
                version: 1,
            },
        }
    }

    fn track(id: &str, exercises: &[&str]) -> TrackEntry {
        TrackEntry {
            id: id.into(),
            title: id.into(),
            summary: String::new(),
            lessons: vec![LessonEntry {
                id: format!("{id}-lesson"),
                title: String::new(),
                summary: String::new(),
                minutes: 1,
                objectives: vec![],
                exercises: exercises
                    .iter()
                    .map(|e| ExerciseRef {
                        id: (*e).into(),
                        kind: ExerciseKind::Quiz,
                        title: (*e).into(),
                        points: 3,
                    })
                    .collect(),
                path: String::new(),
                sha256: String::new(),
            }],
        }
    }

    fn manifest() -> BundleManifest {
        BundleManifest {
            format: 1,
            version: "v1".into(),
            title: "Course".into(),
            description: String::new(),
            tracks: vec![
                track("memory-safety", &["m1", "m2"]),
                track("supply-chain", &["s1", "s2", "s3"]),
            ],
        }
    }

    fn passing(ids: &[&str]) -> Progress {
        let mut progress = Progress::default();
        let verdict = verdict(true);
        for id in ids {
            progress.record(
                id,
                &rampart_course::Submission::Quiz { selected: vec![] },
                &verdict,
                "v1",
            );
        }
        progress
    }

    fn site(tracks: Option<&[&str]>) -> SiteInfo {
        SiteInfo {
            tracks: tracks.map(|t| t.iter().map(|s| (*s).to_string()).collect()),
            ..SiteInfo::default()
        }
    }

    fn value<'a>(values: &'a [(&str, String)], key: &str) -> &'a str {
        &values.iter().find(|(k, _)| *k == key).expect(key).1
    }

    #[test]
    fn only_the_shown_tracks_count() {
        let progress = passing(&["m1", "m2", "s1"]);
        let shown = site(Some(&["supply-chain"]));
        let report = Report::compute(&manifest(), &progress, &shown);
        assert_eq!(
            report,
            Report {
                passed: 1,
                total: 3
            }
        );
        assert_eq!(report.percent(), 33);
        assert!(!report.finished());
        let all = Report::compute(&manifest(), &progress, &site(None));
        assert_eq!(
            all,
            Report {
                passed: 3,
                total: 5
            }
        );
    }

    #[test]
    fn scorm12_is_incomplete_until_every_exercise_passes() {
        let shown = site(Some(&["supply-chain"]));
        let partial = Report::compute(&manifest(), &passing(&["s1", "s2"]), &shown);
        let values = partial.values(Lms::Scorm12);
        assert_eq!(value(&values, "cmi.core.lesson_status"), "incomplete");
        assert_eq!(value(&values, "cmi.core.score.raw"), "66");
        assert_eq!(value(&values, "cmi.core.score.min"), "0");
        assert_eq!(value(&values, "cmi.core.score.max"), "100");
        // Min and max come before raw: some LMSs range-check raw against them.
        let order: Vec<&str> = values.iter().map(|(k, _)| *k).collect();
        assert!(
            order.iter().position(|k| *k == "cmi.core.score.max")
                < order.iter().position(|k| *k == "cmi.core.score.raw")
        );

        let done = Report::compute(&manifest(), &passing(&["s1", "s2", "s3"]), &shown);
        let values = done.values(Lms::Scorm12);
        assert_eq!(value(&values, "cmi.core.lesson_status"), "passed");
        assert_eq!(value(&values, "cmi.core.score.raw"), "100");
        assert_eq!(
            exit_value(Lms::Scorm12, &partial),
            ("cmi.core.exit", "suspend")
        );
        assert_eq!(exit_value(Lms::Scorm12, &done), ("cmi.core.exit", ""));
    }

    #[test]
    fn scorm2004_reports_completion_success_and_a_scaled_score() {
        let shown = site(Some(&["supply-chain"]));
        let none =
            Report::compute(&manifest(), &Progress::default(), &shown).values(Lms::Scorm2004);
        assert_eq!(value(&none, "cmi.completion_status"), "incomplete");
        assert_eq!(value(&none, "cmi.success_status"), "unknown");
        assert_eq!(value(&none, "cmi.score.scaled"), "0");
        assert_eq!(value(&none, "cmi.score.raw"), "0");

        let partial =
            Report::compute(&manifest(), &passing(&["s1"]), &shown).values(Lms::Scorm2004);
        assert_eq!(value(&partial, "cmi.score.scaled"), "0.3333");
        assert_eq!(value(&partial, "cmi.progress_measure"), "0.3333");

        let done = Report::compute(&manifest(), &passing(&["s1", "s2", "s3"]), &shown)
            .values(Lms::Scorm2004);
        assert_eq!(value(&done, "cmi.completion_status"), "completed");
        assert_eq!(value(&done, "cmi.success_status"), "passed");
        assert_eq!(value(&done, "cmi.score.scaled"), "1");
        assert_eq!(value(&done, "cmi.score.raw"), "100");
    }

    #[test]
    fn a_failed_attempt_does_not_count() {
        let mut progress = passing(&["s1"]);
        let failed = verdict(false);
        progress.record(
            "s2",
            &rampart_course::Submission::Quiz { selected: vec![] },
            &failed,
            "v1",
        );
        let report = Report::compute(&manifest(), &progress, &site(Some(&["supply-chain"])));
        assert_eq!(report.passed, 1);
    }

    #[test]
    fn session_time_formats() {
        let ms = ((2 * 3600 + 3 * 60 + 4) as f64) * 1000.0 + 560.0;
        assert_eq!(
            session_time(Lms::Scorm12, ms),
            ("cmi.core.session_time", "0002:03:04.56".to_string())
        );
        assert_eq!(
            session_time(Lms::Scorm2004, ms),
            ("cmi.session_time", "PT2H3M4.56S".to_string())
        );
        assert_eq!(session_time(Lms::Scorm12, -5.0).1, "0000:00:00.00");
        assert_eq!(session_time(Lms::Scorm12, f64::NAN).1, "0000:00:00.00");
    }

    #[test]
    fn results_are_read_as_scorm_strings_or_booleans() {
        assert!(succeeded(Some("true"), None));
        assert!(!succeeded(Some("false"), None));
        assert!(!succeeded(Some(""), None));
        assert!(succeeded(None, Some(true)));
        assert!(!succeeded(None, None));
    }
}
