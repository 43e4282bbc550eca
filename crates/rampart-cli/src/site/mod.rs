//! `rampart site build`: a static site a university can host anywhere.
//!
//! 1. [`config`] reads `rampart.toml` (name, logo, colours, contact, course
//!    folder, tracks, trust list, status list, base path).
//! 2. The course is loaded and checked; any problem stops the build before
//!    anything is written.
//! 3. The app (Trunk's release output: the app's JS and wasm, the worker's,
//!    the CSS) is copied with content-hashed names, the worker loader is
//!    rewritten to load hashed files and check the wasm's integrity.
//! 4. [`page`] writes `index.html` (and `404.html` for hosts that answer deep
//!    links with it): a strict Content-Security-Policy, Subresource Integrity
//!    on every script and style, no inline script; the site settings travel
//!    in a JSON data block.
//! 5. `sw.js` (the service worker, for offline use) lists every file to
//!    cache; `SHA256SUMS` lists every file's hash (`sha256sum -c` checks it).
//!
//! The site is built in a sibling folder and moved into place at the end, so
//! a failed build never leaves half a site, and `--out` is only replaced if
//! it is empty or a site built before.

pub mod config;
mod page;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rampart_course::bundle;
use rampart_course::site::SiteInfo;
use sha2::{Digest, Sha256, Sha384};

pub use config::SiteConfig;

/// The file that marks a folder as a built site (and lists its hashes).
pub const SUMS: &str = "SHA256SUMS";
/// The worker's entry point, which the app starts by this fixed name.
pub const WORKER_LOADER: &str = "rampart-worker_loader.js";
const SERVICE_WORKER: &str = "sw.js";
const SW_TEMPLATE: &str = include_str!("sw.js");

/// What `rampart site build` needs.
pub struct Options {
    /// Trunk's release output (`trunk build --release --dist DIR`).
    pub app: PathBuf,
    pub out: PathBuf,
    pub config: SiteConfig,
    /// Extra files copied to the site's root as they are (e.g. the SBOM).
    pub include: Vec<PathBuf>,
}

/// What was built, for the summary line.
#[derive(Debug)]
pub struct Built {
    pub files: usize,
    pub bytes: u64,
    pub course_version: String,
    pub csp: String,
}

pub fn build(options: &Options) -> anyhow::Result<Built> {
    let config = &options.config;
    let course = load_course(config)?;
    crate::course::warn_unfinished(&course);
    let app = AppFiles::find(&options.app)?;

    let staging = sibling(&options.out, "partial")?;
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .with_context(|| format!("cannot remove the leftover {}", staging.display()))?;
    }
    std::fs::create_dir_all(&staging)
        .with_context(|| format!("cannot create {}", staging.display()))?;
    let mut site = Site {
        root: staging.clone(),
        files: BTreeMap::new(),
    };

    // The course bundle.
    let (manifest, files) = bundle::build(&course);
    for file in &files {
        site.put(&format!("course/{}", file.path), &file.bytes)?;
    }

    // The app, hashed where Trunk did not hash.
    let mut styles = Vec::new();
    for css in &app.styles {
        styles.push(site.copy(&options.app.join(css), css)?);
    }
    let app_js = site.copy(&options.app.join(&app.js), &app.js)?;
    let app_wasm = site.copy(&options.app.join(&app.wasm), &app.wasm)?;
    let worker_js = site.put_hashed(
        "rampart-worker",
        ".js",
        &read(&options.app.join("rampart-worker.js"))?,
    )?;
    let worker_wasm = site.put_hashed(
        "rampart-worker",
        "_bg.wasm",
        &read(&options.app.join("rampart-worker_bg.wasm"))?,
    )?;
    let loader = format!(
        "// Starts Rampart's grading worker; written by `rampart site build`.\n\
         importScripts({js:?});\n\
         wasm_bindgen({{ module_or_path: fetch({wasm:?}, {{ integrity: {sri:?} }}) }});\n",
        js = format!("./{}", worker_js.name),
        wasm = format!("./{}", worker_wasm.name),
        sri = worker_wasm.sri,
    );
    site.put(WORKER_LOADER, loader.as_bytes())?;
    if let Some(css) = page::theme_css(&config.theme) {
        styles.push(site.put_hashed("theme", ".css", css.as_bytes())?);
    }
    let logo = match &config.logo {
        Some(path) => {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("svg");
            Some(site.put_hashed(
                "logo",
                &format!(".{}", ext.to_ascii_lowercase()),
                &read(path)?,
            )?)
        }
        None => None,
    };

    // Certificates: the trust list and the course versions the verifier knows.
    let trust = serde_json::to_string_pretty(&config.trust)?;
    site.put("issuers.json", trust.as_bytes())?;
    let versions = serde_json::to_string_pretty(&config.known_versions)?;
    site.put("course-versions.json", versions.as_bytes())?;

    let info = SiteInfo {
        name: config.name.clone(),
        logo: logo.as_ref().map(|l| l.name.clone()),
        contact: config.contact.clone(),
        tracks: config.tracks.as_ref().map(|t| t.0.clone()),
        status_list: config.status_list.clone(),
        lms: None,
        offline: true,
    };
    let boot = page::boot_js(&app_js.name, &app_wasm.name, &app_wasm.sri);
    let boot = site.put_hashed("boot", ".js", boot.as_bytes())?;
    let csp = page::csp(config.connect.as_deref());
    let html = page::index_html(&page::Page {
        csp: &csp,
        base: &config.base,
        info: &info,
        styles: &styles,
        app_js: &app_js,
        boot: &boot,
        logo: logo.as_ref(),
    });
    site.put("index.html", html.as_bytes())?;
    site.put("404.html", html.as_bytes())?;

    for path in &options.include {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .with_context(|| format!("{} has no file name", path.display()))?;
        if site.files.contains_key(name) {
            bail!(
                "--include {}: the site already has a file named {name}",
                path.display()
            );
        }
        site.put(name, &read(path)?)?;
    }

    // The service worker caches everything a visit can need.
    let precache: Vec<&str> = site
        .files
        .keys()
        .map(String::as_str)
        .filter(|p| !matches!(*p, "404.html") && !p.ends_with(".cdx.json"))
        .collect();
    // Any change to any cached file changes the worker, so browsers install it.
    let version = {
        let mut h = Sha256::new();
        for path in &precache {
            h.update(path.as_bytes());
            h.update(site.files[*path].sha256);
        }
        hex::encode(h.finalize())[..16].to_string()
    };
    let sw = SW_TEMPLATE
        .replace("__VERSION__", &version)
        .replace("__PRECACHE__", &serde_json::to_string(&precache)?);
    site.put(SERVICE_WORKER, sw.as_bytes())?;

    // Every file's hash, in `sha256sum` format.
    let mut sums = String::new();
    for (path, file) in &site.files {
        sums.push_str(&format!("{}  {path}\n", hex::encode(file.sha256)));
    }
    std::fs::write(staging.join(SUMS), &sums)?;
    let files = site.files.len() + 1;
    let bytes = site.files.values().map(|f| f.size).sum::<u64>() + sums.len() as u64;

    replace_out(&options.out, &staging)?;
    Ok(Built {
        files,
        bytes,
        course_version: manifest.short_version().to_string(),
        csp,
    })
}

fn load_course(config: &SiteConfig) -> anyhow::Result<rampart_course::Course> {
    let (course, mut problems) =
        crate::course::load_checked(&config.course_dir, config.course_base.as_deref())?;
    if let Some((tracks, line)) = &config.tracks {
        let file = config
            .file
            .as_ref()
            .map_or_else(|| "rampart.toml".to_string(), |f| f.display().to_string());
        for id in tracks {
            if !course.tracks.iter().any(|t| &t.id == id) {
                let known: Vec<&str> = course.tracks.iter().map(|t| t.id.as_str()).collect();
                problems.push(rampart_course::Problem::new(
                    file.clone(),
                    Some(u32::try_from(*line).unwrap_or(0)),
                    format!(
                        "course.tracks names {id:?}, which the course does not have; it has {}",
                        known.join(", ")
                    ),
                ));
            }
        }
        if tracks.is_empty() {
            problems.push(rampart_course::Problem::new(
                file,
                Some(u32::try_from(*line).unwrap_or(0)),
                "course.tracks is empty: list at least one track",
            ));
        }
    }
    if !problems.is_empty() {
        problems.sort();
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        bail!(
            "{}\nthe course has {} problem(s); nothing was written. `rampart course check` also runs every exercise's starter and solution.",
            list.join("\n"),
            problems.len()
        );
    }
    Ok(course)
}

/// The files of Trunk's release output that the site is made of.
struct AppFiles {
    js: String,
    wasm: String,
    /// In the order Trunk's index.html links them (later ones override).
    styles: Vec<String>,
}

impl AppFiles {
    fn find(dir: &Path) -> anyhow::Result<Self> {
        let index = std::fs::read_to_string(dir.join("index.html")).with_context(|| {
            format!(
                "{} has no index.html: build the app first (`cargo xtask dist` does, or `trunk build --release --dist {}`)",
                dir.display(),
                dir.display()
            )
        })?;
        let mut names: Vec<String> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        let one = |pred: &dyn Fn(&str) -> bool, what: &str| -> anyhow::Result<String> {
            let found: Vec<&String> = names.iter().filter(|n| pred(n)).collect();
            match found.as_slice() {
                [one] => Ok((*one).clone()),
                [] => bail!(
                    "{} has no {what}: is it Trunk's release output?",
                    dir.display()
                ),
                _ => bail!(
                    "{} has several {what}s ({found:?}): build into an empty folder",
                    dir.display()
                ),
            }
        };
        let js = one(
            &|n| n.starts_with("rampart-app-") && n.ends_with(".js"),
            "rampart-app-<hash>.js",
        )?;
        let wasm = one(
            &|n| n.starts_with("rampart-app-") && n.ends_with("_bg.wasm"),
            "rampart-app-<hash>_bg.wasm",
        )?;
        for worker in ["rampart-worker.js", "rampart-worker_bg.wasm"] {
            if !names.iter().any(|n| n == worker) {
                bail!(
                    "{} has no {worker}: is it Trunk's release output?",
                    dir.display()
                );
            }
        }
        // Stylesheets in link order: each `….css` that index.html names.
        let mut styles = Vec::new();
        for part in index.split(".css").take(index.matches(".css").count()) {
            let start = part.rfind(['/', '=', '"', '\'']).map_or(0, |i| i + 1);
            let name = format!("{}.css", &part[start..]);
            if names.contains(&name) && !styles.contains(&name) {
                styles.push(name);
            }
        }
        if styles.is_empty() {
            bail!(
                "{}/index.html links no stylesheet: is it Trunk's release output?",
                dir.display()
            );
        }
        Ok(AppFiles { js, wasm, styles })
    }
}

/// A file written into the site.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the site root.
    pub name: String,
    /// `sha384-…` for the `integrity` attribute.
    pub sri: String,
}

struct Site {
    root: PathBuf,
    /// Path relative to the root → what was written there.
    files: BTreeMap<String, Written>,
}

/// A file's size and SHA-256, kept when it is written so nothing is read back.
struct Written {
    size: u64,
    sha256: [u8; 32],
}

impl Site {
    fn put(&mut self, name: &str, bytes: &[u8]) -> anyhow::Result<Asset> {
        let path = self.root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        self.files.insert(
            name.to_string(),
            Written {
                size: bytes.len() as u64,
                sha256: Sha256::digest(bytes).into(),
            },
        );
        Ok(Asset {
            name: name.to_string(),
            sri: sri(bytes),
        })
    }

    /// Writes `stem-<hash>suffix`, the hash being the content's (so a changed
    /// file always has a new name and can be cached forever).
    fn put_hashed(&mut self, stem: &str, suffix: &str, bytes: &[u8]) -> anyhow::Result<Asset> {
        let hash = &hex::encode(Sha256::digest(bytes))[..16];
        self.put(&format!("{stem}-{hash}{suffix}"), bytes)
    }

    fn copy(&mut self, from: &Path, name: &str) -> anyhow::Result<Asset> {
        self.put(name, &read(from)?)
    }
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Subresource Integrity value: `sha384-` and the standard base64 digest.
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(bytes)))
}

/// Standard base64 with padding (RFC 4648 section 4).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `out` with `.suffix` appended to its last component.
fn sibling(out: &Path, suffix: &str) -> anyhow::Result<PathBuf> {
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .with_context(|| format!("--out {} must name a folder", out.display()))?;
    Ok(out.with_file_name(format!("{name}.{suffix}")))
}

/// Moves the finished site into `out`, replacing only an earlier site.
fn replace_out(out: &Path, staging: &Path) -> anyhow::Result<()> {
    if out.exists() {
        let empty = out
            .read_dir()
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        let earlier_site = out.join("index.html").is_file()
            && (out.join(SUMS).is_file() || out.join("404.html").is_file());
        if !empty && !earlier_site {
            bail!(
                "{} is not empty and holds no site built before; refusing to replace it (the new site is in {})",
                out.display(),
                staging.display()
            );
        }
        std::fs::remove_dir_all(out)
            .with_context(|| format!("cannot remove the old {}", out.display()))?;
    }
    std::fs::rename(staging, out)
        .with_context(|| format!("cannot move {} to {}", staging.display(), out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn sri_is_the_sha384_of_the_bytes() {
        // `printf 'alert(1)' | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sri(b"alert(1)"),
            "sha384-HT2E9NfWiuQ/w1PRai+hTyqW16NIoCGA/m8VQDUopfAtcz6YQjtsMmQd5uRbVDpW"
        );
    }
}
