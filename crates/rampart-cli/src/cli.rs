//! Command-line surface of `rampart`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    /// Create an institution's key for signing certificates: writes it (mode
    /// 0600) and prints its did:key and the issuers.json entry to publish.
    Keygen {
        /// Where to write the key (Multikey JSON, secret included).
        #[arg(long)]
        out: PathBuf,
        /// The institution's name, as certificates and issuers.json show it.
        #[arg(long)]
        name: Option<String>,
        /// Replace an existing file at --out.
        #[arg(long)]
        force: bool,
    },
    /// Issue, revoke and verify completion certificates (Open Badges 3.0).
    Cert {
        #[command(subcommand)]
        command: CertCommand,
    },
    /// Build the static site a host deploys: the app, the course, the
    /// host's settings from rampart.toml, a strict CSP, offline support.
    Site {
        #[command(subcommand)]
        command: SiteCommand,
    },
    /// Work with a class's exported work.
    Class {
        #[command(subcommand)]
        command: ClassCommand,
    },
    /// Package a built site for other platforms (an LMS).
    Export {
        #[command(subcommand)]
        command: ExportCommand,
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
        /// A base course the course builds on: lessons and exercises are
        /// looked up in --course first, then here; `[base] tracks` in
        /// course.toml includes base tracks.
        #[arg(long)]
        base: Option<PathBuf>,
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
        /// A base course the course builds on (see `course build --help`).
        #[arg(long)]
        base: Option<PathBuf>,
    },
    /// Start a lesson: write lessons/ID.md with front matter and a body
    /// skeleton that pass `course check`, and list it in a track.
    NewLesson {
        /// The lesson id: lowercase letters, digits and single dashes.
        id: String,
        /// The lesson's title.
        #[arg(long)]
        title: String,
        /// The track whose `lessons` gets the id [default: the only track].
        #[arg(long)]
        track: Option<String>,
        #[arg(long, default_value = ".")]
        course: PathBuf,
    },
    /// Start an exercise: write exercises/ID/ with a small working example
    /// of KIND (its starter fails, its solution passes) and embed it in a lesson.
    NewExercise {
        /// quiz, spot, c, workflow, advisories, typosquat, registry, sbom,
        /// integrity or provenance.
        kind: String,
        /// The exercise id: lowercase letters, digits and single dashes.
        id: String,
        /// The lesson (in this course folder) that embeds the exercise.
        #[arg(long)]
        lesson: String,
        #[arg(long, default_value = ".")]
        course: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum SiteCommand {
    /// Write a static site into --out: hashed file names, Subresource
    /// Integrity, a Content-Security-Policy, 404.html for deep links, a
    /// service worker for offline use and SHA256SUMS.
    Build {
        /// The host's settings (name, logo, colours, contact, course, tracks,
        /// trust list, status list, base path). Without it: Rampart's own
        /// course from --course, at `/`.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The course folder when there is no --config.
        #[arg(long, default_value = ".")]
        course: PathBuf,
        /// Trunk's release output: the app's JS, wasm and CSS.
        #[arg(long, default_value = "target/app-dist")]
        app: PathBuf,
        /// Where to write the site (replaced only if it holds an earlier site).
        #[arg(long, default_value = "dist")]
        out: PathBuf,
        /// Serve from this URL path instead of rampart.toml's, e.g. /secure-coding/.
        #[arg(long)]
        base: Option<String>,
        /// Copy this file into the site's root as it is (repeatable), e.g. an SBOM.
        #[arg(long)]
        include: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A SCORM package (zip) of a site from `rampart site build`, to upload
    /// to Moodle, Canvas or another LMS: the app reports completion and
    /// score to it.
    Scorm {
        /// The built site (with index.html and course/manifest.json).
        #[arg(long)]
        site: PathBuf,
        /// Package only this track of the course [default: the site's tracks].
        #[arg(long)]
        track: Option<String>,
        /// The SCORM version the LMS expects.
        #[arg(long, value_enum, default_value = "1.2")]
        scorm: ScormVersion,
        /// Where to write the package (.zip; replaced if it exists).
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ScormVersion {
    /// SCORM 1.2, the version every LMS imports.
    #[value(name = "1.2")]
    V1_2,
    /// SCORM 2004 4th Edition.
    #[value(name = "2004")]
    V2004,
}

#[derive(Debug, Subcommand)]
pub enum CertCommand {
    /// Re-grade a learner's exported evidence with this course's graders and,
    /// only if every exercise of the track passes, sign a certificate.
    ///
    /// Exit status: 0 issued, 1 the evidence does not pass (nothing written),
    /// 2 an input cannot be read or the output exists.
    Issue(IssueArgs),
    /// Bitstring Status Lists, for revoking issued certificates.
    Status {
        #[command(subcommand)]
        command: CertStatusCommand,
    },
    /// Revoke a certificate: set its entry in the status list and re-sign the list.
    #[command(group(clap::ArgGroup::new("which").required(true).multiple(false)))]
    Revoke {
        /// The institution's key (the one that created the list).
        #[arg(long)]
        key: PathBuf,
        /// The published status list file (its state file sits beside it).
        #[arg(long)]
        status_list: PathBuf,
        /// The certificate to revoke.
        #[arg(long, group = "which")]
        credential: Option<PathBuf>,
        /// The certificate's id (urn:uuid:…), as recorded in the list's state.
        #[arg(long, group = "which")]
        id: Option<String>,
        /// The certificate's entry in the list (its credentialStatus.statusListIndex).
        #[arg(long, group = "which")]
        index: Option<usize>,
    },
    /// Check a certificate: one line per check, pass, fail or not checked.
    ///
    /// Exit status: 0 when no check failed, 1 when one did, 2 when an input
    /// cannot be read.
    Verify {
        /// The certificate (JSON).
        file: PathBuf,
        /// The course whose graders re-grade the evidence: a source folder
        /// (course.toml) or a built bundle (manifest.json).
        #[arg(long, default_value = ".")]
        course: PathBuf,
        /// The trust list, issuers.json [default: the site's, beside the course, if any].
        #[arg(long)]
        trust: Option<PathBuf>,
        /// The issuer's published status list, downloaded (the CLI never goes online).
        #[arg(long)]
        status_list: Option<PathBuf>,
        /// Older course versions to accept (a JSON array of strings)
        /// [default: course-versions.json beside the course, if any].
        #[arg(long)]
        known_versions: Option<PathBuf>,
        /// Print one JSON object: {"checks": [{"name", "status", "message"}]}.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The institution's key (from `rampart keygen`).
    #[arg(long)]
    pub key: PathBuf,
    /// The learner's evidence bundle, exported from the track's certificate page.
    #[arg(long)]
    pub evidence: PathBuf,
    /// The course: a source folder (course.toml) or a built bundle (manifest.json).
    #[arg(long, default_value = ".")]
    pub course: PathBuf,
    /// The learner's name on the certificate [default: the evidence's learner].
    #[arg(long)]
    pub name: Option<String>,
    /// The issuer's name [default: the name stored in the key by `rampart keygen --name`].
    #[arg(long)]
    pub issuer_name: Option<String>,
    /// Days until the certificate expires [default: it does not].
    #[arg(long)]
    pub valid_days: Option<u32>,
    /// A status list from `rampart cert status init`: the certificate gets
    /// the next free entry, so it can be revoked.
    #[arg(long)]
    pub status_list: Option<PathBuf>,
    /// The list's published URL; must match the one it was created with.
    #[arg(long, requires = "status_list")]
    pub status_url: Option<String>,
    /// Older course versions the evidence may name (a JSON array of
    /// strings) [default: course-versions.json beside the course, if any].
    #[arg(long)]
    pub known_versions: Option<PathBuf>,
    /// The site's address, to print the verification link.
    #[arg(long)]
    pub site_url: Option<String>,
    /// Where to write the certificate.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum ClassCommand {
    /// Re-grade every evidence bundle and self-issued certificate (*.json)
    /// in a folder with this course's graders and write one CSV row per file.
    ///
    /// Exit status: 0 when every file was readable and genuine, 1 when the
    /// CSV was written but some files are malformed or tampered, 2 when it
    /// could not run.
    Grade(ClassGradeArgs),
}

#[derive(Debug, Args)]
pub struct ClassGradeArgs {
    /// The folder of exported files (evidence bundles and certificates).
    pub dir: PathBuf,
    /// The course: a source folder (course.toml) or a built bundle (manifest.json).
    #[arg(long, default_value = ".")]
    pub course: PathBuf,
    /// Where to write the CSV (replaced if it exists).
    #[arg(long, default_value = "grades.csv")]
    pub out: PathBuf,
    /// Grade every file against this track, whatever track the file names.
    #[arg(long)]
    pub track: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CertStatusCommand {
    /// Create a signed, empty status list to publish at --url, and its
    /// private state file beside --out.
    Init {
        #[arg(long)]
        key: PathBuf,
        /// Where the list will be published (its id inside every certificate).
        #[arg(long)]
        url: String,
        /// Where to write the signed list.
        #[arg(long)]
        out: PathBuf,
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
                    base,
                    out,
                    theme_css,
                },
        } => crate::course::build(&course, base.as_deref(), &out, &theme_css),
        Command::Course {
            command: CourseCommand::Check { course, base },
        } => crate::course::check(&course, base.as_deref()),
        Command::Course {
            command:
                CourseCommand::NewLesson {
                    id,
                    title,
                    track,
                    course,
                },
        } => crate::scaffold::new_lesson(&course, &id, &title, track.as_deref()),
        Command::Course {
            command:
                CourseCommand::NewExercise {
                    kind,
                    id,
                    lesson,
                    course,
                },
        } => crate::scaffold::new_exercise(&course, &kind, &id, &lesson),
        Command::Audit { command, json } => crate::audit::audit_command(command, json),
        Command::Keygen { out, name, force } => crate::cert::keygen(&out, name.as_deref(), force),
        Command::Cert { command } => crate::cert::cert_command(command),
        Command::Site {
            command:
                SiteCommand::Build {
                    config,
                    course,
                    app,
                    out,
                    base,
                    include,
                },
        } => crate::site_command::build(config.as_deref(), &course, app, out, base, include),
        Command::Class {
            command: ClassCommand::Grade(args),
        } => crate::class::grade(&args),
        Command::Export { command } => crate::export::export_command(command),
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
