//! Command-line surface of `rampart`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "rampart",
    version,
    about = "Build, check and grade Rampart courses; run C under a checked interpreter."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Work with course content.
    Course {
        #[command(subcommand)]
        command: CourseCommand,
    },
    /// Audit your own supply-chain files: workflows, lockfiles, SBOMs,
    /// provenance, dependency names, registry configuration.
    ///
    /// Exit status: 0 with no findings, 1 with findings, 2 when an input
    /// cannot be read.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
        /// Print a JSON array of findings (rule, severity, file, line, column, message, why, fix).
        #[arg(long, global = true)]
        json: bool,
    },
    /// Run a C program under rampart-cvm and report memory errors and undefined behaviour.
    Run {
        /// The C source file.
        file: PathBuf,
        /// A file whose contents are the program's standard input.
        #[arg(long)]
        stdin: Option<PathBuf>,
        /// Print one JSON object instead of the program's output and report.
        #[arg(long)]
        json: bool,
        /// Arguments passed to the program (after `--`).
        #[arg(last = true)]
        args: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CourseCommand {
    /// Check the content and write the bundle the app loads.
    Build {
        /// The course folder (with course.toml, lessons/, exercises/).
        #[arg(long, default_value = ".")]
        course: PathBuf,
        /// Where to write the bundle.
        #[arg(long, default_value = "build/course")]
        out: PathBuf,
        /// Where to write the highlighting theme CSS.
        #[arg(long, default_value = "style/highlight.css")]
        theme_css: PathBuf,
    },
    /// Report every content problem at once: front matter, ids, embeds, links,
    /// sources, and that each exercise's starter fails and its solution passes.
    Check {
        #[arg(long, default_value = ".")]
        course: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// GitHub Actions workflows: unpinned actions, permissions, dangerous
    /// triggers, template injection, persisted credentials, remote scripts.
    Workflow {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// A Cargo.lock or package-lock.json (v2/v3) against OSV advisories.
    Lockfile {
        file: PathBuf,
        /// A folder of OSV advisory JSON files (or one file).
        #[arg(long)]
        advisories: PathBuf,
    },
    /// A CycloneDX 1.5/1.6 JSON SBOM: structure, and against a lockfile.
    Sbom {
        file: PathBuf,
        #[arg(long)]
        lockfile: Option<PathBuf>,
    },
    /// An in-toto statement with SLSA provenance (or its DSSE envelope) against a policy.
    Provenance {
        file: PathBuf,
        /// The policy: builder_id, source_repo, source_ref (TOML).
        #[arg(long)]
        policy: PathBuf,
        /// Artifacts whose SHA-256 must match a subject of the statement.
        #[arg(long = "artifact")]
        artifacts: Vec<PathBuf>,
    },
    /// Typosquats among the dependencies of a package.json, Cargo.toml,
    /// requirements.txt or pyproject.toml.
    Names {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Registry configuration (.npmrc, pip.conf, requirements.txt,
    /// .cargo/config.toml, Cargo.toml) for dependency confusion.
    Registry {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Manifests naming the dependencies, to see where each would come from.
        #[arg(long = "manifest")]
        manifests: Vec<PathBuf>,
    },
}

/// Runs a command; returns the process exit status.
pub fn dispatch(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Course {
            command:
                CourseCommand::Build {
                    course,
                    out,
                    theme_css,
                },
        } => crate::course::build(&course, &out, &theme_css),
        Command::Course {
            command: CourseCommand::Check { course },
        } => crate::course::check(&course),
        Command::Audit { command, json } => crate::audit::audit_command(command, json),
        Command::Run {
            file,
            stdin,
            json,
            args,
        } => {
            let code = crate::run::run_command(&file, stdin.as_deref(), json, args)?;
            Ok(u8::try_from(code).unwrap_or(2))
        }
    }
}
