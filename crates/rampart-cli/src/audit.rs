//! `rampart audit …`: the supply-chain analysers on the user's own files.
//! The logic is `rampart_supply::audit`; this module reads files, prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use rampart_supply::audit::{ArtifactDigest, Input, Request, Target, Unreadable, run};
use rampart_supply::{Finding, Severity};
use serde::Serialize;

use crate::cli::AuditCommand;

/// Exit status when every input was read and nothing was found.
const CLEAN: u8 = 0;
const FINDINGS: u8 = 1;
const UNREADABLE: u8 = 2;

/// A finding with the file it is in, as `--json` prints it.
#[derive(Serialize)]
struct Located<'a> {
    file: &'a str,
    rule: &'a str,
    severity: Severity,
    line: u32,
    column: Option<u32>,
    message: &'a str,
    why: &'a str,
    fix: &'a str,
}

/// What one file's audit came to.
enum Outcome {
    Findings(String, Vec<Finding>),
    Unreadable(Unreadable),
}

pub fn audit_command(command: AuditCommand, json: bool) -> anyhow::Result<u8> {
    let mut outcomes = Vec::new();
    match command {
        AuditCommand::Workflow { files } => {
            for f in files {
                outcomes.push(one(Target::Workflow, &f, |_| Ok(())));
            }
        }
        AuditCommand::Lockfile { file, advisories } => {
            outcomes.push(one(Target::Lockfile, &file, |r| {
                r.advisories = read_advisories(&advisories)?;
                Ok(())
            }));
        }
        AuditCommand::Sbom { file, lockfile } => {
            outcomes.push(one(Target::Sbom, &file, |r| {
                r.lockfile = lockfile.as_deref().map(read_input).transpose()?;
                Ok(())
            }));
        }
        AuditCommand::Provenance {
            file,
            policy,
            artifacts,
        } => {
            outcomes.push(one(Target::Provenance, &file, |r| {
                r.policy = Some(read_input(&policy)?);
                r.artifacts = artifacts
                    .iter()
                    .map(|a| read_digest(a))
                    .collect::<Result<_, _>>()?;
                Ok(())
            }));
        }
        AuditCommand::Names { files } => {
            for f in files {
                outcomes.push(one(Target::Names, &f, |_| Ok(())));
            }
        }
        AuditCommand::Registry { files, manifests } => {
            for f in files {
                outcomes.push(one(Target::Registry, &f, |r| {
                    r.manifests = manifests
                        .iter()
                        .map(|m| read_input(m))
                        .collect::<Result<_, _>>()?;
                    Ok(())
                }));
            }
        }
    }
    print(&outcomes, json)?;
    let unreadable = outcomes.iter().any(|o| matches!(o, Outcome::Unreadable(_)));
    let found = outcomes
        .iter()
        .any(|o| matches!(o, Outcome::Findings(_, f) if !f.is_empty()));
    Ok(if unreadable {
        UNREADABLE
    } else if found {
        FINDINGS
    } else {
        CLEAN
    })
}

/// Audits one file; `extra` reads whatever else the target needs.
fn one(
    target: Target,
    file: &Path,
    extra: impl FnOnce(&mut Request) -> Result<(), Unreadable>,
) -> Outcome {
    let input = match read_input(file) {
        Ok(i) => i,
        Err(u) => return Outcome::Unreadable(u),
    };
    let mut request = Request::new(target, input);
    if let Err(u) = extra(&mut request) {
        return Outcome::Unreadable(u);
    }
    match run(&request) {
        Ok(findings) => Outcome::Findings(request.file.name, findings),
        Err(u) => Outcome::Unreadable(u),
    }
}

fn unreadable(path: &Path, message: String) -> Unreadable {
    Unreadable {
        file: path.display().to_string(),
        error: rampart_supply::InputError::new(0, message),
    }
}

fn read_input(path: &Path) -> Result<Input, Unreadable> {
    let meta =
        std::fs::metadata(path).map_err(|e| unreadable(path, format!("cannot read it: {e}")))?;
    if meta.is_dir() {
        return Err(unreadable(path, "is a folder, not a file".into()));
    }
    if meta.len() > rampart_supply::MAX_INPUT as u64 {
        return Err(Unreadable {
            file: path.display().to_string(),
            error: rampart_supply::InputError::too_large(
                "file",
                usize::try_from(meta.len()).unwrap_or(usize::MAX),
            ),
        });
    }
    let bytes =
        std::fs::read(path).map_err(|e| unreadable(path, format!("cannot read it: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        unreadable(
            path,
            format!(
                "is not UTF-8 text (byte {} is not valid); is it the right file?",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(Input::new(path.display().to_string(), text))
}

/// An artifact's SHA-256, read in chunks: release archives can be large
/// binaries, and need not be UTF-8 or fit the text-size limit.
fn read_digest(path: &Path) -> Result<ArtifactDigest, Unreadable> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut file =
        std::fs::File::open(path).map_err(|e| unreadable(path, format!("cannot read it: {e}")))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| unreadable(path, format!("cannot read it: {e}")))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(ArtifactDigest {
        name: path.display().to_string(),
        sha256: hex::encode(hasher.finalize()),
    })
}

/// The advisories in a folder (every `*.json`, sorted) or a single file.
fn read_advisories(path: &Path) -> Result<Vec<Input>, Unreadable> {
    if path.is_file() {
        return Ok(vec![read_input(path)?]);
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| unreadable(path, format!("cannot read the advisories folder: {e}")))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(unreadable(
            path,
            "has no .json files; put OSV advisories (from osv.dev or the RustSec/GitHub databases) there".into(),
        ));
    }
    files.iter().map(|f| read_input(f)).collect()
}

fn print(outcomes: &[Outcome], json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        let mut all = Vec::new();
        for o in outcomes {
            match o {
                Outcome::Findings(file, findings) => {
                    all.extend(findings.iter().map(|f| Located {
                        file: f.file.as_deref().unwrap_or(file),
                        rule: &f.rule,
                        severity: f.severity,
                        line: f.line,
                        column: f.column,
                        message: &f.message,
                        why: &f.why,
                        fix: &f.fix,
                    }));
                }
                Outcome::Unreadable(u) => eprintln!("error: {u}"),
            }
        }
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
        return Ok(());
    }
    let (mut errors, mut warnings, mut infos, mut files) = (0, 0, 0, 0);
    for o in outcomes {
        match o {
            Outcome::Findings(file, findings) => {
                files += 1;
                for f in findings {
                    match f.severity {
                        Severity::Error => errors += 1,
                        Severity::Warning => warnings += 1,
                        Severity::Info => infos += 1,
                    }
                    let file = f.file.as_deref().unwrap_or(file);
                    let at = match (f.line, f.column) {
                        (0, _) => file.to_string(),
                        (l, Some(c)) => format!("{file}:{l}:{c}"),
                        (l, None) => format!("{file}:{l}"),
                    };
                    writeln!(
                        out,
                        "{at}: {}[{}]: {}",
                        f.severity.as_str(),
                        f.rule,
                        f.message
                    )?;
                    if !f.why.is_empty() {
                        writeln!(out, "    why: {}", f.why)?;
                    }
                    if !f.fix.is_empty() {
                        writeln!(out, "    fix: {}", f.fix)?;
                    }
                }
            }
            Outcome::Unreadable(u) => eprintln!("error: {u}"),
        }
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{} ({}, {}, {}) in {}",
        plural(errors + warnings + infos, "finding"),
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(infos, "note"),
        plural(files, "file"),
    )?;
    Ok(())
}
