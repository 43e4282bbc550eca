//! The `spot` grader: the learner marks the vulnerable lines of a listing.
//! Every marked line gets its own feedback; missed lines are counted but not
//! revealed; partial credit is given for what was found.

use rampart_course::{Exercise, SpotSpec};

use crate::{Finding, MAX_ANSWERS, Severity, Verdict, grader_version, share};

pub const VERSION: u32 = 1;

/// Name used for the listing in findings' locations.
pub const LISTING: &str = "listing";

pub fn grade(ex: &Exercise, spec: &SpotSpec, lines: &[u32]) -> Verdict {
    let line_count = u32::try_from(spec.listing.lines().count()).unwrap_or(u32::MAX);
    if lines.len() > MAX_ANSWERS {
        return Verdict::rejected(
            ex,
            Finding::new(
                "submission.too-large",
                Severity::Error,
                format!(
                    "The answer marks {} lines; the listing has {line_count}.",
                    lines.len()
                ),
            ),
        );
    }
    let mut marked: Vec<u32> = lines.to_vec();
    marked.sort_unstable();
    marked.dedup();

    let mut findings = Vec::new();
    if marked.is_empty() {
        findings.push(
            Finding::new(
                "spot.no-answer",
                Severity::Error,
                "Mark the lines you think are vulnerable, then press Check.",
            )
            .explained_by(&ex.explains),
        );
    }
    let (mut found, mut false_pos, mut out_of_range) = (0usize, 0usize, 0usize);
    for &line in &marked {
        if line == 0 || line > line_count {
            out_of_range += 1;
            findings.push(Finding::new(
                "spot.out-of-range",
                Severity::Error,
                format!("Line {line} is not in the listing, which has {line_count} lines."),
            ));
        } else if let Some(v) = spec.vulnerable.iter().find(|v| v.line == line) {
            found += 1;
            findings.push(
                Finding::new("spot.found", Severity::Info, v.feedback.clone()).at(LISTING, line),
            );
        } else {
            false_pos += 1;
            let message = spec.notes.iter().find(|n| n.line == line).map_or_else(
                || format!("Line {line} is not where the bug is."),
                |n| n.feedback.clone(),
            );
            findings.push(
                Finding::new("spot.false-positive", Severity::Error, message)
                    .at(LISTING, line)
                    .explained_by(&ex.explains),
            );
        }
    }
    let total = spec.vulnerable.len();
    let missed = total - found;
    if missed > 0 && !marked.is_empty() {
        findings.push(
            Finding::new(
                "spot.missed",
                Severity::Error,
                if missed == 1 {
                    "One vulnerable line is still unmarked.".to_string()
                } else {
                    format!("{missed} vulnerable lines are still unmarked.")
                },
            )
            .explained_by(&ex.explains),
        );
    }
    let passed = missed == 0 && false_pos == 0 && out_of_range == 0 && total > 0;
    let score = if passed {
        ex.points
    } else {
        share(
            ex.points,
            found.saturating_sub(false_pos + out_of_range),
            total,
        )
    };
    Verdict {
        passed,
        score,
        max_score: ex.points,
        findings,
        hint: (!passed)
            .then(|| "Read the note on each line you marked, then look again.".to_string()),
        grader: grader_version(rampart_course::ExerciseKind::Spot),
    }
}
