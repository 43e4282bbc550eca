//! Rampart audits itself: the repository's own workflows and scripts must
//! pass the checks its exercises teach.
//!
//! - Every workflow in `.github/workflows/` gets no finding at all from
//!   `rampart_supply::workflow::audit` (pinned actions, read-only token,
//!   no persisted credentials, no template injection, no remote scripts).
//! - No script the project runs fetches code and runs it unchecked (the
//!   `remote-script` rule's test): `.ci/*`, every `*.sh`, the npm scripts
//!   of `tests/e2e/package.json`, and xtask's sources, which must not start
//!   a downloader at all. Course material (`exercises/`, `lessons/`) and
//!   test fixtures are left out: they are bad on purpose.

use std::path::{Path, PathBuf};

use rampart_supply::workflow;

fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn the_repository_workflows_pass_ramparts_own_workflow_audit() {
    let workflows: Vec<PathBuf> = files_in(&root().join(".github").join("workflows"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    assert!(
        !workflows.is_empty(),
        ".github/workflows has no workflow to audit"
    );
    for path in workflows {
        let findings = workflow::audit(&read(&path))
            .unwrap_or_else(|e| panic!("{}: not readable as a workflow: {e}", relative(&path)));
        let shown: Vec<String> = findings
            .iter()
            .map(|f| format!("{}:{}: {} {}", relative(&path), f.line, f.rule, f.message))
            .collect();
        assert!(shown.is_empty(), "{shown:#?}");
    }
}

/// Folders the script scan does not enter: build output, dependencies, and
/// course material and fixtures that are insecure on purpose.
const SKIPPED: &[&str] = &[
    ".git",
    "target",
    "node_modules",
    "dist",
    "build",
    "exercises",
    "lessons",
    "fixtures",
    "test-results",
    "playwright-report",
];

fn shell_scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() {
            if !SKIPPED.contains(&name) {
                shell_scripts(&path, out);
            }
        } else if name.ends_with(".sh") {
            out.push(path);
        }
    }
}

fn remote_scripts(name: &str, text: &str) -> Vec<String> {
    workflow::remote_script_lines(text)
        .into_iter()
        .map(|(line, command)| format!("{name}:{line}: {command}"))
        .collect()
}

#[test]
fn no_script_of_the_project_runs_code_straight_from_the_network() {
    let root = root();
    let mut scripts = files_in(&root.join(".ci"));
    assert!(
        scripts.iter().any(|p| p.ends_with(".ci/run")),
        ".ci/run is missing"
    );
    shell_scripts(&root, &mut scripts);
    let mut hits = Vec::new();
    for path in &scripts {
        hits.extend(remote_scripts(&relative(path), &read(path)));
    }
    // npm runs these through a shell.
    let package = root.join("tests").join("e2e").join("package.json");
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&package)).expect("package.json is JSON");
    for (name, script) in manifest["scripts"].as_object().into_iter().flatten() {
        let script = script.as_str().unwrap_or_default();
        hits.extend(remote_scripts(
            &format!("tests/e2e/package.json scripts.{name}"),
            script,
        ));
    }
    assert!(hits.is_empty(), "remote scripts: {hits:#?}");
}

#[test]
fn xtask_never_starts_a_downloader() {
    let src = root().join("xtask").join("src");
    let sources = files_in(&src);
    assert!(!sources.is_empty());
    let mut hits = Vec::new();
    for path in &sources {
        let text = read(path);
        hits.extend(remote_scripts(&relative(path), &text));
        for downloader in ["curl", "wget"] {
            for call in ["program", "tool", "Command::new"] {
                let needle = format!("{call}(\"{downloader}\")");
                if text.contains(&needle) {
                    hits.push(format!("{}: {needle}", relative(path)));
                }
            }
        }
    }
    assert!(hits.is_empty(), "xtask downloads code: {hits:#?}");
}

#[test]
fn the_scan_would_catch_a_curl_pipe_to_shell() {
    // Guards the two tests above against a detector that finds nothing.
    let hits = remote_scripts(
        "example",
        "#!/bin/sh\ncurl -fsSL https://sh.rustup.rs | sh -s -- -y\n",
    );
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert!(hits[0].starts_with("example:2:"), "{hits:#?}");
}
