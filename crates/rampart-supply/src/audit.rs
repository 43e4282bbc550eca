//! One entry point for auditing a learner's own files, shared by
//! `rampart audit` and the app's "Audit your own files" page: pick what the
//! file is ([`Target`]), hand over the file and what it is checked against,
//! get findings or the reason the input could not be read.

use serde::{Deserialize, Serialize};

use crate::{Finding, InputError, sort_findings};

/// What kind of file is audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A GitHub Actions workflow.
    Workflow,
    /// A Cargo.lock or package-lock.json, against OSV advisories.
    Lockfile,
    /// A CycloneDX JSON SBOM, optionally against a lockfile.
    Sbom,
    /// An in-toto / SLSA provenance statement, against a policy.
    Provenance,
    /// Dependency names in a manifest, for typosquats.
    Names,
    /// Registry configuration, for dependency confusion.
    Registry,
}

impl Target {
    pub const ALL: &'static [Target] = &[
        Target::Workflow,
        Target::Lockfile,
        Target::Sbom,
        Target::Provenance,
        Target::Names,
        Target::Registry,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Workflow => "workflow",
            Target::Lockfile => "lockfile",
            Target::Sbom => "sbom",
            Target::Provenance => "provenance",
            Target::Names => "names",
            Target::Registry => "registry",
        }
    }

    pub fn parse(s: &str) -> Option<Target> {
        Target::ALL.iter().copied().find(|t| t.as_str() == s)
    }

    /// A label for the user interface.
    pub fn label(self) -> &'static str {
        match self {
            Target::Workflow => "GitHub Actions workflow",
            Target::Lockfile => "Lockfile against OSV advisories",
            Target::Sbom => "CycloneDX SBOM",
            Target::Provenance => "SLSA provenance against a policy",
            Target::Names => "Dependency names (typosquats)",
            Target::Registry => "Registry configuration (dependency confusion)",
        }
    }
}

/// A named text file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    pub name: String,
    pub text: String,
}

impl Input {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Input {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// An artifact by its file name and SHA-256 (lowercase hex): the caller
/// hashes the bytes, which may be a large binary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArtifactDigest {
    pub name: String,
    pub sha256: String,
}

impl ArtifactDigest {
    pub fn of(name: impl Into<String>, bytes: &[u8]) -> Self {
        ArtifactDigest {
            name: name.into(),
            sha256: crate::integrity::sha256_hex(bytes),
        }
    }
}

/// Everything one audit needs. Which fields matter depends on `target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub target: Target,
    /// The file audited.
    pub file: Input,
    /// OSV advisories (`lockfile`).
    #[serde(default)]
    pub advisories: Vec<Input>,
    /// The lockfile an SBOM must describe (`sbom`, optional).
    #[serde(default)]
    pub lockfile: Option<Input>,
    /// The policy (`provenance`).
    #[serde(default)]
    pub policy: Option<Input>,
    /// Artifacts, by name and SHA-256, that the statement must vouch for
    /// (`provenance`, optional).
    #[serde(default)]
    pub artifacts: Vec<ArtifactDigest>,
    /// Manifests naming the dependencies (`registry`, optional).
    #[serde(default)]
    pub manifests: Vec<Input>,
}

impl Request {
    pub fn new(target: Target, file: Input) -> Self {
        Request {
            target,
            file,
            advisories: vec![],
            lockfile: None,
            policy: None,
            artifacts: vec![],
            manifests: vec![],
        }
    }
}

/// A file that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreadable {
    pub file: String,
    pub error: InputError,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.error.line, self.error.column) {
            (0, _) => write!(f, "{}: {}", self.file, self.error.message),
            (l, Some(c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.error.message),
            (l, None) => write!(f, "{}:{l}: {}", self.file, self.error.message),
        }
    }
}

fn read<T>(input: &Input, r: Result<T, InputError>) -> Result<T, Unreadable> {
    r.map_err(|error| Unreadable {
        file: input.name.clone(),
        error,
    })
}

/// Runs the audit: the findings in `request.file`, sorted, or the first
/// file that could not be read.
pub fn run(request: &Request) -> Result<Vec<Finding>, Unreadable> {
    let file = &request.file;
    let mut findings = match request.target {
        Target::Workflow => read(file, crate::workflow::audit(&file.text))?,
        Target::Lockfile => {
            let lock = read(file, crate::lockfile::parse(&file.name, &file.text))?;
            let mut advisories = Vec::new();
            for a in &request.advisories {
                advisories.push(read(a, crate::osv::parse(&a.text))?);
            }
            let hits = crate::advisories::audit(&lock, &advisories);
            crate::advisories::findings(&hits, &advisories)
        }
        Target::Sbom => {
            let lock = match &request.lockfile {
                Some(l) => Some(read(l, crate::lockfile::parse(&l.name, &l.text))?),
                None => None,
            };
            read(file, crate::sbom::audit(&file.text, lock.as_ref()))?
        }
        Target::Provenance => {
            let statement = read(file, crate::provenance::parse_statement(&file.text))?;
            let Some(policy_input) = &request.policy else {
                return Err(Unreadable {
                    file: file.name.clone(),
                    error: InputError::new(0, "a provenance audit needs a policy file"),
                });
            };
            let policy = read(
                policy_input,
                crate::provenance::parse_policy(&policy_input.text),
            )?;
            let mut findings = crate::provenance::lint_policy(&policy);
            if request.artifacts.is_empty() {
                findings.extend(claims_only(&policy, &statement));
            }
            for a in &request.artifacts {
                let name = a.name.rsplit(['/', '\\']).next().unwrap_or(&a.name);
                findings.extend(crate::provenance::evaluate_digest(
                    &policy, &statement, name, &a.sha256,
                ));
            }
            // Findings with a line are about a setting of the policy.
            for f in &mut findings {
                if f.line > 0 {
                    f.file = Some(policy_input.name.clone());
                }
            }
            findings
        }
        Target::Names => read(file, crate::names::audit(&file.name, &file.text, &[]))?,
        Target::Registry => {
            let manifests: Vec<(&str, &str)> = request
                .manifests
                .iter()
                .map(|m| (m.name.as_str(), m.text.as_str()))
                .collect();
            read(
                file,
                crate::registry::audit(&file.name, &file.text, None, &manifests),
            )?
        }
    };
    sort_findings(&mut findings);
    Ok(findings)
}

/// The policy's verdict on what the statement claims (predicate, builder,
/// source, ref) when no artifact is at hand to compare digests with.
fn claims_only(
    policy: &crate::provenance::Policy,
    statement: &crate::provenance::Statement,
) -> Vec<Finding> {
    let Some(subject) = statement.subjects.first() else {
        return vec![Finding::new(
            "provenance/no-subject",
            crate::Severity::Error,
            0,
            "the statement has no subject: it vouches for no artifact",
        )];
    };
    crate::provenance::evaluate(policy, statement, &subject.name, &[])
        .into_iter()
        .filter(|f| f.rule != "provenance/digest-mismatch")
        .collect()
}
