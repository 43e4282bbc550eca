//! Reading a course from disk: `course.toml`, `lessons/*.md`,
//! `exercises/*/exercise.toml`. Every problem is collected with its file and
//! line; loading goes on past errors so an author sees them all at once.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{
    ActionPin, AdvisoriesSpec, AdvisoryMode, ArtifactFiles, CCase, CSpec, Example, Exercise,
    ExerciseKind, FuzzSpec, GivenFile, IntegritySpec, KindSpec, LessonDoc, LineNote,
    ProvenanceSpec, QuizOption, QuizSpec, RegistrySpec, SbomSpec, Source, SpotSpec, TyposquatSpec,
    Visibility, WorkflowKeep, WorkflowSpec, language_of,
};
use crate::render::{InternalLink, render_fragment, render_lesson};
use crate::{highlight, is_valid_id};

/// Largest content file read, so a stray binary cannot eat the build.
const MAX_FILE: u64 = 1024 * 1024;

/// One content problem: the file (relative to the course root), the 1-based
/// line where known, and a sentence saying what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: Option<u32>,
    pub message: String,
}

impl Problem {
    pub fn new(file: impl Into<String>, line: Option<u32>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseToml {
    title: String,
    #[serde(default)]
    description: String,
    tracks: Vec<TrackToml>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackToml {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lessons: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    title: String,
    summary: String,
    minutes: u32,
    objectives: Vec<String>,
    #[serde(default)]
    sources: Vec<Source>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExerciseToml {
    id: String,
    kind: String,
    title: String,
    prompt: String,
    #[serde(default = "default_points")]
    points: u32,
    #[serde(default)]
    hints: Vec<String>,
    #[serde(default)]
    explains: String,
    seed: Option<u64>,
    quiz: Option<QuizToml>,
    spot: Option<SpotToml>,
    c: Option<CToml>,
    workflow: Option<toml::Table>,
    advisories: Option<toml::Table>,
    typosquat: Option<toml::Table>,
    registry: Option<toml::Table>,
    sbom: Option<toml::Table>,
    integrity: Option<toml::Table>,
    provenance: Option<toml::Table>,
    #[serde(default)]
    examples: Vec<Example>,
}

/// The keys every supply-chain kind's table has.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArtifactToml {
    file: String,
    starter: String,
    solution: String,
    #[serde(default)]
    given: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkflowToml {
    #[serde(default)]
    triggers: Vec<String>,
    #[serde(default)]
    keep: Vec<WorkflowKeep>,
    #[serde(default)]
    pin: Vec<ActionPin>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdvisoriesToml {
    mode: AdvisoryMode,
    lockfile: Option<String>,
    advisories: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TyposquatToml {
    expect: Vec<String>,
    #[serde(default)]
    popular: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryToml {
    private: Vec<String>,
    registry: String,
    registry_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SbomToml {
    lockfile: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntegrityToml {
    artifacts: Vec<String>,
    checksums: String,
    signature: Option<String>,
    public_key: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvenanceToml {
    artifacts: Vec<String>,
    statements: Vec<String>,
    accept: Vec<String>,
}

fn default_points() -> u32 {
    10
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizToml {
    #[serde(default)]
    multiple: bool,
    options: Vec<QuizOptionToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizOptionToml {
    id: String,
    text: String,
    #[serde(default)]
    correct: bool,
    #[serde(default)]
    feedback: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CToml {
    starter: String,
    solution: String,
    #[serde(default)]
    cases: Vec<CCase>,
    fuzz: Option<FuzzSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpotToml {
    language: String,
    listing: String,
    vulnerable: Vec<LineNote>,
    #[serde(default)]
    notes: Vec<LineNote>,
}

/// A lesson as loaded: the rendered document and what it refers to.
#[derive(Debug, Clone)]
pub struct LoadedLesson {
    pub doc: LessonDoc,
    /// Path relative to the course root, for messages.
    pub file: String,
    pub embeds: Vec<(String, u32)>,
    pub links: Vec<InternalLink>,
    pub citations: Vec<(String, u32)>,
    /// Line of each source id in the front matter.
    pub source_lines: Vec<(String, u32)>,
}

/// An exercise as loaded, with what only the checker needs.
#[derive(Debug, Clone)]
pub struct LoadedExercise {
    pub exercise: Exercise,
    pub examples: Vec<Example>,
    pub file: String,
    pub dir: PathBuf,
    pub text: String,
}

impl LoadedExercise {
    /// The line in `exercise.toml` where `needle` first occurs, for messages.
    pub fn line_of(&self, needle: &str) -> Option<u32> {
        line_of(&self.text, needle)
    }
}

/// A whole course as read from disk.
#[derive(Debug, Clone)]
pub struct Course {
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    pub tracks: Vec<TrackToml>,
    /// Lessons in course order (only those that loaded).
    pub lessons: Vec<LoadedLesson>,
    pub exercises: BTreeMap<String, LoadedExercise>,
    /// Text of `course.toml`, for line numbers.
    pub manifest_text: String,
}

impl Course {
    pub fn lesson(&self, id: &str) -> Option<&LoadedLesson> {
        self.lessons.iter().find(|l| l.doc.id == id)
    }
}

/// The 1-based line where `needle` first occurs in `text`.
pub fn line_of(text: &str, needle: &str) -> Option<u32> {
    let at = text.find(needle)?;
    u32::try_from(text[..at].matches('\n').count() + 1).ok()
}

fn line_at(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    let mut o = offset;
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    u32::try_from(text[..o].matches('\n').count() + 1).unwrap_or(u32::MAX)
}

fn read_text(path: &Path, rel: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE => {
            problems.push(Problem::new(
                rel,
                None,
                format!(
                    "file is {} bytes; content files must be under {MAX_FILE} bytes",
                    m.len()
                ),
            ));
            return None;
        }
        Ok(_) => {}
        Err(e) => {
            problems.push(Problem::new(
                rel,
                None,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s.replace("\r\n", "\n")),
            Err(e) => {
                let line = line_at(
                    &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
                    usize::MAX,
                );
                problems.push(Problem::new(rel, Some(line), "the file is not valid UTF-8"));
                None
            }
        },
        Err(e) => {
            problems.push(Problem::new(
                rel,
                None,
                format!("cannot read the file: {e}"),
            ));
            None
        }
    }
}

fn toml_problem(rel: &str, text: &str, first_line: u32, err: &toml::de::Error) -> Problem {
    let line = err.span().map(|s| line_at(text, s.start) + first_line - 1);
    let msg = err.message().trim().replace('\n', " ");
    Problem::new(rel, line, format!("invalid TOML: {msg}"))
}

/// Loads the course at `root`. Returns what could be loaded and every problem.
pub fn load(root: &Path) -> (Course, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut course = Course {
        root: root.to_path_buf(),
        title: String::new(),
        description: String::new(),
        tracks: Vec::new(),
        lessons: Vec::new(),
        exercises: BTreeMap::new(),
        manifest_text: String::new(),
    };

    // 1. The manifest.
    let manifest_rel = "course.toml";
    if let Some(text) = read_text(&root.join(manifest_rel), manifest_rel, &mut problems) {
        match toml::from_str::<CourseToml>(&text) {
            Ok(m) => {
                course.title = m.title;
                course.description = m.description;
                course.tracks = m.tracks;
            }
            Err(e) => problems.push(toml_problem(manifest_rel, &text, 1, &e)),
        }
        course.manifest_text = text;
    }
    validate_tracks(&course, &mut problems);

    // 2. Exercises (lessons need to know which exist only in the checker).
    let ex_dir = root.join("exercises");
    for dir in sorted_entries(&ex_dir, &mut problems, "exercises") {
        if !dir.is_dir() {
            continue;
        }
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let rel = format!("exercises/{name}/exercise.toml");
        if !dir.join("exercise.toml").is_file() {
            problems.push(Problem::new(
                format!("exercises/{name}"),
                None,
                "this exercise folder has no exercise.toml",
            ));
            continue;
        }
        if let Some(ex) = load_exercise(&dir, &name, &rel, &mut problems) {
            course.exercises.insert(ex.exercise.id.clone(), ex);
        }
    }

    // 3. Lessons, in manifest order; then files that no track lists.
    let mut listed = Vec::new();
    for track in &course.tracks {
        for id in &track.lessons {
            listed.push(id.clone());
            let rel = format!("lessons/{id}.md");
            let path = root.join(&rel);
            if !path.is_file() {
                problems.push(Problem::new(
                    manifest_rel,
                    line_of(&course.manifest_text, &format!("\"{id}\"")),
                    format!(
                        "track `{}` lists lesson `{id}`, but {rel} does not exist",
                        track.id
                    ),
                ));
                continue;
            }
            if course.lesson(id).is_some() {
                continue; // reported as a duplicate by validate_tracks
            }
            if let Some(lesson) = load_lesson(&path, id, &rel, &mut problems) {
                course.lessons.push(lesson);
            }
        }
    }
    for path in sorted_entries(&root.join("lessons"), &mut problems, "lessons") {
        if path.extension().is_some_and(|e| e == "md") {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            if !listed.contains(&stem) {
                problems.push(Problem::new(
                    format!("lessons/{stem}.md"),
                    None,
                    format!("this lesson is not listed in any track of course.toml; add \"{stem}\" to a track's `lessons`"),
                ));
            }
        }
    }
    (course, problems)
}

fn sorted_entries(dir: &Path, problems: &mut Vec<Problem>, rel: &str) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            v
        }
        Err(e) => {
            problems.push(Problem::new(
                rel,
                None,
                format!("cannot read the folder: {e}"),
            ));
            Vec::new()
        }
    }
}

fn validate_tracks(course: &Course, problems: &mut Vec<Problem>) {
    let text = &course.manifest_text;
    if course.tracks.is_empty() && !text.is_empty() {
        problems.push(Problem::new(
            "course.toml",
            None,
            "the course has no tracks; add a [[tracks]] table",
        ));
    }
    let mut seen_tracks: Vec<&str> = Vec::new();
    let mut seen_lessons: Vec<&str> = Vec::new();
    for t in &course.tracks {
        let line = line_of(text, &format!("\"{}\"", t.id));
        if !is_valid_id(&t.id) {
            problems.push(Problem::new(
                "course.toml",
                line,
                format!(
                    "track id `{}` is not valid: use lowercase letters, digits and single dashes",
                    t.id
                ),
            ));
        }
        if seen_tracks.contains(&t.id.as_str()) {
            problems.push(Problem::new(
                "course.toml",
                line,
                format!("track id `{}` is used twice", t.id),
            ));
        }
        seen_tracks.push(&t.id);
        if t.lessons.is_empty() {
            problems.push(Problem::new(
                "course.toml",
                line,
                format!("track `{}` has no lessons", t.id),
            ));
        }
        for l in &t.lessons {
            let line = line_of(text, &format!("\"{l}\""));
            if !is_valid_id(l) {
                problems.push(Problem::new("course.toml", line, format!("lesson id `{l}` is not valid: use lowercase letters, digits and single dashes")));
            }
            if seen_lessons.contains(&l.as_str()) {
                problems.push(Problem::new(
                    "course.toml",
                    line,
                    format!(
                        "lesson `{l}` is listed twice; a lesson belongs to exactly one track, once"
                    ),
                ));
            }
            seen_lessons.push(l);
        }
    }
}

/// Splits `+++` TOML front matter from the body. Returns (front matter, body,
/// line of the body's first line).
fn split_front_matter(text: &str) -> Option<(&str, &str, u32)> {
    let rest = text.strip_prefix("+++\n")?;
    let end = rest
        .find("\n+++\n")
        .map(|i| (i, i + 5))
        .or_else(|| rest.strip_suffix("\n+++").map(|r| (r.len(), rest.len())))?;
    let fm = &rest[..end.0 + 1];
    let body = &rest[end.1..];
    let body_line = u32::try_from(fm.matches('\n').count() + 3).unwrap_or(u32::MAX);
    Some((fm, body, body_line))
}

fn load_lesson(
    path: &Path,
    id: &str,
    rel: &str,
    problems: &mut Vec<Problem>,
) -> Option<LoadedLesson> {
    let text = read_text(path, rel, problems)?;
    let Some((fm_text, body, body_line)) = split_front_matter(&text) else {
        problems.push(Problem::new(
            rel,
            Some(1),
            "the lesson must start with TOML front matter between `+++` lines",
        ));
        return None;
    };
    let fm: FrontMatter = match toml::from_str(fm_text) {
        Ok(fm) => fm,
        Err(e) => {
            problems.push(toml_problem(rel, fm_text, 2, &e));
            return None;
        }
    };
    let fm_line = |needle: &str| line_of(fm_text, needle).map(|l| l + 1);
    if fm.id != id {
        problems.push(Problem::new(
            rel,
            fm_line("id"),
            format!(
                "front matter id `{}` must equal the file name `{id}`",
                fm.id
            ),
        ));
    }
    if fm.title.trim().is_empty() {
        problems.push(Problem::new(rel, fm_line("title"), "the title is empty"));
    }
    if fm.summary.trim().is_empty() {
        problems.push(Problem::new(
            rel,
            fm_line("summary"),
            "the summary is empty",
        ));
    }
    if !(1..=120).contains(&fm.minutes) {
        problems.push(Problem::new(
            rel,
            fm_line("minutes"),
            format!("minutes is {}; give an estimate from 1 to 120", fm.minutes),
        ));
    }
    if !(2..=4).contains(&fm.objectives.len()) {
        problems.push(Problem::new(
            rel,
            fm_line("objectives"),
            format!(
                "a lesson has 2 to 4 learning objectives; this one has {}",
                fm.objectives.len()
            ),
        ));
    }
    if fm.sources.is_empty() {
        problems.push(Problem::new(
            rel,
            Some(1),
            "the lesson cites no sources: add [[sources]] with title and url to the front matter",
        ));
    }
    let mut source_lines = Vec::new();
    let mut source_ids: Vec<String> = Vec::new();
    for (n, s) in fm.sources.iter().enumerate() {
        let line = if s.id.is_empty() {
            fm_line(&s.url)
        } else {
            fm_line(&format!("\"{}\"", s.id))
        };
        if s.id.is_empty() {
            problems.push(Problem::new(
                rel,
                line,
                format!(
                    "source {} has no id: give it one so the text can cite it with [^id]",
                    n + 1
                ),
            ));
        } else if source_ids.contains(&s.id) {
            problems.push(Problem::new(
                rel,
                line,
                format!("source id `{}` is used twice", s.id),
            ));
        }
        if s.title.trim().is_empty() {
            problems.push(Problem::new(
                rel,
                line,
                format!("source `{}` has no title", s.id),
            ));
        }
        if !s.url.starts_with("https://") && !s.url.starts_with("http://") {
            problems.push(Problem::new(
                rel,
                line,
                format!(
                    "source `{}` needs a web address (https://…), not `{}`",
                    s.id, s.url
                ),
            ));
        }
        source_ids.push(s.id.clone());
        source_lines.push((s.id.clone(), line.unwrap_or(1)));
    }
    let rendered = render_lesson(body, body_line, &source_ids);
    for p in &rendered.problems {
        problems.push(Problem::new(rel, Some(p.line), p.message.clone()));
    }
    Some(LoadedLesson {
        doc: LessonDoc {
            id: id.to_string(),
            title: fm.title,
            summary: fm.summary,
            minutes: fm.minutes,
            objectives: fm.objectives,
            sources: fm.sources,
            toc: rendered.toc,
            blocks: rendered.blocks,
            exercises: Vec::new(),
        },
        file: rel.to_string(),
        embeds: rendered.embeds,
        links: rendered.links,
        citations: rendered.citations,
        source_lines,
    })
}

/// A stable seed from an id (FNV-1a), so option order is fixed per exercise.
pub fn seed_from_id(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn load_exercise(
    dir: &Path,
    name: &str,
    rel: &str,
    problems: &mut Vec<Problem>,
) -> Option<LoadedExercise> {
    let text = read_text(&dir.join("exercise.toml"), rel, problems)?;
    let t: ExerciseToml = match toml::from_str(&text) {
        Ok(t) => t,
        Err(e) => {
            problems.push(toml_problem(rel, &text, 1, &e));
            return None;
        }
    };
    let at = |needle: &str| line_of(&text, needle);
    let before = problems.len();
    let mut push = |line: Option<u32>, msg: String| problems.push(Problem::new(rel, line, msg));
    if t.id != name {
        push(
            at("id"),
            format!("exercise id `{}` must equal its folder name `{name}`", t.id),
        );
    }
    if !is_valid_id(&t.id) {
        push(
            at("id"),
            format!(
                "exercise id `{}` is not valid: use lowercase letters, digits and single dashes",
                t.id
            ),
        );
    }
    if t.points == 0 {
        push(at("points"), "points must be at least 1".into());
    }
    if t.hints.is_empty() {
        push(
            Some(1),
            "give at least one hint (a nudge first, the last one almost the answer)".into(),
        );
    }
    if !t.explains.is_empty() && !t.explains.contains('#') {
        push(
            at("explains"),
            format!(
                "explains = \"{}\" must name a lesson section: `lesson-id#anchor`",
                t.explains
            ),
        );
    }
    let (prompt_html, fragment_problems) =
        render_fragment(&t.prompt, false, at("prompt").unwrap_or(1));
    for p in fragment_problems {
        push(Some(p.line), format!("in the prompt: {}", p.message));
    }
    let mut hints = Vec::new();
    for h in &t.hints {
        let (html, ps) = render_fragment(h, true, at("hints").unwrap_or(1));
        for p in ps {
            push(Some(p.line), format!("in a hint: {}", p.message));
        }
        hints.push(html);
    }
    let tables: Vec<&str> = [
        ("quiz", t.quiz.is_some()),
        ("spot", t.spot.is_some()),
        ("c", t.c.is_some()),
        ("workflow", t.workflow.is_some()),
        ("advisories", t.advisories.is_some()),
        ("typosquat", t.typosquat.is_some()),
        ("registry", t.registry.is_some()),
        ("sbom", t.sbom.is_some()),
        ("integrity", t.integrity.is_some()),
        ("provenance", t.provenance.is_some()),
    ]
    .into_iter()
    .filter_map(|(k, present)| present.then_some(k))
    .collect();
    let kind = t.kind.as_str();
    let spec = if ExerciseKind::parse(kind).is_none() {
        push(
            at("kind"),
            format!(
                "unknown exercise kind `{kind}`; the kinds are: {}",
                ExerciseKind::ALL
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        None
    } else if tables != [kind] {
        push(
            at("kind"),
            format!(
                "kind = \"{kind}\" needs exactly one [{kind}] table, and no table of another kind"
            ),
        );
        None
    } else {
        let ctx = ArtifactCtx {
            dir,
            name,
            text: &text,
            kind,
        };
        match kind {
            "quiz" => t.quiz.and_then(|q| quiz_spec(q, &text, &mut push)),
            "spot" => t.spot.and_then(|s| spot_spec(s, dir, name, &text, &mut push)),
            "c" => t.c.and_then(|c| c_spec(c, dir, name, &text, &mut push)),
            "workflow" => t.workflow.and_then(|tb| {
                let (files, w): (_, WorkflowToml) = ctx.split(tb, &mut push)?;
                Some(KindSpec::Workflow(WorkflowSpec {
                    files,
                    triggers: w.triggers,
                    keep: w.keep,
                    pin: w.pin,
                }))
            }),
            "advisories" => t.advisories.and_then(|tb| {
                let (files, a): (_, AdvisoriesToml) = ctx.split(tb, &mut push)?;
                let mut named: Vec<&str> = a.advisories.iter().map(String::as_str).collect();
                match (a.mode, &a.lockfile) {
                    (AdvisoryMode::Triage, Some(l)) => named.push(l),
                    (AdvisoryMode::Triage, None) => push(
                        ctx.table_line(),
                        "mode = \"triage\" needs lockfile = \"<a given lockfile>\"".into(),
                    ),
                    (AdvisoryMode::Lockfile, Some(_)) => push(
                        ctx.table_line(),
                        "mode = \"lockfile\" edits the lockfile itself (file = …); drop `lockfile`".into(),
                    ),
                    (AdvisoryMode::Lockfile, None) => {}
                }
                if a.advisories.is_empty() {
                    push(ctx.table_line(), "list at least one OSV advisory file in `advisories`".into());
                }
                ctx.require_given(&files, &named, &mut push)?;
                Some(KindSpec::Advisories(AdvisoriesSpec {
                    files,
                    mode: a.mode,
                    lockfile: a.lockfile,
                    advisories: a.advisories,
                }))
            }),
            "typosquat" => t.typosquat.and_then(|tb| {
                let (files, ty): (_, TyposquatToml) = ctx.split(tb, &mut push)?;
                if ty.expect.is_empty() {
                    push(ctx.table_line(), "list the packages the project really needs in `expect`".into());
                }
                Some(KindSpec::Typosquat(TyposquatSpec {
                    files,
                    expect: ty.expect,
                    popular: ty.popular,
                }))
            }),
            "registry" => t.registry.and_then(|tb| {
                let (files, r): (_, RegistryToml) = ctx.split(tb, &mut push)?;
                Some(KindSpec::Registry(RegistrySpec {
                    files,
                    private: r.private,
                    registry: r.registry,
                    registry_name: r.registry_name,
                }))
            }),
            "sbom" => t.sbom.and_then(|tb| {
                let (files, sb): (_, SbomToml) = ctx.split(tb, &mut push)?;
                ctx.require_given(&files, &[sb.lockfile.as_str()], &mut push)?;
                Some(KindSpec::Sbom(SbomSpec {
                    files,
                    lockfile: sb.lockfile,
                }))
            }),
            "integrity" => t.integrity.and_then(|tb| {
                let (files, i): (_, IntegrityToml) = ctx.split(tb, &mut push)?;
                let mut named: Vec<&str> = i.artifacts.iter().map(String::as_str).collect();
                named.push(&i.checksums);
                named.extend(i.signature.as_deref());
                named.extend(i.public_key.as_deref());
                if i.signature.is_some() != i.public_key.is_some() {
                    push(ctx.table_line(), "give both `signature` and `public_key`, or neither".into());
                }
                ctx.require_given(&files, &named, &mut push)?;
                Some(KindSpec::Integrity(IntegritySpec {
                    files,
                    artifacts: i.artifacts,
                    checksums: i.checksums,
                    signature: i.signature,
                    public_key: i.public_key,
                }))
            }),
            "provenance" => t.provenance.and_then(|tb| {
                let (files, p): (_, ProvenanceToml) = ctx.split(tb, &mut push)?;
                if p.artifacts.len() != p.statements.len() {
                    push(
                        ctx.table_line(),
                        format!(
                            "{} artifacts but {} statements: give one statement per artifact, in the same order",
                            p.artifacts.len(),
                            p.statements.len()
                        ),
                    );
                }
                for a in &p.accept {
                    if !p.artifacts.contains(a) {
                        push(line_of(&text, &format!("\"{a}\"")), format!("accept names `{a}`, which is not one of the artifacts"));
                    }
                }
                let mut named: Vec<&str> = p.artifacts.iter().map(String::as_str).collect();
                named.extend(p.statements.iter().map(String::as_str));
                ctx.require_given(&files, &named, &mut push)?;
                Some(KindSpec::Provenance(ProvenanceSpec {
                    files,
                    artifacts: p.artifacts,
                    statements: p.statements,
                    accept: p.accept,
                }))
            }),
            _ => None,
        }
    };
    let spec = spec?;
    for ex in &t.examples {
        let fits = matches!(
            (&spec, &ex.submission),
            (KindSpec::Quiz(_), crate::model::Submission::Quiz { .. })
                | (KindSpec::Spot(_), crate::model::Submission::Spot { .. })
                | (
                    KindSpec::C(_)
                        | KindSpec::Workflow(_)
                        | KindSpec::Advisories(_)
                        | KindSpec::Typosquat(_)
                        | KindSpec::Registry(_)
                        | KindSpec::Sbom(_)
                        | KindSpec::Integrity(_)
                        | KindSpec::Provenance(_),
                    crate::model::Submission::Files { .. }
                )
        );
        if !fits {
            push(
                at(&ex.name),
                format!(
                    "example \"{}\" has a {} submission, but this is a {} exercise",
                    ex.name,
                    ex.submission.kind_name(),
                    spec.kind()
                ),
            );
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(LoadedExercise {
        exercise: Exercise {
            seed: t.seed.unwrap_or_else(|| seed_from_id(&t.id)),
            id: t.id,
            title: t.title,
            prompt_html,
            points: t.points,
            hints,
            explains: t.explains,
            spec,
        },
        examples: t.examples,
        file: rel.to_string(),
        dir: dir.to_path_buf(),
        text,
    })
}

fn quiz_spec(
    q: QuizToml,
    text: &str,
    push: &mut impl FnMut(Option<u32>, String),
) -> Option<KindSpec> {
    if q.options.len() < 2 {
        push(
            line_of(text, "[quiz]"),
            "a quiz needs at least two options".into(),
        );
    }
    let correct = q.options.iter().filter(|o| o.correct).count();
    if !q.multiple && correct != 1 {
        push(
            line_of(text, "[quiz]"),
            format!(
                "a single-answer quiz needs exactly one correct option; this one has {correct} (set `multiple = true` if several are right)"
            ),
        );
    }
    if q.multiple && correct == 0 {
        push(
            line_of(text, "[quiz]"),
            "a multiple-answer quiz needs at least one correct option".into(),
        );
    }
    let mut ids: Vec<&str> = Vec::new();
    let mut options = Vec::new();
    for o in &q.options {
        let line = line_of(text, &format!("id = \"{}\"", o.id));
        if ids.contains(&o.id.as_str()) {
            push(line, format!("option id `{}` is used twice", o.id));
        }
        ids.push(&o.id);
        if o.feedback.trim().is_empty() {
            push(
                line,
                format!(
                    "option `{}` has no feedback: say why it is right or wrong",
                    o.id
                ),
            );
        }
        let (text_html, ps) = render_fragment(&o.text, true, line.unwrap_or(1));
        for p in ps {
            push(Some(p.line), format!("in option `{}`: {}", o.id, p.message));
        }
        options.push(QuizOption {
            id: o.id.clone(),
            text_html,
            correct: o.correct,
            feedback: o.feedback.clone(),
        });
    }
    Some(KindSpec::Quiz(QuizSpec {
        multiple: q.multiple,
        options,
    }))
}

fn spot_spec(
    s: SpotToml,
    dir: &Path,
    name: &str,
    text: &str,
    push: &mut impl FnMut(Option<u32>, String),
) -> Option<KindSpec> {
    let at_line = |n: u32| line_of(text, &format!("line = {n}"));
    let listing_rel = format!("exercises/{name}/{}", s.listing);
    if s.listing.contains('/') || s.listing.contains("..") {
        push(
            None,
            format!(
                "listing `{}` must be a file in the exercise folder",
                s.listing
            ),
        );
        return None;
    }
    let mut ps = Vec::new();
    let Some(listing) = read_text(&dir.join(&s.listing), &listing_rel, &mut ps) else {
        for p in ps {
            push(None, format!("{}: {}", p.file, p.message));
        }
        return None;
    };
    if !highlight::knows_language(&s.language) {
        push(None, format!("unknown listing language `{}`", s.language));
    }
    let count = u32::try_from(listing.lines().count()).unwrap_or(u32::MAX);
    if s.vulnerable.is_empty() {
        push(
            None,
            "a spot exercise needs at least one [[spot.vulnerable]] line".into(),
        );
    }
    let mut seen = Vec::new();
    for n in s.vulnerable.iter().chain(&s.notes) {
        if n.line == 0 || n.line > count {
            push(
                at_line(n.line),
                format!(
                    "line {} is outside the listing, which has {count} lines",
                    n.line
                ),
            );
        }
        if seen.contains(&n.line) {
            push(
                at_line(n.line),
                format!(
                    "line {} is listed twice (a line is either vulnerable or has a note, once)",
                    n.line
                ),
            );
        }
        seen.push(n.line);
        if n.feedback.trim().is_empty() {
            push(at_line(n.line), format!("line {} has no feedback", n.line));
        }
    }
    let lines_html = highlight::highlight_lines(&listing, &s.language);
    Some(KindSpec::Spot(SpotSpec {
        language: s.language,
        listing,
        lines_html,
        vulnerable: s.vulnerable,
        notes: s.notes,
    }))
}

fn read_sibling(
    dir: &Path,
    name: &str,
    file: &str,
    what: &str,
    push: &mut impl FnMut(Option<u32>, String),
) -> Option<String> {
    if file.contains('/') || file.contains("..") {
        push(
            None,
            format!("{what} `{file}` must be a file in the exercise folder"),
        );
        return None;
    }
    let mut ps = Vec::new();
    let text = read_text(
        &dir.join(file),
        &format!("exercises/{name}/{file}"),
        &mut ps,
    );
    for p in ps {
        push(None, format!("{what}: {}: {}", p.file, p.message));
    }
    text
}

fn c_spec(
    c: CToml,
    dir: &Path,
    name: &str,
    text: &str,
    push: &mut impl FnMut(Option<u32>, String),
) -> Option<KindSpec> {
    let starter = read_sibling(dir, name, &c.starter, "starter", push);
    let solution = read_sibling(dir, name, &c.solution, "solution", push);
    let count = |v: Visibility| c.cases.iter().filter(|x| x.visibility == v).count();
    if count(Visibility::Visible) == 0 {
        push(line_of(text, "[c]"), "a c exercise needs at least one visible case ([[c.cases]] with visibility = \"visible\")".into());
    }
    if count(Visibility::Attack) == 0 {
        push(
            line_of(text, "[c]"),
            "a c exercise needs at least one attack case: the input an attacker would send".into(),
        );
    }
    let mut names: Vec<&str> = Vec::new();
    for case in &c.cases {
        if names.contains(&case.name.as_str()) {
            push(
                line_of(text, &format!("\"{}\"", case.name)),
                format!("case name \"{}\" is used twice", case.name),
            );
        }
        names.push(&case.name);
    }
    if let Some(f) = &c.fuzz
        && f.count > 1000
    {
        push(
            line_of(text, "[c.fuzz]"),
            format!(
                "fuzz count is {}; keep it at 1000 or fewer so grading stays fast",
                f.count
            ),
        );
    }
    Some(KindSpec::C(CSpec {
        file: "main.c".to_string(),
        starter: starter?,
        solution: solution?,
        cases: c.cases,
        fuzz: c.fuzz,
    }))
}

/// Reads the shared keys of a supply-chain kind's table and its files.
struct ArtifactCtx<'a> {
    dir: &'a Path,
    name: &'a str,
    text: &'a str,
    kind: &'a str,
}

impl ArtifactCtx<'_> {
    fn table_line(&self) -> Option<u32> {
        line_of(self.text, &format!("[{}]", self.kind))
    }

    /// Splits the table into the shared keys (read with their files) and
    /// the kind's own keys, deserialized into `T`.
    fn split<T: serde::de::DeserializeOwned>(
        &self,
        mut table: toml::Table,
        push: &mut impl FnMut(Option<u32>, String),
    ) -> Option<(ArtifactFiles, T)> {
        let mut common = toml::Table::new();
        for key in ["file", "starter", "solution", "given"] {
            if let Some(v) = table.remove(key) {
                common.insert(key.to_string(), v);
            }
        }
        let at = self.table_line();
        let shared: Result<ArtifactToml, _> = toml::Value::Table(common).try_into();
        let own: Result<T, _> = toml::Value::Table(table).try_into();
        let shared = shared
            .map_err(|e| {
                push(
                    at,
                    format!(
                        "in [{}]: {} (every supply-chain kind needs file, starter and solution; given is optional)",
                        self.kind,
                        e.message().trim()
                    ),
                )
            })
            .ok();
        let own = own
            .map_err(|e| push(at, format!("in [{}]: {}", self.kind, e.message().trim())))
            .ok();
        let (shared, own) = (shared?, own?);
        if shared.file.trim().is_empty() || shared.file.contains("..") {
            push(
                at,
                format!(
                    "file = \"{}\" must be a plain file name such as `.github/workflows/ci.yml`",
                    shared.file
                ),
            );
            return None;
        }
        let starter = read_sibling(self.dir, self.name, &shared.starter, "starter", push);
        let solution = read_sibling(self.dir, self.name, &shared.solution, "solution", push);
        let mut given = Vec::new();
        for g in &shared.given {
            if let Some(content) = read_sibling(self.dir, self.name, g, "given file", push) {
                given.push(GivenFile {
                    name: g.clone(),
                    language: language_of(g).to_string(),
                    content,
                });
            }
        }
        if given.len() != shared.given.len() {
            return None;
        }
        Some((
            ArtifactFiles {
                language: language_of(&shared.file).to_string(),
                file: shared.file,
                starter: starter?,
                solution: solution?,
                given,
            },
            own,
        ))
    }

    /// Every name must be one of the given files.
    fn require_given(
        &self,
        files: &ArtifactFiles,
        names: &[&str],
        push: &mut impl FnMut(Option<u32>, String),
    ) -> Option<()> {
        let mut ok = true;
        for n in names {
            if files.given(n).is_none() {
                ok = false;
                push(
                    line_of(self.text, &format!("\"{n}\"")).or(self.table_line()),
                    format!(
                        "`{n}` must also be listed in `given` (the files shown to the learner)"
                    ),
                );
            }
        }
        ok.then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        let (fm, body, line) =
            split_front_matter("+++\nid = \"a\"\n+++\nbody\n").unwrap_or_default();
        assert_eq!(fm, "id = \"a\"\n");
        assert_eq!(body, "body\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("no front matter").is_none());
    }

    #[test]
    fn seeds_are_stable() {
        assert_eq!(seed_from_id("a"), seed_from_id("a"));
        assert_ne!(seed_from_id("a"), seed_from_id("b"));
    }
}
