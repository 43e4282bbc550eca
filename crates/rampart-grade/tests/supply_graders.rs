//! The supply-chain kinds, graded on the real course's exercises: what a
//! learner who pastes garbage, deletes everything, or answers in another
//! valid way gets.

use std::path::Path;

use rampart_course::{Exercise, ExerciseKind, Submission};
use rampart_grade::{Severity, artifact_files, grade, solution, starter};

fn course_exercises() -> Vec<Exercise> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (course, problems) = rampart_course::load(&root);
    assert!(problems.is_empty(), "the course loads: {problems:?}");
    course.exercises.into_values().map(|e| e.exercise).collect()
}

fn of_kind(kind: ExerciseKind) -> Vec<Exercise> {
    let all: Vec<Exercise> = course_exercises()
        .into_iter()
        .filter(|e| e.kind() == kind)
        .collect();
    assert!(!all.is_empty(), "the course has {kind} exercises");
    all
}

fn with_text(ex: &Exercise, text: &str) -> Submission {
    artifact_files(ex.spec.artifact().expect("an artifact kind"), text)
}

#[test]
fn every_supply_kind_is_in_the_course_with_starter_failing_and_solution_passing() {
    for kind in &ExerciseKind::ALL[3..] {
        for ex in of_kind(*kind) {
            let s = grade(&ex, &starter(&ex));
            assert!(!s.passed, "{}: the starter passes", ex.id);
            assert!(
                s.hint.is_some(),
                "{}: a failing verdict says where to start",
                ex.id
            );
            let e = s
                .findings
                .iter()
                .find(|f| f.severity == Severity::Error)
                .expect("a failing verdict has an error");
            assert!(
                e.rule.contains('/') && !e.message.is_empty(),
                "{}: {e:?}",
                ex.id
            );
            let v = grade(&ex, &solution(&ex));
            assert!(v.passed, "{}: {:?}", ex.id, v.findings);
            assert_eq!(v.score, ex.points);
        }
    }
}

#[test]
fn garbage_and_huge_files_get_a_clear_failing_verdict_not_a_panic() {
    let garbage = "\u{0}\u{1}{{{[[[: : :\n\t- ]]] \"unterminated";
    let huge = "a".repeat(10 * 1024 * 1024);
    for kind in &ExerciseKind::ALL[3..] {
        let ex = &of_kind(*kind)[0];
        for text in [garbage, huge.as_str(), ""] {
            let v = grade(ex, &with_text(ex, text));
            assert!(!v.passed, "{}: {} bytes passed", ex.id, text.len());
            assert!(
                v.findings.iter().any(|f| f.severity == Severity::Error),
                "{}: no error for {} bytes",
                ex.id,
                text.len()
            );
        }
    }
}

#[test]
fn deleting_the_workflow_is_not_hardening_it() {
    for ex in of_kind(ExerciseKind::Workflow) {
        let v = grade(
            &ex,
            &with_text(&ex, "on: push\npermissions: {}\njobs: {}\n"),
        );
        assert!(!v.passed, "{}", ex.id);
        assert!(
            v.findings
                .iter()
                .any(|f| f.rule.starts_with("workflow/lost-")),
            "{}: {:?}",
            ex.id,
            v.findings
        );
    }
}

#[test]
fn a_workflow_finding_points_at_the_line_of_the_edited_file() {
    let ex = &of_kind(ExerciseKind::Workflow)[0];
    let files = ex.spec.artifact().expect("artifact");
    let v = grade(ex, &starter(ex));
    let lines: Vec<&str> = files.starter.lines().collect();
    let located: Vec<_> = v
        .findings
        .iter()
        .filter_map(|f| f.location.as_ref().map(|l| (f, l)))
        .collect();
    assert!(!located.is_empty());
    for (f, l) in located {
        assert_eq!(l.file, files.file);
        assert!(l.line as usize <= lines.len(), "{f:?}");
        if f.rule == "workflow/unpinned-uses" {
            assert!(lines[l.line as usize - 1].contains("uses:"), "{f:?}");
        }
    }
}

#[test]
fn a_submission_without_the_file_or_of_another_kind_is_refused_with_a_reason() {
    let ex = &of_kind(ExerciseKind::Sbom)[0];
    let v = grade(
        ex,
        &Submission::Files {
            files: [("other.json".to_string(), "{}".to_string())]
                .into_iter()
                .collect(),
        },
    );
    assert!(v.has_rule("submission.missing-file"));
    let v = grade(ex, &Submission::Quiz { selected: vec![] });
    assert!(v.has_rule("submission.wrong-kind"));
}

#[test]
fn installing_every_download_accepts_the_tampered_one() {
    for ex in of_kind(ExerciseKind::Integrity) {
        let rampart_course::KindSpec::Integrity(spec) = &ex.spec else {
            unreachable!()
        };
        let v = grade(&ex, &with_text(&ex, &spec.artifacts.join("\n")));
        // Either something was tampered with, or the signature fails and nothing is trusted.
        assert!(!v.passed, "{}", ex.id);
        assert!(
            v.has_rule("integrity/accepted-untrusted"),
            "{}: {:?}",
            ex.id,
            v.findings
        );
    }
}
