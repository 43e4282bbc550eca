//! The tools the tasks need, each pinned here, and installed when missing.
//!
//! Every check is cheap when the tool is already there, so each task can
//! call [`Tools`] first. Every tool is pinned to an exact version:
//! - Trunk and cargo-deny: the constants below (`cargo install --locked
//!   --version`);
//! - wasm-bindgen-cli: the `wasm-bindgen` version in `Cargo.lock` (the CLI
//!   must equal the crate);
//! - the npm packages: exact versions in `tests/e2e/package.json`, installed
//!   by `npm ci` from `tests/e2e/package-lock.json`, which also records each
//!   package's hash (binaryen ships the `wasm-opt` Trunk uses;
//!   [`WASM_OPT_VERSION`] checks it);
//! - Chromium and ChromeDriver: not pinned here. They are Debian packages,
//!   so the Debian release (its security updates included) decides the
//!   version; `apt-get install` checks them against the release's signed
//!   package index. [`Tools::chromium`] prints both versions, so every
//!   test log records the browser that ran, and fails when the browser and
//!   the driver differ.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

use crate::cmd::{self, root};

/// Trunk 0.22 needs a newer rustc than the workspace's 1.95.
pub const TRUNK_VERSION: &str = "0.21.14";
/// cargo-deny, for the `deny` step: licenses, bans and sources (deny.toml).
pub const CARGO_DENY_VERSION: &str = "0.20.2";
/// Must match `[tools] wasm_opt` in Trunk.toml and `binaryen` in tests/e2e/package.json.
/// Debian's binaryen 108 corrupts modules from current Rust; 132 does not.
pub const WASM_OPT_VERSION: &str = "132";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian packages that provide [`CHROMIUM`] and [`CHROMEDRIVER`]; the
/// Debian release pins their version (see the module docs).
const CHROMIUM_PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];
/// `cargo install` with fat LTO and one codegen unit takes about twenty
/// minutes on two cores; these settings bring it down to a few.
const INSTALL_ENV: [(&str, &str); 2] = [
    ("CARGO_PROFILE_RELEASE_LTO", "false"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
];

/// The end-to-end test folder, which also holds the npm packages.
pub fn e2e_dir() -> PathBuf {
    root().join("tests").join("e2e")
}

/// PATH with the npm binaries first (so Trunk finds binaryen's `wasm-opt`,
/// not Debian's) and cargo's install folder next (so a tool installed a
/// moment ago is found even where that folder is not on PATH).
pub fn tool_path() -> Result<OsString> {
    let mut dirs = vec![
        e2e_dir().join("node_modules").join(".bin"),
        cargo_home().join("bin"),
    ];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).context("Failed to build PATH for the tools")
}

/// A command that sees [`tool_path`] as its PATH (and finds its program there).
pub fn tool(name: &str) -> Result<Command> {
    let mut command = cmd::program(name);
    command.env("PATH", tool_path()?);
    Ok(command)
}

fn cargo_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home);
    }
    let home = std::env::var_os("HOME").unwrap_or_default();
    Path::new(&home).join(".cargo")
}

/// Which tools have been checked in this run, so each is checked once.
#[derive(Default)]
pub struct Tools {
    wasm_target: bool,
    trunk: bool,
    cargo_deny: bool,
    wasm_bindgen: bool,
    npm: bool,
    chromium: bool,
}

impl Tools {
    /// Everything `trunk build` and `trunk serve` need.
    pub fn for_trunk(&mut self) -> Result<()> {
        self.wasm_target()?;
        self.trunk()?;
        self.wasm_bindgen()?;
        self.npm()
    }

    /// Everything the end-to-end tests need.
    pub fn for_e2e(&mut self) -> Result<()> {
        self.npm()?;
        self.chromium()
    }

    pub fn wasm_target(&mut self) -> Result<()> {
        if self.wasm_target {
            return Ok(());
        }
        cmd::step(&format!("ensure rust target {WASM_TARGET}"), || {
            let installed =
                cmd::probe(cmd::program("rustup").args(["target", "list", "--installed"]))
                    .context("`rustup target list --installed` failed: is rustup installed?")?;
            if installed.lines().any(|line| line.trim() == WASM_TARGET) {
                println!("    present");
                return Ok(());
            }
            cmd::run(cmd::program("rustup").args(["target", "add", WASM_TARGET]))
        })?;
        self.wasm_target = true;
        Ok(())
    }

    pub fn trunk(&mut self) -> Result<()> {
        if self.trunk {
            return Ok(());
        }
        cmd::step(&format!("ensure trunk {TRUNK_VERSION}"), || {
            ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, &["--locked"])
        })?;
        self.trunk = true;
        Ok(())
    }

    pub fn cargo_deny(&mut self) -> Result<()> {
        if self.cargo_deny {
            return Ok(());
        }
        cmd::step(&format!("ensure cargo-deny {CARGO_DENY_VERSION}"), || {
            ensure_cargo_tool(
                "cargo-deny",
                "cargo-deny",
                CARGO_DENY_VERSION,
                &["--locked"],
            )
        })?;
        self.cargo_deny = true;
        Ok(())
    }

    pub fn wasm_bindgen(&mut self) -> Result<()> {
        if self.wasm_bindgen {
            return Ok(());
        }
        let version = locked_version("wasm-bindgen")?;
        // Not `--locked`: one dependency in wasm-bindgen-cli's own lockfile is
        // missing from the registry here; the version pin is what matters.
        cmd::step(
            &format!("ensure wasm-bindgen-cli {version} (the wasm-bindgen version in Cargo.lock)"),
            || ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &version, &[]),
        )?;
        self.wasm_bindgen = true;
        Ok(())
    }

    /// `npm ci` in tests/e2e when its packages are missing or older than the lockfile,
    /// then checks that binaryen's `wasm-opt` is the one first on the tools' PATH.
    pub fn npm(&mut self) -> Result<()> {
        if self.npm {
            return Ok(());
        }
        cmd::step(
            "ensure npm packages in tests/e2e (Playwright, axe-core, binaryen)",
            || {
                if cmd::probe(cmd::program("npm").arg("--version")).is_none() {
                    bail!(
                        "npm was not found: install Node.js 20 or newer with npm (Debian: `apt-get install -y nodejs npm`)"
                    );
                }
                let dir = e2e_dir();
                let lock = dir.join("package-lock.json");
                let installed = dir.join("node_modules").join(".package-lock.json");
                if newer_or_missing(&lock, &installed)? {
                    cmd::run(
                        cmd::program("npm")
                            .args(["ci", "--no-audit", "--no-fund"])
                            .current_dir(&dir),
                    )?;
                } else {
                    println!("    node_modules is up to date with package-lock.json");
                }
                let version = cmd::probe(tool("wasm-opt")?.arg("--version")).unwrap_or_default();
                if !version
                    .split_whitespace()
                    .any(|word| word == WASM_OPT_VERSION)
                {
                    bail!(
                        "`wasm-opt --version` printed {:?}, not version {WASM_OPT_VERSION}: \
                     binaryen in tests/e2e/package.json should provide it; run `npm ci` in tests/e2e",
                        version.trim()
                    );
                }
                println!("    {}", version.trim());
                Ok(())
            },
        )?;
        self.npm = true;
        Ok(())
    }

    pub fn chromium(&mut self) -> Result<()> {
        if self.chromium {
            return Ok(());
        }
        cmd::step("ensure Chromium and ChromeDriver (Debian packages)", || {
            if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
                println!("    present: {CHROMIUM}, {CHROMEDRIVER}");
                return record_browser_versions();
            }
            let uid = cmd::probe(cmd::program("id").arg("-u")).unwrap_or_default();
            if uid.trim() != "0" {
                bail!(
                    "{CHROMIUM} or {CHROMEDRIVER} is missing; install them as root with \
                     `apt-get update && apt-get install -y {}`",
                    CHROMIUM_PACKAGES.join(" ")
                );
            }
            cmd::run(cmd::program("apt-get").arg("update"))?;
            cmd::run(
                cmd::program("apt-get")
                    .args(["install", "-y"])
                    .args(CHROMIUM_PACKAGES),
            )?;
            for path in [CHROMIUM, CHROMEDRIVER] {
                if !Path::new(path).exists() {
                    bail!(
                        "{path} is still missing after installing {}",
                        CHROMIUM_PACKAGES.join(" ")
                    );
                }
            }
            record_browser_versions()
        })?;
        self.chromium = true;
        Ok(())
    }
}

/// Prints the versions of Chromium and ChromeDriver, so that every test log
/// records the browser the tests ran in (apt, not this file, picks it), and
/// checks that the two are the same build: a driver for another version
/// fails in confusing ways.
fn record_browser_versions() -> Result<()> {
    let version_of = |path: &str| -> Result<String> {
        let printed = cmd::probe(cmd::program(path).arg("--version")).unwrap_or_default();
        // `Chromium 156.0.8078.108 built on …`, `ChromeDriver 156.0.8078.108 (…)`
        printed
            .split_whitespace()
            .nth(1)
            .filter(|v| v.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .with_context(|| {
                format!(
                    "`{path} --version` printed {:?}, which names no version",
                    printed.trim()
                )
            })
    };
    let browser = version_of(CHROMIUM)?;
    let driver = version_of(CHROMEDRIVER)?;
    println!("    Chromium {browser}, ChromeDriver {driver}");
    if browser != driver {
        bail!(
            "Chromium is {browser} but ChromeDriver is {driver}; install both from the same Debian release: \
             `apt-get install -y {}`",
            CHROMIUM_PACKAGES.join(" ")
        );
    }
    Ok(())
}

/// Installs `package` at exactly `version` with `cargo install` unless
/// `binary --version` already names that version.
fn ensure_cargo_tool(binary: &str, package: &str, version: &str, extra: &[&str]) -> Result<()> {
    let found = cmd::probe(tool(binary)?.arg("--version")).unwrap_or_default();
    // `trunk 0.21.14`, `wasm-bindgen 0.2.130`, `cargo-deny 0.20.2`: the
    // second word is the version.
    if found.split_whitespace().nth(1) == Some(version) {
        println!("    present: {}", found.trim());
        return Ok(());
    }
    if found.is_empty() {
        println!("    {binary} not found; installing {package} {version}");
    } else {
        println!(
            "    found {}, want {version}; installing {package} {version}",
            found.trim()
        );
    }
    let mut install = cmd::cargo();
    install
        .args(["install", package, "--version", version])
        .args(extra)
        .envs(INSTALL_ENV);
    cmd::run(&mut install)?;
    let found = cmd::probe(tool(binary)?.arg("--version")).unwrap_or_default();
    if found.split_whitespace().nth(1) != Some(version) {
        bail!(
            "installed {package} {version}, but `{binary} --version` prints {:?}",
            found.trim()
        );
    }
    Ok(())
}

/// The version of `package` recorded in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    let path = root().join("Cargo.lock");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("Failed to read {}", path.display()))?;
    locked_version_in(&text, package).with_context(|| {
        format!("Cargo.lock has no package `{package}`: run `cargo generate-lockfile` or build the app once")
    })
}

/// Finds `name = "package"` in a `[[package]]` table and returns its `version`.
fn locked_version_in(lock: &str, package: &str) -> Option<String> {
    let wanted = format!("name = \"{package}\"");
    lock.split("[[package]]")
        .find(|table| table.lines().any(|line| line.trim() == wanted))?
        .lines()
        .find_map(|line| line.trim().strip_prefix("version = \"")?.strip_suffix('"'))
        .map(str::to_string)
}

/// True if `installed` is missing or older than `source`.
fn newer_or_missing(source: &Path, installed: &Path) -> Result<bool> {
    let modified = |path: &Path| -> Result<Option<SystemTime>> {
        match std::fs::metadata(path) {
            Ok(meta) => Ok(Some(meta.modified()?)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err).with_context(|| format!("Failed to read {}", path.display())),
        }
    };
    let Some(source_time) = modified(source)? else {
        bail!(
            "{} is missing: it pins the npm packages; restore it from git",
            source.display()
        );
    };
    Ok(match modified(installed)? {
        None => true,
        Some(installed_time) => installed_time < source_time,
    })
}

#[cfg(test)]
mod tests {
    use super::locked_version_in;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;

    #[test]
    fn finds_the_exact_package_not_a_prefix() {
        assert_eq!(
            locked_version_in(LOCK, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version_in(LOCK, "wasm-bindgen-futures"), None);
    }
}
