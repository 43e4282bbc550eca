//! `cargo xtask bench`: what the site costs to download, how long the
//! course build takes, how long grading each c exercise takes (natively and
//! in Chromium), how long verifying a full track's certificate takes in
//! Chromium (re-grading every answer), and the crates' own benchmarks.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::cmd::{self, root, target_dir};
use crate::tasks;
use crate::tools::{self, Tools};

/// Brotli at its best: what a static host serving precompressed files ships.
const BROTLI_QUALITY: i32 = 11;
const BROTLI_WINDOW: i32 = 22;
const COURSE_BUILD_RUNS: usize = 5;

pub fn bench() -> Result<()> {
    let dist = root().join("dist");
    if !dist.join("index.html").is_file() {
        println!("==> dist/ is missing; building it first");
        let mut tools = Tools::default();
        tools.for_trunk()?;
        tasks::course_build()?;
        tasks::trunk_build()?;
        tasks::site_build("rampart.toml", "dist", None)?;
    }
    cmd::step(
        "measure shipped sizes in dist/ (wasm, JS, CSS; brotli quality 11)",
        || sizes(&dist),
    )?;
    cmd::step(
        &format!("time `rampart course build` (best of {COURSE_BUILD_RUNS}, release build)"),
        time_course_build,
    )?;
    cmd::step(
        "time grading every c exercise natively (solution with every case, and starter)",
        || {
            cmd::run(cmd::cargo().args([
                "run",
                "--quiet",
                "--release",
                "-p",
                "rampart-grade",
                "--example",
                "grade_times",
            ]))
        },
    )?;
    cmd::step(
        "time grading every c exercise, and verifying each track's certificate (re-grading included), in Chromium through the site's grading worker",
        || {
            let mut tools = Tools::default();
            tools.for_e2e()?;
            let mut node = std::process::Command::new("node");
            node.arg("bench/grading.mjs")
                .current_dir(tools::e2e_dir())
                .env("PATH", tools::tool_path()?);
            cmd::run(&mut node)
        },
    )?;
    cmd::step(
        "run the crates' benchmarks (cargo bench --workspace)",
        || {
            let with_benches = crates_with_benches()?;
            if with_benches.is_empty() {
                println!("    no crate has benches; skipped");
                return Ok(());
            }
            println!("    crates with benches: {}", with_benches.join(", "));
            cmd::run(cmd::cargo().args(["bench", "--workspace"]))
        },
    )
}

fn sizes(dist: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect_files(dist, &mut files)?;
    files.retain(|path| {
        matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("wasm" | "js" | "css")
        )
    });
    files.sort();
    if files.is_empty() {
        bail!("dist/ has no .wasm, .js or .css files: rebuild it with `cargo xtask dist`");
    }
    let rows: Vec<(String, usize, usize)> = files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path)
                .with_context(|| format!("Failed to read {}", path.display()))?;
            let name = path
                .strip_prefix(dist)
                .unwrap_or(path)
                .display()
                .to_string();
            Ok((name, bytes.len(), brotli_len(&bytes)?))
        })
        .collect::<Result<_>>()?;
    let width = rows
        .iter()
        .map(|(name, ..)| name.len())
        .max()
        .unwrap_or(4)
        .max("total".len());
    println!("    {:<width$}  {:>12}  {:>12}", "file", "raw", "brotli");
    for (name, raw, brotli) in &rows {
        println!("    {name:<width$}  {:>12}  {:>12}", kb(*raw), kb(*brotli));
    }
    let raw: usize = rows.iter().map(|row| row.1).sum();
    let brotli: usize = rows.iter().map(|row| row.2).sum();
    println!(
        "    {:<width$}  {:>12}  {:>12}",
        "total",
        kb(raw),
        kb(brotli)
    );
    Ok(())
}

fn kb(bytes: usize) -> String {
    // Lossless for any file this project ships; the cast only feeds a display.
    #[allow(clippy::cast_precision_loss)]
    let kib = bytes as f64 / 1024.0;
    format!("{kib:.1} KiB")
}

fn brotli_len(bytes: &[u8]) -> Result<usize> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .context("brotli compression failed")?;
    Ok(out.len())
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("Failed to list {}", dir.display()))?
    {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// Builds `rampart` in release, then times `course build` into a scratch
/// folder, so the measurement leaves build/ and style/ alone.
fn time_course_build() -> Result<()> {
    cmd::run(cmd::cargo().args(["build", "--release", "--quiet", "-p", "rampart-cli"]))?;
    let binary = target_dir()
        .join("release")
        .join(format!("rampart{}", std::env::consts::EXE_SUFFIX));
    let scratch = target_dir().join("xtask-bench");
    let out = scratch.join("course");
    let css = scratch.join("highlight.css");
    let mut best = Duration::MAX;
    for run in 1..=COURSE_BUILD_RUNS {
        let mut build = cmd::program(&binary);
        build
            .args(["course", "build", "--out"])
            .arg(&out)
            .arg("--theme-css")
            .arg(&css);
        build.stdout(std::process::Stdio::null());
        let start = Instant::now();
        let status = build
            .status()
            .with_context(|| format!("could not start {}", binary.display()))?;
        let elapsed = start.elapsed();
        if !status.success() {
            bail!("`{}` exited with {status}", cmd::display(&build));
        }
        println!("    run {run}: {:.1} ms", elapsed.as_secs_f64() * 1000.0);
        best = best.min(elapsed);
    }
    println!("    best: {:.1} ms", best.as_secs_f64() * 1000.0);
    Ok(())
}

/// Member crates with a `benches/` folder or a `[[bench]]` table.
fn crates_with_benches() -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut dirs = vec![root().join("app"), root().join("xtask")];
    for entry in std::fs::read_dir(root().join("crates")).context("Failed to list crates/")? {
        dirs.push(entry?.path());
    }
    for dir in dirs {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        if dir.join("benches").is_dir() || manifest.contains("[[bench]]") {
            found.push(
                dir.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    found.sort();
    Ok(found)
}
