//! Build provenance: in-toto Statement v1 carrying a SLSA Provenance v1
//! predicate, judged against a policy the learner writes.
//!
//! 1. [`parse_statement`] reads a statement
//!    (<https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md>:
//!    `_type`, `subject[{name, digest{sha256}}]`, `predicateType`,
//!    `predicate`), bare or inside a DSSE envelope
//!    (<https://github.com/secure-systems-lab/dsse/blob/master/envelope.md>:
//!    `payloadType` `application/vnd.in-toto+json`, base64 `payload`,
//!    `signatures`) or a Sigstore bundle's `dsseEnvelope`. From the SLSA v1
//!    predicate (<https://slsa.dev/spec/v1.0/provenance>) it keeps
//!    `runDetails.builder.id`, `buildDefinition.buildType`, and the source:
//!    `externalParameters.workflow.{repository, ref}` for the GitHub Actions
//!    build types (<https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1>),
//!    otherwise a `git+https://host/owner/repo@ref` entry of
//!    `resolvedDependencies`, whose `gitCommit` digest is the commit.
//!    The envelope's signatures are not checked here: a verifier such as
//!    slsa-verifier first checks them against the builder's identity, then
//!    applies a policy like this one.
//! 2. [`parse_policy`] reads the learner's TOML policy: `builder_id`,
//!    `source_repo`, and `source_ref` or `source_ref_prefix`. These mirror
//!    slsa-verifier's `--builder-id`, `--source-uri` and `--source-tag` /
//!    `--source-branch` (<https://github.com/slsa-framework/slsa-verifier#option-list>).
//! 3. [`evaluate`] checks one artifact against its statement and the
//!    policy: its name and SHA-256 among the subjects, the predicate type,
//!    the builder (exactly), the source repository (compared as URLs) and
//!    the ref. No finding means the artifact is accepted.
//! 4. [`lint_policy`] flags policies that accept too much.

use base64::Engine;
use serde_json::Value;

use crate::integrity::{first_difference, sha256_hex};
use crate::names;
use crate::{Finding, InputError, Severity, check_size, sort_findings};

/// `_type` of an in-toto Statement v1.
pub const STATEMENT_V1: &str = "https://in-toto.io/Statement/v1";
/// `_type` of the older in-toto Statement v0.1 (used with SLSA v0.2).
pub const STATEMENT_V0_1: &str = "https://in-toto.io/Statement/v0.1";
/// `predicateType` of SLSA Provenance v1.
pub const SLSA_PROVENANCE_V1: &str = "https://slsa.dev/provenance/v1";
/// `predicateType` of SLSA Provenance v0.2.
pub const SLSA_PROVENANCE_V0_2: &str = "https://slsa.dev/provenance/v0.2";
/// DSSE `payloadType` of an in-toto statement.
pub const DSSE_PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

/// One artifact the statement is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub name: String,
    /// Lower-case hex SHA-256; empty when the subject has no sha256 digest.
    pub sha256: String,
}

/// What a provenance statement says, as far as a policy needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub subjects: Vec<Subject>,
    pub predicate_type: String,
    /// `runDetails.builder.id` (v1) or `builder.id` (v0.2); empty for other
    /// predicate types.
    pub builder_id: String,
    pub build_type: String,
    /// The source repository, as written in the statement.
    pub source_repo: Option<String>,
    /// The git ref the build ran at, `refs/tags/v1.2.0` style.
    pub source_ref: Option<String>,
    pub source_commit: Option<String>,
}

// ---------------------------------------------------------------------------
// Reading statements

fn get<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

fn get_str<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    get(v, path).and_then(Value::as_str)
}

/// Reads an in-toto statement, a DSSE envelope around one, or a Sigstore
/// bundle holding such an envelope.
pub fn parse_statement(text: &str) -> Result<Statement, InputError> {
    check_size("provenance statement", text)?;
    let value: Value = serde_json::from_str(text)
        .map_err(|e| names::json_error("the provenance statement", &e))?;
    let value = match value.get("dsseEnvelope") {
        Some(env) => env.clone(),
        None => value,
    };
    if !value.is_object() {
        return Err(InputError::new(
            1,
            "the provenance statement must be a JSON object (an in-toto statement or a DSSE envelope)",
        ));
    }
    if value.get("payload").is_some() || value.get("payloadType").is_some() {
        return statement_from_envelope(&value);
    }
    statement_from_value(&value)
}

fn statement_from_envelope(env: &Value) -> Result<Statement, InputError> {
    let payload_type = get_str(env, &["payloadType"]).unwrap_or("");
    if payload_type != DSSE_PAYLOAD_TYPE {
        return Err(InputError::new(
            0,
            format!(
                "the DSSE envelope's payloadType is `{payload_type}`; an in-toto statement travels as `{DSSE_PAYLOAD_TYPE}`"
            ),
        ));
    }
    let payload = get_str(env, &["payload"])
        .ok_or_else(|| InputError::new(0, "the DSSE envelope has no `payload` string"))?;
    if !env.get("signatures").is_some_and(Value::is_array) {
        return Err(InputError::new(
            0,
            "the DSSE envelope has no `signatures` list",
        ));
    }
    // DSSE allows standard or URL-safe base64.
    let engines = [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::URL_SAFE,
        base64::engine::general_purpose::STANDARD_NO_PAD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    let bytes = engines
        .iter()
        .find_map(|e| e.decode(payload.trim()).ok())
        .ok_or_else(|| InputError::new(0, "the DSSE payload is not valid base64"))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        InputError::new(
            0,
            "the DSSE payload decodes to bytes that are not UTF-8 text",
        )
    })?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        let inner = names::json_error("the DSSE payload", &e);
        InputError::new(
            0,
            format!("{} (payload line {})", inner.message, inner.line),
        )
    })?;
    statement_from_value(&value)
}

fn statement_from_value(v: &Value) -> Result<Statement, InputError> {
    let kind = get_str(v, &["_type"]).unwrap_or("");
    if kind != STATEMENT_V1 && kind != STATEMENT_V0_1 {
        return Err(InputError::new(
            0,
            if kind.is_empty() {
                format!(
                    "the statement has no `_type`; an in-toto statement has `\"_type\": \"{STATEMENT_V1}\"`"
                )
            } else {
                format!(
                    "the statement's `_type` is `{kind}`, not an in-toto statement (`{STATEMENT_V1}`)"
                )
            },
        ));
    }
    let subjects = v
        .get("subject")
        .and_then(Value::as_array)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            InputError::new(
                0,
                "the statement has no `subject` list naming the artifacts it is about",
            )
        })?;
    let mut out = Vec::new();
    for (i, s) in subjects.iter().enumerate() {
        let name = get_str(s, &["name"]).unwrap_or("").to_string();
        let sha256 = match get_str(s, &["digest", "sha256"]) {
            Some(h) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                h.to_ascii_lowercase()
            }
            Some(h) => {
                return Err(InputError::new(
                    0,
                    format!(
                        "subject {} (`{name}`) has sha256 `{h}`, which is not 64 hex digits",
                        i + 1
                    ),
                ));
            }
            None => String::new(),
        };
        out.push(Subject { name, sha256 });
    }
    let predicate_type = get_str(v, &["predicateType"])
        .ok_or_else(|| InputError::new(0, "the statement has no `predicateType`"))?
        .to_string();
    let predicate = v.get("predicate").unwrap_or(&Value::Null);
    let mut st = Statement {
        subjects: out,
        predicate_type: predicate_type.clone(),
        builder_id: String::new(),
        build_type: String::new(),
        source_repo: None,
        source_ref: None,
        source_commit: None,
    };
    if predicate_type == SLSA_PROVENANCE_V1 {
        st.builder_id = get_str(predicate, &["runDetails", "builder", "id"])
            .ok_or_else(|| {
                InputError::new(0, "the SLSA v1 predicate has no `runDetails.builder.id`, which the format requires")
            })?
            .to_string();
        st.build_type = get_str(predicate, &["buildDefinition", "buildType"])
            .ok_or_else(|| {
                InputError::new(0, "the SLSA v1 predicate has no `buildDefinition.buildType`, which the format requires")
            })?
            .to_string();
        let workflow = get(
            predicate,
            &["buildDefinition", "externalParameters", "workflow"],
        );
        if let Some(w) = workflow {
            st.source_repo = get_str(w, &["repository"]).map(str::to_string);
            st.source_ref = get_str(w, &["ref"]).map(str::to_string);
        }
        let deps = get(predicate, &["buildDefinition", "resolvedDependencies"])
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        for dep in deps {
            let Some(uri) = get_str(dep, &["uri"]) else {
                continue;
            };
            let Some((repo, git_ref)) = split_git_uri(uri) else {
                continue;
            };
            let matches_workflow = st
                .source_repo
                .as_deref()
                .is_none_or(|r| normalize_repo(r) == normalize_repo(&repo));
            if !matches_workflow {
                continue;
            }
            if st.source_repo.is_none() {
                st.source_repo = Some(repo);
                st.source_ref = git_ref;
            }
            st.source_commit = get_str(dep, &["digest", "gitCommit"])
                .or_else(|| get_str(dep, &["digest", "sha1"]))
                .map(str::to_string);
            break;
        }
    } else if predicate_type == SLSA_PROVENANCE_V0_2 {
        st.builder_id = get_str(predicate, &["builder", "id"])
            .unwrap_or("")
            .to_string();
        st.build_type = get_str(predicate, &["buildType"]).unwrap_or("").to_string();
        if let Some((repo, git_ref)) =
            get_str(predicate, &["invocation", "configSource", "uri"]).and_then(split_git_uri)
        {
            st.source_repo = Some(repo);
            st.source_ref = git_ref;
            st.source_commit =
                get_str(predicate, &["invocation", "configSource", "digest", "sha1"])
                    .map(str::to_string);
        }
    }
    Ok(st)
}

/// `git+https://github.com/o/r@refs/tags/v1` -> (`https://github.com/o/r`,
/// `refs/tags/v1`), the SPDX download-location form the build types use.
fn split_git_uri(uri: &str) -> Option<(String, Option<String>)> {
    let rest = uri.strip_prefix("git+")?;
    let scheme_end = rest.find("://")? + 3;
    // An `@` before the first `/` of the path is a user (`git@host`).
    let path_start = rest[scheme_end..]
        .find('/')
        .map_or(rest.len(), |i| scheme_end + i);
    match rest[path_start..].rfind('@') {
        Some(at) => {
            let at = path_start + at;
            Some((rest[..at].to_string(), Some(rest[at + 1..].to_string())))
        }
        None => Some((rest.to_string(), None)),
    }
}

/// A repository URL as the policy compares it: no `git+`, `https://` when
/// no scheme is written (slsa-verifier's `--source-uri github.com/o/r`
/// form), lower-case scheme and host, no trailing `/` or `.git`. GitHub
/// owner and repository names are case-insensitive, so on github.com the
/// whole URL is lower-cased.
pub(crate) fn normalize_repo(url: &str) -> String {
    let mut u = url.trim();
    u = u.strip_prefix("git+").unwrap_or(u);
    let (scheme, rest) = match u.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("https".to_string(), u),
    };
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = host.to_ascii_lowercase();
    let mut path = path.trim_end_matches('/');
    path = path.strip_suffix(".git").unwrap_or(path);
    let path = if host == "github.com" {
        path.to_ascii_lowercase()
    } else {
        path.to_string()
    };
    format!("{scheme}://{host}{path}")
}

// ---------------------------------------------------------------------------
// Policies

/// One setting of a policy, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub value: String,
    pub line: u32,
}

/// What the learner's policy requires. Missing settings accept anything
/// (and [`lint_policy`] says so).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Policy {
    /// The exact builder id, as slsa-verifier's `--builder-id`.
    pub builder_id: Option<Setting>,
    /// The source repository, as `--source-uri`.
    pub source_repo: Option<Setting>,
    /// The exact git ref, `refs/tags/v1.2.0` (`--source-tag v1.2.0`).
    pub source_ref: Option<Setting>,
    /// A ref prefix, `refs/tags/` (any tag).
    pub source_ref_prefix: Option<Setting>,
}

const POLICY_KEYS: [&str; 4] = [
    "builder_id",
    "source_repo",
    "source_ref",
    "source_ref_prefix",
];

/// Reads a policy:
/// ```toml
/// builder_id = "https://github.com/actions/runner/github-hosted"
/// source_repo = "https://github.com/acme/tool"
/// source_ref = "refs/tags/v1.2.0"        # or source_ref_prefix = "refs/tags/"
/// ```
/// Unknown keys, non-string values, refs that are not full `refs/...`
/// names, and both ref settings at once are errors with their line.
pub fn parse_policy(text: &str) -> Result<Policy, InputError> {
    check_size("policy", text)?;
    let doc = names::parse_toml("the policy", text)?;
    let src = names::Src::new(text);
    let mut policy = Policy::default();
    for (key, value) in doc.iter() {
        let k = key.get_ref().as_ref();
        let line = src.line(key.span().start);
        if !POLICY_KEYS.contains(&k) {
            // slsa-verifier's flag names map onto the policy's keys.
            let near = match k {
                "source_tag" | "source-tag" => {
                    " (for a tag write `source_ref = \"refs/tags/…\"`)".to_string()
                }
                "source_branch" | "source-branch" => {
                    " (for a branch write `source_ref = \"refs/heads/…\"`)".to_string()
                }
                "source_uri" | "source-uri" => " (did you mean `source_repo`?)".to_string(),
                _ => POLICY_KEYS
                    .iter()
                    .find(|p| strsim_close(k, p))
                    .map_or(String::new(), |p| format!(" (did you mean `{p}`?)")),
            };
            return Err(InputError::new(
                line,
                format!(
                    "unknown key `{k}`{near}: a policy takes builder_id, source_repo, and source_ref or source_ref_prefix"
                ),
            ));
        }
        let names::TomlValue::String(s) = value.get_ref() else {
            return Err(InputError::new(
                line,
                format!("`{k}` must be a string in double quotes"),
            ));
        };
        let s = s.trim().to_string();
        if s.is_empty() {
            return Err(InputError::new(
                line,
                format!("`{k}` is empty; leave the key out or give a value"),
            ));
        }
        if k.starts_with("source_ref") && !s.starts_with("refs/") {
            return Err(InputError::new(
                line,
                format!(
                    "`{k} = \"{s}\"` is not a full git ref: write `refs/tags/{s}` for a tag or `refs/heads/{s}` for a branch \
                     (a bare name could be either)"
                ),
            ));
        }
        if k == "source_repo" && !s.contains('/') {
            return Err(InputError::new(
                line,
                format!(
                    "`source_repo = \"{s}\"` is not a repository URL such as `https://github.com/owner/repo`"
                ),
            ));
        }
        let setting = Some(Setting { value: s, line });
        match k {
            "builder_id" => policy.builder_id = setting,
            "source_repo" => policy.source_repo = setting,
            "source_ref" => policy.source_ref = setting,
            _ => policy.source_ref_prefix = setting,
        }
    }
    if let (Some(a), Some(b)) = (&policy.source_ref, &policy.source_ref_prefix) {
        return Err(InputError::new(
            a.line.max(b.line),
            "give `source_ref` or `source_ref_prefix`, not both",
        ));
    }
    Ok(policy)
}

/// Whether a key is a likely misspelling of a policy key.
fn strsim_close(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()] <= 3
}

const SELF_HOSTED: &str = "https://github.com/actions/runner/self-hosted";

/// Flags a policy that would accept artifacts it should not: no builder,
/// no source repository, no ref constraint, a ref prefix that allows any
/// branch, or a self-hosted runner as the trusted builder.
pub fn lint_policy(policy: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    let weak = |line: u32, message: String, why: &str, fix: &str| {
        Finding::new("provenance/weak-policy", Severity::Error, line, message)
            .why(why.to_string())
            .fix(fix.to_string())
    };
    match &policy.builder_id {
        None => out.push(weak(
            0,
            "the policy names no `builder_id`, so it accepts provenance from any builder".to_string(),
            "Anyone can write a statement and sign it with their own key; only the builder id ties the artifact to the hosted build you trust.",
            "Add `builder_id = \"…\"` with the exact id your releases are built by.",
        )),
        Some(b) if b.value == SELF_HOSTED => out.push(weak(
            b.line,
            format!("`builder_id = \"{SELF_HOSTED}\"` trusts self-hosted runners"),
            "A self-hosted runner is a machine its owners (or whoever compromised it) control, so its provenance says what they want; SLSA Build L3 needs a hosted, isolated builder.",
            "Trust the GitHub-hosted runner (`https://github.com/actions/runner/github-hosted`) or a reusable builder workflow pinned to a release tag.",
        )),
        Some(_) => {}
    }
    if policy.source_repo.is_none() {
        out.push(weak(
            0,
            "the policy names no `source_repo`, so it accepts artifacts built from any repository".to_string(),
            "A fork, or any repository at all, can run the same trusted builder; the source repository is what ties the build to your code.",
            "Add `source_repo = \"https://github.com/owner/repo\"`.",
        ));
    }
    match (&policy.source_ref, &policy.source_ref_prefix) {
        (None, None) => out.push(weak(
            0,
            "the policy has no `source_ref` or `source_ref_prefix`, so it accepts a build of any branch or tag".to_string(),
            "Anyone who can push a branch (or open one) can run the release workflow on unreviewed code.",
            "Add `source_ref = \"refs/tags/v1.2.0\"` (this release) or `source_ref_prefix = \"refs/tags/\"` (release tags only).",
        )),
        (None, Some(p)) if p.value == "refs/" || p.value.starts_with("refs/heads") => out.push(weak(
            p.line,
            format!("`source_ref_prefix = \"{}\"` accepts builds of any branch", p.value),
            "Branches are created and moved by anyone with push access; releases come from tags.",
            "Use `source_ref_prefix = \"refs/tags/\"` or the exact `source_ref` of the release.",
        )),
        _ => {}
    }
    sort_findings(&mut out);
    out
}

// ---------------------------------------------------------------------------
// Evaluation

fn subject_matches(subject: &str, artifact: &str) -> bool {
    subject == artifact || subject.rsplit('/').next() == Some(artifact)
}

/// Checks `artifact` (its file name and bytes) against its provenance
/// `statement` and the `policy`. No findings means accepted. Findings
/// about a policy setting point at its line in the policy; the others
/// (digest, subject, predicate) are about the statement and have line 0.
pub fn evaluate(
    policy: &Policy,
    statement: &Statement,
    artifact_name: &str,
    artifact: &[u8],
) -> Vec<Finding> {
    evaluate_digest(policy, statement, artifact_name, &sha256_hex(artifact))
}

/// [`evaluate`] for an artifact known by its SHA-256 (lowercase hex), so a
/// caller can hash a large file as it reads it.
pub fn evaluate_digest(
    policy: &Policy,
    statement: &Statement,
    artifact_name: &str,
    sha256: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let sha = sha256.to_ascii_lowercase();

    // The subject: this exact file.
    let named: Vec<&Subject> = statement
        .subjects
        .iter()
        .filter(|s| subject_matches(&s.name, artifact_name))
        .collect();
    if named.is_empty() {
        let list: Vec<String> = statement
            .subjects
            .iter()
            .map(|s| format!("`{}`", s.name))
            .collect();
        let renamed = statement
            .subjects
            .iter()
            .find(|s| s.sha256 == sha)
            .map_or(String::new(), |s| {
                format!(" (`{}` has the same SHA-256: the file was renamed)", s.name)
            });
        out.push(
            Finding::new(
                "provenance/no-subject",
                Severity::Error,
                0,
                format!(
                    "the statement is not about `{artifact_name}`: its subjects are {}{renamed}",
                    list.join(", ")
                ),
            )
            .why("Provenance vouches only for the subjects it lists; a genuine statement for another file says nothing about this one.")
            .fix(format!("Reject `{artifact_name}`, or find the statement whose subject is this file.")),
        );
    } else if !named.iter().any(|s| s.sha256 == sha) {
        let s = named[0];
        let message = if s.sha256.is_empty() {
            format!(
                "the statement lists `{}` without a sha256 digest, so it cannot vouch for these bytes",
                s.name
            )
        } else {
            let (actual, listed) = crate::integrity::shown_pair(&sha, &s.sha256);
            format!(
                "`{artifact_name}` has SHA-256 {actual} but the statement's subject `{}` lists {listed}: {}",
                s.name,
                first_difference(&sha, &s.sha256)
            )
        };
        out.push(
            Finding::new("provenance/digest-mismatch", Severity::Error, 0, message)
                .why("The statement describes the bytes the builder produced; different bytes were changed after the build, or come from another build.")
                .fix(format!("Reject this `{artifact_name}`; download it again from the release and compare.")),
        );
    }

    // The predicate: only SLSA v1 is read.
    if statement.predicate_type != SLSA_PROVENANCE_V1 {
        let message = if statement.predicate_type == SLSA_PROVENANCE_V0_2 {
            format!(
                "the statement is SLSA Provenance v0.2 (`{SLSA_PROVENANCE_V0_2}`), not v1 (`{SLSA_PROVENANCE_V1}`)"
            )
        } else {
            format!(
                "the statement's predicate is `{}`, not SLSA Provenance v1 (`{SLSA_PROVENANCE_V1}`)",
                statement.predicate_type
            )
        };
        out.push(
            Finding::new("provenance/wrong-predicate", Severity::Error, 0, message)
                .why("The predicate type says how to read the rest: v0.2 keeps the builder and source elsewhere, and other predicates (an SBOM, a test result) are not provenance at all, so a policy on v1 fields would read nothing.")
                .fix("Accept only statements with predicateType https://slsa.dev/provenance/v1; ask for v1 provenance from the publisher."),
        );
        sort_findings(&mut out);
        return out;
    }

    if let Some(b) = &policy.builder_id
        && b.value != statement.builder_id
    {
        let hint = if statement.builder_id == SELF_HOSTED {
            " (a self-hosted runner: whoever controls that machine controls what it builds)"
                .to_string()
        } else if statement.builder_id.split('@').next() == b.value.split('@').next() {
            " (the same builder at another version: the policy names it exactly)".to_string()
        } else {
            String::new()
        };
        out.push(
            Finding::new(
                "provenance/wrong-builder",
                Severity::Error,
                b.line,
                format!(
                    "the artifact was built by `{}`, but the policy trusts only `{}`{hint}",
                    statement.builder_id, b.value
                ),
            )
            .why("The builder id is who vouches for the build; any other builder's statement could have been made to say anything.")
            .fix("Reject the artifact. If the publisher really moved builders, check that first and then update `builder_id`."),
        );
    }

    if let Some(r) = &policy.source_repo {
        let want = normalize_repo(&r.value);
        match &statement.source_repo {
            None => out.push(
                Finding::new(
                    "provenance/wrong-source",
                    Severity::Error,
                    r.line,
                    "the statement names no source repository".to_string(),
                )
                .why("Without a source repository nothing ties the build to your code.")
                .fix("Reject the artifact."),
            ),
            Some(got) if normalize_repo(got) != want => {
                let tail = |u: &str| u.rsplit('/').next().unwrap_or("").to_string();
                let fork = if tail(&normalize_repo(got)) == tail(&want) {
                    " (same repository name, another owner: a fork or a look-alike)"
                } else {
                    ""
                };
                out.push(
                    Finding::new(
                        "provenance/wrong-source",
                        Severity::Error,
                        r.line,
                        format!("the artifact was built from `{got}`, but the policy requires `{}`{fork}", r.value),
                    )
                    .why("Anyone can fork a repository and run the same trusted builder on their own changes; the provenance is genuine, the code is not yours.")
                    .fix("Reject the artifact."),
                );
            }
            Some(_) => {}
        }
    }

    let (constraint, exact) = match (&policy.source_ref, &policy.source_ref_prefix) {
        (Some(r), _) => (Some(r), true),
        (None, Some(p)) => (Some(p), false),
        (None, None) => (None, false),
    };
    if let Some(c) = constraint {
        let got = statement.source_ref.as_deref();
        let ok = got.is_some_and(|g| {
            if exact {
                g == c.value
            } else {
                g.starts_with(&c.value)
            }
        });
        if !ok {
            let message = match got {
                None => "the statement names no git ref for its source".to_string(),
                Some(g) => {
                    let branch =
                        if g.starts_with("refs/heads/") && c.value.starts_with("refs/tags/") {
                            " (a branch, which anyone with push access can move, not a release tag)"
                        } else {
                            ""
                        };
                    if exact {
                        format!(
                            "the artifact was built from `{g}`, but the policy requires `{}`{branch}",
                            c.value
                        )
                    } else {
                        format!(
                            "the artifact was built from `{g}`, which does not start with `{}`{branch}",
                            c.value
                        )
                    }
                }
            };
            out.push(
                Finding::new("provenance/wrong-ref", Severity::Error, c.line, message)
                    .why("The ref says which commit the release workflow built; a build of another branch or tag is code that was never released.")
                    .fix("Reject the artifact."),
            );
        }
    }
    sort_findings(&mut out);
    out
}
