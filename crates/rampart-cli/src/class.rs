//! `rampart class grade`: an instructor's view of a class. Learners export
//! their work from the app's certificate page (an evidence bundle, or a
//! self-issued certificate with every submission embedded); the instructor
//! collects the files in one folder and gets one CSV row per file.
//!
//! 1. The course loads (sources or a built bundle, as `cert verify` loads
//!    it) and the CSV's path is checked writable, before anything is graded.
//! 2. Every `*.json` file directly in the folder is read, in file-name
//!    order: at most [`MAX_FILE`] bytes of strict JSON (no duplicate keys).
//! 3. An evidence bundle must have no field the app does not write and
//!    name a track of the course. A certificate goes through
//!    `rampart_cert::verify`: a failing signature or issuer-key check makes
//!    the file `tampered`, a damaged one `malformed`.
//! 4. Every submission is re-graded with the course's current graders
//!    ([`crate::regrade`]); what the file claims about its grades is never
//!    read. The row says how many exercises of the track pass, and why each
//!    other one does not.
//! 5. stderr shows progress; stdout a summary: counts per status, the
//!    average score per track, the files that are malformed or tampered,
//!    and notes that are not the learner's doing (an older course version).
//!
//! Learner names are self-declared, so the CSV neutralises cells a
//! spreadsheet would run as formulas (a leading `=`, `+`, `-` or `@` gets a
//! `'`), and the terminal output escapes control characters.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rampart_cert::{CheckName, CheckStatus, Evidence, Timestamp, VerifyContext};
use rampart_course::TrackEntry;
use rampart_grade::evidence::{BUNDLE_FORMAT, EvidenceBundle, submission_json};
use serde_json::Value;

use crate::cert::course::{self, SiteCourse};
use crate::cert::files::sibling;
use crate::cli::ClassGradeArgs;
use crate::regrade::{Grader, Outcome, Submitted, TrackGrade};

/// Largest file read: far above any real export (a bundle of a whole track
/// is tens of kilobytes), small enough that a stray disk image is refused.
pub const MAX_FILE: u64 = 8 * 1024 * 1024;
/// Deepest JSON nesting accepted (a bundle nests four levels).
const MAX_DEPTH: usize = 64;
/// The CSV's header line.
pub const HEADER: &str =
    "file,student,track,exercises_passed,exercises_total,score,status,problems";

/// Longest grader message kept in the CSV for one exercise; the app shows
/// the learner the whole of it.
const MAX_PROBLEM_CHARS: usize = 400;

/// Fields an evidence bundle may have, and each of its exercises.
const BUNDLE_FIELDS: [&str; 6] = [
    "format",
    "version",
    "course_version",
    "track",
    "learner",
    "exercises",
];
const EXERCISE_FIELDS: [&str; 3] = ["id", "grader", "submission"];

const OK: u8 = 0;
/// The CSV was written, but some files are malformed or tampered.
const SOME_BAD: u8 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Complete,
    Incomplete,
    Malformed,
    Tampered,
}

impl Status {
    const ALL: [Status; 4] = [
        Status::Complete,
        Status::Incomplete,
        Status::Malformed,
        Status::Tampered,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Status::Complete => "complete",
            Status::Incomplete => "incomplete",
            Status::Malformed => "malformed",
            Status::Tampered => "tampered",
        }
    }

    /// Neither malformed nor tampered: the file was read and graded.
    fn graded(self) -> bool {
        matches!(self, Status::Complete | Status::Incomplete)
    }
}

/// One file's line of the CSV, and what the summary says about it.
#[derive(Debug)]
struct Row {
    file: String,
    student: String,
    track: String,
    /// (passed, total) for a graded file.
    score: Option<(usize, usize)>,
    status: Status,
    problems: Vec<String>,
    /// The course version the file says the work was done under.
    course_version: Option<String>,
    /// For the summary only: things that are not the learner's problem.
    notes: Vec<String>,
}

impl Row {
    fn new(file: &str, student: String) -> Self {
        Row {
            file: file.to_string(),
            student,
            track: String::new(),
            score: None,
            status: Status::Malformed,
            problems: Vec::new(),
            course_version: None,
            notes: Vec::new(),
        }
    }

    fn refused(mut self, status: Status, why: impl Into<String>) -> Self {
        self.status = status;
        self.score = None;
        self.problems.push(why.into());
        self
    }

    fn csv(&self) -> String {
        let (passed, total, score) = match self.score {
            Some((p, t)) => (p.to_string(), t.to_string(), percent(p, t)),
            None => Default::default(),
        };
        [
            cell(&self.file),
            cell(&self.student),
            cell(&self.track),
            passed,
            total,
            score,
            self.status.as_str().to_string(),
            cell(&self.problems.join("; ")),
        ]
        .join(",")
    }
}

/// `passed` of `total` as a percentage with one decimal, rounded half up.
fn percent(passed: usize, total: usize) -> String {
    if total == 0 {
        return "0.0".into();
    }
    let tenths = (passed * 1000 + total / 2) / total;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// One CSV cell: quoted when it holds a comma, quote or line break (RFC
/// 4180), and prefixed with `'` when a spreadsheet would take it for a
/// formula (OWASP's advice on CSV injection).
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// `text` on one line (each run of whitespace becomes one space), cut to
/// `max` characters with an ellipsis: a grader's report can run to a dozen
/// lines, too many for a cell of a grade sheet.
fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}\u{2026}", cut.trim_end())
}

/// `text` with control characters escaped, for the terminal: a name or a
/// file name must not move the cursor or change colours.
fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

pub fn grade(a: &ClassGradeArgs) -> anyhow::Result<u8> {
    let dir = &a.dir;
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => bail!(
            "{} is a file, not a folder; pass the folder that holds the class's exported files",
            dir.display()
        ),
        Err(e) => bail!(
            "cannot open the folder {}: {e}; pass the folder that holds the class's exported files",
            dir.display()
        ),
    }
    let course = course::load(&a.course)?;
    let only_track = match &a.track {
        Some(id) => Some(
            course
                .track(id)
                .map_err(|e| anyhow::anyhow!("--track: {e}"))?,
        ),
        None => None,
    };
    let files = json_files(dir)?;
    let csv = CsvFile::create(&a.out)?;

    let grader = Grader::new(&course);
    let known = course.known_versions(None).unwrap_or_else(|e| {
        eprintln!("warning: {e:#}; only the current course version counts as published");
        vec![course.version().to_string()]
    });
    let now = crate::cert::now();
    let progress = Progress::new(files.len());
    let mut rows = Vec::with_capacity(files.len());
    for (i, path) in files.iter().enumerate() {
        let name = file_name(path);
        progress.show(i, &name);
        let mut row = grade_file(path, &name, &grader, only_track, now);
        if row.status.graded() {
            row.notes.extend(version_note(&course, &known, &row));
        }
        rows.push(row);
    }
    progress.finish();

    let mut text = String::from(HEADER);
    text.push('\n');
    for row in &rows {
        text.push_str(&row.csv());
        text.push('\n');
    }
    csv.commit(&text)?;
    print_summary(a, &course, &rows)?;
    Ok(if rows.iter().all(|r| r.status.graded()) {
        OK
    } else {
        SOME_BAD
    })
}

/// The files directly in `dir` whose name ends in `.json` (any case),
/// sorted by name; folders are skipped.
fn json_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let path = entry.path();
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        // `metadata` follows links, so a linked file counts and a linked folder does not.
        if is_json && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            files.push(path);
        }
    }
    files.sort_by(|x, y| x.file_name().cmp(&y.file_name()));
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A file's text: at most [`MAX_FILE`] bytes of UTF-8 (a leading byte-order
/// mark dropped).
fn read_capped(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!(
            "the file is larger than {} MiB, far more than any export from the app; is it the right file?",
            MAX_FILE / (1024 * 1024)
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (byte {} is not valid); is it the right file?",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Reads, checks and re-grades one file.
fn grade_file(
    path: &Path,
    name: &str,
    grader: &Grader<'_>,
    only_track: Option<&TrackEntry>,
    now: Timestamp,
) -> Row {
    let stem = file_stem(path);
    let row = Row::new(name, stem.clone());
    let text = match read_capped(path) {
        Ok(t) => t,
        Err(why) => return row.refused(Status::Malformed, why),
    };
    let limits = rampart_cert::json::Limits {
        max_bytes: usize::try_from(MAX_FILE).unwrap_or(usize::MAX),
        max_depth: MAX_DEPTH,
    };
    let value = match rampart_cert::json::parse_with(&text, limits) {
        Ok(v) => v,
        Err(e) => return row.refused(Status::Malformed, format!("the file is not JSON: {e}")),
    };
    let Value::Object(map) = &value else {
        return row.refused(
            Status::Malformed,
            "the file holds no JSON object, so it is neither an evidence bundle nor a certificate",
        );
    };
    if map.contains_key("format") {
        grade_bundle(row, &text, &value, &stem, grader, only_track)
    } else if map.contains_key("@context") || map.contains_key("proof") {
        grade_certificate(row, &text, &value, &stem, grader, only_track, now)
    } else {
        row.refused(
            Status::Malformed,
            format!(
                "neither an evidence bundle (it has no \"format\": \"{BUNDLE_FORMAT}\") nor a certificate (it has no \"@context\")"
            ),
        )
    }
}

/// The first field of the bundle (or of one of its exercises) the app never
/// writes.
fn unknown_field(value: &Value) -> Option<String> {
    let obj = value.as_object()?;
    if let Some(k) = obj.keys().find(|k| !BUNDLE_FIELDS.contains(&k.as_str())) {
        return Some(format!("unknown field \"{k}\""));
    }
    let exercises = obj.get("exercises")?.as_array()?;
    exercises.iter().enumerate().find_map(|(i, e)| {
        let k = e
            .as_object()?
            .keys()
            .find(|k| !EXERCISE_FIELDS.contains(&k.as_str()))?;
        Some(format!("unknown field \"{k}\" in exercises[{i}]"))
    })
}

/// The track to grade against: `--track`, or the one the file names.
fn pick_track<'c>(
    row: &mut Row,
    course: &'c SiteCourse,
    named: &str,
    only_track: Option<&'c TrackEntry>,
    what: &str,
) -> Result<&'c TrackEntry, String> {
    if let Some(track) = only_track {
        row.track = track.id.clone();
        if named != track.id {
            row.problems.push(format!(
                "the {what} is for track {named:?}; graded against track {:?} as --track asks",
                track.id
            ));
        }
        return Ok(track);
    }
    row.track = named.to_string();
    course
        .track(named)
        .map_err(|e| format!("the {what} is for track {named:?}, but {e}"))
}

/// Fills in the row from a track's grades: score, status, and one problem
/// per exercise that does not pass (missing ones together).
fn record(row: &mut Row, graded: &TrackGrade) {
    let mut missing = Vec::new();
    let mut problems = Vec::new();
    for e in &graded.exercises {
        match &e.outcome {
            Outcome::Passed(_) => {}
            Outcome::Missing => missing.push(e.id.as_str()),
            _ => problems.extend(e.problem().map(|p| one_line(&p, MAX_PROBLEM_CHARS))),
        }
    }
    row.problems.extend(problems);
    if !missing.is_empty() && missing.len() == graded.total() {
        row.problems.push(format!(
            "missing all {} exercises: the file has no submission for this track",
            graded.total()
        ));
    } else if !missing.is_empty() {
        row.problems.push(format!(
            "missing {} of {}: {}",
            missing.len(),
            graded.total(),
            missing.join(", ")
        ));
    }
    if !graded.ignored.is_empty() {
        row.problems.push(format!(
            "ignored, not part of track {:?}: {}",
            row.track,
            graded.ignored.join(", ")
        ));
    }
    row.score = Some((graded.passed(), graded.total()));
    row.status = if graded.all_pass() {
        Status::Complete
    } else {
        Status::Incomplete
    };
}

fn grade_bundle(
    mut row: Row,
    text: &str,
    value: &Value,
    stem: &str,
    grader: &Grader<'_>,
    only_track: Option<&TrackEntry>,
) -> Row {
    if value.get("format").and_then(Value::as_str) == Some(BUNDLE_FORMAT)
        && let Some(field) = unknown_field(value)
    {
        return row.refused(
            Status::Malformed,
            format!(
                "the evidence has an {field}, which the app never writes: was it edited by hand?"
            ),
        );
    }
    let bundle = match EvidenceBundle::from_json(text) {
        Ok(b) => b,
        Err(why) => return row.refused(Status::Malformed, why),
    };
    let learner = bundle.learner.trim();
    row.student = if learner.is_empty() { stem } else { learner }.to_string();
    let track = match pick_track(
        &mut row,
        grader.course(),
        &bundle.track,
        only_track,
        "evidence",
    ) {
        Ok(t) => t,
        Err(why) => return row.refused(Status::Malformed, why),
    };
    let submitted: Vec<Submitted> = bundle
        .exercises
        .iter()
        .map(|e| Submitted {
            exercise: e.id.clone(),
            json: Some(submission_json(&e.submission)),
        })
        .collect();
    record(&mut row, &grader.grade_track(track, &submitted));
    row.course_version = Some(bundle.course_version);
    row
}

/// The learner's name a credential states: the subject's `name` identifier,
/// else the issuer's name (self-issued: the same person).
fn credential_name(doc: &Value) -> Option<String> {
    let subject = match doc.get("credentialSubject")? {
        Value::Array(items) => items.first()?,
        other => other,
    };
    let from_subject = subject
        .get("identifier")
        .and_then(Value::as_array)
        .and_then(|ids| {
            ids.iter().find_map(|i| {
                (i.get("identityType")?.as_str()? == "name")
                    .then(|| i.get("identityHash")?.as_str())
                    .flatten()
            })
        });
    let name = from_subject.or_else(|| doc.pointer("/issuer/name")?.as_str())?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

fn grade_certificate(
    mut row: Row,
    text: &str,
    value: &Value,
    stem: &str,
    grader: &Grader<'_>,
    only_track: Option<&TrackEntry>,
    now: Timestamp,
) -> Row {
    row.student = credential_name(value).unwrap_or_else(|| stem.to_string());
    if let Some(track) = rampart_cert::coverage::track_of(text) {
        row.track = track;
    }
    let regrade = |e: &Evidence| grader.regrade_evidence(e);
    let ctx = VerifyContext {
        regrade: Some(&regrade),
        ..VerifyContext::new(now)
    };
    let report = rampart_cert::verify(text, &ctx);
    let failed = |name: CheckName| {
        report
            .get(name)
            .filter(|c| c.status == CheckStatus::Fail)
            .map(|c| format!("{}: {}", name.id(), c.message))
    };
    if let Some(why) = failed(CheckName::WellFormed) {
        return row.refused(Status::Malformed, why);
    }
    let forged: Vec<String> = [CheckName::Signature, CheckName::IssuerKey]
        .into_iter()
        .filter_map(failed)
        .collect();
    if !forged.is_empty() {
        return row.refused(Status::Tampered, forged.join("; "));
    }
    if let Some(c) = report
        .get(CheckName::Signature)
        .filter(|c| c.status != CheckStatus::Pass)
    {
        return row.refused(
            Status::Malformed,
            format!(
                "signature: not checked: {}; the app's certificates are signed with a did:key, which is checked offline",
                c.message
            ),
        );
    }
    if let Some(why) = failed(CheckName::Schema) {
        return row.refused(Status::Malformed, why);
    }
    let evidence = match rampart_cert::credential::evidence_of(value) {
        Ok(e) => e,
        Err(e) => return row.refused(Status::Malformed, format!("the evidence is damaged: {e}")),
    };
    if evidence.iter().all(|e| e.submission.is_none()) {
        return row.refused(
            Status::Malformed,
            "the certificate records only its submissions' hashes (an institution's certificate), so there is nothing to re-grade; collect the learner's evidence bundle instead",
        );
    }
    let named = row.track.clone();
    if named.is_empty() {
        return row.refused(
            Status::Malformed,
            "the certificate names no track (credentialSubject.achievement[\"rampart:track\"])",
        );
    }
    let track = match pick_track(&mut row, grader.course(), &named, only_track, "certificate") {
        Ok(t) => t,
        Err(why) => return row.refused(Status::Malformed, why),
    };
    let submitted: Vec<Submitted> = evidence
        .into_iter()
        .map(|e| Submitted {
            exercise: e.exercise,
            json: e.submission,
        })
        .collect();
    record(&mut row, &grader.grade_track(track, &submitted));
    row.problems.extend(failed(CheckName::Dates));
    row.course_version = value
        .pointer("/credentialSubject/achievement/version")
        .and_then(Value::as_str)
        .map(str::to_string);
    row
}

/// A summary note when the work was done under another course version
/// than the current one. It was re-graded against the current one anyway,
/// so this is not the learner's problem and stays out of the CSV (whose
/// rows must not change when a lesson's wording does).
fn version_note(course: &SiteCourse, known: &[String], row: &Row) -> Option<String> {
    let version = row.course_version.as_deref()?;
    if version == course.version() {
        return None;
    }
    let short = version.get(..12).unwrap_or(version);
    Some(format!(
        "exported under course version {short}{}; re-graded against the current version {}",
        if known.iter().any(|k| k == version) {
            ""
        } else {
            ", which this site does not list as published (course-versions.json)"
        },
        course.manifest.short_version()
    ))
}

/// The CSV, written beside its final path and moved there once complete,
/// so a failed run leaves the previous file (or none), never half of one.
struct CsvFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::fs::File>,
}

impl CsvFile {
    /// Opens the temporary file now, so an unwritable path is found before
    /// any grading.
    fn create(path: &Path) -> anyhow::Result<Self> {
        if path.is_dir() {
            bail!(
                "--out {} is a folder; give the CSV file's path, e.g. {}",
                path.display(),
                path.join("grades.csv").display()
            );
        }
        let tmp = sibling(path, &format!(".tmp-{}", std::process::id()));
        let file = std::fs::File::create(&tmp).map_err(|e| {
            anyhow::anyhow!(
                "cannot write the CSV to {}: {e}; choose another --out",
                path.display()
            )
        })?;
        Ok(CsvFile {
            path: path.to_path_buf(),
            tmp,
            file: Some(file),
        })
    }

    fn commit(mut self, text: &str) -> anyhow::Result<()> {
        let mut file = self.file.take().context("the CSV was already written")?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write the CSV to {}", self.tmp.display()))?;
        drop(file);
        std::fs::rename(&self.tmp, &self.path)
            .with_context(|| format!("cannot write the CSV to {}", self.path.display()))
    }
}

impl Drop for CsvFile {
    fn drop(&mut self) {
        // Gone already when committed.
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// The progress bar on stderr: redrawn in place on a terminal, one line per
/// file otherwise (a log, a CI job).
struct Progress {
    total: usize,
    terminal: bool,
}

impl Progress {
    const WIDTH: usize = 20;

    fn new(total: usize) -> Self {
        Progress {
            total,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// Shows that file `index` (0-based) called `name` is being graded.
    fn show(&self, index: usize, name: &str) {
        let done = index + 1;
        let filled = done * Self::WIDTH / self.total.max(1);
        let line = format!(
            "[{}{}] {done}/{} {}",
            "#".repeat(filled),
            ".".repeat(Self::WIDTH - filled),
            self.total,
            printable(name)
        );
        let mut err = std::io::stderr().lock();
        // Progress is a courtesy; a closed stderr must not stop the grading.
        let _ = if self.terminal {
            write!(err, "\r{line}\x1b[K").and_then(|()| err.flush())
        } else {
            writeln!(err, "{line}")
        };
    }

    fn finish(&self) {
        if self.terminal && self.total > 0 {
            let _ = writeln!(std::io::stderr());
        }
    }
}

fn print_summary(a: &ClassGradeArgs, course: &SiteCourse, rows: &[Row]) -> anyhow::Result<()> {
    let mut s = String::new();
    let dir = printable(&a.dir.display().to_string());
    if rows.is_empty() {
        writeln!(
            s,
            "{dir} has no .json files to grade: put the learners' exported evidence bundles and certificates there. The CSV has the header only."
        )?;
    } else {
        writeln!(
            s,
            "Re-graded {} file{} in {dir} against course version {}:",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            course.manifest.short_version()
        )?;
    }
    for status in Status::ALL {
        let n = rows.iter().filter(|r| r.status == status).count();
        writeln!(s, "  {:<11} {n:>4}", status.as_str())?;
    }

    let mut tracks: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.status.graded()) {
        if let Some((p, t)) = r.score {
            let pct = if t == 0 {
                0.0
            } else {
                p as f64 * 100.0 / t as f64
            };
            tracks.entry(r.track.as_str()).or_default().push(pct);
        }
    }
    if !tracks.is_empty() {
        writeln!(s, "Average score by track (complete and incomplete files):")?;
        let width = tracks.keys().map(|t| t.chars().count()).max().unwrap_or(0);
        for (track, scores) in &tracks {
            let mean = scores.iter().sum::<f64>() / scores.len() as f64;
            writeln!(
                s,
                "  {:<width$}  {mean:>5.1} %  over {} file{}",
                printable(track),
                scores.len(),
                if scores.len() == 1 { "" } else { "s" }
            )?;
        }
    }

    let bad: Vec<&Row> = rows.iter().filter(|r| !r.status.graded()).collect();
    if !bad.is_empty() {
        writeln!(s, "Not graded (malformed or tampered):")?;
        for r in bad {
            writeln!(
                s,
                "  {}: {}: {}",
                printable(&r.file),
                r.status.as_str(),
                printable(&r.problems.join("; "))
            )?;
        }
    }

    // The same note for many files (a class that worked under last term's
    // course version) is one line naming how many, not one line per file.
    let mut notes: Vec<(String, Vec<&str>)> = Vec::new();
    for r in rows {
        for n in &r.notes {
            match notes.iter_mut().find(|(text, _)| text == n) {
                Some((_, files)) => files.push(&r.file),
                None => notes.push((n.clone(), vec![r.file.as_str()])),
            }
        }
    }
    if !notes.is_empty() {
        writeln!(s, "Notes:")?;
        for (text, files) in notes {
            match files.as_slice() {
                [one] => writeln!(s, "  {}: {}", printable(one), printable(&text))?,
                [first, .., last] => writeln!(
                    s,
                    "  {} files ({} … {}): {}",
                    files.len(),
                    printable(first),
                    printable(last),
                    printable(&text)
                )?,
                [] => {}
            }
        }
    }
    writeln!(
        s,
        "Wrote {} row{} to {}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        printable(&a.out.display().to_string())
    )?;
    std::io::stdout()
        .lock()
        .write_all(s.as_bytes())
        .context("cannot print the summary")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_as_rfc_4180_says_and_formulas_defused() {
        assert_eq!(cell("Ada Quill"), "Ada Quill");
        assert_eq!(cell("Nguyen, Thi Lan"), "\"Nguyen, Thi Lan\"");
        assert_eq!(cell("Bo \"Sparrow\" Lind"), "\"Bo \"\"Sparrow\"\" Lind\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-2,3"), "\"'-2,3\"");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn scores_have_one_decimal_rounded_half_up() {
        assert_eq!(percent(27, 27), "100.0");
        assert_eq!(percent(26, 27), "96.3");
        assert_eq!(percent(2, 32), "6.3"); // 6.25
        assert_eq!(percent(0, 5), "0.0");
        assert_eq!(percent(0, 0), "0.0");
        assert_eq!(percent(1, 3), "33.3");
        assert_eq!(percent(2, 3), "66.7");
    }

    #[test]
    fn long_reports_become_one_short_line() {
        assert_eq!(one_line("a\n  b\tc ", 10), "a b c");
        assert_eq!(one_line("abcdef ghij", 8), "abcdef\u{2026}");
        assert_eq!(one_line("é".repeat(5).as_str(), 3), "éé\u{2026}");
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(printable("Ana\u{1b}[31m"), "Ana\\u{1b}[31m");
        assert_eq!(printable("Zoë\r"), "Zoë\\r");
    }

    #[test]
    fn fields_the_app_never_writes_are_found() {
        let ok = serde_json::json!({"format": "rampart-evidence", "exercises": [{"id": "x"}]});
        assert_eq!(unknown_field(&ok), None);
        let top = serde_json::json!({"format": "rampart-evidence", "score": 100});
        assert_eq!(
            unknown_field(&top).as_deref(),
            Some("unknown field \"score\"")
        );
        let inner = serde_json::json!({"exercises": [{"id": "x"}, {"id": "y", "passed": true}]});
        assert_eq!(
            unknown_field(&inner).as_deref(),
            Some("unknown field \"passed\" in exercises[1]")
        );
    }
}
