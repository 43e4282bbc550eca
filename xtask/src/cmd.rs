//! Running commands and named steps, with messages that say what failed.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// The workspace root: the parent of this crate's folder.
pub fn root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// Cargo's target directory (the shared one unless `CARGO_TARGET_DIR` says otherwise).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// The cargo that runs us, so nested builds use the same toolchain.
pub fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(root());
    command
}

/// A command run from the workspace root.
pub fn program(name: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(name);
    command.current_dir(root());
    command
}

/// Prints `==> what`, runs `body`, and on failure says which step failed.
pub fn step<T>(what: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("==> {what}");
    body().with_context(|| format!("step failed: {what}"))
}

/// `program arg…` as one line, for messages.
pub fn display(command: &Command) -> String {
    // `cargo`, not `/root/.rustup/toolchains/…/bin/cargo`: shorter to read.
    let program = Path::new(command.get_program());
    let mut line = match program.file_name() {
        Some(name) if name == "cargo" => "cargo".to_string(),
        _ => program.to_string_lossy().into_owned(),
    };
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Runs a command with inherited output; an error if it cannot start or exits non-zero.
pub fn run(command: &mut Command) -> Result<()> {
    let line = display(command);
    println!("    $ {line}");
    let status = command
        .status()
        .with_context(|| format!("could not start `{line}`: is it installed and on PATH?"))?;
    if !status.success() {
        bail!("`{line}` exited with {status}");
    }
    Ok(())
}

/// Runs a command and returns its standard output, or `None` if it cannot start or fails.
/// For probes such as `trunk --version`, where absence is an answer, not an error.
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}
