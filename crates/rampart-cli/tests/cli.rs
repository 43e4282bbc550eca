//! The `rampart` binary, run as a user would.

use std::path::Path;
use std::process::Output;

mod common;
use common::*;

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

mod audit {
    use super::*;

    /// The analysers' own fixtures, shared rather than copied.
    fn supply(name: &str) -> String {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../rampart-supply/tests/fixtures")
            .join(name)
            .display()
            .to_string()
    }

    fn json(out: &Output) -> Vec<serde_json::Value> {
        serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "--json must print an array ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    #[test]
    fn an_insecure_workflow_exits_1_listing_each_finding_at_file_line_column() {
        let file = supply("workflow/insecure-ci.yml");
        let out = rampart(&["audit", "workflow", &file]);
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let unpinned = format!(
            "{file}:31:15: error[workflow/unpinned-uses]: `actions/checkout@v4` is not pinned"
        );
        assert!(stdout.contains(&unpinned), "{stdout}");
        assert!(
            stdout.contains("    why: "),
            "each finding says why it matters"
        );
        assert!(
            stdout.contains("    fix: "),
            "each finding says how to fix it"
        );
        assert!(
            stdout.trim_end().ends_with("in 1 file"),
            "a summary closes the output: {stdout}"
        );
    }

    #[test]
    fn json_output_is_an_array_of_findings_with_the_documented_fields() {
        let out = rampart(&[
            "audit",
            "workflow",
            &supply("workflow/insecure-ci.yml"),
            "--json",
        ]);
        assert_eq!(out.status.code(), Some(1));
        let findings = json(&out);
        assert!(!findings.is_empty());
        for f in &findings {
            for key in ["rule", "severity", "line", "column", "message"] {
                assert!(f.get(key).is_some(), "{key} missing in {f}");
            }
        }
        assert!(
            findings
                .iter()
                .any(|f| f["rule"] == "workflow/template-injection")
        );
    }

    #[test]
    fn a_hardened_workflow_exits_0() {
        let out = rampart(&[
            "audit",
            "workflow",
            &supply("workflow/hardened-ci.yml"),
            "--json",
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(json(&out).is_empty());
    }

    #[test]
    fn unreadable_input_exits_2_with_a_message_naming_the_file() {
        let dir = std::env::temp_dir().join(format!("rampart-audit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let garbage = dir.join("ci.yml");
        std::fs::write(&garbage, "- just\n- a list\n").expect("write");
        let out = rampart(&["audit", "workflow", &garbage.display().to_string()]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("ci.yml:1:1:") && stderr.contains("on:"),
            "{stderr}"
        );

        let binary = dir.join("Cargo.lock");
        std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x01]).expect("write");
        let out = rampart(&[
            "audit",
            "lockfile",
            &binary.display().to_string(),
            "--advisories",
            &supply("osv"),
        ]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));

        let out = rampart(&[
            "audit",
            "names",
            &dir.join("missing.json").display().to_string(),
        ]);
        assert_eq!(out.status.code(), Some(2));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_lockfile_is_checked_against_a_folder_of_osv_advisories() {
        let out = rampart(&[
            "audit",
            "lockfile",
            &supply("lockfile/Cargo.lock"),
            "--advisories",
            &supply("osv"),
            "--json",
        ]);
        assert_eq!(out.status.code(), Some(1));
        let findings = json(&out);
        let smallvec = findings
            .iter()
            .find(|f| {
                f["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("smallvec 0.6.13"))
            })
            .expect("smallvec 0.6.13 is inside RUSTSEC-2021-0003's range");
        assert_eq!(smallvec["rule"], "advisories/affected");
        assert!(
            smallvec["message"]
                .as_str()
                .is_some_and(|m| m.contains("0.6.14"))
        );
    }

    #[test]
    fn sbom_names_and_provenance_audits_run_from_the_command_line() {
        let sbom = rampart(&[
            "audit",
            "sbom",
            &supply("sbom/log-shipper.cdx.json"),
            "--lockfile",
            &supply("lockfile/Cargo.lock"),
        ]);
        assert_eq!(
            sbom.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&sbom.stdout)
        );

        let names = rampart(&[
            "audit",
            "names",
            &supply("names/typosquats.package.json"),
            "--json",
        ]);
        assert_eq!(names.status.code(), Some(1));
        assert!(json(&names).iter().any(|f| {
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("crossenv"))
        }));

        let policy = supply("provenance/policy.toml");
        let artifact = supply("provenance/tool-1.2.0-linux-amd64.tar.gz");
        let genuine = rampart(&[
            "audit",
            "provenance",
            &supply("provenance/genuine.intoto.json"),
            "--policy",
            &policy,
            "--artifact",
            &artifact,
        ]);
        assert_eq!(
            genuine.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&genuine.stdout)
        );
        let fork = rampart(&[
            "audit",
            "provenance",
            &supply("provenance/forged-fork.intoto.json"),
            "--policy",
            &policy,
            "--json",
        ]);
        assert_eq!(fork.status.code(), Some(1));
        let findings = json(&fork);
        let source = findings
            .iter()
            .find(|f| f["rule"] == "provenance/wrong-source")
            .expect("the fork is caught");
        assert_eq!(
            source["file"].as_str(),
            Some(policy.as_str()),
            "the line is the policy's"
        );
    }
}
