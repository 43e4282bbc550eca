//! Native tests of every grader, including adversarial submissions.

use rampart_course::{Exercise, KindSpec, LineNote, QuizOption, QuizSpec, SpotSpec, Submission};
use rampart_grade::{Severity, grade, solution, starter};

fn quiz(multiple: bool, correct: &[&str]) -> Exercise {
    let options = ["a", "b", "c", "d"]
        .iter()
        .map(|id| QuizOption {
            id: (*id).to_string(),
            text_html: format!("option {id}"),
            correct: correct.contains(id),
            feedback: format!("feedback for {id}"),
        })
        .collect();
    Exercise {
        id: "q".into(),
        title: "Q".into(),
        prompt_html: String::new(),
        points: 10,
        hints: vec!["nudge".into()],
        explains: "lesson#section".into(),
        seed: 1,
        spec: KindSpec::Quiz(QuizSpec { multiple, options }),
    }
}

fn spot() -> Exercise {
    let listing =
        "int main(void) {\n  char buf[8];\n  strcpy(buf, argv[1]);\n  puts(buf);\n  return 0;\n}\n";
    Exercise {
        id: "s".into(),
        title: "S".into(),
        prompt_html: String::new(),
        points: 10,
        hints: vec!["nudge".into()],
        explains: "lesson#strcpy".into(),
        seed: 1,
        spec: KindSpec::Spot(SpotSpec {
            language: "c".into(),
            listing: listing.into(),
            lines_html: listing.lines().map(str::to_string).collect(),
            vulnerable: vec![LineNote {
                line: 3,
                feedback: "strcpy has no bound".into(),
            }],
            notes: vec![LineNote {
                line: 2,
                feedback: "declaring a buffer is fine".into(),
            }],
        }),
    }
}

fn pick(ids: &[&str]) -> Submission {
    Submission::Quiz {
        selected: ids.iter().map(|s| (*s).to_string()).collect(),
    }
}

fn mark(lines: &[u32]) -> Submission {
    Submission::Spot {
        lines: lines.to_vec(),
    }
}

mod quiz_grader {
    use super::*;

    #[test]
    fn wrong_answer_shows_that_options_feedback_and_fails() {
        let v = grade(&quiz(false, &["b"]), &pick(&["a"]));
        assert!(!v.passed);
        assert_eq!(v.score, 0);
        let f = &v.findings[0];
        assert_eq!(f.rule, "quiz.wrong-option");
        assert_eq!(f.message, "feedback for a");
        assert_eq!(f.explains.as_deref(), Some("lesson#section"));
        assert!(v.hint.is_some());
    }

    #[test]
    fn right_answer_passes_with_full_score_and_its_feedback() {
        let v = grade(&quiz(false, &["b"]), &pick(&["b"]));
        assert!(v.passed);
        assert_eq!((v.score, v.max_score), (10, 10));
        assert_eq!(v.findings.len(), 1);
        assert_eq!(v.findings[0].severity, Severity::Info);
        assert_eq!(v.grader.to_string(), "quiz@1");
        assert!(v.hint.is_none());
    }

    #[test]
    fn empty_answer_fails_with_no_answer() {
        let v = grade(&quiz(false, &["b"]), &pick(&[]));
        assert!(!v.passed);
        assert!(v.has_rule("quiz.no-answer"));
    }

    #[test]
    fn duplicates_count_once() {
        let v = grade(&quiz(false, &["b"]), &pick(&["b", "b", "b"]));
        assert!(v.passed, "{v:?}");
        assert_eq!(v.findings.len(), 1);
    }

    #[test]
    fn two_answers_to_a_single_answer_question_fail() {
        let v = grade(&quiz(false, &["b"]), &pick(&["b", "c"]));
        assert!(!v.passed);
        assert!(v.has_rule("quiz.too-many"));
        assert!(v.has_rule("quiz.wrong-option"));
    }

    #[test]
    fn unknown_and_huge_answers_are_refused_not_panicked_on() {
        let v = grade(&quiz(false, &["b"]), &pick(&["zz"]));
        assert!(!v.passed);
        assert!(v.has_rule("quiz.unknown-option"));
        let huge: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
        let v = grade(&quiz(true, &["b"]), &Submission::Quiz { selected: huge });
        assert!(!v.passed);
        assert!(v.has_rule("submission.too-large"));
        let long_id = "x".repeat(5_000_000);
        let v = grade(
            &quiz(true, &["b"]),
            &Submission::Quiz {
                selected: vec![long_id],
            },
        );
        assert!(v.has_rule("submission.too-large"));
    }

    #[test]
    fn multiple_answers_get_partial_credit_and_a_missed_count() {
        let ex = quiz(true, &["a", "c", "d"]);
        let v = grade(&ex, &pick(&["a", "c"]));
        assert!(!v.passed);
        assert!(v.has_rule("quiz.missed-option"));
        assert_eq!(v.score, 6);
        let v = grade(&ex, &pick(&["a", "b"]));
        assert_eq!(v.score, 0, "a wrong pick cancels a right one");
        let v = grade(&ex, &pick(&["d", "c", "a"]));
        assert!(v.passed);
        assert_eq!(v.score, 10);
    }

    #[test]
    fn wrong_kind_is_a_clear_verdict() {
        let v = grade(&quiz(false, &["a"]), &mark(&[1]));
        assert!(!v.passed);
        assert!(v.has_rule("submission.wrong-kind"));
    }

    #[test]
    fn starter_fails_and_solution_passes() {
        for ex in [quiz(false, &["c"]), quiz(true, &["a", "d"])] {
            assert!(!grade(&ex, &starter(&ex)).passed);
            assert!(grade(&ex, &solution(&ex)).passed);
        }
    }
}

mod spot_grader {
    use super::*;

    #[test]
    fn finding_the_line_passes_with_its_feedback_and_location() {
        let v = grade(&spot(), &mark(&[3]));
        assert!(v.passed);
        assert_eq!(v.findings[0].rule, "spot.found");
        assert_eq!(v.findings[0].location.as_ref().map(|l| l.line), Some(3));
        assert_eq!(v.findings[0].message, "strcpy has no bound");
    }

    #[test]
    fn a_false_positive_fails_with_the_line_note() {
        let v = grade(&spot(), &mark(&[2, 3]));
        assert!(!v.passed);
        let fp = v
            .findings
            .iter()
            .find(|f| f.rule == "spot.false-positive")
            .expect("false positive");
        assert_eq!(fp.message, "declaring a buffer is fine");
        assert_eq!(fp.location.as_ref().map(|l| l.line), Some(2));
        assert_eq!(v.score, 0);
        let v = grade(&spot(), &mark(&[4]));
        assert!(
            v.findings
                .iter()
                .any(|f| f.message == "Line 4 is not where the bug is.")
        );
        assert!(v.has_rule("spot.missed"));
    }

    #[test]
    fn empty_out_of_range_duplicate_and_huge() {
        assert!(grade(&spot(), &mark(&[])).has_rule("spot.no-answer"));
        let v = grade(&spot(), &mark(&[0, 3, 99, u32::MAX]));
        assert!(!v.passed);
        assert_eq!(
            v.findings
                .iter()
                .filter(|f| f.rule == "spot.out-of-range")
                .count(),
            3
        );
        let v = grade(&spot(), &mark(&[3, 3, 3]));
        assert!(v.passed);
        let v = grade(
            &spot(),
            &Submission::Spot {
                lines: vec![3; 1_000_000],
            },
        );
        assert!(v.has_rule("submission.too-large"));
    }

    #[test]
    fn missed_lines_are_not_revealed() {
        let v = grade(&spot(), &mark(&[5]));
        let missed = v
            .findings
            .iter()
            .find(|f| f.rule == "spot.missed")
            .expect("missed");
        assert!(missed.location.is_none());
        assert!(!missed.message.contains('3'));
    }
}

#[test]
fn verdicts_are_deterministic_and_round_trip_as_json() {
    let v1 = grade(&spot(), &mark(&[2, 3]));
    let v2 = grade(&spot(), &mark(&[3, 2]));
    assert_eq!(v1, v2);
    let json = serde_json::to_string(&v1).expect("serialise");
    let back: rampart_grade::Verdict = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, v1);
}
