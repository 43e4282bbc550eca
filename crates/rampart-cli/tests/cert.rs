//! `rampart keygen` and `rampart cert …`, run as an institution and a
//! verifier would. Evidence comes from the real course's reference
//! solutions, so these tests follow the course as it changes. One
//! institution (key, status list, certificate) is made once and shared by
//! the tests that only read it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rampart_cert::{
    CredentialInput, Evidence, IssuerInput, KeyPair, LearnerInput, Timestamp, TrackInput,
};
use rampart_course::BundleManifest;
use rampart_grade::evidence::{EvidenceBundle, evidence_of, submission_json};
use serde_json::Value;

mod common;
use common::*;

const TRACK: &str = "memory-safety";
const INSTITUTION: &str = "Example University";
const LEARNER: &str = "Ada Lovelace";
const SITE: &str = "https://rampart.example";
const STATUS_URL: &str = "https://rampart.example/status/1.json";

fn root() -> String {
    repo_root().display().to_string()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cert")
        .join(name)
        .display()
        .to_string()
}

/// The real course, loaded once.
struct RealCourse {
    course: rampart_course::Course,
    manifest: BundleManifest,
}

fn real() -> &'static RealCourse {
    static COURSE: OnceLock<RealCourse> = OnceLock::new();
    COURSE.get_or_init(|| {
        let (course, problems) = rampart_course::load(&repo_root());
        assert!(
            problems.is_empty(),
            "the real course has problems: {problems:?}"
        );
        let (manifest, _) = rampart_course::bundle::build(&course);
        RealCourse { course, manifest }
    })
}

impl RealCourse {
    fn version(&self) -> &str {
        &self.manifest.version
    }

    fn track_ids(&self) -> Vec<String> {
        self.manifest
            .track(TRACK)
            .expect("the track exists")
            .exercise_ids()
            .map(str::to_string)
            .collect()
    }

    fn exercise(&self, id: &str) -> &rampart_course::Exercise {
        &self.course.exercises[id].exercise
    }

    /// Evidence for every exercise of the track, from the reference solutions.
    fn passing_bundle(&self) -> EvidenceBundle {
        let mut bundle = EvidenceBundle::new(self.version(), TRACK, LEARNER);
        for id in self.track_ids() {
            let ex = self.exercise(&id);
            bundle
                .exercises
                .push(evidence_of(ex, &rampart_grade::solution(ex)));
        }
        bundle
    }
}

/// The real course built into a bundle, as a site serves it, once: the
/// CLI loads a bundle far faster than sources, so most commands here use it.
fn built() -> String {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = scratch("site").join("course");
        let (_, files) = rampart_course::bundle::build(&real().course);
        rampart_course::bundle::write(&dir, &files).expect("write the bundle");
        dir
    });
    s(dir)
}

/// One institution: its key, a status list, and a certificate issued into
/// that list from passing evidence.
struct Institution {
    dir: PathBuf,
    key: PathBuf,
    did: String,
    keygen_stdout: String,
    /// issuers.json naming the key.
    trust: PathBuf,
    status_list: PathBuf,
    credential: PathBuf,
    issue_stdout: String,
}

fn institution() -> &'static Institution {
    static ONE: OnceLock<Institution> = OnceLock::new();
    ONE.get_or_init(|| {
        let dir = scratch("institution");
        let key = dir.join("key.json");
        let out = rampart(&["keygen", "--out", &s(&key), "--name", INSTITUTION]);
        expect_code(&out, 0);
        let keygen_stdout = stdout(&out);
        let did = KeyPair::from_json(&read(&key)).expect("a key").did();
        let trust = dir.join("issuers.json");
        write(
            &trust,
            &serde_json::json!([{ "did": did, "name": INSTITUTION }]).to_string(),
        );
        let status_list = dir.join("status.json");
        let out = rampart(&[
            "cert",
            "status",
            "init",
            "--key",
            &s(&key),
            "--url",
            STATUS_URL,
            "--out",
            &s(&status_list),
        ]);
        expect_code(&out, 0);
        let evidence = dir.join("evidence.json");
        write(&evidence, &real().passing_bundle().to_json());
        let credential = dir.join("certificate.json");
        let out = rampart(&[
            "cert",
            "issue",
            "--key",
            &s(&key),
            "--evidence",
            &s(&evidence),
            "--course",
            &root(),
            "--valid-days",
            "365",
            "--status-list",
            &s(&status_list),
            "--status-url",
            STATUS_URL,
            "--site-url",
            SITE,
            "--out",
            &s(&credential),
        ]);
        expect_code(&out, 0);
        Institution {
            dir,
            key,
            did,
            keygen_stdout,
            trust,
            status_list,
            credential,
            issue_stdout: stdout(&out),
        }
    })
}

/// `rampart cert verify --json` against the built course: the exit status
/// and each check's (name, status, message).
fn verify(credential: &Path, extra: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let course = built();
    verify_against(credential, &course, extra)
}

/// Like [`verify`], against the course in `course`.
fn verify_against(
    credential: &Path,
    course: &str,
    extra: &[&str],
) -> (i32, Vec<(String, String, String)>) {
    let file = s(credential);
    let mut args = vec!["cert", "verify", &file, "--course", course, "--json"];
    args.extend_from_slice(extra);
    let out = rampart(&args);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "--json prints JSON ({e}):\n{}{}",
            stdout(&out),
            stderr(&out)
        )
    });
    let checks = report["checks"]
        .as_array()
        .expect("a checks array")
        .iter()
        .map(|c| {
            let field = |k: &str| c[k].as_str().expect("string fields").to_string();
            (field("name"), field("status"), field("message"))
        })
        .collect();
    (out.status.code().unwrap_or(-1), checks)
}

/// Asserts each check's status: `expected` lists the ones that are not
/// "pass".
#[track_caller]
fn assert_checks(checks: &[(String, String, String)], expected: &[(&str, &str)]) {
    for (name, status, message) in checks {
        let want = expected
            .iter()
            .find(|(n, _)| n == name)
            .map_or("pass", |(_, s)| s);
        assert_eq!(status, want, "{name}: {message}\nall checks: {checks:#?}");
    }
    assert_eq!(checks.len(), 9, "{checks:#?}");
}

fn message<'a>(checks: &'a [(String, String, String)], name: &str) -> &'a str {
    checks
        .iter()
        .find(|(n, _, _)| n == name)
        .map_or("", |(_, _, m)| m)
}

fn trust_args(inst: &Institution) -> Vec<String> {
    vec!["--trust".into(), s(&inst.trust)]
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

mod keygen {
    use super::*;

    #[test]
    fn writes_a_private_key_and_prints_the_issuers_entry() {
        let inst = institution();
        let out = &inst.keygen_stdout;
        assert!(out.contains(&format!("did: {}", inst.did)), "{out}");
        let entry = out
            .lines()
            .find(|l| l.trim_start().starts_with("{\"did\""))
            .unwrap_or_else(|| panic!("an issuers.json entry in:\n{out}"));
        let entry: Value = serde_json::from_str(entry).expect("the entry is JSON");
        assert_eq!(
            entry,
            serde_json::json!({"did": inst.did, "name": INSTITUTION})
        );
        let key: Value = serde_json::from_str(&read(&inst.key)).expect("JSON");
        assert_eq!(key["type"], "Multikey");
        assert_eq!(key["name"], INSTITUTION);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&inst.key)
                .expect("key")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn refuses_to_overwrite_a_key_unless_forced() {
        let dir = scratch("keygen-force");
        let key = dir.join("key.json");
        expect_code(&rampart(&["keygen", "--out", &s(&key)]), 0);
        let first = read(&key);
        let again = rampart(&["keygen", "--out", &s(&key)]);
        expect_code(&again, 2);
        assert!(
            stderr(&again).contains("already exists"),
            "{}",
            stderr(&again)
        );
        assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
        assert_eq!(read(&key), first, "the old key is untouched");

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        }
        expect_code(&rampart(&["keygen", "--out", &s(&key), "--force"]), 0);
        assert_ne!(read(&key), first, "--force writes a new key");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).expect("key").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "a replaced key is private again");
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}

mod issue {
    use super::*;

    #[test]
    fn an_issued_certificate_verifies() {
        let inst = institution();
        // Issued from the course's sources, checked against its built bundle:
        // both give the same course version and the same graders.
        let (code, checks) = verify(&inst.credential, &strs(&trust_args(inst)));
        assert_checks(
            &checks,
            &[("evidence", "not-checked"), ("revocation", "not-checked")],
        );
        assert_eq!(code, 0, "{checks:#?}");
        let (code, checks) = verify_against(&inst.credential, &root(), &strs(&trust_args(inst)));
        assert_checks(
            &checks,
            &[("evidence", "not-checked"), ("revocation", "not-checked")],
        );
        assert_eq!(code, 0, "{checks:#?}");
        assert_eq!(
            message(&checks, "evidence"),
            "issued by Example University after re-grading; submissions are not embedded, only their SHA-256"
        );
        assert!(
            message(&checks, "revocation").contains("no network client"),
            "{checks:#?}"
        );

        // With the published list at hand, revocation is checked too.
        let mut args = trust_args(inst);
        args.extend(["--status-list".into(), s(&inst.status_list)]);
        let (code, checks) = verify(&inst.credential, &strs(&args));
        assert_checks(&checks, &[("evidence", "not-checked")]);
        assert_eq!(code, 0);
    }

    #[test]
    fn the_certificate_records_hashes_for_every_exercise_of_the_track() {
        let inst = institution();
        let cred: Value = serde_json::from_str(&read(&inst.credential)).expect("JSON");
        let names: Vec<&str> = cred["evidence"]
            .as_array()
            .expect("evidence")
            .iter()
            .map(|e| e["name"].as_str().expect("name"))
            .collect();
        assert_eq!(names, strs(&real().track_ids()));
        let bundle = real().passing_bundle();
        for (item, ex) in cred["evidence"]
            .as_array()
            .expect("evidence")
            .iter()
            .zip(&bundle.exercises)
        {
            assert!(item.get("rampart:submission").is_none(), "hash only");
            assert_eq!(
                item["rampart:submissionSha256"],
                rampart_cert::credential::sha256_hex(submission_json(&ex.submission).as_bytes())
            );
        }
        let subject = &cred["credentialSubject"];
        assert_eq!(subject["achievement"]["version"], real().version());
        assert_eq!(subject["achievement"]["rampart:track"], TRACK);
        assert_eq!(subject["identifier"][0]["identityHash"], LEARNER);
        assert_eq!(cred["issuer"]["name"], INSTITUTION);
        assert_eq!(cred["credentialStatus"]["statusListIndex"], "0");
        assert!(cred.get("validUntil").is_some());
    }

    #[test]
    fn prints_where_it_wrote_and_a_link_that_carries_the_certificate() {
        let inst = institution();
        let out = &inst.issue_stdout;
        assert!(out.contains(&s(&inst.credential)), "{out}");
        let link = out
            .lines()
            .find_map(|l| l.strip_prefix("verification link: "))
            .unwrap_or_else(|| panic!("a verification link in:\n{out}"));
        let packed = link
            .strip_prefix(&format!("{SITE}/verify#c="))
            .unwrap_or_else(|| panic!("{link}"));
        let deflated = rampart_cert::multibase::decode_base64url(packed).expect("base64url");
        let json = rampart_cert::compress::inflate(&deflated, 1 << 20).expect("inflates");
        assert_eq!(
            String::from_utf8(json).expect("UTF-8"),
            read(&inst.credential)
        );
    }

    #[test]
    fn a_failing_or_missing_exercise_is_refused_by_name_and_nothing_is_written() {
        let inst = institution();
        let dir = scratch("issue-failing");
        let list = dir.join("status.json");
        expect_code(
            &rampart(&[
                "cert",
                "status",
                "init",
                "--key",
                &s(&inst.key),
                "--url",
                STATUS_URL,
                "--out",
                &s(&list),
            ]),
            0,
        );
        let state_before = read(&dir.join("status.state.json"));
        let ids = real().track_ids();
        let (failing, missing) = (&ids[0], &ids[ids.len() - 1]);
        let mut bundle = real().passing_bundle();
        let ex = real().exercise(failing);
        bundle.exercises[0] = evidence_of(ex, &rampart_grade::starter(ex));
        bundle.exercises.retain(|e| &e.id != missing);
        let evidence = dir.join("evidence.json");
        write(&evidence, &bundle.to_json());
        let cert = dir.join("certificate.json");
        let out = rampart(&[
            "cert",
            "issue",
            "--key",
            &s(&inst.key),
            "--evidence",
            &s(&evidence),
            "--course",
            &built(),
            "--status-list",
            &s(&list),
            "--out",
            &s(&cert),
        ]);
        expect_code(&out, 1);
        let err = stderr(&out);
        assert!(err.contains("2 of the"), "{err}");
        assert!(err.contains(&format!("  {failing}: fails: ")), "{err}");
        assert!(err.contains(&format!("  {missing}: missing")), "{err}");
        let first_error = rampart_grade::grade(ex, &rampart_grade::starter(ex))
            .findings
            .into_iter()
            .find(|f| f.severity == rampart_grade::Severity::Error)
            .map(|f| f.message)
            .expect("the starter has an error");
        assert!(err.contains(&first_error), "{err}");
        assert!(!cert.exists(), "no certificate");
        assert_eq!(
            read(&dir.join("status.state.json")),
            state_before,
            "no entry taken"
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn evidence_from_an_unknown_course_version_is_refused_unless_listed() {
        let inst = institution();
        let dir = scratch("issue-version");
        let mut bundle = real().passing_bundle();
        bundle.course_version =
            "0000000000000000000000000000000000000000000000000000000000000001".into();
        let evidence = dir.join("evidence.json");
        write(&evidence, &bundle.to_json());
        let cert = dir.join("certificate.json");
        let base = [
            "cert",
            "issue",
            "--key",
            &s(&inst.key),
            "--evidence",
            &s(&evidence),
            "--course",
            &built(),
            "--out",
            &s(&cert),
        ];
        let out = rampart(&base);
        expect_code(&out, 1);
        assert!(
            stderr(&out).contains("neither this course's current version"),
            "{}",
            stderr(&out)
        );
        assert!(!cert.exists());

        let known = fixture("course-versions.json");
        let mut args = base.to_vec();
        args.extend(["--known-versions", &known]);
        let out = rampart(&args);
        expect_code(&out, 0);
        assert!(stderr(&out).contains("re-graded under"), "{}", stderr(&out));
        let cred: Value = serde_json::from_str(&read(&cert)).expect("JSON");
        assert_eq!(
            cred["credentialSubject"]["achievement"]["version"],
            real().version(),
            "the certificate names the version it was re-graded under"
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn inputs_that_are_not_what_they_should_be_are_named() {
        let inst = institution();
        let dir = scratch("issue-inputs");
        let evidence = s(&inst.dir.join("evidence.json"));
        let cert = s(&dir.join("certificate.json"));
        let key = s(&inst.key);
        let root = built();
        let cases: [(&[&str], &str); 5] = [
            (
                &["--key", &fixture("progress.json"), "--evidence", &evidence],
                "is a progress export from the app",
            ),
            (
                &["--key", &s(&dir.join("nope.json")), "--evidence", &evidence],
                "does not exist; create the institution's key with `rampart keygen",
            ),
            (
                &["--key", &key, "--evidence", &fixture("progress.json")],
                "not Rampart evidence",
            ),
            (
                &["--key", &key, "--evidence", &s(&inst.credential)],
                "has no `format`",
            ),
            (
                &["--key", &key, "--evidence", &evidence, "--name", "  "],
                "the evidence has no learner name",
            ),
        ];
        for (args, expected) in cases {
            let mut all = vec!["cert", "issue", "--course", &root, "--out", &cert];
            all.extend_from_slice(args);
            let out = rampart(&all);
            expect_code(&out, 2);
            assert!(
                stderr(&out).contains(expected),
                "{args:?}: {}",
                stderr(&out)
            );
        }
        assert!(!dir.join("certificate.json").exists());

        // A certificate is never overwritten.
        let out = rampart(&[
            "cert",
            "issue",
            "--key",
            &key,
            "--evidence",
            &evidence,
            "--course",
            &root,
            "--out",
            &s(&inst.credential),
        ]);
        expect_code(&out, 2);
        assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_course_that_does_not_load_is_refused_with_its_problems() {
        let inst = institution();
        let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
        let dir = scratch("issue-broken");
        let cert = dir.join("certificate.json");
        let out = rampart(&[
            "cert",
            "issue",
            "--key",
            &s(&inst.key),
            "--evidence",
            &s(&inst.dir.join("evidence.json")),
            "--course",
            &s(&broken),
            "--out",
            &s(&cert),
        ]);
        expect_code(&out, 2);
        let err = stderr(&out);
        assert!(err.contains("problem(s), listed above"), "{err}");
        assert!(
            err.lines().any(|l| l.starts_with("lessons/")),
            "problems are listed: {err}"
        );
        assert!(!cert.exists());
        let out = rampart(&["cert", "verify", &s(&inst.credential), "--course", &s(&dir)]);
        expect_code(&out, 2);
        assert!(
            stderr(&out).contains("neither a course folder"),
            "{}",
            stderr(&out)
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}

mod verify {
    use super::*;

    #[test]
    fn a_changed_learner_name_breaks_the_signature_only() {
        let inst = institution();
        let dir = scratch("verify-tamper");
        let text = read(&inst.credential);
        let tampered = text.replace(
            &format!("\"identityHash\": \"{LEARNER}\""),
            "\"identityHash\": \"Eve Lovelace\"",
        );
        assert_ne!(tampered, text);
        let file = dir.join("tampered.json");
        write(&file, &tampered);
        let (code, checks) = verify(&file, &strs(&trust_args(inst)));
        assert_eq!(code, 1);
        assert_checks(
            &checks,
            &[
                ("signature", "fail"),
                ("evidence", "not-checked"),
                ("revocation", "not-checked"),
            ],
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn an_issuer_missing_from_the_trust_list_fails_that_check_only() {
        let inst = institution();
        let (code, checks) = verify(
            &inst.credential,
            &["--trust", &fixture("other-issuers.json")],
        );
        assert_eq!(code, 1);
        assert_checks(
            &checks,
            &[
                ("trusted-issuer", "fail"),
                ("evidence", "not-checked"),
                ("revocation", "not-checked"),
            ],
        );
        assert!(message(&checks, "trusted-issuer").contains(&inst.did));
    }

    #[test]
    fn json_output_is_one_object_with_a_checks_array() {
        let inst = institution();
        let out = rampart(&[
            "cert",
            "verify",
            &s(&inst.credential),
            "--course",
            &built(),
            "--trust",
            &s(&inst.trust),
            "--json",
        ]);
        expect_code(&out, 0);
        let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let object = report.as_object().expect("an object");
        assert_eq!(object.keys().collect::<Vec<_>>(), ["checks"]);
        let names: Vec<&str> = report["checks"]
            .as_array()
            .expect("array")
            .iter()
            .map(|c| {
                let keys: Vec<&String> = c.as_object().expect("object").keys().collect();
                assert_eq!(keys, ["message", "name", "status"]);
                assert!(
                    ["pass", "fail", "not-checked"]
                        .contains(&c["status"].as_str().expect("status")),
                    "{c}"
                );
                c["name"].as_str().expect("name")
            })
            .collect();
        assert_eq!(
            names,
            [
                "well-formed",
                "schema",
                "signature",
                "issuer-key",
                "trusted-issuer",
                "dates",
                "course-version",
                "evidence",
                "revocation"
            ]
        );
    }

    #[test]
    fn human_output_is_one_aligned_line_per_check() {
        let inst = institution();
        let out = rampart(&[
            "cert",
            "verify",
            &s(&inst.credential),
            "--course",
            &built(),
            "--trust",
            &s(&inst.trust),
        ]);
        expect_code(&out, 0);
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 9, "{text}");
        assert!(
            lines[2].starts_with("pass         signature       the eddsa-jcs-2022 proof verifies"),
            "{text}"
        );
        assert!(
            lines[7].starts_with("not checked  evidence        issued by Example University"),
            "{text}"
        );
        for line in lines {
            assert_eq!(
                line.get(29..30).map(|c| c != " "),
                Some(true),
                "message column: {line:?}"
            );
        }
    }

    #[test]
    fn unreadable_input_exits_2_and_broken_json_fails_well_formed() {
        let inst = institution();
        let dir = scratch("verify-input");
        let out = rampart(&[
            "cert",
            "verify",
            &s(&dir.join("none.json")),
            "--course",
            &built(),
        ]);
        expect_code(&out, 2);
        assert!(
            stderr(&out).contains("Failed to read the certificate"),
            "{}",
            stderr(&out)
        );
        let out = rampart(&["cert", "verify", &s(&dir), "--course", &built()]);
        expect_code(&out, 2);

        let broken = dir.join("broken.json");
        write(&broken, &read(&inst.credential)[..100]);
        let (code, checks) = verify(&broken, &[]);
        assert_eq!(code, 1);
        assert_eq!(checks[0].1, "fail", "{checks:#?}");
        assert!(
            checks[1..].iter().all(|c| c.1 == "not-checked"),
            "{checks:#?}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    /// A certificate as the app issues it: the learner's own key, the
    /// subject's id is its DID, every submission embedded.
    fn self_issued(key: &KeyPair, swap: Option<(&str, rampart_course::Submission)>) -> String {
        self_issued_with(key, swap, usize::MAX)
    }

    /// Like [`self_issued`], with evidence for only the first `take` exercises.
    fn self_issued_with(
        key: &KeyPair,
        swap: Option<(&str, rampart_course::Submission)>,
        take: usize,
    ) -> String {
        let real = real();
        let now = Timestamp::parse("2025-06-01T12:00:00Z").expect("time");
        let evidence = real
            .passing_bundle()
            .exercises
            .into_iter()
            .take(take)
            .map(|mut e| {
                if let Some((id, sub)) = &swap
                    && e.id == *id
                {
                    e.submission = sub.clone();
                }
                Evidence::new(&e.id, &e.grader, &submission_json(&e.submission), true)
            })
            .collect();
        let track = real.manifest.track(TRACK).expect("track");
        let input = CredentialInput {
            id: "urn:uuid:0b5e3e1a-7c55-4f5e-9c3a-2d1f0e9b8a77".into(),
            issuer: IssuerInput {
                did: key.did(),
                name: LEARNER.into(),
                url: None,
            },
            learner: LearnerInput {
                name: LEARNER.into(),
                id: Some(key.did()),
            },
            track: TrackInput {
                id: TRACK.into(),
                name: track.title.clone(),
                description: track.summary.clone(),
                criteria: "Pass every graded exercise of the track.".into(),
                course_version: real.version().into(),
                achievement_id: None,
            },
            valid_from: now,
            valid_until: None,
            status: None,
            evidence,
        };
        rampart_cert::credential::issue(&input, key, now).expect("signs")
    }

    #[test]
    fn a_self_issued_certificate_is_re_graded_and_a_failing_answer_fails_evidence_only() {
        let inst = institution();
        let dir = scratch("verify-self-issued");
        let me = KeyPair::from_seed([7; 32]);
        let good = dir.join("self-issued.json");
        write(&good, &self_issued(&me, None));
        let (code, checks) = verify(&good, &strs(&trust_args(inst)));
        assert_checks(
            &checks,
            &[
                ("trusted-issuer", "not-checked"),
                ("revocation", "not-checked"),
            ],
        );
        assert_eq!(code, 0);
        let n = real().track_ids().len();
        assert_eq!(
            message(&checks, "evidence"),
            format!("{n} evidence items re-graded; all pass")
        );
        assert!(message(&checks, "trusted-issuer").starts_with("self-issued"));

        // The same learner re-signs with one answer swapped for the starter.
        let ids = real().track_ids();
        let id = ids.last().expect("an exercise");
        let starter = rampart_grade::starter(real().exercise(id));
        let bad = dir.join("self-issued-bad.json");
        write(&bad, &self_issued(&me, Some((id, starter))));
        let (code, checks) = verify(&bad, &strs(&trust_args(inst)));
        assert_eq!(code, 1);
        assert_checks(
            &checks,
            &[
                ("trusted-issuer", "not-checked"),
                ("evidence", "fail"),
                ("revocation", "not-checked"),
            ],
        );
        assert!(
            message(&checks, "evidence").contains(&format!("exercise {id}")),
            "{checks:#?}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn evidence_for_part_of_a_track_fails_naming_what_is_missing() {
        let inst = institution();
        let dir = scratch("verify-partial");
        let me = KeyPair::from_seed([9; 32]);
        let partial = dir.join("partial.json");
        write(&partial, &self_issued_with(&me, None, 1));
        let (code, checks) = verify(&partial, &strs(&trust_args(inst)));
        assert_eq!(code, 1);
        assert_checks(
            &checks,
            &[
                ("trusted-issuer", "not-checked"),
                ("evidence", "fail"),
                ("revocation", "not-checked"),
            ],
        );
        let ids = real().track_ids();
        let msg = message(&checks, "evidence");
        assert!(
            msg.contains(&format!("covers 1 of the track's {} exercises", ids.len()))
                && msg.contains(&ids[1]),
            "{msg}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}

mod revoke {
    use super::*;

    fn issue(inst: &Institution, dir: &Path, list: &Path, name: &str) -> PathBuf {
        let cert = dir.join(format!("{name}.json"));
        let out = rampart(&[
            "cert",
            "issue",
            "--key",
            &s(&inst.key),
            "--evidence",
            &s(&inst.dir.join("evidence.json")),
            "--course",
            &built(),
            "--name",
            name,
            "--status-list",
            &s(list),
            "--out",
            &s(&cert),
        ]);
        expect_code(&out, 0);
        cert
    }

    fn id_of(cert: &Path) -> String {
        let v: Value = serde_json::from_str(&read(cert)).expect("JSON");
        v["id"].as_str().expect("id").to_string()
    }

    #[test]
    fn a_revoked_certificate_fails_revocation_and_nothing_else() {
        let inst = institution();
        let dir = scratch("revoke");
        let list = dir.join("status.json");
        expect_code(
            &rampart(&[
                "cert",
                "status",
                "init",
                "--key",
                &s(&inst.key),
                "--url",
                STATUS_URL,
                "--out",
                &s(&list),
            ]),
            0,
        );
        let grace = issue(inst, &dir, &list, "Grace Hopper");
        let alan = issue(inst, &dir, &list, "Alan Turing");
        let with_list = |cert: &Path| {
            let mut args = trust_args(inst);
            args.extend(["--status-list".into(), s(&list)]);
            verify(cert, &strs(&args))
        };

        let out = rampart(&[
            "cert",
            "revoke",
            "--key",
            &s(&inst.key),
            "--status-list",
            &s(&list),
            "--credential",
            &s(&grace),
        ]);
        expect_code(&out, 0);
        assert!(stdout(&out).contains("revoked entry 0"), "{}", stdout(&out));
        let (code, checks) = with_list(&grace);
        assert_eq!(code, 1);
        assert_checks(
            &checks,
            &[("evidence", "not-checked"), ("revocation", "fail")],
        );
        assert!(message(&checks, "revocation").starts_with("revoked: entry 0"));

        // Only that entry: the other certificate in the list still passes.
        let (code, checks) = with_list(&alan);
        assert_eq!(code, 0);
        assert_checks(&checks, &[("evidence", "not-checked")]);

        // By id, as recorded in the state; an entry never handed out is refused.
        let out = rampart(&[
            "cert",
            "revoke",
            "--key",
            &s(&inst.key),
            "--status-list",
            &s(&list),
            "--index",
            "7",
        ]);
        expect_code(&out, 2);
        assert!(
            stderr(&out).contains("never given to a certificate"),
            "{}",
            stderr(&out)
        );
        let out = rampart(&[
            "cert",
            "revoke",
            "--key",
            &s(&inst.key),
            "--status-list",
            &s(&list),
            "--id",
            &id_of(&alan),
        ]);
        expect_code(&out, 0);
        let (code, checks) = with_list(&alan);
        assert_eq!(code, 1);
        assert_checks(
            &checks,
            &[("evidence", "not-checked"), ("revocation", "fail")],
        );

        // The state says who holds what, and the list is never replaced by init.
        let state: Value =
            serde_json::from_str(&read(&dir.join("status.state.json"))).expect("state JSON");
        assert_eq!(state["entries"][1]["learner"], "Alan Turing");
        assert!(state["entries"][1]["revoked"].is_string());
        let out = rampart(&[
            "cert",
            "status",
            "init",
            "--key",
            &s(&inst.key),
            "--url",
            STATUS_URL,
            "--out",
            &s(&list),
        ]);
        expect_code(&out, 2);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn only_the_lists_issuer_can_revoke() {
        let inst = institution();
        let dir = scratch("revoke-other-key");
        let other = dir.join("other.json");
        expect_code(&rampart(&["keygen", "--out", &s(&other)]), 0);
        let out = rampart(&[
            "cert",
            "revoke",
            "--key",
            &s(&other),
            "--status-list",
            &s(&inst.status_list),
            "--index",
            "0",
        ]);
        expect_code(&out, 2);
        assert!(
            stderr(&out).contains("only the list's issuer"),
            "{}",
            stderr(&out)
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
