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
