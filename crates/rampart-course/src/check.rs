//! Cross-reference checks over a loaded course: exercises embedded exactly
//! once, internal links and anchors that resolve, `explains` targets that
//! exist, sources that are cited. Grading checks (starters fail, solutions
//! pass) need the graders and live in `rampart-grade`'s `selfcheck`.

use std::collections::BTreeMap;

use crate::source::{Course, Problem};

/// Every cross-reference problem in `course`.
pub fn check_static(course: &Course) -> Vec<Problem> {
    let mut problems = Vec::new();

    // Embeds: each exercise exactly once, and only exercises that exist.
    let mut embedded: BTreeMap<&str, Vec<(&str, u32)>> = BTreeMap::new();
    for lesson in &course.lessons {
        for (id, line) in &lesson.embeds {
            embedded
                .entry(id.as_str())
                .or_default()
                .push((lesson.file.as_str(), *line));
            if !course.exercises.contains_key(id) && !course.has_dir(&format!("exercises/{id}")) {
                problems.push(Problem::new(
                    &lesson.file,
                    Some(*line),
                    format!(
                        "embeds exercise `{id}`, but {}",
                        course.missing(&format!("exercises/{id}/exercise.toml"))
                    ),
                ));
            }
        }
    }
    for (id, places) in &embedded {
        if places.len() > 1 {
            for (file, line) in &places[1..] {
                problems.push(Problem::new(
                    *file,
                    Some(*line),
                    format!("exercise `{id}` is embedded again (first at {}:{}); embed each exercise once", places[0].0, places[0].1),
                ));
            }
        }
    }
    for (id, ex) in &course.exercises {
        if !embedded.contains_key(id.as_str()) {
            problems.push(Problem::new(
                &ex.file,
                None,
                format!("exercise `{id}` is not used by any lesson; embed it with `{{{{exercise {id}}}}}` or remove it"),
            ));
        }
    }

    // Links between lessons, and anchors within them.
    for lesson in &course.lessons {
        for link in &lesson.links {
            let target_id = link.lesson.as_deref().unwrap_or(&lesson.doc.id);
            let Some(target) = course.lesson(target_id) else {
                problems.push(Problem::new(
                    &lesson.file,
                    Some(link.line),
                    format!(
                        "links to lesson `{target_id}`, which is not in the course{}",
                        if course.base.is_some() {
                            "; list it in a track, or replace this lesson with a copy in the course's own lessons/ that does not link there"
                        } else {
                            ""
                        }
                    ),
                ));
                continue;
            };
            if let Some(anchor) = &link.anchor
                && !has_anchor(target, anchor)
            {
                problems.push(Problem::new(
                    &lesson.file,
                    Some(link.line),
                    format!(
                        "links to `#{anchor}` in lesson `{target_id}`, which has no such heading{}",
                        suggest(target)
                    ),
                ));
            }
        }
        // Sources that are never cited are probably facts without a claim, or claims without a citation.
        for (id, line) in &lesson.source_lines {
            if !id.is_empty() && !lesson.citations.iter().any(|(c, _)| c == id) {
                problems.push(Problem::new(
                    &lesson.file,
                    Some(*line),
                    format!("source `{id}` is never cited; cite it at the claim it supports with [^{id}], or remove it"),
                ));
            }
        }
    }

    // `explains` must point at a real section.
    for ex in course.exercises.values() {
        let explains = &ex.exercise.explains;
        if let Some((lesson_id, anchor)) = explains.split_once('#') {
            let line = ex.line_of("explains");
            match course.lesson(lesson_id) {
                None => problems.push(Problem::new(&ex.file, line, format!("explains = \"{explains}\": there is no lesson `{lesson_id}`"))),
                Some(l) if !has_anchor(l, anchor) => problems.push(Problem::new(
                    &ex.file,
                    line,
                    format!("explains = \"{explains}\": lesson `{lesson_id}` has no heading `#{anchor}`{}", suggest(l)),
                )),
                Some(_) => {}
            }
        }
    }
    problems
}

fn has_anchor(lesson: &crate::source::LoadedLesson, anchor: &str) -> bool {
    lesson.doc.toc.iter().any(|h| h.anchor == anchor)
        || anchor
            .strip_prefix("source-")
            .is_some_and(|s| lesson.doc.sources.iter().any(|x| x.id == s))
        || anchor == "sources"
}

/// The anchors a lesson does have, to suggest in a message.
fn suggest(lesson: &crate::source::LoadedLesson) -> String {
    let anchors: Vec<String> = lesson
        .doc
        .toc
        .iter()
        .map(|h| format!("#{}", h.anchor))
        .collect();
    if anchors.is_empty() {
        String::new()
    } else {
        format!(" (it has: {})", anchors.join(", "))
    }
}
