//! Supply-chain analysers: each reads a real artifact (a workflow, a
//! lockfile, an SBOM, a manifest, a registry configuration, a provenance
//! statement) and reports [`Finding`]s with a rule id, a line, why the
//! problem matters and how to fix it.
//!
//! The same functions serve two callers:
//! - the exercise graders in `rampart-grade`, which turn findings into a
//!   verdict, and
//! - `rampart audit` and the app's "Audit your own files" page, which run
//!   them on a learner's own files.
//!
//! Everything here is pure and deterministic (no clock, no network, no
//! randomness) and compiles for wasm. Bad input is a [`Finding`] or an
//! [`InputError`], never a panic; every analyser is linear-ish in its input
//! and refuses input over [`MAX_INPUT`].

use serde::{Deserialize, Serialize};

pub mod advisories;
pub mod audit;
pub mod integrity;
pub mod json;
pub mod lockfile;
pub mod names;
pub mod osv;
pub mod provenance;
pub mod registry;
pub mod sbom;
pub mod workflow;

/// Largest file any analyser reads: 8 MiB. Larger input is refused with a
/// clear [`InputError`] rather than parsed.
pub const MAX_INPUT: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A real risk: fails an exercise, makes `rampart audit` exit 1.
    Error,
    /// Worth fixing; does not fail an exercise on its own.
    Warning,
    /// Context, or something done right.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, `area/rule`, e.g. `workflow/unpinned-uses`.
    pub rule: String,
    pub severity: Severity,
    /// 1-based line in the analysed file; 0 when the finding is about the
    /// whole file (a missing key, say).
    pub line: u32,
    /// 1-based column, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// What is wrong, specifically: names the action, package, key or value.
    pub message: String,
    /// Why it matters: the attack it enables, in one or two sentences.
    pub why: String,
    /// How to fix it, concretely.
    pub fix: String,
    /// The file the line is in, when it is not the file analysed (a
    /// provenance audit's policy, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Finding {
    pub fn new(rule: &str, severity: Severity, line: u32, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.to_string(),
            severity,
            line,
            column: None,
            message: message.into(),
            why: String::new(),
            fix: String::new(),
            file: None,
        }
    }

    pub fn column(mut self, column: u32) -> Self {
        self.column = Some(column);
        self
    }

    pub fn why(mut self, why: impl Into<String>) -> Self {
        self.why = why.into();
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = fix.into();
        self
    }

    /// `message`, then why and how to fix, as one paragraph for a learner.
    pub fn explained(&self) -> String {
        let mut s = self.message.clone();
        for part in [&self.why, &self.fix] {
            if !part.is_empty() {
                s.push(' ');
                s.push_str(part);
            }
        }
        s
    }
}

/// Sorts findings by line, then column, then rule, so output is stable.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.line, a.column, &a.rule, &a.message).cmp(&(b.line, b.column, &b.rule, &b.message))
    });
}

/// Input an analyser could not read at all: not the format it expects,
/// too large, not UTF-8. `line` points at the problem when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    pub line: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub message: String,
}

impl InputError {
    pub fn new(line: u32, message: impl Into<String>) -> Self {
        InputError {
            line,
            column: None,
            message: message.into(),
        }
    }

    /// The standard refusal for input over [`MAX_INPUT`].
    pub fn too_large(what: &str, len: usize) -> Self {
        InputError::new(
            0,
            format!(
                "this {what} is {:.1} MiB; Rampart reads files up to {} MiB",
                len as f64 / (1024.0 * 1024.0),
                MAX_INPUT / (1024 * 1024)
            ),
        )
    }

    /// Turns the error into a finding with rule `<area>/unreadable`.
    pub fn into_finding(self, area: &str) -> Finding {
        Finding {
            rule: format!("{area}/unreadable"),
            severity: Severity::Error,
            line: self.line,
            column: self.column,
            message: self.message,
            why: String::new(),
            fix: String::new(),
            file: None,
        }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (0, _) => f.write_str(&self.message),
            (l, Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (l, None) => write!(f, "line {l}: {}", self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// Checks the size limit; call first in every analyser.
pub fn check_size(what: &str, text: &str) -> Result<(), InputError> {
    if text.len() > MAX_INPUT {
        Err(InputError::too_large(what, text.len()))
    } else {
        Ok(())
    }
}

/// 1-based line of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> u32 {
    let o = offset.min(text.len());
    let mut o = o;
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    u32::try_from(text[..o].bytes().filter(|&b| b == b'\n').count() + 1).unwrap_or(u32::MAX)
}
