//! OSV advisories (<https://ossf.github.io/osv-schema/>): parsing, and
//! deciding whether a package version is affected.
//!
//! The evaluation follows the `IsVulnerable` algorithm of the OSV schema's
//! "Evaluation" section:
//! 1. a version is affected when it is listed in `versions`, or when a
//!    range includes it;
//! 2. ranges of type `GIT` need a repository's commit graph and are
//!    ignored here;
//! 3. a range applies only to versions below one of its `limit` events (no
//!    `limit` means no bound; `"*"` is infinity);
//! 4. the events are sorted by version and walked in order: `introduced`
//!    at or below the version makes it vulnerable, a `fixed` at or below
//!    makes it safe again, a `last_affected` strictly below makes it safe
//!    again. `"0"` as `introduced` sorts before every version.
//!
//! Versions compare by SemVer 2.0 precedence (pre-releases sort before the
//! release, build metadata is ignored) for crates.io and npm, and by a PEP
//! 440 subset for PyPI (epoch, release, `a`/`b`/`rc`, `.post`, `.dev`,
//! local versions). A withdrawn advisory affects nothing.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::InputError;
use crate::json::{self, Node};
use crate::lockfile::Ecosystem;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advisory {
    pub id: String,
    /// Empty when the record has none.
    pub summary: String,
    pub details: String,
    pub aliases: Vec<String>,
    pub affected: Vec<Affected>,
    /// When the advisory was withdrawn (RFC 3339); a withdrawn advisory
    /// affects nothing.
    pub withdrawn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Affected {
    /// OSV ecosystem name ("crates.io", "npm", "PyPI", ...); empty when the
    /// entry names no package.
    pub ecosystem: String,
    pub name: String,
    pub ranges: Vec<Range>,
    pub versions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub kind: RangeKind,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RangeKind {
    Semver,
    Ecosystem,
    Git,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Introduced(String),
    Fixed(String),
    LastAffected(String),
    Limit(String),
}

impl Event {
    pub fn version(&self) -> &str {
        match self {
            Event::Introduced(v) | Event::Fixed(v) | Event::LastAffected(v) | Event::Limit(v) => v,
        }
    }

    fn key(&self) -> &'static str {
        match self {
            Event::Introduced(_) => "introduced",
            Event::Fixed(_) => "fixed",
            Event::LastAffected(_) => "last_affected",
            Event::Limit(_) => "limit",
        }
    }
}

impl Advisory {
    /// Whether `version` of package `name` in `eco` is affected.
    pub fn affects(&self, eco: Ecosystem, name: &str, version: &str) -> bool {
        if self.withdrawn.is_some() {
            return false;
        }
        self.entries(eco, name)
            .any(|a| in_versions(eco, version, &a.versions) || in_ranges(eco, version, &a.ranges))
    }

    /// Whether any `affected` entry names this package (whatever the
    /// version).
    pub fn mentions(&self, eco: Ecosystem, name: &str) -> bool {
        self.entries(eco, name).next().is_some()
    }

    /// The affected versions in words, e.g. `">= 0, < 0.2.23"`; several
    /// ranges are joined with `"; "`.
    pub fn describe_range(&self, eco: Ecosystem, name: &str) -> String {
        let mut parts = Vec::new();
        for a in self.entries(eco, name) {
            for r in a.ranges.iter().filter(|r| r.kind != RangeKind::Git) {
                parts.extend(describe_one(eco, r));
            }
            if !a.versions.is_empty() {
                const SHOWN: usize = 6;
                let mut listed: Vec<&str> =
                    a.versions.iter().take(SHOWN).map(String::as_str).collect();
                if a.versions.len() > SHOWN {
                    listed.push("…");
                }
                parts.push(format!("versions {}", listed.join(", ")));
            }
        }
        if parts.is_empty() {
            "no version ranges".to_string()
        } else {
            parts.join("; ")
        }
    }

    /// Every `fixed` version of the entries for this package, in file
    /// order (duplicates removed).
    pub fn fixed_versions(&self, eco: Ecosystem, name: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in self.entries(eco, name) {
            for r in a.ranges.iter().filter(|r| r.kind != RangeKind::Git) {
                for e in &r.events {
                    if let Event::Fixed(v) = e
                        && !out.contains(v)
                    {
                        out.push(v.clone());
                    }
                }
            }
        }
        out
    }

    fn entries<'a>(
        &'a self,
        eco: Ecosystem,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Affected> + 'a {
        let wanted = eco.normalize_name(name);
        self.affected
            .iter()
            .filter(move |a| a.ecosystem == eco.osv_name() && eco.normalize_name(&a.name) == wanted)
    }
}

/// Reads one OSV record (JSON).
pub fn parse(text: &str) -> Result<Advisory, InputError> {
    let root = json::parse(text)?;
    if root.as_object().is_none() {
        return Err(InputError::new(
            root.line,
            format!(
                "an OSV advisory is a JSON object, found {}",
                root.kind_with_article()
            ),
        ));
    }
    let id = required_str(&root, "id", "the advisory")?;
    let what = format!("advisory {id}");
    required_str(&root, "modified", &what)?;
    let summary = optional_str(&root, "summary", &what)?.unwrap_or_default();
    let details = optional_str(&root, "details", &what)?.unwrap_or_default();
    let withdrawn = optional_str(&root, "withdrawn", &what)?;
    let aliases = string_array(&root, "aliases", &what)?;
    let mut affected = Vec::new();
    if let Some(list) = present(&root, "affected") {
        let Some(items) = list.as_array() else {
            return Err(wrong_type(list, "`affected`", "an array", &what));
        };
        for item in items {
            affected.push(parse_affected(item, &id)?);
        }
    }
    Ok(Advisory {
        id,
        summary,
        details,
        aliases,
        affected,
        withdrawn,
    })
}

/// A member that is present and not `null` (OSV exports write `null` for
/// absent optional fields, e.g. RustSec's `"schema_version": null`).
fn present<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.get(key).filter(|n| !n.is_null())
}

fn wrong_type(node: &Node, field: &str, expected: &str, what: &str) -> InputError {
    InputError::new(
        node.line,
        format!(
            "{what}: {field} must be {expected}, found {}",
            node.kind_with_article()
        ),
    )
}

fn required_str(node: &Node, key: &str, what: &str) -> Result<String, InputError> {
    match present(node, key) {
        None => Err(InputError::new(
            node.line,
            format!("{what} has no `{key}`; the OSV schema requires it"),
        )),
        Some(v) => v
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| wrong_type(v, &format!("`{key}`"), "a string", what)),
    }
}

fn optional_str(node: &Node, key: &str, what: &str) -> Result<Option<String>, InputError> {
    match present(node, key) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .map(|s| Some(s.to_string()))
            .ok_or_else(|| wrong_type(v, &format!("`{key}`"), "a string", what)),
    }
}

fn string_array(node: &Node, key: &str, what: &str) -> Result<Vec<String>, InputError> {
    let Some(v) = present(node, key) else {
        return Ok(Vec::new());
    };
    let Some(items) = v.as_array() else {
        return Err(wrong_type(
            v,
            &format!("`{key}`"),
            "an array of strings",
            what,
        ));
    };
    items
        .iter()
        .map(|i| {
            i.as_str()
                .map(str::to_string)
                .ok_or_else(|| wrong_type(i, &format!("each entry of `{key}`"), "a string", what))
        })
        .collect()
}

fn parse_affected(item: &Node, id: &str) -> Result<Affected, InputError> {
    let what = format!("advisory {id}");
    if item.as_object().is_none() {
        return Err(wrong_type(
            item,
            "each entry of `affected`",
            "an object",
            &what,
        ));
    }
    let (ecosystem, name) = match present(item, "package") {
        None => (String::new(), String::new()),
        Some(p) => {
            if p.as_object().is_none() {
                return Err(wrong_type(p, "`package`", "an object", &what));
            }
            (
                required_str(p, "ecosystem", &format!("{what}: `package`"))?,
                required_str(p, "name", &format!("{what}: `package`"))?,
            )
        }
    };
    let eco = Ecosystem::from_osv_name(&ecosystem);
    let mut ranges = Vec::new();
    if let Some(list) = present(item, "ranges") {
        let Some(items) = list.as_array() else {
            return Err(wrong_type(list, "`ranges`", "an array", &what));
        };
        for r in items {
            ranges.push(parse_range(r, eco, &what)?);
        }
    }
    let versions = string_array(item, "versions", &what)?;
    Ok(Affected {
        ecosystem,
        name,
        ranges,
        versions,
    })
}

fn parse_range(r: &Node, eco: Option<Ecosystem>, what: &str) -> Result<Range, InputError> {
    if r.as_object().is_none() {
        return Err(wrong_type(r, "each range", "an object", what));
    }
    let kind_text = required_str(r, "type", &format!("{what}: a range"))?;
    let kind = match kind_text.as_str() {
        "SEMVER" => RangeKind::Semver,
        "ECOSYSTEM" => RangeKind::Ecosystem,
        "GIT" => RangeKind::Git,
        other => {
            let line = r.get("type").map_or(r.line, |n| n.line);
            return Err(InputError::new(
                line,
                format!("{what}: range type `{other}` is not SEMVER, ECOSYSTEM or GIT"),
            ));
        }
    };
    if kind == RangeKind::Git && present(r, "repo").is_none() {
        return Err(InputError::new(
            r.line,
            format!("{what}: a GIT range needs a `repo`"),
        ));
    }
    let Some(events_node) = present(r, "events") else {
        return Err(InputError::new(
            r.line,
            format!("{what}: a range has no `events`"),
        ));
    };
    let Some(items) = events_node.as_array() else {
        return Err(wrong_type(events_node, "`events`", "an array", what));
    };
    let mut events = Vec::new();
    let (mut fixed_line, mut last_line) = (None, None);
    for e in items {
        let Some(members) = e.as_object() else {
            return Err(wrong_type(e, "each event", "an object", what));
        };
        if members.len() != 1 {
            return Err(InputError::new(
                e.line,
                format!(
                    "{what}: each event holds exactly one of introduced, fixed, last_affected or limit; this one has {}",
                    members.len()
                ),
            ));
        }
        let (k, v) = &members[0];
        let key = k.as_str().unwrap_or_default();
        let Some(value) = v.as_str() else {
            return Err(wrong_type(v, &format!("`{key}`"), "a string", what));
        };
        let event = match key {
            "introduced" => Event::Introduced(value.to_string()),
            "fixed" => {
                fixed_line.get_or_insert(e.line);
                Event::Fixed(value.to_string())
            }
            "last_affected" => {
                last_line.get_or_insert(e.line);
                Event::LastAffected(value.to_string())
            }
            "limit" => Event::Limit(value.to_string()),
            other => {
                return Err(InputError::new(
                    k.line,
                    format!(
                        "{what}: `{other}` is not an event; events are introduced, fixed, last_affected and limit"
                    ),
                ));
            }
        };
        if kind != RangeKind::Git {
            check_event_version(&event, kind, eco, v.line, what)?;
        }
        events.push(event);
    }
    if !events.iter().any(|e| matches!(e, Event::Introduced(_))) {
        return Err(InputError::new(
            events_node.line,
            format!("{what}: a range needs at least one `introduced` event"),
        ));
    }
    if let (Some(_), Some(line)) = (fixed_line, last_line) {
        return Err(InputError::new(
            line,
            format!("{what}: a range may hold `fixed` or `last_affected` events, not both"),
        ));
    }
    Ok(Range { kind, events })
}

fn check_event_version(
    event: &Event,
    kind: RangeKind,
    eco: Option<Ecosystem>,
    line: u32,
    what: &str,
) -> Result<(), InputError> {
    let v = event.version();
    if matches!(event, Event::Introduced(_)) && v == "0" {
        return Ok(());
    }
    if matches!(event, Event::Limit(_)) && v.contains('*') {
        return Ok(());
    }
    let ok = match (kind, eco) {
        (RangeKind::Semver, _) => semver::Version::parse(v).is_ok(),
        (RangeKind::Ecosystem, Some(eco)) => parse_version(eco, v).is_some(),
        // Another ecosystem's versions: Rampart never evaluates them.
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        let expected = match (kind, eco) {
            (RangeKind::Semver, _) => "a SemVer 2.0 version (MAJOR.MINOR.PATCH)".to_string(),
            (_, Some(Ecosystem::PyPI)) => "a PEP 440 version".to_string(),
            (_, Some(e)) => format!("a {} version", e.osv_name()),
            _ => "a version".to_string(),
        };
        Err(InputError::new(
            line,
            format!("{what}: `{}: \"{v}\"` is not {expected}", event.key()),
        ))
    }
}

fn in_versions(eco: Ecosystem, version: &str, versions: &[String]) -> bool {
    versions.iter().any(|v| {
        v == version
            || (eco == Ecosystem::PyPI
                && matches!(
                    (parse_version(eco, v), parse_version(eco, version)),
                    (Some(a), Some(b)) if a.cmp_to(&b) == Ordering::Equal
                ))
    })
}

/// A point on the version line an event names.
#[derive(Debug, Clone)]
enum Bound {
    /// `introduced: "0"`: before every version.
    Zero,
    At(Version),
    /// A `limit` containing `*`: after every version.
    Infinity,
}

impl Bound {
    fn cmp_version(&self, v: &Version) -> Ordering {
        match self {
            Bound::Zero => Ordering::Less,
            Bound::At(b) => b.cmp_to(v),
            Bound::Infinity => Ordering::Greater,
        }
    }

    fn cmp_bound(&self, other: &Bound) -> Ordering {
        match (self, other) {
            (Bound::Zero, Bound::Zero) | (Bound::Infinity, Bound::Infinity) => Ordering::Equal,
            (Bound::Zero, _) | (_, Bound::Infinity) => Ordering::Less,
            (_, Bound::Zero) | (Bound::Infinity, _) => Ordering::Greater,
            (Bound::At(a), Bound::At(b)) => a.cmp_to(b),
        }
    }
}

fn bound(eco: Ecosystem, kind: RangeKind, e: &Event) -> Option<Bound> {
    let v = e.version();
    match e {
        Event::Introduced(_) if v == "0" => Some(Bound::Zero),
        Event::Limit(_) if v.contains('*') => Some(Bound::Infinity),
        _ => parse_for(eco, kind, v).map(Bound::At),
    }
}

fn parse_for(eco: Ecosystem, kind: RangeKind, v: &str) -> Option<Version> {
    match kind {
        RangeKind::Semver => parse_semver_lenient(v).map(Version::Semver),
        _ => parse_version(eco, v),
    }
}

/// The range's events with their bounds, sorted by version (stable, so
/// events at the same version keep their file order).
fn sorted_events(eco: Ecosystem, r: &Range) -> Vec<(Bound, &Event)> {
    let mut events: Vec<(Bound, &Event)> = r
        .events
        .iter()
        .filter_map(|e| bound(eco, r.kind, e).map(|b| (b, e)))
        .collect();
    events.sort_by(|a, b| a.0.cmp_bound(&b.0));
    events
}

fn in_ranges(eco: Ecosystem, version: &str, ranges: &[Range]) -> bool {
    ranges
        .iter()
        .filter(|r| r.kind != RangeKind::Git)
        .any(|r| in_range(eco, version, r))
}

fn in_range(eco: Ecosystem, version: &str, r: &Range) -> bool {
    let Some(v) = parse_for(eco, r.kind, version) else {
        // A version this ecosystem cannot order (a git URL, a tag) can only
        // match the explicit `versions` list.
        return false;
    };
    let events = sorted_events(eco, r);
    let limits: Vec<&Bound> = events
        .iter()
        .filter(|(_, e)| matches!(e, Event::Limit(_)))
        .map(|(b, _)| b)
        .collect();
    if !limits.is_empty()
        && !limits
            .iter()
            .any(|b| b.cmp_version(&v) == Ordering::Greater)
    {
        return false; // at or above every limit
    }
    let mut vulnerable = false;
    for (b, e) in &events {
        let ord = b.cmp_version(&v); // bound versus version
        match e {
            Event::Introduced(_) if ord != Ordering::Greater => vulnerable = true,
            Event::Fixed(_) if ord != Ordering::Greater => vulnerable = false,
            Event::LastAffected(_) if ord == Ordering::Less => vulnerable = false,
            _ => {}
        }
    }
    vulnerable
}

fn describe_one(eco: Ecosystem, r: &Range) -> Vec<String> {
    let events = sorted_events(eco, r);
    // The range applies below its largest limit (no limit, or a `*` one:
    // no bound).
    let limit: Option<(&Bound, &str)> = if events
        .iter()
        .any(|(b, e)| matches!(e, Event::Limit(_)) && matches!(b, Bound::Infinity))
    {
        None
    } else {
        events
            .iter()
            .filter(|(_, e)| matches!(e, Event::Limit(_)))
            .map(|(b, e)| (b, e.version()))
            .max_by(|x, y| x.0.cmp_bound(y.0))
    };
    let mut out = Vec::new();
    let mut open: Option<(&Bound, &str)> = None;
    let close = |start: &str, end: Option<(&Bound, String)>| -> String {
        match (end, limit) {
            (Some((b, _)), Some((l, lv))) if l.cmp_bound(b) == Ordering::Less => {
                format!(">= {start}, < {lv} (limit)")
            }
            (Some((_, end)), _) => format!(">= {start}, {end}"),
            (None, Some((_, lv))) => format!(">= {start}, < {lv} (limit)"),
            (None, None) => format!(">= {start} (no fixed version)"),
        }
    };
    for (b, e) in &events {
        match e {
            // A second `introduced` inside an open interval changes nothing.
            Event::Introduced(v) if open.is_none() => open = Some((b, v)),
            Event::Fixed(v) => {
                if let Some((_, start)) = open.take() {
                    out.push(close(start, Some((b, format!("< {v}")))));
                }
            }
            Event::LastAffected(v) => {
                if let Some((_, start)) = open.take() {
                    out.push(close(start, Some((b, format!("<= {v}")))));
                }
            }
            _ => {}
        }
    }
    if let Some((_, start)) = open {
        out.push(close(start, None));
    }
    // Intervals that start at or above the limit are empty.
    if let Some((l, _)) = limit {
        let starts: Vec<bool> = {
            let mut v = Vec::new();
            let mut is_open = false;
            for (b, e) in &events {
                match e {
                    Event::Introduced(_) if !is_open => {
                        is_open = true;
                        v.push(b.cmp_bound(l) == Ordering::Less);
                    }
                    Event::Fixed(_) | Event::LastAffected(_) => is_open = false,
                    _ => {}
                }
            }
            v
        };
        out = out
            .into_iter()
            .zip(starts)
            .filter(|(_, keep)| *keep)
            .map(|(s, _)| s)
            .collect();
    }
    out
}

/// A version as its ecosystem orders it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    Semver(semver::Version),
    Pep440(Pep440),
}

impl Version {
    /// Orders two versions of the same ecosystem (SemVer precedence, build
    /// metadata ignored; PEP 440 for PyPI). Versions of different kinds
    /// never meet; they order SemVer first.
    pub fn cmp_to(&self, other: &Version) -> Ordering {
        match (self, other) {
            (Version::Semver(a), Version::Semver(b)) => a.cmp_precedence(b),
            (Version::Pep440(a), Version::Pep440(b)) => a.cmp(b),
            (Version::Semver(_), Version::Pep440(_)) => Ordering::Less,
            (Version::Pep440(_), Version::Semver(_)) => Ordering::Greater,
        }
    }
}

/// Parses a version the way `eco` writes them: SemVer for crates.io and npm
/// (a leading `v` or `=` and a missing minor or patch, as in GitHub's
/// `"introduced": "1.0"`, are tolerated), PEP 440 for PyPI.
pub fn parse_version(eco: Ecosystem, s: &str) -> Option<Version> {
    match eco {
        Ecosystem::CratesIo | Ecosystem::Npm => parse_semver_lenient(s).map(Version::Semver),
        Ecosystem::PyPI => Pep440::parse(s).map(Version::Pep440),
    }
}

/// Orders two version strings of `eco`; `None` when either does not parse.
pub fn compare_versions(eco: Ecosystem, a: &str, b: &str) -> Option<Ordering> {
    Some(parse_version(eco, a)?.cmp_to(&parse_version(eco, b)?))
}

fn parse_semver_lenient(s: &str) -> Option<semver::Version> {
    let s = s.trim();
    if let Ok(v) = semver::Version::parse(s) {
        return Some(v);
    }
    let s = s.strip_prefix(['v', '=']).unwrap_or(s);
    if let Ok(v) = semver::Version::parse(s) {
        return Some(v);
    }
    // "1" and "1.0": pad the release to three parts (no pre-release then).
    let parts: Vec<&str> = s.split('.').collect();
    if (1..=2).contains(&parts.len())
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
    {
        let mut padded = parts.join(".");
        for _ in parts.len()..3 {
            padded.push_str(".0");
        }
        return semver::Version::parse(&padded).ok();
    }
    None
}

/// A PEP 440 version (the subset Rampart orders): `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`,
/// with the PEP's normal spellings (`alpha`, `beta`, `c`, `pre`, `preview`,
/// `-N` for post, optional separators, implicit 0).
#[derive(Debug, Clone)]
pub struct Pep440 {
    epoch: u64,
    release: Vec<u64>,
    pre: Option<(u8, u64)>,
    post: Option<u64>,
    dev: Option<u64>,
    local: Option<Vec<LocalPart>>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum LocalPart {
    // Declared first so that strings sort before numbers, as PEP 440 says.
    Text(String),
    Number(u64),
}

impl Pep440 {
    pub fn parse(s: &str) -> Option<Pep440> {
        let lower = s.trim().to_ascii_lowercase();
        let mut rest = lower.strip_prefix('v').unwrap_or(&lower);
        let (main, local) = match rest.split_once('+') {
            Some((m, l)) => (m, Some(l)),
            None => (rest, None),
        };
        rest = main;
        let mut epoch = 0;
        if let Some((e, r)) = rest.split_once('!') {
            epoch = e.parse().ok()?;
            rest = r;
        }
        let (release, r) = take_release(rest)?;
        rest = r;
        let mut pre = None;
        let mut post = None;
        let mut dev = None;
        // Pre-release.
        let after_sep = rest.trim_start_matches(['.', '-', '_']);
        for (word, phase) in [
            ("alpha", 0u8),
            ("beta", 1),
            ("preview", 2),
            ("pre", 2),
            ("rc", 2),
            ("a", 0),
            ("b", 1),
            ("c", 2),
        ] {
            if let Some(r) = after_sep.strip_prefix(word) {
                let (n, after_number) = take_number(r.trim_start_matches(['.', '-', '_']));
                pre = Some((phase, n.unwrap_or(0)));
                // A separator after the word belongs to the pre-release
                // only when a number follows it.
                rest = if n.is_some() { after_number } else { r };
                break;
            }
        }
        // Post-release.
        if let Some(r) = rest.strip_prefix('-')
            && r.starts_with(|c: char| c.is_ascii_digit())
        {
            let (n, r) = take_number(r);
            post = n;
            rest = r;
        } else {
            let after_sep = rest.trim_start_matches(['.', '-', '_']);
            for word in ["post", "rev", "r"] {
                if let Some(r) = after_sep.strip_prefix(word) {
                    let (n, r) = take_number(r.trim_start_matches(['.', '-', '_']));
                    post = Some(n.unwrap_or(0));
                    rest = r;
                    break;
                }
            }
        }
        // Development release.
        let after_sep = rest.trim_start_matches(['.', '-', '_']);
        if let Some(r) = after_sep.strip_prefix("dev") {
            let (n, r) = take_number(r.trim_start_matches(['.', '-', '_']));
            dev = Some(n.unwrap_or(0));
            rest = r;
        }
        if !rest.is_empty() {
            return None;
        }
        let local = match local {
            None => None,
            Some(l) => {
                let parts: Option<Vec<LocalPart>> = l
                    .split(['.', '-', '_'])
                    .map(|p| {
                        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_alphanumeric()) {
                            None
                        } else if p.bytes().all(|b| b.is_ascii_digit()) {
                            p.parse().ok().map(LocalPart::Number)
                        } else {
                            Some(LocalPart::Text(p.to_string()))
                        }
                    })
                    .collect();
                Some(parts?)
            }
        };
        Some(Pep440 {
            epoch,
            release,
            pre,
            post,
            dev,
            local,
        })
    }

    /// The sort key of PEP 440 (as `packaging` computes it).
    #[allow(clippy::type_complexity)]
    fn key(
        &self,
    ) -> (
        u64,
        Vec<u64>,
        (u8, u8, u64),
        (bool, u64),
        (bool, u64),
        &Option<Vec<LocalPart>>,
    ) {
        let mut release = self.release.clone();
        while release.len() > 1 && release.last() == Some(&0) {
            release.pop();
        }
        // A dev release of a final version sorts before its pre-releases:
        // 1.0.dev0 < 1.0a0 < 1.0.
        let pre = match (self.pre, self.post, self.dev) {
            (None, None, Some(_)) => (0, 0, 0),
            (None, _, _) => (2, 0, 0),
            (Some((phase, n)), _, _) => (1, phase, n),
        };
        let post = (self.post.is_some(), self.post.unwrap_or(0));
        let dev = (self.dev.is_none(), self.dev.unwrap_or(0));
        (self.epoch, release, pre, post, dev, &self.local)
    }
}

// Equality is PEP 440's, like the ordering: 1.0 == 1.0.0.
impl PartialEq for Pep440 {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Pep440 {}

impl PartialOrd for Pep440 {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pep440 {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

fn take_number(s: &str) -> (Option<u64>, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 {
        (None, s)
    } else {
        (s[..end].parse().ok(), &s[end..])
    }
}

fn take_release(s: &str) -> Option<(Vec<u64>, &str)> {
    let mut release = Vec::new();
    let mut rest = s;
    loop {
        let (n, r) = take_number(rest);
        release.push(n?);
        rest = r;
        match rest.strip_prefix('.') {
            Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => rest = r,
            _ => break,
        }
    }
    Some((release, rest))
}
