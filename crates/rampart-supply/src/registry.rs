//! Dependency confusion: registry configuration that lets a public
//! registry answer for a private package name.
//!
//! Alex Birsan's "Dependency Confusion" (9 February 2021,
//! <https://medium.com/@alex.birsan/dependency-confusion-4a5d60fec610>)
//! published packages named like companies' internal ones on npm, PyPI and
//! RubyGems, with high version numbers, and got code running inside more
//! than 35 companies: their installers asked the public registry too and
//! took its newer version. The defence is that every private name
//! resolves from the private registry only.
//!
//! [`audit`] reads one configuration file:
//! 1. `.npmrc` (<https://docs.npmjs.com/cli/v10/configuring-npm/npmrc>):
//!    `registry=`, `@scope:registry=`, `//host/:_authToken=`,
//!    `always-auth`, `strict-ssl`. npm routes a scoped name by its scope
//!    (<https://docs.npmjs.com/cli/v10/using-npm/scope>) and every
//!    unscoped name to the one default registry.
//! 2. `pip.conf` / `pip.ini` (`[global]`/`[install]` `index-url`,
//!    `extra-index-url`, `trusted-host`) and `requirements.txt` option lines
//!    (`-i`, `--index-url`, `--extra-index-url`, `--trusted-host`). pip has
//!    no index priority: with `--extra-index-url` it gathers the versions
//!    of every index and installs the highest
//!    (<https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-extra-index-url>,
//!    CVE-2018-20225); one `--index-url` to a proxy that serves both, or
//!    hash-checking mode (<https://pip.pypa.io/en/stable/topics/secure-installs/>),
//!    closes that.
//! 3. `.cargo/config.toml` (`[registries.NAME] index`, `[registry]
//!    default`, `[source]` replacement) and `Cargo.toml` (`registry =
//!    "NAME"` on a dependency). Cargo resolves a dependency from crates.io
//!    unless it names another registry
//!    (<https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html#specifying-dependencies-from-other-registries>);
//!    `[registry] default` only chooses where `cargo publish` goes
//!    (<https://doc.rust-lang.org/cargo/reference/config.html#registrydefault>).
//!
//! With a [`Private`] description, every private package named in the
//! manifests must resolve from the private registry only. Without one, only
//! the generic rules apply: plain-HTTP registries, literal credentials, and
//! pip's `--extra-index-url`.

use std::collections::{BTreeMap, BTreeSet};

use crate::lockfile::Ecosystem;
use crate::names::{self, Entry, Src, TomlValue};
use crate::{Finding, InputError, Severity, check_size, sort_findings};

/// Which packages are private and where they live.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Private {
    /// `@acme/*` (an npm scope), `acme-*` (a prefix), or exact names.
    pub patterns: Vec<String>,
    /// URL of the private registry (npm registry, pip index, Cargo index).
    pub registry: String,
    /// Cargo's name for the private registry (`[registries.NAME]`).
    pub registry_name: Option<String>,
}

const NPM_PUBLIC: &str = "https://registry.npmjs.org/";
const PYPI_PUBLIC: &str = "https://pypi.org/simple";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Npmrc,
    PipConf,
    Requirements,
    CargoConfig,
    CargoToml,
}

fn kind(file_name: &str) -> Result<Kind, InputError> {
    let base = names::base_name(file_name);
    let lower = base.to_ascii_lowercase();
    let in_cargo_dir = file_name.replace('\\', "/").contains(".cargo/");
    match lower.as_str() {
        ".npmrc" | "npmrc" => Ok(Kind::Npmrc),
        "pip.conf" | "pip.ini" => Ok(Kind::PipConf),
        "cargo.toml" => Ok(Kind::CargoToml),
        "config.toml" => Ok(Kind::CargoConfig),
        "config" if in_cargo_dir => Ok(Kind::CargoConfig),
        _ if lower.ends_with(".txt") => Ok(Kind::Requirements),
        _ => Err(InputError::new(
            0,
            format!(
                "`{base}` is not a registry configuration Rampart reads: give .npmrc, pip.conf, \
                 pip.ini, requirements.txt, .cargo/config.toml or Cargo.toml"
            ),
        )),
    }
}

/// A private package some manifest depends on.
#[derive(Debug, Clone)]
struct Used {
    name: String,
    /// Which file names it, and where.
    file: String,
    entry: Entry,
    /// True when the file is the one being analysed.
    here: bool,
}

impl Used {
    fn at(&self) -> String {
        format!("{} line {}", self.file, self.entry.dep.line)
    }
}

/// Checks one registry configuration file. `manifests` are other files
/// (package.json, Cargo.toml, requirements.txt, pyproject.toml) that name
/// the dependencies, so the checks know which private packages must
/// resolve where; a requirements.txt or Cargo.toml being analysed counts as
/// a manifest too.
pub fn audit(
    file_name: &str,
    text: &str,
    private: Option<&Private>,
    manifests: &[(&str, &str)],
) -> Result<Vec<Finding>, InputError> {
    check_size("registry configuration", text)?;
    let kind = kind(file_name)?;
    let eco = match kind {
        Kind::Npmrc => Ecosystem::Npm,
        Kind::PipConf | Kind::Requirements => Ecosystem::PyPI,
        Kind::CargoConfig | Kind::CargoToml => Ecosystem::CratesIo,
    };
    let mut all: Vec<Used> = Vec::new();
    for (name, body) in manifests {
        let (m_eco, entries) = names::parse_entries(name, body).map_err(|e| {
            InputError::new(
                0,
                format!("the given manifest {name} could not be read: {e}"),
            )
        })?;
        if m_eco == eco {
            all.extend(entries.into_iter().map(|entry| Used {
                name: entry.dep.name.clone(),
                file: (*name).to_string(),
                entry,
                here: false,
            }));
        }
    }
    if matches!(kind, Kind::Requirements | Kind::CargoToml) {
        let (_, entries) = names::parse_entries(file_name, text)?;
        all.extend(entries.into_iter().map(|entry| Used {
            name: entry.dep.name.clone(),
            file: names::base_name(file_name).to_string(),
            entry,
            here: true,
        }));
    }
    let used: Vec<Used> = match private {
        Some(p) => all
            .iter()
            .filter(|u| {
                u.entry.from_registry && p.patterns.iter().any(|pat| matches(eco, pat, &u.name))
            })
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let mut out = match kind {
        Kind::Npmrc => npmrc(text, private, &used, manifests.is_empty()),
        Kind::PipConf => {
            let cfg = pip_conf(text);
            pip_rules(&cfg, private, &used, &all)
        }
        Kind::Requirements => {
            let cfg = requirements_options(text);
            pip_rules(&cfg, private, &used, &all)
        }
        Kind::CargoConfig => cargo_config(text, private, &used)?,
        Kind::CargoToml => cargo_toml(text, private, &used)?,
    };
    sort_findings(&mut out);
    Ok(out)
}

// ---------------------------------------------------------------------------
// Names, patterns and URLs

/// Whether `name` matches `pattern` (`*` matches any run of characters),
/// comparing names the way the registry does.
fn matches(eco: Ecosystem, pattern: &str, name: &str) -> bool {
    let pattern = names::canonical(eco, pattern);
    let name = names::canonical(eco, name);
    glob(pattern.as_bytes(), name.as_bytes())
}

fn glob(p: &[u8], s: &[u8]) -> bool {
    // Iterative wildcard match with backtracking to the last `*`.
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, si));
            pi += 1;
        } else if pi < p.len() && p[pi] == s[si] {
            pi += 1;
            si += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// The npm scope of a name or a pattern (`@acme/*` -> `@acme`).
fn scope_of(name: &str) -> Option<&str> {
    if name.starts_with('@') {
        name.split_once('/').map(|(s, _)| s)
    } else {
        None
    }
}

/// A URL as registries compare it: no `sparse+`/`registry+`/`git+`
/// prefix, no credentials, scheme and host lower-cased, no trailing `/` or
/// `/simple` (a pip index may be written with or without it).
fn norm_url(url: &str) -> String {
    let mut u = url.trim();
    for prefix in ["sparse+", "registry+", "git+"] {
        if let Some(rest) = u.strip_prefix(prefix) {
            u = rest;
        }
    }
    let (scheme, rest) = match u.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => (String::new(), u),
    };
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = host.rsplit('@').next().unwrap_or(host).to_ascii_lowercase();
    let mut path = path.trim_end_matches('/');
    if let Some(p) = path.strip_suffix("/simple") {
        path = p;
    }
    if scheme.is_empty() {
        format!("{host}{path}")
    } else {
        format!("{scheme}://{host}{path}")
    }
}

fn same_url(a: &str, b: &str) -> bool {
    norm_url(a) == norm_url(b)
}

/// `http://` to anything but this machine.
fn is_plain_http(url: &str) -> bool {
    let n = norm_url(url);
    let Some(rest) = n.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or("");
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    !matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// Whether a configuration value is only environment references
/// (`${NPM_TOKEN}`), which keeps the secret out of the file.
fn is_env_reference(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return true;
    }
    let mut rest = v;
    let mut any = false;
    while let Some(start) = rest.find("${") {
        if !rest[..start].trim().is_empty() {
            return false;
        }
        let Some(end) = rest[start..].find('}') else {
            return false;
        };
        rest = &rest[start + end + 1..];
        any = true;
    }
    any && rest.trim().is_empty()
}

/// A password in `scheme://user:password@host`, unless it is an
/// environment reference.
fn url_password(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let (userinfo, _) = authority.rsplit_once('@')?;
    let secret = userinfo.split_once(':').map_or(userinfo, |(_, p)| p);
    (!is_env_reference(secret)).then(|| secret.to_string())
}

/// `url` with its password replaced by `…`.
fn hide_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or("", |(u, _)| u);
            let shown = if user.is_empty() {
                "…".to_string()
            } else {
                format!("{user}:…")
            };
            format!("{scheme}://{shown}@{host}{}", &rest[authority_end..])
        }
        None => url.to_string(),
    }
}

/// How a secret is shown in a message: only a well-known token prefix
/// (`npm_`, `pypi-`, `cio`...), which says what kind of token leaked
/// without repeating it.
fn redact(secret: &str) -> String {
    const PREFIXES: [&str; 7] = [
        "npm_",
        "pypi-",
        "cio",
        "ghp_",
        "gho_",
        "github_pat_",
        "glpat-",
    ];
    match PREFIXES.iter().find(|p| secret.starts_with(*p)) {
        Some(p) if secret.len() > p.len() + 8 => format!("{p}…"),
        _ => "…".to_string(),
    }
}

fn insecure(line: u32, what: &str, url: &str) -> Finding {
    Finding::new(
        "registry/insecure-url",
        Severity::Error,
        line,
        format!("{what} `{url}` uses plain HTTP"),
    )
    .why(
        "Anyone on the network path (café Wi-Fi, a compromised router, a CI provider's network) \
         can read the credentials sent to it and swap the packages it returns.",
    )
    .fix(format!("Use `{}`.", url.replacen("http://", "https://", 1)))
}

fn token_in_file(line: u32, key: &str, secret: &str, env_fix: &str) -> Finding {
    Finding::new(
        "registry/token-in-file",
        Severity::Error,
        line,
        format!("`{key}` holds a literal credential (`{}`)", redact(secret)),
    )
    .why(
        "A credential in a configuration file ends up in the repository, in CI logs and in every \
         copy of the project; whoever reads it can publish or download as you. Revoke it: it has \
         already leaked.",
    )
    .fix(env_fix.to_string())
}

fn why_confusion() -> &'static str {
    "Dependency confusion (Alex Birsan, 2021): anyone can publish a package with your private \
     name on the public registry, with a higher version, and the installer takes it and runs its \
     install scripts on developer machines and in CI."
}

// ---------------------------------------------------------------------------
// .npmrc

/// One `key=value` line of an ini-style file.
#[derive(Debug, Clone)]
struct IniLine {
    section: String,
    key: String,
    value: String,
    line: u32,
}

/// Reads `key = value` lines, `[section]` headers and `#`/`;` comments;
/// with `continuations`, indented lines continue the previous value, as
/// Python's configparser (and so pip) reads them, one item a line.
fn ini(text: &str, continuations: bool) -> Vec<IniLine> {
    let mut out: Vec<IniLine> = Vec::new();
    let mut section = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let indented = raw.starts_with([' ', '\t']);
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with(';') {
            continue;
        }
        if continuations
            && indented
            && let Some(last) = out.last()
            && last.section == section
        {
            let key = last.key.clone();
            out.push(IniLine {
                section: section.clone(),
                key,
                value: t.to_string(),
                line,
            });
            continue;
        }
        if t.starts_with('[') && t.ends_with(']') {
            section = t[1..t.len() - 1].trim().to_ascii_lowercase();
            continue;
        }
        let Some((k, v)) = t.split_once('=').or_else(|| {
            if continuations {
                t.split_once(':')
            } else {
                None
            }
        }) else {
            continue;
        };
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|x| x.strip_suffix('"'))
            .unwrap_or(v);
        out.push(IniLine {
            section: section.clone(),
            key: k.trim().to_string(),
            value: v.to_string(),
            line,
        });
    }
    out
}

const NPM_SECRET_KEYS: [&str; 3] = ["_authToken", "_auth", "_password"];

fn npmrc(text: &str, private: Option<&Private>, used: &[Used], no_manifests: bool) -> Vec<Finding> {
    let lines = ini(text, false);
    let mut out = Vec::new();
    let mut default: Option<(String, u32)> = None;
    let mut scopes: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for l in &lines {
        let key = l.key.as_str();
        if key == "registry" {
            default = Some((l.value.clone(), l.line));
            if is_plain_http(&l.value) {
                out.push(insecure(l.line, "The default registry", &l.value));
            }
        } else if let Some(scope) = key.strip_suffix(":registry") {
            scopes.insert(scope.to_ascii_lowercase(), (l.value.clone(), l.line));
            if is_plain_http(&l.value) {
                out.push(insecure(
                    l.line,
                    &format!("The registry of `{scope}`"),
                    &l.value,
                ));
            }
        } else if key == "strict-ssl" && l.value.eq_ignore_ascii_case("false") {
            out.push(
                Finding::new(
                    "registry/insecure-url",
                    Severity::Error,
                    l.line,
                    "`strict-ssl=false` turns off certificate checks for every registry",
                )
                .why("Without certificate checks anyone on the network path can pose as the registry and serve their own packages.")
                .fix("Delete the line; if a private registry has its own CA, point `cafile=` at that certificate."),
            );
        } else {
            // `//host/path/:_authToken` is tied to a host; a bare
            // `_authToken` is not.
            let (host, field) = match key.rsplit_once(':') {
                Some((h, f)) if h.starts_with("//") => (Some(h), f),
                _ => (None, key),
            };
            if NPM_SECRET_KEYS.contains(&field) {
                if !is_env_reference(&l.value) {
                    let fix = match host {
                        Some(h) => format!(
                            "Write `{h}:{field}=${{NPM_TOKEN}}` and set NPM_TOKEN in the environment \
                             (a CI secret, or your shell); then revoke the leaked token."
                        ),
                        None => "Write `//your-registry.example/:_authToken=${NPM_TOKEN}` and set NPM_TOKEN in the environment; then revoke the leaked token.".to_string(),
                    };
                    out.push(token_in_file(l.line, key, &l.value, &fix));
                } else if host.is_none() {
                    out.push(
                        Finding::new(
                            "registry/token-in-file",
                            Severity::Warning,
                            l.line,
                            format!("`{key}` is not tied to a registry host"),
                        )
                        .why("A credential without a `//host/:` prefix may be sent to whichever registry npm talks to, including the public one.")
                        .fix(format!("Write it as `//your-registry.example/:{field}={}`.", l.value)),
                    );
                }
            }
        }
    }
    let Some(p) = private else {
        return out;
    };
    let default_url = default.as_ref().map_or(NPM_PUBLIC, |(u, _)| u.as_str());
    let default_is_private = same_url(default_url, &p.registry);

    // Scopes: every private scope must map to the private registry.
    let mut needed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pat in &p.patterns {
        if let Some(s) = scope_of(pat) {
            needed.entry(s.to_ascii_lowercase()).or_default();
        }
    }
    for u in used {
        if let Some(s) = scope_of(&u.name) {
            needed
                .entry(s.to_ascii_lowercase())
                .or_default()
                .push(format!("`{}` ({})", u.name, u.at()));
        }
    }
    for (scope, users) in &needed {
        let uses = if users.is_empty() {
            String::new()
        } else {
            format!(
                " ({} {} it: {})",
                plural(users.len(), "package"),
                if users.len() == 1 { "uses" } else { "use" },
                users.join(", ")
            )
        };
        match scopes.get(scope) {
            Some((url, line)) if !same_url(url, &p.registry) => out.push(
                Finding::new(
                    "registry/unmapped-scope",
                    Severity::Error,
                    *line,
                    format!(
                        "the private scope `{scope}` is mapped to `{url}`, not to the private registry `{}`{uses}",
                        p.registry
                    ),
                )
                .why(why_confusion())
                .fix(format!("Write `{scope}:registry={}`.", p.registry)),
            ),
            Some(_) => {}
            None if default_is_private => {}
            None => out.push(
                Finding::new(
                    "registry/unmapped-scope",
                    Severity::Error,
                    0,
                    format!(
                        "the private scope `{scope}` has no `{scope}:registry=` line, so npm asks the \
                         default registry `{default_url}` for it{uses}"
                    ),
                )
                .why(format!(
                    "{} On the public registry, whoever registers the `{scope}` organisation first owns every name in it.",
                    why_confusion()
                ))
                .fix(format!("Add `{scope}:registry={}`.", p.registry)),
            ),
        }
    }

    // Unscoped private names can only go to the default registry.
    let mut unscoped: Vec<(String, Option<&Used>)> = Vec::new();
    for u in used.iter().filter(|u| scope_of(&u.name).is_none()) {
        unscoped.push((u.name.clone(), Some(u)));
    }
    if no_manifests {
        for pat in p.patterns.iter().filter(|pat| scope_of(pat).is_none()) {
            unscoped.push((pat.clone(), None));
        }
    }
    let mut warned = BTreeSet::new();
    for (name, u) in &unscoped {
        let (what, has, it) = match u {
            Some(u) => (
                format!("the private package `{name}` ({})", u.at()),
                "has",
                "it",
            ),
            None => (
                format!("private packages matching `{name}`"),
                "have",
                "them",
            ),
        };
        if !default_is_private {
            out.push(
                Finding::new(
                    "registry/private-from-public",
                    Severity::Error,
                    default.as_ref().map_or(0, |(_, l)| *l),
                    format!(
                        "{what} {has} no scope, so npm fetches {it} from the default registry \
                         `{default_url}`, where anyone can publish that name"
                    ),
                )
                .why(why_confusion())
                .fix(format!(
                    "Move it into a scope you own and map the scope (`@acme:registry={}`), or make the \
                     private registry the default (`registry={}`) if it proxies the public one.",
                    p.registry, p.registry
                )),
            );
        }
        if warned.insert(name.clone()) {
            out.push(
                Finding::new(
                    "registry/unscoped-private",
                    Severity::Warning,
                    0,
                    format!("{what} {} not in an npm scope", if has == "has" { "is" } else { "are" }),
                )
                .why("An unscoped private name is safe only as long as every machine that installs it uses the right default registry; a scope makes the routing explicit.")
                .fix("Publish private packages under a scope your organisation owns, on the private registry and on npmjs.com."),
            );
        }
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

// ---------------------------------------------------------------------------
// pip

#[derive(Debug, Default)]
struct PipConfig {
    /// `index-url` / `-i`: the last one wins.
    index: Option<(String, u32)>,
    extra: Vec<(String, u32)>,
    trusted: Vec<(String, u32)>,
    find_links: Vec<(String, u32)>,
    no_index: bool,
}

fn pip_conf(text: &str) -> PipConfig {
    let mut cfg = PipConfig::default();
    // pip reads [global] and then the command's own section.
    for l in ini(text, true)
        .into_iter()
        .filter(|l| l.section == "global" || l.section == "install")
    {
        let key = l.key.replace('_', "-").to_ascii_lowercase();
        let values: Vec<&str> = l.value.split_whitespace().collect();
        for v in values {
            match key.as_str() {
                "index-url" | "i" => cfg.index = Some((v.to_string(), l.line)),
                "extra-index-url" => cfg.extra.push((v.to_string(), l.line)),
                "trusted-host" => cfg.trusted.push((v.to_string(), l.line)),
                "find-links" | "f" => cfg.find_links.push((v.to_string(), l.line)),
                "no-index" => cfg.no_index = matches!(v, "true" | "yes" | "1" | "on"),
                _ => {}
            }
        }
    }
    cfg
}

/// The option lines of a requirements file (the requirement lines are
/// read by [`names::parse_entries`]).
fn requirements_options(text: &str) -> PipConfig {
    let mut cfg = PipConfig::default();
    for (i, raw) in text.lines().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let t = names::strip_comment(raw).trim();
        if !t.starts_with('-') {
            continue;
        }
        let (opt, value) = match t.split_once(['=', ' ', '\t']) {
            Some((o, v)) => (o, v.trim().trim_start_matches('=').trim()),
            None => (t, ""),
        };
        let value = value.split_whitespace().next().unwrap_or("").to_string();
        match opt {
            "-i" | "--index-url" => cfg.index = Some((value, line)),
            "--extra-index-url" => cfg.extra.push((value, line)),
            "--trusted-host" => cfg.trusted.push((value, line)),
            "-f" | "--find-links" => cfg.find_links.push((value, line)),
            "--no-index" => cfg.no_index = true,
            _ => {}
        }
    }
    cfg
}

fn pip_rules(
    cfg: &PipConfig,
    private: Option<&Private>,
    used: &[Used],
    all: &[Used],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let index_url = cfg.index.as_ref().map_or(PYPI_PUBLIC, |(u, _)| u.as_str());
    let mut urls: Vec<(&str, &str, u32)> = Vec::new();
    if let Some((u, l)) = &cfg.index {
        urls.push(("The index", u, *l));
    }
    for (u, l) in &cfg.extra {
        urls.push(("The extra index", u, *l));
    }
    for (u, l) in &cfg.find_links {
        urls.push(("The find-links location", u, *l));
    }
    for (what, url, line) in &urls {
        if is_plain_http(url) {
            out.push(insecure(*line, what, url));
        }
        if let Some(secret) = url_password(url) {
            out.push(token_in_file(
                *line,
                &hide_password(url),
                &secret,
                "Leave the credentials out of the URL: pip reads them from keyring or ~/.netrc, or \
                 write `${PIP_PASSWORD}` and set it in the environment (pip expands `${VAR}` in \
                 requirements files); then revoke the leaked one.",
            ));
        }
    }
    for (host, line) in &cfg.trusted {
        out.push(
            Finding::new(
                "registry/insecure-url",
                Severity::Error,
                *line,
                format!("`trusted-host {host}` turns off HTTPS certificate checks for `{host}`"),
            )
            .why("pip then accepts plain HTTP and any certificate from that host, so anyone on the network path can serve you their own packages.")
            .fix(format!("Remove `{host}` from trusted-host and serve the index over HTTPS with a valid certificate.")),
        );
    }

    // Hash-checking mode: when every requirement is pinned with `==` and
    // carries `--hash`, pip only installs files with those hashes, whatever
    // index offers them.
    let reqs: Vec<&Used> = all.iter().filter(|u| u.entry.from_registry).collect();
    let all_hashed = !reqs.is_empty() && reqs.iter().all(|u| u.entry.pinned && u.entry.hashed);

    let private_names: Vec<String> = used
        .iter()
        .map(|u| format!("`{}` ({})", u.name, u.at()))
        .collect();
    for (url, line) in cfg.extra.iter().filter(|(u, _)| !same_url(u, index_url)) {
        let private_here =
            private.is_some_and(|p| same_url(url, &p.registry) || same_url(index_url, &p.registry));
        let (severity, mitigation) = if all_hashed {
            (
                Severity::Warning,
                " Every requirement is pinned with `==` and `--hash`, so pip would refuse a substituted file; keep it that way.",
            )
        } else {
            (Severity::Error, "")
        };
        let affected = if private_here && !private_names.is_empty() {
            format!(": {} could come from either", private_names.join(", "))
        } else {
            String::new()
        };
        out.push(
            Finding::new(
                "registry/extra-index-url",
                severity,
                *line,
                format!(
                    "`--extra-index-url {url}` makes pip merge it with `{index_url}` and install the \
                     highest version of each package from either index{affected}"
                ),
            )
            .why(format!(
                "pip has no index priority (CVE-2018-20225). {} PyTorch's nightly index was hit this way in December 2022 (`torchtriton`).{mitigation}",
                why_confusion()
            ))
            .fix(match private {
                Some(p) => format!(
                    "Use one `--index-url {}` that serves both your packages and a proxy of PyPI, and \
                     no `--extra-index-url`; or pin every requirement with `==` and `--hash` so pip \
                     checks each file.",
                    p.registry
                ),
                None => "Use a single `--index-url` to a proxy that serves both indexes, or pin every requirement with `==` and `--hash`.".to_string(),
            }),
        );
    }

    let Some(p) = private else {
        return out;
    };
    let private_reachable =
        same_url(index_url, &p.registry) || cfg.extra.iter().any(|(u, _)| same_url(u, &p.registry));
    if !private_reachable && !cfg.no_index {
        for u in used {
            let line = if u.here { u.entry.dep.line } else { 0 };
            let mut f = Finding::new(
                "registry/private-from-public",
                Severity::Error,
                line,
                format!(
                    "the private package `{}` ({}) resolves from `{index_url}`: no index here \
                     points at the private registry `{}`",
                    u.name,
                    u.at(),
                    p.registry
                ),
            );
            if u.here {
                f = f.column(u.entry.dep.column);
            }
            out.push(f.why(why_confusion()).fix(format!(
                "Set `--index-url {}` (a proxy that serves your packages and PyPI's).",
                p.registry
            )));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Cargo

fn cargo_config(
    text: &str,
    private: Option<&Private>,
    used: &[Used],
) -> Result<Vec<Finding>, InputError> {
    let doc = names::parse_toml(".cargo/config.toml", text)?;
    let src = Src::new(text);
    let mut out = Vec::new();
    let mut registries: BTreeMap<String, (String, u32)> = BTreeMap::new();
    let token_fix = "Delete the token from this file; use `cargo login` (it stores the token in \
                     ~/.cargo/credentials.toml, outside the project) or the \
                     CARGO_REGISTRIES_<NAME>_TOKEN environment variable, and revoke the leaked token.";
    if let Some(regs) = names::toml_table(&doc, "registries") {
        for (name, value) in regs.iter() {
            let TomlValue::Table(reg) = value.get_ref() else {
                continue;
            };
            if let Some((index, at)) = names::toml_str(reg, "index") {
                let line = src.line(at);
                registries.insert(name.get_ref().to_string(), (index.to_string(), line));
                if is_plain_http(index) {
                    out.push(insecure(
                        line,
                        &format!("The index of registry `{}`", name.get_ref()),
                        index,
                    ));
                }
            }
            if let Some((token, at)) = names::toml_str(reg, "token") {
                out.push(token_in_file(
                    src.line(at),
                    &format!("registries.{}.token", name.get_ref()),
                    token,
                    token_fix,
                ));
            }
        }
    }
    let mut default: Option<(String, u32)> = None;
    if let Some(reg) = names::toml_table(&doc, "registry") {
        if let Some((token, at)) = names::toml_str(reg, "token") {
            out.push(token_in_file(
                src.line(at),
                "registry.token",
                token,
                token_fix,
            ));
        }
        if let Some((name, at)) = names::toml_str(reg, "default") {
            default = Some((name.to_string(), src.line(at)));
        }
    }
    // Source replacement: `[source.crates-io] replace-with = "mirror"`.
    let mut replaced_by: Option<(String, u32)> = None;
    if let Some(sources) = names::toml_table(&doc, "source") {
        let url_of = |name: &str| -> Option<(String, u32)> {
            let TomlValue::Table(s) = sources.get(name)?.get_ref() else {
                return None;
            };
            let (url, at) = names::toml_str(s, "registry")?;
            Some((url.to_string(), src.line(at)))
        };
        for (name, value) in sources.iter() {
            if let TomlValue::Table(s) = value.get_ref()
                && let Some((url, at)) = names::toml_str(s, "registry")
                && is_plain_http(url)
            {
                out.push(insecure(
                    src.line(at),
                    &format!("The source `{}`", name.get_ref()),
                    url,
                ));
            }
        }
        if let Some(TomlValue::Table(cio)) = sources.get("crates-io").map(|v| v.get_ref())
            && let Some((with, _)) = names::toml_str(cio, "replace-with")
        {
            replaced_by = url_of(with).or_else(|| registries.get(with).cloned());
        }
    }
    let Some(p) = private else {
        return Ok(out);
    };
    // The private registry must be defined under the name Cargo.toml uses.
    let wanted = p.registry_name.clone();
    let defined = match &wanted {
        Some(name) => registries
            .get(name)
            .map(|(url, line)| (name.clone(), url.clone(), *line)),
        None => registries
            .iter()
            .find(|(_, (url, _))| same_url(url, &p.registry))
            .map(|(n, (u, l))| (n.clone(), u.clone(), *l)),
    };
    match &defined {
        Some((name, url, line)) if !same_url(url, &p.registry) => out.push(
            Finding::new(
                "registry/unmapped-scope",
                Severity::Error,
                *line,
                format!(
                    "the registry `{name}` points at `{url}`, not at the private registry `{}`",
                    p.registry
                ),
            )
            .why(
                "Every dependency marked `registry = \"".to_string()
                    + name
                    + "\"` would come from that index instead of yours.",
            )
            .fix(format!(
                "Write `index = \"{}\"` under `[registries.{name}]`.",
                p.registry
            )),
        ),
        Some(_) => {}
        None => {
            let name = wanted.clone().unwrap_or_else(|| "acme".to_string());
            out.push(
                Finding::new(
                    "registry/unmapped-scope",
                    Severity::Error,
                    0,
                    format!(
                        "no `[registries.{name}]` table maps the private registry `{}`: Cargo's registry \
                         names play the part of npm scopes",
                        p.registry
                    ),
                )
                .why("Without it Cargo cannot fetch the private crates at all, and the tempting quick fix, dropping `registry = …` from Cargo.toml, sends them to crates.io.")
                .fix(format!("Add\n[registries.{name}]\nindex = \"{}\"", p.registry)),
            );
        }
    }
    let mirror_is_private = replaced_by
        .as_ref()
        .is_some_and(|(u, _)| same_url(u, &p.registry));
    let reg_name = defined
        .as_ref()
        .map(|(n, _, _)| n.as_str())
        .or(wanted.as_deref());
    if !mirror_is_private {
        for u in used {
            if dep_uses_private(u, p, reg_name) {
                continue;
            }
            let note = match &default {
                Some((d, _)) => format!(
                    " (`[registry] default = \"{d}\"` only chooses where `cargo publish` goes; it does not move dependencies)"
                ),
                None => String::new(),
            };
            out.push(
                Finding::new(
                    "registry/private-from-public",
                    Severity::Error,
                    default.as_ref().map_or(0, |(_, l)| *l),
                    match &u.entry.registry {
                        Some((other, _)) => format!(
                            "the private crate `{}` ({}) comes from the registry `{other}`, not from `{}`",
                            u.name,
                            u.at(),
                            reg_name.unwrap_or("acme")
                        ),
                        None => format!(
                            "the private crate `{}` ({}) names no registry, so Cargo resolves it from crates.io{note}",
                            u.name,
                            u.at()
                        ),
                    },
                )
                .why(why_confusion())
                .fix(format!(
                    "In {}, write `{} = {{ version = \"…\", registry = \"{}\" }}`.",
                    u.file,
                    u.name,
                    reg_name.unwrap_or("acme")
                )),
            );
        }
    }
    Ok(out)
}

/// Whether a Cargo dependency resolves from the private registry.
fn dep_uses_private(u: &Used, p: &Private, reg_name: Option<&str>) -> bool {
    if let Some((url, _)) = &u.entry.source_url
        && same_url(url, &p.registry)
    {
        return true;
    }
    match (&u.entry.registry, reg_name) {
        (Some((name, _)), Some(wanted)) => name == wanted,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

fn cargo_toml(
    text: &str,
    private: Option<&Private>,
    used: &[Used],
) -> Result<Vec<Finding>, InputError> {
    let (_, entries) = names::parse_entries("Cargo.toml", text)?;
    let mut out = Vec::new();
    for e in &entries {
        if let Some((url, line)) = &e.source_url
            && is_plain_http(url)
        {
            out.push(insecure(
                *line,
                &format!("The source of `{}`", e.dep.name),
                url,
            ));
        }
    }
    let Some(p) = private else {
        return Ok(out);
    };
    let wanted = p.registry_name.as_deref();
    for u in used {
        if dep_uses_private(u, p, wanted) {
            continue;
        }
        let want = wanted.unwrap_or("acme");
        let (line, message) = match &u.entry.registry {
            Some((other, line)) => (
                *line,
                format!(
                    "the private crate `{}` comes from the registry `{other}`, not from `{want}`",
                    u.name
                ),
            ),
            None => (
                u.entry.dep.line,
                format!(
                    "the private crate `{}` names no registry, so Cargo resolves it from crates.io, \
                     where anyone can publish `{}`",
                    u.name, u.name
                ),
            ),
        };
        let (line, message) = if u.here {
            (line, message)
        } else {
            (0, format!("{message} ({})", u.at()))
        };
        let mut f = Finding::new(
            "registry/private-from-public",
            Severity::Error,
            line,
            message,
        );
        if u.here && u.entry.registry.is_none() {
            f = f.column(u.entry.dep.column);
        }
        out.push(f.why(why_confusion()).fix(format!(
            "Write `{} = {{ version = \"…\", registry = \"{want}\" }}`, with `[registries.{want}]` \
                     in .cargo/config.toml pointing at {}.",
            u.name, p.registry
        )));
    }
    Ok(out)
}
