//! `cargo xtask`: the project's build, serve, test and bench tasks.
//!
//! 1. Every task first makes sure the tools it needs are present, at the
//!    versions pinned in [`tools`], installing what is missing.
//! 2. Then it runs its steps in order. Each step prints `==> what it does`;
//!    the first step that fails stops the task, and the error names it.
//!
//! Modules: [`cmd`] runs commands and steps, [`tools`] pins and installs
//! tools, [`tasks`] holds `serve`, `dist` and `test`, [`bench`] measures,
//! [`sbom`] writes the site's CycloneDX SBOM.

use std::process::ExitCode;

use anyhow::{Result, bail};

mod bench;
mod cmd;
mod sbom;
mod tasks;
mod tools;

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  serve              build the course bundle, then `trunk serve` on http://127.0.0.1:8080/
  dist [options]     build the app (`trunk build --release`) and the static site (`rampart
                     site build`): hashed names, SRI, CSP, service worker, SHA256SUMS
      --config FILE      the host's settings (default rampart.toml)
      --out DIR          where to write the site (default dist)
      --base PATH        serve from this URL path, e.g. /secure-coding/
  test [options]     everything CI runs, in order, stopping at the first failure
      --skip-e2e         leave out the end-to-end tests (and cert-cross, which needs them)
      --only STEP        run only this step (repeatable); steps:
                         fmt, clippy, deny, clippy-wasm, test, check-wasm, course-check,
                         course-build, dist, e2e-sites, e2e, cert-cross
  sbom [--out FILE]  write a CycloneDX 1.6 SBOM of what the site is built from
                     (default dist/sbom.cdx.json)
  bench              sizes of dist's wasm, JS and CSS (raw and brotli), the time of
                     `rampart course build`, then `cargo bench` where crates have benches
  help               this text
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(command) = args.next() else {
        eprint!("{USAGE}");
        bail!("no command given");
    };
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "serve" => no_options("serve", &rest).and_then(|()| tasks::serve()),
        "dist" => tasks::dist(&tasks::DistOptions::parse(&rest)?),
        "test" => tasks::test(&tasks::TestOptions::parse(&rest)?),
        "sbom" => sbom::command(&rest),
        "bench" => no_options("bench", &rest).and_then(|()| bench::bench()),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprint!("{USAGE}");
            bail!("unknown command `{other}`")
        }
    }
}

fn no_options(command: &str, rest: &[String]) -> Result<()> {
    match rest.first() {
        None => Ok(()),
        Some(arg) => bail!("`cargo xtask {command}` takes no options, but was given `{arg}`"),
    }
}
