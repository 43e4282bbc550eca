//! The grading Web Worker, and the messages it exchanges with the app.
//!
//! 1. The app starts the worker (`rampart-worker_loader.js`, built by Trunk
//!    from `main.rs`). Once its wasm has loaded, the worker posts
//!    [`Reply::Ready`]; a message sent before that would be lost.
//! 2. The app posts a [`Request`]: a job id and a [`Job`].
//! 3. [`handle`] runs the job: a `c` job one case at a time, with
//!    [`Reply::Progress`] between cases (at most [`PROGRESS_UPDATES`] per
//!    job); any other kind in one call to [`rampart_grade::grade`].
//! 4. It ends with [`Reply::Done`] and the verdict, or [`Reply::Failed`] when
//!    the request could not be read.
//! 5. A [`Task::Verify`] checks a certificate with [`rampart_cert::verify()`],
//!    re-grading its evidence here, off the page's thread, and ends with
//!    [`Reply::Verified`] and the report instead.
//!
//! Messages travel as JSON strings rather than structured clones, so the
//! only contract between the two sides is these serde types. The app links
//! this library for them; only the binary touches browser APIs.

use rampart_cert::{Evidence, Report, Timestamp, TrustedIssuer, VerifyContext};
use rampart_course::{Exercise, KindSpec, Submission};
use rampart_grade::Verdict;
use rampart_grade::c::{Progress, Session};
use serde::{Deserialize, Serialize};

/// Most progress replies a job sends after its first (`0` of `total`), so a
/// thousand fuzz cases do not flood the page with messages.
pub const PROGRESS_UPDATES: usize = 30;

/// What the app asks the worker to grade: the same pair as
/// [`rampart_grade::grade`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub exercise: Exercise,
    pub submission: Submission,
}

/// What the worker is asked to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum Task {
    /// Grade a submission to an exercise.
    Grade(Job),
    /// Audit the learner's own file ("Audit your own files"); the verdict
    /// passes when nothing is found.
    Audit(rampart_supply::audit::Request),
    /// Verify a certificate, re-grading its evidence; answered with
    /// [`Reply::Verified`].
    Verify(VerifyJob),
}

/// Everything the verifier needs besides its code: the page fetches it
/// (the worker has no business with the network) and sends it along.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyJob {
    /// The credential's JSON text, exactly as given.
    pub credential: String,
    /// "Now", in seconds since 1970 (the page's `Date.now()`).
    pub now: i64,
    /// The current course's exercises that the evidence names (the page
    /// loads the lessons holding them).
    pub exercises: Vec<Exercise>,
    /// The site's `issuers.json`.
    #[serde(default)]
    pub trust_list: Vec<TrustedIssuer>,
    /// Course versions this site knows: its own, and `course-versions.json`.
    pub known_course_versions: Vec<String>,
    /// Every exercise of the track the credential names, in the current
    /// course: the evidence must cover them all. `None` when the track is
    /// not in this course (its evidence then fails re-grading anyway).
    #[serde(default)]
    pub track_exercises: Option<Vec<String>>,
    /// The fetched `credentialStatus.statusListCredential`, if any.
    #[serde(default)]
    pub status_list_credential: Option<String>,
    /// Why the status list could not be fetched, if the page tried.
    #[serde(default)]
    pub status_list_error: Option<String>,
    /// Fetched did:web documents.
    #[serde(default)]
    pub did_documents: Vec<serde_json::Value>,
}

/// Page to worker: one task, with the id its replies carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: u64,
    pub task: Task,
}

/// Worker to page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    /// The worker's wasm has loaded: it can take a request now.
    Ready,
    /// `done` of `total` cases have run.
    Progress { id: u64, done: usize, total: usize },
    /// The job's verdict.
    Done { id: u64, verdict: Verdict },
    /// A [`Task::Verify`]'s report.
    Verified { id: u64, report: Report },
    /// The job could not be graded. `id` is `None` when the request was too
    /// broken to read one.
    Failed { id: Option<u64>, message: String },
}

impl Request {
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| {
            format!(
                "The grading request could not be read ({e}). The page and the grading worker \
                 are probably from different versions of Rampart: reload the page."
            )
        })
    }
}

impl Reply {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            // Unreachable for these types; still, never leave the page waiting.
            let failed = Reply::Failed {
                id: self.id(),
                message: format!("The grading worker could not encode its reply: {e}."),
            };
            serde_json::to_string(&failed).unwrap_or_default()
        })
    }

    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| {
            format!(
                "The grading worker sent a reply the page cannot read ({e}). The page and the \
                 worker are probably from different versions of Rampart: reload the page."
            )
        })
    }

    /// The job this reply is about (`None` for [`Reply::Ready`]).
    pub fn id(&self) -> Option<u64> {
        match self {
            Reply::Ready => None,
            Reply::Progress { id, .. } | Reply::Done { id, .. } | Reply::Verified { id, .. } => {
                Some(*id)
            }
            Reply::Failed { id, .. } => *id,
        }
    }
}

/// The `id` of a request, read without the rest: a request that does not
/// parse can still be answered with its id.
pub fn peek_id(text: &str) -> Option<u64> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()?
        .get("id")?
        .as_u64()
}

/// Answers one message: every reply goes to `post`, [`Reply::Done`] or
/// [`Reply::Failed`] last. Never panics on a bad message.
pub fn handle(message: &str, mut post: impl FnMut(Reply)) {
    let request = match Request::from_json(message) {
        Ok(request) => request,
        Err(error) => {
            post(Reply::Failed {
                id: peek_id(message),
                message: error,
            });
            return;
        }
    };
    let id = request.id;
    let verdict = match &request.task {
        Task::Grade(job) => run(job, |p| {
            post(Reply::Progress {
                id,
                done: p.done,
                total: p.total,
            })
        }),
        Task::Audit(audit) => rampart_grade::audit_verdict(audit),
        Task::Verify(job) => {
            post(Reply::Verified {
                id,
                report: verify(job),
            });
            return;
        }
    };
    post(Reply::Done { id, verdict });
}

/// Verifies `job.credential`, re-grading each evidence item with the
/// current graders (cert-spec decision 4).
pub fn verify(job: &VerifyJob) -> Report {
    let regrade = |e: &Evidence| regrade(&job.exercises, e);
    let ctx = VerifyContext {
        now: Timestamp::from_unix_seconds(job.now),
        trust_list: &job.trust_list,
        known_course_versions: Some(&job.known_course_versions),
        status_list_credential: job.status_list_credential.as_deref(),
        did_documents: &job.did_documents,
        regrade: Some(&regrade),
    };
    let mut report = rampart_cert::verify(&job.credential, &ctx);
    // A certificate for a track needs evidence for every exercise of it.
    if let Some(required) = &job.track_exercises {
        report.require_evidence_for(&job.credential, required);
    }
    // The verifier only knows the list was not supplied; the page knows why.
    if let Some(why) = &job.status_list_error
        && job.status_list_credential.is_none()
        && let Some(check) = report.checks.iter_mut().find(|c| {
            c.name == rampart_cert::CheckName::Revocation
                && c.status == rampart_cert::CheckStatus::NotChecked
        })
    {
        check.message = format!("offline or unreachable: {why}");
    }
    report
}

/// Re-grades one evidence item: the exercise is looked up by id in the
/// current course, and its embedded submission graded again.
pub fn regrade(exercises: &[Exercise], evidence: &Evidence) -> Result<bool, String> {
    let exercise = exercises
        .iter()
        .find(|x| x.id == evidence.exercise)
        .ok_or_else(|| format!("exercise {} is not in this course", evidence.exercise))?;
    let text = evidence.submission.as_deref().ok_or_else(|| {
        "the submission is not embedded, only its SHA-256, so it cannot be re-graded here"
            .to_string()
    })?;
    rampart_grade::evidence::regrade(exercise, text).map(|v| v.passed)
}

/// Grades `job`. A `c` program runs one case at a time, with `progress`
/// called for `0` of `total` first and then after at most
/// [`PROGRESS_UPDATES`] of its cases; any other job is one call to
/// [`rampart_grade::grade`], without progress.
pub fn run(job: &Job, mut progress: impl FnMut(Progress)) -> Verdict {
    let Job {
        exercise,
        submission,
    } = job;
    if let (KindSpec::C(spec), Submission::Files { files }) = (&exercise.spec, submission)
        && let Some(source) = files.get(&spec.file)
    {
        let mut session = Session::new(exercise, spec, source);
        let total = session.total();
        progress(Progress { done: 0, total });
        let mut reported = 0;
        while let Some(p) = session.step() {
            // Report each time another 1/PROGRESS_UPDATES of the cases is done.
            let share = p.done * PROGRESS_UPDATES / p.total.max(1);
            if share > reported {
                reported = share;
                progress(p);
            }
        }
        return session.verdict();
    }
    // Other kinds, and answers of the wrong shape, which `grade` explains.
    rampart_grade::grade(exercise, submission)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_course::{
        CCase, CSpec, FuzzSpec, FuzzTarget, Generator, QuizOption, QuizSpec, Visibility,
    };

    const SOLUTION: &str = r#"#include <stdio.h>
#include <string.h>

int main(void) {
    char line[64];
    char buf[16];
    if (fgets(line, sizeof line, stdin) == NULL) return 1;
    line[strcspn(line, "\n")] = '\0';
    snprintf(buf, sizeof buf, "%s", line);
    printf("Hello, %s!\n", buf);
    return 0;
}
"#;

    const STARTER: &str = r#"#include <stdio.h>
#include <string.h>

int main(void) {
    char line[64];
    char buf[16];
    if (fgets(line, sizeof line, stdin) == NULL) return 1;
    line[strcspn(line, "\n")] = '\0';
    strcpy(buf, line);
    printf("Hello, %s!\n", buf);
    return 0;
}
"#;

    fn quiz_exercise() -> Exercise {
        Exercise {
            id: "q".into(),
            title: "Q".into(),
            prompt_html: String::new(),
            points: 10,
            hints: vec![],
            explains: "lesson#section".into(),
            seed: 1,
            spec: KindSpec::Quiz(QuizSpec {
                multiple: false,
                options: vec![
                    QuizOption {
                        id: "a".into(),
                        text_html: "A".into(),
                        correct: true,
                        feedback: "Right.".into(),
                    },
                    QuizOption {
                        id: "b".into(),
                        text_html: "B".into(),
                        correct: false,
                        feedback: "Wrong.".into(),
                    },
                ],
            }),
        }
    }

    fn c_job(source: &str, fuzz: u32) -> Job {
        let spec = CSpec {
            file: "main.c".into(),
            starter: STARTER.into(),
            solution: SOLUTION.into(),
            cases: vec![CCase {
                name: "short name".into(),
                visibility: Visibility::Visible,
                stdin: "alice\n".into(),
                args: vec![],
                stdout: Some("Hello, alice!\n".into()),
                exit_code: 0,
            }],
            fuzz: Some(FuzzSpec {
                seed: 7,
                count: fuzz,
                target: FuzzTarget::Stdin,
                generator: Generator::String {
                    min_len: 0,
                    max_len: 40,
                    alphabet: "alnum".into(),
                },
            }),
        };
        Job {
            submission: rampart_grade::c_files(&spec, source),
            exercise: Exercise {
                spec: KindSpec::C(spec),
                ..quiz_exercise()
            },
        }
    }

    fn replies(message: &str) -> Vec<Reply> {
        let mut out = Vec::new();
        handle(message, |r| out.push(r));
        out
    }

    #[test]
    fn a_c_job_reports_throttled_progress_then_its_verdict() {
        let request = Request {
            id: 7,
            task: Task::Grade(c_job(SOLUTION, 99)),
        };
        let out = replies(&request.to_json());
        let progress: Vec<_> = out
            .iter()
            .filter_map(|r| match r {
                Reply::Progress { id: 7, done, total } => Some((*done, *total)),
                _ => None,
            })
            .collect();
        assert_eq!(progress.first(), Some(&(0, 100)));
        assert_eq!(progress.last(), Some(&(100, 100)));
        assert!(progress.len() <= PROGRESS_UPDATES + 1, "{progress:?}");
        assert!(progress.windows(2).all(|w| w[0].0 < w[1].0));
        match out.last() {
            Some(Reply::Done { id: 7, verdict }) => assert!(verdict.passed, "{verdict:?}"),
            other => panic!("expected a verdict last, got {other:?}"),
        }
    }

    #[test]
    fn a_failing_c_job_stops_early_with_a_finding() {
        let job = c_job(STARTER, 50);
        let mut calls = 0;
        let verdict = run(&job, |_| calls += 1);
        assert!(!verdict.passed);
        assert!(verdict.findings.iter().any(|f| f.rule.starts_with("c.")));
        assert!(calls >= 1);
    }

    #[test]
    fn other_kinds_are_graded_in_one_step() {
        let request = Request {
            id: 3,
            task: Task::Grade(Job {
                exercise: quiz_exercise(),
                submission: Submission::Quiz {
                    selected: vec!["a".into()],
                },
            }),
        };
        let out = replies(&request.to_json());
        assert!(matches!(&out[..], [Reply::Done { id: 3, verdict }] if verdict.passed));
    }

    #[test]
    fn a_bad_request_is_answered_not_panicked_on() {
        let out = replies(r#"{"id": 12, "job": {"exercise": 1}}"#);
        match &out[..] {
            [Reply::Failed { id, message }] => {
                assert_eq!(*id, Some(12));
                assert!(message.contains("reload the page"), "{message}");
            }
            other => panic!("expected one failure, got {other:?}"),
        }
        assert!(matches!(
            &replies("not json")[..],
            [Reply::Failed { id: None, .. }]
        ));
    }

    #[test]
    fn replies_round_trip_as_tagged_json() {
        let ready = Reply::Ready.to_json();
        assert_eq!(ready, r#"{"type":"ready"}"#);
        assert_eq!(Reply::from_json(&ready), Ok(Reply::Ready));
        let progress = Reply::Progress {
            id: 1,
            done: 2,
            total: 3,
        };
        assert_eq!(
            progress.to_json(),
            r#"{"type":"progress","id":1,"done":2,"total":3}"#
        );
        assert_eq!(Reply::from_json(&progress.to_json()), Ok(progress));
    }

    #[test]
    fn an_audit_is_a_verdict_with_the_findings_and_their_lines() {
        use rampart_supply::audit::{Input, Request as Audit, Target};
        let workflow = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n";
        let request = Request {
            id: 4,
            task: Task::Audit(Audit::new(Target::Workflow, Input::new("ci.yml", workflow))),
        };
        let out = replies(&request.to_json());
        let [Reply::Done { id: 4, verdict }] = &out[..] else {
            panic!("expected one verdict, got {out:?}");
        };
        assert!(!verdict.passed);
        let pin = verdict
            .findings
            .iter()
            .find(|f| f.rule == "workflow/unpinned-uses")
            .expect("the unpinned checkout is reported");
        assert_eq!(
            pin.location.as_ref().map(|l| (l.file.as_str(), l.line)),
            Some(("ci.yml", 6))
        );
    }

    /// A self-issued credential for one quiz exercise, answered `answer`.
    fn credential_for(answer: &str) -> (String, rampart_cert::KeyPair) {
        use rampart_cert::{CredentialInput, IssuerInput, LearnerInput, TrackInput};
        let key = rampart_cert::KeyPair::from_seed([7; 32]);
        let submission = rampart_grade::evidence::submission_json(&Submission::Quiz {
            selected: vec![answer.into()],
        });
        let input = CredentialInput {
            id: "urn:uuid:00000000-0000-4000-8000-000000000000".into(),
            issuer: IssuerInput {
                did: key.did(),
                name: "Ada".into(),
                url: None,
            },
            learner: LearnerInput {
                name: "Ada".into(),
                id: Some(key.did()),
            },
            track: TrackInput {
                id: "t".into(),
                name: "Track".into(),
                description: "A track.".into(),
                criteria: "Pass every exercise.".into(),
                course_version: "v1".into(),
                achievement_id: None,
            },
            valid_from: Timestamp::from_unix_seconds(1_700_000_000),
            valid_until: None,
            status: None,
            evidence: vec![Evidence::new("q", "quiz@1", &submission, true)],
        };
        let created = Timestamp::from_unix_seconds(1_700_000_000);
        let text = rampart_cert::credential::issue(&input, &key, created).expect("issued");
        (text, key)
    }

    fn verify_job(credential: String) -> VerifyJob {
        VerifyJob {
            credential,
            now: 1_800_000_000,
            exercises: vec![quiz_exercise()],
            trust_list: vec![],
            known_course_versions: vec!["v1".into()],
            track_exercises: Some(vec!["q".into()]),
            status_list_credential: None,
            status_list_error: None,
            did_documents: vec![],
        }
    }

    fn status_of(report: &Report, name: rampart_cert::CheckName) -> rampart_cert::CheckStatus {
        report.status(name)
    }

    #[test]
    fn a_verify_task_regrades_the_evidence_and_answers_with_the_report() {
        use rampart_cert::{CheckName, CheckStatus};
        let (text, _) = credential_for("a");
        let request = Request {
            id: 9,
            task: Task::Verify(verify_job(text)),
        };
        let out = replies(&request.to_json());
        let [Reply::Verified { id: 9, report }] = &out[..] else {
            panic!("expected one report, got {out:?}");
        };
        for name in [
            CheckName::WellFormed,
            CheckName::Schema,
            CheckName::Signature,
            CheckName::IssuerKey,
            CheckName::Dates,
            CheckName::CourseVersion,
            CheckName::Evidence,
        ] {
            assert_eq!(status_of(report, name), CheckStatus::Pass, "{report}");
        }
        assert_eq!(
            status_of(report, CheckName::Revocation),
            CheckStatus::NotChecked
        );
    }

    #[test]
    fn evidence_that_no_longer_passes_or_is_not_in_the_course_fails() {
        use rampart_cert::{CheckName, CheckStatus};
        let (wrong, _) = credential_for("b");
        let report = verify(&verify_job(wrong));
        assert_eq!(status_of(&report, CheckName::Evidence), CheckStatus::Fail);
        assert_eq!(status_of(&report, CheckName::Signature), CheckStatus::Pass);

        let (right, _) = credential_for("a");
        let mut job = verify_job(right);
        job.exercises.clear();
        let report = verify(&job);
        let evidence = report.get(CheckName::Evidence).expect("evidence check");
        assert_eq!(evidence.status, CheckStatus::Fail);
        assert!(
            evidence
                .message
                .contains("exercise q is not in this course"),
            "{}",
            evidence.message
        );
    }

    #[test]
    fn evidence_must_cover_every_exercise_of_the_track() {
        use rampart_cert::{CheckName, CheckStatus};
        let (text, _) = credential_for("a");
        let mut job = verify_job(text);
        job.track_exercises = Some(vec!["q".into(), "q2".into()]);
        let report = verify(&job);
        let evidence = report.get(CheckName::Evidence).expect("evidence check");
        assert_eq!(evidence.status, CheckStatus::Fail);
        assert!(
            evidence.message.contains("missing: q2"),
            "{}",
            evidence.message
        );
    }

    #[test]
    fn one_edited_character_fails_the_signature_and_junk_fails_well_formed() {
        use rampart_cert::{CheckName, CheckStatus};
        let (text, _) = credential_for("a");
        let edited = text.replacen("\"Ada\"", "\"Adb\"", 1);
        assert_ne!(edited, text);
        let report = verify(&verify_job(edited));
        assert_eq!(status_of(&report, CheckName::Signature), CheckStatus::Fail);

        for junk in ["not json", "{\"a\":1,\"a\":2}"] {
            let report = verify(&verify_job(junk.into()));
            assert_eq!(
                status_of(&report, CheckName::WellFormed),
                CheckStatus::Fail,
                "{junk}"
            );
        }
        let huge = format!("\"{}\"", "x".repeat(10 * 1024 * 1024));
        let report = verify(&verify_job(huge));
        let check = report.get(CheckName::WellFormed).expect("well-formed");
        assert_eq!(check.status, CheckStatus::Fail);
        assert!(check.message.contains("bytes"), "{}", check.message);
    }

    #[test]
    fn an_unreachable_status_list_says_so() {
        use rampart_cert::{CheckName, CheckStatus};
        let (text, _) = credential_for("a");
        let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
        value["credentialStatus"] = serde_json::json!({
            "id": "https://example.invalid/status/1#5",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "5",
            "statusListCredential": "https://example.invalid/status/1"
        });
        let mut job = verify_job(value.to_string());
        job.status_list_error = Some("https://example.invalid/status/1 did not answer".into());
        let report = verify(&job);
        let check = report.get(CheckName::Revocation).expect("revocation");
        assert_eq!(check.status, CheckStatus::NotChecked);
        assert!(
            check.message.starts_with("offline or unreachable"),
            "{}",
            check.message
        );
    }
}
