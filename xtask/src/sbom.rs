//! `cargo xtask sbom`: a CycloneDX 1.6 SBOM of what the site is built from.
//!
//! Rampart teaches learners to publish an SBOM of what they ship; this is
//! ours. It lists:
//!
//! 1. Every Rust crate compiled into the site's wasm: the normal-dependency
//!    closure of `rampart-app` and `rampart-worker` for
//!    `wasm32-unknown-unknown`, with the features those two packages turn
//!    on. It comes from `cargo tree`, not from `cargo metadata`'s resolve:
//!    the resolve unifies features across the whole workspace, so it would
//!    list crates that only the native CLI enables (`syntect`, through
//!    `rampart-course`'s `build` feature), which the wasm never contains.
//!    Build-dependencies and dev-dependencies are left out.
//! 2. Proc-macros and the crates only they use, with `scope: "excluded"`:
//!    they run inside the compiler at build time and generate code, but none
//!    of their own code is shipped. They are listed because a malicious
//!    proc-macro can write anything into the code that is shipped.
//! 3. The workspace's own crates (no hash: they are not downloaded).
//! 4. Every npm package in `tests/e2e/package-lock.json`, read from the
//!    lock as it is: `binaryen` (and what it needs) provides the `wasm-opt`
//!    the build runs; the other dev packages only run the end-to-end tests.
//!    Both get `scope: "excluded"` and a `rampart:usage` property saying
//!    why; a package outside `devDependencies` is left in the default scope.
//!
//! Crate hashes are Cargo.lock's `checksum` (SHA-256 of the `.crate`); npm
//! hashes are the lock's `integrity`, decoded from base64 to hex. The output
//! is deterministic: components sorted, keys sorted, the timestamp from
//! `SOURCE_DATE_EPOCH` or else the HEAD commit's time, and the serial number
//! a UUID derived from a SHA-256 of the rest of the document.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::cmd::{self, root};
use crate::tools::{WASM_TARGET, e2e_dir};

/// The packages whose wasm the site ships.
const SHIPPED_PACKAGES: [&str; 2] = ["rampart-app", "rampart-worker"];
/// The npm package that provides `wasm-opt` for the build (see tools.rs).
const NPM_BUILD_TOOL: &str = "binaryen";
/// The property that says why a component is, or is not, shipped.
const USAGE: &str = "rampart:usage";

/// Writes the SBOM to `out`, creating its folder.
pub fn write_sbom(out: &Path) -> Result<()> {
    let text = generate()?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("Failed to create {}", dir.display()))?;
    }
    std::fs::write(out, text).with_context(|| format!("Failed to write {}", out.display()))
}

/// `cargo xtask sbom [--out FILE]`.
pub fn command(args: &[String]) -> Result<()> {
    let mut out: Option<PathBuf> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--out" => match args.next() {
                Some(v) => v.clone(),
                None => bail!("`--out` needs a file name, e.g. `--out dist/sbom.cdx.json`"),
            },
            other => match other.strip_prefix("--out=") {
                Some(v) => v.to_string(),
                None => bail!("`cargo xtask sbom` does not know `{other}`; it takes --out FILE"),
            },
        };
        out = Some(PathBuf::from(value));
    }
    let out = out.unwrap_or_else(|| root().join("dist").join("sbom.cdx.json"));
    cmd::step(
        &format!("write the CycloneDX SBOM of the site to {}", out.display()),
        || write_sbom(&out),
    )
}

/// The SBOM of the checkout at [`root`], as pretty-printed JSON.
pub fn generate() -> Result<String> {
    let root = root();
    let lock_path = root.join("Cargo.lock");
    let lock = read(&lock_path)?;
    let lock = cargo_lock(&lock).with_context(|| format!("in {}", lock_path.display()))?;
    let everything = parse_tree(&cargo_tree("normal")?).context("reading `cargo tree`")?;
    let shipped =
        parse_tree(&cargo_tree("normal,no-proc-macro")?).context("reading `cargo tree`")?;
    let npm_path = e2e_dir().join("package-lock.json");
    let npm = npm_lock(&read(&npm_path)?).with_context(|| format!("in {}", npm_path.display()))?;
    let manifest = read(&root.join("Cargo.toml"))?;
    let (version, license) = workspace_package(&manifest).context("in Cargo.toml")?;
    let sbom = Sbom {
        version,
        license,
        timestamp: timestamp()?,
        roots: shipped
            .roots
            .iter()
            .map(|(name, version)| crate_purl(name, version))
            .collect(),
        crates: crate_components(&everything, &shipped, &lock)?,
        npm,
    };
    Ok(sbom.to_json())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("Failed to read {}", path.display()))
}

/// `cargo tree` of the shipped packages for wasm, one line per edge, with
/// the depth first and the license after a tab.
fn cargo_tree(edges: &str) -> Result<String> {
    let mut command = cmd::cargo();
    command.args(["tree", "--locked", "--quiet"]);
    for package in SHIPPED_PACKAGES {
        command.args(["-p", package]);
    }
    command.args([
        "--target",
        WASM_TARGET,
        "-e",
        edges,
        "--prefix",
        "depth",
        "--format",
        "{p}\t{l}",
    ]);
    let line = cmd::display(&command);
    let output = command
        .output()
        .with_context(|| format!("could not start `{line}`"))?;
    if !output.status.success() {
        bail!(
            "`{line}` exited with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    String::from_utf8(output.stdout).with_context(|| format!("`{line}` printed non-UTF-8 output"))
}

// ---------------------------------------------------------------------------
// Reading the inputs
// ---------------------------------------------------------------------------

/// A crate by name and version.
type Key = (String, String);

#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct TreeNode {
    license: Option<String>,
    proc_macro: bool,
    deps: BTreeSet<Key>,
}

/// The crates of a `cargo tree --prefix depth` listing and their edges.
#[derive(Debug, Default)]
struct Tree {
    roots: Vec<Key>,
    nodes: BTreeMap<Key, TreeNode>,
}

/// Reads lines like `2wasm-bindgen-macro v0.2.130 (proc-macro)\tMIT OR Apache-2.0 (*)`.
/// A repeated subtree is printed once and marked `(*)`, so every edge
/// still appears: each line's parent is the last line one level up.
fn parse_tree(text: &str) -> Result<Tree> {
    let mut tree = Tree::default();
    let mut path: Vec<Key> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let at = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let line = raw.strip_suffix(" (*)").unwrap_or(raw);
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let depth: usize = line[..digits]
            .parse()
            .with_context(|| format!("line {at} does not start with a depth: {raw:?}"))?;
        let (package, license) = line[digits..]
            .split_once('\t')
            .unwrap_or((&line[digits..], ""));
        let mut words = package.split_whitespace();
        let (Some(name), Some(version)) =
            (words.next(), words.next().and_then(|v| v.strip_prefix('v')))
        else {
            bail!("line {at} is not `name vVERSION`: {raw:?}");
        };
        let proc_macro = words.any(|w| w == "(proc-macro)");
        let key = (name.to_string(), version.to_string());
        if depth > path.len() {
            bail!("line {at} is nested deeper than the line before it: {raw:?}");
        }
        path.truncate(depth);
        match path.last() {
            Some(parent) => {
                tree.nodes
                    .entry(parent.clone())
                    .or_default()
                    .deps
                    .insert(key.clone());
            }
            None => tree.roots.push(key.clone()),
        }
        let node = tree.nodes.entry(key.clone()).or_default();
        node.proc_macro |= proc_macro;
        let license = license.trim();
        if !license.is_empty() {
            node.license = Some(spdx(license));
        }
        path.push(key);
    }
    if tree.roots.is_empty() {
        bail!("`cargo tree` listed no packages");
    }
    Ok(tree)
}

/// Cargo's old `MIT/Apache-2.0` as the SPDX expression it means.
fn spdx(license: &str) -> String {
    license
        .split('/')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// A Cargo.lock `[[package]]`: whether it came from a registry, and its checksum.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Locked {
    source: Option<String>,
    checksum: Option<String>,
}

fn cargo_lock(text: &str) -> Result<BTreeMap<Key, Locked>> {
    let doc: toml::Table = toml::from_str(text).context("Cargo.lock is not valid TOML")?;
    let packages = doc
        .get("package")
        .and_then(toml::Value::as_array)
        .context("Cargo.lock has no [[package]] entries")?;
    let mut out = BTreeMap::new();
    for (i, package) in packages.iter().enumerate() {
        let field = |key: &str| package.get(key).and_then(toml::Value::as_str);
        let (Some(name), Some(version)) = (field("name"), field("version")) else {
            bail!("[[package]] number {} has no name or version", i + 1);
        };
        let locked = Locked {
            source: field("source").map(str::to_string),
            checksum: field("checksum").map(str::to_ascii_lowercase),
        };
        let key = (name.to_string(), version.to_string());
        if out.insert(key, locked).is_some() {
            bail!(
                "{name} {version} is in Cargo.lock twice (from two sources); the SBOM cannot tell which one the build uses"
            );
        }
    }
    Ok(out)
}

/// `[workspace.package]` version and license.
fn workspace_package(manifest: &str) -> Result<(String, String)> {
    let doc: toml::Table = toml::from_str(manifest).context("not valid TOML")?;
    let package = doc
        .get("workspace")
        .and_then(|w| w.get("package"))
        .context("no [workspace.package]")?;
    let field = |key: &str| {
        package
            .get(key)
            .and_then(toml::Value::as_str)
            .map(str::to_string)
            .with_context(|| format!("[workspace.package] has no `{key}`"))
    };
    Ok((field("version")?, field("license")?))
}

/// One component of the SBOM.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Component {
    name: String,
    version: String,
    purl: String,
    license: Option<String>,
    /// (CycloneDX algorithm, lowercase hex).
    hash: Option<(&'static str, String)>,
    /// Why the component is not shipped; `None` for shipped ones.
    excluded: Option<String>,
    /// Extra `rampart:usage` text for shipped or required components.
    usage: Option<String>,
    depends_on: BTreeSet<String>,
}

fn crate_purl(name: &str, version: &str) -> String {
    format!("pkg:cargo/{}@{}", purl_encode(name), purl_encode(version))
}

/// The crates of the SBOM: shipped ones from `shipped`, build-time ones from
/// the rest of `everything`.
fn crate_components(
    everything: &Tree,
    shipped: &Tree,
    lock: &BTreeMap<Key, Locked>,
) -> Result<Vec<Component>> {
    let mut out = Vec::new();
    for (key, node) in &everything.nodes {
        let (name, version) = key;
        let locked = lock.get(key).with_context(|| {
            format!("`cargo tree` lists {name} {version}, which Cargo.lock does not have")
        })?;
        let is_shipped = shipped.nodes.contains_key(key);
        // Edges of shipped crates come from the wasm-only listing, so that a
        // crate's host-only dependencies (used when a proc-macro needs it)
        // are not charged to the wasm; edges into proc-macros are added back.
        let deps: BTreeSet<&Key> = if is_shipped {
            let target = shipped.nodes.get(key).map(|n| &n.deps);
            target
                .into_iter()
                .flatten()
                .chain(
                    node.deps
                        .iter()
                        .filter(|d| everything.nodes.get(*d).is_some_and(|dep| dep.proc_macro)),
                )
                .collect()
        } else {
            node.deps.iter().collect()
        };
        let local = locked.source.is_none();
        let excluded = match (is_shipped, node.proc_macro) {
            (true, _) => None,
            (false, true) => Some("build-time only: a proc-macro, run by the compiler to generate code; none of its own code is in the site's wasm".to_string()),
            (false, false) => Some("build-time only: used by proc-macros when the compiler runs them; not in the site's wasm".to_string()),
        };
        let hash = match (&locked.checksum, local) {
            (Some(sum), _) => Some(("SHA-256", sum.clone())),
            (None, true) => None,
            (None, false) => {
                bail!(
                    "{name} {version} comes from {:?} but Cargo.lock records no checksum for it",
                    locked.source
                )
            }
        };
        out.push(Component {
            name: name.clone(),
            version: version.clone(),
            purl: crate_purl(name, version),
            license: node.license.clone(),
            hash,
            excluded,
            usage: local.then(|| {
                "workspace crate of this repository (a path dependency, not downloaded from crates.io)"
                    .to_string()
            }),
            depends_on: deps.into_iter().map(|(n, v)| crate_purl(n, v)).collect(),
        });
    }
    for root in &shipped.roots {
        if !out
            .iter()
            .any(|c| (&c.name, &c.version) == (&root.0, &root.1))
        {
            bail!(
                "`cargo tree` lists {} {} without dependencies",
                root.0,
                root.1
            );
        }
    }
    Ok(out)
}

/// The npm packages of a package-lock.json (lockfileVersion 2 or 3), and
/// the refs of the project's direct dependencies.
#[derive(Debug, Default)]
struct Npm {
    components: Vec<Component>,
    direct: BTreeSet<String>,
}

fn npm_lock(text: &str) -> Result<Npm> {
    let doc: Value = serde_json::from_str(text).context("package-lock.json is not valid JSON")?;
    let version = doc.get("lockfileVersion").and_then(Value::as_u64);
    if !matches!(version, Some(2 | 3)) {
        bail!(
            "lockfileVersion is {version:?}; the SBOM reads lockfileVersion 2 or 3 (npm 7 or later)"
        );
    }
    let packages = doc
        .get("packages")
        .and_then(Value::as_object)
        .context("package-lock.json has no \"packages\" object")?;
    // Install path → (name, version), for resolving dependencies the way
    // Node does: the nearest node_modules folder up the tree wins.
    let mut by_path: BTreeMap<&str, (String, String)> = BTreeMap::new();
    for (path, entry) in packages {
        if path.is_empty() || entry.get("link").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let Some(tail) = path.rsplit_once("node_modules/").map(|(_, t)| t) else {
            continue;
        };
        let name = entry
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or(tail)
            .to_string();
        let version = entry
            .get("version")
            .and_then(Value::as_str)
            .with_context(|| format!("\"{path}\" has no \"version\""))?;
        by_path.insert(path, (name, version.to_string()));
    }
    let resolve = |from: &str, dep: &str| -> Option<String> {
        let mut base = from.to_string();
        loop {
            let candidate = if base.is_empty() {
                format!("node_modules/{dep}")
            } else {
                format!("{base}/node_modules/{dep}")
            };
            if let Some((name, version)) = by_path.get(candidate.as_str()) {
                return Some(npm_purl(name, version));
            }
            if base.is_empty() {
                return None;
            }
            base = match base.rsplit_once("/node_modules/") {
                Some((parent, _)) => parent.to_string(),
                None => String::new(),
            };
        }
    };
    let dep_names = |entry: &Value, keys: &[&str]| -> Vec<String> {
        keys.iter()
            .filter_map(|k| entry.get(*k).and_then(Value::as_object))
            .flat_map(|m| m.keys().cloned())
            .collect()
    };
    // What binaryen needs is as much a build tool as binaryen itself.
    let mut build_tools: BTreeSet<String> = BTreeSet::new();
    let mut queue: Vec<String> = resolve("", NPM_BUILD_TOOL).into_iter().collect();
    let purl_to_path: BTreeMap<String, &str> = by_path
        .iter()
        .map(|(path, (n, v))| (npm_purl(n, v), *path))
        .collect();
    while let Some(purl) = queue.pop() {
        if !build_tools.insert(purl.clone()) {
            continue;
        }
        if let Some(path) = purl_to_path.get(&purl)
            && let Some(entry) = packages.get(*path)
        {
            for dep in dep_names(entry, &["dependencies", "optionalDependencies"]) {
                queue.extend(resolve(path, &dep));
            }
        }
    }
    let mut components: BTreeMap<String, Component> = BTreeMap::new();
    for (path, (name, version)) in &by_path {
        let entry = &packages[*path];
        let purl = npm_purl(name, version);
        let hash = match entry.get("integrity").and_then(Value::as_str) {
            Some(sri) => Some(
                strongest_hash(sri)
                    .with_context(|| format!("\"{path}\" has an unreadable integrity {sri:?}"))?,
            ),
            None => None,
        };
        let dev = entry.get("dev").and_then(Value::as_bool) == Some(true);
        let excluded = match (dev, build_tools.contains(&purl)) {
            (false, _) => None,
            (true, true) => Some("build-time only: binaryen provides wasm-opt, which optimises the site's wasm during `trunk build`; none of its code is shipped".to_string()),
            (true, false) => Some("test-only: used by the end-to-end tests in tests/e2e; not shipped".to_string()),
        };
        let usage = (!dev).then(|| {
            "in \"dependencies\" (not \"devDependencies\") of tests/e2e/package.json".to_string()
        });
        let depends_on = dep_names(entry, &["dependencies", "optionalDependencies"])
            .iter()
            .filter_map(|dep| resolve(path, dep))
            .collect();
        let component = Component {
            name: name.clone(),
            version: version.clone(),
            purl: purl.clone(),
            license: entry
                .get("license")
                .and_then(Value::as_str)
                .map(str::to_string),
            hash,
            excluded,
            usage,
            depends_on,
        };
        // npm may install the same name and version at several paths.
        components
            .entry(purl)
            .and_modify(|c| c.depends_on.extend(component.depends_on.iter().cloned()))
            .or_insert(component);
    }
    let direct = packages
        .get("")
        .map(|root| {
            dep_names(
                root,
                &["dependencies", "devDependencies", "optionalDependencies"],
            )
        })
        .unwrap_or_default()
        .iter()
        .filter_map(|dep| resolve("", dep))
        .collect();
    Ok(Npm {
        components: components.into_values().collect(),
        direct,
    })
}

/// `pkg:npm/%40scope/name@1.0.0`: the scope's `@` percent-encoded, as the
/// purl specification requires, and names lowercased (npm's purl rule).
fn npm_purl(name: &str, version: &str) -> String {
    let lower = name.to_lowercase();
    let path = match lower.split_once('/') {
        Some((scope, rest)) if scope.starts_with('@') => {
            format!("{}/{}", purl_encode(scope), purl_encode(rest))
        }
        _ => purl_encode(&lower),
    };
    format!("pkg:npm/{path}@{}", purl_encode(version))
}

/// Percent-encodes everything but ASCII letters, digits and `.-_~`.
fn purl_encode(s: &str) -> String {
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

/// The strongest hash of a Subresource Integrity value
/// (`sha512-<base64> sha1-<base64>`), as (CycloneDX algorithm, hex).
fn strongest_hash(sri: &str) -> Result<(&'static str, String)> {
    const ALGS: [(&str, &str, usize); 4] = [
        ("sha512", "SHA-512", 64),
        ("sha384", "SHA-384", 48),
        ("sha256", "SHA-256", 32),
        ("sha1", "SHA-1", 20),
    ];
    for (prefix, alg, len) in ALGS {
        for part in sri.split_whitespace() {
            let Some(b64) = part.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) else {
                continue;
            };
            // An SRI hash may carry options after `?`.
            let b64 = b64.split('?').next().unwrap_or(b64);
            let bytes = base64_decode(b64)?;
            if bytes.len() != len {
                bail!("its {prefix} hash is {} bytes, not {len}", bytes.len());
            }
            return Ok((alg, bytes.iter().map(|b| format!("{b:02x}")).collect()));
        }
    }
    bail!("no sha512, sha384, sha256 or sha1 hash in it")
}

/// Standard base64 with `=` padding (what SRI uses).
fn base64_decode(s: &str) -> Result<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => bail!("{:?} is not a base64 character", c as char),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        bail!("base64 text of impossible length");
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------

/// `SOURCE_DATE_EPOCH` (reproducible builds) or the HEAD commit's time;
/// `None` when neither is available (no git, not a checkout).
fn timestamp() -> Result<Option<String>> {
    if let Some(epoch) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let text = epoch.to_string_lossy();
        let seconds: i64 = text
            .trim()
            .parse()
            .with_context(|| format!("SOURCE_DATE_EPOCH is {text:?}, not a number of seconds"))?;
        return Ok(Some(rfc3339_utc(seconds)));
    }
    let head = cmd::probe(cmd::program("git").args(["log", "-1", "--format=%cI"]));
    Ok(head.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
fn rfc3339_utc(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

struct Sbom {
    version: String,
    license: String,
    timestamp: Option<String>,
    /// The purls of the shipped packages.
    roots: Vec<String>,
    crates: Vec<Component>,
    npm: Npm,
}

impl Sbom {
    fn to_json(&self) -> String {
        let subject = format!("rampart-site@{}", self.version);
        let mut components: Vec<&Component> =
            self.crates.iter().chain(&self.npm.components).collect();
        components.sort_by(|a, b| a.purl.cmp(&b.purl));
        let mut dependencies = vec![json!({
            "ref": subject,
            "dependsOn": self
                .roots
                .iter()
                .chain(&self.npm.direct)
                .cloned()
                .collect::<Vec<_>>(),
        })];
        dependencies.extend(components.iter().map(
            |c| json!({ "ref": c.purl, "dependsOn": c.depends_on.iter().collect::<Vec<_>>() }),
        ));
        let mut metadata = json!({
            "component": {
                "type": "application",
                "bom-ref": subject,
                "name": "rampart",
                "version": self.version,
                "description": "The Rampart site: the web app and its grading worker (wasm), built with Trunk.",
                "licenses": [{ "expression": self.license }],
            },
            "tools": {
                "components": [{
                    "type": "application",
                    "name": "cargo xtask sbom",
                    "version": self.version,
                }],
            },
            "lifecycles": [{ "phase": "build" }],
        });
        if let Some(t) = &self.timestamp {
            metadata["timestamp"] = json!(t);
        }
        let mut doc = json!({
            "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "version": 1,
            "metadata": metadata,
            "components": components.iter().map(|c| c.to_json()).collect::<Vec<_>>(),
            "dependencies": dependencies,
        });
        let digest = Sha256::digest(doc.to_string().as_bytes());
        doc["serialNumber"] = json!(format!("urn:uuid:{}", uuid_from(&digest)));
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        text.push('\n');
        text
    }
}

impl Component {
    fn to_json(&self) -> Value {
        let mut c = json!({
            "type": "library",
            "bom-ref": self.purl,
            "name": self.name,
            "version": self.version,
            "purl": self.purl,
        });
        if let Some(license) = &self.license {
            c["licenses"] = json!([{ "expression": license }]);
        }
        if let Some((alg, hex)) = &self.hash {
            c["hashes"] = json!([{ "alg": alg, "content": hex }]);
        }
        let mut properties = Vec::new();
        if let Some(why) = &self.excluded {
            c["scope"] = json!("excluded");
            properties.push(json!({ "name": USAGE, "value": why }));
        }
        if let Some(usage) = &self.usage {
            properties.push(json!({ "name": USAGE, "value": usage }));
        }
        if !properties.is_empty() {
            c["properties"] = json!(properties);
        }
        c
    }
}

/// An RFC 9562 version 8 (custom) UUID from the first 16 bytes of a digest.
fn uuid_from(digest: &[u8]) -> String {
    let mut b = [0u8; 16];
    for (slot, byte) in b.iter_mut().zip(digest) {
        *slot = *byte;
    }
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use rampart_supply::lockfile::{self, Lockfile};
    use rampart_supply::sbom::audit;
    use serde_json::Value;

    use super::*;

    #[test]
    fn a_tree_listing_keeps_every_edge_even_under_repeated_subtrees() {
        let text = "0app v0.1.0 (/w/app)\tMIT OR Apache-2.0\n\
                    1serde v1.0.1\tMIT/Apache-2.0\n\
                    2serde_derive v1.0.1 (proc-macro)\tMIT OR Apache-2.0\n\
                    3syn v2.0.0\tMIT\n\
                    1helper v0.2.0\t\n\
                    2serde v1.0.1\tMIT/Apache-2.0 (*)\n\
                    \n\
                    0worker v0.1.0 (/w/worker)\tMIT (*)\n";
        let tree = parse_tree(text).expect("parses");
        let key = |n: &str, v: &str| (n.to_string(), v.to_string());
        assert_eq!(
            tree.roots,
            vec![key("app", "0.1.0"), key("worker", "0.1.0")]
        );
        let helper = &tree.nodes[&key("helper", "0.2.0")];
        assert!(helper.deps.contains(&key("serde", "1.0.1")));
        assert_eq!(helper.license, None);
        let serde = &tree.nodes[&key("serde", "1.0.1")];
        assert_eq!(serde.license.as_deref(), Some("MIT OR Apache-2.0"));
        assert!(!serde.proc_macro);
        assert!(tree.nodes[&key("serde_derive", "1.0.1")].proc_macro);
        assert!(
            tree.nodes[&key("serde_derive", "1.0.1")]
                .deps
                .contains(&key("syn", "2.0.0"))
        );
    }

    #[test]
    fn a_broken_tree_listing_is_an_error_naming_the_line() {
        let err = parse_tree("0app v0.1.0\n2deep v1.0.0\n").expect_err("a skipped level");
        assert!(format!("{err:#}").contains("line 2"), "{err:#}");
        let err = parse_tree("0app v0.1.0\n1no-version\n").expect_err("no version");
        assert!(format!("{err:#}").contains("line 2"), "{err:#}");
        assert!(parse_tree("\n").is_err());
    }

    #[test]
    fn integrity_becomes_hex_of_the_strongest_hash() {
        // SHA-256 and SHA-1 of the empty string, as SRI base64.
        let sri =
            "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk= sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        assert_eq!(
            strongest_hash(sri).expect("decodes"),
            (
                "SHA-256",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".to_string()
            )
        );
        assert_eq!(
            strongest_hash("sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=")
                .expect("decodes")
                .1,
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert!(strongest_hash("sha512-AAAA").is_err(), "too short");
        assert!(strongest_hash("md5-1B2M2Y8AsgTpgAmY7PhCfg==").is_err());
        assert!(strongest_hash("sha256-!!!").is_err());
    }

    #[test]
    fn npm_purls_encode_the_scope() {
        assert_eq!(
            npm_purl("@playwright/test", "1.65.1"),
            "pkg:npm/%40playwright/test@1.65.1"
        );
        assert_eq!(npm_purl("axe-core", "4.13.0"), "pkg:npm/axe-core@4.13.0");
        assert_eq!(
            crate_purl("toml", "0.9.12+spec-1.1.0"),
            "pkg:cargo/toml@0.9.12%2Bspec-1.1.0"
        );
    }

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_700_000_000), "2023-11-14T22:13:20Z");
    }

    const NPM_LOCK: &str = r#"{
      "name": "demo", "lockfileVersion": 3,
      "packages": {
        "": { "name": "demo", "dependencies": { "left-pad": "1.3.0" },
              "devDependencies": { "@scope/tester": "2.0.0", "binaryen": "132.0.0" } },
        "node_modules/@scope/tester": { "version": "2.0.0", "dev": true, "license": "MIT",
              "integrity": "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
              "dependencies": { "left-pad": "^1.0.0" } },
        "node_modules/@scope/tester/node_modules/left-pad": { "version": "1.1.0", "dev": true,
              "integrity": "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=" },
        "node_modules/binaryen": { "version": "132.0.0", "dev": true,
              "integrity": "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
              "dependencies": { "wasm-helper": "1.0.0" } },
        "node_modules/wasm-helper": { "version": "1.0.0", "dev": true },
        "node_modules/left-pad": { "version": "1.3.0", "license": "WTFPL",
              "integrity": "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=" }
      }
    }"#;

    #[test]
    fn npm_packages_get_scope_and_reason_from_the_lock() {
        let npm = npm_lock(NPM_LOCK).expect("reads");
        let by_purl: BTreeMap<&str, &Component> = npm
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c))
            .collect();
        assert_eq!(by_purl.len(), 5);
        let tester = by_purl["pkg:npm/%40scope/tester@2.0.0"];
        assert!(
            tester
                .excluded
                .as_deref()
                .is_some_and(|w| w.starts_with("test-only"))
        );
        // The nested copy, not the top-level one, is what tester loads.
        assert_eq!(
            tester.depends_on.iter().collect::<Vec<_>>(),
            ["pkg:npm/left-pad@1.1.0"]
        );
        for build in ["pkg:npm/binaryen@132.0.0", "pkg:npm/wasm-helper@1.0.0"] {
            assert!(
                by_purl[build]
                    .excluded
                    .as_deref()
                    .is_some_and(|w| w.starts_with("build-time")),
                "{build}"
            );
        }
        let runtime = by_purl["pkg:npm/left-pad@1.3.0"];
        assert_eq!(runtime.excluded, None);
        assert!(runtime.usage.is_some());
        assert_eq!(by_purl["pkg:npm/wasm-helper@1.0.0"].hash, None);
        assert_eq!(
            npm.direct.iter().collect::<Vec<_>>(),
            [
                "pkg:npm/%40scope/tester@2.0.0",
                "pkg:npm/binaryen@132.0.0",
                "pkg:npm/left-pad@1.3.0"
            ]
        );
    }

    #[test]
    fn an_npm_lock_rampart_cannot_read_is_refused() {
        assert!(npm_lock(r#"{"lockfileVersion": 1, "dependencies": {}}"#).is_err());
        let err = npm_lock(r#"{"lockfileVersion": 3, "packages": {"node_modules/x": {}}}"#)
            .expect_err("no version");
        assert!(format!("{err:#}").contains("node_modules/x"), "{err:#}");
    }

    // ----- The SBOM of this repository ------------------------------------

    fn repo_file(path: &str) -> String {
        let path = root().join(path);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The SBOM with only the components whose purl starts with `prefix`,
    /// and no dependency graph: one lockfile describes one ecosystem.
    fn only(sbom: &Value, prefix: &str) -> String {
        let mut doc = sbom.clone();
        let components = doc["components"].as_array_mut().expect("components");
        components.retain(|c| c["purl"].as_str().is_some_and(|p| p.starts_with(prefix)));
        doc.as_object_mut().expect("object").remove("dependencies");
        serde_json::to_string_pretty(&doc).expect("serialises")
    }

    fn components(sbom: &Value) -> Vec<&Value> {
        sbom["components"]
            .as_array()
            .expect("components")
            .iter()
            .collect()
    }

    #[test]
    fn the_site_sbom_is_valid_complete_and_only_lists_what_the_site_is_built_from() {
        let text = generate().expect("generates");
        assert_eq!(
            generate().expect("generates again"),
            text,
            "not deterministic"
        );
        let findings = audit(&text, None).expect("readable");
        assert!(findings.is_empty(), "structure findings: {findings:#?}");
        let sbom: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(sbom["specVersion"], "1.6");
        assert_eq!(sbom["metadata"]["component"]["type"], "application");
        let subject = &sbom["metadata"]["component"]["bom-ref"];
        let graph = sbom["dependencies"].as_array().expect("dependencies");
        let top = graph
            .iter()
            .find(|d| d["ref"] == *subject)
            .expect("the site is in the dependency graph");
        for package in SHIPPED_PACKAGES {
            assert!(
                top["dependsOn"]
                    .as_array()
                    .expect("dependsOn")
                    .iter()
                    .any(|r| r
                        .as_str()
                        .is_some_and(|r| r.starts_with(&format!("pkg:cargo/{package}@")))),
                "the site does not depend on {package}: {top}"
            );
        }

        // Against Cargo.lock: every crate listed matches its lock entry
        // (version, purl, hash); what is missing is only what the wasm
        // does not contain.
        let cargo_lock: Lockfile =
            lockfile::parse("Cargo.lock", &repo_file("Cargo.lock")).expect("Cargo.lock");
        let findings = audit(&only(&sbom, "pkg:cargo/"), Some(&cargo_lock)).expect("readable");
        let listed: BTreeSet<(&str, &str)> = components(&sbom)
            .iter()
            .filter_map(|c| Some((c["name"].as_str()?, c["version"].as_str()?)))
            .collect();
        let mut missing = BTreeSet::new();
        for f in &findings {
            assert_eq!(f.rule, "sbom/missing-component", "{f:#?}");
            // "NAME VERSION (Cargo.lock line N) is not in the SBOM."
            let mut words = f.message.split_whitespace();
            let (name, version) = (
                words.next().unwrap_or_default(),
                words.next().unwrap_or_default(),
            );
            assert!(
                !listed.contains(&(name, version)),
                "listed yet missing: {f:#?}"
            );
            missing.insert(name.to_string());
        }
        for native in ["clap", "syntect", "criterion"] {
            assert!(missing.contains(native), "{native} should be left out");
            assert!(
                !listed.iter().any(|(name, _)| *name == native),
                "{native} is native-only"
            );
        }
        for shipped in ["leptos", "wasm-bindgen"] {
            let version = crate::tools::locked_version(shipped).expect("in Cargo.lock");
            let found = components(&sbom).into_iter().find(|c| c["name"] == shipped);
            let found = found.unwrap_or_else(|| panic!("{shipped} is not in the SBOM"));
            assert_eq!(found["version"], version.as_str());
            assert_eq!(found["purl"], format!("pkg:cargo/{shipped}@{version}"));
            assert_eq!(found.get("scope"), None, "{shipped} is shipped");
        }
        let derive = components(&sbom)
            .into_iter()
            .find(|c| c["name"] == "serde_derive")
            .expect("serde_derive, a proc-macro, is listed");
        assert_eq!(derive["scope"], "excluded");

        // Against package-lock.json: every npm package, nothing else, all
        // excluded from what is shipped when the lock says dev.
        let npm_text = repo_file("tests/e2e/package-lock.json");
        let npm_lock = lockfile::parse("package-lock.json", &npm_text).expect("package-lock");
        let findings = audit(&only(&sbom, "pkg:npm/"), Some(&npm_lock)).expect("readable");
        assert!(findings.is_empty(), "npm findings: {findings:#?}");
        let raw: Value = serde_json::from_str(&npm_text).expect("JSON");
        for (path, entry) in raw["packages"].as_object().expect("packages") {
            let Some((_, name)) = path.rsplit_once("node_modules/") else {
                continue;
            };
            let version = entry["version"].as_str().expect("version");
            let purl = match name.split_once('/') {
                Some((scope, rest)) => format!(
                    "pkg:npm/%40{}/{rest}@{version}",
                    scope.trim_start_matches('@')
                ),
                None => format!("pkg:npm/{name}@{version}"),
            };
            let c = components(&sbom)
                .into_iter()
                .find(|c| c["purl"] == purl.as_str())
                .unwrap_or_else(|| panic!("{purl} ({path}) is not in the SBOM"));
            if entry["dev"] == true {
                assert_eq!(c["scope"], "excluded", "{purl}");
                assert!(
                    c["properties"][0]["value"]
                        .as_str()
                        .is_some_and(|v| v.contains("not shipped")
                            || v.contains("none of its code is shipped")),
                    "{purl}: {c}"
                );
            }
        }
    }
}
