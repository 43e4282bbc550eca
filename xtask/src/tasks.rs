//! `serve`, `dist` and `test`.

use std::time::Instant;

use anyhow::{Result, bail};

use crate::cmd::{self, root};
use crate::tools::{self, Tools, WASM_TARGET};

/// Where `trunk serve` listens (from Trunk.toml's `[serve]`).
const SERVE_URL: &str = "http://127.0.0.1:8080/";

pub fn serve() -> Result<()> {
    let mut tools = Tools::default();
    tools.for_trunk()?;
    course_build()?;
    cmd::step(
        &format!("serve the app on {SERVE_URL} with trunk (Ctrl-C stops it)"),
        || {
            println!("    open {SERVE_URL}");
            cmd::run(tools::tool("trunk")?.arg("serve"))
        },
    )
}

/// Where Trunk writes the app (JS, wasm, CSS) for `rampart site build`.
pub const APP_DIST: &str = "target/app-dist";

/// `cargo xtask dist [--config FILE] [--out DIR] [--base PATH]`.
#[derive(Debug)]
pub struct DistOptions {
    pub config: String,
    pub out: String,
    pub base: Option<String>,
}

impl DistOptions {
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut options = DistOptions {
            config: "rampart.toml".to_string(),
            out: "dist".to_string(),
            base: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| match args.next() {
                Some(v) => Ok(v.clone()),
                None => bail!("`{name}` needs a value"),
            };
            match arg.as_str() {
                "--config" => options.config = value("--config")?,
                "--out" => options.out = value("--out")?,
                "--base" => options.base = Some(value("--base")?),
                other => bail!(
                    "`cargo xtask dist` does not know `{other}`; it takes --config FILE, --out DIR and --base PATH"
                ),
            }
        }
        Ok(options)
    }
}

pub fn dist(options: &DistOptions) -> Result<()> {
    let mut tools = Tools::default();
    tools.for_trunk()?;
    course_build()?;
    trunk_build()?;
    site_build(&options.config, &options.out, options.base.as_deref())?;
    println!(
        "==> done: the site is in {}",
        root().join(&options.out).display()
    );
    Ok(())
}

/// Where the SBOM is written before `rampart site build` copies it into the site.
const SBOM: &str = "target/sbom.cdx.json";

/// `rampart site build` from Trunk's output in [`APP_DIST`], with the SBOM
/// of what the site is built from.
pub fn site_build(config: &str, out: &str, base: Option<&str>) -> Result<()> {
    cmd::step(
        &format!("build the site from {config} into {out} (rampart site build, with {SBOM})"),
        || {
            crate::sbom::write_sbom(&root().join(SBOM))?;
            let mut args = vec![
                "site",
                "build",
                "--config",
                config,
                "--app",
                APP_DIST,
                "--out",
                out,
                "--include",
                SBOM,
            ];
            if let Some(base) = base {
                args.extend(["--base", base]);
            }
            rampart(&args)
        },
    )
}

/// `rampart course build`: writes build/course (copied into dist by Trunk)
/// and style/highlight.css.
pub fn course_build() -> Result<()> {
    cmd::step("build the course bundle (rampart course build)", || {
        rampart(&["course", "build"])
    })
}

/// `rampart ARGS`, built from this workspace (`cargo run -p rampart-cli`).
fn rampart(args: &[&str]) -> Result<()> {
    cmd::run(
        cmd::cargo()
            .args(["run", "--quiet", "-p", "rampart-cli", "--"])
            .args(args),
    )
}

pub fn trunk_build() -> Result<()> {
    cmd::step(
        &format!("build the app for release (trunk build --release --dist {APP_DIST})"),
        || cmd::run(tools::tool("trunk")?.args(["build", "--release", "--dist", APP_DIST])),
    )
}

/// One step of `cargo xtask test`.
struct Step {
    /// The name `--only` takes.
    name: &'static str,
    what: &'static str,
    run: fn(&mut Tools) -> Result<()>,
}

const STEPS: &[Step] = &[
    Step {
        name: "fmt",
        what: "check formatting (cargo fmt --all --check)",
        run: |_| cargo(&["fmt", "--all", "--check"]),
    },
    Step {
        name: "clippy",
        what: "lint natively (cargo clippy --workspace --all-targets -- -D warnings)",
        run: |_| {
            cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
        },
    },
    Step {
        name: "deny",
        what: "check licenses, bans and sources of every dependency (cargo deny check, deny.toml)",
        run: |tools| {
            tools.cargo_deny()?;
            println!(
                "    advisories not checked here: that needs the network (the RustSec advisory database); \
                 run `cargo deny check advisories` online"
            );
            let mut deny = cmd::cargo();
            deny.env("PATH", tools::tool_path()?).args(DENY_ARGS);
            cmd::run(&mut deny)
        },
    },
    Step {
        name: "clippy-wasm",
        what: "lint the app for wasm (cargo clippy -p rampart-app --target wasm32-unknown-unknown -- -D warnings)",
        run: |tools| {
            tools.wasm_target()?;
            cargo(&[
                "clippy",
                "-p",
                "rampart-app",
                "--target",
                WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ])
        },
    },
    Step {
        name: "test",
        what: "run the native tests (cargo test --workspace --no-fail-fast)",
        run: |_| cargo(&["test", "--workspace", "--no-fail-fast"]),
    },
    Step {
        name: "check-wasm",
        what: "check the wasm-safe crates build for wasm (cargo check --target wasm32-unknown-unknown)",
        run: |tools| {
            tools.wasm_target()?;
            cargo(&[
                "check",
                "--target",
                WASM_TARGET,
                "-p",
                "rampart-course",
                "-p",
                "rampart-grade",
                "-p",
                "rampart-cvm",
            ])
        },
    },
    Step {
        name: "course-check",
        what: "check the course content (rampart course check)",
        run: |_| rampart(&["course", "check"]),
    },
    Step {
        name: "course-build",
        what: "build the course bundle (rampart course build)",
        run: |_| rampart(&["course", "build"]),
    },
    Step {
        name: "dist",
        what: "build the app for release and the site from rampart.toml into dist/ (trunk build --release, rampart site build)",
        run: |tools| {
            tools.for_trunk()?;
            trunk_build()?;
            site_build("rampart.toml", "dist", None)
        },
    },
    Step {
        name: "e2e-sites",
        what: "build what the browser tests host besides dist/: a university's site under /northbridge/, two versions of a site under /update/, SCORM 1.2 and 2004 packages",
        run: |_| {
            site_build(
                "tests/fixtures/custom-course/rampart.toml",
                "target/e2e-sites/northbridge",
                None,
            )?;
            site_build(
                "rampart.toml",
                "target/e2e-sites/update-v1",
                Some("/update/"),
            )?;
            site_build(
                "tests/fixtures/update/rampart.toml",
                "target/e2e-sites/update-v2",
                None,
            )?;
            let artifacts = tools::e2e_dir().join(".artifacts");
            std::fs::create_dir_all(&artifacts)?;
            for (version, file) in [
                ("1.2", "rampart-scorm12.zip"),
                ("2004", "rampart-scorm2004.zip"),
            ] {
                let zip = artifacts.join(file).display().to_string();
                rampart(&[
                    "export",
                    "scorm",
                    "--site",
                    "dist",
                    "--track",
                    "supply-chain",
                    "--scorm",
                    version,
                    "--out",
                    &zip,
                ])?;
            }
            Ok(())
        },
    },
    Step {
        name: "e2e",
        what: "run the end-to-end tests in Chromium (playwright test)",
        run: |tools| {
            if !root().join("dist").join("index.html").is_file() {
                bail!("dist/index.html is missing: build the site first with `cargo xtask dist`");
            }
            tools.for_e2e()?;
            let mut playwright = tools::tool("playwright")?;
            playwright.arg("test").current_dir(tools::e2e_dir());
            cmd::run(&mut playwright)
        },
    },
    Step {
        name: "cert-cross",
        what: "verify with the CLI the certificate the browser issued in e2e (rampart cert verify)",
        run: |_| {
            let issued = tools::e2e_dir()
                .join(".artifacts")
                .join("browser-issued-credential.json");
            if !issued.is_file() {
                bail!(
                    "{} is missing: the e2e step writes it when it issues a certificate in the browser",
                    issued.display()
                );
            }
            let issued = issued.display().to_string();
            rampart(&["cert", "verify", &issued, "--course", "dist/course"])
        },
    },
];

/// `--offline` keeps cargo-deny's own `cargo metadata` from fetching
/// anything; licenses, bans and sources need only Cargo.lock and the crates'
/// manifests, which the build has already downloaded.
const DENY_ARGS: &[&str] = &["deny", "--offline", "check", "licenses", "bans", "sources"];

fn cargo(args: &[&str]) -> Result<()> {
    cmd::run(cmd::cargo().args(args))
}

#[derive(Debug, Default)]
pub struct TestOptions {
    skip_e2e: bool,
    only: Vec<String>,
}

impl TestOptions {
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut options = TestOptions::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--skip-e2e" => options.skip_e2e = true,
                "--only" => {
                    let Some(name) = args.next() else {
                        bail!("`--only` needs a step name; steps: {}", step_names())
                    };
                    options.only.push(name.clone());
                }
                other => match other.strip_prefix("--only=") {
                    Some(name) => options.only.push(name.to_string()),
                    None => bail!(
                        "`cargo xtask test` does not know `{other}`; it takes --skip-e2e and --only STEP"
                    ),
                },
            }
        }
        for name in &options.only {
            if !STEPS.iter().any(|step| step.name == name) {
                bail!("there is no step `{name}`; steps: {}", step_names())
            }
        }
        Ok(options)
    }

    fn wants(&self, step: &Step) -> bool {
        // cert-cross verifies what the e2e step issued, so it goes with it.
        if self.skip_e2e && matches!(step.name, "e2e" | "cert-cross") {
            return false;
        }
        self.only.is_empty() || self.only.iter().any(|name| name == step.name)
    }
}

fn step_names() -> String {
    STEPS
        .iter()
        .map(|step| step.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs the steps in order and stops at the first failure, so CI shows one clear red.
pub fn test(options: &TestOptions) -> Result<()> {
    let mut tools = Tools::default();
    let steps: Vec<&Step> = STEPS.iter().filter(|step| options.wants(step)).collect();
    for (i, step) in steps.iter().enumerate() {
        let what = format!("[{}/{}] {}: {}", i + 1, steps.len(), step.name, step.what);
        let start = Instant::now();
        cmd::step(&what, || (step.run)(&mut tools))?;
        println!(
            "    {} passed in {:.1} s",
            step.name,
            start.elapsed().as_secs_f64()
        );
    }
    let passed = match steps.len() {
        1 => "1 step passed".to_string(),
        n => format!("all {n} steps passed"),
    };
    let skipped: Vec<&str> = STEPS
        .iter()
        .filter(|step| !options.wants(step))
        .map(|step| step.name)
        .collect();
    if skipped.is_empty() {
        println!("==> {passed}");
    } else {
        println!("==> {passed}; skipped: {}", skipped.join(", "));
    }
    Ok(())
}
