//! CycloneDX 1.5 and 1.6 JSON SBOMs: structure, and agreement with a
//! lockfile.
//!
//! 1. The document is read with the spanned JSON parser, so every finding
//!    points at the offending value's line.
//! 2. A hand-written walk checks it against the CycloneDX JSON schema for
//!    its `specVersion` (`sbom/schema`): required fields, types, the enums
//!    (component type, scope, hash algorithm, external reference type,
//!    SPDX license ids), the patterns (serial number, hash content,
//!    mime-type), RFC 3339 timestamps, unknown keys (the schema forbids
//!    them), unique items, unique `bom-ref`s, and dependency refs that
//!    point at a `bom-ref`.
//! 3. Every purl is checked against the purl specification
//!    (`sbom/bad-purl`).
//! 4. With a lockfile, each installed package must appear as a component
//!    (matched by name and version, or by purl) with the right version,
//!    purl and hash (`sbom/missing-component`, `sbom/wrong-version`,
//!    `sbom/bad-purl`, `sbom/missing-hash`, `sbom/wrong-hash`); components
//!    that are not in the lockfile are reported as `sbom/extra-component`
//!    warnings.
//!
//! Deliberately not covered (the schema checks stop at the level the
//! exercises need): the inside of `vulnerabilities`, `compositions`,
//! `annotations`, `formulation`, `declarations`, `definitions`,
//! `evidence`, `modelCard`, `cryptoProperties`, `releaseNotes` and
//! `signature` is only checked for its JSON type and `bom-ref`s; SPDX
//! license *expressions* are not parsed; `format: iri-reference` and
//! `idn-email` are not checked.

use std::collections::{HashMap, HashSet};

use crate::json::{self, Node, Value};
use crate::lockfile::{Ecosystem, Lockfile, Package, purl as package_purl, purl_parts};
use crate::{Finding, InputError, Severity, sort_findings};

/// Checks a CycloneDX JSON SBOM and, given a lockfile, that it lists
/// exactly the lockfile's packages.
pub fn audit(text: &str, lockfile: Option<&Lockfile>) -> Result<Vec<Finding>, InputError> {
    crate::check_size("SBOM", text)?;
    let root = json::parse(text)?;
    if root.as_object().is_none() {
        return Err(InputError::new(
            root.line,
            format!(
                "a CycloneDX SBOM is a JSON object, found {}",
                root.kind_with_article()
            ),
        ));
    }
    let spec = match root.get("specVersion").and_then(Node::as_str) {
        Some("1.6") => Spec::V16,
        _ => Spec::V15,
    };
    let mut c = Checker {
        spec,
        findings: Vec::new(),
        refs_used: Vec::new(),
        components: Vec::new(),
        // Findings about absent components point at the list they belong in.
        components_line: root.get("components").map_or(0, |n| n.line),
    };
    c.bom(&root);
    c.check_bom_refs(&root);
    if let Some(lock) = lockfile {
        c.compare(lock);
    }
    let mut findings = c.findings;
    sort_findings(&mut findings);
    Ok(findings)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spec {
    V15,
    V16,
}

const WRONG_VERSION_WHY: &str = "Advisories are matched by version: an SBOM that names the wrong version reports vulnerabilities the build does not have and hides the ones it does.";

const WHY_SCHEMA: &str = "Tools that consume SBOMs (vulnerability scanners, policy checks, customers' procurement portals) validate them against the CycloneDX schema and reject or misread documents that break it, so the packages listed here would go unchecked.";

const HASH_ALGS: &[&str] = &[
    "MD5",
    "SHA-1",
    "SHA-256",
    "SHA-384",
    "SHA-512",
    "SHA3-256",
    "SHA3-384",
    "SHA3-512",
    "BLAKE2b-256",
    "BLAKE2b-384",
    "BLAKE2b-512",
    "BLAKE3",
];

const COMPONENT_TYPES_15: &[&str] = &[
    "application",
    "framework",
    "library",
    "container",
    "platform",
    "operating-system",
    "device",
    "device-driver",
    "firmware",
    "file",
    "machine-learning-model",
    "data",
];

const COMPONENT_KEYS_15: &[&str] = &[
    "type",
    "mime-type",
    "bom-ref",
    "supplier",
    "author",
    "publisher",
    "group",
    "name",
    "version",
    "description",
    "scope",
    "hashes",
    "licenses",
    "copyright",
    "cpe",
    "purl",
    "swid",
    "modified",
    "pedigree",
    "externalReferences",
    "components",
    "evidence",
    "releaseNotes",
    "modelCard",
    "data",
    "properties",
    "signature",
];

const COMPONENT_KEYS_16_EXTRA: &[&str] = &[
    "manufacturer",
    "authors",
    "omniborId",
    "swhid",
    "cryptoProperties",
    "tags",
];

const EXTERNAL_REFERENCE_TYPES_15: &[&str] = &[
    "vcs",
    "issue-tracker",
    "website",
    "advisories",
    "bom",
    "mailing-list",
    "social",
    "chat",
    "documentation",
    "support",
    "distribution",
    "distribution-intake",
    "license",
    "build-meta",
    "build-system",
    "release-notes",
    "security-contact",
    "model-card",
    "log",
    "configuration",
    "evidence",
    "formulation",
    "attestation",
    "threat-model",
    "adversary-model",
    "risk-assessment",
    "vulnerability-assertion",
    "exploitability-statement",
    "pentest-report",
    "static-analysis-report",
    "dynamic-analysis-report",
    "runtime-analysis-report",
    "component-analysis-report",
    "maturity-report",
    "certification-report",
    "codified-infrastructure",
    "quality-metrics",
    "poam",
    "other",
];

const EXTERNAL_REFERENCE_TYPES_16_EXTRA: &[&str] = &[
    "source-distribution",
    "electronic-signature",
    "digital-signature",
    "rfc-9116",
];

const LIFECYCLE_PHASES: &[&str] = &[
    "design",
    "pre-build",
    "build",
    "post-build",
    "operations",
    "discovery",
    "decommission",
];

/// A component as the lockfile comparison needs it.
struct Comp<'a> {
    node: &'a Node,
    path: String,
    /// Full package name: for npm, a `group` that is a scope is joined in
    /// (`@babel` + `core` → `@babel/core`).
    name: String,
    version: Option<&'a Node>,
    purl: Option<&'a Node>,
    hashes: Vec<(&'a Node, &'a Node)>,
    /// `metadata.component`: the project the SBOM describes.
    is_subject: bool,
}

struct Checker<'a> {
    spec: Spec,
    findings: Vec<Finding>,
    /// Every ref in `dependencies`, to resolve once all `bom-ref`s are known.
    refs_used: Vec<(&'a Node, String)>,
    components: Vec<Comp<'a>>,
    components_line: u32,
}

impl<'a> Checker<'a> {
    fn schema(&mut self, node: &Node, message: String, fix: impl Into<String>) {
        self.findings.push(
            Finding::new("sbom/schema", Severity::Error, node.line, message)
                .column(node.column)
                .why(WHY_SCHEMA)
                .fix(fix),
        );
    }

    fn object(&mut self, node: &'a Node, path: &str) -> Option<&'a [(Node, Node)]> {
        let members = node.as_object();
        if members.is_none() {
            self.schema(
                node,
                format!(
                    "{path} must be an object, found {}.",
                    node.kind_with_article()
                ),
                format!("Write {path} as a JSON object {{ … }}."),
            );
        }
        members
    }

    fn array(&mut self, node: &'a Node, path: &str) -> Option<&'a [Node]> {
        let items = node.as_array();
        if items.is_none() {
            self.schema(
                node,
                format!(
                    "{path} must be an array, found {}.",
                    node.kind_with_article()
                ),
                format!("Write {path} as a JSON array [ … ]."),
            );
        }
        items
    }

    fn string(&mut self, node: &'a Node, path: &str) -> Option<&'a str> {
        let s = node.as_str();
        if s.is_none() {
            self.schema(
                node,
                format!(
                    "{path} must be a string, found {}.",
                    node.kind_with_article()
                ),
                format!("Quote the value of {path}."),
            );
        }
        s
    }

    fn boolean(&mut self, node: &'a Node, path: &str) {
        if node.as_bool().is_none() {
            self.schema(
                node,
                format!(
                    "{path} must be true or false, found {}.",
                    node.kind_with_article()
                ),
                format!("Write {path} as true or false, without quotes."),
            );
        }
    }

    fn one_of(&mut self, node: &'a Node, path: &str, allowed: &[&str]) {
        if let Some(s) = self.string(node, path)
            && !allowed.contains(&s)
        {
            self.schema(
                node,
                format!("{path} is \"{s}\", which is not one of the values CycloneDX allows."),
                format!("Use one of: {}.", allowed.join(", ")),
            );
        }
    }

    fn one_of2(&mut self, node: &'a Node, path: &str, base: &[&str], extra16: &[&str]) {
        let mut allowed: Vec<&str> = base.to_vec();
        if self.spec == Spec::V16 {
            allowed.extend_from_slice(extra16);
        }
        self.one_of(node, path, &allowed);
    }

    fn ref_type(&mut self, node: &'a Node, path: &str) -> Option<&'a str> {
        let s = self.string(node, path)?;
        if s.is_empty() {
            self.schema(
                node,
                format!("{path} is empty; a reference needs at least one character."),
                "Give it the bom-ref of the component it refers to.",
            );
            return None;
        }
        Some(s)
    }

    /// Reports keys the schema does not define (it sets
    /// `additionalProperties: false` almost everywhere).
    fn keys(
        &mut self,
        members: &'a [(Node, Node)],
        path: &str,
        allowed: &[&str],
        extra16: &[&str],
    ) {
        for (k, _) in members {
            let key = k.as_str().unwrap_or_default();
            if allowed.contains(&key) || (self.spec == Spec::V16 && extra16.contains(&key)) {
                continue;
            }
            let version = match self.spec {
                Spec::V15 => "1.5",
                Spec::V16 => "1.6",
            };
            let hint = if self.spec == Spec::V15 && extra16.contains(&key) {
                " (it was added in CycloneDX 1.6)"
            } else {
                ""
            };
            self.schema(
                k,
                format!(
                    "{path} has the key \"{key}\", which CycloneDX {version} does not define{hint}."
                ),
                format!(
                    "Remove \"{key}\" or fix its spelling; {path} allows {}.",
                    allowed
                        .iter()
                        .chain(if self.spec == Spec::V16 { extra16 } else { &[] })
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }

    fn require(&mut self, node: &'a Node, path: &str, key: &str) -> Option<&'a Node> {
        let v = node.get(key);
        if v.is_none() {
            self.schema(
                node,
                format!("{path} has no \"{key}\"; the schema requires it."),
                format!("Add \"{key}\" to {path}."),
            );
        }
        v
    }

    fn bom(&mut self, root: &'a Node) {
        let Some(members) = root.as_object() else {
            return;
        };
        self.keys(
            members,
            "the BOM",
            &[
                "$schema",
                "bomFormat",
                "specVersion",
                "serialNumber",
                "version",
                "metadata",
                "components",
                "services",
                "externalReferences",
                "dependencies",
                "compositions",
                "vulnerabilities",
                "annotations",
                "formulation",
                "properties",
                "signature",
            ],
            &["declarations", "definitions"],
        );
        if let Some(f) = self.require(root, "the BOM", "bomFormat")
            && let Some(s) = self.string(f, "bomFormat")
            && s != "CycloneDX"
        {
            self.schema(
                f,
                format!("bomFormat is \"{s}\"; a CycloneDX BOM says \"CycloneDX\"."),
                "Set \"bomFormat\": \"CycloneDX\".",
            );
        }
        if let Some(v) = self.require(root, "the BOM", "specVersion")
            && let Some(s) = self.string(v, "specVersion")
            && s != "1.5"
            && s != "1.6"
        {
            self.schema(
                v,
                format!("specVersion is \"{s}\"; Rampart validates CycloneDX 1.5 and 1.6."),
                "Generate the SBOM as CycloneDX 1.6 (or 1.5) and set \"specVersion\" to match.",
            );
        }
        if let Some(s) = root.get("$schema") {
            self.string(s, "$schema");
        }
        if let Some(n) = root.get("serialNumber")
            && let Some(s) = self.string(n, "serialNumber")
            && !is_urn_uuid(s)
        {
            self.schema(
                n,
                format!("serialNumber \"{s}\" is not a urn:uuid with a lowercase RFC 4122 UUID."),
                "Write it as urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (lowercase hex), e.g. from `uuidgen | tr A-Z a-z`.",
            );
        }
        if let Some(n) = root.get("version") {
            let ok = n.as_f64().is_some_and(|f| f.fract() == 0.0 && f >= 1.0);
            if !ok {
                self.schema(
                    n,
                    format!(
                        "version must be an integer of at least 1, found {}.",
                        n.as_number()
                            .map_or_else(|| n.kind_with_article().to_string(), str::to_string)
                    ),
                    "Write the BOM's version as a whole number, starting at 1.",
                );
            }
        }
        if let Some(m) = root.get("metadata") {
            self.metadata(m);
        }
        if let Some(list) = root.get("components") {
            self.component_list(list, "components", true);
        }
        if let Some(list) = root.get("services") {
            self.service_list(list, "services");
        }
        if let Some(list) = root.get("externalReferences") {
            self.external_references(list, "externalReferences");
        }
        if let Some(list) = root.get("dependencies") {
            self.dependencies(list);
        }
        if let Some(list) = root.get("properties") {
            self.properties(list, "properties");
        }
        for key in [
            "compositions",
            "vulnerabilities",
            "annotations",
            "formulation",
        ] {
            if let Some(list) = root.get(key)
                && let Some(items) = self.array(list, key)
            {
                self.unique_items(items, key);
                for (i, item) in items.iter().enumerate() {
                    self.object(item, &format!("{key}[{i}]"));
                }
            }
        }
        for key in ["declarations", "definitions", "signature"] {
            if let Some(v) = root.get(key) {
                self.object(v, key);
            }
        }
    }

    fn metadata(&mut self, m: &'a Node) {
        let Some(members) = self.object(m, "metadata") else {
            return;
        };
        self.keys(
            members,
            "metadata",
            &[
                "timestamp",
                "lifecycles",
                "tools",
                "authors",
                "component",
                "manufacture",
                "supplier",
                "licenses",
                "properties",
            ],
            &["manufacturer"],
        );
        if let Some(t) = m.get("timestamp")
            && let Some(s) = self.string(t, "metadata.timestamp")
            && !is_date_time(s)
        {
            self.schema(
                t,
                format!("metadata.timestamp \"{s}\" is not an RFC 3339 date-time."),
                "Write a full date and time with a zone, e.g. 2024-05-01T12:00:00Z.",
            );
        }
        if let Some(list) = m.get("lifecycles")
            && let Some(items) = self.array(list, "metadata.lifecycles")
        {
            for (i, item) in items.iter().enumerate() {
                let path = format!("metadata.lifecycles[{i}]");
                let Some(members) = self.object(item, &path) else {
                    continue;
                };
                if let Some(p) = item.get("phase") {
                    self.keys(members, &path, &["phase"], &[]);
                    self.one_of(p, &format!("{path}.phase"), LIFECYCLE_PHASES);
                } else if let Some(n) = item.get("name") {
                    self.keys(members, &path, &["name", "description"], &[]);
                    self.string(n, &format!("{path}.name"));
                } else {
                    self.schema(
                        item,
                        format!("{path} has neither \"phase\" nor \"name\"."),
                        format!(
                            "Give it a \"phase\" ({}) or a \"name\".",
                            LIFECYCLE_PHASES.join(", ")
                        ),
                    );
                }
            }
        }
        if let Some(t) = m.get("tools") {
            self.tools(t);
        }
        if let Some(list) = m.get("authors") {
            self.contacts(list, "metadata.authors");
        }
        if let Some(c) = m.get("component") {
            self.component(c, "metadata.component", true, true);
        }
        for key in ["manufacture", "manufacturer", "supplier"] {
            if let Some(e) = m.get(key) {
                self.entity(e, &format!("metadata.{key}"));
            }
        }
        if let Some(l) = m.get("licenses") {
            self.licenses(l, "metadata.licenses");
        }
        if let Some(p) = m.get("properties") {
            self.properties(p, "metadata.properties");
        }
    }

    fn tools(&mut self, t: &'a Node) {
        match &t.value {
            Value::Object(members) => {
                self.keys(members, "metadata.tools", &["components", "services"], &[]);
                if let Some(list) = t.get("components") {
                    self.component_list(list, "metadata.tools.components", false);
                }
                if let Some(list) = t.get("services") {
                    self.service_list(list, "metadata.tools.services");
                }
            }
            Value::Array(items) => {
                // The deprecated 1.4-style list of tools.
                for (i, item) in items.iter().enumerate() {
                    let path = format!("metadata.tools[{i}]");
                    let Some(members) = self.object(item, &path) else {
                        continue;
                    };
                    self.keys(members, &path, &["vendor", "name", "version", "hashes", "externalReferences"], &[]);
                    for key in ["vendor", "name", "version"] {
                        if let Some(v) = item.get(key) {
                            self.string(v, &format!("{path}.{key}"));
                        }
                    }
                    if let Some(h) = item.get("hashes") {
                        self.hashes(h, &format!("{path}.hashes"));
                    }
                    if let Some(e) = item.get("externalReferences") {
                        self.external_references(e, &format!("{path}.externalReferences"));
                    }
                }
            }
            _ => self.schema(
                t,
                format!("metadata.tools must be an object with \"components\" and \"services\" (or the older array of tools), found {}.", t.kind_with_article()),
                "Write \"tools\": { \"components\": [ … ] }.",
            ),
        }
    }

    fn unique_items(&mut self, items: &'a [Node], path: &str) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let key = canonical(item);
            if let Some(first) = seen.get(&key) {
                self.schema(
                    item,
                    format!("{path}[{i}] is an exact copy of {path}[{first}]; the schema requires unique items."),
                    "Remove the duplicate.",
                );
            } else {
                seen.insert(key, i);
            }
        }
    }

    fn component_list(&mut self, list: &'a Node, path: &str, collect: bool) {
        let Some(items) = self.array(list, path) else {
            return;
        };
        // The schema asks for unique items in every component list but
        // pedigree's (ancestors may legitimately repeat).
        if !path.contains(".pedigree.") {
            self.unique_items(items, path);
        }
        for (i, item) in items.iter().enumerate() {
            self.component(item, &format!("{path}[{i}]"), collect, false);
        }
    }

    fn component(&mut self, c: &'a Node, path: &str, collect: bool, is_subject: bool) {
        let Some(members) = self.object(c, path) else {
            return;
        };
        self.keys(members, path, COMPONENT_KEYS_15, COMPONENT_KEYS_16_EXTRA);
        if let Some(t) = self.require(c, path, "type") {
            self.one_of2(
                t,
                &format!("{path}.type"),
                COMPONENT_TYPES_15,
                &["cryptographic-asset"],
            );
        }
        let name = self
            .require(c, path, "name")
            .and_then(|n| self.string(n, &format!("{path}.name")));
        for key in [
            "author",
            "publisher",
            "group",
            "description",
            "copyright",
            "cpe",
            "purl",
        ] {
            if let Some(v) = c.get(key) {
                self.string(v, &format!("{path}.{key}"));
            }
        }
        let version = c.get("version");
        if let Some(v) = version
            && let Some(s) = self.string(v, &format!("{path}.version"))
        {
            if s.is_empty() && self.spec == Spec::V15 {
                self.schema(
                    v,
                    format!("{path}.version is empty."),
                    "Give the component's version, or leave the key out.",
                );
            }
            if s.chars().count() > 1024 {
                self.schema(
                    v,
                    format!("{path}.version is longer than 1024 characters."),
                    "Shorten it.",
                );
            }
        }
        if let Some(v) = c.get("bom-ref") {
            self.ref_type(v, &format!("{path}.bom-ref"));
        }
        if let Some(v) = c.get("mime-type")
            && let Some(s) = self.string(v, &format!("{path}.mime-type"))
            && !is_mime_type(s)
        {
            self.schema(
                v,
                format!("{path}.mime-type \"{s}\" is not a lowercase type/subtype."),
                "Write it like image/jpeg or application/java-archive.",
            );
        }
        if let Some(v) = c.get("scope") {
            self.one_of(
                v,
                &format!("{path}.scope"),
                &["required", "optional", "excluded"],
            );
        }
        if let Some(v) = c.get("modified") {
            self.boolean(v, &format!("{path}.modified"));
        }
        if let Some(h) = c.get("hashes") {
            self.hashes(h, &format!("{path}.hashes"));
        }
        if let Some(l) = c.get("licenses") {
            self.licenses(l, &format!("{path}.licenses"));
        }
        if let Some(e) = c.get("externalReferences") {
            self.external_references(e, &format!("{path}.externalReferences"));
        }
        for key in ["supplier", "manufacturer"] {
            if let Some(e) = c.get(key) {
                self.entity(e, &format!("{path}.{key}"));
            }
        }
        if let Some(a) = c.get("authors") {
            self.contacts(a, &format!("{path}.authors"));
        }
        for key in ["omniborId", "swhid", "tags"] {
            if let Some(list) = c.get(key)
                && let Some(items) = self.array(list, &format!("{path}.{key}"))
            {
                for (i, item) in items.iter().enumerate() {
                    self.string(item, &format!("{path}.{key}[{i}]"));
                }
            }
        }
        if let Some(s) = c.get("swid") {
            self.swid(s, &format!("{path}.swid"));
        }
        if let Some(p) = c.get("pedigree") {
            self.pedigree(p, &format!("{path}.pedigree"));
        }
        if let Some(p) = c.get("properties") {
            self.properties(p, &format!("{path}.properties"));
        }
        if let Some(d) = c.get("data") {
            self.array(d, &format!("{path}.data"));
        }
        for key in [
            "evidence",
            "releaseNotes",
            "modelCard",
            "cryptoProperties",
            "signature",
        ] {
            if let Some(v) = c.get(key) {
                self.object(v, &format!("{path}.{key}"));
            }
        }
        if let Some(p) = c.get("purl")
            && let Some(s) = p.as_str()
            && let Err(why) = Purl::parse(s)
        {
            self.findings.push(
                Finding::new(
                    "sbom/bad-purl",
                    Severity::Error,
                    p.line,
                    format!("{path}.purl \"{s}\" is not a valid purl: {why}."),
                )
                .column(p.column)
                .why("Scanners look components up in advisory databases by purl; a purl that does not parse matches nothing, so the component is never checked.")
                .fix("Write it as pkg:<type>/<namespace>/<name>@<version>, percent-encoding reserved characters (an npm scope's @ as %40), e.g. pkg:npm/%40babel/core@7.12.3 or pkg:cargo/serde@1.0.130."),
            );
        }
        if let Some(list) = c.get("components") {
            self.component_list(list, &format!("{path}.components"), collect);
        }
        if collect && let Some(name) = name {
            let group = c.get("group").and_then(Node::as_str).unwrap_or_default();
            let full = if group.starts_with('@') && !name.contains('/') {
                format!("{group}/{name}")
            } else {
                name.to_string()
            };
            let hashes = c
                .get("hashes")
                .and_then(Node::as_array)
                .unwrap_or_default()
                .iter()
                .filter_map(|h| Some((h.get("alg")?, h.get("content")?)))
                .collect();
            self.components.push(Comp {
                node: c,
                path: path.to_string(),
                name: full,
                version,
                purl: c.get("purl"),
                hashes,
                is_subject,
            });
        }
    }

    fn hashes(&mut self, list: &'a Node, path: &str) {
        let Some(items) = self.array(list, path) else {
            return;
        };
        for (i, h) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let Some(members) = self.object(h, &p) else {
                continue;
            };
            self.keys(members, &p, &["alg", "content"], &[]);
            let alg = self.require(h, &p, "alg");
            if let Some(a) = alg {
                self.one_of(a, &format!("{p}.alg"), HASH_ALGS);
            }
            if let Some(content) = self.require(h, &p, "content")
                && let Some(s) = self.string(content, &format!("{p}.content"))
            {
                let hex = s.bytes().all(|b| b.is_ascii_hexdigit());
                if !hex || ![32, 40, 64, 96, 128].contains(&s.len()) {
                    self.schema(
                        content,
                        format!("{p}.content \"{}\" is not a hex digest of 32, 40, 64, 96 or 128 digits.", shorten(s)),
                        "Write the digest in hex (not base64), exactly as long as the algorithm's output.",
                    );
                } else if let Some(expected) = alg.and_then(Node::as_str).and_then(hex_len)
                    && expected != s.len()
                {
                    let a = alg.and_then(Node::as_str).unwrap_or_default();
                    self.findings.push(
                        Finding::new(
                            "sbom/wrong-hash",
                            Severity::Error,
                            content.line,
                            format!("{p}: a {a} digest has {expected} hex digits; this one has {}.", s.len()),
                        )
                        .column(content.column)
                        .why("A hash whose length does not fit its algorithm cannot be verified, so the artifact it describes is effectively unpinned.")
                        .fix(format!("Put the {a} digest here, or change \"alg\" to the algorithm that produced this one.")),
                    );
                }
            }
        }
    }

    fn licenses(&mut self, list: &'a Node, path: &str) {
        let Some(items) = self.array(list, path) else {
            return;
        };
        let has_expression = items.iter().any(|i| i.get("expression").is_some());
        if has_expression && items.len() != 1 {
            self.schema(
                list,
                format!("{path} mixes an SPDX expression with other entries; the schema allows either a list of licenses or exactly one expression."),
                "Combine them into one expression (e.g. \"MIT OR Apache-2.0\") or list each license separately.",
            );
        }
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let Some(members) = self.object(item, &p) else {
                continue;
            };
            if let Some(e) = item.get("expression") {
                self.keys(
                    members,
                    &p,
                    &["expression", "bom-ref"],
                    &["acknowledgement"],
                );
                self.string(e, &format!("{p}.expression"));
                if let Some(a) = item.get("acknowledgement") {
                    self.one_of(
                        a,
                        &format!("{p}.acknowledgement"),
                        &["declared", "concluded"],
                    );
                }
                continue;
            }
            self.keys(members, &p, &["license"], &[]);
            let Some(l) = self.require(item, &p, "license") else {
                continue;
            };
            let lp = format!("{p}.license");
            let Some(lm) = self.object(l, &lp) else {
                continue;
            };
            self.keys(
                lm,
                &lp,
                &[
                    "bom-ref",
                    "id",
                    "name",
                    "licensing",
                    "properties",
                    "text",
                    "url",
                ],
                &["acknowledgement"],
            );
            match (l.get("id"), l.get("name")) {
                (None, None) => self.schema(
                    l,
                    format!("{lp} has neither \"id\" nor \"name\"."),
                    "Give an SPDX license id (\"id\": \"MIT\") or, for a license SPDX does not list, a \"name\".",
                ),
                (Some(_), Some(n)) => self.schema(
                    n,
                    format!("{lp} has both \"id\" and \"name\"; the schema allows exactly one."),
                    "Keep \"id\" for an SPDX license, \"name\" otherwise.",
                ),
                (Some(id), None) => {
                    if let Some(s) = self.string(id, &format!("{lp}.id"))
                        && !is_spdx_id(s)
                    {
                        let fix = match spdx_suggestion(s) {
                            Some(sug) => format!("Did you mean \"{sug}\"? Use an id from the SPDX license list, or \"name\" for other licenses."),
                            None => "Use an id from the SPDX license list (https://spdx.org/licenses/), or \"name\" for a license it does not list.".to_string(),
                        };
                        self.schema(id, format!("{lp}.id \"{s}\" is not an SPDX license id."), fix);
                    }
                }
                (None, Some(n)) => {
                    self.string(n, &format!("{lp}.name"));
                }
            }
            if let Some(a) = l.get("acknowledgement") {
                self.one_of(
                    a,
                    &format!("{lp}.acknowledgement"),
                    &["declared", "concluded"],
                );
            }
            if let Some(u) = l.get("url") {
                self.string(u, &format!("{lp}.url"));
            }
            if let Some(t) = l.get("text") {
                self.attachment(t, &format!("{lp}.text"));
            }
            if let Some(p) = l.get("properties") {
                self.properties(p, &format!("{lp}.properties"));
            }
            if let Some(x) = l.get("licensing") {
                self.object(x, &format!("{lp}.licensing"));
            }
        }
    }

    fn attachment(&mut self, t: &'a Node, path: &str) {
        let Some(members) = self.object(t, path) else {
            return;
        };
        self.keys(members, path, &["contentType", "encoding", "content"], &[]);
        if let Some(c) = self.require(t, path, "content") {
            self.string(c, &format!("{path}.content"));
        }
        if let Some(c) = t.get("contentType") {
            self.string(c, &format!("{path}.contentType"));
        }
        if let Some(e) = t.get("encoding") {
            self.one_of(e, &format!("{path}.encoding"), &["base64"]);
        }
    }

    fn external_references(&mut self, list: &'a Node, path: &str) {
        let Some(items) = self.array(list, path) else {
            return;
        };
        for (i, r) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let Some(members) = self.object(r, &p) else {
                continue;
            };
            self.keys(members, &p, &["url", "comment", "type", "hashes"], &[]);
            if let Some(u) = self.require(r, &p, "url") {
                self.string(u, &format!("{p}.url"));
            }
            if let Some(t) = self.require(r, &p, "type") {
                self.one_of2(
                    t,
                    &format!("{p}.type"),
                    EXTERNAL_REFERENCE_TYPES_15,
                    EXTERNAL_REFERENCE_TYPES_16_EXTRA,
                );
            }
            if let Some(c) = r.get("comment") {
                self.string(c, &format!("{p}.comment"));
            }
            if let Some(h) = r.get("hashes") {
                self.hashes(h, &format!("{p}.hashes"));
            }
        }
    }

    fn entity(&mut self, e: &'a Node, path: &str) {
        let Some(members) = self.object(e, path) else {
            return;
        };
        self.keys(
            members,
            path,
            &["bom-ref", "name", "url", "contact"],
            &["address"],
        );
        if let Some(n) = e.get("name") {
            self.string(n, &format!("{path}.name"));
        }
        if let Some(list) = e.get("url")
            && let Some(items) = self.array(list, &format!("{path}.url"))
        {
            for (i, u) in items.iter().enumerate() {
                self.string(u, &format!("{path}.url[{i}]"));
            }
        }
        if let Some(c) = e.get("contact") {
            self.contacts(c, &format!("{path}.contact"));
        }
        if let Some(a) = e.get("address") {
            self.object(a, &format!("{path}.address"));
        }
        if let Some(r) = e.get("bom-ref") {
            self.ref_type(r, &format!("{path}.bom-ref"));
        }
    }

    fn contacts(&mut self, list: &'a Node, path: &str) {
        let Some(items) = self.array(list, path) else {
            return;
        };
        for (i, c) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let Some(members) = self.object(c, &p) else {
                continue;
            };
            self.keys(members, &p, &["bom-ref", "name", "email", "phone"], &[]);
            for key in ["name", "email", "phone"] {
                if let Some(v) = c.get(key) {
                    self.string(v, &format!("{p}.{key}"));
                }
            }
        }
    }

    fn properties(&mut self, list: &'a Node, path: &str) {
        let Some(items) = self.array(list, path) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let Some(members) = self.object(item, &p) else {
                continue;
            };
            self.keys(members, &p, &["name", "value"], &[]);
            if let Some(n) = self.require(item, &p, "name") {
                self.string(n, &format!("{p}.name"));
            }
            if let Some(v) = item.get("value") {
                self.string(v, &format!("{p}.value"));
            }
        }
    }

    fn swid(&mut self, s: &'a Node, path: &str) {
        let Some(members) = self.object(s, path) else {
            return;
        };
        self.keys(
            members,
            path,
            &[
                "tagId",
                "name",
                "version",
                "tagVersion",
                "patch",
                "text",
                "url",
            ],
            &[],
        );
        for key in ["tagId", "name"] {
            if let Some(v) = self.require(s, path, key) {
                self.string(v, &format!("{path}.{key}"));
            }
        }
        if let Some(t) = s.get("text") {
            self.attachment(t, &format!("{path}.text"));
        }
        if let Some(p) = s.get("patch") {
            self.boolean(p, &format!("{path}.patch"));
        }
    }

    fn pedigree(&mut self, p: &'a Node, path: &str) {
        let Some(members) = self.object(p, path) else {
            return;
        };
        self.keys(
            members,
            path,
            &[
                "ancestors",
                "descendants",
                "variants",
                "commits",
                "patches",
                "notes",
            ],
            &[],
        );
        for key in ["ancestors", "descendants", "variants"] {
            if let Some(list) = p.get(key) {
                self.component_list(list, &format!("{path}.{key}"), false);
            }
        }
        if let Some(list) = p.get("commits")
            && let Some(items) = self.array(list, &format!("{path}.commits"))
        {
            for (i, commit) in items.iter().enumerate() {
                let cp = format!("{path}.commits[{i}]");
                let Some(cm) = self.object(commit, &cp) else {
                    continue;
                };
                self.keys(
                    cm,
                    &cp,
                    &["uid", "url", "author", "committer", "message"],
                    &[],
                );
                for who in ["author", "committer"] {
                    if let Some(a) = commit.get(who)
                        && self.object(a, &format!("{cp}.{who}")).is_some()
                        && let Some(t) = a.get("timestamp")
                        && let Some(s) = self.string(t, &format!("{cp}.{who}.timestamp"))
                        && !is_date_time(s)
                    {
                        self.schema(
                            t,
                            format!("{cp}.{who}.timestamp \"{s}\" is not an RFC 3339 date-time."),
                            "Write a full date and time with a zone, e.g. 2024-05-01T12:00:00Z.",
                        );
                    }
                }
            }
        }
        if let Some(list) = p.get("patches") {
            self.array(list, &format!("{path}.patches"));
        }
        if let Some(n) = p.get("notes") {
            self.string(n, &format!("{path}.notes"));
        }
    }

    fn service_list(&mut self, list: &'a Node, path: &str) {
        let Some(items) = self.array(list, path) else {
            return;
        };
        self.unique_items(items, path);
        for (i, s) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let Some(members) = self.object(s, &p) else {
                continue;
            };
            self.keys(
                members,
                &p,
                &[
                    "bom-ref",
                    "provider",
                    "group",
                    "name",
                    "version",
                    "description",
                    "endpoints",
                    "authenticated",
                    "x-trust-boundary",
                    "trustZone",
                    "data",
                    "licenses",
                    "externalReferences",
                    "services",
                    "releaseNotes",
                    "properties",
                    "signature",
                ],
                &["tags"],
            );
            if let Some(n) = self.require(s, &p, "name") {
                self.string(n, &format!("{p}.name"));
            }
            for key in ["group", "version", "description", "trustZone"] {
                if let Some(v) = s.get(key) {
                    self.string(v, &format!("{p}.{key}"));
                }
            }
            for key in ["authenticated", "x-trust-boundary"] {
                if let Some(v) = s.get(key) {
                    self.boolean(v, &format!("{p}.{key}"));
                }
            }
            if let Some(r) = s.get("bom-ref") {
                self.ref_type(r, &format!("{p}.bom-ref"));
            }
            if let Some(e) = s.get("provider") {
                self.entity(e, &format!("{p}.provider"));
            }
            if let Some(list) = s.get("endpoints")
                && let Some(items) = self.array(list, &format!("{p}.endpoints"))
            {
                for (j, e) in items.iter().enumerate() {
                    self.string(e, &format!("{p}.endpoints[{j}]"));
                }
            }
            if let Some(l) = s.get("licenses") {
                self.licenses(l, &format!("{p}.licenses"));
            }
            if let Some(e) = s.get("externalReferences") {
                self.external_references(e, &format!("{p}.externalReferences"));
            }
            if let Some(list) = s.get("services") {
                self.service_list(list, &format!("{p}.services"));
            }
            if let Some(props) = s.get("properties") {
                self.properties(props, &format!("{p}.properties"));
            }
        }
    }

    fn dependencies(&mut self, list: &'a Node) {
        let Some(items) = self.array(list, "dependencies") else {
            return;
        };
        self.unique_items(items, "dependencies");
        for (i, d) in items.iter().enumerate() {
            let p = format!("dependencies[{i}]");
            let Some(members) = self.object(d, &p) else {
                continue;
            };
            self.keys(members, &p, &["ref", "dependsOn"], &["provides"]);
            if let Some(r) = self.require(d, &p, "ref")
                && let Some(s) = self.ref_type(r, &format!("{p}.ref"))
            {
                self.refs_used.push((r, s.to_string()));
            }
            for key in ["dependsOn", "provides"] {
                let Some(list) = d.get(key) else {
                    continue;
                };
                let kp = format!("{p}.{key}");
                let Some(refs) = self.array(list, &kp) else {
                    continue;
                };
                let mut seen = HashSet::new();
                for (j, r) in refs.iter().enumerate() {
                    if let Some(s) = self.ref_type(r, &format!("{kp}[{j}]")) {
                        if !seen.insert(s) {
                            self.schema(
                                r,
                                format!(
                                    "{kp} lists \"{s}\" twice; the schema requires unique items."
                                ),
                                "Remove the duplicate.",
                            );
                        }
                        self.refs_used.push((r, s.to_string()));
                    }
                }
            }
        }
    }

    /// Every `bom-ref` must be unique, and every reference in
    /// `dependencies` must name one.
    fn check_bom_refs(&mut self, root: &'a Node) {
        let mut refs: HashMap<&'a str, u32> = HashMap::new();
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            match &n.value {
                Value::Object(members) => {
                    for (k, v) in members {
                        if k.as_str() == Some("bom-ref")
                            && let Some(s) = v.as_str()
                        {
                            if let Some(first) = refs.get(s) {
                                let first = *first;
                                self.schema(
                                    v,
                                    format!("bom-ref \"{s}\" is used twice (first at line {first}); every bom-ref must be unique within the BOM."),
                                    "Give each component, service and license its own bom-ref (the purl is a good choice for components).",
                                );
                            } else {
                                refs.insert(s, v.line);
                            }
                        }
                    }
                    // Pushed in reverse so that popping visits the
                    // document in order ("first at line N" is the first).
                    stack.extend(members.iter().rev().map(|(_, v)| v));
                }
                Value::Array(items) => stack.extend(items.iter().rev()),
                _ => {}
            }
        }
        let used = std::mem::take(&mut self.refs_used);
        for (node, r) in used {
            if !refs.contains_key(r.as_str()) {
                self.schema(
                    node,
                    format!("the dependency graph refers to \"{r}\", but no component or service has that bom-ref."),
                    "Use the bom-ref of a component listed in the BOM, or add that component.",
                );
            }
        }
    }

    /// Compares the components with the lockfile's packages.
    fn compare(&mut self, lock: &Lockfile) {
        let eco = lock.ecosystem();
        let file = lock.kind.file_name();
        let comps = std::mem::take(&mut self.components);
        let mut used = vec![false; comps.len()];
        // Index the components by normalised name and by purl identity.
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_purl: HashMap<(String, String), Vec<usize>> = HashMap::new();
        let mut parsed: Vec<Option<Purl>> = Vec::with_capacity(comps.len());
        for (i, c) in comps.iter().enumerate() {
            by_name
                .entry(eco.normalize_name(&c.name))
                .or_default()
                .push(i);
            let p = c
                .purl
                .and_then(Node::as_str)
                .and_then(|s| Purl::parse(s).ok());
            if let Some(p) = &p
                && p.ty == eco.purl_type()
            {
                by_purl
                    .entry((p.full_name(), p.version.clone().unwrap_or_default()))
                    .or_default()
                    .push(i);
            }
            parsed.push(p);
        }
        let version_of = |c: &Comp| c.version.and_then(Node::as_str).map(str::to_string);
        let mut unmatched: Vec<&Package> = Vec::new();
        // npm installs the same name and version at several paths; the SBOM
        // lists it once.
        let mut seen: HashSet<(String, &str)> = HashSet::new();
        for p in &lock.packages {
            let key = eco.normalize_name(&p.name);
            if !seen.insert((key.clone(), p.version.as_str())) {
                continue;
            }
            let purl_key = (
                match purl_parts(eco, &p.name) {
                    (Some(ns), n) => format!("{ns}/{n}"),
                    (None, n) => n,
                },
                p.version.clone(),
            );
            let hit = by_name
                .get(&key)
                .and_then(|v| {
                    v.iter().copied().find(|&i| {
                        !used[i] && version_of(&comps[i]).as_deref() == Some(p.version.as_str())
                    })
                })
                .or_else(|| {
                    by_purl
                        .get(&purl_key)
                        .and_then(|v| v.iter().copied().find(|&i| !used[i]))
                });
            match hit {
                Some(i) => {
                    used[i] = true;
                    self.check_match(&comps[i], parsed[i].as_ref(), p, file);
                }
                None => unmatched.push(p),
            }
        }
        for p in unmatched {
            let key = eco.normalize_name(&p.name);
            let same_name = by_name.get(&key).and_then(|v| {
                v.iter()
                    .copied()
                    .find(|&i| !used[i] && !comps[i].is_subject)
            });
            if let Some(i) = same_name {
                used[i] = true;
                let c = &comps[i];
                let at = c.version.unwrap_or(c.node);
                let shown = version_of(c)
                    .map_or_else(|| "no version".to_string(), |v| format!("version {v}"));
                self.findings.push(
                    Finding::new(
                        "sbom/wrong-version",
                        Severity::Error,
                        at.line,
                        format!(
                            "{} ({}) has {shown}, but {file} installs {} {} (line {}).",
                            c.path, c.name, p.name, p.version, p.line
                        ),
                    )
                    .column(at.column)
                    .why(WRONG_VERSION_WHY)
                    .fix(format!(
                        "Set \"version\" to \"{}\" (and the purl to {}); better, regenerate the SBOM from the lockfile.",
                        p.version,
                        package_purl(p)
                    )),
                );
                continue;
            }
            // The project's own and path packages have no registry identity;
            // the SBOM may describe them as metadata.component or leave them out.
            if p.source.is_none() && p.checksum.is_none() {
                continue;
            }
            self.findings.push(
                Finding::new(
                    "sbom/missing-component",
                    Severity::Error,
                    self.components_line,
                    format!(
                        "{} {} ({file} line {}) is not in the SBOM.",
                        p.name, p.version, p.line
                    ),
                )
                .why("An SBOM is only useful if it is complete: when the next advisory for this package is published, nobody searching the SBOM will find that they ship it.")
                .fix(format!(
                    "Add a component {{ \"type\": \"library\", \"name\": \"{}\", \"version\": \"{}\", \"purl\": \"{}\" }} with its hash; better, generate the SBOM from the lockfile (cargo cyclonedx, npm sbom).",
                    p.name,
                    p.version,
                    package_purl(p)
                )),
            );
        }
        for (i, c) in comps.iter().enumerate() {
            if used[i] || c.is_subject {
                continue;
            }
            let version = version_of(c).unwrap_or_default();
            let twice = lock.packages.iter().any(|p| {
                eco.normalize_name(&p.name) == eco.normalize_name(&c.name) && p.version == version
            });
            let message = if twice {
                format!("{} lists {} {version} a second time.", c.path, c.name)
            } else {
                format!("{} ({} {version}) is not in {file}.", c.path, c.name)
            };
            self.findings.push(
                Finding::new("sbom/extra-component", Severity::Warning, c.node.line, message)
                    .column(c.node.column)
                    .why("Components that the build does not contain make the SBOM untrustworthy: readers chase advisories for software that is not shipped.")
                    .fix("Remove the component, or regenerate the SBOM from the current lockfile."),
            );
        }
    }

    fn check_match(&mut self, c: &Comp<'a>, parsed: Option<&Purl>, p: &Package, file: &str) {
        let expected = package_purl(p);
        // Matched through its purl: the `version` field may still disagree.
        let version = c.version.and_then(Node::as_str);
        if version != Some(p.version.as_str()) {
            let at = c.version.unwrap_or(c.node);
            let shown =
                version.map_or_else(|| "no version".to_string(), |v| format!("version {v}"));
            self.findings.push(
                Finding::new(
                    "sbom/wrong-version",
                    Severity::Error,
                    at.line,
                    format!(
                        "{} ({}) has {shown}, but its purl and {file} say {} {} (line {}).",
                        c.path, c.name, p.name, p.version, p.line
                    ),
                )
                .column(at.column)
                .why(WRONG_VERSION_WHY)
                .fix(format!("Set \"version\" to \"{}\".", p.version)),
            );
        }
        match (c.purl, parsed) {
            // The project itself (metadata.component) may go without one.
            (None, _) if c.is_subject => {}
            (None, _) => self.findings.push(
                Finding::new(
                    "sbom/bad-purl",
                    Severity::Error,
                    c.node.line,
                    format!("{} ({} {}) has no purl.", c.path, p.name, p.version),
                )
                .column(c.node.column)
                .why("Scanners and advisory databases identify packages by purl; without one the component is matched by a guess at its name, or not at all.")
                .fix(format!("Add \"purl\": \"{expected}\".")),
            ),
            // A purl that does not parse was reported with the schema pass.
            (Some(_), None) => {}
            (Some(node), Some(purl)) => {
                if let Some(problem) = purl.mismatch(p) {
                    self.findings.push(
                        Finding::new(
                            "sbom/bad-purl",
                            Severity::Error,
                            node.line,
                            format!(
                                "{}.purl \"{}\" {problem}, but this component is {} {} from {file}.",
                                c.path,
                                node.as_str().unwrap_or_default(),
                                p.name,
                                p.version
                            ),
                        )
                        .column(node.column)
                        .why("The purl is what scanners look up: a purl naming another package or version makes them check the wrong thing.")
                        .fix(format!("Set \"purl\": \"{expected}\".")),
                    );
                }
            }
        }
        let Some(sum) = &p.checksum else {
            return;
        };
        let same_alg: Vec<&(&Node, &Node)> = c
            .hashes
            .iter()
            .filter(|(alg, _)| alg.as_str() == Some(sum.algorithm.as_str()))
            .collect();
        let source = match p.ecosystem {
            Ecosystem::CratesIo => format!("the `checksum` in {file}"),
            Ecosystem::Npm => format!("the `integrity` in {file} (base64 there, hex here)"),
            Ecosystem::PyPI => format!("the hash in {file}"),
        };
        if same_alg.is_empty() {
            let at = c.node;
            self.findings.push(
                Finding::new(
                    "sbom/missing-hash",
                    Severity::Error,
                    at.line,
                    format!(
                        "{} ({} {}) has no {} hash; {file} pins it to {} {}.",
                        c.path, p.name, p.version, sum.algorithm, sum.algorithm, sum.hex
                    ),
                )
                .column(at.column)
                .why("Without the hash, a consumer of the SBOM cannot tell the genuine package archive from a tampered one with the same name and version.")
                .fix(format!(
                    "Add \"hashes\": [{{ \"alg\": \"{}\", \"content\": \"{}\" }}], taken from {source}.",
                    sum.algorithm, sum.hex
                )),
            );
            return;
        }
        for (_, content) in same_alg {
            let Some(s) = content.as_str() else { continue };
            if !s.eq_ignore_ascii_case(&sum.hex) {
                self.findings.push(
                    Finding::new(
                        "sbom/wrong-hash",
                        Severity::Error,
                        content.line,
                        format!(
                            "{} ({} {}): the {} hash {} does not match {source}: {}.",
                            c.path,
                            p.name,
                            p.version,
                            sum.algorithm,
                            shorten(s),
                            sum.hex
                        ),
                    )
                    .column(content.column)
                    .why("A hash that differs from the lockfile's describes some other archive: either the SBOM is stale or the package was swapped, and verification against it fails.")
                    .fix(format!("Set \"content\" to \"{}\".", sum.hex)),
                );
            }
        }
    }
}

/// The expected hex length of a digest, by CycloneDX algorithm name
/// (`None` for BLAKE3, whose output length varies).
fn hex_len(alg: &str) -> Option<usize> {
    match alg {
        "MD5" => Some(32),
        "SHA-1" => Some(40),
        "SHA-256" | "SHA3-256" | "BLAKE2b-256" => Some(64),
        "SHA-384" | "SHA3-384" | "BLAKE2b-384" => Some(96),
        "SHA-512" | "SHA3-512" | "BLAKE2b-512" => Some(128),
        _ => None,
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 24 {
        let head: String = s.chars().take(20).collect();
        format!("{head}…")
    } else {
        s.to_string()
    }
}

/// A value without its positions, with object members sorted, so equal
/// JSON values give equal strings (for `uniqueItems`).
fn canonical(n: &Node) -> String {
    match &n.value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(x) => x
            .parse::<f64>()
            .map_or_else(|_| x.clone(), |f| format!("{f:?}")),
        Value::String(s) => format!("{s:?}"),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", parts.join(","))
        }
        Value::Object(members) => {
            let mut parts: Vec<String> = members
                .iter()
                .map(|(k, v)| format!("{:?}:{}", k.as_str().unwrap_or_default(), canonical(v)))
                .collect();
            parts.sort();
            format!("{{{}}}", parts.join(","))
        }
    }
}

/// `urn:uuid:` and a UUID in lowercase hex, as the schema's pattern says.
fn is_urn_uuid(s: &str) -> bool {
    let Some(uuid) = s.strip_prefix("urn:uuid:") else {
        return false;
    };
    let groups: Vec<&str> = uuid.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| {
            g.len() == n
                && g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

/// RFC 3339 `date-time` (what JSON Schema's `format: date-time` means).
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && s[r].parse::<u32>().is_ok()
    };
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(u32::MAX);
    if b.len() < 20
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
        || !matches!(b[10], b'T' | b't')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let (month, day, hour, minute, second) =
        (num(5..7), num(8..10), num(11..13), num(14..16), num(17..19));
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            b.len() == i + 6
                && digits(i + 1..i + 3)
                && b[i + 3] == b':'
                && digits(i + 4..i + 6)
                && num(i + 1..i + 3) <= 23
                && num(i + 4..i + 6) <= 59
        }
        _ => false,
    }
}

fn is_mime_type(s: &str) -> bool {
    let ok = |part: &str| {
        !part.is_empty()
            && part.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.')
            })
    };
    s.split_once('/').is_some_and(|(a, b)| ok(a) && ok(b))
}

fn is_spdx_id(s: &str) -> bool {
    SPDX_LICENSE_IDS.split_whitespace().any(|id| id == s)
}

/// A listed id that differs from `s` only in case, or that `s` is a
/// prefix of (`Apache-2` → `Apache-2.0`).
fn spdx_suggestion(s: &str) -> Option<&'static str> {
    let ids = || SPDX_LICENSE_IDS.split_whitespace();
    ids()
        .find(|id| id.eq_ignore_ascii_case(s))
        .or_else(|| ids().find(|id| id.to_ascii_lowercase().starts_with(&s.to_ascii_lowercase())))
}

/// A parsed purl (<https://github.com/package-url/purl-spec>), components
/// percent-decoded and normalised as the purl type says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Purl {
    ty: String,
    namespace: Vec<String>,
    name: String,
    version: Option<String>,
}

impl Purl {
    /// Parses right to left, as the purl spec's "How to parse" section
    /// does.
    fn parse(s: &str) -> Result<Purl, String> {
        if !s.is_ascii() {
            return Err("a purl is ASCII: percent-encode other characters as UTF-8".to_string());
        }
        if s.contains(char::is_whitespace) {
            return Err("it contains a space; percent-encode it as %20".to_string());
        }
        // The subpath (after '#') does not identify the package.
        let remainder = s.rsplit_once('#').map_or(s, |(l, _)| l);
        let remainder = match remainder.rsplit_once('?') {
            Some((l, qualifiers)) => {
                let mut keys = HashSet::new();
                for pair in qualifiers.split('&').filter(|p| !p.is_empty()) {
                    let (k, v) = pair
                        .split_once('=')
                        .ok_or_else(|| format!("the qualifier `{pair}` is not key=value"))?;
                    let key = k.to_ascii_lowercase();
                    if key.is_empty()
                        || key.starts_with(|c: char| c.is_ascii_digit())
                        || !key
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
                    {
                        return Err(format!(
                            "the qualifier key `{k}` is not letters, digits, '.', '-' and '_'"
                        ));
                    }
                    if !keys.insert(key) {
                        return Err(format!("the qualifier `{k}` appears twice"));
                    }
                    decode(v)?;
                }
                l
            }
            None => remainder,
        };
        let (scheme, rest) = remainder
            .split_once(':')
            .ok_or("it does not start with the scheme pkg:")?;
        if !scheme.eq_ignore_ascii_case("pkg") {
            return Err(format!("the scheme is `{scheme}`; a purl starts with pkg:"));
        }
        let rest = rest.trim_matches('/');
        let (ty, rest) = rest
            .split_once('/')
            .ok_or("it has a type but no name (pkg:type/name)")?;
        if ty.is_empty()
            || ty.starts_with(|c: char| c.is_ascii_digit())
            || !ty
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
        {
            return Err(format!(
                "`{ty}` is not a purl type (letters, digits, '.', '+', '-'; not starting with a digit)"
            ));
        }
        let ty = ty.to_ascii_lowercase();
        let (rest, version) = match rest.rsplit_once('@') {
            Some((l, v)) => {
                if v.is_empty() {
                    return Err("the '@' is followed by no version".to_string());
                }
                (l, Some(decode(v)?))
            }
            None => (rest, None),
        };
        if rest.contains('@') {
            return Err("an '@' that does not start the version must be percent-encoded as %40 (an npm scope is written %40scope)".to_string());
        }
        let rest = rest.trim_end_matches('/');
        let (namespace, name) = match rest.rsplit_once('/') {
            Some((ns, n)) => (ns, n),
            None => ("", rest),
        };
        let mut name = decode(name)?;
        if name.is_empty() {
            return Err("the name is empty".to_string());
        }
        let mut namespace: Vec<String> = namespace
            .split('/')
            .filter(|seg| !seg.is_empty())
            .map(decode)
            .collect::<Result<_, _>>()?;
        if namespace
            .iter()
            .chain(std::iter::once(&name))
            .any(|seg| seg.contains('/'))
        {
            return Err("a decoded namespace segment or name contains '/'".to_string());
        }
        match ty.as_str() {
            "npm" => {
                name = name.to_lowercase();
                for seg in &mut namespace {
                    *seg = seg.to_lowercase();
                }
            }
            "pypi" => name = name.to_lowercase().replace('_', "-"),
            _ => {}
        }
        Ok(Purl {
            ty,
            namespace,
            name,
            version,
        })
    }

    /// Namespace and name joined with '/': the package name as npm writes
    /// it (`@babel/core`).
    fn full_name(&self) -> String {
        let mut parts = self.namespace.clone();
        parts.push(self.name.clone());
        parts.join("/")
    }

    /// How this purl differs from the package's, in words; `None` when they
    /// name the same package and version.
    fn mismatch(&self, p: &Package) -> Option<String> {
        let eco = p.ecosystem;
        if self.ty != eco.purl_type() {
            return Some(format!(
                "has type `{}` (a {} purl has type `{}`)",
                self.ty,
                eco.osv_name(),
                eco.purl_type()
            ));
        }
        let (ns, name) = purl_parts(eco, &p.name);
        let ns: Vec<String> = ns.into_iter().collect();
        if self.namespace != ns || self.name != name {
            return Some(format!("names the package {}", self.full_name()));
        }
        match &self.version {
            None => Some("has no version".to_string()),
            Some(v) if *v != p.version => Some(format!("names version {v}")),
            Some(_) => None,
        }
    }
}

fn decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| {
                    format!(
                        "`{}` is not a valid percent-escape",
                        &s[i..(i + 3).min(s.len())]
                    )
                })?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "a percent-escape decodes to invalid UTF-8".to_string())
}

const SPDX_LICENSE_IDS: &str = "\
    0BSD 389-exception 3D-Slicer-1.0 AAL ADSL AFL-1.1 AFL-1.2 AFL-2.0 AFL-2.1 AFL-3.0 \
    AGPL-1.0 AGPL-1.0-only AGPL-1.0-or-later AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later \
    AMD-newlib AMDPLPA AML AML-glslang AMPAS ANTLR-PD ANTLR-PD-fallback APAFML APL-1.0 \
    APSL-1.0 APSL-1.1 APSL-1.2 APSL-2.0 ASWF-Digital-Assets-1.0 ASWF-Digital-Assets-1.1 \
    Abstyles AdaCore-doc Adobe-2006 Adobe-Display-PostScript Adobe-Glyph Adobe-Utopia \
    Afmparse Aladdin Apache-1.0 Apache-1.1 Apache-2.0 App-s2p Arphic-1999 Artistic-1.0 \
    Artistic-1.0-Perl Artistic-1.0-cl8 Artistic-2.0 Asterisk-exception \
    Asterisk-linking-protocols-exception Autoconf-exception-2.0 Autoconf-exception-3.0 \
    Autoconf-exception-generic Autoconf-exception-generic-3.0 Autoconf-exception-macro \
    BSD-1-Clause BSD-2-Clause BSD-2-Clause-Darwin BSD-2-Clause-FreeBSD BSD-2-Clause-NetBSD \
    BSD-2-Clause-Patent BSD-2-Clause-Views BSD-2-Clause-first-lines BSD-3-Clause \
    BSD-3-Clause-Attribution BSD-3-Clause-Clear BSD-3-Clause-HP BSD-3-Clause-LBNL \
    BSD-3-Clause-Modification BSD-3-Clause-No-Military-License \
    BSD-3-Clause-No-Nuclear-License BSD-3-Clause-No-Nuclear-License-2014 \
    BSD-3-Clause-No-Nuclear-Warranty BSD-3-Clause-Open-MPI BSD-3-Clause-Sun \
    BSD-3-Clause-acpica BSD-3-Clause-flex BSD-4-Clause BSD-4-Clause-Shortened \
    BSD-4-Clause-UC BSD-4.3RENO BSD-4.3TAHOE BSD-Advertising-Acknowledgement \
    BSD-Attribution-HPND-disclaimer BSD-Inferno-Nettverk BSD-Protection BSD-Source-Code \
    BSD-Source-beginning-file BSD-Systemics BSD-Systemics-W3Works BSL-1.0 BUSL-1.1 Baekmuk \
    Bahyph Barr Beerware Bison-exception-1.24 Bison-exception-2.2 BitTorrent-1.0 \
    BitTorrent-1.1 Bitstream-Charter Bitstream-Vera BlueOak-1.0.0 Boehm-GC \
    Bootloader-exception Borceux Brian-Gladman-2-Clause Brian-Gladman-3-Clause C-UDA-1.0 \
    CAL-1.0 CAL-1.0-Combined-Work-Exception CATOSL-1.1 CC-BY-1.0 CC-BY-2.0 CC-BY-2.5 \
    CC-BY-2.5-AU CC-BY-3.0 CC-BY-3.0-AT CC-BY-3.0-AU CC-BY-3.0-DE CC-BY-3.0-IGO \
    CC-BY-3.0-NL CC-BY-3.0-US CC-BY-4.0 CC-BY-NC-1.0 CC-BY-NC-2.0 CC-BY-NC-2.5 CC-BY-NC-3.0 \
    CC-BY-NC-3.0-DE CC-BY-NC-4.0 CC-BY-NC-ND-1.0 CC-BY-NC-ND-2.0 CC-BY-NC-ND-2.5 \
    CC-BY-NC-ND-3.0 CC-BY-NC-ND-3.0-DE CC-BY-NC-ND-3.0-IGO CC-BY-NC-ND-4.0 CC-BY-NC-SA-1.0 \
    CC-BY-NC-SA-2.0 CC-BY-NC-SA-2.0-DE CC-BY-NC-SA-2.0-FR CC-BY-NC-SA-2.0-UK \
    CC-BY-NC-SA-2.5 CC-BY-NC-SA-3.0 CC-BY-NC-SA-3.0-DE CC-BY-NC-SA-3.0-IGO CC-BY-NC-SA-4.0 \
    CC-BY-ND-1.0 CC-BY-ND-2.0 CC-BY-ND-2.5 CC-BY-ND-3.0 CC-BY-ND-3.0-DE CC-BY-ND-4.0 \
    CC-BY-SA-1.0 CC-BY-SA-2.0 CC-BY-SA-2.0-UK CC-BY-SA-2.1-JP CC-BY-SA-2.5 CC-BY-SA-3.0 \
    CC-BY-SA-3.0-AT CC-BY-SA-3.0-DE CC-BY-SA-3.0-IGO CC-BY-SA-4.0 CC-PDDC CC0-1.0 CDDL-1.0 \
    CDDL-1.1 CDL-1.0 CDLA-Permissive-1.0 CDLA-Permissive-2.0 CDLA-Sharing-1.0 CECILL-1.0 \
    CECILL-1.1 CECILL-2.0 CECILL-2.1 CECILL-B CECILL-C CERN-OHL-1.1 CERN-OHL-1.2 \
    CERN-OHL-P-2.0 CERN-OHL-S-2.0 CERN-OHL-W-2.0 CFITSIO CLISP-exception-2.0 CMU-Mach \
    CMU-Mach-nodoc CNRI-Jython CNRI-Python CNRI-Python-GPL-Compatible COIL-1.0 CPAL-1.0 \
    CPL-1.0 CPOL-1.02 CUA-OPL-1.0 Caldera Caldera-no-preamble Catharon ClArtistic \
    Classpath-exception-2.0 Clips Community-Spec-1.0 Condor-1.1 Cornell-Lossless-JPEG \
    Cronyx Crossword CrystalStacker Cube D-FSL-1.0 DEC-3-Clause DL-DE-BY-2.0 DL-DE-ZERO-2.0 \
    DOC DRL-1.0 DRL-1.1 DSDP DigiRule-FOSS-exception Dotseqn ECL-1.0 ECL-2.0 EFL-1.0 \
    EFL-2.0 EPICS EPL-1.0 EPL-2.0 EUDatagrid EUPL-1.0 EUPL-1.1 EUPL-1.2 Elastic-2.0 Entessa \
    ErlPL-1.1 Eurosym FBM FDK-AAC FLTK-exception FSFAP FSFAP-no-warranty-disclaimer FSFUL \
    FSFULLR FSFULLRWD FTL Fair Fawkes-Runtime-exception Ferguson-Twofish Font-exception-2.0 \
    Frameworx-1.0 FreeBSD-DOC FreeImage Furuseth GCC-exception-2.0 GCC-exception-2.0-note \
    GCC-exception-3.1 GCR-docs GD GFDL-1.1 GFDL-1.1-invariants-only \
    GFDL-1.1-invariants-or-later GFDL-1.1-no-invariants-only \
    GFDL-1.1-no-invariants-or-later GFDL-1.1-only GFDL-1.1-or-later GFDL-1.2 \
    GFDL-1.2-invariants-only GFDL-1.2-invariants-or-later GFDL-1.2-no-invariants-only \
    GFDL-1.2-no-invariants-or-later GFDL-1.2-only GFDL-1.2-or-later GFDL-1.3 \
    GFDL-1.3-invariants-only GFDL-1.3-invariants-or-later GFDL-1.3-no-invariants-only \
    GFDL-1.3-no-invariants-or-later GFDL-1.3-only GFDL-1.3-or-later GL2PS GLWTPL \
    GNAT-exception GNOME-examples-exception GNU-compiler-exception GPL-1.0 GPL-1.0+ \
    GPL-1.0-only GPL-1.0-or-later GPL-2.0 GPL-2.0+ GPL-2.0-only GPL-2.0-or-later \
    GPL-2.0-with-GCC-exception GPL-2.0-with-autoconf-exception GPL-2.0-with-bison-exception \
    GPL-2.0-with-classpath-exception GPL-2.0-with-font-exception GPL-3.0 GPL-3.0+ \
    GPL-3.0-interface-exception GPL-3.0-linking-exception GPL-3.0-linking-source-exception \
    GPL-3.0-only GPL-3.0-or-later GPL-3.0-with-GCC-exception \
    GPL-3.0-with-autoconf-exception GPL-CC-1.0 GStreamer-exception-2005 \
    GStreamer-exception-2008 Giftware Glide Glulxe Gmsh-exception Graphics-Gems Gutmann \
    HP-1986 HP-1989 HPND HPND-DEC HPND-Fenneberg-Livingston HPND-INRIA-IMAG HPND-Intel \
    HPND-Kevlin-Henney HPND-MIT-disclaimer HPND-Markus-Kuhn HPND-Pbmplus HPND-UC \
    HPND-UC-export-US HPND-doc HPND-doc-sell HPND-export-US HPND-export-US-acknowledgement \
    HPND-export-US-modify HPND-export2-US HPND-merchantability-variant \
    HPND-sell-MIT-disclaimer-xserver HPND-sell-regexpr HPND-sell-variant \
    HPND-sell-variant-MIT-disclaimer HPND-sell-variant-MIT-disclaimer-rev HTMLTIDY \
    HaskellReport Hippocratic-2.1 IBM-pibs ICU IEC-Code-Components-EULA IJG IJG-short IPA \
    IPL-1.0 ISC ISC-Veillard ImageMagick Imlib2 Info-ZIP Inner-Net-2.0 Intel Intel-ACPI \
    Interbase-1.0 JPL-image JPNIC JSON Jam JasPer-2.0 Kastrup Kazlib \
    KiCad-libraries-exception Knuth-CTAN LAL-1.2 LAL-1.3 LGPL-2.0 LGPL-2.0+ LGPL-2.0-only \
    LGPL-2.0-or-later LGPL-2.1 LGPL-2.1+ LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0 LGPL-3.0+ \
    LGPL-3.0-linking-exception LGPL-3.0-only LGPL-3.0-or-later LGPLLR LLGPL LLVM-exception \
    LOOP LPD-document LPL-1.0 LPL-1.02 LPPL-1.0 LPPL-1.1 LPPL-1.2 LPPL-1.3a LPPL-1.3c \
    LZMA-SDK-9.11-to-9.20 LZMA-SDK-9.22 LZMA-exception Latex2e Latex2e-translated-notice \
    Leptonica LiLiQ-P-1.1 LiLiQ-R-1.1 LiLiQ-Rplus-1.1 Libpng Libtool-exception Linux-OpenIB \
    Linux-man-pages-1-para Linux-man-pages-copyleft Linux-man-pages-copyleft-2-para \
    Linux-man-pages-copyleft-var Linux-syscall-note Lucida-Bitmap-Fonts MIT MIT-0 MIT-CMU \
    MIT-Festival MIT-Khronos-old MIT-Modern-Variant MIT-Wu MIT-advertising MIT-enna MIT-feh \
    MIT-open-group MIT-testregex MITNFA MMIXware MPEG-SSG MPL-1.0 MPL-1.1 MPL-2.0 \
    MPL-2.0-no-copyleft-exception MS-LPL MS-PL MS-RL MTLL Mackerras-3-Clause \
    Mackerras-3-Clause-acknowledgment MakeIndex Martin-Birgmeier McPhee-slideshow Minpack \
    MirOS Motosoto MulanPSL-1.0 MulanPSL-2.0 Multics Mup NAIST-2003 NASA-1.3 NBPL-1.0 \
    NCBI-PD NCGL-UK-2.0 NCL NCSA NGPL NICTA-1.0 NIST-PD NIST-PD-fallback NIST-Software \
    NLOD-1.0 NLOD-2.0 NLPL NOSL NPL-1.0 NPL-1.1 NPOSL-3.0 NRL NTP NTP-0 Naumen Net-SNMP \
    NetCDF Newsletr Nokia Nokia-Qt-exception-1.1 Noweb Nunit O-UDA-1.0 OAR OCCT-PL \
    OCCT-exception-1.0 OCLC-2.0 OCaml-LGPL-linking-exception ODC-By-1.0 ODbL-1.0 OFFIS \
    OFL-1.0 OFL-1.0-RFN OFL-1.0-no-RFN OFL-1.1 OFL-1.1-RFN OFL-1.1-no-RFN OGC-1.0 \
    OGDL-Taiwan-1.0 OGL-Canada-2.0 OGL-UK-1.0 OGL-UK-2.0 OGL-UK-3.0 OGTSL OLDAP-1.1 \
    OLDAP-1.2 OLDAP-1.3 OLDAP-1.4 OLDAP-2.0 OLDAP-2.0.1 OLDAP-2.1 OLDAP-2.2 OLDAP-2.2.1 \
    OLDAP-2.2.2 OLDAP-2.3 OLDAP-2.4 OLDAP-2.5 OLDAP-2.6 OLDAP-2.7 OLDAP-2.8 OLFL-1.3 OML \
    OPL-1.0 OPL-UK-3.0 OPUBL-1.0 OSET-PL-2.1 OSL-1.0 OSL-1.1 OSL-2.0 OSL-2.1 OSL-3.0 \
    OpenJDK-assembly-exception-1.0 OpenPBS-2.3 OpenSSL OpenSSL-standalone OpenVision PADL \
    PCRE2-exception PDDL-1.0 PHP-3.0 PHP-3.01 PPL PS-or-PDF-font-exception-20170817 PSF-2.0 \
    Parity-6.0.0 Parity-7.0.0 Pixar Plexus PolyForm-Noncommercial-1.0.0 \
    PolyForm-Small-Business-1.0.0 PostgreSQL Python-2.0 Python-2.0.1 QPL-1.0 \
    QPL-1.0-INRIA-2004 QPL-1.0-INRIA-2004-exception Qhull Qt-GPL-exception-1.0 \
    Qt-LGPL-exception-1.1 Qwt-exception-1.0 RHeCos-1.1 RPL-1.1 RPL-1.5 RPSL-1.0 \
    RRDtool-FLOSS-exception-2.0 RSA-MD RSCPL Rdisc Ruby SANE-exception SAX-PD SAX-PD-2.0 \
    SCEA SGI-B-1.0 SGI-B-1.1 SGI-B-2.0 SGI-OpenGL SGP4 SHL-0.5 SHL-0.51 SHL-2.0 SHL-2.1 \
    SISSL SISSL-1.2 SL SMLNJ SMPPL SNIA SPL-1.0 SSH-OpenSSH SSH-short SSLeay-standalone \
    SSPL-1.0 SWI-exception SWL Saxpath SchemeReport Sendmail Sendmail-8.23 SimPL-2.0 \
    Sleepycat Soundex Spencer-86 Spencer-94 Spencer-99 StandardML-NJ SugarCRM-1.1.3 Sun-PPP \
    Sun-PPP-2000 SunPro Swift-exception Symlinks TAPR-OHL-1.0 TCL TCP-wrappers TGPPL-1.0 \
    TMate TORQUE-1.1 TOSL TPDL TPL-1.0 TTWL TTYP0 TU-Berlin-1.0 TU-Berlin-2.0 TermReadKey \
    Texinfo-exception UBDL-exception UCAR UCL-1.0 UMich-Merit UPL-1.0 URT-RLE Unicode-3.0 \
    Unicode-DFS-2015 Unicode-DFS-2016 Unicode-TOU Universal-FOSS-exception-1.0 UnixCrypt \
    Unlicense VOSTROM VSL-1.0 Vim W3C W3C-19980720 W3C-20150513 WTFPL Watcom-1.0 \
    Widget-Workshop Wsuipa WxWindows-exception-3.1 X11 X11-distribute-modifications-variant \
    XFree86-1.1 XSkat Xdebug-1.03 Xerox Xfig Xnet YPL-1.0 YPL-1.1 ZPL-1.1 ZPL-2.0 ZPL-2.1 \
    Zed Zeeff Zend-2.0 Zimbra-1.3 Zimbra-1.4 Zlib any-OSI bcrypt-Solar-Designer blessing \
    bzip2-1.0.5 bzip2-1.0.6 check-cvs checkmk copyleft-next-0.3.0 copyleft-next-0.3.1 \
    cryptsetup-OpenSSL-exception curl cve-tou diffmark dtoa dvipdfm eCos-2.0 \
    eCos-exception-2.0 eGenix etalab-2.0 fmt-exception freertos-exception-2.0 fwlw \
    gSOAP-1.3b gnu-javamail-exception gnuplot gtkbook hdparm i2p-gpl-java-exception iMatix \
    libpng-2.0 libpri-OpenH323-exception libselinux-1.0 libtiff libutil-David-Nugent lsof \
    magaz mailprio metamail mif-exception mpi-permissive mpich2 mplus \
    openvpn-openssl-exception pkgconf pnmstitch psfrag psutils python-ldap radvd snprintf \
    softSurfer ssh-keyscan stunnel-exception swrule threeparttable u-boot-exception-2.0 \
    ulem vsftpd-openssl-exception w3m wxWindows x11vnc-openssl-exception xinetd \
    xkeyboard-config-Zinoviev xlock xpp xzoom zlib-acknowledgement \
";
