//! Lockfiles: `Cargo.lock` (format versions 2, 3 and 4) and npm's
//! `package-lock.json` / `npm-shrinkwrap.json` (`lockfileVersion` 2 and 3).
//!
//! [`parse`] detects the format from the content (the file name is only a
//! hint) and reads every installed package with its version, source,
//! checksum and line. Files of other tools (a `yarn.lock`, a
//! `pnpm-lock.yaml`, a manifest such as `Cargo.toml` or `package.json`, an
//! npm v1 lockfile) get an [`InputError`] that says what the file looks like
//! and what Rampart reads instead.
//!
//! A package's `line` is the line of its `version` value: that is the line a
//! learner edits to upgrade it, and the line a finding about the installed
//! version should point at.

use base64::Engine;
use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue};

use crate::json::{self, Node};
use crate::{InputError, check_size};

/// A package registry, named as OSV and purl name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Ecosystem {
    CratesIo,
    Npm,
    PyPI,
}

impl Ecosystem {
    /// The OSV `affected[].package.ecosystem` value.
    pub fn osv_name(self) -> &'static str {
        match self {
            Ecosystem::CratesIo => "crates.io",
            Ecosystem::Npm => "npm",
            Ecosystem::PyPI => "PyPI",
        }
    }

    /// The purl `type`.
    pub fn purl_type(self) -> &'static str {
        match self {
            Ecosystem::CratesIo => "cargo",
            Ecosystem::Npm => "npm",
            Ecosystem::PyPI => "pypi",
        }
    }

    /// The ecosystem an OSV `ecosystem` value names, if Rampart knows it.
    pub fn from_osv_name(name: &str) -> Option<Ecosystem> {
        match name {
            "crates.io" => Some(Ecosystem::CratesIo),
            "npm" => Some(Ecosystem::Npm),
            "PyPI" => Some(Ecosystem::PyPI),
            _ => None,
        }
    }

    /// The name as the registry compares it: crates.io and npm names are
    /// compared exactly; PyPI names are normalised per PEP 503 (lowercase,
    /// runs of `-`, `_` and `.` become one `-`).
    pub fn normalize_name(self, name: &str) -> String {
        match self {
            Ecosystem::CratesIo | Ecosystem::Npm => name.to_string(),
            Ecosystem::PyPI => {
                let mut out = String::with_capacity(name.len());
                let mut in_sep = false;
                for c in name.chars() {
                    if matches!(c, '-' | '_' | '.') {
                        if !in_sep {
                            out.push('-');
                        }
                        in_sep = true;
                    } else {
                        out.extend(c.to_lowercase());
                        in_sep = false;
                    }
                }
                out
            }
        }
    }
}

/// A package checksum, named the way CycloneDX names hash algorithms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Checksum {
    /// "SHA-256", "SHA-384", "SHA-512" or "SHA-1".
    pub algorithm: String,
    /// Lowercase hex.
    pub hex: String,
}

/// One installed package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    pub name: String,
    pub version: String,
    pub ecosystem: Ecosystem,
    /// Cargo: the `checksum` (SHA-256 of the `.crate` file). npm: the
    /// strongest hash in `integrity`. `None` for path and git packages.
    pub checksum: Option<Checksum>,
    /// Cargo: the `source` (`registry+https://…`, `git+https://…`); `None`
    /// for the workspace's own and path packages. npm: the `resolved` URL.
    pub source: Option<String>,
    /// Line of the package's `version` value.
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LockfileKind {
    CargoLock,
    PackageLockV2,
    PackageLockV3,
}

impl LockfileKind {
    pub fn ecosystem(self) -> Ecosystem {
        match self {
            LockfileKind::CargoLock => Ecosystem::CratesIo,
            LockfileKind::PackageLockV2 | LockfileKind::PackageLockV3 => Ecosystem::Npm,
        }
    }

    /// "Cargo.lock" or "package-lock.json", for messages.
    pub fn file_name(self) -> &'static str {
        match self {
            LockfileKind::CargoLock => "Cargo.lock",
            LockfileKind::PackageLockV2 | LockfileKind::PackageLockV3 => "package-lock.json",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lockfile {
    pub kind: LockfileKind,
    /// In file order.
    pub packages: Vec<Package>,
}

impl Lockfile {
    pub fn ecosystem(&self) -> Ecosystem {
        self.kind.ecosystem()
    }
}

const EXPECTED: &str = "Rampart reads Cargo.lock and package-lock.json (lockfileVersion 2 or 3)";

/// Reads a lockfile; `file_name` is a hint, the content decides.
pub fn parse(file_name: &str, text: &str) -> Result<Lockfile, InputError> {
    check_size("lockfile", text)?;
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    if text.trim().is_empty() {
        return Err(InputError::new(0, format!("the file is empty; {EXPECTED}")));
    }
    if text.bytes().any(|b| b == 0) {
        return Err(InputError::new(
            0,
            format!("this is a binary file, not a lockfile; {EXPECTED}"),
        ));
    }
    if let Some(what) = other_tool(base, text) {
        return Err(InputError::new(
            0,
            format!("this looks like {what}; {EXPECTED}"),
        ));
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json_error = |e: InputError| {
        let mut e2 = InputError::new(
            e.line,
            format!(
                "this JSON is not well-formed, so it cannot be a package-lock.json: {}",
                e.message
            ),
        );
        e2.column = e.column;
        e2
    };
    match body.trim_start().chars().next() {
        Some('{') => parse_package_lock(&json::parse(text).map_err(json_error)?),
        // `[` opens a JSON array or a TOML table header (`[[package]]`).
        Some('[') => match json::parse(text) {
            Ok(root) => parse_package_lock(&root),
            Err(_) => parse_cargo_lock(base, text),
        },
        _ => parse_cargo_lock(base, text),
    }
}

/// Recognises the lockfiles and manifests of other tools by their first
/// lines, before any parser runs.
fn other_tool(base: &str, text: &str) -> Option<&'static str> {
    let head: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(8)
        .collect();
    let any = |pred: &dyn Fn(&str) -> bool| head.iter().any(|l| pred(l));
    if base == "yarn.lock"
        || any(&|l| l.contains("yarn lockfile v1"))
        || any(&|l| l == "__metadata:")
    {
        return Some("a yarn.lock (Yarn's lockfile)");
    }
    if base.starts_with("pnpm-lock.") || any(&|l| l.starts_with("lockfileVersion:")) {
        return Some("a pnpm-lock.yaml (pnpm's lockfile)");
    }
    if base == "Gemfile.lock" || head.first() == Some(&"GEM") {
        return Some("a Gemfile.lock (Bundler's lockfile)");
    }
    if base == "go.sum" || base == "go.mod" {
        return Some("a Go module file");
    }
    if (base.starts_with("requirements") && base.ends_with(".txt")) || any(&looks_like_requirement)
    {
        return Some("a requirements.txt (pip requirements)");
    }
    None
}

/// `requests==2.31.0`, `django>=4.2`: a pip requirement line.
fn looks_like_requirement(line: &str) -> bool {
    let name_end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .unwrap_or(line.len());
    if name_end == 0 {
        return false;
    }
    let rest = line[name_end..].trim_start();
    let rest = if rest.starts_with('[') {
        rest.find(']').map_or("", |i| rest[i + 1..].trim_start())
    } else {
        rest
    };
    ["==", ">=", "<=", "~=", "!="]
        .iter()
        .any(|op| rest.starts_with(op))
}

fn parse_package_lock(root: &Node) -> Result<Lockfile, InputError> {
    let Some(members) = root.as_object() else {
        return Err(InputError::new(
            root.line,
            format!(
                "this JSON file holds {} at the top, not a package-lock.json object; {EXPECTED}",
                root.kind_with_article()
            ),
        ));
    };
    let has = |k: &str| members.iter().any(|(key, _)| key.as_str() == Some(k));
    let Some(version) = root.get("lockfileVersion") else {
        let what = if has("bomFormat") {
            "a CycloneDX SBOM"
        } else if has("affected") || has("schema_version") {
            "an OSV advisory"
        } else if has("_meta") && has("default") {
            "a Pipfile.lock (Pipenv's lockfile)"
        } else if has("content-hash") {
            "a composer.lock (Composer's lockfile)"
        } else if has("name") || has("dependencies") || has("devDependencies") || has("scripts") {
            "a package.json (npm's manifest): the lockfile npm writes next to it is package-lock.json"
        } else {
            "a JSON file without a lockfileVersion, so not a package-lock.json"
        };
        return Err(InputError::new(
            0,
            format!("this looks like {what}; {EXPECTED}"),
        ));
    };
    let kind = match version.as_u64() {
        Some(2) => LockfileKind::PackageLockV2,
        Some(3) => LockfileKind::PackageLockV3,
        Some(1) => {
            return Err(InputError::new(
                version.line,
                "this is an npm lockfileVersion 1 file (written by npm 6 or older); Rampart reads lockfileVersion 2 and 3: regenerate it with npm 7 or later (`npm install --package-lock-only`)",
            ));
        }
        _ => {
            return Err(InputError::new(
                version.line,
                format!(
                    "lockfileVersion {} is not one Rampart knows; {EXPECTED}",
                    version.as_number().unwrap_or(version.kind())
                ),
            ));
        }
    };
    let Some(packages) = root.get("packages") else {
        return Err(InputError::new(
            0,
            "this package-lock.json has no \"packages\" object; lockfileVersion 2 and 3 files list every installed package there",
        ));
    };
    let Some(entries) = packages.as_object() else {
        return Err(InputError::new(
            packages.line,
            format!(
                "\"packages\" must be an object, found {}",
                packages.kind_with_article()
            ),
        ));
    };
    let mut out = Vec::with_capacity(entries.len());
    for (key_node, entry) in entries {
        let key = key_node.as_str().unwrap_or_default();
        if key.is_empty() {
            continue; // the root project itself
        }
        if entry.as_object().is_none() {
            return Err(InputError::new(
                entry.line,
                format!(
                    "the entry \"{key}\" must be an object, found {}",
                    entry.kind_with_article()
                ),
            ));
        }
        if entry.get("link").and_then(Node::as_bool) == Some(true) {
            continue; // a symlink to a workspace folder, listed under its own key
        }
        let name = match entry.get("name") {
            Some(n) => match n.as_str() {
                Some(s) => s.to_string(),
                None => {
                    return Err(InputError::new(
                        n.line,
                        format!("\"name\" of \"{key}\" must be a string"),
                    ));
                }
            },
            None => match key.rfind("node_modules/") {
                Some(i) => key[i + "node_modules/".len()..].to_string(),
                // A workspace folder ("packages/app") without a name: it is
                // the project's own code and has no registry identity.
                None => continue,
            },
        };
        if name.is_empty() {
            return Err(InputError::new(
                key_node.line,
                format!("the entry \"{key}\" names no package"),
            ));
        }
        let Some(version_node) = entry.get("version") else {
            return Err(InputError::new(
                key_node.line,
                format!("the entry \"{key}\" has no \"version\""),
            ));
        };
        let Some(version) = version_node.as_str() else {
            return Err(InputError::new(
                version_node.line,
                format!("\"version\" of \"{key}\" must be a string"),
            ));
        };
        let checksum = match entry.get("integrity") {
            None => None,
            Some(i) => match i.as_str() {
                Some(s) => Some(parse_integrity(s).map_err(|m| {
                    InputError::new(i.line, format!("\"integrity\" of \"{key}\": {m}"))
                })?),
                None => {
                    return Err(InputError::new(
                        i.line,
                        format!("\"integrity\" of \"{key}\" must be a string"),
                    ));
                }
            },
        };
        let source = entry
            .get("resolved")
            .and_then(Node::as_str)
            .map(str::to_string);
        out.push(Package {
            name,
            version: version.to_string(),
            ecosystem: Ecosystem::Npm,
            checksum,
            source,
            line: version_node.line,
        });
    }
    Ok(Lockfile {
        kind,
        packages: out,
    })
}

/// Reads a Subresource Integrity string (`sha512-<base64>`, possibly
/// several space-separated) and keeps the strongest hash, as hex.
fn parse_integrity(s: &str) -> Result<Checksum, String> {
    let mut best: Option<(usize, &str, Vec<u8>)> = None;
    for part in s.split_whitespace() {
        let (alg, rest) = part
            .split_once('-')
            .ok_or_else(|| format!("`{part}` is not `<algorithm>-<base64>`"))?;
        // SRI allows options after '?'; they carry no hash.
        let b64 = rest.split('?').next().unwrap_or(rest);
        let (rank, name, len) = match alg {
            "sha512" => (4, "SHA-512", 64),
            "sha384" => (3, "SHA-384", 48),
            "sha256" => (2, "SHA-256", 32),
            "sha1" => (1, "SHA-1", 20),
            _ => continue,
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| format!("the {alg} value is not valid base64 ({e})"))?;
        if bytes.len() != len {
            return Err(format!(
                "the {alg} value decodes to {} bytes; a {alg} hash has {len}",
                bytes.len()
            ));
        }
        if best.as_ref().is_none_or(|(r, _, _)| rank > *r) {
            best = Some((rank, name, bytes));
        }
    }
    match best {
        Some((_, name, bytes)) => Ok(Checksum {
            algorithm: name.to_string(),
            hex: hex::encode(bytes),
        }),
        None => Err(format!(
            "`{s}` holds no sha512, sha384, sha256 or sha1 hash"
        )),
    }
}

/// Byte offsets of line starts, for turning spans into lines in O(log n).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> u32 {
        let i = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(i.max(1)).unwrap_or(u32::MAX)
    }
}

fn parse_cargo_lock(base: &str, text: &str) -> Result<Lockfile, InputError> {
    let lines = LineIndex::new(text);
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let line = e.span().map_or(0, |s| lines.line(s.start));
            let detail = e.message().trim().to_string();
            let message = if base == "Cargo.lock" {
                format!("this Cargo.lock is not valid TOML: {detail}")
            } else {
                format!(
                    "this file is neither JSON (package-lock.json) nor TOML (Cargo.lock): {detail}; {EXPECTED}"
                )
            };
            return Err(InputError::new(line, message));
        }
    };
    let table = doc.get_ref();
    let has = |k: &str| table.get(k).is_some();
    let package = table.get("package");
    if package.is_some_and(|p| p.get_ref().is_table())
        || has("dependencies")
        || has("dev-dependencies")
        || has("workspace")
    {
        return Err(InputError::new(
            0,
            format!(
                "this looks like a Cargo.toml (the manifest); the lockfile cargo writes next to it is Cargo.lock. {EXPECTED}"
            ),
        ));
    }
    if has("project") || has("build-system") || has("tool") {
        return Err(InputError::new(
            0,
            format!("this looks like a pyproject.toml (a Python manifest); {EXPECTED}"),
        ));
    }
    if has("requires-python") {
        return Err(InputError::new(
            0,
            format!("this looks like a uv.lock (uv's lockfile); {EXPECTED}"),
        ));
    }
    let metadata = table.get("metadata").map(|m| m.get_ref());
    if let Some(DeValue::Table(m)) = metadata {
        if m.get("lock-version").is_some() || m.get("content-hash").is_some() {
            return Err(InputError::new(
                0,
                format!("this looks like a poetry.lock (Poetry's lockfile); {EXPECTED}"),
            ));
        }
        if m.iter().any(|(k, _)| k.get_ref().starts_with("checksum ")) {
            return Err(InputError::new(
                0,
                "this is a Cargo.lock in the old version 1 format (checksums under [metadata]); Rampart reads format versions 2 to 4: run any cargo command with Rust 1.53 or later to rewrite it",
            ));
        }
    }
    match table.get("version") {
        None => {} // format 2 has no version key
        Some(v) => match v.get_ref().as_integer().map(|i| i.as_str()) {
            Some("3" | "4") => {}
            _ => {
                return Err(InputError::new(
                    lines.line(v.span().start),
                    "this Cargo.lock declares a format version Rampart does not know; it reads Cargo.lock versions 2, 3 and 4",
                ));
            }
        },
    }
    let Some(package) = package else {
        return Err(InputError::new(
            0,
            format!(
                "this TOML file has no [[package]] entries, so it is not a Cargo.lock; {EXPECTED}"
            ),
        ));
    };
    let Some(array) = package.get_ref().as_array() else {
        return Err(InputError::new(
            lines.line(package.span().start),
            "`package` must be an array of [[package]] tables",
        ));
    };
    let mut out = Vec::with_capacity(array.len());
    for item in array.iter() {
        let at = lines.line(item.span().start);
        let Some(t) = item.get_ref().as_table() else {
            return Err(InputError::new(
                at,
                "each [[package]] entry must be a table",
            ));
        };
        let string = |key: &str| -> Result<Option<(String, u32)>, InputError> {
            match t.get(key) {
                None => Ok(None),
                Some(v) => match v.get_ref().as_str() {
                    Some(s) => Ok(Some((s.to_string(), lines.line(v.span().start)))),
                    None => Err(InputError::new(
                        lines.line(v.span().start),
                        format!("`{key}` must be a string, found {}", v.get_ref().type_str()),
                    )),
                },
            }
        };
        let Some((name, name_line)) = string("name")? else {
            return Err(InputError::new(at, "a [[package]] entry has no `name`"));
        };
        let Some((version, version_line)) = string("version")? else {
            return Err(InputError::new(
                name_line,
                format!("the [[package]] entry for {name} has no `version`"),
            ));
        };
        let source = string("source")?.map(|(s, _)| s);
        let checksum = match string("checksum")? {
            None => None,
            Some((c, line)) => {
                if c.len() != 64 || !c.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(InputError::new(
                        line,
                        format!(
                            "the checksum of {name} {version} is not a SHA-256 hash (64 hex digits): `{c}`"
                        ),
                    ));
                }
                Some(Checksum {
                    algorithm: "SHA-256".to_string(),
                    hex: c.to_ascii_lowercase(),
                })
            }
        };
        out.push(Package {
            name,
            version,
            ecosystem: Ecosystem::CratesIo,
            checksum,
            source,
            line: version_line,
        });
    }
    Ok(Lockfile {
        kind: LockfileKind::CargoLock,
        packages: out,
    })
}

/// Percent-encodes a purl component: everything but ASCII letters, digits
/// and `.-_~` is encoded, so `@`, `/`, `+`, `?` and `#` never leak into the
/// purl's structure.
pub(crate) fn purl_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The package's purl: `pkg:cargo/serde@1.0.1`, `pkg:npm/lodash@4.17.21`,
/// `pkg:npm/%40babel/core@7.0.0` (the scope's `@` is encoded as the purl
/// spec requires), `pkg:pypi/django@1.11.1`.
pub fn purl(p: &Package) -> String {
    let (namespace, name) = purl_parts(p.ecosystem, &p.name);
    let mut s = format!("pkg:{}/", p.ecosystem.purl_type());
    if let Some(ns) = namespace {
        s.push_str(&purl_encode(&ns));
        s.push('/');
    }
    s.push_str(&purl_encode(&name));
    if !p.version.is_empty() {
        s.push('@');
        s.push_str(&purl_encode(&p.version));
    }
    s
}

/// Splits a package name into purl namespace and name, applying the purl
/// type's normalisation (npm: lowercase; PyPI: lowercase, `_` → `-`).
pub(crate) fn purl_parts(eco: Ecosystem, name: &str) -> (Option<String>, String) {
    match eco {
        Ecosystem::CratesIo => (None, name.to_string()),
        Ecosystem::Npm => {
            let lower = name.to_lowercase();
            match lower.split_once('/') {
                Some((scope, rest)) if scope.starts_with('@') => {
                    (Some(scope.to_string()), rest.to_string())
                }
                _ => (None, lower),
            }
        }
        Ecosystem::PyPI => (None, name.to_lowercase().replace('_', "-")),
    }
}
