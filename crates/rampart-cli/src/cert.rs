//! `rampart keygen` and `rampart cert …`: an institution's side of
//! certificates. The credential, its proof and every check live in
//! `rampart_cert`; this module reads files, re-grades with the course's own
//! graders, and prints.
//!
//! 1. `keygen` writes the institution's Ed25519 key (Multikey JSON, 0600)
//!    and prints the `issuers.json` entry the site publishes.
//! 2. `cert status init` creates a signed Bitstring Status List to publish
//!    and its private state ([`status_list`]).
//! 3. `cert issue` re-grades every exercise of the track in a learner's
//!    evidence bundle and signs only if all pass; the certificate records
//!    hashes, not submissions, and takes the list's next free entry.
//! 4. `cert revoke` sets an entry and re-signs the list.
//! 5. `cert verify` runs `rampart_cert::verify` with the system clock, the
//!    trust list, the known course versions, a downloaded status list and
//!    the course's graders ([`course`], [`crate::regrade`]).

pub(crate) mod course;
pub(crate) mod files;
mod status_list;

use std::path::Path;

use anyhow::{Context, bail};
use rampart_cert::credential::{self, OpenBadgeCredential};
use rampart_cert::{
    CheckName, CheckStatus, CredentialInput, Evidence, IssuerInput, KeyPair, LearnerInput, Report,
    Timestamp, TrackInput, VerifyContext, compress, multibase, parse_trust_list,
};
use rampart_grade::evidence::{EvidenceBundle, submission_json};

use crate::cli::{CertCommand, CertStatusCommand, IssueArgs};
use crate::regrade::{ExerciseGrade, Grader, Outcome, Submitted};
use files::{read_key, read_text, write_new};
use status_list::{Lock, State, state_path};

const OK: u8 = 0;
/// The evidence does not pass (issue), or a check failed (verify).
const FAILED: u8 = 1;
/// A century: beyond it a date is a typo, not a policy.
const MAX_VALID_DAYS: u32 = 36_525;

pub fn cert_command(command: CertCommand) -> anyhow::Result<u8> {
    match command {
        CertCommand::Issue(args) => issue(&args),
        CertCommand::Status {
            command: CertStatusCommand::Init { key, url, out },
        } => status_init(&key, &url, &out),
        CertCommand::Revoke {
            key,
            status_list,
            credential,
            id,
            index,
        } => {
            let which = match (credential, id, index) {
                (Some(path), _, _) => Which::Credential(path),
                (_, Some(id), _) => Which::Id(id),
                (_, _, Some(index)) => Which::Index(index),
                _ => bail!(
                    "say which certificate to revoke: --credential FILE, --id ID or --index N"
                ),
            };
            revoke(&key, &status_list, which)
        }
        CertCommand::Verify {
            file,
            course,
            trust,
            status_list,
            known_versions,
            json,
        } => verify(
            &file,
            &course,
            trust.as_deref(),
            status_list.as_deref(),
            known_versions.as_deref(),
            json,
        ),
    }
}

/// The system clock, as the verifier and the builder want it.
pub(crate) fn now() -> Timestamp {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Timestamp::from_unix_seconds(seconds)
}

pub fn keygen(out: &Path, name: Option<&str>, force: bool) -> anyhow::Result<u8> {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    let pair = KeyPair::generate().context("Failed to generate a key")?;
    files::write_private(out, &files::key_json(&pair, name), force)?;
    println!(
        "wrote the institution's signing key to {} (readable by you only)",
        out.display()
    );
    println!(
        "keep it secret and back it up: whoever holds it can issue certificates in your name, and the certificates issued with it name this key"
    );
    println!("did: {}", pair.did());
    println!("add this entry to the site's issuers.json:");
    let quoted = |s: &str| serde_json::Value::from(s).to_string();
    println!(
        "  {{\"did\": {}, \"name\": {}}}",
        quoted(&pair.did()),
        quoted(name.unwrap_or("Your institution"))
    );
    if name.is_none() {
        println!(
            "(put your institution's name there, and pass it to `rampart cert issue --issuer-name`, or create the key with --name to record it in the key)"
        );
    }
    Ok(OK)
}

fn issue(a: &IssueArgs) -> anyhow::Result<u8> {
    // Everything that can be refused without grading is, before grading.
    let key = read_key(&a.key)?;
    let bundle = EvidenceBundle::from_json(&read_text(&a.evidence, "the evidence")?)
        .map_err(|e| anyhow::anyhow!("{}: {e}", a.evidence.display()))?;
    if a.out.exists() {
        bail!(
            "{} already exists; Rampart does not overwrite a certificate: choose another --out",
            a.out.display()
        );
    }
    let issuer_name = match (&a.issuer_name, &key.name) {
        (Some(n), _) | (None, Some(n)) if !n.trim().is_empty() => n.trim().to_string(),
        _ => bail!(
            "no institution name: pass --issuer-name NAME (the name in the site's issuers.json), or record it in the key with `rampart keygen --name`"
        ),
    };
    let learner = a
        .name
        .as_deref()
        .unwrap_or(&bundle.learner)
        .trim()
        .to_string();
    if learner.is_empty() {
        bail!(
            "the evidence has no learner name; pass the name to print with --name \"Learner Name\""
        );
    }
    let valid_days = match a.valid_days {
        Some(d) if !(1..=MAX_VALID_DAYS).contains(&d) => bail!(
            "--valid-days is {d}; give between 1 and {MAX_VALID_DAYS} days, or leave it out for a certificate that does not expire"
        ),
        other => other,
    };
    let mut status = match &a.status_list {
        Some(list) => {
            let lock = Lock::take(list)?;
            let state = State::load(list)?;
            state.check_key(&key.pair, list)?;
            if let Some(url) = &a.status_url
                && url != &state.url
            {
                bail!(
                    "--status-url is {url}, but the status list {} is published at {}; leave --status-url out, or pass the list created for {url}",
                    list.display(),
                    state.url
                );
            }
            Some((list, state, lock))
        }
        None => None,
    };
    let course = course::load(&a.course)?;
    let track = course
        .track(&bundle.track)
        .map_err(|e| anyhow::anyhow!("the evidence is for track {:?}, but {e}", bundle.track))?;

    // The course version the learner worked under must be one this site
    // published; the work itself is judged by the current graders, and the
    // certificate names the version it was judged under.
    let known = course.known_versions(a.known_versions.as_deref())?;
    let current = course.version().to_string();
    if !known.contains(&bundle.course_version) {
        eprintln!(
            "error: the evidence was exported under course version {}, which is neither this course's current version ({current}) nor listed as known; if it is a version you published, list it in course-versions.json (or pass --known-versions FILE). No certificate was written.",
            bundle.course_version
        );
        return Ok(FAILED);
    }

    let grader = Grader::new(&course);
    let submitted: Vec<Submitted> = bundle
        .exercises
        .iter()
        .map(|e| Submitted {
            exercise: e.id.clone(),
            json: Some(submission_json(&e.submission)),
        })
        .collect();
    let graded = grader.grade_track(track, &submitted);
    let problems: Vec<String> = graded
        .exercises
        .iter()
        .filter_map(ExerciseGrade::problem)
        .collect();
    if !problems.is_empty() {
        eprintln!(
            "error: {} of the {} exercises of track {:?} do not pass under course version {current}; no certificate was written:",
            problems.len(),
            graded.total(),
            track.id
        );
        for p in &problems {
            eprintln!("  {p}");
        }
        return Ok(FAILED);
    }
    for extra in &graded.ignored {
        eprintln!(
            "warning: ignored exercise {extra}: it is not part of track {:?}",
            track.id
        );
    }
    let evidence: Vec<Evidence> = graded
        .exercises
        .iter()
        .filter_map(|e| match (&e.outcome, &e.submission) {
            (Outcome::Passed(v), Some(text)) => {
                Some(Evidence::new(&e.id, &v.grader.to_string(), text, false))
            }
            _ => None,
        })
        .collect();
    if bundle.course_version != current {
        eprintln!(
            "warning: the evidence was exported under course version {}, and this course is now {current}; every exercise was re-graded under {current} and passes, so the certificate names {current}",
            bundle.course_version
        );
    }

    let now = now();
    let id = credential::new_urn_uuid().context("Failed to make a credential id")?;
    let entry = match &mut status {
        Some((_, state, _)) => {
            let index = state.allocate(&id, &learner, &track.id, now)?;
            Some(rampart_cert::status::entry(&state.url, index, "revocation"))
        }
        None => None,
    };
    let input = CredentialInput {
        id: id.clone(),
        issuer: IssuerInput {
            did: key.pair.did(),
            name: issuer_name.clone(),
            url: None,
        },
        learner: LearnerInput {
            name: learner.clone(),
            id: None,
        },
        track: TrackInput {
            id: track.id.clone(),
            name: track.title.clone(),
            description: track.summary.clone(),
            criteria: format!(
                "Pass every graded exercise of the track \u{201c}{}\u{201d} ({} exercises) in Rampart, course version {current}. {issuer_name} re-graded each submission with that version's graders before signing; the evidence records each submission's SHA-256.",
                track.title,
                evidence.len()
            ),
            course_version: current.clone(),
            achievement_id: None,
        },
        valid_from: now,
        valid_until: valid_days.map(|d| now.plus_seconds(i64::from(d) * 86_400)),
        status: entry.clone(),
        evidence,
    };
    let json =
        credential::issue(&input, &key.pair, now).context("Failed to sign the certificate")?;

    // What is written must verify; anything else is a bug here, not the learner's.
    let trusted = [rampart_cert::TrustedIssuer {
        did: key.pair.did(),
        name: issuer_name,
    }];
    let self_check = rampart_cert::verify(
        &json,
        &VerifyContext {
            trust_list: &trusted,
            known_course_versions: Some(std::slice::from_ref(&current)),
            ..VerifyContext::new(now)
        },
    );
    if !self_check.no_failures() {
        bail!("the certificate just signed does not verify, so it was not written:\n{self_check}");
    }

    // The state first: a crash between the two writes then wastes an entry
    // rather than giving one entry to two certificates.
    if let Some((list, state, _lock)) = &status {
        state.save(list)?;
    }
    write_new(&a.out, &json, "a certificate")?;
    println!(
        "issued a certificate to {learner} for track \u{201c}{}\u{201d}: {} exercises re-graded under course version {}, all pass",
        track.title,
        input.evidence.len(),
        course.manifest.short_version()
    );
    println!("wrote it to {}", a.out.display());
    if let (Some(entry), Some((list, _, _))) = (&entry, &status) {
        println!(
            "revocation: entry {} of {}; to revoke it, run `rampart cert revoke --key {} --status-list {} --index {}`",
            entry.status_list_index,
            entry.status_list_credential,
            a.key.display(),
            list.display(),
            entry.status_list_index
        );
    }
    match &a.site_url {
        Some(site) => println!("verification link: {}", verification_link(site, &json)),
        None => println!(
            "to print its verification link, pass --site-url https://your.site; anyone can also upload the file on the site's /verify page or run `rampart cert verify`"
        ),
    }
    Ok(OK)
}

/// `<site>/verify#c=<base64url(deflate(credential JSON))>` (cert-spec decision 6).
fn verification_link(site: &str, json: &str) -> String {
    format!(
        "{}/verify#c={}",
        site.trim_end_matches('/'),
        multibase::encode_base64url(&compress::deflate(json.as_bytes()))
    )
}

fn status_init(key: &Path, url: &str, out: &Path) -> anyhow::Result<u8> {
    let key = read_key(key)?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        bail!(
            "--url {url:?} is not an http(s) address; give the address the list will be published at, e.g. https://university.example/rampart/status.json"
        );
    }
    let state_file = state_path(out);
    for path in [out, state_file.as_path()] {
        if path.exists() {
            bail!(
                "{} already exists; a status list is never replaced, because its state records which certificate holds which entry: choose another --out",
                path.display()
            );
        }
    }
    let state = State::new(url, &key.pair.did());
    let signed = state.signed(&key.pair, now())?;
    write_new(&state_file, &state.to_json(), "a status list state")?;
    write_new(out, &signed, "a status list")?;
    println!(
        "wrote the signed status list ({} entries, none revoked) to {}: publish it at {url}",
        state.length,
        out.display()
    );
    println!(
        "wrote its state to {}: keep it with the key and back it up; it records which certificate holds which entry (`rampart cert issue --status-list {}` hands out the next one)",
        state_file.display(),
        out.display()
    );
    Ok(OK)
}

enum Which {
    Credential(std::path::PathBuf),
    Id(String),
    Index(usize),
}

fn revoke(key: &Path, list: &Path, which: Which) -> anyhow::Result<u8> {
    let key = read_key(key)?;
    let _lock = Lock::take(list)?;
    let mut state = State::load(list)?;
    state.check_key(&key.pair, list)?;
    let index = match which {
        Which::Credential(path) => index_of_credential(&path, &state)?,
        Which::Id(id) => state.index_of(&id)?,
        Which::Index(index) => index,
    };
    let now = now();
    let entry = state.entry_mut(index)?;
    let already = entry.revoked.clone();
    if already.is_none() {
        entry.revoked = Some(now.to_rfc3339());
    }
    let what = format!(
        "entry {index} (certificate {} for {}, track {})",
        entry.credential, entry.learner, entry.track
    );
    let signed = state.signed(&key.pair, now)?;
    state.save(list)?;
    files::replace(list, &signed, "the status list")?;
    match already {
        Some(at) => println!("{what} was already revoked on {at}"),
        None => println!("revoked {what}"),
    }
    println!(
        "re-signed {}: publish it at {}, replacing the old copy; verifiers see the revocation once they fetch it",
        list.display(),
        state.url
    );
    Ok(OK)
}

/// The status list entry a certificate file holds, checked against the state.
fn index_of_credential(path: &Path, state: &State) -> anyhow::Result<usize> {
    let text = read_text(path, "the certificate")?;
    let cred = OpenBadgeCredential::from_json(&text)
        .map_err(|e| anyhow::anyhow!("{} is not a certificate: {e}", path.display()))?;
    let Some(status) = &cred.credential_status else {
        bail!(
            "{} has no credentialStatus: it was issued without --status-list and cannot be revoked",
            path.display()
        );
    };
    if status.status_list_credential != state.url {
        bail!(
            "{} is in the status list {}, not in this one ({})",
            path.display(),
            status.status_list_credential,
            state.url
        );
    }
    let index: usize = status.status_list_index.parse().map_err(|_| {
        anyhow::anyhow!(
            "{}: credentialStatus.statusListIndex is {:?}, not a number",
            path.display(),
            status.status_list_index
        )
    })?;
    let recorded = state.entries.get(index).map(|e| e.credential.as_str());
    if recorded != Some(cred.id.as_str()) {
        bail!(
            "{} ({}) says it holds entry {index}, but the list's state gives that entry to {}; revoke by --id or --index once you know which is right",
            path.display(),
            cred.id,
            recorded.unwrap_or("no certificate")
        );
    }
    Ok(index)
}

fn verify(
    file: &Path,
    course_dir: &Path,
    trust: Option<&Path>,
    status_list: Option<&Path>,
    known_versions: Option<&Path>,
    json: bool,
) -> anyhow::Result<u8> {
    let text = read_text(file, "the certificate")?;
    let course = course::load(course_dir)?;
    let default_trust = course.site_root.join("issuers.json");
    let trust = trust.or_else(|| default_trust.is_file().then_some(default_trust.as_path()));
    let trust_list = match trust {
        Some(path) => parse_trust_list(&read_text(path, "the trust list")?)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        None => Vec::new(),
    };
    let known = course.known_versions(known_versions)?;
    let status_text = status_list
        .map(|p| read_text(p, "the status list"))
        .transpose()?;
    let grader = Grader::new(&course);
    let regrade = |e: &Evidence| grader.regrade_evidence(e);
    let ctx = VerifyContext {
        trust_list: &trust_list,
        known_course_versions: Some(&known),
        status_list_credential: status_text.as_deref(),
        did_documents: &[],
        regrade: Some(&regrade),
        ..VerifyContext::new(now())
    };
    let mut report = rampart_cert::verify(&text, &ctx);
    // A certificate for a track needs evidence for every exercise of it.
    if let Some(track) = rampart_cert::coverage::track_of(&text)
        && let Ok(entry) = course.track(&track)
    {
        let required: Vec<String> = entry.exercise_ids().map(str::to_string).collect();
        report.require_evidence_for(&text, &required);
    }
    explain_offline(&mut report, trust.is_some(), status_text.is_some());
    print_report(&report, json)?;
    Ok(if report.no_failures() { OK } else { FAILED })
}

/// Adds what only the CLI knows to the library's messages: it never goes
/// online, and which of its inputs were missing.
fn explain_offline(report: &mut Report, had_trust: bool, had_status: bool) {
    for c in &mut report.checks {
        match (c.name, c.status) {
            (CheckName::Revocation, CheckStatus::NotChecked)
                if !had_status && c.message.starts_with("offline") =>
            {
                c.message.push_str(
                    "; the rampart CLI has no network client: download the list and pass it with --status-list FILE",
                );
            }
            (CheckName::TrustedIssuer, CheckStatus::Fail) if !had_trust => {
                c.message.push_str(
                    "; no trust list was given: pass the site's with --trust issuers.json",
                );
            }
            (CheckName::Signature | CheckName::IssuerKey, CheckStatus::NotChecked)
                if c.message.contains("did:web") =>
            {
                c.message
                    .push_str("; the rampart CLI has no network client to fetch it");
            }
            _ => {}
        }
    }
}

fn print_report(report: &Report, json: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, report)?;
        writeln!(out)?;
        return Ok(());
    }
    let width = CheckName::ALL
        .iter()
        .map(|n| n.id().len())
        .max()
        .unwrap_or(0);
    for c in &report.checks {
        writeln!(
            out,
            "{:<11}  {:<width$}  {}",
            c.status.to_string(),
            c.name.id(),
            c.message
        )?;
    }
    Ok(())
}
