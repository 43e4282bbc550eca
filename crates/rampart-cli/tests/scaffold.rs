//! `rampart course new-lesson`, `new-exercise` and layered courses
//! (`--base`), run as an author would: on a course in a temp folder, then
//! `rampart course check` on the result.

use std::path::PathBuf;

mod common;
use common::*;

const KINDS: [&str; 10] = [
    "quiz",
    "spot",
    "c",
    "workflow",
    "advisories",
    "typosquat",
    "registry",
    "sbom",
    "integrity",
    "provenance",
];

const MANIFEST: &str = "title = \"Mini\"\ndescription = \"A minimal course.\"\n\n# The one track.\n[[tracks]]\nid = \"basics\"\ntitle = \"Basics\"\nsummary = \"The basics.\"\nlessons = [\n  \"intro\", # written by hand\n]\n";

const INTRO: &str = "+++\nid = \"intro\"\ntitle = \"Intro\"\nsummary = \"Where to start.\"\nminutes = 5\nobjectives = [\"one\", \"two\"]\n\n[[sources]]\nid = \"src\"\ntitle = \"A source\"\nurl = \"https://example.org/\"\n+++\n\n## Start\n\nA claim.[^src]\n";

/// A minimal, valid course in a fresh temp folder.
fn minimal_course(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("lessons")).expect("temp dir");
    std::fs::write(dir.join("course.toml"), MANIFEST).expect("write course.toml");
    std::fs::write(dir.join("lessons/intro.md"), INTRO).expect("write lesson");
    dir
}

#[test]
fn new_lesson_and_every_kind_of_new_exercise_pass_course_check() {
    let dir = minimal_course("all-kinds");
    let course = s(&dir);
    let out = rampart(&[
        "course",
        "new-lesson",
        "first-steps",
        "--title",
        "First \"steps\"",
        "--course",
        &course,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("lessons/first-steps.md"));
    assert!(stdout(&out).contains("line 11"), "{}", stdout(&out));
    // The track's list grew by one line; the comment and layout stayed.
    let manifest = std::fs::read_to_string(dir.join("course.toml")).unwrap_or_default();
    assert_eq!(
        manifest,
        MANIFEST.replace(
            "  \"intro\", # written by hand\n",
            "  \"intro\", # written by hand\n  \"first-steps\",\n"
        )
    );
    let lesson = std::fs::read_to_string(dir.join("lessons/first-steps.md")).unwrap_or_default();
    assert!(
        lesson.contains("title = \"First \\\"steps\\\"\""),
        "{lesson}"
    );
    assert!(lesson.contains("EXAMPLE SOURCE"));

    for kind in KINDS {
        let id = format!("try-{kind}");
        let out = rampart(&[
            "course",
            "new-exercise",
            kind,
            &id,
            "--lesson",
            "first-steps",
            "--course",
            &course,
        ]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        let said = stdout(&out);
        assert!(
            said.contains(&format!("exercises/{id}/exercise.toml")),
            "{said}"
        );
        assert!(
            said.contains("embedded in") && said.contains("rampart course check"),
            "{said}"
        );
        let toml = std::fs::read_to_string(dir.join("exercises").join(&id).join("exercise.toml"))
            .unwrap_or_default();
        assert!(toml.contains(&format!("id = \"{id}\"")), "{kind}");
        assert!(toml.contains(&format!("kind = \"{kind}\"")), "{kind}");
    }
    let lesson = std::fs::read_to_string(dir.join("lessons/first-steps.md")).unwrap_or_default();
    for kind in KINDS {
        assert_eq!(
            lesson
                .matches(&format!("{{{{exercise try-{kind}}}}}\n"))
                .count(),
            1
        );
    }
    let takeaways = lesson.find("## Takeaways").unwrap_or(0);
    assert!(
        lesson
            .find("{{exercise try-provenance}}")
            .unwrap_or(usize::MAX)
            < takeaways
    );

    let out = rampart(&["course", "check", "--course", &course]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 lessons, 10 exercises"),
        "{}",
        stdout(&out)
    );
    // Valid, but not finished: the author is told before publishing.
    let warned = stderr(&out);
    assert!(
        warned.contains("warning: lessons/")
            && warned.contains("the scaffold's")
            && warned.contains("the example source"),
        "{warned}"
    );
}

#[test]
fn a_scaffolded_c_exercise_is_graded_not_just_loaded() {
    // If the solution were not the fix, `course check` would fail: prove the
    // check really grades the scaffold by swapping starter and solution.
    let dir = minimal_course("c-swap");
    let course = s(&dir);
    let out = rampart(&[
        "course",
        "new-exercise",
        "c",
        "tag-fix",
        "--lesson",
        "intro",
        "--course",
        &course,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ex = dir.join("exercises/tag-fix");
    let starter = std::fs::read_to_string(ex.join("starter.c")).unwrap_or_default();
    std::fs::write(ex.join("solution.c"), starter).expect("write");
    let out = rampart(&["course", "check", "--course", &course]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("exercises/tag-fix/exercise.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_lesson_refuses_clearly() {
    let dir = minimal_course("lesson-refusals");
    let course = s(&dir);
    let refuse = |args: &[&str], says: &str| {
        let mut all = vec!["course", "new-lesson"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--course", &course]);
        let out = rampart(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    };
    refuse(
        &["Bad_Id", "--title", "T"],
        "`Bad_Id` is not a valid lesson id",
    );
    std::fs::write(dir.join("lessons/taken.md"), "x").expect("write");
    refuse(
        &["taken", "--title", "T"],
        "lessons/taken.md already exists",
    );
    refuse(
        &["fresh", "--title", "T", "--track", "nope"],
        "no track `nope`; its tracks are: basics",
    );
    let two = format!(
        "{MANIFEST}\n[[tracks]]\nid = \"more\"\ntitle = \"More\"\nsummary = \"S\"\nlessons = [\"taken\"]\n"
    );
    std::fs::write(dir.join("course.toml"), &two).expect("write");
    refuse(
        &["fresh", "--title", "T"],
        "say which one gets the lesson with --track: basics, more",
    );
    // Nothing was written by any refusal.
    assert!(!dir.join("lessons/fresh.md").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("course.toml")).unwrap_or_default(),
        two
    );

    let out = rampart(&[
        "course",
        "new-lesson",
        "x",
        "--title",
        "T",
        "--course",
        "/nonexistent/course",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has no course.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_exercise_refuses_clearly() {
    let dir = minimal_course("exercise-refusals");
    let course = s(&dir);
    let refuse = |args: &[&str], says: &str| {
        let mut all = vec!["course", "new-exercise"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--course", &course]);
        let out = rampart(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    };
    refuse(
        &["essay", "e1", "--lesson", "intro"],
        "unknown exercise kind `essay`; the kinds are: quiz, spot, c, workflow, advisories, typosquat, registry, sbom, integrity, provenance",
    );
    refuse(
        &["quiz", "Q1", "--lesson", "intro"],
        "`Q1` is not a valid exercise id",
    );
    refuse(
        &["quiz", "q1", "--lesson", "ghost"],
        "create the lesson first with `rampart course new-lesson ghost",
    );
    std::fs::create_dir_all(dir.join("exercises/q1")).expect("mkdir");
    refuse(
        &["quiz", "q1", "--lesson", "intro"],
        "exercises/q1 already exists",
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("lessons/intro.md")).unwrap_or_default(),
        INTRO
    );
}

#[test]
fn in_a_layered_course_base_tracks_and_base_lessons_are_not_edited() {
    let dir = minimal_course("layered-refusals");
    let course = s(&dir);
    let layered = format!("{MANIFEST}\n[base]\ntracks = [\"supply-chain\"]\n");
    std::fs::write(dir.join("course.toml"), &layered).expect("write");
    let out = rampart(&[
        "course",
        "new-lesson",
        "extra",
        "--title",
        "T",
        "--track",
        "supply-chain",
        "--course",
        &course,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("comes from the base course"),
        "{}",
        stderr(&out)
    );
    let out = rampart(&[
        "course",
        "new-exercise",
        "quiz",
        "q2",
        "--lesson",
        "typosquatting",
        "--course",
        &course,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("copy it into lessons/ first"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("exercises/q2").exists());
}

#[test]
fn the_northbridge_fixture_passes_on_the_base_course() {
    let root = repo_root();
    let fixture = root.join("tests/fixtures/custom-course");
    let out = rampart(&[
        "course",
        "check",
        "--course",
        &s(&fixture),
        "--base",
        &s(&root),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Without its base the same folder names what is missing.
    let out = rampart(&["course", "check", "--course", &s(&fixture)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--base DIR"), "{}", stderr(&out));
}

#[test]
fn a_layered_build_has_the_custom_tracks_then_the_included_ones() {
    let root = repo_root();
    let fixture = root.join("tests/fixtures/custom-course");
    let out_dir =
        std::env::temp_dir().join(format!("rampart-layered-build-{}", std::process::id()));
    let out = rampart(&[
        "course",
        "build",
        "--course",
        &s(&fixture),
        "--base",
        &s(&root),
        "--out",
        &s(&out_dir),
        "--theme-css",
        &s(&out_dir.join("hl.css")),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("manifest.json")).unwrap_or_default())
            .unwrap_or_default();
    assert_eq!(manifest["title"], "Northbridge University: secure coding");
    let tracks: Vec<&str> = manifest["tracks"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| t["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(tracks, ["northbridge-essentials", "supply-chain"]);
    let first: Vec<&str> = manifest["tracks"][0]["lessons"]
        .as_array()
        .map(|a| a.iter().filter_map(|l| l["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(first, ["northbridge-welcome", "why-memory-safety"]);
}

#[test]
fn a_layered_problem_names_the_custom_file_and_line() {
    let root = repo_root();
    let dir = minimal_course("layered-missing");
    std::fs::write(
        dir.join("course.toml"),
        "title = \"Uni\"\n\n[[tracks]]\nid = \"ours\"\ntitle = \"Ours\"\nsummary = \"S\"\nlessons = [\"intro\", \"no-such-lesson\"]\n",
    )
    .expect("write");
    let out = rampart(&["course", "check", "--course", &s(&dir), "--base", &s(&root)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:7: track `ours` lists lesson `no-such-lesson`, but neither",
            s(&dir.join("course.toml"))
        )),
        "{err}"
    );
    let out = rampart(&[
        "course",
        "check",
        "--course",
        &s(&dir),
        "--base",
        "/nonexistent/base",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pass the base course's folder with --base DIR"));
}
