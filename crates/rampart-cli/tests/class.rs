//! `rampart class grade`, run as an instructor would: on the committed class
//! of 50 exported files (`tests/fixtures/class`, made by
//! `examples/class_fixture.rs` from the real course), and on small folders
//! made here for the edge cases.

use std::path::{Path, PathBuf};
use std::process::Output;

use rampart_grade::evidence::{EvidenceBundle, evidence_of};

mod common;
use common::*;

const HEADER: &str = "file,student,track,exercises_passed,exercises_total,score,status,problems";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/class")
}

/// `class grade DIR --course <repo root> --out OUT`, plus `extra`.
fn grade(dir: &Path, out: &Path, extra: &[&str]) -> Output {
    let (dir, out, course) = (s(dir), s(out), s(&repo_root()));
    let mut args = vec!["class", "grade", &dir, "--course", &course, "--out", &out];
    args.extend_from_slice(extra);
    rampart(&args)
}

/// The CSV's rows as (file, the rest of the line).
fn rows(csv: &str) -> Vec<(String, String)> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let (file, rest) = l.split_once(',').expect("a comma");
            (file.to_string(), rest.to_string())
        })
        .collect()
}

#[test]
fn the_class_fixture_grades_to_the_expected_csv() {
    let dir = scratch("fixture");
    let out = dir.join("grades.csv");
    let submissions = fixture().join("submissions");
    let run = grade(&submissions, &out, &[]);
    // One file is truncated and one certificate was edited after signing.
    expect_code(&run, 1);

    let got = read(&out);
    let want = read(&fixture().join("expected.csv"));
    if got != want {
        let diff: Vec<String> = want
            .lines()
            .zip(got.lines())
            .filter(|(w, g)| w != g)
            .take(5)
            .map(|(w, g)| format!("- {w}\n+ {g}"))
            .collect();
        panic!(
            "the CSV differs from tests/fixtures/class/expected.csv ({} lines expected, {} written):\n{}\n\n\
             If the course's exercises or the graders' messages changed on purpose, regenerate the \
             fixture and its expected CSV (see examples/class_fixture.rs):\n  \
             cargo run -p rampart-cli --example class_fixture -- crates/rampart-cli/tests/fixtures/class/submissions\n  \
             cargo run -p rampart-cli -- class grade crates/rampart-cli/tests/fixtures/class/submissions --out crates/rampart-cli/tests/fixtures/class/expected.csv\n\
             and read the new expected.csv before committing it.",
            want.lines().count(),
            got.lines().count(),
            diff.join("\n")
        );
    }

    let summary = stdout(&run);
    for line in [
        "  complete      34",
        "  incomplete    14",
        "  malformed      1",
        "  tampered       1",
    ] {
        assert!(summary.contains(line), "{line:?} in:\n{summary}");
    }
    let bad = summary
        .split("Not graded (malformed or tampered):")
        .nth(1)
        .expect("a list of files not graded");
    assert!(
        bad.contains("walker-jordan.json: malformed: the file is not JSON: line"),
        "{summary}"
    );
    assert!(
        bad.contains("tanaka-yuki-certificate.json: tampered: signature:"),
        "{summary}"
    );
    assert!(summary.contains("memory-safety"), "{summary}");
    assert!(summary.contains("supply-chain"), "{summary}");
    assert!(summary.contains(&s(&out)), "{summary}");
    // The two learners who exported under an older course version are
    // noted in the summary, on one line, not in the CSV.
    assert!(
        summary.contains(
            "2 files (jovanovic-ana.json … santos-rafael.json): exported under course version 0ld0c0u45e00"
        ),
        "{summary}"
    );
    assert!(!got.contains("course version"), "{got}");
    // Not a terminal here: one progress line per file, in file-name order.
    let progress = stderr(&run);
    assert!(
        progress.contains("] 1/50 abara-chidi.json")
            && progress.contains("] 50/50 zielinski-jan.json"),
        "{progress}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Guards the fixture itself, so a regenerated one still covers every case.
#[test]
fn the_class_fixture_has_fifty_files_of_every_kind() {
    let submissions = fixture().join("submissions");
    let names: Vec<String> = std::fs::read_dir(&submissions)
        .expect("the fixture folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names.len(), 50, "{names:?}");
    let csv = read(&fixture().join("expected.csv"));
    assert!(csv.starts_with(&format!("{HEADER}\n")));
    let rows = rows(&csv);
    assert_eq!(rows.len(), 50);
    let count = |status: &str| {
        rows.iter()
            .filter(|(_, r)| r.contains(&format!(",{status},")))
            .count()
    };
    assert_eq!(count("malformed"), 1);
    assert_eq!(count("tampered"), 1);
    assert!(count("complete") > 25, "most learners complete their track");
    assert!(count("incomplete") >= 6);
    for track in ["memory-safety", "supply-chain"] {
        assert!(
            rows.iter().filter(|(_, r)| r.contains(track)).count() > 10,
            "{track}"
        );
    }
    let certificates = rows
        .iter()
        .filter(|(f, r)| f.ends_with("-certificate.json") && !r.contains(",tampered,"))
        .count();
    assert!(certificates >= 2, "genuine self-issued certificates");
}

#[test]
fn an_empty_folder_writes_the_header_only_and_says_so() {
    let dir = scratch("empty");
    let class = dir.join("class");
    std::fs::create_dir(&class).expect("mkdir");
    // Neither a subfolder nor a file not named *.json is graded.
    std::fs::create_dir(class.join("old.json")).expect("mkdir");
    write(&class.join("notes.txt"), "not an export");
    let out = dir.join("grades.csv");
    let run = grade(&class, &out, &[]);
    expect_code(&run, 0);
    assert_eq!(read(&out), format!("{HEADER}\n"));
    let summary = stdout(&run);
    assert!(summary.contains("has no .json files to grade"), "{summary}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_missing_folder_exits_2_and_names_it() {
    let dir = scratch("missing");
    let out = dir.join("grades.csv");
    let run = grade(&dir.join("no-such-class"), &out, &[]);
    expect_code(&run, 2);
    let err = stderr(&run);
    assert!(
        err.contains("cannot open the folder") && err.contains("no-such-class"),
        "{err}"
    );
    assert!(!out.exists(), "no CSV when it could not run");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unwritable_out_exits_2_before_grading() {
    let dir = scratch("unwritable");
    let class = dir.join("class");
    std::fs::create_dir(&class).expect("mkdir");
    write(&class.join("broken.json"), "{");
    // A folder that does not exist (permissions do not stop root).
    let out = dir.join("no-such-folder").join("grades.csv");
    let run = grade(&class, &out, &[]);
    expect_code(&run, 2);
    let err = stderr(&run);
    assert!(err.contains("cannot write the CSV to"), "{err}");
    assert!(!err.contains("1/1"), "refused before grading: {err}");
    // A folder where the file should go.
    let run = grade(&class, &dir, &[]);
    expect_code(&run, 2);
    assert!(stderr(&run).contains("is a folder"), "{}", stderr(&run));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unknown_track_is_exit_2_for_the_flag() {
    let dir = scratch("flag");
    let run = grade(&dir, &dir.join("g.csv"), &["--track", "cooking"]);
    expect_code(&run, 2);
    let err = stderr(&run);
    assert!(
        err.contains("--track") && err.contains("memory-safety, supply-chain"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Bundles made here from the real course.
mod edge_cases {
    use super::*;

    fn course() -> (rampart_course::Course, rampart_course::BundleManifest) {
        let (course, problems) = rampart_course::load(&repo_root());
        assert!(problems.is_empty(), "{problems:?}");
        let (manifest, _) = rampart_course::bundle::build(&course);
        (course, manifest)
    }

    /// A bundle for `track` with the reference solution of each exercise.
    fn passing(learner: &str, track: &str) -> EvidenceBundle {
        let (course, manifest) = course();
        let mut b = EvidenceBundle::new(&manifest.version, track, learner);
        for id in manifest.track(track).expect("track").exercise_ids() {
            let ex = &course.exercises[id].exercise;
            b.exercises
                .push(evidence_of(ex, &rampart_grade::solution(ex)));
        }
        b
    }

    fn row<'a>(rows: &'a [(String, String)], file: &str) -> &'a str {
        rows.iter()
            .find(|(f, _)| f == file)
            .map(|(_, r)| r.as_str())
            .unwrap_or_else(|| panic!("no row for {file}: {rows:?}"))
    }

    #[test]
    fn sanity_checks_make_malformed_rows_with_reasons() {
        let dir = scratch("sanity");
        let class = dir.join("class");
        std::fs::create_dir(&class).expect("mkdir");
        let good = passing("Ada Quill", "supply-chain");
        write(&class.join("a-good.json"), &good.to_json());

        let mut cooking = good.clone();
        cooking.track = "cooking".into();
        write(&class.join("b-track.json"), &cooking.to_json());

        let mut extra: serde_json::Value = serde_json::from_str(&good.to_json()).expect("json");
        extra["score"] = 100.into();
        write(&class.join("c-extra.json"), &extra.to_string());

        write(
            &class.join("d-progress.json"),
            r#"{"format":"rampart-progress","schema":1}"#,
        );
        write(&class.join("e-array.json"), "[1, 2]");
        // Bigger than the 8 MiB a class file may be.
        write(&class.join("f-huge.json"), &" ".repeat(8 * 1024 * 1024 + 1));
        std::fs::write(class.join("g-binary.json"), [0xff, 0xfe, 0x00]).expect("write");

        let out = dir.join("grades.csv");
        let run = grade(&class, &out, &[]);
        expect_code(&run, 1);
        let csv = read(&out);
        let rows = rows(&csv);
        assert_eq!(rows.len(), 7, "{csv}");
        let n = good.exercises.len();
        assert_eq!(
            row(&rows, "a-good.json"),
            format!("Ada Quill,supply-chain,{n},{n},100.0,complete,")
        );
        let track = row(&rows, "b-track.json");
        assert!(
            track.contains(",malformed,")
                && track.contains("\"\"cooking\"\"")
                && track.contains("memory-safety, supply-chain"),
            "{track}"
        );
        let extra = row(&rows, "c-extra.json");
        assert!(
            extra.contains(",malformed,") && extra.contains("unknown field \"\"score\"\""),
            "{extra}"
        );
        assert!(
            row(&rows, "d-progress.json").contains("`rampart-progress` file, not Rampart evidence"),
            "{csv}"
        );
        assert!(
            row(&rows, "e-array.json").contains("no JSON object"),
            "{csv}"
        );
        assert!(
            row(&rows, "f-huge.json").contains("larger than 8 MiB"),
            "{csv}"
        );
        assert!(row(&rows, "g-binary.json").contains("not UTF-8"), "{csv}");
        let summary = stdout(&run);
        assert!(summary.contains("  malformed      6"), "{summary}");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn track_flag_grades_everyone_against_one_track_and_names_are_safe_in_csv() {
        let dir = scratch("track-flag");
        let class = dir.join("class");
        std::fs::create_dir(&class).expect("mkdir");
        let memory = passing("=HYPERLINK(\"http://evil.example\")", "memory-safety");
        write(&class.join("formula.json"), &memory.to_json());
        let supply = passing("Bo \"Sparrow\" Lind", "supply-chain");
        write(&class.join("other-track.json"), &supply.to_json());
        let out = dir.join("grades.csv");
        let run = grade(&class, &out, &["--track", "memory-safety"]);
        // Readable and genuine, though not all complete: exit 0.
        expect_code(&run, 0);
        let csv = read(&out);
        let rows = rows(&csv);
        let formula = row(&rows, "formula.json");
        assert!(
            formula.starts_with("\"'=HYPERLINK(\"\"http://evil.example\"\")\",memory-safety,"),
            "a formula-like name is quoted and defused: {formula}"
        );
        assert!(formula.contains(",complete,"), "{formula}");
        let other = row(&rows, "other-track.json");
        let n = memory.exercises.len();
        assert!(
            other.starts_with(&format!(
                "\"Bo \"\"Sparrow\"\" Lind\",memory-safety,0,{n},0.0,incomplete,"
            )),
            "{other}"
        );
        assert!(
            other.contains("the evidence is for track \"\"supply-chain\"\"; graded against track \"\"memory-safety\"\" as --track asks")
                && other.contains("ignored, not part of track"),
            "{other}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
