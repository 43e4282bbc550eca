//! `rampart site build`: reads the settings, builds, prints a summary.

use std::path::{Path, PathBuf};

use crate::site::{self, SiteConfig, config::check_base};

pub fn build(
    config: Option<&Path>,
    course: &Path,
    app: PathBuf,
    out: PathBuf,
    base: Option<String>,
    include: Vec<PathBuf>,
) -> anyhow::Result<u8> {
    let started = std::time::Instant::now();
    let mut config = match config {
        Some(path) => SiteConfig::load(path)?,
        None => SiteConfig::defaults(course),
    };
    if let Some(base) = base {
        check_base(&base).map_err(|m| anyhow::anyhow!("--base: {m}"))?;
        config.base = base;
    }
    let built = site::build(&site::Options {
        app,
        out: out.clone(),
        config: config.clone(),
        include,
    })?;
    println!(
        "built the site \"{}\" (course {}) into {}: {} files, {:.1} MiB, in {} ms",
        config.name,
        built.course_version,
        out.display(),
        built.files,
        built.bytes as f64 / (1024.0 * 1024.0),
        started.elapsed().as_millis()
    );
    println!("serve it at the path {} (see DEPLOY.md)", config.base);
    println!("Content-Security-Policy: {}", built.csp);
    Ok(0)
}
