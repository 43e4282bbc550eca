//! `rampart export scorm`: a built site as a SCORM package for an LMS
//! (Moodle, Canvas, Blackboard…), so a university can drop Rampart into a
//! course page and see each learner's completion and score.
//!
//! The package is the site as `rampart site build` wrote it, with:
//! - `imsmanifest.xml` at the root ([`imsmanifest`]), SCORM 1.2 or 2004;
//! - `index.html` rewritten: `<base href="./">`, because the LMS serves the
//!   package from a path nobody knows in advance (asset URLs that started
//!   with the old base become relative too), and the `rampart-site` data
//!   block with `lms` set (the app then looks for the LMS's API and reports
//!   to it), `offline: false` (no service worker inside an LMS) and, with
//!   `--track`, only that track;
//! - no `404.html` or `sw.js` (an LMS serves files, not routes, and a
//!   service worker registered under an LMS's path would outlive the
//!   course), and a `SHA256SUMS` regenerated for the package's own files.
//!
//! The zip is deterministic ([`zip`]): the same site gives the same bytes.

mod imsmanifest;
mod zip;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rampart_course::BundleManifest;
use rampart_course::site::{Lms, SITE_ELEMENT_ID, SiteInfo};
use sha2::{Digest, Sha256};

use crate::cli::{ExportCommand, ScormVersion};

/// Site files an LMS package leaves out.
const DROPPED: &[&str] = &["404.html", "sw.js"];
/// Written fresh for the package.
const SUMS: &str = "SHA256SUMS";
const MANIFEST: &str = "imsmanifest.xml";
/// Largest site read into memory (the whole site is a few megabytes).
const MAX_SITE_BYTES: u64 = 512 * 1024 * 1024;

pub fn export_command(command: ExportCommand) -> anyhow::Result<u8> {
    match command {
        ExportCommand::Scorm {
            site,
            track,
            scorm,
            out,
        } => {
            let lms = match scorm {
                ScormVersion::V1_2 => Lms::Scorm12,
                ScormVersion::V2004 => Lms::Scorm2004,
            };
            scorm_command(&site, track.as_deref(), lms, &out)
        }
    }
}

fn scorm_command(site: &Path, track: Option<&str>, lms: Lms, out: &Path) -> anyhow::Result<u8> {
    if let (Ok(site_abs), Some(Ok(out_dir))) = (
        site.canonicalize(),
        out.parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .map(Path::canonicalize),
    ) && out_dir.starts_with(&site_abs)
    {
        bail!(
            "--out {} is inside the site {}; write the package elsewhere, or the next export would pack it",
            out.display(),
            site.display()
        );
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        bail!(
            "--out {}: the folder {} does not exist; create it first",
            out.display(),
            parent.display()
        );
    }
    let package = package(site, track, lms)?;
    let bytes = zip::write(&package.entries)?;
    let tmp = out.with_extension("zip.partial");
    std::fs::write(&tmp, &bytes).with_context(|| format!("Failed to write {}", tmp.display()))?;
    std::fs::rename(&tmp, out).with_context(|| format!("Failed to write {}", out.display()))?;
    println!(
        "wrote {} ({}, {} files, {} bytes): {}",
        out.display(),
        match lms {
            Lms::Scorm12 => "SCORM 1.2",
            Lms::Scorm2004 => "SCORM 2004 4th Edition",
        },
        package.entries.len(),
        bytes.len(),
        package.title
    );
    Ok(0)
}

/// The package's files, sorted by path, and the item's title.
pub struct Package {
    entries: Vec<zip::Entry>,
    title: String,
}

fn package(dir: &Path, track: Option<&str>, lms: Lms) -> anyhow::Result<Package> {
    let shown = dir.display();
    if !dir.is_dir() {
        bail!(
            "{shown} is not a folder; pass the folder `rampart site build` wrote with --site DIR"
        );
    }
    let index_path = dir.join("index.html");
    let index = std::fs::read_to_string(&index_path).with_context(|| {
        format!("{shown} has no readable index.html; is it a site built by `rampart site build`?")
    })?;
    let manifest_path = dir.join("course/manifest.json");
    let manifest_text = std::fs::read_to_string(&manifest_path).with_context(|| {
        format!(
            "{shown} has no course/manifest.json: a site built by `rampart site build` carries the course bundle"
        )
    })?;
    let manifest: BundleManifest = serde_json::from_str(&manifest_text)
        .with_context(|| format!("{} is not a course manifest", manifest_path.display()))?;

    let mut page = IndexPage::parse(&index, &index_path)?;
    if let Some(id) = track {
        if manifest.track(id).is_none() {
            let known: Vec<&str> = manifest.tracks.iter().map(|t| t.id.as_str()).collect();
            bail!(
                "the course has no track `{id}`; its tracks are: {}",
                known.join(", ")
            );
        }
        page.site.tracks = Some(vec![id.to_string()]);
    }
    page.site.lms = Some(lms);
    page.site.offline = false;
    let title = match track.and_then(|id| manifest.track(id)) {
        Some(t) => format!("{}: {}", page.site.name, t.title),
        None => page.site.name.clone(),
    };

    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files, &mut 0)?;
    for dropped in DROPPED.iter().chain([&SUMS, &MANIFEST]) {
        files.remove(*dropped);
    }
    files.insert("index.html".to_string(), page.render()?.into_bytes());

    let mut sums = String::new();
    for (name, data) in &files {
        sums.push_str(&format!("{}  {name}\n", hex::encode(Sha256::digest(data))));
    }
    files.insert(SUMS.to_string(), sums.into_bytes());

    let listed: Vec<String> = files.keys().cloned().collect();
    let identifier = format!(
        "rampart-{}",
        track
            .unwrap_or("course")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            })
            .collect::<String>()
    );
    let xml = imsmanifest::render(
        lms,
        &imsmanifest::Package {
            identifier: &identifier,
            version: manifest.short_version(),
            organization: &page.site.name,
            item: &title,
            files: &listed,
        },
    );
    files.insert(MANIFEST.to_string(), xml.into_bytes());

    let entries = files
        .into_iter()
        .map(|(name, data)| zip::Entry { name, data })
        .collect();
    Ok(Package { entries, title })
}

/// Reads every regular file under `dir` into `files`, keyed by its path
/// relative to `root` with `/`. Symbolic links are refused: a package must
/// hold what it lists.
fn collect(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, Vec<u8>>,
    total: &mut u64,
) -> anyhow::Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("Failed to read {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        paths.push(
            entry
                .with_context(|| format!("Failed to read {}", dir.display()))?
                .path(),
        );
    }
    for path in paths {
        let meta = std::fs::symlink_metadata(&path)
            .with_context(|| format!("Failed to read {}", path.display()))?;
        if meta.is_dir() {
            collect(root, &path, files, total)?;
        } else if meta.is_file() {
            *total += meta.len();
            if *total > MAX_SITE_BYTES {
                bail!(
                    "the site is larger than {} MiB; is --site the built site?",
                    MAX_SITE_BYTES / 1024 / 1024
                );
            }
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let mut parts = Vec::new();
            for part in relative.components() {
                let part = part.as_os_str().to_str().with_context(|| {
                    format!("{} is not a UTF-8 path; rename it", path.display())
                })?;
                parts.push(part);
            }
            let data = std::fs::read(&path)
                .with_context(|| format!("Failed to read {}", path.display()))?;
            files.insert(parts.join("/"), data);
        } else {
            bail!(
                "{} is a symbolic link or special file; a package must hold real files",
                path.display()
            );
        }
    }
    Ok(())
}

/// `index.html` split around its two lines the export rewrites.
struct IndexPage {
    lines: Vec<String>,
    base_line: usize,
    site_line: usize,
    /// The deploy base path from `<base href="…">`.
    base: String,
    site: SiteInfo,
}

const BASE_OPEN: &str = "<base href=\"";
const BASE_CLOSE: &str = "\">";
const SITE_CLOSE: &str = "</script>";

fn site_open() -> String {
    format!("<script type=\"application/json\" id=\"{SITE_ELEMENT_ID}\">")
}

impl IndexPage {
    fn parse(text: &str, path: &Path) -> anyhow::Result<IndexPage> {
        let shown = path.display();
        let open = site_open();
        let mut base = None;
        let mut site = None;
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if let Some(href) = trimmed
                .strip_prefix(BASE_OPEN)
                .and_then(|rest| rest.strip_suffix(BASE_CLOSE))
            {
                if base.is_some() {
                    bail!("{shown}:{}: a second <base> tag; a page has one", i + 1);
                }
                base = Some((i, href.to_string()));
            } else if let Some(json) = trimmed
                .strip_prefix(open.as_str())
                .and_then(|rest| rest.strip_suffix(SITE_CLOSE))
            {
                if site.is_some() {
                    bail!("{shown}:{}: a second rampart-site data block", i + 1);
                }
                let info: SiteInfo = serde_json::from_str(json).with_context(|| {
                    format!(
                        "{shown}:{}: the rampart-site data block is not valid site settings",
                        i + 1
                    )
                })?;
                site = Some((i, info));
            }
        }
        let Some((base_line, base)) = base else {
            bail!(
                "{shown} has no line `<base href=\"/path/\">`; is it a site built by `rampart site build`?"
            );
        };
        let Some((site_line, site)) = site else {
            bail!(
                "{shown} has no line `{open}{{…}}{SITE_CLOSE}`; is it a site built by `rampart site build`?"
            );
        };
        Ok(IndexPage {
            lines: text.lines().map(str::to_string).collect(),
            base_line,
            site_line,
            base,
            site,
        })
    }

    fn render(&self) -> anyhow::Result<String> {
        let json = serde_json::to_string(&self.site)
            .context("the site settings could not be serialised")?
            // A data block ends at the first `</script`; JSON may spell `<` this way.
            .replace('<', "\\u003c");
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            let indent = &line[..line.len() - line.trim_start().len()];
            if i == self.base_line {
                out.push_str(&format!("{indent}{BASE_OPEN}./{BASE_CLOSE}"));
            } else if i == self.site_line {
                out.push_str(&format!("{indent}{}{json}{SITE_CLOSE}", site_open()));
            } else {
                out.push_str(&relative_urls(line, &self.base));
            }
            out.push('\n');
        }
        Ok(out)
    }
}

/// Makes URLs that start with the old absolute `base` relative, in quoted
/// or unquoted attribute values and in module imports (`'…'`, `"…"`):
/// `src="/course/app.js"` becomes `src="./app.js"` under base `/course/`, and
/// resolves against the new `<base href="./">`. `//host` URLs are left alone.
fn relative_urls(line: &str, base: &str) -> String {
    if !base.starts_with('/') || !base.ends_with('/') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(base) {
        let (before, after) = rest.split_at(at);
        let after_base = &after[base.len()..];
        let opens_value = before.ends_with(['"', '\'', '=']);
        let protocol_relative = base == "/" && after_base.starts_with('/');
        out.push_str(before);
        // `./`, not nothing: a module specifier must start with `./` or `/`.
        out.push_str(if opens_value && !protocol_relative {
            "./"
        } else {
            base
        });
        rest = after_base;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::relative_urls;

    #[test]
    fn absolute_asset_urls_become_relative() {
        assert_eq!(
            relative_urls(r#"<link href="/c/main.css"><script src='/c/a.js'>"#, "/c/"),
            r#"<link href="./main.css"><script src='./a.js'>"#
        );
        assert_eq!(
            relative_urls(
                "import init from '/app.js'; <a href=/x>//cdn <a href=\"//h/x\">",
                "/"
            ),
            "import init from './app.js'; <a href=./x>//cdn <a href=\"//h/x\">"
        );
        // Text that merely contains the path is kept.
        assert_eq!(relative_urls("see /c/ docs", "/c/"), "see /c/ docs");
    }
}
