//! Matching a lockfile against OSV advisories, and grading a learner's
//! triage.
//!
//! 1. [`audit`] finds every installed package that an advisory affects and
//!    its minimum safe version: the smallest version above the installed
//!    one, among the `fixed` versions the advisories name for that package,
//!    that no advisory affects (so it clears all of them at once).
//! 2. [`findings`] turns those hits into `advisories/affected` findings.
//! 3. [`parse_triage`] and [`grade_triage`] grade a triage list (one
//!    `name version` per line: the packages to upgrade and to what);
//!    [`grade_lockfile_edit`] grades an edited lockfile against the
//!    original.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::lockfile::{Ecosystem, Lockfile, Package};
use crate::osv::{self, Advisory};
use crate::{Finding, InputError, Severity, check_size, sort_findings};

/// An installed package that at least one advisory affects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub package: Package,
    /// Ids of the advisories that affect it, in the order given.
    pub advisories: Vec<String>,
    /// The smallest version above the installed one that no advisory
    /// affects, taken from the advisories' `fixed` versions; `None` when no
    /// such version is known.
    pub min_safe: Option<String>,
}

/// Every package of `lock` that an advisory affects, in lockfile order.
pub fn audit(lock: &Lockfile, advisories: &[Advisory]) -> Vec<Hit> {
    lock.packages
        .iter()
        .filter_map(|p| {
            let ids: Vec<String> = affecting(advisories, p.ecosystem, &p.name, &p.version)
                .map(|a| a.id.clone())
                .collect();
            (!ids.is_empty()).then(|| Hit {
                package: p.clone(),
                advisories: ids,
                min_safe: min_safe(p.ecosystem, &p.name, &p.version, advisories),
            })
        })
        .collect()
}

fn affecting<'a>(
    advisories: &'a [Advisory],
    eco: Ecosystem,
    name: &'a str,
    version: &'a str,
) -> impl Iterator<Item = &'a Advisory> + 'a {
    advisories
        .iter()
        .filter(move |a| a.affects(eco, name, version))
}

/// The smallest version above `installed` that no advisory affects, among
/// the `fixed` versions the (not withdrawn) advisories give for the
/// package.
pub fn min_safe(
    eco: Ecosystem,
    name: &str,
    installed: &str,
    advisories: &[Advisory],
) -> Option<String> {
    let current = osv::parse_version(eco, installed)?;
    let mut best: Option<(osv::Version, String)> = None;
    for a in advisories.iter().filter(|a| a.withdrawn.is_none()) {
        for fixed in a.fixed_versions(eco, name) {
            let Some(v) = osv::parse_version(eco, &fixed) else {
                continue;
            };
            if v.cmp_to(&current) != Ordering::Greater
                || best
                    .as_ref()
                    .is_some_and(|(b, _)| v.cmp_to(b) != Ordering::Less)
            {
                continue;
            }
            if affecting(advisories, eco, name, &fixed).next().is_none() {
                best = Some((v, fixed));
            }
        }
    }
    best.map(|(_, s)| s)
}

fn find<'a>(advisories: &'a [Advisory], id: &str) -> Option<&'a Advisory> {
    advisories.iter().find(|a| a.id == id)
}

/// "RUSTSEC-2021-0003 (Buffer overflow in SmallVec::insert_many; affected >= 1.0.0, < 1.6.1)".
fn advisory_phrase(a: &Advisory, eco: Ecosystem, name: &str) -> String {
    let range = a.describe_range(eco, name);
    if a.summary.is_empty() {
        format!("{} (affected: {range})", a.id)
    } else {
        format!("{} ({}; affected: {range})", a.id, a.summary)
    }
}

fn phrases(ids: &[String], advisories: &[Advisory], eco: Ecosystem, name: &str) -> String {
    ids.iter()
        .map(|id| match find(advisories, id) {
            Some(a) => advisory_phrase(a, eco, name),
            None => id.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const WHY_AFFECTED: &str = "A dependency with a published vulnerability ships that vulnerability in your program, and attackers read the same advisories to find targets running exactly these versions.";

fn upgrade_command(p: &Package, to: &str) -> String {
    match p.ecosystem {
        Ecosystem::CratesIo => format!(
            "Run `cargo update -p {}@{} --precise {to}`; if a version requirement in Cargo.toml excludes {to}, raise it first.",
            p.name, p.version
        ),
        Ecosystem::Npm => format!(
            "Run `npm install {}@{to}` for a direct dependency; for a transitive one, update the package that pulls it in or add `\"overrides\": {{ \"{}\": \"{to}\" }}` to package.json, then run `npm install`.",
            p.name, p.name
        ),
        Ecosystem::PyPI => format!("Pin `{}=={to}` and reinstall.", p.name),
    }
}

fn no_fix_advice(p: &Package) -> String {
    format!(
        "No release fixes this yet: replace {} with a maintained alternative, or remove the code path that uses it and record why the advisory does not apply.",
        p.name
    )
}

/// One `advisories/affected` finding per hit, at the package's line.
pub fn findings(hits: &[Hit], advisories: &[Advisory]) -> Vec<Finding> {
    let mut out: Vec<Finding> = hits
        .iter()
        .map(|h| {
            let p = &h.package;
            let what = phrases(&h.advisories, advisories, p.ecosystem, &p.name);
            let (target, fix) = match &h.min_safe {
                Some(v) => (
                    format!("the minimum safe version is {v}"),
                    upgrade_command(p, v),
                ),
                None => ("no fixed version yet".to_string(), no_fix_advice(p)),
            };
            let summaries: Vec<&str> = h
                .advisories
                .iter()
                .filter_map(|id| find(advisories, id))
                .map(|a| a.summary.as_str())
                .filter(|s| !s.is_empty())
                .collect();
            let why = if summaries.is_empty() {
                WHY_AFFECTED.to_string()
            } else {
                format!("{WHY_AFFECTED} Here: {}.", summaries.join("; "))
            };
            Finding::new(
                "advisories/affected",
                Severity::Error,
                p.line,
                format!("{} {} is affected by {what}; {target}.", p.name, p.version),
            )
            .why(why)
            .fix(fix)
        })
        .collect();
    sort_findings(&mut out);
    out
}

/// One line of a learner's triage list: a package to upgrade and the
/// version to upgrade it to (`None` when the line gives none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageEntry {
    pub name: String,
    pub upgrade: Option<String>,
    pub line: u32,
}

/// Reads a triage list: one package per line as `name version`,
/// `name@version` or `name = "version"` (npm scoped names start with `@`);
/// `#` starts a comment; blank lines are skipped. A name alone means "no
/// fixed version exists".
pub fn parse_triage(text: &str) -> Result<Vec<TriageEntry>, InputError> {
    check_size("triage list", text)?;
    let mut out = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let content = raw.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let (name, version) = split_entry(content).ok_or_else(|| {
            InputError::new(
                line,
                format!(
                    "`{content}` is not `name version`: write one package per line, e.g. `smallvec 1.6.1` or `@babel/core@7.12.3`"
                ),
            )
        })?;
        if !valid_name(name) {
            return Err(InputError::new(
                line,
                format!("`{name}` is not a package name"),
            ));
        }
        let upgrade = version
            .map(|v| {
                v.trim()
                    .trim_start_matches('=')
                    .trim()
                    .trim_matches(['"', '\''])
                    .trim()
            })
            .filter(|v| !v.is_empty())
            .map(|v| {
                v.strip_prefix('v')
                    .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                    .unwrap_or(v)
            })
            .map(str::to_string);
        if let Some(v) = &upgrade
            && v.contains(char::is_whitespace)
        {
            return Err(InputError::new(
                line,
                format!("`{content}` has more than a name and a version"),
            ));
        }
        out.push(TriageEntry {
            name: name.to_string(),
            upgrade,
            line,
        });
    }
    Ok(out)
}

fn split_entry(content: &str) -> Option<(&str, Option<&str>)> {
    if let Some((name, version)) = content.split_once('=') {
        return Some((name.trim(), Some(version)));
    }
    if let Some((name, version)) = content.split_once(char::is_whitespace) {
        let version = version.trim();
        if version.contains(char::is_whitespace) {
            return None;
        }
        return Some((name, Some(version)));
    }
    // name@version; a leading @ belongs to an npm scope.
    let skip = content.chars().next().map_or(0, char::len_utf8);
    match content[skip..].rfind('@') {
        Some(i) => Some((&content[..skip + i], Some(&content[skip + i + 1..]))),
        None => Some((content, None)),
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '/'))
}

/// Why `p` is not affected, in words: each advisory that mentions the
/// package, with its range and the fixed version the installed one is at
/// or beyond.
fn why_not_affected(p: &Package, advisories: &[Advisory]) -> String {
    let eco = p.ecosystem;
    let mentioning: Vec<&Advisory> = advisories
        .iter()
        .filter(|a| a.mentions(eco, &p.name))
        .collect();
    if mentioning.is_empty() {
        return format!(
            "no advisory in this exercise mentions {}, so {} {} is not affected",
            p.name, p.name, p.version
        );
    }
    let parts: Vec<String> = mentioning
        .iter()
        .map(|a| {
            if a.withdrawn.is_some() {
                return format!("{} was withdrawn", a.id);
            }
            let fixed_at_or_below: Option<String> = a
                .fixed_versions(eco, &p.name)
                .into_iter()
                .filter(|f| {
                    osv::compare_versions(eco, f, &p.version)
                        .is_some_and(|o| o != Ordering::Greater)
                })
                .max_by(|x, y| osv::compare_versions(eco, x, y).unwrap_or(Ordering::Equal));
            let fixed_note = fixed_at_or_below
                .map(|f| format!(" ({f} is the fixed version)"))
                .unwrap_or_default();
            format!(
                "{} affects {}, and {} is outside it{fixed_note}",
                a.id,
                a.describe_range(eco, &p.name),
                p.version
            )
        })
        .collect();
    format!(
        "{} {} is not affected: {}",
        p.name,
        p.version,
        parts.join("; ")
    )
}

/// Grades a triage list against the lockfile and advisories.
pub fn grade_triage(
    lock: &Lockfile,
    advisories: &[Advisory],
    entries: &[TriageEntry],
) -> Vec<Finding> {
    let eco = lock.ecosystem();
    let file = lock.kind.file_name();
    let hits = audit(lock, advisories);
    let mut claimed = vec![false; hits.len()];
    let mut out = Vec::new();
    for entry in entries {
        let wanted = eco.normalize_name(&entry.name);
        let instances: Vec<&Package> = lock
            .packages
            .iter()
            .filter(|p| eco.normalize_name(&p.name) == wanted)
            .collect();
        if instances.is_empty() {
            out.push(
                Finding::new(
                    "advisories/not-affected",
                    Severity::Error,
                    entry.line,
                    format!("{} is not in {file}, so nothing here installs it.", entry.name),
                )
                .why("A triage list names the installed packages that need an upgrade; an entry for a package that is not installed points the team at work that does not exist.")
                .fix(format!("Check the spelling against {file}, or remove the line.")),
            );
            continue;
        }
        let affected: Vec<usize> = hits
            .iter()
            .enumerate()
            .filter(|(_, h)| eco.normalize_name(&h.package.name) == wanted)
            .map(|(i, _)| i)
            .collect();
        if affected.is_empty() {
            let reasons: Vec<String> = instances
                .iter()
                .map(|p| why_not_affected(p, advisories))
                .collect();
            out.push(
                Finding::new(
                    "advisories/not-affected",
                    Severity::Error,
                    entry.line,
                    format!("{}.", reasons.join(". ")),
                )
                .why("Upgrading a package that no advisory affects costs review time and can break the build without removing any risk.")
                .fix(format!("Remove the line for {}.", entry.name)),
            );
            continue;
        }
        let upgrade = entry
            .upgrade
            .as_deref()
            .and_then(|u| osv::parse_version(eco, u).map(|v| (u, v)));
        // Which installed copy the entry upgrades: the newest one at or
        // below the target version (a lockfile may hold several versions of
        // one package).
        let pick = match &upgrade {
            Some((_, target)) => affected
                .iter()
                .copied()
                .filter(|&i| {
                    osv::parse_version(eco, &hits[i].package.version)
                        .is_some_and(|v| v.cmp_to(target) != Ordering::Greater)
                })
                .max_by(|&a, &b| {
                    osv::compare_versions(eco, &hits[a].package.version, &hits[b].package.version)
                        .unwrap_or(Ordering::Equal)
                })
                .or_else(|| affected.iter().copied().find(|&i| !claimed[i]))
                .unwrap_or(affected[0]),
            None => affected
                .iter()
                .copied()
                .find(|&i| !claimed[i])
                .unwrap_or(affected[0]),
        };
        // Copies of the same version at several paths (npm) are one
        // upgrade.
        for (i, h) in hits.iter().enumerate() {
            if eco.normalize_name(&h.package.name) == wanted
                && h.package.version == hits[pick].package.version
            {
                claimed[i] = true;
            }
        }
        out.push(grade_entry(
            entry,
            upgrade.as_ref(),
            &hits[pick],
            advisories,
            file,
        ));
    }
    for (i, h) in hits.iter().enumerate() {
        if claimed[i] {
            continue;
        }
        let p = &h.package;
        out.push(
            Finding::new(
                "advisories/missed",
                Severity::Error,
                0,
                format!(
                    "{} {} ({file} line {}) is affected by {}, but your list does not name it.",
                    p.name,
                    p.version,
                    p.line,
                    phrases(&h.advisories, advisories, p.ecosystem, &p.name)
                ),
            )
            .why(WHY_AFFECTED)
            .fix(format!(
                "Add a line `{} <version>` with the smallest version that no advisory affects (or just `{}` if no fixed version exists).",
                p.name, p.name
            )),
        );
    }
    sort_findings(&mut out);
    out
}

fn grade_entry(
    entry: &TriageEntry,
    upgrade: Option<&(&str, osv::Version)>,
    hit: &Hit,
    advisories: &[Advisory],
    file: &str,
) -> Finding {
    let p = &hit.package;
    let eco = p.ecosystem;
    let affected_by = phrases(&hit.advisories, advisories, eco, &p.name);
    let Some((target, target_v)) = upgrade else {
        if let Some(bad) = &entry.upgrade {
            return Finding::new(
                "advisories/no-upgrade",
                Severity::Error,
                entry.line,
                format!("`{bad}` is not a {} version.", eco.osv_name()),
            )
            .why("A triage entry tells whoever fixes the lockfile exactly what to install; a version that cannot be installed leaves them guessing.")
            .fix(format!("Write the version as the registry does, e.g. `{} 1.2.3`.", entry.name));
        }
        return match &hit.min_safe {
            None => Finding::new(
                "advisories/triaged",
                Severity::Info,
                entry.line,
                format!(
                    "Right: {} {} is affected by {affected_by}, and no fixed version exists yet.",
                    p.name, p.version
                ),
            )
            .fix(no_fix_advice(p)),
            Some(_) => Finding::new(
                "advisories/no-upgrade",
                Severity::Error,
                entry.line,
                format!(
                    "{} {} is affected by {affected_by}, but this line gives no version to upgrade to.",
                    p.name, p.version
                ),
            )
            .why("A fixed release exists; without the target version the entry does not say how to remove the risk.")
            .fix(format!(
                "Write `{} <version>` with the smallest version that no advisory affects.",
                entry.name
            )),
        };
    };
    let installed = osv::parse_version(eco, &p.version);
    let order = installed.as_ref().map(|v| target_v.cmp_to(v));
    if order == Some(Ordering::Less) {
        return Finding::new(
            "advisories/downgraded",
            Severity::Error,
            entry.line,
            format!(
                "{target} is older than the installed {} {}: that is a downgrade, not an upgrade.",
                p.name, p.version
            ),
        )
        .why("Going back to an older release rarely removes a vulnerability and often brings back older ones; it can also break code that uses newer APIs.")
        .fix(format!("Choose a version newer than {}.", p.version));
    }
    let still: Vec<String> = affecting(advisories, eco, &p.name, target)
        .map(|a| advisory_phrase(a, eco, &p.name))
        .collect();
    if !still.is_empty() {
        let same = if order == Some(Ordering::Equal) {
            " (it is the installed version)"
        } else {
            ""
        };
        return Finding::new(
            "advisories/still-affected",
            Severity::Error,
            entry.line,
            format!(
                "{} {target}{same} is still affected by {}.",
                p.name,
                still.join(", ")
            ),
        )
        .why("Upgrading to another affected version changes the lockfile but keeps the vulnerability.")
        .fix("Pick a version outside every affected range: the advisory's `fixed` version is the place to start.");
    }
    if let Some(min) = &hit.min_safe
        && osv::compare_versions(eco, min, target) == Some(Ordering::Less)
    {
        return Finding::new(
            "advisories/not-minimal",
            Severity::Error,
            entry.line,
            format!(
                "{} {target} is safe, but {min} is the smallest version that no advisory affects.",
                p.name
            ),
        )
        .why("The smallest safe upgrade changes the least code, so it is the quickest to review and the least likely to break the build; larger jumps belong in a separate, planned upgrade.")
        .fix(format!("Write `{} {min}`.", entry.name));
    }
    let note = if hit.min_safe.is_none() {
        " No advisory names a fixed version; this one is outside every affected range."
    } else {
        ""
    };
    Finding::new(
        "advisories/triaged",
        Severity::Info,
        entry.line,
        format!(
            "Right: {} {} ({file} line {}) is affected by {affected_by}; {target} clears it.{note}",
            p.name, p.version, p.line
        ),
    )
    .fix(upgrade_command(p, target))
}

/// Grades an edited lockfile: every affected package must be upgraded to a
/// version no advisory affects, without removing or downgrading packages.
pub fn grade_lockfile_edit(
    original: &Lockfile,
    edited: &Lockfile,
    advisories: &[Advisory],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let file = edited.kind.file_name();
    // 1. Anything affected in the edited file.
    for p in &edited.packages {
        let ids: Vec<String> = affecting(advisories, p.ecosystem, &p.name, &p.version)
            .map(|a| a.id.clone())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let fix = match min_safe(p.ecosystem, &p.name, &p.version, advisories) {
            Some(v) => format!(
                "Set {} to {v} or later outside the affected ranges. {}",
                p.name,
                upgrade_command(p, &v)
            ),
            None => no_fix_advice(p),
        };
        out.push(
            Finding::new(
                "advisories/still-affected",
                Severity::Error,
                p.line,
                format!(
                    "{} {} is still affected by {}.",
                    p.name,
                    p.version,
                    phrases(&ids, advisories, p.ecosystem, &p.name)
                ),
            )
            .why(WHY_AFFECTED)
            .fix(fix),
        );
    }
    // 2. Pair original and edited copies of each package by name.
    let mut names: Vec<String> = Vec::new();
    for p in &original.packages {
        let n = p.ecosystem.normalize_name(&p.name);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    for name in &names {
        let before: Vec<&Package> = original
            .packages
            .iter()
            .filter(|p| p.ecosystem.normalize_name(&p.name) == *name)
            .collect();
        let after: Vec<&Package> = edited
            .packages
            .iter()
            .filter(|p| {
                p.ecosystem == before[0].ecosystem && p.ecosystem.normalize_name(&p.name) == *name
            })
            .collect();
        if after.is_empty() {
            let p = before[0];
            out.push(
                Finding::new(
                    "advisories/removed-package",
                    Severity::Error,
                    0,
                    format!(
                        "{} ({} in the original, line {}) is gone from the edited {file}.",
                        p.name, p.version, p.line
                    ),
                )
                .why("Something still depends on it: deleting it from the lockfile does not remove it from the build, the package manager resolves it again (possibly to another version) on the next install.")
                .fix(format!(
                    "Keep {} in the lockfile and change its version instead; to really drop it, remove the dependency from the manifest and let the package manager rewrite the lockfile.",
                    p.name
                )),
            );
            continue;
        }
        for (b, a) in pair(&before, &after) {
            let eco = b.ecosystem;
            match osv::compare_versions(eco, &a.version, &b.version) {
                Some(Ordering::Less) => out.push(
                    Finding::new(
                        "advisories/downgraded",
                        Severity::Error,
                        a.line,
                        format!(
                            "{} went from {} down to {}.",
                            a.name, b.version, a.version
                        ),
                    )
                    .why("Older releases rarely remove a vulnerability and often bring back older ones; code that uses newer APIs may also stop building.")
                    .fix(format!("Keep {} at {} or newer.", a.name, b.version)),
                ),
                Some(Ordering::Greater) => {
                    let was_affected = affecting(advisories, eco, &b.name, &b.version).next().is_some();
                    let now_affected = affecting(advisories, eco, &a.name, &a.version).next().is_some();
                    if was_affected && !now_affected {
                        let minimal = min_safe(eco, &b.name, &b.version, advisories)
                            .filter(|m| osv::compare_versions(eco, m, &a.version) == Some(Ordering::Less))
                            .map(|m| format!(" ({m} would have been the smallest safe version)"))
                            .unwrap_or_default();
                        out.push(Finding::new(
                            "advisories/fixed",
                            Severity::Info,
                            a.line,
                            format!(
                                "{} {} → {} clears {}{minimal}.",
                                a.name,
                                b.version,
                                a.version,
                                affecting(advisories, eco, &b.name, &b.version)
                                    .map(|x| x.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        ));
                    }
                    if let (Some(cb), Some(ca)) = (&b.checksum, &a.checksum)
                        && cb == ca
                    {
                        out.push(
                            Finding::new(
                                "advisories/stale-checksum",
                                Severity::Warning,
                                a.line,
                                format!(
                                    "{} changed from {} to {} but kept the checksum of {}.",
                                    a.name, b.version, a.version, b.version
                                ),
                            )
                            .why("The checksum pins the exact archive; with the old one the package manager refuses the new version (or, worse, a tampered archive that matches it).")
                            .fix(format!(
                                "Let the package manager write the lockfile: {}",
                                upgrade_command(b, &a.version)
                            )),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    sort_findings(&mut out);
    out
}

/// Pairs the copies of one package before and after an edit: unchanged
/// versions first, then the rest in version order.
fn pair<'a>(before: &[&'a Package], after: &[&'a Package]) -> Vec<(&'a Package, &'a Package)> {
    let mut used_b = vec![false; before.len()];
    let mut used_a = vec![false; after.len()];
    let mut out = Vec::new();
    for (i, b) in before.iter().enumerate() {
        if let Some(j) = (0..after.len()).find(|&j| !used_a[j] && after[j].version == b.version) {
            used_b[i] = true;
            used_a[j] = true;
            out.push((*b, after[j]));
        }
    }
    let eco = before.first().map_or(Ecosystem::CratesIo, |p| p.ecosystem);
    let by_version = |x: &&Package, y: &&Package| {
        osv::compare_versions(eco, &x.version, &y.version).unwrap_or(Ordering::Equal)
    };
    let mut rest_b: Vec<&Package> = (0..before.len())
        .filter(|&i| !used_b[i])
        .map(|i| before[i])
        .collect();
    let mut rest_a: Vec<&Package> = (0..after.len())
        .filter(|&j| !used_a[j])
        .map(|j| after[j])
        .collect();
    rest_b.sort_by(by_version);
    rest_a.sort_by(by_version);
    out.extend(rest_b.into_iter().zip(rest_a));
    out
}
