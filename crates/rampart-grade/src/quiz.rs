//! The `quiz` grader: single- and multiple-answer questions with feedback
//! for every option the learner picks.

use rampart_course::{Exercise, QuizSpec};

use crate::{Finding, MAX_ANSWERS, MAX_ID_LEN, Severity, Verdict, grader_version, share};

pub const VERSION: u32 = 1;

pub fn grade(ex: &Exercise, spec: &QuizSpec, selected: &[String]) -> Verdict {
    if selected.len() > MAX_ANSWERS || selected.iter().any(|s| s.len() > MAX_ID_LEN) {
        return Verdict::rejected(
            ex,
            Finding::new(
                "submission.too-large",
                Severity::Error,
                format!(
                    "The answer lists {} options; this quiz has {}.",
                    selected.len(),
                    spec.options.len()
                ),
            ),
        );
    }
    let mut picked: Vec<&str> = Vec::new();
    for s in selected {
        if !picked.contains(&s.as_str()) {
            picked.push(s);
        }
    }
    let mut findings = Vec::new();
    if picked.is_empty() {
        findings.push(
            Finding::new(
                "quiz.no-answer",
                Severity::Error,
                "Pick an answer, then press Check.",
            )
            .explained_by(&ex.explains),
        );
    }
    let mut right = 0usize;
    let mut wrong = 0usize;
    let mut unknown = 0usize;
    // Feedback in the quiz's own order, so it reads the same whatever order the learner clicked in.
    for option in &spec.options {
        if !picked.contains(&option.id.as_str()) {
            continue;
        }
        if option.correct {
            right += 1;
            findings.push(Finding::new(
                "quiz.correct-option",
                Severity::Info,
                option.feedback.clone(),
            ));
        } else {
            wrong += 1;
            findings.push(
                Finding::new(
                    "quiz.wrong-option",
                    Severity::Error,
                    option.feedback.clone(),
                )
                .explained_by(&ex.explains),
            );
        }
    }
    for p in &picked {
        if !spec.options.iter().any(|o| o.id == *p) {
            unknown += 1;
            findings.push(Finding::new(
                "quiz.unknown-option",
                Severity::Error,
                format!("There is no option `{p}` in this quiz."),
            ));
        }
    }
    let correct_total = spec.correct_ids().count();
    if !spec.multiple && picked.len() > 1 {
        findings.push(Finding::new(
            "quiz.too-many",
            Severity::Error,
            format!("This question has one answer; you picked {}.", picked.len()),
        ));
    }
    let missed = correct_total - right;
    if spec.multiple && !picked.is_empty() && missed > 0 {
        findings.push(
            Finding::new(
                "quiz.missed-option",
                Severity::Error,
                if missed == 1 {
                    "One more option is also correct.".to_string()
                } else {
                    format!("{missed} more options are also correct.")
                },
            )
            .explained_by(&ex.explains),
        );
    }
    let passed = wrong == 0
        && unknown == 0
        && missed == 0
        && !picked.is_empty()
        && (spec.multiple || picked.len() == 1);
    let score = if passed {
        ex.points
    } else if spec.multiple {
        share(
            ex.points,
            right.saturating_sub(wrong + unknown),
            correct_total,
        )
    } else {
        0
    };
    Verdict {
        passed,
        score,
        max_score: ex.points,
        findings,
        hint: (!passed).then(|| next_step(ex)),
        grader: grader_version(rampart_course::ExerciseKind::Quiz),
    }
}

fn next_step(ex: &Exercise) -> String {
    if ex.explains.is_empty() {
        "Read the feedback on your choice, then try again.".to_string()
    } else {
        "Read the feedback on your choice and the section linked below, then try again.".to_string()
    }
}
