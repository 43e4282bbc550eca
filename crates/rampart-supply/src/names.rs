//! Typosquats: dependency names that imitate a popular package.
//!
//! 1. [`parse_manifest`] reads a manifest (package.json, Cargo.toml,
//!    requirements.txt, pyproject.toml) into dependency names with their
//!    line and column.
//! 2. [`audit`] compares every name with the built-in [`popular`] list of
//!    its registry (plus any extra names) and reports the first imitation
//!    it finds, in this order: look-alike characters (`names/homoglyph`),
//!    a wrong or missing npm scope (`names/scope-confusion`), separators
//!    the registry treats as different (`names/separator`), and a one- or
//!    two-keystroke slip (`names/typosquat`).
//!
//! Each registry compares names its own way, and a look-alike only matters
//! when the registry treats it as a different package:
//! - npm compares names exactly, so `cross-env`, `cross_env`, `cross.env`
//!   and `crossenv` are four packages (crossenv was the malicious one,
//!   August 2017: <https://blog.scottlogic.com/2018/02/27/hunting-typosquatters-on-npm.html>).
//! - crates.io treats `-` and `_` as the same crate name
//!   (<https://doc.rust-lang.org/cargo/reference/manifest.html#the-name-field>),
//!   but `rustdecimal` is a different crate from `rust_decimal`
//!   (RUSTSEC-2022-0042, <https://blog.rust-lang.org/2022/05/10/malicious-crate-rustdecimal.html>).
//! - PyPI normalises names per PEP 503 (case folded, runs of `-`, `_`, `.`
//!   become one `-`: <https://peps.python.org/pep-0503/#normalized-names>),
//!   so only a name without the separator, or with other letters, differs.
//!
//! A slip is a Damerau–Levenshtein distance of one from a popular name
//! (two for names of ten characters or more, counting only swaps, dropped
//! and doubled letters). To keep false alarms rare (measured on the 15,000
//! npm packages with over a million monthly downloads and the 8,000 most
//! downloaded PyPI projects, November 2025: only deliberate cases remain):
//! - popular names of three characters or fewer (`ms`, `qs`, `syn`) match
//!   only through look-alike characters;
//! - names of four or five characters match only a swap, a dropped letter
//!   or a doubled letter, never a replaced one (`scapy` is not `scipy`);
//! - a replaced letter counts only when the two keys are neighbours on a
//!   QWERTY keyboard (or look alike: `i`/`l`, `u`/`v`);
//! - a change to the first character, and a plural `s` or a version digit
//!   added or dropped at the end, are not slips (`grequests`, `attr`,
//!   `psycopg` are real packages).

use std::collections::HashSet;

use crate::lockfile::Ecosystem;
use crate::{Finding, InputError, Severity, check_size, sort_findings};

/// One dependency named in a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dep {
    /// The name the registry resolves (after npm `npm:` aliases and Cargo
    /// `package =` renames).
    pub name: String,
    pub line: u32,
    /// 1-based column of the name's first character.
    pub column: u32,
}

/// A dependency with what the manifest says about where it comes from; the
/// registry checks need more than [`Dep`] carries.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub dep: Dep,
    /// Fetched from a package registry (not a path, git or URL dependency).
    pub from_registry: bool,
    /// Cargo `registry = "NAME"`, with the line it is on.
    pub registry: Option<(String, u32)>,
    /// Cargo `registry-index = "URL"`, or a git/URL source, with its line.
    pub source_url: Option<(String, u32)>,
    /// requirements.txt: pinned with `==` to one version.
    pub pinned: bool,
    /// requirements.txt: carries at least one `--hash=`.
    pub hashed: bool,
}

/// The manifest formats [`parse_manifest`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ManifestKind {
    PackageJson,
    CargoToml,
    Requirements,
    Pyproject,
}

impl ManifestKind {
    pub(crate) fn ecosystem(self) -> Ecosystem {
        match self {
            ManifestKind::PackageJson => Ecosystem::Npm,
            ManifestKind::CargoToml => Ecosystem::CratesIo,
            ManifestKind::Requirements | ManifestKind::Pyproject => Ecosystem::PyPI,
        }
    }
}

/// The last path component of a file name, `/` or `\` separated.
pub(crate) fn base_name(file_name: &str) -> &str {
    file_name.rsplit(['/', '\\']).next().unwrap_or(file_name)
}

/// Decides the manifest format from the file name, or from the content
/// when the name says nothing.
pub(crate) fn manifest_kind(file_name: &str, text: &str) -> Result<ManifestKind, InputError> {
    let base = base_name(file_name);
    let lower = base.to_ascii_lowercase();
    match lower.as_str() {
        "package.json" => return Ok(ManifestKind::PackageJson),
        "cargo.toml" => return Ok(ManifestKind::CargoToml),
        "pyproject.toml" => return Ok(ManifestKind::Pyproject),
        "package-lock.json"
        | "npm-shrinkwrap.json"
        | "yarn.lock"
        | "pnpm-lock.yaml"
        | "cargo.lock"
        | "poetry.lock"
        | "uv.lock"
        | "pipfile.lock" => {
            return Err(InputError::new(
                0,
                format!(
                    "`{base}` is a lockfile; give the manifest that names your direct \
                     dependencies instead: package.json, Cargo.toml, requirements.txt or \
                     pyproject.toml"
                ),
            ));
        }
        _ => {}
    }
    if lower.ends_with(".txt") || lower.ends_with(".in") {
        return Ok(ManifestKind::Requirements);
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return Ok(ManifestKind::PackageJson);
    }
    if text.contains("[project]") {
        return Ok(ManifestKind::Pyproject);
    }
    if text.contains("[package]") || text.contains("[dependencies]") {
        return Ok(ManifestKind::CargoToml);
    }
    Err(InputError::new(
        0,
        format!(
            "`{base}` is not a manifest Rampart reads for dependency names: give package.json, \
             Cargo.toml, requirements.txt or pyproject.toml"
        ),
    ))
}

/// Reads the dependencies a manifest names, each with its line and column.
///
/// package.json: `dependencies`, `devDependencies`, `optionalDependencies`,
/// `peerDependencies` (an `npm:name@range` alias names `name`). Cargo.toml:
/// `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, the same
/// under `[target.*]`, and `[workspace.dependencies]` (a `package =` rename
/// names the package). requirements.txt: one PEP 508 requirement a line
/// (extras, version specifiers and markers are read past; `-r`, `-e`,
/// `--index-url` and other option lines are skipped). pyproject.toml:
/// `[project] dependencies`, `[project.optional-dependencies]`,
/// `[dependency-groups]` and Poetry's dependency tables.
pub fn parse_manifest(file_name: &str, text: &str) -> Result<(Ecosystem, Vec<Dep>), InputError> {
    let (eco, entries) = parse_entries(file_name, text)?;
    Ok((eco, entries.into_iter().map(|e| e.dep).collect()))
}

/// [`parse_manifest`] with where each dependency comes from.
pub(crate) fn parse_entries(
    file_name: &str,
    text: &str,
) -> Result<(Ecosystem, Vec<Entry>), InputError> {
    check_size("manifest", text)?;
    let kind = manifest_kind(file_name, text)?;
    let entries = match kind {
        ManifestKind::PackageJson => parse_package_json(text)?,
        ManifestKind::CargoToml => parse_cargo_toml(text)?,
        ManifestKind::Requirements => parse_requirements(text),
        ManifestKind::Pyproject => parse_pyproject(text)?,
    };
    Ok((kind.ecosystem(), entries))
}

/// A text with its line starts, so a position costs a binary search; the
/// column count resumes from the previous position on the same line, so
/// positions asked in order along one long line (minified JSON) stay
/// linear overall.
pub(crate) struct Src<'a> {
    pub text: &'a str,
    starts: Vec<usize>,
    /// The last (byte offset, 1-based column) computed.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> Src<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Src {
            text,
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub(crate) fn pos(&self, offset: usize) -> (u32, u32) {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= o);
        let start = self.starts[line - 1];
        let (last_o, last_col) = self.last.get();
        let column = if last_o >= start && last_o <= o {
            last_col + self.text[last_o..o].chars().count()
        } else {
            self.text[start..o].chars().count() + 1
        };
        self.last.set((o, column));
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }

    pub(crate) fn line(&self, offset: usize) -> u32 {
        self.pos(offset).0
    }
}

fn entry(src: &Src<'_>, name: &str, offset: usize, from_registry: bool) -> Entry {
    let (line, column) = src.pos(offset);
    Entry {
        dep: Dep {
            name: name.to_string(),
            line,
            column,
        },
        from_registry,
        registry: None,
        source_url: None,
        pinned: false,
        hashed: false,
    }
}

// ---------------------------------------------------------------------------
// package.json

const NPM_SECTIONS: [&str; 4] = [
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
];

/// serde_json's message without its trailing " at line L column C" (the
/// position goes in the error's own fields).
pub(crate) fn json_error(what: &str, e: &serde_json::Error) -> InputError {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => text.as_str(),
    };
    let mut err = InputError::new(
        u32::try_from(e.line()).unwrap_or(u32::MAX),
        format!("{what} is not valid JSON: {message}"),
    );
    if e.line() > 0 {
        err.column = Some(u32::try_from(e.column()).unwrap_or(u32::MAX));
    }
    err
}

fn parse_package_json(text: &str) -> Result<Vec<Entry>, InputError> {
    // serde_json decides validity and gives good messages; the scanner
    // below then only walks a document already known to be valid JSON,
    // to find where each key is.
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| json_error("package.json", &e))?;
    if !value.is_object() {
        return Err(InputError::new(
            1,
            "package.json must be a JSON object with a `dependencies` field",
        ));
    }
    let src = Src::new(text);
    let mut scan = JsonScan {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut out = Vec::new();
    scan.ws();
    scan.pos += 1; // `{`
    loop {
        scan.ws();
        if scan.peek() == Some(b'}') || scan.peek().is_none() {
            break;
        }
        let (_, key) = scan.string();
        scan.ws();
        scan.pos += 1; // `:`
        scan.ws();
        if NPM_SECTIONS.contains(&key.as_str()) && scan.peek() == Some(b'{') {
            scan.pos += 1;
            loop {
                scan.ws();
                if scan.peek() == Some(b'}') {
                    scan.pos += 1;
                    break;
                }
                let (key_at, name) = scan.string();
                scan.ws();
                scan.pos += 1; // `:`
                scan.ws();
                if scan.peek() == Some(b'"') {
                    let (value_at, spec) = scan.string();
                    out.push(npm_entry(&src, &name, key_at, &spec, value_at));
                } else {
                    scan.skip_value();
                    out.push(entry(&src, &name, key_at, true));
                }
                scan.ws();
                if scan.peek() == Some(b',') {
                    scan.pos += 1;
                }
            }
        } else {
            scan.skip_value();
        }
        scan.ws();
        if scan.peek() == Some(b',') {
            scan.pos += 1;
        }
    }
    Ok(out)
}

/// An npm dependency `"name": "spec"`; an `npm:real@range` alias installs
/// `real`, and URL, git, file and workspace specs come from no registry.
fn npm_entry(src: &Src<'_>, key: &str, key_at: usize, spec: &str, spec_at: usize) -> Entry {
    if let Some(rest) = spec.strip_prefix("npm:") {
        // `npm:@scope/name@^1` or `npm:name@1`: the last `@` after the
        // first character starts the range.
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let name = match rest[first..].find('@') {
            Some(i) => &rest[..first + i],
            None => rest,
        };
        return entry(src, name, spec_at + 4, true);
    }
    let local = [
        "file:",
        "link:",
        "workspace:",
        "portal:",
        "git",
        "http:",
        "https:",
    ]
    .iter()
    .any(|p| spec.starts_with(p))
        || spec.contains("://")
        || (spec.contains('/') && !spec.starts_with('@') && !spec.contains(' '));
    entry(src, key, key_at, !local)
}

/// Walks valid JSON text to find where things are.
struct JsonScan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl JsonScan<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Reads a string literal; returns the byte offset of its first
    /// character (after the quote) and its decoded value.
    fn string(&mut self) -> (usize, String) {
        let start = self.pos;
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => break,
                _ => {}
            }
        }
        let end = self.pos.min(self.bytes.len());
        let decoded = serde_json::from_str::<String>(&self.text[start..end]).unwrap_or_default();
        (start + 1, decoded)
    }

    fn skip_value(&mut self) {
        match self.peek() {
            Some(b'"') => {
                self.string();
            }
            Some(open @ (b'{' | b'[')) => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.pos += 1;
                loop {
                    self.ws();
                    match self.peek() {
                        None => break,
                        Some(b) if b == close => {
                            self.pos += 1;
                            break;
                        }
                        Some(b',' | b':') => self.pos += 1,
                        Some(_) => self.skip_value(),
                    }
                }
            }
            Some(_) => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
            }
            None => {}
        }
    }
}

// ---------------------------------------------------------------------------
// TOML (Cargo.toml, pyproject.toml)

pub(crate) type TomlTable<'i> = toml::de::DeTable<'i>;
pub(crate) type TomlValue<'i> = toml::de::DeValue<'i>;

/// Parses TOML keeping spans; a syntax error becomes an [`InputError`] at
/// its line.
pub(crate) fn parse_toml<'i>(what: &str, text: &'i str) -> Result<TomlTable<'i>, InputError> {
    match toml::de::DeTable::parse(text) {
        Ok(table) => Ok(table.into_inner()),
        Err(e) => {
            let (line, column) = e.span().map_or((0, 0), |s| Src::new(text).pos(s.start));
            let mut err = InputError::new(
                line,
                format!("{what} is not valid TOML: {}", e.message().trim_end()),
            );
            if line > 0 {
                err.column = Some(column);
            }
            Err(err)
        }
    }
}

/// The table at `key`, if `key` holds one.
pub(crate) fn toml_table<'a, 'i>(table: &'a TomlTable<'i>, key: &str) -> Option<&'a TomlTable<'i>> {
    match table.get(key).map(|v| v.get_ref()) {
        Some(TomlValue::Table(t)) => Some(t),
        _ => None,
    }
}

/// The string at `key` with the byte offset of its first character (after
/// the opening quote).
pub(crate) fn toml_str<'a>(table: &'a TomlTable<'_>, key: &str) -> Option<(&'a str, usize)> {
    let value = table.get(key)?;
    match value.get_ref() {
        TomlValue::String(s) => Some((s.as_ref(), value.span().start + 1)),
        _ => None,
    }
}

const CARGO_SECTIONS: [&str; 5] = [
    "dependencies",
    "dev-dependencies",
    "dev_dependencies",
    "build-dependencies",
    "build_dependencies",
];

fn parse_cargo_toml(text: &str) -> Result<Vec<Entry>, InputError> {
    let doc = parse_toml("Cargo.toml", text)?;
    let src = Src::new(text);
    let mut out = Vec::new();
    for section in CARGO_SECTIONS {
        if let Some(t) = toml_table(&doc, section) {
            cargo_deps(&src, t, &mut out);
        }
    }
    if let Some(targets) = toml_table(&doc, "target") {
        for (_, target) in targets.iter() {
            if let TomlValue::Table(target) = target.get_ref() {
                for section in CARGO_SECTIONS {
                    if let Some(t) = toml_table(target, section) {
                        cargo_deps(&src, t, &mut out);
                    }
                }
            }
        }
    }
    if let Some(ws) = toml_table(&doc, "workspace")
        && let Some(t) = toml_table(ws, "dependencies")
    {
        cargo_deps(&src, t, &mut out);
    }
    out.sort_by_key(|e| (e.dep.line, e.dep.column));
    Ok(out)
}

fn cargo_deps(src: &Src<'_>, table: &TomlTable<'_>, out: &mut Vec<Entry>) {
    let text = src.text;
    for (key, value) in table.iter() {
        let key_at = key.span().start;
        // A quoted key `"serde" = "1"` starts with its quote.
        let key_at = if text.as_bytes().get(key_at) == Some(&b'"')
            || text.as_bytes().get(key_at) == Some(&b'\'')
        {
            key_at + 1
        } else {
            key_at
        };
        let mut e = entry(src, key.get_ref(), key_at, true);
        if let TomlValue::Table(spec) = value.get_ref() {
            if let Some((package, at)) = toml_str(spec, "package") {
                let (line, column) = src.pos(at);
                e.dep = Dep {
                    name: package.to_string(),
                    line,
                    column,
                };
            }
            if let Some((registry, at)) = toml_str(spec, "registry") {
                e.registry = Some((registry.to_string(), src.line(at)));
            }
            for url_key in ["registry-index", "git"] {
                if let Some((url, at)) = toml_str(spec, url_key) {
                    e.source_url = Some((url.to_string(), src.line(at)));
                }
            }
            if spec.get("path").is_some() || spec.get("git").is_some() {
                e.from_registry = false;
            }
        }
        out.push(e);
    }
}

fn parse_pyproject(text: &str) -> Result<Vec<Entry>, InputError> {
    let doc = parse_toml("pyproject.toml", text)?;
    let src = Src::new(text);
    let mut out = Vec::new();
    let strings = |array: &TomlValue<'_>, out: &mut Vec<Entry>| {
        if let TomlValue::Array(items) = array {
            for item in items.iter() {
                if let TomlValue::String(s) = item.get_ref() {
                    let at = item.span().start + 1;
                    if let Some(e) = requirement_entry(&src, s, at) {
                        out.push(e);
                    }
                }
            }
        }
    };
    if let Some(project) = toml_table(&doc, "project") {
        if let Some(deps) = project.get("dependencies") {
            strings(deps.get_ref(), &mut out);
        }
        if let Some(optional) = toml_table(project, "optional-dependencies") {
            for (_, group) in optional.iter() {
                strings(group.get_ref(), &mut out);
            }
        }
    }
    if let Some(groups) = toml_table(&doc, "dependency-groups") {
        for (_, group) in groups.iter() {
            strings(group.get_ref(), &mut out);
        }
    }
    // Poetry keeps dependencies as keys: [tool.poetry.dependencies],
    // [tool.poetry.dev-dependencies], [tool.poetry.group.NAME.dependencies].
    if let Some(poetry) = toml_table(&doc, "tool").and_then(|t| toml_table(t, "poetry")) {
        let mut tables: Vec<&TomlTable<'_>> = Vec::new();
        for key in ["dependencies", "dev-dependencies"] {
            if let Some(t) = toml_table(poetry, key) {
                tables.push(t);
            }
        }
        if let Some(groups) = toml_table(poetry, "group") {
            for (_, group) in groups.iter() {
                if let TomlValue::Table(g) = group.get_ref()
                    && let Some(t) = toml_table(g, "dependencies")
                {
                    tables.push(t);
                }
            }
        }
        for table in tables {
            for (key, value) in table.iter() {
                if key.get_ref().eq_ignore_ascii_case("python") {
                    continue;
                }
                let local = matches!(value.get_ref(), TomlValue::Table(spec)
                    if spec.get("path").is_some() || spec.get("git").is_some() || spec.get("url").is_some());
                out.push(entry(&src, key.get_ref(), key.span().start, !local));
            }
        }
    }
    out.sort_by_key(|e| (e.dep.line, e.dep.column));
    Ok(out)
}

// ---------------------------------------------------------------------------
// requirements.txt

/// Characters that end a requirement's name (PEP 508: extras, version
/// specifiers, markers, a direct URL, or whitespace).
fn ends_name(c: char) -> bool {
    c.is_whitespace() || matches!(c, '[' | '(' | '<' | '>' | '=' | '!' | '~' | ';' | '@' | ',')
}

/// The entry for one requirement string whose first character is at byte
/// `at` of `text`; `None` for an empty string, a URL or a path.
fn requirement_entry(src: &Src<'_>, requirement: &str, at: usize) -> Option<Entry> {
    let lead = requirement.len() - requirement.trim_start().len();
    let req = requirement.trim_start();
    if req.is_empty()
        || req.starts_with(['.', '/', '~', '\\'])
        || req
            .split_whitespace()
            .next()
            .is_some_and(|w| w.contains("://"))
    {
        return None;
    }
    let end = req.find(ends_name).unwrap_or(req.len());
    let name = &req[..end];
    if name.is_empty() {
        return None;
    }
    let rest = req[end..].trim_start();
    let rest = match rest.strip_prefix('[') {
        Some(r) => r
            .split_once(']')
            .map_or("", |(_, after)| after)
            .trim_start(),
        None => rest,
    };
    // `name @ https://…` is a direct reference, not fetched by name.
    let from_registry = !rest.starts_with('@');
    let mut e = entry(src, name, at + lead, from_registry);
    let spec = rest.split(';').next().unwrap_or("");
    e.pinned = spec.contains("==") && !spec.contains(",") && !spec.contains(".*");
    Some(e)
}

fn parse_requirements(text: &str) -> Vec<Entry> {
    let src = Src::new(text);
    let mut out: Vec<Entry> = Vec::new();
    let mut offset = 0;
    let mut continued: Option<usize> = None; // index in `out` of the line being continued
    for raw in text.split_inclusive('\n') {
        let line_at = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        // pip strips a comment that starts a line or follows whitespace.
        let content = strip_comment(line);
        let continues = content.trim_end().ends_with('\\');
        let content = content.trim_end().trim_end_matches('\\');
        if let Some(i) = continued {
            if content.contains("--hash") {
                out[i].hashed = true;
            }
            if !continues {
                continued = None;
            }
            continue;
        }
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('-') {
            continue;
        }
        let req_text = match trimmed.find(" -") {
            Some(i) => &trimmed[..i],
            None => trimmed,
        };
        let lead = content.len() - trimmed.len();
        if let Some(mut e) = requirement_entry(&src, req_text, line_at + lead) {
            e.hashed = trimmed.contains("--hash");
            out.push(e);
            if continues {
                continued = Some(out.len() - 1);
            }
        }
    }
    out
}

/// A requirements/ini line without its comment: `#` at the start or after
/// whitespace begins one.
pub(crate) fn strip_comment(line: &str) -> &str {
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        if c == '#' && prev_space {
            return &line[..i];
        }
        prev_space = c.is_whitespace();
    }
    line
}

// ---------------------------------------------------------------------------
// Popular names

/// The built-in popular names of a registry, most popular first.
///
/// Sources (downloaded once, by hand, and frozen here):
/// - npm: the 250 most-downloaded packages by monthly downloads in the npm
///   download counts (<https://github.com/npm/registry/blob/main/docs/download-counts.md>),
///   snapshot of November 2025, leaving out platform-specific binary
///   packages (`@esbuild/linux-x64` and the like); then about 170 packages
///   people add to package.json by hand, each with more than a million
///   downloads a month in the same snapshot, including every popular name
///   the August 2017 `hacktask` typosquats copied.
/// - PyPI: the 300 most-downloaded projects of Hugo van Kemenade's
///   "Top PyPI Packages" (30-day downloads, <https://hugovk.github.io/top-pypi-packages/>),
///   November 2025, names as PEP 503 normalises them; then about 30
///   projects ranked up to 2,000 that are often typed by hand (`django`,
///   `jellyfish`, `selenium`, ...).
/// - crates.io: crates from the top of crates.io's "All-Time Downloads"
///   listing (<https://crates.io/crates?sort=downloads>) as of 2025, plus
///   well-known application crates; the order within is approximate.
pub fn popular(eco: Ecosystem) -> &'static [&'static str] {
    match eco {
        Ecosystem::Npm => POPULAR_NPM,
        Ecosystem::PyPI => POPULAR_PYPI,
        Ecosystem::CratesIo => POPULAR_CRATES,
    }
}

/// A name as its registry compares names: npm exactly (lower-cased: new
/// npm names cannot hold capitals), crates.io with `_` and `-` the same
/// and case folded, PyPI per PEP 503.
pub(crate) fn canonical(eco: Ecosystem, name: &str) -> String {
    match eco {
        Ecosystem::Npm => name.to_lowercase(),
        Ecosystem::CratesIo => name.to_lowercase().replace('_', "-"),
        Ecosystem::PyPI => pep503(name),
    }
}

/// PEP 503 normalisation: `re.sub(r"[-_.]+", "-", name).lower()`.
pub(crate) fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_run {
                out.push('-');
                in_run = true;
            }
        } else {
            in_run = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn registry_name(eco: Ecosystem) -> &'static str {
    match eco {
        Ecosystem::Npm => "npm",
        Ecosystem::PyPI => "PyPI",
        Ecosystem::CratesIo => "crates.io",
    }
}

/// What installing a look-alike does, per registry.
fn runs_what(eco: Ecosystem) -> &'static str {
    match eco {
        Ecosystem::Npm => {
            "its install scripts run with your permissions the moment `npm install` fetches it"
        }
        Ecosystem::PyPI => {
            "its setup code runs when pip installs it, and its module code runs on import"
        }
        Ecosystem::CratesIo => {
            "its build script and proc macros run with your permissions when Cargo builds it"
        }
    }
}

// ---------------------------------------------------------------------------
// Look-alike characters

/// Non-ASCII characters that render like an ASCII letter in common fonts: a
/// small subset of Unicode's confusables (UTS #39,
/// <https://www.unicode.org/Public/security/latest/confusables.txt>) for
/// the letters package names use, and invisible characters.
const CONFUSABLES: &[(char, &str, &str)] = &[
    ('\u{0430}', "a", "Cyrillic `а` (U+0430)"),
    ('\u{0435}', "e", "Cyrillic `е` (U+0435)"),
    ('\u{043E}', "o", "Cyrillic `о` (U+043E)"),
    ('\u{0440}', "p", "Cyrillic `р` (U+0440)"),
    ('\u{0441}', "c", "Cyrillic `с` (U+0441)"),
    ('\u{0443}', "y", "Cyrillic `у` (U+0443)"),
    ('\u{0445}', "x", "Cyrillic `х` (U+0445)"),
    ('\u{0455}', "s", "Cyrillic `ѕ` (U+0455)"),
    ('\u{0456}', "i", "Cyrillic `і` (U+0456)"),
    ('\u{0458}', "j", "Cyrillic `ј` (U+0458)"),
    ('\u{0501}', "d", "Cyrillic `ԁ` (U+0501)"),
    ('\u{04CF}', "l", "Cyrillic `ӏ` (U+04CF)"),
    ('\u{04BB}', "h", "Cyrillic `һ` (U+04BB)"),
    ('\u{051B}', "q", "Cyrillic `ԛ` (U+051B)"),
    ('\u{051D}', "w", "Cyrillic `ԝ` (U+051D)"),
    ('\u{0410}', "a", "Cyrillic `А` (U+0410)"),
    ('\u{0412}', "b", "Cyrillic `В` (U+0412)"),
    ('\u{0415}', "e", "Cyrillic `Е` (U+0415)"),
    ('\u{041A}', "k", "Cyrillic `К` (U+041A)"),
    ('\u{041C}', "m", "Cyrillic `М` (U+041C)"),
    ('\u{041D}', "h", "Cyrillic `Н` (U+041D)"),
    ('\u{041E}', "o", "Cyrillic `О` (U+041E)"),
    ('\u{0420}', "p", "Cyrillic `Р` (U+0420)"),
    ('\u{0421}', "c", "Cyrillic `С` (U+0421)"),
    ('\u{0422}', "t", "Cyrillic `Т` (U+0422)"),
    ('\u{0425}', "x", "Cyrillic `Х` (U+0425)"),
    ('\u{03BF}', "o", "Greek `ο` (U+03BF)"),
    ('\u{03B1}', "a", "Greek `α` (U+03B1)"),
    ('\u{03BD}', "v", "Greek `ν` (U+03BD)"),
    ('\u{03B9}', "i", "Greek `ι` (U+03B9)"),
    ('\u{03BA}', "k", "Greek `κ` (U+03BA)"),
    ('\u{03C1}', "p", "Greek `ρ` (U+03C1)"),
    ('\u{03C5}', "u", "Greek `υ` (U+03C5)"),
    ('\u{039F}', "o", "Greek `Ο` (U+039F)"),
    ('\u{0391}', "a", "Greek `Α` (U+0391)"),
    ('\u{0392}', "b", "Greek `Β` (U+0392)"),
    ('\u{0395}', "e", "Greek `Ε` (U+0395)"),
    ('\u{0399}', "i", "Greek `Ι` (U+0399)"),
    ('\u{039A}', "k", "Greek `Κ` (U+039A)"),
    ('\u{039D}', "n", "Greek `Ν` (U+039D)"),
    ('\u{03A1}', "p", "Greek `Ρ` (U+03A1)"),
    ('\u{03A4}', "t", "Greek `Τ` (U+03A4)"),
    ('\u{03A7}', "x", "Greek `Χ` (U+03A7)"),
    ('\u{0131}', "i", "dotless `ı` (U+0131)"),
    ('\u{0261}', "g", "Latin script `ɡ` (U+0261)"),
    ('\u{0251}', "a", "Latin alpha `ɑ` (U+0251)"),
    ('\u{2113}', "l", "script `ℓ` (U+2113)"),
    ('\u{01C0}', "l", "dental click `ǀ` (U+01C0)"),
    ('\u{2010}', "-", "Unicode hyphen `‐` (U+2010)"),
    ('\u{2011}', "-", "non-breaking hyphen `‑` (U+2011)"),
    ('\u{2012}', "-", "figure dash `‒` (U+2012)"),
    ('\u{2013}', "-", "en dash `–` (U+2013)"),
    ('\u{2212}', "-", "minus sign `−` (U+2212)"),
    ('\u{200B}', "", "an invisible zero-width space (U+200B)"),
    (
        '\u{200C}',
        "",
        "an invisible zero-width non-joiner (U+200C)",
    ),
    ('\u{200D}', "", "an invisible zero-width joiner (U+200D)"),
    ('\u{2060}', "", "an invisible word joiner (U+2060)"),
    ('\u{FEFF}', "", "an invisible byte-order mark (U+FEFF)"),
    ('\u{00AD}', "", "an invisible soft hyphen (U+00AD)"),
];

/// One visible unit of a name: the bytes written (a range of the name) and
/// the single character it looks like (`None` for invisible characters).
#[derive(Debug, Clone, Copy)]
struct Glyph {
    start: usize,
    end: usize,
    looks: Option<char>,
    /// Already two characters read as one (`rn`, `vv`).
    merged: bool,
}

impl Glyph {
    fn raw<'n>(&self, name: &'n str) -> &'n str {
        &name[self.start..self.end]
    }
}

fn is_separator(eco: Ecosystem, c: char) -> bool {
    match eco {
        Ecosystem::Npm => false,
        Ecosystem::CratesIo => matches!(c, '-' | '_'),
        Ecosystem::PyPI => matches!(c, '-' | '_' | '.'),
    }
}

/// What one character looks like: Unicode look-alikes and fullwidth forms
/// as ASCII, capital `I` and the digit `1` as `l`, `0` as `o`, separators
/// the registry treats alike as `-`, anything else lower-cased.
fn looks_like(eco: Ecosystem, c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(match c {
            'I' | '1' => 'l',
            '0' => 'o',
            _ if is_separator(eco, c) => '-',
            _ => c.to_ascii_lowercase(),
        });
    }
    if let Some((_, ascii, _)) = CONFUSABLES.iter().find(|(k, _, _)| *k == c) {
        return ascii.chars().next();
    }
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        // Fullwidth ASCII (U+FF01..U+FF5E) sits 0xFEE0 above ASCII.
        return char::from_u32(c as u32 - 0xFEE0).map(|a| a.to_ascii_lowercase());
    }
    Some(match c {
        'I' | '1' => 'l',
        '0' => 'o',
        _ if is_separator(eco, c) => '-',
        _ => c.to_lowercase().next().unwrap_or(c),
    })
}

/// Splits a name into glyphs, each mapped by [`looks_like`]; a run of
/// separators is one glyph to PyPI, and `rn` reads as `m`, `vv` as `w`.
fn glyphs(eco: Ecosystem, name: &str) -> Vec<Glyph> {
    let mut out: Vec<Glyph> = Vec::with_capacity(name.len());
    for (start, c) in name.char_indices() {
        let end = start + c.len_utf8();
        let looks = looks_like(eco, c);
        if let Some(last) = out.last_mut() {
            let run = eco == Ecosystem::PyPI && looks == Some('-') && last.looks == Some('-');
            let pair = !last.merged
                && matches!(
                    (last.looks, looks),
                    (Some('r'), Some('n')) | (Some('v'), Some('v'))
                );
            if run || pair {
                last.end = end;
                if pair {
                    last.looks = Some(if looks == Some('n') { 'm' } else { 'w' });
                    last.merged = true;
                }
                continue;
            }
        }
        out.push(Glyph {
            start,
            end,
            looks,
            merged: false,
        });
    }
    out
}

/// What a name looks like: its visible glyphs' characters.
fn skeleton(eco: Ecosystem, name: &str) -> String {
    glyphs(eco, name).iter().filter_map(|g| g.looks).collect()
}

/// How a glyph is named in a message.
fn describe_glyph(raw: &str) -> String {
    let mut chars = raw.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        if let Some((_, _, desc)) = CONFUSABLES.iter().find(|(k, _, _)| *k == c) {
            return (*desc).to_string();
        }
        if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
            return format!("fullwidth `{c}` (U+{:04X})", c as u32);
        }
        match c {
            'I' => return "capital `I`".to_string(),
            '0' | '1' => return format!("the digit `{c}`"),
            _ if !c.is_ascii() => return format!("`{c}` (U+{:04X})", c as u32),
            _ => {}
        }
    }
    format!("`{raw}`")
}

/// The look-alike substitutions that turn `popular` into `name`, when the
/// two look the same; `None` when they do not.
fn homoglyph_diff(eco: Ecosystem, name: &str, popular: &str) -> Option<Vec<String>> {
    let all = glyphs(eco, name);
    let a: Vec<&Glyph> = all.iter().filter(|g| g.looks.is_some()).collect();
    let b: Vec<Glyph> = glyphs(eco, popular)
        .into_iter()
        .filter(|g| g.looks.is_some())
        .collect();
    if a.len() != b.len() || a.iter().zip(&b).any(|(x, y)| x.looks != y.looks) {
        return None;
    }
    let mut diffs = Vec::new();
    for (x, y) in a.iter().zip(&b) {
        let (xr, yr) = (x.raw(name), y.raw(popular));
        let same = xr == yr
            || (xr != "I" && yr != "I" && xr.to_lowercase() == yr.to_lowercase())
            || (is_sep_raw(eco, xr) && is_sep_raw(eco, yr));
        if !same {
            diffs.push(format!(
                "{} where `{popular}` has `{yr}`",
                describe_glyph(xr)
            ));
        }
    }
    for g in all.iter().filter(|g| g.looks.is_none()) {
        diffs.push(format!(
            "{} that `{popular}` does not have",
            describe_glyph(g.raw(name))
        ));
    }
    Some(diffs)
}

fn is_sep_raw(eco: Ecosystem, raw: &str) -> bool {
    !raw.is_empty() && raw.chars().all(|c| is_separator(eco, c))
}

// ---------------------------------------------------------------------------
// Edit distance

/// Optimal-string-alignment Damerau–Levenshtein distance, or `None` when it
/// is above `max`.
fn osa_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[m];
    (d <= max).then_some(d)
}

/// Restricted edit distance for long names: only the slips fingers make
/// (two letters swapped, a letter dropped, a letter doubled), never a
/// replaced or an unrelated added letter; `None` when above `max`.
fn slip_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    const INF: usize = usize::MAX / 2;
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut d = vec![INF; (n + 1) * w];
    d[0] = 0;
    for i in 0..=n {
        for j in i.saturating_sub(max)..=(i + max).min(m) {
            if i == 0 && j == 0 {
                continue;
            }
            let mut v = INF;
            if i > 0 && j > 0 && a[i - 1] == b[j - 1] {
                v = v.min(d[(i - 1) * w + j - 1]);
            }
            if j > 0 {
                v = v.min(d[i * w + j - 1] + 1); // b[j-1] dropped
            }
            if i > 0 {
                let c = a[i - 1];
                let doubled = (i >= 2 && a[i - 2] == c) || a.get(i) == Some(&c);
                if doubled {
                    v = v.min(d[(i - 1) * w + j] + 1);
                }
            }
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    let v = d[n * w + m];
    (v <= max).then_some(v)
}

/// A single edit that turns the popular name into the dependency's name,
/// with the index where it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Swap(usize),
    Replace { at: usize, from: char, to: char },
    Add { at: usize, c: char, doubled: bool },
    Drop { at: usize, c: char, doubled: bool },
}

fn single_edit(name: &[char], popular: &[char]) -> Option<Edit> {
    let first_diff = name.iter().zip(popular).position(|(a, b)| a != b);
    if name.len() == popular.len() {
        let i = first_diff?;
        if i + 1 < name.len()
            && name[i] == popular[i + 1]
            && name[i + 1] == popular[i]
            && name[i + 2..] == popular[i + 2..]
        {
            return Some(Edit::Swap(i));
        }
        if name[i + 1..] == popular[i + 1..] {
            return Some(Edit::Replace {
                at: i,
                from: popular[i],
                to: name[i],
            });
        }
        None
    } else if name.len() == popular.len() + 1 {
        let i = first_diff.unwrap_or(popular.len());
        if name[i + 1..] != popular[i..] {
            return None;
        }
        let c = name[i];
        let doubled = (i > 0 && name[i - 1] == c) || name.get(i + 1) == Some(&c);
        Some(Edit::Add { at: i, c, doubled })
    } else if name.len() + 1 == popular.len() {
        let i = first_diff.unwrap_or(name.len());
        if name[i..] != popular[i + 1..] {
            return None;
        }
        let c = popular[i];
        let doubled = (i > 0 && popular[i - 1] == c) || popular.get(i + 1) == Some(&c);
        Some(Edit::Drop { at: i, c, doubled })
    } else {
        None
    }
}

/// Keys next to each other on a QWERTY keyboard, row by row.
const KEY_ROWS: [&str; 4] = ["1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// Whether `a` and `b` are a likely slip of the finger (neighbouring keys
/// in a row, or the keys above and below) or of the eye (`i`/`l`, `u`/`v`).
fn near_keys(a: char, b: char) -> bool {
    let pos = |c: char| {
        KEY_ROWS
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.find(c).map(|col| (r, col)))
    };
    if matches!((a, b), ('i', 'l') | ('l', 'i') | ('u', 'v') | ('v', 'u')) {
        return true;
    }
    match (pos(a), pos(b)) {
        // QWERTY rows are staggered: a key touches the key before and after
        // it, and on the next row the keys at the same index and one before.
        (Some((ra, ca)), Some((rb, cb))) => {
            (ra == rb && ca.abs_diff(cb) == 1)
                || (ra + 1 == rb && (cb == ca || cb + 1 == ca))
                || (rb + 1 == ra && (ca == cb || ca + 1 == cb))
        }
        _ => false,
    }
}

/// Whether a one-edit difference is the kind of slip typosquatters bet on.
/// Left out, to keep false alarms rare: a change to the first character
/// (people rarely mistype it; `grequests` and `requests` are both real), a
/// replaced letter that is not a neighbouring key, a plural `s` or a
/// version digit added or dropped at the end (`attr`/`attrs`,
/// `psycopg`/`psycopg2`), and, for names of four or five characters, any
/// replaced letter or added letter that is not a doubled one.
fn plausible_slip(edit: Edit, name: &[char], popular_len: usize) -> bool {
    let short = popular_len <= 5;
    let at_end = |at: usize, c: char, len: usize| at + 1 == len && (c == 's' || c.is_ascii_digit());
    match edit {
        Edit::Swap(at) => at > 0,
        Edit::Replace { at, from, to } => !short && at > 0 && near_keys(from, to),
        Edit::Add { at, c, doubled } => at > 0 && !at_end(at, c, name.len()) && (doubled || !short),
        Edit::Drop { at, c, .. } => at > 0 && !at_end(at, c, popular_len),
    }
}

/// Calls `f` with `s` and with every string made by deleting one
/// character from it (duplicates included).
fn for_each_deletion(s: &str, mut f: impl FnMut(&str)) {
    f(s);
    let mut buf = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        buf.clear();
        buf.push_str(&s[..i]);
        buf.push_str(&s[i + c.len_utf8()..]);
        f(&buf);
    }
}

// ---------------------------------------------------------------------------
// The audit

/// One popular name, prepared once per audit.
struct Known {
    name: String,
    chars: Vec<char>,
    /// npm scope (without `@`) and the name inside it.
    scoped: Option<(String, String)>,
}

fn strip_separators(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '-' | '_' | '.'))
        .collect()
}

fn npm_scope(name: &str) -> Option<(String, String)> {
    let rest = name.strip_prefix('@')?;
    let (scope, inner) = rest.split_once('/')?;
    Some((scope.to_string(), inner.to_string()))
}

/// The separators of a name, in order.
fn separators(s: &str) -> Vec<char> {
    s.chars().filter(|c| matches!(c, '-' | '_' | '.')).collect()
}

/// The popular names of one audit, indexed so each dependency costs about
/// the same however long the list is.
struct Index {
    eco: Ecosystem,
    known: Vec<Known>,
    canon: HashSet<String>,
    scopes: HashSet<String>,
    /// Look-alike skeleton -> first popular name with it.
    skeletons: std::collections::HashMap<String, usize>,
    /// Unscoped names without separators -> first popular name.
    bare: std::collections::HashMap<String, usize>,
    /// npm: scope and name run together without separators -> popular name.
    flat_scoped: std::collections::HashMap<String, usize>,
    /// npm: name inside the scope -> popular scoped names.
    inner: std::collections::HashMap<String, Vec<usize>>,
    /// Names with up to one character deleted -> popular names: two names
    /// one edit apart share such a variant (symmetric deletes).
    deleted: std::collections::HashMap<String, Vec<usize>>,
    /// Popular names of ten characters or more, by first character: the
    /// only ones a name two slips away can imitate.
    long: std::collections::HashMap<char, Vec<usize>>,
}

/// Longest name the edit-distance search considers; popular names are far
/// shorter, so a longer dependency name cannot be a slip of one.
const MAX_SLIP_LEN: usize = 64;

impl Index {
    fn new(eco: Ecosystem, extra: &[String]) -> Self {
        let mut names: Vec<&str> = extra.iter().map(String::as_str).collect();
        names.extend(popular(eco).iter().copied());
        let mut index = Index {
            eco,
            known: Vec::new(),
            canon: HashSet::new(),
            scopes: HashSet::new(),
            skeletons: Default::default(),
            bare: Default::default(),
            flat_scoped: Default::default(),
            inner: Default::default(),
            deleted: Default::default(),
            long: Default::default(),
        };
        for n in names {
            let canon = canonical(eco, n);
            if canon.is_empty() || !index.canon.insert(canon.clone()) {
                continue;
            }
            let i = index.known.len();
            let scoped = if eco == Ecosystem::Npm {
                npm_scope(&canon)
            } else {
                None
            };
            index.skeletons.entry(skeleton(eco, n)).or_insert(i);
            let chars: Vec<char> = canon.chars().collect();
            match &scoped {
                Some((scope, inner)) => {
                    index.scopes.insert(scope.clone());
                    let flat = format!("{}{}", strip_separators(scope), strip_separators(inner));
                    index.flat_scoped.entry(flat).or_insert(i);
                    index.inner.entry(inner.clone()).or_default().push(i);
                }
                None => {
                    let bare = strip_separators(&canon);
                    if bare.chars().count() >= 4 {
                        index.bare.entry(bare).or_insert(i);
                    }
                    if chars.len() >= 4 {
                        for_each_deletion(&canon, |v| {
                            let list = index.deleted.entry(v.to_string()).or_default();
                            if list.last() != Some(&i) {
                                list.push(i);
                            }
                        });
                    }
                    if chars.len() >= 10 {
                        index.long.entry(chars[0]).or_default().push(i);
                    }
                }
            }
            index.known.push(Known {
                name: n.to_string(),
                chars,
                scoped,
            });
        }
        index
    }
}

struct Imitation {
    rule: &'static str,
    popular: String,
    message: String,
}

/// Checks the dependencies of a manifest against the popular names of its
/// registry (plus `extra_popular`) and reports every dependency that looks
/// like a popular package without being one. Popular names themselves, and
/// npm names inside the scope of a popular scoped package (`@types/...`),
/// are never reported.
pub fn audit(
    file_name: &str,
    text: &str,
    extra_popular: &[String],
) -> Result<Vec<Finding>, InputError> {
    let (eco, entries) = parse_entries(file_name, text)?;
    let index = Index::new(eco, extra_popular);
    let mut cache: std::collections::HashMap<String, Option<Imitation>> = Default::default();
    let mut findings = Vec::new();
    for e in entries.iter().filter(|e| e.from_registry) {
        let name = e.dep.name.as_str();
        let found = cache
            .entry(name.to_string())
            .or_insert_with(|| imitation(&index, name));
        let Some(found) = found else {
            continue;
        };
        let registry = registry_name(eco);
        let p = &found.popular;
        let (why, fix) = match found.rule {
            "names/homoglyph" => (
                format!(
                    "Look-alike characters make a different name read as a familiar one: `jeIlyfish` \
                     (capital I) passed for `jellyfish` on PyPI for a year until December 2019 and stole \
                     SSH and GPG keys. On {registry}, {}.",
                    runs_what(eco)
                ),
                if p.is_empty() {
                    format!(
                        "Retype the name by hand in plain ASCII, then check on {registry} that it is the package you meant."
                    )
                } else {
                    format!(
                        "Retype the name as `{p}` by hand; do not paste package names from web pages or chats."
                    )
                },
            ),
            "names/scope-confusion" => (
                format!(
                    "Only the owners of an npm scope can publish inside it, but anyone can publish an \
                     unscoped name, or a scope of their own that reads like it; {}.",
                    runs_what(eco)
                ),
                format!("Use the scoped name `{p}` exactly, with its `@` and `/`."),
            ),
            "names/separator" => (
                format!(
                    "{registry} treats `{name}` and `{p}` as two different packages, so a squatter \
                     can own the one you did not mean (crossenv for cross-env on npm in 2017, \
                     rustdecimal for rust_decimal on crates.io in 2022); {}.",
                    runs_what(eco)
                ),
                format!(
                    "If you meant `{p}`, write `{p}`; otherwise check who publishes `{name}` before keeping it."
                ),
            ),
            _ => (
                format!(
                    "Typosquatters publish packages a keystroke away from popular names and wait for a \
                     slip (mongose for mongoose on npm in 2017, colourama for colorama on PyPI in 2018); {}.",
                    runs_what(eco)
                ),
                format!(
                    "If you meant `{p}`, change the name to `{p}`. If `{name}` really is the package you \
                     want, check its publisher, source repository and download count on {registry} first."
                ),
            ),
        };
        findings.push(
            Finding::new(
                found.rule,
                Severity::Error,
                e.dep.line,
                found.message.clone(),
            )
            .column(e.dep.column)
            .why(why)
            .fix(fix),
        );
    }
    sort_findings(&mut findings);
    Ok(findings)
}

/// The first way `name` imitates a popular name, from the most specific
/// evidence to the least; `None` for popular names, names in a popular
/// npm scope, and names that imitate nothing.
fn imitation(index: &Index, name: &str) -> Option<Imitation> {
    let eco = index.eco;
    let canon = canonical(eco, name);
    if index.canon.contains(&canon) {
        return None;
    }
    let ours = if eco == Ecosystem::Npm {
        npm_scope(&canon)
    } else {
        None
    };
    if let Some((scope, _)) = &ours
        && index.scopes.contains(scope)
    {
        return None;
    }
    // 1. Look-alike characters.
    if let Some(&i) = index.skeletons.get(&skeleton(eco, name)) {
        let k = &index.known[i];
        if let Some(diffs) = homoglyph_diff(eco, name, &k.name)
            && !diffs.is_empty()
        {
            return Some(Imitation {
                rule: "names/homoglyph",
                popular: k.name.clone(),
                message: format!(
                    "`{name}` writes {}: it looks like the popular `{}` but is a different package",
                    diffs.join(", "),
                    k.name
                ),
            });
        }
    }
    if let Some(c) = name.chars().find(|c| !c.is_ascii()) {
        return Some(Imitation {
            rule: "names/homoglyph",
            popular: String::new(),
            message: format!(
                "`{name}` contains {}, which no package registry accepts in a name: it was \
                 probably pasted from text made to look like a real package",
                describe_glyph(&c.to_string())
            ),
        });
    }
    // 2. npm scopes.
    if eco == Ecosystem::Npm {
        match &ours {
            None => {
                let flat = canon.trim_start_matches('@');
                if let Some(&i) = index.flat_scoped.get(&strip_separators(flat))
                    && !flat.contains('/')
                {
                    let k = &index.known[i];
                    let scope = k.scoped.as_ref().map_or("", |(s, _)| s.as_str());
                    let message = if canon.starts_with('@') {
                        format!(
                            "`{name}` looks like the popular `{}` but has no `/`, so it is not in the \
                             `@{scope}` scope: anyone could have published it",
                            k.name
                        )
                    } else {
                        format!(
                            "`{name}` is an unscoped look-alike of the popular `{}`: it is outside the \
                             `@{scope}` scope, which only that scope's owners can publish to",
                            k.name
                        )
                    };
                    return Some(Imitation {
                        rule: "names/scope-confusion",
                        popular: k.name.clone(),
                        message,
                    });
                }
            }
            Some((our_scope, our_inner)) => {
                for &i in index.inner.get(our_inner).into_iter().flatten() {
                    let k = &index.known[i];
                    let Some((scope, _)) = &k.scoped else {
                        continue;
                    };
                    let a: Vec<char> = our_scope.chars().collect();
                    let b: Vec<char> = scope.chars().collect();
                    if b.len() >= 3
                        && (osa_distance(&a, &b, 1).is_some()
                            || strip_separators(our_scope) == strip_separators(scope))
                    {
                        return Some(Imitation {
                            rule: "names/scope-confusion",
                            popular: k.name.clone(),
                            message: format!(
                                "`{name}` is in the scope `@{our_scope}`, not `@{scope}`: it imitates the \
                                 popular `{}`",
                                k.name
                            ),
                        });
                    }
                }
            }
        }
    }
    if canon.starts_with('@') {
        return None;
    }
    // 3. Separators the registry tells apart.
    if let Some(&i) = index.bare.get(&strip_separators(&canon)) {
        let k = &index.known[i];
        let ours = separators(name);
        let theirs = separators(&k.name);
        let show = |v: &[char]| {
            let mut v: Vec<String> = v.iter().map(|c| format!("`{c}`")).collect();
            v.dedup();
            v.join(" and ")
        };
        let how = if ours.is_empty() {
            format!("is the popular `{}` without its {}", k.name, show(&theirs))
        } else if theirs.is_empty() {
            format!("adds {} to the popular `{}`", show(&ours), k.name)
        } else if ours.len() == theirs.len() {
            format!(
                "writes {} where the popular `{}` has {}",
                show(&ours),
                k.name,
                show(&theirs)
            )
        } else {
            format!(
                "places separators differently from the popular `{}`",
                k.name
            )
        };
        return Some(Imitation {
            rule: "names/separator",
            popular: k.name.clone(),
            message: format!("`{name}` {how}"),
        });
    }
    // 4. Keystroke slips.
    let ours: Vec<char> = canon.chars().collect();
    if ours.len() < 4 || ours.len() > MAX_SLIP_LEN {
        return None;
    }
    let mut near: Vec<usize> = Vec::new();
    for_each_deletion(&canon, |v| {
        if let Some(list) = index.deleted.get(v) {
            near.extend_from_slice(list);
        }
    });
    near.sort_unstable();
    near.dedup();
    let mut best: Option<(usize, usize, Option<Edit>)> = None;
    for i in near {
        let k = &index.known[i];
        if osa_distance(&ours, &k.chars, 1) == Some(1)
            && let Some(edit) = single_edit(&ours, &k.chars)
            && plausible_slip(edit, &ours, k.chars.len())
        {
            // In popularity order: the first one wins.
            best = Some((1, i, Some(edit)));
            break;
        }
    }
    if best.is_none() {
        for &i in index.long.get(&ours[0]).into_iter().flatten() {
            if slip_distance(&ours, &index.known[i].chars, 2) == Some(2) {
                best = Some((2, i, None));
                break;
            }
        }
    }
    let (_, i, edit) = best?;
    let p = &index.known[i].name;
    let message = match edit {
        Some(Edit::Swap(_)) => format!("`{name}` swaps two letters of the popular `{p}`"),
        Some(Edit::Replace { from, to, .. }) => {
            format!("`{name}` has `{to}` where the popular `{p}` has `{from}`")
        }
        Some(Edit::Add {
            c, doubled: true, ..
        }) => format!("`{name}` doubles the `{c}` of the popular `{p}`"),
        Some(Edit::Add {
            c, doubled: false, ..
        }) => format!("`{name}` adds `{c}` to the popular `{p}`"),
        Some(Edit::Drop {
            c, doubled: true, ..
        }) => format!("`{name}` drops one `{c}` of the popular `{p}`"),
        Some(Edit::Drop {
            c, doubled: false, ..
        }) => format!("`{name}` drops the `{c}` of the popular `{p}`"),
        None => format!("`{name}` is two slips of the finger away from the popular `{p}`"),
    };
    Some(Imitation {
        rule: "names/typosquat",
        popular: p.clone(),
        message,
    })
}

// ---------------------------------------------------------------------------
// The lists (see [`popular`] for where they come from)

const POPULAR_NPM: &[&str] = &[
    "semver",
    "ansi-styles",
    "debug",
    "minimatch",
    "strip-ansi",
    "chalk",
    "supports-color",
    "string-width",
    "ansi-regex",
    "ms",
    "lru-cache",
    "brace-expansion",
    "tslib",
    "emoji-regex",
    "wrap-ansi",
    "type-fest",
    "commander",
    "glob",
    "color-name",
    "color-convert",
    "source-map",
    "@types/node",
    "has-flag",
    "readable-stream",
    "picomatch",
    "ajv",
    "safe-buffer",
    "escape-string-regexp",
    "uuid",
    "yallist",
    "signal-exit",
    "react-is",
    "is-fullwidth-code-point",
    "which",
    "p-limit",
    "json-schema-traverse",
    "find-up",
    "locate-path",
    "p-locate",
    "mime-db",
    "eslint-visitor-keys",
    "minipass",
    "glob-parent",
    "iconv-lite",
    "string_decoder",
    "js-yaml",
    "isarray",
    "mime-types",
    "@babel/types",
    "@babel/code-frame",
    "globals",
    "path-key",
    "yargs-parser",
    "ws",
    "resolve",
    "get-stream",
    "argparse",
    "@babel/parser",
    "yargs",
    "pretty-format",
    "ignore",
    "undici-types",
    "acorn",
    "isexe",
    "cross-spawn",
    "postcss",
    "balanced-match",
    "resolve-from",
    "fs-extra",
    "camelcase",
    "cliui",
    "@jridgewell/trace-mapping",
    "punycode",
    "@babel/helper-validator-identifier",
    "@babel/generator",
    "is-stream",
    "entities",
    "agent-base",
    "estraverse",
    "strip-json-comments",
    "shebang-regex",
    "shebang-command",
    "json5",
    "@babel/traverse",
    "webidl-conversions",
    "path-exists",
    "path-to-regexp",
    "whatwg-url",
    "https-proxy-agent",
    "onetime",
    "@babel/core",
    "form-data",
    "tr46",
    "@babel/template",
    "execa",
    "typescript",
    "eslint-scope",
    "inherits",
    "convert-source-map",
    "rimraf",
    "negotiator",
    "qs",
    "get-intrinsic",
    "@babel/helper-module-imports",
    "@babel/runtime",
    "statuses",
    "universalify",
    "fast-deep-equal",
    "minimist",
    "picocolors",
    "@babel/helper-module-transforms",
    "chokidar",
    "@babel/compat-data",
    "@babel/helpers",
    "has-symbols",
    "@jest/types",
    "esbuild",
    "@typescript-eslint/types",
    "@babel/helper-compilation-targets",
    "function-bind",
    "caniuse-lite",
    "npm-run-path",
    "js-tokens",
    "graceful-fs",
    "@babel/helper-string-parser",
    "is-number",
    "bytes",
    "@jridgewell/sourcemap-codec",
    "readdirp",
    "@types/estree",
    "mimic-fn",
    "slash",
    "@typescript-eslint/typescript-estree",
    "y18n",
    "browserslist",
    "electron-to-chromium",
    "kind-of",
    "@typescript-eslint/visitor-keys",
    "yaml",
    "buffer",
    "cookie",
    "jsesc",
    "lodash",
    "braces",
    "fill-range",
    "@babel/helper-plugin-utils",
    "hasown",
    "ini",
    "node-fetch",
    "escalade",
    "@jridgewell/gen-mapping",
    "human-signals",
    "mkdirp",
    "gopd",
    "http-errors",
    "micromatch",
    "@typescript-eslint/scope-manager",
    "strip-bom",
    "es-object-atoms",
    "concat-map",
    "make-dir",
    "is-glob",
    "es-define-property",
    "nanoid",
    "@smithy/util-utf8",
    "es-errors",
    "to-regex-range",
    "@babel/helper-validator-option",
    "call-bind-apply-helpers",
    "schema-utils",
    "update-browserslist-db",
    "path-scurry",
    "yocto-queue",
    "node-releases",
    "ci-info",
    "dunder-proto",
    "math-intrinsics",
    "mime",
    "get-proto",
    "@jridgewell/resolve-uri",
    "has-tostringtag",
    "uri-js",
    "magic-string",
    "object-inspect",
    "fast-glob",
    "dotenv",
    "pify",
    "zod",
    "@aws-sdk/types",
    "@typescript-eslint/utils",
    "@smithy/util-buffer-from",
    "http-proxy-agent",
    "is-extglob",
    "strip-final-newline",
    "parse-json",
    "espree",
    "once",
    "source-map-support",
    "content-disposition",
    "jest-util",
    "es-set-tostringtag",
    "is-wsl",
    "wrappy",
    "@sinclair/typebox",
    "safer-buffer",
    "normalize-path",
    "side-channel",
    "is-core-module",
    "eslint",
    "cosmiconfig",
    "util-deprecate",
    "axios",
    "jsonfile",
    "ansi-escapes",
    "encodeurl",
    "jest-worker",
    "@smithy/is-array-buffer",
    "depd",
    "jackspeak",
    "scheduler",
    "doctrine",
    "@smithy/types",
    "postcss-selector-parser",
    "flat-cache",
    "@types/yargs",
    "callsites",
    "react",
    "delayed-stream",
    "@opentelemetry/core",
    "is-arrayish",
    "@typescript-eslint/parser",
    "asynckit",
    "require-from-string",
    "combined-stream",
    "file-entry-cache",
    "source-map-js",
    "is-docker",
    "@jest/schemas",
    "object-assign",
    "eastasianwidth",
    "parse5",
    "arg",
    "estree-walker",
    "fastq",
    "send",
    "get-caller-file",
    "finalhandler",
    "esprima",
    "import-fresh",
    "path-parse",
    "react-dom",
    "express",
    "electron",
    "cross-env",
    "mongoose",
    "jquery",
    "vue",
    "@angular/core",
    "webpack",
    "next",
    "moment",
    "request",
    "nodemon",
    "jsonwebtoken",
    "bcrypt",
    "bcryptjs",
    "cors",
    "body-parser",
    "socket.io",
    "socket.io-client",
    "redis",
    "pg",
    "mysql",
    "mysql2",
    "sqlite3",
    "sequelize",
    "passport",
    "discord.js",
    "puppeteer",
    "coffeescript",
    "d3",
    "event-stream",
    "ua-parser-js",
    "colors",
    "faker",
    "node-sass",
    "sass",
    "bootstrap",
    "jest",
    "mocha",
    "chai",
    "babel-loader",
    "@babel/preset-env",
    "@babel/preset-react",
    "@babel/cli",
    "webpack-cli",
    "webpack-dev-server",
    "vite",
    "rollup",
    "prettier",
    "tailwindcss",
    "autoprefixer",
    "styled-components",
    "@emotion/react",
    "redux",
    "react-redux",
    "@reduxjs/toolkit",
    "react-router",
    "react-router-dom",
    "vue-router",
    "vuex",
    "svelte",
    "@sveltejs/kit",
    "nuxt",
    "@nestjs/core",
    "@nestjs/common",
    "koa",
    "fastify",
    "@hapi/hapi",
    "morgan",
    "helmet",
    "cookie-parser",
    "express-session",
    "multer",
    "nodemailer",
    "mongodb",
    "mongodb-memory-server",
    "ioredis",
    "knex",
    "typeorm",
    "prisma",
    "@prisma/client",
    "graphql",
    "@apollo/client",
    "firebase",
    "firebase-admin",
    "aws-sdk",
    "@aws-sdk/client-s3",
    "stripe",
    "twilio",
    "openai",
    "inquirer",
    "ora",
    "winston",
    "pino",
    "date-fns",
    "dayjs",
    "luxon",
    "validator",
    "joi",
    "yup",
    "marked",
    "highlight.js",
    "handlebars",
    "ejs",
    "pug",
    "mustache",
    "cheerio",
    "jsdom",
    "playwright",
    "@playwright/test",
    "cypress",
    "selenium-webdriver",
    "karma",
    "jasmine",
    "sinon",
    "supertest",
    "nock",
    "ts-node",
    "tsx",
    "concurrently",
    "npm-run-all",
    "husky",
    "lint-staged",
    "@types/react",
    "@types/express",
    "@types/jest",
    "@types/lodash",
    "eslint-config-prettier",
    "eslint-plugin-react",
    "eslint-plugin-import",
    "@typescript-eslint/eslint-plugin",
    "xml2js",
    "csv-parse",
    "papaparse",
    "sharp",
    "jimp",
    "canvas",
    "three",
    "@tensorflow/tfjs",
    "crypto-js",
    "node-forge",
    "jose",
    "bluebird",
    "async",
    "rxjs",
    "core-js",
    "regenerator-runtime",
    "immer",
    "classnames",
    "prop-types",
    "gulp",
    "grunt",
    "browserify",
    "babel-cli",
    "underscore",
    "backbone",
    "ember-source",
    "angular",
    "coffee-script",
    "http-proxy",
    "http-proxy-middleware",
    "node-gyp",
    "electron-builder",
    "electron-packager",
    "ffmpeg-static",
    "fluent-ffmpeg",
    "sqlite",
    "tedious",
    "mssql",
    "oracledb",
    "grunt-cli",
    "fabric",
    "mariadb",
    // Popular in their own right and a slip away from another popular name:
    // listed so they are never reported.
    "color",
    "ansistyles",
    "camel-case",
    "findup",
    "has-own",
    "isstream",
    "object.assign",
    "one-time",
    "parsejson",
    "urijs",
    "colord",
    "csv-parser",
    "graphiql",
    "is-blob",
];

const POPULAR_PYPI: &[&str] = &[
    "boto3",
    "packaging",
    "urllib3",
    "certifi",
    "idna",
    "requests",
    "typing-extensions",
    "charset-normalizer",
    "setuptools",
    "botocore",
    "cryptography",
    "aiobotocore",
    "python-dateutil",
    "six",
    "pyyaml",
    "pydantic",
    "pygments",
    "cffi",
    "click",
    "numpy",
    "pluggy",
    "pycparser",
    "pydantic-core",
    "grpcio-status",
    "anyio",
    "s3transfer",
    "attrs",
    "protobuf",
    "h11",
    "pytest",
    "annotated-types",
    "iniconfig",
    "fsspec",
    "httpx",
    "httpcore",
    "typing-inspection",
    "pandas",
    "pip",
    "s3fs",
    "markupsafe",
    "platformdirs",
    "python-dotenv",
    "pathspec",
    "pyjwt",
    "jinja2",
    "rich",
    "jmespath",
    "markdown-it-py",
    "aiohttp",
    "filelock",
    "importlib-metadata",
    "yarl",
    "starlette",
    "multidict",
    "jsonschema",
    "zipp",
    "uvicorn",
    "propcache",
    "wheel",
    "mdurl",
    "pyasn1",
    "pytz",
    "google-auth",
    "googleapis-common-protos",
    "frozenlist",
    "litellm",
    "fastapi",
    "rpds-py",
    "tqdm",
    "annotated-doc",
    "aiosignal",
    "referencing",
    "jsonschema-specifications",
    "trove-classifiers",
    "tzdata",
    "google-api-core",
    "aiohappyeyeballs",
    "pillow",
    "virtualenv",
    "greenlet",
    "colorama",
    "pyasn1-modules",
    "typer",
    "grpcio",
    "opentelemetry-sdk",
    "tenacity",
    "wrapt",
    "requests-oauthlib",
    "opentelemetry-api",
    "pyarrow",
    "awscli",
    "websockets",
    "opentelemetry-semantic-conventions",
    "python-multipart",
    "scipy",
    "sniffio",
    "pydantic-settings",
    "sqlalchemy",
    "pyparsing",
    "shellingham",
    "tomli",
    "lxml",
    "beautifulsoup4",
    "oauthlib",
    "soupsieve",
    "psutil",
    "regex",
    "cachetools",
    "textual",
    "sglang",
    "openai",
    "exceptiongroup",
    "hatchling",
    "opentelemetry-proto",
    "more-itertools",
    "requests-toolbelt",
    "watchfiles",
    "rsa",
    "tomlkit",
    "proto-plus",
    "distro",
    "distlib",
    "jiter",
    "mcp",
    "websocket-client",
    "mypy-extensions",
    "opentelemetry-exporter-otlp-proto-http",
    "langchain",
    "openpyxl",
    "et-xmlfile",
    "sse-starlette",
    "wcwidth",
    "editables",
    "coverage",
    "docutils",
    "huggingface-hub",
    "grpcio-tools",
    "pydantic-ai-slim",
    "dnspython",
    "werkzeug",
    "networkx",
    "google-cloud-storage",
    "redis",
    "gitpython",
    "google-genai",
    "msgpack",
    "psycopg2-binary",
    "pyopenssl",
    "ptyprocess",
    "decorator",
    "python-discovery",
    "opentelemetry-exporter-otlp-proto-grpc",
    "opentelemetry-exporter-otlp-proto-common",
    "smmap",
    "pexpect",
    "opentelemetry-instrumentation",
    "ruff",
    "docker",
    "pynacl",
    "sortedcontainers",
    "keyring",
    "docstring-parser",
    "uvloop",
    "httptools",
    "fonttools",
    "multiprocess",
    "tabulate",
    "gitdb",
    "matplotlib",
    "isodate",
    "async-timeout",
    "httpx-sse",
    "prompt-toolkit",
    "jaraco-classes",
    "azure-core",
    "secretstorage",
    "jeepney",
    "azure-identity",
    "scikit-learn",
    "itsdangerous",
    "flask",
    "google-cloud-core",
    "hf-xet",
    "bcrypt",
    "jaraco-functools",
    "kiwisolver",
    "jaraco-context",
    "dill",
    "joblib",
    "pytest-cov",
    "pytest-asyncio",
    "contourpy",
    "alembic",
    "orjson",
    "email-validator",
    "deprecated",
    "msal",
    "google-resumable-media",
    "google-crc32c",
    "chardet",
    "ruamel-yaml",
    "defusedxml",
    "threadpoolctl",
    "tokenizers",
    "blinker",
    "snowflake-connector-python",
    "kubernetes",
    "tiktoken",
    "pytest-json-ctrf",
    "mako",
    "cycler",
    "tzlocal",
    "toml",
    "mypy",
    "google-api-python-client",
    "sympy",
    "jsonpointer",
    "poetry-core",
    "nodeenv",
    "databricks-sql-connector",
    "pydantic-graph",
    "xxhash",
    "pyproject-hooks",
    "uv",
    "zstandard",
    "ipython",
    "google-cloud-aiplatform",
    "uritemplate",
    "opentelemetry-exporter-otlp",
    "prometheus-client",
    "google-auth-oauthlib",
    "asn1crypto",
    "google-auth-httplib2",
    "rapidfuzz",
    "google-cloud-bigquery",
    "build",
    "traitlets",
    "opentelemetry-instrumentation-requests",
    "opentelemetry-util-http",
    "google-cloud-secret-manager",
    "paramiko",
    "httplib2",
    "types-requests",
    "ydb",
    "identify",
    "transformers",
    "pre-commit",
    "cfgv",
    "jedi",
    "aiofiles",
    "google-cloud-batch",
    "parso",
    "backoff",
    "executing",
    "weaviate-client",
    "h2",
    "marshmallow",
    "hyperframe",
    "fastjsonschema",
    "hpack",
    "matplotlib-inline",
    "sqlparse",
    "mpmath",
    "durationpy",
    "msal-extensions",
    "jsonpatch",
    "asttokens",
    "setuptools-scm",
    "azure-storage-blob",
    "google-analytics-admin",
    "gunicorn",
    "anthropic",
    "babel",
    "cloudpickle",
    "authlib",
    "grpc-google-iam-v1",
    "pure-eval",
    "stack-data",
    "black",
    "datasets",
    "sentry-sdk",
    "google-cloud-compute",
    "google-cloud-kms",
    "pytest-xdist",
    "langchain-core",
    "asgiref",
    "tornado",
    "gcsfs",
    "xmltodict",
    "webencodings",
    "cython",
    "nest-asyncio",
    "execnet",
    "databricks-sdk",
    "dbt-core",
    "librt",
    "termcolor",
    "python-json-logger",
    "pyee",
    "pandas-stubs",
    "django",
    "jellyfish",
    "tensorflow",
    "selenium",
    "opencv-python",
    "keras",
    "pycrypto",
    "bs4",
    "pygame",
    "psycopg2",
    "flask-cors",
    "boto",
    "mysql-connector-python",
    "seaborn",
    "plotly",
    "nltk",
    "spacy",
    "xgboost",
    "torchvision",
    "streamlit",
    "scrapy",
    "celery",
    "simplejson",
    "ujson",
    "web3",
    "pyinstaller",
    "pyautogui",
    "pyqt5",
    "pymongo",
    "discord-py",
    // Popular in their own right and a slip away from another popular name:
    // listed so they are never reported.
    "cchardet",
    "deprecat",
    "fastai",
    "git-python",
    "jsonpath",
    "psycopg-binary",
    "pyaml",
    "pygam",
    "pyyml",
    "scapy",
    "uri-template",
];

const POPULAR_CRATES: &[&str] = &[
    "syn",
    "bitflags",
    "hashbrown",
    "proc-macro2",
    "quote",
    "libc",
    "cfg-if",
    "base64",
    "rand_core",
    "itoa",
    "rand",
    "serde",
    "regex-syntax",
    "memchr",
    "serde_derive",
    "ryu",
    "autocfg",
    "getrandom",
    "once_cell",
    "lazy_static",
    "unicode-ident",
    "indexmap",
    "log",
    "serde_json",
    "rand_chacha",
    "aho-corasick",
    "regex",
    "smallvec",
    "parking_lot_core",
    "parking_lot",
    "scopeguard",
    "lock_api",
    "heck",
    "thiserror",
    "thiserror-impl",
    "version_check",
    "either",
    "socket2",
    "mio",
    "bytes",
    "tokio",
    "tokio-macros",
    "tokio-util",
    "futures-core",
    "futures-util",
    "futures",
    "futures-task",
    "futures-channel",
    "futures-sink",
    "futures-io",
    "futures-macro",
    "futures-executor",
    "pin-project-lite",
    "pin-utils",
    "slab",
    "strsim",
    "itertools",
    "num-traits",
    "anyhow",
    "clap",
    "clap_lex",
    "clap_builder",
    "clap_derive",
    "time",
    "time-core",
    "time-macros",
    "chrono",
    "digest",
    "block-buffer",
    "generic-array",
    "typenum",
    "crypto-common",
    "sha2",
    "cpufeatures",
    "hex",
    "fastrand",
    "tempfile",
    "rustix",
    "linux-raw-sys",
    "errno",
    "windows-sys",
    "windows-targets",
    "winapi",
    "tracing",
    "tracing-core",
    "tracing-attributes",
    "tracing-subscriber",
    "http",
    "http-body",
    "hyper",
    "h2",
    "httparse",
    "url",
    "idna",
    "percent-encoding",
    "form_urlencoded",
    "unicode-normalization",
    "unicode-bidi",
    "tinyvec",
    "atty",
    "termcolor",
    "env_logger",
    "humantime",
    "ansi_term",
    "textwrap",
    "unicode-width",
    "semver",
    "rustc_version",
    "memoffset",
    "crossbeam-utils",
    "crossbeam-epoch",
    "crossbeam-deque",
    "crossbeam-channel",
    "rayon",
    "rayon-core",
    "num_cpus",
    "hermit-abi",
    "miniz_oxide",
    "adler",
    "crc32fast",
    "flate2",
    "byteorder",
    "toml",
    "toml_edit",
    "toml_datetime",
    "serde_spanned",
    "winnow",
    "nom",
    "minimal-lexical",
    "ppv-lite86",
    "zerocopy",
    "ahash",
    "fnv",
    "siphasher",
    "phf",
    "arrayvec",
    "static_assertions",
    "lru",
    "dashmap",
    "mime",
    "mime_guess",
    "encoding_rs",
    "httpdate",
    "want",
    "try-lock",
    "tower",
    "tower-service",
    "tower-layer",
    "axum",
    "axum-core",
    "matchit",
    "reqwest",
    "rustls",
    "rustls-pemfile",
    "rustls-webpki",
    "webpki-roots",
    "ring",
    "untrusted",
    "spin",
    "openssl",
    "openssl-sys",
    "openssl-probe",
    "native-tls",
    "hyper-tls",
    "hyper-rustls",
    "tokio-rustls",
    "der",
    "pem",
    "pkcs8",
    "spki",
    "zeroize",
    "subtle",
    "hmac",
    "sha1",
    "md-5",
    "sha3",
    "blake2",
    "blake3",
    "constant_time_eq",
    "arrayref",
    "glob",
    "walkdir",
    "same-file",
    "ignore",
    "globset",
    "bstr",
    "regex-automata",
    "cc",
    "pkg-config",
    "vcpkg",
    "jobserver",
    "shlex",
    "bindgen",
    "clang-sys",
    "libloading",
    "which",
    "home",
    "dirs",
    "dirs-sys",
    "directories",
    "uuid",
    "async-trait",
    "async-stream",
    "pin-project",
    "event-listener",
    "async-channel",
    "async-io",
    "async-lock",
    "polling",
    "concurrent-queue",
    "futures-lite",
    "bumpalo",
    "wasm-bindgen",
    "js-sys",
    "web-sys",
    "num-integer",
    "num-bigint",
    "num-rational",
    "num-complex",
    "num",
    "libm",
    "half",
    "ordered-float",
    "rust_decimal",
    "bigdecimal",
    "approx",
    "nalgebra",
    "ndarray",
    "image",
    "png",
    "gif",
    "jpeg-decoder",
    "prost",
    "tonic",
    "protobuf",
    "bincode",
    "serde_yaml",
    "serde_with",
    "serde_urlencoded",
    "csv",
    "quick-xml",
    "xml-rs",
    "zip",
    "tar",
    "bzip2",
    "zstd",
    "lz4_flex",
    "flume",
    "criterion",
    "proptest",
    "quickcheck",
    "insta",
    "pretty_assertions",
    "sqlx",
    "diesel",
    "rusqlite",
    "libsqlite3-sys",
    "postgres",
    "redis",
    "mongodb",
    "actix-web",
    "actix-rt",
    "rocket",
    "warp",
    "tokio-stream",
    "chrono-tz",
    "jsonwebtoken",
    "ed25519-dalek",
    "curve25519-dalek",
    "x25519-dalek",
    "aes",
    "aes-gcm",
    "chacha20poly1305",
    "rsa",
    "p256",
    "k256",
    "ecdsa",
    "elliptic-curve",
    "signature",
    "cipher",
    "indicatif",
    "console",
    "dialoguer",
    "colored",
    "owo-colors",
    "crossterm",
    "ratatui",
    "structopt",
    "paste",
    "derive_more",
    "strum",
    "strum_macros",
    "bytemuck",
    "memmap2",
    "nix",
    "signal-hook",
    "ctrlc",
    "unicode-segmentation",
    "unicase",
    "rustc-hash",
    "fixedbitset",
    "petgraph",
    "hashlink",
    "anstream",
    "anstyle",
    "anstyle-parse",
    "utf8parse",
    "is-terminal",
    "terminal_size",
    "backtrace",
    "rustc-demangle",
    "addr2line",
    "gimli",
    "object",
    "eyre",
    "color-eyre",
    "miette",
    "schemars",
    "config",
    "dotenvy",
    "notify",
    "tungstenite",
    "tokio-tungstenite",
    "serde_bytes",
    "base64ct",
    "sha-1",
    "md5",
    "crc",
    "lazy-regex",
    "fancy-regex",
    "ureq",
    "curl",
    "curl-sys",
    "openssl-macros",
    "foreign-types",
    "rustversion",
    "doc-comment",
    "lalrpop",
    "logos",
    "pest",
    "pest_derive",
    "handlebars",
    "tera",
    "askama",
    "minijinja",
    "yaml-rust",
    "serde_cbor",
    "rmp-serde",
    "ciborium",
    "postcard",
    "bitvec",
    "radium",
    "wyz",
    "funty",
    "tap",
    "slotmap",
    "generational-arena",
    "smol",
    "async-std",
    "async-executor",
    "blocking",
    "tracing-appender",
    "tracing-opentelemetry",
    "opentelemetry",
    "metrics",
    "prometheus",
    "sysinfo",
    "num_enum",
    "enum-map",
    "enumflags2",
    "tinystr",
    "zerovec",
    "icu_properties",
    "camino",
    "fs_extra",
    "fs-err",
    "filetime",
    "tempdir",
];
