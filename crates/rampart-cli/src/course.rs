//! `rampart course build` and `rampart course check`, for a course folder or
//! for a course that builds on a base course (`--base`).

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use rampart_course::{
    LoadedExercise, Problem, bundle, check::check_static, highlight, load_layered,
};
use rampart_grade::{grade, solution, starter};

/// Loads and checks the course (on `base`, if given) without grading;
/// returns the course and its problems.
pub(crate) fn load_checked(
    root: &Path,
    base: Option<&Path>,
) -> anyhow::Result<(rampart_course::Course, Vec<Problem>)> {
    if !root.join("course.toml").is_file() {
        anyhow::bail!(
            "{} has no course.toml; pass the course folder with --course DIR",
            root.display()
        );
    }
    if let Some(base) = base
        && !base.join("course.toml").is_file()
    {
        anyhow::bail!(
            "{} has no course.toml; pass the base course's folder with --base DIR",
            base.display()
        );
    }
    let (course, mut problems) = load_layered(root, base);
    problems.extend(check_static(&course));
    Ok((course, problems))
}

fn print_problems(problems: &mut [Problem]) {
    problems.sort();
    for p in problems.iter() {
        eprintln!("{p}");
    }
}

pub fn build(root: &Path, base: Option<&Path>, out: &Path, theme_css: &Path) -> anyhow::Result<u8> {
    let started = Instant::now();
    let (course, mut problems) = load_checked(root, base)?;
    if !problems.is_empty() {
        print_problems(&mut problems);
        eprintln!(
            "error: the course has {} problem(s); nothing was written. Run `rampart course check` to see them with the grading checks.",
            problems.len()
        );
        return Ok(1);
    }
    let (manifest, files) = bundle::build(&course);
    bundle::write(out, &files)
        .with_context(|| format!("Failed to write the bundle to {}", out.display()))?;
    if let Some(parent) = theme_css.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("Failed to create {}", parent.display()))?;
    }
    let css = highlight::theme_css();
    if std::fs::read_to_string(theme_css).ok().as_deref() != Some(css.as_str()) {
        std::fs::write(theme_css, css)
            .with_context(|| format!("Failed to write {}", theme_css.display()))?;
    }
    let lessons: usize = manifest.tracks.iter().map(|t| t.lessons.len()).sum();
    println!(
        "built course {} ({} tracks, {lessons} lessons, {} exercises) into {} in {} ms",
        manifest.short_version(),
        manifest.tracks.len(),
        course.exercises.len(),
        out.display(),
        started.elapsed().as_millis()
    );
    Ok(0)
}

/// The example source `rampart course new-lesson` writes (templates/lesson.md).
const SCAFFOLD_SOURCE_URL: &str = "https://example.org/replace-with-a-primary-source";

/// Lessons still holding what `rampart course new-lesson` wrote for the
/// author to replace: its example source and its `TODO:` prompts. A
/// scaffold is valid content (so `course check` passes right after it is
/// written), so these are warnings: they must not be published unnoticed.
pub fn unfinished(course: &rampart_course::Course) -> Vec<Problem> {
    let mut warnings = Vec::new();
    for lesson in &course.lessons {
        let text = serde_json::to_string(&lesson.doc).unwrap_or_default();
        let todos = text.matches("TODO:").count();
        let example = lesson
            .doc
            .sources
            .iter()
            .find(|s| s.url == SCAFFOLD_SOURCE_URL);
        if todos == 0 && example.is_none() {
            continue;
        }
        let line = example.and_then(|s| {
            lesson
                .source_lines
                .iter()
                .find(|(id, _)| *id == s.id)
                .map(|(_, line)| *line)
        });
        let mut parts = Vec::new();
        if todos > 0 {
            parts.push(format!("{todos} `TODO:` prompt(s)"));
        }
        if example.is_some() {
            parts.push("the example source".to_string());
        }
        warnings.push(Problem::new(
            lesson.file.clone(),
            line,
            format!(
                "still holds the scaffold's {}: replace them before publishing",
                parts.join(" and ")
            ),
        ));
    }
    warnings
}

/// Prints [`unfinished`]'s warnings on stderr.
pub fn warn_unfinished(course: &rampart_course::Course) {
    let mut warnings = unfinished(course);
    warnings.sort();
    for w in &warnings {
        eprintln!("warning: {w}");
    }
}

pub fn check(root: &Path, base: Option<&Path>) -> anyhow::Result<u8> {
    let (course, mut problems) = load_checked(root, base)?;
    warn_unfinished(&course);
    for ex in course.exercises.values() {
        problems.extend(self_check(ex));
    }
    if problems.is_empty() {
        println!(
            "course ok: {} lessons, {} exercises; every starter fails, every solution passes, every example behaves as declared",
            course.lessons.len(),
            course.exercises.len()
        );
        Ok(0)
    } else {
        print_problems(&mut problems);
        eprintln!("error: {} problem(s) in the course", problems.len());
        Ok(1)
    }
}

/// Proves an exercise's declared behaviour with the real graders.
pub fn self_check(ex: &LoadedExercise) -> Vec<Problem> {
    let mut problems = Vec::new();
    let e = &ex.exercise;
    let v = grade(e, &starter(e));
    if v.passed {
        problems.push(Problem::new(
            &ex.file,
            None,
            "the starter passes; it must fail so the learner has something to do",
        ));
    }
    let v = grade(e, &solution(e));
    if !v.passed {
        let why: Vec<String> = v
            .findings
            .iter()
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect();
        problems.push(Problem::new(
            &ex.file,
            None,
            format!("the reference solution fails: {}", why.join("; ")),
        ));
    }
    if let rampart_course::KindSpec::C(c) = &e.spec
        && !rampart_grade::c::starter_caught_on_attack(c)
    {
        problems.push(Problem::new(
                &ex.file,
                None,
                "no attack case makes rampart-cvm report an error in the starter; add the input an attacker would send",
            ));
    }
    for example in &ex.examples {
        let line = ex.line_of(&example.name);
        let v = grade(e, &example.submission);
        if v.passed != example.passes {
            problems.push(Problem::new(
                &ex.file,
                line,
                format!(
                    "example \"{}\" should {} but {}",
                    example.name,
                    if example.passes { "pass" } else { "fail" },
                    if v.passed { "passes" } else { "fails" }
                ),
            ));
        }
        for rule in &example.rules {
            if !v.has_rule(rule) {
                let got: Vec<&str> = v.findings.iter().map(|f| f.rule.as_str()).collect();
                problems.push(Problem::new(
                    &ex.file,
                    line,
                    format!(
                        "example \"{}\" should raise `{rule}`, but the verdict has: {}",
                        example.name,
                        got.join(", ")
                    ),
                ));
            }
        }
    }
    problems
}
