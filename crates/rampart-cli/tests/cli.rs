//! The `rampart` binary, run as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rampart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(args)
        .output()
        .expect("run rampart")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

mod course_check {
    use super::*;

    #[test]
    fn the_real_course_passes() {
        let root = repo_root().display().to_string();
        let out = rampart(&["course", "check", "--course", &root]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("course ok"));
    }

    #[test]
    fn a_broken_course_fails_listing_every_problem_with_file_and_line() {
        let out = rampart(&["course", "check", "--course", &fixture("broken")]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        insta::assert_snapshot!(stderr);
    }

    #[test]
    fn build_refuses_a_broken_course_and_writes_nothing() {
        let out_dir = std::env::temp_dir().join(format!("rampart-broken-{}", std::process::id()));
        let out = rampart(&[
            "course",
            "build",
            "--course",
            &fixture("broken"),
            "--out",
            &out_dir.display().to_string(),
            "--theme-css",
            &out_dir.join("hl.css").display().to_string(),
        ]);
        assert_eq!(out.status.code(), Some(1));
        assert!(!out_dir.join("manifest.json").exists());
    }

    #[test]
    fn a_missing_course_folder_is_a_clear_error() {
        let out = rampart(&["course", "check", "--course", "/nonexistent/course"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("has no course.toml"));
    }
}

mod course_build {
    use super::*;

    #[test]
    fn builds_the_real_course_into_hashed_files() {
        let out_dir = std::env::temp_dir().join(format!("rampart-build-{}", std::process::id()));
        let root = repo_root().display().to_string();
        let out = rampart(&[
            "course",
            "build",
            "--course",
            &root,
            "--out",
            &out_dir.display().to_string(),
            "--theme-css",
            &out_dir.join("hl.css").display().to_string(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let manifest: rampart_course::BundleManifest = serde_json::from_slice(
            &std::fs::read(out_dir.join("manifest.json")).expect("manifest"),
        )
        .expect("json");
        assert_eq!(
            manifest.version,
            rampart_course::bundle::version_of(&manifest)
        );
        for (_, lesson) in manifest.lessons() {
            let bytes = std::fs::read(out_dir.join(&lesson.path)).expect("lesson file");
            assert_eq!(rampart_course::bundle::sha256_hex(&bytes), lesson.sha256);
            assert!(lesson.path.contains(&lesson.sha256[..12]));
        }
        assert!(
            std::fs::read_to_string(out_dir.join("hl.css"))
                .expect("css")
                .contains(".hl-")
        );
        let _ = std::fs::remove_dir_all(out_dir);
    }
}
